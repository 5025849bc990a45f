/* fuzz-phone.c: customers' phones and masks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a phone as written ("+86 138-0013-8000", "138****8000"),
 * optionally followed by a newline and a second one. What
 * attrib_phone_normalize() accepts is 11 characters, digits or one run of
 * stars, normalises to itself, and is a mask exactly when it says so; a
 * mask matches the second phone exactly when the visible digits agree. A
 * hashed phone ("#" and 20 hex digits) is taken as it is. Full phones
 * hash (attrib_phone_hash()) as their normal form does, masks do not, and
 * attrib_phone_mask() keeps the text's characters but its digits, and
 * makes it valid UTF-8.
 */

#include <string.h>

#include "fuzz-common.h"

static char *
normalize (const char *text,
           gboolean   *out_masked)
{
  static const char key_text[] = "fuzz-phone-key-of-32-bytes-long!";
  g_autoptr(GBytes) key = g_bytes_new_static (key_text, sizeof key_text - 1);
  GError *error = NULL;
  gboolean masked = FALSE;
  char *normal = attrib_phone_normalize (text, &masked, &error);
  g_autofree char *again = NULL;
  g_autofree char *shown = attrib_phone_mask (text);
  g_autofree char *hashed = NULL;
  gboolean masked_again = FALSE;
  guint i;

  /* masking for display gives valid UTF-8, and keeps valid text's
   * characters but the digits it hides */
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  if (g_utf8_validate (text, -1, NULL))
    {
      const char *t, *u;

      g_assert_cmpint (g_utf8_strlen (shown, -1), ==, g_utf8_strlen (text, -1));
      for (t = text, u = shown; *t != '\0'; t = g_utf8_next_char (t), u = g_utf8_next_char (u))
        g_assert_true (g_utf8_get_char (t) == g_utf8_get_char (u) ||
                       (*u == '*' && g_unichar_isdigit (g_utf8_get_char (t))));
    }

  if (normal == NULL)
    {
      g_assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE));
      fuzz_check_error (&error);
      hashed = attrib_phone_hash (text, key, &error);
      g_assert_null (hashed);
      fuzz_check_error (&error);
      return NULL;
    }
  g_assert_no_error (error);
  if (attrib_phone_is_hashed (normal))
    {
      /* "#" and 20 hexadecimal digits, taken as they are */
      g_assert_cmpuint (strlen (normal), ==, 21);
      g_assert_false (masked);
    }
  else
    {
      g_assert_cmpuint (strlen (normal), ==, 11);
      g_assert_cmpint (normal[0], ==, '1');
      for (i = 0; i < 11; i++)
        g_assert_true (g_ascii_isdigit (normal[i]) || normal[i] == '*');
    }
  g_assert_cmpint (attrib_phone_is_masked (normal), ==, masked);
  g_assert_true (attrib_phone_matches (normal, normal));

  again = attrib_phone_normalize (normal, &masked_again, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, normal);
  g_assert_cmpint (masked_again, ==, masked);

  /* a full phone hashes as its normal form does; a mask does not hash;
   * a hashed phone is its own hash */
  hashed = attrib_phone_hash (text, key, &error);
  if (masked)
    {
      g_assert_null (hashed);
      fuzz_check_error (&error);
    }
  else
    {
      g_autofree char *from_normal = attrib_phone_hash (normal, key, &error);

      g_assert_no_error (error);
      g_assert_nonnull (hashed);
      g_assert_true (attrib_phone_is_hashed (hashed));
      g_assert_cmpstr (hashed, ==, from_normal);
      if (attrib_phone_is_hashed (normal))
        g_assert_cmpstr (hashed, ==, normal);
    }

  *out_masked = masked;
  return normal;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  char *newline;
  gboolean first_masked = FALSE, second_masked = FALSE;
  gboolean agree = TRUE;
  guint i;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  newline = strchr (text, '\n');
  if (newline != NULL)
    *newline = '\0';

  first = normalize (text, &first_masked);
  if (newline == NULL)
    return 0;
  second = normalize (newline + 1, &second_masked);
  if (first == NULL || second == NULL)
    return 0;

  /* a full number matches itself only; a mask every full number whose
   * digits agree with the visible ones; no mask matches another mask,
   * and a hashed phone only itself */
  if (attrib_phone_is_hashed (first) || attrib_phone_is_hashed (second) || second_masked)
    agree = g_str_equal (first, second);
  else
    for (i = 0; i < 11; i++)
      agree &= first[i] == '*' || first[i] == second[i];
  g_assert_cmpint (attrib_phone_matches (first, second), ==, agree);
  return 0;
}
