/* attrib-audit.h: running the rule audits
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "attrib-ledger.h"
#include "attrib-profile.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_AUDIT (attrib_audit_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribAudit, attrib_audit, ATTRIB, AUDIT, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribAudit *attrib_audit_new                (void);
ATTRIB_AVAILABLE_IN_1_0
gboolean     attrib_audit_run_file           (AttribAudit   *self,
                                              GFile         *file,
                                              GCancellable  *cancellable,
                                              GError       **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean     attrib_audit_run_data           (AttribAudit   *self,
                                              const char    *data,
                                              gssize         length,
                                              const char    *filename,
                                              GError       **error);
ATTRIB_AVAILABLE_IN_1_0
guint        attrib_audit_get_n_passed       (AttribAudit   *self);
ATTRIB_AVAILABLE_IN_1_0
guint        attrib_audit_get_n_failed       (AttribAudit   *self);
ATTRIB_AVAILABLE_IN_1_0
guint        attrib_audit_get_n_results      (AttribAudit   *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean     attrib_audit_get_result         (AttribAudit   *self,
                                              guint          index,
                                              const char   **out_line,
                                              const char   **out_detail);

ATTRIB_AVAILABLE_IN_1_0
gboolean     attrib_scenario_load            (GFile          *file,
                                              GCancellable   *cancellable,
                                              AttribProfile **out_profile,
                                              AttribLedger  **out_ledger,
                                              GError        **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray   *attrib_scenario_load_plans      (GFile          *file,
                                              GCancellable   *cancellable,
                                              GError        **error);

G_END_DECLS
