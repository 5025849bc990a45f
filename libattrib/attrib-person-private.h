/* attrib-person-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

AttribPerson *_attrib_person_new (guint       id,
                                  GPtrArray  *phones,
                                  GPtrArray  *names);

G_END_DECLS
