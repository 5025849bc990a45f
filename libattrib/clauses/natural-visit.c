/* natural-visit.c: the receiver of a natural visit holds the customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `natural_visit` (sales-dept 一.4, 一.5, 二.5 “视为自然到访”,
 * outreach-1031 2 “视为自然来访客户”; catalog §0 and §11): at agent level a
 * customer whom no report or confirmation holds came of their own accord —
 * a natural visit — and is the customer of the representative who received
 * them (`received_by`), not the developer's. A report rejected as late or
 * filed after the customer's first contact, one that lapsed, a
 * confirmation whose validity ran out: in each case the deal goes to the
 * receiver.
 *
 * The receiver of the customer's first reception holds a *natural* claim
 * without end; with `latest_receiver`, each later reception by someone else
 * takes it over. A natural claim protects against nobody and yields to
 * every report and confirmation while they run: it decides only where no
 * other claim does, and the deal is the developer's only if nobody ever
 * received the customer. A reception counts if it is a walk-in (a call
 * with `calls`) for a customer's purpose (not excluded by a
 * `not_a_reception` clause); a channel agent who brought the customer on
 * that visit is not its receiver — bringing without a valid report is
 * itself a natural visit (sales-dept 一.4). The visiting group's other
 * members (`companions`) are received with the customer.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* Whether @party is among the channel agents of @visit. */
static gboolean
brought_by (AttribRun *run,
            guint32    visit,
            guint32    party)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 i;

  for (i = 0; i < rec->n_agents; i++)
    if (g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i).party == party)
      return TRUE;
  return FALSE;
}

/* The receiver @visit makes the natural holder of @person (the customer, or
 * a companion of the customer), or ATTRIB_NONE. */
static guint32
natural_receiver (AttribRun          *run,
                  const AttribClause *clause,
                  guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 receiver;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT)
    return ATTRIB_NONE;
  if (rec->kind == ATTRIB_VISIT_KIND_CALL && !_attrib_clause_get_bool (clause, "calls"))
    return ATTRIB_NONE;
  if (_attrib_not_a_reception (run, visit) != NULL)
    return ATTRIB_NONE;
  receiver = _attrib_reception_receiver (run, visit);
  if (receiver == ATTRIB_NONE || brought_by (run, visit, receiver))
    return ATTRIB_NONE;
  return receiver;
}

/* ATTRIB_PHASE_FOLLOW: after every visit of the person, whatever it
 * confirmed */
static gboolean
follow_visit (AttribRun          *run,
              const AttribClause *clause,
              AttribPersonClaims *pc,
              guint32             person,
              guint32             visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 receiver;
  AttribClaimRec *running = NULL, claim = { 0, };
  gboolean covered = FALSE;
  guint i;

  if (rec->type != ATTRIB_EVENT_TYPE_VISIT)
    return FALSE;
  receiver = natural_receiver (run, clause, visit);
  if (receiver == ATTRIB_NONE)
    return FALSE;
  for (i = 0; i < pc->claims->len; i++)
    {
      AttribClaimRec *c = &g_array_index (pc->claims, AttribClaimRec, i);

      if (c->begin > rec->at || rec->at >= c->end)
        continue;
      if (c->standing == ATTRIB_STANDING_NATURAL)
        running = c;
      else
        covered = TRUE;
    }
  if (running != NULL && (running->holder == receiver || !_attrib_clause_get_bool (clause, "latest_receiver")))
    return FALSE;   /* the customer already has their natural holder */
  if (running != NULL)
    {
      running->end = rec->at;
      running->ended_by |= ATTRIB_ENDING_SUPERSEDED;   /* by the latest receiver */
    }

  claim.person = person;
  claim.channel = _attrib_run_competitor (run, receiver);
  claim.holder = receiver;
  claim.event = visit;
  claim.chain_event = visit;
  claim.begin = rec->at;
  claim.chain_begin = claim.begin;
  claim.end = ATTRIB_CLAIM_ENDLESS;
  claim.standing = ATTRIB_STANDING_NATURAL;
  claim.clause = clause->id;
  g_array_append_val (pc->claims, claim);

  /* where a report or a confirmation holds the customer, it says whose
   * they are; the natural holder is traced only when it decides */
  if (!covered)
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("%s received the customer on “%s”, which no report or confirmation covers: a natural "
                        "visit, the customer is theirs wherever no other claim runs"),
                      _attrib_run_shown (run, receiver), _attrib_run_shown_event (run, visit));
  _attrib_departure_cap (run, &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1), rec->at);
  return FALSE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "latest_receiver", ATTRIB_PARAM_BOOL, "false" },
  { "calls", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_natural_visit = {
  .name = "natural_visit",
  .params = params,
  .summary = "A customer no report or confirmation holds is the customer of whoever received their first visit (自然来访); a deal no other claim covers is theirs",
  .phases = ATTRIB_PHASE_FOLLOW,
  .once = TRUE,
  .follow_visit = follow_visit,
};
