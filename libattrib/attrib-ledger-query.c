/* attrib-ledger-query.c: what the rules and scripts ask a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-ledger-private.h"
#include "attrib-person-private.h"

/**
 * attrib_ledger_get_event:
 * @self: a ledger
 * @position: a position in canonical order, below
 *   [method@Attrib.Ledger.get_n_events]
 *
 * The event at a position of the canonical order (time, then sequence,
 * then id).
 *
 * Returns: (transfer full): a copy of the event
 */
AttribEvent *
attrib_ledger_get_event (AttribLedger *self,
                         guint         position)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);

  hold = _attrib_ledger_read_lock (self);
  g_return_val_if_fail (position < self->n_records, NULL);

  index = _attrib_ledger_ensure_index (self);
  return _attrib_ledger_materialize (self, index->order[position]);
}

/**
 * attrib_ledger_lookup_event:
 * @self: a ledger
 * @id: an event id
 *
 * A copy of the event with that id, or %NULL.
 *
 * Returns: (transfer full) (nullable): a copy of the event with that id,
 *   or %NULL
 */
AttribEvent *
attrib_ledger_lookup_event (AttribLedger *self,
                            const char   *id)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  guint32 index;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_strpool_lookup (&self->ids, id, strlen (id));
  if (index == ATTRIB_NONE)
    return NULL;
  return _attrib_ledger_materialize (self, index);
}

/**
 * attrib_ledger_get_n_persons:
 * @self: a ledger
 *
 * The number of distinct persons the events are about.
 *
 * Returns: the number of distinct persons the events are about
 */
guint
attrib_ledger_get_n_persons (AttribLedger *self)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), 0);

  hold = _attrib_ledger_read_lock (self);
  return _attrib_ledger_ensure_index (self)->n_persons;
}

static int
compare_strptr (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
sort_unique_strings (GPtrArray *array)
{
  guint i, j;

  g_ptr_array_sort (array, compare_strptr);
  for (i = 0, j = 0; i < array->len; i++)
    {
      if (j > 0 && strcmp (array->pdata[j - 1], array->pdata[i]) == 0)
        g_free (array->pdata[i]);
      else
        array->pdata[j++] = array->pdata[i];
    }
  array->len = j;
}

/* The person @person of @index (one of the ledger's views), as the API
 * shows it. */
AttribPerson *
_attrib_ledger_person_in (AttribLedger            *self,
                          const AttribLedgerIndex *index,
                          guint32                  person)
{
  GPtrArray *phones = g_ptr_array_new ();
  GPtrArray *names = g_ptr_array_new ();
  const guint32 *contacts;
  guint32 n, i;

  _attrib_csr_get (&index->person_contacts, person, &contacts, &n);
  for (i = 0; i < n; i++)
    {
      const AttribContactRec *c = &g_array_index (self->contacts, AttribContactRec, contacts[i]);
      const char *phone = _attrib_strpool_get (&self->strings, c->phone);

      /* a mask resolved to a full phone adds nothing; one that matched
       * nobody is the person's only phone */
      if (phone != NULL && (strchr (phone, '*') == NULL || person >= index->n_phone_persons))
        g_ptr_array_add (phones, g_strdup (phone));
      if (c->name != ATTRIB_NONE)
        g_ptr_array_add (names, g_strdup (_attrib_strpool_get (&self->strings, c->name)));
    }
  sort_unique_strings (phones);
  sort_unique_strings (names);
  return _attrib_person_new (person, phones, names);
}

static AttribPerson *
make_person (AttribLedger *self,
             guint32       person)
{
  return _attrib_ledger_person_in (self, _attrib_ledger_ensure_index (self), person);
}

/**
 * attrib_ledger_get_person:
 * @self: a ledger
 * @id: a person id, below [method@Attrib.Ledger.get_n_persons]
 *
 * The person with that id.
 *
 * Returns: (transfer full): the person with that id
 */
AttribPerson *
attrib_ledger_get_person (AttribLedger *self,
                          guint         id)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);

  hold = _attrib_ledger_read_lock (self);
  g_return_val_if_fail (id < _attrib_ledger_ensure_index (self)->n_persons, NULL);

  return make_person (self, id);
}

/**
 * attrib_ledger_match_persons:
 * @self: a ledger
 * @name: (nullable): a full name; with a masked phone, also a surname
 * @phone: (nullable): a phone, full or masked (`138****8888`)
 * @error: return location for a #GError
 *
 * Every person of the ledger a (name, phone) pair can refer to, by the
 * catalog's identity rules: a full phone decides alone (a same-name person
 * with another phone is a namesake); a masked phone matches every person
 * with a phone whose visible digits agree — unless it fits several and the
 * name singles one out: the only one known under that full name, or, for
 * a surname given alone (`李`), the only one whose name starts with it
 * (names as seen with the persons' full phones); a name without phone
 * matches every person of exactly that name.
 *
 * The name only chooses among the persons the mask fits: it never makes a
 * mask fit, and a mask that fits one person is that person whatever the
 * name. A profile may turn the choice off for its verdicts
 * (`mask_names`, [Profile format](profiles.html)); the ledger always makes it.
 *
 * Returns: (transfer container) (element-type AttribPerson) (nullable):
 *   the matching persons by id, possibly none; %NULL with @error set if
 *   @phone is malformed or both are %NULL
 */
GPtrArray *
attrib_ledger_match_persons (AttribLedger  *self,
                             const char    *name,
                             const char    *phone,
                             GError       **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint32));
  char normal[ATTRIB_PHONE_BUFFER];
  gboolean masked;
  GPtrArray *result;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  if (name == NULL && phone == NULL)
    {
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT,
                           _("a person needs a name or a phone"));
      return NULL;
    }
  if (phone != NULL && !_attrib_ledger_normalize_phone (self, phone, normal, &masked, error))
    return NULL;

  _attrib_ledger_match_contact (self, name, phone != NULL ? normal : NULL, TRUE, G_MAXUINT32, found);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_person_unref);
  for (i = 0; i < found->len; i++)
    g_ptr_array_add (result, make_person (self, g_array_index (found, guint32, i)));
  return result;
}

/**
 * attrib_ledger_find_person:
 * @self: a ledger
 * @name: (nullable): a full name; with a masked phone, also a surname
 * @phone: (nullable): a phone, full or masked
 * @error: return location for a #GError
 *
 * The one person a (name, phone) pair refers to; see
 * [method@Attrib.Ledger.match_persons]: `find_person ("李", "138***38000")`
 * is the only person the mask fits whose name starts with 李. A masked
 * phone or a name that fits several persons is %ATTRIB_ERROR_AMBIGUOUS
 * (the catalog: an ambiguous masked report confers no claim); one that
 * fits nobody is %ATTRIB_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full) (nullable): the person, or %NULL with @error set
 */
AttribPerson *
attrib_ledger_find_person (AttribLedger  *self,
                           const char    *name,
                           const char    *phone,
                           GError       **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  found = attrib_ledger_match_persons (self, name, phone, error);
  if (found == NULL)
    return NULL;
  if (found->len == 1)
    return attrib_person_ref (g_ptr_array_index (found, 0));

  /* who was asked for, as errors show it (a phone masked) */
  what = _attrib_for_display (phone != NULL ? phone : name);
  if (found->len == 0)
    g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND,
                 _("“%s” matches no person of the ledger"), what);
  else if (phone != NULL && name != NULL)
    {
      g_autofree char *shown_name = _attrib_for_display (name);

      /* only a mask fits several with a name given: the name did not decide */
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_AMBIGUOUS,
                   _("“%s” matches %u persons of the ledger, and the name “%s” singles out none of them"),
                   what, found->len, shown_name);
    }
  else
    g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_AMBIGUOUS,
                 _("“%s” matches %u persons of the ledger"), what, found->len);
  return NULL;
}

/* First item of a canonically ordered event list at or after @t. */
static guint32
lower_bound_time (AttribLedger  *self,
                  const guint32 *items,
                  guint32        n,
                  AttribTime     t)
{
  guint32 lo = 0, hi = n;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (self->records[items[mid]].at < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GPtrArray *
collect (AttribLedger    *self,
         const guint32   *items,
         guint32          n,
         AttribTime       begin,
         AttribTime       end,
         AttribEventMask  types)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  guint32 i;

  for (i = lower_bound_time (self, items, n, begin); i < n; i++)
    {
      const AttribRecord *rec = &self->records[items[i]];

      if (rec->at >= end)
        break;
      if (types & (1u << rec->type))
        g_ptr_array_add (result, _attrib_ledger_materialize (self, items[i]));
    }
  return result;
}

/**
 * attrib_ledger_get_person_events:
 * @self: a ledger
 * @person: a person of this ledger
 * @begin: the start of the window, included (%ATTRIB_TIME_MIN for none)
 * @end: the end of the window, excluded (%ATTRIB_TIME_MAX for none)
 * @types: the event types wanted
 *
 * The events about a person — the whole identity cluster, every phone and
 * name that resolved to it — in the window [@begin, @end), in canonical
 * order. An event is about a person when the person is its customer, its
 * purchaser, or one side of a relation or identity link. Events whose
 * customer is ambiguous (a mask or name matching several persons) belong
 * to nobody.
 *
 * Returns: (transfer container) (element-type AttribEvent): the events
 */
GPtrArray *
attrib_ledger_get_person_events (AttribLedger    *self,
                                 AttribPerson    *person,
                                 AttribTime       begin,
                                 AttribTime       end,
                                 AttribEventMask  types)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;
  const guint32 *items;
  guint32 n;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_ledger_ensure_index (self);
  _attrib_csr_get (&index->person_events, attrib_person_get_id (person), &items, &n);
  return collect (self, items, n, begin, end, types);
}

/**
 * attrib_ledger_get_relations:
 * @self: a ledger
 * @person: a person of this ledger
 *
 * The relation events in which the person is one side, in canonical order.
 * Read the other side with [method@Attrib.Event.get_customer_phone] and
 * [method@Attrib.Event.get_counterpart_phone], or, for a relation to a
 * representative, [method@Attrib.Event.get_party]; the kind with
 * [method@Attrib.Event.get_relation_kind] and whether it was verified with
 * [method@Attrib.Event.get_verified].
 *
 * Returns: (transfer container) (element-type AttribEvent): the relations
 */
GPtrArray *
attrib_ledger_get_relations (AttribLedger *self,
                             AttribPerson *person)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;
  const guint32 *items;
  guint32 n;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (person != NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_ledger_ensure_index (self);
  _attrib_csr_get (&index->person_relations, attrib_person_get_id (person), &items, &n);
  return collect (self, items, n, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
}

/**
 * attrib_ledger_get_party_events:
 * @self: a ledger
 * @party: a party: a channel id (`lianjia`) covers the channel and all its
 *   agents, `channel/agent` that agent alone
 * @begin: the start of the window, included
 * @end: the end of the window, excluded
 * @types: the event types wanted
 *
 * The events a party takes part in, in canonical order: reports and
 * follow-ups it filed, visits where it came with the customer or received
 * them, complaints against it, its departure, deals it closed or helped.
 *
 * Returns: (transfer container) (element-type AttribEvent): the events
 */
GPtrArray *
attrib_ledger_get_party_events (AttribLedger    *self,
                                const char      *party,
                                AttribTime       begin,
                                AttribTime       end,
                                AttribEventMask  types)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;
  const guint32 *items = NULL;
  guint32 n = 0, id;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (party != NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_ledger_ensure_index (self);
  id = _attrib_strpool_lookup (&self->strings, party, strlen (party));
  if (id != ATTRIB_NONE && id < index->party_slot_len && index->party_slot[id] != ATTRIB_NONE)
    _attrib_csr_get (&index->party_events, index->party_slot[id], &items, &n);
  return collect (self, items, n, begin, end, types);
}

guint32
_attrib_ledger_find_deal (AttribLedger *self,
           const char   *deal)
{
  const AttribLedgerIndex *index = _attrib_ledger_ensure_index (self);
  guint32 lo = 0, hi = index->deal_events.n_keys;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;
      int cmp = strcmp (_attrib_strpool_get (&self->strings, index->deal_ids[mid]), deal);

      if (cmp == 0)
        return mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return ATTRIB_NONE;
}

/**
 * attrib_ledger_get_deals:
 * @self: a ledger
 *
 * The ids of every deal with at least one deal event, in byte order.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of every
 *   deal with at least one deal event, in byte order
 */
char **
attrib_ledger_get_deals (AttribLedger *self)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;
  char **deals;
  guint32 i;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_ledger_ensure_index (self);
  deals = g_new (char *, index->deal_events.n_keys + 1);
  for (i = 0; i < index->deal_events.n_keys; i++)
    deals[i] = g_strdup (_attrib_strpool_get (&self->strings, index->deal_ids[i]));
  deals[i] = NULL;
  return deals;
}

/**
 * attrib_ledger_get_deal_events:
 * @self: a ledger
 * @deal: a deal id
 *
 * The stages of a deal (subscription, signing, cancellation, unit change,
 * rename …) in canonical order.
 *
 * Returns: (transfer container) (element-type AttribEvent): the deal's
 *   events, empty for an unknown deal
 */
GPtrArray *
attrib_ledger_get_deal_events (AttribLedger *self,
                               const char   *deal)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribLedgerIndex *index;
  const guint32 *items = NULL;
  guint32 n = 0, slot;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  g_return_val_if_fail (deal != NULL, NULL);

  hold = _attrib_ledger_read_lock (self);

  index = _attrib_ledger_ensure_index (self);
  slot = _attrib_ledger_find_deal (self, deal);
  if (slot != ATTRIB_NONE)
    _attrib_csr_get (&index->deal_events, slot, &items, &n);
  return collect (self, items, n, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_DEAL);
}
