/* attrib-settle-amounts.c: what a deal pays, as known at a time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The amounts of one deal under the plans that pay it, as far as its
 * verdict and stages were known at an instant: the plan and tier that
 * apply, the gross commission, its split inside the recipient, and the
 * lines that record a change of what is due (emit, diff). When those
 * instants are is attrib-settle-timeline.c's; the calculator's public API
 * and the statements are attrib-calculator.c's.
 */

#include "config.h"

#include <string.h>

#include "attrib-commission-line-private.h"
#include "attrib-commission-private.h"
#include "attrib-engine-private.h"
#include "attrib-event-private.h"
#include "attrib-fraction-private.h"
#include "attrib-labels-private.h"
#include "attrib-money-private.h"
#include "attrib-statement-private.h"
#include "attrib-settle-private.h"
#include "attrib-util-private.h"

void
_attrib_settle_component_free (gpointer data)
{
  Component *c = data;

  g_free (c->key);
  g_free (c->recipient);
  g_free (c);
}

void
_attrib_settle_month_text (Calc       *calc,
            AttribTime  t,
            char        out[8])
{
  g_autofree char *text = attrib_time_format (t, calc->tz);

  memcpy (out, text, 7);
  out[7] = '\0';
}

/* The last instant of @period (YYYY-MM) in the profile's time zone. */
AttribTime
_attrib_settle_period_end (Calc       *calc,
            const char *period)
{
  g_autofree char *first = g_strdup_printf ("%.7s-01", period);
  AttribTime start = 0, begin, end;

  if (!attrib_time_parse (first, calc->tz, &start, NULL))
    g_assert_not_reached ();   /* _attrib_settle_valid_period() checked it */
  attrib_period_months (start, 1, calc->tz, &begin, &end);
  return end - 1;
}

AttribCommissionPlan *
_attrib_settle_plan_at (Calc  *calc,
         guint  index)
{
  return g_ptr_array_index (calc->self->plans, index);
}

/* The plan that pays @party (an agent's own plan before its channel's) for
 * a deal of local day @day, or -1. */
int
_attrib_settle_find_plan (Calc       *calc,
           const char *party,
           gint32      day)
{
  const char *slash = strchr (party, '/');
  gsize lengths[2] = { strlen (party), slash != NULL ? (gsize) (slash - party) : 0 };
  guint pass;

  /* the plans are sorted by party: a binary search for each name */
  for (pass = 0; pass < 2 && lengths[pass] > 0; pass++)
    {
      guint lo = 0, hi = calc->self->plans->len, i;

      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          /* a party that is the name or longer sorts at or after it */
          if (strncmp (_attrib_settle_plan_at (calc, mid)->party, party, lengths[pass]) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (i = lo; i < calc->self->plans->len; i++)
        {
          AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, i);

          if (strncmp (plan->party, party, lengths[pass]) != 0 || plan->party[lengths[pass]] != '\0')
            break;
          if (plan->effective <= day && day <= plan->until)
            return (int) i;
        }
    }
  return -1;
}

void
_attrib_settle_deal_state (Calc       *calc,
            guint32     slot,
            AttribTime  until,
            DealState  *out)
{
  const guint32 *events;
  guint32 n, i;
  guint s;

  memset (out, 0, sizeof *out);
  for (s = 0; s < G_N_ELEMENTS (out->reached); s++)
    {
      out->reached[s] = ATTRIB_TIME_MAX;
      out->reached_event[s] = ATTRIB_NONE;
    }
  out->cancel_event = ATTRIB_NONE;
  out->price_event = ATTRIB_NONE;
  _attrib_csr_get (&calc->index->deal_events, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = &calc->ledger->records[events[i]];
      const AttribDealExtra *x;

      if (rec->at > until)
        break;
      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      x = &g_array_index (calc->ledger->deals, AttribDealExtra, rec->extra);
      if (out->reached[rec->kind] == ATTRIB_TIME_MAX)
        {
          out->reached[rec->kind] = rec->at;
          out->reached_event[rec->kind] = events[i];
        }
      if (rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        {
          out->cancelled = TRUE;
          out->cancel_event = events[i];
          continue;
        }
      if (x->has_price)
        {
          out->has_price = TRUE;
          out->price = x->price;
          out->price_event = events[i];
        }
      /* residential is the default, so a stage that names another product
       * is what says it */
      if (((rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3) != 0)
        out->product = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;
    }
}

gboolean
_attrib_settle_fail (Calc       *calc,
      const char *format,
      ...)
{
  va_list args;

  if (!calc->failed)
    {
      va_start (args, format);
      g_propagate_error (calc->error, g_error_new_valist (ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT, format, args));
      va_end (args);
    }
  calc->failed = TRUE;
  return FALSE;
}

static const AttribTierStep *
step_for (AttribCommissionPlan *plan,
          gint64                volume)
{
  const AttribTierStep *found = &g_array_index (plan->tiers, AttribTierStep, 0);
  guint i;

  for (i = 0; i < plan->tiers->len; i++)
    if (g_array_index (plan->tiers, AttribTierStep, i).from <= volume)
      found = &g_array_index (plan->tiers, AttribTierStep, i);
  return found;
}

/* What was known of the deal at @t: the last of its timeline at or before
 * @t, or NULL before its first stage. */
const Known *
_attrib_settle_known_at (Calc       *calc,
          guint32     slot,
          AttribTime  t)
{
  const GArray *known = calc->deals[slot].known;
  guint lo = 0, hi = known != NULL ? known->len : 0;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (known, Known, mid).at <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? &g_array_index (known, Known, lo - 1) : NULL;
}

/* The local day that picks a deal's plans, as known at @t: its counted
 * stage's once reached, its first stage's before. */
gint32
_attrib_settle_day_at (const DealInfo *info,
        AttribTime      t)
{
  return info->counted_at <= t ? info->counted_day : info->first_day;
}

/* The month whose tier a deal takes, as known at @t: likewise. */
const char *
_attrib_settle_period_at (const DealInfo *info,
           AttribTime      t)
{
  return info->counted_at <= t ? info->counted_period : info->first_period;
}

/* Whether plan @k pays for what was known (a decided verdict only). */
gboolean
_attrib_settle_known_pays (Calc        *calc,
            const Known *known,
            guint        k)
{
  guint i;

  for (i = 0; known != NULL && i < known->n_plans; i++)
    if (g_array_index (calc->plan_refs, guint, known->first_plan + i) == k)
      return TRUE;
  return FALSE;
}

/* Whether deal @slot counts in the tier volume of plan @k at @t, as
 * known then: counted and not cancelled by then, its verdict as of then
 * decided and paid by the plan, of a product the tier counts. */
gboolean
_attrib_settle_tier_member_at (Calc       *calc,
                guint32     slot,
                guint       k,
                AttribTime  t)
{
  const DealInfo *info = &calc->deals[slot];
  const Known *known;

  if (info->counted_at > t || info->cancel_at <= t)
    return FALSE;
  known = _attrib_settle_known_at (calc, slot, t);
  return known != NULL && (_attrib_settle_plan_at (calc, k)->tier_products & (1u << known->product)) && _attrib_settle_known_pays (calc, known, k);
}

/* The volume of plan @plan_index's group in @period at @t and the part
 * of it before deal @slot, read off every deal of the group: what
 * attrib-settle-tiers.c answers in log time, kept for a moment it was not
 * asked about. FALSE if the volume overflows. */
static gboolean
scan_volume (Calc            *calc,
             guint32          slot,
             guint            plan_index,
             const char      *period,
             const DealState *state,
             AttribTime       t,
             gint64          *out_volume,
             gint64          *out_before)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, plan_index);
  g_autofree char *key = g_strdup_printf ("%u\t%s", plan_index, period);
  GArray *members = g_hash_table_lookup (calc->groups, key);
  gint64 volume = 0, before = 0;
  gboolean seen = FALSE;
  guint i;

  for (i = 0; members != NULL && i < members->len; i++)
    {
      guint32 m = g_array_index (members, guint32, i);

      if (!_attrib_settle_tier_member_at (calc, m, plan_index, t))
        continue;
      if (m == slot)
        seen = TRUE;
      if (plan->tier_amount)
        {
          gint64 b = m == slot ? state->price : _attrib_settle_known_at (calc, m, t)->price;

          if (!_attrib_money_add_checked (volume, b, &volume))
            return FALSE;
        }
      else
        volume++;
      if (!seen)
        before = volume;
    }
  *out_volume = volume;
  *out_before = before;
  return TRUE;
}

/* A deal's gross commission under @plan at @t, exactly: the fraction
 * @out_gross / @out_scale of a fen, not yet rounded (the plan's rounding
 * applies once, to each party's part); and the rate it took. */
static gboolean
gross_commission (Calc                 *calc,
                  guint32               slot,
                  guint                 plan_index,
                  const DealState      *state,
                  AttribTime            t,
                  gint64               *out_gross,
                  gint64               *out_scale,
                  gint64               *out_num,
                  gint64               *out_den,
                  const char          **out_rule)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, plan_index);
  const AttribProductRate *terms = &plan->products[state->product];
  const char *deal = _attrib_strpool_get (&calc->ledger->strings, calc->index->deal_ids[slot]);
  gint64 num = terms->num, den = terms->den, gross = 0, scale = 1;
  static const char *rules[] = { "products.residential", "products.commercial", "products.parking" };

  *out_rule = rules[state->product];
  *out_scale = 1;
  if (!terms->set)
    {
      *out_gross = 0;
      *out_num = 0;
      *out_den = 1;
      return TRUE;   /* the contract does not pay for this product */
    }
  if (terms->fixed)
    {
      *out_gross = terms->amount;
      *out_num = 0;
      *out_den = 1;
      return TRUE;
    }
  if (!state->has_price)
    {
      g_autofree char *shown_1 = _attrib_for_display (deal);
      g_autofree char *shown_2 = _attrib_for_display (plan->id);

      return _attrib_settle_fail (calc, _("Deal “%s” has no price, but plan “%s” pays a rate on it"), shown_1, shown_2);
    }

  if (plan->tiered && (plan->tier_products & (1u << state->product)))
    {
      const char *period = _attrib_settle_period_at (&calc->deals[slot], t);
      gint64 volume = 0, before = 0;
      gboolean overflow = FALSE;
      guint i;

      *out_rule = "tiers";
      if (!_attrib_settle_tier_volume (calc, slot, plan_index, period, t, &volume, &before, &overflow))
        {
          g_autofree char *shown = _attrib_for_display (plan->id);

          if (overflow)
            return _attrib_settle_fail (calc, _("The month's volume under plan “%s” overflows"), shown);
          /* (never expected: the deal was judged at a moment its group
           * did not see coming) */
          g_warn_if_reached ();
          if (!scan_volume (calc, slot, plan_index, period, state, t, &volume, &before))
            return _attrib_settle_fail (calc, _("The month's volume under plan “%s” overflows"), shown);
        }
      if (!plan->tier_marginal)
        {
          const AttribTierStep *s = step_for (plan, volume);

          num = s->num;
          den = s->den;
        }
      else if (!plan->tier_amount)
        {
          /* this deal is unit number before + 1 */
          const AttribTierStep *s = step_for (plan, before + 1);

          num = s->num;
          den = s->den;
        }
      else
        {
          /* the deal's amount spans [before, before + price): each part
           * at its tier, summed in millionths of a fen, rounded once */
          gint64 start = before, end = before + state->price, sum = 0;

          for (i = 0; i < plan->tiers->len; i++)
            {
              const AttribTierStep *s = &g_array_index (plan->tiers, AttribTierStep, i);
              gint64 lo = MAX (start, s->from);
              gint64 hi = i + 1 < plan->tiers->len ? MIN (end, g_array_index (plan->tiers, AttribTierStep, i + 1).from) : end;
              gint64 part;

              if (hi <= lo)
                continue;
              if (!_attrib_money_mul_checked (hi - lo, s->num * (1000000 / s->den), &part) ||
                  !_attrib_money_add_checked (sum, part, &sum))
                {
                  g_autofree char *shown_1 = _attrib_for_display (deal);
                  g_autofree char *shown_2 = _attrib_for_display (plan->id);

                  return _attrib_settle_fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), shown_1, shown_2);
                }
            }
          gross = sum;
          scale = 1000000;
          /* the average rate, for the line */
          {
            gint64 scaled;

            if (__builtin_mul_overflow (state->price, G_GINT64_CONSTANT (1000000), &scaled) ||
                !_attrib_fraction_reduce (sum, scaled, out_num, out_den))
              {
                *out_num = 0;
                *out_den = 1;
              }
          }
          goto capped;
        }
    }

  if (!_attrib_money_mul_checked (state->price, num, &gross))
    {
      g_autofree char *shown_1 = _attrib_for_display (deal);
      g_autofree char *shown_2 = _attrib_for_display (plan->id);

      return _attrib_settle_fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), shown_1, shown_2);
    }
  scale = den;
  *out_num = num;
  *out_den = den;

capped:
  if (terms->cap >= 0)
    {
      gint64 cap_scaled;

      if (!_attrib_money_mul_checked (terms->cap, scale, &cap_scaled) || gross > cap_scaled)
        {
          static const char *caps[] = { "products.residential.cap", "products.commercial.cap", "products.parking.cap" };

          gross = terms->cap;
          scale = 1;
          *out_rule = caps[state->product];
        }
    }
  *out_gross = gross;
  *out_scale = scale;
  return TRUE;
}

static gint64
lcm_checked (gint64 a,
             gint64 b)
{
  gint64 g = _attrib_gcd (a, b), l;

  if (__builtin_mul_overflow (a / g, b, &l))
    return -1;
  return l;
}

/* Integer weights for fractions: n_i × (L / d_i). */
static gboolean
fraction_weights (const gint64 *num,
                  const gint64 *den,
                  guint         n,
                  gint64       *out)
{
  gint64 l = 1;
  guint i;

  for (i = 0; i < n; i++)
    if ((l = lcm_checked (l, den[i])) < 0)
      return FALSE;
  for (i = 0; i < n; i++)
    if (__builtin_mul_overflow (num[i], l / den[i], &out[i]))
      return FALSE;
  return TRUE;
}

static void
add_component (GPtrArray       *out,
               const char      *recipient,
               guint            plan,
               int              milestone,
               int              stage,
               AttribLineKind   kind,
               gint64           amount,
               const Component *like)
{
  Component *c;
  guint i;

  /* the same recipient twice (the company and the agent one party) adds up */
  for (i = 0; i < out->len; i++)
    {
      c = g_ptr_array_index (out, i);
      if (c->plan == plan && c->milestone == milestone && c->kind == kind && g_str_equal (c->recipient, recipient))
        {
          c->amount += amount;
          _attrib_fraction_add (&c->share_num, &c->share_den, like->share_num, like->share_den);
          return;
        }
    }
  c = g_new0 (Component, 1);
  *c = *like;
  c->recipient = g_strdup (recipient);
  c->plan = plan;
  c->milestone = milestone;
  c->stage = stage;
  c->kind = kind;
  c->amount = amount;
  c->key = g_strdup_printf ("%s\t%05u\t%+04d\t%d", recipient, plan, milestone, kind);
  g_ptr_array_add (out, c);
}

/* Splits @amount between company, store and agent as the plan says. */
gboolean
_attrib_settle_split_internally (Calc            *calc,
                  GPtrArray       *out,
                  guint            plan_index,
                  const char      *party,
                  int              milestone,
                  int              stage,
                  AttribLineKind   kind,
                  gint64           amount,
                  const Component *like)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, plan_index);
  gint64 num[3], den[3], weights[3], parts[3];
  Component part_like;
  guint i, n = plan->split->len;

  if (n == 0)
    {
      add_component (out, plan->party, plan_index, milestone, stage, kind, amount, like);
      return TRUE;
    }
  for (i = 0; i < n; i++)
    {
      num[i] = g_array_index (plan->split, AttribSplitPart, i).num;
      den[i] = g_array_index (plan->split, AttribSplitPart, i).den;
    }
  if (!fraction_weights (num, den, n, weights) || !_attrib_money_allocate (amount, weights, n, parts))
    {
      g_autofree char *shown = _attrib_for_display (plan->id);

      return _attrib_settle_fail (calc, _("The split of plan “%s” overflows"), shown);
    }
  for (i = 0; i < n; i++)
    {
      const char *to;

      switch (g_array_index (plan->split, AttribSplitPart, i).role)
        {
        case ATTRIB_SPLIT_STORE:
          to = _attrib_commission_plan_get_store (plan, party);
          if (to == NULL)
            to = plan->party;   /* an agent of no store: the company's */
          break;
        case ATTRIB_SPLIT_AGENT:
          to = party;
          break;
        case ATTRIB_SPLIT_COMPANY:
        default:
          to = plan->party;
          break;
        }
      /* the line's share of the deal: the verdict's share of the split part */
      part_like = *like;
      if (__builtin_mul_overflow (like->share_num, num[i], &part_like.share_num) ||
          __builtin_mul_overflow (like->share_den, den[i], &part_like.share_den) ||
          !_attrib_fraction_reduce (part_like.share_num, part_like.share_den, &part_like.share_num, &part_like.share_den))
        {
          g_autofree char *shown = _attrib_for_display (plan->id);

          return _attrib_settle_fail (calc, _("The split of plan “%s” overflows"), shown);
        }
      add_component (out, to, plan_index, milestone, stage, kind, parts[i], &part_like);
    }
  return TRUE;
}

static int
compare_components (gconstpointer a,
                    gconstpointer b)
{
  return strcmp ((*(Component **) a)->key, (*(Component **) b)->key);
}

/* The deal's verdict as known at @t: judged on the events up to @t only.
 * _attrib_run_next() is then the first event after @t it can change at. */
AttribVerdict *
_attrib_settle_verdict_at (Calc       *calc,
            guint32     slot,
            AttribTime  t)
{
  /* claims worked out for another deal would neither list their events
   * among this verdict's inputs nor note what they were denied */
  _attrib_run_restart (&calc->run, t);
  return _attrib_run_decide_deal (&calc->run, slot);
}

/* Share indices by the plan that pays them (@data), then in their order. */
static int
compare_by_plan (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const int *share_plan = data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (share_plan[x] != share_plan[y])
    return share_plan[x] < share_plan[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* What everyone is due under deal @slot as known at @t, given its verdict
 * as known then. */
GPtrArray *
_attrib_settle_entitlement (Calc          *calc,
             guint32        slot,
             AttribTime     t,
             AttribVerdict *verdict)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (_attrib_settle_component_free);
  g_autofree int *share_plan = NULL;
  g_autofree guint *by_plan = NULL;
  DealState state;
  guint n_shares, n_paid = 0, i, first, next;

  _attrib_settle_deal_state (calc, slot, t, &state);
  if (state.cancelled)
    return out;
  if (attrib_verdict_get_status (verdict) != ATTRIB_VERDICT_STATUS_DECIDED)
    return out;   /* nothing is due on a pending or disputed verdict */

  n_shares = attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION);
  /* each party's plan, once */
  share_plan = g_new (int, MAX (n_shares, 1));
  for (i = 0; i < n_shares; i++)
    share_plan[i] = _attrib_settle_find_plan (calc, attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, NULL, NULL),
                               _attrib_settle_day_at (&calc->deals[slot], t));
  /* the shares a plan pays, plan by plan in the calculator's order (as a
   * pass over every plan would take them) and each plan's in the
   * verdict's order: the plans that pay someone on the deal only, found
   * by party (_attrib_settle_find_plan), not every plan of the calculator */
  by_plan = g_new (guint, MAX (n_shares, 1));
  for (i = 0; i < n_shares; i++)
    if (share_plan[i] >= 0)
      by_plan[n_paid++] = i;
  g_qsort_with_data (by_plan, n_paid, sizeof (guint), compare_by_plan, share_plan);
  for (first = 0; first < n_paid && !calc->failed; first = next)
    {
      guint k = (guint) share_plan[by_plan[first]];
      AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, k);
      g_autofree gint64 *num = NULL;
      g_autofree gint64 *den = NULL;
      g_autofree gint64 *weights = NULL;
      g_autofree gint64 *parts = NULL;
      g_autofree const char **parties = NULL;
      gint64 sum_num = 0, sum_den = 1, gross = 0, scale = 1, whole_den, whole, rate_num = 0, rate_den = 1;
      guint n = 0, j;
      const char *rule;
      Component like = { 0, };

      for (next = first; next < n_paid && share_plan[by_plan[next]] == (int) k; next++)
        ;
      num = g_new (gint64, next - first);
      den = g_new (gint64, next - first);
      weights = g_new (gint64, next - first);
      parts = g_new (gint64, next - first);
      parties = g_new (const char *, next - first);

      for (i = first; i < next; i++)
        {
          gint64 sn, sd;
          const char *party = attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, by_plan[i], &sn, &sd);

          parties[n] = party;
          num[n] = sn;
          den[n] = sd;
          if (!_attrib_fraction_add (&sum_num, &sum_den, sn, sd))
            {
              g_autofree char *shown = _attrib_for_display (attrib_verdict_get_deal (verdict));

              return _attrib_settle_fail (calc, _("The shares of deal “%s” are too fine to add up"), shown), out;
            }
          n++;
        }
      if (n == 0)
        continue;
      if (!gross_commission (calc, slot, k, &state, t, &gross, &scale, &rate_num, &rate_den, &rule))
        break;
      /* rounded once: the exact gross times the parties' shares */
      if (__builtin_mul_overflow (scale, sum_den, &whole_den) ||
          !_attrib_money_mul_div (gross, sum_num, whole_den, plan->rounding, &whole) ||
          !fraction_weights (num, den, n, weights) || !_attrib_money_allocate (whole, weights, n, parts))
        {
          {
            g_autofree char *shown_1 = _attrib_for_display (attrib_verdict_get_deal (verdict));
            g_autofree char *shown_2 = _attrib_for_display (plan->id);

            _attrib_settle_fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), shown_1, shown_2);
          }
          break;
        }

      like.basis = state.has_price ? state.price : 0;
      like.rate_num = rate_num;
      like.rate_den = rate_den;
      like.rule = rule;
      like.cap = g_str_has_suffix (rule, ".cap") ? plan->products[state.product].cap : -1;
      for (i = 0; i < n && !calc->failed; i++)
        {
          guint n_milestones = MAX (plan->milestones->len, 1);
          g_autofree gint64 *m_num = g_new (gint64, n_milestones);
          g_autofree gint64 *m_den = g_new (gint64, n_milestones);
          g_autofree gint64 *m_weights = g_new (gint64, n_milestones);
          g_autofree gint64 *m_parts = g_new (gint64, n_milestones);

          like.share_num = num[i];
          like.share_den = den[i];
          for (j = 0; j < n_milestones; j++)
            {
              m_num[j] = plan->milestones->len > 0 ? g_array_index (plan->milestones, AttribMilestone, j).num : 1;
              m_den[j] = plan->milestones->len > 0 ? g_array_index (plan->milestones, AttribMilestone, j).den : 1;
            }
          if (!fraction_weights (m_num, m_den, n_milestones, m_weights) ||
              !_attrib_money_allocate (parts[i], m_weights, n_milestones, m_parts))
            {
              {
                g_autofree char *shown = _attrib_for_display (plan->id);

                _attrib_settle_fail (calc, _("The milestones of plan “%s” overflow"), shown);
              }
              break;
            }
          for (j = 0; j < n_milestones; j++)
            {
              guint32 stages = plan->milestones->len > 0 ? g_array_index (plan->milestones, AttribMilestone, j).stages
                                                         : ATTRIB_STAGE_BIT (calc->counted);
              int stage = -1, s;
              gint64 held = 0;

              /* paid at the first of its stages reached */
              for (s = 0; s <= ATTRIB_DEAL_STAGE_PAID; s++)
                if ((stages & ATTRIB_STAGE_BIT (s)) && state.reached[s] <= t &&
                    (stage < 0 || state.reached[s] < state.reached[stage]))
                  stage = s;
              if (stage < 0)
                continue;
              if (plan->retained)
                {
                  gboolean released = FALSE;

                  for (s = 0; s <= ATTRIB_DEAL_STAGE_PAID; s++)
                    if ((plan->release & ATTRIB_STAGE_BIT (s)) && state.reached[s] <= t)
                      released = TRUE;
                  if (!released &&
                      !_attrib_money_mul_div (m_parts[j], plan->retention_num, plan->retention_den, plan->rounding, &held))
                    {
                      {
                        g_autofree char *shown = _attrib_for_display (plan->id);

                        _attrib_settle_fail (calc, _("The retention of plan “%s” overflows"), shown);
                      }
                      break;
                    }
                }
              if (!_attrib_settle_split_internally (calc, out, k, parties[i], (int) j, stage, ATTRIB_LINE_KIND_COMMISSION, m_parts[j],
                                     &like) ||
                  (held != 0 &&
                   !_attrib_settle_split_internally (calc, out, k, parties[i], (int) j, stage, ATTRIB_LINE_KIND_RETENTION, -held, &like)))
                break;
            }
        }

      /* the bonus per deal, once the deal counts */
      if (plan->bonus_deal > 0 && state.reached[calc->counted] <= t && !calc->failed)
        {
          g_autofree gint64 *bonus = g_new (gint64, n);
          Component bonus_like = { 0, };

          bonus_like.rule = "bonuses.per_deal";
          bonus_like.cap = -1;
          bonus_like.rate_den = 1;
          if (!_attrib_money_allocate (plan->bonus_deal, weights, n, bonus))
            {
              {
                g_autofree char *shown = _attrib_for_display (plan->id);

                _attrib_settle_fail (calc, _("The bonus of plan “%s” overflows"), shown);
              }
              break;
            }
          for (i = 0; i < n; i++)
            {
              bonus_like.share_num = num[i];
              bonus_like.share_den = den[i];
              if (!_attrib_settle_split_internally (calc, out, k, parties[i], -1, calc->counted, ATTRIB_LINE_KIND_BONUS, bonus[i],
                                     &bonus_like))
                break;
            }
        }
    }
  g_ptr_array_sort (out, compare_components);
  return out;
}

char *
_attrib_settle_money_text (gint64 fen)
{
  return attrib_money_format (fen);
}

static char *
percent_text (gint64 num,
              gint64 den)
{
  return num != 0 ? _attrib_rate_text (num, den) : g_strdup ("-");
}

static void
emit (Calc            *calc,
      guint32          slot,
      AttribTime       t,
      guint32          event,
      Cause            cause,
      const DealState *before,
      const DealState *after,
      const Component *old,
      const Component *new)
{
  const Component *c = new != NULL ? new : old;
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, c->plan);
  AttribCommissionLine *line = _attrib_commission_line_new ();
  gint64 delta = (new != NULL ? new->amount : 0) - (old != NULL ? old->amount : 0);
  const char *deal = _attrib_strpool_get (&calc->ledger->strings, calc->index->deal_ids[slot]);
  const char *event_id = event != ATTRIB_NONE ? _attrib_ledger_event_id (calc->ledger, event) : NULL;
  g_autofree char *amount = _attrib_settle_money_text (delta);
  g_autofree char *basis = _attrib_settle_money_text (c->basis);
  g_autofree char *rate = percent_text (c->rate_num, c->rate_den);
  g_autofree char *share = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, c->share_num, c->share_den);
  const char *stage = c->stage >= 0 ? _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, c->stage) : NULL;
  g_autofree char *shown_deal = NULL;
  g_autofree char *shown_event = NULL;
  g_autofree char *shown_plan = NULL;

  line->party = g_strdup (c->recipient);
  line->at = t;
  line->at_text = attrib_time_format (t, calc->tz);
  _attrib_settle_month_text (calc, t, line->period);
  line->deal = g_strdup (deal);
  line->milestone = g_strdup (stage);
  line->stage = c->stage;
  line->basis = c->basis;
  line->rate_num = c->rate_num;
  line->rate_den = c->rate_den;
  line->share_num = c->share_num;
  line->share_den = c->share_den;
  line->amount = delta;
  line->plan = g_strdup (plan->id);
  line->rule = g_strdup (c->kind == ATTRIB_LINE_KIND_RETENTION ? "retention" : c->rule);
  line->event = g_strdup (event_id);
  if (event_id == NULL)
    event_id = line->at_text;   /* a change not traced to an event */

  /* from here on, the ids are for the explanation: as printed */
  shown_deal = _attrib_for_display (deal);
  shown_event = _attrib_for_display (event_id);
  shown_plan = _attrib_for_display (plan->id);
  deal = shown_deal;
  event_id = shown_event;

  if (after->cancelled && !before->cancelled)
    {
      line->kind = ATTRIB_LINE_KIND_CLAWBACK;
      if (c->kind == ATTRIB_LINE_KIND_RETENTION)
        line->explanation = g_strdup_printf (_("deal %s was cancelled (“%s”): the retention held on it is no longer "
                                               "held back, %s"), deal, event_id, amount);
      else
        line->explanation = g_strdup_printf (_("deal %s was cancelled (“%s”): what it earned is taken back, %s"),
                                             deal, event_id, amount);
    }
  else if (c->kind == ATTRIB_LINE_KIND_RETENTION)
    {
      const char *when = c->stage >= 0 ? _attrib_stage_label (c->stage) : "";

      if (delta < 0 && old == NULL)
        {
          line->kind = ATTRIB_LINE_KIND_RETENTION;
          line->explanation = g_strdup_printf (_("retention held back from the payment at %s of deal %s until a later "
                                                 "stage: %s"), when, deal, amount);
        }
      else if (new == NULL)
        {
          line->kind = ATTRIB_LINE_KIND_RELEASE;
          line->explanation = g_strdup_printf (_("retention held at %s on deal %s released at “%s”: %s"), when, deal,
                                               event_id, amount);
        }
      else
        {
          line->kind = ATTRIB_LINE_KIND_ADJUSTMENT;
          line->explanation = g_strdup_printf (_("retention on deal %s changed with its commission: %s"), deal, amount);
        }
    }
  else if (c->kind == ATTRIB_LINE_KIND_BONUS)
    {
      line->kind = old == NULL ? ATTRIB_LINE_KIND_BONUS : ATTRIB_LINE_KIND_ADJUSTMENT;
      line->rate_num = 0;
      line->rate_den = 1;
      line->basis = 0;
      line->explanation = old == NULL
        ? g_strdup_printf (_("bonus for deal %s, share %s: %s"), deal, share, amount)
        : g_strdup_printf (_("bonus for deal %s changed with its shares: %s"), deal, amount);
    }
  else if (old == NULL)
    {
      const char *when = _attrib_stage_label (c->stage);
      g_autofree char *part = NULL;

      if (plan->milestones->len > 0)
        {
          const AttribMilestone *m = &g_array_index (plan->milestones, AttribMilestone, c->milestone);

          part = _attrib_rate_text (m->num, m->den);
        }
      else
        part = g_strdup ("100%");
      line->kind = ATTRIB_LINE_KIND_COMMISSION;
      /* "→": the exact product, allocated to the fen */
      if (c->cap >= 0)
        {
          g_autofree char *cap = _attrib_settle_money_text (c->cap);

          line->explanation = g_strdup_printf (_("deal %s, %s due at %s: %s × %s is over the cap, so %s × share %s × %s "
                                                 "→ %s"),
                                               deal, part, when, basis, rate, cap, share, part, amount);
        }
      else if (c->rate_num != 0)
        line->explanation = g_strdup_printf (_("deal %s, %s due at %s: %s × %s × share %s × %s → %s"),
                                             deal, part, when, basis, rate, share, part, amount);
      else
        line->explanation = g_strdup_printf (_("deal %s, %s due at %s: the fixed amount × share %s × %s → %s"),
                                             deal, part, when, share, part, amount);
    }
  else
    {
      line->kind = ATTRIB_LINE_KIND_ADJUSTMENT;
      if (cause == CAUSE_TIER)
        line->explanation = g_strdup_printf (_("the month's volume under plan %s changed (“%s”): deal %s now at %s, %s"),
                                             shown_plan, event_id, deal, rate, amount);
      else if (after->has_price && before->has_price && after->price != before->price)
        {
          g_autofree char *was = _attrib_settle_money_text (before->price);

          line->explanation = g_strdup_printf (_("deal %s changed price at “%s” (%s → %s): %s"), deal, event_id, was, basis,
                                               amount);
        }
      else
        line->explanation = g_strdup_printf (_("the verdict on deal %s changed at “%s”: %s"), deal, event_id, amount);
    }
  g_ptr_array_add (calc->lines, line);
}

void
_attrib_settle_diff (Calc            *calc,
      guint32          slot,
      AttribTime       t,
      guint32          event,
      Cause            cause,
      const DealState *before,
      const DealState *after,
      GPtrArray       *old,
      GPtrArray       *new)
{
  guint i = 0, j = 0;

  while (i < old->len || j < new->len)
    {
      Component *a = i < old->len ? g_ptr_array_index (old, i) : NULL;
      Component *b = j < new->len ? g_ptr_array_index (new, j) : NULL;
      int c = a == NULL ? 1 : b == NULL ? -1 : strcmp (a->key, b->key);

      if (c < 0)
        {
          if (a->amount != 0)
            emit (calc, slot, t, event, cause, before, after, a, NULL);
          i++;
        }
      else if (c > 0)
        {
          if (b->amount != 0)
            emit (calc, slot, t, event, cause, before, after, NULL, b);
          j++;
        }
      else
        {
          if (a->amount != b->amount)
            emit (calc, slot, t, event, cause, before, after, a, b);
          i++;
          j++;
        }
    }
}
