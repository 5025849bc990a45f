/* fuzz-profile.c: rule profiles (docs/profiles.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a profile as JSON, for attrib_profile_new_from_data() (an
 * `extends` names a built-in profile). A profile it accepts is read back
 * clause by clause, derived with no parameters changed (which must give
 * the same canonical form), and applied to the sample project and the
 * sales office of tests/data: every verdict, claim, check and rotation,
 * and the sample's commission — whatever the clauses' parameters.
 */

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribProfile) derived = NULL;
  g_autoptr(AttribLedger) project = NULL;
  g_autoptr(AttribLedger) office = NULL;
  g_autofree char *json = NULL;
  g_autofree char *derived_json = NULL;
  g_auto(GStrv) clauses = NULL;
  GError *error = NULL;
  guint i;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  profile = attrib_profile_new_from_data (text, size, "fuzz-profile.json", &error);
  if (profile == NULL)
    {
      fuzz_check_error (&error);
      return 0;
    }
  g_assert_no_error (error);

  g_assert_nonnull (attrib_profile_get_id (profile));
  g_assert_nonnull (attrib_profile_get_title (profile));
  g_assert_nonnull (attrib_profile_get_time_zone_identifier (profile));
  (void) attrib_profile_get_version (profile);
  (void) attrib_profile_get_effective (profile);
  (void) attrib_profile_get_extends (profile);
  (void) attrib_profile_get_level (profile);
  (void) attrib_profile_get_deal_stage (profile);
  clauses = attrib_profile_get_clause_ids (profile);
  g_assert_nonnull (clauses);
  for (i = 0; clauses[i] != NULL; i++)
    {
      g_assert_nonnull (attrib_profile_get_clause_kind (profile, clauses[i]));
      (void) attrib_profile_get_clause_title (profile, clauses[i]);
      (void) attrib_profile_get_clause_text (profile, clauses[i]);
    }

  json = attrib_profile_to_json (profile);
  g_assert_nonnull (json);
  derived = attrib_profile_derive (profile, "{}", &error);
  g_assert_no_error (error);
  derived_json = attrib_profile_to_json (derived);
  g_assert_cmpstr (json, ==, derived_json);

  /* the profile's zone was accepted: the ledgers must be too */
  project = fuzz_sample_ledger (attrib_profile_get_time_zone_identifier (profile), FALSE);
  office = fuzz_sample_ledger (attrib_profile_get_time_zone_identifier (profile), TRUE);
  fuzz_exercise_engine (profile, project, NULL);
  fuzz_exercise_engine (profile, office, NULL);
  fuzz_exercise_rotation (profile, office);
  fuzz_exercise_calculator (profile, fuzz_sample_plans (), project);
  return 0;
}
