/* attrib-engine.c: a profile applied to a ledger
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-async-private.h"
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
 * ledgers, and one ledger from several threads at once — a frozen one, or
 * one another thread keeps adding to (each call sees it between two whole
 * additions: [The live desk](live.html)).
 */

struct _AttribEngine
{
  GObject parent_instance;
  AttribProfile *profile;
  gint defer_traces;         /* read and set atomically */
  guint n_threads;           /* likewise */
};

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_DEFER_TRACES,
  PROP_N_THREADS,
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
    case PROP_DEFER_TRACES:
      g_value_set_boolean (value, attrib_engine_get_defer_traces (self));
      break;
    case PROP_N_THREADS:
      g_value_set_uint (value, attrib_engine_get_n_threads (self));
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
    case PROP_DEFER_TRACES:
      attrib_engine_set_defer_traces (self, g_value_get_boolean (value));
      break;
    case PROP_N_THREADS:
      attrib_engine_set_n_threads (self, g_value_get_uint (value));
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

  /**
   * AttribEngine:defer-traces:
   *
   * Whether verdicts of a frozen ledger work out their trace and
   * fingerprint when first asked for, rather than with their shares
   * ([Verdicts and fingerprints](verdicts.html), “When the trace is worked out”).
   *
   * %TRUE by default: a batch that reads shares, and a desk that shows who
   * owns a customer, pay for no trace. Set it to %FALSE where every
   * verdict's trace is read (printing them all: the threads of
   * [method@Attrib.Engine.attribute_all] then work them out too), or where
   * the trace must be written in the language and with the phone display
   * of the moment of attribution.
   */
  properties[PROP_DEFER_TRACES] =
    g_param_spec_boolean ("defer-traces", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * AttribEngine:n-threads:
   *
   * How many threads [method@Attrib.Engine.attribute_all] and
   * [method@Attrib.Engine.attribute_all_async] share a batch among: 0
   * (the default) for one per processor, 1 for the calling thread alone
   * (the worker thread of the `_async` form), at most %ATTRIB_MAX_THREADS.
   * A small batch uses fewer (none idles on fewer than 64 deals). The
   * verdicts are the same, byte for byte, whatever the number.
   *
   * The library reads no environment variable for it: the `attrib` tool
   * sets it from `--threads` or `ATTRIB_THREADS`.
   */
  properties[PROP_N_THREADS] =
    g_param_spec_uint ("n-threads", NULL, NULL, 0, ATTRIB_MAX_THREADS, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _attrib_bind_textdomain ();
}

static void
attrib_engine_init (AttribEngine *self)
{
  self->defer_traces = TRUE;
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

/**
 * attrib_engine_get_defer_traces:
 * @self: an engine
 *
 * Whether verdicts of a frozen ledger work out their trace and
 * fingerprint when first asked for ([property@Attrib.Engine:defer-traces]).
 *
 * Returns: whether traces are deferred
 */
gboolean
attrib_engine_get_defer_traces (AttribEngine *self)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), FALSE);
  return g_atomic_int_get (&self->defer_traces);
}

/**
 * attrib_engine_set_defer_traces:
 * @self: an engine
 * @defer: whether verdicts of a frozen ledger work out their trace and
 *   fingerprint when first asked for
 *
 * Sets [property@Attrib.Engine:defer-traces]. Verdicts already made keep
 * what they were made with.
 */
void
attrib_engine_set_defer_traces (AttribEngine *self,
                                gboolean      defer)
{
  g_return_if_fail (ATTRIB_IS_ENGINE (self));

  defer = !!defer;
  if (g_atomic_int_get (&self->defer_traces) == defer)
    return;
  g_atomic_int_set (&self->defer_traces, defer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFER_TRACES]);
}

/**
 * attrib_engine_get_n_threads:
 * @self: an engine
 *
 * How many threads a batch is shared among
 * ([property@Attrib.Engine:n-threads]).
 *
 * Returns: the number set, 0 for one per processor
 */
guint
attrib_engine_get_n_threads (AttribEngine *self)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), 0);
  return (guint) g_atomic_int_get ((gint *) &self->n_threads);
}

/**
 * attrib_engine_set_n_threads:
 * @self: an engine
 * @n_threads: 0 for one thread per processor, 1 for the calling thread
 *   only, or up to %ATTRIB_MAX_THREADS
 *
 * Sets [property@Attrib.Engine:n-threads]. A batch already running keeps
 * the threads it started with.
 */
void
attrib_engine_set_n_threads (AttribEngine *self,
                             guint         n_threads)
{
  g_return_if_fail (ATTRIB_IS_ENGINE (self));
  g_return_if_fail (n_threads <= ATTRIB_MAX_THREADS);

  if (attrib_engine_get_n_threads (self) == n_threads)
    return;
  g_atomic_int_set ((gint *) &self->n_threads, (gint) n_threads);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_THREADS]);
}

/* Whether verdicts of @ledger are made without their traces, sealed when
 * first asked (AttribVerdictSource). */
static gboolean
defers_traces (AttribEngine *self,
               AttribLedger *ledger)
{
  return attrib_engine_get_defer_traces (self) && attrib_ledger_is_frozen (ledger);
}

/* Whether @self can read @ledger: the same time zone. */
gboolean
_attrib_engine_check_ledger (AttribEngine  *self,
                             AttribLedger  *ledger,
                             GError       **error)
{
  GTimeZone *a, *b;

  if (self->profile == NULL)
    {
      /* g_object_new without "profile" (new Attrib.Engine() in gjs) */
      g_set_error_literal (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                           _("The engine was made without a profile (attrib_engine_new)"));
      return FALSE;
    }
  a = _attrib_profile_get_tz (self->profile);
  b = attrib_ledger_get_time_zone (ledger);

  if (g_strcmp0 (g_time_zone_get_identifier (a), g_time_zone_get_identifier (b)) != 0 &&
      g_strcmp0 (attrib_profile_get_time_zone_identifier (self->profile), attrib_ledger_get_time_zone_identifier (ledger)) != 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_FAILED,
                   _("The ledger reads dates in %s but profile “%s” works in %s: load the events in the profile's time zone"),
                   attrib_ledger_get_time_zone_identifier (ledger), attrib_profile_get_id (self->profile),
                   attrib_profile_get_time_zone_identifier (self->profile));
      return FALSE;
    }
  return _attrib_run_check_dates (self->profile, ledger, NULL, NULL, error);
}

struct _AttribVerdictSource
{
  gatomicrefcount ref_count;
  AttribProfile *profile;
  AttribLedger *ledger;     /* frozen */
  gboolean batch;           /* many verdicts: keep a purchaser's claims */
  gboolean show_phones;     /* as the verdicts were made */
  GRWLock lock;             /* guards what follows, taken as a writer:
                             * pthread's, which ThreadSanitizer follows */
  AttribRun run;            /* sealed */
  gboolean ready;
};

AttribVerdictSource *
_attrib_verdict_source_new (AttribProfile *profile,
                            AttribLedger  *ledger,
                            gboolean       batch)
{
  AttribVerdictSource *source;

  g_return_val_if_fail (attrib_ledger_is_frozen (ledger), NULL);

  source = g_new0 (AttribVerdictSource, 1);
  g_atomic_ref_count_init (&source->ref_count);
  source->profile = g_object_ref (profile);
  source->ledger = g_object_ref (ledger);
  source->batch = batch;
  source->show_phones = attrib_get_show_phones ();
  g_rw_lock_init (&source->lock);
  return source;
}

AttribVerdictSource *
_attrib_verdict_source_ref (AttribVerdictSource *source)
{
  g_atomic_ref_count_inc (&source->ref_count);
  return source;
}

void
_attrib_verdict_source_unref (AttribVerdictSource *source)
{
  if (!g_atomic_ref_count_dec (&source->ref_count))
    return;
  if (source->ready)
    _attrib_run_clear (&source->run);
  g_rw_lock_clear (&source->lock);
  g_object_unref (source->ledger);
  g_object_unref (source->profile);
  g_free (source);
}

/* The verdict of the deal at @slot with its trace and fingerprint: judged
 * again, as a batch judges it (batch_part()) — for the verdicts of a batch
 * keeping a purchaser's claims, so that they are worked out once however
 * many of their verdicts are asked for, in whatever order. Serialised:
 * one run. */
AttribVerdict *
_attrib_verdict_source_decide (AttribVerdictSource *source,
                               guint32              slot)
{
  AttribVerdict *verdict;

  g_rw_lock_writer_lock (&source->lock);
  if (!source->ready)
    {
      _attrib_run_init (&source->run, source->profile, source->ledger);
      source->run.show_phones = source->show_phones;
      if (source->batch)
        _attrib_run_keep_claims (&source->run);
      source->ready = TRUE;
    }
  _attrib_run_forget_claims (&source->run);
  verdict = _attrib_run_decide_deal (&source->run, slot);
  g_rw_lock_writer_unlock (&source->lock);
  return verdict;
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
 * On a frozen ledger ([method@Attrib.Ledger.freeze]) the verdict is
 * returned with its shares, status and decisive clauses; its trace and
 * fingerprint are worked out when first asked for, from the same ledger
 * and profile, which it holds until then (and with them what it takes to
 * judge the deal again: for a batch, the claims worked out for the
 * verdicts sealed so far). They are the same as if worked out at once,
 * except that the trace's messages are in the language, and show phones
 * as [func@Attrib.set_show_phones] says, of the moment they are written.
 * On a ledger that may still change, or with
 * [property@Attrib.Engine:defer-traces] %FALSE, they are worked out at
 * once.
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  AttribRun run;
  AttribVerdict *verdict;
  guint32 slot;
  gboolean lazy;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (deal != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!_attrib_engine_check_ledger (self, ledger, error))
    return NULL;
  slot = _attrib_ledger_find_deal (ledger, deal);
  if (slot == ATTRIB_NONE)
    {
      {
        g_autofree char *shown = _attrib_for_display (deal);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("The ledger has no deal “%s”"), shown);
      }
      return NULL;
    }
  lazy = defers_traces (self, ledger);
  _attrib_run_init (&run, self->profile, ledger);
  if (lazy)
    _attrib_run_set_sealed (&run, FALSE);
  verdict = _attrib_run_decide_deal (&run, slot);
  _attrib_run_clear (&run);
  if (lazy)
    {
      g_autoptr(AttribVerdictSource) source = _attrib_verdict_source_new (self->profile, ledger, FALSE);

      _attrib_verdict_defer (verdict, source, slot);
    }
  return verdict;
}

/* A batch is split into contiguous ranges of deals, one per thread: the
 * ledger is read-only and every run has its own claims. */
typedef struct
{
  AttribProfile *profile;
  AttribLedger *ledger;
  AttribVerdictSource *source;   /* or NULL: verdicts sealed at once */
  AttribVerdict **out;
  guint32 begin, end;
  GThread *thread;
  GCancellable *cancellable;     /* or NULL */
  AttribProgress *progress;      /* or NULL */
  gint *n_done;                  /* deals done by every part, atomic */
  guint32 n_deals;
} BatchPart;

/* For tests/test-async.c: called by a batch's threads after each deal;
 * NULL (nothing called) otherwise. Not exported. */
G_GNUC_INTERNAL void (*_attrib_engine_batch_deal_hook) (GCancellable *cancellable) = NULL;

static gpointer
batch_part (gpointer data)
{
  BatchPart *part = data;
  AttribRun run;
  guint32 slot;

  _attrib_run_init (&run, part->profile, part->ledger);
  /* a purchaser of many deals: their claims are worked out once */
  _attrib_run_keep_claims (&run);
  if (part->source != NULL)
    _attrib_run_set_sealed (&run, FALSE);
  for (slot = part->begin; slot < part->end; slot++)
    {
      guint done;

      /* cancelled: every part stops at its next deal */
      if (part->cancellable != NULL && g_cancellable_is_cancelled (part->cancellable))
        break;
      /* claims are traced into the verdict that computes them: start
       * every deal afresh so each trace is complete (those kept come
       * with their steps) */
      _attrib_run_forget_claims (&run);
      part->out[slot] = _attrib_run_decide_deal (&run, slot);
      if (part->source != NULL)
        _attrib_verdict_defer (part->out[slot], part->source, slot);
      if (G_UNLIKELY (_attrib_engine_batch_deal_hook != NULL))
        _attrib_engine_batch_deal_hook (part->cancellable);
      done = (guint) g_atomic_int_add (part->n_done, 1) + 1;
      if (part->progress != NULL && ((slot - part->begin) % ATTRIB_PROGRESS_EVERY == 0 || slot + 1 == part->end))
        _attrib_progress_report (part->progress, done, part->n_deals);
    }
  _attrib_run_clear (&run);
  return NULL;
}

/* How many threads a batch of @n_deals uses: one per processor, none
 * idle on a small batch; the engine's n-threads caps it (1: the caller's
 * thread only). */
static guint
batch_threads (AttribEngine *self,
               guint32       n_deals)
{
  guint n = attrib_engine_get_n_threads (self);

  if (n == 0)
    n = g_get_num_processors ();
  n = MIN (n, ATTRIB_MAX_THREADS);
  n = MIN (n, n_deals / 64 + 1);
  return MAX (n, 1);
}

/* attribute_all(), and the thread of attribute_all_async(): stops between
 * deals once @cancellable is cancelled. */
static GPtrArray *
attribute_batch (AttribEngine    *self,
                 AttribLedger    *ledger,
                 GCancellable    *cancellable,
                 AttribProgress  *progress,
                 GError         **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  GPtrArray *verdicts;
  g_autoptr(AttribVerdictSource) source = NULL;
  AttribRun run;
  BatchPart parts[ATTRIB_MAX_THREADS];
  guint32 n_deals;
  guint n_threads, i;
  gint n_done = 0;

  hold = _attrib_ledger_read_lock (ledger);

  if (!_attrib_engine_check_ledger (self, ledger, error))
    return NULL;
  /* builds the indexes, once, before any worker reads them */
  _attrib_run_init (&run, self->profile, ledger);
  n_deals = run.index->deal_events.n_keys;
  _attrib_run_clear (&run);
  if (defers_traces (self, ledger))
    source = _attrib_verdict_source_new (self->profile, ledger, TRUE);

  _attrib_progress_report (progress, 0, n_deals);
  verdicts = g_ptr_array_new_full (n_deals, (GDestroyNotify) attrib_verdict_unref);
  g_ptr_array_set_size (verdicts, n_deals);
  n_threads = batch_threads (self, n_deals);
  for (i = 0; i < n_threads; i++)
    {
      parts[i].profile = self->profile;
      parts[i].ledger = ledger;
      parts[i].source = source;
      parts[i].out = (AttribVerdict **) verdicts->pdata;
      parts[i].begin = (guint32) ((guint64) n_deals * i / n_threads);
      parts[i].end = (guint32) ((guint64) n_deals * (i + 1) / n_threads);
      parts[i].thread = NULL;
      parts[i].cancellable = cancellable;
      parts[i].progress = progress;
      parts[i].n_done = &n_done;
      parts[i].n_deals = n_deals;
    }
  /* the caller's thread takes the first part; each verdict lands at its
   * deal's place, so the result is the same whatever the threads */
  for (i = 1; i < n_threads; i++)
    parts[i].thread = g_thread_new ("attrib-batch", batch_part, &parts[i]);
  batch_part (&parts[0]);
  for (i = 1; i < n_threads; i++)
    g_thread_join (parts[i].thread);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      /* the deals not reached have no verdict */
      g_ptr_array_set_free_func (verdicts, NULL);
      for (i = 0; i < verdicts->len; i++)
        g_clear_pointer (&g_ptr_array_index (verdicts, i), attrib_verdict_unref);
      g_ptr_array_unref (verdicts);
      return NULL;
    }
  _attrib_progress_report (progress, n_deals, n_deals);
  return verdicts;
}

/**
 * attrib_engine_attribute_all:
 * @self: an engine
 * @ledger: the events
 * @error: return location for a #GError
 *
 * Attributes every deal of the ledger, in the order of their ids.
 *
 * The deals are shared out among the threads
 * [property@Attrib.Engine:n-threads] says, one per processor by default
 * (1 keeps the work on the caller's thread); the verdicts are the same
 * whatever the threads. The ledger is held for the whole batch: events
 * added meanwhile wait for it ([The live desk](live.html)).
 *
 * On a frozen ledger the verdicts come without their traces and
 * fingerprints, which each works out when first asked for, one verdict at
 * a time, as [method@Attrib.Engine.attribute_deal] says; verdicts of one
 * purchaser share the work, as they do in the batch. They hold the ledger
 * and the profile until then. A program that reads every trace sets
 * [property@Attrib.Engine:defer-traces] to %FALSE: the batch's threads
 * then work them out.
 *
 * [method@Attrib.Engine.attribute_all_async] does the same in a worker
 * thread, with a #GCancellable and progress.
 *
 * Returns: (transfer container) (element-type AttribVerdict) (nullable):
 *   the verdicts
 */
GPtrArray *
attrib_engine_attribute_all (AttribEngine  *self,
                             AttribLedger  *ledger,
                             GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return attribute_batch (self, ledger, NULL, NULL, error);
}

static gpointer
attribute_all_work (gpointer         source_object,
                    gpointer         job,
                    AttribProgress  *progress,
                    GCancellable    *cancellable,
                    GError         **error)
{
  return attribute_batch (source_object, job, cancellable, progress, error);
}

/**
 * attrib_engine_attribute_all_async:
 * @self: an engine
 * @ledger: the events
 * @cancellable: (nullable): a #GCancellable
 * @progress: (nullable) (scope notified) (closure progress_data)
 *   (destroy progress_destroy): called with the number of deals
 *   attributed and the number of deals of the ledger
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data once @progress is
 *   called no more
 * @callback: (scope async) (closure user_data): called when the verdicts
 *   are ready
 * @user_data: data for @callback
 *
 * Attributes every deal of the ledger as
 * [method@Attrib.Engine.attribute_all] does, in a worker thread, and
 * calls @callback in the thread-default main context of the caller; get
 * the verdicts with [method@Attrib.Engine.attribute_all_finish]. They are
 * the same, byte for byte, as attribute_all()'s, whatever
 * [property@Attrib.Engine:n-threads] says.
 *
 * While the batch runs, the ledger is held as attribute_all() holds it:
 * read by the batch's threads, which other threads may read too; an
 * addition (from any thread, the caller's included) waits until the batch
 * ends, so a program that keeps a main loop responsive adds no events to
 * @ledger meanwhile ([The live desk](live.html)). The engine may serve other calls at
 * once, and a frozen ledger is read without any locking.
 *
 * Cancelling @cancellable stops every thread of the batch before its next
 * deal; the operation then fails with %G_IO_ERROR_CANCELLED and the
 * verdicts made so far are freed. @progress counts deals, as
 * #AttribProgressFunc says: throttled, in the caller's context, the last
 * time with @done equal to @total before @callback.
 */
void
attrib_engine_attribute_all_async (AttribEngine        *self,
                                   AttribLedger        *ledger,
                                   GCancellable        *cancellable,
                                   AttribProgressFunc   progress,
                                   gpointer             progress_data,
                                   GDestroyNotify       progress_destroy,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ATTRIB_IS_ENGINE (self));
  g_return_if_fail (ATTRIB_IS_LEDGER (ledger));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _attrib_async_start (self, cancellable, attrib_engine_attribute_all_async, attribute_all_work,
                       g_object_ref (ledger), g_object_unref, (GDestroyNotify) g_ptr_array_unref,
                       progress, progress_data, progress_destroy, callback, user_data);
}

/**
 * attrib_engine_attribute_all_finish:
 * @self: an engine
 * @result: the #GAsyncResult given to the callback of
 *   [method@Attrib.Engine.attribute_all_async]
 * @error: return location for a #GError
 *
 * Finishes [method@Attrib.Engine.attribute_all_async].
 *
 * Returns: (transfer container) (element-type AttribVerdict) (nullable):
 *   the verdicts, in the order of the deals' ids, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED if the batch was cancelled)
 */
GPtrArray *
attrib_engine_attribute_all_finish (AttribEngine  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _attrib_async_finish (self, result, attrib_engine_attribute_all_async, NULL, error);
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  AttribRun run;
  guint32 e;
  gboolean accepted;
  char *reason = NULL;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), FALSE);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (out_accepted != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  hold = _attrib_ledger_read_lock (ledger);

  *out_accepted = FALSE;
  if (out_reason != NULL)
    *out_reason = NULL;
  e = _attrib_strpool_lookup (&ledger->ids, report, strlen (report));
  if (e == ATTRIB_NONE || ledger->records[e].type != ATTRIB_EVENT_TYPE_REPORT)
    {
      {
        g_autofree char *shown = _attrib_for_display (report);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("The ledger has no report “%s”"), shown);
      }
      return FALSE;
    }

  _attrib_run_init (&run, self->profile, ledger);
  accepted = _attrib_run_report_decision (&run, e, &reason);
  _attrib_run_clear (&run);
  *out_accepted = accepted;
  if (out_reason != NULL)
    *out_reason = reason;
  else
    g_free (reason);
  return TRUE;
}

/* What a store's receipt says of the report at @e (an index of @ledger):
 * whether it was accepted and why not, and the claim it started — its
 * holder and end as the ledger stands now — if it started one. */
gboolean
_attrib_engine_report_receipt (AttribEngine  *self,
                               AttribLedger  *ledger,
                               guint32        e,
                               gboolean      *out_accepted,
                               char         **out_reason,
                               char         **out_holder,
                               AttribTime    *out_until,
                               GError       **error)
{
  g_autoptr(AttribLedgerReadLock) hold = _attrib_ledger_read_lock (ledger);
  const AttribPersonClaims *pc;
  AttribRun run;
  guint32 person;
  guint i;

  *out_reason = NULL;
  *out_holder = NULL;
  *out_until = ATTRIB_TIME_MAX;
  if (!_attrib_engine_check_ledger (self, ledger, error))
    return FALSE;
  _attrib_run_init (&run, self->profile, ledger);
  *out_accepted = _attrib_run_report_decision (&run, e, out_reason);
  person = _attrib_run_contact_person (&run, ledger->records[e].contact);
  if (*out_accepted && person != ATTRIB_NONE)
    {
      pc = _attrib_run_claims (&run, person);
      for (i = 0; i < pc->claims->len; i++)
        {
          const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

          if (claim->event == e)
            {
              *out_holder = g_strdup (_attrib_run_str (&run, claim->holder));
              *out_until = claim->end;
              break;
            }
        }
    }
  _attrib_run_clear (&run);
  return TRUE;
}

/* Whether the report @e was accepted when filed, and if not why (in
 * @out_reason): what attrib_engine_check_report() answers, through @run's
 * index (an AttribWatch notes what it reads). */
gboolean
_attrib_run_report_decision (AttribRun  *run,
                             guint32     e,
                             char      **out_reason)
{
  const AttribRecord *rec = &run->ledger->records[e];
  guint32 person = _attrib_run_contact_person (run, rec->contact);
  g_autoptr(GArray) reports = NULL;
  g_autoptr(GArray) accepted = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  gboolean yes = TRUE;
  guint i;

  *out_reason = NULL;
  if (person == ATTRIB_NONE)
    {
      *out_reason = g_strdup (_("its customer's masked phone or name matches several customers"));
      return FALSE;
    }
  /* one rule for one report or all of a customer's: theirs, decided
   * together, and this one picked out */
  reports = g_array_new (FALSE, FALSE, sizeof (guint32));
  accepted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  reasons = g_ptr_array_new_with_free_func (g_free);
  _attrib_run_report_decisions (run, person, reports, accepted, reasons);
  for (i = 0; i < reports->len; i++)
    if (g_array_index (reports, guint32, i) == e)
      {
        yes = g_array_index (accepted, gboolean, i);
        *out_reason = g_steal_pointer (&g_ptr_array_index (reasons, i));
      }
  return yes;
}

/* The decisions on every report of @person, in the order of its events,
 * as _attrib_run_report_decision() gives them one by one — in time
 * proportional to the person's events (a customer reported a thousand
 * times costs no more per report): the visit a `report_required` clause
 * compares a report with is found by one sweep from the last event back,
 * and a rejection by the report's event. @reports gets the reports'
 * events, @accepted whether each was (gboolean), @reasons why not. */
void
_attrib_run_report_decisions (AttribRun *run,
                              guint32    person,
                              GArray    *reports,
                              GArray    *accepted,
                              GPtrArray *reasons)
{
  AttribLedger *ledger = run->ledger;
  const AttribClause *clause = _attrib_profile_first (run->profile, ATTRIB_KIND (report_required));
  const guint32 *events;
  guint32 n, i, j, k, r, first = reports->len;

  _attrib_csr_get (&run->index->person_events, person, &events, &n);
  for (i = 0; i < n; i++)
    if (ledger->records[events[i]].type == ATTRIB_EVENT_TYPE_REPORT)
      {
        gboolean yes = TRUE;

        g_array_append_val (reports, events[i]);
        g_array_append_val (accepted, yes);
        g_ptr_array_add (reasons, NULL);
      }
  if (reports->len == first)
    return;

  if (clause != NULL)
    {
      g_autoptr(GHashTable) next = g_hash_table_new (NULL, NULL);   /* channel + 1 → visit */
      gint64 lead = _attrib_clause_get_int (clause, "lead_minutes") * 60 * G_USEC_PER_SEC;

      r = reports->len;

      /* from the last instant back: the first visit of each channel at or
       * after the instant, then the instant's reports */
      for (i = n; i > 0; i = j)
        {
          AttribTime t = ledger->records[events[i - 1]].at;

          for (j = i; j > 0 && ledger->records[events[j - 1]].at == t; j--)
            ;
          for (k = i; k > j; k--)
            {
              const AttribRecord *v = &ledger->records[events[k - 1]];
              guint32 a;

              if (v->type != ATTRIB_EVENT_TYPE_VISIT)
                continue;
              for (a = 0; a < v->n_agents; a++)
                g_hash_table_insert (next, GUINT_TO_POINTER (_attrib_run_channel_of (run, g_array_index (ledger->agents, AttribAgentRec, v->party + a).party) + 1),
                                     GUINT_TO_POINTER (events[k - 1]));
            }
          for (k = i; k > j; k--)
            {
              guint32 e = events[k - 1];
              const AttribRecord *rec = &ledger->records[e];
              gboolean *yes;
              char **reason;
              gpointer found;

              if (rec->type != ATTRIB_EVENT_TYPE_REPORT)
                continue;
              r--;
              yes = &g_array_index (accepted, gboolean, r);
              reason = (char **) &g_ptr_array_index (reasons, r);
              g_assert (g_array_index (reports, guint32, r) == e);
              /* the contact is the person's: noted as the one-by-one
               * decision notes it */
              _attrib_run_contact_person (run, rec->contact);
              *yes = _attrib_report_accepted (run, clause, e, reason);
              if (*yes &&
                  g_hash_table_lookup_extended (next, GUINT_TO_POINTER (_attrib_run_channel_of (run, rec->party) + 1), NULL, &found) &&
                  rec->at > ledger->records[GPOINTER_TO_UINT (found)].at - lead)
                {
                  *yes = FALSE;
                  *reason = g_strdup_printf (_("it reached the site less than %d minutes before the visit “%s”"),
                                             (int) _attrib_clause_get_int (clause, "lead_minutes"),
                                             _attrib_run_shown_event (run, GPOINTER_TO_UINT (found)));
                }
            }
        }
    }
  else
    {
      /* where reports confer claims, a report was accepted if it started
       * or renewed one; its rejection (the last attempt that names it)
       * says why not */
      const AttribPersonClaims *pc = _attrib_run_claims (run, person);
      g_autoptr(GHashTable) rejected = g_hash_table_new (NULL, NULL);   /* event + 1 → attempt + 1 */

      for (i = 0; i < pc->rejected->len; i++)
        g_hash_table_insert (rejected, GUINT_TO_POINTER (g_array_index (pc->rejected, AttribAttempt, i).event + 1),
                             GUINT_TO_POINTER (i + 1));
      for (r = first; r < reports->len; r++)
        {
          guint32 e = g_array_index (reports, guint32, r);
          gpointer found;

          _attrib_run_contact_person (run, ledger->records[e].contact);
          if (g_hash_table_lookup_extended (rejected, GUINT_TO_POINTER (e + 1), NULL, &found))
            {
              const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, GPOINTER_TO_UINT (found) - 1);

              g_array_index (accepted, gboolean, r) = FALSE;
              g_ptr_array_index (reasons, r) = g_strdup_printf (_("%s (%s)"), a->reason, a->reject_clause);
            }
        }
    }
}

AttribClaim *
_attrib_run_public_claim (AttribRun            *run,
              const AttribClaimRec *claim,
              AttribTime            at)
{
  AttribClaimState state;

  if (claim->begin > at)
    state = claim->queued ? ATTRIB_CLAIM_STATE_QUEUED : ATTRIB_CLAIM_STATE_FUTURE;
  else if (at < claim->end)
    state = ATTRIB_CLAIM_STATE_ACTIVE;
  else if (claim->ended_by & ATTRIB_ENDING_WITHDRAWN)
    state = ATTRIB_CLAIM_STATE_ENDED;
  else if (claim->renewed)
    state = ATTRIB_CLAIM_STATE_RENEWED;
  /* a departure caps a claim when it starts: what ended it earlier since
   * (a walk-in, a later receiver) comes first */
  else if (claim->ended_by & ATTRIB_ENDING_SUPERSEDED)
    state = ATTRIB_CLAIM_STATE_SUPERSEDED;
  else if (claim->ended_by & ATTRIB_ENDING_DEPARTURE)
    state = ATTRIB_CLAIM_STATE_DEPARTED;
  else
    state = ATTRIB_CLAIM_STATE_EXPIRED;
  return _attrib_claim_new (state, _attrib_run_str (run, claim->holder), _attrib_run_str (run, claim->channel),
                            claim->begin, claim->end, _attrib_run_event_id (run, claim->event), claim->clause, NULL);
}

AttribClaim *
_attrib_run_public_rejection (AttribRun           *run,
                  const AttribAttempt *attempt)
{
  AttribTime t = _attrib_run_record (run, attempt->event)->at;

  return _attrib_claim_new (ATTRIB_CLAIM_STATE_REJECTED, _attrib_run_str (run, attempt->holder),
                            _attrib_run_str (run, attempt->channel), t, t,
                            _attrib_run_event_id (run, attempt->event), attempt->reject_clause, attempt->reason);
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
 * renewed, expired, ended, departed, superseded, queued or still to come
 * at @at (#AttribClaimState says what each means) — and every
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  const AttribPersonClaims *pc;
  GPtrArray *claims;
  AttribRun run;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_ENGINE (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (person != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!_attrib_engine_check_ledger (self, ledger, error))
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
    g_ptr_array_add (claims, _attrib_run_public_claim (&run, &g_array_index (pc->claims, AttribClaimRec, i), at));
  for (i = 0; i < pc->rejected->len; i++)
    {
      const AttribAttempt *a = &g_array_index (pc->rejected, AttribAttempt, i);

      if (_attrib_run_record (&run, a->event)->at <= at)
        g_ptr_array_add (claims, _attrib_run_public_rejection (&run, a));
    }
  g_ptr_array_sort (claims, _attrib_claim_compare);
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
      guint32 b = rel->counterpart != ATTRIB_NONE ? index->contact_person[rel->counterpart] : ATTRIB_NONE;
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
  for (i = 0; rec->type == ATTRIB_EVENT_TYPE_VISIT && i < rec->n_agents; i++)
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
  g_autoptr(AttribLedgerReadLock) hold = NULL;
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

  hold = _attrib_ledger_read_lock (ledger);

  if (!(attrib_event_get_event_type (visit) == ATTRIB_EVENT_TYPE_REPORT ||
        (attrib_event_get_event_type (visit) == ATTRIB_EVENT_TYPE_VISIT &&
         (attrib_event_get_n_agents (visit) > 0 || attrib_event_get_token (visit) != NULL))))
    {
      {
        g_autofree char *shown = _attrib_for_display (attrib_event_get_id (visit));

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT,
                     _("event “%s”: the desk checks a report, or a visit with agents or a flyer"), shown);
      }
      return NULL;
    }
  if (!_attrib_engine_check_ledger (self, ledger, error))
    return NULL;
  if (_attrib_strpool_lookup (&ledger->ids, visit->id, strlen (visit->id)) != ATTRIB_NONE)
    {
      {
        g_autofree char *shown = _attrib_for_display (visit->id);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_DUPLICATE_ID,
                     _("event “%s”: an event with this id is already in the ledger"), shown);
      }
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
                                      _attrib_profile_get_mask_names (self->profile), 2, found);
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

      if (a->event == e)
        answer = _attrib_run_public_rejection (&run, a);
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
        answer = _attrib_run_public_claim (&run, best, rec->at);
    }
  if (answer == NULL)
    answer = _attrib_claim_new (ATTRIB_CLAIM_STATE_REJECTED, NULL, NULL, rec->at, rec->at, visit->id, NULL,
                                rec->type == ATTRIB_EVENT_TYPE_REPORT ? _("the profile gives reports no claim")
                                                                      : _("the profile gives visits no claim"));
  _attrib_run_clear (&run);
  return answer;
}
