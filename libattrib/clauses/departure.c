/* departure.c: a representative leaves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `departure` (first-contact (二)3, reception-2013 二.1.8,
 * lvchen-joint 三.(一).3): a `departure` event of a representative — or of
 * their whole group — ends their claims at that time. Their customers go
 * back to the department (“客户资源归销售部”: the representative's group,
 * `office` for `office/li`), and the manager assigns them (“未下订单的客户
 * 视作新客户，由销售经理统一安排”): a deal with no other claim is the
 * department's, pending until a ruling names the new owner (catalog §11).
 * Without `department_holds` (lvchen-joint: the group's departure ends its
 * protection) a customer who comes again is received as a new one, and a
 * deal nobody else received is disputed until the developer reassigns it.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The first departure of @party at or after @from: the index keeps them
 * by party, then in canonical order. One after the run's date is not
 * known yet. */
static guint32
first_departure (AttribRun  *run,
                 guint32     party,
                 AttribTime  from)
{
  const guint32 *deps = run->index->departures;
  guint32 lo = 0, hi = run->index->n_departures;

  if (run->reads != NULL)
    _attrib_read_log (run->reads, ATTRIB_READ_DEPARTURES, 0);
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const AttribRecord *rec = _attrib_run_record (run, deps[mid]);

      if (rec->party < party || (rec->party == party && rec->at < from))
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == run->index->n_departures || _attrib_run_record (run, deps[lo])->party != party)
    return ATTRIB_NONE;
  if (_attrib_run_record (run, deps[lo])->at > run->until)
    {
      _attrib_run_deny (run, deps[lo]);
      return ATTRIB_NONE;
    }
  return deps[lo];
}

AttribTime
_attrib_departure_after (AttribRun  *run,
                         guint32     holder,
                         AttribTime  from,
                         guint32    *out_event)
{
  guint32 channel = _attrib_run_channel_of (run, holder);
  guint32 own = first_departure (run, holder, from);
  guint32 group = channel != holder ? first_departure (run, channel, from) : ATTRIB_NONE;
  guint32 first = own;

  if (group != ATTRIB_NONE && (first == ATTRIB_NONE || run->index->position[group] < run->index->position[first]))
    first = group;
  if (first == ATTRIB_NONE)
    return ATTRIB_TIME_MAX;
  if (out_event != NULL)
    *out_event = first;
  return _attrib_run_record (run, first)->at;
}

/* @holder left (@left) before the deal, whose customer nobody holds now. */
void
_attrib_departure_rule (AttribRun          *run,
                        const AttribClause *clause,
                        AttribDealContext  *deal,
                        guint32             holder,
                        guint32             left)
{
  guint32 department;

  if (!_attrib_clause_get_bool (clause, "department_holds"))
    {
      /* nobody holds the customer: whoever takes them over is for a ruling */
      deal->disputed = TRUE;
      _attrib_verdict_add_clause (run->verdict, clause->id);
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &left, 1,
                        _("%s left (“%s”) before the deal and nobody received the customer since: a ruling "
                          "reassigns them"),
                        _attrib_run_shown (run, holder), _attrib_run_shown_event (run, left));
      return;
    }
  department = _attrib_run_channel_of (run, holder);
  if (department == holder)
    _attrib_run_award_party (run, "developer");
  else
    _attrib_run_award_party (run, _attrib_run_str (run, department));
  deal->pending = TRUE;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &left, 1,
                    _("%s left (“%s”) before the deal: their customers go back to the department (%s), pending "
                      "until the manager assigns them (a ruling)"),
                    _attrib_run_shown (run, holder), _attrib_run_shown_event (run, left),
                    department == holder ? "developer" : _attrib_run_shown (run, department));
}

gboolean
_attrib_departure_decide (AttribRun            *run,
                          const AttribClause   *clause,
                          AttribDealContext    *deal,
                          const AttribClaimRec *last)
{
  guint32 left = ATTRIB_NONE;

  if (last == NULL || !(last->ended_by & ATTRIB_ENDING_DEPARTURE))
    return FALSE;
  _attrib_departure_after (run, last->holder, last->begin, &left);
  _attrib_departure_rule (run, clause, deal, last->holder, left);
  return TRUE;
}

/* A departure of the holder (or of the holder's group) at or after @from
 * ends the claim, where the profile has a departure clause; returns the
 * departure, traced and used, or ATTRIB_NONE. */
guint32
_attrib_departure_cap (AttribRun      *run,
                       AttribClaimRec *claim,
                       AttribTime      from)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (departure));
  guint32 left_event = ATTRIB_NONE;
  AttribTime left;

  if (clause == NULL)
    return ATTRIB_NONE;
  left = _attrib_departure_after (run, claim->holder, from, &left_event);
  if (left >= claim->end)
    return ATTRIB_NONE;
  claim->end = MAX (left, claim->begin);
  claim->ended_by |= ATTRIB_ENDING_DEPARTURE;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &left_event, 1,
                    _("%s left on “%s”: the claim ends there"),
                    _attrib_run_shown (run, claim->holder), _attrib_run_shown_event (run, left_event));
  return left_event;
}

/* With `department_holds`, a departed representative's customer stays
 * with the department: nobody takes them over (first-contact (二)3). Of
 * the first @n claims of @pc, those before @attempt: if the last to hold
 * the customer left and nobody was assigned them since, the attempt is
 * rejected (TRUE). */
gboolean
_attrib_departure_holds (AttribRun          *run,
                         AttribPersonClaims *pc,
                         guint               n,
                         AttribAttempt      *attempt)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (departure));
  AttribTime at = _attrib_run_record (run, attempt->event)->at;
  const AttribClaimRec *left = NULL;
  guint c;

  if (clause == NULL || !_attrib_clause_get_bool (clause, "department_holds"))
    return FALSE;
  for (c = 0; c < n; c++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

      if (claim->standing == ATTRIB_STANDING_NATURAL)
        continue;   /* a natural claim keeps no confirmation out, its holder
                     * here or gone (a deal nobody else holds then goes to
                     * the department: attrib-decide.c, decide_unclaimed) */
      if ((claim->ended_by & ATTRIB_ENDING_DEPARTURE) && claim->end <= at)
        left = claim;
      else if (claim->begin <= at && !(claim->ended_by & ATTRIB_ENDING_DEPARTURE))
        left = NULL;   /* assigned again since */
    }
  if (left == NULL)
    return FALSE;
  attempt->reject_clause = clause->id;
  attempt->cause = left->event;
  g_free (attempt->reason);   /* simultaneous may have given one */
  attempt->reason = g_strdup_printf (_("the customer of %s, who left, belongs to the department: "
                                       "the manager assigns them (a ruling)"),
                                     _attrib_run_shown (run, left->holder));
  _attrib_claims_reject (run, pc, attempt);
  return TRUE;
}

/* A claim protected until the holder's group leaves (lvchen-joint 三.(一).3
 * “客户成交后的有效保护期为该组退场前”), the @index-th of @pc, from @from: the
 * group's departure ends it; a consultant who leaves before the group
 * hands it to the group (the party `A` for `A/a01`), whose consultants
 * settle among themselves who follows the customer. */
void
_attrib_departure_keep_group (AttribRun          *run,
                              const AttribClause *clause,
                              AttribPersonClaims *pc,
                              guint               index,
                              AttribTime          from)
{
  AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, index);
  guint32 group = _attrib_run_channel_of (run, claim->holder);
  guint32 own = first_departure (run, claim->holder, from);
  guint32 whole = group != claim->holder ? first_departure (run, group, from) : ATTRIB_NONE;
  AttribClaimRec handed;

  if (whole != ATTRIB_NONE &&
      (own == ATTRIB_NONE || run->index->position[whole] < run->index->position[own]))
    own = ATTRIB_NONE;   /* the group left first, or with them */
  if (own == ATTRIB_NONE)
    {
      if (whole == ATTRIB_NONE)
        return;
      claim->end = MAX (_attrib_run_record (run, whole)->at, claim->begin);
      claim->ended_by |= ATTRIB_ENDING_DEPARTURE;
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &whole, 1,
                        _("%s's group left on “%s”: the protection ends there"),
                        _attrib_run_shown (run, claim->holder), _attrib_run_shown_event (run, whole));
      return;
    }

  handed = *claim;
  claim->end = MAX (_attrib_run_record (run, own)->at, claim->begin);
  handed.holder = group;
  handed.begin = claim->end;
  handed.end = ATTRIB_CLAIM_ENDLESS;
  if (whole != ATTRIB_NONE)
    {
      handed.end = MAX (_attrib_run_record (run, whole)->at, handed.begin);
      handed.ended_by |= ATTRIB_ENDING_DEPARTURE;
    }
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &own, 1,
                    _("%s left on “%s”, their group stays: the customer is protected for the group %s until it leaves"),
                    _attrib_run_shown (run, claim->holder), _attrib_run_shown_event (run, own), _attrib_run_shown (run, group));
  if (whole != ATTRIB_NONE)
    _attrib_run_use (run, whole);
  g_array_append_val (pc->claims, handed);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "department_holds", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

const AttribClauseKind _attrib_kind_departure = {
  .name = "departure",
  .params = params,
  .summary = "A departed representative's claims end; with `department_holds` their customers stay with the department until the manager's ruling",
  .phases = ATTRIB_PHASE_CITED,
};
