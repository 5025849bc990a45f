/* lapse-limit.c: the `lapse_limit` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `lapse_limit` (outreach-1031 §2: a report lapses when no visit
 * follows within its day and the `window_days` after; after more than
 * `limit` lapses in a row the customer is public and takes no more
 * reports.)
 */

#include "config.h"

#include "attrib-engine-private.h"

/* Whether a report lapsed: no visit of the customer by the end of its
 * window (the report's day and the window_days after it). */
static gboolean
lapsed (AttribRun     *run,
        const guint32 *events,
        guint32        n,
        guint32        from,
        gint64         window_days)
{
  const AttribRecord *report = _attrib_run_record (run, events[from]);
  AttribTime end = attrib_time_day_start (attrib_time_get_local_day (report->at, run->tz) + window_days + 1, run->tz);
  guint32 i;

  for (i = from + 1; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= end)
        break;
      if (rec->type == ATTRIB_EVENT_TYPE_VISIT)
        return FALSE;
    }
  return TRUE;
}

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  gint64 limit = _attrib_clause_get_int (clause, "limit");
  gint64 window = _attrib_clause_get_int (clause, "window_days");
  const guint32 *events;
  guint32 n, i;
  gint64 in_a_row = 0;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n && events[i] != attempt->event; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_VISIT)
        in_a_row = 0;
      else if (rec->type == ATTRIB_EVENT_TYPE_REPORT && lapsed (run, events, n, i, window))
        in_a_row++;
    }
  if (in_a_row <= limit)
    return TRUE;
  attempt->reject_clause = clause->id;
  attempt->reason = g_strdup_printf (_("%d reports in a row lapsed without a visit: the customer is public and takes "
                                       "no more reports"), (int) in_a_row);
  return FALSE;
}

/* whether a report lapsed without a visit shows in the `window_days` after
 * it (and a day either side) */
static AttribTime
lookahead (const AttribClause *clause)
{
  return (_attrib_clause_get_int (clause, "window_days") + 2) * ATTRIB_DAY_USEC;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "limit", ATTRIB_PARAM_INT, "3" },
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { NULL }
};

const AttribClauseKind _attrib_kind_lapse_limit = {
  .name = "lapse_limit",
  .params = params,
  .summary = "After more than `limit` reports in a row lapse without a visit, the customer is public: reports are rejected",
  .phases = ATTRIB_PHASE_CHECK,
  .lookahead = lookahead,
  .check = check,
  .checks_reports_only = TRUE,
};
