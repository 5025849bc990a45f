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

/* unit → the first paying stage of a deal not cancelled, once per run */
static GHashTable *
unit_first (AttribRun *run)
{
  guint32 slot;

  if (run->unit_first != NULL)
    return run->unit_first;
  run->unit_first = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (slot = 0; slot < run->index->deal_events.n_keys; slot++)
    {
      gboolean cancelled;
      guint32 stage = first_stage (run, slot, &cancelled), unit;
      gpointer known;

      if (stage == ATTRIB_NONE || cancelled)
        continue;
      unit = g_array_index (run->ledger->deals, AttribDealExtra, _attrib_run_record (run, stage)->extra).unit;
      known = g_hash_table_lookup (run->unit_first, GUINT_TO_POINTER (unit + 1));
      if (known == NULL ||
          run->index->position[stage] < run->index->position[GPOINTER_TO_UINT (known) - 1])
        g_hash_table_insert (run->unit_first, GUINT_TO_POINTER (unit + 1), GUINT_TO_POINTER (stage + 1));
    }
  return run->unit_first;
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
  winner = GPOINTER_TO_UINT (g_hash_table_lookup (unit_first (run), GUINT_TO_POINTER (unit + 1))) - 1;
  if (winner == stage)
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
