/* visit-validity.c: the first visit confirms the report that won
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `visit_validity` (outreach-1031 7, sales-dept 一.3): the customer's
 * first visit, while reports run, confirms the winning report (the
 * earliest) for its agent: a protecting claim of `days` days from the
 * first visit (outreach-1031 7 “以第一次到访时间往后计算15天”), or without
 * end with `days` 0 (sales-dept 一.3: after the visit the customer has an
 * owner, “客户后期由个人跟踪”, and the text gives no end).
 *
 * A report filed after the first visit and saved by its evidence or by
 * the customer naming the agent there (report_after_contact) is confirmed
 * the same way, from that first visit (“给与确认”).
 *
 * With `card_from` (a date: outreach-1031 7 “具体视办卡开始时间来定。开始
 * 办卡后，客户到访即确认客户归属”), a first visit on or after the day the
 * project starts issuing cards confirms the agent without the limit.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The agent the first visit @visit confirms, or ATTRIB_NONE. */
static guint32
visit_validity_holder (AttribRun                *run,
                       const AttribPersonClaims *pc,
                       guint32                   person,
                       guint32                   visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClaimRec *report;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->kind != ATTRIB_VISIT_KIND_VISIT ||
      !_attrib_run_first_visit (run, person, rec->at))
    return ATTRIB_NONE;
  report = _attrib_earliest_report_claim (pc, rec->at);
  return report != NULL ? report->holder : ATTRIB_NONE;
}

/* The confirmation a first visit at @from gives. */
static void
visit_validity_period (AttribRun          *run,
                       const AttribClause *clause,
                       AttribTime          from,
                       AttribTime         *out_begin,
                       AttribTime         *out_end)
{
  gint64 card_from = _attrib_clause_get_date (clause, "card_from");

  _attrib_protection_period (run, clause, from, out_begin, out_end);
  if (card_from != ATTRIB_PARAM_NO_DATE && attrib_time_get_local_day (from, run->tz) >= card_from)
    *out_end = ATTRIB_CLAIM_ENDLESS;
}

/* A report accepted after the customer's first visit (its evidence, or
 * the customer naming the agent, saved it): the visit confirms the agent
 * from then, unless someone else's confirmation holds the customer. */
void
_attrib_visit_validity_after_report (AttribRun          *run,
                                     const AttribClause *clause,
                                     AttribPersonClaims *pc,
                                     guint32             person,
                                     guint32             report,
                                     guint32             holder)
{
  const AttribRecord *rec = _attrib_run_record (run, report);
  /* the visit the report was saved for: of their own or in a group */
  guint32 first = _attrib_run_first_contact (run, person, rec->at, FALSE);
  guint i;
  AttribClaimRec claim = { 0, };
  g_autofree char *period = NULL;

  if (first == ATTRIB_NONE)
    return;
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *c = &g_array_index (pc->claims, AttribClaimRec, i);

      if (c->standing == ATTRIB_STANDING_PROTECTS && c->begin <= rec->at && rec->at < c->end)
        return;   /* already confirmed, for them or for someone else */
    }

  claim.person = person;
  claim.channel = _attrib_run_competitor (run, holder);
  claim.holder = holder;
  claim.event = report;
  claim.chain_event = report;
  claim.standing = ATTRIB_STANDING_PROTECTS;
  claim.clause = clause->id;
  visit_validity_period (run, clause, _attrib_run_record (run, first)->at, &claim.begin, &claim.end);
  claim.chain_begin = claim.begin;
  if (claim.end <= rec->at)
    return;   /* the confirmation would have run out already */
  g_array_append_val (pc->claims, claim);
  _attrib_departure_cap (run, &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1), rec->at);
  period = _attrib_run_period_text (run, claim.begin, claim.end);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &first, 1,
                    _("the first visit “%s” confirms %s, whose report “%s” stands: %s"),
                    _attrib_run_shown_event (run, first), _attrib_run_shown (run, holder),
                    _attrib_run_shown_event (run, report), period);
}


/* ATTRIB_PHASE_SOURCE: the first visit, of the person's own or in someone
 * else's group, confirms the winning report's agent */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  guint32 holder = visit_validity_holder (run, pc, person, event);

  if (holder == ATTRIB_NONE)
    return ATTRIB_SOURCE_PASS;
  *out_attempts = _attrib_claims_report_attempts (run, person, event, holder);
  return ATTRIB_SOURCE_ATTEMPTS;
}

static gboolean
period (AttribRun          *run,
        const AttribClause *clause,
        AttribPersonClaims *pc,
        AttribAttempt      *attempt,
        AttribClaimRec     *claim)
{
  visit_validity_period (run, clause, _attrib_run_record (run, attempt->event)->at, &claim->begin, &claim->end);
  return TRUE;
}

static const AttribSourceHook sources[] = { { 60, 30, attempts }, { 0 } };
static const AttribSourceOps ops = { .period = period };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "days", ATTRIB_PARAM_INT, "15" },
  { "card_from", ATTRIB_PARAM_DATE, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_visit_validity = {
  .name = "visit_validity",
  .params = params,
  .summary = "The first visit confirms the customer for the winning report's agent for `days` days (0: without end)",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
  .ops = &ops,
  .protection_rank = 5,
  .confirms_reports = TRUE,
};
