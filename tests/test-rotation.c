/* test-rotation.c: the big round, the day's walk-ins, determinism
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <attrib/attrib.h>

static AttribProfile *
rotation_profile (int min_consultants)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"id\": \"r\", \"title\": \"r\", \"level\": \"agent\", \"clauses\": ["
                                           "{\"id\": \"1\", \"kind\": \"rotation\", \"params\": "
                                           "{\"min_consultants\": %d, \"deadline_minutes\": 480}}]}",
                                           min_consultants);
  AttribProfile *profile = attrib_profile_new_from_data (json, -1, "r.json", &error);

  if (profile == NULL)
    fail_msg ("%s", error->message);
  return profile;
}

static gint32
day_of (const char *date)
{
  AttribTime t;

  assert_true (attrib_time_parse (date, NULL, &t, NULL));
  return attrib_time_get_local_day (t, NULL);
}

/* Over one round every consultant has exactly one turn, groups give their
 * turns in the order A, B, C, … among those with share left, and the next
 * round starts over — for random roster sizes. */
static void
test_big_round (void **state)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint trial;

  for (trial = 0; trial < 200; trial++)
    {
      g_autoptr(AttribProfile) profile = rotation_profile (1);
      g_autoptr(AttribRotation) rotation = attrib_rotation_new (profile);
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(AttribEvent) roster = NULL;
      g_auto(GStrv) turns = NULL;
      g_autoptr(GError) error = NULL;
      guint n_groups = g_rand_int_range (rand, 1, 7), sizes[6], left[6], next[6], total = 0, g, i;
      AttribTime at;

      assert_true (attrib_time_parse ("2024-03-01T07:00:00+08:00", NULL, &at, NULL));
      roster = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "ros", at);
      attrib_event_set_roster_date (roster, day_of ("2024-03-01"));
      for (g = 0; g < n_groups; g++)
        {
          char group[2] = { (char) ('A' + g), 0 };

          sizes[g] = g_rand_int_range (rand, 1, 26);
          total += sizes[g];
          for (i = 0; i < sizes[g]; i++)
            {
              g_autofree char *c = g_strdup_printf ("%c%02u", 'a' + g, i + 1);

              attrib_event_add_roster_member (roster, group, c);
            }
        }
      assert_true (attrib_ledger_add_event (ledger, roster, &error));
      turns = attrib_rotation_get_turns (rotation, ledger, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_VISIT,
                                         2 * total, &error);
      assert_non_null (turns);
      assert_int_equal (g_strv_length (turns), 2 * total);

      /* replay the rule by hand */
      memset (next, 0, sizeof next);
      for (i = 0; i < 2 * total; )
        {
          for (g = 0; g < n_groups; g++)
            left[g] = sizes[g];
          while (i < 2 * total)
            {
              gboolean any = FALSE;

              for (g = 0; g < n_groups && i < 2 * total; g++)
                if (left[g] > 0)
                  {
                    g_autofree char *expected = g_strdup_printf ("%c/%c%02u", 'A' + g, 'a' + g, next[g] + 1);

                    assert_string_equal (turns[i], expected);
                    next[g] = (next[g] + 1) % sizes[g];
                    left[g]--;
                    i++;
                    any = TRUE;
                  }
              for (g = 0; g < n_groups && left[g] == 0; g++)
                ;
              if (!any || g == n_groups)
                break;
            }
        }
    }
}

static void
load (const char     *name,
      AttribProfile **profile,
      AttribLedger  **ledger)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (!attrib_scenario_load (file, NULL, profile, ledger, &error))
    fail_msg ("%s", error->message);
}

static char *
day_text (AttribRotation *rotation,
          AttribLedger   *ledger)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) assignments = attrib_rotation_assign (rotation, ledger, day_of ("2024-03-01"),
                                                             ATTRIB_VISIT_KIND_VISIT, &error);
  g_auto(GStrv) turns = attrib_rotation_get_turns (rotation, ledger, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_VISIT,
                                                   12, &error);
  g_autofree char *joined = NULL;
  GString *out = g_string_new (NULL);
  guint i;

  assert_non_null (assignments);
  assert_non_null (turns);
  for (i = 0; i < assignments->len; i++)
    {
      AttribAssignment *a = g_ptr_array_index (assignments, i);

      g_string_append_printf (out, "%s %s %d %s | %s\n", attrib_assignment_get_visit (a),
                              attrib_assignment_get_consultant (a), attrib_assignment_get_turn (a),
                              attrib_assignment_get_clause (a), attrib_assignment_get_explanation (a));
    }
  joined = g_strjoinv (" ", turns);
  g_string_append (out, joined);
  return g_string_free (out, FALSE);
}

/* The sample office day: a group below ten sits out, a skip without
 * make-up, a named customer and an old one outside the rotation, a call
 * outranked by a walk-in, an evening walk-in on duty. */
static void
test_sample_day (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribRotation) rotation = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) turns = NULL;
  g_auto(GStrv) groups = NULL;
  g_autofree char *why = NULL;
  static const char *consultants[] = { "A/a01", "B/b01", "B/b02", "A/a03", "A/a03", "A/a01", "B/b05" };
  static const AttribTurnKind kinds[] = {
    ATTRIB_TURN_KIND_REGULAR, ATTRIB_TURN_KIND_REGULAR, ATTRIB_TURN_KIND_REGULAR, ATTRIB_TURN_KIND_NONE,
    ATTRIB_TURN_KIND_REGULAR, ATTRIB_TURN_KIND_NONE, ATTRIB_TURN_KIND_NONE,
  };
  guint i;

  load ("sales-office.json", &profile, &ledger);
  rotation = attrib_rotation_new (profile);
  groups = attrib_rotation_get_groups (rotation, ledger, day_of ("2024-03-01"), &why, &error);
  assert_int_equal (g_strv_length (groups), 2);
  assert_string_equal (groups[1], "B");
  assert_non_null (strstr (why, "group C has 9"));

  assignments = attrib_rotation_assign (rotation, ledger, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_VISIT, &error);
  assert_int_equal (assignments->len, G_N_ELEMENTS (consultants));
  for (i = 0; i < assignments->len; i++)
    {
      AttribAssignment *a = g_ptr_array_index (assignments, i);

      assert_string_equal (attrib_assignment_get_consultant (a), consultants[i]);
      assert_int_equal (attrib_assignment_get_turn (a), kinds[i]);
    }
  assert_string_equal (attrib_assignment_get_skipped (g_ptr_array_index (assignments, 2))[0], "A/a02");
  assert_string_equal (attrib_assignment_get_clause (g_ptr_array_index (assignments, 5)), "二.(二).1");
  assert_string_equal (attrib_assignment_get_clause (g_ptr_array_index (assignments, 6)), "二.(一).4");

  /* the call rotates on its own counter */
  turns = attrib_rotation_get_turns (rotation, ledger, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_CALL, 3, &error);
  assert_string_equal (turns[0], "A/a01");
  assert_string_equal (turns[1], "B/b01");
}

/* Assignments and verdicts do not depend on the order events were added. */
static void
test_insertion_order (void **state)
{
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribRotation) rotation = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autofree char *reference = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  GString *reference_verdicts = g_string_new (NULL);
  guint round, i, n;

  load ("sales-office.json", &profile, &ledger);
  rotation = attrib_rotation_new (profile);
  engine = attrib_engine_new (profile);
  reference = day_text (rotation, ledger);
  verdicts = attrib_engine_attribute_all (engine, ledger, NULL);
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      g_string_append_printf (reference_verdicts, "%s\n", json);
    }
  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    g_ptr_array_add (events, attrib_ledger_get_event (ledger, i));

  for (round = 0; round < 20; round++)
    {
      g_autoptr(AttribLedger) shuffled = attrib_ledger_new ();
      g_autoptr(GPtrArray) again = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GString) json = g_string_new (NULL);

      for (i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          gpointer tmp = events->pdata[i];

          events->pdata[i] = events->pdata[j];
          events->pdata[j] = tmp;
        }
      for (i = 0; i < n; i++)
        assert_true (attrib_ledger_add_event (shuffled, g_ptr_array_index (events, i), NULL));
      text = day_text (rotation, shuffled);
      assert_string_equal (text, reference);
      again = attrib_engine_attribute_all (engine, shuffled, NULL);
      for (i = 0; i < again->len; i++)
        {
          g_autofree char *v = attrib_verdict_to_json (g_ptr_array_index (again, i));

          g_string_append_printf (json, "%s\n", v);
        }
      assert_string_equal (json->str, reference_verdicts->str);
    }
  g_string_free (reference_verdicts, TRUE);
}

/* The latest roster filed in time counts; one filed late does not. */
static void
test_rosters (void **state)
{
  g_autoptr(AttribProfile) profile = rotation_profile (2);
  g_autoptr(AttribRotation) rotation = attrib_rotation_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) turns = NULL;
  const char *json =
    "[{\"id\": \"r1\", \"type\": \"roster\", \"at\": \"2024-03-01T07:00:00+08:00\", \"date\": \"2024-03-01\","
    "  \"groups\": {\"A\": [\"a1\", \"a2\"], \"B\": [\"b1\", \"b2\"]}},"
    " {\"id\": \"r2\", \"type\": \"roster\", \"at\": \"2024-03-01T07:50:00+08:00\", \"date\": \"2024-03-01\","
    "  \"groups\": {\"A\": [\"a2\", \"a1\", \"a3\"]}},"
    " {\"id\": \"r3\", \"type\": \"roster\", \"at\": \"2024-03-01T08:01:00+08:00\", \"date\": \"2024-03-01\","
    "  \"groups\": {\"B\": [\"b9\", \"b8\"]}}]";

  assert_true (attrib_ledger_load_data (ledger, json, -1, "rosters.json", &error));
  turns = attrib_rotation_get_turns (rotation, ledger, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_VISIT, 6, &error);
  assert_non_null (turns);
  assert_string_equal (turns[0], "A/a2");
  assert_string_equal (turns[1], "B/b1");
  assert_string_equal (turns[2], "A/a1");
  assert_string_equal (turns[3], "B/b2");
  assert_string_equal (turns[4], "A/a3");
  assert_string_equal (turns[5], "A/a2");

  /* a roster whose groups come interleaved is read group by group */
  {
    g_autoptr(AttribLedger) mixed = attrib_ledger_new ();
    g_autoptr(AttribEvent) roster = NULL;
    g_autoptr(AttribEvent) stored = NULL;
    g_auto(GStrv) order = NULL;
    AttribTime at;

    assert_true (attrib_time_parse ("2024-03-01T07:00:00+08:00", NULL, &at, NULL));
    roster = attrib_event_new (ATTRIB_EVENT_TYPE_ROSTER, "mixed", at);
    attrib_event_set_roster_date (roster, day_of ("2024-03-01"));
    attrib_event_add_roster_member (roster, "A", "a1");
    attrib_event_add_roster_member (roster, "B", "b1");
    attrib_event_add_roster_member (roster, "A", "a2");
    attrib_event_add_roster_member (roster, "B", "b2");
    assert_true (attrib_ledger_add_event (mixed, roster, &error));
    stored = attrib_ledger_lookup_event (mixed, "mixed");
    assert_string_equal (attrib_event_get_roster_member (stored, 1, NULL), "A/a2");
    order = attrib_rotation_get_turns (rotation, mixed, day_of ("2024-03-01"), ATTRIB_VISIT_KIND_VISIT, 4, &error);
    assert_string_equal (order[0], "A/a1");
    assert_string_equal (order[1], "B/b1");
    assert_string_equal (order[2], "A/a2");
    assert_string_equal (order[3], "B/b2");
  }

  /* another day has no roster */
  g_clear_pointer (&turns, g_strfreev);
  turns = attrib_rotation_get_turns (rotation, ledger, day_of ("2024-03-02"), ATTRIB_VISIT_KIND_VISIT, 6, &error);
  assert_null (turns);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_big_round),
    cmocka_unit_test (test_rosters),
    cmocka_unit_test (test_sample_day),
    cmocka_unit_test (test_insertion_order),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
