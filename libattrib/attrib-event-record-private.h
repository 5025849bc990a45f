/* attrib-event-record-private.h: an event as one line of JSON and back
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* Appends @event as one line of compact JSON in the audit format
 * (docs/audit-format.md: what the loader reads), keys in a fixed order,
 * no trailing newline. Times as RFC 3339 in @tz with the offset, with
 * fractional seconds only when non-zero (microseconds); money as the
 * strings attrib_money_format() gives; the roster date as YYYY-MM-DD in @tz. */
void         _attrib_event_append_record   (GString     *out,
                                            AttribEvent *event,
                                            GTimeZone   *tz);
/* Reads one record back: a new event, NOT added to any ledger; errors as
 * "@where: event “id”: field: what" using the loader's messages. */
AttribEvent *_attrib_event_new_from_record (const char  *data,
                                            gsize        length,
                                            GTimeZone   *tz,
                                            const char  *where,
                                            GError     **error);

G_END_DECLS
