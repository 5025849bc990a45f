/* complaint.c: the `complaint` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `complaint` (outreach-1031 4): a complaint against the agent, or a
 * violation, cancels the attribution (the claim state machine ends the
 * claim at the complaint); the team manager then names the agent, which is
 * a ruling. Until that ruling the deal is disputed.
 */

#include "config.h"

#include "attrib-engine-private.h"

void
_attrib_complaint_decide (AttribRun            *run,
                          const AttribClause   *clause,
                          AttribDealContext    *deal,
                          const AttribClaimRec *ended)
{
  deal->disputed = TRUE;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_DECIDED, &ended->event, 1,
                    _("a complaint cancelled the claim of %s: the manager names the agent (a ruling)"),
                    _attrib_run_str (run, ended->holder));
}
