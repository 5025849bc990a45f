/* fuzz-json.c: the JSON reader every file format rests on
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: any bytes, read as one JSON text by the library's own strict
 * reader (attrib-json.c). A document it accepts must be well formed
 * throughout (positions from 1, strings of valid UTF-8 without NUL, keys
 * found by lookup), and written back as JSON it must read back the same.
 */

#include <string.h>

#include "attrib-json-private.h"
#include "fuzz-common.h"

#define MAX_CHECKED_MEMBERS 64

static void
write_node (GString              *out,
            const AttribJsonNode *node)
{
  guint i;

  switch (node->kind)
    {
    case ATTRIB_JSON_NULL:
      g_string_append (out, "null");
      break;
    case ATTRIB_JSON_BOOLEAN:
      g_string_append (out, node->boolean ? "true" : "false");
      break;
    case ATTRIB_JSON_NUMBER:
      g_string_append (out, node->number);
      break;
    case ATTRIB_JSON_STRING:
      _attrib_json_append_string (out, node->string.str);
      break;
    case ATTRIB_JSON_ARRAY:
      g_string_append_c (out, '[');
      for (i = 0; i < node->array.n_items; i++)
        {
          if (i > 0)
            g_string_append (out, ",\n");
          write_node (out, node->array.items[i]);
        }
      g_string_append_c (out, ']');
      break;
    case ATTRIB_JSON_OBJECT:
      g_string_append_c (out, '{');
      for (i = 0; i < node->object.n_members; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          _attrib_json_append_string (out, node->object.members[i].key);
          g_string_append (out, ": ");
          write_node (out, node->object.members[i].value);
        }
      g_string_append_c (out, '}');
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Checks what the reader promises of every node of an accepted text. */
static void
check_node (const AttribJsonNode *node)
{
  guint i, j;

  g_assert_cmpuint (node->line, >=, 1);
  g_assert_cmpuint (node->column, >=, 1);
  switch (node->kind)
    {
    case ATTRIB_JSON_NULL:
    case ATTRIB_JSON_BOOLEAN:
      break;
    case ATTRIB_JSON_NUMBER:
      g_assert_nonnull (node->number);
      (void) _attrib_json_number_get_int64 (node, NULL);
      break;
    case ATTRIB_JSON_STRING:
      g_assert_cmpuint (strlen (node->string.str), ==, node->string.len);
      g_assert_true (g_utf8_validate (node->string.str, node->string.len, NULL));
      break;
    case ATTRIB_JSON_ARRAY:
      for (i = 0; i < node->array.n_items; i++)
        check_node (node->array.items[i]);
      break;
    case ATTRIB_JSON_OBJECT:
      for (i = 0; i < node->object.n_members; i++)
        {
          const AttribJsonMember *m = &node->object.members[i];

          g_assert_true (g_utf8_validate (m->key, -1, NULL));
          g_assert_cmpuint (m->line, >=, 1);
          g_assert_cmpuint (m->column, >=, 1);
          /* keys are unique, so a lookup finds this very member (checked
           * on the first members only: the lookup is a linear scan) */
          if (i < MAX_CHECKED_MEMBERS)
            {
              for (j = 0; j < i; j++)
                g_assert_cmpstr (node->object.members[j].key, !=, m->key);
              g_assert_true (_attrib_json_object_get_member (node, m->key) == m);
              g_assert_true (_attrib_json_object_get (node, m->key) == m->value);
            }
          check_node (m->value);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
check_same (const AttribJsonNode *a,
            const AttribJsonNode *b)
{
  guint i;

  g_assert_cmpint (a->kind, ==, b->kind);
  switch (a->kind)
    {
    case ATTRIB_JSON_NULL:
      break;
    case ATTRIB_JSON_BOOLEAN:
      g_assert_cmpint (a->boolean, ==, b->boolean);
      break;
    case ATTRIB_JSON_NUMBER:
      g_assert_cmpstr (a->number, ==, b->number);
      break;
    case ATTRIB_JSON_STRING:
      g_assert_cmpuint (a->string.len, ==, b->string.len);
      g_assert_cmpstr (a->string.str, ==, b->string.str);
      break;
    case ATTRIB_JSON_ARRAY:
      g_assert_cmpuint (a->array.n_items, ==, b->array.n_items);
      for (i = 0; i < a->array.n_items; i++)
        check_same (a->array.items[i], b->array.items[i]);
      break;
    case ATTRIB_JSON_OBJECT:
      g_assert_cmpuint (a->object.n_members, ==, b->object.n_members);
      for (i = 0; i < a->object.n_members; i++)
        {
          g_assert_cmpstr (a->object.members[i].key, ==, b->object.members[i].key);
          check_same (a->object.members[i].value, b->object.members[i].value);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(AttribJsonDocument) again = NULL;
  g_autoptr(GString) text = NULL;
  GError *error = NULL;

  fuzz_init ();

  doc = _attrib_json_parse ((const char *) data, size, "fuzz.json", &error);
  if (doc == NULL)
    {
      g_assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE) ||
                     g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
      g_assert_true (g_str_has_prefix (error->message, "fuzz.json:"));
      fuzz_check_error (&error);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (_attrib_json_document_get_filename (doc), ==, "fuzz.json");
  check_node (_attrib_json_document_get_root (doc));

  text = g_string_new (NULL);
  write_node (text, _attrib_json_document_get_root (doc));
  again = _attrib_json_parse (text->str, text->len, "again.json", &error);
  if (again == NULL)
    g_error ("the reader refuses what it read, written back: %s\n%s", error->message, text->str);
  check_same (_attrib_json_document_get_root (doc), _attrib_json_document_get_root (again));
  return 0;
}
