/* report-checks.c: when a report is too many, too late or too late a claim
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kinds `daily_cap` (sales-dept 一.1: at most `limit` reports an agent a
 * day), `report_lead` (一.4/一.5: a report must come `lead_minutes` before
 * the customer's visit) and `report_after_contact` (二.5: a report filed
 * after the customer called or visited the office is void). Each rejects a
 * report attempt; the visit is then a natural visit.
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

gboolean
_attrib_daily_cap_check (AttribRun          *run,
                         const AttribClause *clause,
                         AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
  gint32 day = attrib_time_get_local_day (report->at, run->tz);
  AttribTime from = attrib_time_day_start (day, run->tz);
  guint32 position = run->index->position[attempt->visit];
  gint64 limit = _attrib_clause_get_int (clause, "limit");
  const guint32 *events = NULL;
  guint32 n = 0, i, count = 0, slot, id;

  id = attempt->holder;
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

gboolean
_attrib_report_lead_check (AttribRun          *run,
                           const AttribClause *clause,
                           AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
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
                                             _attrib_run_event_id (run, events[i]));
          return FALSE;
        }
      break;
    }
  return TRUE;
}

gboolean
_attrib_report_after_contact_check (AttribRun          *run,
                                    const AttribClause *clause,
                                    AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
  const guint32 *events;
  guint32 n, i;

  gboolean calls = _attrib_clause_get_bool (clause, "counts_calls");
  AttribTime evidence = ATTRIB_TIME_MAX;

  /* outreach-1031 §2: written evidence dated before the visit saves it */
  if (_attrib_clause_get_bool (clause, "evidence_exempts") && report->extra != ATTRIB_NONE &&
      g_array_index (run->ledger->reports, AttribReportExtra, report->extra).evidence_at != ATTRIB_TIME_MIN)
    evidence = g_array_index (run->ledger->reports, AttribReportExtra, report->extra).evidence_at;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= report->at)
        break;
      if (evidence < rec->at)
        continue;
      if (rec->type == ATTRIB_EVENT_TYPE_VISIT ||
          (calls && rec->type == ATTRIB_EVENT_TYPE_INTERACTION && rec->kind != ATTRIB_INTERACTION_KIND_FOLLOW_UP))
        {
          attempt->reject_clause = clause->id;
          attempt->cause = events[i];
          attempt->reason = g_strdup_printf (_("the customer had already called or visited the office (“%s”) "
                                               "before the report"), _attrib_run_event_id (run, events[i]));
          return FALSE;
        }
    }
  return TRUE;
}

/* outreach-1031 §2: the report's format and appointment window. */
gboolean
_attrib_report_format_check (AttribRun          *run,
                             const AttribClause *clause,
                             AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
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

/* outreach-1031 §2: more than `limit` lapsed reports in a row make the
 * customer public; later reports are rejected. */
gboolean
_attrib_lapse_limit_check (AttribRun          *run,
                           const AttribClause *clause,
                           AttribAttempt      *attempt)
{
  gint64 limit = _attrib_clause_get_int (clause, "limit");
  gint64 window = _attrib_clause_get_int (clause, "window_days");
  const guint32 *events;
  guint32 n, i;
  gint64 in_a_row = 0;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n && events[i] != attempt->visit; i++)
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
