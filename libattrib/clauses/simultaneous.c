/* simultaneous.c: two channels entering together
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `simultaneous` (junyuan-2012 1.2.8): the agents of a visit carry
 * entry ranks (equal = entered together, lower = earlier). The channels
 * of the lowest rank enter first; if several, each gets an equal part of
 * the claim (50 %/50 % for two) when the confirmation is valid. A channel
 * that entered later is rejected: the customer is the first one's.
 */

#include "config.h"

#include "attrib-engine-private.h"

void
_attrib_simultaneous_order (AttribRun          *run,
                            const AttribClause *clause,
                            GArray             *attempts)
{
  gint32 first = G_MAXINT32;
  guint i;

  for (i = 0; i < attempts->len; i++)
    first = MIN (first, g_array_index (attempts, AttribAttempt, i).rank);
  for (i = 0; i < attempts->len; i++)
    {
      AttribAttempt *a = &g_array_index (attempts, AttribAttempt, i);

      a->entered_first = a->rank == first;
      if (!a->entered_first)
        {
          a->reject_clause = clause->id;
          a->reason = g_strdup (_("another channel's agent entered the sales office with the customer first"));
        }
    }
}

/* @n channels entered together on @visit and each started a claim: they
 * share it equally. */
void
_attrib_simultaneous_shared (AttribRun          *run,
                             const AttribClause *clause,
                             guint               n,
                             guint32             visit)
{
  if (n > 1)
    _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                      _("%u channels entered together on “%s”: they share the claim equally"),
                      n, _attrib_run_shown_event (run, visit));
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_simultaneous = {
  .name = "simultaneous",
  .params = params,
  .summary = "Channels entering together share the claim; otherwise the first to enter takes it",
  .phases = ATTRIB_PHASE_CITED,
};
