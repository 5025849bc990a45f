/* test-loader.c: scenario files in, and every bad one out with its place
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib/gstdio.h>

#include <attrib/attrib.h>

#include "attrib-event-private.h"
#include "attrib-loader-private.h"

static void
test_sample_file (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribEvent) ev = NULL;
  const char *original;

  assert_true (attrib_ledger_load_file (ledger, file, NULL, &error));
  assert_null (error);
  assert_int_equal (attrib_ledger_get_n_events (ledger), 27);

  ev = attrib_ledger_lookup_event (ledger, "v-001");
  assert_non_null (ev);
  assert_int_equal (attrib_event_get_n_agents (ev), 2);
  assert_string_equal (attrib_event_get_customer_phone (ev), "13800138000");
  assert_string_equal (attrib_event_get_received_by (ev), "developer");
  assert_string_equal (attrib_event_get_note (ev), "both agents came in with 李四 at the same time (1.2.8)");
  g_clear_pointer (&ev, attrib_event_unref);

  /* "+86 138-0013-8000" is stored normalised */
  ev = attrib_ledger_lookup_event (ledger, "r-002");
  assert_string_equal (attrib_event_get_customer_phone (ev), "13800138000");
  g_clear_pointer (&ev, attrib_event_unref);

  /* a date alone is midnight in Asia/Shanghai */
  ev = attrib_ledger_lookup_event (ledger, "id-001");
  assert_true (attrib_event_get_at (ev) == G_GINT64_CONSTANT (1709568000) * G_USEC_PER_SEC);
  g_clear_pointer (&ev, attrib_event_unref);

  ev = attrib_ledger_lookup_event (ledger, "ros-001");
  assert_int_equal (attrib_event_get_n_roster_members (ev), 3);
  assert_string_equal (attrib_event_get_roster_member (ev, 0, &original), "A/a01");
  assert_string_equal (original, "A");
  assert_string_equal (attrib_event_get_roster_member (ev, 2, NULL), "B/b01");
  g_clear_pointer (&ev, attrib_event_unref);

  ev = attrib_ledger_lookup_event (ledger, "rul-001");
  {
    gint64 num, den;

    assert_int_equal (attrib_event_get_n_shares (ev, ATTRIB_SHARE_KIND_PERFORMANCE), 2);
    assert_string_equal (attrib_event_get_share (ev, ATTRIB_SHARE_KIND_COMMISSION, 1, &num, &den), "5i5j");
    assert_true (num == 1 && den == 2);
  }
}

static void
test_bare_array (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "[{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"c/x\"},"
    " {\"id\": \"b\", \"type\": \"interaction\", \"at\": \"2024-01-02T08:00:00Z\","
    "  \"customer\": {\"name\": \"王\"}, \"kind\": \"visit\"}]";

  assert_true (attrib_ledger_load_data (ledger, text, -1, "x.json", &error));
  assert_int_equal (attrib_ledger_get_n_events (ledger), 2);
}

/* The keys libattrib adds to the scenario format for the sales office:
 * a second receiver, skipped turns, and a relation to a representative. */
static void
test_office_keys (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribEvent) visit = NULL;
  g_autoptr(AttribEvent) relation = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(AttribPerson) person = NULL;
  AttribSkipReason reason;
  const char *text =
    "[{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01T10:00:00+08:00\","
    "  \"customer\": {\"name\": \"甲\", \"phone\": \"13800000001\"},"
    "  \"received_by\": \"A/a2\", \"received_with\": \"A/a3\","
    "  \"skipped\": [{\"party\": \"A/a1\", \"reason\": \"busy\"}, {\"party\": \"B/b1\"}]},"
    " {\"id\": \"rel\", \"type\": \"relation\", \"at\": \"2024-01-01\","
    "  \"a\": {\"phone\": \"13800000001\"}, \"party\": \"A/a1\", \"kind\": \"friend\"}]";

  assert_true (attrib_ledger_load_data (ledger, text, -1, "office.json", &error));
  visit = attrib_ledger_lookup_event (ledger, "v");
  assert_string_equal (attrib_event_get_received_with (visit), "A/a3");
  assert_int_equal (attrib_event_get_n_skipped (visit), 2);
  assert_string_equal (attrib_event_get_skipped (visit, 0, &reason), "A/a1");
  assert_int_equal (reason, ATTRIB_SKIP_REASON_BUSY);
  assert_string_equal (attrib_event_get_skipped (visit, 1, &reason), "B/b1");
  assert_int_equal (reason, ATTRIB_SKIP_REASON_ABSENT);

  relation = attrib_ledger_lookup_event (ledger, "rel");
  assert_string_equal (attrib_event_get_party (relation), "A/a1");
  assert_null (attrib_event_get_counterpart_name (relation));
  assert_null (attrib_event_get_counterpart_phone (relation));

  /* the relation is the customer's, and the representative's */
  person = attrib_ledger_find_person (ledger, NULL, "13800000001", &error);
  assert_non_null (person);
  relations = attrib_ledger_get_relations (ledger, person);
  assert_int_equal (relations->len, 1);
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = attrib_ledger_get_party_events (ledger, "A/a1", G_MININT64, G_MAXINT64, ATTRIB_EVENT_MASK_ALL);
  assert_int_equal (relations->len, 1);
}

/* A file that fails half-way leaves the ledger as it was. */
static void
test_all_or_nothing (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) persons = NULL;
  const char *good = "[{\"id\": \"a\", \"type\": \"report\", \"at\": \"2024-01-01\", \"party\": \"c/x\","
                     " \"customer\": {\"name\": \"甲\", \"phone\": \"13800000001\"}}]";
  const char *bad = "[{\"id\": \"b\", \"type\": \"report\", \"at\": \"2024-01-01\", \"party\": \"c/y\","
                    " \"customer\": {\"name\": \"乙\", \"phone\": \"13800000002\"}},"
                    " {\"id\": \"c\", \"type\": \"report\", \"at\": \"2024-01-01\", \"party\": \"c/y\","
                    " \"customer\": {\"name\": \"丙\", \"phone\": \"123\"}}]";
  const char *again = "[{\"id\": \"b\", \"type\": \"report\", \"at\": \"2024-01-02\", \"party\": \"c/z\","
                      " \"customer\": {\"name\": \"丁\", \"phone\": \"13800000003\"}}]";

  assert_true (attrib_ledger_load_data (ledger, good, -1, "good.json", &error));
  assert_int_equal (attrib_ledger_get_n_persons (ledger), 1);
  assert_false (attrib_ledger_load_data (ledger, bad, -1, "bad.json", &error));
  assert_non_null (error);
  g_clear_error (&error);
  assert_int_equal (attrib_ledger_get_n_events (ledger), 1);
  assert_null (attrib_ledger_lookup_event (ledger, "b"));
  assert_int_equal (attrib_ledger_get_n_persons (ledger), 1);
  persons = attrib_ledger_match_persons (ledger, "乙", NULL, &error);
  assert_int_equal (persons->len, 0);

  /* the rolled-back id is free again */
  assert_true (attrib_ledger_load_data (ledger, again, -1, "again.json", &error));
  assert_int_equal (attrib_ledger_get_n_events (ledger), 2);
  assert_int_equal (attrib_ledger_get_n_persons (ledger), 2);
}

typedef struct
{
  const char *name;
  const char *text;
  int code;
  const char *prefix;        /* file:line:column */
  const char *fragment;      /* must be in the message */
} BadCase;

#define EV(x) "{\"events\": [" x "]}"
#define RPT "{\"id\": \"r1\", \"type\": \"report\", \"at\": \"2024-03-01\", \"party\": \"lianjia/a\", "

static const BadCase bad_cases[] = {
  /* shapes */
  { "empty", "", ATTRIB_ERROR_PARSE, "t.json:1:1", NULL },
  { "truncated", "{\"events\": [", ATTRIB_ERROR_PARSE, "t.json:1:", NULL },
  { "trailing comma", EV ("{\"id\": \"a\"},"), ATTRIB_ERROR_PARSE, "t.json:1:", NULL },
  { "root string", "\"events\"", ATTRIB_ERROR_INVALID_FILE, "t.json:1:1", "found a string" },
  { "no events", "{\"title\": \"x\"}", ATTRIB_ERROR_INVALID_FILE, "t.json:1:1", "“events”" },
  { "events object", "{\"events\": {}}", ATTRIB_ERROR_INVALID_FILE, "t.json:1:12", "must be an array" },
  { "event not object", EV ("42"), ATTRIB_ERROR_INVALID_FILE, "t.json:1:13", "event #1" },
  { "missing id", EV ("{\"type\": \"report\"}"), ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "id: missing" },
  { "numeric id", EV ("{\"id\": 7}"), ATTRIB_ERROR_INVALID_FILE, "t.json:1:20", "found the number 7" },
  { "missing type", EV ("{\"id\": \"a\"}"), ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "type: missing" },
  { "unknown type", EV ("{\"id\": \"a\", \"type\": \"meeting\", \"at\": \"2024-01-01\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:33", "“meeting” is not one of" },
  { "missing at", EV ("{\"id\": \"a\", \"type\": \"report\"}"), ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "at: missing" },
  { "unknown key", EV (RPT "\"customer\": {\"name\": \"x\"}, \"colour\": \"red\"}"),
    ATTRIB_ERROR_INVALID_FILE, "t.json:1:", "unknown key “colour” in a “report” event" },
  { "key of another type", EV (RPT "\"customer\": {\"name\": \"x\"}, \"agents\": []}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "report events do not take this field" },
  { "unknown person key", EV (RPT "\"customer\": {\"name\": \"x\", \"mobile\": \"1\"}}"),
    ATTRIB_ERROR_INVALID_FILE, "t.json:1:", "unknown key “mobile” in a person" },
  { "empty person", EV (RPT "\"customer\": {}}"), ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "a person needs a name or a phone" },
  { "missing customer", EV (RPT "\"via\": \"app\"}"), ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "customer: missing" },
  /* times */
  { "bad date", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-02-30\", \"party\": \"c/x\"}"),
    ATTRIB_ERROR_INVALID_TIME, "t.json:1:52", "2024-02-30" },
  { "no offset", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01T10:00:00\", \"party\": \"c/x\"}"),
    ATTRIB_ERROR_INVALID_TIME, "t.json:1:52", NULL },
  { "year 1899", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"1899-12-31\", \"party\": \"c/x\"}"),
    ATTRIB_ERROR_INVALID_TIME, "t.json:1:52", NULL },
  { "time as number", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": 1709251200, \"party\": \"c/x\"}"),
    ATTRIB_ERROR_INVALID_FILE, "t.json:1:52", "expected a string" },
  { "bad expected_visit", EV (RPT "\"customer\": {\"name\": \"x\"}, \"expected_visit\": \"tomorrow\"}"),
    ATTRIB_ERROR_INVALID_TIME, "t.json:1:", "expected_visit" },
  /* phones */
  { "short phone", EV (RPT "\"customer\": {\"phone\": \"1380013800\"}}"),
    ATTRIB_ERROR_INVALID_PHONE, "t.json:1:", "customer" },
  { "letters in phone", EV (RPT "\"customer\": {\"phone\": \"138abc38000\"}}"), ATTRIB_ERROR_INVALID_PHONE, "t.json:1:", NULL },
  { "landline", EV (RPT "\"customer\": {\"phone\": \"01065529988\"}}"), ATTRIB_ERROR_INVALID_PHONE, "t.json:1:", NULL },
  { "masked visit", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"phone\": \"138****8000\"}}"),
    ATTRIB_ERROR_INVALID_PHONE, "t.json:1:", "needs the full phone" },
  { "all stars", EV (RPT "\"customer\": {\"phone\": \"***********\"}}"), ATTRIB_ERROR_INVALID_PHONE, "t.json:1:", NULL },
  { "phone as number", EV (RPT "\"customer\": {\"phone\": 13800138000}}"), ATTRIB_ERROR_INVALID_FILE, "t.json:1:", "expected a string" },
  { "identity without phone", EV ("{\"id\": \"i\", \"type\": \"identity\", \"at\": \"2024-01-01\", \"a\": {\"name\": \"甲\"}, \"b\": {\"phone\": \"13800000001\"}}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "joins two phones" },
  /* money */
  { "price as number", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"signed\","
                           " \"purchaser\": {\"name\": \"x\"}, \"price\": 3250000}"),
    ATTRIB_ERROR_INVALID_FILE, "t.json:1:", "write amounts as strings" },
  { "three decimals", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"signed\","
                          " \"purchaser\": {\"name\": \"x\"}, \"price\": \"1.234\"}"),
    ATTRIB_ERROR_INVALID_MONEY, "t.json:1:", "price" },
  { "overflowing money", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"signed\","
                             " \"purchaser\": {\"name\": \"x\"}, \"price\": \"99999999999999999999\"}"),
    ATTRIB_ERROR_INVALID_MONEY, "t.json:1:", NULL },
  { "negative price", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"signed\","
                          " \"purchaser\": {\"name\": \"x\"}, \"price\": \"-5.00\"}"),
    ATTRIB_ERROR_INVALID_MONEY, "t.json:1:", "positive" },
  { "deal without purchaser", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"signed\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "purchaser: missing" },
  { "unknown stage", EV ("{\"id\": \"d\", \"type\": \"deal\", \"at\": \"2024-01-01\", \"deal\": \"D\", \"stage\": \"closed\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "“closed” is not one of “subscribed”" },
  /* ids and parties */
  { "duplicate id", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"c/x\"},"
                        "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-02\", \"party\": \"c/y\"}"),
    ATTRIB_ERROR_DUPLICATE_ID, "t.json:1:", "already in the ledger" },
  { "empty id", EV ("{\"id\": \"\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"c/x\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:20", "must not be empty" },
  { "party with two slashes", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"a/b/c\"}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "“a/b/c”" },
  { "party with space", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"lian jia\"}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", NULL },
  /* issue 17, item 9: a right-to-left override shows one id as another;
   * composed and decomposed forms of one name are two parties */
  { "party with a bidi override", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"链家\u202e/张三\"}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "U+202E" },
  { "party with a zero-width joiner", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"lian\u200djia/a\"}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "U+200D" },
  { "party decomposed", EV ("{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-01-01\", \"party\": \"cafe\u0301/a\"}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "NFC" },
  { "bad agent party", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                           " \"agents\": [{\"party\": \"ok/a\"}, {\"party\": \"/b\"}]}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "agents" },
  { "negative rank", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                         " \"agents\": [{\"party\": \"ok/a\", \"rank\": -1}]}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "negative" },
  { "agent twice", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                       " \"agents\": [{\"party\": \"ok/a\"}, {\"party\": \"ok/a\"}]}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "listed twice" },
  /* relations and rulings */
  { "relation kind none", EV ("{\"id\": \"r\", \"type\": \"relation\", \"at\": \"2024-01-01\", \"a\": {\"name\": \"x\"},"
                              " \"b\": {\"name\": \"y\"}, \"kind\": \"none\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", NULL },
  { "relation verified string", EV ("{\"id\": \"r\", \"type\": \"relation\", \"at\": \"2024-01-01\", \"a\": {\"name\": \"x\"},"
                                    " \"b\": {\"name\": \"y\"}, \"kind\": \"spouse\", \"verified\": \"yes\"}"),
    ATTRIB_ERROR_INVALID_FILE, "t.json:1:", "expected a boolean" },
  { "shares not summing to one", EV ("{\"id\": \"u\", \"type\": \"ruling\", \"at\": \"2024-01-01\", \"deal\": \"D\","
                                     " \"shares\": {\"a\": \"1/2\", \"b\": \"1/3\"}}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "sum to 5/6" },
  { "bad share text", EV ("{\"id\": \"u\", \"type\": \"ruling\", \"at\": \"2024-01-01\", \"deal\": \"D\","
                          " \"shares\": {\"a\": \"half\"}}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "is not a share" },
  { "ruling without commission", EV ("{\"id\": \"u\", \"type\": \"ruling\", \"at\": \"2024-01-01\", \"deal\": \"D\","
                                     " \"performance\": {\"a\": \"1\"}}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "commission: missing" },
  { "relation with b and party", EV ("{\"id\": \"r\", \"type\": \"relation\", \"at\": \"2024-01-01\", \"a\": {\"name\": \"x\"},"
                                     " \"b\": {\"name\": \"y\"}, \"party\": \"A/wang\", \"kind\": \"friend\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "not both" },
  { "relation with neither", EV ("{\"id\": \"r\", \"type\": \"relation\", \"at\": \"2024-01-01\", \"a\": {\"name\": \"x\"},"
                                 " \"kind\": \"friend\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:13", "b: missing" },
  /* skipped turns */
  { "skip reason unknown", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                               " \"skipped\": [{\"party\": \"A/a1\", \"reason\": \"lunch\"}]}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "“lunch” is not one of “absent”, “busy”, “official”" },
  { "skip without party", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                              " \"skipped\": [{\"reason\": \"busy\"}]}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "needs a “party”" },
  { "skip bad party", EV ("{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-01-01\", \"customer\": {\"name\": \"x\"},"
                          " \"skipped\": [{\"party\": \"a b\"}]}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "skipped" },
  { "received_with on a report", EV (RPT "\"customer\": {\"name\": \"x\"}, \"received_with\": \"A/a1\"}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "report events do not take this field" },
  /* rosters */
  { "roster bad date", EV ("{\"id\": \"o\", \"type\": \"roster\", \"at\": \"2024-01-01\", \"date\": \"2024-01-01T08:00:00+08:00\","
                           " \"groups\": {\"A\": [\"a1\"]}}"),
    ATTRIB_ERROR_INVALID_TIME, "t.json:1:", "is not a date" },
  { "roster empty group", EV ("{\"id\": \"o\", \"type\": \"roster\", \"at\": \"2024-01-01\", \"date\": \"2024-01-01\","
                              " \"groups\": {\"A\": []}}"),
    ATTRIB_ERROR_INVALID_EVENT, "t.json:1:", "has no consultants" },
  { "roster foreign consultant", EV ("{\"id\": \"o\", \"type\": \"roster\", \"at\": \"2024-01-01\", \"date\": \"2024-01-01\","
                                     " \"groups\": {\"A\": [\"B/b1\"]}}"),
    ATTRIB_ERROR_INVALID_PARTY, "t.json:1:", "is not of group" },
  /* encoding and limits */
  { "invalid utf-8", "{\"events\": [{\"id\": \"\xff\"}]}", ATTRIB_ERROR_PARSE, "t.json:1:", NULL },
  { "nul escape", EV ("{\"id\": \"a\\u0000b\"}"), ATTRIB_ERROR_PARSE, "t.json:1:", NULL },
  { "deep nesting", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ATTRIB_ERROR_LIMIT, "t.json:1:", NULL },
};

static void
test_bad_inputs (void **state)
{
  guint i;

  assert_true (G_N_ELEMENTS (bad_cases) >= 30);
  for (i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = attrib_ledger_load_data (ledger, c->text, -1, "t.json", &error);
      if (ok || error == NULL || !g_error_matches (error, ATTRIB_ERROR, c->code) ||
          !g_str_has_prefix (error->message, c->prefix) ||
          (c->fragment != NULL && strstr (error->message, c->fragment) == NULL))
        fail_msg ("case “%s”: expected code %d, prefix “%s”, fragment “%s”; got %s (%d)",
                  c->name, c->code, c->prefix, c->fragment ? c->fragment : "",
                  error ? error->message : "success", error ? error->code : -1);
      assert_int_equal (attrib_ledger_get_n_events (ledger), 0);
    }
}

/* The position points at the offending value, not at the event. */
static void
test_positions (void **state)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  const char *text =
    "{\n"
    "  \"title\": \"位置\",\n"
    "  \"events\": [\n"
    "    {\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-03-01\",\n"
    "     \"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"},\n"
    "     \"companions\": [{\"name\": \"王\"}, {\"phone\": \"1234\"}]}\n"
    "  ]\n"
    "}\n";

  assert_false (attrib_ledger_load_data (ledger, text, -1, "pos.json", &error));
  assert_true (g_str_has_prefix (error->message, "pos.json:6:36: event “v1”: companions: "));
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */

static char *
canonical_events (AttribLedger *ledger)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < attrib_ledger_get_n_events (ledger); i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      _attrib_event_append_canonical (out, ev, attrib_ledger_get_time_zone (ledger));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A CSV export and the same events as JSON give the same ledger: quoting,
 * a byte order mark, CRLF, people as column pairs, agent and party lists,
 * booleans, numbers, empty cells as absent keys; and so with lines ending
 * in LF alone or in CR alone (as a Mac spreadsheet may save them: the
 * reader took a lone CR for a stray character after a quoted field). */
static void
test_csv_like_json (void **state)
{
  static const char csv[] =
    "\xEF\xBB\xBFid,type,at,seq,party,agents,customer_name,customer_phone,purchaser_phone,a_phone,b_name,b_phone,"
    "kind,verified,stage,deal,price,parties,fine,note\r\n"
    "r1,report,2024-03-01T09:00:00+08:00,,lianjia/zhang,,李四,+86 138-0013-8000,,,,,,,,,,,,\"called first, then came\"\r\n"
    "v1,visit,2024-03-02T10:00:00+08:00,2,,lianjia/zhang:0; 5i5j/liu:1,李四,13800138000,,,,,,,,,,,,\r\n"
    "\r\n"
    "c1,interaction,2024-03-03,,,,,13800138000,,,,,call,,,,,,,\"say \"\"hi\"\"\"\r\n"
    "x1,relation,2024-03-04T10:00:00+08:00,,,,,,,13800138000,王五,13900139000,spouse,false,,,,,,\r\n"
    "g1,deal,2024-03-20T10:00:00+08:00,,,,,,13900139000,,,,,,signed,D1,3250000.00,,,\r\n"
    "s1,sanction,2024-03-21T10:00:00+08:00,,,,,13800138000,,,,,poaching,,,,,lianjia/zhang;5i5j/liu,500.00,\r\n";
  static const char json[] =
    "[{\"id\": \"r1\", \"type\": \"report\", \"at\": \"2024-03-01T09:00:00+08:00\", \"party\": \"lianjia/zhang\","
    "  \"customer\": {\"name\": \"李四\", \"phone\": \"+86 138-0013-8000\"}, \"note\": \"called first, then came\"},"
    " {\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-03-02T10:00:00+08:00\", \"seq\": 2,"
    "  \"agents\": [{\"party\": \"lianjia/zhang\", \"rank\": 0}, {\"party\": \"5i5j/liu\", \"rank\": 1}],"
    "  \"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"}},"
    " {\"id\": \"c1\", \"type\": \"interaction\", \"at\": \"2024-03-03\", \"customer\": {\"phone\": \"13800138000\"},"
    "  \"kind\": \"call\", \"note\": \"say \\\"hi\\\"\"},"
    " {\"id\": \"x1\", \"type\": \"relation\", \"at\": \"2024-03-04T10:00:00+08:00\", \"a\": {\"phone\": \"13800138000\"},"
    "  \"b\": {\"name\": \"王五\", \"phone\": \"13900139000\"}, \"kind\": \"spouse\", \"verified\": false},"
    " {\"id\": \"g1\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"stage\": \"signed\", \"deal\": \"D1\","
    "  \"purchaser\": {\"phone\": \"13900139000\"}, \"price\": \"3250000.00\"},"
    " {\"id\": \"s1\", \"type\": \"sanction\", \"at\": \"2024-03-21T10:00:00+08:00\", \"kind\": \"poaching\","
    "  \"customer\": {\"phone\": \"13800138000\"}, \"parties\": [\"lianjia/zhang\", \"5i5j/liu\"], \"fine\": \"500.00\"}]";
  static const char *line_ends[] = { "\r\n", "\n", "\r" };
  g_autoptr(AttribLedger) b = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *from_json = NULL;
  g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);
  guint i;

  if (!attrib_ledger_load_data (b, json, -1, "e.json", &error))
    fail_msg ("%s", error->message);
  from_json = canonical_events (b);
  for (i = 0; i < G_N_ELEMENTS (line_ends); i++)
    {
      g_autoptr(AttribLedger) a = attrib_ledger_new ();
      g_autofree char *text = g_strjoinv (line_ends[i], lines);
      g_autofree char *from_csv = NULL;

      if (!attrib_ledger_load_csv (a, text, -1, "e.csv", &error))
        fail_msg ("line ends %u: %s", i, error->message);
      assert_int_equal (attrib_ledger_get_n_events (a), 6);
      from_csv = canonical_events (a);
      assert_string_equal (from_csv, from_json);
    }
}

static const struct {
  const char *csv;
  const char *message;
} bad_csv[] = {
  { "", "e.csv:1:1: a CSV file of events starts with a header line" },
  { "id,type,at,colour\n", "e.csv:1:12: unknown column “colour”" },
  { "id,type,at,id\n", "e.csv:1:12: column “id” is given twice" },
  { "id,type,at\nv1,visit\n", "e.csv:2:1: this row has 2 fields, the header 3" },
  { "id,type,at,note\nv1,visit,2024-03-01,\"open\n", "e.csv:2:21: this quoted field is not closed" },
  { "id,type,at,note\nv1,visit,2024-03-01,\"a\"b\n", "e.csv:2:24: expected ‘,’ or the end of the line after a quoted field" },
  { "id,type,at,customer_phone\nv1,visit,2024-03-01,12345\n", "e.csv:2:21: event “v1”" },
  { "id,type,at,customer_phone\nv1,visit,2024-02-30,13800138000\n", "e.csv:2:10: event “v1”: at:" },
  { "id,type,at,agents,customer_phone\nv1,visit,2024-03-01,lianjia/zhang:x,13800138000\n",
    "e.csv:2:35: event “v1”: agents: expected an integer" },
  { "id,type,at,a_phone,b_phone,kind,verified\nx1,relation,2024-03-01,13800138000,13900139000,spouse,maybe\n",
    "e.csv:2:55: “verified” is true or false, not “maybe”" },
  { "id,type,at,customer_phone\nv1,visit,2024-03-01,13800138000\nv1,visit,2024-03-02,13800138000\n",
    "e.csv:3:1: event “v1”" },
  { "id,type,at\n\xFF,visit,2024-03-01\n", "e.csv: the file is not UTF-8 text" },
  /* lines ending in CR alone are lines, counted as such */
  { "id,type,at\rv1,visit\r", "e.csv:2:1: this row has 2 fields, the header 3" },
  { "id,type,at,note\rv1,visit,2024-03-01,\"a\"b\r", "e.csv:2:24: expected ‘,’ or the end of the line after a quoted field" },
  { "id,type,at,note,customer_phone\rv1,visit,2024-03-01,\"two\rlines\",12345\r", "e.csv:3:8: event “v1”" },
  { "id,type,at,note,customer_phone\r\nv1,visit,2024-03-01,\"two\r\nlines\",12345\r\n", "e.csv:3:8: event “v1”" },
  { "id,type,at,customer_phone\r\rv1,visit,2024-03-01,13800138000\r\r\rv1,visit,2024-03-02,13800138000\r",
    "e.csv:6:1: event “v1”" },
};

static void
test_csv_errors (void **state)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_csv); i++)
    {
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;

      /* all or nothing: what an earlier call added stays, nothing of this */
      assert_true (attrib_ledger_load_csv (ledger, "id,type,at,customer_phone\nok,visit,2024-03-01,13700137000\n", -1,
                                           "ok.csv", NULL));
      if (attrib_ledger_load_csv (ledger, bad_csv[i].csv, -1, "e.csv", &error))
        fail_msg ("CSV %u was accepted", i);
      if (strstr (error->message, bad_csv[i].message) == NULL)
        fail_msg ("CSV %u: “%s” does not say “%s”", i, error->message, bad_csv[i].message);
      assert_int_equal (attrib_ledger_get_n_events (ledger), 1);
    }
}


/* ------------------------------------------------------------------ */
/* JSON Lines                                                          */

/* One project's events, one a line: reports, a visit of two agents who
 * came in together, the developer's call, deals signed and cancelled. */
static const char *const project_lines[] = {
  "{\"id\": \"r1\", \"type\": \"report\", \"at\": \"2024-03-01T09:00:00+08:00\", \"party\": \"lianjia/zhang\", "
  "\"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"}}",
  "{\"id\": \"r2\", \"type\": \"report\", \"at\": \"2024-03-01T09:20:00+08:00\", \"party\": \"5i5j/liu\", "
  "\"customer\": {\"name\": \"李四\", \"phone\": \"+86 138-0013-8000\"}, \"note\": \"called, \\\"then\\\" came\"}",
  "{\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-03-01T14:05:00+08:00\", \"customer\": {\"name\": \"李四\", "
  "\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"lianjia/zhang\", \"rank\": 0}, {\"party\": \"5i5j/liu\", \"rank\": 0}]}",
  "{\"id\": \"c1\", \"type\": \"interaction\", \"at\": \"2024-02-20\", \"customer\": {\"phone\": \"13700137000\"}, \"kind\": \"call\"}",
  "{\"id\": \"r3\", \"type\": \"report\", \"at\": \"2024-03-02T10:00:00+08:00\", \"party\": \"5i5j/liu\", "
  "\"customer\": {\"name\": \"王五\", \"phone\": \"13700137000\"}}",
  "{\"id\": \"v2\", \"type\": \"visit\", \"at\": \"2024-03-02T15:30:00+08:00\", \"seq\": 1, \"customer\": {\"name\": \"王五\", "
  "\"phone\": \"13700137000\"}, \"agents\": [{\"party\": \"5i5j/liu\", \"rank\": 0}]}",
  "{\"id\": \"g1\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"deal\": \"D1\", \"stage\": \"signed\", "
  "\"purchaser\": {\"phone\": \"13800138000\"}, \"price\": \"3250000.00\"}",
  "{\"id\": \"g2\", \"type\": \"deal\", \"at\": \"2024-03-21T10:00:00+08:00\", \"deal\": \"D2\", \"stage\": \"subscribed\", "
  "\"purchaser\": {\"name\": \"王五\", \"phone\": \"13700137000\"}, \"price\": \"2800000.00\"}",
  "{\"id\": \"g3\", \"type\": \"deal\", \"at\": \"2024-04-02T10:00:00+08:00\", \"deal\": \"D2\", \"stage\": \"cancelled\", "
  "\"purchaser\": {\"phone\": \"13700137000\"}}",
};

/* The same events as a CRM's CSV export. */
static const char project_csv[] =
  "id,type,at,seq,party,agents,customer_name,customer_phone,purchaser_name,purchaser_phone,kind,stage,deal,price,note\n"
  "r1,report,2024-03-01T09:00:00+08:00,,lianjia/zhang,,李四,13800138000,,,,,,,\n"
  "r2,report,2024-03-01T09:20:00+08:00,,5i5j/liu,,李四,+86 138-0013-8000,,,,,,,\"called, \"\"then\"\" came\"\n"
  "v1,visit,2024-03-01T14:05:00+08:00,,,lianjia/zhang:0;5i5j/liu:0,李四,13800138000,,,,,,,\n"
  "c1,interaction,2024-02-20,,,,,13700137000,,,call,,,,\n"
  "r3,report,2024-03-02T10:00:00+08:00,,5i5j/liu,,王五,13700137000,,,,,,,\n"
  "v2,visit,2024-03-02T15:30:00+08:00,1,,5i5j/liu:0,王五,13700137000,,,,,,,\n"
  "g1,deal,2024-03-20T10:00:00+08:00,,,,,,,13800138000,,signed,D1,3250000.00,\n"
  "g2,deal,2024-03-21T10:00:00+08:00,,,,,,王五,13700137000,,subscribed,D2,2800000.00,\n"
  "g3,deal,2024-04-02T10:00:00+08:00,,,,,,,13700137000,,cancelled,D2,,\n";

/* Every verdict's JSON, one a line, under the profile. */
static char *
verdicts_text (AttribLedger *ledger)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  guint i;

  attrib_engine_set_defer_traces (engine, FALSE);
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (verdicts == NULL)
    fail_msg ("%s", error->message);
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append_printf (out, "%s\n", json);
    }
  return g_string_free (out, FALSE);
}

static char *
project_json_lines (const char *bom,
                    const char *line_end)
{
  GString *out = g_string_new (bom);
  guint i;

  for (i = 0; i < G_N_ELEMENTS (project_lines); i++)
    {
      /* blank lines (spaces and tabs too) between events are skipped */
      if (i == 3)
        g_string_append_printf (out, "%s \t%s", line_end, line_end);
      g_string_append_printf (out, "%s%s", project_lines[i], line_end);
    }
  return g_string_free (out, FALSE);
}

static char *
project_json_array (void)
{
  GString *out = g_string_new ("[\n");
  guint i;

  for (i = 0; i < G_N_ELEMENTS (project_lines); i++)
    g_string_append_printf (out, "%s%s\n", project_lines[i], i + 1 < G_N_ELEMENTS (project_lines) ? "," : "");
  g_string_append (out, "]\n");
  return g_string_free (out, FALSE);
}

static AttribLedger *
load_path (const char *dir,
           const char *name,
           const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, text, -1, &error) || !attrib_ledger_load_file (ledger, file, NULL, &error))
    fail_msg ("%s: %s", name, error->message);
  g_unlink (path);
  return g_steal_pointer (&ledger);
}

/* The same events as a JSON array, JSON Lines (any line end, a byte
 * order mark, blank lines) and CSV give the same ledger and byte for byte
 * the same verdicts, whether given as data or as files (by the name's
 * extension, or by the content). */
static void
test_json_lines_like_json (void **state)
{
  static const char *line_ends[] = { "\n", "\r\n", "\r" };
  g_autoptr(AttribLedger) from_array = attrib_ledger_new ();
  g_autoptr(AttribLedger) from_csv = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *array = project_json_array ();
  g_autofree char *jsonl = project_json_lines ("", "\n");
  g_autofree char *events = NULL;
  g_autofree char *verdicts = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-loader-XXXXXX", &error);
  const char *names[] = { "e.jsonl", "e.NDJSON", "e.json", "events" };
  guint i, k;

  assert_non_null (dir);
  if (!attrib_ledger_load_data (from_array, array, -1, "e.json", &error))
    fail_msg ("%s", error->message);
  assert_int_equal (attrib_ledger_get_n_events (from_array), G_N_ELEMENTS (project_lines));
  events = canonical_events (from_array);
  verdicts = verdicts_text (from_array);
  /* two deals, one decided under 1.2.8 (came in together), one cancelled */
  assert_non_null (strstr (verdicts, "\"deal\": \"D1\""));
  assert_non_null (strstr (verdicts, "\"deal\": \"D2\""));

  if (!attrib_ledger_load_csv (from_csv, project_csv, -1, "e.csv", &error))
    fail_msg ("%s", error->message);
  {
    g_autofree char *csv_events = canonical_events (from_csv);
    g_autofree char *csv_verdicts = verdicts_text (from_csv);

    assert_string_equal (csv_events, events);
    assert_string_equal (csv_verdicts, verdicts);
  }

  for (i = 0; i < G_N_ELEMENTS (line_ends); i++)
    for (k = 0; k < 2; k++)
      {
        g_autofree char *text = project_json_lines (k ? "\xEF\xBB\xBF" : "", line_ends[i]);
        g_autoptr(AttribLedger) a = attrib_ledger_new ();
        g_autoptr(AttribLedger) b = attrib_ledger_new ();
        g_autofree char *a_events = NULL, *b_events = NULL, *a_verdicts = NULL;

        /* as JSON Lines, and as JSON text told by its content */
        if (!attrib_ledger_load_json_lines (a, text, -1, "e.jsonl", &error) ||
            !attrib_ledger_load_data (b, text, -1, "e.json", &error))
          fail_msg ("line ends %u, BOM %u: %s", i, k, error->message);
        a_events = canonical_events (a);
        b_events = canonical_events (b);
        a_verdicts = verdicts_text (a);
        assert_string_equal (a_events, events);
        assert_string_equal (b_events, events);
        assert_string_equal (a_verdicts, verdicts);
      }

  /* files: JSON Lines by the name, in any case, or by the content */
  for (i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(AttribLedger) ledger = load_path (dir, names[i], jsonl);
      g_autofree char *file_events = canonical_events (ledger);
      g_autofree char *file_verdicts = verdicts_text (ledger);

      assert_string_equal (file_events, events);
      assert_string_equal (file_verdicts, verdicts);
    }
  {
    g_autoptr(AttribLedger) ledger = load_path (dir, "e.csv", project_csv);
    g_autofree char *file_verdicts = verdicts_text (ledger);

    assert_string_equal (file_verdicts, verdicts);
  }
  g_rmdir (dir);
}

static const struct {
  const char *text;
  const char *message;
} bad_jsonl[] = {
  { "", "e.jsonl: no event: a JSON Lines file holds one event object per line" },
  { "\n \n\r\n", "e.jsonl: no event" },
  { "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\n{\"id\": 7}\n",
    "e.jsonl:2:8: event #2: id: expected a string, found the number 7" },
  { "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\r\n\r\n[]\r\n",
    "e.jsonl:3:1: event #2: expected an object, found an array" },
  { "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"} {}\n",
    "e.jsonl:1:70: expected the end of input after the top-level value" },
  { "{\n\"id\": \"a\"}\n", "e.jsonl:1:2: expected an object key, found end of input" },
  { "\xEF\xBB\xBF{'id': 1}\n", "e.jsonl:1:2: expected an object key in double quotes" },
  { "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\r"
    "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-02\", \"party\": \"c/x\"}\r",
    "e.jsonl:2:8: event “a”: id: an event with id “a” is already in the ledger" },
  /* phones are never printed in full */
  { "{\"id\": \"r\", \"type\": \"report\", \"at\": \"2024-03-01\", \"party\": \"c/x\", "
    "\"customer\": {\"phone\": \"1391234567\"}}\n",
    "e.jsonl:1:79: event “r”: customer: “139***4567” has 10 digits" },
  { "{\"id\": \"r\", \"type\": \"report\", \"at\": \"2024-03-01\", \"party\": \"c/x\", "
    "\"customer\": {\"phone\": 13912345678}}\n",
    "found the number 139****5678" },
};

/* The cursor of a load's progress (attrib_ledger_load_file_async) moves
 * over the text once, whatever ends its lines: LF, CR LF or a lone CR, as
 * the JSON reader counts them. A cursor that only knew LF stayed at the
 * start of a CR-only file and scanned all of it for every event. */
static void
test_load_watch_lines (void **state)
{
  static const char *texts[] = { "a\nbb\nccc\n", "a\r\nbb\r\nccc\r\n", "a\rbb\rccc\r", "a\rbb\r\nccc\n" };
  static const gsize starts[][4] = { { 0, 0, 2, 5 }, { 0, 0, 3, 7 }, { 0, 0, 2, 5 }, { 0, 0, 2, 6 } };
  guint t, line;

  for (t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      AttribLoadWatch watch;

      _attrib_load_watch_init (&watch, texts[t], strlen (texts[t]), NULL, NULL);
      for (line = 1; line <= 3; line++)
        {
          assert_true (_attrib_load_watch_line (&watch, line, NULL));
          assert_int_equal (watch.at - texts[t], starts[t][line]);
        }
      /* past the last line: at the end, and it stays there */
      assert_true (_attrib_load_watch_line (&watch, 9, NULL));
      assert_int_equal (watch.at - texts[t], strlen (texts[t]));
    }
}

/* Bad JSON Lines: the file, line and column, all or nothing. */
static void
test_json_lines_errors (void **state)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_jsonl); i++)
    {
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;

      assert_true (attrib_ledger_load_json_lines (ledger, "{\"id\": \"ok\", \"type\": \"departure\", \"at\": \"2024-03-01\", "
                                                  "\"party\": \"c/y\"}\n", -1, "ok.jsonl", NULL));
      if (attrib_ledger_load_json_lines (ledger, bad_jsonl[i].text, -1, "e.jsonl", &error))
        fail_msg ("JSON Lines %u were accepted", i);
      if (strstr (error->message, bad_jsonl[i].message) == NULL)
        fail_msg ("JSON Lines %u: “%s” does not say “%s”", i, error->message, bad_jsonl[i].message);
      assert_null (strstr (error->message, "1391234567"));
      assert_int_equal (attrib_ledger_get_n_events (ledger), 1);
    }
}

/* attrib_ledger_load_data() tells JSON Lines by their content, and reads
 * every text that is one JSON value as it did before. */
static void
test_json_lines_by_content (void **state)
{
  static const char one_event[] =
    "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}";
  static const struct {
    const char *text;
    guint n_events;
    const char *message;
  } cases[] = {
    /* one event on one line */
    { "{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\n", 1, NULL },
    /* a scenario on one line, and over several */
    { "{\"events\": [{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}]}", 1, NULL },
    { "{\n\"title\": \"t\",\n\"events\": []\n}\n", 0, NULL },
    /* an object that is neither a scenario nor an event, alone */
    { "{\"title\": \"t\"}\n", 0, "x.json:1:1: a scenario needs an “events” array" },
    /* lines of objects: JSON Lines, even when the first is no event */
    { "{\"id\": \"a\"}\n{\"id\": \"b\"}\n", 0, "x.json:1:1: event “a”: type: missing" },
    /* one event over several lines is not JSON Lines: no events key */
    { "{\"id\": \"a\",\n\"type\": \"departure\"}\n", 0, "x.json:1:1: a scenario needs an “events” array" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;
      gboolean ok = attrib_ledger_load_data (ledger, cases[i].text, -1, "x.json", &error);

      if (cases[i].message == NULL && !ok)
        fail_msg ("case %u: %s", i, error->message);
      if (cases[i].message != NULL && ok)
        fail_msg ("case %u was accepted", i);
      if (cases[i].message != NULL && strstr (error->message, cases[i].message) == NULL)
        fail_msg ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
      assert_int_equal (attrib_ledger_get_n_events (ledger), cases[i].n_events);
    }

  /* and the event file of a .jsonl name is JSON Lines whatever it holds */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *dir = g_dir_make_tmp ("test-loader-XXXXXX", &error);
    g_autoptr(AttribLedger) ledger = load_path (dir, "one.jsonl", one_event);

    assert_int_equal (attrib_ledger_get_n_events (ledger), 1);
    g_rmdir (dir);
  }
}

/* A scenario without `title` and `expect` is a project's file: loaded
 * for its profile and events, refused by an audit. */
static void
test_scenario_without_audit_keys (void **state)
{
  static const char text[] =
    "{\"profile\": \"junyuan-2012\", \"now\": \"2024-03-31\",\n"
    " \"events\": [{\"id\": \"a\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"},\n"
    "            {\"id\": \"b\", \"type\": \"departure\", \"at\": \"2024-04-01\", \"party\": \"c/y\"}]}\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-loader-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "project.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribAudit) audit = attrib_audit_new ();

  assert_true (g_file_set_contents (path, text, -1, NULL));
  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    fail_msg ("%s", error->message);
  assert_string_equal (attrib_profile_get_id (profile), "junyuan-2012");
  assert_int_equal (attrib_ledger_get_n_events (ledger), 1);   /* up to its now */

  assert_false (attrib_audit_run_file (audit, file, NULL, &error));
  assert_non_null (strstr (error->message, "project.json:1:1: a scenario needs a “title” (a string)"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sample_file),
    cmocka_unit_test (test_bare_array),
    cmocka_unit_test (test_office_keys),
    cmocka_unit_test (test_all_or_nothing),
    cmocka_unit_test (test_bad_inputs),
    cmocka_unit_test (test_positions),
    cmocka_unit_test (test_csv_like_json),
    cmocka_unit_test (test_csv_errors),
    cmocka_unit_test (test_json_lines_like_json),
    cmocka_unit_test (test_load_watch_lines),
    cmocka_unit_test (test_json_lines_errors),
    cmocka_unit_test (test_json_lines_by_content),
    cmocka_unit_test (test_scenario_without_audit_keys),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
