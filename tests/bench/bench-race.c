/* bench-race.c: libattrib in the race (docs/performance.md)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-race EVENTS.csv [--deals DEALS.txt] [--period YYYY-MM]
 *
 * The peer contract of tests/bench/peers/README.md, for libattrib with
 * its real built-in profile junyuan-2012:
 *
 *   W1 ingest_s       the CSV file into a ledger, indexed (load_csv + freeze)
 *      capi_ingest_s  the same rows through the C API (events built with the
 *                     typed setters, add_event, freeze), parsed beforehand
 *   W2 attribute_s    attribute_all: every verdict (on a frozen ledger its
 *                     trace and fingerprint are worked out when asked)
 *      traced_attribute_s  the same and every verdict's JSON line, with
 *                     its trace and fingerprint; trace_checksum: the
 *                     SHA-256 of those lines (floor --traced prints it too)
 *   W3 single_p50_us, single_p99_us  attribute_deal for each listed deal,
 *                     warm; single_traced_p50_us, single_traced_p99_us the
 *                     same with its JSON line
 *   W4 bytes_per_event, peak_rss_kb
 *   W5 statements_s   the month's statements, every channel on a plan
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <attrib/attrib.h>

static gsize
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return 0;
  return strtoul (p + strlen (field) + 1, NULL, 10);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* One row of a bench-gen file, split in place (the format has no quotes). */
typedef struct
{
  char *f[12];
} Row;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char **) a, *(char **) b);
}

static char *
owner_of (AttribVerdict *verdict)
{
  AttribVerdictStatus status = attrib_verdict_get_status (verdict);
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);
  GString *out;
  guint i;

  if (status != ATTRIB_VERDICT_STATUS_DECIDED)
    return g_strdup (status == ATTRIB_VERDICT_STATUS_PENDING ? "pending"
                     : status == ATTRIB_VERDICT_STATUS_CANCELLED ? "cancelled" : "disputed");
  for (i = 0; i < attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION); i++)
    {
      const char *party = attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, NULL, NULL);
      const char *slash = strchr (party, '/');
      char *channel = slash != NULL ? g_strndup (party, slash - party) : g_strdup (party);

      if (!g_ptr_array_find_with_equal_func (channels, channel, g_str_equal, NULL))
        g_ptr_array_add (channels, channel);
      else
        g_free (channel);
    }
  g_ptr_array_sort (channels, compare_strings);
  out = g_string_new (NULL);
  for (i = 0; i < channels->len; i++)
    g_string_append_printf (out, "%s%s", i ? "+" : "", *(char **) &channels->pdata[i]);
  return g_string_free (out, FALSE);
}

/* The C API path: every row as an AttribEvent through the typed setters. */
static AttribLedger *
ingest_capi (GArray  *rows,
             GError **error)
{
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  guint i;

  for (i = 0; i < rows->len; i++)
    {
      Row *r = &g_array_index (rows, Row, i);
      g_autoptr(AttribEvent) ev = NULL;
      AttribTime at;
      const char *type = r->f[1];

      if (!attrib_time_parse (r->f[2], NULL, &at, error))
        return NULL;
      if (g_str_equal (type, "report") || g_str_equal (type, "follow_up"))
        {
          ev = attrib_event_new (type[0] == 'r' ? ATTRIB_EVENT_TYPE_REPORT : ATTRIB_EVENT_TYPE_FOLLOW_UP, r->f[0], at);
          attrib_event_set_party (ev, r->f[3]);
          attrib_event_set_customer (ev, r->f[5], r->f[6]);
        }
      else if (g_str_equal (type, "visit"))
        {
          char *agents = r->f[4], *semi;

          ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, r->f[0], at);
          attrib_event_set_customer (ev, r->f[5], r->f[6]);
          for (;;)
            {
              char *colon;

              semi = strchr (agents, ';');
              if (semi != NULL)
                *semi = '\0';
              colon = strrchr (agents, ':');
              *colon = '\0';
              attrib_event_add_agent (ev, agents, atoi (colon + 1));
              *colon = ':';
              if (semi == NULL)
                break;
              *semi = ';';
              agents = semi + 1;
            }
        }
      else if (g_str_equal (type, "interaction"))
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, r->f[0], at);
          attrib_event_set_customer (ev, r->f[5], r->f[6]);
          attrib_event_set_interaction_kind (ev, r->f[8][0] == 'c' ? ATTRIB_INTERACTION_KIND_CALL
                                                 : r->f[8][0] == 'v' ? ATTRIB_INTERACTION_KIND_VISIT
                                                 : ATTRIB_INTERACTION_KIND_FOLLOW_UP);
        }
      else
        {
          const char *stage = r->f[9];
          gint64 fen;

          ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, r->f[0], at);
          attrib_event_set_deal (ev, r->f[10]);
          attrib_event_set_deal_stage (ev, stage[0] == 's' && stage[1] == 'u' ? ATTRIB_DEAL_STAGE_SUBSCRIBED
                                           : stage[0] == 's' ? ATTRIB_DEAL_STAGE_SIGNED : ATTRIB_DEAL_STAGE_CANCELLED);
          attrib_event_set_customer (ev, NULL, r->f[7]);
          if (*r->f[11] != '\0' && attrib_money_parse (r->f[11], &fen, NULL))
            attrib_event_set_price (ev, fen);
        }
      if (!attrib_ledger_add_event (ledger, ev, error))
        return NULL;
    }
  attrib_ledger_freeze (ledger);
  return g_steal_pointer (&ledger);
}

int
main (int    argc,
      char **argv)
{
  const char *path = NULL, *deals_path = NULL, *period = "2024-01", *only = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribLedger) capi = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  GString *text;
  g_autofree char *digest = NULL;
  gsize length, rss0, rss1;
  gint64 t0, t1;
  int a;
  guint i;

  for (a = 1; a < argc; a++)
    {
      if (g_str_equal (argv[a], "--deals") && a + 1 < argc)
        deals_path = argv[++a];
      else if (g_str_equal (argv[a], "--period") && a + 1 < argc)
        period = argv[++a];
      else if (g_str_equal (argv[a], "--only") && a + 1 < argc)
        only = argv[++a];   /* ingest, capi, attribute, single, statements: for profiling */
      else if (path == NULL)
        path = argv[a];
      else
        {
          g_printerr ("usage: bench-race EVENTS.csv [--deals DEALS.txt] [--period YYYY-MM]\n");
          return 2;
        }
    }
  if (path == NULL)
    {
      g_printerr ("usage: bench-race EVENTS.csv [--deals DEALS.txt] [--period YYYY-MM]\n");
      return 2;
    }

  /* W1, from CSV: the file into an indexed ledger */
  rss0 = status_kb ("VmRSS:");
  t0 = g_get_monotonic_time ();
  if (!g_file_get_contents (path, &contents, &length, &error))
    goto fail;
  ledger = attrib_ledger_new ();
  if (!attrib_ledger_load_csv (ledger, contents, length, path, &error))
    goto fail;
  attrib_ledger_freeze (ledger);
  t1 = g_get_monotonic_time ();
  g_print ("ingest_s %.6f\n", (t1 - t0) / 1e6);
  g_clear_pointer (&contents, g_free);
  rss1 = status_kb ("VmRSS:");
  if (!g_file_get_contents (path, &copy, NULL, &error))
    goto fail;

  /* W1, through the C API: the rows split beforehand, not timed */
  if (only == NULL || g_str_equal (only, "capi"))
  {
    char *p = copy, *nl;

    p = strchr (p, '\n') + 1;   /* the header */
    for (; (nl = strchr (p, '\n')) != NULL; p = nl + 1)
      {
        Row r;
        guint f;
        char *q = p;

        *nl = '\0';
        for (f = 0; f < 12; f++)
          {
            char *comma = strchr (q, ',');

            r.f[f] = q;
            if (comma != NULL)
              {
                *comma = '\0';
                q = comma + 1;
              }
          }
        g_array_append_val (rows, r);
      }
    t0 = g_get_monotonic_time ();
    capi = ingest_capi (rows, &error);
    t1 = g_get_monotonic_time ();
    if (capi == NULL)
      goto fail;
    g_print ("capi_ingest_s %.6f\n", (t1 - t0) / 1e6);
    g_clear_object (&capi);
    g_array_set_size (rows, 0);
    g_clear_pointer (&copy, g_free);
  }

  /* W2: every verdict, with its trace and fingerprint */
  profile = attrib_profile_new_builtin ("junyuan-2012", &error);
  engine = attrib_engine_new (profile);
  /* ATTRIB_THREADS=N (tests/bench/race sets 1 for its one-thread rows):
   * the engine's n-threads; the library reads no environment for it */
  if (g_getenv ("ATTRIB_THREADS") != NULL)
    attrib_engine_set_n_threads (engine, (guint) MIN (g_ascii_strtoull (g_getenv ("ATTRIB_THREADS"), NULL, 10),
                                                      ATTRIB_MAX_THREADS));
  if (only != NULL && g_str_equal (only, "ingest"))
    return 0;
  if (only != NULL && g_str_equal (only, "capi"))
    return 0;
  if (only != NULL && g_str_equal (only, "single"))
    goto single;
  t0 = g_get_monotonic_time ();
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  t1 = g_get_monotonic_time ();
  if (verdicts == NULL)
    goto fail;
  g_print ("attribute_s %.6f\n", (t1 - t0) / 1e6);
  for (i = 0; i < verdicts->len; i++)
    {
      AttribVerdict *v = g_ptr_array_index (verdicts, i);
      g_autofree char *owner = owner_of (v);

      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s", attrib_verdict_get_deal (v), owner));
    }
  /* the whole answer: every verdict's JSON line with its trace and
   * fingerprint (worked out when asked, on a frozen ledger), hashed as
   * `attrib attribute` prints them — what floor --traced checks against */
  {
    g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
    gint64 t2 = g_get_monotonic_time (), t3;

    for (i = 0; i < verdicts->len; i++)
      {
        g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

        g_checksum_update (sha, (const guchar *) json, -1);
        g_checksum_update (sha, (const guchar *) "\n", 1);
      }
    t3 = g_get_monotonic_time ();
    g_print ("traced_attribute_s %.6f\n", (t1 - t0 + t3 - t2) / 1e6);
    g_print ("trace_checksum %s\n", g_checksum_get_string (sha));
  }
  g_clear_pointer (&verdicts, g_ptr_array_unref);

  /* W3: one deal at a time, with its full trace */
single:
  if (deals_path != NULL)
    {
      g_autofree char *list = NULL;
      g_auto(GStrv) deals = NULL;
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) traced = g_array_new (FALSE, FALSE, sizeof (double));

      if (!g_file_get_contents (deals_path, &list, NULL, &error))
        goto fail;
      deals = g_strsplit (g_strstrip (list), "\n", -1);
      for (i = 0; deals[i] != NULL; i++)
        {
          g_autoptr(AttribVerdict) v = NULL;
          double us;

          t0 = g_get_monotonic_time ();
          v = attrib_engine_attribute_deal (engine, ledger, g_strstrip (deals[i]), &error);
          t1 = g_get_monotonic_time ();
          if (v == NULL)
            goto fail;
          us = (double) (t1 - t0);
          g_array_append_val (times, us);
        }
      /* the same, asking for each verdict's JSON: its trace and
       * fingerprint worked out */
      for (i = 0; deals[i] != NULL; i++)
        {
          g_autoptr(AttribVerdict) v = NULL;
          g_autofree char *json = NULL;
          double us;

          t0 = g_get_monotonic_time ();
          v = attrib_engine_attribute_deal (engine, ledger, deals[i], &error);
          if (v == NULL)
            goto fail;
          json = attrib_verdict_to_json (v);
          t1 = g_get_monotonic_time ();
          us = (double) (t1 - t0);
          g_array_append_val (traced, us);
        }
      if (times->len > 0)
        {
          qsort (times->data, times->len, sizeof (double), compare_doubles);
          qsort (traced->data, traced->len, sizeof (double), compare_doubles);
          g_print ("single_p50_us %.3f\n", g_array_index (times, double, times->len / 2));
          g_print ("single_p99_us %.3f\n", g_array_index (times, double, MIN (times->len - 1, times->len * 99 / 100)));
          g_print ("single_traced_p50_us %.3f\n", g_array_index (traced, double, traced->len / 2));
          g_print ("single_traced_p99_us %.3f\n",
                   g_array_index (traced, double, MIN (traced->len - 1, traced->len * 99 / 100)));
        }
    }

  /* W5: a month's statements, every channel on a tiered plan */
  if (only == NULL || g_str_equal (only, "statements"))
  {
    g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
    g_autoptr(GPtrArray) statements = NULL;
    guint c;

    for (c = 0; c < 70; c++)
      {
        g_autofree char *json = g_strdup_printf (
          "{\"id\": \"ch%02u-plan\", \"party\": \"ch%02u\", \"products\": {\"residential\": {\"rate\": \"2%%\"}},"
          " \"tiers\": {\"steps\": [{\"from\": 0, \"rate\": \"2%%\"}, {\"from\": 20, \"rate\": \"2.5%%\"}]},"
          " \"milestones\": [{\"stage\": \"subscribed\", \"share\": \"30%%\"}, {\"stage\": \"signed\", \"share\": \"70%%\"}],"
          " \"split\": [{\"to\": \"company\", \"share\": \"60%%\"}, {\"to\": \"agent\", \"share\": \"40%%\"}]}", c, c);
        g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_data (json, -1, "bench", &error);

        if (plan == NULL || !attrib_calculator_add_plan (calc, plan, &error))
          goto fail;
      }
    t0 = g_get_monotonic_time ();
    statements = attrib_calculator_get_statements (calc, ledger, period, &error);
    t1 = g_get_monotonic_time ();
    if (statements == NULL)
      goto fail;
    g_print ("statements_s %.6f\n", (t1 - t0) / 1e6);
  }

  g_print ("bytes_per_event %.1f\n", (rss1 - rss0) * 1024.0 / MAX (attrib_ledger_get_n_events (ledger), 1));
  g_print ("peak_rss_kb %zu\n", status_kb ("VmHWM:"));
  g_ptr_array_sort (lines, compare_strings);
  text = g_string_new (NULL);
  for (i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));
  if (g_getenv ("BENCH_RACE_OWNERS") != NULL)
    g_printerr ("%s", text->str);   /* deal<TAB>owner, to compare with a peer */
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  g_print ("checksum %s deals %u\n", digest, lines->len);
  g_string_free (text, TRUE);
  return 0;

fail:
  g_printerr ("bench-race: %s\n", error->message);
  return 1;
}
