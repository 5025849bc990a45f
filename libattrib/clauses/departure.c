/* departure.c: a representative leaves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `departure` (first-contact (二)3, reception-2013 二.1.8,
 * lvchen-joint 三.(一).3): a `departure` event of a representative — or of
 * their whole group — ends their claims at that time. Their customers go
 * back to the department, and the manager reassigns them: a deal with no
 * other claim is disputed until a ruling names the new owner. A customer
 * who comes again afterwards is received as a new one.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* The first departure of @party at or after @from: the index keeps them
 * by party, then in canonical order. */
static guint32
first_departure (AttribRun  *run,
                 guint32     party,
                 AttribTime  from)
{
  const guint32 *deps = run->index->departures;
  guint32 lo = 0, hi = run->index->n_departures;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      const AttribRecord *rec = _attrib_run_record (run, deps[mid]);

      if (rec->party < party || (rec->party == party && rec->at < from))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < run->index->n_departures && _attrib_run_record (run, deps[lo])->party == party ? deps[lo] : ATTRIB_NONE;
}

AttribTime
_attrib_departure_after (AttribRun  *run,
                         guint32     holder,
                         AttribTime  from,
                         guint32    *out_event)
{
  guint32 channel = _attrib_run_channel_of (run, holder);
  guint32 own = first_departure (run, holder, from);
  guint32 group = channel != holder ? first_departure (run, channel, from) : ATTRIB_NONE;
  guint32 first = own;

  if (group != ATTRIB_NONE && (first == ATTRIB_NONE || run->index->position[group] < run->index->position[first]))
    first = group;
  if (first == ATTRIB_NONE)
    return ATTRIB_TIME_MAX;
  if (out_event != NULL)
    *out_event = first;
  return _attrib_run_record (run, first)->at;
}

gboolean
_attrib_departure_decide (AttribRun            *run,
                          const AttribClause   *clause,
                          AttribDealContext    *deal,
                          const AttribClaimRec *last)
{
  guint32 left = ATTRIB_NONE;

  if (last == NULL || !last->departed)
    return FALSE;
  _attrib_departure_after (run, last->holder, last->begin, &left);
  deal->disputed = TRUE;
  _attrib_verdict_add_clause (run->verdict, clause->id);
  _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_DECIDED, &left, 1,
                    _("%s left (“%s”) before the deal: their customers go back to the department and the manager "
                      "reassigns them (a ruling)"),
                    _attrib_run_str (run, last->holder), _attrib_run_event_id (run, left));
  return TRUE;
}
