/* attrib-assignment.c: who receives a walk-in, and why
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "attrib-assignment-private.h"

/**
 * AttribAssignment:
 *
 * What the reception rotation ([class@Attrib.Rotation]) makes of one
 * walk-in or call of a day: whom it goes to, whether it took a turn (the
 * next one, or a make-up turn), whom the desk skipped before it, the
 * clause that says so, and an explanation a sales manager can read.
 *
 * The consultant is who should receive the customer under the profile;
 * [method@Attrib.Assignment.get_received_by] is who did, as recorded. Where
 * they differ the explanation says so.
 */

struct _AttribAssignment
{
  gatomicrefcount ref_count;
  char *visit;
  AttribTime at;
  char *consultant;
  char *received_by;
  AttribTurnKind turn;
  char **skipped;
  char *clause;
  char *explanation;
};

G_DEFINE_BOXED_TYPE (AttribAssignment, attrib_assignment, attrib_assignment_ref, attrib_assignment_unref)

AttribAssignment *
_attrib_assignment_new (const char         *visit,
                        AttribTime          at,
                        const char         *consultant,
                        const char         *received_by,
                        AttribTurnKind      turn,
                        const char * const *skipped,
                        const char         *clause,
                        const char         *explanation)
{
  AttribAssignment *self = g_new0 (AttribAssignment, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->visit = g_strdup (visit);
  self->at = at;
  self->consultant = g_strdup (consultant);
  self->received_by = g_strdup (received_by);
  self->turn = turn;
  self->skipped = g_strdupv ((char **) skipped);
  if (self->skipped == NULL)
    self->skipped = g_new0 (char *, 1);
  self->clause = g_strdup (clause);
  self->explanation = g_strdup (explanation);
  return self;
}

/**
 * attrib_assignment_ref:
 * @self: an assignment
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribAssignment *
attrib_assignment_ref (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_assignment_unref:
 * @self: (transfer full): an assignment
 *
 * Releases a reference; the last one frees the assignment.
 */
void
attrib_assignment_unref (AttribAssignment *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->visit);
  g_free (self->consultant);
  g_free (self->received_by);
  g_strfreev (self->skipped);
  g_free (self->clause);
  g_free (self->explanation);
  g_free (self);
}

/**
 * attrib_assignment_get_visit:
 * @self: an assignment
 *
 * The id of the visit (or call) assigned.
 *
 * Returns: (transfer none): the visit's event id
 */
const char *
attrib_assignment_get_visit (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->visit;
}

/**
 * attrib_assignment_get_at:
 * @self: an assignment
 *
 * When the customer came or called.
 *
 * Returns: the visit's time
 */
AttribTime
attrib_assignment_get_at (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->at;
}

/**
 * attrib_assignment_get_consultant:
 * @self: an assignment
 *
 * Who should receive the customer under the profile: the turn-holder for
 * a new customer, the owner for an old one, the named or appointed
 * representative.
 *
 * Returns: (transfer none) (nullable): the consultant, as a party; %NULL
 *   if nobody is on rotation and nobody received the visit
 */
const char *
attrib_assignment_get_consultant (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->consultant;
}

/**
 * attrib_assignment_get_received_by:
 * @self: an assignment
 *
 * Who received the customer, as recorded on the visit.
 *
 * Returns: (transfer none) (nullable): the receiver, or %NULL if the visit
 *   names none
 */
const char *
attrib_assignment_get_received_by (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->received_by;
}

/**
 * attrib_assignment_get_turn:
 * @self: an assignment
 *
 * Whether the visit took a turn of the rotation, and which kind.
 *
 * Returns: how the visit used the rotation
 */
AttribTurnKind
attrib_assignment_get_turn (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, ATTRIB_TURN_KIND_NONE);
  return self->turn;
}

/**
 * attrib_assignment_get_skipped:
 * @self: an assignment
 *
 * The turn-holders the desk skipped before this visit was received, in
 * order.
 *
 * Returns: (transfer none) (array zero-terminated=1): the skipped
 *   consultants, possibly none
 */
const char * const *
attrib_assignment_get_skipped (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->skipped;
}

/**
 * attrib_assignment_get_clause:
 * @self: an assignment
 *
 * The clause that decided the assignment: the rotation clause for a turn,
 * or the clause that gave the customer to someone outside it.
 *
 * Returns: (transfer none) (nullable): the clause id
 */
const char *
attrib_assignment_get_clause (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->clause;
}

/**
 * attrib_assignment_get_explanation:
 * @self: an assignment
 *
 * Why the visit went where it went, in the language of the current
 * locale.
 *
 * Returns: (transfer none): the explanation
 */
const char *
attrib_assignment_get_explanation (AttribAssignment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->explanation;
}
