/* attrib-kind-registry-private.h: the list of clause kinds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One line per kind, each defined in clauses/<kind>.c as
 * `_attrib_kind_<kind>` (attrib-clause-kind-private.h). The order is the
 * order `attrib profile show` and the docs list them in, and gives each
 * kind its index (ATTRIB_KIND): a profile finds its first clause of a kind
 * by that index, without comparing names.
 */

#pragma once

#define ATTRIB_CLAUSE_KINDS(KIND) \
  KIND (note) \
  KIND (ruling) \
  KIND (report_required) \
  KIND (lookback) \
  KIND (family_lookback) \
  KIND (protected_customer) \
  KIND (simultaneous) \
  KIND (protection) \
  KIND (report_claim) \
  KIND (first_report) \
  KIND (onsite_report) \
  KIND (daily_cap) \
  KIND (report_lead) \
  KIND (report_after_contact) \
  KIND (report_format) \
  KIND (lapse_limit) \
  KIND (visit_validity) \
  KIND (complaint) \
  KIND (brought_by) \
  KIND (referral) \
  KIND (natural_visit) \
  KIND (token) \
  KIND (rotation) \
  KIND (first_reception) \
  KIND (designated) \
  KIND (appointment) \
  KIND (not_a_reception) \
  KIND (recognised) \
  KIND (returning) \
  KIND (referral_chain) \
  KIND (staff_relation) \
  KIND (duty_window) \
  KIND (departure) \
  KIND (follow_up_window) \
  KIND (referral_split) \
  KIND (group_reception) \
  KIND (companion_helper) \
  KIND (helper_split) \
  KIND (relative_window) \
  KIND (signing_closer) \
  KIND (unit_first_payment) \
  KIND (dispute) \
  KIND (poaching) \
  KIND (group_activity) \
  KIND (list_report) \
  KIND (follow_up_split) \
  KIND (renewal) \
  KIND (related_purchaser) \
  KIND (companion) \
  /* the end of the list */

#define ATTRIB_KIND_ENUM(kind) ATTRIB_KIND_INDEX_##kind,
typedef enum { ATTRIB_CLAUSE_KINDS (ATTRIB_KIND_ENUM) ATTRIB_N_KINDS } AttribKindIndex;
#undef ATTRIB_KIND_ENUM

/* The index of a kind: ATTRIB_KIND (renewal). */
#define ATTRIB_KIND(kind) ATTRIB_KIND_INDEX_##kind
