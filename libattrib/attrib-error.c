/* attrib-error.c: the libattrib error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <attrib/attrib.h>

/**
 * attrib_error_quark:
 *
 * The quark of the %ATTRIB_ERROR domain.
 *
 * Returns: the error domain
 */
G_DEFINE_QUARK (attrib-error-quark, attrib_error)
