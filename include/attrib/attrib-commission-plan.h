/* attrib-commission-plan.h: what a distribution contract pays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "attrib-enums.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_COMMISSION_PLAN (attrib_commission_plan_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribCommissionPlan, attrib_commission_plan, ATTRIB, COMMISSION_PLAN, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribCommissionPlan *attrib_commission_plan_new_from_data (const char    *data,
                                                            gssize         length,
                                                            const char    *filename,
                                                            GError       **error);
ATTRIB_AVAILABLE_IN_1_0
AttribCommissionPlan *attrib_commission_plan_new_from_file (GFile         *file,
                                                            GCancellable  *cancellable,
                                                            GError       **error);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_plan_get_id        (AttribCommissionPlan *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_plan_get_party     (AttribCommissionPlan *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_plan_get_title     (AttribCommissionPlan *self);
ATTRIB_AVAILABLE_IN_1_0
AttribRounding        attrib_commission_plan_get_rounding  (AttribCommissionPlan *self);
ATTRIB_AVAILABLE_IN_1_0
char                 *attrib_commission_plan_to_json       (AttribCommissionPlan *self);

G_END_DECLS
