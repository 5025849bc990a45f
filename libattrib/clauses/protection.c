/* protection.c: the claim a valid confirmation gives
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `protection` (junyuan-2012 1.1.4): a valid confirmation gives the
 * channel a claim of N months from the local day of the visit (catalog,
 * Convention (periods)); a deal inside the claim is the channel's.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The claim a clause gives from @from: its `days` if it has them and they
 * are set, else its `months` if it has them and they are set (catalog,
 * Convention (periods)), else a claim without end from @from's day —
 * where the regulation gives no period. */
void
_attrib_protection_period (AttribRun          *run,
                           const AttribClause *clause,
                           AttribTime          from,
                           AttribTime         *out_begin,
                           AttribTime         *out_end)
{
  if (g_hash_table_contains (clause->params, "days") && _attrib_clause_get_int (clause, "days") > 0)
    attrib_period_days (from, _attrib_clause_get_int (clause, "days"), run->tz, out_begin, out_end);
  else if (g_hash_table_contains (clause->params, "months") && _attrib_clause_get_int (clause, "months") > 0)
    attrib_period_months (from, _attrib_clause_get_int (clause, "months"), run->tz, out_begin, out_end);
  else
    {
      *out_begin = attrib_time_day_start (attrib_time_get_local_day (from, run->tz), run->tz);
      *out_end = ATTRIB_CLAIM_ENDLESS;
    }
}


/* ATTRIB_PHASE_SOURCE: a visit with channel agents */
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

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents == 0)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_visit_attempts (run, person, event);
  return ATTRIB_SOURCE_ATTEMPTS;
}

static const AttribSourceHook sources[] = { { 10, 0, attempts }, { 0 } };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

const AttribClauseKind _attrib_kind_protection = {
  .name = "protection",
  .params = params,
  .summary = "A valid confirmation gives a claim of N months; a deal inside it is the channel's",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .protection_rank = 1,
};
