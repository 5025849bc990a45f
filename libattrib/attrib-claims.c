/* attrib-claims.c: the claims of one person, event by event
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The claim state machine: a person's events (and the visits they came
 * along to) in canonical order, each turned into attempts by the
 * profile's sources, each attempt judged against the claims running then
 * and the profile's checks, and accepted ones starting claims. What each
 * kind does lives in its file under clauses/; this file only runs the
 * phases (attrib-clause-kind-private.h). The claims of a person are
 * worked out once per run, lazily, as far as they are asked for.
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

static gint
compare_attempts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AttribAttempt *x = a, *y = b;
  AttribRun *run = user_data;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp (_attrib_run_str (run, x->channel), _attrib_run_str (run, y->channel));
}

/* The channels of a visit's agents: one attempt per channel, credited to
 * its first agent (lowest rank, then list order). */
GArray *
_attrib_claims_visit_attempts (AttribRun *run,
                               guint32    person,
                               guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  GArray *attempts = _attrib_run_new_attempts (run);
  guint32 i, j;

  for (i = 0; i < rec->n_agents; i++)
    {
      const AttribAgentRec *agent = &g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i);
      guint32 channel = _attrib_run_competitor (run, agent->party);
      AttribAttempt *found = NULL;

      if (strcmp (_attrib_run_str (run, channel), "developer") == 0)
        continue;
      for (j = 0; j < attempts->len; j++)
        if (g_array_index (attempts, AttribAttempt, j).channel == channel)
          found = &g_array_index (attempts, AttribAttempt, j);
      if (found == NULL)
        {
          AttribAttempt a = { 0, };

          a.person = person;
          a.event = visit;
          a.channel = channel;
          a.holder = agent->party;
          a.rank = agent->rank;
          a.entered_first = TRUE;
          a.cause = ATTRIB_NONE;
          g_array_append_val (attempts, a);
        }
      else if (agent->rank < found->rank)
        {
          found->holder = agent->party;
          found->rank = agent->rank;
        }
    }
  if (attempts->len > 1)
    g_array_sort_with_data (attempts, compare_attempts, run);
  return attempts;
}

/* One party's attempt from an event: a report's party, a flyer's agent. */
GArray *
_attrib_claims_report_attempts (AttribRun *run,
                                guint32    person,
                                guint32    event,
                                guint32    party)
{
  GArray *attempts = _attrib_run_new_attempts (run);
  AttribAttempt a = { 0, };

  a.person = person;
  a.event = event;
  a.channel = _attrib_run_competitor (run, party);
  a.holder = party;
  a.entered_first = TRUE;
  a.cause = ATTRIB_NONE;
  g_array_append_val (attempts, a);
  return attempts;
}

/* The one way an attempt is turned down: traced (the clause that turned
 * it down, why, and the event that caused it) and kept among the person's
 * rejected confirmations, which take its reason. */
void
_attrib_claims_reject (AttribRun          *run,
                       AttribPersonClaims *pc,
                       AttribAttempt      *a)
{
  guint32 events[2] = { a->event, a->cause };
  const AttribRecord *rec = _attrib_run_record (run, a->event);
  g_autofree char *day = _attrib_run_tracing (run) ? _attrib_run_day_text (run, rec->at) : NULL;
  gboolean reception = rec->n_agents == 0 && _attrib_profile_first (run->profile, ATTRIB_KIND (first_reception)) != NULL;

  _attrib_run_trace (run, a->reject_clause, ATTRIB_OUTCOME_REJECTED, events, a->cause != ATTRIB_NONE ? 2 : 1,
                     rec->type == ATTRIB_EVENT_TYPE_REPORT ? _("report by %s on %s (“%s”) rejected: %s")
                     : reception ? _("reception by %s on %s (“%s”) gives no claim: %s")
                     : _("confirmation by %s on %s (“%s”) rejected: %s"),
                     _attrib_run_shown (run, a->holder), day, _attrib_run_shown_event (run, a->event), a->reason);
  g_array_append_val (pc->rejected, *a);
  a->reason = NULL;
}

#define ATTRIB_FEW_REJECTIONS 16

/* The rejections of @pc caused by @cause (an event), the first of each
 * clause that turned them down, in their order (indices of pc->rejected):
 * in time order, the first of a clause is its earliest. FALSE if the
 * person's claims are not all worked out or their rejections are not in
 * time order: then each is to be looked at. A deal asks which
 * rejections its purchaser's claim caused; a purchaser of many deals asks
 * once per deal, and they are sorted out once. */
gboolean
_attrib_claims_first_rejections (AttribRun                *run,
                                 const AttribPersonClaims *claims,
                                 guint32                   cause,
                                 const guint             **out_first,
                                 guint                    *out_n)
{
  /* worked out when first asked: the claims are done, nothing else changes */
  AttribPersonClaims *pc = (AttribPersonClaims *) claims;
  GArray *firsts;
  guint i, j;

  /* a few are as quickly looked at each */
  if (!pc->done || pc->unordered || pc->rejected->len < ATTRIB_FEW_REJECTIONS)
    return FALSE;
  if (pc->by_cause == NULL)
    {
      for (i = 1; i < pc->rejected->len; i++)
        if (_attrib_run_record (run, g_array_index (pc->rejected, AttribAttempt, i).event)->at <
            _attrib_run_record (run, g_array_index (pc->rejected, AttribAttempt, i - 1).event)->at)
          {
            pc->unordered = TRUE;
            return FALSE;
          }
      pc->by_cause = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_array_unref);
      for (i = 0; i < pc->rejected->len; i++)
        {
          const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

          if (a->cause == ATTRIB_NONE)
            continue;
          firsts = g_hash_table_lookup (pc->by_cause, GUINT_TO_POINTER (a->cause + 1));
          if (firsts == NULL)
            {
              firsts = g_array_new (FALSE, FALSE, sizeof (guint));
              g_hash_table_insert (pc->by_cause, GUINT_TO_POINTER (a->cause + 1), firsts);
            }
          for (j = 0; j < firsts->len; j++)
            if (g_strcmp0 (g_array_index (pc->rejected, AttribAttempt, g_array_index (firsts, guint, j)).reject_clause,
                           a->reject_clause) == 0)
              break;
          if (j == firsts->len)
            g_array_append_val (firsts, i);
        }
    }
  firsts = cause != ATTRIB_NONE ? g_hash_table_lookup (pc->by_cause, GUINT_TO_POINTER (cause + 1)) : NULL;
  *out_first = firsts != NULL ? &g_array_index (firsts, guint, 0) : NULL;
  *out_n = firsts != NULL ? firsts->len : 0;
  return TRUE;
}

/* The first claim of the first @n of @pc that protects the customer at
 * @t, the attempt's own channel's first: a report's or a natural claim
 * protects nobody, and is not renewed. */
static AttribClaimRec *
running_claim (AttribPersonClaims  *pc,
               guint                n,
               const AttribAttempt *attempt,
               AttribTime           t)
{
  AttribClaimRec *running = NULL;
  guint c;

  for (c = 0; c < n; c++)
    {
      AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

      if (claim->standing == ATTRIB_STANDING_PROTECTS && claim->begin <= t && t < claim->end &&
          (running == NULL || claim->channel == attempt->channel))
        running = claim;
    }
  return running;
}

/* The source that makes attempts of an event: the person's own event, or
 * a visit they came along to in someone else's group (@as_companion),
 * where only an old customer bringing a new one counts (sales-dept 二.8
 * “老客户带领新客户一同到访”). The sources are asked in the order of their
 * ranks; the first that does not pass answers. */
static AttribSourceResult
find_source (AttribRun           *run,
             AttribPersonClaims  *pc,
             guint32              person,
             guint32              event,
             gboolean             as_companion,
             const AttribClause **out_source,
             GArray             **out_attempts)
{
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (run->profile);
  const AttribSourceEntry *sources = as_companion ? phases->companion_sources : phases->sources;
  guint n = as_companion ? phases->n_companion_sources : phases->n_sources;
  guint32 host = ATTRIB_NONE;
  guint i;

  if (as_companion)
    {
      host = _attrib_run_contact_person (run, _attrib_run_record (run, event)->contact);
      if (host == ATTRIB_NONE || host == person)
        return ATTRIB_SOURCE_NATURAL;
    }
  for (i = 0; i < n; i++)
    {
      AttribSourceResult result = sources[i].hook->attempts (run, sources[i].clause, pc, person, event, host,
                                                             out_attempts);

      g_assert ((result == ATTRIB_SOURCE_ATTEMPTS) == (*out_attempts != NULL));
      if (result != ATTRIB_SOURCE_PASS)
        {
          *out_source = sources[i].clause;
          return result;
        }
    }
  return ATTRIB_SOURCE_NATURAL;
}

/* The validity checks, in the profile's order: FALSE if one rejected the
 * attempt. */
static gboolean
run_checks (AttribRun          *run,
            AttribPersonClaims *pc,
            AttribAttempt      *attempt)
{
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (run->profile);
  gboolean is_report = _attrib_run_record (run, attempt->event)->type == ATTRIB_EVENT_TYPE_REPORT;
  guint k;

  for (k = 0; k < phases->n_checks; k++)
    {
      const AttribClause *clause = phases->checks[k];

      if ((is_report || !clause->kind->checks_reports_only) && !clause->kind->check (run, clause, pc, attempt))
        return FALSE;
    }
  return TRUE;
}

/* The claim an accepted attempt starts, the last of pc->claims, or FALSE
 * if the source turned it down after all (its reason set). */
static gboolean
start_claim (AttribRun          *run,
             AttribPersonClaims *pc,
             const AttribClause *source,
             AttribAttempt      *attempt)
{
  const AttribSourceOps *ops = source->kind->ops;
  const AttribClause *activity = _attrib_group_activity_of (run, attempt->event);
  AttribClaimRec claim = { 0, };

  claim.person = attempt->person;
  claim.channel = attempt->channel;
  claim.holder = attempt->holder;
  claim.event = attempt->event;
  claim.chain_event = attempt->event;
  claim.clause = source->id;
  claim.standing = attempt->natural ? ATTRIB_STANDING_NATURAL : attempt->standing;
  claim.pending = attempt->pending;
  claim.pending_clause = attempt->pending_clause;
  if (activity != NULL)
    claim.clause = activity->id;
  if (attempt->claim_clause != NULL)
    claim.clause = attempt->claim_clause;
  if (ops != NULL && ops->period != NULL)
    {
      if (!ops->period (run, source, pc, attempt, &claim))
        return FALSE;
    }
  else
    _attrib_protection_period (run, activity != NULL && claim.clause == activity->id ? activity : source,
                               _attrib_run_record (run, attempt->event)->at, &claim.begin, &claim.end);
  claim.chain_begin = claim.begin;
  g_array_append_val (pc->claims, claim);
  return TRUE;
}

/* The claim just started is traced: a valid confirmation, or a report
 * that is the first (a source may say it otherwise). */
static void
trace_started (AttribRun          *run,
               AttribPersonClaims *pc,
               const AttribClause *source,
               AttribAttempt      *attempt)
{
  const AttribSourceOps *ops = source->kind->ops;
  const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1);
  g_autofree char *period = NULL;

  if (ops != NULL && ops->started != NULL)
    {
      ops->started (run, source, pc, attempt);
      return;
    }
  period = _attrib_run_tracing (run) ? _attrib_run_period_text (run, claim->begin, claim->end) : NULL;
  _attrib_run_trace (run, claim->clause, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                     _attrib_run_record (run, attempt->event)->type != ATTRIB_EVENT_TYPE_REPORT
                     ? _("valid confirmation by %s on “%s”: claim %s")
                     : _("report by %s on “%s”, the first to report: claim %s"),
                     _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event), period);
}

/* One attempt of a visit (or report, or flyer), judged against the claims
 * that ran before it (the first @n of @pc): a claim that protects the
 * customer keeps it out, or the source's own rules; then the validity
 * checks; then it starts a claim. @created counts the claims the event
 * started so far; returns TRUE if this attempt started one. */
static gboolean
judge_attempt (AttribRun          *run,
               AttribPersonClaims *pc,
               guint               n,
               const AttribClause *source,
               AttribAttempt      *at,
               guint               created,
               gboolean            shared)
{
  const AttribSourceOps *ops = source->kind->ops;
  const AttribClause *protection = _attrib_profile_get_phases (run->profile)->protection;
  AttribClaimRec *running = running_claim (pc, n, at, _attrib_run_record (run, at->event)->at);

  if (running != NULL && running->channel != at->channel && ops != NULL && ops->outranks != NULL)
    running = ops->outranks (run, source, at, running);
  if (running == NULL && _attrib_departure_holds (run, pc, n, at))
    return FALSE;

  if (running != NULL && running->channel == at->channel)
    {
      /* the holder again: a renewal, or nothing new */
      if ((ops == NULL || ops->renew == NULL || !ops->renew (run, source, pc, at, running)) &&
          !_attrib_renewal_renew (run, pc, at, running))
        {
          if (ops != NULL && ops->trace_repeat != NULL)
            ops->trace_repeat (run, source, at, running);
          else
            _attrib_run_trace (run, protection != NULL ? protection->id : source->id,
                               ATTRIB_OUTCOME_NOT_APPLICABLE, &at->event, 1,
                               _("%s came again with the customer on “%s” inside its own claim: not a new "
                                 "confirmation"),
                               _attrib_run_shown (run, at->holder), _attrib_run_shown_event (run, at->event));
        }
      return FALSE;
    }
  if (running != NULL)
    {
      if (ops == NULL || ops->on_conflict == NULL || !ops->on_conflict (run, source, pc, at, running))
        _attrib_protected_customer_reject (run, pc, source, at, running);
      return FALSE;
    }
  if (at->reject_clause != NULL || !at->entered_first)
    {
      _attrib_claims_reject (run, pc, at);
      return FALSE;
    }
  if (created > 0 && !shared)
    return FALSE;   /* without a simultaneous-arrival clause, one visit confirms one channel */

  if ((ops != NULL && ops->admit != NULL && !ops->admit (run, source, pc, at)) || !run_checks (run, pc, at) ||
      !start_claim (run, pc, source, at))
    {
      _attrib_claims_reject (run, pc, at);
      return FALSE;
    }
  trace_started (run, pc, source, at);
  _attrib_departure_cap (run, &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1),
                         g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1).begin);
  if (ops != NULL && ops->after_cap != NULL)
    ops->after_cap (run, source, pc, at);
  return TRUE;
}

/* The claim state machine of one person, over the person's events and
 * the visits they came along to, merged in canonical order, up to
 * @until. Each event: claims that ran out void the CRM's records (a
 * renewal setting); a complaint ends claims; the follow-ups of the
 * profile act on what confirms nothing; a source makes attempts, each
 * judged (judge_attempt); after every visit, the natural holder. */
/* How many of a person's records advance_claims() asks the processor for
 * ahead of reading them. */
#define ATTRIB_PREFETCH_EVENTS 64

#if defined(__GNUC__) || defined(__clang__)
#define ATTRIB_PREFETCH(p) __builtin_prefetch (p)
#else
#define ATTRIB_PREFETCH(p) ((void) (p))
#endif

static void
advance_claims (AttribRun          *run,
                guint32             person,
                AttribPersonClaims *pc,
                AttribTime          until)
{
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (run->profile);
  const AttribClause *simultaneous = _attrib_profile_first (run->profile, ATTRIB_KIND (simultaneous));
  const guint32 *events, *joined;
  guint32 n, n_joined, ahead;
  gboolean untraced;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  /* the visits the person came along to, in someone else's group */
  _attrib_csr_get (&run->index->person_companions, person, &joined, &n_joined);
  if (phases->protection == NULL && phases->n_follow_visits == 0)
    {
      pc->cursor = n;
      pc->joined_cursor = n_joined;
    }
  /* the person's records lie anywhere in the ledger: ask for them all
   * at once rather than miss the cache on each in turn */
  for (ahead = pc->cursor; ahead < n && ahead < pc->cursor + ATTRIB_PREFETCH_EVENTS; ahead++)
    ATTRIB_PREFETCH (_attrib_run_record (run, events[ahead]));
  for (ahead = pc->joined_cursor; ahead < n_joined && ahead < pc->joined_cursor + ATTRIB_PREFETCH_EVENTS; ahead++)
    ATTRIB_PREFETCH (_attrib_run_record (run, joined[ahead]));
  g_hash_table_add (run->computing, GUINT_TO_POINTER (person + 1));
  run->depth++;
  untraced = run->untraced;
  run->untraced = !pc->traced;

  for (;;)
    {
      gboolean own_next = pc->cursor < n && _attrib_run_record (run, events[pc->cursor])->at <= until;
      gboolean joined_next = pc->joined_cursor < n_joined && _attrib_run_record (run, joined[pc->joined_cursor])->at <= until;
      /* the two lists merged in canonical order */
      gboolean as_companion = joined_next &&
                              (!own_next || run->index->position[joined[pc->joined_cursor]] < run->index->position[events[pc->cursor]]);
      GArray *attempts = NULL;
      const AttribClause *source = NULL;
      const AttribRecord *rec;
      guint created = 0, first_created = pc->claims->len;
      guint32 ev;
      guint a, k;

      if (!own_next && !joined_next)
        break;
      ev = as_companion ? joined[pc->joined_cursor++] : events[pc->cursor++];
      rec = _attrib_run_record (run, ev);

      _attrib_renewal_void_lapsed (run, pc, rec->at);
      if (rec->type == ATTRIB_EVENT_TYPE_COMPLAINT)
        {
          _attrib_complaint_end_claims (run, pc, ev);
          continue;
        }
      for (k = 0; k < phases->n_follow_events; k++)
        if (phases->follow_events[k]->kind->follow_event (run, phases->follow_events[k], pc, person, ev))
          break;
      if (k < phases->n_follow_events)
        continue;

      if (find_source (run, pc, person, ev, as_companion, &source, &attempts) == ATTRIB_SOURCE_ATTEMPTS)
        {
          if (simultaneous != NULL)
            _attrib_simultaneous_order (run, simultaneous, attempts);
          for (a = 0; a < attempts->len; a++)
            if (judge_attempt (run, pc, first_created, source, &g_array_index (attempts, AttribAttempt, a), created,
                               simultaneous != NULL))
              created++;

          /* channels that entered together share what the visit started */
          for (k = first_created; k < pc->claims->len; k++)
            g_array_index (pc->claims, AttribClaimRec, k).n_joint = created;
          if (simultaneous != NULL)
            _attrib_simultaneous_shared (run, simultaneous, created, ev);
          for (a = 0; a < attempts->len; a++)
            g_free (g_array_index (attempts, AttribAttempt, a).reason);
        }
      _attrib_run_free_attempts (run, attempts);

      /* whoever received the customer holds them where nothing else does
       * (自然来访) */
      for (k = 0; k < phases->n_follow_visits; k++)
        phases->follow_visits[k]->kind->follow_visit (run, phases->follow_visits[k], pc, person, ev);
    }
  pc->done = pc->cursor == n && pc->joined_cursor == n_joined;
  run->untraced = untraced;
  run->depth--;
  g_hash_table_remove (run->computing, GUINT_TO_POINTER (person + 1));
}

/* Whether the claims of @person are being worked out (a referral chain
 * that loops back). */
gboolean
_attrib_run_computing (AttribRun *run,
                       guint32    person)
{
  return g_hash_table_contains (run->computing, GUINT_TO_POINTER (person + 1));
}

/* Every event of @person and every visit they came along to are inputs
 * of the verdict, read as the fingerprint will (an AttribWatch notes it,
 * a run as of a date notes the first event it leaves out). */
static void
use_whole (AttribRun *run,
           guint32    person)
{
  const guint32 *events;
  guint32 n;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  _attrib_csr_get (&run->index->person_companions, person, &events, &n);
  _attrib_run_use_person (run, person);
}

/* The person's claims as far as they have been worked out. */
static AttribPersonClaims *
person_claims (AttribRun *run,
               guint32    person)
{
  AttribPersonClaims *pc = g_hash_table_lookup (run->person_claims, GUINT_TO_POINTER (person + 1));

  /* the deal's clauses ask for a person worked out before while working
   * out another's claims: they are worked out again, as the deal's own —
   * traced, and with nobody's claims under way, so that a loop of persons
   * (each came along in the other's group) is cut at the same place in
   * every run, with a verdict or without (nobody holds the claims of a
   * person asked about while working out another's once that is done) */
  if (pc != NULL && (pc->traced || run->depth > 0))
    return pc;
  pc = g_new0 (AttribPersonClaims, 1);
  pc->ref_count = 1;
  pc->claims = g_array_new (FALSE, FALSE, sizeof (AttribClaimRec));
  pc->rejected = g_array_new (FALSE, FALSE, sizeof (AttribAttempt));
  pc->void_since = ATTRIB_TIME_MAX;
  g_hash_table_insert (run->person_claims, GUINT_TO_POINTER (person + 1), pc);

  /* everything about a person the deal's clauses ask about is an input of
   * the verdict; of one asked about while working out another's claims
   * (the old customer a new one came with), what was worked out */
  if (run->depth == 0)
    {
      use_whole (run, person);
      pc->used_all = TRUE;
      pc->traced = TRUE;
    }
  return pc;
}

/* Marks as inputs the events of @person up to @until and the clauses'
 * lookahead after it (see AttribPersonClaims.used_all). */
static void
use_until (AttribRun          *run,
           guint32             person,
           AttribPersonClaims *pc,
           AttribTime          until)
{
  AttribTime limit = until >= ATTRIB_TIME_MAX - run->lookahead ? ATTRIB_TIME_MAX : until + run->lookahead;
  const guint32 *events;
  guint32 n;

  if (pc->used_all)
    return;
  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (; pc->used_cursor < n && _attrib_run_record (run, events[pc->used_cursor])->at <= limit; pc->used_cursor++)
    _attrib_run_use (run, events[pc->used_cursor]);
  _attrib_csr_get (&run->index->person_companions, person, &events, &n);
  for (; pc->used_joined < n && _attrib_run_record (run, events[pc->used_joined])->at <= limit; pc->used_joined++)
    _attrib_run_use (run, events[pc->used_joined]);
  pc->used_all = limit == ATTRIB_TIME_MAX;
}

/* Whether the deal's clauses asking for @person's claims up to @until
 * start working them out afresh and take every event of theirs at once:
 * then they come out the same in every verdict of the run. */
static gboolean
asks_all_afresh (AttribRun  *run,
                 guint32     person,
                 AttribTime  until)
{
  AttribPersonClaims *pc;
  const guint32 *events;
  guint32 n;

  if (run->kept == NULL || run->depth > 0 || run->verdict == NULL || run->reads != NULL)
    return FALSE;
  pc = g_hash_table_lookup (run->person_claims, GUINT_TO_POINTER (person + 1));
  if (pc != NULL && pc->traced)
    return FALSE;
  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  if (n > 0 && _attrib_run_record (run, events[n - 1])->at > until)
    return FALSE;
  _attrib_csr_get (&run->index->person_companions, person, &events, &n);
  return n == 0 || _attrib_run_record (run, events[n - 1])->at <= until;
}

static void
note_next (AttribRun           *run,
           const AttribCutNext *next)
{
  if (next->at < run->next.at || (next->at == run->next.at && next->position < run->next.position))
    run->next = *next;
}

/* The claims of a person the deal's clauses ask for, every event at once
 * (asks_all_afresh): worked out, they depend on the person's events, the
 * run's date and the profile only — unless working them out asked for
 * another person's claims, which the verdict may have worked out before
 * in part —, so they are kept, with the steps they traced, the events
 * they used besides the person's own and the first event they were
 * denied; the next verdicts of the run that ask for them take those
 * instead of working them out again, and their traces and fingerprints
 * come out as if they had. A purchaser of many deals is worked out once
 * per batch, not once per deal. A verdict where their steps would be
 * listed or summarised otherwise than in the first (attrib-run.c: a trace
 * lists eight steps of a kind) works them out afresh (returns %NULL). */
static AttribPersonClaims *
kept_claims (AttribRun  *run,
             guint32     person,
             AttribTime  until)
{
  AttribKeptClaims *kept = g_hash_table_lookup (run->kept, GUINT_TO_POINTER (person + 1));
  AttribCutNext before = run->next;
  AttribPersonClaims *pc;
  guint32 i, j;
  guint first_step;

  /* taken as they are where each of their steps would be listed or
   * counted as in the verdict that kept them
   * (_attrib_run_trace_take_kinds), worked out afresh otherwise */
  if (kept != NULL && !run->unsealed &&
      !_attrib_run_trace_take_kinds (run, kept->kinds, _attrib_verdict_n_steps (run->verdict)))
    return NULL;
  if (kept != NULL)
    {
      kept->pc->ref_count++;
      g_hash_table_insert (run->person_claims, GUINT_TO_POINTER (person + 1), kept->pc);
      use_whole (run, person);
      if (!run->unsealed && kept->summarised)
        _attrib_verdict_add_step_copies (run->verdict, kept->steps);
      else if (!run->unsealed)
        _attrib_verdict_add_steps (run->verdict, kept->steps);
      for (i = 0; i < kept->used->len; i++)
        _attrib_run_use (run, g_array_index (kept->used, guint32, i));
      note_next (run, &kept->next);
      return kept->pc;
    }

  kept = g_new0 (AttribKeptClaims, 1);
  kept->person = person;
  kept->used = g_array_new (FALSE, FALSE, sizeof (guint32));
  first_step = _attrib_verdict_n_steps (run->verdict);
  run->next.at = ATTRIB_TIME_MAX;
  run->recording = kept;
  _attrib_run_trace_mark (run);
  pc = person_claims (run, person);
  advance_claims (run, person, pc, until);
  run->recording = NULL;
  kept->kinds = _attrib_run_trace_kinds (run, first_step, &kept->summarised);
  kept->next = run->next;
  run->next = before;
  note_next (run, &kept->next);
  if (kept->other || !pc->done)
    {
      g_clear_pointer (&kept->kinds, g_array_unref);
      g_array_unref (kept->used);
      g_free (kept);
      return pc;
    }
  /* the steps just traced, shared with the verdicts that take them */
  kept->steps = kept->summarised ? _attrib_verdict_copy_steps (run->verdict, first_step)
                                 : _attrib_verdict_share_steps (run->verdict, first_step);
  /* the person's own events are used whole in every verdict that asks */
  _attrib_sort_unique (kept->used);
  for (i = 0, j = 0; i < kept->used->len; i++)
    if (!_attrib_run_person_has (run, person, g_array_index (kept->used, guint32, i)))
      g_array_index (kept->used, guint32, j++) = g_array_index (kept->used, guint32, i);
  g_array_set_size (kept->used, j);
  kept->pc = pc;
  pc->ref_count++;
  g_hash_table_insert (run->kept, GUINT_TO_POINTER (person + 1), kept);
  return pc;
}

/* Works the person's claims out up to @until, unless that is already done
 * or under way further up the stack (then what is known stands). */
static AttribPersonClaims *
claims_until (AttribRun  *run,
              guint32     person,
              AttribTime  until)
{
  AttribPersonClaims *pc;

  if (run->recording != NULL && person != run->recording->person)
    run->recording->other = TRUE;
  /* kept from the second time they are asked for on */
  if (asks_all_afresh (run, person, until) && !g_hash_table_add (run->asked, GUINT_TO_POINTER (person + 1)) &&
      (pc = kept_claims (run, person, until)) != NULL)
    return pc;
  pc = person_claims (run, person);

  use_until (run, person, pc, until);
  if (pc->done || _attrib_run_computing (run, person))
    return pc;
  if (run->depth >= ATTRIB_MAX_CLAIM_DEPTH)
    {
      run->too_deep = TRUE;
      return pc;
    }
  advance_claims (run, person, pc, until);
  return pc;
}

const AttribPersonClaims *
_attrib_run_claims (AttribRun *run,
                    guint32    person)
{
  return claims_until (run, person, ATTRIB_TIME_MAX);
}

/* The claims of @person covering @t (those started by one visit
 * together). */
static guint
covering_in (AttribRun                *run,
             const AttribPersonClaims *pc,
             AttribTime                t,
             const AttribClaimRec    **out_claims)
{
  const AttribClaimRec *found = NULL;
  guint i, n = 0;

  /* a claim that protects outranks a report's, which outranks a natural
   * one; among equals, the first; a claim covers from its day, but not
   * what came before its event */
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin <= t && t < claim->end && _attrib_run_record (run, claim->event)->at <= t &&
          (found == NULL || claim->standing < found->standing))
        found = claim;
    }
  /* the claims the same visit started together (simultaneous arrival) */
  for (i = 0; found != NULL && i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->event == found->event && claim->standing == found->standing && claim->begin <= t && t < claim->end)
        {
          if (n == 0)
            found = claim;
          n++;
        }
    }
  *out_claims = found;
  return n;
}

guint
_attrib_run_covering (AttribRun             *run,
                      guint32                person,
                      AttribTime             t,
                      const AttribClaimRec **out_claims)
{
  return covering_in (run, _attrib_run_claims (run, person), t, out_claims);
}

/* Who holds @person at @t: the holder of the claim covering @t, or NONE.
 * Only the person's events up to @t are worked out for it, so persons who
 * need each other's claims (a family, a chain of referrals) each see the
 * other as it stood. */
guint32
_attrib_run_holder_at (AttribRun             *run,
                       guint32                person,
                       AttribTime             t,
                       const AttribClaimRec **out_claim)
{
  const AttribClaimRec *claim = NULL;

  if (out_claim != NULL)
    *out_claim = NULL;
  if (person == ATTRIB_NONE || covering_in (run, claims_until (run, person, t), t, &claim) == 0)
    return ATTRIB_NONE;
  if (out_claim != NULL)
    *out_claim = claim;
  return claim->holder;
}

/* Who held @person when @event came: the holder of the claim, started by
 * an earlier event, covering its time that stands highest (the first
 * among equals), or NONE. */
guint32
_attrib_run_holder_before (AttribRun             *run,
                           guint32                person,
                           guint32                event,
                           const AttribClaimRec **out_claim)
{
  AttribTime t = _attrib_run_record (run, event)->at;
  const AttribPersonClaims *pc;
  const AttribClaimRec *found = NULL;
  guint i;

  if (out_claim != NULL)
    *out_claim = NULL;
  if (person == ATTRIB_NONE)
    return ATTRIB_NONE;
  pc = claims_until (run, person, t);
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin <= t && t < claim->end && run->index->position[claim->event] < run->index->position[event] &&
          (found == NULL || claim->standing < found->standing))
        found = claim;
    }
  if (found == NULL)
    return ATTRIB_NONE;
  if (out_claim != NULL)
    *out_claim = found;
  return found->holder;
}
