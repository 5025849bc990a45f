/* attrib-async.c: the _async functions' threads and progress
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An _async call makes two GTasks. The one the caller gets back (the
 * "outer" task) carries the caller's callback, source tag and job; the
 * work runs in the thread of an "inner" task (g_task_run_in_thread), whose
 * own callback, in the caller's context, first closes the progress —
 * delivering the last value reported if it was not yet delivered — and
 * only then completes the outer task. So the last progress call comes
 * before the caller's callback, and none after it, however the main
 * context orders its sources.
 */

#include "config.h"

#include "attrib-async-private.h"

/* at most about ten progress calls a second */
#define PROGRESS_INTERVAL (G_USEC_PER_SEC / 10)

struct _AttribProgress
{
  gatomicrefcount ref_count;
  GMainContext *context;     /* the caller's thread-default context */
  AttribProgressFunc func;   /* NULL once closed */
  gpointer data;
  GDestroyNotify destroy;

  GMutex lock;               /* guards what follows */
  guint64 done, total;       /* the latest reported */
  gboolean reported;
  guint64 shown_done, shown_total;   /* the latest delivered */
  gboolean shown;
  gboolean pending;          /* a delivery is attached to the context */
  gint64 last;               /* when the last delivery was attached, or 0 */
  gboolean closed;
};

AttribProgress *
_attrib_progress_new (AttribProgressFunc func,
                      gpointer           data,
                      GDestroyNotify     destroy)
{
  AttribProgress *self;

  if (func == NULL)
    {
      /* nobody to tell: nothing to keep but the data to let go of */
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }
  self = g_new0 (AttribProgress, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->data = data;
  self->destroy = destroy;
  g_mutex_init (&self->lock);
  return self;
}

AttribProgress *
_attrib_progress_ref (AttribProgress *self)
{
  if (self != NULL)
    g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
_attrib_progress_unref (AttribProgress *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  /* closed in the caller's context, unless the operation never got as
   * far as its callback (its context was not run) */
  if (self->func != NULL && self->destroy != NULL)
    self->destroy (self->data);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* Takes what is to be shown, if anything: the latest value when it
 * differs from the last shown. Called with the lock held. */
static gboolean
take_news (AttribProgress *self,
           guint64        *out_done,
           guint64        *out_total)
{
  if (!self->reported || (self->shown && self->shown_done == self->done && self->shown_total == self->total))
    return FALSE;
  self->shown = TRUE;
  self->shown_done = *out_done = self->done;
  self->shown_total = *out_total = self->total;
  return TRUE;
}

/* In the caller's context. */
static gboolean
deliver (gpointer data)
{
  AttribProgress *self = data;
  guint64 done = 0, total = 0;
  gboolean news;

  g_mutex_lock (&self->lock);
  self->pending = FALSE;
  news = !self->closed && take_news (self, &done, &total);
  g_mutex_unlock (&self->lock);
  /* closing happens in this thread too: the callback is still there */
  if (news)
    self->func (done, total, self->data);
  return G_SOURCE_REMOVE;
}

void
_attrib_progress_report (AttribProgress *self,
                         guint64         done,
                         guint64         total)
{
  gint64 now;

  if (self == NULL)
    return;
  now = g_get_monotonic_time ();
  g_mutex_lock (&self->lock);
  if (!self->closed)
    {
      /* monotone, whichever thread comes first */
      if (!self->reported || done > self->done)
        self->done = done;
      self->total = total;
      self->done = total > 0 ? MIN (self->done, total) : self->done;
      self->reported = TRUE;
      if (!self->pending &&
          (self->last == 0 || now - self->last >= PROGRESS_INTERVAL || (total > 0 && self->done == total)))
        {
          GSource *source = g_idle_source_new ();

          self->pending = TRUE;
          self->last = now;
          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, deliver, _attrib_progress_ref (self), (GDestroyNotify) _attrib_progress_unref);
          g_source_set_static_name (source, "[libattrib] progress");
          g_source_attach (source, self->context);
          g_source_unref (source);
        }
    }
  g_mutex_unlock (&self->lock);
}

/* In the caller's context, before the operation's callback: the last
 * value reported, if it was not shown yet — done = total for work that
 * succeeded, where it stopped for work that failed or was cancelled;
 * then no more. */
static void
progress_close (AttribProgress *self)
{
  guint64 done = 0, total = 0;
  gboolean news;

  if (self == NULL)
    return;
  g_mutex_lock (&self->lock);
  news = !self->closed && take_news (self, &done, &total);
  self->closed = TRUE;
  g_mutex_unlock (&self->lock);
  if (news)
    self->func (done, total, self->data);
  if (self->destroy != NULL)
    self->destroy (self->data);
  self->func = NULL;
  self->data = NULL;
}

typedef struct
{
  GTask *outer;              /* until the work is done */
  gpointer source_object;    /* the outer task's */
  AttribAsyncWork work;
  AttribProgress *progress;
  GDestroyNotify result_free;
} Op;

static void
op_free (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->outer);
  _attrib_progress_unref (op->progress);
  g_free (op);
}

static void
run (GTask        *inner,
     gpointer      source_object,
     gpointer      task_data,
     GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (inner))
    return;
  result = op->work (op->source_object, g_task_get_task_data (op->outer), op->progress, cancellable, &error);
  if (result != NULL)
    g_task_return_pointer (inner, result, op->result_free);
  else
    g_task_return_error (inner, error);
}

/* In the caller's context. */
static void
ran (GObject      *source_object,
     GAsyncResult *result,
     gpointer      data)
{
  GTask *inner = G_TASK (result);
  Op *op = g_task_get_task_data (inner);
  /* the caller's from now on: the inner task may linger a moment in its
   * worker thread, and must not keep the source object or the job */
  g_autoptr(GTask) outer = g_steal_pointer (&op->outer);
  GError *error = NULL;
  gpointer value = g_task_propagate_pointer (inner, &error);

  progress_close (op->progress);
  if (value != NULL)
    g_task_return_pointer (outer, value, op->result_free);
  else
    g_task_return_error (outer, error);
}

void
_attrib_async_start (gpointer             source_object,
                     GCancellable        *cancellable,
                     gpointer             source_tag,
                     AttribAsyncWork      work,
                     gpointer             job,
                     GDestroyNotify       job_free,
                     GDestroyNotify       result_free,
                     AttribProgressFunc   progress,
                     gpointer             progress_data,
                     GDestroyNotify       progress_destroy,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  Op *op;

  /* The work checks @cancellable itself and says what it did: neither
   * task turns a result into G_IO_ERROR_CANCELLED because the caller
   * cancelled after the work had finished (from the last progress call,
   * say), which would report a load that happened as one that did not. */
  outer = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_check_cancellable (outer, FALSE);
  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, job, job_free);

  op = g_new0 (Op, 1);
  op->outer = g_object_ref (outer);
  op->source_object = source_object;
  op->work = work;
  op->progress = _attrib_progress_new (progress, progress_data, progress_destroy);
  op->result_free = result_free;
  inner = g_task_new (NULL, cancellable, ran, NULL);
  g_task_set_check_cancellable (inner, FALSE);
  g_task_set_source_tag (inner, source_tag);
  g_task_set_task_data (inner, op, op_free);
  g_task_run_in_thread (inner, run);
}

gpointer
_attrib_async_finish (gpointer       source_object,
                      GAsyncResult  *result,
                      gpointer       source_tag,
                      gpointer      *out_job,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source_object), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (out_job != NULL)
    *out_job = g_task_get_task_data (G_TASK (result));
  return g_task_propagate_pointer (G_TASK (result), error);
}
