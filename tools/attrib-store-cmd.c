/* attrib-store-cmd.c: `attrib store …`, a project's durable store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One SQLite file per project (AttribStore): the profile, the plans, the
 * append-only event log under its Merkle tree, the closed settlement
 * months. These commands create and feed it, answer the desk from it,
 * close months, and give and check receipts and proofs. Every store
 * error is the library's message, which names the file.
 *
 * Machine output (--json, proofs, heads) is written as the library makes
 * it, UTF-8 whatever the locale; what is printed for people goes through
 * g_print like the other commands. Phones are printed masked unless
 * --show-phones: a receipt holds its event's record (phones as the store
 * keeps them, in full unless the store hashes them), so printing one is
 * refused without --show-phones; --receipt FILE keeps them instead.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__has_include)
# if __has_include(<sys/random.h>)
#  include <sys/random.h>
#  define HAVE_GETRANDOM 1
# endif
#endif

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <attrib/attrib.h>

#include "attrib-cmd.h"
#include "attrib-read-private.h"

#define SECRET_KEY_SIZE 32

/* ---- what the subcommands share ---- */

/* JSON as the library wrote it, a line of its own: UTF-8 whatever the
 * locale (print_utf8) */
static void
print_json (const char *json)
{
  print_utf8 (json);
  print_utf8 ("\n");
}

static int
fail (const char   *sub,
      const GError *error,
      int           status)
{
  g_printerr ("attrib store %s: %s\n", sub, error->message);
  return status;
}

/* "attrib store SUB: message", exit @status */
static int
fail_with (const char *sub,
           int         status,
           const char *format,
           ...) G_GNUC_PRINTF (3, 4);

static int
fail_with (const char *sub,
           int         status,
           const char *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("attrib store %s: %s\n", sub, message);
  return status;
}

static int
usage_error (const char *sub,
             const char *message)
{
  g_printerr ("attrib store %s: %s\n", sub, message);
  return 2;
}

/* A subcommand's options, as the other commands parse theirs. FALSE,
 * having said why, on a usage error; --help prints them and exits. */
static gboolean
parse_options (const char    *sub,
               const char    *summary,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (summary);
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strconcat ("attrib store ", sub, NULL);

  g_set_prgname (prgname);
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      usage_error (sub, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Reading a store needs no lock: the desk, proofs and checks open it
 * read-only, beside the one writer. --phone-key (a global option) is the
 * key of a store of hashed phones. */
static AttribStore *
open_store (const char  *path,
            gboolean     for_writing,
            GError     **error)
{
  return attrib_store_open (path, for_writing ? ATTRIB_STORE_FLAGS_NONE : ATTRIB_STORE_FLAGS_READ_ONLY,
                            get_phone_key (), error);
}

static void
wipe (void  *data,
      gsize  length)
{
  volatile guint8 *p = data;

  while (length-- > 0)
    *p++ = 0;
}

typedef struct
{
  guint8 *data;
  gsize length;
} Secret;

static void
secret_free (gpointer data)
{
  Secret *secret = data;

  wipe (secret->data, secret->length);
  g_free (secret->data);
  g_free (secret);
}

/* A signing key file (attrib store keygen): 32 bytes, wiped from memory
 * when released. */
static GBytes *
read_signing_key (const char  *path,
                  GError     **error)
{
  Secret *secret;
  char *contents;
  gsize length = 0;

  contents = read_key_file (path, &length, error);
  if (contents == NULL)
    return NULL;
  if (length != SECRET_KEY_SIZE)
    {
      g_autofree char *name = g_filename_display_name (path);

      wipe (contents, length);
      g_free (contents);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_KEY,
                   _("%s: an Ed25519 secret key is 32 bytes, this file has %lu (attrib store keygen writes one)"),
                   name, (unsigned long) length);
      return NULL;
    }
  secret = g_new (Secret, 1);
  secret->data = (guint8 *) contents;
  secret->length = length;
  return g_bytes_new_with_free_func (contents, length, secret_free, secret);
}

static gboolean
apply_signing_key (AttribStore  *store,
                   const char   *path,
                   GError      **error)
{
  g_autoptr(GBytes) secret = NULL;

  if (path == NULL)
    return TRUE;
  secret = read_signing_key (path, error);
  return secret != NULL && attrib_store_set_signing_key (store, secret, error);
}

/* A file's text without its trailing white space (a receipt, proof or
 * head saved from our output, events to append), read with the bound of
 * any input; errors name the file. */
static char *
read_text (const char  *path,
           GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  char *text = NULL;
  gsize length;

  if (!_attrib_read_input (file, NULL, &text, &length, error))
    return NULL;
  return g_strchomp (text);
}

static char *
format_time (AttribStore *store,
             AttribTime   t)
{
  if (t == ATTRIB_TIME_MAX)
    return g_strdup (_("no end"));
  if (t == ATTRIB_TIME_MIN)
    return g_strdup ("-");
  return attrib_time_format (t, attrib_ledger_get_time_zone (attrib_store_get_ledger (store)));
}

/* "  log: 19 events, root …, signed with key …" */
static void
print_head_line (AttribTreeHead *head)
{
  unsigned long long size = attrib_tree_head_get_size (head);
  const char *key = attrib_tree_head_get_key (head);
  g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu event", "%llu events", size), size);

  if (key != NULL)
    g_print (_("  log: %s, root %s, signed with key %s\n"), events, attrib_tree_head_get_root (head), key);
  else
    g_print (_("  log: %s, root %s, not signed\n"), events, attrib_tree_head_get_root (head));
}

static gboolean
parse_count (const char  *text,
             guint64     *out)
{
  return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, NULL);
}

/* YYYY-MM */
static gboolean
is_month (const char *text)
{
  static const char shape[] = "dddd-dd";
  guint i;

  if (strlen (text) != sizeof shape - 1)
    return FALSE;
  for (i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;
  return TRUE;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* ---- create, keygen ---- */

/* --plan FILE: a plan file, or a scenario whose "plans" to take. */
static gboolean
load_plans (char      **files,
            GPtrArray  *plans,
            GError    **error)
{
  guint i, k;

  for (i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GPtrArray) scenario_plans = attrib_scenario_load_plans (file, NULL, NULL);
      AttribCommissionPlan *plan;

      if (scenario_plans != NULL && scenario_plans->len > 0)
        {
          for (k = 0; k < scenario_plans->len; k++)
            g_ptr_array_add (plans, g_object_ref (g_ptr_array_index (scenario_plans, k)));
          continue;
        }
      plan = attrib_commission_plan_new_from_file (file, NULL, error);
      if (plan == NULL)
        return FALSE;
      g_ptr_array_add (plans, plan);
    }
  return TRUE;
}

/* The files of a store just created, gone again (SQLite's journal beside
 * it too). */
static void
remove_store_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

static int
store_create (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) secret = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *signing_key = NULL;
  g_auto(GStrv) plan_files = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_arg,
      N_("The project's regulation: a built-in profile id or a profile file"), "ID|FILE" },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plan_files,
      N_("A commission plan file, or a scenario whose plans to take (repeatable)"), "FILE" },
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &signing_key,
      N_("Sign receipts and tree heads with this Ed25519 secret key (attrib store keygen)"), "FILE" },
    { NULL }
  };
  const char *path;
  guint i;

  if (!parse_options ("create", _("STORE --profile ID|FILE — create a project's store"), entries, &argc, &argv))
    return 2;
  if (argc != 2 || profile_arg == NULL)
    return usage_error ("create", _("give the store's file and --profile"));
  path = argv[1];

  /* everything read before the file is made */
  profile = load_profile_arg (profile_arg, &error);
  if (profile == NULL || !load_plans (plan_files, plans, &error) ||
      (signing_key != NULL && (secret = read_signing_key (signing_key, &error)) == NULL))
    return fail ("create", error, 1);

  store = attrib_store_create (path, profile, get_phone_key (), &error);
  if (store == NULL)
    return fail ("create", error, 1);
  for (i = 0; i < plans->len && error == NULL; i++)
    attrib_store_add_plan (store, g_ptr_array_index (plans, i), &error);
  if (error == NULL && secret != NULL)
    attrib_store_set_signing_key (store, secret, &error);
  if (error != NULL)
    {
      g_clear_object (&store);
      remove_store_files (path);
      return fail ("create", error, 1);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Created %s: profile %s (%s), phones %s, %u commission plan\n",
                        "Created %s: profile %s (%s), phones %s, %u commission plans\n", plans->len),
           path, attrib_profile_get_id (profile), attrib_profile_get_title (profile),
           attrib_store_get_phones_hashed (store) ? _("kept only as keyed hashes") : _("kept as given"), plans->len);
  if (attrib_store_get_public_key (store) != NULL)
    g_print (_("  public key (what channels check receipts against): %s\n"), attrib_store_get_public_key (store));
  else
    g_print (_("  no signing key: receipts and tree heads are not signed\n"));
  return 0;
}

/* @length random bytes from the kernel: getrandom(2), or /dev/urandom
 * where the call is missing. */
static gboolean
random_bytes (guint8  *out,
              gsize    length,
              GError **error)
{
  gsize done = 0;
  int fd;

#ifdef HAVE_GETRANDOM
  while (done < length)
    {
      ssize_t n = getrandom (out + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      done += (gsize) n;
    }
  if (done == length)
    return TRUE;
  done = 0;
#endif
  fd = g_open ("/dev/urandom", O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot read /dev/urandom: %s"),
                   g_strerror (saved));
      return FALSE;
    }
  while (done < length)
    {
      ssize_t n = read (fd, out + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : EIO;

          close (fd);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot read /dev/urandom: %s"),
                       g_strerror (saved));
          return FALSE;
        }
      done += (gsize) n;
    }
  close (fd);
  return TRUE;
}

/* Writes a new secret key to @path: a new file (never over another),
 * mode 0600 whatever the umask, on the disk before we return. */
static gboolean
write_secret_key (const char  *path,
                  GError     **error)
{
  guint8 secret[SECRET_KEY_SIZE];
  gsize done = 0;
  int fd, saved;

  if (!random_bytes (secret, sizeof secret, error))
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      wipe (secret, sizeof secret);
      if (saved == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s exists already: a key is never written over another"),
                     path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot create %s: %s"), path,
                     g_strerror (saved));
      return FALSE;
    }
  if (fchmod (fd, 0600) < 0)
    goto failed;
  while (done < sizeof secret)
    {
      ssize_t n = write (fd, secret + done, sizeof secret - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        goto failed;
      done += (gsize) n;
    }
  if (fsync (fd) < 0)
    goto failed;
  wipe (secret, sizeof secret);
  if (close (fd) < 0)
    {
      saved = errno;
      g_unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot write %s: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;

failed:
  saved = errno;
  wipe (secret, sizeof secret);
  close (fd);
  g_unlink (path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("cannot write %s: %s"), path,
               g_strerror (saved));
  return FALSE;
}

static int
store_keygen (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { NULL }
  };

  if (!parse_options ("keygen", _("FILE — write a new Ed25519 secret key for signing a store (mode 0600)"), entries,
                      &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error ("keygen", _("give the key's file"));
  if (!write_secret_key (argv[1], &error))
    return fail ("keygen", error, 1);
  g_print (_("Wrote a new Ed25519 secret key to %s (mode 0600). Keep it secret and keep a copy:\n"
             "`attrib store create --signing-key %s` records its public half in the store and prints it.\n"),
           argv[1], argv[1]);
  return 0;
}

/* ---- import, append ---- */

static int
store_import (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *signing_key = NULL;
  GOptionEntry entries[] = {
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &signing_key,
      N_("Sign the log's head printed after with the store's Ed25519 secret key"), "FILE" },
    { NULL }
  };
  guint64 added = 0;

  if (!parse_options ("import", _("STORE FILE — append a file's events (a scenario, a JSON array, JSON Lines or CSV)"),
                      entries, &argc, &argv))
    return 2;
  if (argc != 3)
    return usage_error ("import", _("give the store and one file of events"));
  store = open_store (argv[1], TRUE, &error);
  if (store == NULL || !apply_signing_key (store, signing_key, &error))
    return fail ("import", error, 1);
  file = g_file_new_for_commandline_arg (argv[2]);
  if (!cmd_import_file (store, file, &added, &error))
    return fail ("import", error, 1);
  head = attrib_store_get_tree_head (store, 0, &error);
  if (head == NULL)
    return fail ("import", error, 1);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%llu event added from %s (events already in the store are skipped)\n",
                        "%llu events added from %s (events already in the store are skipped)\n", added),
           (unsigned long long) added, argv[2]);
  print_head_line (head);
  return 0;
}

/* A receipt for people: position, event, when, the report's decision,
 * the log after it. Reasons are the library's, phones masked. */
static void
print_receipt (AttribStore   *store,
               AttribEvent   *event,
               AttribReceipt *receipt)
{
  AttribTreeHead *head = attrib_receipt_get_tree_head (receipt);
  g_autofree char *appended = format_time (store, attrib_tree_head_get_timestamp (head));
  g_autofree char *id = show_phone (attrib_receipt_get_event (receipt));

  g_print (_("#%llu %s “%s” appended %s\n"), (unsigned long long) attrib_receipt_get_position (receipt),
           nick (ATTRIB_TYPE_EVENT_TYPE, attrib_event_get_event_type (event)), id, appended);
  if (attrib_receipt_is_report (receipt))
    {
      const char *holder = attrib_receipt_get_holder (receipt);
      const char *reason = attrib_receipt_get_reason (receipt);

      if (!attrib_receipt_get_accepted (receipt))
        g_print (_("  report rejected: %s\n"), reason != NULL ? reason : "-");
      else if (holder != NULL)
        {
          g_autofree char *until = format_time (store, attrib_receipt_get_until (receipt));

          g_print (_("  report accepted: %s holds the customer until %s\n"), holder, until);
        }
      else
        g_print (_("  report accepted; it started no claim\n"));
    }
  print_head_line (head);
}

/* A file of JSON Lines by its name, as attrib_ledger_load_file() tells. */
static gboolean
json_lines_name (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  return g_str_has_suffix (lower, ".jsonl") || g_str_has_suffix (lower, ".ndjson");
}

/* Whether @text holds more than one JSON value one after the other
 * (JSON Lines, whatever the file's name), rather than one value over any
 * number of lines: a scan of brackets outside strings, once over the text. */
static gboolean
several_values (const char *text)
{
  gboolean in_string = FALSE, ended = FALSE;
  int depth = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      if (g_ascii_isspace (*p))
        continue;
      /* objects separated by commas are an array without its brackets
       * (wrapped, as before), not JSON Lines */
      if (ended)
        return *p != ',';
      if (*p == '"')
        in_string = TRUE;
      else if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        ended = TRUE;
    }
  return FALSE;
}

static int
store_append (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribLedger) scratch = NULL;
  g_autoptr(GString) data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *signing_key = NULL;
  g_autofree char *receipt_path = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &signing_key,
      N_("Sign the receipts with the store's Ed25519 secret key"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the receipts as JSON Lines (they hold the events' phones: with --show-phones, "
         "or in a store of hashed phones)"), NULL },
    { "receipt", 0, 0, G_OPTION_ARG_FILENAME, &receipt_path,
      N_("Also save the receipts, JSON Lines, in this new file (mode 0600)"), "FILE" },
    { NULL }
  };
  const char *start;
  FILE *receipts = NULL;
  gboolean ok, lines;
  guint i, n;
  int status = 0;

  if (!parse_options ("append", _("STORE EVENT-FILE — append events to the log and print their receipts"), entries,
                      &argc, &argv))
    return 2;
  if (argc != 3)
    return usage_error ("append", _("give the store and one file of events"));
  text = read_text (argv[2], &error);
  if (text == NULL)
    return fail ("append", error, 1);

  store = open_store (argv[1], TRUE, &error);
  if (store == NULL)
    return fail ("append", error, 1);
  if (json && !attrib_get_show_phones () && !attrib_store_get_phones_hashed (store))
    return usage_error ("append", _("a receipt holds its event's phones as the store keeps them, in full: "
                                    "add --show-phones to print receipts, or save them with --receipt FILE"));
  if (!apply_signing_key (store, signing_key, &error))
    return fail ("append", error, 1);

  /* one event object, an array of them, or JSON Lines (a .jsonl or
   * .ndjson name, or one object after another): read as a scenario's
   * events are, in the profile's time zone */
  for (start = text; g_ascii_isspace (*start); start++)
    ;
  lines = *start != '[' && (json_lines_name (argv[2]) || several_values (start));
  data = g_string_new (NULL);
  if (*start == '[' || lines)
    g_string_append (data, text);
  else
    g_string_append_printf (data, "[%s\n]", text);
  scratch = attrib_ledger_new_full (attrib_profile_get_time_zone_identifier (attrib_store_get_profile (store)), NULL,
                                    &error);
  if (scratch == NULL)
    return fail ("append", error, 1);
  if (lines)
    ok = attrib_ledger_load_json_lines (scratch, data->str, (gssize) data->len, argv[2], &error);
  else
    ok = attrib_ledger_load_data (scratch, data->str, (gssize) data->len, argv[2], &error);
  if (!ok)
    return fail ("append", error, 1);
  n = attrib_ledger_get_n_events (scratch);
  if (n == 0)
    return fail_with ("append", 1, _("%s holds no event"), argv[2]);

  if (receipt_path != NULL)
    {
      int fd = g_open (receipt_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd < 0 || (receipts = fdopen (fd, "w")) == NULL)
        {
          int saved = errno;

          if (fd >= 0)
            close (fd);
          if (saved == EEXIST)
            return fail_with ("append", 1, _("%s exists already: receipts are saved in a new file"), receipt_path);
          return fail_with ("append", 1, _("cannot create %s: %s"), receipt_path, g_strerror (saved));
        }
    }

  /* in the ledger's order: time, then sequence, then id */
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (scratch, i);
      g_autoptr(AttribReceipt) receipt = attrib_store_append (store, ev, &error);
      g_autofree char *receipt_json = NULL;

      if (receipt == NULL)
        {
          if (i > 0)
            g_prefix_error (&error, g_dngettext (GETTEXT_PACKAGE, "%u event was appended before this one: ",
                                                 "%u events were appended before this one: ", i), i);
          status = fail ("append", error, 1);
          break;
        }
      receipt_json = attrib_receipt_to_json (receipt);
      if (receipts != NULL)
        fprintf (receipts, "%s\n", receipt_json);
      if (json)
        print_json (receipt_json);
      else
        print_receipt (store, ev, receipt);
    }
  if (receipts != NULL)
    {
      if (fflush (receipts) != 0 || fsync (fileno (receipts)) != 0 || ferror (receipts))
        status = fail_with ("append", 1, _("cannot write %s: %s"), receipt_path, g_strerror (errno));
      fclose (receipts);
    }
  return status;
}

/* ---- the desk ---- */

static void
print_claim (AttribStore *store,
             AttribClaim *claim)
{
  g_autofree char *begin = format_time (store, attrib_claim_get_begin (claim));
  g_autofree char *end = format_time (store, attrib_claim_get_end (claim));
  g_autofree char *state = pad (nick (ATTRIB_TYPE_CLAIM_STATE, attrib_claim_get_state (claim)), 10);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *holder = pad (attrib_claim_get_holder (claim) != NULL
                                 ? shown_in (pool, attrib_claim_get_holder (claim)) : "-", 18);
  const char *clause = attrib_claim_get_clause (claim);
  const char *reason = attrib_claim_get_reason (claim);

  g_print ("  %s %s %s → %s  “%s” [%s]%s%s\n", state, holder, begin, end,
           attrib_claim_get_event (claim) != NULL ? shown_in (pool, attrib_claim_get_event (claim)) : "-",
           clause != NULL ? shown_in (pool, clause) : "-", reason != NULL ? " — " : "", reason != NULL ? reason : "");
}

static int
store_desk (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribPerson) person = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;
  g_autofree char *at_arg = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *when = NULL;
  g_autofree char *shown_phone = NULL;
  g_autofree char *shown_name = NULL;
  GOptionEntry entries[] = {
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone,
      N_("The customer's phone: full, or masked as a channel reports it"), "PHONE" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The customer's name"), "NAME" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_arg, N_("When the customer arrives (default: now)"), "TIME" },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent,
      N_("The agent who brings the customer: also the desk's check of that visit"), "PARTY" },
    { NULL }
  };
  AttribLedger *ledger;
  AttribEngine *engine;
  GTimeZone *tz;
  AttribTime at;

  if (!parse_options ("desk", _("STORE --phone PHONE — the sales desk's answer for a customer who arrives"), entries,
                      &argc, &argv))
    return 2;
  if (argc != 2 || (phone == NULL && name == NULL))
    return usage_error ("desk", _("give the store, and --phone or --name"));
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("desk", error, 1);
  if (phone != NULL && attrib_store_get_phones_hashed (store) && get_phone_key () == NULL &&
      !attrib_phone_is_hashed (phone))
    return fail_with ("desk", 1, _("%s keeps phones only as keyed hashes: give its key (--phone-key FILE) to "
                                   "look a phone up"), argv[1]);
  ledger = attrib_store_get_ledger (store);
  engine = attrib_store_get_engine (store);
  tz = attrib_ledger_get_time_zone (ledger);
  at = g_get_real_time ();
  if (at_arg != NULL && !attrib_time_parse (at_arg, tz, &at, &error))
    return fail ("desk", error, 2);
  when = attrib_time_format (at, tz);
  shown_phone = phone != NULL ? show_phone (phone) : NULL;
  shown_name = name != NULL ? show_phone (name) : NULL;

  g_print (_("Customer %s%s%s at %s\n"), name != NULL ? shown_name : "", name != NULL && phone != NULL ? " " : "",
           shown_phone != NULL ? shown_phone : "", when);
  person = attrib_ledger_find_person (ledger, name, phone, &error);
  if (person == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
    return fail ("desk", error, 1);
  if (person == NULL)
    {
      g_print (_("  not in the store: a new customer, held by no one\n"));
      g_clear_error (&error);
    }
  else
    {
      g_autoptr(GPtrArray) claims = attrib_engine_get_claims (engine, ledger, person, at, &error);
      g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
      g_auto(GStrv) shown_phones = NULL;
      g_autofree char *joined = g_strjoinv ("/", (char **) attrib_person_get_names (person));
      g_autofree char *names = show_phone (joined);
      g_autofree char *phones = NULL;
      const char * const *person_phones = attrib_person_get_phones (person);
      gboolean held = FALSE;
      guint i;

      if (claims == NULL)
        return fail ("desk", error, 1);
      for (i = 0; person_phones[i] != NULL; i++)
        {
          g_autofree char *one = show_phone (person_phones[i]);

          g_strv_builder_add (shown, one);
        }
      shown_phones = g_strv_builder_end (shown);
      phones = g_strjoinv (", ", shown_phones);
      g_print (_("  the store's person #%u: %s, %s\n"), attrib_person_get_id (person),
               *names != '\0' ? names : _("(no name)"), *phones != '\0' ? phones : _("(no phone)"));
      if (claims->len == 0)
        g_print (_("  no claim, no confirmation\n"));
      else
        g_print (_("  claims and confirmations:\n"));
      for (i = 0; i < claims->len; i++)
        print_claim (store, g_ptr_array_index (claims, i));
      for (i = 0; i < claims->len; i++)
        {
          AttribClaim *claim = g_ptr_array_index (claims, i);
          g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *end = NULL;

          if (attrib_claim_get_state (claim) != ATTRIB_CLAIM_STATE_ACTIVE)
            continue;
          end = format_time (store, attrib_claim_get_end (claim));
          g_print (_("Held by %s until %s (clause %s, “%s”)\n"), shown_in (pool, attrib_claim_get_holder (claim)), end,
                   attrib_claim_get_clause (claim) != NULL ? shown_in (pool, attrib_claim_get_clause (claim)) : "-",
                   attrib_claim_get_event (claim) != NULL ? shown_in (pool, attrib_claim_get_event (claim)) : "-");
          held = TRUE;
        }
      if (!held)
        g_print (_("Held by no one at this time\n"));
    }

  if (agent != NULL)
    {
      g_autoptr(AttribEvent) visit = NULL;
      g_autoptr(AttribEvent) taken = NULL;
      g_autoptr(AttribClaim) answer = NULL;
      g_autofree char *id = g_strdup ("desk-check");
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      guint k;

      /* an id no event of the store has */
      for (k = 2; (taken = attrib_ledger_lookup_event (ledger, id)) != NULL; k++)
        {
          g_clear_pointer (&taken, attrib_event_unref);
          g_free (id);
          id = g_strdup_printf ("desk-check-%u", k);
        }
      visit = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, at);
      attrib_event_set_customer (visit, name, phone);
      attrib_event_add_agent (visit, agent, 0);
      answer = attrib_engine_check (engine, ledger, visit, &error);
      if (answer == NULL)
        return fail ("desk", error, 1);
      if (attrib_claim_get_state (answer) == ATTRIB_CLAIM_STATE_REJECTED)
        g_print (_("Check of a visit with %s: rejected [%s]: %s\n"), shown_in (pool, agent),
                 attrib_claim_get_clause (answer) != NULL ? shown_in (pool, attrib_claim_get_clause (answer)) : "-",
                 attrib_claim_get_reason (answer) != NULL ? attrib_claim_get_reason (answer) : "-");
      else
        {
          g_autofree char *end = format_time (store, attrib_claim_get_end (answer));

          g_print (_("Check of a visit with %s: %s holds the customer until %s [%s]\n"), shown_in (pool, agent),
                   attrib_claim_get_holder (answer) != NULL ? shown_in (pool, attrib_claim_get_holder (answer)) : "-", end,
                   attrib_claim_get_clause (answer) != NULL ? shown_in (pool, attrib_claim_get_clause (answer)) : "-");
        }
    }
  return 0;
}

/* ---- changes ---- */

/* "decided: lianjia 1/2, 5i5j 1/2 [3.4]", or "(no verdict)" */
static char *
describe_verdict (AttribVerdict *verdict)
{
  g_autofree char *shares = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *clauses = NULL;

  if (verdict == NULL)
    return g_strdup (_("(no verdict)"));
  shares = shares_line (verdict, ATTRIB_SHARE_KIND_PERFORMANCE);
  joined = g_strjoinv (", ", (char **) attrib_verdict_get_clauses (verdict));
  clauses = show_phone (joined);
  if (*clauses == '\0')
    return g_strdup_printf ("%s: %s", attrib_verdict_status_get_label (attrib_verdict_get_status (verdict)), shares);
  return g_strdup_printf ("%s: %s [%s]", attrib_verdict_status_get_label (attrib_verdict_get_status (verdict)),
                          shares, clauses);
}

static void
print_change (const char    *deal,
              AttribVerdict *before,
              AttribVerdict *after,
              gboolean       json)
{
  if (json)
    {
      g_autoptr(GString) line = g_string_new ("{\"deal\": ");
      g_autofree char *a = before != NULL ? attrib_verdict_to_json (before) : g_strdup ("null");
      g_autofree char *b = after != NULL ? attrib_verdict_to_json (after) : g_strdup ("null");

      g_autofree char *deal_shown = show_phone (deal);

      append_json_string (line, deal_shown);
      g_string_append_printf (line, ", \"before\": %s, \"after\": %s}", a, b);
      print_json (line->str);
    }
  else
    {
      g_autofree char *a = describe_verdict (before);
      g_autofree char *b = describe_verdict (after);
      g_autofree char *deal_shown = show_phone (deal);
      g_autofree char *deal_col = pad (deal_shown, 8);

      g_print ("  %s %s → %s\n", deal_col, a, b);
    }
}

static int
store_changes (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribLedger) before = NULL;
  g_autoptr(GPtrArray) old_verdicts = NULL;
  g_autoptr(GPtrArray) new_verdicts = NULL;
  g_autoptr(GHashTable) old_by_deal = NULL;
  gint64 since = -1;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_INT64, &since,
      N_("The log position of the first event to count (the log's size when last asked)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines: the deal, its verdict before and after"), NULL },
    { NULL }
  };
  AttribLedger *ledger;
  AttribEngine *engine;
  guint64 size, p;
  guint i, changed = 0;

  if (!parse_options ("changes", _("STORE --since N — the verdicts the events from log position N on changed"),
                      entries, &argc, &argv))
    return 2;
  if (argc != 2 || since < 0)
    return usage_error ("changes", _("give the store and --since N (a log position, from 0)"));
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("changes", error, 1);
  size = attrib_store_get_size (store);
  if ((guint64) since > size)
    return fail_with ("changes", 1, _("the log has %llu events: --since is at most that"), (unsigned long long) size);
  ledger = attrib_store_get_ledger (store);
  engine = attrib_store_get_engine (store);
  set_engine_threads (engine);

  /* the log's first N events, in the log's order */
  before = attrib_ledger_new_full (attrib_ledger_get_time_zone_identifier (ledger), get_phone_key (), &error);
  if (before == NULL)
    return fail ("changes", error, 1);
  for (p = 0; p < (guint64) since; p++)
    {
      g_autoptr(AttribEvent) ev = attrib_store_get_event (store, p, &error);

      if (ev == NULL || !attrib_ledger_add_event (before, ev, &error))
        return fail ("changes", error, 1);
    }
  attrib_ledger_freeze (before);

  old_verdicts = attrib_engine_attribute_all (engine, before, &error);
  if (old_verdicts == NULL)
    return fail ("changes", error, 1);
  new_verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (new_verdicts == NULL)
    return fail ("changes", error, 1);
  old_by_deal = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < old_verdicts->len; i++)
    {
      AttribVerdict *v = g_ptr_array_index (old_verdicts, i);

      g_hash_table_insert (old_by_deal, (gpointer) attrib_verdict_get_deal (v), v);
    }

  if (!json && (guint64) since == size)
    g_print (_("No event at log position %llu or after it\n"), (unsigned long long) since);
  else if (!json)
    {
      unsigned long long n_new = size - (guint64) since;
      g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu event", "%llu events", n_new),
                                                 n_new);

      g_print (_("The events at log positions %llu to %llu (%s):\n"), (unsigned long long) since,
               (unsigned long long) size - 1, events);
    }
  for (i = 0; i < new_verdicts->len; i++)
    {
      AttribVerdict *now = g_ptr_array_index (new_verdicts, i);
      AttribVerdict *then = g_hash_table_lookup (old_by_deal, attrib_verdict_get_deal (now));

      g_hash_table_remove (old_by_deal, attrib_verdict_get_deal (now));
      if (then != NULL && g_str_equal (attrib_verdict_get_fingerprint (then), attrib_verdict_get_fingerprint (now)))
        continue;
      print_change (attrib_verdict_get_deal (now), then, now, json);
      changed++;
    }
  /* a deal the later log no longer has (a log only grows: never, but
   * said if so), in the earlier log's order, not the table's */
  for (i = 0; i < old_verdicts->len; i++)
    {
      AttribVerdict *then = g_ptr_array_index (old_verdicts, i);

      if (!g_hash_table_contains (old_by_deal, attrib_verdict_get_deal (then)))
        continue;
      print_change (attrib_verdict_get_deal (then), then, NULL, json);
      changed++;
    }
  if (!json)
    {
      if (changed == 0)
        g_print (_("  no verdict changed\n"));
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u verdict changed\n", "%u verdicts changed\n", changed), changed);
    }
  return 0;
}

/* ---- statements, close ---- */

static void
print_statements (GPtrArray *statements,
                  GTimeZone *tz,
                  gboolean   csv)
{
  guint i;

  for (i = 0; i < statements->len; i++)
    {
      AttribStatement *statement = g_ptr_array_index (statements, i);

      if (csv)
        {
          g_autofree char *text = attrib_statement_to_csv (statement);
          const char *rows = strchr (text, '\n');

          /* one header for all; UTF-8 whatever the locale, as JSON */
          print_utf8 (i == 0 || rows == NULL ? text : rows + 1);
        }
      else
        {
          if (i > 0)
            g_print ("\n");
          print_statement (statement, tz);
        }
    }
}

/* Whether the statements worked out now are, byte for byte, those
 * recorded when the month was closed. */
static gboolean
same_statements (GPtrArray *statements,
                 char     **recorded)
{
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  for (i = 0; recorded[i] != NULL; i++)
    g_hash_table_add (kept, recorded[i]);
  if (g_hash_table_size (kept) != statements->len)
    return FALSE;
  for (i = 0; i < statements->len; i++)
    {
      g_autofree char *json = attrib_statement_to_json (g_ptr_array_index (statements, i));

      if (!g_hash_table_contains (kept, json))
        return FALSE;
    }
  return TRUE;
}

static int
store_statements (int    argc,
                  char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *closed = NULL;
  g_auto(GStrv) recorded = NULL;
  gboolean json = FALSE, csv = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines (a closed month's: as recorded)"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };
  const char *period;
  GTimeZone *tz;
  gboolean is_closed;
  guint i;

  if (!parse_options ("statements", _("STORE YYYY-MM — a month's statements: as recorded if it is closed"), entries,
                      &argc, &argv))
    return 2;
  if (argc != 3 || (json && csv))
    return usage_error ("statements", _("give the store and a month, and --json or --csv"));
  period = argv[2];
  if (!is_month (period))
    return usage_error ("statements", _("the month is YYYY-MM"));
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("statements", error, 1);
  tz = attrib_ledger_get_time_zone (attrib_store_get_ledger (store));
  closed = attrib_store_get_closed_period (store);
  is_closed = closed != NULL && strcmp (period, closed) <= 0;

  if (is_closed)
    {
      recorded = attrib_store_get_closed_statements (store, period, &error);
      if (recorded == NULL && !g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND))
        return fail ("statements", error, 1);
      g_clear_error (&error);
    }
  if (recorded != NULL && json)
    {
      for (i = 0; recorded[i] != NULL; i++)
        print_json (recorded[i]);
      return 0;
    }

  statements = attrib_calculator_get_statements (attrib_store_get_calculator (store), attrib_store_get_ledger (store),
                                                 period, &error);
  if (statements == NULL)
    return fail ("statements", error, 1);
  if (recorded != NULL && !same_statements (statements, recorded))
    /* the recorded ones are the truth; say so rather than print others */
    return fail_with ("statements", 1, _("the statements worked out now for %s are not those recorded when it was "
                                         "closed (another libattrib?): --json prints the recorded ones"), period);
  if (json)
    {
      for (i = 0; i < statements->len; i++)
        {
          g_autofree char *text = attrib_statement_to_json (g_ptr_array_index (statements, i));

          print_json (text);
        }
      return 0;
    }
  if (!csv)
    {
      if (recorded != NULL)
        g_print (_("%s is closed: the statements recorded when it was closed\n\n"), period);
      else if (is_closed)
        g_print (_("%s is closed (a later month was closed with it): no statements were recorded for it; "
                   "they are worked out now and cannot change\n\n"), period);
      else
        g_print (_("%s is open: the statements as they stand now; they change until the month is closed\n\n"),
                 period);
      if (statements->len == 0)
        g_print (_("No party has a statement for %s.\n"), period);
    }
  print_statements (statements, tz, csv);
  return 0;
}

static int
store_close (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autofree char *signing_key = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the recorded statements as JSON Lines"), NULL },
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &signing_key,
      N_("Sign the log's head printed after with the store's Ed25519 secret key"), "FILE" },
    { NULL }
  };
  guint i;

  if (!parse_options ("close", _("STORE YYYY-MM — close a settlement month and record its statements"), entries,
                      &argc, &argv))
    return 2;
  if (argc != 3)
    return usage_error ("close", _("give the store and a month"));
  if (!is_month (argv[2]))
    return usage_error ("close", _("the month is YYYY-MM"));
  store = open_store (argv[1], TRUE, &error);
  if (store == NULL || !apply_signing_key (store, signing_key, &error))
    return fail ("close", error, 1);
  statements = attrib_store_close_period (store, argv[2], &error);
  if (statements == NULL)
    return fail ("close", error, 1);
  if (json)
    {
      g_auto(GStrv) recorded = attrib_store_get_closed_statements (store, argv[2], &error);

      if (recorded == NULL)
        return fail ("close", error, 1);
      for (i = 0; recorded[i] != NULL; i++)
        print_json (recorded[i]);
      return 0;
    }
  head = attrib_store_get_tree_head (store, 0, &error);
  if (head == NULL)
    return fail ("close", error, 1);
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Closed %s: %u statement recorded; events dated in it or before are refused from now on\n",
                        "Closed %s: %u statements recorded; events dated in it or before are refused from now on\n",
                        statements->len),
           argv[2], statements->len);
  for (i = 0; i < statements->len; i++)
    {
      AttribStatement *s = g_ptr_array_index (statements, i);
      g_autofree char *party = pad (attrib_statement_get_party (s), 16);
      g_autofree char *payable = attrib_money_format (attrib_statement_get_payable (s));

      g_print (_("  %s payable %15s  %s\n"), party, payable, attrib_statement_get_fingerprint (s));
    }
  print_head_line (head);
  return 0;
}

/* ---- verify, head, prove, check-receipt ---- */

static int
store_verify (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribTreeHead) trusted = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autofree char *head_path = NULL;
  GOptionEntry entries[] = {
    { "head", 0, 0, G_OPTION_ARG_FILENAME, &head_path,
      N_("A tree head you hold (attrib store head, or a receipt's): check the log still extends it"), "FILE" },
    { NULL }
  };
  unsigned long long size;
  g_autofree char *events = NULL;

  if (!parse_options ("verify", _("STORE — check a store end to end: its database, every event, the Merkle tree"),
                      entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error ("verify", _("give the store"));
  if (head_path != NULL)
    {
      g_autofree char *text = read_text (head_path, &error);

      /* a read error names the file already */
      if (text == NULL)
        return fail ("verify", error, 1);
      if ((trusted = attrib_tree_head_new_from_json (text, -1, &error)) == NULL)
        {
          g_prefix_error (&error, "%s: ", head_path);
          return fail ("verify", error, 1);
        }
    }
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("verify", error, 1);
  /* a signed head must be the store's own */
  if (trusted != NULL && attrib_tree_head_get_signature (trusted) != NULL &&
      attrib_store_get_public_key (store) != NULL &&
      !attrib_tree_head_verify (trusted, attrib_store_get_public_key (store), &error))
    {
      g_prefix_error (&error, "%s: ", head_path);
      return fail ("verify", error, 1);
    }
  if (!attrib_store_verify (store, trusted, &error))
    return fail ("verify", error, 1);
  head = attrib_store_get_tree_head (store, 0, &error);
  if (head == NULL)
    return fail ("verify", error, 1);
  size = attrib_tree_head_get_size (head);
  events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%llu event", "%llu events", size), size);
  if (trusted != NULL)
    g_print (_("OK: %s, root %s; the log extends the head of %llu held\n"), events, attrib_tree_head_get_root (head),
             (unsigned long long) attrib_tree_head_get_size (trusted));
  else
    g_print (_("OK: %s, root %s\n"), events, attrib_tree_head_get_root (head));
  return 0;
}

static int
store_head (int    argc,
            char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autofree char *signing_key = NULL;
  g_autofree char *json = NULL;
  gint64 size = 0;
  gboolean public_key = FALSE;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_INT64, &size, N_("The head of the log's first N events (default: the log now)"), "N" },
    { "signing-key", 0, 0, G_OPTION_ARG_FILENAME, &signing_key,
      N_("Sign the head with the store's Ed25519 secret key"), "FILE" },
    { "public-key", 0, 0, G_OPTION_ARG_NONE, &public_key,
      N_("Print the store's public key instead: what channels check receipts and heads against"), NULL },
    { NULL }
  };

  if (!parse_options ("head", _("STORE — the log's tree head, as JSON"), entries, &argc, &argv))
    return 2;
  if (argc != 2 || size < 0)
    return usage_error ("head", _("give the store (and --size N, N ≥ 0)"));
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("head", error, 1);
  if (public_key)
    {
      if (attrib_store_get_public_key (store) == NULL)
        return fail_with ("head", 1, _("%s has no signing key"), argv[1]);
      g_print ("%s\n", attrib_store_get_public_key (store));
      return 0;
    }
  if (!apply_signing_key (store, signing_key, &error))
    return fail ("head", error, 1);
  head = attrib_store_get_tree_head (store, (guint64) size, &error);
  if (head == NULL)
    return fail ("head", error, 1);
  json = attrib_tree_head_to_json (head);
  print_json (json);
  if (attrib_tree_head_get_signature (head) == NULL && attrib_store_get_public_key (store) != NULL)
    fail_with ("head", 0, _("the head is not signed: give --signing-key FILE to sign it (the store's public key is %s)"),
               attrib_store_get_public_key (store));
  return 0;
}

static int
store_prove (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribProof) proof = NULL;
  g_autofree char *json = NULL;
  gint64 size = 0, first = -1;
  GOptionEntry entries[] = {
    { "size", 0, 0, G_OPTION_ARG_INT64, &size, N_("The size of the log to prove against (default: the log now)"), "N" },
    { "consistency", 0, 0, G_OPTION_ARG_INT64, &first,
      N_("Prove instead that the log extends its first FIRST events"), "FIRST" },
    { NULL }
  };
  guint64 position = 0;

  if (!parse_options ("prove", _("STORE POSITION — an inclusion proof of the event at POSITION (JSON); "
                                 "or STORE --consistency FIRST"), entries, &argc, &argv))
    return 2;
  if (size < 0 || (first < 0 && (argc != 3 || !parse_count (argv[2], &position))) || (first >= 0 && argc != 2))
    return usage_error ("prove", _("give the store and an event's position, or the store and --consistency FIRST"));
  store = open_store (argv[1], FALSE, &error);
  if (store == NULL)
    return fail ("prove", error, 1);
  if (first >= 0)
    proof = attrib_store_prove_consistency (store, (guint64) first, (guint64) size, &error);
  else
    proof = attrib_store_prove_inclusion (store, position, (guint64) size, &error);
  if (proof == NULL)
    return fail ("prove", error, 1);
  json = attrib_proof_to_json (proof);
  print_json (json);
  return 0;
}

/* One receipt checked; says OK or why not (a receipt that does not
 * read is named by @where). */
static gboolean
check_one_receipt (const char     *where,
                   const char     *text,
                   const char     *key,
                   AttribProof    *proof,
                   AttribTreeHead *head,
                   GError        **error)
{
  g_autoptr(AttribReceipt) receipt = attrib_receipt_new_from_json (text, -1, error);
  g_autofree char *id = NULL;
  AttribTreeHead *against;

  if (receipt == NULL)
    {
      g_prefix_error (error, "%s: ", where);
      return FALSE;
    }
  if (!attrib_receipt_verify (receipt, key, proof, head, error))
    return FALSE;
  against = head != NULL ? head : attrib_receipt_get_tree_head (receipt);
  id = show_phone (attrib_receipt_get_event (receipt));
  g_print (_("OK: “%s” is at position %llu of the log of %llu events (root %s)"), id,
           (unsigned long long) attrib_receipt_get_position (receipt),
           (unsigned long long) attrib_tree_head_get_size (against), attrib_tree_head_get_root (against));
  if (key != NULL)
    g_print (_(", signed with %s\n"), key);
  else
    g_print (_("; signatures not checked (give --key)\n"));
  return TRUE;
}

static int
store_check_receipt (int    argc,
                     char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProof) proof = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autofree char *proof_path = NULL;
  g_autofree char *head_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GOptionEntry entries[] = {
    { "proof", 0, 0, G_OPTION_ARG_FILENAME, &proof_path,
      N_("An inclusion proof of the receipt's event (attrib store prove)"), "FILE" },
    { "head", 0, 0, G_OPTION_ARG_FILENAME, &head_path,
      N_("The tree head the proof leads to: the log's head now (attrib store head)"), "FILE" },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key,
      N_("The project's Ed25519 public key (64 hexadecimal digits): check the signatures"), "HEX" },
    { NULL }
  };
  guint i, n = 0;

  if (!parse_options ("check-receipt", _("RECEIPT-FILE — check a receipt without the store"), entries, &argc, &argv))
    return 2;
  if (argc != 2)
    return usage_error ("check-receipt", _("give one receipt file"));
  if (proof_path != NULL)
    {
      g_autofree char *proof_text = read_text (proof_path, &error);

      /* a read error names the file already */
      if (proof_text == NULL)
        return fail ("check-receipt", error, 1);
      if ((proof = attrib_proof_new_from_json (proof_text, -1, &error)) == NULL)
        {
          g_prefix_error (&error, "%s: ", proof_path);
          return fail ("check-receipt", error, 1);
        }
    }
  if (head_path != NULL)
    {
      g_autofree char *head_text = read_text (head_path, &error);

      if (head_text == NULL)
        return fail ("check-receipt", error, 1);
      if ((head = attrib_tree_head_new_from_json (head_text, -1, &error)) == NULL)
        {
          g_prefix_error (&error, "%s: ", head_path);
          return fail ("check-receipt", error, 1);
        }
    }
  text = read_text (argv[1], &error);
  if (text == NULL)
    return fail ("check-receipt", error, 1);

  /* a file of one receipt, or JSON Lines of several (append --receipt) */
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      n++;
  if (n <= 1)
    {
      if (!check_one_receipt (argv[1], text, key, proof, head, &error))
        return fail ("check-receipt", error, 1);
      return 0;
    }
  if (proof != NULL)
    return usage_error ("check-receipt", _("a proof is about one receipt: give a file of one receipt with --proof"));
  for (i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *where = NULL;

      if (*lines[i] == '\0')
        continue;
      where = g_strdup_printf ("%s:%u", argv[1], i + 1);
      if (!check_one_receipt (where, lines[i], key, NULL, head, &error))
        return fail ("check-receipt", error, 1);
    }
  return 0;
}

/* ---- the family ---- */

void
store_usage (FILE *to)
{
  /* asked for (--help): standard output; after a mistake: standard error */
  fprintf (to, "%s", _("Usage: attrib store SUBCOMMAND [ARGS…]\n\n"
                      "A project's store: one SQLite file with its profile, commission plans, the append-only\n"
                      "log of its events under a Merkle tree, and its closed settlement months.\n\n"
                      "Subcommands:\n"
                      "  create STORE --profile ID|FILE [--plan FILE]… [--signing-key FILE]\n"
                      "                                    create a store\n"
                      "  keygen FILE                       write a new Ed25519 signing key (mode 0600)\n"
                      "  import STORE FILE                 append a file's events\n"
                      "  append STORE EVENT-FILE [--json|--receipt FILE] [--signing-key FILE]\n"
                      "                                    append events, print their receipts\n"
                      "  desk STORE --phone P [--at TIME] [--agent PARTY]\n"
                      "                                    the sales desk's answer for a customer\n"
                      "  changes STORE --since N           the verdicts the events from position N on changed\n"
                      "  statements STORE YYYY-MM          a month's statements (a closed one's as recorded)\n"
                      "  close STORE YYYY-MM               close a settlement month, record its statements\n"
                      "  verify STORE [--head FILE]        check the store end to end\n"
                      "  head STORE [--size N]             the log's tree head (JSON); --public-key the key\n"
                      "  prove STORE POSITION [--size N]   an inclusion proof (JSON);\n"
                      "  prove STORE --consistency FIRST   a consistency proof (JSON)\n"
                      "  check-receipt FILE [--proof FILE] [--head FILE] [--key HEX]\n"
                      "                                    check a receipt without the store\n"
                      "\n"
                      "Each subcommand takes --help. --phone-key FILE opens a store of hashed phones (and makes\n"
                      "one, with create). Receipts hold their event's phones: they are printed with --show-phones\n"
                      "only, unless the store hashes phones.\n"));
}

int
cmd_store (int    argc,
           char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = {
    { "create", store_create },
    { "keygen", store_keygen },
    { "import", store_import },
    { "append", store_append },
    { "desk", store_desk },
    { "changes", store_changes },
    { "statements", store_statements },
    { "close", store_close },
    { "verify", store_verify },
    { "head", store_head },
    { "prove", store_prove },
    { "check-receipt", store_check_receipt },
  };
  guint i;

  if (argc < 2)
    {
      store_usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      store_usage (stdout);
      return 0;
    }
  for (i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (argc - 1, argv + 1);
  g_printerr (_("attrib store: unknown subcommand “%s”\n"), argv[1]);
  store_usage (stderr);
  return 2;
}

/* `attrib demo`'s last part: the sample project kept in a store of hashed
 * phones (so its receipts may be printed), a report appended with its
 * signed receipt, and the receipt checked with nothing but an inclusion
 * proof and the log's head, as a channel would. The keys are the demo's
 * own, fixed and public: never a real project's. */
int
demo_store (AttribProfile  *profile,
            AttribLedger   *ledger,
            GError        **error)
{
  static const char phone_key[] = "attrib demo phone key, public";
  g_autoptr(GBytes) key = g_bytes_new_static (phone_key, sizeof phone_key - 1);
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(AttribStore) store = NULL;
  g_autoptr(AttribEvent) report = NULL;
  g_autoptr(AttribReceipt) receipt = NULL;
  g_autoptr(AttribProof) proof = NULL;
  g_autoptr(AttribTreeHead) head = NULL;
  g_autoptr(AttribReceipt) held = NULL;
  g_autofree char *dir = NULL, *path = NULL, *json = NULL, *proof_json = NULL, *head_json = NULL;
  guint8 demo_secret[32];
  AttribTime at = 0;
  guint i;
  int status = 1;

  for (i = 0; i < sizeof demo_secret; i++)
    demo_secret[i] = (guint8) i;
  secret = g_bytes_new (demo_secret, sizeof demo_secret);
  dir = g_dir_make_tmp ("attrib-demo-XXXXXX", error);
  if (dir == NULL)
    return 1;
  path = g_build_filename (dir, "sample.attrib", NULL);
  store = attrib_store_create (path, profile, key, error);
  if (store == NULL || !attrib_store_set_signing_key (store, secret, error))
    goto out;
  for (i = 0; i < attrib_ledger_get_n_events (ledger); i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);
      g_autoptr(AttribReceipt) r = attrib_store_append (store, ev, error);

      if (r == NULL)
        goto out;
    }

  g_print (_("\nThe store (a SQLite file, phones kept hashed): the sample's %u events appended, each with its receipt; "
             "then a report by 5i5j for 赵六:\n"), attrib_ledger_get_n_events (ledger));
  attrib_time_parse ("2024-04-20T10:00:00+08:00", NULL, &at, NULL);
  report = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, "r-demo", at);
  attrib_event_set_customer (report, "赵六", "13900139000");
  attrib_event_set_party (report, "5i5j/liuyang");
  receipt = attrib_store_append (store, report, error);
  if (receipt == NULL)
    goto out;
  print_receipt (store, report, receipt);
  json = attrib_receipt_to_json (receipt);
  g_print (_("Receipt (JSON; the record's phone is a keyed hash):\n"));
  print_json (json);

  /* later, the channel asks for a proof against the log as it is now */
  proof = attrib_store_prove_inclusion (store, attrib_receipt_get_position (receipt), 0, error);
  head = attrib_store_get_tree_head (store, 0, error);
  if (proof == NULL || head == NULL)
    goto out;
  proof_json = attrib_proof_to_json (proof);
  head_json = attrib_tree_head_to_json (head);
  g_print (_("Inclusion proof (%u hashes) and the log's head:\n"), attrib_proof_get_n_hashes (proof));
  print_json (proof_json);
  print_json (head_json);
  held = attrib_receipt_new_from_json (json, -1, error);
  if (held == NULL || !attrib_receipt_verify (held, attrib_store_get_public_key (store), proof, head, error))
    goto out;
  g_print (_("Checked with the receipt, the proof, the head and the public key alone: "
             "“%s” is at position %llu of the log of %llu events, signed with %s\n"),
           attrib_receipt_get_event (held), (unsigned long long) attrib_receipt_get_position (held),
           (unsigned long long) attrib_tree_head_get_size (head), attrib_store_get_public_key (store));
  status = 0;

out:
  g_clear_object (&store);
  if (path != NULL)
    remove_store_files (path);
  g_rmdir (dir);
  return status;
}
