/* attrib-phone.c: mainland mobile numbers and masks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-util-private.h"

#define PHONE_LENGTH 11

/* A mask must show at least this many digits (first and last together). */
#define MASK_MIN_VISIBLE 4

#define fail(error, text, ...) \
  (_attrib_set_input_error ((error), ATTRIB_ERROR_INVALID_PHONE, (text), __VA_ARGS__), NULL)

static gboolean
is_ignored (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x3000 ||  /* spaces */
         c == '-' || (c >= 0x2010 && c <= 0x2015);  /* dashes */
}

/**
 * attrib_phone_normalize:
 * @text: (nullable): a phone number or a phone mask as written
 * @out_masked: (out) (optional): return location for whether the result
 *   is a mask
 * @error: return location for a #GError, or %NULL
 *
 * Normalises a customer's phone, by which the catalog identifies
 * customers (catalog §0, *Identity*).
 *
 * Spaces (also no-break and ideographic spaces) and dashes (`-` and the
 * Unicode dashes U+2010 to U+2015) are removed, then one leading country
 * code: `+86` or `0086`, or `86` if exactly 11 characters follow it. What
 * remains must be 11 ASCII characters and either
 *
 * - a mainland mobile number: 11 digits, the first `1`
 *   (`13800138000`); or
 * - a *mask*, as channels report customers whose number they do not
 *   disclose: the first N digits, one run of `*`, and the last M digits,
 *   for example `138****8888` (N = 3, M = 4) or `138***88888`
 *   (N = 3, M = 5). The first digit must be `1`, N and M must be at least
 *   1, and N + M at least 4: a mask that shows fewer digits matches a
 *   large share of all numbers and identifies nobody.
 *
 * A mask matches every full number whose visible digits agree (see
 * [func@Attrib.phone_matches]); the catalog treats a mask that matches two or
 * more known customers as ambiguous.
 *
 * Everything else is an error: letters, fullwidth digits (`１３８…`),
 * other punctuation, a wrong number of digits, an empty or %NULL @text.
 *
 * Returns: (transfer full) (nullable): the normalised phone or mask, or
 *   %NULL with @error set to %ATTRIB_ERROR_INVALID_PHONE (the message
 *   quotes @text and says what is wrong). Free with g_free().
 */
char *
attrib_phone_normalize (const char  *text,
                        gboolean    *out_masked,
                        GError     **error)
{
  GString *kept;
  const char *p, *digits;
  char result[PHONE_LENGTH + 1];
  gunichar c;
  gsize length, i, first_star, last_star, visible_head, visible_tail;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (text == NULL)
    {
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PHONE,
                           _("No phone number given: a mainland mobile number has 11 digits"));
      return NULL;
    }
  /* Most phones arrive already normalised: take them as they are. */
  if (text[0] == '1' && strspn (text, "0123456789") == PHONE_LENGTH && text[PHONE_LENGTH] == '\0')
    {
      if (out_masked != NULL)
        *out_masked = FALSE;
      return g_strndup (text, PHONE_LENGTH);
    }

  if (!g_utf8_validate (text, -1, NULL))
    return fail (error, text, _("is not valid UTF-8 text"));

  /* Drop spaces and dashes; keep everything else, to report it. */
  kept = g_string_new (NULL);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      c = g_utf8_get_char (p);
      if (!is_ignored (c))
        g_string_append_unichar (kept, c);
    }

  if (kept->len == 0)
    {
      g_string_free (kept, TRUE);
      return fail (error, text, _("has no digits: a mainland mobile number has 11"));
    }

  digits = kept->str;
  if (g_str_has_prefix (digits, "+86"))
    digits += 3;
  else if (g_str_has_prefix (digits, "0086"))
    digits += 4;
  else if (g_str_has_prefix (digits, "86") && g_utf8_strlen (digits, -1) == 2 + PHONE_LENGTH)
    digits += 2;

  /* Only ASCII digits and stars. */
  for (p = digits; *p != '\0'; p = g_utf8_next_char (p))
    {
      char buffer[8] = { 0 };

      if (g_ascii_isdigit (*p) || *p == '*')
        continue;
      c = g_utf8_get_char (p);
      g_unichar_to_utf8 (c, buffer);
      g_string_free (kept, TRUE);
      if (c >= 0xFF10 && c <= 0xFF19)
        return fail (error, text, _("contains the fullwidth digit “%s”: write ASCII digits 0 to 9"), buffer);
      return fail (error, text, _("contains “%s”: a mainland mobile number has only digits "
                     "(a mask also has *)"), buffer);
    }

  length = strlen (digits);
  first_star = strcspn (digits, "*");

  if (first_star == length)
    {
      /* A full number. */
      if (length != PHONE_LENGTH)
        {
          gboolean had_country_code = digits != kept->str;

          g_string_free (kept, TRUE);
          return fail (error, text, _("has %zu digits%s, a mainland mobile number has %d"),
                       length, had_country_code ? _(" after the country code") : "", PHONE_LENGTH);
        }
      if (digits[0] != '1')
        {
          g_string_free (kept, TRUE);
          return fail (error, text, _("does not start with 1, as a mainland mobile number does"));
        }
    }
  else
    {
      /* A mask: first digits, one run of stars, last digits. */
      if (length != PHONE_LENGTH)
        {
          g_string_free (kept, TRUE);
          return fail (error, text, _("has %zu characters, a masked mainland mobile "
                         "number has %d (digits and *)"), length, PHONE_LENGTH);
        }
      last_star = first_star;
      while (last_star + 1 < length && digits[last_star + 1] == '*')
        last_star++;
      for (i = last_star + 1; i < length; i++)
        if (digits[i] == '*')
          {
            g_string_free (kept, TRUE);
            return fail (error, text, _("has more than one run of *: a mask shows the first "
                           "and the last digits of a number"));
          }
      visible_head = first_star;
      visible_tail = length - 1 - last_star;
      if (visible_head == 0 || visible_tail == 0)
        {
          g_string_free (kept, TRUE);
          return fail (error, text, _("hides the %s digit: a mask shows the first and the last "
                         "digits of a number"),
                       visible_head == 0 ? C_("digit", "first") : C_("digit", "last"));
        }
      if (visible_head + visible_tail < MASK_MIN_VISIBLE)
        {
          g_string_free (kept, TRUE);
          return fail (error, text, _("shows only %zu digits: a mask must show at "
                         "least %d to identify anybody"), visible_head + visible_tail, MASK_MIN_VISIBLE);
        }
      if (digits[0] != '1')
        {
          g_string_free (kept, TRUE);
          return fail (error, text, _("does not start with 1, as a mainland mobile number does"));
        }
    }

  memcpy (result, digits, PHONE_LENGTH + 1);
  g_string_free (kept, TRUE);
  if (out_masked != NULL)
    *out_masked = first_star != PHONE_LENGTH;
  return g_strdup (result);
}

/**
 * attrib_phone_is_masked:
 * @phone: a phone normalised by [func@Attrib.phone_normalize]
 *
 * Tells whether @phone is a mask such as `138****8888` rather than a full
 * number.
 *
 * Returns: %TRUE if @phone contains `*`
 */
gboolean
attrib_phone_is_masked (const char *phone)
{
  g_return_val_if_fail (phone != NULL, FALSE);

  return strchr (phone, '*') != NULL;
}

/**
 * attrib_phone_matches:
 * @pattern: a normalised phone or mask
 * @phone: a normalised full phone
 *
 * Tells whether a reported phone or mask designates @phone (catalog §0,
 * *Identity*): a full number matches only itself; a mask matches every
 * full number whose digits agree with the mask's visible digits at the
 * same positions, so `138****8888` matches `13812348888` and not
 * `13912348888`. A mask matches no other mask except itself.
 *
 * Returns: %TRUE if @pattern matches @phone
 */
gboolean
attrib_phone_matches (const char *pattern,
                      const char *phone)
{
  gsize i;

  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (phone != NULL, FALSE);

  if (strcmp (pattern, phone) == 0)
    return TRUE;
  if (strchr (phone, '*') != NULL)
    return FALSE;

  for (i = 0; pattern[i] != '\0' && phone[i] != '\0'; i++)
    if (pattern[i] != '*' && pattern[i] != phone[i])
      return FALSE;
  return pattern[i] == '\0' && phone[i] == '\0';
}

/* The ledger's normaliser: no allocation for the common, already
 * normalised number; anything else goes through attrib_phone_normalize(). */
gboolean
_attrib_phone_normalize_into (const char  *text,
                              char         out[12],
                              gboolean    *out_masked,
                              GError     **error)
{
  g_autofree char *normal = NULL;
  gboolean masked = FALSE;

  if (text[0] == '1' && strspn (text, "0123456789") == PHONE_LENGTH && text[PHONE_LENGTH] == '\0')
    {
      memcpy (out, text, PHONE_LENGTH + 1);
      *out_masked = FALSE;
      return TRUE;
    }
  normal = attrib_phone_normalize (text, &masked, error);
  if (normal == NULL)
    return FALSE;
  memcpy (out, normal, PHONE_LENGTH + 1);
  *out_masked = masked;
  return TRUE;
}
