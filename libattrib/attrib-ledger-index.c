/* attrib-ledger-index.c: persons and the indexes the rules query
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built in one pass over the records when first needed after a change:
 * the canonical order, the persons (attrib-ledger-persons.c: identity
 * resolution), and CSR lists of event indices per person, per party and
 * per deal, each in canonical order. Nothing here depends on insertion order
 * or on hash-table order: every tie is broken by string byte order.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "attrib-ledger-private.h"

/* ------------------------------------------------------------------ */
/* Canonical order                                                     */

typedef struct
{
  AttribTime at;
  gint32 seq;
  guint32 index;
} SortKey;

void
_attrib_csr_clear (AttribCsr *csr)
{
  g_clear_pointer (&csr->offsets, g_free);
  g_clear_pointer (&csr->items, g_free);
  g_clear_pointer (&csr->ends, g_free);
  g_clear_pointer (&csr->limits, g_free);
  csr->n_keys = 0;
}

/* Frees what a without-names view owns; the rest is its index's. */
static void
without_names_free (AttribLedgerIndex *view)
{
  g_free (view->contact_person);
  _attrib_csr_clear (&view->person_contacts);
  _attrib_csr_clear (&view->person_events);
  _attrib_csr_clear (&view->person_relations);
  _attrib_csr_clear (&view->person_companions);
  g_free (view);
}

void
_attrib_ledger_index_clear (AttribLedger *self)
{
  AttribLedgerIndex *index = &self->index;
  guint i;

  g_clear_pointer (&self->without_names, without_names_free);
  for (i = 0; i < ATTRIB_MASK_SHAPES; i++)
    g_clear_pointer (&self->mask_groups[i], _attrib_mask_groups_free);
  g_clear_pointer (&index->order, g_free);
  g_clear_pointer (&index->position, g_free);
  g_clear_pointer (&index->contact_person, g_free);
  g_clear_pointer (&index->contact_flags, g_free);
  _attrib_csr_clear (&index->person_names);
  g_clear_pointer (&index->person_initials, g_free);
  _attrib_csr_clear (&index->person_contacts);
  _attrib_csr_clear (&index->person_events);
  _attrib_csr_clear (&index->person_relations);
  _attrib_csr_clear (&index->person_companions);
  _attrib_csr_clear (&index->name_persons);
  g_clear_pointer (&index->name_ids, g_free);
  g_clear_pointer (&index->extra_keys, g_free);
  g_clear_pointer (&index->phones_by_prefix, g_free);
  g_clear_pointer (&index->prefix_values, g_free);
  g_clear_pointer (&index->phone_person, g_free);
  g_clear_pointer (&index->party_slot, g_free);
  _attrib_csr_clear (&index->party_events);
  g_clear_pointer (&index->deal_ids, g_free);
  _attrib_csr_clear (&index->deal_events);
  g_clear_pointer (&index->departures, g_free);
  g_clear_pointer (&index->rosters, g_free);
  g_clear_pointer (&index->unit_ids, g_free);
  _attrib_csr_clear (&index->unit_deals);
  memset (index, 0, sizeof *index);
  _attrib_ledger_forget_touched (self);
}

/* What additions touched is no longer known: counted as a build, so that
 * a watch compares digests (AttribWatch). */
void
_attrib_ledger_forget_touched (AttribLedger *self)
{
  self->generation++;
  if (self->touched != NULL)
    g_array_set_size (self->touched, 0);
}

void
_attrib_csr_builder_init (CsrBuilder *b,
                  guint32     n_keys)
{
  b->counts = g_new0 (guint32, (gsize) n_keys + 1);
  b->n_keys = n_keys;
}

void
_attrib_csr_builder_finish_counts (CsrBuilder *b,
                           AttribCsr  *csr)
{
  guint32 total = 0, k;

  csr->n_keys = b->n_keys;
  csr->offsets = g_new (guint32, (gsize) b->n_keys + 1);
  for (k = 0; k < b->n_keys; k++)
    {
      csr->offsets[k] = total;
      total += b->counts[k];
      b->counts[k] = csr->offsets[k];   /* now the fill cursor */
    }
  csr->offsets[b->n_keys] = total;
  csr->items = g_new (guint32, MAX (total, 1));
}

void
_attrib_csr_builder_clear (CsrBuilder *b)
{
  g_clear_pointer (&b->counts, g_free);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortKey *ka = a, *kb = b;
  AttribLedger *self = user_data;

  if (ka->at != kb->at)
    return ka->at < kb->at ? -1 : 1;
  if (ka->seq != kb->seq)
    return ka->seq < kb->seq ? -1 : 1;
  return strcmp (_attrib_ledger_event_id (self, ka->index),
                 _attrib_ledger_event_id (self, kb->index));
}

static void
build_order (AttribLedger      *self,
             AttribLedgerIndex *index)
{
  guint32 n = self->n_records, i;
  SortKey *keys;
  gboolean sorted = TRUE;

  index->n_alloc = MAX (n, 1);
  index->order = g_new (guint32, index->n_alloc);
  keys = g_new (SortKey, MAX (n, 1));
  for (i = 0; i < n; i++)
    {
      keys[i].at = self->records[i].at;
      keys[i].seq = self->records[i].seq;
      keys[i].index = i;
      if (sorted && i > 0 && compare_keys (&keys[i - 1], &keys[i], self) > 0)
        sorted = FALSE;
    }
  /* Exports usually come in time order: then there is nothing to sort. */
  if (!sorted)
    g_qsort_with_data (keys, n, sizeof (SortKey), compare_keys, self);
  index->position = g_new (guint32, index->n_alloc);
  for (i = 0; i < n; i++)
    {
      index->order[i] = keys[i].index;
      index->position[keys[i].index] = i;
    }
  g_free (keys);
}

/* The persons an event is about: its customer, purchaser or pair. */
static guint
event_persons (const AttribLedger      *self,
               const AttribLedgerIndex *index,
               const AttribRecord      *rec,
               guint32                  out[2])
{
  guint n = 0;

  if (rec->contact != ATTRIB_NONE && index->contact_person[rec->contact] != ATTRIB_NONE)
    out[n++] = index->contact_person[rec->contact];
  if ((rec->type == ATTRIB_EVENT_TYPE_RELATION || rec->type == ATTRIB_EVENT_TYPE_IDENTITY) &&
      rec->counterpart != ATTRIB_NONE && index->contact_person[rec->counterpart] != ATTRIB_NONE &&
      (n == 0 || out[0] != index->contact_person[rec->counterpart]))
    out[n++] = index->contact_person[rec->counterpart];
  return n;
}

static void
build_person_companions (AttribLedger      *self,
                         AttribLedgerIndex *index)
{
  CsrBuilder b;
  guint pass, i, k;

  _attrib_csr_builder_init (&b, index->n_persons);
  for (pass = 0; pass < 2; pass++)
    {
      for (i = 0; i < self->n_records; i++)
        {
          guint32 e = index->order[i];
          const AttribRecord *rec = &self->records[e];
          const AttribVisitExtra *x;

          if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE)
            continue;
          x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);
          for (k = 0; k < x->n_companions; k++)
            {
              guint32 c = g_array_index (self->companions, AttribCompanionRec, x->companions + k).contact;
              guint32 p = index->contact_person[c];

              if (p == ATTRIB_NONE)
                continue;
              if (pass == 0)
                b.counts[p]++;
              else
                _attrib_csr_builder_put (&b, &index->person_companions, p, e);
            }
        }
      if (pass == 0)
        _attrib_csr_builder_finish_counts (&b, &index->person_companions);
    }
  _attrib_csr_builder_clear (&b);
}

static void
build_person_events (AttribLedger      *self,
                     AttribLedgerIndex *index)
{
  CsrBuilder events, relations;
  guint32 persons[2];
  guint pass, i, k;

  _attrib_csr_builder_init (&events, index->n_persons);
  _attrib_csr_builder_init (&relations, index->n_persons);
  for (pass = 0; pass < 2; pass++)
    {
      for (i = 0; i < self->n_records; i++)
        {
          guint32 e = index->order[i];
          const AttribRecord *rec = &self->records[e];
          guint n = event_persons (self, index, rec, persons);

          for (k = 0; k < n; k++)
            {
              if (pass == 0)
                {
                  events.counts[persons[k]]++;
                  if (rec->type == ATTRIB_EVENT_TYPE_RELATION)
                    relations.counts[persons[k]]++;
                }
              else
                {
                  _attrib_csr_builder_put (&events, &index->person_events, persons[k], e);
                  if (rec->type == ATTRIB_EVENT_TYPE_RELATION)
                    _attrib_csr_builder_put (&relations, &index->person_relations, persons[k], e);
                }
            }
        }
      if (pass == 0)
        {
          _attrib_csr_builder_finish_counts (&events, &index->person_events);
          _attrib_csr_builder_finish_counts (&relations, &index->person_relations);
        }
    }
  _attrib_csr_builder_clear (&events);
  _attrib_csr_builder_clear (&relations);
}

/* The channel of "channel/agent", interned. */
static guint32
channel_of (AttribLedger *self,
            guint32       party)
{
  const char *s, *slash;
  guint32 channel;

  /* each party's worked out once, not at each of its events */
  if (party < self->n_channels && self->channels[party] != 0)
    return self->channels[party] == ATTRIB_NONE ? ATTRIB_NONE : self->channels[party] - 1;
  s = _attrib_strpool_get (&self->strings, party);
  slash = strchr (s, '/');
  channel = slash == NULL ? ATTRIB_NONE : _attrib_strpool_intern (&self->strings, s, slash - s, NULL);
  if (party >= self->n_channels)
    {
      guint32 n = MAX (self->strings.n_strings, party + 1);

      self->channels = g_renew (guint32, self->channels, n);
      memset (self->channels + self->n_channels, 0, sizeof (guint32) * (n - self->n_channels));
      self->n_channels = n;
    }
  self->channels[party] = channel == ATTRIB_NONE ? ATTRIB_NONE : channel + 1;
  return channel;
}

/* Calls @func for every party an event involves: a report's or
 * follow-up's party, a visit's agents and receiver, a complaint's target, a
 * departed agent, a deal's closer and helper. */
typedef void (*PartyFunc) (AttribLedger *self, guint32 party, guint32 event, gpointer data);

static void
foreach_party (AttribLedger *self,
               guint32       e,
               PartyFunc     func,
               gpointer      data)
{
  const AttribRecord *rec = &self->records[e];
  guint i;

  switch ((AttribEventType) rec->type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      func (self, rec->party, e, data);
      break;

    case ATTRIB_EVENT_TYPE_VISIT:
      for (i = 0; i < rec->n_agents; i++)
        func (self, g_array_index (self->agents, AttribAgentRec, rec->party + i).party, e, data);
      if (rec->extra != ATTRIB_NONE)
        {
          const AttribVisitExtra *x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);

          if (x->received_by != ATTRIB_NONE)
            func (self, x->received_by, e, data);
          if (x->received_with != ATTRIB_NONE)
            func (self, x->received_with, e, data);
        }
      break;

    case ATTRIB_EVENT_TYPE_DEAL:
      {
        const AttribDealExtra *x = &g_array_index (self->deals, AttribDealExtra, rec->extra);

        if (x->closed_by != ATTRIB_NONE)
          func (self, x->closed_by, e, data);
        if (x->helped_by != ATTRIB_NONE)
          func (self, x->helped_by, e, data);
      }
      break;

    case ATTRIB_EVENT_TYPE_RELATION:
      if (rec->party != ATTRIB_NONE)
        func (self, rec->party, e, data);
      break;

    case ATTRIB_EVENT_TYPE_INTERACTION:
    case ATTRIB_EVENT_TYPE_IDENTITY:
    case ATTRIB_EVENT_TYPE_SANCTION:
    case ATTRIB_EVENT_TYPE_RULING:
    case ATTRIB_EVENT_TYPE_ROSTER:
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  AttribLedgerIndex *index;
  CsrBuilder builder;
  guint32 *last_event;       /* slot → last event put, to list an event once */
  guint32 n_slots;
  gboolean filling;
} PartyPass;

/* party_slot covers every string id; it grows geometrically, since a
 * ledger taking events makes new strings one at a time (a note, a name) */
static void
party_slot_grow (AttribLedger      *self,
                 AttribLedgerIndex *index)
{
  guint32 n = self->strings.n_strings;

  if (n > index->party_slot_len)
    {
      n = MAX (n, index->party_slot_len + index->party_slot_len / 2);
      index->party_slot = g_renew (guint32, index->party_slot, n);
      memset (index->party_slot + index->party_slot_len, 0xff,
              sizeof (guint32) * (n - index->party_slot_len));
      index->party_slot_len = n;
    }
}

static void
party_visit_one (AttribLedger *self,
                 guint32       party,
                 guint32       e,
                 PartyPass    *pass)
{
  AttribLedgerIndex *index = pass->index;
  guint32 slot;

  if (!pass->filling)
    {
      party_slot_grow (self, index);
      if (index->party_slot[party] == ATTRIB_NONE)
        {
          index->party_slot[party] = pass->n_slots++;
          pass->last_event = g_renew (guint32, pass->last_event, pass->n_slots);
          pass->builder.counts = g_renew (guint32, pass->builder.counts, pass->n_slots + 1);
          pass->builder.counts[pass->n_slots - 1] = 0;
          pass->last_event[pass->n_slots - 1] = ATTRIB_NONE;
        }
    }
  slot = index->party_slot[party];
  if (pass->last_event[slot] == e)
    return;
  pass->last_event[slot] = e;
  if (pass->filling)
    _attrib_csr_builder_put (&pass->builder, &index->party_events, slot, e);
  else
    pass->builder.counts[slot]++;
}

static void
party_visit (AttribLedger *self,
             guint32       party,
             guint32       e,
             gpointer      data)
{
  guint32 channel = channel_of (self, party);

  party_visit_one (self, party, e, data);
  if (channel != ATTRIB_NONE)
    party_visit_one (self, channel, e, data);
}

static void
build_party_events (AttribLedger      *self,
                    AttribLedgerIndex *index)
{
  PartyPass pass = { index, { NULL, 0 }, NULL, 0, FALSE };
  guint32 i;

  pass.builder.counts = g_new0 (guint32, 1);
  for (i = 0; i < self->n_records; i++)
    foreach_party (self, index->order[i], party_visit, &pass);

  pass.builder.n_keys = pass.n_slots;
  _attrib_csr_builder_finish_counts (&pass.builder, &index->party_events);
  pass.filling = TRUE;
  for (i = 0; i < pass.n_slots; i++)
    pass.last_event[i] = ATTRIB_NONE;
  for (i = 0; i < self->n_records; i++)
    foreach_party (self, index->order[i], party_visit, &pass);

  _attrib_csr_builder_clear (&pass.builder);
  g_free (pass.last_event);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const guint32 *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* The deals on each unit (several customers wanting one unit), as
 * distinct (unit, deal slot) pairs. */
static void
build_unit_deals (AttribLedger      *self,
                  AttribLedgerIndex *index,
                  const guint32     *slot_of_string)
{
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
  guint32 i, n = 0, n_units = 0;

  for (i = 0; i < self->n_records; i++)
    {
      const AttribRecord *rec = &self->records[i];
      guint32 pair[2];

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      pair[0] = g_array_index (self->deals, AttribDealExtra, rec->extra).unit;
      pair[1] = slot_of_string[rec->deal];
      if (pair[0] != ATTRIB_NONE)
        g_array_append_vals (pairs, pair, 1);
    }
  g_array_sort (pairs, compare_pairs);

  index->unit_ids = g_new (guint32, MAX (pairs->len, 1));
  index->unit_deals.offsets = g_new (guint32, (gsize) pairs->len + 1);
  index->unit_deals.items = g_new (guint32, MAX (pairs->len, 1));
  for (i = 0; i < pairs->len; i++)
    {
      const guint32 *pair = &g_array_index (pairs, guint32, 2 * i);

      if (i > 0 && pair[0] == pair[-2] && pair[1] == pair[-1])
        continue;
      if (n_units == 0 || index->unit_ids[n_units - 1] != pair[0])
        {
          index->unit_ids[n_units] = pair[0];
          index->unit_deals.offsets[n_units++] = n;
        }
      index->unit_deals.items[n++] = pair[1];
    }
  index->unit_deals.offsets[n_units] = n;
  index->unit_deals.n_keys = n_units;
}

guint32
_attrib_ledger_find_unit (const AttribLedgerIndex *index,
                          guint32                  unit)
{
  guint32 lo = 0, hi = index->unit_deals.n_keys;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (index->unit_ids[mid] < unit)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < index->unit_deals.n_keys && index->unit_ids[lo] == unit ? lo : ATTRIB_NONE;
}

static void
build_deal_events (AttribLedger      *self,
                   AttribLedgerIndex *index)
{
  g_autoptr(GArray) deals = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *slot_of_string = NULL;
  guint32 n_strings = self->strings.n_strings;
  CsrBuilder b;
  guint32 i;

  slot_of_string = g_new (guint32, MAX (n_strings, 1));
  memset (slot_of_string, 0xff, sizeof (guint32) * n_strings);
  for (i = 0; i < self->n_records; i++)
    {
      const AttribRecord *rec = &self->records[i];

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && slot_of_string[rec->deal] == ATTRIB_NONE)
        {
          slot_of_string[rec->deal] = 0;
          g_array_append_val (deals, rec->deal);
        }
    }
  _attrib_ledger_sort_string_ids (&self->strings, deals);
  for (i = 0; i < deals->len; i++)
    slot_of_string[g_array_index (deals, guint32, i)] = i;

  /* the deal's stages, and the rulings and sanctions that name it */
#define DEAL_SLOT(rec) \
  (((rec)->type == ATTRIB_EVENT_TYPE_DEAL || (rec)->type == ATTRIB_EVENT_TYPE_RULING || \
    (rec)->type == ATTRIB_EVENT_TYPE_SANCTION) && (rec)->deal != ATTRIB_NONE \
   ? slot_of_string[(rec)->deal] : ATTRIB_NONE)
  _attrib_csr_builder_init (&b, deals->len);
  for (i = 0; i < self->n_records; i++)
    if (DEAL_SLOT (&self->records[i]) != ATTRIB_NONE)
      b.counts[DEAL_SLOT (&self->records[i])]++;
  _attrib_csr_builder_finish_counts (&b, &index->deal_events);
  for (i = 0; i < self->n_records; i++)
    {
      guint32 e = index->order[i];

      if (DEAL_SLOT (&self->records[e]) != ATTRIB_NONE)
        _attrib_csr_builder_put (&b, &index->deal_events, DEAL_SLOT (&self->records[e]), e);
    }
#undef DEAL_SLOT
  _attrib_csr_builder_clear (&b);
  index->deal_ids = (guint32 *) g_array_free (g_steal_pointer (&deals), FALSE);
  build_unit_deals (self, index, slot_of_string);
}

static int
compare_departures (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  AttribLedger *self = user_data;
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  if (self->records[x].party != self->records[y].party)
    return self->records[x].party < self->records[y].party ? -1 : 1;
  return self->index.position[x] < self->index.position[y] ? -1 : self->index.position[x] > self->index.position[y];
}

/* Departures (people or groups leaving a project), which the engine asks
 * for by party; rosters, which the rotation asks for by day. Both are few
 * next to the rest, and kept as short lists. */
static void
build_departures_and_rosters (AttribLedger      *self,
                              AttribLedgerIndex *index)
{
  GArray *departures = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *rosters = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 i;

  for (i = 0; i < self->n_records; i++)
    {
      guint32 e = index->order[i];

      if (self->records[e].type == ATTRIB_EVENT_TYPE_DEPARTURE)
        g_array_append_val (departures, e);
      else if (self->records[e].type == ATTRIB_EVENT_TYPE_ROSTER)
        g_array_append_val (rosters, e);
    }
  g_array_sort_with_data (departures, compare_departures, self);
  index->n_departures = departures->len;
  index->departures = (guint32 *) g_array_free (departures, FALSE);
  index->n_rosters = rosters->len;
  index->rosters = (guint32 *) g_array_free (rosters, FALSE);
}

const AttribLedgerIndex *
_attrib_ledger_ensure_index (AttribLedger *self)
{
  AttribLedgerIndex *index = &self->index;

  if (index->valid)
    return index;

  _attrib_ledger_index_clear (self);
  build_order (self, index);
  _attrib_ledger_build_persons (self, index);
  build_person_events (self, index);
  build_person_companions (self, index);
  build_party_events (self, index);
  build_deal_events (self, index);
  build_departures_and_rosters (self, index);
  index->n_contacts = self->contacts->len;
  index->valid = TRUE;
  return index;
}

/* Growing the indexes by one event (docs/live.md) */

static void
csr_reserve (AttribCsr *csr,
             guint32    n)
{
  if (csr->n_items + n > csr->n_alloc)
    {
      csr->n_alloc = MAX (csr->n_items + n, csr->n_alloc + csr->n_alloc / 2);
      csr->items = g_renew (guint32, csr->items, csr->n_alloc);
    }
}

/* Gives a list ends and limits beside its offsets (room to grow). */
static void
csr_make_growable (AttribCsr *csr)
{
  guint32 k;

  if (csr->ends != NULL)
    return;
  csr->ends = g_new (guint32, MAX (csr->n_keys, 1));
  csr->limits = g_new (guint32, MAX (csr->n_keys, 1));
  for (k = 0; k < csr->n_keys; k++)
    csr->ends[k] = csr->limits[k] = csr->offsets[k + 1];
  csr->n_items = csr->offsets != NULL ? csr->offsets[csr->n_keys] : 0;
  csr->n_alloc = MAX (csr->n_items, 1);   /* as the builder allocated */
  csr->n_moved = 0;
  /* room for the lists that will move, so that the first moves do not
   * copy all the others */
  csr_reserve (csr, csr->n_items / 8 + 64);
}

/* Appends @item to list @key (or, @key one past the last, to a new list).
 * Lists stay whole: one that has no more room moves to the end of items
 * with room for twice its length, so that an append costs O(1) amortised. */
static void
csr_append (AttribCsr *csr,
            guint32    key,
            guint32    item)
{
  csr_make_growable (csr);
  if (key == csr->n_keys)
    {
      csr->offsets = g_renew (guint32, csr->offsets, (gsize) key + 2);
      csr->ends = g_renew (guint32, csr->ends, (gsize) key + 1);
      csr->limits = g_renew (guint32, csr->limits, (gsize) key + 1);
      csr->offsets[key] = csr->ends[key] = csr->limits[key] = csr->n_items;
      csr->offsets[key + 1] = csr->n_items;   /* unread once ends exist */
      csr->n_keys++;
    }
  g_assert (key < csr->n_keys);
  if (csr->ends[key] == csr->limits[key])
    {
      guint32 len = csr->ends[key] - csr->offsets[key];
      guint32 room = MAX (4, len * 2);

      if (csr->limits[key] == csr->n_items)
        {
          /* the list at the end grows where it is */
          csr_reserve (csr, room - len);
          csr->n_items += room - len;
          csr->limits[key] = csr->n_items;
        }
      else
        {
          csr_reserve (csr, room);
          memcpy (csr->items + csr->n_items, csr->items + csr->offsets[key], sizeof (guint32) * len);
          csr->n_moved += csr->limits[key] - csr->offsets[key];
          csr->offsets[key] = csr->n_items;
          csr->ends[key] = csr->n_items + len;
          csr->limits[key] = csr->n_items + room;
          csr->n_items += room;
        }
    }
  csr->items[csr->ends[key]++] = item;
}

/* Whether moved lists have left more behind than the lists hold: then the
 * next read builds them again, packed. */
static gboolean
csr_sparse (const AttribCsr *csr)
{
  return csr->ends != NULL && csr->n_moved > 4096 && csr->n_moved > csr->n_items / 2;
}

static void
party_append_one (AttribLedger      *self,
                  AttribLedgerIndex *index,
                  guint32            party,
                  guint32            e)
{
  AttribCsr *csr = &index->party_events;
  const guint32 *items;
  guint32 len, slot;

  party_slot_grow (self, index);
  /* a party first seen now takes the next slot, as in a build, where
   * slots go by first appearance in the canonical order and this event
   * comes last */
  if (index->party_slot[party] == ATTRIB_NONE)
    index->party_slot[party] = csr->n_keys;
  slot = index->party_slot[party];
  _attrib_csr_get (csr, slot, &items, &len);
  if (len > 0 && items[len - 1] == e)
    return;   /* an event is listed once per party */
  csr_append (csr, slot, e);
  _attrib_read_log (self->touched, ATTRIB_READ_PARTY, party);
}

static void
party_append (AttribLedger *self,
              guint32       party,
              guint32       e,
              gpointer      data)
{
  AttribLedgerIndex *index = data;
  guint32 channel = channel_of (self, party);

  party_append_one (self, index, party, e);
  if (channel != ATTRIB_NONE)
    party_append_one (self, index, channel, e);
}

/* Whether every contact @rec names was known when the persons were
 * worked out. */
static gboolean
contacts_known (AttribLedger            *self,
                const AttribLedgerIndex *index,
                const AttribRecord      *rec)
{
  guint k;

  if (rec->contact != ATTRIB_NONE && rec->contact >= index->n_contacts)
    return FALSE;
  if (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->extra != ATTRIB_NONE)
    {
      const AttribVisitExtra *x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);

      if (x->referred_by != ATTRIB_NONE && x->referred_by >= index->n_contacts)
        return FALSE;
      for (k = 0; k < x->n_companions; k++)
        if (g_array_index (self->companions, AttribCompanionRec, x->companions + k).contact >= index->n_contacts)
          return FALSE;
    }
  return TRUE;
}

/* Gives the lists an event added last can join, and the order, room to
 * grow: done with a rebuild on a ledger that keeps taking events (the
 * first read after a change, _attrib_ledger_read_lock), so that the next
 * addition does not pay for it. */
void
_attrib_ledger_index_make_growable (AttribLedger *self)
{
  AttribLedgerIndex *index = &self->index;
  guint32 room = self->n_records + self->n_records / 8 + 64;

  g_assert (index->valid);
  csr_make_growable (&index->person_events);
  csr_make_growable (&index->person_companions);
  csr_make_growable (&index->party_events);
  if (room > index->n_alloc)
    {
      index->n_alloc = room;
      index->order = g_renew (guint32, index->order, index->n_alloc);
      index->position = g_renew (guint32, index->position, index->n_alloc);
    }
}

static void
csr_pack (AttribCsr *csr)
{
  if (csr->ends == NULL)
    return;
  g_clear_pointer (&csr->ends, g_free);
  g_clear_pointer (&csr->limits, g_free);
  csr->items = g_renew (guint32, csr->items, MAX (csr->n_items, 1));
}

/* Drops the room the lists were given to grow, for a ledger that takes no
 * more events. Only where nothing grew into it (the lists are still
 * those of the build): FALSE, having changed nothing, where events were
 * appended, and the indexes must be built again, packed. */
gboolean
_attrib_ledger_index_pack (AttribLedger *self)
{
  AttribLedgerIndex *index = &self->index;

  if (index->appended)
    return FALSE;
  /* it shares the arrays that shrink: built again when asked for */
  g_clear_pointer (&self->without_names, without_names_free);
  csr_pack (&index->person_events);
  csr_pack (&index->person_companions);
  csr_pack (&index->party_events);
  index->n_alloc = MAX (self->n_records, 1);
  index->order = g_renew (guint32, index->order, index->n_alloc);
  index->position = g_renew (guint32, index->position, index->n_alloc);
  return TRUE;
}

/*
 * _attrib_ledger_index_append:
 * @self: a ledger whose indexes are built
 * @e: the event just added (the last record)
 *
 * Grows the indexes by @e where that leaves them as a build would make
 * them: @e comes last in the canonical order, is a report, visit, CRM
 * interaction or follow-up, and names only contacts the persons were
 * worked out from — so no person is added, merged or renumbered, no deal,
 * unit, departure or roster changes. @e is then appended to the order and
 * to the lists of its person, its companions and its parties: the work of
 * what @e touches, not of the ledger.
 *
 * Returns: %FALSE, having changed nothing, where @e needs the indexes
 *   built again
 */
gboolean
_attrib_ledger_index_append (AttribLedger *self,
                             guint32       e)
{
  AttribLedgerIndex *index = &self->index;
  const AttribRecord *rec = &self->records[e];
  guint32 n = self->n_records;
  guint k;

  g_assert (index->valid && e == n - 1);

  switch ((AttribEventType) rec->type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
    case ATTRIB_EVENT_TYPE_VISIT:
    case ATTRIB_EVENT_TYPE_INTERACTION:
    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
      break;
    /* relations and identity links connect persons; deal stages, rulings
     * and sanctions change deals and units; complaints, departures and
     * rosters are few: built again */
    case ATTRIB_EVENT_TYPE_RELATION:
    case ATTRIB_EVENT_TYPE_IDENTITY:
    case ATTRIB_EVENT_TYPE_DEAL:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    case ATTRIB_EVENT_TYPE_SANCTION:
    case ATTRIB_EVENT_TYPE_RULING:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
    case ATTRIB_EVENT_TYPE_ROSTER:
    default:
      return FALSE;
    }
  if (!contacts_known (self, index, rec))
    return FALSE;
  if (n > 1)
    {
      SortKey last = { self->records[index->order[n - 2]].at, self->records[index->order[n - 2]].seq, index->order[n - 2] };
      SortKey now = { rec->at, rec->seq, e };

      if (compare_keys (&last, &now, self) > 0)
        return FALSE;
    }
  if (csr_sparse (&index->person_events) || csr_sparse (&index->person_companions) ||
      csr_sparse (&index->party_events))
    return FALSE;

  /* it shares the lists that grow: a profile with mask_names false builds
   * it again when it asks */
  g_clear_pointer (&self->without_names, without_names_free);

  if (n > index->n_alloc)
    {
      index->n_alloc = MAX (n, index->n_alloc + index->n_alloc / 2);
      index->order = g_renew (guint32, index->order, index->n_alloc);
      index->position = g_renew (guint32, index->position, index->n_alloc);
    }
  index->order[n - 1] = e;
  index->position[e] = n - 1;
  index->appended = TRUE;

  if (rec->contact != ATTRIB_NONE && index->contact_person[rec->contact] != ATTRIB_NONE)
    {
      csr_append (&index->person_events, index->contact_person[rec->contact], e);
      _attrib_read_log (self->touched, ATTRIB_READ_PERSON_EVENTS, index->contact_person[rec->contact]);
    }
  if (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->extra != ATTRIB_NONE)
    {
      const AttribVisitExtra *x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);

      for (k = 0; k < x->n_companions; k++)
        {
          guint32 c = g_array_index (self->companions, AttribCompanionRec, x->companions + k).contact;

          if (index->contact_person[c] != ATTRIB_NONE)
            {
              csr_append (&index->person_companions, index->contact_person[c], e);
              _attrib_read_log (self->touched, ATTRIB_READ_PERSON_COMPANIONS, index->contact_person[c]);
            }
        }
    }
  foreach_party (self, e, party_append, index);

  /* what additions touched is kept for the watches until the next build;
   * past a quarter of the ledger, it is dropped and counted as a build, so
   * that a watch compares digests instead (AttribWatch) and the log stays
   * small */
  if (self->touched->len > MAX (4096, n / 4))
    _attrib_ledger_forget_touched (self);
  return TRUE;
}

/* The persons as a profile with `mask_names` false sees them: the
 * contacts resolved by name are ambiguous, and their events belong to
 * nobody. */
static AttribLedgerIndex *
build_without_names (AttribLedger            *self,
                     const AttribLedgerIndex *index)
{
  AttribLedgerIndex *view = g_new (AttribLedgerIndex, 1);
  guint32 n_contacts = self->contacts->len, c;

  *view = *index;
  view->contact_person = g_memdup2 (index->contact_person, sizeof (guint32) * MAX (n_contacts, 1));
  for (c = 0; c < n_contacts; c++)
    if (index->contact_flags[c] & ATTRIB_CONTACT_BY_NAME)
      view->contact_person[c] = ATTRIB_NONE;
  memset (&view->person_contacts, 0, sizeof view->person_contacts);
  memset (&view->person_events, 0, sizeof view->person_events);
  memset (&view->person_relations, 0, sizeof view->person_relations);
  memset (&view->person_companions, 0, sizeof view->person_companions);
  _attrib_ledger_build_person_contacts (view, n_contacts);
  build_person_events (self, view);
  build_person_companions (self, view);
  return view;
}

/* The index as a profile sees it: with @mask_names false, the view in
 * which no name decided a mask. The view is built when first asked for;
 * on a frozen ledger shared between threads, two threads asking at once
 * may both build it, and the first to publish it wins (as a profile's
 * digest). */
const AttribLedgerIndex *
_attrib_ledger_ensure_index_for (AttribLedger *self,
                                 gboolean      mask_names)
{
  AttribLedgerIndex *index = &self->index;
  AttribLedgerIndex *view;

  _attrib_ledger_ensure_index (self);
  if (mask_names || index->n_by_name == 0)
    return index;
  view = g_atomic_pointer_get (&self->without_names);
  if (view == NULL)
    {
      view = build_without_names (self, index);
      if (!g_atomic_pointer_compare_and_exchange (&self->without_names, NULL, view))
        {
          without_names_free (view);
          view = g_atomic_pointer_get (&self->without_names);
        }
    }
  return view;
}
