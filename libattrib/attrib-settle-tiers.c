/* attrib-settle-tiers.c: a month's tier volume, as it changes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A tiered plan pays a deal at a rate that depends on the other deals of
 * its month, its tier group: their number or their amount (retroactive),
 * or the part of it counted before the deal (marginal). The volume moves
 * each time a deal of the group enters or leaves it or, under an amount
 * basis, changes price; what a deal is due moves only when that puts it
 * on another step (or, marginal by amount, moves the part of it on each
 * step).
 *
 * Each group's changes are worked out once, in time order, with a Fenwick
 * tree over its deals in counted order: the volume after every change,
 * what lies before each deal at the moments it is judged at, and the
 * moments each deal's step can have moved at. A deal then asks for those
 * moments only, and reads its volume by a binary search: a month of n
 * deals costs n·log n, and not the n² moments times n deals of reading
 * every other deal's every change (issue 17, item 3).
 */

#include "config.h"

#include <string.h>

#include "attrib-commission-private.h"
#include "attrib-settle-private.h"

/* A change of one deal's part in the group's volume. */
typedef struct
{
  AttribTime at;
  guint32 position;          /* of its event (as its tier point is ordered) */
  guint32 member;            /* in the group's members */
  guint32 known;             /* the member's Known it comes from */
  gint64 part;               /* what the member counts for from then on */
} TierChange;

/* What lies before a member at a moment it is judged at. */
typedef struct
{
  AttribTime at;
  guint32 member;
  gboolean moved;            /* its step can have moved at this moment */
  gint64 before;
} TierAnswer;

struct _TierGroup
{
  guint k;
  GArray *members;           /* calc->groups' array, sorted here */
  GArray *changes;           /* TierChange, by time then position */
  gint64 *total;             /* the volume after each change */
  guint8 *overflow;          /* or whether it does not fit */
  gint64 *tree;              /* segment tree of the least “need” of the
                              * changes under each node: a deal not
                              * counted yet (the whole volume before it)
                              * sees its rate move at a change if its own
                              * part is above that change's need */
  guint tree_size;
  GArray *answers;           /* TierAnswer, by member then time */
  guint *first_answer;       /* per member, and one past the last */
};

typedef struct
{
  guint64 lo, hi;
} Wide;

void
_attrib_settle_tier_group_free (gpointer data)
{
  TierGroup *g = data;

  g_array_unref (g->changes);
  g_free (g->total);
  g_free (g->overflow);
  g_free (g->tree);
  g_array_unref (g->answers);
  g_free (g->first_answer);
  g_free (g);
}

/* A sum of parts that may go beyond a gint64 (it says so). */
static void
wide_add (Wide   *w,
          gint64  d)
{
  guint64 x;

  if (d >= 0)
    {
      w->lo += (guint64) d;
      if (w->lo < (guint64) d)
        w->hi++;
    }
  else
    {
      x = (guint64) 0 - (guint64) d;
      if (w->lo < x)
        w->hi--;
      w->lo -= x;
    }
}

static gboolean
wide_overflows (const Wide *w)
{
  return w->hi != 0 || w->lo > (guint64) G_MAXINT64;
}

/* Fenwick tree over n members: the sums wrap around, but are exact when
 * the volume fits, the only case they are read in. */
static void
fen_add (guint64 *fen,
         guint    n,
         guint    i,
         guint64  d)
{
  for (i++; i <= n; i += i & (~i + 1))
    fen[i] += d;
}

/* The parts of members [0, i). */
static guint64
fen_prefix (const guint64 *fen,
            guint          i)
{
  guint64 s = 0;

  for (; i > 0; i -= i & (~i + 1))
    s += fen[i];
  return s;
}

/* The first member whose parts up to and with itself are above @v, or n. */
static guint
fen_above (const guint64 *fen,
           guint          n,
           guint64        v)
{
  guint pos = 0, step = 1;

  while (step * 2 <= n)
    step *= 2;
  for (; step > 0; step /= 2)
    if (pos + step <= n && fen[pos + step] <= v)
      {
        pos += step;
        v -= fen[pos];
      }
  return pos;
}

static gint64
step_from (AttribCommissionPlan *plan,
           guint                 s)
{
  return g_array_index (plan->tiers, AttribTierStep, s).from;
}

/* The step a volume is on (the first below the first “from”). */
static guint
step_index (AttribCommissionPlan *plan,
            gint64                volume)
{
  guint lo = 1, hi = plan->tiers->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (step_from (plan, mid) <= volume)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo - 1;
}

/* Where a member's place in the volume puts it on step @s (≥ 1), marginal:
 * by units, the member after v members is on it from v = from - 1; by
 * amount, its part, which starts at v, enters it at v = from. */
static gint64
boundary (AttribCommissionPlan *plan,
          guint                 s)
{
  return step_from (plan, s) - (plan->tier_amount ? 0 : 1);
}

/* The first step s ≥ 1 whose boundary is above @v, or the number of
 * steps: the step after the one a volume of v (by units, v + 1) is on. */
static guint
boundary_above (AttribCommissionPlan *plan,
                gint64                v)
{
  return step_index (plan, plan->tier_amount ? v : v + 1) + 1;
}

/* A change that takes the volume from @was to @now: the part above which
 * a deal with the whole volume before it sees its rate move (retroactive
 * and by units, its part counts 1). */
static gint64
change_need (AttribCommissionPlan *plan,
             gboolean              was_over,
             gboolean              now_over,
             gint64                was,
             gint64                now)
{
  guint s;

  if (was_over || now_over)
    return G_MININT64;   /* it fails: judged again */
  if (!plan->tier_marginal)
    return step_index (plan, was) != step_index (plan, now) ? G_MININT64 : G_MAXINT64;
  if (!plan->tier_amount)
    return step_index (plan, was + 1) != step_index (plan, now + 1) ? G_MININT64 : G_MAXINT64;
  if (was == now)
    return G_MAXINT64;
  /* the part [v, v + P) is on other steps iff a step starts inside
   * (min, max + P) */
  s = boundary_above (plan, MIN (was, now));
  if (s == plan->tiers->len)
    return G_MAXINT64;
  return boundary (plan, s) - MAX (was, now);
}

typedef struct
{
  AttribCommissionPlan *plan;
  guint n;
  guint64 *fen;
  gint64 *part;
  guint *mark;               /* the moment a member was last noted at */
  GArray *moved;             /* guint: members noted at this moment */
  guint moment;
} Sweep;

static void
note_moved (Sweep *sw,
            guint  x)
{
  if (sw->mark[x] != sw->moment)
    {
      sw->mark[x] = sw->moment;
      g_array_append_val (sw->moved, x);
    }
}

/* Member @p's part changed by @d (the volume, @total, fits): the members
 * after it whose place moved across a step's boundary, or into or out of
 * a boundary's reach. Every member found but the ones at the ends of each
 * boundary's zone crossed it: the work is that of the lines. */
static void
moved_members (Sweep  *sw,
               guint   p,
               gint64  d,
               gint64  total)
{
  AttribCommissionPlan *plan = sw->plan;
  gint64 start = (gint64) fen_prefix (sw->fen, p + 1);   /* where the members after p begin */
  guint s;

  /* zones (b, b + d) for d > 0, (b + d, b) for d < 0: the first whose
   * end is past start */
  for (s = boundary_above (plan, d > 0 ? start - d : start); s < plan->tiers->len; s++)
    {
      gint64 b = boundary (plan, s);
      gint64 zlo = d > 0 ? b : b + d;
      gint64 zhi = d > 0 ? (b > G_MAXINT64 - d ? G_MAXINT64 : b + d) : b;
      guint x;

      if (zlo >= total)
        break;
      x = fen_above (sw->fen, sw->n, (guint64) MAX (zlo, start));
      while (x < sw->n)
        {
          gint64 xs = (gint64) fen_prefix (sw->fen, x);

          if (xs >= zhi)
            break;
          note_moved (sw, x);
          x = fen_above (sw->fen, sw->n, (guint64) (xs + sw->part[x]));
        }
    }
}

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  Calc *calc = data;
  guint32 x = calc->index->position[calc->deals[*(const guint32 *) a].counted_event];
  guint32 y = calc->index->position[calc->deals[*(const guint32 *) b].counted_event];

  return (x > y) - (x < y);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const TierChange *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  if (x->member != y->member)
    return x->member < y->member ? -1 : 1;
  return (x->known > y->known) - (x->known < y->known);
}

static int
compare_answers (gconstpointer a,
                 gconstpointer b)
{
  const TierAnswer *x = a, *y = b;

  if (x->member != y->member)
    return x->member < y->member ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (int) y->moved - (int) x->moved;
}

/* The member's part of the volume at @t: 0 out of it. */
static gint64
member_part (Calc    *calc,
             guint    k,
             guint32  m,
             AttribTime t)
{
  if (!_attrib_settle_tier_member_at (calc, m, k, t))
    return 0;
  return _attrib_settle_plan_at (calc, k)->tier_amount ? _attrib_settle_known_at (calc, m, t)->price : 1;
}

/* The changes of the volume: a deal entering or leaving it, or changing
 * price in it under an amount basis, as known at the moment. */
static GArray *
group_changes (Calc      *calc,
               TierGroup *g)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, g->k);
  GArray *changes = g_array_new (FALSE, FALSE, sizeof (TierChange));
  guint i, j;

  for (i = 0; i < g->members->len; i++)
    {
      guint32 m = g_array_index (g->members, guint32, i);
      const GArray *known = calc->deals[m].known;

      for (j = 0; j < known->len; j++)
        {
          const Known *now = &g_array_index (known, Known, j);
          gboolean was = _attrib_settle_tier_member_at (calc, m, g->k, now->at - 1);
          gboolean is = _attrib_settle_tier_member_at (calc, m, g->k, now->at);
          TierChange c;

          if (was == is && !(is && plan->tier_amount && j > 0 && g_array_index (known, Known, j - 1).price != now->price))
            continue;
          c.at = now->at;
          c.position = now->event != ATTRIB_NONE ? calc->index->position[now->event] : G_MAXUINT32;
          c.member = i;
          c.known = j;
          c.part = member_part (calc, g->k, m, now->at);
          g_array_append_val (changes, c);
        }
    }
  g_array_sort (changes, compare_changes);
  return changes;
}

/* Marginal: the moments each member is judged at on its own (its
 * timeline, while it counts), to answer what lies before it then. */
static GArray *
member_moments (Calc      *calc,
                TierGroup *g)
{
  GArray *moments = g_array_new (FALSE, FALSE, sizeof (TierAnswer));
  guint i, j;

  for (i = 0; i < g->members->len; i++)
    {
      const DealInfo *info = &calc->deals[g_array_index (g->members, guint32, i)];

      for (j = 0; j < info->known->len; j++)
        {
          AttribTime at = g_array_index (info->known, Known, j).at;
          TierAnswer q = { at, i, FALSE, 0 };

          if (at >= info->counted_at && at < info->cancel_at)
            g_array_append_val (moments, q);
        }
    }
  return moments;
}

static int
compare_moment_times (gconstpointer a,
                      gconstpointer b)
{
  const TierAnswer *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (x->member > y->member) - (x->member < y->member);
}

static void
build_tree (TierGroup *g,
            gint64    *need)
{
  guint n = g->changes->len, i;

  g->tree_size = 1;
  while (g->tree_size < n)
    g->tree_size *= 2;
  g->tree = g_new (gint64, 2 * g->tree_size);
  for (i = 0; i < g->tree_size; i++)
    g->tree[g->tree_size + i] = i < n ? need[i] : G_MAXINT64;
  for (i = g->tree_size - 1; i > 0; i--)
    g->tree[i] = MIN (g->tree[2 * i], g->tree[2 * i + 1]);
}

static TierGroup *
build_group (Calc   *calc,
             guint   k,
             GArray *members)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, k);
  TierGroup *g = g_new0 (TierGroup, 1);
  g_autoptr(GArray) moments = NULL;
  g_autofree gint64 *need = NULL;
  g_autofree guint64 *fen = NULL;
  g_autofree gint64 *part = NULL;
  g_autofree guint *mark = NULL;
  Sweep sw = { 0, };
  Wide total = { 0, 0 };
  gboolean over = FALSE;
  guint n, u = 0, q = 0, i, w;

  g->k = k;
  g->members = members;
  /* by the canonical position of the counted stage, once */
  g_array_sort_with_data (members, compare_members, calc);
  for (i = w = 0; i < members->len; i++)
    if (w == 0 || g_array_index (members, guint32, w - 1) != g_array_index (members, guint32, i))
      g_array_index (members, guint32, w++) = g_array_index (members, guint32, i);
  g_array_set_size (members, w);
  n = members->len;

  g->changes = group_changes (calc, g);
  g->total = g_new (gint64, MAX (g->changes->len, 1));
  g->overflow = g_new0 (guint8, MAX (g->changes->len, 1));
  need = g_new (gint64, MAX (g->changes->len, 1));
  g->answers = g_array_new (FALSE, FALSE, sizeof (TierAnswer));
  moments = plan->tier_marginal ? member_moments (calc, g) : g_array_new (FALSE, FALSE, sizeof (TierAnswer));
  g_array_sort (moments, compare_moment_times);

  fen = g_new0 (guint64, n + 1);
  part = g_new0 (gint64, MAX (n, 1));
  mark = g_new (guint, MAX (n, 1));
  for (i = 0; i < n; i++)
    mark[i] = G_MAXUINT;
  sw.plan = plan;
  sw.n = n;
  sw.fen = fen;
  sw.part = part;
  sw.mark = mark;
  sw.moved = g_array_new (FALSE, FALSE, sizeof (guint));

  /* each moment: its changes, then what lies before the members judged
   * at it */
  while (u < g->changes->len || q < moments->len)
    {
      AttribTime t = u < g->changes->len ? g_array_index (g->changes, TierChange, u).at : ATTRIB_TIME_MAX;
      gboolean was_over = over;

      if (q < moments->len)
        t = MIN (t, g_array_index (moments, TierAnswer, q).at);
      g_array_set_size (sw.moved, 0);
      for (; u < g->changes->len && g_array_index (g->changes, TierChange, u).at == t; u++)
        {
          const TierChange *c = &g_array_index (g->changes, TierChange, u);
          gint64 was = (gint64) total.lo, d = c->part - part[c->member];
          gboolean before_over = over;

          fen_add (fen, n, c->member, (guint64) d);
          wide_add (&total, d);
          part[c->member] = c->part;
          over = wide_overflows (&total);
          g->overflow[u] = over;
          g->total[u] = over ? 0 : (gint64) total.lo;
          need[u] = change_need (plan, before_over, over, was, g->total[u]);
          if (plan->tier_marginal && !over && d != 0)
            moved_members (&sw, c->member, d, g->total[u]);
        }
      /* a volume that no longer fits fails every member judged with it,
       * and one that fits again is read afresh */
      if (plan->tier_marginal && over != was_over)
        for (i = 0; i < n; i++)
          if (part[i] > 0)
            note_moved (&sw, i);
      for (i = 0; i < sw.moved->len; i++)
        {
          guint x = g_array_index (sw.moved, guint, i);
          TierAnswer a = { t, x, TRUE, over ? 0 : (gint64) fen_prefix (fen, x) };

          g_array_append_val (g->answers, a);
        }
      for (; q < moments->len && g_array_index (moments, TierAnswer, q).at == t; q++)
        {
          TierAnswer a = g_array_index (moments, TierAnswer, q);

          a.before = over ? 0 : (gint64) fen_prefix (fen, a.member);
          g_array_append_val (g->answers, a);
        }
      sw.moment++;
    }
  g_array_unref (sw.moved);
  build_tree (g, need);

  /* by member then time, a moment once (moved first) */
  g_array_sort (g->answers, compare_answers);
  for (i = w = 0; i < g->answers->len; i++)
    {
      const TierAnswer *a = &g_array_index (g->answers, TierAnswer, i);

      if (w > 0 && g_array_index (g->answers, TierAnswer, w - 1).member == a->member &&
          g_array_index (g->answers, TierAnswer, w - 1).at == a->at)
        continue;
      g_array_index (g->answers, TierAnswer, w++) = *a;
    }
  g_array_set_size (g->answers, w);
  g->first_answer = g_new0 (guint, n + 1);
  for (i = 0; i < g->answers->len; i++)
    g->first_answer[g_array_index (g->answers, TierAnswer, i).member + 1]++;
  for (i = 0; i < n; i++)
    g->first_answer[i + 1] += g->first_answer[i];
  return g;
}

/* The tier group of plan @k in @period (YYYY-MM), worked out on first use
 * once every deal has joined its groups (_attrib_calc_join_groups() drops
 * a group's work when a deal joins it), or %NULL if no deal counts in it. */
TierGroup *
_attrib_settle_tier_group (Calc       *calc,
                           guint       k,
                           const char *period)
{
  g_autofree char *key = g_strdup_printf ("%u\t%s", k, period);
  TierGroup *g = g_hash_table_lookup (calc->tiers, key);
  GArray *members;

  if (g != NULL)
    return g;
  members = g_hash_table_lookup (calc->groups, key);
  if (members == NULL)
    return NULL;
  g = build_group (calc, k, members);
  g_hash_table_insert (calc->tiers, g_steal_pointer (&key), g);
  return g;
}

/* The changes at or before @t. */
static guint
changes_until (const TierGroup *g,
               AttribTime       t)
{
  guint lo = 0, hi = g->changes->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (g->changes, TierChange, mid).at <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The member index of deal @slot in the group, or G_MAXUINT. */
static guint
find_member (Calc            *calc,
             const TierGroup *g,
             guint32          slot)
{
  const DealInfo *info = &calc->deals[slot];
  guint32 key;
  guint lo = 0, hi = g->members->len;

  if (info->counted_at == ATTRIB_TIME_MAX)
    return G_MAXUINT;
  key = calc->index->position[info->counted_event];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (calc->index->position[calc->deals[g_array_index (g->members, guint32, mid)].counted_event] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < g->members->len && g_array_index (g->members, guint32, lo) == slot ? lo : G_MAXUINT;
}

/* The moments of changes [a, b) whose need is below @part. */
static void
report (const TierGroup *g,
        guint            node,
        guint            lo,
        guint            hi,
        guint            a,
        guint            b,
        gint64           part,
        GArray          *out)
{
  guint mid;

  if (hi <= a || b <= lo || g->tree[node] >= part)
    return;
  if (hi - lo == 1)
    {
      AttribTime at = g_array_index (g->changes, TierChange, lo).at;

      if (out->len == 0 || g_array_index (out, AttribTime, out->len - 1) != at)
        g_array_append_val (out, at);
      return;
    }
  mid = lo + (hi - lo) / 2;
  report (g, 2 * node, lo, mid, a, b, part, out);
  report (g, 2 * node + 1, mid, hi, a, b, part, out);
}

static void
report_window (const TierGroup *g,
               AttribTime       from,
               AttribTime       until,
               gint64           part,
               GArray          *out)
{
  guint a, b;

  if (from >= until)
    return;
  a = changes_until (g, from - 1);
  b = changes_until (g, until - 1);
  if (a < b)
    report (g, 1, 0, g->tree_size, a, b, part, out);
}

/* Appends to @out (AttribTime, in no order) the moments at which another
 * deal's change of the volume of plan @k's group in @period can have moved
 * deal @slot's step while it takes that group's tier. At the others its
 * rate, and all it is due, are what they were. */
void
_attrib_settle_tier_moments (Calc       *calc,
                             guint32     slot,
                             guint       k,
                             const char *period,
                             GArray     *out)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, k);
  const DealInfo *info = &calc->deals[slot];
  TierGroup *g = _attrib_settle_tier_group (calc, k, period);
  guint j;

  if (g == NULL)
    return;
  if (g_str_equal (period, info->first_period))
    {
      /* before it counts, the whole volume lies before it */
      AttribTime from = info->first_at, until = MIN (info->counted_at, info->cancel_at);

      if (plan->tier_marginal && plan->tier_amount)
        for (j = 0; j < info->known->len; j++)
          {
            const Known *known = &g_array_index (info->known, Known, j);
            AttribTime next = j + 1 < info->known->len ? g_array_index (info->known, Known, j + 1).at : ATTRIB_TIME_MAX;

            report_window (g, MAX (known->at, from), MIN (next, until), known->price, out);
          }
      else
        report_window (g, from, until, 1, out);
    }
  if (info->counted_at != ATTRIB_TIME_MAX && g_str_equal (period, info->counted_period))
    {
      guint member = find_member (calc, g, slot), a;

      if (!plan->tier_marginal)
        report_window (g, info->counted_at, info->cancel_at, 1, out);
      else if (member != G_MAXUINT)
        for (a = g->first_answer[member]; a < g->first_answer[member + 1]; a++)
          {
            const TierAnswer *answer = &g_array_index (g->answers, TierAnswer, a);

            if (answer->moved && answer->at >= info->counted_at && answer->at < info->cancel_at)
              g_array_append_val (out, answer->at);
          }
    }
}

/* The last change at @t of another deal than @slot in plan @k's group in
 * @period (by the position of its event): what the original tier point
 * names at that moment. %NULL without one. */
const Known *
_attrib_settle_tier_change_at (Calc       *calc,
                               guint32     slot,
                               guint       k,
                               const char *period,
                               AttribTime  t)
{
  TierGroup *g = _attrib_settle_tier_group (calc, k, period);
  guint e;

  if (g == NULL)
    return NULL;
  for (e = changes_until (g, t); e > 0 && g_array_index (g->changes, TierChange, e - 1).at == t; e--)
    {
      const TierChange *c = &g_array_index (g->changes, TierChange, e - 1);
      guint32 m = g_array_index (g->members, guint32, c->member);

      if (m != slot)
        return &g_array_index (calc->deals[m].known, Known, c->known);
    }
  return NULL;
}

/* The volume of plan @k's group in @period at @t, and the part of it
 * before deal @slot (counted and taking the tier then: the members
 * counted before it, or what puts it on the same steps; not counted yet:
 * all of it). FALSE with @overflow if the volume does not fit a gint64;
 * FALSE without (never expected) if @slot was never judged in the group
 * before @t. */
gboolean
_attrib_settle_tier_volume (Calc       *calc,
                            guint32     slot,
                            guint       k,
                            const char *period,
                            AttribTime  t,
                            gint64     *volume,
                            gint64     *before,
                            gboolean   *overflow)
{
  TierGroup *g = _attrib_settle_tier_group (calc, k, period);
  const DealInfo *info = &calc->deals[slot];
  guint e, member, lo, hi;

  *volume = *before = 0;
  *overflow = FALSE;
  if (g == NULL)
    return TRUE;
  e = changes_until (g, t);
  if (e > 0 && g->overflow[e - 1])
    {
      *overflow = TRUE;
      return FALSE;
    }
  *volume = e > 0 ? g->total[e - 1] : 0;
  *before = *volume;
  if (info->counted_at > t || !_attrib_settle_plan_at (calc, k)->tier_marginal)
    return TRUE;
  member = find_member (calc, g, slot);
  if (member == G_MAXUINT)
    return FALSE;
  lo = g->first_answer[member];
  hi = g->first_answer[member + 1];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (g->answers, TierAnswer, mid).at <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* the last moment it was judged at on its own or its step can have
   * moved at: what lies before it may have changed since, but not the
   * step its part is on, the only thing the rate reads */
  if (lo == g->first_answer[member] || g_array_index (g->answers, TierAnswer, lo - 1).at < info->counted_at)
    return FALSE;
  *before = g_array_index (g->answers, TierAnswer, lo - 1).before;
  return TRUE;
}
