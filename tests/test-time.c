/* test-time.c: instants, local dates and the catalog's periods
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <attrib/attrib.h>

#include "attrib-util-private.h"

#define SEC G_GINT64_CONSTANT (1000000)

/* Helpers {{{1 */

/* A zone of the tz database, or skip the test when tzdata lacks it.
 * Call before allocating anything: skip() does not return. */
static GTimeZone *
require_zone (const char *identifier)
{
  GTimeZone *tz = attrib_time_zone_new (identifier, NULL);

  if (tz == NULL || g_strcmp0 (g_time_zone_get_identifier (tz), identifier) != 0)
    {
      if (tz != NULL)
        g_time_zone_unref (tz);
      print_message ("tzdata has no %s: skipped\n", identifier);
      skip ();
    }
  return tz;
}

/* A zone that must exist (default zone, UTC, fixed offsets). */
static GTimeZone *
zone (const char *identifier)
{
  GError *error = NULL;
  GTimeZone *tz = attrib_time_zone_new (identifier, &error);

  if (tz == NULL)
    fail_msg ("zone “%s”: %s", identifier, error->message);
  return tz;
}

static AttribTime
parse (const char *text,
       GTimeZone  *tz)
{
  GError *error = NULL;
  AttribTime t = 0;

  if (!attrib_time_parse (text, tz, &t, &error))
    fail_msg ("“%s”: %s", text, error->message);
  return t;
}

static gint32
day_of (const char *date)
{
  int y, m, d;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    fail_msg ("bad date in test: %s", date);
  return (gint32) _attrib_days_from_civil (y, (unsigned int) m, (unsigned int) d);
}

static void
assert_day_equal (gint32      got,
                  const char *expected)
{
  int y;
  unsigned int m, d;

  if (got != day_of (expected))
    {
      _attrib_civil_from_days (got, &y, &m, &d);
      fail_msg ("got %04d-%02u-%02u, expected %s", y, m, d, expected);
    }
}

static void
assert_time_equal (AttribTime  got,
                   const char *expected,
                   GTimeZone  *tz)
{
  if (got != parse (expected, tz))
    {
      char *text = attrib_time_format (got, tz);

      fail_msg ("got %s, expected %s", text, expected);
    }
}

/* Calendar {{{1 */

static void
test_civil (void **state G_GNUC_UNUSED)
{
  static const struct { int y; unsigned int m, d; gint64 day; } cases[] = {
    { 1970, 1, 1, 0 },
    { 1970, 1, 2, 1 },
    { 1969, 12, 31, -1 },
    { 2000, 3, 1, 11017 },
    { 2000, 2, 29, 11016 },
    { 2024, 2, 29, 19782 },
    { 2024, 3, 1, 19783 },
    { 1900, 1, 1, -25567 },
    { 1900, 3, 1, -25508 },
    { 9999, 12, 31, 2932896 },
    { 1, 1, 1, -719162 },
    { 0, 3, 1, -719468 },
    { -1, 12, 31, -719529 },
  };
  gint64 day;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int y;
      unsigned int m, d;

      assert_true (_attrib_days_from_civil (cases[i].y, cases[i].m, cases[i].d) == cases[i].day);
      _attrib_civil_from_days ((gint32) cases[i].day, &y, &m, &d);
      assert_int_equal (y, cases[i].y);
      assert_int_equal (m, cases[i].m);
      assert_int_equal (d, cases[i].d);
    }

  /* Every day of 1900..9999 (and a stride beyond) round-trips, and
   * consecutive days are consecutive dates. */
  for (day = -800000; day <= 3000000; day += (day >= -25567 && day <= 2932896) ? 1 : 97)
    {
      int y, y2;
      unsigned int m, d, m2, d2;

      _attrib_civil_from_days ((gint32) day, &y, &m, &d);
      assert_true (_attrib_days_from_civil (y, m, d) == day);
      assert_true (m >= 1 && m <= 12 && d >= 1 && d <= _attrib_days_in_month (y, m));
      _attrib_civil_from_days ((gint32) day + 1, &y2, &m2, &d2);
      if (d < _attrib_days_in_month (y, m))
        assert_true (y2 == y && m2 == m && d2 == d + 1);
      else if (m < 12)
        assert_true (y2 == y && m2 == m + 1 && d2 == 1);
      else
        assert_true (y2 == y + 1 && m2 == 1 && d2 == 1);
    }

  /* extremes do not overflow */
  {
    int y;
    unsigned int m, d;

    _attrib_civil_from_days (G_MAXINT32, &y, &m, &d);
    assert_true (_attrib_days_from_civil (y, m, d) == G_MAXINT32);
    _attrib_civil_from_days (G_MININT32, &y, &m, &d);
    assert_true (_attrib_days_from_civil (y, m, d) == G_MININT32);
  }
}

static void
test_days_in_month (void **state G_GNUC_UNUSED)
{
  assert_int_equal (_attrib_days_in_month (2024, 2), 29);
  assert_int_equal (_attrib_days_in_month (2023, 2), 28);
  assert_int_equal (_attrib_days_in_month (2000, 2), 29);
  assert_int_equal (_attrib_days_in_month (1900, 2), 28);
  assert_int_equal (_attrib_days_in_month (2100, 2), 28);
  assert_int_equal (_attrib_days_in_month (2024, 1), 31);
  assert_int_equal (_attrib_days_in_month (2024, 4), 30);
  assert_int_equal (_attrib_days_in_month (2024, 12), 31);
}

/* Parsing {{{1 */

typedef struct
{
  const char *text;
  const char *zone;  /* NULL: the default zone */
  gint64 seconds;
  gint64 usec;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "2024-03-01T10:00:00+08:00", NULL, 1709258400, 0 },
  { "2024-03-01T10:00:00+08:00", "UTC", 1709258400, 0 },
  { "2024-03-01T02:00:00Z", NULL, 1709258400, 0 },
  { "2024-03-01t02:00:00z", NULL, 1709258400, 0 },
  { "2024-03-01 02:00:00Z", NULL, 1709258400, 0 },
  { "2024-03-01 10:00:00+08:00", NULL, 1709258400, 0 },
  { "2024-03-01T02:00:00+00:00", NULL, 1709258400, 0 },
  { "2024-03-01T02:00:00-00:00", NULL, 1709258400, 0 },
  { "2024-02-29T21:00:00-05:00", NULL, 1709258400, 0 },
  { "2024-03-01T07:30:00+05:30", NULL, 1709258400, 0 },
  { "2024-02-29T16:30:00-09:30", NULL, 1709258400, 0 },
  /* fractions, truncated to microseconds */
  { "2024-03-01T10:00:00.5+08:00", NULL, 1709258400, 500000 },
  { "2024-03-01T10:00:00.12+08:00", NULL, 1709258400, 120000 },
  { "2024-03-01T10:00:00.999+08:00", NULL, 1709258400, 999000 },
  { "2024-03-01T10:00:00.000001+08:00", NULL, 1709258400, 1 },
  { "2024-03-01T10:00:00.123456+08:00", NULL, 1709258400, 123456 },
  { "2024-03-01T10:00:00.1234567+08:00", NULL, 1709258400, 123456 },
  { "2024-03-01T10:00:00.123456789+08:00", NULL, 1709258400, 123456 },
  { "2024-03-01T10:00:00.999999999Z", NULL, 1709287200, 999999 },
  { "2024-03-01T10:00:00.000000000Z", NULL, 1709287200, 0 },
  /* around the epoch, extreme offsets */
  { "1970-01-01T00:00:00Z", NULL, 0, 0 },
  { "1969-12-31T23:59:59.999999Z", NULL, -1, 999999 },
  { "1970-01-01T08:00:00+08:00", NULL, 0, 0 },
  { "1970-01-01T00:00:00+23:59", NULL, -86340, 0 },
  { "1970-01-01T00:00:00-23:59", NULL, 86340, 0 },
  /* leap days, range limits */
  { "2024-02-29T00:00:00Z", NULL, 1709164800, 0 },
  { "2000-02-29T12:00:00Z", NULL, 951825600, 0 },
  { "1900-01-01T00:00:00Z", NULL, G_GINT64_CONSTANT (-2208988800), 0 },
  { "9999-12-31T23:59:59.999999Z", NULL, G_GINT64_CONSTANT (253402300799), 999999 },
  { "9999-12-31T23:59:59-23:59", NULL, G_GINT64_CONSTANT (253402300799) + 86340, 0 },
  /* dates alone: 00:00 in the zone */
  { "2024-03-01", NULL, 1709222400, 0 },
  { "2024-03-01", "Asia/Shanghai", 1709222400, 0 },
  { "2024-03-01", "UTC", 1709251200, 0 },
  { "2024-03-01", "+05:30", 1709251200 - 19800, 0 },
  { "2024-03-01", "-09:30", 1709251200 + 34200, 0 },
  { "1970-01-01", "UTC", 0, 0 },
  { "1970-01-01", NULL, -28800, 0 },
  { "2000-02-29", "UTC", 951782400, 0 },
  { "1900-01-01", "UTC", G_GINT64_CONSTANT (-2208988800), 0 },
  { "9999-12-31", "UTC", G_GINT64_CONSTANT (253402214400), 0 },
  { "9999-12-31", "+08:00", G_GINT64_CONSTANT (253402214400) - 28800, 0 },
};

static void
test_parse_valid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      GTimeZone *tz = c->zone != NULL ? zone (c->zone) : NULL;
      GError *error = NULL;
      AttribTime t = 42;
      AttribTime expected = c->seconds * SEC + c->usec;

      if (!attrib_time_parse (c->text, tz, &t, &error))
        fail_msg ("“%s”: %s", c->text, error->message);
      if (t != expected)
        fail_msg ("“%s”: got %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, c->text, t, expected);

      /* out_time and error are optional */
      assert_true (attrib_time_parse (c->text, tz, NULL, NULL));
      if (tz != NULL)
        g_time_zone_unref (tz);
    }
}

/* Dates in zones with daylight saving time, including zones whose clocks
 * jump over midnight (the date then starts at the jump) or repeat it. */
typedef struct
{
  const char *zone;
  const char *date;
  const char *expected;
} DateCase;

static const DateCase dst_date_cases[] = {
  { "America/New_York", "2024-01-15", "2024-01-15T00:00:00-05:00" },
  { "America/New_York", "2024-07-01", "2024-07-01T00:00:00-04:00" },
  { "America/New_York", "2024-03-10", "2024-03-10T00:00:00-05:00" },
  { "America/New_York", "2024-03-11", "2024-03-11T00:00:00-04:00" },
  { "America/New_York", "2024-11-03", "2024-11-03T00:00:00-04:00" },
  { "America/New_York", "2024-11-04", "2024-11-04T00:00:00-05:00" },
  { "Europe/Berlin", "2024-03-31", "2024-03-31T00:00:00+01:00" },
  { "Europe/Berlin", "2024-04-01", "2024-04-01T00:00:00+02:00" },
  { "Europe/Berlin", "2024-10-27", "2024-10-27T00:00:00+02:00" },
  { "Europe/Berlin", "2024-10-28", "2024-10-28T00:00:00+01:00" },
  /* clocks jump from 00:00 to 01:00: the day starts at 01:00 */
  { "America/Sao_Paulo", "2018-11-04", "2018-11-04T01:00:00-02:00" },
  /* clocks go back from 00:00 to 23:00 the day before */
  { "America/Sao_Paulo", "2019-02-16", "2019-02-16T00:00:00-02:00" },
  { "America/Sao_Paulo", "2019-02-17", "2019-02-17T00:00:00-03:00" },
  /* clocks go back from 01:00 to 00:00: 00:00 happens twice, take the first */
  { "America/Havana", "2023-11-05", "2023-11-05T00:00:00-04:00" },
  /* Shanghai's own history: clocks jumped at midnight in 1940 */
  { "Asia/Shanghai", "1940-06-01", "1940-06-01T01:00:00+09:00" },
  { "Asia/Shanghai", "1986-05-04", "1986-05-04T00:00:00+08:00" },
  /* a day that did not exist at all: the next instant is the next day */
  { "Pacific/Apia", "2011-12-30", "2011-12-31T00:00:00+14:00" },
};

static void
test_parse_dates_dst (void **state G_GNUC_UNUSED)
{
  gsize i;
  guint checked = 0;

  for (i = 0; i < G_N_ELEMENTS (dst_date_cases); i++)
    {
      const DateCase *c = &dst_date_cases[i];
      GTimeZone *tz = attrib_time_zone_new (c->zone, NULL);
      AttribTime t;

      if (tz == NULL || strcmp (g_time_zone_get_identifier (tz), c->zone) != 0)
        {
          if (tz != NULL)
            g_time_zone_unref (tz);
          continue;
        }
      t = parse (c->date, tz);
      if (t != parse (c->expected, NULL))
        {
          char *text = attrib_time_format (t, tz);

          fail_msg ("%s in %s: got %s, expected %s", c->date, c->zone, text, c->expected);
        }
      assert_true (t == attrib_time_day_start (day_of (c->date), tz));
      g_time_zone_unref (tz);
      checked++;
    }
  if (checked == 0)
    {
      print_message ("tzdata is missing: skipped\n");
      skip ();
    }
}

typedef struct
{
  const char *text;
  const char *fragment;
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  /* dates that do not exist */
  { "2024-02-30", "is not a valid date" },
  { "2023-02-29", "is not a valid date: February 2023 has 28 days" },
  { "1900-02-29", "is not a valid date" },
  { "2024-04-31", "is not a valid date" },
  { "2024-13-01", "is not a valid date: there is no month 13" },
  { "2024-00-10", "there is no month 00" },
  { "2024-01-00", "is not a valid date" },
  { "2024-01-32", "is not a valid date" },
  { "2024-02-30T10:00:00+08:00", "is not a valid date" },
  /* times */
  { "2024-03-01T24:00:00+08:00", "hours go from 00 to 23" },
  { "2024-03-01T23:60:00+08:00", "minutes go from 00 to 59" },
  { "2024-03-01T23:59:60+08:00", "leap seconds" },
  { "2016-12-31T23:59:60Z", "leap seconds" },
  { "2024-03-01T23:59:61+08:00", "seconds go from 00 to 59" },
  { "2024-03-01T10:00+08:00", "HH:MM:SS" },
  { "2024-03-01T10+08:00", "HH:MM:SS" },
  { "2024-03-01T1:00:00+08:00", "HH:MM:SS" },
  { "2024-03-01T", "HH:MM:SS" },
  { "2024-03-01  10:00:00+08:00", "HH:MM:SS" },
  { "2024-03-01T10:00:00.+08:00", "1 to 9 digits" },
  { "2024-03-01T10:00:00.1234567890+08:00", "1 to 9 digits" },
  { "2024-03-01T10:00:00,5+08:00", "invalid UTC offset" },
  /* offsets */
  { "2024-03-01T10:00:00", "has no UTC offset" },
  { "2024-03-01T10:00:00.5", "has no UTC offset" },
  { "2024-03-01T10:00:00+24:00", "offsets go from -23:59 to +23:59" },
  { "2024-03-01T10:00:00+08:60", "offsets go from -23:59 to +23:59" },
  { "2024-03-01T10:00:00-99:00", "offsets go from -23:59 to +23:59" },
  { "2024-03-01T10:00:00+0800", "invalid UTC offset" },
  { "2024-03-01T10:00:00+8:00", "invalid UTC offset" },
  { "2024-03-01T10:00:00+08", "invalid UTC offset" },
  { "2024-03-01T10:00:00+08:0", "invalid UTC offset" },
  { "2024-03-01T10:00:00 +08:00", "invalid UTC offset" },
  { "2024-03-01T10:00:00UTC", "invalid UTC offset" },
  { "2024-03-01T10:00:00 CST", "invalid UTC offset" },
  /* years out of range */
  { "1899-12-31", "out of range" },
  { "1899-12-31T23:59:59Z", "out of range" },
  { "0000-01-01", "out of range" },
  { "10000-01-01", "out of range" },
  { "10000-01-01T00:00:00Z", "out of range" },
  { "123456789012-01-01", "out of range" },
  /* trailing garbage */
  { "2024-03-01T10:00:00+08:00x", "unexpected text after the UTC offset" },
  { "2024-03-01T10:00:00Z ", "unexpected text after the UTC offset" },
  { "2024-03-01T10:00:00ZZ", "unexpected text after the UTC offset" },
  { "2024-03-01T10:00:00+08:00[Asia/Shanghai]", "unexpected text after the UTC offset" },
  { "2024-03-01x", "is not a date-time like" },
  { "2024-03-01 ", "HH:MM:SS" },
  /* not dates at all */
  { "", "is not a date-time like" },
  { " 2024-03-01", "is not a date-time like" },
  { "2024-3-1", "is not a date-time like" },
  { "24-03-01", "is not a date-time like" },
  { "2024/03/01", "is not a date-time like" },
  { "20240301", "is not a date-time like" },
  { "-2024-03-01", "is not a date-time like" },
  { "+2024-03-01", "is not a date-time like" },
  { "\uff12\uff10\uff12\uff14-03-01", "is not a date-time like" },
  { "1709258400", "is not a date-time like" },
  { "yesterday", "is not a date-time like" },
};

static void
test_parse_invalid (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      const InvalidCase *c = &invalid_cases[i];
      GError *error = NULL;
      AttribTime t = 42;
      char *quoted;

      if (attrib_time_parse (c->text, NULL, &t, &error))
        fail_msg ("“%s” was accepted", c->text);
      assert_true (t == 42);
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
      {
        /* quoted as messages quote every value: phones masked */
        g_autofree char *shown = attrib_phone_mask (c->text);

        quoted = g_strdup_printf ("“%s”", shown);
      }
      if (strstr (error->message, quoted) == NULL || strstr (error->message, c->fragment) == NULL)
        fail_msg ("“%s”: unexpected message “%s”", c->text, error->message);
      g_free (quoted);
      g_error_free (error);

      assert_false (attrib_time_parse (c->text, NULL, NULL, NULL));
    }
}

static void
test_parse_bad_utf8 (void **state G_GNUC_UNUSED)
{
  GError *error = NULL;

  assert_false (attrib_time_parse ("2024-03-01T10:00:00+08:00\xff", NULL, NULL, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
  assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);
}

/* Formatting {{{1 */

typedef struct
{
  gint64 seconds;
  gint64 usec;
  const char *zone;
  const char *expected;
} FormatCase;

static const FormatCase format_cases[] = {
  { 1709258400, 0, NULL, "2024-03-01T10:00:00+08:00" },
  { 1709258400, 0, "Asia/Shanghai", "2024-03-01T10:00:00+08:00" },
  { 1709258400, 500000, NULL, "2024-03-01T10:00:00.500+08:00" },
  { 1709258400, 1000, NULL, "2024-03-01T10:00:00.001+08:00" },
  { 1709258400, 120000, NULL, "2024-03-01T10:00:00.120+08:00" },
  { 1709258400, 1, NULL, "2024-03-01T10:00:00.000001+08:00" },
  { 1709258400, 123456, NULL, "2024-03-01T10:00:00.123456+08:00" },
  { 1709258400, 999999, NULL, "2024-03-01T10:00:00.999999+08:00" },
  { 1709258400, 0, "UTC", "2024-03-01T02:00:00+00:00" },
  { 1709258400, 0, "+05:30", "2024-03-01T07:30:00+05:30" },
  { 1709258400, 0, "-09:30", "2024-02-29T16:30:00-09:30" },
  { 1709222400, 0, NULL, "2024-03-01T00:00:00+08:00" },
  { 1709222399, 999999, NULL, "2024-02-29T23:59:59.999999+08:00" },
  { 0, 0, "UTC", "1970-01-01T00:00:00+00:00" },
  { 0, 0, NULL, "1970-01-01T08:00:00+08:00" },
  { -1, 999999, "UTC", "1969-12-31T23:59:59.999999+00:00" },
  { -1, 999000, "UTC", "1969-12-31T23:59:59.999+00:00" },
  { -1, 0, "UTC", "1969-12-31T23:59:59+00:00" },
  { G_GINT64_CONSTANT (-2208988800), 0, "UTC", "1900-01-01T00:00:00+00:00" },
  { G_GINT64_CONSTANT (253402300799), 999999, "UTC", "9999-12-31T23:59:59.999999+00:00" },
  { G_GINT64_CONSTANT (253402300799), 0, "+08:00", "10000-01-01T07:59:59+08:00" },
};

static void
test_format (void **state G_GNUC_UNUSED)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      const FormatCase *c = &format_cases[i];
      GTimeZone *tz = c->zone != NULL ? zone (c->zone) : NULL;
      AttribTime t = c->seconds * SEC + c->usec;
      char *text = attrib_time_format (t, tz);

      if (strcmp (text, c->expected) != 0)
        fail_msg ("%" G_GINT64_FORMAT ": got %s, expected %s", t, text, c->expected);
      /* and back, unless out of range */
      if (c->expected[4] == '-')
        assert_true (parse (text, NULL) == t);
      g_free (text);
      if (tz != NULL)
        g_time_zone_unref (tz);
    }
}

static void
test_format_dst (void **state G_GNUC_UNUSED)
{
  GTimeZone *new_york = require_zone ("America/New_York");
  GTimeZone *berlin = require_zone ("Europe/Berlin");
  GTimeZone *shanghai = require_zone ("Asia/Shanghai");
  char *text;

  text = attrib_time_format (1709258400 * SEC, new_york);
  assert_string_equal (text, "2024-02-29T21:00:00-05:00");
  g_free (text);
  text = attrib_time_format (1719835200 * SEC, new_york);
  assert_string_equal (text, "2024-07-01T08:00:00-04:00");
  g_free (text);
  text = attrib_time_format (1709258400 * SEC, berlin);
  assert_string_equal (text, "2024-03-01T03:00:00+01:00");
  g_free (text);
  text = attrib_time_format (1719835200 * SEC, berlin);
  assert_string_equal (text, "2024-07-01T14:00:00+02:00");
  g_free (text);

  /* Shanghai in 1900 kept local mean time, +08:05:43: the offset is
   * rounded to a whole minute and the text still denotes the instant. */
  text = attrib_time_format (G_GINT64_CONSTANT (-2208988800) * SEC, shanghai);
  assert_string_equal (text, "1900-01-01T08:06:00+08:06");
  assert_true (parse (text, NULL) == G_GINT64_CONSTANT (-2208988800) * SEC);
  g_free (text);

  g_time_zone_unref (new_york);
  g_time_zone_unref (berlin);
  g_time_zone_unref (shanghai);
}

static void
round_trip_in (GTimeZone *tz,
               GRand     *rand,
               guint      count)
{
  const gint64 first = G_GINT64_CONSTANT (-2208988800) * SEC + 86400 * SEC;
  const gint64 last = G_GINT64_CONSTANT (253402300799) * SEC - 86400 * SEC;
  guint i;

  for (i = 0; i < count; i++)
    {
      gint64 t = first + (gint64) (((guint64) g_rand_int (rand) << 32 | g_rand_int (rand)) %
                                   (guint64) (last - first));
      char *text;
      AttribTime back = 0;
      GError *error = NULL;

      switch (i % 3)
        {
        case 0:
          t -= ((t % SEC) + SEC) % SEC;  /* whole seconds */
          break;
        case 1:
          t -= ((t % 1000) + 1000) % 1000;  /* whole milliseconds */
          break;
        default:
          break;
        }
      text = attrib_time_format (t, tz);
      if (!attrib_time_parse (text, tz, &back, &error))
        fail_msg ("%s: %s", text, error->message);
      if (back != t)
        fail_msg ("%" G_GINT64_FORMAT " → %s → %" G_GINT64_FORMAT, t, text, back);
      assert_true (attrib_time_get_local_day (t, tz) == day_of (text));
      g_free (text);
    }
}

static void
test_format_round_trip (void **state G_GNUC_UNUSED)
{
  static const char *const zones[] = {
    "UTC", "+08:00", "+05:45", "-09:30", "+23:59", "-23:59",
    "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kolkata",
  };
  GRand *rand = g_rand_new_with_seed (20240301);
  gsize i;

  round_trip_in (NULL, rand, 3000);
  for (i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      GTimeZone *tz = attrib_time_zone_new (zones[i], NULL);

      if (tz == NULL)
        continue;
      round_trip_in (tz, rand, 1000);
      g_time_zone_unref (tz);
    }
  g_rand_free (rand);
}

/* Time zones {{{1 */

static void
test_time_zone_new (void **state G_GNUC_UNUSED)
{
  static const struct { const char *identifier; gint32 offset_2024; } valid[] = {
    { "UTC", 0 },
    { "+08:00", 8 * 3600 },
    { "-05:00", -5 * 3600 },
    { "+05:30", 5 * 3600 + 30 * 60 },
    { "Z", 0 },
    { "PRC", 8 * 3600 },
    { "Asia/Shanghai", 8 * 3600 },
  };
  static const char *const invalid[] = {
    "Mars/Olympus", "", "Asia/Shang hai", "Asia//Shanghai", "Asia/", "/Asia/Shanghai",
    "/usr/share/zoneinfo/Asia/Shanghai", ":Asia/Shanghai", "../zoneinfo/UTC",
    "Asia/../UTC", "./UTC", "localtime", "posixrules", "leapseconds", "zone.tab",
    "tzdata.zi", "Asia", "+25:00", "+08:00x", "08:00:00:00", "+08:00/..",
    "\xff", "Asia/Shanghai\n",
  };
  GTimeZone *tz;
  GError *error = NULL;
  gsize i;

  tz = attrib_time_zone_new (NULL, &error);
  assert_non_null (tz);
  assert_null (error);
  assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1709258400)),
                    8 * 3600);
  g_time_zone_unref (tz);

  for (i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      tz = attrib_time_zone_new (valid[i].identifier, &error);
      if (tz == NULL)
        fail_msg ("%s: %s", valid[i].identifier, error->message);
      assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1709258400)),
                        valid[i].offset_2024);
      g_time_zone_unref (tz);
    }

  for (i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      char *quoted, *valid_text;

      tz = attrib_time_zone_new (invalid[i], &error);
      if (tz != NULL)
        fail_msg ("“%s” was accepted as %s", invalid[i], g_time_zone_get_identifier (tz));
      assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE));
      assert_true (g_utf8_validate (error->message, -1, NULL));
      valid_text = g_utf8_make_valid (invalid[i], -1);
      quoted = g_strdup_printf ("Unknown time zone “%s”", valid_text);
      assert_string_equal (error->message, quoted);
      g_free (quoted);
      g_free (valid_text);
      g_clear_error (&error);
    }
}

static void
test_time_zone_dst_names (void **state G_GNUC_UNUSED)
{
  GTimeZone *tz = require_zone ("Europe/Berlin");

  assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1709258400)),
                    3600);
  assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1719835200)),
                    7200);
  g_time_zone_unref (tz);
}

/* Without tzdata, Asia/Shanghai and PRC fall back to a fixed +08:00;
 * other names are unknown. glib looks zones up under $TZDIR. */
static void
test_time_zone_fallback (void **state G_GNUC_UNUSED)
{
  char *saved = g_strdup (g_getenv ("TZDIR"));
  GTimeZone *tz;
  GError *error = NULL;

  g_setenv ("TZDIR", "/nonexistent/zoneinfo", TRUE);

  tz = attrib_time_zone_new ("PRC", &error);
  assert_non_null (tz);
  assert_null (error);
  assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1709258400)),
                    8 * 3600);
  g_time_zone_unref (tz);

  tz = attrib_time_zone_new ("America/Chicago", &error);
  assert_null (tz);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE));
  g_clear_error (&error);

  /* fixed offsets need no tzdata */
  tz = attrib_time_zone_new ("+09:00", &error);
  assert_non_null (tz);
  g_time_zone_unref (tz);

  if (saved != NULL)
    g_setenv ("TZDIR", saved, TRUE);
  else
    g_unsetenv ("TZDIR");
  g_free (saved);
}

static void
test_default_zone (void **state G_GNUC_UNUSED)
{
  GTimeZone *tz = _attrib_time_zone_get_default ();
  AttribTime with_null, with_default;

  assert_non_null (tz);
  assert_ptr_equal (tz, _attrib_time_zone_get_default ());
  assert_int_equal (g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, 1709258400)),
                    8 * 3600);

  /* NULL means the default zone everywhere */
  with_null = parse ("2024-03-01", NULL);
  with_default = parse ("2024-03-01", tz);
  assert_true (with_null == with_default);
  assert_int_equal (attrib_time_get_local_day (with_null, NULL), attrib_time_get_local_day (with_null, tz));
  assert_true (attrib_time_day_start (19783, NULL) == attrib_time_day_start (19783, tz));
}

/* Local days {{{1 */

typedef struct
{
  const char *instant;
  const char *zone;
  const char *local_day;
  const char *utc_day;
} LocalDayCase;

/* Instants near local midnight on either side of UTC midnight. */
static const LocalDayCase local_day_cases[] = {
  { "2024-03-01T15:59:59.999999Z", "Asia/Shanghai", "2024-03-01", "2024-03-01" },
  { "2024-03-01T16:00:00Z", "Asia/Shanghai", "2024-03-02", "2024-03-01" },
  { "2024-03-02T00:00:00+08:00", "Asia/Shanghai", "2024-03-02", "2024-03-01" },
  { "2024-03-01T23:59:59.999+08:00", "Asia/Shanghai", "2024-03-01", "2024-03-01" },
  { "2024-03-02T07:59:59.999999+08:00", "Asia/Shanghai", "2024-03-02", "2024-03-01" },
  { "2024-03-02T08:00:00+08:00", "Asia/Shanghai", "2024-03-02", "2024-03-02" },
  { "2024-03-01T23:59:59.999999Z", "Asia/Shanghai", "2024-03-02", "2024-03-01" },
  { "2024-02-29T16:00:00Z", "Asia/Shanghai", "2024-03-01", "2024-02-29" },
  { "2023-12-31T16:00:00Z", "Asia/Shanghai", "2024-01-01", "2023-12-31" },
  { "1970-01-01T00:00:00Z", "Asia/Shanghai", "1970-01-01", "1970-01-01" },
  { "1969-12-31T16:00:00Z", "Asia/Shanghai", "1970-01-01", "1969-12-31" },
  { "1969-12-31T15:59:59.999999Z", "Asia/Shanghai", "1969-12-31", "1969-12-31" },
  { "1969-12-31T23:59:59.999999Z", "UTC", "1969-12-31", "1969-12-31" },
  { "1960-05-05T00:00:00+08:00", "Asia/Shanghai", "1960-05-05", "1960-05-04" },
  { "1900-01-01T00:00:00Z", "UTC", "1900-01-01", "1900-01-01" },
  { "9999-12-31T23:59:59.999999Z", "UTC", "9999-12-31", "9999-12-31" },
  { "9999-12-31T23:59:59Z", "+08:00", "10000-01-01", "9999-12-31" },
  { "2024-03-02T04:59:59Z", "-05:00", "2024-03-01", "2024-03-02" },
  { "2024-03-02T05:00:00Z", "-05:00", "2024-03-02", "2024-03-02" },
};

static void
test_local_day (void **state G_GNUC_UNUSED)
{
  GTimeZone *utc = zone ("UTC");
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (local_day_cases); i++)
    {
      const LocalDayCase *c = &local_day_cases[i];
      GTimeZone *tz = zone (c->zone);
      AttribTime t = parse (c->instant, NULL);

      assert_day_equal (attrib_time_get_local_day (t, tz), c->local_day);
      assert_day_equal (attrib_time_get_local_day (t, utc), c->utc_day);
      g_time_zone_unref (tz);
    }
  g_time_zone_unref (utc);
}

static void
test_local_day_dst (void **state G_GNUC_UNUSED)
{
  GTimeZone *tz = require_zone ("America/New_York");

  /* 23:59:59 EST on 1 March is already 2 March in UTC */
  assert_day_equal (attrib_time_get_local_day (parse ("2024-03-02T04:59:59Z", NULL), tz), "2024-03-01");
  assert_day_equal (attrib_time_get_local_day (parse ("2024-03-02T05:00:00Z", NULL), tz), "2024-03-02");
  /* in summer the local day changes at 04:00 UTC */
  assert_day_equal (attrib_time_get_local_day (parse ("2024-07-02T03:59:59.999999Z", NULL), tz), "2024-07-01");
  assert_day_equal (attrib_time_get_local_day (parse ("2024-07-02T04:00:00Z", NULL), tz), "2024-07-02");
  /* the DST switch itself */
  assert_day_equal (attrib_time_get_local_day (parse ("2024-03-10T01:59:59-05:00", NULL), tz), "2024-03-10");
  assert_day_equal (attrib_time_get_local_day (parse ("2024-03-10T03:00:00-04:00", NULL), tz), "2024-03-10");
  assert_day_equal (attrib_time_get_local_day (parse ("2024-11-03T01:30:00-04:00", NULL), tz), "2024-11-03");
  assert_day_equal (attrib_time_get_local_day (parse ("2024-11-03T01:30:00-05:00", NULL), tz), "2024-11-03");
  g_time_zone_unref (tz);
}

static void
test_day_start (void **state G_GNUC_UNUSED)
{
  static const struct { const char *zone, *date, *expected; } cases[] = {
    { "Asia/Shanghai", "2024-03-01", "2024-03-01T00:00:00+08:00" },
    { "Asia/Shanghai", "2024-02-29", "2024-02-29T00:00:00+08:00" },
    { "Asia/Shanghai", "1970-01-01", "1970-01-01T00:00:00+08:00" },
    { "Asia/Shanghai", "1960-05-05", "1960-05-05T00:00:00+08:00" },
    { "UTC", "2024-03-01", "2024-03-01T00:00:00Z" },
    { "UTC", "1969-12-31", "1969-12-31T00:00:00Z" },
    { "UTC", "1900-01-01", "1900-01-01T00:00:00Z" },
    { "-09:30", "2024-03-01", "2024-03-01T00:00:00-09:30" },
    { "+23:59", "2024-03-01", "2024-03-01T00:00:00+23:59" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GTimeZone *tz = zone (cases[i].zone);

      assert_time_equal (attrib_time_day_start (day_of (cases[i].date), tz), cases[i].expected, tz);
      g_time_zone_unref (tz);
    }

  /* far-away days saturate instead of overflowing */
  assert_true (attrib_time_day_start (G_MAXINT32, NULL) == ATTRIB_TIME_MAX);
  assert_true (attrib_time_day_start (G_MININT32, NULL) == ATTRIB_TIME_MIN);
  assert_true (attrib_time_day_start (100000000, NULL) < ATTRIB_TIME_MAX);
  assert_true (attrib_time_day_start (-100000000, NULL) > ATTRIB_TIME_MIN);
}

/* day_start() is the first instant of its local day, in every zone, on
 * days spread over the supported years. */
static void
test_day_start_consistency (void **state G_GNUC_UNUSED)
{
  static const char *const zones[] = {
    "UTC", "+08:00", "-09:30", "Asia/Shanghai", "America/New_York", "Europe/Berlin",
    "America/Sao_Paulo", "America/Havana", "Pacific/Apia", "Australia/Lord_Howe",
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      GTimeZone *tz = attrib_time_zone_new (zones[i], NULL);
      gint32 day, first = day_of ("1900-01-02"), last = day_of ("2060-01-01");
      AttribTime previous = ATTRIB_TIME_MIN;

      if (tz == NULL)
        continue;
      for (day = first; day <= last; day += (day > day_of ("1985-01-01") && day < day_of ("2025-01-01")) ? 1 : 5)
        {
          AttribTime start = attrib_time_day_start (day, tz);

          if (attrib_time_get_local_day (start, tz) < day || attrib_time_get_local_day (start - 1, tz) >= day)
            {
              char *text = attrib_time_format (start, tz);

              fail_msg ("%s: day %d starts at %s", zones[i], day, text);
            }
          assert_true (start >= previous);
          previous = start;
        }
      g_time_zone_unref (tz);
    }
}

/* Local days are worked out from offsets each thread keeps by span of
 * time (attrib-time.c, offset_at()): in random order, across zones
 * asked in turn (more than the spans kept), every instant's local day is
 * GLib's. */
static void
test_local_day_spans (void **state G_GNUC_UNUSED)
{
  static const char *const zones[] = {
    "Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Chatham",
    "Europe/Dublin", "America/Havana", "UTC",
  };
  GTimeZone *tzs[G_N_ELEMENTS (zones)];
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  guint i, n_zones = 0;

  for (i = 0; i < G_N_ELEMENTS (zones); i++)
    if ((tzs[n_zones] = attrib_time_zone_new (zones[i], NULL)) != NULL)
      n_zones++;
  assert_true (n_zones >= 2);
  for (i = 0; i < 200000; i++)
    {
      GTimeZone *tz = tzs[g_rand_int_range (rand, 0, n_zones)];
      /* 1900 to 2100, and now and then a second either side of a
       * transition GLib knows */
      gint64 seconds = (gint64) g_rand_double_range (rand, -2208988800.0, 4102444800.0);
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      gint32 expected;

      if (i % 3 == 0)
        {
          int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds);
          gint64 step = (gint64) 1 << 40;

          /* the transition after @seconds, to the second */
          while (step > 0)
            {
              if (seconds + step < 4102444800 &&
                  g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, seconds + step) == interval)
                seconds += step;
              step /= 2;
            }
          seconds += g_rand_int_range (rand, 0, 2);
        }
      utc = g_date_time_new_from_unix_utc (seconds);
      local = g_date_time_to_timezone (utc, tz);
      expected = (gint32) _attrib_days_from_civil (g_date_time_get_year (local), (unsigned int) g_date_time_get_month (local),
                                                   (unsigned int) g_date_time_get_day_of_month (local));
      if (attrib_time_get_local_day (seconds * G_USEC_PER_SEC, tz) != expected)
        fail_msg ("%s at %" G_GINT64_FORMAT ": day %d, GLib says %d", g_time_zone_get_identifier (tz), seconds,
                  attrib_time_get_local_day (seconds * G_USEC_PER_SEC, tz), expected);
    }
  for (i = 0; i < n_zones; i++)
    g_time_zone_unref (tzs[i]);
}

/* Month arithmetic {{{1 */

static void
test_day_add_months (void **state G_GNUC_UNUSED)
{
  static const struct { const char *date; int months; const char *expected; } cases[] = {
    { "2024-01-31", 1, "2024-02-29" },
    { "2023-01-31", 1, "2023-02-28" },
    { "2024-01-30", 1, "2024-02-29" },
    { "2024-01-29", 1, "2024-02-29" },
    { "2024-01-28", 1, "2024-02-28" },
    { "2024-05-31", -3, "2024-02-29" },
    { "2023-05-31", -3, "2023-02-28" },
    { "2024-03-31", -1, "2024-02-29" },
    { "2023-03-31", -1, "2023-02-28" },
    { "2024-03-30", -1, "2024-02-29" },
    { "2023-12-15", 1, "2024-01-15" },
    { "2023-12-31", 1, "2024-01-31" },
    { "2023-12-31", 2, "2024-02-29" },
    { "2023-11-30", 3, "2024-02-29" },
    { "2024-01-15", -1, "2023-12-15" },
    { "2024-01-31", -1, "2023-12-31" },
    { "2024-01-01", -13, "2022-12-01" },
    { "2024-01-15", 0, "2024-01-15" },
    { "2024-01-31", 12, "2025-01-31" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-02-29", 48, "2028-02-29" },
    { "2024-02-29", -12, "2023-02-28" },
    { "2024-08-31", 1, "2024-09-30" },
    { "2024-10-31", -1, "2024-09-30" },
    { "2024-01-15", 3, "2024-04-15" },
    { "1970-01-01", -1, "1969-12-01" },
    { "1969-12-31", 2, "1970-02-28" },
    { "1900-01-31", 1, "1900-02-28" },
    { "2000-01-31", 1, "2000-02-29" },
    { "2000-02-29", 1200, "2100-02-28" },
    { "9999-12-31", -119999, "0000-01-31" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint32 got = attrib_day_add_months (day_of (cases[i].date), cases[i].months);

      if (got != day_of (cases[i].expected))
        {
          int y;
          unsigned int m, d;

          _attrib_civil_from_days (got, &y, &m, &d);
          fail_msg ("%s %+d months: got %04d-%02u-%02u, expected %s",
                    cases[i].date, cases[i].months, y, m, d, cases[i].expected);
        }
    }

  /* no overflow at the extremes */
  (void) attrib_day_add_months (G_MAXINT32, G_MAXINT);
  (void) attrib_day_add_months (G_MININT32, G_MININT);
  assert_int_equal (attrib_day_add_months (G_MAXINT32, G_MAXINT), G_MAXINT32);
  assert_int_equal (attrib_day_add_months (G_MININT32, G_MININT), G_MININT32);
}

static void
test_day_add_months_random (void **state G_GNUC_UNUSED)
{
  GRand *rand = g_rand_new_with_seed (31);
  guint i;

  for (i = 0; i < 20000; i++)
    {
      gint32 day = g_rand_int_range (rand, day_of ("1900-01-01"), day_of ("9999-01-01"));
      int months = g_rand_int_range (rand, -1200, 1200);
      gint32 result = attrib_day_add_months (day, months);
      int y, y2;
      unsigned int m, d, m2, d2;

      _attrib_civil_from_days (day, &y, &m, &d);
      _attrib_civil_from_days (result, &y2, &m2, &d2);
      assert_int_equal ((y2 * 12 + (int) m2) - (y * 12 + (int) m), months);
      assert_int_equal (d2, MIN (d, _attrib_days_in_month (y2, m2)));
    }
  g_rand_free (rand);
}

/* Periods {{{1 */

static gboolean
inside (AttribTime t,
        AttribTime begin,
        AttribTime end)
{
  return begin <= t && t < end;
}

static void
test_period_months (void **state G_GNUC_UNUSED)
{
  static const struct { const char *start; guint months; const char *begin, *end, *last_in, *first_out; } cases[] = {
    /* the catalog's example */
    { "2024-01-15T15:30:00+08:00", 3, "2024-01-15T00:00:00+08:00", "2024-04-15T00:00:00+08:00",
      "2024-04-14T23:59:59.999+08:00", "2024-04-15T00:00:00+08:00" },
    /* month ends: leap and common years */
    { "2024-01-31T10:00:00+08:00", 1, "2024-01-31T00:00:00+08:00", "2024-02-29T00:00:00+08:00",
      "2024-02-28T23:59:59.999999+08:00", "2024-02-29T00:00:00+08:00" },
    { "2023-01-31T10:00:00+08:00", 1, "2023-01-31T00:00:00+08:00", "2023-02-28T00:00:00+08:00",
      "2023-02-27T23:59:59.999+08:00", "2023-02-28T00:00:00+08:00" },
    /* December into January */
    { "2023-12-31T23:00:00+08:00", 1, "2023-12-31T00:00:00+08:00", "2024-01-31T00:00:00+08:00",
      "2024-01-30T23:59:59.999+08:00", "2024-01-31T00:00:00+08:00" },
    { "2023-11-30T08:00:00+08:00", 3, "2023-11-30T00:00:00+08:00", "2024-02-29T00:00:00+08:00",
      "2024-02-28T23:59:59.999+08:00", "2024-02-29T00:00:00+08:00" },
    /* the local day counts, not the UTC day: 2024-01-31T16:30Z is 1 February in Beijing */
    { "2024-01-31T16:30:00Z", 1, "2024-02-01T00:00:00+08:00", "2024-03-01T00:00:00+08:00",
      "2024-02-29T23:59:59.999+08:00", "2024-03-01T00:00:00+08:00" },
    { "2024-01-31T15:59:59Z", 1, "2024-01-31T00:00:00+08:00", "2024-02-29T00:00:00+08:00",
      "2024-02-28T23:59:59.999+08:00", "2024-02-29T00:00:00+08:00" },
    /* 12 months from a leap day */
    { "2024-02-29T12:00:00+08:00", 12, "2024-02-29T00:00:00+08:00", "2025-02-28T00:00:00+08:00",
      "2025-02-27T23:59:59.999+08:00", "2025-02-28T00:00:00+08:00" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AttribTime begin = 0, end = 0;

      attrib_period_months (parse (cases[i].start, NULL), cases[i].months, NULL, &begin, &end);
      assert_time_equal (begin, cases[i].begin, NULL);
      assert_time_equal (end, cases[i].end, NULL);
      assert_true (inside (parse (cases[i].start, NULL), begin, end));
      assert_true (inside (parse (cases[i].last_in, NULL), begin, end));
      assert_false (inside (parse (cases[i].first_out, NULL), begin, end));
      assert_false (inside (begin - 1, begin, end));
    }

  /* optional out parameters, 0 months */
  {
    AttribTime begin = 1, end = 2;

    attrib_period_months (parse ("2024-01-15T15:30:00+08:00", NULL), 3, NULL, NULL, NULL);
    attrib_period_months (parse ("2024-01-15T15:30:00+08:00", NULL), 3, NULL, &begin, NULL);
    assert_time_equal (begin, "2024-01-15T00:00:00+08:00", NULL);
    attrib_period_months (parse ("2024-01-15T15:30:00+08:00", NULL), 3, NULL, NULL, &end);
    assert_time_equal (end, "2024-04-15T00:00:00+08:00", NULL);
    attrib_period_months (parse ("2024-01-15T15:30:00+08:00", NULL), 0, NULL, &begin, &end);
    assert_true (begin == end);
  }
}

static void
test_period_days (void **state G_GNUC_UNUSED)
{
  static const struct { const char *start; guint days; const char *begin, *end, *last_in, *first_out; } cases[] = {
    /* 7 days from 1 March cover 1 to 7 March */
    { "2024-03-01T15:30:00+08:00", 7, "2024-03-01T00:00:00+08:00", "2024-03-08T00:00:00+08:00",
      "2024-03-07T23:59:59.999+08:00", "2024-03-08T00:00:00+08:00" },
    /* across the end of February of a leap year */
    { "2024-02-26T09:00:00+08:00", 7, "2024-02-26T00:00:00+08:00", "2024-03-04T00:00:00+08:00",
      "2024-03-03T23:59:59.999+08:00", "2024-03-04T00:00:00+08:00" },
    /* 1 day */
    { "2024-03-01T23:59:59+08:00", 1, "2024-03-01T00:00:00+08:00", "2024-03-02T00:00:00+08:00",
      "2024-03-01T23:59:59.999999+08:00", "2024-03-02T00:00:00+08:00" },
    /* across the year */
    { "2023-12-30T12:00:00+08:00", 3, "2023-12-30T00:00:00+08:00", "2024-01-02T00:00:00+08:00",
      "2024-01-01T23:59:59.999+08:00", "2024-01-02T00:00:00+08:00" },
    /* started just after local midnight, before UTC midnight */
    { "2024-03-01T16:30:00Z", 7, "2024-03-02T00:00:00+08:00", "2024-03-09T00:00:00+08:00",
      "2024-03-08T23:59:59.999+08:00", "2024-03-09T00:00:00+08:00" },
    /* 30 days */
    { "2024-01-15T15:30:00+08:00", 30, "2024-01-15T00:00:00+08:00", "2024-02-14T00:00:00+08:00",
      "2024-02-13T23:59:59.999+08:00", "2024-02-14T00:00:00+08:00" },
  };
  gsize i;
  GTimeZone *utc = zone ("UTC");
  AttribTime begin = 0, end = 0;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      attrib_period_days (parse (cases[i].start, NULL), cases[i].days, NULL, &begin, &end);
      assert_time_equal (begin, cases[i].begin, NULL);
      assert_time_equal (end, cases[i].end, NULL);
      assert_true (inside (parse (cases[i].start, NULL), begin, end));
      assert_true (inside (parse (cases[i].last_in, NULL), begin, end));
      assert_false (inside (parse (cases[i].first_out, NULL), begin, end));
    }

  /* the same instant in UTC days: it is still 1 March there */
  attrib_period_days (parse ("2024-03-01T16:30:00Z", NULL), 7, utc, &begin, &end);
  assert_time_equal (begin, "2024-03-01T00:00:00Z", NULL);
  assert_time_equal (end, "2024-03-08T00:00:00Z", NULL);

  /* 0 days: empty */
  attrib_period_days (parse ("2024-03-01T15:30:00+08:00", NULL), 0, NULL, &begin, &end);
  assert_true (begin == end);
  assert_time_equal (begin, "2024-03-01T00:00:00+08:00", NULL);

  /* optional out parameters */
  attrib_period_days (parse ("2024-03-01T15:30:00+08:00", NULL), 7, NULL, NULL, NULL);
  end = 0;
  attrib_period_days (parse ("2024-03-01T15:30:00+08:00", NULL), 7, NULL, NULL, &end);
  assert_time_equal (end, "2024-03-08T00:00:00+08:00", NULL);

  /* huge lengths saturate */
  attrib_period_days (parse ("2024-03-01T15:30:00+08:00", NULL), G_MAXUINT, NULL, &begin, &end);
  assert_true (end == ATTRIB_TIME_MAX);
  attrib_period_months (parse ("2024-03-01T15:30:00+08:00", NULL), G_MAXUINT, NULL, &begin, &end);
  assert_true (end > begin);

  g_time_zone_unref (utc);
}

static void
test_period_dst (void **state G_GNUC_UNUSED)
{
  GTimeZone *tz = require_zone ("America/New_York");
  AttribTime begin, end;

  /* two local days spanning the spring switch last 47 hours */
  attrib_period_days (parse ("2024-03-09T12:00:00-05:00", NULL), 2, tz, &begin, &end);
  assert_time_equal (begin, "2024-03-09T00:00:00-05:00", NULL);
  assert_time_equal (end, "2024-03-11T00:00:00-04:00", NULL);
  assert_true (end - begin == 47 * 3600 * SEC);

  /* and 49 hours in autumn */
  attrib_period_days (parse ("2024-11-02T12:00:00-04:00", NULL), 2, tz, &begin, &end);
  assert_true (end - begin == 49 * 3600 * SEC);

  /* a month across the switch */
  attrib_period_months (parse ("2024-02-29T23:30:00-05:00", NULL), 1, tz, &begin, &end);
  assert_time_equal (begin, "2024-02-29T00:00:00-05:00", NULL);
  assert_time_equal (end, "2024-03-29T00:00:00-04:00", NULL);
  assert_time_equal (attrib_window_before_end (end, 7, tz), "2024-03-22T00:00:00-04:00", NULL);
  assert_time_equal (attrib_lookback_begin (parse ("2024-05-31T10:00:00-04:00", NULL), 3, tz),
                     "2024-02-29T00:00:00-05:00", NULL);
  g_time_zone_unref (tz);
}

static void
test_lookback (void **state G_GNUC_UNUSED)
{
  static const struct { const char *visit; guint months; const char *expected; } cases[] = {
    /* the catalog's example */
    { "2024-05-31T10:00:00+08:00", 3, "2024-02-29T00:00:00+08:00" },
    { "2023-05-31T10:00:00+08:00", 3, "2023-02-28T00:00:00+08:00" },
    { "2024-08-31T10:00:00+08:00", 6, "2024-02-29T00:00:00+08:00" },
    { "2024-03-31T00:30:00+08:00", 1, "2024-02-29T00:00:00+08:00" },
    { "2024-01-15T09:00:00+08:00", 1, "2023-12-15T00:00:00+08:00" },
    { "2024-02-10T09:00:00+08:00", 3, "2023-11-10T00:00:00+08:00" },
    { "2024-05-31T10:00:00+08:00", 0, "2024-05-31T00:00:00+08:00" },
    { "2024-05-31T10:00:00+08:00", 12, "2023-05-31T00:00:00+08:00" },
    /* 00:30 on 1 June in Beijing is still 31 May in UTC: the local day counts */
    { "2024-05-31T16:30:00Z", 3, "2024-03-01T00:00:00+08:00" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AttribTime visit = parse (cases[i].visit, NULL);
      AttribTime begin = attrib_lookback_begin (visit, cases[i].months, NULL);

      assert_time_equal (begin, cases[i].expected, NULL);
      /* the window [begin, visit) includes its beginning, not the visit */
      assert_true (inside (begin, begin, visit));
      assert_false (inside (visit, begin, visit));
    }

  /* the catalog's example in UTC days */
  {
    GTimeZone *utc = zone ("UTC");

    assert_time_equal (attrib_lookback_begin (parse ("2024-05-31T16:30:00Z", NULL), 3, utc),
                       "2024-02-29T00:00:00Z", NULL);
    g_time_zone_unref (utc);
  }

  /* huge look-backs saturate */
  assert_true (attrib_lookback_begin (parse ("2024-05-31T10:00:00+08:00", NULL), G_MAXUINT, NULL) <
               parse ("1900-01-01", NULL));
}

static void
test_window_before_end (void **state G_GNUC_UNUSED)
{
  static const struct { const char *end; guint days; const char *expected; } cases[] = {
    /* the catalog's example: a period whose last day is 14 April */
    { "2024-04-15T00:00:00+08:00", 7, "2024-04-08T00:00:00+08:00" },
    { "2024-04-15T00:00:00+08:00", 1, "2024-04-14T00:00:00+08:00" },
    { "2024-04-15T00:00:00+08:00", 0, "2024-04-15T00:00:00+08:00" },
    { "2024-04-15T00:00:00+08:00", 30, "2024-03-16T00:00:00+08:00" },
    /* across the end of February */
    { "2024-03-03T00:00:00+08:00", 7, "2024-02-25T00:00:00+08:00" },
    { "2023-03-03T00:00:00+08:00", 7, "2023-02-24T00:00:00+08:00" },
    /* an end that is not a day start: its day is the last day */
    { "2024-04-15T12:00:00+08:00", 7, "2024-04-09T00:00:00+08:00" },
    { "2024-04-15T00:00:00.000001+08:00", 7, "2024-04-09T00:00:00+08:00" },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_time_equal (attrib_window_before_end (parse (cases[i].end, NULL), cases[i].days, NULL),
                       cases[i].expected, NULL);

  /* with a period: the window is its last 7 days, expiry day included */
  {
    AttribTime begin, end, window;

    attrib_period_months (parse ("2024-01-15T15:30:00+08:00", NULL), 3, NULL, &begin, &end);
    window = attrib_window_before_end (end, 7, NULL);
    assert_time_equal (window, "2024-04-08T00:00:00+08:00", NULL);
    assert_true (inside (parse ("2024-04-14T23:59:59.999+08:00", NULL), window, end));
    assert_true (inside (parse ("2024-04-08T00:00:00+08:00", NULL), window, end));
    assert_false (inside (parse ("2024-04-07T23:59:59.999+08:00", NULL), window, end));
    assert_false (inside (parse ("2024-04-15T00:00:00+08:00", NULL), window, end));

    attrib_period_days (parse ("2024-03-01T15:30:00+08:00", NULL), 30, NULL, &begin, &end);
    assert_time_equal (attrib_window_before_end (end, 7, NULL), "2024-03-24T00:00:00+08:00", NULL);
  }

  /* no overflow at the extremes */
  assert_true (attrib_window_before_end (ATTRIB_TIME_MIN, 7, NULL) == ATTRIB_TIME_MIN);
  assert_true (attrib_window_before_end (ATTRIB_TIME_MAX, 7, NULL) <= ATTRIB_TIME_MAX);
  assert_true (attrib_window_before_end (parse ("2024-04-15", NULL), G_MAXUINT, NULL) <
               parse ("1900-01-01", NULL));
}

static void
test_extremes (void **state G_GNUC_UNUSED)
{
  GTimeZone *utc = zone ("UTC");
  AttribTime begin, end;
  char *text;

  /* nothing overflows or crashes at the open bounds */
  attrib_time_get_local_day (ATTRIB_TIME_MIN, NULL);
  attrib_time_get_local_day (ATTRIB_TIME_MAX, NULL);
  assert_int_equal (attrib_time_get_local_day (ATTRIB_TIME_MIN, utc), -106751992);
  assert_int_equal (attrib_time_get_local_day (ATTRIB_TIME_MAX, utc), 106751991);
  text = attrib_time_format (ATTRIB_TIME_MIN, NULL);
  g_free (text);
  text = attrib_time_format (ATTRIB_TIME_MAX, utc);
  assert_string_equal (text, "294247-01-10T04:00:54.775807+00:00");
  g_free (text);
  attrib_period_days (ATTRIB_TIME_MAX, 7, NULL, &begin, &end);
  assert_true (begin <= end);
  attrib_period_months (ATTRIB_TIME_MIN, 7, NULL, &begin, &end);
  assert_true (begin <= end);
  attrib_lookback_begin (ATTRIB_TIME_MIN, 3, NULL);
  g_time_zone_unref (utc);
}

/* Local dates in range {{{1 */

/* The instants a ledger takes are those whose local date in its zone, as
 * written, lies in the years 1900 to 9999: in every zone those near the
 * ends are written and read back as they are, and the instants just
 * outside are refused with their local date (issue 17, item 7:
 * 9999-12-31T20:00:00Z was taken in Asia/Shanghai and written
 * 10000-01-01T04:00:00+08:00, which nothing reads). */
static void
test_local_date_range (void **state G_GNUC_UNUSED)
{
  static const char *zones[] = {
    "Asia/Shanghai", "UTC", "America/New_York", "+23:59", "-23:59", "+05:30", "Pacific/Kiritimati", "Pacific/Pago_Pago",
  };
  static const struct {
    const char *instant;
    const char *zone;
    const char *message;     /* NULL: taken */
  } cases[] = {
    { "9999-12-31T20:00:00Z", "Asia/Shanghai",
      "9999-12-31T20:00:00+00:00 is 10000-01-01 in Asia/Shanghai: local dates go from 1900-01-01 to 9999-12-31" },
    { "9999-12-31T15:59:59.999999Z", "Asia/Shanghai", NULL },
    { "9999-12-31T16:00:00Z", "Asia/Shanghai",
      "9999-12-31T16:00:00+00:00 is 10000-01-01 in Asia/Shanghai: local dates go from 1900-01-01 to 9999-12-31" },
    { "1900-01-01T04:59:59Z", "America/New_York",
      "1900-01-01T04:59:59+00:00 is 1899-12-31 in America/New_York: local dates go from 1900-01-01 to 9999-12-31" },
    { "1900-01-01T05:00:00Z", "America/New_York", NULL },
    { "9999-12-31T23:59:59Z", "America/New_York", NULL },
    { "2024-03-01T10:00:00+08:00", "Asia/Shanghai", NULL },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GTimeZone *tz = zone (cases[i].zone);
      GError *error = NULL;
      gboolean ok = _attrib_time_check_local_date (parse (cases[i].instant, NULL), tz, &error);

      if (cases[i].message == NULL && !ok)
        fail_msg ("%s in %s: %s", cases[i].instant, cases[i].zone, error->message);
      if (cases[i].message != NULL)
        {
          if (ok)
            fail_msg ("%s in %s taken", cases[i].instant, cases[i].zone);
          assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
          assert_string_equal (error->message, cases[i].message);
          g_error_free (error);
        }
      g_time_zone_unref (tz);
    }

  for (i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      GTimeZone *tz = attrib_time_zone_new (zones[i], NULL);
      AttribTime first, last;
      const AttribTime minute = 60 * SEC;
      AttribTime taken[6], refused[2];
      gsize j;

      if (tz == NULL)
        continue;   /* tzdata without it */
      first = attrib_time_day_start (day_of ("1900-01-01"), tz);
      last = attrib_time_day_start (day_of ("9999-12-31") + 1, tz) - 1;
      /* (local mean time's offset is written rounded to the minute:
       * Pago Pago's first instant of 1900 is written in 1899) */
      taken[0] = first + minute;
      taken[1] = first + 2 * minute;
      taken[2] = last;
      taken[3] = last - minute;
      taken[4] = last - 1;
      taken[5] = parse ("2024-03-01T10:00:00+08:00", NULL);
      refused[0] = first - minute;
      refused[1] = last + 1;
      for (j = 0; j < G_N_ELEMENTS (taken); j++)
        {
          g_autofree char *text = attrib_time_format (taken[j], tz);
          AttribTime back = 0;

          if (!_attrib_time_check_local_date (taken[j], tz, NULL))
            fail_msg ("%s: %s refused", zones[i], text);
          /* written in the zone and read back */
          if (!attrib_time_parse (text, tz, &back, NULL) || back != taken[j])
            fail_msg ("%s: %s is not read back", zones[i], text);
        }
      for (j = 0; j < G_N_ELEMENTS (refused); j++)
        {
          g_autofree char *text = attrib_time_format (refused[j], tz);

          if (_attrib_time_check_local_date (refused[j], tz, NULL))
            fail_msg ("%s: %s taken", zones[i], text);
          assert_false (attrib_time_parse (text, tz, NULL, NULL));
        }
      g_time_zone_unref (tz);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_civil),
    cmocka_unit_test (test_days_in_month),
    cmocka_unit_test (test_parse_valid),
    cmocka_unit_test (test_parse_dates_dst),
    cmocka_unit_test (test_parse_invalid),
    cmocka_unit_test (test_parse_bad_utf8),
    cmocka_unit_test (test_format),
    cmocka_unit_test (test_format_dst),
    cmocka_unit_test (test_format_round_trip),
    cmocka_unit_test (test_time_zone_new),
    cmocka_unit_test (test_time_zone_dst_names),
    cmocka_unit_test (test_time_zone_fallback),
    cmocka_unit_test (test_default_zone),
    cmocka_unit_test (test_local_day),
    cmocka_unit_test (test_local_day_spans),
    cmocka_unit_test (test_local_day_dst),
    cmocka_unit_test (test_day_start),
    cmocka_unit_test (test_day_start_consistency),
    cmocka_unit_test (test_day_add_months),
    cmocka_unit_test (test_day_add_months_random),
    cmocka_unit_test (test_period_months),
    cmocka_unit_test (test_period_days),
    cmocka_unit_test (test_period_dst),
    cmocka_unit_test (test_lookback),
    cmocka_unit_test (test_window_before_end),
    cmocka_unit_test (test_extremes),
    cmocka_unit_test (test_local_date_range),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
