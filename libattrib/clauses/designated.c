/* designated.c: the customer names a representative
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `designated` (first-contact (二)5, reception-2013 二.1.1,
 * lvchen-joint 二.(二).2 A): a customer who names a representative or a
 * group on arrival (`designated` on the visit) is theirs, whoever was on
 * rotation. A customer someone already holds stays with the holder.
 */

#include "config.h"

#include "attrib-engine-private.h"

static guint32
designated_holder (AttribRun          *run,
                   const AttribClause *clause,
                   guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 named;

  if (rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  named = g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).designated;
  if (named == ATTRIB_NONE)
    return ATTRIB_NONE;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                    _("the customer named %s on arrival (“%s”)"),
                    _attrib_run_shown (run, named), _attrib_run_shown_event (run, visit));
  return named;
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
  return host == ATTRIB_NONE ? designated_holder (run, clause, visit) : ATTRIB_NONE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_designated = {
  .name = "designated",
  .params = params,
  .summary = "A customer who names a representative on arrival is that representative's",
  .phases = ATTRIB_PHASE_HOLDER,
  .holder = holder,
  .holds_unreceived = TRUE,
};
