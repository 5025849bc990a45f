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
  return found != NULL && !(found->ended_by & (ATTRIB_ENDING_WITHDRAWN | ATTRIB_ENDING_DEPARTURE)) && !found->renewed ? found : NULL;
}

/* Before the checks: a second report stands only if the agent brought the
 * customer that day; a repeated one only if it renews a second report. */
static gboolean
admit (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->event);
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
      for (j = 0; j < rec->n_agents; j++)
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
static void
supersede_first_reports (AttribRun          *run,
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
      claim->ended_by |= ATTRIB_ENDING_SUPERSEDED;
      used[0] = report;
      used[1] = claim->event;
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                        _("%s brought the customer first and filed the second report “%s”: the first report of %s "
                          "(“%s”) gives way for good"),
                        _attrib_run_shown (run, holder), _attrib_run_shown_event (run, report),
                        _attrib_run_shown (run, claim->holder), _attrib_run_shown_event (run, claim->event));
    }
}


/* ATTRIB_PHASE_SOURCE: every report */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  const AttribRecord *rec = _attrib_run_record (run, event);

  if (rec->type != ATTRIB_EVENT_TYPE_REPORT)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_report_attempts (run, person, event, rec->party);
  return ATTRIB_SOURCE_ATTEMPTS;
}

/* the agent whose claim runs repeats the report: it renews the claim */
static gboolean
renew (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt,
       AttribClaimRec     *running)
{
  const AttribRecord *rec = _attrib_run_record (run, attempt->event);
  AttribClaimRec renewed;
  g_autofree char *from = NULL, *to = NULL;

  if (rec->kind != ATTRIB_REPORT_STAGE_RENEWAL || running->renewed)
    return FALSE;
  renewed = *running;
  running->renewed = TRUE;
  renewed.event = attempt->event;
  renewed.renewed = FALSE;
  _attrib_protection_period (run, clause, running->end, &renewed.begin, &renewed.end);
  g_array_append_val (pc->claims, renewed);
  from = _attrib_run_day_text (run, renewed.begin);
  to = _attrib_run_day_text (run, renewed.end - 1);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    _("%s repeated its report on “%s”: the claim now runs from %s to %s"),
                    _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event), from, to);
  return TRUE;
}

static void
started (AttribRun          *run,
         const AttribClause *clause,
         AttribPersonClaims *pc,
         AttribAttempt      *attempt)
{
  const AttribRecord *rec = _attrib_run_record (run, attempt->event);
  const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1);
  g_autofree char *period = _attrib_run_period_text (run, claim->begin, claim->end);

  _attrib_run_trace (run, claim->clause, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    rec->kind == ATTRIB_REPORT_STAGE_RENEWAL
                    ? _("%s repeated its report on “%s” after the claim ran out: claim %s")
                    : _("second report by %s on “%s”, the day they brought the customer: claim %s"),
                    _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event), period);
  supersede_first_reports (run, clause, pc, attempt->event, attempt->holder);
}

static const AttribSourceHook sources[] = { { 40, 0, attempts }, { 0 } };
static const AttribSourceOps ops = { .renew = renew, .admit = admit, .started = started };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "1" },
  { NULL }
};

const AttribClauseKind _attrib_kind_onsite_report = {
  .name = "onsite_report",
  .params = params,
  .summary = "A report filed the day the agent brings the customer claims N months over others' first reports; a repeated report renews",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .ops = &ops,
  .protection_rank = 3,
};
