/* attrib-clause-kind-private.h: what a clause kind is and does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A clause kind is a table: its name, its parameters, a one-line summary,
 * the phases of the decision it takes part in and a hook for each. One
 * file under clauses/ defines one kind (clauses/<kind>.c, `-` for `_`),
 * one line of attrib-kind-registry-private.h registers it, and one line
 * of meson.build builds it. A profile indexes
 * its clauses by phase once, when it is read (attrib-profile.c); the
 * engine runs the phases in the order docs/architecture.md draws, and
 * never asks what a kind is called.
 *
 * Where a regulation fixes an order among kinds of one phase (which
 * source of claims is asked first), the kind says where it stands
 * (`rank`); elsewhere the profile's order of clauses is the order.
 */

#pragma once

#include <attrib/attrib.h>

#include "attrib-kind-registry-private.h"

G_BEGIN_DECLS

typedef struct _AttribRun AttribRun;
typedef struct _AttribPersonClaims AttribPersonClaims;
typedef struct _AttribAttempt AttribAttempt;
typedef struct _AttribClaimRec AttribClaimRec;
typedef struct _AttribDealContext AttribDealContext;
typedef struct _AttribClause AttribClause;

typedef enum {
  ATTRIB_PARAM_INT,
  ATTRIB_PARAM_BOOL,
  ATTRIB_PARAM_STRING,
  ATTRIB_PARAM_RELATIONS,    /* array of relation kinds, kept as a bit mask */
  ATTRIB_PARAM_RELATION,     /* one relation kind */
  ATTRIB_PARAM_PURPOSE,      /* one visit purpose other than `customer` */
  ATTRIB_PARAM_DATE,         /* "YYYY-MM-DD", kept as the day's number, or
                              * "" (none: ATTRIB_PARAM_NO_DATE) */
} AttribParamType;

#define ATTRIB_PARAM_NO_DATE G_MAXINT64

typedef struct
{
  const char *name;
  AttribParamType type;
  const char *default_json;  /* the default, as JSON text; NULL = required */
} AttribParamSpec;

/* The phases of a decision, in the order they run (docs/architecture.md).
 * The first four work out a person's claims, event by event
 * (attrib-claims.c); the others decide a deal (attrib-decide.c). */
typedef enum
{
  /* a person's claims */
  ATTRIB_PHASE_SOURCE   = 1 << 0,  /* turns an event into attempts to claim */
  ATTRIB_PHASE_HOLDER   = 1 << 1,  /* says whose a reception makes the customer */
  ATTRIB_PHASE_CHECK    = 1 << 2,  /* may reject an attempt */
  ATTRIB_PHASE_FOLLOW   = 1 << 3,  /* acts on an event that confirms nothing
                                    * (a deal, a sanction), or after every
                                    * visit (a natural visit) */
  /* a deal */
  ATTRIB_PHASE_RULING   = 1 << 4,  /* settles the deal before anything else */
  ATTRIB_PHASE_VOID     = 1 << 5,  /* makes the deal void */
  ATTRIB_PHASE_RELATE   = 1 << 6,  /* gives the deal by the purchaser's links
                                    * (relatives, companions, groups) */
  ATTRIB_PHASE_SPLIT    = 1 << 7,  /* splits or moves what the claim gives */
  ATTRIB_PHASE_OVERRIDE = 1 << 8,  /* overrides the claims (the signer,
                                    * sanctions) */
  /* read by other kinds or modules, no hook of their own: cited through
   * another clause (note), settings of the sources (renewal, simultaneous,
   * departure …), the day's rotation (attrib-rotation.c) */
  ATTRIB_PHASE_CITED    = 1 << 9,
} AttribPhase;

/* What a source makes of an event. */
typedef enum
{
  ATTRIB_SOURCE_PASS,        /* not this source's: ask the next */
  ATTRIB_SOURCE_ATTEMPTS,    /* the attempts it made, to be judged */
  ATTRIB_SOURCE_NATURAL,     /* no attempt: a natural visit, ask no other */
} AttribSourceResult;

/* ATTRIB_PHASE_SOURCE: @host is the customer whose visit @person came
 * along to, or ATTRIB_NONE for the person's own event. Sets
 * *@out_attempts (a new array the caller frees) if and only if it
 * returns ATTRIB_SOURCE_ATTEMPTS. */
typedef AttribSourceResult (*AttribSourceFunc) (AttribRun          *run,
                                                const AttribClause *clause,
                                                AttribPersonClaims *pc,
                                                guint32             person,
                                                guint32             event,
                                                guint32             host,
                                                GArray            **out_attempts);

typedef struct
{
  guint rank;                /* among the sources of a person's own events,
                              * lower first; 0: not a source there */
  guint companion_rank;      /* among those of a visit they came along to */
  AttribSourceFunc attempts;
} AttribSourceHook;

/* What a source does with the attempts it made; a NULL hook does the
 * default. In the order attrib-claims.c (judge_attempt) calls them. */
typedef struct
{
  /* another channel's claim runs when the attempt comes: the source may
   * end it first (a walk-in outranks a call); returns the claim that
   * still runs, or NULL */
  AttribClaimRec *(*outranks) (AttribRun          *run,
                               const AttribClause *clause,
                               AttribAttempt      *attempt,
                               AttribClaimRec     *running);
  /* the attempt is the holder's own, while its claim runs: TRUE if the
   * source renewed the claim (a repeated report), before the renewal
   * clause is asked */
  gboolean (*renew)           (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt,
                               AttribClaimRec     *running);
  /* … and if nothing renewed it, traces the repeat (default: a visit
   * inside one's own claim confirms nothing new, citing the profile's
   * protection) */
  void     (*trace_repeat)    (AttribRun            *run,
                               const AttribClause   *clause,
                               const AttribAttempt  *attempt,
                               const AttribClaimRec *running);
  /* another channel's claim runs: TRUE if the source dealt with the
   * attempt, which it must then have rejected through
   * _attrib_claims_reject (default: rejected, the customer is protected:
   * _attrib_protected_customer_reject) */
  gboolean (*on_conflict)     (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt,
                               AttribClaimRec     *running);
  /* before the profile's checks: FALSE rejects, the reason set */
  gboolean (*admit)           (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt);
  /* the claim an accepted attempt starts: fills its begin and end
   * (default: the clause's protection period, or a group activity's);
   * FALSE rejects the attempt after all, the reason set */
  gboolean (*period)          (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt,
                               AttribClaimRec     *claim);
  /* the claim started (the last of pc->claims): traces it — in place of
   * the default trace (a valid confirmation, a first report), so a
   * source that sets this hook traces the claim itself — and does what
   * follows at once */
  void     (*started)         (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt);
  /* … and once a departure has capped the claim: what else it confirms
   * (a first report saved for an earlier visit) */
  void     (*after_cap)       (AttribRun          *run,
                               const AttribClause *clause,
                               AttribPersonClaims *pc,
                               AttribAttempt      *attempt);
} AttribSourceOps;

/* ATTRIB_PHASE_HOLDER: whose a reception at @visit makes @person
 * (ATTRIB_NONE: the kind does not say). @host as for sources; the hook may
 * mark @attempt pending. */
typedef guint32 (*AttribHolderFunc) (AttribRun                *run,
                                     const AttribClause       *clause,
                                     const AttribPersonClaims *pc,
                                     guint32                   person,
                                     guint32                   visit,
                                     guint32                   host,
                                     AttribAttempt            *attempt);

/* ATTRIB_PHASE_CHECK: FALSE rejects @attempt (its reject_clause, reason and
 * cause set). */
typedef gboolean (*AttribCheckFunc) (AttribRun          *run,
                                     const AttribClause *clause,
                                     AttribPersonClaims *pc,
                                     AttribAttempt      *attempt);

/* ATTRIB_PHASE_FOLLOW: TRUE if the event needs nothing more. */
typedef gboolean (*AttribFollowFunc) (AttribRun          *run,
                                      const AttribClause *clause,
                                      AttribPersonClaims *pc,
                                      guint32             person,
                                      guint32             event);

/* The deal phases. What the return value means depends on the phase:
 * RULING and VOID, TRUE seals the verdict (VOID as cancelled); SPLIT,
 * TRUE asks no later split; RELATE, ignored — a clause that decides sets
 * deal->decided, which stops the loop; OVERRIDE, ignored — every clause
 * runs. A kind takes part in one deal phase at most (test-profile). */
typedef gboolean (*AttribDecideFunc) (AttribRun          *run,
                                      const AttribClause *clause,
                                      AttribDealContext  *deal);

typedef struct _AttribClauseKind AttribClauseKind;

struct _AttribClauseKind
{
  const char *name;
  const AttribParamSpec *params;   /* terminated by { NULL } */
  const char *summary;             /* one line for docs and `profile show` */
  AttribPhase phases;
  gboolean once;                   /* only its first clause in a profile
                                    * takes part in its phases; later
                                    * clauses of the kind run nowhere (a
                                    * profile may still cite them, as it
                                    * may any clause) */
  guint protection_rank;           /* where it stands among the kinds that
                                    * give a profile its claims: the first
                                    * present is the clause a deal nobody
                                    * claims cites (AttribPhaseIndex.primary)
                                    * and, unless it only confirms others'
                                    * reports, the profile's protection;
                                    * 0: not one */
  gboolean confirms_reports;       /* its claims confirm another source's
                                    * report (visit_validity): it is never
                                    * the profile's protection */

  const AttribSourceHook *sources; /* ATTRIB_PHASE_SOURCE, ended by { 0 } */
  const AttribSourceOps *ops;      /* … and what it does with its attempts */
  AttribHolderFunc holder;         /* ATTRIB_PHASE_HOLDER */
  gboolean holds_unreceived;       /* … also of a visit that is no reception
                                    * (the customer only comes to pay) */
  AttribCheckFunc check;           /* ATTRIB_PHASE_CHECK */
  gboolean checks_reports_only;    /* … of reports only */
  AttribFollowFunc follow_event;   /* ATTRIB_PHASE_FOLLOW: an event that is
                                    * no confirmation */
  AttribFollowFunc follow_visit;   /* … after every visit of the person */
  AttribDecideFunc decide;         /* the deal phases */
  /* how far after an event the clause reads the same person's later
   * events when it judges it (a report's lead before the visit, the
   * window a lapsed report is judged over); NULL: not beyond the day */
  AttribTime (*lookahead) (const AttribClause *clause);
};

/* The kinds, in the order attrib-kind-registry-private.h lists them, then
 * NULL. */
const AttribClauseKind * const *_attrib_clause_kinds (void);
const AttribClauseKind *_attrib_clause_kind_lookup (const char *name);
guint _attrib_clause_kind_index (const AttribClauseKind *kind);

/* One source of claims of a profile, in the order it is asked. */
typedef struct
{
  const AttribClause *clause;
  const AttribSourceHook *hook;
} AttribSourceEntry;

/* The deal phases, as indices of AttribPhaseIndex.deciding. */
typedef enum
{
  ATTRIB_DEAL_PHASE_RULING,
  ATTRIB_DEAL_PHASE_VOID,
  ATTRIB_DEAL_PHASE_RELATE,
  ATTRIB_DEAL_PHASE_SPLIT,
  ATTRIB_DEAL_PHASE_OVERRIDE,
  ATTRIB_N_DEAL_PHASES
} AttribDealPhase;

/* A profile's clauses by phase, built once when it is read. */
typedef struct
{
  AttribSourceEntry *sources;      /* a person's own events, by rank */
  guint n_sources;
  AttribSourceEntry *companion_sources;  /* a visit they came along to */
  guint n_companion_sources;
  /* the clauses of each other phase, in the profile's order */
  const AttribClause **holders;
  guint n_holders;
  const AttribClause **checks;
  guint n_checks;
  const AttribClause **follow_events;
  guint n_follow_events;
  const AttribClause **follow_visits;
  guint n_follow_visits;
  const AttribClause *first[ATTRIB_N_KINDS];  /* of each kind, or NULL */
  const AttribClause *primary;     /* the first by protection_rank, or NULL */
  const AttribClause *protection;  /* the same without confirms_reports: the
                                    * clause a visit inside one's own claim
                                    * and a sanction's transfer cite */
  const AttribClause **deciding[ATTRIB_N_DEAL_PHASES];
  guint n_deciding[ATTRIB_N_DEAL_PHASES];
} AttribPhaseIndex;

G_END_DECLS
