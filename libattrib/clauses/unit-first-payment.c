/* unit-first-payment.c: several customers for one unit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `unit_first_payment` (reception-2013 二.1.6): when several
 * customers want the same unit, the sales control sells it to the one who
 * pays first (谁先交钱卖给谁). A deal holds a unit from the first stage
 * that names it (the deposit) until it moves to another unit (a later
 * stage naming another one, 换房); a cancelled deal holds nothing. A deal
 * whose first stage names a unit another deal already held then gets no
 * attribution (status cancelled). The deals on a unit come from the
 * ledger's unit index, so this costs the deals on that unit only.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* When a deal held @unit: [*out_from, *out_until), the stage that took it
 * in *out_stage; FALSE if it never did or was cancelled. */
static gboolean
held (AttribRun  *run,
      guint32     slot,
      guint32     unit,
      guint32    *out_stage,
      AttribTime *out_until)
{
  const guint32 *events;
  guint32 n, i;

  *out_stage = ATTRIB_NONE;
  *out_until = ATTRIB_TIME_MAX;
  _attrib_run_deal_events (run, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 named;

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      if (rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        return FALSE;
      named = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).unit;
      if (*out_stage == ATTRIB_NONE && named == unit)
        *out_stage = events[i];
      else if (*out_stage != ATTRIB_NONE && named != ATTRIB_NONE && named != unit && *out_until == ATTRIB_TIME_MAX)
        *out_until = rec->at;
    }
  return *out_stage != ATTRIB_NONE;
}

static gboolean
unit_first_payment_decide (AttribRun          *run,
                           const AttribClause *clause,
                           AttribDealContext  *deal)
{
  const AttribLedgerIndex *index = run->index;
  const guint32 *events, *slots;
  guint32 n, i, unit = ATTRIB_NONE, stage = ATTRIB_NONE, winner = ATTRIB_NONE, n_slots;
  AttribTime at;

  /* the unit this deal first paid for */
  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n && unit == ATTRIB_NONE; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && rec->kind != ATTRIB_DEAL_STAGE_CANCELLED)
        {
          unit = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).unit;
          stage = events[i];
        }
    }
  if (unit == ATTRIB_NONE)
    return FALSE;
  at = _attrib_run_record (run, stage)->at;

  /* the earliest other deal holding the unit when this one paid */
  _attrib_csr_get (&index->unit_deals, _attrib_ledger_find_unit (index, unit), &slots, &n_slots);
  for (i = 0; i < n_slots; i++)
    {
      guint32 took;
      AttribTime until;

      if (slots[i] == deal->slot || !held (run, slots[i], unit, &took, &until))
        continue;
      if (index->position[took] < index->position[stage] && at < until &&
          (winner == ATTRIB_NONE || index->position[took] < index->position[winner]))
        winner = took;
    }
  if (winner == ATTRIB_NONE)
    return FALSE;
  {
    guint32 used[2] = { winner, stage };

    _attrib_verdict_add_clause (run->verdict, clause->id);
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                      _("unit %s went to deal %s, paid first (“%s”): this later deal on it stands void"),
                      _attrib_run_shown (run, unit), _attrib_run_shown (run, _attrib_run_record (run, winner)->deal),
                      _attrib_run_shown_event (run, winner));
  }
  return TRUE;
}


/* PHASE_VOID */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return unit_first_payment_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_unit_first_payment = {
  .name = "unit_first_payment",
  .params = params,
  .summary = "Several customers for one unit: the first to pay gets it; a later deal on the unit stands void",
  .phases = ATTRIB_PHASE_VOID,
  .decide = decide,
};
