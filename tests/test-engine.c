/* test-engine.c: verdicts, determinism and fingerprints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <time.h>

#include <attrib/attrib.h>

#include "attrib-event-private.h"

static void
load_sample (AttribProfile **profile,
             AttribLedger  **ledger)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(GError) error = NULL;

  if (!attrib_scenario_load (file, NULL, profile, ledger, &error))
    fail_msg ("%s", error->message);
}

static char *
all_json (AttribEngine *engine,
          AttribLedger *ledger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  GString *out = g_string_new (NULL);
  guint i;

  assert_non_null (verdicts);
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append_printf (out, "%s\n", json);
    }
  return g_string_free (out, FALSE);
}

static void
test_sample_verdicts (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribVerdict) d1 = NULL;
  g_autoptr(AttribVerdict) d2 = NULL;
  g_autoptr(AttribVerdict) d3 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 num, den;

  load_sample (&profile, &ledger);
  engine = attrib_engine_new (profile);

  d1 = attrib_engine_attribute_deal (engine, ledger, "D1", &error);
  assert_non_null (d1);
  assert_int_equal (attrib_verdict_get_status (d1), ATTRIB_VERDICT_STATUS_DECIDED);
  attrib_verdict_get_party_share (d1, ATTRIB_SHARE_KIND_PERFORMANCE, "lianjia", &num, &den);
  assert_true (num == 1 && den == 2);
  assert_true (g_strv_contains (attrib_verdict_get_clauses (d1), "3.4"));

  d2 = attrib_engine_attribute_deal (engine, ledger, "D2", &error);
  attrib_verdict_get_party_share (d2, ATTRIB_SHARE_KIND_COMMISSION, "5i5j", &num, &den);
  assert_true (num == 1 && den == 1);
  assert_true (g_strv_contains (attrib_verdict_get_clauses (d2), "1.2.1"));
  assert_true (attrib_verdict_get_n_steps (d2) >= 2);
  assert_true (g_str_has_prefix (attrib_verdict_get_fingerprint (d2), "sha256:"));
  assert_int_equal (strlen (attrib_verdict_get_fingerprint (d2)), 7 + 64);

  d3 = attrib_engine_attribute_deal (engine, ledger, "D3", &error);
  assert_int_equal (attrib_verdict_get_status (d3), ATTRIB_VERDICT_STATUS_CANCELLED);
  assert_int_equal (attrib_verdict_get_n_shares (d3, ATTRIB_SHARE_KIND_PERFORMANCE), 0);

  assert_null (attrib_engine_attribute_deal (engine, ledger, "D404", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND));
}

/* The same events in any order give byte-identical verdict JSON. */
static void
test_insertion_order (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autofree char *reference = NULL;
  guint round, i, n;

  load_sample (&profile, &ledger);
  engine = attrib_engine_new (profile);
  reference = all_json (engine, ledger);
  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    g_ptr_array_add (events, attrib_ledger_get_event (ledger, i));

  for (round = 0; round < 25; round++)
    {
      g_autoptr(AttribLedger) shuffled = attrib_ledger_new ();
      g_autofree char *json = NULL;

      for (i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          gpointer tmp = events->pdata[i];

          events->pdata[i] = events->pdata[j];
          events->pdata[j] = tmp;
        }
      for (i = 0; i < n; i++)
        assert_true (attrib_ledger_add_event (shuffled, g_ptr_array_index (events, i), NULL));
      json = all_json (engine, shuffled);
      assert_string_equal (json, reference);
    }
}

/* A fingerprint covers the inputs: change an event the verdict used and
 * it changes; change one it did not use and it stays. */
static void
test_fingerprint (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribVerdict) before = NULL;
  g_autoptr(AttribLedger) changed = attrib_ledger_new ();
  g_autoptr(AttribLedger) unrelated = attrib_ledger_new ();
  g_autoptr(AttribVerdict) after = NULL;
  g_autoptr(AttribVerdict) same = NULL;
  g_autoptr(GError) error = NULL;
  guint i, n;

  load_sample (&profile, &ledger);
  engine = attrib_engine_new (profile);
  before = attrib_engine_attribute_deal (engine, ledger, "D2", &error);

  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      assert_true (attrib_ledger_add_event (unrelated, ev, NULL));
      if (g_str_equal (attrib_event_get_id (ev), "v-002"))
        attrib_event_set_note (ev, "a changed note");
      assert_true (attrib_ledger_add_event (changed, ev, NULL));
    }
  {
    g_autoptr(AttribEvent) extra = attrib_event_new (ATTRIB_EVENT_TYPE_DEPARTURE, "dep-x", 0);

    attrib_event_set_party (extra, "other/agent");
    assert_true (attrib_ledger_add_event (unrelated, extra, NULL));
  }

  after = attrib_engine_attribute_deal (engine, changed, "D2", &error);
  same = attrib_engine_attribute_deal (engine, unrelated, "D2", &error);
  assert_string_not_equal (attrib_verdict_get_fingerprint (before), attrib_verdict_get_fingerprint (after));
  assert_string_equal (attrib_verdict_get_fingerprint (before), attrib_verdict_get_fingerprint (same));

  /* a person whose claims were worked out counts whole, by one digest
   * (docs/determinism.md): a later call of the customer the purchaser is
   * the spouse of, which moves nothing, changes it; another customer's
   * visit does not */
  {
    g_autoptr(AttribLedger) called = attrib_ledger_new ();
    g_autoptr(AttribLedger) visited = attrib_ledger_new ();
    g_autoptr(AttribEvent) call = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, "crm-late", attrib_verdict_get_at (before) + G_TIME_SPAN_DAY);
    g_autoptr(AttribEvent) visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v-other", attrib_verdict_get_at (before) - G_TIME_SPAN_DAY);
    g_autoptr(AttribVerdict) after_call = NULL;
    g_autoptr(AttribVerdict) after_visit = NULL;
    g_autoptr(GPtrArray) batch = NULL;

    attrib_event_set_customer (call, "王五", "13700137000");
    attrib_event_set_interaction_kind (call, ATTRIB_INTERACTION_KIND_CALL);
    attrib_event_set_customer (visit, "孙七", "13500135000");
    attrib_event_add_agent (visit, "lianjia/zhangsan", 0);
    for (i = 0; i < n; i++)
      {
        g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

        assert_true (attrib_ledger_add_event (called, ev, NULL));
        assert_true (attrib_ledger_add_event (visited, ev, NULL));
      }
    assert_true (attrib_ledger_add_event (called, call, NULL));
    assert_true (attrib_ledger_add_event (visited, visit, NULL));
    after_call = attrib_engine_attribute_deal (engine, called, "D2", &error);
    after_visit = attrib_engine_attribute_deal (engine, visited, "D2", &error);
    assert_string_not_equal (attrib_verdict_get_fingerprint (before), attrib_verdict_get_fingerprint (after_call));
    assert_string_equal (attrib_verdict_get_fingerprint (before), attrib_verdict_get_fingerprint (after_visit));
    /* the batch gives each deal the fingerprint it gets alone */
    batch = attrib_engine_attribute_all (engine, called, &error);
    for (i = 0; i < batch->len; i++)
      if (g_str_equal (attrib_verdict_get_deal (g_ptr_array_index (batch, i)), "D2"))
        assert_string_equal (attrib_verdict_get_fingerprint (g_ptr_array_index (batch, i)),
                             attrib_verdict_get_fingerprint (after_call));
  }
}

static void
test_time_zone_mismatch (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", &error);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new_for_time_zone ("Europe/Berlin", &error);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(GPtrArray) verdicts = NULL;

  assert_non_null (ledger);
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  assert_null (verdicts);
  assert_non_null (strstr (error->message, "Europe/Berlin"));
}

static AttribTime
T (const char *text)
{
  AttribTime t = 0;

  assert_true (attrib_time_parse (text, NULL, &t, NULL));
  return t;
}

/* Claims are first-class, and the desk can ask before a visit. */
static void
test_claims_and_desk (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribPerson) wang = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(AttribEvent) visit = NULL;
  g_autoptr(AttribEvent) other = NULL;
  g_autoptr(AttribEvent) later = NULL;
  g_autoptr(AttribClaim) yes = NULL;
  g_autoptr(AttribClaim) no = NULL;
  g_autoptr(AttribClaim) fresh = NULL;
  g_autoptr(AttribEvent) report = NULL;
  g_autoptr(AttribClaim) via_report = NULL;
  g_autoptr(GError) error = NULL;
  AttribClaim *c;

  load_sample (&profile, &ledger);
  engine = attrib_engine_new (profile);
  wang = attrib_ledger_find_person (ledger, "王五", NULL, &error);

  /* 5i5j confirmed 王五 on 2024-03-02: a claim to 2024-06-01 */
  claims = attrib_engine_get_claims (engine, ledger, wang, T ("2024-04-01"), &error);
  assert_non_null (claims);
  assert_int_equal (claims->len, 1);
  c = g_ptr_array_index (claims, 0);
  assert_int_equal (attrib_claim_get_state (c), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_string_equal (attrib_claim_get_holder (c), "5i5j/liuyang");
  assert_string_equal (attrib_claim_get_channel (c), "5i5j");
  assert_string_equal (attrib_claim_get_clause (c), "1.1.4");
  assert_true (attrib_claim_get_end (c) == T ("2024-06-02"));
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = attrib_engine_get_claims (engine, ledger, wang, T ("2024-06-02"), &error);
  assert_int_equal (attrib_claim_get_state (g_ptr_array_index (claims, 0)), ATTRIB_CLAIM_STATE_EXPIRED);

  /* lianjia bringing 王五 during 5i5j's claim: protected (1.1.1) */
  visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-1", T ("2024-04-10T10:00:00+08:00"));
  attrib_event_set_customer (visit, "王五", "13700137000");
  attrib_event_add_agent (visit, "lianjia/zhangsan", 0);
  no = attrib_engine_check (engine, ledger, visit, &error);
  assert_non_null (no);
  assert_int_equal (attrib_claim_get_state (no), ATTRIB_CLAIM_STATE_REJECTED);
  assert_string_equal (attrib_claim_get_clause (no), "1.1.1");
  assert_non_null (attrib_claim_get_reason (no));
  /* the ledger is unchanged */
  assert_null (attrib_ledger_lookup_event (ledger, "desk-1"));

  /* after the claim, another channel may confirm him */
  later = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-2", T ("2024-07-01T10:00:00+08:00"));
  attrib_event_set_customer (later, "王五", "13700137000");
  attrib_event_add_agent (later, "lianjia/zhangsan", 0);
  yes = attrib_engine_check (engine, ledger, later, &error);
  assert_int_equal (attrib_claim_get_state (yes), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_string_equal (attrib_claim_get_holder (yes), "lianjia/zhangsan");
  assert_true (attrib_claim_get_end (yes) == T ("2024-10-01"));

  /* a customer the ledger has never seen */
  other = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-3", T ("2024-07-01T10:00:00+08:00"));
  attrib_event_set_customer (other, "新客", "15900001111");
  attrib_event_add_agent (other, "centaline/x", 0);
  fresh = attrib_engine_check (engine, ledger, other, &error);
  assert_int_equal (attrib_claim_get_state (fresh), ATTRIB_CLAIM_STATE_ACTIVE);

  /* junyuan-2012 confirms by visits: a report alone gives nothing */
  report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "desk-4", T ("2024-07-01T10:00:00+08:00"));
  attrib_event_set_customer (report, "新客", "15900001111");
  attrib_event_set_party (report, "centaline/x");
  via_report = attrib_engine_check (engine, ledger, report, &error);
  assert_int_equal (attrib_claim_get_state (via_report), ATTRIB_CLAIM_STATE_REJECTED);
}

/* Where reports confirm, the desk can ask about a report. */
static void
test_desk_report (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("joint-agency", &error);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribEvent) first = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r1", T ("2024-01-10T10:00:00+08:00"));
  g_autoptr(AttribEvent) second = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r2", T ("2024-02-01T10:00:00+08:00"));
  g_autoptr(AttribEvent) later = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r3", T ("2024-04-10T10:00:00+08:00"));
  g_autoptr(AttribClaim) no = NULL;
  g_autoptr(AttribClaim) yes = NULL;

  attrib_event_set_party (first, "A/wang");
  attrib_event_set_customer (first, "刘一", "13811112222");
  assert_true (attrib_ledger_add_event (ledger, first, &error));

  attrib_event_set_party (second, "B/zhao");
  attrib_event_set_customer (second, "刘一", "13811112222");
  no = attrib_engine_check (engine, ledger, second, &error);
  assert_int_equal (attrib_claim_get_state (no), ATTRIB_CLAIM_STATE_REJECTED);
  assert_string_equal (attrib_claim_get_clause (no), "三.1");

  /* A's claim ran 2024-01-10 … 2024-04-09: from the 10th B may claim */
  attrib_event_set_party (later, "B/zhao");
  attrib_event_set_customer (later, "刘一", "13811112222");
  yes = attrib_engine_check (engine, ledger, later, &error);
  assert_int_equal (attrib_claim_get_state (yes), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_string_equal (attrib_claim_get_holder (yes), "B/zhao");
  assert_true (attrib_claim_get_end (yes) == T ("2024-07-10"));
}

/* A masked report with a name (catalog §11), under joint-agency, where
 * the first report claims: the name decides by default; with
 * `mask_names` false the report is ambiguous, in the batch, in the check
 * of the report and at the desk alike. */
static void
test_mask_names (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("joint-agency", &error);
  g_autoptr(AttribProfile) off = attrib_profile_derive (profile, "{\"mask_names\": false}", &error);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autofree char *canonical = attrib_profile_to_json (off);
  const char *events =
    "[{\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-01-02\", \"customer\": {\"name\": \"刘一\", \"phone\": \"13811112222\"}},"
    " {\"id\": \"v2\", \"type\": \"visit\", \"at\": \"2024-01-03\", \"customer\": {\"name\": \"周八\", \"phone\": \"13899992222\"}},"
    " {\"id\": \"r1\", \"type\": \"report\", \"at\": \"2024-01-10T10:00:00+08:00\", \"party\": \"A/wang\","
    "  \"customer\": {\"name\": \"刘\", \"phone\": \"138****2222\"}},"
    " {\"id\": \"D1-s\", \"type\": \"deal\", \"at\": \"2024-02-01\", \"deal\": \"D1\", \"stage\": \"subscribed\","
    "  \"purchaser\": {\"name\": \"刘一\", \"phone\": \"13811112222\"}}]";
  const char *reason = "its customer's masked phone or name matches several customers";
  guint round;

  assert_non_null (off);
  assert_non_null (strstr (canonical, "\"mask_names\": false"));
  assert_true (attrib_ledger_load_data (ledger, events, -1, "masks.json", &error));

  /* twice: on the ledger as it is, then frozen (the view of the persons
   * without names is built once per index) */
  for (round = 0; round < 2; round++)
    {
      g_autoptr(AttribEngine) on_engine = attrib_engine_new (profile);
      g_autoptr(AttribEngine) off_engine = attrib_engine_new (off);
      g_autoptr(AttribVerdict) on_verdict = attrib_engine_attribute_deal (on_engine, ledger, "D1", &error);
      g_autoptr(AttribVerdict) off_verdict = attrib_engine_attribute_deal (off_engine, ledger, "D1", &error);
      g_autoptr(AttribEvent) desk = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r2", T ("2024-01-20T10:00:00+08:00"));
      g_autoptr(AttribClaim) on_claim = NULL;
      g_autoptr(AttribClaim) off_claim = NULL;
      g_autofree char *on_reason = NULL;
      g_autofree char *off_reason = NULL;
      gboolean accepted = FALSE;
      gint64 num, den;

      /* the name decides: A's report is 刘一's, and so is the deal */
      assert_true (attrib_engine_check_report (on_engine, ledger, "r1", &accepted, &on_reason, &error));
      assert_true (accepted);
      assert_int_equal (attrib_verdict_get_n_shares (on_verdict, ATTRIB_SHARE_KIND_PERFORMANCE), 1);
      assert_string_equal (attrib_verdict_get_share (on_verdict, ATTRIB_SHARE_KIND_PERFORMANCE, 0, &num, &den), "A/wang");

      /* the name does not decide: ambiguous, the developer's */
      assert_true (attrib_engine_check_report (off_engine, ledger, "r1", &accepted, &off_reason, &error));
      assert_false (accepted);
      assert_string_equal (off_reason, reason);
      assert_string_equal (attrib_verdict_get_share (off_verdict, ATTRIB_SHARE_KIND_PERFORMANCE, 0, &num, &den), "developer");

      /* the desk, asked about B's masked report for 刘: A holds him, or
       * nobody can tell who he is */
      attrib_event_set_party (desk, "B/zhao");
      attrib_event_set_customer (desk, "刘", "138****2222");
      on_claim = attrib_engine_check (on_engine, ledger, desk, &error);
      assert_int_equal (attrib_claim_get_state (on_claim), ATTRIB_CLAIM_STATE_REJECTED);
      assert_string_equal (attrib_claim_get_clause (on_claim), "三.1");
      off_claim = attrib_engine_check (off_engine, ledger, desk, &error);
      assert_int_equal (attrib_claim_get_state (off_claim), ATTRIB_CLAIM_STATE_REJECTED);
      assert_null (attrib_claim_get_clause (off_claim));
      assert_string_equal (attrib_claim_get_reason (off_claim), reason);

      attrib_ledger_freeze (ledger);
    }
}

/* A batch shared among threads gives the verdicts one thread gives, in
 * the same order. */
static void
test_threads (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autofree char *one = NULL, *many = NULL;
  GString *events = g_string_new ("[");
  guint i;

  for (i = 0; i < 600; i++)
    {
      guint customer = g_rand_int_range (rand, 0, 400);

      g_string_append_printf (events,
                              "%s{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\", \"seq\": %u,"
                              " \"customer\": {\"phone\": \"138%08u\"}, \"agents\": [{\"party\": \"ch%u/a\"}]},"
                              " {\"id\": \"g%u\", \"type\": \"deal\", \"at\": \"2024-0%u-20T10:00:00+08:00\", \"deal\": \"D%u\","
                              " \"stage\": \"signed\", \"purchaser\": {\"phone\": \"138%08u\"}}",
                              i ? ", " : "", i, i, customer, i % 7, i, 3 + g_rand_int_range (rand, 0, 5), i, customer);
    }
  g_string_append (events, "]");
  assert_true (attrib_ledger_load_data (ledger, events->str, -1, "t.json", NULL));
  g_string_free (events, TRUE);
  attrib_ledger_freeze (ledger);

  /* the property, and nothing else: the library reads no ATTRIB_THREADS */
  g_setenv ("ATTRIB_THREADS", "3", TRUE);
  assert_int_equal (attrib_engine_get_n_threads (engine), 0);
  attrib_engine_set_n_threads (engine, 1);
  one = all_json (engine, ledger);
  g_object_set (engine, "n-threads", 4, NULL);
  assert_int_equal (attrib_engine_get_n_threads (engine), 4);
  many = all_json (engine, ledger);
  g_unsetenv ("ATTRIB_THREADS");
  assert_true (strlen (one) > 10000);
  assert_string_equal (one, many);
  {
    g_autofree char *every = NULL;
    guint n;

    /* as many as the most it takes, and one per processor */
    attrib_engine_set_n_threads (engine, ATTRIB_MAX_THREADS);
    every = all_json (engine, ledger);
    assert_string_equal (one, every);
    attrib_engine_set_n_threads (engine, 0);
    g_object_get (engine, "n-threads", &n, NULL);
    assert_int_equal (n, 0);
    g_clear_pointer (&every, g_free);
    every = all_json (engine, ledger);
    assert_string_equal (one, every);
  }
}

/* The verdict as a line of what a keyed ledger must reproduce: status,
 * shares and clauses (not the fingerprint, whose inputs are the phones). */
static char *
verdict_summary (AttribVerdict *verdict)
{
  GString *s = g_string_new (NULL);
  const char * const *clauses = attrib_verdict_get_clauses (verdict);
  guint kind, i;

  g_string_append_printf (s, "%s %d", attrib_verdict_get_deal (verdict), attrib_verdict_get_status (verdict));
  for (kind = 0; kind < 2; kind++)
    for (i = 0; i < attrib_verdict_get_n_shares (verdict, kind); i++)
      {
        gint64 num, den;
        const char *party = attrib_verdict_get_share (verdict, kind, i, &num, &den);

        g_string_append_printf (s, " %u:%s=%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, kind, party, num, den);
      }
  for (i = 0; clauses[i] != NULL; i++)
    g_string_append_printf (s, " %s", clauses[i]);
  return g_string_free (s, FALSE);
}

static gboolean
has_masked_phone (AttribLedger *ledger)
{
  guint i, n = attrib_ledger_get_n_events (ledger);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      const char *phones[] = { attrib_event_get_customer_phone (ev), attrib_event_get_counterpart_phone (ev),
                               attrib_event_get_referred_by_phone (ev) };
      guint k;

      for (k = 0; k < G_N_ELEMENTS (phones); k++)
        if (phones[k] != NULL && strchr (phones[k], '*') != NULL)
          return TRUE;
    }
  return FALSE;
}

/* Every deal's verdict from @ledger and from its copy keeping hashed
 * phones only; returns the number of deals compared. */
static guint
compare_keyed (AttribProfile *profile,
               AttribLedger  *ledger,
               const char    *what)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("a project's secret key", 22);
  g_autoptr(AttribLedger) keyed = attrib_ledger_new_full (attrib_ledger_get_time_zone_identifier (ledger), key, NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(GPtrArray) plain = NULL;
  g_autoptr(GPtrArray) hashed = NULL;
  g_autoptr(GError) error = NULL;
  guint i, n = attrib_ledger_get_n_events (ledger);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      if (!attrib_ledger_add_event (keyed, ev, &error))
        fail_msg ("%s: %s", what, error->message);
    }
  attrib_ledger_freeze (keyed);
  assert_int_equal (attrib_ledger_get_n_persons (keyed), attrib_ledger_get_n_persons (ledger));
  plain = attrib_engine_attribute_all (engine, ledger, &error);
  assert_non_null (plain);
  hashed = attrib_engine_attribute_all (engine, keyed, &error);
  assert_non_null (hashed);
  assert_int_equal (plain->len, hashed->len);
  for (i = 0; i < plain->len; i++)
    {
      g_autofree char *a = verdict_summary (g_ptr_array_index (plain, i));
      g_autofree char *b = verdict_summary (g_ptr_array_index (hashed, i));

      if (!g_str_equal (a, b))
        fail_msg ("%s: with phones “%s”, hashed “%s”", what, a, b);
    }
  return plain->len;
}

/* A ledger that keeps phones only hashed gives the same verdicts wherever
 * no masked phone is involved: every audit scenario without masks. */
static void
test_hashed_phones (void **state)
{
  g_autoptr(GDir) suites = g_dir_open (TEST_DATA_DIR "/../audit", 0, NULL);
  g_autoptr(GBytes) key = g_bytes_new_static ("a project's secret key", 22);
  g_autoptr(GError) error = NULL;
  const char *suite;
  guint deals = 0, files = 0;

  assert_non_null (suites);
  while ((suite = g_dir_read_name (suites)) != NULL)
    {
      g_autofree char *dir_path = g_build_filename (TEST_DATA_DIR, "..", "audit", suite, NULL);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir_path, name, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          g_autoptr(AttribProfile) profile = NULL;
          g_autoptr(AttribLedger) ledger = NULL;

          if (!g_str_has_suffix (name, ".json") || !attrib_scenario_load (file, NULL, &profile, &ledger, NULL) ||
              has_masked_phone (ledger))
            continue;
          deals += compare_keyed (profile, ledger, path);
          files++;
        }
    }
  assert_true (files > 100);
  assert_true (deals > 100);

  /* the key is long enough */
  {
    g_autoptr(GBytes) short_key = g_bytes_new_static ("short", 5);
    g_autoptr(AttribLedger) fresh = NULL;
    g_autoptr(GPtrArray) found = NULL;

    assert_null (attrib_ledger_new_full (NULL, short_key, &error));
    assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_KEY));
    g_clear_error (&error);

    /* lookups hash the phone they are given; the raw number is not kept */
    fresh = attrib_ledger_new_full (NULL, key, NULL);
    assert_true (attrib_ledger_load_data (fresh, "[{\"id\": \"r\", \"type\": \"report\", \"at\": \"2024-03-01\","
                                          " \"party\": \"a\", \"customer\": {\"phone\": \"138 0013 8000\"}}]", -1, "e.json", NULL));
    attrib_ledger_freeze (fresh);
    found = attrib_ledger_match_persons (fresh, NULL, "13800138000", NULL);
    assert_int_equal (found->len, 1);
    assert_true (attrib_phone_is_hashed (attrib_person_get_phones (g_ptr_array_index (found, 0))[0]));
    g_clear_pointer (&found, g_ptr_array_unref);
    found = attrib_ledger_match_persons (fresh, NULL, "138****8000", NULL);
    assert_int_equal (found->len, 0);
  }
}

static AttribEvent *
office_visit (const char *id,
              const char *at,
              const char *phone,
              const char *received_by)
{
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, T (at));

  attrib_event_set_customer (ev, NULL, phone);
  attrib_event_set_received_by (ev, received_by);
  return ev;
}

/* Subscription “D1-s” of deal D1 by the customer of @phone. */
static AttribEvent *
subscription (const char *at,
              const char *phone)
{
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "D1-s", T (at));

  attrib_event_set_deal (ev, "D1");
  attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
  attrib_event_set_customer (ev, NULL, phone);
  return ev;
}

static void
add_and_unref (AttribLedger *ledger,
               AttribEvent  *ev)
{
  g_autoptr(GError) error = NULL;

  if (!attrib_ledger_add_event (ledger, ev, &error))
    fail_msg ("%s", error->message);
  attrib_event_unref (ev);
}

/* A natural visit at agent level: the receiver holds the customer with
 * the lowest standing — listed among the claims without end — and the
 * desk rejects a report filed after it (sales-dept 二.5). */
static void
test_natural_visit (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("sales-dept", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribPerson) li = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(AttribEvent) report = NULL;
  g_autoptr(AttribClaim) answer = NULL;
  g_autoptr(GError) error = NULL;
  AttribClaim *c;

  add_and_unref (ledger, office_visit ("v1", "2024-03-04T10:00:00+08:00", "13800138000", "sales/chen"));
  li = attrib_ledger_find_person (ledger, NULL, "13800138000", &error);
  assert_non_null (li);
  claims = attrib_engine_get_claims (engine, ledger, li, T ("2024-03-05"), &error);
  assert_non_null (claims);
  assert_int_equal (claims->len, 1);
  c = g_ptr_array_index (claims, 0);
  assert_int_equal (attrib_claim_get_state (c), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_string_equal (attrib_claim_get_holder (c), "sales/chen");
  assert_string_equal (attrib_claim_get_clause (c), "自然到访");
  assert_true (attrib_claim_get_begin (c) == T ("2024-03-04T10:00:00+08:00"));
  assert_true (attrib_claim_get_end (c) == G_MAXINT64);

  report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "desk-1", T ("2024-03-05T20:00:00+08:00"));
  attrib_event_set_customer (report, NULL, "13800138000");
  attrib_event_set_party (report, "sales/wang");
  answer = attrib_engine_check (engine, ledger, report, &error);
  assert_non_null (answer);
  assert_int_equal (attrib_claim_get_state (answer), ATTRIB_CLAIM_STATE_REJECTED);
  assert_string_equal (attrib_claim_get_clause (answer), "二.5");
}

/* lvchen-joint 三.(二).3: a reception turned down keeps its own 7 days,
 * which a second turned-down reception does not extend; once both lapse
 * with nobody else receiving, the deal stays with the last receiver. */
static void
test_queued_reception (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("lvchen-joint", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribPerson) p = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autoptr(AttribEvent) deal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 num, den;
  guint i, queued = 0;

  add_and_unref (ledger, office_visit ("v1", "2024-03-01T10:00:00+08:00", "13912345678", "A/a01"));
  add_and_unref (ledger, office_visit ("v2", "2024-03-03T10:00:00+08:00", "13912345678", "B/b02"));
  add_and_unref (ledger, office_visit ("v3", "2024-03-06T10:00:00+08:00", "13912345678", "B/b02"));
  deal = subscription ("2024-03-11T16:00:00+08:00", "13912345678");
  attrib_event_set_closed_by (deal, "B/b02");
  assert_true (attrib_ledger_add_event (ledger, deal, &error));

  p = attrib_ledger_find_person (ledger, NULL, "13912345678", &error);
  claims = attrib_engine_get_claims (engine, ledger, p, T ("2024-03-31"), &error);
  assert_non_null (claims);
  for (i = 0; i < claims->len; i++)
    {
      AttribClaim *c = g_ptr_array_index (claims, i);

      if (g_strcmp0 (attrib_claim_get_holder (c), "B/b02") != 0 ||
          attrib_claim_get_state (c) == ATTRIB_CLAIM_STATE_REJECTED)
        continue;
      /* from “v2”: 8 and 9 March, after A/a01's seven days; it ran its
       * course */
      assert_string_equal (attrib_claim_get_event (c), "v2");
      assert_true (attrib_claim_get_begin (c) == T ("2024-03-08"));
      assert_true (attrib_claim_get_end (c) == T ("2024-03-10"));
      assert_int_equal (attrib_claim_get_state (c), ATTRIB_CLAIM_STATE_EXPIRED);
      queued++;
    }
  assert_int_equal (queued, 1);

  /* on 5 March it waits behind A/a01's; on the 8th it runs */
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = attrib_engine_get_claims (engine, ledger, p, T ("2024-03-05"), &error);
  for (i = 0; i < claims->len; i++)
    if (g_strcmp0 (attrib_claim_get_event (g_ptr_array_index (claims, i)), "v2") == 0 &&
        attrib_claim_get_state (g_ptr_array_index (claims, i)) != ATTRIB_CLAIM_STATE_REJECTED)
      assert_int_equal (attrib_claim_get_state (g_ptr_array_index (claims, i)), ATTRIB_CLAIM_STATE_QUEUED);
  g_clear_pointer (&claims, g_ptr_array_unref);
  claims = attrib_engine_get_claims (engine, ledger, p, T ("2024-03-08T12:00:00+08:00"), &error);
  for (i = 0; i < claims->len; i++)
    if (g_strcmp0 (attrib_claim_get_event (g_ptr_array_index (claims, i)), "v2") == 0 &&
        attrib_claim_get_state (g_ptr_array_index (claims, i)) != ATTRIB_CLAIM_STATE_REJECTED)
      assert_int_equal (attrib_claim_get_state (g_ptr_array_index (claims, i)), ATTRIB_CLAIM_STATE_ACTIVE);

  verdict = attrib_engine_attribute_deal (engine, ledger, "D1", &error);
  attrib_verdict_get_party_share (verdict, ATTRIB_SHARE_KIND_PERFORMANCE, "B/b02", &num, &den);
  assert_true (num == 1 && den == 1);
  assert_true (g_strv_contains (attrib_verdict_get_clauses (verdict), "三.(二).3"));
}

/* The state of a claim that ended early, which 0.1 reported as expired,
 * says what ended it: the holder left (DEPARTED), a walk-in outranked a call
 * (SUPERSEDED), a complaint (ENDED). */
static AttribClaimState
state_of (AttribEngine *engine,
          AttribLedger *ledger,
          const char   *phone,
          const char   *event,
          AttribTime    at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribPerson) p = attrib_ledger_find_person (ledger, NULL, phone, &error);
  g_autoptr(GPtrArray) claims = attrib_engine_get_claims (engine, ledger, p, at, &error);
  guint i;

  assert_non_null (claims);
  for (i = 0; i < claims->len; i++)
    if (g_strcmp0 (attrib_claim_get_event (g_ptr_array_index (claims, i)), event) == 0)
      return attrib_claim_get_state (g_ptr_array_index (claims, i));
  fail_msg ("no claim from “%s”", event);
  return ATTRIB_CLAIM_STATE_REJECTED;
}

static void
test_claim_endings (void **state)
{
  g_autoptr(AttribProfile) lvchen = attrib_profile_new_builtin ("lvchen-joint", NULL);
  g_autoptr(AttribProfile) first_contact = attrib_profile_new_builtin ("first-contact", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (lvchen);
  g_autoptr(AttribEngine) office = attrib_engine_new (first_contact);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribLedger) left = attrib_ledger_new ();
  g_autoptr(AttribEvent) call = office_visit ("c1", "2024-03-01T10:00:00+08:00", "15900002222", "B/b02");
  g_autoptr(AttribEvent) departure = attrib_event_new (ATTRIB_EVENT_TYPE_DEPARTURE, "dep",
                                                       T ("2024-03-10T18:00:00+08:00"));
  g_autoptr(GError) error = NULL;

  /* lvchen-joint 三.(一).4: b02 took the call, a01 received the walk-in */
  attrib_event_set_visit_kind (call, ATTRIB_VISIT_KIND_CALL);
  assert_true (attrib_ledger_add_event (ledger, call, &error));
  add_and_unref (ledger, office_visit ("v1", "2024-03-02T14:00:00+08:00", "15900002222", "A/a01"));
  assert_int_equal (state_of (engine, ledger, "15900002222", "c1", T ("2024-03-01T12:00:00+08:00")),
                    ATTRIB_CLAIM_STATE_ACTIVE);
  assert_int_equal (state_of (engine, ledger, "15900002222", "c1", T ("2024-03-03")),
                    ATTRIB_CLAIM_STATE_SUPERSEDED);
  assert_int_equal (state_of (engine, ledger, "15900002222", "v1", T ("2024-03-03")), ATTRIB_CLAIM_STATE_ACTIVE);

  /* first-contact (二)3: the receiver left on 10 March */
  add_and_unref (left, office_visit ("v1", "2024-03-01T10:00:00+08:00", "13912340001", "office/wang"));
  attrib_event_set_party (departure, "office/wang");
  assert_true (attrib_ledger_add_event (left, departure, &error));
  assert_int_equal (state_of (office, left, "13912340001", "v1", T ("2024-03-05")), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_int_equal (state_of (office, left, "13912340001", "v1", T ("2024-03-11")), ATTRIB_CLAIM_STATE_DEPARTED);
}

/* The trace of a verdict shows how the claims its clauses relied on came
 * about, even those of a person first asked about while working out
 * another's (lvchen-joint 二.(二).2 B: the husband's reception, which
 * makes his wife, received by another consultant, his consultant's). */
static void
test_trace_relative (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("lvchen-joint", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autoptr(AttribEvent) rel = NULL;
  g_autoptr(GError) error = NULL;
  gboolean husband_received = FALSE;
  gint64 num, den;
  guint i;

  add_and_unref (ledger, office_visit ("v1", "2024-03-01T10:00:00+08:00", "13912345678", "A/a01"));
  rel = attrib_event_new (ATTRIB_EVENT_TYPE_RELATION, "rel", T ("2024-03-01T11:00:00+08:00"));
  attrib_event_set_customer (rel, NULL, "13912345678");
  attrib_event_set_counterpart (rel, NULL, "13987654321");
  attrib_event_set_relation_kind (rel, ATTRIB_RELATION_KIND_SPOUSE);
  assert_true (attrib_ledger_add_event (ledger, rel, &error));
  add_and_unref (ledger, office_visit ("v2", "2024-03-06T14:00:00+08:00", "13987654321", "B/b02"));
  add_and_unref (ledger, subscription ("2024-03-09T11:00:00+08:00", "13987654321"));

  verdict = attrib_engine_attribute_deal (engine, ledger, "D1", &error);
  assert_non_null (verdict);
  attrib_verdict_get_party_share (verdict, ATTRIB_SHARE_KIND_PERFORMANCE, "A/a01", &num, &den);
  assert_true (num == 1 && den == 1);
  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      AttribOutcome outcome;
      const char *message;
      const char *clause = attrib_verdict_get_step (verdict, i, &outcome, &message);
      const char * const *events = attrib_verdict_get_step_events (verdict, i);

      if (g_str_equal (clause, "三.(一)") && outcome == ATTRIB_OUTCOME_APPLIED &&
          events[0] != NULL && g_str_equal (events[0], "v1") && strstr (message, "A/a01") != NULL)
        husband_received = TRUE;
    }
  assert_true (husband_received);
}

/* The desk's check sees the visits the customer came along to in someone
 * else's group (sales-dept 二.8: 新客 came with 李四, the customer of
 * sales/wang, and is wang's from then on): another agent's report is
 * rejected as the batch rejects it (二.1, the customer is protected), so
 * is another agent's visit, and wang's own visit answers with his claim,
 * not the receiver's natural one. */
static void
test_desk_companion (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("sales-dept", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribEvent) report = NULL;
  g_autoptr(AttribEvent) visit = NULL;
  g_autoptr(AttribEvent) again = NULL;
  g_autoptr(AttribClaim) late = NULL;
  g_autoptr(AttribClaim) no = NULL;
  g_autoptr(AttribClaim) held = NULL;
  g_autoptr(GError) error = NULL;
  AttribEvent *ev;

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r1", T ("2024-03-01T20:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_set_party (ev, "sales/wang");
  add_and_unref (ledger, ev);
  ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v1", T ("2024-03-04T10:00:00+08:00"));
  attrib_event_set_customer (ev, "李四", "13800138000");
  attrib_event_add_agent (ev, "sales/wang", 0);
  add_and_unref (ledger, ev);
  ev = office_visit ("v2", "2024-03-06T10:00:00+08:00", "13800138000", "sales/chen");
  attrib_event_add_companion (ev, "新客", "15900001111", ATTRIB_RELATION_KIND_NONE);
  add_and_unref (ledger, ev);

  report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "desk-1", T ("2024-03-08T10:00:00+08:00"));
  attrib_event_set_customer (report, "新客", "15900001111");
  attrib_event_set_party (report, "sales/zhang");
  late = attrib_engine_check (engine, ledger, report, &error);
  assert_non_null (late);
  assert_int_equal (attrib_claim_get_state (late), ATTRIB_CLAIM_STATE_REJECTED);
  assert_string_equal (attrib_claim_get_clause (late), "二.1");

  visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-2", T ("2024-03-08T10:00:00+08:00"));
  attrib_event_set_customer (visit, "新客", "15900001111");
  attrib_event_add_agent (visit, "sales/zhang", 0);
  no = attrib_engine_check (engine, ledger, visit, &error);
  assert_non_null (no);
  assert_int_equal (attrib_claim_get_state (no), ATTRIB_CLAIM_STATE_REJECTED);
  assert_non_null (strstr (attrib_claim_get_reason (no), "sales/wang"));

  /* wang bringing them again: his claim, which stands above chen's
   * natural one */
  again = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-3", T ("2024-03-08T10:00:00+08:00"));
  attrib_event_set_customer (again, "新客", "15900001111");
  attrib_event_add_agent (again, "sales/wang", 0);
  held = attrib_engine_check (engine, ledger, again, &error);
  assert_non_null (held);
  assert_int_equal (attrib_claim_get_state (held), ATTRIB_CLAIM_STATE_ACTIVE);
  assert_string_equal (attrib_claim_get_holder (held), "sales/wang");
  assert_string_equal (attrib_claim_get_clause (held), "二.8");
}

/* One purchaser brought in by @n channels inside the first one's claim,
 * then one deal; @note (if not %NULL) goes on the visit of channel 20. */
static AttribVerdict *
crowded_verdict (guint       n,
                 const char *note)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  GString *events = g_string_new ("[");
  AttribVerdict *verdict;
  guint i;

  for (i = 0; i <= n; i++)
    g_string_append_printf (events,
                            "{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:%02u:%02u+08:00\","
                            " \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"ch%u/a\"}],"
                            " \"note\": \"%s\"}, ",
                            i, i / 60, i % 60, i, i == 20 && note != NULL ? note : "a visit");
  g_string_append (events, "{\"id\": \"s\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\","
                           " \"deal\": \"D\", \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}}]");
  if (!attrib_ledger_load_data (ledger, events->str, -1, "crowd.json", &error))
    fail_msg ("%s", error->message);
  g_string_free (events, TRUE);
  verdict = attrib_engine_attribute_deal (engine, ledger, "D", &error);
  assert_non_null (verdict);
  return verdict;
}

/* The steps of @verdict with @outcome. */
static guint
count_steps (AttribVerdict *verdict,
             AttribOutcome  outcome,
             guint         *out_last)
{
  guint i, n = 0;

  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      AttribOutcome o;

      attrib_verdict_get_step (verdict, i, &o, NULL);
      if (o == outcome)
        {
          n++;
          *out_last = i;
        }
    }
  return n;
}

/* A trace lists eight steps of a kind and counts the rest in one step
 * (issue 17: a purchaser a thousand channels brought in made every deal
 * of theirs carry a thousand steps); what it does not list is still an
 * input of the verdict. */
static void
test_trace_repeats (void **state)
{
  g_autoptr(AttribVerdict) eight = crowded_verdict (8, NULL);
  g_autoptr(AttribVerdict) nine = crowded_verdict (9, NULL);
  g_autoptr(AttribVerdict) forty = crowded_verdict (40, NULL);
  g_autoptr(AttribVerdict) forty_noted = crowded_verdict (40, "came back later");
  g_autoptr(AttribVerdict) many = crowded_verdict (400, NULL);
  const char * const *events;
  const char *message;
  guint last = 0, n_forty;

  /* the boundary: eight are listed whole */
  assert_int_equal (count_steps (eight, ATTRIB_OUTCOME_REJECTED, &last), 8);
  attrib_verdict_get_step (eight, last, NULL, &message);
  assert_non_null (strstr (message, "“v8”"));

  /* the ninth is counted */
  assert_int_equal (count_steps (nine, ATTRIB_OUTCOME_REJECTED, &last), 9);
  attrib_verdict_get_step (nine, last, NULL, &message);
  assert_string_equal (message, "one more step like the 8 above, for the event “v9”, is not listed");
  events = attrib_verdict_get_step_events (nine, last);
  assert_string_equal (events[0], "v9");
  assert_null (events[1]);

  assert_int_equal (count_steps (forty, ATTRIB_OUTCOME_REJECTED, &last), 9);
  attrib_verdict_get_step (forty, last, NULL, &message);
  assert_string_equal (message, "32 more steps like the 8 above, for the events from “v9” to “v40”, are not listed");
  events = attrib_verdict_get_step_events (forty, last);
  assert_string_equal (events[0], "v9");
  assert_string_equal (events[1], "v40");
  assert_null (events[2]);
  /* the summary stands where the ninth step would, the deal's step after */
  assert_int_equal (last + 2, attrib_verdict_get_n_steps (forty));

  /* a trace's length does not grow with the repeats */
  n_forty = attrib_verdict_get_n_steps (forty);
  assert_int_equal (attrib_verdict_get_n_steps (many), n_forty);
  /* an event not listed is an input all the same */
  assert_string_not_equal (attrib_verdict_get_fingerprint (forty), attrib_verdict_get_fingerprint (forty_noted));
  {
    g_autoptr(AttribVerdict) again = crowded_verdict (40, NULL);

    assert_string_equal (attrib_verdict_get_fingerprint (forty), attrib_verdict_get_fingerprint (again));
  }
}

/* Every verdict of a batch, as JSON, with @n_threads. */
static char *
batch_json (AttribEngine *engine,
            AttribLedger *ledger,
            guint         n_threads)
{
  guint before = attrib_engine_get_n_threads (engine);
  char *json;

  attrib_engine_set_n_threads (engine, n_threads);
  json = all_json (engine, ledger);
  attrib_engine_set_n_threads (engine, before);
  return json;
}

/* Each deal alone, as JSON, in the batch's order. */
static char *
one_by_one_json (AttribEngine *engine,
                 AttribLedger *ledger)
{
  g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, ledger, NULL);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < verdicts->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribVerdict) alone = attrib_engine_attribute_deal (engine, ledger,
                                                                      attrib_verdict_get_deal (g_ptr_array_index (verdicts, i)),
                                                                      &error);
      g_autofree char *json = NULL;

      assert_non_null (alone);
      json = attrib_verdict_to_json (alone);
      g_string_append_printf (out, "%s\n", json);
    }
  return g_string_free (out, FALSE);
}

/* A batch on a frozen ledger, its traces and fingerprints asked for in
 * the order @order gives (0: the deals' order, 1: the reverse, 2: a
 * shuffle, 3: from four threads, each taking the next verdict), then
 * written in the deals' order. */
typedef struct
{
  GPtrArray *verdicts;
  gint next;
} LazyShare;

static gpointer
seal_some (gpointer data)
{
  LazyShare *share = data;
  gint i;

  while ((i = g_atomic_int_add (&share->next, 1)) < (gint) share->verdicts->len)
    assert_non_null (attrib_verdict_get_fingerprint (g_ptr_array_index (share->verdicts, i)));
  return NULL;
}

static char *
lazy_json (AttribEngine *engine,
           AttribLedger *ledger,
           guint         order)
{
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (order);
  g_autofree guint *perm = NULL;
  GString *out = g_string_new (NULL);
  guint i;

  g_assert (attrib_ledger_is_frozen (ledger));
  verdicts = attrib_engine_attribute_all (engine, ledger, NULL);
  assert_non_null (verdicts);
  perm = g_new (guint, verdicts->len + 1);
  for (i = 0; i < verdicts->len; i++)
    perm[i] = order == 1 ? verdicts->len - 1 - i : i;
  if (order == 2)
    for (i = verdicts->len; i > 1; i--)
      {
        guint j = g_rand_int_range (rand, 0, i), t = perm[i - 1];

        perm[i - 1] = perm[j];
        perm[j] = t;
      }
  if (order == 3)
    {
      LazyShare share = { verdicts, 0 };
      GThread *threads[4];
      guint t;

      for (t = 0; t < G_N_ELEMENTS (threads); t++)
        threads[t] = g_thread_new ("seal", seal_some, &share);
      for (t = 0; t < G_N_ELEMENTS (threads); t++)
        g_thread_join (threads[t]);
    }
  else
    for (i = 0; i < verdicts->len; i++)
      assert_non_null (attrib_verdict_get_fingerprint (g_ptr_array_index (verdicts, perm[i])));
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append_printf (out, "%s\n", json);
    }
  return g_string_free (out, FALSE);
}

/* The events of @ledger, and a second deal of the same purchaser for each
 * deal (its stages again, under another deal and unit), a day later. */
static AttribLedger *
with_second_deals (AttribLedger *ledger)
{
  AttribLedger *out = attrib_ledger_new ();
  guint i, n = attrib_ledger_get_n_events (ledger);

  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      g_autoptr(AttribEvent) again = NULL;
      g_autofree char *id = NULL, *deal = NULL, *unit = NULL;

      assert_true (attrib_ledger_add_event (out, ev, NULL));
      if (attrib_event_get_event_type (ev) != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      again = attrib_ledger_get_event (ledger, i);
      id = g_strconcat (attrib_event_get_id (again), "~2", NULL);
      again->id = _attrib_event_strdup (again, id);
      again->at += G_TIME_SPAN_DAY;
      deal = g_strconcat (attrib_event_get_deal (again), "~2", NULL);
      attrib_event_set_deal (again, deal);
      if (attrib_event_get_unit (again) != NULL)
        {
          unit = g_strconcat (attrib_event_get_unit (again), "~2", NULL);
          attrib_event_set_unit (again, unit);
        }
      assert_true (attrib_ledger_add_event (out, again, NULL));
    }
  return out;
}

/* A batch keeps a purchaser's claims from one of their deals to the next
 * (attrib-claims.c): every verdict, fingerprint and trace included, is the
 * one the deal gets alone, whatever the threads — over every scenario of
 * the audit suites and the test data, each deal with a second one of the
 * same purchaser. */
static void
test_batch_same_as_alone (void **state)
{
  const char *dirs[] = { TEST_DATA_DIR, TEST_DATA_DIR "/../audit", NULL };
  guint n_files = 0, d;

  for (d = 0; dirs[d] != NULL; d++)
    {
      g_autoptr(GDir) top = g_dir_open (dirs[d], 0, NULL);
      const char *name;

      assert_non_null (top);
      while ((name = g_dir_read_name (top)) != NULL)
        {
          g_autofree char *path = g_build_filename (dirs[d], name, NULL);
          g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GDir) sub = NULL;
          const char *leaf;
          guint f;

          if (g_str_has_suffix (name, ".json"))
            g_ptr_array_add (files, g_strdup (path));
          else if ((sub = g_dir_open (path, 0, NULL)) != NULL)
            while ((leaf = g_dir_read_name (sub)) != NULL)
              if (g_str_has_suffix (leaf, ".json"))
                g_ptr_array_add (files, g_build_filename (path, leaf, NULL));
          g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
          for (f = 0; f < files->len; f++)
            {
              g_autoptr(GFile) file = g_file_new_for_path (g_ptr_array_index (files, f));
              g_autoptr(AttribProfile) profile = NULL;
              g_autoptr(AttribLedger) ledger = NULL;
              g_autoptr(AttribLedger) doubled = NULL;
              g_autoptr(AttribEngine) engine = NULL;
              g_autoptr(GError) error = NULL;
              g_autofree char *one = NULL, *two = NULL, *alone = NULL, *lazy = NULL;
              guint order;

              if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
                continue;   /* not a scenario (a profile, plans) */
              engine = attrib_engine_new (profile);
              doubled = with_second_deals (ledger);
              one = batch_json (engine, doubled, 1);
              two = batch_json (engine, doubled, 2);
              alone = one_by_one_json (engine, doubled);
              if (g_strcmp0 (one, alone) != 0)
                fail_msg ("%s: a batch differs from its deals alone", (char *) g_ptr_array_index (files, f));
              assert_string_equal (one, two);
              /* frozen: verdicts whose traces and fingerprints are worked
               * out when asked, in whatever order, by whatever thread */
              attrib_ledger_freeze (doubled);
              for (order = 0; order < 4; order++)
                {
                  g_autofree char *sealed = lazy_json (engine, doubled, order);

                  if (g_strcmp0 (sealed, one) != 0)
                    fail_msg ("%s: verdicts sealed when asked (order %u) differ", (char *) g_ptr_array_index (files, f),
                              order);
                }
              lazy = one_by_one_json (engine, doubled);
              assert_string_equal (lazy, one);
              n_files++;
            }
        }
    }
  assert_true (n_files > 300);
}

/* The thread's processor time, in seconds. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* 2024-01-01 in Shanghai and @minutes, as the ledger reads it. */
static char *
minutes_text (guint minutes)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) start = g_date_time_new (tz, 2024, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) t = g_date_time_add_minutes (start, minutes);

  return g_date_time_format (t, "%Y-%m-%dT%H:%M:%S%:z");
}

/* One purchaser with @n deals: after one report and one visit (a bulk sale
 * of parking spaces), or with @channels, after @n reports and visits by
 * @n channels, all but the first turned down. */
static AttribLedger *
one_purchaser (guint    n,
               gboolean channels)
{
  AttribLedger *ledger = attrib_ledger_new ();
  GString *json = g_string_new ("[");
  guint i, n_visits = channels ? n : 1;

  for (i = 0; i < n_visits; i++)
    {
      g_autofree char *report = minutes_text (2 * i);
      g_autofree char *visit = minutes_text (2 * i + 1);

      g_string_append_printf (json,
                              "%s{\"id\": \"r%u\", \"type\": \"report\", \"at\": \"%s\", \"party\": \"ch%u/a\","
                              " \"customer\": {\"phone\": \"13800138000\"}},"
                              " {\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"%s\","
                              " \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"ch%u/a\"}]}",
                              i ? ", " : "", i, report, i, i, visit, i);
    }
  for (i = 0; i < n; i++)
    {
      g_autofree char *at = minutes_text (2 * n_visits + 10 + i);

      g_string_append_printf (json,
                              ", {\"id\": \"d%u\", \"type\": \"deal\", \"at\": \"%s\", \"deal\": \"D%u\","
                              " \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}, \"unit\": \"p%u\","
                              " \"price\": \"100000.00\", \"product\": \"parking\"}",
                              i, at, i, i);
    }
  g_string_append (json, "]");
  assert_true (attrib_ledger_load_data (ledger, json->str, -1, "one-purchaser.json", NULL));
  g_string_free (json, TRUE);
  attrib_ledger_freeze (ledger);
  return ledger;
}

/* The processor time of a batch over @ledger on one thread: the least of
 * @rounds. */
static double
batch_seconds (AttribEngine *engine,
               AttribLedger *ledger,
               guint         rounds)
{
  double best = G_MAXDOUBLE;
  guint r;

  attrib_engine_set_n_threads (engine, 1);
  for (r = 0; r < rounds; r++)
    {
      double t0 = cpu_seconds ();
      g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, ledger, NULL);

      assert_non_null (verdicts);
      best = MIN (best, cpu_seconds () - t0);
    }
  attrib_engine_set_n_threads (engine, 0);
  return best;
}

/* Issue 17: one purchaser with many deals made a batch quadratic — each
 * deal worked out the purchaser's claims again and wrote every event of
 * theirs into its fingerprint (8 times the deals took 30 to 60 times as
 * long). Now 8 times the deals take about 8 times as long; 20 leaves room
 * for a busy machine. */
static void
test_one_purchaser_many_deals (void **state)
{
  /* the last two cite the visits that were no reception and look for
   * the deal's closer among the purchaser's visits */
  const char *profiles[] = { "junyuan-2012", "lvchen-joint", "reception-2013" };
  AttribLedger *small[2] = { one_purchaser (500, FALSE), one_purchaser (500, TRUE) };
  AttribLedger *large[2] = { one_purchaser (4000, FALSE), one_purchaser (4000, TRUE) };
  guint p, shape;

  for (p = 0; p < G_N_ELEMENTS (profiles); p++)
    for (shape = 0; shape < 2; shape++)
      {
        g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (profiles[p], NULL);
        g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
        double t_small = batch_seconds (engine, small[shape], 5);
        double t_large = batch_seconds (engine, large[shape], 1);

        if (t_large > 20 * t_small)
          fail_msg ("%s, %s: 500 deals %.3f s, 4000 deals %.3f s (%.0f times)", profiles[p],
                    shape == 1 ? "as many channels" : "one visit", t_small, t_large, t_large / t_small);
      }
  for (shape = 0; shape < 2; shape++)
    {
      g_object_unref (small[shape]);
      g_object_unref (large[shape]);
    }
}

/* A batch takes a purchaser's claims from one verdict to the next, with
 * their summarised steps: the same verdicts as each deal alone, with one
 * thread or two, whether the purchaser's claims trace fewer steps of a
 * kind than a summary needs, just enough, or many more. */
static void
test_trace_repeats_batch (void **state)
{
  const guint crowds[] = { 7, 8, 9, 40 };
  guint c;

  for (c = 0; c < G_N_ELEMENTS (crowds); c++)
    {
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
      g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *one = NULL, *two = NULL, *alone = NULL;
      GString *events = g_string_new ("[");
      guint i;

      for (i = 0; i <= crowds[c]; i++)
        g_string_append_printf (events,
                                "{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:%02u:%02u+08:00\","
                                " \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"ch%u/a\"}]}, ",
                                i, i / 60, i % 60, i);
      for (i = 0; i < 5; i++)
        g_string_append_printf (events,
                                "{\"id\": \"s%u\", \"type\": \"deal\", \"at\": \"2024-03-2%uT10:00:00+08:00\","
                                " \"deal\": \"D%u\", \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}}%s",
                                i, i, i, i < 4 ? ", " : "]");
      if (!attrib_ledger_load_data (ledger, events->str, -1, "crowd.json", &error))
        fail_msg ("%s", error->message);
      g_string_free (events, TRUE);
      one = batch_json (engine, ledger, 1);
      two = batch_json (engine, ledger, 2);
      alone = one_by_one_json (engine, ledger);
      assert_string_equal (one, alone);
      assert_string_equal (two, alone);
      assert_true (crowds[c] < 9 || strstr (alone, "more steps like the 8 above") != NULL ||
                   strstr (alone, "one more step like the 8 above") != NULL);
    }
}

/* A deferred verdict outlives its engine and ledger, and writes its
 * trace as it would have at attribution: phones shown or masked as they
 * were then; with defer-traces off, the batch gives the same at once. */
static void
test_deferred_trace (void **state)
{
  static const char events[] =
    "[{\"id\": \"v13800138000\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
    " \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"ch/a\"}]},"
    " {\"id\": \"s1\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"deal\": \"D1\","
    " \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}}]";
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  AttribEngine *engine = attrib_engine_new (profile);
  AttribLedger *ledger = attrib_ledger_new ();
  g_autoptr(GPtrArray) eager = NULL;
  g_autoptr(GPtrArray) deferred = NULL;
  g_autofree char *at_once = NULL, *later = NULL;
  const char *message = NULL;
  gboolean shown = attrib_get_show_phones ();

  assert_true (attrib_ledger_load_data (ledger, events, -1, "phones.json", NULL));
  attrib_ledger_freeze (ledger);
  assert_true (attrib_engine_get_defer_traces (engine));
  attrib_set_show_phones (FALSE);
  attrib_engine_set_defer_traces (engine, FALSE);
  eager = attrib_engine_attribute_all (engine, ledger, NULL);
  attrib_engine_set_defer_traces (engine, TRUE);
  deferred = attrib_engine_attribute_all (engine, ledger, NULL);
  at_once = attrib_verdict_to_json (g_ptr_array_index (eager, 0));
  /* messages mask the id; the JSON's ids are as given (docs/verdicts.md) */
  attrib_verdict_get_step (g_ptr_array_index (eager, 0), 0, NULL, &message);
  assert_null (strstr (message, "13800138000"));
  assert_non_null (strstr (message, "v138****8000"));

  /* the engine and the ledger go, the phones are shown from now on */
  g_object_unref (engine);
  g_object_unref (ledger);
  attrib_set_show_phones (TRUE);
  later = attrib_verdict_to_json (g_ptr_array_index (deferred, 0));
  attrib_set_show_phones (shown);
  assert_string_equal (later, at_once);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_sample_verdicts),
    cmocka_unit_test (test_insertion_order),
    cmocka_unit_test (test_threads),
    cmocka_unit_test (test_fingerprint),
    cmocka_unit_test (test_time_zone_mismatch),
    cmocka_unit_test (test_claims_and_desk),
    cmocka_unit_test (test_desk_report),
    cmocka_unit_test (test_mask_names),
    cmocka_unit_test (test_hashed_phones),
    cmocka_unit_test (test_natural_visit),
    cmocka_unit_test (test_queued_reception),
    cmocka_unit_test (test_claim_endings),
    cmocka_unit_test (test_trace_relative),
    cmocka_unit_test (test_desk_companion),
    cmocka_unit_test (test_trace_repeats),
    cmocka_unit_test (test_trace_repeats_batch),
    cmocka_unit_test (test_batch_same_as_alone),
    cmocka_unit_test (test_one_purchaser_many_deals),
    cmocka_unit_test (test_deferred_trace),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
