/* attrib-async-private.h: the _async functions' threads and progress
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every _async function runs the same work as its synchronous form in a
 * thread of GTask's pool (g_task_run_in_thread), with a GCancellable the
 * work checks as it goes and an AttribProgress it reports to. What the
 * caller sees follows GIO: the callback in the thread-default main
 * context of the call, the result by the _finish function; the progress
 * callback in that same context, throttled, monotone, and never after the
 * operation's callback (attrib-async.c says how).
 */

#pragma once

#include <gio/gio.h>

#include <attrib/attrib-types.h>

G_BEGIN_DECLS

/* What a piece of work tells of how far it has come: thread-safe; NULL
 * (no progress callback) is accepted everywhere and does nothing. */
typedef struct _AttribProgress AttribProgress;

/* Every so many steps a loop reports (reporting takes a lock). */
#define ATTRIB_PROGRESS_EVERY 32

AttribProgress *_attrib_progress_new    (AttribProgressFunc  func,
                                         gpointer            data,
                                         GDestroyNotify      destroy);
AttribProgress *_attrib_progress_ref    (AttribProgress     *self);
void            _attrib_progress_unref  (AttribProgress     *self);
/* From any thread: @done (kept if lower than what was reported already)
 * of @total. Delivered in the caller's context at most every 100 ms, and
 * at once when @done reaches a non-zero @total. */
void            _attrib_progress_report (AttribProgress     *self,
                                         guint64             done,
                                         guint64             total);

/* The work of an _async function, in a worker thread: its result (never
 * NULL), or NULL with @error set. @job is what _attrib_async_start() was
 * given. */
typedef gpointer (*AttribAsyncWork) (gpointer         source_object,
                                     gpointer         job,
                                     AttribProgress  *progress,
                                     GCancellable    *cancellable,
                                     GError         **error);

void     _attrib_async_start  (gpointer             source_object,
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
                               gpointer             user_data);
/* The result (transfer full) or NULL with @error set; @out_job, if not
 * NULL, gets the job (owned by the result), whatever the outcome. */
gpointer _attrib_async_finish (gpointer             source_object,
                               GAsyncResult        *result,
                               gpointer             source_tag,
                               gpointer            *out_job,
                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribProgress, _attrib_progress_unref)

G_END_DECLS
