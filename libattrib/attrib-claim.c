/* attrib-claim.c: a channel's protected right to a customer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

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
