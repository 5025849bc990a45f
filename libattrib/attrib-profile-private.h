/* attrib-profile-private.h: clauses, their kinds and parameters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

#include "attrib-clause-kind-private.h"

G_BEGIN_DECLS


typedef struct
{
  AttribParamType type;
  gint64 number;             /* int, bool, relation, relations mask */
  char *string;
} AttribParamValue;


struct _AttribClause
{
  char *id;
  char *title;
  char *text;
  const AttribClauseKind *kind;
  GHashTable *params;        /* name → AttribParamValue */
  /* the values of params, in the order of kind->params, once the profile
   * is read (_attrib_profile_seal): what the engine reads, thousands of
   * times a second, without hashing the names */
  const AttribParamValue **values;
};


gboolean     _attrib_clause_reach        (const AttribClause *clause,
                                          gint64             *months,
                                          gint64             *days,
                                          GString            *names);
void         _attrib_profile_get_reach   (AttribProfile      *profile,
                                          gint64             *out_months,
                                          gint64             *out_days);
gint64       _attrib_clause_get_int      (const AttribClause *clause,
                                          const char         *name);
gboolean     _attrib_clause_get_bool     (const AttribClause *clause,
                                          const char         *name);
const char  *_attrib_clause_get_string   (const AttribClause *clause,
                                          const char         *name);
guint32      _attrib_clause_get_relations (const AttribClause *clause,
                                          const char         *name);
AttribVisitPurpose _attrib_clause_get_purpose (const AttribClause *clause,
                                          const char         *name);
gint64       _attrib_clause_get_date     (const AttribClause *clause,
                                          const char         *name);

#define ATTRIB_RELATION_BIT(k) (1u << (k))

/* The clauses of a profile in order, and look-ups the engine makes. */
guint                _attrib_profile_get_n_clauses  (AttribProfile *self);
const AttribPhaseIndex *_attrib_profile_get_phases (AttribProfile *self);

/* The profile's first clause of a kind (ATTRIB_KIND (renewal)), or NULL. */
#define _attrib_profile_first(profile, kind) (_attrib_profile_get_phases (profile)->first[(kind)])
const AttribClause  *_attrib_profile_get_clause     (AttribProfile *self,
                                                     guint          index);
gboolean             _attrib_profile_is_agent_level (AttribProfile *self);
GTimeZone           *_attrib_profile_get_tz         (AttribProfile *self);
guint32              _attrib_profile_get_rename_keeps (AttribProfile *self);
gboolean             _attrib_profile_get_mask_names (AttribProfile *self);
const char          *_attrib_profile_get_canonical  (AttribProfile *self);
const char          *_attrib_profile_get_digest     (AttribProfile *self);

AttribProfile       *_attrib_profile_new_with_params_node (AttribProfile *self,
                                                     const void    *params,
                                                     const char    *filename,
                                                     GError       **error);
AttribProfile       *_attrib_profile_new_from_json  (const void    *root_node,
                                                     const char    *filename,
                                                     const char    *base_dir,
                                                     GError       **error);

G_END_DECLS
