/* attrib-loader-private.h: scenario files and CSV exports into a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "attrib-ledger-private.h"

G_BEGIN_DECLS

struct _AttribJsonNode;
gboolean     _attrib_loader_load_events_node (AttribLedger  *self,
                                            const struct _AttribJsonNode *events,
                                            const char     *filename,
                                            AttribTime      until,
                                            GError        **error);
gboolean     _attrib_loader_load_csv       (AttribLedger   *self,
                                            const char     *data,
                                            gsize           length,
                                            const char     *filename,
                                            GError        **error);
gboolean     _attrib_loader_load_json      (AttribLedger   *self,
                                            const char     *data,
                                            gsize           length,
                                            const char     *filename,
                                            GError        **error);

G_END_DECLS
