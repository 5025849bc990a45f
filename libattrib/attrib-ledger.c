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
 * a change. A ledger being written is not thread-safe; once
 * [method@Attrib.Ledger.freeze] has been called it takes no more events and
 * may be queried from several threads at once.
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
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_free (self->tz_identifier);
  g_clear_pointer (&self->phone_key, g_bytes_unref);
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
      g_value_set_boolean (value, self->frozen);
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
 * is involved (a mask needs digits to match; docs/reliability.md).
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

/* ---------------------------------------------------------------------
 * Validation. Everything is checked before anything is stored, so a
 * rejected event leaves no trace.
 * --------------------------------------------------------------------- */

typedef struct
{
  guint64 required;
  guint64 allowed;
} TypeFields;

#define B(f) ATTRIB_FIELD_BIT (ATTRIB_FIELD_##f)
#define COMMON (B (ID) | B (TYPE) | B (AT) | B (NOTE) | B (SEQ))

static const TypeFields type_fields[] = {
  [ATTRIB_EVENT_TYPE_REPORT] = {
    B (CUSTOMER) | B (PARTY),
    B (REPORT_STAGE) | B (EXPECTED_VISIT) | B (EVIDENCE_AT) | B (VIA) | B (ACTIVITY) },
  [ATTRIB_EVENT_TYPE_VISIT] = {
    B (CUSTOMER),
    B (AGENTS) | B (RECEIVED_BY) | B (RECEIVED_WITH) | B (SKIPPED) | B (DESIGNATED) |
    B (APPOINTMENT) | B (TOKEN) | B (COMPANIONS) | B (REFERRED_BY) | B (VISIT_KIND) |
    B (RECOGNISED) | B (PURPOSE) },
  [ATTRIB_EVENT_TYPE_INTERACTION] = {
    B (CUSTOMER) | B (INTERACTION_KIND),
    B (BY) },
  [ATTRIB_EVENT_TYPE_FOLLOW_UP] = {
    B (PARTY) | B (CUSTOMER),
    0 },
  [ATTRIB_EVENT_TYPE_RELATION] = {   /* and `b` or `party`: checked below */
    B (CUSTOMER) | B (RELATION_KIND),
    B (COUNTERPART) | B (PARTY) | B (VERIFIED) },
  [ATTRIB_EVENT_TYPE_IDENTITY] = {
    B (CUSTOMER) | B (COUNTERPART),
    0 },
  [ATTRIB_EVENT_TYPE_DEAL] = {
    B (DEAL) | B (DEAL_STAGE),
    B (CUSTOMER) | B (UNIT) | B (PRICE) | B (PRODUCT) | B (CLOSED_BY) | B (HELPED_BY) },
  [ATTRIB_EVENT_TYPE_COMPLAINT] = {
    B (CUSTOMER) | B (PARTY),
    0 },
  [ATTRIB_EVENT_TYPE_SANCTION] = {
    B (SANCTION_KIND) | B (PARTIES),
    B (CUSTOMER) | B (DEAL) | B (FINE) },
  [ATTRIB_EVENT_TYPE_RULING] = {
    B (DEAL) | B (PERFORMANCE) | B (COMMISSION),
    B (AUTHORITY) | B (REASON) },
  [ATTRIB_EVENT_TYPE_DEPARTURE] = {
    B (PARTY),
    0 },
  [ATTRIB_EVENT_TYPE_ROSTER] = {
    B (ROSTER_DATE) | B (GROUPS),
    B (FILED_AT) },
};


typedef struct
{
  AttribLedger *ledger;
  AttribEvent *event;
  AttribField field;
  guint item;
  GError **error;
  AttribStrPoolPlace id_place;   /* where the new id goes in the id pool */
} Check;

static gboolean
fail (Check      *check,
      AttribField field,
      guint       item,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail (Check      *check,
      AttribField field,
      guint       item,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  check->field = field;
  check->item = item;
  g_set_error (check->error, ATTRIB_ERROR, code, _("event “%s”: %s: %s"),
               check->event->id, _attrib_field_key (check->event->type, field), message);
  return FALSE;
}

/* Wraps an error from a parser (phone, time …) with the event and field. */
static gboolean
fail_with (Check       *check,
           AttribField  field,
           guint        item,
           GError      *inner)
{
  check->field = field;
  check->item = item;
  g_set_error (check->error, inner->domain, inner->code, _("event “%s”: %s: %s"),
               check->event->id, _attrib_field_key (check->event->type, field), inner->message);
  g_error_free (inner);
  return FALSE;
}

static gboolean
check_text (Check       *check,
            AttribField  field,
            guint        item,
            const char  *text,
            gsize        max_length)
{
  gsize len;

  if (text == NULL)
    return TRUE;
  len = strlen (text);
  if (len == 0)
    return fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("must not be empty"));
  if (len > max_length)
    return fail (check, field, item, ATTRIB_ERROR_LIMIT,
                 _("is %zu bytes long, at most %zu are allowed"),
                 len, max_length);
  if (!g_utf8_validate (text, len, NULL))
    return fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("is not valid UTF-8"));
  return TRUE;
}

gboolean
_attrib_validate_party (const char  *party,
                        GError     **error)
{
  const char *slash;
  const char *p;

  if (party == NULL || *party == '\0')
    {
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                           _("a party must not be empty"));
      return FALSE;
    }
  if (strlen (party) > MAX_ID_LENGTH)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                   _("a party is at most %d bytes long, this one has %zu"), MAX_ID_LENGTH, strlen (party));
      return FALSE;
    }
  if (!g_utf8_validate (party, -1, NULL))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("a party must be valid UTF-8 of at most %d bytes"), MAX_ID_LENGTH);
      return FALSE;
    }
  for (p = party; *p != '\0'; )
    {
      gunichar c;

      /* parties are mostly ASCII ids: test those bytes directly */
      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
            break;
          p++;
          continue;
        }
      c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        break;
      p = g_utf8_next_char (p);
    }
  if (*p != '\0')
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s” contains white space or a control character"), party);
      return FALSE;
    }
  slash = strchr (party, '/');
  if (slash != NULL &&
      (slash == party || slash[1] == '\0' || strchr (slash + 1, '/') != NULL))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s” is not “developer”, a channel id or “channel/agent”"), party);
      return FALSE;
    }
  if (slash != NULL && strncmp (party, "developer/", 10) == 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s”: the developer has no agents in a party; use a channel id"), party);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_party (Check       *check,
             AttribField  field,
             guint        item,
             const char  *party)
{
  GError *inner = NULL;

  if (party == NULL)
    return TRUE;
  if (!_attrib_validate_party (party, &inner))
    return fail_with (check, field, item, inner);
  return TRUE;
}

static gboolean
check_time (Check       *check,
            AttribField  field,
            AttribTime   time)
{
  if (!_attrib_time_in_range (time))
    return fail (check, field, 0, ATTRIB_ERROR_INVALID_TIME,
                 _("%lld µs is outside the years 1900 to 9999"), (long long) time);
  return TRUE;
}

static gboolean
is_blank (const char *str)
{
  for (; *str != '\0'; str++)
    if (!g_ascii_isspace (*str))
      return FALSE;
  return TRUE;
}

/* A person reference: at least a name or a phone; the phone is
 * normalised into @out_phone, or left empty ("") when there is none. */
static gboolean
check_person (Check        *check,
              AttribField   field,
              guint         item,
              const char   *name,
              const char   *phone,
              gboolean      mask_allowed,
              char          out_phone[ATTRIB_PHONE_BUFFER])
{
  GError *inner = NULL;
  gboolean masked = FALSE;

  out_phone[0] = '\0';
  if (name == NULL && phone == NULL)
    return fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("a person needs a name or a phone"));
  if (!check_text (check, field, item, name, MAX_ID_LENGTH))
    return FALSE;
  if (name != NULL && is_blank (name))
    return fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("a name must not be blank"));
  if (phone == NULL)
    return TRUE;

  if (!_attrib_ledger_normalize_phone (check->ledger, phone, out_phone, &masked, &inner))
    return fail_with (check, field, item, inner);
  if (masked && !mask_allowed)
    {
      out_phone[0] = '\0';
      return fail (check, field, item, ATTRIB_ERROR_INVALID_PHONE,
                   _("a masked phone (“%s”) identifies nobody here; a %s needs the full phone"),
                   phone, _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, check->event->type));
    }
  return TRUE;
}

/* Every enum of the model counts from 0 without gaps: a range check is
 * exact (test-event.c checks the enums stay that way). */
static gboolean
check_enum (Check       *check,
            AttribField  field,
            int          n_values,
            int          value)
{
  if (value < 0 || value >= n_values)
    return fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT, _("%d is not a valid value"), value);
  return TRUE;
}

/* The normalised phones of one event, kept between validation and commit;
 * "" where a person has no phone. */
typedef struct
{
  char customer[ATTRIB_PHONE_BUFFER];
  char counterpart[ATTRIB_PHONE_BUFFER];
  char referred_by[ATTRIB_PHONE_BUFFER];
  GPtrArray *companions;     /* char *, NULL for no phone */
} Phones;

static void
phones_clear (Phones *phones)
{
  g_clear_pointer (&phones->companions, g_ptr_array_unref);
}

static const char *
phone_or_null (const char *phone)
{
  return phone[0] != '\0' ? phone : NULL;
}

static gboolean
check_shares (Check           *check,
              AttribShareKind  kind)
{
  AttribField field = kind == ATTRIB_SHARE_KIND_PERFORMANCE ? ATTRIB_FIELD_PERFORMANCE : ATTRIB_FIELD_COMMISSION;
  GArray *shares = check->event->shares[kind];
  gint64 sum_num = 0, sum_den = 1;
  guint i, j;

  if (shares == NULL || shares->len == 0)
    return fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT, _("a ruling needs at least one share"));
  if (shares->len > MAX_LIST_LENGTH)
    return fail (check, field, 0, ATTRIB_ERROR_LIMIT, _("more than %d shares"), MAX_LIST_LENGTH);

  for (i = 0; i < shares->len; i++)
    {
      const AttribEventShare *share = &g_array_index (shares, AttribEventShare, i);

      if (!check_party (check, field, i, share->party))
        return FALSE;
      for (j = 0; j < i; j++)
        if (g_str_equal (share->party, g_array_index (shares, AttribEventShare, j).party))
          return fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                       _("party “%s” is given twice"), share->party);
      if (share->numerator <= 0 || share->denominator <= 0)
        return fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                     _("share of “%s” is %lld/%lld; shares must be positive"),
                     share->party, (long long) share->numerator, (long long) share->denominator);
      if (!_attrib_fraction_add (&sum_num, &sum_den, share->numerator, share->denominator))
        return fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                     _("the shares' denominators are too large to add up exactly"));
    }
  if (sum_num != 1 || sum_den != 1)
    return fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("the shares sum to %lld/%lld, not to 1"),
                 (long long) sum_num, (long long) sum_den);
  return TRUE;
}

static gboolean
validate (AttribLedger *self,
          Check        *check,
          Phones       *phones)
{
  AttribEvent *ev = check->event;
  const TypeFields *tf;
  guint64 missing, extra;
  gboolean mask_allowed;
  guint i;

  if (!check_enum (check, ATTRIB_FIELD_TYPE, ATTRIB_EVENT_TYPE_ROSTER + 1, ev->type))
    return FALSE;
  if (!check_text (check, ATTRIB_FIELD_ID, 0, ev->id, MAX_ID_LENGTH))
    return FALSE;
  if (_attrib_strpool_find (&self->ids, ev->id, strlen (ev->id), &check->id_place) != ATTRIB_NONE)
    return fail (check, ATTRIB_FIELD_ID, 0, ATTRIB_ERROR_DUPLICATE_ID,
                 _("an event with id “%s” is already in the ledger"), ev->id);
  if (!check_time (check, ATTRIB_FIELD_AT, ev->at))
    return FALSE;
  if (!check_text (check, ATTRIB_FIELD_NOTE, 0, ev->note, MAX_TEXT_LENGTH))
    return FALSE;

  tf = &type_fields[ev->type];
  extra = ev->fields & ~(tf->required | tf->allowed | COMMON);
  if (extra != 0)
    {
      AttribField f = (AttribField) g_bit_nth_lsf (extra, -1);

      return fail (check, f, 0, ATTRIB_ERROR_INVALID_EVENT,
                   _("%s events do not take this field"),
                   _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, ev->type));
    }
  missing = tf->required & ~ev->fields;
  if (ev->type == ATTRIB_EVENT_TYPE_DEAL &&
      _attrib_event_has (ev, ATTRIB_FIELD_DEAL_STAGE) &&
      ev->deal_stage != ATTRIB_DEAL_STAGE_CANCELLED &&
      ev->deal_stage != ATTRIB_DEAL_STAGE_UNIT_CHANGED &&
      ev->deal_stage != ATTRIB_DEAL_STAGE_LOAN_DISBURSED &&
      ev->deal_stage != ATTRIB_DEAL_STAGE_PAID &&
      !_attrib_event_has (ev, ATTRIB_FIELD_CUSTOMER))
    missing |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_CUSTOMER);
  if (ev->type == ATTRIB_EVENT_TYPE_RELATION &&
      !_attrib_event_has (ev, ATTRIB_FIELD_COUNTERPART) && !_attrib_event_has (ev, ATTRIB_FIELD_PARTY))
    missing |= ATTRIB_FIELD_BIT (ATTRIB_FIELD_COUNTERPART);
  if (missing != 0)
    {
      AttribField f = (AttribField) g_bit_nth_lsf (missing, -1);

      return fail (check, f, 0, ATTRIB_ERROR_INVALID_EVENT,
                   _("missing; %s events need it"),
                   _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, ev->type));
    }

  /* Reports and the records that only point at a customer may carry a
   * masked phone; anything that identifies who was there needs it whole. */
  mask_allowed = ev->type == ATTRIB_EVENT_TYPE_REPORT ||
                 ev->type == ATTRIB_EVENT_TYPE_FOLLOW_UP ||
                 ev->type == ATTRIB_EVENT_TYPE_COMPLAINT ||
                 ev->type == ATTRIB_EVENT_TYPE_SANCTION;

  if (_attrib_event_has (ev, ATTRIB_FIELD_CUSTOMER) &&
      !check_person (check, ATTRIB_FIELD_CUSTOMER, 0, ev->customer_name, ev->customer_phone,
                     mask_allowed, phones->customer))
    return FALSE;
  if (_attrib_event_has (ev, ATTRIB_FIELD_COUNTERPART) &&
      !check_person (check, ATTRIB_FIELD_COUNTERPART, 0, ev->counterpart_name, ev->counterpart_phone,
                     FALSE, phones->counterpart))
    return FALSE;
  if (ev->type == ATTRIB_EVENT_TYPE_IDENTITY)
    {
      if (phones->customer[0] == '\0')
        return fail (check, ATTRIB_FIELD_CUSTOMER, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("an identity link joins two phones; this person has none"));
      if (phones->counterpart[0] == '\0')
        return fail (check, ATTRIB_FIELD_COUNTERPART, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("an identity link joins two phones; this person has none"));
    }
  if (_attrib_event_has (ev, ATTRIB_FIELD_REFERRED_BY) &&
      !check_person (check, ATTRIB_FIELD_REFERRED_BY, 0, ev->referred_by_name, ev->referred_by_phone,
                     FALSE, phones->referred_by))
    return FALSE;
  /* a person is not their own relative, alias or referrer */
  if (phones->customer[0] != '\0' && strchr (phones->customer, '*') == NULL)
    {
      if (g_str_equal (phones->customer, phones->counterpart))
        return fail (check, ATTRIB_FIELD_COUNTERPART, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("has the same phone as the other side: the two must be different persons"));
      if (g_str_equal (phones->customer, phones->referred_by))
        return fail (check, ATTRIB_FIELD_REFERRED_BY, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("has the customer's own phone: a customer cannot refer themself"));
    }

  if (!check_party (check, ATTRIB_FIELD_PARTY, 0, ev->party) ||
      !check_party (check, ATTRIB_FIELD_RECEIVED_BY, 0, ev->received_by) ||
      !check_party (check, ATTRIB_FIELD_RECEIVED_WITH, 0, ev->received_with) ||
      !check_party (check, ATTRIB_FIELD_DESIGNATED, 0, ev->designated) ||
      !check_party (check, ATTRIB_FIELD_APPOINTMENT, 0, ev->appointment) ||
      !check_party (check, ATTRIB_FIELD_TOKEN, 0, ev->token) ||
      !check_party (check, ATTRIB_FIELD_CLOSED_BY, 0, ev->closed_by) ||
      !check_party (check, ATTRIB_FIELD_HELPED_BY, 0, ev->helped_by))
    return FALSE;
  if (_attrib_event_has (ev, ATTRIB_FIELD_RECOGNISED) &&
      !check_party (check, ATTRIB_FIELD_RECOGNISED, 0, ev->recognised_original))
    return FALSE;

  if (!check_text (check, ATTRIB_FIELD_VIA, 0, ev->via, MAX_TEXT_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_ACTIVITY, 0, ev->activity, MAX_TEXT_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_BY, 0, ev->by, MAX_TEXT_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_DEAL, 0, ev->deal, MAX_ID_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_UNIT, 0, ev->unit, MAX_ID_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_AUTHORITY, 0, ev->authority, MAX_TEXT_LENGTH) ||
      !check_text (check, ATTRIB_FIELD_REASON, 0, ev->reason, MAX_TEXT_LENGTH))
    return FALSE;

  if (_attrib_event_has (ev, ATTRIB_FIELD_EXPECTED_VISIT) &&
      !check_time (check, ATTRIB_FIELD_EXPECTED_VISIT, ev->expected_visit))
    return FALSE;
  if (_attrib_event_has (ev, ATTRIB_FIELD_EVIDENCE_AT) &&
      !check_time (check, ATTRIB_FIELD_EVIDENCE_AT, ev->evidence_at))
    return FALSE;
  if (_attrib_event_has (ev, ATTRIB_FIELD_FILED_AT) &&
      !check_time (check, ATTRIB_FIELD_FILED_AT, ev->filed_at))
    return FALSE;

  if ((_attrib_event_has (ev, ATTRIB_FIELD_REPORT_STAGE) &&
       !check_enum (check, ATTRIB_FIELD_REPORT_STAGE, ATTRIB_REPORT_STAGE_RENEWAL + 1, ev->report_stage)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_VISIT_KIND) &&
       !check_enum (check, ATTRIB_FIELD_VISIT_KIND, ATTRIB_VISIT_KIND_CALL + 1, ev->visit_kind)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_PURPOSE) &&
       !check_enum (check, ATTRIB_FIELD_PURPOSE, ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY + 1, ev->purpose)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_RECOGNISED) &&
       !check_enum (check, ATTRIB_FIELD_RECOGNISED, ATTRIB_RECOGNISED_AFTER + 1, ev->recognised)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_INTERACTION_KIND) &&
       !check_enum (check, ATTRIB_FIELD_INTERACTION_KIND, ATTRIB_INTERACTION_KIND_FOLLOW_UP + 1, ev->interaction_kind)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_RELATION_KIND) &&
       !check_enum (check, ATTRIB_FIELD_RELATION_KIND, ATTRIB_RELATION_KIND_EXECUTIVE + 1, ev->relation_kind)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_DEAL_STAGE) &&
       !check_enum (check, ATTRIB_FIELD_DEAL_STAGE, ATTRIB_DEAL_STAGE_PAID + 1, ev->deal_stage)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_PRODUCT) &&
       !check_enum (check, ATTRIB_FIELD_PRODUCT, ATTRIB_PRODUCT_PARKING + 1, ev->product)) ||
      (_attrib_event_has (ev, ATTRIB_FIELD_SANCTION_KIND) &&
       !check_enum (check, ATTRIB_FIELD_SANCTION_KIND, ATTRIB_SANCTION_KIND_LIST_REPORT + 1, ev->sanction_kind)))
    return FALSE;
  if (ev->type == ATTRIB_EVENT_TYPE_RELATION &&
      _attrib_event_has (ev, ATTRIB_FIELD_COUNTERPART) && _attrib_event_has (ev, ATTRIB_FIELD_PARTY))
    return fail (check, ATTRIB_FIELD_PARTY, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a relation links the customer to a second person (“b”) or to a representative (“party”), not both"));
  if (ev->type == ATTRIB_EVENT_TYPE_RELATION && ev->relation_kind == ATTRIB_RELATION_KIND_NONE)
    return fail (check, ATTRIB_FIELD_RELATION_KIND, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a relation needs a kind"));

  if (_attrib_event_has (ev, ATTRIB_FIELD_PRICE) && ev->price <= 0)
    return fail (check, ATTRIB_FIELD_PRICE, 0, ATTRIB_ERROR_INVALID_MONEY,
                 _("a price must be positive"));
  if (_attrib_event_has (ev, ATTRIB_FIELD_FINE) && ev->fine < 0)
    return fail (check, ATTRIB_FIELD_FINE, 0, ATTRIB_ERROR_INVALID_MONEY,
                 _("a fine must not be negative"));

  if (ev->agents != NULL)
    {
      if (ev->agents->len > MAX_LIST_LENGTH)
        return fail (check, ATTRIB_FIELD_AGENTS, 0, ATTRIB_ERROR_LIMIT, _("more than %d agents"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->agents->len; i++)
        {
          const AttribEventAgent *agent = &g_array_index (ev->agents, AttribEventAgent, i);
          guint j;

          if (!check_party (check, ATTRIB_FIELD_AGENTS, i, agent->party))
            return FALSE;
          for (j = 0; j < i; j++)
            if (g_str_equal (agent->party, g_array_index (ev->agents, AttribEventAgent, j).party))
              return fail (check, ATTRIB_FIELD_AGENTS, i, ATTRIB_ERROR_INVALID_EVENT,
                           _("agent “%s” is listed twice"), agent->party);
        }
    }

  if (ev->skipped != NULL)
    {
      if (ev->skipped->len > MAX_LIST_LENGTH)
        return fail (check, ATTRIB_FIELD_SKIPPED, 0, ATTRIB_ERROR_LIMIT, _("more than %d skipped representatives"),
                     MAX_LIST_LENGTH);
      for (i = 0; i < ev->skipped->len; i++)
        {
          const AttribEventSkip *skip = &g_array_index (ev->skipped, AttribEventSkip, i);

          if (!check_party (check, ATTRIB_FIELD_SKIPPED, i, skip->party) ||
              !check_enum (check, ATTRIB_FIELD_SKIPPED, ATTRIB_SKIP_REASON_OFFICIAL + 1, skip->reason))
            return FALSE;
        }
    }

  if (ev->companions != NULL)
    {
      if (ev->companions->len > MAX_LIST_LENGTH)
        return fail (check, ATTRIB_FIELD_COMPANIONS, 0, ATTRIB_ERROR_LIMIT, _("more than %d companions"), MAX_LIST_LENGTH);
      phones->companions = g_ptr_array_new_with_free_func (g_free);
      for (i = 0; i < ev->companions->len; i++)
        {
          const AttribEventCompanion *c = &g_array_index (ev->companions, AttribEventCompanion, i);
          char phone[ATTRIB_PHONE_BUFFER];

          if (!check_person (check, ATTRIB_FIELD_COMPANIONS, i, c->name, c->phone, FALSE, phone))
            return FALSE;
          g_ptr_array_add (phones->companions, phone[0] != '\0' ? g_strdup (phone) : NULL);
          if (!check_enum (check, ATTRIB_FIELD_COMPANIONS, ATTRIB_RELATION_KIND_EXECUTIVE + 1, c->relation))
            return FALSE;
        }
    }

  if (ev->type == ATTRIB_EVENT_TYPE_SANCTION && (ev->parties == NULL || ev->parties->len == 0))
    return fail (check, ATTRIB_FIELD_PARTIES, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a sanction needs at least one party"));
  if (ev->parties != NULL)
    {
      if (ev->parties->len > MAX_LIST_LENGTH)
        return fail (check, ATTRIB_FIELD_PARTIES, 0, ATTRIB_ERROR_LIMIT, _("more than %d parties"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->parties->len; i++)
        if (!check_party (check, ATTRIB_FIELD_PARTIES, i, g_ptr_array_index (ev->parties, i)))
          return FALSE;
    }

  if (ev->type == ATTRIB_EVENT_TYPE_RULING &&
      (!check_shares (check, ATTRIB_SHARE_KIND_PERFORMANCE) ||
       !check_shares (check, ATTRIB_SHARE_KIND_COMMISSION)))
    return FALSE;

  if (_attrib_event_has (ev, ATTRIB_FIELD_ROSTER_DATE) && !_attrib_day_in_range (ev->roster_date))
    return fail (check, ATTRIB_FIELD_ROSTER_DATE, 0, ATTRIB_ERROR_INVALID_TIME,
                 _("day %d is outside the years 1900 to 9999"), ev->roster_date);
  if (ev->members != NULL)
    {
      if (ev->members->len > MAX_LIST_LENGTH)
        return fail (check, ATTRIB_FIELD_GROUPS, 0, ATTRIB_ERROR_LIMIT, _("more than %d consultants"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->members->len; i++)
        {
          const AttribEventMember *m = &g_array_index (ev->members, AttribEventMember, i);
          guint j;

          if (!check_party (check, ATTRIB_FIELD_GROUPS, i, m->group) ||
              !check_party (check, ATTRIB_FIELD_GROUPS, i, m->consultant))
            return FALSE;
          if (strchr (m->group, '/') != NULL)
            return fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_PARTY,
                         _("group “%s” must be a bare group id"), m->group);
          if (!g_str_has_prefix (m->consultant, m->group) || m->consultant[strlen (m->group)] != '/')
            return fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_PARTY,
                         _("consultant “%s” is not of group “%s”"), m->consultant, m->group);
          for (j = 0; j < i; j++)
            if (g_str_equal (m->consultant, g_array_index (ev->members, AttribEventMember, j).consultant))
              return fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_EVENT,
                           _("consultant “%s” is listed twice"), m->consultant);
        }
    }

  return TRUE;
}

/* ---------------------------------------------------------------------
 * Storage
 * --------------------------------------------------------------------- */

static guint32
intern (AttribLedger *self,
        const char   *str)
{
  if (str == NULL)
    return ATTRIB_NONE;
  return _attrib_strpool_intern (&self->strings, str, strlen (str), NULL);
}

/* Names come from forms and spreadsheets: surrounding blanks are noise. */
static guint32
intern_trimmed (AttribLedger *self,
                const char   *str)
{
  gsize len;

  while (g_ascii_isspace (*str))
    str++;
  len = strlen (str);
  while (len > 0 && g_ascii_isspace (str[len - 1]))
    len--;
  return _attrib_strpool_intern (&self->strings, str, len, NULL);
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
              ? intern_contact (self, ev->customer_name, phone_or_null (phones->customer)) : ATTRIB_NONE;
  rec.party = intern (self, ev->party);
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
            AttribAgentRec ar = { intern (self, a->party), a->rank };

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
        x.received_by = intern (self, ev->received_by);
        x.received_with = intern (self, ev->received_with);
        x.skipped = self->skips->len;
        x.n_skipped = ev->skipped != NULL ? ev->skipped->len : 0;
        for (i = 0; i < x.n_skipped; i++)
          {
            const AttribEventSkip *s = &g_array_index (ev->skipped, AttribEventSkip, i);
            AttribSkipRec sr = { intern (self, s->party), s->reason };

            g_array_append_val (self->skips, sr);
          }
        x.designated = intern (self, ev->designated);
        x.appointment = intern (self, ev->appointment);
        x.token = intern (self, ev->token);
        x.referred_by = _attrib_event_has (ev, ATTRIB_FIELD_REFERRED_BY)
                      ? intern_contact (self, ev->referred_by_name, phone_or_null (phones->referred_by)) : ATTRIB_NONE;
        x.recognised_original = intern (self, ev->recognised_original);
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
      rec.party = intern (self, ev->by);
      break;

    case ATTRIB_EVENT_TYPE_RELATION:
      rec.kind = ev->relation_kind;
      if (ev->verified)
        rec.flags |= ATTRIB_RECORD_VERIFIED;
      rec.party = intern (self, ev->party);
      rec.counterpart = _attrib_event_has (ev, ATTRIB_FIELD_COUNTERPART)
              ? intern_contact (self, ev->counterpart_name, phone_or_null (phones->counterpart)) : ATTRIB_NONE;
      break;

    case ATTRIB_EVENT_TYPE_IDENTITY:
      rec.counterpart = intern_contact (self, ev->counterpart_name, phone_or_null (phones->counterpart));
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
        x.closed_by = intern (self, ev->closed_by);
        x.helped_by = intern (self, ev->helped_by);
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
            guint32 p = intern (self, g_ptr_array_index (ev->parties, i));

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

              sr.party = intern (self, s->party);
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
                mr.group = intern (self, m->group);
                mr.consultant = intern (self, m->consultant);
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
   * validate() found where it goes; nothing touched the id pool since. */
  id = _attrib_strpool_insert_at (&self->ids, ev->id, strlen (ev->id), id_place);
  g_assert (id == self->n_records);
  self->n_records++;

  if (self->index.valid)
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
  _attrib_ledger_index_clear (self);
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

  if (self->frozen)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FROZEN,
                   _("event “%s”: the ledger is frozen and takes no more events"), event->id);
      return FALSE;
    }
  if (!has_room (self, error))
    return FALSE;

  if (!validate (self, &check, &phones))
    {
      phones_clear (&phones);
      if (out_field != NULL)
        *out_field = check.field;
      if (out_item != NULL)
        *out_item = check.item;
      return FALSE;
    }

  commit (self, event, &phones, &check.id_place);
  phones_clear (&phones);
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
 * needs (see `docs/audit-format.md`), no field its type does not take, and
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
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return _attrib_ledger_add_event_full (self, event, NULL, NULL, error);
}

/**
 * attrib_ledger_freeze:
 * @self: a ledger
 *
 * Builds the indexes and makes the ledger read-only: later
 * [method@Attrib.Ledger.add_event] calls fail with %ATTRIB_ERROR_FROZEN.
 * A frozen ledger may be queried, attributed and settled from several
 * threads at once. A ledger that is not frozen may not be shared between
 * threads, even if nobody adds to it: its first query builds the indexes
 * without locking (docs/reliability.md, *Threads*).
 */
void
attrib_ledger_freeze (AttribLedger *self)
{
  g_return_if_fail (ATTRIB_IS_LEDGER (self));

  if (self->frozen)
    return;
  _attrib_ledger_ensure_index (self);
  self->frozen = TRUE;
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
  return self->frozen;
}

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
  g_return_val_if_fail (ATTRIB_IS_LEDGER (self), 0);
  return self->n_records;
}

/* ---------------------------------------------------------------------
 * Reading events back
 * --------------------------------------------------------------------- */

const char *
_attrib_ledger_get_note (AttribLedger *self,
                         guint32       index)
{
  guint lo = 0, hi = self->notes->len;

  /* notes are appended as events are, so they are sorted by event */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const guint32 *pair = (const guint32 *) (self->notes->data + mid * 2 * sizeof (guint32));

      if (pair[0] == index)
        return _attrib_strpool_get (&self->strings, pair[1]);
      if (pair[0] < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

static const char *
str (AttribLedger *self,
     guint32       id)
{
  return _attrib_strpool_get (&self->strings, id);
}

static void
contact_fields (AttribLedger  *self,
                guint32        contact,
                const char   **out_name,
                const char   **out_phone)
{
  const AttribContactRec *rec = &g_array_index (self->contacts, AttribContactRec, contact);

  *out_name = str (self, rec->name);
  *out_phone = str (self, rec->phone);
}

AttribEvent *
_attrib_ledger_materialize (AttribLedger *self,
                            guint32       index)
{
  const AttribRecord *rec = &self->records[index];
  AttribEvent *ev;
  const char *name, *phone;
  guint i;

  ev = attrib_event_new (rec->type, _attrib_ledger_event_id (self, index), rec->at);
  if (rec->flags & ATTRIB_RECORD_HAS_NOTE)
    attrib_event_set_note (ev, _attrib_ledger_get_note (self, index));
  if (rec->flags & ATTRIB_RECORD_HAS_SEQ)
    attrib_event_set_seq (ev, rec->seq);
  if (rec->contact != ATTRIB_NONE)
    {
      contact_fields (self, rec->contact, &name, &phone);
      attrib_event_set_customer (ev, name, phone);
    }

  switch ((AttribEventType) rec->type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      attrib_event_set_party (ev, str (self, rec->party));
      if (rec->kind != ATTRIB_REPORT_STAGE_FIRST)
        attrib_event_set_report_stage (ev, rec->kind);
      if (rec->extra != ATTRIB_NONE)
        {
          const AttribReportExtra *x = &g_array_index (self->reports, AttribReportExtra, rec->extra);

          if (x->expected_visit != ATTRIB_TIME_MIN)
            attrib_event_set_expected_visit (ev, x->expected_visit);
          if (x->evidence_at != ATTRIB_TIME_MIN)
            attrib_event_set_evidence_at (ev, x->evidence_at);
          attrib_event_set_via (ev, str (self, x->via));
          attrib_event_set_activity (ev, str (self, x->activity));
        }
      break;

    case ATTRIB_EVENT_TYPE_VISIT:
      {
        AttribVisitPurpose purpose = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;
        AttribRecognised recognised = (rec->flags >> ATTRIB_RECORD_RECOGNISED_SHIFT) & 3;
        const char *original = NULL;

        for (i = 0; i < rec->n_agents; i++)
          {
            const AttribAgentRec *a = &g_array_index (self->agents, AttribAgentRec, rec->party + i);

            attrib_event_add_agent (ev, str (self, a->party), a->rank);
          }
        if (rec->extra != ATTRIB_NONE)
          {
            const AttribVisitExtra *x = &g_array_index (self->visits, AttribVisitExtra, rec->extra);

            for (i = 0; i < x->n_companions; i++)
              {
                const AttribCompanionRec *c = &g_array_index (self->companions, AttribCompanionRec, x->companions + i);

                contact_fields (self, c->contact, &name, &phone);
                attrib_event_add_companion (ev, name, phone, c->relation);
              }
            attrib_event_set_received_by (ev, str (self, x->received_by));
            attrib_event_set_received_with (ev, str (self, x->received_with));
            for (i = 0; i < x->n_skipped; i++)
              {
                const AttribSkipRec *s = &g_array_index (self->skips, AttribSkipRec, x->skipped + i);

                attrib_event_add_skipped (ev, str (self, s->party), s->reason);
              }
            attrib_event_set_designated (ev, str (self, x->designated));
            attrib_event_set_appointment (ev, str (self, x->appointment));
            attrib_event_set_token (ev, str (self, x->token));
            if (x->referred_by != ATTRIB_NONE)
              {
                contact_fields (self, x->referred_by, &name, &phone);
                attrib_event_set_referred_by (ev, name, phone);
              }
            original = str (self, x->recognised_original);
          }
        if (rec->kind != ATTRIB_VISIT_KIND_VISIT)
          attrib_event_set_visit_kind (ev, rec->kind);
        if (recognised != ATTRIB_RECOGNISED_NONE || original != NULL)
          attrib_event_set_recognised (ev, recognised, original);
        if (purpose != ATTRIB_VISIT_PURPOSE_CUSTOMER)
          attrib_event_set_purpose (ev, purpose);
      }
      break;

    case ATTRIB_EVENT_TYPE_INTERACTION:
      attrib_event_set_interaction_kind (ev, rec->kind);
      attrib_event_set_by (ev, str (self, rec->party));
      break;

    case ATTRIB_EVENT_TYPE_RELATION:
      attrib_event_set_relation_kind (ev, rec->kind);
      attrib_event_set_verified (ev, (rec->flags & ATTRIB_RECORD_VERIFIED) != 0);
      if (rec->counterpart == ATTRIB_NONE)
        {
          attrib_event_set_party (ev, str (self, rec->party));
          break;
        }
      G_GNUC_FALLTHROUGH;
    case ATTRIB_EVENT_TYPE_IDENTITY:
      contact_fields (self, rec->counterpart, &name, &phone);
      attrib_event_set_counterpart (ev, name, phone);
      break;

    case ATTRIB_EVENT_TYPE_DEAL:
      {
        const AttribDealExtra *x = &g_array_index (self->deals, AttribDealExtra, rec->extra);
        AttribProduct product = (rec->flags >> ATTRIB_RECORD_SUB_SHIFT) & 3;

        attrib_event_set_deal (ev, str (self, rec->deal));
        attrib_event_set_deal_stage (ev, rec->kind);
        attrib_event_set_unit (ev, str (self, x->unit));
        if (x->has_price)
          attrib_event_set_price (ev, x->price);
        if (product != ATTRIB_PRODUCT_RESIDENTIAL)
          attrib_event_set_product (ev, product);
        attrib_event_set_closed_by (ev, str (self, x->closed_by));
        attrib_event_set_helped_by (ev, str (self, x->helped_by));
      }
      break;

    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_COMPLAINT:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      attrib_event_set_party (ev, str (self, rec->party));
      break;

    case ATTRIB_EVENT_TYPE_SANCTION:
      {
        const AttribSanctionExtra *x = &g_array_index (self->sanctions, AttribSanctionExtra, rec->extra);

        attrib_event_set_sanction_kind (ev, rec->kind);
        attrib_event_set_deal (ev, str (self, rec->deal));
        for (i = 0; i < x->n_parties; i++)
          attrib_event_add_sanctioned_party (ev, str (self, g_array_index (self->refs, guint32, x->parties + i)));
        if (x->has_fine)
          attrib_event_set_fine (ev, x->fine);
      }
      break;

    case ATTRIB_EVENT_TYPE_RULING:
      {
        const AttribRulingExtra *x = &g_array_index (self->rulings, AttribRulingExtra, rec->extra);

        attrib_event_set_deal (ev, str (self, rec->deal));
        for (i = 0; i < x->n_shares; i++)
          {
            const AttribShareRec *s = &g_array_index (self->shares, AttribShareRec, x->shares + i);

            attrib_event_add_share (ev, s->kind, str (self, s->party), s->numerator, s->denominator);
          }
        attrib_event_set_authority (ev, str (self, x->authority));
        attrib_event_set_reason (ev, str (self, x->reason));
      }
      break;

    case ATTRIB_EVENT_TYPE_ROSTER:
      {
        const AttribRosterExtra *x = &g_array_index (self->rosters, AttribRosterExtra, rec->extra);

        attrib_event_set_roster_date (ev, x->date);
        for (i = 0; i < x->n_members; i++)
          {
            const AttribMemberRec *m = &g_array_index (self->members, AttribMemberRec, x->members + i);

            attrib_event_add_roster_member (ev, str (self, m->group), str (self, m->consultant));
          }
        if (x->filed_at != rec->at)
          attrib_event_set_filed_at (ev, x->filed_at);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return ev;
}
