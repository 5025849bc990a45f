/* family-lookback.c: the CRM knew a close relative first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `family_lookback` (junyuan-2012 1.1.3): a confirmation is invalid
 * if the developer's CRM has an interaction, in the N months before the
 * visit, with a person related to the customer by a verified relation of
 * one of the given kinds (spouse and parent_child: 直系亲属, limited to
 * these). A relation recorded but not verified invalidates nothing; where
 * a verified one would, the claim stands pending until it is verified
 * (catalog §0: unverified relations make the verdict pending).
 */

#include "config.h"

#include "attrib-engine-private.h"
#include "attrib-labels-private.h"

static gboolean
check (AttribRun          *run,
       const AttribClause *clause,
       AttribPersonClaims *pc,
       AttribAttempt      *attempt)
{
  const AttribRecord *visit = _attrib_run_record (run, attempt->event);
  AttribTime from = attrib_lookback_begin (visit->at, _attrib_clause_get_int (clause, "months"), run->tz);
  guint32 kinds = _attrib_clause_get_relations (clause, "relations");
  const guint32 *relations, *events;
  guint32 n_relations, n_events, r, i;

  _attrib_csr_get (&run->index->person_relations, attempt->person, &relations, &n_relations);
  for (r = 0; r < n_relations; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 a = _attrib_run_contact_person (run, rel->contact);
      guint32 b = _attrib_run_contact_person (run, rel->counterpart);
      guint32 other = a == attempt->person ? b : a;

      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)) || other == ATTRIB_NONE || other == attempt->person)
        continue;

      _attrib_csr_get (&run->index->person_events, other, &events, &n_events);
      for (i = 0; i < n_events; i++)
        {
          const AttribRecord *rec = _attrib_run_record (run, events[i]);

          if (rec->at >= visit->at)
            break;
          if (rec->type == ATTRIB_EVENT_TYPE_INTERACTION && rec->at >= from && rec->at < pc->void_since)
            {
              /* tracing implies reasons */
              g_autofree char *when = _attrib_run_wants_reasons (run) ? _attrib_run_time_text (run, rec->at) : NULL;

              _attrib_run_use (run, relations[r]);
              if (!(rel->flags & ATTRIB_RECORD_VERIFIED))
                {
                  guint32 used[2] = { relations[r], events[i] };

                  attempt->pending = TRUE;
                  attempt->pending_clause = clause->id;
                  _attrib_run_trace (run, clause->id, ATTRIB_OUTCOME_NOT_APPLICABLE, used, 2,
                                    _("the customer's %s (relation “%s”, not verified) is known to the developer's CRM "
                                      "from “%s” on %s: verified, it would make the confirmation invalid; pending"),
                                    _attrib_relation_label (rel->kind), _attrib_run_shown_event (run, relations[r]),
                                    _attrib_run_shown_event (run, events[i]), when);
                  break;
                }
              attempt->reject_clause = clause->id;
              attempt->cause = events[i];
              _attrib_attempt_set_reason (run, attempt,
                                          _("the customer's %s (relation “%s”) is known to the developer's CRM "
                                            "from “%s” on %s, within %d months before the visit"),
                                          _attrib_relation_label (rel->kind),
                                          _attrib_run_shown_event (run, relations[r]),
                                          _attrib_run_shown_event (run, events[i]), when,
                                          (int) _attrib_clause_get_int (clause, "months"));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"spouse\", \"parent_child\"]" },
  { NULL }
};

const AttribClauseKind _attrib_kind_family_lookback = {
  .name = "family_lookback",
  .params = params,
  .summary = "A confirmation is invalid if the CRM knew a close relative within N months",
  .phases = ATTRIB_PHASE_CHECK,
  .check = check,
};
