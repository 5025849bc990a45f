/* attrib-merkle.c: the event log's Merkle tree (RFC 6962, RFC 9162)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-merkle-private.h"
#include "attrib-sha256-private.h"

void
_attrib_merkle_leaf_hash (const guint8     *entry,
                          gsize             length,
                          AttribMerkleHash  out)
{
  static const char prefix = 0x00;
  AttribSha256 sha;

  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, &prefix, 1);
  _attrib_sha256_update (&sha, (const char *) entry, length);
  _attrib_sha256_digest (&sha, out);
}

void
_attrib_merkle_node_hash (const AttribMerkleHash left,
                          const AttribMerkleHash right,
                          AttribMerkleHash       out)
{
  static const char prefix = 0x01;
  AttribSha256 sha;

  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, &prefix, 1);
  _attrib_sha256_update (&sha, (const char *) left, ATTRIB_MERKLE_HASH_SIZE);
  _attrib_sha256_update (&sha, (const char *) right, ATTRIB_MERKLE_HASH_SIZE);
  _attrib_sha256_digest (&sha, out);
}

/* The largest power of two below @n (n > 1). */
static guint64
split (guint64 n)
{
  guint64 k = 1;

  /* (not k << 1 < n, which never ends past 2^63) */
  while (k <= (n - 1) / 2)
    k <<= 1;
  return k;
}

/* MTH(D[n]) over leaf hashes: the empty tree's is SHA-256 of nothing. */
void
_attrib_merkle_root (const AttribMerkleHash *leaves,
                     guint64                 n,
                     AttribMerkleHash        out)
{
  AttribMerkleRange range;
  guint64 i;

  /* the same as the recursive definition, in O(log n) memory */
  _attrib_merkle_range_init (&range);
  for (i = 0; i < n; i++)
    _attrib_merkle_range_append (&range, leaves[i]);
  _attrib_merkle_range_root (&range, out);
  _attrib_merkle_range_clear (&range);
}

/* MTH(D[start:start+n]) from the perfect subtrees @get gives: a range
 * the recursions below ask for is always aligned (@start a multiple of the
 * largest power of two not above @n), so it is one stored subtree or the
 * node over a stored left half and a smaller aligned right range: O(log n)
 * calls of @get. */
gboolean
_attrib_merkle_range_hash_from (AttribMerkleNodeFunc  get,
                                gpointer              user_data,
                                guint64               start,
                                guint64               n,
                                AttribMerkleHash      out,
                                GError              **error)
{
  AttribMerkleHash left;
  guint64 k;

  if (n == 0)
    {
      AttribSha256 sha;

      _attrib_sha256_init (&sha);
      _attrib_sha256_digest (&sha, out);
      return TRUE;
    }
  if ((n & (n - 1)) == 0)
    {
      guint level = 0;

      while ((G_GUINT64_CONSTANT (1) << level) < n)
        level++;
      return get (user_data, level, start >> level, out, error);
    }
  k = split (n);
  if (!_attrib_merkle_range_hash_from (get, user_data, start, k, left, error) ||
      !_attrib_merkle_range_hash_from (get, user_data, start + k, n - k, out, error))
    return FALSE;
  _attrib_merkle_node_hash (left, out, out);
  return TRUE;
}

/* PATH(index, D[start:start+n]) (RFC 9162 §2.1.3.1), appended to @proof. */
static gboolean
path (AttribMerkleNodeFunc   get,
      gpointer               user_data,
      guint64                start,
      guint64                n,
      guint64                index,
      GArray                *proof,
      GError               **error)
{
  AttribMerkleHash sibling;
  guint64 k;

  if (n <= 1)
    return TRUE;
  k = split (n);
  if (index < k)
    {
      if (!path (get, user_data, start, k, index, proof, error) ||
          !_attrib_merkle_range_hash_from (get, user_data, start + k, n - k, sibling, error))
        return FALSE;
    }
  else
    {
      if (!path (get, user_data, start + k, n - k, index - k, proof, error) ||
          !_attrib_merkle_range_hash_from (get, user_data, start, k, sibling, error))
        return FALSE;
    }
  g_array_append_vals (proof, sibling, 1);
  return TRUE;
}

/* The audit path of the leaf @index in the tree of the first @n leaves:
 * the hashes, from the leaf's sibling up; O(log² n) calls of @get. */
GArray *
_attrib_merkle_inclusion_proof_from (AttribMerkleNodeFunc   get,
                                     gpointer               user_data,
                                     guint64                n,
                                     guint64                index,
                                     GError               **error)
{
  g_autoptr(GArray) proof = g_array_new (FALSE, FALSE, sizeof (AttribMerkleHash));

  g_return_val_if_fail (index < n, NULL);
  if (!path (get, user_data, 0, n, index, proof, error))
    return NULL;
  return g_steal_pointer (&proof);
}

/* SUBPROOF(m, D[start:start+n], whole) (RFC 9162 §2.1.4.1), appended to
 * @proof. */
static gboolean
subproof (AttribMerkleNodeFunc   get,
          gpointer               user_data,
          guint64                start,
          guint64                n,
          guint64                m,
          gboolean               whole,
          GArray                *proof,
          GError               **error)
{
  AttribMerkleHash hash;
  guint64 k;

  if (m == n)
    {
      if (!whole)
        {
          if (!_attrib_merkle_range_hash_from (get, user_data, start, n, hash, error))
            return FALSE;
          g_array_append_vals (proof, hash, 1);
        }
      return TRUE;
    }
  k = split (n);
  if (m <= k)
    {
      if (!subproof (get, user_data, start, k, m, whole, proof, error) ||
          !_attrib_merkle_range_hash_from (get, user_data, start + k, n - k, hash, error))
        return FALSE;
    }
  else
    {
      if (!subproof (get, user_data, start + k, n - k, m - k, FALSE, proof, error) ||
          !_attrib_merkle_range_hash_from (get, user_data, start, k, hash, error))
        return FALSE;
    }
  g_array_append_vals (proof, hash, 1);
  return TRUE;
}

/* The proof that the tree of the first @n leaves extends the tree of the
 * first @m (0 < m ≤ n); O(log² n) calls of @get. */
GArray *
_attrib_merkle_consistency_proof_from (AttribMerkleNodeFunc   get,
                                       gpointer               user_data,
                                       guint64                n,
                                       guint64                m,
                                       GError               **error)
{
  g_autoptr(GArray) proof = g_array_new (FALSE, FALSE, sizeof (AttribMerkleHash));

  g_return_val_if_fail (m > 0 && m <= n, NULL);
  if (!subproof (get, user_data, 0, n, m, TRUE, proof, error))
    return NULL;
  return g_steal_pointer (&proof);
}

/* The leaf hashes in memory as a source of perfect subtrees (each worked
 * out from its leaves: for tests and small logs). */
static gboolean
array_node (gpointer          user_data,
            guint             level,
            guint64           index,
            AttribMerkleHash  out,
            GError          **error)
{
  const AttribMerkleHash *leaves = user_data;

  _attrib_merkle_root (leaves + (index << level), G_GUINT64_CONSTANT (1) << level, out);
  return TRUE;
}

GArray *
_attrib_merkle_inclusion_proof (const AttribMerkleHash *leaves,
                                guint64                 n,
                                guint64                 index)
{
  return _attrib_merkle_inclusion_proof_from (array_node, (gpointer) leaves, n, index, NULL);
}

GArray *
_attrib_merkle_consistency_proof (const AttribMerkleHash *leaves,
                                  guint64                 n,
                                  guint64                 m)
{
  return _attrib_merkle_consistency_proof_from (array_node, (gpointer) leaves, n, m, NULL);
}

/* RFC 9162 §2.1.3.2: whether @proof shows @leaf at @index in the tree of
 * @size leaves with @root. */
gboolean
_attrib_merkle_verify_inclusion (guint64                 index,
                                 guint64                 size,
                                 const AttribMerkleHash  leaf,
                                 const AttribMerkleHash *proof,
                                 guint                   n_proof,
                                 const AttribMerkleHash  root)
{
  AttribMerkleHash r;
  guint64 fn = index, sn;
  guint i;

  if (index >= size)
    return FALSE;
  sn = size - 1;
  memcpy (r, leaf, sizeof r);
  for (i = 0; i < n_proof; i++)
    {
      if (sn == 0)
        return FALSE;
      if ((fn & 1) || fn == sn)
        {
          _attrib_merkle_node_hash (proof[i], r, r);
          while (!(fn & 1) && fn != 0)
            {
              fn >>= 1;
              sn >>= 1;
            }
        }
      else
        _attrib_merkle_node_hash (r, proof[i], r);
      fn >>= 1;
      sn >>= 1;
    }
  return sn == 0 && memcmp (r, root, sizeof r) == 0;
}

/* RFC 9162 §2.1.4.2: whether @proof shows the tree of @n leaves with root
 * @second extends the tree of its first @m with root @first. */
gboolean
_attrib_merkle_verify_consistency (guint64                 m,
                                   guint64                 n,
                                   const AttribMerkleHash *proof,
                                   guint                   n_proof,
                                   const AttribMerkleHash  first,
                                   const AttribMerkleHash  second)
{
  AttribMerkleHash fr, sr;
  guint64 fn, sn;
  guint i = 0;

  if (m == 0 || m > n)
    return FALSE;
  if (m == n)
    return n_proof == 0 && memcmp (first, second, sizeof fr) == 0;
  if (n_proof == 0)
    return FALSE;
  fn = m - 1;
  sn = n - 1;
  while (fn & 1)
    {
      fn >>= 1;
      sn >>= 1;
    }
  /* a first tree that is a whole subtree starts from its own root */
  if ((m & (m - 1)) == 0)
    {
      memcpy (fr, first, sizeof fr);
      memcpy (sr, first, sizeof sr);
    }
  else
    {
      memcpy (fr, proof[0], sizeof fr);
      memcpy (sr, proof[0], sizeof sr);
      i = 1;
    }
  for (; i < n_proof; i++)
    {
      if (sn == 0)
        return FALSE;
      if ((fn & 1) || fn == sn)
        {
          _attrib_merkle_node_hash (proof[i], fr, fr);
          _attrib_merkle_node_hash (proof[i], sr, sr);
          while (!(fn & 1) && fn != 0)
            {
              fn >>= 1;
              sn >>= 1;
            }
        }
      else
        _attrib_merkle_node_hash (sr, proof[i], sr);
      fn >>= 1;
      sn >>= 1;
    }
  return sn == 0 && memcmp (fr, first, sizeof fr) == 0 && memcmp (sr, second, sizeof sr) == 0;
}

void
_attrib_merkle_range_init (AttribMerkleRange *self)
{
  self->size = 0;
  self->peaks = g_array_new (FALSE, FALSE, sizeof (AttribMerkleHash));
}

void
_attrib_merkle_range_clear (AttribMerkleRange *self)
{
  g_clear_pointer (&self->peaks, g_array_unref);
  self->size = 0;
}

/* One more leaf: it joins the peaks it completes (one per trailing one
 * bit of the size). */
void
_attrib_merkle_range_append (AttribMerkleRange      *self,
                             const AttribMerkleHash  leaf)
{
  AttribMerkleHash h;
  guint64 s;

  memcpy (h, leaf, sizeof h);
  for (s = self->size; s & 1; s >>= 1)
    {
      _attrib_merkle_node_hash (g_array_index (self->peaks, AttribMerkleHash, self->peaks->len - 1), h, h);
      g_array_set_size (self->peaks, self->peaks->len - 1);
    }
  g_array_append_vals (self->peaks, h, 1);
  self->size++;
}

/* The root: the peaks folded from the right. */
void
_attrib_merkle_range_root (const AttribMerkleRange *self,
                           AttribMerkleHash         out)
{
  AttribMerkleHash r;
  guint i;

  if (self->size == 0)
    {
      AttribSha256 sha;

      _attrib_sha256_init (&sha);
      _attrib_sha256_digest (&sha, out);
      return;
    }
  memcpy (r, g_array_index (self->peaks, AttribMerkleHash, self->peaks->len - 1), sizeof r);
  for (i = self->peaks->len - 1; i > 0; i--)
    _attrib_merkle_node_hash (g_array_index (self->peaks, AttribMerkleHash, i - 1), r, r);
  memcpy (out, r, sizeof r);
}
