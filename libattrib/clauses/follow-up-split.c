/* follow-up-split.c: the first company followed up; the second closed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `follow_up_split` (joint-agency 三.1): the customer's claim passed
 * from a first company to another, which closes. If the first company
 * followed the customer up in detail and without interruption through its
 * claim — no gap longer than gap_days between consecutive contacts, the
 * report counting as the first and the claim's end as the last — the
 * closer keeps the performance and the commission is split equally
 * between the two. Otherwise both go to the closer.
 *
 * The other company need not report the customer again to close: the
 * customer is handed over to it (“2>移交对方公司。若对方公司成交…”), so a deal
 * no claim covers, after the first company's claim ran out, closed by
 * another company (`closed_by`) is decided the same way.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
followed_up (AttribRun            *run,
             const AttribClause   *clause,
             const AttribClaimRec *claim,
             guint32              *out_gap_event)
{
  AttribTime gap = _attrib_clause_get_int (clause, "gap_days") * 24 * G_GINT64_CONSTANT (3600) * G_USEC_PER_SEC;
  AttribTime last = _attrib_run_record (run, claim->chain_event)->at;
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, claim->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at <= last || rec->type != ATTRIB_EVENT_TYPE_FOLLOW_UP ||
          _attrib_run_channel_of (run, rec->party) != claim->channel)
        continue;
      if (rec->at >= claim->end)
        break;
      if (rec->at - last > gap)
        {
          *out_gap_event = events[i];
          return FALSE;
        }
      _attrib_run_use (run, events[i]);
      last = rec->at;
    }
  *out_gap_event = ATTRIB_NONE;
  return claim->end - last <= gap;
}

/* Performance to @closer, the commission split equally with @first. */
static void
split_shares (AttribRun  *run,
              const char *closer,
              const char *first)
{
  _attrib_verdict_clear_shares (run->verdict);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, closer, 1, 1);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, closer, 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, first, 1, 2);
}

static void
follow_up_split_apply (AttribRun            *run,
                       const AttribClause   *clause,
                       AttribDealContext    *deal,
                       const AttribClaimRec *own)
{
  const AttribPersonClaims *pc = _attrib_run_claims (run, deal->purchaser);
  const AttribClaimRec *first = NULL;
  guint32 gap_event;
  guint i;

  /* the earliest claim of another channel that ran out before this one */
  for (i = 0; i < pc->claims->len && first == NULL; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->channel != own->channel && claim->end <= own->begin && !(claim->ended_by & ATTRIB_ENDING_WITHDRAWN))
        first = claim;
    }
  if (first == NULL)
    return;

  if (!followed_up (run, clause, first, &gap_event))
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &first->chain_event, 1,
                        _("%s's claim (“%s”) lapsed without detailed, uninterrupted follow-up (gaps of at most %d days): "
                          "the closer takes performance and commission"),
                        _attrib_run_shown (run, first->holder), _attrib_run_shown_event (run, first->chain_event),
                        (int) _attrib_clause_get_int (clause, "gap_days"));
      return;
    }

  split_shares (run, _attrib_run_str (run, own->holder), _attrib_run_str (run, first->holder));
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &first->chain_event, 1,
                    _("%s followed the customer up without interruption through its claim (“%s”): "
                      "the performance is the closer's, the commission is split equally"),
                    _attrib_run_shown (run, first->holder), _attrib_run_shown_event (run, first->chain_event));
}

/* No claim covers the deal; @lapsed is the last claim, which ran out by
 * itself before it. TRUE if another company closed, and the clause
 * decided. */
gboolean
_attrib_follow_up_split_handover (AttribRun            *run,
                                  const AttribClause   *clause,
                                  AttribDealContext    *deal,
                                  const AttribClaimRec *lapsed)
{
  guint32 closer_event = ATTRIB_NONE, gap_event;
  guint32 closer = _attrib_run_deal_closer (run, deal, &closer_event);
  guint32 used[2] = { lapsed->chain_event, closer_event };

  if (closer == ATTRIB_NONE || _attrib_run_channel_of (run, closer) == lapsed->channel ||
      g_str_equal (_attrib_run_str (run, closer), "developer"))
    return FALSE;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  if (!followed_up (run, clause, lapsed, &gap_event))
    {
      _attrib_run_award_party (run, _attrib_run_str (run, closer));
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, closer_event != ATTRIB_NONE ? 2 : 1,
                        _("%s's claim (“%s”) ran out and the customer passed to the other company; %s closed, and "
                          "%s had no detailed, uninterrupted follow-up: performance and commission to the closer"),
                        _attrib_run_shown (run, lapsed->holder), _attrib_run_shown_event (run, lapsed->chain_event),
                        _attrib_run_shown (run, closer), _attrib_run_shown (run, lapsed->holder));
      return TRUE;
    }
  split_shares (run, _attrib_run_str (run, closer), _attrib_run_str (run, lapsed->holder));
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, closer_event != ATTRIB_NONE ? 2 : 1,
                    _("%s's claim (“%s”) ran out and the customer passed to the other company; %s closed, and %s had "
                      "followed up without interruption: performance to the closer, commission split equally"),
                    _attrib_run_shown (run, lapsed->holder), _attrib_run_shown_event (run, lapsed->chain_event),
                    _attrib_run_shown (run, closer), _attrib_run_shown (run, lapsed->holder));
  return TRUE;
}


/* PHASE_SPLIT: splits the commission; settles nothing, the next split is
 * asked */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  follow_up_split_apply (run, clause, deal, deal->own);
  return FALSE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "gap_days", ATTRIB_PARAM_INT, "14" },
  { NULL }
};

const AttribClauseKind _attrib_kind_follow_up_split = {
  .name = "follow_up_split",
  .params = params,
  .summary = "Another channel closes after the first one's claim lapsed: commission split if the first followed up without gaps",
  .phases = ATTRIB_PHASE_SPLIT,
  .once = TRUE,
  .decide = decide,
};
