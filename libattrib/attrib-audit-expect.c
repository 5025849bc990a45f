/* attrib-audit-expect.c: one expectation of a scenario, checked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * An `expect` entry (docs/audit-format.md) against what the engine, the
 * calculator or the rotation gave: the owner and shares of a deal, the
 * clauses that decided it, the status, a trace step, commission lines and
 * statements, a day's turns. Each check adds a result whose line names
 * the scenario, and whose detail says what was expected and what came.
 */

#include "config.h"

#include <string.h>

#include "attrib-audit-private.h"
#include "attrib-commission-private.h"
#include "attrib-engine-private.h"
#include "attrib-labels-private.h"
#include "attrib-loader-private.h"
#include "attrib-util-private.h"
#include "attrib-fraction-private.h"
#include "attrib-json-private.h"

static const char *expect_keys[] = {
  "deal", "owner", "shares", "performance", "commission", "clause", "status",
  "report", "accepted", "rotation", "kind", "first", "note",
  "amount", "statement", "period", "opening", "earned", "deductions", "closing", "payable", "lines", "line",
  NULL
};

/* A result of the current expectation: its note, if any, heads the detail */
static void
scenario_result (Scenario *sc,
                 gboolean  passed,
                 char     *line,
                 char     *detail)
{
  if (sc->note != NULL)
    {
      g_autofree char *note = _attrib_for_display (sc->note);
      char *with_note = g_strdup_printf (_("    note: %s\n%s"), note, detail != NULL ? detail : "");

      g_free (detail);
      detail = with_note;
    }
  _attrib_audit_add_result (sc->audit, passed, line, detail);
}

static char *
fraction_text (gint64 num,
               gint64 den)
{
  return den == 1 ? g_strdup_printf ("%" G_GINT64_FORMAT, num)
                  : g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, num, den);
}

static char *
shares_text (AttribVerdict   *verdict,
             AttribShareKind  kind)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < attrib_verdict_get_n_shares (verdict, kind); i++)
    {
      gint64 num, den;
      const char *party = attrib_verdict_get_share (verdict, kind, i, &num, &den);
      g_autofree char *shown = _attrib_for_display (party);
      g_autofree char *f = fraction_text (num, den);

      g_string_append_printf (s, "%s%s=%s", i ? ", " : "", shown, f);
    }
  if (s->len == 0)
    g_string_append (s, _("nobody"));
  return g_string_free (s, FALSE);
}

static char *
trace_text (AttribVerdict *verdict)
{
  GString *s = g_string_new (NULL);
  const char * const *clauses = attrib_verdict_get_clauses (verdict);
  g_autofree char *perf = shares_text (verdict, ATTRIB_SHARE_KIND_PERFORMANCE);
  g_autofree char *comm = shares_text (verdict, ATTRIB_SHARE_KIND_COMMISSION);
  g_autofree char *joined = g_strjoinv (", ", (char **) clauses);
  g_autofree char *clause_list = _attrib_for_display (joined);
  guint i;

  g_string_append_printf (s, _("    verdict: %s; performance %s; commission %s; clauses %s\n"),
                          _attrib_status_label (attrib_verdict_get_status (verdict)),
                          perf, comm, *clause_list ? clause_list : "-");
  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      AttribOutcome outcome;
      const char *message;
      const char *clause = attrib_verdict_get_step (verdict, i, &outcome, &message);
      g_autofree char *shown = _attrib_for_display (clause);

      g_string_append_printf (s, _("    [%s] %s: %s\n"), shown, _attrib_outcome_label (outcome), message);
    }
  return g_string_free (s, FALSE);
}

static AttribVerdict *
verdict_for (Scenario              *sc,
             const AttribJsonNode  *where,
             const char            *deal,
             GError               **error)
{
  AttribVerdict *verdict = g_hash_table_lookup (sc->verdicts, deal);
  GError *inner = NULL;

  if (verdict != NULL)
    return verdict;
  verdict = attrib_engine_attribute_deal (sc->engine, sc->ledger, deal, &inner);
  if (verdict == NULL)
    {
      _attrib_json_fail_at (error, sc->filename, where, "%s", inner->message);
      g_error_free (inner);
      return NULL;
    }
  g_hash_table_insert (sc->verdicts, g_strdup (deal), verdict);
  return verdict;
}

/* Compares a verdict's shares of @kind with an expected object
 * {party: share}; exact: the listed shares must sum to 1. */
static gboolean
check_shares (Scenario              *sc,
              AttribVerdict         *verdict,
              AttribShareKind        kind,
              const AttribJsonNode  *expected,
              GString               *what,
              GString               *got,
              GError               **error)
{
  gint64 sum_num = 0, sum_den = 1;
  gboolean ok = TRUE;
  guint i;

  if (expected->kind != ATTRIB_JSON_OBJECT || expected->object.n_members == 0)
    return _attrib_json_fail_at (error, sc->filename, expected, _("shares must be an object of party: share"));
  for (i = 0; i < expected->object.n_members; i++)
    {
      const AttribJsonMember *m = &expected->object.members[i];
      gint64 num, den, have_num, have_den;
      GError *inner = NULL;

      if (m->value->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, sc->filename, m->value, _("a share is a string: \"1/2\", \"1\" or \"50%%\""));
      if (!_attrib_fraction_parse (m->value->string.str, &num, &den, &inner))
        {
          _attrib_json_fail_at (error, sc->filename, m->value, "%s", inner->message);
          g_error_free (inner);
          return FALSE;
        }
      _attrib_fraction_add (&sum_num, &sum_den, num, den);
      attrib_verdict_get_party_share (verdict, kind, m->key, &have_num, &have_den);
      if (have_num != num || have_den != den)
        ok = FALSE;
      {
        g_autofree char *key = _attrib_for_display (m->key);
        g_autofree char *value = _attrib_for_display (m->value->string.str);

        g_string_append_printf (what, "%s%s=%s", i ? ", " : "", key, value);
      }
    }
  if (sum_num != 1 || sum_den != 1)
    {
      /* the sum of the values written: shown as they are */
      g_autofree char *sum = fraction_text (sum_num, sum_den);
      g_autofree char *shown = _attrib_for_display (sum);

      return _attrib_json_fail_at (error, sc->filename, expected, _("the expected shares sum to %s, not 1"), shown);
    }
  {
    g_autofree char *text = shares_text (verdict, kind);

    g_string_append (got, text);
  }
  return ok ? TRUE : (g_clear_error (error), FALSE);
}

/* {"rotation": "2024-03-01", "kind": "visit", "first": ["A/a01", …]} */
static gboolean
check_rotation (Scenario              *sc,
                const AttribJsonNode  *node,
                const AttribJsonNode  *date,
                GError               **error)
{
  const AttribJsonNode *kind_node = _attrib_json_object_get (node, "kind");
  const AttribJsonNode *first = _attrib_json_object_get (node, "first");
  g_autoptr(AttribRotation) rotation = attrib_rotation_new (attrib_engine_get_profile (sc->engine));
  g_autoptr(GString) want = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  g_autofree char *shown_date = NULL;
  g_auto(GStrv) turns = NULL;
  GTimeZone *tz = attrib_ledger_get_time_zone (sc->ledger);
  GError *inner = NULL;
  AttribTime t;
  int kind = ATTRIB_VISIT_KIND_VISIT;
  gboolean passed = TRUE;
  guint i;

  for (i = 0; i < node->object.n_members; i++)
    {
      const char *key = node->object.members[i].key;

      if (!g_str_equal (key, "rotation") && !g_str_equal (key, "kind") && !g_str_equal (key, "first") &&
          !g_str_equal (key, "note"))
        {
          AttribJsonNode at = { 0, };

          at.line = node->object.members[i].line;
          at.column = node->object.members[i].column;
          {
            g_autofree char *shown = _attrib_for_display (key);

            return _attrib_json_fail_at (error, sc->filename, &at,
                                         _("a rotation expectation takes “kind”, “first” and “note”, not “%s”"), shown);
          }
        }
    }

  if (date->kind != ATTRIB_JSON_STRING || strlen (date->string.str) != 10 ||
      !attrib_time_parse (date->string.str, tz, &t, NULL))
    return _attrib_json_fail_at (error, sc->filename, date, _("“rotation” is a date (YYYY-MM-DD)"));
  if (kind_node != NULL &&
      (kind_node->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_VISIT_KIND, kind_node->string.str, &kind)))
    return _attrib_json_fail_at (error, sc->filename, kind_node, _("“kind” is “visit” or “call”"));
  if (first == NULL || first->kind != ATTRIB_JSON_ARRAY || first->array.n_items == 0)
    return _attrib_json_fail_at (error, sc->filename, first != NULL ? first : node,
                                 _("a rotation expectation needs “first”: the first consultants, in order"));
  for (i = 0; i < first->array.n_items; i++)
    if (first->array.items[i]->kind != ATTRIB_JSON_STRING)
      return _attrib_json_fail_at (error, sc->filename, first->array.items[i], _("a turn is a consultant (a string)"));

  turns = attrib_rotation_get_turns (rotation, sc->ledger, attrib_time_get_local_day (t, tz), kind,
                                     first->array.n_items, &inner);
  for (i = 0; i < first->array.n_items; i++)
    {
      const char *expected = first->array.items[i]->string.str;
      g_autofree char *shown = _attrib_for_display (expected);

      g_string_append_printf (want, "%s%s", i ? " " : "", shown);
      if (turns == NULL || g_strcmp0 (turns[i], expected) != 0)
        passed = FALSE;
    }
  if (turns != NULL)
    for (i = 0; turns[i] != NULL; i++)
      {
        g_autofree char *shown = _attrib_for_display (turns[i]);

        g_string_append_printf (got, "%s%s", i ? " " : "", shown);
      }
  else
    g_string_append (got, inner->message);
  g_clear_error (&inner);

  shown_date = _attrib_for_display (date->string.str);
  if (passed)
    scenario_result (sc, TRUE, g_strdup_printf (_("ok   %s: rotation %s (%s) begins %s"), sc->name,
                                                  shown_date, _attrib_enum_nick (ATTRIB_TYPE_VISIT_KIND, kind),
                                                  want->str), NULL);
  else
    scenario_result (sc, FALSE, g_strdup_printf (_("FAIL %s: rotation %s (%s) begins %s; got %s"), sc->name,
                                                   shown_date, _attrib_enum_nick (ATTRIB_TYPE_VISIT_KIND, kind),
                                                   want->str, got->str), NULL);
  return TRUE;
}

static GPtrArray *
scenario_lines (Scenario              *sc,
                const AttribJsonNode  *where,
                GError               **error)
{
  GError *inner = NULL;

  if (sc->calculator == NULL)
    return _attrib_json_fail_at (error, sc->filename, where,
                                 _("a commission expectation needs the scenario's “plans”")), NULL;
  if (sc->lines == NULL)
    sc->lines = attrib_calculator_get_lines (sc->calculator, sc->ledger, &inner);
  if (sc->lines == NULL)
    {
      _attrib_json_fail_at (error, sc->filename, where, "%s", inner->message);
      g_error_free (inner);
    }
  return sc->lines;
}

static gboolean
parse_money_node (Scenario              *sc,
                  const AttribJsonNode  *node,
                  gint64                *out,
                  GError               **error)
{
  GError *inner = NULL;

  if (node->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, sc->filename, node, _("an amount is yuan written as a string (\"1000.00\")"));
  if (!attrib_money_parse (node->string.str, out, &inner))
    {
      _attrib_json_fail_at (error, sc->filename, node, "%s", inner->message);
      g_error_free (inner);
      return FALSE;
    }
  return TRUE;
}

/* {"deal": "D1", "amount": {"lianjia": "40625.00"}}: what each party got
 * from the deal over all lines, as of the scenario's end */
static gboolean
check_amounts (Scenario              *sc,
               const AttribJsonNode  *deal,
               const AttribJsonNode  *expected,
               GString               *what,
               GString               *got,
               gboolean              *passed,
               GError               **error)
{
  GPtrArray *lines;
  guint i, j;

  if (expected->kind != ATTRIB_JSON_OBJECT || expected->object.n_members == 0)
    return _attrib_json_fail_at (error, sc->filename, expected, _("“amount” is an object of party: amount"));
  if ((lines = scenario_lines (sc, expected, error)) == NULL)
    return FALSE;
  g_string_append (what, _(" amount"));
  for (i = 0; i < expected->object.n_members; i++)
    {
      const AttribJsonMember *m = &expected->object.members[i];
      gint64 want, have = 0;
      g_autofree char *have_text = NULL;
      g_autofree char *shown_key = NULL;
      g_autofree char *shown_value = NULL;

      if (!parse_money_node (sc, m->value, &want, error))
        return FALSE;
      for (j = 0; j < lines->len; j++)
        {
          AttribCommissionLine *line = g_ptr_array_index (lines, j);

          if (g_strcmp0 (attrib_commission_line_get_deal (line), deal->string.str) == 0 &&
              g_str_equal (attrib_commission_line_get_party (line), m->key))
            have += attrib_commission_line_get_amount (line);
        }
      shown_key = _attrib_for_display (m->key);
      shown_value = _attrib_for_display (m->value->string.str);
      g_string_append_printf (what, " %s=%s", shown_key, shown_value);
      if (have != want)
        {
          have_text = attrib_money_format (have);
          *passed = FALSE;
          g_string_append_printf (got, " %s=%s", shown_key, have_text);
        }
    }
  return TRUE;
}

static gboolean
line_matches (Scenario              *sc,
              AttribCommissionLine  *line,
              const AttribJsonNode  *pattern,
              GError               **error)
{
  guint i;

  for (i = 0; i < pattern->object.n_members; i++)
    {
      const AttribJsonMember *m = &pattern->object.members[i];
      const char *have = NULL;
      gint64 fen;

      if (g_str_equal (m->key, "amount"))
        {
          if (!parse_money_node (sc, m->value, &fen, error))
            return FALSE;
          if (attrib_commission_line_get_amount (line) != fen)
            return FALSE;
          continue;
        }
      if (g_str_equal (m->key, "deal"))
        have = attrib_commission_line_get_deal (line);
      else if (g_str_equal (m->key, "kind"))
        have = _attrib_enum_nick (ATTRIB_TYPE_LINE_KIND, attrib_commission_line_get_kind (line));
      else if (g_str_equal (m->key, "milestone"))
        have = attrib_commission_line_get_milestone (line);
      else if (g_str_equal (m->key, "rule"))
        have = attrib_commission_line_get_rule (line);
      else if (g_str_equal (m->key, "plan"))
        have = attrib_commission_line_get_plan (line);
      else if (g_str_equal (m->key, "event"))
        have = attrib_commission_line_get_event (line);
      if (m->value->kind != ATTRIB_JSON_STRING || g_strcmp0 (have, m->value->string.str) != 0)
        return FALSE;
    }
  return TRUE;
}

/* {"statement": "lianjia", "period": "2024-03", "payable": "…", "line": {…}} */
static gboolean
check_statement (Scenario              *sc,
                 const AttribJsonNode  *node,
                 const AttribJsonNode  *party,
                 GError               **error)
{
  static const char *fields[] = { "opening", "earned", "deductions", "closing", "payable" };
  static const char *field_labels[] = {
    NC_("statement", "opening"), NC_("statement", "earned"), NC_("statement", "deductions"),
    NC_("statement", "closing"), NC_("statement", "payable"),
  };
  static const char *line_keys[] = { "deal", "kind", "milestone", "amount", "rule", "plan", "event", NULL };
  const AttribJsonNode *period = _attrib_json_object_get (node, "period");
  const AttribJsonNode *v;
  g_autoptr(AttribStatement) statement = NULL;
  g_autoptr(GString) what = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  GError *inner = NULL;
  gboolean passed = TRUE, any = FALSE;
  guint i, k;

  if (party->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, sc->filename, party, _("“statement” is the party it is for (a string)"));
  if (period == NULL || period->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, sc->filename, period != NULL ? period : node,
                                 _("a statement expectation needs its “period” (YYYY-MM)"));
  if (sc->calculator == NULL)
    return _attrib_json_fail_at (error, sc->filename, party, _("a commission expectation needs the scenario's “plans”"));
  for (i = 0; i < node->object.n_members; i++)
    {
      const char *key = node->object.members[i].key;

      if (!g_str_equal (key, "statement") && !g_str_equal (key, "period") && !g_str_equal (key, "note") &&
          !g_str_equal (key, "lines") && !g_str_equal (key, "line") && !g_strv_contains (fields, key))
        {
          AttribJsonNode at = { 0, };

          at.line = node->object.members[i].line;
          at.column = node->object.members[i].column;
          {
            g_autofree char *shown = _attrib_for_display (key);

            return _attrib_json_fail_at (error, sc->filename, &at, _("a statement expectation does not take “%s”"), shown);
          }
        }
    }
  statement = attrib_calculator_get_statement (sc->calculator, sc->ledger, party->string.str, period->string.str, &inner);
  if (statement == NULL)
    {
      _attrib_json_fail_at (error, sc->filename, period, "%s", inner->message);
      g_error_free (inner);
      return FALSE;
    }

  {
    g_autofree char *shown_party = _attrib_for_display (party->string.str);
    g_autofree char *shown_period = _attrib_for_display (period->string.str);

    g_string_append_printf (what, _("statement %s %s:"), shown_party, shown_period);
  }
  for (k = 0; k < G_N_ELEMENTS (fields); k++)
    {
      gint64 want, values[] = {
        attrib_statement_get_opening (statement), attrib_statement_get_earned (statement),
        attrib_statement_get_deductions (statement), attrib_statement_get_closing (statement),
        attrib_statement_get_payable (statement),
      };

      if ((v = _attrib_json_object_get (node, fields[k])) == NULL)
        continue;
      any = TRUE;
      if (!parse_money_node (sc, v, &want, error))
        return FALSE;
      g_string_append_printf (what, " %s %s", g_dpgettext2 (GETTEXT_PACKAGE, "statement", field_labels[k]),
                              v->string.str);
      if (values[k] != want)
        {
          g_autofree char *text = attrib_money_format (values[k]);

          passed = FALSE;
          g_string_append_printf (got, " %s %s", g_dpgettext2 (GETTEXT_PACKAGE, "statement", field_labels[k]), text);
        }
    }
  if ((v = _attrib_json_object_get (node, "lines")) != NULL)
    {
      gint64 n;

      any = TRUE;
      if (v->kind != ATTRIB_JSON_NUMBER || !_attrib_json_number_get_int64 (v, &n) || n < 0)
        return _attrib_json_fail_at (error, sc->filename, v, _("“lines” is the number of lines"));
      n = MIN (n, G_MAXUINT);
      g_string_append_printf (what, g_dngettext (GETTEXT_PACKAGE, " %u line", " %u lines", n), (guint) n);
      if (attrib_statement_get_n_lines (statement) != n)
        {
          guint have = attrib_statement_get_n_lines (statement);

          passed = FALSE;
          g_string_append_printf (got, g_dngettext (GETTEXT_PACKAGE, " %u line", " %u lines", have), have);
        }
    }
  if ((v = _attrib_json_object_get (node, "line")) != NULL)
    {
      gboolean found = FALSE;

      any = TRUE;
      if (v->kind != ATTRIB_JSON_OBJECT || v->object.n_members == 0)
        return _attrib_json_fail_at (error, sc->filename, v, _("“line” is an object of what the line has: deal, kind, amount …"));
      for (i = 0; i < v->object.n_members; i++)
        if (!g_strv_contains (line_keys, v->object.members[i].key))
          {
            g_autofree char *shown = _attrib_for_display (v->object.members[i].key);

            return _attrib_json_fail_at (error, sc->filename, v->object.members[i].value,
                                         _("a line is matched on deal, kind, milestone, amount, rule, plan or event, not “%s”"),
                                         shown);
          }
      for (i = 0; !found && i < attrib_statement_get_n_lines (statement); i++)
        {
          gboolean m = line_matches (sc, attrib_statement_get_line (statement, i), v, &inner);

          if (inner != NULL)
            {
              g_propagate_error (error, inner);
              return FALSE;
            }
          found = m;
        }
      g_string_append (what, _(" with a line"));
      for (i = 0; i < v->object.n_members; i++)
        if (v->object.members[i].value->kind == ATTRIB_JSON_STRING)
          {
            g_autofree char *shown_key = _attrib_for_display (v->object.members[i].key);
            g_autofree char *shown_value = _attrib_for_display (v->object.members[i].value->string.str);

            g_string_append_printf (what, " %s=%s", shown_key, shown_value);
          }
      if (!found)
        {
          passed = FALSE;
          g_string_append (got, _(" no such line"));
        }
    }
  if (!any)
    return _attrib_json_fail_at (error, sc->filename, node, _("a statement expectation needs “payable”, “opening”, "
                                   "“earned”, “deductions”, “closing”, “lines” or “line”"));

  if (passed)
    {
      g_autofree char *json = attrib_statement_to_json (statement);

      scenario_result (sc, TRUE, g_strdup_printf (_("ok   %s: %s"), sc->name, what->str), g_strdup_printf ("    %s\n", json));
    }
  else
    {
      g_autofree char *json = attrib_statement_to_json (statement);

      scenario_result (sc, FALSE, g_strdup_printf (_("FAIL %s: %s; got%s"), sc->name, what->str, got->str),
                       g_strdup_printf ("    %s\n", json));
    }
  return TRUE;
}

gboolean
_attrib_audit_check_expectation (Scenario              *sc,
                   const AttribJsonNode  *node,
                   guint                  number,
                   GError               **error)
{
  const AttribJsonNode *deal, *report, *v;
  g_autoptr(GString) what = g_string_new (NULL);
  g_autoptr(GString) got = g_string_new (NULL);
  AttribVerdict *verdict = NULL;
  gboolean passed = TRUE;
  guint i;

  if (node->kind != ATTRIB_JSON_OBJECT)
    return _attrib_json_fail_at (error, sc->filename, node, _("an expectation must be an object"));
  for (i = 0; i < node->object.n_members; i++)
    if (!g_strv_contains (expect_keys, node->object.members[i].key))
      {
        AttribJsonNode at = { 0, };

        at.line = node->object.members[i].line;
        at.column = node->object.members[i].column;
        {
          g_autofree char *shown = _attrib_for_display (node->object.members[i].key);

          return _attrib_json_fail_at (error, sc->filename, &at, _("unknown key “%s” in an expectation"), shown);
        }
      }

  v = _attrib_json_object_get (node, "note");
  if (v != NULL && v->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, sc->filename, v, _("“note” is free text (a string)"));
  sc->note = v != NULL ? v->string.str : NULL;

  deal = _attrib_json_object_get (node, "deal");
  report = _attrib_json_object_get (node, "report");

  if ((v = _attrib_json_object_get (node, "rotation")) != NULL)
    return check_rotation (sc, node, v, error);
  if ((v = _attrib_json_object_get (node, "statement")) != NULL)
    return check_statement (sc, node, v, error);

  if (deal != NULL)
    {
      static const char *deal_checks[] = { "owner", "shares", "performance", "commission", "clause", "status", "amount", NULL };
      gboolean any = FALSE;

      if (deal->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, sc->filename, deal, _("“deal” is a deal id (a string)"));
      for (i = 0; i < node->object.n_members; i++)
        {
          const AttribJsonMember *m = &node->object.members[i];

          if (!g_str_equal (m->key, "deal") && !g_str_equal (m->key, "note") && !g_strv_contains (deal_checks, m->key))
            {
              AttribJsonNode at = { 0, };

              /* it would not be checked: a reader would think it was */
              at.line = m->line;
              at.column = m->column;
              {
                g_autofree char *shown = _attrib_for_display (m->key);

                return _attrib_json_fail_at (error, sc->filename, &at, _("an expectation on a deal does not take “%s”"),
                                             shown);
              }
            }
        }
      for (i = 0; deal_checks[i] != NULL; i++)
        any |= _attrib_json_object_get (node, deal_checks[i]) != NULL;
      if (!any)
        return _attrib_json_fail_at (error, sc->filename, node, _("an expectation on a deal needs “owner”, “shares”, “performance”, "
                          "“commission”, “clause”, “status” or “amount”"));
      verdict = verdict_for (sc, deal, deal->string.str, error);
      if (verdict == NULL)
        return FALSE;
      {
        g_autofree char *shown = _attrib_for_display (deal->string.str);

        g_string_append (what, shown);
      }

      if ((v = _attrib_json_object_get (node, "owner")) != NULL)
        {
          gint64 pn, pd, cn, cd;

          if (v->kind != ATTRIB_JSON_STRING)
            return _attrib_json_fail_at (error, sc->filename, v, _("“owner” is a party (a string)"));
          attrib_verdict_get_party_share (verdict, ATTRIB_SHARE_KIND_PERFORMANCE, v->string.str, &pn, &pd);
          attrib_verdict_get_party_share (verdict, ATTRIB_SHARE_KIND_COMMISSION, v->string.str, &cn, &cd);
          {
            g_autofree char *shown = _attrib_for_display (v->string.str);

            g_string_append_printf (what, _(" owner %s"), shown);
          }
          if (pn != 1 || pd != 1 || cn != 1 || cd != 1)
            {
              g_autofree char *text = shares_text (verdict, ATTRIB_SHARE_KIND_PERFORMANCE);

              passed = FALSE;
              g_string_append_printf (got, _(" performance %s"), text);
            }
        }
      if ((v = _attrib_json_object_get (node, "shares")) != NULL)
        {
          GError *inner = NULL;
          g_autoptr(GString) w = g_string_new (NULL);
          g_autoptr(GString) g = g_string_new (NULL);
          gboolean ok = check_shares (sc, verdict, ATTRIB_SHARE_KIND_PERFORMANCE, v, w, g, &inner);

          if (inner != NULL)
            {
              g_propagate_error (error, inner);
              return FALSE;
            }
          {
            g_autoptr(GString) w2 = g_string_new (NULL);
            g_autoptr(GString) g2 = g_string_new (NULL);

            ok &= check_shares (sc, verdict, ATTRIB_SHARE_KIND_COMMISSION, v, w2, g2, NULL);
          }
          g_string_append_printf (what, _(" shares %s"), w->str);
          if (!ok)
            {
              g_autofree char *comm = shares_text (verdict, ATTRIB_SHARE_KIND_COMMISSION);

              passed = FALSE;
              g_string_append_printf (got, _(" performance %s, commission %s"), g->str, comm);
            }
        }
      for (i = 0; i < 2; i++)
        {
          const char *key = i == 0 ? "performance" : "commission";

          if ((v = _attrib_json_object_get (node, key)) != NULL)
            {
              GError *inner = NULL;
              g_autoptr(GString) w = g_string_new (NULL);
              g_autoptr(GString) g = g_string_new (NULL);

              if (!check_shares (sc, verdict, i == 0 ? ATTRIB_SHARE_KIND_PERFORMANCE : ATTRIB_SHARE_KIND_COMMISSION,
                                 v, w, g, &inner))
                {
                  if (inner != NULL)
                    {
                      g_propagate_error (error, inner);
                      return FALSE;
                    }
                  passed = FALSE;
                  g_string_append_printf (got, i == 0 ? _(" performance %s") : _(" commission %s"), g->str);
                }
              g_string_append_printf (what, i == 0 ? _(" performance %s") : _(" commission %s"), w->str);
            }
        }
      if ((v = _attrib_json_object_get (node, "clause")) != NULL)
        {
          if (v->kind != ATTRIB_JSON_STRING)
            return _attrib_json_fail_at (error, sc->filename, v, _("“clause” is a clause id (a string)"));
          {
            g_autofree char *shown = _attrib_for_display (v->string.str);

            g_string_append_printf (what, _(" by clause %s"), shown);
          }
          if (!g_strv_contains (attrib_verdict_get_clauses (verdict), v->string.str))
            {
              g_autofree char *list = g_strjoinv (", ", (char **) attrib_verdict_get_clauses (verdict));

              passed = FALSE;
              {
                g_autofree char *shown = _attrib_for_display (list);

                g_string_append_printf (got, _(" clauses %s"), *shown ? list : "-");
              }
            }
        }
      if ((v = _attrib_json_object_get (node, "amount")) != NULL &&
          !check_amounts (sc, deal, v, what, got, &passed, error))
        return FALSE;
      if ((v = _attrib_json_object_get (node, "status")) != NULL)
        {
          int status;

          if (v->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_VERDICT_STATUS, v->string.str, &status))
            return _attrib_json_fail_at (error, sc->filename, v, _("“status” is “decided”, “pending”, “disputed” or “cancelled”"));
          {
            g_autofree char *shown = _attrib_for_display (v->string.str);

            g_string_append_printf (what, _(" status %s"), shown);
          }
          if ((int) attrib_verdict_get_status (verdict) != status)
            {
              passed = FALSE;
              g_string_append_printf (got, _(" status %s"),
                                      _attrib_enum_nick (ATTRIB_TYPE_VERDICT_STATUS, attrib_verdict_get_status (verdict)));
            }
        }
    }
  else if (report != NULL)
    {
      const AttribJsonNode *accepted = _attrib_json_object_get (node, "accepted");
      g_autofree char *reason = NULL;
      GError *inner = NULL;
      gboolean is_accepted;

      if (report->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, sc->filename, report, _("“report” is a report event id (a string)"));
      for (i = 0; i < node->object.n_members; i++)
        {
          const AttribJsonMember *m = &node->object.members[i];

          if (!g_str_equal (m->key, "report") && !g_str_equal (m->key, "accepted") && !g_str_equal (m->key, "note"))
            {
              AttribJsonNode at = { 0, };

              at.line = m->line;
              at.column = m->column;
              {
                g_autofree char *shown = _attrib_for_display (m->key);

                return _attrib_json_fail_at (error, sc->filename, &at,
                                             _("an expectation on a report takes “accepted” and “note”, not “%s”"), shown);
              }
            }
        }
      if (accepted == NULL || accepted->kind != ATTRIB_JSON_BOOLEAN)
        return _attrib_json_fail_at (error, sc->filename, node, _("an expectation on a report needs “accepted”: true or false"));
      if (!attrib_engine_check_report (sc->engine, sc->ledger, report->string.str, &is_accepted, &reason, &inner))
        {
          _attrib_json_fail_at (error, sc->filename, report, "%s", inner->message);
          g_error_free (inner);
          return FALSE;
        }
      {
        g_autofree char *shown = _attrib_for_display (report->string.str);

        g_string_append_printf (what, accepted->boolean ? _("report %s accepted") : _("report %s rejected"),
                                shown);
      }
      if (is_accepted != accepted->boolean)
        {
          passed = FALSE;
          if (is_accepted)
            g_string_append (got, _(" accepted"));
          else
            g_string_append_printf (got, _(" rejected: %s"), reason);
        }
    }
  else
    return _attrib_json_fail_at (error, sc->filename, node, _("an expectation names a “deal”, a “report” or a “rotation”"));

  /* where performance and commission part ways (a follow-up split, a
   * poaching), the line shows both, whatever the expectation checked */
  if (verdict != NULL &&
      (_attrib_json_object_get (node, "performance") == NULL || _attrib_json_object_get (node, "commission") == NULL))
    {
      g_autofree char *perf = shares_text (verdict, ATTRIB_SHARE_KIND_PERFORMANCE);
      g_autofree char *comm = shares_text (verdict, ATTRIB_SHARE_KIND_COMMISSION);

      if (!g_str_equal (perf, comm))
        g_string_append_printf (what, _(" [performance %s; commission %s]"), perf, comm);
    }

  if (passed)
    scenario_result (sc, TRUE, g_strdup_printf (_("ok   %s: %s"), sc->name, what->str),
                     verdict != NULL ? trace_text (verdict) : NULL);
  else
    scenario_result (sc, FALSE, g_strdup_printf (_("FAIL %s: %s; got%s"), sc->name, what->str, got->str),
                     verdict != NULL ? trace_text (verdict) : NULL);
  return TRUE;
}
