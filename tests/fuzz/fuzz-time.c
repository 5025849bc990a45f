/* fuzz-time.c: times and time zones
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Input: a time as written ("2024-03-01T10:00:00+08:00", "2024-03-01"),
 * optionally followed by a newline and a time zone identifier
 * ("America/New_York", "+05:45"), read by attrib_time_zone_new(). A time
 * attrib_time_parse() accepts must format and parse back to the same
 * instant, lie within its local day, and give periods, look-backs and
 * renewal windows that contain or bound it as docs/concepts.md says.
 */

#include <string.h>

#include "fuzz-common.h"

/* The year of a formatted time, if it has four digits. */
static gboolean
four_digit_year (const char *text,
                 int        *out_year)
{
  int i;

  for (i = 0; i < 4; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  if (text[4] != '-')
    return FALSE;
  *out_year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  return TRUE;
}

static void
check_time (const char *text,
            GTimeZone  *tz)
{
  g_autofree char *formatted = NULL;
  GError *error = NULL;
  AttribTime t, again, start, next, begin, end, lookback, window;
  gint32 day;
  int year;

  if (!attrib_time_parse (text, tz, &t, &error))
    {
      g_assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
      fuzz_check_error (&error);
      return;
    }
  g_assert_no_error (error);

  /* back and forth; outside the years 1900 to 9999 the text is refused */
  formatted = attrib_time_format (t, tz);
  if (four_digit_year (formatted, &year) && year >= 1900)
    {
      if (!attrib_time_parse (formatted, tz, &again, &error))
        g_error ("“%s” is %" G_GINT64_FORMAT " µs, formatted “%s”, which is refused: %s",
                 text, t, formatted, error->message);
      if (again != t)
        g_error ("“%s” is %" G_GINT64_FORMAT " µs, formatted “%s”, which is %" G_GINT64_FORMAT " µs",
                 text, t, formatted, again);
    }

  /* the local day holds the instant */
  day = attrib_time_get_local_day (t, tz);
  start = attrib_time_day_start (day, tz);
  next = attrib_time_day_start (day + 1, tz);
  if (!(start <= t && t < next))
    g_error ("“%s” (%" G_GINT64_FORMAT ") is not within its day %d [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
             text, t, day, start, next);
  g_assert_cmpint (attrib_time_get_local_day (start, tz), ==, day);
  /* a date alone is the start of its day */
  if (strlen (text) == 10)
    g_assert_cmpint (t, ==, start);

  /* periods start on the day and hold the instant; look-backs end after
   * they begin; a renewal window ends with its period */
  attrib_period_days (t, 7, tz, &begin, &end);
  g_assert_cmpint (begin, ==, start);
  g_assert_cmpint (t, <, end);
  attrib_period_days (t, 0, tz, &begin, &end);
  g_assert_cmpint (begin, ==, end);
  attrib_period_months (t, 3, tz, &begin, &end);
  g_assert_cmpint (begin, ==, start);
  g_assert_cmpint (t, <, end);
  window = attrib_window_before_end (end, 7, tz);
  g_assert_cmpint (window, <, end);
  g_assert_cmpint (window, >, begin);
  lookback = attrib_lookback_begin (t, 6, tz);
  g_assert_cmpint (lookback, <=, start);
  g_assert_cmpint (attrib_day_add_months (attrib_day_add_months (day, 1), -1), <=, day);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  char *newline;

  fuzz_init ();
  text = fuzz_strndup (data, size);
  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      GError *error = NULL;

      *newline = '\0';
      tz = attrib_time_zone_new (newline + 1, &error);
      if (tz == NULL)
        {
          g_assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE));
          fuzz_check_error (&error);
        }
    }
  check_time (text, tz);
  return 0;
}
