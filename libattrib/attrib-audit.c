/* attrib-audit.c: running the rule audits
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
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
#include "attrib-read-private.h"

/**
 * AttribAudit:
 *
 * Runs audit scenarios — the files of [Audit scenario format](audit-format.html) in which a
 * legal or channel manager states what a regulation demands — and keeps
 * one result per expectation.
 *
 * Each result has a line (`ok …` or `FAIL …`) and a detail: the
 * expectation's `note` and the verdict's trace, which `attrib audit`
 * prints under a failure (and, with `--verbose`, under a pass). A file that does not parse or breaks the format is an
 * error with `file:line:column` and counts as one failed result. The
 * `attrib audit` command prints exactly these lines.
 */

G_DEFINE_FINAL_TYPE (AttribAudit, attrib_audit, G_TYPE_OBJECT)

static void
result_clear (gpointer data)
{
  Result *r = data;

  g_free (r->line);
  g_free (r->detail);
}

static void
attrib_audit_finalize (GObject *object)
{
  AttribAudit *self = ATTRIB_AUDIT (object);

  g_array_unref (self->results);
  G_OBJECT_CLASS (attrib_audit_parent_class)->finalize (object);
}

static void
attrib_audit_class_init (AttribAuditClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attrib_audit_finalize;
  _attrib_bind_textdomain ();
}

static void
attrib_audit_init (AttribAudit *self)
{
  self->results = g_array_new (FALSE, TRUE, sizeof (Result));
  g_array_set_clear_func (self->results, result_clear);
}

/**
 * attrib_audit_new:
 *
 * Creates an audit with no results.
 *
 * Returns: (transfer full): a new audit
 */
AttribAudit *
attrib_audit_new (void)
{
  return g_object_new (ATTRIB_TYPE_AUDIT, NULL);
}

void
_attrib_audit_add_result (AttribAudit *self,
            gboolean     passed,
            char        *line,
            char        *detail)
{
  Result r = { passed, line, detail };

  g_array_append_val (self->results, r);
  if (passed)
    self->n_passed++;
  else
    self->n_failed++;
}

static gboolean
run_scenario (AttribAudit  *self,
              const char   *data,
              gsize         length,
              const char   *filename,
              const char   *base_dir,
              GError      **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GHashTable) verdicts = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(AttribCalculator) calculator = NULL;
  g_autofree char *name = g_path_get_basename (filename);
  const AttribJsonNode *expect;
  guint before, passed, failed, i;
  Scenario sc;

  if (!_attrib_audit_load_scenario (data, length, filename, base_dir, TRUE, &doc, &profile, &ledger, &plans, error))
    return FALSE;
  expect = _attrib_json_object_get (_attrib_json_document_get_root (doc), "expect");
  engine = attrib_engine_new (profile);
  /* expectations cite the trace, and a failure prints it */
  attrib_engine_set_defer_traces (engine, FALSE);
  verdicts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) attrib_verdict_unref);

  sc.audit = self;
  sc.filename = filename;
  sc.name = name;
  sc.ledger = ledger;
  sc.engine = engine;
  sc.verdicts = verdicts;
  sc.calculator = NULL;
  sc.lines = NULL;
  if (plans->len > 0)
    {
      calculator = attrib_calculator_new (profile);
      for (i = 0; i < plans->len; i++)
        if (!attrib_calculator_add_plan (calculator, g_ptr_array_index (plans, i), error))
          {
            g_prefix_error (error, "%s: ", filename);
            return FALSE;
          }
      sc.calculator = calculator;
    }

  /* a broken expectation is an error of the file: none of its results count */
  before = self->results->len;
  passed = self->n_passed;
  failed = self->n_failed;
  for (i = 0; i < expect->array.n_items; i++)
    if (!_attrib_audit_check_expectation (&sc, expect->array.items[i], i + 1, error))
      {
        g_array_set_size (self->results, before);
        self->n_passed = passed;
        self->n_failed = failed;
        g_clear_pointer (&sc.lines, g_ptr_array_unref);
        return FALSE;
      }
  g_clear_pointer (&sc.lines, g_ptr_array_unref);
  return TRUE;
}

static void
add_file_error (AttribAudit *self,
                GError      *error)
{
  _attrib_audit_add_result (self, FALSE, g_strdup_printf ("FAIL %s", error->message), NULL);
}

/**
 * attrib_audit_run_data:
 * @self: an audit
 * @data: (array length=length) (element-type guint8): a scenario as JSON
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to use in results and errors
 * @error: return location for a #GError
 *
 * Runs one scenario and adds a result per expectation. If the scenario
 * is broken, the error (with `file:line:column`) is also added as one
 * failed result.
 *
 * Returns: %TRUE if the scenario ran (whatever its results)
 */
gboolean
attrib_audit_run_data (AttribAudit  *self,
                       const char   *data,
                       gssize        length,
                       const char   *filename,
                       GError      **error)
{
  GError *inner = NULL;

  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (data);
  if (!run_scenario (self, data, length, filename != NULL ? filename : "<data>", NULL, &inner))
    {
      add_file_error (self, inner);
      g_propagate_error (error, inner);
      return FALSE;
    }
  return TRUE;
}

/**
 * attrib_audit_run_file:
 * @self: an audit
 * @file: a scenario file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Runs one scenario file, as [method@Attrib.Audit.run_data] does. A
 * profile named by file is looked up beside the scenario.
 *
 * Returns: %TRUE if the scenario ran (whatever its results)
 */
gboolean
attrib_audit_run_file (AttribAudit   *self,
                       GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) parent = NULL;
  GError *inner = NULL;
  gsize length;

  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_file_get_parse_name (file);
  parent = g_file_get_parent (file);
  dir = parent != NULL ? g_file_get_path (parent) : NULL;
  if (!_attrib_read_input (file, cancellable, &contents, &length, &inner) ||
      !run_scenario (self, contents, length, name, dir, &inner))
    {
      add_file_error (self, inner);
      g_propagate_error (error, inner);
      return FALSE;
    }
  return TRUE;
}

/**
 * attrib_audit_get_n_passed:
 * @self: an audit
 *
 * The number of expectations that held.
 *
 * Returns: the number passed
 */
guint
attrib_audit_get_n_passed (AttribAudit *self)
{
  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), 0);
  return self->n_passed;
}

/**
 * attrib_audit_get_n_failed:
 * @self: an audit
 *
 * The number of expectations that did not hold, plus broken files.
 *
 * Returns: the number failed
 */
guint
attrib_audit_get_n_failed (AttribAudit *self)
{
  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), 0);
  return self->n_failed;
}

/**
 * attrib_audit_get_n_results:
 * @self: an audit
 *
 * The number of results so far.
 *
 * Returns: the number of results
 */
guint
attrib_audit_get_n_results (AttribAudit *self)
{
  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), 0);
  return self->results->len;
}

/**
 * attrib_audit_get_result:
 * @self: an audit
 * @index: below [method@Attrib.Audit.get_n_results]
 * @out_line: (out) (optional) (transfer none): the result's line
 * @out_detail: (out) (optional) (transfer none) (nullable): the
 *   expectation's `note`, then the verdict and its trace (or the
 *   statement, for a commission expectation); %NULL where there is none
 *
 * A result, in the order the expectations ran.
 *
 * Returns: whether the expectation held
 */
gboolean
attrib_audit_get_result (AttribAudit  *self,
                         guint         index,
                         const char  **out_line,
                         const char  **out_detail)
{
  const Result *r;

  g_return_val_if_fail (ATTRIB_IS_AUDIT (self), FALSE);
  g_return_val_if_fail (index < self->results->len, FALSE);

  r = &g_array_index (self->results, Result, index);
  if (out_line != NULL)
    *out_line = r->line;
  if (out_detail != NULL)
    *out_detail = r->detail;
  return r->passed;
}
