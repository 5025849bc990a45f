/* attrib-sign.c: Ed25519 signatures on the event log's tree heads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#ifdef HAVE_HOGWEED
#include <nettle/eddsa.h>
#endif

#include <attrib/attrib.h>

#include "attrib-sign-private.h"
#include "attrib-util-private.h"

static const char domain[20] = "attrib.tree-head.v1";   /* and its NUL */

#ifndef HAVE_HOGWEED
static gboolean
unavailable (GError **error)
{
  g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                       _("This libattrib was built without Nettle's Ed25519: it cannot sign"));
  return FALSE;
}
#endif

/* The public key of @secret (RFC 8032 §5.1.5). */
gboolean
_attrib_ed25519_public_key (const guint8   secret[ATTRIB_ED25519_KEY_SIZE],
                            guint8         out[ATTRIB_ED25519_KEY_SIZE],
                            GError       **error)
{
#ifdef HAVE_HOGWEED
  ed25519_sha512_public_key (out, secret);
  return TRUE;
#else
  return unavailable (error);
#endif
}

/* @message signed with @secret (RFC 8032 §5.1.6). */
gboolean
_attrib_ed25519_sign (const guint8   secret[ATTRIB_ED25519_KEY_SIZE],
                      const guint8  *message,
                      gsize          length,
                      guint8         out[ATTRIB_ED25519_SIGNATURE_SIZE],
                      GError       **error)
{
#ifdef HAVE_HOGWEED
  guint8 public_key[ATTRIB_ED25519_KEY_SIZE];

  ed25519_sha512_public_key (public_key, secret);
  ed25519_sha512_sign (public_key, secret, length, message, out);
  return TRUE;
#else
  return unavailable (error);
#endif
}

/* Whether @signature is @message's under @public_key (RFC 8032 §5.1.7);
 * FALSE where Ed25519 is not built in. */
gboolean
_attrib_ed25519_verify (const guint8  public_key[ATTRIB_ED25519_KEY_SIZE],
                        const guint8 *message,
                        gsize         length,
                        const guint8  signature[ATTRIB_ED25519_SIGNATURE_SIZE])
{
#ifdef HAVE_HOGWEED
  return ed25519_sha512_verify (public_key, length, message, signature) == 1;
#else
  return FALSE;
#endif
}

static void
put_be64 (guint8  *out,
          guint64  v)
{
  guint i;

  for (i = 0; i < 8; i++)
    out[i] = (guint8) (v >> (56 - 8 * i));
}

/* What a tree head is signed as. */
void
_attrib_tree_head_bytes (const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                         guint64                 size,
                         const AttribMerkleHash  root,
                         gint64                  timestamp,
                         guint8                  out[ATTRIB_TREE_HEAD_SIZE])
{
  guint8 *p = out;

  memcpy (p, domain, sizeof domain);
  p += sizeof domain;
  memcpy (p, log_id, ATTRIB_LOG_ID_SIZE);
  p += ATTRIB_LOG_ID_SIZE;
  put_be64 (p, size);
  memcpy (p + 8, root, ATTRIB_MERKLE_HASH_SIZE);
  put_be64 (p + 8 + ATTRIB_MERKLE_HASH_SIZE, (guint64) timestamp);
}

gboolean
_attrib_tree_head_sign (const guint8            secret[ATTRIB_ED25519_KEY_SIZE],
                        const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                        guint64                 size,
                        const AttribMerkleHash  root,
                        gint64                  timestamp,
                        guint8                  out[ATTRIB_ED25519_SIGNATURE_SIZE],
                        GError                **error)
{
  guint8 head[ATTRIB_TREE_HEAD_SIZE];

  _attrib_tree_head_bytes (log_id, size, root, timestamp, head);
  return _attrib_ed25519_sign (secret, head, sizeof head, out, error);
}

gboolean
_attrib_tree_head_verify (const guint8            public_key[ATTRIB_ED25519_KEY_SIZE],
                          const guint8            log_id[ATTRIB_LOG_ID_SIZE],
                          guint64                 size,
                          const AttribMerkleHash  root,
                          gint64                  timestamp,
                          const guint8            signature[ATTRIB_ED25519_SIGNATURE_SIZE])
{
  guint8 head[ATTRIB_TREE_HEAD_SIZE];

  _attrib_tree_head_bytes (log_id, size, root, timestamp, head);
  return _attrib_ed25519_verify (public_key, head, sizeof head, signature);
}
