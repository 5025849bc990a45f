/* related-purchaser.c: confirmed under one person, bought under another
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `related_purchaser` (junyuan-2012 1.2.1–1.2.4, one clause per
 * relation kind; joint-agency 三.2, colleagues and executives): the purchaser is related to a person whose claim covers
 * the deal. One channel involved: the relative's channel. Several (the
 * purchaser's own claim too): the channel whose confirmation came first.
 * Only verified relations move credit; an unverified one that would makes
 * the verdict pending, citing evidence_clause (junyuan 3.2: the relation
 * evidence is checked first). With own_claim_keeps, a purchaser whom
 * another party holds in their own right stays theirs (lvchen-joint: the
 * relative found after the deposit is relative_window's).
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

static gboolean
related_purchaser_decide (AttribRun          *run,
                          const AttribClause *clause,
                          AttribDealContext  *deal,
                          const AttribClaimRec  *own)
{
  guint32 kinds = _attrib_clause_get_relations (clause, "relations");
  const guint32 *relations;
  const AttribClaimRec *best = NULL;
  const AttribClaimRec *best_claims = NULL;
  guint best_n = 0;
  guint32 best_relation = ATTRIB_NONE, n_relations, r;
  gboolean best_verified = FALSE;

  _attrib_csr_get (&run->index->person_relations, deal->purchaser, &relations, &n_relations);
  for (r = 0; r < n_relations; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 a = _attrib_run_contact_person (run, rel->contact);
      guint32 b = _attrib_run_contact_person (run, rel->counterpart);
      guint32 other = a == deal->purchaser ? b : a;
      const AttribClaimRec *covering;
      guint n, i;

      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)) || other == ATTRIB_NONE || other == deal->purchaser ||
          !_attrib_run_knows_relation (run, relations[r]))
        continue;
      n = _attrib_run_covering (run, other, deal->at, &covering);
      /* the earliest claim; at the same claim, a verified record of the
       * relation before an unverified one */
      for (i = 0; i < n; i++)
        if (best == NULL || covering[i].chain_begin < best->chain_begin ||
            (covering[i].chain_begin == best->chain_begin && !best_verified && (rel->flags & ATTRIB_RECORD_VERIFIED)))
          {
            best = &covering[i];
            best_claims = covering;
            best_n = n;
            best_relation = relations[r];
            best_verified = (rel->flags & ATTRIB_RECORD_VERIFIED) != 0;
          }
    }
  if (best == NULL)
    return FALSE;

  _attrib_run_use (run, best_relation);
  if (own != NULL && own->holder != best->holder && _attrib_clause_get_bool (clause, "own_claim_keeps"))
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &best_relation, 1,
                        _("the purchaser is a customer of %s in their own right (“%s”): the relative's %s does not "
                          "take the deal"),
                        _attrib_run_shown (run, own->holder), _attrib_run_shown_event (run, own->event),
                        _attrib_run_shown (run, best->holder));
      return FALSE;
    }
  if (own != NULL && own->chain_begin <= best->chain_begin)
    {
      if (own->standing == ATTRIB_STANDING_NATURAL)
        _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &best_relation, 1,
                          _("the purchaser was received on “%s”, before the relative's “%s”: the purchaser's "
                            "receiver keeps the deal"),
                          _attrib_run_shown_event (run, own->chain_event), _attrib_run_shown_event (run, best->chain_event));
      else
        _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &best_relation, 1,
                          _("the purchaser's own confirmation “%s” came before the relative's “%s”: "
                            "the purchaser's channel keeps the deal"),
                          _attrib_run_shown_event (run, own->chain_event), _attrib_run_shown_event (run, best->chain_event));
      return FALSE;
    }
  if (!best_verified)
    {
      const char *evidence = _attrib_clause_get_string (clause, "evidence_clause");

      deal->pending = TRUE;
      _attrib_verdict_add_clause (run->verdict, clause->id);
      if (*evidence != '\0')
        _attrib_verdict_add_clause (run->verdict, evidence);
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_REJECTED, &best_relation, 1,
                        _("relation “%s” would give the deal to %s, but it is not verified: "
                          "pending until the relation evidence is checked"),
                        _attrib_run_shown_event (run, best_relation), _attrib_run_shown (run, best->holder));
      return FALSE;
    }

  _attrib_verdict_clear_shares (run->verdict);
  {
    guint i, n = 0;
    AttribClaimRec joint[16];

    /* the relative's claim, with any claim started together with it */
    for (i = 0; i < best_n && n < G_N_ELEMENTS (joint); i++)
      if (best_claims[i].event == best->event)
        joint[n++] = best_claims[i];
    _attrib_run_award_claims (run, joint, n);
  }
  _attrib_verdict_add_clause (run->verdict, clause->id);
  {
    guint32 used[2] = { best_relation, best->chain_event };

    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                      best->standing == ATTRIB_STANDING_NATURAL
                      ? _("the purchaser is the %s of a customer of %s, who received them (“%s”) and holds them "
                          "at the deal")
                      : _("the purchaser is the %s of a customer confirmed by %s (“%s”), whose claim covers the deal"),
                      _attrib_relation_label (_attrib_run_record (run, best_relation)->kind),
                      _attrib_run_shown (run, best->holder), _attrib_run_shown_event (run, best->chain_event));
  }
  deal->decided = TRUE;
  return TRUE;
}


/* PHASE_RELATE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return related_purchaser_decide (run, clause, deal, deal->n_own > 0 ? deal->own : deal->natural);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS, NULL },
  { "evidence_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "own_claim_keeps", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_related_purchaser = {
  .name = "related_purchaser",
  .params = params,
  .summary = "Bought under a related person's name: the relative's channel, the first if several",
  .phases = ATTRIB_PHASE_RELATE,
  .decide = decide,
};
