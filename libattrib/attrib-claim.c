/* attrib-claim.c: a channel's protected right to a customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-claim-private.h"

/**
 * AttribClaim:
 *
 * A claim (归属, 保护) as the engine derives it: which party holds a
 * customer, from when until when, which event started it and which clause
 * says so — or, for a confirmation that gave nothing, which clause
 * rejected it and why.
 *
 * [method@Attrib.Engine.get_claims] lists a person's claims at a time;
 * [method@Attrib.Engine.check] answers the sales desk's question
 * (判客) for a visit that has not happened yet.
 */

struct _AttribClaim
{
  gatomicrefcount ref_count;
  AttribClaimState state;
  char *holder;
  char *channel;
  AttribTime begin;
  AttribTime end;
  char *event;
  char *clause;
  char *reason;
};

G_DEFINE_BOXED_TYPE (AttribClaim, attrib_claim, attrib_claim_ref, attrib_claim_unref)

AttribClaim *
_attrib_claim_new (AttribClaimState  state,
                   const char       *holder,
                   const char       *channel,
                   AttribTime        begin,
                   AttribTime        end,
                   const char       *event,
                   const char       *clause,
                   const char       *reason)
{
  AttribClaim *self = g_new0 (AttribClaim, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->state = state;
  self->holder = g_strdup (holder);
  self->channel = g_strdup (channel);
  self->begin = begin;
  self->end = end;
  self->event = g_strdup (event);
  self->clause = g_strdup (clause);
  self->reason = g_strdup (reason);
  return self;
}

/* Whether two claims say the same, field by field. */
gboolean
_attrib_claim_equal (const AttribClaim *a,
                     const AttribClaim *b)
{
  return a->state == b->state && a->begin == b->begin && a->end == b->end &&
         g_strcmp0 (a->holder, b->holder) == 0 && g_strcmp0 (a->channel, b->channel) == 0 &&
         g_strcmp0 (a->event, b->event) == 0 && g_strcmp0 (a->clause, b->clause) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0;
}

/* The order claims are listed in: by start, then by the event that made
 * them (a GPtrArray sort function). */
int
_attrib_claim_compare (gconstpointer a,
                       gconstpointer b)
{
  const AttribClaim *x = *(AttribClaim * const *) a, *y = *(AttribClaim * const *) b;

  if (x->begin != y->begin)
    return x->begin < y->begin ? -1 : 1;
  return strcmp (x->event, y->event);
}

/* A total order of claims: the listing order, then every field, so that
 * claims alike in start and event (a visit's several holders) sort the
 * same whatever order they came in. */
int
_attrib_claim_order (const AttribClaim *a,
                     const AttribClaim *b)
{
  int c = _attrib_claim_compare (&a, &b);

  if (c == 0)
    c = g_strcmp0 (a->holder, b->holder);
  if (c == 0)
    c = g_strcmp0 (a->channel, b->channel);
  if (c == 0 && a->end != b->end)
    c = a->end < b->end ? -1 : 1;
  if (c == 0 && a->state != b->state)
    c = a->state < b->state ? -1 : 1;
  if (c == 0)
    c = g_strcmp0 (a->clause, b->clause);
  if (c == 0)
    c = g_strcmp0 (a->reason, b->reason);
  return c;
}

/**
 * attrib_claim_ref:
 * @self: a claim
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribClaim *
attrib_claim_ref (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_claim_unref:
 * @self: (transfer full): a claim
 *
 * Releases a reference.
 */
void
attrib_claim_unref (AttribClaim *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->holder);
  g_free (self->channel);
  g_free (self->event);
  g_free (self->clause);
  g_free (self->reason);
  g_free (self);
}

/**
 * attrib_claim_get_state:
 * @self: a claim
 *
 * The claim's state at the time it was asked about.
 *
 * Returns: the state
 */
AttribClaimState
attrib_claim_get_state (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->state;
}

/**
 * attrib_claim_get_holder:
 * @self: a claim
 *
 * The party the claim credits (an agent, `channel/agent`, where the
 * confirmation named one).
 *
 * Returns: (transfer none): the holder
 */
const char *
attrib_claim_get_holder (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->holder;
}

/**
 * attrib_claim_get_channel:
 * @self: a claim
 *
 * The channel of the holder.
 *
 * Returns: (transfer none): the channel
 */
const char *
attrib_claim_get_channel (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->channel;
}

/**
 * attrib_claim_get_begin:
 * @self: a claim
 *
 * When the claim starts (00:00 of its first local day); for a rejected
 * confirmation, the time of the confirmation.
 *
 * Returns: the start
 */
AttribTime
attrib_claim_get_begin (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->begin;
}

/**
 * attrib_claim_get_end:
 * @self: a claim
 *
 * When the claim ends, excluded: 00:00 of the day after its last day.
 *
 * Returns: the end
 */
AttribTime
attrib_claim_get_end (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->end;
}

/**
 * attrib_claim_get_event:
 * @self: a claim
 *
 * The id of the event that started (or tried to start) the claim.
 *
 * Returns: (transfer none): the event id
 */
const char *
attrib_claim_get_event (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->event;
}

/**
 * attrib_claim_get_clause:
 * @self: a claim
 *
 * The clause that started, renewed or rejected the claim.
 *
 * Returns: (transfer none): the clause id
 */
const char *
attrib_claim_get_clause (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->clause;
}

/**
 * attrib_claim_get_reason:
 * @self: a claim
 *
 * Why a confirmation was rejected.
 *
 * Returns: (transfer none) (nullable): the reason, for a rejected claim
 */
const char *
attrib_claim_get_reason (AttribClaim *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * AttribClaimChange:
 *
 * A claim that started, changed or ended between two updates of an
 * [class@Attrib.Watch]: the claim as it was ([method@Attrib.ClaimChange.get_before],
 * %NULL for one that started) and as it is ([method@Attrib.ClaimChange.get_after],
 * %NULL for one the record no longer gives), on which customer.
 *
 * A claim is known by the confirmation that made it (its event), its
 * holder, and whether it was given or rejected: a claim whose end came
 * earlier (a rival's visit superseded it, its holder left) or that was
 * renewed is a change with both sides; a report that an earlier one,
 * imported late, now makes a duplicate is a change from a claim to a
 * rejection.
 */
struct _AttribClaimChange
{
  gatomicrefcount ref_count;
  AttribPerson *customer;
  AttribClaim *before;
  AttribClaim *after;
};

G_DEFINE_BOXED_TYPE (AttribClaimChange, attrib_claim_change, attrib_claim_change_ref, attrib_claim_change_unref)

AttribClaimChange *
_attrib_claim_change_new (AttribPerson *customer,
                          AttribClaim  *before,
                          AttribClaim  *after)
{
  AttribClaimChange *self = g_new0 (AttribClaimChange, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->customer = customer != NULL ? attrib_person_ref (customer) : NULL;
  self->before = before != NULL ? attrib_claim_ref (before) : NULL;
  self->after = after != NULL ? attrib_claim_ref (after) : NULL;
  return self;
}

/**
 * attrib_claim_change_ref:
 * @self: a claim change
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribClaimChange *
attrib_claim_change_ref (AttribClaimChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_claim_change_unref:
 * @self: (transfer full): a claim change
 *
 * Releases a reference.
 */
void
attrib_claim_change_unref (AttribClaimChange *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->customer, attrib_person_unref);
      g_clear_pointer (&self->before, attrib_claim_unref);
      g_clear_pointer (&self->after, attrib_claim_unref);
      g_free (self);
    }
}

/**
 * attrib_claim_change_get_customer:
 * @self: a claim change
 *
 * The customer the claim is on, as the ledger knew them when the change
 * was asked for ([method@Attrib.Watch.get_changed_claims]): where two
 * customers turned out to be one (an identity link, a full phone
 * resolving a mask), the one they became.
 *
 * Returns: (transfer none) (nullable): the customer, or %NULL where the
 *   claim's customer is nobody now (a masked report that now fits several)
 */
AttribPerson *
attrib_claim_change_get_customer (AttribClaimChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->customer;
}

/**
 * attrib_claim_change_get_before:
 * @self: a claim change
 *
 * The claim as it was at the update before.
 *
 * Returns: (transfer none) (nullable): the claim as it was, or %NULL for
 *   a claim that started
 */
AttribClaim *
attrib_claim_change_get_before (AttribClaimChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->before;
}

/**
 * attrib_claim_change_get_after:
 * @self: a claim change
 *
 * The claim as it is now.
 *
 * Returns: (transfer none) (nullable): the claim as it is, or %NULL for
 *   a claim the record no longer gives
 */
AttribClaim *
attrib_claim_change_get_after (AttribClaimChange *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->after;
}
