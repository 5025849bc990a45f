/* test-money.c: money as integer fen
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include <attrib/attrib.h>

#include "attrib-money-private.h"
#include "attrib-util-private.h"

typedef struct
{
  const char *text;
  gint64 fen;
} ValidCase;

static const ValidCase valid_cases[] = {
  { "3250000.00", G_GINT64_CONSTANT (325000000) },
  { "3250000", G_GINT64_CONSTANT (325000000) },
  { "3250000.0", G_GINT64_CONSTANT (325000000) },
  { "0.5", 50 },
  { "0.50", 50 },
  { "0.05", 5 },
  { "0.01", 1 },
  { "1.01", 101 },
  { "10", 1000 },
  { "0", 0 },
  { "0.00", 0 },
  { "-0", 0 },
  { "-0.00", 0 },
  { "-12.3", -1230 },
  { "-0.05", -5 },
  { "-1", -100 },
  { "92233720368547758", G_GINT64_CONSTANT (9223372036854775800) },
  { "92233720368547758.07", G_MAXINT64 },
  { "92233720368547758.06", G_MAXINT64 - 1 },
  { "-92233720368547758.07", -G_MAXINT64 },
  { "-92233720368547758.08", G_MININT64 },
  { "-92233720368547758", G_GINT64_CONSTANT (-9223372036854775800) },
};

static void
test_parse_valid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      GError *error = NULL;
      gint64 fen = 42;

      if (!attrib_money_parse (valid_cases[i].text, &fen, &error))
        fail_msg ("“%s”: %s", valid_cases[i].text, error->message);
      assert_null (error);
      if (fen != valid_cases[i].fen)
        fail_msg ("“%s”: got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                  valid_cases[i].text, fen, valid_cases[i].fen);

      /* out_fen and error are optional */
      assert_true (attrib_money_parse (valid_cases[i].text, NULL, NULL));
    }
}

typedef struct
{
  const char *text;
  const char *fragment;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "", "is empty" },
  { "-", "is not an amount" },
  { "--5", "is not an amount" },
  { "+5", "is not an amount" },
  { ".5", "is not an amount" },
  { "-.5", "is not an amount" },
  { "5.", "followed by 1 or 2 digits" },
  { "-5.", "followed by 1 or 2 digits" },
  { "1.234", "at most 2 decimals" },
  { "0.001", "at most 2 decimals" },
  { "1.2.3", "is not an amount" },
  { "1e3", "is not an amount" },
  { "1E3", "is not an amount" },
  { "NaN", "is not an amount" },
  { "inf", "is not an amount" },
  { "-inf", "is not an amount" },
  { "0x10", "is not an amount" },
  { " 5", "is not an amount" },
  { "5 ", "is not an amount" },
  { "1 000", "is not an amount" },
  { "1,000", "is not an amount" },
  { "1,000.00", "is not an amount" },
  { "1.00 元", "is not an amount" },
  { "¥5", "is not an amount" },
  { "\uff15", "is not an amount" },
  { "00", "leading zero" },
  { "01", "leading zero" },
  { "-01.00", "leading zero" },
  { "007", "leading zero" },
  { "1.-5", "followed by 1 or 2 digits" },
  { "92233720368547758.08", "out of range" },
  { "92233720368547759", "out of range" },
  { "-92233720368547758.09", "out of range" },
  { "99999999999999999999", "out of range" },
  { "-99999999999999999999.99", "out of range" },
  { "100000000000000000000000000000000000000000.00", "out of range" },
};

static void
test_parse_invalid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      GError *error = NULL;
      gint64 fen = 42;
      char *quoted;

      if (attrib_money_parse (c->text, &fen, &error))
        fail_msg ("“%s” was accepted as %" G_GINT64_FORMAT, c->text, fen);
      assert_int_equal (fen, 42);
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_MONEY));
      {
        /* quoted as messages quote every value: phones masked */
        g_autofree char *shown = attrib_phone_mask (c->text);

        quoted = g_strdup_printf ("“%s”", shown);
      }
      if (strstr (error->message, quoted) == NULL || strstr (error->message, c->fragment) == NULL)
        fail_msg ("“%s”: unexpected message “%s”", c->text, error->message);
      g_free (quoted);
      g_error_free (error);

      assert_false (attrib_money_parse (c->text, NULL, NULL));
    }
}

typedef struct
{
  gint64 fen;
  const char *text;
} FormatCase;

static const FormatCase format_cases[] = {
  { G_GINT64_CONSTANT (325000000), "3250000.00" },
  { 0, "0.00" },
  { 1, "0.01" },
  { 5, "0.05" },
  { 50, "0.50" },
  { 99, "0.99" },
  { 100, "1.00" },
  { 101, "1.01" },
  { -1, "-0.01" },
  { -5, "-0.05" },
  { -100, "-1.00" },
  { -1230, "-12.30" },
  { G_MAXINT64, "92233720368547758.07" },
  { -G_MAXINT64, "-92233720368547758.07" },
  { G_MININT64, "-92233720368547758.08" },
};

static void
test_format (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      char *text = attrib_money_format (format_cases[i].fen);
      gint64 back = 0;

      assert_string_equal (text, format_cases[i].text);
      assert_true (attrib_money_parse (text, &back, NULL));
      assert_true (back == format_cases[i].fen);
      g_free (text);
    }
}

static void
check_round_trip (gint64 fen)
{
  GError *error = NULL;
  char *text;
  gint64 back = 0;

  text = attrib_money_format (fen);
  if (!attrib_money_parse (text, &back, &error))
    fail_msg ("%" G_GINT64_FORMAT " → “%s”: %s", fen, text, error->message);
  if (back != fen)
    fail_msg ("%" G_GINT64_FORMAT " → “%s” → %" G_GINT64_FORMAT, fen, text, back);
  g_free (text);
}

static void
test_round_trip_random (void **state G_GNUC_UNUSED)
{
  GRand *rand = g_rand_new_with_seed (3250000);
  guint i;

  for (i = 0; i < 20000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      gint64 fen;

      switch (i % 4)
        {
        case 0:
          fen = (gint64) bits;  /* anything */
          break;
        case 1:
          fen = g_rand_int_range (rand, -100000, 100000);  /* small */
          break;
        case 2:
          fen = (gint64) (bits >> g_rand_int_range (rand, 1, 63)) * (g_rand_boolean (rand) ? 1 : -1);
          break;
        default:
          fen = g_rand_boolean (rand) ? G_MAXINT64 - g_rand_int_range (rand, 0, 1000)
                                      : G_MININT64 + g_rand_int_range (rand, 0, 1000);
          break;
        }
      check_round_trip (fen);
    }
  g_rand_free (rand);
}

/* Parse → format gives back a canonical form of the text. */
static void
test_parse_then_format (void **state G_GNUC_UNUSED)
{
  static const struct { const char *text, *canonical; } cases[] = {
    { "0.5", "0.50" },
    { "-0", "0.00" },
    { "-0.0", "0.00" },
    { "12", "12.00" },
    { "-12.3", "-12.30" },
    { "3250000.00", "3250000.00" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 fen;
      char *text;

      assert_true (attrib_money_parse (cases[i].text, &fen, NULL));
      text = attrib_money_format (fen);
      assert_string_equal (text, cases[i].canonical);
      g_free (text);
    }
}

typedef struct
{
  gint64 a, b;
  gboolean ok;
  gint64 result;
} ArithCase;

static void
test_checked_arithmetic (void **state G_GNUC_UNUSED)
{
  static const ArithCase add_cases[] = {
    { 1, 2, TRUE, 3 },
    { G_MAXINT64, 0, TRUE, G_MAXINT64 },
    { G_MAXINT64, 1, FALSE, 0 },
    { G_MAXINT64 - 1, 1, TRUE, G_MAXINT64 },
    { G_MININT64, -1, FALSE, 0 },
    { G_MININT64, 1, TRUE, G_MININT64 + 1 },
    { G_MININT64, G_MAXINT64, TRUE, -1 },
    { G_MAXINT64, G_MAXINT64, FALSE, 0 },
    { G_MININT64, G_MININT64, FALSE, 0 },
    { -5, 3, TRUE, -2 },
  };
  static const ArithCase mul_cases[] = {
    { 0, G_MININT64, TRUE, 0 },
    { G_MININT64, 0, TRUE, 0 },
    { G_MININT64, 1, TRUE, G_MININT64 },
    { 1, G_MININT64, TRUE, G_MININT64 },
    { G_MININT64, -1, FALSE, 0 },
    { -1, G_MININT64, FALSE, 0 },
    { G_MAXINT64, -1, TRUE, -G_MAXINT64 },
    { -1, G_MAXINT64, TRUE, -G_MAXINT64 },
    { G_MAXINT64, 2, FALSE, 0 },
    { G_MAXINT64 / 2, 2, TRUE, G_MAXINT64 - 1 },
    { G_MININT64 / 2, 2, TRUE, G_MININT64 },
    { G_MININT64 / 2, -2, FALSE, 0 },
    { -G_GINT64_CONSTANT (3037000499), -G_GINT64_CONSTANT (3037000499), TRUE, G_GINT64_CONSTANT (9223372030926249001) },
    { -G_GINT64_CONSTANT (3037000500), -G_GINT64_CONSTANT (3037000500), FALSE, 0 },
    { G_GINT64_CONSTANT (3037000500), -G_GINT64_CONSTANT (3037000500), FALSE, 0 },
    { G_GINT64_CONSTANT (4294967296), G_GINT64_CONSTANT (-2147483648), TRUE, G_MININT64 },
    { G_GINT64_CONSTANT (-4294967296), G_GINT64_CONSTANT (2147483648), TRUE, G_MININT64 },
    { G_GINT64_CONSTANT (-4294967296), G_GINT64_CONSTANT (-2147483648), FALSE, 0 },
    { 922337203685477580, 10, TRUE, G_GINT64_CONSTANT (9223372036854775800) },
    { 922337203685477581, 10, FALSE, 0 },
    { -922337203685477580, 10, TRUE, G_GINT64_CONSTANT (-9223372036854775800) },
    { -922337203685477581, 10, FALSE, 0 },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (add_cases); i++)
    {
      gint64 out = 7;

      assert_int_equal (_attrib_money_add_checked (add_cases[i].a, add_cases[i].b, &out), add_cases[i].ok);
      assert_true (out == (add_cases[i].ok ? add_cases[i].result : 7));
      assert_int_equal (_attrib_money_add_checked (add_cases[i].b, add_cases[i].a, &out), add_cases[i].ok);
    }
  for (i = 0; i < G_N_ELEMENTS (mul_cases); i++)
    {
      gint64 out = 7;

      if (_attrib_money_mul_checked (mul_cases[i].a, mul_cases[i].b, &out) != mul_cases[i].ok)
        fail_msg ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT, mul_cases[i].a, mul_cases[i].b);
      assert_true (out == (mul_cases[i].ok ? mul_cases[i].result : 7));
      assert_int_equal (_attrib_money_mul_checked (mul_cases[i].b, mul_cases[i].a, &out), mul_cases[i].ok);
    }
}

/* Compare the checked helpers with 128-bit arithmetic on random operands. */
static void
test_checked_arithmetic_random (void **state G_GNUC_UNUSED)
{
#ifdef __SIZEOF_INT128__
  GRand *rand = g_rand_new_with_seed (8888);
  guint i;

  for (i = 0; i < 100000; i++)
    {
      gint64 a = (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
      gint64 b = (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
      __int128 exact;
      gint64 out;
      gboolean fits;

      a >>= g_rand_int_range (rand, 0, 64);
      b >>= g_rand_int_range (rand, 0, 64);

      exact = (__int128) a * b;
      fits = exact >= G_MININT64 && exact <= G_MAXINT64;
      assert_int_equal (_attrib_money_mul_checked (a, b, &out), fits);
      if (fits)
        assert_true (out == (gint64) exact);

      exact = (__int128) a + b;
      fits = exact >= G_MININT64 && exact <= G_MAXINT64;
      assert_int_equal (_attrib_money_add_checked (a, b, &out), fits);
      if (fits)
        assert_true (out == (gint64) exact);
    }
  g_rand_free (rand);
#else
  skip ();
#endif
}

/* round (a × b / c): both rounding modes, negatives, exact halves, and
 * products beyond 64 bits. */
static void
test_mul_div (void **state G_GNUC_UNUSED)
{
  static const struct {
    gint64 a, b, c;
    gint64 half_up, half_even;
  } cases[] = {
    { 325000000, 25, 1000, 8125000, 8125000 },          /* 3 250 000.00 yuan × 2.5% */
    { 5, 1, 2, 3, 2 },                                  /* 2.5 fen */
    { 15, 1, 2, 8, 8 },                                 /* 7.5 fen */
    { -5, 1, 2, -3, -2 },                               /* −2.5: away from zero / to even */
    { -15, 1, 2, -8, -8 },
    { 5, -1, 2, -3, -2 },
    { -5, -1, 2, 3, 2 },
    { 7, 1, 3, 2, 2 },                                  /* 2.33 */
    { 8, 1, 3, 3, 3 },                                  /* 2.67 */
    { -8, 1, 3, -3, -3 },
    { 0, 123, 7, 0, 0 },
    { 418000050, 3, 100, 12540002, 12540002 },          /* 4 180 000.50 × 3% = 125 400.015 */
    { 418000050, 1, 40, 10450001, 10450001 },           /* × 2.5% = 104 500.0125 */
    { G_MAXINT64, 2, 2, G_MAXINT64, G_MAXINT64 },       /* 128-bit product, back in range */
    { G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64, G_MAXINT64 },
    { G_MININT64, 1, 1, G_MININT64, G_MININT64 },
    { 900000000000000000, 7, 9, 700000000000000000, 700000000000000000 },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 up = 0, even = 0;

      assert_true (_attrib_money_mul_div (cases[i].a, cases[i].b, cases[i].c, ATTRIB_ROUNDING_HALF_UP, &up));
      assert_true (_attrib_money_mul_div (cases[i].a, cases[i].b, cases[i].c, ATTRIB_ROUNDING_HALF_EVEN, &even));
      if (up != cases[i].half_up || even != cases[i].half_even)
        fail_msg ("case %u: got %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT, i, up, even);
    }
}

static void
test_mul_div_overflow (void **state G_GNUC_UNUSED)
{
  gint64 out = 42;

  assert_false (_attrib_money_mul_div (G_MAXINT64, 2, 1, ATTRIB_ROUNDING_HALF_UP, &out));
  assert_false (_attrib_money_mul_div (G_MININT64, -1, 1, ATTRIB_ROUNDING_HALF_UP, &out));
  assert_false (_attrib_money_mul_div (G_MAXINT64, G_MAXINT64, 1, ATTRIB_ROUNDING_HALF_UP, &out));
  assert_false (_attrib_money_mul_div (1, 1, 0, ATTRIB_ROUNDING_HALF_UP, &out));
  assert_false (_attrib_money_mul_div (1, 1, -3, ATTRIB_ROUNDING_HALF_UP, &out));
  /* rounding up the largest value that fits would not fit */
  assert_false (_attrib_money_mul_div (G_MAXINT64, 2, 1, ATTRIB_ROUNDING_HALF_EVEN, &out));
  assert_true (out == 42);
}

/* Against an exact reference on small numbers, where long double holds
 * every product exactly. */
static void
test_mul_div_random (void **state G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  guint i;

  for (i = 0; i < 100000; i++)
    {
      gint64 a = (gint64) g_rand_int_range (rand, -2000000000, 2000000000);
      gint64 b = g_rand_int_range (rand, 0, 1000000);
      gint64 c = g_rand_int_range (rand, 1, 1000000);
      gint64 product = a * b, q = product / c, r = product % c, expected_up, expected_even, up, even;
      gint64 magnitude_r = r < 0 ? -r : r;
      gint64 away = product < 0 ? q - 1 : q + 1;

      /* the reference, from the 64-bit product (it fits here) */
      if (2 * magnitude_r > c)
        expected_up = expected_even = away;
      else if (2 * magnitude_r < c)
        expected_up = expected_even = q;
      else
        {
          expected_up = away;
          expected_even = (q % 2 == 0) ? q : away;
        }
      assert_true (_attrib_money_mul_div (a, b, c, ATTRIB_ROUNDING_HALF_UP, &up));
      assert_true (_attrib_money_mul_div (a, b, c, ATTRIB_ROUNDING_HALF_EVEN, &even));
      if (up != expected_up || even != expected_even)
        fail_msg ("%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT ": got %" G_GINT64_FORMAT
                  " / %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT,
                  a, b, c, up, even, expected_up, expected_even);
    }
}

static void
test_allocate (void **state G_GNUC_UNUSED)
{
  gint64 parts[4];
  const gint64 halves[] = { 1, 1 };
  const gint64 thirds[] = { 1, 1, 1 };
  const gint64 split[] = { 40, 30, 30 };
  const gint64 none[] = { 0, 0 };
  const gint64 one_zero[] = { 0, 3 };

  /* an odd fen goes to the first of equal remainders */
  assert_true (_attrib_money_allocate (8125001, halves, 2, parts));
  assert_true (parts[0] == 4062501 && parts[1] == 4062500);
  assert_true (_attrib_money_allocate (-8125001, halves, 2, parts));
  assert_true (parts[0] == -4062501 && parts[1] == -4062500);
  assert_true (_attrib_money_allocate (100, thirds, 3, parts));
  assert_true (parts[0] == 34 && parts[1] == 33 && parts[2] == 33);
  assert_true (_attrib_money_allocate (101, split, 3, parts));
  assert_true (parts[0] == 41 && parts[1] == 30 && parts[2] == 30);
  assert_true (_attrib_money_allocate (7, one_zero, 2, parts));
  assert_true (parts[0] == 0 && parts[1] == 7);
  assert_true (_attrib_money_allocate (0, thirds, 3, parts));
  assert_true (parts[0] == 0 && parts[1] == 0 && parts[2] == 0);
  assert_false (_attrib_money_allocate (100, none, 2, parts));
  assert_false (_attrib_money_allocate (G_MININT64, halves, 2, parts));
}

/* Over many random splits: the parts sum to the whole exactly, each is
 * within one fen of its exact share (the quota), a larger weight never
 * gets less, and the same input gives the same parts. */
static void
test_allocate_random (void **state G_GNUC_UNUSED)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (88);
  guint trial;

  for (trial = 0; trial < 20000; trial++)
    {
      guint n = g_rand_int_range (rand, 1, 9), i, j;
      gint64 weights[8], parts[8], again[8], total = 0, sum = 0;
      gint64 whole = g_rand_boolean (rand) ? g_rand_int_range (rand, -1000000, 1000000)
                                           : (gint64) g_rand_int_range (rand, 0, G_MAXINT32) * 997;

      for (i = 0; i < n; i++)
        total += weights[i] = g_rand_int_range (rand, 0, 1000);
      if (total == 0)
        weights[0] = total = 1;
      assert_true (_attrib_money_allocate (whole, weights, n, parts));
      assert_true (_attrib_money_allocate (whole, weights, n, again));
      for (i = 0; i < n; i++)
        {
          /* |part − whole × w / total| < 1: the quota */
          long double exact = (long double) whole * weights[i] / total;

          assert_true (parts[i] == again[i]);
          assert_true ((long double) parts[i] > exact - 1.0L && (long double) parts[i] < exact + 1.0L);
          sum += parts[i];
          for (j = 0; j < n; j++)
            if (weights[i] > weights[j])
              assert_true (whole >= 0 ? parts[i] >= parts[j] : parts[i] <= parts[j]);
        }
      assert_true (sum == whole);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_parse_valid),
    cmocka_unit_test (test_parse_invalid),
    cmocka_unit_test (test_format),
    cmocka_unit_test (test_round_trip_random),
    cmocka_unit_test (test_parse_then_format),
    cmocka_unit_test (test_checked_arithmetic),
    cmocka_unit_test (test_checked_arithmetic_random),
    cmocka_unit_test (test_mul_div),
    cmocka_unit_test (test_mul_div_overflow),
    cmocka_unit_test (test_mul_div_random),
    cmocka_unit_test (test_allocate),
    cmocka_unit_test (test_allocate_random),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
