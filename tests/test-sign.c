/* test-sign.c: Ed25519 signatures on the event log's tree heads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Nettle's Ed25519 through libattrib's calls against RFC 8032 §7.1
 * (tests 1 and 2: the public key from the secret, the signature, and its
 * verification), then a signed tree head: it verifies, and not once its
 * size, root, time, signature or key changes.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "attrib-sign-private.h"

typedef struct
{
  const char *secret, *public_key, *message, *signature;
} Vector;

/* RFC 8032 §7.1, TEST 1 and TEST 2 */
static const Vector vectors[] = {
  { "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b" },
  { "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
    "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00" },
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

static void
test_rfc8032 (void **state)
{
  guint v;

  for (v = 0; v < G_N_ELEMENTS (vectors); v++)
    {
      guint8 secret[32], public_key[32], derived[32], message[8], signature[64], signed_now[64];
      gsize length;
      g_autoptr(GError) error = NULL;

      unhex (vectors[v].secret, secret);
      unhex (vectors[v].public_key, public_key);
      length = unhex (vectors[v].message, message);
      unhex (vectors[v].signature, signature);
      if (!_attrib_ed25519_public_key (secret, derived, &error))
        {
          /* built without Nettle's Ed25519 (skip () leaves by longjmp) */
          g_clear_error (&error);
          skip ();
        }
      assert_memory_equal (derived, public_key, 32);
      assert_true (_attrib_ed25519_sign (secret, message, length, signed_now, &error));
      assert_memory_equal (signed_now, signature, 64);
      assert_true (_attrib_ed25519_verify (public_key, message, length, signature));
      signature[v * 7] ^= 1;
      assert_false (_attrib_ed25519_verify (public_key, message, length, signature));
    }
}

static void
test_tree_head (void **state)
{
  guint8 secret[32], public_key[32], other[32], signature[64], bad[64];
  AttribMerkleHash root, other_root;
  guint8 head[ATTRIB_TREE_HEAD_SIZE];
  static const guint8 log_id[16] = { 0xa1, 0xa2, 0xa3, 0xa4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
  static const guint8 other_log[16] = { 0xa1, 0xa2, 0xa3, 0xa4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17 };
  g_autoptr(GError) error = NULL;
  const gint64 when = G_GINT64_CONSTANT (1733560800000000);   /* 2024-12-07T08:40:00Z */

  unhex (vectors[0].secret, secret);
  if (!_attrib_ed25519_public_key (secret, public_key, &error))
    {
      g_clear_error (&error);
      skip ();
    }
  unhex (vectors[1].public_key, other);
  _attrib_merkle_leaf_hash ((const guint8 *) "r1", 2, root);
  _attrib_merkle_leaf_hash ((const guint8 *) "r2", 2, other_root);

  /* the bytes signed: domain, the log's id, size, root, time */
  _attrib_tree_head_bytes (log_id, G_GUINT64_CONSTANT (0x0102030405060708), root, when, head);
  assert_memory_equal (head, "attrib.tree-head.v1", 20);
  assert_memory_equal (head + 20, log_id, 16);
  assert_int_equal (head[36], 0x01);
  assert_int_equal (head[43], 0x08);
  assert_memory_equal (head + 44, root, 32);
  assert_int_equal (sizeof head, 84);

  assert_true (_attrib_tree_head_sign (secret, log_id, 42, root, when, signature, &error));
  assert_true (_attrib_tree_head_verify (public_key, log_id, 42, root, when, signature));
  /* another log's head, however alike */
  assert_false (_attrib_tree_head_verify (public_key, other_log, 42, root, when, signature));
  assert_false (_attrib_tree_head_verify (public_key, log_id, 43, root, when, signature));
  assert_false (_attrib_tree_head_verify (public_key, log_id, 42, other_root, when, signature));
  assert_false (_attrib_tree_head_verify (public_key, log_id, 42, root, when + 1, signature));
  assert_false (_attrib_tree_head_verify (other, log_id, 42, root, when, signature));
  memcpy (bad, signature, sizeof bad);
  bad[63] ^= 0x40;
  assert_false (_attrib_tree_head_verify (public_key, log_id, 42, root, when, bad));
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_rfc8032),
    cmocka_unit_test (test_tree_head),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
