/* attrib-error.h: the libattrib error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib.h>

#include "attrib-version-macros.h"

G_BEGIN_DECLS

/**
 * ATTRIB_ERROR:
 *
 * The error domain of libattrib; its codes are [enum@Attrib.Error].
 */
#define ATTRIB_ERROR (attrib_error_quark ())

/**
 * AttribError:
 * @ATTRIB_ERROR_FAILED: an error that fits no other code
 * @ATTRIB_ERROR_PARSE: a file is not well-formed JSON
 * @ATTRIB_ERROR_INVALID_FILE: a well-formed file does not follow its
 *   format (wrong shape, missing or unknown key, wrong value type)
 * @ATTRIB_ERROR_INVALID_EVENT: an event is missing a required field, has a
 *   field its type does not take, or has a value out of range
 * @ATTRIB_ERROR_DUPLICATE_ID: an event id is used twice
 * @ATTRIB_ERROR_INVALID_TIME: a time or date is malformed or out of range
 * @ATTRIB_ERROR_INVALID_TIME_ZONE: a time zone identifier is unknown
 * @ATTRIB_ERROR_INVALID_PHONE: a phone number or phone mask is malformed
 * @ATTRIB_ERROR_INVALID_MONEY: a money amount is malformed or overflows
 * @ATTRIB_ERROR_INVALID_PARTY: a party is malformed
 * @ATTRIB_ERROR_NOT_FOUND: a looked-up person, event or deal does not exist
 * @ATTRIB_ERROR_AMBIGUOUS: a masked phone or a name matches several persons
 * @ATTRIB_ERROR_FROZEN: the ledger is frozen and takes no more events
 * @ATTRIB_ERROR_LIMIT: an input exceeds a documented size limit
 * @ATTRIB_ERROR_INVALID_KEY: a phone key is unusable (too short)
 * @ATTRIB_ERROR_NOT_A_STORE: a file is not a libattrib store. Since: 0.2
 * @ATTRIB_ERROR_CORRUPT: a store is damaged (the database's own checks
 *   fail, or its log or tree is inconsistent). Since: 0.2
 * @ATTRIB_ERROR_NEWER_FORMAT: a store was written by a newer libattrib,
 *   whose format this one does not read. Since: 0.2
 * @ATTRIB_ERROR_BUSY: a store is open for writing elsewhere (one writer
 *   at a time). Since: 0.2
 * @ATTRIB_ERROR_READ_ONLY: a store cannot be written: the file is
 *   read-only, or the store was opened read-only. Since: 0.2
 * @ATTRIB_ERROR_NO_SPACE: the disk or the store is full; nothing of the
 *   failed write was kept. Since: 0.2
 * @ATTRIB_ERROR_IO: reading or writing a store failed. Since: 0.2
 * @ATTRIB_ERROR_CLOSED_PERIOD: an event is dated in a settlement period
 *   already closed. Since: 0.2
 * @ATTRIB_ERROR_VERIFY: a receipt, proof, tree head or store does not
 *   verify: something was altered. Since: 0.2
 *
 * Error codes of the %ATTRIB_ERROR domain.
 *
 * The list may grow in later versions: handle unknown codes like
 * %ATTRIB_ERROR_FAILED.
 */
typedef enum {
  ATTRIB_ERROR_FAILED,
  ATTRIB_ERROR_PARSE,
  ATTRIB_ERROR_INVALID_FILE,
  ATTRIB_ERROR_INVALID_EVENT,
  ATTRIB_ERROR_DUPLICATE_ID,
  ATTRIB_ERROR_INVALID_TIME,
  ATTRIB_ERROR_INVALID_TIME_ZONE,
  ATTRIB_ERROR_INVALID_PHONE,
  ATTRIB_ERROR_INVALID_MONEY,
  ATTRIB_ERROR_INVALID_PARTY,
  ATTRIB_ERROR_NOT_FOUND,
  ATTRIB_ERROR_AMBIGUOUS,
  ATTRIB_ERROR_FROZEN,
  ATTRIB_ERROR_LIMIT,
  ATTRIB_ERROR_INVALID_KEY,
  ATTRIB_ERROR_NOT_A_STORE,
  ATTRIB_ERROR_CORRUPT,
  ATTRIB_ERROR_NEWER_FORMAT,
  ATTRIB_ERROR_BUSY,
  ATTRIB_ERROR_READ_ONLY,
  ATTRIB_ERROR_NO_SPACE,
  ATTRIB_ERROR_IO,
  ATTRIB_ERROR_CLOSED_PERIOD,
  ATTRIB_ERROR_VERIFY,
} AttribError;

ATTRIB_AVAILABLE_IN_1_0
GQuark attrib_error_quark (void);

G_END_DECLS
