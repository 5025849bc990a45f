/* fuzz-money.c: amounts of money, and the fen arithmetic of commission
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: an amount in yuan as written ("3250000.00", "-0.5"), read by
 * attrib_money_parse(); what it accepts formats and parses back to the
 * same fen. The same bytes are also taken as numbers: the first eight as
 * a gint64 of fen, which must format and parse back to itself; with 25
 * bytes or more, a × b / c rounded (_attrib_money_mul_div) is compared
 * with 128-bit arithmetic, and a split by the largest remainder
 * (_attrib_money_allocate) of the first amount by the weights that follow
 * must sum to the whole, each part within one fen of its exact share.
 */

#include <string.h>

#include "attrib-money-private.h"
#include "fuzz-common.h"

#define MAX_WEIGHTS 8

static gint64
read_int64 (const uint8_t *p)
{
  guint64 v = 0;
  int i;

  for (i = 7; i >= 0; i--)
    v = v << 8 | p[i];
  return (gint64) v;
}

static guint32
read_uint32 (const uint8_t *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static void
check_text (const char *text)
{
  g_autofree char *formatted = NULL;
  GError *error = NULL;
  gint64 fen, again;

  if (!attrib_money_parse (text, &fen, &error))
    {
      g_assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_MONEY));
      fuzz_check_error (&error);
      return;
    }
  g_assert_no_error (error);
  formatted = attrib_money_format (fen);
  if (!attrib_money_parse (formatted, &again, &error))
    g_error ("“%s” is %" G_GINT64_FORMAT " fen, formatted “%s”, which is refused: %s", text, fen, formatted,
             error->message);
  g_assert_cmpint (again, ==, fen);
}

static void
check_fen (gint64 fen)
{
  g_autofree char *formatted = attrib_money_format (fen);
  GError *error = NULL;
  gint64 again;

  if (!attrib_money_parse (formatted, &again, &error))
    g_error ("%" G_GINT64_FORMAT " fen formatted is “%s”, which is refused: %s", fen, formatted, error->message);
  g_assert_cmpint (again, ==, fen);
}

#ifdef __SIZEOF_INT128__

static gboolean
reference_mul_div (gint64          a,
                   gint64          b,
                   gint64          c,
                   AttribRounding  mode,
                   gint64         *out)
{
  __int128 product = (__int128) a * b;
  gboolean negative = product < 0;
  unsigned __int128 magnitude = negative ? (unsigned __int128) 0 - (unsigned __int128) product
                                         : (unsigned __int128) product;
  unsigned __int128 q, r, limit;

  if (c <= 0)
    return FALSE;
  q = magnitude / (unsigned __int128) c;
  r = magnitude % (unsigned __int128) c;
  if (2 * r > (unsigned __int128) c ||
      (2 * r == (unsigned __int128) c && (mode == ATTRIB_ROUNDING_HALF_UP || (q & 1) != 0)))
    q++;
  limit = negative ? (unsigned __int128) G_MAXINT64 + 1 : (unsigned __int128) G_MAXINT64;
  if (q > limit)
    return FALSE;
  *out = negative ? (gint64) ((__int128) 0 - (__int128) q) : (gint64) q;
  return TRUE;
}

static void
check_mul_div (gint64         a,
               gint64         b,
               gint64         c,
               AttribRounding mode)
{
  gint64 got = 0, want = 0;
  gboolean ok = _attrib_money_mul_div (a, b, c, mode, &got);
  gboolean want_ok = reference_mul_div (a, b, c, mode, &want);

  if (ok != want_ok || (ok && got != want))
    g_error ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT " (%s): %s %" G_GINT64_FORMAT
             ", not %s %" G_GINT64_FORMAT,
             a, b, c, mode == ATTRIB_ROUNDING_HALF_UP ? "half up" : "half even",
             ok ? "ok" : "overflow", got, want_ok ? "ok" : "overflow", want);
}

static void
check_allocate (gint64         whole,
                const gint64  *weights,
                guint          n)
{
  gint64 parts[MAX_WEIGHTS] = { 0, };
  unsigned __int128 magnitude = whole < 0 ? (unsigned __int128) 0 - (unsigned __int128) (__int128) whole
                                          : (unsigned __int128) whole;
  unsigned __int128 total = 0, sum = 0;
  gboolean ok;
  guint i;

  for (i = 0; i < n; i++)
    total += (unsigned __int128) weights[i];
  ok = _attrib_money_allocate (whole, weights, n, parts);
  if (total == 0 || total > G_MAXINT64 || whole == G_MININT64)
    {
      g_assert_false (ok);
      return;
    }
  g_assert_true (ok);

  for (i = 0; i < n; i++)
    {
      unsigned __int128 exact = magnitude * (unsigned __int128) weights[i];
      unsigned __int128 part = whole < 0 ? (unsigned __int128) 0 - (unsigned __int128) (__int128) parts[i]
                                         : (unsigned __int128) parts[i];

      g_assert_true ((whole < 0) ? parts[i] <= 0 : parts[i] >= 0);
      /* floor (exact share) or one fen more */
      if (!(exact + total >= part * total && exact < (part + 1) * total))
        g_error ("%" G_GINT64_FORMAT " split by weight %" G_GINT64_FORMAT " of %u parts: part %u is %" G_GINT64_FORMAT,
                 whole, weights[i], n, i, parts[i]);
      if (weights[i] == 0)
        g_assert_cmpint (parts[i], ==, 0);
      sum += part;
    }
  if (sum != magnitude)
    g_error ("%" G_GINT64_FORMAT " split into %u parts sums to something else", whole, n);
}

#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  check_text (text);

  if (size >= 8)
    check_fen (read_int64 (data));
#ifdef __SIZEOF_INT128__
  if (size >= 25)
    {
      gint64 weights[MAX_WEIGHTS];
      guint n = 0;
      size_t at;

      check_mul_div (read_int64 (data), read_int64 (data + 8), read_int64 (data + 16),
                     (data[24] & 1) ? ATTRIB_ROUNDING_HALF_EVEN : ATTRIB_ROUNDING_HALF_UP);
      for (at = 25; at + 4 <= size && n < MAX_WEIGHTS; at += 4)
        weights[n++] = read_uint32 (data + at);
      if (n > 0)
        check_allocate (read_int64 (data), weights, n);
    }
#endif
  return 0;
}
