/* appointment.c: the customer comes by appointment
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `appointment` (reception-2013 二.1.2): a customer who comes by
 * appointment (`appointment` on the visit) is the appointed
 * representative's; if they are receiving another customer, on sick
 * leave, off, or away on business, whoever receives the customer instead
 * helps without credit. “除上述原因之外，该客户归属轮值销售代表”: an appointed
 * representative the desk lists among the visit's `skipped` as `absent`
 * — not at their post for none of those reasons — loses the customer to
 * whoever received them. One listed as `busy` or `official`, or not
 * listed (not on duty that day: sick leave, a day off), keeps them.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* Whether the visit's appointed representative was away for a reason the
 * regulation does not excuse (listed as skipped, `absent`). */
gboolean
_attrib_appointment_missed (AttribRun *run,
                            guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribVisitExtra *x;
  guint32 i;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE)
    return FALSE;
  x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);
  if (x->appointment == ATTRIB_NONE || x->received_by == ATTRIB_NONE || x->received_by == x->appointment)
    return FALSE;
  for (i = 0; i < x->n_skipped; i++)
    {
      const AttribSkipRec *skip = &g_array_index (run->ledger->skips, AttribSkipRec, x->skipped + i);

      if (skip->party == x->appointment && skip->reason == ATTRIB_SKIP_REASON_ABSENT)
        return TRUE;
    }
  return FALSE;
}

static guint32
appointment_holder (AttribRun          *run,
                    const AttribClause *clause,
                    guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribVisitExtra *x;

  if (rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);
  if (x->appointment == ATTRIB_NONE)
    return ATTRIB_NONE;
  if (_attrib_appointment_missed (run, visit))
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &visit, 1,
                        _("the customer came by appointment with %s (“%s”), who was away for no reason the "
                          "regulation excuses: the customer is %s's, who received them"),
                        _attrib_run_shown (run, x->appointment), _attrib_run_shown_event (run, visit),
                        _attrib_run_shown (run, x->received_by));
      return ATTRIB_NONE;
    }
  if (x->received_by != ATTRIB_NONE && x->received_by != x->appointment)
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer came by appointment with %s (“%s”); %s received them as a help, without credit"),
                      _attrib_run_shown (run, x->appointment), _attrib_run_shown_event (run, visit),
                      _attrib_run_shown (run, x->received_by));
  else
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer came by appointment with %s (“%s”)"),
                      _attrib_run_shown (run, x->appointment), _attrib_run_shown_event (run, visit));
  return x->appointment;
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
  return host == ATTRIB_NONE ? appointment_holder (run, clause, visit) : ATTRIB_NONE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_appointment = {
  .name = "appointment",
  .params = params,
  .summary = "A customer who comes by appointment is the appointed representative's; whoever helps instead gets no credit",
  .phases = ATTRIB_PHASE_HOLDER,
  .holder = holder,
  .holds_unreceived = TRUE,
};
