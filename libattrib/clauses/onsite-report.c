/* onsite-report.c: the second report, on the day the agent brings the customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `onsite_report` (onsite-report §2): an agent who brings the customer
 * to the site files a second (`onsite`) report that same day. It gives a
 * claim of `months` months that takes precedence over other agents' first
 * reports (which never brought the customer), and a repeated report
 * (`renewal`) during it extends it by `months` from its end. An onsite
 * report without the agent's visit that day, or a renewal with nothing to
 * renew, gives nothing.
 */

#include "config.h"

#include "attrib-engine-private.h"

gboolean
_attrib_onsite_report_check (AttribRun          *run,
                             const AttribClause *clause,
                             AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
  gint32 day = attrib_time_get_local_day (report->at, run->tz);
  const guint32 *events;
  guint32 n, i, j;

  if (report->kind == ATTRIB_REPORT_STAGE_RENEWAL)
    {
      attempt->reject_clause = clause->id;
      attempt->reason = g_strdup (_("a repeated report renews a running second report; this agent holds none"));
      return FALSE;
    }

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type != ATTRIB_EVENT_TYPE_VISIT || attrib_time_get_local_day (rec->at, run->tz) != day)
        continue;
      for (j = 0; j < rec->aux; j++)
        if (g_array_index (run->ledger->agents, AttribAgentRec, rec->party + j).party == attempt->holder)
          {
            _attrib_run_use (run, events[i]);
            return TRUE;
          }
    }
  attempt->reject_clause = clause->id;
  attempt->reason = g_strdup (_("the agent did not bring the customer to the site that day"));
  return FALSE;
}
