/* attrib-receipt-private.h: receipts, proofs and tree heads as the store makes them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

#include "attrib-merkle-private.h"
#include "attrib-sign-private.h"

G_BEGIN_DECLS

#define ATTRIB_SALT_SIZE 16

/* A log entry's leaf: SHA-256 of 0x00, the entry's random salt (16
 * bytes), the append time in µs (8 bytes big-endian), the record's length
 * (4 bytes big-endian), the record, and a report's decision as
 * _attrib_decision_text() writes it (nothing for other events): the time
 * and the decision are as fixed as the event, and no one guesses a
 * neighbour's record from its leaf (docs/live.md, "The store"). */
void            _attrib_store_leaf_hash (const guint8      salt[ATTRIB_SALT_SIZE],
                                         gint64            appended,
                                         const char       *record,
                                         gsize             length,
                                         const char       *decision,
                                         AttribMerkleHash  out);
char           *_attrib_decision_text   (gboolean          accepted,
                                         const char       *reason,
                                         const char       *holder,
                                         AttribTime        until);

char           *_attrib_hex_encode      (const guint8     *data,
                                         gsize             length);
gboolean        _attrib_hex_decode      (const char       *text,
                                         guint8           *out,
                                         gsize             length);

AttribTreeHead *_attrib_tree_head_new   (const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                                         guint64                 size,
                                         const AttribMerkleHash  root,
                                         gint64                  timestamp);
gboolean        _attrib_tree_head_sign_with (AttribTreeHead *self,
                                             const guint8    secret[ATTRIB_ED25519_KEY_SIZE],
                                             const guint8    public_key[ATTRIB_ED25519_KEY_SIZE],
                                             GError        **error);
const guint8   *_attrib_tree_head_get_root_bytes (AttribTreeHead *self);

AttribProof    *_attrib_proof_new       (AttribProofKind   kind,
                                         guint64           first,
                                         guint64           size,
                                         GArray           *hashes);

AttribReceipt  *_attrib_receipt_new     (guint64           position,
                                         const char       *event,
                                         const guint8      salt[ATTRIB_SALT_SIZE],
                                         gint64            appended,
                                         const char       *record,
                                         AttribTreeHead   *head);
void            _attrib_receipt_set_decision (AttribReceipt *self,
                                              gboolean       accepted,
                                              const char    *reason,
                                              const char    *holder,
                                              AttribTime     until);
gboolean        _attrib_receipt_sign_with (AttribReceipt  *self,
                                           const guint8    secret[ATTRIB_ED25519_KEY_SIZE],
                                           const guint8    public_key[ATTRIB_ED25519_KEY_SIZE],
                                           GError        **error);

G_END_DECLS
