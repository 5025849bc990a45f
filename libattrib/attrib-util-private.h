/* attrib-util-private.h: calendar, time zone, money and message helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Proleptic Gregorian calendar (attrib-time.c). Days are counted from
 * 1970-01-01 (day 0); @m is 1 to 12, @d is 1 to 31. Valid for every
 * int year: the result is a gint64 so it cannot overflow. */
gint64      _attrib_days_from_civil         (int          y,
                                             unsigned int m,
                                             unsigned int d);
void        _attrib_civil_from_days         (gint32        day,
                                             int          *y,
                                             unsigned int *m,
                                             unsigned int *d);
unsigned int _attrib_days_in_month          (int           y,
                                             unsigned int  m);

/* A day as YYYY-MM-DD (more digits beyond the year 9999). Free with
 * g_free() (attrib-time.c). */
char       *_attrib_day_format              (gint32        day);

/* Whether the local date of @time in @tz lies in the years 1900 to 9999,
 * the dates libattrib writes and reads back; FALSE with @error
 * (ATTRIB_ERROR_INVALID_TIME) saying which date it is and in which zone
 * (attrib-time.c). */
gboolean    _attrib_time_check_local_date   (gint64        time,
                                             GTimeZone    *tz,
                                             GError      **error);

/* The zone of ATTRIB_DEFAULT_TIME_ZONE, created once (thread-safe) and
 * never freed; the caller does not own it (attrib-time.c). */
GTimeZone  *_attrib_time_zone_get_default   (void);

/* @text made fit for an error message: valid UTF-8, its phones masked
 * (_attrib_for_display()), at most 80 characters (longer text ends in
 * “…”), "(null)" for %NULL. Free with g_free() (attrib-time.c). */
char       *_attrib_quote_for_message       (const char   *text);

/* Sets @error to “@text” followed by the formatted detail, with @text
 * made fit by _attrib_quote_for_message() (attrib-time.c). */
void        _attrib_set_input_error         (GError      **error,
                                             int           code,
                                             const char   *text,
                                             const char   *format,
                                             ...) G_GNUC_PRINTF (4, 5);

/* Exact fen arithmetic (attrib-money.c): FALSE, and *out untouched, if the
 * result does not fit in a gint64. */
gboolean    _attrib_money_add_checked       (gint64        a,
                                             gint64        b,
                                             gint64       *out);
gboolean    _attrib_money_mul_checked       (gint64        a,
                                             gint64        b,
                                             gint64       *out);

/* A normalised phone fits: 11 characters, or a hashed phone's 21. */
#define ATTRIB_PHONE_BUFFER 24

/* attrib_phone_normalize() into a caller's buffer (attrib-phone.c). */
gboolean    _attrib_phone_normalize_into    (const char   *text,
                                             char          out[ATTRIB_PHONE_BUFFER],
                                             gboolean     *out_masked,
                                             GError      **error);

/* @normal (a normalised full number) hashed under @key into @out, as
 * attrib_phone_hash() does (attrib-phone.c). */
void        _attrib_phone_hash_into         (const char   *normal,
                                             const guint8 *key,
                                             gsize         key_length,
                                             char          out[ATTRIB_PHONE_BUFFER]);

/* FALSE with @error set if @key is too short to be a phone key. */
gboolean    _attrib_phone_key_check         (GBytes       *key,
                                             GError      **error);

/* Any text a user gave — a phone, an id, a name, a note, a value that
 * did not parse — as libattrib prints it: every digit run that can be a
 * phone masked (attrib_phone_mask()) unless attrib_get_show_phones().
 * Every user value goes through it before it is put in a message or a
 * listing. %NULL for %NULL; free with g_free() (attrib-phone.c). */
char       *_attrib_for_display             (const char   *text);

/* Binds the library's message catalog, once; ATTRIB_LOCALEDIR overrides
 * the installed location, so that tests use the build tree's catalogs
 * (attrib-error.c). */
void        _attrib_bind_textdomain         (void);

G_END_DECLS
