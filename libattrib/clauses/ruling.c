/* ruling.c: a decision by an authority overrides the rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `ruling` (junyuan-2012 3.4, joint-agency 一, …): the latest ruling
 * on a deal (canonical order) gives its shares; nothing else is applied.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
ruling_decide (AttribRun          *run,
               const AttribClause *clause,
               AttribDealContext  *deal)
{
  const guint32 *events;
  guint32 n, i, ruling = ATTRIB_NONE;
  const AttribRulingExtra *x;

  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    if (_attrib_run_record (run, events[i])->type == ATTRIB_EVENT_TYPE_RULING)
      ruling = events[i];
  if (ruling == ATTRIB_NONE)
    return FALSE;

  x = &g_array_index (run->ledger->rulings, AttribRulingExtra, _attrib_run_record (run, ruling)->extra);
  _attrib_verdict_clear_shares (run->verdict);
  for (i = 0; i < x->n_shares; i++)
    {
      const AttribShareRec *s = &g_array_index (run->ledger->shares, AttribShareRec, x->shares + i);

      _attrib_verdict_add_share (run->verdict, s->kind, _attrib_run_str (run, s->party), s->numerator, s->denominator);
    }
  _attrib_run_use (run, ruling);
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &ruling, 1,
                    _("ruling “%s” by %s decides the deal%s%s"),
                    _attrib_run_shown_event (run, ruling),
                    x->authority != ATTRIB_NONE ? _attrib_run_shown (run, x->authority) : _("an authority"),
                    x->reason != ATTRIB_NONE ? _(": ") : "",
                    x->reason != ATTRIB_NONE ? _attrib_run_shown (run, x->reason) : "");
  deal->decided = TRUE;
  return TRUE;
}


/* PHASE_RULING */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return ruling_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_ruling = {
  .name = "ruling",
  .params = params,
  .summary = "A ruling on the deal overrides every other clause",
  .phases = ATTRIB_PHASE_RULING,
  .decide = decide,
};
