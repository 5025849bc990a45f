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

/* A complaint against a party ends that party's running claims on the
 * customer, whatever the profile says of complaints: the deal then waits
 * for the manager (below). */
void
_attrib_complaint_end_claims (AttribRun          *run,
                              AttribPersonClaims *pc,
                              guint32             complaint)
{
  const AttribRecord *rec = _attrib_run_record (run, complaint);
  guint32 channel = _attrib_run_channel_of (run, rec->party);
  guint c;

  for (c = 0; c < pc->claims->len; c++)
    {
      AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

      if ((claim->holder == rec->party || claim->channel == rec->party || claim->channel == channel) &&
          claim->begin <= rec->at && rec->at < claim->end)
        {
          claim->end = rec->at;
          claim->ended_by |= ATTRIB_ENDING_WITHDRAWN;
        }
    }
}

void
_attrib_complaint_decide (AttribRun            *run,
                          const AttribClause   *clause,
                          AttribDealContext    *deal,
                          const AttribClaimRec *ended)
{
  deal->disputed = TRUE;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &ended->event, 1,
                    _("a complaint cancelled the claim of %s: the manager names the agent (a ruling)"),
                    _attrib_run_shown (run, ended->holder));
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_complaint = {
  .name = "complaint",
  .params = params,
  .summary = "A complaint cancels the attribution: the deal waits for the manager's ruling",
  .phases = ATTRIB_PHASE_CITED,
};
