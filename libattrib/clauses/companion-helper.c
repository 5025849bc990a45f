/* companion-helper.c: the friend an old customer brings, helped by another
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `companion_helper` (lvchen-joint 二.2.1(F)): an old customer brings
 * a friend; the old customer's consultant is away and another consultant
 * helps (receives the visit). If both buy: when the old customer's
 * consultant had registered the friend before — a reception, report or
 * follow-up of the friend by them — both customers are that consultant's;
 * otherwise the friend is the helper's. Where the old customer's own
 * consultant received the visit, the `companion` clause applies. The rule
 * decides at the reception of the group; at the deal it decides for a
 * friend nobody registered as received.
 */

#include "config.h"

#include "attrib-engine-private.h"

static guint32
registered_by (AttribRun  *run,
               guint32     person,
               guint32     party,
               AttribTime  before)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->at >= before)
        break;
      if (((rec->type == ATTRIB_EVENT_TYPE_FOLLOW_UP || rec->type == ATTRIB_EVENT_TYPE_REPORT) && rec->party == party) ||
          (rec->type == ATTRIB_EVENT_TYPE_VISIT && _attrib_reception_receiver (run, events[i]) == party))
        return events[i];
    }
  return ATTRIB_NONE;
}

static gboolean
companion_helper_decide (AttribRun            *run,
                         const AttribClause   *clause,
                         AttribDealContext    *deal,
                         const AttribClaimRec *own)
{
  const guint32 *visits;
  guint32 n, v;

  if (own != NULL)
    return FALSE;
  _attrib_csr_get (&run->index->person_companions, deal->purchaser, &visits, &n);
  for (v = 0; v < n; v++)
    {
      const AttribRecord *visit = _attrib_run_record (run, visits[v]);
      guint32 host = _attrib_run_contact_person (run, visit->contact);
      guint32 helper = _attrib_reception_receiver (run, visits[v]);
      const AttribClaimRec *claim;
      guint32 consultant, record, used[2];

      if (visit->at > deal->at || host == ATTRIB_NONE || host == deal->purchaser || helper == ATTRIB_NONE)
        continue;
      consultant = _attrib_run_holder_at (run, host, visit->at, &claim);
      if (consultant == ATTRIB_NONE || consultant == helper)
        continue;
      record = registered_by (run, deal->purchaser, consultant, visit->at);
      _attrib_verdict_add_clause (run->verdict, clause->id);
      if (record != ATTRIB_NONE)
        {
          used[0] = visits[v];
          used[1] = record;
          _attrib_run_award_party (run, _attrib_run_str (run, consultant));
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, used, 2,
                            _("the purchaser came with a customer of %s on “%s”, helped by %s; %s had registered "
                              "the purchaser before (“%s”): the purchaser is %s's"),
                            _attrib_run_shown (run, consultant), _attrib_run_shown_event (run, visits[v]),
                            _attrib_run_shown (run, helper), _attrib_run_shown (run, consultant),
                            _attrib_run_shown_event (run, record), _attrib_run_shown (run, consultant));
        }
      else
        {
          _attrib_run_award_party (run, _attrib_run_str (run, helper));
          _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_DECIDED, &visits[v], 1,
                            _("the purchaser came with a customer of %s on “%s”, helped by %s; %s had no registration "
                              "of the purchaser: the purchaser is %s's"),
                            _attrib_run_shown (run, consultant), _attrib_run_shown_event (run, visits[v]),
                            _attrib_run_shown (run, helper), _attrib_run_shown (run, consultant),
                            _attrib_run_shown (run, helper));
        }
      deal->decided = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* At the reception: the friend's representative, or ATTRIB_NONE if the
 * old customer's own consultant received the group (or has none). */
static guint32
companion_helper_holder (AttribRun          *run,
                         const AttribClause *clause,
                         guint32             person,
                         guint32             visit,
                         guint32             host)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 helper = _attrib_reception_receiver (run, visit);
  const AttribClaimRec *claim;
  guint32 consultant = _attrib_run_holder_at (run, host, rec->at, &claim);
  guint32 record, used[2];

  if (consultant == ATTRIB_NONE || helper == ATTRIB_NONE || consultant == helper)
    return ATTRIB_NONE;
  record = registered_by (run, person, consultant, rec->at);
  if (record == ATTRIB_NONE)
    {
      _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, &visit, 1,
                        _("the customer came with a customer of %s on “%s”, helped by %s; %s had no registration of "
                          "them: they are %s's"),
                        _attrib_run_shown (run, consultant), _attrib_run_shown_event (run, visit),
                        _attrib_run_shown (run, helper), _attrib_run_shown (run, consultant), _attrib_run_shown (run, helper));
      return helper;
    }
  used[0] = visit;
  used[1] = record;
  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_APPLIED, used, 2,
                    _("the customer came with a customer of %s on “%s”, helped by %s; %s had registered them before "
                      "(“%s”): they are %s's"),
                    _attrib_run_shown (run, consultant), _attrib_run_shown_event (run, visit), _attrib_run_shown (run, helper),
                    _attrib_run_shown (run, consultant), _attrib_run_shown_event (run, record),
                    _attrib_run_shown (run, consultant));
  return consultant;
}

/* ATTRIB_PHASE_HOLDER */
static guint32
holder (AttribRun                *run,
        const AttribClause       *clause,
        const AttribPersonClaims *pc,
        guint32                   person,
        guint32                   visit,
        guint32                   host,
        AttribAttempt            *attempt)
{
  return host != ATTRIB_NONE ? companion_helper_holder (run, clause, person, visit, host) : ATTRIB_NONE;
}


/* PHASE_RELATE */
static gboolean
decide (AttribRun          *run,
        const AttribClause *clause,
        AttribDealContext  *deal)
{
  return companion_helper_decide (run, clause, deal, deal->n_own > 0 ? deal->own : NULL);
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_companion_helper = {
  .name = "companion_helper",
  .params = params,
  .summary = "An old customer's friend received by a helper: the old customer's representative only if they had registered the friend",
  .phases = ATTRIB_PHASE_HOLDER | ATTRIB_PHASE_RELATE,
  .decide = decide,
  .holder = holder,
};
