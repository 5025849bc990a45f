/* attrib-strpool.c: interned strings with dense 32-bit ids
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-strpool-private.h"

#define CHUNK_SIZE (1u << 20)

G_STATIC_ASSERT (ATTRIB_STRPOOL_MAX_LENGTH < CHUNK_SIZE);

/* FNV-1a with a final avalanche: the strings are short (ids, phones,
 * names), where it is as fast as anything and has no alignment needs. */
static inline guint32
hash_bytes (const char *str,
            gsize       len)
{
  guint32 h = 2166136261u;
  gsize i;

  for (i = 0; i < len; i++)
    {
      h ^= (guchar) str[i];
      h *= 16777619u;
    }
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return h;
}

void
_attrib_strpool_init (AttribStrPool *pool)
{
  memset (pool, 0, sizeof *pool);
  pool->table_mask = 1023;
  pool->table = g_new0 (guint64, pool->table_mask + 1);
}

void
_attrib_strpool_clear (AttribStrPool *pool)
{
  guint i;

  for (i = 0; i < pool->n_chunks; i++)
    g_free (pool->chunks[i]);
  g_free (pool->chunks);
  g_free (pool->refs);
  g_free (pool->table);
  memset (pool, 0, sizeof *pool);
}

static inline gboolean
equal_at (const AttribStrPool *pool,
          guint32              id,
          const char          *str,
          gsize                len)
{
  const char *s = _attrib_strpool_get (pool, id);

  return memcmp (s, str, len) == 0 && s[len] == '\0';
}

#define SLOT_HASH(e) ((guint32) ((e) >> 32))
#define SLOT_ID(e) ((guint32) (e) - 1)
#define MAKE_SLOT(h, id) ((guint64) (h) << 32 | ((id) + 1))

guint32
_attrib_strpool_find (const AttribStrPool *pool,
                      const char          *str,
                      gsize                len,
                      AttribStrPoolPlace  *out_place)
{
  guint32 h = hash_bytes (str, len);
  guint32 slot = h & pool->table_mask;

  for (;;)
    {
      guint64 entry = pool->table[slot];

      if (entry == 0)
        break;
      if (SLOT_HASH (entry) == h && equal_at (pool, SLOT_ID (entry), str, len))
        return SLOT_ID (entry);
      slot = (slot + 1) & pool->table_mask;
    }
  if (out_place != NULL)
    {
      out_place->hash = h;
      out_place->slot = slot;
    }
  return ATTRIB_NONE;
}

guint32
_attrib_strpool_lookup (const AttribStrPool *pool,
                        const char          *str,
                        gsize                len)
{
  return _attrib_strpool_find (pool, str, len, NULL);
}

static void
insert_slot (guint64 *table,
             guint32  mask,
             guint64  entry)
{
  guint32 slot = SLOT_HASH (entry) & mask;

  while (table[slot] != 0)
    slot = (slot + 1) & mask;
  table[slot] = entry;
}

static void
grow_table (AttribStrPool *pool)
{
  guint32 new_mask = pool->table_mask * 2 + 1;
  guint64 *table = g_new0 (guint64, (gsize) new_mask + 1);
  guint32 i;

  for (i = 0; i <= pool->table_mask; i++)
    if (pool->table[i] != 0)
      insert_slot (table, new_mask, pool->table[i]);
  g_free (pool->table);
  pool->table = table;
  pool->table_mask = new_mask;
}

static guint32
store (AttribStrPool *pool,
       const char    *str,
       gsize          len)
{
  char *dest;

  if (pool->n_chunks == 0 || pool->chunk_used + len + 1 > CHUNK_SIZE)
    {
      pool->chunks = g_renew (char *, pool->chunks, pool->n_chunks + 1);
      pool->chunks[pool->n_chunks++] = g_malloc (CHUNK_SIZE);
      pool->chunk_used = 0;
    }
  dest = pool->chunks[pool->n_chunks - 1] + pool->chunk_used;
  memcpy (dest, str, len);
  dest[len] = '\0';
  pool->chunk_used += len + 1;
  return ((guint32) (pool->n_chunks - 1) << 20) | (guint32) (dest - pool->chunks[pool->n_chunks - 1]);
}

guint32
_attrib_strpool_insert_at (AttribStrPool            *pool,
                           const char               *str,
                           gsize                     len,
                           const AttribStrPoolPlace *place)
{
  guint32 id;

  g_assert (len <= ATTRIB_STRPOOL_MAX_LENGTH);
  g_assert (pool->table[place->slot] == 0);

  /* 4096 chunks of 1 MiB address 4 GiB of distinct text; ids stop short
   * of ATTRIB_NONE. Past either, the caller reports a limit error. */
  if (pool->n_strings >= ATTRIB_NONE - 1 ||
      (pool->n_chunks == 4096 && pool->chunk_used + len + 1 > CHUNK_SIZE))
    return ATTRIB_NONE;

  if (pool->n_strings == pool->n_alloc)
    {
      pool->n_alloc = MAX (1024, pool->n_alloc * 2);
      pool->refs = g_renew (guint32, pool->refs, pool->n_alloc);
    }
  id = pool->n_strings++;
  pool->refs[id] = store (pool, str, len);
  pool->table[place->slot] = MAKE_SLOT (place->hash, id);

  /* Keep the load factor below 3/4: slots carry the hash, so a probe
   * sequence stays within a cache line or two even when the table is full,
   * and a ten-million-string table costs 16 bytes a string, not 32. */
  if ((gsize) pool->n_strings * 4 > (gsize) pool->table_mask * 3)
    grow_table (pool);

  return id;
}

guint32
_attrib_strpool_intern (AttribStrPool *pool,
                        const char    *str,
                        gsize          len,
                        gboolean      *out_existed)
{
  AttribStrPoolPlace place;
  guint32 id = _attrib_strpool_find (pool, str, len, &place);

  if (out_existed != NULL)
    *out_existed = id != ATTRIB_NONE;
  if (id != ATTRIB_NONE)
    return id;
  return _attrib_strpool_insert_at (pool, str, len, &place);
}

gsize
_attrib_strpool_get_size (const AttribStrPool *pool)
{
  return (gsize) pool->n_chunks * CHUNK_SIZE
       + (gsize) pool->n_alloc * sizeof (guint32)
       + ((gsize) pool->table_mask + 1) * sizeof (guint64);
}

/* Forgets every string from id @n on: the ledger's rollback of a file that
 * failed half-way. Rebuilding the table is linear, but only errors pay. */
void
_attrib_strpool_truncate (AttribStrPool *pool,
                          guint32        n)
{
  guint32 id, ref;
  guint chunk;

  if (n >= pool->n_strings)
    return;

  ref = pool->refs[n];
  chunk = ref >> 20;
  while (pool->n_chunks > chunk + 1)
    g_free (pool->chunks[--pool->n_chunks]);
  pool->chunk_used = ref & 0xFFFFF;
  pool->n_strings = n;

  memset (pool->table, 0, sizeof (guint64) * ((gsize) pool->table_mask + 1));
  for (id = 0; id < n; id++)
    {
      const char *str = _attrib_strpool_get (pool, id);

      insert_slot (pool->table, pool->table_mask, MAKE_SLOT (hash_bytes (str, strlen (str)), id));
    }
}
