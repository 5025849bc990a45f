/* attrib-receipt.h: what a store gives back for an event, and its proofs
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

#define ATTRIB_TYPE_TREE_HEAD (attrib_tree_head_get_type ())

typedef struct _AttribTreeHead AttribTreeHead;

ATTRIB_AVAILABLE_IN_1_0
GType           attrib_tree_head_get_type      (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribTreeHead *attrib_tree_head_ref           (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
void            attrib_tree_head_unref         (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_tree_head_get_log       (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
guint64         attrib_tree_head_get_size      (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_tree_head_get_root      (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
gint64          attrib_tree_head_get_timestamp (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_tree_head_get_key       (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_tree_head_get_signature (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
char           *attrib_tree_head_to_json       (AttribTreeHead *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTreeHead *attrib_tree_head_new_from_json (const char     *data,
                                                gssize          length,
                                                GError        **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_tree_head_verify        (AttribTreeHead *self,
                                                const char     *key,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribTreeHead, attrib_tree_head_unref)

#define ATTRIB_TYPE_PROOF (attrib_proof_get_type ())

typedef struct _AttribProof AttribProof;

ATTRIB_AVAILABLE_IN_1_0
GType            attrib_proof_get_type      (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribProof     *attrib_proof_ref           (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
void             attrib_proof_unref         (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
AttribProofKind  attrib_proof_get_kind      (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
guint64          attrib_proof_get_first     (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
guint64          attrib_proof_get_size      (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
guint            attrib_proof_get_n_hashes  (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
char            *attrib_proof_to_json       (AttribProof    *self);
ATTRIB_AVAILABLE_IN_1_0
AttribProof     *attrib_proof_new_from_json (const char     *data,
                                             gssize          length,
                                             GError        **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean         attrib_proof_verify_consistency (AttribProof    *self,
                                                  AttribTreeHead *older,
                                                  AttribTreeHead *newer,
                                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribProof, attrib_proof_unref)

#define ATTRIB_TYPE_RECEIPT (attrib_receipt_get_type ())

typedef struct _AttribReceipt AttribReceipt;

ATTRIB_AVAILABLE_IN_1_0
GType           attrib_receipt_get_type        (void) G_GNUC_CONST;
ATTRIB_AVAILABLE_IN_1_0
AttribReceipt  *attrib_receipt_ref             (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
void            attrib_receipt_unref           (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
guint64         attrib_receipt_get_position    (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_receipt_get_event       (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_receipt_get_record      (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_receipt_is_report       (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_receipt_get_accepted    (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_receipt_get_reason      (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_receipt_get_holder      (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime      attrib_receipt_get_until       (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTreeHead *attrib_receipt_get_tree_head   (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_receipt_get_signature   (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
char           *attrib_receipt_to_json         (AttribReceipt  *self);
ATTRIB_AVAILABLE_IN_1_0
AttribReceipt  *attrib_receipt_new_from_json   (const char     *data,
                                                gssize          length,
                                                GError        **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_receipt_verify          (AttribReceipt  *self,
                                                const char     *key,
                                                AttribProof    *proof,
                                                AttribTreeHead *head,
                                                GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribReceipt, attrib_receipt_unref)

G_END_DECLS
