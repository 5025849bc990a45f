/* attrib-time.h: instants, local dates and the catalog's periods
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib.h>

#include "attrib-types.h"

G_BEGIN_DECLS

/**
 * ATTRIB_DEFAULT_TIME_ZONE:
 *
 * The time zone used where a profile or ledger names none.
 */
#define ATTRIB_DEFAULT_TIME_ZONE "Asia/Shanghai"

ATTRIB_AVAILABLE_IN_1_0
GTimeZone  *attrib_time_zone_new      (const char  *identifier,
                                       GError     **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean    attrib_time_parse         (const char  *text,
                                       GTimeZone   *tz,
                                       AttribTime  *out_time,
                                       GError     **error);
ATTRIB_AVAILABLE_IN_1_0
char       *attrib_time_format        (AttribTime   time,
                                       GTimeZone   *tz);
ATTRIB_AVAILABLE_IN_1_0
gint32      attrib_time_get_local_day (AttribTime   time,
                                       GTimeZone   *tz);
ATTRIB_AVAILABLE_IN_1_0
AttribTime  attrib_time_day_start     (gint32       day,
                                       GTimeZone   *tz);
ATTRIB_AVAILABLE_IN_1_0
gint32      attrib_day_add_months     (gint32       day,
                                       int          months);
ATTRIB_AVAILABLE_IN_1_0
void        attrib_period_days        (AttribTime   start,
                                       guint        days,
                                       GTimeZone   *tz,
                                       AttribTime  *out_begin,
                                       AttribTime  *out_end);
ATTRIB_AVAILABLE_IN_1_0
void        attrib_period_months      (AttribTime   start,
                                       guint        months,
                                       GTimeZone   *tz,
                                       AttribTime  *out_begin,
                                       AttribTime  *out_end);
ATTRIB_AVAILABLE_IN_1_0
AttribTime  attrib_lookback_begin     (AttribTime   time,
                                       guint        months,
                                       GTimeZone   *tz);
ATTRIB_AVAILABLE_IN_1_0
AttribTime  attrib_window_before_end  (AttribTime   end,
                                       guint        days,
                                       GTimeZone   *tz);

G_END_DECLS
