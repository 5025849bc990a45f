/* attrib-labels.c: words for the enums, in the reader's language
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Enum nicks are the file vocabulary (`spouse`, `decided`); traces and
 * audit lines are prose, and say 配偶 and 已裁决 to a Chinese reader.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "attrib-labels-private.h"
#include "attrib-util-private.h"

const char *
_attrib_relation_label (AttribRelationKind kind)
{
  switch (kind)
    {
    case ATTRIB_RELATION_KIND_SPOUSE: return C_("relation", "spouse");
    case ATTRIB_RELATION_KIND_PARENT_CHILD: return C_("relation", "parent or child");
    case ATTRIB_RELATION_KIND_GRANDPARENT: return C_("relation", "grandparent or grandchild");
    case ATTRIB_RELATION_KIND_SIBLING: return C_("relation", "sibling");
    case ATTRIB_RELATION_KIND_PARTNER: return C_("relation", "boyfriend or girlfriend");
    case ATTRIB_RELATION_KIND_RELATIVE: return C_("relation", "relative");
    case ATTRIB_RELATION_KIND_FRIEND: return C_("relation", "friend");
    case ATTRIB_RELATION_KIND_COLLEAGUE: return C_("relation", "colleague");
    case ATTRIB_RELATION_KIND_EXECUTIVE: return C_("relation", "fellow shareholder or executive");
    case ATTRIB_RELATION_KIND_NONE:
    default:
      return C_("relation", "no relation");
    }
}

const char *
_attrib_status_label (AttribVerdictStatus status)
{
  switch (status)
    {
    case ATTRIB_VERDICT_STATUS_DECIDED: return C_("status", "decided");
    case ATTRIB_VERDICT_STATUS_PENDING: return C_("status", "pending");
    case ATTRIB_VERDICT_STATUS_DISPUTED: return C_("status", "disputed, needs a ruling");
    case ATTRIB_VERDICT_STATUS_CANCELLED: return C_("status", "cancelled");
    default: return "?";
    }
}

const char *
_attrib_outcome_label (AttribOutcome outcome)
{
  switch (outcome)
    {
    case ATTRIB_OUTCOME_DECIDED: return C_("outcome", "decides");
    case ATTRIB_OUTCOME_APPLIED: return C_("outcome", "applies");
    case ATTRIB_OUTCOME_REJECTED: return C_("outcome", "rejects");
    case ATTRIB_OUTCOME_NOT_APPLICABLE: return C_("outcome", "does not apply");
    default: return "?";
    }
}

const char *
_attrib_stage_label (AttribDealStage stage)
{
  switch (stage)
    {
    case ATTRIB_DEAL_STAGE_SUBSCRIBED: return C_("stage", "subscription");
    case ATTRIB_DEAL_STAGE_SIGNED: return C_("stage", "signing");
    case ATTRIB_DEAL_STAGE_CANCELLED: return C_("stage", "cancellation");
    case ATTRIB_DEAL_STAGE_UNIT_CHANGED: return C_("stage", "unit change");
    case ATTRIB_DEAL_STAGE_RENAMED: return C_("stage", "rename");
    case ATTRIB_DEAL_STAGE_LOAN_DISBURSED: return C_("stage", "loan disbursement");
    case ATTRIB_DEAL_STAGE_PAID: return C_("stage", "full payment");
    default: return "?";
    }
}

const char *
_attrib_line_kind_label (AttribLineKind kind)
{
  switch (kind)
    {
    case ATTRIB_LINE_KIND_COMMISSION: return C_("line", "commission");
    case ATTRIB_LINE_KIND_ADJUSTMENT: return C_("line", "adjustment");
    case ATTRIB_LINE_KIND_CLAWBACK: return C_("line", "clawback");
    case ATTRIB_LINE_KIND_BONUS: return C_("line", "bonus");
    case ATTRIB_LINE_KIND_RETENTION: return C_("line", "retention");
    case ATTRIB_LINE_KIND_RELEASE: return C_("line", "release");
    case ATTRIB_LINE_KIND_FINE: return C_("line", "fine");
    default: return "?";
    }
}

/**
 * attrib_line_kind_get_label:
 * @kind: a line kind
 *
 * The kind of a commission line in words, in the language of the current
 * locale (佣金, 追回 …).
 *
 * Returns: (transfer none): the label
 */
const char *
attrib_line_kind_get_label (AttribLineKind kind)
{
  _attrib_bind_textdomain ();
  return _attrib_line_kind_label (kind);
}

/**
 * attrib_relation_kind_get_label:
 * @kind: a relation kind
 *
 * The relation in words, in the language of the current locale (配偶 for
 * %ATTRIB_RELATION_KIND_SPOUSE under zh_CN). The nick of the enum value is
 * the word used in files.
 *
 * Returns: (transfer none): the label
 */
const char *
attrib_relation_kind_get_label (AttribRelationKind kind)
{
  _attrib_bind_textdomain ();
  return _attrib_relation_label (kind);
}

/**
 * attrib_verdict_status_get_label:
 * @status: a verdict status
 *
 * The status in words, in the language of the current locale.
 *
 * Returns: (transfer none): the label
 */
const char *
attrib_verdict_status_get_label (AttribVerdictStatus status)
{
  _attrib_bind_textdomain ();
  return _attrib_status_label (status);
}

/**
 * attrib_outcome_get_label:
 * @outcome: what a clause did
 *
 * The outcome in words, in the language of the current locale.
 *
 * Returns: (transfer none): the label
 */
const char *
attrib_outcome_get_label (AttribOutcome outcome)
{
  _attrib_bind_textdomain ();
  return _attrib_outcome_label (outcome);
}
