/* test-merkle.c: the event log's Merkle tree against RFC 6962
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The tree heads, audit paths and consistency proofs of the Certificate
 * Transparency reference tests (RFC 6962's eight entries), then every
 * leaf of every tree up to 40 leaves and every pair of sizes: each proof
 * verifies, and none verifies once anything it binds is changed — the
 * leaf, its index, the tree size with that size's root, a root, a hash of
 * the proof, or the proof's length.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "attrib-merkle-private.h"

/* RFC 6962's reference entries and the roots of their first 0..8 */
static const char *entries[] = {
  "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
};

static const char *roots[] = {
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

typedef struct
{
  guint64 a, b;              /* leaf (0-based) and size, or sizes m and n */
  const char *proof[3];
} Vector;

static const Vector inclusions[] = {
  { 0, 8, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
  { 5, 8, { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
  { 2, 3, { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
  { 1, 5, { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
};

static const Vector consistencies[] = {
  { 1, 1, { NULL } },
  { 1, 8, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
  { 6, 8, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
  { 2, 5, { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
};

static gsize
unhex (const char *text,
       guint8     *out)
{
  gsize n = strlen (text) / 2, i;

  for (i = 0; i < n; i++)
    out[i] = (guint8) (g_ascii_xdigit_value (text[2 * i]) << 4 | g_ascii_xdigit_value (text[2 * i + 1]));
  return n;
}

static char *
hex (const AttribMerkleHash hash)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < ATTRIB_MERKLE_HASH_SIZE; i++)
    g_string_append_printf (text, "%02x", hash[i]);
  return g_string_free (text, FALSE);
}

static void
reference_leaves (AttribMerkleHash leaves[8])
{
  guint i;

  for (i = 0; i < 8; i++)
    {
      guint8 data[16];
      gsize n = unhex (entries[i], data);

      _attrib_merkle_leaf_hash (data, n, leaves[i]);
    }
}

static void
test_reference_roots (void **state)
{
  AttribMerkleHash leaves[8], root;
  AttribMerkleRange range;
  guint n;

  reference_leaves (leaves);
  _attrib_merkle_range_init (&range);
  for (n = 0; n <= 8; n++)
    {
      g_autofree char *got = NULL, *incremental = NULL;

      _attrib_merkle_root (leaves, n, root);
      got = hex (root);
      assert_string_equal (got, roots[n]);
      if (n > 0)
        _attrib_merkle_range_append (&range, leaves[n - 1]);
      _attrib_merkle_range_root (&range, root);
      incremental = hex (root);
      assert_string_equal (incremental, roots[n]);
    }
  _attrib_merkle_range_clear (&range);
}

static void
test_reference_inclusion (void **state)
{
  AttribMerkleHash leaves[8];
  guint v, i;

  reference_leaves (leaves);
  for (v = 0; v < G_N_ELEMENTS (inclusions); v++)
    {
      const Vector *vector = &inclusions[v];
      g_autoptr(GArray) proof = _attrib_merkle_inclusion_proof (leaves, vector->b, vector->a);
      AttribMerkleHash root;

      for (i = 0; i < G_N_ELEMENTS (vector->proof) && vector->proof[i] != NULL; i++)
        {
          g_autofree char *got = hex (g_array_index (proof, AttribMerkleHash, i));

          assert_string_equal (got, vector->proof[i]);
        }
      assert_int_equal (proof->len, i);
      unhex (roots[vector->b], root);
      assert_true (_attrib_merkle_verify_inclusion (vector->a, vector->b, leaves[vector->a],
                                                    (const AttribMerkleHash *) proof->data, proof->len, root));
    }
}

static void
test_reference_consistency (void **state)
{
  AttribMerkleHash leaves[8];
  guint v, i;

  reference_leaves (leaves);
  for (v = 0; v < G_N_ELEMENTS (consistencies); v++)
    {
      const Vector *vector = &consistencies[v];
      g_autoptr(GArray) proof = _attrib_merkle_consistency_proof (leaves, vector->b, vector->a);
      AttribMerkleHash first, second;

      for (i = 0; i < G_N_ELEMENTS (vector->proof) && vector->proof[i] != NULL; i++)
        {
          g_autofree char *got = hex (g_array_index (proof, AttribMerkleHash, i));

          assert_string_equal (got, vector->proof[i]);
        }
      assert_int_equal (proof->len, i);
      unhex (roots[vector->a], first);
      unhex (roots[vector->b], second);
      assert_true (_attrib_merkle_verify_consistency (vector->a, vector->b, (const AttribMerkleHash *) proof->data,
                                                      proof->len, first, second));
    }
}

/* MTH by its recursive definition, to hold the incremental one to */
static void
reference_root (const AttribMerkleHash *leaves,
                guint64                 n,
                AttribMerkleHash        out)
{
  AttribMerkleHash left, right;
  guint64 k = 1;

  if (n == 1)
    {
      memcpy (out, leaves[0], sizeof left);
      return;
    }
  while (k << 1 < n)
    k <<= 1;
  reference_root (leaves, k, left);
  reference_root (leaves + k, n - k, right);
  _attrib_merkle_node_hash (left, right, out);
}

#define N_MAX 40

static void
test_every_proof (void **state)
{
  AttribMerkleHash leaves[N_MAX], roots_of[N_MAX + 1];
  guint64 n, m, i;

  for (i = 0; i < N_MAX; i++)
    {
      guint8 data[3] = { (guint8) i, (guint8) (i * 7), 0x5a };

      _attrib_merkle_leaf_hash (data, 1 + i % 3, leaves[i]);
    }
  for (n = 1; n <= N_MAX; n++)
    {
      AttribMerkleHash reference;

      _attrib_merkle_root (leaves, n, roots_of[n]);
      reference_root (leaves, n, reference);
      assert_memory_equal (roots_of[n], reference, sizeof reference);
    }

  for (n = 1; n <= N_MAX; n++)
    for (i = 0; i < n; i++)
      {
        g_autoptr(GArray) proof = _attrib_merkle_inclusion_proof (leaves, n, i);
        const AttribMerkleHash *p = (const AttribMerkleHash *) proof->data;
        AttribMerkleHash bad;
        guint k;

        assert_true (_attrib_merkle_verify_inclusion (i, n, leaves[i], p, proof->len, roots_of[n]));
        /* another leaf, index, size or root; a hash of the proof changed;
         * a hash too few or too many */
        assert_false (_attrib_merkle_verify_inclusion (i, n, leaves[(i + 1) % N_MAX], p, proof->len, roots_of[n]));
        if (n > 1)
          assert_false (_attrib_merkle_verify_inclusion ((i + 1) % n, n, leaves[i], p, proof->len, roots_of[n]));
        /* (a size alone is bound by the root: the tree of n + 1 leaves
         * has another) */
        if (n < N_MAX)
          assert_false (_attrib_merkle_verify_inclusion (i, n + 1, leaves[i], p, proof->len, roots_of[n + 1]));
        assert_false (_attrib_merkle_verify_inclusion (n, n, leaves[i], p, proof->len, roots_of[n]));
        if (n < N_MAX)
          assert_false (_attrib_merkle_verify_inclusion (i, n, leaves[i], p, proof->len, roots_of[n + 1]));
        for (k = 0; k < proof->len; k++)
          {
            g_autoptr(GArray) changed = g_array_copy (proof);

            memcpy (bad, p[k], sizeof bad);
            bad[k % ATTRIB_MERKLE_HASH_SIZE] ^= 1;
            memcpy (&g_array_index (changed, AttribMerkleHash, k), bad, sizeof bad);
            assert_false (_attrib_merkle_verify_inclusion (i, n, leaves[i], (const AttribMerkleHash *) changed->data,
                                                           changed->len, roots_of[n]));
          }
        if (proof->len > 0)
          assert_false (_attrib_merkle_verify_inclusion (i, n, leaves[i], p, proof->len - 1, roots_of[n]));
        {
          g_autoptr(GArray) longer = g_array_copy (proof);

          g_array_append_vals (longer, leaves[0], 1);
          assert_false (_attrib_merkle_verify_inclusion (i, n, leaves[i], (const AttribMerkleHash *) longer->data,
                                                         longer->len, roots_of[n]));
        }
      }

  for (n = 1; n <= N_MAX; n++)
    for (m = 1; m <= n; m++)
      {
        g_autoptr(GArray) proof = _attrib_merkle_consistency_proof (leaves, n, m);
        const AttribMerkleHash *p = (const AttribMerkleHash *) proof->data;
        guint k;

        assert_true (_attrib_merkle_verify_consistency (m, n, p, proof->len, roots_of[m], roots_of[n]));
        {
          g_autoptr(GArray) longer = g_array_copy (proof);

          g_array_append_vals (longer, leaves[0], 1);
          assert_false (_attrib_merkle_verify_consistency (m, n, (const AttribMerkleHash *) longer->data, longer->len,
                                                           roots_of[m], roots_of[n]));
        }
        if (m == n)
          continue;
        /* logarithmic in the tree */
        assert_true (proof->len <= 2 * g_bit_storage (n));
        /* an earlier tree that was not that one (an event altered,
         * inserted or removed before m), another size, another head */
        assert_false (_attrib_merkle_verify_consistency (m, n, p, proof->len, roots_of[m == 1 ? 2 : m - 1], roots_of[n]));
        if (n - 1 > m)
          assert_false (_attrib_merkle_verify_consistency (m, n, p, proof->len, roots_of[m], roots_of[n - 1]));
        if (n < N_MAX)
          assert_false (_attrib_merkle_verify_consistency (m, n + 1, p, proof->len, roots_of[m], roots_of[n + 1]));
        for (k = 0; k < proof->len; k++)
          {
            g_autoptr(GArray) changed = g_array_copy (proof);

            g_array_index (changed, AttribMerkleHash, k)[0] ^= 0x80;
            assert_false (_attrib_merkle_verify_consistency (m, n, (const AttribMerkleHash *) changed->data, changed->len,
                                                             roots_of[m], roots_of[n]));
          }
        assert_false (_attrib_merkle_verify_consistency (m, n, p, proof->len - 1, roots_of[m], roots_of[n]));
      }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_reference_roots),
    cmocka_unit_test (test_reference_inclusion),
    cmocka_unit_test (test_reference_consistency),
    cmocka_unit_test (test_every_proof),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
