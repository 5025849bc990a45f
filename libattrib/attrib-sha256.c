/* attrib-sha256.c: SHA-256 for fingerprints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-sha256-private.h"

void
_attrib_sha256_init (AttribSha256 *self)
{
#ifdef HAVE_NETTLE
  sha256_init (&self->ctx);
#else
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
#endif
}

void
_attrib_sha256_update (AttribSha256 *self,
                       const char   *data,
                       gsize         length)
{
#ifdef HAVE_NETTLE
  sha256_update (&self->ctx, length, (const uint8_t *) data);
#else
  g_checksum_update (self->checksum, (const guchar *) data, length);
#endif
}

void
_attrib_sha256_finish (AttribSha256 *self,
                       char          out[72])
{
#ifdef HAVE_NETTLE
  static const char hex[] = "0123456789abcdef";
  uint8_t digest[SHA256_DIGEST_SIZE];
  guint i;

  sha256_digest (&self->ctx, sizeof digest, digest);
  memcpy (out, "sha256:", 7);
  for (i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      out[7 + 2 * i] = hex[digest[i] >> 4];
      out[7 + 2 * i + 1] = hex[digest[i] & 15];
    }
  out[7 + 2 * SHA256_DIGEST_SIZE] = '\0';
#else
  memcpy (out, "sha256:", 7);
  g_strlcpy (out + 7, g_checksum_get_string (self->checksum), 65);
  g_checksum_free (self->checksum);
  self->checksum = NULL;
#endif
}

char *
_attrib_sha256_text (const char *data,
                     gsize       length)
{
  AttribSha256 sha;
  char out[72];

  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, data, length);
  _attrib_sha256_finish (&sha, out);
  return g_strdup (out);
}

/* The 32 bytes of the digest, and frees what init took. */
void
_attrib_sha256_digest (AttribSha256 *self,
                       guint8        out[32])
{
#ifdef HAVE_NETTLE
  sha256_digest (&self->ctx, 32, out);
#else
  gsize length = 32;

  g_checksum_get_digest (self->checksum, out, &length);
  g_checksum_free (self->checksum);
  self->checksum = NULL;
#endif
}
