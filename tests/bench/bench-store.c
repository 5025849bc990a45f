/* bench-store.c: the store — durable appends with receipts, bulk import,
 * reopening, proofs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-store [--events N] [--input FILE] [--appends A] [--proofs P]
 *               [--runs R] [--dir DIR] [--csv FILE]
 *
 * Each run makes a store in a new directory under DIR (default: the
 * temporary directory) and measures, single-threaded (nothing measured
 * shares a batch among threads; the store serialises its calls):
 *
 * - import: attrib_store_import_file of a bench-gen CSV of N events (FILE,
 *   or one bench-gen writes for the run, seeded), in events/s, its peak
 *   memory and what the open store holds after it; beside it,
 *   attrib_ledger_load_file of the same file into a ledger of no store,
 *   and the store's size on the disk per event;
 * - append: A durable appends (attrib_store_append: one transaction, WAL,
 *   synchronous=FULL, then the receipt), reports and visits of known
 *   customers, each timed: p50, p99 and mean; A without a signing key,
 *   then A with one (the receipt and its tree head signed, Ed25519);
 *   after sync(2), so that the import's writeback is not in their syncs;
 * - reopen: in a new process, attrib_store_open of the store, then the
 *   sales desk's first check (attrib_engine_check of a visit of a known
 *   customer), a second one, and resident memory (VmRSS after the check,
 *   VmHWM the peak);
 * - proofs, at the size the store has then (N + 2A): P inclusion proofs of
 *   random positions and P consistency proofs from random earlier sizes
 *   (time, number of hashes), and attrib_receipt_verify of P receipts of
 *   random positions against the head now, with the key and an inclusion
 *   proof, and with the proof only (µs each, medians).
 *
 * Prints per metric the minimum, median and maximum over the runs (of the
 * run's median for per-call figures), the load average at the start, and
 * with --csv writes the same rows as CSV. The disk is whatever DIR is on:
 * a durable append waits for its sync.
 */

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <attrib/attrib.h>

/* ---- measuring ---- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @pct-th percentile of @samples (sorted in place). */
static double
percentile (GArray *samples,
            guint   pct)
{
  if (samples->len == 0)
    return 0;
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) ((guint64) samples->len * pct / 100)));
}

static double
mean (GArray *samples)
{
  double sum = 0;
  guint i;

  for (i = 0; i < samples->len; i++)
    sum += g_array_index (samples, double, i);
  return samples->len > 0 ? sum / samples->len : 0;
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, field)) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10) / 1024.0;
}

/* Starts VmHWM afresh (Linux 4.0). */
static void
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

/* One metric: a value per run. */
typedef struct
{
  const char *name;
  const char *unit;
  const char *what;
  GArray *runs;              /* double */
} Metric;

static GPtrArray *metrics;   /* Metric * */

static void
metric_free (gpointer data)
{
  Metric *m = data;

  g_array_unref (m->runs);
  g_free (m);
}

static void
record (const char *name,
        const char *unit,
        const char *what,
        double      value)
{
  Metric *m = NULL;
  guint i;

  for (i = 0; i < metrics->len && m == NULL; i++)
    if (g_str_equal (((Metric *) g_ptr_array_index (metrics, i))->name, name))
      m = g_ptr_array_index (metrics, i);
  if (m == NULL)
    {
      m = g_new0 (Metric, 1);
      m->name = name;
      m->unit = unit;
      m->what = what;
      m->runs = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (metrics, m);
    }
  g_array_append_val (m->runs, value);
}

static void
die (GError *error)
{
  g_printerr ("bench-store: %s\n", error->message);
  exit (1);
}

/* ---- the events appended ---- */

/* A report or a visit of a customer the store knows, after every event. */
static AttribEvent *
known_customer_event (AttribLedger *ledger,
                      GRand        *rand,
                      guint         i,
                      AttribTime    at,
                      gboolean      visit)
{
  guint n = attrib_ledger_get_n_events (ledger);
  g_autofree char *id = g_strdup_printf ("bench-%s-%u", visit ? "visit" : "report", i);
  g_autofree char *party = g_strdup_printf ("ch%02u/ag%02u", g_rand_int_range (rand, 0, 60),
                                            g_rand_int_range (rand, 0, 25));
  AttribEvent *ev;

  for (;;)
    {
      /* most of a desk's customers are recent ones */
      g_autoptr(AttribEvent) known = attrib_ledger_get_event (ledger, n - 1 - g_rand_int_range (rand, 0, MAX (1, n / 5)));

      if (attrib_event_get_customer_phone (known) == NULL)
        continue;
      ev = attrib_event_new (visit ? ATTRIB_EVENT_TYPE_VISIT : ATTRIB_EVENT_TYPE_REPORT, id, at);
      attrib_event_set_customer (ev, attrib_event_get_customer_name (known), attrib_event_get_customer_phone (known));
      if (visit)
        attrib_event_add_agent (ev, party, 0);
      else
        attrib_event_set_party (ev, party);
      return ev;
    }
}

static AttribTime
last_time (AttribLedger *ledger)
{
  g_autoptr(AttribEvent) last = attrib_ledger_get_event (ledger, attrib_ledger_get_n_events (ledger) - 1);

  return attrib_event_get_at (last);
}

/* ---- reopening, in a process of its own ---- */

/* bench-store --reopen PATH: opens the store, asks the desk twice, prints
 * "open_s first_s second_s rss_mib hwm_mib". */
static int
reopen_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(AttribEvent) first = NULL;
  g_autoptr(AttribEvent) second = NULL;
  g_autoptr(AttribClaim) claim = NULL;
  g_autoptr(AttribClaim) again = NULL;
  AttribLedger *ledger;
  AttribTime at;
  double t0, open_s, first_s, second_s;

  /* opened as the desk's service opens it when it starts: the writer */
  t0 = now_s ();
  store = attrib_store_open (path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  if (store == NULL)
    die (error);
  open_s = now_s () - t0;
  ledger = attrib_store_get_ledger (store);
  at = last_time (ledger) + 60 * G_USEC_PER_SEC;
  first = known_customer_event (ledger, rand, 0, at, TRUE);
  second = known_customer_event (ledger, rand, 1, at, TRUE);
  t0 = now_s ();
  claim = attrib_engine_check (attrib_store_get_engine (store), ledger, first, &error);
  if (claim == NULL)
    die (error);
  first_s = now_s () - t0;
  t0 = now_s ();
  again = attrib_engine_check (attrib_store_get_engine (store), ledger, second, &error);
  if (again == NULL)
    die (error);
  second_s = now_s () - t0;
  printf ("%.6f %.6f %.6f %.1f %.1f\n", open_s, first_s, second_s, status_mib ("VmRSS:"), status_mib ("VmHWM:"));
  return 0;
}

/* ---- a run ---- */

typedef struct
{
  const char *input;
  const char *self;
  guint appends;
  guint proofs;
  GBytes *key;
  guint64 imported;
} Bench;

/* A report of a customer the store has never seen: the ledger's indexes
 * are rebuilt for it (docs/live.md, "What an addition costs"). */
static AttribEvent *
new_customer_event (guint      i,
                    AttribTime at)
{
  g_autofree char *id = g_strdup_printf ("bench-new-%u", i);
  g_autofree char *phone = g_strdup_printf ("199%08u", i);
  AttribEvent *ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at);

  attrib_event_set_customer (ev, NULL, phone);
  attrib_event_set_party (ev, "ch01/ag01");
  return ev;
}

static void
appends (AttribStore *store,
         GRand       *rand,
         guint        n,
         gboolean     new_customers,
         guint        first,
         const char  *name_p50,
         const char  *name_p99,
         const char  *name_mean,
         const char  *what)
{
  g_autoptr(GArray) us = g_array_new (FALSE, FALSE, sizeof (double));
  AttribLedger *ledger = attrib_store_get_ledger (store);
  AttribTime at = last_time (ledger);
  guint i;

  for (i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribEvent) ev = new_customers ? new_customer_event (first + i, at += 60 * G_USEC_PER_SEC)
                                                : known_customer_event (ledger, rand, first + i,
                                                                        at += 60 * G_USEC_PER_SEC, i % 3 == 2);
      g_autoptr(AttribReceipt) receipt = NULL;
      gint64 t0 = g_get_monotonic_time ();
      double t;

      receipt = attrib_store_append (store, ev, &error);
      t = (double) (g_get_monotonic_time () - t0);
      if (receipt == NULL)
        die (error);
      g_array_append_val (us, t);
    }
  record (name_mean, "µs", what, mean (us));
  record (name_p50, "µs", what, percentile (us, 50));
  record (name_p99, "µs", what, percentile (us, 99));
}

static void
proofs (AttribStore *store,
        GRand       *rand,
        guint        n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) inclusion_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inclusion_hashes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) consistency_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) consistency_hashes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) receipt_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) verify_proof_us = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(AttribTreeHead) head = attrib_store_get_tree_head (store, 0, &error);
  guint64 size = attrib_store_get_size (store);
  const char *key = attrib_store_get_public_key (store);
  guint i;

  if (head == NULL)
    die (error);
  if (size < 2)
    return;
  for (i = 0; i < n; i++)
    {
      guint64 position = (guint64) (g_rand_double (rand) * size) % size;
      guint64 first = 1 + (guint64) (g_rand_double (rand) * (size - 1)) % (size - 1);
      g_autoptr(AttribProof) inclusion = NULL;
      g_autoptr(AttribProof) consistency = NULL;
      g_autoptr(AttribReceipt) receipt = NULL;
      gint64 t0, t1, t2, t3, t4, t5;
      double x[7];

      t0 = g_get_monotonic_time ();
      inclusion = attrib_store_prove_inclusion (store, position, 0, &error);
      t1 = g_get_monotonic_time ();
      consistency = attrib_store_prove_consistency (store, first, 0, &error);
      t2 = g_get_monotonic_time ();
      receipt = attrib_store_get_receipt (store, position, &error);
      t3 = g_get_monotonic_time ();
      if (inclusion == NULL || consistency == NULL || receipt == NULL)
        die (error);
      if (!attrib_receipt_verify (receipt, key, inclusion, head, &error))
        die (error);
      t4 = g_get_monotonic_time ();
      if (!attrib_receipt_verify (receipt, NULL, inclusion, head, &error))
        die (error);
      t5 = g_get_monotonic_time ();
      x[0] = (double) (t1 - t0);
      x[1] = (double) (t2 - t1);
      x[2] = (double) (t3 - t2);
      x[3] = (double) (t4 - t3);
      x[4] = (double) (t5 - t4);
      x[5] = attrib_proof_get_n_hashes (inclusion);
      x[6] = attrib_proof_get_n_hashes (consistency);
      g_array_append_val (inclusion_us, x[0]);
      g_array_append_val (consistency_us, x[1]);
      g_array_append_val (receipt_us, x[2]);
      g_array_append_val (verify_us, x[3]);
      g_array_append_val (verify_proof_us, x[4]);
      g_array_append_val (inclusion_hashes, x[5]);
      g_array_append_val (consistency_hashes, x[6]);
    }
  record ("inclusion_proof", "µs", "attrib_store_prove_inclusion, random position, median", percentile (inclusion_us, 50));
  record ("inclusion_hashes", "hashes", "an inclusion proof's hashes, median", percentile (inclusion_hashes, 50));
  record ("inclusion_hashes_max", "hashes", "an inclusion proof's hashes, most", percentile (inclusion_hashes, 100));
  record ("consistency_proof", "µs", "attrib_store_prove_consistency, random earlier size, median",
          percentile (consistency_us, 50));
  record ("consistency_hashes", "hashes", "a consistency proof's hashes, median", percentile (consistency_hashes, 50));
  record ("consistency_hashes_max", "hashes", "a consistency proof's hashes, most", percentile (consistency_hashes, 100));
  record ("get_receipt", "µs", "attrib_store_get_receipt (again, as the log stands), median", percentile (receipt_us, 50));
  record ("receipt_verify", "µs", "attrib_receipt_verify: key (3 signatures) and inclusion proof, median",
          percentile (verify_us, 50));
  record ("receipt_verify_proof", "µs", "attrib_receipt_verify: inclusion proof only, median",
          percentile (verify_proof_us, 50));
}

static void
run (Bench      *b,
     const char *dir,
     guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", &error);
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GFile) input = g_file_new_for_path (b->input);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261201 + index);
  g_autofree char *path = g_build_filename (dir, "project.attrib", NULL);
  g_autofree char *out = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_auto(GStrv) fields = NULL;
  guint64 added = 0, n;
  GStatBuf st;
  double t0, t, rss;
  int status = 0;

  if (profile == NULL)
    die (error);

  store = attrib_store_create (path, profile, NULL, &error);
  if (store == NULL)
    die (error);
  /* the import's peak memory: from what is resident now */
  malloc_trim (0);
  reset_peak ();
  rss = status_mib ("VmRSS:");
  t0 = now_s ();
  if (!attrib_store_import_file (store, input, &added, &error))
    die (error);
  t = now_s () - t0;
  record ("import_peak", "MiB", "resident memory the import took at its peak (VmHWM, less VmRSS before)",
          status_mib ("VmHWM:") - rss);
  malloc_trim (0);
  record ("import_rss", "MiB", "resident memory the open store holds after the import (VmRSS, less before)",
          status_mib ("VmRSS:") - rss);
  b->imported = added;
  record ("import", "events/s", "attrib_store_import_file of the CSV into a new store", added / t);
  record ("import_s", "s", "the same, seconds", t);
  if (g_stat (path, &st) == 0)
    {
      double bytes = (double) st.st_size;

      if (g_stat (wal, &st) == 0)
        bytes += (double) st.st_size;
      record ("store_bytes", "B/event", "the store's file and WAL after the import, per event", bytes / added);
    }

  /* a plain ledger of the same file, for comparison */
  {
    g_autoptr(AttribLedger) ledger = attrib_ledger_new ();

    t0 = now_s ();
    if (!attrib_ledger_load_file (ledger, input, NULL, &error))
      die (error);
    t = now_s () - t0;
    n = attrib_ledger_get_n_events (ledger);
    if (added != n)
      g_error ("imported %" G_GUINT64_FORMAT " events of %" G_GUINT64_FORMAT, added, n);
    record ("ledger_load", "events/s", "attrib_ledger_load_file of the CSV, no store (for comparison)", n / t);
  }

  /* the import's pages written back first: the appends' syncs wait for
   * the disk, not for gigabytes of writeback */
  sync ();
  appends (store, rand, b->appends, FALSE, 0, "append_p50", "append_p99", "append_mean",
           "attrib_store_append with its receipt, no signing key");
  if (!attrib_store_set_signing_key (store, b->key, &error))
    die (error);
  appends (store, rand, b->appends, FALSE, b->appends, "append_signed_p50", "append_signed_p99",
           "append_signed_mean", "attrib_store_append with its receipt, signed (Ed25519)");
  /* a new customer's report: the indexes rebuilt (fewer: each costs a
   * rebuild of the whole ledger's) */
  appends (store, rand, MAX (b->appends / 20, 5), TRUE, 0, "append_new_p50", "append_new_p99", "append_new_mean",
           "attrib_store_append of a new customer's report, signed: the indexes rebuilt");
  proofs (store, rand, b->proofs);
  g_clear_object (&store);

  /* reopening, in a new process: its own memory */
  {
    const char *argv[] = { b->self, "--reopen", path, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      die (error);
  }
  fields = g_strsplit (g_strstrip (out), " ", -1);
  if (g_strv_length (fields) != 5)
    g_error ("bench-store --reopen printed “%s”", out);
  record ("reopen_open", "s", "attrib_store_open of the store (N + 2A events), new process",
          g_ascii_strtod (fields[0], NULL));
  record ("reopen_first_check", "ms", "then the desk's first check (attrib_engine_check of a visit)",
          g_ascii_strtod (fields[1], NULL) * 1e3);
  record ("reopen_open_and_check", "s", "open + first check: until the desk has its first answer",
          g_ascii_strtod (fields[0], NULL) + g_ascii_strtod (fields[1], NULL));
  record ("reopen_second_check", "µs", "a second check, another customer", g_ascii_strtod (fields[2], NULL) * 1e6);
  record ("reopen_rss", "MiB", "resident memory after the first check (VmRSS)", g_ascii_strtod (fields[3], NULL));
  record ("reopen_hwm", "MiB", "its peak (VmHWM)", g_ascii_strtod (fields[4], NULL));

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static char *
load_average (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (text, " ", -1);
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static double
median_of (GArray *runs)
{
  g_autoptr(GArray) copy = g_array_copy (runs);
  double lo, hi;

  g_array_sort (copy, compare_doubles);
  lo = g_array_index (copy, double, (copy->len - 1) / 2);
  hi = g_array_index (copy, double, copy->len / 2);
  return (lo + hi) / 2;
}

static double
min_of (GArray *runs)
{
  double m = g_array_index (runs, double, 0);
  guint i;

  for (i = 1; i < runs->len; i++)
    m = MIN (m, g_array_index (runs, double, i));
  return m;
}

static double
max_of (GArray *runs)
{
  double m = g_array_index (runs, double, 0);
  guint i;

  for (i = 1; i < runs->len; i++)
    m = MAX (m, g_array_index (runs, double, i));
  return m;
}

static char *
figure (double v)
{
  if (v >= 100)
    return g_strdup_printf ("%.0f", v);
  if (v >= 10)
    return g_strdup_printf ("%.1f", v);
  return g_strdup_printf ("%.3g", v);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *input = NULL, *dir = NULL, *csv = NULL, *reopen = NULL;
  gint64 n_events = 100000, n_appends = 1000, n_proofs = 1000, n_runs = 3;
  g_autoptr(GOptionContext) context = g_option_context_new ("— the store benchmark");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT64, &n_events, "Events bench-gen writes for the store (default 100000)", "N" },
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input, "A bench-gen CSV to use instead (its events are N)", "FILE" },
    { "appends", 'a', 0, G_OPTION_ARG_INT64, &n_appends, "Appends timed per run, unsigned and signed (default 1000)", "A" },
    { "proofs", 'p', 0, G_OPTION_ARG_INT64, &n_proofs, "Proofs and receipts timed per run (default 1000)", "P" },
    { "runs", 'r', 0, G_OPTION_ARG_INT64, &n_runs, "Runs (default 3)", "R" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Where the stores go (default: the temporary directory)", "DIR" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Also write the figures as CSV", "FILE" },
    { "reopen", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &reopen, NULL, NULL },
    { NULL }
  };
  g_autoptr(GString) table = g_string_new (NULL);
  g_autoptr(GString) rows = g_string_new ("metric,unit,events,runs,min,median,max,what\n");
  g_autofree char *self = NULL, *work = NULL, *load = NULL, *generated = NULL;
  static const char secret[] = "bench-store-signing-key-32-bytes";
  Bench b = { 0 };
  guint64 size = 0;
  gint64 r;
  guint i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_events < 1 || n_appends < 1 || n_proofs < 1 ||
      n_runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "bench-store [--events N] [--input FILE] [--appends A] [--proofs P] [--runs R] "
                                          "[--dir DIR] [--csv FILE]");
      return 2;
    }
  if (reopen != NULL)
    return reopen_main (reopen);

  load = load_average ();
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  metrics = g_ptr_array_new_with_free_func (metric_free);
  b.self = self;
  b.appends = (guint) n_appends;
  b.proofs = (guint) n_proofs;
  b.key = g_bytes_new_static (secret, 32);

  if (dir != NULL)
    {
      g_autofree char *template = g_build_filename (dir, "bench-store-XXXXXX", NULL);

      work = g_mkdtemp (g_steal_pointer (&template));
    }
  else
    work = g_dir_make_tmp ("bench-store-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("bench-store: cannot make a directory: %s\n", error != NULL ? error->message : g_strerror (errno));
      return 1;
    }

  if (input == NULL)
    {
      /* bench-gen, beside this program */
      g_autofree char *bin = g_path_get_dirname (self);
      g_autofree char *gen = g_build_filename (bin, "bench-gen", NULL);
      g_autofree char *events = g_strdup_printf ("%" G_GINT64_FORMAT, n_events);
      const char *gen_argv[] = { gen, "--events", events, "--csv", NULL, NULL };
      int status = 0;

      generated = g_build_filename (work, "events.csv", NULL);
      gen_argv[4] = generated;
      if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        die (error);
      b.input = generated;
    }
  else
    b.input = input;

  printf ("bench-store: %s, %" G_GINT64_FORMAT " runs, %" G_GINT64_FORMAT " appends unsigned and %" G_GINT64_FORMAT
          " signed, %" G_GINT64_FORMAT " proofs per run; stores in %s\n",
          b.input, n_runs, n_appends, n_appends, n_proofs, work);
  printf ("bench-store: load average %s at the start (the machine is shared); %u processors, everything "
          "measured on one thread\n", load, g_get_num_processors ());
  fflush (stdout);

  for (r = 0; r < n_runs; r++)
    {
      g_autofree char *run_dir = g_strdup_printf ("%s/run%" G_GINT64_FORMAT, work, r);

      g_mkdir (run_dir, 0700);
      run (&b, run_dir, (guint) r);
      g_rmdir (run_dir);
      printf ("bench-store: run %" G_GINT64_FORMAT " done\n", r + 1);
      fflush (stdout);
    }
  if (generated != NULL)
    g_unlink (generated);
  g_rmdir (work);

  size = b.imported;
  g_string_append_printf (table, "%-24s %-9s %10s %10s %10s  %s\n", "metric", "unit", "min", "median", "max", "what");
  for (i = 0; i < metrics->len; i++)
    {
      Metric *m = g_ptr_array_index (metrics, i);
      g_autofree char *lo = figure (min_of (m->runs));
      g_autofree char *mid = figure (median_of (m->runs));
      g_autofree char *hi = figure (max_of (m->runs));

      g_string_append_printf (table, "%-24s %-9s %10s %10s %10s  %s\n", m->name, m->unit, lo, mid, hi, m->what);
      g_string_append_printf (rows, "%s,%s,%" G_GUINT64_FORMAT ",%u,%.6g,%.6g,%.6g,\"%s\"\n", m->name, m->unit, size,
                              m->runs->len, min_of (m->runs), median_of (m->runs), max_of (m->runs), m->what);
    }
  printf ("bench-store: %" G_GUINT64_FORMAT " events imported (N), then %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT
          " appended; min, median and max over %" G_GINT64_FORMAT " runs\n%s",
          size, n_appends, n_appends, n_runs, table->str);
  if (csv != NULL && !g_file_set_contents (csv, rows->str, (gssize) rows->len, &error))
    die (error);
  g_ptr_array_unref (metrics);
  g_bytes_unref (b.key);
  return 0;
}
