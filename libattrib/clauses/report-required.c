/* report-required.c: no confirmation without a report first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `report_required` (meilian-linkage §5): a store's confirmation
 * counts only if the same channel filed a report for the customer at
 * least lead_minutes before the visit, carrying the customer's name, full
 * phone and expected visit time (each requirement a parameter). A report
 * missing a field or arriving late confers no claim.
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

/* Whether a report is complete; why not in *out_reason. */
gboolean
_attrib_report_accepted (AttribRun          *run,
                         const AttribClause *clause,
                         guint32             report,
                         char              **out_reason)
{
  const AttribRecord *rec = _attrib_run_record (run, report);
  const AttribContactRec *contact = &g_array_index (run->ledger->contacts, AttribContactRec, rec->contact);
  const char *phone = _attrib_run_str (run, contact->phone);
  const AttribReportExtra *x = rec->extra != ATTRIB_NONE
                             ? &g_array_index (run->ledger->reports, AttribReportExtra, rec->extra) : NULL;

  if (_attrib_clause_get_bool (clause, "require_name") && contact->name == ATTRIB_NONE)
    {
      *out_reason = g_strdup (_("the report has no customer name"));
      return FALSE;
    }
  if (_attrib_clause_get_bool (clause, "require_full_phone") && (phone == NULL || strchr (phone, '*') != NULL))
    {
      *out_reason = g_strdup (_("the report has no full customer phone"));
      return FALSE;
    }
  if (_attrib_clause_get_bool (clause, "require_expected_visit") && (x == NULL || x->expected_visit == ATTRIB_TIME_MIN))
    {
      *out_reason = g_strdup (_("the report gives no expected visit time"));
      return FALSE;
    }
  *out_reason = NULL;
  return TRUE;
}

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *visit = _attrib_run_record (run, attempt->event);
  AttribTime deadline = visit->at - _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC;
  const guint32 *events;
  guint32 n, i, late = ATTRIB_NONE, incomplete = ATTRIB_NONE;
  g_autofree char *incomplete_reason = NULL;

  _attrib_csr_get (&run->index->person_events, attempt->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      char *reason = NULL;

      if (rec->at > visit->at)
        break;
      if (rec->type != ATTRIB_EVENT_TYPE_REPORT || _attrib_run_channel_of (run, rec->party) != attempt->channel)
        continue;
      if (!_attrib_report_accepted (run, clause, events[i], &reason))
        {
          incomplete = events[i];
          g_free (incomplete_reason);
          incomplete_reason = reason;
          continue;
        }
      if (rec->at > deadline)
        {
          late = events[i];
          continue;
        }
      _attrib_run_use (run, events[i]);
      return TRUE;
    }

  attempt->reject_clause = clause->id;
  if (late != ATTRIB_NONE)
    {
      attempt->cause = late;
      attempt->reason = g_strdup_printf (_("the channel's report “%s” reached the site less than %d minutes before the visit"),
                                         _attrib_run_shown_event (run, late), (int) _attrib_clause_get_int (clause, "lead_minutes"));
    }
  else if (incomplete != ATTRIB_NONE)
    {
      attempt->cause = incomplete;
      attempt->reason = g_strdup_printf (_("the channel's report “%s” is incomplete: %s"),
                                         _attrib_run_shown_event (run, incomplete), incomplete_reason);
    }
  else
    attempt->reason = g_strdup (_("the channel filed no report for the customer before the visit"));
  return FALSE;
}

/* the customer's next visit, up to `lead_minutes` later (and the rest of that
 * day), says whether the report was in time */
static AttribTime
lookahead (const AttribClause *clause)
{
  return _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC + ATTRIB_DAY_USEC;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "lead_minutes", ATTRIB_PARAM_INT, "60" },
  { "require_name", ATTRIB_PARAM_BOOL, "true" },
  { "require_full_phone", ATTRIB_PARAM_BOOL, "true" },
  { "require_expected_visit", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

const AttribClauseKind _attrib_kind_report_required = {
  .name = "report_required",
  .params = params,
  .summary = "A confirmation counts only after the same channel's complete report, filed in time",
  .phases = ATTRIB_PHASE_CHECK,
  .lookahead = lookahead,
  .check = check,
};
