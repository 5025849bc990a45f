/* attrib-ledger-persons.c: who the events are about
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Identity resolution (catalog, Identity): phones joined by identity
 * links into persons (union–find), then persons known only by a name or
 * by a mask that fits nobody; masked phones resolved through the phones
 * grouped by the digits a mask of their shape shows, and by name where
 * the profile lets a name decide. Ids follow the smallest phone of each
 * person, so they do not depend on the order events were added in. The
 * lists built on the persons are attrib-ledger-index.c's.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "attrib-ledger-private.h"

typedef struct
{
  guint32 name;
  guint32 person;
} NamePerson;

static guint32
uf_find (guint32 *parent,
         guint32  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

static void
uf_union (guint32 *parent,
          guint32  a,
          guint32  b)
{
  a = uf_find (parent, a);
  b = uf_find (parent, b);
  /* the smaller node (= smaller phone, nodes are sorted) becomes the root */
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/* Sorting a million deal ids with strcmp() chases a pointer into the
 * string pool at every comparison. Comparing the first eight bytes, held
 * big-endian in the sort key, decides almost every pair without that. */
typedef struct
{
  guint64 prefix;
  const char *str;
  guint32 id;
} StringKey;

static int
compare_string_keys (gconstpointer a,
                     gconstpointer b)
{
  const StringKey *x = a, *y = b;

  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  return strcmp (x->str, y->str);
}

/* Sorts an array of string ids by their strings' bytes. */
void
_attrib_ledger_sort_string_ids (const AttribStrPool *pool,
                 GArray              *ids)
{
  g_autofree StringKey *keys = g_new (StringKey, MAX (ids->len, 1));
  guint i, k;

  for (i = 0; i < ids->len; i++)
    {
      const char *str = _attrib_strpool_get (pool, g_array_index (ids, guint32, i));

      keys[i].prefix = 0;
      for (k = 0; k < 8; k++)
        {
          keys[i].prefix = keys[i].prefix << 8 | (guchar) str[k];
          if (str[k] == '\0')
            {
              keys[i].prefix <<= 8 * (7 - k);
              break;
            }
        }
      keys[i].str = str;
      keys[i].id = g_array_index (ids, guint32, i);
    }
  qsort (keys, ids->len, sizeof (StringKey), compare_string_keys);
  for (i = 0; i < ids->len; i++)
    g_array_index (ids, guint32, i) = keys[i].id;
}

/* Phones are 11 ASCII digits: as numbers they sort like strings, and
 * sorting numbers touches no string memory. A hashed phone ('#' and 20
 * hex digits) sorts after every number, by its first 15 hex digits (2^60
 * + those): no mask fits it, and equal keys are ordered by the whole text
 * (compare_phone_keys). */
typedef struct
{
  guint64 key;
  guint32 id;
} PhoneKey;

#define PHONE_VALUES G_GUINT64_CONSTANT (100000000000)   /* 10^11: above, hashed */

static guint64
phone_value (const char *phone)
{
  guint64 v = 0;
  guint i;

  if (phone[0] == '#')
    {
      for (i = 1; i <= 15; i++)
        v = v << 4 | (guint64) g_ascii_xdigit_value (phone[i]);
      return G_GUINT64_CONSTANT (1) << 60 | v;
    }
  for (i = 0; i < 11; i++)
    v = v * 10 + (guint64) (phone[i] - '0');
  return v;
}

static int
compare_phone_keys (gconstpointer a,
                    gconstpointer b,
                    gpointer      strings)
{
  const PhoneKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return strcmp (_attrib_strpool_get (strings, x->id), _attrib_strpool_get (strings, y->id));
}

static guint64
power_of_ten (guint n)
{
  guint64 p = 1;

  while (n-- > 0)
    p *= 10;
  return p;
}

/* [*out_lo, *out_hi): the items of sorted @values whose first @digits
 * digits (of 11) equal those of @value. */
static void
digit_range (const guint64 *values,
             guint32        n,
             guint64        value,
             guint          digits,
             guint32       *out_lo,
             guint32       *out_hi)
{
  guint64 unit = power_of_ten (11 - digits);
  guint64 lo_key = value / unit * unit, hi_key = lo_key + unit;
  guint32 lo = 0, hi = n, mid;

  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (values[mid] < lo_key)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_lo = lo;
  hi = n;
  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (values[mid] < hi_key)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_hi = lo;
}

static gboolean
is_mask (const char *phone)
{
  return strchr (phone, '*') != NULL;
}

static int
compare_u32 (gconstpointer a,
             gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/* Sorts an array of guint32 and drops repeats. */
void
_attrib_sort_unique (GArray *array)
{
  guint i, j;

  g_array_sort (array, compare_u32);
  for (i = 0, j = 0; i < array->len; i++)
    if (j == 0 || g_array_index (array, guint32, j - 1) != g_array_index (array, guint32, i))
      g_array_index (array, guint32, j++) = g_array_index (array, guint32, i);
  g_array_set_size (array, j);
}

static int
compare_name_person (gconstpointer a,
                     gconstpointer b)
{
  const NamePerson *x = a, *y = b;

  if (x->name != y->name)
    return x->name < y->name ? -1 : 1;
  return x->person < y->person ? -1 : x->person > y->person;
}

/* Sorts a short list in place: a person's names are few, often one. */
static void
sort_slice (guint32 *items,
            guint32  n)
{
  guint32 i, j, x;

  if (n > 16)
    {
      qsort (items, n, sizeof (guint32), compare_u32);
      return;
    }
  for (i = 1; i < n; i++)
    {
      x = items[i];
      for (j = i; j > 0 && items[j - 1] > x; j--)
        items[j] = items[j - 1];
      items[j] = x;
    }
}

static gboolean
slice_contains (const guint32 *items,
                guint32        n,
                guint32        key)
{
  guint32 lo = 0, hi = n;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (items[mid] == key)
        return TRUE;
      if (items[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

/* Whether @person was seen under the name @key (a string id) or, with
 * @initials, under a name starting with the character @key. */
static gboolean
person_known_as (const AttribLedgerIndex *index,
                 guint32                  person,
                 guint32                  key,
                 gboolean                 initials)
{
  const guint32 *names;
  guint32 n;

  _attrib_csr_get (&index->person_names, person, &names, &n);
  if (n == 0)
    return FALSE;
  return slice_contains (initials ? index->person_initials + (names - index->person_names.items) : names, n, key);
}

/* How a channel writes a surname for a customer whose full name it does
 * not give: 李先生, 李女士, 李总, 王姐 … — and 老李, 小王. */
static const char * const honorifics[] = {
  "先生", "女士", "小姐", "太太", "夫人", "总", "姐", "哥", "老板", "经理", "老师", "阿姨", "叔", "师傅", NULL
};

/* The first character (code point, not byte) of @name; whether the name is
 * a surname only — written alone (李), with an honorific (李先生) or as 老李
 * or 小王, whose surname is then the character returned — in @out_alone.
 * 0 for an empty or malformed name. */
static gunichar
name_initial (const char *name,
              gboolean   *out_alone)
{
  gunichar c = g_utf8_get_char_validated (name, -1);
  const char *rest;
  guint i;

  *out_alone = FALSE;
  if (c == 0 || c == (gunichar) -1 || c == (gunichar) -2)
    return 0;
  rest = g_utf8_next_char (name);
  if (*rest == '\0')
    {
      *out_alone = TRUE;
      return c;
    }
  for (i = 0; honorifics[i] != NULL; i++)
    if (strcmp (rest, honorifics[i]) == 0)
      {
        *out_alone = TRUE;
        return c;
      }
  /* 老李, 小王: the surname comes second */
  if ((c == 0x8001 /* 老 */ || c == 0x5c0f /* 小 */) && g_utf8_validate (rest, -1, NULL) &&
      *g_utf8_next_char (rest) == '\0')
    {
      *out_alone = TRUE;
      return g_utf8_get_char (rest);
    }
  return c;
}

/* Masked phones (catalog §0, Identity). A mask shows the first and the
 * last digits of a number; one such as 1*******000 fits every phone
 * ending in 000, which may be all of the ledger's. Resolving it must not
 * look at each of them: per shape of mask (how many first and last digits
 * it shows), the full phones are grouped by the digits a mask of that
 * shape shows (their key), so that the persons a mask fits are one range
 * of distinct (key, person) pairs, found by binary search, and how many
 * they are is the range's length.
 *
 * Among them a report's name may pick one (pick_in_group). For that the
 * groups also hold (key, name, person) for each name a person is known
 * under, and the same with the names' first characters: whether a name
 * picks one is then a range too. A person with g groups (phones in
 * several, joined by identity links) and m names takes g · m of these;
 * while g or m is at most MANY_FROM that stays linear. A person past it in
 * both (a few, built on purpose) is kept apart instead, and looked at one
 * by one: the persons of the group, or those known under the name,
 * whichever are fewer. Which persons are both in a group and of a name is
 * set intersection, which no index answers in general; the shorter side
 * bounds it. */

#define MANY_FROM 4

typedef struct
{
  guint64 key;               /* the digits shown: first · 10^(last) + last */
  guint32 person;
} KeyPerson;

typedef struct
{
  guint64 key;
  guint32 name;              /* a string id, or a first character */
  guint32 person;
} KeyNamePerson;

struct _AttribMaskGroups
{
  guint head, tail;          /* digits shown first and last */
  KeyPerson *persons;        /* distinct (key, person), sorted: per key,
                              * the persons the masks of that key fit */
  guint32 n_persons;
  KeyNamePerson *names;      /* (key, name, person), distinct, sorted … */
  guint32 n_names;
  KeyNamePerson *initials;   /* … and with first characters, of the persons
                              * with few groups or few names */
  guint32 n_initials;
  KeyPerson *many;           /* (key, person) of the others, sorted … */
  guint32 n_many;
  NamePerson *many_names;    /* … their (name, person), sorted … */
  guint32 n_many_names;
  NamePerson *many_initials; /* … and (first character, person) */
  guint32 n_many_initials;
};

void
_attrib_mask_groups_free (AttribMaskGroups *groups)
{
  g_free (groups->persons);
  g_free (groups->names);
  g_free (groups->initials);
  g_free (groups->many);
  g_free (groups->many_names);
  g_free (groups->many_initials);
  g_free (groups);
}

/* Orders, and, with @whole FALSE, tells apart only by what a look-up
 * gives (the key; the key and the name; the name). */
static int
compare_key_person (gconstpointer a,
                    gconstpointer b,
                    gpointer      whole)
{
  const KeyPerson *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (!GPOINTER_TO_INT (whole))
    return 0;
  return x->person < y->person ? -1 : x->person > y->person;
}

static int
compare_key_name_person (gconstpointer a,
                         gconstpointer b,
                         gpointer      whole)
{
  const KeyNamePerson *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->name != y->name)
    return x->name < y->name ? -1 : 1;
  if (!GPOINTER_TO_INT (whole))
    return 0;
  return x->person < y->person ? -1 : x->person > y->person;
}

static int
compare_name_person_part (gconstpointer a,
                          gconstpointer b,
                          gpointer      whole)
{
  const NamePerson *x = a, *y = b;

  if (!GPOINTER_TO_INT (whole))
    return x->name < y->name ? -1 : x->name > y->name;
  return compare_name_person (a, b);
}

static int
compare_key_person_whole (gconstpointer a,
                          gconstpointer b,
                          gpointer      unused)
{
  return compare_key_person (a, b, GINT_TO_POINTER (TRUE));
}

/* Sorts @n items of @size bytes wholly and drops repeats; returns how many
 * are left. */
static guint32
sort_distinct (void             *items,
               guint32           n,
               gsize             size,
               GCompareDataFunc  compare)
{
  char *bytes = items;
  guint32 i, j;

  g_qsort_with_data (items, n, size, compare, GINT_TO_POINTER (TRUE));
  for (i = 0, j = 0; i < n; i++)
    if (j == 0 || compare (bytes + (gsize) (j - 1) * size, bytes + (gsize) i * size, GINT_TO_POINTER (TRUE)) != 0)
      {
        if (j != i)
          memcpy (bytes + (gsize) j * size, bytes + (gsize) i * size, size);
        j++;
      }
  return j;
}

/* [*out_lo, *out_hi): the items of sorted @items that a look-up of @probe
 * finds (compare with whole FALSE). */
static void
equal_range (const void       *items,
             guint32           n,
             gsize             size,
             const void       *probe,
             GCompareDataFunc  compare,
             guint32          *out_lo,
             guint32          *out_hi)
{
  const char *bytes = items;
  guint32 lo = 0, hi = n, mid;

  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (compare (bytes + (gsize) mid * size, probe, GINT_TO_POINTER (FALSE)) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_lo = lo;
  hi = n;
  while (lo < hi)
    {
      mid = lo + (hi - lo) / 2;
      if (compare (bytes + (gsize) mid * size, probe, GINT_TO_POINTER (FALSE)) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_hi = lo;
}

/* The key of a full phone's value @value for masks showing @head first
 * and @tail last digits. */
static guint64
mask_key (guint64 value,
          guint   head,
          guint   tail)
{
  guint64 tail_unit = power_of_ten (tail);

  return value / power_of_ten (11 - head) * tail_unit + value % tail_unit;
}

static AttribMaskGroups *
mask_groups_build (const AttribLedgerIndex *index,
                   guint                    head,
                   guint                    tail)
{
  AttribMaskGroups *groups = g_new0 (AttribMaskGroups, 1);
  g_autofree guint32 *n_groups = g_new0 (guint32, MAX (index->n_phone_persons, 1));
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (KeyNamePerson));
  g_autoptr(GArray) initials = g_array_new (FALSE, FALSE, sizeof (KeyNamePerson));
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (KeyPerson));
  g_autoptr(GArray) many_names = g_array_new (FALSE, FALSE, sizeof (NamePerson));
  g_autoptr(GArray) many_initials = g_array_new (FALSE, FALSE, sizeof (NamePerson));
  guint32 n = 0, i, k, p;

  groups->head = head;
  groups->tail = tail;
  groups->persons = g_new (KeyPerson, MAX (index->n_phones, 1));
  for (i = 0; i < index->n_phones; i++)
    if (index->prefix_values[i] < PHONE_VALUES)
      {
        groups->persons[n].key = mask_key (index->prefix_values[i], head, tail);
        groups->persons[n].person = index->phone_person[i];
        n++;
      }
  groups->n_persons = sort_distinct (groups->persons, n, sizeof (KeyPerson), compare_key_person);
  for (i = 0; i < groups->n_persons; i++)
    n_groups[groups->persons[i].person]++;

  for (i = 0; i < groups->n_persons; i++)
    {
      const KeyPerson *kp = &groups->persons[i];
      const guint32 *items;
      guint32 m, from;

      _attrib_csr_get (&index->person_names, kp->person, &items, &m);
      if (n_groups[kp->person] > MANY_FROM && m > MANY_FROM)
        {
          g_array_append_val (many, *kp);
          continue;
        }
      from = items - index->person_names.items;
      for (k = 0; k < m; k++)
        {
          KeyNamePerson by_name = { kp->key, items[k], kp->person };
          KeyNamePerson by_initial = { kp->key, index->person_initials[from + k], kp->person };

          g_array_append_val (names, by_name);
          g_array_append_val (initials, by_initial);
        }
    }
  for (p = 0; p < index->n_phone_persons; p++)
    {
      const guint32 *items;
      guint32 m, from;

      _attrib_csr_get (&index->person_names, p, &items, &m);
      if (n_groups[p] <= MANY_FROM || m <= MANY_FROM)
        continue;
      from = items - index->person_names.items;
      for (k = 0; k < m; k++)
        {
          NamePerson by_name = { items[k], p };
          NamePerson by_initial = { index->person_initials[from + k], p };

          g_array_append_val (many_names, by_name);
          g_array_append_val (many_initials, by_initial);
        }
    }

  groups->n_names = sort_distinct (names->data, names->len, sizeof (KeyNamePerson), compare_key_name_person);
  groups->names = (KeyNamePerson *) g_array_free (g_steal_pointer (&names), FALSE);
  groups->n_initials = sort_distinct (initials->data, initials->len, sizeof (KeyNamePerson), compare_key_name_person);
  groups->initials = (KeyNamePerson *) g_array_free (g_steal_pointer (&initials), FALSE);
  groups->n_many = many->len;   /* a subsequence of sorted distinct pairs */
  groups->many = (KeyPerson *) g_array_free (g_steal_pointer (&many), FALSE);
  groups->n_many_names = sort_distinct (many_names->data, many_names->len, sizeof (NamePerson), compare_name_person_part);
  groups->many_names = (NamePerson *) g_array_free (g_steal_pointer (&many_names), FALSE);
  groups->n_many_initials = sort_distinct (many_initials->data, many_initials->len, sizeof (NamePerson),
                                           compare_name_person_part);
  groups->many_initials = (NamePerson *) g_array_free (g_steal_pointer (&many_initials), FALSE);
  return groups;
}

/* The groups for masks of @mask's shape, built on first use. Readers may
 * ask at once: each builds, the first to publish wins (as
 * without_names). */
static const AttribMaskGroups *
mask_groups_for (AttribLedger            *self,
                 const AttribLedgerIndex *index,
                 const char              *mask)
{
  guint head = 0, tail = 0;
  AttribMaskGroups **slot;
  AttribMaskGroups *groups;

  while (mask[head] != '*')
    head++;
  while (mask[10 - tail] != '*')
    tail++;
  slot = &self->mask_groups[head * 11 + tail];
  groups = g_atomic_pointer_get (slot);
  if (groups == NULL)
    {
      groups = mask_groups_build (index, head, tail);
      if (!g_atomic_pointer_compare_and_exchange (slot, NULL, groups))
        {
          _attrib_mask_groups_free (groups);
          groups = g_atomic_pointer_get (slot);
        }
    }
  return groups;
}

/* The distinct persons whose full phones fit @mask: those of
 * (*out_groups)->persons in [*out_lo, *out_hi), ascending; their key in
 * *out_key. */
static void
match_mask (AttribLedger             *self,
            const AttribLedgerIndex  *index,
            const char               *mask,
            const AttribMaskGroups  **out_groups,
            guint64                  *out_key,
            guint32                  *out_lo,
            guint32                  *out_hi)
{
  const AttribMaskGroups *groups = mask_groups_for (self, index, mask);
  char filled[12];
  KeyPerson probe;
  guint i;

  /* the mask with its stars as zeros: its key is a phone's of the same
   * shown digits */
  for (i = 0; i < 11; i++)
    filled[i] = mask[i] == '*' ? '0' : mask[i];
  filled[11] = '\0';
  probe.key = mask_key (phone_value (filled), groups->head, groups->tail);
  probe.person = 0;
  equal_range (groups->persons, groups->n_persons, sizeof (KeyPerson), &probe, compare_key_person,
               out_lo, out_hi);
  *out_groups = groups;
  *out_key = probe.key;
}

/* How many persons of the group @key are known under @name (a string id)
 * or, with @initials, under a name starting with the character @name: 0,
 * 1 (that one in *out_person) or 2 for two or more. Adds the work to
 * *steps: one for the look-ups, one per person looked at. */
static guint32
group_known_as (const AttribLedgerIndex *index,
                const AttribMaskGroups  *groups,
                guint64                  key,
                guint32                  name,
                gboolean                 initials,
                guint32                 *out_person,
                guint64                 *steps)
{
  KeyNamePerson probe = { key, name, 0 };
  KeyPerson in_group = { key, 0 };
  NamePerson of_name = { name, 0 };
  const KeyNamePerson *few = initials ? groups->initials : groups->names;
  const NamePerson *named = initials ? groups->many_initials : groups->many_names;
  guint32 lo, hi, group_lo, group_hi, name_lo, name_hi, hits, i;

  equal_range (few, initials ? groups->n_initials : groups->n_names, sizeof (KeyNamePerson), &probe,
               compare_key_name_person, &lo, &hi);
  *steps += 1;
  hits = hi - lo;
  if (hits > 0)
    *out_person = few[lo].person;
  if (hits >= 2 || groups->n_many == 0)
    return MIN (hits, 2);

  /* the persons with many groups and many names: one by one, on the
   * shorter side, until two are found */
  equal_range (groups->many, groups->n_many, sizeof (KeyPerson), &in_group, compare_key_person,
               &group_lo, &group_hi);
  equal_range (named, initials ? groups->n_many_initials : groups->n_many_names, sizeof (NamePerson),
               &of_name, compare_name_person_part, &name_lo, &name_hi);
  if (group_hi - group_lo <= name_hi - name_lo)
    {
      for (i = group_lo; i < group_hi && hits < 2; i++)
        {
          *steps += 1;
          if (person_known_as (index, groups->many[i].person, name, initials))
            {
              *out_person = groups->many[i].person;
              hits++;
            }
        }
    }
  else
    {
      for (i = name_lo; i < name_hi && hits < 2; i++)
        {
          KeyPerson pair = { key, named[i].person };
          guint32 at_lo, at_hi;

          *steps += 1;
          equal_range (groups->many + group_lo, group_hi - group_lo, sizeof (KeyPerson), &pair,
                       compare_key_person_whole, &at_lo, &at_hi);
          if (at_lo < at_hi)
            {
              *out_person = named[i].person;
              hits++;
            }
        }
    }
  return hits;
}

/* Of the persons a masked phone fits (the group @key of @groups, two or
 * more), the one a report's name singles out (catalog §11, masked phones
 * with a name): the only one known under that full name; else, for a
 * surname (one character, or written 李先生, 李女士, 老李, 小李:
 * name_initial()), the only one known under a name starting with it.
 * Names count as known when seen with one of the person's full phones.
 * Two persons of the same name (namesakes), or a surname two names start
 * with, single out nobody: ATTRIB_NONE. @name_id is @name's string id, or
 * ATTRIB_NONE if the ledger never saw it. */
static guint32
pick_in_group (const AttribLedgerIndex *index,
               const AttribMaskGroups  *groups,
               guint64                  key,
               const char              *name,
               guint32                  name_id,
               guint64                 *steps)
{
  guint32 found = ATTRIB_NONE, hits;
  gboolean alone;
  gunichar initial;

  if (name_id != ATTRIB_NONE)
    {
      hits = group_known_as (index, groups, key, name_id, FALSE, &found, steps);
      if (hits > 0)
        return hits == 1 ? found : ATTRIB_NONE;
    }

  initial = name_initial (name, &alone);
  if (!alone)
    return ATTRIB_NONE;
  hits = group_known_as (index, groups, key, initial, TRUE, &found, steps);
  return hits == 1 ? found : ATTRIB_NONE;
}

/* Per phone person, the names seen with its full phones (string ids) and,
 * at the same offsets, their first characters; each slice sorted on its
 * own. One entry per contact (name and full phone), so repeats are rare
 * and harmless. */
static void
build_person_names (AttribLedger      *self,
                    AttribLedgerIndex *index,
                    const guint32     *node_of_string,
                    guint32           *parent,
                    const guint32     *root_person,
                    guint32            n_phone_persons)
{
  const AttribContactRec *contacts = (const AttribContactRec *) self->contacts->data;
  guint32 n_contacts = self->contacts->len, pass, c, p;
  CsrBuilder b;

  _attrib_csr_builder_init (&b, n_phone_persons);
  for (pass = 0; pass < 2; pass++)
    {
      for (c = 0; c < n_contacts; c++)
        {
          guint32 ph = contacts[c].phone, nm = contacts[c].name, at;
          gboolean alone;

          if (ph == ATTRIB_NONE || nm == ATTRIB_NONE || node_of_string[ph] == ATTRIB_NONE)
            continue;
          p = root_person[uf_find (parent, node_of_string[ph])];
          if (pass == 0)
            {
              b.counts[p]++;
              continue;
            }
          at = b.counts[p]++;
          index->person_names.items[at] = nm;
          index->person_initials[at] = name_initial (_attrib_strpool_get (&self->strings, nm), &alone);
        }
      if (pass == 0)
        {
          _attrib_csr_builder_finish_counts (&b, &index->person_names);
          index->person_initials = g_new (guint32, MAX (index->person_names.offsets[n_phone_persons], 1));
        }
    }
  _attrib_csr_builder_clear (&b);
  for (p = 0; p < n_phone_persons; p++)
    {
      guint32 from = index->person_names.offsets[p], n = index->person_names.offsets[p + 1] - from;

      sort_slice (index->person_names.items + from, n);
      sort_slice (index->person_initials + from, n);
    }
}

/* person → contacts, from contact_person */
void
_attrib_ledger_build_person_contacts (AttribLedgerIndex *index,
                       guint32            n_contacts)
{
  CsrBuilder b;
  guint32 c;

  _attrib_csr_builder_init (&b, index->n_persons);
  for (c = 0; c < n_contacts; c++)
    if (index->contact_person[c] != ATTRIB_NONE)
      b.counts[index->contact_person[c]]++;
  _attrib_csr_builder_finish_counts (&b, &index->person_contacts);
  for (c = 0; c < n_contacts; c++)
    if (index->contact_person[c] != ATTRIB_NONE)
      _attrib_csr_builder_put (&b, &index->person_contacts, index->contact_person[c], c);
  _attrib_csr_builder_clear (&b);
}

void
_attrib_ledger_build_persons (AttribLedger      *self,
               AttribLedgerIndex *index)
{
  const AttribContactRec *contacts = (const AttribContactRec *) self->contacts->data;
  guint32 n_contacts = self->contacts->len;
  guint32 n_strings = self->strings.n_strings;
  g_autofree guint32 *node_of_string = NULL;
  g_autofree guint32 *parent = NULL;
  g_autofree guint32 *root_person = NULL;
  g_autofree guint32 *name_person = NULL;
  g_autoptr(GArray) phones = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) name_only = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) mask_only = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *extra_person = NULL;   /* name/mask string → person */
  g_autofree PhoneKey *keys = NULL;
  g_autoptr(GArray) pairs = NULL;
  guint32 n_phone_persons = 0, c, i, p;

  /* 1. phone nodes, sorted by phone so ids follow phone order */
  node_of_string = g_new (guint32, MAX (n_strings, 1));
  memset (node_of_string, 0xff, sizeof (guint32) * n_strings);
  for (c = 0; c < n_contacts; c++)
    {
      guint32 ph = contacts[c].phone;

      if (ph != ATTRIB_NONE && node_of_string[ph] == ATTRIB_NONE &&
          !is_mask (_attrib_strpool_get (&self->strings, ph)))
        {
          node_of_string[ph] = 0;
          g_array_append_val (phones, ph);
        }
    }
  keys = g_new (PhoneKey, MAX (phones->len, 1));
  for (i = 0; i < phones->len; i++)
    {
      keys[i].id = g_array_index (phones, guint32, i);
      keys[i].key = phone_value (_attrib_strpool_get (&self->strings, keys[i].id));
    }
  g_qsort_with_data (keys, phones->len, sizeof (PhoneKey), compare_phone_keys, &self->strings);
  index->n_phones = phones->len;
  index->prefix_values = g_new (guint64, MAX (phones->len, 1));
  for (i = 0; i < phones->len; i++)
    {
      g_array_index (phones, guint32, i) = keys[i].id;
      index->prefix_values[i] = keys[i].key;
      node_of_string[keys[i].id] = i;
    }

  /* 2. identity links join phones */
  parent = g_new (guint32, MAX (phones->len, 1));
  for (i = 0; i < phones->len; i++)
    parent[i] = i;
  for (i = 0; i < self->n_records; i++)
    {
      const AttribRecord *rec = &self->records[i];

      if (rec->type == ATTRIB_EVENT_TYPE_IDENTITY)
        uf_union (parent,
                  node_of_string[contacts[rec->contact].phone],
                  node_of_string[contacts[rec->counterpart].phone]);
    }

  /* 3. a person per cluster; the root is the smallest phone, and roots are
   *    met in phone order, so person ids follow the smallest phone */
  root_person = g_new (guint32, MAX (phones->len, 1));
  for (i = 0; i < phones->len; i++)
    root_person[i] = uf_find (parent, i) == i ? n_phone_persons++ : ATTRIB_NONE;

  /* 4. names seen with a full phone: the person, or ATTRIB_AMBIGUOUS for namesakes */
  name_person = g_new (guint32, MAX (n_strings, 1));
  memset (name_person, 0xff, sizeof (guint32) * n_strings);
  for (c = 0; c < n_contacts; c++)
    {
      guint32 ph = contacts[c].phone, nm = contacts[c].name;

      if (ph == ATTRIB_NONE || nm == ATTRIB_NONE || node_of_string[ph] == ATTRIB_NONE)
        continue;
      p = root_person[uf_find (parent, node_of_string[ph])];
      if (name_person[nm] == ATTRIB_NONE)
        name_person[nm] = p;
      else if (name_person[nm] != p)
        name_person[nm] = ATTRIB_AMBIGUOUS;
    }
  /* …and per person, for a masked phone that fits several: its name picks */
  build_person_names (self, index, node_of_string, parent, root_person, n_phone_persons);

  /* 5. persons known only by a name, or only by a mask matching nobody */
  index->phones_by_prefix = (guint32 *) g_array_free (g_steal_pointer (&phones), FALSE);
  phones = g_array_new (FALSE, FALSE, sizeof (guint32));
  index->phone_person = g_new (guint32, MAX (index->n_phones, 1));
  index->n_phone_persons = n_phone_persons;
  for (i = 0; i < index->n_phones; i++)
    index->phone_person[i] = root_person[uf_find (parent, i)];

  index->contact_person = g_new (guint32, MAX (n_contacts, 1));
  index->contact_flags = g_new0 (guint8, MAX (n_contacts, 1));
  extra_person = g_new (guint32, MAX (n_strings, 1));
  memset (extra_person, 0xff, sizeof (guint32) * n_strings);
  for (c = 0; c < n_contacts; c++)
    {
      guint32 ph = contacts[c].phone, nm = contacts[c].name;

      if (ph != ATTRIB_NONE && node_of_string[ph] != ATTRIB_NONE)
        index->contact_person[c] = root_person[uf_find (parent, node_of_string[ph])];
      else if (ph == ATTRIB_NONE)
        {
          if (name_person[nm] == ATTRIB_AMBIGUOUS)
            index->contact_person[c] = ATTRIB_NONE;
          else if (name_person[nm] != ATTRIB_NONE)
            index->contact_person[c] = name_person[nm];
          else
            {
              index->contact_person[c] = ATTRIB_AMBIGUOUS;   /* resolved below */
              if (extra_person[nm] == ATTRIB_NONE)
                {
                  extra_person[nm] = 0;
                  g_array_append_val (name_only, nm);
                }
            }
        }
      else
        {
          const AttribMaskGroups *groups;
          guint64 key;
          guint32 lo, hi;

          match_mask (self, index, _attrib_strpool_get (&self->strings, ph), &groups, &key, &lo, &hi);
          index->mask_steps++;
          if (hi - lo == 1)
            index->contact_person[c] = groups->persons[lo].person;
          else if (hi - lo > 1)
            {
              /* ambiguous, unless the name the report carries decides */
              p = nm == ATTRIB_NONE ? ATTRIB_NONE
                : pick_in_group (index, groups, key, _attrib_strpool_get (&self->strings, nm), nm,
                                 &index->mask_steps);
              index->contact_person[c] = p;
              if (p != ATTRIB_NONE)
                {
                  index->contact_flags[c] |= ATTRIB_CONTACT_BY_NAME;
                  index->n_by_name++;
                }
            }
          else
            {
              index->contact_person[c] = ATTRIB_AMBIGUOUS;   /* resolved below */
              if (extra_person[ph] == ATTRIB_NONE)
                {
                  extra_person[ph] = 0;
                  g_array_append_val (mask_only, ph);
                }
            }
        }
    }
  _attrib_ledger_sort_string_ids (&self->strings, name_only);
  _attrib_ledger_sort_string_ids (&self->strings, mask_only);
  index->n_persons = n_phone_persons;
  index->n_phone_persons = n_phone_persons;
  index->n_name_persons = name_only->len;
  index->extra_keys = g_new (guint32, MAX (name_only->len + mask_only->len, 1));
  for (i = 0; i < name_only->len; i++)
    index->extra_keys[i] = g_array_index (name_only, guint32, i);
  for (i = 0; i < mask_only->len; i++)
    index->extra_keys[name_only->len + i] = g_array_index (mask_only, guint32, i);
  for (i = 0; i < name_only->len; i++)
    extra_person[g_array_index (name_only, guint32, i)] = index->n_persons++;
  for (i = 0; i < mask_only->len; i++)
    extra_person[g_array_index (mask_only, guint32, i)] = index->n_persons++;
  for (c = 0; c < n_contacts; c++)
    if (index->contact_person[c] == ATTRIB_AMBIGUOUS)
      index->contact_person[c] = extra_person[contacts[c].phone != ATTRIB_NONE ? contacts[c].phone : contacts[c].name];

  /* 6. person → contacts */
  _attrib_ledger_build_person_contacts (index, n_contacts);

  /* 7. name → persons, for look-ups by name: distinct (name, person)
   *    pairs sorted, grouped by name */
  pairs = g_array_new (FALSE, FALSE, sizeof (NamePerson));
  for (c = 0; c < n_contacts; c++)
    if (contacts[c].name != ATTRIB_NONE && index->contact_person[c] != ATTRIB_NONE)
      {
        NamePerson np = { contacts[c].name, index->contact_person[c] };

        g_array_append_val (pairs, np);
      }
  g_array_sort (pairs, compare_name_person);
  {
    g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
    g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
    g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (guint32));

    for (i = 0; i < pairs->len; i++)
      {
        const NamePerson *np = &g_array_index (pairs, NamePerson, i);
        const NamePerson *prev = i > 0 ? &g_array_index (pairs, NamePerson, i - 1) : NULL;

        if (prev == NULL || prev->name != np->name)
          {
            g_array_append_val (names, np->name);
            g_array_append_val (offsets, items->len);
          }
        if (prev == NULL || prev->name != np->name || prev->person != np->person)
          g_array_append_val (items, np->person);
      }
    g_array_append_val (offsets, items->len);
    index->name_persons.n_keys = names->len;
    index->name_ids = (guint32 *) g_array_free (g_steal_pointer (&names), FALSE);
    index->name_persons.offsets = (guint32 *) g_array_free (g_steal_pointer (&offsets), FALSE);
    index->name_persons.items = (guint32 *) g_array_free (g_steal_pointer (&items), FALSE);
  }
}

/* Persons matching a (name, phone) as the catalog's identity rules say:
 * a full phone decides alone; a mask matches every person with a fitting
 * phone, unless it fits several and (with @mask_names) the name singles
 * one out; a name alone matches every person of that exact name. Appends
 * the persons, sorted — only the first @limit of them (G_MAXUINT32 for
 * all: two tell one from several, in a time that does not grow with how
 * many a mask fits) — to @out_persons; returns how many it appended. */
guint32
_attrib_ledger_match_contact (AttribLedger *self,
                              const char   *name,
                              const char   *phone,
                              gboolean      mask_names,
                              guint32       limit,
                              GArray       *out_persons)
{
  const AttribLedgerIndex *index = _attrib_ledger_ensure_index (self);

  if (phone != NULL && !is_mask (phone))
    {
      guint32 lo, hi;

      digit_range (index->prefix_values, index->n_phones, phone_value (phone), 11, &lo, &hi);
      if (lo == hi || limit == 0)
        return 0;
      g_array_append_val (out_persons, index->phone_person[lo]);
      return 1;
    }

  if (phone != NULL)
    {
      const AttribMaskGroups *groups;
      guint64 key, steps = 0;
      guint32 lo, hi, id, i, n = 0;

      match_mask (self, index, phone, &groups, &key, &lo, &hi);
      if (hi - lo > 1 && name != NULL && mask_names)
        {
          guint32 p = pick_in_group (index, groups, key, name,
                                     _attrib_strpool_lookup (&self->strings, name, strlen (name)), &steps);

          if (p != ATTRIB_NONE)
            {
              if (limit == 0)
                return 0;
              g_array_append_val (out_persons, p);
              return 1;
            }
        }
      for (i = lo; i < hi && n < limit; i++, n++)
        g_array_append_val (out_persons, groups->persons[i].person);
      /* a mask that matches no full phone is a person of its own */
      if (lo == hi && limit > 0 &&
          (id = _attrib_strpool_lookup (&self->strings, phone, strlen (phone))) != ATTRIB_NONE)
        {
          guint32 l = index->n_phone_persons + index->n_name_persons, h = index->n_persons;

          while (l < h)
            {
              guint32 mid = l + (h - l) / 2;
              guint32 k = index->extra_keys[mid - index->n_phone_persons];
              int cmp = strcmp (_attrib_strpool_get (&self->strings, k), phone);

              if (cmp == 0)
                {
                  g_array_append_val (out_persons, mid);
                  n++;
                  break;
                }
              if (cmp < 0)
                l = mid + 1;
              else
                h = mid;
            }
        }
      return n;
    }

  if (name != NULL)
    {
      guint32 id = _attrib_strpool_lookup (&self->strings, name, strlen (name));
      guint32 lo = 0, hi = index->name_persons.n_keys;

      if (id == ATTRIB_NONE)
        return 0;
      while (lo < hi)
        {
          guint32 mid = lo + (hi - lo) / 2;

          if (index->name_ids[mid] == id)
            {
              const guint32 *items;
              guint32 n;

              _attrib_csr_get (&index->name_persons, mid, &items, &n);
              n = MIN (n, limit);
              g_array_append_vals (out_persons, items, n);
              return n;
            }
          if (index->name_ids[mid] < id)
            lo = mid + 1;
          else
            hi = mid;
        }
    }
  return 0;
}
