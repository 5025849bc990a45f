/* attrib-ledger-events.c: the ledger's records read back as events
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A compact record and its side tables made into a new AttribEvent again
 * (the queries of attrib-ledger-query.c, the canonical text of
 * fingerprints): the inverse of commit() in attrib-ledger.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-ledger-private.h"
#include "attrib-person-private.h"
#include "attrib-fraction-private.h"
#include "attrib-util-private.h"

const char *
_attrib_ledger_get_note (AttribLedger *self,
                         guint32       index)
{
  guint lo = 0, hi = self->notes->len;

  /* notes are appended as events are, so they are sorted by event */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const guint32 *pair = (const guint32 *) (self->notes->data + mid * 2 * sizeof (guint32));

      if (pair[0] == index)
        return _attrib_strpool_get (&self->strings, pair[1]);
      if (pair[0] < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

const char *
_attrib_ledger_str (AttribLedger *self,
     guint32       id)
{
  return _attrib_strpool_get (&self->strings, id);
}

static void
contact_fields (AttribLedger  *self,
                guint32        contact,
                const char   **out_name,
                const char   **out_phone)
{
  const AttribContactRec *rec = &g_array_index (self->contacts, AttribContactRec, contact);

  *out_name = _attrib_ledger_str (self, rec->name);
  *out_phone = _attrib_ledger_str (self, rec->phone);
}

AttribEvent *
_attrib_ledger_materialize (AttribLedger *self,
                            guint32       index)
{
  const AttribRecord *rec = &self->records[index];
  AttribEvent *ev;
  const char *name, *phone;
  guint i;

  ev = attrib_event_new (rec->type, _attrib_ledger_event_id (self, index), rec->at);
  if (rec->flags & ATTRIB_RECORD_HAS_NOTE)
    attrib_event_set_note (ev, _attrib_ledger_get_note (self, index));
  if (rec->flags & ATTRIB_RECORD_HAS_SEQ)
    attrib_event_set_seq (ev, rec->seq);
  if (rec->contact != ATTRIB_NONE)
    {
      contact_fields (self, rec->contact, &name, &phone);
      attrib_event_set_customer (ev, name, phone);
    }

  switch ((AttribEventType) rec->type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      attrib_event_set_party (ev, _attrib_ledger_str (self, rec->party));
      if (rec->kind != ATTRIB_REPORT_STAGE_FIRST)
        attrib_event_set_report_stage (ev, rec->kind);
      if (rec->extra != ATTRIB_NONE)
        {
          const AttribReportExtra *x = &g_array_index (self->reports, AttribReportExtra, rec->extra);

          if (x->expected_visit != ATTRIB_TIME_MIN)
            attrib_event_set_expected_visit (ev, x->expected_visit);
          if (x->evidence_at != ATTRIB_TIME_MIN)
            attrib_event_set_evidence_at (ev, x->evidence_at);
          attrib_event_set_via (ev, _attrib_ledger_str (self, x->via));
          attrib_event_set_activity (ev, _attrib_ledger_str (self, x->activity));
        }
      break;

    case ATTRIB_EVENT_TYPE_VISIT:
      {
        AttribVisitPurpose purpose = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;
        AttribRecognised recognised = (rec->flags >> ATTRIB_RECORD_RECOGNISED_SHIFT) & 3;
        const char *original = NULL;

        for (i = 0; i < rec->n_agents; i++)
          {
            const AttribAgentRec *a = &g_array_index (self->agents, AttribAgentRec, rec->party + i);

            attrib_event_add_agent (ev, _attrib_ledger_str (self, a->party), a->rank);
          }
        if (rec->extra != ATTRIB_NONE)
          {
            const AttribVisitExtra *x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);

            for (i = 0; i < x->n_companions; i++)
              {
                const AttribCompanionRec *c = &g_array_index (self->companions, AttribCompanionRec, x->companions + i);

                contact_fields (self, c->contact, &name, &phone);
                attrib_event_add_companion (ev, name, phone, c->relation);
              }
            attrib_event_set_received_by (ev, _attrib_ledger_str (self, x->received_by));
            attrib_event_set_received_with (ev, _attrib_ledger_str (self, x->received_with));
            for (i = 0; i < x->n_skipped; i++)
              {
                const AttribSkipRec *s = &g_array_index (self->skips, AttribSkipRec, x->skipped + i);

                attrib_event_add_skipped (ev, _attrib_ledger_str (self, s->party), s->reason);
              }
            attrib_event_set_designated (ev, _attrib_ledger_str (self, x->designated));
            attrib_event_set_appointment (ev, _attrib_ledger_str (self, x->appointment));
            attrib_event_set_token (ev, _attrib_ledger_str (self, x->token));
            if (x->referred_by != ATTRIB_NONE)
              {
                contact_fields (self, x->referred_by, &name, &phone);
                attrib_event_set_referred_by (ev, name, phone);
              }
            original = _attrib_ledger_str (self, x->recognised_original);
          }
        if (rec->kind != ATTRIB_VISIT_KIND_VISIT)
          attrib_event_set_visit_kind (ev, rec->kind);
        if (recognised != ATTRIB_RECOGNISED_NONE || original != NULL)
          attrib_event_set_recognised (ev, recognised, original);
        if (purpose != ATTRIB_VISIT_PURPOSE_CUSTOMER)
          attrib_event_set_purpose (ev, purpose);
      }
      break;

    case ATTRIB_EVENT_TYPE_INTERACTION:
      attrib_event_set_interaction_kind (ev, rec->kind);
      attrib_event_set_by (ev, _attrib_ledger_str (self, rec->party));
      break;

    case ATTRIB_EVENT_TYPE_RELATION:
      attrib_event_set_relation_kind (ev, rec->kind);
      attrib_event_set_verified (ev, (rec->flags & ATTRIB_RECORD_VERIFIED) != 0);
      if (rec->counterpart == ATTRIB_NONE)
        {
          attrib_event_set_party (ev, _attrib_ledger_str (self, rec->party));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case ATTRIB_EVENT_TYPE_IDENTITY:
      contact_fields (self, rec->counterpart, &name, &phone);
      attrib_event_set_counterpart (ev, name, phone);
      break;

    case ATTRIB_EVENT_TYPE_DEAL:
      {
        const AttribDealExtra *x = &g_array_index (self->deals, AttribDealExtra, rec->extra);
        AttribProduct product = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;

        attrib_event_set_deal (ev, _attrib_ledger_str (self, rec->deal));
        attrib_event_set_deal_stage (ev, rec->kind);
        attrib_event_set_unit (ev, _attrib_ledger_str (self, x->unit));
        if (x->has_price)
          attrib_event_set_price (ev, x->price);
        if (product != ATTRIB_PRODUCT_RESIDENTIAL)
          attrib_event_set_product (ev, product);
        attrib_event_set_closed_by (ev, _attrib_ledger_str (self, x->closed_by));
        attrib_event_set_helped_by (ev, _attrib_ledger_str (self, x->helped_by));
      }
      break;

    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      attrib_event_set_party (ev, _attrib_ledger_str (self, rec->party));
      break;

    case ATTRIB_EVENT_TYPE_SANCTION:
      {
        const AttribSanctionExtra *x = &g_array_index (self->sanctions, AttribSanctionExtra, rec->extra);

        attrib_event_set_sanction_kind (ev, rec->kind);
        attrib_event_set_deal (ev, _attrib_ledger_str (self, rec->deal));
        for (i = 0; i < x->n_parties; i++)
          attrib_event_add_sanctioned_party (ev, _attrib_ledger_str (self, g_array_index (self->refs, guint32, x->parties + i)));
        if (x->has_fine)
          attrib_event_set_fine (ev, x->fine);
      }
      break;

    case ATTRIB_EVENT_TYPE_RULING:
      {
        const AttribRulingExtra *x = &g_array_index (self->rulings, AttribRulingExtra, rec->extra);

        attrib_event_set_deal (ev, _attrib_ledger_str (self, rec->deal));
        for (i = 0; i < x->n_shares; i++)
          {
            const AttribShareRec *s = &g_array_index (self->shares, AttribShareRec, x->shares + i);

            attrib_event_add_share (ev, s->kind, _attrib_ledger_str (self, s->party), s->numerator, s->denominator);
          }
        attrib_event_set_authority (ev, _attrib_ledger_str (self, x->authority));
        attrib_event_set_reason (ev, _attrib_ledger_str (self, x->reason));
      }
      break;

    case ATTRIB_EVENT_TYPE_ROSTER:
      {
        const AttribRosterExtra *x = &g_array_index (self->rosters, AttribRosterExtra, rec->extra);

        attrib_event_set_roster_date (ev, x->date);
        for (i = 0; i < x->n_members; i++)
          {
            const AttribMemberRec *m = &g_array_index (self->members, AttribMemberRec, x->members + i);

            attrib_event_add_roster_member (ev, _attrib_ledger_str (self, m->group), _attrib_ledger_str (self, m->consultant));
          }
        if (x->filed_at != rec->at)
          attrib_event_set_filed_at (ev, x->filed_at);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return ev;
}
