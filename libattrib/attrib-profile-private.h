/* attrib-profile-private.h: clauses, their kinds and parameters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <attrib/attrib.h>

G_BEGIN_DECLS

typedef enum {
  ATTRIB_PARAM_INT,
  ATTRIB_PARAM_BOOL,
  ATTRIB_PARAM_STRING,
  ATTRIB_PARAM_RELATIONS,    /* array of relation kinds, kept as a bit mask */
  ATTRIB_PARAM_RELATION,     /* one relation kind */
  ATTRIB_PARAM_PURPOSE,      /* one visit purpose other than `customer` */
  ATTRIB_PARAM_DATE,         /* "YYYY-MM-DD", kept as the day's number, or
                              * "" (none: ATTRIB_PARAM_NO_DATE) */
} AttribParamType;

#define ATTRIB_PARAM_NO_DATE G_MAXINT64

typedef struct
{
  const char *name;
  AttribParamType type;
  const char *default_json;  /* the default, as JSON text; NULL = required */
} AttribParamSpec;

typedef struct
{
  AttribParamType type;
  gint64 number;             /* int, bool, relation, relations mask */
  char *string;
} AttribParamValue;

/* How the engine uses a clause. The engine looks clauses up by kind; a
 * kind's logic lives in libattrib/clauses/<kind>.c. */
typedef struct
{
  const char *name;
  const AttribParamSpec *params;   /* terminated by { NULL } */
  const char *summary;             /* one line for docs and `profile show` */
} AttribClauseKind;

typedef struct
{
  char *id;
  char *title;
  char *text;
  const AttribClauseKind *kind;
  GHashTable *params;        /* name → AttribParamValue */
} AttribClause;

const AttribClauseKind *_attrib_clause_kind_lookup (const char *name);
const AttribClauseKind * const *_attrib_clause_kinds (void);

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
const AttribClause  *_attrib_profile_get_clause     (AttribProfile *self,
                                                     guint          index);
const AttribClause  *_attrib_profile_find_kind      (AttribProfile *self,
                                                     const char    *kind);
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
