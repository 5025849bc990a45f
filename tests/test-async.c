/* test-async.c: the _async functions, their cancellation and progress
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each _async function gives, byte for byte, what its synchronous form
 * gives (verdict JSON, statement JSON, the events loaded, the store's
 * log); cancelled before it starts or while it runs it fails with
 * G_IO_ERROR_CANCELLED and lets go of everything it held (the objects it
 * was given are finalised once the caller drops them); a batch cancelled
 * midway stops its workers between deals, where the progress shows it
 * stopped; progress arrives in the context of the call, in the calling
 * thread, never decreasing, ends at done == total before the callback and
 * never comes after it; errors (a missing file, a missing store) come
 * through the _finish function.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib/gstdio.h>

#include <attrib/attrib.h>

#include "attrib-event-record-private.h"

/* libattrib/attrib-engine-private.h (which needs the build's config.h):
 * called by a batch's threads after each deal */
extern void (*_attrib_engine_batch_deal_hook) (GCancellable *cancellable);

/* What one operation saw: its result, and every progress call. */
typedef struct
{
  GMainContext *context;
  GThread *thread;
  GAsyncResult *result;
  GArray *done;              /* guint64, per progress call */
  GArray *total;
  gboolean bad_context;      /* a progress call out of the context or thread */
  gboolean after_callback;   /* a progress call after the callback */
  guint destroyed;           /* progress_destroy calls */
  GCancellable *cancel_at_first;  /* cancelled at the first call with done > 0 */
  GCancellable *cancel_at_end;    /* cancelled at the call with done == total */
} Op;

static void
op_init (Op *op)
{
  memset (op, 0, sizeof *op);
  op->context = g_main_context_new ();
  op->thread = g_thread_self ();
  op->done = g_array_new (FALSE, FALSE, sizeof (guint64));
  op->total = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_main_context_push_thread_default (op->context);
}

static void
op_clear (Op *op)
{
  /* nothing comes after the callback, however long the context runs */
  while (g_main_context_iteration (op->context, FALSE))
    ;
  assert_false (op->after_callback);
  assert_false (op->bad_context);
  assert_int_equal (op->destroyed, 1);
  g_main_context_pop_thread_default (op->context);
  g_main_context_unref (op->context);
  g_clear_object (&op->result);
  g_array_unref (op->done);
  g_array_unref (op->total);
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer data)
{
  Op *op = data;

  if (g_thread_self () != op->thread || !g_main_context_is_owner (op->context) ||
      g_main_context_get_thread_default () != op->context)
    op->bad_context = TRUE;
  if (op->result != NULL)
    op->after_callback = TRUE;
  g_array_append_val (op->done, done);
  g_array_append_val (op->total, total);
  if (op->cancel_at_first != NULL && done > 0)
    g_cancellable_cancel (op->cancel_at_first);
  if (op->cancel_at_end != NULL && total > 0 && done == total)
    g_cancellable_cancel (op->cancel_at_end);
}

static void
on_destroy (gpointer data)
{
  Op *op = data;

  op->destroyed++;
}

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Op *op = data;

  if (g_main_context_get_thread_default () != op->context)
    op->bad_context = TRUE;
  op->result = g_object_ref (result);
}

static void
op_wait (Op *op)
{
  while (op->result == NULL)
    g_main_context_iteration (op->context, TRUE);
}

/* Drops what should be the last reference to the object at @location
 * and checks it was: the operation kept none. */
static void
assert_last_unref (gpointer location)
{
  GObject **object = location;

  g_object_add_weak_pointer (*object, (gpointer *) object);
  g_object_unref (*object);
  assert_null (*object);
}

/* Progress never decreased, kept one total once known, and ended at
 * done == total; returns the total. */
static guint64
assert_progress_complete (Op *op)
{
  guint64 last_done = 0, total;
  guint i;

  assert_true (op->done->len >= 1);
  total = g_array_index (op->total, guint64, op->total->len - 1);
  for (i = 0; i < op->done->len; i++)
    {
      guint64 d = g_array_index (op->done, guint64, i);
      guint64 t = g_array_index (op->total, guint64, i);

      assert_true (d >= last_done);
      assert_true (t == 0 || d <= t);
      assert_true (t == 0 || t == total);
      last_done = d;
    }
  assert_true (last_done == total);
  return total;
}

/* Each item's JSON (verdicts, statements), a line each. */
static char *
lines_json (GPtrArray  *items,
            char      *(*to_json) (gpointer item))
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < items->len; i++)
    {
      g_autofree char *json = to_json (g_ptr_array_index (items, i));

      g_string_append_printf (out, "%s\n", json);
    }
  return g_string_free (out, FALSE);
}

static char *
verdicts_json (GPtrArray *verdicts)
{
  return lines_json (verdicts, (char *(*) (gpointer)) attrib_verdict_to_json);
}

/* @n deals of @n customers, each visited by one of seven channels: a
 * batch of some length, as JSON (or CSV) text. */
static char *
many_deals (guint    n,
            gboolean csv)
{
  GString *text = g_string_new (csv ? "id,type,at,customer_phone,agents,deal,stage,purchaser_phone\n" : "[");
  guint i;

  for (i = 0; i < n; i++)
    {
      guint customer = 1000 + i;

      if (csv)
        g_string_append_printf (text,
                                "v%u,visit,2024-03-01T10:00:00+08:00,138%08u,ch%u/a:0,,,\n"
                                "g%u,deal,2024-0%u-20T10:00:00+08:00,,,D%05u,signed,138%08u\n",
                                i, customer, i % 7, i, 4 + i % 5, i, customer);
      else
        g_string_append_printf (text,
                                "%s{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
                                " \"customer\": {\"phone\": \"138%08u\"}, \"agents\": [{\"party\": \"ch%u/a\"}]},\n"
                                " {\"id\": \"g%u\", \"type\": \"deal\", \"at\": \"2024-0%u-20T10:00:00+08:00\","
                                " \"deal\": \"D%05u\", \"stage\": \"signed\", \"purchaser\": {\"phone\": \"138%08u\"}}",
                                i ? ",\n" : "", i, customer, i % 7, i, 4 + i % 5, i, customer);
    }
  if (!csv)
    g_string_append (text, "]\n");
  return g_string_free (text, FALSE);
}

static AttribLedger *
many_deals_ledger (guint n)
{
  g_autofree char *json = many_deals (n, FALSE);
  AttribLedger *ledger = attrib_ledger_new ();

  assert_true (attrib_ledger_load_data (ledger, json, -1, "many.json", NULL));
  attrib_ledger_freeze (ledger);
  return ledger;
}

/* ---- the engine ---- */

static void
test_attribute_all_async (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) sample = NULL;
  AttribLedger *big = many_deals_ledger (300);
  AttribEngine *engine = NULL;
  AttribLedger *ledgers[2];
  guint k;

  assert_true (attrib_scenario_load (file, NULL, &profile, &sample, NULL));
  ledgers[0] = sample;
  ledgers[1] = big;
  engine = attrib_engine_new (profile);
  for (k = 0; k < 2 * 3; k++)
    {
      AttribLedger *ledger = ledgers[k % 2];
      g_autoptr(GPtrArray) sync = NULL;
      g_autoptr(GPtrArray) async = NULL;
      g_autofree char *want = NULL, *got = NULL;
      g_autoptr(GError) error = NULL;
      Op op;

      /* one thread, three, and one per processor; traces worked out in
       * the batch, and deferred */
      attrib_engine_set_n_threads (engine, (guint[]) { 1, 3, 0 }[k / 2]);
      attrib_engine_set_defer_traces (engine, k % 3 == 0);
      sync = attrib_engine_attribute_all (engine, ledger, NULL);
      want = verdicts_json (sync);

      op_init (&op);
      attrib_engine_attribute_all_async (engine, ledger, NULL, on_progress, &op, on_destroy, on_ready, &op);
      op_wait (&op);
      async = attrib_engine_attribute_all_finish (engine, op.result, &error);
      assert_null (error);
      assert_non_null (async);
      got = verdicts_json (async);
      assert_string_equal (want, got);
      assert_int_equal (assert_progress_complete (&op), sync->len);
      op_clear (&op);
    }

  /* nothing kept: the engine and ledger go with their last reference */
  assert_last_unref (&engine);
  assert_last_unref (&big);
}

/* Without a progress callback, and with a ledger that still takes events
 * (read under its lock, in the worker thread). */
static void
test_attribute_all_async_plain (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autofree char *json = many_deals (100, FALSE);
  g_autoptr(GPtrArray) sync = NULL;
  g_autoptr(GPtrArray) async = NULL;
  g_autofree char *want = NULL, *got = NULL;
  GError *error = NULL;
  Op op;

  assert_true (attrib_ledger_load_data (ledger, json, -1, "many.json", NULL));
  sync = attrib_engine_attribute_all (engine, ledger, NULL);
  want = verdicts_json (sync);
  op_init (&op);
  op.destroyed = 1;   /* none given */
  attrib_engine_attribute_all_async (engine, ledger, NULL, NULL, NULL, NULL, on_ready, &op);
  op_wait (&op);
  async = attrib_engine_attribute_all_finish (engine, op.result, &error);
  assert_null (error);
  got = verdicts_json (async);
  assert_string_equal (want, got);
  assert_int_equal (op.done->len, 0);
  op_clear (&op);
}

static void
test_attribute_all_cancelled_before (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  AttribEngine *engine = attrib_engine_new (profile);
  AttribLedger *ledger = many_deals_ledger (50);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GPtrArray *verdicts;
  GError *error = NULL;
  Op op;

  g_cancellable_cancel (cancellable);
  op_init (&op);
  attrib_engine_attribute_all_async (engine, ledger, cancellable, on_progress, &op, on_destroy, on_ready, &op);
  op_wait (&op);
  verdicts = attrib_engine_attribute_all_finish (engine, op.result, &error);
  assert_null (verdicts);
  assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  /* the batch never started */
  assert_int_equal (op.done->len, 0);
  op_clear (&op);

  assert_last_unref (&engine);
  assert_last_unref (&ledger);
}

/* Cancelled while the batch runs: from a batch thread once the 300th
 * deal is decided (the engine's test hook, deterministic), and from the
 * progress callback in the caller's context (timing-dependent, so only
 * the outcome is checked there). Every thread stops at its next deal,
 * and the verdicts made so far are freed with everything else. */
static gint hook_deals;
static gint hook_cancel_at;

static void
count_deal (GCancellable *cancellable)
{
  if (g_atomic_int_add (&hook_deals, 1) + 1 == hook_cancel_at)
    g_cancellable_cancel (cancellable);
}

static void
test_attribute_all_cancelled_during (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  AttribEngine *engine = attrib_engine_new (profile);
  AttribLedger *ledger = many_deals_ledger (3000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GPtrArray *verdicts;
  GError *error = NULL;
  guint n_threads;

  attrib_engine_set_defer_traces (engine, FALSE);
  for (n_threads = 1; n_threads <= 4; n_threads++)
    {
      Op op;

      g_cancellable_reset (cancellable);
      attrib_engine_set_n_threads (engine, n_threads);
      g_atomic_int_set (&hook_deals, 0);
      hook_cancel_at = 300;
      _attrib_engine_batch_deal_hook = count_deal;
      op_init (&op);
      attrib_engine_attribute_all_async (engine, ledger, cancellable, on_progress, &op, on_destroy, on_ready, &op);
      op_wait (&op);
      _attrib_engine_batch_deal_hook = NULL;
      verdicts = attrib_engine_attribute_all_finish (engine, op.result, &error);
      assert_null (verdicts);
      assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_clear_error (&error);
      /* each thread finished the deal it was deciding, and no more */
      assert_true (g_atomic_int_get (&hook_deals) >= 300);
      assert_true (g_atomic_int_get (&hook_deals) < 300 + (gint) n_threads);
      /* the progress shown, if any, says where it stopped: not the end */
      if (op.done->len > 0)
        assert_true (g_array_index (op.done, guint64, op.done->len - 1) < 3000);
      op_clear (&op);
    }

  /* and from the caller's context, at the first progress past 0 */
  {
    Op op;

    g_cancellable_reset (cancellable);
    op_init (&op);
    op.cancel_at_first = cancellable;
    attrib_engine_attribute_all_async (engine, ledger, cancellable, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    verdicts = attrib_engine_attribute_all_finish (engine, op.result, &error);
    /* (a machine slow to run the context may see the batch end first) */
    assert_true (verdicts == NULL || verdicts->len == 3000);
    if (verdicts == NULL)
      assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
    g_clear_pointer (&verdicts, g_ptr_array_unref);
    op_clear (&op);
  }

  assert_last_unref (&engine);
  assert_last_unref (&ledger);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static void
test_n_threads_property (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (engine), "n-threads");
  guint notified = 0;
  guint n = 99;

  assert_non_null (pspec);
  assert_int_equal (G_PARAM_SPEC_UINT (pspec)->maximum, ATTRIB_MAX_THREADS);
  assert_int_equal (G_PARAM_SPEC_UINT (pspec)->default_value, 0);
  {
    /* notified once per change, not when set to what it is */
    gulong id = g_signal_connect (engine, "notify::n-threads", G_CALLBACK (count_notify), &notified);

    attrib_engine_set_n_threads (engine, 5);
    attrib_engine_set_n_threads (engine, 5);
    g_object_set (engine, "n-threads", 2, NULL);
    g_signal_handler_disconnect (engine, id);
  }
  assert_int_equal (notified, 2);
  g_object_get (engine, "n-threads", &n, NULL);
  assert_int_equal (n, 2);
  assert_int_equal (attrib_engine_get_n_threads (engine), 2);
}

/* ---- the calculator ---- */

static char *
statements_json (GPtrArray *statements)
{
  return lines_json (statements, (char *(*) (gpointer)) attrib_statement_to_json);
}

static void
test_statements_async (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(GPtrArray) plans = attrib_scenario_load_plans (file, NULL, NULL);
  g_autoptr(AttribCalculator) calculator = NULL;
  static const char * const periods[] = { "2024-03", "2024-04", "2024-05" };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint i, n_deals;

  assert_true (attrib_scenario_load (file, NULL, &profile, &ledger, NULL));
  assert_true (plans != NULL && plans->len > 0);
  calculator = attrib_calculator_new (profile);
  for (i = 0; i < plans->len; i++)
    assert_true (attrib_calculator_add_plan (calculator, g_ptr_array_index (plans, i), NULL));
  {
    g_auto(GStrv) deals = attrib_ledger_get_deals (ledger);

    n_deals = g_strv_length (deals);
  }
  for (i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(GPtrArray) sync = attrib_calculator_get_statements (calculator, ledger, periods[i], NULL);
      g_autoptr(GPtrArray) async = NULL;
      g_autofree char *want = NULL, *got = NULL;
      GError *error = NULL;
      Op op;

      assert_non_null (sync);
      want = statements_json (sync);
      op_init (&op);
      attrib_calculator_get_statements_async (calculator, ledger, periods[i], NULL, on_progress, &op, on_destroy,
                                              on_ready, &op);
      op_wait (&op);
      async = attrib_calculator_get_statements_finish (calculator, op.result, &error);
      assert_null (error);
      got = statements_json (async);
      assert_true (strlen (want) > 100 || i == 0);
      assert_string_equal (want, got);
      /* four steps per deal */
      assert_int_equal (assert_progress_complete (&op), 4 * n_deals);
      op_clear (&op);
    }

  {
    GError *error = NULL;
    Op op;

    /* a bad month comes through the finish function */
    op_init (&op);
    attrib_calculator_get_statements_async (calculator, ledger, "2024-13", NULL, on_progress, &op, on_destroy,
                                            on_ready, &op);
    op_wait (&op);
    assert_null (attrib_calculator_get_statements_finish (calculator, op.result, &error));
    assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
    g_clear_error (&error);
    op_clear (&op);

    g_cancellable_cancel (cancellable);
    op_init (&op);
    attrib_calculator_get_statements_async (calculator, ledger, "2024-04", cancellable, on_progress, &op,
                                            on_destroy, on_ready, &op);
    op_wait (&op);
    assert_null (attrib_calculator_get_statements_finish (calculator, op.result, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
    op_clear (&op);
  }
}

/* ---- the ledger ---- */

static char *
events_text (AttribLedger *ledger)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < attrib_ledger_get_n_events (ledger); i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      _attrib_event_append_record (out, ev, attrib_ledger_get_time_zone (ledger));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);

  assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
test_load_file_async (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("test-async-XXXXXX", NULL);
  g_autofree char *json = many_deals (400, FALSE);
  g_autofree char *csv = many_deals (400, TRUE);
  g_autofree char *json_path = write_temp (dir, "many.json", json);
  g_autofree char *csv_path = write_temp (dir, "many.csv", csv);
  const char *paths[] = { json_path, csv_path, TEST_DATA_DIR "/sample-project.json" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(AttribLedger) sync = attrib_ledger_new ();
      g_autoptr(AttribLedger) async = attrib_ledger_new ();
      g_autofree char *want = NULL, *got = NULL;
      GError *error = NULL;
      goffset size;
      Op op;

      assert_true (attrib_ledger_load_file (sync, file, NULL, NULL));
      want = events_text (sync);
      op_init (&op);
      attrib_ledger_load_file_async (async, file, NULL, on_progress, &op, on_destroy, on_ready, &op);
      op_wait (&op);
      assert_true (attrib_ledger_load_file_finish (async, op.result, &error));
      assert_null (error);
      got = events_text (async);
      assert_true (strlen (want) > 1000);
      assert_string_equal (want, got);
      /* bytes of the file */
      {
        GStatBuf st;

        assert_int_equal (g_stat (paths[i], &st), 0);
        size = st.st_size;
      }
      assert_int_equal (assert_progress_complete (&op), size);
      op_clear (&op);
    }

  {
    g_autofree char *missing_path = g_build_filename (dir, "missing.json", NULL);
    g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
    g_autoptr(GFile) file = g_file_new_for_path (csv_path);
    g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    GError *error = NULL;
    Op op;

    /* a missing file: GIO's error, through the finish function */
    op_init (&op);
    attrib_ledger_load_file_async (ledger, missing, NULL, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    assert_false (attrib_ledger_load_file_finish (ledger, op.result, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
    g_clear_error (&error);
    assert_int_equal (attrib_ledger_get_n_events (ledger), 0);
    op_clear (&op);

    /* cancelled: nothing added */
    g_cancellable_cancel (cancellable);
    op_init (&op);
    attrib_ledger_load_file_async (ledger, file, cancellable, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    assert_false (attrib_ledger_load_file_finish (ledger, op.result, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
    assert_int_equal (attrib_ledger_get_n_events (ledger), 0);
    op_clear (&op);

    /* cancelled from the last progress call, when the work is done: the
     * result says what the work did (every event added), not that the
     * caller cancelled too late */
    {
      g_autoptr(GCancellable) late = g_cancellable_new ();
      g_autoptr(AttribLedger) sync = attrib_ledger_new ();

      assert_true (attrib_ledger_load_file (sync, file, NULL, NULL));
      op_init (&op);
      op.cancel_at_end = late;
      attrib_ledger_load_file_async (ledger, file, late, on_progress, &op, on_destroy, on_ready, &op);
      op_wait (&op);
      assert_true (g_cancellable_is_cancelled (late));
      assert_true (attrib_ledger_load_file_finish (ledger, op.result, &error));
      assert_null (error);
      assert_int_equal (attrib_ledger_get_n_events (ledger), attrib_ledger_get_n_events (sync));
      op_clear (&op);
    }

    /* a frozen ledger refuses, as load_file() refuses */
    attrib_ledger_freeze (ledger);
    op_init (&op);
    attrib_ledger_load_file_async (ledger, file, NULL, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    assert_false (attrib_ledger_load_file_finish (ledger, op.result, &error));
    assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_FROZEN));
    g_clear_error (&error);
    op_clear (&op);
  }
  g_unlink (json_path);
  g_unlink (csv_path);
  g_rmdir (dir);
}

/* ---- the store ---- */

static void
remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
test_store_async (void **state)
{
  g_autofree char *dir = g_dir_make_tmp ("test-async-XXXXXX", NULL);
  g_autofree char *csv = many_deals (9000, TRUE);   /* 18000 events: three batches */
  g_autofree char *csv_path = write_temp (dir, "many.csv", csv);
  g_autofree char *a_path = g_build_filename (dir, "a.attrib", NULL);
  g_autofree char *b_path = g_build_filename (dir, "b.attrib", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autofree char *want = NULL;
  guint64 added = 0;
  GError *error = NULL;

  /* the same file, imported at once and asynchronously */
  {
    g_autoptr(AttribStore) a = attrib_store_create (a_path, profile, NULL, &error);

    assert_non_null (a);
    assert_true (attrib_store_import_file (a, file, &added, &error));
    assert_int_equal (added, 18000);
    want = events_text (attrib_store_get_ledger (a));
  }
  {
    AttribStore *b = attrib_store_create (b_path, profile, NULL, &error);
    g_autofree char *got = NULL;
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Op op;

    assert_non_null (b);
    /* cancelled before: nothing imported */
    g_cancellable_cancel (cancellable);
    op_init (&op);
    attrib_store_import_file_async (b, file, cancellable, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    added = 99;
    assert_false (attrib_store_import_file_finish (b, op.result, &added, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
    assert_int_equal (added, 0);
    assert_int_equal (attrib_store_get_size (b), 0);
    op_clear (&op);

    op_init (&op);
    attrib_store_import_file_async (b, file, NULL, on_progress, &op, on_destroy, on_ready, &op);
    op_wait (&op);
    assert_true (attrib_store_import_file_finish (b, op.result, &added, &error));
    assert_null (error);
    assert_int_equal (added, 18000);
    assert_int_equal (assert_progress_complete (&op), 18000);
    op_clear (&op);
    got = events_text (attrib_store_get_ledger (b));
    assert_string_equal (want, got);

    assert_last_unref (&b);
  }

  /* opened again asynchronously: the same log, the events read back as
   * progress */
  {
    AttribStore *store;
    g_autofree char *got = NULL;
    Op op;

    op_init (&op);
    attrib_store_open_async (b_path, ATTRIB_STORE_FLAGS_NONE, NULL, NULL, on_progress, &op, on_destroy, on_ready,
                             &op);
    op_wait (&op);
    store = attrib_store_open_finish (op.result, &error);
    assert_null (error);
    assert_non_null (store);
    assert_int_equal (attrib_store_get_size (store), 18000);
    got = events_text (attrib_store_get_ledger (store));
    assert_string_equal (want, got);
    assert_int_equal (assert_progress_complete (&op), 18000);
    op_clear (&op);

    /* a second writer is refused while it is open */
    op_init (&op);
    attrib_store_open_async (b_path, ATTRIB_STORE_FLAGS_NONE, NULL, NULL, on_progress, &op, on_destroy, on_ready,
                             &op);
    op_wait (&op);
    assert_null (attrib_store_open_finish (op.result, &error));
    assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_BUSY));
    g_clear_error (&error);
    op_clear (&op);
    g_object_unref (store);
  }
  {
    g_autofree char *missing = g_build_filename (dir, "missing.attrib", NULL);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AttribStore *store;
    Op op;

    op_init (&op);
    attrib_store_open_async (missing, ATTRIB_STORE_FLAGS_READ_ONLY, NULL, NULL, on_progress, &op, on_destroy,
                             on_ready, &op);
    op_wait (&op);
    assert_null (attrib_store_open_finish (op.result, &error));
    assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND));
    g_clear_error (&error);
    op_clear (&op);

    /* cancelled: the file is let go of, so a writer opens it after */
    g_cancellable_cancel (cancellable);
    op_init (&op);
    attrib_store_open_async (b_path, ATTRIB_STORE_FLAGS_NONE, NULL, cancellable, on_progress, &op, on_destroy,
                             on_ready, &op);
    op_wait (&op);
    assert_null (attrib_store_open_finish (op.result, &error));
    assert_true (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
    op_clear (&op);
    store = attrib_store_open (b_path, ATTRIB_STORE_FLAGS_NONE, NULL, &error);
    assert_non_null (store);
    g_object_unref (store);
  }
  remove_store (a_path);
  remove_store (b_path);
  g_unlink (csv_path);
  g_rmdir (dir);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_attribute_all_async),
    cmocka_unit_test (test_attribute_all_async_plain),
    cmocka_unit_test (test_attribute_all_cancelled_before),
    cmocka_unit_test (test_attribute_all_cancelled_during),
    cmocka_unit_test (test_n_threads_property),
    cmocka_unit_test (test_statements_async),
    cmocka_unit_test (test_load_file_async),
    cmocka_unit_test (test_store_async),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
