/* test-record.c: an event's record, written and read back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The record (attrib-event-record.c) is what a durable store writes for
 * every event and reads back on reopening, so it must lose nothing:
 *
 * - every event of every audit scenario, as its ledger holds it, written,
 *   read back and written again gives the same bytes and the same
 *   canonical text (the fingerprints' input), and the events read back,
 *   added to a fresh ledger in the scenario's time zone, are the same
 *   events there;
 * - so do events built through the API with what no scenario holds:
 *   every field of every type, ranks left to the list's order, rosters
 *   whose groups interleave, microseconds, odd and extreme money, quotes,
 *   control characters and non-BMP text, masked and hashed phones, empty
 *   lists, the first and last instants a ledger takes, a seq and a rank
 *   beyond a file's bounds;
 * - a bad record is an error naming where it was, with the message the
 *   file loader gives for the same event, never a crash — nor is any
 *   truncation or corruption of a good one.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <attrib/attrib.h>

#include "attrib-event-private.h"
#include "attrib-event-record-private.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
record_of (AttribEvent *ev,
           GTimeZone   *tz)
{
  GString *out = g_string_new (NULL);

  _attrib_event_append_record (out, ev, tz);
  return g_string_free (out, FALSE);
}

static char *
canonical_of (AttribEvent *ev,
              GTimeZone   *tz)
{
  GString *out = g_string_new (NULL);

  _attrib_event_append_canonical (out, ev, tz);
  return g_string_free (out, FALSE);
}

static AttribTime
at (const char *text)
{
  AttribTime t = 0;

  assert_true (attrib_time_parse (text, NULL, &t, NULL));
  return t;
}

/* Writes @ev, reads it back and writes it again: one line, the same
 * bytes. Returns the event read back. */
static AttribEvent *
round_trip (AttribEvent *ev,
            GTimeZone   *tz,
            const char  *context)
{
  g_autofree char *first = record_of (ev, tz);
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  AttribEvent *back;

  if (strchr (first, '\n') != NULL || strchr (first, '\r') != NULL)
    fail_msg ("%s: the record of %s is not one line:\n%s", context, attrib_event_get_id (ev), first);
  back = _attrib_event_new_from_record (first, strlen (first), tz, context, &error);
  if (back == NULL)
    fail_msg ("%s: the record of %s does not read back: %s\n%s", context, attrib_event_get_id (ev),
              error->message, first);
  assert_true (back->fields == ev->fields);
  second = record_of (back, tz);
  if (strcmp (first, second) != 0)
    fail_msg ("%s: the record of %s changes when read back:\n%s\n%s", context, attrib_event_get_id (ev),
              first, second);
  return back;
}

/* round_trip(), and the canonical texts of @ev and of the event read back
 * are equal */
static AttribEvent *
round_trip_canonical (AttribEvent *ev,
                      GTimeZone   *tz,
                      const char  *context)
{
  AttribEvent *back = round_trip (ev, tz, context);
  g_autofree char *a = canonical_of (ev, tz);
  g_autofree char *b = canonical_of (back, tz);

  if (strcmp (a, b) != 0)
    fail_msg ("%s: the canonical text of %s changes when read back:\n%s\n%s", context,
              attrib_event_get_id (ev), a, b);
  return back;
}

/* Both ledgers hold the same events: the same canonical texts and the
 * same records, position by position. */
static void
assert_same_ledger (AttribLedger *expected,
                    AttribLedger *actual,
                    const char   *context)
{
  GTimeZone *tz = attrib_ledger_get_time_zone (expected);
  guint i, n = attrib_ledger_get_n_events (expected);

  assert_int_equal (n, attrib_ledger_get_n_events (actual));
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) a = attrib_ledger_get_event (expected, i);
      g_autoptr(AttribEvent) b = attrib_ledger_get_event (actual, i);
      g_autofree char *ca = canonical_of (a, tz);
      g_autofree char *cb = canonical_of (b, tz);
      g_autofree char *ra = record_of (a, tz);
      g_autofree char *rb = record_of (b, tz);

      if (strcmp (ca, cb) != 0)
        fail_msg ("%s: event %u differs in the ledger of the records:\n%s\n%s", context, i, ca, cb);
      if (strcmp (ra, rb) != 0)
        fail_msg ("%s: event %u's record differs in the ledger of the records:\n%s\n%s", context, i, ra, rb);
    }
}

/* One scenario: every event its ledger holds, through its record. */
static guint
check_scenario (const char *path,
                guint64    *fields_seen)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) model = NULL;
  g_autoptr(AttribLedger) fresh = NULL;
  g_autoptr(GError) error = NULL;
  GTimeZone *tz;
  guint i, n;

  if (!attrib_scenario_load (file, NULL, &profile, &model, &error))
    fail_msg ("%s: %s", path, error->message);
  assert_string_equal (attrib_ledger_get_time_zone_identifier (model),
                       attrib_profile_get_time_zone_identifier (profile));
  tz = attrib_ledger_get_time_zone (model);
  fresh = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), &error);
  assert_non_null (fresh);

  n = attrib_ledger_get_n_events (model);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (model, i);
      g_autoptr(AttribEvent) back = round_trip_canonical (ev, tz, path);

      *fields_seen |= ev->fields;
      if (!attrib_ledger_add_event (fresh, back, &error))
        fail_msg ("%s: event %s read back is refused: %s", path, attrib_event_get_id (ev), error->message);
    }
  assert_same_ledger (model, fresh, path);
  return n;
}

static void
test_audit_scenarios (void **state)
{
  g_autoptr(GDir) top = g_dir_open (TEST_AUDIT_DIR, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) missing = g_string_new (NULL);
  guint64 fields_seen = 0;
  const char *name;
  guint i, n_events = 0;
  int f;

  assert_non_null (top);
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *dir_path = g_build_filename (TEST_AUDIT_DIR, name, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *entry;

      if (dir == NULL)
        continue;
      while ((entry = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (entry, ".json"))
          g_ptr_array_add (paths, g_build_filename (dir_path, entry, NULL));
    }
  g_ptr_array_sort (paths, compare_strings);
  assert_true (paths->len > 300);
  for (i = 0; i < paths->len; i++)
    n_events += check_scenario (g_ptr_array_index (paths, i), &fields_seen);

  for (f = 0; f < ATTRIB_N_FIELDS; f++)
    if ((fields_seen & ATTRIB_FIELD_BIT (f)) == 0)
      g_string_append_printf (missing, " %s", _attrib_field_key (ATTRIB_EVENT_TYPE_VISIT, f));
  /* the API events of test_api_events() have them */
  print_message ("%u scenarios, %u events; keys no scenario has:%s\n", paths->len, n_events,
                 missing->len > 0 ? missing->str : " none");
  assert_true (n_events > 1000);
}

static AttribEvent *
new_visit (const char *id,
           AttribTime  t,
           const char *name,
           const char *phone)
{
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, t);

  attrib_event_set_customer (ev, name, phone);
  return ev;
}

/* Events of every type with every field, as an API user builds them. */
static GPtrArray *
api_events (void)
{
  GPtrArray *events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  AttribEvent *ev;

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r1", at ("2024-03-01T09:00:00.000001+08:00"));
  attrib_event_set_customer (ev, "李四", "138****8888");
  attrib_event_set_party (ev, "lj/zhang");
  attrib_event_set_report_stage (ev, ATTRIB_REPORT_STAGE_RENEWAL);
  attrib_event_set_expected_visit (ev, at ("2024-03-02T10:00:00.250+08:00"));
  attrib_event_set_evidence_at (ev, at ("2024-02-29T23:59:59.999999+08:00"));
  attrib_event_set_via (ev, "微信 \"群\" \\ 转发");
  attrib_event_set_activity (ev, "开盘\t活动\n第二行");
  attrib_event_set_seq (ev, 2000000);   /* beyond a file's ±1000000: the API allows it */
  attrib_event_set_note (ev, "他说：“好”, \"quoted\", \\back\\, \b\f\r\x01\x1f, 🏠 U+2028:\u2028 end");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r2", at ("2024-03-01T09:00:00+08:00"));
  attrib_event_set_customer (ev, NULL, "13800138000");
  attrib_event_set_party (ev, "wj");
  attrib_event_set_report_stage (ev, ATTRIB_REPORT_STAGE_FIRST);   /* the default, set */
  attrib_event_set_seq (ev, -1000000);
  g_ptr_array_add (events, ev);

  ev = new_visit ("v1", at ("2024-03-02T10:00:00.123457+08:00"), "李四", "13800138000");
  attrib_event_add_agent (ev, "lj/zhang", -1);   /* rank 0: its position */
  attrib_event_add_agent (ev, "wj/liu", -1);     /* rank 1 */
  attrib_event_add_agent (ev, "zy/wang", 0);
  attrib_event_add_agent (ev, "xx/big", 5000000);
  attrib_event_set_received_by (ev, "sales/a01");
  attrib_event_set_received_with (ev, "sales/a02");
  attrib_event_add_skipped (ev, "sales/a03", ATTRIB_SKIP_REASON_BUSY);
  attrib_event_add_skipped (ev, "sales/a04", ATTRIB_SKIP_REASON_ABSENT);
  attrib_event_add_skipped (ev, "sales/a06", ATTRIB_SKIP_REASON_OFFICIAL);
  attrib_event_set_designated (ev, "lj/zhang");
  attrib_event_set_appointment (ev, "lj/zhang");
  attrib_event_set_token (ev, "wj/liu");
  attrib_event_add_companion (ev, "王五", "13900139000", ATTRIB_RELATION_KIND_SPOUSE);
  attrib_event_add_companion (ev, NULL, "13700137000", ATTRIB_RELATION_KIND_NONE);
  attrib_event_add_companion (ev, "赵六", NULL, ATTRIB_RELATION_KIND_FRIEND);
  attrib_event_set_referred_by (ev, "钱七", "13600136000");
  attrib_event_set_visit_kind (ev, ATTRIB_VISIT_KIND_CALL);
  attrib_event_set_recognised (ev, ATTRIB_RECOGNISED_AFTER, "sales/a05");
  attrib_event_set_purpose (ev, ATTRIB_VISIT_PURPOSE_DEPOSIT_OR_SIGNING);
  attrib_event_set_seq (ev, -7);
  attrib_event_set_note (ev, "\"");
  g_ptr_array_add (events, ev);

  /* what the API takes and a file does not: "when" none, with an original */
  ev = new_visit ("v2", at ("2024-03-02T11:00:00+08:00"), "孙八", "13500135000");
  attrib_event_set_recognised (ev, ATTRIB_RECOGNISED_NONE, "sales/a05");
  attrib_event_set_visit_kind (ev, ATTRIB_VISIT_KIND_VISIT);
  attrib_event_set_purpose (ev, ATTRIB_VISIT_PURPOSE_CUSTOMER);
  g_ptr_array_add (events, ev);

  ev = new_visit ("v3", at ("2024-03-02T11:00:00+08:00"), "周九", NULL);
  attrib_event_set_recognised (ev, ATTRIB_RECOGNISED_DURING, NULL);
  attrib_event_set_purpose (ev, ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, "i1", at ("2024-01-05T08:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_interaction_kind (ev, ATTRIB_INTERACTION_KIND_FOLLOW_UP);
  attrib_event_set_by (ev, "CRM 王");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_FOLLOW_UP, "f1", at ("2024-03-03T08:00:00+08:00"));
  attrib_event_set_customer (ev, NULL, "138****8888");
  attrib_event_set_party (ev, "lj/zhang");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_RELATION, "rel1", at ("2024-03-03T09:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_counterpart (ev, "王五", "13900139000");
  attrib_event_set_relation_kind (ev, ATTRIB_RELATION_KIND_SPOUSE);
  attrib_event_set_verified (ev, FALSE);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_RELATION, "rel2", at ("2024-03-03T09:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_party (ev, "sales/a01");
  attrib_event_set_relation_kind (ev, ATTRIB_RELATION_KIND_EXECUTIVE);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_IDENTITY, "id1", at ("2024-03-03T09:30:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_counterpart (ev, NULL, "13800138001");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "g1", at ("2024-03-20T10:00:00.5+08:00"));
  attrib_event_set_deal (ev, "D1");
  attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SIGNED);
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_unit (ev, "3-1201");
  attrib_event_set_price (ev, G_GINT64_CONSTANT (325000001));
  attrib_event_set_product (ev, ATTRIB_PRODUCT_PARKING);
  attrib_event_set_closed_by (ev, "sales/a01");
  attrib_event_set_helped_by (ev, "sales/a02");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "g2", at ("2024-03-21T10:00:00+08:00"));
  attrib_event_set_deal (ev, "D1");
  attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_CANCELLED);
  attrib_event_set_price (ev, 1);
  attrib_event_set_product (ev, ATTRIB_PRODUCT_RESIDENTIAL);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_COMPLAINT, "c1", at ("2024-03-04T09:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "138****8888");
  attrib_event_set_party (ev, "lj/zhang");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_SANCTION, "s1", at ("2024-03-05T09:00:00+08:00"));
  attrib_event_set_sanction_kind (ev, ATTRIB_SANCTION_KIND_POACHING);
  attrib_event_add_sanctioned_party (ev, "lj/zhang");
  attrib_event_add_sanctioned_party (ev, "wj");
  attrib_event_set_customer (ev, NULL, "138****8888");
  attrib_event_set_deal (ev, "D1");
  attrib_event_set_fine (ev, 5);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_SANCTION, "s2", at ("2024-03-05T09:00:00+08:00"));
  attrib_event_set_sanction_kind (ev, ATTRIB_SANCTION_KIND_LIST_REPORT);
  attrib_event_add_sanctioned_party (ev, "zy");
  attrib_event_set_fine (ev, 0);
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_RULING, "u1", at ("2024-03-25T09:00:00+08:00"));
  attrib_event_set_deal (ev, "D1");
  attrib_event_add_share (ev, ATTRIB_SHARE_KIND_PERFORMANCE, "lj/zhang", 1, 3);
  attrib_event_add_share (ev, ATTRIB_SHARE_KIND_PERFORMANCE, "wj/liu", 2, 3);
  attrib_event_add_share (ev, ATTRIB_SHARE_KIND_COMMISSION, "developer", 1, 1);
  attrib_event_set_authority (ev, "营销总监");
  attrib_event_set_reason (ev, "双方同时到场，\"平分\"");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEPARTURE, "d1", at ("2024-03-26T09:00:00+08:00"));
  attrib_event_set_party (ev, "lj/zhang");
  g_ptr_array_add (events, ev);

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "ro1", at ("2024-03-01T08:00:00+08:00"));
  attrib_event_set_roster_date (ev, attrib_time_get_local_day (at ("2024-03-01T12:00:00+08:00"), NULL));
  attrib_event_add_roster_member (ev, "A", "a01");
  attrib_event_add_roster_member (ev, "A", "A/a02");
  attrib_event_add_roster_member (ev, "B", "b01");
  attrib_event_set_filed_at (ev, at ("2024-02-29T18:00:00+08:00"));
  g_ptr_array_add (events, ev);

  return events;
}

/* Events of the API: the record is stable, loses nothing the canonical
 * text has, and a ledger given the events read back holds what a ledger
 * given the events holds. */
static void
check_api_events (GPtrArray  *events,
                  const char *zone,
                  GBytes     *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribLedger) direct = attrib_ledger_new_full (zone, key, &error);
  g_autoptr(AttribLedger) model = attrib_ledger_new_full (zone, key, &error);
  g_autoptr(AttribLedger) fresh = attrib_ledger_new_full (zone, key, &error);
  GTimeZone *tz;
  guint i, n;

  assert_non_null (fresh);
  tz = attrib_ledger_get_time_zone (model);
  /* as built */
  for (i = 0; i < events->len; i++)
    {
      AttribEvent *ev = g_ptr_array_index (events, i);
      g_autoptr(AttribEvent) back = round_trip_canonical (ev, tz, zone);

      if (!attrib_ledger_add_event (model, ev, &error))
        fail_msg ("%s: %s", zone, error->message);
      if (!attrib_ledger_add_event (direct, back, &error))
        fail_msg ("%s: %s read back is refused: %s", zone, attrib_event_get_id (ev), error->message);
    }
  assert_same_ledger (model, direct, zone);
  /* as the ledger holds them */
  n = attrib_ledger_get_n_events (model);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (model, i);
      g_autoptr(AttribEvent) back = round_trip_canonical (ev, tz, zone);

      if (!attrib_ledger_add_event (fresh, back, &error))
        fail_msg ("%s: %s read back is refused: %s", zone, attrib_event_get_id (ev), error->message);
    }
  assert_same_ledger (model, fresh, zone);
}

static void
test_api_events (void **state)
{
  static const guint8 secret[] = "0123456789abcdef-record";
  g_autoptr(GPtrArray) events = api_events ();
  g_autoptr(GBytes) key = g_bytes_new_static (secret, sizeof secret - 1);
  const char *zones[] = { "Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata" };
  guint z;

  for (z = 0; z < G_N_ELEMENTS (zones); z++)
    check_api_events (events, zones[z], NULL);
  /* a keyed ledger holds hashed phones ("#…"): they read back as they are */
  check_api_events (events, "Asia/Shanghai", key);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AttribLedger) keyed = attrib_ledger_new_full ("Asia/Shanghai", key, &error);
    g_autoptr(AttribEvent) held = NULL;
    g_autoptr(AttribEvent) back = NULL;
    g_autofree char *text = NULL;
    guint i;

    for (i = 0; i < events->len; i++)
      assert_true (attrib_ledger_add_event (keyed, g_ptr_array_index (events, i), NULL));
    held = attrib_ledger_lookup_event (keyed, "v1");
    assert_non_null (held);
    assert_int_equal (attrib_event_get_customer_phone (held)[0], '#');
    text = record_of (held, attrib_ledger_get_time_zone (keyed));
    assert_non_null (strstr (text, "\"phone\":\"#"));
    back = round_trip_canonical (held, attrib_ledger_get_time_zone (keyed), "keyed");
    assert_string_equal (attrib_event_get_customer_phone (back), attrib_event_get_customer_phone (held));
  }
}

/* The format itself, pinned: the key order, times in the zone with their
 * offset and a fraction only when there is one, money as
 * attrib_money_format() writes it, the loader's keys per type. */
static void
test_format (void **state)
{
  g_autoptr(GTimeZone) shanghai = attrib_time_zone_new ("Asia/Shanghai", NULL);
  g_autoptr(GPtrArray) events = api_events ();
  static const struct {
    const char *id;
    const char *record;
  } expected[] = {
    { "r1", "{\"id\":\"r1\",\"type\":\"report\",\"at\":\"2024-03-01T09:00:00.000001+08:00\",\"seq\":2000000,"
            "\"customer\":{\"name\":\"李四\",\"phone\":\"138****8888\"},\"party\":\"lj/zhang\",\"stage\":\"renewal\","
            "\"expected_visit\":\"2024-03-02T10:00:00.250+08:00\",\"evidence_at\":\"2024-02-29T23:59:59.999999+08:00\","
            "\"via\":\"微信 \\\"群\\\" \\\\ 转发\",\"activity\":\"开盘\\t活动\\n第二行\","
            "\"note\":\"他说：“好”, \\\"quoted\\\", \\\\back\\\\, \\b\\f\\r\\u0001\\u001f, 🏠 U+2028:\u2028 end\"}" },
    { "v1", "{\"id\":\"v1\",\"type\":\"visit\",\"at\":\"2024-03-02T10:00:00.123457+08:00\",\"seq\":-7,"
            "\"customer\":{\"name\":\"李四\",\"phone\":\"13800138000\"},"
            "\"agents\":[{\"party\":\"lj/zhang\",\"rank\":0},{\"party\":\"wj/liu\",\"rank\":1},"
            "{\"party\":\"zy/wang\",\"rank\":0},{\"party\":\"xx/big\",\"rank\":5000000}],"
            "\"received_by\":\"sales/a01\",\"received_with\":\"sales/a02\","
            "\"skipped\":[{\"party\":\"sales/a03\",\"reason\":\"busy\"},{\"party\":\"sales/a04\",\"reason\":\"absent\"},"
            "{\"party\":\"sales/a06\",\"reason\":\"official\"}],"
            "\"designated\":\"lj/zhang\",\"appointment\":\"lj/zhang\",\"token\":\"wj/liu\","
            "\"companions\":[{\"name\":\"王五\",\"phone\":\"13900139000\",\"relation\":\"spouse\"},"
            "{\"phone\":\"13700137000\",\"relation\":\"none\"},{\"name\":\"赵六\",\"relation\":\"friend\"}],"
            "\"referred_by\":{\"name\":\"钱七\",\"phone\":\"13600136000\"},\"kind\":\"call\","
            "\"recognised\":{\"when\":\"after\",\"original\":\"sales/a05\"},\"purpose\":\"deposit_or_signing\","
            "\"note\":\"\\\"\"}" },
    { "v2", "{\"id\":\"v2\",\"type\":\"visit\",\"at\":\"2024-03-02T11:00:00+08:00\","
            "\"customer\":{\"name\":\"孙八\",\"phone\":\"13500135000\"},\"kind\":\"visit\","
            "\"recognised\":{\"when\":\"none\",\"original\":\"sales/a05\"},\"purpose\":\"customer\"}" },
    { "i1", "{\"id\":\"i1\",\"type\":\"interaction\",\"at\":\"2024-01-05T08:00:00+08:00\","
            "\"customer\":{\"name\":\"李四\",\"phone\":\"13800138000\"},\"kind\":\"follow_up\",\"by\":\"CRM 王\"}" },
    { "rel1", "{\"id\":\"rel1\",\"type\":\"relation\",\"at\":\"2024-03-03T09:00:00+08:00\","
              "\"a\":{\"name\":\"李四\",\"phone\":\"13800138000\"},\"b\":{\"name\":\"王五\",\"phone\":\"13900139000\"},"
              "\"kind\":\"spouse\",\"verified\":false}" },
    { "rel2", "{\"id\":\"rel2\",\"type\":\"relation\",\"at\":\"2024-03-03T09:00:00+08:00\","
              "\"a\":{\"name\":\"李四\",\"phone\":\"13800138000\"},\"party\":\"sales/a01\",\"kind\":\"executive\"}" },
    { "g1", "{\"id\":\"g1\",\"type\":\"deal\",\"at\":\"2024-03-20T10:00:00.500+08:00\","
            "\"purchaser\":{\"name\":\"李四\",\"phone\":\"13800138000\"},\"deal\":\"D1\",\"stage\":\"signed\","
            "\"unit\":\"3-1201\",\"price\":\"3250000.01\",\"product\":\"parking\",\"closed_by\":\"sales/a01\","
            "\"helped_by\":\"sales/a02\"}" },
    { "g2", "{\"id\":\"g2\",\"type\":\"deal\",\"at\":\"2024-03-21T10:00:00+08:00\",\"deal\":\"D1\","
            "\"stage\":\"cancelled\",\"price\":\"0.01\",\"product\":\"residential\"}" },
    { "c1", "{\"id\":\"c1\",\"type\":\"complaint\",\"at\":\"2024-03-04T09:00:00+08:00\","
            "\"customer\":{\"name\":\"李四\",\"phone\":\"138****8888\"},\"against\":\"lj/zhang\"}" },
    { "s1", "{\"id\":\"s1\",\"type\":\"sanction\",\"at\":\"2024-03-05T09:00:00+08:00\","
            "\"customer\":{\"phone\":\"138****8888\"},\"deal\":\"D1\",\"kind\":\"poaching\","
            "\"parties\":[\"lj/zhang\",\"wj\"],\"fine\":\"0.05\"}" },
    { "u1", "{\"id\":\"u1\",\"type\":\"ruling\",\"at\":\"2024-03-25T09:00:00+08:00\",\"deal\":\"D1\","
            "\"performance\":{\"lj/zhang\":\"1/3\",\"wj/liu\":\"2/3\"},\"commission\":{\"developer\":\"1/1\"},"
            "\"authority\":\"营销总监\",\"reason\":\"双方同时到场，\\\"平分\\\"\"}" },
    { "d1", "{\"id\":\"d1\",\"type\":\"departure\",\"at\":\"2024-03-26T09:00:00+08:00\",\"party\":\"lj/zhang\"}" },
    { "ro1", "{\"id\":\"ro1\",\"type\":\"roster\",\"at\":\"2024-03-01T08:00:00+08:00\",\"date\":\"2024-03-01\","
             "\"groups\":{\"A\":[\"A/a01\",\"A/a02\"],\"B\":[\"B/b01\"]},\"filed_at\":\"2024-02-29T18:00:00+08:00\"}" },
  };
  guint i, j;

  for (j = 0; j < G_N_ELEMENTS (expected); j++)
    {
      for (i = 0; i < events->len; i++)
        if (g_str_equal (attrib_event_get_id (g_ptr_array_index (events, i)), expected[j].id))
          break;
      assert_true (i < events->len);
      {
        g_autofree char *text = record_of (g_ptr_array_index (events, i), shanghai);

        assert_string_equal (text, expected[j].record);
      }
    }

  /* another zone: the same instants with its offset */
  {
    g_autoptr(GTimeZone) new_york = attrib_time_zone_new ("America/New_York", NULL);
    g_autofree char *text = record_of (g_ptr_array_index (events, 0), new_york);

    assert_non_null (strstr (text, "\"at\":\"2024-02-29T20:00:00.000001-05:00\""));
  }
}

/* What the API may give in several forms and a ledger keeps in one: a
 * roster whose groups interleave (A, B, A) — the record names each group
 * once, so it holds the consultants group by group, groups in the order
 * first named, as a ledger stores them — and shares not in lowest terms.
 * The record is of that one form: stable, and the event read back is
 * what a ledger holds of the event. */
static void
check_ledger_form (AttribEvent *ev,
                   const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribLedger) model = attrib_ledger_new_for_time_zone ("Asia/Shanghai", &error);
  g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone ("Asia/Shanghai", &error);
  g_autoptr(AttribEvent) back = NULL;
  g_autoptr(AttribEvent) held = NULL;
  g_autoptr(AttribEvent) held_back = NULL;
  g_autofree char *text = NULL, *held_text = NULL;
  g_autofree char *c_held = NULL, *c_back = NULL, *c_held_back = NULL;
  GTimeZone *tz = attrib_ledger_get_time_zone (model);

  text = record_of (ev, tz);
  assert_string_equal (text, expected);
  back = round_trip (ev, tz, "ledger form");

  assert_true (attrib_ledger_add_event (model, ev, &error));
  assert_true (attrib_ledger_add_event (fresh, back, &error));
  held = attrib_ledger_get_event (model, 0);
  held_back = attrib_ledger_get_event (fresh, 0);
  held_text = record_of (held, tz);
  assert_string_equal (held_text, expected);
  c_held = canonical_of (held, tz);
  c_back = canonical_of (back, tz);
  c_held_back = canonical_of (held_back, tz);
  assert_string_equal (c_held, c_back);
  assert_string_equal (c_held, c_held_back);
  assert_same_ledger (model, fresh, "ledger form");
}

static void
test_ledger_forms (void **state)
{
  g_autoptr(AttribEvent) roster = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "ro", at ("2024-03-01T08:00:00+08:00"));
  g_autoptr(AttribEvent) ruling = attrib_event_new (ATTRIB_EVENT_TYPE_RULING, "u", at ("2024-03-01T08:00:00+08:00"));
  g_autoptr(AttribEvent) back = NULL;
  g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
  const char *group = NULL;

  attrib_event_set_roster_date (roster, attrib_time_get_local_day (at ("2024-03-01T08:00:00+08:00"), tz));
  attrib_event_add_roster_member (roster, "A", "a01");
  attrib_event_add_roster_member (roster, "B", "b01");
  attrib_event_add_roster_member (roster, "A", "a02");
  attrib_event_add_roster_member (roster, "C", "c01");
  attrib_event_add_roster_member (roster, "B", "B/b02");
  check_ledger_form (roster, "{\"id\":\"ro\",\"type\":\"roster\",\"at\":\"2024-03-01T08:00:00+08:00\",\"date\":\"2024-03-01\","
                             "\"groups\":{\"A\":[\"A/a01\",\"A/a02\"],\"B\":[\"B/b01\",\"B/b02\"],\"C\":[\"C/c01\"]}}");
  back = round_trip (roster, tz, "interleaved");
  assert_int_equal (attrib_event_get_n_roster_members (back), 5);
  assert_string_equal (attrib_event_get_roster_member (back, 1, &group), "A/a02");
  assert_string_equal (group, "A");

  attrib_event_set_deal (ruling, "D1");
  attrib_event_add_share (ruling, ATTRIB_SHARE_KIND_PERFORMANCE, "lj", 4, 6);
  attrib_event_add_share (ruling, ATTRIB_SHARE_KIND_PERFORMANCE, "wj", 3, 9);
  attrib_event_add_share (ruling, ATTRIB_SHARE_KIND_COMMISSION, "lj", 50, 50);
  check_ledger_form (ruling, "{\"id\":\"u\",\"type\":\"ruling\",\"at\":\"2024-03-01T08:00:00+08:00\",\"deal\":\"D1\","
                             "\"performance\":{\"lj\":\"2/3\",\"wj\":\"1/3\"},\"commission\":{\"lj\":\"1/1\"}}");
}

/* Lists the loader takes empty keep their key: the field is set. */
static void
test_empty_lists (void **state)
{
  g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
  g_autoptr(AttribEvent) visit = new_visit ("v", at ("2024-03-02T10:00:00+08:00"), "李四", "13800138000");
  g_autoptr(AttribEvent) sanction = attrib_event_new (ATTRIB_EVENT_TYPE_SANCTION, "s", at ("2024-03-02T10:00:00+08:00"));
  g_autoptr(AttribEvent) back = NULL;
  g_autoptr(AttribEvent) back2 = NULL;
  g_autoptr(AttribEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *record = "{\"id\":\"v\",\"type\":\"visit\",\"at\":\"2024-03-02T10:00:00+08:00\","
                       "\"customer\":{\"name\":\"李四\",\"phone\":\"13800138000\"},\"agents\":[],\"companions\":[]}";

  /* as the loader builds them: the field set, no list */
  visit->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_AGENTS) | ATTRIB_FIELD_BIT (ATTRIB_FIELD_COMPANIONS) |
                   ATTRIB_FIELD_BIT (ATTRIB_FIELD_SKIPPED);
  text = record_of (visit, tz);
  assert_non_null (strstr (text, "\"agents\":[]"));
  assert_non_null (strstr (text, "\"companions\":[]"));
  assert_non_null (strstr (text, "\"skipped\":[]"));
  back = round_trip_canonical (visit, tz, "empty");
  assert_true (_attrib_event_has (back, ATTRIB_FIELD_AGENTS));
  assert_int_equal (attrib_event_get_n_agents (back), 0);

  attrib_event_set_sanction_kind (sanction, ATTRIB_SANCTION_KIND_DISPUTE);
  sanction->fields |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_PARTIES);
  back2 = round_trip_canonical (sanction, tz, "empty");
  assert_true (_attrib_event_has (back2, ATTRIB_FIELD_PARTIES));

  read = _attrib_event_new_from_record (record, strlen (record), tz, "store", &error);
  assert_non_null (read);
  g_free (text);
  text = record_of (read, tz);
  assert_string_equal (text, record);
}

/* Extremes: the first and last instants a ledger takes, also in zones
 * where the years' ends in UTC fall in 1899 or 10000 locally (a ledger
 * takes neither: its dates are local); local mean time's odd offset
 * (Shanghai before 1901); the first and last roster days; every gint64 of
 * money. */
static void
test_extremes (void **state)
{
  static const struct {
    const char *zone;
    AttribTime t;
    const char *text;
  } times[] = {
    { "America/New_York", ATTRIB_TIME_FIRST + G_GINT64_CONSTANT (5) * 3600 * G_USEC_PER_SEC,
      "\"at\":\"1900-01-01T00:00:00-05:00\"" },
    { "Asia/Shanghai", ATTRIB_TIME_FIRST, "\"at\":\"1900-01-01T08:06:00+08:06\"" },
    { "Asia/Shanghai", ATTRIB_TIME_LAST - G_GINT64_CONSTANT (8) * 3600 * G_USEC_PER_SEC,
      "\"at\":\"9999-12-31T23:59:59.999999+08:00\"" },
    { "America/New_York", ATTRIB_TIME_LAST, "\"at\":\"9999-12-31T18:59:59.999999-05:00\"" },
    { "UTC", ATTRIB_TIME_FIRST + 1, "\"at\":\"1900-01-01T00:00:00.000001+00:00\"" },
    { "Asia/Shanghai", -1, "\"at\":\"1970-01-01T07:59:59.999999+08:00\"" },
  };
  static const struct {
    const char *zone;
    AttribTime t;
    const char *message;
  } outside[] = {
    { "America/New_York", ATTRIB_TIME_FIRST,
      "event “d”: at: 1900-01-01T00:00:00+00:00 is 1899-12-31 in America/New_York: local dates go from 1900-01-01 to "
      "9999-12-31" },
    { "Asia/Shanghai", ATTRIB_TIME_LAST,
      "event “d”: at: 9999-12-31T23:59:59.999999+00:00 is 10000-01-01 in Asia/Shanghai: local dates go from 1900-01-01 to "
      "9999-12-31" },
  };
  static const gint64 amounts[] = { 0, 1, -1, 5, -5, 99, 100, -100, 12345, G_MAXINT64, G_MININT64, G_MININT64 + 1 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (times); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribLedger) model = attrib_ledger_new_for_time_zone (times[i].zone, &error);
      g_autoptr(AttribLedger) fresh = attrib_ledger_new_for_time_zone (times[i].zone, &error);
      GTimeZone *tz = attrib_ledger_get_time_zone (model);
      g_autoptr(AttribEvent) report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r", times[i].t);
      g_autoptr(AttribEvent) roster = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "ro", times[i].t);
      g_autoptr(AttribEvent) held = NULL;
      g_autoptr(AttribEvent) back = NULL;
      g_autoptr(AttribEvent) back_roster = NULL;
      g_autofree char *text = NULL;

      attrib_event_set_customer (report, "李四", "13800138000");
      attrib_event_set_party (report, "lj");
      attrib_event_set_expected_visit (report, times[i].t);
      attrib_event_set_evidence_at (report, times[i].t);
      attrib_event_set_roster_date (roster, i % 2 == 0 ? ATTRIB_DAY_FIRST : ATTRIB_DAY_LAST);
      attrib_event_add_roster_member (roster, "A", "a01");
      attrib_event_set_filed_at (roster, times[i].t);
      if (!attrib_ledger_add_event (model, report, &error) || !attrib_ledger_add_event (model, roster, &error))
        fail_msg ("%s: %s", times[i].zone, error->message);

      text = record_of (report, tz);
      if (strstr (text, times[i].text) == NULL)
        fail_msg ("%s: %s not in %s", times[i].zone, times[i].text, text);
      back = round_trip_canonical (report, tz, times[i].zone);
      back_roster = round_trip_canonical (roster, tz, times[i].zone);
      assert_int_equal (attrib_event_get_at (back), times[i].t);
      assert_int_equal (attrib_event_get_roster_date (back_roster), attrib_event_get_roster_date (roster));
      assert_true (attrib_ledger_add_event (fresh, back, &error));
      assert_true (attrib_ledger_add_event (fresh, back_roster, &error));
      assert_same_ledger (model, fresh, times[i].zone);
      held = attrib_ledger_get_event (model, 0);
      g_clear_pointer (&back, attrib_event_unref);
      back = round_trip_canonical (held, tz, times[i].zone);
    }

  /* the years' ends in UTC, local dates a ledger there does not take */
  for (i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribLedger) ledger = attrib_ledger_new_for_time_zone (outside[i].zone, &error);
      g_autoptr(AttribEvent) departure = attrib_event_new (ATTRIB_EVENT_TYPE_DEPARTURE, "d", outside[i].t);

      attrib_event_set_party (departure, "lj/a");
      assert_false (attrib_ledger_add_event (ledger, departure, &error));
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
      assert_string_equal (error->message, outside[i].message);
      assert_int_equal (attrib_ledger_get_n_events (ledger), 0);
    }

  for (i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
      g_autoptr(AttribEvent) deal = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "g", 0);
      g_autoptr(AttribEvent) sanction = attrib_event_new (ATTRIB_EVENT_TYPE_SANCTION, "s", 0);
      g_autoptr(AttribEvent) back = NULL;
      g_autoptr(AttribEvent) back2 = NULL;
      g_autofree char *money = attrib_money_format (amounts[i]);
      g_autofree char *text = NULL;
      g_autofree char *expected = g_strdup_printf ("\"price\":\"%s\"", money);

      attrib_event_set_price (deal, amounts[i]);
      attrib_event_set_fine (sanction, amounts[i]);
      text = record_of (deal, tz);
      assert_non_null (strstr (text, expected));
      back = round_trip_canonical (deal, tz, "money");
      back2 = round_trip_canonical (sanction, tz, "money");
      assert_true (back->price == amounts[i]);
      assert_true (back2->fine == amounts[i]);
    }
}

/* Reads @record as "store:7" and expects an error that begins with
 * "store:7: " and has @tail; with @file_tail, the file loader, given the
 * same object as an event of a file, says the same after its position. */
static void
expect_bad (const char *record,
            gssize      length,
            const char *message)
{
  g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribEvent) ev = NULL;

  ev = _attrib_event_new_from_record (record, length < 0 ? strlen (record) : (gsize) length, tz, "store:7", &error);
  if (ev != NULL)
    fail_msg ("read: %s", record);
  assert_non_null (error);
  assert_true (error->domain == ATTRIB_ERROR);
  if (!g_str_has_prefix (error->message, "store:7: "))
    fail_msg ("“%s” does not name where", error->message);
  if (message != NULL)
    assert_string_equal (error->message, message);
}

/* The loader's message for the same event in a file, after its
 * position: what the record's error says after "store:7: ". */
static void
expect_loader_message (const char *record)
{
  g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new_for_time_zone ("Asia/Shanghai", NULL);
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribEvent) ev = NULL;
  g_autofree char *file = g_strdup_printf ("[%s]", record);
  const char *p;

  assert_false (attrib_ledger_load_data (ledger, file, -1, "f.json", &file_error));
  ev = _attrib_event_new_from_record (record, strlen (record), tz, "store:7", &error);
  assert_null (ev);
  /* "f.json:1:COLUMN: rest" */
  p = file_error->message + strlen ("f.json:1:");
  while (g_ascii_isdigit (*p))
    p++;
  assert_true (g_str_has_prefix (p, ": "));
  assert_true (g_str_has_prefix (error->message, "store:7"));
  assert_string_equal (error->message + strlen ("store:7"), p);
  assert_int_equal (error->code, file_error->code);
}

static void
test_bad_records (void **state)
{
  static const char *same_as_loader[] = {
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"color\":\"red\"}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"agents\":[{\"rank\":1}]}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"agents\":[{\"party\":\"a\",\"rank\":-2}]}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"customer\":{\"name\":\"a\",\"age\":3}}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"customer\":{\"phone\":13800138000}}",
    "{\"id\":\"x\",\"type\":\"deal\",\"at\":\"2024-03-01T10:00:00+08:00\",\"price\":3250000}",
    "{\"id\":\"x\",\"type\":\"deal\",\"at\":\"2024-03-01T10:00:00+08:00\",\"price\":\"1.234\"}",
    "{\"id\":\"x\",\"type\":\"deal\",\"at\":\"2024-03-01T10:00:00+08:00\",\"stage\":\"sold\"}",
    "{\"id\":\"x\",\"type\":\"roster\",\"at\":\"2024-03-01T10:00:00+08:00\",\"date\":\"2024-3-1\"}",
    "{\"id\":\"x\",\"type\":\"roster\",\"at\":\"2024-03-01T10:00:00+08:00\",\"groups\":{}}",
    "{\"id\":\"x\",\"type\":\"ruling\",\"at\":\"2024-03-01T10:00:00+08:00\",\"performance\":{\"a\":\"1/0\"}}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00\"}",
    "{\"id\":\"x\",\"type\":\"party\",\"at\":\"2024-03-01T10:00:00+08:00\"}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"seq\":1.5}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"seq\":\"1\"}",
    "{\"id\":\"x\",\"type\":\"follow_up\",\"at\":\"2024-03-01T10:00:00+08:00\",\"kind\":\"call\"}",
    "{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"recognised\":{\"original\":\"a\"}}",
  };
  const char *good = "{\"id\":\"v\",\"type\":\"visit\",\"at\":\"2024-03-02T10:00:00.5+08:00\","
                     "\"customer\":{\"name\":\"李四\",\"phone\":\"13800138000\"},"
                     "\"agents\":[{\"party\":\"lj/zhang\",\"rank\":0}],\"note\":\"“引号”\"}";
  gsize good_length = strlen (good);
  guint i;

  expect_bad ("not json", -1, NULL);
  expect_bad ("", 0, NULL);
  expect_bad ("{", -1, NULL);
  expect_bad ("{\"id\":\"x\"}{}", -1, NULL);
  expect_bad ("{\"id\":\"x\",\"id\":\"y\"}", -1, NULL);
  expect_bad ("{\"id\":\"x\0\"}", 10, NULL);
  expect_bad ("\xff\xfe", -1, NULL);
  expect_bad ("[1,2]", -1, "store:7: expected an object, found an array");
  expect_bad ("\"visit\"", -1, "store:7: expected an object, found a string");
  expect_bad ("null", -1, "store:7: expected an object, found null");
  expect_bad ("{}", -1, "store:7: id: missing; every event needs an id");
  expect_bad ("{\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\"}", -1,
              "store:7: id: missing; every event needs an id");
  expect_bad ("{\"id\":7,\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\"}", -1,
              "store:7: id: expected a string, found the number 7 (write amounts as strings, e.g. \"3250000.00\")");
  expect_bad ("{\"id\":\"x\",\"at\":\"2024-03-01T10:00:00+08:00\"}", -1,
              "store:7: event “x”: type: missing; every event needs a type");
  expect_bad ("{\"id\":\"x\",\"type\":\"visit\"}", -1, "store:7: event “x”: at: missing; every event needs a time");
  expect_bad ("{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"color\":\"red\"}", -1,
              "store:7: event “x”: unknown key “color” in a “visit” event");
  /* a file's bounds do not hold for a record, a C int's do */
  expect_bad ("{\"id\":\"x\",\"type\":\"visit\",\"at\":\"2024-03-01T10:00:00+08:00\",\"seq\":2147483648}", -1,
              "store:7: event “x”: seq: expected an integer between -1000000 and 1000000, found 214***3648");
  for (i = 0; i < G_N_ELEMENTS (same_as_loader); i++)
    {
      expect_bad (same_as_loader[i], -1, NULL);
      expect_loader_message (same_as_loader[i]);
    }

  /* where left out */
  {
    g_autoptr(GError) error = NULL;

    assert_null (_attrib_event_new_from_record ("[]", 2, NULL, NULL, &error));
    assert_string_equal (error->message, "<record>: expected an object, found an array");
  }

  /* a good record: every truncation is an error; every byte changed
   * either reads or is an error */
  {
    g_autoptr(GTimeZone) tz = attrib_time_zone_new ("Asia/Shanghai", NULL);
    g_autoptr(AttribEvent) ev = _attrib_event_new_from_record (good, good_length, tz, "store:7", NULL);
    g_autofree char *copy = g_strdup (good);
    static const char replacements[] = { '\0', '"', '{', '}', '[', ']', ':', ',', '\\', 'x', '9', '\xe4' };

    assert_non_null (ev);
    for (i = 0; i < good_length; i++)
      expect_bad (good, i, NULL);
    for (i = 0; i < good_length; i++)
      {
        guint r;

        for (r = 0; r < G_N_ELEMENTS (replacements); r++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(AttribEvent) changed = NULL;

            copy[i] = replacements[r];
            changed = _attrib_event_new_from_record (copy, good_length, tz, "store:7", &error);
            assert_true ((changed == NULL) == (error != NULL));
            if (error != NULL && !g_str_has_prefix (error->message, "store:7: "))
              fail_msg ("“%s” does not name where", error->message);
            copy[i] = good[i];
          }
      }
  }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_format),
    cmocka_unit_test (test_api_events),
    cmocka_unit_test (test_ledger_forms),
    cmocka_unit_test (test_empty_lists),
    cmocka_unit_test (test_extremes),
    cmocka_unit_test (test_bad_records),
    cmocka_unit_test (test_audit_scenarios),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
