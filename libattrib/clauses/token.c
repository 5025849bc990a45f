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
guint32
_attrib_token_holder (AttribRun *run,
                      guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->aux > 0 || rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  return g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).token;
}
