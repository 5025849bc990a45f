/* referral-chain.c: customers introduced by customers (裙带)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `referral_chain` (first-contact 二①, tangba-2014 8): a new customer
 * whose first contact was introduced by a customer of representative A —
 * by phone (`referred_by` on the new customer's visit) or in person
 * (“亲自带领上门”: among the `companions` of the old customer's visit) —
 * belongs to A; so do the customers that new customer introduces, and so
 * on: the referrer's holder is worked out the same way. A chance meeting,
 * a visit without either, does not count; nor does the referral of a
 * customer who already has an owner.
 *
 * With `brought_only` only a new customer brought in person counts
 * (tangba-2014 8 “所带来的新客户”; one who was only introduced is 3's
 * referral_split); with `buyers_only` only an old customer who has bought
 * brings customers to their representative (“购房公共客户”).
 */

#include "config.h"

#include "attrib-engine-private.h"

static guint32
referral_chain_holder (AttribRun                *run,
                       const AttribClause       *clause,
                       const AttribPersonClaims *pc,
                       guint32                   person,
                       guint32                   visit,
                       guint32                   host)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClaimRec *claim;
  guint32 referrer, holder, used[2];

  if (rec->extra == ATTRIB_NONE || pc->claims->len > 0)
    return ATTRIB_NONE;   /* only a first contact is introduced */
  if (host != ATTRIB_NONE)
    referrer = host;      /* brought along in person */
  else if (_attrib_clause_get_bool (clause, "brought_only"))
    return ATTRIB_NONE;
  else
    referrer = _attrib_run_contact_person (run, g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).referred_by);
  if (referrer == ATTRIB_NONE || referrer == person)
    return ATTRIB_NONE;
  if (_attrib_clause_get_bool (clause, "buyers_only") && !_attrib_run_bought_before (run, referrer, rec->at))
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visit, 1,
                        _("the customer who brought this one on “%s” has not bought: no old customer bringing a new "
                          "one"),
                        _attrib_run_shown_event (run, visit));
      return ATTRIB_NONE;
    }
  holder = _attrib_run_holder_at (run, referrer, rec->at, &claim);
  if (holder == ATTRIB_NONE)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visit, 1,
                        _("the customer who introduced this one on “%s” belongs to nobody"),
                        _attrib_run_shown_event (run, visit));
      return ATTRIB_NONE;
    }
  used[0] = visit;
  used[1] = claim->event;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                    _("the customer was introduced on “%s” by a customer of %s (“%s”): they are %s's too"),
                    _attrib_run_shown_event (run, visit), _attrib_run_shown (run, holder),
                    _attrib_run_shown_event (run, claim->event), _attrib_run_shown (run, holder));
  return holder;
}

/* ATTRIB_PHASE_HOLDER */
static guint32
holder (AttribRun                *run,
        const AttribClause       *clause,
        const AttribPersonClaims *pc,
        guint32                   person,
        guint32                   visit,
        guint32                   host,
        AttribAttempt            *attempt)
{
  return referral_chain_holder (run, clause, pc, person, visit, host);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "brought_only", ATTRIB_PARAM_BOOL, "false" },
  { "buyers_only", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_referral_chain = {
  .name = "referral_chain",
  .params = params,
  .summary = "A new customer introduced (or brought along) by a representative's customer is that representative's, and so on down the chain",
  .phases = ATTRIB_PHASE_HOLDER,
  .holder = holder,
};
