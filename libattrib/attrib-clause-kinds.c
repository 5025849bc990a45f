/* attrib-clause-kinds.c: the registry of clause kinds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A profile's clause names one of these kinds and gives its parameters.
 * The list is the whole vocabulary a profile can use; docs/rules.md maps
 * every clause of the built-in profiles onto it. Each kind is defined,
 * parameters, summary, phases and hooks, in clauses/<kind>.c
 * (attrib-clause-kind-private.h says what a kind is). Adding one is that
 * file, its line in attrib-kind-registry-private.h and its line in
 * meson.build; test-profile checks
 * that every kind here has its file, phases that match its hooks, and a
 * section in docs/rules.md.
 *
 */

#include "config.h"

#include <string.h>

#include "attrib-profile-private.h"
#include "attrib-kind-registry-private.h"


#define DECLARE(kind) extern const AttribClauseKind _attrib_kind_##kind;
ATTRIB_CLAUSE_KINDS (DECLARE)
#undef DECLARE

#define LIST(kind) &_attrib_kind_##kind,
static const AttribClauseKind *const kinds[] = { ATTRIB_CLAUSE_KINDS (LIST) NULL };
#undef LIST

const AttribClauseKind * const *
_attrib_clause_kinds (void)
{
  return kinds;
}

/* The index of @kind in the list (ATTRIB_KIND). */
guint
_attrib_clause_kind_index (const AttribClauseKind *kind)
{
  guint i;

  for (i = 0; kinds[i] != NULL; i++)
    if (kinds[i] == kind)
      return i;
  g_return_val_if_reached (0);
}

const AttribClauseKind *
_attrib_clause_kind_lookup (const char *name)
{
  guint i;

  for (i = 0; kinds[i] != NULL; i++)
    if (strcmp (kinds[i]->name, name) == 0)
      return kinds[i];
  return NULL;
}
