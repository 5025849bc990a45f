/* attrib-money.h: money as integer fen
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
gboolean  attrib_money_parse  (const char  *text,
                               gint64      *out_fen,
                               GError     **error);
ATTRIB_AVAILABLE_IN_1_0
char     *attrib_money_format (gint64       fen);

G_END_DECLS
