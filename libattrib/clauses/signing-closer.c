/* signing-closer.c: after signing, the actual closer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `signing_closer` (lvchen-joint 三.(二).3 B): when several
 * consultants followed one customer, before the contract is signed the
 * protection decides (first_reception); once it is signed, the consultant
 * who actually closed — `closed_by` on the `signed` stage — takes the
 * performance and commission.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
signing_closer_decide (AttribRun          *run,
                       const AttribClause *clause,
                       AttribDealContext  *deal)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 closer;
      gint64 num, den;

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL || rec->kind != ATTRIB_DEAL_STAGE_SIGNED)
        continue;
      closer = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).closed_by;
      if (closer == ATTRIB_NONE)
        return FALSE;
      attrib_verdict_get_party_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, closer), &num, &den);
      if (num == den)
        return FALSE;   /* the closer has it already */
      _attrib_run_award_party (run, _attrib_run_str (run, closer));
      _attrib_verdict_add_clause (run->verdict, clause->id);
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &events[i], 1,
                        _("the contract was signed on “%s” by %s, who actually closed: the deal is theirs"),
                        _attrib_run_shown_event (run, events[i]), _attrib_run_shown (run, closer));
      deal->decided = TRUE;
      return TRUE;
    }
  return FALSE;
}


/* PHASE_OVERRIDE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return signing_closer_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_signing_closer = {
  .name = "signing_closer",
  .params = params,
  .summary = "After signing, the representative who actually closed takes the deal",
  .phases = ATTRIB_PHASE_OVERRIDE,
  .decide = decide,
};
