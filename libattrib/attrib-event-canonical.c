/* attrib-event-canonical.c: an event's canonical text, for fingerprints (docs/verdicts.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-json-private.h"

static void
canon_key (GString    *out,
           const char *key)
{
  /* no printf: every verdict's fingerprint writes these */
  g_string_append_len (out, ",\"", 2);
  g_string_append (out, key);
  g_string_append_len (out, "\":", 2);
}

static void
canon_int (GString *out,
           gint64   v)
{
  char digits[24];
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;
  int n = 0;

  do
    {
      digits[sizeof digits - 1 - n++] = '0' + u % 10;
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    digits[sizeof digits - 1 - n++] = '-';
  g_string_append_len (out, digits + sizeof digits - n, n);
}

static void
canon_string (GString    *out,
              const char *key,
              const char *value)
{
  if (value == NULL)
    return;
  canon_key (out, key);
  _attrib_json_append_string (out, value);
}

static void
canon_person (GString    *out,
              const char *key,
              const char *name,
              const char *phone)
{
  if (name == NULL && phone == NULL)
    return;
  canon_key (out, key);
  g_string_append_c (out, '{');
  if (name != NULL)
    {
      g_string_append (out, "\"name\":");
      _attrib_json_append_string (out, name);
    }
  if (phone != NULL)
    {
      g_string_append (out, name != NULL ? ",\"phone\":" : "\"phone\":");
      _attrib_json_append_string (out, phone);
    }
  g_string_append_c (out, '}');
}

static void
canon_time (GString    *out,
            const char *key,
            AttribTime  t)
{
  canon_key (out, key);
  canon_int (out, t);
}

/* One line of JSON with every field the event has, in a fixed order and
 * with times as integer microseconds: what a verdict's fingerprint hashes. */
void
_attrib_event_append_canonical (GString     *out,
                                AttribEvent *ev,
                                GTimeZone   *tz)
{
  guint i, k;

  g_string_append (out, "{\"id\":");
  _attrib_json_append_string (out, ev->id);
  canon_string (out, "type", _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, ev->type));
  canon_time (out, "at", ev->at);
  if (_attrib_event_has (ev, ATTRIB_FIELD_SEQ))
    {
      canon_key (out, "seq");
      canon_int (out, ev->seq);
    }
  canon_person (out, "customer", ev->customer_name, ev->customer_phone);
  canon_person (out, "b", ev->counterpart_name, ev->counterpart_phone);
  canon_string (out, "party", ev->party);
  if (_attrib_event_has (ev, ATTRIB_FIELD_REPORT_STAGE))
    canon_string (out, "stage", _attrib_enum_nick (ATTRIB_TYPE_REPORT_STAGE, ev->report_stage));
  if (_attrib_event_has (ev, ATTRIB_FIELD_EXPECTED_VISIT))
    canon_time (out, "expected_visit", ev->expected_visit);
  if (_attrib_event_has (ev, ATTRIB_FIELD_EVIDENCE_AT))
    canon_time (out, "evidence_at", ev->evidence_at);
  canon_string (out, "via", ev->via);
  canon_string (out, "activity", ev->activity);
  if (ev->agents != NULL)
    {
      canon_key (out, "agents");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->agents->len; i++)
        {
          const AttribEventAgent *a = &g_array_index (ev->agents, AttribEventAgent, i);

          g_string_append (out, i ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, a->party);
          g_string_append (out, ",\"rank\":");
          canon_int (out, a->rank);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  canon_string (out, "received_by", ev->received_by);
  canon_string (out, "received_with", ev->received_with);
  if (ev->skipped != NULL)
    {
      canon_key (out, "skipped");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->skipped->len; i++)
        {
          const AttribEventSkip *sk = &g_array_index (ev->skipped, AttribEventSkip, i);

          g_string_append (out, i ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, sk->party);
          g_string_append_printf (out, ",\"reason\":\"%s\"}", _attrib_enum_nick (ATTRIB_TYPE_SKIP_REASON, sk->reason));
        }
      g_string_append_c (out, ']');
    }
  canon_string (out, "designated", ev->designated);
  canon_string (out, "appointment", ev->appointment);
  canon_string (out, "token", ev->token);
  if (ev->companions != NULL)
    {
      canon_key (out, "companions");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->companions->len; i++)
        {
          const AttribEventCompanion *c = &g_array_index (ev->companions, AttribEventCompanion, i);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "{\"relation\":\"%s\"",
                                  _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, c->relation));
          canon_person (out, "person", c->name, c->phone);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  canon_person (out, "referred_by", ev->referred_by_name, ev->referred_by_phone);
  if (_attrib_event_has (ev, ATTRIB_FIELD_VISIT_KIND))
    canon_string (out, "visit_kind", _attrib_enum_nick (ATTRIB_TYPE_VISIT_KIND, ev->visit_kind));
  if (_attrib_event_has (ev, ATTRIB_FIELD_RECOGNISED))
    {
      canon_string (out, "recognised", _attrib_enum_nick (ATTRIB_TYPE_RECOGNISED, ev->recognised));
      canon_string (out, "original", ev->recognised_original);
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_PURPOSE))
    canon_string (out, "purpose", _attrib_enum_nick (ATTRIB_TYPE_VISIT_PURPOSE, ev->purpose));
  if (_attrib_event_has (ev, ATTRIB_FIELD_INTERACTION_KIND))
    canon_string (out, "interaction_kind", _attrib_enum_nick (ATTRIB_TYPE_INTERACTION_KIND, ev->interaction_kind));
  canon_string (out, "by", ev->by);
  if (_attrib_event_has (ev, ATTRIB_FIELD_RELATION_KIND))
    {
      canon_string (out, "relation_kind", _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, ev->relation_kind));
      g_string_append_printf (out, ",\"verified\":%s", ev->verified ? "true" : "false");
    }
  canon_string (out, "deal", ev->deal);
  if (_attrib_event_has (ev, ATTRIB_FIELD_DEAL_STAGE))
    canon_string (out, "deal_stage", _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, ev->deal_stage));
  canon_string (out, "unit", ev->unit);
  if (_attrib_event_has (ev, ATTRIB_FIELD_PRICE))
    {
      canon_key (out, "price");
      canon_int (out, ev->price);
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_PRODUCT))
    canon_string (out, "product", _attrib_enum_nick (ATTRIB_TYPE_PRODUCT, ev->product));
  canon_string (out, "closed_by", ev->closed_by);
  canon_string (out, "helped_by", ev->helped_by);
  if (_attrib_event_has (ev, ATTRIB_FIELD_SANCTION_KIND))
    canon_string (out, "sanction_kind", _attrib_enum_nick (ATTRIB_TYPE_SANCTION_KIND, ev->sanction_kind));
  if (ev->parties != NULL)
    {
      canon_key (out, "parties");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->parties->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _attrib_json_append_string (out, g_ptr_array_index (ev->parties, i));
        }
      g_string_append_c (out, ']');
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_FINE))
    g_string_append_printf (out, ",\"fine\":%" G_GINT64_FORMAT, ev->fine);
  for (k = 0; k < 2; k++)
    if (ev->shares[k] != NULL)
      {
        canon_key (out, k == ATTRIB_SHARE_KIND_PERFORMANCE ? "performance" : "commission");
        g_string_append_c (out, '{');
        for (i = 0; i < ev->shares[k]->len; i++)
          {
            const AttribEventShare *s = &g_array_index (ev->shares[k], AttribEventShare, i);

            if (i > 0)
              g_string_append_c (out, ',');
            _attrib_json_append_string (out, s->party);
            g_string_append_printf (out, ":\"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\"", s->numerator, s->denominator);
          }
        g_string_append_c (out, '}');
      }
  canon_string (out, "authority", ev->authority);
  canon_string (out, "reason", ev->reason);
  if (_attrib_event_has (ev, ATTRIB_FIELD_ROSTER_DATE))
    g_string_append_printf (out, ",\"date\":%d", ev->roster_date);
  if (ev->members != NULL)
    {
      canon_key (out, "groups");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->members->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _attrib_json_append_string (out, g_array_index (ev->members, AttribEventMember, i).consultant);
        }
      g_string_append_c (out, ']');
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_FILED_AT))
    canon_time (out, "filed_at", ev->filed_at);
  canon_string (out, "note", ev->note);
  g_string_append_c (out, '}');
}
