/* attrib-verdict-private.h: building a verdict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

AttribVerdict *_attrib_verdict_new        (const char          *deal);
void           _attrib_verdict_set_status (AttribVerdict       *self,
                                           AttribVerdictStatus  status);
void           _attrib_verdict_set_at     (AttribVerdict       *self,
                                           AttribTime           at,
                                           GTimeZone           *tz);
void           _attrib_verdict_clear_shares (AttribVerdict     *self);
void           _attrib_verdict_clear_kind (AttribVerdict       *self,
                                           AttribShareKind      kind);
void           _attrib_verdict_add_share  (AttribVerdict       *self,
                                           AttribShareKind      kind,
                                           const char          *party,
                                           gint64               numerator,
                                           gint64               denominator);
void           _attrib_verdict_add_clause (AttribVerdict       *self,
                                           const char          *clause);
void           _attrib_verdict_add_step   (AttribVerdict       *self,
                                           const char          *clause,
                                           AttribOutcome        outcome,
                                           const char * const  *events,
                                           const char          *message);
void           _attrib_verdict_set_step   (AttribVerdict       *self,
                                           guint                index,
                                           const char * const  *events,
                                           const char          *message);
GPtrArray     *_attrib_verdict_share_steps (AttribVerdict      *self,
                                           guint                first);
void           _attrib_verdict_add_steps  (AttribVerdict       *self,
                                           GPtrArray           *steps);
GPtrArray     *_attrib_verdict_copy_steps (AttribVerdict       *self,
                                           guint                first);
void           _attrib_verdict_add_step_copies (AttribVerdict  *self,
                                           GPtrArray           *steps);
/* Sorts what needs sorting, writes the JSON and the fingerprint over
 * @inputs (canonical text of what the verdict used). */
void           _attrib_verdict_seal       (AttribVerdict       *self,
                                           const char          *inputs);

G_END_DECLS
