/* attrib-ledger-validate.c: an event checked before it is stored
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything is checked before anything is stored, so a rejected event
 * leaves no trace: the keys its type needs and allows, well-formed and
 * bounded values, phones normalised (attrib-ledger.c stores them). An
 * error names the event id and the field, and the item of a list.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-ledger-private.h"
#include "attrib-person-private.h"
#include "attrib-fraction-private.h"
#include "attrib-util-private.h"

/* Documented limits (attrib-limits-private.h). */
#define MAX_ID_LENGTH ATTRIB_LIMIT_ID_BYTES
#define MAX_TEXT_LENGTH ATTRIB_LIMIT_TEXT_BYTES
#define MAX_LIST_LENGTH ATTRIB_LIMIT_LIST_ITEMS
#define MAX_SHARE_DENOMINATOR ATTRIB_LIMIT_SHARE_DENOMINATOR


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

gboolean
_attrib_ledger_fail (Check      *check,
      AttribField field,
      guint       item,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *id = _attrib_for_display (check->event->id);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  check->field = field;
  check->item = item;
  g_set_error (check->error, ATTRIB_ERROR, code, _("event “%s”: %s: %s"),
               id, _attrib_field_key (check->event->type, field), message);
  return FALSE;
}

/* Wraps an error from a parser (phone, time …) with the event and field. */
static gboolean
fail_with (Check       *check,
           AttribField  field,
           guint        item,
           GError      *inner)
{
  g_autofree char *id = _attrib_for_display (check->event->id);

  check->field = field;
  check->item = item;
  g_set_error (check->error, inner->domain, inner->code, _("event “%s”: %s: %s"),
               id, _attrib_field_key (check->event->type, field), inner->message);
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
    return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("must not be empty"));
  if (len > max_length)
    return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_LIMIT,
                 _("is %zu bytes long, at most %zu are allowed"),
                 len, max_length);
  if (!g_utf8_validate (text, len, NULL))
    return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("is not valid UTF-8"));
  return TRUE;
}

gboolean
_attrib_validate_party (const char  *party,
                        GError     **error)
{
  g_autofree char *shown = NULL;
  const char *slash;
  const char *p;
  gboolean non_ascii = FALSE;

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
      non_ascii = TRUE;
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        break;
      /* invisible: a right-to-left override shows "abc/xyz" as another
       * party's id, a zero-width joiner makes two ids look one */
      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        {
          shown = _attrib_for_display (party);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                       _("party “%s” contains an invisible formatting character (U+%04X)"), shown, c);
          return FALSE;
        }
      p = g_utf8_next_char (p);
    }
  if (*p != '\0')
    {
      shown = _attrib_for_display (party);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s” contains white space or a control character"), shown);
      return FALSE;
    }
  if (non_ascii)
    {
      /* one id, one spelling: composed and decomposed forms of the same
       * characters would be two parties */
      g_autofree char *nfc = g_utf8_normalize (party, -1, G_NORMALIZE_NFC);

      if (nfc == NULL || !g_str_equal (nfc, party))
        {
          g_autofree char *shown_nfc = _attrib_for_display (nfc != NULL ? nfc : "?");

          shown = _attrib_for_display (party);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                       _("party “%s” is not in Unicode's composed form (NFC): write it as “%s”"), shown,
                       shown_nfc);
          return FALSE;
        }
    }
  slash = strchr (party, '/');
  if (slash != NULL &&
      (slash == party || slash[1] == '\0' || strchr (slash + 1, '/') != NULL))
    {
      shown = _attrib_for_display (party);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s” is not “developer”, a channel id or “channel/agent”"), shown);
      return FALSE;
    }
  if (slash != NULL && strncmp (party, "developer/", 10) == 0)
    {
      shown = _attrib_for_display (party);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_PARTY,
                   _("party “%s”: the developer has no agents in a party; use a channel id"), shown);
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
  GError *inner = NULL;

  if (!_attrib_time_in_range (time))
    return _attrib_ledger_fail (check, field, 0, ATTRIB_ERROR_INVALID_TIME,
                 _("%lld µs is outside the years 1900 to 9999"), (long long) time);
  /* and its date where the ledger is, which is what every date it gives
   * is written in */
  if (!_attrib_time_check_local_date (time, attrib_ledger_get_time_zone (check->ledger), &inner))
    return fail_with (check, field, 0, inner);
  return TRUE;
}

static gboolean
is_blank (const char *_attrib_ledger_str)
{
  for (; *_attrib_ledger_str != '\0'; _attrib_ledger_str++)
    if (!g_ascii_isspace (*_attrib_ledger_str))
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
    return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("a person needs a name or a phone"));
  if (!check_text (check, field, item, name, MAX_ID_LENGTH))
    return FALSE;
  if (name != NULL && is_blank (name))
    return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_INVALID_EVENT, _("a name must not be blank"));
  if (phone == NULL)
    return TRUE;

  if (!_attrib_ledger_normalize_phone (check->ledger, phone, out_phone, &masked, &inner))
    return fail_with (check, field, item, inner);
  if (masked && !mask_allowed)
    {
      g_autofree char *shown = _attrib_for_display (phone);

      out_phone[0] = '\0';
      return _attrib_ledger_fail (check, field, item, ATTRIB_ERROR_INVALID_PHONE,
                   _("a masked phone (“%s”) identifies nobody here; a %s needs the full phone"),
                   shown, _attrib_enum_nick (ATTRIB_TYPE_EVENT_TYPE, check->event->type));
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
    return _attrib_ledger_fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT, _("%d is not a valid value"), value);
  return TRUE;
}

void
_attrib_ledger_phones_clear (Phones *phones)
{
  g_clear_pointer (&phones->companions, g_ptr_array_unref);
}

const char *
_attrib_ledger_phone_or_null (const char *phone)
{
  return phone[0] != '\0' ? phone : NULL;
}

static gboolean
check_shares (Check           *check,
              AttribShareKind  kind)
{
  AttribField field = kind == ATTRIB_SHARE_KIND_PERFORMANCE ? ATTRIB_FIELD_PERFORMANCE : ATTRIB_FIELD_COMMISSION;
  GArray *shares = check->event->shares[kind];
  gint64 sum_num = 0, sum_den = 1, common = 1;
  guint i, j;

  if (shares == NULL || shares->len == 0)
    return _attrib_ledger_fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT, _("a ruling needs at least one share"));
  if (shares->len > MAX_LIST_LENGTH)
    return _attrib_ledger_fail (check, field, 0, ATTRIB_ERROR_LIMIT, _("more than %d shares"), MAX_LIST_LENGTH);

  for (i = 0; i < shares->len; i++)
    {
      const AttribEventShare *share = &g_array_index (shares, AttribEventShare, i);
      gint64 reduced;

      if (!check_party (check, field, i, share->party))
        return FALSE;
      for (j = 0; j < i; j++)
        if (g_str_equal (share->party, g_array_index (shares, AttribEventShare, j).party))
          {
            g_autofree char *shown = _attrib_for_display (share->party);

            return _attrib_ledger_fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                                        _("party “%s” is given twice"), shown);
          }
      if (share->numerator <= 0 || share->denominator <= 0)
        {
          g_autofree char *shown = _attrib_for_display (share->party);

          return _attrib_ledger_fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                                      _("share of “%s” is %lld/%lld; shares must be positive"),
                                      shown, (long long) share->numerator, (long long) share->denominator);
        }
      if (!_attrib_fraction_add (&sum_num, &sum_den, share->numerator, share->denominator))
        return _attrib_ledger_fail (check, field, i, ATTRIB_ERROR_INVALID_EVENT,
                     _("the shares' denominators are too large to add up exactly"));
      /* what each party is paid is worked out over the shares' common
       * denominator: 1/9223372036854775807 was taken, and the commission
       * then failed as an “overflow” nobody could place */
      reduced = share->denominator / _attrib_gcd (share->numerator, share->denominator);
      if (reduced > MAX_SHARE_DENOMINATOR)
        {
          /* the numbers as written are the user's: shown like any value */
          g_autofree char *written = g_strdup_printf ("%lld/%lld", (long long) share->numerator,
                                                      (long long) share->denominator);
          g_autofree char *shown = _attrib_for_display (written);
          g_autofree char *party = _attrib_for_display (share->party);

          return _attrib_ledger_fail (check, field, i, ATTRIB_ERROR_LIMIT,
                       _("the share of “%s”, %s, is finer than libattrib can pay out: a share is written "
                         "with a denominator up to %lld (a trillionth of the deal)"),
                       party, shown, (long long) MAX_SHARE_DENOMINATOR);
        }
      if (__builtin_mul_overflow (common / _attrib_gcd (common, reduced), reduced, &common) || common > MAX_SHARE_DENOMINATOR)
        return _attrib_ledger_fail (check, field, i, ATTRIB_ERROR_LIMIT,
                     _("together the shares are finer than libattrib can pay out: their common denominator "
                       "must not pass %lld (a trillionth of the deal); write them with fewer different "
                       "denominators"),
                     (long long) MAX_SHARE_DENOMINATOR);
    }
  if (sum_num != 1 || sum_den != 1)
    return _attrib_ledger_fail (check, field, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("the shares sum to %lld/%lld, not to 1"),
                 (long long) sum_num, (long long) sum_den);
  return TRUE;
}

gboolean
_attrib_ledger_validate (AttribLedger *self,
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
    {
      g_autofree char *shown = _attrib_for_display (ev->id);

      return _attrib_ledger_fail (check, ATTRIB_FIELD_ID, 0, ATTRIB_ERROR_DUPLICATE_ID,
                                  _("an event with id “%s” is already in the ledger"), shown);
    }
  if (!check_time (check, ATTRIB_FIELD_AT, ev->at))
    return FALSE;
  if (!check_text (check, ATTRIB_FIELD_NOTE, 0, ev->note, MAX_TEXT_LENGTH))
    return FALSE;

  tf = &type_fields[ev->type];
  extra = ev->fields & ~(tf->required | tf->allowed | COMMON);
  if (extra != 0)
    {
      AttribField f = (AttribField) g_bit_nth_lsf (extra, -1);

      return _attrib_ledger_fail (check, f, 0, ATTRIB_ERROR_INVALID_EVENT,
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

      return _attrib_ledger_fail (check, f, 0, ATTRIB_ERROR_INVALID_EVENT,
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
        return _attrib_ledger_fail (check, ATTRIB_FIELD_CUSTOMER, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("an identity link joins two phones; this person has none"));
      if (phones->counterpart[0] == '\0')
        return _attrib_ledger_fail (check, ATTRIB_FIELD_COUNTERPART, 0, ATTRIB_ERROR_INVALID_EVENT,
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
        return _attrib_ledger_fail (check, ATTRIB_FIELD_COUNTERPART, 0, ATTRIB_ERROR_INVALID_EVENT,
                     _("has the same phone as the other side: the two must be different persons"));
      if (g_str_equal (phones->customer, phones->referred_by))
        return _attrib_ledger_fail (check, ATTRIB_FIELD_REFERRED_BY, 0, ATTRIB_ERROR_INVALID_EVENT,
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
    return _attrib_ledger_fail (check, ATTRIB_FIELD_PARTY, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a relation links the customer to a second person (“b”) or to a representative (“party”), not both"));
  if (ev->type == ATTRIB_EVENT_TYPE_RELATION && ev->relation_kind == ATTRIB_RELATION_KIND_NONE)
    return _attrib_ledger_fail (check, ATTRIB_FIELD_RELATION_KIND, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a relation needs a kind"));

  if (_attrib_event_has (ev, ATTRIB_FIELD_PRICE) && ev->price <= 0)
    return _attrib_ledger_fail (check, ATTRIB_FIELD_PRICE, 0, ATTRIB_ERROR_INVALID_MONEY,
                 _("a price must be positive"));
  if (_attrib_event_has (ev, ATTRIB_FIELD_FINE) && ev->fine < 0)
    return _attrib_ledger_fail (check, ATTRIB_FIELD_FINE, 0, ATTRIB_ERROR_INVALID_MONEY,
                 _("a fine must not be negative"));

  if (ev->agents != NULL)
    {
      if (ev->agents->len > MAX_LIST_LENGTH)
        return _attrib_ledger_fail (check, ATTRIB_FIELD_AGENTS, 0, ATTRIB_ERROR_LIMIT, _("more than %d agents"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->agents->len; i++)
        {
          const AttribEventAgent *agent = &g_array_index (ev->agents, AttribEventAgent, i);
          guint j;

          if (!check_party (check, ATTRIB_FIELD_AGENTS, i, agent->party))
            return FALSE;
          for (j = 0; j < i; j++)
            if (g_str_equal (agent->party, g_array_index (ev->agents, AttribEventAgent, j).party))
              {
                g_autofree char *shown = _attrib_for_display (agent->party);

                return _attrib_ledger_fail (check, ATTRIB_FIELD_AGENTS, i, ATTRIB_ERROR_INVALID_EVENT,
                                            _("agent “%s” is listed twice"), shown);
              }
        }
    }

  if (ev->skipped != NULL)
    {
      if (ev->skipped->len > MAX_LIST_LENGTH)
        return _attrib_ledger_fail (check, ATTRIB_FIELD_SKIPPED, 0, ATTRIB_ERROR_LIMIT, _("more than %d skipped representatives"),
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
        return _attrib_ledger_fail (check, ATTRIB_FIELD_COMPANIONS, 0, ATTRIB_ERROR_LIMIT, _("more than %d companions"), MAX_LIST_LENGTH);
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
    return _attrib_ledger_fail (check, ATTRIB_FIELD_PARTIES, 0, ATTRIB_ERROR_INVALID_EVENT,
                 _("a sanction needs at least one party"));
  if (ev->parties != NULL)
    {
      if (ev->parties->len > MAX_LIST_LENGTH)
        return _attrib_ledger_fail (check, ATTRIB_FIELD_PARTIES, 0, ATTRIB_ERROR_LIMIT, _("more than %d parties"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->parties->len; i++)
        if (!check_party (check, ATTRIB_FIELD_PARTIES, i, g_ptr_array_index (ev->parties, i)))
          return FALSE;
    }

  if (ev->type == ATTRIB_EVENT_TYPE_RULING &&
      (!check_shares (check, ATTRIB_SHARE_KIND_PERFORMANCE) ||
       !check_shares (check, ATTRIB_SHARE_KIND_COMMISSION)))
    return FALSE;

  if (_attrib_event_has (ev, ATTRIB_FIELD_ROSTER_DATE) && !_attrib_day_in_range (ev->roster_date))
    return _attrib_ledger_fail (check, ATTRIB_FIELD_ROSTER_DATE, 0, ATTRIB_ERROR_INVALID_TIME,
                 _("day %d is outside the years 1900 to 9999"), ev->roster_date);
  if (ev->members != NULL)
    {
      if (ev->members->len > MAX_LIST_LENGTH)
        return _attrib_ledger_fail (check, ATTRIB_FIELD_GROUPS, 0, ATTRIB_ERROR_LIMIT, _("more than %d consultants"), MAX_LIST_LENGTH);
      for (i = 0; i < ev->members->len; i++)
        {
          const AttribEventMember *m = &g_array_index (ev->members, AttribEventMember, i);
          guint j;

          if (!check_party (check, ATTRIB_FIELD_GROUPS, i, m->group) ||
              !check_party (check, ATTRIB_FIELD_GROUPS, i, m->consultant))
            return FALSE;
          if (strchr (m->group, '/') != NULL)
            {
              g_autofree char *group = _attrib_for_display (m->group);

              return _attrib_ledger_fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_PARTY,
                                          _("group “%s” must be a bare group id"), group);
            }
          if (!g_str_has_prefix (m->consultant, m->group) || m->consultant[strlen (m->group)] != '/')
            {
              g_autofree char *group = _attrib_for_display (m->group);
              g_autofree char *consultant = _attrib_for_display (m->consultant);

              return _attrib_ledger_fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_PARTY,
                                          _("consultant “%s” is not of group “%s”"), consultant, group);
            }
          for (j = 0; j < i; j++)
            if (g_str_equal (m->consultant, g_array_index (ev->members, AttribEventMember, j).consultant))
              {
                g_autofree char *consultant = _attrib_for_display (m->consultant);

                return _attrib_ledger_fail (check, ATTRIB_FIELD_GROUPS, i, ATTRIB_ERROR_INVALID_EVENT,
                                            _("consultant “%s” is listed twice"), consultant);
              }
        }
    }

  return TRUE;
}
