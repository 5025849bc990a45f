/* floor.c: the compared rule (tests/bench/RULE.md) in hand-written C, the floor of the race
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   gcc -O2 -o floor floor.c $(pkg-config --cflags --libs glib-2.0)
 *   floor EVENTS.csv [--deals DEALS.txt]          (the contract: peers/README.md)
 *
 * How close to the machine the rule goes: one thread, no library but
 * GLib's SHA-256. The CSV is read in cache-sized chunks (so the file never
 * counts in the resident set) and parsed by hand; phones, channels and deal
 * ids are interned into integer ids; the visits and interactions (the only
 * events the rule looks at) are put in per-customer order by a counting
 * sort into one flat array (CSR); the claim state machine then runs per
 * customer on plain structs in a reused scratch buffer, and each deal is
 * answered right after its purchaser's claims, so the claims of the whole
 * ledger are never stored.
 *
 * Times are kept as local seconds (the +08:00 wall clock read as if UTC):
 * the rule works in local days, and with a fixed offset a day is then
 * t / 86400 and its start d * 86400, with no time zone arithmetic at all.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib.h>

#define DAY INT64_C (86400)
#define NONE UINT32_MAX

static void
die (const char *what)
{
  fprintf (stderr, "floor: %s\n", what);
  exit (1);
}

static void *
xrealloc (void *p, size_t n)
{
  p = realloc (p, n ? n : 1);
  if (p == NULL)
    die ("out of memory");
  return p;
}

/* A growable array of fixed-size items: the only container the floor needs. */
#define GROW(arr, len, cap)                                                 \
  do {                                                                      \
    if ((len) >= (cap))                                                     \
      {                                                                     \
        (cap) = (cap) ? (cap) * 2 : 1024;                                   \
        (arr) = xrealloc ((arr), (size_t) (cap) * sizeof *(arr));           \
      }                                                                     \
  } while (0)

/* Ask for transparent huge pages on a big array: the phone table and the
 * event arrays are tens of megabytes accessed at random, and with 4 KiB
 * pages nearly every access would also miss the TLB. (Only the 2 MiB-aligned
 * interior can be huge; the kernel decides, this is a hint.) */
static void
hugify (void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
  uintptr_t a = ((uintptr_t) p + (UINT64_C (1) << 21) - 1) & ~(uintptr_t) ((UINT64_C (1) << 21) - 1);
  uintptr_t b = ((uintptr_t) p + n) & ~(uintptr_t) ((UINT64_C (1) << 21) - 1);

  if (b > a)
    madvise ((void *) a, b - a, MADV_HUGEPAGE);
#else
  (void) p;
  (void) n;
#endif
}

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* ---- dates (proleptic Gregorian, days since 1970-01-01) ---- */

/* Howard Hinnant's days_from_civil / civil_from_days: branch-light and
 * exact over the whole range, no libc time functions (which would drag in
 * time zones). */
static int64_t
days_from_civil (int64_t y, unsigned m, unsigned d)
{
  int64_t era;
  unsigned yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t) doe - 719468;
}

static void
civil_from_days (int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
  int64_t era;
  unsigned doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int64_t) yoe + era * 400 + (*m <= 2);
}

static unsigned
days_in_month (int64_t y, unsigned m)
{
  static const unsigned dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
    return 29;
  return dim[m - 1];
}

/* RULE.md's add_months: same day of month, clamped to the month's end */
static int64_t
add_months (int64_t day, int months)
{
  int64_t y, m0, years;
  unsigned m, d, dim;

  civil_from_days (day, &y, &m, &d);
  m0 = (int64_t) m - 1 + months;
  years = m0 >= 0 ? m0 / 12 : -((11 - m0) / 12);    /* floor division */
  y += years;
  m = (unsigned) (m0 - years * 12) + 1;
  dim = days_in_month (y, m);
  return days_from_civil (y, m, d < dim ? d : dim);
}

/* add_months (day, ±3), remembered per day: the claim loop asks for it at
 * nearly every visit, and the data spans a few hundred days. Days past
 * 32-bit local seconds (renewals of 2106) are computed each time. */
enum { MEMO_DAYS = 49711 };         /* UINT32_MAX / 86400 + 1 */
static int32_t *memo_plus3, *memo_minus3;

static void
memo_init (void)
{
  size_t i;

  memo_plus3 = malloc (MEMO_DAYS * sizeof *memo_plus3);
  memo_minus3 = malloc (MEMO_DAYS * sizeof *memo_minus3);
  if (memo_plus3 == NULL || memo_minus3 == NULL)
    die ("out of memory");
  for (i = 0; i < MEMO_DAYS; i++)
    memo_plus3[i] = memo_minus3[i] = INT32_MIN;
}

static inline int64_t
add_3_months (int64_t day, int sign)
{
  int32_t *memo = sign > 0 ? memo_plus3 : memo_minus3;

  if (day < 0 || day >= MEMO_DAYS)
    return add_months (day, 3 * sign);
  if (memo[day] == INT32_MIN)
    memo[day] = (int32_t) add_months (day, 3 * sign);
  return memo[day];
}

/* local seconds: the day is a plain division (local seconds are positive
 * for any date of the data, after 1970) */
static inline int64_t day_of (int64_t t) { return t / DAY; }
static inline int64_t start_of (int64_t day) { return day * DAY; }

/* ---- interning ---- */

static inline uint64_t
mix64 (uint64_t x)
{
  /* splitmix64's finaliser: phones are dense-ish decimal numbers, and a
   * power-of-two table needs their low bits scrambled */
  x ^= x >> 30;
  x *= UINT64_C (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= UINT64_C (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* phone (as a number plus its digit count, so "0138" ≠ "138") → customer
 * id. Key and id share a slot, so that a lookup costs one cache miss, not
 * two: at 10^7 events the table is far bigger than the cache, and these
 * misses are most of the ingest (the caller prefetches, see Pending). */
typedef struct
{
  uint64_t key;        /* 0 = empty (a real key always has its length bits set) */
  uint32_t val;
} PhoneSlot;

typedef struct
{
  PhoneSlot *slots;
  size_t mask, used;
} PhoneMap;

static void
phone_map_init (PhoneMap *m, size_t slots)
{
  m->slots = calloc (slots, sizeof *m->slots);
  if (m->slots == NULL)
    die ("out of memory");
  hugify (m->slots, slots * sizeof *m->slots);
  m->mask = slots - 1;
  m->used = 0;
}

static void
phone_map_grow (PhoneMap *m)
{
  PhoneMap bigger;
  size_t i;

  phone_map_init (&bigger, (m->mask + 1) * 2);
  for (i = 0; i <= m->mask; i++)
    if (m->slots[i].key != 0)
      {
        size_t j = mix64 (m->slots[i].key) & bigger.mask;

        while (bigger.slots[j].key != 0)
          j = (j + 1) & bigger.mask;
        bigger.slots[j] = m->slots[i];
      }
  bigger.used = m->used;
  free (m->slots);
  *m = bigger;
}

/* the customer of a phone key (hash = mix64 (key)), a new id if unseen */
static inline uint32_t
phone_map_get (PhoneMap *m, uint64_t key, uint64_t hash)
{
  size_t j = hash & m->mask;
  uint32_t id;

  while (m->slots[j].key != 0)
    {
      if (m->slots[j].key == key)
        return m->slots[j].val;
      j = (j + 1) & m->mask;
    }
  id = (uint32_t) m->used++;
  m->slots[j].key = key;
  m->slots[j].val = id;
  if (m->used * 10 > (m->mask + 1) * 7)      /* linear probing stays short below 0.7 */
    phone_map_grow (m);
  return id;
}

/* 11-digit phones as one integer: hashing and comparing an integer is
 * what makes the interning cheap. Up to 17 digits; an empty field is 0. */
static inline uint64_t
phone_key (const char *s, size_t n)
{
  uint64_t v = 0;
  size_t i;

  if (n == 0)
    return 0;
  if (n > 17)
    die ("a phone of more than 17 digits");
  for (i = 0; i < n; i++)
    {
      unsigned c = (unsigned char) s[i] - '0';

      if (c > 9)
        die ("a phone with a non-digit");
      v = v * 10 + c;
    }
  return v | ((uint64_t) n << 57);
}

/* deal ids and channel names: strings in an arena, an open-addressing table
 * of indices */
typedef struct
{
  char *bytes;
  size_t len, cap;
} Arena;

static uint32_t
arena_add (Arena *a, const char *s, size_t n)
{
  uint32_t off;

  while (a->len + n > a->cap)
    {
      a->cap = a->cap ? a->cap * 2 : 65536;
      a->bytes = xrealloc (a->bytes, a->cap);
    }
  if (a->len + n > UINT32_MAX)
    die ("too many names");
  off = (uint32_t) a->len;
  memcpy (a->bytes + a->len, s, n);
  a->len += n;
  return off;
}

typedef struct
{
  uint32_t off, len;
} Name;

/* A name of up to 16 bytes is its own key, two integers in the slot: found
 * without touching the arena (deal ids are "D123456", channels "ch05").
 * A longer one keys by two hashes and is confirmed against the arena. */
typedef struct
{
  uint64_t k0, k1;
  uint32_t idx1;       /* index + 1; 0 = empty */
  uint32_t len;
} StrSlot;

typedef struct
{
  StrSlot *slots;
  size_t mask;
  Name *names;         /* by index */
  size_t n, cap;
  Arena arena;
} StrMap;

typedef struct
{
  uint64_t k0, k1, hash;
} StrKey;

static inline StrKey
str_key (const char *s, size_t n)
{
  StrKey k;

  if (n <= 16)
    {
      char b[16] = { 0 };

      memcpy (b, s, n);
      memcpy (&k.k0, b, 8);
      memcpy (&k.k1, b + 8, 8);
      k.hash = mix64 (k.k0 ^ mix64 (k.k1 ^ n));
    }
  else
    {
      uint64_t h = UINT64_C (0xcbf29ce484222325);   /* FNV-1a */
      size_t i;

      for (i = 0; i < n; i++)
        h = (h ^ (unsigned char) s[i]) * UINT64_C (0x100000001b3);
      k.k0 = mix64 (h);
      k.k1 = mix64 (h ^ UINT64_C (0x9e3779b97f4a7c15));
      k.hash = k.k0;
    }
  return k;
}

static inline uint64_t
slot_hash (const StrSlot *slot)
{
  /* what str_key gave, from the slot alone: growing never reads the arena */
  return slot->len <= 16 ? mix64 (slot->k0 ^ mix64 (slot->k1 ^ slot->len)) : slot->k0;
}

/* a new table of `slots` (a power of two); renumber: index i becomes
 * renumber[i] (or NULL: the same) */
static void
str_map_rehash (StrMap *m, size_t slots, const uint32_t *renumber)
{
  StrSlot *old = m->slots;
  size_t i, n_old = old ? m->mask + 1 : 0;

  m->slots = calloc (slots, sizeof *m->slots);
  if (m->slots == NULL)
    die ("out of memory");
  hugify (m->slots, slots * sizeof *m->slots);
  m->mask = slots - 1;
  for (i = 0; i < n_old; i++)
    if (old[i].idx1 != 0)
      {
        size_t j = slot_hash (&old[i]) & m->mask;

        while (m->slots[j].idx1 != 0)
          j = (j + 1) & m->mask;
        m->slots[j] = old[i];
        if (renumber)
          m->slots[j].idx1 = renumber[old[i].idx1 - 1] + 1;
      }
  free (old);
}

static uint32_t
str_map_get (StrMap *m, const char *s, size_t n, bool create, bool *created)
{
  StrKey k = str_key (s, n);
  size_t j;

  if (m->slots == NULL)
    str_map_rehash (m, 1024, NULL);
  for (j = k.hash & m->mask; m->slots[j].idx1 != 0; j = (j + 1) & m->mask)
    {
      const StrSlot *slot = &m->slots[j];

      if (slot->k0 == k.k0 && slot->k1 == k.k1 && slot->len == n &&
          (n <= 16 || memcmp (m->arena.bytes + m->names[slot->idx1 - 1].off, s, n) == 0))
        {
          if (created)
            *created = false;
          return slot->idx1 - 1;
        }
    }
  if (!create)
    return NONE;
  if (n > UINT32_MAX)
    die ("a name too long");
  GROW (m->names, m->n, m->cap);
  m->names[m->n].off = arena_add (&m->arena, s, n);
  m->names[m->n].len = (uint32_t) n;
  m->slots[j] = (StrSlot) { k.k0, k.k1, (uint32_t) m->n + 1, (uint32_t) n };
  m->n++;
  if (created)
    *created = true;
  if (m->n * 10 > (m->mask + 1) * 7)
    str_map_rehash (m, (m->mask + 1) * 2, NULL);
  return (uint32_t) m->n - 1;
}

/* ---- the loaded ledger ---- */

/* One event of a customer in 8 bytes: the counting sort moves and the
 * claim loop reads nothing else, so half the bytes is half the memory
 * traffic of the two. Local seconds since 1970 fit 32 bits until 2106. */
typedef struct
{
  uint32_t t;          /* local seconds */
  uint32_t info;       /* EV_VISIT | attempts offset, or EV_WALK_IN for an interaction of kind visit */
} Ev;

#define EV_VISIT   UINT32_C (0x80000000)
#define EV_WALK_IN UINT32_C (0x40000000)   /* not a first visit after it */
#define EV_OFF     UINT32_C (0x3fffffff)

static inline uint32_t
ev_time (int64_t t)
{
  if (t < 0 || t > (int64_t) UINT32_MAX)
    die ("a time before 1970 or after 2106");
  return (uint32_t) t;
}

typedef struct
{
  int64_t signed_t;    /* the counted time T, INT64_MIN: no signed stage */
  uint32_t purchaser;  /* customer id of the signed stage's purchaser, NONE: none */
  bool cancelled;
} Deal;

typedef struct
{
  /* attempts of all visits, each visit's as its count and then its
   * attempts: rank << 16 | channel, so that one integer comparison orders
   * them as RULE.md does (rank, then channel id) once the channels are
   * renumbered in bytewise name order */
  uint32_t *attempts;
  size_t n_attempts, cap_attempts;

  uint32_t n_customers;
  uint32_t *ev_start;  /* CSR: customer c's events are ev[ev_start[c] .. ev_start[c + 1]) */
  Ev *ev;

  StrMap channels;     /* index = sorted position after ingest */
  StrMap deal_ids;
  Deal *deals;
  size_t cap_deals;
} Ledger;

static const char HEADER[] =
  "id,type,at,party,agents,customer_name,customer_phone,purchaser_phone,kind,stage,deal,price";

/* local seconds of 2024-01-01T00:01:47+08:00 (converted to +08:00 if some
 * other offset came, though RULE.md promises none) */
static inline int64_t
parse_time (const char *s, size_t n, const char **last_date, int64_t *last_day)
{
  int64_t t, day;
  int off;

#define D2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
  if (n != 25 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[22] != ':')
    die ("a time not in the form 2024-01-01T00:01:47+08:00");
  /* events come in time order, so the date is nearly always the last
   * line's: comparing 10 bytes beats the calendar arithmetic */
  if (*last_date != NULL && memcmp (*last_date, s, 10) == 0)
    day = *last_day;
  else
    {
      day = days_from_civil (D2 (s) * 100 + D2 (s + 2), (unsigned) D2 (s + 5), (unsigned) D2 (s + 8));
      *last_day = day;
    }
  *last_date = s;
  t = day * DAY + D2 (s + 11) * 3600 + D2 (s + 14) * 60 + D2 (s + 17);
  off = (D2 (s + 20) * 60 + D2 (s + 23)) * 60 * (s[19] == '-' ? -1 : 1);
  if (off != 8 * 3600)
    t += 8 * 3600 - off;
#undef D2
  return t;
}

typedef struct
{
  const char *p;
  size_t n;
} Field;

/* Split one line (without its newline) into its 12 fields, 16 bytes at a
 * time (SSE2, in every x86-64): a line is about 80 bytes, and eleven
 * memchr() calls on short fields cost more than five vector compares. The
 * line may be read up to 15 bytes past its end (the buffer has the room);
 * those bytes are masked off. bench-gen never quotes, so a quote means a
 * file this parser does not know: refuse it rather than misread it. */
static inline void
split_fields (const char *p, const char *end, Field f[12])
{
  int i = 0;

  f[0].p = p;
#ifdef __SSE2__
  {
    const __m128i comma = _mm_set1_epi8 (','), quote = _mm_set1_epi8 ('"');
    const char *b;

    for (b = p; b < end; b += 16)
      {
        __m128i v = _mm_loadu_si128 ((const __m128i *) b);
        unsigned m = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, comma));
        unsigned q = (unsigned) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, quote));

        if (end - b < 16)
          {
            unsigned keep = (1u << (end - b)) - 1;

            m &= keep;
            q &= keep;
          }
        if (q != 0)
          die ("a quoted CSV field (bench-gen writes none)");
        while (m != 0)
          {
            const char *c = b + __builtin_ctz (m);

            m &= m - 1;
            if (i == 11)
              die ("a line with more than 12 fields");
            f[i].n = (size_t) (c - f[i].p);
            f[++i].p = c + 1;
          }
      }
  }
#else
  {
    const char *c;

    for (c = p; c < end; c++)
      if (*c == ',')
        {
          if (i == 11)
            die ("a line with more than 12 fields");
          f[i].n = (size_t) (c - f[i].p);
          f[++i].p = c + 1;
        }
      else if (*c == '"')
        die ("a quoted CSV field (bench-gen writes none)");
  }
#endif
  if (i != 11)
    die ("a line with fewer than 12 fields");
  f[11].n = (size_t) (end - f[11].p);
}

/* Raw events in file order, before the counting sort. */
typedef struct
{
  Ev *ev;
  uint32_t *cust;
  size_t n, cap;
} Raw;

/* A phone lookup waiting for its slot to arrive in cache. The table is
 * randomly accessed and far bigger than the cache, so each lookup would
 * stall on memory: instead the parser prefetches the slot and resolves the
 * lookup PIPE lines later, with the slot (usually) there. Lookups resolve in
 * line order, so a phone's first appearance still creates it. */
enum { PIPE = 16 };

typedef struct
{
  uint64_t key, hash;
  uint32_t index;      /* into raw.cust, or into deals */
  bool deal;
} Pending;

/* the channels seen last, by their (up to 8) bytes: a visit's channel
 * costs a load and a compare, not a hash of the name */
typedef struct
{
  uint64_t bytes;
  uint32_t len, id;
} ChannelCache;

typedef struct
{
  Ledger *l;
  ChannelCache channel_cache[256];
  PhoneMap phones;
  Raw raw;
  Pending pend[PIPE];
  unsigned pend_head, pend_n;
  const char *last_date;
  int64_t last_day;
} Ingest;

/* the channel of a party (channel/agent: the rule only needs the channel) */
static inline uint32_t
channel_of (Ingest *in, const char *party, size_t n)
{
  const char *slash = memchr (party, '/', n);
  size_t len = slash ? (size_t) (slash - party) : n;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (len > 0 && len <= 8)
    {
      uint64_t bytes;
      ChannelCache *c;

      /* may read past the field: the line buffer has room after its end */
      memcpy (&bytes, party, 8);
      bytes &= len == 8 ? ~UINT64_C (0) : (UINT64_C (1) << (len * 8)) - 1;
      c = &in->channel_cache[(bytes * UINT64_C (0x9e3779b97f4a7c15)) >> 56];
      if (c->len != len || c->bytes != bytes)
        {
          c->bytes = bytes;
          c->len = (uint32_t) len;
          c->id = str_map_get (&in->l->channels, party, len, true, NULL);
        }
      return c->id;
    }
#endif
  return str_map_get (&in->l->channels, party, len, true, NULL);
}

static inline void
resolve (Ingest *in, const Pending *p)
{
  uint32_t id = phone_map_get (&in->phones, p->key, p->hash);

  if (p->deal)
    in->l->deals[p->index].purchaser = id;
  else
    in->raw.cust[p->index] = id;
}

static inline void
lookup_later (Ingest *in, uint64_t key, uint32_t index, bool deal)
{
  Pending p = { key, mix64 (key), index, deal };

  __builtin_prefetch (&in->phones.slots[p.hash & in->phones.mask]);
  if (in->pend_n == PIPE)
    {
      resolve (in, &in->pend[in->pend_head]);
      in->pend[in->pend_head] = p;
      in->pend_head = (in->pend_head + 1) % PIPE;
    }
  else
    in->pend[(in->pend_head + in->pend_n++) % PIPE] = p;
}

static void
resolve_all (Ingest *in)
{
  for (; in->pend_n > 0; in->pend_n--)
    {
      resolve (in, &in->pend[in->pend_head]);
      in->pend_head = (in->pend_head + 1) % PIPE;
    }
}

/* room for one more raw event (its customer comes with the lookup) */
static inline Ev *
raw_push (Raw *raw)
{
  if (raw->n == raw->cap)
    {
      raw->cap = raw->cap ? raw->cap * 2 : 1 << 16;
      raw->ev = xrealloc (raw->ev, raw->cap * sizeof *raw->ev);
      raw->cust = xrealloc (raw->cust, raw->cap * sizeof *raw->cust);
      hugify (raw->ev, raw->cap * sizeof *raw->ev);
      hugify (raw->cust, raw->cap * sizeof *raw->cust);
    }
  return &raw->ev[raw->n];
}

static void
ingest_line (Ingest *in, const char *p, const char *end)
{
  Ledger *l = in->l;
  Raw *raw = &in->raw;
  Field f[12];
  const char *comma = memchr (p, ',', (size_t) (end - p));

  /* reports and follow-ups (45 % of the lines) play no part: skip them on
   * the type's first letter without splitting the line */
  if (comma != NULL && comma + 1 < end && (comma[1] == 'r' || comma[1] == 'f'))
    return;
  split_fields (p, end, f);
  if (f[1].n == 5 && memcmp (f[1].p, "visit", 5) == 0)
    {
      const char *a = f[4].p, *aend = f[4].p + f[4].n;
      Ev *e = raw_push (raw);

      size_t off = l->n_attempts;
      uint32_t n = 0;

      if (off > EV_OFF)
        die ("more than 2^30 agents in visits");
      e->t = ev_time (parse_time (f[2].p, f[2].n, &in->last_date, &in->last_day));
      e->info = EV_VISIT | (uint32_t) off;
      GROW (l->attempts, l->n_attempts, l->cap_attempts);
      l->attempts[l->n_attempts++] = 0;      /* the count, below */
      /* agents: party:rank;party:rank */
      while (a < aend)
        {
          const char *semi = memchr (a, ';', (size_t) (aend - a));
          const char *stop = semi ? semi : aend;
          const char *colon = stop;
          unsigned long rank = 0;
          const char *q;

          while (colon > a && colon[-1] != ':')
            colon--;
          if (colon == a || colon == stop)
            die ("an agent without a rank");
          for (q = colon; q < stop; q++)
            {
              if (*q < '0' || *q > '9')
                die ("a rank that is not a number");
              rank = rank * 10 + (unsigned) (*q - '0');
              if (rank > 0xffff)
                die ("a rank above 65535");
            }
          GROW (l->attempts, l->n_attempts, l->cap_attempts);
          l->attempts[l->n_attempts++] = (uint32_t) rank << 16 | channel_of (in, a, (size_t) (colon - 1 - a));
          n++;
          a = stop + 1;
        }
      if (n == 0)
        die ("a visit without agents");
      l->attempts[off] = n;
      if (f[6].n == 0)
        die ("a visit without a customer phone");
      lookup_later (in, phone_key (f[6].p, f[6].n), (uint32_t) raw->n++, false);
    }
  else if (f[1].n == 11 && memcmp (f[1].p, "interaction", 11) == 0)
    {
      Ev *e = raw_push (raw);

      e->t = ev_time (parse_time (f[2].p, f[2].n, &in->last_date, &in->last_day));
      e->info = f[8].n == 5 && memcmp (f[8].p, "visit", 5) == 0 ? EV_WALK_IN : 0;
      if (f[6].n == 0)
        die ("an interaction without a customer phone");
      lookup_later (in, phone_key (f[6].p, f[6].n), (uint32_t) raw->n++, false);
    }
  else if (f[1].n == 4 && memcmp (f[1].p, "deal", 4) == 0)
    {
      bool created;
      uint32_t d = str_map_get (&l->deal_ids, f[10].p, f[10].n, true, &created);
      Deal *deal;

      if (created)
        {
          while (l->cap_deals < l->deal_ids.n)
            {
              l->cap_deals = l->cap_deals ? l->cap_deals * 2 : 1024;
              l->deals = xrealloc (l->deals, l->cap_deals * sizeof *l->deals);
            }
          l->deals[d].signed_t = INT64_MIN;
          l->deals[d].purchaser = NONE;
          l->deals[d].cancelled = false;
        }
      deal = &l->deals[d];
      if (f[9].n == 6 && memcmp (f[9].p, "signed", 6) == 0 && deal->signed_t == INT64_MIN)
        {
          /* the first signed stage is counted: file order is time order */
          deal->signed_t = parse_time (f[2].p, f[2].n, &in->last_date, &in->last_day);
          if (f[7].n > 0)
            lookup_later (in, phone_key (f[7].p, f[7].n), d, true);
        }
      else if (f[9].n == 9 && memcmp (f[9].p, "cancelled", 9) == 0)
        deal->cancelled = true;
    }
}

static int
cmp_name (const char *a, size_t an, const char *b, size_t bn)
{
  int c = memcmp (a, b, an < bn ? an : bn);

  return c ? c : (an > bn) - (an < bn);
}

static StrMap *sort_map;

static int
cmp_channel_index (const void *a, const void *b)
{
  const Name *x = &sort_map->names[*(const uint32_t *) a], *y = &sort_map->names[*(const uint32_t *) b];

  return cmp_name (sort_map->arena.bytes + x->off, x->len, sort_map->arena.bytes + y->off, y->len);
}

/* Renumber the channels in bytewise name order (RULE.md orders attempts by
 * channel id and prints owners sorted bytewise: with sorted numbers both are
 * integer comparisons), then put every visit's attempts in rule order, one
 * per channel (its lowest rank). */
static void
finish_channels (Ledger *l, Raw *raw)
{
  StrMap *m = &l->channels;
  uint32_t *order = malloc ((m->n + 1) * sizeof *order), *newid = malloc ((m->n + 1) * sizeof *newid);
  Name *names = malloc ((m->n + 1) * sizeof *names);
  size_t i;

  if (m->n > 0xffff)
    die ("more than 65535 channels");
  for (i = 0; i < m->n; i++)
    order[i] = (uint32_t) i;
  sort_map = m;
  qsort (order, m->n, sizeof *order, cmp_channel_index);
  for (i = 0; i < m->n; i++)
    {
      newid[order[i]] = (uint32_t) i;
      names[i] = m->names[order[i]];
    }
  if (m->n > 0)
    {
      memcpy (m->names, names, m->n * sizeof *names);
      str_map_rehash (m, m->mask + 1, newid);
    }
  for (i = 0; i < raw->n; i++)
    {
      const Ev *e = &raw->ev[i];
      uint32_t *a, n;
      unsigned j, k, kept;

      if (!(e->info & EV_VISIT))
        continue;
      a = l->attempts + (e->info & EV_OFF) + 1;
      n = a[-1];
      for (j = 0; j < n; j++)
        a[j] = (a[j] & 0xffff0000u) | newid[a[j] & 0xffff];
      for (j = 1; j < n; j++)          /* insertion sort: one or two attempts */
        {
          uint32_t x = a[j];

          for (k = j; k > 0 && a[k - 1] > x; k--)
            a[k] = a[k - 1];
          a[k] = x;
        }
      for (j = 0, kept = 0; j < n; j++)
        {
          bool dup = false;

          for (k = 0; k < kept; k++)
            dup |= (a[k] & 0xffff) == (a[j] & 0xffff);
          if (!dup)
            a[kept++] = a[j];
        }
      a[-1] = kept;
    }
  free (order);
  free (newid);
  free (names);
}

static void
ingest (Ledger *l, const char *path)
{
  enum { CHUNK = 1 << 18 };   /* L2-sized: the parser reads what read() just wrote */
  char *buf = malloc (2 * CHUNK + 64);       /* + room for split_fields' overread */
  size_t have = 0;
  bool header = true;
  int fd = open (path, O_RDONLY);
  Ingest in = { .l = l };
  char last_date_copy[10];
  uint32_t *count;
  size_t i;

  if (fd < 0 || buf == NULL)
    die (fd < 0 ? strerror (errno) : "out of memory");
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  phone_map_init (&in.phones, 1 << 16);
  for (;;)
    {
      ssize_t got = read (fd, buf + have, CHUNK);
      char *p = buf, *end, *nl;

      if (got < 0)
        die (strerror (errno));
      have += (size_t) got;
      end = buf + have;
      if (got == 0 && have > 0 && end[-1] != '\n')
        *end++ = '\n', have++;          /* a last line without its newline */
      while ((nl = memchr (p, '\n', (size_t) (end - p))) != NULL)
        {
          char *stop = nl > p && nl[-1] == '\r' ? nl - 1 : nl;

          if (header)
            {
              if ((size_t) (stop - p) != sizeof HEADER - 1 || memcmp (p, HEADER, sizeof HEADER - 1) != 0)
                die ("not a bench-gen CSV (the header differs)");
              header = false;
            }
          else if (stop > p)
            ingest_line (&in, p, stop);
          p = nl + 1;
        }
      /* the date cache points into the buffer, which is about to move */
      if (in.last_date != NULL)
        {
          memmove (last_date_copy, in.last_date, 10);
          in.last_date = last_date_copy;
        }
      have = (size_t) (end - p);
      if (have >= CHUNK)
        die ("a line longer than 256 KiB");
      memmove (buf, p, have);
      if (got == 0)
        break;
    }
  resolve_all (&in);
  close (fd);
  free (buf);
  if (header)
    die ("an empty file");

  finish_channels (l, &in.raw);

  /* the counting sort: a stable scatter keeps each customer's events in
   * file (= time) order */
  l->n_customers = (uint32_t) in.phones.used;
  l->ev_start = calloc ((size_t) l->n_customers + 1, sizeof *l->ev_start);
  count = l->ev_start + 1;
  for (i = 0; i < in.raw.n; i++)
    count[in.raw.cust[i]]++;
  for (i = 1; i <= l->n_customers; i++)
    l->ev_start[i] += l->ev_start[i - 1];
  l->ev = malloc ((in.raw.n ? in.raw.n : 1) * sizeof *l->ev);
  hugify (l->ev, in.raw.n * sizeof *l->ev);     /* the scatter writes at random */
  {
    uint32_t *fill = malloc (((size_t) l->n_customers + 1) * sizeof *fill);

    memcpy (fill, l->ev_start, ((size_t) l->n_customers + 1) * sizeof *fill);
    for (i = 0; i < in.raw.n; i++)
      l->ev[fill[in.raw.cust[i]]++] = in.raw.ev[i];
    free (fill);
  }
  free (in.raw.ev);
  free (in.raw.cust);
  free (in.phones.slots);
}

/* ---- the rule ---- */

typedef struct
{
  int64_t begin, end, chain_begin, event;   /* event: the visit's time (times are distinct) */
  uint16_t channel;
  uint8_t renewed;
} Claim;

typedef struct
{
  Claim *claims;
  size_t n, cap;
  int64_t *inter;      /* the interactions so far, in time order */
  size_t n_inter, cap_inter;
} Scratch;

/* RULE.md "Claims, per customer, in time order", literally, on one
 * customer's events. */
static void
claims_for (const Ledger *l, const Ev *ev, uint32_t n, Scratch *s)
{
  int64_t void_since = INT64_MAX;
  size_t lb_at = 0;    /* first interaction not before the last look-back's start */
  bool seen_visit = false;
  uint32_t i;

  s->n = 0;
  s->n_inter = 0;
  for (i = 0; i < n; i++)
    {
      const Ev *e = &ev[i];
      const int64_t t = e->t;
      const uint32_t *att = l->attempts + (e->info & EV_OFF) + 1;
      uint32_t first_rank;
      size_t before, j;
      bool first_visit;
      int lookback = -1;     /* 1: an interaction rejects, -1: not looked yet */
      unsigned k;

      if (!(e->info & EV_VISIT))
        {
          GROW (s->inter, s->n_inter, s->cap_inter);
          s->inter[s->n_inter++] = t;
          seen_visit |= (e->info & EV_WALK_IN) != 0;
          continue;
        }
      /* 1. expiry voids the CRM. Done at visits only: void_since is read
       * only by a visit's look-back, claims change only at visits, a claim
       * with end <= t stays so, and a claim can be renewed only before its
       * end — so at a visit the result is what checking at every event
       * would have given. */
      for (j = 0; j < s->n; j++)
        if (s->claims[j].end <= t && !s->claims[j].renewed && s->claims[j].chain_begin < void_since)
          void_since = s->claims[j].chain_begin;
      first_visit = !seen_visit;
      seen_visit = true;
      first_rank = att[0] >> 16;    /* attempts are in rule order */
      before = s->n;
      for (k = 0; k < att[-1]; k++)
        {
          const uint16_t ch = (uint16_t) (att[k] & 0xffff);
          const uint32_t rank = att[k] >> 16;
          size_t running = SIZE_MAX;
          int64_t day;

          /* running: the last of a's channel among the claims in force,
           * else the first */
          for (j = 0; j < before; j++)
            {
              const Claim *c = &s->claims[j];

              if (c->begin <= t && t < c->end && (running == SIZE_MAX || c->channel == ch))
                running = j;
            }
          if (running != SIZE_MAX && s->claims[running].channel == ch)
            {
              Claim *r = &s->claims[running];

              if (!r->renewed && r->end - 7 * DAY <= t)
                {
                  Claim next = *r;

                  r->renewed = 1;
                  next.begin = r->end;
                  next.end = start_of (add_3_months (day_of (r->end), 1));
                  next.renewed = 0;
                  GROW (s->claims, s->n, s->cap);
                  s->claims[s->n++] = next;
                }
              continue;
            }
          if (running != SIZE_MAX || rank > first_rank)
            continue;     /* protected customer (1.1.1); entered later (1.2.8) */
          /* the look-back (1.1.2), the same for every attempt of the visit */
          if (lookback < 0)
            {
              int64_t lb = start_of (add_3_months (day_of (t), -1));

              /* lb never decreases along a customer's visits: one pointer
               * walks the interactions instead of a search per visit */
              while (lb_at < s->n_inter && s->inter[lb_at] < lb)
                lb_at++;
              lookback = !first_visit && lb_at < s->n_inter && s->inter[lb_at] < void_since;
            }
          if (lookback)
            continue;
          day = day_of (t);
          GROW (s->claims, s->n, s->cap);
          s->claims[s->n++] = (Claim) { .begin = start_of (day), .end = start_of (add_3_months (day, 1)),
                                        .chain_begin = start_of (day), .event = t, .channel = ch };
        }
    }
}

enum { OWNER_CANCELLED = -1, OWNER_PENDING = -2, OWNER_DEVELOPER = -3 };

/* RULE.md "Deals": the owner's channels (sorted numbers = bytewise names)
 * into out[], their count, or an OWNER_* code */
static int
owner_of (const Deal *d, const Scratch *s, uint16_t *out, size_t max)
{
  const int64_t T = d->signed_t;
  size_t j, n = 0;
  int64_t found = INT64_MIN;

  if (d->cancelled)
    return OWNER_CANCELLED;
  if (T == INT64_MIN)
    return OWNER_PENDING;
  for (j = 0; j < s->n; j++)
    if (s->claims[j].begin <= T && T < s->claims[j].end && s->claims[j].event <= T)
      {
        found = s->claims[j].event;
        break;
      }
  if (found == INT64_MIN)
    return OWNER_DEVELOPER;
  for (; j < s->n; j++)
    {
      const Claim *c = &s->claims[j];

      if (c->event == found && c->begin <= T && T < c->end)
        {
          size_t k = n;

          while (k > 0 && out[k - 1] > c->channel)    /* insertion, no duplicates */
            k--;
          if (k > 0 && out[k - 1] == c->channel)
            continue;
          if (n == max)
            die ("an owner of too many channels");
          memmove (out + k + 1, out + k, (n - k) * sizeof *out);
          out[k] = c->channel;
          n++;
        }
    }
  return (int) n;
}

/* the owner's text into buf (no terminator), its length */
static size_t
owner_text (const Ledger *l, int owner, const uint16_t *chans, char *buf)
{
  static const char *codes[] = { "", "cancelled", "pending", "developer" };
  size_t n = 0;
  int k;

  if (owner < 0)
    {
      n = strlen (codes[-owner]);
      memcpy (buf, codes[-owner], n);
      return n;
    }
  for (k = 0; k < owner; k++)
    {
      const Name *name = &l->channels.names[chans[k]];

      if (k > 0)
        buf[n++] = '+';
      memcpy (buf + n, l->channels.arena.bytes + name->off, name->len);
      n += name->len;
    }
  return n;
}

/* ---- the batch ---- */

static const Ledger *sort_ledger;

static int
cmp_deal (const void *a, const void *b)
{
  /* lines sort as their deal ids do: the tab after an id is below any
   * byte of an id, so a prefix sorts first, as in the whole line */
  const Name *x = &sort_ledger->deal_ids.names[*(const uint32_t *) a];
  const Name *y = &sort_ledger->deal_ids.names[*(const uint32_t *) b];
  const char *bytes = sort_ledger->deal_ids.arena.bytes;

  return cmp_name (bytes + x->off, x->len, bytes + y->off, y->len);
}

/* A deal id of up to 16 bytes as two big-endian integers: comparing them
 * is comparing the bytes, shorter first (the zero padding is below any
 * byte of an id). */
typedef struct
{
  uint64_t hi, lo;
  uint32_t deal;
} SortKey;

static inline uint8_t
key_byte (const SortKey *k, unsigned b)      /* b = 0: least significant */
{
  return (uint8_t) (b < 8 ? k->lo >> (8 * b) : k->hi >> (8 * (b - 8)));
}

/* LSD radix sort, a byte a pass, skipping the bytes every key shares (the
 * 'D' of every id, the padding): 557 692 ids of 8 bytes take about seven
 * passes, without a comparison. */
static void
radix_sort (SortKey *keys, SortKey *tmp, size_t n)
{
  SortKey *const out = keys;
  unsigned b;

  for (b = 0; b < 16; b++)
    {
      size_t count[256] = { 0 }, i, at = 0;
      SortKey *swap;

      for (i = 0; i < n; i++)
        count[key_byte (&keys[i], b)]++;
      if (n == 0 || count[key_byte (&keys[0], b)] == n)
        continue;
      for (i = 0; i < 256; i++)
        {
          size_t c = count[i];

          count[i] = at;
          at += c;
        }
      for (i = 0; i < n; i++)
        tmp[count[key_byte (&keys[i], b)]++] = keys[i];
      swap = keys, keys = tmp, tmp = swap;
    }
  if (keys != out)
    memcpy (out, keys, n * sizeof *keys);
}

/* the deals in the order of their lines */
static void
sort_deals (const Ledger *l, uint32_t *order)
{
  const size_t n = l->deal_ids.n;
  SortKey *keys = malloc ((n + 1) * sizeof *keys), *tmp = malloc ((n + 1) * sizeof *tmp);
  bool radix = true;
  size_t i;

  for (i = 0; i < n && radix; i++)
    {
      const Name *name = &l->deal_ids.names[i];
      const unsigned char *s = (const unsigned char *) l->deal_ids.arena.bytes + name->off;
      uint64_t w[2] = { 0, 0 };
      unsigned j;

      radix = name->len <= 16 && memchr (s, 0, name->len) == NULL;
      for (j = 0; radix && j < name->len; j++)
        w[j / 8] |= (uint64_t) s[j] << (8 * (7 - j % 8));
      keys[i] = (SortKey) { w[0], w[1], (uint32_t) i };
    }
  if (radix)
    {
      radix_sort (keys, tmp, n);
      for (i = 0; i < n; i++)
        order[i] = keys[i].deal;
    }
  else
    {
      /* longer ids (or a NUL in one): compare the bytes */
      for (i = 0; i < n; i++)
        order[i] = (uint32_t) i;
      sort_ledger = l;
      qsort (order, n, sizeof *order, cmp_deal);
    }
  free (keys);
  free (tmp);
}

/* an owner's text at most: every channel's name, each with its '+' */
static size_t
owner_text_max (const Ledger *l)
{
  return l->channels.arena.len + l->channels.n + 16;
}

static void
attribute (const Ledger *l, char hex[65])
{
  const size_t n_deals = l->deal_ids.n;
  uint32_t *by_cust = calloc ((size_t) l->n_customers + 2, sizeof *by_cust);   /* CSR of deals by purchaser */
  uint32_t *deal_of = malloc ((n_deals ? n_deals : 1) * sizeof *deal_of);
  uint32_t *owner_at = malloc ((n_deals + 1) * sizeof *owner_at);             /* into owner_chans */
  int32_t *owner = malloc ((n_deals ? n_deals : 1) * sizeof *owner);
  uint16_t *owner_chans = NULL, *chans = malloc ((l->channels.n + 1) * sizeof *chans);
  size_t n_owner_chans = 0, cap_owner_chans = 0;
  uint32_t *order = malloc ((n_deals ? n_deals : 1) * sizeof *order);
  Scratch s = { 0 };
  GChecksum *sum = g_checksum_new (G_CHECKSUM_SHA256);
  /* lines are flushed past 128 KiB; one line is at most 256 KiB (the
   * longest CSV line) plus an owner */
  char *line = malloc ((1 << 17) + (1 << 18) + owner_text_max (l));
  size_t fill = 0, i;
  uint32_t c;

  /* deals grouped by purchaser (NONE last), so that each customer's claims
   * are computed once and used at once, from cache */
  for (i = 0; i < n_deals; i++)
    {
      uint32_t p = l->deals[i].purchaser;

      by_cust[(p == NONE ? l->n_customers : p) + 1]++;
    }
  for (c = 1; c <= l->n_customers + 1; c++)
    by_cust[c] += by_cust[c - 1];
  {
    uint32_t *put = malloc (((size_t) l->n_customers + 1) * sizeof *put);

    memcpy (put, by_cust, ((size_t) l->n_customers + 1) * sizeof *put);
    for (i = 0; i < n_deals; i++)
      {
        uint32_t p = l->deals[i].purchaser;

        deal_of[put[p == NONE ? l->n_customers : p]++] = (uint32_t) i;
      }
    free (put);
  }

  /* every customer's claims (as the other peers compute them), each
   * purchaser's deals right after */
  for (c = 0; c <= l->n_customers; c++)
    {
      uint32_t k;

      if (c < l->n_customers)
        claims_for (l, l->ev + l->ev_start[c], l->ev_start[c + 1] - l->ev_start[c], &s);
      else
        s.n = 0;      /* no purchaser: no claims */
      for (k = by_cust[c]; k < by_cust[c + 1]; k++)
        {
          uint32_t d = deal_of[k];
          int o = owner_of (&l->deals[d], &s, chans, l->channels.n);

          owner[d] = o;
          owner_at[d] = (uint32_t) n_owner_chans;
          if (o > 0)
            {
              while (n_owner_chans + (size_t) o > cap_owner_chans)
                {
                  cap_owner_chans = cap_owner_chans ? cap_owner_chans * 2 : 4096;
                  owner_chans = xrealloc (owner_chans, cap_owner_chans * sizeof *owner_chans);
                }
              memcpy (owner_chans + n_owner_chans, chans, (size_t) o * sizeof *chans);
              n_owner_chans += (size_t) o;
            }
        }
    }

  /* the sorted lines, hashed in 64 KiB blocks */
  sort_deals (l, order);
  for (i = 0; i < n_deals; i++)
    {
      const uint32_t d = order[i];
      const Name *name = &l->deal_ids.names[d];

      if (fill >= (1 << 17))
        {
          g_checksum_update (sum, (const guchar *) line, (gssize) fill);
          fill = 0;
        }
      memcpy (line + fill, l->deal_ids.arena.bytes + name->off, name->len);
      fill += name->len;
      line[fill++] = '\t';
      fill += owner_text (l, owner[d], owner_chans + owner_at[d], line + fill);
      line[fill++] = '\n';
    }
  g_checksum_update (sum, (const guchar *) line, (gssize) fill);
  memcpy (hex, g_checksum_get_string (sum), 65);
  g_checksum_free (sum);
  free (line);
  free (by_cust);
  free (deal_of);
  free (owner_at);
  free (owner);
  free (owner_chans);
  free (order);
  free (chans);
  free (s.claims);
  free (s.inter);
}

static long
peak_rss_kb (void)
{
  FILE *f = fopen ("/proc/self/status", "r");
  char buf[256];
  long kb = 0;

  while (f != NULL && fgets (buf, sizeof buf, f) != NULL)
    if (strncmp (buf, "VmHWM:", 6) == 0)
      kb = strtol (buf + 6, NULL, 10);
  if (f != NULL)
    fclose (f);
  return kb;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int argc, char **argv)
{
  const char *csv = NULL, *deals_path = NULL;
  Ledger l = { 0 };
  double t0, t1, t2;
  char hex[65];
  int a;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--deals") == 0 && a + 1 < argc)
        deals_path = argv[++a];
      else if (csv == NULL)
        csv = argv[a];
      else
        csv = NULL, a = argc;
    }
  if (csv == NULL)
    {
      fprintf (stderr, "usage: floor EVENTS.csv [--deals DEALS.txt]\n");
      return 2;
    }

  t0 = now_s ();
  memo_init ();
  ingest (&l, csv);
  t1 = now_s ();
  attribute (&l, hex);
  t2 = now_s ();
  printf ("ingest_s %.6f\n", t1 - t0);
  printf ("attribute_s %.6f\n", t2 - t1);

  if (deals_path != NULL)
    {
      FILE *f = fopen (deals_path, "r");
      char buf[4096], *text = malloc (owner_text_max (&l));
      double *us = NULL;
      size_t n = 0, cap = 0;
      Scratch s = { 0 };
      uint16_t *chans = malloc ((l.channels.n + 1) * sizeof *chans);
      volatile size_t sink = 0;     /* keeps the answers from being optimised away */

      if (f == NULL)
        die (strerror (errno));
      while (fgets (buf, sizeof buf, f) != NULL)
        {
          size_t len = strcspn (buf, "\r\n");
          double u0, u1;
          uint32_t d;
          int o;

          if (len == 0)
            continue;
          /* one answer from the loaded events: the deal, its purchaser's
           * claims, the owner's text; nothing kept from the batch */
          u0 = now_s ();
          d = str_map_get ((StrMap *) &l.deal_ids, buf, len, false, NULL);
          if (d == NONE)
            die ("a deal of --deals not in the file");
          if (l.deals[d].purchaser != NONE && !l.deals[d].cancelled && l.deals[d].signed_t != INT64_MIN)
            claims_for (&l, l.ev + l.ev_start[l.deals[d].purchaser],
                        l.ev_start[l.deals[d].purchaser + 1] - l.ev_start[l.deals[d].purchaser], &s);
          else
            s.n = 0;
          o = owner_of (&l.deals[d], &s, chans, l.channels.n);
          sink += owner_text (&l, o, chans, text);
          u1 = now_s ();
          GROW (us, n, cap);
          us[n++] = (u1 - u0) * 1e6;
        }
      fclose (f);
      if (n > 0)
        {
          qsort (us, n, sizeof *us, cmp_double);
          printf ("single_p50_us %.3f\n", us[n / 2]);
          printf ("single_p99_us %.3f\n", us[n * 99 / 100 < n - 1 ? n * 99 / 100 : n - 1]);
        }
      free (us);
      free (text);
      free (chans);
      free (s.claims);
      free (s.inter);
      (void) sink;
    }
  printf ("peak_rss_kb %ld\n", peak_rss_kb ());
  printf ("checksum %s deals %zu\n", hex, l.deal_ids.n);
  return 0;
}
