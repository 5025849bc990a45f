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
#include "attrib-sha256-private.h"
#include "attrib-profile-private.h"
#include "attrib-util-private.h"

static void
person_claims_unref (gpointer data)
{
  AttribPersonClaims *pc = data;
  guint i;

  if (--pc->ref_count > 0)
    return;
  g_array_unref (pc->claims);
  for (i = 0; i < pc->rejected->len; i++)
    g_free (g_array_index (pc->rejected, AttribAttempt, i).reason);
  g_array_unref (pc->rejected);
  g_clear_pointer (&pc->by_cause, g_hash_table_unref);
  g_free (pc);
}

static void
person_sorted_free (gpointer data)
{
  AttribPersonSorted *sorted = data;

  g_array_unref (sorted->sanctions);
  g_array_unref (sorted->receptions);
  g_array_unref (sorted->non_receptions);
  g_free (sorted);
}

static void
kept_claims_free (gpointer data)
{
  AttribKeptClaims *kept = data;

  person_claims_unref (kept->pc);
  if (kept->steps != NULL)
    g_ptr_array_unref (kept->steps);
  g_array_unref (kept->used);
  if (kept->kinds != NULL)
    g_array_unref (kept->kinds);
  g_free (kept);
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
  run->person_claims = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, person_claims_unref);
  run->computing = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* firsts, digests, hashed and sorted are made when first needed: a
   * desk's single verdict may need none */
  run->lookahead = profile_lookahead (profile);
  run->show_phones = attrib_get_show_phones ();
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
  gint64 longest_months = 0, longest_days = 0;
  guint i;

  if (ledger->n_records == 0)
    return TRUE;
  index = _attrib_ledger_ensure_index_for (ledger, _attrib_profile_get_mask_names (profile));
  first = index->order[0];
  last = index->order[ledger->n_records - 1];
  first_day = attrib_time_get_local_day (ledger->records[first].at, tz);
  last_day = attrib_time_get_local_day (ledger->records[last].at, tz);
  /* asked for every verdict: the longest reach of any clause is enough
   * where the events lie far from the edges (adding months and days only
   * moves a date further) */
  _attrib_profile_get_reach (profile, &longest_months, &longest_days);
  if (longest_months < G_MAXINT / 2 &&
      (gint64) attrib_day_add_months (last_day, (int) longest_months) + longest_days <= ATTRIB_DAY_LAST &&
      (gint64) attrib_day_add_months (first_day, (int) -longest_months) - longest_days >= ATTRIB_DAY_FIRST)
    return TRUE;
  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);
      g_autoptr(GString) names = NULL;
      g_autofree char *day = NULL;
      gint64 months = 0, days = 0;
      int m;

      /* asked for every verdict: the parameters are named only for an
       * error */
      if (!_attrib_clause_reach (clause, &months, &days, NULL))
        continue;
      m = (int) MIN (months, G_MAXINT / 2);
      if (out_clause != NULL)
        *out_clause = clause->id;
      if ((gint64) attrib_day_add_months (last_day, m) + days <= ATTRIB_DAY_LAST &&
          (gint64) attrib_day_add_months (first_day, -m) - days >= ATTRIB_DAY_FIRST)
        continue;
      names = g_string_new (NULL);
      months = days = 0;
      _attrib_clause_reach (clause, &months, &days, names);
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
  g_clear_pointer (&run->spare_attempts, g_ptr_array_unref);
  g_clear_pointer (&run->firsts, g_hash_table_unref);
  g_clear_pointer (&run->shown, g_hash_table_unref);
  g_clear_pointer (&run->used, g_array_unref);
  g_clear_pointer (&run->trace_folds, g_hash_table_unref);
  g_clear_pointer (&run->digests, g_hash_table_unref);
  g_clear_pointer (&run->hashed, g_hash_table_unref);
  g_clear_pointer (&run->sorted, g_hash_table_unref);
  g_clear_pointer (&run->kept, g_hash_table_unref);
  g_clear_pointer (&run->asked, g_hash_table_unref);
  g_clear_pointer (&run->used_persons, g_array_unref);
  g_clear_pointer (&run->verdict, attrib_verdict_unref);
}

const char *
_attrib_run_shown_text (AttribRun  *run,
                        const char *text)
{
  const char *t;
  gsize digits = 0;
  char *shown;

  /* most ids and names: ASCII with fewer than 7 digits, nothing to hide */
  for (t = text; *t != '\0'; t++)
    {
      if ((guchar) *t >= 0x80)
        break;
      digits += g_ascii_isdigit (*t) != 0;
    }
  if ((*t == '\0' && digits < 7) || run->show_phones)
    return text;

  if (run->shown == NULL)
    run->shown = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  if ((shown = g_hash_table_lookup (run->shown, text)) != NULL)
    return shown;
  shown = _attrib_run_display (run, text);
  g_hash_table_insert (run->shown, (gpointer) text, shown);
  return shown;
}

char *
_attrib_run_display (AttribRun  *run,
                     const char *text)
{
  return run->show_phones ? g_strdup (text) : attrib_phone_mask (text);
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
  _attrib_run_forget_claims (run);
  if (run->digests != NULL)
    g_hash_table_remove_all (run->digests);
  if (run->hashed != NULL)
    g_hash_table_remove_all (run->hashed);
  if (run->sorted != NULL)
    g_hash_table_remove_all (run->sorted);
  if (run->kept != NULL)
    {
      g_hash_table_remove_all (run->kept);
      g_hash_table_remove_all (run->asked);
    }
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

static gboolean
forget_one (gpointer key,
            gpointer value,
            gpointer data)
{
  return TRUE;
}

/* Forgets the claims worked out: g_hash_table_remove_all() would make
 * the table's arrays afresh, for every deal of a batch. */
void
_attrib_run_forget_claims (AttribRun *run)
{
  g_hash_table_foreach_remove (run->person_claims, forget_one, NULL);
}

/* An empty array of AttribAttempt for an event's attempts: one the run
 * kept, or a new one. Give it back with _attrib_run_free_attempts(). */
GArray *
_attrib_run_new_attempts (AttribRun *run)
{
  if (run->spare_attempts != NULL && run->spare_attempts->len > 0)
    return g_ptr_array_steal_index_fast (run->spare_attempts, run->spare_attempts->len - 1);
  return g_array_new (FALSE, TRUE, sizeof (AttribAttempt));
}

#define ATTRIB_SPARE_ATTEMPTS 8

void
_attrib_run_free_attempts (AttribRun *run,
                           GArray    *attempts)
{
  if (attempts == NULL)
    return;
  if (run->spare_attempts == NULL)
    run->spare_attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  if (run->spare_attempts->len >= ATTRIB_SPARE_ATTEMPTS || attempts->len > 64)
    {
      g_array_unref (attempts);
      return;
    }
  g_array_set_size (attempts, 0);
  g_ptr_array_add (run->spare_attempts, attempts);
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
  _attrib_run_forget_claims (run);
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
  if (run->kept != NULL && run->unsealed == sealed)
    {
      g_hash_table_remove_all (run->kept);
      g_hash_table_remove_all (run->asked);
    }
  run->unsealed = !sealed;
}

/* Keeps the claims the deal's clauses ask for from one verdict to the
 * next (a batch: a purchaser of many deals), where working them out
 * again would give the same (claims_until in attrib-claims.c). */
void
_attrib_run_keep_claims (AttribRun *run)
{
  if (run->kept != NULL)
    return;
  run->kept = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, kept_claims_free);
  run->asked = g_hash_table_new (g_direct_hash, g_direct_equal);
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
  if (run->recording != NULL)
    g_array_append_val (run->recording->used, event);
}

/* Every event of @person, and every visit they came along to, as of the
 * run's date, are inputs of the verdict: the fingerprint takes them as
 * one digest (person_digest). */
void
_attrib_run_use_person (AttribRun *run,
                        guint32    person)
{
  if (run->used_persons != NULL)
    g_array_append_val (run->used_persons, person);
}

static gboolean
list_has (AttribRun       *run,
          const AttribCsr *csr,
          guint32          key,
          guint32          event)
{
  const guint32 *events;
  guint32 n, lo = 0, hi, position = run->index->position[event];

  _attrib_csr_get (csr, key, &events, &n);
  hi = n;
  /* in canonical order */
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (run->index->position[events[mid]] < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < n && events[lo] == event;
}

/* Whether @event is among those _attrib_run_use_person() uses of
 * @person. */
gboolean
_attrib_run_person_has (AttribRun *run,
                        guint32    person,
                        guint32    event)
{
  return list_has (run, &run->index->person_events, person, event) ||
         list_has (run, &run->index->person_companions, person, event);
}

/* A trace lists the first ATTRIB_TRACE_REPEATS steps of each kind — a
 * clause, an outcome and a message saying the same thing of other events
 * — and then one step that counts the others and names the first and the
 * last of their events. A purchaser whom a thousand channels brought in
 * inside one channel's claim gives every deal of theirs a thousand
 * rejected confirmations: listed whole, N deals would carry N² steps
 * (issue 17). No verdict of the audit suites has more than four steps of
 * a kind. The events of the steps not listed are inputs of the verdict
 * all the same. */
#define ATTRIB_TRACE_REPEATS 8

typedef struct
{
  const char *clause;
  const char *format;        /* the message's format: its kind */
  AttribOutcome outcome;
  guint count;               /* steps of this kind so far */
  guint summary;             /* the index of the step that counts the
                              * others */
  const char *first, *last;  /* the first events of the first and the
                              * last step not listed */
  guint mark;                /* count at _attrib_run_trace_mark() */
} AttribTraceFold;

static guint
trace_fold_hash (gconstpointer key)
{
  const AttribTraceFold *fold = key;

  return g_str_hash (fold->clause) ^ (g_direct_hash (fold->format) * 31u) ^ (guint) fold->outcome;
}

static gboolean
trace_fold_equal (gconstpointer a,
                  gconstpointer b)
{
  const AttribTraceFold *x = a, *y = b;

  return x->format == y->format && x->outcome == y->outcome && strcmp (x->clause, y->clause) == 0;
}

/* The verdict's count of steps of a kind, made at its first. */
static AttribTraceFold *
fold_of (AttribRun           *run,
         const AttribTraceFold *kind)
{
  AttribTraceFold *fold;

  if (run->trace_folds == NULL)
    run->trace_folds = g_hash_table_new_full (trace_fold_hash, trace_fold_equal, g_free, NULL);
  fold = g_hash_table_lookup (run->trace_folds, kind);
  if (fold == NULL)
    {
      fold = g_new0 (AttribTraceFold, 1);
      fold->clause = kind->clause;
      fold->format = kind->format;
      fold->outcome = kind->outcome;
      g_hash_table_add (run->trace_folds, fold);
    }
  return fold;
}

/* Whether steps from @kind's mark to its count added a summary. */
static gboolean
adds_summary (const AttribTraceFold *kind)
{
  return kind->mark <= ATTRIB_TRACE_REPEATS && kind->count > ATTRIB_TRACE_REPEATS;
}

/* Whether a step of this kind is one too many to list: then it is counted
 * by the kind's summary step, added where the first of them would have
 * been. */
static gboolean
trace_fold (AttribRun     *run,
            const char    *clause,
            AttribOutcome  outcome,
            const char    *format,
            const char    *event_id)
{
  AttribTraceFold key = { clause, format, outcome, 0, 0, NULL, NULL, 0 };
  AttribTraceFold *fold = fold_of (run, &key);

  if (++fold->count <= ATTRIB_TRACE_REPEATS)
    return FALSE;
  if (fold->count == ATTRIB_TRACE_REPEATS + 1)
    {
      const char *none[] = { NULL };

      fold->summary = _attrib_verdict_n_steps (run->verdict);
      fold->first = event_id;
      /* completed by _attrib_run_trace_finish() */
      _attrib_verdict_add_step (run->verdict, clause, outcome, none, "");
    }
  fold->last = event_id;
  return TRUE;
}

/* Kept claims (attrib-claims.c) and the summaries: the steps a person's
 * claims traced in one verdict are taken by later verdicts as they are,
 * summaries included, where the verdict has as many steps of each of
 * their kinds as the first had when it began them — then each step is
 * listed or counted as it would be if worked out afresh.
 * _attrib_run_trace_mark() notes the counts; _attrib_run_trace_kinds()
 * lists the kinds traced since (mark: the count before, count: after;
 * summary: the index of a summary they added, from @first_step). */
void
_attrib_run_trace_mark (AttribRun *run)
{
  GHashTableIter iter;
  gpointer key;

  if (run->trace_folds == NULL)
    return;
  g_hash_table_iter_init (&iter, run->trace_folds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    ((AttribTraceFold *) key)->mark = ((AttribTraceFold *) key)->count;
}

GArray *
_attrib_run_trace_kinds (AttribRun *run,
                         guint      first_step,
                         gboolean  *out_summarised)
{
  GArray *kinds = g_array_new (FALSE, FALSE, sizeof (AttribTraceFold));
  GHashTableIter iter;
  gpointer key;

  *out_summarised = FALSE;
  if (run->trace_folds == NULL)
    return kinds;
  g_hash_table_iter_init (&iter, run->trace_folds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      AttribTraceFold kind = *(AttribTraceFold *) key;

      if (kind.count == kind.mark)
        continue;
      if (adds_summary (&kind))
        {
          kind.summary -= first_step;
          *out_summarised = TRUE;
        }
      g_array_append_val (kinds, kind);
    }
  return kinds;
}

/* Whether the steps of @kinds (from _attrib_run_trace_kinds()) can be
 * added to the verdict being built as they are, from its step @base on:
 * then they are counted. */
gboolean
_attrib_run_trace_take_kinds (AttribRun *run,
                              GArray    *kinds,
                              guint      base)
{
  guint i;

  for (i = 0; i < kinds->len; i++)
    {
      const AttribTraceFold *kind = &g_array_index (kinds, AttribTraceFold, i);
      const AttribTraceFold *fold = run->trace_folds != NULL ? g_hash_table_lookup (run->trace_folds, kind) : NULL;

      if ((fold != NULL ? fold->count : 0) != kind->mark)
        return FALSE;
    }
  for (i = 0; i < kinds->len; i++)
    {
      const AttribTraceFold *kind = &g_array_index (kinds, AttribTraceFold, i);
      AttribTraceFold *fold = fold_of (run, kind);

      if (adds_summary (kind))
        {
          fold->summary = base + kind->summary;
          fold->first = kind->first;
        }
      if (kind->count > ATTRIB_TRACE_REPEATS)
        fold->last = kind->last;
      fold->count = kind->count;
    }
  return TRUE;
}

/* Completes the summary steps of the verdict being built (see
 * trace_fold()), before it is sealed. */
void
_attrib_run_trace_finish (AttribRun *run)
{
  GHashTableIter iter;
  gpointer key;

  if (run->trace_folds == NULL)
    return;
  g_hash_table_iter_init (&iter, run->trace_folds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const AttribTraceFold *fold = key;
      guint more = fold->count - ATTRIB_TRACE_REPEATS;
      g_autofree char *message = NULL;
      const char *events[3] = { fold->first, fold->last, NULL };

      if (fold->count <= ATTRIB_TRACE_REPEATS || run->verdict == NULL)
        continue;
      if (more == 1 || fold->first == NULL)
        events[1] = NULL;
      if (fold->first == NULL)
        events[0] = NULL;
      if (more == 1)
        message = g_strdup_printf (_("one more step like the %u above, for the event “%s”, is not listed"),
                                   (guint) ATTRIB_TRACE_REPEATS,
                                   fold->first != NULL ? _attrib_run_shown_text (run, fold->first) : "");
      else
        message = g_strdup_printf (_("%1$u more steps like the %2$u above, for the events from “%3$s” to “%4$s”, "
                                     "are not listed"),
                                   more, (guint) ATTRIB_TRACE_REPEATS,
                                   fold->first != NULL ? _attrib_run_shown_text (run, fold->first) : "",
                                   fold->last != NULL ? _attrib_run_shown_text (run, fold->last) : "");
      _attrib_verdict_set_step (run->verdict, fold->summary, events, message);
    }
  g_clear_pointer (&run->trace_folds, g_hash_table_unref);
}

void
_attrib_run_use_events (AttribRun     *run,
                        const guint32 *events,
                        guint          n_events)
{
  guint i;

  for (i = 0; i < n_events; i++)
    _attrib_run_use (run, events[i]);
}

void
_attrib_run_trace_step (AttribRun     *run,
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
   * no trace — the clause that relied on them says so — but what it used;
   * and what a kind of step already listed enough times says again */
  if (run->unsealed || run->untraced ||
      trace_fold (run, clause, outcome, format, n_events > 0 ? _attrib_run_event_id (run, events[0]) : NULL))
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
  AttribFirsts *f;
  AttribFirsts joined = { ATTRIB_NONE, ATTRIB_NONE, ATTRIB_NONE };
  const guint32 *events;
  guint32 n, i;

  if (run->firsts == NULL)
    run->firsts = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  f = g_hash_table_lookup (run->firsts, GUINT_TO_POINTER (person + 1));

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

/* The events of @person a deal's clauses look for (AttribPersonSorted),
 * as of the run's date. The person's events are read as the clauses read
 * them (an AttribWatch notes it; a run as of a date notes the first it
 * leaves out). */
const AttribPersonSorted *
_attrib_run_person_sorted (AttribRun *run,
                           guint32    person)
{
  AttribPersonSorted *sorted;
  const guint32 *events;
  guint32 n, i, j;

  if (run->sorted == NULL)
    run->sorted = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, person_sorted_free);
  sorted = g_hash_table_lookup (run->sorted, GUINT_TO_POINTER (person + 1));

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  if (sorted != NULL)
    return sorted;
  sorted = g_new (AttribPersonSorted, 1);
  sorted->sanctions = g_array_new (FALSE, FALSE, sizeof (guint32));
  sorted->receptions = g_array_new (FALSE, FALSE, sizeof (guint32));
  sorted->non_receptions = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      const AttribClause *clause;
      guint32 receiver;
      guint n_same = 0;
      gboolean same_receiver = FALSE;

      if (rec->type == ATTRIB_EVENT_TYPE_SANCTION && rec->deal == ATTRIB_NONE)
        g_array_append_val (sorted->sanctions, events[i]);
      if (rec->type != ATTRIB_EVENT_TYPE_VISIT || (receiver = _attrib_reception_receiver (run, events[i])) == ATTRIB_NONE)
        continue;
      g_array_append_val (sorted->receptions, events[i]);
      if (rec->n_agents > 0 || (clause = _attrib_not_a_reception (run, events[i])) == NULL)
        continue;
      /* of a clause, the first, and the first another received: whoever
       * a deal's claim is with, the first someone else received is one of
       * the two */
      for (j = 0; j < sorted->non_receptions->len; j++)
        {
          guint32 other = g_array_index (sorted->non_receptions, guint32, j);

          if (_attrib_not_a_reception (run, other) == clause)
            {
              n_same++;
              same_receiver |= _attrib_reception_receiver (run, other) == receiver;
            }
        }
      if (n_same == 0 || (n_same == 1 && !same_receiver))
        g_array_append_val (sorted->non_receptions, events[i]);
    }
  g_hash_table_insert (run->sorted, GUINT_TO_POINTER (person + 1), sorted);
  return sorted;
}

/* How many of @events (in canonical order) are dated up to @until. */
guint32
_attrib_run_count_until (AttribRun  *run,
                         GArray     *events,
                         AttribTime  until)
{
  guint32 lo = 0, hi = events->len;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (_attrib_run_record (run, g_array_index (events, guint32, mid))->at <= until)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
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

/* The SHA-256 of the canonical lines of every event of @person and every
 * visit they came along to, as of the run's date, in canonical order, in
 * @out; kept for the run and date from the second time on (a purchaser
 * of many deals, a relative of many purchasers). */
static void
person_digest (AttribRun *run,
               guint32    person,
               char       out[72])
{
  char *digest;
  g_autoptr(GString) lines = NULL;
  const guint32 *own, *joined;
  guint32 n_own, n_joined, i = 0, j = 0;
  AttribSha256 sha;

  if (run->digests == NULL)
    {
      run->digests = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
      run->hashed = g_hash_table_new (g_direct_hash, g_direct_equal);
    }
  digest = g_hash_table_lookup (run->digests, GUINT_TO_POINTER (person + 1));

  if (digest != NULL)
    {
      memcpy (out, digest, 72);
      return;
    }
  _attrib_csr_get (&run->index->person_events, person, &own, &n_own);
  _attrib_csr_get (&run->index->person_companions, person, &joined, &n_joined);
  lines = g_string_new (NULL);
  while (i < n_own || j < n_joined)
    {
      g_autoptr(AttribEvent) ev = NULL;
      guint32 e;

      /* the two lists merged, an event in both once */
      if (j == n_joined || (i < n_own && run->index->position[own[i]] <= run->index->position[joined[j]]))
        {
          e = own[i++];
          if (j < n_joined && joined[j] == e)
            j++;
        }
      else
        e = joined[j++];
      ev = _attrib_ledger_materialize (run->ledger, e);
      _attrib_event_append_canonical (lines, ev, run->tz);
      g_string_append_c (lines, '\n');
    }
  /* hashed at once: quicker than line by line */
  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, lines->str, lines->len);
  _attrib_sha256_finish (&sha, out);
  if (!g_hash_table_add (run->hashed, GUINT_TO_POINTER (person + 1)))
    g_hash_table_insert (run->digests, GUINT_TO_POINTER (person + 1), g_memdup2 (out, 72));
}

static gboolean
sorted_contains (GArray  *sorted,
                 guint32  value)
{
  guint lo = 0, hi = sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (sorted, guint32, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < sorted->len && g_array_index (sorted, guint32, lo) == value;
}

static int
compare_digests (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (a, b);
}

/* Whether @event is among the events of a person the verdict used whole
 * (@persons, sorted): theirs if it is about them — its customer or
 * purchaser, either side of a relation — or a visit they came along to. */
static gboolean
used_whole (AttribRun *run,
            GArray    *persons,
            guint32    event)
{
  const AttribRecord *rec = _attrib_run_record (run, event);
  guint32 candidates[2], n = 0, i;

  if (rec->contact != ATTRIB_NONE)
    candidates[n++] = run->index->contact_person[rec->contact];
  if ((rec->type == ATTRIB_EVENT_TYPE_RELATION || rec->type == ATTRIB_EVENT_TYPE_IDENTITY) &&
      rec->counterpart != ATTRIB_NONE)
    candidates[n++] = run->index->contact_person[rec->counterpart];
  for (i = 0; i < n; i++)
    if (candidates[i] != ATTRIB_NONE && sorted_contains (persons, candidates[i]) &&
        list_has (run, &run->index->person_events, candidates[i], event))
      return TRUE;
  if (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->extra != ATTRIB_NONE)
    {
      const AttribVisitExtra *x = &g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra);

      for (i = 0; i < x->n_companions; i++)
        {
          guint32 c = g_array_index (run->ledger->companions, AttribCompanionRec, x->companions + i).contact;
          guint32 p = run->index->contact_person[c];

          if (p != ATTRIB_NONE && sorted_contains (persons, p) &&
              list_has (run, &run->index->person_companions, p, event))
            return TRUE;
        }
    }
  return FALSE;
}

/* The canonical text of every input: the library version is added by the
 * verdict; here the resolved profile (by the SHA-256 of its canonical
 * JSON); then each person used whole by the SHA-256 of the canonical
 * lines of their events (person_digest), in the order of those digests;
 * then the other events used, once each, in canonical order, each as
 * canonical JSON. */
char *
_attrib_run_fingerprint_inputs (AttribRun *run)
{
  GString *out = g_string_new ("profile ");
  g_autoptr(GArray) digests = g_array_new (FALSE, FALSE, 72);
  guint i;

  g_string_append (out, _attrib_profile_get_digest (run->profile));
  _attrib_sort_unique (run->used_persons);
  g_array_set_size (digests, run->used_persons->len);
  for (i = 0; i < run->used_persons->len; i++)
    person_digest (run, g_array_index (run->used_persons, guint32, i), digests->data + 72 * i);
  g_array_sort (digests, compare_digests);
  for (i = 0; i < digests->len; i++)
    {
      g_string_append (out, "\nperson ");
      g_string_append (out, digests->data + 72 * i);
    }
  g_array_sort_with_data (run->used, compare_positions, run->index->position);
  for (i = 0; i < run->used->len; i++)
    {
      guint32 e = g_array_index (run->used, guint32, i);
      g_autoptr(AttribEvent) ev = NULL;

      if ((i > 0 && e == g_array_index (run->used, guint32, i - 1)) || used_whole (run, run->used_persons, e))
        continue;
      ev = _attrib_ledger_materialize (run->ledger, e);
      g_string_append_c (out, '\n');
      _attrib_event_append_canonical (out, ev, run->tz);
    }
  return g_string_free (out, FALSE);
}
