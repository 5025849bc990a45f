/* report-after-contact.c: the `report_after_contact` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_after_contact` (sales-dept 二.5, outreach-1031 §2: a report
 * filed after the customer visited (or, with counts_calls, called) the
 * office is void, unless (evidence_exempts) its written evidence predates
 * that contact.)
 */

#include "config.h"

#include "attrib-engine-private.h"

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
