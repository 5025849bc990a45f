/* attrib-event-deal.c: the fields of interactions, relations, deals, sanctions, rulings and rosters (AttribEvent)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-event-private.h"
#include "attrib-json-private.h"

/**
 * attrib_event_set_interaction_kind:
 * @self: an interaction
 * @kind: call, visit or follow-up
 *
 * Sets the kind of a developer CRM record.
 */
void
attrib_event_set_interaction_kind (AttribEvent           *self,
                                   AttribInteractionKind  kind)
{
  g_return_if_fail (self != NULL);
  self->interaction_kind = kind;
  _attrib_event_set_flag (self, ATTRIB_FIELD_INTERACTION_KIND);
}

/**
 * attrib_event_get_interaction_kind:
 * @self: an interaction
 *
 * The kind of the CRM record.
 *
 * Returns: the kind of the CRM record
 */
AttribInteractionKind
attrib_event_get_interaction_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->interaction_kind;
}

/**
 * attrib_event_set_by:
 * @self: an interaction
 * @by: (nullable): who recorded it (a CRM user)
 *
 * Sets who made the CRM record.
 */
void
attrib_event_set_by (AttribEvent *self,
                     const char  *by)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->by, by, ATTRIB_FIELD_BY);
}

/**
 * attrib_event_get_by:
 * @self: an interaction
 *
 * Who made the CRM record.
 *
 * Returns: (transfer none) (nullable): who made the CRM record
 */
const char *
attrib_event_get_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->by;
}

/**
 * attrib_event_set_relation_kind:
 * @self: a relation
 * @kind: the kind of relation
 *
 * Sets how the two persons of a relation are related.
 */
void
attrib_event_set_relation_kind (AttribEvent        *self,
                                AttribRelationKind  kind)
{
  g_return_if_fail (self != NULL);
  self->relation_kind = kind;
  _attrib_event_set_flag (self, ATTRIB_FIELD_RELATION_KIND);
}

/**
 * attrib_event_get_relation_kind:
 * @self: a relation
 *
 * The kind of relation.
 *
 * Returns: the kind of relation
 */
AttribRelationKind
attrib_event_get_relation_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->relation_kind;
}

/**
 * attrib_event_set_verified:
 * @self: a relation
 * @verified: whether the relation has been verified
 *
 * Sets whether a relation is verified (the default). Unverified relations
 * never move credit; they make a verdict pending where they would.
 */
void
attrib_event_set_verified (AttribEvent *self,
                           gboolean     verified)
{
  g_return_if_fail (self != NULL);
  self->verified = !!verified;
  _attrib_event_set_flag (self, ATTRIB_FIELD_VERIFIED);
}

/**
 * attrib_event_get_verified:
 * @self: a relation
 *
 * Whether the relation is verified.
 *
 * Returns: whether the relation is verified
 */
gboolean
attrib_event_get_verified (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->verified;
}

/**
 * attrib_event_set_deal:
 * @self: a deal, sanction or ruling
 * @deal: (nullable): the deal id
 *
 * Sets the deal a deal stage belongs to, or the deal a sanction or ruling
 * refers to.
 */
void
attrib_event_set_deal (AttribEvent *self,
                       const char  *deal)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->deal, deal, ATTRIB_FIELD_DEAL);
}

/**
 * attrib_event_get_deal:
 * @self: a deal, sanction or ruling
 *
 * The deal id.
 *
 * Returns: (transfer none) (nullable): the deal id
 */
const char *
attrib_event_get_deal (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->deal;
}

/**
 * attrib_event_set_deal_stage:
 * @self: a deal
 * @stage: the stage reached
 *
 * Sets the stage of the deal this event records.
 */
void
attrib_event_set_deal_stage (AttribEvent     *self,
                             AttribDealStage  stage)
{
  g_return_if_fail (self != NULL);
  self->deal_stage = stage;
  _attrib_event_set_flag (self, ATTRIB_FIELD_DEAL_STAGE);
}

/**
 * attrib_event_get_deal_stage:
 * @self: a deal
 *
 * The stage of the deal.
 *
 * Returns: the stage of the deal
 */
AttribDealStage
attrib_event_get_deal_stage (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->deal_stage;
}

/**
 * attrib_event_set_unit:
 * @self: a deal
 * @unit: (nullable): the unit sold (e.g. `3-1-502`)
 *
 * Sets the unit of a deal.
 */
void
attrib_event_set_unit (AttribEvent *self,
                       const char  *unit)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->unit, unit, ATTRIB_FIELD_UNIT);
}

/**
 * attrib_event_get_unit:
 * @self: a deal
 *
 * The unit sold.
 *
 * Returns: (transfer none) (nullable): the unit sold
 */
const char *
attrib_event_get_unit (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->unit;
}

/**
 * attrib_event_set_price:
 * @self: a deal
 * @fen: the price in fen (1/100 yuan)
 *
 * Sets the deal price.
 */
void
attrib_event_set_price (AttribEvent *self,
                        gint64       fen)
{
  g_return_if_fail (self != NULL);
  self->price = fen;
  _attrib_event_set_flag (self, ATTRIB_FIELD_PRICE);
}

/**
 * attrib_event_get_price:
 * @self: a deal
 * @out_fen: (out) (optional): the price in fen
 *
 * Whether the deal carries a price.
 *
 * Returns: whether the deal carries a price
 */
gboolean
attrib_event_get_price (AttribEvent *self,
                        gint64      *out_fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_fen != NULL)
    *out_fen = self->price;
  return _attrib_event_has (self, ATTRIB_FIELD_PRICE);
}

/**
 * attrib_event_set_product:
 * @self: a deal
 * @product: the product sold
 *
 * Sets what the deal sells (residential by default).
 */
void
attrib_event_set_product (AttribEvent   *self,
                          AttribProduct  product)
{
  g_return_if_fail (self != NULL);
  self->product = product;
  _attrib_event_set_flag (self, ATTRIB_FIELD_PRODUCT);
}

/**
 * attrib_event_get_product:
 * @self: a deal
 *
 * The product sold.
 *
 * Returns: the product sold
 */
AttribProduct
attrib_event_get_product (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->product;
}

/**
 * attrib_event_set_closed_by:
 * @self: a deal
 * @party: (nullable): the party who closed the deal
 *
 * Sets who closed the deal.
 */
void
attrib_event_set_closed_by (AttribEvent *self,
                            const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->closed_by, party, ATTRIB_FIELD_CLOSED_BY);
}

/**
 * attrib_event_get_closed_by:
 * @self: a deal
 *
 * Who closed the deal.
 *
 * Returns: (transfer none) (nullable): who closed the deal
 */
const char *
attrib_event_get_closed_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->closed_by;
}

/**
 * attrib_event_set_helped_by:
 * @self: a deal
 * @party: (nullable): the party who helped close the deal
 *
 * Sets who helped with the deal.
 */
void
attrib_event_set_helped_by (AttribEvent *self,
                            const char  *party)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->helped_by, party, ATTRIB_FIELD_HELPED_BY);
}

/**
 * attrib_event_get_helped_by:
 * @self: a deal
 *
 * Who helped with the deal.
 *
 * Returns: (transfer none) (nullable): who helped with the deal
 */
const char *
attrib_event_get_helped_by (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->helped_by;
}

/**
 * attrib_event_set_sanction_kind:
 * @self: a sanction
 * @kind: the kind of sanction
 *
 * Sets what a sanction punishes.
 */
void
attrib_event_set_sanction_kind (AttribEvent        *self,
                                AttribSanctionKind  kind)
{
  g_return_if_fail (self != NULL);
  self->sanction_kind = kind;
  _attrib_event_set_flag (self, ATTRIB_FIELD_SANCTION_KIND);
}

/**
 * attrib_event_get_sanction_kind:
 * @self: a sanction
 *
 * The kind of sanction.
 *
 * Returns: the kind of sanction
 */
AttribSanctionKind
attrib_event_get_sanction_kind (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sanction_kind;
}

/**
 * attrib_event_add_sanctioned_party:
 * @self: a sanction
 * @party: a sanctioned party
 *
 * Adds a party the sanction applies to.
 */
void
attrib_event_add_sanctioned_party (AttribEvent *self,
                                   const char  *party)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);

  if (self->parties == NULL)
    {
      self->parties = g_ptr_array_new_null_terminated (2, NULL, TRUE);
    }
  g_ptr_array_add (self->parties, _attrib_event_strdup (self, party));
  _attrib_event_set_flag (self, ATTRIB_FIELD_PARTIES);
}

/**
 * attrib_event_get_sanctioned_parties:
 * @self: a sanction
 *
 * The sanctioned parties, in the order added.
 *
 * Returns: (transfer none) (array zero-terminated=1): the sanctioned
 *   parties, an empty array if none
 */
const char * const *
attrib_event_get_sanctioned_parties (AttribEvent *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  return self->parties != NULL ? (const char * const *) self->parties->pdata : none;
}

/**
 * attrib_event_set_fine:
 * @self: a sanction
 * @fen: the fine in fen
 *
 * Sets the fine a sanction imposes, deducted from commission.
 */
void
attrib_event_set_fine (AttribEvent *self,
                       gint64       fen)
{
  g_return_if_fail (self != NULL);
  self->fine = fen;
  _attrib_event_set_flag (self, ATTRIB_FIELD_FINE);
}

/**
 * attrib_event_get_fine:
 * @self: a sanction
 * @out_fen: (out) (optional): the fine in fen
 *
 * Whether the sanction imposes a fine.
 *
 * Returns: whether the sanction imposes a fine
 */
gboolean
attrib_event_get_fine (AttribEvent *self,
                       gint64      *out_fen)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_fen != NULL)
    *out_fen = self->fine;
  return _attrib_event_has (self, ATTRIB_FIELD_FINE);
}

/**
 * attrib_event_add_share:
 * @self: a ruling
 * @kind: performance or commission
 * @party: the party
 * @numerator: the share's numerator, positive
 * @denominator: the share's denominator, positive
 *
 * Adds a share a ruling gives to a party. The shares of each kind must sum
 * to exactly 1.
 */
void
attrib_event_add_share (AttribEvent     *self,
                        AttribShareKind  kind,
                        const char      *party,
                        gint64           numerator,
                        gint64           denominator)
{
  AttribEventShare share;

  g_return_if_fail (self != NULL);
  g_return_if_fail (party != NULL);
  g_return_if_fail (kind == ATTRIB_SHARE_KIND_PERFORMANCE || kind == ATTRIB_SHARE_KIND_COMMISSION);

  if (self->shares[kind] == NULL)
    {
      self->shares[kind] = g_array_new (FALSE, FALSE, sizeof (AttribEventShare));
    }
  share.party = _attrib_event_strdup (self, party);
  share.numerator = numerator;
  share.denominator = denominator;
  g_array_append_val (self->shares[kind], share);
  _attrib_event_set_flag (self, kind == ATTRIB_SHARE_KIND_PERFORMANCE ? ATTRIB_FIELD_PERFORMANCE : ATTRIB_FIELD_COMMISSION);
}

/**
 * attrib_event_get_n_shares:
 * @self: a ruling
 * @kind: performance or commission
 *
 * The number of shares of that kind.
 *
 * Returns: the number of shares of that kind
 */
guint
attrib_event_get_n_shares (AttribEvent     *self,
                           AttribShareKind  kind)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (kind == ATTRIB_SHARE_KIND_PERFORMANCE || kind == ATTRIB_SHARE_KIND_COMMISSION, 0);
  return self->shares[kind] != NULL ? self->shares[kind]->len : 0;
}

/**
 * attrib_event_get_share:
 * @self: a ruling
 * @kind: performance or commission
 * @index: the share's position, below [method@Attrib.Event.get_n_shares]
 * @out_numerator: (out) (optional): the numerator
 * @out_denominator: (out) (optional): the denominator
 *
 * The party of the share.
 *
 * Returns: (transfer none): the party of the share
 */
const char *
attrib_event_get_share (AttribEvent     *self,
                        AttribShareKind  kind,
                        guint            index,
                        gint64          *out_numerator,
                        gint64          *out_denominator)
{
  const AttribEventShare *share;

  g_return_val_if_fail (index < attrib_event_get_n_shares (self, kind), NULL);

  share = &g_array_index (self->shares[kind], AttribEventShare, index);
  if (out_numerator != NULL)
    *out_numerator = share->numerator;
  if (out_denominator != NULL)
    *out_denominator = share->denominator;
  return share->party;
}

/**
 * attrib_event_set_authority:
 * @self: a ruling
 * @authority: (nullable): who ruled (channel manager, marketing director …)
 *
 * Sets the authority of a ruling.
 */
void
attrib_event_set_authority (AttribEvent *self,
                            const char  *authority)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->authority, authority, ATTRIB_FIELD_AUTHORITY);
}

/**
 * attrib_event_get_authority:
 * @self: a ruling
 *
 * Who ruled.
 *
 * Returns: (transfer none) (nullable): who ruled
 */
const char *
attrib_event_get_authority (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->authority;
}

/**
 * attrib_event_set_reason:
 * @self: a ruling
 * @reason: (nullable): why
 *
 * Sets the stated reason of a ruling.
 */
void
attrib_event_set_reason (AttribEvent *self,
                         const char  *reason)
{
  g_return_if_fail (self != NULL);
  _attrib_event_set_string (self, &self->reason, reason, ATTRIB_FIELD_REASON);
}

/**
 * attrib_event_get_reason:
 * @self: a ruling
 *
 * The reason of the ruling.
 *
 * Returns: (transfer none) (nullable): the reason of the ruling
 */
const char *
attrib_event_get_reason (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->reason;
}

/**
 * attrib_event_set_roster_date:
 * @self: a roster
 * @day: the local day the roster is for, in days since 1970-01-01
 *
 * Sets the day a rotation roster applies to; see
 * [func@Attrib.time_get_local_day].
 */
void
attrib_event_set_roster_date (AttribEvent *self,
                              gint32       day)
{
  g_return_if_fail (self != NULL);
  self->roster_date = day;
  _attrib_event_set_flag (self, ATTRIB_FIELD_ROSTER_DATE);
}

/**
 * attrib_event_get_roster_date:
 * @self: a roster
 *
 * The local day of the roster, in days since 1970-01-01.
 *
 * Returns: the local day of the roster, in days since 1970-01-01
 */
gint32
attrib_event_get_roster_date (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->roster_date;
}

/**
 * attrib_event_add_roster_member:
 * @self: a roster
 * @group: the group id (`A`)
 * @consultant: the consultant, as a party (`A/a01`) or a bare agent id
 *   (`a01`, meaning `A/a01`)
 *
 * Adds a qualified consultant to a group of the roster. Members of one
 * group are kept in turn order; groups in the order first added.
 */
void
attrib_event_add_roster_member (AttribEvent *self,
                                const char  *group,
                                const char  *consultant)
{
  AttribEventMember member;

  g_return_if_fail (self != NULL);
  g_return_if_fail (group != NULL);
  g_return_if_fail (consultant != NULL);

  if (self->members == NULL)
    {
      self->members = g_array_new (FALSE, FALSE, sizeof (AttribEventMember));
    }
  member.group = _attrib_event_strdup (self, group);
  if (strchr (consultant, '/') != NULL)
    member.consultant = _attrib_event_strdup (self, consultant);
  else
    {
      g_autofree char *full = g_strconcat (group, "/", consultant, NULL);

      member.consultant = _attrib_event_strdup (self, full);
    }
  g_array_append_val (self->members, member);
  _attrib_event_set_flag (self, ATTRIB_FIELD_GROUPS);
}

/**
 * attrib_event_get_n_roster_members:
 * @self: a roster
 *
 * The number of consultants on the roster.
 *
 * Returns: the number of consultants on the roster
 */
guint
attrib_event_get_n_roster_members (AttribEvent *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->members != NULL ? self->members->len : 0;
}

/**
 * attrib_event_get_roster_member:
 * @self: a roster
 * @index: the member's position, below
 *   [method@Attrib.Event.get_n_roster_members]
 * @out_group: (out) (optional) (transfer none): the member's group
 *
 * The consultant, as a `group/agent` party.
 *
 * Returns: (transfer none): the consultant, as a `group/agent` party
 */
const char *
attrib_event_get_roster_member (AttribEvent  *self,
                                guint         index,
                                const char  **out_group)
{
  const AttribEventMember *member;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < attrib_event_get_n_roster_members (self), NULL);

  member = &g_array_index (self->members, AttribEventMember, index);
  if (out_group != NULL)
    *out_group = member->group;
  return member->consultant;
}

/**
 * attrib_event_set_filed_at:
 * @self: a roster
 * @time: when the roster was filed
 *
 * Sets when a roster was filed; without it, the event's time counts.
 */
void
attrib_event_set_filed_at (AttribEvent *self,
                           AttribTime   time)
{
  g_return_if_fail (self != NULL);
  self->filed_at = time;
  _attrib_event_set_flag (self, ATTRIB_FIELD_FILED_AT);
}

/**
 * attrib_event_get_filed_at:
 * @self: a roster
 * @out_time: (out) (optional): when the roster was filed: the filing
 *   time if one was set, else the roster's own time
 *
 * Whether a filing time was set. A roster filed at its own time means the
 * same as one without a filing time: read back from a ledger it has none.
 *
 * Returns: whether a filing time (other than the roster's own time, for
 *   an event read back from a ledger) was set
 */
gboolean
attrib_event_get_filed_at (AttribEvent *self,
                           AttribTime  *out_time)
{
  g_return_val_if_fail (self != NULL, FALSE);
  if (out_time != NULL)
    *out_time = _attrib_event_has (self, ATTRIB_FIELD_FILED_AT) ? self->filed_at : self->at;
  return _attrib_event_has (self, ATTRIB_FIELD_FILED_AT);
}
