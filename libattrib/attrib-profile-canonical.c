/* attrib-profile-canonical.c: a profile as read, for show and fingerprints
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The canonical JSON of a resolved profile (what `attrib profile show`
 * prints and a verdict's fingerprint hashes through its digest), and the
 * clauses by phase the engine runs (attrib-clause-kind-private.h): both
 * built once, when the profile is read (_attrib_profile_seal).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "attrib-sha256-private.h"
#include "attrib-event-private.h"
#include "attrib-json-private.h"

#include "attrib-profile-impl-private.h"
#include "attrib-resources.h"
#include "attrib-util-private.h"

typedef struct
{
  AttribSourceEntry entry;
  guint rank;
  guint order;
} RankedSource;

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

  _attrib_profile_phase_index_clear (index);
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
          (index->primary == NULL || kind->protection_rank < index->primary->kind->protection_rank))
        index->primary = clause;
      if (kind->protection_rank > 0 && !kind->confirms_reports &&
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

/* The periods @clause counts from an event, forward or back: the sum of
 * its parameters in months and in days (minutes rounded up to days), and
 * those parameters, for a message, if @names is not %NULL. FALSE if it
 * has none. */
gboolean
_attrib_clause_reach (const AttribClause *clause,
                      gint64             *months,
                      gint64             *days,
                      GString            *names)
{
  const AttribParamSpec *spec;
  gboolean any = FALSE;

  for (spec = clause->kind->params; spec != NULL && spec->name != NULL; spec++)
    {
      const AttribParamValue *value = clause->values != NULL ? clause->values[spec - clause->kind->params]
                                      : g_hash_table_lookup (clause->params, spec->name);

      if (spec->type != ATTRIB_PARAM_INT || value == NULL || value->number == 0)
        continue;
      if (g_str_has_suffix (spec->name, "months"))
        *months += value->number;
      else if (g_str_has_suffix (spec->name, "days"))
        *days += value->number;
      else if (g_str_has_suffix (spec->name, "minutes"))
        *days += (value->number + 24 * 60 - 1) / (24 * 60);
      else
        continue;
      any = TRUE;
      if (names != NULL)
        g_string_append_printf (names, "%s“%s”: %" G_GINT64_FORMAT, names->len > 0 ? ", " : "", spec->name,
                                value->number);
    }
  return any;
}

/* Each clause's parameter values in the order of its kind's. */
static void
index_values (AttribProfile *self)
{
  guint i, k, n;

  for (i = 0; i < self->clauses->len; i++)
    {
      AttribClause *clause = g_ptr_array_index (self->clauses, i);

      for (n = 0; clause->kind->params != NULL && clause->kind->params[n].name != NULL; n++)
        ;
      g_free (clause->values);
      clause->values = g_new0 (const AttribParamValue *, n + 1);
      for (k = 0; k < n; k++)
        clause->values[k] = g_hash_table_lookup (clause->params, clause->kind->params[k].name);
    }
}

/* The longest periods any clause counts, in months and in days. */
static void
index_reach (AttribProfile *self)
{
  guint i;

  self->reach_months = self->reach_days = 0;
  for (i = 0; i < self->clauses->len; i++)
    {
      gint64 months = 0, days = 0;

      if (_attrib_clause_reach (g_ptr_array_index (self->clauses, i), &months, &days, NULL))
        {
          self->reach_months = MAX (self->reach_months, months);
          self->reach_days = MAX (self->reach_days, days);
        }
    }
}

void
_attrib_profile_get_reach (AttribProfile *profile,
                           gint64        *out_months,
                           gint64        *out_days)
{
  *out_months = profile->reach_months;
  *out_days = profile->reach_days;
}

/* A profile is read: its canonical text, its clauses by phase, their
 * parameters by index. */
void
_attrib_profile_seal (AttribProfile *self)
{
  build_canonical (self);
  index_phases (self);
  index_values (self);
  index_reach (self);
}

const AttribPhaseIndex *
_attrib_profile_get_phases (AttribProfile *self)
{
  return &self->phases;
}
