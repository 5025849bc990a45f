/* attrib-profile.c: a regulation made executable
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-sha256-private.h"
#include "attrib-event-private.h"
#include "attrib-json-private.h"

#include "attrib-profile-private.h"
#include "attrib-resources.h"
#include "attrib-util-private.h"

/**
 * AttribProfile:
 *
 * A regulation (客户归属规则) made executable: an id, a title, a version and
 * effective date, a time zone, the deal stage that counts (认购 or 签约), and
 * an ordered list of clauses.
 *
 * Each clause carries the id the regulation uses (`1.2.8`), its original
 * text, a *kind* — the engine mechanism that implements it — and the
 * kind's parameters (periods, windows, relation kinds …). Profiles are
 * data, in the JSON format of `docs/profiles.md`; the built-in ones are
 * compiled into the library ([func@Attrib.Profile.list_builtin]). A profile
 * may `extends` another and override its clauses' parameters.
 *
 * A profile is immutable once loaded; [method@Attrib.Profile.derive]
 * derives a copy with other parameters.
 */

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
};

G_DEFINE_FINAL_TYPE (AttribProfile, attrib_profile, G_TYPE_OBJECT)

#define BUILTIN_PATH "/org/libattrib/profiles"

/* The built-in profiles register themselves when the library loads; this
 * reference also keeps them in programs that link the static core. */
static void
ensure_builtin (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GResource *resource = _attrib_get_resource ();
      g_auto(GStrv) names = NULL;

      /* registered by the library's constructor unless linked statically */
      names = g_resources_enumerate_children (BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (names == NULL)
        g_resources_register (resource);
      g_once_init_leave (&once, 1);
    }
}


/* Documented limits (attrib-limits-private.h). */
#define MAX_EXTENDS_DEPTH ATTRIB_LIMIT_EXTENDS_DEPTH
#define MAX_CLAUSES ATTRIB_LIMIT_CLAUSES
/* the messages of integer parameters say so */
G_STATIC_ASSERT (ATTRIB_LIMIT_PARAM_INT == 100000);

/* The profile files being read, each extended by the one before: a file
 * that comes round again is a cycle. */
typedef struct _ProfileChain ProfileChain;

struct _ProfileChain
{
  const char *path;          /* canonical */
  const ProfileChain *up;
};

static void
param_value_free (gpointer data)
{
  AttribParamValue *v = data;

  g_free (v->string);
  g_free (v);
}

static void
clause_free (gpointer data)
{
  AttribClause *clause = data;

  g_free (clause->id);
  g_free (clause->title);
  g_free (clause->text);
  g_clear_pointer (&clause->params, g_hash_table_unref);
  g_free (clause);
}

static AttribClause *
clause_copy (const AttribClause *src)
{
  AttribClause *clause = g_new0 (AttribClause, 1);
  GHashTableIter iter;
  gpointer key, value;

  clause->id = g_strdup (src->id);
  clause->title = g_strdup (src->title);
  clause->text = g_strdup (src->text);
  clause->kind = src->kind;
  clause->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, param_value_free);
  /* copying a table: its order does not matter, only its contents */
  g_hash_table_iter_init (&iter, src->params);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const AttribParamValue *v = value;
      AttribParamValue *copy = g_new0 (AttribParamValue, 1);

      copy->type = v->type;
      copy->number = v->number;
      copy->string = g_strdup (v->string);
      g_hash_table_insert (clause->params, g_strdup (key), copy);
    }
  return clause;
}

static void
phase_index_clear (AttribPhaseIndex *index)
{
  guint i;

  g_free (index->sources);
  g_free (index->companion_sources);
  g_free (index->holders);
  g_free (index->checks);
  g_free (index->follow_events);
  g_free (index->follow_visits);
  for (i = 0; i < G_N_ELEMENTS (index->deciding); i++)
    g_free (index->deciding[i]);
  memset (index, 0, sizeof *index);
}

static void
attrib_profile_finalize (GObject *object)
{
  AttribProfile *self = ATTRIB_PROFILE (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->version);
  g_free (self->effective);
  g_free (self->time_zone);
  g_free (self->extends);
  g_free (self->source);
  g_free (self->level);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->clauses, g_ptr_array_unref);
  phase_index_clear (&self->phases);
  g_free (self->digest);
  g_free (self->canonical);

  G_OBJECT_CLASS (attrib_profile_parent_class)->finalize (object);
}

static void
attrib_profile_class_init (AttribProfileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = attrib_profile_finalize;
  _attrib_bind_textdomain ();
}

static void
attrib_profile_init (AttribProfile *self)
{
  self->clauses = g_ptr_array_new_with_free_func (clause_free);
}

/* ------------------------------------------------------------------ */
/* Errors                                                              */

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

/* ------------------------------------------------------------------ */
/* Parameters                                                          */

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
    return _attrib_json_fail_at (error, filename, params, _("clause “%s”: “params” must be an object"), clause->id);
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
          return _attrib_json_fail_at (error, filename, &at, _("clause “%s”: kind “%s” has no parameter “%s”"),
                          clause->id, clause->kind->name, m->key);
        }
      value = g_new0 (AttribParamValue, 1);
      if (!parse_param (spec, m->value, filename, value, error))
        {
          param_value_free (value);
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
        return _attrib_json_fail_at (error, filename, where, _("clause “%s”: kind “%s” needs the parameter “%s”"),
                        clause->id, clause->kind->name, spec->name);
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
get_param (const AttribClause *clause,
           const char         *name,
           AttribParamType     type)
{
  const AttribParamValue *v = g_hash_table_lookup (clause->params, name);

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
  const AttribParamValue *v = g_hash_table_lookup (clause->params, name);

  g_assert (v != NULL);
  if (v->type == ATTRIB_PARAM_RELATION)
    return ATTRIB_RELATION_BIT (v->number);
  g_assert (v->type == ATTRIB_PARAM_RELATIONS);
  return (guint32) v->number;
}

/* ------------------------------------------------------------------ */
/* Loading                                                             */

static const char *top_level_keys[] = {
  "id", "title", "version", "effective", "time_zone", "level", "deal_stage",
  "source", "extends", "params", "clauses", "note", NULL
};

static const char *clause_keys[] = {
  "id", "kind", "title", "text", "params", "before", "remove", "note", NULL
};

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
          return _attrib_json_fail_at (error, filename, &at, _("unknown key “%s” in %s"), m->key, what);
        }
      if (g_str_equal (m->key, "note") && m->value->kind != ATTRIB_JSON_STRING)
        return _attrib_json_fail_at (error, filename, m->value, _("“note” is free text (a string)"));
    }
  return TRUE;
}

static gint
find_clause (AttribProfile *self,
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

  at = find_clause (self, id);
  remove = _attrib_json_object_get (node, "remove");
  if (remove != NULL)
    {
      if (remove->kind != ATTRIB_JSON_BOOLEAN)
        return _attrib_json_fail_at (error, filename, remove, _("“remove” must be true or false"));
      if (remove->boolean)
        {
          if (at < 0)
            return _attrib_json_fail_at (error, filename, node, _("clause “%s” cannot be removed: the base profile has none"), id);
          g_ptr_array_remove_index (self->clauses, at);
          return TRUE;
        }
    }

  is_new = at < 0;
  if (is_new)
    {
      if (kind == NULL)
        return _attrib_json_fail_at (error, filename, node, _("clause “%s” needs a “kind”"), id);
      if (self->clauses->len >= MAX_CLAUSES)
        {
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("%s:%u:%u: clause “%s”: a profile has at most %d clauses"),
                       filename, node->line, node->column, id, MAX_CLAUSES);
          return FALSE;
        }
      clause = g_new0 (AttribClause, 1);
      clause->id = g_strdup (id);
      clause->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, param_value_free);
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
            clause_free (clause);
          return _attrib_json_fail_at (error, filename, where, _("clause “%s”: unknown kind “%s” (known: %s)"), id, kind, known->str);
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
        clause_free (clause);
      return FALSE;
    }

  if (is_new)
    {
      gint pos = before != NULL ? find_clause (self, before) : -1;

      if (before != NULL && pos < 0)
        {
          clause_free (clause);
          return _attrib_json_fail_at (error, filename, _attrib_json_object_get (node, "before"),
                          _("clause “%s”: “before” names no clause of the profile (“%s”)"), id, before);
        }
      if (pos < 0)
        g_ptr_array_add (self->clauses, clause);
      else
        g_ptr_array_insert (self->clauses, pos, clause);
    }
  return TRUE;
}

static gboolean
apply_profile_params (AttribProfile        *self,
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
      else if ((at = find_clause (self, m->key)) >= 0)
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
          return _attrib_json_fail_at (error, filename, &where,
                          _("“%s” in “params” is not “rename_keeps”, “mask_names” or a clause of profile “%s”"),
                          m->key, self->id);
        }
    }
  return TRUE;
}

static void seal (AttribProfile *self);

static AttribProfile *load_profile (const AttribJsonNode *root,
                                    const char           *filename,
                                    const char           *base_dir,
                                    const ProfileChain   *chain,
                                    guint                 depth,
                                    GError              **error);

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
  const ProfileChain *up;
  ProfileChain link;
  gsize length;

  if (depth >= MAX_EXTENDS_DEPTH)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT, _("%s:%u:%u: “extends” goes deeper than %d profiles"),
                   filename, where->line, where->column, MAX_EXTENDS_DEPTH);
      return NULL;
    }

  ensure_builtin ();
  resource = g_strdup_printf ("/org/libattrib/profiles/%s.json", extends);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes != NULL)
    {
      doc = _attrib_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), resource, error);
      if (doc == NULL)
        return NULL;
      return load_profile (_attrib_json_document_get_root (doc), resource, NULL, NULL, depth + 1, error);
    }

  if (base_dir == NULL)
    {
      _attrib_json_fail_at (error, filename, where, _("“extends”: no built-in profile “%s”"), extends);
      return NULL;
    }
  path = g_build_filename (base_dir, extends, NULL);
  canonical = g_canonicalize_filename (path, NULL);
  for (up = chain; up != NULL; up = up->up)
    if (g_str_equal (up->path, canonical))
      {
        _attrib_json_fail_at (error, filename, where,
                              _("“extends”: “%s” is this profile or one that extends it: profiles cannot extend "
                                "each other in a cycle"), extends);
        return NULL;
      }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) || !g_file_get_contents (path, &contents, &length, NULL))
    {
      _attrib_json_fail_at (error, filename, where, _("“extends”: “%s” is neither a built-in profile nor a readable file"), extends);
      return NULL;
    }
  doc = _attrib_json_parse (contents, length, path, error);
  if (doc == NULL)
    return NULL;
  dir = g_path_get_dirname (path);
  link.path = canonical;
  link.up = chain;
  return load_profile (_attrib_json_document_get_root (doc), path, dir, &link, depth + 1, error);
}

static AttribProfile *
load_profile (const AttribJsonNode *root,
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
              _attrib_json_fail_at (error, filename, clause_id, _("clause “%s” is given twice in “clauses”"),
                                    clause_id->string.str);
              return NULL;
            }
          if (!load_clause (self, item, filename, error))
            return NULL;
        }
    }
  if (self->clauses->len == 0)
    {
      _attrib_json_fail_at (error, filename, root, _("profile “%s” has no clauses"), self->id);
      return NULL;
    }

  params = _attrib_json_object_get (root, "params");
  if (params != NULL && !apply_profile_params (self, params, filename, error))
    return NULL;

  seal (self);
  return g_steal_pointer (&self);
}

AttribProfile *
_attrib_profile_new_from_json (const void  *root_node,
                               const char  *filename,
                               const char  *base_dir,
                               GError     **error)
{
  return load_profile (root_node, filename, base_dir, NULL, 0, error);
}

/* ------------------------------------------------------------------ */
/* Canonical form                                                      */

static void
append_relations (GString *out,
                  guint32  mask)
{
  gboolean first = TRUE;
  int k;

  g_string_append_c (out, '[');
  for (k = ATTRIB_RELATION_KIND_SPOUSE; k <= ATTRIB_RELATION_KIND_EXECUTIVE; k++)
    if (mask & ATTRIB_RELATION_BIT (k))
      {
        g_string_append_printf (out, "%s\"%s\"", first ? "" : ", ", _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, k));
        first = FALSE;
      }
  g_string_append_c (out, ']');
}

static void
append_field (GString    *out,
              const char *key,
              const char *value,
              gboolean    comma)
{
  if (value == NULL)
    return;
  g_string_append_printf (out, "%s\n  \"%s\": ", comma ? "," : "", key);
  _attrib_json_append_string (out, value);
}

/* The profile as it is after extends and overrides, in a fixed key order:
 * `attrib profile show` prints it, and fingerprints hash it. */
static void
build_canonical (AttribProfile *self)
{
  GString *out = g_string_new ("{");
  guint i;

  append_field (out, "id", self->id, FALSE);
  append_field (out, "title", self->title, TRUE);
  append_field (out, "version", self->version, TRUE);
  append_field (out, "effective", self->effective, TRUE);
  append_field (out, "time_zone", self->time_zone, TRUE);
  append_field (out, "level", self->level, TRUE);
  append_field (out, "deal_stage", _attrib_enum_nick (ATTRIB_TYPE_DEAL_STAGE, self->deal_stage), TRUE);
  append_field (out, "source", self->source, TRUE);
  append_field (out, "extends", self->extends, TRUE);
  g_string_append (out, ",\n  \"params\": {\"rename_keeps\": ");
  append_relations (out, self->rename_keeps);
  g_string_append_printf (out, ", \"mask_names\": %s", self->mask_names ? "true" : "false");
  g_string_append (out, "},\n  \"clauses\": [");
  for (i = 0; i < self->clauses->len; i++)
    {
      const AttribClause *clause = g_ptr_array_index (self->clauses, i);
      const AttribParamSpec *spec;
      gboolean first = TRUE;

      g_string_append (out, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
      _attrib_json_append_string (out, clause->id);
      g_string_append (out, ", \"kind\": ");
      _attrib_json_append_string (out, clause->kind->name);
      if (clause->title != NULL)
        {
          g_string_append (out, ",\n     \"title\": ");
          _attrib_json_append_string (out, clause->title);
        }
      if (clause->text != NULL)
        {
          g_string_append (out, ",\n     \"text\": ");
          _attrib_json_append_string (out, clause->text);
        }
      if (clause->kind->params[0].name != NULL)
        {
          g_string_append (out, ",\n     \"params\": {");
          for (spec = clause->kind->params; spec->name != NULL; spec++)
            {
              const AttribParamValue *v = g_hash_table_lookup (clause->params, spec->name);

              g_string_append_printf (out, "%s\"%s\": ", first ? "" : ", ", spec->name);
              first = FALSE;
              switch (v->type)
                {
                case ATTRIB_PARAM_INT:
                  g_string_append_printf (out, "%" G_GINT64_FORMAT, v->number);
                  break;
                case ATTRIB_PARAM_BOOL:
                  g_string_append (out, v->number ? "true" : "false");
                  break;
                case ATTRIB_PARAM_STRING:
                case ATTRIB_PARAM_DATE:
                  _attrib_json_append_string (out, v->string);
                  break;
                case ATTRIB_PARAM_RELATION:
                  g_string_append_printf (out, "\"%s\"", _attrib_enum_nick (ATTRIB_TYPE_RELATION_KIND, (int) v->number));
                  break;
                case ATTRIB_PARAM_RELATIONS:
                  append_relations (out, (guint32) v->number);
                  break;
                case ATTRIB_PARAM_PURPOSE:
                  g_string_append_printf (out, "\"%s\"", _attrib_enum_nick (ATTRIB_TYPE_VISIT_PURPOSE, (int) v->number));
                  break;
                default:
                  g_assert_not_reached ();
                }
            }
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, '}');
    }
  g_string_append (out, "\n  ]\n}\n");
  g_free (self->canonical);
  self->canonical = g_string_free (out, FALSE);
}

typedef struct
{
  AttribSourceEntry entry;
  guint rank;
  guint order;
} RankedSource;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const RankedSource *x = a, *y = b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static AttribSourceEntry *
ranked_sources (GArray *ranked,
                guint  *out_n)
{
  AttribSourceEntry *entries = g_new0 (AttribSourceEntry, MAX (ranked->len, 1));
  guint i;

  g_array_sort (ranked, compare_ranked);
  for (i = 0; i < ranked->len; i++)
    entries[i] = g_array_index (ranked, RankedSource, i).entry;
  *out_n = ranked->len;
  return entries;
}

static void
add_to_phase (GPtrArray          **list,
              const AttribClause  *clause)
{
  if (*list == NULL)
    *list = g_ptr_array_new ();
  g_ptr_array_add (*list, (gpointer) clause);
}

static const AttribClause **
phase_list (GPtrArray *list,
            guint     *out_n)
{
  *out_n = list != NULL ? list->len : 0;
  return list != NULL ? (const AttribClause **) g_ptr_array_free (list, FALSE) : NULL;
}

/* The clauses by phase (attrib-clause-kind-private.h): the sources by
 * their ranks, every other phase in the profile's order. A kind marked
 * `once` takes part through its first clause only (the sources, the
 * follow-ups: later clauses of the kind are cited, not run). */
static void
index_phases (AttribProfile *self)
{
  static const AttribPhase deciding[] = {
    ATTRIB_PHASE_RULING, ATTRIB_PHASE_VOID, ATTRIB_PHASE_RELATE, ATTRIB_PHASE_SPLIT, ATTRIB_PHASE_OVERRIDE,
  };
  AttribPhaseIndex *index = &self->phases;
  g_autoptr(GArray) own = g_array_new (FALSE, FALSE, sizeof (RankedSource));
  g_autoptr(GArray) joined = g_array_new (FALSE, FALSE, sizeof (RankedSource));
  GPtrArray *holders = NULL, *checks = NULL, *follow_events = NULL, *follow_visits = NULL;
  GPtrArray *decide[G_N_ELEMENTS (deciding)] = { NULL, };
  guint i, d;

  phase_index_clear (index);
  for (i = 0; i < self->clauses->len; i++)
    {
      const AttribClause *clause = g_ptr_array_index (self->clauses, i);
      const AttribClauseKind *kind = clause->kind;
      const AttribSourceHook *hook;

      if (index->first[_attrib_clause_kind_index (kind)] == NULL)
        index->first[_attrib_clause_kind_index (kind)] = clause;
      else if (kind->once)
        continue;
      for (hook = kind->sources; hook != NULL && hook->attempts != NULL; hook++)
        {
          RankedSource r = { { clause, hook }, 0, i };

          r.rank = hook->rank;
          if (r.rank > 0)
            g_array_append_val (own, r);
          r.rank = hook->companion_rank;
          if (r.rank > 0)
            g_array_append_val (joined, r);
        }
      if (kind->protection_rank > 0 &&
          (index->protection == NULL || kind->protection_rank < index->protection->kind->protection_rank))
        index->protection = clause;
      if (kind->holder != NULL)
        add_to_phase (&holders, clause);
      if (kind->check != NULL)
        add_to_phase (&checks, clause);
      if (kind->follow_event != NULL)
        add_to_phase (&follow_events, clause);
      if (kind->follow_visit != NULL)
        add_to_phase (&follow_visits, clause);
      for (d = 0; d < G_N_ELEMENTS (deciding); d++)
        if (kind->decide != NULL && (kind->phases & deciding[d]))
          add_to_phase (&decide[d], clause);
    }
  index->sources = ranked_sources (own, &index->n_sources);
  index->companion_sources = ranked_sources (joined, &index->n_companion_sources);
  index->holders = phase_list (holders, &index->n_holders);
  index->checks = phase_list (checks, &index->n_checks);
  index->follow_events = phase_list (follow_events, &index->n_follow_events);
  index->follow_visits = phase_list (follow_visits, &index->n_follow_visits);
  for (d = 0; d < G_N_ELEMENTS (deciding); d++)
    index->deciding[d] = phase_list (decide[d], &index->n_deciding[d]);
}

/* A profile is read: its canonical text, its clauses by phase. */
static void
seal (AttribProfile *self)
{
  build_canonical (self);
  index_phases (self);
}

const AttribPhaseIndex *
_attrib_profile_get_phases (AttribProfile *self)
{
  return &self->phases;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

static int
compare_strptr (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * attrib_profile_list_builtin:
 *
 * The ids of the profiles compiled into the library, sorted.
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids
 */
char **
attrib_profile_list_builtin (void)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *ids;
  guint i;

  ensure_builtin ();
  names = g_resources_enumerate_children (BUILTIN_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  ids = g_ptr_array_new ();

  for (i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".json"))
      g_ptr_array_add (ids, g_strndup (names[i], strlen (names[i]) - 5));
  g_ptr_array_sort (ids, compare_strptr);
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

static AttribProfile *
load_data (const char  *data,
           gsize        length,
           const char  *filename,
           const char  *base_dir,
           GError     **error)
{
  g_autoptr(AttribJsonDocument) doc = _attrib_json_parse (data, length, filename, error);
  g_autofree char *canonical = NULL;
  ProfileChain top = { NULL, NULL };

  if (doc == NULL)
    return NULL;
  /* a file's own path starts the chain: a file extending itself is a cycle */
  if (base_dir != NULL)
    {
      canonical = g_canonicalize_filename (filename, base_dir);
      top.path = canonical;
    }
  return load_profile (_attrib_json_document_get_root (doc), filename, base_dir, top.path != NULL ? &top : NULL, 0,
                       error);
}

/**
 * attrib_profile_new_builtin:
 * @id: a built-in profile id, such as `junyuan-2012`
 * @error: return location for a #GError
 *
 * Loads a profile compiled into the library; see
 * [func@Attrib.Profile.list_builtin].
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with
 *   %ATTRIB_ERROR_NOT_FOUND
 */
AttribProfile *
attrib_profile_new_builtin (const char  *id,
                            GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  ensure_builtin ();
  path = g_strdup_printf (BUILTIN_PATH "/%s.json", id);
  if (strchr (id, '/') == NULL)
    bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_auto(GStrv) known = attrib_profile_list_builtin ();
      g_autofree char *list = g_strjoinv (", ", known);

      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND,
                   _("No built-in profile “%s” (built-in: %s)"), id, list);
      return NULL;
    }
  return load_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), path, NULL, error);
}

/**
 * attrib_profile_new_from_data:
 * @data: (array length=length) (element-type guint8): the profile as JSON
 * @length: the length of @data, or -1 if it is NUL-terminated
 * @filename: (nullable): the name to use in error messages
 * @error: return location for a #GError
 *
 * Loads a profile from JSON text (`docs/profiles.md`). An `extends` names a
 * built-in profile. Errors carry `file:line:column`.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
AttribProfile *
attrib_profile_new_from_data (const char  *data,
                              gssize       length,
                              const char  *filename,
                              GError     **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (length < 0)
    length = strlen (data);
  return load_data (data, length, filename != NULL ? filename : "<data>", NULL, error);
}

/**
 * attrib_profile_new_from_file:
 * @file: a profile file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads a profile file. An `extends` names a built-in profile or a file
 * relative to @file's folder.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error set
 */
AttribProfile *
attrib_profile_new_from_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) parent = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, error))
    return NULL;
  name = g_file_get_parse_name (file);
  parent = g_file_get_parent (file);
  dir = parent != NULL ? g_file_get_path (parent) : NULL;
  return load_data (contents, length, name, dir, error);
}

static AttribProfile *
profile_copy (AttribProfile *src)
{
  AttribProfile *self = g_object_new (ATTRIB_TYPE_PROFILE, NULL);
  guint i;

  self->id = g_strdup (src->id);
  self->title = g_strdup (src->title);
  self->version = g_strdup (src->version);
  self->effective = g_strdup (src->effective);
  self->time_zone = g_strdup (src->time_zone);
  self->extends = g_strdup (src->extends);
  self->source = g_strdup (src->source);
  self->level = g_strdup (src->level);
  self->deal_stage = src->deal_stage;
  self->rename_keeps = src->rename_keeps;
  self->mask_names = src->mask_names;
  self->tz = g_time_zone_ref (src->tz);
  for (i = 0; i < src->clauses->len; i++)
    g_ptr_array_add (self->clauses, clause_copy (g_ptr_array_index (src->clauses, i)));
  return self;
}

AttribProfile *
_attrib_profile_new_with_params_node (AttribProfile  *self,
                                      const void     *params,
                                      const char     *filename,
                                      GError        **error)
{
  g_autoptr(AttribProfile) copy = profile_copy (self);

  if (!apply_profile_params (copy, params, filename, error))
    return NULL;
  seal (copy);
  return g_steal_pointer (&copy);
}

/**
 * attrib_profile_derive:
 * @self: a profile
 * @params_json: a JSON object of parameter overrides
 * @error: return location for a #GError
 *
 * A copy of @self with other parameters, as a scenario's `params` gives
 * them: each key is a clause id whose value is an object of that clause's
 * parameters (`{"1.1.4": {"months": 6}}`), `rename_keeps` or `mask_names`
 * (`{"mask_names": false}`).
 *
 * Returns: (transfer full) (nullable): the derived profile, or %NULL with
 *   @error set
 */
AttribProfile *
attrib_profile_derive (AttribProfile  *self,
                       const char     *params_json,
                       GError        **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  g_return_val_if_fail (params_json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  doc = _attrib_json_parse (params_json, strlen (params_json), "<params>", error);
  if (doc == NULL)
    return NULL;
  return _attrib_profile_new_with_params_node (self, _attrib_json_document_get_root (doc), "<params>", error);
}

/**
 * attrib_profile_get_id:
 * @self: a profile
 *
 * The profile's id.
 *
 * Returns: (transfer none): the id, such as `junyuan-2012`
 */
const char *
attrib_profile_get_id (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->id;
}

/**
 * attrib_profile_get_title:
 * @self: a profile
 *
 * The regulation's title, as it is written.
 *
 * Returns: (transfer none): the title
 */
const char *
attrib_profile_get_title (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->title;
}

/**
 * attrib_profile_get_version:
 * @self: a profile
 *
 * The regulation's version. A profile that extends another and gives
 * none has its base's.
 *
 * Returns: (transfer none) (nullable): the version
 */
const char *
attrib_profile_get_version (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->version;
}

/**
 * attrib_profile_get_effective:
 * @self: a profile
 *
 * The date the regulation takes effect. A profile that extends another and
 * gives none has its base's.
 *
 * Returns: (transfer none) (nullable): the date, `YYYY-MM-DD`
 */
const char *
attrib_profile_get_effective (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->effective;
}

/**
 * attrib_profile_get_time_zone_identifier:
 * @self: a profile
 *
 * The time zone of the regulation's local dates.
 *
 * Returns: (transfer none): the time zone identifier
 */
const char *
attrib_profile_get_time_zone_identifier (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->time_zone;
}

/**
 * attrib_profile_get_level:
 * @self: a profile
 *
 * Who competes for a customer: channels, or each agent on their own.
 *
 * Returns: the profile's level
 */
AttribProfileLevel
attrib_profile_get_level (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), ATTRIB_PROFILE_LEVEL_CHANNEL);
  return _attrib_profile_is_agent_level (self) ? ATTRIB_PROFILE_LEVEL_AGENT : ATTRIB_PROFILE_LEVEL_CHANNEL;
}

/**
 * attrib_profile_get_deal_stage:
 * @self: a profile
 *
 * The deal stage whose time counts: subscription (认购) or signing (签约).
 *
 * Returns: the counted stage
 */
AttribDealStage
attrib_profile_get_deal_stage (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), 0);
  return self->deal_stage;
}

/**
 * attrib_profile_get_extends:
 * @self: a profile
 *
 * The profile this one extends.
 *
 * Returns: (transfer none) (nullable): the base profile's id or file
 */
const char *
attrib_profile_get_extends (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return self->extends;
}

/**
 * attrib_profile_get_clause_ids:
 * @self: a profile
 *
 * The ids of the profile's clauses, in the order the engine considers
 * them.
 *
 * Returns: (transfer full) (array zero-terminated=1): the clause ids
 */
char **
attrib_profile_get_clause_ids (AttribProfile *self)
{
  char **ids;
  guint i;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);

  ids = g_new (char *, self->clauses->len + 1);
  for (i = 0; i < self->clauses->len; i++)
    ids[i] = g_strdup (((AttribClause *) g_ptr_array_index (self->clauses, i))->id);
  ids[i] = NULL;
  return ids;
}

static const AttribClause *
clause_by_id (AttribProfile *self,
              const char    *id)
{
  gint at = find_clause (self, id);

  return at >= 0 ? g_ptr_array_index (self->clauses, at) : NULL;
}

/**
 * attrib_profile_get_clause_kind:
 * @self: a profile
 * @clause: a clause id
 *
 * The engine mechanism that implements a clause.
 *
 * Returns: (transfer none) (nullable): the kind, or %NULL for an unknown
 *   clause
 */
const char *
attrib_profile_get_clause_kind (AttribProfile *self,
                                const char    *clause)
{
  const AttribClause *c;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  g_return_val_if_fail (clause != NULL, NULL);

  c = clause_by_id (self, clause);
  return c != NULL ? c->kind->name : NULL;
}

/**
 * attrib_profile_get_clause_title:
 * @self: a profile
 * @clause: a clause id
 *
 * A clause's short title.
 *
 * Returns: (transfer none) (nullable): the title
 */
const char *
attrib_profile_get_clause_title (AttribProfile *self,
                                 const char    *clause)
{
  const AttribClause *c;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  g_return_val_if_fail (clause != NULL, NULL);

  c = clause_by_id (self, clause);
  return c != NULL ? c->title : NULL;
}

/**
 * attrib_profile_get_clause_text:
 * @self: a profile
 * @clause: a clause id
 *
 * A clause's original text.
 *
 * Returns: (transfer none) (nullable): the text
 */
const char *
attrib_profile_get_clause_text (AttribProfile *self,
                                const char    *clause)
{
  const AttribClause *c;

  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  g_return_val_if_fail (clause != NULL, NULL);

  c = clause_by_id (self, clause);
  return c != NULL ? c->text : NULL;
}

/**
 * attrib_profile_to_json:
 * @self: a profile
 *
 * The profile as resolved — base profile, overrides and defaults applied —
 * as JSON in a fixed key order.
 *
 * Returns: (transfer full): the JSON text
 */
char *
attrib_profile_to_json (AttribProfile *self)
{
  g_return_val_if_fail (ATTRIB_IS_PROFILE (self), NULL);
  return g_strdup (self->canonical);
}

guint
_attrib_profile_get_n_clauses (AttribProfile *self)
{
  return self->clauses->len;
}

const AttribClause *
_attrib_profile_get_clause (AttribProfile *self,
                            guint          index)
{
  return g_ptr_array_index (self->clauses, index);
}

/* The first clause of a kind, by the kind's name: for the profile's own
 * checks and tests (the engine asks by index, _attrib_profile_first). */
const AttribClause *
_attrib_profile_find_kind (AttribProfile *self,
                           const char    *kind)
{
  const AttribClauseKind *k = _attrib_clause_kind_lookup (kind);

  return k != NULL ? self->phases.first[_attrib_clause_kind_index (k)] : NULL;
}

gboolean
_attrib_profile_is_agent_level (AttribProfile *self)
{
  return strcmp (self->level, "agent") == 0;
}

GTimeZone *
_attrib_profile_get_tz (AttribProfile *self)
{
  return self->tz;
}

guint32
_attrib_profile_get_rename_keeps (AttribProfile *self)
{
  return self->rename_keeps;
}

/* Whether a report's name decides among the persons its masked phone
 * fits (`params.mask_names`, catalog §11); when not, the engine sees a
 * contact the ledger resolved by name as ambiguous. */
gboolean
_attrib_profile_get_mask_names (AttribProfile *self)
{
  return self->mask_names;
}

const char *
_attrib_profile_get_canonical (AttribProfile *self)
{
  return self->canonical;
}

/* "sha256:…" of the canonical text: what a verdict's fingerprint covers of
 * the profile (hashing the whole text again for every verdict would cost
 * more than the verdict). Built on first use; racing threads keep one. */
const char *
_attrib_profile_get_digest (AttribProfile *self)
{
  char *digest = g_atomic_pointer_get (&self->digest);

  if (digest == NULL)
    {
      digest = _attrib_sha256_text (self->canonical, strlen (self->canonical));
      if (!g_atomic_pointer_compare_and_exchange (&self->digest, NULL, digest))
        {
          g_free (digest);
          digest = g_atomic_pointer_get (&self->digest);
        }
    }
  return digest;
}
