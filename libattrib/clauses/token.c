/* token.c: the `token` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `token` (onsite-report 4): a customer who comes to the site alone
 * holding an agent's flyer (DM单) or business card is that agent's
 * (“案场将该客户确认为该业务员的业绩”): without end, as the text gives no
 * period, or for `months` months where a project sets them.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The agent whose flyer or card a visit without agents shows, or
 * ATTRIB_NONE. */
static guint32
token_holder (AttribRun *run,
              guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents > 0 || rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  return g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).token;
}


/* ATTRIB_PHASE_SOURCE: a visit that shows an agent's flyer or card */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  guint32 holder = token_holder (run, event);

  if (holder == ATTRIB_NONE)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_report_attempts (run, person, event, holder);
  return ATTRIB_SOURCE_ATTEMPTS;
}

static const AttribSourceHook sources[] = { { 80, 0, attempts }, { 0 } };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

const AttribClauseKind _attrib_kind_token = {
  .name = "token",
  .params = params,
  .summary = "A customer who comes alone with an agent's flyer or card is that agent's",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .protection_rank = 6,
};
