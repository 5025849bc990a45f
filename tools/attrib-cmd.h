/* attrib-cmd.h: what the attrib tool's commands share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* attrib.c */
const char    *nick              (GType             type,
                                  int               value);
void           add_language_note (GOptionContext   *context);
void           print_utf8        (const char       *text);
char          *pad               (const char       *text,
                                  guint             width);
char          *show_phone        (const char       *phone);
const char    *shown_in          (GPtrArray        *pool,
                                  const char       *text);
char          *shares_line       (AttribVerdict    *verdict,
                                  AttribShareKind   kind);
void           print_statement   (AttribStatement  *statement,
                                  GTimeZone        *tz);
AttribProfile *load_profile_arg  (const char       *arg,
                                  GError          **error);
GBytes        *get_phone_key     (void);
char          *read_key_file     (const char       *path,
                                  gsize            *out_length,
                                  GError          **error);

/* attrib-progress.c: --threads, and a progress line for long work */
gboolean       apply_threads_option (int           *argc,
                                     char        ***argv);
void           set_engine_threads (AttribEngine     *engine);
GPtrArray     *cmd_attribute_all (AttribEngine     *engine,
                                  AttribLedger     *ledger,
                                  GError          **error);
gboolean       cmd_load_file     (AttribLedger     *ledger,
                                  GFile            *file,
                                  GError          **error);
gboolean       cmd_import_file   (AttribStore      *store,
                                  GFile            *file,
                                  guint64          *out_added,
                                  GError          **error);

/* attrib-store-cmd.c: `attrib store …` */
void           store_usage       (FILE *to);
int            cmd_store         (int               argc,
                                  char            **argv);
int            demo_store        (AttribProfile    *profile,
                                  AttribLedger     *ledger,
                                  GError          **error);

G_END_DECLS
