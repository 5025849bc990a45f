/* attrib-commission-line.h: one amount due, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-enums.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_COMMISSION_LINE (attrib_commission_line_get_type ())

typedef struct _AttribCommissionLine AttribCommissionLine;

ATTRIB_AVAILABLE_IN_1_0
GType                 attrib_commission_line_get_type        (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribCommissionLine *attrib_commission_line_ref             (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
void                  attrib_commission_line_unref           (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_party       (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime            attrib_commission_line_get_at          (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_period      (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
AttribLineKind        attrib_commission_line_get_kind        (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_deal        (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_milestone   (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_commission_line_get_basis       (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean              attrib_commission_line_get_rate        (AttribCommissionLine *self,
                                                              gint64               *out_numerator,
                                                              gint64               *out_denominator);
ATTRIB_AVAILABLE_IN_1_0
void                  attrib_commission_line_get_share       (AttribCommissionLine *self,
                                                              gint64               *out_numerator,
                                                              gint64               *out_denominator);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_commission_line_get_amount      (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_plan        (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_rule        (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_event       (AttribCommissionLine *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_commission_line_get_explanation (AttribCommissionLine *self);

ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_line_kind_get_label             (AttribLineKind        kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribCommissionLine, attrib_commission_line_unref)

G_END_DECLS
