/* attrib-event-visit.c: the fields of reports and visits (AttribEvent)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-json-private.h"

/**
 * attrib_event_set_report_stage:
 * @self: a report
 * @stage: the stage of the report
 *
 * Sets whether a report is a first report (the default), an on-site second
 * report or a renewal.
 */
void
attrib_event_set_report_stage (AttribEvent       *self,
                               AttribReportStage  stage)
{
  g_return_if_fail (self != NULL);
  self->report_stage = stage;
  _attrib_event_set_flag (self, ATTRIB_FIELD_REPORT_STAGE);
}

/**
 * attrib_event_get_report_stage:
 * @self: a report
 *
 * The stage of the report.
 *
 * Returns: the stage of the report
 */
AttribReportStage
attrib_event_get_report_stage (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->report_stage;
}

/**
 * attrib_event_set_expected_visit:
 * @self: a report
 * @time: the announced visit time (appointment)
 *
 * Sets when the reporter expects to bring the customer.
 */
void
attrib_event_set_expected_visit (AttribEvent *self,
                                 AttribTime   time)
{
  g_return_if_fail (self != NULL);
  self->expected_visit = time;
  _attrib_event_set_flag (self, ATTRIB_FIELD_EXPECTED_VISIT);
}

/**
 * attrib_event_get_expected_visit:
 * @self: a report
 * @out_time: (out) (optional): the announced visit time
 *
 * Whether the report announces a visit time.
 *
 * Returns: whether the report announces a visit time
 */
gboolean
attrib_event_get_expected_visit (AttribEvent *self,
                                 AttribTime  *out_time)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_time != NULL)
    *out_time = self->expected_visit;
  return _attrib_event_has (self, ATTRIB_FIELD_EXPECTED_VISIT);
}

/**
 * attrib_event_set_evidence_at:
 * @self: a report
 * @time: when the attached written evidence (SMS, WeChat) is dated
 *
 * Sets the date of written evidence attached to a report filed after the
 * customer's first visit (outreach-1031 §2).
 */
void
attrib_event_set_evidence_at (AttribEvent *self,
                              AttribTime   time)
{
  g_return_if_fail (self != NULL);
  self->evidence_at = time;
  _attrib_event_set_flag (self, ATTRIB_FIELD_EVIDENCE_AT);
}

/**
 * attrib_event_get_evidence_at:
 * @self: a report
 * @out_time: (out) (optional): the evidence's date
 *
 * Whether the report carries dated evidence.
 *
 * Returns: whether the report carries dated evidence
 */
gboolean
attrib_event_get_evidence_at (AttribEvent *self,
                              AttribTime  *out_time)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_time != NULL)
    *out_time = self->evidence_at;
  return _attrib_event_has (self, ATTRIB_FIELD_EVIDENCE_AT);
}

/**
 * attrib_event_set_via:
 * @self: a report
 * @via: (nullable): how the report reached the developer (e-mail, app, …)
 *
 * Sets the report's channel of transmission.
 */
void
attrib_event_set_via (AttribEvent *self,
                      const char  *via)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->via, via, ATTRIB_FIELD_VIA);
}

/**
 * attrib_event_get_via:
 * @self: a report
 *
 * How the report was transmitted.
 *
 * Returns: (transfer none) (nullable): how the report was transmitted
 */
const char *
attrib_event_get_via (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->via;
}

/**
 * attrib_event_set_activity:
 * @self: a report
 * @activity: (nullable): the activity reported in advance (商会, 车友会 …)
 *
 * Sets the group activity at which the customer was acquired
 * (joint-agency 三.3).
 */
void
attrib_event_set_activity (AttribEvent *self,
                           const char  *activity)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->activity, activity, ATTRIB_FIELD_ACTIVITY);
}

/**
 * attrib_event_get_activity:
 * @self: a report
 *
 * The reported activity.
 *
 * Returns: (transfer none) (nullable): the reported activity
 */
const char *
attrib_event_get_activity (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->activity;
}

/**
 * attrib_event_add_agent:
 * @self: a visit
 * @party: the agent's party (`channel/agent`) or a channel
 * @rank: the entry rank: equal ranks entered together, lower entered
 *   earlier; -1 for the agent's position in the list
 *
 * Adds an agent who came with the customer.
 */
void
attrib_event_add_agent (AttribEvent *self,
                        const char  *party,
                        int          rank)
{
  AttribEventAgent agent;

  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);

  if (self->agents == NULL)
    {
      self->agents = g_array_new (FALSE, FALSE, sizeof (AttribEventAgent));
    }
  agent.party = _attrib_event_strdup (self, party);
  agent.rank = rank < 0 ? (int) self->agents->len : rank;
  g_array_append_val (self->agents, agent);
  _attrib_event_set_flag (self, ATTRIB_FIELD_AGENTS);
}

/**
 * attrib_event_get_n_agents:
 * @self: a visit
 *
 * The number of agents who came with the customer.
 *
 * Returns: the number of agents who came with the customer
 */
guint
attrib_event_get_n_agents (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->agents != NULL ? self->agents->len : 0;
}

/**
 * attrib_event_get_agent:
 * @self: a visit
 * @index: the agent's position, below [method@Attrib.Event.get_n_agents]
 * @out_rank: (out) (optional): the agent's entry rank
 *
 * The agent's party.
 *
 * Returns: (transfer none): the agent's party
 */
const char *
attrib_event_get_agent (AttribEvent *self,
                        guint        index,
                        int         *out_rank)
{
  const AttribEventAgent *agent;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < attrib_event_get_n_agents (self), NULL);

  agent = &g_array_index (self->agents, AttribEventAgent, index);
  if (out_rank != NULL)
    *out_rank = agent->rank;
  return agent->party;
}

/**
 * attrib_event_set_received_by:
 * @self: a visit
 * @party: (nullable): the party who received the customer
 *
 * Sets who received the customer at the office (the representative on
 * rotation, on duty, …).
 */
void
attrib_event_set_received_by (AttribEvent *self,
                              const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->received_by, party, ATTRIB_FIELD_RECEIVED_BY);
}

/**
 * attrib_event_get_received_by:
 * @self: a visit
 *
 * Who received the customer.
 *
 * Returns: (transfer none) (nullable): who received the customer
 */
const char *
attrib_event_get_received_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->received_by;
}

/**
 * attrib_event_set_received_with:
 * @self: a visit
 * @party: (nullable): the second representative who received the visitors
 *
 * Sets the second representative who received a large group together
 * with [method@Attrib.Event.set_received_by] (tangba-2014 6: more than
 * three visitors at once).
 */
void
attrib_event_set_received_with (AttribEvent *self,
                                const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->received_with, party, ATTRIB_FIELD_RECEIVED_WITH);
}

/**
 * attrib_event_get_received_with:
 * @self: a visit
 *
 * The second representative who received the visitors.
 *
 * Returns: (transfer none) (nullable): the second receiver
 */
const char *
attrib_event_get_received_with (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->received_with;
}

/**
 * attrib_event_add_skipped:
 * @self: a visit
 * @party: the representative whose turn it was
 * @reason: why the desk skipped them
 *
 * Records that the reception desk skipped a representative whose turn it
 * was before this visit was received, in the order they were skipped. The
 * rotation ([class@Attrib.Rotation]) uses it to pass the turn on and to
 * give make-up turns where the profile allows.
 */
void
attrib_event_add_skipped (AttribEvent      *self,
                          const char       *party,
                          AttribSkipReason  reason)
{
  AttribEventSkip skip;

  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);

  if (self->skipped == NULL)
    self->skipped = g_array_new (FALSE, FALSE, sizeof (AttribEventSkip));
  skip.party = _attrib_event_strdup (self, party);
  skip.reason = reason;
  g_array_append_val (self->skipped, skip);
  _attrib_event_set_flag (self, ATTRIB_FIELD_SKIPPED);
}

/**
 * attrib_event_get_n_skipped:
 * @self: a visit
 *
 * The number of representatives skipped before this visit was received.
 *
 * Returns: the number of skipped representatives
 */
guint
attrib_event_get_n_skipped (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->skipped != NULL ? self->skipped->len : 0;
}

/**
 * attrib_event_get_skipped:
 * @self: a visit
 * @index: the position, below [method@Attrib.Event.get_n_skipped]
 * @out_reason: (out) (optional): why they were skipped
 *
 * A representative skipped before this visit was received.
 *
 * Returns: (transfer none): the representative
 */
const char *
attrib_event_get_skipped (AttribEvent      *self,
                          guint             index,
                          AttribSkipReason *out_reason)
{
  const AttribEventSkip *skip;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < attrib_event_get_n_skipped (self), NULL);

  skip = &g_array_index (self->skipped, AttribEventSkip, index);
  if (out_reason != NULL)
    *out_reason = skip->reason;
  return skip->party;
}

/**
 * attrib_event_set_designated:
 * @self: a visit
 * @party: (nullable): the party the customer asked for by name
 *
 * Sets the representative or group the customer named on arrival.
 */
void
attrib_event_set_designated (AttribEvent *self,
                             const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->designated, party, ATTRIB_FIELD_DESIGNATED);
}

/**
 * attrib_event_get_designated:
 * @self: a visit
 *
 * The party the customer named.
 *
 * Returns: (transfer none) (nullable): the party the customer named
 */
const char *
attrib_event_get_designated (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->designated;
}

/**
 * attrib_event_set_appointment:
 * @self: a visit
 * @party: (nullable): the party the customer had an appointment with
 *
 * Sets the representative who made the appointment (reception-2013 二.1.2).
 */
void
attrib_event_set_appointment (AttribEvent *self,
                              const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->appointment, party, ATTRIB_FIELD_APPOINTMENT);
}

/**
 * attrib_event_get_appointment:
 * @self: a visit
 *
 * The party of the appointment.
 *
 * Returns: (transfer none) (nullable): the party of the appointment
 */
const char *
attrib_event_get_appointment (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->appointment;
}

/**
 * attrib_event_set_token:
 * @self: a visit
 * @party: (nullable): the party whose flyer or business card the customer
 *   showed
 *
 * Sets the party of the flyer (DM单) or card the customer came with
 * (onsite-report §4).
 */
void
attrib_event_set_token (AttribEvent *self,
                        const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->token, party, ATTRIB_FIELD_TOKEN);
}

/**
 * attrib_event_get_token:
 * @self: a visit
 *
 * The party of the flyer or card shown.
 *
 * Returns: (transfer none) (nullable): the party of the flyer or card shown
 */
const char *
attrib_event_get_token (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->token;
}

/**
 * attrib_event_add_companion:
 * @self: a visit
 * @name: (nullable): the companion's name
 * @phone: (nullable): the companion's full phone
 * @relation: the companion's relation to the customer, or
 *   %ATTRIB_RELATION_KIND_NONE
 *
 * Adds a person who came along with the customer.
 */
void
attrib_event_add_companion (AttribEvent        *self,
                            const char         *name,
                            const char         *phone,
                            AttribRelationKind  relation)
{
  AttribEventCompanion companion;

  g_return_if_fail (self != NULL);

  if (self->companions == NULL)
    {
      self->companions = g_array_new (FALSE, FALSE, sizeof (AttribEventCompanion));
    }
  companion.name = _attrib_event_strdup (self, name);
  companion.phone = _attrib_event_strdup (self, phone);
  companion.relation = relation;
  g_array_append_val (self->companions, companion);
  _attrib_event_set_flag (self, ATTRIB_FIELD_COMPANIONS);
}

/**
 * attrib_event_get_n_companions:
 * @self: a visit
 *
 * The number of companions.
 *
 * Returns: the number of companions
 */
guint
attrib_event_get_n_companions (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->companions != NULL ? self->companions->len : 0;
}

/**
 * attrib_event_get_companion:
 * @self: a visit
 * @index: the companion's position, below
 *   [method@Attrib.Event.get_n_companions]
 * @out_name: (out) (optional) (transfer none) (nullable): the companion's name
 * @out_phone: (out) (optional) (transfer none) (nullable): the companion's phone
 *
 * The companion's relation to the customer.
 *
 * Returns: the companion's relation to the customer
 */
AttribRelationKind
attrib_event_get_companion (AttribEvent  *self,
                            guint         index,
                            const char  **out_name,
                            const char  **out_phone)
{
  const AttribEventCompanion *companion;

  g_return_val_if_fail (self != NULL, ATTRIB_RELATION_KIND_NONE);
  g_return_val_if_fail (index < attrib_event_get_n_companions (self), ATTRIB_RELATION_KIND_NONE);

  companion = &g_array_index (self->companions, AttribEventCompanion, index);
  if (out_name != NULL)
    *out_name = companion->name;
  if (out_phone != NULL)
    *out_phone = companion->phone;
  return companion->relation;
}

/**
 * attrib_event_set_referred_by:
 * @self: a visit
 * @name: (nullable): the introducing customer's name
 * @phone: (nullable): the introducing customer's full phone
 *
 * Sets the old customer who introduced this one (first-contact 二①).
 */
void
attrib_event_set_referred_by (AttribEvent *self,
                              const char  *name,
                              const char  *phone)
{
  g_return_if_fail (self != NULL);
  self->referred_by_name = _attrib_event_strdup (self, name);
  self->referred_by_phone = _attrib_event_strdup (self, phone);
  _attrib_event_set_flag (self, ATTRIB_FIELD_REFERRED_BY);
}

/**
 * attrib_event_get_referred_by_name:
 * @self: a visit
 *
 * The introducing customer's name.
 *
 * Returns: (transfer none) (nullable): the introducing customer's name
 */
const char *
attrib_event_get_referred_by_name (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->referred_by_name;
}

/**
 * attrib_event_get_referred_by_phone:
 * @self: a visit
 *
 * The introducing customer's phone.
 *
 * Returns: (transfer none) (nullable): the introducing customer's phone
 */
const char *
attrib_event_get_referred_by_phone (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->referred_by_phone;
}

/**
 * attrib_event_set_visit_kind:
 * @self: a visit
 * @kind: a visit or a call
 *
 * Sets whether the customer came (the default) or called.
 */
void
attrib_event_set_visit_kind (AttribEvent     *self,
                             AttribVisitKind  kind)
{
  g_return_if_fail (self != NULL);
  self->visit_kind = kind;
  _attrib_event_set_flag (self, ATTRIB_FIELD_VISIT_KIND);
}

/**
 * attrib_event_get_visit_kind:
 * @self: a visit
 *
 * Whether the customer came or called.
 *
 * Returns: whether the customer came or called
 */
AttribVisitKind
attrib_event_get_visit_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->visit_kind;
}

/**
 * attrib_event_set_recognised:
 * @self: a visit
 * @when: when the customer's earlier, unregistered visit was recognised
 * @original: (nullable): the party who received that earlier visit
 *
 * Records that a customer taken for new was recognised as a returning one
 * (reception-2013 二.1.7).
 */
void
attrib_event_set_recognised (AttribEvent      *self,
                             AttribRecognised  when,
                             const char       *original)
{
  g_return_if_fail (self != NULL);
  self->recognised = when;
  self->recognised_original = _attrib_event_strdup (self, original);
  _attrib_event_set_flag (self, ATTRIB_FIELD_RECOGNISED);
}

/**
 * attrib_event_get_recognised:
 * @self: a visit
 * @out_original: (out) (optional) (transfer none) (nullable): the party who
 *   received the earlier visit
 *
 * When the earlier visit was recognised, or %ATTRIB_RECOGNISED_NONE.
 *
 * Returns: when the earlier visit was recognised, or
 *   %ATTRIB_RECOGNISED_NONE
 */
AttribRecognised
attrib_event_get_recognised (AttribEvent  *self,
                             const char  **out_original)
{
  g_return_val_if_fail (self != NULL, ATTRIB_RECOGNISED_NONE);
  if (out_original != NULL)
    *out_original = self->recognised_original;
  return self->recognised;
}

/**
 * attrib_event_set_purpose:
 * @self: a visit
 * @purpose: what the visit was for
 *
 * Sets the purpose of a visit (reception-2013 二.1.2–二.1.4).
 */
void
attrib_event_set_purpose (AttribEvent        *self,
                          AttribVisitPurpose  purpose)
{
  g_return_if_fail (self != NULL);
  self->purpose = purpose;
  _attrib_event_set_flag (self, ATTRIB_FIELD_PURPOSE);
}

/**
 * attrib_event_get_purpose:
 * @self: a visit
 *
 * What the visit was for.
 *
 * Returns: what the visit was for
 */
AttribVisitPurpose
attrib_event_get_purpose (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->purpose;
}
