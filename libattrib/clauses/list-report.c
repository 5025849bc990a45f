/* list-report.c: a reported list that was never worked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `list_report` (joint-agency 三.1): a `sanction` of kind
 * `list_report` against a channel, naming a customer, voids that channel's
 * claims on the customer from their start, and “该类客户直接划归另一方公司
 * 拓展”: the customer goes straight to the other company — the first whose
 * report the void claim had turned down — for the period of a report, from
 * the sanction on. If no other company had reported the customer, the next
 * report takes them.
 */

#include "config.h"

#include "attrib-engine-private.h"

static void
list_report_apply (AttribRun          *run,
                   const AttribClause *clause,
                   const AttribClause *source,
                   AttribPersonClaims *pc,
                   guint32             sanction)
{
  const AttribRecord *rec = _attrib_run_record (run, sanction);
  const AttribSanctionExtra *x = &g_array_index (run->ledger->sanctions, AttribSanctionExtra, rec->extra);
  g_autoptr(GArray) voided = g_array_new (FALSE, FALSE, sizeof (guint32));
  const AttribAttempt *other = NULL;
  guint i, c;

  if (rec->kind != ATTRIB_SANCTION_KIND_LIST_REPORT)
    return;
  for (i = 0; i < x->n_parties; i++)
    {
      guint32 party = g_array_index (run->ledger->refs, guint32, x->parties + i);
      guint32 channel = _attrib_run_channel_of (run, party);

      for (c = 0; c < pc->claims->len; c++)
        {
          AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

          if (claim->channel != channel || (claim->ended_by & ATTRIB_ENDING_WITHDRAWN))
            continue;
          claim->end = claim->begin;
          claim->ended_by |= ATTRIB_ENDING_WITHDRAWN;
          g_array_append_val (voided, claim->chain_event);
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_REJECTED, &sanction, 1,
                            _("%s reported the customer in a list it never worked (“%s”): its claim from “%s” is void"),
                            _attrib_run_shown (run, claim->holder), _attrib_run_shown_event (run, sanction),
                            _attrib_run_shown_event (run, claim->event));
        }
    }

  /* the first other company the list had kept out */
  for (i = 0; other == NULL && i < pc->rejected->len; i++)
    {
      const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

      for (c = 0; c < voided->len; c++)
        if (a->cause == g_array_index (voided, guint32, c))
          {
            other = a;
            break;
          }
    }
  if (other != NULL && source != NULL && _attrib_clause_get_bool (clause, "transfers"))
    {
      AttribClaimRec claim = { 0, };
      g_autofree char *period = NULL;
      guint32 used[2] = { sanction, other->event };

      claim.person = other->person;
      claim.channel = other->channel;
      claim.holder = other->holder;
      claim.event = sanction;
      claim.chain_event = sanction;
      claim.standing = ATTRIB_STANDING_PROTECTS;
      claim.clause = clause->id;
      _attrib_protection_period (run, source, rec->at, &claim.begin, &claim.end);
      claim.chain_begin = claim.begin;
      g_array_append_val (pc->claims, claim);
      period = _attrib_run_period_text (run, claim.begin, claim.end);
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                        _("the customer goes straight to %s, whose report “%s” the list had kept out: claim %s"),
                        _attrib_run_shown (run, other->holder), _attrib_run_shown_event (run, other->event), period);
    }
}


/* ATTRIB_PHASE_FOLLOW: a sanction (the profile's protection gives the
 * company the list kept out its claim) */
static gboolean
follow_event (AttribRun          *run,
              const AttribClause *clause,
              AttribPersonClaims *pc,
              guint32             person,
              guint32             event)
{
  if (_attrib_run_record (run, event)->type != ATTRIB_EVENT_TYPE_SANCTION)
    return FALSE;
  list_report_apply (run, clause, _attrib_profile_get_phases (run->profile)->protection, pc, event);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "transfers", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

const AttribClauseKind _attrib_kind_list_report = {
  .name = "list_report",
  .params = params,
  .summary = "A channel sanctioned for reporting a list it never worked forfeits those customers",
  .phases = ATTRIB_PHASE_FOLLOW,
  .once = TRUE,
  .follow_event = follow_event,
};
