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
 * ([Audit scenario format](audit-format.html)). Setters only record values: the ledger checks
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
char *
_attrib_event_strdup (AttribEvent *self,
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
  self->id = _attrib_event_strdup (self, id);
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

void
_attrib_event_set_string (AttribEvent *self,
            char       **slot,
            const char  *value,
            AttribField  field)
{
  *slot = _attrib_event_strdup (self, value);
  if (value != NULL)
    self->fields |= ATTRIB_FIELD_BIT (field);
  else
    self->fields &= ~ATTRIB_FIELD_BIT (field);
}

void
_attrib_event_set_flag (AttribEvent *self,
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
  _attrib_event_set_string (self, &self->note, note, ATTRIB_FIELD_NOTE);
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
  _attrib_event_set_flag (self, ATTRIB_FIELD_SEQ);
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
  self->customer_name = _attrib_event_strdup (self, name);
  self->customer_phone = _attrib_event_strdup (self, phone);
  _attrib_event_set_flag (self, ATTRIB_FIELD_CUSTOMER);
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
  self->counterpart_name = _attrib_event_strdup (self, name);
  self->counterpart_phone = _attrib_event_strdup (self, phone);
  _attrib_event_set_flag (self, ATTRIB_FIELD_COUNTERPART);
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
  _attrib_event_set_string (self, &self->party, party, ATTRIB_FIELD_PARTY);
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
