/* attrib-calculator.c: commission lines and statements
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
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
#include "attrib-util-private.h"

/**
 * AttribCalculator:
 *
 * Applies commission plans ([class@Attrib.CommissionPlan]) to the verdicts
 * of a ledger's deals under a profile, and gives commission lines
 * ([struct@Attrib.CommissionLine]) and monthly statements
 * ([struct@Attrib.Statement]), exact to the fen (`docs/commission.md`).
 *
 * What a party is due for a deal, as known at a time, is worked out from
 * the events dated up to that time only: the deal's verdict as of then
 * (judged as if the ledger ended there), its price and product, the
 * milestones it has reached, and the plan — the rate or the month's tier
 * as it stood then, the cap, the bonus, the retention, the internal split.
 * Every event that changes what is due — a stage, a ruling, a
 * cancellation, a new price, a relation or a sanction, another deal that
 * moves the tier — gives lines for the difference, dated at that event: so
 * a commission paid at signing and then clawed back by a cancellation
 * appears as a positive line in one month and a negative one in a later
 * month, and the statement of a month that has ended never changes
 * (identity links excepted: `docs/commission.md`, *A month that has
 * ended*).
 *
 * Rounding happens once per line, with the plan's mode; every split (the
 * verdict's shares, the milestones, the company/store/agent split)
 * allocates by the largest remainder, so the parts always sum to the
 * whole. Nothing on the money path uses floating point.
 *
 * A calculator may be shared among threads: computing lines and
 * statements only reads it (and a frozen ledger), and
 * [method@Attrib.Calculator.add_plan] waits for the computations running,
 * each of which uses the plans it started with.
 */

struct _AttribCalculator
{
  GObject parent_instance;
  AttribProfile *profile;
  GPtrArray *plans;          /* AttribCommissionPlan, by party then effective date */
  GRWLock plans_lock;        /* add_plan writes plans; computations read them */
};

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttribCalculator, attrib_calculator, G_TYPE_OBJECT)

static void
attrib_calculator_finalize (GObject *object)
{
  AttribCalculator *self = ATTRIB_CALCULATOR (object);

  g_clear_object (&self->profile);
  g_ptr_array_unref (self->plans);
  g_rw_lock_clear (&self->plans_lock);
  G_OBJECT_CLASS (attrib_calculator_parent_class)->finalize (object);
}

static void
attrib_calculator_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AttribCalculator *self = ATTRIB_CALCULATOR (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_calculator_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AttribCalculator *self = ATTRIB_CALCULATOR (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_calculator_class_init (AttribCalculatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attrib_calculator_finalize;
  object_class->get_property = attrib_calculator_get_property;
  object_class->set_property = attrib_calculator_set_property;

  /**
   * AttribCalculator:profile:
   *
   * The profile whose verdicts say who is paid.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         ATTRIB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  _attrib_bind_textdomain ();
}

static void
attrib_calculator_init (AttribCalculator *self)
{
  self->plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_rw_lock_init (&self->plans_lock);
}

/**
 * attrib_calculator_new:
 * @profile: the profile whose verdicts say who is paid
 *
 * Creates a calculator with no plans.
 *
 * Returns: (transfer full): a new calculator
 */
AttribCalculator *
attrib_calculator_new (AttribProfile *profile)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (profile), NULL);
  return g_object_new (ATTRIB_TYPE_CALCULATOR, "profile", profile, NULL);
}

/**
 * attrib_calculator_get_profile:
 * @self: a calculator
 *
 * The profile whose verdicts say who is paid.
 *
 * Returns: (transfer none): the profile
 */
AttribProfile *
attrib_calculator_get_profile (AttribCalculator *self)
{
  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  return self->profile;
}

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  AttribCommissionPlan *x = *(AttribCommissionPlan **) a, *y = *(AttribCommissionPlan **) b;
  int c = strcmp (x->party, y->party);

  if (c != 0)
    return c;
  return x->effective < y->effective ? -1 : x->effective > y->effective;
}

/**
 * attrib_calculator_add_plan:
 * @self: a calculator
 * @plan: a plan
 * @error: return location for a #GError
 *
 * Adds a plan. A party may have several plans one after the other (a
 * contract that changes mid-project), but not two in force on the same
 * day, and plan ids must differ.
 *
 * Returns: %TRUE if added; %FALSE with %ATTRIB_ERROR_INVALID_FILE if the
 *   plan's id is taken or its dates overlap another plan of its party
 */
gboolean
attrib_calculator_add_plan (AttribCalculator      *self,
                            AttribCommissionPlan  *plan,
                            GError               **error)
{
  guint i;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), FALSE);
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* computations running in other threads finish with the plans they
   * started with */
  g_rw_lock_writer_lock (&self->plans_lock);
  for (i = 0; i < self->plans->len; i++)
    {
      AttribCommissionPlan *other = g_ptr_array_index (self->plans, i);

      if (g_str_equal (other->id, plan->id))
        {
          g_rw_lock_writer_unlock (&self->plans_lock);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("Plan id “%s” is given twice"), plan->id);
          return FALSE;
        }
      if (g_str_equal (other->party, plan->party) && other->effective <= plan->until && plan->effective <= other->until)
        {
          g_rw_lock_writer_unlock (&self->plans_lock);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                       _("Plans “%s” and “%s” of %s are in force on the same days: give them “effective” and "
                         "“until” dates that do not overlap"),
                       other->id, plan->id, plan->party);
          return FALSE;
        }
    }
  g_ptr_array_add (self->plans, g_object_ref (plan));
  g_ptr_array_sort (self->plans, compare_plans);
  g_rw_lock_writer_unlock (&self->plans_lock);
  return TRUE;
}

/**
 * attrib_calculator_get_plans:
 * @self: a calculator
 *
 * The plans, by party and then date.
 *
 * Returns: (transfer container) (element-type AttribCommissionPlan): the
 *   plans
 */
GPtrArray *
attrib_calculator_get_plans (AttribCalculator *self)
{
  GPtrArray *plans;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_rw_lock_reader_lock (&self->plans_lock);
  for (i = 0; i < self->plans->len; i++)
    g_ptr_array_add (plans, g_object_ref (g_ptr_array_index (self->plans, i)));
  g_rw_lock_reader_unlock (&self->plans_lock);
  return plans;
}

/* ------------------------------------------------------------------ */
/* The computation                                                     */

/* What a deal looks like at a time, from its stages. */
typedef struct
{
  gboolean cancelled;
  guint32 cancel_event;
  gboolean has_price;
  gint64 price;
  guint32 price_event;       /* the stage that gave the price */
  AttribProduct product;
  AttribTime reached[ATTRIB_DEAL_STAGE_PAID + 1];   /* first time, or MAX */
  guint32 reached_event[ATTRIB_DEAL_STAGE_PAID + 1];
} DealState;

/* What was known of a deal from one instant on until the next: its
 * verdict as of then, and what its stages said. An instant is one of its
 * own changes (its events, its purchasers' sanctions and relations), or
 * another event its verdict changed at. */
typedef struct
{
  AttribTime at;
  guint32 event;             /* the last of its own changes at that instant,
                              * or the other event its verdict changed at */
  AttribVerdict *shares;     /* the verdict's status and commission shares
                              * only, without its trace; NULL before a
                              * stage any plan pays at or counts */
  AttribProduct product;
  gint64 price;              /* 0 without one */
  guint first_plan;          /* the plans that pay it, in Calc.plan_refs */
  guint n_plans;
  gboolean own;              /* at one of its own changes */
} Known;

typedef struct
{
  AttribTime counted_at;     /* the profile's stage, or MAX */
  guint32 counted_event;
  AttribTime first_at;       /* the first stage, or MAX */
  AttribTime cancel_at;
  gint32 counted_day, first_day;   /* local days that pick the plans */
  char counted_period[8];    /* months of those stages */
  char first_period[8];
  GArray *known;             /* Known, by time */
} DealInfo;

/* One amount a recipient is due under a deal, as known at a time. */
typedef struct
{
  char *key;                 /* orders and matches components */
  char *recipient;
  guint plan;
  int milestone;             /* index into the plan's milestones, -1 */
  int stage;                 /* the stage that reached it, -1 */
  AttribLineKind kind;       /* COMMISSION, RETENTION or BONUS */
  gint64 amount;
  gint64 basis;
  gint64 cap;                /* the cap it was held to, or -1 */
  gint64 rate_num, rate_den;
  gint64 share_num, share_den;
  const char *rule;
} Component;

typedef struct
{
  AttribCalculator *self;
  AttribLedger *ledger;
  AttribRun run;
  const AttribLedgerIndex *index;
  GTimeZone *tz;
  AttribDealStage counted;
  DealInfo *deals;           /* per slot */
  GArray *plan_refs;         /* guint: the plans of every Known */
  GArray *month_ends;        /* AttribTime: the last instant of every month
                              * from the first deal's to the last event's */
  GHashTable *groups;        /* "plan\tperiod" → GArray of the slots a tiered
                              * plan may count in a month, by counted order */
  GPtrArray *lines;
  guint32 paying_stages;     /* ATTRIB_STAGE_BIT of every stage a plan pays at */
  GError **error;
  gboolean failed;
} Calc;

static void
component_free (gpointer data)
{
  Component *c = data;

  g_free (c->key);
  g_free (c->recipient);
  g_free (c);
}

static void
month_text (Calc       *calc,
            AttribTime  t,
            char        out[8])
{
  g_autofree char *text = attrib_time_format (t, calc->tz);

  memcpy (out, text, 7);
  out[7] = '\0';
}

/* The last instant of @period (YYYY-MM) in the profile's time zone. */
static AttribTime
period_end (Calc       *calc,
            const char *period)
{
  g_autofree char *first = g_strdup_printf ("%.7s-01", period);
  AttribTime start = 0, begin, end;

  if (!attrib_time_parse (first, calc->tz, &start, NULL))
    g_assert_not_reached ();   /* valid_period() checked it */
  attrib_period_months (start, 1, calc->tz, &begin, &end);
  return end - 1;
}

static AttribCommissionPlan *
plan_at (Calc  *calc,
         guint  index)
{
  return g_ptr_array_index (calc->self->plans, index);
}

/* The plan that pays @party (an agent's own plan before its channel's) for
 * a deal of local day @day, or -1. */
static int
find_plan (Calc       *calc,
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
          if (strncmp (plan_at (calc, mid)->party, party, lengths[pass]) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (i = lo; i < calc->self->plans->len; i++)
        {
          AttribCommissionPlan *plan = plan_at (calc, i);

          if (strncmp (plan->party, party, lengths[pass]) != 0 || plan->party[lengths[pass]] != '\0')
            break;
          if (plan->effective <= day && day <= plan->until)
            return (int) i;
        }
    }
  return -1;
}

static void
deal_state (Calc       *calc,
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

static gboolean
fail (Calc       *calc,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Calc       *calc,
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
static const Known *
known_at (Calc       *calc,
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
static gint32
day_at (const DealInfo *info,
        AttribTime      t)
{
  return info->counted_at <= t ? info->counted_day : info->first_day;
}

/* The month whose tier a deal takes, as known at @t: likewise. */
static const char *
period_at (const DealInfo *info,
           AttribTime      t)
{
  return info->counted_at <= t ? info->counted_period : info->first_period;
}

/* Whether plan @k pays for what was known (a decided verdict only). */
static gboolean
known_pays (Calc        *calc,
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
static gboolean
tier_member_at (Calc       *calc,
                guint32     slot,
                guint       k,
                AttribTime  t)
{
  const DealInfo *info = &calc->deals[slot];
  const Known *known;

  if (info->counted_at > t || info->cancel_at <= t)
    return FALSE;
  known = known_at (calc, slot, t);
  return known != NULL && (plan_at (calc, k)->tier_products & (1u << known->product)) && known_pays (calc, known, k);
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
  AttribCommissionPlan *plan = plan_at (calc, plan_index);
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
    return fail (calc, _("Deal “%s” has no price, but plan “%s” pays a rate on it"), deal, plan->id);

  if (plan->tiered && (plan->tier_products & (1u << state->product)))
    {
      g_autofree char *key = g_strdup_printf ("%u\t%s", plan_index, period_at (&calc->deals[slot], t));
      GArray *members = g_hash_table_lookup (calc->groups, key);
      gint64 volume = 0, before = 0;
      gboolean seen = FALSE;
      guint i;

      *out_rule = "tiers";
      for (i = 0; members != NULL && i < members->len; i++)
        {
          guint32 m = g_array_index (members, guint32, i);

          if (!tier_member_at (calc, m, plan_index, t))
            continue;
          if (m == slot)
            seen = TRUE;
          if (plan->tier_amount)
            {
              gint64 b = m == slot ? state->price : known_at (calc, m, t)->price;

              if (!_attrib_money_add_checked (volume, b, &volume))
                return fail (calc, _("The month's volume under plan “%s” overflows"), plan->id);
              if (!seen)
                before = volume;
            }
          else
            {
              volume++;
              if (!seen)
                before = volume;
            }
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
                return fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), deal, plan->id);
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
    return fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), deal, plan->id);
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
static gboolean
split_internally (Calc            *calc,
                  GPtrArray       *out,
                  guint            plan_index,
                  const char      *party,
                  int              milestone,
                  int              stage,
                  AttribLineKind   kind,
                  gint64           amount,
                  const Component *like)
{
  AttribCommissionPlan *plan = plan_at (calc, plan_index);
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
    return fail (calc, _("The split of plan “%s” overflows"), plan->id);
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
        return fail (calc, _("The split of plan “%s” overflows"), plan->id);
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
static AttribVerdict *
verdict_at (Calc       *calc,
            guint32     slot,
            AttribTime  t)
{
  /* claims worked out for another deal would neither list their events
   * among this verdict's inputs nor note what they were denied */
  _attrib_run_restart (&calc->run, t);
  return _attrib_run_decide_deal (&calc->run, slot);
}

/* What everyone is due under deal @slot as known at @t, given its verdict
 * as known then. */
static GPtrArray *
entitlement (Calc          *calc,
             guint32        slot,
             AttribTime     t,
             AttribVerdict *verdict)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (component_free);
  g_autofree int *share_plan = NULL;
  DealState state;
  guint n_shares, i, k;

  deal_state (calc, slot, t, &state);
  if (state.cancelled)
    return out;
  if (attrib_verdict_get_status (verdict) != ATTRIB_VERDICT_STATUS_DECIDED)
    return out;   /* nothing is due on a pending or disputed verdict */

  n_shares = attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION);
  /* each party's plan, once */
  share_plan = g_new (int, MAX (n_shares, 1));
  for (i = 0; i < n_shares; i++)
    share_plan[i] = find_plan (calc, attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, NULL, NULL),
                               day_at (&calc->deals[slot], t));
  for (k = 0; k < calc->self->plans->len && !calc->failed; k++)
    {
      AttribCommissionPlan *plan = plan_at (calc, k);
      g_autofree gint64 *num = NULL;
      g_autofree gint64 *den = NULL;
      g_autofree gint64 *weights = NULL;
      g_autofree gint64 *parts = NULL;
      g_autofree const char **parties = NULL;
      gint64 sum_num = 0, sum_den = 1, gross = 0, scale = 1, whole_den, whole, rate_num = 0, rate_den = 1;
      guint n = 0, j;
      const char *rule;
      Component like = { 0, };

      for (i = 0; i < n_shares && share_plan[i] != (int) k; i++)
        ;
      if (i == n_shares)
        continue;   /* this plan pays nobody on the deal */
      num = g_new (gint64, n_shares);
      den = g_new (gint64, n_shares);
      weights = g_new (gint64, n_shares);
      parts = g_new (gint64, n_shares);
      parties = g_new (const char *, n_shares);

      for (i = 0; i < n_shares; i++)
        {
          gint64 sn, sd;
          const char *party = attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, &sn, &sd);

          if (share_plan[i] != (int) k)
            continue;
          parties[n] = party;
          num[n] = sn;
          den[n] = sd;
          if (!_attrib_fraction_add (&sum_num, &sum_den, sn, sd))
            return fail (calc, _("The shares of deal “%s” are too fine to add up"), attrib_verdict_get_deal (verdict)), out;
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
          fail (calc, _("The commission of deal “%s” under plan “%s” overflows"), attrib_verdict_get_deal (verdict), plan->id);
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
              fail (calc, _("The milestones of plan “%s” overflow"), plan->id);
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
                      fail (calc, _("The retention of plan “%s” overflows"), plan->id);
                      break;
                    }
                }
              if (!split_internally (calc, out, k, parties[i], (int) j, stage, ATTRIB_LINE_KIND_COMMISSION, m_parts[j],
                                     &like) ||
                  (held != 0 &&
                   !split_internally (calc, out, k, parties[i], (int) j, stage, ATTRIB_LINE_KIND_RETENTION, -held, &like)))
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
              fail (calc, _("The bonus of plan “%s” overflows"), plan->id);
              break;
            }
          for (i = 0; i < n; i++)
            {
              bonus_like.share_num = num[i];
              bonus_like.share_den = den[i];
              if (!split_internally (calc, out, k, parties[i], -1, calc->counted, ATTRIB_LINE_KIND_BONUS, bonus[i],
                                     &bonus_like))
                break;
            }
        }
    }
  g_ptr_array_sort (out, compare_components);
  return out;
}

static char *
money_text (gint64 fen)
{
  return attrib_money_format (fen);
}

static char *
percent_text (gint64 num,
              gint64 den)
{
  return num != 0 ? _attrib_rate_text (num, den) : g_strdup ("-");
}

typedef enum {
  CAUSE_OWN,                 /* one of the deal's own events */
  CAUSE_TIER,                /* another deal of the month, under a tier */
} Cause;

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
  AttribCommissionPlan *plan = plan_at (calc, c->plan);
  AttribCommissionLine *line = _attrib_commission_line_new ();
  gint64 delta = (new != NULL ? new->amount : 0) - (old != NULL ? old->amount : 0);
  const char *deal = _attrib_strpool_get (&calc->ledger->strings, calc->index->deal_ids[slot]);
  const char *event_id = event != ATTRIB_NONE ? _attrib_ledger_event_id (calc->ledger, event) : NULL;
  g_autofree char *amount = money_text (delta);
  g_autofree char *basis = money_text (c->basis);
  g_autofree char *rate = percent_text (c->rate_num, c->rate_den);
  g_autofree char *share = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, c->share_num, c->share_den);
  const char *stage = c->stage >= 0 ? _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, c->stage) : NULL;

  line->party = g_strdup (c->recipient);
  line->at = t;
  line->at_text = attrib_time_format (t, calc->tz);
  month_text (calc, t, line->period);
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
          g_autofree char *cap = money_text (c->cap);

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
                                             plan->id, event_id, deal, rate, amount);
      else if (after->has_price && before->has_price && after->price != before->price)
        {
          g_autofree char *was = money_text (before->price);

          line->explanation = g_strdup_printf (_("deal %s changed price at “%s” (%s → %s): %s"), deal, event_id, was, basis,
                                               amount);
        }
      else
        line->explanation = g_strdup_printf (_("the verdict on deal %s changed at “%s”: %s"), deal, event_id, amount);
    }
  g_ptr_array_add (calc->lines, line);
}

static void
diff (Calc            *calc,
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

typedef struct
{
  AttribTime at;
  guint32 position;          /* canonical, to order events at one time */
  guint32 event;
  Cause cause;
} Point;

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const Point *x = a, *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  /* one event that is both (a sanction on two deals' purchaser): the
   * deal's own reading last, so it names the change */
  return (int) y->cause - (int) x->cause;
}

static void
add_point (Calc    *calc,
           GArray  *points,
           guint32  event,
           Cause    cause)
{
  Point p = { calc->ledger->records[event].at, calc->index->position[event], event, cause };

  g_array_append_val (points, p);
}

/* A change of what was known of a deal, at its event (none where a change
 * was seen at the end of a month but not traced to one). */
static void
add_known_point (Calc        *calc,
                 GArray      *points,
                 const Known *known,
                 Cause        cause)
{
  Point p = { known->at, G_MAXUINT32, ATTRIB_NONE, cause };

  if (known->event != ATTRIB_NONE)
    add_point (calc, points, known->event, cause);
  else
    g_array_append_val (points, p);
}

/* Every moment something about the deal itself changed, in order: its
 * own events, and the sanctions on and the relations of its purchasers (a
 * relation shown later can move the deal). */
static GArray *
own_points (Calc    *calc,
            guint32  slot)
{
  GArray *points = g_array_new (FALSE, FALSE, sizeof (Point));
  const guint32 *events;
  guint32 n, i, purchasers[4], n_purchasers = 0, k;

  _attrib_csr_get (&calc->index->deal_events, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = &calc->ledger->records[events[i]];
      guint32 person;

      add_point (calc, points, events[i], CAUSE_OWN);
      if (rec->type != ATTRIB_EVENT_TYPE_DEAL || rec->contact == ATTRIB_NONE ||
          (person = calc->index->contact_person[rec->contact]) == ATTRIB_NONE)
        continue;
      for (k = 0; k < n_purchasers && purchasers[k] != person; k++)
        ;
      if (k == n_purchasers && n_purchasers < G_N_ELEMENTS (purchasers))
        purchasers[n_purchasers++] = person;
    }
  for (k = 0; k < n_purchasers; k++)
    {
      _attrib_csr_get (&calc->index->person_events, purchasers[k], &events, &n);
      for (i = 0; i < n; i++)
        if (calc->ledger->records[events[i]].type == ATTRIB_EVENT_TYPE_SANCTION)
          add_point (calc, points, events[i], CAUSE_OWN);
      _attrib_csr_get (&calc->index->person_relations, purchasers[k], &events, &n);
      for (i = 0; i < n; i++)
        add_point (calc, points, events[i], CAUSE_OWN);
    }
  g_array_sort (points, compare_points);
  return points;
}

/* Whether the deal has reached a stage at which some plan pays. */
static gboolean
payable_stage_reached (Calc            *calc,
                       const DealState *state)
{
  guint s;

  for (s = 0; s <= ATTRIB_DEAL_STAGE_PAID; s++)
    if ((calc->paying_stages & ATTRIB_STAGE_BIT (s)) && state->reached[s] != ATTRIB_TIME_MAX)
      return TRUE;
  return FALSE;
}

/* The verdict's status and commission shares, without the trace. */
static AttribVerdict *
shares_of (AttribVerdict *verdict)
{
  AttribVerdict *shares = _attrib_verdict_new (attrib_verdict_get_deal (verdict));
  guint i;

  _attrib_verdict_set_status (shares, attrib_verdict_get_status (verdict));
  for (i = 0; i < attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION); i++)
    {
      gint64 num, den;
      const char *party = attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, i, &num, &den);

      _attrib_verdict_add_share (shares, ATTRIB_SHARE_KIND_COMMISSION, party, num, den);
    }
  return shares;
}

/* Whether two verdicts pay alike: only a decided verdict pays, by its
 * commission shares. */
static gboolean
same_effect (AttribVerdict *a,
             AttribVerdict *b)
{
  gboolean pays_a = a != NULL && attrib_verdict_get_status (a) == ATTRIB_VERDICT_STATUS_DECIDED;
  gboolean pays_b = b != NULL && attrib_verdict_get_status (b) == ATTRIB_VERDICT_STATUS_DECIDED;
  guint n, i;

  if (pays_a != pays_b)
    return FALSE;
  if (!pays_a)
    return TRUE;
  n = attrib_verdict_get_n_shares (a, ATTRIB_SHARE_KIND_COMMISSION);
  if (n != attrib_verdict_get_n_shares (b, ATTRIB_SHARE_KIND_COMMISSION))
    return FALSE;
  for (i = 0; i < n; i++)
    {
      gint64 na, da, nb, db;
      const char *pa = attrib_verdict_get_share (a, ATTRIB_SHARE_KIND_COMMISSION, i, &na, &da);
      const char *pb = attrib_verdict_get_share (b, ATTRIB_SHARE_KIND_COMMISSION, i, &nb, &db);

      if (!g_str_equal (pa, pb) || na != nb || da != db)
        return FALSE;
    }
  return TRUE;
}

/* What was known of deal @slot at @t, from its verdict as of then
 * (@verdict, NULL if none was asked for). */
static Known
known_from (Calc          *calc,
            guint32        slot,
            AttribTime     t,
            guint32        event,
            gboolean       own,
            AttribVerdict *verdict)
{
  const DealInfo *info = &calc->deals[slot];
  Known known = { 0, };
  guint j;

  known.at = t;
  known.event = event;
  known.own = own;
  known.first_plan = calc->plan_refs->len;
  if (verdict == NULL)
    return known;
  known.shares = shares_of (verdict);
  if (attrib_verdict_get_status (verdict) != ATTRIB_VERDICT_STATUS_DECIDED)
    return known;
  for (j = 0; j < attrib_verdict_get_n_shares (verdict, ATTRIB_SHARE_KIND_COMMISSION); j++)
    {
      int k = find_plan (calc, attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, j, NULL, NULL),
                         day_at (info, t));
      guint u = (guint) k, m;

      if (k < 0)
        continue;
      for (m = 0; m < known.n_plans && g_array_index (calc->plan_refs, guint, known.first_plan + m) != u; m++)
        ;
      if (m == known.n_plans)
        {
          g_array_append_val (calc->plan_refs, u);
          known.n_plans++;
        }
    }
  return known;
}

/* Puts what was known at @t in the deal's timeline: its verdict as of then
 * and its stages. */
static const Known *
add_known (Calc          *calc,
           guint32        slot,
           AttribTime     t,
           guint32        event,
           gboolean       own,
           AttribVerdict *verdict)
{
  GArray *timeline = calc->deals[slot].known;
  DealState state;
  Known known = known_from (calc, slot, t, event, own, verdict);

  deal_state (calc, slot, t, &state);
  known.product = state.product;
  known.price = state.has_price ? state.price : 0;
  g_array_append_val (timeline, known);
  return &g_array_index (timeline, Known, timeline->len - 1);
}

/* Judges the deal again at each event its verdict can change at, from
 * @next on, up to @limit (and at it, if @at_limit): every change is put
 * in the timeline, dated at the event it came from. */
static void
follow_changes (Calc           *calc,
                guint32         slot,
                AttribVerdict **current,
                AttribCutNext  *next,
                AttribTime      limit,
                gboolean        at_limit)
{
  while (!calc->failed && (next->at < limit || (at_limit && next->at == limit)))
    {
      AttribCutNext at = *next;
      g_autoptr(AttribVerdict) verdict = verdict_at (calc, slot, at.at);

      *next = *_attrib_run_next (&calc->run);
      if (!same_effect (verdict, *current))
        *current = add_known (calc, slot, at.at, at.event, FALSE, verdict)->shares;
    }
}

/* What was known of the deal from its first stage on: the verdict as of
 * each of its own changes, and as of every other event its verdict
 * changed at (a relative's claim, another deal the same helper sold that
 * day, a departure).
 *
 * A verdict as of a date is judged on the events up to it, and notes the
 * first event after it in what it read: before that event it cannot
 * change. At the end of every month the deal is judged again if what it
 * read changed; if the verdict changed, the events it could have changed
 * at since the last judgement are followed to find the one it did, and
 * the change is dated there. The ends of months are the dates a ledger
 * that ends with a month judges the deal at too, so it finds the same
 * changes up to its end. */
static void
deal_timeline (Calc    *calc,
               guint32  slot)
{
  DealInfo *info = &calc->deals[slot];
  g_autoptr(GArray) points = own_points (calc, slot);
  const GArray *ends = calc->month_ends;
  AttribVerdict *current = NULL;
  AttribCutNext next = { ATTRIB_TIME_MAX, 0, ATTRIB_NONE };
  guint i = 0, m = 0;

  info->known = g_array_new (FALSE, FALSE, sizeof (Known));
  /* no deal before its first stage */
  while (i < points->len && g_array_index (points, Point, i).at < info->first_at)
    i++;
  while (m < ends->len && g_array_index (ends, AttribTime, m) < info->first_at)
    m++;
  while (!calc->failed)
    {
      const Point *own = NULL;
      g_autoptr(AttribVerdict) verdict = NULL;
      AttribCutNext after;
      AttribTime end = m < ends->len ? g_array_index (ends, AttribTime, m) : ATTRIB_TIME_MAX;
      DealState state;

      if (i < points->len)
        {
          /* the last of the instant's own changes */
          own = &g_array_index (points, Point, i);
          while (i + 1 < points->len && g_array_index (points, Point, i + 1).at == own->at)
            own = &g_array_index (points, Point, ++i);
        }
      if (own == NULL && end == ATTRIB_TIME_MAX)
        break;

      if (own == NULL || end < own->at)
        {
          /* the end of a month */
          m++;
          if (next.at > end)
            continue;   /* nothing the verdict read has changed */
          verdict = verdict_at (calc, slot, end);
          after = *_attrib_run_next (&calc->run);
          if (!same_effect (verdict, current))
            follow_changes (calc, slot, &current, &next, end, TRUE);
          if (!same_effect (verdict, current))
            current = add_known (calc, slot, end, ATTRIB_NONE, FALSE, verdict)->shares;   /* not traced */
          next = after;
          continue;
        }

      /* one of its own changes */
      i++;
      deal_state (calc, slot, own->at, &state);
      /* nothing is due, and the deal counts in no tier, before these */
      if (payable_stage_reached (calc, &state) || state.reached[calc->counted] <= own->at)
        {
          verdict = verdict_at (calc, slot, own->at);
          after = *_attrib_run_next (&calc->run);
          if (current != NULL && !same_effect (verdict, current))
            {
              g_autoptr(AttribVerdict) before = verdict_at (calc, slot, own->at - 1);

              /* a change from before this instant, not from this instant's own events */
              if (!same_effect (before, current))
                follow_changes (calc, slot, &current, &next, own->at, FALSE);
            }
        }
      else
        after = (AttribCutNext) { ATTRIB_TIME_MAX, 0, ATTRIB_NONE };
      current = add_known (calc, slot, own->at, own->event, TRUE, verdict)->shares;
      next = after;
    }
}

/* The moments another deal of group @key entered or left plan @k's tier
 * volume (or, under an amount basis, changed its price in it) while the
 * deal @slot took that tier: each moves what @slot is due. Both sides are
 * as known at the moment, so a later change of either is its own moment. */
static void
tier_points (Calc       *calc,
             guint32     slot,
             guint       k,
             const char *period,
             GArray     *points)
{
  g_autofree char *key = g_strdup_printf ("%u\t%s", k, period);
  GArray *members = g_hash_table_lookup (calc->groups, key);
  AttribCommissionPlan *plan = plan_at (calc, k);
  guint i, j;

  for (i = 0; members != NULL && i < members->len; i++)
    {
      guint32 m = g_array_index (members, guint32, i);
      const GArray *known = calc->deals[m].known;

      if (m == slot)
        continue;
      for (j = 0; j < known->len; j++)
        {
          const Known *now = &g_array_index (known, Known, j);
          gboolean was = tier_member_at (calc, m, k, now->at - 1), is = tier_member_at (calc, m, k, now->at);
          const Known *mine;

          if (was == is && !(is && plan->tier_amount && j > 0 && g_array_index (known, Known, j - 1).price != now->price))
            continue;
          /* only while this deal takes the tier */
          mine = known_at (calc, slot, now->at);
          if (mine == NULL || !known_pays (calc, mine, k) || !(plan->tier_products & (1u << mine->product)) ||
              strcmp (period_at (&calc->deals[slot], now->at), period) != 0)
            continue;
          add_known_point (calc, points, now, CAUSE_TIER);
        }
    }
}

/* Every moment something changed what the deal pays, in order: its own
 * changes, and under a tier the other deals' entering and leaving the
 * month's volume. */
static GArray *
change_points (Calc    *calc,
               guint32  slot)
{
  GArray *points = own_points (calc, slot);
  const DealInfo *info = &calc->deals[slot];
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (guint));
  guint i, j;

  /* the changes of its verdict that came from other events */
  for (i = 0; i < info->known->len; i++)
    if (!g_array_index (info->known, Known, i).own)
      add_known_point (calc, points, &g_array_index (info->known, Known, i), CAUSE_OWN);

  /* every tiered plan that ever pays the deal, in the month of its first
   * stage and of its counted stage */
  for (i = 0; i < info->known->len; i++)
    {
      const Known *known = &g_array_index (info->known, Known, i);

      for (j = 0; j < known->n_plans; j++)
        {
          guint k = g_array_index (calc->plan_refs, guint, known->first_plan + j), m;

          for (m = 0; m < plans->len && g_array_index (plans, guint, m) != k; m++)
            ;
          if (m == plans->len && plan_at (calc, k)->tiered)
            g_array_append_val (plans, k);
        }
    }
  for (i = 0; i < plans->len; i++)
    {
      guint k = g_array_index (plans, guint, i);

      tier_points (calc, slot, k, info->first_period, points);
      if (info->counted_at != ATTRIB_TIME_MAX && strcmp (info->counted_period, info->first_period) != 0)
        tier_points (calc, slot, k, info->counted_period, points);
    }
  g_array_sort (points, compare_points);
  return points;
}

static void
deal_lines (Calc    *calc,
            guint32  slot)
{
  g_autoptr(GArray) points = change_points (calc, slot);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (component_free);
  DealState state_before;
  guint i;

  deal_state (calc, slot, ATTRIB_TIME_MIN, &state_before);
  for (i = 0; i < points->len && !calc->failed; i++)
    {
      const Point *p = &g_array_index (points, Point, i);
      const Known *known;
      GPtrArray *after;
      DealState state_after;

      /* events at one instant count together */
      if (i + 1 < points->len && g_array_index (points, Point, i + 1).at == p->at)
        continue;
      deal_state (calc, slot, p->at, &state_after);
      /* the verdict moves with the deal's own changes only: another deal
       * of the month moves the tier, not who is paid */
      known = known_at (calc, slot, p->at);
      if (known == NULL || known->shares == NULL || !payable_stage_reached (calc, &state_after))
        after = g_ptr_array_new_with_free_func (component_free);   /* nothing can be due yet */
      else
        after = entitlement (calc, slot, p->at, known->shares);
      diff (calc, slot, p->at, p->event, p->cause, &state_before, &state_after, before, after);
      g_ptr_array_unref (before);
      before = after;
      state_before = state_after;
    }
}

/* Fines on the parties a sanction names, from their plan's party. */
static void
fine_lines (Calc *calc)
{
  guint32 i;

  for (i = 0; i < calc->ledger->n_records; i++)
    {
      guint32 e = calc->index->order[i];
      const AttribRecord *rec = &calc->ledger->records[e];
      const AttribSanctionExtra *x;
      guint32 p;

      if (rec->type != ATTRIB_EVENT_TYPE_SANCTION)
        continue;
      x = &g_array_index (calc->ledger->sanctions, AttribSanctionExtra, rec->extra);
      if (!x->has_fine || x->fine == 0)
        continue;
      for (p = 0; p < x->n_parties; p++)
        {
          const char *party = _attrib_strpool_get (&calc->ledger->strings,
                                                   g_array_index (calc->ledger->refs, guint32, x->parties + p));
          int k = find_plan (calc, party, attrib_time_get_local_day (rec->at, calc->tz));
          AttribCommissionLine *line;
          g_autofree char *amount = NULL;

          if (k < 0)
            continue;
          line = _attrib_commission_line_new ();
          line->party = g_strdup (plan_at (calc, k)->party);
          line->at = rec->at;
          line->at_text = attrib_time_format (rec->at, calc->tz);
          month_text (calc, rec->at, line->period);
          line->kind = ATTRIB_LINE_KIND_FINE;
          line->amount = -x->fine;
          line->plan = g_strdup (plan_at (calc, k)->id);
          line->rule = g_strdup ("fine");
          line->event = g_strdup (_attrib_ledger_event_id (calc->ledger, e));
          amount = money_text (-x->fine);
          line->explanation = g_strdup_printf (_("fine on %s for the %s sanction “%s”: %s"), party,
                                               _attrib_enum_nick (ATTRIB_TYPE_SANCTION_KIND, rec->kind),
                                               line->event, amount);
          g_ptr_array_add (calc->lines, line);
        }
    }
}

/* A visit bonus due as known at a time: the visit's claim for @holder. */
typedef struct
{
  guint32 visit;
  guint32 holder;
  int plan;
} VisitBonus;

static void
visit_bonus_line (Calc             *calc,
                  const VisitBonus *bonus,
                  AttribTime        t,
                  guint32           event,
                  gboolean          due)
{
  AttribCommissionPlan *plan = plan_at (calc, bonus->plan);
  const char *holder = _attrib_strpool_get (&calc->ledger->strings, bonus->holder);
  const char *visit = _attrib_ledger_event_id (calc->ledger, bonus->visit);
  const char *cause = _attrib_ledger_event_id (calc->ledger, event);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (component_free);
  Component like = { 0, };
  guint j;

  like.rule = "bonuses.per_visit";
  like.cap = -1;
  like.rate_den = 1;
  like.share_num = like.share_den = 1;
  if (!split_internally (calc, parts, bonus->plan, holder, -1, -1, ATTRIB_LINE_KIND_BONUS, plan->bonus_visit, &like))
    return;
  for (j = 0; j < parts->len; j++)
    {
      const Component *part = g_ptr_array_index (parts, j);
      AttribCommissionLine *line = _attrib_commission_line_new ();
      gint64 amount = due ? part->amount : -part->amount;
      g_autofree char *text = money_text (amount);

      line->party = g_strdup (part->recipient);
      line->at = t;
      line->at_text = attrib_time_format (t, calc->tz);
      month_text (calc, t, line->period);
      line->kind = due ? ATTRIB_LINE_KIND_BONUS : ATTRIB_LINE_KIND_ADJUSTMENT;
      line->amount = amount;
      line->plan = g_strdup (plan->id);
      line->rule = g_strdup (part->rule);
      line->event = g_strdup (cause);
      if (!due)
        line->explanation = g_strdup_printf (_("the visit “%s” no longer confirms the customer for %s (“%s”): its "
                                               "bonus is taken back, %s"), visit, holder, cause, text);
      else if (event == bonus->visit)
        line->explanation = g_strdup_printf (_("bonus for the effective visit “%s” of %s: %s"), visit, holder, text);
      else
        line->explanation = g_strdup_printf (_("bonus for the visit “%s”, which confirms the customer for %s from “%s” "
                                               "on: %s"), visit, holder, cause, text);
      g_ptr_array_add (calc->lines, line);
    }
}

/* The bonuses due at @t on @person's visits: the visits with agents that
 * confirmed the customer for a party whose plan pays one, as known then. */
static GArray *
visit_bonuses_at (Calc       *calc,
                  guint32     person,
                  AttribTime  t)
{
  GArray *due = g_array_new (FALSE, FALSE, sizeof (VisitBonus));
  const AttribPersonClaims *pc;
  guint c;

  /* claims worked out before would not note what they were denied */
  _attrib_run_restart (&calc->run, t);
  pc = _attrib_run_claims (&calc->run, person);
  for (c = 0; c < pc->claims->len; c++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);
      const AttribRecord *rec = &calc->ledger->records[claim->event];
      VisitBonus bonus = { claim->event, claim->holder, -1 };

      if (claim->queued || rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->n_agents == 0)
        continue;
      bonus.plan = find_plan (calc, _attrib_strpool_get (&calc->ledger->strings, claim->holder),
                              attrib_time_get_local_day (rec->at, calc->tz));
      if (bonus.plan >= 0 && plan_at (calc, bonus.plan)->bonus_visit > 0)
        g_array_append_val (due, bonus);
    }
  return due;
}

static gboolean
has_bonus (GArray           *bonuses,
           const VisitBonus *bonus)
{
  guint i;

  for (i = 0; i < bonuses->len; i++)
    {
      const VisitBonus *b = &g_array_index (bonuses, VisitBonus, i);

      if (b->visit == bonus->visit && b->holder == bonus->holder && b->plan == bonus->plan)
        return TRUE;
    }
  return FALSE;
}

/* Whether the claims @person's visits with agents started can be worked
 * out once, with everything: they change later only through a relation
 * recorded later (a close relative the CRM knew) or a sanction voiding a
 * claim, and through the claims of the persons theirs derive from (the
 * customer whose group they came in, who referred them). Without any of
 * these among the person's @events, the claims known at each visit are
 * those worked out with everything. */
static gboolean
claims_settled_at_once (Calc          *calc,
                        guint32        person,
                        const guint32 *events,
                        guint32        n)
{
  const guint32 *others;
  guint32 n_others, j;

  _attrib_csr_get (&calc->index->person_relations, person, &others, &n_others);
  if (n_others > 0)
    return FALSE;
  _attrib_csr_get (&calc->index->person_companions, person, &others, &n_others);
  if (n_others > 0)
    return FALSE;
  for (j = 0; j < n; j++)
    {
      const AttribRecord *rec = &calc->ledger->records[events[j]];

      /* (their relations are all in person_relations) */
      if (rec->type == ATTRIB_EVENT_TYPE_SANCTION ||
          (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->extra != ATTRIB_NONE &&
           g_array_index (calc->ledger->visits, AttribVisitExtra, rec->extra).referred_by != ATTRIB_NONE))
        return FALSE;
    }
  return TRUE;
}

/* The bonus per effective visit: a visit that confirmed the customer for
 * a channel whose plan pays one. It is due as known at the visit; a later
 * event that changes that (a relation recorded later that makes the visit
 * no confirmation) gives a line when it happens: the customer's claims are
 * worked out again at each event after the visit that what they read
 * changes at, as the deals' verdicts are (deal_timeline). */
static void
visit_bonus_lines (Calc *calc)
{
  gboolean any = FALSE;
  guint32 person, k;

  for (k = 0; k < calc->self->plans->len; k++)
    any |= plan_at (calc, k)->bonus_visit > 0;
  if (!any)
    return;
  for (person = 0; person < calc->index->n_persons && !calc->failed; person++)
    {
      g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (VisitBonus));
      AttribCutNext next = { ATTRIB_TIME_MAX, 0, ATTRIB_NONE };
      const guint32 *events;
      guint32 n, i, j;

      _attrib_csr_get (&calc->index->person_events, person, &events, &n);
      /* from the first visit with agents */
      for (i = 0; i < n; i++)
        if (calc->ledger->records[events[i]].type == ATTRIB_EVENT_TYPE_VISIT && calc->ledger->records[events[i]].n_agents > 0)
          break;
      if (i == n)
        continue;
      if (claims_settled_at_once (calc, person, events, n))
        {
          g_autoptr(GArray) all = visit_bonuses_at (calc, person, ATTRIB_TIME_MAX);

          for (j = 0; j < all->len && !calc->failed; j++)
            {
              const VisitBonus *bonus = &g_array_index (all, VisitBonus, j);

              visit_bonus_line (calc, bonus, calc->ledger->records[bonus->visit].at, bonus->visit, TRUE);
            }
          continue;
        }
      /* the last event of its instant */
      while (i + 1 < n && calc->ledger->records[events[i + 1]].at == calc->ledger->records[events[i]].at)
        i++;
      next.at = calc->ledger->records[events[i]].at;
      next.event = events[i];
      while (next.at != ATTRIB_TIME_MAX && !calc->failed)
        {
          AttribTime t = next.at;
          guint32 cause = next.event;
          GArray *after = visit_bonuses_at (calc, person, t);

          next = *_attrib_run_next (&calc->run);
          for (j = 0; j < before->len; j++)
            if (!has_bonus (after, &g_array_index (before, VisitBonus, j)))
              visit_bonus_line (calc, &g_array_index (before, VisitBonus, j), t, cause, FALSE);
          for (j = 0; j < after->len; j++)
            {
              const VisitBonus *bonus = &g_array_index (after, VisitBonus, j);

              /* known at the visit itself, or from a later event on */
              if (!has_bonus (before, bonus))
                visit_bonus_line (calc, bonus, t, calc->ledger->records[bonus->visit].at == t ? bonus->visit : cause, TRUE);
            }
          g_array_unref (before);
          before = after;
        }
    }
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return _attrib_commission_line_compare (*(AttribCommissionLine **) a, *(AttribCommissionLine **) b);
}

static void
calc_clear (Calc *calc)
{
  guint32 slot;

  if (calc->deals != NULL)
    for (slot = 0; slot < calc->index->deal_events.n_keys; slot++)
      {
        GArray *known = calc->deals[slot].known;
        guint i;

        for (i = 0; known != NULL && i < known->len; i++)
          g_clear_pointer (&g_array_index (known, Known, i).shares, attrib_verdict_unref);
        g_clear_pointer (&calc->deals[slot].known, g_array_unref);
      }
  g_free (calc->deals);
  g_clear_pointer (&calc->plan_refs, g_array_unref);
  g_clear_pointer (&calc->month_ends, g_array_unref);
  g_clear_pointer (&calc->groups, g_hash_table_unref);
  g_clear_pointer (&calc->lines, g_ptr_array_unref);
  _attrib_run_clear (&calc->run);
  if (calc->self != NULL)
    g_rw_lock_reader_unlock (&calc->self->plans_lock);
  calc->self = NULL;
}

/* Statements add up a party's lines, each of which fits a gint64: so
 * that every sum a statement makes does too, the magnitudes of a party's
 * lines must add up within a gint64 (found by tests/fuzz/fuzz-plan: two
 * bonuses of 92233720368547758.07 yuan each). */
static void
check_party_totals (Calc *calc)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint i;

  for (i = 0; i < calc->lines->len; i++)
    {
      const AttribCommissionLine *line = g_ptr_array_index (calc->lines, i);
      guint64 *total = g_hash_table_lookup (totals, line->party);
      guint64 magnitude = line->amount < 0 ? (guint64) 0 - (guint64) line->amount : (guint64) line->amount;

      if (total == NULL)
        {
          total = g_new0 (guint64, 1);
          g_hash_table_insert (totals, line->party, total);
        }
      if (magnitude > (guint64) G_MAXINT64 - *total)
        {
          fail (calc, _("The commission lines of “%s” add up to more than an amount can hold"), line->party);
          return;
        }
      *total += magnitude;
    }
}

/* The ends of the months from the first deal's first stage to the last
 * event: the dates every deal is judged again at if what it read changed. */
static void
month_ends (Calc *calc)
{
  AttribTime first = ATTRIB_TIME_MAX, last, end;
  guint32 slot;
  char month[8];

  for (slot = 0; slot < calc->index->deal_events.n_keys; slot++)
    first = MIN (first, calc->deals[slot].first_at);
  if (first == ATTRIB_TIME_MAX)
    return;
  last = calc->ledger->records[calc->index->order[calc->ledger->n_records - 1]].at;
  month_text (calc, first, month);
  for (;;)
    {
      end = period_end (calc, month);
      g_array_append_val (calc->month_ends, end);
      if (end >= last)
        break;
      month_text (calc, end + 1, month);
    }
}

/* Every line of the ledger, in canonical order; FALSE with @error set. */
static gboolean
calc_run (Calc              *calc,
          AttribCalculator  *self,
          AttribLedger      *ledger,
          GError           **error)
{
  guint32 slot;
  guint plan_index;

  memset (calc, 0, sizeof *calc);
  /* the plans stay as they are until calc_clear() */
  g_rw_lock_reader_lock (&self->plans_lock);
  calc->self = self;
  calc->ledger = ledger;
  calc->error = error;
  calc->tz = _attrib_profile_get_tz (self->profile);
  calc->counted = attrib_profile_get_deal_stage (self->profile);
  if (g_strcmp0 (attrib_profile_get_time_zone_identifier (self->profile), attrib_ledger_get_time_zone_identifier (ledger)) != 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                   _("The ledger reads dates in %s but profile “%s” works in %s: load the events in the profile's time zone"),
                   attrib_ledger_get_time_zone_identifier (ledger), attrib_profile_get_id (self->profile),
                   attrib_profile_get_time_zone_identifier (self->profile));
      return FALSE;
    }
  _attrib_run_init (&calc->run, self->profile, ledger);
  /* the whole ledger, with the persons as the profile sees them: the run
   * cuts its own view at each date it judges */
  calc->index = _attrib_run_whole_index (&calc->run);
  /* the calculator reads the verdicts' shares, not their fingerprints */
  _attrib_run_set_sealed (&calc->run, FALSE);

  for (plan_index = 0; plan_index < self->plans->len; plan_index++)
    {
      AttribCommissionPlan *plan = plan_at (calc, plan_index);
      guint m;

      for (m = 0; m < plan->milestones->len; m++)
        calc->paying_stages |= g_array_index (plan->milestones, AttribMilestone, m).stages;
      if (plan->milestones->len == 0 || plan->bonus_deal > 0)
        calc->paying_stages |= ATTRIB_STAGE_BIT (calc->counted);
    }
  calc->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  calc->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  calc->plan_refs = g_array_new (FALSE, FALSE, sizeof (guint));
  calc->month_ends = g_array_new (FALSE, FALSE, sizeof (AttribTime));
  calc->deals = g_new0 (DealInfo, MAX (calc->index->deal_events.n_keys, 1));
  if (self->plans->len == 0)
    goto lines;   /* nothing to pay: only the statements' fingerprints ask for verdicts */

  /* each deal's stages, and what was known of it at each of its changes */
  for (slot = 0; slot < calc->index->deal_events.n_keys && !calc->failed; slot++)
    {
      DealInfo *info = &calc->deals[slot];
      DealState state;
      guint i;

      deal_state (calc, slot, ATTRIB_TIME_MAX, &state);
      info->counted_at = state.reached[calc->counted];
      info->counted_event = state.reached_event[calc->counted];
      info->cancel_at = state.reached[ATTRIB_DEAL_STAGE_CANCELLED];
      info->first_at = ATTRIB_TIME_MAX;
      for (i = 0; i <= ATTRIB_DEAL_STAGE_PAID; i++)
        info->first_at = MIN (info->first_at, state.reached[i]);
      info->first_day = info->counted_day = G_MAXINT32;
      if (info->first_at != ATTRIB_TIME_MAX)
        {
          info->first_day = attrib_time_get_local_day (info->first_at, calc->tz);
          month_text (calc, info->first_at, info->first_period);
        }
      if (info->counted_at != ATTRIB_TIME_MAX)
        {
          info->counted_day = attrib_time_get_local_day (info->counted_at, calc->tz);
          month_text (calc, info->counted_at, info->counted_period);
        }
    }
  month_ends (calc);
  for (slot = 0; slot < calc->index->deal_events.n_keys && !calc->failed; slot++)
    deal_timeline (calc, slot);

  /* the tier groups: the deals a tiered plan may count in a month — every
   * deal counted in that month that the plan ever pays —, in the order of
   * their counted stages; which of them count at a time is as known then */
  for (slot = 0; slot < calc->index->deal_events.n_keys && !calc->failed; slot++)
    {
      const DealInfo *info = &calc->deals[slot];
      guint j;

      if (info->counted_at == ATTRIB_TIME_MAX)
        continue;
      for (j = 0; j < info->known->len; j++)
        {
          const Known *known = &g_array_index (info->known, Known, j);
          guint p;

          for (p = 0; p < known->n_plans; p++)
            {
              guint k = g_array_index (calc->plan_refs, guint, known->first_plan + p);
              char *key;
              GArray *members;
              guint i;

              if (!plan_at (calc, k)->tiered)
                continue;
              key = g_strdup_printf ("%u\t%s", k, info->counted_period);
              members = g_hash_table_lookup (calc->groups, key);
              if (members == NULL)
                {
                  members = g_array_new (FALSE, FALSE, sizeof (guint32));
                  g_hash_table_insert (calc->groups, key, members);
                }
              else
                g_free (key);
              /* by the canonical position of the counted stage, once */
              for (i = 0; i < members->len; i++)
                {
                  guint32 m = g_array_index (members, guint32, i);

                  if (calc->index->position[calc->deals[m].counted_event] >= calc->index->position[info->counted_event])
                    break;
                }
              if (i == members->len || g_array_index (members, guint32, i) != slot)
                g_array_insert_val (members, i, slot);
            }
        }
    }

  for (slot = 0; slot < calc->index->deal_events.n_keys && !calc->failed; slot++)
    deal_lines (calc, slot);
lines:
  if (!calc->failed)
    fine_lines (calc);
  if (!calc->failed)
    visit_bonus_lines (calc);
  if (!calc->failed)
    check_party_totals (calc);
  if (calc->failed)
    return FALSE;
  g_ptr_array_sort (calc->lines, compare_lines);
  return TRUE;
}

/**
 * attrib_calculator_get_lines:
 * @self: a calculator
 * @ledger: the events
 * @error: return location for a #GError
 *
 * Every commission line the plans give on the ledger, in canonical order
 * (time, deal, party, stage).
 *
 * Returns: (transfer container) (element-type AttribCommissionLine)
 *   (nullable): the lines, or %NULL with @error set (a deal paid at a rate
 *   with no price, an amount that overflows, a ledger in another time
 *   zone)
 */
GPtrArray *
attrib_calculator_get_lines (AttribCalculator  *self,
                             AttribLedger      *ledger,
                             GError           **error)
{
  GPtrArray *lines;
  Calc calc;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!calc_run (&calc, self, ledger, error))
    {
      calc_clear (&calc);
      return NULL;
    }
  lines = g_ptr_array_ref (calc.lines);
  calc_clear (&calc);
  return lines;
}

static gboolean
valid_period (const char *period)
{
  return strlen (period) == 7 && g_ascii_isdigit (period[0]) && g_ascii_isdigit (period[1]) &&
         g_ascii_isdigit (period[2]) && g_ascii_isdigit (period[3]) && period[4] == '-' &&
         ((period[5] == '0' && period[6] >= '1' && period[6] <= '9') ||
          (period[5] == '1' && period[6] >= '0' && period[6] <= '2'));
}

/* The fingerprint of the deal's verdict as known at the end of the
 * month, worked out once per deal for the statements of one month. */
static const char *
month_end_fingerprint (Calc        *calc,
                       GHashTable  *cache,
                       guint32      slot,
                       AttribTime   end)
{
  char *fingerprint = g_hash_table_lookup (cache, GUINT_TO_POINTER (slot + 1));

  if (fingerprint == NULL)
    {
      g_autoptr(AttribVerdict) verdict = NULL;

      _attrib_run_set_sealed (&calc->run, TRUE);
      verdict = verdict_at (calc, slot, end);
      _attrib_run_set_sealed (&calc->run, FALSE);
      fingerprint = g_strdup (attrib_verdict_get_fingerprint (verdict));
      g_hash_table_insert (cache, GUINT_TO_POINTER (slot + 1), fingerprint);
    }
  return fingerprint;
}

/* The inputs a statement's fingerprint covers: the plans, and the
 * verdicts as known at the end of the month of the deals its lines are
 * for — what a month that has ended was computed from. */
static char *
statement_inputs (Calc       *calc,
                  GPtrArray  *lines,
                  GHashTable *cache,
                  AttribTime  end)
{
  GString *out = g_string_new (NULL);
  guint i, k;

  for (k = 0; k < calc->self->plans->len; k++)
    {
      g_string_append (out, _attrib_commission_plan_get_canonical (plan_at (calc, k)));
      g_string_append_c (out, '\n');
    }
  for (i = 0; i < lines->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (lines, i);
      guint32 slot;

      if (line->deal == NULL || (i > 0 && g_strcmp0 (line->deal, ((AttribCommissionLine *) g_ptr_array_index (lines, i - 1))->deal) == 0))
        continue;
      slot = _attrib_ledger_find_deal (calc->ledger, line->deal);
      if (slot != ATTRIB_NONE)
        g_string_append_printf (out, "%s %s\n", line->deal, month_end_fingerprint (calc, cache, slot, end));
    }
  return g_string_free (out, FALSE);
}

/* The statement of @party for @period from the party's lines @lines (in
 * time order): the balance carried through every earlier month. */
static AttribStatement *
make_statement (Calc                  *calc,
                GHashTable            *fingerprints,
                const char            *party,
                const char            *period,
                AttribCommissionLine **lines,
                guint                  n_lines)
{
  g_autoptr(GPtrArray) month = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  g_autofree char *inputs = NULL;
  gint64 carried = 0, closing = 0;
  char current[8] = "";
  guint i;

  for (i = 0; i < n_lines; i++)
    {
      AttribCommissionLine *line = lines[i];

      if (strcmp (line->period, period) >= 0)
        {
          if (g_str_equal (line->period, period))
            g_ptr_array_add (month, attrib_commission_line_ref (line));
          continue;
        }
      /* an earlier month: its closing balance, carried if negative */
      if (!g_str_equal (line->period, current))
        {
          carried = MIN (closing, 0);
          closing = carried;
          memcpy (current, line->period, sizeof current);
        }
      closing += line->amount;
    }
  carried = current[0] != '\0' ? MIN (closing, 0) : 0;
  /* lines are in time order, so the month's lines are too */
  inputs = statement_inputs (calc, month, fingerprints, period_end (calc, period));
  return _attrib_statement_new (party, period, carried, month, inputs);
}

/**
 * attrib_calculator_get_statement:
 * @self: a calculator
 * @ledger: the events
 * @party: whom the statement is for: a plan's party, a store or an agent
 *   the plans pay
 * @period: the month, `YYYY-MM`, in the profile's time zone
 * @error: return location for a #GError
 *
 * The statement of one party for one month: what earlier months carried
 * in, the month's lines, and what is payable. Events dated after the
 * month do not change it: the statement of a month that has ended is what
 * it was at the month's end.
 *
 * Returns: (transfer full) (nullable): the statement (possibly without
 *   lines), or %NULL with @error set
 */
AttribStatement *
attrib_calculator_get_statement (AttribCalculator  *self,
                                 AttribLedger      *ledger,
                                 const char        *party,
                                 const char        *period,
                                 GError           **error)
{
  AttribStatement *statement;
  Calc calc;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (party != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!valid_period (period))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME, _("“%s” is not a month (YYYY-MM)"), period);
      return NULL;
    }
  if (!calc_run (&calc, self, ledger, error))
    {
      calc_clear (&calc);
      return NULL;
    }
  {
    g_autoptr(GPtrArray) mine = g_ptr_array_new ();
    g_autoptr(GHashTable) fingerprints = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
    guint i;

    for (i = 0; i < calc.lines->len; i++)
      if (g_str_equal (((AttribCommissionLine *) g_ptr_array_index (calc.lines, i))->party, party))
        g_ptr_array_add (mine, g_ptr_array_index (calc.lines, i));
    statement = make_statement (&calc, fingerprints, party, period, (AttribCommissionLine **) mine->pdata, mine->len);
  }
  calc_clear (&calc);
  return statement;
}

/* Lines by party, then in their canonical (time) order. */
static int
compare_by_party (gconstpointer a,
                  gconstpointer b)
{
  AttribCommissionLine *x = *(AttribCommissionLine **) a, *y = *(AttribCommissionLine **) b;
  int c = strcmp (x->party, y->party);

  return c != 0 ? c : _attrib_commission_line_compare (x, y);
}

/**
 * attrib_calculator_get_statements:
 * @self: a calculator
 * @ledger: the events
 * @period: the month, `YYYY-MM`, in the profile's time zone
 * @error: return location for a #GError
 *
 * The statements of every party with lines in the month or a balance
 * carried into it, by party.
 *
 * Returns: (transfer container) (element-type AttribStatement) (nullable):
 *   the statements, or %NULL with @error set
 */
GPtrArray *
attrib_calculator_get_statements (AttribCalculator  *self,
                                  AttribLedger      *ledger,
                                  const char        *period,
                                  GError           **error)
{
  g_autoptr(GPtrArray) by_party = NULL;
  g_autoptr(GHashTable) fingerprints = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GPtrArray *statements;
  Calc calc;
  guint i, j;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!valid_period (period))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME, _("“%s” is not a month (YYYY-MM)"), period);
      return NULL;
    }
  if (!calc_run (&calc, self, ledger, error))
    {
      calc_clear (&calc);
      return NULL;
    }
  /* one pass over each party's lines */
  by_party = g_ptr_array_sized_new (calc.lines->len);
  for (i = 0; i < calc.lines->len; i++)
    g_ptr_array_add (by_party, g_ptr_array_index (calc.lines, i));
  g_ptr_array_sort (by_party, compare_by_party);
  statements = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_statement_unref);
  for (i = 0; i < by_party->len; i = j)
    {
      AttribCommissionLine *first = g_ptr_array_index (by_party, i);
      AttribStatement *st;

      for (j = i + 1; j < by_party->len && g_str_equal (((AttribCommissionLine *) g_ptr_array_index (by_party, j))->party,
                                                        first->party);
           j++)
        ;
      if (strcmp (first->period, period) > 0)
        continue;   /* nothing in or before the month */
      st = make_statement (&calc, fingerprints, first->party, period, (AttribCommissionLine **) by_party->pdata + i, j - i);
      if (attrib_statement_get_n_lines (st) > 0 || attrib_statement_get_opening (st) != 0)
        g_ptr_array_add (statements, st);
      else
        attrib_statement_unref (st);
    }
  calc_clear (&calc);
  return statements;
}
