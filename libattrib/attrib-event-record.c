/* attrib-event-record.c: an event as one line of JSON, and back, for a store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The record of an event is an event object of a scenario file
 * (docs/audit-format.md) on one line: every field the event has, under the
 * key the loader reads it from, in a fixed order, so that equal events
 * give equal bytes. It is read back by the loader itself
 * (attrib-loader.c), in its record mode: the same messages, without a
 * position, and the values the ledger takes from the API that a file may
 * not hold (any int seq or rank, a recognised "when" of "none").
 *
 * Unlike the canonical text (attrib-event-canonical.c), which hashes and
 * may lose what a verdict does not depend on, a record keeps everything
 * an event of a ledger has: reading it back and adding it to a ledger
 * gives that ledger the same event. Where the loader and the ledger
 * keep one form of what the API may give in several, the record is in
 * that form: a roster's consultants group by group, groups in the order
 * first named (a JSON object cannot name a group twice), and a ruling's
 * shares in lowest terms.
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-event-record-private.h"
#include "attrib-fraction-private.h"
#include "attrib-json-private.h"
#include "attrib-loader-private.h"
#include "attrib-util-private.h"

/* The order of the keys: the canonical text's. */
static const AttribField record_order[] = {
  ATTRIB_FIELD_SEQ,
  ATTRIB_FIELD_CUSTOMER,
  ATTRIB_FIELD_COUNTERPART,
  ATTRIB_FIELD_PARTY,
  ATTRIB_FIELD_REPORT_STAGE,
  ATTRIB_FIELD_EXPECTED_VISIT,
  ATTRIB_FIELD_EVIDENCE_AT,
  ATTRIB_FIELD_VIA,
  ATTRIB_FIELD_ACTIVITY,
  ATTRIB_FIELD_AGENTS,
  ATTRIB_FIELD_RECEIVED_BY,
  ATTRIB_FIELD_RECEIVED_WITH,
  ATTRIB_FIELD_SKIPPED,
  ATTRIB_FIELD_DESIGNATED,
  ATTRIB_FIELD_APPOINTMENT,
  ATTRIB_FIELD_TOKEN,
  ATTRIB_FIELD_COMPANIONS,
  ATTRIB_FIELD_REFERRED_BY,
  ATTRIB_FIELD_VISIT_KIND,
  ATTRIB_FIELD_RECOGNISED,
  ATTRIB_FIELD_PURPOSE,
  ATTRIB_FIELD_INTERACTION_KIND,
  ATTRIB_FIELD_BY,
  ATTRIB_FIELD_RELATION_KIND,
  ATTRIB_FIELD_VERIFIED,
  ATTRIB_FIELD_DEAL,
  ATTRIB_FIELD_DEAL_STAGE,
  ATTRIB_FIELD_UNIT,
  ATTRIB_FIELD_PRICE,
  ATTRIB_FIELD_PRODUCT,
  ATTRIB_FIELD_CLOSED_BY,
  ATTRIB_FIELD_HELPED_BY,
  ATTRIB_FIELD_SANCTION_KIND,
  ATTRIB_FIELD_PARTIES,
  ATTRIB_FIELD_FINE,
  ATTRIB_FIELD_PERFORMANCE,
  ATTRIB_FIELD_COMMISSION,
  ATTRIB_FIELD_AUTHORITY,
  ATTRIB_FIELD_REASON,
  ATTRIB_FIELD_ROSTER_DATE,
  ATTRIB_FIELD_GROUPS,
  ATTRIB_FIELD_FILED_AT,
  ATTRIB_FIELD_NOTE,
};

/* every field but id, type and at, once */
G_STATIC_ASSERT (G_N_ELEMENTS (record_order) == ATTRIB_N_FIELDS - 3);

static void
record_key (GString    *out,
            const char *key)
{
  g_string_append_len (out, ",\"", 2);
  g_string_append (out, key);
  g_string_append_len (out, "\":", 2);
}

static void
record_nick (GString *out,
             GType    enum_type,
             int      value)
{
  _attrib_json_append_string (out, _attrib_enum_nick (enum_type, value));
}

/* RFC 3339 in @tz; an instant of the ledger's range (UTC 1900 to 9999)
 * that is in another year locally — the first hours of 1900 west of
 * Greenwich, the last of 9999 east of it — in UTC, which the loader reads
 * as well. */
static void
record_time (GString    *out,
             AttribTime  t,
             GTimeZone  *tz)
{
  g_autofree char *text = attrib_time_format (t, tz);

  if (!g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) || text[4] != '-' ||
      strncmp (text, "1900", 4) < 0)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

      g_free (text);
      text = attrib_time_format (t, utc);
    }
  _attrib_json_append_string (out, text);
}

static void
record_money (GString *out,
              gint64   fen)
{
  g_autofree char *text = attrib_money_format (fen);

  _attrib_json_append_string (out, text);
}

/* a person's members, without the braces; FALSE if there were none */
static gboolean
record_person_members (GString    *out,
                       const char *name,
                       const char *phone)
{
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
  return name != NULL || phone != NULL;
}

static void
record_person (GString    *out,
               const char *name,
               const char *phone)
{
  g_string_append_c (out, '{');
  record_person_members (out, name, phone);
  g_string_append_c (out, '}');
}

static void
record_shares (GString *out,
               GArray  *shares)
{
  guint i;

  g_string_append_c (out, '{');
  for (i = 0; shares != NULL && i < shares->len; i++)
    {
      const AttribEventShare *s = &g_array_index (shares, AttribEventShare, i);
      gint64 num = s->numerator, den = s->denominator;

      /* in lowest terms, as the loader reads it and the ledger keeps it */
      if (!_attrib_fraction_reduce (s->numerator, s->denominator, &num, &den))
        {
          num = s->numerator;
          den = s->denominator;
        }
      if (i > 0)
        g_string_append_c (out, ',');
      _attrib_json_append_string (out, s->party);
      g_string_append_printf (out, ":\"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\"", num, den);
    }
  g_string_append_c (out, '}');
}

/* {group: [consultants]}: groups in the order first named, each group's
 * consultants in turn order, as "group/agent" */
static void
record_groups (GString *out,
               GArray  *members)
{
  guint i, j, n = members != NULL ? members->len : 0;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (i = 0; i < n; i++)
    {
      const char *group = g_array_index (members, AttribEventMember, i).group;
      gboolean first_member = TRUE;

      for (j = 0; j < i && !g_str_equal (g_array_index (members, AttribEventMember, j).group, group); j++)
        ;
      if (j < i)
        continue;   /* written with its first consultant */
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      _attrib_json_append_string (out, group);
      g_string_append (out, ":[");
      for (j = i; j < n; j++)
        {
          const AttribEventMember *m = &g_array_index (members, AttribEventMember, j);

          if (!g_str_equal (m->group, group))
            continue;
          if (!first_member)
            g_string_append_c (out, ',');
          first_member = FALSE;
          _attrib_json_append_string (out, m->consultant);
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

static void
record_value (GString     *out,
              AttribEvent *ev,
              AttribField  field,
              GTimeZone   *tz)
{
  guint i;

  switch (field)
    {
    case ATTRIB_FIELD_SEQ:
      g_string_append_printf (out, "%d", ev->seq);
      break;
    case ATTRIB_FIELD_CUSTOMER:
      record_person (out, ev->customer_name, ev->customer_phone);
      break;
    case ATTRIB_FIELD_COUNTERPART:
      record_person (out, ev->counterpart_name, ev->counterpart_phone);
      break;
    case ATTRIB_FIELD_REFERRED_BY:
      record_person (out, ev->referred_by_name, ev->referred_by_phone);
      break;
    case ATTRIB_FIELD_PARTY:
      _attrib_json_append_string (out, ev->party);
      break;
    case ATTRIB_FIELD_VIA:
      _attrib_json_append_string (out, ev->via);
      break;
    case ATTRIB_FIELD_ACTIVITY:
      _attrib_json_append_string (out, ev->activity);
      break;
    case ATTRIB_FIELD_RECEIVED_BY:
      _attrib_json_append_string (out, ev->received_by);
      break;
    case ATTRIB_FIELD_RECEIVED_WITH:
      _attrib_json_append_string (out, ev->received_with);
      break;
    case ATTRIB_FIELD_DESIGNATED:
      _attrib_json_append_string (out, ev->designated);
      break;
    case ATTRIB_FIELD_APPOINTMENT:
      _attrib_json_append_string (out, ev->appointment);
      break;
    case ATTRIB_FIELD_TOKEN:
      _attrib_json_append_string (out, ev->token);
      break;
    case ATTRIB_FIELD_BY:
      _attrib_json_append_string (out, ev->by);
      break;
    case ATTRIB_FIELD_DEAL:
      _attrib_json_append_string (out, ev->deal);
      break;
    case ATTRIB_FIELD_UNIT:
      _attrib_json_append_string (out, ev->unit);
      break;
    case ATTRIB_FIELD_CLOSED_BY:
      _attrib_json_append_string (out, ev->closed_by);
      break;
    case ATTRIB_FIELD_HELPED_BY:
      _attrib_json_append_string (out, ev->helped_by);
      break;
    case ATTRIB_FIELD_AUTHORITY:
      _attrib_json_append_string (out, ev->authority);
      break;
    case ATTRIB_FIELD_REASON:
      _attrib_json_append_string (out, ev->reason);
      break;
    case ATTRIB_FIELD_NOTE:
      _attrib_json_append_string (out, ev->note);
      break;
    case ATTRIB_FIELD_REPORT_STAGE:
      record_nick (out, ATTRIB_TYPE_REPORT_STAGE, ev->report_stage);
      break;
    case ATTRIB_FIELD_VISIT_KIND:
      record_nick (out, ATTRIB_TYPE_VISIT_KIND, ev->visit_kind);
      break;
    case ATTRIB_FIELD_PURPOSE:
      record_nick (out, ATTRIB_TYPE_VISIT_PURPOSE, ev->purpose);
      break;
    case ATTRIB_FIELD_INTERACTION_KIND:
      record_nick (out, ATTRIB_TYPE_INTERACTION_KIND, ev->interaction_kind);
      break;
    case ATTRIB_FIELD_RELATION_KIND:
      record_nick (out, ATTRIB_TYPE_RELATION_KIND, ev->relation_kind);
      break;
    case ATTRIB_FIELD_DEAL_STAGE:
      record_nick (out, ATTRIB_TYPE_DEAL_STAGE, ev->deal_stage);
      break;
    case ATTRIB_FIELD_PRODUCT:
      record_nick (out, ATTRIB_TYPE_PRODUCT, ev->product);
      break;
    case ATTRIB_FIELD_SANCTION_KIND:
      record_nick (out, ATTRIB_TYPE_SANCTION_KIND, ev->sanction_kind);
      break;
    case ATTRIB_FIELD_EXPECTED_VISIT:
      record_time (out, ev->expected_visit, tz);
      break;
    case ATTRIB_FIELD_EVIDENCE_AT:
      record_time (out, ev->evidence_at, tz);
      break;
    case ATTRIB_FIELD_FILED_AT:
      record_time (out, ev->filed_at, tz);
      break;
    case ATTRIB_FIELD_PRICE:
      record_money (out, ev->price);
      break;
    case ATTRIB_FIELD_FINE:
      record_money (out, ev->fine);
      break;
    case ATTRIB_FIELD_VERIFIED:
      g_string_append (out, ev->verified ? "true" : "false");
      break;
    case ATTRIB_FIELD_AGENTS:
      g_string_append_c (out, '[');
      for (i = 0; ev->agents != NULL && i < ev->agents->len; i++)
        {
          const AttribEventAgent *a = &g_array_index (ev->agents, AttribEventAgent, i);

          g_string_append (out, i > 0 ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, a->party);
          g_string_append_printf (out, ",\"rank\":%d}", a->rank);
        }
      g_string_append_c (out, ']');
      break;
    case ATTRIB_FIELD_SKIPPED:
      g_string_append_c (out, '[');
      for (i = 0; ev->skipped != NULL && i < ev->skipped->len; i++)
        {
          const AttribEventSkip *sk = &g_array_index (ev->skipped, AttribEventSkip, i);

          g_string_append (out, i > 0 ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, sk->party);
          g_string_append (out, ",\"reason\":");
          record_nick (out, ATTRIB_TYPE_SKIP_REASON, sk->reason);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
      break;
    case ATTRIB_FIELD_COMPANIONS:
      g_string_append_c (out, '[');
      for (i = 0; ev->companions != NULL && i < ev->companions->len; i++)
        {
          const AttribEventCompanion *c = &g_array_index (ev->companions, AttribEventCompanion, i);
          gboolean named;

          g_string_append (out, i > 0 ? ",{" : "{");
          named = record_person_members (out, c->name, c->phone);
          g_string_append (out, named ? ",\"relation\":" : "\"relation\":");
          record_nick (out, ATTRIB_TYPE_RELATION_KIND, c->relation);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
      break;
    case ATTRIB_FIELD_RECOGNISED:
      g_string_append (out, "{\"when\":");
      record_nick (out, ATTRIB_TYPE_RECOGNISED, ev->recognised);
      if (ev->recognised_original != NULL)
        {
          g_string_append (out, ",\"original\":");
          _attrib_json_append_string (out, ev->recognised_original);
        }
      g_string_append_c (out, '}');
      break;
    case ATTRIB_FIELD_PARTIES:
      g_string_append_c (out, '[');
      for (i = 0; ev->parties != NULL && i < ev->parties->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _attrib_json_append_string (out, g_ptr_array_index (ev->parties, i));
        }
      g_string_append_c (out, ']');
      break;
    case ATTRIB_FIELD_PERFORMANCE:
      record_shares (out, ev->shares[ATTRIB_SHARE_KIND_PERFORMANCE]);
      break;
    case ATTRIB_FIELD_COMMISSION:
      record_shares (out, ev->shares[ATTRIB_SHARE_KIND_COMMISSION]);
      break;
    case ATTRIB_FIELD_ROSTER_DATE:
      {
        int y;
        unsigned int m, d;

        _attrib_civil_from_days (ev->roster_date, &y, &m, &d);
        g_string_append_printf (out, "\"%04d-%02u-%02u\"", y, m, d);
      }
      break;
    case ATTRIB_FIELD_GROUPS:
      record_groups (out, ev->members);
      break;
    case ATTRIB_FIELD_ID:
    case ATTRIB_FIELD_TYPE:
    case ATTRIB_FIELD_AT:
    case ATTRIB_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

void
_attrib_event_append_record (GString     *out,
                             AttribEvent *event,
                             GTimeZone   *tz)
{
  guint i;

  g_return_if_fail (out != NULL);
  g_return_if_fail (event != NULL);

  g_string_append (out, "{\"id\":");
  _attrib_json_append_string (out, event->id);
  g_string_append (out, ",\"type\":");
  record_nick (out, ATTRIB_TYPE_EVENT_TYPE, event->type);
  g_string_append (out, ",\"at\":");
  record_time (out, event->at, tz);
  for (i = 0; i < G_N_ELEMENTS (record_order); i++)
    if (_attrib_event_has (event, record_order[i]))
      {
        record_key (out, _attrib_field_key (event->type, record_order[i]));
        record_value (out, event, record_order[i], tz);
      }
  g_string_append_c (out, '}');
}

/* The JSON reader's "where:LINE:COLUMN: what" as "where: what": a record
 * is one line, and its errors have no position. */
static void
drop_position (GError     *error,
               const char *where)
{
  gsize n = strlen (where);
  const char *p = error->message;
  guint colons = 0;
  char *message;

  if (strncmp (p, where, n) != 0)
    return;
  p += n;
  while (colons < 2 && *p == ':' && g_ascii_isdigit (p[1]))
    {
      for (p++; g_ascii_isdigit (*p); p++)
        ;
      colons++;
    }
  if (colons != 2 || *p != ':')
    return;
  message = g_strconcat (where, p, NULL);
  g_free (error->message);
  error->message = message;
}

AttribEvent *
_attrib_event_new_from_record (const char  *data,
                               gsize        length,
                               GTimeZone   *tz,
                               const char  *where,
                               GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  Loader loader = { NULL, };
  GError *inner = NULL;
  AttribEvent *ev;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (where == NULL)
    where = "<record>";

  doc = _attrib_json_parse (data, length, where, &inner);
  if (doc == NULL)
    {
      drop_position (inner, where);
      g_propagate_error (error, inner);
      return NULL;
    }

  loader.filename = where;
  loader.tz = tz;
  loader.record = TRUE;
  loader.event_number = 1;
  ev = _attrib_loader_read_event (&loader, _attrib_json_document_get_root (doc), error);
  _attrib_loader_clear (&loader);
  return ev;
}
