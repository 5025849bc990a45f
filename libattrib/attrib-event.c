/* attrib-event.c: one fact of a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-json-private.h"

/**
 * AttribEvent:
 *
 * One fact of a [class@Attrib.Ledger]: a report, a visit, a CRM record, a
 * deal stage, a ruling, …
 *
 * An event is a plain value with an id, a type and a time; the other fields
 * depend on the type and mirror the keys of the scenario file format
 * (`docs/audit-format.md`). Setters only record values: the ledger checks
 * them when the event is added with [method@Attrib.Ledger.add_event] and
 * rejects a bad one with an error naming the event and the field. An event
 * can be added to several ledgers and changed or freed afterwards; the
 * ledger keeps its own compact copy.
 *
 * Events returned by ledger queries are copies made on demand: changing
 * them does not change the ledger.
 */

G_DEFINE_BOXED_TYPE (AttribEvent, attrib_event, attrib_event_ref, attrib_event_unref)

/* A copy of @str in the event's arena (see AttribEventBlock). */
static char *
event_strdup (AttribEvent *self,
              const char  *str)
{
  gsize len;
  char *dest;

  if (str == NULL)
    return NULL;
  len = strlen (str) + 1;
  if (self->inline_used + len <= ATTRIB_EVENT_INLINE_TEXT)
    {
      dest = self->inline_text + self->inline_used;
      self->inline_used += len;
    }
  else
    {
      AttribEventBlock *block = self->blocks;

      if (block == NULL || block->used + len > block->size)
        {
          gsize size = MAX (len, 512);

          block = g_malloc (sizeof (AttribEventBlock) + size);
          block->size = size;
          block->used = 0;
          block->next = self->blocks;
          self->blocks = block;
        }
      dest = block->data + block->used;
      block->used += len;
    }
  memcpy (dest, str, len);
  return dest;
}

/**
 * attrib_event_new:
 * @type: the type of the event
 * @id: the event's id, unique within a ledger
 * @at: when it happened
 *
 * Creates an event with no other field set.
 *
 * Returns: (transfer full): a new event
 */
AttribEvent *
attrib_event_new (AttribEventType  type,
                  const char      *id,
                  AttribTime       at)
{
  AttribEvent *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (AttribEvent, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->type = type;
  self->id = event_strdup (self, id);
  self->at = at;
  self->verified = TRUE;
  self->fields = ATTRIB_FIELD_BIT (ATTRIB_FIELD_ID)
               | ATTRIB_FIELD_BIT (ATTRIB_FIELD_TYPE)
               | ATTRIB_FIELD_BIT (ATTRIB_FIELD_AT);

  return self;
}

/**
 * attrib_event_ref:
 * @self: an event
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribEvent *
attrib_event_ref (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

static void
attrib_event_free (AttribEvent *self)
{
  AttribEventBlock *block, *next;

  for (block = self->blocks; block != NULL; block = next)
    {
      next = block->next;
      g_free (block);
    }
  g_clear_pointer (&self->agents, g_array_unref);
  g_clear_pointer (&self->companions, g_array_unref);
  g_clear_pointer (&self->skipped, g_array_unref);
  g_clear_pointer (&self->parties, g_ptr_array_unref);
  g_clear_pointer (&self->shares[0], g_array_unref);
  g_clear_pointer (&self->shares[1], g_array_unref);
  g_clear_pointer (&self->members, g_array_unref);
  g_free (self);
}

/**
 * attrib_event_unref:
 * @self: (transfer full): an event
 *
 * Releases a reference; the last one frees the event.
 */
void
attrib_event_unref (AttribEvent *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    attrib_event_free (self);
}

static void
set_string (AttribEvent *self,
            char       **slot,
            const char  *value,
            AttribField  field)
{
  *slot = event_strdup (self, value);
  if (value != NULL)
    self->fields |= ATTRIB_FIELD_BIT (field);
  else
    self->fields &= ~ATTRIB_FIELD_BIT (field);
}

static void
set_flag (AttribEvent *self,
          AttribField  field)
{
  self->fields |= ATTRIB_FIELD_BIT (field);
}

/**
 * attrib_event_get_event_type:
 * @self: an event
 *
 * The type of the event.
 *
 * Returns: the type of the event
 */
AttribEventType
attrib_event_get_event_type (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->type;
}

/**
 * attrib_event_get_id:
 * @self: an event
 *
 * The event's id.
 *
 * Returns: (transfer none): the event's id
 */
const char *
attrib_event_get_id (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->id;
}

/**
 * attrib_event_get_at:
 * @self: an event
 *
 * When the event happened.
 *
 * Returns: when the event happened
 */
AttribTime
attrib_event_get_at (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * attrib_event_set_note:
 * @self: an event
 * @note: (nullable): a free-text note, carried into reports
 *
 * Sets the event's note (the `note` key of a scenario file).
 */
void
attrib_event_set_note (AttribEvent *self,
                       const char  *note)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->note, note, ATTRIB_FIELD_NOTE);
}

/**
 * attrib_event_get_note:
 * @self: an event
 *
 * The event's note.
 *
 * Returns: (transfer none) (nullable): the event's note
 */
const char *
attrib_event_get_note (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->note;
}

/**
 * attrib_event_set_seq:
 * @self: an event
 * @seq: the explicit sequence among events of the same instant
 *
 * Sets the explicit sequence that orders events with equal timestamps
 * (catalog, "Convention (ties)"): lower first, then by id. A visit without
 * an explicit sequence uses the lowest entry rank of its agents.
 */
void
attrib_event_set_seq (AttribEvent *self,
                      int          seq)
{
  g_return_if_fail (self != NULL);
  self->seq = seq;
  set_flag (self, ATTRIB_FIELD_SEQ);
}

/**
 * attrib_event_get_seq:
 * @self: an event
 *
 * The explicit sequence set with [method@Attrib.Event.set_seq], or 0.
 *
 * Returns: the explicit sequence set with [method@Attrib.Event.set_seq], or 0
 */
int
attrib_event_get_seq (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seq;
}

/**
 * attrib_event_set_customer:
 * @self: an event
 * @name: (nullable): the person's full name
 * @phone: (nullable): the person's phone, full or masked (`138****8888`)
 *
 * Sets the person the event is about: the customer of a report, visit,
 * interaction, follow-up, complaint or sanction, the purchaser of a deal,
 * or the first person (`a`) of a relation or identity link. At least one
 * of @name and @phone must be given when the event is added.
 */
void
attrib_event_set_customer (AttribEvent *self,
                           const char  *name,
                           const char  *phone)
{
  g_return_if_fail (self != NULL);
  self->customer_name = event_strdup (self, name);
  self->customer_phone = event_strdup (self, phone);
  set_flag (self, ATTRIB_FIELD_CUSTOMER);
}

/**
 * attrib_event_get_customer_name:
 * @self: an event
 *
 * The name of the customer, purchaser or first person.
 *
 * Returns: (transfer none) (nullable): the name of the customer, purchaser
 *   or first person
 */
const char *
attrib_event_get_customer_name (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->customer_name;
}

/**
 * attrib_event_get_customer_phone:
 * @self: an event
 *
 * Events read back from a ledger carry the normalised phone (11 digits,
 * or a normalised mask).
 *
 * Returns: (transfer none) (nullable): the phone of the customer,
 *   purchaser or first person
 */
const char *
attrib_event_get_customer_phone (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->customer_phone;
}

/**
 * attrib_event_set_counterpart:
 * @self: an event
 * @name: (nullable): the person's full name
 * @phone: (nullable): the person's full phone
 *
 * Sets the second person (`b`) of a relation or identity link.
 */
void
attrib_event_set_counterpart (AttribEvent *self,
                              const char  *name,
                              const char  *phone)
{
  g_return_if_fail (self != NULL);
  self->counterpart_name = event_strdup (self, name);
  self->counterpart_phone = event_strdup (self, phone);
  set_flag (self, ATTRIB_FIELD_COUNTERPART);
}

/**
 * attrib_event_get_counterpart_name:
 * @self: an event
 *
 * The name of the second person.
 *
 * Returns: (transfer none) (nullable): the name of the second person
 */
const char *
attrib_event_get_counterpart_name (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->counterpart_name;
}

/**
 * attrib_event_get_counterpart_phone:
 * @self: an event
 *
 * The phone of the second person.
 *
 * Returns: (transfer none) (nullable): the phone of the second person
 */
const char *
attrib_event_get_counterpart_phone (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->counterpart_phone;
}

/**
 * attrib_event_set_party:
 * @self: an event
 * @party: (nullable): a party: `developer`, a channel id or `channel/agent`
 *
 * Sets the party of the event: the reporting party of a report, the agent
 * of a follow-up, the party a complaint is against (`against`), the agent
 * or group who left (departure), or the representative a relation links
 * the customer to (a relation with `party` instead of a second person: a
 * relative or friend of a salesperson).
 */
void
attrib_event_set_party (AttribEvent *self,
                        const char  *party)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->party, party, ATTRIB_FIELD_PARTY);
}

/**
 * attrib_event_get_party:
 * @self: an event
 *
 * The party of the event.
 *
 * Returns: (transfer none) (nullable): the party of the event
 */
const char *
attrib_event_get_party (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->party;
}

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
  set_flag (self, ATTRIB_FIELD_REPORT_STAGE);
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
  set_flag (self, ATTRIB_FIELD_EXPECTED_VISIT);
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
  set_flag (self, ATTRIB_FIELD_EVIDENCE_AT);
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
  set_string (self, &self->via, via, ATTRIB_FIELD_VIA);
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
  set_string (self, &self->activity, activity, ATTRIB_FIELD_ACTIVITY);
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
  agent.party = event_strdup (self, party);
  agent.rank = rank < 0 ? (int) self->agents->len : rank;
  g_array_append_val (self->agents, agent);
  set_flag (self, ATTRIB_FIELD_AGENTS);
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
  set_string (self, &self->received_by, party, ATTRIB_FIELD_RECEIVED_BY);
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
  set_string (self, &self->received_with, party, ATTRIB_FIELD_RECEIVED_WITH);
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
  skip.party = event_strdup (self, party);
  skip.reason = reason;
  g_array_append_val (self->skipped, skip);
  set_flag (self, ATTRIB_FIELD_SKIPPED);
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
  set_string (self, &self->designated, party, ATTRIB_FIELD_DESIGNATED);
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
  set_string (self, &self->appointment, party, ATTRIB_FIELD_APPOINTMENT);
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
  set_string (self, &self->token, party, ATTRIB_FIELD_TOKEN);
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
  companion.name = event_strdup (self, name);
  companion.phone = event_strdup (self, phone);
  companion.relation = relation;
  g_array_append_val (self->companions, companion);
  set_flag (self, ATTRIB_FIELD_COMPANIONS);
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
  self->referred_by_name = event_strdup (self, name);
  self->referred_by_phone = event_strdup (self, phone);
  set_flag (self, ATTRIB_FIELD_REFERRED_BY);
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
  set_flag (self, ATTRIB_FIELD_VISIT_KIND);
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
  self->recognised_original = event_strdup (self, original);
  set_flag (self, ATTRIB_FIELD_RECOGNISED);
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
  set_flag (self, ATTRIB_FIELD_PURPOSE);
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

/**
 * attrib_event_set_interaction_kind:
 * @self: an interaction
 * @kind: call, visit or follow-up
 *
 * Sets the kind of a developer CRM record.
 */
void
attrib_event_set_interaction_kind (AttribEvent           *self,
                                   AttribInteractionKind  kind)
{
  g_return_if_fail (self != NULL);
  self->interaction_kind = kind;
  set_flag (self, ATTRIB_FIELD_INTERACTION_KIND);
}

/**
 * attrib_event_get_interaction_kind:
 * @self: an interaction
 *
 * The kind of the CRM record.
 *
 * Returns: the kind of the CRM record
 */
AttribInteractionKind
attrib_event_get_interaction_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->interaction_kind;
}

/**
 * attrib_event_set_by:
 * @self: an interaction
 * @by: (nullable): who recorded it (a CRM user)
 *
 * Sets who made the CRM record.
 */
void
attrib_event_set_by (AttribEvent *self,
                     const char  *by)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->by, by, ATTRIB_FIELD_BY);
}

/**
 * attrib_event_get_by:
 * @self: an interaction
 *
 * Who made the CRM record.
 *
 * Returns: (transfer none) (nullable): who made the CRM record
 */
const char *
attrib_event_get_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by;
}

/**
 * attrib_event_set_relation_kind:
 * @self: a relation
 * @kind: the kind of relation
 *
 * Sets how the two persons of a relation are related.
 */
void
attrib_event_set_relation_kind (AttribEvent        *self,
                                AttribRelationKind  kind)
{
  g_return_if_fail (self != NULL);
  self->relation_kind = kind;
  set_flag (self, ATTRIB_FIELD_RELATION_KIND);
}

/**
 * attrib_event_get_relation_kind:
 * @self: a relation
 *
 * The kind of relation.
 *
 * Returns: the kind of relation
 */
AttribRelationKind
attrib_event_get_relation_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->relation_kind;
}

/**
 * attrib_event_set_verified:
 * @self: a relation
 * @verified: whether the relation has been verified
 *
 * Sets whether a relation is verified (the default). Unverified relations
 * never move credit; they make a verdict pending where they would.
 */
void
attrib_event_set_verified (AttribEvent *self,
                           gboolean     verified)
{
  g_return_if_fail (self != NULL);
  self->verified = !!verified;
  set_flag (self, ATTRIB_FIELD_VERIFIED);
}

/**
 * attrib_event_get_verified:
 * @self: a relation
 *
 * Whether the relation is verified.
 *
 * Returns: whether the relation is verified
 */
gboolean
attrib_event_get_verified (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->verified;
}

/**
 * attrib_event_set_deal:
 * @self: a deal, sanction or ruling
 * @deal: (nullable): the deal id
 *
 * Sets the deal a deal stage belongs to, or the deal a sanction or ruling
 * refers to.
 */
void
attrib_event_set_deal (AttribEvent *self,
                       const char  *deal)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->deal, deal, ATTRIB_FIELD_DEAL);
}

/**
 * attrib_event_get_deal:
 * @self: a deal, sanction or ruling
 *
 * The deal id.
 *
 * Returns: (transfer none) (nullable): the deal id
 */
const char *
attrib_event_get_deal (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->deal;
}

/**
 * attrib_event_set_deal_stage:
 * @self: a deal
 * @stage: the stage reached
 *
 * Sets the stage of the deal this event records.
 */
void
attrib_event_set_deal_stage (AttribEvent     *self,
                             AttribDealStage  stage)
{
  g_return_if_fail (self != NULL);
  self->deal_stage = stage;
  set_flag (self, ATTRIB_FIELD_DEAL_STAGE);
}

/**
 * attrib_event_get_deal_stage:
 * @self: a deal
 *
 * The stage of the deal.
 *
 * Returns: the stage of the deal
 */
AttribDealStage
attrib_event_get_deal_stage (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->deal_stage;
}

/**
 * attrib_event_set_unit:
 * @self: a deal
 * @unit: (nullable): the unit sold (e.g. `3-1-502`)
 *
 * Sets the unit of a deal.
 */
void
attrib_event_set_unit (AttribEvent *self,
                       const char  *unit)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->unit, unit, ATTRIB_FIELD_UNIT);
}

/**
 * attrib_event_get_unit:
 * @self: a deal
 *
 * The unit sold.
 *
 * Returns: (transfer none) (nullable): the unit sold
 */
const char *
attrib_event_get_unit (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit;
}

/**
 * attrib_event_set_price:
 * @self: a deal
 * @fen: the price in fen (1/100 yuan)
 *
 * Sets the deal price.
 */
void
attrib_event_set_price (AttribEvent *self,
                        gint64       fen)
{
  g_return_if_fail (self != NULL);
  self->price = fen;
  set_flag (self, ATTRIB_FIELD_PRICE);
}

/**
 * attrib_event_get_price:
 * @self: a deal
 * @out_fen: (out) (optional): the price in fen
 *
 * Whether the deal carries a price.
 *
 * Returns: whether the deal carries a price
 */
gboolean
attrib_event_get_price (AttribEvent *self,
                        gint64      *out_fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_fen != NULL)
    *out_fen = self->price;
  return _attrib_event_has (self, ATTRIB_FIELD_PRICE);
}

/**
 * attrib_event_set_product:
 * @self: a deal
 * @product: the product sold
 *
 * Sets what the deal sells (residential by default).
 */
void
attrib_event_set_product (AttribEvent   *self,
                          AttribProduct  product)
{
  g_return_if_fail (self != NULL);
  self->product = product;
  set_flag (self, ATTRIB_FIELD_PRODUCT);
}

/**
 * attrib_event_get_product:
 * @self: a deal
 *
 * The product sold.
 *
 * Returns: the product sold
 */
AttribProduct
attrib_event_get_product (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->product;
}

/**
 * attrib_event_set_closed_by:
 * @self: a deal
 * @party: (nullable): the party who closed the deal
 *
 * Sets who closed the deal.
 */
void
attrib_event_set_closed_by (AttribEvent *self,
                            const char  *party)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->closed_by, party, ATTRIB_FIELD_CLOSED_BY);
}

/**
 * attrib_event_get_closed_by:
 * @self: a deal
 *
 * Who closed the deal.
 *
 * Returns: (transfer none) (nullable): who closed the deal
 */
const char *
attrib_event_get_closed_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->closed_by;
}

/**
 * attrib_event_set_helped_by:
 * @self: a deal
 * @party: (nullable): the party who helped close the deal
 *
 * Sets who helped with the deal.
 */
void
attrib_event_set_helped_by (AttribEvent *self,
                            const char  *party)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->helped_by, party, ATTRIB_FIELD_HELPED_BY);
}

/**
 * attrib_event_get_helped_by:
 * @self: a deal
 *
 * Who helped with the deal.
 *
 * Returns: (transfer none) (nullable): who helped with the deal
 */
const char *
attrib_event_get_helped_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->helped_by;
}

/**
 * attrib_event_set_sanction_kind:
 * @self: a sanction
 * @kind: the kind of sanction
 *
 * Sets what a sanction punishes.
 */
void
attrib_event_set_sanction_kind (AttribEvent        *self,
                                AttribSanctionKind  kind)
{
  g_return_if_fail (self != NULL);
  self->sanction_kind = kind;
  set_flag (self, ATTRIB_FIELD_SANCTION_KIND);
}

/**
 * attrib_event_get_sanction_kind:
 * @self: a sanction
 *
 * The kind of sanction.
 *
 * Returns: the kind of sanction
 */
AttribSanctionKind
attrib_event_get_sanction_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sanction_kind;
}

/**
 * attrib_event_add_sanctioned_party:
 * @self: a sanction
 * @party: a sanctioned party
 *
 * Adds a party the sanction applies to.
 */
void
attrib_event_add_sanctioned_party (AttribEvent *self,
                                   const char  *party)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);

  if (self->parties == NULL)
    {
      self->parties = g_ptr_array_new_null_terminated (2, NULL, TRUE);
    }
  g_ptr_array_add (self->parties, event_strdup (self, party));
  set_flag (self, ATTRIB_FIELD_PARTIES);
}

/**
 * attrib_event_get_sanctioned_parties:
 * @self: a sanction
 *
 * The sanctioned parties, in the order added.
 *
 * Returns: (transfer none) (array zero-terminated=1): the sanctioned
 *   parties, an empty array if none
 */
const char * const *
attrib_event_get_sanctioned_parties (AttribEvent *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  return self->parties != NULL ? (const char * const *) self->parties->pdata : none;
}

/**
 * attrib_event_set_fine:
 * @self: a sanction
 * @fen: the fine in fen
 *
 * Sets the fine a sanction imposes, deducted from commission.
 */
void
attrib_event_set_fine (AttribEvent *self,
                       gint64       fen)
{
  g_return_if_fail (self != NULL);
  self->fine = fen;
  set_flag (self, ATTRIB_FIELD_FINE);
}

/**
 * attrib_event_get_fine:
 * @self: a sanction
 * @out_fen: (out) (optional): the fine in fen
 *
 * Whether the sanction imposes a fine.
 *
 * Returns: whether the sanction imposes a fine
 */
gboolean
attrib_event_get_fine (AttribEvent *self,
                       gint64      *out_fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_fen != NULL)
    *out_fen = self->fine;
  return _attrib_event_has (self, ATTRIB_FIELD_FINE);
}

/**
 * attrib_event_add_share:
 * @self: a ruling
 * @kind: performance or commission
 * @party: the party
 * @numerator: the share's numerator, positive
 * @denominator: the share's denominator, positive
 *
 * Adds a share a ruling gives to a party. The shares of each kind must sum
 * to exactly 1.
 */
void
attrib_event_add_share (AttribEvent     *self,
                        AttribShareKind  kind,
                        const char      *party,
                        gint64           numerator,
                        gint64           denominator)
{
  AttribEventShare share;

  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);
  g_return_if_fail (kind == ATTRIB_SHARE_KIND_PERFORMANCE || kind == ATTRIB_SHARE_KIND_COMMISSION);

  if (self->shares[kind] == NULL)
    {
      self->shares[kind] = g_array_new (FALSE, FALSE, sizeof (AttribEventShare));
    }
  share.party = event_strdup (self, party);
  share.numerator = numerator;
  share.denominator = denominator;
  g_array_append_val (self->shares[kind], share);
  set_flag (self, kind == ATTRIB_SHARE_KIND_PERFORMANCE ? ATTRIB_FIELD_PERFORMANCE : ATTRIB_FIELD_COMMISSION);
}

/**
 * attrib_event_get_n_shares:
 * @self: a ruling
 * @kind: performance or commission
 *
 * The number of shares of that kind.
 *
 * Returns: the number of shares of that kind
 */
guint
attrib_event_get_n_shares (AttribEvent     *self,
                           AttribShareKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind == ATTRIB_SHARE_KIND_PERFORMANCE || kind == ATTRIB_SHARE_KIND_COMMISSION, 0);
  return self->shares[kind] != NULL ? self->shares[kind]->len : 0;
}

/**
 * attrib_event_get_share:
 * @self: a ruling
 * @kind: performance or commission
 * @index: the share's position, below [method@Attrib.Event.get_n_shares]
 * @out_numerator: (out) (optional): the numerator
 * @out_denominator: (out) (optional): the denominator
 *
 * The party of the share.
 *
 * Returns: (transfer none): the party of the share
 */
const char *
attrib_event_get_share (AttribEvent     *self,
                        AttribShareKind  kind,
                        guint            index,
                        gint64          *out_numerator,
                        gint64          *out_denominator)
{
  const AttribEventShare *share;

  g_return_val_if_fail (index < attrib_event_get_n_shares (self, kind), NULL);

  share = &g_array_index (self->shares[kind], AttribEventShare, index);
  if (out_numerator != NULL)
    *out_numerator = share->numerator;
  if (out_denominator != NULL)
    *out_denominator = share->denominator;
  return share->party;
}

/**
 * attrib_event_set_authority:
 * @self: a ruling
 * @authority: (nullable): who ruled (channel manager, marketing director …)
 *
 * Sets the authority of a ruling.
 */
void
attrib_event_set_authority (AttribEvent *self,
                            const char  *authority)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->authority, authority, ATTRIB_FIELD_AUTHORITY);
}

/**
 * attrib_event_get_authority:
 * @self: a ruling
 *
 * Who ruled.
 *
 * Returns: (transfer none) (nullable): who ruled
 */
const char *
attrib_event_get_authority (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->authority;
}

/**
 * attrib_event_set_reason:
 * @self: a ruling
 * @reason: (nullable): why
 *
 * Sets the stated reason of a ruling.
 */
void
attrib_event_set_reason (AttribEvent *self,
                         const char  *reason)
{
  g_return_if_fail (self != NULL);
  set_string (self, &self->reason, reason, ATTRIB_FIELD_REASON);
}

/**
 * attrib_event_get_reason:
 * @self: a ruling
 *
 * The reason of the ruling.
 *
 * Returns: (transfer none) (nullable): the reason of the ruling
 */
const char *
attrib_event_get_reason (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * attrib_event_set_roster_date:
 * @self: a roster
 * @day: the local day the roster is for, in days since 1970-01-01
 *
 * Sets the day a rotation roster applies to; see
 * [func@Attrib.time_get_local_day].
 */
void
attrib_event_set_roster_date (AttribEvent *self,
                              gint32       day)
{
  g_return_if_fail (self != NULL);
  self->roster_date = day;
  set_flag (self, ATTRIB_FIELD_ROSTER_DATE);
}

/**
 * attrib_event_get_roster_date:
 * @self: a roster
 *
 * The local day of the roster, in days since 1970-01-01.
 *
 * Returns: the local day of the roster, in days since 1970-01-01
 */
gint32
attrib_event_get_roster_date (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->roster_date;
}

/**
 * attrib_event_add_roster_member:
 * @self: a roster
 * @group: the group id (`A`)
 * @consultant: the consultant, as a party (`A/a01`) or a bare agent id
 *   (`a01`, meaning `A/a01`)
 *
 * Adds a qualified consultant to a group of the roster. Members of one
 * group are kept in turn order; groups in the order first added.
 */
void
attrib_event_add_roster_member (AttribEvent *self,
                                const char  *group,
                                const char  *consultant)
{
  AttribEventMember member;

  g_return_if_fail (self != NULL);
  g_return_if_fail (group != NULL);
  g_return_if_fail (consultant != NULL);

  if (self->members == NULL)
    {
      self->members = g_array_new (FALSE, FALSE, sizeof (AttribEventMember));
    }
  member.group = event_strdup (self, group);
  if (strchr (consultant, '/') != NULL)
    member.consultant = event_strdup (self, consultant);
  else
    {
      g_autofree char *full = g_strconcat (group, "/", consultant, NULL);

      member.consultant = event_strdup (self, full);
    }
  g_array_append_val (self->members, member);
  set_flag (self, ATTRIB_FIELD_GROUPS);
}

/**
 * attrib_event_get_n_roster_members:
 * @self: a roster
 *
 * The number of consultants on the roster.
 *
 * Returns: the number of consultants on the roster
 */
guint
attrib_event_get_n_roster_members (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->members != NULL ? self->members->len : 0;
}

/**
 * attrib_event_get_roster_member:
 * @self: a roster
 * @index: the member's position, below
 *   [method@Attrib.Event.get_n_roster_members]
 * @out_group: (out) (optional) (transfer none): the member's group
 *
 * The consultant, as a `group/agent` party.
 *
 * Returns: (transfer none): the consultant, as a `group/agent` party
 */
const char *
attrib_event_get_roster_member (AttribEvent  *self,
                                guint         index,
                                const char  **out_group)
{
  const AttribEventMember *member;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < attrib_event_get_n_roster_members (self), NULL);

  member = &g_array_index (self->members, AttribEventMember, index);
  if (out_group != NULL)
    *out_group = member->group;
  return member->consultant;
}

/**
 * attrib_event_set_filed_at:
 * @self: a roster
 * @time: when the roster was filed
 *
 * Sets when a roster was filed; without it, the event's time counts.
 */
void
attrib_event_set_filed_at (AttribEvent *self,
                           AttribTime   time)
{
  g_return_if_fail (self != NULL);
  self->filed_at = time;
  set_flag (self, ATTRIB_FIELD_FILED_AT);
}

/**
 * attrib_event_get_filed_at:
 * @self: a roster
 * @out_time: (out) (optional): when the roster was filed: the filing
 *   time if one was set, else the roster's own time
 *
 * Whether a filing time was set. A roster filed at its own time means the
 * same as one without a filing time: read back from a ledger it has none.
 *
 * Returns: whether a filing time (other than the roster's own time, for
 *   an event read back from a ledger) was set
 */
gboolean
attrib_event_get_filed_at (AttribEvent *self,
                           AttribTime  *out_time)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_time != NULL)
    *out_time = _attrib_event_has (self, ATTRIB_FIELD_FILED_AT) ? self->filed_at : self->at;
  return _attrib_event_has (self, ATTRIB_FIELD_FILED_AT);
}

const char *
_attrib_field_key (AttribEventType type,
                   AttribField     field)
{
  switch (field)
    {
    case ATTRIB_FIELD_ID: return "id";
    case ATTRIB_FIELD_TYPE: return "type";
    case ATTRIB_FIELD_AT: return "at";
    case ATTRIB_FIELD_NOTE: return "note";
    case ATTRIB_FIELD_SEQ: return "seq";
    case ATTRIB_FIELD_CUSTOMER:
      if (type == ATTRIB_EVENT_TYPE_DEAL)
        return "purchaser";
      if (type == ATTRIB_EVENT_TYPE_RELATION || type == ATTRIB_EVENT_TYPE_IDENTITY)
        return "a";
      return "customer";
    case ATTRIB_FIELD_COUNTERPART: return "b";
    case ATTRIB_FIELD_PARTY:
      return type == ATTRIB_EVENT_TYPE_COMPLAINT ? "against" : "party";
    case ATTRIB_FIELD_REPORT_STAGE:
    case ATTRIB_FIELD_DEAL_STAGE:
      return "stage";
    case ATTRIB_FIELD_EXPECTED_VISIT: return "expected_visit";
    case ATTRIB_FIELD_EVIDENCE_AT: return "evidence_at";
    case ATTRIB_FIELD_VIA: return "via";
    case ATTRIB_FIELD_ACTIVITY: return "activity";
    case ATTRIB_FIELD_AGENTS: return "agents";
    case ATTRIB_FIELD_RECEIVED_BY: return "received_by";
    case ATTRIB_FIELD_RECEIVED_WITH: return "received_with";
    case ATTRIB_FIELD_SKIPPED: return "skipped";
    case ATTRIB_FIELD_DESIGNATED: return "designated";
    case ATTRIB_FIELD_APPOINTMENT: return "appointment";
    case ATTRIB_FIELD_TOKEN: return "token";
    case ATTRIB_FIELD_COMPANIONS: return "companions";
    case ATTRIB_FIELD_REFERRED_BY: return "referred_by";
    case ATTRIB_FIELD_VISIT_KIND:
    case ATTRIB_FIELD_INTERACTION_KIND:
    case ATTRIB_FIELD_RELATION_KIND:
    case ATTRIB_FIELD_SANCTION_KIND:
      return "kind";
    case ATTRIB_FIELD_RECOGNISED: return "recognised";
    case ATTRIB_FIELD_PURPOSE: return "purpose";
    case ATTRIB_FIELD_BY: return "by";
    case ATTRIB_FIELD_VERIFIED: return "verified";
    case ATTRIB_FIELD_DEAL: return "deal";
    case ATTRIB_FIELD_UNIT: return "unit";
    case ATTRIB_FIELD_PRICE: return "price";
    case ATTRIB_FIELD_PRODUCT: return "product";
    case ATTRIB_FIELD_CLOSED_BY: return "closed_by";
    case ATTRIB_FIELD_HELPED_BY: return "helped_by";
    case ATTRIB_FIELD_PARTIES: return "parties";
    case ATTRIB_FIELD_FINE: return "fine";
    case ATTRIB_FIELD_PERFORMANCE: return "performance";
    case ATTRIB_FIELD_COMMISSION: return "commission";
    case ATTRIB_FIELD_AUTHORITY: return "authority";
    case ATTRIB_FIELD_REASON: return "reason";
    case ATTRIB_FIELD_ROSTER_DATE: return "date";
    case ATTRIB_FIELD_GROUPS: return "groups";
    case ATTRIB_FIELD_FILED_AT: return "filed_at";
    case ATTRIB_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The nick of an enum value: its name in files. */
const char *
_attrib_enum_nick (GType enum_type,
                   int   value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value (klass, value);

  /* enum classes of static types are never finalized: the nick outlives
   * the reference */
  g_type_class_unref (klass);
  return v != NULL ? v->value_nick : "?";
}

gboolean
_attrib_enum_parse (GType       enum_type,
                    const char *nick,
                    int        *out_value)
{
  GEnumClass *klass = g_type_class_ref (enum_type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

  g_type_class_unref (klass);
  if (v == NULL)
    return FALSE;
  *out_value = v->value;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Canonical text, for fingerprints                                    */

static void
canon_key (GString    *out,
           const char *key)
{
  /* no printf: every verdict's fingerprint writes these */
  g_string_append_len (out, ",\"", 2);
  g_string_append (out, key);
  g_string_append_len (out, "\":", 2);
}

static void
canon_int (GString *out,
           gint64   v)
{
  char digits[24];
  guint64 u = v < 0 ? -(guint64) v : (guint64) v;
  int n = 0;

  do
    {
      digits[sizeof digits - 1 - n++] = '0' + u % 10;
      u /= 10;
    }
  while (u != 0);
  if (v < 0)
    digits[sizeof digits - 1 - n++] = '-';
  g_string_append_len (out, digits + sizeof digits - n, n);
}

static void
canon_string (GString    *out,
              const char *key,
              const char *value)
{
  if (value == NULL)
    return;
  canon_key (out, key);
  _attrib_json_append_string (out, value);
}

static void
canon_person (GString    *out,
              const char *key,
              const char *name,
              const char *phone)
{
  if (name == NULL && phone == NULL)
    return;
  canon_key (out, key);
  g_string_append_c (out, '{');
  if (name != NULL)
    {
      g_string_append (out, "\"name\":");
      _attrib_json_append_string (out, name);
    }
  if (phone != NULL)
    {
      g_string_append (out, name != NULL ? ",\"phone\":" : "\"phone\":");
      _attrib_json_append_string (out, phone);
    }
  g_string_append_c (out, '}');
}

static void
canon_time (GString    *out,
            const char *key,
            AttribTime  t)
{
  canon_key (out, key);
  canon_int (out, t);
}

/* One line of JSON with every field the event has, in a fixed order and
 * with times as integer microseconds: what a verdict's fingerprint hashes. */
void
_attrib_event_append_canonical (GString     *out,
                                AttribEvent *ev,
                                GTimeZone   *tz)
{
  guint i, k;

  g_string_append (out, "{\"id\":");
  _attrib_json_append_string (out, ev->id);
  canon_string (out, "type", _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, ev->type));
  canon_time (out, "at", ev->at);
  if (_attrib_event_has (ev, ATTRIB_FIELD_SEQ))
    {
      canon_key (out, "seq");
      canon_int (out, ev->seq);
    }
  canon_person (out, "customer", ev->customer_name, ev->customer_phone);
  canon_person (out, "b", ev->counterpart_name, ev->counterpart_phone);
  canon_string (out, "party", ev->party);
  if (_attrib_event_has (ev, ATTRIB_FIELD_REPORT_STAGE))
    canon_string (out, "stage", _attrib_enum_nick (ATTRIB_TYPE_REPORT_STAGE, ev->report_stage));
  if (_attrib_event_has (ev, ATTRIB_FIELD_EXPECTED_VISIT))
    canon_time (out, "expected_visit", ev->expected_visit);
  if (_attrib_event_has (ev, ATTRIB_FIELD_EVIDENCE_AT))
    canon_time (out, "evidence_at", ev->evidence_at);
  canon_string (out, "via", ev->via);
  canon_string (out, "activity", ev->activity);
  if (ev->agents != NULL)
    {
      canon_key (out, "agents");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->agents->len; i++)
        {
          const AttribEventAgent *a = &g_array_index (ev->agents, AttribEventAgent, i);

          g_string_append (out, i ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, a->party);
          g_string_append (out, ",\"rank\":");
          canon_int (out, a->rank);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  canon_string (out, "received_by", ev->received_by);
  canon_string (out, "received_with", ev->received_with);
  if (ev->skipped != NULL)
    {
      canon_key (out, "skipped");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->skipped->len; i++)
        {
          const AttribEventSkip *sk = &g_array_index (ev->skipped, AttribEventSkip, i);

          g_string_append (out, i ? ",{\"party\":" : "{\"party\":");
          _attrib_json_append_string (out, sk->party);
          g_string_append_printf (out, ",\"reason\":\"%s\"}", _attrib_enum_nick (ATTRIB_TYPE_SKIP_REASON, sk->reason));
        }
      g_string_append_c (out, ']');
    }
  canon_string (out, "designated", ev->designated);
  canon_string (out, "appointment", ev->appointment);
  canon_string (out, "token", ev->token);
  if (ev->companions != NULL)
    {
      canon_key (out, "companions");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->companions->len; i++)
        {
          const AttribEventCompanion *c = &g_array_index (ev->companions, AttribEventCompanion, i);

          if (i > 0)
            g_string_append_c (out, ',');
          g_string_append_printf (out, "{\"relation\":\"%s\"",
                                  _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, c->relation));
          canon_person (out, "person", c->name, c->phone);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  canon_person (out, "referred_by", ev->referred_by_name, ev->referred_by_phone);
  if (_attrib_event_has (ev, ATTRIB_FIELD_VISIT_KIND))
    canon_string (out, "visit_kind", _attrib_enum_nick (ATTRIB_TYPE_VISIT_KIND, ev->visit_kind));
  if (_attrib_event_has (ev, ATTRIB_FIELD_RECOGNISED))
    {
      canon_string (out, "recognised", _attrib_enum_nick (ATTRIB_TYPE_RECOGNISED, ev->recognised));
      canon_string (out, "original", ev->recognised_original);
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_PURPOSE))
    canon_string (out, "purpose", _attrib_enum_nick (ATTRIB_TYPE_VISIT_PURPOSE, ev->purpose));
  if (_attrib_event_has (ev, ATTRIB_FIELD_INTERACTION_KIND))
    canon_string (out, "interaction_kind", _attrib_enum_nick (ATTRIB_TYPE_INTERACTION_KIND, ev->interaction_kind));
  canon_string (out, "by", ev->by);
  if (_attrib_event_has (ev, ATTRIB_FIELD_RELATION_KIND))
    {
      canon_string (out, "relation_kind", _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, ev->relation_kind));
      g_string_append_printf (out, ",\"verified\":%s", ev->verified ? "true" : "false");
    }
  canon_string (out, "deal", ev->deal);
  if (_attrib_event_has (ev, ATTRIB_FIELD_DEAL_STAGE))
    canon_string (out, "deal_stage", _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, ev->deal_stage));
  canon_string (out, "unit", ev->unit);
  if (_attrib_event_has (ev, ATTRIB_FIELD_PRICE))
    {
      canon_key (out, "price");
      canon_int (out, ev->price);
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_PRODUCT))
    canon_string (out, "product", _attrib_enum_nick (ATTRIB_TYPE_PRODUCT, ev->product));
  canon_string (out, "closed_by", ev->closed_by);
  canon_string (out, "helped_by", ev->helped_by);
  if (_attrib_event_has (ev, ATTRIB_FIELD_SANCTION_KIND))
    canon_string (out, "sanction_kind", _attrib_enum_nick (ATTRIB_TYPE_SANCTION_KIND, ev->sanction_kind));
  if (ev->parties != NULL)
    {
      canon_key (out, "parties");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->parties->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _attrib_json_append_string (out, g_ptr_array_index (ev->parties, i));
        }
      g_string_append_c (out, ']');
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_FINE))
    g_string_append_printf (out, ",\"fine\":%" G_GINT64_FORMAT, ev->fine);
  for (k = 0; k < 2; k++)
    if (ev->shares[k] != NULL)
      {
        canon_key (out, k == ATTRIB_SHARE_KIND_PERFORMANCE ? "performance" : "commission");
        g_string_append_c (out, '{');
        for (i = 0; i < ev->shares[k]->len; i++)
          {
            const AttribEventShare *s = &g_array_index (ev->shares[k], AttribEventShare, i);

            if (i > 0)
              g_string_append_c (out, ',');
            _attrib_json_append_string (out, s->party);
            g_string_append_printf (out, ":\"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\"", s->numerator, s->denominator);
          }
        g_string_append_c (out, '}');
      }
  canon_string (out, "authority", ev->authority);
  canon_string (out, "reason", ev->reason);
  if (_attrib_event_has (ev, ATTRIB_FIELD_ROSTER_DATE))
    g_string_append_printf (out, ",\"date\":%d", ev->roster_date);
  if (ev->members != NULL)
    {
      canon_key (out, "groups");
      g_string_append_c (out, '[');
      for (i = 0; i < ev->members->len; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          _attrib_json_append_string (out, g_array_index (ev->members, AttribEventMember, i).consultant);
        }
      g_string_append_c (out, ']');
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_FILED_AT))
    canon_time (out, "filed_at", ev->filed_at);
  canon_string (out, "note", ev->note);
  g_string_append_c (out, '}');
}
