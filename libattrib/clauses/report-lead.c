/* report-lead.c: the `report_lead` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_lead` (sales-dept 一.4/一.5: a report less than
 * `lead_minutes` before the customer's next visit is void; the visit is a
 * natural visit.)
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
  AttribTime lead = _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC;
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->at < report->at)
        continue;
      if (rec->at - report->at < lead)
        {
          attempt->reject_clause = clause->id;
          attempt->cause = events[i];
          attempt->reason = g_strdup_printf (_("the report came less than %d minutes before the customer's visit “%s”"),
                                             (int) _attrib_clause_get_int (clause, "lead_minutes"),
                                             _attrib_run_shown_event (run, events[i]));
          return FALSE;
        }
      break;
    }
  return TRUE;
}

/* the customer's next visit, up to `lead_minutes` later (and the rest of that
 * day), says whether the report was in time */
static AttribTime
lookahead (const AttribClause *clause)
{
  return _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC + ATTRIB_DAY_USEC;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "lead_minutes", ATTRIB_PARAM_INT, "60" },
  { NULL }
};

const AttribClauseKind _attrib_kind_report_lead = {
  .name = "report_lead",
  .params = params,
  .summary = "A report filed less than `lead_minutes` before the customer's visit is rejected: a natural visit",
  .phases = ATTRIB_PHASE_CHECK,
  .lookahead = lookahead,
  .check = check,
  .checks_reports_only = TRUE,
};
