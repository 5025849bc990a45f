/* attrib-time.c: instants, local dates and the catalog's periods
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <attrib/attrib.h>

#include "attrib-limits-private.h"
#include "attrib-util-private.h"

/* Seconds in a civil day; local days never count leap seconds. */
#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
#define USEC_PER_SEC G_GINT64_CONSTANT (1000000)

/* Any UTC offset glib can represent is below 24 hours; an instant whose
 * local time is L therefore lies within L ± 25 hours. */
#define OFFSET_WINDOW G_GINT64_CONSTANT (90000)

/* Days beyond ±10^8 (about ±273 790 years) do not fit in an AttribTime
 * with room to spare; day_start() saturates there. */
#define SAFE_DAY_LIMIT G_GINT64_CONSTANT (100000000)

#define FIRST_YEAR ATTRIB_LIMIT_FIRST_YEAR
#define LAST_YEAR ATTRIB_LIMIT_LAST_YEAR

/* Calendar {{{1 */

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b < 0)
    q--;
  return q;
}

static gboolean
is_leap_year (int y)
{
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

unsigned int
_attrib_days_in_month (int          y,
                       unsigned int m)
{
  static const guint8 lengths[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (m >= 1 && m <= 12, 0);

  if (m == 2 && is_leap_year (y))
    return 29;
  return lengths[m - 1];
}

/* Howard Hinnant's days_from_civil(), proleptic Gregorian calendar. */
gint64
_attrib_days_from_civil (int          y,
                         unsigned int m,
                         unsigned int d)
{
  gint64 yy, era;
  unsigned int yoe, doy, doe;

  yy = (gint64) y - (m <= 2 ? 1 : 0);
  era = (yy >= 0 ? yy : yy - 399) / 400;
  yoe = (unsigned int) (yy - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

/* Howard Hinnant's civil_from_days(). */
void
_attrib_civil_from_days (gint32        day,
                         int          *y,
                         unsigned int *m,
                         unsigned int *d)
{
  gint64 z, era, year;
  unsigned int doe, yoe, doy, mp, month;

  z = (gint64) day + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned int) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  year = (gint64) yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  month = mp < 10 ? mp + 3 : mp - 9;

  if (y != NULL)
    *y = (int) (year + (month <= 2 ? 1 : 0));
  if (m != NULL)
    *m = month;
  if (d != NULL)
    *d = doy - (153 * mp + 2) / 5 + 1;
}

static gint64
day_add_months64 (gint64 day,
                  gint64 months)
{
  int y;
  unsigned int m, d, dim, new_m;
  gint64 total, new_y;

  day = CLAMP (day, G_MININT32, G_MAXINT32);
  months = CLAMP (months, -G_GINT64_CONSTANT (0x100000000), G_GINT64_CONSTANT (0x100000000));

  _attrib_civil_from_days ((gint32) day, &y, &m, &d);
  total = (gint64) y * 12 + (m - 1) + months;
  new_y = floor_div (total, 12);
  new_m = (unsigned int) (total - new_y * 12) + 1;
  dim = _attrib_days_in_month ((int) new_y, new_m);
  if (d > dim)
    d = dim;
  return _attrib_days_from_civil ((int) new_y, new_m, d);
}

static gint32
clamp_day (gint64 day)
{
  return (gint32) CLAMP (day, G_MININT32, G_MAXINT32);
}

/* Messages {{{1 */

#define MESSAGE_MAX_CHARS 80

char *
_attrib_quote_for_message (const char *text)
{
  char *valid, *shortened;
  const char *end;

  if (text == NULL)
    return g_strdup ("(null)");

  /* masked before it is shortened: a run cut short stays masked */
  shortened = g_utf8_make_valid (text, -1);
  valid = _attrib_for_display (shortened);
  g_free (shortened);
  if (g_utf8_strlen (valid, -1) <= MESSAGE_MAX_CHARS)
    return valid;

  end = g_utf8_offset_to_pointer (valid, MESSAGE_MAX_CHARS);
  shortened = g_strdup_printf ("%.*s…", (int) (end - valid), valid);
  g_free (valid);
  return shortened;
}

void
_attrib_set_input_error (GError     **error,
                         int          code,
                         const char  *text,
                         const char  *format,
                         ...)
{
  g_autofree char *quoted = _attrib_quote_for_message (text);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, ATTRIB_ERROR, code, _("“%s” %s"), quoted, detail);
}

/* Time zones {{{1 */

/* g_time_zone_find_interval() walks the zone's transitions from the
 * first, and every local date the engine works out asks for an offset:
 * each thread keeps the spans of time (in UTC seconds, [begin, end)) over
 * which the zones it asked about keep one offset, the most recently used
 * first. A span holds a reference to its zone, so a zone freed and
 * another made at its address cannot be mistaken for it. A zone without
 * summer time since 1991 (Asia/Shanghai) has one span for every date a
 * ledger holds; one with summer time two a year, found in some 30 calls
 * to g_time_zone_find_interval() each. */
typedef struct
{
  GTimeZone *tz;
  gint64 begin;
  gint64 end;
  gint64 offset;
} ZoneSpan;

#define ZONE_SPANS 16
/* Spans are looked for within this many seconds of 1970 (some 34 800
 * years, beyond the years 1900 to 9999 libattrib reads); instants further
 * out are asked of GLib each time. */
#define ZONE_SPAN_REACH ((gint64) 1 << 40)

typedef struct
{
  ZoneSpan spans[ZONE_SPANS];   /* most recently used first */
  guint n_spans;
} ZoneSpans;

static void
zone_spans_free (gpointer data)
{
  ZoneSpans *cache = data;
  guint i;

  for (i = 0; i < cache->n_spans; i++)
    g_time_zone_unref (cache->spans[i].tz);
  g_free (cache);
}

static GPrivate zone_spans = G_PRIVATE_INIT (zone_spans_free);

/* The first instant from @inside towards @outside (exclusive of it, and
 * within ±ZONE_SPAN_REACH) where g_time_zone_find_interval() gives another
 * interval than @interval, which it gives at @inside; or @outside if none.
 * Intervals rise with time, so each side of a span is one run: steps
 * double from an hour until they pass it, then halve. */
static gint64
span_edge (GTimeZone *tz,
           int        interval,
           gint64     inside,
           gint64     outside)
{
  gint64 direction = outside > inside ? 1 : -1;
  gint64 step = 3600, last_in = inside, first_out;

  for (;;)
    {
      gint64 probe = inside + direction * step;

      if ((direction > 0 && probe >= outside) || (direction < 0 && probe <= outside))
        {
          probe = outside - direction;
          if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, probe) == interval)
            return outside;
          first_out = probe;
          break;
        }
      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, probe) != interval)
        {
          first_out = probe;
          break;
        }
      last_in = probe;
      step *= 2;
    }
  /* last_in is inside, first_out is not: bisect */
  while (first_out - last_in > 1 || last_in - first_out > 1)
    {
      gint64 mid = last_in + (first_out - last_in) / 2;

      if (g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, mid) == interval)
        last_in = mid;
      else
        first_out = mid;
    }
  return first_out;
}

static gint64
offset_at (GTimeZone *tz,
           gint64     utc_seconds)
{
  ZoneSpans *cache;
  ZoneSpan span;
  int interval;
  guint i;

  if (utc_seconds <= -ZONE_SPAN_REACH || utc_seconds >= ZONE_SPAN_REACH)
    return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_seconds));
  if ((cache = g_private_get (&zone_spans)) == NULL)
    {
      cache = g_new0 (ZoneSpans, 1);
      g_private_set (&zone_spans, cache);
    }
  for (i = 0; i < cache->n_spans; i++)
    if (cache->spans[i].tz == tz && cache->spans[i].begin <= utc_seconds && utc_seconds < cache->spans[i].end)
      break;
  if (i < cache->n_spans)
    span = cache->spans[i];
  else
    {
      interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc_seconds);
      span.tz = g_time_zone_ref (tz);
      span.offset = g_time_zone_get_offset (tz, interval);
      /* [begin, end): begin is the first instant inside, end the first
       * after; G_MININT64 and G_MAXINT64 where the span reaches past
       * ±ZONE_SPAN_REACH */
      span.begin = span_edge (tz, interval, utc_seconds, -ZONE_SPAN_REACH);
      span.begin = span.begin == -ZONE_SPAN_REACH ? G_MININT64 : span.begin + 1;
      span.end = span_edge (tz, interval, utc_seconds, ZONE_SPAN_REACH);
      span.end = span.end == ZONE_SPAN_REACH ? G_MAXINT64 : span.end;
      if (cache->n_spans == ZONE_SPANS)
        g_time_zone_unref (cache->spans[--cache->n_spans].tz);
      i = cache->n_spans++;
    }
  /* to the front */
  memmove (&cache->spans[1], &cache->spans[0], i * sizeof (ZoneSpan));
  cache->spans[0] = span;
  return span.offset;
}

static gboolean
offset_valid_for (GTimeZone *tz,
                  gint64     local_seconds,
                  gint64     offset)
{
  return offset_at (tz, local_seconds - offset) == offset;
}

/* The first UTC instant (in seconds) whose local time in @tz is
 * @local_seconds; if that local time does not exist (a forward jump of
 * the clocks), the first instant after the jump.
 *
 * Assumes that @tz changes its offset at most once within ±25 hours of
 * the instant, which holds for every zone of the tz database. */
static gint64
local_to_utc_first (GTimeZone *tz,
                    gint64     local_seconds)
{
  gint64 before, after, middle, lo, hi, mid;
  gint64 best = 0;
  gboolean found = FALSE;
  gint64 candidates[3];
  guint i;

  before = offset_at (tz, local_seconds - OFFSET_WINDOW);
  after = offset_at (tz, local_seconds + OFFSET_WINDOW);
  middle = offset_at (tz, local_seconds);

  candidates[0] = before;
  candidates[1] = after;
  candidates[2] = middle;
  for (i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (offset_valid_for (tz, local_seconds, candidates[i]))
        {
          gint64 utc = local_seconds - candidates[i];

          if (!found || utc < best)
            best = utc;
          found = TRUE;
        }
    }
  if (found)
    return best;

  if (before == after)
    return local_seconds - middle;

  /* A gap: local time jumps over @local_seconds at the transition from
   * @before to @after. Find that transition; it is the first instant
   * whose local time is later than @local_seconds. */
  lo = local_seconds - OFFSET_WINDOW;
  hi = local_seconds + OFFSET_WINDOW;
  while (hi - lo > 1)
    {
      mid = lo + (hi - lo) / 2;
      if (offset_at (tz, mid) == before)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

static gboolean
identifier_is_acceptable (const char *identifier)
{
  const char *p;

  if (identifier[0] == '\0')
    return FALSE;

  /* Fixed offsets: +08:00, -0500, +8 … */
  if (identifier[0] == '+' || identifier[0] == '-' || g_ascii_isdigit (identifier[0]))
    {
      for (p = identifier; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p) && *p != ':' && *p != '+' && *p != '-')
          return FALSE;
      return TRUE;
    }

  /* Names of the tz database: Asia/Shanghai, Etc/GMT-8, UTC … No paths,
   * no dots (which also rules out the database's own text files), and
   * not the host's own zone. */
  if (!g_ascii_isalpha (identifier[0]))
    return FALSE;
  for (p = identifier; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_' || *p == '+' || *p == '-')
        continue;
      if (*p == '/' && p[1] != '/' && p[1] != '\0')
        continue;
      return FALSE;
    }
  if (g_str_equal (identifier, "localtime") || g_str_equal (identifier, "posixrules"))
    return FALSE;
  return TRUE;
}

/* glib reports a file of the zoneinfo directory that is not a compiled
 * zone (such as `leapseconds`) with a critical warning; look first. */
static gboolean
zoneinfo_file_is_not_a_zone (const char *identifier)
{
  const char *tzdir;
  char *filename;
  FILE *file;
  char magic[4];
  gboolean not_a_zone = FALSE;

  if (identifier[0] == '+' || identifier[0] == '-' || g_ascii_isdigit (identifier[0]))
    return FALSE;

  tzdir = g_getenv ("TZDIR");
  if (tzdir == NULL)
    tzdir = "/usr/share/zoneinfo";
  filename = g_build_filename (tzdir, identifier, NULL);
  file = fopen (filename, "rb");
  if (file != NULL)
    {
      not_a_zone = fread (magic, 1, sizeof magic, file) != sizeof magic ||
                   memcmp (magic, "TZif", sizeof magic) != 0;
      fclose (file);
    }
  g_free (filename);
  return not_a_zone;
}

/* Every offset of @tz must show as at most ±23:59 (attrib_time_format()
 * rounds it to the minute). The zones of the tz database stay far
 * inside; fixed offsets and POSIX rules (`EST+24`, `A+5B-24,M3.2.0,M11.1.0`)
 * need not: their offsets are those of the first interval and of January
 * and July, for either hemisphere's summer. */
static gboolean
offsets_are_readable (GTimeZone *tz)
{
  static const gint64 instants[] = { G_GINT64_CONSTANT (1705276800), G_GINT64_CONSTANT (1721001600) };
  gint64 offsets[G_N_ELEMENTS (instants) + 1];
  guint i;

  offsets[0] = g_time_zone_get_offset (tz, 0);
  for (i = 0; i < G_N_ELEMENTS (instants); i++)
    offsets[i + 1] = g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instants[i]));
  for (i = 0; i < G_N_ELEMENTS (offsets); i++)
    if ((ABS (offsets[i]) + 30) / 60 > 23 * 60 + 59)
      return FALSE;
  return TRUE;
}

/**
 * attrib_time_zone_new:
 * @identifier: (nullable): a time zone identifier, or %NULL for
 *   %ATTRIB_DEFAULT_TIME_ZONE (`Asia/Shanghai`)
 * @error: return location for a #GError, or %NULL
 *
 * Looks up the time zone in which a profile or ledger computes local
 * dates, days and months (catalog §0, *Time*).
 *
 * @identifier is a name of the tz database (`Asia/Shanghai`,
 * `Europe/Berlin`, `UTC`) or a fixed offset (`+08:00`, `-05:00`) between
 * −23:59 and +23:59, the offsets RFC 3339 times can carry. File
 * paths and the host's own zone (`localtime`) are refused: a verdict must
 * not depend on the machine that computes it.
 *
 * The tz database is missing on some minimal machines. For
 * `Asia/Shanghai` and its alias `PRC` this function then falls back to a
 * fixed offset of +08:00: China has observed no daylight saving time
 * since 1991, so both give the same local times for every date a
 * customer attribution can involve (years from 1991 on). Any other
 * unknown identifier is an error.
 *
 * Returns: (transfer full) (nullable): the time zone, or %NULL with
 *   @error set to %ATTRIB_ERROR_INVALID_TIME_ZONE if @identifier is
 *   unknown. Free with [method@GLib.TimeZone.unref].
 */
GTimeZone *
attrib_time_zone_new (const char  *identifier,
                      GError     **error)
{
  GTimeZone *tz = NULL;
  char *quoted;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (identifier == NULL)
    identifier = ATTRIB_DEFAULT_TIME_ZONE;

  if (identifier_is_acceptable (identifier) && !zoneinfo_file_is_not_a_zone (identifier))
    tz = g_time_zone_new_identifier (identifier);

  /* glib takes offsets up to ±24:59; a time shown with one could not be
   * read back (RFC 3339 and attrib_time_parse() stop at ±23:59; found by
   * tests/fuzz/fuzz-time) */
  if (tz != NULL && !offsets_are_readable (tz))
    {
      quoted = _attrib_quote_for_message (identifier);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE,
                   _("Time zone “%s”: offsets go from -23:59 to +23:59"), quoted);
      g_free (quoted);
      g_time_zone_unref (tz);
      return NULL;
    }

  if (tz == NULL &&
      (g_str_equal (identifier, "Asia/Shanghai") || g_str_equal (identifier, "PRC")))
    tz = g_time_zone_new_offset (8 * 3600);

  if (tz == NULL)
    {
      quoted = _attrib_quote_for_message (identifier);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME_ZONE,
                   _("Unknown time zone “%s”"), quoted);
      g_free (quoted);
    }
  return tz;
}

static gpointer
create_default_time_zone (gpointer data G_GNUC_UNUSED)
{
  return attrib_time_zone_new (NULL, NULL);
}

GTimeZone *
_attrib_time_zone_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, create_default_time_zone, NULL);
}

static inline GTimeZone *
zone_or_default (GTimeZone *tz)
{
  return tz != NULL ? tz : _attrib_time_zone_get_default ();
}

/* Local days {{{1 */

static gint64
day_start64 (gint64     day,
             GTimeZone *tz)
{
  if (day < -SAFE_DAY_LIMIT)
    return ATTRIB_TIME_MIN;
  if (day > SAFE_DAY_LIMIT)
    return ATTRIB_TIME_MAX;
  return local_to_utc_first (tz, day * SECONDS_PER_DAY) * USEC_PER_SEC;
}

/**
 * attrib_time_get_local_day:
 * @time: an instant
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 *
 * Finds the local calendar date of @time in @tz, as a day number: the
 * count of days since 1970-01-01 (day 0; days before it are negative).
 * The catalog does all day arithmetic on such local dates (catalog §0,
 * *Time*), never on UTC dates: an event at 2024-03-02T07:00:00+08:00 is
 * on 2 March in Beijing although it is still 1 March (23:00) in UTC, and
 * it counts as 2 March.
 *
 * Returns: the local day number of @time
 */
gint32
attrib_time_get_local_day (AttribTime  time,
                           GTimeZone  *tz)
{
  gint64 seconds, local;

  tz = zone_or_default (tz);
  seconds = floor_div (time, USEC_PER_SEC);
  local = seconds + offset_at (tz, seconds);
  return clamp_day (floor_div (local, SECONDS_PER_DAY));
}

/**
 * attrib_time_day_start:
 * @day: a day number (days since 1970-01-01)
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 *
 * Finds the instant at which the local day @day begins in @tz: local
 * 00:00. Where the clocks jump forward over midnight, so that 00:00 does
 * not exist on that day, it is the first instant of the day (the moment
 * of the jump); where 00:00 happens twice, it is the first of them.
 *
 * Days so far from 1970 that their start is not representable give
 * %ATTRIB_TIME_MIN or %ATTRIB_TIME_MAX.
 *
 * Returns: the first instant of @day in @tz
 */
AttribTime
attrib_time_day_start (gint32      day,
                       GTimeZone  *tz)
{
  return day_start64 (day, zone_or_default (tz));
}

/**
 * attrib_day_add_months:
 * @day: a day number (days since 1970-01-01)
 * @months: the number of calendar months to add; negative goes back
 *
 * Adds calendar months to a date the way the catalog's periods and
 * look-back windows do (catalog §0, *Convention (periods)*): the month
 * moves by @months and the day of the month stays, except that it is
 * clamped to the length of the target month.
 *
 * So 2024-01-31 + 1 month = 2024-02-29 (a leap year), 2023-01-31 + 1
 * month = 2023-02-28, 2023-12-15 + 1 month = 2024-01-15, and
 * 2024-05-31 − 3 months = 2024-02-29. Note that clamping makes the
 * operation lossy: 2024-03-31 − 1 month + 1 month is 2024-03-29.
 *
 * Returns: the day number @months months after @day
 */
gint32
attrib_day_add_months (gint32 day,
                       int    months)
{
  return clamp_day (day_add_months64 (day, months));
}

/* Periods {{{1 */

/**
 * attrib_period_days:
 * @start: the instant the period starts (a confirmation, a report …)
 * @days: the length of the period, in local days
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 * @out_begin: (out) (optional): return location for the first instant of
 *   the period
 * @out_end: (out) (optional): return location for the end of the period,
 *   exclusive
 *
 * Computes a period of @days days (catalog §0, *Convention (periods)*).
 *
 * A period of N days starting on local day D covers the whole local days
 * D, D+1, … D+N−1: it begins at 00:00 on D, whatever the time of @start,
 * and ends at 23:59:59.999… on its last day D+N−1. This function gives
 * that end as an exclusive bound, the start of the next local day D+N: an
 * event is inside the period if `begin <= time < end`. An event at
 * 23:59:59.999 on the last day is inside; one at 00:00:00 on the next day
 * is not.
 *
 * For example, a 7-day period from 2024-03-01T15:30:00+08:00 covers
 * 1 to 7 March: [2024-03-01T00:00:00+08:00, 2024-03-08T00:00:00+08:00).
 * A period of 0 days is empty (`begin == end`).
 */
void
attrib_period_days (AttribTime   start,
                    guint        days,
                    GTimeZone   *tz,
                    AttribTime  *out_begin,
                    AttribTime  *out_end)
{
  gint64 day;

  tz = zone_or_default (tz);
  day = attrib_time_get_local_day (start, tz);
  if (out_begin != NULL)
    *out_begin = day_start64 (day, tz);
  if (out_end != NULL)
    *out_end = day_start64 (day + days, tz);
}

/**
 * attrib_period_months:
 * @start: the instant the period starts (a confirmation, a report …)
 * @months: the length of the period, in calendar months
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 * @out_begin: (out) (optional): return location for the first instant of
 *   the period
 * @out_end: (out) (optional): return location for the end of the period,
 *   exclusive
 *
 * Computes a period of @months calendar months (catalog §0,
 * *Convention (periods)*).
 *
 * A period of N months starting on local day D covers D up to, not
 * including, D + N months, the day of month clamped to the length of the
 * target month (see [func@Attrib.day_add_months]). It begins at 00:00 on D and
 * ends at 23:59:59.999… on the day before D + N months; this function
 * gives that end as an exclusive bound, 00:00 on D + N months: an event
 * is inside if `begin <= time < end`.
 *
 * For example, a 3-month period from 2024-01-15T15:30:00+08:00 covers
 * 15 January to 14 April: it contains 2024-04-14T23:59:59.999+08:00 but
 * not 2024-04-15T00:00:00+08:00. A 1-month period from 2024-01-31 ends
 * (exclusive) at 2024-02-29T00:00, so its last day is 28 February.
 */
void
attrib_period_months (AttribTime   start,
                      guint        months,
                      GTimeZone   *tz,
                      AttribTime  *out_begin,
                      AttribTime  *out_end)
{
  gint64 day;

  tz = zone_or_default (tz);
  day = attrib_time_get_local_day (start, tz);
  if (out_begin != NULL)
    *out_begin = day_start64 (day, tz);
  if (out_end != NULL)
    *out_end = day_start64 (day_add_months64 (day, months), tz);
}

/**
 * attrib_lookback_begin:
 * @time: the instant looked back from (usually a visit)
 * @months: how many calendar months to look back
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 *
 * Computes where a look-back window begins (catalog §0,
 * *Convention (look-back)*).
 *
 * "Within N months before the visit" covers the timestamps in
 * [start of local day (D − N months), visit time), where D is the local
 * date of the visit and the day of month is clamped to the length of the
 * target month. The window includes its beginning and excludes the visit
 * itself.
 *
 * For example, 3 months back from a visit at 2024-05-31T10:00:00+08:00
 * begins at 2024-02-29T00:00:00+08:00.
 *
 * Returns: the first instant of the look-back window ending at @time
 */
AttribTime
attrib_lookback_begin (AttribTime  time,
                       guint       months,
                       GTimeZone  *tz)
{
  gint64 day;

  tz = zone_or_default (tz);
  day = attrib_time_get_local_day (time, tz);
  return day_start64 (day_add_months64 (day, -(gint64) months), tz);
}

/**
 * attrib_window_before_end:
 * @end: the exclusive end of a period, as given by [func@Attrib.period_days]
 *   or [func@Attrib.period_months]
 * @days: the length of the window, in local days
 * @tz: (nullable): the time zone, or %NULL for %ATTRIB_DEFAULT_TIME_ZONE
 *
 * Computes where the window "within N days before expiry" of a period
 * begins (catalog §0, *Convention (renewal window)*).
 *
 * The window covers the last N local days of the period, the expiry day
 * (the period's last day) included, and ends where the period ends: it is
 * [returned instant, @end). For example, the 7-day renewal window of a
 * period whose last day is 14 April 2024 (exclusive end
 * 2024-04-15T00:00:00+08:00) covers 8 to 14 April: it begins at
 * 2024-04-08T00:00:00+08:00.
 *
 * The window is not clipped to the period: if the period is shorter than
 * @days, the window begins before the period does.
 *
 * Returns: the first instant of the window
 */
AttribTime
attrib_window_before_end (AttribTime  end,
                          guint       days,
                          GTimeZone  *tz)
{
  gint64 last_day;

  if (end == ATTRIB_TIME_MIN)
    return ATTRIB_TIME_MIN;

  tz = zone_or_default (tz);
  last_day = attrib_time_get_local_day (end - 1, tz);
  return day_start64 (last_day - days + 1, tz);
}

char *
_attrib_day_format (gint32 day)
{
  int year;
  unsigned int month, mday;

  _attrib_civil_from_days (day, &year, &month, &mday);
  return g_strdup_printf ("%04d-%02u-%02u", year, month, mday);
}

gboolean
_attrib_time_check_local_date (gint64      time,
                               GTimeZone  *tz,
                               GError    **error)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autofree char *instant = NULL;
  g_autofree char *date = NULL;
  gint32 day;

  gint64 seconds, offset;

  /* the date attrib_time_format() writes: with the offset rounded to the
   * minute (local mean time: Pago Pago's −11:22:48 writes the first
   * instant of 1900 as 1899-12-31T23:59:48-11:23) */
  seconds = floor_div (time, USEC_PER_SEC);
  /* an offset is less than a day: a UTC day a day inside the range is
   * inside it in every zone (most instants: no look-up of the zone) */
  day = clamp_day (floor_div (seconds, SECONDS_PER_DAY));
  if (day > _attrib_days_from_civil (FIRST_YEAR, 1, 1) && day < _attrib_days_from_civil (LAST_YEAR, 12, 31))
    return TRUE;
  tz = zone_or_default (tz);
  offset = offset_at (tz, seconds);
  offset = offset >= 0 ? (offset + 30) / 60 * 60 : -((-offset + 30) / 60 * 60);
  day = clamp_day (floor_div (seconds + offset, SECONDS_PER_DAY));
  if (day >= _attrib_days_from_civil (FIRST_YEAR, 1, 1) && day <= _attrib_days_from_civil (LAST_YEAR, 12, 31))
    return TRUE;
  utc = g_time_zone_new_utc ();
  instant = attrib_time_format (time, utc);
  date = _attrib_day_format (day);
  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME,
               _("%s is %s in %s: local dates go from %d-01-01 to %d-12-31"), instant, date,
               g_time_zone_get_identifier (tz), FIRST_YEAR, LAST_YEAR);
  return FALSE;
}

/* Text {{{1 */

#define fail(error, text, ...) \
  (_attrib_set_input_error ((error), ATTRIB_ERROR_INVALID_TIME, (text), __VA_ARGS__), FALSE)

#define EXPECTED _("is not a date-time like 2024-03-01T10:00:00+08:00 or a date like 2024-03-01")

/* Reads exactly @n ASCII digits. */
static gboolean
read_digits (const char **p,
             guint        n,
             int         *out)
{
  const char *s = *p;
  int value = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      value = value * 10 + (s[i] - '0');
    }
  *p = s + n;
  *out = value;
  return TRUE;
}

static const char *const month_names[12] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
  NC_("month", "July"), NC_("month", "August"), NC_("month", "September"),
  NC_("month", "October"), NC_("month", "November"), NC_("month", "December"),
};

/**
 * attrib_time_parse:
 * @text: an RFC 3339 date-time or a date
 * @tz: (nullable): the time zone of a date without time, or %NULL for
 *   %ATTRIB_DEFAULT_TIME_ZONE
 * @out_time: (out) (optional): return location for the instant
 * @error: return location for a #GError, or %NULL
 *
 * Parses a time of a scenario file or a CRM export (catalog §0, *Time*).
 *
 * @text is either
 *
 * - an RFC 3339 date-time with its UTC offset,
 *   `2024-03-01T10:00:00+08:00` or `2024-03-01T02:00:00Z`; `t`, `z` and a
 *   single space in place of `T` are accepted, as RFC 3339 allows, and
 *   fractional seconds of 1 to 9 digits are truncated to microseconds; or
 * - a date alone, `2024-03-01`, meaning 00:00 local time in @tz on that
 *   date (if the clocks jump over midnight that day, the first instant of
 *   the day).
 *
 * The parser is strict: the year has 4 digits and lies between 1900 and
 * 9999, the date exists (2023-02-29 does not), hours are 00 to 23,
 * seconds 00 to 59 (leap seconds are refused), offsets lie between −23:59
 * and +23:59, and nothing may follow. A date-time without an offset is
 * refused rather than guessed.
 *
 * Returns: %TRUE on success; %FALSE with @error set to
 *   %ATTRIB_ERROR_INVALID_TIME (the message quotes @text and says what is
 *   wrong)
 */
gboolean
attrib_time_parse (const char  *text,
                   GTimeZone   *tz,
                   AttribTime  *out_time,
                   GError     **error)
{
  const char *p = text;
  int year, month, day, hour, minute, second;
  int offset_hours, offset_minutes, sign;
  gint64 days, usec = 0, scale = 100000, local, result;
  guint n, fraction_digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attrib_bind_textdomain ();

  /* Date. */
  for (n = 0; g_ascii_isdigit (p[n]); n++)
    ;
  if (n > 4 && p[n] == '-')
    return fail (error, text, _("is out of range: years go from %d to %d"), FIRST_YEAR, LAST_YEAR);
  if (n != 4 || !read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' || !read_digits (&p, 2, &day))
    return fail (error, text, EXPECTED);
  if (year < FIRST_YEAR)
    return fail (error, text, _("is out of range: years go from %d to %d"), FIRST_YEAR, LAST_YEAR);
  if (month < 1 || month > 12)
    return fail (error, text, _("is not a valid date: there is no month %02d"), month);
  if (day < 1 || (unsigned int) day > _attrib_days_in_month (year, month))
    return fail (error, text, _("is not a valid date: %s %d has %u days"),
                 g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]), year,
                 _attrib_days_in_month (year, month));
  days = _attrib_days_from_civil (year, month, day);

  if (*p == '\0')
    {
      if (out_time != NULL)
        *out_time = day_start64 (days, zone_or_default (tz));
      return TRUE;
    }

  /* Time. */
  if (*p != 'T' && *p != 't' && *p != ' ')
    return fail (error, text, EXPECTED);
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':' ||
      !read_digits (&p, 2, &minute) || *p++ != ':' || !read_digits (&p, 2, &second))
    return fail (error, text, _("is not a valid date-time: the time must be written HH:MM:SS, "
                   "like 2024-03-01T10:00:00+08:00"));
  if (hour > 23)
    return fail (error, text, _("is not a valid time: hours go from 00 to 23"));
  if (minute > 59)
    return fail (error, text, _("is not a valid time: minutes go from 00 to 59"));
  if (second == 60)
    return fail (error, text, _("is not a valid time: leap seconds (second 60) are not supported"));
  if (second > 59)
    return fail (error, text, _("is not a valid time: seconds go from 00 to 59"));

  if (*p == '.')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          fraction_digits++;
          if (fraction_digits <= 6)
            {
              usec += (*p - '0') * scale;
              scale /= 10;
            }
        }
      if (fraction_digits == 0 || fraction_digits > 9)
        return fail (error, text, _("is not a valid time: a fraction of a second has 1 to 9 digits"));
    }

  /* Offset. */
  if (*p == 'Z' || *p == 'z')
    {
      sign = 1;
      offset_hours = offset_minutes = 0;
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      sign = *p == '-' ? -1 : 1;
      p++;
      if (!read_digits (&p, 2, &offset_hours) || *p++ != ':' ||
          !read_digits (&p, 2, &offset_minutes))
        return fail (error, text, _("has an invalid UTC offset: write it like +08:00, -05:00 or Z"));
      if (offset_hours > 23 || offset_minutes > 59)
        return fail (error, text, _("has an invalid UTC offset: offsets go from -23:59 to +23:59"));
    }
  else if (*p == '\0')
    return fail (error, text, _("has no UTC offset: add one, like +08:00 or Z"));
  else
    return fail (error, text, _("has an invalid UTC offset: write it like +08:00, -05:00 or Z"));

  if (*p != '\0')
    return fail (error, text, _("has unexpected text after the UTC offset"));

  local = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  result = (local - sign * (offset_hours * 3600 + offset_minutes * 60)) * USEC_PER_SEC + usec;
  if (out_time != NULL)
    *out_time = result;
  return TRUE;
}

/* Writes @v in exactly @width digits, zero-padded (@v < 10^@width). */
static char *
put_digits (char  *out,
            guint  v,
            guint  width)
{
  guint i;

  for (i = width; i > 0; i--)
    {
      out[i - 1] = '0' + v % 10;
      v /= 10;
    }
  return out + width;
}

/**
 * attrib_time_format:
 * @time: an instant
 * @tz: (nullable): the time zone to show @time in, or %NULL for
 *   %ATTRIB_DEFAULT_TIME_ZONE
 *
 * Formats @time as an RFC 3339 date-time in the local time of @tz, with
 * its numeric UTC offset: `2024-03-01T10:00:00+08:00`. UTC is written
 * `+00:00`, never `Z`, so that equal instants in equal zones always give
 * equal text.
 *
 * Seconds are followed by milliseconds (`.250`) only if @time has a
 * sub-second part that is a whole number of milliseconds, by
 * microseconds (`.250001`) if it has a finer part, and by nothing
 * otherwise. [func@Attrib.time_parse] reads the result back to @time.
 *
 * RFC 3339 offsets have no seconds: in the rare zones whose offset is not
 * a whole number of minutes (local mean time before 1901 in
 * `Asia/Shanghai`, +08:05:43), the offset is rounded to the nearest minute
 * and the local time shown with it, which still denotes @time exactly.
 * Instants outside the years 0 to 9999 (such as %ATTRIB_TIME_MAX) give
 * text that is not RFC 3339.
 *
 * Returns: (transfer full): the formatted time; free with g_free()
 */
char *
attrib_time_format (AttribTime  time,
                    GTimeZone  *tz)
{
  gint64 seconds, usec, offset, offset_minutes, local, day, second_of_day;
  int year;
  unsigned int month, mday;
  char sign;

  tz = zone_or_default (tz);
  seconds = time / USEC_PER_SEC;
  usec = time % USEC_PER_SEC;
  if (usec < 0)
    {
      usec += USEC_PER_SEC;
      seconds--;
    }
  offset = offset_at (tz, seconds);
  offset_minutes = offset >= 0 ? (offset + 30) / 60 : -((-offset + 30) / 60);
  local = seconds + offset_minutes * 60;
  day = floor_div (local, SECONDS_PER_DAY);
  second_of_day = local - day * SECONDS_PER_DAY;
  _attrib_civil_from_days (clamp_day (day), &year, &month, &mday);

  sign = offset_minutes < 0 ? '-' : '+';
  if (offset_minutes < 0)
    offset_minutes = -offset_minutes;

  /* by hand, not printf: traces and fingerprints write many of these */
  {
    char out[40], *p = out;
    guint hour = (guint) (second_of_day / 3600), minute = (guint) (second_of_day / 60 % 60);
    guint second = (guint) (second_of_day % 60);

    if (year < 0 || year > 9999)
      {
        /* beyond four digits (only open bounds get there): printf's way */
        p += g_snprintf (out, sizeof out, "%04d", year);
      }
    else
      p = put_digits (p, (guint) year, 4);
    *p++ = '-';
    p = put_digits (p, month, 2);
    *p++ = '-';
    p = put_digits (p, mday, 2);
    *p++ = 'T';
    p = put_digits (p, hour, 2);
    *p++ = ':';
    p = put_digits (p, minute, 2);
    *p++ = ':';
    p = put_digits (p, second, 2);
    if (usec != 0 && usec % 1000 == 0)
      {
        *p++ = '.';
        p = put_digits (p, (guint) (usec / 1000), 3);
      }
    else if (usec != 0)
      {
        *p++ = '.';
        p = put_digits (p, (guint) usec, 6);
      }
    *p++ = sign;
    p = put_digits (p, (guint) (offset_minutes / 60), 2);
    *p++ = ':';
    p = put_digits (p, (guint) (offset_minutes % 60), 2);
    *p = '\0';
    return g_strndup (out, p - out);
  }
}
