/* attrib-verdict-private.h: building a verdict
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

/* Where a verdict made without its trace and fingerprint finds them when
 * first asked (attrib-engine.c): the frozen ledger and the profile it
 * was judged on, and a run that keeps a purchaser's claims from one
 * verdict to the next, as a batch does. Shared by the verdicts of one
 * batch; each holds a reference until it is sealed or freed. */
typedef struct _AttribVerdictSource AttribVerdictSource;

AttribVerdictSource *_attrib_verdict_source_new    (AttribProfile       *profile,
                                                    AttribLedger        *ledger,
                                                    gboolean             batch);
AttribVerdictSource *_attrib_verdict_source_ref    (AttribVerdictSource *source);
void                 _attrib_verdict_source_unref  (AttribVerdictSource *source);
AttribVerdict       *_attrib_verdict_source_decide (AttribVerdictSource *source,
                                                    guint32              slot);

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
guint          _attrib_verdict_n_steps    (AttribVerdict       *self);
/* Makes @self, built without its trace and fingerprint, find them in
 * @source (the deal at @slot) when first asked. */
void           _attrib_verdict_defer      (AttribVerdict       *self,
                                           AttribVerdictSource *source,
                                           guint32              slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribVerdictSource, _attrib_verdict_source_unref)

G_END_DECLS
