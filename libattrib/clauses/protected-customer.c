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

const char *
_attrib_protected_customer_clause (AttribRun           *run,
                                   const AttribClause  *clause,
                                   const AttribClaimRec   *running,
                                   const AttribAttempt *attempt)
{
  const char *other_clause = _attrib_clause_get_string (clause, "other_contact_clause");
  guint32 first_phone = _attrib_run_contact_phone (run, _attrib_run_record (run, running->chain_event)->contact);
  guint32 this_phone = _attrib_run_contact_phone (run, _attrib_run_record (run, attempt->visit)->contact);

  if (*other_clause != '\0' && first_phone != ATTRIB_NONE && this_phone != ATTRIB_NONE && first_phone != this_phone)
    return other_clause;
  return clause->id;
}
