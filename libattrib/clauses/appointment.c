/* appointment.c: the customer comes by appointment
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `appointment` (reception-2013 二.1.2): a customer who comes by
 * appointment (`appointment` on the visit) is the appointed
 * representative's; if they are busy or away, whoever receives the
 * customer instead helps without credit.
 */

#include "config.h"

#include "attrib-engine-private.h"

guint32
_attrib_appointment_holder (AttribRun          *run,
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
  if (x->received_by != ATTRIB_NONE && x->received_by != x->appointment)
    _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer came by appointment with %s (“%s”); %s received them as a help, without credit"),
                      _attrib_run_str (run, x->appointment), _attrib_run_event_id (run, visit),
                      _attrib_run_str (run, x->received_by));
  else
    _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("the customer came by appointment with %s (“%s”)"),
                      _attrib_run_str (run, x->appointment), _attrib_run_event_id (run, visit));
  return x->appointment;
}
