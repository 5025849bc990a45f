/* bench-live.c: the live desk — one event added, then the desk answers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-live --csv FILE [--appends N] [--runs R]
 *
 * Loads a ledger written by bench-gen (not frozen: it keeps taking
 * events), then, N times: adds one report of a customer the ledger
 * knows, filed after everything in it, and asks what the channel waits
 * for — the desk's answer on that report (attrib_engine_check_report:
 * accepted or not, by which clause) and the verdict of that customer's
 * latest deal. Prints, per run, the median and the 99th percentile of one
 * such step, and the same desk query on a ledger nothing was added to
 * (the floor a step could reach). docs/performance.md, "The live desk",
 * has the figures and the command; docs/live.md what they mean.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <attrib/attrib.h>

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static gint64
percentile (GArray *samples,
            guint   pct)
{
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, MIN (samples->len - 1, samples->len * pct / 100));
}

/* One step: the report added, the desk's answer, the deal's verdict. */
static gint64
step (AttribEngine *engine,
      AttribLedger *ledger,
      AttribEvent  *report,
      const char   *deal,
      gboolean      add)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autofree char *reason = NULL;
  gboolean accepted;
  gint64 t0 = g_get_monotonic_time ();

  if (add && !attrib_ledger_add_event (ledger, report, &error))
    g_error ("%s", error->message);
  if (!attrib_engine_check_report (engine, ledger, attrib_event_get_id (report), &accepted, &reason, &error))
    g_error ("%s", error->message);
  if (deal != NULL && (verdict = attrib_engine_attribute_deal (engine, ledger, deal, &error)) == NULL)
    g_error ("%s", error->message);
  return g_get_monotonic_time () - t0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *csv = NULL;
  gint64 n_appends = 50, n_runs = 3;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the live desk benchmark");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "A ledger written by bench-gen --csv", "FILE" },
    { "appends", 'n', 0, G_OPTION_ARG_INT64, &n_appends, "Steps per run (default 50)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT64, &n_runs, "Runs (default 3)", "R" },
    { NULL }
  };
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 run;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || csv == NULL || n_appends < 1 || n_runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "bench-live --csv FILE [--appends N] [--runs R]");
      return 2;
    }
  if (!g_file_get_contents (csv, &contents, &length, &error))
    g_error ("%s", error->message);
  profile = attrib_profile_new_builtin ("junyuan-2012", &error);
  engine = attrib_engine_new (profile);

  printf ("%-6s %10s %12s %12s %12s %12s\n", "run", "events", "step p50 µs", "step p99 µs", "query p50 µs", "query p99 µs");
  for (run = 0; run < n_runs; run++)
    {
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_auto(GStrv) deals = NULL;
      guint n_deals, n;
      AttribTime last;
      gint64 i;

      if (!attrib_ledger_load_csv (ledger, contents, length, csv, &error))
        g_error ("%s", error->message);
      n = attrib_ledger_get_n_events (ledger);
      {
        g_autoptr(AttribEvent) latest = attrib_ledger_get_event (ledger, n - 1);

        last = attrib_event_get_at (latest);
      }
      deals = attrib_ledger_get_deals (ledger);
      n_deals = g_strv_length (deals);

      for (i = 0; i < n_appends; i++)
        {
          const char *deal = deals[(i * 7919) % n_deals];
          g_autoptr(GPtrArray) events = attrib_ledger_get_deal_events (ledger, deal);
          AttribEvent *stage = g_ptr_array_index (events, 0);
          g_autofree char *id = g_strdup_printf ("live-%" G_GINT64_FORMAT, i);
          g_autoptr(AttribEvent) report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, last + (i + 1) * G_USEC_PER_SEC);

          /* a channel reports the deal's purchaser again */
          attrib_event_set_customer (report, attrib_event_get_customer_name (stage), attrib_event_get_customer_phone (stage));
          attrib_event_set_party (report, "ch01/ag01");
          g_array_append_val (steps, (gint64) { step (engine, ledger, report, deal, TRUE) });
          /* the same questions with nothing added */
          g_array_append_val (queries, (gint64) { step (engine, ledger, report, deal, FALSE) });
        }
      printf ("%-6" G_GINT64_FORMAT " %10u %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT " %12" G_GINT64_FORMAT "\n",
              run + 1, n, percentile (steps, 50), percentile (steps, 99), percentile (queries, 50), percentile (queries, 99));
    }
  return 0;
}
