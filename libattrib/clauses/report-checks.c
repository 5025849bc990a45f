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

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= report->at)
        break;
      if (rec->type == ATTRIB_EVENT_TYPE_VISIT ||
          (rec->type == ATTRIB_EVENT_TYPE_INTERACTION && rec->kind != ATTRIB_INTERACTION_KIND_FOLLOW_UP))
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
