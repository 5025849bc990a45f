/* test-profile.c: profiles as data
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

#include "attrib-profile-private.h"

static void
test_builtin (void **state)
{
  g_auto(GStrv) ids = attrib_profile_list_builtin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) junyuan = NULL;
  g_autoptr(AttribProfile) meilian = NULL;
  g_auto(GStrv) clauses = NULL;

  assert_true (g_strv_contains ((const char * const *) ids, "junyuan-2012"));
  assert_true (g_strv_contains ((const char * const *) ids, "meilian-linkage"));

  junyuan = attrib_profile_new_builtin ("junyuan-2012", &error);
  assert_non_null (junyuan);
  assert_int_equal (attrib_profile_get_deal_stage (junyuan), ATTRIB_DEAL_STAGE_SIGNED);
  assert_string_equal (attrib_profile_get_time_zone_identifier (junyuan), "Asia/Shanghai");
  assert_string_equal (attrib_profile_get_clause_kind (junyuan, "1.2.8"), "simultaneous");
  assert_non_null (strstr (attrib_profile_get_clause_text (junyuan, "1.1.4"), "3个月"));
  clauses = attrib_profile_get_clause_ids (junyuan);
  assert_int_equal (g_strv_length (clauses), 16);

  /* meilian extends junyuan: its clauses and one of its own, placed first */
  meilian = attrib_profile_new_builtin ("meilian-linkage", &error);
  assert_non_null (meilian);
  assert_string_equal (attrib_profile_get_extends (meilian), "junyuan-2012");
  assert_string_equal (attrib_profile_get_clause_kind (meilian, "5"), "report_required");
  assert_string_equal (attrib_profile_get_clause_kind (meilian, "1.1.4"), "protection");
  assert_int_equal (attrib_profile_get_deal_stage (meilian), ATTRIB_DEAL_STAGE_SIGNED);

  assert_null (attrib_profile_new_builtin ("nope", &error) );
}

static void
test_extends_and_params (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) base = attrib_profile_new_builtin ("junyuan-2012", &error);
  g_autoptr(AttribProfile) six = NULL;
  g_autoptr(AttribProfile) own = NULL;
  g_autofree char *json = NULL;
  const char *text =
    "{\"id\": \"my-project\", \"extends\": \"junyuan-2012\", \"title\": \"本项目分销规则\",\n"
    " \"deal_stage\": \"subscribed\",\n"
    " \"clauses\": [{\"id\": \"1.1.4\", \"params\": {\"months\": 4}},\n"
    "             {\"id\": \"1.2.5\", \"remove\": true}]}";

  six = attrib_profile_derive (base, "{\"1.1.4\": {\"months\": 6}, \"rename_keeps\": [\"spouse\"]}", &error);
  assert_non_null (six);
  json = attrib_profile_to_json (six);
  assert_non_null (strstr (json, "\"kind\": \"protection\""));
  assert_non_null (strstr (json, "\"params\": {\"months\": 6}"));
  assert_non_null (strstr (json, "\"rename_keeps\": [\"spouse\"]"));
  g_clear_pointer (&json, g_free);

  own = attrib_profile_new_from_data (text, -1, "own.json", &error);
  assert_non_null (own);
  assert_int_equal (attrib_profile_get_deal_stage (own), ATTRIB_DEAL_STAGE_SUBSCRIBED);
  assert_null (attrib_profile_get_clause_kind (own, "1.2.5"));
  json = attrib_profile_to_json (own);
  assert_non_null (strstr (json, "\"params\": {\"months\": 4}"));
}

typedef struct
{
  const char *text;
  const char *prefix;
  const char *fragment;
} BadProfile;

static void
test_bad_profiles (void **state)
{
  static const BadProfile cases[] = {
    { "[]", "p.json:1:1", "must be an object" },
    { "{\"title\": \"x\", \"clauses\": []}", "p.json:1:1", "needs an “id”" },
    { "{\"id\": \"x\", \"clauses\": [{\"id\": \"1\", \"kind\": \"ruling\"}]}", "p.json:1:1", "needs a “title”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": []}", "p.json:1:1", "has no clauses" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"magic\"}]}",
      "p.json:1:", "unknown kind “magic”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"protection\", \"params\": {\"weeks\": 2}}]}",
      "p.json:1:", "has no parameter “weeks”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"protection\", \"params\": {\"months\": \"3\"}}]}",
      "p.json:1:", "must be an integer" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"related_purchaser\"}]}",
      "p.json:1:", "needs the parameter “relations”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"related_purchaser\", \"params\": {\"relations\": [\"cousin\"]}}]}",
      "p.json:1:", "not a relation kind" },
    { "{\"id\": \"x\", \"title\": \"t\", \"deal_stage\": \"cancelled\", \"clauses\": [{\"id\": \"1\", \"kind\": \"ruling\"}]}",
      "p.json:1:", "“deal_stage”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"time_zone\": \"Mars/Olympus\", \"clauses\": [{\"id\": \"1\", \"kind\": \"ruling\"}]}",
      "p.json:1:40", "Mars/Olympus" },
    { "{\"id\": \"x\", \"extends\": \"nope\", \"title\": \"t\"}", "p.json:1:", "no built-in profile “nope”" },
    { "{\"id\": \"x\", \"title\": \"t\", \"colour\": 1, \"clauses\": []}", "p.json:1:", "unknown key “colour”" },
    { "{\"id\": \"x\", \"extends\": \"junyuan-2012\", \"clauses\": [{\"id\": \"9.9\", \"remove\": true}]}",
      "p.json:1:", "cannot be removed" },
    { "{\"id\": \"x\", \"extends\": \"junyuan-2012\", \"params\": {\"9.9\": {}}}", "p.json:1:", "is not “rename_keeps”, “mask_names” or a clause" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribProfile) profile = attrib_profile_new_from_data (cases[i].text, -1, "p.json", &error);

      if (profile != NULL || error == NULL || !g_str_has_prefix (error->message, cases[i].prefix) ||
          strstr (error->message, cases[i].fragment) == NULL)
        fail_msg ("case %u: expected “%s … %s”, got %s", i, cases[i].prefix, cases[i].fragment,
                  error != NULL ? error->message : "a profile");
    }
}

/* extends cycles through files end with an error, not a stack overflow */
static void
test_extends_cycle (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("attrib-profile-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (a);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;

  assert_true (g_file_set_contents (a, "{\"id\": \"a\", \"extends\": \"b.json\", \"title\": \"A\"}", -1, NULL));
  assert_true (g_file_set_contents (b, "{\"id\": \"b\", \"extends\": \"a.json\", \"title\": \"B\"}", -1, NULL));
  profile = attrib_profile_new_from_file (file, NULL, &error);
  assert_null (profile);
  assert_non_null (strstr (error->message, "cycle"));
  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}

/* A kind's phases and hooks agree: a hook for each phase it names, no hook
 * of a phase it does not. */
static void
check_hooks (const AttribClauseKind *kind)
{
  const AttribPhase deal_phases = ATTRIB_PHASE_RULING | ATTRIB_PHASE_VOID | ATTRIB_PHASE_RELATE |
                                  ATTRIB_PHASE_SPLIT | ATTRIB_PHASE_OVERRIDE;
  gboolean has_source = kind->sources != NULL && kind->sources[0].attempts != NULL;
  const AttribSourceHook *hook;

  if (((kind->phases & ATTRIB_PHASE_SOURCE) != 0) != has_source)
    fail_msg ("%s: SOURCE and its sources disagree", kind->name);
  for (hook = kind->sources; has_source && hook->attempts != NULL; hook++)
    if (hook->rank == 0 && hook->companion_rank == 0)
      fail_msg ("%s: a source with no rank is never asked", kind->name);
  if (kind->ops != NULL && !has_source)
    fail_msg ("%s: source operations without a source", kind->name);
  if (((kind->phases & ATTRIB_PHASE_HOLDER) != 0) != (kind->holder != NULL))
    fail_msg ("%s: HOLDER and its hook disagree", kind->name);
  if (kind->holds_unreceived && kind->holder == NULL)
    fail_msg ("%s: holds_unreceived without a holder", kind->name);
  if (((kind->phases & ATTRIB_PHASE_CHECK) != 0) != (kind->check != NULL))
    fail_msg ("%s: CHECK and its hook disagree", kind->name);
  if (kind->checks_reports_only && kind->check == NULL)
    fail_msg ("%s: checks_reports_only without a check", kind->name);
  if (((kind->phases & ATTRIB_PHASE_FOLLOW) != 0) != (kind->follow_event != NULL || kind->follow_visit != NULL))
    fail_msg ("%s: FOLLOW and its hooks disagree", kind->name);
  if (((kind->phases & deal_phases) != 0) != (kind->decide != NULL))
    fail_msg ("%s: a deal phase and its hook disagree", kind->name);
  if (__builtin_popcount (kind->phases & deal_phases) > 1)
    fail_msg ("%s: one decide hook in several deal phases", kind->name);
  if ((kind->phases & ATTRIB_PHASE_CITED) != 0 && kind->phases != ATTRIB_PHASE_CITED)
    fail_msg ("%s: a cited kind takes part in no phase", kind->name);
  if (kind->phases == 0)
    fail_msg ("%s: no phase", kind->name);
  if (kind->protection_rank > 0 && !has_source)
    fail_msg ("%s: a protection rank without a source", kind->name);
}

/* Every registered kind has its file under libattrib/clauses/ defining
 * it, phases that match its hooks, a parameter table, a row in the
 * profile writer's table of kinds (docs/profiles.md) whose parameters are
 * the kind's, and a place in the regulations' mapping (docs/rules.md). */
static void
test_kind_registry (void **state)
{
  g_autofree char *root = NULL;
  g_autofree char *profiles_md = NULL, *rules_md = NULL;
  g_autofree char *profiles_path = NULL;
  g_autofree char *rules_path = NULL;
  g_autoptr(GHashTable) ranks = g_hash_table_new (NULL, NULL);
  const AttribClauseKind * const *kinds = _attrib_clause_kinds ();
  guint n;

  /* meson test sets G_TEST_SRCDIR; an installed test has no source tree
   * to compare with */
  if (g_getenv ("G_TEST_SRCDIR") == NULL)
    skip ();
  root = g_path_get_dirname (g_getenv ("G_TEST_SRCDIR"));
  profiles_path = g_build_filename (root, "docs", "profiles.md", NULL);
  rules_path = g_build_filename (root, "docs", "rules.md", NULL);
  assert_true (g_file_get_contents (profiles_path, &profiles_md, NULL, NULL));
  assert_true (g_file_get_contents (rules_path, &rules_md, NULL, NULL));
  for (n = 0; kinds[n] != NULL; n++)
    {
      const AttribClauseKind *kind = kinds[n];
      g_autofree char *base = g_strdelimit (g_strconcat (kind->name, ".c", NULL), "_", '-');
      g_autofree char *path = g_build_filename (root, "libattrib", "clauses", base, NULL);
      g_autofree char *text = NULL;
      g_autofree char *symbol = g_strconcat ("const AttribClauseKind _attrib_kind_", kind->name, " = {", NULL);
      g_autofree char *row_start = g_strdup_printf ("\n| `%s` |", kind->name);
      g_autofree char *quoted = g_strdup_printf ("`%s`", kind->name);
      const char *row, *row_end;
      const AttribParamSpec *spec;
      const AttribSourceHook *hook;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        fail_msg ("kind %s: no file %s", kind->name, path);
      if (strstr (text, symbol) == NULL)
        fail_msg ("%s does not define _attrib_kind_%s", path, kind->name);
      assert_ptr_equal (_attrib_clause_kind_lookup (kind->name), kind);
      assert_int_equal (_attrib_clause_kind_index (kind), n);
      assert_non_null (kind->params);
      assert_non_null (kind->summary);
      check_hooks (kind);

      /* the sources' ranks say the order the regulations give: no two alike */
      for (hook = kind->sources; hook != NULL && hook->attempts != NULL; hook++)
        {
          if (hook->rank > 0 && !g_hash_table_add (ranks, GUINT_TO_POINTER (hook->rank)))
            fail_msg ("%s: rank %u is another source's", kind->name, hook->rank);
          if (hook->companion_rank > 0 && !g_hash_table_add (ranks, GUINT_TO_POINTER (1000 + hook->companion_rank)))
            fail_msg ("%s: companion rank %u is another source's", kind->name, hook->companion_rank);
        }

      row = strstr (profiles_md, row_start);
      if (row == NULL)
        fail_msg ("docs/profiles.md has no row for the kind %s", kind->name);
      row_end = strchr (row + 1, '\n');
      for (spec = kind->params; spec->name != NULL; spec++)
        {
          g_autofree char *param = g_strdup_printf ("`%s`", spec->name);
          g_autofree char *cell = g_strndup (row, row_end - row);

          if (strstr (cell, param) == NULL)
            fail_msg ("docs/profiles.md: the row of %s does not name its parameter %s", kind->name, spec->name);
        }
      if (strstr (rules_md, quoted) == NULL)
        fail_msg ("docs/rules.md never names the kind %s", kind->name);
    }
  assert_int_equal (n, ATTRIB_N_KINDS);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_builtin),
    cmocka_unit_test (test_kind_registry),
    cmocka_unit_test (test_extends_and_params),
    cmocka_unit_test (test_bad_profiles),
    cmocka_unit_test (test_extends_cycle),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
