/* attrib-profile-load.c: reading a profile file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A profile's JSON into an AttribProfile: its keys, its clauses and their
 * parameters checked against their kinds, `extends` resolved, `params`
 * applied; every error with file:line:column. The public constructors
 * are attrib-profile.c's; the canonical form and the phase index,
 * attrib-profile-canonical.c's.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-sha256-private.h"
#include "attrib-event-private.h"
#include "attrib-json-private.h"

#include "attrib-profile-impl-private.h"
#include "attrib-read-private.h"
#include "attrib-resources.h"
#include "attrib-util-private.h"

/* Documented limits (attrib-limits-private.h). */
#define MAX_EXTENDS_DEPTH ATTRIB_LIMIT_EXTENDS_DEPTH
#define MAX_CLAUSES ATTRIB_LIMIT_CLAUSES
/* the messages of integer parameters say so */
G_STATIC_ASSERT (ATTRIB_LIMIT_PARAM_INT == 100000);



static const char *top_level_keys[] = {
  "id", "title", "version", "effective", "time_zone", "level", "deal_stage",
  "source", "extends", "params", "clauses", "note", NULL
};

static const char *clause_keys[] = {
  "id", "kind", "title", "text", "params", "before", "remove", "note", NULL
};

static gboolean
get_string (const AttribJsonNode  *object,
            const char            *key,
            const char            *filename,
            const char           **out,
            GError               **error)
{
  const AttribJsonNode *node = _attrib_json_object_get (object, key);

  if (node == NULL)
    return TRUE;
  if (node->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, filename, node, _("profile: “%s” must be a string"), key);
  *out = node->string.str;
  return TRUE;
}

static gboolean
parse_relation (const AttribJsonNode *node,
                const char           *filename,
                int                  *out,
                GError              **error)
{
  if (node->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_RELATION_KIND, node->string.str, out) ||
      *out == ATTRIB_RELATION_KIND_NONE)
    return _attrib_json_fail_at (error, filename, node, _("not a relation kind (spouse, parent_child, grandparent, sibling, "
                      "partner, relative, friend, colleague, executive)"));
  return TRUE;
}

static gboolean
parse_param (const AttribParamSpec *spec,
             const AttribJsonNode  *node,
             const char            *filename,
             AttribParamValue      *out,
             GError               **error)
{
  gint64 n;
  int r;
  guint i;

  out->type = spec->type;
  switch (spec->type)
    {
    case ATTRIB_PARAM_INT:
      if (node->kind != ATTRIB_JSON_NUMBER || !_attrib_json_number_get_int64 (node, &n) || n < 0 ||
          n > ATTRIB_LIMIT_PARAM_INT)
        return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be an integer from 0 to 100000"), spec->name);
      out->number = n;
      return TRUE;

    case ATTRIB_PARAM_BOOL:
      if (node->kind != ATTRIB_JSON_BOOLEAN)
        return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be true or false"), spec->name);
      out->number = node->boolean;
      return TRUE;

    case ATTRIB_PARAM_STRING:
      if (node->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be a string"), spec->name);
      out->string = g_strdup (node->string.str);
      return TRUE;

    case ATTRIB_PARAM_RELATION:
      if (!parse_relation (node, filename, &r, error))
        return FALSE;
      out->number = r;
      return TRUE;

    case ATTRIB_PARAM_PURPOSE:
      if (node->kind != ATTRIB_JSON_STRING || !_attrib_enum_parse (ATTRIB_TYPE_VISIT_PURPOSE, node->string.str, &r) ||
          r == ATTRIB_VISIT_PURPOSE_CUSTOMER)
        return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be a visit purpose other than “customer” "
                                       "(deposit_or_signing, non_customer, leaflet_only)"), spec->name);
      out->number = r;
      return TRUE;

    case ATTRIB_PARAM_DATE:
      {
        g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
        AttribTime t = 0;

        if (node->kind != ATTRIB_JSON_STRING ||
            (node->string.str[0] != '\0' &&
             (strlen (node->string.str) != 10 || !attrib_time_parse (node->string.str, utc, &t, NULL))))
          return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be a date (YYYY-MM-DD) or \"\""),
                                       spec->name);
        out->string = g_strdup (node->string.str);
        /* the civil day, whatever the zone: read it in UTC */
        out->number = node->string.str[0] == '\0' ? ATTRIB_PARAM_NO_DATE
                    : attrib_time_get_local_day (t, utc);
        return TRUE;
      }

    case ATTRIB_PARAM_RELATIONS:
      if (node->kind != ATTRIB_JSON_ARRAY)
        return _attrib_json_fail_at (error, filename, node, _("parameter “%s” must be an array of relation kinds"), spec->name);
      out->number = 0;
      for (i = 0; i < node->array.n_items; i++)
        {
          if (!parse_relation (node->array.items[i], filename, &r, error))
            return FALSE;
          out->number |= ATTRIB_RELATION_BIT (r);
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static const AttribParamSpec *
find_spec (const AttribClauseKind *kind,
           const char             *name)
{
  const AttribParamSpec *spec;

  for (spec = kind->params; spec->name != NULL; spec++)
    if (strcmp (spec->name, name) == 0)
      return spec;
  return NULL;
}

/* Sets the parameters given in @params (an object) on @clause. */
static gboolean
apply_params (AttribClause         *clause,
              const AttribJsonNode *params,
              const char           *filename,
              GError              **error)
{
  guint i;

  if (params->kind != ATTRIB_JSON_OBJECT)
    {
      g_autofree char *shown = _attrib_for_display (clause->id);

      return _attrib_json_fail_at (error, filename, params, _("clause “%s”: “params” must be an object"), shown);
    }
  for (i = 0; i < params->object.n_members; i++)
    {
      const AttribJsonMember *m = &params->object.members[i];
      const AttribParamSpec *spec = find_spec (clause->kind, m->key);
      AttribParamValue *value;

      if (spec == NULL)
        {
          AttribJsonNode at = { 0, };

          at.line = m->line;
          at.column = m->column;
          {
            g_autofree char *shown_1 = _attrib_for_display (clause->id);
            g_autofree char *shown_2 = _attrib_for_display (m->key);

            return _attrib_json_fail_at (error, filename, &at, _("clause “%s”: kind “%s” has no parameter “%s”"),
                            shown_1, clause->kind->name, shown_2);
          }
        }
      value = g_new0 (AttribParamValue, 1);
      if (!parse_param (spec, m->value, filename, value, error))
        {
          _attrib_profile_param_value_free (value);
          return FALSE;
        }
      g_hash_table_replace (clause->params, g_strdup (m->key), value);
    }
  return TRUE;
}

/* Fills in the defaults of every parameter not given; a parameter with no
 * default must be given. */
static gboolean
complete_params (AttribClause         *clause,
                 const AttribJsonNode *where,
                 const char           *filename,
                 GError              **error)
{
  const AttribParamSpec *spec;

  for (spec = clause->kind->params; spec->name != NULL; spec++)
    {
      g_autoptr(AttribJsonDocument) doc = NULL;
      AttribParamValue *value;

      if (g_hash_table_contains (clause->params, spec->name))
        continue;
      if (spec->default_json == NULL)
        {
          g_autofree char *shown = _attrib_for_display (clause->id);

          return _attrib_json_fail_at (error, filename, where, _("clause “%s”: kind “%s” needs the parameter “%s”"),
                          shown, clause->kind->name, spec->name);
        }
      doc = _attrib_json_parse (spec->default_json, strlen (spec->default_json), "<default>", NULL);
      g_assert (doc != NULL);
      value = g_new0 (AttribParamValue, 1);
      if (!parse_param (spec, _attrib_json_document_get_root (doc), "<default>", value, NULL))
        g_assert_not_reached ();
      g_hash_table_insert (clause->params, g_strdup (spec->name), value);
    }
  return TRUE;
}

static const AttribParamValue *
find_param (const AttribClause *clause,
            const char         *name)
{
  guint k;

  /* by the kind's list of names once the profile is read: where the
   * toolchain merges equal string constants, the name a clause kind asks
   * with is the very pointer of its list; else the few names, which
   * differ early, are compared */
  if (clause->values == NULL)
    return g_hash_table_lookup (clause->params, name);
  for (k = 0; clause->kind->params[k].name != NULL; k++)
    if (clause->kind->params[k].name == name)
      return clause->values[k];
  for (k = 0; clause->kind->params[k].name != NULL; k++)
    if (strcmp (clause->kind->params[k].name, name) == 0)
      return clause->values[k];
  return NULL;
}

static const AttribParamValue *
get_param (const AttribClause *clause,
           const char         *name,
           AttribParamType     type)
{
  const AttribParamValue *v = find_param (clause, name);

  g_assert (v != NULL && v->type == type);
  return v;
}

gint64
_attrib_clause_get_int (const AttribClause *clause,
                        const char         *name)
{
  return get_param (clause, name, ATTRIB_PARAM_INT)->number;
}

gboolean
_attrib_clause_get_bool (const AttribClause *clause,
                         const char         *name)
{
  return get_param (clause, name, ATTRIB_PARAM_BOOL)->number != 0;
}

const char *
_attrib_clause_get_string (const AttribClause *clause,
                           const char         *name)
{
  return get_param (clause, name, ATTRIB_PARAM_STRING)->string;
}

/* The civil day of a date parameter (comparable with
 * attrib_time_get_local_day() in any zone), or ATTRIB_PARAM_NO_DATE. */
gint64
_attrib_clause_get_date (const AttribClause *clause,
                         const char         *name)
{
  return get_param (clause, name, ATTRIB_PARAM_DATE)->number;
}

AttribVisitPurpose
_attrib_clause_get_purpose (const AttribClause *clause,
                            const char         *name)
{
  return (AttribVisitPurpose) get_param (clause, name, ATTRIB_PARAM_PURPOSE)->number;
}

guint32
_attrib_clause_get_relations (const AttribClause *clause,
                              const char         *name)
{
  const AttribParamValue *v = find_param (clause, name);

  g_assert (v != NULL);
  if (v->type == ATTRIB_PARAM_RELATION)
    return ATTRIB_RELATION_BIT (v->number);
  g_assert (v->type == ATTRIB_PARAM_RELATIONS);
  return (guint32) v->number;
}

static gboolean
check_keys (const AttribJsonNode *object,
            const char          **allowed,
            const char           *what,
            const char           *filename,
            GError              **error)
{
  guint i;

  for (i = 0; i < object->object.n_members; i++)
    {
      const AttribJsonMember *m = &object->object.members[i];

      if (!g_strv_contains (allowed, m->key))
        {
          AttribJsonNode at = { 0, };

          at.line = m->line;
          at.column = m->column;
          {
            g_autofree char *shown = _attrib_for_display (m->key);

            return _attrib_json_fail_at (error, filename, &at, _("unknown key “%s” in %s"), shown, what);
          }
        }
      if (g_str_equal (m->key, "note") && m->value->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, filename, m->value, _("“note” is free text (a string)"));
    }
  return TRUE;
}

gint
_attrib_profile_find_clause (AttribProfile *self,
             const char    *id)
{
  guint i;

  for (i = 0; i < self->clauses->len; i++)
    if (strcmp (((AttribClause *) g_ptr_array_index (self->clauses, i))->id, id) == 0)
      return (gint) i;
  return -1;
}

static gboolean
load_clause (AttribProfile        *self,
             const AttribJsonNode *node,
             const char           *filename,
             GError              **error)
{
  const char *id = NULL, *kind = NULL, *title = NULL, *text = NULL, *before = NULL;
  const AttribJsonNode *params, *remove;
  AttribClause *clause;
  gboolean is_new;
  gint at;

  if (node->kind != ATTRIB_JSON_OBJECT)
    return _attrib_json_fail_at (error, filename, node, _("a clause must be an object"));
  if (!check_keys (node, clause_keys, _("a clause"), filename, error) ||
      !get_string (node, "id", filename, &id, error) ||
      !get_string (node, "kind", filename, &kind, error) ||
      !get_string (node, "title", filename, &title, error) ||
      !get_string (node, "text", filename, &text, error) ||
      !get_string (node, "before", filename, &before, error))
    return FALSE;
  if (id == NULL || *id == '\0')
    return _attrib_json_fail_at (error, filename, node, _("a clause needs an “id”"));

  at = _attrib_profile_find_clause (self, id);
  remove = _attrib_json_object_get (node, "remove");
  if (remove != NULL)
    {
      if (remove->kind != ATTRIB_JSON_BOOLEAN)
        return _attrib_json_fail_at (error, filename, remove, _("“remove” must be true or false"));
      if (remove->boolean)
        {
          if (at < 0)
            {
              g_autofree char *shown = _attrib_for_display (id);

              return _attrib_json_fail_at (error, filename, node, _("clause “%s” cannot be removed: the base profile has none"), shown);
            }
          g_ptr_array_remove_index (self->clauses, at);
          return TRUE;
        }
    }

  is_new = at < 0;
  if (is_new)
    {
      if (kind == NULL)
        {
          g_autofree char *shown = _attrib_for_display (id);

          return _attrib_json_fail_at (error, filename, node, _("clause “%s” needs a “kind”"), shown);
        }
      if (self->clauses->len >= MAX_CLAUSES)
        {
          {
            g_autofree char *shown = _attrib_for_display (id);

            g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                         _("%s:%u:%u: clause “%s”: a profile has at most %d clauses"),
                         filename, node->line, node->column, shown, MAX_CLAUSES);
          }
          return FALSE;
        }
      clause = g_new0 (AttribClause, 1);
      clause->id = g_strdup (id);
      clause->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _attrib_profile_param_value_free);
    }
  else
    clause = g_ptr_array_index (self->clauses, at);

  if (kind != NULL)
    {
      const AttribClauseKind *k = _attrib_clause_kind_lookup (kind);

      if (k == NULL)
        {
          const AttribJsonNode *where = _attrib_json_object_get (node, "kind");
          g_autoptr(GString) known = g_string_new (NULL);
          const AttribClauseKind * const *kinds;

          for (kinds = _attrib_clause_kinds (); *kinds != NULL; kinds++)
            g_string_append_printf (known, "%s%s", known->len ? ", " : "", (*kinds)->name);
          if (is_new)
            _attrib_profile_clause_free (clause);
          {
            g_autofree char *shown_1 = _attrib_for_display (id);
            g_autofree char *shown_2 = _attrib_for_display (kind);

            return _attrib_json_fail_at (error, filename, where, _("clause “%s”: unknown kind “%s” (known: %s)"), shown_1, shown_2, known->str);
          }
        }
      if (!is_new && k != clause->kind)
        g_hash_table_remove_all (clause->params);   /* another mechanism: start afresh */
      clause->kind = k;
    }
  if (title != NULL)
    {
      g_free (clause->title);
      clause->title = g_strdup (title);
    }
  if (text != NULL)
    {
      g_free (clause->text);
      clause->text = g_strdup (text);
    }

  params = _attrib_json_object_get (node, "params");
  if ((params != NULL && !apply_params (clause, params, filename, error)) ||
      !complete_params (clause, node, filename, error))
    {
      if (is_new)
        _attrib_profile_clause_free (clause);
      return FALSE;
    }

  if (is_new)
    {
      gint pos = before != NULL ? _attrib_profile_find_clause (self, before) : -1;

      if (before != NULL && pos < 0)
        {
          _attrib_profile_clause_free (clause);
          {
            g_autofree char *shown_1 = _attrib_for_display (id);
            g_autofree char *shown_2 = _attrib_for_display (before);

            return _attrib_json_fail_at (error, filename, _attrib_json_object_get (node, "before"),
                            _("clause “%s”: “before” names no clause of the profile (“%s”)"), shown_1, shown_2);
          }
        }
      if (pos < 0)
        g_ptr_array_add (self->clauses, clause);
      else
        g_ptr_array_insert (self->clauses, pos, clause);
    }
  return TRUE;
}

gboolean
_attrib_profile_apply_profile_params (AttribProfile        *self,
                      const AttribJsonNode *params,
                      const char           *filename,
                      GError              **error)
{
  guint i;

  if (params->kind != ATTRIB_JSON_OBJECT)
    return _attrib_json_fail_at (error, filename, params, _("“params” must be an object"));
  for (i = 0; i < params->object.n_members; i++)
    {
      const AttribJsonMember *m = &params->object.members[i];
      gint at;

      if (strcmp (m->key, "rename_keeps") == 0)
        {
          static const AttribParamSpec spec = { "rename_keeps", ATTRIB_PARAM_RELATIONS, NULL };
          AttribParamValue v = { 0, };

          if (!parse_param (&spec, m->value, filename, &v, error))
            return FALSE;
          self->rename_keeps = (guint32) v.number;
        }
      else if (strcmp (m->key, "mask_names") == 0)
        {
          static const AttribParamSpec spec = { "mask_names", ATTRIB_PARAM_BOOL, NULL };
          AttribParamValue v = { 0, };

          if (!parse_param (&spec, m->value, filename, &v, error))
            return FALSE;
          self->mask_names = v.number != 0;
        }
      else if ((at = _attrib_profile_find_clause (self, m->key)) >= 0)
        {
          /* "1.1.4": {"months": 6} overrides a clause's parameters */
          if (!apply_params (g_ptr_array_index (self->clauses, at), m->value, filename, error))
            return FALSE;
        }
      else
        {
          AttribJsonNode where = { 0, };

          where.line = m->line;
          where.column = m->column;
          {
            g_autofree char *shown_1 = _attrib_for_display (m->key);
            g_autofree char *shown_2 = _attrib_for_display (self->id);

            return _attrib_json_fail_at (error, filename, &where,
                            _("“%s” in “params” is not “rename_keeps”, “mask_names” or a clause of profile “%s”"),
                            shown_1, shown_2);
          }
        }
    }
  return TRUE;
}

static AttribProfile *
load_base (const char           *extends,
           const AttribJsonNode *where,
           const char           *filename,
           const char           *base_dir,
           const ProfileChain   *chain,
           guint                 depth,
           GError              **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autofree char *path = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *resource = NULL;
  g_autoptr(GFile) file = NULL;
  const ProfileChain *up;
  ProfileChain link;
  GError *inner = NULL;
  gsize length;

  if (depth >= MAX_EXTENDS_DEPTH)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT, _("%s:%u:%u: “extends” goes deeper than %d profiles"),
                   filename, where->line, where->column, MAX_EXTENDS_DEPTH);
      return NULL;
    }

  _attrib_profile_ensure_builtin ();
  resource = g_strdup_printf ("/org/libattrib/profiles/%s.json", extends);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    {
      doc = _attrib_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), resource, error);
      if (doc == NULL)
        return NULL;
      return _attrib_profile_load_profile (_attrib_json_document_get_root (doc), resource, NULL, NULL, depth + 1, error);
    }

  if (base_dir == NULL)
    {
      {
        g_autofree char *shown = _attrib_for_display (extends);

        _attrib_json_fail_at (error, filename, where, _("“extends”: no built-in profile “%s”"), shown);
      }
      return NULL;
    }
  path = g_build_filename (base_dir, extends, NULL);
  canonical = g_canonicalize_filename (path, NULL);
  for (up = chain; up != NULL; up = up->up)
    if (g_str_equal (up->path, canonical))
      {
        {
          g_autofree char *shown = _attrib_for_display (extends);

          _attrib_json_fail_at (error, filename, where,
                                _("“extends”: “%s” is this profile or one that extends it: profiles cannot extend "
                                  "each other in a cycle"), shown);
        }
        return NULL;
      }
  file = g_file_new_for_path (path);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || !_attrib_read_input (file, NULL, &contents, &length, &inner))
    {
      /* a file too big (or one that grew past the limit) says so */
      if (g_error_matches (inner, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT))
        {
          g_propagate_error (error, inner);
          return NULL;
        }
      g_clear_error (&inner);
      {
        g_autofree char *shown = _attrib_for_display (extends);

        _attrib_json_fail_at (error, filename, where, _("“extends”: “%s” is neither a built-in profile nor a readable file"), shown);
      }
      return NULL;
    }
  doc = _attrib_json_parse (contents, length, path, error);
  if (doc == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  link.path = canonical;
  link.up = chain;
  return _attrib_profile_load_profile (_attrib_json_document_get_root (doc), path, dir, &link, depth + 1, error);
}

AttribProfile *
_attrib_profile_load_profile (const AttribJsonNode *root,
              const char           *filename,
              const char           *base_dir,
              const ProfileChain   *chain,
              guint                 depth,
              GError              **error)
{
  g_autoptr(AttribProfile) self = NULL;
  const char *id = NULL, *title = NULL, *version = NULL, *effective = NULL, *time_zone = NULL;
  const char *level = NULL, *deal_stage = NULL, *source = NULL, *extends = NULL;
  const AttribJsonNode *clauses, *params;
  g_autoptr(GHashTable) seen = NULL;
  GError *inner = NULL;
  guint i;

  if (root->kind != ATTRIB_JSON_OBJECT)
    {
      _attrib_json_fail_at (error, filename, root, _("a profile must be an object"));
      return NULL;
    }
  if (!check_keys (root, top_level_keys, _("a profile"), filename, error) ||
      !get_string (root, "id", filename, &id, error) ||
      !get_string (root, "title", filename, &title, error) ||
      !get_string (root, "version", filename, &version, error) ||
      !get_string (root, "effective", filename, &effective, error) ||
      !get_string (root, "time_zone", filename, &time_zone, error) ||
      !get_string (root, "level", filename, &level, error) ||
      !get_string (root, "deal_stage", filename, &deal_stage, error) ||
      !get_string (root, "source", filename, &source, error) ||
      !get_string (root, "extends", filename, &extends, error))
    return NULL;
  if (id == NULL || *id == '\0')
    {
      _attrib_json_fail_at (error, filename, root, _("a profile needs an “id”"));
      return NULL;
    }

  if (extends != NULL)
    {
      self = load_base (extends, _attrib_json_object_get (root, "extends"), filename, base_dir, chain, depth, error);
      if (self == NULL)
        return NULL;
      g_clear_pointer (&self->canonical, g_free);
      /* the base's clauses by phase point at clauses this file may
       * replace, and their parameters by index at values it may replace:
       * built again when it is sealed (find_param() reads the table
       * meanwhile) */
      _attrib_profile_phase_index_clear (&self->phases);
      for (i = 0; i < self->clauses->len; i++)
        g_clear_pointer (&((AttribClause *) g_ptr_array_index (self->clauses, i))->values, g_free);
      g_free (self->extends);
      self->extends = g_strdup (extends);
      g_free (self->id);
    }
  else
    {
      self = g_object_new (ATTRIB_TYPE_PROFILE, NULL);
      self->deal_stage = ATTRIB_DEAL_STAGE_SUBSCRIBED;
      self->rename_keeps = ATTRIB_RELATION_BIT (ATTRIB_RELATION_KIND_SPOUSE) |
                           ATTRIB_RELATION_BIT (ATTRIB_RELATION_KIND_PARENT_CHILD);
      self->mask_names = TRUE;
      self->time_zone = g_strdup (ATTRIB_DEFAULT_TIME_ZONE);
      self->level = g_strdup ("channel");
    }
  self->id = g_strdup (id);

#define SET(field, value) if ((value) != NULL) { g_free (self->field); self->field = g_strdup (value); }
  SET (title, title);
  SET (version, version);
  SET (effective, effective);
  SET (time_zone, time_zone);
  SET (source, source);
  SET (level, level);
#undef SET
  if (self->title == NULL)
    {
      _attrib_json_fail_at (error, filename, root, _("a profile needs a “title”"));
      return NULL;
    }
  if (effective != NULL && (strlen (effective) != 10 || !attrib_time_parse (effective, NULL, NULL, NULL)))
    {
      _attrib_json_fail_at (error, filename, _attrib_json_object_get (root, "effective"), _("“effective” must be a date (YYYY-MM-DD)"));
      return NULL;
    }
  if (strcmp (self->level, "channel") != 0 && strcmp (self->level, "agent") != 0)
    {
      _attrib_json_fail_at (error, filename, _attrib_json_object_get (root, "level"), _("“level” is “channel” or “agent”"));
      return NULL;
    }
  if (deal_stage != NULL)
    {
      int stage;

      if (!_attrib_enum_parse (ATTRIB_TYPE_DEAL_STAGE, deal_stage, &stage) ||
          (stage != ATTRIB_DEAL_STAGE_SUBSCRIBED && stage != ATTRIB_DEAL_STAGE_SIGNED))
        {
          _attrib_json_fail_at (error, filename, _attrib_json_object_get (root, "deal_stage"),
                   _("“deal_stage” is “subscribed” (认购) or “signed” (签约)"));
          return NULL;
        }
      self->deal_stage = stage;
    }

  g_clear_pointer (&self->tz, g_time_zone_unref);
  self->tz = attrib_time_zone_new (self->time_zone, &inner);
  if (self->tz == NULL)
    {
      const AttribJsonNode *where = _attrib_json_object_get (root, "time_zone");

      _attrib_json_fail_at (error, filename, where != NULL ? where : root, "%s", inner->message);
      g_error_free (inner);
      return NULL;
    }

  clauses = _attrib_json_object_get (root, "clauses");
  if (clauses != NULL)
    {
      if (clauses->kind != ATTRIB_JSON_ARRAY)
        {
          _attrib_json_fail_at (error, filename, clauses, _("“clauses” must be an array"));
          return NULL;
        }
      if (clauses->array.n_items > MAX_CLAUSES)
        {
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("%s:%u:%u: a profile has at most %d clauses; “clauses” lists %u"),
                       filename, clauses->line, clauses->column, MAX_CLAUSES, clauses->array.n_items);
          return NULL;
        }
      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (i = 0; i < clauses->array.n_items; i++)
        {
          const AttribJsonNode *item = clauses->array.items[i];
          const AttribJsonNode *clause_id = item->kind == ATTRIB_JSON_OBJECT ? _attrib_json_object_get (item, "id") : NULL;

          /* a second entry would silently change the first */
          if (clause_id != NULL && clause_id->kind == ATTRIB_JSON_STRING &&
              !g_hash_table_add (seen, (gpointer) clause_id->string.str))
            {
              {
                g_autofree char *shown = _attrib_for_display (clause_id->string.str);

                _attrib_json_fail_at (error, filename, clause_id, _("clause “%s” is given twice in “clauses”"),
                                      shown);
              }
              return NULL;
            }
          if (!load_clause (self, item, filename, error))
            return NULL;
        }
    }
  if (self->clauses->len == 0)
    {
      {
        g_autofree char *shown = _attrib_for_display (self->id);

        _attrib_json_fail_at (error, filename, root, _("profile “%s” has no clauses"), shown);
      }
      return NULL;
    }

  params = _attrib_json_object_get (root, "params");
  if (params != NULL && !_attrib_profile_apply_profile_params (self, params, filename, error))
    return NULL;

  _attrib_profile_seal (self);
  return g_steal_pointer (&self);
}

AttribProfile *
_attrib_profile_new_from_json (const void  *root_node,
                               const char  *filename,
                               const char  *base_dir,
                               GError     **error)
{
  return _attrib_profile_load_profile (root_node, filename, base_dir, NULL, 0, error);
}
