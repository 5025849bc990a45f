/* follow-up-window.c: the seven-day follow-up (七天追踪)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `follow_up_window` (tangba-2014 2 and 4): representative A received
 * the customer first; on a later visit neither recognised the other, B
 * received the customer and closed. If A contacted the customer (a
 * `follow_up` by A) within `days` days of A's reception — A's reception
 * day and the days after — the performance stays A's and the commission
 * is split equally between A and B; otherwise both go to B. The closer is
 * the deal's `closed_by`, else whoever received the customer's last visit
 * before the deal. Without a later visit received by someone else the
 * deal is A's (a same-day deal is the receiver's, 1); a later visit on
 * which the customer was recognised (`recognised` "during") keeps the
 * deal with A, whoever closed.
 *
 * With `same_day` (4: “B置业顾问当天接待并促成交易…当天未成交者，由A置业顾问
 * 继续追踪”) it is the customer's second visit — the first one someone
 * other than A received — that counts: if it brought no deal that day, A
 * follows the customer up, and the deal stays A's whoever closes later.
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
follow_up_window_decide (AttribRun            *run,
                         const AttribClause   *clause,
                         AttribDealContext    *deal,
                         const AttribClaimRec *own)
{
  guint32 closer_event = ATTRIB_NONE;
  guint32 closer = _attrib_run_deal_closer (run, deal, &closer_event);
  gint64 days = _attrib_clause_get_int (clause, "days");
  AttribTime begin, end;
  const guint32 *events;
  guint32 n, i, contact = ATTRIB_NONE, later = ATTRIB_NONE;

  if (closer == ATTRIB_NONE || closer == own->holder)
    return FALSE;

  /* a later visit another representative received; recognised on it, the
   * customer is the owner's whoever helped */
  _attrib_csr_get (&run->index->person_events, own->person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 receiver;

      if (rec->at > deal->at)
        break;
      if (events[i] == own->event || rec->at < _attrib_run_record (run, own->event)->at ||
          rec->type != ATTRIB_EVENT_TYPE_VISIT)
        continue;
      if (((rec->flags >> ATTRIB_RECORD_RECOGNISED_SHIFT) & 3) == ATTRIB_RECOGNISED_DURING)
        {
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &events[i], 1,
                            _("the customer was recognised on “%s”: the deal stays with %s, whoever closed"),
                            _attrib_run_shown_event (run, events[i]), _attrib_run_shown (run, own->holder));
          return FALSE;
        }
      receiver = _attrib_reception_receiver (run, events[i]);
      if (receiver != ATTRIB_NONE && receiver != own->holder)
        {
          if (later == ATTRIB_NONE && _attrib_clause_get_bool (clause, "same_day") &&
              attrib_time_get_local_day (rec->at, run->tz) != attrib_time_get_local_day (deal->at, run->tz))
            {
              _attrib_verdict_add_clause (run->verdict, clause->id);
              _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &events[i], 1,
                                _("%s received the customer on their second visit (“%s”) but closed no deal that day: "
                                  "%s follows the customer up, and the deal stays %s's"),
                                _attrib_run_shown (run, receiver), _attrib_run_shown_event (run, events[i]),
                                _attrib_run_shown (run, own->holder), _attrib_run_shown (run, own->holder));
              return TRUE;
            }
          later = events[i];
        }
    }
  if (later == ATTRIB_NONE)
    return FALSE;   /* no second visit: the first receiver's (tangba 1) */

  attrib_period_days (_attrib_run_record (run, own->event)->at, days, run->tz, &begin, &end);
  _attrib_csr_get (&run->index->person_events, own->person, &events, &n);
  for (i = 0; i < n && contact == ATTRIB_NONE; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_FOLLOW_UP && rec->party == own->holder && rec->at >= begin && rec->at < end)
        contact = events[i];
    }

  _attrib_verdict_add_clause (run->verdict, clause->id);
  if (contact != ATTRIB_NONE)
    {
      guint32 used[2] = { contact, closer_event };

      _attrib_run_award_split (run, _attrib_run_str (run, own->holder), _attrib_run_str (run, own->holder),
                               _attrib_run_str (run, closer));
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, closer_event != ATTRIB_NONE ? 2 : 1,
                        _("%s received the customer first and followed up within %d days (“%s”); %s closed: "
                          "performance to %s, commission split equally"),
                        _attrib_run_shown (run, own->holder), (int) days, _attrib_run_shown_event (run, contact),
                        _attrib_run_shown (run, closer), _attrib_run_shown (run, own->holder));
    }
  else
    {
      _attrib_run_award_party (run, _attrib_run_str (run, closer));
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &own->event, 1,
                        _("%s received the customer first (“%s”) but did not follow up within %d days; %s closed: "
                          "performance and commission to %s"),
                        _attrib_run_shown (run, own->holder), _attrib_run_shown_event (run, own->event), (int) days,
                        _attrib_run_shown (run, closer), _attrib_run_shown (run, closer));
    }
  return TRUE;
}


/* PHASE_SPLIT */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return follow_up_window_decide (run, clause, deal, deal->own);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "days", ATTRIB_PARAM_INT, "7" },
  { "same_day", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

const AttribClauseKind _attrib_kind_follow_up_window = {
  .name = "follow_up_window",
  .params = params,
  .summary = "Another representative receives the customer again and closes: if the first followed up within `days` days, performance stays and commission is split",
  .phases = ATTRIB_PHASE_SPLIT,
  .decide = decide,
};
