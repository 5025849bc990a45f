/* first-report.c: the `first_report` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `first_report` (onsite-report 1, sales-dept 二.1, outreach-1031 3):
 * a report gives its agent a *weak* claim of `days` days (or `months`
 * months) that protects against nobody — several agents may hold one at
 * once. Any protecting claim outranks them; among reports alone, the
 * earliest wins (the claim state machine in attrib-claims.c starts them;
 * these are the look-ups other kinds make).
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The report claim @holder has on the customer at @t. */
const AttribClaimRec *
_attrib_report_claim_of (const AttribPersonClaims *pc,
                         guint32                   holder,
                         AttribTime                t)
{
  guint i;

  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->standing == ATTRIB_STANDING_REPORT && claim->holder == holder && claim->begin <= t && t < claim->end)
        return claim;
    }
  return NULL;
}

/* The earliest report claim covering @t: the winning report. */
const AttribClaimRec *
_attrib_earliest_report_claim (const AttribPersonClaims *pc,
                               AttribTime                t)
{
  guint i;

  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->standing == ATTRIB_STANDING_REPORT && claim->begin <= t && t < claim->end)
        return claim;
    }
  return NULL;
}


/* ATTRIB_PHASE_SOURCE: a first report; its claim protects nobody */
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
  guint i;

  if (rec->type != ATTRIB_EVENT_TYPE_REPORT || rec->kind != ATTRIB_REPORT_STAGE_FIRST)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_report_attempts (run, person, event, rec->party);
  for (i = 0; i < (*out_attempts)->len; i++)
    g_array_index (*out_attempts, AttribAttempt, i).standing = ATTRIB_STANDING_REPORT;
  return ATTRIB_SOURCE_ATTEMPTS;
}

static void
started (AttribRun          *run,
         const AttribClause *clause,
         AttribPersonClaims *pc,
         AttribAttempt      *attempt)
{
  const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1);
  g_autofree char *period = _attrib_run_period_text (run, claim->begin, claim->end);

  _attrib_run_trace (run, claim->clause, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    _("first report by %s on “%s”: claim %s"),
                    _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event), period);
}

/* a report saved although the customer had come first: that first visit
 * confirms the agent (outreach-1031 2 “给与确认”) */
static void
after_cap (AttribRun          *run,
           const AttribClause *clause,
           AttribPersonClaims *pc,
           AttribAttempt      *attempt)
{
  const AttribClause *visit_validity = _attrib_profile_first (run->profile, ATTRIB_KIND (visit_validity));

  if (visit_validity != NULL)
    _attrib_visit_validity_after_report (run, visit_validity, pc, attempt->person, attempt->event, attempt->holder);
}

static const AttribSourceHook sources[] = { { 30, 0, attempts }, { 0 } };
static const AttribSourceOps ops = { .started = started, .after_cap = after_cap };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "2" },
  { "days", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

const AttribClauseKind _attrib_kind_first_report = {
  .name = "first_report",
  .params = params,
  .summary = "A first report gives a claim of N months that protects against nobody; the agent who brings the customer wins",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .ops = &ops,
  .protection_rank = 4,
};
