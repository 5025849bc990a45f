/* floor.c: the compared rule (tests/bench/RULE.md) in hand-written C, the floor of the race
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   gcc -O2 -o floor floor.c $(pkg-config --cflags --libs glib-2.0)
 *   floor EVENTS.csv [--deals DEALS.txt]          (the contract: peers/README.md)
 *   floor --traced [--print-verdicts] [--profile FILE --libattrib-version V]
 *         EVENTS.csv [--deals DEALS.txt]
 *
 * --traced answers what libattrib's batch answers, not only the owner:
 * each verdict's JSON line with its trace and fingerprint (see "the
 * traced mode" below, and peers/README.md).
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
#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
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

typedef struct TLedger TLedger;

typedef struct
{
  Ledger *l;
  TLedger *tl;         /* the traced mode's events, or NULL */
  ChannelCache channel_cache[256];
  PhoneMap phones;
  Raw raw;
  Pending pend[PIPE];
  unsigned pend_head, pend_n;
  const char *last_date;
  int64_t last_day;
} Ingest;

/* One agent of a visit's "party:rank;party:rank" list starting at @a:
 * the party's length and the rank; returns where the agent ends (the ';'
 * or @aend). */
static const char *
next_agent (const char *a, const char *aend, size_t *party_len, uint32_t *out_rank)
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
  *party_len = (size_t) (colon - 1 - a);
  *out_rank = (uint32_t) rank;
  return stop;
}

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
          size_t party_len;
          uint32_t rank;
          const char *stop = next_agent (a, aend, &party_len, &rank);

          GROW (l->attempts, l->n_attempts, l->cap_attempts);
          l->attempts[l->n_attempts++] = rank << 16 | channel_of (in, a, party_len);
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

/* indices of names of @sort_map, in bytewise name order (qsort) */
static StrMap *sort_map;

static int
cmp_name_index (const void *a, const void *b)
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
  qsort (order, m->n, sizeof *order, cmp_name_index);
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

/* ---- the traced mode's ledger ----
 *
 * --traced builds each verdict's whole JSON line, as libattrib writes it
 * for junyuan-2012: its trace cites every confirmation of the purchaser,
 * and its fingerprint hashes the canonical line of every event of theirs
 * (reports and follow-ups too, which the rule itself never reads). So
 * every event is kept, in 20 bytes and its id's and name's bytes: enough
 * to write its canonical line again. */

enum { T_REPORT, T_VISIT, T_INTERACTION, T_FOLLOW_UP, T_DEAL };
enum { S_SUBSCRIBED, S_SIGNED, S_CANCELLED };
static const char *const TYPE_NAMES[] = { "report", "visit", "interaction", "follow_up", "deal" };
static const char *const STAGE_NAMES[] = { "subscribed", "signed", "cancelled" };
static const char *const INTERACTION_KINDS[] = { "call", "visit", "follow_up" };

enum { INLINE_TEXT = 24 };

typedef struct
{
  uint32_t t;          /* local seconds */
  uint32_t x;          /* report, follow-up: party; visit: its agents in TLedger.agents; deal: its stage */
  uint8_t type;
  uint8_t kind;        /* an interaction's kind (INTERACTION_KINDS), and the F_* flags */
  uint8_t id_len;
  uint8_t name_len;    /* 0: no name */
  union
  {
    char bytes[INLINE_TEXT];   /* the id and the name, where they fit (F_INLINE) */
    struct
    {
      uint32_t id, name;       /* else their offsets in TLedger.text */
    } off;
  } text;
} TEv;

/* what writing a text takes, found once at ingest: most ids and names
 * are copied as they are */
enum
{
  F_KIND = 0x03,
  F_ID_ESC = 0x10,     /* the id has bytes JSON escapes */
  F_ID_SHOWN = 0x20,   /* messages show the id otherwise (buf_shown) */
  F_NAME_ESC = 0x40,   /* the name has bytes JSON escapes */
  F_INLINE = 0x80,     /* the id and the name are in TEv.text.bytes */
};

static unsigned
text_flags (const char *s, size_t n)
{
  unsigned digits = 0, flags = 0;
  size_t i;

  for (i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];

      if (c < 0x20 || c == '"' || c == '\\')
        flags |= F_ID_ESC;
      if (c >= 0x80)
        flags |= F_ID_SHOWN;
      digits += c >= '0' && c <= '9';
    }
  return flags | (digits >= 7 ? F_ID_SHOWN : 0);
}

typedef struct
{
  int64_t price;       /* fen; INT64_MIN: none */
  uint32_t deal;
  uint8_t stage;
} TStage;

struct TLedger
{
  TEv *ev;
  uint32_t *cust;      /* each event's customer (its phone), NONE: none */
  size_t n_ev, cap_ev;
  Arena text;          /* ids and names */
  uint32_t *agents;    /* each visit's: its count, then party and rank of each */
  size_t n_agents, cap_agents;
  TStage *stages;
  size_t n_stages, cap_stages;
  StrMap parties;      /* "ch05/ag03" */
  uint32_t *party_channel;   /* a party's channel (Ledger.channels, not renumbered) */
  uint8_t *party_flags;      /* F_ID_ESC, F_ID_SHOWN of its name */
  size_t cap_party_channel;
  uint32_t *chan_rank; /* a channel's place in bytewise name order */
  bool *chan_developer;      /* the channel `developer`, which confirms nobody */
  uint64_t *phone;     /* a customer's phone key */
  uint32_t n_customers;
  uint32_t *cust_start;      /* a customer's events are ev[cust_start[c] .. cust_start[c + 1]), in
                              * file (= canonical) order; then those without a customer */
  uint32_t *deal_start, *deal_ev;   /* CSR: a deal's stages */
  const StrMap *ledger_deals;       /* Ledger.deal_ids */
  const StrMap *ledger_channels;    /* Ledger.channels */
};

static uint32_t
party_of (Ingest *in, const char *s, size_t n)
{
  TLedger *tl = in->tl;
  bool created;
  uint32_t p;

  if (n == 0)
    die ("an empty party");
  p = str_map_get (&tl->parties, s, n, true, &created);
  if (created)
    {
      while (tl->cap_party_channel <= p)
        {
          tl->cap_party_channel = tl->cap_party_channel ? tl->cap_party_channel * 2 : 1024;
          tl->party_channel = xrealloc (tl->party_channel, tl->cap_party_channel * sizeof *tl->party_channel);
        }
      tl->party_channel[p] = channel_of (in, s, n);
    }
  return p;
}

/* "4930768.28" in fen */
static int64_t
parse_price (const Field *f)
{
  int64_t v = 0;
  int decimals = -1;
  size_t i;

  for (i = 0; i < f->n; i++)
    {
      char c = f->p[i];

      if (c == '.' && decimals < 0)
        decimals = 0;
      else if (c >= '0' && c <= '9' && decimals < 2 && v < INT64_MAX / 100)
        {
          v = v * 10 + (c - '0');
          if (decimals >= 0)
            decimals++;
        }
      else
        die ("a price the floor does not read (digits and at most two decimals)");
    }
  for (decimals = decimals < 0 ? 0 : decimals; decimals < 2; decimals++)
    v *= 10;
  return v;
}

/* Every event, with what its canonical line needs. Fields bench-gen never
 * writes for a type are refused: libattrib would put them in the line. */
static void
ingest_line_traced (Ingest *in, const char *p, const char *end)
{
  /* the fields each type may have: id, type, at always */
  static const unsigned allowed[] = {
    [T_REPORT] = 1u << 3 | 1u << 5 | 1u << 6,
    [T_VISIT] = 1u << 4 | 1u << 5 | 1u << 6,
    [T_INTERACTION] = 1u << 5 | 1u << 6 | 1u << 8,
    [T_FOLLOW_UP] = 1u << 3 | 1u << 5 | 1u << 6,
    [T_DEAL] = 1u << 7 | 1u << 9 | 1u << 10 | 1u << 11,
  };
  TLedger *tl = in->tl;
  Field f[12];
  TEv *e;
  unsigned type, i;
  const Field *phone;

  split_fields (p, end, f);
  for (type = 0; type < 5; type++)
    if (f[1].n == strlen (TYPE_NAMES[type]) && memcmp (f[1].p, TYPE_NAMES[type], f[1].n) == 0)
      break;
  if (type == 5)
    die ("an event type bench-gen does not write");
  for (i = 3; i < 12; i++)
    if (f[i].n > 0 && !(allowed[type] & (1u << i)))
      die ("a field bench-gen does not write for the event's type");
  if (f[0].n == 0)
    die ("an event without an id");
  if (tl->n_ev == tl->cap_ev)
    {
      tl->cap_ev = tl->cap_ev ? tl->cap_ev * 2 : 1 << 16;
      tl->ev = xrealloc (tl->ev, tl->cap_ev * sizeof *tl->ev);
      in->raw.cust = xrealloc (in->raw.cust, tl->cap_ev * sizeof *in->raw.cust);
    }
  if (tl->n_ev >= NONE)
    die ("too many events");
  e = &tl->ev[tl->n_ev];
  e->t = ev_time (parse_time (f[2].p, f[2].n, &in->last_date, &in->last_day));
  e->type = (uint8_t) type;
  if (e->t < 8 * 3600)
    die ("a time before 1970");
  e->kind = (uint8_t) (text_flags (f[0].p, f[0].n) | ((text_flags (f[5].p, f[5].n) & F_ID_ESC) ? F_NAME_ESC : 0));
  if (f[0].n > 255 || f[5].n > 255)
    die ("an event id or a name longer than 255 bytes");
  e->id_len = (uint8_t) f[0].n;
  e->name_len = (uint8_t) f[5].n;
  if (f[0].n + f[5].n <= INLINE_TEXT)
    {
      e->kind |= F_INLINE;
      memcpy (e->text.bytes, f[0].p, f[0].n);
      memcpy (e->text.bytes + f[0].n, f[5].p, f[5].n);
    }
  else
    {
      e->text.off.id = arena_add (&tl->text, f[0].p, f[0].n);
      e->text.off.name = arena_add (&tl->text, f[5].p, f[5].n);
    }
  e->x = 0;
  phone = &f[6];
  switch (type)
    {
    case T_REPORT:
    case T_FOLLOW_UP:
      e->x = party_of (in, f[3].p, f[3].n);
      break;
    case T_VISIT:
      {
        const char *a = f[4].p, *aend = f[4].p + f[4].n;
        size_t off = tl->n_agents;

        GROW (tl->agents, tl->n_agents, tl->cap_agents);
        tl->agents[tl->n_agents++] = 0;
        while (a < aend)
          {
            size_t party_len;
            uint32_t rank;
            const char *stop = next_agent (a, aend, &party_len, &rank);

            GROW (tl->agents, tl->n_agents, tl->cap_agents);
            tl->agents[tl->n_agents++] = party_of (in, a, party_len);
            GROW (tl->agents, tl->n_agents, tl->cap_agents);
            tl->agents[tl->n_agents++] = rank;
            tl->agents[off]++;
            a = stop + 1;
          }
        if (tl->agents[off] == 0)
          die ("a visit without agents");
        if (off > UINT32_MAX)
          die ("too many agents");
        e->x = (uint32_t) off;
        break;
      }
    case T_INTERACTION:
      for (i = 0; i < 3; i++)
        if (f[8].n == strlen (INTERACTION_KINDS[i]) && memcmp (f[8].p, INTERACTION_KINDS[i], f[8].n) == 0)
          break;
      if (i == 3)
        die ("an interaction of a kind bench-gen does not write");
      e->kind |= (uint8_t) i;
      break;
    case T_DEAL:
      {
        TStage *st;

        GROW (tl->stages, tl->n_stages, tl->cap_stages);
        st = &tl->stages[tl->n_stages];
        if (f[10].n == 0)
          die ("a deal event without a deal id");
        st->deal = str_map_get (&in->l->deal_ids, f[10].p, f[10].n, true, NULL);
        for (i = 0; i < 3; i++)
          if (f[9].n == strlen (STAGE_NAMES[i]) && memcmp (f[9].p, STAGE_NAMES[i], f[9].n) == 0)
            break;
        if (i == 3)
          die ("a deal stage bench-gen does not write");
        st->stage = (uint8_t) i;
        st->price = f[11].n > 0 ? parse_price (&f[11]) : INT64_MIN;
        e->x = (uint32_t) tl->n_stages++;
        phone = &f[7];
        break;
      }
    default:
      break;
    }
  if (phone->n > 0)
    lookup_later (in, phone_key (phone->p, phone->n), (uint32_t) tl->n_ev, false);
  else if (type == T_DEAL)
    in->raw.cust[tl->n_ev] = NONE;
  else
    die ("an event without a customer phone");
  tl->n_ev++;
}

/* a CSR of @n items by key (@key_of), each list in item order */
static void
csr_build (size_t n_keys, size_t n, const uint32_t *key_of, uint32_t **out_start, uint32_t **out_items)
{
  uint32_t *start = calloc (n_keys + 2, sizeof *start), *fill, *items = malloc ((n ? n : 1) * sizeof *items);
  size_t i;

  if (start == NULL || items == NULL)
    die ("out of memory");
  for (i = 0; i < n; i++)
    if (key_of[i] != NONE)
      start[key_of[i] + 1]++;
  for (i = 1; i <= n_keys; i++)
    start[i] += start[i - 1];
  fill = malloc ((n_keys + 1) * sizeof *fill);
  memcpy (fill, start, (n_keys + 1) * sizeof *fill);
  for (i = 0; i < n; i++)
    if (key_of[i] != NONE)
      items[fill[key_of[i]]++] = (uint32_t) i;
  free (fill);
  *out_start = start;
  *out_items = items;
}

static void
finish_traced (Ingest *in)
{
  TLedger *tl = in->tl;
  StrMap *ch = &in->l->channels;
  uint32_t *order = malloc ((ch->n + 1) * sizeof *order), *deal_of_ev, *cust_ev;
  size_t i;

  tl->ledger_deals = &in->l->deal_ids;
  tl->ledger_channels = ch;

  /* channels in bytewise order: attempts are sorted by it */
  if (ch->n > 0xffff)
    die ("more than 65535 channels");
  tl->chan_rank = malloc ((ch->n + 1) * sizeof *tl->chan_rank);
  tl->chan_developer = malloc ((ch->n + 1) * sizeof *tl->chan_developer);
  for (i = 0; i < ch->n; i++)
    {
      order[i] = (uint32_t) i;
      tl->chan_developer[i] = ch->names[i].len == 9 && memcmp (ch->arena.bytes + ch->names[i].off, "developer", 9) == 0;
    }
  sort_map = ch;
  qsort (order, ch->n, sizeof *order, cmp_name_index);
  for (i = 0; i < ch->n; i++)
    tl->chan_rank[order[i]] = (uint32_t) i;
  free (order);
  tl->party_flags = malloc (tl->parties.n + 1);
  for (i = 0; i < tl->parties.n; i++)
    tl->party_flags[i] = (uint8_t) text_flags (tl->parties.arena.bytes + tl->parties.names[i].off,
                                               tl->parties.names[i].len);

  /* deals: their stages */
  deal_of_ev = malloc ((tl->n_ev + 1) * sizeof *deal_of_ev);
  for (i = 0; i < tl->n_ev; i++)
    deal_of_ev[i] = tl->ev[i].type == T_DEAL ? tl->stages[tl->ev[i].x].deal : NONE;
  csr_build (in->l->deal_ids.n, tl->n_ev, deal_of_ev, &tl->deal_start, &tl->deal_ev);
  free (deal_of_ev);

  /* customers: their phones, their events */
  tl->cust = in->raw.cust;
  in->raw.cust = NULL;
  tl->n_customers = (uint32_t) in->phones.used;
  tl->phone = malloc (((size_t) tl->n_customers + 1) * sizeof *tl->phone);
  for (i = 0; i <= in->phones.mask; i++)
    if (in->phones.slots[i].key != 0)
      tl->phone[in->phones.slots[i].val] = in->phones.slots[i].key;
  free (in->phones.slots);
  csr_build (tl->n_customers, tl->n_ev, tl->cust, &tl->cust_start, &cust_ev);
  free (cust_ev);

  /* the events in customer order, each customer's in file order (a
   * counting sort's stable scatter): a verdict reads its purchaser's
   * events, ids and names from a few consecutive cache lines, not from
   * one line per event */
  {
    size_t n = tl->n_ev, k;
    uint32_t *fill = malloc (((size_t) tl->n_customers + 1) * sizeof *fill);
    uint32_t *newpos = malloc ((n ? n : 1) * sizeof *newpos), *cust2 = malloc ((n ? n : 1) * sizeof *cust2);
    TEv *ev2 = malloc ((n ? n : 1) * sizeof *ev2);
    size_t placed = tl->cust_start[tl->n_customers];

    if (fill == NULL || newpos == NULL || cust2 == NULL || ev2 == NULL)
      die ("out of memory");
    hugify (ev2, n * sizeof *ev2);
    memcpy (fill, tl->cust_start, ((size_t) tl->n_customers + 1) * sizeof *fill);
    for (i = 0; i < n; i++)
      {
        uint32_t c = tl->cust[i];

        k = c != NONE ? fill[c]++ : placed++;
        newpos[i] = (uint32_t) k;
        ev2[k] = tl->ev[i];
        cust2[k] = c;
      }
    for (k = 0; k < tl->deal_start[in->l->deal_ids.n]; k++)
      tl->deal_ev[k] = newpos[tl->deal_ev[k]];
    free (tl->ev);
    free (tl->cust);
    free (fill);
    free (newpos);
    tl->ev = ev2;
    tl->cust = cust2;
  }
}

static void
ingest (Ledger *l, const char *path, TLedger *tl)
{
  enum { CHUNK = 1 << 18 };   /* L2-sized: the parser reads what read() just wrote */
  char *buf = malloc (2 * CHUNK + 64);       /* + room for split_fields' overread */
  size_t have = 0;
  bool header = true;
  int fd = open (path, O_RDONLY);
  Ingest in = { .l = l, .tl = tl };
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
            {
              if (tl != NULL)
                ingest_line_traced (&in, p, stop);
              else
                ingest_line (&in, p, stop);
            }
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
  if (tl != NULL)
    {
      finish_traced (&in);
      return;
    }

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

/* ---- SHA-256 (traced mode) ----
 *
 * The floor's own: the x86 SHA extensions where the processor has them
 * (two rounds an instruction), else the plain FIPS 180-4 rounds in C. A
 * verdict's fingerprint hashes its purchaser's every event, so this is on
 * the traced batch's hot path. Checked against GLib's GChecksum when the
 * traced mode starts (sha_self_test). */

typedef struct
{
  uint32_t h[8];
  uint8_t block[64];
  size_t fill;         /* bytes in block */
  uint64_t total;      /* bytes hashed so far */
} Sha;

static const uint32_t SHA_K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t ror32 (uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void
sha_blocks_c (uint32_t h[8], const uint8_t *p, size_t n)
{
  for (; n > 0; n--, p += 64)
    {
      uint32_t w[64], a, b, c, d, e, f, g, hh;
      unsigned i;

      for (i = 0; i < 16; i++)
        w[i] = (uint32_t) p[4 * i] << 24 | (uint32_t) p[4 * i + 1] << 16 | (uint32_t) p[4 * i + 2] << 8 | p[4 * i + 3];
      for (i = 16; i < 64; i++)
        {
          uint32_t s0 = ror32 (w[i - 15], 7) ^ ror32 (w[i - 15], 18) ^ (w[i - 15] >> 3);
          uint32_t s1 = ror32 (w[i - 2], 17) ^ ror32 (w[i - 2], 19) ^ (w[i - 2] >> 10);

          w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
      a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++)
        {
          uint32_t t1 = hh + (ror32 (e, 6) ^ ror32 (e, 11) ^ ror32 (e, 25)) + ((e & f) ^ (~e & g)) + SHA_K[i] + w[i];
          uint32_t t2 = (ror32 (a, 2) ^ ror32 (a, 13) ^ ror32 (a, 22)) + ((a & b) ^ (a & c) ^ (b & c));

          hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
        }
      h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHA_NI 1

/* The SHA extensions keep the state as two vectors, ABEF and CDGH; each
 * sha256rnds2 does two rounds, sha256msg1/msg2 extend the schedule four
 * words at a time. */
__attribute__ ((target ("sha,sse4.1,ssse3"))) static void
sha_blocks_ni (uint32_t h[8], const uint8_t *p, size_t n)
{
  const __m128i bswap = _mm_set_epi8 (12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abcd = _mm_loadu_si128 ((const __m128i *) h);
  __m128i efgh = _mm_loadu_si128 ((const __m128i *) (h + 4));
  __m128i abef, cdgh, t;

  t = _mm_shuffle_epi32 (abcd, 0xB1);          /* CDAB */
  efgh = _mm_shuffle_epi32 (efgh, 0x1B);       /* HGFE */
  abef = _mm_alignr_epi8 (t, efgh, 8);         /* ABEF */
  cdgh = _mm_blend_epi16 (efgh, t, 0xF0);      /* CDGH */
  for (; n > 0; n--, p += 64)
    {
      __m128i save_abef = abef, save_cdgh = cdgh, m0, m1, m2, m3, k;

      m0 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) p), bswap);
      m1 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 16)), bswap);
      m2 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 32)), bswap);
      m3 = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (p + 48)), bswap);
      /* four rounds on the words of a (which were the schedule's words
       * i - 4, now extended to i): W[t] = σ1(W[t-2]) + W[t-7] +
       * σ0(W[t-15]) + W[t-16], four at a time from a (i - 4), b (i - 3),
       * c (i - 2) and d (i - 1) */
#define ROUNDS(i, a)                                                        \
      k = _mm_add_epi32 (a, _mm_loadu_si128 ((const __m128i *) (SHA_K + 4 * (i)))); \
      cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, k);                         \
      abef = _mm_sha256rnds2_epu32 (abef, cdgh, _mm_shuffle_epi32 (k, 0x0E))
#define EXTEND(a, b, c, d)                                                  \
      a = _mm_sha256msg2_epu32 (_mm_add_epi32 (_mm_sha256msg1_epu32 (a, b), _mm_alignr_epi8 (d, c, 4)), d)
      ROUNDS (0, m0); ROUNDS (1, m1); ROUNDS (2, m2); ROUNDS (3, m3);
      EXTEND (m0, m1, m2, m3); ROUNDS (4, m0);
      EXTEND (m1, m2, m3, m0); ROUNDS (5, m1);
      EXTEND (m2, m3, m0, m1); ROUNDS (6, m2);
      EXTEND (m3, m0, m1, m2); ROUNDS (7, m3);
      EXTEND (m0, m1, m2, m3); ROUNDS (8, m0);
      EXTEND (m1, m2, m3, m0); ROUNDS (9, m1);
      EXTEND (m2, m3, m0, m1); ROUNDS (10, m2);
      EXTEND (m3, m0, m1, m2); ROUNDS (11, m3);
      EXTEND (m0, m1, m2, m3); ROUNDS (12, m0);
      EXTEND (m1, m2, m3, m0); ROUNDS (13, m1);
      EXTEND (m2, m3, m0, m1); ROUNDS (14, m2);
      EXTEND (m3, m0, m1, m2); ROUNDS (15, m3);
#undef ROUNDS
#undef EXTEND
      abef = _mm_add_epi32 (abef, save_abef);
      cdgh = _mm_add_epi32 (cdgh, save_cdgh);
    }
  t = _mm_shuffle_epi32 (abef, 0x1B);          /* FEBA */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);       /* DCHG */
  abcd = _mm_blend_epi16 (t, cdgh, 0xF0);      /* DCBA */
  efgh = _mm_alignr_epi8 (cdgh, t, 8);         /* HGFE */
  _mm_storeu_si128 ((__m128i *) h, abcd);
  _mm_storeu_si128 ((__m128i *) (h + 4), efgh);
}
#endif

static void (*sha_blocks) (uint32_t h[8], const uint8_t *p, size_t n) = sha_blocks_c;

static void
sha_choose (void)
{
#ifdef HAVE_SHA_NI
  unsigned a, b, c, d;

  /* SHA: CPUID 7.0 EBX bit 29; SSSE3 and SSE4.1: CPUID 1 ECX bits 9 and 19 */
  if (__get_cpuid (1, &a, &b, &c, &d) && (c & (1u << 9)) && (c & (1u << 19)) &&
      __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & (1u << 29)))
    sha_blocks = sha_blocks_ni;
#endif
}

static inline void
sha_init (Sha *s)
{
  static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

  memcpy (s->h, iv, sizeof iv);
  s->fill = 0;
  s->total = 0;
}

static void
sha_update (Sha *s, const void *data, size_t n)
{
  const uint8_t *p = data;

  s->total += n;
  if (s->fill > 0)
    {
      size_t take = 64 - s->fill < n ? 64 - s->fill : n;

      memcpy (s->block + s->fill, p, take);
      s->fill += take;
      p += take;
      n -= take;
      if (s->fill < 64)
        return;
      sha_blocks (s->h, s->block, 1);
      s->fill = 0;
    }
  if (n >= 64)
    {
      sha_blocks (s->h, p, n / 64);
      p += n & ~(size_t) 63;
      n &= 63;
    }
  memcpy (s->block, p, n);
  s->fill = n;
}

/* the digest as 64 lowercase hex digits (not terminated) */
static void
sha_hex (Sha *s, char hex[64])
{
  static const char digits[] = "0123456789abcdef";
  uint64_t bits = s->total * 8;
  unsigned i;

  s->block[s->fill++] = 0x80;
  if (s->fill > 56)
    {
      memset (s->block + s->fill, 0, 64 - s->fill);
      sha_blocks (s->h, s->block, 1);
      s->fill = 0;
    }
  memset (s->block + s->fill, 0, 56 - s->fill);
  for (i = 0; i < 8; i++)
    s->block[56 + i] = (uint8_t) (bits >> (56 - 8 * i));
  sha_blocks (s->h, s->block, 1);
  for (i = 0; i < 32; i++)
    {
      uint8_t byte = (uint8_t) (s->h[i / 4] >> (24 - 8 * (i % 4)));

      hex[2 * i] = digits[byte >> 4];
      hex[2 * i + 1] = digits[byte & 15];
    }
}

/* ---- the traced mode's verdicts ----
 *
 * libattrib's verdict JSON (attrib_verdict_to_json) for junyuan-2012 on
 * bench-gen's data, byte for byte: the claims of RULE.md as libattrib's
 * engine runs them (attrib-claims.c, attrib-decide.c), every step of the
 * trace with its English message, eight steps of a kind listed and one
 * step counting the rest (attrib-run.c, trace_fold), and the fingerprint
 * (attrib-run.c, _attrib_run_fingerprint_inputs): SHA-256 over the
 * library's version, the profile's digest and the digest of the
 * purchaser's every event, each as its canonical line
 * (attrib-event-canonical.c). Where libattrib and RULE.md word a claim
 * differently, libattrib's is followed: a renewal's claim starts at the
 * visit that renewed it, and is credited to that visit's agent. */

/* A growable text. */
typedef struct
{
  char *p;
  size_t n, cap;
} Buf;

static inline void
buf_room (Buf *b, size_t more)
{
  if (b->n + more > b->cap)
    {
      while (b->n + more > b->cap)
        b->cap = b->cap ? b->cap * 2 : 4096;
      b->p = xrealloc (b->p, b->cap);
    }
}

static inline void
buf_add (Buf *b, const char *s, size_t n)
{
  buf_room (b, n);
  memcpy (b->p + b->n, s, n);
  b->n += n;
}

/* a string literal (an array: its size is known) */
#define BUF_LIT(b, s) buf_add ((b), (s), sizeof (s) - 1)

static inline void
buf_str (Buf *b, const char *s)
{
  buf_add (b, s, strlen (s));
}

static inline void
buf_char (Buf *b, char c)
{
  buf_room (b, 1);
  b->p[b->n++] = c;
}

/* the inside of a JSON string, escaped as libattrib's
 * _attrib_json_append_string escapes it */
static void
buf_json (Buf *b, const char *s, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  size_t i, run = 0;

  buf_room (b, n);
  for (i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      buf_add (b, s + run, i - run);
      run = i + 1;
      buf_char (b, '\\');
      switch (c)
        {
        case '"': buf_char (b, '"'); break;
        case '\\': buf_char (b, '\\'); break;
        case '\b': buf_char (b, 'b'); break;
        case '\f': buf_char (b, 'f'); break;
        case '\n': buf_char (b, 'n'); break;
        case '\r': buf_char (b, 'r'); break;
        case '\t': buf_char (b, 't'); break;
        default:
          BUF_LIT (b, "u00");
          buf_char (b, hex[c >> 4]);
          buf_char (b, hex[c & 15]);
          break;
        }
    }
  buf_add (b, s + run, n - run);
}

/* A name or an id as libattrib's messages show it (attrib_phone_mask):
 * a run of seven digits or more could be a phone and is partly masked.
 * ASCII text with fewer than seven digits is shown as it is (every id and
 * party bench-gen writes below 10^7 events); letters and digits alone
 * (the ids from e1000000 on) are masked here as libattrib masks them;
 * anything else needs rules the floor leaves out, and stops it. */
static void
buf_shown (Buf *b, const char *s, size_t n)
{
  size_t i, digits = 0, start;
  bool plain = true, alnum = true;

  for (i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char) s[i];

      digits += c >= '0' && c <= '9';
      plain = plain && c < 0x80;
      alnum = alnum && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }
  if (plain && digits < 7)
    {
      buf_json (b, s, n);
      return;
    }
  if (!alnum)
    die ("a text libattrib would mask by rules the floor leaves out (separators, non-ASCII)");
  for (i = 0; i < n;)
    {
      size_t k, len;

      if (s[i] < '0' || s[i] > '9')
        {
          buf_char (b, s[i++]);
          continue;
        }
      for (start = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ;
      len = i - start;
      for (k = 0; k < len; k++)
        buf_char (b, (len >= 8 && k >= 3 && k < len - 4) || (len == 7 && k >= 3) ? '*' : s[start + k]);
    }
}

/* Raw writes into a Buf made roomy enough beforehand. */
static inline char *
put (char *o, const char *s, size_t n)
{
  memcpy (o, s, n);
  return o + n;
}

#define PUT_LIT(o, s) put ((o), (s), sizeof (s) - 1)

/* @s escaped if @esc (room: 6 bytes a byte) */
static inline char *
put_text (char *o, const char *s, size_t n, bool esc)
{
  Buf b;

  if (!esc)
    return put (o, s, n);
  b.p = o;
  b.n = 0;
  b.cap = 6 * n;
  buf_json (&b, s, n);
  return o + b.n;
}

static const char DIGIT_PAIRS[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

static inline char *
put_uint (char *o, uint64_t v)
{
  char d[24];
  int n = 0;

  while (v >= 100)
    {
      memcpy (d + sizeof d - 2 - n, DIGIT_PAIRS + 2 * (v % 100), 2);
      n += 2;
      v /= 100;
    }
  if (v >= 10)
    {
      memcpy (d + sizeof d - 2 - n, DIGIT_PAIRS + 2 * v, 2);
      n += 2;
    }
  else
    d[sizeof d - 1 - n++] = (char) ('0' + v);
  return put (o, d + sizeof d - n, (size_t) n);
}

static inline void
buf_uint (Buf *b, uint64_t v)
{
  buf_room (b, 24);
  b->n = (size_t) (put_uint (b->p + b->n, v) - b->p);
}

static inline void
two (char *p, unsigned v)
{
  p[0] = (char) ('0' + v / 10);
  p[1] = (char) ('0' + v % 10);
}

/* "2024-03-31", the local date of a day number, remembered per day */
static char (*day_texts)[10];

static inline void
buf_day (Buf *b, int64_t day)
{
  char text[10], *t = day >= 0 && day < MEMO_DAYS ? day_texts[day] : text;

  if (t == text || t[0] == 0)
    {
      int64_t y;
      unsigned m, d;

      civil_from_days (day, &y, &m, &d);
      if (y < 1000 || y > 9999)
        die ("a date outside the years 1000 to 9999");
      two (t, (unsigned) (y / 100));
      two (t + 2, (unsigned) (y % 100));
      t[4] = '-';
      two (t + 5, m);
      t[7] = '-';
      two (t + 8, d);
    }
  buf_add (b, t, 10);
}

/* "2024-01-02T01:51:38+08:00": attrib_time_format in Asia/Shanghai, which
 * has been +08:00 since 1992 */
static inline void
buf_time (Buf *b, int64_t t)
{
  char hms[8];
  unsigned s = (unsigned) (t % DAY);

  buf_day (b, t / DAY);
  buf_char (b, 'T');
  two (hms, s / 3600);
  hms[2] = ':';
  two (hms + 3, s / 60 % 60);
  hms[5] = ':';
  two (hms + 6, s % 60);
  buf_add (b, hms, 8);
  BUF_LIT (b, "+08:00");
}

/* a claim, as libattrib's engine keeps it (AttribClaimRec) */
typedef struct
{
  int64_t begin, end, chain_begin;
  uint32_t event;      /* the visit that started it (or renewed it) */
  uint32_t chain_event;      /* the visit that started the first of its renewals */
  uint32_t holder;     /* party */
  uint16_t channel;
  uint8_t renewed;
  uint8_t renewal;     /* from 1.1.5, else 1.1.4 */
} TClaim;

enum { C_111, C_112, C_114, C_115, C_128 };
static const char *const CLAUSES[] = { "1.1.1", "1.1.2", "1.1.4", "1.1.5", "1.2.8" };

typedef struct
{
  uint32_t event, cause;     /* cause: NONE or an event */
  uint8_t clause;
} TReject;

/* the kinds of steps libattrib folds (a clause, a message, an outcome) */
enum { K_VALID, K_AGAIN, K_RENEW, K_REJ_111, K_REJ_112, K_REJ_128, K_SHARED, K_DEAL, K_DECIDE, N_KINDS };
static const char *const KIND_HEAD[] = {
  [K_VALID] = "{\"clause\": \"1.1.4\", \"outcome\": \"applied\", \"events\": [",
  [K_AGAIN] = "{\"clause\": \"1.1.4\", \"outcome\": \"not_applicable\", \"events\": [",
  [K_RENEW] = "{\"clause\": \"1.1.5\", \"outcome\": \"applied\", \"events\": [",
  [K_REJ_111] = "{\"clause\": \"1.1.1\", \"outcome\": \"rejected\", \"events\": [",
  [K_REJ_112] = "{\"clause\": \"1.1.2\", \"outcome\": \"rejected\", \"events\": [",
  [K_REJ_128] = "{\"clause\": \"1.2.8\", \"outcome\": \"rejected\", \"events\": [",
  [K_SHARED] = "{\"clause\": \"1.2.8\", \"outcome\": \"applied\", \"events\": [",
  [K_DEAL] = NULL,
  [K_DECIDE] = NULL,
};
enum { TRACE_REPEATS = 8 };  /* ATTRIB_TRACE_REPEATS */

typedef struct
{
  uint32_t off, len;   /* its JSON in TScratch.text */
  int summary;         /* the kind it counts, or -1 */
} TStep;

typedef struct
{
  unsigned count;
  uint32_t first, last;      /* the first events of the first and the last step not listed */
} TFold;

typedef struct
{
  uint32_t channel, holder, rank;
} TAttempt;

typedef struct
{
  TClaim *claims;
  size_t n_claims, cap_claims;
  TReject *rej;
  size_t n_rej, cap_rej;
  uint32_t *inter;     /* the customer's interactions so far */
  size_t n_inter, cap_inter;
  TAttempt *att;
  size_t cap_att;
  TStep *steps;
  size_t n_steps, cap_steps;
  TFold fold[N_KINDS];
  Buf text;            /* the steps' JSON */
  Buf lines;           /* the purchaser's canonical lines */
  Buf json;            /* the verdict */
  Buf owner;           /* the owner's text, for the checksum of RULE.md */
} TScratch;

/* What the fingerprint starts with, hashed once: "libattrib VERSION\n"
 * and "profile sha256:…", then "\nperson " (with a purchaser) or not (a
 * cancelled deal, whose stages are hashed line by line). */
static Sha fp_person, fp_plain;

static inline const char *
ev_id (const TLedger *tl, const TEv *ev)
{
  return ev->kind & F_INLINE ? ev->text.bytes : tl->text.bytes + ev->text.off.id;
}

static inline const char *
ev_name (const TLedger *tl, const TEv *ev)
{
  return ev->kind & F_INLINE ? ev->text.bytes + ev->id_len : tl->text.bytes + ev->text.off.name;
}

static inline void
buf_ev_id (Buf *b, const TLedger *tl, uint32_t e)
{
  const TEv *ev = &tl->ev[e];

  if (ev->kind & F_ID_ESC)
    buf_json (b, ev_id (tl, ev), ev->id_len);
  else
    buf_add (b, ev_id (tl, ev), ev->id_len);
}

static inline void
buf_ev_shown (Buf *b, const TLedger *tl, uint32_t e)
{
  const TEv *ev = &tl->ev[e];

  if (ev->kind & (F_ID_ESC | F_ID_SHOWN))
    buf_shown (b, ev_id (tl, ev), ev->id_len);
  else
    buf_add (b, ev_id (tl, ev), ev->id_len);
}

static inline void
buf_party_shown (Buf *b, const TLedger *tl, uint32_t party)
{
  const Name *name = &tl->parties.names[party];

  if (tl->party_flags[party])
    buf_shown (b, tl->parties.arena.bytes + name->off, name->len);
  else
    buf_add (b, tl->parties.arena.bytes + name->off, name->len);
}

/* A step of @kind whose events are @events: its JSON up to the message's
 * opening quote, the caller writing the message and ending it with
 * step_end() — or FALSE where the kind has been listed eight times, and
 * the step is counted by the kind's summary (added where the ninth came). */
static bool
step_begin (TScratch *s, const TLedger *tl, int kind, const char *head, const uint32_t *events, unsigned n_events)
{
  TFold *fold = &s->fold[kind];
  TStep *step;
  unsigned i;

  if (++fold->count > TRACE_REPEATS)
    {
      if (fold->count == TRACE_REPEATS + 1)
        {
          GROW (s->steps, s->n_steps, s->cap_steps);
          s->steps[s->n_steps++] = (TStep) { 0, 0, kind };
          fold->first = events[0];
        }
      fold->last = events[0];
      return false;
    }
  GROW (s->steps, s->n_steps, s->cap_steps);
  step = &s->steps[s->n_steps++];
  step->off = (uint32_t) s->text.n;
  step->summary = -1;
  buf_add (&s->text, head, strlen (head));
  for (i = 0; i < n_events; i++)
    {
      buf_str (&s->text, i > 0 ? ", \"" : "\"");
      buf_ev_id (&s->text, tl, events[i]);
      buf_char (&s->text, '"');
    }
  BUF_LIT (&s->text, "], \"message\": \"");
  return true;
}

static inline void
step_end (TScratch *s)
{
  TStep *step = &s->steps[s->n_steps - 1];

  BUF_LIT (&s->text, "\"}");
  step->len = (uint32_t) (s->text.n - step->off);
}

/* "confirmation by H on DAY (“E”) rejected: " (_attrib_claims_reject) */
static bool
reject_begin (TScratch *s, const TLedger *tl, int kind, const TAttempt *a, uint32_t e, uint32_t cause)
{
  uint32_t events[2] = { e, cause };

  if (!step_begin (s, tl, kind, KIND_HEAD[kind], events, cause != NONE ? 2 : 1))
    return false;
  BUF_LIT (&s->text, "confirmation by ");
  buf_party_shown (&s->text, tl, a->holder);
  BUF_LIT (&s->text, " on ");
  buf_day (&s->text, day_of (tl->ev[e].t));
  BUF_LIT (&s->text, " (“");
  buf_ev_shown (&s->text, tl, e);
  BUF_LIT (&s->text, "”) rejected: ");
  return true;
}

static void
add_reject (TScratch *s, uint32_t e, uint32_t cause, int clause)
{
  GROW (s->rej, s->n_rej, s->cap_rej);
  s->rej[s->n_rej++] = (TReject) { e, cause, (uint8_t) clause };
}

/* The attempts of a visit (_attrib_claims_visit_attempts): one per
 * channel, credited to its first agent of the lowest rank, ordered by
 * rank and then channel name; into s->att, their count. */
static unsigned
visit_attempts (const TLedger *tl, uint32_t e, TScratch *s)
{
  const uint32_t *ag = tl->agents + tl->ev[e].x;
  unsigned n = 0, i, j;

  if (s->cap_att < ag[0])
    {
      s->cap_att = ag[0];
      s->att = xrealloc (s->att, s->cap_att * sizeof *s->att);
    }
  for (i = 0; i < ag[0]; i++)
    {
      uint32_t party = ag[1 + 2 * i], rank = ag[2 + 2 * i], ch = tl->party_channel[party];

      if (tl->chan_developer[ch])
        continue;
      for (j = 0; j < n && s->att[j].channel != ch; j++)
        ;
      if (j == n)
        s->att[n++] = (TAttempt) { ch, party, rank };
      else if (rank < s->att[j].rank)
        {
          s->att[j].holder = party;
          s->att[j].rank = rank;
        }
    }
  for (i = 1; i < n; i++)
    {
      TAttempt x = s->att[i];

      for (j = i; j > 0 && (s->att[j - 1].rank > x.rank ||
                            (s->att[j - 1].rank == x.rank && tl->chan_rank[s->att[j - 1].channel] > tl->chan_rank[x.channel]));
           j--)
        s->att[j] = s->att[j - 1];
      s->att[j] = x;
    }
  return n;
}

/* The customer's claims over all their events (libattrib works a
 * purchaser's claims out to the end of the ledger), with their steps. */
static void
claims_traced (const TLedger *tl, uint32_t c, TScratch *s)
{
  const uint32_t first = tl->cust_start[c], n = tl->cust_start[c + 1] - first;
  int64_t void_since = INT64_MAX;
  size_t lb_at = 0;
  bool seen_visit = false;
  uint32_t i;

  s->n_claims = 0;
  s->n_rej = 0;
  s->n_inter = 0;
  for (i = 0; i < n; i++)
    {
      const uint32_t e = first + i;
      const TEv *ev = &tl->ev[e];
      const int64_t t = ev->t;
      unsigned n_att, k, created = 0;
      uint32_t first_rank;
      size_t before, j;
      bool first_visit;
      int lookback = -1;

      if (ev->type == T_INTERACTION)
        {
          GROW (s->inter, s->n_inter, s->cap_inter);
          s->inter[s->n_inter++] = e;
          seen_visit |= (ev->kind & F_KIND) == 1;
          continue;
        }
      if (ev->type != T_VISIT)
        continue;
      /* expiry voids the CRM (_attrib_renewal_void_lapsed): looked at
       * visits only, the only events that read it (as in claims_for) */
      for (j = 0; j < s->n_claims; j++)
        if (s->claims[j].end <= t && !s->claims[j].renewed && s->claims[j].chain_begin < void_since)
          void_since = s->claims[j].chain_begin;
      first_visit = !seen_visit;
      seen_visit = true;
      n_att = visit_attempts (tl, e, s);
      if (n_att == 0)
        continue;
      first_rank = s->att[0].rank;
      before = s->n_claims;
      for (k = 0; k < n_att; k++)
        {
          const TAttempt *a = &s->att[k];
          size_t running = SIZE_MAX;
          int64_t day;

          for (j = 0; j < before; j++)
            {
              const TClaim *cl = &s->claims[j];

              if (cl->begin <= t && t < cl->end && (running == SIZE_MAX || cl->channel == a->channel))
                running = j;
            }
          if (running != SIZE_MAX && s->claims[running].channel == a->channel)
            {
              TClaim *r = &s->claims[running];

              if (!r->renewed && r->end - 7 * DAY <= t)
                {
                  TClaim next = *r;

                  r->renewed = 1;
                  next.event = e;
                  next.holder = a->holder;
                  next.renewed = 0;
                  next.renewal = 1;
                  next.begin = r->end;
                  next.end = start_of (add_3_months (day_of (r->end), 1));
                  GROW (s->claims, s->n_claims, s->cap_claims);
                  s->claims[s->n_claims++] = next;
                  if (step_begin (s, tl, K_RENEW, KIND_HEAD[K_RENEW], &e, 1))
                    {
                      buf_party_shown (&s->text, tl, a->holder);
                      BUF_LIT (&s->text, " renewed its claim on “");
                      buf_ev_shown (&s->text, tl, e);
                      BUF_LIT (&s->text, "” within the last 7 days: the claim now runs from ");
                      buf_day (&s->text, day_of (next.begin));
                      BUF_LIT (&s->text, " to ");
                      buf_day (&s->text, day_of (next.end - 1));
                      step_end (s);
                    }
                }
              else if (step_begin (s, tl, K_AGAIN, KIND_HEAD[K_AGAIN], &e, 1))
                {
                  buf_party_shown (&s->text, tl, a->holder);
                  BUF_LIT (&s->text, " came again with the customer on “");
                  buf_ev_shown (&s->text, tl, e);
                  BUF_LIT (&s->text, "” inside its own claim: not a new confirmation");
                  step_end (s);
                }
              continue;
            }
          if (running != SIZE_MAX)
            {
              /* protected customer (1.1.1) */
              const TClaim *r = &s->claims[running];

              if (reject_begin (s, tl, K_REJ_111, a, e, r->chain_event))
                {
                  BUF_LIT (&s->text, "the customer is protected by the claim of ");
                  buf_party_shown (&s->text, tl, r->holder);
                  BUF_LIT (&s->text, " from “");
                  buf_ev_shown (&s->text, tl, r->chain_event);
                  BUF_LIT (&s->text, "”");
                  step_end (s);
                }
              add_reject (s, e, r->chain_event, C_111);
              continue;
            }
          if (a->rank != first_rank)
            {
              /* entered after another channel (1.2.8) */
              if (reject_begin (s, tl, K_REJ_128, a, e, NONE))
                {
                  BUF_LIT (&s->text, "another channel's agent entered the sales office with the customer first");
                  step_end (s);
                }
              add_reject (s, e, NONE, C_128);
              continue;
            }
          /* the look-back (1.1.2): the first interaction of the three
           * months before the visit, unless the CRM is void from it on */
          if (lookback < 0)
            {
              int64_t lb = start_of (add_3_months (day_of (t), -1));

              while (lb_at < s->n_inter && tl->ev[s->inter[lb_at]].t < lb)
                lb_at++;
              lookback = !first_visit && lb_at < s->n_inter && tl->ev[s->inter[lb_at]].t < void_since;
            }
          if (lookback)
            {
              uint32_t crm = s->inter[lb_at];

              if (reject_begin (s, tl, K_REJ_112, a, e, crm))
                {
                  BUF_LIT (&s->text, "not the customer's first visit, and the developer's CRM recorded “");
                  buf_ev_shown (&s->text, tl, crm);
                  BUF_LIT (&s->text, "” on ");
                  buf_time (&s->text, tl->ev[crm].t);
                  BUF_LIT (&s->text, ", within 3 months before the visit");
                  step_end (s);
                }
              add_reject (s, e, crm, C_112);
              continue;
            }
          day = day_of (t);
          GROW (s->claims, s->n_claims, s->cap_claims);
          s->claims[s->n_claims++] = (TClaim) { .begin = start_of (day), .end = start_of (add_3_months (day, 1)),
                                                .chain_begin = start_of (day), .event = e, .chain_event = e,
                                                .holder = a->holder, .channel = (uint16_t) a->channel };
          created++;
          if (step_begin (s, tl, K_VALID, KIND_HEAD[K_VALID], &e, 1))
            {
              const TClaim *cl = &s->claims[s->n_claims - 1];

              BUF_LIT (&s->text, "valid confirmation by ");
              buf_party_shown (&s->text, tl, a->holder);
              BUF_LIT (&s->text, " on “");
              buf_ev_shown (&s->text, tl, e);
              BUF_LIT (&s->text, "”: claim from ");
              buf_day (&s->text, day_of (cl->begin));
              BUF_LIT (&s->text, " to ");
              buf_day (&s->text, day_of (cl->end - 1));
              step_end (s);
            }
        }
      if (created > 1 && step_begin (s, tl, K_SHARED, KIND_HEAD[K_SHARED], &e, 1))
        {
          buf_uint (&s->text, created);
          BUF_LIT (&s->text, " channels entered together on “");
          buf_ev_shown (&s->text, tl, e);
          BUF_LIT (&s->text, "”: they share the claim equally");
          step_end (s);
        }
    }
}

/* A customer's phone as written (its digits, leading zeros kept). */
static unsigned
phone_text (const TLedger *tl, uint32_t c, char out[17])
{
  uint64_t key = tl->phone[c], v = key & ((UINT64_C (1) << 57) - 1);
  unsigned len = (unsigned) (key >> 57), k;

  for (k = len; k > 0; k--, v /= 10)
    out[k - 1] = (char) ('0' + v % 10);
  return len;
}

/* One event's canonical line (_attrib_event_append_canonical), for the
 * events bench-gen writes; @phone is its customer's (see phone_text). */
static void
canonical_line (Buf *b, const TLedger *tl, uint32_t e, const char *phone, unsigned phone_len)
{
  static const char *const heads[] = {
    [T_REPORT] = "\",\"type\":\"report\",\"at\":",
    [T_VISIT] = "\",\"type\":\"visit\",\"at\":",
    [T_INTERACTION] = "\",\"type\":\"interaction\",\"at\":",
    [T_FOLLOW_UP] = "\",\"type\":\"follow_up\",\"at\":",
    [T_DEAL] = "\",\"type\":\"deal\",\"at\":",
  };
  const TEv *ev = &tl->ev[e];
  size_t room = 160 + 6 * ((size_t) ev->id_len + ev->name_len) + phone_len;
  const uint32_t *ag = ev->type == T_VISIT ? tl->agents + ev->x : NULL;
  const Name *name;
  char *o;
  uint32_t i;

  if (ev->type == T_REPORT || ev->type == T_FOLLOW_UP)
    room += 6 * tl->parties.names[ev->x].len;
  else if (ag != NULL)
    for (i = 0; i < ag[0]; i++)
      room += 40 + 6 * tl->parties.names[ag[1 + 2 * i]].len;
  else if (ev->type == T_DEAL)
    room += 6 * tl->ledger_deals->names[tl->stages[ev->x].deal].len;
  buf_room (b, room);
  o = b->p + b->n;

  o = PUT_LIT (o, "{\"id\":\"");
  o = put_text (o, ev_id (tl, ev), ev->id_len, ev->kind & F_ID_ESC);
  o = put (o, heads[ev->type], strlen (heads[ev->type]));
  /* integer microseconds since 1970 UTC */
  o = put_uint (o, (uint64_t) ev->t - 8 * 3600);
  o = PUT_LIT (o, "000000");
  if (ev->name_len > 0 || phone != NULL)
    {
      o = PUT_LIT (o, ",\"customer\":{");
      if (ev->name_len > 0)
        {
          o = PUT_LIT (o, "\"name\":\"");
          o = put_text (o, ev_name (tl, ev), ev->name_len, ev->kind & F_NAME_ESC);
          o = phone != NULL ? PUT_LIT (o, "\",\"phone\":\"") : PUT_LIT (o, "\"");
        }
      else
        o = PUT_LIT (o, "\"phone\":\"");
      if (phone != NULL)
        {
          o = put (o, phone, phone_len);
          *o++ = '"';
        }
      *o++ = '}';
    }
  switch (ev->type)
    {
    case T_REPORT:
    case T_FOLLOW_UP:
      name = &tl->parties.names[ev->x];
      o = PUT_LIT (o, ",\"party\":\"");
      o = put_text (o, tl->parties.arena.bytes + name->off, name->len, tl->party_flags[ev->x] & F_ID_ESC);
      o = PUT_LIT (o, "\"}");
      break;
    case T_VISIT:
      o = PUT_LIT (o, ",\"agents\":[");
      for (i = 0; i < ag[0]; i++)
        {
          uint32_t party = ag[1 + 2 * i];

          name = &tl->parties.names[party];
          o = i > 0 ? PUT_LIT (o, ",{\"party\":\"") : PUT_LIT (o, "{\"party\":\"");
          o = put_text (o, tl->parties.arena.bytes + name->off, name->len, tl->party_flags[party] & F_ID_ESC);
          o = PUT_LIT (o, "\",\"rank\":");
          o = put_uint (o, ag[2 + 2 * i]);
          *o++ = '}';
        }
      o = PUT_LIT (o, "]}");
      break;
    case T_INTERACTION:
      o = PUT_LIT (o, ",\"interaction_kind\":\"");
      o = put (o, INTERACTION_KINDS[ev->kind & F_KIND], strlen (INTERACTION_KINDS[ev->kind & F_KIND]));
      o = PUT_LIT (o, "\"}");
      break;
    case T_DEAL:
      {
        const TStage *st = &tl->stages[ev->x];

        name = &tl->ledger_deals->names[st->deal];
        o = PUT_LIT (o, ",\"deal\":\"");
        o = put_text (o, tl->ledger_deals->arena.bytes + name->off, name->len, true);
        o = PUT_LIT (o, "\",\"deal_stage\":\"");
        o = put (o, STAGE_NAMES[st->stage], strlen (STAGE_NAMES[st->stage]));
        *o++ = '"';
        if (st->price != INT64_MIN)
          {
            o = PUT_LIT (o, ",\"price\":");
            o = put_uint (o, (uint64_t) st->price);
          }
        *o++ = '}';
        break;
      }
    default:
      die ("an event type without a canonical line");
    }
  b->n = (size_t) (o - b->p);
}

/* canonical_line of an event whose customer's phone is not at hand */
static void
canonical_line_any (Buf *b, const TLedger *tl, uint32_t e)
{
  char phone[17];
  unsigned n = tl->cust[e] != NONE ? phone_text (tl, tl->cust[e], phone) : 0;

  canonical_line (b, tl, e, tl->cust[e] != NONE ? phone : NULL, n);
}

enum { ST_DECIDED, ST_PENDING, ST_CANCELLED };

/* Deal @d's verdict JSON in s->json (without a newline), and its owner
 * as RULE.md writes it in s->owner. */
static void
verdict_traced (const TLedger *tl, uint32_t d, TScratch *s)
{
  const uint32_t *stages = tl->deal_ev + tl->deal_start[d];
  const uint32_t n_stages = tl->deal_start[d + 1] - tl->deal_start[d];
  uint32_t cancelled = NONE, counted = NONE, first_stage = NONE, stage_event, purchaser = NONE, i;
  const char *clauses[8];
  unsigned n_clauses = 0, n_own = 0, k;
  const TClaim *own = NULL;
  int status;
  int64_t T;
  Sha fp;
  char hex[64];
  const Name *deal_name = &tl->ledger_deals->names[d];

#define ADD_CLAUSE(id)                                                       \
  do {                                                                        \
    const char *id_ = (id);                                                   \
    unsigned q_;                                                              \
    for (q_ = 0; q_ < n_clauses && clauses[q_] != id_; q_++)                  \
      ;                                                                       \
    if (q_ == n_clauses)                                                      \
      clauses[n_clauses++] = id_;                                             \
  } while (0)

  s->n_steps = 0;
  s->text.n = 0;
  s->json.n = 0;
  s->owner.n = 0;
  memset (s->fold, 0, sizeof s->fold);
  for (i = 0; i < n_stages; i++)
    {
      const TStage *st = &tl->stages[tl->ev[stages[i]].x];

      if (first_stage == NONE && tl->cust[stages[i]] != NONE)
        first_stage = stages[i];
      if (st->stage == S_SIGNED && counted == NONE)
        counted = stages[i];
      if (st->stage == S_CANCELLED)
        cancelled = stages[i];
    }

  if (cancelled != NONE)
    {
      status = ST_CANCELLED;
      T = tl->ev[cancelled].t;
      if (step_begin (s, tl, K_DEAL, "{\"clause\": \"deal\", \"outcome\": \"decided\", \"events\": [", &cancelled, 1))
        {
          BUF_LIT (&s->text, "the deal was cancelled on “");
          buf_ev_shown (&s->text, tl, cancelled);
          BUF_LIT (&s->text, "”: it has no attribution");
          step_end (s);
        }
      /* the deal's stages, each its canonical line */
      fp = fp_plain;
      for (i = 0; i < n_stages; i++)
        {
          s->lines.n = 0;
          buf_char (&s->lines, '\n');
          canonical_line_any (&s->lines, tl, stages[i]);
          sha_update (&fp, s->lines.p, s->lines.n);
        }
      BUF_LIT (&s->owner, "cancelled");
      goto write;
    }

  status = counted == NONE ? ST_PENDING : ST_DECIDED;
  stage_event = counted != NONE ? counted : first_stage;
  if (stage_event == NONE || tl->cust[stage_event] == NONE)
    die ("a deal whose stage names no purchaser (bench-gen writes none)");
  if (status == ST_PENDING &&
      step_begin (s, tl, K_DEAL, "{\"clause\": \"deal\", \"outcome\": \"not_applicable\", \"events\": [", &stage_event, 1))
    {
      BUF_LIT (&s->text, "the deal has not reached the counted stage (signed): the verdict is provisional");
      step_end (s);
    }
  T = tl->ev[stage_event].t;
  purchaser = tl->cust[stage_event];
  claims_traced (tl, purchaser, s);

  /* the purchaser's claims covering T (covering_in): the first that
   * began by T and whose visit came by T, with those its visit started */
  for (i = 0; i < s->n_claims; i++)
    if (s->claims[i].begin <= T && T < s->claims[i].end && tl->ev[s->claims[i].event].t <= T)
      break;
  if (i < s->n_claims)
    {
      own = &s->claims[i];
      for (; i < s->n_claims; i++)
        if (s->claims[i].event == own->event && s->claims[i].begin <= T && T < s->claims[i].end)
          n_own++;
    }

  if (n_own > 0)
    {
      if (own->renewal)
        ADD_CLAUSE (CLAUSES[C_114]);
      ADD_CLAUSE (CLAUSES[own->renewal ? C_115 : C_114]);
      /* another channel was turned away because this claim protected the
       * customer (cite_rejections) */
      for (i = 0; i < s->n_rej; i++)
        if (s->rej[i].clause == C_111 && s->rej[i].cause == own->chain_event && tl->ev[s->rej[i].event].t <= T)
          {
            ADD_CLAUSE (CLAUSES[C_111]);
            break;
          }
      if (n_own > 1)
        ADD_CLAUSE (CLAUSES[C_128]);
      if (step_begin (s, tl, K_DECIDE,
                      own->renewal ? "{\"clause\": \"1.1.5\", \"outcome\": \"decided\", \"events\": ["
                                   : "{\"clause\": \"1.1.4\", \"outcome\": \"decided\", \"events\": [",
                      &own->event, 1))
        {
          BUF_LIT (&s->text, "the deal (");
          buf_time (&s->text, T);
          BUF_LIT (&s->text, ") falls inside the claim of ");
          buf_party_shown (&s->text, tl, own->holder);
          BUF_LIT (&s->text, " from “");
          buf_ev_shown (&s->text, tl, own->event);
          BUF_LIT (&s->text, "”");
          step_end (s);
        }
    }
  else
    {
      /* decide_unclaimed, at channel level and without a natural visit:
       * the deal is the developer's, and one step says why */
      const TClaim *last = NULL;
      const TReject *rejected = NULL;

      for (i = 0; i < s->n_claims; i++)
        if (s->claims[i].begin <= T)
          last = &s->claims[i];
      for (i = 0; i < s->n_rej; i++)
        if (tl->ev[s->rej[i].event].t <= T)
          rejected = &s->rej[i];
      if (rejected != NULL && (last == NULL || tl->ev[rejected->event].t > last->begin))
        {
          char head[96];

          for (i = 0; i < s->n_rej; i++)
            {
              int64_t at = tl->ev[s->rej[i].event].t;

              if (at <= T && (last == NULL || at > last->begin))
                ADD_CLAUSE (CLAUSES[s->rej[i].clause]);
            }
          snprintf (head, sizeof head, "{\"clause\": \"%s\", \"outcome\": \"decided\", \"events\": [",
                    CLAUSES[rejected->clause]);
          if (step_begin (s, tl, K_DECIDE, head, &rejected->event, 1))
            {
              BUF_LIT (&s->text, "no valid claim covers the deal (");
              buf_time (&s->text, T);
              BUF_LIT (&s->text, "): the confirmation was rejected, the deal is the developer's");
              step_end (s);
            }
        }
      else if (last != NULL)
        {
          ADD_CLAUSE (CLAUSES[last->renewal ? C_115 : C_114]);
          if (tl->ev[last->event].t > T)
            {
              if (step_begin (s, tl, K_DECIDE,
                              last->renewal ? "{\"clause\": \"1.1.5\", \"outcome\": \"decided\", \"events\": ["
                                            : "{\"clause\": \"1.1.4\", \"outcome\": \"decided\", \"events\": [",
                              &last->event, 1))
                {
                  BUF_LIT (&s->text, "the claim of ");
                  buf_party_shown (&s->text, tl, last->holder);
                  BUF_LIT (&s->text, " began at ");
                  buf_time (&s->text, tl->ev[last->event].t);
                  BUF_LIT (&s->text, ", after the deal (");
                  buf_time (&s->text, T);
                  BUF_LIT (&s->text, "): it does not cover the deal, which is the developer's");
                  step_end (s);
                }
            }
          else
            {
              ADD_CLAUSE (CLAUSES[C_115]);
              if (step_begin (s, tl, K_DECIDE,
                              last->renewal ? "{\"clause\": \"1.1.5\", \"outcome\": \"decided\", \"events\": ["
                                            : "{\"clause\": \"1.1.4\", \"outcome\": \"decided\", \"events\": [",
                              &last->event, 1))
                {
                  BUF_LIT (&s->text, "the claim of ");
                  buf_party_shown (&s->text, tl, last->holder);
                  BUF_LIT (&s->text, " ended on ");
                  buf_day (&s->text, day_of (last->end - 1));
                  BUF_LIT (&s->text, ", before the deal (");
                  buf_time (&s->text, T);
                  BUF_LIT (&s->text, "): the customer was public, the deal is the developer's");
                  step_end (s);
                }
            }
        }
      else
        {
          ADD_CLAUSE (CLAUSES[C_115]);
          if (step_begin (s, tl, K_DECIDE, "{\"clause\": \"1.1.5\", \"outcome\": \"decided\", \"events\": [",
                          &stage_event, 1))
            {
              BUF_LIT (&s->text, "no channel confirmed the purchaser: a natural visit, the deal is the developer's");
              step_end (s);
            }
        }
    }

  /* the fingerprint: the purchaser used whole, as the digest of their
   * every event's canonical line; then any stage of the deal that is not
   * theirs */
  s->lines.n = 0;
  {
    uint32_t first = tl->cust_start[purchaser], n = tl->cust_start[purchaser + 1] - first;
    char phone[17];
    unsigned phone_len = phone_text (tl, purchaser, phone);
    Sha person;

    for (i = 0; i < n; i++)
      {
        canonical_line (&s->lines, tl, first + i, phone, phone_len);
        buf_char (&s->lines, '\n');
      }
    sha_init (&person);
    sha_update (&person, s->lines.p, s->lines.n);
    sha_hex (&person, hex);
    fp = fp_person;
    sha_update (&fp, "sha256:", 7);
    sha_update (&fp, hex, 64);
    for (i = 0; i < n_stages; i++)
      if (tl->cust[stages[i]] != purchaser)
        {
          s->lines.n = 0;
          buf_char (&s->lines, '\n');
          canonical_line_any (&s->lines, tl, stages[i]);
          sha_update (&fp, s->lines.p, s->lines.n);
        }
  }
  if (status == ST_PENDING)
    BUF_LIT (&s->owner, "pending");
  else if (n_own == 0)
    BUF_LIT (&s->owner, "developer");

write:
  sha_hex (&fp, hex);
  {
    Buf *j = &s->json;
    const TClaim *joint[64];
    unsigned n_joint = 0, m;

    /* the shares: each claim of the covering visit 1/n, by party */
    for (i = 0; own != NULL && i < s->n_claims && n_joint < n_own; i++)
      if (s->claims[i].event == own->event && s->claims[i].begin <= T && T < s->claims[i].end)
        {
          const Name *x = &tl->parties.names[s->claims[i].holder];

          if (n_joint == 64)
            die ("more than 64 channels share a claim");
          for (m = n_joint; m > 0; m--)
            {
              const Name *y = &tl->parties.names[joint[m - 1]->holder];

              if (cmp_name (tl->parties.arena.bytes + y->off, y->len, tl->parties.arena.bytes + x->off, x->len) <= 0)
                break;
              joint[m] = joint[m - 1];
            }
          joint[m] = &s->claims[i];
          n_joint++;
        }
    BUF_LIT (j, "{\"deal\": \"");
    buf_json (j, tl->ledger_deals->arena.bytes + deal_name->off, deal_name->len);
    buf_str (j, status == ST_CANCELLED ? "\", \"status\": \"cancelled\", \"at\": \""
                : status == ST_PENDING ? "\", \"status\": \"pending\", \"at\": \""
                : "\", \"status\": \"decided\", \"at\": \"");
    buf_time (j, T);
    for (k = 0; k < 2; k++)
      {
        buf_str (j, k == 0 ? "\", \"performance\": {" : ", \"commission\": {");
        if (status != ST_CANCELLED && n_joint == 0)
          BUF_LIT (j, "\"developer\": \"1\"");
        for (m = 0; m < n_joint; m++)
          {
            const Name *x = &tl->parties.names[joint[m]->holder];

            buf_str (j, m > 0 ? ", \"" : "\"");
            buf_json (j, tl->parties.arena.bytes + x->off, x->len);
            if (n_joint == 1)
              BUF_LIT (j, "\": \"1\"");
            else
              {
                BUF_LIT (j, "\": \"1/");
                buf_uint (j, n_joint);
                buf_char (j, '"');
              }
          }
        buf_char (j, '}');
      }
    BUF_LIT (j, ", \"clauses\": [");
    for (k = 0; k < n_clauses; k++)
      {
        buf_str (j, k > 0 ? ", \"" : "\"");
        buf_add (j, clauses[k], strlen (clauses[k]));
        buf_char (j, '"');
      }
    BUF_LIT (j, "], \"trace\": [");
    for (i = 0; i < s->n_steps; i++)
      {
        const TStep *step = &s->steps[i];

        if (i > 0)
          BUF_LIT (j, ", ");
        if (step->summary < 0)
          buf_add (j, s->text.p + step->off, step->len);
        else
          {
            const TFold *fold = &s->fold[step->summary];
            unsigned more = fold->count - TRACE_REPEATS;

            buf_add (j, KIND_HEAD[step->summary], strlen (KIND_HEAD[step->summary]));
            buf_char (j, '"');
            buf_ev_id (j, tl, fold->first);
            if (more > 1)
              {
                BUF_LIT (j, "\", \"");
                buf_ev_id (j, tl, fold->last);
              }
            BUF_LIT (j, "\"], \"message\": \"");
            if (more == 1)
              {
                BUF_LIT (j, "one more step like the 8 above, for the event “");
                buf_ev_shown (j, tl, fold->first);
                BUF_LIT (j, "”, is not listed\"}");
              }
            else
              {
                buf_uint (j, more);
                BUF_LIT (j, " more steps like the 8 above, for the events from “");
                buf_ev_shown (j, tl, fold->first);
                BUF_LIT (j, "” to “");
                buf_ev_shown (j, tl, fold->last);
                BUF_LIT (j, "”, are not listed\"}");
              }
          }
      }
    BUF_LIT (j, "], \"fingerprint\": \"sha256:");
    buf_add (j, hex, 64);
    BUF_LIT (j, "\"}");

    /* the owner of RULE.md: the channels of the shares, bytewise */
    if (status == ST_DECIDED && n_joint > 0)
      {
        uint32_t chans[64];
        unsigned n_ch = 0;

        for (m = 0; m < n_joint; m++)
          {
            uint32_t ch = joint[m]->channel;
            unsigned q;

            for (q = n_ch; q > 0 && tl->chan_rank[chans[q - 1]] > tl->chan_rank[ch]; q--)
              chans[q] = chans[q - 1];
            chans[q] = ch;
            n_ch++;
          }
        for (m = 0; m < n_ch; m++)
          {
            const Name *x = &tl->ledger_channels->names[chans[m]];

            if (m > 0)
              buf_char (&s->owner, '+');
            buf_add (&s->owner, tl->ledger_channels->arena.bytes + x->off, x->len);
          }
      }
  }
#undef ADD_CLAUSE
}

/* The profile's digest and the library's version start every
 * fingerprint: @profile_path holds the resolved profile as `attrib profile
 * show junyuan-2012` prints it (meson writes it next to the floor). */
static void
traced_setup (const char *profile_path, const char *version)
{
  static const char *const sizes_text = "sha256 self-test";
  FILE *f = fopen (profile_path, "rb");
  Buf text = { 0 };
  char hex[64];
  Sha sha;
  size_t got, i;

  if (f == NULL)
    die ("--traced: cannot read the profile (--profile FILE: `attrib profile show junyuan-2012`)");
  do
    {
      buf_room (&text, 65536);
      got = fread (text.p + text.n, 1, 65536, f);
      text.n += got;
    }
  while (got > 0);
  fclose (f);
  buf_char (&text, '\0');
  if (strstr (text.p, "\"id\": \"junyuan-2012\"") == NULL)
    die ("--traced: the profile is not junyuan-2012, the only one the floor implements");

  /* the floor's SHA-256 against GLib's, on every length up to three blocks
   * and a longer text, in pieces */
  sha_choose ();
  for (i = 0; i < 300; i++)
    {
      char *glib;
      size_t k;

      buf_room (&text, 1);
      sha_init (&sha);
      for (k = 0; k < i; k += 7)
        sha_update (&sha, text.p + k, i - k < 7 ? i - k : 7);
      sha_hex (&sha, hex);
      glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) text.p, i);
      if (memcmp (glib, hex, 64) != 0)
        die (sizes_text);
      g_free (glib);
    }

  sha_init (&sha);
  sha_update (&sha, text.p, text.n - 1);
  sha_hex (&sha, hex);
  sha_init (&fp_plain);
  sha_update (&fp_plain, "libattrib ", 10);
  sha_update (&fp_plain, version, strlen (version));
  sha_update (&fp_plain, "\nprofile sha256:", 16);
  sha_update (&fp_plain, hex, 64);
  fp_person = fp_plain;
  sha_update (&fp_person, "\nperson ", 8);
  free (text.p);
  day_texts = calloc (MEMO_DAYS, sizeof *day_texts);
  if (day_texts == NULL)
    die ("out of memory");
}

static void
tscratch_free (TScratch *s)
{
  free (s->claims);
  free (s->rej);
  free (s->inter);
  free (s->att);
  free (s->steps);
  free (s->text.p);
  free (s->lines.p);
  free (s->json.p);
  free (s->owner.p);
}

/* Every deal's verdict, in the order of `attrib attribute` (deal ids,
 * bytewise): its JSON line hashed into @trace_hex (or, with @print,
 * written there), its owner into the checksum of RULE.md. */
static void
attribute_traced (const Ledger *l, const TLedger *tl, char hex[65], char trace_hex[65], FILE *print)
{
  const size_t n_deals = l->deal_ids.n;
  uint32_t *order = malloc ((n_deals ? n_deals : 1) * sizeof *order);
  TScratch s = { 0 };
  Sha sum, trace;
  Buf line = { 0 };
  size_t i;

  sha_init (&sum);
  sha_init (&trace);
  sort_deals (l, order);
  for (i = 0; i < n_deals; i++)
    {
      const Name *name = &l->deal_ids.names[order[i]];

      verdict_traced (tl, order[i], &s);
      buf_char (&s.json, '\n');
      if (print != NULL)
        fwrite (s.json.p, 1, s.json.n, print);
      else
        sha_update (&trace, s.json.p, s.json.n);
      buf_add (&line, l->deal_ids.arena.bytes + name->off, name->len);
      buf_char (&line, '\t');
      buf_add (&line, s.owner.p, s.owner.n);
      buf_char (&line, '\n');
      if (line.n >= 65536)
        {
          sha_update (&sum, line.p, line.n);
          line.n = 0;
        }
    }
  sha_update (&sum, line.p, line.n);
  sha_hex (&sum, hex);
  hex[64] = '\0';
  sha_hex (&trace, trace_hex);
  trace_hex[64] = '\0';
  free (line.p);
  free (order);
  tscratch_free (&s);
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

#ifndef FLOOR_PROFILE
#define FLOOR_PROFILE NULL
#endif
#ifndef FLOOR_LIBATTRIB_VERSION
#define FLOOR_LIBATTRIB_VERSION NULL
#endif

int
main (int argc, char **argv)
{
  const char *csv = NULL, *deals_path = NULL;
  const char *profile_path = FLOOR_PROFILE, *version = FLOOR_LIBATTRIB_VERSION;
  bool traced = false, print_verdicts = false;
  Ledger l = { 0 };
  TLedger tl = { 0 };
  double t0, t1, t2;
  char hex[65], trace_hex[65];
  int a;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--deals") == 0 && a + 1 < argc)
        deals_path = argv[++a];
      else if (strcmp (argv[a], "--traced") == 0)
        traced = true;
      else if (strcmp (argv[a], "--print-verdicts") == 0)
        print_verdicts = true;
      else if (strcmp (argv[a], "--profile") == 0 && a + 1 < argc)
        profile_path = argv[++a];
      else if (strcmp (argv[a], "--libattrib-version") == 0 && a + 1 < argc)
        version = argv[++a];
      else if (csv == NULL)
        csv = argv[a];
      else
        csv = NULL, a = argc;
    }
  if (csv == NULL || (print_verdicts && !traced) || (traced && (profile_path == NULL || version == NULL)))
    {
      fprintf (stderr, "usage: floor EVENTS.csv [--deals DEALS.txt]\n"
                       "       floor --traced [--print-verdicts] [--profile PROFILE.json] [--libattrib-version V] "
                       "EVENTS.csv [--deals DEALS.txt]\n"
                       "(--traced: PROFILE.json as `attrib profile show junyuan-2012` prints it, V libattrib's version; "
                       "meson builds them in)\n");
      return 2;
    }

  if (traced)
    traced_setup (profile_path, version);
  t0 = now_s ();
  memo_init ();
  ingest (&l, csv, traced ? &tl : NULL);
  t1 = now_s ();
  if (print_verdicts)
    {
      /* the verdicts as `attrib attribute` prints them, nothing timed */
      attribute_traced (&l, &tl, hex, trace_hex, stdout);
      return fflush (stdout) == 0 ? 0 : 1;
    }
  if (traced)
    attribute_traced (&l, &tl, hex, trace_hex, NULL);
  else
    attribute (&l, hex);
  t2 = now_s ();
  printf ("ingest_s %.6f\n", t1 - t0);
  printf ("attribute_s %.6f\n", t2 - t1);
  /* its batch writes every trace and fingerprint: the figure libattrib's
   * traced_attribute_s is set against */
  if (traced)
    printf ("traced_attribute_s %.6f\n", t2 - t1);

  if (deals_path != NULL)
    {
      FILE *f = fopen (deals_path, "r");
      char buf[4096], *text = malloc (owner_text_max (&l));
      double *us = NULL;
      size_t n = 0, cap = 0;
      Scratch s = { 0 };
      TScratch ts = { 0 };
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
           * claims, the owner's text (traced: the verdict's JSON line with
           * its trace and fingerprint); nothing kept from the batch */
          u0 = now_s ();
          d = str_map_get ((StrMap *) &l.deal_ids, buf, len, false, NULL);
          if (d == NONE)
            die ("a deal of --deals not in the file");
          if (traced)
            {
              verdict_traced (&tl, d, &ts);
              sink += ts.json.n;
            }
          else
            {
              if (l.deals[d].purchaser != NONE && !l.deals[d].cancelled && l.deals[d].signed_t != INT64_MIN)
                claims_for (&l, l.ev + l.ev_start[l.deals[d].purchaser],
                            l.ev_start[l.deals[d].purchaser + 1] - l.ev_start[l.deals[d].purchaser], &s);
              else
                s.n = 0;
              o = owner_of (&l.deals[d], &s, chans, l.channels.n);
              sink += owner_text (&l, o, chans, text);
            }
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
          if (traced)
            {
              printf ("single_traced_p50_us %.3f\n", us[n / 2]);
              printf ("single_traced_p99_us %.3f\n", us[n * 99 / 100 < n - 1 ? n * 99 / 100 : n - 1]);
            }
        }
      free (us);
      free (text);
      free (chans);
      free (s.claims);
      free (s.inter);
      tscratch_free (&ts);
      (void) sink;
    }
  printf ("peak_rss_kb %ld\n", peak_rss_kb ());
  if (traced)
    printf ("trace_checksum %s\n", trace_hex);
  printf ("checksum %s deals %zu\n", hex, l.deal_ids.n);
  return 0;
}
