/* attrib-loader.c: events from scenario files and JSON Lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads the `events` array of a scenario file (docs/audit-format.md) into
 * AttribEvents and adds them to a ledger. Every error carries the
 * file:line:column of the offending value: shape errors are found here,
 * value errors by the ledger's own validation, whose (field, item) answer
 * is mapped back to the JSON node that set the field. The public loading
 * entry points of AttribLedger (attrib_ledger_load_data, _csv, _file)
 * live here: the loader calls into the ledger, never the other way.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-async-private.h"
#include "attrib-fraction-private.h"
#include "attrib-json-private.h"
#include "attrib-ledger-private.h"
#include "attrib-loader-private.h"
#include "attrib-read-private.h"

/* the messages say so (attrib-limits-private.h) */
G_STATIC_ASSERT (ATTRIB_LIMIT_SEQ == 1000000);
G_STATIC_ASSERT (ATTRIB_LIMIT_INPUT_BYTES == (gsize) 1 << 30);
G_STATIC_ASSERT (ATTRIB_LIMIT_STRING_BYTES == (gsize) 1 << 20);


static gboolean
error_at (Loader               *loader,
          const AttribJsonNode *node,
          const char           *key,
          GError              **error,
          int                   code,
          const char           *format,
          ...) G_GNUC_PRINTF (6, 7);

static void
loader_reset (Loader *loader)
{
  guint i;

  loader->event_id = NULL;
  memset (loader->field_node, 0, sizeof loader->field_node);
  for (i = 0; i < ATTRIB_N_FIELDS; i++)
    if (loader->item_nodes[i] != NULL)
      g_ptr_array_set_size (loader->item_nodes[i], 0);
}

void
_attrib_loader_clear (Loader *loader)
{
  guint i;

  for (i = 0; i < ATTRIB_N_FIELDS; i++)
    g_clear_pointer (&loader->item_nodes[i], g_ptr_array_unref);
}

static void
add_item_node (Loader               *loader,
               AttribField           field,
               const AttribJsonNode *node)
{
  if (loader->item_nodes[field] == NULL)
    loader->item_nodes[field] = g_ptr_array_new ();
  g_ptr_array_add (loader->item_nodes[field], (gpointer) node);
}

static GTimeZone *
loader_tz (Loader *loader)
{
  if (loader->tz != NULL || loader->ledger == NULL)
    return loader->tz;
  return attrib_ledger_get_time_zone (loader->ledger);
}

static gboolean
error_at (Loader               *loader,
          const AttribJsonNode *node,
          const char           *key,
          GError              **error,
          int                   code,
          const char           *format,
          ...)
{
  g_autofree char *message = NULL;
  g_autofree char *who = NULL;
  g_autofree char *id = _attrib_for_display (loader->event_id);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (loader->record)
    {
      /* one record, one event: no position, and no number before the id */
      if (loader->event_id != NULL)
        who = g_strdup_printf (_("event “%s”"), id);
      g_set_error (error, ATTRIB_ERROR, code, "%s: %s%s%s%s%s", loader->filename,
                   who != NULL ? who : "", who != NULL ? _(": ") : "",
                   key != NULL ? key : "", key != NULL ? _(": ") : "", message);
      return FALSE;
    }

  if (loader->event_id != NULL)
    who = g_strdup_printf (_("event “%s”"), id);
  else
    who = g_strdup_printf (_("event #%u"), loader->event_number);

  g_set_error (error, ATTRIB_ERROR, code, _("%s:%u:%u: %s: %s%s%s"),
               loader->filename, node->line, node->column, who,
               key != NULL ? key : "", key != NULL ? _(": ") : "", message);
  return FALSE;
}

static const char *
kind_with_article (AttribJsonKind kind)
{
  switch (kind)
    {
    case ATTRIB_JSON_NULL: return "null";
    case ATTRIB_JSON_BOOLEAN: return _("a boolean");
    case ATTRIB_JSON_NUMBER: return _("a number");
    case ATTRIB_JSON_STRING: return _("a string");
    case ATTRIB_JSON_ARRAY: return _("an array");
    case ATTRIB_JSON_OBJECT: return _("an object");
    default: g_assert_not_reached ();
    }
}

static gboolean
expect_kind (Loader               *loader,
             const AttribJsonNode *node,
             const char           *key,
             AttribJsonKind        kind,
             GError              **error)
{
  if (node->kind == kind)
    return TRUE;
  if (kind == ATTRIB_JSON_STRING && node->kind == ATTRIB_JSON_NUMBER)
    {
      g_autofree char *shown = _attrib_for_display (node->number);

      return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_FILE,
                       _("expected a string, found the number %s (write amounts as strings, e.g. \"3250000.00\")"),
                       shown);
    }
  return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_FILE,
                   _("expected %s, found %s"), kind_with_article (kind), kind_with_article (node->kind));
}

/* Reports a parser's error (time, money, share) at @node. */
static gboolean
fail_inner (Loader               *loader,
            const AttribJsonNode *node,
            const char           *key,
            GError              **error,
            GError               *inner)
{
  error_at (loader, node, key, error, inner->code, "%s", inner->message);
  g_error_free (inner);
  return FALSE;
}

static gboolean
get_string (Loader               *loader,
            const AttribJsonNode *node,
            const char           *key,
            const char          **out,
            GError              **error)
{
  if (!expect_kind (loader, node, key, ATTRIB_JSON_STRING, error))
    return FALSE;
  *out = node->string.str;
  return TRUE;
}

static gboolean
get_time (Loader               *loader,
          const AttribJsonNode *node,
          const char           *key,
          AttribTime           *out,
          GError              **error)
{
  GError *inner = NULL;
  const char *text;

  if (!get_string (loader, node, key, &text, error))
    return FALSE;
  if (!attrib_time_parse (text, loader_tz (loader), out, &inner))
    return fail_inner (loader, node, key, error, inner);
  return TRUE;
}

static gboolean
get_money (Loader               *loader,
           const AttribJsonNode *node,
           const char           *key,
           gint64               *out,
           GError              **error)
{
  GError *inner = NULL;
  const char *text;

  if (!get_string (loader, node, key, &text, error))
    return FALSE;
  if (!attrib_money_parse (text, out, &inner))
    return fail_inner (loader, node, key, error, inner);
  return TRUE;
}

static gboolean
get_enum (Loader               *loader,
          const AttribJsonNode *node,
          const char           *key,
          GType                 type,
          int                  *out,
          GError              **error)
{
  const char *text;

  if (!get_string (loader, node, key, &text, error))
    return FALSE;
  if (!_attrib_enum_parse (type, text, out))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      g_autoptr(GString) allowed = g_string_new (NULL);
      g_autofree char *shown = _attrib_for_display (text);
      guint i;

      for (i = 0; i < klass->n_values; i++)
        {
          /* "none" is the absence of a value, not something to write */
          if (g_str_equal (klass->values[i].value_nick, "none"))
            continue;
          g_string_append_printf (allowed, "%s“%s”", allowed->len > 0 ? ", " : "",
                                  klass->values[i].value_nick);
        }
      return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_EVENT,
                       _("“%s” is not one of %s"), shown, allowed->str);
    }
  return TRUE;
}

/* A person object: {"name": …, "phone": …} (+ "relation" for companions). */
static gboolean
get_person (Loader               *loader,
            const AttribJsonNode *node,
            const char           *key,
            gboolean              with_relation,
            const char          **out_name,
            const char          **out_phone,
            AttribRelationKind   *out_relation,
            GError              **error)
{
  guint i;

  *out_name = NULL;
  *out_phone = NULL;
  if (out_relation != NULL)
    *out_relation = ATTRIB_RELATION_KIND_NONE;

  if (!expect_kind (loader, node, key, ATTRIB_JSON_OBJECT, error))
    return FALSE;
  for (i = 0; i < node->object.n_members; i++)
    {
      const AttribJsonMember *m = &node->object.members[i];

      if (g_str_equal (m->key, "name"))
        {
          if (!get_string (loader, m->value, key, out_name, error))
            return FALSE;
        }
      else if (g_str_equal (m->key, "phone"))
        {
          if (m->value->kind == ATTRIB_JSON_NUMBER)
            {
              /* a phone written as a number (spreadsheets do) is still a
               * phone: shown masked */
              g_autofree char *shown = _attrib_for_display (m->value->number);

              return error_at (loader, m->value, key, error, ATTRIB_ERROR_INVALID_FILE,
                               _("expected a string, found the number %s (write phones as strings, e.g. \"13800138000\")"),
                               shown);
            }
          if (!get_string (loader, m->value, key, out_phone, error))
            return FALSE;
        }
      else if (with_relation && g_str_equal (m->key, "relation"))
        {
          int kind;

          if (!get_enum (loader, m->value, key, ATTRIB_TYPE_RELATION_KIND, &kind, error))
            return FALSE;
          *out_relation = kind;
        }
      else if (g_str_equal (m->key, "note"))
        {
          const char *ignored;

          if (!get_string (loader, m->value, key, &ignored, error))
            return FALSE;
        }
      else
        {
          AttribJsonNode at = { 0, };
          g_autofree char *shown = _attrib_for_display (m->key);

          at.line = m->line;
          at.column = m->column;
          return error_at (loader, &at, key, error, ATTRIB_ERROR_INVALID_FILE,
                           _("unknown key “%s” in a person (expected “name” and “phone”%s)"),
                           shown, with_relation ? _(", “relation”") : "");
        }
    }
  if (*out_name == NULL && *out_phone == NULL)
    return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_EVENT,
                     _("a person needs a name or a phone"));
  return TRUE;
}

static gboolean
get_int (Loader               *loader,
         const AttribJsonNode *node,
         const char           *key,
         int                  *out,
         GError              **error)
{
  gint64 v;

  if (!expect_kind (loader, node, key, ATTRIB_JSON_NUMBER, error))
    return FALSE;
  if (node->number[0] == '\0')
    return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_FILE,
                     _("expected an integer between -1000000 and 1000000, found nothing"));
  if (!_attrib_json_number_get_int64 (node, &v) ||
      (loader->record ? v < G_MININT || v > G_MAXINT : v < -ATTRIB_LIMIT_SEQ || v > ATTRIB_LIMIT_SEQ))
    {
      g_autofree char *shown = _attrib_for_display (node->number);

      return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_FILE,
                       _("expected an integer between -1000000 and 1000000, found %s"), shown);
    }
  *out = (int) v;
  return TRUE;
}

static gboolean
load_shares (Loader               *loader,
             AttribEvent          *ev,
             const AttribJsonNode *node,
             const char           *key,
             AttribShareKind       kind,
             GError              **error)
{
  AttribField field = kind == ATTRIB_SHARE_KIND_PERFORMANCE ? ATTRIB_FIELD_PERFORMANCE : ATTRIB_FIELD_COMMISSION;
  guint i;

  if (!expect_kind (loader, node, key, ATTRIB_JSON_OBJECT, error))
    return FALSE;
  if (node->object.n_members == 0)
    return error_at (loader, node, key, error, ATTRIB_ERROR_INVALID_EVENT, _("no shares given"));
  loader->field_node[field] = node;
  for (i = 0; i < node->object.n_members; i++)
    {
      const AttribJsonMember *m = &node->object.members[i];
      GError *inner = NULL;
      const char *text;
      gint64 num, den;

      if (!get_string (loader, m->value, key, &text, error))
        return FALSE;
      if (!_attrib_fraction_parse (text, &num, &den, &inner))
        return fail_inner (loader, m->value, key, error, inner);
      attrib_event_add_share (ev, kind, m->key, num, den);
      add_item_node (loader, field, m->value);
    }
  return TRUE;
}

static gboolean
load_member (Loader                 *loader,
             AttribEvent            *ev,
             const AttribJsonMember *m,
             GError                **error)
{
  const AttribJsonNode *v = m->value;
  const char *key = m->key;
  AttribEventType type = attrib_event_get_event_type (ev);
  const char *s = NULL, *s2 = NULL;
  AttribRelationKind relation;
  AttribTime t;
  gint64 money;
  int e;
  guint i;

#define SET_NODE(f) loader->field_node[ATTRIB_FIELD_##f] = v

  if (g_str_equal (key, "id") || g_str_equal (key, "type") || g_str_equal (key, "at"))
    return TRUE;   /* read first, by _attrib_loader_load_event */

  if (g_str_equal (key, "note"))
    {
      if (!get_string (loader, v, key, &s, error))
        return FALSE;
      attrib_event_set_note (ev, s);
      SET_NODE (NOTE);
    }
  else if (g_str_equal (key, "seq"))
    {
      if (!get_int (loader, v, key, &e, error))
        return FALSE;
      attrib_event_set_seq (ev, e);
      SET_NODE (SEQ);
    }
  else if ((g_str_equal (key, "customer") && type != ATTRIB_EVENT_TYPE_DEAL &&
            type != ATTRIB_EVENT_TYPE_RELATION && type != ATTRIB_EVENT_TYPE_IDENTITY) ||
           (g_str_equal (key, "purchaser") && type == ATTRIB_EVENT_TYPE_DEAL) ||
           (g_str_equal (key, "a") && (type == ATTRIB_EVENT_TYPE_RELATION || type == ATTRIB_EVENT_TYPE_IDENTITY)))
    {
      if (!get_person (loader, v, key, FALSE, &s, &s2, NULL, error))
        return FALSE;
      attrib_event_set_customer (ev, s, s2);
      SET_NODE (CUSTOMER);
    }
  else if (g_str_equal (key, "b"))
    {
      if (!get_person (loader, v, key, FALSE, &s, &s2, NULL, error))
        return FALSE;
      attrib_event_set_counterpart (ev, s, s2);
      SET_NODE (COUNTERPART);
    }
  else if (g_str_equal (key, "referred_by"))
    {
      if (!get_person (loader, v, key, FALSE, &s, &s2, NULL, error))
        return FALSE;
      attrib_event_set_referred_by (ev, s, s2);
      SET_NODE (REFERRED_BY);
    }
  else if ((g_str_equal (key, "party") && type != ATTRIB_EVENT_TYPE_COMPLAINT) ||
           (g_str_equal (key, "against") && type == ATTRIB_EVENT_TYPE_COMPLAINT))
    {
      if (!get_string (loader, v, key, &s, error))
        return FALSE;
      attrib_event_set_party (ev, s);
      SET_NODE (PARTY);
    }
  else if (g_str_equal (key, "stage") && type == ATTRIB_EVENT_TYPE_DEAL)
    {
      if (!get_enum (loader, v, key, ATTRIB_TYPE_DEAL_STAGE, &e, error))
        return FALSE;
      attrib_event_set_deal_stage (ev, e);
      SET_NODE (DEAL_STAGE);
    }
  else if (g_str_equal (key, "stage"))
    {
      if (!get_enum (loader, v, key, ATTRIB_TYPE_REPORT_STAGE, &e, error))
        return FALSE;
      attrib_event_set_report_stage (ev, e);
      SET_NODE (REPORT_STAGE);
    }
  else if (g_str_equal (key, "expected_visit"))
    {
      if (!get_time (loader, v, key, &t, error))
        return FALSE;
      attrib_event_set_expected_visit (ev, t);
      SET_NODE (EXPECTED_VISIT);
    }
  else if (g_str_equal (key, "evidence_at"))
    {
      if (!get_time (loader, v, key, &t, error))
        return FALSE;
      attrib_event_set_evidence_at (ev, t);
      SET_NODE (EVIDENCE_AT);
    }
  else if (g_str_equal (key, "filed_at"))
    {
      if (!get_time (loader, v, key, &t, error))
        return FALSE;
      attrib_event_set_filed_at (ev, t);
      SET_NODE (FILED_AT);
    }
  else if (g_str_equal (key, "via") || g_str_equal (key, "activity") || g_str_equal (key, "by") ||
           g_str_equal (key, "unit") || g_str_equal (key, "authority") || g_str_equal (key, "reason") ||
           g_str_equal (key, "deal") || g_str_equal (key, "received_by") || g_str_equal (key, "received_with") ||
           g_str_equal (key, "designated") ||
           g_str_equal (key, "appointment") || g_str_equal (key, "token") || g_str_equal (key, "closed_by") ||
           g_str_equal (key, "helped_by"))
    {
      static const struct {
        const char *key;
        void (*set) (AttribEvent *, const char *);
        AttribField field;
      } setters[] = {
        { "via", attrib_event_set_via, ATTRIB_FIELD_VIA },
        { "activity", attrib_event_set_activity, ATTRIB_FIELD_ACTIVITY },
        { "by", attrib_event_set_by, ATTRIB_FIELD_BY },
        { "unit", attrib_event_set_unit, ATTRIB_FIELD_UNIT },
        { "authority", attrib_event_set_authority, ATTRIB_FIELD_AUTHORITY },
        { "reason", attrib_event_set_reason, ATTRIB_FIELD_REASON },
        { "deal", attrib_event_set_deal, ATTRIB_FIELD_DEAL },
        { "received_by", attrib_event_set_received_by, ATTRIB_FIELD_RECEIVED_BY },
        { "received_with", attrib_event_set_received_with, ATTRIB_FIELD_RECEIVED_WITH },
        { "designated", attrib_event_set_designated, ATTRIB_FIELD_DESIGNATED },
        { "appointment", attrib_event_set_appointment, ATTRIB_FIELD_APPOINTMENT },
        { "token", attrib_event_set_token, ATTRIB_FIELD_TOKEN },
        { "closed_by", attrib_event_set_closed_by, ATTRIB_FIELD_CLOSED_BY },
        { "helped_by", attrib_event_set_helped_by, ATTRIB_FIELD_HELPED_BY },
      };

      if (!get_string (loader, v, key, &s, error))
        return FALSE;
      for (i = 0; i < G_N_ELEMENTS (setters); i++)
        if (g_str_equal (key, setters[i].key))
          {
            setters[i].set (ev, s);
            loader->field_node[setters[i].field] = v;
          }
    }
  else if (g_str_equal (key, "agents"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_ARRAY, error))
        return FALSE;
      SET_NODE (AGENTS);
      /* an empty list is still the key given: it must be a key the type takes */
      ev->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_AGENTS);
      for (i = 0; i < v->array.n_items; i++)
        {
          const AttribJsonNode *item = v->array.items[i];
          int rank = (int) i;
          guint k;

          s = NULL;
          if (!expect_kind (loader, item, key, ATTRIB_JSON_OBJECT, error))
            return FALSE;
          for (k = 0; k < item->object.n_members; k++)
            {
              const AttribJsonMember *am = &item->object.members[k];

              if (g_str_equal (am->key, "party"))
                {
                  if (!get_string (loader, am->value, key, &s, error))
                    return FALSE;
                }
              else if (g_str_equal (am->key, "rank"))
                {
                  if (!get_int (loader, am->value, key, &rank, error) )
                    return FALSE;
                  if (rank < 0)
                    return error_at (loader, am->value, key, error, ATTRIB_ERROR_INVALID_EVENT,
                                     _("a rank must not be negative"));
                }
              else
                {
                  AttribJsonNode at = { 0, };
                  g_autofree char *shown = _attrib_for_display (am->key);

                  at.line = am->line;
                  at.column = am->column;
                  return error_at (loader, &at, key, error, ATTRIB_ERROR_INVALID_FILE,
                                   _("unknown key “%s” in an agent (expected “party” and “rank”)"), shown);
                }
            }
          if (s == NULL)
            return error_at (loader, item, key, error, ATTRIB_ERROR_INVALID_EVENT,
                             _("an agent needs a “party”"));
          attrib_event_add_agent (ev, s, rank);
          add_item_node (loader, ATTRIB_FIELD_AGENTS, item);
        }
    }
  else if (g_str_equal (key, "skipped"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_ARRAY, error))
        return FALSE;
      SET_NODE (SKIPPED);
      ev->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_SKIPPED);
      for (i = 0; i < v->array.n_items; i++)
        {
          const AttribJsonNode *item = v->array.items[i];
          const AttribJsonNode *party = NULL, *reason = NULL;
          int why = ATTRIB_SKIP_REASON_ABSENT;
          guint k;

          if (!expect_kind (loader, item, key, ATTRIB_JSON_OBJECT, error))
            return FALSE;
          for (k = 0; k < item->object.n_members; k++)
            {
              const AttribJsonMember *sm = &item->object.members[k];

              if (g_str_equal (sm->key, "party"))
                party = sm->value;
              else if (g_str_equal (sm->key, "reason"))
                reason = sm->value;
              else
                {
                  g_autofree char *shown = _attrib_for_display (sm->key);

                  return error_at (loader, sm->value, key, error, ATTRIB_ERROR_INVALID_FILE,
                                   _("unknown key “%s” in a skipped turn (expected “party” and “reason”)"), shown);
                }
            }
          if (party == NULL)
            return error_at (loader, item, key, error, ATTRIB_ERROR_INVALID_EVENT,
                             _("a skipped turn needs a “party”"));
          if (!get_string (loader, party, key, &s, error))
            return FALSE;
          if (reason != NULL && !get_enum (loader, reason, key, ATTRIB_TYPE_SKIP_REASON, &why, error))
            return FALSE;
          attrib_event_add_skipped (ev, s, why);
          add_item_node (loader, ATTRIB_FIELD_SKIPPED, item);
        }
    }
  else if (g_str_equal (key, "companions"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_ARRAY, error))
        return FALSE;
      SET_NODE (COMPANIONS);
      /* an empty list is still the key given: it must be a key the type takes */
      ev->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_COMPANIONS);
      for (i = 0; i < v->array.n_items; i++)
        {
          if (!get_person (loader, v->array.items[i], key, TRUE, &s, &s2, &relation, error))
            return FALSE;
          attrib_event_add_companion (ev, s, s2, relation);
          add_item_node (loader, ATTRIB_FIELD_COMPANIONS, v->array.items[i]);
        }
    }
  else if (g_str_equal (key, "kind"))
    {
      /* the kind of a visit, interaction, relation or sanction */
      if (type == ATTRIB_EVENT_TYPE_VISIT)
        {
          if (!get_enum (loader, v, key, ATTRIB_TYPE_VISIT_KIND, &e, error))
            return FALSE;
          attrib_event_set_visit_kind (ev, e);
          SET_NODE (VISIT_KIND);
        }
      else if (type == ATTRIB_EVENT_TYPE_INTERACTION)
        {
          if (!get_enum (loader, v, key, ATTRIB_TYPE_INTERACTION_KIND, &e, error))
            return FALSE;
          attrib_event_set_interaction_kind (ev, e);
          SET_NODE (INTERACTION_KIND);
        }
      else if (type == ATTRIB_EVENT_TYPE_RELATION)
        {
          if (!get_enum (loader, v, key, ATTRIB_TYPE_RELATION_KIND, &e, error))
            return FALSE;
          if (e == ATTRIB_RELATION_KIND_NONE)
            return error_at (loader, v, key, error, ATTRIB_ERROR_INVALID_EVENT,
                             _("a relation needs a kind other than “none”"));
          attrib_event_set_relation_kind (ev, e);
          SET_NODE (RELATION_KIND);
        }
      else if (type == ATTRIB_EVENT_TYPE_SANCTION)
        {
          if (!get_enum (loader, v, key, ATTRIB_TYPE_SANCTION_KIND, &e, error))
            return FALSE;
          attrib_event_set_sanction_kind (ev, e);
          SET_NODE (SANCTION_KIND);
        }
      else
        goto unknown;
    }
  else if (g_str_equal (key, "recognised"))
    {
      const AttribJsonNode *when = NULL, *original = NULL;

      if (!expect_kind (loader, v, key, ATTRIB_JSON_OBJECT, error))
        return FALSE;
      for (i = 0; i < v->object.n_members; i++)
        {
          if (g_str_equal (v->object.members[i].key, "when"))
            when = v->object.members[i].value;
          else if (g_str_equal (v->object.members[i].key, "original"))
            original = v->object.members[i].value;
          else
            {
              g_autofree char *shown = _attrib_for_display (v->object.members[i].key);

              return error_at (loader, v->object.members[i].value, key, error, ATTRIB_ERROR_INVALID_FILE,
                               _("unknown key “%s” (expected “when” and “original”)"), shown);
            }
        }
      if (when == NULL)
        return error_at (loader, v, key, error, ATTRIB_ERROR_INVALID_EVENT, _("“when” is missing"));
      if (!get_enum (loader, when, key, ATTRIB_TYPE_RECOGNISED, &e, error))
        return FALSE;
      if (e == ATTRIB_RECOGNISED_NONE && !loader->record)
        return error_at (loader, when, key, error, ATTRIB_ERROR_INVALID_EVENT,
                         _("“when” is “during” or “after”"));
      if (original != NULL && !get_string (loader, original, key, &s, error))
        return FALSE;
      attrib_event_set_recognised (ev, e, original != NULL ? s : NULL);
      SET_NODE (RECOGNISED);
    }
  else if (g_str_equal (key, "purpose"))
    {
      if (!get_enum (loader, v, key, ATTRIB_TYPE_VISIT_PURPOSE, &e, error))
        return FALSE;
      attrib_event_set_purpose (ev, e);
      SET_NODE (PURPOSE);
    }
  else if (g_str_equal (key, "verified"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_BOOLEAN, error))
        return FALSE;
      attrib_event_set_verified (ev, v->boolean);
      SET_NODE (VERIFIED);
    }
  else if (g_str_equal (key, "price") || g_str_equal (key, "fine"))
    {
      if (!get_money (loader, v, key, &money, error))
        return FALSE;
      if (key[0] == 'p')
        {
          attrib_event_set_price (ev, money);
          SET_NODE (PRICE);
        }
      else
        {
          attrib_event_set_fine (ev, money);
          SET_NODE (FINE);
        }
    }
  else if (g_str_equal (key, "product"))
    {
      if (!get_enum (loader, v, key, ATTRIB_TYPE_PRODUCT, &e, error))
        return FALSE;
      attrib_event_set_product (ev, e);
      SET_NODE (PRODUCT);
    }
  else if (g_str_equal (key, "parties"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_ARRAY, error))
        return FALSE;
      SET_NODE (PARTIES);
      /* an empty list is still the key given: it must be a key the type takes */
      ev->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_PARTIES);
      for (i = 0; i < v->array.n_items; i++)
        {
          if (!get_string (loader, v->array.items[i], key, &s, error))
            return FALSE;
          attrib_event_add_sanctioned_party (ev, s);
          add_item_node (loader, ATTRIB_FIELD_PARTIES, v->array.items[i]);
        }
    }
  else if (g_str_equal (key, "shares"))
    {
      if (!load_shares (loader, ev, v, key, ATTRIB_SHARE_KIND_PERFORMANCE, error) ||
          !load_shares (loader, ev, v, key, ATTRIB_SHARE_KIND_COMMISSION, error))
        return FALSE;
    }
  else if (g_str_equal (key, "performance"))
    {
      if (!load_shares (loader, ev, v, key, ATTRIB_SHARE_KIND_PERFORMANCE, error))
        return FALSE;
    }
  else if (g_str_equal (key, "commission"))
    {
      if (!load_shares (loader, ev, v, key, ATTRIB_SHARE_KIND_COMMISSION, error))
        return FALSE;
    }
  else if (g_str_equal (key, "date"))
    {
      if (!get_string (loader, v, key, &s, error))
        return FALSE;
      if (strlen (s) != 10 || !attrib_time_parse (s, loader_tz (loader), &t, NULL))
        {
          g_autofree char *shown = _attrib_for_display (s);

          return error_at (loader, v, key, error, ATTRIB_ERROR_INVALID_TIME,
                           _("“%s” is not a date (YYYY-MM-DD)"), shown);
        }
      attrib_event_set_roster_date (ev, attrib_time_get_local_day (t, loader_tz (loader)));
      SET_NODE (ROSTER_DATE);
    }
  else if (g_str_equal (key, "groups"))
    {
      if (!expect_kind (loader, v, key, ATTRIB_JSON_OBJECT, error))
        return FALSE;
      SET_NODE (GROUPS);
      if (v->object.n_members == 0)
        return error_at (loader, v, key, error, ATTRIB_ERROR_INVALID_EVENT, _("no groups given"));
      for (i = 0; i < v->object.n_members; i++)
        {
          const AttribJsonMember *g = &v->object.members[i];
          guint k;

          if (!expect_kind (loader, g->value, key, ATTRIB_JSON_ARRAY, error))
            return FALSE;
          if (g->value->array.n_items == 0)
            {
              g_autofree char *shown = _attrib_for_display (g->key);

              return error_at (loader, g->value, key, error, ATTRIB_ERROR_INVALID_EVENT,
                               _("group “%s” has no consultants"), shown);
            }
          for (k = 0; k < g->value->array.n_items; k++)
            {
              if (!get_string (loader, g->value->array.items[k], key, &s, error))
                return FALSE;
              attrib_event_add_roster_member (ev, g->key, s);
              add_item_node (loader, ATTRIB_FIELD_GROUPS, g->value->array.items[k]);
            }
        }
    }
  else
    goto unknown;

  return TRUE;

unknown:
  {
    AttribJsonNode at = { 0, };
    g_autofree char *shown = _attrib_for_display (key);

    at.line = m->line;
    at.column = m->column;
    return error_at (loader, &at, NULL, error, ATTRIB_ERROR_INVALID_FILE,
                     _("unknown key “%s” in a “%s” event"), shown,
                     _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, type));
  }
#undef SET_NODE
}

/* Builds the event of @node, every member read and checked for shape, and
 * records in @loader the node that set each field; the ledger's checks of
 * the values are left to whoever adds it. Returns a new event, or %NULL
 * with @error set. */
AttribEvent *
_attrib_loader_read_event (Loader                *loader,
                           const AttribJsonNode  *node,
                           GError               **error)
{
  g_autoptr(AttribEvent) ev = NULL;
  const AttribJsonNode *id_node, *type_node, *at_node;
  const char *id;
  AttribTime at;
  int type;
  guint i;

  loader_reset (loader);
  if (!expect_kind (loader, node, NULL, ATTRIB_JSON_OBJECT, error))
    return NULL;

  id_node = _attrib_json_object_get (node, "id");
  if (id_node == NULL)
    {
      error_at (loader, node, "id", error, ATTRIB_ERROR_INVALID_EVENT, _("missing; every event needs an id"));
      return NULL;
    }
  if (!get_string (loader, id_node, "id", &id, error))
    return NULL;
  loader->event_id = id;

  type_node = _attrib_json_object_get (node, "type");
  if (type_node == NULL)
    {
      error_at (loader, node, "type", error, ATTRIB_ERROR_INVALID_EVENT, _("missing; every event needs a type"));
      return NULL;
    }
  if (!get_enum (loader, type_node, "type", ATTRIB_TYPE_EVENT_TYPE, &type, error))
    return NULL;

  at_node = _attrib_json_object_get (node, "at");
  if (at_node == NULL)
    {
      error_at (loader, node, "at", error, ATTRIB_ERROR_INVALID_EVENT, _("missing; every event needs a time"));
      return NULL;
    }
  if (!get_time (loader, at_node, "at", &at, error))
    return NULL;

  ev = attrib_event_new (type, id, at);
  loader->field_node[ATTRIB_FIELD_ID] = id_node;
  loader->field_node[ATTRIB_FIELD_TYPE] = type_node;
  loader->field_node[ATTRIB_FIELD_AT] = at_node;

  for (i = 0; i < node->object.n_members; i++)
    if (!load_member (loader, ev, &node->object.members[i], error))
      return NULL;

  return g_steal_pointer (&ev);
}

gboolean
_attrib_loader_load_event (Loader                *loader,
                           const AttribJsonNode  *node,
                           AttribTime             until,
                           GError               **error)
{
  g_autoptr(AttribEvent) ev = NULL;
  GError *inner = NULL;
  AttribField field = ATTRIB_FIELD_ID;
  guint item = 0;

  ev = _attrib_loader_read_event (loader, node, error);
  if (ev == NULL)
    return FALSE;

  if (attrib_event_get_at (ev) > until)
    return TRUE;   /* after the scenario's `now`: read, then left out */
  if (!_attrib_ledger_add_event_full (loader->ledger, ev, &field, &item, &inner))
    {
      const AttribJsonNode *where = loader->field_node[field];

      if (loader->item_nodes[field] != NULL && item < loader->item_nodes[field]->len)
        where = g_ptr_array_index (loader->item_nodes[field], item);
      if (where == NULL)
        where = node;   /* a missing field: point at the event */
      g_set_error (error, inner->domain, inner->code, "%s:%u:%u: %s",
                   loader->filename, where->line, where->column, inner->message);
      g_error_free (inner);
      return FALSE;
    }
  return TRUE;
}

/* The end of the line starting at @p: the first LF or CR, or @end. A
 * line ends in LF, CR LF or a lone CR, as the JSON and CSV readers count
 * lines. */
static const char *
line_end (const char *p,
          const char *end)
{
  while (p < end && *p != '\n' && *p != '\r')
    p++;
  return p;
}

/* Past the line end at @eol (none at @end). */
static const char *
next_line (const char *eol,
           const char *end)
{
  if (eol >= end)
    return end;
  if (*eol == '\r' && eol + 1 < end && eol[1] == '\n')
    return eol + 2;
  return eol + 1;
}

/* Whether the text from @p to @end stops inside a JSON string. */
static gboolean
ends_in_string (const char *p,
                const char *end)
{
  gboolean in_string = FALSE;

  for (; p < end; p++)
    {
      if (!in_string)
        in_string = *p == '"';
      else if (*p == '\\' && p + 1 < end)
        p++;
      else if (*p == '"')
        in_string = FALSE;
    }
  return in_string;
}

static gboolean
blank (const char *p,
       const char *end)
{
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* The longest first line looks_like_json_lines() reads: room for an
 * event with a long note and long lists. A longer first line is read as
 * one JSON value; a file of such events is told by its name (.jsonl or
 * .ndjson), which is not probed. */
#define PROBE_LINE_BYTES (4 * ATTRIB_LIMIT_STRING_BYTES)

/* Whether JSON text given without a name to go by is JSON Lines: its first
 * line that is not blank is, alone, a whole JSON object that is not a
 * scenario (no “events”), and either more follows or it is an event (it
 * has a “type”). Any other text is read as one JSON value, as before JSON
 * Lines were read: no text that reads as JSON is read otherwise, since one
 * JSON object followed by more is no JSON text, and one object that is not
 * a scenario holds no events. */
static gboolean
looks_like_json_lines (const char *data,
                       gsize       length)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  const char *p = data, *end = data + length, *eol;
  const AttribJsonNode *root;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  if (p >= end || *p != '{')
    return FALSE;
  eol = line_end (p, end);
  /* an event's line is short; a longer first line is a scenario written
   * on one line (parsed once, not once here and again as the scenario) */
  if ((gsize) (eol - p) > PROBE_LINE_BYTES)
    return FALSE;
  doc = _attrib_json_parse_at (p, eol - p, NULL, 2, NULL);
  if (doc == NULL)
    return FALSE;
  root = _attrib_json_document_get_root (doc);
  if (root->kind != ATTRIB_JSON_OBJECT || _attrib_json_object_get (root, "events") != NULL)
    return FALSE;
  for (p = eol; p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'); p++)
    ;
  return p < end || _attrib_json_object_get (root, "type") != NULL;
}

/* JSON Lines: one event object per line, blank lines skipped; all or
 * nothing. Each line is read and added on its own, so memory is that of
 * the ledger and of the longest line. */
gboolean
_attrib_loader_load_json_lines (AttribLedger     *self,
                                const char       *data,
                                gsize             length,
                                const char       *filename,
                                AttribLoadWatch  *watch,
                                GError          **error)
{
  Loader loader = { NULL, };
  AttribLedgerMark mark;
  const char *p = data, *end = data + length;
  gboolean ok = TRUE;
  guint line = 1, number = 0;

  if (filename == NULL)
    filename = "<data>";
  if (length > ATTRIB_LIMIT_INPUT_BYTES)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                   _("%s: the input is %zu bytes, more than the limit of 1 GiB"), filename, length);
      return FALSE;
    }

  loader.ledger = self;
  loader.filename = filename;
  _attrib_ledger_mark (self, &mark);
  while (ok && p < end)
    {
      const char *eol = line_end (p, end);

      if (!_attrib_load_watch_step (watch, p, error))
        {
          ok = FALSE;
          break;
        }
      /* the byte order mark is the JSON reader's to skip, on line 1 */
      if (!(line == 1 && eol - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0 ? blank (p + 3, eol) : blank (p, eol)))
        {
          GError *inner = NULL;
          g_autoptr(AttribJsonDocument) doc = _attrib_json_parse_at (p, eol - p, filename, line, &inner);

          if (doc == NULL)
            {
              /* a line that ends inside a string is read again with its
               * line break, so that a raw one (an export that did not
               * escape a note's) is reported as what it is, not as a
               * string left open at its quote: only on this error path */
              if (eol < end && ends_in_string (p, eol))
                {
                  g_clear_error (&inner);
                  doc = _attrib_json_parse_at (p, next_line (eol, end) - p, filename, line, &inner);
                  g_assert (doc == NULL);
                }
              g_propagate_error (error, inner);
              ok = FALSE;
            }
          else
            {
              loader.event_number = ++number;
              ok = _attrib_loader_load_event (&loader, _attrib_json_document_get_root (doc), ATTRIB_TIME_MAX, error);
            }
        }
      p = next_line (eol, end);
      line++;
    }
  if (ok && number == 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                   _("%s: no event: a JSON Lines file holds one event object per line"), filename);
      ok = FALSE;
    }
  if (!ok)
    _attrib_ledger_rollback (self, &mark);
  _attrib_loader_clear (&loader);
  return ok;
}

void
_attrib_load_watch_init (AttribLoadWatch *watch,
                         const char      *data,
                         gsize            length,
                         GCancellable    *cancellable,
                         AttribProgress  *progress)
{
  memset (watch, 0, sizeof *watch);
  watch->cancellable = cancellable;
  watch->progress = progress;
  watch->data = watch->at = data;
  watch->length = length;
  watch->line = 1;
}

gboolean
_attrib_load_watch_step (AttribLoadWatch  *watch,
                         const char       *position,
                         GError          **error)
{
  if (watch == NULL)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (watch->cancellable, error))
    return FALSE;
  if (watch->steps++ % ATTRIB_PROGRESS_EVERY == 0)
    _attrib_progress_report (watch->progress, (guint64) (position - watch->data), watch->length);
  return TRUE;
}

gboolean
_attrib_load_watch_line (AttribLoadWatch  *watch,
                         guint             line,
                         GError          **error)
{
  const char *end;

  if (watch == NULL)
    return TRUE;
  /* events come in file order: the cursor only moves on, over the whole
   * file once. Lines end as the JSON reader ends them: LF, CR LF or a lone
   * CR (a file of CRs only must not be scanned to its end per event). */
  end = watch->data + watch->length;
  while (watch->line < line && watch->at < end)
    {
      const char *p = watch->at;

      while (p < end && *p != '\n' && *p != '\r')
        p++;
      if (p >= end)
        {
          watch->at = end;
          break;
        }
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      watch->at = p + 1;
      watch->line++;
    }
  return _attrib_load_watch_step (watch, watch->at, error);
}

/* Adds the events of a JSON array, all or nothing; events after @until
 * are left out (a scenario's `now`). */
static gboolean
load_events (AttribLedger          *self,
             const AttribJsonNode  *events,
             const char            *filename,
             AttribTime             until,
             AttribLoadWatch       *watch,
             GError               **error)
{
  Loader loader = { NULL, };
  AttribLedgerMark mark;
  gboolean ok = TRUE;
  guint i;

  loader.ledger = self;
  loader.filename = filename;
  _attrib_ledger_mark (self, &mark);
  for (i = 0; ok && i < events->array.n_items; i++)
    {
      loader.event_number = i + 1;
      ok = _attrib_load_watch_line (watch, events->array.items[i]->line, error) &&
           _attrib_loader_load_event (&loader, events->array.items[i], until, error);
    }
  if (!ok)
    _attrib_ledger_rollback (self, &mark);
  _attrib_loader_clear (&loader);
  return ok;
}

gboolean
_attrib_loader_load_json (AttribLedger     *self,
                          const char       *data,
                          gsize             length,
                          const char       *filename,
                          AttribLoadWatch  *watch,
                          GError          **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  const AttribJsonNode *root, *events;

  if (filename == NULL)
    filename = "<data>";

  if (looks_like_json_lines (data, length))
    return _attrib_loader_load_json_lines (self, data, length, filename, watch, error);

  doc = _attrib_json_parse (data, length, filename, error);
  if (doc == NULL)
    return FALSE;

  root = _attrib_json_document_get_root (doc);
  if (root->kind == ATTRIB_JSON_ARRAY)
    events = root;
  else if (root->kind == ATTRIB_JSON_OBJECT)
    {
      events = _attrib_json_object_get (root, "events");
      if (events == NULL)
        {
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                       _("%s:%u:%u: a scenario needs an “events” array"), filename, root->line, root->column);
          return FALSE;
        }
      if (events->kind != ATTRIB_JSON_ARRAY)
        {
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                       _("%s:%u:%u: “events” must be an array, found %s"), filename,
                       events->line, events->column, kind_with_article (events->kind));
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                   _("%s:%u:%u: expected a scenario object or an array of events, found %s"),
                   filename, root->line, root->column, kind_with_article (root->kind));
      return FALSE;
    }

  return load_events (self, events, filename, ATTRIB_TIME_MAX, watch, error);
}

/* Adds the events of a JSON array, all or nothing; events after @until
 * are left out (a scenario's `now`). */
gboolean
_attrib_loader_load_events_node (AttribLedger          *self,
                                 const AttribJsonNode  *events,
                                 const char            *filename,
                                 AttribTime             until,
                                 GError               **error)
{
  return load_events (self, events, filename, until, NULL, error);
}

/* What the public loaders of text share around their readers: the owner's
 * check, and the write lock, so that no reader sees part of a file nor the
 * events a failure takes back. */
typedef gboolean (*TextReader) (AttribLedger     *self,
                                const char       *data,
                                gsize             length,
                                const char       *filename,
                                AttribLoadWatch  *watch,
                                GError          **error);

static gboolean
load_text (AttribLedger  *self,
           const char    *data,
           gssize         length,
           const char    *filename,
           TextReader     reader,
           GError       **error)
{
  g_autoptr(AttribLedgerWriteLock) hold = NULL;

  if (!_attrib_ledger_check_owner (self, error))
    return FALSE;
  if (length < 0)
    length = strlen (data);
  hold = _attrib_ledger_write_lock (self);
  return reader (self, data, (gsize) length, filename, NULL, error);
}

/**
 * attrib_ledger_load_data:
 * @self: a ledger
 * @data: (array length=length) (element-type guint8): JSON text
 * @length: the length of @data in bytes, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to use for @data in error messages
 * @error: return location for a #GError
 *
 * Adds the events of a scenario file's text: either a scenario object
 * (`{"title": …, "events": [ … ], …}`, see
 * [Audit scenario format](audit-format.html); only `events` is needed here), a bare array of events, or JSON Lines (one
 * event object per line, as [method@Attrib.Ledger.load_json_lines] reads
 * them). The text is read as JSON Lines when its first line is a whole
 * object without `events` and more lines follow, or that object has a
 * `type`: no text that is one JSON value is read otherwise. Keys of the
 * scenario other than `events` are not read.
 *
 * Loading is all or nothing: on the first bad event the ledger is left as
 * it was and @error says where, as `file:line:column: event “id”: field:
 * what is wrong`.
 *
 * Returns: %TRUE if every event was added
 */
gboolean
attrib_ledger_load_data (AttribLedger  *self,
                         const char    *data,
                         gssize         length,
                         const char    *filename,
                         GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_text (self, data, length, filename, _attrib_loader_load_json, error);
}

/**
 * attrib_ledger_load_csv:
 * @self: a ledger
 * @data: (array length=length) (element-type guint8): CSV text, UTF-8
 * @length: the length of @data in bytes, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to use for @data in error messages
 * @error: return location for a #GError
 *
 * Adds the events of a CSV export: a header line naming the columns, then
 * one event per row (RFC 4180 quoting; an empty cell is an absent key).
 * The columns are the event keys of [Audit scenario format](audit-format.html): `id`, `type`,
 * `at`, `party`, `kind`, `stage`, `deal`, `price` …; a person is two
 * columns, `customer_name` and `customer_phone` (likewise `purchaser_`,
 * `a_`, `b_`, `referred_by_`); `agents` lists `party:rank` separated by
 * `;`, and `parties` parties separated by `;`. Lists of objects
 * (companions, shares, skipped turns, rosters) are JSON only.
 *
 * Loading is all or nothing, and errors name the cell as
 * `file:line:column: event “id”: field: what is wrong`.
 *
 * Returns: %TRUE if every row was added
 */
gboolean
attrib_ledger_load_csv (AttribLedger  *self,
                        const char    *data,
                        gssize         length,
                        const char    *filename,
                        GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_text (self, data, length, filename, _attrib_loader_load_csv, error);
}

/**
 * attrib_ledger_load_json_lines:
 * @self: a ledger
 * @data: (array length=length) (element-type guint8): JSON Lines text, UTF-8
 * @length: the length of @data in bytes, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to use for @data in error messages
 * @error: return location for a #GError
 *
 * Adds the events of JSON Lines text: one event object per line, with the
 * keys of a scenario's events ([Audit scenario format](audit-format.html)).
 * Lines end in LF, CR LF or a lone CR; blank lines are skipped, and a UTF-8
 * byte order mark may start the text. A text without any event is an
 * error. Each line is read on its own: no parse tree of the whole text is
 * made, only of its longest line.
 *
 * Loading is all or nothing, and errors name the line and column as
 * `file:line:column: event “id”: field: what is wrong`.
 *
 * Returns: %TRUE if every line's event was added
 */
gboolean
attrib_ledger_load_json_lines (AttribLedger  *self,
                               const char    *data,
                               gssize         length,
                               const char    *filename,
                               GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_text (self, data, length, filename, _attrib_loader_load_json_lines, error);
}

/* Whether @name ends in @suffix, ASCII case ignored. */
gboolean
_attrib_name_has_suffix (const char *name,
                         const char *suffix)
{
  gsize n = strlen (name), k = strlen (suffix);

  return n >= k && g_ascii_strcasecmp (name + n - k, suffix) == 0;
}

/**
 * attrib_ledger_load_file:
 * @self: a ledger
 * @file: a scenario file, a JSON array of events, JSON Lines or a CSV file
 *   of events
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file and adds its events: for a name ending in `.csv` as
 * [method@Attrib.Ledger.load_csv] does, in `.jsonl` or `.ndjson` as
 * [method@Attrib.Ledger.load_json_lines] does (case ignored), and
 * otherwise as [method@Attrib.Ledger.load_data] does, which also tells
 * JSON Lines by their content. Errors name the file by its path.
 *
 * [method@Attrib.Ledger.load_file_async] does the same in a worker thread,
 * with progress.
 *
 * Returns: %TRUE if every event was added
 */
gboolean
attrib_ledger_load_file (AttribLedger  *self,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_attrib_ledger_check_owner (self, error))
    return FALSE;

  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
    return FALSE;
  name = g_file_get_parse_name (file);
  if (_attrib_name_has_suffix (name, ".csv"))
    return attrib_ledger_load_csv (self, contents, length, name, error);
  if (_attrib_name_has_suffix (name, ".jsonl") || _attrib_name_has_suffix (name, ".ndjson"))
    return attrib_ledger_load_json_lines (self, contents, length, name, error);
  return attrib_ledger_load_data (self, contents, length, name, error);
}

/* The thread of load_file_async(): load_file() checking @cancellable and
 * reporting the bytes taken between events. */
gboolean
_attrib_ledger_load_file_watched (AttribLedger    *self,
                                  GFile           *file,
                                  GCancellable    *cancellable,
                                  AttribProgress  *progress,
                                  GError         **error)
{
  g_autoptr(AttribLedgerWriteLock) hold = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  AttribLoadWatch watch;
  gsize length;
  gboolean ok;

  if (!_attrib_ledger_check_owner (self, error))
    return FALSE;
  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
    return FALSE;
  name = g_file_get_parse_name (file);
  _attrib_load_watch_init (&watch, contents, length, cancellable, progress);
  _attrib_progress_report (progress, 0, length);

  /* as load_data() and load_csv(): no reader sees part of a file */
  hold = _attrib_ledger_write_lock (self);
  if (_attrib_name_has_suffix (name, ".csv"))
    ok = _attrib_loader_load_csv (self, contents, length, name, &watch, error);
  else if (_attrib_name_has_suffix (name, ".jsonl") || _attrib_name_has_suffix (name, ".ndjson"))
    ok = _attrib_loader_load_json_lines (self, contents, length, name, &watch, error);
  else
    ok = _attrib_loader_load_json (self, contents, length, name, &watch, error);
  if (ok)
    _attrib_progress_report (progress, length, length);
  return ok;
}

static gpointer
load_file_work (gpointer         source_object,
                gpointer         job,
                AttribProgress  *progress,
                GCancellable    *cancellable,
                GError         **error)
{
  if (!_attrib_ledger_load_file_watched (source_object, job, cancellable, progress, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * attrib_ledger_load_file_async:
 * @self: a ledger
 * @file: a scenario file, a JSON array of events, JSON Lines or CSV
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_destroy): called with the bytes of the file taken
 *   and its size
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data once @progress is
 *   called no more
 * @callback: (scope async) (closure user_data): called when the events
 *   are added, or were not
 * @user_data: data for @callback
 *
 * Reads @file and adds its events as [method@Attrib.Ledger.load_file]
 * does, in a worker thread, and calls @callback in the thread-default main
 * context of the caller; finish with
 * [method@Attrib.Ledger.load_file_finish]. The ledger ends up the same as
 * load_file() leaves it.
 *
 * Loading is all or nothing, as for load_file(). Once the file is read,
 * the ledger is held for writing until its last event is added: readers
 * in other threads wait, and see either none of the file's events or all
 * of them ([The live desk](live.html)). Do not read the ledger from the caller's thread
 * meanwhile if that thread must also run the main context: it would wait
 * for the load.
 *
 * @progress counts bytes of the file: @total is its size, and @done the
 * bytes before the event being added. Cancelling @cancellable stops the
 * load before its next event, takes back the events added and fails with
 * %G_IO_ERROR_CANCELLED.
 */
void
attrib_ledger_load_file_async (AttribLedger        *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               AttribProgressFunc   progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (ATTRIB_IS_LEDGER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _attrib_async_start (self, cancellable, attrib_ledger_load_file_async, load_file_work,
                       g_object_ref (file), g_object_unref, NULL,
                       progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * attrib_ledger_load_file_finish:
 * @self: a ledger
 * @result: the #GAsyncResult given to the callback of
 *   [method@Attrib.Ledger.load_file_async]
 * @error: return location for a #GError
 *
 * Finishes [method@Attrib.Ledger.load_file_async].
 *
 * Returns: %TRUE if every event was added; %FALSE with @error set, the
 *   ledger as it was
 */
gboolean
attrib_ledger_load_file_finish (AttribLedger  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _attrib_async_finish (self, result, attrib_ledger_load_file_async, NULL, error) != NULL;
}
