/* attrib-rotation.c: who receives the next customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-assignment-private.h"
#include "attrib-engine-private.h"
#include "attrib-util-private.h"

/**
 * AttribRotation:
 *
 * The reception rotation (轮岗, 轮接) of a sales office: from a day's
 * roster (`roster` events) and the profile's `rotation` clause, the
 * deterministic order in which consultants receive customers.
 *
 * The order is the *big round* of lvchen-joint 二.(一).2, which also
 * covers the single-team rotation of the other regulations (one group):
 *
 * - a group takes part if its roster for the day was filed by the
 *   deadline (`deadline_minutes` after local midnight) and names at least
 *   `min_consultants` qualified consultants; the latest such roster of a
 *   group counts;
 * - one round has as many turns as the taking-part groups have
 *   consultants; groups take turns in the order of their ids (A, B, C,
 *   D, …), each giving its next consultant in roster order, and a group
 *   whose share of the round is used up is skipped until the next round.
 *
 * Calls (接电) and walk-ins (接访) follow the same order, each on its own
 * counter. The worked example of [The regulations](rules.html): groups of 20, 12, 11 and
 * 10 consultants make a round of 53 turns, A B C D ten times, then A B C,
 * A B, and A eight times.
 *
 * [method@Attrib.Rotation.assign] goes through the day's walk-ins (or
 * calls) in order and gives each to whom the profile says:
 *
 * - a new customer takes the next turn. Representatives the desk skipped
 *   first (`skipped` on the visit) lose their turn; a skip for being busy
 *   with an old customer, or away on official business, earns a make-up
 *   turn where the rotation clause allows it (`busy_makes_up`,
 *   `official_makes_up`); make-up turns are served before the next regular
 *   turn, in the order earned, and only that day;
 * - an old customer goes back to their owner, a customer who names a
 *   representative or has an appointment to that one: the rotation order
 *   is unchanged (a turn-holder who received them keeps the turn);
 * - a visit that is no reception (`not_a_reception`) or falls in a duty
 *   window (`duty_window`) takes no turn;
 * - a group of more than three received by two (`received_with`, where the
 *   profile has `group_reception`) takes the next two turns.
 *
 * Who the customer is, and whether they are old, is the engine's claim on
 * them at the visit ([method@Attrib.Engine.get_claims]).
 */

struct _AttribRotation
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

G_DEFINE_FINAL_TYPE (AttribRotation, attrib_rotation, G_TYPE_OBJECT)

static void
attrib_rotation_finalize (GObject *object)
{
  AttribRotation *self = ATTRIB_ROTATION (object);

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (attrib_rotation_parent_class)->finalize (object);
}

static void
attrib_rotation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AttribRotation *self = ATTRIB_ROTATION (object);

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
attrib_rotation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AttribRotation *self = ATTRIB_ROTATION (object);

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
attrib_rotation_class_init (AttribRotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = attrib_rotation_finalize;
  object_class->get_property = attrib_rotation_get_property;
  object_class->set_property = attrib_rotation_set_property;

  /**
   * AttribRotation:profile:
   *
   * The profile whose `rotation` clause, and reception clauses, the
   * rotation follows.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         ATTRIB_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  _attrib_bind_textdomain ();
}

static void
attrib_rotation_init (AttribRotation *self)
{
}

/**
 * attrib_rotation_new:
 * @profile: the profile whose `rotation` clause sets the rules; a profile
 *   without one rotates every filed group with no minimum or deadline
 *
 * Creates the rotation of a profile.
 *
 * Returns: (transfer full): a new rotation
 */
AttribRotation *
attrib_rotation_new (AttribProfile *profile)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (profile), NULL);
  return g_object_new (ATTRIB_TYPE_ROTATION, "profile", profile, NULL);
}

/**
 * attrib_rotation_get_profile:
 * @self: a rotation
 *
 * The profile the rotation follows.
 *
 * Returns: (transfer none): the profile
 */
AttribProfile *
attrib_rotation_get_profile (AttribRotation *self)
{
  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  return self->profile;
}

typedef struct
{
  guint32 group;             /* string id */
  guint32 roster;            /* the roster event that counts */
  AttribTime filed_at;       /* when it was filed */
  const AttribMemberRec *members;
  guint32 n_members;
} Group;

static int
compare_groups (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  AttribLedger *ledger = user_data;

  return strcmp (_attrib_strpool_get (&ledger->strings, ((const Group *) a)->group),
                 _attrib_strpool_get (&ledger->strings, ((const Group *) b)->group));
}

/* The groups taking part on @day, in turn order; why the others do not in
 * @why (may be NULL). */
static GArray *
taking_part (AttribRotation *self,
             AttribLedger   *ledger,
             gint32          day,
             GString        *why)
{
  const AttribClause *clause = _attrib_profile_first (self->profile, ATTRIB_KIND (rotation));
  gint64 min = clause != NULL ? _attrib_clause_get_int (clause, "min_consultants") : 1;
  gint64 deadline_minutes = clause != NULL ? _attrib_clause_get_int (clause, "deadline_minutes") : 24 * 60;
  GTimeZone *tz = _attrib_profile_get_tz (self->profile);
  AttribTime deadline = attrib_time_day_start (day, tz) + deadline_minutes * 60 * G_USEC_PER_SEC;
  const AttribLedgerIndex *index = _attrib_ledger_ensure_index (ledger);
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));
  guint32 p, m, g;

  /* the latest roster filed in time that names a group counts for it:
   * the latest `filed_at`, whenever it was entered */
  for (p = 0; p < index->n_rosters; p++)
    {
      guint32 e = index->rosters[p];
      const AttribRecord *rec = &ledger->records[e];
      const AttribRosterExtra *x;

      x = &g_array_index (ledger->rosters, AttribRosterExtra, rec->extra);
      if (x->date != day)
        continue;
      if (x->filed_at > deadline)
        {
          if (why != NULL)
            {
              g_autofree char *shown = _attrib_for_display (_attrib_ledger_event_id (ledger, e));

              g_string_append_printf (why, _("roster “%s” was filed after the deadline: its groups are not scheduled\n"),
                                      shown);
            }
          continue;
        }
      for (m = 0; m < x->n_members; )
        {
          const AttribMemberRec *first = &g_array_index (ledger->members, AttribMemberRec, x->members + m);
          Group group = { first->group, e, x->filed_at, first, 0 };

          while (m < x->n_members && g_array_index (ledger->members, AttribMemberRec, x->members + m).group == first->group)
            {
              group.n_members++;
              m++;
            }
          for (g = 0; g < groups->len; g++)
            if (g_array_index (groups, Group, g).group == group.group)
              break;
          /* filed later replaces; filed at the same time, the later in
           * canonical order (this one) */
          if (g < groups->len && group.filed_at >= g_array_index (groups, Group, g).filed_at)
            g_array_index (groups, Group, g) = group;
          else if (g < groups->len)
            continue;
          else
            g_array_append_val (groups, group);
        }
    }

  for (g = 0; g < groups->len; )
    {
      const Group *group = &g_array_index (groups, Group, g);

      if (group->n_members < min)
        {
          if (why != NULL)
            {
              g_autofree char *shown = _attrib_for_display (_attrib_strpool_get (&ledger->strings, group->group));

              g_string_append_printf (why, _("group %s has %u qualified consultants, fewer than %d: it sits out\n"),
                                      shown, group->n_members, (int) min);
            }
          g_array_remove_index (groups, g);
        }
      else
        g++;
    }
  g_array_sort_with_data (groups, compare_groups, ledger);
  return groups;
}

static gboolean
check_ledger (AttribRotation  *self,
              AttribLedger    *ledger,
              GError         **error)
{
  if (g_strcmp0 (attrib_profile_get_time_zone_identifier (self->profile), attrib_ledger_get_time_zone_identifier (ledger)) != 0)
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
 * attrib_rotation_get_groups:
 * @self: a rotation
 * @ledger: the events, with the day's rosters
 * @day: the local day, in days since 1970-01-01
 * @out_explanation: (out) (optional) (transfer full) (nullable): why
 *   groups that filed do not take part
 * @error: return location for a #GError
 *
 * The groups that take part on a day, in turn order.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the group
 *   ids, possibly none; %NULL with @error set if the ledger reads dates in
 *   another time zone than the profile
 */
char **
attrib_rotation_get_groups (AttribRotation  *self,
                            AttribLedger    *ledger,
                            gint32           day,
                            char           **out_explanation,
                            GError         **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GArray) groups = NULL;
  char **ids;
  guint g;

  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self->profile), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!check_ledger (self, ledger, error))
    return NULL;
  groups = taking_part (self, ledger, day, why);
  ids = g_new (char *, groups->len + 1);
  for (g = 0; g < groups->len; g++)
    ids[g] = g_strdup (_attrib_strpool_get (&ledger->strings, g_array_index (groups, Group, g).group));
  ids[g] = NULL;
  if (out_explanation != NULL)
    *out_explanation = why->len > 0 ? g_strdup (why->str) : NULL;
  return ids;
}

/* The big round as a stream of turns, with the day's make-up turns
 * served first. */
typedef struct
{
  GArray *groups;            /* Group, in turn order */
  guint *given;              /* turns each group gave this round */
  guint *next;               /* each group's next consultant */
  guint g;                   /* the group whose turn it is */
  guint round_left;
  guint total;
  GArray *make_ups;          /* consultants owed a turn, in order */
  guint32 pending;           /* the next regular turn */
  GArray *used;              /* the turns the day's visits took */
} Schedule;

static guint32
produce (Schedule *s)
{
  for (;;)
    {
      const Group *group = &g_array_index (s->groups, Group, s->g);

      if (s->given[s->g] < group->n_members)
        {
          guint32 consultant = group->members[s->next[s->g]].consultant;

          s->next[s->g] = (s->next[s->g] + 1) % group->n_members;
          s->given[s->g]++;
          if (--s->round_left == 0)
            {
              /* a new round: every group's share again */
              memset (s->given, 0, sizeof (guint) * s->groups->len);
              s->round_left = s->total;
              s->g = 0;
            }
          else
            s->g = (s->g + 1) % s->groups->len;
          return consultant;
        }
      s->g = (s->g + 1) % s->groups->len;
    }
}

static void
schedule_init (Schedule *s,
               GArray   *groups)
{
  guint g;

  memset (s, 0, sizeof *s);
  s->groups = groups;
  s->make_ups = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->used = g_array_new (FALSE, FALSE, sizeof (guint32));
  s->pending = ATTRIB_NONE;
  if (groups->len == 0)
    return;
  s->given = g_new0 (guint, groups->len);
  s->next = g_new0 (guint, groups->len);
  for (g = 0; g < groups->len; g++)
    s->total += g_array_index (groups, Group, g).n_members;
  s->round_left = s->total;
  s->pending = produce (s);
}

static void
schedule_clear (Schedule *s)
{
  g_free (s->given);
  g_free (s->next);
  g_array_unref (s->make_ups);
  g_array_unref (s->used);
}


/* Whose turn it is, without taking it. */
static guint32
schedule_peek (Schedule *s,
               gboolean *out_make_up)
{
  *out_make_up = s->make_ups->len > 0;
  return *out_make_up ? g_array_index (s->make_ups, guint32, 0) : s->pending;
}

static guint32
schedule_take (Schedule *s,
               gboolean *out_make_up)
{
  guint32 consultant = schedule_peek (s, out_make_up);

  if (consultant == ATTRIB_NONE)
    return ATTRIB_NONE;
  if (*out_make_up)
    g_array_remove_index (s->make_ups, 0);
  else
    s->pending = produce (s);
  return consultant;
}

/* A turn a visit takes (not one the desk skipped). */
static guint32
schedule_use (Schedule *s,
              gboolean *out_make_up)
{
  guint32 consultant = schedule_take (s, out_make_up);

  g_array_append_val (s->used, consultant);
  return consultant;
}

/* The walk-ins (or calls) of @day the rotation assigns: visits without
 * channel agents, in canonical order. */
static GArray *
day_visits (AttribLedger    *ledger,
            gint32           day,
            AttribVisitKind  kind)
{
  const AttribLedgerIndex *index = _attrib_ledger_ensure_index (ledger);
  AttribTime begin = attrib_time_day_start (day, ledger->tz);
  AttribTime end = attrib_time_day_start (day + 1, ledger->tz);
  GArray *visits = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 lo = 0, hi = ledger->n_records;

  /* the canonical order is by time: the day is one range of it */
  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (ledger->records[index->order[mid]].at < begin)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (; lo < ledger->n_records && ledger->records[index->order[lo]].at < end; lo++)
    {
      const AttribRecord *rec = &ledger->records[index->order[lo]];

      if (rec->type == ATTRIB_EVENT_TYPE_VISIT && rec->n_agents == 0 && rec->kind == kind)
        g_array_append_val (visits, index->order[lo]);
    }
  return visits;
}

typedef struct
{
  AttribRun run;
  const AttribClause *rotation;
  const AttribClause *reception;
  const AttribClause *group_reception;
  GTimeZone *tz;
} Assigner;

static const char *
skip_label (AttribSkipReason reason)
{
  switch (reason)
    {
    case ATTRIB_SKIP_REASON_BUSY: return C_("skip", "busy with an old customer");
    case ATTRIB_SKIP_REASON_OFFICIAL: return C_("skip", "away on official business");
    case ATTRIB_SKIP_REASON_ABSENT:
    default:
      return C_("skip", "not at the waiting area");
    }
}

static gboolean
earns_make_up (Assigner         *a,
               AttribSkipReason  reason)
{
  if (a->rotation == NULL)
    return FALSE;
  if (reason == ATTRIB_SKIP_REASON_BUSY)
    return _attrib_clause_get_bool (a->rotation, "busy_makes_up");
  if (reason == ATTRIB_SKIP_REASON_OFFICIAL)
    return _attrib_clause_get_bool (a->rotation, "official_makes_up");
  return FALSE;
}

static const char *
rotation_id (Assigner *a)
{
  return a->rotation != NULL ? a->rotation->id : NULL;
}

/* Whom the engine gives the customer of @visit to, outside the rotation:
 * an owner, a named or appointed representative. NONE if the visit is a
 * new customer for the rotation. @out_clause says why. */
static guint32
outside_rotation (Assigner     *a,
                  guint32       visit,
                  const char  **out_clause,
                  gboolean     *out_old)
{
  AttribRun *run = &a->run;
  const AttribRecord *rec = _attrib_run_record (run, visit);
  guint32 person = _attrib_run_contact_person (run, rec->contact);
  guint32 receiver = _attrib_reception_receiver (run, visit);
  const AttribPersonClaims *pc;
  guint i;

  *out_clause = NULL;
  *out_old = FALSE;
  if (person == ATTRIB_NONE || a->reception == NULL)
    return ATTRIB_NONE;
  pc = _attrib_run_claims (run, person);
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->event != visit || claim->queued)
        continue;
      /* a new customer is the receiver's by the rotation: by first
       * reception, or recognised too late to go back */
      if (claim->holder == receiver &&
          (g_str_equal (claim->clause, a->reception->id) ||
           g_strcmp0 (attrib_profile_get_clause_kind (run->profile, claim->clause), "recognised") == 0))
        return ATTRIB_NONE;
      *out_clause = claim->clause;
      return claim->holder;
    }
  /* an old customer: their claim at the visit */
  for (i = 0; i < pc->claims->len; i++)
    {
      const AttribClaimRec *claim = &g_array_index (pc->claims, AttribClaimRec, i);

      if (claim->event != visit && claim->standing == ATTRIB_STANDING_PROTECTS && claim->begin <= rec->at && rec->at < claim->end &&
          _attrib_run_record (run, claim->event)->at <= rec->at)
        {
          const char *conflict = _attrib_clause_get_string (a->reception, "conflict_clause");

          *out_clause = *conflict != '\0' ? conflict : a->reception->id;
          *out_old = TRUE;
          return claim->holder;
        }
    }
  return ATTRIB_NONE;
}

static AttribAssignment *
assign_one (Assigner *a,
            Schedule *s,
            guint32   visit)
{
  AttribRun *run = &a->run;
  AttribLedger *ledger = run->ledger;
  const AttribRecord *rec = _attrib_run_record (run, visit);
  const AttribVisitExtra *x = rec->extra != ATTRIB_NONE ? &g_array_index (ledger->visits, AttribVisitExtra, rec->extra) : NULL;
  guint32 receiver = x != NULL ? x->received_by : ATTRIB_NONE;
  const char *id = _attrib_run_event_id (run, visit);
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr(GArray) earned = g_array_new (FALSE, FALSE, sizeof (guint32));
  const AttribClause *clause;
  const char *by = NULL;
  const char *skip_clause = a->rotation != NULL && *_attrib_clause_get_string (a->rotation, "skip_clause") != '\0'
                          ? _attrib_clause_get_string (a->rotation, "skip_clause") : NULL;
  guint32 consultant, second;
  gboolean old, make_up, make_up2;
  AttribTurnKind turn;
  guint i;

  if ((clause = _attrib_not_a_reception (run, visit)) != NULL)
    {
      g_string_append_printf (why, _("no reception (%s): takes no turn"), clause->title != NULL ? clause->title : clause->id);
      return _attrib_assignment_new (id, rec->at, _attrib_run_str (run, receiver), _attrib_run_str (run, receiver),
                                     ATTRIB_TURN_KIND_NONE, NULL, clause->id, why->str);
    }
  if ((clause = _attrib_duty_window_at (run, rec->at)) != NULL)
    {
      g_string_append (why, _("received on duty, outside the rotation: takes no turn"));
      return _attrib_assignment_new (id, rec->at, _attrib_run_str (run, receiver), _attrib_run_str (run, receiver),
                                     ATTRIB_TURN_KIND_NONE, NULL, clause->id, why->str);
    }
  consultant = outside_rotation (a, visit, &by, &old);
  if (consultant == ATTRIB_NONE && x != NULL && (x->designated != ATTRIB_NONE || x->appointment != ATTRIB_NONE) &&
      !_attrib_appointment_missed (run, visit))
    {
      /* a customer who asks for someone, or has an appointment, is not the
       * rotation's to give, whatever the profile does with the name */
      consultant = x->appointment != ATTRIB_NONE ? x->appointment : x->designated;
      by = NULL;
    }
  if (consultant != ATTRIB_NONE)
    {
      guint32 turn_holder = schedule_peek (s, &make_up);

      if (old)
        g_string_append_printf (why, _("an old customer of %s: goes back to them; the rotation order is unchanged"),
                                _attrib_run_shown (run, consultant));
      else if (by != NULL)
        {
          const char *title = attrib_profile_get_clause_title (run->profile, by);

          g_string_append_printf (why, _("goes to %s (%s): the rotation order is unchanged"),
                                  _attrib_run_shown (run, consultant), title != NULL ? title : by);
        }
      else
        g_string_append_printf (why, _("asks for %s: the rotation order is unchanged"), _attrib_run_shown (run, consultant));
      if (receiver != ATTRIB_NONE && receiver != consultant && receiver == turn_holder)
        g_string_append_printf (why, _("; %s received them and keeps the turn"), _attrib_run_shown (run, receiver));
      return _attrib_assignment_new (id, rec->at, _attrib_run_str (run, consultant), _attrib_run_str (run, receiver),
                                     ATTRIB_TURN_KIND_NONE, NULL, by, why->str);
    }

  /* a new customer: the next turn, after the skipped ones */
  if (s->pending == ATTRIB_NONE)
    {
      g_string_append (why, _("nobody is on the rotation that day"));
      return _attrib_assignment_new (id, rec->at, _attrib_run_str (run, receiver), _attrib_run_str (run, receiver),
                                     ATTRIB_TURN_KIND_NONE, NULL, rotation_id (a), why->str);
    }
  for (i = 0; x != NULL && i < x->n_skipped; i++)
    {
      const AttribSkipRec *skip = &g_array_index (ledger->skips, AttribSkipRec, x->skipped + i);
      guint32 due = schedule_peek (s, &make_up);

      if (skip->party == x->appointment && skip->party != due && _attrib_appointment_missed (run, visit))
        {
          g_string_append_printf (why, _("%s, whom the customer had an appointment with, was away; "),
                                  _attrib_run_shown (run, skip->party));
          continue;
        }
      if (skip->party != due)
        {
          g_string_append_printf (why, _("%s is listed as skipped, but the turn was %s's; "),
                                  _attrib_run_shown (run, skip->party), _attrib_run_shown (run, due));
          continue;
        }
      schedule_take (s, &make_up);
      g_ptr_array_add (skipped, (gpointer) _attrib_run_str (run, due));
      if (earns_make_up (a, skip->reason))
        {
          g_array_append_val (earned, due);
          g_string_append_printf (why, _("%s skipped (%s), makes up later"), _attrib_run_shown (run, due),
                                  skip_label (skip->reason));
        }
      else
        g_string_append_printf (why, _("%s skipped (%s), no make-up"), _attrib_run_shown (run, due),
                                skip_label (skip->reason));
      if (skip_clause != NULL)
        g_string_append_printf (why, _(" (%s)"), skip_clause);
      g_string_append (why, _("; "));
    }
  consultant = schedule_use (s, &make_up);
  /* a make-up comes after the visit the skipped one could not take */
  g_array_append_vals (s->make_ups, earned->data, earned->len);
  turn = make_up ? ATTRIB_TURN_KIND_MAKE_UP : ATTRIB_TURN_KIND_REGULAR;
  g_string_append_printf (why, make_up ? _("a new customer: %s's make-up turn") : _("a new customer: %s's turn"),
                          _attrib_run_shown (run, consultant));

  /* a large group: the next turn-holder receives with them */
  if (a->group_reception != NULL && x != NULL && x->received_with != ATTRIB_NONE &&
      1 + (gint64) x->n_companions > _attrib_clause_get_int (a->group_reception, "more_than"))
    {
      second = schedule_use (s, &make_up2);
      g_string_append_printf (why, _("; %u visitors: %s receives with them (%s)"), 1 + x->n_companions,
                              _attrib_run_shown (run, second), a->group_reception->id);
      if (second != x->received_with)
        g_string_append_printf (why, _(", but %s did"), _attrib_run_shown (run, x->received_with));
    }
  if (receiver == ATTRIB_NONE)
    g_string_append (why, _("; the visit names no receiver"));
  else if (receiver != consultant)
    g_string_append_printf (why, _("; but %s received them"), _attrib_run_shown (run, receiver));
  return _attrib_assignment_new (id, rec->at, _attrib_run_str (run, consultant), _attrib_run_str (run, receiver), turn,
                                 (const char * const *) skipped->pdata, rotation_id (a), why->str);
}

/* The day's assignments, and the schedule as they leave it. */
static GPtrArray *
assign_day (AttribRotation  *self,
            AttribLedger    *ledger,
            gint32           day,
            AttribVisitKind  kind,
            Schedule        *s,
            GArray         **out_groups)
{
  g_autoptr(GArray) visits = day_visits (ledger, day, kind);
  GArray *groups = taking_part (self, ledger, day, NULL);
  GPtrArray *assignments = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_assignment_unref);
  Assigner a;
  guint i;

  _attrib_run_init (&a.run, self->profile, ledger);
  a.rotation = _attrib_profile_first (self->profile, ATTRIB_KIND (rotation));
  a.reception = _attrib_profile_first (self->profile, ATTRIB_KIND (first_reception));
  a.group_reception = _attrib_profile_first (self->profile, ATTRIB_KIND (group_reception));
  schedule_init (s, groups);
  for (i = 0; i < visits->len; i++)
    g_ptr_array_add (assignments, assign_one (&a, s, g_array_index (visits, guint32, i)));
  _attrib_run_clear (&a.run);
  *out_groups = groups;
  return assignments;
}


/**
 * attrib_rotation_assign:
 * @self: a rotation
 * @ledger: the events, with the day's rosters and visits
 * @day: the local day, in days since 1970-01-01
 * @kind: walk-ins or calls, which rotate separately
 * @error: return location for a #GError
 *
 * Goes through the walk-ins (or calls) of a day in order — the visits of
 * that kind without channel agents — and says for each whom it goes to,
 * whether it took a turn, whom the desk skipped first, and why (see
 * [class@Attrib.Rotation]). A day without a roster assigns nobody a turn;
 * each visit then says so.
 *
 * Returns: (transfer container) (element-type AttribAssignment) (nullable):
 *   the assignments, in the order of the visits
 */
GPtrArray *
attrib_rotation_assign (AttribRotation   *self,
                        AttribLedger     *ledger,
                        gint32            day,
                        AttribVisitKind   kind,
                        GError          **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GArray) groups = NULL;
  GPtrArray *assignments;
  Schedule s;

  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self->profile), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!check_ledger (self, ledger, error))
    return NULL;
  assignments = assign_day (self, ledger, day, kind, &s, &groups);
  schedule_clear (&s);
  return assignments;
}

/**
 * attrib_rotation_get_turns:
 * @self: a rotation
 * @ledger: the events, with the day's rosters
 * @day: the local day, in days since 1970-01-01
 * @kind: walk-ins or calls: each rotates on its own counter, in the same
 *   order
 * @n_turns: how many turns to give
 * @error: return location for a #GError
 *
 * The first @n_turns turns of a day, as consultant parties (`A/a01`): the
 * turns the day's walk-ins (or calls) took, in order, then the turns still
 * to come — make-up turns first, then the big round (see
 * [class@Attrib.Rotation]). This is what a scenario's `rotation`
 * expectation checks.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   consultants, or %NULL with %ATTRIB_ERROR_NOT_FOUND if no group takes
 *   part that day
 */
char **
attrib_rotation_get_turns (AttribRotation   *self,
                           AttribLedger     *ledger,
                           gint32            day,
                           AttribVisitKind   kind,
                           guint             n_turns,
                           GError          **error)
{
  g_autoptr(AttribLedgerReadLock) hold = NULL;
  g_autoptr(GPtrArray) assignments = NULL;
  g_autoptr(GArray) groups = NULL;
  GPtrArray *turns;
  Schedule s;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self->profile), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hold = _attrib_ledger_read_lock (ledger);

  if (!check_ledger (self, ledger, error))
    return NULL;
  assignments = assign_day (self, ledger, day, kind, &s, &groups);
  if (groups->len == 0)
    {
      g_autofree char *date = attrib_time_format (attrib_time_day_start (day, _attrib_profile_get_tz (self->profile)),
                                                  _attrib_profile_get_tz (self->profile));

      schedule_clear (&s);
      date[10] = '\0';
      {
        g_autofree char *shown = _attrib_for_display (date);

        g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, _("No group takes part in the rotation on %s"), shown);
      }
      return NULL;
    }

  turns = g_ptr_array_new_null_terminated (n_turns, g_free, TRUE);
  for (i = 0; i < s.used->len && turns->len < n_turns; i++)
    g_ptr_array_add (turns, g_strdup (_attrib_strpool_get (&ledger->strings, g_array_index (s.used, guint32, i))));
  while (turns->len < n_turns)
    {
      gboolean make_up;

      g_ptr_array_add (turns, g_strdup (_attrib_strpool_get (&ledger->strings, schedule_take (&s, &make_up))));
    }
  schedule_clear (&s);
  return (char **) g_ptr_array_free (turns, FALSE);
}
