/* attrib-ledger-private.h: the ledger's compact layout
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Layout (docs/architecture.md):
 * - every event is one 32-byte AttribRecord in insertion order; strings
 *   are interned (AttribStrPool) and fields referring to persons hold a
 *   contact id (a distinct name+phone pair as written);
 * - fields only some types have live in per-type side tables, reached by
 *   AttribRecord.extra; variable-length lists (agents, companions, shares,
 *   roster members, sanctioned parties) are slices of flat arrays;
 * - the event id pool holds event ids only, so an event's id has the
 *   event's index as its string id: lookup by id is one hash probe;
 * - the indexes (canonical order, persons, per-person, per-party and
 *   per-deal lists) are built in one pass when first needed after a change
 *   (attrib-ledger-index.c) and kept as CSR arrays of event indices.
 */

#pragma once

#include <attrib/attrib.h>

#include "attrib-event-private.h"
#include "attrib-strpool-private.h"
#include "attrib-util-private.h"

G_BEGIN_DECLS

typedef struct
{
  AttribTime at;
  guint32 contact;           /* customer / purchaser / a, or ATTRIB_NONE */
  guint32 party;             /* party, against, interaction's by, the
                              * representative of a relation (strings); a
                              * visit's first agent in ledger->agents */
  union                      /* one field, named for each type */
  {
    guint32 n_agents;        /* a visit: its agents, in ledger->agents
                              * from party */
    guint32 counterpart;     /* a relation or identity link: the other
                              * person (a contact), NONE for a relation
                              * to a party */
    guint32 deal;            /* a deal stage, ruling or sanction: the
                              * deal id (a string), or NONE */
  };
  guint32 extra;             /* index into the type's side table, or
                              * ATTRIB_NONE when the event needs none */
  gint32 seq;                /* explicit tie order */
  guint8 type;               /* AttribEventType */
  guint8 kind;               /* the type's stage or kind enum */
  guint16 flags;             /* ATTRIB_RECORD_* */
} AttribRecord;

G_STATIC_ASSERT (sizeof (AttribRecord) == 32);

enum {
  ATTRIB_RECORD_HAS_NOTE     = 1 << 0,
  ATTRIB_RECORD_VERIFIED     = 1 << 1,
  ATTRIB_RECORD_HAS_SEQ      = 1 << 2,
  /* bits 4-5: product / purpose; bits 6-7: recognised */
};
#define ATTRIB_RECORD_SUB_SHIFT 4
#define ATTRIB_RECORD_RECOGNISED_SHIFT 6

typedef struct
{
  guint32 name;              /* strings, or ATTRIB_NONE */
  guint32 phone;             /* strings: 11 digits or a mask, or ATTRIB_NONE */
} AttribContactRec;

typedef struct
{
  AttribTime expected_visit; /* ATTRIB_TIME_MIN: not given */
  AttribTime evidence_at;
  guint32 via;
  guint32 activity;
} AttribReportExtra;

typedef struct
{
  guint32 party;
  gint32 rank;
} AttribAgentRec;

typedef struct
{
  guint32 contact;
  guint32 relation;          /* AttribRelationKind */
} AttribCompanionRec;

typedef struct
{
  guint32 party;
  guint32 reason;            /* AttribSkipReason */
} AttribSkipRec;

/* Only for visits with more than agents: a plain visit with its agents
 * fits in the record. */
typedef struct
{
  guint32 companions;        /* first in ledger->companions */
  guint32 n_companions;
  guint32 received_by;
  guint32 received_with;
  guint32 skipped;           /* first in ledger->skips */
  guint32 n_skipped;
  guint32 designated;
  guint32 appointment;
  guint32 token;
  guint32 referred_by;       /* contact */
  guint32 recognised_original;
} AttribVisitExtra;

typedef struct
{
  gint64 price;              /* valid if has_price */
  guint32 unit;
  guint32 closed_by;
  guint32 helped_by;
  guint32 has_price;
} AttribDealExtra;

typedef struct
{
  gint64 fine;
  guint32 parties;           /* first in ledger->refs */
  guint32 n_parties;
  guint32 has_fine;
  guint32 padding;
} AttribSanctionExtra;

typedef struct
{
  gint64 numerator;
  gint64 denominator;
  guint32 party;
  guint32 kind;              /* AttribShareKind */
} AttribShareRec;

typedef struct
{
  guint32 shares;            /* first in ledger->shares */
  guint32 n_shares;
  guint32 authority;
  guint32 reason;
} AttribRulingExtra;

typedef struct
{
  guint32 group;
  guint32 consultant;
} AttribMemberRec;

typedef struct
{
  AttribTime filed_at;
  gint32 date;
  guint32 members;           /* first in ledger->members */
  guint32 n_members;
  guint32 padding;
} AttribRosterExtra;

/* The first event after a cut that a reader of cut lists was denied:
 * what it read can only change there. */
typedef struct
{
  AttribTime at;             /* ATTRIB_TIME_MAX: none */
  guint32 position;          /* canonical, among events at that time */
  guint32 event;
} AttribCutNext;

/* One list per key, as compressed sparse rows: the items of key k are
 * items[offsets[k] .. offsets[k+1]).
 *
 * A list of events in canonical order may be cut at a time: with
 * cut_records set, a list ends at its last event dated at or before
 * cut_at, and the first event it leaves out is noted in *cut_next when
 * it comes before the one there. The index's own lists are never cut; a
 * run that judges a deal as of a date cuts its copy of them
 * (_attrib_run_restart), so that nothing after the date is seen. */
typedef struct
{
  guint32 *offsets;
  guint32 *items;
  guint32 n_keys;
  /* Lists grown since the build, as a ledger taking events grows them
   * (_attrib_ledger_index_append): list k is then items[offsets[k] ..
   * ends[k]), with room up to limits[k]; a list that has no more room
   * moves to the end of items with twice its length. NULL until a list
   * first grows, so that a ledger built at once pays nothing. */
  guint32 *ends;
  guint32 *limits;
  guint32 n_items;           /* items used, moved lists' old places included */
  guint32 n_alloc;
  guint32 n_moved;           /* items left behind by lists that moved */
  /* With reads set, every look-up is noted there as read_tag << 32 | key
   * (an AttribWatch's runs: what a verdict depended on) */
  GArray *reads;
  guint32 read_tag;
  const AttribRecord *cut_records;
  const guint32 *cut_position;
  AttribCutNext *cut_next;
  AttribTime cut_at;
} AttribCsr;

enum {
  /* the contact's masked phone fits several persons and its name picked
   * one (catalog §11, masked phones with a name) */
  ATTRIB_CONTACT_BY_NAME = 1 << 0,
};

typedef struct _AttribLedgerIndex AttribLedgerIndex;
typedef struct _AttribMaskGroups AttribMaskGroups;

#define ATTRIB_MASK_SHAPES (11 * 11)

struct _AttribLedgerIndex
{
  gboolean valid;

  guint32 *order;            /* event indices in canonical order */
  guint32 *position;         /* event index → its place in order */
  guint32 n_alloc;           /* room in order and position */
  gboolean appended;         /* events were appended since the build */
  guint32 n_contacts;        /* the contacts the persons were worked out from */

  guint32 n_persons;         /* phone persons, then name-only, then mask-only */
  guint32 n_phone_persons;
  guint32 n_name_persons;
  guint32 *extra_keys;       /* name or mask string of each non-phone person */
  guint32 *contact_person;   /* contact → person, ATTRIB_NONE if ambiguous */
  guint8 *contact_flags;     /* contact → ATTRIB_CONTACT_* */
  guint32 n_by_name;         /* contacts resolved by their name */
  AttribCsr person_names;    /* phone person → names seen with its full
                              * phones (string ids), each list sorted … */
  guint32 *person_initials;  /* … and at the same offsets their first
                              * characters (code points), sorted apart */
  AttribCsr person_contacts; /* person → contacts, by name then phone */
  AttribCsr person_events;   /* person → events, canonical order */
  AttribCsr person_relations;/* person → relation events */
  AttribCsr person_companions;/* person → visits they came along on */
  guint32 *name_ids;         /* names (string ids, ascending) … */
  AttribCsr name_persons;    /* … → the persons of that exact name */

  guint32 *phones_by_prefix; /* distinct full phones (string ids), sorted */
  guint64 *prefix_values;    /* … their numeric values, ascending */
  guint32 *phone_person;     /* parallel to phones_by_prefix */
  guint32 n_phones;
  guint64 mask_steps;        /* the build's work on masked contacts: look-ups,
                              * and persons looked at one by one */

  guint32 *party_slot;       /* string id → slot in party_events, or NONE */
  guint32 party_slot_len;
  AttribCsr party_events;

  guint32 *deal_ids;         /* sorted by string, parallel to deal_events */
  AttribCsr deal_events;     /* stages, rulings and sanctions of a deal */

  guint32 *departures;       /* departure events by party, then canonical
                              * order (few) */
  guint32 n_departures;
  guint32 *rosters;          /* roster events, canonical order */
  guint32 n_rosters;

  guint32 *unit_ids;         /* units named by deals (string ids, ascending) … */
  AttribCsr unit_deals;      /* … → the slots of the deals on that unit */

};

struct _AttribLedger
{
  GObject parent_instance;

  GTimeZone *tz;
  char *tz_identifier;
  gint frozen;               /* read and set atomically */
  /* Serialises a ledger that is not frozen (docs/live.md): the writer
   * (adding events, loading files, freezing) holds it exclusively, every
   * public reader shared for the whole of its call, and the indexes are
   * rebuilt under the writer's side. A frozen ledger never changes and is
   * read without it. */
  GRWLock lock;
  GMutex turnstile;          /* a waiting writer stops new readers here */
  GBytes *phone_key;         /* full phones are stored hashed, or NULL */
  char *owner;               /* the store that alone adds events, or NULL */

  AttribStrPool ids;
  AttribStrPool strings;

  AttribRecord *records;
  guint32 n_records;
  guint32 n_alloc;

  GArray *contacts;          /* AttribContactRec */
  guint32 *contact_table;    /* open addressing: contact + 1 */
  guint32 contact_table_mask;

  GArray *reports;           /* AttribReportExtra */
  GArray *visits;            /* AttribVisitExtra */
  GArray *deals;             /* AttribDealExtra */
  GArray *sanctions;         /* AttribSanctionExtra */
  GArray *rulings;           /* AttribRulingExtra */
  GArray *rosters;           /* AttribRosterExtra */
  GArray *agents;            /* AttribAgentRec */
  GArray *companions;        /* AttribCompanionRec */
  GArray *shares;            /* AttribShareRec */
  GArray *members;           /* AttribMemberRec */
  GArray *skips;             /* AttribSkipRec */
  GArray *refs;              /* guint32 strings */
  GArray *notes;             /* (event, string) pairs, by event */

  AttribLedgerIndex index;
  /* The same persons when names do not decide masks (a profile with
   * `mask_names` false): a copy of the index sharing every array but
   * contact_person and the persons' lists, in which the contacts resolved
   * by name are ambiguous. Built on first use, only if some contact was
   * resolved by name; read and published atomically. Kept apart from the
   * index, which the view copies, so that the copy never reads a pointer
   * another thread may be publishing. */
  AttribLedgerIndex *without_names;
  /* Of the index too, kept apart for the same reason: per shape of mask
   * (visible first digits · 11 + visible last digits), the full phones
   * grouped by the digits such a mask shows, built when a mask of that
   * shape is first resolved and published atomically
   * (attrib-ledger-persons.c). */
  AttribMaskGroups *mask_groups[ATTRIB_MASK_SHAPES];

  /* string id of a party → 1 + the string id of its channel ("ch" of
   * "ch/agent"), NONE for none, 0 while not worked out: kept across
   * rebuilds, cleared on rollback */
  guint32 *channels;
  guint32 n_channels;

  /* Counts the index builds, and lists (ATTRIB_READ) what the events
   * added since the last build touched: an AttribWatch asks again only
   * the verdicts that read it */
  guint generation;
  GArray *touched;
};

/* attrib-ledger.c: a public reader's hold on a ledger, for the whole of
 * its call, with the indexes built:
 *
 *   g_autoptr(AttribLedgerReadLock) hold = _attrib_ledger_read_lock (ledger);
 *
 * NULL (nothing to release) on a frozen ledger. Holds nest: a hold on a
 * ledger the thread holds already only counts, so a public reader may
 * call another. */
typedef AttribLedger AttribLedgerReadLock;
AttribLedgerReadLock *_attrib_ledger_read_lock   (AttribLedger         *self);
void                  _attrib_ledger_read_unlock (AttribLedgerReadLock *hold);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribLedgerReadLock, _attrib_ledger_read_unlock)

/* The writer's hold: exclusive, for one event or a whole file, so that no
 * reader sees part of either. */
typedef AttribLedger AttribLedgerWriteLock;
AttribLedgerWriteLock *_attrib_ledger_write_lock   (AttribLedger          *self);
void                   _attrib_ledger_write_unlock (AttribLedgerWriteLock *hold);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttribLedgerWriteLock, _attrib_ledger_write_unlock)

void _attrib_ledger_writer_reads_begin (AttribLedger *self);
void _attrib_ledger_writer_reads_end   (AttribLedger *self);

/* Where a ledger stood, to undo a file that failed half-way. */
typedef struct
{
  guint32 n_records;
  guint32 n_ids;
  guint32 n_strings;
  guint32 n_contacts;
  guint lens[14];
} AttribLedgerMark;

/* attrib-ledger.c */
void         _attrib_ledger_mark           (AttribLedger     *self,
                                            AttribLedgerMark *mark);
void         _attrib_ledger_rollback       (AttribLedger     *self,
                                            const AttribLedgerMark *mark);
void         _attrib_ledger_set_owner      (AttribLedger     *self,
                                            const char       *store);
gboolean     _attrib_ledger_check_owner    (AttribLedger     *self,
                                            GError          **error);
gboolean     _attrib_ledger_add_event_full (AttribLedger   *self,
                                            AttribEvent    *event,
                                            AttribField    *out_field,
                                            guint          *out_item,
                                            GError        **error);
AttribEvent *_attrib_ledger_materialize    (AttribLedger   *self,
                                            guint32         index);
const char  *_attrib_ledger_get_note       (AttribLedger   *self,
                                            guint32         index);
gboolean     _attrib_validate_party        (const char     *party,
                                            GError        **error);

static inline const char *
_attrib_ledger_event_id (AttribLedger *self,
                         guint32       index)
{
  return _attrib_strpool_get (&self->ids, index);
}

/* attrib-ledger.c: @text normalised into @out as the ledger stores it
 * (hashed under the ledger's phone key, if it has one). */
gboolean     _attrib_ledger_normalize_phone (AttribLedger *self,
                                             const char   *text,
                                             char          out[ATTRIB_PHONE_BUFFER],
                                             gboolean     *out_masked,
                                             GError      **error);

/* attrib-ledger-index.c */
void         _attrib_ledger_index_clear    (AttribLedger      *self);
void         _attrib_ledger_forget_touched (AttribLedger      *self);
gboolean     _attrib_ledger_index_append   (AttribLedger      *self,
                                            guint32            e);
void         _attrib_ledger_index_make_growable (AttribLedger *self);
gboolean     _attrib_ledger_index_pack  (AttribLedger *self);
const AttribLedgerIndex *_attrib_ledger_ensure_index (AttribLedger *self);
const AttribLedgerIndex *_attrib_ledger_ensure_index_for (AttribLedger *self,
                                            gboolean        mask_names);
AttribPerson *_attrib_ledger_person_in     (AttribLedger            *self,
                                            const AttribLedgerIndex *index,
                                            guint32                  person);
void         _attrib_sort_unique           (GArray         *array);
void         _attrib_mask_groups_free      (AttribMaskGroups *groups);
guint32      _attrib_ledger_match_contact  (AttribLedger   *self,
                                            const char     *name,
                                            const char     *phone,
                                            gboolean        mask_names,
                                            guint32         limit,
                                            GArray         *out_persons);
guint32      _attrib_ledger_find_deal      (AttribLedger   *self,
                                            const char     *deal);
guint32      _attrib_ledger_find_unit      (const AttribLedgerIndex *index,
                                            guint32         unit);
void         _attrib_csr_clear             (AttribCsr      *csr);

static inline void
_attrib_csr_get (const AttribCsr *csr,
                 guint32          key,
                 const guint32  **out_items,
                 guint32         *out_n)
{
  if (G_UNLIKELY (csr->reads != NULL))
    {
      guint64 v = ((guint64) csr->read_tag << 32) | key;

      g_array_append_val (csr->reads, v);
    }
  if (key >= csr->n_keys)
    {
      *out_items = NULL;
      *out_n = 0;
      return;
    }
  *out_items = csr->items + csr->offsets[key];
  *out_n = (G_UNLIKELY (csr->ends != NULL) ? csr->ends[key] : csr->offsets[key + 1]) - csr->offsets[key];
  if (G_UNLIKELY (csr->cut_records != NULL))
    {
      guint32 lo = 0, hi = *out_n;

      /* canonical order is time order: the events up to the cut are a prefix */
      while (lo < hi)
        {
          guint32 mid = lo + (hi - lo) / 2;

          if (csr->cut_records[(*out_items)[mid]].at <= csr->cut_at)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo < *out_n)
        {
          guint32 e = (*out_items)[lo];
          AttribCutNext *next = csr->cut_next;

          if (csr->cut_records[e].at < next->at ||
              (csr->cut_records[e].at == next->at && csr->cut_position[e] < next->position))
            {
              next->at = csr->cut_records[e].at;
              next->position = csr->cut_position[e];
              next->event = e;
            }
        }
      *out_n = lo;
    }
}

/* attrib-ledger-index.c and attrib-ledger-persons.c */
#define ATTRIB_AMBIGUOUS (ATTRIB_NONE - 1)   /* a contact several persons fit */

/* What a verdict read, and what an addition touched, as tag << 32 | key.
 * An event added last touches the first three only
 * (_attrib_ledger_index_append). */
typedef enum
{
  ATTRIB_READ_PERSON_EVENTS = 1,     /* key: person */
  ATTRIB_READ_PERSON_COMPANIONS = 2, /* key: person */
  ATTRIB_READ_PARTY = 3,             /* key: the party's string id */
  ATTRIB_READ_PERSON_RELATIONS = 4,  /* key: person */
  ATTRIB_READ_DEAL = 5,              /* key: the deal's slot */
  ATTRIB_READ_UNIT = 6,              /* key: the unit's index (unit_ids) */
  ATTRIB_READ_CONTACT = 7,           /* key: a contact, resolved to a person */
  ATTRIB_READ_DEPARTURES = 8,        /* key: 0, the departures of all parties */
} AttribReadTag;

#define ATTRIB_READ(tag, key) (((guint64) (tag) << 32) | (guint32) (key))

static inline void
_attrib_read_log (GArray  *reads,
                  guint32  tag,
                  guint32  key)
{
  guint64 v = ATTRIB_READ (tag, key);

  g_array_append_val (reads, v);
}

/* A CSR built in two passes: count, then fill. */
typedef struct
{
  guint32 *counts;
  guint32 n_keys;
} CsrBuilder;

static inline void
_attrib_csr_builder_put (CsrBuilder *b,
                         AttribCsr  *csr,
                         guint32     key,
                         guint32     item)
{
  csr->items[b->counts[key]++] = item;
}

void
_attrib_csr_builder_init (CsrBuilder *b,
                                 guint32     n_keys);

void
_attrib_csr_builder_finish_counts (CsrBuilder *b,
                                          AttribCsr  *csr);

void
_attrib_csr_builder_clear (CsrBuilder *b);

void
_attrib_ledger_sort_string_ids (const AttribStrPool *pool,
                                GArray              *ids);

void
_attrib_ledger_build_person_contacts (AttribLedgerIndex *index,
                                      guint32            n_contacts);

void
_attrib_ledger_build_persons (AttribLedger      *self,
                              AttribLedgerIndex *index);

/* attrib-ledger.c, attrib-ledger-validate.c and attrib-ledger-events.c:
 * an event being added, between its validation and its commit */
typedef struct
{
  AttribLedger *ledger;
  AttribEvent *event;
  AttribField field;
  guint item;
  GError **error;
  AttribStrPoolPlace id_place;   /* where the new id goes in the id pool */
} Check;

/* The normalised phones of one event, kept between validation and commit;
 * "" where a person has no phone. */
typedef struct
{
  char customer[ATTRIB_PHONE_BUFFER];
  char counterpart[ATTRIB_PHONE_BUFFER];
  char referred_by[ATTRIB_PHONE_BUFFER];
  GPtrArray *companions;     /* char *, NULL for no phone */
} Phones;

gboolean
_attrib_ledger_fail (Check      *check,
                     AttribField field,
                     guint       item,
                     int         code,
                     const char *format,
                     ...) G_GNUC_PRINTF (5, 6);

void
_attrib_ledger_phones_clear (Phones *phones);

const char *
_attrib_ledger_phone_or_null (const char *phone);

gboolean
_attrib_ledger_validate (AttribLedger *self,
                         Check        *check,
                         Phones       *phones);

const char *
_attrib_ledger_str (AttribLedger *self,
                    guint32       id);

G_END_DECLS
