/* attrib-verdict.h: who gets a deal, and why
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

#define ATTRIB_TYPE_VERDICT (attrib_verdict_get_type ())

typedef struct _AttribVerdict AttribVerdict;

ATTRIB_AVAILABLE_IN_1_0
GType                attrib_verdict_get_type            (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribVerdict       *attrib_verdict_ref                 (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
void                 attrib_verdict_unref               (AttribVerdict   *self);

ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_verdict_get_deal            (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
AttribVerdictStatus  attrib_verdict_get_status          (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime           attrib_verdict_get_at              (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
guint                attrib_verdict_get_n_shares        (AttribVerdict   *self,
                                                         AttribShareKind  kind);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_verdict_get_share           (AttribVerdict   *self,
                                                         AttribShareKind  kind,
                                                         guint            index,
                                                         gint64          *out_numerator,
                                                         gint64          *out_denominator);
ATTRIB_AVAILABLE_IN_1_0
void                 attrib_verdict_get_party_share     (AttribVerdict   *self,
                                                         AttribShareKind  kind,
                                                         const char      *party,
                                                         gint64          *out_numerator,
                                                         gint64          *out_denominator);
ATTRIB_AVAILABLE_IN_1_0
const char * const  *attrib_verdict_get_clauses         (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
guint                attrib_verdict_get_n_steps         (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_verdict_get_step            (AttribVerdict   *self,
                                                         guint            index,
                                                         AttribOutcome   *out_outcome,
                                                         const char     **out_message);
ATTRIB_AVAILABLE_IN_1_0
const char * const  *attrib_verdict_get_step_events     (AttribVerdict   *self,
                                                         guint            index);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_verdict_get_fingerprint     (AttribVerdict   *self);
ATTRIB_AVAILABLE_IN_1_0
char                *attrib_verdict_to_json             (AttribVerdict   *self);

ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_verdict_status_get_label    (AttribVerdictStatus status);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_outcome_get_label           (AttribOutcome       outcome);
ATTRIB_AVAILABLE_IN_1_0
const char          *attrib_relation_kind_get_label     (AttribRelationKind  kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribVerdict, attrib_verdict_unref)

G_END_DECLS
