/* attrib-money.c: money as integer fen
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-money-private.h"
#include "attrib-util-private.h"

/* Exact arithmetic {{{1 */

gboolean
_attrib_money_add_checked (gint64  a,
                           gint64  b,
                           gint64 *out)
{
  if ((b > 0 && a > G_MAXINT64 - b) || (b < 0 && a < G_MININT64 - b))
    return FALSE;
  *out = a + b;
  return TRUE;
}

gboolean
_attrib_money_mul_checked (gint64  a,
                           gint64  b,
                           gint64 *out)
{
  /* Each test divides by a non-zero operand whose quotient cannot
   * itself overflow (G_MININT64 / -1 is never computed). */
  if (a > 0)
    {
      if (b > 0 ? a > G_MAXINT64 / b : b < G_MININT64 / a)
        return FALSE;
    }
  else if (a < 0)
    {
      if (b > 0 ? a < G_MININT64 / b : b != 0 && b < G_MAXINT64 / a)
        return FALSE;
    }
  *out = a * b;
  return TRUE;
}

/* 128-bit products {{{1
 *
 * Unsigned magnitudes in two 64-bit limbs; enough for a price in fen times
 * a rate's numerator, divided back by its denominator. */

typedef struct
{
  guint64 hi;
  guint64 lo;
} U128;

static U128
mul_64x64 (guint64 a,
           guint64 b)
{
  guint64 a_lo = a & 0xffffffffu, a_hi = a >> 32;
  guint64 b_lo = b & 0xffffffffu, b_hi = b >> 32;
  guint64 p0 = a_lo * b_lo, p1 = a_lo * b_hi, p2 = a_hi * b_lo, p3 = a_hi * b_hi;
  guint64 middle = (p0 >> 32) + (p1 & 0xffffffffu) + (p2 & 0xffffffffu);
  U128 r;

  r.lo = (p0 & 0xffffffffu) | (middle << 32);
  r.hi = p3 + (p1 >> 32) + (p2 >> 32) + (middle >> 32);
  return r;
}

/* n / d and n % d for d > 0; FALSE if the quotient needs more than 64
 * bits. Long division, a bit at a time: commission lines are few. */
static gboolean
divmod_128 (U128     n,
            guint64  d,
            guint64 *out_q,
            guint64 *out_r)
{
  guint64 q = 0, r = 0;
  int i;

  if (n.hi >= d)
    return FALSE;   /* the quotient would not fit in 64 bits */
  r = n.hi;
  for (i = 63; i >= 0; i--)
    {
      gboolean carry = (r >> 63) != 0;

      r = (r << 1) | ((n.lo >> i) & 1);
      q <<= 1;
      if (carry || r >= d)
        {
          r -= d;
          q |= 1;
        }
    }
  *out_q = q;
  *out_r = r;
  return TRUE;
}

static guint64
magnitude (gint64 v)
{
  return v < 0 ? (guint64) 0 - (guint64) v : (guint64) v;
}

gboolean
_attrib_money_mul_div (gint64          a,
                       gint64          b,
                       gint64          c,
                       AttribRounding  mode,
                       gint64         *out)
{
  gboolean negative = (a < 0) != (b < 0) && a != 0 && b != 0;
  guint64 q, r, half, limit;

  if (c <= 0 || !divmod_128 (mul_64x64 (magnitude (a), magnitude (b)), (guint64) c, &q, &r))
    return FALSE;
  half = (guint64) c - r;   /* r > c - r  ⇔  2r > c, without overflow */
  if (r > half || (r == half && (mode == ATTRIB_ROUNDING_HALF_UP || (q & 1) != 0)))
    {
      if (q == G_MAXUINT64)
        return FALSE;
      q++;
    }
  limit = negative ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;
  if (q > limit)
    return FALSE;
  *out = negative ? (gint64) ((guint64) 0 - q) : (gint64) q;
  return TRUE;
}

gboolean
_attrib_money_allocate (gint64         whole,
                        const gint64  *weights,
                        guint          n,
                        gint64        *out_parts)
{
  g_autofree guint64 *remainders = NULL;
  guint64 total = 0, magnitude_whole = magnitude (whole), given = 0, left;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (weights[i] < 0 || (guint64) weights[i] > G_MAXUINT64 - total)
        return FALSE;
      total += (guint64) weights[i];
    }
  if (total == 0 || total > G_MAXINT64 || whole == G_MININT64)
    return FALSE;

  remainders = g_new (guint64, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      guint64 q;

      if (!divmod_128 (mul_64x64 (magnitude_whole, (guint64) weights[i]), total, &q, &remainders[i]))
        return FALSE;
      out_parts[i] = (gint64) q;
      given += q;
    }
  /* the fen left over, one each, to the largest remainders; at equal
   * remainders the lower index first */
  for (left = magnitude_whole - given; left > 0; left--)
    {
      guint best = n;

      for (i = 0; i < n; i++)
        if (weights[i] > 0 && remainders[i] != G_MAXUINT64 && (best == n || remainders[i] > remainders[best]))
          best = i;
      g_assert (best < n);
      out_parts[best]++;
      remainders[best] = G_MAXUINT64;   /* each part gets at most one */
    }
  if (whole < 0)
    for (i = 0; i < n; i++)
      out_parts[i] = -out_parts[i];
  return TRUE;
}

/* Text {{{1 */

#define fail(error, text, ...) \
  (_attrib_set_input_error ((error), ATTRIB_ERROR_INVALID_MONEY, (text), __VA_ARGS__), FALSE)

#define EXPECTED _("is not an amount in yuan: write digits with at most 2 decimals, " \
                   "like 3250000.00 or -0.5, with no sign other than a leading minus, " \
                   "no spaces and no thousands separators")

/**
 * attrib_money_parse:
 * @text: an amount of money in yuan, as decimal text
 * @out_fen: (out) (optional): return location for the amount in fen
 *   (1 yuan = 100 fen)
 * @error: return location for a #GError, or %NULL
 *
 * Parses an amount of money as written in scenario files: decimal yuan
 * with at most 2 decimals, `"3250000.00"`, never a binary floating-point
 * number, so that every amount is exact. Amounts are kept as whole fen
 * (分, 0.01 yuan): `"3250000.00"` is 325000000 fen, `"0.5"` is 50 fen,
 * `"-12.3"` is −1230 fen.
 *
 * The text is an optional `-`, then the yuan digits (no leading zeros
 * except a single `0`), then optionally `.` and one or two digits. Signs
 * other than a leading `-`, spaces, thousands separators, exponents,
 * `.5`, `5.`, a third decimal (a fraction of a fen) and amounts beyond
 * what a gint64 of fen holds (−92233720368547758.08 to
 * 92233720368547758.07 yuan) are errors, never silently rounded.
 *
 * Returns: %TRUE on success; %FALSE with @error set to
 *   %ATTRIB_ERROR_INVALID_MONEY (the message quotes @text and says what is
 *   wrong)
 */
gboolean
attrib_money_parse (const char  *text,
                    gint64      *out_fen,
                    GError     **error)
{
  const char *p = text;
  gboolean negative = FALSE, overflow = FALSE;
  gint64 negated = 0;  /* minus the amount, so that G_MININT64 fits */
  gint64 fen;
  guint decimals = 0;
  int cents = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attrib_bind_textdomain ();

  if (*p == '\0')
    return fail (error, text, _("is empty: an amount in yuan is needed, like 3250000.00"));

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return fail (error, text, EXPECTED);
  if (*p == '0' && g_ascii_isdigit (p[1]))
    return fail (error, text, _("is not an amount in yuan: it has a leading zero"));

  for (; g_ascii_isdigit (*p); p++)
    {
      if (!overflow &&
          (!_attrib_money_mul_checked (negated, 10, &negated) ||
           !_attrib_money_add_checked (negated, -(*p - '0'), &negated)))
        overflow = TRUE;
    }

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          decimals++;
          if (decimals <= 2)
            cents = cents * 10 + (*p - '0');
        }
      if (decimals == 0)
        return fail (error, text, _("is not an amount in yuan: a decimal point must be followed by 1 or 2 digits"));
      if (decimals > 2)
        return fail (error, text, _("has %u decimals: amounts in yuan have at most 2 decimals (fen)"),
                     decimals);
      if (decimals == 1)
        cents *= 10;
    }

  if (*p != '\0')
    return fail (error, text, EXPECTED);

  if (overflow ||
      !_attrib_money_mul_checked (negated, 100, &fen) ||
      !_attrib_money_add_checked (fen, -cents, &fen) ||
      (!negative && fen == G_MININT64))
    return fail (error, text,
                 _("is out of range: amounts go from -92233720368547758.08 to 92233720368547758.07 yuan"));

  if (out_fen != NULL)
    *out_fen = negative ? fen : -fen;
  return TRUE;
}

/**
 * attrib_money_format:
 * @fen: an amount in fen (1 yuan = 100 fen)
 *
 * Formats an amount as decimal yuan with exactly 2 decimals, the form
 * [func@Attrib.money_parse] reads back: 325000000 fen is `"3250000.00"`,
 * −5 fen is `"-0.05"`, 0 is `"0.00"`. Every gint64 is formatted exactly,
 * %G_MININT64 included.
 *
 * Returns: (transfer full): the amount in yuan; free with g_free()
 */
char *
attrib_money_format (gint64 fen)
{
  guint64 magnitude;

  magnitude = fen < 0 ? (guint64) -(fen + 1) + 1 : (guint64) fen;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u",
                          fen < 0 ? "-" : "",
                          magnitude / 100,
                          (unsigned int) (magnitude % 100));
}
