/* attrib-loader-private.h: scenario files and CSV exports into a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "attrib-ledger-private.h"

G_BEGIN_DECLS

#include "attrib-json-private.h"

/* One scenario file being read: the node that set each field of the event
 * being read, so that the ledger's validation error points at it. */
typedef struct
{
  AttribLedger *ledger;
  const char *filename;
  guint event_number;        /* 1-based position in the events array */
  const char *event_id;      /* once known */
  /* the node that set each field; for lists, the items' nodes */
  const AttribJsonNode *field_node[ATTRIB_N_FIELDS];
  GPtrArray *item_nodes[ATTRIB_N_FIELDS];
  /* the zone of dates without a time: @tz if set, else the ledger's */
  GTimeZone *tz;
  /* reading a store's record (attrib-event-record.c), not a file: errors
   * are "filename: event “id”: key: what", without a position, and what
   * the ledger takes from the API reads back (any int seq or rank, a
   * recognised "when" of "none") */
  gboolean record;
} Loader;

/* What an import of a file checks and reports to as it goes
 * (attrib_ledger_load_file_async): the bytes of @data taken so far, of
 * @length; NULL where nobody asks. */
typedef struct
{
  GCancellable *cancellable;   /* or NULL */
  struct _AttribProgress *progress;  /* or NULL */
  const char *data;
  gsize length;
  guint line;                  /* JSON: the line @at starts */
  const char *at;
  guint steps;
} AttribLoadWatch;

void         _attrib_load_watch_init       (AttribLoadWatch       *watch,
                                            const char            *data,
                                            gsize                  length,
                                            GCancellable          *cancellable,
                                            struct _AttribProgress *progress);
/* Before the event that starts at @position: FALSE with @error
 * (G_IO_ERROR_CANCELLED) once cancelled. */
gboolean     _attrib_load_watch_step       (AttribLoadWatch       *watch,
                                            const char            *position,
                                            GError               **error);
/* The same, for an event that starts on @line. */
gboolean     _attrib_load_watch_line       (AttribLoadWatch       *watch,
                                            guint                  line,
                                            GError               **error);

gboolean     _attrib_ledger_load_file_watched (AttribLedger    *self,
                                               GFile           *file,
                                               GCancellable    *cancellable,
                                               struct _AttribProgress *progress,
                                               GError         **error);

void         _attrib_loader_clear          (Loader                *loader);
AttribEvent *_attrib_loader_read_event     (Loader                *loader,
                                            const AttribJsonNode  *node,
                                            GError               **error);
gboolean     _attrib_loader_load_event     (Loader                *loader,
                                            const AttribJsonNode  *node,
                                            AttribTime             until,
                                            GError               **error);
gboolean     _attrib_loader_load_events_node (AttribLedger  *self,
                                            const AttribJsonNode *events,
                                            const char     *filename,
                                            AttribTime      until,
                                            GError        **error);
gboolean     _attrib_loader_load_csv       (AttribLedger   *self,
                                            const char     *data,
                                            gsize           length,
                                            const char     *filename,
                                            AttribLoadWatch *watch,
                                            GError        **error);
gboolean     _attrib_loader_load_json_lines (AttribLedger  *self,
                                            const char     *data,
                                            gsize           length,
                                            const char     *filename,
                                            AttribLoadWatch *watch,
                                            GError        **error);
gboolean     _attrib_loader_load_json      (AttribLedger   *self,
                                            const char     *data,
                                            gsize           length,
                                            const char     *filename,
                                            AttribLoadWatch *watch,
                                            GError        **error);

/* Whether @name ends in @suffix, ASCII case ignored (.csv, .jsonl …). */
gboolean     _attrib_name_has_suffix       (const char     *name,
                                            const char     *suffix);

G_END_DECLS
