/* attrib-profile-impl-private.h: what the files of AttribProfile share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * attrib-profile.c (the object and its public API), attrib-profile-load.c
 * (reading a file) and attrib-profile-canonical.c (the canonical form and
 * the phase index). Nothing else includes this: the rest of the library
 * reads a profile through attrib-profile-private.h.
 */

#pragma once

#include "attrib-json-private.h"
#include "attrib-profile-private.h"

G_BEGIN_DECLS

struct _AttribProfile
{
  GObject parent_instance;

  char *id;
  char *title;
  char *version;
  char *effective;
  char *time_zone;
  char *extends;
  char *source;
  char *level;
  AttribDealStage deal_stage;
  guint32 rename_keeps;      /* relation bit mask */
  gboolean mask_names;       /* a report's name decides among the persons
                              * its masked phone fits */
  GTimeZone *tz;
  GPtrArray *clauses;        /* AttribClause* */
  char *canonical;           /* canonical JSON, for show and fingerprints */
  AttribPhaseIndex phases;   /* the clauses by phase, built when read */
  char *digest;              /* of canonical, built on first use */
  gint64 reach_months;       /* the longest periods any clause counts */
  gint64 reach_days;         /* (_attrib_clause_reach), built when read */
};

/* The profile files being read, each extended by the one before: a file
 * that comes round again is a cycle. */
typedef struct _ProfileChain ProfileChain;

struct _ProfileChain
{
  const char *path;          /* canonical */
  const ProfileChain *up;
};

void
_attrib_profile_ensure_builtin (void);

void
_attrib_profile_param_value_free (gpointer data);

void
_attrib_profile_clause_free (gpointer data);

void
_attrib_profile_phase_index_clear (AttribPhaseIndex *index);

gint
_attrib_profile_find_clause (AttribProfile *self,
                             const char    *id);

gboolean
_attrib_profile_apply_profile_params (AttribProfile        *self,
                                      const AttribJsonNode *params,
                                      const char           *filename,
                                      GError              **error);

AttribProfile *
_attrib_profile_load_profile (const AttribJsonNode *root,
                              const char           *filename,
                              const char           *base_dir,
                              const ProfileChain   *chain,
                              guint                 depth,
                              GError              **error);

void
_attrib_profile_seal (AttribProfile *self);

G_END_DECLS
