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
gboolean     _attrib_claim_equal (const AttribClaim *a,
                                  const AttribClaim *b);
int          _attrib_claim_compare (gconstpointer a,
                                    gconstpointer b);
int          _attrib_claim_order (const AttribClaim *a,
                                  const AttribClaim *b);
AttribClaimChange *_attrib_claim_change_new (AttribPerson *customer,
                                             AttribClaim  *before,
                                             AttribClaim  *after);

G_END_DECLS
