/* renewal.c: renewing a claim before it expires
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `renewal` (junyuan-2012 1.1.5): the holder renews its claim by a
 * new confirmation within the last window_days days of the claim (the
 * expiry day included: catalog §0, Convention (renewal window)); the
 * original's “在推介有效期满日之前7天内” can also be read as the seven days
 * before the expiry day, which `window_includes_expiry` false gives. The
 * renewed claim runs `months` months from the
 * day after the old claim's last day. Without renewal the customer is
 * public at expiry, and (expired_interactions_void) the developer's CRM
 * records since the expired claim began no longer invalidate a later
 * confirmation.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
renewal_window (AttribRun          *run,
                const AttribClause *clause,
                const AttribClaimRec  *claim,
                AttribTime          t)
{
  gint64 days = _attrib_clause_get_int (clause, "window_days");
  AttribTime from, to = claim->end;

  if (!_attrib_clause_get_bool (clause, "window_includes_expiry"))
    {
      /* the expiry day itself is not “before” it */
      to = attrib_window_before_end (claim->end, 1, run->tz);
      from = attrib_window_before_end (to, days, run->tz);
    }
  else
    from = attrib_window_before_end (claim->end, days, run->tz);
  return t >= from && t < to;
}

static void
renewal_period (AttribRun          *run,
                const AttribClause *clause,
                const AttribClaimRec  *claim,
                AttribTime         *out_begin,
                AttribTime         *out_end)
{
  /* claim->end is 00:00 of the day after the last day */
  attrib_period_months (claim->end, _attrib_clause_get_int (clause, "months"), run->tz, out_begin, out_end);
}

/* The holder confirms again inside the last `window_days` of its claim:
 * the claim is renewed (TRUE), where the profile has a renewal clause. */
gboolean
_attrib_renewal_renew (AttribRun          *run,
                       AttribPersonClaims *pc,
                       AttribAttempt      *attempt,
                       AttribClaimRec     *running)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (renewal));
  AttribClaimRec renewed;
  g_autofree char *from = NULL, *to = NULL;

  if (clause == NULL || running->renewed ||
      !renewal_window (run, clause, running, _attrib_run_record (run, attempt->event)->at))
    return FALSE;
  renewed = *running;
  running->renewed = TRUE;
  renewed.event = attempt->event;
  renewed.holder = attempt->holder;
  renewed.renewed = FALSE;
  renewed.clause = clause->id;
  renewal_period (run, clause, running, &renewed.begin, &renewed.end);
  g_array_append_val (pc->claims, renewed);
  from = _attrib_run_day_text (run, renewed.begin);
  to = _attrib_run_day_text (run, renewed.end - 1);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    _("%s renewed its claim on “%s” within the last %d days: the claim now runs "
                      "from %s to %s"),
                    _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event),
                    (int) _attrib_clause_get_int (clause, "window_days"), from, to);
  return TRUE;
}

/* With `expired_interactions_void`, claims that ran out by @t without a
 * renewal leave the customer public: the CRM records since their chain
 * began are void from then on (junyuan-2012 1.1.5). */
void
_attrib_renewal_void_lapsed (AttribRun          *run,
                             AttribPersonClaims *pc,
                             AttribTime          t)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (renewal));
  guint c;

  if (clause == NULL || !_attrib_clause_get_bool (clause, "expired_interactions_void"))
    return;
  for (c = 0; c < pc->claims->len; c++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

      if (claim->standing != ATTRIB_STANDING_NATURAL && claim->end <= t && !claim->renewed &&
          !(claim->ended_by & ATTRIB_ENDING_WITHDRAWN))
        pc->void_since = MIN (pc->void_since, claim->chain_begin);
    }
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { "window_includes_expiry", ATTRIB_PARAM_BOOL, "true" },
  { "months", ATTRIB_PARAM_INT, "3" },
  { "expired_interactions_void", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

const AttribClauseKind _attrib_kind_renewal = {
  .name = "renewal",
  .params = params,
  .summary = "The holder renews by confirming again in the last days; otherwise the customer becomes public",
  .phases = ATTRIB_PHASE_CITED,
};
