/* referral.c: an old customer brings a new one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `referral` (sales-dept 二.8 老带新): a new customer comes referred
 * by an old one (`referred_by` on the visit) and has no claim of their
 * own: the new customer belongs to the old customer's agent — the holder
 * of the old customer's latest claim — for `days` days. If the new
 * customer had already visited alone and is a relative or friend of the
 * old one (`relations`), the agent must have reported the new customer by
 * `report_by_hour` o'clock that day; otherwise it is a natural visit. A
 * new customer with a valid report of their own belongs to the reporter
 * (their own claim, 二.8 B).
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
related (AttribRun *run,
         guint32    a,
         guint32    b,
         guint32    kinds)
{
  const guint32 *relations;
  guint32 n, r;

  _attrib_csr_get (&run->index->person_relations, a, &relations, &n);
  for (r = 0; r < n; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 x = _attrib_run_contact_person (run, rel->contact);
      guint32 y = _attrib_run_contact_person (run, rel->aux);

      if ((kinds & ATTRIB_RELATION_BIT (rel->kind)) && ((x == a && y == b) || (x == b && y == a)))
        return TRUE;
    }
  return FALSE;
}

GArray *
_attrib_referral_attempts (AttribRun                *run,
                           const AttribClause       *clause,
                           const AttribPersonClaims *pc,
                           guint32                   person,
                           guint32                   visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribVisitExtra *x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);
  guint32 old = _attrib_run_contact_person (run, x->referred_by);
  const AttribPersonClaims *old_claims;
  const AttribClaimRec *latest = NULL;
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

      if (claim->begin <= rec->at && rec->at < claim->end)
        return NULL;   /* the new customer has a claim of their own */
    }

  old_claims = _attrib_run_claims (run, old);
  for (i = 0; i < old_claims->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (old_claims->claims, AttribClaimRec, i);

      if (claim->begin <= rec->at && (latest == NULL || claim->begin >= latest->begin))
        latest = claim;
    }
  if (latest == NULL)
    return NULL;   /* the old customer belongs to nobody */

  attempt.person = person;
  attempt.visit = visit;
  attempt.holder = latest->holder;
  attempt.channel = _attrib_run_competitor (run, latest->holder);
  attempt.entered_first = TRUE;
  attempt.cause = ATTRIB_NONE;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n && !visited_alone; i++)
    {
      const AttribRecord *e = _attrib_run_record (run, events[i]);

      if (e->at >= rec->at)
        break;
      visited_alone = e->type == ATTRIB_EVENT_TYPE_VISIT;
    }
  if (visited_alone && related (run, person, old, _attrib_clause_get_relations (clause, "relations")))
    {
      gint32 day = attrib_time_get_local_day (rec->at, run->tz);
      AttribTime deadline = attrib_time_day_start (day, run->tz) +
                            _attrib_clause_get_int (clause, "report_by_hour") * G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
      gboolean reported = FALSE;

      for (i = 0; i < n; i++)
        {
          const AttribRecord *e = _attrib_run_record (run, events[i]);

          if (e->type == ATTRIB_EVENT_TYPE_REPORT && e->party == latest->holder &&
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

  attempts = g_array_new (FALSE, TRUE, sizeof (AttribAttempt));
  g_array_append_val (attempts, attempt);
  return attempts;
}
