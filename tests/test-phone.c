/* test-phone.c: phone normalisation, masks and matching
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

#include "attrib-util-private.h"

typedef struct
{
  const char *input;
  const char *expected;
  gboolean masked;
} ValidCase;

static const ValidCase valid_cases[] = {
  /* plain */
  { "13800138000", "13800138000", FALSE },
  { "19912345678", "19912345678", FALSE },
  /* spaces and dashes */
  { "138 0013 8000", "13800138000", FALSE },
  { " 13800138000 ", "13800138000", FALSE },
  { "138-0013-8000", "13800138000", FALSE },
  { "138--0013  8000", "13800138000", FALSE },
  { "138\u20100013\u20118000", "13800138000", FALSE },
  { "138\u20120013\u20138000", "13800138000", FALSE },
  { "138\u20140013\u20158000", "13800138000", FALSE },
  { "138\u30000013\u30008000", "13800138000", FALSE },
  { "138\u00a00013\u00a08000", "13800138000", FALSE },
  /* country codes */
  { "+8613800138000", "13800138000", FALSE },
  { "+86 138 0013 8000", "13800138000", FALSE },
  { "+86-138-0013-8000", "13800138000", FALSE },
  { "008613800138000", "13800138000", FALSE },
  { "0086 138 0013 8000", "13800138000", FALSE },
  { "8613800138000", "13800138000", FALSE },
  { "86 138-0013-8000", "13800138000", FALSE },
  { "+86 138\u20140013 8000", "13800138000", FALSE },
  /* a number that itself starts with 86 is not a country code */
  { "18613800138", "18613800138", FALSE },
  { "86 186 1380 0138", "18613800138", FALSE },
  /* masks of several splits */
  { "138****8888", "138****8888", TRUE },
  { "138***88888", "138***88888", TRUE },
  { "1380****888", "1380****888", TRUE },
  { "13*******88", "13*******88", TRUE },
  { "1*******888", "1*******888", TRUE },
  { "1380013***8", "1380013***8", TRUE },
  { "13800*38000", "13800*38000", TRUE },
  { "1380*138000", "1380*138000", TRUE },
  { "138 **** 8888", "138****8888", TRUE },
  { "+86 138-****-8888", "138****8888", TRUE },
  { "0086138****8888", "138****8888", TRUE },
  { "86138****8888", "138****8888", TRUE },
};

static void
test_normalize_valid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      GError *error = NULL;
      gboolean masked = !c->masked;
      char *normal;

      normal = attrib_phone_normalize (c->input, &masked, &error);
      if (normal == NULL)
        fail_msg ("“%s”: %s", c->input, error->message);
      assert_null (error);
      assert_string_equal (normal, c->expected);
      assert_int_equal (masked, c->masked);
      assert_int_equal (attrib_phone_is_masked (normal), c->masked);
      assert_true (attrib_phone_matches (normal, normal));
      g_free (normal);

      /* out_masked and error are optional */
      normal = attrib_phone_normalize (c->input, NULL, NULL);
      assert_non_null (normal);
      assert_string_equal (normal, c->expected);
      g_free (normal);
    }
}

static void
test_normalize_idempotent (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      char *once, *twice;

      once = attrib_phone_normalize (valid_cases[i].input, NULL, NULL);
      twice = attrib_phone_normalize (once, NULL, NULL);
      assert_non_null (twice);
      assert_string_equal (once, twice);
      g_free (once);
      g_free (twice);
    }
}

typedef struct
{
  const char *input;
  const char *fragment;  /* the message must contain it, besides the input */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "", "has no digits" },
  { "   ", "has no digits" },
  { "-", "has no digits" },
  { "1380013800", "has 10 digits, a mainland mobile number has 11" },
  { "138001380000", "has 12 digits" },
  { "1", "has 1 digits" },
  { "+86 1380013800", "has 10 digits after the country code" },
  { "+86", "has 0 digits after the country code" },
  { "0086 138001380000", "has 12 digits after the country code" },
  { "86 138 0013 800", "has 12 digits" },
  { "23800138000", "does not start with 1" },
  { "86138001380", "does not start with 1" },
  { "03800138000", "does not start with 1" },
  { "1380013800a", "contains “a”" },
  { "abc", "contains “a”" },
  { "138.0013.8000", "contains “.”" },
  { "(138)00138000", "contains “(”" },
  { "138/0013/8000", "contains “/”" },
  { "+1 202 555 0123", "contains “+”" },
  { "13800138000+", "contains “+”" },
  { "138\t0013\t8000", "contains “\t”" },
  { "138_0013_8000", "contains “_”" },
  { "\uff11\uff13\uff18\uff10\uff10\uff11\uff13\uff18\uff10\uff10\uff10", "fullwidth digit “１”" },
  { "138\uff10\uff10138000", "fullwidth digit “０”" },
  { "138\u22120013\u22128000", "contains “−”" },
  { "138xxxx8888", "contains “x”" },
  { "138\u00d7\u00d7\u00d7\u00d78888", "contains “×”" },
  { "138****888", "has 10 characters" },
  { "138****88888", "has 12 characters" },
  { "138**0**000", "more than one run of *" },
  { "1*3800138*0", "more than one run of *" },
  { "***********", "hides the first digit" },
  { "*3800138000", "hides the first digit" },
  { "1380013800*", "hides the last digit" },
  { "1**********", "hides the last digit" },
  { "1*********8", "shows only 2 digits" },
  { "1********88", "shows only 3 digits" },
  { "13********8", "shows only 3 digits" },
  { "238****8888", "does not start with 1" },
};

static void
test_normalize_invalid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      GError *error = NULL;
      gboolean masked = TRUE;
      char *normal;
      char *quoted;

      normal = attrib_phone_normalize (c->input, &masked, &error);
      if (normal != NULL)
        fail_msg ("“%s” was accepted as “%s”", c->input, normal);
      assert_non_null (error);
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
      {
        /* masked, and past 8 visible digits every visible digit but the
         * first 3 and last 4, stars or not */
        g_autofree char *shown = attrib_phone_mask (c->input);
        guint digits = 0, seen = 0;
        char *p;

        for (p = shown; *p != '\0'; p++)
          digits += g_ascii_isdigit (*p) != 0;
        for (p = shown; digits >= 8 && *p != '\0'; p++)
          if (g_ascii_isdigit (*p) && seen++ >= 3 && seen <= digits - 4)
            *p = '*';
        quoted = g_strdup_printf ("“%s”", shown);
      }
      if (strstr (error->message, quoted) == NULL || strstr (error->message, c->fragment) == NULL)
        fail_msg ("“%s”: unexpected message “%s”", c->input, error->message);
      g_free (quoted);
      g_error_free (error);

      /* error is optional */
      assert_null (attrib_phone_normalize (c->input, NULL, NULL));
    }
}

static void
test_normalize_null_and_bad_utf8 (void **state G_GNUC_UNUSED)
{
  GError *error = NULL;

  /* NULL is bad input, not a programmer error: no critical */
  assert_null (attrib_phone_normalize (NULL, NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  g_clear_error (&error);

  assert_null (attrib_phone_normalize ("\xff" "13800138000", NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  assert_true (g_utf8_validate (error->message, -1, NULL));
  assert_non_null (strstr (error->message, "138****8000"));
  assert_null (strstr (error->message, "13800138000"));
  assert_non_null (strstr (error->message, "not valid UTF-8"));
  g_clear_error (&error);

  assert_null (attrib_phone_normalize ("138\xc0\x80" "00138000", NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);
}

static void
test_message_is_bounded (void **state G_GNUC_UNUSED)
{
  GError *error = NULL;
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < 10000; i++)
    g_string_append_c (text, '1');
  assert_null (attrib_phone_normalize (text->str, NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  assert_true (strlen (error->message) < 300);
  assert_non_null (strstr (error->message, "has 10000 digits"));
  g_clear_error (&error);
  g_string_free (text, TRUE);
}

static void
test_is_masked (void **state G_GNUC_UNUSED)
{
  assert_false (attrib_phone_is_masked ("13800138000"));
  assert_true (attrib_phone_is_masked ("138****8888"));
  assert_true (attrib_phone_is_masked ("1380013800*"));
  assert_false (attrib_phone_is_masked (""));
}

typedef struct
{
  const char *pattern;
  const char *phone;
  gboolean matches;
} MatchCase;

static const MatchCase match_cases[] = {
  { "13800138000", "13800138000", TRUE },
  { "13800138000", "13800138001", FALSE },
  { "138****8888", "13812348888", TRUE },
  { "138****8888", "13800008888", TRUE },
  { "138****8888", "13912348888", FALSE },
  { "138****8888", "13812348889", FALSE },
  { "138****8888", "13812347888", FALSE },
  { "138***88888", "13812388888", TRUE },
  { "138***88888", "13812348888", FALSE },
  { "13*******88", "13999999988", TRUE },
  { "13*******88", "14999999988", FALSE },
  { "1*******888", "19999999888", TRUE },
  { "1380013***8", "13800139998", TRUE },
  { "1380013***8", "13800129998", FALSE },
  /* masks only match full numbers, or themselves */
  { "138****8888", "138****8888", TRUE },
  { "138****8888", "138***88888", FALSE },
  { "138*****888", "138****8888", FALSE },
  /* lengths must agree */
  { "138****8888", "1381234888", FALSE },
  { "138****8888", "138123488888", FALSE },
  { "138****8888", "", FALSE },
};

static void
test_matches (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (match_cases); i++)
    {
      const MatchCase *c = &match_cases[i];

      if (attrib_phone_matches (c->pattern, c->phone) != c->matches)
        fail_msg ("“%s” against “%s”: expected %s", c->pattern, c->phone,
                  c->matches ? "a match" : "no match");
    }
}

/* A mask matches exactly the numbers that agree on every visible digit:
 * check against a brute-force comparison on random numbers. */
static void
test_matches_random (void **state G_GNUC_UNUSED)
{
  GRand *rand = g_rand_new_with_seed (20240301);
  guint i, j;

  for (i = 0; i < 2000; i++)
    {
      char phone[12], other[12], mask[12];
      guint head, tail;
      gboolean expected = TRUE;

      phone[0] = '1';
      for (j = 1; j < 11; j++)
        phone[j] = (char) ('0' + g_rand_int_range (rand, 0, 10));
      phone[11] = '\0';
      memcpy (other, phone, sizeof phone);
      /* change a few digits of the other number */
      for (j = g_rand_int_range (rand, 0, 3); j > 0; j--)
        other[g_rand_int_range (rand, 1, 11)] = (char) ('0' + g_rand_int_range (rand, 0, 10));

      head = g_rand_int_range (rand, 1, 8);
      tail = g_rand_int_range (rand, MAX (1, 4 - (int) head), 11 - head);
      memcpy (mask, phone, sizeof phone);
      for (j = head; j < 11 - tail; j++)
        mask[j] = '*';

      {
        char *normal = attrib_phone_normalize (mask, NULL, NULL);

        assert_non_null (normal);
        assert_string_equal (normal, mask);
        g_free (normal);
      }

      assert_true (attrib_phone_matches (mask, phone));
      for (j = 0; j < 11; j++)
        if (mask[j] != '*' && mask[j] != other[j])
          expected = FALSE;
      assert_int_equal (attrib_phone_matches (mask, other), expected);
      assert_int_equal (attrib_phone_matches (phone, other), strcmp (phone, other) == 0);
    }
  g_rand_free (rand);
}

typedef struct
{
  const char *text;
  const char *shown;
} MaskCase;

static const MaskCase mask_cases[] = {
  { "13800138000", "138****8000" },
  { "138-0013-8000", "138-****-8000" },
  { "+86 138 0013 8000", "+86 1** **** 8000" },
  { "138001380001", "138*****0001" },
  { "1380013800x", "138***3800x" },   /* 10 digits: first 3, last 4 */
  { "1380013", "138****" },           /* 7 digits: the last 4 hidden */
  { "138001", "138001" },             /* fewer than 7 digits: as it is */
  { "138****8000", "138****8000" },   /* a mask already hides */
  { "#523ecb40568489642145", "#523ecb40568489642145" },
  { "", "" },
  { "张三", "张三" },
  /* issue 17, item 5: a phone anywhere, in any script, is masked */
  { "138001380009*", "138*****0009*" },           /* a star is no mask */
  { "138****8000 13800138000", "138****800* *******8000" },
  { "１３８００１３８０００", "１３８****８０００" },  /* fullwidth */
  { "١٣٨٠٠١٣٨٠٠٠", "١٣٨****٨٠٠٠" },               /* Arabic-Indic */
  { "李四13800138000", "李四138****8000" },
  { "lianjia/138 0013 8000", "lianjia/138 **** 8000" },
  { "138.0013.8000", "138.****.8000" },
  { "e1234567", "e123****" },
  /* not phones: amounts' decimals, dates, times */
  { "65000.00", "65000.00" },
  { "3250000.00", "325****.00" },
  { "2024-03-01T10:00:00+08:00", "2024-03-01T10:00:00+08:00" },
  { "2024-03-01 10:00", "2024-03-01 10:00" },
  { "10000-01-01T07:59:59", "10000-01-01T07:59:59" },
  { "3,250,000.00", "3,250,000.00" },
  { "1, 2, 3, 4, 5, 6, 7", "1, 2, 3, 4, 5, 6, 7" },
  /* review of issue 17: no date, comma, colon or invisible character
   * lets a phone through */
  { "1380-01-38 000", "138*-**-*8 000" },          /* digits after the date */
  { "1380/12/31-456", "138*/**/*1-456" },          /* digits after the date */
  { "2024-03-01 2024-03-01", "202*-**-** ****-03-01" },
  { "138,0013,8000", "138,****,8000" },
  { "138:0013:8000", "138:****:8000" },
  { "138\xef\xbc\x8c" "0013\xef\xbc\x8c" "8000", "138\xef\xbc\x8c" "****\xef\xbc\x8c" "8000" },  /* fullwidth comma */
  { "138\xe2\x80\x8b" "0013\xe2\x80\x8b" "8000", "138\xe2\x80\x8b" "****\xe2\x80\x8b" "8000" },  /* zero-width space */
  { "#13800138000AAAAAAAAA", "#138****8000AAAAAAAAA" },  /* no hash: uppercase */
};

static void
test_mask (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (mask_cases); i++)
    {
      g_autofree char *shown = attrib_phone_mask (mask_cases[i].text);

      assert_string_equal (shown, mask_cases[i].shown);
    }
  assert_null (attrib_phone_mask (NULL));
}

/* Errors quote phones masked, unless the process asked to show them. */
static void
test_show_phones (void **state G_GNUC_UNUSED)
{
  GError *error = NULL;

  assert_false (attrib_get_show_phones ());
  assert_null (attrib_phone_normalize ("13800138000x", NULL, &error));
  assert_non_null (strstr (error->message, "“138****8000x”"));
  g_clear_error (&error);
  /* all the digits of text given as a phone, whatever stands between
   * them, a star or letters, in any script */
  assert_null (attrib_phone_normalize ("138a0013b8000*", NULL, &error));
  assert_non_null (strstr (error->message, "“138a****b8000*”"));
  g_clear_error (&error);
  assert_null (attrib_phone_normalize ("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98" "a\xef\xbc\x90\xef\xbc\x90\xef\xbc\x91\xef\xbc\x93" "b\xef\xbc\x98\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90", NULL, &error));
  assert_null (strstr (error->message, "\xef\xbc\x90\xef\xbc\x90\xef\xbc\x91\xef\xbc\x93" "b"));
  g_clear_error (&error);

  attrib_set_show_phones (TRUE);
  assert_true (attrib_get_show_phones ());
  assert_null (attrib_phone_normalize ("13800138000x", NULL, &error));
  assert_non_null (strstr (error->message, "“13800138000x”"));
  g_clear_error (&error);

  attrib_set_show_phones (FALSE);
  assert_false (attrib_get_show_phones ());
}

static void
test_hash (void **state G_GNUC_UNUSED)
{
  g_autoptr(GBytes) key = g_bytes_new_static ("0123456789abcdef", 16);
  g_autoptr(GBytes) other = g_bytes_new_static ("fedcba9876543210", 16);
  g_autoptr(GBytes) short_key = g_bytes_new_static ("short", 5);
  GError *error = NULL;
  char *hashed;

  /* HMAC-SHA256 vectors computed with Python's hmac module */
  hashed = attrib_phone_hash ("13800138000", key, NULL);
  assert_string_equal (hashed, "#523ecb40568489642145");
  assert_true (attrib_phone_is_hashed (hashed));
  assert_false (attrib_phone_is_masked (hashed));
  g_free (hashed);
  hashed = attrib_phone_hash ("+86 139-1234-5678", key, NULL);
  assert_string_equal (hashed, "#25c3ce57969abf9dd4ea");
  g_free (hashed);

  /* another key, another hash; a hash is taken as it is */
  hashed = attrib_phone_hash ("13800138000", other, NULL);
  assert_string_not_equal (hashed, "#523ecb40568489642145");
  g_free (hashed);
  hashed = attrib_phone_hash ("#523ECB40568489642145", other, NULL);
  assert_string_equal (hashed, "#523ecb40568489642145");
  g_free (hashed);

  /* normalising a hashed phone lowercases it; malformed ones are errors */
  hashed = attrib_phone_normalize ("#523ECB40568489642145", NULL, NULL);
  assert_string_equal (hashed, "#523ecb40568489642145");
  g_free (hashed);
  assert_null (attrib_phone_normalize ("#523ecb4056848964214", NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  assert_non_null (strstr (error->message, "is not a hashed phone"));
  g_clear_error (&error);
  assert_null (attrib_phone_normalize ("#523ecb40568489642145g", NULL, &error));
  g_clear_error (&error);
  assert_false (attrib_phone_is_hashed ("13800138000"));
  assert_false (attrib_phone_matches ("138****8000", "#523ecb40568489642145"));

  /* a mask cannot be hashed, a short key is refused */
  assert_null (attrib_phone_hash ("138****8000", key, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  assert_non_null (strstr (error->message, "only a full number can be hashed"));
  g_clear_error (&error);
  assert_null (attrib_phone_hash ("13800138000", short_key, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_KEY));
  assert_non_null (strstr (error->message, "at least 16 bytes"));
  g_clear_error (&error);
  assert_null (attrib_phone_hash ("1380013800", key, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
  g_clear_error (&error);
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_normalize_valid),
    cmocka_unit_test (test_normalize_idempotent),
    cmocka_unit_test (test_normalize_invalid),
    cmocka_unit_test (test_normalize_null_and_bad_utf8),
    cmocka_unit_test (test_message_is_bounded),
    cmocka_unit_test (test_is_masked),
    cmocka_unit_test (test_matches),
    cmocka_unit_test (test_matches_random),
    cmocka_unit_test (test_mask),
    cmocka_unit_test (test_show_phones),
    cmocka_unit_test (test_hash),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
