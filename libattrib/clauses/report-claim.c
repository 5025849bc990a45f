/* report-claim.c: the `report_claim` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_claim` (joint-agency 三.1, 首确认制): the company that
 * reports a customer first holds a claim of `months` months from the
 * report's day; another company's report while it runs is rejected for
 * good. Where a profile has this kind, reports — not visits — confirm: the
 * claim state machine in attrib-claims.c takes every report as an attempt.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
report_claim_applies (AttribRun *run,
                      guint32    event)
{
  return _attrib_run_record (run, event)->type == ATTRIB_EVENT_TYPE_REPORT;
}


/* ATTRIB_PHASE_SOURCE: the report the clause says claims */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  if (!report_claim_applies (run, event))
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_report_attempts (run, person, event, _attrib_run_record (run, event)->party);
  return ATTRIB_SOURCE_ATTEMPTS;
}

static const AttribSourceHook sources[] = { { 20, 0, attempts }, { 0 } };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

const AttribClauseKind _attrib_kind_report_claim = {
  .name = "report_claim",
  .params = params,
  .summary = "The first report gives the reporting channel a claim of N months; a deal inside it is the channel's",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .protection_rank = 2,
};
