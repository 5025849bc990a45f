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
 * (三.(一).3). Both are applied by the claim state machine.
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
gboolean
_attrib_reception_counts (AttribRun          *run,
                          const AttribClause *clause,
                          guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->aux > 0)
    return FALSE;
  if (rec->kind == ATTRIB_VISIT_KIND_CALL && !_attrib_clause_get_bool (clause, "calls"))
    return FALSE;
  return _attrib_not_a_reception (run, visit) == NULL;
}

void
_attrib_reception_period (AttribRun          *run,
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
GArray *
_attrib_reception_attempts (AttribRun                *run,
                            const AttribClause       *clause,
                            const AttribPersonClaims *pc,
                            guint32                   person,
                            guint32                   visit,
                            guint32                   host)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClause *by = NULL;
  guint32 holder = ATTRIB_NONE;
  AttribAttempt attempt = { 0, };
  GArray *attempts;
  gboolean held = FALSE;
  guint k;

  if (!_attrib_reception_counts (run, clause, visit))
    {
      const AttribClause *excluded = _attrib_not_a_reception (run, visit);

      if (excluded == NULL)
        return NULL;
      _attrib_run_step (run, excluded->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visit, 1,
                        _("the visit “%s” is no reception: whoever helped gets no credit"),
                        _attrib_run_event_id (run, visit));
      /* the customer who only comes to pay still is the appointed or named
       * representative's (reception-2013 二.1.2) */
      for (k = 0; host == ATTRIB_NONE && holder == ATTRIB_NONE && k < _attrib_profile_get_n_clauses (run->profile); k++)
        {
          const AttribClause *c = _attrib_profile_get_clause (run->profile, k);

          if (g_str_equal (c->kind->name, "appointment"))
            holder = _attrib_appointment_holder (run, c, visit);
          else if (g_str_equal (c->kind->name, "designated"))
            holder = _attrib_designated_holder (run, c, visit);
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
  for (k = 0; !held && by == NULL && k < _attrib_profile_get_n_clauses (run->profile); k++)
    {
      const AttribClause *c = _attrib_profile_get_clause (run->profile, k);
      const char *kind = c->kind->name;

      if (g_str_equal (kind, "designated") && host == ATTRIB_NONE)
        holder = _attrib_designated_holder (run, c, visit);
      else if (g_str_equal (kind, "appointment") && host == ATTRIB_NONE)
        holder = _attrib_appointment_holder (run, c, visit);
      else if (g_str_equal (kind, "recognised") && host == ATTRIB_NONE)
        holder = _attrib_recognised_holder (run, c, visit);
      else if (g_str_equal (kind, "returning"))
        {
          holder = _attrib_returning_holder (run, c, person, visit, &attempt.pending);
          if (attempt.pending && attempt.pending_clause == NULL)
            attempt.pending_clause = c->id;
        }
      else if (g_str_equal (kind, "referral_chain"))
        holder = _attrib_referral_chain_holder (run, c, pc, person, visit, host);
      else if (g_str_equal (kind, "staff_relation"))
        holder = _attrib_staff_relation_holder (run, c, pc, person, visit);
      else if (g_str_equal (kind, "companion_helper") && host != ATTRIB_NONE)
        holder = _attrib_companion_helper_holder (run, c, person, visit, host);
      else if (g_str_equal (kind, "companion") && host != ATTRIB_NONE)
        holder = _attrib_companion_host_holder (run, c, person, visit, host);
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
  attempt.visit = visit;
  attempt.holder = holder;
  attempt.channel = _attrib_run_competitor (run, holder);
  attempt.entered_first = TRUE;
  attempt.cause = ATTRIB_NONE;
  attempt.claim_clause = by != NULL ? by->id : NULL;
  attempts = g_array_new (FALSE, TRUE, sizeof (AttribAttempt));
  g_array_append_val (attempts, attempt);
  return attempts;
}
