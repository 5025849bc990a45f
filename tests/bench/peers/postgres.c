/* postgres.c: the compared rule (tests/bench/RULE.md) in PostgreSQL 15, a peer of the race
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   gcc -O2 -o postgres-peer postgres.c -I$(pg_config --includedir) -lpq
 *   postgres-peer EVENTS.csv [--deals DEALS.txt]   (the contract: peers/README.md)
 *
 * The peer brings its own throw-away cluster: initdb into a temporary
 * directory, a server on a Unix socket in it and nothing else (no TCP, no
 * fsync, no full-page writes, no autovacuum: a benchmark, not a database),
 * and removes it all at the end, also on an error or a signal. As root
 * (initdb refuses root) the cluster is created and run as the user
 * "postgres" (else "nobody"): the child drops to it with setuid() before it
 * executes initdb and postgres. PG_BIN overrides the directory of the
 * server's programs (default /usr/lib/postgresql/15/bin).
 *
 * libpq and not psql: a single answer is timed here, around one execution
 * of a prepared statement, not around a process and its parsing.
 *
 * The rule is all SQL (no PL/pgSQL): see CLAIMS below for how the claim
 * state machine becomes a recursive CTE over claim periods.
 *
 * Metrics: setup_s (initdb and server start, not part of the contract),
 * ingest_s (COPY of the CSV until the indexes and statistics are built),
 * attribute_s (every deal's owner and the checksum, one statement),
 * single_p50_us / single_p99_us (one EXECUTE of the prepared statement a
 * deal, from the client), peak_rss_kb: VmHWM of the server backend that ran
 * all of it (pg_backend_pid()), the memory that matters; it counts the
 * pages of shared_buffers the backend touched. The client's own is small.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>

/* ---- the SQL ---- */

/* Server settings: what a benchmark needs, and one backend doing all the
 * work (no parallel workers), so that its peak RSS is the query's memory
 * and the comparison with the single-threaded peers is like for like. JIT
 * is off: on the batch it spent 0.76 s compiling a 2.6 s query (10^6). */
static const char *const SERVER_SETTINGS[] = {
  "listen_addresses=", "fsync=off", "synchronous_commit=off", "full_page_writes=off",
  "wal_level=minimal", "max_wal_senders=0", "autovacuum=off", "jit=off",
  "work_mem=256MB", "maintenance_work_mem=512MB",
  "max_parallel_workers_per_gather=0", "max_parallel_maintenance_workers=0",
  "max_wal_size=8GB", "checkpoint_timeout=1h",
};

/* Ingest: the CSV as it is (only the types the rule reads), then one table
 * a kind of event, each in (phone, at) order — the counting sort of the
 * C floor, so that a customer's events are neighbours on disk — with its
 * index, and statistics. `at` becomes a timestamp without time zone:
 * PostgreSQL then drops the +08:00 (RULE.md: every time is +08:00) and
 * keeps the local wall clock, which is what the rule's days are made of.
 * It is COPied as text and converted for the kept rows only: timestamp
 * input is slow, and COPY converts before its WHERE drops a row (10^6:
 * 1.0 s instead of 1.45 s). */
static const char *const INGEST_CREATE =
  "CREATE UNLOGGED TABLE raw (id text, type text, at text, party text, agents text,"
  " customer_name text, customer_phone text, purchaser_phone text, kind text, stage text,"
  " deal text, price text)";
/* FREEZE (the table is new in this transaction): the rows are written
 * frozen and all-visible, so the scans that follow do not dirty every page
 * of it again to set hint bits */
#define COPY_RAW(SOURCE) \
  "COPY raw FROM " SOURCE " WITH (FORMAT csv, HEADER true, FREEZE true)" \
  " WHERE type IN ('visit', 'interaction', 'deal')"
static const char *const INGEST[] = {
  /* a visit: its agents' channels and ranks, in the order written (one
   * agent, nine visits in ten, without a subquery) */
  "CREATE UNLOGGED TABLE visits AS"
  " SELECT customer_phone AS phone, at::timestamp AS at,"
  "  CASE WHEN strpos (agents, ';') = 0 THEN ARRAY[split_part (agents, '/', 1)] ELSE"
  "  ARRAY(SELECT split_part (a, '/', 1) FROM string_to_table (agents, ';') WITH ORDINALITY AS s (a, i)"
  "        ORDER BY i) END AS chs,"
  "  CASE WHEN strpos (agents, ';') = 0 THEN ARRAY[split_part (agents, ':', -1)::int] ELSE"
  "  ARRAY(SELECT split_part (a, ':', -1)::int FROM string_to_table (agents, ';') WITH ORDINALITY AS s (a, i)"
  "        ORDER BY i) END AS ranks"
  " FROM raw WHERE type = 'visit' ORDER BY phone, at",
  "CREATE UNLOGGED TABLE inter AS"
  " SELECT customer_phone AS phone, at::timestamp AS at, kind = 'visit' AS walk_in"
  " FROM raw WHERE type = 'interaction' ORDER BY phone, at",
  /* a deal: its counted time (the first signed stage), that stage's
   * purchaser, and whether it was cancelled */
  "CREATE UNLOGGED TABLE deal AS"
  " SELECT deal, min (at::timestamp) FILTER (WHERE stage = 'signed') AS t,"
  "  (array_agg (purchaser_phone ORDER BY at::timestamp) FILTER (WHERE stage = 'signed'))[1] AS purchaser,"
  "  bool_or (stage = 'cancelled') AS cancelled"
  " FROM raw WHERE type = 'deal' GROUP BY deal",
  "DROP TABLE raw",
  "CREATE INDEX ON visits (phone, at)",
  "CREATE INDEX ON inter (phone, at)",
  "ALTER TABLE deal ADD PRIMARY KEY (deal)",
  /* the visibility map (index-only scans) and the planner's statistics */
  "VACUUM ANALYZE visits, inter, deal",
};

/* The channels of a visit's first rank (RULE.md 2: the attempts of a
 * higher rank are rejected), sorted. One agent (nine visits in ten) needs
 * no subquery. */
#define FIRST_RANK(V) \
  "CASE WHEN cardinality (" V ".chs) = 1 THEN " V ".chs ELSE" \
  " ARRAY(SELECT DISTINCT c FROM unnest (" V ".chs, " V ".ranks) AS u (c, rk)" \
  "  WHERE rk = (SELECT min (x) FROM unnest (" V ".ranks) AS x) ORDER BY c) END"

/* start(add_months(day(t), −3)): the look-back's start. PostgreSQL's
 * date + interval 'n months' clamps to the month's end as RULE.md does
 * (2024-05-31 − 3 months = 2024-02-29). */
#define LOOKBACK(T) "(" T "::date - interval '3 months')"

/* The claims, as periods. RULE.md's state machine is sequential, but on
 * its own terms it has a shape that SQL can follow period by period:
 *
 * - A visit creates claims only when no claim is in force at t (any claim
 *   in force makes `running` non-empty: a renewal or a rejection). Claims
 *   end at midnight, so a new claim never overlaps an old one, and all the
 *   claims in force at any time come from one visit (its `event`) and
 *   share one period [b, e): the joint claims of the visit, and the
 *   renewals of some of them, which begin where the last period ended.
 * - So a customer's claims are a chain of periods, each one row here: the
 *   visit (event_at), [b, e), and the channels holding it (chans).
 * - The next period of the same event holds the channels of this one that
 *   some visit in [e − 7 days, e) names (at any rank: the rank rule comes
 *   after the running claim). None: the event's claims end at e.
 * - Then the next event is the first visit at or after e that passes the
 *   look-back. By then every earlier claim has ended unrenewed, so
 *   void_since is the first event's begin (b_first), and as that visit is
 *   never the customer's first, it is rejected iff an interaction lies in
 *   [lookback(t), b_first): iff lookback(t) <= L, the last interaction
 *   before b_first. lookback(t) only grows with t, so "the first visit
 *   from e with lookback(at) > L" is one index scan.
 * - The first event: the first visit that is the customer's first visit
 *   (no visit and no walk-in before it) or has no interaction in
 *   [lookback(t), t) (void_since is +inf before any claim); window
 *   functions over the customer's events in time order give both.
 * - A period with no visit of the customer from its last week on can be
 *   neither renewed nor followed: one index lookup ends it (10^7: four
 *   periods in five).
 *
 * The C floor runs the state machine literally and the checksums agree.
 * PHONES restricts the customers: a WHERE clause, or "" for all of them
 * (not "WHERE true", which keeps the planner from merging the two ordered
 * index scans and costs a sort of every event: 2.5 s at 10^7). */
#define CLAIMS(PHONES) \
  "WITH RECURSIVE" \
  " ev AS (" \
  "  SELECT phone, at, true AS is_visit, false AS walk_in, chs, ranks FROM visits " PHONES \
  "  UNION ALL" \
  "  SELECT phone, at, false, walk_in, NULL, NULL FROM inter " PHONES \
  " )," \
  " seq AS (" \
  "  SELECT phone, at, is_visit, chs, ranks," \
  "   max (at) FILTER (WHERE NOT is_visit) OVER w AS last_inter," \
  "   count (*) FILTER (WHERE is_visit OR walk_in) OVER w AS visits_so_far" \
  "  FROM ev WINDOW w AS (PARTITION BY phone ORDER BY at ROWS UNBOUNDED PRECEDING)" \
  " )," \
  " first_event AS (" \
  "  SELECT DISTINCT ON (phone) phone, at, chs, ranks FROM seq" \
  "  WHERE is_visit AND (visits_so_far = 1 OR last_inter IS NULL OR last_inter < " LOOKBACK ("at") ")" \
  "  ORDER BY phone, at" \
  " )," \
  " periods (phone, event_at, b, e, chans, b_first) AS (" \
  "  SELECT phone, at, at::date::timestamp, at::date + interval '3 months', " FIRST_RANK ("f") "," \
  "   at::date::timestamp" \
  "  FROM first_event f" \
  "  UNION ALL" \
  "  SELECT r.phone, n.event_at, n.b, n.e, n.chans, r.b_first" \
  "  FROM periods r" \
  /* the customer's first visit from the period's last week on: none (four \
   * periods in five), and the period is neither renewed nor followed */ \
  "  CROSS JOIN LATERAL (" \
  "   SELECT v.at FROM visits v WHERE v.phone = r.phone AND v.at >= r.e - interval '7 days'" \
  "   ORDER BY v.at LIMIT 1" \
  "  ) AS g" \
  /* the channels renewed: those of the period that a visit of its last \
   * week names */ \
  "  CROSS JOIN LATERAL (" \
  "   SELECT CASE WHEN g.at < r.e" \
  "    THEN ARRAY(SELECT c FROM unnest (r.chans) AS c" \
  "               WHERE EXISTS (SELECT 1 FROM visits v WHERE v.phone = r.phone" \
  "                             AND v.at >= r.e - interval '7 days' AND v.at < r.e AND c = ANY (v.chs))" \
  "               ORDER BY c)" \
  "    ELSE '{}' END AS ren" \
  "  ) AS x" \
  "  CROSS JOIN LATERAL (" \
  "   SELECT r.event_at, r.e, r.e + interval '3 months', x.ren WHERE cardinality (x.ren) > 0" \
  "   UNION ALL" \
  /* none renewed: the next event, past the look-back of L, the last \
   * interaction before the first event's day */ \
  "   (SELECT v.at, v.at::date::timestamp, v.at::date + interval '3 months', " FIRST_RANK ("v") \
  "    FROM visits v" \
  "    WHERE cardinality (x.ren) = 0 AND v.phone = r.phone AND v.at >= r.e AND v.at >= g.at" \
  "     AND " LOOKBACK ("v.at") " > coalesce ((SELECT max (i.at) FROM inter i" \
  "                                            WHERE i.phone = r.phone AND i.at < r.b_first), '-infinity')" \
  "    ORDER BY v.at LIMIT 1)" \
  "  ) AS n (event_at, b, e, chans)" \
  " )"

/* RULE.md "Deals". The period in force at T is at most one (see CLAIMS),
 * so `found` and the claims sharing its event are that period's row, if
 * its visit is not after T. */
#define OWNERS(DEALS) \
  ", owners AS (" \
  "  SELECT d.deal," \
  "   CASE WHEN d.cancelled THEN 'cancelled' WHEN d.t IS NULL THEN 'pending'" \
  "    ELSE coalesce (array_to_string (p.chans, '+'), 'developer') END AS owner" \
  "  FROM deal d" \
  "  LEFT JOIN periods p ON p.phone = d.purchaser AND p.b <= d.t AND d.t < p.e AND p.event_at <= d.t" \
  "  " DEALS \
  " )"

/* every deal: the checksum of the sorted lines, in the server */
static const char *const BATCH =
  CLAIMS ("") OWNERS ("")
  " SELECT encode (sha256 (convert_to (coalesce (string_agg (line, '' ORDER BY line COLLATE \"C\"), ''), 'UTF8')), 'hex'),"
  "  count (*)"
  " FROM (SELECT deal || E'\\t' || owner || E'\\n' AS line FROM owners) AS lines";

/* one deal: its purchaser's claims only, from the tables (nothing of the
 * batch is kept) */
static const char *const SINGLE =
  CLAIMS ("WHERE phone = (SELECT purchaser FROM deal WHERE deal = $1)") OWNERS ("WHERE d.deal = $1")
  " SELECT owner FROM owners";

/* ---- the cluster ---- */

static char cluster_dir[PATH_MAX];     /* "" = none */
static pid_t postmaster = -1;
static PGconn *conn;

static int
remove_entry (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void) st;
  (void) flag;
  (void) ftw;
  remove (path);    /* whatever comes of it: one entry that resists must not keep the others */
  return 0;
}

/* Stop the server (immediate shutdown: nothing in it is worth a
 * checkpoint) and remove the cluster. Also from a signal handler: not
 * strictly async-signal-safe (nftw), but the process ends right after. */
static void
cleanup (void)
{
  if (postmaster > 0)
    {
      kill (postmaster, SIGQUIT);
      while (waitpid (postmaster, NULL, 0) < 0 && errno == EINTR)
        ;
      postmaster = -1;
    }
  if (cluster_dir[0] != '\0')
    {
      nftw (cluster_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
      if (access (cluster_dir, F_OK) == 0)
        fprintf (stderr, "postgres-peer: could not remove all of %s\n", cluster_dir);
      cluster_dir[0] = '\0';
    }
}

static void
die (const char *fmt, ...)
{
  va_list ap;

  fprintf (stderr, "postgres-peer: ");
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  if (conn != NULL)
    PQfinish (conn);
  conn = NULL;
  cleanup ();
  exit (1);
}

static void
on_signal (int sig)
{
  cleanup ();
  signal (sig, SIG_DFL);
  raise (sig);
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* the user the server runs as: ourselves, or as root a user initdb accepts */
static const struct passwd *
server_user (void)
{
  static struct passwd pw;
  static bool done;
  const struct passwd *p;

  if (geteuid () != 0)
    return NULL;
  if (!done)
    {
      if ((p = getpwnam ("postgres")) == NULL && (p = getpwnam ("nobody")) == NULL)
        die ("running as root, and neither user postgres nor nobody exists for the server");
      pw = *p;
      done = true;
    }
  return &pw;
}

/* fork and exec argv as the server user, output to LOG; the pid */
static pid_t
spawn (const char *const argv[], const char *log, bool tie_to_parent)
{
  const struct passwd *pw = server_user ();
  pid_t pid = fork ();

  if (pid < 0)
    die ("fork: %s", strerror (errno));
  if (pid == 0)
    {
      int fd = open (log, O_WRONLY | O_CREAT | O_APPEND, 0600);
      const char *const env[] = { "LC_ALL=C", "PATH=/usr/bin:/bin", NULL };

      if (fd >= 0)
        {
          dup2 (fd, 1);
          dup2 (fd, 2);
          close (fd);
        }
      if (pw != NULL && (setgid (pw->pw_gid) != 0 || initgroups (pw->pw_name, pw->pw_gid) != 0 ||
                         setuid (pw->pw_uid) != 0))
        {
          perror ("postgres-peer: dropping root");
          _exit (127);
        }
      /* should the peer die without its cleanup, the server goes with it
       * (set after setuid, which clears it) */
      if (tie_to_parent)
        prctl (PR_SET_PDEATHSIG, SIGQUIT);
      /* execve's arrays are not const for historical reasons only */
      execve (argv[0], (char *const *) argv, (char *const *) env);
      perror (argv[0]);
      _exit (127);
    }
  return pid;
}

static void
show_log (const char *log)
{
  char buf[4096];
  FILE *f = fopen (log, "r");
  size_t n;

  if (f == NULL)
    return;
  while ((n = fread (buf, 1, sizeof buf, f)) > 0)
    fwrite (buf, 1, n, stderr);
  fclose (f);
}

static void
start_cluster (void)
{
  const char *bin = getenv ("PG_BIN") ? getenv ("PG_BIN") : "/usr/lib/postgresql/15/bin";
  const struct passwd *pw = server_user ();
  char initdb[PATH_MAX], postgres[PATH_MAX], data[PATH_MAX], log[PATH_MAX], conninfo[PATH_MAX + 64];
  const char *settings[2 * (sizeof SERVER_SETTINGS / sizeof *SERVER_SETTINGS) + 8];
  size_t i, n = 0;
  int status;
  pid_t pid;
  double deadline;

  strcpy (cluster_dir, "/tmp/attrib-pg-XXXXXX");
  if (mkdtemp (cluster_dir) == NULL)
    {
      cluster_dir[0] = '\0';
      die ("mkdtemp: %s", strerror (errno));
    }
  if (pw != NULL && chown (cluster_dir, pw->pw_uid, pw->pw_gid) != 0)
    die ("chown %s: %s", cluster_dir, strerror (errno));
  snprintf (initdb, sizeof initdb, "%s/initdb", bin);
  snprintf (postgres, sizeof postgres, "%s/postgres", bin);
  snprintf (data, sizeof data, "%s/data", cluster_dir);
  snprintf (log, sizeof log, "%s/server.log", cluster_dir);

  {
    /* C locale: text compares bytewise, as RULE.md sorts */
    const char *const argv[] = { initdb, "-D", data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C",
                                 "--no-sync", "--no-instructions", NULL };

    pid = spawn (argv, log, false);
    if (waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
      {
        show_log (log);
        die ("initdb failed");
      }
  }

  settings[n++] = postgres;
  settings[n++] = "-D";
  settings[n++] = data;
  settings[n++] = "-k";             /* unix_socket_directories */
  settings[n++] = cluster_dir;
  for (i = 0; i < sizeof SERVER_SETTINGS / sizeof *SERVER_SETTINGS; i++)
    {
      settings[n++] = "-c";
      settings[n++] = SERVER_SETTINGS[i];
    }
  settings[n] = NULL;
  postmaster = spawn (settings, log, true);

  snprintf (conninfo, sizeof conninfo, "host=%s port=5432 dbname=postgres user=bench", cluster_dir);
  deadline = now_s () + 60;
  while (PQping (conninfo) != PQPING_OK)
    {
      if (waitpid (postmaster, &status, WNOHANG) == postmaster)
        {
          postmaster = -1;
          show_log (log);
          die ("the server did not start");
        }
      if (now_s () > deadline)
        die ("the server did not answer in 60 s");
      usleep (10000);
    }
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    die ("connect: %s", PQerrorMessage (conn));
}

/* ---- running SQL ---- */

static bool trace;     /* PEER_TRACE=1: each statement's time on stderr */

static void
run (const char *sql)
{
  double t0 = now_s ();
  PGresult *r = PQexec (conn, sql);

  if (PQresultStatus (r) != PGRES_COMMAND_OK && PQresultStatus (r) != PGRES_TUPLES_OK)
    die ("%s\n  in: %.200s", PQresultErrorMessage (r), sql);
  PQclear (r);
  if (trace)
    fprintf (stderr, "%9.3f s  %.70s\n", now_s () - t0, sql);
}

/* COPY the CSV into a new raw table: read by the server itself when it
 * can read the file (no trip through the socket), else streamed from here */
static void
copy_csv (const char *path)
{
  char abs[PATH_MAX], *quoted, *sql;
  PGresult *r;
  FILE *f;
  char buf[1 << 16];
  size_t n;
  double t0;

  if (realpath (path, abs) == NULL)
    die ("%s: %s", path, strerror (errno));
  quoted = PQescapeLiteral (conn, abs, strlen (abs));
  if (asprintf (&sql, COPY_RAW ("%s"), quoted) < 0)
    die ("out of memory");
  PQfreemem (quoted);
  run ("BEGIN");
  run (INGEST_CREATE);
  t0 = now_s ();
  r = PQexec (conn, sql);
  free (sql);
  if (PQresultStatus (r) == PGRES_COMMAND_OK)
    {
      PQclear (r);
      if (trace)
        fprintf (stderr, "%9.3f s  COPY raw FROM '%s' (by the server)\n", now_s () - t0, abs);
      run ("COMMIT");
      return;
    }
  PQclear (r);      /* e.g. the server's user may not read the file */
  run ("ROLLBACK");
  run ("BEGIN");
  run (INGEST_CREATE);
  t0 = now_s ();

  if ((f = fopen (path, "rb")) == NULL)
    die ("%s: %s", path, strerror (errno));
  r = PQexec (conn, COPY_RAW ("STDIN"));
  if (PQresultStatus (r) != PGRES_COPY_IN)
    die ("COPY: %s", PQresultErrorMessage (r));
  PQclear (r);
  while ((n = fread (buf, 1, sizeof buf, f)) > 0)
    if (PQputCopyData (conn, buf, (int) n) != 1)
      die ("COPY: %s", PQerrorMessage (conn));
  fclose (f);
  if (PQputCopyEnd (conn, NULL) != 1)
    die ("COPY: %s", PQerrorMessage (conn));
  r = PQgetResult (conn);
  if (PQresultStatus (r) != PGRES_COMMAND_OK)
    die ("COPY: %s", PQresultErrorMessage (r));
  PQclear (r);
  while ((r = PQgetResult (conn)) != NULL)
    PQclear (r);
  if (trace)
    fprintf (stderr, "%9.3f s  COPY raw FROM STDIN (streamed from %s)\n", now_s () - t0, path);
  run ("COMMIT");
}

static long
peak_rss_kb (long pid)
{
  char path[64], buf[256];
  FILE *f;
  long kb = 0;

  snprintf (path, sizeof path, "/proc/%ld/status", pid);
  if ((f = fopen (path, "r")) == NULL)
    return 0;
  while (fgets (buf, sizeof buf, f) != NULL)
    if (strncmp (buf, "VmHWM:", 6) == 0)
      kb = strtol (buf + 6, NULL, 10);
  fclose (f);
  return kb;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  const char *csv = NULL, *deals_path = NULL;
  double t0, t1, t2, t3;
  PGresult *r;
  char hex[65];
  long deals, backend;
  size_t i;
  int a;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--deals") == 0 && a + 1 < argc)
        deals_path = argv[++a];
      else if (csv == NULL)
        csv = argv[a];
      else
        csv = NULL, a = argc;
    }
  if (argc == 2 && strcmp (argv[1], "--sql") == 0)
    {
      /* what runs, for reading (and for psql) */
      printf ("%s;\n%s;\n", INGEST_CREATE, COPY_RAW ("'EVENTS.csv'"));
      for (i = 0; i < sizeof INGEST / sizeof *INGEST; i++)
        printf ("%s;\n", INGEST[i]);
      printf ("-- the batch\n%s;\n-- one deal ($1)\n%s;\n", BATCH, SINGLE);
      return 0;
    }
  if (csv == NULL)
    {
      fprintf (stderr, "usage: postgres-peer EVENTS.csv [--deals DEALS.txt] | --sql\n");
      return 2;
    }
  if (access (csv, R_OK) != 0)
    die ("%s: %s", csv, strerror (errno));
  trace = getenv ("PEER_TRACE") != NULL && strcmp (getenv ("PEER_TRACE"), "0") != 0;
  signal (SIGINT, on_signal);
  signal (SIGTERM, on_signal);
  signal (SIGHUP, on_signal);
  signal (SIGPIPE, on_signal);     /* e.g. `| head`: stdout gone, the cluster still to remove */

  t0 = now_s ();
  start_cluster ();
  t1 = now_s ();

  copy_csv (csv);
  for (i = 0; i < sizeof INGEST / sizeof *INGEST; i++)
    run (INGEST[i]);
  t2 = now_s ();

  r = PQexec (conn, BATCH);
  if (PQresultStatus (r) != PGRES_TUPLES_OK || PQntuples (r) != 1)
    die ("the batch: %s", PQresultErrorMessage (r));
  snprintf (hex, sizeof hex, "%s", PQgetvalue (r, 0, 0));
  deals = strtol (PQgetvalue (r, 0, 1), NULL, 10);
  PQclear (r);
  t3 = now_s ();

  printf ("setup_s %.6f\n", t1 - t0);
  printf ("ingest_s %.6f\n", t2 - t1);
  printf ("attribute_s %.6f\n", t3 - t2);

  if (deals_path != NULL)
    {
      FILE *f = fopen (deals_path, "r");
      char line[4096];
      double *us = NULL;
      size_t n = 0, cap = 0;

      if (f == NULL)
        die ("%s: %s", deals_path, strerror (errno));
      r = PQprepare (conn, "owner", SINGLE, 1, NULL);
      if (PQresultStatus (r) != PGRES_COMMAND_OK)
        die ("PREPARE: %s", PQresultErrorMessage (r));
      PQclear (r);
      while (fgets (line, sizeof line, f) != NULL)
        {
          const char *param[1] = { line };
          double u0;

          line[strcspn (line, "\r\n")] = '\0';
          if (line[0] == '\0')
            continue;
          u0 = now_s ();
          r = PQexecPrepared (conn, "owner", 1, param, NULL, NULL, 0);
          if (PQresultStatus (r) != PGRES_TUPLES_OK || PQntuples (r) != 1)
            die ("deal %s: %s", line, PQntuples (r) == 0 ? "not in the file" : PQresultErrorMessage (r));
          (void) PQgetvalue (r, 0, 0);
          PQclear (r);
          if (n == cap)
            {
              cap = cap ? cap * 2 : 1024;
              if ((us = realloc (us, cap * sizeof *us)) == NULL)
                die ("out of memory");
            }
          us[n++] = (now_s () - u0) * 1e6;
        }
      fclose (f);
      if (n > 0)
        {
          qsort (us, n, sizeof *us, cmp_double);
          printf ("single_p50_us %.3f\n", us[n / 2]);
          printf ("single_p99_us %.3f\n", us[n * 99 / 100 < n - 1 ? n * 99 / 100 : n - 1]);
        }
      free (us);
    }

  r = PQexec (conn, "SELECT pg_backend_pid ()");
  if (PQresultStatus (r) != PGRES_TUPLES_OK)
    die ("pg_backend_pid: %s", PQresultErrorMessage (r));
  backend = strtol (PQgetvalue (r, 0, 0), NULL, 10);
  PQclear (r);
  printf ("peak_rss_kb %ld\n", peak_rss_kb (backend));
  printf ("checksum %s deals %ld\n", hex, deals);
  fflush (stdout);

  PQfinish (conn);
  conn = NULL;
  cleanup ();
  return 0;
}
