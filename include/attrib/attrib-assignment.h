/* attrib-assignment.h: who receives a walk-in, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-enums.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_ASSIGNMENT (attrib_assignment_get_type ())

typedef struct _AttribAssignment AttribAssignment;

ATTRIB_AVAILABLE_IN_1_0
GType               attrib_assignment_get_type        (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribAssignment   *attrib_assignment_ref             (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
void                attrib_assignment_unref           (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char         *attrib_assignment_get_visit       (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime          attrib_assignment_get_at          (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char         *attrib_assignment_get_consultant  (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char         *attrib_assignment_get_received_by (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTurnKind      attrib_assignment_get_turn        (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char * const *attrib_assignment_get_skipped     (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char         *attrib_assignment_get_clause      (AttribAssignment *self);
ATTRIB_AVAILABLE_IN_1_0
const char         *attrib_assignment_get_explanation (AttribAssignment *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribAssignment, attrib_assignment_unref)

G_END_DECLS
