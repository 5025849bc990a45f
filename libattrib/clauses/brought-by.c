/* brought-by.c: the `brought_by` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `brought_by` (sales-dept 二.2/二.4): of the agents holding a valid
 * report on a customer, the first to bring the customer takes them; a
 * later bringing by another agent is rejected. The bringing makes the
 * customer the agent's (一.3 “客户后期由个人跟踪”): without end, as the text
 * gives none, or for `days` days from the visit. An agent who brings the
 * customer without a report gives nothing: a natural visit (一.4).
 */

#include "config.h"

#include "attrib-engine-private.h"

/* Whether one of a visit's agents holds a report on the customer: then the
 * visit is a bringing; otherwise it may be a referral. */
static gboolean
brought_by_applies (AttribRun                *run,
                    const AttribPersonClaims *pc,
                    guint32                   visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 i;

  for (i = 0; i < rec->n_agents; i++)
    if (_attrib_report_claim_of (pc, g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i).party,
                                 rec->at) != NULL)
      return TRUE;
  return FALSE;
}


/* ATTRIB_PHASE_SOURCE: a visit by agents one of whom holds a report, of
 * the person's own or in someone else's group (sales-dept 二.2, 一.3) */
static AttribSourceResult
reported (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  const AttribRecord *rec = _attrib_run_record (run, event);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents == 0 || !brought_by_applies (run, pc, event))
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_visit_attempts (run, person, event);
  return ATTRIB_SOURCE_ATTEMPTS;
}

/* … and, after every other source, a visit by agents without a report:
 * judged, to say it gives nothing (sales-dept 一.4) */
static AttribSourceResult
unreported (AttribRun          *run,
            const AttribClause *clause,
            AttribPersonClaims *pc,
            guint32             person,
            guint32             event,
            guint32             host,
            GArray            **out_attempts)
{
  const AttribRecord *rec = _attrib_run_record (run, event);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents == 0)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_visit_attempts (run, person, event);
  return ATTRIB_SOURCE_ATTEMPTS;
}

/* The claim a bringing starts: only under the agent's own report, which
 * it brings the customer under; without one, a natural visit. */
static gboolean
period (AttribRun          *run,
        const AttribClause *clause,
        AttribPersonClaims *pc,
        AttribAttempt      *attempt,
        AttribClaimRec     *claim)
{
  AttribTime at = _attrib_run_record (run, attempt->event)->at;

  if (_attrib_report_claim_of (pc, attempt->holder, at) == NULL)
    {
      const char *unreported = _attrib_clause_get_string (clause, "unreported_clause");

      attempt->reject_clause = *unreported != '\0' ? unreported : clause->id;
      attempt->reason = g_strdup (_("the agent brought the customer without a report: a natural visit"));
      return FALSE;
    }
  _attrib_protection_period (run, clause, at, &claim->begin, &claim->end);
  return TRUE;
}

static const AttribSourceHook sources[] = { { 50, 20, reported }, { 90, 0, unreported }, { 0 } };
static const AttribSourceOps ops = { .period = period };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "days", ATTRIB_PARAM_INT, "0" },
  { "unreported_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_brought_by = {
  .name = "brought_by",
  .params = params,
  .summary = "Of the agents holding a report, the first to bring the customer takes the customer, without end or for `days` days",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .ops = &ops,
};
