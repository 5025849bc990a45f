/* attrib-library.h: the version of the library the program runs with
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib.h>

#include "attrib-version-macros.h"

G_BEGIN_DECLS

ATTRIB_AVAILABLE_IN_1_0
guint        attrib_get_major_version (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
guint        attrib_get_minor_version (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
guint        attrib_get_micro_version (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
const char  *attrib_check_version     (guint required_major,
                                       guint required_minor,
                                       guint required_micro);

G_END_DECLS
