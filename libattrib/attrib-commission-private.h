/* attrib-commission-private.h: plans as the calculator reads them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* A rate on the price (a fraction: 2.5% is 1/40) or a fixed amount per
 * unit, and an optional cap per deal. */
typedef struct
{
  gboolean set;
  gboolean fixed;            /* `amount` instead of `rate` */
  gint64 num, den;           /* the rate */
  gint64 amount;             /* fen per unit */
  gint64 cap;                /* fen, or -1 */
} AttribProductRate;

typedef struct
{
  gint64 from;               /* units, or fen with an amount basis */
  gint64 num, den;           /* the rate from there on */
} AttribTierStep;

typedef struct
{
  guint32 stages;            /* bit mask of AttribDealStage: the first reached */
  gint64 num, den;           /* the part of the commission paid then */
} AttribMilestone;

typedef enum {
  ATTRIB_SPLIT_COMPANY,
  ATTRIB_SPLIT_STORE,
  ATTRIB_SPLIT_AGENT,
} AttribSplitRole;

typedef struct
{
  AttribSplitRole role;
  gint64 num, den;
} AttribSplitPart;

typedef struct
{
  char *agent;
  char *store;
} AttribPlanStore;

#define ATTRIB_STAGE_BIT(s) (1u << (s))

struct _AttribCommissionPlan
{
  GObject parent_instance;

  char *id;
  char *party;               /* a channel, group or agent */
  char *title;
  gint32 effective;          /* civil day (days since 1970-01-01), or G_MININT32 */
  gint32 until;              /* inclusive, or G_MAXINT32 */
  AttribRounding rounding;
  AttribProductRate products[ATTRIB_PRODUCT_PARKING + 1];

  gboolean tiered;
  gboolean tier_amount;      /* the volume is the amount, not the units */
  gboolean tier_marginal;    /* only what lies beyond a threshold */
  guint32 tier_products;     /* bit mask of AttribProduct */
  GArray *tiers;             /* AttribTierStep, ascending `from`, first 0 */

  gint64 bonus_deal;         /* fen, 0: none */
  gint64 bonus_visit;

  GArray *milestones;        /* AttribMilestone; empty: the counted stage */

  gboolean retained;
  gint64 retention_num, retention_den;
  guint32 release;           /* stages that release the retention */

  GArray *split;             /* AttribSplitPart; empty: all to the party */
  GArray *stores;            /* AttribPlanStore, sorted by agent */

  char *canonical;
};

AttribCommissionPlan *_attrib_commission_plan_new_from_node (const void  *node,
                                                             const char  *filename,
                                                             GError     **error);
const char           *_attrib_commission_plan_get_store    (AttribCommissionPlan *self,
                                                             const char           *agent);
const char           *_attrib_commission_plan_get_canonical (AttribCommissionPlan *self);

G_END_DECLS
