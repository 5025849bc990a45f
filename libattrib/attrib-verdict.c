/* attrib-verdict.c: who gets a deal, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-sha256-private.h"
#include "attrib-event-private.h"
#include "attrib-fraction-private.h"
#include "attrib-json-private.h"
#include "attrib-util-private.h"
#include "attrib-verdict-private.h"

/**
 * AttribVerdict:
 *
 * The attribution of one deal under a profile: the performance (业绩) and
 * commission (佣金) shares, each a set of parties with exact fractions
 * summing to 1; a status; the clauses that decided it; and a trace of
 * every clause the engine considered, with the events it used and a
 * message a lawyer can read.
 *
 * A verdict carries a fingerprint: the SHA-256 of the canonical text of
 * every input it used (the events, the resolved profile, the library
 * version). The same inputs give the same fingerprint and the same JSON
 * ([method@Attrib.Verdict.to_json]), byte for byte, whatever the order the
 * events were added in.
 *
 * A verdict of a frozen ledger works out its trace and fingerprint when
 * one of them is first asked for, from the ledger and the profile it holds
 * until then; they are the same as if worked out at once (see
 * [method@Attrib.Engine.attribute_deal]). A verdict may be read from any
 * thread.
 */

typedef struct
{
  char *party;
  gint64 numerator;
  gint64 denominator;
} Share;

typedef struct
{
  char *clause;
  AttribOutcome outcome;
  char *message;
  char **events;
} Step;

/* A run of the trace's steps: the verdict's own, or shared with other
 * verdicts (the steps of a purchaser's claims, the same in each verdict
 * of a batch that asks for them: attrib-claims.c). */
typedef struct
{
  GPtrArray *steps;          /* Step*, immutable once shared */
  guint first;               /* the index in the trace of its first step */
  gboolean shared;
} Segment;

struct _AttribVerdict
{
  gatomicrefcount ref_count;
  char *deal;
  AttribVerdictStatus status;
  AttribTime at;
  GTimeZone *at_tz;          /* where @at is written, or NULL: none */
  GArray *shares[2];         /* Share */
  GPtrArray *clauses;        /* char*, NULL-terminated */
  GArray *segments;          /* Segment: the trace, in order */
  guint n_steps;
  char *fingerprint;
  char *json;
  /* 0 while the trace and the fingerprint are still to be worked out
   * from @source (a verdict of a frozen ledger: most verdicts of a batch
   * are never asked for them); 1 once they are. Read and set atomically
   * (ensure_sealed()) */
  gint sealed;
  AttribVerdictSource *source;
  guint32 slot;
};

G_DEFINE_BOXED_TYPE (AttribVerdict, attrib_verdict, attrib_verdict_ref, attrib_verdict_unref)

static void
share_clear (gpointer data)
{
  g_free (((Share *) data)->party);
}

static void
segment_clear (gpointer data)
{
  g_ptr_array_unref (((Segment *) data)->steps);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_free (step->clause);
  g_free (step->message);
  g_strfreev (step->events);
  g_free (step);
}

AttribVerdict *
_attrib_verdict_new (const char *deal)
{
  AttribVerdict *self = g_new0 (AttribVerdict, 1);
  guint k;

  g_atomic_ref_count_init (&self->ref_count);
  self->sealed = 1;
  self->deal = g_strdup (deal);
  for (k = 0; k < 2; k++)
    {
      self->shares[k] = g_array_new (FALSE, FALSE, sizeof (Share));
      g_array_set_clear_func (self->shares[k], share_clear);
    }
  self->clauses = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  g_array_set_clear_func (self->segments, segment_clear);
  return self;
}

/**
 * attrib_verdict_ref:
 * @self: a verdict
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribVerdict *
attrib_verdict_ref (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_verdict_unref:
 * @self: (transfer full): a verdict
 *
 * Releases a reference.
 */
void
attrib_verdict_unref (AttribVerdict *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->deal);
  g_clear_pointer (&self->at_tz, g_time_zone_unref);
  g_array_unref (self->shares[0]);
  g_array_unref (self->shares[1]);
  g_ptr_array_unref (self->clauses);
  g_array_unref (self->segments);
  g_free (self->fingerprint);
  g_free (self->json);
  g_clear_pointer (&self->source, _attrib_verdict_source_unref);
  g_free (self);
}

void
_attrib_verdict_set_status (AttribVerdict       *self,
                            AttribVerdictStatus  status)
{
  self->status = status;
}

void
_attrib_verdict_set_at (AttribVerdict *self,
                        AttribTime     at,
                        GTimeZone     *tz)
{
  /* written when the JSON is */
  self->at = at;
  g_clear_pointer (&self->at_tz, g_time_zone_unref);
  self->at_tz = g_time_zone_ref (tz);
}

void
_attrib_verdict_clear_shares (AttribVerdict *self)
{
  g_array_set_size (self->shares[0], 0);
  g_array_set_size (self->shares[1], 0);
}

void
_attrib_verdict_clear_kind (AttribVerdict   *self,
                            AttribShareKind  kind)
{
  g_array_set_size (self->shares[kind], 0);
}

void
_attrib_verdict_add_share (AttribVerdict   *self,
                           AttribShareKind  kind,
                           const char      *party,
                           gint64           numerator,
                           gint64           denominator)
{
  GArray *shares = self->shares[kind];
  guint i;

  /* the same party twice (two claims of one agent) adds up */
  for (i = 0; i < shares->len; i++)
    {
      Share *s = &g_array_index (shares, Share, i);

      if (strcmp (s->party, party) == 0)
        {
          _attrib_fraction_add (&s->numerator, &s->denominator, numerator, denominator);
          return;
        }
    }
  {
    Share s = { g_strdup (party), 0, 1 };

    _attrib_fraction_reduce (numerator, denominator, &s.numerator, &s.denominator);
    g_array_append_val (shares, s);
  }
}

void
_attrib_verdict_add_clause (AttribVerdict *self,
                            const char    *clause)
{
  guint i;

  for (i = 0; i < self->clauses->len; i++)
    if (strcmp (g_ptr_array_index (self->clauses, i), clause) == 0)
      return;
  g_ptr_array_add (self->clauses, g_strdup (clause));
}

void
_attrib_verdict_add_step (AttribVerdict      *self,
                          const char         *clause,
                          AttribOutcome       outcome,
                          const char * const *events,
                          const char         *message)
{
  Step *step = g_new0 (Step, 1);

  step->clause = g_strdup (clause);
  step->outcome = outcome;
  step->message = g_strdup (message);
  step->events = g_strdupv ((char **) events);
  if (step->events == NULL)
    step->events = g_new0 (char *, 1);
  if (self->segments->len == 0 || g_array_index (self->segments, Segment, self->segments->len - 1).shared)
    {
      Segment own = { g_ptr_array_new_with_free_func (step_free), self->n_steps, FALSE };

      g_array_append_val (self->segments, own);
    }
  g_ptr_array_add (g_array_index (self->segments, Segment, self->segments->len - 1).steps, step);
  self->n_steps++;
}

/* The steps of the trace from @first on, made shared: the same steps may
 * then be added to other verdicts (_attrib_verdict_add_steps). They must
 * be the verdict's own and follow one another. */
GPtrArray *
_attrib_verdict_share_steps (AttribVerdict *self,
                             guint          first)
{
  Segment *last = self->segments->len > 0 ? &g_array_index (self->segments, Segment, self->segments->len - 1) : NULL;
  Segment shared = { NULL, first, TRUE };
  guint i;

  if (first == self->n_steps)
    return g_ptr_array_new ();
  g_return_val_if_fail (last != NULL && !last->shared && last->first <= first, NULL);

  shared.steps = g_ptr_array_new_full (self->n_steps - first, step_free);
  for (i = first - last->first; i < last->steps->len; i++)
    g_ptr_array_add (shared.steps, g_ptr_array_index (last->steps, i));
  /* moved, not freed */
  g_ptr_array_set_free_func (last->steps, NULL);
  g_ptr_array_set_size (last->steps, first - last->first);
  g_ptr_array_set_free_func (last->steps, step_free);
  if (last->steps->len == 0)
    g_array_set_size (self->segments, self->segments->len - 1);
  g_array_append_val (self->segments, shared);
  return g_ptr_array_ref (shared.steps);
}

/* Appends @steps, shared (from _attrib_verdict_share_steps). */
void
_attrib_verdict_add_steps (AttribVerdict *self,
                           GPtrArray     *steps)
{
  Segment shared = { NULL, self->n_steps, TRUE };

  if (steps->len == 0)
    return;
  shared.steps = g_ptr_array_ref (steps);
  g_array_append_val (self->segments, shared);
  self->n_steps += steps->len;
}

/* The step at @index of the trace. */
static const Step *
step_at (AttribVerdict *self,
         guint          index)
{
  guint lo = 0, hi = self->segments->len;
  const Segment *seg;

  /* the last segment that begins at or before @index */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->segments, Segment, mid).first <= index)
        lo = mid;
      else
        hi = mid;
    }
  seg = &g_array_index (self->segments, Segment, lo);
  return g_ptr_array_index (seg->steps, index - seg->first);
}

/* Copies of the steps of the trace from @first on. */
GPtrArray *
_attrib_verdict_copy_steps (AttribVerdict *self,
                            guint          first)
{
  GPtrArray *steps = g_ptr_array_new_full (self->n_steps - first, step_free);
  guint i;

  for (i = first; i < self->n_steps; i++)
    {
      const Step *step = step_at (self, i);
      Step *copy = g_new0 (Step, 1);

      copy->clause = g_strdup (step->clause);
      copy->outcome = step->outcome;
      copy->message = g_strdup (step->message);
      copy->events = g_strdupv (step->events);
      g_ptr_array_add (steps, copy);
    }
  return steps;
}

/* Appends copies of @steps, the verdict's own. */
void
_attrib_verdict_add_step_copies (AttribVerdict *self,
                                 GPtrArray     *steps)
{
  guint i;

  for (i = 0; i < steps->len; i++)
    {
      const Step *step = g_ptr_array_index (steps, i);

      _attrib_verdict_add_step (self, step->clause, step->outcome, (const char * const *) step->events, step->message);
    }
}

/* Replaces the events and the message of a step already added (a trace's
 * summary of repeated steps, completed once they are all known). */
void
_attrib_verdict_set_step (AttribVerdict      *self,
                          guint               index,
                          const char * const *events,
                          const char         *message)
{
  /* the verdict's own: steps with a summary are copied, never shared
   * (attrib-claims.c) */
  Step *step = (Step *) step_at (self, index);

  g_strfreev (step->events);
  step->events = g_strdupv ((char **) events);
  g_free (step->message);
  step->message = g_strdup (message);
}

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const Share *) a)->party, ((const Share *) b)->party);
}

static void
append_shares (GString *out,
               GArray  *shares)
{
  guint i;

  g_string_append_c (out, '{');
  for (i = 0; i < shares->len; i++)
    {
      const Share *s = &g_array_index (shares, Share, i);
      g_autofree char *value = s->denominator == 1
                             ? g_strdup_printf ("%" G_GINT64_FORMAT, s->numerator)
                             : g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, s->numerator, s->denominator);

      if (i > 0)
        g_string_append (out, ", ");
      _attrib_json_append_string (out, s->party);
      g_string_append (out, ": ");
      _attrib_json_append_string (out, value);
    }
  g_string_append_c (out, '}');
}

void
_attrib_verdict_seal (AttribVerdict *self,
                      const char    *inputs)
{
  static const char version[] = "libattrib " ATTRIB_VERSION_S "\n";
  AttribSha256 sha;
  char digest[72];

  g_array_sort (self->shares[0], compare_shares);
  g_array_sort (self->shares[1], compare_shares);
  if (inputs == NULL)
    return;   /* shares only: see _attrib_run_set_sealed() */

  _attrib_sha256_init (&sha);
  _attrib_sha256_update (&sha, version, sizeof version - 1);
  _attrib_sha256_update (&sha, inputs, strlen (inputs));
  _attrib_sha256_finish (&sha, digest);
  self->fingerprint = g_strdup (digest);
}

void
_attrib_verdict_defer (AttribVerdict       *self,
                       AttribVerdictSource *source,
                       guint32              slot)
{
  g_return_if_fail (self->source == NULL);

  self->source = _attrib_verdict_source_ref (source);
  self->slot = slot;
  self->sealed = 0;
}

static gboolean
same_shares (GArray *a,
             GArray *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    {
      const Share *x = &g_array_index (a, Share, i), *y = &g_array_index (b, Share, i);

      if (strcmp (x->party, y->party) != 0 || x->numerator != y->numerator || x->denominator != y->denominator)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_clauses (GPtrArray *a,
              GPtrArray *b)
{
  guint i;

  if (a->len != b->len)
    return FALSE;
  for (i = 0; i < a->len; i++)
    if (strcmp (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The steps so far of a verdict being built (never deferred). */
guint
_attrib_verdict_n_steps (AttribVerdict *self)
{
  return self->n_steps;
}

/* Works out the trace and the fingerprint of a deferred verdict, once,
 * whichever thread asks first (the others wait for it): the deal judged again, in full, on the
 * same frozen ledger and profile. The shares, status and clauses it was
 * returned with stay (they may have been handed out); the full run gives
 * the same, which is checked. */
/* Sealing is serialised by one of a few locks, chosen by the verdict's
 * address (a verdict's source serialises its batch in any case). They are
 * GRWLocks, taken as writers: pthread's, which ThreadSanitizer follows
 * (it does not follow GMutex's futex, nor g_once_init_leave() inside an
 * uninstrumented GLib). */
#define SEAL_LOCKS 16

static GRWLock seal_locks[SEAL_LOCKS];

static void
ensure_sealed (AttribVerdict *self)
{
  GRWLock *lock;
  AttribVerdict *full;

  if (g_atomic_int_get (&self->sealed))
    return;
  lock = &seal_locks[(GPOINTER_TO_SIZE (self) / sizeof (gpointer)) % SEAL_LOCKS];
  g_rw_lock_writer_lock (lock);
  if (g_atomic_int_get (&self->sealed))
    {
      g_rw_lock_writer_unlock (lock);
      return;
    }
  full = _attrib_verdict_source_decide (self->source, self->slot);
  if (full->status != self->status || !same_shares (full->shares[0], self->shares[0]) ||
      !same_shares (full->shares[1], self->shares[1]) || !same_clauses (full->clauses, self->clauses))
    /* a bug trap: what was handed out stays, with the full run's trace */
    g_critical ("The verdict of deal “%s” came out differently with its trace; this is a bug in libattrib",
                self->deal);
  g_array_unref (self->segments);
  self->segments = g_steal_pointer (&full->segments);
  full->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->n_steps = full->n_steps;
  g_free (self->fingerprint);
  self->fingerprint = g_steal_pointer (&full->fingerprint);
  attrib_verdict_unref (full);
  g_clear_pointer (&self->source, _attrib_verdict_source_unref);
  g_atomic_int_set (&self->sealed, 1);
  g_rw_lock_writer_unlock (lock);
}

/* The JSON line, written on first use: most verdicts of a batch are never
 * printed. Verdicts are immutable once sealed, so threads racing to write
 * it keep the first. */
static const char *
verdict_json (AttribVerdict *self)
{
  GString *out;
  char *json;
  guint i, j;

  if ((json = g_atomic_pointer_get (&self->json)) != NULL)
    return json;
  ensure_sealed (self);
  out = g_string_new (NULL);
  g_string_append (out, "{\"deal\": ");
  _attrib_json_append_string (out, self->deal);
  g_string_append_printf (out, ", \"status\": \"%s\"", _attrib_enum_nick (ATTRIB_TYPE_VERDICT_STATUS, self->status));
  if (self->at_tz != NULL)
    {
      g_autofree char *at = attrib_time_format (self->at, self->at_tz);

      g_string_append (out, ", \"at\": ");
      _attrib_json_append_string (out, at);
    }
  g_string_append (out, ", \"performance\": ");
  append_shares (out, self->shares[ATTRIB_SHARE_KIND_PERFORMANCE]);
  g_string_append (out, ", \"commission\": ");
  append_shares (out, self->shares[ATTRIB_SHARE_KIND_COMMISSION]);
  g_string_append (out, ", \"clauses\": [");
  for (i = 0; i < self->clauses->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      _attrib_json_append_string (out, g_ptr_array_index (self->clauses, i));
    }
  g_string_append (out, "], \"trace\": [");
  for (i = 0; i < self->n_steps; i++)
    {
      const Step *step = step_at (self, i);

      g_string_append (out, i > 0 ? ", {\"clause\": " : "{\"clause\": ");
      _attrib_json_append_string (out, step->clause);
      g_string_append_printf (out, ", \"outcome\": \"%s\", \"events\": [",
                              _attrib_enum_nick (ATTRIB_TYPE_OUTCOME, step->outcome));
      for (j = 0; step->events[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (out, ", ");
          _attrib_json_append_string (out, step->events[j]);
        }
      g_string_append (out, "], \"message\": ");
      _attrib_json_append_string (out, step->message);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "], \"fingerprint\": ");
  _attrib_json_append_string (out, self->fingerprint != NULL ? self->fingerprint : "");
  g_string_append_c (out, '}');
  json = g_string_free (out, FALSE);
  if (!g_atomic_pointer_compare_and_exchange (&self->json, NULL, json))
    {
      g_free (json);
      json = g_atomic_pointer_get (&self->json);
    }
  return json;
}

/**
 * attrib_verdict_get_deal:
 * @self: a verdict
 *
 * The deal the verdict is about.
 *
 * Returns: (transfer none): the deal id
 */
const char *
attrib_verdict_get_deal (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->deal;
}

/**
 * attrib_verdict_get_status:
 * @self: a verdict
 *
 * Whether the regulation decided the deal, or it waits for a verification
 * or a ruling.
 *
 * Returns: the status
 */
AttribVerdictStatus
attrib_verdict_get_status (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->status;
}

/**
 * attrib_verdict_get_at:
 * @self: a verdict
 *
 * The time the deal was evaluated at: its counted stage (认购 or 签约), or
 * the rename that re-attributed it.
 *
 * Returns: the evaluation time
 */
AttribTime
attrib_verdict_get_at (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * attrib_verdict_get_n_shares:
 * @self: a verdict
 * @kind: performance or commission
 *
 * The number of parties with a share of that kind (0 for a cancelled
 * deal).
 *
 * Returns: the number of shares
 */
guint
attrib_verdict_get_n_shares (AttribVerdict   *self,
                             AttribShareKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind <= ATTRIB_SHARE_KIND_COMMISSION, 0);
  return self->shares[kind]->len;
}

/**
 * attrib_verdict_get_share:
 * @self: a verdict
 * @kind: performance or commission
 * @index: below [method@Attrib.Verdict.get_n_shares]
 * @out_numerator: (out) (optional): the share's numerator
 * @out_denominator: (out) (optional): the share's denominator
 *
 * A share of the verdict; shares are sorted by party.
 *
 * Returns: (transfer none): the party
 */
const char *
attrib_verdict_get_share (AttribVerdict   *self,
                          AttribShareKind  kind,
                          guint            index,
                          gint64          *out_numerator,
                          gint64          *out_denominator)
{
  const Share *s;

  g_return_val_if_fail (index < attrib_verdict_get_n_shares (self, kind), NULL);

  s = &g_array_index (self->shares[kind], Share, index);
  if (out_numerator != NULL)
    *out_numerator = s->numerator;
  if (out_denominator != NULL)
    *out_denominator = s->denominator;
  return s->party;
}

/**
 * attrib_verdict_get_party_share:
 * @self: a verdict
 * @kind: performance or commission
 * @party: a party: `developer`, a channel (the sum over its agents) or
 *   `channel/agent`
 * @out_numerator: (out) (optional): the numerator
 * @out_denominator: (out) (optional): the denominator
 *
 * The share of one party, as the audit format reads it: a channel id sums
 * the shares of its agents.
 */
void
attrib_verdict_get_party_share (AttribVerdict   *self,
                                AttribShareKind  kind,
                                const char      *party,
                                gint64          *out_numerator,
                                gint64          *out_denominator)
{
  gint64 num = 0, den = 1;
  gsize len;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);
  g_return_if_fail (kind <= ATTRIB_SHARE_KIND_COMMISSION);

  len = strlen (party);
  for (i = 0; i < self->shares[kind]->len; i++)
    {
      const Share *s = &g_array_index (self->shares[kind], Share, i);

      if (strcmp (s->party, party) == 0 ||
          (strchr (party, '/') == NULL && strncmp (s->party, party, len) == 0 && s->party[len] == '/'))
        _attrib_fraction_add (&num, &den, s->numerator, s->denominator);
    }
  if (out_numerator != NULL)
    *out_numerator = num;
  if (out_denominator != NULL)
    *out_denominator = den;
}

/**
 * attrib_verdict_get_clauses:
 * @self: a verdict
 *
 * The ids of the clauses that decided the verdict.
 *
 * Returns: (transfer none) (array zero-terminated=1): the clause ids
 */
const char * const *
attrib_verdict_get_clauses (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->clauses->pdata;
}

/**
 * attrib_verdict_get_n_steps:
 * @self: a verdict
 *
 * The number of steps in the trace.
 *
 * Returns: the number of steps
 */
guint
attrib_verdict_get_n_steps (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, 0);
  ensure_sealed (self);
  return self->n_steps;
}

/**
 * attrib_verdict_get_step:
 * @self: a verdict
 * @index: below [method@Attrib.Verdict.get_n_steps]
 * @out_outcome: (out) (optional): what the clause did
 * @out_message: (out) (optional) (transfer none): the explanation, in the
 *   language of the messages when the trace was written: at attribution,
 *   or when first asked for ([property@Attrib.Engine:defer-traces])
 *
 * A step of the trace: a clause the engine considered.
 *
 * On a verdict of a frozen ledger the first of
 * [method@Attrib.Verdict.get_n_steps], [method@Attrib.Verdict.get_step],
 * [method@Attrib.Verdict.get_step_events],
 * [method@Attrib.Verdict.get_fingerprint] and
 * [method@Attrib.Verdict.to_json] may judge the deal again to write the
 * trace (and blocks while another thread does; see
 * [property@Attrib.Engine:defer-traces]).
 *
 * Returns: (transfer none): the clause id
 */
const char *
attrib_verdict_get_step (AttribVerdict  *self,
                         guint           index,
                         AttribOutcome  *out_outcome,
                         const char    **out_message)
{
  const Step *step;

  g_return_val_if_fail (self != NULL, NULL);
  ensure_sealed (self);
  g_return_val_if_fail (index < self->n_steps, NULL);

  step = step_at (self, index);
  if (out_outcome != NULL)
    *out_outcome = step->outcome;
  if (out_message != NULL)
    *out_message = step->message;
  return step->clause;
}

/**
 * attrib_verdict_get_step_events:
 * @self: a verdict
 * @index: below [method@Attrib.Verdict.get_n_steps]
 *
 * The ids of the events a step used.
 *
 * Returns: (transfer none) (array zero-terminated=1): the event ids
 */
const char * const *
attrib_verdict_get_step_events (AttribVerdict *self,
                                guint          index)
{
  const Step *step;

  g_return_val_if_fail (self != NULL, NULL);
  ensure_sealed (self);
  g_return_val_if_fail (index < self->n_steps, NULL);

  step = step_at (self, index);
  return (const char * const *) step->events;
}

/**
 * attrib_verdict_get_fingerprint:
 * @self: a verdict
 *
 * `sha256:` and the hex SHA-256 of the verdict's inputs: the canonical text
 * of the events it used, the resolved profile and the library version.
 *
 * Returns: (transfer none): the fingerprint
 */
const char *
attrib_verdict_get_fingerprint (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  ensure_sealed (self);
  return self->fingerprint;
}

/**
 * attrib_verdict_to_json:
 * @self: a verdict
 *
 * The verdict as one line of JSON, in the stable format of
 * [Verdicts and fingerprints](verdicts.html): deal, status, time, performance and commission
 * shares, decisive clauses, trace, fingerprint.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_verdict_to_json (AttribVerdict *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_strdup (verdict_json (self));
}
