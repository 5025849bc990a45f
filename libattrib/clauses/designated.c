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

guint32
_attrib_designated_holder (AttribRun          *run,
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
  _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                    _("the customer named %s on arrival (“%s”)"),
                    _attrib_run_str (run, named), _attrib_run_event_id (run, visit));
  return named;
}
