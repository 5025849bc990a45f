/* onsite-report.c: the second report, on the day the agent brings the customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `onsite_report` (onsite-report 1 and 2): an agent who brings the
 * customer to the site files a second (`onsite`) report that same day. It
 * gives a claim of `months` months and settles, for good, the contest
 * between first reports: “当有二个业务员同时报备同一客户时，则以谁先带客户来案场
 * 进行案场第二次报备为准” — the other agents' first reports, which never
 * brought the customer, end there. A repeated report (`renewal`) during
 * the claim extends it by `months` from its end; one filed after the month
 * ran out (“一个月后若业务员仍在追踪服务，则需再进行一次重复报备，报备有效期仍
 * 为一个月”) starts a new month from its own day, unless someone else's
 * claim holds the customer by then. An onsite report without the agent's
 * visit that day, or a repeated report by an agent who never held a
 * second report, gives nothing.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The agent's last second-report claim among the first @n of @pc, ended
 * by the passing of time. */
static AttribClaimRec *
lapsed_claim (const AttribClause *clause,
              AttribPersonClaims *pc,
              guint               n,
              guint32             holder,
              AttribTime          t)
{
  AttribClaimRec *found = NULL;
  guint i;

  for (i = 0; i < n; i++)
    {
      AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->holder == holder && g_str_equal (claim->clause, clause->id) && claim->end <= t)
        found = claim;
    }
  return found != NULL && !found->ended && !found->departed && !found->renewed ? found : NULL;
}

gboolean
_attrib_onsite_report_check (AttribRun          *run,
                             const AttribClause *clause,
                             AttribPersonClaims *pc,
                             AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->visit);
  gint32 day = attrib_time_get_local_day (report->at, run->tz);
  const guint32 *events;
  guint32 n, i, j;

  if (report->kind == ATTRIB_REPORT_STAGE_RENEWAL)
    {
      if (lapsed_claim (clause, pc, pc->claims->len, attempt->holder, report->at) != NULL)
        return TRUE;
      attempt->reject_clause = clause->id;
      attempt->reason = g_strdup (_("a repeated report renews the agent's second report; this agent holds none"));
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

/* A claim of @holder started by @report, the last in @pc: a repeated
 * report renews the agent's lapsed claim; a second report ends the other
 * agents' first reports. */
void
_attrib_onsite_report_started (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               guint32             report,
                               guint32             holder)
{
  const AttribRecord *rec = _attrib_run_record (run, report);
  AttribTime t = rec->at;
  AttribClaimRec *lapsed;
  guint i;

  if (rec->kind == ATTRIB_REPORT_STAGE_RENEWAL)
    {
      lapsed = lapsed_claim (clause, pc, pc->claims->len - 1, holder, t);
      if (lapsed != NULL)
        lapsed->renewed = TRUE;
      return;
    }

  for (i = 0; i < pc->claims->len; i++)
    {
      AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);
      guint32 used[2];

      if (claim->standing != ATTRIB_STANDING_REPORT || claim->holder == holder || claim->end <= t ||
          claim->begin > t)
        continue;
      claim->end = t;
      claim->superseded = TRUE;
      used[0] = report;
      used[1] = claim->event;
      _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                        _("%s brought the customer first and filed the second report “%s”: the first report of %s "
                          "(“%s”) gives way for good"),
                        _attrib_run_str (run, holder), _attrib_run_event_id (run, report),
                        _attrib_run_str (run, claim->holder), _attrib_run_event_id (run, claim->event));
    }
}
