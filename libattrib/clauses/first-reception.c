/* first-reception.c: whoever first received the customer owns them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `first_reception` (first-contact 一, reception-2013 一, tangba-2014
 * 1, lvchen-joint 三.(一)): at the sales office the representative who
 * received — and registered — the customer's first visit, or call where
 * `calls` is set, owns the customer: for `days` days, or without end when
 * `days` is 0. A later reception by someone else leaves the customer with
 * the owner (the returning customer goes back to them); the trace cites
 * `conflict_clause` for that, or this clause.
 *
 * A reception is a visit without channel agents that names who received
 * it (`received_by`) and is not excluded by a `not_a_reception` clause.
 * The kinds `designated`, `appointment`, `recognised`, `returning`,
 * `referral_chain` and `staff_relation` may give the customer to someone
 * other than the receiver; the first of them in the profile's order that
 * applies decides, and the claim cites it. A `duty_window` clause is cited
 * for a customer first received in its window.
 *
 * With `visit_outranks_call` a walk-in received by another representative
 * ends the claim a call gave (lvchen-joint 三.(一).4); with `deal_protects`
 * a deal inside the claim makes it run until the holder's group leaves
 * (三.(一).3); with `queue_clause` a reception turned down while another's
 * protection runs waits to take over (三.(二).3 A). The hooks below say
 * so; the claim state machine (attrib-claims.c) calls them.
 */

#include "config.h"

#include "attrib-engine-private.h"

guint32
_attrib_reception_receiver (AttribRun *run,
                            guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  return g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).received_by;
}

/* A visit the office received that the clause counts: a walk-in, or a call
 * with `calls`, without channel agents, and for a customer's purpose. */
static gboolean
reception_counts (AttribRun          *run,
                  const AttribClause *clause,
                  guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents > 0)
    return FALSE;
  if (rec->kind == ATTRIB_VISIT_KIND_CALL && !_attrib_clause_get_bool (clause, "calls"))
    return FALSE;
  return _attrib_not_a_reception (run, visit) == NULL;
}

static void
reception_period (AttribRun          *run,
                  const AttribClause *clause,
                  AttribTime          from,
                  AttribTime         *out_begin,
                  AttribTime         *out_end)
{
  _attrib_protection_period (run, clause, from, out_begin, out_end);
}

/* @host is the customer whose visit @person came along to, or ATTRIB_NONE
 * for the person's own visit: what the visit says of its customer — whom
 * they named, their appointment, who recognised them — is not said of
 * the others in the group. */
static GArray *
reception_attempts (AttribRun                *run,
                    const AttribClause       *clause,
                    const AttribPersonClaims *pc,
                    guint32                   person,
                    guint32                   visit,
                    guint32                   host)
{
  const AttribPhaseIndex *phases = _attrib_profile_get_phases (run->profile);
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClause *by = NULL;
  guint32 holder = ATTRIB_NONE;
  AttribAttempt attempt = { 0, };
  GArray *attempts;
  gboolean held = FALSE;
  guint k;

  if (!reception_counts (run, clause, visit))
    {
      const AttribClause *excluded = _attrib_not_a_reception (run, visit);

      if (excluded == NULL)
        return NULL;
      _attrib_run_trace (run, excluded->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visit, 1,
                        _("the visit “%s” is no reception: whoever helped gets no credit"),
                        _attrib_run_shown_event (run, visit));
      /* the customer who only comes to pay still is the appointed or named
       * representative's (reception-2013 二.1.2) */
      for (k = 0; holder == ATTRIB_NONE && k < phases->n_holders; k++)
        {
          const AttribClause *c = phases->holders[k];

          if (c->kind->holds_unreceived)
            holder = c->kind->holder (run, c, pc, person, visit, host, &attempt);
          if (holder != ATTRIB_NONE)
            by = c;
        }
      if (holder == ATTRIB_NONE)
        return NULL;
    }

  /* a customer someone holds comes back to them (the claim state machine
   * says so); for a new one, the first kind that says whose they are */
  for (k = 0; k < pc->claims->len; k++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, k);

      if (claim->standing == ATTRIB_STANDING_PROTECTS && claim->begin <= rec->at && rec->at < claim->end)
        held = TRUE;
    }
  for (k = 0; !held && by == NULL && k < phases->n_holders; k++)
    {
      const AttribClause *c = phases->holders[k];

      holder = c->kind->holder (run, c, pc, person, visit, host, &attempt);
      if (holder != ATTRIB_NONE)
        by = c;
    }
  if (by == NULL)
    {
      holder = _attrib_reception_receiver (run, visit);
      if (holder == ATTRIB_NONE)
        return NULL;   /* nobody registered the visit */
      by = _attrib_duty_window_at (run, rec->at);
    }

  attempt.person = person;
  attempt.event = visit;
  attempt.holder = holder;
  attempt.channel = _attrib_run_competitor (run, holder);
  attempt.entered_first = TRUE;
  attempt.cause = ATTRIB_NONE;
  attempt.claim_clause = by != NULL ? by->id : NULL;
  attempts = _attrib_run_new_attempts (run);
  g_array_append_val (attempts, attempt);
  return attempts;
}


/* ATTRIB_PHASE_SOURCE: a reception at the office, of the person's own or
 * of a group they came in */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  const AttribRecord *rec = _attrib_run_record (run, event);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents > 0)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = reception_attempts (run, clause, pc, person, event, host);
  return *out_attempts != NULL ? ATTRIB_SOURCE_ATTEMPTS : ATTRIB_SOURCE_PASS;
}

static gboolean
period (AttribRun          *run,
        const AttribClause *clause,
        AttribPersonClaims *pc,
        AttribAttempt      *attempt,
        AttribClaimRec     *claim)
{
  const AttribRecord *rec = _attrib_run_record (run, attempt->event);

  reception_period (run, clause, rec->at, &claim->begin, &claim->end);
  claim->by_call = rec->kind == ATTRIB_VISIT_KIND_CALL;
  return TRUE;
}

/* a walk-in outranks another representative's call (接访优先于接电) */
static AttribClaimRec *
outranks (AttribRun          *run,
          const AttribClause *clause,
          AttribAttempt      *attempt,
          AttribClaimRec     *running)
{
  const AttribRecord *rec = _attrib_run_record (run, attempt->event);

  if (!running->by_call || rec->kind != ATTRIB_VISIT_KIND_VISIT || !_attrib_clause_get_bool (clause, "visit_outranks_call"))
    return running;
  running->end = rec->at;
  running->ended_by |= ATTRIB_ENDING_SUPERSEDED;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    _("the walk-in on “%s” outranks the call %s took on “%s”"),
                    _attrib_run_shown_event (run, attempt->event), _attrib_run_shown (run, running->holder),
                    _attrib_run_shown_event (run, running->event));
  return NULL;
}

static void
trace_repeat (AttribRun            *run,
              const AttribClause   *clause,
              const AttribAttempt  *attempt,
              const AttribClaimRec *running)
{
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &attempt->event, 1,
                    _("the customer came again on “%s”: they are already %s's"),
                    _attrib_run_shown_event (run, attempt->event), _attrib_run_shown (run, running->holder));
}

/* Someone else received the customer while another's protection runs: the
 * customer goes back to the holder (`conflict_clause`); with
 * `queue_clause`, the reception still starts its own protection, which
 * takes over if the earlier one ends first (lvchen-joint 三.(二).3 A). */
static gboolean
on_conflict (AttribRun          *run,
             const AttribClause *clause,
             AttribPersonClaims *pc,
             AttribAttempt      *attempt,
             AttribClaimRec     *running)
{
  const AttribRecord *rec = _attrib_run_record (run, attempt->event);
  const AttribClause *departure = _attrib_profile_first (run->profile, ATTRIB_KIND (departure));
  const char *conflict = _attrib_clause_get_string (clause, "conflict_clause");
  const char *queue = _attrib_clause_get_string (clause, "queue_clause");
  AttribClaimRec waiting = { 0, };
  guint c;

  attempt->reject_clause = *conflict != '\0' ? conflict : clause->id;
  attempt->cause = running->event;
  g_free (attempt->reason);   /* simultaneous may have given one */
  attempt->reason = g_strdup_printf (_("the customer is already %s's (from “%s”): they go back to them"),
                                     _attrib_run_shown (run, running->holder),
                                     _attrib_run_shown_event (run, running->event));
  _attrib_claims_reject (run, pc, attempt);

  reception_period (run, clause, rec->at, &waiting.begin, &waiting.end);
  for (c = 0; *queue != '\0' && c < pc->claims->len; c++)
    if (g_array_index (pc->claims, AttribClaimRec, c).holder == attempt->holder &&
        g_array_index (pc->claims, AttribClaimRec, c).end > rec->at)
      queue = "";   /* already waiting: a revisit extends nothing */
  if (*queue != '\0' && departure != NULL)
    {
      guint32 left = ATTRIB_NONE;
      AttribTime when = _attrib_departure_after (run, attempt->holder, rec->at, &left);

      if (when < waiting.end)
        {
          waiting.end = when;
          waiting.ended_by |= ATTRIB_ENDING_DEPARTURE;
          _attrib_run_use (run, left);
        }
    }
  if (*queue != '\0' && waiting.end > running->end)
    {
      g_autofree char *period = NULL;
      guint32 earlier = running->holder;   /* the append may move the claims */

      waiting.person = attempt->person;
      waiting.channel = attempt->channel;
      waiting.holder = attempt->holder;
      waiting.event = attempt->event;
      waiting.chain_event = attempt->event;
      waiting.begin = MAX (waiting.begin, running->end);
      waiting.chain_begin = waiting.begin;
      waiting.by_call = rec->kind == ATTRIB_VISIT_KIND_CALL;
      waiting.queued = TRUE;
      waiting.clause = queue;
      g_array_append_val (pc->claims, waiting);
      period = _attrib_run_period_text (run, waiting.begin, waiting.end);
      _attrib_run_trace (run, queue, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                        _("%s's reception on “%s” stays within its own protection: if %s's ends first, "
                          "the customer is %s's %s"),
                        _attrib_run_shown (run, attempt->holder), _attrib_run_shown_event (run, attempt->event),
                        _attrib_run_shown (run, earlier), _attrib_run_shown (run, attempt->holder), period);
    }
  return TRUE;
}

static void
started (AttribRun          *run,
         const AttribClause *clause,
         AttribPersonClaims *pc,
         AttribAttempt      *attempt)
{
  const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1);
  g_autofree char *period = _attrib_run_period_text (run, claim->begin, claim->end);

  _attrib_run_trace (run, claim->clause, ATTRIB_OUTCOME_APPLIED, &attempt->event, 1,
                    claim->by_call ? _("call on “%s”: the customer is %s's, %s")
                                   : _("reception on “%s”: the customer is %s's, %s"),
                    _attrib_run_shown_event (run, attempt->event), _attrib_run_shown (run, attempt->holder), period);
}

/* ATTRIB_PHASE_FOLLOW: with `deal_protects`, after a deal the customer
 * stays protected until the holder's group leaves the project
 * (lvchen-joint 三.(一).3) */
static gboolean
follow_event (AttribRun          *run,
              const AttribClause *clause,
              AttribPersonClaims *pc,
              guint32             person,
              guint32             event)
{
  const AttribRecord *rec = _attrib_run_record (run, event);
  const AttribClause *departure = _attrib_profile_first (run->profile, ATTRIB_KIND (departure));
  AttribTime cancelled;
  guint c;

  if (rec->type != ATTRIB_EVENT_TYPE_DEAL ||
      (rec->kind != ATTRIB_DEAL_STAGE_SUBSCRIBED && rec->kind != ATTRIB_DEAL_STAGE_SIGNED) ||
      !_attrib_clause_get_bool (clause, "deal_protects"))
    return FALSE;
  cancelled = _attrib_run_deal_cancelled_at (run, rec->deal);
  for (c = 0; c < pc->claims->len; c++)
    {
      AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

      if (claim->standing != ATTRIB_STANDING_PROTECTS || claim->begin > rec->at || rec->at >= claim->end ||
          claim->end == ATTRIB_CLAIM_ENDLESS)
        continue;
      /* a deal is no call: nobody's walk-in outranks it now */
      claim->by_call = FALSE;
      if (cancelled != ATTRIB_TIME_MAX)
        {
          /* protected while the deal stood */
          claim->end = MAX (claim->end, cancelled);
          continue;
        }
      claim->end = ATTRIB_CLAIM_ENDLESS;
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &event, 1,
                        _("the customer made a deal (“%s”) inside the claim of %s: protected until %s's group "
                          "leaves the project"),
                        _attrib_run_shown_event (run, event), _attrib_run_shown (run, claim->holder),
                        _attrib_run_shown (run, claim->holder));
      if (departure != NULL)
        _attrib_departure_keep_group (run, departure, pc, c, rec->at);
    }
  return TRUE;
}

static const AttribSourceHook sources[] = { { 100, 40, attempts }, { 0 } };
static const AttribSourceOps ops = {
  .period = period,
  .outranks = outranks,
  .trace_repeat = trace_repeat,
  .on_conflict = on_conflict,
  .started = started,
};

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "calls", ATTRIB_PARAM_BOOL, "true" },
  { "days", ATTRIB_PARAM_INT, "0" },
  { "visit_outranks_call", ATTRIB_PARAM_BOOL, "false" },
  { "deal_protects", ATTRIB_PARAM_BOOL, "false" },
  { "conflict_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "queue_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "lapsed_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_first_reception = {
  .name = "first_reception",
  .params = params,
  .summary = "The representative who received the customer's first visit (or call) owns the customer, for `days` days or without end",
  .phases = ATTRIB_PHASE_SOURCE | ATTRIB_PHASE_FOLLOW,
  .once = TRUE,
  .sources = sources,
  .ops = &ops,
  .follow_event = follow_event,
  .protection_rank = 7,
};
