/* attrib-commission-line.c: one amount due, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-commission-line-private.h"
#include "attrib-event-private.h"
#include "attrib-json-private.h"

/**
 * AttribCommissionLine:
 *
 * One line of a commission statement: an amount in fen that falls due to a
 * party (or is charged to it) at a time, with everything that produced it
 * — the deal and its paying stage, the basis (the price), the rate or tier,
 * the party's share, the plan and the term of the plan — and an
 * explanation in words. Amounts are signed: a clawback, a retention or a
 * fine is negative.
 *
 * [class@Attrib.Calculator] makes the lines; [struct@Attrib.Statement]
 * groups a party's lines by month.
 */

G_DEFINE_BOXED_TYPE (AttribCommissionLine, attrib_commission_line, attrib_commission_line_ref,
                     attrib_commission_line_unref)

AttribCommissionLine *
_attrib_commission_line_new (void)
{
  AttribCommissionLine *self = g_new0 (AttribCommissionLine, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rate_den = 1;
  self->stage = -1;
  self->share_num = 1;
  self->share_den = 1;
  return self;
}

/**
 * attrib_commission_line_ref:
 * @self: a line
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribCommissionLine *
attrib_commission_line_ref (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_commission_line_unref:
 * @self: (transfer full): a line
 *
 * Releases a reference; the last one frees the line.
 */
void
attrib_commission_line_unref (AttribCommissionLine *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->party);
  g_free (self->at_text);
  g_free (self->deal);
  g_free (self->milestone);
  g_free (self->plan);
  g_free (self->rule);
  g_free (self->event);
  g_free (self->explanation);
  g_free (self);
}

/**
 * attrib_commission_line_get_party:
 * @self: a line
 *
 * Who is paid, or charged: a channel, a store or an agent.
 *
 * Returns: (transfer none): the party
 */
const char *
attrib_commission_line_get_party (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->party;
}

/**
 * attrib_commission_line_get_at:
 * @self: a line
 *
 * When the amount fell due: the time of the event that made it due.
 *
 * Returns: the time
 */
AttribTime
attrib_commission_line_get_at (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * attrib_commission_line_get_period:
 * @self: a line
 *
 * The settlement month of the line, `YYYY-MM`, in the profile's time zone.
 *
 * Returns: (transfer none): the period
 */
const char *
attrib_commission_line_get_period (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->period;
}

/**
 * attrib_commission_line_get_kind:
 * @self: a line
 *
 * What the line is: a commission, an adjustment, a clawback …
 *
 * Returns: the kind
 */
AttribLineKind
attrib_commission_line_get_kind (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, ATTRIB_LINE_KIND_COMMISSION);
  return self->kind;
}

/**
 * attrib_commission_line_get_deal:
 * @self: a line
 *
 * The deal the line is for.
 *
 * Returns: (transfer none) (nullable): the deal id, or %NULL for a fine
 *   or a bonus per visit
 */
const char *
attrib_commission_line_get_deal (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->deal;
}

/**
 * attrib_commission_line_get_milestone:
 * @self: a line
 *
 * The paying stage (结佣节点) the line belongs to, as its nick (`signed`,
 * `loan_disbursed` …).
 *
 * Returns: (transfer none) (nullable): the stage, or %NULL
 */
const char *
attrib_commission_line_get_milestone (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->milestone;
}

/**
 * attrib_commission_line_get_basis:
 * @self: a line
 *
 * The price the commission was computed on, in fen.
 *
 * Returns: the basis in fen, 0 if the line has none
 */
gint64
attrib_commission_line_get_basis (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->basis;
}

/**
 * attrib_commission_line_get_rate:
 * @self: a line
 * @out_numerator: (out) (optional): the rate's numerator
 * @out_denominator: (out) (optional): the rate's denominator
 *
 * The rate (or the tier's rate) the commission was computed at, as an
 * exact fraction (2.5% is 1/40).
 *
 * Returns: %TRUE if the line was computed at a rate; %FALSE for a fixed
 *   amount, a bonus or a fine (the fraction is then 0/1)
 */
gboolean
attrib_commission_line_get_rate (AttribCommissionLine *self,
                                 gint64               *out_numerator,
                                 gint64               *out_denominator)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_numerator != NULL)
    *out_numerator = self->rate_num;
  if (out_denominator != NULL)
    *out_denominator = self->rate_den;
  return self->rate_num != 0;
}

/**
 * attrib_commission_line_get_share:
 * @self: a line
 * @out_numerator: (out) (optional): the share's numerator
 * @out_denominator: (out) (optional): the share's denominator
 *
 * The party's commission share of the deal (from its verdict), as an
 * exact fraction; 1/1 for a fine or a bonus per visit.
 */
void
attrib_commission_line_get_share (AttribCommissionLine *self,
                                  gint64               *out_numerator,
                                  gint64               *out_denominator)
{
  g_return_if_fail (self != NULL);
  if (out_numerator != NULL)
    *out_numerator = self->share_num;
  if (out_denominator != NULL)
    *out_denominator = self->share_den;
}

/**
 * attrib_commission_line_get_amount:
 * @self: a line
 *
 * The amount in fen: positive when due to the party, negative when taken
 * back or charged.
 *
 * Returns: the amount in fen
 */
gint64
attrib_commission_line_get_amount (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->amount;
}

/**
 * attrib_commission_line_get_plan:
 * @self: a line
 *
 * The id of the plan that produced the line.
 *
 * Returns: (transfer none): the plan id
 */
const char *
attrib_commission_line_get_plan (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->plan;
}

/**
 * attrib_commission_line_get_rule:
 * @self: a line
 *
 * The term of the plan that produced the line: `products.residential`,
 * `tiers`, `bonuses.per_deal`, `retention`, `fine` …
 *
 * Returns: (transfer none): the rule
 */
const char *
attrib_commission_line_get_rule (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->rule;
}

/**
 * attrib_commission_line_get_event:
 * @self: a line
 *
 * The id of the event that made the amount due: the deal's stage, a
 * ruling, another deal that changed the tier, a sanction.
 *
 * Returns: (transfer none) (nullable): the event id
 */
const char *
attrib_commission_line_get_event (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->event;
}

/**
 * attrib_commission_line_get_explanation:
 * @self: a line
 *
 * Why the amount is due, in the language of the current locale.
 *
 * Returns: (transfer none): the explanation
 */
const char *
attrib_commission_line_get_explanation (AttribCommissionLine *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->explanation;
}

/* A rate as a percent when it is exact to four decimals (“2.5%”), else as
 * a fraction. */
char *
_attrib_rate_text (gint64 num,
                   gint64 den)
{
  gint64 scaled;
  GString *s;

  if (__builtin_mul_overflow (num, 1000000, &scaled) || scaled % den != 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, num, den);
  scaled /= den;   /* in 0.0001 % */
  s = g_string_new (NULL);
  g_string_append_printf (s, "%" G_GINT64_FORMAT, scaled / 10000);
  if (scaled % 10000 != 0)
    {
      char frac[8];
      gsize len;

      g_snprintf (frac, sizeof frac, "%04" G_GINT64_FORMAT, scaled % 10000);
      for (len = strlen (frac); frac[len - 1] == '0'; len--)
        frac[len - 1] = '\0';
      g_string_append_printf (s, ".%s", frac);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

static void
canon_string (GString    *out,
              const char *key,
              const char *value)
{
  g_string_append_printf (out, ", \"%s\": ", key);
  if (value != NULL)
    _attrib_json_append_string (out, value);
  else
    g_string_append (out, "null");
}

/* The line as one canonical JSON object, without the explanation (words
 * that depend on the locale): what statement fingerprints hash. */
void
_attrib_commission_line_append_canonical (AttribCommissionLine *self,
                                          GString              *out)
{
  g_string_append (out, "{\"party\": ");
  _attrib_json_append_string (out, self->party);
  g_string_append_printf (out, ", \"at\": %" G_GINT64_FORMAT ", \"kind\": \"%s\"", self->at,
                          _attrib_enum_nick (ATTRIB_TYPE_LINE_KIND, self->kind));
  canon_string (out, "deal", self->deal);
  canon_string (out, "milestone", self->milestone);
  g_string_append_printf (out, ", \"basis\": %" G_GINT64_FORMAT ", \"rate\": \"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                          "\", \"share\": \"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\", \"amount\": %" G_GINT64_FORMAT,
                          self->basis, self->rate_num, self->rate_den, self->share_num, self->share_den, self->amount);
  canon_string (out, "plan", self->plan);
  canon_string (out, "rule", self->rule);
  canon_string (out, "event", self->event);
  g_string_append_c (out, '}');
}

static int
strcmp0 (const char *a,
         const char *b)
{
  return a == NULL ? (b == NULL ? 0 : -1) : b == NULL ? 1 : strcmp (a, b);
}

/* Canonical order: time, deal, party, stage, kind. */
int
_attrib_commission_line_compare (const AttribCommissionLine *a,
                                 const AttribCommissionLine *b)
{
  int c;

  if (a->at != b->at)
    return a->at < b->at ? -1 : 1;
  if ((c = strcmp0 (a->deal, b->deal)) != 0 || (c = strcmp (a->party, b->party)) != 0 ||
      (a->stage != b->stage && (c = a->stage < b->stage ? -1 : 1) != 0))
    return c;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  return strcmp0 (a->rule, b->rule);
}
