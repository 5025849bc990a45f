/* attrib-settle-private.h: the calculator's computation, in three files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * attrib-calculator.c holds the public AttribCalculator and drives a
 * computation (calc_run): every deal's timeline of what was known of it
 * (attrib-settle-timeline.c), and at each instant what it pays
 * (attrib-settle-amounts.c). The state they share is a Calc.
 */

#pragma once

#include "attrib-commission-line-private.h"
#include "attrib-commission-private.h"
#include "attrib-engine-private.h"

G_BEGIN_DECLS

struct _AttribCalculator
{
  GObject parent_instance;
  AttribProfile *profile;
  GPtrArray *plans;          /* AttribCommissionPlan, by party then effective date */
  GHashTable *plan_ids;      /* plan id → plan, for add_plan (lookups only) */
  GRWLock plans_lock;        /* add_plan writes plans; computations read them */
};

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

/* A tier group's volume as it changes (attrib-settle-tiers.c). */
typedef struct _TierGroup TierGroup;

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
                              * plan may count in a month (put in counted
                              * order when its TierGroup is worked out) */
  GHashTable *tiers;         /* "plan\tperiod" → TierGroup, worked out on
                              * first use */
  GPtrArray *lines;
  GArray *plans_by_id;       /* guint: the plans' indices by id, for the
                              * statements (made on first use) */
  guint32 paying_stages;     /* ATTRIB_STAGE_BIT of every stage a plan pays at */
  GError **error;
  gboolean failed;
} Calc;

typedef enum {
  CAUSE_OWN,                 /* one of the deal's own events */
  CAUSE_TIER,                /* another deal of the month, under a tier */
} Cause;

/* attrib-settle-amounts.c, attrib-settle-timeline.c, attrib-calculator.c */
void
_attrib_settle_component_free (gpointer data);

void
_attrib_settle_month_text (Calc       *calc,
                           AttribTime  t,
                           char        out[8]);

AttribTime
_attrib_settle_period_end (Calc       *calc,
                           const char *period);

AttribCommissionPlan *
_attrib_settle_plan_at (Calc  *calc,
                        guint  index);

int
_attrib_settle_find_plan (Calc       *calc,
                          const char *party,
                          gint32      day);

void
_attrib_settle_deal_state (Calc       *calc,
                           guint32     slot,
                           AttribTime  until,
                           DealState  *out);

gboolean
_attrib_settle_fail (Calc       *calc,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

const Known *
_attrib_settle_known_at (Calc       *calc,
                         guint32     slot,
                         AttribTime  t);

gint32
_attrib_settle_day_at (const DealInfo *info,
                       AttribTime      t);

const char *
_attrib_settle_period_at (const DealInfo *info,
                          AttribTime      t);

gboolean
_attrib_settle_known_pays (Calc        *calc,
                           const Known *known,
                           guint        k);

gboolean
_attrib_settle_tier_member_at (Calc       *calc,
                               guint32     slot,
                               guint       k,
                               AttribTime  t);

gboolean
_attrib_settle_split_internally (Calc            *calc,
                                 GPtrArray       *out,
                                 guint            plan_index,
                                 const char      *party,
                                 int              milestone,
                                 int              stage,
                                 AttribLineKind   kind,
                                 gint64           amount,
                                 const Component *like);

AttribVerdict *
_attrib_settle_verdict_at (Calc       *calc,
                           guint32     slot,
                           AttribTime  t);

GPtrArray *
_attrib_settle_entitlement (Calc          *calc,
                            guint32        slot,
                            AttribTime     t,
                            AttribVerdict *verdict);

char *
_attrib_settle_money_text (gint64 fen);

void
_attrib_settle_diff (Calc            *calc,
                     guint32          slot,
                     AttribTime       t,
                     guint32          event,
                     Cause            cause,
                     const DealState *before,
                     const DealState *after,
                     GPtrArray       *old,
                     GPtrArray       *new);

void
_attrib_settle_deal_timeline (Calc    *calc,
                              guint32  slot);

void
_attrib_settle_deal_lines (Calc    *calc,
                           guint32  slot);

void
_attrib_settle_fine_lines (Calc *calc);

void
_attrib_settle_visit_bonus_lines (Calc *calc);

gboolean
_attrib_settle_any_visit_bonus (Calc *calc);

gboolean
_attrib_calc_begin (Calc               *calc,
                    AttribCalculator   *self,
                    AttribLedger       *ledger,
                    AttribLedgerIndex  *seen,
                    GArray             *reads,
                    GError            **error);

void
_attrib_calc_end (Calc *calc);

void
_attrib_calc_deal_info (Calc    *calc,
                        guint32  slot);

void
_attrib_calc_month_ends (Calc       *calc,
                         AttribTime  first);

void
_attrib_calc_join_groups (Calc      *calc,
                          guint32    slot,
                          GPtrArray *keys);

void
_attrib_calc_check_party_totals (Calc      *calc,
                                 GPtrArray *lines);

void
_attrib_settle_person_bonus_lines (Calc    *calc,
                                   guint32  person);

gboolean
_attrib_settle_valid_period (const char *period);

void
_attrib_settle_tier_group_free (gpointer data);

TierGroup *
_attrib_settle_tier_group (Calc       *calc,
                           guint       k,
                           const char *period);

void
_attrib_settle_tier_moments (Calc       *calc,
                             guint32     slot,
                             guint       k,
                             const char *period,
                             GArray     *out);

const Known *
_attrib_settle_tier_change_at (Calc       *calc,
                               guint32     slot,
                               guint       k,
                               const char *period,
                               AttribTime  t);

gboolean
_attrib_settle_tier_volume (Calc       *calc,
                            guint32     slot,
                            guint       k,
                            const char *period,
                            AttribTime  t,
                            gint64     *volume,
                            gint64     *before,
                            gboolean   *overflow);

G_END_DECLS
