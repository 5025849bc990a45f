/* note.c: part of the regulation no rule of its own
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `note`: a clause the engine cites through another clause (the
 * clause names it in a parameter such as `conflict_clause`), or procedure
 * without a rule. It takes part in no phase of its own.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = { { NULL } };

const AttribClauseKind _attrib_kind_note = {
  .name = "note",
  .params = params,
  .summary = "Part of the regulation the engine cites through another clause, or procedure without a rule",
  .phases = ATTRIB_PHASE_CITED,
};
