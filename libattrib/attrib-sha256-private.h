/* attrib-sha256-private.h: SHA-256 for fingerprints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every verdict and statement is fingerprinted, so the hash is on the
 * batch's hot path. Nettle's SHA-256 (with the CPU's SHA instructions
 * where it has them) is several times faster than GLib's portable one;
 * where libattrib is built without Nettle, GLib's gives the same digest.
 */

#pragma once

#include <glib.h>

#ifdef HAVE_NETTLE
#include <nettle/sha2.h>
#endif

G_BEGIN_DECLS

typedef struct
{
#ifdef HAVE_NETTLE
  struct sha256_ctx ctx;
#else
  GChecksum *checksum;
#endif
} AttribSha256;

void  _attrib_sha256_init     (AttribSha256 *self);
void  _attrib_sha256_update   (AttribSha256 *self,
                               const char   *data,
                               gsize         length);
/* Writes "sha256:" and 64 lowercase hex digits, NUL-terminated, and frees
 * what init took. */
void  _attrib_sha256_finish   (AttribSha256 *self,
                               char          out[72]);
/* The 32 bytes of the digest, and frees what init took. */
void  _attrib_sha256_digest   (AttribSha256 *self,
                               guint8        out[32]);
/* "sha256:…" of @data, newly allocated */
char *_attrib_sha256_text     (const char   *data,
                               gsize         length);

G_END_DECLS
