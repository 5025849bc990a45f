/* attrib-profile.h: a regulation made executable
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "attrib-enums.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_PROFILE (attrib_profile_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribProfile, attrib_profile, ATTRIB, PROFILE, GObject)

ATTRIB_AVAILABLE_IN_1_0
char          **attrib_profile_list_builtin        (void);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_profile_new_builtin         (const char     *id,
                                                    GError        **error);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_profile_new_from_data       (const char     *data,
                                                    gssize          length,
                                                    const char     *filename,
                                                    GError        **error);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_profile_new_from_file       (GFile          *file,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_profile_derive              (AttribProfile  *self,
                                                    const char     *params_json,
                                                    GError        **error);

ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_id              (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_title           (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_version         (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_effective       (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_time_zone_identifier (AttribProfile *self);
ATTRIB_AVAILABLE_IN_1_0
AttribDealStage attrib_profile_get_deal_stage      (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
AttribProfileLevel attrib_profile_get_level        (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_extends         (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
char          **attrib_profile_get_clause_ids      (AttribProfile  *self);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_clause_kind     (AttribProfile  *self,
                                                    const char     *clause);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_clause_title    (AttribProfile  *self,
                                                    const char     *clause);
ATTRIB_AVAILABLE_IN_1_0
const char     *attrib_profile_get_clause_text     (AttribProfile  *self,
                                                    const char     *clause);
ATTRIB_AVAILABLE_IN_1_0
char           *attrib_profile_to_json             (AttribProfile  *self);

G_END_DECLS
