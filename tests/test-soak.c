/* test-soak.c: resident memory stays flat over 10^5 attribute-and-settle
 * cycles
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The sample project attributed and settled again and again, as a
 * long-running service does it. Every cycle attributes every deal, writes
 * each verdict's JSON, computes the April statements and writes them as
 * JSON and CSV. Every DESK_EVERY cycles the sales desk checks a visit (a
 * scratch ledger each time); every ENGINE_EVERY cycles the engine and the
 * calculator are dropped and made afresh; every LEDGER_EVERY cycles the
 * scenario is read again: a new profile, a new frozen ledger, new plans.
 * Every answer must be the one of the first cycle.
 *
 * Resident memory (/proc/self/statm) is sampled every SAMPLE_EVERY
 * cycles and printed. After the warm-up (WARM_UP cycles) it may not grow
 * by more than RSS_BOUND_KIB: a leak of a few bytes a cycle shows as
 * megabytes at the end. ATTRIB_SOAK_CYCLES sets another number of cycles
 * (a multiple of SAMPLE_EVERY) for a longer run by hand.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <attrib/attrib.h>

#define CYCLES        100000
#define DESK_EVERY    10
#define ENGINE_EVERY  100
#define LEDGER_EVERY  1000
#define SAMPLE_EVERY  5000
#define WARM_UP       20000
#define RSS_BOUND_KIB 512

typedef struct
{
  AttribProfile *profile;
  AttribLedger *ledger;
  GPtrArray *plans;
  AttribEngine *engine;
  AttribCalculator *calculator;
} Soak;

static void
soak_drop_engine (Soak *soak)
{
  g_clear_object (&soak->engine);
  g_clear_object (&soak->calculator);
}

static void
soak_new_engine (Soak *soak)
{
  guint i;

  soak_drop_engine (soak);
  soak->engine = attrib_engine_new (soak->profile);
  soak->calculator = attrib_calculator_new (soak->profile);
  for (i = 0; i < soak->plans->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!attrib_calculator_add_plan (soak->calculator, g_ptr_array_index (soak->plans, i), &error))
        fail_msg ("%s", error->message);
    }
}

static void
soak_load (Soak *soak)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(GError) error = NULL;

  soak_drop_engine (soak);
  g_clear_object (&soak->profile);
  g_clear_object (&soak->ledger);
  g_clear_pointer (&soak->plans, g_ptr_array_unref);
  if (!attrib_scenario_load (file, NULL, &soak->profile, &soak->ledger, &error))
    fail_msg ("%s", error->message);
  soak->plans = attrib_scenario_load_plans (file, NULL, &error);
  if (soak->plans == NULL)
    fail_msg ("%s", error->message);
  soak_new_engine (soak);
}

static void
soak_clear (Soak *soak)
{
  soak_drop_engine (soak);
  g_clear_object (&soak->profile);
  g_clear_object (&soak->ledger);
  g_clear_pointer (&soak->plans, g_ptr_array_unref);
}

/* One cycle's answers, as text. */
static void
attribute_and_settle (Soak    *soak,
                      GString *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  guint i;

  g_string_truncate (out, 0);
  verdicts = attrib_engine_attribute_all (soak->engine, soak->ledger, &error);
  if (verdicts == NULL)
    fail_msg ("%s", error->message);
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append (out, json);
      g_string_append_c (out, '\n');
    }
  statements = attrib_calculator_get_statements (soak->calculator, soak->ledger, "2024-04", &error);
  if (statements == NULL)
    fail_msg ("%s", error->message);
  for (i = 0; i < statements->len; i++)
    {
      g_autofree char *json = attrib_statement_to_json (g_ptr_array_index (statements, i));
      g_autofree char *csv = attrib_statement_to_csv (g_ptr_array_index (statements, i));

      g_string_append (out, json);
      g_string_append_c (out, '\n');
      g_string_append (out, csv);
    }
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

/* The desk asks about a visit: a scratch ledger of the customer's events. */
static void
desk_check (Soak        *soak,
            AttribEvent *visit,
            GString     *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribClaim) claim = attrib_engine_check (soak->engine, soak->ledger, visit, &error);

  g_string_truncate (out, 0);
  if (claim == NULL)
    fail_msg ("%s", error->message);
  g_string_append_printf (out, "%d %s %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                          attrib_claim_get_state (claim), or_dash (attrib_claim_get_holder (claim)),
                          or_dash (attrib_claim_get_clause (claim)), or_dash (attrib_claim_get_reason (claim)),
                          (gint64) attrib_claim_get_begin (claim), (gint64) attrib_claim_get_end (claim));
}

static gsize
resident_kib (void)
{
  unsigned long size = 0, resident = 0;
  FILE *statm = fopen ("/proc/self/statm", "r");

  assert_non_null (statm);
  assert_int_equal (fscanf (statm, "%lu %lu", &size, &resident), 2);
  fclose (statm);
  return resident * (gsize) sysconf (_SC_PAGESIZE) / 1024;
}

static void
test_soak (void **state)
{
  Soak soak = { NULL, };
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GString) desk = g_string_new (NULL);
  g_autofree char *first_answer = NULL;
  g_autofree char *first_desk = NULL;
  g_autoptr(AttribEvent) visit = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  const char *env = g_getenv ("ATTRIB_SOAK_CYCLES");
  guint64 cycles = CYCLES, cycle;
  gsize warm = 0, start, peak = 0, rss;
  AttribTime at = 0;

  if (env != NULL && g_ascii_strtoull (env, NULL, 10) >= SAMPLE_EVERY)
    cycles = g_ascii_strtoull (env, NULL, 10) / SAMPLE_EVERY * SAMPLE_EVERY;

  /* lianjia bringing 王五 while 5i5j holds him: rejected under 1.1.1 */
  assert_true (attrib_time_parse ("2024-04-10T10:00:00+08:00", NULL, &at, NULL));
  visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-1", at);
  attrib_event_set_customer (visit, "王五", "13700137000");
  attrib_event_add_agent (visit, "lianjia/zhangsan", 0);

  start = resident_kib ();
  print_message ("cycles %" G_GUINT64_FORMAT ", desk check every %d, new engine and calculator every %d, "
                 "ledger reloaded every %d; resident memory at start %" G_GSIZE_FORMAT " KiB\n",
                 cycles, DESK_EVERY, ENGINE_EVERY, LEDGER_EVERY, start);
  for (cycle = 0; cycle < cycles; cycle++)
    {
      if (cycle % LEDGER_EVERY == 0)
        soak_load (&soak);
      else if (cycle % ENGINE_EVERY == 0)
        soak_new_engine (&soak);

      attribute_and_settle (&soak, answer);
      if (first_answer == NULL)
        {
          assert_true (answer->len > 1000);
          first_answer = g_strdup (answer->str);
        }
      else if (strcmp (answer->str, first_answer) != 0)
        fail_msg ("cycle %" G_GUINT64_FORMAT ": other verdicts or statements than at the first", cycle);

      if (cycle % DESK_EVERY == 0)
        {
          desk_check (&soak, visit, desk);
          if (first_desk == NULL)
            {
              assert_non_null (strstr (desk->str, " 1.1.1 "));
              first_desk = g_strdup (desk->str);
            }
          else if (strcmp (desk->str, first_desk) != 0)
            fail_msg ("cycle %" G_GUINT64_FORMAT ": the desk answers %s, first %s", cycle, desk->str, first_desk);
        }

      if ((cycle + 1) % SAMPLE_EVERY == 0)
        {
          rss = resident_kib ();
          if (cycle + 1 == WARM_UP)
            warm = rss;
          if (cycle + 1 > WARM_UP)
            peak = MAX (peak, rss);
          print_message ("cycle %7" G_GUINT64_FORMAT "  %8.1f s  resident %6" G_GSIZE_FORMAT " KiB%s\n",
                         cycle + 1, g_timer_elapsed (timer, NULL), rss,
                         cycle + 1 == WARM_UP ? "  (end of warm-up)" : "");
        }
    }
  soak_clear (&soak);

  print_message ("%" G_GUINT64_FORMAT " cycles in %.1f s; after warm-up resident memory went from %" G_GSIZE_FORMAT
                 " KiB to at most %" G_GSIZE_FORMAT " KiB (bound: +%d KiB)\n",
                 cycles, g_timer_elapsed (timer, NULL), warm, peak, RSS_BOUND_KIB);
  if (cycles > WARM_UP)
    assert_true (peak <= warm + RSS_BOUND_KIB);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_soak),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
