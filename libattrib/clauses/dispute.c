/* dispute.c: a dispute in front of customers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `dispute` (lvchen-joint 七.1): consultants who dispute in the sales
 * office or in front of customers lose the performance and commission of
 * that customer, to the developer. A `sanction` of kind `dispute` names
 * the parties and the customer (or the deal); every share of a party
 * named by any of them — or of an agent of a named group — goes to the
 * developer.
 */

#include "config.h"

#include <string.h>

#include "attrib-engine-private.h"

/* Whether one of @sanctions names @party or its group. */
static gboolean
sanctioned (AttribRun *run,
            GArray    *sanctions,
            guint32    party)
{
  guint32 channel = _attrib_run_channel_of (run, party);
  guint s, i;

  for (s = 0; s < sanctions->len; s++)
    {
      const AttribSanctionExtra *x = &g_array_index (run->ledger->sanctions, AttribSanctionExtra,
                                                     _attrib_run_record (run, g_array_index (sanctions, guint32, s))->extra);

      for (i = 0; i < x->n_parties; i++)
        {
          guint32 p = g_array_index (run->ledger->refs, guint32, x->parties + i);

          if (p == party || p == channel)
            return TRUE;
        }
    }
  return FALSE;
}

/* The sanctions of @kind naming the deal, then those naming the
 * purchaser up to @until, in canonical order. */
GArray *
_attrib_run_sanctions (AttribRun          *run,
                       AttribDealContext  *deal,
                       AttribSanctionKind  kind,
                       AttribTime          until)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *sanctions;
  const guint32 *events;
  guint32 n, i;

  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_SANCTION && rec->kind == kind)
        g_array_append_val (found, events[i]);
    }
  if (deal->purchaser == ATTRIB_NONE)
    return found;
  /* one naming the deal as well is listed already */
  sanctions = _attrib_run_person_sorted (run, deal->purchaser)->sanctions;
  for (i = 0; i < sanctions->len; i++)
    {
      guint32 e = g_array_index (sanctions, guint32, i);
      const AttribRecord *rec = _attrib_run_record (run, e);

      if (rec->at > until || rec->at > run->until)
        break;
      if (rec->kind == kind)
        g_array_append_val (found, e);
    }
  return found;
}

typedef struct
{
  char *party;
  gint64 numerator;
  gint64 denominator;
} Share;

static void
share_clear (gpointer data)
{
  g_free (((Share *) data)->party);
}

static gboolean
dispute_decide (AttribRun          *run,
                const AttribClause *clause,
                AttribDealContext  *deal)
{
  g_autoptr(GArray) sanctions = _attrib_run_sanctions (run, deal, ATTRIB_SANCTION_KIND_DISPUTE, ATTRIB_TIME_MAX);
  g_autoptr(GString) lost = NULL;
  gboolean moved = FALSE;
  guint32 sanction;
  guint k, i;

  if (sanctions->len == 0)
    return FALSE;
  for (i = 0; i < sanctions->len; i++)
    _attrib_run_use (run, g_array_index (sanctions, guint32, i));
  sanction = g_array_index (sanctions, guint32, sanctions->len - 1);
  lost = g_string_new (NULL);
  for (k = 0; k < 2; k++)
    {
      g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (Share));
      gboolean moved_here = FALSE;

      g_array_set_clear_func (shares, share_clear);
      for (i = 0; i < attrib_verdict_get_n_shares (run->verdict, k); i++)
        {
          Share s;
          const char *party = attrib_verdict_get_share (run->verdict, k, i, &s.numerator, &s.denominator);
          guint32 id = _attrib_strpool_lookup (&run->ledger->strings, party, strlen (party));

          if (id != ATTRIB_NONE && sanctioned (run, sanctions, id))
            {
              if (k == ATTRIB_SHARE_KIND_PERFORMANCE)
                g_string_append_printf (lost, "%s%s", lost->len ? ", " : "", party);
              party = "developer";
              moved_here = TRUE;
            }
          s.party = g_strdup (party);
          g_array_append_val (shares, s);
        }
      if (!moved_here)
        continue;
      moved = TRUE;
      _attrib_verdict_clear_kind (run->verdict, k);
      for (i = 0; i < shares->len; i++)
        {
          const Share *s = &g_array_index (shares, Share, i);

          _attrib_verdict_add_share (run->verdict, k, s->party, s->numerator, s->denominator);
        }
    }
  if (!moved)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &sanction, 1,
                        _("the dispute “%s” names none of the deal's parties"), _attrib_run_shown_event (run, sanction));
      return FALSE;
    }
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &sanction, 1,
                    _("%s disputed over the customer (“%s”): their performance and commission go to the developer"),
                    lost->len ? lost->str : _("the parties"), _attrib_run_shown_event (run, sanction));
  return TRUE;
}


/* PHASE_OVERRIDE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return dispute_decide (run, clause, deal);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_dispute = {
  .name = "dispute",
  .params = params,
  .summary = "Parties who disputed in front of customers lose that customer's performance and commission to the developer",
  .phases = ATTRIB_PHASE_OVERRIDE,
  .decide = decide,
};
