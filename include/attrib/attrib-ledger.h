/* attrib-ledger.h: the events of a project, indexed for the rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "attrib-enums.h"
#include "attrib-event.h"
#include "attrib-person.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_LEDGER (attrib_ledger_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribLedger, attrib_ledger, ATTRIB, LEDGER, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribLedger *attrib_ledger_new                 (void);
ATTRIB_AVAILABLE_IN_1_0
AttribLedger *attrib_ledger_new_for_time_zone   (const char       *identifier,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
AttribLedger *attrib_ledger_new_full            (const char       *identifier,
                                                 GBytes           *phone_key,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
GTimeZone    *attrib_ledger_get_time_zone       (AttribLedger     *self);
ATTRIB_AVAILABLE_IN_1_0
const char   *attrib_ledger_get_time_zone_identifier (AttribLedger *self);

ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_add_event           (AttribLedger     *self,
                                                 AttribEvent      *event,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_load_data           (AttribLedger     *self,
                                                 const char       *data,
                                                 gssize            length,
                                                 const char       *filename,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_load_csv            (AttribLedger     *self,
                                                 const char       *data,
                                                 gssize            length,
                                                 const char       *filename,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_load_json_lines     (AttribLedger     *self,
                                                 const char       *data,
                                                 gssize            length,
                                                 const char       *filename,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_load_file           (AttribLedger     *self,
                                                 GFile            *file,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
void          attrib_ledger_load_file_async     (AttribLedger        *self,
                                                 GFile               *file,
                                                 GCancellable        *cancellable,
                                                 AttribProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_destroy,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_load_file_finish    (AttribLedger        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
ATTRIB_AVAILABLE_IN_1_0
void          attrib_ledger_freeze              (AttribLedger     *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean      attrib_ledger_is_frozen           (AttribLedger     *self);

ATTRIB_AVAILABLE_IN_1_0
guint         attrib_ledger_get_n_events        (AttribLedger     *self);
ATTRIB_AVAILABLE_IN_1_0
AttribEvent  *attrib_ledger_get_event           (AttribLedger     *self,
                                                 guint             position);
ATTRIB_AVAILABLE_IN_1_0
AttribEvent  *attrib_ledger_lookup_event        (AttribLedger     *self,
                                                 const char       *id);

ATTRIB_AVAILABLE_IN_1_0
guint         attrib_ledger_get_n_persons       (AttribLedger     *self);
ATTRIB_AVAILABLE_IN_1_0
AttribPerson *attrib_ledger_get_person          (AttribLedger     *self,
                                                 guint             id);
ATTRIB_AVAILABLE_IN_1_0
AttribPerson *attrib_ledger_find_person         (AttribLedger     *self,
                                                 const char       *name,
                                                 const char       *phone,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray    *attrib_ledger_match_persons       (AttribLedger     *self,
                                                 const char       *name,
                                                 const char       *phone,
                                                 GError          **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray    *attrib_ledger_get_person_events   (AttribLedger     *self,
                                                 AttribPerson     *person,
                                                 AttribTime        begin,
                                                 AttribTime        end,
                                                 AttribEventMask   types);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray    *attrib_ledger_get_relations       (AttribLedger     *self,
                                                 AttribPerson     *person);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray    *attrib_ledger_get_party_events    (AttribLedger     *self,
                                                 const char       *party,
                                                 AttribTime        begin,
                                                 AttribTime        end,
                                                 AttribEventMask   types);
ATTRIB_AVAILABLE_IN_1_0
char        **attrib_ledger_get_deals           (AttribLedger     *self);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray    *attrib_ledger_get_deal_events     (AttribLedger     *self,
                                                 const char       *deal);

G_END_DECLS
