/* attrib-assignment-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

AttribAssignment *_attrib_assignment_new (const char         *visit,
                                          AttribTime          at,
                                          const char         *consultant,
                                          const char         *received_by,
                                          AttribTurnKind      turn,
                                          const char * const *skipped,
                                          const char         *clause,
                                          const char         *explanation);

G_END_DECLS
