/* attrib-store.c: a project's durable record, one SQLite file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The file holds the profile, the plans, the append-only event log with
 * the Merkle tree over it, and the closed settlement periods
 * (docs/live.md, "The store"). The log is the truth: opening a store reads
 * it back into a live ledger. Every write is one SQLite transaction in WAL
 * mode with synchronous=FULL, so that a write acknowledged has reached the
 * disk and a write cut short leaves nothing.
 *
 * The tree: a leaf per event (attrib-receipt-private.h says what it
 * hashes) kept beside the event in `log`, and the root of every perfect
 * subtree of two leaves or more in `nodes` (id = level << 56 | index);
 * appending an event writes the subtrees it completes, one on average.
 * Proofs and heads of any size read O(log² n) of them.
 */

/* renameat2 (RENAME_NOREPLACE) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "attrib-async-private.h"
#include "attrib-engine-private.h"
#include "attrib-event-private.h"
#include "attrib-event-record-private.h"
#include "attrib-ledger-private.h"
#include "attrib-loader-private.h"
#include "attrib-receipt-private.h"
#include "attrib-sha256-private.h"
#include "attrib-settle-private.h"
#include "attrib-store-private.h"
#include "attrib-util-private.h"

#define STORE_APPLICATION_ID 0x61747472   /* "attr" */

/* a store is made by attrib_store_create() or attrib_store_open(), never
 * by g_object_new() alone (which GObject cannot forbid) */
#define STORE_IS_OPEN(self) (ATTRIB_IS_STORE (self) && (self)->ledger != NULL)
#define STORE_FORMAT 1
#define IMPORT_BATCH 8192

typedef struct
{
  guint level;
  AttribMerkleHash hash;
} Peak;

struct _AttribStore
{
  GObject parent_instance;

  GMutex mutex;              /* serialises every call */
  char *path;
  char *display;             /* the path as UTF-8, for messages */
  gboolean loading;          /* a missing table is damage, not a bug */
  gboolean has_file;         /* registered in open_files */
  dev_t dev;
  ino_t ino;
  sqlite3 *db;
  gboolean read_only;
  gboolean broken;           /* a commit failed with its outcome unknown */

  AttribProfile *profile;
  AttribLedger *ledger;
  AttribEngine *engine;
  AttribCalculator *calculator;
  GBytes *phone_key;
  gboolean phones_hashed;

  gboolean can_sign;
  guint8 secret[ATTRIB_ED25519_KEY_SIZE];
  guint8 public_key[ATTRIB_ED25519_KEY_SIZE];
  char *public_key_hex;      /* as the store records it, or NULL */

  guint8 log_id[ATTRIB_LOG_ID_SIZE];
  guint64 size;
  GArray *peaks;             /* Peak: the perfect subtrees of the log, largest first */
  gint64 last_appended;

  char *closed;              /* the last closed period, or NULL */
  AttribTime closed_end;     /* the first instant after it */

  sqlite3_stmt *insert_log;
  sqlite3_stmt *insert_node;
  sqlite3_stmt *select_leaf;
  sqlite3_stmt *select_node;
};

G_DEFINE_FINAL_TYPE (AttribStore, attrib_store, G_TYPE_OBJECT)

/**
 * AttribStore:
 *
 * A project's system of record: one SQLite file holding its profile, its
 * commission plans, the append-only log of its events and its closed
 * settlement periods ([The live desk](live.html), "The store").
 *
 * Opening a store reads the log back into a live [class@Attrib.Ledger]
 * ([method@Attrib.Store.get_ledger]) that the sales desk reads from other
 * threads while events are appended. [method@Attrib.Store.append] adds an
 * event and returns once it is on the disk, with a [struct@Attrib.Receipt]:
 * the event's position, the time, for a report the decision, and the
 * log's Merkle tree head after it, signed with the project's Ed25519 key
 * if the store has one ([method@Attrib.Store.set_signing_key]). Proofs
 * show an event is in the log, or a later log extends an earlier one,
 * the way Certificate Transparency does (RFC 9162).
 *
 * One process writes a store at a time; others may open it read-only.
 * The calls of one store are serialised: a store may be used from several
 * threads.
 *
 * Since: 0.2
 */

/* ---- errors ---- */

static gboolean
store_fail (AttribStore *self,
            int          code,
            GError     **error,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static gboolean
store_fail (AttribStore *self,
            int          code,
            GError     **error,
            const char  *format,
            ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATTRIB_ERROR, code, "%s: %s", self->display, what);
  return FALSE;
}

/* An SQLite failure as an error naming the file and the problem. */
static gboolean
db_fail (AttribStore *self,
         int          rc,
         const char  *doing,
         GError     **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      return store_fail (self, ATTRIB_ERROR_NOT_A_STORE, error, _("not a libattrib store (%s)"), detail);
    case SQLITE_CORRUPT:
      return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store is damaged (%s, %s)"), detail, doing);
    case SQLITE_FULL:
      return store_fail (self, ATTRIB_ERROR_NO_SPACE, error,
                         _("the disk is full (%s, %s); nothing of this write was kept"), detail, doing);
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("cannot write the store (%s, %s)"), detail, doing);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return store_fail (self, ATTRIB_ERROR_BUSY, error, _("the store is locked by another process (%s, %s)"),
                         detail, doing);
    case SQLITE_ERROR:
      if (self->loading)   /* a table or a column missing */
        return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store is damaged (%s, %s)"), detail, doing);
      return store_fail (self, ATTRIB_ERROR_FAILED, error, _("%s (%s)"), detail, doing);
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return store_fail (self, ATTRIB_ERROR_IO, error, _("input/output error (%s, %s)"), detail, doing);
    default:
      return store_fail (self, ATTRIB_ERROR_FAILED, error, _("%s (%s)"), detail, doing);
    }
}

static gboolean
db_exec (AttribStore *self,
         const char  *sql,
         const char  *doing,
         GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || db_fail (self, rc, doing, error);
}

static gboolean
db_prepare (AttribStore   *self,
            const char    *sql,
            sqlite3_stmt **out,
            GError       **error)
{
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);

  return rc == SQLITE_OK || db_fail (self, rc, _("reading the store's tables"), error);
}

/* One integer a PRAGMA or query gives, or FALSE. */
static gboolean
db_int (AttribStore *self,
        const char  *sql,
        gint64      *out,
        GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      *out = 0;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK || db_fail (self, rc, _("reading the store's header"), error);
}

/* ---- the object ---- */

static void release_file (AttribStore *self);

static void
attrib_store_finalize (GObject *object)
{
  AttribStore *self = ATTRIB_STORE (object);

  sqlite3_finalize (self->insert_log);
  sqlite3_finalize (self->insert_node);
  sqlite3_finalize (self->select_leaf);
  sqlite3_finalize (self->select_node);
  if (self->db != NULL)
    sqlite3_close (self->db);
  /* only now: closing a descriptor of the file drops the process's POSIX
   * locks on it, SQLite's own among them */
  release_file (self);
  memset (self->secret, 0, sizeof self->secret);
  g_clear_object (&self->calculator);
  g_clear_object (&self->engine);
  g_clear_object (&self->ledger);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->phone_key, g_bytes_unref);
  g_clear_pointer (&self->peaks, g_array_unref);
  g_free (self->public_key_hex);
  g_free (self->closed);
  g_free (self->path);
  g_free (self->display);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (attrib_store_parent_class)->finalize (object);
}

static void
attrib_store_class_init (AttribStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attrib_store_finalize;
}

static void
attrib_store_init (AttribStore *self)
{
  g_mutex_init (&self->mutex);
  self->peaks = g_array_new (FALSE, FALSE, sizeof (Peak));
  self->closed_end = ATTRIB_TIME_MIN;
}

/* ---- the tree ---- */

/* Bytes no one can guess: salts and the log's id. */
static gboolean
random_bytes (guint8  *out,
              gsize    length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (out + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }
  return TRUE;
}

/* The columns of a log row as row_leaf() reads them. */
#define LOG_COLUMNS "position, appended, salt, record, leaf, accepted, reason, holder, until"

/* The leaf a row's salt, time, record and decision make; FALSE for a row
 * without a salt or a record. */
static gboolean
row_leaf (sqlite3_stmt     *stmt,
          AttribMerkleHash  out)
{
  const char *record = (const char *) sqlite3_column_text (stmt, 3);
  int length = sqlite3_column_bytes (stmt, 3);
  const void *salt = sqlite3_column_blob (stmt, 2);
  g_autofree char *decision = NULL;

  if (record == NULL || salt == NULL || sqlite3_column_bytes (stmt, 2) != ATTRIB_SALT_SIZE)
    return FALSE;
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    decision = _attrib_decision_text (sqlite3_column_int (stmt, 5) != 0,
                                      (const char *) sqlite3_column_text (stmt, 6),
                                      (const char *) sqlite3_column_text (stmt, 7),
                                      sqlite3_column_type (stmt, 8) == SQLITE_NULL ? ATTRIB_TIME_MAX
                                                                                  : sqlite3_column_int64 (stmt, 8));
  _attrib_store_leaf_hash (salt, sqlite3_column_int64 (stmt, 1), record, length, decision, out);
  return TRUE;
}

static gint64
node_id (guint   level,
         guint64 index)
{
  return (gint64) ((guint64) level << 56 | index);
}

static gboolean
store_node (gpointer          user_data,
            guint             level,
            guint64           index,
            AttribMerkleHash  out,
            GError          **error)
{
  AttribStore *self = user_data;
  sqlite3_stmt *stmt = level == 0 ? self->select_leaf : self->select_node;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, level == 0 ? (gint64) index : node_id (level, index));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == ATTRIB_MERKLE_HASH_SIZE)
    {
      memcpy (out, sqlite3_column_blob (stmt, 0), ATTRIB_MERKLE_HASH_SIZE);
      sqlite3_reset (stmt);
      return TRUE;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return store_fail (self, ATTRIB_ERROR_CORRUPT, error,
                       _("the log's tree is incomplete: no hash of the %" PRIu64 " events from position %"
                         PRIu64),
                       G_GUINT64_CONSTANT (1) << level, index << level);
  return db_fail (self, rc, _("reading the log's tree"), error);
}

static void
peaks_root (GArray           *peaks,
            AttribMerkleHash  out)
{
  guint i;

  if (peaks->len == 0)
    {
      AttribSha256 sha;

      _attrib_sha256_init (&sha);
      _attrib_sha256_digest (&sha, out);
      return;
    }
  memcpy (out, g_array_index (peaks, Peak, peaks->len - 1).hash, ATTRIB_MERKLE_HASH_SIZE);
  for (i = peaks->len - 1; i > 0; i--)
    _attrib_merkle_node_hash (g_array_index (peaks, Peak, i - 1).hash, out, out);
}

/* A perfect subtree a new leaf completed. */
typedef struct
{
  guint level;
  guint64 index;
  AttribMerkleHash hash;
} Subtree;

/* Adds the leaf at @index to @peaks, merging the peaks it completes (one
 * per trailing one bit of @index): those subtrees go to @completed, and
 * their number is returned. What appending writes and verifying checks. */
static guint
peaks_add (GArray                 *peaks,
           guint64                 index,
           const AttribMerkleHash  leaf,
           Subtree                 completed[64])
{
  Peak p;
  guint n = 0;

  p.level = 0;
  memcpy (p.hash, leaf, sizeof p.hash);
  while (peaks->len > 0 && g_array_index (peaks, Peak, peaks->len - 1).level == p.level)
    {
      _attrib_merkle_node_hash (g_array_index (peaks, Peak, peaks->len - 1).hash, p.hash, p.hash);
      g_array_set_size (peaks, peaks->len - 1);
      p.level++;
      index >>= 1;
      completed[n].level = p.level;
      completed[n].index = index;
      memcpy (completed[n].hash, p.hash, sizeof p.hash);
      n++;
    }
  g_array_append_val (peaks, p);
  return n;
}

/* Adds a leaf at self->size, writing the perfect subtrees it completes. */
static int
push_leaf (AttribStore            *self,
           const AttribMerkleHash  leaf)
{
  Subtree completed[64];
  guint i, n = peaks_add (self->peaks, self->size, leaf, completed);
  int rc;

  for (i = 0; i < n; i++)
    {
      sqlite3_reset (self->insert_node);
      sqlite3_bind_int64 (self->insert_node, 1, node_id (completed[i].level, completed[i].index));
      sqlite3_bind_blob (self->insert_node, 2, completed[i].hash, ATTRIB_MERKLE_HASH_SIZE, SQLITE_STATIC);
      rc = sqlite3_step (self->insert_node);
      sqlite3_reset (self->insert_node);
      if (rc != SQLITE_DONE)
        return rc;
    }
  self->size++;
  return SQLITE_DONE;
}

/* The peaks of a log of @size from the stored subtrees. */
static gboolean
load_peaks (AttribStore *self,
            GError     **error)
{
  guint64 start = 0;
  int level;

  g_array_set_size (self->peaks, 0);
  for (level = 63; level >= 0; level--)
    if (self->size & (G_GUINT64_CONSTANT (1) << level))
      {
        Peak p;

        p.level = level;
        if (!store_node (self, level, start >> level, p.hash, error))
          return FALSE;
        g_array_append_val (self->peaks, p);
        start += G_GUINT64_CONSTANT (1) << level;
      }
  return TRUE;
}

static gboolean
tree_root (AttribStore      *self,
           guint64           size,
           AttribMerkleHash  out,
           GError          **error)
{
  if (size == self->size)
    {
      peaks_root (self->peaks, out);
      return TRUE;
    }
  return _attrib_merkle_range_hash_from (store_node, self, 0, size, out, error);
}

static gint64
appended_at (AttribStore *self,
             guint64      size)
{
  sqlite3_stmt *stmt = NULL;
  gint64 t = 0;

  if (size == 0)
    return 0;
  if (sqlite3_prepare_v2 (self->db, "SELECT appended FROM log WHERE position = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, (gint64) size - 1);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        t = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);
  return t;
}

static AttribTreeHead *
make_head (AttribStore *self,
           guint64      size,
           GError     **error)
{
  g_autoptr(AttribTreeHead) head = NULL;
  AttribMerkleHash root;

  if (!tree_root (self, size, root, error))
    return NULL;
  head = _attrib_tree_head_new (self->log_id, size, root, size == self->size ? self->last_appended : appended_at (self, size));
  if (self->can_sign && !_attrib_tree_head_sign_with (head, self->secret, self->public_key, error))
    return NULL;
  return g_steal_pointer (&head);
}

/* ---- opening ---- */

static const char schema[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);"
  "CREATE TABLE plans (position INTEGER PRIMARY KEY, plan TEXT NOT NULL);"
  "CREATE TABLE log (position INTEGER PRIMARY KEY, appended INTEGER NOT NULL, salt BLOB NOT NULL,"
  "                  record TEXT NOT NULL, leaf BLOB NOT NULL,"
  /* a report's decision when it was appended (NULL for other events and
   * for reports imported in bulk): the receipt's, whatever comes later */
  "                  accepted INTEGER, reason TEXT, holder TEXT, until INTEGER);"
  "CREATE TABLE nodes (id INTEGER PRIMARY KEY, hash BLOB NOT NULL);"
  "CREATE TABLE periods (period TEXT PRIMARY KEY NOT NULL, closed INTEGER NOT NULL,"
  "                      size INTEGER NOT NULL, root BLOB NOT NULL);"
  "CREATE TABLE statements (period TEXT NOT NULL, party TEXT NOT NULL, fingerprint TEXT NOT NULL,"
  "                         statement TEXT NOT NULL, PRIMARY KEY (period, party));"
  /* append-only against mistakes; the tree is what shows tampering */
  "CREATE TRIGGER meta_kept BEFORE UPDATE ON meta BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER meta_kept_d BEFORE DELETE ON meta BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER plans_kept BEFORE UPDATE ON plans BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER plans_kept_d BEFORE DELETE ON plans BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER log_kept BEFORE UPDATE ON log BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER log_kept_d BEFORE DELETE ON log BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER nodes_kept BEFORE UPDATE ON nodes BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER nodes_kept_d BEFORE DELETE ON nodes BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER periods_kept BEFORE UPDATE ON periods BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER periods_kept_d BEFORE DELETE ON periods BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER statements_kept BEFORE UPDATE ON statements BEGIN SELECT RAISE (ABORT, 'append-only'); END;"
  "CREATE TRIGGER statements_kept_d BEFORE DELETE ON statements BEGIN SELECT RAISE (ABORT, 'append-only'); END;";

/* Every store file this process has open, by device and inode, with the
 * one descriptor the process keeps of it. POSIX drops all of a process's
 * fcntl locks on a file when any descriptor of it is closed — SQLite's
 * own locks included, after which another process's SQLite may
 * checkpoint and delete the WAL under the writer. So no store closes a
 * descriptor of its file while another store of the process has it open:
 * the descriptor is shared and closed after the last one's SQLite
 * connection. The writer holds an flock on it (released, not closed, when
 * the writer goes). */
typedef struct
{
  dev_t dev;
  ino_t ino;
  int fd;
  guint users;
  gboolean writer;
} OpenFile;

static GMutex open_files_lock;
static GArray *open_files;   /* OpenFile */

static OpenFile *
find_open_file (dev_t dev,
                ino_t ino)
{
  guint i;

  for (i = 0; open_files != NULL && i < open_files->len; i++)
    {
      OpenFile *f = &g_array_index (open_files, OpenFile, i);

      if (f->dev == dev && f->ino == ino)
        return f;
    }
  return NULL;
}

static void
release_file (AttribStore *self)
{
  guint i;

  if (!self->has_file)
    return;
  g_mutex_lock (&open_files_lock);
  for (i = 0; i < open_files->len; i++)
    {
      OpenFile *f = &g_array_index (open_files, OpenFile, i);

      if (f->dev != self->dev || f->ino != self->ino)
        continue;
      if (!self->read_only)
        {
          flock (f->fd, LOCK_UN);
          f->writer = FALSE;
        }
      if (--f->users == 0)
        {
          close (f->fd);
          g_array_remove_index_fast (open_files, i);
        }
      break;
    }
  g_mutex_unlock (&open_files_lock);
  self->has_file = FALSE;
}

static gboolean
open_error (AttribStore *self,
            int          saved,
            gboolean     create,
            GError     **error)
{
  if (saved == EEXIST)
    return store_fail (self, ATTRIB_ERROR_FAILED, error, _("the file exists already; a store is created anew"));
  if (saved == ENOENT)
    return store_fail (self, ATTRIB_ERROR_NOT_FOUND, error, create ? _("no such directory") : _("no such store"));
  if (saved == EACCES || saved == EROFS || saved == EPERM)
    return store_fail (self, ATTRIB_ERROR_READ_ONLY, error,
                       create ? _("cannot create the file (%s)")
                              : _("cannot open the file for writing (%s); open it read-only to read it"),
                       g_strerror (saved));
  if (saved == ENOSPC)
    return store_fail (self, ATTRIB_ERROR_NO_SPACE, error, _("the disk is full"));
  return store_fail (self, ATTRIB_ERROR_IO, error, _("cannot open the file (%s)"), g_strerror (saved));
}

/* Registers the file (opening it unless this process has it open), takes
 * the writer's lock unless read-only, and checks it is an SQLite file. */
static gboolean
open_file (AttribStore *self,
           GError     **error)
{
  OpenFile *f;
  GStatBuf st;
  char header[16];
  ssize_t n;
  int fd = -1;

  if (g_stat (self->path, &st) < 0)
    return open_error (self, errno, FALSE, error);
  /* not a FIFO to wait on, nor a device or a folder */
  if (!S_ISREG (st.st_mode))
    return store_fail (self, ATTRIB_ERROR_NOT_A_STORE, error, _("not a libattrib store (not a regular file)"));
  if (!self->read_only && g_access (self->path, W_OK) < 0)
    return open_error (self, errno, FALSE, error);

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_array_new (FALSE, FALSE, sizeof (OpenFile));
  f = find_open_file (st.st_dev, st.st_ino);
  if (f == NULL)
    {
      OpenFile fresh = { st.st_dev, st.st_ino, -1, 0, FALSE };

      GStatBuf opened;

      /* not blocking: a FIFO put in the file's place since the stat
       * would otherwise hold every store's opening up */
      fresh.fd = g_open (self->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
      if (fresh.fd < 0)
        {
          int saved = errno;

          g_mutex_unlock (&open_files_lock);
          return open_error (self, saved, FALSE, error);
        }
      if (fstat (fresh.fd, &opened) < 0 || opened.st_dev != st.st_dev || opened.st_ino != st.st_ino)
        {
          /* another file than the one looked at, not open elsewhere here */
          close (fresh.fd);
          g_mutex_unlock (&open_files_lock);
          return store_fail (self, ATTRIB_ERROR_IO, error, _("the file changed while it was being opened"));
        }
      g_array_append_val (open_files, fresh);
      f = &g_array_index (open_files, OpenFile, open_files->len - 1);
    }
  if (!self->read_only)
    {
      /* another store of this process, or (the flock) of another process */
      if (f->writer || flock (f->fd, LOCK_EX | LOCK_NB) < 0)
        {
          int saved = f->writer ? EWOULDBLOCK : errno;

          if (f->users == 0)
            {
              /* no store of this process has it open: nothing to drop */
              close (f->fd);
              g_array_remove_index_fast (open_files, f - (OpenFile *) open_files->data);
            }
          g_mutex_unlock (&open_files_lock);
          if (saved == EWOULDBLOCK)
            return store_fail (self, ATTRIB_ERROR_BUSY, error,
                               _("the store is open for writing elsewhere (one writer at a time; open it read-only to read it)"));
          return store_fail (self, ATTRIB_ERROR_IO, error, _("cannot lock the file (%s)"), g_strerror (saved));
        }
      f->writer = TRUE;
    }
  f->users++;
  self->has_file = TRUE;
  self->dev = st.st_dev;
  self->ino = st.st_ino;
  fd = f->fd;
  g_mutex_unlock (&open_files_lock);

  n = pread (fd, header, sizeof header, 0);
  if (n != (ssize_t) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return store_fail (self, ATTRIB_ERROR_NOT_A_STORE, error,
                       n == 0 ? _("not a libattrib store (the file is empty)")
                              : _("not a libattrib store (not an SQLite database)"));
  return TRUE;
}

static gboolean
open_db (AttribStore *self,
         GError     **error)
{
  int flags = (self->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2 (self->path, &self->db, flags, NULL);

  if (rc != SQLITE_OK)
    return db_fail (self, rc, _("opening the store"), error);
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  /* synchronous=FULL in WAL mode: a commit returns once the WAL is
   * synced, so an acknowledged write survives a crash or power loss */
  if (!self->read_only &&
      (!db_exec (self, "PRAGMA journal_mode=WAL", _("setting up the journal"), error) ||
       !db_exec (self, "PRAGMA synchronous=FULL", _("setting up the journal"), error)))
    return FALSE;
  return db_exec (self, "PRAGMA trusted_schema=OFF", _("opening the store"), error);
}

static gboolean
prepare_statements (AttribStore *self,
                    GError     **error)
{
  return (self->read_only ||
          (db_prepare (self, "INSERT INTO log (position, appended, salt, record, leaf, accepted, reason, holder, until)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       &self->insert_log, error) &&
           db_prepare (self, "INSERT INTO nodes (id, hash) VALUES (?, ?)", &self->insert_node, error))) &&
         db_prepare (self, "SELECT leaf FROM log WHERE position = ?", &self->select_leaf, error) &&
         db_prepare (self, "SELECT hash FROM nodes WHERE id = ?", &self->select_node, error);
}

static char *
meta_get (AttribStore *self,
          const char  *key)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  return value;
}

static gboolean
meta_put (AttribStore *self,
          const char  *key,
          const char  *value,
          GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "INSERT INTO meta (key, value) VALUES (?, ?)", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || db_fail (self, rc, _("writing the store's header"), error);
}

/* An identifier of a phone key that does not reveal it. */
static char *
phone_key_id (GBytes *key)
{
  g_autoptr(GHmac) hmac = NULL;
  gsize length;
  const guint8 *data = g_bytes_get_data (key, &length);

  hmac = g_hmac_new (G_CHECKSUM_SHA256, data, length);
  g_hmac_update (hmac, (const guchar *) "attrib.phone-key-id.v1", -1);
  return g_strdup (g_hmac_get_string (hmac));
}

static gboolean
make_ledger (AttribStore *self,
             GError     **error)
{
  GError *inner = NULL;

  self->ledger = attrib_ledger_new_full (attrib_profile_get_time_zone_identifier (self->profile),
                                         self->phone_key, &inner);
  if (self->ledger == NULL)
    {
      store_fail (self, inner->code == ATTRIB_ERROR_INVALID_KEY ? ATTRIB_ERROR_INVALID_KEY : ATTRIB_ERROR_CORRUPT,
                  error, "%s", inner->message);
      g_error_free (inner);
      return FALSE;
    }
  _attrib_ledger_set_owner (self->ledger, self->display);
  self->engine = attrib_engine_new (self->profile);
  self->calculator = attrib_calculator_new (self->profile);
  return TRUE;
}

/* Whether an event holds a phone in full: neither hashed (#…) nor masked. */
static gboolean
holds_phone (AttribEvent *ev)
{
  const char *phones[3] = { ev->customer_phone, ev->counterpart_phone, ev->referred_by_phone };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (phones); i++)
    if (phones[i] != NULL && phones[i][0] != '#' && strchr (phones[i], '*') == NULL)
      return TRUE;
  for (i = 0; ev->companions != NULL && i < ev->companions->len; i++)
    {
      const char *phone = g_array_index (ev->companions, AttribEventCompanion, i).phone;

      if (phone != NULL && phone[0] != '#' && strchr (phone, '*') == NULL)
        return TRUE;
    }
  return FALSE;
}

/* Reads the header, the plans, the periods and the log back; checks
 * @cancellable and reports the events read to @progress (both may be
 * NULL) as it reads the log. */
static gboolean
load (AttribStore     *self,
      GCancellable    *cancellable,
      AttribProgress  *progress,
      GError         **error)
{
  g_autofree char *profile_text = NULL, *phones = NULL, *key_id = NULL, *public_key = NULL, *log_text = NULL;
  g_autoptr(AttribLedgerWriteLock) hold = NULL;
  GTimeZone *tz;
  sqlite3_stmt *stmt = NULL;
  GError *inner = NULL;
  gint64 app_id, version, n_log = 0;
  guint64 position = 0;
  int rc;

  if (!db_int (self, "PRAGMA application_id", &app_id, error) ||
      !db_int (self, "PRAGMA user_version", &version, error))
    return FALSE;
  if (app_id != STORE_APPLICATION_ID)
    return store_fail (self, ATTRIB_ERROR_NOT_A_STORE, error,
                       _("not a libattrib store (an SQLite database of another application)"));
  if (version > STORE_FORMAT)
    return store_fail (self, ATTRIB_ERROR_NEWER_FORMAT, error,
                       _("written by a newer libattrib (store format %" PRId64 "); this one reads format %d"),
                       version, STORE_FORMAT);
  if (version < 1)
    return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's format version is missing"));

  profile_text = meta_get (self, "profile");
  phones = meta_get (self, "phones");
  if (profile_text == NULL || phones == NULL)
    return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's header is incomplete"));
  self->profile = attrib_profile_new_from_data (profile_text, -1, "profile", &inner);
  if (self->profile == NULL)
    {
      store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's profile does not load: %s"), inner->message);
      g_error_free (inner);
      return FALSE;
    }

  if (!g_str_equal (phones, "hashed") && !g_str_equal (phones, "as given"))
    return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's header does not say how it keeps phones"));
  self->phones_hashed = g_str_equal (phones, "hashed");
  key_id = meta_get (self, "phone_key_id");
  if (self->phones_hashed)
    {
      if (self->phone_key == NULL && !self->read_only)
        return store_fail (self, ATTRIB_ERROR_INVALID_KEY, error,
                           _("the store keeps phones hashed: open it with its phone key to write it"));
      if (self->phone_key != NULL)
        {
          g_autofree char *given = phone_key_id (self->phone_key);

          if (key_id == NULL || !g_str_equal (given, key_id))
            return store_fail (self, ATTRIB_ERROR_INVALID_KEY, error,
                               _("this is not the key the store's phones were hashed with"));
        }
    }
  else if (self->phone_key != NULL)
    return store_fail (self, ATTRIB_ERROR_INVALID_KEY, error,
                       _("the store keeps phones as given; it takes no phone key"));

  log_text = meta_get (self, "log");
  if (log_text == NULL || !_attrib_hex_decode (log_text, self->log_id, sizeof self->log_id))
    return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's log id is missing or damaged"));

  public_key = meta_get (self, "public_key");
  if (public_key != NULL)
    {
      if (!_attrib_hex_decode (public_key, self->public_key, sizeof self->public_key))
        return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the store's public key is damaged"));
      self->public_key_hex = g_steal_pointer (&public_key);
    }

  if (!make_ledger (self, error))
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "SELECT plan FROM plans ORDER BY position", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autoptr(AttribCommissionPlan) plan = NULL;

      if (text == NULL)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("a plan of the store is empty"));
        }
      plan = attrib_commission_plan_new_from_data (text, -1, "plan", &inner);
      if (plan == NULL || !attrib_calculator_add_plan (self->calculator, plan, &inner))
        {
          sqlite3_finalize (stmt);
          store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("a plan of the store does not load: %s"), inner->message);
          g_error_free (inner);
          return FALSE;
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    return db_fail (self, rc, _("reading the plans"), error);

  rc = sqlite3_prepare_v2 (self->db, "SELECT period FROM periods ORDER BY period DESC LIMIT 1", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttribTime start = 0, begin;
      g_autofree char *first = NULL;

      self->closed = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      first = g_strdup_printf ("%.7s-01", self->closed != NULL ? self->closed : "");
      if (self->closed == NULL || !_attrib_settle_valid_period (self->closed) ||
          !attrib_time_parse (first, attrib_ledger_get_time_zone (self->ledger), &start, NULL))
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("a closed period is damaged"));
        }
      attrib_period_months (start, 1, attrib_ledger_get_time_zone (self->ledger), &begin, &self->closed_end);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc != SQLITE_DONE)
    return db_fail (self, rc, _("reading the closed periods"), error);

  /* the log, into the ledger */
  if (progress != NULL)
    {
      /* positions run from 0 without gaps (checked below) */
      if (!db_int (self, "SELECT COALESCE (MAX (position) + 1, 0) FROM log", &n_log, error))
        return FALSE;
      _attrib_progress_report (progress, 0, (guint64) MAX (n_log, 0));
    }
  tz = attrib_ledger_get_time_zone (self->ledger);
  hold = _attrib_ledger_write_lock (self->ledger);
  rc = sqlite3_prepare_v2 (self->db, "SELECT " LOG_COLUMNS " FROM log ORDER BY position", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(AttribEvent) ev = NULL;
      AttribMerkleHash leaf;
      gboolean whole = row_leaf (stmt, leaf);
      const char *record = (const char *) sqlite3_column_text (stmt, 3);
      int length = sqlite3_column_bytes (stmt, 3);
      gint64 appended = sqlite3_column_int64 (stmt, 1);
      g_autofree char *where = NULL;

      if ((guint64) sqlite3_column_int64 (stmt, 0) != position || !whole)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_CORRUPT, error,
                             _("the log has no event at position %" PRIu64), position);
        }
      if (sqlite3_column_bytes (stmt, 4) != ATTRIB_MERKLE_HASH_SIZE ||
          memcmp (sqlite3_column_blob (stmt, 4), leaf, sizeof leaf) != 0)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_CORRUPT, error,
                             _("the event at position %" PRIu64 " does not match its leaf hash: "
                               "the log was altered"), position);
        }
      where = g_strdup_printf (_("%s: the event at position %" PRIu64), self->display, position);
      ev = _attrib_event_new_from_record (record, length, tz, where, &inner);
      if (ev == NULL || !_attrib_ledger_add_event_full (self->ledger, ev, NULL, NULL, &inner))
        {
          sqlite3_finalize (stmt);
          /* the record's own messages say where; the event's say what */
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_CORRUPT, ev == NULL ? "%s" : "%s: %s",
                       ev == NULL ? inner->message : where, inner->message);
          g_error_free (inner);
          return FALSE;
        }
      /* a store of hashed phones holds no phone, with its key or without */
      if (self->phones_hashed && holds_phone (ev))
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_CORRUPT, error,
                             _("the event at position %" PRIu64 " is not as a store of hashed phones keeps it"),
                             position);
        }
      self->last_appended = appended;
      position++;
      rc = SQLITE_OK;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (position % ATTRIB_PROGRESS_EVERY == 0)
        _attrib_progress_report (progress, position, (guint64) MAX (n_log, 0));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (self, rc, _("reading the log"), error);
  self->size = position;
  _attrib_progress_report (progress, position, position);
  return TRUE;
}

/* A file and the journals SQLite keeps beside it, gone. */
static void
remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/**
 * attrib_store_create:
 * @path: (type filename): where to create the store; the file must not exist
 * @profile: the project's regulation
 * @phone_key: (nullable): a secret key of at least 16 bytes to keep
 *   customers' phones only as keyed hashes (see
 *   [ctor@Attrib.Ledger.new_full]), or %NULL to keep them as given
 * @error: return location for a #GError
 *
 * Creates a store for a project: an SQLite file holding @profile, and
 * whether phones are kept hashed (a store of hashed phones says so in
 * its header and is written only with the same key). The store is open
 * for writing; its log is empty.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
AttribStore *
attrib_store_create (const char     *path,
                     AttribProfile  *profile,
                     GBytes         *phone_key,
                     GError        **error)
{
  g_autoptr(AttribStore) self = NULL;
  g_autofree char *profile_text = NULL, *created = NULL, *key_id = NULL;
  g_autofree char *application = NULL, *temporary = NULL, *log_hex = NULL;
  guint8 log_id[ATTRIB_LOG_ID_SIZE];
  gboolean ok;
  int fd, rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (ATTRIB_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* made under a name of its own and put in place whole, once written:
   * a creation cut short leaves no half-made store at @path */
  self = g_object_new (ATTRIB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);
  if (phone_key != NULL && !_attrib_phone_key_check (phone_key, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      store_fail (self, ATTRIB_ERROR_FAILED, error, _("the file exists already; a store is created anew"));
      return NULL;
    }
  if (!random_bytes (log_id, sizeof log_id))
    {
      store_fail (self, ATTRIB_ERROR_IO, error, _("no random bytes for the log's id"));
      return NULL;
    }
  log_hex = _attrib_hex_encode (log_id, sizeof log_id);
  temporary = g_strdup_printf ("%s.creating-XXXXXX", path);
  /* readable by its owner alone: it holds customers' names and phones
   * (SQLite gives its journals the same mode) */
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      open_error (self, errno, TRUE, error);
      return NULL;
    }
  close (fd);   /* a new file nobody has open */

  profile_text = attrib_profile_to_json (profile);
  created = g_strdup_printf ("%" PRId64, g_get_real_time ());
  application = g_strdup_printf ("PRAGMA application_id=%d; PRAGMA user_version=%d;",
                                 STORE_APPLICATION_ID, STORE_FORMAT);
  if (phone_key != NULL)
    key_id = phone_key_id (phone_key);
  rc = sqlite3_open_v2 (temporary, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  /* a rollback journal here, synced: the file is whole when closed (the
   * store turns to WAL when it is first opened) */
  ok = (rc == SQLITE_OK || db_fail (self, rc, _("creating the store"), error)) &&
       db_exec (self, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL", _("creating the store"), error) &&
       db_exec (self, "BEGIN IMMEDIATE", _("creating the store"), error) &&
       db_exec (self, schema, _("creating the store"), error) &&
       db_exec (self, application, _("creating the store"), error) &&
       meta_put (self, "format", "1", error) &&
       meta_put (self, "log", log_hex, error) &&
       meta_put (self, "created", created, error) &&
       meta_put (self, "profile", profile_text, error) &&
       meta_put (self, "phones", phone_key != NULL ? "hashed" : "as given", error) &&
       (key_id == NULL || meta_put (self, "phone_key_id", key_id, error)) &&
       db_exec (self, "COMMIT", _("creating the store"), error);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK && ok)
    ok = store_fail (self, ATTRIB_ERROR_IO, error, _("cannot close the new store"));
  self->db = NULL;
  if (ok && link (temporary, path) < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        ok = store_fail (self, ATTRIB_ERROR_FAILED, error, _("the file exists already; a store is created anew"));
      else if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP || saved == ENOSYS)
        {
          /* a file system without hard links: renamed, never over a file */
          if (renameat2 (AT_FDCWD, temporary, AT_FDCWD, path, RENAME_NOREPLACE) < 0)
            ok = errno == EEXIST ? store_fail (self, ATTRIB_ERROR_FAILED, error,
                                               _("the file exists already; a store is created anew"))
                                 : open_error (self, errno, TRUE, error);
        }
      else
        ok = open_error (self, saved, TRUE, error);
    }
  remove_files (temporary);
  if (ok)
    {
      /* the new name on the disk too */
      g_autofree char *dir = g_path_get_dirname (path);
      int dir_fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

      if (dir_fd >= 0)
        {
          fsync (dir_fd);
          close (dir_fd);
        }
    }
  if (!ok)
    return NULL;
  g_clear_object (&self);
  return attrib_store_open (path, ATTRIB_STORE_FLAGS_NONE, phone_key, error);
}

/* attrib_store_open(), and the thread of attrib_store_open_async() */
static AttribStore *
store_open (const char        *path,
            AttribStoreFlags   flags,
            GBytes            *phone_key,
            GCancellable      *cancellable,
            AttribProgress    *progress,
            GError           **error)
{
  g_autoptr(AttribStore) self = NULL;

  self = g_object_new (ATTRIB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->display = g_filename_display_name (path);
  self->read_only = (flags & ATTRIB_STORE_FLAGS_READ_ONLY) != 0;
  if (phone_key != NULL)
    {
      if (!_attrib_phone_key_check (phone_key, error))
        return NULL;
      self->phone_key = g_bytes_ref (phone_key);
    }
  self->loading = TRUE;
  if (!open_file (self, error) || !open_db (self, error) || !load (self, cancellable, progress, error) ||
      !prepare_statements (self, error) || !load_peaks (self, error))
    return NULL;
  self->loading = FALSE;
  return g_steal_pointer (&self);
}

/**
 * attrib_store_open:
 * @path: (type filename): the store's file
 * @flags: how to open it
 * @phone_key: (nullable): the key the store's phones are hashed with;
 *   needed to write a store of hashed phones, and refused by a store of
 *   phones as given
 * @error: return location for a #GError
 *
 * Opens a store and reads its log back into a live ledger. Opened for
 * writing, the store is locked against a second writer until it is
 * finalised.
 *
 * Errors name the file and the problem: %ATTRIB_ERROR_NOT_FOUND (no such
 * file), %ATTRIB_ERROR_NOT_A_STORE, %ATTRIB_ERROR_CORRUPT,
 * %ATTRIB_ERROR_NEWER_FORMAT, %ATTRIB_ERROR_BUSY (another writer),
 * %ATTRIB_ERROR_READ_ONLY (a file that cannot be written, opened for
 * writing), %ATTRIB_ERROR_INVALID_KEY (a missing or wrong phone key).
 *
 * [func@Attrib.Store.open_async] opens a store in a worker thread, with
 * progress.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
AttribStore *
attrib_store_open (const char        *path,
                   AttribStoreFlags   flags,
                   GBytes            *phone_key,
                   GError           **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open (path, flags, phone_key, NULL, NULL, error);
}

typedef struct
{
  char *path;
  AttribStoreFlags flags;
  GBytes *phone_key;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->phone_key, g_bytes_unref);
  g_free (job);
}

static gpointer
open_work (gpointer         source_object,
           gpointer         data,
           AttribProgress  *progress,
           GCancellable    *cancellable,
           GError         **error)
{
  OpenJob *job = data;

  return store_open (job->path, job->flags, job->phone_key, cancellable, progress, error);
}

/**
 * attrib_store_open_async:
 * @path: (type filename): the store's file
 * @flags: how to open it
 * @phone_key: (nullable): the key the store's phones are hashed with, as
 *   for [func@Attrib.Store.open]
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_destroy): called with the events of the log read
 *   back and the number of events in the log
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data once @progress is
 *   called no more
 * @callback: (scope async) (closure user_data): called when the store is
 *   open, or could not be opened
 * @user_data: data for @callback
 *
 * Opens a store as [func@Attrib.Store.open] does, in a worker thread —
 * reading a log of millions of events back takes seconds — and calls
 * @callback in the thread-default main context of the caller; get the
 * store with [func@Attrib.Store.open_finish].
 *
 * Nobody else sees the store before it is returned: its SQLite
 * connection is used by the worker thread alone until then. Opened for
 * writing, the file is locked against a second writer from the start, as
 * open() locks it. Cancelling @cancellable stops reading the log before
 * its next event; the file is then closed (its lock released) and the
 * operation fails with %G_IO_ERROR_CANCELLED.
 */
void
attrib_store_open_async (const char          *path,
                         AttribStoreFlags     flags,
                         GBytes              *phone_key,
                         GCancellable        *cancellable,
                         AttribProgressFunc   progress,
                         gpointer             progress_data,
                         GDestroyNotify       progress_destroy,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  OpenJob *job;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (OpenJob, 1);
  job->path = g_strdup (path);
  job->flags = flags;
  job->phone_key = phone_key != NULL ? g_bytes_ref (phone_key) : NULL;
  _attrib_async_start (NULL, cancellable, attrib_store_open_async, open_work, job, open_job_free, g_object_unref,
                       progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * attrib_store_open_finish:
 * @result: the #GAsyncResult given to the callback of
 *   [func@Attrib.Store.open_async]
 * @error: return location for a #GError
 *
 * Finishes [func@Attrib.Store.open_async].
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   as [func@Attrib.Store.open] sets it (or %G_IO_ERROR_CANCELLED)
 */
AttribStore *
attrib_store_open_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _attrib_async_finish (NULL, result, attrib_store_open_async, NULL, error);
}

/* ---- accessors ---- */

/**
 * attrib_store_get_path:
 * @self: a store
 *
 * The store's file.
 *
 * Returns: (type filename): the path
 */
const char *
attrib_store_get_path (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  return self->path;
}

/**
 * attrib_store_get_profile:
 * @self: a store
 *
 * The project's regulation, as the store holds it.
 *
 * Returns: (transfer none): the profile
 */
AttribProfile *
attrib_store_get_profile (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  return self->profile;
}

/**
 * attrib_store_get_ledger:
 * @self: a store
 *
 * The live ledger of the store's events: read it from any thread (the
 * desk's checks, attribution, an [class@Attrib.Watch]); events are added
 * only through [method@Attrib.Store.append] and
 * [method@Attrib.Store.import_file] — the ledger refuses any other
 * writer, and must not be frozen.
 *
 * Returns: (transfer none): the ledger
 */
AttribLedger *
attrib_store_get_ledger (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  return self->ledger;
}

/**
 * attrib_store_get_engine:
 * @self: a store
 *
 * An engine of the store's profile.
 *
 * Returns: (transfer none): the engine
 */
AttribEngine *
attrib_store_get_engine (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  return self->engine;
}

/**
 * attrib_store_get_calculator:
 * @self: a store
 *
 * A calculator of the store's profile with the store's plans. Add plans
 * with [method@Attrib.Store.add_plan], not to the calculator, so that the
 * store keeps them.
 *
 * Returns: (transfer none): the calculator
 */
AttribCalculator *
attrib_store_get_calculator (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  return self->calculator;
}

/**
 * attrib_store_get_size:
 * @self: a store
 *
 * The number of events in the log.
 *
 * Returns: the log's size
 */
guint64
attrib_store_get_size (AttribStore *self)
{
  guint64 size;

  g_return_val_if_fail (STORE_IS_OPEN (self), 0);
  g_mutex_lock (&self->mutex);
  size = self->size;
  g_mutex_unlock (&self->mutex);
  return size;
}

/**
 * attrib_store_get_phones_hashed:
 * @self: a store
 *
 * Whether the store keeps customers' phones only as keyed hashes, as its
 * header says.
 *
 * Returns: %TRUE for hashed phones
 */
gboolean
attrib_store_get_phones_hashed (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), FALSE);
  return self->phones_hashed;
}

/**
 * attrib_store_set_signing_key:
 * @self: a store open for writing
 * @secret: the project's Ed25519 secret key, 32 bytes
 * @error: return location for a #GError
 *
 * Signs receipts and tree heads from now on with @secret. The first key
 * set is recorded (its public half) in the store; later openings must set
 * the same key, so that every signature of a store is under one key.
 *
 * Returns: %TRUE, or %FALSE with @error set (%ATTRIB_ERROR_INVALID_KEY: not
 *   32 bytes, or not the store's key; %ATTRIB_ERROR_FAILED: libattrib was
 *   built without Nettle's Ed25519)
 */
gboolean
attrib_store_set_signing_key (AttribStore  *self,
                              GBytes       *secret,
                              GError      **error)
{
  guint8 public_key[ATTRIB_ED25519_KEY_SIZE];
  g_autofree char *hex = NULL;
  gsize length;
  const guint8 *data;
  gboolean ok = TRUE;

  g_return_val_if_fail (STORE_IS_OPEN (self), FALSE);
  g_return_val_if_fail (secret != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (secret, &length);
  if (length != ATTRIB_ED25519_KEY_SIZE)
    return store_fail (self, ATTRIB_ERROR_INVALID_KEY, error,
                       _("an Ed25519 secret key is 32 bytes, this one %zu"), length);
  if (!_attrib_ed25519_public_key (data, public_key, error))
    return FALSE;
  hex = _attrib_hex_encode (public_key, sizeof public_key);

  g_mutex_lock (&self->mutex);
  if (self->public_key_hex != NULL && !g_str_equal (self->public_key_hex, hex))
    ok = store_fail (self, ATTRIB_ERROR_INVALID_KEY, error, _("the store is signed with the key %s, not %s"),
                     self->public_key_hex, hex);
  else if (self->public_key_hex == NULL)
    {
      if (self->read_only)
        ok = store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("opened read-only: cannot record a signing key"));
      else
        ok = meta_put (self, "public_key", hex, error);
      if (ok)
        g_atomic_pointer_set (&self->public_key_hex, g_strdup (hex));
    }
  if (ok)
    {
      memcpy (self->secret, data, sizeof self->secret);
      memcpy (self->public_key, public_key, sizeof self->public_key);
      self->can_sign = TRUE;
    }
  g_mutex_unlock (&self->mutex);
  return ok;
}

/**
 * attrib_store_get_public_key:
 * @self: a store
 *
 * The public half of the store's signing key, as 64 hexadecimal digits:
 * what a channel checks receipts and heads against. %NULL if the store
 * has never been given one.
 *
 * Returns: (nullable): the public key
 */
const char *
attrib_store_get_public_key (AttribStore *self)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  /* set once, by set_signing_key under the mutex, and kept */
  return g_atomic_pointer_get (&self->public_key_hex);
}

/**
 * attrib_store_add_plan:
 * @self: a store open for writing
 * @plan: a commission plan of the project
 * @error: return location for a #GError
 *
 * Records a commission plan in the store and adds it to the store's
 * calculator, once the calculator would take it. Plans are added before
 * the first period is closed: once one is, a plan is refused
 * (%ATTRIB_ERROR_CLOSED_PERIOD), since it could change a closed
 * statement.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
attrib_store_add_plan (AttribStore           *self,
                       AttribCommissionPlan  *plan,
                       GError               **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (STORE_IS_OPEN (self), FALSE);
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  if (self->read_only)
    {
      g_mutex_unlock (&self->mutex);
      return store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("opened read-only"));
    }
  if (self->closed != NULL)
    {
      g_mutex_unlock (&self->mutex);
      return store_fail (self, ATTRIB_ERROR_CLOSED_PERIOD, error,
                         _("periods up to %s are closed: a plan added now could change their statements"),
                         self->closed);
    }
  {
    /* checked first against the plans the store has, on a calculator of
     * its own: the store's takes it only once it is on the disk */
    g_autoptr(AttribCalculator) trial = attrib_calculator_new (self->profile);
    g_autoptr(GPtrArray) plans = attrib_calculator_get_plans (self->calculator);
    guint i;

    for (i = 0; i < plans->len; i++)
      attrib_calculator_add_plan (trial, g_ptr_array_index (plans, i), NULL);
    if (!attrib_calculator_add_plan (trial, plan, error))
      {
        g_mutex_unlock (&self->mutex);
        return FALSE;
      }
  }
  text = attrib_commission_plan_to_json (plan);
  rc = sqlite3_prepare_v2 (self->db, "INSERT INTO plans (plan) VALUES (?)", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  ok = rc == SQLITE_DONE || db_fail (self, rc, _("recording a plan"), error);
  if (ok)
    {
      gboolean added = attrib_calculator_add_plan (self->calculator, plan, NULL);

      g_warn_if_fail (added);   /* the trial took it */
    }
  g_mutex_unlock (&self->mutex);
  return ok;
}

/* ---- appending ---- */

static gboolean
check_open_period (AttribStore *self,
                   AttribEvent *event,
                   GError     **error)
{
  g_autofree char *when = NULL;
  g_autofree char *shown = NULL;

  if (self->closed == NULL || attrib_event_get_at (event) >= self->closed_end)
    return TRUE;
  when = attrib_time_format (attrib_event_get_at (event), attrib_ledger_get_time_zone (self->ledger));
  shown = _attrib_for_display (attrib_event_get_id (event));
  return store_fail (self, ATTRIB_ERROR_CLOSED_PERIOD, error,
                     _("event “%s” is dated %s, in a settlement period already closed (up to %s): "
                       "closed statements do not change; record what became known now with today's date"),
                     shown, when, self->closed);
}

/* A report's decision as a receipt gives it. */
typedef struct
{
  gboolean accepted;
  char *reason;
  char *holder;
  AttribTime until;
} Decision;

static void
decision_clear (Decision *d)
{
  g_clear_pointer (&d->reason, g_free);
  g_clear_pointer (&d->holder, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decision, decision_clear)

/* Adds @events to the ledger and the log in one transaction, all or
 * nothing; the caller holds the mutex. The appended events are the
 * ledger's from @first on. */
static gboolean
append_events (AttribStore    *self,
               AttribEvent   **events,
               guint           n,
               AttribReceipt **out_receipt,
               GError        **error)
{
  g_autoptr(AttribReceipt) receipt = NULL;
  g_autoptr(AttribLedgerWriteLock) hold = NULL;
  g_autoptr(GArray) saved_peaks = NULL;
  g_autoptr(GString) record = g_string_new (NULL);
  GTimeZone *tz = attrib_ledger_get_time_zone (self->ledger);
  AttribLedgerMark mark;
  guint64 saved_size = self->size;
  gint64 saved_time = self->last_appended;
  const char *doing = _("appending to the log");
  g_auto(Decision) decision = { FALSE, NULL, NULL, ATTRIB_TIME_MAX };
  gboolean decided = FALSE;
  GError *signing = NULL;
  g_autofree guint8 *salts = NULL;
  g_autofree char *decision_text = NULL;
  guint i;
  int rc = SQLITE_OK;

  if (self->read_only)
    return store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("opened read-only"));
  if (self->broken)
    return store_fail (self, ATTRIB_ERROR_IO, error,
                       _("a write failed earlier with its outcome unknown: open the store again"));

  hold = _attrib_ledger_write_lock (self->ledger);
  _attrib_ledger_mark (self->ledger, &mark);
  for (i = 0; i < n; i++)
    {
      GError *inner = NULL;

      if (!_attrib_ledger_add_event_full (self->ledger, events[i], NULL, NULL, &inner))
        {
          _attrib_ledger_rollback (self->ledger, &mark);
          if (n > 1)
            g_prefix_error (&inner, _("%s: nothing was stored: "), self->display);
          g_propagate_error (error, inner);
          return FALSE;
        }
    }

  /* one report appended alone: its decision, worked out before anyone
   * sees it and stored with it — the receipt's for good */
  if (n == 1 && self->ledger->records[mark.n_records].type == ATTRIB_EVENT_TYPE_REPORT)
    {
      gboolean ok;

      _attrib_ledger_writer_reads_begin (self->ledger);
      ok = _attrib_engine_report_receipt (self->engine, self->ledger, mark.n_records, &decision.accepted,
                                          &decision.reason, &decision.holder, &decision.until, error);
      _attrib_ledger_writer_reads_end (self->ledger);
      if (!ok)
        {
          _attrib_ledger_rollback (self->ledger, &mark);
          return FALSE;
        }
      decided = TRUE;
    }

  salts = g_malloc ((gsize) n * ATTRIB_SALT_SIZE);
  if (!random_bytes (salts, (gsize) n * ATTRIB_SALT_SIZE))
    {
      _attrib_ledger_rollback (self->ledger, &mark);
      return store_fail (self, ATTRIB_ERROR_IO, error, _("no random bytes for the events' salts"));
    }
  if (decided)
    decision_text = _attrib_decision_text (decision.accepted, decision.reason, decision.holder, decision.until);

  saved_peaks = g_array_copy (self->peaks);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  for (i = 0; rc == SQLITE_OK && i < n; i++)
    {
      g_autoptr(AttribEvent) ev = _attrib_ledger_materialize (self->ledger, mark.n_records + i);
      const guint8 *salt = salts + (gsize) i * ATTRIB_SALT_SIZE;
      AttribMerkleHash leaf;
      gint64 now = MAX (g_get_real_time (), self->last_appended);

      g_string_truncate (record, 0);
      _attrib_event_append_record (record, ev, tz);
      _attrib_store_leaf_hash (salt, now, record->str, record->len, decided ? decision_text : NULL, leaf);
      sqlite3_reset (self->insert_log);
      sqlite3_bind_int64 (self->insert_log, 1, (gint64) self->size);
      sqlite3_bind_int64 (self->insert_log, 2, now);
      sqlite3_bind_blob (self->insert_log, 3, salt, ATTRIB_SALT_SIZE, SQLITE_STATIC);
      sqlite3_bind_text (self->insert_log, 4, record->str, (int) record->len, SQLITE_STATIC);
      sqlite3_bind_blob (self->insert_log, 5, leaf, sizeof leaf, SQLITE_STATIC);
      if (decided)
        {
          sqlite3_bind_int (self->insert_log, 6, decision.accepted);
          sqlite3_bind_text (self->insert_log, 7, decision.reason, -1, SQLITE_STATIC);
          sqlite3_bind_text (self->insert_log, 8, decision.holder, -1, SQLITE_STATIC);
          if (decision.until != ATTRIB_TIME_MAX)
            sqlite3_bind_int64 (self->insert_log, 9, decision.until);
          else
            sqlite3_bind_null (self->insert_log, 9);
        }
      else
        {
          sqlite3_bind_null (self->insert_log, 6);
          sqlite3_bind_null (self->insert_log, 7);
          sqlite3_bind_null (self->insert_log, 8);
          sqlite3_bind_null (self->insert_log, 9);
        }
      rc = sqlite3_step (self->insert_log);
      sqlite3_reset (self->insert_log);
      if (rc == SQLITE_DONE)
        rc = push_leaf (self, leaf);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      self->last_appended = now;

      /* the receipt made and signed before the commit: once the event is
       * on the disk, nothing is left to fail */
      if (rc == SQLITE_OK && out_receipt != NULL)
        {
          g_autoptr(AttribTreeHead) head = NULL;
          AttribMerkleHash root;

          peaks_root (self->peaks, root);
          head = _attrib_tree_head_new (self->log_id, self->size, root, now);
          receipt = _attrib_receipt_new (self->size - 1, ev->id, salt, now, record->str, head);
          if (decided)
            _attrib_receipt_set_decision (receipt, decision.accepted, decision.reason, decision.holder,
                                          decision.until);
          if (self->can_sign &&
              (!_attrib_tree_head_sign_with (head, self->secret, self->public_key, &signing) ||
               !_attrib_receipt_sign_with (receipt, self->secret, self->public_key, &signing)))
            rc = SQLITE_ABORT;
        }
    }
  if (rc == SQLITE_OK)
    {
      doing = _("committing to the disk");
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      if (signing != NULL)
        g_propagate_error (error, g_steal_pointer (&signing));
      else
        db_fail (self, rc, doing, error);
      /* an I/O error at the commit may leave it in the journal for the
       * next opening to find: nothing more is written until then */
      if ((rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CORRUPT)
        self->broken = TRUE;
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      _attrib_ledger_rollback (self->ledger, &mark);
      g_array_set_size (self->peaks, 0);
      g_array_append_vals (self->peaks, saved_peaks->data, saved_peaks->len);
      self->size = saved_size;
      self->last_appended = saved_time;
      return FALSE;
    }
  if (out_receipt != NULL)
    *out_receipt = g_steal_pointer (&receipt);
  return TRUE;
}

static AttribReceipt *
make_receipt (AttribStore *self,
              guint64      position,
              GError     **error)
{
  g_autoptr(AttribTreeHead) head = NULL;
  g_autoptr(AttribReceipt) receipt = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *record = NULL;
  g_auto(Decision) decision = { FALSE, NULL, NULL, ATTRIB_TIME_MAX };
  gboolean decided = FALSE;
  guint8 salt[ATTRIB_SALT_SIZE];
  gint64 appended = 0;
  guint32 e = (guint32) position;
  int rc;

  if (position >= self->size)
    {
      store_fail (self, ATTRIB_ERROR_NOT_FOUND, error, _("the log has no position %" PRIu64), position);
      return NULL;
    }
  rc = sqlite3_prepare_v2 (self->db, "SELECT " LOG_COLUMNS " FROM log WHERE position = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, (gint64) position);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 2) == ATTRIB_SALT_SIZE &&
          sqlite3_column_text (stmt, 3) != NULL)
        {
          appended = sqlite3_column_int64 (stmt, 1);
          memcpy (salt, sqlite3_column_blob (stmt, 2), sizeof salt);
          record = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
            {
              const char *reason = (const char *) sqlite3_column_text (stmt, 6);
              const char *holder = (const char *) sqlite3_column_text (stmt, 7);

              decided = TRUE;
              decision.accepted = sqlite3_column_int (stmt, 5) != 0;
              decision.reason = g_strdup (reason != NULL && g_utf8_validate (reason, -1, NULL) ? reason : NULL);
              decision.holder = g_strdup (holder != NULL && g_utf8_validate (holder, -1, NULL) ? holder : NULL);
              if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
                decision.until = sqlite3_column_int64 (stmt, 8);
            }
        }
    }
  sqlite3_finalize (stmt);
  if (record == NULL)
    {
      db_fail (self, rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, _("reading the log"), error);
      return NULL;
    }
  head = make_head (self, position + 1, error);
  if (head == NULL)
    return NULL;
  receipt = _attrib_receipt_new (position, _attrib_ledger_event_id (self->ledger, e), salt, appended, record, head);
  /* the decision recorded (and hashed) when a report was appended alone;
   * reports imported in bulk carry none */
  if (decided)
    _attrib_receipt_set_decision (receipt, decision.accepted, decision.reason, decision.holder, decision.until);
  if (self->can_sign && !_attrib_receipt_sign_with (receipt, self->secret, self->public_key, error))
    return NULL;
  return g_steal_pointer (&receipt);
}

/**
 * attrib_store_append:
 * @self: a store open for writing
 * @event: the event to append
 * @error: return location for a #GError
 *
 * Adds an event to the store's ledger and log. The event is checked as
 * [method@Attrib.Ledger.add_event] checks it — an event the ledger refuses
 * is never written — and the call returns once the event is on the disk
 * (an SQLite transaction in WAL mode with `synchronous=FULL`). If writing
 * fails (a full disk) the ledger is left as it was.
 *
 * An event dated in a closed settlement period is refused
 * (%ATTRIB_ERROR_CLOSED_PERIOD).
 *
 * Returns: (transfer full) (nullable): the receipt, or %NULL with @error set
 */
AttribReceipt *
attrib_store_append (AttribStore  *self,
                     AttribEvent  *event,
                     GError      **error)
{
  AttribReceipt *receipt = NULL;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (check_open_period (self, event, error))
    append_events (self, &event, 1, &receipt, error);
  g_mutex_unlock (&self->mutex);
  return receipt;
}

/* Whether @ev is in the store already, as it is: a resumed import. */
static gboolean
already_stored (AttribStore *self,
                AttribEvent *ev,
                gboolean    *out_same)
{
  g_autoptr(AttribEvent) stored = NULL;
  g_autoptr(GString) a = NULL, b = NULL;
  GTimeZone *tz = attrib_ledger_get_time_zone (self->ledger);
  guint32 e = _attrib_strpool_lookup (&self->ledger->ids, ev->id, strlen (ev->id));

  if (e == ATTRIB_NONE)
    return FALSE;
  stored = _attrib_ledger_materialize (self->ledger, e);
  a = g_string_new (NULL);
  b = g_string_new (NULL);
  _attrib_event_append_record (a, stored, tz);
  _attrib_event_append_record (b, ev, tz);
  *out_same = g_string_equal (a, b);
  return TRUE;
}

/* attrib_store_import_file(), and the thread of import_file_async():
 * checks @cancellable (may be NULL) before each batch and reports the
 * file's events stored to @progress (may be NULL). */
static gboolean
import_file (AttribStore     *self,
             GFile           *file,
             guint64         *out_added,
             GCancellable    *cancellable,
             AttribProgress  *progress,
             GError         **error)
{
  g_autoptr(AttribLedger) scratch = NULL;
  g_autoptr(GPtrArray) events = NULL;
  guint i, n, done = 0;
  gboolean ok = TRUE;

  if (out_added != NULL)
    *out_added = 0;
  if (self->read_only)
    return store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("opened read-only"));
  /* not a FIFO or a device to wait on or read without end */
  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("%s: not a regular file"), name);
      return FALSE;
    }
  _attrib_progress_report (progress, 0, 0);
  scratch = attrib_ledger_new_full (attrib_profile_get_time_zone_identifier (self->profile), self->phone_key, error);
  if (scratch == NULL)
    return FALSE;
  if (cancellable != NULL ? !_attrib_ledger_load_file_watched (scratch, file, cancellable, NULL, error)
                          : !attrib_ledger_load_file (scratch, file, NULL, error))
    return FALSE;

  g_mutex_lock (&self->mutex);
  n = attrib_ledger_get_n_events (scratch);
  events = g_ptr_array_new_full (n, (GDestroyNotify) attrib_event_unref);
  for (i = 0; ok && i < n; i++)
    {
      g_autoptr(AttribEvent) ev = _attrib_ledger_materialize (scratch, i);
      gboolean same = FALSE;

      if (already_stored (self, ev, &same))
        {
          if (!same)
            {
              g_autofree char *shown = _attrib_for_display (ev->id);

              ok = store_fail (self, ATTRIB_ERROR_DUPLICATE_ID, error,
                               _("event “%s” is in the store already, with other content; nothing was imported"),
                               shown);
            }
          continue;
        }
      ok = check_open_period (self, ev, error);
      g_ptr_array_add (events, g_steal_pointer (&ev));
    }
  if (ok)
    _attrib_progress_report (progress, n - events->len, n);
  for (i = 0; ok && i < events->len; i += IMPORT_BATCH)
    {
      guint batch = MIN (IMPORT_BATCH, events->len - i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = append_events (self, (AttribEvent **) events->pdata + i, batch, NULL, error);
      if (ok)
        {
          done += batch;
          _attrib_progress_report (progress, n - events->len + done, n);
        }
      else if (done > 0)
        g_prefix_error (error, _("%u events were stored before: "), done);
    }
  g_mutex_unlock (&self->mutex);
  if (out_added != NULL)
    *out_added = done;
  return ok;
}

/**
 * attrib_store_import_file:
 * @self: a store open for writing
 * @file: events: a scenario, a JSON array of events, JSON Lines or CSV
 *   (as [method@Attrib.Ledger.load_file] reads them)
 * @out_added: (out) (optional): return location for the number of events
 *   appended
 * @error: return location for a #GError
 *
 * Appends a file's events to the store, in batches of a few thousand per
 * transaction. The whole file is checked first, alone and against the
 * store's ids and closed periods: a bad file stores nothing; an event the
 * ledger refuses only beside the store's events stops the import at its
 * batch, the batches before it kept. The desk waits for each batch's
 * commit; the store's other calls wait for the whole import. An event
 * already in the store with the same content is skipped, so an import cut short (a crash, a full
 * disk) is finished by importing the file again; an event id already in
 * the store with other content is an error.
 *
 * [method@Attrib.Store.import_file_async] imports in a worker thread, with
 * a #GCancellable and progress.
 *
 * Returns: %TRUE, or %FALSE with @error set (the events of the batches
 *   written before a failure stay, and @out_added counts them)
 */
gboolean
attrib_store_import_file (AttribStore  *self,
                          GFile        *file,
                          guint64      *out_added,
                          GError      **error)
{
  g_return_val_if_fail (STORE_IS_OPEN (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return import_file (self, file, out_added, NULL, NULL, error);
}

typedef struct
{
  GFile *file;
  guint64 added;
} ImportJob;

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_object_unref (job->file);
  g_free (job);
}

static gpointer
import_work (gpointer         source_object,
             gpointer         data,
             AttribProgress  *progress,
             GCancellable    *cancellable,
             GError         **error)
{
  ImportJob *job = data;

  if (!import_file (source_object, job->file, &job->added, cancellable, progress, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/**
 * attrib_store_import_file_async:
 * @self: a store open for writing
 * @file: events: a scenario, a JSON array of events, JSON Lines or CSV (as
 *   [method@Attrib.Ledger.load_file] reads them)
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_destroy): called with the file's events stored so
 *   far and their number
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data once @progress is
 *   called no more
 * @callback: (scope async) (closure user_data): called when the import
 *   ends
 * @user_data: data for @callback
 *
 * Imports a file's events as [method@Attrib.Store.import_file] does, in a
 * worker thread, and calls @callback in the thread-default main context
 * of the caller; finish with [method@Attrib.Store.import_file_finish].
 *
 * The store's SQLite connection is used by one thread at a time: the
 * store's calls are serialised by its lock, which the import holds from
 * the check of the file to its last batch. While it runs, any other call
 * of the store, from any thread, waits for it to end — do not make one
 * from the thread that runs the caller's main context, or the progress
 * and the callback wait too. The store's ledger
 * ([method@Attrib.Store.get_ledger]) may be read from any thread
 * meanwhile: each batch is added to it at once, as its transaction
 * commits.
 *
 * @progress counts the file's events: @total is their number once the
 * file is read (0 before), @done those in the store — found there already
 * or appended — after each batch's commit. Cancelling @cancellable stops
 * the import before its next batch with %G_IO_ERROR_CANCELLED: the
 * batches committed stay (@out_added of the finish function counts them),
 * and importing the file again finishes the job.
 */
void
attrib_store_import_file_async (AttribStore         *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                AttribProgressFunc   progress,
                                gpointer             progress_data,
                                GDestroyNotify       progress_destroy,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ImportJob *job;

  g_return_if_fail (STORE_IS_OPEN (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (ImportJob, 1);
  job->file = g_object_ref (file);
  _attrib_async_start (self, cancellable, attrib_store_import_file_async, import_work, job, import_job_free, NULL,
                       progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * attrib_store_import_file_finish:
 * @self: a store
 * @result: the #GAsyncResult given to the callback of
 *   [method@Attrib.Store.import_file_async]
 * @out_added: (out) (optional): return location for the number of events
 *   appended
 * @error: return location for a #GError
 *
 * Finishes [method@Attrib.Store.import_file_async].
 *
 * Returns: %TRUE, or %FALSE with @error set (the events of the batches
 *   written before a failure or a cancellation stay, and @out_added
 *   counts them)
 */
gboolean
attrib_store_import_file_finish (AttribStore   *self,
                                 GAsyncResult  *result,
                                 guint64       *out_added,
                                 GError       **error)
{
  ImportJob *job = NULL;
  gboolean ok;

  g_return_val_if_fail (ATTRIB_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = _attrib_async_finish (self, result, attrib_store_import_file_async, (gpointer *) &job, error) != NULL;
  if (out_added != NULL)
    *out_added = job != NULL ? job->added : 0;
  return ok;
}

/**
 * attrib_store_get_receipt:
 * @self: a store
 * @position: an event's position in the log
 * @error: return location for a #GError
 *
 * The receipt of the event at @position again: what
 * [method@Attrib.Store.append] returned for it, signed again if the store
 * has its key — the same decision, however the log grew since, for the
 * decision is part of the event's leaf. Events imported in bulk have
 * receipts without a decision.
 *
 * Returns: (transfer full) (nullable): the receipt, or %NULL with @error set
 */
AttribReceipt *
attrib_store_get_receipt (AttribStore  *self,
                          guint64       position,
                          GError      **error)
{
  AttribReceipt *receipt;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  receipt = make_receipt (self, position, error);
  g_mutex_unlock (&self->mutex);
  return receipt;
}

/**
 * attrib_store_get_event:
 * @self: a store
 * @position: a position in the log
 * @error: return location for a #GError
 *
 * The event at @position of the log: the order events were appended in,
 * which [method@Attrib.Ledger.get_event] (the canonical order, by time)
 * does not keep.
 *
 * Returns: (transfer full) (nullable): the event, or %NULL with @error set
 *   (%ATTRIB_ERROR_NOT_FOUND past the end of the log)
 */
AttribEvent *
attrib_store_get_event (AttribStore  *self,
                        guint64       position,
                        GError      **error)
{
  AttribEvent *ev = NULL;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (position >= self->size)
    store_fail (self, ATTRIB_ERROR_NOT_FOUND, error, _("the log has no position %" PRIu64), position);
  else
    {
      g_autoptr(AttribLedgerReadLock) hold = _attrib_ledger_read_lock (self->ledger);

      /* the ledger's records are in the order of the log */
      ev = _attrib_ledger_materialize (self->ledger, (guint32) position);
    }
  g_mutex_unlock (&self->mutex);
  return ev;
}

/* ---- proofs ---- */

/**
 * attrib_store_get_tree_head:
 * @self: a store
 * @size: a size the log has had, or 0 for its size now
 * @error: return location for a #GError
 *
 * The tree head of the log's first @size events: the Merkle root and the
 * time the last of them was appended, signed if the store has a signing
 * key.
 *
 * Returns: (transfer full) (nullable): the head, or %NULL with @error set
 */
AttribTreeHead *
attrib_store_get_tree_head (AttribStore  *self,
                            guint64       size,
                            GError      **error)
{
  AttribTreeHead *head = NULL;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (size == 0)
    size = self->size;
  if (size > self->size)
    store_fail (self, ATTRIB_ERROR_NOT_FOUND, error,
                _("the log has %" PRIu64 " events, not %" PRIu64), self->size, size);
  else
    head = make_head (self, size, error);
  g_mutex_unlock (&self->mutex);
  return head;
}

/**
 * attrib_store_prove_inclusion:
 * @self: a store
 * @position: an event's position
 * @size: the size of the log to prove it in, or 0 for the log now
 * @error: return location for a #GError
 *
 * An inclusion proof (audit path) of the event at @position in the log's
 * first @size events: at most ⌈log₂ size⌉ hashes, and nothing of any
 * other event.
 *
 * Returns: (transfer full) (nullable): the proof, or %NULL with @error set
 */
AttribProof *
attrib_store_prove_inclusion (AttribStore  *self,
                              guint64       position,
                              guint64       size,
                              GError      **error)
{
  AttribProof *proof = NULL;
  GArray *hashes;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (size == 0)
    size = self->size;
  if (size > self->size || position >= size)
    store_fail (self, ATTRIB_ERROR_NOT_FOUND, error,
                _("no position %" PRIu64 " in a log of %" PRIu64 " (the log has %" PRIu64 ")"),
                position, size, self->size);
  else if ((hashes = _attrib_merkle_inclusion_proof_from (store_node, self, size, position, error)) != NULL)
    proof = _attrib_proof_new (ATTRIB_PROOF_KIND_INCLUSION, position, size, hashes);
  g_mutex_unlock (&self->mutex);
  return proof;
}

/**
 * attrib_store_prove_consistency:
 * @self: a store
 * @first: the size of an earlier log (at least 1)
 * @size: the size of the later log, or 0 for the log now
 * @error: return location for a #GError
 *
 * A consistency proof that the log's first @size events extend its
 * first @first events, nothing of the earlier log altered, inserted or
 * removed.
 *
 * Returns: (transfer full) (nullable): the proof, or %NULL with @error set
 */
AttribProof *
attrib_store_prove_consistency (AttribStore  *self,
                                guint64       first,
                                guint64       size,
                                GError      **error)
{
  AttribProof *proof = NULL;
  GArray *hashes;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  if (size == 0)
    size = self->size;
  if (size > self->size || first == 0 || first > size)
    store_fail (self, ATTRIB_ERROR_NOT_FOUND, error,
                _("no consistency from %" PRIu64 " to %" PRIu64 " events (the log has %"
                  PRIu64 ")"), first, size, self->size);
  else if ((hashes = _attrib_merkle_consistency_proof_from (store_node, self, size, first, error)) != NULL)
    proof = _attrib_proof_new (ATTRIB_PROOF_KIND_CONSISTENCY, first, size, hashes);
  g_mutex_unlock (&self->mutex);
  return proof;
}

/* The statements recorded at @period's close, by party; the caller holds
 * the mutex. */
static char **
closed_statements (AttribStore  *self,
                   const char   *period,
                   GError      **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  gint64 closed = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT count(*) FROM periods WHERE period = ?", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, period, -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          closed = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_OK && closed == 0)
    {
      store_fail (self, ATTRIB_ERROR_NOT_FOUND, error, _("the period “%s” is not closed"), period);
      return NULL;
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "SELECT statement FROM statements WHERE period = ? ORDER BY party", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, period, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          if (text == NULL || !g_utf8_validate (text, -1, NULL))
            {
              sqlite3_finalize (stmt);
              store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("a statement of %s is damaged"), period);
              return NULL;
            }
          g_ptr_array_add (out, g_strdup (text));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      db_fail (self, rc, _("reading the statements"), error);
      return NULL;
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_steal (out, NULL);
}

/* Every closed period: the log it was closed on is a prefix of this one
 * (its root), and its statements are readable. They are not worked out
 * again: a late identity link may change a closed month's verdicts (the
 * documented exception, docs/commission.md), so the statements of the log
 * now may differ from the recorded ones without anything altered. */
static gboolean
verify_periods (AttribStore *self,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT period, size, root FROM periods ORDER BY period", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return db_fail (self, rc, _("reading the closed periods"), error);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *period = g_strdup (text);
      gint64 size = sqlite3_column_int64 (stmt, 1);
      g_auto(GStrv) recorded = NULL;
      AttribMerkleHash root;
      gint64 rows = 0;

      if ((guint64) MAX (size, 0) > self->size)
        {
          /* closed since this store was opened (read-only, beside the
           * writer), or on events since removed */
          if (!db_int (self, "SELECT count(*) FROM log", &rows, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          if (size <= rows)
            continue;
        }
      if (period == NULL || !_attrib_settle_valid_period (period) || size < 0 || (guint64) size > self->size ||
          sqlite3_column_bytes (stmt, 2) != ATTRIB_MERKLE_HASH_SIZE)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                             _("a closed period names a log of %" PRId64 " events, or is damaged"), size);
        }
      if (!tree_root (self, (guint64) size, root, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (memcmp (root, sqlite3_column_blob (stmt, 2), sizeof root) != 0)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                             _("the period %s was closed on a log of %" PRId64 " events that is not this log's "
                               "first %" PRId64 ": the log was altered"), period, size, size);
        }
      recorded = closed_statements (self, period, error);
      if (recorded == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || db_fail (self, rc, _("reading the closed periods"), error);
}

/* Recomputes every leaf and every stored subtree from the records; names
 * the first event whose hashes do not hold. */
static gboolean
verify_log (AttribStore *self,
            GError     **error)
{
  g_autoptr(GArray) peaks = g_array_new (FALSE, FALSE, sizeof (Peak));
  g_autoptr(GString) again = g_string_new (NULL);
  GTimeZone *tz = attrib_ledger_get_time_zone (self->ledger);
  sqlite3_stmt *stmt = NULL;
  guint64 position = 0;
  int rc;

  /* the log as this store knows it: a writer beside a read-only store
   * appends after it */
  rc = sqlite3_prepare_v2 (self->db, "SELECT " LOG_COLUMNS " FROM log WHERE position < ? ORDER BY position", -1,
                           &stmt, NULL);
  if (rc == SQLITE_OK)
    sqlite3_bind_int64 (stmt, 1, (gint64) self->size);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      AttribMerkleHash leaf, stored;
      gboolean whole = row_leaf (stmt, leaf);
      const char *record = (const char *) sqlite3_column_text (stmt, 3);
      int length = sqlite3_column_bytes (stmt, 3);
      g_autoptr(AttribEvent) ev = NULL;
      Subtree completed[64];
      guint k, n;
      const char *id = position < attrib_ledger_get_n_events (self->ledger) ?
                       _attrib_ledger_event_id (self->ledger, (guint32) position) : "?";

      if ((guint64) sqlite3_column_int64 (stmt, 0) != position || !whole)
        {
          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                             _("the log has no event at position %" PRIu64
                               ": an event was removed or the log reordered"), position);
        }
      if (sqlite3_column_bytes (stmt, 4) != ATTRIB_MERKLE_HASH_SIZE ||
          memcmp (sqlite3_column_blob (stmt, 4), leaf, sizeof leaf) != 0)
        {
          g_autofree char *shown = _attrib_for_display (id);

          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                             _("the event at position %" PRIu64 " (“%s”) was altered: its record, time or decision "
                               "is not what its leaf hash covers"), position, shown);
        }
      /* the record is the one the store writes for the event the ledger
       * holds (read from this record when the store was opened: the
       * ledger's records are in the log's order), and in a store of
       * hashed phones it holds none */
      ev = _attrib_ledger_materialize (self->ledger, (guint32) position);
      g_string_truncate (again, 0);
      _attrib_event_append_record (again, ev, tz);
      if (again->len != (gsize) length || memcmp (again->str, record, length) != 0 ||
          (self->phones_hashed && holds_phone (ev)))
        {
          g_autofree char *shown = _attrib_for_display (id);

          sqlite3_finalize (stmt);
          return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                             _("the event at position %" PRIu64 " (“%s”) is not a record libattrib wrote"),
                             position, shown);
        }
      n = peaks_add (peaks, position, leaf, completed);
      for (k = 0; k < n; k++)
        {
          const Subtree *t = &completed[k];

          if (!store_node (self, t->level, t->index, stored, error))
            {
              sqlite3_finalize (stmt);
              return FALSE;
            }
          if (memcmp (stored, t->hash, sizeof stored) != 0)
            {
              sqlite3_finalize (stmt);
              return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                                 _("the tree over the events %" PRIu64 " to %" PRIu64
                                   " does not match them: the log was altered"),
                                 t->index << t->level, ((t->index + 1) << t->level) - 1);
            }
        }
      position++;
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return db_fail (self, rc, _("reading the log"), error);
  if (position != self->size)
    return store_fail (self, ATTRIB_ERROR_VERIFY, error,
                       _("the log holds %" PRIu64 " events, %" PRIu64 " when it was opened"),
                       position, self->size);
  return verify_periods (self, error);
}

/**
 * attrib_store_verify:
 * @self: a store
 * @trusted: (nullable): a tree head the verifier holds (from a receipt,
 *   signed), to check the log still extends it
 * @error: return location for a #GError
 *
 * Checks the log this store opened (a writer may append after it) end to
 * end: SQLite's own integrity check; every event's salt, time, record
 * and decision against its leaf hash; every stored subtree against the
 * leaves under it; every record the one libattrib writes for the event
 * the ledger holds, and none holding a phone in a store of hashed
 * phones; every closed period's log a prefix of this one.
 * With @trusted, also that the log still extends that head (a
 * consistency proof from it to the log now): a log rewritten wholesale,
 * hashes and all, fails here. The first problem is named: the position
 * and id of the altered event.
 *
 * Returns: %TRUE if the store verifies; %FALSE with @error set
 *   (%ATTRIB_ERROR_VERIFY or %ATTRIB_ERROR_CORRUPT) if not
 */
gboolean
attrib_store_verify (AttribStore     *self,
                     AttribTreeHead  *trusted,
                     GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (STORE_IS_OPEN (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&self->mutex);
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && !g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "ok"))
    ok = store_fail (self, ATTRIB_ERROR_CORRUPT, error, _("the database is damaged: %s"),
                     (const char *) sqlite3_column_text (stmt, 0));
  else
    ok = rc == SQLITE_ROW || db_fail (self, rc, _("checking the database"), error);
  sqlite3_finalize (stmt);

  ok = ok && verify_log (self, error);
  if (ok && trusted != NULL)
    {
      guint64 first = attrib_tree_head_get_size (trusted);

      if (first > self->size)
        ok = store_fail (self, ATTRIB_ERROR_VERIFY, error,
                         _("the log holds %" PRIu64 " events, fewer than the %" PRIu64
                           " of the head held: events were removed"), self->size, first);
      else if (first > 0)
        {
          g_autoptr(AttribTreeHead) now = make_head (self, self->size, error);
          g_autoptr(GArray) hashes = now != NULL ?
            _attrib_merkle_consistency_proof_from (store_node, self, self->size, first, error) : NULL;

          if (hashes == NULL)
            ok = FALSE;
          else
            {
              g_autoptr(AttribProof) proof = _attrib_proof_new (ATTRIB_PROOF_KIND_CONSISTENCY, first, self->size,
                                                                 g_steal_pointer (&hashes));
              GError *inner = NULL;

              if (!attrib_proof_verify_consistency (proof, trusted, now, &inner))
                {
                  ok = store_fail (self, ATTRIB_ERROR_VERIFY, error, "%s", inner->message);
                  g_error_free (inner);
                }
            }
        }
    }
  g_mutex_unlock (&self->mutex);
  return ok;
}

/* ---- settlement periods ---- */

/**
 * attrib_store_close_period:
 * @self: a store open for writing
 * @period: the month to close, `YYYY-MM` in the profile's time zone: one
 *   that has ended, after the last closed one
 * @error: return location for a #GError
 *
 * Closes a settlement period: works out the statements of every party
 * for @period with the store's calculator and records them — their JSON
 * and fingerprints — with the log's size and root. From then on the
 * store refuses events dated in or before @period, so the recorded
 * statements stay what they were (a later event's effect appears in the
 * open period it is dated in, as [Commission and statements](commission.html) sets out).
 *
 * Returns: (transfer container) (element-type AttribStatement) (nullable):
 *   the statements recorded, or %NULL with @error set
 */
GPtrArray *
attrib_store_close_period (AttribStore  *self,
                           const char   *period,
                           GError      **error)
{
  g_autoptr(GPtrArray) statements = NULL;
  GTimeZone *tz;
  AttribTime start = 0, begin, end;
  g_autofree char *first = NULL;
  AttribMerkleHash root;
  sqlite3_stmt *stmt = NULL;
  int rc = SQLITE_OK;
  guint i;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  tz = attrib_ledger_get_time_zone (self->ledger);
  first = g_strdup_printf ("%.7s-01", period);
  if (self->read_only)
    {
      store_fail (self, ATTRIB_ERROR_READ_ONLY, error, _("opened read-only"));
      goto out;
    }
  if (!_attrib_settle_valid_period (period) || !attrib_time_parse (first, tz, &start, NULL))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME, _("“%s” is not a month (YYYY-MM)"), period);
      goto out;
    }
  attrib_period_months (start, 1, tz, &begin, &end);
  if (self->closed != NULL && strcmp (period, self->closed) <= 0)
    {
      store_fail (self, ATTRIB_ERROR_CLOSED_PERIOD, error, _("periods up to %s are closed already"), self->closed);
      goto out;
    }
  if (end > g_get_real_time ())
    {
      store_fail (self, ATTRIB_ERROR_INVALID_TIME, error, _("%s has not ended yet"), period);
      goto out;
    }

  statements = attrib_calculator_get_statements (self->calculator, self->ledger, period, error);
  if (statements == NULL)
    goto out;
  peaks_root (self->peaks, root);
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "INSERT INTO statements (period, party, fingerprint, statement) VALUES (?, ?, ?, ?)",
                             -1, &stmt, NULL);
  for (i = 0; rc == SQLITE_OK && i < statements->len; i++)
    {
      AttribStatement *s = g_ptr_array_index (statements, i);
      g_autofree char *json = attrib_statement_to_json (s);

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, period, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, attrib_statement_get_party (s), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, attrib_statement_get_fingerprint (s), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, json, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db, "INSERT INTO periods (period, closed, size, root) VALUES (?, ?, ?, ?)", -1,
                             &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, period, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
      sqlite3_bind_int64 (stmt, 3, (gint64) self->size);
      sqlite3_bind_blob (stmt, 4, root, sizeof root, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      db_fail (self, rc, _("closing the period"), error);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      g_clear_pointer (&statements, g_ptr_array_unref);
      goto out;
    }
  g_free (self->closed);
  self->closed = g_strdup (period);
  self->closed_end = end;

out:
  g_mutex_unlock (&self->mutex);
  return g_steal_pointer (&statements);
}

/**
 * attrib_store_get_closed_period:
 * @self: a store
 *
 * The last settlement period closed, `YYYY-MM`; every earlier one is
 * closed too.
 *
 * Returns: (transfer full) (nullable): the period, or %NULL if none is
 *   closed
 */
char *
attrib_store_get_closed_period (AttribStore *self)
{
  char *period;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_mutex_lock (&self->mutex);
  period = g_strdup (self->closed);
  g_mutex_unlock (&self->mutex);
  return period;
}

/**
 * attrib_store_get_closed_statements:
 * @self: a store
 * @period: a closed period, `YYYY-MM`
 * @error: return location for a #GError
 *
 * The statements recorded when @period was closed, as the JSON
 * [method@Attrib.Statement.to_json] wrote then, by party.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   statements, or %NULL with @error set (%ATTRIB_ERROR_NOT_FOUND if
 *   @period was not closed)
 */
char **
attrib_store_get_closed_statements (AttribStore  *self,
                                    const char   *period,
                                    GError      **error)
{
  char **statements;

  g_return_val_if_fail (STORE_IS_OPEN (self), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&self->mutex);
  statements = closed_statements (self, period, error);
  g_mutex_unlock (&self->mutex);
  return statements;
}

sqlite3 *
_attrib_store_get_db (AttribStore *self)
{
  return self->db;
}
