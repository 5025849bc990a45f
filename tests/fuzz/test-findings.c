/* test-findings.c: what the fuzz targets found, as unit tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test names the target and the corpus file that found the bug; the
 * file stays in the corpus, so `meson test --suite fuzz` replays it too.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <attrib/attrib.h>

static AttribCommissionPlan *
plan_from_text (const char *json)
{
  g_autoptr(GError) error = NULL;
  AttribCommissionPlan *plan = attrib_commission_plan_new_from_data (json, -1, "plan.json", &error);

  if (plan == NULL)
    fail_msg ("%s", error->message);
  return plan;
}

/* fuzz-ledger-json, corpus/fuzz-ledger-json/crash-leak-simultaneous-reason.json:
 * a channel that entered second, on a visit inside another channel's
 * claim, is rejected for the claim; the reason it had been given for
 * entering second leaked (attrib-engine.c, advance_claims(): the reason
 * was overwritten). The leak shows under the sanitizers and valgrind. */
static void
test_second_entry_inside_claim (void **state)
{
  static const char events[] =
    "[{\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
    "  \"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"},"
    "  \"agents\": [{\"party\": \"lianjia/a\", \"rank\": 0}, {\"party\": \"5i5j/b\", \"rank\": 1}]},"
    " {\"id\": \"v2\", \"type\": \"visit\", \"at\": \"2024-03-05T10:00:00+08:00\","
    "  \"customer\": {\"name\": \"李四\", \"phone\": \"13800138000\"},"
    "  \"agents\": [{\"party\": \"lianjia/a\", \"rank\": 0}, {\"party\": \"5i5j/b\", \"rank\": 1}]},"
    " {\"id\": \"d1\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"deal\": \"D1\","
    "  \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}}]";
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  gint64 num, den;
  gboolean protected_found = FALSE;
  guint i;

  if (!attrib_ledger_load_data (ledger, events, -1, "e.json", &error))
    fail_msg ("%s", error->message);
  verdict = attrib_engine_attribute_deal (engine, ledger, "D1", &error);
  assert_non_null (verdict);
  attrib_verdict_get_party_share (verdict, ATTRIB_SHARE_KIND_PERFORMANCE, "lianjia", &num, &den);
  assert_true (num == 1 && den == 1);
  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      const char *message = NULL;

      attrib_verdict_get_step (verdict, i, NULL, &message);
      if (strstr (message, "“v2”") != NULL && strstr (message, "5i5j") != NULL &&
          strstr (message, "protected by the claim of lianjia") != NULL)
        protected_found = TRUE;
    }
  assert_true (protected_found);
}

/* fuzz-plan, corpus/fuzz-plan/crash-statement-overflow.json: lines that
 * fit a gint64 one by one but not summed; a statement added them up
 * with a signed overflow (attrib-statement.c). Now the calculator
 * refuses them (attrib-calculator.c, check_party_totals()). */
static void
test_overflow_sum (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path (FUZZ_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribCalculator) calc = NULL;
  g_autoptr(AttribCommissionPlan) plan = plan_from_text ("{\"id\": \"huge\", \"party\": \"5i5j\","
                                                    " \"products\": {\"residential\": {\"rate\": \"100%\"}},"
                                                    " \"bonuses\": {\"per_deal\": \"92233720368547758.07\"}}");
  g_autoptr(GError) error = NULL;

  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    fail_msg ("%s", error->message);
  calc = attrib_calculator_new (profile);
  assert_true (attrib_calculator_add_plan (calc, plan, NULL));
  assert_null (attrib_calculator_get_lines (calc, ledger, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT));
  assert_non_null (strstr (error->message, "“5i5j” add up to more than an amount can hold"));
  g_clear_error (&error);
  assert_null (attrib_calculator_get_statements (calc, ledger, "2024-04", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT));
}

/* fuzz-time, corpus/fuzz-time/crash-zone-offset-24h.txt and
 * crash-zone-rule-24h.txt: glib takes fixed offsets and POSIX rules up to
 * ±24:59, and a time formatted in such a zone could not be parsed back
 * (attrib-time.c, attrib_time_zone_new()). */
static void
test_zone_offsets (void **state)
{
  static const char *refused[] = { "+24:00", "-24:00", "+2400", "+24:59", "EST+24", "AAA-24:59",
                                   "AAA+5BBB-24,M3.2.0,M11.1.0" };
  static const char *taken[] = { "+23:59", "-23:59", "+08:00", "EST+5", "Asia/Shanghai", "America/New_York" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTimeZone) tz = attrib_time_zone_new (refused[i], &error);

      if (tz != NULL)
        fail_msg ("“%s” is taken", refused[i]);
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE));
    }
  for (i = 0; i < G_N_ELEMENTS (taken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTimeZone) tz = attrib_time_zone_new (taken[i], &error);
      g_autofree char *text = NULL;
      AttribTime t, back;

      if (tz == NULL)
        fail_msg ("“%s”: %s", taken[i], error->message);
      assert_true (attrib_time_parse ("2024-03-01", tz, &t, NULL));
      text = attrib_time_format (t, tz);
      if (!attrib_time_parse (text, tz, &back, &error))
        fail_msg ("“%s”: %s", taken[i], error->message);
      assert_true (back == t);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_second_entry_inside_claim),
    cmocka_unit_test (test_overflow_sum),
    cmocka_unit_test (test_zone_offsets),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
