/* attrib-claim.h: a channel's protected right to a customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-enums.h"
#include "attrib-person.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_CLAIM (attrib_claim_get_type ())

typedef struct _AttribClaim AttribClaim;

ATTRIB_AVAILABLE_IN_1_0
GType             attrib_claim_get_type    (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribClaim      *attrib_claim_ref         (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
void              attrib_claim_unref       (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
AttribClaimState  attrib_claim_get_state   (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_claim_get_holder  (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_claim_get_channel (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime        attrib_claim_get_begin   (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime        attrib_claim_get_end     (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_claim_get_event   (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_claim_get_clause  (AttribClaim *self);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_claim_get_reason  (AttribClaim *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribClaim, attrib_claim_unref)

#define ATTRIB_TYPE_CLAIM_CHANGE (attrib_claim_change_get_type ())

typedef struct _AttribClaimChange AttribClaimChange;

ATTRIB_AVAILABLE_IN_1_0
GType              attrib_claim_change_get_type     (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribClaimChange *attrib_claim_change_ref          (AttribClaimChange *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_claim_change_unref        (AttribClaimChange *self);
ATTRIB_AVAILABLE_IN_1_0
AttribPerson      *attrib_claim_change_get_customer (AttribClaimChange *self);
ATTRIB_AVAILABLE_IN_1_0
AttribClaim       *attrib_claim_change_get_before   (AttribClaimChange *self);
ATTRIB_AVAILABLE_IN_1_0
AttribClaim       *attrib_claim_change_get_after    (AttribClaimChange *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribClaimChange, attrib_claim_change_unref)

G_END_DECLS
