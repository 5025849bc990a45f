/* attrib-commission-plan.c: what a distribution contract pays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-commission-line-private.h"
#include "attrib-commission-private.h"
#include "attrib-event-private.h"
#include "attrib-fraction-private.h"
#include "attrib-json-private.h"
#include "attrib-ledger-private.h"
#include "attrib-read-private.h"
#include "attrib-util-private.h"

/**
 * AttribCommissionPlan:
 *
 * A commission plan: what a channel's distribution contract (分销合同)
 * pays for the deals attributed to it, in the JSON format of
 * [Commission and statements](commission.html).
 *
 * For each product (`residential`, `commercial`, `parking`) a rate on the
 * deal price — a percent with up to four decimals — or a fixed amount per
 * unit, with an optional cap per deal; optionally tiers (跳点) that raise
 * the rate with the channel's volume in a month, retroactively or at the
 * margin; bonuses per deal and per effective visit; the milestones
 * (结佣节点) at which the commission is paid in parts; a retention (保证金)
 * held back until a later stage; and the internal split of the party's
 * part between company, store and agent. A plan is in force for the deals
 * counted between its `effective` and `until` dates.
 *
 * A plan is immutable once loaded. [class@Attrib.Calculator] applies plans
 * to a ledger's verdicts.
 */

G_DEFINE_FINAL_TYPE (AttribCommissionPlan, attrib_commission_plan, G_TYPE_OBJECT)

static void
attrib_commission_plan_finalize (GObject *object)
{
  AttribCommissionPlan *self = ATTRIB_COMMISSION_PLAN (object);
  guint i;

  g_free (self->id);
  g_free (self->party);
  g_free (self->title);
  g_array_unref (self->tiers);
  g_array_unref (self->milestones);
  g_array_unref (self->split);
  for (i = 0; i < self->stores->len; i++)
    {
      g_free (g_array_index (self->stores, AttribPlanStore, i).agent);
      g_free (g_array_index (self->stores, AttribPlanStore, i).store);
    }
  g_array_unref (self->stores);
  g_free (self->canonical);
  G_OBJECT_CLASS (attrib_commission_plan_parent_class)->finalize (object);
}

static void
attrib_commission_plan_class_init (AttribCommissionPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attrib_commission_plan_finalize;
  _attrib_bind_textdomain ();
}

static void
attrib_commission_plan_init (AttribCommissionPlan *self)
{
  guint p;

  self->effective = G_MININT32;
  self->until = G_MAXINT32;
  for (p = 0; p < G_N_ELEMENTS (self->products); p++)
    self->products[p].cap = -1;
  self->tiers = g_array_new (FALSE, FALSE, sizeof (AttribTierStep));
  self->milestones = g_array_new (FALSE, FALSE, sizeof (AttribMilestone));
  self->split = g_array_new (FALSE, FALSE, sizeof (AttribSplitPart));
  self->stores = g_array_new (FALSE, FALSE, sizeof (AttribPlanStore));
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

typedef struct
{
  const char *filename;
  GError **error;
} Reader;

#define FAIL(r, node, ...) _attrib_json_fail_at ((r)->error, (r)->filename, (node), __VA_ARGS__)

static gboolean
check_keys (Reader               *r,
            const AttribJsonNode *object,
            const char * const   *allowed,
            const char           *what)
{
  guint i;

  if (object->kind != ATTRIB_JSON_OBJECT)
    return FAIL (r, object, _("%s must be an object"), what);
  for (i = 0; i < object->object.n_members; i++)
    if (!g_strv_contains (allowed, object->object.members[i].key))
      {
        AttribJsonNode at = { 0, };

        at.line = object->object.members[i].line;
        at.column = object->object.members[i].column;
        {
          g_autofree char *shown = _attrib_for_display (object->object.members[i].key);

          return FAIL (r, &at, _("unknown key “%s” in %s"), shown, what);
        }
      }
    else if (g_str_equal (object->object.members[i].key, "note") &&
             object->object.members[i].value->kind != ATTRIB_JSON_STRING)
      return FAIL (r, object->object.members[i].value, _("“note” is free text (a string)"));
  return TRUE;
}

static gboolean
get_text (Reader               *r,
          const AttribJsonNode *node,
          const char           *what,
          const char          **out)
{
  if (node->kind != ATTRIB_JSON_STRING || node->string.len == 0)
    return FAIL (r, node, _("%s must be a non-empty string"), what);
  *out = node->string.str;
  return TRUE;
}

static gboolean
get_money (Reader               *r,
           const AttribJsonNode *node,
           const char           *what,
           gint64               *out)
{
  GError *inner = NULL;

  if (node->kind != ATTRIB_JSON_STRING)
    return FAIL (r, node, _("%s is an amount in yuan written as a string (\"1000.00\")"), what);
  if (!attrib_money_parse (node->string.str, out, &inner))
    {
      FAIL (r, node, _("%s: %s"), what, inner->message);
      g_error_free (inner);
      return FALSE;
    }
  if (*out < 0)
    return FAIL (r, node, _("%s must not be negative"), what);
  return TRUE;
}

/* A percent with up to four decimals, as a fraction; @allow_full admits
 * 100%, @allow_zero 0%. */
static gboolean
get_percent (Reader               *r,
             const AttribJsonNode *node,
             const char           *what,
             gboolean              allow_zero,
             gint64               *out_num,
             gint64               *out_den)
{
  if (node->kind != ATTRIB_JSON_STRING || node->string.len == 0 || node->string.str[node->string.len - 1] != '%')
    return FAIL (r, node, _("%s is a percent with up to four decimals, written as a string (\"2.5%%\")"), what);
  if (allow_zero && strspn (node->string.str, "0.") == node->string.len - 1)
    {
      *out_num = 0;
      *out_den = 1;
      return TRUE;
    }
  if (!_attrib_fraction_parse (node->string.str, out_num, out_den, NULL))
    {
      g_autofree char *shown = _attrib_for_display (node->string.str);

      return FAIL (r, node, _("%s: “%s” is not a percent with up to four decimals"), what, shown);
    }
  if (*out_num > *out_den)
    return FAIL (r, node, _("%s must not exceed 100%%"), what);
  return TRUE;
}

static gboolean
get_date (Reader               *r,
          const AttribJsonNode *node,
          const char           *what,
          gint32               *out)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  AttribTime t;

  if (node->kind != ATTRIB_JSON_STRING || node->string.len != 10 ||
      !attrib_time_parse (node->string.str, utc, &t, NULL))
    return FAIL (r, node, _("%s is a date (YYYY-MM-DD)"), what);
  *out = attrib_time_get_local_day (t, utc);
  return TRUE;
}

/* A paying stage, or an array of them (the first reached counts). */
static gboolean
get_stages (Reader               *r,
            const AttribJsonNode *node,
            const char           *what,
            guint32              *out)
{
  const AttribJsonNode *single[1] = { node };
  const AttribJsonNode * const *items = single;
  guint n = 1, i;

  if (node->kind == ATTRIB_JSON_ARRAY)
    {
      items = (const AttribJsonNode * const *) node->array.items;
      n = node->array.n_items;
      if (n == 0)
        return FAIL (r, node, _("%s names no stage"), what);
    }
  *out = 0;
  for (i = 0; i < n; i++)
    {
      int stage;

      if (items[i]->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_DEAL_STAGE, items[i]->string.str, &stage) ||
          stage == ATTRIB_DEAL_STAGE_CANCELLED || stage == ATTRIB_DEAL_STAGE_UNIT_CHANGED ||
          stage == ATTRIB_DEAL_STAGE_RENAMED)
        return FAIL (r, items[i], _("%s: a paying stage is “subscribed”, “signed”, “loan_disbursed” or “paid”"), what);
      *out |= ATTRIB_STAGE_BIT (stage);
    }
  return TRUE;
}

static gboolean
read_product (Reader               *r,
              const AttribJsonNode *node,
              AttribProductRate    *out)
{
  static const char * const keys[] = { "rate", "amount", "cap", "note", NULL };
  const AttribJsonNode *rate, *amount, *cap;

  /* first: the look-ups below need an object */
  if (!check_keys (r, node, keys, _("a product's terms")))
    return FALSE;
  rate = _attrib_json_object_get (node, "rate");
  amount = _attrib_json_object_get (node, "amount");
  cap = _attrib_json_object_get (node, "cap");
  if ((rate == NULL) == (amount == NULL))
    return FAIL (r, node, _("a product's terms give a “rate” or an “amount” per unit, not both"));
  out->set = TRUE;
  if (rate != NULL && !get_percent (r, rate, "“rate”", FALSE, &out->num, &out->den))
    return FALSE;
  if (amount != NULL)
    {
      out->fixed = TRUE;
      if (!get_money (r, amount, "“amount”", &out->amount))
        return FALSE;
    }
  if (cap != NULL && !get_money (r, cap, "“cap”", &out->cap))
    return FALSE;
  return TRUE;
}

static gboolean
read_tiers (Reader               *r,
            AttribCommissionPlan *self,
            const AttribJsonNode *node)
{
  static const char * const keys[] = { "basis", "mode", "products", "steps", "note", NULL };
  const AttribJsonNode *basis, *mode, *products, *steps;
  guint i;

  /* first: the look-ups below need an object */
  if (!check_keys (r, node, keys, "“tiers”"))
    return FALSE;
  basis = _attrib_json_object_get (node, "basis");
  mode = _attrib_json_object_get (node, "mode");
  products = _attrib_json_object_get (node, "products");
  steps = _attrib_json_object_get (node, "steps");
  self->tiered = TRUE;
  if (basis != NULL)
    {
      if (basis->kind != ATTRIB_JSON_STRING || (!g_str_equal (basis->string.str, "units") && !g_str_equal (basis->string.str, "amount")))
        return FAIL (r, basis, _("“basis” is “units” or “amount”"));
      self->tier_amount = g_str_equal (basis->string.str, "amount");
    }
  if (mode != NULL)
    {
      if (mode->kind != ATTRIB_JSON_STRING ||
          (!g_str_equal (mode->string.str, "retroactive") && !g_str_equal (mode->string.str, "marginal")))
        return FAIL (r, mode, _("“mode” is “retroactive” or “marginal”"));
      self->tier_marginal = g_str_equal (mode->string.str, "marginal");
    }
  self->tier_products = 1u << ATTRIB_PRODUCT_RESIDENTIAL;
  if (products != NULL)
    {
      if (products->kind != ATTRIB_JSON_ARRAY || products->array.n_items == 0)
        return FAIL (r, products, _("“products” is an array of products"));
      self->tier_products = 0;
      for (i = 0; i < products->array.n_items; i++)
        {
          int p;

          if (products->array.items[i]->kind != ATTRIB_JSON_STRING ||
              !_attrib_enum_parse (ATTRIB_TYPE_PRODUCT, products->array.items[i]->string.str, &p))
            return FAIL (r, products->array.items[i], _("a product is “residential”, “commercial” or “parking”"));
          self->tier_products |= 1u << p;
        }
    }
  if (steps == NULL || steps->kind != ATTRIB_JSON_ARRAY || steps->array.n_items == 0)
    return FAIL (r, steps != NULL ? steps : node, _("“tiers” need “steps”: [{\"from\": 0, \"rate\": \"2%%\"}, …]"));
  if (steps->array.n_items > ATTRIB_LIMIT_TIER_STEPS)
    {
      g_set_error (r->error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT, _("%s:%u:%u: “tiers” have at most %d steps; “steps” lists %u"),
                   r->filename, steps->line, steps->column, ATTRIB_LIMIT_TIER_STEPS, steps->array.n_items);
      return FALSE;
    }
  for (i = 0; i < steps->array.n_items; i++)
    {
      static const char * const step_keys[] = { "from", "rate", "note", NULL };
      const AttribJsonNode *step = steps->array.items[i];
      const AttribJsonNode *from, *rate;
      AttribTierStep s = { 0, };

      if (!check_keys (r, step, step_keys, _("a tier step")))
        return FALSE;
      from = _attrib_json_object_get (step, "from");
      rate = _attrib_json_object_get (step, "rate");
      if (from == NULL || rate == NULL)
        return FAIL (r, step, _("a tier step needs “from” and “rate”"));
      if (self->tier_amount)
        {
          if (!get_money (r, from, "“from”", &s.from))
            return FALSE;
        }
      else if (from->kind != ATTRIB_JSON_NUMBER || !_attrib_json_number_get_int64 (from, &s.from) || s.from < 0)
        return FAIL (r, from, _("“from” is a number of units (0, 10, …)"));
      if (!get_percent (r, rate, "“rate”", FALSE, &s.num, &s.den))
        return FALSE;
      if (i == 0 && s.from != 0)
        return FAIL (r, from, _("the first tier starts “from” 0"));
      if (i > 0 && s.from <= g_array_index (self->tiers, AttribTierStep, i - 1).from)
        return FAIL (r, from, _("tier steps go up: each “from” above the one before"));
      g_array_append_val (self->tiers, s);
    }
  return TRUE;
}

/* Parts that must add up to 100%. */
static gboolean
check_whole (Reader               *r,
             const AttribJsonNode *node,
             gint64                num,
             gint64                den,
             const char           *what)
{
  if (num != den)
    return FAIL (r, node, _("the %s add up to %lld/%lld, not 100%%"), what, (long long) num, (long long) den);
  return TRUE;
}

static gboolean
read_milestones (Reader               *r,
                 AttribCommissionPlan *self,
                 const AttribJsonNode *node)
{
  gint64 sum_num = 0, sum_den = 1;
  guint32 seen = 0;
  guint i;

  if (node->kind != ATTRIB_JSON_ARRAY || node->array.n_items == 0)
    return FAIL (r, node, _("“milestones” is an array: [{\"stage\": \"signed\", \"share\": \"50%%\"}, …]"));
  for (i = 0; i < node->array.n_items; i++)
    {
      static const char * const keys[] = { "stage", "share", "note", NULL };
      const AttribJsonNode *item = node->array.items[i];
      const AttribJsonNode *stage, *share;
      AttribMilestone m = { 0, };

      if (!check_keys (r, item, keys, _("a milestone")))
        return FALSE;
      stage = _attrib_json_object_get (item, "stage");
      share = _attrib_json_object_get (item, "share");
      if (stage == NULL || share == NULL)
        return FAIL (r, item, _("a milestone needs a “stage” and a “share”"));
      if (!get_stages (r, stage, "“stage”", &m.stages) || !get_percent (r, share, "“share”", FALSE, &m.num, &m.den))
        return FALSE;
      if (m.stages & seen)
        return FAIL (r, stage, _("a stage pays at one milestone only"));
      seen |= m.stages;
      if (!_attrib_fraction_add (&sum_num, &sum_den, m.num, m.den))
        return FAIL (r, share, _("the shares are too fine to add up exactly"));
      g_array_append_val (self->milestones, m);
    }
  return check_whole (r, node, sum_num, sum_den, _("milestones' shares"));
}

static gboolean
read_split (Reader               *r,
            AttribCommissionPlan *self,
            const AttribJsonNode *node)
{
  gint64 sum_num = 0, sum_den = 1;
  guint32 seen = 0;
  guint i;

  if (node->kind != ATTRIB_JSON_ARRAY || node->array.n_items == 0)
    return FAIL (r, node, _("“split” is an array: [{\"to\": \"company\", \"share\": \"40%%\"}, …]"));
  for (i = 0; i < node->array.n_items; i++)
    {
      static const char * const keys[] = { "to", "share", "note", NULL };
      const AttribJsonNode *item = node->array.items[i];
      const AttribJsonNode *to, *share;
      AttribSplitPart part = { 0, };

      if (!check_keys (r, item, keys, _("a split")))
        return FALSE;
      to = _attrib_json_object_get (item, "to");
      share = _attrib_json_object_get (item, "share");
      if (to == NULL || share == NULL)
        return FAIL (r, item, _("a split needs “to” and a “share”"));
      if (to->kind != ATTRIB_JSON_STRING)
        return FAIL (r, to, _("“to” is “company”, “store” or “agent”"));
      if (g_str_equal (to->string.str, "company"))
        part.role = ATTRIB_SPLIT_COMPANY;
      else if (g_str_equal (to->string.str, "store"))
        part.role = ATTRIB_SPLIT_STORE;
      else if (g_str_equal (to->string.str, "agent"))
        part.role = ATTRIB_SPLIT_AGENT;
      else
        return FAIL (r, to, _("“to” is “company”, “store” or “agent”"));
      if (seen & (1u << part.role))
        {
          g_autofree char *shown = _attrib_for_display (to->string.str);

          return FAIL (r, to, _("“%s” is given twice"), shown);
        }
      seen |= 1u << part.role;
      if (!get_percent (r, share, "“share”", FALSE, &part.num, &part.den) ||
          !_attrib_fraction_add (&sum_num, &sum_den, part.num, part.den))
        return FALSE;
      g_array_append_val (self->split, part);
    }
  return check_whole (r, node, sum_num, sum_den, _("split's shares"));
}

static int
compare_stores (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const AttribPlanStore *) a)->agent, ((const AttribPlanStore *) b)->agent);
}

static gboolean
read_stores (Reader               *r,
             AttribCommissionPlan *self,
             const AttribJsonNode *node)
{
  guint i;

  if (node->kind != ATTRIB_JSON_OBJECT)
    return FAIL (r, node, _("“stores” is an object: agent → store"));
  for (i = 0; i < node->object.n_members; i++)
    {
      const AttribJsonMember *m = &node->object.members[i];
      AttribPlanStore store;
      GError *inner = NULL;

      if (!_attrib_validate_party (m->key, &inner) || strchr (m->key, '/') == NULL)
        {
          AttribJsonNode at = { 0, };

          at.line = m->line;
          at.column = m->column;
          g_clear_error (&inner);
          {
            g_autofree char *shown = _attrib_for_display (m->key);

            return FAIL (r, &at, _("“%s” is not an agent (channel/agent)"), shown);
          }
        }
      if (m->value->kind != ATTRIB_JSON_STRING || m->value->string.len == 0)
        return FAIL (r, m->value, _("a store is named by a string"));
      store.agent = g_strdup (m->key);
      store.store = g_strdup (m->value->string.str);
      g_array_append_val (self->stores, store);
    }
  g_array_sort (self->stores, compare_stores);
  return TRUE;
}

static void
append_percent (GString *out,
                gint64   num,
                gint64   den)
{
  g_autofree char *text = _attrib_rate_text (num, den);

  _attrib_json_append_string (out, text);
}

static void
append_money (GString *out,
              gint64   fen)
{
  g_autofree char *text = attrib_money_format (fen);

  _attrib_json_append_string (out, text);
}

static void
append_date (GString *out,
             gint32   day)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) day * 86400);
  g_autofree char *text = g_date_time_format (dt, "%Y-%m-%d");

  _attrib_json_append_string (out, text);
}

/* A set of paying stages: one name, or an array of names. */
static void
append_stages (GString *out,
               guint32  stages)
{
  guint s, n = 0;

  for (s = 0; s < 32; s++)
    n += (stages >> s) & 1;
  if (n > 1)
    g_string_append_c (out, '[');
  for (s = 0, n = 0; s < 32; s++)
    if (stages & ATTRIB_STAGE_BIT (s))
      {
        if (n++ > 0)
          g_string_append (out, ", ");
        _attrib_json_append_string (out, _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, s));
      }
  if (n > 1)
    g_string_append_c (out, ']');
}

/* The plan in one canonical line of its own format (`docs/commission.md`):
 * what fingerprints hash and to_json prints. Keys in the documented order,
 * rates and shares as percents, money in yuan, defaults left out. */
static char *
canonical (AttribCommissionPlan *self)
{
  GString *out = g_string_new ("{\"id\": ");
  guint i, p;

  _attrib_json_append_string (out, self->id);
  g_string_append (out, ", \"party\": ");
  _attrib_json_append_string (out, self->party);
  if (self->title != NULL)
    {
      g_string_append (out, ", \"title\": ");
      _attrib_json_append_string (out, self->title);
    }
  if (self->effective != G_MININT32)
    {
      g_string_append (out, ", \"effective\": ");
      append_date (out, self->effective);
    }
  if (self->until != G_MAXINT32)
    {
      g_string_append (out, ", \"until\": ");
      append_date (out, self->until);
    }
  g_string_append_printf (out, ", \"rounding\": \"%s\", \"products\": {",
                          _attrib_enum_nick (ATTRIB_TYPE_ROUNDING, self->rounding));
  for (p = 0, i = 0; p < G_N_ELEMENTS (self->products); p++)
    {
      const AttribProductRate *rate = &self->products[p];

      if (!rate->set)
        continue;
      g_string_append_printf (out, "%s\"%s\": {", i++ ? ", " : "", _attrib_enum_nick (ATTRIB_TYPE_PRODUCT, p));
      if (rate->fixed)
        {
          g_string_append (out, "\"amount\": ");
          append_money (out, rate->amount);
        }
      else
        {
          g_string_append (out, "\"rate\": ");
          append_percent (out, rate->num, rate->den);
        }
      if (rate->cap >= 0)
        {
          g_string_append (out, ", \"cap\": ");
          append_money (out, rate->cap);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
  if (self->tiered)
    {
      g_string_append_printf (out, ", \"tiers\": {\"basis\": \"%s\", \"mode\": \"%s\", \"products\": [",
                              self->tier_amount ? "amount" : "units", self->tier_marginal ? "marginal" : "retroactive");
      for (p = 0, i = 0; p < G_N_ELEMENTS (self->products); p++)
        if (self->tier_products & (1u << p))
          g_string_append_printf (out, "%s\"%s\"", i++ ? ", " : "", _attrib_enum_nick (ATTRIB_TYPE_PRODUCT, p));
      g_string_append (out, "], \"steps\": [");
      for (i = 0; i < self->tiers->len; i++)
        {
          const AttribTierStep *s = &g_array_index (self->tiers, AttribTierStep, i);

          g_string_append_printf (out, "%s{\"from\": ", i ? ", " : "");
          if (self->tier_amount)
            append_money (out, s->from);
          else
            g_string_append_printf (out, "%" G_GINT64_FORMAT, s->from);
          g_string_append (out, ", \"rate\": ");
          append_percent (out, s->num, s->den);
          g_string_append_c (out, '}');
        }
      g_string_append (out, "]}");
    }
  if (self->bonus_deal > 0 || self->bonus_visit > 0)
    {
      const char *sep = "";

      g_string_append (out, ", \"bonuses\": {");
      if (self->bonus_deal > 0)
        {
          g_string_append (out, "\"per_deal\": ");
          append_money (out, self->bonus_deal);
          sep = ", ";
        }
      if (self->bonus_visit > 0)
        {
          g_string_append_printf (out, "%s\"per_visit\": ", sep);
          append_money (out, self->bonus_visit);
        }
      g_string_append_c (out, '}');
    }
  if (self->milestones->len > 0)
    {
      g_string_append (out, ", \"milestones\": [");
      for (i = 0; i < self->milestones->len; i++)
        {
          const AttribMilestone *m = &g_array_index (self->milestones, AttribMilestone, i);

          g_string_append_printf (out, "%s{\"stage\": ", i ? ", " : "");
          append_stages (out, m->stages);
          g_string_append (out, ", \"share\": ");
          append_percent (out, m->num, m->den);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  if (self->retained)
    {
      g_string_append (out, ", \"retention\": {\"share\": ");
      append_percent (out, self->retention_num, self->retention_den);
      g_string_append (out, ", \"until\": ");
      append_stages (out, self->release);
      g_string_append_c (out, '}');
    }
  if (self->split->len > 0)
    {
      g_string_append (out, ", \"split\": [");
      for (i = 0; i < self->split->len; i++)
        {
          static const char *roles[] = { "company", "store", "agent" };
          const AttribSplitPart *part = &g_array_index (self->split, AttribSplitPart, i);

          g_string_append_printf (out, "%s{\"to\": \"%s\", \"share\": ", i ? ", " : "", roles[part->role]);
          append_percent (out, part->num, part->den);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  if (self->stores->len > 0)
    {
      g_string_append (out, ", \"stores\": {");
      for (i = 0; i < self->stores->len; i++)
        {
          const AttribPlanStore *s = &g_array_index (self->stores, AttribPlanStore, i);

          if (i > 0)
            g_string_append (out, ", ");
          _attrib_json_append_string (out, s->agent);
          g_string_append (out, ": ");
          _attrib_json_append_string (out, s->store);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

AttribCommissionPlan *
_attrib_commission_plan_new_from_node (const void  *root_node,
                                       const char  *filename,
                                       GError     **error)
{
  static const char * const keys[] = {
    "id", "party", "title", "effective", "until", "rounding", "products", "tiers", "bonuses",
    "milestones", "retention", "split", "stores", "note", NULL
  };
  const AttribJsonNode *root = root_node;
  g_autoptr(AttribCommissionPlan) self = g_object_new (ATTRIB_TYPE_COMMISSION_PLAN, NULL);
  Reader r = { filename, error };
  const AttribJsonNode *node;
  const char *text = NULL;
  GError *inner = NULL;
  guint i;

  if (!check_keys (&r, root, keys, _("a commission plan")))
    return NULL;

  if ((node = _attrib_json_object_get (root, "id")) == NULL)
    return FAIL (&r, root, _("a commission plan needs an “id”")), NULL;
  if (!get_text (&r, node, "“id”", &text))
    return NULL;
  self->id = g_strdup (text);
  if ((node = _attrib_json_object_get (root, "party")) == NULL)
    return FAIL (&r, root, _("a commission plan needs the “party” it pays (a channel, group or agent)")), NULL;
  if (!get_text (&r, node, "“party”", &text))
    return NULL;
  if (!_attrib_validate_party (text, &inner) || g_str_equal (text, "developer"))
    {
      FAIL (&r, node, _("“party”: %s"), inner != NULL ? inner->message : _("the developer pays, it is not paid"));
      g_clear_error (&inner);
      return NULL;
    }
  self->party = g_strdup (text);
  if ((node = _attrib_json_object_get (root, "title")) != NULL)
    {
      if (!get_text (&r, node, "“title”", &text))
        return NULL;
      self->title = g_strdup (text);
    }
  if ((node = _attrib_json_object_get (root, "effective")) != NULL && !get_date (&r, node, "“effective”", &self->effective))
    return NULL;
  if ((node = _attrib_json_object_get (root, "until")) != NULL && !get_date (&r, node, "“until”", &self->until))
    return NULL;
  if (self->until < self->effective)
    return FAIL (&r, node, _("“until” comes before “effective”")), NULL;
  if ((node = _attrib_json_object_get (root, "rounding")) != NULL)
    {
      int mode;

      if (node->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_ROUNDING, node->string.str, &mode))
        return FAIL (&r, node, _("“rounding” is “half_up” (四舍五入, the default) or “half_even”")), NULL;
      self->rounding = mode;
    }

  node = _attrib_json_object_get (root, "products");
  if (node == NULL || node->kind != ATTRIB_JSON_OBJECT || node->object.n_members == 0)
    return FAIL (&r, node != NULL ? node : root,
                 _("a commission plan needs “products”: {\"residential\": {\"rate\": \"2.5%%\"}, …}")), NULL;
  for (i = 0; i < node->object.n_members; i++)
    {
      const AttribJsonMember *m = &node->object.members[i];
      int product;

      if (!_attrib_enum_parse (ATTRIB_TYPE_PRODUCT, m->key, &product))
        {
          AttribJsonNode at = { 0, };

          at.line = m->line;
          at.column = m->column;
          {
            g_autofree char *shown = _attrib_for_display (m->key);

            return FAIL (&r, &at, _("“%s” is not a product (residential, commercial, parking)"), shown), NULL;
          }
        }
      if (!read_product (&r, m->value, &self->products[product]))
        return NULL;
    }

  if ((node = _attrib_json_object_get (root, "tiers")) != NULL && !read_tiers (&r, self, node))
    return NULL;
  if ((node = _attrib_json_object_get (root, "bonuses")) != NULL)
    {
      static const char * const bonus_keys[] = { "per_deal", "per_visit", "note", NULL };
      const AttribJsonNode *b;

      if (!check_keys (&r, node, bonus_keys, "“bonuses”"))
        return NULL;
      if ((b = _attrib_json_object_get (node, "per_deal")) != NULL && !get_money (&r, b, "“per_deal”", &self->bonus_deal))
        return NULL;
      if ((b = _attrib_json_object_get (node, "per_visit")) != NULL && !get_money (&r, b, "“per_visit”", &self->bonus_visit))
        return NULL;
    }
  if ((node = _attrib_json_object_get (root, "milestones")) != NULL && !read_milestones (&r, self, node))
    return NULL;
  if ((node = _attrib_json_object_get (root, "retention")) != NULL)
    {
      static const char * const retention_keys[] = { "share", "until", "note", NULL };
      const AttribJsonNode *share, *until;

      if (!check_keys (&r, node, retention_keys, "“retention”"))
        return NULL;
      share = _attrib_json_object_get (node, "share");
      until = _attrib_json_object_get (node, "until");
      if (share == NULL || until == NULL)
        return FAIL (&r, node, _("“retention” needs a “share” and the stage it is held “until”")), NULL;
      if (!get_percent (&r, share, "“share”", FALSE, &self->retention_num, &self->retention_den) ||
          !get_stages (&r, until, "“until”", &self->release))
        return NULL;
      if (self->retention_num == self->retention_den)
        return FAIL (&r, share, _("a retention of 100%% would pay nothing")), NULL;
      self->retained = TRUE;
    }
  if ((node = _attrib_json_object_get (root, "split")) != NULL && !read_split (&r, self, node))
    return NULL;
  if ((node = _attrib_json_object_get (root, "stores")) != NULL && !read_stores (&r, self, node))
    return NULL;

  self->canonical = canonical (self);
  return g_steal_pointer (&self);
}

/**
 * attrib_commission_plan_new_from_data:
 * @data: (array length=length) (element-type guint8): the plan as JSON ([Commission and statements](commission.html))
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to report errors under
 * @error: return location for a #GError
 *
 * Reads a commission plan.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 *   (`file:line:column` and what is wrong)
 */
AttribCommissionPlan *
attrib_commission_plan_new_from_data (const char  *data,
                                      gssize       length,
                                      const char  *filename,
                                      GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (filename == NULL)
    filename = "<plan>";
  doc = _attrib_json_parse (data, length < 0 ? strlen (data) : (gsize) length, filename, error);
  if (doc == NULL)
    return NULL;
  return _attrib_commission_plan_new_from_node (_attrib_json_document_get_root (doc), filename, error);
}

/**
 * attrib_commission_plan_new_from_file:
 * @file: a plan file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a commission plan from a file.
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
AttribCommissionPlan *
attrib_commission_plan_new_from_file (GFile         *file,
                                      GCancellable  *cancellable,
                                      GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
    return NULL;
  name = g_file_get_parse_name (file);
  return attrib_commission_plan_new_from_data (contents, length, name, error);
}

/**
 * attrib_commission_plan_get_id:
 * @self: a plan
 *
 * The plan's id, cited by its commission lines.
 *
 * Returns: (transfer none): the id
 */
const char *
attrib_commission_plan_get_id (AttribCommissionPlan *self)
{
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (self), NULL);
  return self->id;
}

/**
 * attrib_commission_plan_get_party:
 * @self: a plan
 *
 * The party the plan pays: a channel (which covers its agents), a group,
 * or one agent.
 *
 * Returns: (transfer none): the party
 */
const char *
attrib_commission_plan_get_party (AttribCommissionPlan *self)
{
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (self), NULL);
  return self->party;
}

/**
 * attrib_commission_plan_get_title:
 * @self: a plan
 *
 * The contract's title, as written.
 *
 * Returns: (transfer none) (nullable): the title
 */
const char *
attrib_commission_plan_get_title (AttribCommissionPlan *self)
{
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (self), NULL);
  return self->title;
}

/**
 * attrib_commission_plan_get_rounding:
 * @self: a plan
 *
 * How the plan rounds a commission to whole fen, once per line.
 *
 * Returns: the rounding mode
 */
AttribRounding
attrib_commission_plan_get_rounding (AttribCommissionPlan *self)
{
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (self), ATTRIB_ROUNDING_HALF_UP);
  return self->rounding;
}

/**
 * attrib_commission_plan_to_json:
 * @self: a plan
 *
 * The plan as one line of JSON in the plan format ([Commission and statements](commission.html)),
 * canonical: keys in the documented order, rates and shares as percents,
 * money in yuan, defaults left out. It reads back to the same plan, and it
 * is what statement fingerprints cover.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_commission_plan_to_json (AttribCommissionPlan *self)
{
  g_return_val_if_fail (ATTRIB_IS_COMMISSION_PLAN (self), NULL);
  return g_strdup (self->canonical);
}

const char *
_attrib_commission_plan_get_canonical (AttribCommissionPlan *self)
{
  return self->canonical;
}

const char *
_attrib_commission_plan_get_store (AttribCommissionPlan *self,
                                   const char           *agent)
{
  guint lo = 0, hi = self->stores->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = strcmp (g_array_index (self->stores, AttribPlanStore, mid).agent, agent);

      if (c == 0)
        return g_array_index (self->stores, AttribPlanStore, mid).store;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}
