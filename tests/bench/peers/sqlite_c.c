/* sqlite_c.c: the compared rule (tests/bench/RULE.md) in SQLite, driven from C
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   sqlite_c EVENTS.csv [--deals DEALS.txt] [--sql RULE.sql]
 *
 * A peer of the race (the contract: peers/README.md). The same SQL as
 * sqlite_py.py, from rule-sqlite.sql: given with --sql, else the path
 * compiled in with -DRULE_SQL='"PATH"', else next to the binary, else next
 * to this source file (its path as compiled). The host only reads the CSV
 * and binds its fields to the prepared INSERTs, all in one transaction of
 * an in-memory database; the claims and every owner are one SQL statement
 * (a recursive CTE over each purchaser's claims: no per-customer loop
 * here), the same prepared statement answering one deal with --deals.
 *
 * The CSV is parsed here, a line at a time: fields split at commas, a
 * quoted field ("a,b", "" for a quote) is unquoted in place, though a
 * newline inside quotes is not supported (bench-gen writes no quotes at
 * all). The checksum's SHA-256 is GLib's.
 *
 *   gcc -O2 -o sqlite_c sqlite_c.c $(pkg-config --cflags --libs sqlite3 glib-2.0)
 *
 * Host-side choices only, never the SQL: SQLite is set single-threaded and
 * without memory statistics (this is one connection in one thread).
 */

#define _GNU_SOURCE
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_FIELDS 64

typedef struct
{
  const char *p;
  int         n;
} Field;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long
peak_rss_kb (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  char line[256];
  long kb = 0;

  if (f == NULL)
    return 0;
  while (fgets (line, sizeof line, f) != NULL)
    if (strncmp (line, "VmHWM:", 6) == 0)
      kb = atol (line + 6);
  fclose (f);
  return kb;
}

static void
die_db (sqlite3    *db,
        const char *what)
{
  fprintf (stderr, "sqlite_c: %s: %s\n", what, sqlite3_errmsg (db));
  exit (1);
}

/* The `-- @NAME` sections of the SQL file: the text of NAME, up to the
 * next marker, as a new string. */
static char *
section (const char *sql,
         const char *name)
{
  char *marker = g_strdup_printf ("-- @%s\n", name);
  const char *p = sql, *start, *end;

  for (;;)
    {
      p = strstr (p, marker);
      if (p == NULL)
        {
          fprintf (stderr, "sqlite_c: no section %s in the SQL file\n", name);
          exit (1);
        }
      if (p == sql || p[-1] == '\n')   /* a marker starts its line */
        break;
      p++;
    }
  start = p + strlen (marker);
  end = strstr (start, "\n-- @");
  g_free (marker);
  return end != NULL ? g_strndup (start, end - start + 1) : g_strdup (start);
}

/* The fields of one CSV line (its newline removed), unquoting in place. */
static int
split_csv (char  *line,
           Field *fields)
{
  int n = 0;
  char *p = line;

  for (;;)
    {
      if (n == MAX_FIELDS)
        return n;
      if (*p == '"')
        {
          char *w = ++p;

          fields[n].p = w;
          while (*p != '\0')
            {
              if (*p == '"' && p[1] == '"')
                *w++ = '"', p += 2;
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                *w++ = *p++;
            }
          fields[n].n = (int) (w - fields[n].p);
          while (*p != ',' && *p != '\0')
            p++;
        }
      else
        {
          char *c = strchr (p, ',');

          fields[n].p = p;
          fields[n].n = c != NULL ? (int) (c - p) : (int) strlen (p);
          p += fields[n].n;
        }
      n++;
      if (*p != ',')
        return n;
      p++;
    }
}

static void
step_done (sqlite3      *db,
           sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    die_db (db, "insert");
  sqlite3_reset (stmt);
}

static int
column_of (Field      *header,
           int         n,
           const char *name)
{
  int i;

  for (i = 0; i < n; i++)
    if (header[i].n == (int) strlen (name) && memcmp (header[i].p, name, header[i].n) == 0)
      return i;
  fprintf (stderr, "sqlite_c: no column %s in the CSV\n", name);
  exit (1);
}

static void
load (sqlite3    *db,
      const char *sql,
      const char *path)
{
  FILE *f = fopen (path, "r");
  char *line = NULL, *header_line;
  size_t cap = 0;
  ssize_t len;
  Field header[MAX_FIELDS], fl[MAX_FIELDS];
  int n_header, c_type, c_at, c_agents, c_phone, c_purchaser, c_kind, c_stage, c_deal, need;
  sqlite3_stmt *ins_attempt, *ins_interaction, *ins_stage;
  char *text;

  if (f == NULL)
    {
      perror (path);
      exit (1);
    }
  text = section (sql, "insert_attempt");
  if (sqlite3_prepare_v2 (db, text, -1, &ins_attempt, NULL) != SQLITE_OK)
    die_db (db, "insert_attempt");
  g_free (text);
  text = section (sql, "insert_interaction");
  if (sqlite3_prepare_v2 (db, text, -1, &ins_interaction, NULL) != SQLITE_OK)
    die_db (db, "insert_interaction");
  g_free (text);
  text = section (sql, "insert_stage");
  if (sqlite3_prepare_v2 (db, text, -1, &ins_stage, NULL) != SQLITE_OK)
    die_db (db, "insert_stage");
  g_free (text);

  if ((len = getline (&line, &cap, f)) <= 0)
    {
      fprintf (stderr, "sqlite_c: %s is empty\n", path);
      exit (1);
    }
  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = '\0';
  header_line = g_strdup (line);
  n_header = split_csv (header_line, header);
  c_type = column_of (header, n_header, "type");
  c_at = column_of (header, n_header, "at");
  c_agents = column_of (header, n_header, "agents");
  c_phone = column_of (header, n_header, "customer_phone");
  c_purchaser = column_of (header, n_header, "purchaser_phone");
  c_kind = column_of (header, n_header, "kind");
  c_stage = column_of (header, n_header, "stage");
  c_deal = column_of (header, n_header, "deal");
  need = MAX (MAX (MAX (c_type, c_at), MAX (c_agents, c_phone)), MAX (MAX (c_purchaser, c_kind), MAX (c_stage, c_deal)));

  /* the bound fields point into `line`: SQLITE_STATIC, each row stepped
   * before the next is read */
  while ((len = getline (&line, &cap, f)) > 0)
    {
      Field *type;
      int n;

      while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        line[--len] = '\0';
      if (len == 0)
        continue;
      n = split_csv (line, fl);
      if (n <= need)
        {
          fprintf (stderr, "sqlite_c: short line: %s\n", line);
          exit (1);
        }
      type = &fl[c_type];
      if (type->n == 5 && memcmp (type->p, "visit", 5) == 0)
        {
          const char *p = fl[c_agents].p, *end = p + fl[c_agents].n;
          int pos = 0;

          /* agents: party:rank;party:rank */
          while (p < end)
            {
              const char *semi = memchr (p, ';', end - p), *colon;

              if (semi == NULL)
                semi = end;
              for (colon = semi; colon > p && colon[-1] != ':'; colon--)
                ;
              if (colon > p)
                {
                  sqlite3_bind_text (ins_attempt, 1, fl[c_phone].p, fl[c_phone].n, SQLITE_STATIC);
                  sqlite3_bind_text (ins_attempt, 2, fl[c_at].p, fl[c_at].n, SQLITE_STATIC);
                  sqlite3_bind_text (ins_attempt, 3, p, (int) (colon - 1 - p), SQLITE_STATIC);
                  sqlite3_bind_text (ins_attempt, 4, colon, (int) (semi - colon), SQLITE_STATIC);
                  sqlite3_bind_int (ins_attempt, 5, pos);
                  step_done (db, ins_attempt);
                }
              pos++;
              p = semi + 1;
            }
        }
      else if (type->n == 11 && memcmp (type->p, "interaction", 11) == 0)
        {
          sqlite3_bind_text (ins_interaction, 1, fl[c_phone].p, fl[c_phone].n, SQLITE_STATIC);
          sqlite3_bind_text (ins_interaction, 2, fl[c_at].p, fl[c_at].n, SQLITE_STATIC);
          sqlite3_bind_text (ins_interaction, 3, fl[c_kind].p, fl[c_kind].n, SQLITE_STATIC);
          step_done (db, ins_interaction);
        }
      else if (type->n == 4 && memcmp (type->p, "deal", 4) == 0)
        {
          sqlite3_bind_text (ins_stage, 1, fl[c_deal].p, fl[c_deal].n, SQLITE_STATIC);
          sqlite3_bind_text (ins_stage, 2, fl[c_stage].p, fl[c_stage].n, SQLITE_STATIC);
          sqlite3_bind_text (ins_stage, 3, fl[c_at].p, fl[c_at].n, SQLITE_STATIC);
          sqlite3_bind_text (ins_stage, 4, fl[c_purchaser].p, fl[c_purchaser].n, SQLITE_STATIC);
          step_done (db, ins_stage);
        }
      /* reports and follow-ups play no part in the rule */
    }
  sqlite3_finalize (ins_attempt);
  sqlite3_finalize (ins_interaction);
  sqlite3_finalize (ins_stage);
  g_free (header_line);
  free (line);
  fclose (f);
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* rule-sqlite.sql when no --sql: the path compiled in as RULE_SQL (a
 * build system knows where the source is), else next to the binary, else
 * next to this source file as named to the compiler (an absolute path, or
 * one relative to where it ran) */
static char *
find_sql (void)
{
  char *exe = g_file_read_link ("/proc/self/exe", NULL), *dir, *path;

#ifdef RULE_SQL
  if (g_file_test (RULE_SQL, G_FILE_TEST_EXISTS))
    {
      g_free (exe);
      return g_strdup (RULE_SQL);
    }
#endif
  if (exe != NULL)
    {
      dir = g_path_get_dirname (exe);
      path = g_build_filename (dir, "rule-sqlite.sql", NULL);
      g_free (dir);
      g_free (exe);
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
    }
  dir = g_path_get_dirname (__FILE__);
  path = g_build_filename (dir, "rule-sqlite.sql", NULL);
  g_free (dir);
  return path;
}

int
main (int    argc,
      char **argv)
{
  const char *csv_path = NULL, *deals_path = NULL;
  char *sql_path = NULL, *sql, *text;
  sqlite3 *db;
  sqlite3_stmt *owners;
  GChecksum *sum;
  double started, loaded, done;
  long n_lines = 0;
  int a, rc;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--deals") == 0 && a + 1 < argc)
        deals_path = argv[++a];
      else if (strcmp (argv[a], "--sql") == 0 && a + 1 < argc)
        sql_path = g_strdup (argv[++a]);
      else if (csv_path == NULL && argv[a][0] != '-')
        csv_path = argv[a];
      else
        csv_path = NULL, a = argc;
    }
  if (csv_path == NULL)
    {
      fprintf (stderr, "usage: sqlite_c EVENTS.csv [--deals DEALS.txt] [--sql RULE.sql]\n");
      return 2;
    }
  if (sql_path == NULL)
    sql_path = find_sql ();
  if (!g_file_get_contents (sql_path, &sql, NULL, NULL))
    {
      fprintf (stderr, "sqlite_c: cannot read %s\n", sql_path);
      return 1;
    }

  /* one thread, one connection: no mutexes, and no memory statistics (their
   * counters take a mutex on every malloc) */
  sqlite3_config (SQLITE_CONFIG_SINGLETHREAD);
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  started = now_s ();
  if (sqlite3_open (":memory:", &db) != SQLITE_OK)
    die_db (db, "open");
  text = section (sql, "schema");
  if (sqlite3_exec (db, text, NULL, NULL, NULL) != SQLITE_OK)
    die_db (db, "schema");
  g_free (text);
  if (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    die_db (db, "begin");
  load (db, sql, csv_path);
  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    die_db (db, "commit");
  text = section (sql, "index");
  if (sqlite3_exec (db, text, NULL, NULL, NULL) != SQLITE_OK)
    die_db (db, "index");
  g_free (text);
  loaded = now_s ();

  text = section (sql, "owners");
  if (sqlite3_prepare_v2 (db, text, -1, &owners, NULL) != SQLITE_OK)
    die_db (db, "owners");
  g_free (text);
  /* :deal NULL: every deal, the lines already sorted by the SQL */
  sum = g_checksum_new (G_CHECKSUM_SHA256);
  while ((rc = sqlite3_step (owners)) == SQLITE_ROW)
    {
      g_checksum_update (sum, sqlite3_column_text (owners, 0), sqlite3_column_bytes (owners, 0));
      g_checksum_update (sum, (const guchar *) "\n", 1);
      n_lines++;
    }
  if (rc != SQLITE_DONE)
    die_db (db, "owners");
  done = now_s ();
  printf ("ingest_s %.6f\n", loaded - started);
  printf ("attribute_s %.6f\n", done - loaded);

  if (deals_path != NULL)
    {
      FILE *f = fopen (deals_path, "r");
      char *line = NULL;
      size_t cap = 0;
      ssize_t len;
      GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
      int idx = sqlite3_bind_parameter_index (owners, ":deal");

      if (f == NULL)
        {
          perror (deals_path);
          return 1;
        }
      while ((len = getline (&line, &cap, f)) > 0)
        {
          double t0, us;

          while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            line[--len] = '\0';
          if (len == 0)
            continue;
          /* the same prepared statement, for one deal, from the tables */
          t0 = now_s ();
          sqlite3_reset (owners);
          sqlite3_bind_text (owners, idx, line, (int) len, SQLITE_STATIC);
          while ((rc = sqlite3_step (owners)) == SQLITE_ROW)
            ;
          if (rc != SQLITE_DONE)
            die_db (db, "owner of one deal");
          us = (now_s () - t0) * 1e6;
          g_array_append_val (times, us);
        }
      free (line);
      fclose (f);
      if (times->len > 0)
        {
          double *v = (double *) times->data;

          qsort (v, times->len, sizeof (double), cmp_double);
          printf ("single_p50_us %.3f\n", v[times->len / 2]);
          printf ("single_p99_us %.3f\n", v[MIN (times->len - 1, (guint) ((guint64) times->len * 99 / 100))]);
        }
      g_array_free (times, TRUE);
    }
  sqlite3_finalize (owners);
  printf ("peak_rss_kb %ld\n", peak_rss_kb ());
  printf ("checksum %s deals %ld\n", g_checksum_get_string (sum), n_lines);
  g_checksum_free (sum);
  sqlite3_close (db);
  g_free (sql);
  g_free (sql_path);
  return 0;
}
