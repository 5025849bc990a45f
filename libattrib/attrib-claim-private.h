/* attrib-claim-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

AttribClaim *_attrib_claim_new (AttribClaimState  state,
                                const char       *holder,
                                const char       *channel,
                                AttribTime        begin,
                                AttribTime        end,
                                const char       *event,
                                const char       *clause,
                                const char       *reason);

G_END_DECLS
