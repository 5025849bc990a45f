/* poaching.c: contacting another group's protected customer (抢客)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `poaching` (lvchen-joint 七.2): a consultant who contacts another
 * group's customer inside its protection is fined (the `sanction` of kind
 * `poaching`, with its `fine`). The original's “如以成交” is “如已成交”,
 * set against “如客户尚未成交”: found before the customer's deal, the
 * customer stays with the original group and later deals follow the
 * normal rules; found after it, the performance of the deal already made
 * goes to the developer (catalog §11). The regulation moves the
 * performance only, so the commission shares stand with the protected
 * holder. A sanction naming the deal counts for it whenever it was found.
 * With `after_sanction` true, deals at or after the sanction lose the
 * performance instead (the reading “if the customer then closes”).
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
poaching_decide (AttribRun          *run,
                 const AttribClause *clause,
                 AttribDealContext  *deal)
{
  gboolean after = _attrib_clause_get_bool (clause, "after_sanction");
  g_autoptr(GArray) sanctions = _attrib_run_sanctions (run, deal, ATTRIB_SANCTION_KIND_POACHING, ATTRIB_TIME_MAX);
  guint32 sanction = ATTRIB_NONE;
  guint i;

  /* one naming the deal counts; one naming the customer counts for deals
   * after it (`after_sanction`), or for those it found made */
  for (i = 0; i < sanctions->len && sanction == ATTRIB_NONE; i++)
    {
      guint32 s = g_array_index (sanctions, guint32, i);
      const AttribRecord *rec = _attrib_run_record (run, s);

      if (rec->deal != ATTRIB_NONE || (after ? rec->at <= deal->at : rec->at >= deal->at))
        sanction = s;
      else
        {
          _attrib_run_use (run, s);
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &s, 1,
                            after ? _("the poaching (“%s”) came after the deal: the performance stands")
                                  : _("the poaching (“%s”) was found before the customer closed: the customer stays "
                                      "with the original group"),
                            _attrib_run_shown_event (run, s));
        }
    }
  if (sanction == ATTRIB_NONE)
    return FALSE;
  _attrib_verdict_clear_kind (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, "developer", 1, 1);
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &sanction, 1,
                    _("the customer was poached (“%s”): the performance goes to the developer"),
                    _attrib_run_shown_event (run, sanction));
  return TRUE;
}


/* PHASE_OVERRIDE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return poaching_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "after_sanction", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_poaching = {
  .name = "poaching",
  .params = params,
  .summary = "A deal the customer had already made when another group's poaching was found: its performance goes to the developer",
  .phases = ATTRIB_PHASE_OVERRIDE,
  .decide = decide,
};
