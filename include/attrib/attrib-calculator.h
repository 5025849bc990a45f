/* attrib-calculator.h: commission lines and statements
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-commission-line.h"
#include "attrib-commission-plan.h"
#include "attrib-ledger.h"
#include "attrib-profile.h"
#include "attrib-statement.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_CALCULATOR (attrib_calculator_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribCalculator, attrib_calculator, ATTRIB, CALCULATOR, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribCalculator *attrib_calculator_new            (AttribProfile        *profile);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile    *attrib_calculator_get_profile    (AttribCalculator     *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_calculator_add_plan       (AttribCalculator     *self,
                                                    AttribCommissionPlan *plan,
                                                    GError              **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray        *attrib_calculator_get_plans      (AttribCalculator     *self);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray        *attrib_calculator_get_lines      (AttribCalculator     *self,
                                                    AttribLedger         *ledger,
                                                    GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribStatement  *attrib_calculator_get_statement  (AttribCalculator     *self,
                                                    AttribLedger         *ledger,
                                                    const char           *party,
                                                    const char           *period,
                                                    GError              **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray        *attrib_calculator_get_statements (AttribCalculator     *self,
                                                    AttribLedger         *ledger,
                                                    const char           *period,
                                                    GError              **error);
ATTRIB_AVAILABLE_IN_1_0
void              attrib_calculator_get_statements_async  (AttribCalculator    *self,
                                                           AttribLedger        *ledger,
                                                           const char          *period,
                                                           GCancellable        *cancellable,
                                                           AttribProgressFunc   progress,
                                                           gpointer             progress_data,
                                                           GDestroyNotify       progress_destroy,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray        *attrib_calculator_get_statements_finish (AttribCalculator    *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
