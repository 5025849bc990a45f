/* attrib-engine.h: a profile applied to a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-claim.h"
#include "attrib-ledger.h"
#include "attrib-profile.h"
#include "attrib-verdict.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_ENGINE (attrib_engine_get_type ())

/**
 * ATTRIB_MAX_THREADS:
 *
 * The most threads an engine shares a batch among
 * ([property@Attrib.Engine:n-threads]).
 */
#define ATTRIB_MAX_THREADS 16

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribEngine, attrib_engine, ATTRIB, ENGINE, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribEngine   *attrib_engine_new              (AttribProfile  *profile);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile  *attrib_engine_get_profile      (AttribEngine   *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_engine_get_defer_traces (AttribEngine   *self);
ATTRIB_AVAILABLE_IN_1_0
void            attrib_engine_set_defer_traces (AttribEngine   *self,
                                                gboolean        defer);
ATTRIB_AVAILABLE_IN_1_0
guint           attrib_engine_get_n_threads    (AttribEngine   *self);
ATTRIB_AVAILABLE_IN_1_0
void            attrib_engine_set_n_threads    (AttribEngine   *self,
                                                guint           n_threads);
ATTRIB_AVAILABLE_IN_1_0
AttribVerdict  *attrib_engine_attribute_deal   (AttribEngine   *self,
                                                AttribLedger   *ledger,
                                                const char     *deal,
                                                GError        **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray      *attrib_engine_attribute_all    (AttribEngine   *self,
                                                AttribLedger   *ledger,
                                                GError        **error);
ATTRIB_AVAILABLE_IN_1_0
void            attrib_engine_attribute_all_async  (AttribEngine        *self,
                                                    AttribLedger        *ledger,
                                                    GCancellable        *cancellable,
                                                    AttribProgressFunc   progress,
                                                    gpointer             progress_data,
                                                    GDestroyNotify       progress_destroy,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray      *attrib_engine_attribute_all_finish (AttribEngine        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean        attrib_engine_check_report     (AttribEngine   *self,
                                                AttribLedger   *ledger,
                                                const char     *report,
                                                gboolean       *out_accepted,
                                                char          **out_reason,
                                                GError        **error);

ATTRIB_AVAILABLE_IN_1_0
GPtrArray      *attrib_engine_get_claims       (AttribEngine   *self,
                                                AttribLedger   *ledger,
                                                AttribPerson   *person,
                                                AttribTime      at,
                                                GError        **error);
ATTRIB_AVAILABLE_IN_1_0
AttribClaim    *attrib_engine_check            (AttribEngine   *self,
                                                AttribLedger   *ledger,
                                                AttribEvent    *visit,
                                                GError        **error);

G_END_DECLS
