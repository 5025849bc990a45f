/* attrib-watch.h: the verdicts that changed since you last asked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-calculator.h"
#include "attrib-claim.h"
#include "attrib-engine.h"
#include "attrib-ledger.h"
#include "attrib-verdict.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_WATCH (attrib_watch_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribWatch, attrib_watch, ATTRIB, WATCH, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribWatch   *attrib_watch_new           (AttribEngine  *engine,
                                           AttribLedger  *ledger);
ATTRIB_AVAILABLE_IN_1_0
AttribWatch   *attrib_watch_new_with_calculator (AttribEngine     *engine,
                                                 AttribCalculator *calculator,
                                                 AttribLedger     *ledger);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray     *attrib_watch_update        (AttribWatch   *self,
                                           GError       **error);
ATTRIB_AVAILABLE_IN_1_0
AttribVerdict *attrib_watch_get_verdict   (AttribWatch   *self,
                                           const char    *deal);
ATTRIB_AVAILABLE_IN_1_0
guint          attrib_watch_get_position  (AttribWatch   *self);
ATTRIB_AVAILABLE_IN_1_0
guint          attrib_watch_get_n_decided (AttribWatch   *self);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray     *attrib_watch_get_changed_claims  (AttribWatch  *self);
ATTRIB_AVAILABLE_IN_1_0
char         **attrib_watch_get_changed_reports (AttribWatch  *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean       attrib_watch_check_report        (AttribWatch  *self,
                                                 const char   *report,
                                                 gboolean     *out_accepted,
                                                 char        **out_reason,
                                                 GError      **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray     *attrib_watch_get_lines           (AttribWatch  *self,
                                                 GError      **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray     *attrib_watch_get_added_lines     (AttribWatch  *self);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray     *attrib_watch_get_removed_lines   (AttribWatch  *self);

G_END_DECLS
