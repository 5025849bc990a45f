/* attrib-audit-private.h: what the files of the audit share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * attrib-audit.c (AttribAudit and its results), attrib-scenario.c
 * (scenario files) and attrib-audit-expect.c (one expectation checked).
 */

#pragma once

#include <attrib/attrib.h>

#include "attrib-json-private.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean passed;
  char *line;
  char *detail;
} Result;

struct _AttribAudit
{
  GObject parent_instance;
  GArray *results;           /* Result */
  guint n_passed;
  guint n_failed;
};

typedef struct
{
  AttribAudit *audit;
  const char *filename;      /* as given, for the lines */
  const char *name;          /* the file's base name */
  const char *note;          /* the current expectation's note, or NULL */
  AttribLedger *ledger;
  AttribEngine *engine;
  GHashTable *verdicts;      /* deal → AttribVerdict */
  AttribCalculator *calculator;   /* NULL: the scenario has no plans */
  GPtrArray *lines;          /* the calculator's, once asked */
} Scenario;

void
_attrib_audit_add_result (AttribAudit *self,
                          gboolean     passed,
                          char        *line,
                          char        *detail);

gboolean
_attrib_audit_check_expectation (Scenario              *sc,
                                 const AttribJsonNode  *node,
                                 guint                  number,
                                 GError               **error);

gboolean
_attrib_audit_load_scenario (const char           *data,
                             gsize                 length,
                             const char           *filename,
                             const char           *base_dir,
                             gboolean              for_audit,
                             AttribJsonDocument  **out_doc,
                             AttribProfile       **out_profile,
                             AttribLedger        **out_ledger,
                             GPtrArray           **out_plans,
                             GError              **error);

G_END_DECLS
