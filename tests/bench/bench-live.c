/* bench-live.c: the live desk — one event added, then the desk answers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-live --csv FILE [--appends N] [--runs R]
 *
 * Loads a ledger written by bench-gen (not frozen: it keeps taking
 * events) and a watch on it (AttribWatch: every verdict, once), then
 * measures steps — one report added, the watch brought up to date (the
 * verdicts, claims and reports' acceptance that changed:
 * attrib_watch_update and the changed claims and reports) and the desk's
 * answer on the report from it (attrib_watch_check_report: accepted or
 * not, by which clause):
 *
 * - known: N times, a report of a deal's purchaser, filed after
 *   everything: the indexes grow by it;
 * - new: N / 10 times, a report of a customer nobody knew: the ledger
 *   rebuilds its indexes and the watch compares what its verdicts read;
 * - query: the desk's answer and the deal's verdict with nothing added,
 *   the floor a step could reach.
 *
 * Prints per run the median and 99th percentile of each, how many
 * verdicts the watch asked again, and resident memory. docs/live.md has
 * the figures and the command.
 *
 *   bench-live --one-buyer N
 *
 * The adversarial shape instead: one buyer with N deals, each verdict
 * reading every event of the buyer; prints the watch's first update and
 * three steps of a follow-up about that buyer.
 *
 *   bench-live --one-customer N
 *
 * Another (tests/bench/growth.py, shape reports-live): one customer with
 * a report, a visit and a deal, then N reports about that customer by N
 * channels, added one by one, each followed by the step above (the watch
 * brought up to date, the desk's answer on the report). Prints the total
 * and how many verdicts the watch asked again.
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
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_gint64);
  return g_array_index (samples, gint64, MIN (samples->len - 1, samples->len * pct / 100));
}

static gsize
rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* One step: the report added, the feed brought up to date (the verdicts,
 * claims and reports' acceptance that changed), the desk's answer on the
 * report from the watch. */
static gint64
step (AttribEngine *engine,
      AttribLedger *ledger,
      AttribWatch  *watch,
      AttribEvent  *report,
      guint        *n_decided)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_auto(GStrv) reports = NULL;
  g_autofree char *reason = NULL;
  gboolean accepted;
  gint64 t0 = g_get_monotonic_time ();

  if (!attrib_ledger_add_event (ledger, report, &error))
    g_error ("%s", error->message);
  if ((changed = attrib_watch_update (watch, &error)) == NULL)
    g_error ("%s", error->message);
  claims = attrib_watch_get_changed_claims (watch);
  reports = attrib_watch_get_changed_reports (watch);
  if (!attrib_watch_check_report (watch, attrib_event_get_id (report), &accepted, &reason, &error))
    g_error ("%s", error->message);
  t0 = g_get_monotonic_time () - t0;
  *n_decided += attrib_watch_get_n_decided (watch);
  return t0;
}

/* One buyer with @n deals (--one-buyer). */
static void
one_buyer (AttribEngine *engine,
           guint         n)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  AttribTime at = G_GINT64_CONSTANT (1709258400) * G_USEC_PER_SEC;   /* 2024-03-01T10:00+08:00 */
  AttribEvent *ev;
  gint64 t0;
  guint i;

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v0", at);
  attrib_event_set_customer (ev, "买家", "13800138000");
  attrib_event_add_agent (ev, "ch01/ag01", 0);
  if (!attrib_ledger_add_event (ledger, ev, &error))
    g_error ("%s", error->message);
  attrib_event_unref (ev);
  for (i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", i);
      g_autofree char *deal = g_strdup_printf ("D%u", i);

      ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at += 60 * G_USEC_PER_SEC);
      attrib_event_set_deal (ev, deal);
      attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
      attrib_event_set_customer (ev, "买家", "13800138000");
      if (!attrib_ledger_add_event (ledger, ev, &error))
        g_error ("%s", error->message);
      attrib_event_unref (ev);
    }
  watch = attrib_watch_new (engine, ledger);
  t0 = g_get_monotonic_time ();
  g_ptr_array_unref (attrib_watch_update (watch, &error));
  printf ("one buyer, %u deals: first update %.2f s\n", n, (g_get_monotonic_time () - t0) / 1e6);
  for (i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);
      g_autoptr(GPtrArray) changed = NULL;

      ev = attrib_event_new (ATTRIB_EVENT_TYPE_FOLLOW_UP, id, at += 60 * G_USEC_PER_SEC);
      attrib_event_set_customer (ev, "买家", "13800138000");
      attrib_event_set_party (ev, "ch01/ag01");
      t0 = g_get_monotonic_time ();
      if (!attrib_ledger_add_event (ledger, ev, &error) || (changed = attrib_watch_update (watch, &error)) == NULL)
        g_error ("%s", error->message);
      printf ("  step %u: %.2f s, %u verdicts asked again, %u changed\n", i + 1,
              (g_get_monotonic_time () - t0) / 1e6, attrib_watch_get_n_decided (watch), changed->len);
      attrib_event_unref (ev);
    }
}

/* One customer, then @n reports about them added one by one
 * (--one-customer). */
static void
one_customer (AttribEngine *engine,
              guint         n)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribWatch) watch = NULL;
  g_autoptr(GError) error = NULL;
  AttribTime at = G_GINT64_CONSTANT (1709258400) * G_USEC_PER_SEC;   /* 2024-03-01T10:00+08:00 */
  AttribEvent *ev;
  gint64 total = 0;
  guint i, n_decided = 0;

  ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r", at);
  attrib_event_set_customer (ev, "买家", "13800138000");
  attrib_event_set_party (ev, "ch/a");
  if (!attrib_ledger_add_event (ledger, ev, &error))
    g_error ("%s", error->message);
  attrib_event_unref (ev);
  ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, "v", at += 60 * G_USEC_PER_SEC);
  attrib_event_set_customer (ev, "买家", "13800138000");
  attrib_event_add_agent (ev, "ch/a", 0);
  if (!attrib_ledger_add_event (ledger, ev, &error))
    g_error ("%s", error->message);
  attrib_event_unref (ev);
  ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, "d", at += 60 * G_USEC_PER_SEC);
  attrib_event_set_deal (ev, "D");
  attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
  attrib_event_set_customer (ev, "买家", "13800138000");
  if (!attrib_ledger_add_event (ledger, ev, &error))
    g_error ("%s", error->message);
  attrib_event_unref (ev);
  watch = attrib_watch_new (engine, ledger);
  g_ptr_array_unref (attrib_watch_update (watch, &error));
  for (i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);
      g_autofree char *party = g_strdup_printf ("ch%u/a", i);

      ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at += G_USEC_PER_SEC);
      attrib_event_set_customer (ev, "买家", "13800138000");
      attrib_event_set_party (ev, party);
      total += step (engine, ledger, watch, ev, &n_decided);
      attrib_event_unref (ev);
    }
  printf ("one customer, %u reports added one by one: %.3f s, %u verdicts asked again\n",
          n, total / 1e6, n_decided);
}

/* The same questions with nothing added: the desk's answer, a verdict. */
static gint64
query (AttribEngine *engine,
       AttribLedger *ledger,
       AttribEvent  *report,
       const char   *deal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autofree char *reason = NULL;
  gboolean accepted;
  gint64 t0 = g_get_monotonic_time ();

  if (!attrib_engine_check_report (engine, ledger, attrib_event_get_id (report), &accepted, &reason, &error))
    g_error ("%s", error->message);
  if ((verdict = attrib_engine_attribute_deal (engine, ledger, deal, &error)) == NULL)
    g_error ("%s", error->message);
  return g_get_monotonic_time () - t0;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *csv = NULL;
  gint64 n_appends = 50, n_runs = 3, new_every = 10, buyer = 0, customer = 0;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the live desk benchmark");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "A ledger written by bench-gen --csv", "FILE" },
    { "appends", 'n', 0, G_OPTION_ARG_INT64, &n_appends, "Steps per run (default 50)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT64, &n_runs, "Runs (default 3)", "R" },
    { "one-buyer", 0, 0, G_OPTION_ARG_INT64, &buyer, "Instead: one buyer with N deals", "N" },
    { "one-customer", 0, 0, G_OPTION_ARG_INT64, &customer, "Instead: N reports about one customer, added one by one", "N" },
    { "new-every", 0, 0, G_OPTION_ARG_INT64, &new_every, "A new customer every K known steps (default 10; 0: none)", "K" },
    { NULL }
  };
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  gint64 run;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || (csv == NULL && buyer < 1 && customer < 1) || n_appends < 1 || n_runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "bench-live --csv FILE [--appends N] [--runs R] | --one-buyer N | --one-customer N");
      return 2;
    }
  if (buyer > 0)
    {
      g_autoptr(AttribProfile) junyuan = attrib_profile_new_builtin ("junyuan-2012", &error);
      g_autoptr(AttribEngine) buyer_engine = attrib_engine_new (junyuan);

      one_buyer (buyer_engine, (guint) buyer);
      return 0;
    }
  if (customer > 0)
    {
      g_autoptr(AttribProfile) junyuan = attrib_profile_new_builtin ("junyuan-2012", &error);
      g_autoptr(AttribEngine) customer_engine = attrib_engine_new (junyuan);

      one_customer (customer_engine, (guint) MIN (customer, G_MAXUINT));
      return 0;
    }
  if (!g_file_get_contents (csv, &contents, &length, &error))
    g_error ("%s", error->message);
  profile = attrib_profile_new_builtin ("junyuan-2012", &error);
  engine = attrib_engine_new (profile);

  printf ("%-4s %9s %10s %10s %10s %10s %10s %10s %8s %8s %9s\n", "run", "events", "first s",
          "known p50", "known p99", "new p50", "new p99", "query p50", "asked", "deals", "RSS MiB");
  for (run = 0; run < n_runs; run++)
    {
      g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
      g_autoptr(AttribWatch) watch = NULL;
      g_autoptr(GPtrArray) first = NULL;
      g_autoptr(GArray) known = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) queries = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_auto(GStrv) deals = NULL;
      guint n_deals, n, n_decided = 0;
      AttribTime last;
      gint64 i, t0, first_us;

      if (!attrib_ledger_load_csv (ledger, contents, length, csv, &error))
        g_error ("%s", error->message);
      n = attrib_ledger_get_n_events (ledger);
      {
        g_autoptr(AttribEvent) latest = attrib_ledger_get_event (ledger, n - 1);

        last = attrib_event_get_at (latest);
      }
      deals = attrib_ledger_get_deals (ledger);
      n_deals = g_strv_length (deals);
      watch = attrib_watch_new (engine, ledger);
      t0 = g_get_monotonic_time ();
      if ((first = attrib_watch_update (watch, &error)) == NULL)
        g_error ("%s", error->message);
      first_us = g_get_monotonic_time () - t0;

      for (i = 0; i < n_appends; i++)
        {
          const char *deal = deals[(i * 7919) % n_deals];
          g_autoptr(GPtrArray) events = attrib_ledger_get_deal_events (ledger, deal);
          AttribEvent *stage = g_ptr_array_index (events, 0);
          g_autofree char *id = g_strdup_printf ("live-%" G_GINT64_FORMAT, i);
          g_autoptr(AttribEvent) report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, last += G_USEC_PER_SEC);

          /* a channel reports the deal's purchaser again */
          attrib_event_set_customer (report, attrib_event_get_customer_name (stage), attrib_event_get_customer_phone (stage));
          attrib_event_set_party (report, "ch01/ag01");
          g_array_append_val (known, (gint64) { step (engine, ledger, watch, report, &n_decided) });
          g_array_append_val (queries, (gint64) { query (engine, ledger, report, deal) });

          if (new_every > 0 && i % new_every == 0)
            {
              /* a customer nobody knew */
              g_autofree char *new_id = g_strdup_printf ("new-%" G_GINT64_FORMAT, i);
              g_autofree char *phone = g_strdup_printf ("199%08" G_GINT64_FORMAT, i);
              g_autoptr(AttribEvent) other = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, new_id, last += G_USEC_PER_SEC);

              attrib_event_set_customer (other, "新客户", phone);
              attrib_event_set_party (other, "ch02/ag01");
              g_array_append_val (fresh, (gint64) { step (engine, ledger, watch, other, &n_decided) });
            }
        }
      printf ("%-4" G_GINT64_FORMAT " %9u %10.2f %8" G_GINT64_FORMAT "µs %8" G_GINT64_FORMAT "µs %8.1fms %8.1fms %8" G_GINT64_FORMAT "µs %8u %8u %9.0f\n",
              run + 1, n, first_us / 1e6, percentile (known, 50), percentile (known, 99),
              percentile (fresh, 50) / 1e3, percentile (fresh, 99) / 1e3, percentile (queries, 50),
              n_decided, n_deals, rss_kb () / 1024.0);
      fflush (stdout);
    }
  return 0;
}
