/* attrib-sign-private.h: Ed25519 signatures on the event log's tree heads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A project may sign each tree head (the log's size and Merkle root, and
 * when) with its Ed25519 key (RFC 8032, Nettle), so that a channel holding
 * a receipt can show the developer stated that log. What is signed is
 * fixed: the domain "attrib.tree-head.v1" and a zero byte, the log's
 * 16-byte id (a store's, random, made with it), the size as
 * 8 bytes big-endian, the 32-byte root, and the time in microseconds
 * since 1970 UTC as 8 bytes big-endian (two's complement).
 */

#pragma once

#include <glib.h>

#include "attrib-merkle-private.h"

G_BEGIN_DECLS

#define ATTRIB_ED25519_KEY_SIZE       32
#define ATTRIB_ED25519_SIGNATURE_SIZE 64
#define ATTRIB_LOG_ID_SIZE            16
#define ATTRIB_TREE_HEAD_SIZE         (20 + ATTRIB_LOG_ID_SIZE + 8 + ATTRIB_MERKLE_HASH_SIZE + 8)

gboolean  _attrib_ed25519_public_key (const guint8  secret[ATTRIB_ED25519_KEY_SIZE],
                                      guint8        out[ATTRIB_ED25519_KEY_SIZE],
                                      GError      **error);
gboolean  _attrib_ed25519_sign       (const guint8  secret[ATTRIB_ED25519_KEY_SIZE],
                                      const guint8 *message,
                                      gsize         length,
                                      guint8        out[ATTRIB_ED25519_SIGNATURE_SIZE],
                                      GError      **error);
gboolean  _attrib_ed25519_verify     (const guint8  public_key[ATTRIB_ED25519_KEY_SIZE],
                                      const guint8 *message,
                                      gsize         length,
                                      const guint8  signature[ATTRIB_ED25519_SIGNATURE_SIZE]);

void      _attrib_tree_head_bytes    (const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                                      guint64                 size,
                                      const AttribMerkleHash  root,
                                      gint64                  timestamp,
                                      guint8                  out[ATTRIB_TREE_HEAD_SIZE]);
gboolean  _attrib_tree_head_sign     (const guint8            secret[ATTRIB_ED25519_KEY_SIZE],
                                      const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                                      guint64                 size,
                                      const AttribMerkleHash  root,
                                      gint64                  timestamp,
                                      guint8                  out[ATTRIB_ED25519_SIGNATURE_SIZE],
                                      GError                **error);
gboolean  _attrib_tree_head_verify   (const guint8            public_key[ATTRIB_ED25519_KEY_SIZE],
                                      const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                                      guint64                 size,
                                      const AttribMerkleHash  root,
                                      gint64                  timestamp,
                                      const guint8            signature[ATTRIB_ED25519_SIGNATURE_SIZE]);

G_END_DECLS
