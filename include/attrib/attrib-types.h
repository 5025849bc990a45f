/* attrib-types.h: basic types shared by the whole API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-version-macros.h"

G_BEGIN_DECLS

/**
 * AttribTime:
 *
 * An instant: microseconds since 1970-01-01T00:00:00Z (UTC).
 *
 * Every timestamp of the ledger is an `AttribTime`. It carries no time
 * zone; local dates, days and months are computed in the time zone of
 * the ledger or profile (`Asia/Shanghai` by default). Convert from and
 * to text with [func@Attrib.time_parse] and [func@Attrib.time_format].
 */
typedef gint64 AttribTime;

/**
 * ATTRIB_TIME_MIN:
 *
 * The earliest representable instant; use it as an open lower bound of a
 * time window.
 */
#define ATTRIB_TIME_MIN G_MININT64

/**
 * ATTRIB_TIME_MAX:
 *
 * The latest representable instant; use it as an open upper bound of a
 * time window.
 */
#define ATTRIB_TIME_MAX G_MAXINT64

typedef struct _AttribEvent AttribEvent;
typedef struct _AttribPerson AttribPerson;

G_END_DECLS
