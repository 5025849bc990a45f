/* attrib-merkle-private.h: the event log's Merkle tree (RFC 6962, RFC 9162)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A log that proves what it holds the way Certificate Transparency does:
 * each entry's leaf hash is SHA-256 (0x00 ‖ entry), an interior node's
 * SHA-256 (0x01 ‖ left ‖ right), and the tree over n leaves splits at the
 * largest power of two below n (RFC 9162 §2.1.1). An inclusion proof (the
 * audit path) shows a leaf is in a tree of a given size and root without
 * showing any other entry; a consistency proof shows a tree extends an
 * earlier one, nothing before it altered, inserted or removed.
 *
 * The store keeps the hashes of the tree's perfect subtrees (a leaf is
 * one); proofs and roots are worked out from them here through an
 * AttribMerkleNodeFunc, in O(log² n) reads.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATTRIB_MERKLE_HASH_SIZE 32

typedef guint8 AttribMerkleHash[ATTRIB_MERKLE_HASH_SIZE];

void      _attrib_merkle_leaf_hash     (const guint8           *entry,
                                        gsize                   length,
                                        AttribMerkleHash        out);
void      _attrib_merkle_node_hash     (const AttribMerkleHash  left,
                                        const AttribMerkleHash  right,
                                        AttribMerkleHash        out);
void      _attrib_merkle_root          (const AttribMerkleHash *leaves,
                                        guint64                 n,
                                        AttribMerkleHash        out);
/* The hash of the perfect subtree of 2^@level leaves that starts at leaf
 * @index << @level (a leaf's hash for level 0). */
typedef gboolean (*AttribMerkleNodeFunc) (gpointer          user_data,
                                          guint             level,
                                          guint64           index,
                                          AttribMerkleHash  out,
                                          GError          **error);

gboolean  _attrib_merkle_range_hash_from (AttribMerkleNodeFunc  get,
                                          gpointer              user_data,
                                          guint64               start,
                                          guint64               n,
                                          AttribMerkleHash      out,
                                          GError              **error);
GArray   *_attrib_merkle_inclusion_proof_from (AttribMerkleNodeFunc  get,
                                               gpointer              user_data,
                                               guint64               n,
                                               guint64               index,
                                               GError              **error);
GArray   *_attrib_merkle_consistency_proof_from (AttribMerkleNodeFunc  get,
                                                 gpointer              user_data,
                                                 guint64               n,
                                                 guint64               m,
                                                 GError              **error);
/* the same from leaf hashes in memory */
GArray   *_attrib_merkle_inclusion_proof (const AttribMerkleHash *leaves,
                                          guint64                 n,
                                          guint64                 index);
GArray   *_attrib_merkle_consistency_proof (const AttribMerkleHash *leaves,
                                            guint64                 n,
                                            guint64                 m);
gboolean  _attrib_merkle_verify_inclusion (guint64                 index,
                                           guint64                 size,
                                           const AttribMerkleHash  leaf,
                                           const AttribMerkleHash *proof,
                                           guint                   n_proof,
                                           const AttribMerkleHash  root);
gboolean  _attrib_merkle_verify_consistency (guint64                 m,
                                             guint64                 n,
                                             const AttribMerkleHash *proof,
                                             guint                   n_proof,
                                             const AttribMerkleHash  first,
                                             const AttribMerkleHash  second);

/* The roots of the perfect subtrees a log of n leaves splits into, left
 * to right: its root in O(log n) after each append, and O(log n) memory. */
typedef struct
{
  guint64 size;
  GArray *peaks;             /* AttribMerkleHash, the largest first */
} AttribMerkleRange;

void      _attrib_merkle_range_init    (AttribMerkleRange      *self);
void      _attrib_merkle_range_clear   (AttribMerkleRange      *self);
void      _attrib_merkle_range_append  (AttribMerkleRange      *self,
                                        const AttribMerkleHash  leaf);
void      _attrib_merkle_range_root    (const AttribMerkleRange *self,
                                        AttribMerkleHash        out);

G_END_DECLS
