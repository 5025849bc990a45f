/* fuzz-scenario.c: scenario files and their audit expectations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a scenario file (docs/audit-format.md), written to a private
 * folder and read as a file, as `attrib audit` reads it:
 * attrib_scenario_load() (profile, params, now, events),
 * attrib_scenario_load_plans() and attrib_audit_run_file(), which checks
 * every expectation — verdicts, reports, rotations, commission amounts
 * and statements. What loads is then exercised as the ledger targets do:
 * read back, added again in reverse order, attributed, rotated, paid.
 *
 * Profile and plan files a scenario names are relative to its folder and
 * may climb out of it ("../../规则/…", docs/writing-audits.md): inputs
 * with ".." (or a \u002e escape) are left out, so that the fuzzer reads
 * no file outside its folder (such as /dev/zero). The folder holds the
 * rules of docs/examples/audit-zh (规则/项目规则.json), which the Chinese
 * examples name.
 */

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

static gboolean
may_leave_folder (const uint8_t *data,
                  size_t         size)
{
  size_t i;

  for (i = 0; i + 1 < size; i++)
    {
      if (data[i] == '.' && data[i + 1] == '.')
        return TRUE;
      if (data[i] == '\\' && i + 5 < size && data[i + 1] == 'u' && data[i + 2] == '0' && data[i + 3] == '0' &&
          data[i + 4] == '2' && (data[i + 5] == 'e' || data[i + 5] == 'E'))
        return TRUE;
    }
  return FALSE;
}

/* The rules the Chinese audit examples name beside them, so that those
 * scenarios load here too. */
static void
copy_example_rules (void)
{
  static gboolean done = FALSE;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *target = NULL;
  GError *error = NULL;
  gsize length;

  if (done)
    return;
  done = TRUE;
  dir = g_build_filename (fuzz_tmp_dir (), "规则", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_get_contents (FUZZ_EXAMPLES_DIR "/audit-zh/规则/项目规则.json", &contents, &length, &error);
  g_assert_no_error (error);
  target = g_build_filename (dir, "项目规则.json", NULL);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);
}

static void
run_audit (GFile *file)
{
  g_autoptr(AttribAudit) audit = attrib_audit_new ();
  GError *error = NULL;
  gboolean ran;
  guint i;

  ran = attrib_audit_run_file (audit, file, NULL, &error);
  if (!ran)
    {
      fuzz_check_error (&error);
      g_assert_cmpuint (attrib_audit_get_n_failed (audit), >=, 1);
    }
  g_assert_cmpuint (attrib_audit_get_n_passed (audit) + attrib_audit_get_n_failed (audit), ==,
                    attrib_audit_get_n_results (audit));
  for (i = 0; i < attrib_audit_get_n_results (audit); i++)
    {
      const char *line = NULL;
      const char *detail = NULL;

      (void) attrib_audit_get_result (audit, i, &line, &detail);
      g_assert_nonnull (line);
      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_assert_true (detail == NULL || g_utf8_validate (detail, -1, NULL));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribLedger) copy = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  GError *error = NULL;
  FILE *out;

  fuzz_init ();
  if (may_leave_folder (data, size))
    return 0;
  copy_example_rules ();

  path = g_build_filename (fuzz_tmp_dir (), "scenario.json", NULL);
  out = fopen (path, "wb");
  g_assert_nonnull (out);
  g_assert_cmpuint (fwrite (data, 1, size, out), ==, size);
  g_assert_cmpint (fclose (out), ==, 0);
  file = g_file_new_for_path (path);

  if (attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    {
      g_assert_no_error (error);
      g_assert_true (attrib_ledger_is_frozen (ledger));
      copy = fuzz_exercise_ledger (ledger);
      fuzz_exercise_engine (profile, ledger, copy);
      fuzz_exercise_rotation (profile, ledger);

      plans = attrib_scenario_load_plans (file, NULL, &error);
      if (plans != NULL)
        fuzz_exercise_calculator (profile, plans, ledger);
      else
        fuzz_check_error (&error);
    }
  else
    fuzz_check_error (&error);

  run_audit (file);
  return 0;
}
