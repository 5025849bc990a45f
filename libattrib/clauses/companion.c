/* companion.c: a companion who buys on the spot
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `companion` (junyuan-2012 1.2.5): the purchaser came along with a
 * customer on the visit that confirmed that customer (listed among the
 * visit's companions, with a relation of the given kinds), had never been
 * confirmed before, and subscribed or signed on the day of that visit
 * (“当场认购（签约）”): the deal is the confirming channel's. With an
 * `evidence_clause` the relation must also be verified (a verified
 * `relation` event between the two, of a kind of `relations`): until it
 * is, the verdict is pending, citing that clause (junyuan-2012 3.2, “核定
 * 确认人与购买人是否是（亲戚）朋友关系”).
 *
 * With same_day false and any_relation true (outreach-1031 3, lvchen-joint
 * 二.(二).2 B) every member of the visiting group belongs to the agent
 * whose claim covers the host customer at the visit, for as long as that
 * claim runs: the group is confirmed with the customer, and lapses with
 * them.
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

/* Whether the deal was subscribed or signed on local day @day, as known
 * to the run. */
static gboolean
closed_on_day (AttribRun         *run,
               AttribDealContext *deal,
               gint32             day)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL &&
          (rec->kind == ATTRIB_DEAL_STAGE_SUBSCRIBED || rec->kind == ATTRIB_DEAL_STAGE_SIGNED) &&
          attrib_time_get_local_day (rec->at, run->tz) == day)
        return TRUE;
    }
  return FALSE;
}

static gboolean
confirmed_before (AttribRun  *run,
                  guint32     person,
                  AttribTime  t)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= t)
        break;
      if (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->n_agents > 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
companion_decide (AttribRun          *run,
                  const AttribClause *clause,
                  AttribDealContext  *deal)
{
  guint32 kinds = _attrib_clause_get_relations (clause, "relations");
  gboolean any_relation = _attrib_clause_get_bool (clause, "any_relation");
  gboolean same_day = _attrib_clause_get_bool (clause, "same_day");
  const guint32 *visits;
  guint32 n_visits, v;

  _attrib_csr_get (&run->index->person_companions, deal->purchaser, &visits, &n_visits);
  for (v = 0; v < n_visits; v++)
    {
      const AttribRecord *visit = _attrib_run_record (run, visits[v]);
      const AttribVisitExtra *x = &g_array_index (run->ledger->visits, AttribVisitExtra, visit->extra);
      guint32 host = _attrib_run_contact_person (run, visit->contact);
      const AttribPersonClaims *claims;
      const AttribClaimRec *started = NULL;
      guint32 relation = ATTRIB_RELATION_KIND_NONE, i;

      for (i = 0; i < x->n_companions; i++)
        {
          const AttribCompanionRec *c = &g_array_index (run->ledger->companions, AttribCompanionRec, x->companions + i);

          if (_attrib_run_contact_person (run, c->contact) == deal->purchaser)
            relation = c->relation;
        }
      if (host == ATTRIB_NONE || host == deal->purchaser)
        continue;

      /* the claim the visit confirmed; the receiver's natural claim from
       * the same visit is no confirmation */
      claims = _attrib_run_claims (run, host);
      for (i = 0; i < claims->claims->len; i++)
        if (g_array_index (claims->claims, AttribClaimRec, i).event == visits[v] &&
            g_array_index (claims->claims, AttribClaimRec, i).standing != ATTRIB_STANDING_NATURAL)
          started = &g_array_index (claims->claims, AttribClaimRec, i);
      /* where reports confirm, the group follows the host's claim at the visit */
      if (started == NULL && !same_day)
        _attrib_run_covering (run, host, visit->at, &started);

      _attrib_run_use (run, visits[v]);
      if (started == NULL)
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                            _("the purchaser came along on visit “%s”, which confirmed nobody"),
                            _attrib_run_shown_event (run, visits[v]));
          continue;
        }
      if (!any_relation && !(kinds & ATTRIB_RELATION_BIT (relation)))
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                            _("the purchaser came along on visit “%s” without a qualifying relation to the customer"),
                            _attrib_run_shown_event (run, visits[v]));
          continue;
        }
      if (confirmed_before (run, deal->purchaser, visit->at))
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                            _("the purchaser had been confirmed before visit “%s”"),
                            _attrib_run_shown_event (run, visits[v]));
          continue;
        }
      if (same_day && !closed_on_day (run, deal, attrib_time_get_local_day (visit->at, run->tz)))
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                            _("the purchaser came along on visit “%s” but did not subscribe or sign that day"),
                            _attrib_run_shown_event (run, visits[v]));
          continue;
        }
      if (!same_day && deal->at >= started->end)
        {
          g_autofree char *end = _attrib_run_time_text (run, started->end);

          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                            _("the purchaser came in the group of a customer of %s on visit “%s”, but that claim "
                              "ended (%s) before the deal"),
                            _attrib_run_shown (run, started->holder), _attrib_run_shown_event (run, visits[v]), end);
          continue;
        }
      if (!any_relation && *_attrib_clause_get_string (clause, "evidence_clause") != '\0')
        {
          guint32 proof = _attrib_run_relation_between (run, host, deal->purchaser, kinds, TRUE);

          if (proof == ATTRIB_NONE)
            {
              const char *evidence = _attrib_clause_get_string (clause, "evidence_clause");

              deal->pending = TRUE;
              _attrib_verdict_add_clause (run->verdict, evidence);
              _attrib_run_trace (run, evidence, ATTRIB_OUTCOME_NOT_APPLICABLE, &visits[v], 1,
                                _("the purchaser came along on visit “%s” as the customer's %s, but no verified "
                                  "relation shows it yet: pending until it is verified"),
                                _attrib_run_shown_event (run, visits[v]), _attrib_relation_label (relation));
            }
          else
            _attrib_run_use (run, proof);
        }

      _attrib_verdict_clear_shares (run->verdict);
      _attrib_run_award_claims (run, started, 1);
      _attrib_verdict_add_clause (run->verdict, clause->id);
      if (same_day)
        _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &visits[v], 1,
                          _("the purchaser came along as the %s of a customer confirmed by %s on visit “%s” "
                            "and subscribed the same day"),
                          _attrib_relation_label (relation),
                          _attrib_run_shown (run, started->holder), _attrib_run_shown_event (run, visits[v]));
      else
        _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &visits[v], 1,
                          _("the purchaser came in the group of a customer of %s on visit “%s”"),
                          _attrib_run_shown (run, started->holder), _attrib_run_shown_event (run, visits[v]));
      deal->decided = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* At the reception of a group: a companion of a customer someone holds
 * belongs to that holder (lvchen-joint 二.(二).2 B “新客户与老客户同时到场…
 * 由原销售跟进”). */
static guint32
companion_host_holder (AttribRun          *run,
                       const AttribClause *clause,
                       guint32             person,
                       guint32             visit,
                       guint32             host)
{
  const AttribClaimRec *claim;
  guint32 holder = _attrib_run_holder_at (run, host, _attrib_run_record (run, visit)->at, &claim);
  guint32 used[2];

  if (holder == ATTRIB_NONE)
    return ATTRIB_NONE;
  used[0] = visit;
  used[1] = claim->event;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                    _("the customer came along on “%s” with a customer of %s (“%s”): they are %s's too"),
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
  return host != ATTRIB_NONE ? companion_host_holder (run, clause, person, visit, host) : ATTRIB_NONE;
}


/* PHASE_RELATE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return deal->n_own == 0 && companion_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"relative\", \"friend\", \"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\"]" },
  { "any_relation", ATTRIB_PARAM_BOOL, "false" },
  { "same_day", ATTRIB_PARAM_BOOL, "true" },
  { "evidence_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_companion = {
  .name = "companion",
  .params = params,
  .summary = "A companion of a confirmed customer buying on the spot belongs to that channel",
  .phases = ATTRIB_PHASE_HOLDER | ATTRIB_PHASE_RELATE,
  .decide = decide,
  .holder = holder,
};
