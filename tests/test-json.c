/* test-json.c: the strict JSON reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <attrib/attrib.h>

#include "attrib-json-private.h"

/* Every parse goes through a heap copy of exactly @length bytes, so the
 * address sanitizer and valgrind catch any read past the end. */
static AttribJsonDocument *
parse_len (const char  *text,
           gsize        length,
           const char  *filename,
           GError     **error)
{
  g_autofree char *copy = g_malloc (MAX (length, 1));
  AttribJsonDocument *doc;

  memcpy (copy, text, length);
  doc = _attrib_json_parse (copy, length, filename, error);
  /* The tree must not point into the input. */
  memset (copy, 'Z', length);
  return doc;
}

static AttribJsonDocument *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  AttribJsonDocument *doc = parse_len (text, strlen (text), "t.json", &error);

  if (doc == NULL)
    fail_msg ("parsing “%s” failed: %s", text, error->message);
  assert_null (error);
  assert_string_equal (_attrib_json_document_get_filename (doc), "t.json");
  return doc;
}

static void
assert_position (const AttribJsonNode *node,
                 AttribJsonKind        kind,
                 guint                 line,
                 guint                 column)
{
  assert_non_null (node);
  assert_int_equal (node->kind, kind);
  if (node->line != line || node->column != column)
    fail_msg ("%s at %u:%u, expected %u:%u", _attrib_json_kind_to_string (kind),
              node->line, node->column, line, column);
}

static void
assert_member_position (const AttribJsonNode *object,
                        const char           *key,
                        guint                 line,
                        guint                 column)
{
  const AttribJsonMember *member = _attrib_json_object_get_member (object, key);

  assert_non_null (member);
  assert_string_equal (member->key, key);
  if (member->line != line || member->column != column)
    fail_msg ("key “%s” at %u:%u, expected %u:%u", key, member->line, member->column, line, column);
}

/* Values */

static void
test_kinds (G_GNUC_UNUSED void **state)
{
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("[null, true, false, 0, -0, 12.5e-3, 1E+2, \"s\", \"\", [], {}, [[]], {\"a\":{\"b\":[1]}}]");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  AttribJsonNode **items;
  AttribJsonNode *a, *b;

  assert_int_equal (root->kind, ATTRIB_JSON_ARRAY);
  assert_int_equal (root->array.n_items, 13);
  items = root->array.items;
  assert_int_equal (items[0]->kind, ATTRIB_JSON_NULL);
  assert_int_equal (items[1]->kind, ATTRIB_JSON_BOOLEAN);
  assert_true (items[1]->boolean);
  assert_int_equal (items[2]->kind, ATTRIB_JSON_BOOLEAN);
  assert_false (items[2]->boolean);
  assert_int_equal (items[3]->kind, ATTRIB_JSON_NUMBER);
  assert_string_equal (items[3]->number, "0");
  assert_string_equal (items[4]->number, "-0");
  assert_string_equal (items[5]->number, "12.5e-3");
  assert_string_equal (items[6]->number, "1E+2");
  assert_int_equal (items[7]->kind, ATTRIB_JSON_STRING);
  assert_string_equal (items[7]->string.str, "s");
  assert_int_equal (items[7]->string.len, 1);
  assert_string_equal (items[8]->string.str, "");
  assert_int_equal (items[8]->string.len, 0);
  assert_int_equal (items[9]->kind, ATTRIB_JSON_ARRAY);
  assert_int_equal (items[9]->array.n_items, 0);
  assert_int_equal (items[10]->kind, ATTRIB_JSON_OBJECT);
  assert_int_equal (items[10]->object.n_members, 0);
  assert_null (_attrib_json_object_get (items[10], "a"));
  assert_int_equal (items[11]->array.n_items, 1);
  assert_int_equal (items[11]->array.items[0]->kind, ATTRIB_JSON_ARRAY);
  assert_int_equal (items[11]->array.items[0]->array.n_items, 0);

  a = _attrib_json_object_get (items[12], "a");
  assert_non_null (a);
  assert_int_equal (a->kind, ATTRIB_JSON_OBJECT);
  b = _attrib_json_object_get (a, "b");
  assert_non_null (b);
  assert_int_equal (b->kind, ATTRIB_JSON_ARRAY);
  assert_int_equal (b->array.n_items, 1);
  assert_string_equal (b->array.items[0]->number, "1");
  assert_null (_attrib_json_object_get (a, "a"));
}

static void
test_scalar_roots (G_GNUC_UNUSED void **state)
{
  static const struct {
    const char *text;
    AttribJsonKind kind;
    guint line, column;
  } cases[] = {
    { "null", ATTRIB_JSON_NULL, 1, 1 },
    { " true ", ATTRIB_JSON_BOOLEAN, 1, 2 },
    { "\n\nfalse\n", ATTRIB_JSON_BOOLEAN, 3, 1 },
    { "-1.5", ATTRIB_JSON_NUMBER, 1, 1 },
    { "\t\"x\"", ATTRIB_JSON_STRING, 1, 2 },
    { "\r\n  {}", ATTRIB_JSON_OBJECT, 2, 3 },
    { "\r\r[]", ATTRIB_JSON_ARRAY, 3, 1 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttribJsonDocument) doc = parse_ok (cases[i].text);

      assert_position (_attrib_json_document_get_root (doc), cases[i].kind,
                       cases[i].line, cases[i].column);
    }
}

static void
test_object (G_GNUC_UNUSED void **state)
{
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("{\"id\": \"e1\", \"type\": \"visit\", \"at\": 42, \"ok\": true}");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  const AttribJsonMember *member;

  assert_int_equal (root->object.n_members, 4);
  /* file order */
  assert_string_equal (root->object.members[0].key, "id");
  assert_string_equal (root->object.members[1].key, "type");
  assert_string_equal (root->object.members[2].key, "at");
  assert_string_equal (root->object.members[3].key, "ok");
  assert_string_equal (_attrib_json_object_get (root, "type")->string.str, "visit");
  assert_string_equal (_attrib_json_object_get (root, "at")->number, "42");
  member = _attrib_json_object_get_member (root, "ok");
  assert_non_null (member);
  assert_ptr_equal (member->value, root->object.members[3].value);
  assert_null (_attrib_json_object_get (root, "missing"));
  assert_null (_attrib_json_object_get_member (root, "i"));
  assert_null (_attrib_json_object_get (root, "idx"));
}

static void
test_big_containers (G_GNUC_UNUSED void **state)
{
  g_autoptr(GString) text = g_string_new ("{\"items\": [");
  g_autoptr(AttribJsonDocument) doc = NULL;
  AttribJsonNode *root, *items, *keys;
  guint i;

  for (i = 0; i < 100000; i++)
    g_string_append_printf (text, "%s{\"n\": %u, \"l\": [%u, \"s%u\"]}", i ? ", " : "", i, i, i);
  g_string_append (text, "], \"keys\": {");
  for (i = 0; i < 1000; i++)
    g_string_append_printf (text, "%s\"k%u\": %u", i ? ", " : "", i, i);
  g_string_append (text, "}}");

  doc = parse_ok (text->str);
  root = _attrib_json_document_get_root (doc);
  items = _attrib_json_object_get (root, "items");
  assert_int_equal (items->array.n_items, 100000);
  for (i = 0; i < 100000; i += 997)
    {
      AttribJsonNode *item = items->array.items[i];
      AttribJsonNode *l = _attrib_json_object_get (item, "l");
      gint64 v;
      char expected[32];

      assert_true (_attrib_json_number_get_int64 (_attrib_json_object_get (item, "n"), &v));
      assert_int_equal (v, i);
      assert_int_equal (l->array.n_items, 2);
      g_snprintf (expected, sizeof expected, "s%u", i);
      assert_string_equal (l->array.items[1]->string.str, expected);
    }

  keys = _attrib_json_object_get (root, "keys");
  assert_int_equal (keys->object.n_members, 1000);
  assert_string_equal (_attrib_json_object_get (keys, "k999")->number, "999");
  assert_string_equal (keys->object.members[500].key, "k500");
}

/* Positions */

static void
test_positions (G_GNUC_UNUSED void **state)
{
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("{\n"
              "\t\"name\": \"张三\",  \"age\": 30,\r\n"
              "  \"list\": [null, false,\r"
              "\t\t{\"k\": -1.5e3}]\n"
              "}");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  AttribJsonNode *list, *inner;

  assert_position (root, ATTRIB_JSON_OBJECT, 1, 1);
  assert_member_position (root, "name", 2, 2);
  assert_position (_attrib_json_object_get (root, "name"), ATTRIB_JSON_STRING, 2, 10);
  assert_string_equal (_attrib_json_object_get (root, "name")->string.str, "张三");
  assert_member_position (root, "age", 2, 17);
  assert_position (_attrib_json_object_get (root, "age"), ATTRIB_JSON_NUMBER, 2, 24);
  assert_member_position (root, "list", 3, 3);
  list = _attrib_json_object_get (root, "list");
  assert_position (list, ATTRIB_JSON_ARRAY, 3, 11);
  assert_position (list->array.items[0], ATTRIB_JSON_NULL, 3, 12);
  assert_position (list->array.items[1], ATTRIB_JSON_BOOLEAN, 3, 18);
  inner = list->array.items[2];
  assert_position (inner, ATTRIB_JSON_OBJECT, 4, 3);
  assert_member_position (inner, "k", 4, 4);
  assert_position (_attrib_json_object_get (inner, "k"), ATTRIB_JSON_NUMBER, 4, 9);
}

static void
test_positions_utf8 (G_GNUC_UNUSED void **state)
{
  /* Columns count characters: 中文键 is three columns, not nine bytes, and
   * the four-byte 😀 is one. */
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("{\"中文键\": \"x\", \"😀\": [\"é\", 1], \"k\": \"a中b\"}");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  AttribJsonNode *emoji;

  assert_member_position (root, "中文键", 1, 2);
  assert_position (_attrib_json_object_get (root, "中文键"), ATTRIB_JSON_STRING, 1, 9);
  assert_member_position (root, "😀", 1, 14);
  emoji = _attrib_json_object_get (root, "😀");
  assert_position (emoji, ATTRIB_JSON_ARRAY, 1, 19);
  assert_position (emoji->array.items[0], ATTRIB_JSON_STRING, 1, 20);
  assert_position (emoji->array.items[1], ATTRIB_JSON_NUMBER, 1, 25);
  assert_member_position (root, "k", 1, 29);
  assert_position (_attrib_json_object_get (root, "k"), ATTRIB_JSON_STRING, 1, 34);
  assert_int_equal (_attrib_json_object_get (root, "k")->string.len, 5);
}

static void
test_positions_after_lines (G_GNUC_UNUSED void **state)
{
  /* A multi-byte character on an earlier line must not shift columns on
   * the next one. */
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("[\"长长长长长长\",\n 7, \"中\",\r\n\t8]");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);

  assert_position (root->array.items[0], ATTRIB_JSON_STRING, 1, 2);
  assert_position (root->array.items[1], ATTRIB_JSON_NUMBER, 2, 2);
  assert_position (root->array.items[2], ATTRIB_JSON_STRING, 2, 5);
  assert_position (root->array.items[3], ATTRIB_JSON_NUMBER, 3, 2);
}

static void
test_bom (G_GNUC_UNUSED void **state)
{
  g_autoptr(AttribJsonDocument) doc = parse_ok ("\xef\xbb\xbf{\"a\": 1}");
  g_autoptr(AttribJsonDocument) doc2 = parse_ok ("\xef\xbb\xbf\n \"\xef\xbb\xbf\"");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);

  /* the byte order mark takes no column */
  assert_position (root, ATTRIB_JSON_OBJECT, 1, 1);
  assert_member_position (root, "a", 1, 2);
  /* inside a string U+FEFF is an ordinary character */
  root = _attrib_json_document_get_root (doc2);
  assert_position (root, ATTRIB_JSON_STRING, 2, 2);
  assert_string_equal (root->string.str, "\xef\xbb\xbf");
}

static void
test_not_nul_terminated (G_GNUC_UNUSED void **state)
{
  static const char buffer[] = "[1, 2]garbage 12345 \"abc\"";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(AttribJsonDocument) doc2 = NULL;
  g_autoptr(AttribJsonDocument) doc3 = NULL;
  AttribJsonDocument *bad;

  doc = parse_len (buffer, 6, "t.json", &error);
  assert_non_null (doc);
  assert_int_equal (_attrib_json_document_get_root (doc)->array.n_items, 2);

  /* a number that runs to the end of the data */
  doc2 = parse_len (buffer + 14, 3, "t.json", &error);
  assert_non_null (doc2);
  assert_string_equal (_attrib_json_document_get_root (doc2)->number, "123");

  doc3 = parse_len (buffer + 20, 5, "t.json", &error);
  assert_non_null (doc3);
  assert_string_equal (_attrib_json_document_get_root (doc3)->string.str, "abc");

  /* cut inside a string or a literal */
  bad = parse_len (buffer + 20, 4, "t.json", &error);
  assert_null (bad);
  assert_true (g_str_has_prefix (error->message, "t.json:1:1: unterminated string"));
  g_clear_error (&error);
  bad = parse_len ("true", 3, "t.json", &error);
  assert_null (bad);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE));
  g_clear_error (&error);

  /* zero bytes, even without a buffer */
  bad = _attrib_json_parse (NULL, 0, NULL, &error);
  assert_null (bad);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE));
  assert_true (g_str_has_prefix (error->message, "<data>:1:1: "));
}

/* Strings */

static void
test_escapes (G_GNUC_UNUSED void **state)
{
  static const struct {
    const char *json;
    const char *expected;
  } cases[] = {
    { "\"\\\"\"", "\"" },
    { "\"\\\\\"", "\\" },
    { "\"\\/\"", "/" },
    { "\"a\\bb\\fc\\nd\\re\\tf\"", "a\bb\fc\nd\re\tf" },
    { "\"\\u0041\\u00e9\\u00E9\"", "Aéé" },
    { "\"\\u4e2d\\u6587\"", "中文" },
    { "\"\\u0001\\u001F\\u007f\"", "\x01\x1f\x7f" },
    { "\"\\uD83D\\uDE00\"", "😀" },
    { "\"x\\ud834\\udd1ey\"", "x𝄞y" },
    { "\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf" },
    { "\"\\uFFFF\"", "\xef\xbf\xbf" },
    { "\"mixed 中\\n文 \\\"q\\\" end\"", "mixed 中\n文 \"q\" end" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttribJsonDocument) doc = parse_ok (cases[i].json);
      AttribJsonNode *root = _attrib_json_document_get_root (doc);

      assert_int_equal (root->kind, ATTRIB_JSON_STRING);
      assert_string_equal (root->string.str, cases[i].expected);
      assert_int_equal (root->string.len, strlen (cases[i].expected));
    }
}

static void
test_valid_utf8 (G_GNUC_UNUSED void **state)
{
  /* the edges of every UTF-8 sequence length */
  g_autoptr(AttribJsonDocument) doc =
    parse_ok ("[\"\x7f\", \"\xc2\x80\", \"\xdf\xbf\", \"\xe0\xa0\x80\", \"\xed\x9f\xbf\", "
              "\"\xee\x80\x80\", \"\xef\xbf\xbf\", \"\xf0\x90\x80\x80\", \"\xf4\x8f\xbf\xbf\"]");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  guint i;

  assert_int_equal (root->array.n_items, 9);
  for (i = 0; i < 9; i++)
    assert_position (root->array.items[i], ATTRIB_JSON_STRING, 1, 2 + 5 * i);
}

/* Errors */

typedef struct {
  const char *input;
  gssize length;          /* -1: NUL-terminated */
  AttribError code;
  const char *prefix;     /* file:line:column: */
  const char *needle;     /* in the message */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* no value, or more than one */
  { "", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "no JSON value" },
  { "  \n\t ", -1, ATTRIB_ERROR_PARSE, "t.json:2:3: ", "no JSON value" },
  { "\xef\xbb\xbf", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "no JSON value" },
  { "1 2", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "expected the end of input after the top-level value, found ‘2’" },
  { "[1]\n x", -1, ATTRIB_ERROR_PARSE, "t.json:2:2: ", "found ‘x’" },
  { "{}{}", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "found ‘{’" },

  /* structure */
  { "[1,]", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "trailing comma before ‘]’" },
  { "{\"a\": 1 ,\n}", -1, ATTRIB_ERROR_PARSE, "t.json:1:9: ", "trailing comma before ‘}’" },
  { "[\r1,\r\n2,\n]", -1, ATTRIB_ERROR_PARSE, "t.json:3:2: ", "trailing comma" },
  { "\t\t[1,]", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "trailing comma" },
  { "[,1]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected a value, found ‘,’" },
  { "[1 2]", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "expected ‘,’ or ‘]’ after array item, found ‘2’" },
  { "[1x]", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "found ‘x’" },
  { "{\"a\":1 \"b\":2}", -1, ATTRIB_ERROR_PARSE, "t.json:1:8: ", "expected ‘,’ or ‘}’ after object member, found ‘\"’" },
  { "{\n  \"a\": [1],\n  \"b\": 2]", -1, ATTRIB_ERROR_PARSE, "t.json:3:9: ",
    "expected ‘,’ or ‘}’ after object member, found ‘]’" },
  { "[1}", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "found ‘}’" },
  { "{,}", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected an object key, found ‘,’" },
  { "{'a': 1}", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected an object key in double quotes, found ‘'’" },
  { "{a: 1}", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected an object key in double quotes, found ‘a’" },
  { "{\"a\" 1}", -1, ATTRIB_ERROR_PARSE, "t.json:1:6: ", "expected ‘:’ after object key, found ‘1’" },
  { "{\"a\"=1}", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "expected ‘:’" },
  { "{\"a\":}", -1, ATTRIB_ERROR_PARSE, "t.json:1:6: ", "expected a value, found ‘}’" },
  { "[", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected a value, found end of input" },
  { "[1,\n", -1, ATTRIB_ERROR_PARSE, "t.json:2:1: ", "found end of input" },
  { "[1", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "expected ‘,’ or ‘]’ after array item, found end of input" },
  { "{", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected an object key, found end of input" },
  { "{\"a\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "expected ‘:’ after object key, found end of input" },
  { "{\"a\":1,", -1, ATTRIB_ERROR_PARSE, "t.json:1:8: ", "expected an object key, found end of input" },
  { "]", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "expected a value, found ‘]’" },

  /* comments, quotes and other leniencies */
  { "// note\n1", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "no comments" },
  { "[1, /* two */ 2]", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "no comments" },
  { "[1] # note", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "found ‘#’" },
  { "'a'", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "double quotes" },
  { "\f1", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "the control character U+000C" },
  { "[1,\v2]", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "the control character U+000B" },
  { "[1,\0002]", 5, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "the control character U+0000" },
  { "\xc2\xa0" "1", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "found ‘\xc2\xa0’ (U+00A0)" },
  { "[1，2]", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "found ‘，’ (U+FF0C)" },
  { "\xef\xbb\xbf\xef\xbb\xbf" "1", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "(U+FEFF)" },

  /* literals */
  { "tru", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "invalid literal ‘tru’" },
  { "True", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "invalid literal ‘True’" },
  { "[nul]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid literal ‘nul’" },
  { "[null1]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid literal ‘null1’" },
  { "[undefined]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid literal ‘undefined’" },
  { "NaN", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "NaN is not a JSON number" },
  { "[Infinity]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "Infinity is not a JSON number" },
  { "[-Infinity]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "-Infinity is not a JSON number" },

  /* numbers */
  { "01", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "leading zeros" },
  { "[-012]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "leading zeros" },
  { "[00]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "leading zeros" },
  { "+1", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "may not start with ‘+’" },
  { "[.5]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected a value, found ‘.’" },
  { "[1.]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected a digit after the decimal point" },
  { "1.e3", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "after the decimal point" },
  { "1e", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "expected a digit in the exponent" },
  { "[1e+]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "in the exponent" },
  { "-", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "expected a digit after ‘-’" },
  { "[- 1]", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "expected a digit after ‘-’" },
  { "[0x10]", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "found ‘x’" },
  { "[1.5.2]", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "found ‘.’" },

  /* strings */
  { "\"abc", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "unterminated string" },
  { "[\"abc\\", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "unterminated string" },
  { "[\"a\nb\"]", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "line break in string" },
  { "[\"a\rb\"]", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "line break in string" },
  { "\"a\tb\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "the control character U+0009 must be escaped" },
  { "\"中\x01\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "U+0001" },
  { "\"a\000b\"", 5, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "U+0000" },
  { "\"\\x41\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid escape ‘\\x’" },
  { "\"ab\\'\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "invalid escape ‘\\'’" },
  { "\"\\U0041\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid escape ‘\\U’" },
  { "\"\\\xe4\xb8\xad\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid escape in string" },
  { "\"\\u12G4\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "four hex digits" },
  { "\"\\u12\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "four hex digits" },
  { "\"\\u12", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "four hex digits" },
  { "[\"ok\", \"\\u0000\"]", -1, ATTRIB_ERROR_PARSE, "t.json:1:9: ", "\\u0000 is not allowed in strings" },
  { "\"\\uD800\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone high surrogate \\uD800" },
  { "\"\\ud83dx\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone high surrogate \\uD83D" },
  { "\"\\uD800\\u0041\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone high surrogate" },
  { "\"\\uD800\\uD800\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone high surrogate" },
  { "\"\\uD800\\n\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone high surrogate" },
  { "\"\\uDC00\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "lone low surrogate \\uDC00" },
  { "\"x\\uDE00\\uD83D\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:3: ", "lone low surrogate" },

  /* duplicate keys */
  { "{\"x\": 1, \"x\": 2}", -1, ATTRIB_ERROR_PARSE, "t.json:1:10: ", "duplicate key “x”" },
  { "{\"a\":1,\"\\u0061\":2}", -1, ATTRIB_ERROR_PARSE, "t.json:1:8: ", "duplicate key “a”" },
  { "{\"x\": {\"y\": 1},\n \"z\": {\"y\": 1,\t\"y\": 2}}", -1, ATTRIB_ERROR_PARSE, "t.json:2:16: ",
    "duplicate key “y”" },
  { "{\"中\": 1, \"中\": 2}", -1, ATTRIB_ERROR_PARSE, "t.json:1:10: ", "duplicate key “中”" },

  /* invalid UTF-8 */
  { "\"\xff\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },
  { "\"ab\x80\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "invalid UTF-8" },
  { "\"\xc0\xaf\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "0xC0" },              /* overlong / */
  { "\"\xc1\xbf\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },     /* overlong */
  { "\"\xe0\x80\xaf\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" }, /* overlong */
  { "\"\xf0\x8f\xbf\xbf\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" }, /* overlong */
  { "\"\xed\xa0\x80\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" }, /* U+D800 */
  { "\"\xed\xbf\xbf\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" }, /* U+DFFF */
  { "\"\xf4\x90\x80\x80\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" }, /* U+110000 */
  { "\"\xf5\x80\x80\x80\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },
  { "\"\xe4\xb8\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "0xE4" },              /* truncated */
  { "\"\xe4\xb8", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },       /* at the end */
  { "\"\xf0\x9f\x98", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },
  { "\"\xc3(\"", -1, ATTRIB_ERROR_PARSE, "t.json:1:2: ", "invalid UTF-8" },
  { "{\"k\": \"中文\xff\"}", -1, ATTRIB_ERROR_PARSE, "t.json:1:10: ", "invalid UTF-8" },
  { "[\"😀\",\n \"中\xe4\"]", -1, ATTRIB_ERROR_PARSE, "t.json:2:4: ", "invalid UTF-8" },
  { "[1,\xff]", -1, ATTRIB_ERROR_PARSE, "t.json:1:4: ", "invalid UTF-8" },
  { "\x80", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "invalid UTF-8" },
  { "\xef\xbb", -1, ATTRIB_ERROR_PARSE, "t.json:1:1: ", "invalid UTF-8" },
  { "[1] \xfe", -1, ATTRIB_ERROR_PARSE, "t.json:1:5: ", "invalid UTF-8" },
};

static void
test_errors (G_GNUC_UNUSED void **state)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      const ErrorCase *c = &error_cases[i];
      gsize length = c->length >= 0 ? (gsize) c->length : strlen (c->input);
      g_autoptr(GError) error = NULL;
      AttribJsonDocument *doc = parse_len (c->input, length, "t.json", &error);

      if (doc != NULL)
        {
          _attrib_json_document_free (doc);
          fail_msg ("case %" G_GSIZE_FORMAT " (“%s”) parsed", i, c->input);
        }
      assert_non_null (error);
      if (!g_error_matches (error, ATTRIB_ERROR, c->code) ||
          !g_str_has_prefix (error->message, c->prefix) ||
          strstr (error->message, c->needle) == NULL)
        fail_msg ("case %" G_GSIZE_FORMAT " (“%s”): got code %d “%s”, expected code %d “%s…%s…”",
                  i, c->input, error->code, error->message, c->code, c->prefix, c->needle);
    }
}

static void
test_error_filename (G_GNUC_UNUSED void **state)
{
  g_autoptr(GError) error = NULL;

  assert_null (_attrib_json_parse ("[1,]", 4, NULL, &error));
  assert_string_equal (error->message, "<data>:1:3: trailing comma before ‘]’");
  g_clear_error (&error);

  assert_null (_attrib_json_parse ("{\n  \"a\": 1]", 11, "scenario.json", &error));
  assert_string_equal (error->message,
                       "scenario.json:2:9: expected ‘,’ or ‘}’ after object member, found ‘]’");
  g_clear_error (&error);

  /* errors are optional */
  assert_null (_attrib_json_parse ("[", 1, "x.json", NULL));
}

static void
test_duplicate_keys_many (G_GNUC_UNUSED void **state)
{
  g_autoptr(GString) text = g_string_new ("{");
  g_autoptr(GError) error = NULL;
  AttribJsonDocument *doc;
  guint i;

  /* enough keys that the check no longer scans */
  for (i = 0; i < 40; i++)
    g_string_append_printf (text, "\"k%u\": %u, ", i, i);
  g_string_append (text, "\"k7\": 0}");

  doc = parse_len (text->str, text->len, "t.json", &error);
  assert_null (doc);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_PARSE));
  assert_non_null (strstr (error->message, "duplicate key “k7”"));
  assert_string_equal (strchr (error->message, ' '), " duplicate key “k7”");
  assert_true (g_str_has_prefix (error->message, "t.json:1:"));
  g_clear_error (&error);

  /* the same inside an unfinished outer object: nothing may leak */
  g_string_prepend (text, "{\"outer\": [");
  doc = parse_len (text->str, text->len, "t.json", &error);
  assert_null (doc);
  assert_non_null (strstr (error->message, "duplicate key “k7”"));
}

static void
test_depth (G_GNUC_UNUSED void **state)
{
  g_autoptr(GString) arrays = g_string_new (NULL);
  g_autoptr(GString) objects = g_string_new (NULL);
  g_autoptr(GString) mixed = g_string_new ("\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(AttribJsonDocument) doc2 = NULL;
  AttribJsonNode *node;
  guint i;

  for (i = 0; i < ATTRIB_JSON_MAX_DEPTH; i++)
    {
      g_string_insert_c (arrays, i, '[');
      g_string_append_c (arrays, ']');
      g_string_insert (objects, 5 * i, "{\"a\":");
      g_string_append_c (objects, '}');
    }
  g_string_insert (objects, 5 * ATTRIB_JSON_MAX_DEPTH, "1");

  doc = parse_ok (arrays->str);
  node = _attrib_json_document_get_root (doc);
  for (i = 1; i < ATTRIB_JSON_MAX_DEPTH; i++)
    node = node->array.items[0];
  assert_position (node, ATTRIB_JSON_ARRAY, 1, ATTRIB_JSON_MAX_DEPTH);
  assert_int_equal (node->array.n_items, 0);

  doc2 = parse_ok (objects->str);
  node = _attrib_json_document_get_root (doc2);
  for (i = 0; i < ATTRIB_JSON_MAX_DEPTH; i++)
    node = _attrib_json_object_get (node, "a");
  assert_string_equal (node->number, "1");

  /* one level more */
  g_string_prepend_c (arrays, '[');
  g_string_append_c (arrays, ']');
  assert_null (parse_len (arrays->str, arrays->len, "t.json", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
  assert_true (g_str_has_prefix (error->message, "t.json:1:65: "));
  assert_non_null (strstr (error->message, "64"));
  g_clear_error (&error);

  g_string_prepend (objects, "{\"a\":");
  g_string_append_c (objects, '}');
  assert_null (parse_len (objects->str, objects->len, "t.json", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
  assert_true (g_str_has_prefix (error->message, "t.json:1:321: "));
  g_clear_error (&error);

  /* a deep, never-closed nest of objects with many keys leaks nothing */
  for (i = 0; i < ATTRIB_JSON_MAX_DEPTH; i++)
    g_string_append_printf (mixed, "\t{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,"
                            "\"i\":9,\"j\":0,\"k\":1,\"l\":2,\"m\":3,\"n\":4,\"o\":5,\"p\":6,\"q\":7,\"r\":[%u,\n",
                            i);
  assert_null (parse_len (mixed->str, mixed->len, "t.json", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
  assert_true (g_str_has_prefix (error->message, "t.json:34:2: "));
}

static void
test_size_limit (G_GNUC_UNUSED void **state)
{
  static const char small[] = "[]";
  g_autoptr(GError) error = NULL;

  /* the length alone is rejected: nothing is read */
  assert_null (_attrib_json_parse (small, ((gsize) 1 << 30) + 1, "big.json", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT));
  assert_true (g_str_has_prefix (error->message, "big.json: "));
  assert_non_null (strstr (error->message, "1 GiB"));
}

/* Numbers */

static void
test_int64 (G_GNUC_UNUSED void **state)
{
  static const struct {
    const char *json;
    gboolean ok;
    gint64 value;
  } cases[] = {
    { "0", TRUE, 0 },
    { "-0", TRUE, 0 },
    { "42", TRUE, 42 },
    { "-1000000", TRUE, -1000000 },
    { "9223372036854775807", TRUE, G_MAXINT64 },
    { "-9223372036854775808", TRUE, G_MININT64 },
    { "9223372036854775806", TRUE, G_MAXINT64 - 1 },
    { "-9223372036854775807", TRUE, -G_MAXINT64 },
    { "9223372036854775808", FALSE, 0 },
    { "-9223372036854775809", FALSE, 0 },
    { "9223372036854775810", FALSE, 0 },
    { "18446744073709551616", FALSE, 0 },
    { "99999999999999999999999999", FALSE, 0 },
    { "1.0", FALSE, 0 },
    { "1e3", FALSE, 0 },
    { "1E3", FALSE, 0 },
    { "-0.0", FALSE, 0 },
    { "10e-1", FALSE, 0 },
  };
  g_autoptr(AttribJsonDocument) doc = parse_ok ("[\"1\", null, true]");
  AttribJsonNode *root = _attrib_json_document_get_root (doc);
  gint64 v;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttribJsonDocument) n = parse_ok (cases[i].json);

      v = 12345;
      if (_attrib_json_number_get_int64 (_attrib_json_document_get_root (n), &v) != cases[i].ok)
        fail_msg ("“%s”: expected %s", cases[i].json, cases[i].ok ? "TRUE" : "FALSE");
      if (cases[i].ok)
        assert_true (v == cases[i].value);
      assert_true (_attrib_json_number_get_int64 (_attrib_json_document_get_root (n), NULL) == cases[i].ok);
    }

  /* only numbers are numbers */
  for (i = 0; i < root->array.n_items; i++)
    assert_false (_attrib_json_number_get_int64 (root->array.items[i], &v));
}

static void
test_kind_to_string (G_GNUC_UNUSED void **state)
{
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_NULL), "null");
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_BOOLEAN), "boolean");
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_NUMBER), "number");
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_STRING), "string");
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_ARRAY), "array");
  assert_string_equal (_attrib_json_kind_to_string (ATTRIB_JSON_OBJECT), "object");
}

/* Writing */

static void
test_append_string (G_GNUC_UNUSED void **state)
{
  static const struct {
    const char *str;
    const char *json;
  } cases[] = {
    { "", "\"\"" },
    { "plain", "\"plain\"" },
    { "a\"b\\c/d", "\"a\\\"b\\\\c/d\"" },
    { "\n\t\r\b\f", "\"\\n\\t\\r\\b\\f\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\x7f\"" },
    { "中文 😀 é", "\"中文 😀 é\"" },
    { "\xef\xbb\xbf", "\"\xef\xbb\xbf\"" },
  };
  g_autoptr(GString) out = g_string_new ("prefix:");
  gsize i;

  /* appends, not replaces */
  _attrib_json_append_string (out, "x");
  assert_string_equal (out->str, "prefix:\"x\"");

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_string_truncate (out, 0);
      _attrib_json_append_string (out, cases[i].str);
      assert_string_equal (out->str, cases[i].json);
    }
}

static void
test_append_string_round_trip (G_GNUC_UNUSED void **state)
{
  g_autoptr(GString) all = g_string_new (NULL);
  const char *samples[] = {
    "", "a", "\"", "\\", "\\\"", "\\u0041", "line\nbreak", "张三 \"李四\"\t😀", NULL,
  };
  gsize i;

  /* every ASCII character but NUL, then some more */
  for (i = 1; i < 0x80; i++)
    g_string_append_c (all, (char) i);
  g_string_append (all, "中\xf4\x8f\xbf\xbf\xef\xbf\xbf");
  samples[G_N_ELEMENTS (samples) - 1] = all->str;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GString) json = g_string_new (NULL);
      g_autoptr(GString) wrapped = g_string_new ("{");
      g_autoptr(AttribJsonDocument) doc = NULL;
      g_autoptr(AttribJsonDocument) doc2 = NULL;
      AttribJsonNode *root;

      _attrib_json_append_string (json, samples[i]);
      doc = parse_ok (json->str);
      root = _attrib_json_document_get_root (doc);
      assert_int_equal (root->kind, ATTRIB_JSON_STRING);
      assert_string_equal (root->string.str, samples[i]);
      assert_int_equal (root->string.len, strlen (samples[i]));

      /* as a key, too */
      _attrib_json_append_string (wrapped, samples[i]);
      g_string_append (wrapped, ": 1}");
      doc2 = parse_ok (wrapped->str);
      assert_string_equal (_attrib_json_document_get_root (doc2)->object.members[0].key, samples[i]);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_kinds),
    cmocka_unit_test (test_scalar_roots),
    cmocka_unit_test (test_object),
    cmocka_unit_test (test_big_containers),
    cmocka_unit_test (test_positions),
    cmocka_unit_test (test_positions_utf8),
    cmocka_unit_test (test_positions_after_lines),
    cmocka_unit_test (test_bom),
    cmocka_unit_test (test_not_nul_terminated),
    cmocka_unit_test (test_escapes),
    cmocka_unit_test (test_valid_utf8),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_error_filename),
    cmocka_unit_test (test_duplicate_keys_many),
    cmocka_unit_test (test_depth),
    cmocka_unit_test (test_size_limit),
    cmocka_unit_test (test_int64),
    cmocka_unit_test (test_kind_to_string),
    cmocka_unit_test (test_append_string),
    cmocka_unit_test (test_append_string_round_trip),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
