/* attrib-decide.c: the verdict on one deal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A deal is decided in phases (attrib-clause-kind-private.h,
 * docs/architecture.md): the deal's own events (cancelled, provisional,
 * renamed); rulings; what makes it void; the purchaser's claim (the
 * default), then the kinds that give it by the purchaser's links; the
 * kinds that split or move what the claim gives, or, where no claim
 * covers the deal, who has it (decide_unclaimed); last the overrides.
 * Each phase is a loop over the profile's clauses of that phase.
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

/* Who closed the deal: `closed_by` on its counted stage (or an earlier
 * stage), else whoever received the purchaser's last visit up to the
 * deal. @out_event is the event that says so. */
guint32
_attrib_run_deal_closer (AttribRun         *run,
                         AttribDealContext *deal,
                         guint32           *out_event)
{
  const guint32 *events;
  GArray *receptions;
  guint32 n, i, closer = ATTRIB_NONE;

  *out_event = ATTRIB_NONE;
  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 by;

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL || rec->at > deal->at)
        continue;
      by = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).closed_by;
      if (by != ATTRIB_NONE)
        {
          closer = by;
          *out_event = events[i];
        }
    }
  if (closer != ATTRIB_NONE || deal->purchaser == ATTRIB_NONE)
    return closer;

  /* the last visit someone received up to the deal */
  receptions = _attrib_run_person_sorted (run, deal->purchaser)->receptions;
  n = _attrib_run_count_until (run, receptions, deal->at);
  if (n > 0)
    {
      *out_event = g_array_index (receptions, guint32, n - 1);
      closer = _attrib_reception_receiver (run, *out_event);
    }
  return closer;
}

/* Visits of the purchaser up to @until that were no reception, received by
 * someone other than @owner: without those clauses that someone would
 * hold the customer, so they decided too. */
static void
cite_non_receptions (AttribRun         *run,
                     AttribDealContext *deal,
                     AttribTime         until,
                     guint32            owner)
{
  GArray *visits = _attrib_run_person_sorted (run, deal->purchaser)->non_receptions;
  guint32 n = _attrib_run_count_until (run, visits, until), i;

  /* the verdict cites a clause once: of each, the first visit someone
   * other than @owner received is enough (AttribPersonSorted) */
  for (i = 0; i < n; i++)
    {
      guint32 visit = g_array_index (visits, guint32, i);

      if (_attrib_reception_receiver (run, visit) != owner)
        _attrib_verdict_add_clause (run->verdict, _attrib_not_a_reception (run, visit)->id);
    }
}

/* No claim of a channel covers the deal: who has it, and which clause
 * says so. A complaint or a departure leaves it to the manager; otherwise
 * the clause that left the deal without a claim is cited, and the deal
 * goes to the customer's natural holder (自然来访) where there is one, to
 * the holder of the reception whose protection lapsed where the profile
 * keeps the customer with them (`lapsed_clause`), else to the developer. */
static void
decide_unclaimed (AttribRun                *run,
                  AttribDealContext        *deal,
                  const AttribPersonClaims *pc,
                  const AttribClaimRec     *natural)
{
  AttribProfile *profile = run->profile;
  const AttribClause *complaint = _attrib_profile_first (profile, ATTRIB_KIND (complaint));
  const AttribClause *departure = _attrib_profile_first (profile, ATTRIB_KIND (departure));
  const AttribClause *helper_split = _attrib_profile_first (profile, ATTRIB_KIND (helper_split));
  const AttribClause *reception = _attrib_profile_first (profile, ATTRIB_KIND (first_reception));
  const AttribClause *renewal = _attrib_profile_first (profile, ATTRIB_KIND (renewal));
  const AttribClause *natural_visit = _attrib_profile_first (profile, ATTRIB_KIND (natural_visit));
  const AttribClause *split = _attrib_profile_first (profile, ATTRIB_KIND (follow_up_split));
  const char *lapsed = reception != NULL ? _attrib_clause_get_string (reception, "lapsed_clause") : "";
  /* at channel level, and where nobody received the customer, one step
   * says both why no claim holds and that the deal is the developer's */
  gboolean to_developer = natural == NULL && natural_visit == NULL;
  /* for the trace only */
  g_autofree char *when = _attrib_run_tracing (run) ? _attrib_run_time_text (run, deal->at) : NULL;
  const AttribClaimRec *last = NULL, *kept = NULL, *left_natural = NULL;
  const AttribAttempt *rejected = NULL;
  guint i;

  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin > deal->at)
        continue;
      if (claim->standing == ATTRIB_STANDING_NATURAL)
        {
          /* the receiver left before the deal */
          left_natural = (claim->ended_by & ATTRIB_ENDING_DEPARTURE) && claim->end <= deal->at ? claim : NULL;
          continue;
        }
      last = claim;
      /* the last protection that ran out by itself, its holder still here */
      if (!(claim->ended_by & (ATTRIB_ENDING_WITHDRAWN | ATTRIB_ENDING_DEPARTURE)) && claim->end <= deal->at &&
          _attrib_run_record (run, claim->event)->at <= deal->at)
        kept = claim;
    }
  if (*lapsed == '\0' || natural != NULL || (kept != NULL && kept != last && !(last->ended_by & ATTRIB_ENDING_DEPARTURE)))
    kept = NULL;
  for (i = 0; i < pc->rejected->len; i++)
    if (_attrib_run_record (run, g_array_index (pc->rejected, AttribAttempt, i).event)->at <= deal->at)
      rejected = &g_array_index (pc->rejected, AttribAttempt, i);

  if (helper_split != NULL && _attrib_helper_split_decide (run, helper_split, deal, NULL))
    return;   /* another name of a customer someone holds */
  if (complaint != NULL && last != NULL && (last->ended_by & ATTRIB_ENDING_WITHDRAWN))
    {
      _attrib_complaint_decide (run, complaint, deal, last);
      return;
    }
  if (departure != NULL && last != NULL && (last->ended_by & ATTRIB_ENDING_DEPARTURE) && deal->at >= last->end &&
      (kept == NULL || _attrib_clause_get_bool (departure, "department_holds")))
    {
      _attrib_departure_decide (run, departure, deal, last);
      return;
    }
  /* the first company's claim ran out and the customer passed to another,
   * which closed (joint-agency 三.1 2>) */
  if (split != NULL && last != NULL && !(last->ended_by & (ATTRIB_ENDING_WITHDRAWN | ATTRIB_ENDING_DEPARTURE)) && last->end <= deal->at &&
      _attrib_run_record (run, last->event)->at <= deal->at &&
      _attrib_follow_up_split_handover (run, split, deal, last))
    return;
  /* the last receiver left after their protection ran out: nobody took
   * the customer over (receptions turned down take nobody over), they are
   * the department's, or for a ruling */
  if (kept != NULL && departure != NULL)
    {
      guint32 left = ATTRIB_NONE;

      if (_attrib_departure_after (run, kept->holder, kept->end, &left) <= deal->at)
        {
          _attrib_departure_rule (run, departure, deal, kept->holder, left);
          return;
        }
    }
  /* nobody received the customer since the last protection lapsed (a
   * rival's reception turned down to give the customer back to the holder,
   * 二.(二).1 E, is no reception that takes them over) */
  if (kept != NULL && rejected != NULL && rejected->cause != kept->event &&
      _attrib_run_record (run, rejected->event)->at > kept->begin)
    kept = NULL;
  if (kept != NULL)
    {
      /* nobody received the customer since: they stay with the last
       * receiver (lvchen-joint 三.(二).3) */
      g_autofree char *end = _attrib_run_day_text (run, kept->end - 1);

      _attrib_run_award_party (run, _attrib_run_str (run, kept->holder));
      _attrib_verdict_add_clause (run->verdict, kept->clause);
      _attrib_verdict_add_clause (run->verdict, lapsed);
      _attrib_run_trace (run, lapsed, ATTRIB_OUTCOME_DECIDED, &kept->event, 1,
                        _("the protection of %s ended on %s and nobody received the customer since: the "
                          "deal (%s) stays with them, the last to receive the customer within a protection"),
                        _attrib_run_shown (run, kept->holder), end, when);
      return;
    }

  if (rejected != NULL && (last == NULL || _attrib_run_record (run, rejected->event)->at > last->begin))
    {
      gboolean by_report = _attrib_run_record (run, rejected->event)->type == ATTRIB_EVENT_TYPE_REPORT;

      /* every confirmation rejected since the last claim is a reason */
      for (i = 0; i < pc->rejected->len; i++)
        {
          const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);
          AttribTime t = _attrib_run_record (run, a->event)->at;

          if (t <= deal->at && (last == NULL || t > last->begin))
            _attrib_verdict_add_clause (run->verdict, a->reject_clause);
        }
      if (to_developer)
        {
          _attrib_run_trace (run, rejected->reject_clause, ATTRIB_OUTCOME_DECIDED, &rejected->event, 1,
                            by_report ? _("no valid claim covers the deal (%s): the report was rejected, "
                                          "the deal is the developer's")
                                      : _("no valid claim covers the deal (%s): the confirmation was rejected, "
                                          "the deal is the developer's"), when);
          return;
        }
      _attrib_run_trace (run, rejected->reject_clause, ATTRIB_OUTCOME_APPLIED, &rejected->event, 1,
                        by_report ? _("no valid claim covers the deal (%s): the report was rejected")
                                  : _("no valid claim covers the deal (%s): the confirmation was rejected"), when);
    }
  else if (last == NULL && reception != NULL && natural == NULL)
    {
      cite_non_receptions (run, deal, deal->at, ATTRIB_NONE);
      _attrib_verdict_add_clause (run->verdict, reception->id);
      _attrib_run_trace (run, reception->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                        _("nobody received the purchaser: the deal is the developer's"));
      return;
    }
  else if (last != NULL)
    {
      /* at channel level it says the deal is the developer's; at agent
       * level the natural holder's step below decides */
      AttribOutcome outcome = to_developer ? ATTRIB_OUTCOME_DECIDED : ATTRIB_OUTCOME_APPLIED;

      _attrib_verdict_add_clause (run->verdict, last->clause);
      if (_attrib_run_record (run, last->event)->at > deal->at)
        {
          /* registered only after the deal: nothing covered it */
          g_autofree char *begin = attrib_time_format (_attrib_run_record (run, last->event)->at, run->tz);

          _attrib_run_trace (run, last->clause, outcome, &last->event, 1,
                            to_developer ? _("the claim of %s began at %s, after the deal (%s): it does not cover "
                                             "the deal, which is the developer's")
                                         : _("the claim of %s began at %s, after the deal (%s): it does not cover "
                                             "the deal"),
                            _attrib_run_shown (run, last->holder), begin, when);
        }
      else
        {
          g_autofree char *end = _attrib_run_day_text (run, last->end - 1);

          if (renewal != NULL)
            _attrib_verdict_add_clause (run->verdict, renewal->id);
          _attrib_run_trace (run, last->clause, outcome, &last->event, 1,
                            to_developer ? _("the claim of %s ended on %s, before the deal (%s): the customer was "
                                             "public, the deal is the developer's")
                                         : _("the claim of %s ended on %s, before the deal (%s)"),
                            _attrib_run_shown (run, last->holder), end, when);
        }
      if (to_developer)
        return;
    }
  else if (natural == NULL)
    {
      const AttribClause *clause = renewal != NULL ? renewal : _attrib_profile_get_phases (profile)->primary;

      if (natural_visit != NULL && departure != NULL && left_natural != NULL)
        {
          _attrib_departure_decide (run, departure, deal, left_natural);
          return;
        }
      if (natural_visit != NULL)
        {
          /* at agent level the developer has only a customer nobody received */
          if (clause != NULL)
            _attrib_verdict_add_clause (run->verdict, clause->id);
          _attrib_verdict_add_clause (run->verdict, natural_visit->id);
          _attrib_run_trace (run, natural_visit->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                            _("no report or confirmation holds the purchaser and nobody received them: the deal is "
                              "the developer's"));
        }
      else if (clause != NULL)
        {
          _attrib_verdict_add_clause (run->verdict, clause->id);
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                            _("no channel confirmed the purchaser: a natural visit, the deal is the developer's"));
        }
      return;
    }

  if (natural == NULL && departure != NULL && left_natural != NULL)
    {
      /* the one who received them has left: the department's (首访接待人离职) */
      _attrib_departure_decide (run, departure, deal, left_natural);
      return;
    }
  if (natural == NULL)
    {
      _attrib_verdict_add_clause (run->verdict, natural_visit->id);
      _attrib_run_trace (run, natural_visit->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                        _("nobody received the purchaser: the deal is the developer's"));
      return;
    }

  /* the customer came of their own accord, as far as any claim goes: the
   * representative who received them has them (自然来访) — or the one an
   * old customer they came with is the customer of that way */
  _attrib_run_award_party (run, _attrib_run_str (run, natural->holder));
  _attrib_verdict_add_clause (run->verdict, natural->clause);
  if (natural_visit != NULL && g_str_equal (natural->clause, natural_visit->id))
    _attrib_run_trace (run, natural->clause, ATTRIB_OUTCOME_DECIDED, &natural->event, 1,
                      _("no report or confirmation holds the customer: they are the customer of %s, who received "
                        "them on “%s” (a natural visit), and so is the deal (%s)"),
                      _attrib_run_shown (run, natural->holder), _attrib_run_shown_event (run, natural->event), when);
  else
    _attrib_run_trace (run, natural->clause, ATTRIB_OUTCOME_DECIDED, &natural->event, 1,
                      _("no report or confirmation holds the customer: they came with a natural customer of %s on "
                        "“%s” and are theirs the same way, and so is the deal (%s)"),
                      _attrib_run_shown (run, natural->holder), _attrib_run_shown_event (run, natural->event), when);
}

/* Cites the clause that turned down each rejection of @pc that @cause
 * caused up to @until, if it is @clause or @other_clause (or NULL), in
 * the order of the rejections. */
static void
cite_rejections (AttribRun                *run,
                 const AttribPersonClaims *pc,
                 guint32                   cause,
                 AttribTime                until,
                 const char               *clause,
                 const char               *other_clause)
{
  const guint *firsts;
  guint n, i;

  if (!_attrib_claims_first_rejections (run, pc, cause, &firsts, &n))
    {
      firsts = NULL;
      n = pc->rejected->len;
    }
  /* the first of each clause is enough: the verdict cites a clause once */
  for (i = 0; i < n; i++)
    {
      const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, firsts != NULL ? firsts[i] : i);

      if (a->cause == cause && _attrib_run_record (run, a->event)->at <= until &&
          (g_strcmp0 (a->reject_clause, clause) == 0 ||
           (other_clause != NULL && g_strcmp0 (a->reject_clause, other_clause) == 0)))
        _attrib_verdict_add_clause (run->verdict, a->reject_clause);
    }
}

/* The clauses of a deal phase, in the profile's order, until one settles
 * the deal: TRUE if one did. */
static gboolean
decide_phase (AttribRun         *run,
              AttribDealPhase    phase,
              AttribDealContext *deal)
{
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (run->profile);
  guint i;

  for (i = 0; i < phases->n_deciding[phase]; i++)
    {
      const AttribClause *clause = phases->deciding[phase][i];

      if (clause->kind->decide (run, clause, deal))
        return TRUE;
    }
  return FALSE;
}

AttribVerdict *
_attrib_run_decide_deal (AttribRun *run,
                         guint32    slot)
{
  AttribProfile *profile = run->profile;
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (profile);
  AttribDealStage counted = attrib_profile_get_deal_stage (profile);
  const char *deal_id = _attrib_run_str (run, run->index->deal_ids[slot]);
  AttribDealContext deal = { 0, };
  const guint32 *events;
  guint32 n, i, cancelled = ATTRIB_NONE, first_stage = ATTRIB_NONE, renamed = ATTRIB_NONE;
  const AttribClaimRec *own = NULL, *natural = NULL;
  guint n_own;
  g_autofree char *inputs = NULL;
  AttribVerdict *verdict;

  deal.slot = slot;
  deal.stage_event = ATTRIB_NONE;
  deal.purchaser = ATTRIB_NONE;
  deal.subscribed_at = ATTRIB_TIME_MIN;
  run->verdict = _attrib_verdict_new (deal_id);
  g_clear_pointer (&run->trace_folds, g_hash_table_unref);
  /* what the fingerprint covers: none for shares only */
  if (!run->unsealed)
    {
      run->used = g_array_new (FALSE, FALSE, sizeof (guint32));
      run->used_persons = g_array_new (FALSE, FALSE, sizeof (guint32));
    }
  run->too_deep = FALSE;

  _attrib_run_deal_events (run, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      _attrib_run_use (run, events[i]);
      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      if (first_stage == ATTRIB_NONE && rec->contact != ATTRIB_NONE)
        first_stage = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_SUBSCRIBED && deal.subscribed_at == ATTRIB_TIME_MIN)
        deal.subscribed_at = rec->at;
      if (rec->kind == counted && deal.stage_event == ATTRIB_NONE)
        deal.stage_event = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        cancelled = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_RENAMED)
        renamed = events[i];
    }

  if (cancelled != ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_CANCELLED);
      _attrib_verdict_set_at (run->verdict, _attrib_run_record (run, cancelled)->at, run->tz);
      _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_DECIDED, &cancelled, 1,
                        _("the deal was cancelled on “%s”: it has no attribution"),
                        _attrib_run_shown_event (run, cancelled));
      goto seal;
    }

  if (deal.stage_event == ATTRIB_NONE)
    {
      /* not yet at the counted stage: judge provisionally at what there is */
      deal.stage_event = first_stage;
      deal.pending = TRUE;
      if (deal.stage_event != ATTRIB_NONE)
        _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                          _("the deal has not reached the counted stage (%s): the verdict is provisional"),
                          _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, counted));
    }
  if (deal.stage_event == ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_DISPUTED);
      _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, NULL, 0,
                        _("no stage of the deal names a purchaser"));
      goto seal;
    }
  deal.at = _attrib_run_record (run, deal.stage_event)->at;
  deal.purchaser = _attrib_run_contact_person (run, _attrib_run_record (run, deal.stage_event)->contact);

  if (renamed != ATTRIB_NONE && _attrib_run_record (run, renamed)->contact != ATTRIB_NONE)
    {
      guint32 to = _attrib_run_contact_person (run, _attrib_run_record (run, renamed)->contact);
      guint32 keeps = _attrib_profile_get_rename_keeps (profile);
      const guint32 *relations;
      guint32 n_rel, r;
      gboolean kept = to == deal.purchaser;

      _attrib_csr_get (&run->index->person_relations, deal.purchaser, &relations, &n_rel);
      for (r = 0; !kept && r < n_rel; r++)
        {
          const AttribRecord *rel = _attrib_run_record (run, relations[r]);
          guint32 a = _attrib_run_contact_person (run, rel->contact);
          guint32 b = _attrib_run_contact_person (run, rel->counterpart);

          if ((keeps & ATTRIB_RELATION_BIT (rel->kind)) && (rel->flags & ATTRIB_RECORD_VERIFIED) &&
              _attrib_run_knows_relation (run, relations[r]) &&
              ((a == deal.purchaser && b == to) || (b == deal.purchaser && a == to)))
            kept = TRUE;
        }
      if (kept)
        _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &renamed, 1,
                          _("renamed on “%s” to a close relative: the verdict of the original purchaser stands"),
                          _attrib_run_shown_event (run, renamed));
      else
        {
          deal.purchaser = to;
          deal.stage_event = renamed;
          deal.at = _attrib_run_record (run, renamed)->at;
          _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_APPLIED, &renamed, 1,
                            _("renamed on “%s” to another person: the deal is attributed to the new purchaser"),
                            _attrib_run_shown_event (run, renamed));
        }
    }
  _attrib_verdict_set_at (run->verdict, deal.at, run->tz);

  /* 1. a ruling overrides everything */
  if (decide_phase (run, ATTRIB_DEAL_PHASE_RULING, &deal))
    goto seal;

  /* a unit sold twice: only the deal paid first stands */
  if (decide_phase (run, ATTRIB_DEAL_PHASE_VOID, &deal))
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_CANCELLED);
      goto seal;
    }

  if (deal.purchaser == ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_DISPUTED);
      _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                        _("the purchaser of “%s” matches several persons: a ruling must say who bought"),
                        _attrib_run_shown_event (run, deal.stage_event));
      goto seal;
    }

  /* 2. the purchaser's own claim is the default; a natural holder only
   *    where nothing else decides */
  n_own = _attrib_run_covering (run, deal.purchaser, deal.at, &own);
  if (n_own > 0 && own->standing == ATTRIB_STANDING_NATURAL)
    {
      natural = own;
      own = NULL;
      n_own = 0;
    }
  deal.own = own;
  deal.n_own = n_own;
  deal.natural = natural;
  _attrib_run_award_party (run, "developer");
  if (n_own > 0)
    {
      _attrib_verdict_clear_shares (run->verdict);
      _attrib_run_award_claims (run, own, n_own);
    }

  /* 3. related purchasers, companions and groups, in the profile's order,
   *    until one decides */
  for (i = 0; !deal.decided && i < phases->n_deciding[ATTRIB_DEAL_PHASE_RELATE]; i++)
    {
      const AttribClause *clause = phases->deciding[ATTRIB_DEAL_PHASE_RELATE][i];

      clause->kind->decide (run, clause, &deal);
    }

  if (!deal.decided)
    {
      const AttribPersonClaims *pc = _attrib_run_claims (run, deal.purchaser);
      const AttribClause *simultaneous = _attrib_profile_first (profile, ATTRIB_KIND (simultaneous));
      g_autofree char *when = _attrib_run_tracing (run) ? _attrib_run_time_text (run, deal.at) : NULL;

      if (n_own > 0)
        {
          const AttribClause *protected_customer = _attrib_profile_first (profile, ATTRIB_KIND (protected_customer));
          const AttribClause *source = _attrib_profile_first (profile, ATTRIB_KIND (protection));
          const AttribClause *reception = _attrib_profile_first (profile, ATTRIB_KIND (first_reception));
          const char *conflict = reception == NULL ? NULL
                               : *_attrib_clause_get_string (reception, "conflict_clause") != '\0'
                               ? _attrib_clause_get_string (reception, "conflict_clause") : reception->id;

          if (source == NULL)
            source = _attrib_profile_first (profile, ATTRIB_KIND (report_claim));
          /* a renewed or activity claim is still a protection claim; a
           * visit confirms the report that won (outreach-1031 7 and 3) */
          if (source == NULL && _attrib_profile_first (profile, ATTRIB_KIND (visit_validity)) != NULL &&
              g_str_equal (own->clause, _attrib_profile_first (profile, ATTRIB_KIND (visit_validity))->id))
            source = _attrib_profile_first (profile, ATTRIB_KIND (first_report));
          if (source != NULL && !g_str_equal (source->id, own->clause))
            _attrib_verdict_add_clause (run->verdict, source->id);
          _attrib_verdict_add_clause (run->verdict, own->clause);
          /* a rival's reception was turned down to keep the customer with
           * the owner: that clause decided too ("the earlier registration") */
          if (reception != NULL)
            cite_rejections (run, pc, own->event, deal.at, conflict, NULL);
          /* another channel's confirmation was rejected because this claim
           * protected the customer — under another phone of the same
           * person too (junyuan-2012 1.2.7): that settled who counts */
          if (protected_customer != NULL)
            cite_rejections (run, pc, own->chain_event, deal.at, protected_customer->id,
                             _attrib_clause_get_string (protected_customer, "other_contact_clause"));
          if (n_own > 1 && simultaneous != NULL)
            _attrib_verdict_add_clause (run->verdict, simultaneous->id);
          if (reception != NULL)
            cite_non_receptions (run, &deal, _attrib_run_record (run, own->event)->at, own->holder);
          if (own->pending)
            {
              const char *pending_clause = own->pending_clause != NULL ? own->pending_clause : own->clause;

              deal.pending = TRUE;
              _attrib_verdict_add_clause (run->verdict, pending_clause);
              _attrib_run_trace (run, pending_clause, ATTRIB_OUTCOME_NOT_APPLICABLE, &own->event, 1,
                                _("an unverified relation would change whose customer “%s” confirmed: pending until "
                                  "it is verified"),
                                _attrib_run_shown_event (run, own->event));
            }
          _attrib_run_trace (run, own->clause, ATTRIB_OUTCOME_DECIDED, &own->event, 1,
                            _("the deal (%s) falls inside the claim of %s from “%s”"),
                            when, _attrib_run_shown (run, own->holder), _attrib_run_shown_event (run, own->event));

          /* who closed, who helped, who followed up: the kinds that split
           * or move what the claim gives, in the profile's order; the
           * first that settles the deal ends the search */
          if (n_own == 1)
            decide_phase (run, ATTRIB_DEAL_PHASE_SPLIT, &deal);
        }
      else
        decide_unclaimed (run, &deal, pc, natural);
    }

  /* 4. what overrides the claims: the signer, sanctions (each of them) */
  for (i = 0; i < phases->n_deciding[ATTRIB_DEAL_PHASE_OVERRIDE]; i++)
    {
      const AttribClause *clause = phases->deciding[ATTRIB_DEAL_PHASE_OVERRIDE][i];

      clause->kind->decide (run, clause, &deal);
    }

  if (run->too_deep)
    {
      deal.pending = TRUE;
      _attrib_run_trace (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                        _("the customers linked to the purchaser (referrals, relatives) run deeper than %d: the "
                          "verdict is provisional until someone rules"),
                        ATTRIB_MAX_CLAIM_DEPTH);
    }

  _attrib_verdict_set_status (run->verdict, deal.disputed ? ATTRIB_VERDICT_STATUS_DISPUTED
                                          : deal.pending ? ATTRIB_VERDICT_STATUS_PENDING
                                          : ATTRIB_VERDICT_STATUS_DECIDED);

seal:
  _attrib_run_trace_finish (run);
  inputs = run->unsealed ? NULL : _attrib_run_fingerprint_inputs (run);
  _attrib_verdict_seal (run->verdict, inputs);
  verdict = g_steal_pointer (&run->verdict);
  g_clear_pointer (&run->used, g_array_unref);
  g_clear_pointer (&run->used_persons, g_array_unref);
  return verdict;
}
