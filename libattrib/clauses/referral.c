/* referral.c: an old customer brings a new one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `referral` (sales-dept 二.8 老带新): a new customer comes referred
 * by an old one — named by `referred_by` on the new customer's visit, or
 * listed among the `companions` of the old customer's visit, which is the
 * same fact (“老客户带领新客户一同到访”) — and has no claim of their own:
 * the new customer belongs to the old customer's agent — whoever holds
 * the old customer at the visit — for `days` days (0: without end, as
 * the text gives none). If the new
 * customer had already visited alone and is a relative or friend of the
 * old one (`relations`), the agent must have reported the new customer by
 * `report_by_hour` o'clock that day; otherwise it is a natural visit. A
 * new customer with a valid report of their own belongs to the reporter
 * (their own claim, 二.8 B).
 */

#include "config.h"

#include "attrib-engine-private.h"

static GArray *
referral_attempts (AttribRun                *run,
                   const AttribClause       *clause,
                   const AttribPersonClaims *pc,
                   guint32                   person,
                   guint32                   visit,
                   guint32                   old)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribClaimRec *held = NULL;
  AttribAttempt attempt = { 0, };
  GArray *attempts;
  const guint32 *events;
  guint32 n, i;
  gboolean visited_alone = FALSE;

  if (old == ATTRIB_NONE || old == person || _attrib_run_computing (run, old))
    return NULL;
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      /* having come alone before makes nobody's claim: that case is the
       * report by 22:00 below */
      if (claim->standing != ATTRIB_STANDING_NATURAL && claim->begin <= rec->at && rec->at < claim->end)
        return NULL;   /* the new customer has a claim of their own */
    }

  /* the old customer's holder when they came (“老客户归属哪个销售人员”):
   * a claim this very visit started makes them as new as the one they
   * came with */
  if (_attrib_run_holder_before (run, old, visit, &held) == ATTRIB_NONE)
    return NULL;   /* the old customer belonged to nobody */

  attempt.person = person;
  attempt.event = visit;
  attempt.holder = held->holder;
  attempt.channel = _attrib_run_competitor (run, held->holder);
  attempt.entered_first = TRUE;
  attempt.cause = ATTRIB_NONE;
  /* the new customer is the agent's the way the old one is */
  attempt.natural = held->standing == ATTRIB_STANDING_NATURAL;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n && !visited_alone; i++)
    {
      const AttribRecord *e = _attrib_run_record (run, events[i]);

      if (e->at >= rec->at)
        break;
      visited_alone = e->type == ATTRIB_EVENT_TYPE_VISIT;
    }
  if (visited_alone &&
      _attrib_run_relation_between (run, person, old, _attrib_clause_get_relations (clause, "relations"), FALSE) !=
        ATTRIB_NONE)
    {
      gint32 day = attrib_time_get_local_day (rec->at, run->tz);
      AttribTime deadline = attrib_time_day_start (day, run->tz) +
                            _attrib_clause_get_int (clause, "report_by_hour") * G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
      gboolean reported = FALSE;

      for (i = 0; i < n; i++)
        {
          const AttribRecord *e = _attrib_run_record (run, events[i]);

          if (e->type == ATTRIB_EVENT_TYPE_REPORT && e->party == held->holder &&
              attrib_time_get_local_day (e->at, run->tz) == day && e->at <= deadline)
            reported = TRUE;
        }
      if (!reported)
        {
          attempt.reject_clause = clause->id;
          attempt.reason = g_strdup_printf (_("the new customer had visited alone before and is related to the old "
                                              "customer: the agent had to report by %d:00 that day"),
                                            (int) _attrib_clause_get_int (clause, "report_by_hour"));
        }
    }

  attempts = _attrib_run_new_attempts (run);
  g_array_append_val (attempts, attempt);
  return attempts;
}


/* ATTRIB_PHASE_SOURCE: a visit an old customer referred the person to, or
 * the visit of an old customer the person came along to; a referral that
 * gives nobody the customer leaves their own visit natural */
static AttribSourceResult
attempts (AttribRun          *run,
          const AttribClause *clause,
          AttribPersonClaims *pc,
          guint32             person,
          guint32             event,
          guint32             host,
          GArray            **out_attempts)
{
  const AttribRecord *rec = _attrib_run_record (run, event);
  guint32 old = host;

  if (host == ATTRIB_NONE)
    {
      if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE ||
          g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).referred_by == ATTRIB_NONE)
        return ATTRIB_SOURCE_PASS;
      old = _attrib_run_contact_person (run, g_array_index (run->ledger->visits, AttribVisitExtra,
                                                            rec->extra).referred_by);
    }
  *out_attempts = referral_attempts (run, clause, pc, person, event, old);
  if (*out_attempts != NULL)
    return ATTRIB_SOURCE_ATTEMPTS;
  return host == ATTRIB_NONE ? ATTRIB_SOURCE_NATURAL : ATTRIB_SOURCE_PASS;
}

static const AttribSourceHook sources[] = { { 70, 10, attempts }, { 0 } };

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "days", ATTRIB_PARAM_INT, "0" },
  { "report_by_hour", ATTRIB_PARAM_INT, "22" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"relative\", \"friend\", \"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\"]" },
  { NULL }
};

const AttribClauseKind _attrib_kind_referral = {
  .name = "referral",
  .params = params,
  .summary = "An old customer brings a new one who has no claim: the old customer's agent",
  .phases = ATTRIB_PHASE_SOURCE,
  .once = TRUE,
  .sources = sources,
};
