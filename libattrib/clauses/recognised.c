/* recognised.c: a returning customer nobody registered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `recognised` (reception-2013 二.1.7, first-contact (二)4): a visitor
 * had come before, but that visit was never registered. If the customer
 * or the original representative recognises the other during this
 * reception (`recognised` on the visit, `when` "during"), the customer is
 * the original representative's — with `during_returns`. Recognised only
 * after the reception ended, or where the profile does not return them
 * (first-contact: an unregistered visit counts for nothing), the customer
 * stays with the representative who received them now.
 */

#include "config.h"

#include "attrib-engine-private.h"

static guint32
recognised_holder (AttribRun          *run,
                   const AttribClause *clause,
                   guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  AttribRecognised when = (rec->flags >> ATTRIB_RECORD_RECOGNISED_SHIFT) & 3;
  const AttribVisitExtra *x;

  if (when == ATTRIB_RECOGNISED_NONE || rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);
  if (when == ATTRIB_RECOGNISED_DURING && _attrib_clause_get_bool (clause, "during_returns") &&
      x->recognised_original != ATTRIB_NONE)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                        _("the customer was recognised during the reception on “%s” as %s's, from an unregistered "
                          "earlier visit: the customer goes back to %s"),
                        _attrib_run_shown_event (run, visit), _attrib_run_shown (run, x->recognised_original),
                        _attrib_run_shown (run, x->recognised_original));
      return x->recognised_original;
    }
  if (x->received_by == ATTRIB_NONE)
    return ATTRIB_NONE;
  if (when == ATTRIB_RECOGNISED_AFTER)
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer's unregistered earlier visit was recognised only after the reception on “%s”: "
                        "the customer stays with %s"),
                      _attrib_run_shown_event (run, visit), _attrib_run_shown (run, x->received_by));
  else
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer's earlier visit was never registered: on “%s” a new customer, %s's"),
                      _attrib_run_shown_event (run, visit), _attrib_run_shown (run, x->received_by));
  return x->received_by;
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
  return host == ATTRIB_NONE ? recognised_holder (run, clause, visit) : ATTRIB_NONE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "during_returns", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

const AttribClauseKind _attrib_kind_recognised = {
  .name = "recognised",
  .params = params,
  .summary = "A visitor recognised as having come before unregistered: the original representative if recognised during the reception, else the receiver",
  .phases = ATTRIB_PHASE_HOLDER,
  .holder = holder,
};
