/* attribute.c: who gets each deal of a scenario, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   cc attribute.c $(pkg-config --cflags --libs attrib-1) -o attribute
 *   ./attribute sample-project.json [DEAL]
 *
 * Prints every deal's commission shares and decisive clauses; with DEAL,
 * also the trace of that verdict.
 */

#include <locale.h>

#include <attrib/attrib.h>

static void
print_shares (AttribVerdict *verdict)
{
  guint i, n = attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION);

  for (i = 0; i < n; i++)
    {
      gint64 num, den;
      const char *party = attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, &num, &den);

      g_print (" %s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, party, num, den);
    }
}

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

  setlocale (LC_ALL, "");   /* messages in the user's language and charset */
  if (argc < 2)
    {
      g_printerr ("usage: %s SCENARIO.json [DEAL]\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error))
    {
      g_printerr ("%s\n", error->message);   /* file:line:column: what is wrong */
      return 1;
    }

  engine = attrib_engine_new (profile);
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (verdicts == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  for (i = 0; i < verdicts->len; i++)
    {
      AttribVerdict *verdict = g_ptr_array_index (verdicts, i);
      g_autofree char *clauses = g_strjoinv (" ", (char **) attrib_verdict_get_clauses (verdict));

      g_print ("%s %s:", attrib_verdict_get_deal (verdict), attrib_verdict_status_get_label (attrib_verdict_get_status (verdict)));
      print_shares (verdict);
      g_print (" (%s)\n", clauses);

      if (argc > 2 && g_str_equal (argv[2], attrib_verdict_get_deal (verdict)))
        {
          guint s;

          for (s = 0; s < attrib_verdict_get_n_steps (verdict); s++)
            {
              AttribOutcome outcome;
              const char *message;
              const char *clause = attrib_verdict_get_step (verdict, s, &outcome, &message);

              g_print ("  [%s] %s: %s\n", clause, attrib_outcome_get_label (outcome), message);
            }
        }
    }
  return 0;
}
