/* attrib-person.h: a customer as the ledger resolved them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_PERSON (attrib_person_get_type ())

ATTRIB_AVAILABLE_IN_1_0
GType                attrib_person_get_type         (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribPerson        *attrib_person_ref              (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
void                 attrib_person_unref            (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
guint                attrib_person_get_id           (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
const char * const  *attrib_person_get_phones       (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
const char * const  *attrib_person_get_names        (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_person_get_display_name (AttribPerson *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean             attrib_person_equal            (AttribPerson *self,
                                                     AttribPerson *other);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribPerson, attrib_person_unref)

G_END_DECLS
