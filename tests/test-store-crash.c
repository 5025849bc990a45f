/* test-store-crash.c: a store killed at any moment keeps what it acknowledged
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The promise (attrib-store.c): every write is one SQLite transaction in
 * WAL mode with synchronous=FULL, so a write acknowledged has reached the
 * disk and a write cut short leaves nothing; an import cut short is
 * finished by importing the file again.
 *
 * KILLS times, a child process (this program again, `--child`) opens the
 * one store of the run — creating it the first time — and either appends
 * intended events one by one (attrib_store_append) or imports a JSON file
 * of them (attrib_store_import_file), and says on a pipe what it does: an
 * append begun, SQLite starting a commit (a commit hook), the commit
 * written (the WAL hook, which runs once the WAL is synced; it replaces
 * SQLite's automatic checkpoint, so it checkpoints itself, at
 * CHECKPOINT_PAGES, and says so), each receipt it got (position and tree
 * root), an import's count once the call returned. The parent waits until
 * the child has the store open, sleeps a random time (a seeded GRand, the
 * seed printed; 0 to a few tens of milliseconds, spread over the writes)
 * and kills it with SIGKILL.
 *
 * Imports are of a few hundred events, one in IMPORT_EVERY iterations:
 * every iteration opens and verifies the whole store twice, so it must
 * stay small for the run to take under a minute. The last LARGE_TAIL
 * iterations import files of more than a batch (8 192 events a
 * transaction) and kill 0 to a few milliseconds after the first batch is
 * written, so that imports are cut between their batches.
 *
 * A kill is a process crash, not a power cut: a commit whose WAL frames
 * were written when the kill came, in its sync, is kept (the page cache
 * survives); the summary counts those apart from those rolled back.
 *
 * After each kill the parent opens the store for writing and checks:
 *
 * - the store opens, and attrib_store_verify passes (SQLite's integrity
 *   check and the whole Merkle tree recomputed), with a tree head of an
 *   earlier iteration, at random, as the trusted head: the log still
 *   extends it (and a consistency proof from every earlier head verifies);
 * - every acknowledged event is there: the size is at least the
 *   acknowledged count, the events at the acknowledged positions
 *   (attrib_store_get_event) have the expected ids, and the tree head at each acknowledged size has
 *   the root the child's receipt had;
 * - the size is exactly what the commits the child saw reach the disk
 *   wrote, plus the commit the kill interrupted if it made it: nothing
 *   less, nothing more;
 * - the log's first `size` records are exactly the events intended, byte
 *   for byte (nothing half written, nothing foreign, nothing twice), and
 *   the size never goes back;
 * - the receipt of the last event verifies (signature, inclusion proof
 *   against the head now).
 *
 * The next iteration continues on the same store. After an import cut
 * short, the next child imports the same file again, and the parent checks
 * its count; if it is cut short again, the parent finishes it: the count
 * added is what was missing, nothing is duplicated, and importing it once
 * more adds nothing.
 *
 * It prints where the kills landed and the store's final size.
 * ATTRIB_CRASH_KILLS and ATTRIB_CRASH_SEED set other numbers for a longer
 * run by hand; ATTRIB_CRASH_VERBOSE=1 prints every iteration.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <attrib/attrib.h>

#include "attrib-event-record-private.h"
#include "attrib-store-private.h"

#define KILLS             200
#define SEED              20261201
#define PROFILE           "junyuan-2012"
#define N_CUSTOMERS       300
#define APPEND_CAP        250      /* appends a child makes at most (what it says fits a pipe) */
#define APPEND_SLEEP_US   25000    /* kill an appending child 0 to 25 ms after it is ready */
#define IMPORT_EVERY      6        /* one iteration in 6 imports a file ... */
#define IMPORT_MIN        100      /* ... of 100 to 400 events: one transaction */
#define IMPORT_MAX        400
#define IMPORT_SLEEP_PER_EVENT_US 20   /* kill an importing child 0 to 20 µs an event, + 5 ms */
#define LARGE_TAIL        4        /* the last iterations import ... */
#define IMPORT_LARGE      8800     /* ... two transactions: 8 192 events, then 608 */
#define LARGE_SLEEP_US    12000    /* kill 0 to 12 ms after the first is on the disk */
#define STORE_BATCH       8192     /* attrib-store.c's IMPORT_BATCH */
#define CHECKPOINT_PAGES  100      /* the child checkpoints the WAL at 100 pages */

static int self_fd = -1;   /* this program, for the children: the same one even if it is rebuilt meanwhile */

/* The store's signing key (any 32 bytes are an Ed25519 secret key). */
static GBytes *
signing_key (void)
{
  static const char secret[] = "attrib-crash-test-secret-key-32b";

  G_STATIC_ASSERT (sizeof secret == 33);
  return g_bytes_new_static (secret, 32);
}

/* ---- the events intended: position i is always the same event ---- */

static AttribEvent *
make_event (guint64 i)
{
  /* 2024-03-01T09:00:00+08:00, then 37 s apart */
  AttribTime at = G_GINT64_CONSTANT (1709254800) * G_USEC_PER_SEC + (AttribTime) i * 37 * G_USEC_PER_SEC;
  guint c = (guint) ((i * G_GUINT64_CONSTANT (2654435761)) % N_CUSTOMERS);
  guint roll = (guint) ((i * 7 + i / 13) % 20);
  char id[32], name[32], phone[16], party[32];
  AttribEvent *ev;

  g_snprintf (id, sizeof id, "e%07" G_GUINT64_FORMAT, i);
  g_snprintf (name, sizeof name, "客户%03u", c);
  g_snprintf (phone, sizeof phone, "139%08u", (c * 104729u + 5u) % 100000000u);
  g_snprintf (party, sizeof party, "ch%02u/ag%02u", c % 12, (guint) (i / 3 % 20));
  if (roll < 8)
    {
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at);
      attrib_event_set_party (ev, party);
    }
  else if (roll < 14)
    {
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, at);
      attrib_event_add_agent (ev, party, 0);
    }
  else if (roll < 17)
    {
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, id, at);
      attrib_event_set_interaction_kind (ev, ATTRIB_INTERACTION_KIND_CALL);
    }
  else
    {
      char deal[32];

      g_snprintf (deal, sizeof deal, "D%07" G_GUINT64_FORMAT, i);
      ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at);
      attrib_event_set_deal (ev, deal);
      attrib_event_set_deal_stage (ev, ATTRIB_DEAL_STAGE_SUBSCRIBED);
      attrib_event_set_price (ev, (gint64) (80 + c % 7 * 10) * 1000000);
    }
  attrib_event_set_customer (ev, name, phone);
  return ev;
}

/* ---- the child ---- */

static int child_fd = -1;

G_GNUC_NORETURN G_GNUC_PRINTF (1, 2) static void
child_fail (const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  fputs ("child: ", stderr);
  vfprintf (stderr, format, args);
  fputc ('\n', stderr);
  va_end (args);
  _exit (1);
}

static void
child_say (const char *line)
{
  size_t length = strlen (line);

  /* a line is shorter than PIPE_BUF: written whole or not at all */
  if (write (child_fd, line, length) != (ssize_t) length)
    child_fail ("cannot write to the pipe: %s", g_strerror (errno));
}

/* SQLite is about to commit. */
static int
on_commit (void *data)
{
  child_say ("C\n");
  return 0;
}

/* A commit is on the disk (the WAL synced). This hook replaces SQLite's
 * automatic checkpoint, so it checkpoints as that one does, but at
 * CHECKPOINT_PAGES rather than 1 000 pages, so that kills land in
 * checkpoints too. */
static int
on_wal (void       *data,
        sqlite3    *db,
        const char *name,
        int         n_pages)
{
  child_say ("c\n");
  if (n_pages >= CHECKPOINT_PAGES)
    {
      child_say ("k\n");
      sqlite3_wal_checkpoint (db, name);
      child_say ("K\n");
    }
  return SQLITE_OK;
}

static void
child_hooks (AttribStore *store)
{
  sqlite3 *db = _attrib_store_get_db (store);

  sqlite3_commit_hook (db, on_commit, NULL);
  sqlite3_wal_hook (db, on_wal, NULL);
}

/* test-store-crash --child append|import PATH FD START [FILE] */
static int
child_main (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GBytes) key = signing_key ();
  const char *mode, *path;
  guint64 start, j;
  gint64 ready;

  if (argc < 6)
    child_fail ("usage: --child append|import PATH FD START [FILE]");
  mode = argv[2];
  path = argv[3];
  child_fd = atoi (argv[4]);
  start = g_ascii_strtoull (argv[5], NULL, 10);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    store = attrib_store_open (path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
  else
    {
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (PROFILE, &error);

      if (profile != NULL)
        store = attrib_store_create (path, profile, NULL, &error);
    }
  if (store == NULL)
    child_fail ("%s", error->message);
  if (!attrib_store_set_signing_key (store, key, &error))
    {
      if (!g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED))
        child_fail ("%s", error->message);
      g_clear_error (&error);   /* built without Nettle's Ed25519: unsigned */
    }
  if (attrib_store_get_size (store) != start)
    child_fail ("the store has %" G_GUINT64_FORMAT " events, the parent expected %" G_GUINT64_FORMAT,
                attrib_store_get_size (store), start);
  child_hooks (store);
  child_say ("r\n");
  ready = g_get_monotonic_time ();

  if (g_str_equal (mode, "append"))
    {
      for (j = 0; j < APPEND_CAP; j++)
        {
          g_autoptr(AttribEvent) ev = make_event (start + j);
          g_autoptr(AttribReceipt) receipt = NULL;
          char line[128];

          child_say ("b\n");
          receipt = attrib_store_append (store, ev, &error);
          if (receipt == NULL)
            child_fail ("appending %" G_GUINT64_FORMAT ": %s", start + j, error->message);
          if (attrib_receipt_get_position (receipt) != start + j)
            child_fail ("a receipt for position %" G_GUINT64_FORMAT ", not %" G_GUINT64_FORMAT,
                        attrib_receipt_get_position (receipt), start + j);
          g_snprintf (line, sizeof line, "a %" G_GUINT64_FORMAT " %s\n", start + j,
                      attrib_tree_head_get_root (attrib_receipt_get_tree_head (receipt)));
          child_say (line);
        }
      child_say ("d\n");
    }
  else if (g_str_equal (mode, "import") && argc >= 7)
    {
      g_autoptr(GFile) file = g_file_new_for_path (argv[6]);
      guint64 added = 0;
      char line[128];

      if (!attrib_store_import_file (store, file, &added, &error))
        child_fail ("importing %s: %s", argv[6], error->message);
      g_snprintf (line, sizeof line, "i %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT "\n", added,
                  attrib_store_get_size (store), g_get_monotonic_time () - ready);
      child_say (line);
    }
  else
    child_fail ("no mode %s", mode);

  /* done before the kill: wait for it */
  for (;;)
    pause ();
  return 0;
}

/* ---- the parent ---- */

typedef enum
{
  MODE_APPEND,
  MODE_IMPORT,
  MODE_REIMPORT,
} Mode;

/* Where a kill landed. */
typedef enum
{
  LANDED_BEFORE_COMMIT,      /* in an append or import, before its commit began */
  LANDED_COMMIT_LOST,        /* in SQLite's commit, before its WAL frames were written */
  LANDED_COMMIT_KEPT,        /* in SQLite's commit, after: in the sync (a kill is not a power cut) */
  LANDED_CHECKPOINT,         /* in a checkpoint after a commit */
  LANDED_AFTER_COMMIT,       /* the commit on the disk, not yet acknowledged */
  LANDED_BETWEEN_APPENDS,
  LANDED_DONE,               /* the child had done all it was asked */
  N_LANDED
} Landed;

static const char *landed_names[] = {
  "before a commit", "in a commit, rolled back", "in a commit, kept", "in a checkpoint",
  "after a commit, not acknowledged", "between appends", "after the child was done",
};

typedef struct
{
  char *dir;
  char *path;
  GRand *rand;
  GTimeZone *tz;             /* the profile's */
  GPtrArray *records;        /* char *: the record intended at each position */
  GPtrArray *heads;          /* AttribTreeHead *: one per iteration */
  guint64 size;              /* the size the last check found */
  guint n_import_files;

  char *pending;             /* an import cut short, or NULL */
  guint64 pending_start, pending_end;

  guint n_append, n_import, n_reimport;
  guint landed[N_LANDED];
  guint unacked;             /* size > acknowledged */
  guint cut_between_batches;
  guint finished_by_parent;
} Crash;

typedef struct
{
  guint64 position;
  char root[65];
} Ack;

/* What a child said. */
typedef struct
{
  gboolean ready, done, imported;
  guint begun;               /* appends begun */
  guint commits_begun;       /* commit hooks */
  guint commits;             /* WAL hooks: commits on the disk */
  guint checkpoints_begun, checkpoints;
  GArray *acks;              /* Ack */
  guint64 added, size_after, import_us;
  guint slept_us;
} Said;

static void
intend (Crash   *c,
        guint64  n)
{
  while (c->records->len < n)
    {
      g_autoptr(AttribEvent) ev = make_event (c->records->len);
      GString *record = g_string_new (NULL);

      _attrib_event_append_record (record, ev, c->tz);
      g_ptr_array_add (c->records, g_string_free (record, FALSE));
    }
}

/* A JSON file of the intended events [start, end): a JSON array of their
 * records, which are event objects of the audit format. */
static char *
write_import_file (Crash   *c,
                   guint64  start,
                   guint64  end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new ("[\n");
  char *file = g_strdup_printf ("%s/import-%03u.json", c->dir, c->n_import_files++);
  guint64 i;

  intend (c, end);
  for (i = start; i < end; i++)
    {
      g_string_append (text, g_ptr_array_index (c->records, i));
      g_string_append (text, i + 1 < end ? ",\n" : "\n");
    }
  g_string_append (text, "]\n");
  assert_true (g_file_set_contents (file, text->str, (gssize) text->len, &error));
  return file;
}

static void
parse_lines (const char *text,
             Said       *said)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_equal (line, "r"))
        said->ready = TRUE;
      else if (g_str_equal (line, "b"))
        said->begun++;
      else if (g_str_equal (line, "C"))
        said->commits_begun++;
      else if (g_str_equal (line, "c"))
        said->commits++;
      else if (g_str_equal (line, "k"))
        said->checkpoints_begun++;
      else if (g_str_equal (line, "K"))
        said->checkpoints++;
      else if (g_str_equal (line, "d"))
        said->done = TRUE;
      else if (g_str_has_prefix (line, "a "))
        {
          Ack ack;
          char *end = NULL;

          ack.position = g_ascii_strtoull (line + 2, &end, 10);
          assert_non_null (end);
          assert_int_equal (strlen (end), 65);
          memcpy (ack.root, end + 1, 65);
          g_array_append_val (said->acks, ack);
        }
      else if (g_str_has_prefix (line, "i "))
        {
          char *end = NULL;

          said->imported = TRUE;
          said->added = g_ascii_strtoull (line + 2, &end, 10);
          said->size_after = g_ascii_strtoull (end, &end, 10);
          said->import_us = g_ascii_strtoull (end, NULL, 10);
        }
      else if (line[0] != '\0')
        fail_msg ("the child said “%s”", line);
    }
}

/* Reads from @fd into @text until it holds @needle (%NULL: to the end);
 * FALSE at the end. */
static gboolean
read_until (int         fd,
            GString    *text,
            const char *needle)
{
  char buffer[4096];
  ssize_t n;

  while (needle == NULL || strstr (text->str, needle) == NULL)
    {
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      g_string_append_len (text, buffer, n);
    }
  return TRUE;
}

/* Runs a child in @mode and kills it 0 to @sleep_max_us after it has the
 * store open (after its first commit is on the disk, with @after_commit),
 * then reads what it said. */
static void
run_child (Crash      *c,
           Mode        mode,
           const char *file,
           gboolean    after_commit,
           guint       sleep_max_us,
           Said       *said)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *fd_text = NULL, *start_text = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int fds[2], status = 0;
  pid_t pid;

  assert_int_equal (pipe (fds), 0);
  fd_text = g_strdup_printf ("%d", fds[1]);
  start_text = g_strdup_printf ("%" G_GUINT64_FORMAT, c->size);
  fflush (stdout);
  fflush (stderr);
  pid = fork ();
  assert_true (pid >= 0);
  if (pid == 0)
    {
      char *args[] = { (char *) "test-store-crash", (char *) "--child", (char *) (mode == MODE_APPEND ? "append" : "import"),
                       c->path, fd_text, start_text, (char *) file, NULL };

      close (fds[0]);
      fexecve (self_fd, args, env);
      {
        /* only async-signal-safe calls here */
        char message[] = "test-store-crash: cannot run the child: errno 000\n";

        message[sizeof message - 5] = '0' + errno / 100 % 10;
        message[sizeof message - 4] = '0' + errno / 10 % 10;
        message[sizeof message - 3] = '0' + errno % 10;
        if (write (2, message, sizeof message - 1) < 0)
          _exit (126);
      }
      _exit (127);
    }
  close (fds[1]);

  /* "r": the store is open, from now on a kill lands in a write */
  if (!read_until (fds[0], text, "r\n") || (after_commit && !read_until (fds[0], text, "\nc\n")))
    {
      waitpid (pid, &status, 0);
      fail_msg ("the child stopped before it was ready (status %d)", status);
    }
  said->slept_us = g_rand_int_range (c->rand, 0, (gint32) sleep_max_us + 1);
  g_usleep (said->slept_us);
  assert_int_equal (kill (pid, SIGKILL), 0);
  assert_int_equal (waitpid (pid, &status, 0), pid);
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    fail_msg ("the child did not die by the kill (status %d): it failed", status);
  read_until (fds[0], text, NULL);
  close (fds[0]);
  parse_lines (text->str, said);
  assert_true (said->ready);
}

/* The log's records are the intended ones, byte for byte. */
static void
check_records (Crash       *c,
               AttribStore *store,
               guint64      size)
{
  sqlite3 *db = _attrib_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  guint64 position = 0;
  int rc;

  intend (c, size);
  assert_int_equal (sqlite3_prepare_v2 (db, "SELECT position, record FROM log ORDER BY position", -1, &stmt, NULL),
                    SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *record = (const char *) sqlite3_column_text (stmt, 1);
      const char *intended;

      assert_int_equal (sqlite3_column_int64 (stmt, 0), position);
      assert_true (position < size);
      intended = g_ptr_array_index (c->records, position);
      if (strcmp (record, intended) != 0)
        fail_msg ("position %" G_GUINT64_FORMAT ": the log holds\n  %s\nnot the event intended\n  %s",
                  position, record, intended);
      position++;
    }
  assert_int_equal (rc, SQLITE_DONE);
  sqlite3_finalize (stmt);
  assert_int_equal (position, size);
}

/* The last event's receipt verifies against the head now. */
static void
check_receipt (AttribStore *store,
               guint64      position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribReceipt) receipt = attrib_store_get_receipt (store, position, &error);
  g_autoptr(AttribProof) proof = NULL;
  g_autoptr(AttribTreeHead) head = NULL;

  assert_non_null (receipt);
  proof = attrib_store_prove_inclusion (store, position, 0, &error);
  assert_non_null (proof);
  head = attrib_store_get_tree_head (store, 0, &error);
  assert_non_null (head);
  if (!attrib_receipt_verify (receipt, attrib_store_get_public_key (store), proof, head, &error))
    fail_msg ("%s", error->message);
}

static AttribStore *
open_store (Crash *c,
            guint  iteration)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = signing_key ();
  AttribStore *store = attrib_store_open (c->path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);

  if (store == NULL)
    fail_msg ("iteration %u: the store does not open after the kill: %s", iteration, error->message);
  if (!attrib_store_set_signing_key (store, key, &error))
    {
      if (!g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED))
        fail_msg ("%s", error->message);
      g_clear_error (&error);
    }
  return store;
}

/* The store after a kill, or after the parent finished an import: @start
 * events before, @acks (nullable) and @acked acknowledged since, @low to
 * @high events expected now. Keeps the head now for later iterations. */
static guint64
check_store (Crash       *c,
             guint        iteration,
             AttribStore *store,
             guint64      start,
             GArray      *acks,
             guint64      acked,
             guint64      low,
             guint64      high)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribTreeHead) now = NULL;
  AttribTreeHead *trusted = NULL;
  AttribLedger *ledger = attrib_store_get_ledger (store);
  guint64 size = attrib_store_get_size (store);
  guint i;

  if (size < start + acked)
    fail_msg ("iteration %u: an acknowledged event was lost: the store holds %" G_GUINT64_FORMAT " events, %"
              G_GUINT64_FORMAT " were there before and %" G_GUINT64_FORMAT " more acknowledged",
              iteration, size, start, acked);
  if (size < low || size > high)
    fail_msg ("iteration %u: the store holds %" G_GUINT64_FORMAT " events; the commits the child saw on the "
              "disk make %" G_GUINT64_FORMAT ", and the one it was in %" G_GUINT64_FORMAT,
              iteration, size, low, high);
  assert_int_equal (attrib_ledger_get_n_events (ledger), size);

  /* SQLite's integrity, the whole tree, and an earlier head extended */
  if (c->heads->len > 0)
    trusted = g_ptr_array_index (c->heads, g_rand_int_range (c->rand, 0, (gint32) c->heads->len));
  if (!attrib_store_verify (store, trusted, &error))
    fail_msg ("iteration %u: the store does not verify after the kill: %s", iteration, error->message);
  now = attrib_store_get_tree_head (store, 0, &error);
  assert_non_null (now);
  for (i = 0; i < c->heads->len; i++)
    {
      AttribTreeHead *earlier = g_ptr_array_index (c->heads, i);
      g_autoptr(AttribProof) proof = attrib_store_prove_consistency (store, attrib_tree_head_get_size (earlier), 0,
                                                                      &error);

      assert_non_null (proof);
      if (!attrib_proof_verify_consistency (proof, earlier, now, &error))
        fail_msg ("iteration %u: the log does not extend the head of size %" G_GUINT64_FORMAT ": %s", iteration,
                  attrib_tree_head_get_size (earlier), error->message);
    }

  /* the acknowledged events, and the heads their receipts had */
  for (i = 0; acks != NULL && i < acks->len; i++)
    {
      Ack *ack = &g_array_index (acks, Ack, i);
      g_autoptr(AttribEvent) ev = attrib_store_get_event (store, ack->position, &error);
      g_autoptr(AttribEvent) intended = make_event (ack->position);
      g_autoptr(AttribTreeHead) head = attrib_store_get_tree_head (store, ack->position + 1, &error);

      assert_non_null (ev);
      assert_string_equal (attrib_event_get_id (ev), attrib_event_get_id (intended));
      assert_non_null (head);
      if (!g_str_equal (attrib_tree_head_get_root (head), ack->root))
        fail_msg ("iteration %u: the receipt of position %" G_GUINT64_FORMAT " had the root %s, the log has %s",
                  iteration, ack->position, ack->root, attrib_tree_head_get_root (head));
    }
  check_records (c, store, size);
  if (size > 0)
    {
      check_receipt (store, size - 1);
      g_ptr_array_add (c->heads, g_steal_pointer (&now));
    }
  return size;
}

/* Finishes, in this process, an import cut short twice. */
static void
finish_import (Crash       *c,
               guint        iteration,
               AttribStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (c->pending);
  guint64 added = 0;

  if (!attrib_store_import_file (store, file, &added, &error))
    fail_msg ("iteration %u: importing %s again: %s", iteration, c->pending, error->message);
  assert_int_equal (added, c->pending_end - c->size);
  assert_int_equal (attrib_store_get_size (store), c->pending_end);
  /* once more: everything is there already */
  assert_true (attrib_store_import_file (store, file, &added, &error));
  assert_int_equal (added, 0);
  c->size = check_store (c, iteration, store, c->size, NULL, 0, c->pending_end, c->pending_end);
  c->finished_by_parent++;
}

/* Events in the first @n batches of an import of @total new events. */
static guint64
batches (guint64 total,
         guint   n)
{
  return MIN (total, (guint64) n * STORE_BATCH);
}

static guint
env_number (const char *name,
            guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

static gboolean
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return FALSE;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  return g_rmdir (dir) == 0;
}

static void
test_crash (void **state)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (PROFILE, &error);
  g_autoptr(GString) landed_text = g_string_new (NULL);
  guint kills = env_number ("ATTRIB_CRASH_KILLS", KILLS);
  guint seed = env_number ("ATTRIB_CRASH_SEED", SEED);
  gboolean verbose = env_number ("ATTRIB_CRASH_VERBOSE", 0) != 0;
  gint64 t0 = g_get_monotonic_time ();
  Crash c = { 0 };
  guint k;

  assert_non_null (profile);
  c.dir = g_dir_make_tmp ("attrib-crash-XXXXXX", &error);
  assert_non_null (c.dir);
  c.path = g_build_filename (c.dir, "project.attrib", NULL);
  c.rand = g_rand_new_with_seed (seed);
  {
    g_autoptr(AttribLedger) empty = attrib_ledger_new_full (attrib_profile_get_time_zone_identifier (profile), NULL,
                                                            &error);

    assert_non_null (empty);
    c.tz = g_time_zone_ref (attrib_ledger_get_time_zone (empty));
  }
  c.records = g_ptr_array_new_with_free_func (g_free);
  c.heads = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_tree_head_unref);
  print_message ("store-crash: seed %u, %u kills, store %s\n", seed, kills, c.path);

  for (k = 0; k < kills; k++)
    {
      g_autoptr(AttribStore) store = NULL;
      g_autofree char *file = NULL;
      Said said = { 0 };
      guint64 start = c.size, end, acked = 0, low, high, size;
      gint64 t0_k = g_get_monotonic_time (), t1, t2;
      gboolean large = k + LARGE_TAIL >= kills;
      char imported_text[64] = "";
      Landed landed;
      Mode mode;

      said.acks = g_array_new (FALSE, FALSE, sizeof (Ack));
      if (c.pending != NULL)
        {
          mode = MODE_REIMPORT;
          end = c.pending_end;
          c.n_reimport++;
          run_child (&c, mode, c.pending, FALSE,
                     (guint) (c.pending_end - c.pending_start) * IMPORT_SLEEP_PER_EVENT_US + 5000, &said);
        }
      else if (large || (k > 0 && g_rand_int_range (c.rand, 0, IMPORT_EVERY) == 0))
        {
          guint n = large ? IMPORT_LARGE : (guint) g_rand_int_range (c.rand, IMPORT_MIN, IMPORT_MAX + 1);

          mode = MODE_IMPORT;
          end = start + n;
          file = write_import_file (&c, start, end);
          c.n_import++;
          run_child (&c, mode, file, large, large ? LARGE_SLEEP_US : n * IMPORT_SLEEP_PER_EVENT_US + 5000, &said);
        }
      else
        {
          mode = MODE_APPEND;
          end = start + APPEND_CAP;
          c.n_append++;
          run_child (&c, mode, "-", FALSE, APPEND_SLEEP_US, &said);
        }

      /* what the child acknowledged, and what its commits on the disk
       * make: one event each for appends, a batch each for an import;
       * the commit it was in may have made it */
      assert_true (said.commits <= said.commits_begun && said.commits_begun <= said.commits + 1);
      if (mode == MODE_APPEND)
        {
          guint i;

          for (i = 0; i < said.acks->len; i++)
            assert_int_equal (g_array_index (said.acks, Ack, i).position, start + i);
          acked = said.acks->len;
          assert_true (acked <= said.commits && said.commits <= said.begun && said.begun <= acked + 1);
          low = start + said.commits;
          high = start + said.commits_begun;
        }
      else
        {
          if (said.imported)
            {
              assert_int_equal (said.added, end - start);
              assert_int_equal (said.size_after, end);
              acked = said.added;
            }
          low = start + batches (end - start, said.commits);
          high = start + batches (end - start, said.commits_begun);
        }

      t1 = g_get_monotonic_time ();
      store = open_store (&c, k);
      t2 = g_get_monotonic_time ();
      size = check_store (&c, k, store, start, said.acks, acked, low, high);

      /* where the kill landed */
      if (said.done || said.imported)
        landed = LANDED_DONE;
      else if (said.checkpoints_begun > said.checkpoints)
        landed = LANDED_CHECKPOINT;
      else if (said.commits_begun > said.commits)
        landed = size > low ? LANDED_COMMIT_KEPT : LANDED_COMMIT_LOST;
      else if (mode == MODE_APPEND)
        landed = said.begun > said.commits ? LANDED_BEFORE_COMMIT
               : said.commits > acked ? LANDED_AFTER_COMMIT
               : LANDED_BETWEEN_APPENDS;
      else
        landed = size == end ? LANDED_AFTER_COMMIT : LANDED_BEFORE_COMMIT;
      c.landed[landed]++;
      if (size > start + acked)
        c.unacked++;
      if (mode != MODE_APPEND && size > start && size < end)
        c.cut_between_batches++;
      if (said.imported)
        g_snprintf (imported_text, sizeof imported_text, " (the import took %.1f ms)", said.import_us / 1e3);
      if (verbose)
        print_message ("%3u %-6s start %6" G_GUINT64_FORMAT " acked %5" G_GUINT64_FORMAT " size %6" G_GUINT64_FORMAT
                       " kill at %5.1f ms: %-32s child %.3f s, open %.3f s, check %.3f s%s\n", k,
                       mode == MODE_APPEND ? "append" : mode == MODE_IMPORT ? "import" : "again", start, acked, size,
                       said.slept_us / 1e3, landed_names[landed], (t1 - t0_k) / 1e6, (t2 - t1) / 1e6,
                       (g_get_monotonic_time () - t2) / 1e6, imported_text);
      c.size = size;

      if (mode == MODE_IMPORT && size < end)
        {
          c.pending = g_steal_pointer (&file);
          c.pending_start = start;
          c.pending_end = end;
        }
      else if (mode == MODE_REIMPORT)
        {
          if (size < end)
            finish_import (&c, k, store);
          g_clear_pointer (&c.pending, g_free);
        }
      g_array_unref (said.acks);
    }

  /* an import the last kill cut short */
  if (c.pending != NULL)
    {
      g_autoptr(AttribStore) store = open_store (&c, k);

      finish_import (&c, k, store);
      g_clear_pointer (&c.pending, g_free);
    }

  for (k = 0; k < N_LANDED; k++)
    g_string_append_printf (landed_text, "%s%s %u", k > 0 ? ", " : "", landed_names[k], c.landed[k]);
  print_message ("store-crash: %u kills (%u appending, %u importing, %u importing again), every check passed\n"
                 "store-crash: landed: %s\n"
                 "store-crash: %u landed mid-commit (size > acknowledged), %u imports cut between batches, "
                 "%u finished by the parent; final size %" G_GUINT64_FORMAT " events, %u tree heads held; %.1f s\n",
                 kills, c.n_append, c.n_import, c.n_reimport, landed_text->str, c.unacked, c.cut_between_batches,
                 c.finished_by_parent, c.size, c.heads->len, (g_get_monotonic_time () - t0) / 1e6);
  assert_true (c.size > 0);

  g_free (c.pending);
  g_ptr_array_unref (c.heads);
  g_ptr_array_unref (c.records);
  g_time_zone_unref (c.tz);
  g_rand_free (c.rand);
  assert_true (remove_tree (c.dir));
  g_free (c.path);
  g_free (c.dir);
}

int
main (int    argc,
      char **argv)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_crash),
  };

  if (argc > 1 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);
  self_fd = open ("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (self_fd < 0)
    {
      perror ("test-store-crash: /proc/self/exe");
      return 1;
    }
  signal (SIGPIPE, SIG_IGN);
  return cmocka_run_group_tests (tests, NULL, NULL);
}
