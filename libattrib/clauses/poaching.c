/* poaching.c: contacting another group's protected customer (抢客)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `poaching` (lvchen-joint 七.2): a consultant who contacts another
 * group's customer inside its protection is fined (the `sanction` of kind
 * `poaching`, with its `fine`); the customer stays with the original
 * group. If the customer then closes, the performance goes to the
 * developer; the regulation moves the performance only, so the commission
 * shares stand.
 */

#include "config.h"

#include "attrib-engine-private.h"

gboolean
_attrib_poaching_decide (AttribRun          *run,
                         const AttribClause *clause,
                         AttribDealContext  *deal)
{
  guint32 sanction = _attrib_run_find_sanction (run, deal, ATTRIB_SANCTION_KIND_POACHING, deal->at);

  if (sanction == ATTRIB_NONE)
    return FALSE;
  _attrib_verdict_clear_kind (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, "developer", 1, 1);
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_DECIDED, &sanction, 1,
                    _("the customer was poached (“%s”) before the deal: the performance goes to the developer"),
                    _attrib_run_event_id (run, sanction));
  return TRUE;
}
