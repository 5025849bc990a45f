/* visit-validity.c: the `visit_validity` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `visit_validity` (outreach-1031 7): the customer's first visit,
 * while reports run, confirms the winning report (the earliest) for its
 * agent: a protecting claim of `days` days from the first visit.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The agent the first visit @visit confirms, or ATTRIB_NONE. */
guint32
_attrib_visit_validity_holder (AttribRun                *run,
                               const AttribPersonClaims *pc,
                               guint32                   person,
                               guint32                   visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClaimRec *report;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || !_attrib_run_first_visit (run, person, rec->at))
    return ATTRIB_NONE;
  report = _attrib_earliest_report_claim (pc, rec->at);
  return report != NULL ? report->holder : ATTRIB_NONE;
}
