/* attrib-phone.h: mainland mobile numbers and masks
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
char     *attrib_phone_normalize (const char  *text,
                                  gboolean    *out_masked,
                                  GError     **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean  attrib_phone_is_masked (const char  *phone);
ATTRIB_AVAILABLE_IN_1_0
gboolean  attrib_phone_matches   (const char  *pattern,
                                  const char  *phone);
ATTRIB_AVAILABLE_IN_1_0
gboolean  attrib_phone_is_hashed (const char  *phone);
ATTRIB_AVAILABLE_IN_1_0
char     *attrib_phone_hash      (const char  *phone,
                                  GBytes      *key,
                                  GError     **error);
ATTRIB_AVAILABLE_IN_1_0
char     *attrib_phone_mask      (const char  *text);

ATTRIB_AVAILABLE_IN_1_0
void      attrib_set_show_phones (gboolean     show);
ATTRIB_AVAILABLE_IN_1_0
gboolean  attrib_get_show_phones (void);

G_END_DECLS
