/* attrib-rotation.h: who receives the next customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-assignment.h"
#include "attrib-enums.h"
#include "attrib-ledger.h"
#include "attrib-profile.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_ROTATION (attrib_rotation_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribRotation, attrib_rotation, ATTRIB, ROTATION, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribRotation *attrib_rotation_new        (AttribProfile   *profile);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_rotation_get_profile (AttribRotation *self);
ATTRIB_AVAILABLE_IN_1_0
char          **attrib_rotation_get_turns  (AttribRotation  *self,
                                            AttribLedger    *ledger,
                                            gint32           day,
                                            AttribVisitKind  kind,
                                            guint            n_turns,
                                            GError         **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray      *attrib_rotation_assign     (AttribRotation  *self,
                                            AttribLedger    *ledger,
                                            gint32           day,
                                            AttribVisitKind  kind,
                                            GError         **error);
ATTRIB_AVAILABLE_IN_1_0
char          **attrib_rotation_get_groups (AttribRotation  *self,
                                            AttribLedger    *ledger,
                                            gint32           day,
                                            char          **out_explanation,
                                            GError         **error);

G_END_DECLS
