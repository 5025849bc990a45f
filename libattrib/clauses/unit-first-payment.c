/* unit-first-payment.c: several customers for one unit
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `unit_first_payment` (reception-2013 二.1.6): when several
 * customers want the same unit, the sales control sells it to the one who
 * pays first (谁先交钱卖给谁). Of the deals on one `unit` that were not
 * cancelled, the one whose first stage (the deposit) came first stands; a
 * later deal on the unit gets no attribution (status cancelled).
 */

#include "config.h"

#include "attrib-engine-private.h"

/* A deal's unit and when it was first paid: its first stage. */
static guint32
first_stage (AttribRun *run,
             guint32    slot,
             gboolean  *out_cancelled)
{
  const guint32 *events;
  guint32 n, i, first = ATTRIB_NONE;

  *out_cancelled = FALSE;
  _attrib_csr_get (&run->index->deal_events, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      if (rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        *out_cancelled = TRUE;
      else if (first == ATTRIB_NONE && g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).unit != ATTRIB_NONE)
        first = events[i];
    }
  return first;
}

/* The first paying stage among the deals on @unit not cancelled. */
static guint32
unit_winner (AttribRun *run,
             guint32    unit)
{
  const guint32 *slots;
  guint32 n, i, winner = ATTRIB_NONE;

  _attrib_csr_get (&run->index->unit_deals, _attrib_ledger_find_unit (run->index, unit), &slots, &n);
  for (i = 0; i < n; i++)
    {
      gboolean cancelled;
      guint32 stage = first_stage (run, slots[i], &cancelled);

      if (stage != ATTRIB_NONE && !cancelled &&
          (winner == ATTRIB_NONE || run->index->position[stage] < run->index->position[winner]))
        winner = stage;
    }
  return winner;
}

gboolean
_attrib_unit_first_payment_decide (AttribRun          *run,
                                   const AttribClause *clause,
                                   AttribDealContext  *deal)
{
  gboolean cancelled;
  guint32 stage = first_stage (run, deal->slot, &cancelled), unit, winner;
  const AttribRecord *w;

  if (stage == ATTRIB_NONE || cancelled)
    return FALSE;
  unit = g_array_index (run->ledger->deals, AttribDealExtra, _attrib_run_record (run, stage)->extra).unit;
  winner = unit_winner (run, unit);
  if (winner == stage || winner == ATTRIB_NONE)
    return FALSE;
  w = _attrib_run_record (run, winner);
  {
    guint32 used[2] = { winner, stage };

    _attrib_verdict_add_clause (run->verdict, clause->id);
    _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                      _("unit %s went to deal %s, paid first (“%s”): this later deal on it stands void"),
                      _attrib_run_str (run, g_array_index (run->ledger->deals, AttribDealExtra, w->extra).unit),
                      _attrib_run_str (run, w->aux), _attrib_run_event_id (run, winner));
  }
  return TRUE;
}
