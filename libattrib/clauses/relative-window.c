/* relative-window.c: a close relative found within days of the deposit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `relative_window` (lvchen-joint 二.2.1(J)): within `days` days
 * after a deposit (the subscription's local day and the days after),
 * another consultant shows that the buyer is the spouse, parent or child
 * (`relations`) of their own customer, buying the same unit: the
 * performance and commission are split equally between the two
 * consultants. Once the contract is signed, the signing consultant keeps
 * it. The showing is the `relation` event's time; the relation must be
 * verified.
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

static gboolean
relative_window_decide (AttribRun            *run,
                        const AttribClause   *clause,
                        AttribDealContext    *deal,
                        const AttribClaimRec *own)
{
  guint32 kinds = _attrib_clause_get_relations (clause, "relations");
  AttribTime signed_at = ATTRIB_TIME_MAX, begin, end;
  const guint32 *events, *relations;
  guint32 n, i, n_rel, r;

  if (deal->subscribed_at == ATTRIB_TIME_MIN)
    return FALSE;
  attrib_period_days (deal->subscribed_at, _attrib_clause_get_int (clause, "days"), run->tz, &begin, &end);
  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && rec->kind == ATTRIB_DEAL_STAGE_SIGNED && signed_at == ATTRIB_TIME_MAX)
        signed_at = rec->at;
    }

  _attrib_csr_get (&run->index->person_relations, deal->purchaser, &relations, &n_rel);
  for (r = 0; r < n_rel; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 a = _attrib_run_contact_person (run, rel->contact);
      guint32 b = _attrib_run_contact_person (run, rel->counterpart);
      guint32 other = a == deal->purchaser ? b : a;
      const AttribClaimRec *claim;
      guint32 holder, used[2];

      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)) || !(rel->flags & ATTRIB_RECORD_VERIFIED) ||
          other == ATTRIB_NONE || other == deal->purchaser || rel->at < begin || rel->at >= end ||
          !_attrib_run_knows_relation (run, relations[r]))
        continue;
      holder = _attrib_run_holder_at (run, other, rel->at, &claim);
      if (holder == ATTRIB_NONE || holder == own->holder)
        continue;
      used[0] = relations[r];
      used[1] = claim->event;
      if (signed_at <= rel->at)
        {
          _attrib_verdict_add_clause (run->verdict, clause->id);
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                            _("%s showed on “%s” that the buyer is the %s of their customer, but the contract was "
                              "already signed: the signing consultant keeps the deal"),
                            _attrib_run_shown (run, holder), _attrib_run_shown_event (run, relations[r]),
                            _attrib_relation_label (rel->kind));
          return TRUE;
        }
      _attrib_run_award_split (run, NULL, _attrib_run_str (run, own->holder), _attrib_run_str (run, holder));
      _attrib_verdict_add_clause (run->verdict, clause->id);
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                        _("within %d days of the deposit %s showed (“%s”) that the buyer is the %s of their customer "
                          "(“%s”): performance and commission split equally with %s"),
                        (int) _attrib_clause_get_int (clause, "days"), _attrib_run_shown (run, holder),
                        _attrib_run_shown_event (run, relations[r]), _attrib_relation_label (rel->kind),
                        _attrib_run_shown_event (run, claim->event), _attrib_run_shown (run, own->holder));
      return TRUE;
    }
  return FALSE;
}


/* PHASE_SPLIT */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return relative_window_decide (run, clause, deal, deal->own);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "days", ATTRIB_PARAM_INT, "3" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"spouse\", \"parent_child\"]" },
  { NULL }
};

const AttribClauseKind _attrib_kind_relative_window = {
  .name = "relative_window",
  .params = params,
  .summary = "Within `days` days after the deposit, another representative shows the buyer is a close relative of their customer: split equally; after signing, the signer",
  .phases = ATTRIB_PHASE_SPLIT,
  .decide = decide,
};
