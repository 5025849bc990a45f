/* attrib-statement.c: a party's commission for a month
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "attrib-sha256-private.h"
#include "attrib-commission-line-private.h"
#include "attrib-event-private.h"
#include "attrib-json-private.h"
#include "attrib-statement-private.h"
#include "attrib-util-private.h"

/**
 * AttribStatement:
 *
 * A party's commission statement (结佣对账单) for one month: the balance
 * carried in (a clawback that exceeded a month's earnings is owed into the
 * next), the month's lines, what was earned and what was deducted (fines,
 * retentions), the closing balance and what is payable. A statement with a
 * negative closing balance pays nothing and carries the balance into the
 * next month.
 *
 * Every amount is integer fen. The fingerprint covers the plans the
 * lines were worked out under, the verdicts of the deals as of the end of
 * the month and the lines, so the same ledger and plans give
 * byte-identical statements, and events dated after the month leave them
 * so.
 */

struct _AttribStatement
{
  gatomicrefcount ref_count;
  char *party;
  char *period;
  gint64 opening;
  GPtrArray *lines;          /* AttribCommissionLine */
  gint64 earned;
  gint64 deductions;
  gint64 closing;
  gint64 payable;
  char *fingerprint;
};

G_DEFINE_BOXED_TYPE (AttribStatement, attrib_statement, attrib_statement_ref, attrib_statement_unref)

AttribStatement *
_attrib_statement_new (const char *party,
                       const char *period,
                       gint64      opening,
                       GPtrArray  *lines,
                       const char *inputs)
{
  AttribStatement *self = g_new0 (AttribStatement, 1);
  g_autoptr(GString) text = g_string_new (inputs);
  g_autofree char *digest = NULL;
  guint i;

  g_atomic_ref_count_init (&self->ref_count);
  self->party = g_strdup (party);
  self->period = g_strdup (period);
  self->opening = opening;
  self->lines = g_ptr_array_ref (lines);
  for (i = 0; i < lines->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (lines, i);

      /* sums of fen stay far inside gint64 for any real project; the
       * calculator checked every line's amount */
      if (line->kind == ATTRIB_LINE_KIND_FINE || line->kind == ATTRIB_LINE_KIND_RETENTION)
        self->deductions += line->amount;
      else
        self->earned += line->amount;
      g_string_append_c (text, '\n');
      _attrib_commission_line_append_canonical (line, text);
    }
  self->closing = opening + self->earned + self->deductions;
  self->payable = MAX (self->closing, 0);
  g_string_append_printf (text, "\n{\"party\": ");
  _attrib_json_append_string (text, party);
  g_string_append_printf (text, ", \"period\": \"%s\", \"opening\": %" G_GINT64_FORMAT "}", period, opening);
  digest = _attrib_sha256_text (text->str, text->len);
  self->fingerprint = g_strdup (digest);
  return self;
}

/**
 * attrib_statement_ref:
 * @self: a statement
 *
 * Acquires a reference.
 *
 * Returns: (transfer full): @self
 */
AttribStatement *
attrib_statement_ref (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * attrib_statement_unref:
 * @self: (transfer full): a statement
 *
 * Releases a reference; the last one frees the statement.
 */
void
attrib_statement_unref (AttribStatement *self)
{
  g_return_if_fail (self != NULL);
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->party);
  g_free (self->period);
  g_ptr_array_unref (self->lines);
  g_free (self->fingerprint);
  g_free (self);
}

/**
 * attrib_statement_get_party:
 * @self: a statement
 *
 * Whom the statement is for.
 *
 * Returns: (transfer none): the party
 */
const char *
attrib_statement_get_party (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->party;
}

/**
 * attrib_statement_get_period:
 * @self: a statement
 *
 * The month, `YYYY-MM`.
 *
 * Returns: (transfer none): the period
 */
const char *
attrib_statement_get_period (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->period;
}

/**
 * attrib_statement_get_opening:
 * @self: a statement
 *
 * The balance carried in from the month before, in fen: 0, or negative
 * when earlier clawbacks exceeded what was earned.
 *
 * Returns: the opening balance in fen
 */
gint64
attrib_statement_get_opening (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->opening;
}

/**
 * attrib_statement_get_n_lines:
 * @self: a statement
 *
 * The number of the month's lines.
 *
 * Returns: the number of lines
 */
guint
attrib_statement_get_n_lines (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lines->len;
}

/**
 * attrib_statement_get_line:
 * @self: a statement
 * @index: the line's position, below [method@Attrib.Statement.get_n_lines]
 *
 * A line of the month, in canonical order (time, deal, party, stage).
 *
 * Returns: (transfer none): the line
 */
AttribCommissionLine *
attrib_statement_get_line (AttribStatement *self,
                           guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);
  return g_ptr_array_index (self->lines, index);
}

/**
 * attrib_statement_get_earned:
 * @self: a statement
 *
 * The sum of the month's commissions, bonuses, adjustments, clawbacks and
 * releases, in fen.
 *
 * Returns: the amount earned in fen (negative if clawbacks outweigh)
 */
gint64
attrib_statement_get_earned (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->earned;
}

/**
 * attrib_statement_get_deductions:
 * @self: a statement
 *
 * The sum of the month's fines and retentions, in fen.
 *
 * Returns: the deductions in fen (zero or negative)
 */
gint64
attrib_statement_get_deductions (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->deductions;
}

/**
 * attrib_statement_get_closing:
 * @self: a statement
 *
 * Opening balance plus earned plus deductions, in fen.
 *
 * Returns: the closing balance in fen
 */
gint64
attrib_statement_get_closing (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->closing;
}

/**
 * attrib_statement_get_payable:
 * @self: a statement
 *
 * What the developer pays the party for the month: the closing balance if
 * positive, else nothing (the balance is carried into the next month).
 *
 * Returns: the amount payable in fen
 */
gint64
attrib_statement_get_payable (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->payable;
}

/**
 * attrib_statement_get_fingerprint:
 * @self: a statement
 *
 * `sha256:` and the hex SHA-256 of the canonical text of the statement's
 * inputs (the plans its lines were worked out under, the verdicts as of
 * the end of the month) and of its lines and balances
 * ([Determinism and fingerprints](determinism.html), *Statement fingerprints*).
 *
 * Returns: (transfer none): the fingerprint
 */
const char *
attrib_statement_get_fingerprint (AttribStatement *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fingerprint;
}

static void
append_money (GString    *out,
              const char *key,
              gint64      fen)
{
  g_autofree char *text = attrib_money_format (fen);

  g_string_append_printf (out, ", \"%s\": \"%s\"", key, text);
}

static char *
rate_text (AttribCommissionLine *line)
{
  return line->rate_num != 0 ? _attrib_rate_text (line->rate_num, line->rate_den) : NULL;
}

/**
 * attrib_statement_to_json:
 * @self: a statement
 *
 * The statement as JSON: party, period, balances as yuan strings, and the
 * lines, with the fingerprint ([Commission and statements](commission.html)).
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_statement_to_json (AttribStatement *self)
{
  GString *out;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("{\"party\": ");
  _attrib_json_append_string (out, self->party);
  g_string_append_printf (out, ", \"period\": \"%s\"", self->period);
  append_money (out, "opening", self->opening);
  g_string_append (out, ", \"lines\": [");
  for (i = 0; i < self->lines->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (self->lines, i);
      g_autofree char *rate = rate_text (line);

      g_string_append_printf (out, "%s{\"at\": \"%s\", \"kind\": \"%s\"", i ? ", " : "", line->at_text,
                              _attrib_enum_nick (ATTRIB_TYPE_LINE_KIND, line->kind));
      if (line->deal != NULL)
        {
          g_string_append (out, ", \"deal\": ");
          _attrib_json_append_string (out, line->deal);
        }
      if (line->milestone != NULL)
        g_string_append_printf (out, ", \"milestone\": \"%s\"", line->milestone);
      if (line->basis != 0)
        append_money (out, "basis", line->basis);
      if (rate != NULL)
        g_string_append_printf (out, ", \"rate\": \"%s\"", rate);
      g_string_append_printf (out, ", \"share\": \"%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "\"", line->share_num,
                              line->share_den);
      append_money (out, "amount", line->amount);
      g_string_append (out, ", \"plan\": ");
      _attrib_json_append_string (out, line->plan);
      g_string_append (out, ", \"rule\": ");
      _attrib_json_append_string (out, line->rule);
      if (line->event != NULL)
        {
          g_string_append (out, ", \"event\": ");
          _attrib_json_append_string (out, line->event);
        }
      g_string_append (out, ", \"explanation\": ");
      _attrib_json_append_string (out, line->explanation);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  append_money (out, "earned", self->earned);
  append_money (out, "deductions", self->deductions);
  append_money (out, "closing", self->closing);
  append_money (out, "payable", self->payable);
  g_string_append_printf (out, ", \"fingerprint\": \"%s\"}", self->fingerprint);
  return g_string_free (out, FALSE);
}

static void
csv_field (GString    *out,
           const char *text)
{
  const char *p;

  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * attrib_statement_to_csv:
 * @self: a statement
 *
 * The statement as CSV (RFC 4180, UTF-8): a header, one row per line, and
 * rows for the opening balance, earned, deductions, closing and payable
 * (their `kind` column says which). Amounts are yuan with two decimals.
 *
 * Returns: (transfer full): the CSV text
 */
char *
attrib_statement_to_csv (AttribStatement *self)
{
  static const char *totals[] = { "opening", "earned", "deductions", "closing", "payable" };
  GString *out;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new ("party,period,at,kind,deal,milestone,basis,rate,share,amount,plan,rule,event,explanation\r\n");
  for (i = 0; i < self->lines->len; i++)
    {
      AttribCommissionLine *line = g_ptr_array_index (self->lines, i);
      const char *at = line->at_text;
      g_autofree char *basis = line->basis != 0 ? attrib_money_format (line->basis) : NULL;
      g_autofree char *rate = rate_text (line);
      g_autofree char *share = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, line->share_num, line->share_den);
      g_autofree char *amount = attrib_money_format (line->amount);
      const char *fields[] = {
        self->party, self->period, at, _attrib_enum_nick (ATTRIB_TYPE_LINE_KIND, line->kind), line->deal,
        line->milestone, basis, rate, share, amount, line->plan, line->rule, line->event, line->explanation,
      };
      guint f;

      for (f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          if (f > 0)
            g_string_append_c (out, ',');
          csv_field (out, fields[f]);
        }
      g_string_append (out, "\r\n");
    }
  for (i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      gint64 values[] = { self->opening, self->earned, self->deductions, self->closing, self->payable };
      g_autofree char *amount = attrib_money_format (values[i]);

      csv_field (out, self->party);
      g_string_append_c (out, ',');
      csv_field (out, self->period);
      g_string_append_printf (out, ",,%s,,,,,,%s,,,,\r\n", totals[i], amount);
    }
  return g_string_free (out, FALSE);
}
