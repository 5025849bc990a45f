/* helper-split.c: several units under different names through a helper
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `helper_split` (lvchen-joint 二.2.1(G)): the customer asked for a
 * consultant who was away, and another helped (`helped_by` on the deal).
 * If the customer bought several units under different names — deals
 * helped by the same consultant on the same local day with different
 * purchasers — the performance and commission of each are split equally
 * between the customer's consultant and the helper. A unit bought under a
 * name nobody holds goes the same way, with the consultant of the day's
 * other buyer.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The distinct purchasers of the deals @helper helped on local day @day:
 * the deal stages naming the helper are among the helper's party events,
 * in canonical (time) order. */
static GArray *
helped_purchasers (AttribRun *run,
                   guint32    helper,
                   gint32     day)
{
  const AttribLedgerIndex *index = run->index;
  GArray *purchasers = g_array_new (FALSE, FALSE, sizeof (guint32));
  AttribTime begin = attrib_time_day_start (day, run->tz), end = attrib_time_day_start (day + 1, run->tz);
  const guint32 *events;
  guint32 n, lo = 0, hi, i;

  if (run->reads != NULL)
    _attrib_read_log (run->reads, ATTRIB_READ_PARTY, helper);
  if (helper >= index->party_slot_len || index->party_slot[helper] == ATTRIB_NONE)
    return purchasers;
  _attrib_csr_get (&index->party_events, index->party_slot[helper], &events, &n);
  hi = n;
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (_attrib_run_record (run, events[mid])->at < begin)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (i = lo; i < n && _attrib_run_record (run, events[i])->at < end; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 person;
      guint p;

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL || rec->contact == ATTRIB_NONE ||
          g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).helped_by != helper)
        continue;
      /* the helper's other deals of the day are an input of the verdict */
      _attrib_run_use (run, events[i]);
      person = _attrib_run_contact_person (run, rec->contact);
      for (p = 0; p < purchasers->len && g_array_index (purchasers, guint32, p) != person; p++)
        ;
      if (person != ATTRIB_NONE && p == purchasers->len)
        g_array_append_val (purchasers, person);
    }
  return purchasers;
}

gboolean
_attrib_helper_split_decide (AttribRun            *run,
                             const AttribClause   *clause,
                             AttribDealContext    *deal,
                             const AttribClaimRec *own)
{
  const guint32 *events;
  guint32 n, i, helper = ATTRIB_NONE, stage = ATTRIB_NONE, consultant = ATTRIB_NONE;
  g_autoptr(GArray) purchasers = NULL;

  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n && helper == ATTRIB_NONE; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && rec->contact != ATTRIB_NONE)
        {
          helper = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).helped_by;
          stage = events[i];
        }
      /* the first stage that names a helper, as helper_days () reads it */
    }
  if (helper == ATTRIB_NONE || (own != NULL && helper == own->holder))
    return FALSE;
  purchasers = helped_purchasers (run, helper, attrib_time_get_local_day (_attrib_run_record (run, stage)->at, run->tz));
  if (purchasers->len < 2)
    {
      if (own != NULL)
        _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &stage, 1,
                          _("%s helped with one unit only: the help moves no credit"), _attrib_run_shown (run, helper));
      return FALSE;
    }
  if (own == NULL)
    {
      /* a unit under another name: the consultant of whichever buyer of
       * the day is someone's customer */
      guint p;

      for (p = 0; p < purchasers->len && consultant == ATTRIB_NONE; p++)
        {
          guint32 person = g_array_index (purchasers, guint32, p);

          if (person != deal->purchaser)
            consultant = _attrib_run_holder_at (run, person, deal->at, NULL);
        }
      if (consultant == ATTRIB_NONE || consultant == helper)
        return FALSE;
    }
  else
    consultant = own->holder;
  _attrib_verdict_clear_shares (run->verdict);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, consultant), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, helper), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, _attrib_run_str (run, consultant), 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, _attrib_run_str (run, helper), 1, 2);
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &stage, 1,
                    _("%s helped the customer of %s buy %u units under different names that day: performance and "
                      "commission split equally"),
                    _attrib_run_shown (run, helper), _attrib_run_shown (run, consultant), purchasers->len);
  return TRUE;
}


/* PHASE_SPLIT */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return _attrib_helper_split_decide (run, clause, deal, deal->own);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_helper_split = {
  .name = "helper_split",
  .params = params,
  .summary = "Several units bought under different names through a helper: split equally between the representative and the helper",
  .phases = ATTRIB_PHASE_SPLIT,
  .decide = decide,
};
