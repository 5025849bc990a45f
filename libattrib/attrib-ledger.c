/* attrib-ledger.c: the events of a project, indexed for the rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-ledger-private.h"
#include "attrib-person-private.h"
#include "attrib-fraction-private.h"
#include "attrib-util-private.h"

/**
 * AttribLedger:
 *
 * The events of one project: reports, visits, CRM records, relations,
 * identity links, deal stages, complaints, sanctions, rulings, departures
 * and rosters, and the persons they are about.
 *
 * Add events with [method@Attrib.Ledger.add_event] or from the `events`
 * array of a scenario file with [method@Attrib.Ledger.load_file]. Every
 * event is checked when added; a bad one is rejected with an
 * %ATTRIB_ERROR naming the event id and the field, and the ledger stays as
 * it was.
 *
 * Queries see the events in the *canonical order* of the rules catalog:
 * by time, then by explicit sequence (a visit's entry rank), then by event
 * id in byte order. It does not depend on the order events were added in,
 * so two ledgers with the same events answer every query the same.
 *
 * The ledger is built for millions of events: it keeps one 32-byte record
 * per event with interned strings, and builds its indexes (persons,
 * per-person, per-party and per-deal lists) once, on the first query after
 * a change.
 *
 * A ledger may be shared between threads: one thread (or several, one at
 * a time) adds events while others query it, attribute and settle on it.
 * Each call sees the ledger as it was between two whole additions — never
 * part of an event or of a file being loaded — and an addition waits for
 * the calls under way to finish ([The live desk](live.html)). Once
 * [method@Attrib.Ledger.freeze] has been called the ledger takes no more
 * events and is read without any locking.
 */

enum {
  PROP_0,
  PROP_TIME_ZONE,
  PROP_FROZEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttribLedger, attrib_ledger, G_TYPE_OBJECT)

/* Documented limits (attrib-limits-private.h). */
#define MAX_ID_LENGTH ATTRIB_LIMIT_ID_BYTES
#define MAX_TEXT_LENGTH ATTRIB_LIMIT_TEXT_BYTES
#define MAX_LIST_LENGTH ATTRIB_LIMIT_LIST_ITEMS

static void
attrib_ledger_finalize (GObject *object)
{
  AttribLedger *self = ATTRIB_LEDGER (object);

  _attrib_ledger_index_clear (self);
  g_free (self->channels);
  g_array_unref (self->touched);
  g_rw_lock_clear (&self->lock);
  g_mutex_clear (&self->turnstile);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_identifier);
  g_clear_pointer (&self->phone_key, g_bytes_unref);
  g_free (self->owner);
  _attrib_strpool_clear (&self->ids);
  _attrib_strpool_clear (&self->strings);
  g_free (self->records);
  g_free (self->contact_table);
  g_array_unref (self->contacts);
  g_array_unref (self->reports);
  g_array_unref (self->visits);
  g_array_unref (self->deals);
  g_array_unref (self->sanctions);
  g_array_unref (self->rulings);
  g_array_unref (self->rosters);
  g_array_unref (self->agents);
  g_array_unref (self->companions);
  g_array_unref (self->shares);
  g_array_unref (self->members);
  g_array_unref (self->skips);
  g_array_unref (self->refs);
  g_array_unref (self->notes);

  G_OBJECT_CLASS (attrib_ledger_parent_class)->finalize (object);
}

static void
attrib_ledger_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttribLedger *self = ATTRIB_LEDGER (object);

  switch (prop_id)
    {
    case PROP_TIME_ZONE:
      g_value_set_string (value, self->tz_identifier);
      break;

    case PROP_FROZEN:
      g_value_set_boolean (value, g_atomic_int_get (&self->frozen));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_ledger_class_init (AttribLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attrib_ledger_finalize;
  object_class->get_property = attrib_ledger_get_property;

  /**
   * AttribLedger:time-zone-identifier: (getter get_time_zone_identifier)
   *
   * The identifier of the time zone in which date-only times of loaded
   * files are read (`Asia/Shanghai` unless given at construction).
   */
  properties[PROP_TIME_ZONE] =
    g_param_spec_string ("time-zone-identifier", NULL, NULL,
                         ATTRIB_DEFAULT_TIME_ZONE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * AttribLedger:frozen:
   *
   * Whether the ledger is frozen: it takes no more events and can be
   * queried from several threads.
   */
  properties[PROP_FROZEN] =
    g_param_spec_boolean ("frozen", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  _attrib_bind_textdomain ();
}

static void
attrib_ledger_init (AttribLedger *self)
{
  g_rw_lock_init (&self->lock);
  g_mutex_init (&self->turnstile);
  self->touched = g_array_new (FALSE, FALSE, sizeof (guint64));
  _attrib_strpool_init (&self->ids);
  _attrib_strpool_init (&self->strings);
  self->contacts = g_array_new (FALSE, FALSE, sizeof (AttribContactRec));
  self->contact_table_mask = 1023;
  self->contact_table = g_new0 (guint32, self->contact_table_mask + 1);
  self->reports = g_array_new (FALSE, FALSE, sizeof (AttribReportExtra));
  self->visits = g_array_new (FALSE, FALSE, sizeof (AttribVisitExtra));
  self->deals = g_array_new (FALSE, FALSE, sizeof (AttribDealExtra));
  self->sanctions = g_array_new (FALSE, FALSE, sizeof (AttribSanctionExtra));
  self->rulings = g_array_new (FALSE, FALSE, sizeof (AttribRulingExtra));
  self->rosters = g_array_new (FALSE, FALSE, sizeof (AttribRosterExtra));
  self->agents = g_array_new (FALSE, FALSE, sizeof (AttribAgentRec));
  self->companions = g_array_new (FALSE, FALSE, sizeof (AttribCompanionRec));
  self->shares = g_array_new (FALSE, FALSE, sizeof (AttribShareRec));
  self->members = g_array_new (FALSE, FALSE, sizeof (AttribMemberRec));
  self->skips = g_array_new (FALSE, FALSE, sizeof (AttribSkipRec));
  self->refs = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->notes = g_array_new (FALSE, FALSE, sizeof (guint32) * 2);
}

/**
 * attrib_ledger_new:
 *
 * Creates an empty ledger in the default time zone (`Asia/Shanghai`).
 *
 * Returns: (transfer full): a new ledger
 */
AttribLedger *
attrib_ledger_new (void)
{
  AttribLedger *self = g_object_new (ATTRIB_TYPE_LEDGER, NULL);

  self->tz = g_time_zone_ref (_attrib_time_zone_get_default ());
  self->tz_identifier = g_strdup (ATTRIB_DEFAULT_TIME_ZONE);
  return self;
}

/**
 * attrib_ledger_new_for_time_zone:
 * @identifier: (nullable): a time zone identifier such as `Asia/Shanghai`,
 *   or %NULL for the default
 * @error: return location for a #GError
 *
 * Creates an empty ledger whose files' date-only times (`2024-03-01`) mean
 * local midnight in the given time zone.
 *
 * Returns: (transfer full) (nullable): a new ledger, or %NULL if the time
 *   zone is unknown
 */
AttribLedger *
attrib_ledger_new_for_time_zone (const char  *identifier,
                                 GError     **error)
{
  AttribLedger *self;
  GTimeZone *tz;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  tz = attrib_time_zone_new (identifier, error);
  if (tz == NULL)
    return NULL;

  self = g_object_new (ATTRIB_TYPE_LEDGER, NULL);
  self->tz = tz;
  self->tz_identifier = g_strdup (identifier != NULL ? identifier : ATTRIB_DEFAULT_TIME_ZONE);
  return self;
}

/**
 * attrib_ledger_new_full:
 * @identifier: (nullable): a time zone identifier such as `Asia/Shanghai`,
 *   or %NULL for the default
 * @phone_key: (nullable): a secret key of at least 16 bytes, or %NULL to
 *   keep phones as they are given
 * @error: return location for a #GError
 *
 * Creates an empty ledger, as [ctor@Attrib.Ledger.new_for_time_zone]
 * does, that with a @phone_key keeps customers' phones only as hashed
 * phones: every full phone given to it — in events, files and lookups
 * such as [method@Attrib.Ledger.match_persons] — is replaced by
 * [func@Attrib.phone_hash] under @phone_key before it is stored, and
 * hashed phones given by a CRM that hashed them itself are taken as they
 * are. Verdicts are the same as with the numbers wherever no masked phone
 * is involved (a mask needs digits to match; [Reliability](reliability.html)).
 *
 * Returns: (transfer full) (nullable): a new ledger, or %NULL with @error
 *   set if the time zone is unknown or @phone_key is shorter than 16 bytes
 *   (%ATTRIB_ERROR_INVALID_KEY)
 */
AttribLedger *
attrib_ledger_new_full (const char  *identifier,
                        GBytes      *phone_key,
                        GError     **error)
{
  AttribLedger *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (phone_key != NULL && !_attrib_phone_key_check (phone_key, error))
    return NULL;
  self = attrib_ledger_new_for_time_zone (identifier, error);
  if (self != NULL && phone_key != NULL)
    self->phone_key = g_bytes_ref (phone_key);
  return self;
}

gboolean
_attrib_ledger_normalize_phone (AttribLedger *self,
                                const char   *text,
                                char          out[ATTRIB_PHONE_BUFFER],
                                gboolean     *out_masked,
                                GError      **error)
{
  if (!_attrib_phone_normalize_into (text, out, out_masked, error))
    return FALSE;
  if (self->phone_key != NULL && !*out_masked && out[0] != '#')
    {
      char normal[ATTRIB_PHONE_BUFFER];
      gsize length;
      const guint8 *key = g_bytes_get_data (self->phone_key, &length);

      strcpy (normal, out);
      _attrib_phone_hash_into (normal, key, length, out);
    }
  return TRUE;
}

/**
 * attrib_ledger_get_time_zone:
 * @self: a ledger
 *
 * The ledger's time zone.
 *
 * Returns: (transfer none): the ledger's time zone
 */
GTimeZone *
attrib_ledger_get_time_zone (AttribLedger *self)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  return self->tz;
}

/**
 * attrib_ledger_get_time_zone_identifier: (get-property time-zone-identifier)
 * @self: a ledger
 *
 * The identifier of the ledger's time zone.
 *
 * Returns: (transfer none): the identifier of the ledger's time zone
 */
const char *
attrib_ledger_get_time_zone_identifier (AttribLedger *self)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), NULL);
  return self->tz_identifier;
}

static guint32
intern (AttribLedger *self,
        const char   *_attrib_ledger_str)
{
  if (_attrib_ledger_str == NULL)
    return ATTRIB_NONE;
  return _attrib_strpool_intern (&self->strings, _attrib_ledger_str, strlen (_attrib_ledger_str), NULL);
}

/* A party: its channel ("ch" of "ch/agent") is interned with it, so that
 * the channel of any party is found (_attrib_run_channel_of) whatever
 * else the ledger holds or receives later. */
static guint32
intern_party (AttribLedger *self,
              const char   *party)
{
  const char *slash;

  if (party == NULL)
    return ATTRIB_NONE;
  slash = strchr (party, '/');
  if (slash != NULL)
    _attrib_strpool_intern (&self->strings, party, slash - party, NULL);
  return intern (self, party);
}

/* Names come from forms and spreadsheets: surrounding blanks are noise. */
static guint32
intern_trimmed (AttribLedger *self,
                const char   *_attrib_ledger_str)
{
  gsize len;

  while (g_ascii_isspace (*_attrib_ledger_str))
    _attrib_ledger_str++;
  len = strlen (_attrib_ledger_str);
  while (len > 0 && g_ascii_isspace (_attrib_ledger_str[len - 1]))
    len--;
  return _attrib_strpool_intern (&self->strings, _attrib_ledger_str, len, NULL);
}

static inline guint32
contact_hash (guint32 name,
              guint32 phone)
{
  guint64 h = ((guint64) name << 32 | phone) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (guint32) (h >> 32);
}

static void
grow_contact_table (AttribLedger *self)
{
  guint32 mask = self->contact_table_mask * 2 + 1;
  guint32 *table = g_new0 (guint32, (gsize) mask + 1);
  guint32 c;

  for (c = 0; c < self->contacts->len; c++)
    {
      const AttribContactRec *rec = &g_array_index (self->contacts, AttribContactRec, c);
      guint32 slot = contact_hash (rec->name, rec->phone) & mask;

      while (table[slot] != 0)
        slot = (slot + 1) & mask;
      table[slot] = c + 1;
    }
  g_free (self->contact_table);
  self->contact_table = table;
  self->contact_table_mask = mask;
}

static guint32
intern_contact (AttribLedger *self,
                const char   *name,
                const char   *phone)
{
  AttribContactRec rec;
  guint32 slot;

  rec.name = name != NULL ? intern_trimmed (self, name) : ATTRIB_NONE;
  rec.phone = intern (self, phone);
  slot = contact_hash (rec.name, rec.phone) & self->contact_table_mask;

  for (;;)
    {
      guint32 entry = self->contact_table[slot];
      const AttribContactRec *other;

      if (entry == 0)
        break;
      other = &g_array_index (self->contacts, AttribContactRec, entry - 1);
      if (other->name == rec.name && other->phone == rec.phone)
        return entry - 1;
      slot = (slot + 1) & self->contact_table_mask;
    }

  g_array_append_val (self->contacts, rec);
  self->contact_table[slot] = self->contacts->len;
  if ((gsize) self->contacts->len * 2 > self->contact_table_mask)
    grow_contact_table (self);
  return self->contacts->len - 1;
}

static gboolean
has_room (AttribLedger  *self,
          GError       **error)
{
  /* Strings and ids are 32-bit; stop well before either runs out. */
  if (self->n_records >= ATTRIB_LIMIT_EVENTS ||
      self->strings.n_strings >= ATTRIB_LIMIT_EVENTS)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                   _("the ledger holds %u events, its maximum"), self->n_records);
      return FALSE;
    }
  return TRUE;
}

static void
commit (AttribLedger             *self,
        AttribEvent              *ev,
        Phones                   *phones,
        const AttribStrPoolPlace *id_place)
{
  AttribRecord rec = { 0, };
  guint32 id;
  guint i;

  rec.at = ev->at;
  rec.type = ev->type;
  rec.contact = _attrib_event_has (ev, ATTRIB_FIELD_CUSTOMER)
              ? intern_contact (self, ev->customer_name, _attrib_ledger_phone_or_null (phones->customer)) : ATTRIB_NONE;
  rec.party = intern_party (self, ev->party);
  rec.deal = ATTRIB_NONE;   /* no deal, no counterpart (the same field) */
  rec.extra = ATTRIB_NONE;
  rec.seq = ev->seq;
  if (_attrib_event_has (ev, ATTRIB_FIELD_SEQ))
    rec.flags |= ATTRIB_RECORD_HAS_SEQ;

  switch (ev->type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      {
        AttribReportExtra x;

        rec.kind = ev->report_stage;
        x.expected_visit = _attrib_event_has (ev, ATTRIB_FIELD_EXPECTED_VISIT) ? ev->expected_visit : ATTRIB_TIME_MIN;
        x.evidence_at = _attrib_event_has (ev, ATTRIB_FIELD_EVIDENCE_AT) ? ev->evidence_at : ATTRIB_TIME_MIN;
        x.via = intern (self, ev->via);
        x.activity = intern (self, ev->activity);
        if (x.expected_visit != ATTRIB_TIME_MIN || x.evidence_at != ATTRIB_TIME_MIN ||
            x.via != ATTRIB_NONE || x.activity != ATTRIB_NONE)
          {
            rec.extra = self->reports->len;
            g_array_append_val (self->reports, x);
          }
      }
      break;

    case ATTRIB_EVENT_TYPE_VISIT:
      {
        AttribVisitExtra x;
        gint32 min_rank = G_MAXINT32;
        guint n_agents = ev->agents != NULL ? ev->agents->len : 0;

        rec.kind = ev->visit_kind;
        rec.flags |= (ev->purpose & 3) << ATTRIB_RECORD_SUB_SHIFT;
        rec.flags |= (ev->recognised & 3) << ATTRIB_RECORD_RECOGNISED_SHIFT;
        rec.party = n_agents > 0 ? self->agents->len : ATTRIB_NONE;
        rec.n_agents = n_agents;
        for (i = 0; i < n_agents; i++)
          {
            const AttribEventAgent *a = &g_array_index (ev->agents, AttribEventAgent, i);
            AttribAgentRec ar = { intern_party (self, a->party), a->rank };

            g_array_append_val (self->agents, ar);
            min_rank = MIN (min_rank, a->rank);
          }
        x.companions = self->companions->len;
        x.n_companions = ev->companions != NULL ? ev->companions->len : 0;
        for (i = 0; i < x.n_companions; i++)
          {
            const AttribEventCompanion *c = &g_array_index (ev->companions, AttribEventCompanion, i);
            AttribCompanionRec cr;

            cr.contact = intern_contact (self, c->name, g_ptr_array_index (phones->companions, i));
            cr.relation = c->relation;
            g_array_append_val (self->companions, cr);
          }
        x.received_by = intern_party (self, ev->received_by);
        x.received_with = intern_party (self, ev->received_with);
        x.skipped = self->skips->len;
        x.n_skipped = ev->skipped != NULL ? ev->skipped->len : 0;
        for (i = 0; i < x.n_skipped; i++)
          {
            const AttribEventSkip *s = &g_array_index (ev->skipped, AttribEventSkip, i);
            AttribSkipRec sr = { intern_party (self, s->party), s->reason };

            g_array_append_val (self->skips, sr);
          }
        x.designated = intern_party (self, ev->designated);
        x.appointment = intern_party (self, ev->appointment);
        x.token = intern_party (self, ev->token);
        x.referred_by = _attrib_event_has (ev, ATTRIB_FIELD_REFERRED_BY)
                      ? intern_contact (self, ev->referred_by_name, _attrib_ledger_phone_or_null (phones->referred_by)) : ATTRIB_NONE;
        x.recognised_original = intern_party (self, ev->recognised_original);
        if (x.n_companions > 0 || x.received_by != ATTRIB_NONE || x.received_with != ATTRIB_NONE ||
            x.n_skipped > 0 || x.designated != ATTRIB_NONE ||
            x.appointment != ATTRIB_NONE || x.token != ATTRIB_NONE || x.referred_by != ATTRIB_NONE ||
            x.recognised_original != ATTRIB_NONE)
          {
            rec.extra = self->visits->len;
            g_array_append_val (self->visits, x);
          }
        /* catalog, Convention (ties): a visit is ordered by its entry rank */
        if (!_attrib_event_has (ev, ATTRIB_FIELD_SEQ) && n_agents > 0)
          rec.seq = min_rank;
      }
      break;

    case ATTRIB_EVENT_TYPE_INTERACTION:
      rec.kind = ev->interaction_kind;
      rec.party = intern_party (self, ev->by);
      break;

    case ATTRIB_EVENT_TYPE_RELATION:
      rec.kind = ev->relation_kind;
      if (ev->verified)
        rec.flags |= ATTRIB_RECORD_VERIFIED;
      rec.party = intern_party (self, ev->party);
      rec.counterpart = _attrib_event_has (ev, ATTRIB_FIELD_COUNTERPART)
              ? intern_contact (self, ev->counterpart_name, _attrib_ledger_phone_or_null (phones->counterpart)) : ATTRIB_NONE;
      break;

    case ATTRIB_EVENT_TYPE_IDENTITY:
      rec.counterpart = intern_contact (self, ev->counterpart_name, _attrib_ledger_phone_or_null (phones->counterpart));
      break;

    case ATTRIB_EVENT_TYPE_DEAL:
      {
        AttribDealExtra x;

        rec.kind = ev->deal_stage;
        rec.deal = intern (self, ev->deal);
        rec.flags |= (ev->product & 3) << ATTRIB_RECORD_SUB_SHIFT;
        x.price = ev->price;
        x.has_price = _attrib_event_has (ev, ATTRIB_FIELD_PRICE);
        x.unit = intern (self, ev->unit);
        x.closed_by = intern_party (self, ev->closed_by);
        x.helped_by = intern_party (self, ev->helped_by);
        rec.extra = self->deals->len;
        g_array_append_val (self->deals, x);
      }
      break;

    case ATTRIB_EVENT_TYPE_SANCTION:
      {
        AttribSanctionExtra x = { 0, };

        rec.kind = ev->sanction_kind;
        rec.deal = intern (self, ev->deal);
        x.fine = ev->fine;
        x.has_fine = _attrib_event_has (ev, ATTRIB_FIELD_FINE);
        x.parties = self->refs->len;
        x.n_parties = ev->parties->len;
        for (i = 0; i < ev->parties->len; i++)
          {
            guint32 p = intern_party (self, g_ptr_array_index (ev->parties, i));

            g_array_append_val (self->refs, p);
          }
        rec.extra = self->sanctions->len;
        g_array_append_val (self->sanctions, x);
      }
      break;

    case ATTRIB_EVENT_TYPE_RULING:
      {
        AttribRulingExtra x;
        guint k;

        rec.deal = intern (self, ev->deal);
        x.shares = self->shares->len;
        x.n_shares = 0;
        for (k = 0; k < 2; k++)
          for (i = 0; i < ev->shares[k]->len; i++)
            {
              const AttribEventShare *s = &g_array_index (ev->shares[k], AttribEventShare, i);
              AttribShareRec sr;

              sr.party = intern_party (self, s->party);
              sr.kind = k;
              _attrib_fraction_reduce (s->numerator, s->denominator, &sr.numerator, &sr.denominator);
              g_array_append_val (self->shares, sr);
              x.n_shares++;
            }
        x.authority = intern (self, ev->authority);
        x.reason = intern (self, ev->reason);
        rec.extra = self->rulings->len;
        g_array_append_val (self->rulings, x);
      }
      break;

    case ATTRIB_EVENT_TYPE_ROSTER:
      {
        AttribRosterExtra x = { 0, };

        x.date = ev->roster_date;
        x.filed_at = _attrib_event_has (ev, ATTRIB_FIELD_FILED_AT) ? ev->filed_at : ev->at;
        x.members = self->members->len;
        x.n_members = ev->members->len;
        /* stored group by group (groups in the order first named, each
         * group's consultants in turn order), as the rotation reads them */
        for (i = 0; i < ev->members->len; i++)
          {
            const char *group = g_array_index (ev->members, AttribEventMember, i).group;
            guint j;

            for (j = 0; j < i && !g_str_equal (g_array_index (ev->members, AttribEventMember, j).group, group); j++)
              ;
            if (j < i)
              continue;   /* this group is stored already */
            for (j = i; j < ev->members->len; j++)
              {
                const AttribEventMember *m = &g_array_index (ev->members, AttribEventMember, j);
                AttribMemberRec mr;

                if (!g_str_equal (m->group, group))
                  continue;
                mr.group = intern_party (self, m->group);
                mr.consultant = intern_party (self, m->consultant);
                g_array_append_val (self->members, mr);
              }
          }
        rec.extra = self->rosters->len;
        g_array_append_val (self->rosters, x);
      }
      break;

    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      break;

    default:
      g_assert_not_reached ();
    }

  if (ev->note != NULL)
    {
      guint32 pair[2] = { self->n_records, intern (self, ev->note) };

      rec.flags |= ATTRIB_RECORD_HAS_NOTE;
      g_array_append_vals (self->notes, pair, 1);
    }

  if (self->n_records == self->n_alloc)
    {
      self->n_alloc = MAX (1024, self->n_alloc + self->n_alloc / 2);
      self->records = g_renew (AttribRecord, self->records, self->n_alloc);
    }
  self->records[self->n_records] = rec;

  /* The id pool holds event ids only: an event's id is its index.
   * _attrib_ledger_validate() found where it goes; nothing touched the id pool since. */
  id = _attrib_strpool_insert_at (&self->ids, ev->id, strlen (ev->id), id_place);
  g_assert (id == self->n_records);
  self->n_records++;

  /* the indexes grow by the event, or are built again on the next read */
  if (self->index.valid && !_attrib_ledger_index_append (self, self->n_records - 1))
    _attrib_ledger_index_clear (self);
}

void
_attrib_ledger_mark (AttribLedger     *self,
                     AttribLedgerMark *mark)
{
  GArray *tables[] = {
    self->reports, self->visits, self->deals, self->sanctions, self->rulings,
    self->rosters, self->agents, self->companions, self->shares, self->members,
    self->skips, self->refs, self->notes, self->contacts,
  };
  guint i;

  G_STATIC_ASSERT (G_N_ELEMENTS (tables) == G_N_ELEMENTS (mark->lens));
  mark->n_records = self->n_records;
  mark->n_ids = self->ids.n_strings;
  mark->n_strings = self->strings.n_strings;
  mark->n_contacts = self->contacts->len;
  for (i = 0; i < G_N_ELEMENTS (tables); i++)
    mark->lens[i] = tables[i]->len;
}

void
_attrib_ledger_rollback (AttribLedger           *self,
                         const AttribLedgerMark *mark)
{
  GArray *tables[] = {
    self->reports, self->visits, self->deals, self->sanctions, self->rulings,
    self->rosters, self->agents, self->companions, self->shares, self->members,
    self->skips, self->refs, self->notes, self->contacts,
  };
  guint32 c;
  guint i;

  if (self->n_records == mark->n_records && self->strings.n_strings == mark->n_strings)
    return;

  for (i = 0; i < G_N_ELEMENTS (tables); i++)
    g_array_set_size (tables[i], mark->lens[i]);
  self->n_records = mark->n_records;
  _attrib_strpool_truncate (&self->ids, mark->n_ids);
  _attrib_strpool_truncate (&self->strings, mark->n_strings);

  memset (self->contact_table, 0, sizeof (guint32) * ((gsize) self->contact_table_mask + 1));
  for (c = 0; c < self->contacts->len; c++)
    {
      const AttribContactRec *rec = &g_array_index (self->contacts, AttribContactRec, c);
      guint32 slot = contact_hash (rec->name, rec->phone) & self->contact_table_mask;

      while (self->contact_table[slot] != 0)
        slot = (slot + 1) & self->contact_table_mask;
      self->contact_table[slot] = c + 1;
    }
  g_clear_pointer (&self->channels, g_free);
  self->n_channels = 0;
  _attrib_ledger_index_clear (self);
}

/* A store's ledger takes events only through the store, which writes them
 * to its log first (attrib-store.c). */
void
_attrib_ledger_set_owner (AttribLedger *self,
                          const char   *store)
{
  g_free (self->owner);
  self->owner = g_strdup (store);
}

gboolean
_attrib_ledger_check_owner (AttribLedger  *self,
                            GError       **error)
{
  g_autofree char *shown = NULL;

  if (self->owner == NULL)
    return TRUE;
  shown = _attrib_for_display (self->owner);
  g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_READ_ONLY,
               _("the ledger is the store “%s”'s: add events with attrib_store_append() (attrib store append)"),
               shown);
  return FALSE;
}

gboolean
_attrib_ledger_add_event_full (AttribLedger  *self,
                               AttribEvent   *event,
                               AttribField   *out_field,
                               guint         *out_item,
                               GError       **error)
{
  Phones phones = { "", "", "", NULL };
  Check check = { self, event, ATTRIB_FIELD_ID, 0, error, { 0, 0 } };

  if (g_atomic_int_get (&self->frozen))
    {
      g_autofree char *shown = _attrib_for_display (event->id);

      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FROZEN,
                   _("event “%s”: the ledger is frozen and takes no more events"), shown);
      return FALSE;
    }
  if (!has_room (self, error))
    return FALSE;

  if (!_attrib_ledger_validate (self, &check, &phones))
    {
      _attrib_ledger_phones_clear (&phones);
      if (out_field != NULL)
        *out_field = check.field;
      if (out_item != NULL)
        *out_item = check.item;
      return FALSE;
    }

  commit (self, event, &phones, &check.id_place);
  _attrib_ledger_phones_clear (&phones);
  return TRUE;
}

/**
 * attrib_ledger_add_event:
 * @self: a ledger
 * @event: the event to add
 * @error: return location for a #GError
 *
 * Checks @event and adds a copy of it to the ledger.
 *
 * The event must have an id not yet in the ledger, every field its type
 * needs (see [Audit scenario format](audit-format.html)), no field its type does not take, and
 * well-formed values: phones are normalised (a masked phone is allowed
 * only on reports, follow-ups, complaints and sanctions), parties are
 * `developer`, a channel id or `channel/agent`, ruling shares sum to
 * exactly 1. Otherwise the event is rejected with an %ATTRIB_ERROR whose
 * message names the event id and the field, and the ledger is unchanged.
 *
 * Returns: %TRUE if the event was added
 */
gboolean
attrib_ledger_add_event (AttribLedger  *self,
                         AttribEvent   *event,
                         GError       **error)
{
  g_autoptr(AttribLedgerWriteLock) hold = NULL;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_attrib_ledger_check_owner (self, error))
    return FALSE;
  hold = _attrib_ledger_write_lock (self);
  return _attrib_ledger_add_event_full (self, event, NULL, NULL, error);
}

/**
 * attrib_ledger_freeze:
 * @self: a ledger
 *
 * Builds the indexes and makes the ledger read-only: later
 * [method@Attrib.Ledger.add_event] calls _attrib_ledger_fail with %ATTRIB_ERROR_FROZEN.
 * A frozen ledger is queried, attributed and settled from several
 * threads at once without any locking; one that is not frozen is
 * serialised ([The live desk](live.html)).
 */
void
attrib_ledger_freeze (AttribLedger *self)
{
  g_return_if_fail (ATTRIB_IS_LEDGER (self));
  /* a store appends to its ledger for as long as it is open */
  g_return_if_fail (self->owner == NULL);

  if (g_atomic_int_get (&self->frozen))
    return;
  _attrib_ledger_write_lock (self);
  if (g_atomic_int_get (&self->frozen))
    {
      g_rw_lock_writer_unlock (&self->lock);
      return;
    }
  /* a frozen ledger keeps no room to grow, nor the log of what additions
   * touched: indexes events grew into are built again, packed */
  if (self->index.valid && !_attrib_ledger_index_pack (self))
    _attrib_ledger_index_clear (self);
  _attrib_ledger_ensure_index (self);
  g_atomic_int_set (&self->frozen, TRUE);
  g_rw_lock_writer_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FROZEN]);
}

/**
 * attrib_ledger_is_frozen:
 * @self: a ledger
 *
 * Whether [method@Attrib.Ledger.freeze] was called.
 *
 * Returns: whether [method@Attrib.Ledger.freeze] was called
 */
gboolean
attrib_ledger_is_frozen (AttribLedger *self)
{
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  return g_atomic_int_get (&self->frozen);
}

static AttribLedgerReadLock *hold_read (AttribLedger *self,
                                        gboolean      index);

/**
 * attrib_ledger_get_n_events:
 * @self: a ledger
 *
 * The number of events.
 *
 * Returns: the number of events
 */
guint
attrib_ledger_get_n_events (AttribLedger *self)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;

  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), 0);

  hold = hold_read (self, FALSE);
  return self->n_records;
}

/* The reads the calling thread holds, per ledger (ledger → count): a
 * read inside another read of the same ledger (a public reader calling
 * another) only counts, and never queues behind a writer waiting for the
 * outer one. */
static GPrivate held_reads = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

static GHashTable *
thread_reads (void)
{
  GHashTable *reads = g_private_get (&held_reads);

  if (reads == NULL)
    {
      reads = g_hash_table_new (NULL, NULL);
      g_private_set (&held_reads, reads);
    }
  return reads;
}

/* The writer's side, taken through the turnstile: while a writer waits,
 * new readers wait at the turnstile instead of overtaking it (GRWLock on
 * Linux prefers readers, and desk threads that never pause would
 * otherwise keep an addition out for good). */
static void
writer_lock (AttribLedger *self)
{
  g_mutex_lock (&self->turnstile);
  g_rw_lock_writer_lock (&self->lock);
  g_mutex_unlock (&self->turnstile);
}

/* A read hold; with @index, the indexes built (every reader but the count
 * of events, which needs none). */
static AttribLedgerReadLock *
hold_read (AttribLedger *self,
           gboolean      index)
{
  GHashTable *reads;
  guint count;

  /* frozen is set under the writer's lock after the last change: seen
   * set, nothing changes any more */
  if (g_atomic_int_get (&self->frozen))
    return NULL;
  reads = thread_reads ();
  count = GPOINTER_TO_UINT (g_hash_table_lookup (reads, self));
  if (count > 0)
    {
      /* held already: writers are out, and the outer hold built the
       * index (the hold without it reads no further) */
      g_assert (!index || self->index.valid);
      g_hash_table_insert (reads, self, GUINT_TO_POINTER (count + 1));
      return self;
    }
  g_mutex_lock (&self->turnstile);
  g_mutex_unlock (&self->turnstile);
  g_rw_lock_reader_lock (&self->lock);
  while (index && !self->index.valid)
    {
      /* built by whichever reader comes first, as the writer would */
      g_rw_lock_reader_unlock (&self->lock);
      writer_lock (self);
      if (!self->index.valid)
        {
          _attrib_ledger_ensure_index (self);
          _attrib_ledger_index_make_growable (self);
        }
      g_rw_lock_writer_unlock (&self->lock);
      g_rw_lock_reader_lock (&self->lock);
    }
  g_hash_table_insert (reads, self, GUINT_TO_POINTER (1));
  return self;
}

/* Under the writer's hold: the indexes built and a read hold noted for
 * this thread, so that the writer may ask what readers ask (a store works
 * out a report's decision before committing it) without letting anyone
 * in. Ended by _attrib_ledger_writer_reads_end() before the writer's hold. */
void
_attrib_ledger_writer_reads_begin (AttribLedger *self)
{
  GHashTable *reads = thread_reads ();

  g_assert (g_hash_table_lookup (reads, self) == NULL);
  if (!self->index.valid)
    {
      _attrib_ledger_ensure_index (self);
      _attrib_ledger_index_make_growable (self);
    }
  g_hash_table_insert (reads, self, GUINT_TO_POINTER (1));
}

void
_attrib_ledger_writer_reads_end (AttribLedger *self)
{
  g_hash_table_remove (thread_reads (), self);
}

AttribLedgerReadLock *
_attrib_ledger_read_lock (AttribLedger *self)
{
  return hold_read (self, TRUE);
}

void
_attrib_ledger_read_unlock (AttribLedgerReadLock *hold)
{
  GHashTable *reads;
  guint count;

  if (hold == NULL)
    return;
  reads = thread_reads ();
  count = GPOINTER_TO_UINT (g_hash_table_lookup (reads, hold));
  g_assert (count > 0);
  if (count > 1)
    g_hash_table_insert (reads, hold, GUINT_TO_POINTER (count - 1));
  else
    {
      g_hash_table_remove (reads, hold);
      g_rw_lock_reader_unlock (&hold->lock);
    }
}

AttribLedgerWriteLock *
_attrib_ledger_write_lock (AttribLedger *self)
{
  writer_lock (self);
  return self;
}

void
_attrib_ledger_write_unlock (AttribLedgerWriteLock *hold)
{
  if (hold != NULL)
    g_rw_lock_writer_unlock (&hold->lock);
}
