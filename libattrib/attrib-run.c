/* attrib-run.c: the state of one attribution call
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A run is what one call of the engine (or the calculator, the audit, the
 * rotation) works with: the ledger's index as of a date, the profile, the
 * claims worked out so far (attrib-claims.c), the verdict being built
 * with its trace and the events it used, from which its fingerprint is
 * made. The helpers here read the ledger for the clauses.
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-engine-private.h"
#include "attrib-profile-private.h"
#include "attrib-util-private.h"

static void
person_claims_free (gpointer data)
{
  AttribPersonClaims *pc = data;
  guint i;

  g_array_unref (pc->claims);
  for (i = 0; i < pc->rejected->len; i++)
    g_free (g_array_index (pc->rejected, AttribAttempt, i).reason);
  g_array_unref (pc->rejected);
  g_free (pc);
}

/* How far after an event the profile's clauses may read the same
 * person's later events when they judge it: a report's lead before the
 * next visit, the window a lapsed report is judged over, the rest of the
 * day (a second report, a report by 22:00). At least a day. */
static AttribTime
profile_lookahead (AttribProfile *profile)
{
  AttribTime ahead = ATTRIB_DAY_USEC;
  guint i;

  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);

      if (clause->kind->lookahead != NULL)
        ahead = MAX (ahead, clause->kind->lookahead (clause));
    }
  return ahead;
}

void
_attrib_run_init (AttribRun     *run,
                  AttribProfile *profile,
                  AttribLedger  *ledger)
{
  memset (run, 0, sizeof *run);
  run->ledger = ledger;
  /* persons as the profile sees them: without `mask_names`, a masked
   * contact only its name resolved is ambiguous */
  run->index = _attrib_ledger_ensure_index_for (ledger, _attrib_profile_get_mask_names (profile));
  run->whole = run->index;
  run->profile = profile;
  run->tz = _attrib_profile_get_tz (profile);
  run->until = ATTRIB_TIME_MAX;
  run->next.at = ATTRIB_TIME_MAX;
  run->person_claims = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, person_claims_free);
  run->computing = g_hash_table_new (g_direct_hash, g_direct_equal);
  run->firsts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  run->lookahead = profile_lookahead (profile);
}

/* The periods @clause counts from an event, forward or back: the sum of
 * its parameters in months and in days (minutes rounded up to days), and
 * those parameters, for a message. */
static void
clause_reach (const AttribClause *clause,
              gint64             *months,
              gint64             *days,
              GString            *names)
{
  const AttribParamSpec *spec;

  for (spec = clause->kind->params; spec != NULL && spec->name != NULL; spec++)
    {
      const AttribParamValue *value;

      if (spec->type != ATTRIB_PARAM_INT || (value = g_hash_table_lookup (clause->params, spec->name)) == NULL ||
          value->number == 0)
        continue;
      if (g_str_has_suffix (spec->name, "months"))
        *months += value->number;
      else if (g_str_has_suffix (spec->name, "days"))
        *days += value->number;
      else if (g_str_has_suffix (spec->name, "minutes"))
        *days += (value->number + 24 * 60 - 1) / (24 * 60);
      else
        continue;
      g_string_append_printf (names, "%s“%s”: %" G_GINT64_FORMAT, names->len > 0 ? ", " : "", spec->name, value->number);
    }
}

/* Whether every date @profile's clauses count from @ledger's events —
 * a claim's end, a protection, a look-back, a window — lies in the years
 * 1900 to 9999, which libattrib writes and reads back (issue 17, item 7:
 * 100 000 months from 2024 wrote “to 10357-06-3”). The events themselves
 * are in them (attrib-ledger-validate.c); so a clause's periods, counted
 * forward from the last event and back from the first, must be too.
 * FALSE with ATTRIB_ERROR_LIMIT naming the clause (its id in
 * @out_clause if not %NULL), its parameters and the event (its id in
 * @out_event). */
gboolean
_attrib_run_check_dates (AttribProfile  *profile,
                         AttribLedger   *ledger,
                         const char    **out_clause,
                         const char    **out_event,
                         GError        **error)
{
  const AttribLedgerIndex *index;
  GTimeZone *tz = _attrib_profile_get_tz (profile);
  guint32 first, last;
  gint32 first_day, last_day;
  guint i;

  if (ledger->n_records == 0)
    return TRUE;
  index = _attrib_ledger_ensure_index_for (ledger, _attrib_profile_get_mask_names (profile));
  first = index->order[0];
  last = index->order[ledger->n_records - 1];
  first_day = attrib_time_get_local_day (ledger->records[first].at, tz);
  last_day = attrib_time_get_local_day (ledger->records[last].at, tz);
  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *day = NULL;
      gint64 months = 0, days = 0;
      int m;

      clause_reach (clause, &months, &days, names);
      if (names->len == 0)
        continue;
      m = (int) MIN (months, G_MAXINT / 2);
      if (out_clause != NULL)
        *out_clause = clause->id;
      if ((gint64) attrib_day_add_months (last_day, m) + days > ATTRIB_DAY_LAST)
        {
          day = _attrib_day_format (last_day);
          if (out_event != NULL)
            *out_event = _attrib_ledger_event_id (ledger, last);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("Clause %s of profile “%s” (%s) counts from event “%s” of %s to a date after 9999-12-31, the "
                         "last date libattrib handles: give the clause a shorter period, or leave out events that late"),
                       clause->id, attrib_profile_get_id (profile), names->str, _attrib_ledger_event_id (ledger, last), day);
          return FALSE;
        }
      if ((gint64) attrib_day_add_months (first_day, -m) - days < ATTRIB_DAY_FIRST)
        {
          day = _attrib_day_format (first_day);
          if (out_event != NULL)
            *out_event = _attrib_ledger_event_id (ledger, first);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("Clause %s of profile “%s” (%s) counts back from event “%s” of %s to a date before 1900-01-01, "
                         "the first date libattrib handles: give the clause a shorter period, or leave out events that "
                         "early"),
                       clause->id, attrib_profile_get_id (profile), names->str, _attrib_ledger_event_id (ledger, first), day);
          return FALSE;
        }
    }
  return TRUE;
}

void
_attrib_run_clear (AttribRun *run)
{
  g_clear_pointer (&run->person_claims, g_hash_table_unref);
  g_clear_pointer (&run->computing, g_hash_table_unref);
  g_clear_pointer (&run->firsts, g_hash_table_unref);
  g_clear_pointer (&run->used, g_array_unref);
  g_clear_pointer (&run->verdict, attrib_verdict_unref);
}

/* Judges as of @until (ATTRIB_TIME_MAX: with everything): every list of
 * events the run and its clauses read — a person's events, relations and
 * visits as a companion, a party's, a deal's — ends there, so a verdict
 * as of a date depends on nothing dated after it, as if the ledger held
 * only the events up to it. Claims worked out as of another date are
 * forgotten. The first event a list or a departure look-up leaves out is
 * noted in run->next (reset it before a verdict): nothing the verdict
 * read changes before it. Identity is the exception: persons are the
 * index's, resolved with every identity link, mask and name of the
 * ledger. */
static void
set_until (AttribRun  *run,
               AttribTime  until)
{
  const AttribLedgerIndex *full = run->whole;
  AttribCsr *lists[] = { &run->view.person_events, &run->view.person_relations, &run->view.person_companions,
                         &run->view.party_events, &run->view.deal_events };
  guint i;

  if (until == run->until)
    return;
  run->until = until;
  g_hash_table_remove_all (run->person_claims);
  if (until == ATTRIB_TIME_MAX)
    {
      run->index = full;
      return;
    }
  if (run->index != &run->view)
    {
      run->view = *full;
      for (i = 0; i < G_N_ELEMENTS (lists); i++)
        {
          lists[i]->cut_records = run->ledger->records;
          lists[i]->cut_position = full->position;
          lists[i]->cut_next = &run->next;
        }
      run->index = &run->view;
    }
  for (i = 0; i < G_N_ELEMENTS (lists); i++)
    lists[i]->cut_at = until;
}

/* Judges afresh as of @until: the claims worked out so far are forgotten
 * (another deal's would neither list their events among the next
 * verdict's inputs nor note what they were denied), and the first event
 * denied (_attrib_run_next) is looked for anew. */
void
_attrib_run_restart (AttribRun  *run,
                     AttribTime  until)
{
  set_until (run, until);
  g_hash_table_remove_all (run->person_claims);
  run->next.at = ATTRIB_TIME_MAX;
}

/* The first event after the run's date that it was denied since it was
 * last restarted: nothing it decided can change before that event. */
const AttribCutNext *
_attrib_run_next (AttribRun *run)
{
  return &run->next;
}

/* The index of every event, whatever the run's date. */
const AttribLedgerIndex *
_attrib_run_whole_index (AttribRun *run)
{
  return run->whole;
}

/* With @sealed FALSE, verdicts carry their shares only: no trace, no
 * fingerprint (the calculator reads shares). */
void
_attrib_run_set_sealed (AttribRun *run,
                        gboolean   sealed)
{
  run->unsealed = !sealed;
}

/* Notes @event, dated after the run's date, as one the run was denied. */
void
_attrib_run_deny (AttribRun *run,
                  guint32    event)
{
  const AttribRecord *rec = _attrib_run_record (run, event);
  guint32 position = run->whole->position[event];

  if (rec->at < run->next.at || (rec->at == run->next.at && position < run->next.position))
    {
      run->next.at = rec->at;
      run->next.position = position;
      run->next.event = event;
    }
}

/* A deal's stages, rulings and sanctions known by the run's date: the
 * list is in canonical order, so the known ones are a prefix. */
void
_attrib_run_deal_events (AttribRun      *run,
                         guint32         slot,
                         const guint32 **out_events,
                         guint32        *out_n)
{
  guint32 lo = 0, hi;

  _attrib_csr_get (&run->index->deal_events, slot, out_events, out_n);
  if (run->until == ATTRIB_TIME_MAX)
    return;
  hi = *out_n;
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (run->ledger->records[(*out_events)[mid]].at <= run->until)
        lo = mid + 1;
      else
        hi = mid;
    }
  *out_n = lo;
}

guint32
_attrib_run_contact_person (AttribRun *run,
                            guint32    contact)
{
  if (contact == ATTRIB_NONE)
    return ATTRIB_NONE;
  if (run->reads != NULL)
    _attrib_read_log (run->reads, ATTRIB_READ_CONTACT, contact);
  return run->index->contact_person[contact];
}

guint32
_attrib_run_contact_phone (AttribRun *run,
                           guint32    contact)
{
  if (contact == ATTRIB_NONE)
    return ATTRIB_NONE;
  return g_array_index (run->ledger->contacts, AttribContactRec, contact).phone;
}

/* "lianjia/zhangsan" → "lianjia" (interned by the index); a channel or
 * `developer` is its own channel. */
guint32
_attrib_run_channel_of (AttribRun *run,
                        guint32    party)
{
  const char *s = _attrib_run_str (run, party);
  const char *slash = strchr (s, '/');
  guint32 channel;

  if (slash == NULL)
    return party;
  channel = _attrib_strpool_lookup (&run->ledger->strings, s, slash - s);
  return channel != ATTRIB_NONE ? channel : party;
}

/* Who competes for a customer: channels under a channel-level profile,
 * each agent under an agent-level one. */
guint32
_attrib_run_competitor (AttribRun *run,
                        guint32    party)
{
  return _attrib_profile_is_agent_level (run->profile) ? party : _attrib_run_channel_of (run, party);
}

char *
_attrib_run_time_text (AttribRun  *run,
                       AttribTime  t)
{
  return attrib_time_format (t, run->tz);
}

char *
_attrib_run_day_text (AttribRun  *run,
          AttribTime  t)
{
  char *text = attrib_time_format (t, run->tz);

  text[10] = '\0';
  return text;
}

void
_attrib_run_use (AttribRun *run,
                 guint32    event)
{
  if (run->used != NULL)
    g_array_append_val (run->used, event);
}

void
_attrib_run_trace (AttribRun     *run,
                  const char    *clause,
                  AttribOutcome  outcome,
                  const guint32 *events,
                  guint          n_events,
                  const char    *format,
                  ...)
{
  g_autofree char *message = NULL;
  g_autofree const char **ids = NULL;
  va_list args;
  guint i;

  if (run->verdict == NULL)
    return;
  /* a verdict for its shares only, or the claims of another person its
   * clauses look up (the old customer a new one came with, a referrer):
   * no trace — the clause that relied on them says so — but what it used */
  if (run->unsealed || run->untraced)
    {
      for (i = 0; i < n_events; i++)
        _attrib_run_use (run, events[i]);
      return;
    }
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  ids = g_new0 (const char *, n_events + 1);
  for (i = 0; i < n_events; i++)
    {
      ids[i] = _attrib_run_event_id (run, events[i]);
      _attrib_run_use (run, events[i]);
    }
  _attrib_verdict_add_step (run->verdict, clause, outcome, ids, message);
}

/* "from 2024-03-01 to 2024-03-07", or "from 2024-03-01 on" for a claim
 * without end. */
char *
_attrib_run_period_text (AttribRun  *run,
                         AttribTime  begin,
                         AttribTime  end)
{
  g_autofree char *from = _attrib_run_day_text (run, begin);
  g_autofree char *to = NULL;

  if (end == ATTRIB_CLAIM_ENDLESS)
    return g_strdup_printf (_("from %s on, without end"), from);
  to = _attrib_run_day_text (run, end - 1);
  return g_strdup_printf (_("from %s to %s"), from, to);
}

/* Whether @person is related (a relation event with `party`, of @kinds,
 * verified, recorded by @known_by) to the representative @party. */
gboolean
_attrib_run_related_to_party (AttribRun  *run,
                              guint32     person,
                              guint32     party,
                              guint32     kinds,
                              AttribTime  known_by,
                              guint32    *out_relation)
{
  const guint32 *relations;
  guint32 n, r;

  _attrib_csr_get (&run->index->person_relations, person, &relations, &n);
  for (r = 0; r < n; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);

      if (rel->counterpart == ATTRIB_NONE && rel->party == party && (kinds & ATTRIB_RELATION_BIT (rel->kind)) &&
          (rel->flags & ATTRIB_RECORD_VERIFIED) && rel->at <= known_by)
        {
          if (out_relation != NULL)
            *out_relation = relations[r];
          return TRUE;
        }
    }
  return FALSE;
}

/* A relation of @kinds between the persons @a and @b, or ATTRIB_NONE;
 * with @verified, only a verified one the run knows of. */
guint32
_attrib_run_relation_between (AttribRun *run,
                              guint32    a,
                              guint32    b,
                              guint32    kinds,
                              gboolean   verified)
{
  const guint32 *relations;
  guint32 n, r;

  _attrib_csr_get (&run->index->person_relations, a, &relations, &n);
  for (r = 0; r < n; r++)
    {
      const AttribRecord *rel = _attrib_run_record (run, relations[r]);
      guint32 x = _attrib_run_contact_person (run, rel->contact);
      guint32 y = _attrib_run_contact_person (run, rel->counterpart);

      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)) || !((x == a && y == b) || (x == b && y == a)))
        continue;
      if (!verified || ((rel->flags & ATTRIB_RECORD_VERIFIED) && _attrib_run_knows_relation (run, relations[r])))
        return relations[r];
    }
  return ATTRIB_NONE;
}

/* A person's first contacts with the office, of every event of the
 * ledger: each is the earliest event of its sort, so a verdict as of a
 * date that asks whether one came before an event it knows gets the
 * answer the events up to that date give. */
typedef struct
{
  guint32 visit;             /* a visit, the office's or the CRM's, of their
                              * own or in someone else's group */
  guint32 contact;           /* a visit to the office, of their own or in a
                              * group */
  guint32 contact_calls;     /* the same, or a call, to the office or in the
                              * CRM */
} AttribFirsts;

static guint32
earlier_of (AttribRun *run,
            guint32    a,
            guint32    b)
{
  if (a == ATTRIB_NONE)
    return b;
  if (b == ATTRIB_NONE || run->whole->position[a] < run->whole->position[b])
    return a;
  return b;
}

/* Worked out once per run, in one pass over the person's events and the
 * visits they came along to. */
static const AttribFirsts *
firsts_of (AttribRun *run,
           guint32    person)
{
  AttribFirsts *f = g_hash_table_lookup (run->firsts, GUINT_TO_POINTER (person + 1));
  AttribFirsts joined = { ATTRIB_NONE, ATTRIB_NONE, ATTRIB_NONE };
  const guint32 *events;
  guint32 n, i;

  if (f != NULL)
    return f;
  f = g_new (AttribFirsts, 1);
  f->visit = f->contact = f->contact_calls = ATTRIB_NONE;
  _attrib_csr_get (&run->whole->person_events, person, &events, &n);
  for (i = 0; i < n && (f->visit == ATTRIB_NONE || f->contact == ATTRIB_NONE || f->contact_calls == ATTRIB_NONE); i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      gboolean office_visit = rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->kind == ATTRIB_VISIT_KIND_VISIT;

      if (f->visit == ATTRIB_NONE &&
          (office_visit || (rec->type == ATTRIB_EVENT_TYPE_INTERACTION && rec->kind == ATTRIB_INTERACTION_KIND_VISIT)))
        f->visit = events[i];
      if (f->contact == ATTRIB_NONE && office_visit)
        f->contact = events[i];
      if (f->contact_calls == ATTRIB_NONE &&
          (rec->type == ATTRIB_EVENT_TYPE_VISIT ||
           (rec->type == ATTRIB_EVENT_TYPE_INTERACTION && rec->kind != ATTRIB_INTERACTION_KIND_FOLLOW_UP)))
        f->contact_calls = events[i];
    }
  _attrib_csr_get (&run->whole->person_companions, person, &events, &n);
  for (i = 0; i < n && joined.visit == ATTRIB_NONE; i++)
    {
      if (joined.contact_calls == ATTRIB_NONE)
        joined.contact_calls = events[i];
      if (_attrib_run_record (run, events[i])->kind == ATTRIB_VISIT_KIND_VISIT)
        joined.visit = joined.contact = events[i];
    }
  f->visit = earlier_of (run, f->visit, joined.visit);
  f->contact = earlier_of (run, f->contact, joined.contact);
  f->contact_calls = earlier_of (run, f->contact_calls, joined.contact_calls);
  g_hash_table_insert (run->firsts, GUINT_TO_POINTER (person + 1), f);
  return f;
}

/* @event if it came before @before, else ATTRIB_NONE. */
static guint32
if_before (AttribRun  *run,
           guint32     event,
           AttribTime  before)
{
  return event != ATTRIB_NONE && _attrib_run_record (run, event)->at < before ? event : ATTRIB_NONE;
}

/* No earlier visit of the person, in the office's records or the CRM's,
 * on their own or in someone else's group (a call to the office is no
 * visit). */
gboolean
_attrib_run_first_visit (AttribRun  *run,
                         guint32     person,
                         AttribTime  before)
{
  return if_before (run, firsts_of (run, person)->visit, before) == ATTRIB_NONE;
}

/* The person's first contact with the office before @before: a visit of
 * their own or one they came along to in someone else's group, or with
 * @calls also a call (to the office, or in the CRM: any interaction but
 * a follow-up); ATTRIB_NONE if none. */
guint32
_attrib_run_first_contact (AttribRun  *run,
                           guint32     person,
                           AttribTime  before,
                           gboolean    calls)
{
  const AttribFirsts *f = firsts_of (run, person);

  return if_before (run, calls ? f->contact_calls : f->contact, before);
}

/* When the deal (a string id) was cancelled, or ATTRIB_TIME_MAX. */
AttribTime
_attrib_run_deal_cancelled_at (AttribRun *run,
                   guint32    deal)
{
  guint32 slot = _attrib_ledger_find_deal (run->ledger, _attrib_run_str (run, deal));
  const guint32 *events;
  guint32 n, i;

  _attrib_run_deal_events (run, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        return rec->at;
    }
  return ATTRIB_TIME_MAX;
}

/* Whether @person had made a deal (a subscription or a signing not
 * cancelled by then) before @t: an old customer who has bought (已成交). */
gboolean
_attrib_run_bought_before (AttribRun  *run,
                           guint32     person,
                           AttribTime  t)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n && _attrib_run_record (run, events[i])->at < t; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL &&
          (rec->kind == ATTRIB_DEAL_STAGE_SUBSCRIBED || rec->kind == ATTRIB_DEAL_STAGE_SIGNED) &&
          _attrib_run_deal_cancelled_at (run, rec->deal) >= t)
        return TRUE;
    }
  return FALSE;
}

void
_attrib_run_award_claims (AttribRun         *run,
                          const AttribClaimRec *claims,
                          guint              n)
{
  guint i;

  for (i = 0; i < n; i++)
    {
      _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, _attrib_run_str (run, claims[i].holder), 1, n);
      _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, _attrib_run_str (run, claims[i].holder), 1, n);
    }
}

void
_attrib_run_award_party (AttribRun  *run,
                         const char *party)
{
  _attrib_verdict_clear_shares (run->verdict);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, party, 1, 1);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, party, 1, 1);
}

/* The performance to one party (or, with @performance NULL, to both),
 * the commission split equally between @a and @b. */
void
_attrib_run_award_split (AttribRun  *run,
                         const char *performance,
                         const char *a,
                         const char *b)
{
  _attrib_verdict_clear_shares (run->verdict);
  if (performance != NULL)
    _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, performance, 1, 1);
  else
    {
      _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, a, 1, 2);
      _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_PERFORMANCE, b, 1, 2);
    }
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, a, 1, 2);
  _attrib_verdict_add_share (run->verdict, ATTRIB_SHARE_KIND_COMMISSION, b, 1, 2);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const guint32 *position = user_data;
  guint32 x = position[*(const guint32 *) a], y = position[*(const guint32 *) b];

  return x < y ? -1 : x > y;
}

/* The canonical text of every input: the library version is added by the
 * verdict; here the resolved profile (by the SHA-256 of its canonical
 * JSON) and the used events, once each, in canonical order, each as
 * canonical JSON. */
char *
_attrib_run_fingerprint_inputs (AttribRun *run)
{
  GString *out = g_string_new ("profile ");
  guint i;

  g_string_append (out, _attrib_profile_get_digest (run->profile));
  g_array_sort_with_data (run->used, compare_positions, run->index->position);
  for (i = 0; i < run->used->len; i++)
    {
      guint32 e = g_array_index (run->used, guint32, i);
      g_autoptr(AttribEvent) ev = NULL;

      if (i > 0 && e == g_array_index (run->used, guint32, i - 1))
        continue;
      ev = _attrib_ledger_materialize (run->ledger, e);
      g_string_append_c (out, '\n');
      _attrib_event_append_canonical (out, ev, run->tz);
    }
  return g_string_free (out, FALSE);
}
