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
gboolean
_attrib_brought_by_applies (AttribRun                *run,
                            const AttribPersonClaims *pc,
                            guint32                   visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 i;

  for (i = 0; i < rec->aux; i++)
    if (_attrib_report_claim_of (pc, g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i).party,
                                 rec->at) != NULL)
      return TRUE;
  return FALSE;
}
