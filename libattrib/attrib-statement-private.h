/* attrib-statement-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* Takes the lines (each the party's, in the period, in canonical order);
 * @inputs is the canonical text of the plans and verdicts they came from. */
AttribStatement *_attrib_statement_new (const char *party,
                                        const char *period,
                                        gint64      opening,
                                        GPtrArray  *lines,
                                        const char *inputs);

G_END_DECLS
