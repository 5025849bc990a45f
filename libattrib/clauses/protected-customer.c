/* protected-customer.c: a running claim protects the customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `protected_customer` (junyuan-2012 1.1.1, and 1.2.7 through its
 * other_contact_clause): while a channel's claim on a person runs, another
 * channel's confirmation is rejected. It starts nothing and does not
 * revive when the claim ends. Confirmed under another of the person's
 * phones, the rejection is cited as other_contact_clause (the first
 * confirmation wins).
 */

#include "config.h"

#include "attrib-engine-private.h"

static const char *
protected_customer_clause (AttribRun           *run,
                           const AttribClause  *clause,
                           const AttribClaimRec   *running,
                           const AttribAttempt *attempt)
{
  const char *other_clause = _attrib_clause_get_string (clause, "other_contact_clause");
  guint32 first_phone = _attrib_run_contact_phone (run, _attrib_run_record (run, running->chain_event)->contact);
  guint32 this_phone = _attrib_run_contact_phone (run, _attrib_run_record (run, attempt->event)->contact);

  if (*other_clause != '\0' && first_phone != ATTRIB_NONE && this_phone != ATTRIB_NONE && first_phone != this_phone)
    return other_clause;
  return clause->id;
}

/* Another channel's claim runs when @attempt comes (a source that says
 * nothing else of it): the attempt is rejected, the customer protected.
 * The clause cited is this kind's where the profile has it (another phone
 * of the same person: `other_contact_clause`), else the source's. */
void
_attrib_protected_customer_reject (AttribRun            *run,
                                   AttribPersonClaims   *pc,
                                   const AttribClause   *source,
                                   AttribAttempt        *attempt,
                                   const AttribClaimRec *running)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (protected_customer));

  attempt->reject_clause = clause != NULL ? protected_customer_clause (run, clause, running, attempt)
                                          : source->id;
  attempt->cause = running->chain_event;
  /* simultaneous may have given one */
  _attrib_attempt_set_reason (run, attempt, _("the customer is protected by the claim of %s from “%s”"),
                              _attrib_run_shown (run, running->holder),
                              _attrib_run_shown_event (run, running->chain_event));
  _attrib_claims_reject (run, pc, attempt);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "other_contact_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_protected_customer = {
  .name = "protected_customer",
  .params = params,
  .summary = "While a claim runs, another channel's confirmation is rejected for good",
  .phases = ATTRIB_PHASE_CITED,
};
