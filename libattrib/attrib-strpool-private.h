/* attrib-strpool-private.h: interned strings with dense 32-bit ids
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A ledger of ten million events repeats the same parties, names and
 * phones over and over, and every event id is a string. Interning gives
 * each distinct string a dense id (0, 1, 2, …) so records hold 4-byte ids
 * and side tables can be plain arrays indexed by id. Strings live in 1 MiB
 * chunks that never move, so returned pointers stay valid for the pool's
 * life. A table slot holds the string's hash beside its id, so probing
 * past other strings touches no memory but the slot itself: at millions
 * of strings every other access is a cache miss.
 */

#pragma once

#include <glib.h>

#include "attrib-limits-private.h"

G_BEGIN_DECLS

#define ATTRIB_NONE G_MAXUINT32

/* Longest string a pool takes, in bytes (documented limit). */
#define ATTRIB_STRPOOL_MAX_LENGTH ATTRIB_LIMIT_TEXT_BYTES

typedef struct
{
  char **chunks;
  guint n_chunks;
  gsize chunk_used;          /* bytes used in the last chunk */

  guint32 *refs;             /* id → (chunk << 20 | offset) */
  guint32 n_strings;
  guint32 n_alloc;

  guint64 *table;            /* open addressing: hash << 32 | (id + 1); 0 = empty */
  guint32 table_mask;
} AttribStrPool;

void        _attrib_strpool_init   (AttribStrPool *pool);
void        _attrib_strpool_clear  (AttribStrPool *pool);
guint32     _attrib_strpool_intern (AttribStrPool *pool,
                                    const char    *str,
                                    gsize          len,
                                    gboolean      *out_existed);
guint32     _attrib_strpool_lookup (const AttribStrPool *pool,
                                    const char    *str,
                                    gsize          len);
/* A look-up that remembers where a missing string would go, so that a
 * following insert of the same string into the unchanged pool does not
 * hash and probe again (the ledger checks an event id, then stores it). */
typedef struct
{
  guint32 hash;
  guint32 slot;
} AttribStrPoolPlace;

guint32     _attrib_strpool_find     (const AttribStrPool *pool,
                                      const char          *str,
                                      gsize                len,
                                      AttribStrPoolPlace  *out_place);
guint32     _attrib_strpool_insert_at (AttribStrPool      *pool,
                                      const char          *str,
                                      gsize                len,
                                      const AttribStrPoolPlace *place);
gsize       _attrib_strpool_get_size (const AttribStrPool *pool);
void        _attrib_strpool_truncate (AttribStrPool *pool,
                                      guint32        n);

static inline const char *
_attrib_strpool_get (const AttribStrPool *pool,
                     guint32              id)
{
  guint32 ref;

  if (id == ATTRIB_NONE)
    return NULL;
  ref = pool->refs[id];
  return pool->chunks[ref >> 20] + (ref & 0xFFFFF);
}

G_END_DECLS
