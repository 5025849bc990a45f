/* report-after-contact.c: a report filed after the customer's first contact
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_after_contact` (sales-dept 二.5, outreach-1031 2 先访后报): a
 * report filed after the customer visited the office (or, with
 * `counts_calls`, called it) is void; the customer came of their own
 * accord. Two exceptions of outreach-1031 2 (“需提供在上门首访前的文字记录
 * 如短信和微信或客户指定行销人员，给与确认”): with `evidence_exempts`, written
 * evidence (`evidence_at`, an SMS or WeChat message) dated before the
 * contact saves the report; with `designation_exempts`, so does a visit at
 * which the customer named the reporting agent (`designated`). A report so
 * saved confirms the agent from that first visit (visit_validity.c).
 */

#include "config.h"

#include "attrib-engine-private.h"

static guint32
designated_on (AttribRun *run,
               guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE)
    return ATTRIB_NONE;
  return g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).designated;
}

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *report = _attrib_run_record (run, attempt->event);
  guint32 contact = _attrib_run_first_contact (run, attempt->person, report->at,
                                              _attrib_clause_get_bool (clause, "counts_calls"));
  AttribTime evidence = ATTRIB_TIME_MAX;

  if (contact == ATTRIB_NONE)
    return TRUE;
  if (_attrib_clause_get_bool (clause, "evidence_exempts") && report->extra != ATTRIB_NONE &&
      g_array_index (run->ledger->reports, AttribReportExtra, report->extra).evidence_at != ATTRIB_TIME_MIN)
    evidence = g_array_index (run->ledger->reports, AttribReportExtra, report->extra).evidence_at;

  if (evidence < _attrib_run_record (run, contact)->at)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &contact, 1,
                        _("the customer came to the office (“%s”) before the report “%s”, but its written evidence "
                          "predates that: the report stands"),
                        _attrib_run_shown_event (run, contact), _attrib_run_shown_event (run, attempt->event));
      return TRUE;
    }
  /* whom the customer named on their own visit (not on a group's they
   * came along to) */
  if (_attrib_clause_get_bool (clause, "designation_exempts") &&
      _attrib_run_contact_person (run, _attrib_run_record (run, contact)->contact) == attempt->person &&
      designated_on (run, contact) == report->party)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &contact, 1,
                        _("the customer came to the office (“%s”) before the report “%s”, but named %s there: the "
                          "report stands"),
                        _attrib_run_shown_event (run, contact), _attrib_run_shown_event (run, attempt->event),
                        _attrib_run_shown (run, report->party));
      return TRUE;
    }
  attempt->reject_clause = clause->id;
  attempt->cause = contact;
  attempt->reason = g_strdup_printf (_("the customer had already called or visited the office (“%s”) before the report"),
                                     _attrib_run_shown_event (run, contact));
  return FALSE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "counts_calls", ATTRIB_PARAM_BOOL, "true" },
  { "evidence_exempts", ATTRIB_PARAM_BOOL, "false" },
  { "designation_exempts", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_report_after_contact = {
  .name = "report_after_contact",
  .params = params,
  .summary = "A report filed after the customer called or visited the office is rejected: a natural visit",
  .phases = ATTRIB_PHASE_CHECK,
  .check = check,
  .checks_reports_only = TRUE,
};
