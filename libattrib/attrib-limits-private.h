/* attrib-limits-private.h: the documented bounds on what libattrib reads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every bound the library puts on its input, in one place: the reliability
 * guide (docs/reliability.md) lists them and tests/test-bad-input.c checks
 * each one. They are generous — no real project comes near them — and
 * exist so that a hostile or broken file is a GError naming the limit and,
 * for files, the position (ATTRIB_ERROR_LIMIT), never memory or stack
 * exhaustion, a crash or a hang.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files and data */

/* The size of one JSON text (scenario, events, profile, plan) or CSV
 * export. */
#define ATTRIB_LIMIT_INPUT_BYTES ((gsize) 1 << 30)
/* A key file the attrib tool reads (--phone-key, --signing-key): a key
 * is 16 to a few hundred bytes, and a file of more is a mistake (the
 * wrong file, or a device). */
#define ATTRIB_LIMIT_KEY_BYTES ((gsize) 4096)
/* Arrays and objects nested in one JSON text. The reader keeps its
 * nesting in a fixed array, so this is also what bounds its memory per
 * level: it never recurses. */
#define ATTRIB_LIMIT_JSON_DEPTH 64
/* One JSON string or CSV field, in bytes as written in the file
 * (escapes and quotes resolved for CSV, escapes as written for JSON). */
#define ATTRIB_LIMIT_STRING_BYTES ((gsize) 1 << 20)
/* One JSON number as written: every number libattrib reads is an integer
 * of at most 19 digits. */
#define ATTRIB_LIMIT_NUMBER_CHARS 100

/* Events */

/* An event id, party, name, deal id or unit. */
#define ATTRIB_LIMIT_ID_BYTES 256
/* Free text of an event: note, via, activity, by, authority, reason. */
#define ATTRIB_LIMIT_TEXT_BYTES (64 * 1024)
/* The items of one list in one event: agents, companions, skipped
 * turns, sanctioned parties, ruling shares, roster consultants. */
#define ATTRIB_LIMIT_LIST_ITEMS 4096
/* Events in one ledger: ids and interned strings are 32-bit, and the
 * ledger stops well before either runs out. */
#define ATTRIB_LIMIT_EVENTS (G_MAXUINT32 / 2)
/* The common denominator of a ruling's shares: a trillionth. Each
 * share's part of a commission is worked out exactly in 64 bits, over
 * this times a rate's denominator (at most 10^6), so it must stay below
 * 10^18 / 10^6; no ruling divides a deal finer. */
#define ATTRIB_LIMIT_SHARE_DENOMINATOR G_GINT64_CONSTANT (1000000000000)
/* An event's `seq` and an agent's `rank`, either sign. */
#define ATTRIB_LIMIT_SEQ 1000000
/* Times and dates, in years (UTC for instants, local for dates). An
 * instant's local date in the ledger's zone must lie in them too, since
 * that is how it is written; and so must every date a profile's periods
 * count from the events (attrib-run.c, _attrib_run_check_dates). */
#define ATTRIB_LIMIT_FIRST_YEAR 1900
#define ATTRIB_LIMIT_LAST_YEAR 9999

/* Profiles */

/* A chain of profiles each extending the next. */
#define ATTRIB_LIMIT_EXTENDS_DEPTH 16
/* Clauses of a resolved profile, and entries of one `clauses` array. */
#define ATTRIB_LIMIT_CLAUSES 1024
/* An integer parameter of a clause (months, days, minutes …), from 0. */
#define ATTRIB_LIMIT_PARAM_INT 100000

/* Commission */

/* Steps of a plan's `tiers`. */
#define ATTRIB_LIMIT_TIER_STEPS 1024
/* Plans of one scenario's `plans`. */
#define ATTRIB_LIMIT_PLANS 1000

/* The engine */

/* Customers linked to a purchaser by referrals and relations, followed
 * in one chain. */
#define ATTRIB_LIMIT_CLAIM_DEPTH 256

G_END_DECLS
