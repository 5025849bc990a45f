/* group-activity.c: the `group_activity` clause kind
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `group_activity` (joint-agency 三.3): customers acquired at an
 * activity a company reported in advance (商会, 协会, 车友会 …) belong to
 * the organiser, who reports and follows them up. A report carrying an
 * `activity` claims like any first report and the claim cites this
 * clause; the developer protects “the whole process” (“开发商应予报备后对
 * 整个过程予以保护”), not the three months of an individual's report: the
 * claim runs without end, or `months` months where a project sets them.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
group_activity_applies (AttribRun *run,
                        guint32    report)
{
  const AttribRecord *rec = _attrib_run_record (run, report);

  return rec->type == ATTRIB_EVENT_TYPE_REPORT && rec->extra != ATTRIB_NONE &&
         g_array_index (run->ledger->reports, AttribReportExtra, rec->extra).activity != ATTRIB_NONE;
}

/* The group-activity clause a report was made for, or NULL: its claim
 * cites that clause, and runs for its period. */
const AttribClause *
_attrib_group_activity_of (AttribRun *run,
                           guint32    report)
{
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (group_activity));

  return clause != NULL && group_activity_applies (run, report) ? clause : NULL;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

const AttribClauseKind _attrib_kind_group_activity = {
  .name = "group_activity",
  .params = params,
  .summary = "A report made for an activity announced in advance claims its customers like any first report",
  .phases = ATTRIB_PHASE_CITED,
};
