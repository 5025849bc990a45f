/* attrib-event.h: one fact of a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

#include "attrib-enums.h"
#include "attrib-types.h"

G_BEGIN_DECLS

#define ATTRIB_TYPE_EVENT (attrib_event_get_type ())

ATTRIB_AVAILABLE_IN_1_0
GType              attrib_event_get_type             (void) G_GNUC_CONST;

ATTRIB_AVAILABLE_IN_1_0
AttribEvent       *attrib_event_new                  (AttribEventType     type,
                                                      const char         *id,
                                                      AttribTime          at);
ATTRIB_AVAILABLE_IN_1_0
AttribEvent       *attrib_event_ref                  (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_unref                (AttribEvent        *self);

/* Common to every type */
ATTRIB_AVAILABLE_IN_1_0
AttribEventType    attrib_event_get_event_type       (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_id               (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
AttribTime         attrib_event_get_at               (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_note             (AttribEvent        *self,
                                                      const char         *note);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_note             (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_seq              (AttribEvent        *self,
                                                      int                 seq);
ATTRIB_AVAILABLE_IN_1_0
int                attrib_event_get_seq              (AttribEvent        *self);

/* Persons */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_customer         (AttribEvent        *self,
                                                      const char         *name,
                                                      const char         *phone);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_customer_name    (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_customer_phone   (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_counterpart      (AttribEvent        *self,
                                                      const char         *name,
                                                      const char         *phone);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_counterpart_name (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_counterpart_phone (AttribEvent       *self);

/* Parties */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_party            (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_party            (AttribEvent        *self);

/* report */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_report_stage     (AttribEvent        *self,
                                                      AttribReportStage   stage);
ATTRIB_AVAILABLE_IN_1_0
AttribReportStage  attrib_event_get_report_stage     (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_expected_visit   (AttribEvent        *self,
                                                      AttribTime          time);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_expected_visit   (AttribEvent        *self,
                                                      AttribTime         *out_time);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_evidence_at      (AttribEvent        *self,
                                                      AttribTime          time);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_evidence_at      (AttribEvent        *self,
                                                      AttribTime         *out_time);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_via              (AttribEvent        *self,
                                                      const char         *via);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_via              (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_activity         (AttribEvent        *self,
                                                      const char         *activity);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_activity         (AttribEvent        *self);

/* visit */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_agent            (AttribEvent        *self,
                                                      const char         *party,
                                                      int                 rank);
ATTRIB_AVAILABLE_IN_1_0
guint              attrib_event_get_n_agents         (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_agent            (AttribEvent        *self,
                                                      guint               index,
                                                      int                *out_rank);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_received_by      (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_received_by      (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_received_with    (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_received_with    (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_skipped          (AttribEvent        *self,
                                                      const char         *party,
                                                      AttribSkipReason    reason);
ATTRIB_AVAILABLE_IN_1_0
guint              attrib_event_get_n_skipped        (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_skipped          (AttribEvent        *self,
                                                      guint               index,
                                                      AttribSkipReason   *out_reason);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_designated       (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_designated       (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_appointment      (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_appointment      (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_token            (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_token            (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_companion        (AttribEvent        *self,
                                                      const char         *name,
                                                      const char         *phone,
                                                      AttribRelationKind  relation);
ATTRIB_AVAILABLE_IN_1_0
guint              attrib_event_get_n_companions     (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
AttribRelationKind attrib_event_get_companion        (AttribEvent        *self,
                                                      guint               index,
                                                      const char        **out_name,
                                                      const char        **out_phone);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_referred_by      (AttribEvent        *self,
                                                      const char         *name,
                                                      const char         *phone);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_referred_by_name (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_referred_by_phone (AttribEvent       *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_visit_kind       (AttribEvent        *self,
                                                      AttribVisitKind     kind);
ATTRIB_AVAILABLE_IN_1_0
AttribVisitKind    attrib_event_get_visit_kind       (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_recognised       (AttribEvent        *self,
                                                      AttribRecognised    when,
                                                      const char         *original);
ATTRIB_AVAILABLE_IN_1_0
AttribRecognised   attrib_event_get_recognised       (AttribEvent        *self,
                                                      const char        **out_original);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_purpose          (AttribEvent        *self,
                                                      AttribVisitPurpose  purpose);
ATTRIB_AVAILABLE_IN_1_0
AttribVisitPurpose attrib_event_get_purpose          (AttribEvent        *self);

/* interaction */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_interaction_kind (AttribEvent        *self,
                                                      AttribInteractionKind kind);
ATTRIB_AVAILABLE_IN_1_0
AttribInteractionKind attrib_event_get_interaction_kind (AttribEvent     *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_by               (AttribEvent        *self,
                                                      const char         *by);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_by               (AttribEvent        *self);

/* relation */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_relation_kind    (AttribEvent        *self,
                                                      AttribRelationKind  kind);
ATTRIB_AVAILABLE_IN_1_0
AttribRelationKind attrib_event_get_relation_kind    (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_verified         (AttribEvent        *self,
                                                      gboolean            verified);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_verified         (AttribEvent        *self);

/* deal, and the deal a sanction or ruling refers to */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_deal             (AttribEvent        *self,
                                                      const char         *deal);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_deal             (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_deal_stage       (AttribEvent        *self,
                                                      AttribDealStage     stage);
ATTRIB_AVAILABLE_IN_1_0
AttribDealStage    attrib_event_get_deal_stage       (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_unit             (AttribEvent        *self,
                                                      const char         *unit);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_unit             (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_price            (AttribEvent        *self,
                                                      gint64              fen);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_price            (AttribEvent        *self,
                                                      gint64             *out_fen);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_product          (AttribEvent        *self,
                                                      AttribProduct       product);
ATTRIB_AVAILABLE_IN_1_0
AttribProduct      attrib_event_get_product          (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_closed_by        (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_closed_by        (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_helped_by        (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_helped_by        (AttribEvent        *self);

/* sanction */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_sanction_kind    (AttribEvent        *self,
                                                      AttribSanctionKind  kind);
ATTRIB_AVAILABLE_IN_1_0
AttribSanctionKind attrib_event_get_sanction_kind    (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_sanctioned_party (AttribEvent        *self,
                                                      const char         *party);
ATTRIB_AVAILABLE_IN_1_0
const char * const *attrib_event_get_sanctioned_parties (AttribEvent     *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_fine             (AttribEvent        *self,
                                                      gint64              fen);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_fine             (AttribEvent        *self,
                                                      gint64             *out_fen);

/* ruling */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_share            (AttribEvent        *self,
                                                      AttribShareKind     kind,
                                                      const char         *party,
                                                      gint64              numerator,
                                                      gint64              denominator);
ATTRIB_AVAILABLE_IN_1_0
guint              attrib_event_get_n_shares         (AttribEvent        *self,
                                                      AttribShareKind     kind);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_share            (AttribEvent        *self,
                                                      AttribShareKind     kind,
                                                      guint               index,
                                                      gint64             *out_numerator,
                                                      gint64             *out_denominator);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_authority        (AttribEvent        *self,
                                                      const char         *authority);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_authority        (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_reason           (AttribEvent        *self,
                                                      const char         *reason);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_reason           (AttribEvent        *self);

/* roster */
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_roster_date      (AttribEvent        *self,
                                                      gint32              day);
ATTRIB_AVAILABLE_IN_1_0
gint32             attrib_event_get_roster_date      (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_add_roster_member    (AttribEvent        *self,
                                                      const char         *group,
                                                      const char         *consultant);
ATTRIB_AVAILABLE_IN_1_0
guint              attrib_event_get_n_roster_members (AttribEvent        *self);
ATTRIB_AVAILABLE_IN_1_0
const char        *attrib_event_get_roster_member    (AttribEvent        *self,
                                                      guint               index,
                                                      const char        **out_group);
ATTRIB_AVAILABLE_IN_1_0
void               attrib_event_set_filed_at         (AttribEvent        *self,
                                                      AttribTime          time);
ATTRIB_AVAILABLE_IN_1_0
gboolean           attrib_event_get_filed_at         (AttribEvent        *self,
                                                      AttribTime         *out_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribEvent, attrib_event_unref)

G_END_DECLS
