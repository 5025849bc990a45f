/* group-reception.c: more than three visitors at once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `group_reception` (tangba-2014 6): more than `more_than` visitors
 * at once — the customer and their companions — are received by two
 * representatives (`received_by` and `received_with` on the visit). A
 * deal by any of the group on the day of that visit is split equally
 * between the two; later, each follows up the customers assigned to them
 * and the usual rules apply.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
try_visit (AttribRun          *run,
           const AttribClause *clause,
           AttribDealContext  *deal,
           guint32             visit,
           gint32              day)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribVisitExtra *x;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE ||
      attrib_time_get_local_day (rec->at, run->tz) != day)
    return FALSE;
  x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);
  if (x->received_by == ATTRIB_NONE || x->received_with == ATTRIB_NONE ||
      1 + (gint64) x->n_companions <= _attrib_clause_get_int (clause, "more_than"))
    return FALSE;

  _attrib_verdict_clear_shares (run->verdict);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, x->received_by), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, x->received_with), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, _attrib_run_str (run, x->received_by), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, _attrib_run_str (run, x->received_with), 1, 2);
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &visit, 1,
                    _("%u visitors came together on “%s”, received by %s and %s; the deal the same day is split equally"),
                    1 + x->n_companions, _attrib_run_shown_event (run, visit), _attrib_run_shown (run, x->received_by),
                    _attrib_run_shown (run, x->received_with));
  deal->decided = TRUE;
  return TRUE;
}

static gboolean
group_reception_decide (AttribRun          *run,
                        const AttribClause *clause,
                        AttribDealContext  *deal)
{
  AttribTime first = deal->subscribed_at != ATTRIB_TIME_MIN ? deal->subscribed_at : deal->at;
  gint32 day = attrib_time_get_local_day (first, run->tz);
  const guint32 *events;
  guint32 n, i;

  /* as the customer, then as a companion */
  _attrib_csr_get (&run->index->person_events, deal->purchaser, &events, &n);
  for (i = 0; i < n; i++)
    if (try_visit (run, clause, deal, events[i], day))
      return TRUE;
  _attrib_csr_get (&run->index->person_companions, deal->purchaser, &events, &n);
  for (i = 0; i < n; i++)
    if (try_visit (run, clause, deal, events[i], day))
      return TRUE;
  return FALSE;
}


/* PHASE_RELATE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return group_reception_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "more_than", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

const AttribClauseKind _attrib_kind_group_reception = {
  .name = "group_reception",
  .params = params,
  .summary = "More than `more_than` visitors at once are received by two representatives; a deal that day is split equally",
  .phases = ATTRIB_PHASE_RELATE,
  .decide = decide,
};
