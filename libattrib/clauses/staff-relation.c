/* staff-relation.c: relatives and friends of the sales staff
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `staff_relation` (first-contact 二②, tangba-2014 5): a relation
 * between a customer and a representative (a `relation` event with
 * `party`) gives that representative nothing by itself.
 *
 * - With `prior_record`, a relative or friend is the representative's if
 *   they had the first contact or a record of the customer before it (a
 *   `follow_up` or `report` by them before the customer's first
 *   reception); otherwise whoever received them. The relation must be
 *   known (recorded) by the reception, or, for a deal, by the deal.
 * - At the deal, a relative or friend of the representative who closed
 *   stays with their owner: the relative helps without credit (tangba 5).
 *   With `during_first_reception` the relation must have come to light
 *   while the owner received the customer the first time (5: “如A置业顾问
 *   第一次接待客户过程中，客户发现B置业顾问为自己亲朋好友”), i.e. be recorded
 *   by the end of that reception's day; found later, the other rules of
 *   the profile decide.
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

static guint32
prior_record (AttribRun  *run,
              guint32     person,
              guint32     party,
              AttribTime  before)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= before)
        break;
      if ((rec->type == ATTRIB_EVENT_TYPE_FOLLOW_UP || rec->type == ATTRIB_EVENT_TYPE_REPORT) && rec->party == party)
        return events[i];
    }
  return ATTRIB_NONE;
}

static guint32
staff_relation_holder (AttribRun                *run,
                       const AttribClause       *clause,
                       const AttribPersonClaims *pc,
                       guint32                   person,
                       guint32                   visit)
{
  guint32 kinds = _attrib_clause_get_relations (clause, "relations");
  AttribTime t = _attrib_run_record (run, visit)->at;
  const guint32 *relations;
  guint32 n, r;

  if (pc->claims->len > 0)
    return ATTRIB_NONE;   /* only the first contact */
  _attrib_csr_get (&run->index->person_relations, person, &relations, &n);
  for (r = 0; r < n; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 record, used[2];

      if (rel->counterpart != ATTRIB_NONE || !(kinds & ATTRIB_RELATION_BIT (rel->kind)) || rel->at > t ||
          !(rel->flags & ATTRIB_RECORD_VERIFIED) || rel->party == _attrib_reception_receiver (run, visit))
        continue;
      record = _attrib_clause_get_bool (clause, "prior_record") ? prior_record (run, person, rel->party, t) : ATTRIB_NONE;
      if (record == ATTRIB_NONE)
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &relations[r], 1,
                            _("the customer is the %s of %s, who neither received them first nor recorded them "
                              "before: the relation gives %s nothing"),
                            _attrib_relation_label (rel->kind), _attrib_run_shown (run, rel->party),
                            _attrib_run_shown (run, rel->party));
          continue;
        }
      used[0] = relations[r];
      used[1] = record;
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                        _("the customer is the %s of %s, who recorded them before the first reception (“%s”): "
                          "they are %s's"),
                        _attrib_relation_label (rel->kind), _attrib_run_shown (run, rel->party),
                        _attrib_run_shown_event (run, record), _attrib_run_shown (run, rel->party));
      return rel->party;
    }
  return ATTRIB_NONE;
}

static gboolean
staff_relation_decide (AttribRun            *run,
                       const AttribClause   *clause,
                       AttribDealContext    *deal,
                       const AttribClaimRec *own)
{
  guint32 closer_event = ATTRIB_NONE, relation = ATTRIB_NONE;
  guint32 closer = _attrib_run_deal_closer (run, deal, &closer_event);
  AttribTime known_by = deal->at;
  guint32 used[2];

  if (_attrib_clause_get_bool (clause, "during_first_reception"))
    {
      AttribTime day_begin, day_end;

      attrib_period_days (_attrib_run_record (run, own->event)->at, 1, run->tz, &day_begin, &day_end);
      known_by = MIN (known_by, day_end - 1);
    }
  if (closer == ATTRIB_NONE || closer == own->holder ||
      !_attrib_run_related_to_party (run, deal->purchaser, closer, _attrib_clause_get_relations (clause, "relations"),
                                     known_by, &relation))
    return FALSE;
  used[0] = relation;
  used[1] = closer_event;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, closer_event != ATTRIB_NONE ? 2 : 1,
                    _("%s, who closed, is the customer's %s: they help without credit, performance and commission "
                      "stay with %s"),
                    _attrib_run_shown (run, closer), _attrib_relation_label (_attrib_run_record (run, relation)->kind),
                    _attrib_run_shown (run, own->holder));
  return TRUE;
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
  return staff_relation_holder (run, clause, pc, person, visit);
}


/* PHASE_SPLIT */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return staff_relation_decide (run, clause, deal, deal->own);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\", \"relative\", \"friend\"]" },
  { "prior_record", ATTRIB_PARAM_BOOL, "true" },
  { "during_first_reception", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_staff_relation = {
  .name = "staff_relation",
  .params = params,
  .summary = "A relative or friend of a representative is theirs only with the first contact or a prior record; the relation moves no credit",
  .phases = ATTRIB_PHASE_HOLDER | ATTRIB_PHASE_SPLIT,
  .decide = decide,
  .holder = holder,
};
