/* attrib-fraction.c: exact shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-fraction-private.h"

gint64
_attrib_gcd (gint64 a,
             gint64 b)
{
  if (a < 0)
    a = -a;
  if (b < 0)
    b = -b;
  while (b != 0)
    {
      gint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

gboolean
_attrib_fraction_reduce (gint64  numerator,
                         gint64  denominator,
                         gint64 *out_numerator,
                         gint64 *out_denominator)
{
  gint64 g;

  if (denominator == 0 || numerator == G_MININT64 || denominator == G_MININT64)
    return FALSE;
  if (denominator < 0)
    {
      numerator = -numerator;
      denominator = -denominator;
    }
  g = _attrib_gcd (numerator, denominator);
  if (g == 0)
    g = 1;
  *out_numerator = numerator / g;
  *out_denominator = denominator / g;
  return TRUE;
}

/* *numerator / *denominator += add_numerator / add_denominator */
gboolean
_attrib_fraction_add (gint64 *numerator,
                      gint64 *denominator,
                      gint64  add_numerator,
                      gint64  add_denominator)
{
  gint64 an, ad, g, l, m1, m2, n1, n2, sum;

  if (!_attrib_fraction_reduce (add_numerator, add_denominator, &an, &ad))
    return FALSE;
  g = _attrib_gcd (*denominator, ad);
  /* lcm = d1 / g * d2 */
  if (__builtin_mul_overflow (*denominator / g, ad, &l))
    return FALSE;
  m1 = l / *denominator;
  m2 = l / ad;
  if (__builtin_mul_overflow (*numerator, m1, &n1) ||
      __builtin_mul_overflow (an, m2, &n2) ||
      __builtin_add_overflow (n1, n2, &sum))
    return FALSE;
  return _attrib_fraction_reduce (sum, l, numerator, denominator);
}

/* "1/2", "1", "50%", "33.5%" → a reduced positive fraction. */
gboolean
_attrib_fraction_parse (const char  *text,
                        gint64      *out_numerator,
                        gint64      *out_denominator,
                        GError     **error)
{
  gint64 num = 0, den = 1;
  const char *p = text;
  gboolean digits = FALSE;

  for (; *p >= '0' && *p <= '9'; p++, digits = TRUE)
    if (__builtin_mul_overflow (num, 10, &num) || __builtin_add_overflow (num, *p - '0', &num))
      goto bad;
  if (!digits)
    goto bad;

  if (*p == '/')
    {
      gboolean ddigits = FALSE;

      den = 0;
      for (p++; *p >= '0' && *p <= '9'; p++, ddigits = TRUE)
        if (__builtin_mul_overflow (den, 10, &den) || __builtin_add_overflow (den, *p - '0', &den))
          goto bad;
      if (!ddigits || *p != '\0' || den == 0)
        goto bad;
    }
  else if (*p == '.' || *p == '%')
    {
      /* a percent, with up to 4 decimals */
      if (*p == '.')
        {
          int decimals = 0;

          for (p++; *p >= '0' && *p <= '9'; p++, decimals++)
            {
              if (decimals == 4 ||
                  __builtin_mul_overflow (num, 10, &num) || __builtin_add_overflow (num, *p - '0', &num) ||
                  __builtin_mul_overflow (den, 10, &den))
                goto bad;
            }
          if (decimals == 0)
            goto bad;
        }
      if (*p != '%' || p[1] != '\0' || __builtin_mul_overflow (den, 100, &den))
        goto bad;
    }
  else if (*p != '\0')
    goto bad;

  if (num == 0)
    goto bad;
  return _attrib_fraction_reduce (num, den, out_numerator, out_denominator);

bad:
  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT,
               _("“%s” is not a share: write a fraction (“1/2”), an integer (“1”) or a percent (“50%%”), greater than 0"),
               text);
  return FALSE;
}
