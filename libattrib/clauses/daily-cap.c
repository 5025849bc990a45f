/* daily-cap.c: the `daily_cap` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `daily_cap` (sales-dept 一.1: an agent files at most `limit` reports
 * a local day; later ones are rejected.)
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->event);
  gint32 day = attrib_time_get_local_day (report->at, run->tz);
  AttribTime from = attrib_time_day_start (day, run->tz);
  guint32 position = run->index->position[attempt->event];
  gint64 limit = _attrib_clause_get_int (clause, "limit");
  const guint32 *events = NULL;
  guint32 n = 0, i, count = 0, slot, id;

  id = attempt->holder;
  if (run->reads != NULL)
    _attrib_read_log (run->reads, ATTRIB_READ_PARTY, id);
  slot = id < run->index->party_slot_len ? run->index->party_slot[id] : ATTRIB_NONE;
  if (slot != ATTRIB_NONE)
    _attrib_csr_get (&run->index->party_events, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at < from || rec->type != ATTRIB_EVENT_TYPE_REPORT || rec->party != attempt->holder)
        continue;
      if (run->index->position[events[i]] >= position)
        break;
      count++;
    }
  if (count < limit)
    return TRUE;
  attempt->reject_clause = clause->id;
  attempt->reason = g_strdup_printf (_("the agent had already filed %d reports that day, the most allowed"), (int) limit);
  return FALSE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "limit", ATTRIB_PARAM_INT, "50" },
  { NULL }
};

const AttribClauseKind _attrib_kind_daily_cap = {
  .name = "daily_cap",
  .params = params,
  .summary = "An agent's reports beyond `limit` in one day are rejected",
  .phases = ATTRIB_PHASE_CHECK,
  .check = check,
  .checks_reports_only = TRUE,
};
