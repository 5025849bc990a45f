/* attrib-store.h: a project's durable record, one SQLite file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "attrib-calculator.h"
#include "attrib-commission-plan.h"
#include "attrib-engine.h"
#include "attrib-event.h"
#include "attrib-ledger.h"
#include "attrib-profile.h"
#include "attrib-receipt.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_STORE (attrib_store_get_type ())

ATTRIB_AVAILABLE_IN_1_0
G_DECLARE_FINAL_TYPE (AttribStore, attrib_store, ATTRIB, STORE, GObject)

ATTRIB_AVAILABLE_IN_1_0
AttribStore      *attrib_store_create            (const char           *path,
                                                  AttribProfile        *profile,
                                                  GBytes               *phone_key,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribStore      *attrib_store_open              (const char           *path,
                                                  AttribStoreFlags      flags,
                                                  GBytes               *phone_key,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
void              attrib_store_open_async        (const char           *path,
                                                  AttribStoreFlags      flags,
                                                  GBytes               *phone_key,
                                                  GCancellable         *cancellable,
                                                  AttribProgressFunc    progress,
                                                  gpointer              progress_data,
                                                  GDestroyNotify        progress_destroy,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ATTRIB_AVAILABLE_IN_1_0
AttribStore      *attrib_store_open_finish       (GAsyncResult         *result,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_store_get_path          (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
AttribProfile    *attrib_store_get_profile       (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
AttribLedger     *attrib_store_get_ledger        (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
AttribEngine     *attrib_store_get_engine        (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
AttribCalculator *attrib_store_get_calculator    (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
guint64           attrib_store_get_size          (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_get_phones_hashed (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_set_signing_key   (AttribStore          *self,
                                                  GBytes               *secret,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
const char       *attrib_store_get_public_key    (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_add_plan          (AttribStore          *self,
                                                  AttribCommissionPlan *plan,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribReceipt    *attrib_store_append            (AttribStore          *self,
                                                  AttribEvent          *event,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_import_file       (AttribStore          *self,
                                                  GFile                *file,
                                                  guint64              *out_added,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
void              attrib_store_import_file_async (AttribStore          *self,
                                                  GFile                *file,
                                                  GCancellable         *cancellable,
                                                  AttribProgressFunc    progress,
                                                  gpointer              progress_data,
                                                  GDestroyNotify        progress_destroy,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_import_file_finish (AttribStore         *self,
                                                  GAsyncResult         *result,
                                                  guint64              *out_added,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribEvent      *attrib_store_get_event         (AttribStore          *self,
                                                  guint64               position,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribReceipt    *attrib_store_get_receipt       (AttribStore          *self,
                                                  guint64               position,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribTreeHead   *attrib_store_get_tree_head     (AttribStore          *self,
                                                  guint64               size,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribProof      *attrib_store_prove_inclusion   (AttribStore          *self,
                                                  guint64               position,
                                                  guint64               size,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
AttribProof      *attrib_store_prove_consistency (AttribStore          *self,
                                                  guint64               first,
                                                  guint64               size,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
gboolean          attrib_store_verify            (AttribStore          *self,
                                                  AttribTreeHead       *trusted,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
GPtrArray        *attrib_store_close_period      (AttribStore          *self,
                                                  const char           *period,
                                                  GError              **error);
ATTRIB_AVAILABLE_IN_1_0
char             *attrib_store_get_closed_period (AttribStore          *self);
ATTRIB_AVAILABLE_IN_1_0
char            **attrib_store_get_closed_statements (AttribStore      *self,
                                                      const char       *period,
                                                      GError          **error);

G_END_DECLS
