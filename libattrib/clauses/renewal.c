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

gboolean
_attrib_renewal_window (AttribRun          *run,
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

void
_attrib_renewal_period (AttribRun          *run,
                        const AttribClause *clause,
                        const AttribClaimRec  *claim,
                        AttribTime         *out_begin,
                        AttribTime         *out_end)
{
  /* claim->end is 00:00 of the day after the last day */
  attrib_period_months (claim->end, _attrib_clause_get_int (clause, "months"), run->tz, out_begin, out_end);
}
