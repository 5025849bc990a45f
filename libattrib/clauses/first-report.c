/* first-report.c: the `first_report` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `first_report` (onsite-report 1, sales-dept 二.1, outreach-1031 3):
 * a report gives its agent a *weak* claim of `days` days (or `months`
 * months) that protects against nobody — several agents may hold one at
 * once. Any protecting claim outranks them; among reports alone, the
 * earliest wins (the claim state machine in attrib-engine.c starts them;
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
