/* attrib-scenario.c: scenario files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A scenario file (docs/audit-format.md): its profile (a built-in id, a
 * file, or inline), its events into a ledger, its commission plans, and
 * its expectations checked (attrib-audit-expect.c). attrib_scenario_load()
 * and attrib_scenario_load_plans() give the same to programs.
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

static const char *scenario_keys[] = {
  "title", "profile", "params", "now", "events", "expect", "note", "plans", NULL
};

/* `plans`: commission plans, inline or files beside the scenario. */
static gboolean
load_plans (const AttribJsonNode  *root,
            const char            *filename,
            const char            *base_dir,
            GPtrArray            **out_plans,
            GError               **error)
{
  const AttribJsonNode *node = _attrib_json_object_get (root, "plans");
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  guint i;

  if (node != NULL && node->kind != ATTRIB_JSON_ARRAY)
    return _attrib_json_fail_at (error, filename, node, _("“plans” is an array of commission plans or plan files"));
  if (node != NULL && node->array.n_items > ATTRIB_LIMIT_PLANS)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT, _("%s:%u:%u: a scenario has at most %d plans; “plans” lists %u"),
                   filename, node->line, node->column, ATTRIB_LIMIT_PLANS, node->array.n_items);
      return FALSE;
    }
  for (i = 0; node != NULL && i < node->array.n_items; i++)
    {
      const AttribJsonNode *item = node->array.items[i];
      AttribCommissionPlan *plan;

      if (item->kind == ATTRIB_JSON_STRING)
        {
          g_autofree char *path = g_build_filename (base_dir != NULL ? base_dir : ".", item->string.str, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);
          GError *inner = NULL;

          /* a folder or a device (/dev/zero) is no plan, and reading one
           * might never end */
          if (g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_autofree char *shown = _attrib_for_display (item->string.str);

              return _attrib_json_fail_at (error, filename, item, _("“%s” is not a regular file"), shown);
            }
          plan = attrib_commission_plan_new_from_file (file, NULL, &inner);
          if (plan == NULL)
            {
              if (g_error_matches (inner, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
                {
                  g_autofree char *shown = _attrib_for_display (item->string.str);

                  _attrib_json_fail_at (error, filename, item, _("no plan file “%s” beside the scenario"), shown);
                }
              else
                {
                  /* a file that cannot be read (a folder …): say which entry named it */
                  if (inner->domain == G_IO_ERROR)
                    g_prefix_error (&inner, "%s:%u:%u: ", filename, item->line, item->column);
                  g_propagate_error (error, g_steal_pointer (&inner));
                }
              g_clear_error (&inner);
              return FALSE;
            }
        }
      else if (item->kind == ATTRIB_JSON_OBJECT)
        {
          plan = _attrib_commission_plan_new_from_node (item, filename, error);
          if (plan == NULL)
            return FALSE;
        }
      else
        return _attrib_json_fail_at (error, filename, item, _("a plan is an object, or the name of a plan file"));
      g_ptr_array_add (plans, plan);
    }
  *out_plans = g_steal_pointer (&plans);
  return TRUE;
}

/* Rulings and sanctions name their deal by id. A scenario holds the whole
 * project, so a deal that no deal event has is a mistyped id, which would
 * otherwise leave the ruling or sanction silently without effect. Events
 * after `now` count: a deal may be signed after the evaluation time. The
 * events have been read already, so their shape is known to be right. */
static gboolean
check_deal_references (const AttribJsonNode  *events,
                       const char            *filename,
                       GError               **error)
{
  g_autoptr(GHashTable) deals = g_hash_table_new (g_str_hash, g_str_equal);
  guint pass, i;

  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < events->array.n_items; i++)
      {
        const AttribJsonNode *ev = events->array.items[i];
        const AttribJsonNode *type = _attrib_json_object_get (ev, "type");
        const AttribJsonNode *deal = _attrib_json_object_get (ev, "deal");
        const AttribJsonNode *id;

        if (deal == NULL || deal->kind != ATTRIB_JSON_STRING || type == NULL || type->kind != ATTRIB_JSON_STRING)
          continue;
        if (pass == 0)
          {
            if (g_str_equal (type->string.str, "deal"))
              g_hash_table_add (deals, (gpointer) deal->string.str);
            continue;
          }
        if ((!g_str_equal (type->string.str, "ruling") && !g_str_equal (type->string.str, "sanction")) ||
            g_hash_table_contains (deals, deal->string.str))
          continue;
        id = _attrib_json_object_get (ev, "id");
        {
          g_autofree char *shown_1 = _attrib_for_display (id->string.str);
          g_autofree char *shown_2 = _attrib_for_display (deal->string.str);

          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_NOT_FOUND,
                       _("%s:%u:%u: event “%s”: deal: the scenario has no deal “%s” (no “deal” event names it)"),
                       filename, deal->line, deal->column, shown_1, shown_2);
        }
        return FALSE;
      }
  return TRUE;
}

/* Reads a scenario's profile (with its params) and events; hands back
 * the parsed document for the expectations. An audit (@for_audit) needs
 * the file's `title` and `expect`; a program that only wants the events
 * and the profile does not, and takes a file without them (a project's
 * profile, plans and events), though what is given must have its shape. */
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
                             GError              **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  const AttribJsonNode *root, *node, *events, *expect;
  AttribTime now = ATTRIB_TIME_MAX;
  GError *inner = NULL;
  guint i;

  doc = _attrib_json_parse (data, length, filename, &inner);
  root = doc != NULL ? _attrib_json_document_get_root (doc) : NULL;
  /* a file that is no JSON object and named as an event file is one: say
   * so, rather than how its second line or its first column fails to be
   * one JSON object (a scenario under such a name still reads) */
  if ((root == NULL || root->kind != ATTRIB_JSON_OBJECT) && filename != NULL &&
      (_attrib_name_has_suffix (filename, ".jsonl") || _attrib_name_has_suffix (filename, ".ndjson") ||
       _attrib_name_has_suffix (filename, ".csv")))
    {
      g_clear_error (&inner);
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                   _("%s: an event file is no scenario: a scenario is one JSON object that names its "
                     "profile and holds its events (and, for an audit, its title and expect)"), filename);
      return FALSE;
    }
  if (doc == NULL)
    {
      g_propagate_error (error, inner);
      return FALSE;
    }
  if (root->kind != ATTRIB_JSON_OBJECT)
    return _attrib_json_fail_at (error, filename, root, _("a scenario must be an object"));
  for (i = 0; i < root->object.n_members; i++)
    if (!g_strv_contains (scenario_keys, root->object.members[i].key))
      {
        AttribJsonNode at = { 0, };

        at.line = root->object.members[i].line;
        at.column = root->object.members[i].column;
        {
          g_autofree char *shown = _attrib_for_display (root->object.members[i].key);

          return _attrib_json_fail_at (error, filename, &at, _("unknown key “%s” in a scenario"), shown);
        }
      }
  node = _attrib_json_object_get (root, "title");
  if ((node == NULL && for_audit) || (node != NULL && node->kind != ATTRIB_JSON_STRING))
    return _attrib_json_fail_at (error, filename, node != NULL ? node : root, _("a scenario needs a “title” (a string)"));
  node = _attrib_json_object_get (root, "note");
  if (node != NULL && node->kind != ATTRIB_JSON_STRING)
    return _attrib_json_fail_at (error, filename, node, _("“note” is free text (a string)"));

  /* the profile: a built-in id, a file beside the scenario, or inline */
  node = _attrib_json_object_get (root, "profile");
  if (node == NULL)
    return _attrib_json_fail_at (error, filename, root, _("a scenario needs a “profile”"));
  if (node->kind == ATTRIB_JSON_STRING)
    {
      profile = attrib_profile_new_builtin (node->string.str, NULL);
      if (profile == NULL && base_dir != NULL)
        {
          g_autofree char *path = g_build_filename (base_dir, node->string.str, NULL);
          g_autoptr(GFile) file = g_file_new_for_path (path);

          if (g_file_query_exists (file, NULL) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_autofree char *shown = _attrib_for_display (node->string.str);

              return _attrib_json_fail_at (error, filename, node, _("“%s” is not a regular file"), shown);
            }
          if (g_file_query_exists (file, NULL))
            profile = attrib_profile_new_from_file (file, NULL, &inner);
          else
            {
              g_autofree char *shown = _attrib_for_display (node->string.str);

              return _attrib_json_fail_at (error, filename, node, _("“%s” is neither a built-in profile nor a file beside the scenario"),
                              shown);
            }
          if (profile == NULL)
            {
              /* a file that cannot be read (a folder …): say which key named it */
              if (inner->domain == G_IO_ERROR)
                g_prefix_error (&inner, "%s:%u:%u: ", filename, node->line, node->column);
              g_propagate_error (error, inner);
              return FALSE;
            }
        }
      if (profile == NULL)
        {
          g_autofree char *shown = _attrib_for_display (node->string.str);

          return _attrib_json_fail_at (error, filename, node, _("no built-in profile “%s”"), shown);
        }
    }
  else if (node->kind == ATTRIB_JSON_OBJECT)
    {
      profile = _attrib_profile_new_from_json (node, filename, base_dir, error);
      if (profile == NULL)
        return FALSE;
    }
  else
    return _attrib_json_fail_at (error, filename, node, _("“profile” is a profile id, a file name or an inline profile"));

  node = _attrib_json_object_get (root, "params");
  if (node != NULL)
    {
      AttribProfile *derived = _attrib_profile_new_with_params_node (profile, node, filename, error);

      if (derived == NULL)
        return FALSE;
      g_object_unref (profile);
      profile = derived;
    }

  node = _attrib_json_object_get (root, "now");
  if (node != NULL)
    {
      if (node->kind != ATTRIB_JSON_STRING ||
          !attrib_time_parse (node->string.str, _attrib_profile_get_tz (profile), &now, &inner) ||
          !_attrib_time_check_local_date (now, _attrib_profile_get_tz (profile), &inner))
        {
          _attrib_json_fail_at (error, filename, node, _("“now”: %s"), inner != NULL ? inner->message : _("expected a time (a string)"));
          g_clear_error (&inner);
          return FALSE;
        }
    }

  events = _attrib_json_object_get (root, "events");
  if (events == NULL || events->kind != ATTRIB_JSON_ARRAY)
    return _attrib_json_fail_at (error, filename, events != NULL ? events : root, _("a scenario needs an “events” array"));
  expect = _attrib_json_object_get (root, "expect");
  if ((expect == NULL && for_audit) || (expect != NULL && expect->kind != ATTRIB_JSON_ARRAY))
    return _attrib_json_fail_at (error, filename, expect != NULL ? expect : root, _("a scenario needs an “expect” array"));

  if (!load_plans (root, filename, base_dir, &plans, error))
    return FALSE;

  ledger = attrib_ledger_new_for_time_zone (attrib_profile_get_time_zone_identifier (profile), error);
  if (ledger == NULL)
    return FALSE;
  if (!_attrib_loader_load_events_node (ledger, events, filename, now, error) ||
      !check_deal_references (events, filename, error))
    return FALSE;
  /* the dates the profile's periods reach from these events: at the
   * clause's params if the scenario gives them, else at the event */
  {
    GError *reach = NULL;
    const char *clause = NULL, *event = NULL;

    if (!_attrib_run_check_dates (profile, ledger, &clause, &event, &reach))
      {
        const AttribJsonNode *params = _attrib_json_object_get (root, "params");
        const AttribJsonNode *at = params != NULL && params->kind == ATTRIB_JSON_OBJECT && clause != NULL
                                   ? _attrib_json_object_get (params, clause) : NULL;
        guint e;

        for (e = 0; at == NULL && event != NULL && e < events->array.n_items; e++)
          {
            const AttribJsonNode *item = events->array.items[e];
            const AttribJsonNode *id = item->kind == ATTRIB_JSON_OBJECT ? _attrib_json_object_get (item, "id") : NULL;

            if (id != NULL && id->kind == ATTRIB_JSON_STRING && g_str_equal (id->string.str, event))
              at = _attrib_json_object_get (item, "at");
          }
        if (at == NULL)
          at = _attrib_json_object_get (root, "profile");
        g_set_error (error, reach->domain, reach->code, "%s:%u:%u: %s", filename, at->line, at->column, reach->message);
        g_error_free (reach);
        return FALSE;
      }
  }
  attrib_ledger_freeze (ledger);

  if (out_doc != NULL)
    *out_doc = g_steal_pointer (&doc);
  *out_profile = g_steal_pointer (&profile);
  *out_ledger = g_steal_pointer (&ledger);
  if (out_plans != NULL)
    *out_plans = g_steal_pointer (&plans);
  return TRUE;
}

/**
 * attrib_scenario_load:
 * @file: a scenario file
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @out_profile: (out) (transfer full): the scenario's profile, with its
 *   `params` applied
 * @out_ledger: (out) (transfer full): the scenario's events, frozen
 * @error: return location for a #GError
 *
 * Reads a scenario file ([Audit scenario format](audit-format.html)) without running its
 * expectations: the profile it names (built-in, a file beside it, or
 * inline) and a ledger of its events up to its `now`, in the profile's
 * time zone. Only `profile` and `events` are needed: a file without the
 * `title` and `expect` an audit needs is read too. A bare event file (an
 * array, JSON Lines or CSV) names no profile: read it with
 * [method@Attrib.Ledger.load_file].
 *
 * Returns: %TRUE on success
 */
gboolean
attrib_scenario_load (GFile          *file,
                      GCancellable   *cancellable,
                      AttribProfile **out_profile,
                      AttribLedger  **out_ledger,
                      GError        **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) parent = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (out_profile != NULL && out_ledger != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  _attrib_bind_textdomain ();

  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
    return FALSE;
  name = g_file_get_parse_name (file);
  parent = g_file_get_parent (file);
  dir = parent != NULL ? g_file_get_path (parent) : NULL;
  return _attrib_audit_load_scenario (contents, length, name, dir, FALSE, NULL, out_profile, out_ledger, NULL, error);
}

/**
 * attrib_scenario_load_plans:
 * @file: a scenario file
 * @cancellable: (nullable): a #GCancellable, or %NULL
 * @error: return location for a #GError
 *
 * Reads the commission plans of a scenario file (its `plans`: inline, or
 * files beside it), in the order given.
 *
 * Returns: (transfer container) (element-type AttribCommissionPlan)
 *   (nullable): the plans, possibly none, or %NULL with @error set
 */
GPtrArray *
attrib_scenario_load_plans (GFile         *file,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(AttribJsonDocument) doc = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GFile) parent = NULL;
  const AttribJsonNode *root;
  GPtrArray *plans = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  _attrib_bind_textdomain ();

  if (!_attrib_read_input (file, cancellable, &contents, &length, error))
    return NULL;
  name = g_file_get_parse_name (file);
  parent = g_file_get_parent (file);
  dir = parent != NULL ? g_file_get_path (parent) : NULL;
  doc = _attrib_json_parse (contents, length, name, error);
  if (doc == NULL)
    return NULL;
  root = _attrib_json_document_get_root (doc);
  if (root->kind != ATTRIB_JSON_OBJECT)
    {
      _attrib_json_fail_at (error, name, root, _("a scenario must be an object"));
      return NULL;
    }
  if (!load_plans (root, name, dir, &plans, error))
    return NULL;
  return plans;
}
