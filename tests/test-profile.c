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

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_builtin),
    cmocka_unit_test (test_extends_and_params),
    cmocka_unit_test (test_bad_profiles),
    cmocka_unit_test (test_extends_cycle),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
