/* attrib-progress.c: the tool's --threads option and its progress line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Long work — a batch attribution, loading a big file, a store's import —
 * runs through the library's _async functions on a main loop of its own
 * when standard error is a terminal, and shows how far it has come on one
 * line of standard error, rewritten in place and cleared at the end; only
 * for work that lasts over a second. Standard output is the same either
 * way (machine-readable output never holds progress), and where standard
 * error is not a terminal (a pipe, a file, a CI log) the synchronous
 * functions run as before and nothing is shown.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include <attrib/attrib.h>

#include "attrib-cmd.h"

/* ---- --threads N, ATTRIB_THREADS ---- */

static gboolean threads_given;
static guint threads;

gboolean
apply_threads_option (int    *argc,
                      char ***argv)
{
  const char *env = g_getenv ("ATTRIB_THREADS");
  int i, j;

  /* the environment first (scripts, tests/bench/race's one-thread rows),
   * read as strictly as --threads: a value that is not 0 to
   * ATTRIB_MAX_THREADS is a mistake to say, not a number to guess (-1
   * must not mean 16). Empty is unset. */
  if (env != NULL && *env != '\0')
    {
      guint64 parsed;

      if (!g_ascii_string_to_unsigned (env, 10, 0, ATTRIB_MAX_THREADS, &parsed, NULL))
        {
          g_printerr (_("attrib: ATTRIB_THREADS “%s”: give 0 (one per processor) to %d\n"), env, ATTRIB_MAX_THREADS);
          return FALSE;
        }
      threads = (guint) parsed;
      threads_given = TRUE;
    }
  /* up to "--", after which every word is an argument */
  for (i = 1; i < *argc && !g_str_equal ((*argv)[i], "--"); i++)
    {
      const char *value = NULL;
      int n = 0;
      guint64 parsed;

      if (g_str_equal ((*argv)[i], "--threads"))
        {
          if (i + 1 >= *argc)
            {
              g_printerr ("attrib: %s\n", _("--threads needs a number"));
              return FALSE;
            }
          value = (*argv)[i + 1];
          n = 2;
        }
      else if (g_str_has_prefix ((*argv)[i], "--threads="))
        {
          value = (*argv)[i] + strlen ("--threads=");
          n = 1;
        }
      else
        continue;
      if (!g_ascii_string_to_unsigned (value, 10, 0, ATTRIB_MAX_THREADS, &parsed, NULL))
        {
          g_printerr (_("attrib: --threads “%s”: give 0 (one per processor) to %d\n"), value, ATTRIB_MAX_THREADS);
          return FALSE;
        }
      threads = (guint) parsed;
      threads_given = TRUE;
      for (j = i; j + n <= *argc; j++)
        (*argv)[j] = (*argv)[j + n];
      *argc -= n;
      i--;
    }
  return TRUE;
}

void
set_engine_threads (AttribEngine *engine)
{
  if (threads_given)
    attrib_engine_set_n_threads (engine, threads);
}

/* ---- the progress line ---- */

typedef enum
{
  UNIT_DEALS,
  UNIT_BYTES,
  UNIT_EVENTS,
} Unit;

typedef struct
{
  Unit unit;
  gint64 start;
  gint64 after;              /* µs of work before the line shows */
  gboolean shown;
  GMainContext *context;     /* the operation's, pushed while it runs */
  GAsyncResult *result;
} Line;

/* Whether long work shows a line: standard error is a terminal. */
static gboolean
wants_line (void)
{
  return isatty (STDERR_FILENO) == 1;
}

static void
line_init (Line *line,
           Unit  unit)
{
  /* ATTRIB_PROGRESS_AFTER_MS: how long work runs before the line shows
   * (1000 by default; tests/cli sets 0 to see it on small files) */
  const char *after = g_getenv ("ATTRIB_PROGRESS_AFTER_MS");

  memset (line, 0, sizeof *line);
  line->unit = unit;
  line->start = g_get_monotonic_time ();
  line->after = (after != NULL ? (gint64) g_ascii_strtoull (after, NULL, 10) : 1000) * 1000;
  /* the operation calls back, and reports, in a context of its own */
  line->context = g_main_context_new ();
  g_main_context_push_thread_default (line->context);
}

static void
line_update (guint64  done,
             guint64  total,
             gpointer data)
{
  Line *line = data;
  g_autofree char *text = NULL;
  guint percent = total > 0 ? (guint) (done * 100 / total) : 0;

  if (g_get_monotonic_time () - line->start < line->after)
    return;
  switch (line->unit)
    {
    case UNIT_DEALS:
      text = g_strdup_printf (_("attributing: %llu of %llu deals (%u%%)"), (unsigned long long) done,
                              (unsigned long long) total, percent);
      break;
    case UNIT_BYTES:
      {
        g_autofree char *a = g_format_size (done);
        g_autofree char *b = g_format_size (total);

        text = g_strdup_printf (_("loading events: %s of %s (%u%%)"), a, b, percent);
      }
      break;
    case UNIT_EVENTS:
    default:
      if (total == 0)
        text = g_strdup (_("importing: reading the file…"));
      else
        text = g_strdup_printf (_("importing: %llu of %llu events (%u%%)"), (unsigned long long) done,
                                (unsigned long long) total, percent);
      break;
    }
  /* the line rewritten in place */
  fprintf (stderr, "\r%s\033[K", text);
  fflush (stderr);
  line->shown = TRUE;
}

static void
line_got (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Line *line = data;

  line->result = g_object_ref (result);
}

/* Runs the context until the operation's callback, then clears the line;
 * the result is the line's until line_clear(). */
static GAsyncResult *
line_wait (Line *line)
{
  while (line->result == NULL)
    g_main_context_iteration (line->context, TRUE);
  if (line->shown)
    {
      fputs ("\r\033[K", stderr);
      fflush (stderr);
    }
  return line->result;
}

static void
line_clear (Line *line)
{
  g_clear_object (&line->result);
  g_main_context_pop_thread_default (line->context);
  g_main_context_unref (line->context);
}

GPtrArray *
cmd_attribute_all (AttribEngine  *engine,
                   AttribLedger  *ledger,
                   GError       **error)
{
  GPtrArray *verdicts;
  Line line;

  if (!wants_line ())
    return attrib_engine_attribute_all (engine, ledger, error);
  line_init (&line, UNIT_DEALS);
  attrib_engine_attribute_all_async (engine, ledger, NULL, line_update, &line, NULL, line_got, &line);
  verdicts = attrib_engine_attribute_all_finish (engine, line_wait (&line), error);
  line_clear (&line);
  return verdicts;
}

gboolean
cmd_load_file (AttribLedger  *ledger,
               GFile         *file,
               GError       **error)
{
  gboolean ok;
  Line line;

  if (!wants_line ())
    return attrib_ledger_load_file (ledger, file, NULL, error);
  line_init (&line, UNIT_BYTES);
  attrib_ledger_load_file_async (ledger, file, NULL, line_update, &line, NULL, line_got, &line);
  ok = attrib_ledger_load_file_finish (ledger, line_wait (&line), error);
  line_clear (&line);
  return ok;
}

gboolean
cmd_import_file (AttribStore  *store,
                 GFile        *file,
                 guint64      *out_added,
                 GError      **error)
{
  gboolean ok;
  Line line;

  if (!wants_line ())
    return attrib_store_import_file (store, file, out_added, error);
  line_init (&line, UNIT_EVENTS);
  attrib_store_import_file_async (store, file, NULL, line_update, &line, NULL, line_got, &line);
  ok = attrib_store_import_file_finish (store, line_wait (&line), out_added, error);
  line_clear (&line);
  return ok;
}
