/* attrib-calculator.c: commission lines and statements
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-async-private.h"
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

/**
 * AttribCalculator:
 *
 * Applies commission plans ([class@Attrib.CommissionPlan]) to the verdicts
 * of a ledger's deals under a profile, and gives commission lines
 * ([struct@Attrib.CommissionLine]) and monthly statements
 * ([struct@Attrib.Statement]), exact to the fen ([Commission and statements](commission.html)).
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
 * (identity links excepted: [Commission and statements](commission.html), *A month that has
 * ended*).
 *
 * Rounding happens once per line, with the plan's mode; every split (the
 * verdict's shares, the milestones, the company/store/agent split)
 * allocates by the largest remainder, so the parts always sum to the
 * whole. Nothing on the money path uses floating point.
 *
 * A calculator may be shared among threads: computing lines and
 * statements only reads it (and the ledger, shared as [The live desk](live.html) says), and
 * [method@Attrib.Calculator.add_plan] waits for the computations running,
 * each of which uses the plans it started with.
 */

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
  g_hash_table_unref (self->plan_ids);
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
  self->plan_ids = g_hash_table_new (g_str_hash, g_str_equal);
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
  AttribCommissionPlan *same_id, *overlapping = NULL;
  guint lo = 0, hi, at, same_id_at = G_MAXUINT, overlapping_at = G_MAXUINT;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), FALSE);
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* computations running in other threads finish with the plans they
   * started with */
  g_rw_lock_writer_lock (&self->plans_lock);
  /* where it goes among the plans, by party then date (a binary search:
   * adding n plans reads n·log n of them, not n²) */
  hi = self->plans->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_plans (&g_ptr_array_index (self->plans, mid), &plan) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  at = lo;
  /* the plans of a party never overlap, so they end in the order they
   * start: only the one before and the one after can overlap it */
  if (at > 0)
    {
      AttribCommissionPlan *before = g_ptr_array_index (self->plans, at - 1);

      if (g_str_equal (before->party, plan->party) && before->until >= plan->effective)
        overlapping = before, overlapping_at = at - 1;
    }
  if (overlapping == NULL && at < self->plans->len)
    {
      AttribCommissionPlan *after = g_ptr_array_index (self->plans, at);

      if (g_str_equal (after->party, plan->party) && after->effective <= plan->until)
        overlapping = after, overlapping_at = at;
    }
  same_id = g_hash_table_lookup (self->plan_ids, plan->id);
  if (same_id != NULL)
    {
      /* its place, to name whichever of the two comes first */
      lo = 0;
      hi = self->plans->len;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (compare_plans (&g_ptr_array_index (self->plans, mid), &same_id) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      same_id_at = lo;
    }
  if (same_id != NULL && same_id_at <= overlapping_at)
    {
      g_rw_lock_writer_unlock (&self->plans_lock);
      {
        g_autofree char *shown = _attrib_for_display (plan->id);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE, _("Plan id “%s” is given twice"), shown);
      }
      return FALSE;
    }
  if (overlapping != NULL)
    {
      g_rw_lock_writer_unlock (&self->plans_lock);
      {
        g_autofree char *shown_1 = _attrib_for_display (overlapping->id);
        g_autofree char *shown_2 = _attrib_for_display (plan->id);
        g_autofree char *shown_3 = _attrib_for_display (plan->party);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                     _("Plans “%s” and “%s” of %s are in force on the same days: give them “effective” and "
                       "“until” dates that do not overlap"),
                     shown_1, shown_2, shown_3);
      }
      return FALSE;
    }
  g_ptr_array_insert (self->plans, (gint) at, g_object_ref (plan));
  g_hash_table_insert (self->plan_ids, plan->id, plan);
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
  g_clear_pointer (&calc->tiers, g_hash_table_unref);
  g_clear_pointer (&calc->groups, g_hash_table_unref);
  g_clear_pointer (&calc->lines, g_ptr_array_unref);
  g_clear_pointer (&calc->plans_by_id, g_array_unref);
  _attrib_run_clear (&calc->run);
  if (calc->self != NULL)
    g_rw_lock_reader_unlock (&calc->self->plans_lock);
  calc->self = NULL;
}

/* Statements add up a party's lines, each of which fits a gint64: so
 * that every sum a statement makes does too, the magnitudes of a party's
 * lines must add up within a gint64 (found by tests/fuzz/fuzz-plan: two
 * bonuses of 92233720368547758.07 yuan each). */
void
_attrib_calc_check_party_totals (Calc      *calc,
                                 GPtrArray *lines)
{
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint i;

  for (i = 0; i < lines->len; i++)
    {
      const AttribCommissionLine *line = g_ptr_array_index (lines, i);
      guint64 *total = g_hash_table_lookup (totals, line->party);
      guint64 magnitude = line->amount < 0 ? (guint64) 0 - (guint64) line->amount : (guint64) line->amount;

      if (total == NULL)
        {
          total = g_new0 (guint64, 1);
          g_hash_table_insert (totals, line->party, total);
        }
      if (magnitude > (guint64) G_MAXINT64 - *total)
        {
          {
            g_autofree char *shown = _attrib_for_display (line->party);

            _attrib_settle_fail (calc, _("The commission lines of “%s” add up to more than an amount can hold"), shown);
          }
          return;
        }
      *total += magnitude;
    }
}

/* The ends of the months from @first to the last event: the dates every
 * deal is judged again at if what it read changed. */
void
_attrib_calc_month_ends (Calc       *calc,
                         AttribTime  first)
{
  AttribTime last, end;
  char month[8];

  if (first == ATTRIB_TIME_MAX || calc->ledger->n_records == 0)
    return;
  last = calc->ledger->records[calc->index->order[calc->ledger->n_records - 1]].at;
  _attrib_settle_month_text (calc, first, month);
  for (;;)
    {
      end = _attrib_settle_period_end (calc, month);
      g_array_append_val (calc->month_ends, end);
      if (end >= last)
        break;
      _attrib_settle_month_text (calc, end + 1, month);
    }
}

/* Starts a computation of lines on @ledger; FALSE with @error set (a
 * ledger in another time zone). With @seen, the computation reads through
 * it: a copy of the index the caller set up to note what is read (an
 * AttribWatch), and notes the rest in @reads. Ended by _attrib_calc_end()
 * either way. */
gboolean
_attrib_calc_begin (Calc               *calc,
                    AttribCalculator   *self,
                    AttribLedger       *ledger,
                    AttribLedgerIndex  *seen,
                    GArray             *reads,
                    GError            **error)
{
  guint plan_index;

  memset (calc, 0, sizeof *calc);
  /* the plans stay as they are until _attrib_calc_end() */
  g_rw_lock_reader_lock (&self->plans_lock);
  calc->self = self;
  calc->ledger = ledger;
  calc->error = error;
  calc->tz = _attrib_profile_get_tz (self->profile);
  calc->counted = attrib_profile_get_deal_stage (self->profile);
  _attrib_run_init (&calc->run, self->profile, ledger);
  calc->deals = NULL;
  if (g_strcmp0 (attrib_profile_get_time_zone_identifier (self->profile), attrib_ledger_get_time_zone_identifier (ledger)) != 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                   _("The ledger reads dates in %s but profile “%s” works in %s: load the events in the profile's time zone"),
                   attrib_ledger_get_time_zone_identifier (ledger), attrib_profile_get_id (self->profile),
                   attrib_profile_get_time_zone_identifier (self->profile));
      return FALSE;
    }
  if (seen != NULL)
    {
      /* the caller's copy of the index, which notes what is read */
      calc->run.index = calc->run.whole = seen;
      calc->run.reads = reads;
    }
  if (!_attrib_run_check_dates (self->profile, ledger, NULL, NULL, error))
    return FALSE;
  /* the whole ledger, with the persons as the profile sees them: the run
   * cuts its own view at each date it judges */
  calc->index = _attrib_run_whole_index (&calc->run);
  /* the calculator reads the verdicts' shares, not their fingerprints */
  _attrib_run_set_sealed (&calc->run, FALSE);

  for (plan_index = 0; plan_index < self->plans->len; plan_index++)
    {
      AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, plan_index);
      guint m;

      for (m = 0; m < plan->milestones->len; m++)
        calc->paying_stages |= g_array_index (plan->milestones, AttribMilestone, m).stages;
      if (plan->milestones->len == 0 || plan->bonus_deal > 0)
        calc->paying_stages |= ATTRIB_STAGE_BIT (calc->counted);
    }
  calc->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  calc->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  calc->tiers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _attrib_settle_tier_group_free);
  calc->plan_refs = g_array_new (FALSE, FALSE, sizeof (guint));
  calc->month_ends = g_array_new (FALSE, FALSE, sizeof (AttribTime));
  calc->deals = g_new0 (DealInfo, MAX (calc->index->deal_events.n_keys, 1));
  return TRUE;
}

void
_attrib_calc_end (Calc *calc)
{
  calc_clear (calc);
}

/* The deal's stages, and the months they fall in. */
void
_attrib_calc_deal_info (Calc    *calc,
                        guint32  slot)
{
  DealInfo *info = &calc->deals[slot];
  DealState state;
  guint i;

  _attrib_settle_deal_state (calc, slot, ATTRIB_TIME_MAX, &state);
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
      _attrib_settle_month_text (calc, info->first_at, info->first_period);
    }
  if (info->counted_at != ATTRIB_TIME_MAX)
    {
      info->counted_day = attrib_time_get_local_day (info->counted_at, calc->tz);
      _attrib_settle_month_text (calc, info->counted_at, info->counted_period);
    }
}

/* The tier groups the deal @slot joins (its timeline known): a tiered
 * plan may count it in the month of its counted stage if the plan ever
 * pays it. Which of a group's deals count at a time is as known then;
 * they are put in the order of their counted stages when the group is
 * first read (attrib-settle-tiers.c), which a deal joining it makes work
 * out again. Each group a key is added to @keys if not %NULL
 * ("plan\tperiod"). */
void
_attrib_calc_join_groups (Calc      *calc,
                          guint32    slot,
                          GPtrArray *keys)
{
  const DealInfo *info = &calc->deals[slot];
  guint j;

  if (info->counted_at == ATTRIB_TIME_MAX)
    return;
  for (j = 0; j < info->known->len; j++)
    {
      const Known *known = &g_array_index (info->known, Known, j);
      guint p;

      for (p = 0; p < known->n_plans; p++)
        {
          guint k = g_array_index (calc->plan_refs, guint, known->first_plan + p);
          char *key = NULL;
          GArray *members;

          if (!_attrib_settle_plan_at (calc, k)->tiered)
            continue;
          key = g_strdup_printf ("%u\t%s", k, info->counted_period);
          members = g_hash_table_lookup (calc->groups, key);
          if (members == NULL)
            {
              members = g_array_new (FALSE, FALSE, sizeof (guint32));
              g_hash_table_insert (calc->groups, g_strdup (key), members);
            }
          /* once: a deal joins its groups in one go */
          if (members->len == 0 || g_array_index (members, guint32, members->len - 1) != slot)
            {
              g_array_append_val (members, slot);
              g_hash_table_remove (calc->tiers, key);
              if (keys != NULL)
                g_ptr_array_add (keys, g_steal_pointer (&key));
            }
          g_free (key);
        }
    }
}

/* How far calc_run() has come, for get_statements_async(): a step per
 * deal and pass, checked for cancellation before each. */
typedef struct
{
  GCancellable *cancellable;   /* or NULL */
  AttribProgress *progress;    /* or NULL */
  guint64 done, total;
} CalcSteps;

static gboolean
calc_step (Calc      *calc,
           CalcSteps *steps)
{
  if (steps == NULL)
    return TRUE;
  if (g_cancellable_is_cancelled (steps->cancellable))
    {
      if (!calc->failed)
        g_cancellable_set_error_if_cancelled (steps->cancellable, calc->error);
      calc->failed = TRUE;
      return FALSE;
    }
  if (steps->done % ATTRIB_PROGRESS_EVERY == 0)
    _attrib_progress_report (steps->progress, steps->done, steps->total);
  steps->done++;
  return TRUE;
}

/* Every line of the ledger, in canonical order; FALSE with @error set. */
static gboolean
calc_run (Calc              *calc,
          AttribCalculator  *self,
          AttribLedger      *ledger,
          CalcSteps         *steps,
          GError           **error)
{
  AttribTime first = ATTRIB_TIME_MAX;
  guint32 slot, n;

  if (!_attrib_calc_begin (calc, self, ledger, NULL, NULL, error))
    return FALSE;
  if (self->plans->len == 0)
    goto lines;   /* nothing to pay: only the statements' fingerprints ask for verdicts */

  /* each deal's stages, and what was known of it at each of its changes */
  n = calc->index->deal_events.n_keys;
  if (steps != NULL)
    steps->total = (guint64) n * 4;
  for (slot = 0; slot < n && !calc->failed && calc_step (calc, steps); slot++)
    {
      _attrib_calc_deal_info (calc, slot);
      first = MIN (first, calc->deals[slot].first_at);
    }
  /* from the first deal's first stage */
  if (!calc->failed)
    _attrib_calc_month_ends (calc, first);
  for (slot = 0; slot < n && !calc->failed && calc_step (calc, steps); slot++)
    _attrib_settle_deal_timeline (calc, slot);

  /* the tier groups: the deals a tiered plan may count in a month */
  for (slot = 0; slot < n && !calc->failed && calc_step (calc, steps); slot++)
    _attrib_calc_join_groups (calc, slot, NULL);

  for (slot = 0; slot < n && !calc->failed && calc_step (calc, steps); slot++)
    _attrib_settle_deal_lines (calc, slot);
lines:
  if (!calc->failed)
    _attrib_settle_fine_lines (calc);
  if (!calc->failed)
    _attrib_settle_visit_bonus_lines (calc);
  if (!calc->failed)
    _attrib_calc_check_party_totals (calc, calc->lines);
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  GPtrArray *lines;
  Calc calc;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!calc_run (&calc, self, ledger, NULL, error))
    {
      calc_clear (&calc);
      return NULL;
    }
  lines = g_ptr_array_ref (calc.lines);
  calc_clear (&calc);
  return lines;
}

gboolean
_attrib_settle_valid_period (const char *period)
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
      verdict = _attrib_settle_verdict_at (calc, slot, end);
      _attrib_run_set_sealed (&calc->run, FALSE);
      fingerprint = g_strdup (attrib_verdict_get_fingerprint (verdict));
      g_hash_table_insert (cache, GUINT_TO_POINTER (slot + 1), fingerprint);
    }
  return fingerprint;
}

static int
compare_plan_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  Calc *calc = data;

  return strcmp (_attrib_settle_plan_at (calc, *(const guint *) a)->id, _attrib_settle_plan_at (calc, *(const guint *) b)->id);
}

static int
compare_uints (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The index of the plan whose id is @id (a line's), found by a binary
 * search of the plans sorted by id once per computation. */
static guint
plan_with_id (Calc       *calc,
              const char *id)
{
  guint lo = 0, hi, k;

  if (calc->plans_by_id == NULL)
    {
      calc->plans_by_id = g_array_sized_new (FALSE, FALSE, sizeof (guint), calc->self->plans->len);
      for (k = 0; k < calc->self->plans->len; k++)
        g_array_append_val (calc->plans_by_id, k);
      g_qsort_with_data (calc->plans_by_id->data, calc->plans_by_id->len, sizeof (guint), compare_plan_ids, calc);
    }
  hi = calc->plans_by_id->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c;

      k = g_array_index (calc->plans_by_id, guint, mid);
      c = strcmp (_attrib_settle_plan_at (calc, k)->id, id);
      if (c == 0)
        return k;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_assert_not_reached ();   /* every line names one of the plans */
}

/* The inputs a statement's fingerprint covers: the plans its lines were
 * worked out under, and the verdicts as known at the end of the month of
 * the deals its lines are for — what a month that has ended was computed
 * from (docs/determinism.md, *Statement fingerprints*). Not every plan of
 * the calculator: a statement of each of n channels would read n plans. */
static char *
statement_inputs (Calc       *calc,
                  GPtrArray  *lines,
                  GHashTable *cache,
                  AttribTime  end)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GArray) used = g_array_sized_new (FALSE, FALSE, sizeof (guint), lines->len);
  guint i, k;

  /* each plan once, in the calculator's order (by party, then date) */
  for (i = 0; i < lines->len; i++)
    {
      k = plan_with_id (calc, ((AttribCommissionLine *) g_ptr_array_index (lines, i))->plan);
      g_array_append_val (used, k);
    }
  g_array_sort (used, compare_uints);
  for (i = 0; i < used->len; i++)
    {
      k = g_array_index (used, guint, i);
      if (i > 0 && g_array_index (used, guint, i - 1) == k)
        continue;
      g_string_append (out, _attrib_commission_plan_get_canonical (_attrib_settle_plan_at (calc, k)));
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
  inputs = statement_inputs (calc, month, fingerprints, _attrib_settle_period_end (calc, period));
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  AttribStatement *statement;
  Calc calc;

  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (party != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!_attrib_settle_valid_period (period))
    {
      {
        g_autofree char *shown = _attrib_for_display (period);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME, _("“%s” is not a month (YYYY-MM)"), shown);
      }
      return NULL;
    }
  if (!calc_run (&calc, self, ledger, NULL, error))
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

/* get_statements(), and the thread of get_statements_async() */
static GPtrArray *
statements_of (AttribCalculator  *self,
               AttribLedger      *ledger,
               const char        *period,
               CalcSteps         *steps,
               GError           **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GPtrArray) by_party = NULL;
  g_autoptr(GHashTable) fingerprints = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GPtrArray *statements;
  Calc calc;
  guint i, j;

  hold = _attrib_ledger_read_lock (ledger);

  if (!_attrib_settle_valid_period (period))
    {
      {
        g_autofree char *shown = _attrib_for_display (period);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME, _("“%s” is not a month (YYYY-MM)"), shown);
      }
      return NULL;
    }
  if (!calc_run (&calc, self, ledger, steps, error))
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
  if (steps != NULL && g_cancellable_set_error_if_cancelled (steps->cancellable, error))
    {
      g_ptr_array_unref (statements);
      return NULL;
    }
  if (steps != NULL)
    _attrib_progress_report (steps->progress, steps->total, steps->total);
  return statements;
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
  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return statements_of (self, ledger, period, NULL, error);
}

typedef struct
{
  AttribLedger *ledger;
  char *period;
} StatementsJob;

static void
statements_job_free (gpointer data)
{
  StatementsJob *job = data;

  g_object_unref (job->ledger);
  g_free (job->period);
  g_free (job);
}

static gpointer
statements_work (gpointer         source_object,
                 gpointer         data,
                 AttribProgress  *progress,
                 GCancellable    *cancellable,
                 GError         **error)
{
  StatementsJob *job = data;
  CalcSteps steps = { cancellable, progress, 0, 0 };

  return statements_of (source_object, job->ledger, job->period, &steps, error);
}

/**
 * attrib_calculator_get_statements_async:
 * @self: a calculator
 * @ledger: the events
 * @period: the month, `YYYY-MM`, in the profile's time zone
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_destroy): called with the steps done and to do
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data once @progress is
 *   called no more
 * @callback: (scope async) (closure user_data): called when the
 *   statements are ready
 * @user_data: data for @callback
 *
 * Works out the statements of a month as
 * [method@Attrib.Calculator.get_statements] does, in a worker thread, and
 * calls @callback in the thread-default main context of the caller; get
 * them with [method@Attrib.Calculator.get_statements_finish]. They are the
 * same, byte for byte, as get_statements() gives.
 *
 * While it runs, the ledger is held as get_statements() holds it: other
 * threads may read it, and an addition waits until the statements are
 * made ([The live desk](live.html)); the calculator's plans are those it had when the
 * work started (a plan added meanwhile waits for it).
 *
 * @progress counts steps: each deal of the ledger is taken four times
 * (its stages, the verdicts of its timeline, its tier groups, its lines),
 * so @total is four times the number of deals — 0 for a calculator
 * without plans, which pays nothing and takes no steps. Cancelling
 * @cancellable stops the work before its next step, with
 * %G_IO_ERROR_CANCELLED.
 */
void
attrib_calculator_get_statements_async (AttribCalculator    *self,
                                        AttribLedger        *ledger,
                                        const char          *period,
                                        GCancellable        *cancellable,
                                        AttribProgressFunc   progress,
                                        gpointer             progress_data,
                                        GDestroyNotify       progress_destroy,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  StatementsJob *job;

  g_return_if_fail (ATTRIB_IS_CALCULATOR (self));
  g_return_if_fail (ATTRIB_IS_LEDGER (ledger));
  g_return_if_fail (period != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (StatementsJob, 1);
  job->ledger = g_object_ref (ledger);
  job->period = g_strdup (period);
  _attrib_async_start (self, cancellable, attrib_calculator_get_statements_async, statements_work,
                       job, statements_job_free, (GDestroyNotify) g_ptr_array_unref,
                       progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * attrib_calculator_get_statements_finish:
 * @self: a calculator
 * @result: the #GAsyncResult given to the callback of
 *   [method@Attrib.Calculator.get_statements_async]
 * @error: return location for a #GError
 *
 * Finishes [method@Attrib.Calculator.get_statements_async].
 *
 * Returns: (transfer container) (element-type AttribStatement) (nullable):
 *   the statements, by party, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED if it was cancelled)
 */
GPtrArray *
attrib_calculator_get_statements_finish (AttribCalculator  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _attrib_async_finish (self, result, attrib_calculator_get_statements_async, NULL, error);
}
