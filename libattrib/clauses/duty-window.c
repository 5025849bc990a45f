/* duty-window.c: new customers received on duty
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Kind `duty_window` (first-contact (二)6 lunch duty, lvchen-joint
 * 二.(一).4 outside working hours): a new customer first received between
 * `from_minutes` and `to_minutes` after local midnight belongs to whoever
 * received them on duty; the rotation does not assign them. A window with
 * `from_minutes` after `to_minutes` runs over midnight (18:00 to 09:00).
 */

#include "config.h"

#include "attrib-engine-private.h"

static gboolean
in_window (AttribRun          *run,
           const AttribClause *clause,
           AttribTime          t)
{
  gint32 day = attrib_time_get_local_day (t, run->tz);
  gint64 minute = (t - attrib_time_day_start (day, run->tz)) / (60 * G_USEC_PER_SEC);
  gint64 from = _attrib_clause_get_int (clause, "from_minutes");
  gint64 to = _attrib_clause_get_int (clause, "to_minutes");

  if (from <= to)
    return minute >= from && minute < to;
  return minute >= from || minute < to;
}

const AttribClause *
_attrib_duty_window_at (AttribRun  *run,
                        AttribTime  t)
{
  guint k;

  for (k = 0; k < _attrib_profile_get_n_clauses (run->profile); k++)
    {
      const AttribClause *c = _attrib_profile_get_clause (run->profile, k);

      if (g_str_equal (c->kind->name, "duty_window") && in_window (run, c, t))
        return c;
    }
  return NULL;
}

/* ------------------------------------------------------------------ */

static const AttribParamSpec params[] = {
  { "from_minutes", ATTRIB_PARAM_INT, NULL },
  { "to_minutes", ATTRIB_PARAM_INT, NULL },
  { NULL }
};

const AttribClauseKind _attrib_kind_duty_window = {
  .name = "duty_window",
  .params = params,
  .summary = "A new customer first received in this daily window (lunch duty, outside working hours) belongs to whoever was on duty, outside the rotation",
  .phases = ATTRIB_PHASE_CITED,
};
