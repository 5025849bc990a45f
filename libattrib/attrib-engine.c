/* attrib-engine.c: a profile applied to a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-claim-private.h"
#include "attrib-event-private.h"
#include "attrib-engine-private.h"
#include "attrib-person-private.h"
#include "attrib-util-private.h"

/**
 * AttribEngine:
 *
 * Applies a [class@Attrib.Profile] to the events of a [class@Attrib.Ledger]
 * and gives a [struct@Attrib.Verdict] per deal.
 *
 * For each deal the engine takes the counted stage (认购 or 签约, per the
 * profile), resolves the purchaser, and works out the *claims* (归属) on
 * the persons involved from their confirmations, in canonical order:
 * every confirmation is checked by the profile's validity clauses
 * (reports, look-backs), protection and renewal clauses start, renew and
 * end claims, and a running claim protects the customer from other
 * channels. The deciding clauses then apply in profile order — a ruling,
 * the purchaser's own claim, related purchasers, companions — and a deal
 * nobody claims is the developer's. Every clause considered is traced.
 *
 * An engine holds no state between calls: it may attribute several
 * ledgers, and a frozen ledger from several threads at once.
 */

struct _AttribEngine
{
  GObject parent_instance;
  AttribProfile *profile;
};

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AttribEngine, attrib_engine, G_TYPE_OBJECT)

static void
attrib_engine_finalize (GObject *object)
{
  AttribEngine *self = ATTRIB_ENGINE (object);

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (attrib_engine_parent_class)->finalize (object);
}

static void
attrib_engine_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AttribEngine *self = ATTRIB_ENGINE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_engine_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AttribEngine *self = ATTRIB_ENGINE (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
attrib_engine_class_init (AttribEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attrib_engine_finalize;
  object_class->get_property = attrib_engine_get_property;
  object_class->set_property = attrib_engine_set_property;

  /**
   * AttribEngine:profile:
   *
   * The profile the engine applies.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         ATTRIB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _attrib_bind_textdomain ();
}

static void
attrib_engine_init (AttribEngine *self)
{
}

/**
 * attrib_engine_new:
 * @profile: the profile to apply
 *
 * Creates an engine for a profile.
 *
 * Returns: (transfer full): a new engine
 */
AttribEngine *
attrib_engine_new (AttribProfile *profile)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (profile), NULL);
  return g_object_new (ATTRIB_TYPE_ENGINE, "profile", profile, NULL);
}

/**
 * attrib_engine_get_profile:
 * @self: an engine
 *
 * The profile the engine applies.
 *
 * Returns: (transfer none): the profile
 */
AttribProfile *
attrib_engine_get_profile (AttribEngine *self)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  return self->profile;
}

/* ------------------------------------------------------------------ */
/* The run                                                             */

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
  const AttribTime minute = 60 * G_USEC_PER_SEC, day = 24 * 60 * minute;
  AttribTime ahead = day;
  guint i;

  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);
      const char *kind = clause->kind->name;

      if (g_str_equal (kind, "report_lead") || g_str_equal (kind, "report_required"))
        ahead = MAX (ahead, _attrib_clause_get_int (clause, "lead_minutes") * minute + day);
      else if (g_str_equal (kind, "lapse_limit") || g_str_equal (kind, "report_format"))
        ahead = MAX (ahead, (_attrib_clause_get_int (clause, "window_days") + 2) * day);
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
void
_attrib_run_set_until (AttribRun  *run,
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

static char *
day_text (AttribRun  *run,
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
_attrib_run_step (AttribRun     *run,
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
  g_autofree char *from = day_text (run, begin);
  g_autofree char *to = NULL;

  if (end == ATTRIB_CLAIM_ENDLESS)
    return g_strdup_printf (_("from %s on, without end"), from);
  to = day_text (run, end - 1);
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

      if (rel->aux == ATTRIB_NONE && rel->party == party && (kinds & ATTRIB_RELATION_BIT (rel->kind)) &&
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
      guint32 y = _attrib_run_contact_person (run, rel->aux);

      if (!(kinds & ATTRIB_RELATION_BIT (rel->kind)) || !((x == a && y == b) || (x == b && y == a)))
        continue;
      if (!verified || ((rel->flags & ATTRIB_RECORD_VERIFIED) && _attrib_run_knows_relation (run, relations[r])))
        return relations[r];
    }
  return ATTRIB_NONE;
}

static AttribPersonClaims *claims_until (AttribRun  *run,
                                         guint32     person,
                                         AttribTime  until);
static guint covering_in (AttribRun                *run,
                          const AttribPersonClaims *pc,
                          AttribTime                t,
                          const AttribClaimRec    **out_claims);

/* Who holds @person at @t: the holder of the claim covering @t, or NONE.
 * Only the person's events up to @t are worked out for it, so persons who
 * need each other's claims (a family, a chain of referrals) each see the
 * other as it stood. */
guint32
_attrib_run_holder_at (AttribRun             *run,
                       guint32                person,
                       AttribTime             t,
                       const AttribClaimRec **out_claim)
{
  const AttribClaimRec *claim = NULL;

  if (out_claim != NULL)
    *out_claim = NULL;
  if (person == ATTRIB_NONE || covering_in (run, claims_until (run, person, t), t, &claim) == 0)
    return ATTRIB_NONE;
  if (out_claim != NULL)
    *out_claim = claim;
  return claim->holder;
}

/* Who held @person when @event came: the holder of the claim, started by
 * an earlier event, covering its time that stands highest (the first
 * among equals), or NONE. */
guint32
_attrib_run_holder_before (AttribRun             *run,
                           guint32                person,
                           guint32                event,
                           const AttribClaimRec **out_claim)
{
  AttribTime t = _attrib_run_record (run, event)->at;
  const AttribPersonClaims *pc;
  const AttribClaimRec *found = NULL;
  guint i;

  if (out_claim != NULL)
    *out_claim = NULL;
  if (person == ATTRIB_NONE)
    return ATTRIB_NONE;
  pc = claims_until (run, person, t);
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin <= t && t < claim->end && run->index->position[claim->event] < run->index->position[event] &&
          (found == NULL || claim->standing < found->standing))
        found = claim;
    }
  if (found == NULL)
    return ATTRIB_NONE;
  if (out_claim != NULL)
    *out_claim = found;
  return found->holder;
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

/* ------------------------------------------------------------------ */
/* Claims                                                              */

static gint
compare_attempts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const AttribAttempt *x = a, *y = b;
  AttribRun *run = user_data;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return strcmp (_attrib_run_str (run, x->channel), _attrib_run_str (run, y->channel));
}

/* The channels of a visit's agents: one attempt per channel, credited to
 * its first agent (lowest rank, then list order). */
static GArray *
visit_attempts (AttribRun *run,
                guint32    person,
                guint32    visit)
{
  const AttribRecord *rec = _attrib_run_record (run, visit);
  GArray *attempts = g_array_new (FALSE, TRUE, sizeof (AttribAttempt));
  guint32 i, j;

  for (i = 0; i < rec->aux; i++)
    {
      const AttribAgentRec *agent = &g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i);
      guint32 channel = _attrib_run_competitor (run, agent->party);
      AttribAttempt *found = NULL;

      if (strcmp (_attrib_run_str (run, channel), "developer") == 0)
        continue;
      for (j = 0; j < attempts->len; j++)
        if (g_array_index (attempts, AttribAttempt, j).channel == channel)
          found = &g_array_index (attempts, AttribAttempt, j);
      if (found == NULL)
        {
          AttribAttempt a = { 0, };

          a.person = person;
          a.visit = visit;
          a.channel = channel;
          a.holder = agent->party;
          a.rank = agent->rank;
          a.entered_first = TRUE;
          a.cause = ATTRIB_NONE;
          g_array_append_val (attempts, a);
        }
      else if (agent->rank < found->rank)
        {
          found->holder = agent->party;
          found->rank = agent->rank;
        }
    }
  g_array_sort_with_data (attempts, compare_attempts, run);
  return attempts;
}

/* One party's attempt from an event: a report's party, a flyer's agent. */
static GArray *
report_attempts (AttribRun *run,
                 guint32    person,
                 guint32    event,
                 guint32    party)
{
  GArray *attempts = g_array_new (FALSE, TRUE, sizeof (AttribAttempt));
  AttribAttempt a = { 0, };

  a.person = person;
  a.visit = event;
  a.channel = _attrib_run_competitor (run, party);
  a.holder = party;
  a.entered_first = TRUE;
  a.cause = ATTRIB_NONE;
  g_array_append_val (attempts, a);
  return attempts;
}

static void
trace_attempt (AttribRun           *run,
               const AttribAttempt *a)
{
  guint32 events[2] = { a->visit, a->cause };
  g_autofree char *day = day_text (run, _attrib_run_record (run, a->visit)->at);
  const AttribRecord *rec = _attrib_run_record (run, a->visit);
  gboolean reception = rec->aux == 0 && _attrib_profile_find_kind (run->profile, "first_reception") != NULL;

  _attrib_run_step (run, a->reject_clause, ATTRIB_OUTCOME_REJECTED, events, a->cause != ATTRIB_NONE ? 2 : 1,
                    rec->type == ATTRIB_EVENT_TYPE_REPORT ? _("report by %s on %s (“%s”) rejected: %s")
                    : reception ? _("reception by %s on %s (“%s”) gives no claim: %s")
                    : _("confirmation by %s on %s (“%s”) rejected: %s"),
                    _attrib_run_str (run, a->holder), day, _attrib_run_event_id (run, a->visit), a->reason);
}

static void
keep_rejected (AttribPersonClaims *pc,
               AttribAttempt      *a)
{
  g_array_append_val (pc->rejected, *a);
  a->reason = NULL;
}


static const char *
_attrib_clause_id_of_kind (AttribProfile *profile,
                           const char    *kind)
{
  const AttribClause *clause = _attrib_profile_find_kind (profile, kind);

  return clause != NULL ? clause->id : "";
}



/* A departure of the holder (or of the holder's group) at or after @from
 * ends the claim; returns the departure, traced and used, or NONE. */
static guint32
cap_by_departure (AttribRun          *run,
                  const AttribClause *departure,
                  AttribClaimRec     *claim,
                  AttribTime          from)
{
  guint32 left_event = ATTRIB_NONE;
  AttribTime left;

  if (departure == NULL)
    return ATTRIB_NONE;
  left = _attrib_departure_after (run, claim->holder, from, &left_event);
  if (left >= claim->end)
    return ATTRIB_NONE;
  claim->end = MAX (left, claim->begin);
  claim->departed = TRUE;
  _attrib_run_step (run, departure->id, ATTRIB_OUTCOME_APPLIED, &left_event, 1,
                    _("%s left on “%s”: the claim ends there"),
                    _attrib_run_str (run, claim->holder), _attrib_run_event_id (run, left_event));
  return left_event;
}

/* The same, for the kinds that start claims of their own. */
void
_attrib_run_cap_by_departure (AttribRun      *run,
                              AttribClaimRec *claim,
                              AttribTime      from)
{
  cap_by_departure (run, _attrib_profile_find_kind (run->profile, "departure"), claim, from);
}

/* When the deal (a string id) was cancelled, or ATTRIB_TIME_MAX. */
static AttribTime
deal_cancelled_at (AttribRun *run,
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
          deal_cancelled_at (run, rec->aux) >= t)
        return TRUE;
    }
  return FALSE;
}

/* The claim state machine of one person, over the person's events in
 * canonical order: the engine's reading of protection, renewal and the
 * protected customer, with the validity checks of the profile. */
static void
advance_claims (AttribRun          *run,
                guint32             person,
                AttribPersonClaims *pc,
                AttribTime          until)
{
  AttribProfile *profile = run->profile;
  const AttribClause *visit_source = _attrib_profile_find_kind (profile, "protection");
  gboolean untraced;
  const AttribClause *report_source = _attrib_profile_find_kind (profile, "report_claim");
  const AttribClause *group_activity = _attrib_profile_find_kind (profile, "group_activity");
  const AttribClause *list_report = _attrib_profile_find_kind (profile, "list_report");
  const AttribClause *first_report = _attrib_profile_find_kind (profile, "first_report");
  const AttribClause *onsite = _attrib_profile_find_kind (profile, "onsite_report");
  const AttribClause *token = _attrib_profile_find_kind (profile, "token");
  const AttribClause *brought_by = _attrib_profile_find_kind (profile, "brought_by");
  const AttribClause *referral = _attrib_profile_find_kind (profile, "referral");
  const AttribClause *visit_validity = _attrib_profile_find_kind (profile, "visit_validity");
  const AttribClause *reception = _attrib_profile_find_kind (profile, "first_reception");
  const AttribClause *departure = _attrib_profile_find_kind (profile, "departure");
  const AttribClause *protection = visit_source != NULL ? visit_source
                                 : report_source != NULL ? report_source
                                 : onsite != NULL ? onsite
                                 : first_report != NULL ? first_report
                                 : token != NULL ? token : reception;
  const AttribClause *renewal = _attrib_profile_find_kind (profile, "renewal");
  const AttribClause *protected_customer = _attrib_profile_find_kind (profile, "protected_customer");
  const AttribClause *simultaneous = _attrib_profile_find_kind (profile, "simultaneous");
  const AttribClause *natural = _attrib_profile_find_kind (profile, "natural_visit");
  const guint32 *events, *joined;
  guint32 n, n_joined, c;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  /* the visits the person came along to, in someone else's group */
  _attrib_csr_get (&run->index->person_companions, person, &joined, &n_joined);
  if (protection == NULL && natural == NULL)
    {
      pc->cursor = n;
      pc->joined_cursor = n_joined;
    }
  g_hash_table_add (run->computing, GUINT_TO_POINTER (person + 1));
  run->depth++;
  untraced = run->untraced;
  run->untraced = !pc->traced;

  for (;;)
    {
      gboolean own_next = pc->cursor < n && _attrib_run_record (run, events[pc->cursor])->at <= until;
      gboolean joined_next = pc->joined_cursor < n_joined && _attrib_run_record (run, joined[pc->joined_cursor])->at <= until;
      /* the two lists merged in canonical order */
      gboolean as_companion = joined_next &&
                              (!own_next || run->index->position[joined[pc->joined_cursor]] < run->index->position[events[pc->cursor]]);
      guint32 ev;
      const AttribRecord *rec;
      g_autoptr(GArray) attempts = NULL;
      const AttribClause *source;
      AttribStanding standing;
      guint32 holder;
      guint created = 0, first_created = pc->claims->len;
      guint a;

      if (!own_next && !joined_next)
        break;
      ev = as_companion ? joined[pc->joined_cursor++] : events[pc->cursor++];
      rec = _attrib_run_record (run, ev);

      /* claims that ended before this event leave the customer public;
       * the CRM records since they began are void from now on */
      for (c = 0; c < pc->claims->len; c++)
        {
          AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

          if (claim->standing != ATTRIB_STANDING_NATURAL && claim->end <= rec->at && !claim->renewed &&
              !claim->ended && renewal != NULL &&
              _attrib_clause_get_bool (renewal, "expired_interactions_void"))
            pc->void_since = MIN (pc->void_since, claim->chain_begin);
        }

      if (rec->type == ATTRIB_EVENT_TYPE_COMPLAINT)
        {
          /* a complaint against a party ends that party's running claims */
          guint32 channel = _attrib_run_channel_of (run, rec->party);

          for (c = 0; c < pc->claims->len; c++)
            {
              AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

              if ((claim->holder == rec->party || claim->channel == rec->party || claim->channel == channel) &&
                  claim->begin <= rec->at && rec->at < claim->end)
                {
                  claim->end = rec->at;
                  claim->ended = TRUE;
                }
            }
          continue;
        }

      if (rec->type == ATTRIB_EVENT_TYPE_SANCTION && list_report != NULL)
        {
          _attrib_list_report_apply (run, list_report, protection, pc, ev);
          continue;
        }

      if (rec->type == ATTRIB_EVENT_TYPE_DEAL && reception != NULL &&
          (rec->kind == ATTRIB_DEAL_STAGE_SUBSCRIBED || rec->kind == ATTRIB_DEAL_STAGE_SIGNED) &&
          _attrib_clause_get_bool (reception, "deal_protects"))
        {
          /* after a deal the customer stays protected until the holder's
           * group leaves the project (lvchen-joint 三.(一).3) */
          AttribTime cancelled = deal_cancelled_at (run, rec->aux);

          for (c = 0; c < pc->claims->len; c++)
            {
              AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

              if (claim->standing != ATTRIB_STANDING_PROTECTS || claim->begin > rec->at || rec->at >= claim->end || claim->end == ATTRIB_CLAIM_ENDLESS)
                continue;
              /* a deal is no call: nobody's walk-in outranks it now */
              claim->by_call = FALSE;
              if (cancelled != ATTRIB_TIME_MAX)
                {
                  /* protected while the deal stood */
                  claim->end = MAX (claim->end, cancelled);
                  continue;
                }
              claim->end = ATTRIB_CLAIM_ENDLESS;
              _attrib_run_step (run, reception->id, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                _("the customer made a deal (“%s”) inside the claim of %s: protected until %s's group "
                                  "leaves the project"),
                                _attrib_run_event_id (run, ev), _attrib_run_str (run, claim->holder),
                                _attrib_run_str (run, claim->holder));
              if (departure != NULL)
                _attrib_departure_keep_group (run, departure, pc, c, rec->at);
            }
          continue;
        }

      /* what confirms: a visit with channel agents, a report, a flyer;
       * in someone else's group, only an old customer bringing a new one
       * (sales-dept 二.8 “老客户带领新客户一同到访”) */
      source = NULL;
      standing = ATTRIB_STANDING_PROTECTS;
      if (as_companion)
        {
          guint32 host = _attrib_run_contact_person (run, rec->contact);

          if (host == ATTRIB_NONE || host == person)
            goto natural_visit;
          if (referral != NULL && (attempts = _attrib_referral_attempts (run, referral, pc, person, ev, host)) != NULL)
            source = referral;
          /* a reported customer who comes in someone else's group comes
           * all the same (sales-dept 二.2, 一.3) */
          else if (brought_by != NULL && rec->aux > 0 && _attrib_brought_by_applies (run, pc, ev))
            {
              attempts = visit_attempts (run, person, ev);
              source = brought_by;
            }
          else if (visit_validity != NULL &&
                   (holder = _attrib_visit_validity_holder (run, pc, person, ev)) != ATTRIB_NONE)
            {
              attempts = report_attempts (run, person, ev, holder);
              source = visit_validity;
            }
          /* the office received the whole group (reception-2013 总则, tangba
           * 1, first-contact 二① “亲自带领上门”) */
          else if (reception != NULL && rec->aux == 0 &&
                   (attempts = _attrib_reception_attempts (run, reception, pc, person, ev, host)) != NULL)
            source = reception;
          else
            goto natural_visit;
        }
      else if (visit_source != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->aux > 0)
        {
          attempts = visit_attempts (run, person, ev);
          source = visit_source;
        }
      else if (report_source != NULL && _attrib_report_claim_applies (run, ev))
        {
          attempts = report_attempts (run, person, ev, rec->party);
          source = report_source;
        }
      else if (first_report != NULL && rec->type == ATTRIB_EVENT_TYPE_REPORT && rec->kind == ATTRIB_REPORT_STAGE_FIRST)
        {
          attempts = report_attempts (run, person, ev, rec->party);
          source = first_report;
          standing = ATTRIB_STANDING_REPORT;
        }
      else if (onsite != NULL && rec->type == ATTRIB_EVENT_TYPE_REPORT)
        {
          attempts = report_attempts (run, person, ev, rec->party);
          source = onsite;
        }
      /* an agent with a report who brings the customer outranks the
       * earliest reporter (sales-dept 二.2 “B先带看则客户归B”) */
      else if (brought_by != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->aux > 0 &&
               _attrib_brought_by_applies (run, pc, ev))
        {
          attempts = visit_attempts (run, person, ev);
          source = brought_by;
        }
      else if (visit_validity != NULL &&
               (holder = _attrib_visit_validity_holder (run, pc, person, ev)) != ATTRIB_NONE)
        {
          attempts = report_attempts (run, person, ev, holder);
          source = visit_validity;
        }
      else if (referral != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->extra != ATTRIB_NONE &&
               g_array_index (run->ledger->visits, AttribVisitExtra, rec->extra).referred_by != ATTRIB_NONE)
        {
          attempts = _attrib_referral_attempts (run, referral, pc, person, ev,
                                                _attrib_run_contact_person (run, g_array_index (run->ledger->visits,
                                                                                                AttribVisitExtra,
                                                                                                rec->extra).referred_by));
          if (attempts == NULL)
            goto natural_visit;
          source = referral;
        }
      else if (token != NULL && (holder = _attrib_token_holder (run, ev)) != ATTRIB_NONE)
        {
          attempts = report_attempts (run, person, ev, holder);
          source = token;
        }
      /* an agent who brings the customer without a report gets nothing: a
       * natural visit (sales-dept 一.4) */
      else if (brought_by != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->aux > 0)
        {
          attempts = visit_attempts (run, person, ev);
          source = brought_by;
        }
      else if (reception != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->aux == 0 &&
               (attempts = _attrib_reception_attempts (run, reception, pc, person, ev, ATTRIB_NONE)) != NULL)
        source = reception;
      else
        goto natural_visit;
      if (simultaneous != NULL)
        _attrib_simultaneous_order (run, simultaneous, attempts);

      for (a = 0; a < attempts->len; a++)
        {
          AttribAttempt *at = &g_array_index (attempts, AttribAttempt, a);
          AttribClaimRec *running = NULL;

          for (c = 0; c < first_created; c++)
            {
              AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

              /* a report's or a natural claim protects nobody, and is
               * not renewed */
              if (claim->standing == ATTRIB_STANDING_PROTECTS && claim->begin <= rec->at && rec->at < claim->end)
                {
                  if (running == NULL || claim->channel == at->channel)
                    running = claim;
                }
            }

          /* a walk-in outranks another representative's call (接访优先于接电) */
          if (running != NULL && running->by_call && source == reception && running->channel != at->channel &&
              rec->kind == ATTRIB_VISIT_KIND_VISIT && _attrib_clause_get_bool (reception, "visit_outranks_call"))
            {
              running->end = rec->at;
              running->superseded = TRUE;
              _attrib_run_step (run, reception->id, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                _("the walk-in on “%s” outranks the call %s took on “%s”"),
                                _attrib_run_event_id (run, ev), _attrib_run_str (run, running->holder),
                                _attrib_run_event_id (run, running->event));
              running = NULL;
            }

          /* a departed representative's customer stays with the department:
           * nobody takes them over (first-contact (二)3) */
          if (running == NULL && departure != NULL && _attrib_clause_get_bool (departure, "department_holds"))
            {
              const AttribClaimRec *left = NULL;

              for (c = 0; c < first_created; c++)
                {
                  const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, c);

                  if (claim->standing == ATTRIB_STANDING_NATURAL)
                    continue;   /* a natural claim keeps no confirmation out, its holder
                                 * here or gone (a deal nobody else holds then
                                 * goes to the department: decide_unclaimed) */
                  if (claim->departed && claim->end <= rec->at)
                    left = claim;
                  else if (claim->begin <= rec->at && !claim->departed)
                    left = NULL;   /* assigned again since */
                }
              if (left != NULL)
                {
                  at->reject_clause = departure->id;
                  at->cause = left->event;
                  g_free (at->reason);   /* simultaneous may have given one */
                  at->reason = g_strdup_printf (_("the customer of %s, who left, belongs to the department: "
                                                  "the manager assigns them (a ruling)"),
                                                _attrib_run_str (run, left->holder));
                  trace_attempt (run, at);
                  keep_rejected (pc, at);
                  continue;
                }
            }

          if (running != NULL && running->channel == at->channel)
            {
              if (source == onsite && rec->kind == ATTRIB_REPORT_STAGE_RENEWAL && !running->renewed)
                {
                  AttribClaimRec renewed = *running;
                  g_autofree char *from = NULL, *to = NULL;

                  running->renewed = TRUE;
                  renewed.event = ev;
                  renewed.renewed = FALSE;
                  _attrib_protection_period (run, onsite, running->end, &renewed.begin, &renewed.end);
                  g_array_append_val (pc->claims, renewed);
                  from = day_text (run, renewed.begin);
                  to = day_text (run, renewed.end - 1);
                  _attrib_run_step (run, onsite->id, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                    _("%s repeated its report on “%s”: the claim now runs from %s to %s"),
                                    _attrib_run_str (run, at->holder), _attrib_run_event_id (run, ev), from, to);
                }
              else if (renewal != NULL && !running->renewed && _attrib_renewal_window (run, renewal, running, rec->at))
                {
                  AttribClaimRec renewed = *running;
                  g_autofree char *from = NULL, *to = NULL;

                  running->renewed = TRUE;
                  renewed.event = ev;
                  renewed.holder = at->holder;
                  renewed.renewed = FALSE;
                  renewed.clause = renewal->id;
                  _attrib_renewal_period (run, renewal, running, &renewed.begin, &renewed.end);
                  g_array_append_val (pc->claims, renewed);
                  from = day_text (run, renewed.begin);
                  to = day_text (run, renewed.end - 1);
                  _attrib_run_step (run, renewal->id, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                    _("%s renewed its claim on “%s” within the last %d days: the claim now runs "
                                      "from %s to %s"),
                                    _attrib_run_str (run, at->holder), _attrib_run_event_id (run, ev),
                                    (int) _attrib_clause_get_int (renewal, "window_days"), from, to);
                }
              else if (source == reception)
                _attrib_run_step (run, reception->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &ev, 1,
                                  _("the customer came again on “%s”: they are already %s's"),
                                  _attrib_run_event_id (run, ev), _attrib_run_str (run, running->holder));
              else
                _attrib_run_step (run, protection->id, ATTRIB_OUTCOME_NOT_APPLICABLE, &ev, 1,
                                  _("%s came again with the customer on “%s” inside its own claim: not a new confirmation"),
                                  _attrib_run_str (run, at->holder), _attrib_run_event_id (run, ev));
              continue;
            }
          if (running != NULL && source == reception)
            {
              const char *conflict = _attrib_clause_get_string (reception, "conflict_clause");
              const char *queue = _attrib_clause_get_string (reception, "queue_clause");
              AttribClaimRec waiting = { 0, };

              at->reject_clause = *conflict != '\0' ? conflict : reception->id;
              at->cause = running->event;
              g_free (at->reason);   /* simultaneous may have given one */
              at->reason = g_strdup_printf (_("the customer is already %s's (from “%s”): they go back to them"),
                                            _attrib_run_str (run, running->holder),
                                            _attrib_run_event_id (run, running->event));
              trace_attempt (run, at);
              keep_rejected (pc, at);

              /* the reception still starts its own protection, which takes
               * over if the earlier one ends first (三.(二).3 A) */
              _attrib_reception_period (run, reception, rec->at, &waiting.begin, &waiting.end);
              for (c = 0; *queue != '\0' && c < pc->claims->len; c++)
                if (g_array_index (pc->claims, AttribClaimRec, c).holder == at->holder &&
                    g_array_index (pc->claims, AttribClaimRec, c).end > rec->at)
                  queue = "";   /* already waiting: a revisit extends nothing */
              if (*queue != '\0' && departure != NULL)
                {
                  guint32 left = ATTRIB_NONE;
                  AttribTime when = _attrib_departure_after (run, at->holder, rec->at, &left);

                  if (when < waiting.end)
                    {
                      waiting.end = when;
                      waiting.departed = TRUE;
                      _attrib_run_use (run, left);
                    }
                }
              if (*queue != '\0' && waiting.end > running->end)
                {
                  g_autofree char *period = NULL;
                  guint32 earlier = running->holder;   /* the append may move the claims */

                  waiting.person = person;
                  waiting.channel = at->channel;
                  waiting.holder = at->holder;
                  waiting.event = ev;
                  waiting.chain_event = ev;
                  waiting.begin = MAX (waiting.begin, running->end);
                  waiting.chain_begin = waiting.begin;
                  waiting.by_call = rec->kind == ATTRIB_VISIT_KIND_CALL;
                  waiting.queued = TRUE;
                  waiting.clause = queue;
                  g_array_append_val (pc->claims, waiting);
                  running = NULL;
                  period = _attrib_run_period_text (run, waiting.begin, waiting.end);
                  _attrib_run_step (run, queue, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                    _("%s's reception on “%s” stays within its own protection: if %s's ends first, "
                                      "the customer is %s's %s"),
                                    _attrib_run_str (run, at->holder), _attrib_run_event_id (run, ev),
                                    _attrib_run_str (run, earlier), _attrib_run_str (run, at->holder), period);
                }
              continue;
            }
          if (running != NULL)
            {
              at->reject_clause = protected_customer != NULL
                                ? _attrib_protected_customer_clause (run, protected_customer, running, at)
                                : source->id;
              at->cause = running->chain_event;
              g_free (at->reason);   /* simultaneous may have given one */
              at->reason = g_strdup_printf (_("the customer is protected by the claim of %s from “%s”"),
                                            _attrib_run_str (run, running->holder),
                                            _attrib_run_event_id (run, running->chain_event));
              trace_attempt (run, at);
              keep_rejected (pc, at);
              continue;
            }
          if (at->reject_clause != NULL || !at->entered_first)
            {
              trace_attempt (run, at);
              keep_rejected (pc, at);
              continue;
            }
          if (created > 0 && simultaneous == NULL)
            {
              /* without a simultaneous-arrival clause, one visit confirms one channel */
              continue;
            }

          if (source == onsite && !_attrib_onsite_report_check (run, onsite, pc, at))
            {
              trace_attempt (run, at);
              keep_rejected (pc, at);
              continue;
            }

          /* the validity checks, in the profile's order */
          {
            guint k;
            gboolean valid = TRUE;

            for (k = 0; valid && k < _attrib_profile_get_n_clauses (profile); k++)
              {
                const AttribClause *clause = _attrib_profile_get_clause (profile, k);

                gboolean is_report = rec->type == ATTRIB_EVENT_TYPE_REPORT;

                if (g_str_equal (clause->kind->name, "report_required"))
                  valid = _attrib_report_required_check (run, clause, at);
                else if (is_report && g_str_equal (clause->kind->name, "daily_cap"))
                  valid = _attrib_daily_cap_check (run, clause, at);
                else if (is_report && g_str_equal (clause->kind->name, "report_lead"))
                  valid = _attrib_report_lead_check (run, clause, at);
                else if (is_report && g_str_equal (clause->kind->name, "report_after_contact"))
                  valid = _attrib_report_after_contact_check (run, clause, at);
                else if (is_report && g_str_equal (clause->kind->name, "report_format"))
                  valid = _attrib_report_format_check (run, clause, at);
                else if (is_report && g_str_equal (clause->kind->name, "lapse_limit"))
                  valid = _attrib_lapse_limit_check (run, clause, at);
                else if (g_str_equal (clause->kind->name, "lookback"))
                  valid = _attrib_lookback_check (run, clause, at, pc->void_since);
                else if (g_str_equal (clause->kind->name, "family_lookback"))
                  valid = _attrib_family_lookback_check (run, clause, at, pc->void_since);
              }
            if (!valid)
              {
                trace_attempt (run, at);
                keep_rejected (pc, at);
                continue;
              }
          }

          {
            AttribClaimRec claim = { 0, };

            claim.person = person;
            claim.channel = at->channel;
            claim.holder = at->holder;
            claim.event = ev;
            claim.chain_event = ev;
            claim.clause = source->id;
            claim.standing = at->natural ? ATTRIB_STANDING_NATURAL : standing;
            claim.pending = at->pending;
            claim.pending_clause = at->pending_clause;
            if (group_activity != NULL && _attrib_group_activity_applies (run, ev))
              claim.clause = group_activity->id;
            if (at->claim_clause != NULL)
              claim.clause = at->claim_clause;
            if (source == brought_by)
              {
                /* the agent's own report, which it brings the customer under */
                const AttribClaimRec *report = _attrib_report_claim_of (pc, at->holder, rec->at);

                if (report == NULL)
                  {
                    const char *unreported = _attrib_clause_get_string (brought_by, "unreported_clause");

                    at->reject_clause = *unreported != '\0' ? unreported : brought_by->id;
                    at->reason = g_strdup (_("the agent brought the customer without a report: a natural visit"));
                    trace_attempt (run, at);
                    keep_rejected (pc, at);
                    continue;
                  }
                _attrib_protection_period (run, brought_by, rec->at, &claim.begin, &claim.end);
              }
            else if (source == reception)
              {
                _attrib_reception_period (run, reception, rec->at, &claim.begin, &claim.end);
                claim.by_call = rec->kind == ATTRIB_VISIT_KIND_CALL;
              }
            else if (source == visit_validity)
              _attrib_visit_validity_period (run, visit_validity, rec->at, &claim.begin, &claim.end);
            else if (group_activity != NULL && claim.clause == group_activity->id)
              _attrib_protection_period (run, group_activity, rec->at, &claim.begin, &claim.end);
            else
              _attrib_protection_period (run, source, rec->at, &claim.begin, &claim.end);
            claim.chain_begin = claim.begin;
            g_array_append_val (pc->claims, claim);
            created++;
            if (source == reception)
              {
                g_autofree char *period = _attrib_run_period_text (run, claim.begin, claim.end);

                _attrib_run_step (run, claim.clause, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                  claim.by_call ? _("call on “%s”: the customer is %s's, %s")
                                                : _("reception on “%s”: the customer is %s's, %s"),
                                  _attrib_run_event_id (run, ev), _attrib_run_str (run, at->holder), period);
              }
            else
              {
                g_autofree char *period = _attrib_run_period_text (run, claim.begin, claim.end);

                _attrib_run_step (run, claim.clause, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                                  rec->type != ATTRIB_EVENT_TYPE_REPORT ? _("valid confirmation by %s on “%s”: claim %s")
                                  : source == onsite && rec->kind == ATTRIB_REPORT_STAGE_RENEWAL
                                  ? _("%s repeated its report on “%s” after the claim ran out: claim %s")
                                  : source == onsite ? _("second report by %s on “%s”, the day they brought the customer: "
                                                         "claim %s")
                                  : source == first_report ? _("first report by %s on “%s”: claim %s")
                                  : _("report by %s on “%s”, the first to report: claim %s"),
                                  _attrib_run_str (run, at->holder), _attrib_run_event_id (run, ev), period);
              }
            if (source == onsite)
              _attrib_onsite_report_started (run, onsite, pc, ev, at->holder);
            cap_by_departure (run, departure, &g_array_index (pc->claims, AttribClaimRec, pc->claims->len - 1),
                              claim.begin);
            /* a report saved although the customer had come first: that
             * first visit confirms the agent (outreach-1031 2 “给与确认”) */
            if (source == first_report && visit_validity != NULL)
              _attrib_visit_validity_after_report (run, visit_validity, pc, person, ev, at->holder);
          }
        }

      /* channels that entered together share what the visit started */
      for (c = first_created; c < pc->claims->len; c++)
        g_array_index (pc->claims, AttribClaimRec, c).n_joint = created;
      if (created > 1 && simultaneous != NULL)
        _attrib_run_step (run, simultaneous->id, ATTRIB_OUTCOME_APPLIED, &ev, 1,
                          _("%u channels entered together on “%s”: they share the claim equally"),
                          created, _attrib_run_event_id (run, ev));
      for (a = 0; a < attempts->len; a++)
        g_free (g_array_index (attempts, AttribAttempt, a).reason);

    natural_visit:
      /* whoever received the customer holds them where nothing else does
       * (自然来访) */
      if (natural != NULL && rec->type == ATTRIB_EVENT_TYPE_VISIT)
        _attrib_natural_visit_apply (run, natural, pc, person, ev);
    }
  pc->done = pc->cursor == n && pc->joined_cursor == n_joined;
  run->untraced = untraced;
  run->depth--;
  g_hash_table_remove (run->computing, GUINT_TO_POINTER (person + 1));
}

/* Whether the claims of @person are being worked out (a referral chain
 * that loops back). */
gboolean
_attrib_run_computing (AttribRun *run,
                       guint32    person)
{
  return g_hash_table_contains (run->computing, GUINT_TO_POINTER (person + 1));
}

/* The person's claims as far as they have been worked out. */
static AttribPersonClaims *
person_claims (AttribRun *run,
               guint32    person)
{
  AttribPersonClaims *pc = g_hash_table_lookup (run->person_claims, GUINT_TO_POINTER (person + 1));
  const guint32 *events;
  guint32 n, i;

  /* the deal's clauses ask for a person worked out before while working
   * out another's claims: they are worked out again, as the deal's own —
   * traced, and with nobody's claims under way, so that a loop of persons
   * (each came along in the other's group) is cut at the same place in
   * every run, with a verdict or without (nobody holds the claims of a
   * person asked about while working out another's once that is done) */
  if (pc != NULL && (pc->traced || run->depth > 0))
    return pc;
  pc = g_new0 (AttribPersonClaims, 1);
  pc->claims = g_array_new (FALSE, FALSE, sizeof (AttribClaimRec));
  pc->rejected = g_array_new (FALSE, FALSE, sizeof (AttribAttempt));
  pc->void_since = ATTRIB_TIME_MAX;
  g_hash_table_insert (run->person_claims, GUINT_TO_POINTER (person + 1), pc);

  /* everything about a person the deal's clauses ask about is an input of
   * the verdict; of one asked about while working out another's claims
   * (the old customer a new one came with), what was worked out */
  if (run->depth == 0)
    {
      _attrib_csr_get (&run->index->person_events, person, &events, &n);
      for (i = 0; i < n; i++)
        _attrib_run_use (run, events[i]);
      _attrib_csr_get (&run->index->person_companions, person, &events, &n);
      for (i = 0; i < n; i++)
        _attrib_run_use (run, events[i]);
      pc->used_all = TRUE;
      pc->traced = TRUE;
    }
  return pc;
}

/* Marks as inputs the events of @person up to @until and the clauses'
 * lookahead after it (see AttribPersonClaims.used_all). */
static void
use_until (AttribRun          *run,
           guint32             person,
           AttribPersonClaims *pc,
           AttribTime          until)
{
  AttribTime limit = until >= ATTRIB_TIME_MAX - run->lookahead ? ATTRIB_TIME_MAX : until + run->lookahead;
  const guint32 *events;
  guint32 n;

  if (pc->used_all)
    return;
  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (; pc->used_cursor < n && _attrib_run_record (run, events[pc->used_cursor])->at <= limit; pc->used_cursor++)
    _attrib_run_use (run, events[pc->used_cursor]);
  _attrib_csr_get (&run->index->person_companions, person, &events, &n);
  for (; pc->used_joined < n && _attrib_run_record (run, events[pc->used_joined])->at <= limit; pc->used_joined++)
    _attrib_run_use (run, events[pc->used_joined]);
  pc->used_all = limit == ATTRIB_TIME_MAX;
}

/* Works the person's claims out up to @until, unless that is already done
 * or under way further up the stack (then what is known stands). */
static AttribPersonClaims *
claims_until (AttribRun  *run,
              guint32     person,
              AttribTime  until)
{
  AttribPersonClaims *pc = person_claims (run, person);

  use_until (run, person, pc, until);
  if (pc->done || _attrib_run_computing (run, person))
    return pc;
  if (run->depth >= ATTRIB_MAX_CLAIM_DEPTH)
    {
      run->too_deep = TRUE;
      return pc;
    }
  advance_claims (run, person, pc, until);
  return pc;
}

const AttribPersonClaims *
_attrib_run_claims (AttribRun *run,
                    guint32    person)
{
  return claims_until (run, person, ATTRIB_TIME_MAX);
}

/* The claims of @person covering @t (those started by one visit
 * together). */
static guint
covering_in (AttribRun                *run,
             const AttribPersonClaims *pc,
             AttribTime                t,
             const AttribClaimRec    **out_claims)
{
  const AttribClaimRec *found = NULL;
  guint i, n = 0;

  /* a claim that protects outranks a report's, which outranks a natural
   * one; among equals, the first; a claim covers from its day, but not
   * what came before its event */
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin <= t && t < claim->end && _attrib_run_record (run, claim->event)->at <= t &&
          (found == NULL || claim->standing < found->standing))
        found = claim;
    }
  /* the claims the same visit started together (simultaneous arrival) */
  for (i = 0; found != NULL && i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->event == found->event && claim->standing == found->standing && claim->begin <= t && t < claim->end)
        {
          if (n == 0)
            found = claim;
          n++;
        }
    }
  *out_claims = found;
  return n;
}

guint
_attrib_run_covering (AttribRun             *run,
                      guint32                person,
                      AttribTime             t,
                      const AttribClaimRec **out_claims)
{
  return covering_in (run, _attrib_run_claims (run, person), t, out_claims);
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

/* ------------------------------------------------------------------ */
/* Deals                                                               */

/* Who closed the deal: `closed_by` on its counted stage (or an earlier
 * stage), else whoever received the purchaser's last visit up to the
 * deal. @out_event is the event that says so. */
guint32
_attrib_run_deal_closer (AttribRun         *run,
                         AttribDealContext *deal,
                         guint32           *out_event)
{
  const guint32 *events;
  guint32 n, i, closer = ATTRIB_NONE;

  *out_event = ATTRIB_NONE;
  _attrib_run_deal_events (run, deal->slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 by;

      if (rec->type != ATTRIB_EVENT_TYPE_DEAL || rec->at > deal->at)
        continue;
      by = g_array_index (run->ledger->deals, AttribDealExtra, rec->extra).closed_by;
      if (by != ATTRIB_NONE)
        {
          closer = by;
          *out_event = events[i];
        }
    }
  if (closer != ATTRIB_NONE || deal->purchaser == ATTRIB_NONE)
    return closer;

  _attrib_csr_get (&run->index->person_events, deal->purchaser, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);
      guint32 by;

      if (rec->at > deal->at)
        break;
      if (rec->type == ATTRIB_EVENT_TYPE_VISIT && (by = _attrib_reception_receiver (run, events[i])) != ATTRIB_NONE)
        {
          closer = by;
          *out_event = events[i];
        }
    }
  return closer;
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
static char *
fingerprint_inputs (AttribRun *run)
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

/* Visits of the purchaser up to @until that were no reception, received by
 * someone other than @owner: without those clauses that someone would
 * hold the customer, so they decided too. */
static void
cite_non_receptions (AttribRun         *run,
                     AttribDealContext *deal,
                     AttribTime         until,
                     guint32            owner)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&run->index->person_events, deal->purchaser, &events, &n);
  for (i = 0; i < n && _attrib_run_record (run, events[i])->at <= until; i++)
    {
      const AttribClause *clause = _attrib_not_a_reception (run, events[i]);
      guint32 receiver = _attrib_reception_receiver (run, events[i]);

      if (clause != NULL && receiver != ATTRIB_NONE && receiver != owner && _attrib_run_record (run, events[i])->aux == 0)
        _attrib_verdict_add_clause (run->verdict, clause->id);
    }
}

/* The clause that gives the profile's claims: the one a deal nobody
 * claims cites. */
static const AttribClause *
primary_source (AttribProfile *profile)
{
  static const char *const sources[] = {
    "protection", "report_claim", "onsite_report", "first_report", "visit_validity", "token", "first_reception",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      const AttribClause *clause = _attrib_profile_find_kind (profile, sources[i]);

      if (clause != NULL)
        return clause;
    }
  return NULL;
}

/* No claim of a channel covers the deal: who has it, and which clause
 * says so. A complaint or a departure leaves it to the manager; otherwise
 * the clause that left the deal without a claim is cited, and the deal
 * goes to the customer's natural holder (自然来访) where there is one, to
 * the holder of the reception whose protection lapsed where the profile
 * keeps the customer with them (`lapsed_clause`), else to the developer. */
static void
decide_unclaimed (AttribRun                *run,
                  AttribDealContext        *deal,
                  const AttribPersonClaims *pc,
                  const AttribClaimRec     *natural)
{
  AttribProfile *profile = run->profile;
  const AttribClause *complaint = _attrib_profile_find_kind (profile, "complaint");
  const AttribClause *departure = _attrib_profile_find_kind (profile, "departure");
  const AttribClause *helper_split = _attrib_profile_find_kind (profile, "helper_split");
  const AttribClause *reception = _attrib_profile_find_kind (profile, "first_reception");
  const AttribClause *renewal = _attrib_profile_find_kind (profile, "renewal");
  const AttribClause *natural_visit = _attrib_profile_find_kind (profile, "natural_visit");
  const AttribClause *split = _attrib_profile_find_kind (profile, "follow_up_split");
  const char *lapsed = reception != NULL ? _attrib_clause_get_string (reception, "lapsed_clause") : "";
  /* at channel level, and where nobody received the customer, one step
   * says both why no claim holds and that the deal is the developer's */
  gboolean to_developer = natural == NULL && natural_visit == NULL;
  g_autofree char *when = _attrib_run_time_text (run, deal->at);
  const AttribClaimRec *last = NULL, *kept = NULL, *left_natural = NULL;
  const AttribAttempt *rejected = NULL;
  guint i;

  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->begin > deal->at)
        continue;
      if (claim->standing == ATTRIB_STANDING_NATURAL)
        {
          /* the receiver left before the deal */
          left_natural = claim->departed && claim->end <= deal->at ? claim : NULL;
          continue;
        }
      last = claim;
      /* the last protection that ran out by itself, its holder still here */
      if (!claim->ended && !claim->departed && claim->end <= deal->at &&
          _attrib_run_record (run, claim->event)->at <= deal->at)
        kept = claim;
    }
  if (*lapsed == '\0' || natural != NULL || (kept != NULL && kept != last && !last->departed))
    kept = NULL;
  for (i = 0; i < pc->rejected->len; i++)
    if (_attrib_run_record (run, g_array_index (pc->rejected, AttribAttempt, i).visit)->at <= deal->at)
      rejected = &g_array_index (pc->rejected, AttribAttempt, i);

  if (helper_split != NULL && _attrib_helper_split_decide (run, helper_split, deal, NULL))
    return;   /* another name of a customer someone holds */
  if (complaint != NULL && last != NULL && last->ended)
    {
      _attrib_complaint_decide (run, complaint, deal, last);
      return;
    }
  if (departure != NULL && last != NULL && last->departed && deal->at >= last->end &&
      (kept == NULL || _attrib_clause_get_bool (departure, "department_holds")))
    {
      _attrib_departure_decide (run, departure, deal, last);
      return;
    }
  /* the first company's claim ran out and the customer passed to another,
   * which closed (joint-agency 三.1 2>) */
  if (split != NULL && last != NULL && !last->ended && !last->departed && last->end <= deal->at &&
      _attrib_run_record (run, last->event)->at <= deal->at &&
      _attrib_follow_up_split_handover (run, split, deal, last))
    return;
  /* the last receiver left after their protection ran out: nobody took
   * the customer over (receptions turned down take nobody over), they are
   * the department's, or for a ruling */
  if (kept != NULL && departure != NULL)
    {
      guint32 left = ATTRIB_NONE;

      if (_attrib_departure_after (run, kept->holder, kept->end, &left) <= deal->at)
        {
          _attrib_departure_rule (run, departure, deal, kept->holder, left);
          return;
        }
    }
  /* nobody received the customer since the last protection lapsed (a
   * rival's reception turned down to give the customer back to the holder,
   * 二.(二).1 E, is no reception that takes them over) */
  if (kept != NULL && rejected != NULL && rejected->cause != kept->event &&
      _attrib_run_record (run, rejected->visit)->at > kept->begin)
    kept = NULL;
  if (kept != NULL)
    {
      /* nobody received the customer since: they stay with the last
       * receiver (lvchen-joint 三.(二).3) */
      g_autofree char *end = day_text (run, kept->end - 1);

      _attrib_run_award_party (run, _attrib_run_str (run, kept->holder));
      _attrib_verdict_add_clause (run->verdict, kept->clause);
      _attrib_verdict_add_clause (run->verdict, lapsed);
      _attrib_run_step (run, lapsed, ATTRIB_OUTCOME_DECIDED, &kept->event, 1,
                        _("the protection of %s ended on %s and nobody received the customer since: the "
                          "deal (%s) stays with them, the last to receive the customer within a protection"),
                        _attrib_run_str (run, kept->holder), end, when);
      return;
    }

  if (rejected != NULL && (last == NULL || _attrib_run_record (run, rejected->visit)->at > last->begin))
    {
      gboolean by_report = _attrib_run_record (run, rejected->visit)->type == ATTRIB_EVENT_TYPE_REPORT;

      /* every confirmation rejected since the last claim is a reason */
      for (i = 0; i < pc->rejected->len; i++)
        {
          const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);
          AttribTime t = _attrib_run_record (run, a->visit)->at;

          if (t <= deal->at && (last == NULL || t > last->begin))
            _attrib_verdict_add_clause (run->verdict, a->reject_clause);
        }
      if (to_developer)
        {
          _attrib_run_step (run, rejected->reject_clause, ATTRIB_OUTCOME_DECIDED, &rejected->visit, 1,
                            by_report ? _("no valid claim covers the deal (%s): the report was rejected, "
                                          "the deal is the developer's")
                                      : _("no valid claim covers the deal (%s): the confirmation was rejected, "
                                          "the deal is the developer's"), when);
          return;
        }
      _attrib_run_step (run, rejected->reject_clause, ATTRIB_OUTCOME_APPLIED, &rejected->visit, 1,
                        by_report ? _("no valid claim covers the deal (%s): the report was rejected")
                                  : _("no valid claim covers the deal (%s): the confirmation was rejected"), when);
    }
  else if (last == NULL && reception != NULL && natural == NULL)
    {
      cite_non_receptions (run, deal, deal->at, ATTRIB_NONE);
      _attrib_verdict_add_clause (run->verdict, reception->id);
      _attrib_run_step (run, reception->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                        _("nobody received the purchaser: the deal is the developer's"));
      return;
    }
  else if (last != NULL)
    {
      /* at channel level it says the deal is the developer's; at agent
       * level the natural holder's step below decides */
      AttribOutcome outcome = to_developer ? ATTRIB_OUTCOME_DECIDED : ATTRIB_OUTCOME_APPLIED;

      _attrib_verdict_add_clause (run->verdict, last->clause);
      if (_attrib_run_record (run, last->event)->at > deal->at)
        {
          /* registered only after the deal: nothing covered it */
          g_autofree char *begin = attrib_time_format (_attrib_run_record (run, last->event)->at, run->tz);

          _attrib_run_step (run, last->clause, outcome, &last->event, 1,
                            to_developer ? _("the claim of %s began at %s, after the deal (%s): it does not cover "
                                             "the deal, which is the developer's")
                                         : _("the claim of %s began at %s, after the deal (%s): it does not cover "
                                             "the deal"),
                            _attrib_run_str (run, last->holder), begin, when);
        }
      else
        {
          g_autofree char *end = day_text (run, last->end - 1);

          if (renewal != NULL)
            _attrib_verdict_add_clause (run->verdict, renewal->id);
          _attrib_run_step (run, last->clause, outcome, &last->event, 1,
                            to_developer ? _("the claim of %s ended on %s, before the deal (%s): the customer was "
                                             "public, the deal is the developer's")
                                         : _("the claim of %s ended on %s, before the deal (%s)"),
                            _attrib_run_str (run, last->holder), end, when);
        }
      if (to_developer)
        return;
    }
  else if (natural == NULL)
    {
      const AttribClause *clause = renewal != NULL ? renewal : primary_source (profile);

      if (natural_visit != NULL && departure != NULL && left_natural != NULL)
        {
          _attrib_departure_decide (run, departure, deal, left_natural);
          return;
        }
      if (natural_visit != NULL)
        {
          /* at agent level the developer has only a customer nobody received */
          if (clause != NULL)
            _attrib_verdict_add_clause (run->verdict, clause->id);
          _attrib_verdict_add_clause (run->verdict, natural_visit->id);
          _attrib_run_step (run, natural_visit->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                            _("no report or confirmation holds the purchaser and nobody received them: the deal is "
                              "the developer's"));
        }
      else if (clause != NULL)
        {
          _attrib_verdict_add_clause (run->verdict, clause->id);
          _attrib_run_step (run, clause->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                            _("no channel confirmed the purchaser: a natural visit, the deal is the developer's"));
        }
      return;
    }

  if (natural == NULL && departure != NULL && left_natural != NULL)
    {
      /* the one who received them has left: the department's (首访接待人离职) */
      _attrib_departure_decide (run, departure, deal, left_natural);
      return;
    }
  if (natural == NULL)
    {
      _attrib_verdict_add_clause (run->verdict, natural_visit->id);
      _attrib_run_step (run, natural_visit->id, ATTRIB_OUTCOME_DECIDED, &deal->stage_event, 1,
                        _("nobody received the purchaser: the deal is the developer's"));
      return;
    }

  /* the customer came of their own accord, as far as any claim goes: the
   * representative who received them has them (自然来访) — or the one an
   * old customer they came with is the customer of that way */
  _attrib_run_award_party (run, _attrib_run_str (run, natural->holder));
  _attrib_verdict_add_clause (run->verdict, natural->clause);
  if (natural_visit != NULL && g_str_equal (natural->clause, natural_visit->id))
    _attrib_run_step (run, natural->clause, ATTRIB_OUTCOME_DECIDED, &natural->event, 1,
                      _("no report or confirmation holds the customer: they are the customer of %s, who received "
                        "them on “%s” (a natural visit), and so is the deal (%s)"),
                      _attrib_run_str (run, natural->holder), _attrib_run_event_id (run, natural->event), when);
  else
    _attrib_run_step (run, natural->clause, ATTRIB_OUTCOME_DECIDED, &natural->event, 1,
                      _("no report or confirmation holds the customer: they came with a natural customer of %s on "
                        "“%s” and are theirs the same way, and so is the deal (%s)"),
                      _attrib_run_str (run, natural->holder), _attrib_run_event_id (run, natural->event), when);
}

AttribVerdict *
_attrib_run_decide_deal (AttribRun *run,
                         guint32    slot)
{
  AttribProfile *profile = run->profile;
  AttribDealStage counted = attrib_profile_get_deal_stage (profile);
  const char *deal_id = _attrib_run_str (run, run->index->deal_ids[slot]);
  AttribDealContext deal = { slot, ATTRIB_NONE, ATTRIB_NONE, 0, ATTRIB_TIME_MIN, FALSE, FALSE, FALSE };
  const guint32 *events;
  guint32 n, i, cancelled = ATTRIB_NONE, first_stage = ATTRIB_NONE, renamed = ATTRIB_NONE;
  const AttribClaimRec *own = NULL, *natural = NULL;
  guint n_own;
  g_autofree char *inputs = NULL;
  AttribVerdict *verdict;

  run->verdict = _attrib_verdict_new (deal_id);
  run->used = g_array_new (FALSE, FALSE, sizeof (guint32));
  run->too_deep = FALSE;

  _attrib_run_deal_events (run, slot, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = _attrib_run_record (run, events[i]);

      _attrib_run_use (run, events[i]);
      if (rec->type != ATTRIB_EVENT_TYPE_DEAL)
        continue;
      if (first_stage == ATTRIB_NONE && rec->contact != ATTRIB_NONE)
        first_stage = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_SUBSCRIBED && deal.subscribed_at == ATTRIB_TIME_MIN)
        deal.subscribed_at = rec->at;
      if (rec->kind == counted && deal.stage_event == ATTRIB_NONE)
        deal.stage_event = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_CANCELLED)
        cancelled = events[i];
      if (rec->kind == ATTRIB_DEAL_STAGE_RENAMED)
        renamed = events[i];
    }

  if (cancelled != ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_CANCELLED);
      _attrib_verdict_set_at (run->verdict, _attrib_run_record (run, cancelled)->at, run->tz);
      _attrib_run_step (run, "deal", ATTRIB_OUTCOME_DECIDED, &cancelled, 1,
                        _("the deal was cancelled on “%s”: it has no attribution"),
                        _attrib_run_event_id (run, cancelled));
      goto seal;
    }

  if (deal.stage_event == ATTRIB_NONE)
    {
      /* not yet at the counted stage: judge provisionally at what there is */
      deal.stage_event = first_stage;
      deal.pending = TRUE;
      if (deal.stage_event != ATTRIB_NONE)
        _attrib_run_step (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                          _("the deal has not reached the counted stage (%s): the verdict is provisional"),
                          _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, counted));
    }
  if (deal.stage_event == ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_DISPUTED);
      _attrib_run_step (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, NULL, 0,
                        _("no stage of the deal names a purchaser"));
      goto seal;
    }
  deal.at = _attrib_run_record (run, deal.stage_event)->at;
  deal.purchaser = _attrib_run_contact_person (run, _attrib_run_record (run, deal.stage_event)->contact);

  if (renamed != ATTRIB_NONE && _attrib_run_record (run, renamed)->contact != ATTRIB_NONE)
    {
      guint32 to = _attrib_run_contact_person (run, _attrib_run_record (run, renamed)->contact);
      guint32 keeps = _attrib_profile_get_rename_keeps (profile);
      const guint32 *relations;
      guint32 n_rel, r;
      gboolean kept = to == deal.purchaser;

      _attrib_csr_get (&run->index->person_relations, deal.purchaser, &relations, &n_rel);
      for (r = 0; !kept && r < n_rel; r++)
        {
          const AttribRecord *rel = _attrib_run_record (run, relations[r]);
          guint32 a = _attrib_run_contact_person (run, rel->contact);
          guint32 b = _attrib_run_contact_person (run, rel->aux);

          if ((keeps & ATTRIB_RELATION_BIT (rel->kind)) && (rel->flags & ATTRIB_RECORD_VERIFIED) &&
              _attrib_run_knows_relation (run, relations[r]) &&
              ((a == deal.purchaser && b == to) || (b == deal.purchaser && a == to)))
            kept = TRUE;
        }
      if (kept)
        _attrib_run_step (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &renamed, 1,
                          _("renamed on “%s” to a close relative: the verdict of the original purchaser stands"),
                          _attrib_run_event_id (run, renamed));
      else
        {
          deal.purchaser = to;
          deal.stage_event = renamed;
          deal.at = _attrib_run_record (run, renamed)->at;
          _attrib_run_step (run, "deal", ATTRIB_OUTCOME_APPLIED, &renamed, 1,
                            _("renamed on “%s” to another person: the deal is attributed to the new purchaser"),
                            _attrib_run_event_id (run, renamed));
        }
    }
  _attrib_verdict_set_at (run->verdict, deal.at, run->tz);

  /* 1. a ruling overrides everything */
  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);

      if (g_str_equal (clause->kind->name, "ruling") && _attrib_ruling_decide (run, clause, &deal))
        goto seal;
    }

  /* a unit sold twice: only the deal paid first stands */
  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);

      if (g_str_equal (clause->kind->name, "unit_first_payment") &&
          _attrib_unit_first_payment_decide (run, clause, &deal))
        {
          _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_CANCELLED);
          goto seal;
        }
    }

  if (deal.purchaser == ATTRIB_NONE)
    {
      _attrib_verdict_set_status (run->verdict, ATTRIB_VERDICT_STATUS_DISPUTED);
      _attrib_run_step (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                        _("the purchaser of “%s” matches several persons: a ruling must say who bought"),
                        _attrib_run_event_id (run, deal.stage_event));
      goto seal;
    }

  /* 2. the purchaser's own claim is the default; a natural holder only
   *    where nothing else decides */
  n_own = _attrib_run_covering (run, deal.purchaser, deal.at, &own);
  if (n_own > 0 && own->standing == ATTRIB_STANDING_NATURAL)
    {
      natural = own;
      own = NULL;
      n_own = 0;
    }
  _attrib_run_award_party (run, "developer");
  if (n_own > 0)
    {
      _attrib_verdict_clear_shares (run->verdict);
      _attrib_run_award_claims (run, own, n_own);
    }

  /* 3. related purchasers, companions and groups, in the profile's order */
  for (i = 0; !deal.decided && i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);
      const char *kind = clause->kind->name;

      /* the purchaser's own claim, natural too, against the relative's */
      if (g_str_equal (kind, "related_purchaser"))
        _attrib_related_purchaser_decide (run, clause, &deal, n_own > 0 ? own : natural);
      else if (g_str_equal (kind, "companion") && n_own == 0)
        _attrib_companion_decide (run, clause, &deal);
      else if (g_str_equal (kind, "companion_helper"))
        _attrib_companion_helper_decide (run, clause, &deal, n_own > 0 ? own : NULL);
      else if (g_str_equal (kind, "group_reception"))
        _attrib_group_reception_decide (run, clause, &deal);
    }

  if (!deal.decided)
    {
      const AttribPersonClaims *pc = _attrib_run_claims (run, deal.purchaser);
      const AttribClause *simultaneous = _attrib_profile_find_kind (profile, "simultaneous");
      g_autofree char *when = _attrib_run_time_text (run, deal.at);

      if (n_own > 0)
        {
          const AttribClause *split = _attrib_profile_find_kind (profile, "follow_up_split");
          const AttribClause *protected_customer = _attrib_profile_find_kind (profile, "protected_customer");
          const AttribClause *source = _attrib_profile_find_kind (profile, "protection");
          const AttribClause *reception = _attrib_profile_find_kind (profile, "first_reception");
          const char *conflict = reception == NULL ? NULL
                               : *_attrib_clause_get_string (reception, "conflict_clause") != '\0'
                               ? _attrib_clause_get_string (reception, "conflict_clause") : reception->id;

          if (source == NULL)
            source = _attrib_profile_find_kind (profile, "report_claim");
          /* a renewed or activity claim is still a protection claim; a
           * visit confirms the report that won (outreach-1031 7 and 3) */
          if (source == NULL && g_str_equal (own->clause, _attrib_clause_id_of_kind (profile, "visit_validity")))
            source = _attrib_profile_find_kind (profile, "first_report");
          if (source != NULL && !g_str_equal (source->id, own->clause))
            _attrib_verdict_add_clause (run->verdict, source->id);
          _attrib_verdict_add_clause (run->verdict, own->clause);
          /* a rival's reception was turned down to keep the customer with
           * the owner: that clause decided too ("the earlier registration") */
          for (i = 0; reception != NULL && i < pc->rejected->len; i++)
            {
              const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

              if (a->cause == own->event && _attrib_run_record (run, a->visit)->at <= deal.at &&
                  g_strcmp0 (a->reject_clause, conflict) == 0)
                _attrib_verdict_add_clause (run->verdict, a->reject_clause);
            }
          /* another channel's confirmation was rejected because this claim
           * protected the customer — under another phone of the same
           * person too (junyuan-2012 1.2.7): that settled who counts */
          for (i = 0; protected_customer != NULL && i < pc->rejected->len; i++)
            {
              const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

              if (a->cause == own->chain_event && _attrib_run_record (run, a->visit)->at <= deal.at &&
                  (g_strcmp0 (a->reject_clause, protected_customer->id) == 0 ||
                   g_strcmp0 (a->reject_clause, _attrib_clause_get_string (protected_customer,
                                                                           "other_contact_clause")) == 0))
                _attrib_verdict_add_clause (run->verdict, a->reject_clause);
            }
          if (n_own > 1 && simultaneous != NULL)
            _attrib_verdict_add_clause (run->verdict, simultaneous->id);
          if (reception != NULL)
            cite_non_receptions (run, &deal, _attrib_run_record (run, own->event)->at, own->holder);
          if (own->pending)
            {
              const char *pending_clause = own->pending_clause != NULL ? own->pending_clause : own->clause;

              deal.pending = TRUE;
              _attrib_verdict_add_clause (run->verdict, pending_clause);
              _attrib_run_step (run, pending_clause, ATTRIB_OUTCOME_NOT_APPLICABLE, &own->event, 1,
                                _("an unverified relation would change whose customer “%s” confirmed: pending until "
                                  "it is verified"),
                                _attrib_run_event_id (run, own->event));
            }
          _attrib_run_step (run, own->clause, ATTRIB_OUTCOME_DECIDED, &own->event, 1,
                            _("the deal (%s) falls inside the claim of %s from “%s”"),
                            when, _attrib_run_str (run, own->holder), _attrib_run_event_id (run, own->event));

          /* who closed, who helped, who followed up: the kinds that split
           * or move what the claim gives, in the profile's order; the
           * first that settles the deal ends the search */
          for (i = 0; n_own == 1 && i < _attrib_profile_get_n_clauses (profile); i++)
            {
              const AttribClause *clause = _attrib_profile_get_clause (profile, i);
              const char *kind = clause->kind->name;
              gboolean settled = FALSE;

              if (clause == split)
                _attrib_follow_up_split_apply (run, split, &deal, own);
              else if (g_str_equal (kind, "staff_relation"))
                settled = _attrib_staff_relation_decide (run, clause, &deal, own);
              else if (g_str_equal (kind, "referral_split"))
                settled = _attrib_referral_split_decide (run, clause, &deal, own);
              else if (g_str_equal (kind, "follow_up_window"))
                settled = _attrib_follow_up_window_decide (run, clause, &deal, own);
              else if (g_str_equal (kind, "helper_split"))
                settled = _attrib_helper_split_decide (run, clause, &deal, own);
              else if (g_str_equal (kind, "relative_window"))
                settled = _attrib_relative_window_decide (run, clause, &deal, own);
              if (settled)
                break;
            }
        }
      else
        decide_unclaimed (run, &deal, pc, natural);
    }

  /* 4. what overrides the claims: the signer, sanctions */
  for (i = 0; i < _attrib_profile_get_n_clauses (profile); i++)
    {
      const AttribClause *clause = _attrib_profile_get_clause (profile, i);
      const char *kind = clause->kind->name;

      if (g_str_equal (kind, "signing_closer"))
        _attrib_signing_closer_decide (run, clause, &deal);
      else if (g_str_equal (kind, "dispute"))
        _attrib_dispute_decide (run, clause, &deal);
      else if (g_str_equal (kind, "poaching"))
        _attrib_poaching_decide (run, clause, &deal);
    }

  if (run->too_deep)
    {
      deal.pending = TRUE;
      _attrib_run_step (run, "deal", ATTRIB_OUTCOME_NOT_APPLICABLE, &deal.stage_event, 1,
                        _("the customers linked to the purchaser (referrals, relatives) run deeper than %d: the "
                          "verdict is provisional until someone rules"),
                        ATTRIB_MAX_CLAIM_DEPTH);
    }

  _attrib_verdict_set_status (run->verdict, deal.disputed ? ATTRIB_VERDICT_STATUS_DISPUTED
                                          : deal.pending ? ATTRIB_VERDICT_STATUS_PENDING
                                          : ATTRIB_VERDICT_STATUS_DECIDED);

seal:
  inputs = run->unsealed ? g_strdup ("") : fingerprint_inputs (run);
  _attrib_verdict_seal (run->verdict, inputs);
  verdict = g_steal_pointer (&run->verdict);
  g_clear_pointer (&run->used, g_array_unref);
  return verdict;
}

static gboolean
check_ledger (AttribEngine  *self,
              AttribLedger  *ledger,
              GError       **error)
{
  GTimeZone *a = _attrib_profile_get_tz (self->profile);
  GTimeZone *b = attrib_ledger_get_time_zone (ledger);

  if (g_strcmp0 (g_time_zone_get_identifier (a), g_time_zone_get_identifier (b)) != 0 &&
      g_strcmp0 (attrib_profile_get_time_zone_identifier (self->profile), attrib_ledger_get_time_zone_identifier (ledger)) != 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                   _("The ledger reads dates in %s but profile “%s” works in %s: load the events in the profile's time zone"),
                   attrib_ledger_get_time_zone_identifier (ledger), attrib_profile_get_id (self->profile),
                   attrib_profile_get_time_zone_identifier (self->profile));
      return FALSE;
    }
  return TRUE;
}

/**
 * attrib_engine_attribute_deal:
 * @self: an engine
 * @ledger: the events
 * @deal: a deal id
 * @error: return location for a #GError
 *
 * Attributes one deal.
 *
 * Returns: (transfer full) (nullable): the verdict, or %NULL with
 *   %ATTRIB_ERROR_NOT_FOUND if the ledger has no such deal
 */
AttribVerdict *
attrib_engine_attribute_deal (AttribEngine  *self,
                              AttribLedger  *ledger,
                              const char    *deal,
                              GError       **error)
{
  AttribRun run;
  AttribVerdict *verdict;
  guint32 slot;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (deal != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ledger (self, ledger, error))
    return NULL;
  slot = _attrib_ledger_find_deal (ledger, deal);
  if (slot == ATTRIB_NONE)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("The ledger has no deal “%s”"), deal);
      return NULL;
    }
  _attrib_run_init (&run, self->profile, ledger);
  verdict = _attrib_run_decide_deal (&run, slot);
  _attrib_run_clear (&run);
  return verdict;
}

/* A batch is split into contiguous ranges of deals, one per thread: the
 * ledger is read-only and every run has its own claims. */
#define ATTRIB_MAX_THREADS 16

typedef struct
{
  AttribProfile *profile;
  AttribLedger *ledger;
  AttribVerdict **out;
  guint32 begin, end;
  GThread *thread;
} BatchPart;

static gpointer
batch_part (gpointer data)
{
  BatchPart *part = data;
  AttribRun run;
  guint32 slot;

  _attrib_run_init (&run, part->profile, part->ledger);
  for (slot = part->begin; slot < part->end; slot++)
    {
      /* claims are traced into the verdict that computes them: start
       * every deal afresh so each trace is complete */
      g_hash_table_remove_all (run.person_claims);
      part->out[slot] = _attrib_run_decide_deal (&run, slot);
    }
  _attrib_run_clear (&run);
  return NULL;
}

/* How many threads a batch of @n_deals uses: one per processor, none
 * idle on a small batch; ATTRIB_THREADS caps it (1: the caller's thread
 * only). */
static guint
batch_threads (guint32 n_deals)
{
  const char *env = g_getenv ("ATTRIB_THREADS");
  guint n = g_get_num_processors ();

  if (env != NULL && g_ascii_strtoull (env, NULL, 10) > 0)
    n = (guint) MIN (g_ascii_strtoull (env, NULL, 10), ATTRIB_MAX_THREADS);
  n = MIN (n, ATTRIB_MAX_THREADS);
  n = MIN (n, n_deals / 64 + 1);
  return MAX (n, 1);
}

/**
 * attrib_engine_attribute_all:
 * @self: an engine
 * @ledger: the events
 * @error: return location for a #GError
 *
 * Attributes every deal of the ledger, in the order of their ids.
 *
 * The deals are shared out among one thread per processor (the
 * `ATTRIB_THREADS` environment variable caps them; 1 keeps the work on the
 * caller's thread); the verdicts are the same whatever the threads. Do not
 * add events to @ledger meanwhile.
 *
 * Returns: (transfer container) (element-type AttribVerdict) (nullable):
 *   the verdicts
 */
GPtrArray *
attrib_engine_attribute_all (AttribEngine  *self,
                             AttribLedger  *ledger,
                             GError       **error)
{
  GPtrArray *verdicts;
  AttribRun run;
  BatchPart parts[ATTRIB_MAX_THREADS];
  guint32 n_deals;
  guint n_threads, i;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ledger (self, ledger, error))
    return NULL;
  /* builds the indexes, once, before any worker reads them */
  _attrib_run_init (&run, self->profile, ledger);
  n_deals = run.index->deal_events.n_keys;
  _attrib_run_clear (&run);

  verdicts = g_ptr_array_new_full (n_deals, (GDestroyNotify) attrib_verdict_unref);
  g_ptr_array_set_size (verdicts, n_deals);
  n_threads = batch_threads (n_deals);
  for (i = 0; i < n_threads; i++)
    {
      parts[i].profile = self->profile;
      parts[i].ledger = ledger;
      parts[i].out = (AttribVerdict **) verdicts->pdata;
      parts[i].begin = (guint32) ((guint64) n_deals * i / n_threads);
      parts[i].end = (guint32) ((guint64) n_deals * (i + 1) / n_threads);
      parts[i].thread = NULL;
    }
  /* the caller's thread takes the first part; each verdict lands at its
   * deal's place, so the result is the same whatever the threads */
  for (i = 1; i < n_threads; i++)
    parts[i].thread = g_thread_new ("attrib-batch", batch_part, &parts[i]);
  batch_part (&parts[0]);
  for (i = 1; i < n_threads; i++)
    g_thread_join (parts[i].thread);
  return verdicts;
}

/**
 * attrib_engine_check_report:
 * @self: an engine
 * @ledger: the events
 * @report: the id of a report event
 * @out_accepted: (out): return location for whether the report was accepted
 * @out_reason: (out) (optional) (transfer full) (nullable): why it was
 *   rejected, %NULL if it was accepted
 * @error: return location for a #GError
 *
 * Whether a report was accepted when filed — whether it conferred a claim,
 * which may lapse later — under the profile's report clauses. A profile
 * without report clauses accepts every well-formed report.
 *
 * Returns: %TRUE with the answer in @out_accepted, or %FALSE with @error
 *   set (%ATTRIB_ERROR_NOT_FOUND for an unknown report)
 */
gboolean
attrib_engine_check_report (AttribEngine  *self,
                            AttribLedger  *ledger,
                            const char    *report,
                            gboolean      *out_accepted,
                            char         **out_reason,
                            GError       **error)
{
  const AttribClause *clause;
  AttribRun run;
  guint32 e;
  gboolean accepted = TRUE;
  char *reason = NULL;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (out_accepted != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *out_accepted = FALSE;
  if (out_reason != NULL)
    *out_reason = NULL;
  e = _attrib_strpool_lookup (&ledger->ids, report, strlen (report));
  if (e == ATTRIB_NONE || ledger->records[e].type != ATTRIB_EVENT_TYPE_REPORT)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("The ledger has no report “%s”"), report);
      return FALSE;
    }

  _attrib_run_init (&run, self->profile, ledger);
  clause = _attrib_profile_find_kind (self->profile, "report_required");
  if (run.index->contact_person[ledger->records[e].contact] == ATTRIB_NONE)
    {
      accepted = FALSE;
      reason = g_strdup (_("its customer's masked phone or name matches several customers"));
    }
  else if (clause != NULL)
    {
      accepted = _attrib_report_accepted (&run, clause, e, &reason);
      if (accepted)
        {
          /* complete, but did it reach the site in time for the visit? */
          const AttribRecord *rec = &ledger->records[e];
          guint32 person = _attrib_run_contact_person (&run, rec->contact);
          guint32 channel = _attrib_run_channel_of (&run, rec->party);
          const guint32 *events;
          guint32 n, i, j;

          _attrib_csr_get (&run.index->person_events, person, &events, &n);
          for (i = 0; i < n; i++)
            {
              const AttribRecord *v = &ledger->records[events[i]];
              gboolean with_channel = FALSE;

              if (v->at < rec->at || v->type != ATTRIB_EVENT_TYPE_VISIT)
                continue;
              for (j = 0; j < v->aux; j++)
                if (_attrib_run_channel_of (&run, g_array_index (ledger->agents, AttribAgentRec, v->party + j).party) == channel)
                  with_channel = TRUE;
              if (!with_channel)
                continue;
              if (rec->at > v->at - _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC)
                {
                  accepted = FALSE;
                  reason = g_strdup_printf (_("it reached the site less than %d minutes before the visit “%s”"),
                                            (int) _attrib_clause_get_int (clause, "lead_minutes"),
                                            _attrib_run_event_id (&run, events[i]));
                }
              break;
            }
        }
    }
  else
    {
      /* where reports confer claims, a report was accepted if it started
       * or renewed one; its rejection says why not */
      const AttribPersonClaims *pc = _attrib_run_claims (&run, run.index->contact_person[ledger->records[e].contact]);
      guint i;

      for (i = 0; i < pc->rejected->len; i++)
        {
          const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

          if (a->visit == e)
            {
              accepted = FALSE;
              reason = g_strdup_printf (_("%s (%s)"), a->reason, a->reject_clause);
            }
        }
    }
  _attrib_run_clear (&run);
  *out_accepted = accepted;
  if (out_reason != NULL)
    *out_reason = reason;
  else
    g_free (reason);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Claims and the desk's check                                         */

static AttribClaim *
public_claim (AttribRun            *run,
              const AttribClaimRec *claim,
              AttribTime            at)
{
  AttribClaimState state;

  if (claim->begin > at)
    state = ATTRIB_CLAIM_STATE_FUTURE;
  else if (at < claim->end)
    state = ATTRIB_CLAIM_STATE_ACTIVE;
  else if (claim->ended)
    state = ATTRIB_CLAIM_STATE_ENDED;
  else if (claim->renewed)
    state = ATTRIB_CLAIM_STATE_RENEWED;
  else
    state = ATTRIB_CLAIM_STATE_EXPIRED;
  return _attrib_claim_new (state, _attrib_run_str (run, claim->holder), _attrib_run_str (run, claim->channel),
                            claim->begin, claim->end, _attrib_run_event_id (run, claim->event), claim->clause, NULL);
}

static AttribClaim *
public_rejection (AttribRun           *run,
                  const AttribAttempt *attempt)
{
  AttribTime t = _attrib_run_record (run, attempt->visit)->at;

  return _attrib_claim_new (ATTRIB_CLAIM_STATE_REJECTED, _attrib_run_str (run, attempt->holder),
                            _attrib_run_str (run, attempt->channel), t, t,
                            _attrib_run_event_id (run, attempt->visit), attempt->reject_clause, attempt->reason);
}

static int
compare_claims (gconstpointer a,
                gconstpointer b)
{
  AttribClaim *x = *(AttribClaim **) a, *y = *(AttribClaim **) b;

  if (attrib_claim_get_begin (x) != attrib_claim_get_begin (y))
    return attrib_claim_get_begin (x) < attrib_claim_get_begin (y) ? -1 : 1;
  return strcmp (attrib_claim_get_event (x), attrib_claim_get_event (y));
}

/**
 * attrib_engine_get_claims:
 * @self: an engine
 * @ledger: the events
 * @person: a person of @ledger
 * @at: the time to judge the claims' states at
 * @error: return location for a #GError
 *
 * Every claim the profile derives on a person from the ledger — active,
 * renewed, expired, ended or still to come at @at — and every
 * confirmation up to @at that gave no claim, with the clause that rejected
 * it and why; sorted by start.
 *
 * Claims of different standing may be active together: at agent level the
 * representative who received a natural visit (自然来访, the clause of kind
 * `natural_visit`, e.g. 自然到访) holds the customer without end, but only
 * where no report or confirmation holds them; a report that protects
 * against nobody (a first report) yields to a confirmation. The desk's
 * answer for a customer is the one [method@Attrib.Engine.check] gives.
 *
 * Returns: (transfer container) (element-type AttribClaim) (nullable): the
 *   claims
 */
GPtrArray *
attrib_engine_get_claims (AttribEngine  *self,
                          AttribLedger  *ledger,
                          AttribPerson  *person,
                          AttribTime     at,
                          GError       **error)
{
  const AttribPersonClaims *pc;
  GPtrArray *claims;
  AttribRun run;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_ledger (self, ledger, error))
    return NULL;
  _attrib_run_init (&run, self->profile, ledger);
  if (attrib_person_get_id (person) >= run.index->n_persons)
    {
      _attrib_run_clear (&run);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("The person is not of this ledger"));
      return NULL;
    }
  pc = _attrib_run_claims (&run, attrib_person_get_id (person));
  claims = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_claim_unref);
  for (i = 0; i < pc->claims->len; i++)
    g_ptr_array_add (claims, public_claim (&run, &g_array_index (pc->claims, AttribClaimRec, i), at));
  for (i = 0; i < pc->rejected->len; i++)
    {
      const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

      if (_attrib_run_record (&run, a->visit)->at <= at)
        g_ptr_array_add (claims, public_rejection (&run, a));
    }
  g_ptr_array_sort (claims, compare_claims);
  _attrib_run_clear (&run);
  return claims;
}

static gboolean
copy_events (AttribLedger             *from,
             const AttribLedgerIndex  *index,
             AttribLedger             *to,
             guint32                   person,
             GError                  **error)
{
  const guint32 *events;
  guint32 n, i;

  _attrib_csr_get (&index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = _attrib_ledger_materialize (from, events[i]);

      if (_attrib_strpool_lookup (&to->ids, ev->id, strlen (ev->id)) != ATTRIB_NONE)
        continue;   /* a relation seen from both sides */
      if (!attrib_ledger_add_event (to, ev, error))
        return FALSE;
    }
  return TRUE;
}

/* The persons whose events the check copies for @person: themselves, the
 * persons related to them, the customers whose visits they came along to
 * and who referred them (a new customer may be an old one's agent's);
 * each once, however many events name them. */
static GArray *
check_persons (AttribLedger            *from,
               const AttribLedgerIndex *index,
               guint32                  person)
{
  GArray *persons = g_array_new (FALSE, FALSE, sizeof (guint32));
  const guint32 *events;
  guint32 n, i;

  g_array_append_val (persons, person);
  _attrib_csr_get (&index->person_relations, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rel = &from->records[events[i]];
      guint32 a = index->contact_person[rel->contact];
      guint32 b = rel->aux != ATTRIB_NONE ? index->contact_person[rel->aux] : ATTRIB_NONE;
      guint32 other = a == person ? b : a;

      if (other != ATTRIB_NONE)
        g_array_append_val (persons, other);
    }
  _attrib_csr_get (&index->person_companions, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      guint32 host = index->contact_person[from->records[events[i]].contact];

      if (host != ATTRIB_NONE)
        g_array_append_val (persons, host);
    }
  _attrib_csr_get (&index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    {
      const AttribRecord *rec = &from->records[events[i]];
      guint32 referrer;

      if (rec->type != ATTRIB_EVENT_TYPE_VISIT || rec->extra == ATTRIB_NONE ||
          g_array_index (from->visits, AttribVisitExtra, rec->extra).referred_by == ATTRIB_NONE)
        continue;
      referrer = index->contact_person[g_array_index (from->visits, AttribVisitExtra, rec->extra).referred_by];
      if (referrer != ATTRIB_NONE)
        g_array_append_val (persons, referrer);
    }
  _attrib_sort_unique (persons);
  return persons;
}

/* The channel a checked visit or report is for: the report's party's, the
 * visit's first agent's (lowest rank). */
static guint32
checked_channel (AttribRun *run,
                 guint32    event)
{
  const AttribRecord *rec = _attrib_run_record (run, event);
  gint32 best = G_MAXINT32;
  guint32 channel = ATTRIB_NONE, i;

  if (rec->type == ATTRIB_EVENT_TYPE_REPORT)
    return _attrib_run_competitor (run, rec->party);
  for (i = 0; rec->type == ATTRIB_EVENT_TYPE_VISIT && i < rec->aux; i++)
    {
      const AttribAgentRec *agent = &g_array_index (run->ledger->agents, AttribAgentRec, rec->party + i);

      if (agent->rank < best)
        {
          best = agent->rank;
          channel = _attrib_run_competitor (run, agent->party);
        }
    }
  return channel;
}

/**
 * attrib_engine_check:
 * @self: an engine
 * @ledger: the events so far
 * @visit: a visit or a report that has not happened yet: a visit with the
 *   agents who would bring the customer, or a report a channel would file
 * @error: return location for a #GError
 *
 * The sales desk's check (判客): would this visit or report confirm the
 * customer now, for whom, until when, and which clause says so. The ledger
 * is not changed.
 *
 * The answer is worked out on the customer's own events and those of the
 * persons related to them, of the customers whose visits they came along
 * to and of those who referred them, with the event added. It is, in this
 * order: the rejection of the event; the claim the event started or
 * renewed; the claim covering the event's time of the checked channel
 * (a report's party, or a visit's first agent by entry rank); any other
 * claim covering it; a natural claim (the receiver's) last. Among the
 * claims one of these takes, the one that stands highest: a protecting
 * claim before a report's.
 *
 * Returns: (transfer full) (nullable): the claim the event would give
 *   (%ATTRIB_CLAIM_STATE_ACTIVE), or the rejection
 *   (%ATTRIB_CLAIM_STATE_REJECTED) with its clause and reason; %NULL with
 *   @error set if @visit is neither a valid report nor a visit with agents
 */
AttribClaim *
attrib_engine_check (AttribEngine  *self,
                     AttribLedger  *ledger,
                     AttribEvent   *visit,
                     GError       **error)
{
  g_autoptr(AttribLedger) scratch = NULL;
  g_autoptr(GArray) found = NULL;
  const AttribPersonClaims *pc;
  const AttribRecord *rec;
  AttribClaim *answer = NULL;
  AttribRun run;
  guint32 e, person, i, channel;
  guint pass;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (visit != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(attrib_event_get_event_type (visit) == ATTRIB_EVENT_TYPE_REPORT ||
        (attrib_event_get_event_type (visit) == ATTRIB_EVENT_TYPE_VISIT &&
         (attrib_event_get_n_agents (visit) > 0 || attrib_event_get_token (visit) != NULL))))
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT,
                   _("event “%s”: the desk checks a report, or a visit with agents or a flyer"), attrib_event_get_id (visit));
      return NULL;
    }
  if (!check_ledger (self, ledger, error))
    return NULL;
  if (_attrib_strpool_lookup (&ledger->ids, visit->id, strlen (visit->id)) != ATTRIB_NONE)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_DUPLICATE_ID,
                   _("event “%s”: an event with this id is already in the ledger"), visit->id);
      return NULL;
    }

  scratch = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (self->profile), error);
  if (scratch == NULL)
    return NULL;
  if (ledger->phone_key != NULL)
    scratch->phone_key = g_bytes_ref (ledger->phone_key);

  /* the customer's events, and those of the persons related to them */
  found = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (visit->customer_phone != NULL || visit->customer_name != NULL)
    {
      char phone[ATTRIB_PHONE_BUFFER];
      gboolean masked, valid = FALSE;

      if (visit->customer_phone != NULL)
        valid = _attrib_ledger_normalize_phone (ledger, visit->customer_phone, phone, &masked, NULL);
      if (visit->customer_phone == NULL || valid)
        _attrib_ledger_match_contact (ledger, visit->customer_name, valid ? phone : NULL,
                                      _attrib_profile_get_mask_names (self->profile), found);
    }
  if (found->len > 1)
    {
      /* as in the batch, an event whose customer is ambiguous confers
       * nothing (attrib_engine_check_report says the same) */
      return _attrib_claim_new (ATTRIB_CLAIM_STATE_REJECTED, NULL, NULL, visit->at, visit->at, visit->id, NULL,
                                _("its customer's masked phone or name matches several customers"));
    }
  if (found->len == 1)
    {
      const AttribLedgerIndex *index = _attrib_ledger_ensure_index_for (ledger, _attrib_profile_get_mask_names (self->profile));
      g_autoptr(GArray) persons = check_persons (ledger, index, g_array_index (found, guint32, 0));

      for (i = 0; i < persons->len; i++)
        if (!copy_events (ledger, index, scratch, g_array_index (persons, guint32, i), error))
          return NULL;
    }
  if (!attrib_ledger_add_event (scratch, visit, error))
    return NULL;
  attrib_ledger_freeze (scratch);

  _attrib_run_init (&run, self->profile, scratch);
  e = _attrib_strpool_lookup (&scratch->ids, visit->id, strlen (visit->id));
  rec = &scratch->records[e];
  person = run.index->contact_person[rec->contact];
  pc = _attrib_run_claims (&run, person);

  /* rejected; else a claim the event started or renewed; else the claim
   * the event falls in (a revisit), the checked channel's first; a natural
   * holder's claim (the receiver's) only where nothing else answers */
  for (i = 0; answer == NULL && i < pc->rejected->len; i++)
    {
      const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

      if (a->visit == e)
        answer = public_rejection (&run, a);
    }
  channel = checked_channel (&run, e);
  for (pass = 0; answer == NULL && pass < 4; pass++)
    {
      const AttribClaimRec *best = NULL;

      for (i = 0; i < pc->claims->len; i++)
        {
          const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);
          gboolean natural = claim->standing == ATTRIB_STANDING_NATURAL;
          gboolean covers = claim->begin <= rec->at && rec->at < claim->end;

          /* among those a pass takes, the one that stands highest */
          if (((pass == 0 && !natural && claim->event == e) ||
               (pass == 1 && !natural && covers && claim->channel == channel) ||
               (pass == 2 && !natural && covers) ||
               (pass == 3 && natural && (claim->event == e || covers))) &&
              (best == NULL || claim->standing < best->standing))
            best = claim;
        }
      if (best != NULL)
        answer = public_claim (&run, best, rec->at);
    }
  if (answer == NULL)
    answer = _attrib_claim_new (ATTRIB_CLAIM_STATE_REJECTED, NULL, NULL, rec->at, rec->at, visit->id, NULL,
                                rec->type == ATTRIB_EVENT_TYPE_REPORT ? _("the profile gives reports no claim")
                                                                      : _("the profile gives visits no claim"));
  _attrib_run_clear (&run);
  return answer;
}
