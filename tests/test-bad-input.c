/* test-bad-input.c: the hostile-input corpus and the limits
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Runs every case of tests/bad-input/ (its README.md describes the
 * layout) and the generated cases of the documented limits through the
 * public API, and checks that each one fails with exactly the GError its
 * expectation states — domain, code and message — and leaves nothing
 * behind: no event in the ledger, no profile, plan, scenario or audit
 * result. Output is TAP, one line per case.
 *
 *   test-bad-input                  run everything
 *   test-bad-input CASE…            run the cases whose name starts so
 *   test-bad-input --print [CASE…]  print what each case gives, in the
 *                                   format of an expectation file
 *
 * Paths in messages are written relative to tests/bad-input/ (generated
 * files as generated/NAME), so expectations do not depend on where the
 * tree is.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#ifdef G_OS_UNIX
#include <sys/mman.h>
#endif

#include <attrib/attrib.h>

/* The limits as documented (docs/reliability.md); the library keeps them
 * in attrib-limits-private.h, which a public-API test does not see. */
#define STRING_LIMIT ((gsize) 1 << 20)
#define TEXT_LIMIT (64 * 1024)

typedef struct
{
  const char *root;          /* tests/bad-input, with a trailing '/' */
  const char *tmp;           /* where generated files go, with a trailing '/' */
  gboolean print;
  char **only;
  guint n;
  guint failed;
} Runner;

/* What a case gave: NULL if it was accepted. */
typedef struct
{
  char *code;
  char *message;
  char *problem;             /* something left behind, or NULL */
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_free (o->code);
  g_free (o->message);
  g_free (o->problem);
}

/* ------------------------------------------------------------------ */
/* Comparing                                                           */

static char *
code_name (const GError *error)
{
  GType type = G_TYPE_INVALID;
  char *name = NULL;

  if (error->domain == ATTRIB_ERROR)
    type = ATTRIB_TYPE_ERROR;
  else if (error->domain == G_IO_ERROR)
    type = G_TYPE_IO_ERROR_ENUM;
  if (type != G_TYPE_INVALID)
    {
      GEnumClass *klass = g_type_class_ref (type);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      if (value != NULL)
        name = g_strdup (value->value_name);
      g_type_class_unref (klass);
    }
  if (name == NULL)
    name = g_strdup_printf ("%s:%d", g_quark_to_string (error->domain), error->code);
  return name;
}

/* @text with every occurrence of @prefix replaced by @replacement. */
static char *
replace_all (const char *text,
             const char *prefix,
             const char *replacement)
{
  GString *out = g_string_new (NULL);
  gsize len = strlen (prefix);
  const char *p = text, *hit;

  while (len > 0 && (hit = strstr (p, prefix)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, replacement);
      p = hit + len;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

static void
set_error (Runner       *runner,
           Outcome      *o,
           const GError *error)
{
  char *step = replace_all (error->message, runner->root, "");

  o->code = code_name (error);
  o->message = replace_all (step, runner->tmp, "generated/");
  g_free (step);
}

static gboolean
selected (Runner     *runner,
          const char *name)
{
  guint i;

  if (runner->only == NULL || runner->only[0] == NULL)
    return TRUE;
  for (i = 0; runner->only[i] != NULL; i++)
    if (g_str_has_prefix (name, runner->only[i]))
      return TRUE;
  return FALSE;
}

/* Reports one case as TAP. */
static void
report (Runner     *runner,
        const char *name,
        Outcome    *got,
        const char *want_code,
        const char *want_message)
{
  gboolean ok;

  runner->n++;
  if (runner->print)
    {
      printf ("== %s\n%s\n%s\n", name,
              got->code != NULL ? got->code : "(accepted)",
              got->message != NULL ? got->message : "");
      if (got->problem != NULL)
        printf ("!! %s\n", got->problem);
      fflush (stdout);
      return;
    }

  ok = got->code != NULL && got->problem == NULL &&
       g_strcmp0 (got->code, want_code) == 0 && g_strcmp0 (got->message, want_message) == 0;
  if (ok)
    printf ("ok %u - %s\n", runner->n, name);
  else
    {
      runner->failed++;
      printf ("not ok %u - %s\n", runner->n, name);
      if (got->code == NULL && *want_code != '\0')
        printf ("# accepted, but it must fail with %s\n", want_code);
      else if (got->code != NULL)
        {
          if (g_strcmp0 (got->code, want_code) != 0)
            printf ("# code:    %s\n# wanted:  %s\n", got->code, want_code);
          if (g_strcmp0 (got->message, want_message) != 0)
            printf ("# message: %s\n# wanted:  %s\n", got->message, want_message);
        }
      if (got->problem != NULL)
        printf ("# %s\n", got->problem);
    }
  fflush (stdout);
}

/* ------------------------------------------------------------------ */
/* Loading with the public API                                          */

typedef enum {
  LOAD_EVENTS,               /* attrib_ledger_load_file / _data */
  LOAD_CSV,                  /* attrib_ledger_load_csv (data only) */
  LOAD_JSONL,                /* attrib_ledger_load_json_lines (data only) */
  LOAD_SCENARIO,             /* attrib_scenario_load */
  LOAD_PROFILE,              /* attrib_profile_new_from_file / _data */
  LOAD_PLAN,                 /* attrib_commission_plan_new_from_file / _data */
  LOAD_AUDIT,                /* attrib_audit_run_file / _data */
} Load;

static const struct {
  const char *dir;
  Load load;
} kinds[] = {
  { "events", LOAD_EVENTS },
  { "csv", LOAD_EVENTS },    /* load_file reads a .csv name as CSV */
  { "jsonl", LOAD_EVENTS },  /* and a .jsonl name as JSON Lines */
  { "scenario", LOAD_SCENARIO },
  { "profile", LOAD_PROFILE },
  { "plan", LOAD_PLAN },
  { "audit", LOAD_AUDIT },
};

static void
check_ledger_empty (AttribLedger *ledger,
                    Outcome      *o)
{
  if (attrib_ledger_get_n_events (ledger) != 0)
    o->problem = g_strdup_printf ("the failed load left %u events in the ledger",
                                  attrib_ledger_get_n_events (ledger));
}

static void
check_audit (AttribAudit  *audit,
             const GError *error,
             Outcome      *o)
{
  const char *line = NULL;
  g_autofree char *want = NULL;

  if (attrib_audit_get_n_passed (audit) != 0 || attrib_audit_get_n_results (audit) != 1 ||
      attrib_audit_get_n_failed (audit) != 1)
    {
      o->problem = g_strdup_printf ("the broken scenario left %u results (%u passed), not one failure",
                                    attrib_audit_get_n_results (audit), attrib_audit_get_n_passed (audit));
      return;
    }
  attrib_audit_get_result (audit, 0, &line, NULL);
  want = g_strdup_printf ("FAIL %s", error->message);
  if (g_strcmp0 (line, want) != 0)
    o->problem = g_strdup_printf ("the failure's line is “%s”, not “%s”", line, want);
}

/* Loads @file (or @data) as @load: the outcome. */
static void
run_load (Runner     *runner,
          Load        load,
          GFile      *file,
          const char *data,
          gsize       length,
          const char *name,
          Outcome    *o)
{
  g_autoptr(GError) error = NULL;

  switch (load)
    {
    case LOAD_EVENTS:
    case LOAD_CSV:
    case LOAD_JSONL:
      {
        g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
        gboolean ok;

        if (file != NULL)
          ok = attrib_ledger_load_file (ledger, file, NULL, &error);
        else if (load == LOAD_CSV)
          ok = attrib_ledger_load_csv (ledger, data, length, name, &error);
        else if (load == LOAD_JSONL)
          ok = attrib_ledger_load_json_lines (ledger, data, length, name, &error);
        else
          ok = attrib_ledger_load_data (ledger, data, length, name, &error);
        if (!ok)
          check_ledger_empty (ledger, o);
        break;
      }

    case LOAD_SCENARIO:
      {
        g_autoptr(AttribProfile) profile = NULL;
        g_autoptr(AttribLedger) ledger = NULL;

        g_assert (file != NULL);
        if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error) && (profile != NULL || ledger != NULL))
          o->problem = g_strdup ("the failed scenario still gave a profile or a ledger");
        break;
      }

    case LOAD_PROFILE:
      {
        g_autoptr(AttribProfile) profile = NULL;

        if (file != NULL)
          profile = attrib_profile_new_from_file (file, NULL, &error);
        else
          profile = attrib_profile_new_from_data (data, length, name, &error);
        if (profile != NULL && error != NULL)
          o->problem = g_strdup ("a profile and an error both");
        break;
      }

    case LOAD_PLAN:
      {
        g_autoptr(AttribCommissionPlan) plan = NULL;

        if (file != NULL)
          plan = attrib_commission_plan_new_from_file (file, NULL, &error);
        else
          plan = attrib_commission_plan_new_from_data (data, length, name, &error);
        if (plan != NULL && error != NULL)
          o->problem = g_strdup ("a plan and an error both");
        break;
      }

    case LOAD_AUDIT:
      {
        g_autoptr(AttribAudit) audit = attrib_audit_new ();
        gboolean ok;

        if (file != NULL)
          ok = attrib_audit_run_file (audit, file, NULL, &error);
        else
          ok = attrib_audit_run_data (audit, data, length, name, &error);
        if (!ok)
          check_audit (audit, error, o);
        else if (attrib_audit_get_n_passed (audit) > 0)
          o->problem = g_strdup_printf ("%u expectations passed", attrib_audit_get_n_passed (audit));
        break;
      }

    default:
      g_assert_not_reached ();
    }

  if (error != NULL)
    set_error (runner, o, error);
}

/* ------------------------------------------------------------------ */
/* Expectation files: optional "#" comment lines, the code, the message */

static gboolean
read_expectation (const char  *path,
                  char       **out_code,
                  char       **out_message,
                  char       **out_problem)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *message = NULL;
  guint i;

  *out_code = *out_message = NULL;
  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      *out_problem = g_strdup_printf ("cannot read %s", path);
      return FALSE;
    }
  lines = g_strsplit (text, "\n", -1);
  for (i = 0; lines[i] != NULL && lines[i][0] == '#'; i++)
    ;
  if (lines[i] == NULL || lines[i][0] == '\0')
    {
      *out_problem = g_strdup_printf ("%s has no code line", path);
      return FALSE;
    }
  *out_code = g_strdup (lines[i]);
  message = g_string_new (NULL);
  for (i++; lines[i] != NULL; i++)
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, lines[i]);
    }
  while (message->len > 0 && message->str[message->len - 1] == '\n')
    g_string_truncate (message, message->len - 1);
  *out_message = g_string_free (message, FALSE);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The names of the regular files directly in @dir, sorted (none if it
 * cannot be read). */
static GPtrArray *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
run_file_cases (Runner *runner)
{
  guint k, i;

  for (k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autofree char *dir = g_strconcat (runner->root, kinds[k].dir, NULL);
      g_autoptr(GPtrArray) names = list_dir (dir);

      /* a folder gone missing must not shrink the corpus silently */
      if (names->len == 0 && selected (runner, kinds[k].dir))
        {
          Outcome got = { NULL, NULL, g_strdup_printf ("no cases in %s", dir) };

          report (runner, kinds[k].dir, &got, "", "");
          outcome_clear (&got);
        }
      for (i = 0; i < names->len; i++)
        {
          const char *file_name = g_ptr_array_index (names, i);
          g_autofree char *case_name = g_strdup_printf ("%s/%s", kinds[k].dir, file_name);
          g_autofree char *path = g_build_filename (dir, file_name, NULL);
          g_autofree char *base = NULL;
          g_autofree char *expect = NULL;
          g_autofree char *code = NULL;
          g_autofree char *message = NULL;
          g_autoptr(GFile) file = NULL;
          Outcome got = { NULL, };
          const char *dot;

          if (g_str_has_suffix (file_name, ".error"))
            {
              /* an expectation must have its input */
              g_autofree char *stem = g_strndup (file_name, strlen (file_name) - 6);
              guint j;
              gboolean found = FALSE;

              for (j = 0; j < names->len && !found; j++)
                {
                  const char *other = g_ptr_array_index (names, j);

                  found = j != i && g_str_has_prefix (other, stem) && other[strlen (stem)] == '.' &&
                          strchr (other + strlen (stem) + 1, '.') == NULL;
                }
              if (!found && selected (runner, case_name))
                {
                  got.problem = g_strdup ("an expectation without its input file");
                  report (runner, case_name, &got, "", "");
                  outcome_clear (&got);
                }
              continue;
            }
          if (file_name[0] == '.' || g_str_equal (file_name, "README.md"))
            continue;
          if (!selected (runner, case_name))
            continue;

          dot = strrchr (file_name, '.');
          base = dot != NULL ? g_strndup (file_name, dot - file_name) : g_strdup (file_name);
          expect = g_strdup_printf ("%s/%s.error", dir, base);
          if (!read_expectation (expect, &code, &message, &got.problem))
            {
              report (runner, case_name, &got, "", "");
              outcome_clear (&got);
              continue;
            }
          file = g_file_new_for_path (path);
          run_load (runner, kinds[k].load, file, NULL, 0, NULL, &got);
          report (runner, case_name, &got, code, message);
          outcome_clear (&got);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Tables: one value per line, for the one-line inputs                  */

/* The input column: backslash escapes \\ \t \n \r \xHH; "(null)" is NULL.
 * FALSE for a bad escape. */
static gboolean
unescape (const char  *text,
          char       **out)
{
  GString *s;
  const char *p;

  if (g_str_equal (text, "(null)"))
    {
      *out = NULL;
      return TRUE;
    }
  s = g_string_new (NULL);
  for (p = text; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_string_append_c (s, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case '\\': g_string_append_c (s, '\\'); break;
        case 't': g_string_append_c (s, '\t'); break;
        case 'n': g_string_append_c (s, '\n'); break;
        case 'r': g_string_append_c (s, '\r'); break;
        case 'x':
          if (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
            {
              g_string_append_c (s, (char) (g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2])));
              p += 2;
              break;
            }
          G_GNUC_FALLTHROUGH;
        default:
          g_string_free (s, TRUE);
          return FALSE;
        }
    }
  *out = g_string_free (s, FALSE);
  return TRUE;
}

typedef enum {
  TABLE_PHONE,
  TABLE_TIME,
  TABLE_TIME_ZONE,
  TABLE_MONEY,
  TABLE_PERSON,              /* name, phone: attrib_ledger_find_person */
  TABLE_MONTH,               /* attrib_calculator_get_statement's period */
} Table;

static const struct {
  const char *file;
  Table table;
  guint n_inputs;
} tables[] = {
  { "phones.tsv", TABLE_PHONE, 1 },
  { "times.tsv", TABLE_TIME, 1 },
  { "time-zones.tsv", TABLE_TIME_ZONE, 1 },
  { "money.tsv", TABLE_MONEY, 1 },
  { "persons.tsv", TABLE_PERSON, 2 },
  { "months.tsv", TABLE_MONTH, 1 },
};

typedef struct
{
  AttribLedger *persons;     /* values/support/persons.json, frozen */
  AttribCalculator *calculator;
  AttribLedger *empty;
} TableContext;

static void
run_table_value (Runner       *runner,
                 TableContext *ctx,
                 Table         table,
                 char * const *inputs,
                 Outcome      *o)
{
  g_autoptr(GError) error = NULL;

  switch (table)
    {
    case TABLE_PHONE:
      {
        g_autofree char *normal = attrib_phone_normalize (inputs[0], NULL, &error);

        if (normal != NULL && error != NULL)
          o->problem = g_strdup ("a phone and an error both");
        break;
      }
    case TABLE_TIME:
      {
        AttribTime t = 42;

        if (inputs[0] == NULL)
          o->problem = g_strdup ("a time cannot be (null)");
        else if (!attrib_time_parse (inputs[0], NULL, &t, &error) && t != 42)
          o->problem = g_strdup ("the failed parse wrote a time");
        break;
      }
    case TABLE_TIME_ZONE:
      {
        GTimeZone *tz = attrib_time_zone_new (inputs[0], &error);

        g_clear_pointer (&tz, g_time_zone_unref);
        break;
      }
    case TABLE_MONEY:
      {
        gint64 fen = 42;

        if (inputs[0] == NULL)
          o->problem = g_strdup ("an amount cannot be (null)");
        else if (!attrib_money_parse (inputs[0], &fen, &error) && fen != 42)
          o->problem = g_strdup ("the failed parse wrote an amount");
        break;
      }
    case TABLE_PERSON:
      {
        g_autoptr(AttribPerson) person = attrib_ledger_find_person (ctx->persons, inputs[0], inputs[1], &error);

        break;
      }
    case TABLE_MONTH:
      {
        g_autoptr(AttribStatement) s = NULL;

        if (inputs[0] == NULL)
          o->problem = g_strdup ("a month cannot be (null)");
        else
          s = attrib_calculator_get_statement (ctx->calculator, ctx->empty, "lianjia", inputs[0], &error);
        break;
      }
    default:
      g_assert_not_reached ();
    }
  if (error != NULL)
    set_error (runner, o, error);
}

static void
run_table_cases (Runner *runner)
{
  g_autofree char *persons_path = g_strconcat (runner->root, "values/support/persons.json", NULL);
  g_autoptr(GFile) persons_file = g_file_new_for_path (persons_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  TableContext ctx = { attrib_ledger_new (), attrib_calculator_new (profile), attrib_ledger_new () };
  guint t;

  if (!attrib_ledger_load_file (ctx.persons, persons_file, NULL, &error))
    g_error ("%s", error->message);
  attrib_ledger_freeze (ctx.persons);
  attrib_ledger_freeze (ctx.empty);

  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *path = g_strconcat (runner->root, "values/", tables[t].file, NULL);
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;
      guint i;

      if (!g_file_get_contents (path, &text, NULL, NULL))
        {
          g_autofree char *name = g_strconcat ("values/", tables[t].file, NULL);
          Outcome got = { NULL, NULL, g_strdup_printf ("cannot read %s", path) };

          if (!selected (runner, name))
            continue;
          report (runner, name, &got, "", "");
          outcome_clear (&got);
          continue;
        }
      lines = g_strsplit (text, "\n", -1);
      for (i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *case_name = g_strdup_printf ("values/%s:%u", tables[t].file, i + 1);
          g_auto(GStrv) columns = NULL;
          char *inputs[2] = { NULL, NULL };
          Outcome got = { NULL, };
          guint c, n = tables[t].n_inputs;
          gboolean bad = FALSE;

          if (lines[i][0] == '#' || lines[i][0] == '\0' || !selected (runner, case_name))
            continue;
          columns = g_strsplit (lines[i], "\t", -1);
          if (g_strv_length (columns) != n + 2)
            {
              got.problem = g_strdup_printf ("%u columns, not %u (input, code, message, by tabs)",
                                             g_strv_length (columns), n + 2);
              report (runner, case_name, &got, "", "");
              outcome_clear (&got);
              continue;
            }
          for (c = 0; c < n; c++)
            bad |= !unescape (columns[c], &inputs[c]);
          if (bad)
            got.problem = g_strdup ("a bad escape in the input (write \\\\ \\t \\n \\r \\xHH)");
          else
            run_table_value (runner, &ctx, tables[t].table, inputs, &got);
          report (runner, case_name, &got, columns[n], columns[n + 1]);
          outcome_clear (&got);
          for (c = 0; c < n; c++)
            g_free (inputs[c]);
        }
    }
  g_object_unref (ctx.persons);
  g_object_unref (ctx.calculator);
  g_object_unref (ctx.empty);
}

/* ------------------------------------------------------------------ */
/* Generated cases: the limits, with inputs too big to check in         */

#define EVENT_HEAD "{\"events\": [{\"id\": \"e1\", \"type\": \"report\", \"at\": \"2024-03-01\", " \
                   "\"party\": \"lianjia/zhang\", \"customer\": {\"name\": \"李四\"}"

static GString *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *s = g_string_new (NULL);
  guint i;

  for (i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (i = 0; i < depth; i++)
    g_string_append (s, close);
  return s;
}

static char *
repeat (char  c,
        gsize n)
{
  return g_strnfill (n, c);
}

/* A visit with @n agents (JSON) */
static GString *
visit_with_list (const char *key,
                 guint       n)
{
  GString *s = g_string_new ("[{\"id\": \"v1\", \"type\": \"");
  guint i;

  if (g_str_equal (key, "parties"))
    g_string_append (s, "sanction\", \"at\": \"2024-03-01\", \"kind\": \"dispute\", \"parties\": [");
  else if (g_str_equal (key, "groups"))
    g_string_append (s, "roster\", \"at\": \"2024-03-01\", \"date\": \"2024-03-01\", \"groups\": {\"A\": [");
  else if (g_str_equal (key, "shares"))
    g_string_append (s, "ruling\", \"at\": \"2024-03-01\", \"deal\": \"D1\", \"shares\": {");
  else
    g_string_append_printf (s, "visit\", \"at\": \"2024-03-01\", \"customer\": {\"phone\": \"13800138000\"}, \"%s\": [",
                            key);
  for (i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      if (g_str_equal (key, "agents"))
        g_string_append_printf (s, "{\"party\": \"lianjia/a%u\"}", i);
      else if (g_str_equal (key, "companions"))
        g_string_append_printf (s, "{\"name\": \"同行%u\"}", i);
      else if (g_str_equal (key, "skipped"))
        g_string_append_printf (s, "{\"party\": \"A/a%u\"}", i);
      else if (g_str_equal (key, "groups"))
        g_string_append_printf (s, "\"A/a%u\"", i);
      else if (g_str_equal (key, "shares"))
        g_string_append_printf (s, "\"c%u\": \"1/%u\"", i, n);
      else
        g_string_append_printf (s, "\"lianjia/a%u\"", i);
    }
  g_string_append (s, g_str_equal (key, "groups") ? "]}}]" : g_str_equal (key, "shares") ? "}}]" : "]}]");
  return s;
}

static GString *
profile_with_clauses (guint n)
{
  GString *s = g_string_new ("{\"id\": \"many\", \"title\": \"many\", \"clauses\": [");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\": \"c%u\", \"kind\": \"note\"}", i ? ", " : "", i);
  g_string_append (s, "]}");
  return s;
}

static GString *
plan_with_steps (guint n)
{
  GString *s = g_string_new ("{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"1%\"}},"
                             " \"tiers\": {\"steps\": [");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"from\": %u, \"rate\": \"1%%\"}", i ? ", " : "", i);
  g_string_append (s, "]}}");
  return s;
}

static GString *
scenario_with_plans (guint n)
{
  GString *s = g_string_new ("{\"title\": \"t\", \"profile\": \"junyuan-2012\", \"events\": [], \"expect\": [],"
                             " \"plans\": [");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"id\": \"p%u\", \"party\": \"c%u\", \"products\": {\"parking\": {\"amount\": \"1.00\"}}}",
                            i ? ", " : "", i, i);
  g_string_append (s, "]}");
  return s;
}

static GString *
events_with_duplicate (guint n)
{
  GString *s = g_string_new ("[");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "{\"id\": \"d%u\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"},\n",
                            i);
  g_string_append (s, "{\"id\": \"d0\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}]");
  return s;
}

static GString *
object_with_duplicate (guint n)
{
  GString *s = g_string_new ("{\"events\": [], \"note\": {");
  guint i;

  for (i = 0; i < n; i++)
    g_string_append_printf (s, "\"k%u\": 0, ", i);
  g_string_append (s, "\"k7\": 1}}");
  return s;
}

static void
run_generated_data (Runner     *runner,
                    const char *name,
                    Load        load,
                    GString    *data,
                    const char *code,
                    const char *message)
{
  g_autofree char *case_name = g_strconcat ("generated/", name, NULL);
  Outcome got = { NULL, };

  if (selected (runner, case_name))
    {
      run_load (runner, load, NULL, data->str, data->len, case_name, &got);
      report (runner, case_name, &got, code, message);
      outcome_clear (&got);
    }
  g_string_free (data, TRUE);
}

/* Writes @data as generated/@name in the temporary folder. */
static GFile *
write_generated (Runner     *runner,
                 const char *name,
                 const char *data)
{
  g_autofree char *path = g_strconcat (runner->tmp, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, -1, &error))
    g_error ("%s", error->message);
  return g_file_new_for_path (path);
}

static void
run_generated_file (Runner     *runner,
                    const char *name,
                    Load        load,
                    GFile      *file,
                    const char *code,
                    const char *message)
{
  g_autofree char *case_name = g_strconcat ("generated/", name, NULL);
  Outcome got = { NULL, };

  if (selected (runner, case_name))
    {
      run_load (runner, load, file, NULL, 0, NULL, &got);
      report (runner, case_name, &got, code, message);
      outcome_clear (&got);
    }
  g_object_unref (file);
}

/* Not an error: a chain of customers each introduced by the one before,
 * deeper than the engine follows (ATTRIB_LIMIT_CLAIM_DEPTH, 256), must end
 * in a pending verdict that says so, not in a stack overflow. */
static void
run_claim_depth (Runner *runner)
{
  const char *name = "generated/referral-chain-300.json";
  g_autoptr(GString) data = g_string_new ("[");
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("first-contact", NULL);
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autoptr(GError) error = NULL;
  gboolean said = FALSE;
  guint i;

  if (!selected (runner, name))
    return;
  for (i = 0; i < 300; i++)
    {
      g_string_append_printf (data, "{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:%02u:%02u+08:00\", "
                              "\"customer\": {\"phone\": \"139%08u\"}, \"received_by\": \"office/r%u\"",
                              i, i / 60, i % 60, i, i % 5);
      if (i > 0)
        g_string_append_printf (data, ", \"referred_by\": {\"phone\": \"139%08u\"}", i - 1);
      g_string_append (data, "},\n");
    }
  g_string_append (data, "{\"id\": \"s1\", \"type\": \"deal\", \"at\": \"2024-03-20\", \"deal\": \"D1\", "
                   "\"stage\": \"subscribed\", \"purchaser\": {\"phone\": \"13900000299\"}}]");

  runner->n++;
  if (profile == NULL || !attrib_ledger_load_data (ledger, data->str, data->len, name, &error))
    {
      runner->failed++;
      printf ("not ok %u - %s\n# %s\n", runner->n, name, error != NULL ? error->message : "no profile first-contact");
      return;
    }
  engine = attrib_engine_new (profile);
  verdict = attrib_engine_attribute_deal (engine, ledger, "D1", &error);
  for (i = 0; verdict != NULL && i < attrib_verdict_get_n_steps (verdict); i++)
    {
      const char *message = NULL;

      attrib_verdict_get_step (verdict, i, NULL, &message);
      said |= message != NULL && strstr (message, "run deeper than 256") != NULL;
    }
  if (verdict != NULL && attrib_verdict_get_status (verdict) == ATTRIB_VERDICT_STATUS_PENDING && said)
    printf ("ok %u - %s (a pending verdict, as documented)\n", runner->n, name);
  else
    {
      runner->failed++;
      printf ("not ok %u - %s\n# wanted a pending verdict whose trace says the chain runs deeper than 256\n",
              runner->n, name);
    }
}

#ifdef G_OS_UNIX
/* An input one byte past the size limit, without the memory: pages of an
 * anonymous mapping are only allocated when touched, and the size check
 * comes before any byte is read. */
static void
run_oversized (Runner     *runner,
               const char *name,
               Load        load)
{
  gsize size = ((gsize) 1 << 30) + 1;
  g_autofree char *case_name = g_strconcat ("generated/", name, NULL);
  g_autofree char *message = NULL;
  Outcome got = { NULL, };
  void *data;

  if (!selected (runner, case_name))
    return;
  data = mmap (NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (data == MAP_FAILED)
    {
      printf ("ok %u - %s # SKIP no address space for a 1 GiB mapping\n", ++runner->n, case_name);
      return;
    }
  run_load (runner, load, NULL, data, size, case_name, &got);
  message = g_strdup_printf ("%s: the input is %" G_GSIZE_FORMAT " bytes, more than the limit of 1 GiB",
                             case_name, size);
  report (runner, case_name, &got, "ATTRIB_ERROR_LIMIT", message);
  outcome_clear (&got);
  munmap (data, size);
}
#endif

static void
run_generated_cases (Runner *runner)
{
  g_autofree char *s = NULL;
  g_autofree char *msg = NULL;
  GString *data;
  guint i;

  /* Nesting: 64 levels are read, the 65th is refused where it opens;
   * a million levels cost no stack (the reader does not recurse). */
  run_generated_data (runner, "nesting-64.json", LOAD_EVENTS, nested (64, "[", "", "]"),
                      "ATTRIB_ERROR_INVALID_FILE",
                      "generated/nesting-64.json:1:2: event #1: expected an object, found an array");
  run_generated_data (runner, "nesting-65.json", LOAD_EVENTS, nested (65, "[", "", "]"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-65.json:1:65: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-million-arrays.json", LOAD_EVENTS, nested (1000000, "[", "", "]"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-million-arrays.json:1:65: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-million-objects.json", LOAD_EVENTS, nested (1000000, "{\"a\":", "0", "}"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-million-objects.json:1:321: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-unclosed.json", LOAD_EVENTS, nested (1000000, "[", "", ""),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-unclosed.json:1:65: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-profile.json", LOAD_PROFILE,
                      nested (100, "{\"id\": \"p\", \"title\": \"t\", \"note\": ", "0", "}"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-profile.json:1:2177: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-plan.json", LOAD_PLAN, nested (200, "[", "", "]"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-plan.json:1:65: arrays and objects are nested deeper than 64 levels");
  run_generated_data (runner, "nesting-audit.json", LOAD_AUDIT, nested (65, "{\"expect\": ", "[]", "}"),
                      "ATTRIB_ERROR_LIMIT",
                      "generated/nesting-audit.json:1:705: arrays and objects are nested deeper than 64 levels");

  /* Strings and numbers */
  s = repeat ('x', STRING_LIMIT + 1);
  data = g_string_new (EVENT_HEAD ", \"note\": \"");
  g_string_append (data, s);
  g_string_append (data, "\"}]}");
  run_generated_data (runner, "string-over-1-mib.json", LOAD_EVENTS, data, "ATTRIB_ERROR_LIMIT",
                      "generated/string-over-1-mib.json:1:126: the string is 1048577 bytes long, more than the limit of 1 MiB");
  g_clear_pointer (&s, g_free);

  s = repeat ('x', TEXT_LIMIT + 1);
  data = g_string_new (EVENT_HEAD ", \"note\": \"");
  g_string_append (data, s);
  g_string_append (data, "\"}]}");
  run_generated_data (runner, "note-over-64-kib.json", LOAD_EVENTS, data, "ATTRIB_ERROR_LIMIT",
                      "generated/note-over-64-kib.json:1:126: event “e1”: note: is 65537 bytes long, at most 65536 are allowed");
  g_clear_pointer (&s, g_free);

  s = repeat ('i', 257);
  data = g_string_new ("[{\"id\": \"");
  g_string_append (data, s);
  g_string_append (data, "\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}]");
  msg = g_strdup_printf ("generated/id-257-bytes.json:1:9: event “%s”: id: is 257 bytes long, at most 256 are allowed", s);
  run_generated_data (runner, "id-257-bytes.json", LOAD_EVENTS, data, "ATTRIB_ERROR_LIMIT", msg);
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&msg, g_free);

  s = repeat ('n', 257);
  data = g_string_new ("[{\"id\": \"e2\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"lianjia/");
  g_string_append (data, s);
  g_string_append (data, "\"}]");
  run_generated_data (runner, "party-over-256-bytes.json", LOAD_EVENTS, data, "ATTRIB_ERROR_LIMIT",
                      "generated/party-over-256-bytes.json:1:65: event “e2”: party: a party is at most 256 bytes long, "
                      "this one has 265");
  g_clear_pointer (&s, g_free);

  s = repeat ('9', 101);
  data = g_string_new ("[{\"id\": \"e1\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\", \"seq\": ");
  g_string_append (data, s);
  g_string_append (data, "}]");
  run_generated_data (runner, "number-101-digits.json", LOAD_EVENTS, data, "ATTRIB_ERROR_LIMIT",
                      "generated/number-101-digits.json:1:79: the number is 101 characters long, more than the limit of 100");
  g_clear_pointer (&s, g_free);

  s = repeat ('9', 100);
  data = g_string_new ("[{\"id\": \"e1\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\", \"seq\": ");
  g_string_append (data, s);
  g_string_append (data, "}]");
  {
    /* quoted as every run of digits is: the first 3 and the last 4 shown */
    g_autofree char *stars = repeat ('*', 100 - 7);

    msg = g_strdup_printf ("generated/number-100-digits.json:1:79: event “e1”: seq: expected an integer between -1000000 "
                           "and 1000000, found 999%s9999", stars);
  }
  run_generated_data (runner, "number-100-digits.json", LOAD_EVENTS, data, "ATTRIB_ERROR_INVALID_FILE", msg);
  g_clear_pointer (&s, g_free);
  g_clear_pointer (&msg, g_free);

  /* Lists in one event: 4096 items, not one more */
  {
    static const struct {
      const char *key;
      const char *what;
      const char *code;
      guint column;
    } lists[] = {
      { "agents", "agents", "ATTRIB_ERROR_LIMIT", 101 },
      { "companions", "companions", "ATTRIB_ERROR_LIMIT", 105 },
      { "skipped", "skipped representatives", "ATTRIB_ERROR_LIMIT", 102 },
      { "parties", "parties", "ATTRIB_ERROR_LIMIT", 86 },
      { "groups", "consultants", "ATTRIB_ERROR_LIMIT", 92 },
      { "shares", "shares", "ATTRIB_ERROR_LIMIT", 84 },
    };

    for (i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        g_autofree char *name = g_strdup_printf ("list-4097-%s.json", lists[i].key);
        g_autofree char *field = g_str_equal (lists[i].key, "shares") ? g_strdup ("performance") : g_strdup (lists[i].key);
        g_autofree char *message = g_strdup_printf ("generated/%s:1:%u: event “v1”: %s: more than 4096 %s",
                                                    name, lists[i].column, field, lists[i].what);

        run_generated_data (runner, name, LOAD_EVENTS, visit_with_list (lists[i].key, 4097), lists[i].code, message);
      }
  }

  /* CSV: a field over 1 MiB, a list over 4096 items */
  s = repeat ('x', STRING_LIMIT + 1);
  data = g_string_new ("id,type,at,party,note\nd1,departure,2024-03-01,c/x,");
  g_string_append (data, s);
  g_string_append (data, "\n");
  run_generated_data (runner, "csv-field-over-1-mib.csv", LOAD_CSV, data, "ATTRIB_ERROR_LIMIT",
                      "generated/csv-field-over-1-mib.csv:2:29: the field is 1048577 bytes long, more than the limit of 1 MiB");
  g_clear_pointer (&s, g_free);

  data = g_string_new ("id,type,at,customer_phone,agents\nv1,visit,2024-03-01,13800138000,");
  for (i = 0; i < 4097; i++)
    g_string_append_printf (data, "%slianjia/a%u", i ? ";" : "", i);
  g_string_append (data, "\n");
  run_generated_data (runner, "csv-4097-agents.csv", LOAD_CSV, data, "ATTRIB_ERROR_LIMIT",
                      "generated/csv-4097-agents.csv:2:33: event “v1”: agents: more than 4096 agents");

  /* JSON Lines: the same limits, each line read on its own; the position
   * is the line's in the file */
  s = repeat ('x', STRING_LIMIT + 1);
  data = g_string_new ("{\"id\": \"d0\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\n"
                       "{\"id\": \"d1\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\", \"note\": \"");
  g_string_append (data, s);
  g_string_append (data, "\"}\n");
  run_generated_data (runner, "jsonl-string-over-1-mib.jsonl", LOAD_JSONL, data, "ATTRIB_ERROR_LIMIT",
                      "generated/jsonl-string-over-1-mib.jsonl:2:79: the string is 1048577 bytes long, more than the limit of 1 MiB");
  g_clear_pointer (&s, g_free);

  data = nested (65, "[", "", "]");
  g_string_prepend (data, "{\"id\": \"d0\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\n");
  run_generated_data (runner, "jsonl-nesting-65.jsonl", LOAD_JSONL, data, "ATTRIB_ERROR_LIMIT",
                      "generated/jsonl-nesting-65.jsonl:2:65: arrays and objects are nested deeper than 64 levels");

  data = visit_with_list ("agents", 4097);
  g_string_erase (data, 0, 1);                    /* the event, not an array of it */
  g_string_truncate (data, data->len - 1);
  g_string_prepend (data, "{\"id\": \"d0\", \"type\": \"departure\", \"at\": \"2024-03-01\", \"party\": \"c/x\"}\r\n\r\n");
  run_generated_data (runner, "jsonl-4097-agents.jsonl", LOAD_JSONL, data, "ATTRIB_ERROR_LIMIT",
                      "generated/jsonl-4097-agents.jsonl:3:100: event “v1”: agents: more than 4096 agents");

  data = events_with_duplicate (100000);
  for (i = 0; i < data->len; i++)
    if (data->str[i] == '\n')
      {
        /* the array's items, one a line, without the array */
        guint k = i;

        while (k > 0 && data->str[k - 1] == ' ')
          k--;
        if (k > 0 && data->str[k - 1] == ',')
          data->str[k - 1] = ' ';
      }
  g_string_erase (data, 0, 1);
  g_string_truncate (data, data->len - 1);
  run_generated_data (runner, "jsonl-duplicate-id-after-100000.jsonl", LOAD_JSONL, data, "ATTRIB_ERROR_DUPLICATE_ID",
                      "generated/jsonl-duplicate-id-after-100000.jsonl:100001:8: event “d0”: id: an event with id “d0” "
                      "is already in the ledger");

  /* Big objects and arrays stay fast: a duplicate key after 100000
   * members, a duplicate id after 100000 events */
  run_generated_data (runner, "duplicate-key-after-100000.json", LOAD_EVENTS, object_with_duplicate (100000),
                      "ATTRIB_ERROR_PARSE",
                      "generated/duplicate-key-after-100000.json:1:1288915: duplicate key “k7”");
  run_generated_data (runner, "duplicate-id-after-100000.json", LOAD_EVENTS, events_with_duplicate (100000),
                      "ATTRIB_ERROR_DUPLICATE_ID",
                      "generated/duplicate-id-after-100000.json:100001:8: event “d0”: id: an event with id “d0” is "
                      "already in the ledger");

  /* Profiles: 1024 clauses, and extends 16 deep */
  run_generated_data (runner, "clauses-1025.json", LOAD_PROFILE, profile_with_clauses (1025), "ATTRIB_ERROR_LIMIT",
                      "generated/clauses-1025.json:1:44: a profile has at most 1024 clauses; “clauses” lists 1025");
  {
    GFile *file = NULL;

    /* chain-0 extends chain-1 … extends chain-16 extends chain-17 */
    for (i = 17; i != G_MAXUINT; i--)
      {
        g_autofree char *name = g_strdup_printf ("chain-%u.json", i);
        g_autofree char *text = i == 17
          ? g_strdup ("{\"id\": \"chain-17\", \"title\": \"t\", \"clauses\": [{\"id\": \"1\", \"kind\": \"note\"}]}")
          : g_strdup_printf ("{\"id\": \"chain-%u\", \"extends\": \"chain-%u.json\"}", i, i + 1);

        g_clear_object (&file);
        file = write_generated (runner, name, text);
      }
    run_generated_file (runner, "chain-0.json", LOAD_PROFILE, file, "ATTRIB_ERROR_LIMIT",
                        "generated/chain-16.json:1:31: “extends” goes deeper than 16 profiles");
  }

  /* Plans: tier steps, and the plans of one scenario */
  run_generated_data (runner, "tiers-1025-steps.json", LOAD_PLAN, plan_with_steps (1025), "ATTRIB_ERROR_LIMIT",
                      "generated/tiers-1025-steps.json:1:97: “tiers” have at most 1024 steps; “steps” lists 1025");
  run_generated_data (runner, "scenario-1001-plans.json", LOAD_AUDIT, scenario_with_plans (1001), "ATTRIB_ERROR_LIMIT",
                      "generated/scenario-1001-plans.json:1:80: a scenario has at most 1000 plans; “plans” lists 1001");

  run_claim_depth (runner);

#ifdef G_OS_UNIX
  /* Inputs over 1 GiB */
  run_oversized (runner, "over-1-gib.json", LOAD_EVENTS);
  run_oversized (runner, "over-1-gib.csv", LOAD_CSV);
  run_oversized (runner, "over-1-gib.jsonl", LOAD_JSONL);
  run_oversized (runner, "over-1-gib-profile.json", LOAD_PROFILE);
  run_oversized (runner, "over-1-gib-plan.json", LOAD_PLAN);
  run_oversized (runner, "over-1-gib-audit.json", LOAD_AUDIT);
#endif
}

int
main (int    argc,
      char **argv)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *root = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *tmp_slash = NULL;
  g_autoptr(GError) error = NULL;
  Runner runner = { NULL, };
  int first = 1;

  if (argc > 1 && g_str_equal (argv[1], "--print"))
    {
      runner.print = TRUE;
      first = 2;
    }
  runner.only = argv + first;

  {
    g_autofree char *dir = g_build_filename (srcdir != NULL ? srcdir : BAD_INPUT_SRCDIR, "bad-input", NULL);

    root = g_strconcat (dir, G_DIR_SEPARATOR_S, NULL);
  }
  runner.root = root;
  tmp = g_dir_make_tmp ("attrib-bad-input-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("%s", error->message);
  tmp_slash = g_strconcat (tmp, G_DIR_SEPARATOR_S, NULL);
  runner.tmp = tmp_slash;

  run_file_cases (&runner);
  run_table_cases (&runner);
  run_generated_cases (&runner);

  {
    g_autoptr(GPtrArray) names = list_dir (tmp);
    guint i;

    for (i = 0; i < names->len; i++)
      {
        g_autofree char *path = g_build_filename (tmp, g_ptr_array_index (names, i), NULL);

        g_unlink (path);
      }
    g_rmdir (tmp);
  }

  if (!runner.print)
    {
      printf ("1..%u\n", runner.n);
      printf ("# %u cases, %u failed\n", runner.n, runner.failed);
    }
  return runner.failed == 0 ? 0 : 1;
}
