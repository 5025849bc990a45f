/* rotation.c: the day's order of reception turns
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `rotation` (tangba-2014 2, reception-2013 一.1): the order in which
 * the day's groups take turns at the door. It decides no claim: the
 * rotation module (attrib-rotation.c, `attrib rotation`) reads its
 * parameters to print a day's order, and the receptions it produced are
 * what the engine sees.
 */

#include "config.h"

#include "attrib-engine-private.h"

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "min_consultants", ATTRIB_PARAM_INT, "1" },
  { "deadline_minutes", ATTRIB_PARAM_INT, "1440" },
  { "busy_makes_up", ATTRIB_PARAM_BOOL, "false" },
  { "official_makes_up", ATTRIB_PARAM_BOOL, "false" },
  { "skip_clause", ATTRIB_PARAM_STRING, "\"\"" },
  { NULL }
};

const AttribClauseKind _attrib_kind_rotation = {
  .name = "rotation",
  .params = params,
  .summary = "The day's order of turns: groups with at least `min_consultants` whose roster was filed by `deadline_minutes` after midnight take turns, each as many times a round as it has consultants; skipped turns are made up where the reason allows",
  .phases = ATTRIB_PHASE_CITED,
};
