/* attrib-statement.h: a party's commission for a month
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-commission-line.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_STATEMENT (attrib_statement_get_type ())

typedef struct _AttribStatement AttribStatement;

ATTRIB_AVAILABLE_IN_1_0
GType                 attrib_statement_get_type        (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribStatement      *attrib_statement_ref             (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
void                  attrib_statement_unref           (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_statement_get_party       (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_statement_get_period      (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_statement_get_opening     (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
guint                 attrib_statement_get_n_lines     (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
AttribCommissionLine *attrib_statement_get_line        (AttribStatement *self,
                                                        guint            index);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_statement_get_earned      (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_statement_get_deductions  (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_statement_get_closing     (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
gint64                attrib_statement_get_payable     (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
const char           *attrib_statement_get_fingerprint (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
char                 *attrib_statement_to_json         (AttribStatement *self);
ATTRIB_AVAILABLE_IN_1_0
char                 *attrib_statement_to_csv          (AttribStatement *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribStatement, attrib_statement_unref)

G_END_DECLS
