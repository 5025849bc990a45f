/* returning.c: a relative of a customer someone holds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `returning` (reception-2013 二.1.1, lvchen-joint 二.(二).2 B): the
 * front desk asks whether the visitor, or a relative of theirs, has been
 * before. A visitor related (a verified relation of `relations`) to a
 * customer whom a representative holds at the time goes to that
 * representative; the relation counts if it was recorded by the time of
 * the visit. The returning customer themself stays with their holder
 * through the claim (first_reception). A relation recorded but not
 * verified moves nobody; where it would, the verdicts on the visitor's
 * claim are pending until it is verified.
 *
 * The relatives of a customer who has bought are `closed_relations`
 * (lvchen-joint 二.(二).2 B: “已成交客户…和其直系亲属”, lineal relatives
 * without the limit the text then puts on an unclosed customer's, “未成交
 * 老客户直系亲属（父母，配偶，子女）”); by default the same as `relations`.
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

static guint32
returning_holder (AttribRun          *run,
                  const AttribClause *clause,
                  guint32             person,
                  guint32             visit,
                  gboolean           *out_pending)
{
  guint32 unclosed = _attrib_clause_get_relations (clause, "relations");
  guint32 closed = _attrib_clause_get_relations (clause, "closed_relations");
  AttribTime t = _attrib_run_record (run, visit)->at;
  const guint32 *relations;
  guint32 n, r;

  _attrib_csr_get (&run->index->person_relations, person, &relations, &n);
  for (r = 0; r < n; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 a = _attrib_run_contact_person (run, rel->contact);
      guint32 b = _attrib_run_contact_person (run, rel->counterpart);
      guint32 other = a == person ? b : a;
      const AttribClaimRec *claim;
      guint32 holder, used[2], kinds;

      /* the desk asks at the visit: a relation recorded later was not known */
      if (other == ATTRIB_NONE || other == person || rel->at > t)
        continue;
      kinds = closed != 0 && _attrib_run_bought_before (run, other, t) ? closed : unclosed;
      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)))
        continue;
      holder = _attrib_run_holder_at (run, other, t, &claim);
      if (holder == ATTRIB_NONE)
        continue;
      if (!(rel->flags & ATTRIB_RECORD_VERIFIED))
        {
          if (holder == _attrib_reception_receiver (run, visit))
            continue;   /* it would move nothing */
          /* it would move the customer: pending until it is verified */
          *out_pending = TRUE;
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_REJECTED, &relations[r], 1,
                            _("the visitor would be the %s of a customer of %s (“%s”), but the relation “%s” is not "
                              "verified: pending"),
                            _attrib_relation_label (rel->kind), _attrib_run_shown (run, holder),
                            _attrib_run_shown_event (run, claim->event), _attrib_run_shown_event (run, relations[r]));
          continue;
        }
      used[0] = relations[r];
      used[1] = claim->event;
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                        _("the visitor is the %s of a customer of %s (“%s”): they go to %s"),
                        _attrib_relation_label (rel->kind), _attrib_run_shown (run, holder),
                        _attrib_run_shown_event (run, claim->event), _attrib_run_shown (run, holder));
      return holder;
    }
  return ATTRIB_NONE;
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
  guint32 holder = returning_holder (run, clause, person, visit, &attempt->pending);

  if (attempt->pending && attempt->pending_clause == NULL)
    attempt->pending_clause = clause->id;
  return holder;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\", \"relative\"]" },
  { "closed_relations", ATTRIB_PARAM_RELATIONS, "[]" },
  { NULL }
};

const AttribClauseKind _attrib_kind_returning = {
  .name = "returning",
  .params = params,
  .summary = "A relative of a customer someone holds goes to that representative",
  .phases = ATTRIB_PHASE_HOLDER,
  .holder = holder,
};
