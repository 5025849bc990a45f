/* report-format.c: the `report_format` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_format` (outreach-1031 §2: a report carries a name or
 * surname, a full phone or a first-`mask_head`/last-`mask_tail` mask, and
 * an appointment within `window_days` days of the report.)
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->event);
  const AttribContactRec *contact = &g_array_index (run->ledger->contacts, AttribContactRec, report->contact);
  const char *phone = _attrib_run_str (run, contact->phone);
  const AttribReportExtra *x = report->extra != ATTRIB_NONE
                             ? &g_array_index (run->ledger->reports, AttribReportExtra, report->extra) : NULL;
  gint64 window = _attrib_clause_get_int (clause, "window_days");

  attempt->reject_clause = clause->id;
  if (contact->name == ATTRIB_NONE)
    {
      attempt->reason = g_strdup (_("the report has no customer name or surname"));
      return FALSE;
    }
  if (phone == NULL)
    {
      attempt->reason = g_strdup (_("the report has no customer phone"));
      return FALSE;
    }
  if (strchr (phone, '*') != NULL)
    {
      gint64 head = 0, tail = 0;

      while (phone[head] != '*')
        head++;
      while (phone[10 - tail] != '*')
        tail++;
      if (head != _attrib_clause_get_int (clause, "mask_head") || tail != _attrib_clause_get_int (clause, "mask_tail"))
        {
          attempt->reason = g_strdup_printf (_("the masked phone %s does not show the first %d and last %d digits"), phone,
                                             (int) _attrib_clause_get_int (clause, "mask_head"),
                                             (int) _attrib_clause_get_int (clause, "mask_tail"));
          return FALSE;
        }
    }
  if (x == NULL || x->expected_visit == ATTRIB_TIME_MIN)
    {
      attempt->reason = g_strdup (_("the report gives no appointment time"));
      return FALSE;
    }
  if (attrib_time_get_local_day (x->expected_visit, run->tz) - attrib_time_get_local_day (report->at, run->tz) > window ||
      x->expected_visit < attrib_time_day_start (attrib_time_get_local_day (report->at, run->tz), run->tz))
    {
      attempt->reason = g_strdup_printf (_("the appointment is not within %d days of the report"), (int) window);
      return FALSE;
    }
  attempt->reject_clause = NULL;
  return TRUE;
}

/* the appointment a report names must fall in the `window_days` after it
 * (and a day either side) */
static AttribTime
lookahead (const AttribClause *clause)
{
  return (_attrib_clause_get_int (clause, "window_days") + 2) * ATTRIB_DAY_USEC;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "mask_head", ATTRIB_PARAM_INT, "3" },
  { "mask_tail", ATTRIB_PARAM_INT, "5" },
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { NULL }
};

const AttribClauseKind _attrib_kind_report_format = {
  .name = "report_format",
  .params = params,
  .summary = "A report needs a name, a full phone or a first-N/last-M mask, and an appointment within the window",
  .phases = ATTRIB_PHASE_CHECK,
  .lookahead = lookahead,
  .check = check,
  .checks_reports_only = TRUE,
};
