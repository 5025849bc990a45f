/* test-threads.c: engines, profiles, calculators, rotations and frozen
 * ledgers shared among threads give the answers of one thread
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The promise (docs/reliability.md): an engine, a profile, a calculator,
 * a rotation and a frozen ledger may be used from several threads at
 * once; a ledger being written may not. N_THREADS threads start together
 * and, ROUNDS times each, attribute every deal (in a batch and one by
 * one), compute statements and commission lines, ask the sales desk,
 * query the ledger's persons, the engine's claims and its answer on
 * reports, try to add an event to the frozen ledger (refused), assign a day's
 * walk-ins, and attribute a ledger big enough for
 * attribute_all to share it among threads of its own. Every answer is
 * compared with the one worked out on one thread before they start.
 *
 * Some objects are left for the threads to use first: a profile whose
 * look-up table and digest are built on first use, verdicts whose JSON is
 * written on first use, a frozen ledger whose persons as a profile with
 * `mask_names` false sees them are built on first use, and a calculator to which one thread adds a plan
 * while the others compute with it (each answer must be the one of the
 * plans before or of the plans after). All of it in English, then again
 * with the Chinese catalog. The CI runs this test under
 * ThreadSanitizer (.ci/run), with G_SLICE=always-malloc: GLib 2.74's slice
 * allocator hands memory from thread to thread under locks the sanitizer
 * cannot see (GLib is not built with it).
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include <attrib/attrib.h>

#define N_THREADS 4
#define ROUNDS    6
#define PERIOD    "2024-04"

typedef struct
{
  /* shared by every thread */
  AttribProfile *profile;
  AttribLedger *ledger;
  AttribEngine *engine;
  AttribCalculator *calculator;
  AttribEvent *visit;
  AttribLedger *big;
  AttribLedger *office;
  AttribEngine *office_engine;
  AttribRotation *rotation;
  gint32 office_day;

  /* first used by the threads */
  AttribProfile *cold_profile;
  AttribEngine *cold_engine;
  GPtrArray *cold_verdicts;
  AttribCalculator *growing;
  AttribCommissionPlan *late_plan;
  AttribLedger *masks_cold;  /* its persons without names never built */
  AttribEngine *masks_off;   /* mask_names false */

  /* the answers of one thread */
  char *verdicts;
  char *deals;
  char *statements;
  char *lines;
  char *desk;
  char *refused;
  char *queries;
  char *big_verdicts;
  char *office_verdicts;
  char *assignments;
  char *growing_before;
  char *masks;

  gint go;
} Shared;

typedef struct
{
  Shared *shared;
  guint id;
  GThread *thread;
  guint checks;
  guint mismatches;
  char *first_mismatch;
} Worker;

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

static char *
verdicts_json (GPtrArray *verdicts)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append (out, json);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
attribute_all (AttribEngine *engine,
               AttribLedger *ledger)
{
  g_autoptr(GPtrArray) verdicts = attrib_engine_attribute_all (engine, ledger, NULL);

  return verdicts != NULL ? verdicts_json (verdicts) : g_strdup ("error");
}

static char *
attribute_each (AttribEngine *engine,
                AttribLedger *ledger)
{
  g_auto(GStrv) deals = attrib_ledger_get_deals (ledger);
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; deals[i] != NULL; i++)
    {
      g_autoptr(AttribVerdict) verdict = attrib_engine_attribute_deal (engine, ledger, deals[i], NULL);
      g_autofree char *json = verdict != NULL ? attrib_verdict_to_json (verdict) : g_strdup ("error");

      g_string_append (out, json);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
statements (AttribCalculator *calculator,
            AttribLedger     *ledger)
{
  g_autoptr(GPtrArray) list = attrib_calculator_get_statements (calculator, ledger, PERIOD, NULL);
  GString *out = g_string_new (NULL);
  guint i;

  if (list == NULL)
    return g_string_free (out, FALSE);
  for (i = 0; i < list->len; i++)
    {
      g_autofree char *json = attrib_statement_to_json (g_ptr_array_index (list, i));
      g_autofree char *csv = attrib_statement_to_csv (g_ptr_array_index (list, i));

      g_string_append_printf (out, "%s\n%s", json, csv);
    }
  return g_string_free (out, FALSE);
}

static char *
lines (AttribCalculator *calculator,
       AttribLedger     *ledger)
{
  g_autoptr(GPtrArray) list = attrib_calculator_get_lines (calculator, ledger, NULL);
  GString *out = g_string_new (NULL);
  guint i;

  if (list == NULL)
    return g_string_free (out, FALSE);
  for (i = 0; i < list->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s %s %s %" G_GINT64_FORMAT " %s\n",
                              attrib_commission_line_get_party (line), or_dash (attrib_commission_line_get_deal (line)),
                              attrib_commission_line_get_period (line), attrib_commission_line_get_amount (line),
                              attrib_commission_line_get_explanation (line));
    }
  return g_string_free (out, FALSE);
}

static char *
desk (AttribEngine *engine,
      AttribLedger *ledger,
      AttribEvent  *visit)
{
  g_autoptr(AttribClaim) claim = attrib_engine_check (engine, ledger, visit, NULL);

  if (claim == NULL)
    return g_strdup ("error");
  return g_strdup_printf ("%d %s %s %s", attrib_claim_get_state (claim), or_dash (attrib_claim_get_holder (claim)),
                          or_dash (attrib_claim_get_clause (claim)), or_dash (attrib_claim_get_reason (claim)));
}

/* The ledger's persons, the engine's claims on one and its answer on
 * each report. */
static char *
queries (AttribEngine *engine,
         AttribLedger *ledger)
{
  g_autoptr(AttribPerson) wang = attrib_ledger_find_person (ledger, "王五", NULL, NULL);
  g_autoptr(GPtrArray) masked = attrib_ledger_match_persons (ledger, NULL, "135****5000", NULL);
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  GString *out = g_string_new (NULL);
  const char *reports[] = { "r-001", "r-002", "r-003", "r-004", "r-005", "r-006" };
  AttribTime at = 0;
  guint i;

  if (wang == NULL || masked == NULL || !attrib_time_parse ("2024-04-01", NULL, &at, NULL))
    return g_string_free (out, FALSE);
  events = attrib_ledger_get_person_events (ledger, wang, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
  claims = attrib_engine_get_claims (engine, ledger, wang, at, NULL);
  g_string_append_printf (out, "%u persons; %s: %u events; %u persons for a mask\n", attrib_ledger_get_n_persons (ledger),
                          attrib_person_get_display_name (wang), events->len, masked->len);
  for (i = 0; claims != NULL && i < claims->len; i++)
    {
      AttribClaim *claim = g_ptr_array_index (claims, i);

      g_string_append_printf (out, "claim %d %s %s\n", attrib_claim_get_state (claim),
                              or_dash (attrib_claim_get_holder (claim)), or_dash (attrib_claim_get_clause (claim)));
    }
  for (i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autofree char *reason = NULL;
      gboolean accepted = FALSE;

      if (attrib_engine_check_report (engine, ledger, reports[i], &accepted, &reason, NULL))
        g_string_append_printf (out, "%s %s %s\n", reports[i], accepted ? "accepted" : "rejected", or_dash (reason));
    }
  return g_string_free (out, FALSE);
}

/* A frozen ledger refuses events, and stays as it is. */
static char *
add_to_frozen (AttribLedger *ledger,
               AttribEvent  *event)
{
  g_autoptr(GError) error = NULL;

  if (attrib_ledger_add_event (ledger, event, &error))
    return g_strdup ("added");
  return g_strdup_printf ("refused (%d), %u events", error->code, attrib_ledger_get_n_events (ledger));
}

static char *
assignments (AttribRotation *rotation,
             AttribLedger   *ledger,
             gint32          day)
{
  g_autoptr(GPtrArray) list = attrib_rotation_assign (rotation, ledger, day, ATTRIB_VISIT_KIND_VISIT, NULL);
  GString *out = g_string_new (NULL);
  guint i;

  if (list == NULL)
    return g_string_free (out, FALSE);
  for (i = 0; i < list->len; i++)
    {
      AttribAssignment *a = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s %s %s\n", attrib_assignment_get_visit (a),
                              or_dash (attrib_assignment_get_consultant (a)), attrib_assignment_get_explanation (a));
    }
  return g_string_free (out, FALSE);
}

/* A masked report only its name resolves (catalog §11): a profile with
 * `mask_names` false sees the persons without that, built on first use. */
static AttribLedger *
masks_ledger (void)
{
  AttribLedger *ledger = attrib_ledger_new ();
  const char *events =
    "[{\"id\": \"v1\", \"type\": \"visit\", \"at\": \"2024-01-02\", \"customer\": {\"name\": \"刘一\", \"phone\": \"13811112222\"}},"
    " {\"id\": \"v2\", \"type\": \"visit\", \"at\": \"2024-01-03\", \"customer\": {\"name\": \"周八\", \"phone\": \"13899992222\"}},"
    " {\"id\": \"r1\", \"type\": \"report\", \"at\": \"2024-01-10T10:00:00+08:00\", \"party\": \"A/wang\","
    "  \"customer\": {\"name\": \"刘一\", \"phone\": \"138****2222\"}},"
    " {\"id\": \"D1-s\", \"type\": \"deal\", \"at\": \"2024-02-01\", \"deal\": \"D1\", \"stage\": \"subscribed\","
    "  \"purchaser\": {\"name\": \"刘一\", \"phone\": \"13811112222\"}}]";

  assert_true (attrib_ledger_load_data (ledger, events, -1, "masks.json", NULL));
  attrib_ledger_freeze (ledger);
  return ledger;
}

static char *
masks (AttribEngine *engine,
       AttribLedger *ledger)
{
  g_autofree char *verdicts = attribute_all (engine, ledger);
  g_autofree char *reason = NULL;
  gboolean accepted = TRUE;

  if (!attrib_engine_check_report (engine, ledger, "r1", &accepted, &reason, NULL))
    return g_strdup ("error");
  return g_strdup_printf ("%sr1 %s %s\n", verdicts, accepted ? "accepted" : "rejected", or_dash (reason));
}

/* 600 deals of 400 customers: attribute_all shares them among threads. */
static AttribLedger *
big_ledger (void)
{
  AttribLedger *ledger = attrib_ledger_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  g_autoptr(GString) events = g_string_new ("[");
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
  assert_true (attrib_ledger_load_data (ledger, events->str, -1, "big.json", NULL));
  attrib_ledger_freeze (ledger);
  return ledger;
}

static void
check (Worker     *w,
       const char *what,
       char       *got,
       const char *want,
       const char *or_want)
{
  w->checks++;
  if (g_strcmp0 (got, want) != 0 && (or_want == NULL || g_strcmp0 (got, or_want) != 0))
    {
      w->mismatches++;
      if (w->first_mismatch == NULL)
        w->first_mismatch = g_strdup_printf ("thread %u, %s:\n%.400s\ninstead of\n%.400s", w->id, what, got, want);
    }
  g_free (got);
}

static gpointer
work (gpointer data)
{
  Worker *w = data;
  Shared *s = w->shared;
  guint round;

  /* all together, so that the first uses overlap */
  while (!g_atomic_int_get (&s->go))
    g_thread_yield ();

  for (round = 0; round < ROUNDS; round++)
    {
      g_autoptr(AttribEngine) engine = g_object_ref (s->engine);

      if (round == 0)
        {
          check (w, "verdict JSON written on first use", verdicts_json (s->cold_verdicts), s->big_verdicts, NULL);
          check (w, "a profile's first use", attribute_all (s->cold_engine, s->ledger), s->verdicts, NULL);
          check (w, "persons without names, built on first use", masks (s->masks_off, s->masks_cold), s->masks, NULL);
        }
      /* (no cmocka assertion off the main thread) */
      if (w->id == 0 && round == ROUNDS / 2 && !attrib_calculator_add_plan (s->growing, s->late_plan, NULL))
        check (w, "add_plan", g_strdup ("failed"), "added", NULL);

      check (w, "attribute_all", attribute_all (engine, s->ledger), s->verdicts, NULL);
      check (w, "attribute_deal", attribute_each (engine, s->ledger), s->deals, NULL);
      check (w, "statements", statements (s->calculator, s->ledger), s->statements, NULL);
      check (w, "lines", lines (s->calculator, s->ledger), s->lines, NULL);
      check (w, "desk", desk (engine, s->ledger, s->visit), s->desk, NULL);
      check (w, "queries", queries (engine, s->ledger), s->queries, NULL);
      check (w, "adding to a frozen ledger", add_to_frozen (s->ledger, s->visit), s->refused, NULL);
      check (w, "rotation", assignments (s->rotation, s->office, s->office_day), s->assignments, NULL);
      check (w, "office verdicts", attribute_all (s->office_engine, s->office), s->office_verdicts, NULL);
      check (w, "a plan added meanwhile", statements (s->growing, s->ledger), s->growing_before, s->statements);
      if (round % 3 == w->id % 3)
        check (w, "a batch on threads of its own", attribute_all (engine, s->big), s->big_verdicts, NULL);
    }
  return NULL;
}

/* Everything on N_THREADS threads; @marker must be in the lines'
 * explanations (their language). */
static void
run_shared (const char *marker)
{
  g_autoptr(GFile) sample = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(GFile) office = g_file_new_for_path (TEST_DATA_DIR "/sales-office.json");
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) growing_plans = NULL;
  g_autoptr(AttribProfile) office_profile = NULL;
  g_autoptr(GError) error = NULL;
  Shared s = { NULL, };
  Worker workers[N_THREADS];
  AttribTime at = 0;
  guint i, checks = 0, mismatches = 0;

  assert_true (attrib_scenario_load (sample, NULL, &s.profile, &s.ledger, &error));
  assert_true (attrib_ledger_is_frozen (s.ledger));
  plans = attrib_scenario_load_plans (sample, NULL, &error);
  assert_non_null (plans);
  assert_true (plans->len >= 2);
  s.engine = attrib_engine_new (s.profile);
  s.calculator = attrib_calculator_new (s.profile);
  s.growing = attrib_calculator_new (s.profile);
  for (i = 0; i < plans->len; i++)
    {
      assert_true (attrib_calculator_add_plan (s.calculator, g_ptr_array_index (plans, i), &error));
      if (i + 1 < plans->len)
        assert_true (attrib_calculator_add_plan (s.growing, g_ptr_array_index (plans, i), &error));
    }
  s.late_plan = g_object_ref (g_ptr_array_index (plans, plans->len - 1));

  assert_true (attrib_time_parse ("2024-04-10T10:00:00+08:00", NULL, &at, NULL));
  s.visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "desk-1", at);
  attrib_event_set_customer (s.visit, "王五", "13700137000");
  attrib_event_add_agent (s.visit, "lianjia/zhangsan", 0);

  s.big = big_ledger ();
  assert_true (attrib_scenario_load (office, NULL, &office_profile, &s.office, &error));
  s.office_engine = attrib_engine_new (office_profile);
  s.rotation = attrib_rotation_new (office_profile);
  assert_true (attrib_time_parse ("2024-03-01T12:00:00+08:00", NULL, &at, NULL));
  s.office_day = attrib_time_get_local_day (at, attrib_ledger_get_time_zone (s.office));

  /* the answers of one thread (the engines' n-threads: the library reads
   * no ATTRIB_THREADS) */
  attrib_engine_set_n_threads (s.engine, 1);
  attrib_engine_set_n_threads (s.office_engine, 1);
  s.verdicts = attribute_all (s.engine, s.ledger);
  s.deals = attribute_each (s.engine, s.ledger);
  s.statements = statements (s.calculator, s.ledger);
  s.lines = lines (s.calculator, s.ledger);
  s.desk = desk (s.engine, s.ledger, s.visit);
  s.refused = add_to_frozen (s.ledger, s.visit);
  s.queries = queries (s.engine, s.ledger);
  s.big_verdicts = attribute_all (s.engine, s.big);
  s.office_verdicts = attribute_all (s.office_engine, s.office);
  s.assignments = assignments (s.rotation, s.office, s.office_day);
  s.growing_before = statements (s.growing, s.ledger);
  /* then batches shared among three threads each, whatever the machine,
   * and the office's among one per processor */
  attrib_engine_set_n_threads (s.engine, 3);
  attrib_engine_set_n_threads (s.office_engine, 0);
  assert_true (strlen (s.verdicts) > 1000 && strlen (s.statements) > 1000 && strlen (s.lines) > 100);
  assert_true (strlen (s.big_verdicts) > 100000 && strlen (s.assignments) > 100);
  assert_non_null (strstr (s.desk, " 1.1.1 "));
  assert_non_null (strstr (s.queries, "claim "));
  assert_non_null (strstr (s.queries, "r-006 "));
  {
    g_autofree char *want = g_strdup_printf ("refused (%d), %u events", ATTRIB_ERROR_FROZEN,
                                             attrib_ledger_get_n_events (s.ledger));

    assert_string_equal (s.refused, want);
  }
  assert_string_not_equal (s.growing_before, s.statements);
  assert_non_null (strstr (s.lines, marker));

  /* never used before the threads start */
  s.cold_profile = attrib_profile_new_builtin (attrib_profile_get_id (s.profile), &error);
  assert_non_null (s.cold_profile);
  s.cold_engine = attrib_engine_new (s.cold_profile);
  s.cold_verdicts = attrib_engine_attribute_all (s.engine, s.big, &error);
  assert_non_null (s.cold_verdicts);
  {
    g_autoptr(AttribProfile) joint = attrib_profile_new_builtin ("joint-agency", &error);
    g_autoptr(AttribProfile) off = attrib_profile_derive (joint, "{\"mask_names\": false}", &error);
    g_autoptr(AttribLedger) warm = masks_ledger ();

    s.masks_off = attrib_engine_new (off);
    s.masks = masks (s.masks_off, warm);
    assert_non_null (strstr (s.masks, "r1 rejected"));
    s.masks_cold = masks_ledger ();
  }

  for (i = 0; i < N_THREADS; i++)
    {
      workers[i] = (Worker) { &s, i, NULL, 0, 0, NULL };
      workers[i].thread = g_thread_new ("attrib-test", work, &workers[i]);
    }
  g_atomic_int_set (&s.go, 1);
  for (i = 0; i < N_THREADS; i++)
    {
      g_thread_join (workers[i].thread);
      checks += workers[i].checks;
      mismatches += workers[i].mismatches;
      if (workers[i].first_mismatch != NULL)
        print_error ("%s\n", workers[i].first_mismatch);
      g_free (workers[i].first_mismatch);
    }
  print_message ("%u threads, %u answers compared with one thread's, %u different\n", N_THREADS, checks, mismatches);
  assert_int_equal (mismatches, 0);
  assert_int_equal (checks, N_THREADS * (3 + ROUNDS * 10 + ROUNDS / 3));

  /* the plan added while the others computed is there */
  growing_plans = attrib_calculator_get_plans (s.growing);
  assert_int_equal (growing_plans->len, plans->len);
  {
    g_autofree char *after = statements (s.growing, s.ledger);

    assert_string_equal (after, s.statements);
  }

  g_free (s.verdicts);
  g_free (s.deals);
  g_free (s.statements);
  g_free (s.lines);
  g_free (s.desk);
  g_free (s.refused);
  g_free (s.queries);
  g_free (s.big_verdicts);
  g_free (s.office_verdicts);
  g_free (s.assignments);
  g_free (s.growing_before);
  g_free (s.masks);
  g_object_unref (s.masks_cold);
  g_object_unref (s.masks_off);
  g_ptr_array_unref (s.cold_verdicts);
  g_object_unref (s.cold_engine);
  g_object_unref (s.cold_profile);
  g_object_unref (s.late_plan);
  g_object_unref (s.growing);
  g_object_unref (s.rotation);
  g_object_unref (s.office_engine);
  g_object_unref (s.office);
  g_object_unref (s.big);
  attrib_event_unref (s.visit);
  g_object_unref (s.calculator);
  g_object_unref (s.engine);
  g_object_unref (s.ledger);
  g_object_unref (s.profile);
}

static void
test_shared (void **state)
{
  run_shared ("deal D1");
}

/* Traces and explanations from the zh_CN catalog of the build tree
 * (ATTRIB_LOCALEDIR), if it was built */
static void
test_shared_zh (void **state)
{
  const char *dir = g_getenv ("ATTRIB_LOCALEDIR");
  char *catalog = g_build_filename (dir != NULL ? dir : "", "zh_CN", "LC_MESSAGES", "attrib-1.mo", NULL);
  gboolean built = dir != NULL && g_file_test (catalog, G_FILE_TEST_EXISTS);

  if (!built)
    print_message ("no catalog %s: skipped\n", catalog);
  g_free (catalog);   /* skip() leaves without cleaning up */
  if (!built)
    skip ();
  assert_non_null (setlocale (LC_ALL, "C.UTF-8"));
  g_setenv ("LANGUAGE", "zh_CN", TRUE);
  run_shared ("成交 D1");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_shared),
    cmocka_unit_test (test_shared_zh),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
