/* fuzz-plan.c: commission plans (docs/commission.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a commission plan as JSON, for
 * attrib_commission_plan_new_from_data(). A plan it accepts must write
 * itself out (attrib_commission_plan_to_json()) as a plan it accepts
 * again, with the same canonical form; and it is applied, with the
 * other distributor's plan of the sample project, to the verdicts of
 * tests/data/sample-project.json under junyuan-2012: every line and every
 * month's statements, whatever its rates, caps, tiers and milestones.
 */

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(AttribCommissionPlan) plan = NULL;
  g_autoptr(AttribCommissionPlan) again = NULL;
  g_autoptr(AttribLedger) project = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  GPtrArray *sample;
  GError *error = NULL;
  guint i;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  plan = attrib_commission_plan_new_from_data (text, size, "fuzz-plan.json", &error);
  if (plan == NULL)
    {
      fuzz_check_error (&error);
      return 0;
    }
  g_assert_no_error (error);

  g_assert_nonnull (attrib_commission_plan_get_id (plan));
  g_assert_nonnull (attrib_commission_plan_get_party (plan));
  (void) attrib_commission_plan_get_title (plan);
  (void) attrib_commission_plan_get_rounding (plan);

  json = attrib_commission_plan_to_json (plan);
  again = attrib_commission_plan_new_from_data (json, -1, "to-json.json", &error);
  if (again == NULL)
    g_error ("a plan's own JSON is refused: %s\n%s", error->message, json);
  json_again = attrib_commission_plan_to_json (again);
  g_assert_cmpstr (json, ==, json_again);

  /* this plan, and the sample's plans for the other parties */
  plans = g_ptr_array_new ();
  g_ptr_array_add (plans, plan);
  sample = fuzz_sample_plans ();
  for (i = 0; i < sample->len; i++)
    if (!g_str_equal (attrib_commission_plan_get_party (g_ptr_array_index (sample, i)),
                      attrib_commission_plan_get_party (plan)))
      g_ptr_array_add (plans, g_ptr_array_index (sample, i));
  project = fuzz_sample_ledger (NULL, FALSE);
  fuzz_exercise_calculator (fuzz_builtin_profile ("junyuan-2012"), plans, project);
  return 0;
}
