/* list-report.c: a reported list that was never worked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `list_report` (joint-agency 三.1): a `sanction` of kind
 * `list_report` against a channel, naming a customer, voids that channel's
 * claims on the customer from their start: the customer passes to the
 * other companies.
 */

#include "config.h"

#include "attrib-engine-private.h"

void
_attrib_list_report_apply (AttribRun          *run,
                           const AttribClause *clause,
                           GArray             *claims,
                           guint32             sanction)
{
  const AttribRecord *rec = _attrib_run_record (run, sanction);
  const AttribSanctionExtra *x = &g_array_index (run->ledger->sanctions, AttribSanctionExtra, rec->extra);
  guint i, c;

  if (rec->kind != ATTRIB_SANCTION_KIND_LIST_REPORT)
    return;
  for (i = 0; i < x->n_parties; i++)
    {
      guint32 party = g_array_index (run->ledger->refs, guint32, x->parties + i);
      guint32 channel = _attrib_run_channel_of (run, party);

      for (c = 0; c < claims->len; c++)
        {
          AttribClaimRec *claim = &g_array_index (claims, AttribClaimRec, c);

          if (claim->channel != channel || claim->ended)
            continue;
          claim->end = claim->begin;
          claim->ended = TRUE;
          _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_REJECTED, &sanction, 1,
                            _("%s reported the customer in a list it never worked (“%s”): its claim from “%s” is void"),
                            _attrib_run_str (run, claim->holder), _attrib_run_event_id (run, sanction),
                            _attrib_run_event_id (run, claim->event));
        }
    }
}
