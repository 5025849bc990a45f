/* report-claim.c: the `report_claim` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_claim` (joint-agency 三.1, 首确认制): the company that
 * reports a customer first holds a claim of `months` months from the
 * report's day; another company's report while it runs is rejected for
 * good. Where a profile has this kind, reports — not visits — confirm: the
 * claim state machine in attrib-engine.c takes every report as an attempt.
 */

#include "config.h"

#include "attrib-engine-private.h"

gboolean
_attrib_report_claim_applies (AttribRun *run,
                              guint32    event)
{
  return _attrib_run_record (run, event)->type == ATTRIB_EVENT_TYPE_REPORT;
}
