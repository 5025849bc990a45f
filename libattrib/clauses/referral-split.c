/* referral-split.c: an old customer's referral closed by their agent
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `referral_split` (tangba-2014 3): representative A's old customer
 * introduces a new one (`referred_by`) who does not mention A; the
 * representative on rotation receives and owns the new customer. If the
 * new customer then finds A and A closes, the performance is the
 * receiver's and the commission is split equally between the two.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
referral_split_decide (AttribRun            *run,
                       const AttribClause   *clause,
                       AttribDealContext    *deal,
                       const AttribClaimRec *own)
{
  const AttribRecord *visit = _attrib_run_record (run, own->event);
  guint32 closer_event = ATTRIB_NONE, referrer, old_agent, used[2];
  guint32 closer;

  if (visit->type != ATTRIB_EVENT_TYPE_VISIT || visit->extra == ATTRIB_NONE)
    return FALSE;
  referrer = _attrib_run_contact_person (run, g_array_index (run->ledger->visits, AttribVisitExtra, visit->extra).referred_by);
  if (referrer == ATTRIB_NONE || referrer == own->person)
    return FALSE;
  closer = _attrib_run_deal_closer (run, deal, &closer_event);
  old_agent = _attrib_run_holder_at (run, referrer, visit->at, NULL);
  if (closer == ATTRIB_NONE || old_agent == ATTRIB_NONE || closer != old_agent || closer == own->holder)
    return FALSE;

  used[0] = own->event;
  used[1] = closer_event;
  _attrib_run_award_split (run, _attrib_run_str (run, own->holder), _attrib_run_str (run, own->holder),
                           _attrib_run_str (run, closer));
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, closer_event != ATTRIB_NONE ? 2 : 1,
                    _("a customer of %s introduced the purchaser, whom %s received on rotation (“%s”); %s closed: "
                      "performance to %s, commission split equally"),
                    _attrib_run_shown (run, closer), _attrib_run_shown (run, own->holder),
                    _attrib_run_shown_event (run, own->event), _attrib_run_shown (run, closer),
                    _attrib_run_shown (run, own->holder));
  return TRUE;
}


/* PHASE_SPLIT */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return referral_split_decide (run, clause, deal, deal->own);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_referral_split = {
  .name = "referral_split",
  .params = params,
  .summary = "An old customer's referral received by the rotation, closed by the old customer's representative: performance to the receiver, commission split",
  .phases = ATTRIB_PHASE_SPLIT,
  .decide = decide,
};
