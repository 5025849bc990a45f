/* attrib-rotation.c: who receives the next customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

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
 * counter. The worked example of `docs/rules.md`: groups of 20, 12, 11 and
 * 10 consultants make a round of 53 turns, A B C D ten times, then A B C,
 * A B, and A eight times.
 */

struct _AttribRotation
{
  GObject parent_instance;
  AttribProfile *profile;
};

G_DEFINE_FINAL_TYPE (AttribRotation, attrib_rotation, G_TYPE_OBJECT)

static void
attrib_rotation_finalize (GObject *object)
{
  AttribRotation *self = ATTRIB_ROTATION (object);

  g_clear_object (&self->profile);
  G_OBJECT_CLASS (attrib_rotation_parent_class)->finalize (object);
}

static void
attrib_rotation_class_init (AttribRotationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attrib_rotation_finalize;
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
  AttribRotation *self;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (profile), NULL);

  self = g_object_new (ATTRIB_TYPE_ROTATION, NULL);
  self->profile = g_object_ref (profile);
  return self;
}

typedef struct
{
  guint32 group;             /* string id */
  guint32 roster;            /* the roster event that counts */
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
  const AttribClause *clause = _attrib_profile_find_kind (self->profile, "rotation");
  gint64 min = clause != NULL ? _attrib_clause_get_int (clause, "min_consultants") : 1;
  gint64 deadline_minutes = clause != NULL ? _attrib_clause_get_int (clause, "deadline_minutes") : 24 * 60;
  GTimeZone *tz = _attrib_profile_get_tz (self->profile);
  AttribTime deadline = attrib_time_day_start (day, tz) + deadline_minutes * 60 * G_USEC_PER_SEC;
  const AttribLedgerIndex *index = _attrib_ledger_ensure_index (ledger);
  GArray *groups = g_array_new (FALSE, FALSE, sizeof (Group));
  guint32 p, m, g;

  /* the latest roster filed in time that names a group counts for it */
  for (p = 0; p < ledger->n_records; p++)
    {
      guint32 e = index->order[p];
      const AttribRecord *rec = &ledger->records[e];
      const AttribRosterExtra *x;

      if (rec->type != ATTRIB_EVENT_TYPE_ROSTER)
        continue;
      x = &g_array_index (ledger->rosters, AttribRosterExtra, rec->extra);
      if (x->date != day)
        continue;
      if (x->filed_at > deadline)
        {
          if (why != NULL)
            g_string_append_printf (why, _("roster “%s” was filed after the deadline: its groups are not scheduled\n"),
                                    _attrib_ledger_event_id (ledger, e));
          continue;
        }
      for (m = 0; m < x->n_members; )
        {
          const AttribMemberRec *first = &g_array_index (ledger->members, AttribMemberRec, x->members + m);
          Group group = { first->group, e, first, 0 };

          while (m < x->n_members && g_array_index (ledger->members, AttribMemberRec, x->members + m).group == first->group)
            {
              group.n_members++;
              m++;
            }
          for (g = 0; g < groups->len; g++)
            if (g_array_index (groups, Group, g).group == group.group)
              break;
          if (g < groups->len)
            g_array_index (groups, Group, g) = group;
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
            g_string_append_printf (why, _("group %s has %u qualified consultants, fewer than %d: it sits out\n"),
                                    _attrib_strpool_get (&ledger->strings, group->group), group->n_members, (int) min);
          g_array_remove_index (groups, g);
        }
      else
        g++;
    }
  g_array_sort_with_data (groups, compare_groups, ledger);
  return groups;
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
 *   ids
 */
char **
attrib_rotation_get_groups (AttribRotation  *self,
                            AttribLedger    *ledger,
                            gint32           day,
                            char           **out_explanation,
                            GError         **error)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GArray) groups = NULL;
  char **ids;
  guint g;

  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();
  groups = taking_part (self, ledger, day, why);
  ids = g_new (char *, groups->len + 1);
  for (g = 0; g < groups->len; g++)
    ids[g] = g_strdup (_attrib_strpool_get (&ledger->strings, g_array_index (groups, Group, g).group));
  ids[g] = NULL;
  if (out_explanation != NULL)
    *out_explanation = why->len > 0 ? g_strdup (why->str) : NULL;
  return ids;
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
 * The first @n_turns turns of a day, as consultant parties (`A/a01`), in
 * the order of the big round (see [class@Attrib.Rotation]).
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
  g_autoptr(GArray) groups = NULL;
  g_autofree guint *given = NULL;    /* turns a group gave this round */
  g_autofree guint *next = NULL;     /* its next consultant */
  GPtrArray *turns;
  guint g, round_left, total = 0;

  g_return_val_if_fail (ATTRIB_IS_ROTATION (self), NULL);
  g_return_val_if_fail (ATTRIB_IS_LEDGER (ledger), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();
  groups = taking_part (self, ledger, day, NULL);
  if (groups->len == 0)
    {
      g_autofree char *date = attrib_time_format (attrib_time_day_start (day, _attrib_profile_get_tz (self->profile)),
                                                  _attrib_profile_get_tz (self->profile));

      date[10] = '\0';
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND, "No group takes part in the rotation on %s", date);
      return NULL;
    }

  given = g_new0 (guint, groups->len);
  next = g_new0 (guint, groups->len);
  for (g = 0; g < groups->len; g++)
    total += g_array_index (groups, Group, g).n_members;

  /* the same order for calls and walk-ins: each kind has its own counter,
   * which starts at the first turn of the day */
  (void) kind;
  turns = g_ptr_array_new_null_terminated (n_turns, g_free, TRUE);
  round_left = total;
  g = 0;
  while (turns->len < n_turns)
    {
      const Group *group = &g_array_index (groups, Group, g);

      if (given[g] < group->n_members)
        {
          const AttribMemberRec *m = &group->members[next[g]];

          g_ptr_array_add (turns, g_strdup (_attrib_strpool_get (&ledger->strings, m->consultant)));
          next[g] = (next[g] + 1) % group->n_members;
          given[g]++;
          if (--round_left == 0)
            {
              /* a new round: every group's share again */
              memset (given, 0, sizeof (guint) * groups->len);
              round_left = total;
              g = 0;
              continue;
            }
        }
      g = (g + 1) % groups->len;
    }
  return (char **) g_ptr_array_free (turns, FALSE);
}
