/* attrib-settle-timeline.c: when what a deal pays changes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The instants at which what a deal pays can change — its own events, its
 * purchaser's sanctions and relations, another deal of a tiered month, a
 * later event its verdict changed at — and the lines each change makes
 * (attrib-settle-amounts.c), then fines and visit bonuses.
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

typedef struct
{
  AttribTime at;
  guint32 position;          /* canonical, to order events at one time */
  guint32 event;
  Cause cause;
} Point;

/* A visit bonus due as known at a time: the visit's claim for @holder. */
typedef struct
{
  guint32 visit;
  guint32 holder;
  int plan;
} VisitBonus;

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
      int k = _attrib_settle_find_plan (calc, attrib_verdict_get_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, j, NULL, NULL),
                         _attrib_settle_day_at (info, t));
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

  _attrib_settle_deal_state (calc, slot, t, &state);
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
      g_autoptr(AttribVerdict) verdict = _attrib_settle_verdict_at (calc, slot, at.at);

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
void
_attrib_settle_deal_timeline (Calc    *calc,
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
          verdict = _attrib_settle_verdict_at (calc, slot, end);
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
      _attrib_settle_deal_state (calc, slot, own->at, &state);
      /* nothing is due, and the deal counts in no tier, before these */
      if (payable_stage_reached (calc, &state) || state.reached[calc->counted] <= own->at)
        {
          verdict = _attrib_settle_verdict_at (calc, slot, own->at);
          after = *_attrib_run_next (&calc->run);
          if (current != NULL && !same_effect (verdict, current))
            {
              g_autoptr(AttribVerdict) before = _attrib_settle_verdict_at (calc, slot, own->at - 1);

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

/* The point at @t of another deal of plan @k's tier group in @period
 * entering or leaving its volume (or, under an amount basis, changing its
 * price in it) while the deal @slot takes that tier: the last such change
 * at that moment, which names it. Both sides are as known at the moment,
 * so a later change of either is its own moment. */
static void
tier_point (Calc       *calc,
            guint32     slot,
            guint       k,
            const char *period,
            AttribTime  t,
            GArray     *points)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, k);
  const Known *mine = _attrib_settle_known_at (calc, slot, t);
  const Known *now;

  /* only while this deal takes the tier */
  if (mine == NULL || !_attrib_settle_known_pays (calc, mine, k) || !(plan->tier_products & (1u << mine->product)) ||
      strcmp (_attrib_settle_period_at (&calc->deals[slot], t), period) != 0)
    return;
  now = _attrib_settle_tier_change_at (calc, slot, k, period, t);
  if (now != NULL)
    add_known_point (calc, points, now, CAUSE_TIER);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  AttribTime x = *(const AttribTime *) a, y = *(const AttribTime *) b;

  return (x > y) - (x < y);
}

/* Every moment something changed what the deal pays, in order: its own
 * changes, and under a tier the other deals' entering and leaving the
 * month's volume where that can move its step (at the others it is due
 * what it was: attrib-settle-tiers.c), and where it has a change of its
 * own (the other deal's may name the moment). */
static GArray *
change_points (Calc    *calc,
               guint32  slot)
{
  GArray *points = own_points (calc, slot);
  const DealInfo *info = &calc->deals[slot];
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) moments = NULL;
  guint i, j, n;

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
          if (m == plans->len && _attrib_settle_plan_at (calc, k)->tiered)
            g_array_append_val (plans, k);
        }
    }
  if (plans->len == 0)
    {
      g_array_sort (points, compare_points);
      return points;
    }
  moments = g_array_new (FALSE, FALSE, sizeof (AttribTime));
  for (i = 0; i < points->len; i++)
    g_array_append_val (moments, g_array_index (points, Point, i).at);
  for (i = 0; i < plans->len; i++)
    {
      guint k = g_array_index (plans, guint, i);

      _attrib_settle_tier_moments (calc, slot, k, info->first_period, moments);
      if (info->counted_at != ATTRIB_TIME_MAX && strcmp (info->counted_period, info->first_period) != 0)
        _attrib_settle_tier_moments (calc, slot, k, info->counted_period, moments);
    }
  g_array_sort (moments, compare_times);
  for (i = n = 0; i < moments->len; i++)
    if (n == 0 || g_array_index (moments, AttribTime, n - 1) != g_array_index (moments, AttribTime, i))
      g_array_index (moments, AttribTime, n++) = g_array_index (moments, AttribTime, i);
  g_array_set_size (moments, n);
  for (i = 0; i < plans->len; i++)
    {
      guint k = g_array_index (plans, guint, i);

      for (j = 0; j < moments->len; j++)
        {
          AttribTime t = g_array_index (moments, AttribTime, j);

          tier_point (calc, slot, k, info->first_period, t, points);
          if (info->counted_at != ATTRIB_TIME_MAX && strcmp (info->counted_period, info->first_period) != 0)
            tier_point (calc, slot, k, info->counted_period, t, points);
        }
    }
  g_array_sort (points, compare_points);
  return points;
}

void
_attrib_settle_deal_lines (Calc    *calc,
            guint32  slot)
{
  g_autoptr(GArray) points = change_points (calc, slot);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (_attrib_settle_component_free);
  DealState state_before;
  guint i;

  _attrib_settle_deal_state (calc, slot, ATTRIB_TIME_MIN, &state_before);
  for (i = 0; i < points->len && !calc->failed; i++)
    {
      const Point *p = &g_array_index (points, Point, i);
      const Known *known;
      GPtrArray *after;
      DealState state_after;

      /* events at one instant count together */
      if (i + 1 < points->len && g_array_index (points, Point, i + 1).at == p->at)
        continue;
      _attrib_settle_deal_state (calc, slot, p->at, &state_after);
      /* the verdict moves with the deal's own changes only: another deal
       * of the month moves the tier, not who is paid */
      known = _attrib_settle_known_at (calc, slot, p->at);
      if (known == NULL || known->shares == NULL || !payable_stage_reached (calc, &state_after))
        after = g_ptr_array_new_with_free_func (_attrib_settle_component_free);   /* nothing can be due yet */
      else
        after = _attrib_settle_entitlement (calc, slot, p->at, known->shares);
      _attrib_settle_diff (calc, slot, p->at, p->event, p->cause, &state_before, &state_after, before, after);
      g_ptr_array_unref (before);
      before = after;
      state_before = state_after;
    }
}

/* Fines on the parties a sanction names, from their plan's party. */
void
_attrib_settle_fine_lines (Calc *calc)
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
          int k = _attrib_settle_find_plan (calc, party, attrib_time_get_local_day (rec->at, calc->tz));
          AttribCommissionLine *line;
          g_autofree char *amount = NULL;

          if (k < 0)
            continue;
          line = _attrib_commission_line_new ();
          line->party = g_strdup (_attrib_settle_plan_at (calc, k)->party);
          line->at = rec->at;
          line->at_text = attrib_time_format (rec->at, calc->tz);
          _attrib_settle_month_text (calc, rec->at, line->period);
          line->kind = ATTRIB_LINE_KIND_FINE;
          line->amount = -x->fine;
          line->plan = g_strdup (_attrib_settle_plan_at (calc, k)->id);
          line->rule = g_strdup ("fine");
          line->event = g_strdup (_attrib_ledger_event_id (calc->ledger, e));
          amount = _attrib_settle_money_text (-x->fine);
          line->explanation = g_strdup_printf (_("fine on %s for the %s sanction “%s”: %s"), party,
                                               _attrib_enum_nick (ATTRIB_TYPE_SANCTION_KIND, rec->kind),
                                               line->event, amount);
          g_ptr_array_add (calc->lines, line);
        }
    }
}

static void
visit_bonus_line (Calc             *calc,
                  const VisitBonus *bonus,
                  AttribTime        t,
                  guint32           event,
                  gboolean          due)
{
  AttribCommissionPlan *plan = _attrib_settle_plan_at (calc, bonus->plan);
  const char *holder = _attrib_strpool_get (&calc->ledger->strings, bonus->holder);
  const char *visit = _attrib_ledger_event_id (calc->ledger, bonus->visit);
  const char *cause = _attrib_ledger_event_id (calc->ledger, event);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (_attrib_settle_component_free);
  Component like = { 0, };
  guint j;

  like.rule = "bonuses.per_visit";
  like.cap = -1;
  like.rate_den = 1;
  like.share_num = like.share_den = 1;
  if (!_attrib_settle_split_internally (calc, parts, bonus->plan, holder, -1, -1, ATTRIB_LINE_KIND_BONUS, plan->bonus_visit, &like))
    return;
  for (j = 0; j < parts->len; j++)
    {
      const Component *part = g_ptr_array_index (parts, j);
      AttribCommissionLine *line = _attrib_commission_line_new ();
      gint64 amount = due ? part->amount : -part->amount;
      g_autofree char *text = _attrib_settle_money_text (amount);

      line->party = g_strdup (part->recipient);
      line->at = t;
      line->at_text = attrib_time_format (t, calc->tz);
      _attrib_settle_month_text (calc, t, line->period);
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
      bonus.plan = _attrib_settle_find_plan (calc, _attrib_strpool_get (&calc->ledger->strings, claim->holder),
                              attrib_time_get_local_day (rec->at, calc->tz));
      if (bonus.plan >= 0 && _attrib_settle_plan_at (calc, bonus.plan)->bonus_visit > 0)
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
 * changes at, as the deals' verdicts are (_attrib_settle_deal_timeline). */
/* Whether a plan pays a bonus per visit. */
gboolean
_attrib_settle_any_visit_bonus (Calc *calc)
{
  guint k;

  for (k = 0; k < calc->self->plans->len; k++)
    if (_attrib_settle_plan_at (calc, k)->bonus_visit > 0)
      return TRUE;
  return FALSE;
}

/* The visit bonus lines of @person's visits. */
void
_attrib_settle_person_bonus_lines (Calc    *calc,
                                   guint32  person)
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
    return;
  if (claims_settled_at_once (calc, person, events, n))
    {
      g_autoptr(GArray) all = visit_bonuses_at (calc, person, ATTRIB_TIME_MAX);

      for (j = 0; j < all->len && !calc->failed; j++)
        {
          const VisitBonus *bonus = &g_array_index (all, VisitBonus, j);

          visit_bonus_line (calc, bonus, calc->ledger->records[bonus->visit].at, bonus->visit, TRUE);
        }
      return;
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

void
_attrib_settle_visit_bonus_lines (Calc *calc)
{
  guint32 person;

  if (!_attrib_settle_any_visit_bonus (calc))
    return;
  for (person = 0; person < calc->index->n_persons && !calc->failed; person++)
    _attrib_settle_person_bonus_lines (calc, person);
}
