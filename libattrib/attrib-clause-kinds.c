/* attrib-clause-kinds.c: the vocabulary of the engine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A profile's clause names one of these kinds and gives its parameters.
 * The list is the whole vocabulary a profile can use; docs/rules.md maps
 * every clause of the built-in profiles onto it. Each kind's logic lives
 * in clauses/<kind>.c.
 */

#include "config.h"

#include <string.h>

#include "attrib-profile-private.h"

static const AttribParamSpec no_params[] = { { NULL } };

static const AttribParamSpec lookback_params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { "first_visit_exempts", ATTRIB_PARAM_BOOL, "true" },
  { "office_visits_count", ATTRIB_PARAM_BOOL, "true" },
  { "other_contact_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec family_lookback_params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"spouse\", \"parent_child\"]" },
  { NULL }
};

static const AttribParamSpec protected_customer_params[] = {
  { "other_contact_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec protection_params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

static const AttribParamSpec renewal_params[] = {
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { "window_includes_expiry", ATTRIB_PARAM_BOOL, "true" },
  { "months", ATTRIB_PARAM_INT, "3" },
  { "expired_interactions_void", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

static const AttribParamSpec related_purchaser_params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS, NULL },
  { "evidence_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "own_claim_keeps", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec poaching_params[] = {
  { "after_sanction", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec companion_params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"relative\", \"friend\", \"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\"]" },
  { "any_relation", ATTRIB_PARAM_BOOL, "false" },
  { "same_day", ATTRIB_PARAM_BOOL, "true" },
  { "evidence_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec report_format_params[] = {
  { "mask_head", ATTRIB_PARAM_INT, "3" },
  { "mask_tail", ATTRIB_PARAM_INT, "5" },
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { NULL }
};

static const AttribParamSpec lapse_limit_params[] = {
  { "limit", ATTRIB_PARAM_INT, "3" },
  { "window_days", ATTRIB_PARAM_INT, "7" },
  { NULL }
};

static const AttribParamSpec report_after_contact_params[] = {
  { "counts_calls", ATTRIB_PARAM_BOOL, "true" },
  { "evidence_exempts", ATTRIB_PARAM_BOOL, "false" },
  { "designation_exempts", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec visit_validity_params[] = {
  { "days", ATTRIB_PARAM_INT, "15" },
  { "card_from", ATTRIB_PARAM_DATE, "\"\"" },
  { NULL }
};

static const AttribParamSpec report_claim_params[] = {
  { "months", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

static const AttribParamSpec first_report_params[] = {
  { "months", ATTRIB_PARAM_INT, "2" },
  { "days", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

static const AttribParamSpec daily_cap_params[] = {
  { "limit", ATTRIB_PARAM_INT, "50" },
  { NULL }
};

static const AttribParamSpec report_lead_params[] = {
  { "lead_minutes", ATTRIB_PARAM_INT, "60" },
  { NULL }
};

static const AttribParamSpec referral_params[] = {
  { "days", ATTRIB_PARAM_INT, "0" },
  { "report_by_hour", ATTRIB_PARAM_INT, "22" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"relative\", \"friend\", \"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\"]" },
  { NULL }
};

static const AttribParamSpec referral_chain_params[] = {
  { "brought_only", ATTRIB_PARAM_BOOL, "false" },
  { "buyers_only", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec group_activity_params[] = {
  { "months", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

static const AttribParamSpec list_report_params[] = {
  { "transfers", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

static const AttribParamSpec natural_visit_params[] = {
  { "latest_receiver", ATTRIB_PARAM_BOOL, "false" },
  { "calls", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec brought_by_params[] = {
  { "days", ATTRIB_PARAM_INT, "0" },
  { "unreported_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec onsite_report_params[] = {
  { "months", ATTRIB_PARAM_INT, "1" },
  { NULL }
};

static const AttribParamSpec token_params[] = {
  { "months", ATTRIB_PARAM_INT, "0" },
  { NULL }
};

static const AttribParamSpec rotation_params[] = {
  { "min_consultants", ATTRIB_PARAM_INT, "1" },
  { "deadline_minutes", ATTRIB_PARAM_INT, "1440" },
  { "busy_makes_up", ATTRIB_PARAM_BOOL, "false" },
  { "official_makes_up", ATTRIB_PARAM_BOOL, "false" },
  { "skip_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec first_reception_params[] = {
  { "calls", ATTRIB_PARAM_BOOL, "true" },
  { "days", ATTRIB_PARAM_INT, "0" },
  { "visit_outranks_call", ATTRIB_PARAM_BOOL, "false" },
  { "deal_protects", ATTRIB_PARAM_BOOL, "false" },
  { "conflict_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "queue_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { "lapsed_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

static const AttribParamSpec not_a_reception_params[] = {
  { "purpose", ATTRIB_PARAM_PURPOSE, NULL },
  { NULL }
};

static const AttribParamSpec recognised_params[] = {
  { "during_returns", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

static const AttribParamSpec returning_params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\", \"relative\"]" },
  { "closed_relations", ATTRIB_PARAM_RELATIONS, "[]" },
  { NULL }
};

static const AttribParamSpec staff_relation_params[] = {
  { "relations", ATTRIB_PARAM_RELATIONS,
    "[\"spouse\", \"parent_child\", \"grandparent\", \"sibling\", \"partner\", \"relative\", \"friend\"]" },
  { "prior_record", ATTRIB_PARAM_BOOL, "true" },
  { "during_first_reception", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec duty_window_params[] = {
  { "from_minutes", ATTRIB_PARAM_INT, NULL },
  { "to_minutes", ATTRIB_PARAM_INT, NULL },
  { NULL }
};

static const AttribParamSpec departure_params[] = {
  { "department_holds", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

static const AttribParamSpec follow_up_window_params[] = {
  { "days", ATTRIB_PARAM_INT, "7" },
  { "same_day", ATTRIB_PARAM_BOOL, "false" },
  { NULL }
};

static const AttribParamSpec group_reception_params[] = {
  { "more_than", ATTRIB_PARAM_INT, "3" },
  { NULL }
};

static const AttribParamSpec relative_window_params[] = {
  { "days", ATTRIB_PARAM_INT, "3" },
  { "relations", ATTRIB_PARAM_RELATIONS, "[\"spouse\", \"parent_child\"]" },
  { NULL }
};

static const AttribParamSpec follow_up_split_params[] = {
  { "gap_days", ATTRIB_PARAM_INT, "14" },
  { NULL }
};

static const AttribParamSpec report_required_params[] = {
  { "lead_minutes", ATTRIB_PARAM_INT, "60" },
  { "require_name", ATTRIB_PARAM_BOOL, "true" },
  { "require_full_phone", ATTRIB_PARAM_BOOL, "true" },
  { "require_expected_visit", ATTRIB_PARAM_BOOL, "true" },
  { NULL }
};

static const AttribClauseKind kinds[] = {
  { "note", no_params,
    "Part of the regulation the engine cites through another clause, or procedure without a rule" },
  { "ruling", no_params,
    "A ruling on the deal overrides every other clause" },
  { "report_required", report_required_params,
    "A confirmation counts only after the same channel's complete report, filed in time" },
  { "lookback", lookback_params,
    "A confirmation is invalid if the developer's CRM knew the customer within N months" },
  { "family_lookback", family_lookback_params,
    "A confirmation is invalid if the CRM knew a close relative within N months" },
  { "protected_customer", protected_customer_params,
    "While a claim runs, another channel's confirmation is rejected for good" },
  { "simultaneous", no_params,
    "Channels entering together share the claim; otherwise the first to enter takes it" },
  { "protection", protection_params,
    "A valid confirmation gives a claim of N months; a deal inside it is the channel's" },
  { "report_claim", report_claim_params,
    "The first report gives the reporting channel a claim of N months; a deal inside it is the channel's" },
  { "first_report", first_report_params,
    "A first report gives a claim of N months that protects against nobody; the agent who brings the customer wins" },
  { "onsite_report", onsite_report_params,
    "A report filed the day the agent brings the customer claims N months over others' first reports; a repeated report renews" },
  { "daily_cap", daily_cap_params,
    "An agent's reports beyond `limit` in one day are rejected" },
  { "report_lead", report_lead_params,
    "A report filed less than `lead_minutes` before the customer's visit is rejected: a natural visit" },
  { "report_after_contact", report_after_contact_params,
    "A report filed after the customer called or visited the office is rejected: a natural visit" },
  { "report_format", report_format_params,
    "A report needs a name, a full phone or a first-N/last-M mask, and an appointment within the window" },
  { "lapse_limit", lapse_limit_params,
    "After more than `limit` reports in a row lapse without a visit, the customer is public: reports are rejected" },
  { "visit_validity", visit_validity_params,
    "The first visit confirms the customer for the winning report's agent for `days` days (0: without end)" },
  { "complaint", no_params,
    "A complaint cancels the attribution: the deal waits for the manager's ruling" },
  { "brought_by", brought_by_params,
    "Of the agents holding a report, the first to bring the customer takes the customer, without end or for `days` days" },
  { "referral", referral_params,
    "An old customer brings a new one who has no claim: the old customer's agent" },
  { "natural_visit", natural_visit_params,
    "A customer no report or confirmation holds is the customer of whoever received their first visit (自然来访); a deal no other claim covers is theirs" },
  { "token", token_params,
    "A customer who comes alone with an agent's flyer or card is that agent's" },
  { "rotation", rotation_params,
    "The day's order of turns: groups with at least `min_consultants` whose roster was filed by `deadline_minutes` after midnight take turns, each as many times a round as it has consultants; skipped turns are made up where the reason allows" },
  { "first_reception", first_reception_params,
    "The representative who received the customer's first visit (or call) owns the customer, for `days` days or without end" },
  { "designated", no_params,
    "A customer who names a representative on arrival is that representative's" },
  { "appointment", no_params,
    "A customer who comes by appointment is the appointed representative's; whoever helps instead gets no credit" },
  { "not_a_reception", not_a_reception_params,
    "A visit for this purpose is no reception: it gives nobody the customer and takes no turn" },
  { "recognised", recognised_params,
    "A visitor recognised as having come before unregistered: the original representative if recognised during the reception, else the receiver" },
  { "returning", returning_params,
    "A relative of a customer someone holds goes to that representative" },
  { "referral_chain", referral_chain_params,
    "A new customer introduced (or brought along) by a representative's customer is that representative's, and so on down the chain" },
  { "staff_relation", staff_relation_params,
    "A relative or friend of a representative is theirs only with the first contact or a prior record; the relation moves no credit" },
  { "duty_window", duty_window_params,
    "A new customer first received in this daily window (lunch duty, outside working hours) belongs to whoever was on duty, outside the rotation" },
  { "departure", departure_params,
    "A departed representative's claims end; with `department_holds` their customers stay with the department until the manager's ruling" },
  { "follow_up_window", follow_up_window_params,
    "Another representative receives the customer again and closes: if the first followed up within `days` days, performance stays and commission is split" },
  { "referral_split", no_params,
    "An old customer's referral received by the rotation, closed by the old customer's representative: performance to the receiver, commission split" },
  { "group_reception", group_reception_params,
    "More than `more_than` visitors at once are received by two representatives; a deal that day is split equally" },
  { "companion_helper", no_params,
    "An old customer's friend received by a helper: the old customer's representative only if they had registered the friend" },
  { "helper_split", no_params,
    "Several units bought under different names through a helper: split equally between the representative and the helper" },
  { "relative_window", relative_window_params,
    "Within `days` days after the deposit, another representative shows the buyer is a close relative of their customer: split equally; after signing, the signer" },
  { "signing_closer", no_params,
    "After signing, the representative who actually closed takes the deal" },
  { "unit_first_payment", no_params,
    "Several customers for one unit: the first to pay gets it; a later deal on the unit stands void" },
  { "dispute", no_params,
    "Parties who disputed in front of customers lose that customer's performance and commission to the developer" },
  { "poaching", poaching_params,
    "A deal the customer had already made when another group's poaching was found: its performance goes to the developer" },
  { "group_activity", group_activity_params,
    "A report made for an activity announced in advance claims its customers like any first report" },
  { "list_report", list_report_params,
    "A channel sanctioned for reporting a list it never worked forfeits those customers" },
  { "follow_up_split", follow_up_split_params,
    "Another channel closes after the first one's claim lapsed: commission split if the first followed up without gaps" },
  { "renewal", renewal_params,
    "The holder renews by confirming again in the last days; otherwise the customer becomes public" },
  { "related_purchaser", related_purchaser_params,
    "Bought under a related person's name: the relative's channel, the first if several" },
  { "companion", companion_params,
    "A companion of a confirmed customer buying on the spot belongs to that channel" },
};

static const AttribClauseKind *kind_list[G_N_ELEMENTS (kinds) + 1];

const AttribClauseKind * const *
_attrib_clause_kinds (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (kinds); i++)
        kind_list[i] = &kinds[i];
      kind_list[i] = NULL;
      g_once_init_leave (&once, 1);
    }
  return kind_list;
}

const AttribClauseKind *
_attrib_clause_kind_lookup (const char *name)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].name, name) == 0)
      return &kinds[i];
  return NULL;
}
