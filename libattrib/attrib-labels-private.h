/* attrib-labels-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

const char *_attrib_relation_label (AttribRelationKind  kind);
const char *_attrib_status_label   (AttribVerdictStatus status);
const char *_attrib_outcome_label  (AttribOutcome       outcome);
const char *_attrib_stage_label    (AttribDealStage     stage);
const char *_attrib_line_kind_label (AttribLineKind     kind);

G_END_DECLS
