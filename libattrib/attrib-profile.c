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

#include "attrib-profile-impl-private.h"
#include "attrib-resources.h"
#include "attrib-read-private.h"
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
 * data, in the JSON format of [Profile format](profiles.html); the built-in ones are
 * compiled into the library ([func@Attrib.Profile.list_builtin]). A profile
 * may `extends` another and override its clauses' parameters.
 *
 * A profile is immutable once loaded; [method@Attrib.Profile.derive]
 * derives a copy with other parameters.
 */

G_DEFINE_FINAL_TYPE (AttribProfile, attrib_profile, G_TYPE_OBJECT)

#define BUILTIN_PATH "/org/libattrib/profiles"

/* The built-in profiles register themselves when the library loads; this
 * reference also keeps them in programs that link the static core. */
void
_attrib_profile_ensure_builtin (void)
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

void
_attrib_profile_param_value_free (gpointer data)
{
  AttribParamValue *v = data;

  g_free (v->string);
  g_free (v);
}

void
_attrib_profile_clause_free (gpointer data)
{
  AttribClause *clause = data;

  g_free (clause->id);
  g_free (clause->title);
  g_free (clause->text);
  g_clear_pointer (&clause->params, g_hash_table_unref);
  g_free (clause->values);
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
  /* clause->values is built when the copy is sealed */
  clause->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, _attrib_profile_param_value_free);
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

void
_attrib_profile_phase_index_clear (AttribPhaseIndex *index)
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
  _attrib_profile_phase_index_clear (&self->phases);
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
  self->clauses = g_ptr_array_new_with_free_func (_attrib_profile_clause_free);
}

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

  _attrib_profile_ensure_builtin ();
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
  return _attrib_profile_load_profile (_attrib_json_document_get_root (doc), filename, base_dir, top.path != NULL ? &top : NULL, 0,
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

  _attrib_profile_ensure_builtin ();
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
 * Loads a profile from JSON text ([Profile format](profiles.html)). An `extends` names a
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

  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
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

  if (!_attrib_profile_apply_profile_params (copy, params, filename, error))
    return NULL;
  _attrib_profile_seal (copy);
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
  gint at = _attrib_profile_find_clause (self, id);

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
