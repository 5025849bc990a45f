/* attrib-watch.c: the verdicts that changed since you last asked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-claim-private.h"
#include "attrib-engine-private.h"
#include "attrib-ledger-private.h"
#include "attrib-settle-private.h"
#include "attrib-util-private.h"

/**
 * AttribWatch:
 *
 * The change feed of a ledger that keeps taking events: which deals'
 * verdicts changed — shares, status, decisive clauses, trace or
 * fingerprint — since the watch was last updated.
 *
 * A watch keeps the verdict of every deal and what each verdict read: the
 * events of which persons (their own, as companions, their relations), of
 * which parties, deals and units, which contacts it resolved to persons,
 * the departures. [method@Attrib.Watch.update] asks again only the verdicts that
 * read what the events added since touched, and returns those that came
 * out different. The feed is pulled, not signalled: the application asks
 * when it is ready (after a batch of additions, from the thread that
 * serves it), and the answer never depends on which thread added what.
 *
 * When an addition made the ledger rebuild its indexes — a new customer,
 * an identity link, a relation, a deal stage, an event dated before the
 * latest ([The live desk](live.html)) — persons may have been merged or
 * renumbered: the watch names what each verdict read so that the name
 * survives (a person by its smallest contact, a deal or party by its id)
 * and keeps a digest of it, and the next update asks again the verdicts
 * whose reads no longer digest the same.
 *
 * Whatever the additions, after an update every verdict the watch holds
 * equals byte for byte the one [method@Attrib.Engine.attribute_deal] gives
 * on the same events. A watch may be shared between threads: its calls
 * are serialised, and the ledger may meanwhile take events from others.
 */

/* What a verdict read, named so that it means the same after the ledger
 * rebuilt its indexes (persons renumbered, deals and units re-slotted):
 * tag << 32 | a contact of the person (its smallest), a party's or deal's
 * or unit's string id, a contact. With it, a digest of what was there. */
typedef struct
{
  guint64 digest;
  guint update;              /* the update that worked the digest out */
  guint n;                   /* how many read it */
  gpointer few[2];           /* those, while there are two at most */
  GHashTable *many;          /* or all of them (a set) */
} Read;

/* Who read something: a deal, by the id the verdicts table owns (a
 * pointer, even), or a customer, by name (odd). */
#define DEAL_READER(deal)     ((gpointer) (deal))
#define CUSTOMER_READER(name) GSIZE_TO_POINTER (((gsize) (name) << 1) | 1)
#define IS_CUSTOMER(reader)   ((GPOINTER_TO_SIZE (reader) & 1) != 0)
#define READER_NAME(reader)   ((guint32) (GPOINTER_TO_SIZE (reader) >> 1))

/* A customer's claims and reports, as the watch last worked them out. A
 * customer is named by the smallest of their contacts (contact ids never
 * change); where customers merge, the name of the one they became. */
typedef struct
{
  GArray *keys;              /* the stable keys their working-out read */
  GPtrArray *claims;         /* AttribClaim, by _attrib_claim_order */
  GArray *reports;           /* guint32: the events of their reports */
  GPtrArray *bonuses;        /* or NULL: the lines of their visit bonuses */
} Customer;

/* A claim that started, changed or ended: on the customer named @name
 * (NONE: nobody now), the person @person of the update's index. */
typedef struct
{
  guint32 name;
  guint32 person;
  AttribClaim *before;
  AttribClaim *after;
} ClaimChange;

static void
claim_change_clear (gpointer data)
{
  ClaimChange *change = data;

  g_clear_pointer (&change->before, attrib_claim_unref);
  g_clear_pointer (&change->after, attrib_claim_unref);
}

/* A report's acceptance. */
typedef struct
{
  gboolean accepted;
  char *reason;
} Decision;

struct _AttribWatch
{
  GObject parent_instance;

  AttribEngine *engine;
  AttribLedger *ledger;

  GRWLock lock;              /* one update or look-up at a time (taken
                              * as a writer: a GRWLock, not a GMutex, so
                              * that ThreadSanitizer sees it) */
  GHashTable *verdicts;      /* deal id → AttribVerdict (owns the ids) */
  GHashTable *reads;         /* deal id → GArray of guint64, the stable
                              * keys it read, sorted, each once */
  GHashTable *readers;       /* stable key (gint64, boxed) → Read */
  GHashTable *volatile_;     /* deal ids that read something absent (a
                              * deal or unit not in the ledger): asked
                              * again after every rebuild */
  gboolean started;
  guint generation;          /* the ledger's index build last seen */
  guint touched;             /* how much of ledger->touched was seen */
  guint position;            /* the number of events last seen */
  guint n_decided;           /* verdicts the last update asked */
  guint n_updates;           /* counts the updates, from 1 */

  GHashTable *customers;     /* name + 1 → Customer */
  GHashTable *volatile_customers; /* names whose working-out read
                              * something absent */
  GHashTable *decisions;     /* report event + 1 → Decision */
  GArray *claim_changes;     /* ClaimChange, of the last update: made
                              * into AttribClaimChange when asked for, so
                              * that a first update (every claim started)
                              * makes no object per customer */
  GArray *report_changes;    /* guint32 report events, of the last update */
  gboolean every_claim;      /* the last update was the first: every
                              * claim started (not listed in
                              * claim_changes, so that the next update
                              * has no list of them to drop) */

  AttribCalculator *calculator; /* or NULL: no lines */
  gboolean lines_started;    /* the lines held are every deal's, every
                              * customer's and the fines */
  guint n_plans;             /* the calculator's plans they were worked
                              * out with */
  GHashTable *deal_lines;    /* deal (the verdicts table's key) → GPtrArray */
  GHashTable *deal_groups;   /* deal (likewise) → GPtrArray of the tier
                              * groups it is in ("plan\tperiod") */
  GHashTable *groups;        /* tier group → set of deals (likewise) */
  GPtrArray *fines;          /* the fines' lines */
  GError *lines_error;       /* why the last update has no lines */
  GPtrArray *added_lines;    /* of the last update */
  GPtrArray *removed_lines;
};

enum {
  PROP_0,
  PROP_ENGINE,
  PROP_LEDGER,
  PROP_CALCULATOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttribWatch, attrib_watch, G_TYPE_OBJECT)

static void
attrib_watch_finalize (GObject *object)
{
  AttribWatch *self = ATTRIB_WATCH (object);

  g_clear_pointer (&self->added_lines, g_ptr_array_unref);
  g_clear_pointer (&self->removed_lines, g_ptr_array_unref);
  g_clear_error (&self->lines_error);
  g_clear_pointer (&self->fines, g_ptr_array_unref);
  g_clear_pointer (&self->groups, g_hash_table_unref);
  g_clear_pointer (&self->deal_groups, g_hash_table_unref);
  g_clear_pointer (&self->deal_lines, g_hash_table_unref);
  g_clear_object (&self->calculator);
  g_clear_pointer (&self->claim_changes, g_array_unref);
  g_clear_pointer (&self->report_changes, g_array_unref);
  g_clear_pointer (&self->decisions, g_hash_table_unref);
  g_clear_pointer (&self->volatile_customers, g_hash_table_unref);
  g_clear_pointer (&self->customers, g_hash_table_unref);
  g_clear_pointer (&self->readers, g_hash_table_unref);
  g_clear_pointer (&self->volatile_, g_hash_table_unref);
  g_clear_pointer (&self->reads, g_hash_table_unref);
  g_clear_pointer (&self->verdicts, g_hash_table_unref);
  g_rw_lock_clear (&self->lock);
  g_clear_object (&self->engine);
  g_clear_object (&self->ledger);
  G_OBJECT_CLASS (attrib_watch_parent_class)->finalize (object);
}

static void
attrib_watch_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AttribWatch *self = ATTRIB_WATCH (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_CALCULATOR:
      g_value_set_object (value, self->calculator);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_watch_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  AttribWatch *self = ATTRIB_WATCH (object);

  switch (prop_id)
    {
    case PROP_ENGINE:
      self->engine = g_value_dup_object (value);
      break;
    case PROP_LEDGER:
      self->ledger = g_value_dup_object (value);
      break;
    case PROP_CALCULATOR:
      self->calculator = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_watch_class_init (AttribWatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attrib_watch_finalize;
  object_class->get_property = attrib_watch_get_property;
  object_class->set_property = attrib_watch_set_property;

  /**
   * AttribWatch:engine:
   *
   * The engine whose verdicts the watch keeps.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, ATTRIB_TYPE_ENGINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AttribWatch:ledger:
   *
   * The ledger the watch follows.
   */
  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, ATTRIB_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * AttribWatch:calculator:
   *
   * The calculator whose commission lines the watch keeps, or %NULL for
   * none. It works under the engine's profile (the same object).
   */
  properties[PROP_CALCULATOR] =
    g_param_spec_object ("calculator", NULL, NULL, ATTRIB_TYPE_CALCULATOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _attrib_bind_textdomain ();
}

static void
read_free (gpointer data)
{
  Read *read = data;

  g_clear_pointer (&read->many, g_hash_table_unref);
  g_free (read);
}

static void
customer_free (gpointer data)
{
  Customer *customer = data;

  g_array_unref (customer->keys);
  g_ptr_array_unref (customer->claims);
  g_array_unref (customer->reports);
  g_clear_pointer (&customer->bonuses, g_ptr_array_unref);
  g_free (customer);
}

static void
decision_free (gpointer data)
{
  Decision *decision = data;

  g_free (decision->reason);
  g_free (decision);
}

static void
attrib_watch_init (AttribWatch *self)
{
  self->verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) attrib_verdict_unref);
  self->reads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  self->readers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, read_free);
  self->volatile_ = g_hash_table_new (g_str_hash, g_str_equal);
  self->customers = g_hash_table_new_full (NULL, NULL, NULL, customer_free);
  self->volatile_customers = g_hash_table_new (NULL, NULL);
  self->decisions = g_hash_table_new_full (NULL, NULL, NULL, decision_free);
  self->claim_changes = g_array_new (FALSE, FALSE, sizeof (ClaimChange));
  g_array_set_clear_func (self->claim_changes, claim_change_clear);
  self->report_changes = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->deal_lines = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->deal_groups = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  self->fines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  self->added_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  self->removed_lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  g_rw_lock_init (&self->lock);
}

/**
 * attrib_watch_new:
 * @engine: the engine whose verdicts to keep
 * @ledger: the ledger to follow
 *
 * Creates a watch. It holds no verdict until the first
 * [method@Attrib.Watch.update], which returns every deal's.
 *
 * Returns: (transfer full): a new watch
 */
AttribWatch *
attrib_watch_new (AttribEngine *engine,
                  AttribLedger *ledger)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  return g_object_new (ATTRIB_TYPE_WATCH, "engine", engine, "ledger", ledger, NULL);
}

/**
 * attrib_watch_new_with_calculator:
 * @engine: the engine whose verdicts to keep
 * @calculator: the calculator whose commission lines to keep, under the
 *   engine's profile
 * @ledger: the ledger to follow
 *
 * Creates a watch that also keeps the commission lines @calculator gives
 * on the ledger ([method@Attrib.Watch.get_lines]) and says at each update
 * which lines were added and which taken back. @calculator must work
 * under the engine's profile object ([property@Attrib.Calculator:profile]):
 * otherwise every update fails with an error that says so.
 *
 * Returns: (transfer full): a new watch
 */
AttribWatch *
attrib_watch_new_with_calculator (AttribEngine     *engine,
                                  AttribCalculator *calculator,
                                  AttribLedger     *ledger)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (engine), NULL);
  g_return_val_if_fail (ATTRIB_IS_CALCULATOR (calculator), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  return g_object_new (ATTRIB_TYPE_WATCH, "engine", engine, "calculator", calculator, "ledger", ledger, NULL);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME  G_GUINT64_CONSTANT (1099511628211)

static guint64
mix (guint64 h,
     guint32 v)
{
  guint i;

  for (i = 0; i < 4; i++, v >>= 8)
    h = (h ^ (v & 0xff)) * FNV_PRIME;
  return h;
}

static guint64
mix_list (guint64        h,
          const guint32 *items,
          guint32        n)
{
  guint32 i;

  h = mix (h, n);
  for (i = 0; i < n; i++)
    h = mix (h, items[i]);
  return h;
}

/* A person's name that survives a rebuild: its smallest contact (contact
 * ids never change), NONE for none. */
static guint32
person_name (const AttribLedgerIndex *index,
             guint32                  person)
{
  const guint32 *contacts;
  guint32 n, i, least = ATTRIB_NONE;

  if (person == ATTRIB_NONE || person == ATTRIB_AMBIGUOUS)
    return ATTRIB_NONE;
  _attrib_csr_get (&index->person_contacts, person, &contacts, &n);
  for (i = 0; i < n; i++)
    least = MIN (least, contacts[i]);
  return least;
}

/* The stable key of what a run read as (@tag, @key) in @index; FALSE for
 * something absent (no stable name: a deal or unit slot of NONE). */
static gboolean
stable_key (const AttribLedgerIndex *index,
            guint32                  tag,
            guint32                  key,
            guint64                 *out)
{
  guint32 name;

  switch (tag)
    {
    case ATTRIB_READ_PERSON_EVENTS:
    case ATTRIB_READ_PERSON_COMPANIONS:
    case ATTRIB_READ_PERSON_RELATIONS:
      name = person_name (index, key);
      break;
    case ATTRIB_READ_DEAL:
      name = key < index->deal_events.n_keys ? index->deal_ids[key] : ATTRIB_NONE;
      break;
    case ATTRIB_READ_UNIT:
      name = key < index->unit_deals.n_keys ? index->unit_ids[key] : ATTRIB_NONE;
      break;
    case ATTRIB_READ_PARTY:
    case ATTRIB_READ_CONTACT:
    case ATTRIB_READ_DEPARTURES:
      name = key;
      break;
    default:
      g_assert_not_reached ();
    }
  if (name == ATTRIB_NONE)
    return FALSE;
  *out = ATTRIB_READ (tag, name);
  return TRUE;
}

/* What the thing a stable key names holds in @index, digested: the events
 * of a person's list, of a party's or a deal's, the deals of a unit, the
 * person a contact is, the departures. A person's lists begin with the
 * person's name, so that a contact now the smallest of another person
 * digests differently. */
static guint64
digest (AttribLedger            *ledger,
        const AttribLedgerIndex *index,
        guint64                  stable)
{
  guint32 tag = stable >> 32, name = (guint32) stable, person, slot, i;
  const guint32 *items = NULL;
  guint32 n = 0;
  guint64 h = mix (FNV_OFFSET, tag);

  switch (tag)
    {
    case ATTRIB_READ_PERSON_EVENTS:
    case ATTRIB_READ_PERSON_COMPANIONS:
    case ATTRIB_READ_PERSON_RELATIONS:
      person = name < index->n_contacts ? index->contact_person[name] : ATTRIB_NONE;
      h = mix (h, person_name (index, person));
      if (person != ATTRIB_NONE && person != ATTRIB_AMBIGUOUS)
        _attrib_csr_get (tag == ATTRIB_READ_PERSON_EVENTS ? &index->person_events
                         : tag == ATTRIB_READ_PERSON_COMPANIONS ? &index->person_companions
                         : &index->person_relations, person, &items, &n);
      return mix_list (h, items, n);
    case ATTRIB_READ_PARTY:
      slot = name < index->party_slot_len ? index->party_slot[name] : ATTRIB_NONE;
      if (slot != ATTRIB_NONE)
        _attrib_csr_get (&index->party_events, slot, &items, &n);
      return mix_list (h, items, n);
    case ATTRIB_READ_DEAL:
      slot = _attrib_ledger_find_deal (ledger, _attrib_ledger_str (ledger, name));
      if (slot != ATTRIB_NONE)
        _attrib_csr_get (&index->deal_events, slot, &items, &n);
      return mix_list (h, items, n);
    case ATTRIB_READ_UNIT:
      slot = _attrib_ledger_find_unit (index, name);
      if (slot != ATTRIB_NONE)
        _attrib_csr_get (&index->unit_deals, slot, &items, &n);
      /* deal slots move with a rebuild: their ids do not */
      h = mix (h, n);
      for (i = 0; i < n; i++)
        h = mix (h, index->deal_ids[items[i]]);
      return h;
    case ATTRIB_READ_CONTACT:
      person = name < index->n_contacts ? index->contact_person[name] : ATTRIB_NONE;
      return mix (h, person_name (index, person));
    case ATTRIB_READ_DEPARTURES:
      return mix_list (h, index->departures, index->n_departures);
    default:
      g_assert_not_reached ();
    }
}

static void
read_add (Read     *read,
          gpointer  reader)
{
  guint i;

  if (read->many != NULL)
    {
      if (g_hash_table_add (read->many, reader))
        read->n++;
      return;
    }
  for (i = 0; i < read->n; i++)
    if (read->few[i] == reader)
      return;
  if (read->n < G_N_ELEMENTS (read->few))
    {
      read->few[read->n++] = reader;
      return;
    }
  read->many = g_hash_table_new (NULL, NULL);
  for (i = 0; i < read->n; i++)
    g_hash_table_add (read->many, read->few[i]);
  g_hash_table_add (read->many, reader);
  read->n++;
}

static void
read_remove (Read     *read,
             gpointer  reader)
{
  guint i;

  if (read->many != NULL)
    {
      if (g_hash_table_remove (read->many, reader))
        read->n--;
      return;
    }
  for (i = 0; i < read->n; i++)
    if (read->few[i] == reader)
      {
        read->few[i] = read->few[--read->n];
        return;
      }
}

/* @keys are no longer read by @reader */
static void
unread (AttribWatch *self,
        GArray      *keys,
        gpointer     reader)
{
  guint i;

  for (i = 0; keys != NULL && i < keys->len; i++)
    {
      gint64 key = (gint64) g_array_index (keys, guint64, i);
      Read *read = g_hash_table_lookup (self->readers, &key);

      if (read == NULL)
        continue;
      read_remove (read, reader);
      if (read->n == 0)
        g_hash_table_remove (self->readers, &key);
    }
}

/* @deal no longer reads what it read */
static void
forget_reads (AttribWatch *self,
              const char  *deal)
{
  unread (self, g_hash_table_lookup (self->reads, deal), DEAL_READER (deal));
  g_hash_table_remove (self->reads, deal);
  g_hash_table_remove (self->volatile_, deal);
}

/* What a run read (@raw) in @index, by stable key, sorted, each once;
 * @out_volatile set if it read something absent. */
static GArray *
stable_reads (const AttribLedgerIndex *index,
              GArray                  *raw,
              gboolean                *out_volatile)
{
  GArray *keys = g_array_sized_new (FALSE, FALSE, sizeof (guint64), raw->len);
  guint i, n = 0;

  *out_volatile = FALSE;
  for (i = 0; i < raw->len; i++)
    {
      guint64 r = g_array_index (raw, guint64, i), stable;

      if (stable_key (index, r >> 32, (guint32) r, &stable))
        g_array_append_val (keys, stable);
      else
        *out_volatile = TRUE;
    }
  g_array_sort (keys, compare_keys);
  for (i = 0; i < keys->len; i++)
    if (n == 0 || g_array_index (keys, guint64, n - 1) != g_array_index (keys, guint64, i))
      g_array_index (keys, guint64, n++) = g_array_index (keys, guint64, i);
  g_array_set_size (keys, n);
  return keys;
}

/* @keys are read by @reader: each noted with what is there now */
static void
attach_reads (AttribWatch             *self,
              const AttribLedgerIndex *index,
              GArray                  *keys,
              gpointer                 reader)
{
  guint i;

  for (i = 0; i < keys->len; i++)
    {
      gint64 key = (gint64) g_array_index (keys, guint64, i);
      Read *read = g_hash_table_lookup (self->readers, &key);

      if (read == NULL)
        {
          read = g_new0 (Read, 1);
          g_hash_table_insert (self->readers, g_memdup2 (&key, sizeof key), read);
        }
      /* every verdict asked in an update sees the same ledger: a thing
       * many verdicts read (a buyer with many deals) is digested once */
      if (read->update != self->n_updates)
        {
          read->digest = digest (self->ledger, index, (guint64) key);
          read->update = self->n_updates;
        }
      read_add (read, reader);
    }
}

/* @deal (the key the verdicts table owns) read @raw in @index */
static void
note_reads (AttribWatch             *self,
            const AttribLedgerIndex *index,
            const char              *deal,
            GArray                  *raw)
{
  gboolean absent;
  GArray *keys = stable_reads (index, raw, &absent);

  if (absent)
    g_hash_table_add (self->volatile_, (gpointer) deal);
  attach_reads (self, index, keys, DEAL_READER (deal));
  g_hash_table_insert (self->reads, (gpointer) deal, keys);
}

/* A run of the watch's engine on its ledger that notes in @raw what it
 * reads: through @seen, a copy of the index whose lists note each look-up
 * (the lists are the ledger's). Parties, contacts and departures are
 * noted where they are read (run->reads). */
static void
logging_index (AttribLedgerIndex       *seen,
               const AttribLedgerIndex *index,
               GArray                  *raw)
{
  AttribCsr *lists[] = { &seen->person_events, &seen->person_companions, &seen->person_relations,
                         &seen->deal_events, &seen->unit_deals };
  const guint32 tags[] = { ATTRIB_READ_PERSON_EVENTS, ATTRIB_READ_PERSON_COMPANIONS, ATTRIB_READ_PERSON_RELATIONS,
                           ATTRIB_READ_DEAL, ATTRIB_READ_UNIT };
  guint i;

  *seen = *index;
  for (i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      lists[i]->reads = raw;
      lists[i]->read_tag = tags[i];
    }
}

static void
watch_run_init (AttribWatch       *self,
                AttribRun         *run,
                AttribLedgerIndex *seen,
                GArray            *raw)
{
  _attrib_run_init (run, attrib_engine_get_profile (self->engine), self->ledger);
  logging_index (seen, run->whole, raw);
  run->index = run->whole = seen;
  run->reads = raw;
}

/* The verdict on the deal in @slot, noting in @raw what it read. */
static AttribVerdict *
decide (AttribWatch *self,
        guint32      slot,
        GArray      *raw)
{
  AttribLedgerIndex seen;
  AttribVerdict *verdict;
  AttribRun run;

  watch_run_init (self, &run, &seen, raw);
  verdict = _attrib_run_decide_deal (&run, slot);
  _attrib_run_clear (&run);
  return verdict;
}

static int
order_claims (gconstpointer a,
              gconstpointer b)
{
  return _attrib_claim_order (*(AttribClaim * const *) a, *(AttribClaim * const *) b);
}

/* The claims of @person and the acceptance of their reports, as
 * attrib_engine_get_claims() at the end of time and
 * attrib_engine_check_report() give them, noting in @raw what was read.
 * The decisions land in @decisions, one per report. */
static Customer *
work_out_customer (AttribWatch *self,
                   guint32      person,
                   GArray      *raw,
                   GPtrArray   *decisions)
{
  Customer *customer = g_new0 (Customer, 1);
  const AttribPersonClaims *pc;
  g_autoptr(GArray) accepted = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  AttribLedgerIndex seen;
  AttribRun run;
  guint i;

  watch_run_init (self, &run, &seen, raw);
  customer->claims = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_claim_unref);
  customer->reports = g_array_new (FALSE, FALSE, sizeof (guint32));
  pc = _attrib_run_claims (&run, person);
  for (i = 0; i < pc->claims->len; i++)
    g_ptr_array_add (customer->claims,
                     _attrib_run_public_claim (&run, &g_array_index (pc->claims, AttribClaimRec, i), ATTRIB_TIME_MAX));
  for (i = 0; i < pc->rejected->len; i++)
    g_ptr_array_add (customer->claims, _attrib_run_public_rejection (&run, &g_array_index (pc->rejected, AttribAttempt, i)));
  g_ptr_array_sort (customer->claims, order_claims);

  /* every report of theirs at once: in time proportional to their
   * events, however many times they were reported */
  accepted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  reasons = g_ptr_array_new ();
  _attrib_run_report_decisions (&run, person, customer->reports, accepted, reasons);
  for (i = 0; i < customer->reports->len; i++)
    {
      Decision *decision = g_new0 (Decision, 1);

      decision->accepted = g_array_index (accepted, gboolean, i);
      decision->reason = g_ptr_array_index (reasons, i);
      g_ptr_array_add (decisions, decision);
    }
  _attrib_run_clear (&run);
  return customer;
}

/* A report's acceptance is @accepted, @reason (taken): noted as a change
 * where it differs from the one held. */
static void
note_decision (AttribWatch *self,
               guint32      e,
               gboolean     accepted,
               char        *reason)
{
  Decision *held = g_hash_table_lookup (self->decisions, GUINT_TO_POINTER (e + 1));

  if (held != NULL && held->accepted == accepted && g_strcmp0 (held->reason, reason) == 0)
    {
      g_free (reason);
      return;
    }
  if (held == NULL)
    {
      held = g_new0 (Decision, 1);
      g_hash_table_insert (self->decisions, GUINT_TO_POINTER (e + 1), held);
    }
  g_free (held->reason);
  held->accepted = accepted;
  held->reason = reason;
  g_array_append_val (self->report_changes, e);
}

/* The reports among the events @from to @to whose customer is nobody (a
 * masked phone or a name that fits several): rejected, as
 * attrib_engine_check_report() says. */
static void
decide_unresolved (AttribWatch             *self,
                   const AttribLedgerIndex *index,
                   guint32                  from,
                   guint32                  to)
{
  AttribRun run;
  guint32 e;

  _attrib_run_init (&run, attrib_engine_get_profile (self->engine), self->ledger);
  for (e = from; e < to; e++)
    {
      const AttribRecord *rec = &self->ledger->records[e];
      gboolean accepted;
      char *reason = NULL;

      if (rec->type != ATTRIB_EVENT_TYPE_REPORT || rec->contact == ATTRIB_NONE ||
          index->contact_person[rec->contact] != ATTRIB_NONE)
        continue;
      accepted = _attrib_run_report_decision (&run, e, &reason);
      note_decision (self, e, accepted, reason);
    }
  _attrib_run_clear (&run);
}

/* The key that follows a claim from one working-out to the next: its
 * event, its holder, and which of the claims alike in these it is (in
 * @counts, by _attrib_claim_order). A confirmation that gave a claim and
 * now is rejected (or the other way) keeps its key: it changed. */
static char *
claim_key (AttribClaim *claim,
           GHashTable  *counts)
{
  g_autofree char *base = g_strdup_printf ("%s\x1f%s", attrib_claim_get_event (claim),
                                           attrib_claim_get_holder (claim) != NULL ? attrib_claim_get_holder (claim) : "");
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, base));
  char *key = g_strdup_printf ("%s\x1f%u", base, n);

  g_hash_table_insert (counts, g_steal_pointer (&base), GUINT_TO_POINTER (n + 1));
  return key;
}

static void
add_change (AttribWatch             *self,
            const AttribLedgerIndex *index,
            guint32                  person,
            AttribClaim             *before,
            AttribClaim             *after)
{
  ClaimChange change;

  if (self->every_claim)
    return;
  change.name = person_name (index, person);
  change.person = person;
  change.before = before != NULL ? attrib_claim_ref (before) : NULL;
  change.after = after != NULL ? attrib_claim_ref (after) : NULL;

  g_array_append_val (self->claim_changes, change);
}

/* The claims on the person @person of @index (NONE: on nobody now) were
 * @before (by _attrib_claim_order; %NULL for none) and are @after (the
 * same order; %NULL for none): notes the claims that started, changed or
 * ended */
static void
note_claims (AttribWatch             *self,
             const AttribLedgerIndex *index,
             guint32                  person,
             GPtrArray               *before,
             GPtrArray               *after)
{
  g_autoptr(GHashTable) was = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) kept = NULL;
  guint i, n_before = before != NULL ? before->len : 0, n_after = after != NULL ? after->len : 0;

  /* most often nothing changed, or there was nothing */
  for (i = 0; i < n_before && n_before == n_after; i++)
    if (!_attrib_claim_equal (g_ptr_array_index (before, i), g_ptr_array_index (after, i)))
      break;
  if (n_before == n_after && i == n_before)
    return;
  if (n_before == 0)
    {
      for (i = 0; i < n_after; i++)
        add_change (self, index, person, NULL, g_ptr_array_index (after, i));
      return;
    }

  was = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kept = g_hash_table_new (NULL, NULL);
  for (i = 0; before != NULL && i < before->len; i++)
    g_hash_table_insert (was, claim_key (g_ptr_array_index (before, i), counts), g_ptr_array_index (before, i));
  g_hash_table_remove_all (counts);
  for (i = 0; after != NULL && i < after->len; i++)
    {
      AttribClaim *now = g_ptr_array_index (after, i);
      g_autofree char *key = claim_key (now, counts);
      AttribClaim *then = g_hash_table_lookup (was, key);

      if (then != NULL)
        g_hash_table_add (kept, then);
      if (then == NULL || !_attrib_claim_equal (then, now))
        add_change (self, index, person, then, now);
    }
  /* what the record no longer gives, in the order it was listed */
  for (i = 0; before != NULL && i < before->len; i++)
    if (!g_hash_table_contains (kept, g_ptr_array_index (before, i)))
      add_change (self, index, person, g_ptr_array_index (before, i), NULL);
}

/* The lines of an update: one computation of the calculator that reads
 * through a copy of the index noting what it reads in @scratch. */
typedef struct
{
  Calc calc;
  AttribLedgerIndex seen;
  GArray *scratch;
  GError *error;
  gboolean all;              /* every deal's lines, every customer's and
                              * the fines, worked out again */
  gboolean bonuses;          /* a plan pays visit bonuses */
} Lines;

static char *
line_text (AttribCommissionLine *line)
{
  g_autoptr(GString) text = g_string_new (NULL);

  _attrib_commission_line_append_canonical (line, text);
  g_string_append_printf (text, "\x1f%s\x1f%s", line->period, line->explanation != NULL ? line->explanation : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A thing's lines were @before (%NULL: none) and are @after (%NULL:
 * none): the lines taken back and added (as a multiset: lines alike
 * pair off) */
static void
note_lines (AttribWatch *self,
            GPtrArray   *before,
            GPtrArray   *after)
{
  g_autoptr(GHashTable) was = NULL;
  guint i;

  if (before == NULL || before->len == 0)
    {
      for (i = 0; after != NULL && i < after->len; i++)
        g_ptr_array_add (self->added_lines, attrib_commission_line_ref (g_ptr_array_index (after, i)));
      return;
    }
  /* text → how many of the lines before read so */
  was = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (i = 0; i < before->len; i++)
    {
      char *text = line_text (g_ptr_array_index (before, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (was, text));

      g_hash_table_insert (was, text, GUINT_TO_POINTER (n + 1));
    }
  for (i = 0; after != NULL && i < after->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (after, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (was, text));

      if (n > 0)
        g_hash_table_insert (was, g_steal_pointer (&text), GUINT_TO_POINTER (n - 1));
      else
        g_ptr_array_add (self->added_lines, attrib_commission_line_ref (g_ptr_array_index (after, i)));
    }
  for (i = 0; i < before->len; i++)
    {
      g_autofree char *text = line_text (g_ptr_array_index (before, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (was, text));

      if (n > 0)
        {
          g_ptr_array_add (self->removed_lines, attrib_commission_line_ref (g_ptr_array_index (before, i)));
          g_hash_table_insert (was, g_steal_pointer (&text), GUINT_TO_POINTER (n - 1));
        }
    }
}

/* The lines the computation made since it had @from of them, taken out
 * of it. */
static GPtrArray *
take_lines (Lines *lines,
            guint  from)
{
  GPtrArray *all = lines->calc.lines;
  GPtrArray *taken = g_ptr_array_new_full (all->len - from, (GDestroyNotify) attrib_commission_line_unref);
  guint i;

  for (i = from; i < all->len; i++)
    g_ptr_array_add (taken, attrib_commission_line_ref (g_ptr_array_index (all, i)));
  g_ptr_array_set_size (all, from);
  return taken;
}

/* Appends what the computation read since it was last emptied to @raw
 * (%NULL: forgets it). */
static void
move_reads (Lines  *lines,
            GArray *raw)
{
  if (raw != NULL)
    g_array_append_vals (raw, lines->scratch->data, lines->scratch->len);
  g_array_set_size (lines->scratch, 0);
}

/* The visit bonus lines of @person, noting what they read in @raw. */
static GPtrArray *
person_bonuses (Lines   *lines,
                guint32  person,
                GArray  *raw)
{
  guint from = lines->calc.lines->len;

  g_array_set_size (lines->scratch, 0);
  _attrib_settle_person_bonus_lines (&lines->calc, person);
  move_reads (lines, raw);
  return take_lines (lines, from);
}

/* Takes the customer named @name out of the watch: its claims join
 * @before, its bonus lines @bonuses, it reads nothing more. FALSE if
 * there was none. */
static gboolean
take_customer (AttribWatch *self,
               guint32      name,
               GPtrArray   *before,
               GPtrArray   *bonuses)
{
  gpointer value;
  Customer *customer;
  guint i;

  if (!g_hash_table_steal_extended (self->customers, GUINT_TO_POINTER (name + 1), NULL, &value))
    return FALSE;
  customer = value;
  for (i = 0; i < customer->claims->len; i++)
    g_ptr_array_add (before, attrib_claim_ref (g_ptr_array_index (customer->claims, i)));
  for (i = 0; customer->bonuses != NULL && i < customer->bonuses->len; i++)
    g_ptr_array_add (bonuses, attrib_commission_line_ref (g_ptr_array_index (customer->bonuses, i)));
  unread (self, customer->keys, CUSTOMER_READER (name));
  g_hash_table_remove (self->volatile_customers, GUINT_TO_POINTER (name + 1));
  customer_free (customer);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Works out again the customers named in @redo (name + 1), and the
 * persons in @persons (new ones), noting which claims, reports'
 * acceptance and (with @lines) visit bonus lines changed. */
static void
redo_customers (AttribWatch             *self,
                const AttribLedgerIndex *index,
                GHashTable              *redo,
                GArray                  *persons,
                Lines                   *lines)
{
  g_autoptr(GHashTable) before = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) before_bonuses = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) queued = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_claim_unref);
  g_autoptr(GPtrArray) orphan_bonuses = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (guint32));
  GHashTableIter iter;
  gpointer key;
  guint i, k;

  for (i = 0; i < persons->len; i++)
    g_hash_table_add (queued, GUINT_TO_POINTER (g_array_index (persons, guint32, i) + 1));
  g_hash_table_iter_init (&iter, redo);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint32 name = GPOINTER_TO_UINT (key) - 1;

      g_array_append_val (names, name);
    }
  g_array_sort (names, compare_names);

  /* the customers as they were: each is (part of) a person now, or
   * nobody (a mask that fits several since) */
  for (i = 0; i < names->len; i++)
    {
      guint32 name = g_array_index (names, guint32, i);
      guint32 person = name < index->n_contacts ? index->contact_person[name] : ATTRIB_NONE;
      GPtrArray *was, *was_bonuses;

      if (person == ATTRIB_NONE || person == ATTRIB_AMBIGUOUS)
        {
          take_customer (self, name, orphans, orphan_bonuses);
          continue;
        }
      was = g_hash_table_lookup (before, GUINT_TO_POINTER (person + 1));
      was_bonuses = g_hash_table_lookup (before_bonuses, GUINT_TO_POINTER (person + 1));
      if (was == NULL)
        {
          was = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_claim_unref);
          g_hash_table_insert (before, GUINT_TO_POINTER (person + 1), was);
          was_bonuses = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
          g_hash_table_insert (before_bonuses, GUINT_TO_POINTER (person + 1), was_bonuses);
        }
      take_customer (self, name, was, was_bonuses);
      if (g_hash_table_add (queued, GUINT_TO_POINTER (person + 1)))
        g_array_append_val (persons, person);
    }

  for (i = 0; i < persons->len; i++)
    {
      guint32 person = g_array_index (persons, guint32, i);
      guint32 name = person_name (index, person);
      g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_autoptr(GPtrArray) decisions = g_ptr_array_new ();
      GPtrArray *was = g_hash_table_lookup (before, GUINT_TO_POINTER (person + 1));
      GPtrArray *was_bonuses = g_hash_table_lookup (before_bonuses, GUINT_TO_POINTER (person + 1));
      gboolean absent;
      Customer *now;

      if (was == NULL)
        {
          was = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_claim_unref);
          g_hash_table_insert (before, GUINT_TO_POINTER (person + 1), was);
          was_bonuses = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
          g_hash_table_insert (before_bonuses, GUINT_TO_POINTER (person + 1), was_bonuses);
        }
      take_customer (self, name, was, was_bonuses);
      g_ptr_array_sort (was, order_claims);

      now = work_out_customer (self, person, raw, decisions);
      note_claims (self, index, person, was, now->claims);
      for (k = 0; k < decisions->len; k++)
        {
          Decision *decision = g_ptr_array_index (decisions, k);

          note_decision (self, g_array_index (now->reports, guint32, k), decision->accepted,
                         g_steal_pointer (&decision->reason));
          g_free (decision);
        }
      if (lines != NULL && lines->bonuses && lines->error == NULL)
        {
          now->bonuses = person_bonuses (lines, person, raw);
          note_lines (self, was_bonuses, now->bonuses);
        }
      else if (was_bonuses->len > 0)
        {
          /* not worked out (the calculator failed on another): kept as
           * they were until an update works them all out again */
          now->bonuses = g_ptr_array_ref (was_bonuses);
        }
      now->keys = stable_reads (index, raw, &absent);
      if (absent)
        g_hash_table_add (self->volatile_customers, GUINT_TO_POINTER (name + 1));
      attach_reads (self, index, now->keys, CUSTOMER_READER (name));
      g_hash_table_insert (self->customers, GUINT_TO_POINTER (name + 1), now);
    }

  /* claims on a customer who is nobody now */
  g_ptr_array_sort (orphans, order_claims);
  note_claims (self, index, ATTRIB_NONE, orphans, NULL);
  note_lines (self, orphan_bonuses, NULL);
}

static int
compare_slots (gconstpointer a,
               gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* Works out deal @slot's stages and timeline in the computation, once,
 * noting what it read in @raw (%NULL: forgets it), and queues in @todo
 * the tier groups it is in, as held and as it joins them now (its keys
 * in @computed). */
static void
timeline_of (AttribWatch *self,
             Lines       *lines,
             guint32      slot,
             GArray      *raw,
             GHashTable  *computed,
             GArray      *order,
             GPtrArray   *todo,
             GHashTable  *queued)
{
  const char *deal;
  gpointer key = NULL;
  GPtrArray *keys, *held;
  guint i;

  if (g_hash_table_contains (computed, GUINT_TO_POINTER (slot + 1)))
    return;
  keys = g_ptr_array_new_with_free_func (g_free);
  g_hash_table_insert (computed, GUINT_TO_POINTER (slot + 1), keys);
  g_array_append_val (order, slot);
  g_array_set_size (lines->scratch, 0);
  _attrib_calc_deal_info (&lines->calc, slot);
  _attrib_settle_deal_timeline (&lines->calc, slot);
  _attrib_calc_join_groups (&lines->calc, slot, keys);
  move_reads (lines, raw);

  deal = _attrib_ledger_str (self->ledger, lines->calc.index->deal_ids[slot]);
  g_hash_table_lookup_extended (self->verdicts, deal, &key, NULL);
  held = key != NULL ? g_hash_table_lookup (self->deal_groups, key) : NULL;
  for (i = 0; i < (held != NULL ? held->len : 0) + keys->len; i++)
    {
      const char *group = held != NULL && i < held->len ? g_ptr_array_index (held, i)
                                                        : g_ptr_array_index (keys, i - (held != NULL ? held->len : 0));

      if (!g_hash_table_contains (queued, group))
        {
          char *copy = g_strdup (group);

          g_ptr_array_add (todo, copy);
          g_hash_table_add (queued, copy);
        }
    }
}

/* The lines of the deals in @slots (their reads, from their verdicts, in
 * @raws, which the lines' join), and of every deal that shares a tier
 * group with one of them, as held or as it is now: a deal's lines read
 * the other deals of its month's volume. FALSE if the calculator failed
 * (lines->error). */
static gboolean
lines_of_deals (AttribWatch *self,
                Lines       *lines,
                GArray      *slots,
                GPtrArray   *raws)
{
  Calc *calc = &lines->calc;
  g_autoptr(GHashTable) computed = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) raw_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) todo = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) queued = g_hash_table_new (g_str_hash, g_str_equal);
  guint i, t;

  for (i = 0; i < slots->len; i++)
    g_hash_table_insert (raw_of, GUINT_TO_POINTER (g_array_index (slots, guint32, i) + 1), g_ptr_array_index (raws, i));
  for (i = 0; i < slots->len && !calc->failed; i++)
    timeline_of (self, lines, g_array_index (slots, guint32, i), g_ptr_array_index (raws, i), computed, order, todo, queued);
  /* the other deals of their tier groups (and of those deals' groups) */
  for (t = 0; t < todo->len && !calc->failed; t++)
    {
      GHashTable *members = g_hash_table_lookup (self->groups, g_ptr_array_index (todo, t));
      g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (guint32));
      GHashTableIter iter;
      gpointer deal;

      if (members == NULL)
        continue;
      g_hash_table_iter_init (&iter, members);
      while (g_hash_table_iter_next (&iter, &deal, NULL))
        {
          guint32 slot = _attrib_ledger_find_deal (self->ledger, deal);

          if (slot != ATTRIB_NONE)
            g_array_append_val (others, slot);
        }
      g_array_sort (others, compare_slots);
      for (i = 0; i < others->len && !calc->failed; i++)
        timeline_of (self, lines, g_array_index (others, guint32, i), NULL, computed, order, todo, queued);
    }

  g_array_sort (order, compare_slots);
  for (i = 0; i < order->len && !calc->failed; i++)
    {
      guint32 slot = g_array_index (order, guint32, i);
      const char *deal = _attrib_ledger_str (self->ledger, calc->index->deal_ids[slot]);
      GPtrArray *keys = g_hash_table_lookup (computed, GUINT_TO_POINTER (slot + 1));
      GPtrArray *held, *now, *groups;
      gpointer key = NULL;
      guint from = calc->lines->len, j;

      g_array_set_size (lines->scratch, 0);
      _attrib_settle_deal_lines (calc, slot);
      move_reads (lines, g_hash_table_lookup (raw_of, GUINT_TO_POINTER (slot + 1)));
      now = take_lines (lines, from);
      g_hash_table_lookup_extended (self->verdicts, deal, &key, NULL);
      g_assert (key != NULL);
      note_lines (self, g_hash_table_lookup (self->deal_lines, key), now);
      g_hash_table_insert (self->deal_lines, key, now);

      /* the groups it is in now */
      held = g_hash_table_lookup (self->deal_groups, key);
      for (j = 0; held != NULL && j < held->len; j++)
        {
          GHashTable *members = g_hash_table_lookup (self->groups, g_ptr_array_index (held, j));

          if (members != NULL && g_hash_table_remove (members, key) && g_hash_table_size (members) == 0)
            g_hash_table_remove (self->groups, g_ptr_array_index (held, j));
        }
      groups = g_ptr_array_new_full (keys->len, g_free);
      for (j = 0; j < keys->len; j++)
        {
          GHashTable *members = g_hash_table_lookup (self->groups, g_ptr_array_index (keys, j));

          if (members == NULL)
            {
              members = g_hash_table_new (NULL, NULL);
              g_hash_table_insert (self->groups, g_strdup (g_ptr_array_index (keys, j)), members);
            }
          g_hash_table_add (members, key);
          g_ptr_array_add (groups, g_strdup (g_ptr_array_index (keys, j)));
        }
      if (groups->len > 0)
        g_hash_table_insert (self->deal_groups, key, groups);
      else
        {
          g_hash_table_remove (self->deal_groups, key);
          g_ptr_array_unref (groups);
        }
    }
  /* what the computation knew of them: freed here, so that ending it
   * costs nothing for the deals it did not touch */
  for (i = 0; i < order->len; i++)
    {
      DealInfo *info = &calc->deals[g_array_index (order, guint32, i)];
      guint j;

      for (j = 0; info->known != NULL && j < info->known->len; j++)
        g_clear_pointer (&g_array_index (info->known, Known, j).shares, attrib_verdict_unref);
      g_clear_pointer (&info->known, g_array_unref);
    }
  return !calc->failed;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return _attrib_commission_line_compare (*(AttribCommissionLine * const *) a, *(AttribCommissionLine * const *) b);
}

/* A line both in @added and in @removed (gathered over several updates)
 * leaves both. */
static void
cancel_lines (GPtrArray *added,
              GPtrArray *removed)
{
  g_autoptr(GHashTable) taken = NULL;
  g_autoptr(GHashTable) pairs = NULL;
  guint i, n;

  if (added->len == 0 || removed->len == 0)
    return;
  taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (i = 0; i < removed->len; i++)
    {
      char *text = line_text (g_ptr_array_index (removed, i));

      n = GPOINTER_TO_UINT (g_hash_table_lookup (taken, text));
      g_hash_table_insert (taken, text, GUINT_TO_POINTER (n + 1));
    }
  for (i = 0; i < added->len;)
    {
      g_autofree char *text = line_text (g_ptr_array_index (added, i));

      n = GPOINTER_TO_UINT (g_hash_table_lookup (taken, text));
      if (n == 0)
        {
          i++;
          continue;
        }
      g_hash_table_insert (taken, g_strdup (text), GUINT_TO_POINTER (n - 1));
      n = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, text));
      g_hash_table_insert (pairs, g_steal_pointer (&text), GUINT_TO_POINTER (n + 1));
      g_ptr_array_remove_index (added, i);
    }
  for (i = 0; i < removed->len;)
    {
      g_autofree char *text = line_text (g_ptr_array_index (removed, i));

      n = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, text));
      if (n == 0)
        {
          i++;
          continue;
        }
      g_hash_table_insert (pairs, g_steal_pointer (&text), GUINT_TO_POINTER (n - 1));
      g_ptr_array_remove_index (removed, i);
    }
}

/* Adds the deals of @deals not yet in @asked to @slots. */
static void
ask (AttribWatch *self,
     GHashTable  *deals,
     GHashTable  *asked,
     GArray      *slots)
{
  GHashTableIter iter;
  gpointer deal;

  g_hash_table_iter_init (&iter, deals);
  while (g_hash_table_iter_next (&iter, &deal, NULL))
    if (g_hash_table_add (asked, deal))
      {
        guint32 slot = _attrib_ledger_find_deal (self->ledger, deal);

        g_assert (slot != ATTRIB_NONE);
        g_array_append_val (slots, slot);
      }
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      data)
{
  const AttribLedgerIndex *index = data;
  guint32 x = index->position[*(const guint32 *) a], y = index->position[*(const guint32 *) b];

  return (x > y) - (x < y);
}

static void
ask_reader (AttribWatch *self,
            gpointer     reader,
            GHashTable  *asked,
            GArray      *slots,
            GHashTable  *redo)
{
  if (IS_CUSTOMER (reader))
    g_hash_table_add (redo, GUINT_TO_POINTER (READER_NAME (reader) + 1));
  else if (g_hash_table_add (asked, reader))
    {
      guint32 slot = _attrib_ledger_find_deal (self->ledger, reader);

      g_assert (slot != ATTRIB_NONE);
      g_array_append_val (slots, slot);
    }
}

/* Asks again what read @read: its deals join @slots (those not yet in
 * @asked), its customers @redo. */
static void
ask_read (AttribWatch *self,
          Read        *read,
          GHashTable  *asked,
          GArray      *slots,
          GHashTable  *redo)
{
  GHashTableIter iter;
  gpointer reader;
  guint i;

  if (read->many == NULL)
    {
      for (i = 0; i < read->n; i++)
        ask_reader (self, read->few[i], asked, slots, redo);
      return;
    }
  g_hash_table_iter_init (&iter, read->many);
  while (g_hash_table_iter_next (&iter, &reader, NULL))
    ask_reader (self, reader, asked, slots, redo);
}

static int
compare_changes (gconstpointer a,
                 gconstpointer b)
{
  const ClaimChange *x = a, *y = b;
  AttribClaim *cx = x->after != NULL ? x->after : x->before;
  AttribClaim *cy = y->after != NULL ? y->after : y->before;
  int c = _attrib_claim_compare (&cx, &cy);

  /* nobody (NONE) last */
  if (c == 0 && x->person != y->person)
    c = x->person < y->person ? -1 : 1;
  if (c == 0)
    c = _attrib_claim_order (cx, cy);
  if (c == 0)
    c = (x->after == NULL) - (y->after == NULL);
  return c;
}

/**
 * attrib_watch_update:
 * @self: a watch
 * @error: return location for a #GError
 *
 * Brings the watch up to the events the ledger holds now, and returns the
 * verdicts that changed since the last update: those of deals that are
 * new, and those whose JSON ([method@Attrib.Verdict.to_json]) differs from
 * the one the watch held. The first update returns every deal's verdict.
 *
 * Only the verdicts that read what changed are asked again
 * ([method@Attrib.Watch.get_n_decided] says how many): after events the
 * ledger's indexes grew by, those that read the lists the events joined;
 * after a rebuild, those that read a list, a person or departures that
 * are no longer what they were (each compared by a digest, in time
 * proportional to what the verdicts read), and the new deals.
 *
 * Returns: (transfer container) (element-type AttribVerdict) (nullable):
 *   the verdicts that changed, by deal id; %NULL with @error set if the
 *   engine cannot read the ledger (time zones that differ) or the watch's
 *   calculator works under another profile object than its engine
 */
GPtrArray *
attrib_watch_update (AttribWatch  *self,
                     GError      **error)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GHashTable) asked = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) redo = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GPtrArray) raws = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  const AttribLedgerIndex *index;
  GPtrArray *changed;
  Lines lines_state, *lines = NULL;
  gboolean rebuilt;
  guint32 slot, n_deals;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->engine == NULL || self->ledger == NULL)
    {
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                           _("The watch was made without its engine or ledger (attrib_watch_new)"));
      return NULL;
    }
  /* the watch's lock first, then the ledger's: never the other way */
  locker = g_rw_lock_writer_locker_new (&self->lock);
  hold = _attrib_ledger_read_lock (self->ledger);
  if (!_attrib_engine_check_ledger (self->engine, self->ledger, error))
    return NULL;
  index = _attrib_ledger_ensure_index_for (self->ledger, _attrib_profile_get_mask_names (attrib_engine_get_profile (self->engine)));
  n_deals = index->deal_events.n_keys;
  if (self->calculator != NULL)
    {
      if (attrib_calculator_get_profile (self->calculator) != attrib_engine_get_profile (self->engine))
        {
          g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                               _("The watch's calculator and engine work under different profiles: give them the same "
                                 "profile object"));
          return NULL;
        }
      lines = &lines_state;
      memset (lines, 0, sizeof *lines);
      lines->scratch = g_array_new (FALSE, FALSE, sizeof (guint64));
      logging_index (&lines->seen, index, lines->scratch);
      if (!_attrib_calc_begin (&lines->calc, self->calculator, self->ledger, &lines->seen, lines->scratch, &lines->error))
        {
          g_propagate_error (error, g_steal_pointer (&lines->error));
          _attrib_calc_end (&lines->calc);
          g_array_unref (lines->scratch);
          return NULL;
        }
      /* every deal's and customer's lines again when there are none yet,
       * or the plans changed */
      lines->all = !self->lines_started || self->calculator->plans->len != self->n_plans;
      lines->bonuses = _attrib_settle_any_visit_bonus (&lines->calc);
      /* from the first event (the batch begins with the first deal's
       * first stage: the months before it judge no deal) */
      _attrib_calc_month_ends (&lines->calc, self->ledger->n_records > 0 ? self->ledger->records[index->order[0]].at
                                                                         : ATTRIB_TIME_MAX);
    }
  rebuilt = !self->started || self->generation != self->ledger->generation;
  self->n_updates++;
  g_array_set_size (self->claim_changes, 0);
  self->every_claim = !self->started;
  g_array_set_size (self->report_changes, 0);
  /* after an update that found the calculator failing, the lines added
   * and taken back are gathered until one succeeds: from the lines the
   * application last had */
  if (self->lines_error == NULL)
    {
      g_ptr_array_set_size (self->added_lines, 0);
      g_ptr_array_set_size (self->removed_lines, 0);
    }

  if (!self->started)
    {
      for (slot = 0; slot < n_deals; slot++)
        g_array_append_val (slots, slot);
      for (slot = 0; slot < index->n_persons; slot++)
        g_array_append_val (persons, slot);
      decide_unresolved (self, index, 0, self->ledger->n_records);
    }
  else if (self->generation != self->ledger->generation)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* rebuilt: what is no longer what it was, and the new deals */
      g_hash_table_iter_init (&iter, self->readers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Read *read = value;
          guint64 now = digest (self->ledger, index, (guint64) *(gint64 *) key);

          if (read->digest != now)
            ask_read (self, read, asked, slots, redo);
          read->digest = now;
          read->update = self->n_updates;
        }
      ask (self, self->volatile_, asked, slots);
      g_hash_table_iter_init (&iter, self->volatile_customers);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (redo, key);
      /* the customers no one knew (new, or the one two became) */
      for (slot = 0; slot < index->n_persons; slot++)
        if (!g_hash_table_contains (self->customers, GUINT_TO_POINTER (person_name (index, slot) + 1)))
          g_array_append_val (persons, slot);
      decide_unresolved (self, index, 0, self->ledger->n_records);
      for (slot = 0; slot < n_deals; slot++)
        if (!g_hash_table_contains (self->verdicts, _attrib_ledger_str (self->ledger, index->deal_ids[slot])) &&
            g_hash_table_add (asked, (gpointer) _attrib_ledger_str (self->ledger, index->deal_ids[slot])))
          g_array_append_val (slots, slot);
    }
  else
    {
      GArray *touched = self->ledger->touched;

      /* grown: the lists the events joined */
      for (i = self->touched; i < touched->len; i++)
        {
          guint64 r = g_array_index (touched, guint64, i), stable;
          Read *read;

          if (!stable_key (index, r >> 32, (guint32) r, &stable))
            continue;
          read = g_hash_table_lookup (self->readers, &stable);
          if (read != NULL)
            ask_read (self, read, asked, slots, redo);
        }
      decide_unresolved (self, index, self->position, self->ledger->n_records);
    }
  if (lines != NULL && lines->all && self->started)
    {
      /* every verdict and customer, so that what their lines read is
       * noted with what they read */
      g_array_set_size (slots, 0);
      for (slot = 0; slot < n_deals; slot++)
        g_array_append_val (slots, slot);
      g_array_set_size (persons, 0);
      for (slot = 0; slot < index->n_persons; slot++)
        g_array_append_val (persons, slot);
    }
  redo_customers (self, index, redo, persons, lines);
  /* in the order of deal ids, whatever the hash tables' */
  g_array_sort (slots, compare_slots);

  changed = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_verdict_unref);
  for (i = 0; i < slots->len; i++)
    {
      g_autoptr(GArray) raw = g_array_new (FALSE, FALSE, sizeof (guint64));
      guint32 s = g_array_index (slots, guint32, i);
      const char *deal = _attrib_ledger_str (self->ledger, index->deal_ids[s]);
      AttribVerdict *verdict = decide (self, s, raw);
      AttribVerdict *before = NULL;
      char *key = NULL;

      if (g_hash_table_lookup_extended (self->verdicts, deal, (gpointer *) &key, (gpointer *) &before))
        forget_reads (self, key);
      if (before == NULL)
        g_ptr_array_add (changed, attrib_verdict_ref (verdict));
      else
        {
          g_autofree char *was = attrib_verdict_to_json (before);
          g_autofree char *now = attrib_verdict_to_json (verdict);

          if (strcmp (was, now) != 0)
            g_ptr_array_add (changed, attrib_verdict_ref (verdict));
        }
      if (key == NULL)
        key = g_strdup (deal);
      else
        {
          g_hash_table_steal (self->verdicts, key);
          attrib_verdict_unref (before);
        }
      g_hash_table_insert (self->verdicts, key, verdict);
      g_ptr_array_add (keys, key);
      g_ptr_array_add (raws, g_steal_pointer (&raw));
    }

  if (lines != NULL)
    {
      /* the deals' lines, then the fines (sanctions make the ledger
       * rebuild) */
      if (lines->error == NULL && self->calculator->plans->len > 0)
        lines_of_deals (self, lines, slots, raws);
      if (lines->error == NULL && (lines->all || rebuilt))
        {
          guint from = lines->calc.lines->len;
          g_autoptr(GPtrArray) fines = NULL;

          _attrib_settle_fine_lines (&lines->calc);
          fines = take_lines (lines, from);
          note_lines (self, self->fines, fines);
          g_ptr_array_set_size (self->fines, 0);
          g_ptr_array_extend_and_steal (self->fines, g_steal_pointer (&fines));
        }
      g_clear_error (&self->lines_error);
      if (lines->error != NULL)
        {
          /* none until an update works them all out again */
          self->lines_error = g_steal_pointer (&lines->error);
          self->lines_started = FALSE;
        }
      else
        {
          self->lines_started = TRUE;
          self->n_plans = self->calculator->plans->len;
          cancel_lines (self->added_lines, self->removed_lines);
          g_ptr_array_sort (self->added_lines, compare_lines);
          g_ptr_array_sort (self->removed_lines, compare_lines);
        }
      /* the deals' knowledge is freed (lines_of_deals): the array only */
      g_clear_pointer (&lines->calc.deals, g_free);
      _attrib_calc_end (&lines->calc);
      g_array_unref (lines->scratch);
    }
  for (i = 0; i < keys->len; i++)
    note_reads (self, index, g_ptr_array_index (keys, i), g_ptr_array_index (raws, i));

  /* the claims by start, the reports in the order of the ledger */
  g_array_sort (self->claim_changes, compare_changes);
  g_array_sort_with_data (self->report_changes, compare_positions, (gpointer) index);

  self->started = TRUE;
  self->generation = self->ledger->generation;
  self->touched = self->ledger->touched->len;
  self->position = self->ledger->n_records;
  self->n_decided = slots->len;
  return changed;
}

/**
 * attrib_watch_get_verdict:
 * @self: a watch
 * @deal: a deal id
 *
 * The verdict the watch holds for @deal: as of its last update.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL if the deal
 *   was not in the ledger at the last update
 */
AttribVerdict *
attrib_watch_get_verdict (AttribWatch *self,
                          const char  *deal)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  AttribVerdict *verdict;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  g_return_val_if_fail (deal != NULL, NULL);

  locker = g_rw_lock_writer_locker_new (&self->lock);
  verdict = g_hash_table_lookup (self->verdicts, deal);
  return verdict != NULL ? attrib_verdict_ref (verdict) : NULL;
}

/**
 * attrib_watch_get_position:
 * @self: a watch
 *
 * How many events the ledger held at the last update: the watch's
 * verdicts are those of the ledger at that position.
 *
 * Returns: the number of events at the last update, 0 before the first
 */
guint
attrib_watch_get_position (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), 0);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  return self->position;
}

/**
 * attrib_watch_get_n_decided:
 * @self: a watch
 *
 * How many verdicts the last update asked again: every deal's after a
 * rebuild of the ledger's indexes, otherwise only those that read what the
 * added events touched.
 *
 * Returns: the number of verdicts the last update worked out
 */
guint
attrib_watch_get_n_decided (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), 0);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  return self->n_decided;
}

/**
 * attrib_watch_get_changed_claims:
 * @self: a watch
 *
 * The claims the last [method@Attrib.Watch.update] found started, changed
 * or ended: each with the claim as it was and as it is, on which
 * customer. The first update finds every claim started.
 *
 * The watch keeps each customer's claims as [method@Attrib.Engine.get_claims]
 * gives them at the end of time (%ATTRIB_TIME_MAX), rejected
 * confirmations included: a claim's state says how it ends as the record
 * stands — %ATTRIB_CLAIM_STATE_EXPIRED for one that runs its course to
 * [method@Attrib.Claim.get_end], %ATTRIB_CLAIM_STATE_SUPERSEDED,
 * %ATTRIB_CLAIM_STATE_DEPARTED, %ATTRIB_CLAIM_STATE_ENDED or
 * %ATTRIB_CLAIM_STATE_RENEWED for one cut short or renewed, and
 * %ATTRIB_CLAIM_STATE_ACTIVE for one without end — so that a claim
 * changes when the events change it, not when time passes; judge it at
 * your clock by its start and end. Only the customers whose events (or
 * what their claims read: relations, companions, a party's day, the
 * departures) the additions touched are worked out again.
 *
 * Returns: (transfer container) (element-type AttribClaimChange): the
 *   changes, by the claims' start and event, then customer
 */
GPtrArray *
attrib_watch_get_changed_claims (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(AttribPerson) customer = NULL;
  g_autoptr(GArray) all = NULL;
  const AttribLedgerIndex *index;
  GPtrArray *changes;
  GArray *list;
  guint32 person = ATTRIB_NONE;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  changes = g_ptr_array_new_full (self->claim_changes->len, (GDestroyNotify) attrib_claim_change_unref);
  if (self->claim_changes->len == 0 && !self->every_claim)
    return changes;
  /* each customer as the ledger knows them now: the person their name
   * (a contact) is, which is the update's unless persons merged since */
  hold = _attrib_ledger_read_lock (self->ledger);
  index = _attrib_ledger_ensure_index_for (self->ledger, _attrib_profile_get_mask_names (attrib_engine_get_profile (self->engine)));
  if (self->every_claim)
    {
      GHashTableIter iter;
      gpointer key, value;

      /* the first update: every claim held started */
      all = g_array_new (FALSE, FALSE, sizeof (ClaimChange));
      g_array_set_clear_func (all, claim_change_clear);
      g_hash_table_iter_init (&iter, self->customers);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Customer *held = value;
          guint32 name = GPOINTER_TO_UINT (key) - 1;
          guint32 now = name < index->n_contacts ? index->contact_person[name] : ATTRIB_NONE;

          for (i = 0; i < held->claims->len; i++)
            {
              ClaimChange change = { name, now, NULL, attrib_claim_ref (g_ptr_array_index (held->claims, i)) };

              g_array_append_val (all, change);
            }
        }
      g_array_sort (all, compare_changes);
    }
  list = all != NULL ? all : self->claim_changes;
  for (i = 0; i < list->len; i++)
    {
      const ClaimChange *change = &g_array_index (list, ClaimChange, i);
      guint32 now = change->name < index->n_contacts ? index->contact_person[change->name] : ATTRIB_NONE;

      if (now == ATTRIB_AMBIGUOUS)
        now = ATTRIB_NONE;
      if (now != person)
        {
          g_clear_pointer (&customer, attrib_person_unref);
          person = now;
          if (person != ATTRIB_NONE)
            customer = _attrib_ledger_person_in (self->ledger, index, person);
        }
      g_ptr_array_add (changes, _attrib_claim_change_new (customer, change->before, change->after));
    }
  return changes;
}

/**
 * attrib_watch_get_changed_reports:
 * @self: a watch
 *
 * The reports whose acceptance the last [method@Attrib.Watch.update]
 * found new or different: a report just filed, and one an earlier report
 * imported late, a visit or a resolved mask now decides otherwise.
 * [method@Attrib.Watch.check_report] gives each one's acceptance.
 *
 * Returns: (transfer full) (array zero-terminated=1): the reports' ids, in
 *   the ledger's order of events
 */
char **
attrib_watch_get_changed_reports (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  guint i;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  /* the ids are the ledger's, which another thread may be adding to */
  if (self->report_changes->len > 0)
    hold = _attrib_ledger_read_lock (self->ledger);
  for (i = 0; i < self->report_changes->len; i++)
    g_strv_builder_add (ids, _attrib_ledger_event_id (self->ledger, g_array_index (self->report_changes, guint32, i)));
  return g_strv_builder_end (ids);
}

/**
 * attrib_watch_check_report:
 * @self: a watch
 * @report: the id of a report event
 * @out_accepted: (out): return location for whether the report was accepted
 * @out_reason: (out) (optional) (transfer full) (nullable): why it was
 *   rejected, %NULL if it was accepted
 * @error: return location for a #GError
 *
 * Whether a report was accepted, as the watch's last update found it: the
 * answer [method@Attrib.Engine.check_report] gives on the ledger at the
 * watch's position, without working it out again.
 *
 * Returns: %TRUE with the answer in @out_accepted, or %FALSE with @error
 *   set (%ATTRIB_ERROR_NOT_FOUND for a report the watch has not seen)
 */
gboolean
attrib_watch_check_report (AttribWatch  *self,
                           const char   *report,
                           gboolean     *out_accepted,
                           char        **out_reason,
                           GError      **error)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  Decision *decision = NULL;
  guint32 e;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (out_accepted != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_accepted = FALSE;
  if (out_reason != NULL)
    *out_reason = NULL;
  locker = g_rw_lock_writer_locker_new (&self->lock);
  if (self->ledger != NULL)
    {
      hold = _attrib_ledger_read_lock (self->ledger);
      e = _attrib_strpool_lookup (&self->ledger->ids, report, strlen (report));
      if (e != ATTRIB_NONE)
        decision = g_hash_table_lookup (self->decisions, GUINT_TO_POINTER (e + 1));
    }
  if (decision == NULL)
    {
      {
        g_autofree char *shown = _attrib_for_display (report);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND,
                     _("The watch has seen no report “%s” (at its last update)"), shown);
      }
      return FALSE;
    }
  *out_accepted = decision->accepted;
  if (out_reason != NULL)
    *out_reason = g_strdup (decision->reason);
  return TRUE;
}

/**
 * attrib_watch_get_lines:
 * @self: a watch
 * @error: return location for a #GError
 *
 * Every commission line the watch's calculator gives on the ledger at the
 * watch's last update, in canonical order: byte for byte what
 * [method@Attrib.Calculator.get_lines] gives on the same events, without
 * working the project out again.
 *
 * Returns: (transfer container) (element-type AttribCommissionLine)
 *   (nullable): the lines, or %NULL with @error set: a watch without a
 *   calculator ([ctor@Attrib.Watch.new_with_calculator]), or one whose
 *   last update found the calculator failing (a deal paid at a rate with
 *   no price, an amount that overflows), or lines of one party that add
 *   up to more than an amount can hold (checked here, over all the lines,
 *   as the calculator checks them: the added and taken back lines are
 *   given all the same)
 */
GPtrArray *
attrib_watch_get_lines (AttribWatch  *self,
                        GError      **error)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GArray) holders = g_array_new (FALSE, FALSE, sizeof (guint64));
  const AttribLedgerIndex *index;
  GHashTableIter iter;
  gpointer key, value;
  Calc calc;
  guint32 slot, person;
  guint i, k;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = g_rw_lock_writer_locker_new (&self->lock);
  if (self->calculator == NULL)
    {
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                           _("The watch keeps no commission lines: make it with attrib_watch_new_with_calculator()"));
      return NULL;
    }
  if (self->lines_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->lines_error));
      return NULL;
    }
  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  if (!self->lines_started)
    return g_steal_pointer (&lines);

  /* as the calculator lists them before sorting: the deals', the fines,
   * the customers' bonuses, each in its order */
  hold = _attrib_ledger_read_lock (self->ledger);
  index = _attrib_ledger_ensure_index_for (self->ledger, _attrib_profile_get_mask_names (attrib_engine_get_profile (self->engine)));
  for (slot = 0; slot < index->deal_events.n_keys; slot++)
    {
      gpointer deal = NULL;
      GPtrArray *held;

      g_hash_table_lookup_extended (self->verdicts, _attrib_ledger_str (self->ledger, index->deal_ids[slot]), &deal, NULL);
      held = deal != NULL ? g_hash_table_lookup (self->deal_lines, deal) : NULL;
      for (i = 0; held != NULL && i < held->len; i++)
        g_ptr_array_add (lines, attrib_commission_line_ref (g_ptr_array_index (held, i)));
    }
  for (i = 0; i < self->fines->len; i++)
    g_ptr_array_add (lines, attrib_commission_line_ref (g_ptr_array_index (self->fines, i)));
  /* every customer held, in the order of persons (the ledger's now: the
   * same as at the update unless it rebuilt since) */
  g_hash_table_iter_init (&iter, self->customers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Customer *customer = value;
      guint32 name = GPOINTER_TO_UINT (key) - 1;
      guint64 order;

      if (customer->bonuses == NULL || customer->bonuses->len == 0)
        continue;
      person = name < index->n_contacts ? index->contact_person[name] : ATTRIB_NONE;
      order = (guint64) person << 32 | name;
      g_array_append_val (holders, order);
    }
  g_array_sort (holders, compare_keys);
  for (k = 0; k < holders->len; k++)
    {
      guint32 name = (guint32) g_array_index (holders, guint64, k);
      Customer *customer = g_hash_table_lookup (self->customers, GUINT_TO_POINTER (name + 1));

      for (i = 0; i < customer->bonuses->len; i++)
        g_ptr_array_add (lines, attrib_commission_line_ref (g_ptr_array_index (customer->bonuses, i)));
    }
  g_ptr_array_sort (lines, compare_lines);

  /* what a statement adds up must fit, as the calculator checks */
  memset (&calc, 0, sizeof calc);
  calc.error = error;
  _attrib_calc_check_party_totals (&calc, lines);
  if (calc.failed)
    return NULL;
  return g_steal_pointer (&lines);
}

static GPtrArray *
copy_lines (GPtrArray *lines)
{
  GPtrArray *copy = g_ptr_array_new_full (lines->len, (GDestroyNotify) attrib_commission_line_unref);
  guint i;

  for (i = 0; i < lines->len; i++)
    g_ptr_array_add (copy, attrib_commission_line_ref (g_ptr_array_index (lines, i)));
  return copy;
}

/**
 * attrib_watch_get_added_lines:
 * @self: a watch
 *
 * The commission lines the last [method@Attrib.Watch.update] added: due
 * to the events it brought in, or because those events changed what was
 * due before (a line that changed is taken back and added anew). Together
 * with [method@Attrib.Watch.get_removed_lines], what turns the lines held
 * before into [method@Attrib.Watch.get_lines]. Only the lines of the deals
 * and customers whose reads the events touched, and of the deals that
 * share a tier's monthly volume with them, are worked out again.
 *
 * Returns: (transfer container) (element-type AttribCommissionLine): the
 *   lines added, in canonical order (time, deal, party, stage, kind; lines
 *   alike in these in no promised order); none without a calculator
 */
GPtrArray *
attrib_watch_get_added_lines (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  if (self->lines_error != NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  return copy_lines (self->added_lines);
}

/**
 * attrib_watch_get_removed_lines:
 * @self: a watch
 *
 * The commission lines the last [method@Attrib.Watch.update] took back:
 * lines held before that the ledger no longer gives.
 *
 * Returns: (transfer container) (element-type AttribCommissionLine): the
 *   lines taken back, in canonical order (as
 *   [method@Attrib.Watch.get_added_lines]); none without a calculator
 */
GPtrArray *
attrib_watch_get_removed_lines (AttribWatch *self)
{
  g_autoptr(GRWLockWriterLocker) locker = NULL;

  g_return_val_if_fail (ATTRIB_IS_WATCH (self), NULL);
  locker = g_rw_lock_writer_locker_new (&self->lock);
  if (self->lines_error != NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_commission_line_unref);
  return copy_lines (self->removed_lines);
}
