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

/* A hashed phone: '#' and this many lowercase hexadecimal digits. */
#define HASH_HEX 20

/* A phone key has at least this many bytes. */
#define KEY_MIN_LENGTH 16

/* Errors quote the text as shown by _attrib_for_display(), through
 * _attrib_set_input_error(). */
#define fail(error, text, ...) \
  (phone_error ((error), (text), __VA_ARGS__), NULL)

static gboolean
is_hashed (const char *text)
{
  return text[0] == '#' && strspn (text + 1, "0123456789abcdef") == HASH_HEX && text[1 + HASH_HEX] == '\0';
}

/* Text given as a phone: all its digits are the phone's, whatever stands
 * between them ("138abc38000", "１３８a００１３b８０００"), so when 8 or more
 * digits of any script are still visible every visible digit but the
 * first three and the last four is hidden. After attrib_phone_mask(),
 * which masks the runs; a mask's stars are not digits. */
static char *
mask_all_digits (const char *text)
{
  gsize digits = 0, seen = 0;
  const char *t;
  GString *shown;

  for (t = text; *t != '\0'; t = g_utf8_next_char (t))
    digits += g_unichar_isdigit (g_utf8_get_char (t)) != 0;
  if (digits < 8)
    return g_strdup (text);
  shown = g_string_sized_new (strlen (text));
  for (t = text; *t != '\0'; t = g_utf8_next_char (t))
    {
      gunichar c = g_utf8_get_char (t);

      if (g_unichar_isdigit (c))
        {
          if (seen >= 3 && seen < digits - 4)
            c = '*';
          seen++;
        }
      g_string_append_unichar (shown, c);
    }
  return g_string_free (shown, FALSE);
}

static void phone_error (GError    **error,
                         const char *text,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

static void
phone_error (GError    **error,
             const char *text,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  if (attrib_get_show_phones () || is_hashed (text))
    shown = g_strdup (text);
  else
    {
      g_autofree char *runs = attrib_phone_mask (text);

      /* a mask's stars hide digits already; what is still visible is
       * masked if it could be a phone */
      shown = mask_all_digits (runs);
    }
  _attrib_set_input_error (error, ATTRIB_ERROR_INVALID_PHONE, shown, "%s", detail);
}

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
 * A *hashed phone* — `#` and 20 hexadecimal digits, as made by
 * [func@Attrib.phone_hash] — is taken as it is (in lowercase): it stands
 * for a full number the caller does not disclose.
 *
 * Everything else is an error: letters, fullwidth digits (`１３８…`),
 * other punctuation, a wrong number of digits, an empty or %NULL @text.
 *
 * Returns: (transfer full) (nullable): the normalised phone or mask, or
 *   %NULL with @error set to %ATTRIB_ERROR_INVALID_PHONE (the message
 *   quotes @text, its middle digits hidden as [func@Attrib.phone_mask]
 *   hides them unless [func@Attrib.set_show_phones] says otherwise, and
 *   says what is wrong). Free with g_free().
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

  if (text[0] == '#')
    {
      char *hashed = g_ascii_strdown (text, -1);

      if (!is_hashed (hashed))
        {
          g_free (hashed);
          return fail (error, text, _("is not a hashed phone: one # and %d hexadecimal digits"), HASH_HEX);
        }
      if (out_masked != NULL)
        *out_masked = FALSE;
      return hashed;
    }

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
                              char         out[ATTRIB_PHONE_BUFFER],
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
  g_assert (strlen (normal) < ATTRIB_PHONE_BUFFER);
  strcpy (out, normal);
  *out_masked = masked;
  return TRUE;
}

/**
 * attrib_phone_is_hashed:
 * @phone: a phone normalised by [func@Attrib.phone_normalize]
 *
 * Tells whether @phone is a hashed phone such as
 * `#3f2a9c0d1e4b5a6f7788`, made by [func@Attrib.phone_hash], rather than a
 * number or a mask.
 *
 * Returns: %TRUE if @phone is `#` and 20 lowercase hexadecimal digits
 */
gboolean
attrib_phone_is_hashed (const char *phone)
{
  g_return_val_if_fail (phone != NULL, FALSE);

  return is_hashed (phone);
}

/* The first HASH_HEX hex digits of HMAC-SHA256(key, normal) after '#'. */
void
_attrib_phone_hash_into (const char   *normal,
                         const guint8 *key,
                         gsize         key_length,
                         char          out[ATTRIB_PHONE_BUFFER])
{
  GHmac *hmac = g_hmac_new (G_CHECKSUM_SHA256, key, key_length);

  g_hmac_update (hmac, (const guchar *) normal, strlen (normal));
  out[0] = '#';
  memcpy (out + 1, g_hmac_get_string (hmac), HASH_HEX);
  out[1 + HASH_HEX] = '\0';
  g_hmac_unref (hmac);
}

gboolean
_attrib_phone_key_check (GBytes  *key,
                         GError **error)
{
  if (g_bytes_get_size (key) < KEY_MIN_LENGTH)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_KEY,
                   _("A phone key needs at least %d bytes; this one has %zu"),
                   KEY_MIN_LENGTH, g_bytes_get_size (key));
      return FALSE;
    }
  return TRUE;
}

/**
 * attrib_phone_hash:
 * @phone: a full phone as written, or a hashed phone
 * @key: the project's secret key, at least 16 bytes
 * @error: return location for a #GError, or %NULL
 *
 * A customer's phone as a *hashed phone*: `#` and the first 20
 * hexadecimal digits (80 bits) of HMAC-SHA256 under @key of the
 * normalised number ([func@Attrib.phone_normalize]), so
 * `13800138000` under one key is always the same `#…` and under another
 * key something else. A CRM that must not hand out its customers' phones
 * can give a ledger hashed phones only: they identify customers exactly as
 * the numbers would (same hash, same person), so every verdict that does
 * not involve a masked phone is the same ([Reliability](reliability.html), *Personal
 * data*). A mask cannot match a hashed phone: it needs the digits.
 *
 * The same result in Python's standard library, for a CRM that hashes on
 * its side: `"#" + hmac.new(key, b"13800138000", "sha256").hexdigest()[:20]`.
 *
 * A hashed phone is returned as it is (in lowercase); a mask is an error.
 *
 * Returns: (transfer full) (nullable): the hashed phone, or %NULL with
 *   @error set (%ATTRIB_ERROR_INVALID_PHONE for a malformed phone or a
 *   mask, %ATTRIB_ERROR_INVALID_KEY for a key shorter than 16 bytes). Free with
 *   g_free().
 */
char *
attrib_phone_hash (const char  *phone,
                   GBytes      *key,
                   GError     **error)
{
  g_autofree char *normal = NULL;
  gboolean masked = FALSE;
  char out[ATTRIB_PHONE_BUFFER];
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (!_attrib_phone_key_check (key, error))
    return NULL;
  normal = attrib_phone_normalize (phone, &masked, error);
  if (normal == NULL)
    return NULL;
  if (masked)
    {
      phone_error (error, phone, "%s", _("is a masked phone: only a full number can be hashed"));
      return NULL;
    }
  if (is_hashed (normal))
    return g_steal_pointer (&normal);
  data = g_bytes_get_data (key, &length);
  _attrib_phone_hash_into (normal, data, length, out);
  return g_strdup (out);
}

/* What may stand between the digits of one phone as people write it:
 * spaces, tabs, dashes, dots, brackets, slashes, underscores, in their ASCII,
 * Unicode and fullwidth forms. A dot before the decimals of an amount
 * does not count (see decimals_at()). */
static gboolean
is_separator (gunichar c)
{
  switch (c)
    {
    case ' ': case '\t': case '-': case '.': case '(': case ')': case '/': case '_':
    case 0x00A0:                  /* no-break space */
    case 0x3000:                  /* ideographic space */
    case 0xFF08: case 0xFF09:     /* fullwidth brackets */
    case 0xFF0D: case 0xFF0E: case 0xFF0F: case 0xFF3F:  /* fullwidth - . / _ */
      return TRUE;
    default:
      /* dashes, minus; invisible format characters (a zero-width space
       * shows 138\u200B0013\u200B8000 as one number) */
      return (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || g_unichar_type (c) == G_UNICODE_FORMAT;
    }
}

/* Commas and colons (ASCII, fullwidth, ideographic) join two groups of
 * at least three digits each: 138,0013,8000 and 138:0013:8000 are one
 * phone, while a list ("1, 2, 3") or an amount ("3,250,000") is not
 * joined into one. */
static gboolean
is_weak_separator (gunichar c)
{
  return c == ',' || c == ':' || c == 0xFF0C || c == 0xFF1A || c == 0x3001;
}

static gboolean
joins_groups (const gunichar *chars,
              glong           n,
              glong           k)
{
  glong j;

  if (k < 3 || k + 3 >= n)
    return FALSE;
  for (j = 1; j <= 3; j++)
    if (!g_unichar_isdigit (chars[k - j]) || !g_unichar_isdigit (chars[k + j]))
      return FALSE;
  return TRUE;
}

/* Whether the digits at @chars[k], after a dot, are an amount's
 * decimals: 1 to 3 digits, the last of the run. "3250000.00" is a run
 * of 7 digits and its decimals, "139.5720.4861" one run of 11. */
static gboolean
decimals_at (const gunichar *chars,
             glong           n,
             glong           k)
{
  glong end = k, after;

  while (end < n && end - k <= 3 && g_unichar_isdigit (chars[end]))
    end++;
  if (end - k > 3)
    return FALSE;
  for (after = end; after < n && after - end < 3 && is_separator (chars[after]); after++)
    ;
  return after == end || after == n || !g_unichar_isdigit (chars[after]);
}

/* Whether the run of @n digits at @digits is a date, YYYY-MM-DD or
 * YYYY/MM/DD (a year of 4 or 5 digits): not a phone, shown as it is. */
static gboolean
is_date (const gunichar *chars,
         const glong    *digits,
         glong           n)
{
  glong year = n - 4, k;
  gunichar sep;

  if (year < 4 || year > 5)
    return FALSE;
  for (k = 1; k < n; k++)
    {
      gboolean boundary = k == year || k == year + 2;
      glong gap = digits[k] - digits[k - 1];

      if (gap != (boundary ? 2 : 1))
        return FALSE;
    }
  sep = chars[digits[year] - 1];
  /* the shape only: an impossible date quoted by its error ("2024-13-01")
   * is shown as written; 8 digits are no phone, and date_in_run() lets no
   * digit after it go */
  return (sep == '-' || sep == '/') && chars[digits[year + 2] - 1] == sep;
}

/* The number of digits of a date (see is_date()) that the run of
 * @n_digits at @digits is, alone or followed by a time's hour (1 or 2
 * digits, then ':'), or 0. */
static glong
date_in_run (const gunichar *chars,
             glong           n,
             const glong    *digits,
             glong           n_digits)
{
  glong date, after;

  for (date = 8; date <= 9; date++)
    {
      if (n_digits < date || !is_date (chars, digits, date))
        continue;
      if (n_digits == date)
        return date;
      after = digits[n_digits - 1] + 1;
      if (n_digits - date <= 2 && after < n && chars[after] == ':')
        return date;
    }
  return 0;
}

/* The digits of a hashed phone: lowercase, as is_hashed() reads them. */
static gboolean
is_ascii_hex (gunichar c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Whether a hashed phone (# and HASH_HEX hexadecimal digits, no more)
 * starts at @chars[i]. */
static gboolean
is_hash_at (const gunichar *chars,
            glong           n,
            glong           i)
{
  glong k;

  if (chars[i] != '#' || i + 1 + HASH_HEX > n)
    return FALSE;
  for (k = i + 1; k <= i + HASH_HEX; k++)
    if (!is_ascii_hex (chars[k]))
      return FALSE;
  return i + 1 + HASH_HEX == n || !is_ascii_hex (chars[i + 1 + HASH_HEX]);
}

/**
 * attrib_phone_mask:
 * @text: (nullable): any text that may hold a phone: a phone as written
 *   or normalised, valid or not, a name, an id, a note
 *
 * @text as libattrib shows it: every phone in it masked. A *digit run* is
 * a sequence of digits of any script (ASCII, fullwidth `１３８…`,
 * Arabic-Indic `١٣٨…`, …) in which up to three separators — spaces,
 * dashes, dots, brackets, slashes, underscores, also in their Unicode and
 * fullwidth forms — may stand between two digits, as in `138-0013-8000`
 * or `+86 138 0013 8000`, and invisible formatting characters (a
 * zero-width space) too; a comma or a colon (ASCII, fullwidth or
 * ideographic) joins two groups of at least three digits
 * (`138,0013,8000`), not a list (`1, 2, 3`) or an amount
 * (`3,250,000`). The decimals of an amount are not part of a run
 * (`65000.00` is left as it is, `3250000.00` shows as `325****.00`), and
 * a date (`2024-03-01`, `2024/03/01`) is not a phone when it is the whole
 * run or comes before a time (`2024-03-01 10:00`); digits after it in
 * the same run make it part of one. In a run of 8 digits or more every digit but
 * the first three and the last four is replaced by `*`, so `13800138000`
 * shows as `138****8000`, `138-0013-8000` as `138-****-8000` and
 * `李四13800138000` as `李四138****8000`; in a run of 7 digits the last
 * four are. Separators and everything else stay as they are; a `*` ends a
 * run, so masks (`138****8888`) are shown as they are, and hashed phones
 * (`#` and 20 hexadecimal digits) too.
 *
 * Everything libattrib prints — traces, audit output, error messages,
 * and every value they quote — shows text this way unless
 * [func@Attrib.set_show_phones] was given %TRUE: customers' phones are
 * personal information (PIPL art. 6 and 28), and one can be written
 * anywhere by mistake.
 *
 * Returns: (transfer full) (nullable): the masked text, %NULL for %NULL.
 *   Free with g_free().
 */
char *
attrib_phone_mask (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree gunichar *chars = NULL;
  g_autofree guint8 *hide = NULL;
  g_autofree glong *digits = NULL;
  const char *t;
  gsize ascii_digits = 0;
  gboolean plain = TRUE;
  GString *shown;
  glong n, i, k;

  if (text == NULL)
    return NULL;

  /* Most text has no run to mask: ASCII with fewer than 7 digits. */
  for (t = text; *t != '\0'; t++)
    {
      ascii_digits += g_ascii_isdigit (*t) != 0;
      plain = plain && (guchar) *t < 0x80;
    }
  if (plain && ascii_digits < 7)
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  chars = g_utf8_to_ucs4_fast (valid, -1, &n);
  hide = g_new0 (guint8, n + 1);
  digits = g_new (glong, n + 1);

  for (i = 0; i < n;)
    {
      glong n_digits = 0, last;

      if (is_hash_at (chars, n, i))
        {
          i += 1 + HASH_HEX;
          continue;
        }
      if (!g_unichar_isdigit (chars[i]))
        {
          i++;
          continue;
        }
      /* a run: digits with at most 3 separators between two of them */
      last = i;
      digits[n_digits++] = i;
      for (k = i + 1; k < n; k++)
        {
          if (g_unichar_isdigit (chars[k]))
            {
              glong j;
              gboolean dot = FALSE;

              if (k - last - 1 > 3)
                break;
              for (j = last + 1; j < k; j++)
                dot = dot || chars[j] == '.' || chars[j] == 0xFF0E;
              if (dot && decimals_at (chars, n, k))
                break;
              digits[n_digits++] = k;
              last = k;
            }
          else if (!is_separator (chars[k]) && !(is_weak_separator (chars[k]) && joins_groups (chars, n, k)))
            break;
        }
      /* a date, alone or before a time ("2024-03-01 10:00"): shown, and
       * the time's hour is a run of its own; a date with more digits
       * after it in the run is not exempt, so nothing longer hides
       * behind one (and nothing is read twice) */
      if (date_in_run (chars, n, digits, n_digits) > 0)
        {
          i = digits[date_in_run (chars, n, digits, n_digits) - 1] + 1;
          continue;
        }
      if (n_digits >= 8)
        for (k = 3; k < n_digits - 4; k++)
          hide[digits[k]] = 1;
      else if (n_digits == 7)
        for (k = 3; k < n_digits; k++)
          hide[digits[k]] = 1;
      i = last + 1;
    }

  shown = g_string_sized_new (strlen (valid));
  for (i = 0; i < n; i++)
    {
      if (hide[i])
        g_string_append_c (shown, '*');
      else
        g_string_append_unichar (shown, chars[i]);
    }
  return g_string_free (shown, FALSE);
}

/* -1: not decided yet (the environment decides at the first question) */
static int show_phones = -1;

/**
 * attrib_set_show_phones:
 * @show: whether to print phones in full
 *
 * Decides, for the whole process, whether what libattrib prints — trace
 * reasons, audit reports, error messages — shows customers' phones in
 * full, or masked as [func@Attrib.phone_mask] masks them (the default).
 * Data returned by getters, such as [method@Attrib.Event.get_customer_phone]
 * or [method@Attrib.Person.get_phones], is never masked: it is the
 * caller's own data.
 *
 * Without a call, the environment variable `ATTRIB_SHOW_PHONES` decides:
 * `1` shows phones, anything else or unset masks them. The command-line
 * tool's `--show-phones` calls this function. Safe to call from any
 * thread; text already made keeps what it shows.
 */
void
attrib_set_show_phones (gboolean show)
{
  g_atomic_int_set (&show_phones, show ? 1 : 0);
}

/**
 * attrib_get_show_phones:
 *
 * Whether what libattrib prints shows phones in full; see
 * [func@Attrib.set_show_phones].
 *
 * Returns: %TRUE if phones are printed in full, %FALSE if masked
 */
gboolean
attrib_get_show_phones (void)
{
  int show = g_atomic_int_get (&show_phones);

  if (show < 0)
    {
      show = g_strcmp0 (g_getenv ("ATTRIB_SHOW_PHONES"), "1") == 0;
      g_atomic_int_compare_and_exchange (&show_phones, -1, show);
      show = g_atomic_int_get (&show_phones);
    }
  return show == 1;
}

/* Any text a user gave (a phone, an id, a name, a value that did not
 * parse) as everything libattrib prints shows it: its phones masked
 * unless phones are shown on purpose. The one function every message and
 * listing puts user text through. */
char *
_attrib_for_display (const char *text)
{
  return attrib_get_show_phones () ? g_strdup (text) : attrib_phone_mask (text);
}
