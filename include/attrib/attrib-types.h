/* attrib-types.h: basic types shared by the whole API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-version-macros.h"

G_BEGIN_DECLS

/**
 * AttribTime:
 *
 * An instant: microseconds since 1970-01-01T00:00:00Z (UTC).
 *
 * Every timestamp of the ledger is an `AttribTime`. It carries no time
 * zone; local dates, days and months are computed in the time zone of
 * the ledger or profile (`Asia/Shanghai` by default). Convert from and
 * to text with [func@Attrib.time_parse] and [func@Attrib.time_format].
 */
typedef gint64 AttribTime;

/**
 * ATTRIB_TIME_MIN:
 *
 * The earliest representable instant; use it as an open lower bound of a
 * time window.
 */
#define ATTRIB_TIME_MIN G_MININT64

/**
 * ATTRIB_TIME_MAX:
 *
 * The latest representable instant; use it as an open upper bound of a
 * time window.
 */
#define ATTRIB_TIME_MAX G_MAXINT64

/**
 * AttribProgressFunc:
 * @done: how much of the work is done, in the unit the operation names
 *   (deals, bytes, events …); never decreases from one call to the next
 * @total: how much there is in all, in the same unit, or 0 while it is
 *   not known
 * @user_data: (closure): the data given with the callback
 *
 * Tells how far a long operation has come: the `_async` functions that
 * take one (such as [method@Attrib.Engine.attribute_all_async]) call it
 * in the thread-default main context of the thread that started the
 * operation, as g_file_copy_async() calls its progress callback: at most
 * about ten times a second, and once more before the operation's
 * #GAsyncReadyCallback with the last value if it was not shown — @done
 * equal to @total when the operation succeeded, where it stopped when it
 * failed or was cancelled. It is never called after the
 * #GAsyncReadyCallback.
 *
 * The `progress_destroy` given with it is called once, in that context
 * just before the #GAsyncReadyCallback; if the context is never run
 * again, in whichever thread lets go of the operation last.
 *
 * The work of the `_async` functions runs in GIO's shared pool of task
 * threads, as g_task_run_in_thread() runs it, and a batch adds its own
 * threads ([property@Attrib.Engine:n-threads]): a program that starts
 * many long operations at once (a batch per project, say) takes that
 * pool's threads from its other asynchronous I/O meanwhile; it should
 * start them a few at a time.
 */
typedef void (*AttribProgressFunc) (guint64  done,
                                    guint64  total,
                                    gpointer user_data);

typedef struct _AttribEvent AttribEvent;
typedef struct _AttribPerson AttribPerson;

G_END_DECLS
