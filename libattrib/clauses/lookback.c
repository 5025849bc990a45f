/* lookback.c: the developer's CRM knew the customer first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `lookback` (junyuan-2012 1.1.1/1.1.2, and 1.2.6 through its
 * other_contact_clause): a confirmation is invalid if the developer's CRM
 * has an interaction with the customer in the N months before the visit —
 * unless it is the customer's first visit (first_visit_exempts), which the
 * regulation reads as "首次来访客户或…无互动记录". An interaction recorded
 * under another of the customer's phones (an identity link) invalidates
 * the confirmation even on a first visit, and is cited as
 * other_contact_clause. Records from the void time on are void (1.1.5).
 *
 * With `office_visits_count` (the default) the developer's own reception
 * of the customer — a walk-in or a call at the office without a channel,
 * which the office registers in the same system — is such a record too
 * (“非首次来访且…已有来电来访追踪等互动记录”): a customer who came of their
 * own accord in the window is the developer's.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *visit = _attrib_run_record (run, attempt->event);
  AttribTime from = attrib_lookback_begin (visit->at, _attrib_clause_get_int (clause, "months"), run->tz);
  const char *other_clause = _attrib_clause_get_string (clause, "other_contact_clause");
  guint32 visit_phone = _attrib_run_contact_phone (run, visit->contact);
  gboolean first_visit = _attrib_run_first_visit (run, attempt->person, visit->at);
  gboolean office_visits = _attrib_clause_get_bool (clause, "office_visits_count");
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 phone;

      if (rec->at >= visit->at)
        break;
      if (rec->at < from || rec->at >= pc->void_since)
        continue;
      if (rec->type != ATTRIB_EVENT_TYPE_INTERACTION &&
          !(rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->n_agents == 0 && office_visits))
        continue;

      phone = _attrib_run_contact_phone (run, rec->contact);
      if (phone != ATTRIB_NONE && visit_phone != ATTRIB_NONE && phone != visit_phone && *other_clause != '\0')
        {
          gboolean reasons = _attrib_run_wants_reasons (run);
          g_autofree char *when = reasons ? _attrib_run_time_text (run, rec->at) : NULL;
          g_autofree char *shown = reasons ? _attrib_run_display (run, _attrib_run_str (run, phone)) : NULL;

          attempt->reject_clause = other_clause;
          attempt->cause = events[i];
          _attrib_attempt_set_reason (run, attempt,
                                      _("the developer's CRM recorded “%s” on %s under the customer's other phone %s, "
                                        "within %d months before the visit"),
                                      _attrib_run_shown_event (run, events[i]), when, shown,
                                      (int) _attrib_clause_get_int (clause, "months"));
          return FALSE;
        }
      if (!(first_visit && _attrib_clause_get_bool (clause, "first_visit_exempts")))
        {
          g_autofree char *when = _attrib_run_wants_reasons (run) ? _attrib_run_time_text (run, rec->at) : NULL;

          attempt->reject_clause = clause->id;
          attempt->cause = events[i];
          _attrib_attempt_set_reason (run, attempt,
                                      _("not the customer's first visit, and the developer's CRM recorded “%s” on %s, "
                                        "within %d months before the visit"),
                                      _attrib_run_shown_event (run, events[i]), when,
                                      (int) _attrib_clause_get_int (clause, "months"));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { "first_visit_exempts", ATTRIB_PARAM_BOOL, "true" },
  { "office_visits_count", ATTRIB_PARAM_BOOL, "true" },
  { "other_contact_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_lookback = {
  .name = "lookback",
  .params = params,
  .summary = "A confirmation is invalid if the developer's CRM knew the customer within N months",
  .phases = ATTRIB_PHASE_CHECK,
  .check = check,
};
