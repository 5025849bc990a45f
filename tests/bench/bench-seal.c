/* bench-seal.c: a scenario's verdicts as a program gets them by default
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-seal FILE
 *
 * Attributes every deal of a scenario with the engine's defaults — on a
 * frozen ledger, verdicts that work out their trace and fingerprint when
 * first asked (AttribEngine:defer-traces) — then asks each one for its
 * JSON, sealing them one at a time, and prints them as `attrib attribute`
 * does (which turns the deferral off). The growth check (growth.py, the
 * "-sealed" shapes) runs it to keep that path n·log n too.
 */

#include <stdio.h>

#include <attrib/attrib.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  guint i;

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-seal FILE\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    {
      fprintf (stderr, "bench-seal: %s\n", error->message);
      return 1;
    }
  engine = attrib_engine_new (profile);
  attrib_engine_set_n_threads (engine, 1);
  if (!attrib_engine_get_defer_traces (engine))
    {
      fprintf (stderr, "bench-seal: the engine does not defer traces by default\n");
      return 1;
    }
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (verdicts == NULL)
    {
      fprintf (stderr, "bench-seal: %s\n", error->message);
      return 1;
    }
  /* the ledger and engine may go: each verdict holds what it needs */
  g_clear_object (&engine);
  g_clear_object (&ledger);
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      fputs (json, stdout);
      fputc ('\n', stdout);
    }
  return 0;
}
