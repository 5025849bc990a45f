/* attrib-enums.h: the enumerations of the domain model
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The nick of every value is the string used for it in scenario and
 * profile files (see audit-format.md), so files and code share one
 * vocabulary.
 */

#pragma once

#if !defined(__ATTRIB_INSIDE__) && !defined(ATTRIB_COMPILATION)
# error "Only <attrib/attrib.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AttribEventType:
 * @ATTRIB_EVENT_TYPE_REPORT: a channel registers a customer (报备)
 * @ATTRIB_EVENT_TYPE_VISIT: the customer at the sales office, or a call (到访, 带看, 接电)
 * @ATTRIB_EVENT_TYPE_INTERACTION: a record of the developer's own CRM (来电来访追踪记录)
 * @ATTRIB_EVENT_TYPE_FOLLOW_UP: an agent's contact with a customer (跟进)
 * @ATTRIB_EVENT_TYPE_RELATION: a relation between two persons (亲属、朋友 …)
 * @ATTRIB_EVENT_TYPE_IDENTITY: two contacts are the same person (同一客户不同联系方式)
 * @ATTRIB_EVENT_TYPE_DEAL: a stage of a deal (认购, 签约, 退房 …)
 * @ATTRIB_EVENT_TYPE_COMPLAINT: a complaint against a party (投诉)
 * @ATTRIB_EVENT_TYPE_SANCTION: a sanction: poaching, dispute, list reporting (抢客, 争执 …)
 * @ATTRIB_EVENT_TYPE_RULING: a manual decision by an authority (裁决)
 * @ATTRIB_EVENT_TYPE_DEPARTURE: an agent left (离职)
 * @ATTRIB_EVENT_TYPE_ROSTER: the rotation roster of one day (轮岗表)
 *
 * The type of an event; its nick is the `type` of the event in a
 * scenario file.
 */
typedef enum {
  ATTRIB_EVENT_TYPE_REPORT,
  ATTRIB_EVENT_TYPE_VISIT,
  ATTRIB_EVENT_TYPE_INTERACTION,
  ATTRIB_EVENT_TYPE_FOLLOW_UP,   /*< nick=follow_up >*/
  ATTRIB_EVENT_TYPE_RELATION,
  ATTRIB_EVENT_TYPE_IDENTITY,
  ATTRIB_EVENT_TYPE_DEAL,
  ATTRIB_EVENT_TYPE_COMPLAINT,
  ATTRIB_EVENT_TYPE_SANCTION,
  ATTRIB_EVENT_TYPE_RULING,
  ATTRIB_EVENT_TYPE_DEPARTURE,
  ATTRIB_EVENT_TYPE_ROSTER,
} AttribEventType;

/**
 * AttribEventMask:
 * @ATTRIB_EVENT_MASK_NONE: no type
 * @ATTRIB_EVENT_MASK_REPORT: reports
 * @ATTRIB_EVENT_MASK_VISIT: visits and calls at the office
 * @ATTRIB_EVENT_MASK_INTERACTION: developer CRM records
 * @ATTRIB_EVENT_MASK_FOLLOW_UP: agents' follow-ups
 * @ATTRIB_EVENT_MASK_RELATION: relations
 * @ATTRIB_EVENT_MASK_IDENTITY: identity links
 * @ATTRIB_EVENT_MASK_DEAL: deal stages
 * @ATTRIB_EVENT_MASK_COMPLAINT: complaints
 * @ATTRIB_EVENT_MASK_SANCTION: sanctions
 * @ATTRIB_EVENT_MASK_RULING: rulings
 * @ATTRIB_EVENT_MASK_DEPARTURE: departures
 * @ATTRIB_EVENT_MASK_ROSTER: rosters
 * @ATTRIB_EVENT_MASK_ALL: every type
 *
 * A set of event types, to filter queries. Bit *n* stands for the
 * [enum@Attrib.EventType] of value *n*.
 */
typedef enum { /*< flags >*/
  ATTRIB_EVENT_MASK_NONE        = 0,
  ATTRIB_EVENT_MASK_REPORT      = 1 << ATTRIB_EVENT_TYPE_REPORT,
  ATTRIB_EVENT_MASK_VISIT       = 1 << ATTRIB_EVENT_TYPE_VISIT,
  ATTRIB_EVENT_MASK_INTERACTION = 1 << ATTRIB_EVENT_TYPE_INTERACTION,
  ATTRIB_EVENT_MASK_FOLLOW_UP   = 1 << ATTRIB_EVENT_TYPE_FOLLOW_UP, /*< nick=follow_up >*/
  ATTRIB_EVENT_MASK_RELATION    = 1 << ATTRIB_EVENT_TYPE_RELATION,
  ATTRIB_EVENT_MASK_IDENTITY    = 1 << ATTRIB_EVENT_TYPE_IDENTITY,
  ATTRIB_EVENT_MASK_DEAL        = 1 << ATTRIB_EVENT_TYPE_DEAL,
  ATTRIB_EVENT_MASK_COMPLAINT   = 1 << ATTRIB_EVENT_TYPE_COMPLAINT,
  ATTRIB_EVENT_MASK_SANCTION    = 1 << ATTRIB_EVENT_TYPE_SANCTION,
  ATTRIB_EVENT_MASK_RULING      = 1 << ATTRIB_EVENT_TYPE_RULING,
  ATTRIB_EVENT_MASK_DEPARTURE   = 1 << ATTRIB_EVENT_TYPE_DEPARTURE,
  ATTRIB_EVENT_MASK_ROSTER      = 1 << ATTRIB_EVENT_TYPE_ROSTER,
  ATTRIB_EVENT_MASK_ALL         = (1 << (ATTRIB_EVENT_TYPE_ROSTER + 1)) - 1,
} AttribEventMask;

/**
 * AttribReportStage:
 * @ATTRIB_REPORT_STAGE_FIRST: the first report (首次报备), the default
 * @ATTRIB_REPORT_STAGE_ONSITE: the on-site second report on the day of the visit (二次报备)
 * @ATTRIB_REPORT_STAGE_RENEWAL: a repeated report renewing a claim (续报)
 *
 * The stage of a report.
 */
typedef enum {
  ATTRIB_REPORT_STAGE_FIRST,
  ATTRIB_REPORT_STAGE_ONSITE,
  ATTRIB_REPORT_STAGE_RENEWAL,
} AttribReportStage;

/**
 * AttribVisitKind:
 * @ATTRIB_VISIT_KIND_VISIT: the customer came to the office (接访), the default
 * @ATTRIB_VISIT_KIND_CALL: the customer called the office (接电)
 *
 * Whether a reception was a visit or a call.
 */
typedef enum {
  ATTRIB_VISIT_KIND_VISIT,
  ATTRIB_VISIT_KIND_CALL,
} AttribVisitKind;

/**
 * AttribVisitPurpose:
 * @ATTRIB_VISIT_PURPOSE_CUSTOMER: a customer's visit, the default
 * @ATTRIB_VISIT_PURPOSE_DEPOSIT_OR_SIGNING: the customer only comes to pay or sign
 * @ATTRIB_VISIT_PURPOSE_NON_CUSTOMER: not a customer (sales call, advertising, survey)
 * @ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY: did not enter the office, only took leaflets
 *
 * What a visit was for (reception-2013 二.1.2–二.1.4).
 */
typedef enum {
  ATTRIB_VISIT_PURPOSE_CUSTOMER,
  ATTRIB_VISIT_PURPOSE_DEPOSIT_OR_SIGNING, /*< nick=deposit_or_signing >*/
  ATTRIB_VISIT_PURPOSE_NON_CUSTOMER,       /*< nick=non_customer >*/
  ATTRIB_VISIT_PURPOSE_LEAFLET_ONLY,       /*< nick=leaflet_only >*/
} AttribVisitPurpose;

/**
 * AttribRecognised:
 * @ATTRIB_RECOGNISED_NONE: not recognised as a returning customer
 * @ATTRIB_RECOGNISED_DURING: recognised during the reception
 * @ATTRIB_RECOGNISED_AFTER: recognised only after the reception ended
 *
 * When an earlier, unregistered visit of the customer was recognised
 * (reception-2013 二.1.7).
 */
typedef enum {
  ATTRIB_RECOGNISED_NONE,
  ATTRIB_RECOGNISED_DURING,
  ATTRIB_RECOGNISED_AFTER,
} AttribRecognised;

/**
 * AttribSkipReason:
 * @ATTRIB_SKIP_REASON_ABSENT: not at the waiting area when the turn came
 *   (away, resting, on leave)
 * @ATTRIB_SKIP_REASON_BUSY: busy with an old customer
 * @ATTRIB_SKIP_REASON_OFFICIAL: away on the developer's (or the office's)
 *   business
 *
 * Why the reception desk skipped a representative whose turn it was. The
 * profile's `rotation` clause says which reasons earn a make-up turn.
 */
typedef enum {
  ATTRIB_SKIP_REASON_ABSENT,
  ATTRIB_SKIP_REASON_BUSY,
  ATTRIB_SKIP_REASON_OFFICIAL,
} AttribSkipReason;

/**
 * AttribProfileLevel:
 * @ATTRIB_PROFILE_LEVEL_CHANNEL: channels compete as companies
 *   (distributors, stores, agencies); their agents share the channel's claim
 * @ATTRIB_PROFILE_LEVEL_AGENT: every agent or representative competes on
 *   their own
 *
 * Who competes for a customer under a profile; the nick is the profile's
 * `level`.
 */
typedef enum {
  ATTRIB_PROFILE_LEVEL_CHANNEL,
  ATTRIB_PROFILE_LEVEL_AGENT,
} AttribProfileLevel;

/**
 * AttribRounding:
 * @ATTRIB_ROUNDING_HALF_UP: to the nearest fen, halves away from zero
 *   (四舍五入; −2.5 fen becomes −3), the default
 * @ATTRIB_ROUNDING_HALF_EVEN: to the nearest fen, halves to the even fen
 *   (banker's rounding)
 *
 * How a commission amount is rounded to whole fen — once per line.
 */
typedef enum {
  ATTRIB_ROUNDING_HALF_UP,   /*< nick=half_up >*/
  ATTRIB_ROUNDING_HALF_EVEN, /*< nick=half_even >*/
} AttribRounding;

/**
 * AttribLineKind:
 * @ATTRIB_LINE_KIND_COMMISSION: a commission that fell due at a milestone
 * @ATTRIB_LINE_KIND_ADJUSTMENT: a change to what was due: a tier reached
 *   or lost, a new price, a verdict that moved the deal
 * @ATTRIB_LINE_KIND_CLAWBACK: what a cancelled deal had earned, reversed
 * @ATTRIB_LINE_KIND_BONUS: a bonus per deal or per effective visit
 * @ATTRIB_LINE_KIND_RETENTION: the part held back (保证金) until a later
 *   stage
 * @ATTRIB_LINE_KIND_RELEASE: a retention released
 * @ATTRIB_LINE_KIND_FINE: a fine from a sanction
 *
 * What a commission line is.
 */
typedef enum {
  ATTRIB_LINE_KIND_COMMISSION,
  ATTRIB_LINE_KIND_ADJUSTMENT,
  ATTRIB_LINE_KIND_CLAWBACK,
  ATTRIB_LINE_KIND_BONUS,
  ATTRIB_LINE_KIND_RETENTION,
  ATTRIB_LINE_KIND_RELEASE,
  ATTRIB_LINE_KIND_FINE,
} AttribLineKind;

/**
 * AttribTurnKind:
 * @ATTRIB_TURN_KIND_NONE: the visit took no turn: an old customer, a named
 *   representative, no reception, or received on duty
 * @ATTRIB_TURN_KIND_REGULAR: the visit took the next turn of the rotation
 * @ATTRIB_TURN_KIND_MAKE_UP: the visit took a make-up turn owed to a
 *   representative skipped earlier
 *
 * How a walk-in or call used the reception rotation.
 */
typedef enum {
  ATTRIB_TURN_KIND_NONE,
  ATTRIB_TURN_KIND_REGULAR,
  ATTRIB_TURN_KIND_MAKE_UP,   /*< nick=make_up >*/
} AttribTurnKind;

/**
 * AttribInteractionKind:
 * @ATTRIB_INTERACTION_KIND_CALL: a call (来电)
 * @ATTRIB_INTERACTION_KIND_VISIT: a visit (来访)
 * @ATTRIB_INTERACTION_KIND_FOLLOW_UP: a follow-up (跟进)
 *
 * The kind of a developer CRM record.
 */
typedef enum {
  ATTRIB_INTERACTION_KIND_CALL,
  ATTRIB_INTERACTION_KIND_VISIT,
  ATTRIB_INTERACTION_KIND_FOLLOW_UP, /*< nick=follow_up >*/
} AttribInteractionKind;

/**
 * AttribRelationKind:
 * @ATTRIB_RELATION_KIND_NONE: no relation given
 * @ATTRIB_RELATION_KIND_SPOUSE: spouse (夫妻)
 * @ATTRIB_RELATION_KIND_PARENT_CHILD: parent and child (父母子女)
 * @ATTRIB_RELATION_KIND_GRANDPARENT: grandparent and grandchild (祖孙)
 * @ATTRIB_RELATION_KIND_SIBLING: siblings (兄弟姐妹)
 * @ATTRIB_RELATION_KIND_PARTNER: boyfriend or girlfriend (男女朋友)
 * @ATTRIB_RELATION_KIND_RELATIVE: other kin (亲戚)
 * @ATTRIB_RELATION_KIND_FRIEND: friends (朋友)
 * @ATTRIB_RELATION_KIND_COLLEAGUE: colleagues (同事)
 * @ATTRIB_RELATION_KIND_EXECUTIVE: shareholders or executives of one company (股东/高管)
 *
 * The kind of a relation between two persons. Relations are symmetric.
 */
typedef enum {
  ATTRIB_RELATION_KIND_NONE,
  ATTRIB_RELATION_KIND_SPOUSE,
  ATTRIB_RELATION_KIND_PARENT_CHILD, /*< nick=parent_child >*/
  ATTRIB_RELATION_KIND_GRANDPARENT,
  ATTRIB_RELATION_KIND_SIBLING,
  ATTRIB_RELATION_KIND_PARTNER,
  ATTRIB_RELATION_KIND_RELATIVE,
  ATTRIB_RELATION_KIND_FRIEND,
  ATTRIB_RELATION_KIND_COLLEAGUE,
  ATTRIB_RELATION_KIND_EXECUTIVE,
} AttribRelationKind;

/**
 * AttribDealStage:
 * @ATTRIB_DEAL_STAGE_SUBSCRIBED: subscription, deposit paid (认购)
 * @ATTRIB_DEAL_STAGE_SIGNED: contract signed (签约)
 * @ATTRIB_DEAL_STAGE_CANCELLED: cancelled (退房, 挞定, 退定)
 * @ATTRIB_DEAL_STAGE_UNIT_CHANGED: unit changed (换房)
 * @ATTRIB_DEAL_STAGE_RENAMED: purchaser renamed (更名)
 * @ATTRIB_DEAL_STAGE_LOAN_DISBURSED: the mortgage loan was disbursed (按揭放款)
 * @ATTRIB_DEAL_STAGE_PAID: the price was paid in full (全款到账)
 *
 * A stage of a deal. Attribution reads subscription, signing,
 * cancellation, unit change and rename; the loan and the full payment are
 * the stages at which a commission plan may pay (结佣节点), and need no
 * purchaser.
 */
typedef enum {
  ATTRIB_DEAL_STAGE_SUBSCRIBED,
  ATTRIB_DEAL_STAGE_SIGNED,
  ATTRIB_DEAL_STAGE_CANCELLED,
  ATTRIB_DEAL_STAGE_UNIT_CHANGED, /*< nick=unit_changed >*/
  ATTRIB_DEAL_STAGE_RENAMED,
  ATTRIB_DEAL_STAGE_LOAN_DISBURSED, /*< nick=loan_disbursed >*/
  ATTRIB_DEAL_STAGE_PAID,
} AttribDealStage;

/**
 * AttribProduct:
 * @ATTRIB_PRODUCT_RESIDENTIAL: a dwelling (住宅), the default
 * @ATTRIB_PRODUCT_COMMERCIAL: commercial property (商业)
 * @ATTRIB_PRODUCT_PARKING: a parking space (车位)
 *
 * The product a deal sells.
 */
typedef enum {
  ATTRIB_PRODUCT_RESIDENTIAL,
  ATTRIB_PRODUCT_COMMERCIAL,
  ATTRIB_PRODUCT_PARKING,
} AttribProduct;

/**
 * AttribSanctionKind:
 * @ATTRIB_SANCTION_KIND_POACHING: contacting another party's protected customer (抢客)
 * @ATTRIB_SANCTION_KIND_DISPUTE: a dispute in front of customers (当面争执)
 * @ATTRIB_SANCTION_KIND_LIST_REPORT: reporting a list of customers never worked (报备名单)
 *
 * The kind of a sanction.
 */
typedef enum {
  ATTRIB_SANCTION_KIND_POACHING,
  ATTRIB_SANCTION_KIND_DISPUTE,
  ATTRIB_SANCTION_KIND_LIST_REPORT, /*< nick=list_report >*/
} AttribSanctionKind;

/**
 * AttribShareKind:
 * @ATTRIB_SHARE_KIND_PERFORMANCE: performance (业绩) shares
 * @ATTRIB_SHARE_KIND_COMMISSION: commission (佣金) shares
 *
 * Which shares a ruling sets. Performance and commission shares may
 * differ.
 */
typedef enum {
  ATTRIB_SHARE_KIND_PERFORMANCE,
  ATTRIB_SHARE_KIND_COMMISSION,
} AttribShareKind;

/**
 * AttribVerdictStatus:
 * @ATTRIB_VERDICT_STATUS_DECIDED: the regulation decides the deal
 * @ATTRIB_VERDICT_STATUS_PENDING: the decision waits for a fact to be
 *   established — a relation's verification, the manager's assignment of
 *   a departed representative's customer — or for the counted deal stage
 * @ATTRIB_VERDICT_STATUS_DISPUTED: the regulation cannot decide; a ruling
 *   is needed
 * @ATTRIB_VERDICT_STATUS_CANCELLED: the deal was cancelled (退房, 挞定) and
 *   has no attribution
 *
 * The status of a verdict.
 */
typedef enum {
  ATTRIB_VERDICT_STATUS_DECIDED,
  ATTRIB_VERDICT_STATUS_PENDING,
  ATTRIB_VERDICT_STATUS_DISPUTED,
  ATTRIB_VERDICT_STATUS_CANCELLED,
} AttribVerdictStatus;

/**
 * AttribOutcome:
 * @ATTRIB_OUTCOME_DECIDED: the clause decided the verdict
 * @ATTRIB_OUTCOME_APPLIED: the clause applied (started, renewed or ended a
 *   claim, accepted a report) without deciding the verdict by itself
 * @ATTRIB_OUTCOME_REJECTED: the clause rejected a confirmation, report or
 *   claim
 * @ATTRIB_OUTCOME_NOT_APPLICABLE: the clause was considered and does not
 *   apply
 *
 * What a clause did, in a verdict's trace.
 */
typedef enum {
  ATTRIB_OUTCOME_DECIDED,
  ATTRIB_OUTCOME_APPLIED,
  ATTRIB_OUTCOME_REJECTED,
  ATTRIB_OUTCOME_NOT_APPLICABLE, /*< nick=not_applicable >*/
} AttribOutcome;

/**
 * AttribClaimState:
 * @ATTRIB_CLAIM_STATE_ACTIVE: the claim runs at the time asked about
 * @ATTRIB_CLAIM_STATE_RENEWED: the claim ran its course and was renewed;
 *   its renewal follows
 * @ATTRIB_CLAIM_STATE_EXPIRED: the claim ran its course without renewal;
 *   the customer became public
 * @ATTRIB_CLAIM_STATE_ENDED: the claim was withdrawn early: a complaint
 *   against its party, or a sanction that forfeits it
 * @ATTRIB_CLAIM_STATE_REJECTED: the confirmation gave no claim
 * @ATTRIB_CLAIM_STATE_FUTURE: the claim starts after the time asked about
 * @ATTRIB_CLAIM_STATE_DEPARTED: the claim ended early when its holder (or
 *   the holder's group) left the project. Since: 0.2
 * @ATTRIB_CLAIM_STATE_SUPERSEDED: the claim ended early when a claim that
 *   outranks it began: a walk-in over a call (lvchen-joint 三.(一).4), the
 *   second report of the agent who brought the customer over a first
 *   report (onsite-report 1), the latest receiver of a natural visit.
 *   Since: 0.2
 * @ATTRIB_CLAIM_STATE_QUEUED: the claim waits behind another's protection
 *   and starts when that ends, at its begin (lvchen-joint 三.(二).3 A); a
 *   queued claim that has begun is %ATTRIB_CLAIM_STATE_ACTIVE. Since: 0.2
 *
 * The state of a claim (归属) at a given time: before it begins, while it
 * runs, or how it ended. Values are only ever appended.
 */
typedef enum {
  ATTRIB_CLAIM_STATE_ACTIVE,
  ATTRIB_CLAIM_STATE_RENEWED,
  ATTRIB_CLAIM_STATE_EXPIRED,
  ATTRIB_CLAIM_STATE_ENDED,
  ATTRIB_CLAIM_STATE_REJECTED,
  ATTRIB_CLAIM_STATE_FUTURE,
  ATTRIB_CLAIM_STATE_DEPARTED,
  ATTRIB_CLAIM_STATE_SUPERSEDED,
  ATTRIB_CLAIM_STATE_QUEUED,
} AttribClaimState;

/**
 * AttribProofKind:
 * @ATTRIB_PROOF_KIND_INCLUSION: an event is in a log of a given size (an
 *   audit path, RFC 9162 §2.1.3)
 * @ATTRIB_PROOF_KIND_CONSISTENCY: a log of a given size extends the log
 *   of an earlier size, nothing in it altered, inserted or removed
 *   (RFC 9162 §2.1.4)
 *
 * What an [struct@Attrib.Proof] shows about a store's event log.
 *
 * Since: 0.2
 */
typedef enum {
  ATTRIB_PROOF_KIND_INCLUSION,
  ATTRIB_PROOF_KIND_CONSISTENCY,
} AttribProofKind;

/**
 * AttribStoreFlags:
 * @ATTRIB_STORE_FLAGS_NONE: open for writing: the one writer
 * @ATTRIB_STORE_FLAGS_READ_ONLY: open for reading only, beside a writer
 *   if there is one (what `attrib store verify` does)
 *
 * How [func@Attrib.Store.open] opens a store.
 *
 * Since: 0.2
 */
typedef enum /*< flags >*/ {
  ATTRIB_STORE_FLAGS_NONE = 0,
  ATTRIB_STORE_FLAGS_READ_ONLY = 1 << 0,
} AttribStoreFlags;

G_END_DECLS
