/* attrib-engine-private.h: the state of one attribution
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The engine works on the ledger's compact records directly (event
 * indices, string ids), never on AttribEvent copies: a batch over a
 * million-event ledger builds no per-event objects. Clause kinds are
 * functions over this state, one file each under clauses/.
 */

#pragma once

#include <glib/gi18n-lib.h>

#include "attrib-ledger-private.h"
#include "attrib-profile-private.h"
#include "attrib-verdict-private.h"

G_BEGIN_DECLS

/* How a claim stands against others over the same time: a protecting
 * claim outranks a report's, which outranks a natural one. */
typedef enum
{
  ATTRIB_STANDING_PROTECTS = 0,  /* protects the customer from other parties */
  ATTRIB_STANDING_REPORT = 1,    /* a report that protects against nobody:
                                  * several may run (onsite-report's first
                                  * reports, the pre-reports of sales-dept) */
  ATTRIB_STANDING_NATURAL = 2,   /* the receiver of a natural visit: holds the
                                  * customer only where no other claim runs
                                  * (自然来访, agent level) */
} AttribStanding;

/* What ended a claim before its time, as bits: a departure caps a claim
 * when it starts (the whole ledger is known), and a complaint or a
 * walk-in may end it earlier still; the rules read each bit for itself
 * (a claim whose holder was to leave stays "departed" for the department
 * rule). A claim that ran to its end, or runs still, has none;
 * AttribClaimState tells users which ended it (attrib_engine_get_claims). */
typedef enum
{
  ATTRIB_ENDING_WITHDRAWN = 1 << 0,   /* a complaint against its party, or a
                                       * sanction that forfeits it */
  ATTRIB_ENDING_DEPARTURE = 1 << 1,   /* its holder (or their group) left */
  ATTRIB_ENDING_SUPERSEDED = 1 << 2,  /* a claim that outranks it began (a
                                       * walk-in over a call, a second report
                                       * over a first, a later receiver) */
} AttribEnding;

/* A claim (归属/保护): a party's right to credit for a customer. */
struct _AttribClaimRec
{
  guint32 person;
  guint32 channel;           /* string id of the channel */
  guint32 holder;            /* string id of the party credited (agent) */
  guint32 event;             /* the confirmation (or renewal) visit */
  guint32 chain_event;       /* the first confirmation of a renewal chain */
  AttribTime chain_begin;    /* when that chain began */
  AttribTime begin;          /* [begin, end) */
  AttribTime end;
  guint16 n_joint;           /* claims started by the same visit together */
  guint8 standing;           /* AttribStanding */
  guint8 ended_by;           /* AttribEnding bits */
  guint8 renewed;            /* a renewal follows this claim */
  guint8 queued;             /* it began as a reception turned down while
                              * another's protection ran, and takes over
                              * when that ends (lvchen-joint 三.(二).3 A) */
  guint8 by_call;            /* started by a call (接电): a walk-in may
                              * outrank it (lvchen-joint 三.(一).4) */
  guint8 pending;            /* an unverified relation would have given the
                              * customer to someone else, or made the
                              * confirmation invalid */
  const char *clause;        /* the clause that started it */
  const char *pending_clause;  /* the clause that found the unverified
                                * relation, if pending */
};

/* A claim that runs without end (first registration at the office): its
 * end is ATTRIB_TIME_MAX. */
#define ATTRIB_CLAIM_ENDLESS ATTRIB_TIME_MAX

/* One channel's attempt to confirm a customer at a visit. */
struct _AttribAttempt
{
  guint32 person;
  guint32 event;             /* the visit, report or flyer that attempts */
  guint32 channel;
  guint32 holder;
  gint32 rank;
  gboolean entered_first;    /* no other channel entered before it */
  const char *reject_clause; /* set by the check that rejected it */
  char *reason;
  guint32 cause;             /* the event that caused a rejection, or NONE */
  const char *claim_clause;  /* the clause the claim cites, if not its
                              * source's (a reception resolved by a
                              * designated, recognised … clause) */
  gboolean pending;          /* see AttribClaimRec.pending */
  const char *pending_clause;
  gboolean natural;          /* the claim derives from a natural one (the
                              * old customer a new one came with is only
                              * their receiver's): it stands as natural */
  AttribStanding standing;   /* the standing of the claim it would start
                              * (a first report's protects nobody) */
};

/* The claims of one person, worked out once per run, as far as asked:
 * another person's clause may need them only up to a time, and the
 * persons of a family or a referral chain may need each other's. */
struct _AttribPersonClaims
{
  GArray *claims;            /* AttribClaimRec, in order of begin */
  GArray *rejected;          /* AttribAttempt, rejected confirmations */
  AttribTime void_since;     /* CRM records from here on are void (1.1.5) */
  guint32 cursor;            /* the next of the person's events to take */
  guint32 joined_cursor;     /* the next visit they came along to */
  gboolean done;             /* every event taken */
  /* the person's events marked as inputs of the verdict being built: all
   * of them for a person the deal's clauses ask about, those up to what
   * was worked out (and the lookahead of the profile's clauses) for one
   * asked about while working out another's claims */
  gboolean used_all;
  guint32 used_cursor;
  guint32 used_joined;
  /* worked out for the deal's clauses, its steps in the trace; the claims
   * of a person asked about while working out another's are not traced,
   * and are worked out afresh, in every run alike, if the deal's clauses
   * then ask for them */
  gboolean traced;
  guint ref_count;           /* the run's table, and the claims it keeps
                              * (AttribKeptClaims) */
  /* cause + 1 → GArray of guint: the first rejection of each clause it
   * caused (_attrib_claims_first_rejections), sorted out when first
   * asked, once every event is taken; or the rejections are not in time
   * order */
  GHashTable *by_cause;
  gboolean unordered;
};

/* A person's claims as the deal's clauses first asked for them, all at
 * once, in one verdict of a batch, kept for the next verdicts of the
 * batch that ask the same: worked out afresh they would come out the
 * same, with the same steps, inputs and denials (see claims_until in
 * attrib-claims.c). */
typedef struct
{
  guint32 person;
  AttribPersonClaims *pc;    /* every event taken */
  GPtrArray *steps;          /* the steps of the trace they gave, shared
                              * (_attrib_verdict_share_steps) */
  GArray *used;              /* the events they used that are not the
                              * person's own (their own are used whole) */
  AttribCutNext next;        /* the first event they were denied */
  gboolean other;            /* working them out asked for another
                              * person's claims: they are not kept */
  GArray *kinds;             /* the kinds of step they traced, with how
                              * many of each (_attrib_run_trace_kinds) */
  gboolean summarised;       /* some were summarised: @steps are copied,
                              * not shared (a summary is completed by each
                              * verdict) */
} AttribKeptClaims;

/* What a deal's clauses look for among its purchaser's events, sorted
 * out once per run and date (_attrib_run_person_sorted): a purchaser of
 * many deals is not read through again for each. Event indices, in
 * canonical order. */
typedef struct
{
  GArray *sanctions;         /* sanctions naming no deal */
  GArray *receptions;        /* visits someone received (received_by) */
  GArray *non_receptions;    /* visits without agents that a
                              * not_a_reception clause says were no
                              * reception, someone having received them:
                              * of each clause, the first, and the first
                              * another received */
} AttribPersonSorted;

/* How deep clauses may ask for other persons' claims (a chain of
 * referrals, a family): a documented limit, so a pathological chain ends
 * with a pending verdict instead of exhausting the stack. */
#define ATTRIB_MAX_CLAIM_DEPTH ATTRIB_LIMIT_CLAIM_DEPTH

/* A day in microseconds, for lookaheads. */
#define ATTRIB_DAY_USEC ((AttribTime) 24 * 60 * 60 * G_USEC_PER_SEC)

struct _AttribRun
{
  AttribLedger *ledger;
  const AttribLedgerIndex *index;
  AttribProfile *profile;
  GTimeZone *tz;
  GHashTable *person_claims; /* person + 1 → AttribPersonClaims */
  GHashTable *computing;     /* persons whose claims are being worked out */
  GHashTable *firsts;        /* person + 1 → AttribFirsts, of every event
                              * (valid whatever until: see firsts_of()) */
  AttribTime until;          /* nothing after this is known yet (a
                              * verdict as of a date): set it with
                              * _attrib_run_restart() */
  const AttribLedgerIndex *whole; /* the index of every event */
  AttribLedgerIndex view;    /* the index with its event lists cut at
                              * until, which index points to while until
                              * is set */
  AttribCutNext next;        /* the first event after until the run was
                              * denied since it was last reset: the
                              * verdicts it gave can change there first */
  guint depth;               /* of nested claim computations */
  gboolean untraced;         /* the claims being worked out are not
                              * traced (AttribPersonClaims.traced) */
  AttribTime lookahead;      /* how far after an event the profile's
                              * clauses read a person's later events */
  gboolean too_deep;         /* a computation hit ATTRIB_MAX_CLAIM_DEPTH */
  gboolean unsealed;         /* verdicts for their shares only: no
                              * fingerprint, no trace */
  AttribVerdict *verdict;    /* being built */
  GArray *used;              /* event indices the verdict used */
  GHashTable *trace_folds;   /* or NULL: AttribTraceFold → itself, the
                              * kinds of step the verdict's trace has
                              * (_attrib_run_trace_step) */
  GHashTable *shown;         /* or NULL: ledger text -> its display form
                              * (_attrib_run_shown()), for the text whose
                              * phones are masked */
  GArray *used_persons;      /* persons the verdict used whole: every
                              * event of theirs and every visit they came
                              * along to, as of until */
  GHashTable *digests;       /* person + 1 → SHA-256 of their events'
                              * canonical lines, as of until, for the
                              * persons hashed more than once … */
  GHashTable *hashed;        /* … of the persons hashed (person + 1) */
  GHashTable *kept;          /* person + 1 → AttribKeptClaims, or NULL:
                              * claims kept from one verdict to the next
                              * (_attrib_run_keep_claims), of the persons
                              * asked for more than once … */
  GHashTable *asked;         /* … of the persons asked for (person + 1) */
  AttribKeptClaims *recording; /* the claims being worked out to be kept */
  GHashTable *sorted;        /* person + 1 → AttribPersonSorted, as of
                              * until */
  GArray *reads;             /* or NULL: what the run read (ATTRIB_READ),
                              * for an AttribWatch */
  gboolean show_phones;      /* attrib_get_show_phones() when the run
                              * began, or when the verdicts it seals were
                              * made: what its messages show */
  GPtrArray *spare_attempts; /* or NULL: emptied arrays of AttribAttempt,
                              * for the next event's (_attrib_run_new_attempts) */
};

/* attrib-engine.c */
/* for tests: called by a batch's threads after each deal */
G_GNUC_INTERNAL extern void (*_attrib_engine_batch_deal_hook) (GCancellable *cancellable);
gboolean             _attrib_engine_check_ledger (AttribEngine  *self,
                                                  AttribLedger  *ledger,
                                                  GError       **error);
gboolean             _attrib_engine_report_receipt (AttribEngine  *self,
                                                    AttribLedger  *ledger,
                                                    guint32        e,
                                                    gboolean      *out_accepted,
                                                    char         **out_reason,
                                                    char         **out_holder,
                                                    AttribTime    *out_until,
                                                    GError       **error);
gboolean             _attrib_run_report_decision (AttribRun    *run,
                                                  guint32       e,
                                                  char        **out_reason);
void                 _attrib_run_report_decisions (AttribRun   *run,
                                                   guint32      person,
                                                   GArray      *reports,
                                                   GArray      *accepted,
                                                   GPtrArray   *reasons);
AttribClaim         *_attrib_run_public_claim    (AttribRun            *run,
                                                  const AttribClaimRec *claim,
                                                  AttribTime            at);
AttribClaim         *_attrib_run_public_rejection (AttribRun           *run,
                                                   const AttribAttempt *attempt);

/* attrib-run.c: the run */
void                 _attrib_run_init           (AttribRun     *run,
                                                 AttribProfile *profile,
                                                 AttribLedger  *ledger);
void                 _attrib_run_clear          (AttribRun     *run);
void                 _attrib_run_forget_claims  (AttribRun     *run);
GArray              *_attrib_run_new_attempts   (AttribRun     *run);
void                 _attrib_run_free_attempts  (AttribRun     *run,
                                                 GArray        *attempts);
gboolean             _attrib_run_check_dates    (AttribProfile *profile,
                                                 AttribLedger  *ledger,
                                                 const char   **out_clause,
                                                 const char   **out_event,
                                                 GError       **error);
void                 _attrib_run_deny           (AttribRun     *run,
                                                 guint32        event);
void                 _attrib_run_restart        (AttribRun     *run,
                                                 AttribTime     until);
const AttribCutNext *_attrib_run_next           (AttribRun     *run);
const AttribLedgerIndex *_attrib_run_whole_index (AttribRun    *run);
void                 _attrib_run_set_sealed     (AttribRun     *run,
                                                 gboolean       sealed);
void                 _attrib_run_keep_claims    (AttribRun     *run);
void                 _attrib_run_use_person     (AttribRun     *run,
                                                 guint32        person);
gboolean             _attrib_run_person_has     (AttribRun     *run,
                                                 guint32        person,
                                                 guint32        event);
const AttribPersonSorted *_attrib_run_person_sorted (AttribRun *run,
                                                 guint32        person);
guint32              _attrib_run_count_until    (AttribRun     *run,
                                                 GArray        *events,
                                                 AttribTime     until);
char                *_attrib_run_fingerprint_inputs (AttribRun *run);
void                 _attrib_run_trace_finish   (AttribRun     *run);
void                 _attrib_run_trace_mark     (AttribRun     *run);
GArray              *_attrib_run_trace_kinds    (AttribRun     *run,
                                                 guint          first_step,
                                                 gboolean      *out_summarised);
gboolean             _attrib_run_trace_take_kinds (AttribRun   *run,
                                                   GArray      *kinds,
                                                   guint        base);

/* Shorthands over the ledger */
static inline const AttribRecord *
_attrib_run_record (AttribRun *run,
                    guint32    event)
{
  return &run->ledger->records[event];
}

static inline const char *
_attrib_run_str (AttribRun *run,
                 guint32    id)
{
  return _attrib_strpool_get (&run->ledger->strings, id);
}

/* Whether a relation record is known to a verdict as of run->until. */
static inline gboolean
_attrib_run_knows_relation (AttribRun *run,
                            guint32    event)
{
  return run->ledger->records[event].at <= run->until;
}

static inline const char *
_attrib_run_event_id (AttribRun *run,
                      guint32    event)
{
  return _attrib_ledger_event_id (run->ledger, event);
}

/* Ledger text (a party, an id, a name) as traces and reasons print it:
 * through _attrib_for_display(), kept by the run (do not free). Only for
 * messages: the run's logic compares the ledger's own text. */
const char          *_attrib_run_shown_text     (AttribRun   *run,
                                                 const char  *text);

/* @text as the run's messages show it (_attrib_for_display(), with the
 * run's show_phones): free it */
char                *_attrib_run_display        (AttribRun   *run,
                                                 const char  *text);

static inline const char *
_attrib_run_shown (AttribRun *run,
                   guint32    id)
{
  return _attrib_run_shown_text (run, _attrib_run_str (run, id));
}

static inline const char *
_attrib_run_shown_event (AttribRun *run,
                         guint32    event)
{
  return _attrib_run_shown_text (run, _attrib_run_event_id (run, event));
}

void                 _attrib_run_deal_events    (AttribRun   *run,
                                                 guint32      slot,
                                                 const guint32 **out_events,
                                                 guint32     *out_n);
guint32              _attrib_run_contact_person (AttribRun   *run,
                                                 guint32      contact);
guint32              _attrib_run_contact_phone  (AttribRun   *run,
                                                 guint32      contact);
guint32              _attrib_run_channel_of     (AttribRun   *run,
                                                 guint32      party);
guint32              _attrib_run_competitor     (AttribRun   *run,
                                                 guint32      party);
char                *_attrib_run_time_text      (AttribRun   *run,
                                                 AttribTime   t);
char                *_attrib_run_day_text       (AttribRun   *run,
                                                 AttribTime   t);
AttribTime           _attrib_run_deal_cancelled_at (AttribRun *run,
                                                 guint32      deal);
void                 _attrib_run_use            (AttribRun   *run,
                                                 guint32      event);
/* Appends a step to the trace of the verdict being built (none while the
 * claims worked out are untraced, or for a verdict of shares only: then
 * the step's events are only noted as used, and its message's arguments
 * are not even evaluated — see _attrib_run_trace()) */
void                 _attrib_run_trace_step     (AttribRun   *run,
                                                 const char  *clause,
                                                 AttribOutcome outcome,
                                                 const guint32 *events,
                                                 guint        n_events,
                                                 const char  *format,
                                                 ...) G_GNUC_PRINTF (6, 7);
void                 _attrib_run_use_events     (AttribRun   *run,
                                                 const guint32 *events,
                                                 guint        n_events);

/* Whether rejections are given their reasons: a run of shares only
 * (_attrib_run_set_sealed()) reads none, neither in a trace nor in a
 * report's decision. */
static inline gboolean
_attrib_run_wants_reasons (const AttribRun *run)
{
  return !run->unsealed;
}

/* Sets @attempt's reason (freeing any it had), its arguments evaluated
 * only where reasons are wanted; NULL otherwise. Used by the checks that
 * turn down many attempts of a batch (the protected customer, the
 * look-backs); the rarer rejections format theirs as before, unread in a
 * run of shares only. */
#define _attrib_attempt_set_reason(run, attempt, ...) \
  G_STMT_START \
  { \
    AttribAttempt *_attrib_reason_attempt = (attempt); \
    g_free (_attrib_reason_attempt->reason); \
    _attrib_reason_attempt->reason = _attrib_run_wants_reasons (run) ? g_strdup_printf (__VA_ARGS__) : NULL; \
  } \
  G_STMT_END

/* Whether steps are traced: a verdict is being built, for its trace, and
 * the claims being worked out are the deal's own. */
static inline gboolean
_attrib_run_tracing (const AttribRun *run)
{
  return run->verdict != NULL && !run->unsealed && !run->untraced;
}

/* _attrib_run_trace_step(), its message's arguments (display forms,
 * dates, translations) evaluated only where the step is traced: most
 * steps of a batch are not. */
#define _attrib_run_trace(run, clause, outcome, events, n_events, ...) \
  G_STMT_START \
  { \
    AttribRun *_attrib_trace_run = (run); \
    if (_attrib_run_tracing (_attrib_trace_run)) \
      _attrib_run_trace_step (_attrib_trace_run, (clause), (outcome), (events), (n_events), __VA_ARGS__); \
    else if (_attrib_trace_run->verdict != NULL) \
      _attrib_run_use_events (_attrib_trace_run, (events), (n_events)); \
  } \
  G_STMT_END
gboolean             _attrib_run_first_visit    (AttribRun   *run,
                                                 guint32      person,
                                                 AttribTime   before);
guint32              _attrib_run_first_contact  (AttribRun   *run,
                                                 guint32      person,
                                                 AttribTime   before,
                                                 gboolean     calls);
char                *_attrib_run_period_text    (AttribRun   *run,
                                                 AttribTime   begin,
                                                 AttribTime   end);
gboolean             _attrib_run_related_to_party (AttribRun  *run,
                                                 guint32      person,
                                                 guint32      party,
                                                 guint32      kinds,
                                                 AttribTime   known_by,
                                                 guint32     *out_relation);
gboolean             _attrib_run_bought_before  (AttribRun   *run,
                                                 guint32      person,
                                                 AttribTime   t);
guint32              _attrib_run_relation_between (AttribRun *run,
                                                   guint32    a,
                                                   guint32    b,
                                                   guint32    kinds,
                                                   gboolean   verified);
void      _attrib_run_award_claims      (AttribRun          *run,
                                         const AttribClaimRec  *claims,
                                         guint               n);
void      _attrib_run_award_party       (AttribRun          *run,
                                         const char         *party);
void      _attrib_run_award_split       (AttribRun          *run,
                                         const char         *performance,
                                         const char         *commission_a,
                                         const char         *commission_b);

/* attrib-claims.c: the claims of a person, as far as asked */
const AttribPersonClaims *_attrib_run_claims    (AttribRun   *run,
                                                 guint32      person);
gboolean             _attrib_run_computing      (AttribRun   *run,
                                                 guint32      person);
guint32              _attrib_run_holder_before  (AttribRun   *run,
                                                 guint32      person,
                                                 guint32      event,
                                                 const AttribClaimRec **out_claim);
guint32              _attrib_run_holder_at      (AttribRun   *run,
                                                 guint32      person,
                                                 AttribTime   t,
                                                 const AttribClaimRec **out_claim);
guint     _attrib_run_covering          (AttribRun          *run,
                                         guint32             person,
                                         AttribTime          t,
                                         const AttribClaimRec **out_claims);
GArray   *_attrib_claims_visit_attempts (AttribRun          *run,
                                         guint32             person,
                                         guint32             visit);
GArray   *_attrib_claims_report_attempts (AttribRun         *run,
                                         guint32             person,
                                         guint32             event,
                                         guint32             party);
void      _attrib_claims_reject         (AttribRun          *run,
                                         AttribPersonClaims *pc,
                                         AttribAttempt      *attempt);
gboolean  _attrib_claims_first_rejections (AttribRun              *run,
                                         const AttribPersonClaims *pc,
                                         guint32                   cause,
                                         const guint             **out_first,
                                         guint                    *out_n);

/* attrib-decide.c */
AttribVerdict *_attrib_run_decide_deal  (AttribRun          *run,
                                         guint32             slot);

/* What the kinds offer one another and the phases that run them: the
 * rest of each kind is its hooks (attrib-clause-kind-private.h). */

/* The office's receptions (clauses/first-reception.c and the kinds that
 * decide whom a reception gives the customer to) */
guint32   _attrib_reception_receiver   (AttribRun          *run,
                                         guint32             visit);
const AttribClause *_attrib_not_a_reception (AttribRun     *run,
                                         guint32             visit);
const AttribClause *_attrib_duty_window_at (AttribRun      *run,
                                         AttribTime          t);
gboolean  _attrib_appointment_missed   (AttribRun          *run,
                                         guint32             visit);
/* clauses/departure.c */
guint32    _attrib_departure_cap        (AttribRun          *run,
                                         AttribClaimRec     *claim,
                                         AttribTime          from);
gboolean   _attrib_departure_holds      (AttribRun          *run,
                                         AttribPersonClaims *pc,
                                         guint               n,
                                         AttribAttempt      *attempt);
void       _attrib_departure_keep_group (AttribRun          *run,
                                         const AttribClause *clause,
                                         AttribPersonClaims *pc,
                                         guint               index,
                                         AttribTime          from);
AttribTime _attrib_departure_after     (AttribRun          *run,
                                         guint32             holder,
                                         AttribTime          from,
                                         guint32            *out_event);

/* clauses/report-required.c */
gboolean  _attrib_report_accepted       (AttribRun          *run,
                                         const AttribClause *clause,
                                         guint32             report,
                                         char              **out_reason);
/* clauses/protected-customer.c */
void      _attrib_protected_customer_reject (AttribRun          *run,
                                         AttribPersonClaims   *pc,
                                         const AttribClause   *source,
                                         AttribAttempt        *attempt,
                                         const AttribClaimRec *running);
/* clauses/protection.c */
void      _attrib_protection_period     (AttribRun          *run,
                                         const AttribClause *clause,
                                         AttribTime          from,
                                         AttribTime         *out_begin,
                                         AttribTime         *out_end);
/* clauses/renewal.c */
gboolean  _attrib_renewal_renew         (AttribRun          *run,
                                         AttribPersonClaims *pc,
                                         AttribAttempt      *attempt,
                                         AttribClaimRec     *running);
void      _attrib_renewal_void_lapsed   (AttribRun          *run,
                                         AttribPersonClaims *pc,
                                         AttribTime          t);
/* clauses/first-report.c */
const AttribClaimRec *_attrib_report_claim_of (const AttribPersonClaims *pc,
                                         guint32                   holder,
                                         AttribTime                t);
const AttribClaimRec *_attrib_earliest_report_claim (const AttribPersonClaims *pc,
                                         AttribTime                t);
/* clauses/brought-by.c */
/* clauses/token.c */
/* clauses/report-claim.c */
/* clauses/group-activity.c */
const AttribClause *_attrib_group_activity_of (AttribRun    *run,
                                         guint32             report);
/* clauses/visit-validity.c */
void      _attrib_visit_validity_after_report (AttribRun          *run,
                                         const AttribClause       *clause,
                                         AttribPersonClaims       *pc,
                                         guint32                   person,
                                         guint32                   report,
                                         guint32                   holder);
/* clauses/simultaneous.c */
void      _attrib_simultaneous_order    (AttribRun          *run,
                                         const AttribClause *clause,
                                         GArray             *attempts);
void      _attrib_simultaneous_shared   (AttribRun          *run,
                                         const AttribClause *clause,
                                         guint               n,
                                         guint32             visit);

/* The deal being decided, for the deciding kinds. */
struct _AttribDealContext
{
  guint32 slot;              /* the deal's slot in the index */
  guint32 stage_event;       /* the counted stage (or the rename) */
  guint32 purchaser;         /* person, or ATTRIB_NONE */
  AttribTime at;
  AttribTime subscribed_at;  /* the first subscription, or ATTRIB_TIME_MIN */
  gboolean decided;
  gboolean pending;
  gboolean disputed;
  /* the purchaser's claims covering the deal (those one visit started
   * together), or their natural holder's where no other claim covers it */
  const AttribClaimRec *own;
  guint n_own;
  const AttribClaimRec *natural;
};

/* clauses/follow-up-split.c */
gboolean  _attrib_follow_up_split_handover (AttribRun         *run,
                                         const AttribClause   *clause,
                                         AttribDealContext    *deal,
                                         const AttribClaimRec *lapsed);
/* clauses/complaint.c */
void      _attrib_complaint_end_claims  (AttribRun          *run,
                                         AttribPersonClaims *pc,
                                         guint32             complaint);
void      _attrib_complaint_decide      (AttribRun            *run,
                                         const AttribClause   *clause,
                                         AttribDealContext    *deal,
                                         const AttribClaimRec *ended);
guint32   _attrib_run_deal_closer       (AttribRun          *run,
                                         AttribDealContext  *deal,
                                         guint32            *out_event);
gboolean  _attrib_departure_decide      (AttribRun          *run,
                                         const AttribClause *clause,
                                         AttribDealContext  *deal,
                                         const AttribClaimRec *last);
void      _attrib_departure_rule        (AttribRun          *run,
                                         const AttribClause *clause,
                                         AttribDealContext  *deal,
                                         guint32             holder,
                                         guint32             left);
gboolean  _attrib_helper_split_decide   (AttribRun          *run,
                                         const AttribClause *clause,
                                         AttribDealContext  *deal,
                                         const AttribClaimRec *own);
GArray   *_attrib_run_sanctions         (AttribRun          *run,
                                         AttribDealContext  *deal,
                                         AttribSanctionKind  kind,
                                         AttribTime          until);

G_END_DECLS
