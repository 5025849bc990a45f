/* attrib.c: the libattrib command-line tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <attrib/attrib.h>

#include "attrib-cmd.h"
#include "attrib-limits-private.h"
#include "attrib-read-private.h"

const char *
nick (GType type,
      int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return v != NULL ? v->value_nick : "?";
}


/* Machine-readable output (JSON, JSON Lines, CSV): UTF-8 bytes whatever
 * the locale. g_print() converts to the locale's charset, and in the C
 * locale of a container or a cron job that turns every Chinese character
 * into "?", so that two ids collide. Human text keeps g_print(). */
void
print_utf8 (const char *text)
{
  fputs (text, stdout);
}

/* Whether @party (a channel, group or agent) appears in an event of the
 * ledger or is paid by a plan. */
static gboolean
known_party (AttribLedger     *ledger,
             AttribCalculator *calculator,
             const char       *party)
{
  g_autoptr(GPtrArray) plans = attrib_calculator_get_plans (calculator);
  g_autoptr(GPtrArray) events = NULL;
  guint i;

  for (i = 0; i < plans->len; i++)
    if (g_str_equal (attrib_commission_plan_get_party (g_ptr_array_index (plans, i)), party))
      return TRUE;
  events = attrib_ledger_get_party_events (ledger, party, ATTRIB_TIME_MIN, ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
  return events != NULL && events->len > 0;
}

/* Every command's --help says how to choose the language. */
void
add_language_note (GOptionContext *context)
{
  g_option_context_set_description (context, _("Any command takes --lang zh_CN or --lang en: the language of "
                                                "messages, whatever the locale."));
}

/* Pads to a column width as a terminal shows it: CJK characters take two
 * columns, so printf's byte widths would misalign Chinese names. */
char *
pad (const char *text,
     guint       width)
{
  GString *s = g_string_new (text);
  guint columns = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  while (columns++ < width)
    g_string_append_c (s, ' ');
  return g_string_free (s, FALSE);
}

/* --phone-key FILE: ledgers keep phones hashed under the file's bytes. */
static GBytes *phone_key;

GBytes *
get_phone_key (void)
{
  return phone_key;
}

/* A key file (--phone-key, the store's --signing-key), read with a small
 * bound: a key is tens of bytes, and a file of megabytes is the wrong file
 * or a device such as /dev/zero, refused as soon as the bound is passed. */
char *
read_key_file (const char  *path,
               gsize       *out_length,
               GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *inner = NULL;
  char *contents = NULL;

  if (!_attrib_read_file (file, ATTRIB_LIMIT_KEY_BYTES, NULL, &contents, out_length, &inner))
    {
      if (g_error_matches (inner, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_clear_error (&inner);
          g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_LIMIT,
                       _("%s: a key file has at most %d bytes, this one has more: is it the right file?"),
                       name, (int) ATTRIB_LIMIT_KEY_BYTES);
          return NULL;
        }
      g_propagate_error (error, inner);
      return NULL;
    }
  return contents;
}

/* The same events in a ledger that hashes phones under --phone-key. */
static gboolean
apply_phone_key (AttribLedger **ledger,
                 GError       **error)
{
  g_autoptr(AttribLedger) keyed = NULL;
  guint i, n;

  if (phone_key == NULL)
    return TRUE;
  keyed = attrib_ledger_new_full (attrib_ledger_get_time_zone_identifier (*ledger), phone_key, error);
  if (keyed == NULL)
    return FALSE;
  n = attrib_ledger_get_n_events (*ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (*ledger, i);

      if (!attrib_ledger_add_event (keyed, ev, error))
        return FALSE;
    }
  attrib_ledger_freeze (keyed);
  g_object_unref (*ledger);
  *ledger = g_steal_pointer (&keyed);
  return TRUE;
}

/* Any text a user gave — a phone, a name, an id, a note — as printed:
 * every phone in it masked unless --show-phones (personal data: a phone
 * can be written in a name or an id by mistake). */
char *
show_phone (const char *phone)
{
  return attrib_get_show_phones () ? g_strdup (phone) : attrib_phone_mask (phone);
}

/* show_phone() of @text, kept in @pool until the pool is freed: for
 * listings that print many values. */
const char *
shown_in (GPtrArray  *pool,
          const char *text)
{
  char *shown = show_phone (text);

  if (shown != NULL)
    g_ptr_array_add (pool, shown);
  return shown;
}

static char *
describe_person (const char *name,
                 const char *phone)
{
  g_autofree char *shown = show_phone (phone);
  g_autofree char *shown_name = show_phone (name);

  if (name != NULL && phone != NULL)
    return g_strdup_printf ("%s %s", shown_name, shown);
  return g_strdup (name != NULL ? shown_name : shown);
}

static void
print_event (AttribEvent *ev,
             GTimeZone   *tz)
{
  g_autofree char *when = attrib_time_format (attrib_event_get_at (ev), tz);
  g_autofree char *who = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id_col = pad (shown_in (pool, attrib_event_get_id (ev)), 9);
  AttribEventType type = attrib_event_get_event_type (ev);
  guint i;

  if (attrib_event_get_customer_name (ev) != NULL || attrib_event_get_customer_phone (ev) != NULL)
    who = describe_person (attrib_event_get_customer_name (ev), attrib_event_get_customer_phone (ev));

  switch (type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      g_string_append_printf (details, _("by %s, %s"), shown_in (pool, attrib_event_get_party (ev)),
                              nick (ATTRIB_TYPE_REPORT_STAGE, attrib_event_get_report_stage (ev)));
      break;
    case ATTRIB_EVENT_TYPE_VISIT:
      g_string_append (details, nick (ATTRIB_TYPE_VISIT_KIND, attrib_event_get_visit_kind (ev)));
      for (i = 0; i < attrib_event_get_n_agents (ev); i++)
        {
          int rank;
          const char *party = attrib_event_get_agent (ev, i, &rank);

          g_string_append_printf (details, _("%s %s (rank %d)"), i == 0 ? C_("agent list", ", with") : C_("agent list", ","),
                                  shown_in (pool, party), rank);
        }
      if (attrib_event_get_received_by (ev) != NULL)
        g_string_append_printf (details, _(", received by %s"), shown_in (pool, attrib_event_get_received_by (ev)));
      break;
    case ATTRIB_EVENT_TYPE_INTERACTION:
      g_string_append (details, nick (ATTRIB_TYPE_INTERACTION_KIND, attrib_event_get_interaction_kind (ev)));
      break;
    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      g_string_append_printf (details, "%s", shown_in (pool, attrib_event_get_party (ev)));
      break;
    case ATTRIB_EVENT_TYPE_COMPLAINT:
      g_string_append_printf (details, _("against %s"), shown_in (pool, attrib_event_get_party (ev)));
      break;
    case ATTRIB_EVENT_TYPE_RELATION:
    case ATTRIB_EVENT_TYPE_IDENTITY:
      {
        /* a relation to a representative names a party, not a person */
        g_autofree char *other = attrib_event_get_party (ev) != NULL
                               ? show_phone (attrib_event_get_party (ev))
                               : describe_person (attrib_event_get_counterpart_name (ev),
                                                  attrib_event_get_counterpart_phone (ev));

        if (type == ATTRIB_EVENT_TYPE_RELATION)
          g_string_append_printf (details, _("%s of %s%s"),
                                  nick (ATTRIB_TYPE_RELATION_KIND, attrib_event_get_relation_kind (ev)),
                                  other, attrib_event_get_verified (ev) ? "" : _(" (unverified)"));
        else
          g_string_append_printf (details, _("same person as %s"), other);
      }
      break;
    case ATTRIB_EVENT_TYPE_DEAL:
      {
        gint64 price;

        g_string_append_printf (details, "%s %s", shown_in (pool, attrib_event_get_deal (ev)),
                                nick (ATTRIB_TYPE_DEAL_STAGE, attrib_event_get_deal_stage (ev)));
        if (attrib_event_get_unit (ev) != NULL)
          g_string_append_printf (details, _(", unit %s"), shown_in (pool, attrib_event_get_unit (ev)));
        if (attrib_event_get_price (ev, &price))
          {
            g_autofree char *money = attrib_money_format (price);

            g_string_append_printf (details, _(", ¥%s"), money);
          }
      }
      break;
    case ATTRIB_EVENT_TYPE_SANCTION:
      g_string_append (details, nick (ATTRIB_TYPE_SANCTION_KIND, attrib_event_get_sanction_kind (ev)));
      break;
    case ATTRIB_EVENT_TYPE_RULING:
      g_string_append_printf (details, _("on %s by %s"), shown_in (pool, attrib_event_get_deal (ev)),
                              attrib_event_get_authority (ev) != NULL ? shown_in (pool, attrib_event_get_authority (ev)) : "?");
      break;
    case ATTRIB_EVENT_TYPE_ROSTER:
      g_string_append_printf (details, _("%u consultants"), attrib_event_get_n_roster_members (ev));
      break;
    default:
      break;
    }

  g_print ("  %s  %s %-11s %s%s%s\n", when, id_col,
           nick (ATTRIB_TYPE_EVENT_TYPE, type),
           who != NULL ? who : "", who != NULL && details->len > 0 ? " — " : "", details->str);
}

static int
cmd_ledger (int    argc,
            char **argv)
{
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tz_name = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &tz_name, N_("Time zone of date-only times (default Asia/Shanghai)"), "ZONE" },
    { NULL }
  };
  GTimeZone *tz;
  guint i, n;
  int f;

  context = g_option_context_new (_("FILE… — load scenario files and print their persons and events"));
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("attrib ledger: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_printerr ("attrib ledger: %s\n", _("no file given"));
      return 2;
    }

  ledger = attrib_ledger_new_full (tz_name, phone_key, &error);
  if (ledger == NULL)
    {
      g_printerr ("attrib ledger: %s\n", error->message);
      return 2;
    }
  for (f = 1; f < argc; f++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[f]);

      if (!attrib_ledger_load_file (ledger, file, NULL, &error))
        {
          g_printerr ("attrib ledger: %s\n", error->message);
          return 1;
        }
    }
  attrib_ledger_freeze (ledger);
  tz = attrib_ledger_get_time_zone (ledger);

  {
    g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                                               attrib_ledger_get_n_events (ledger)),
                                                  attrib_ledger_get_n_events (ledger));
    g_autofree char *persons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u persons",
                                                                attrib_ledger_get_n_persons (ledger)),
                                                   attrib_ledger_get_n_persons (ledger));

    g_print (_("%s, %s (time zone %s)\n\n"), events, persons, attrib_ledger_get_time_zone_identifier (ledger));
  }

  g_print (_("Persons\n"));
  n = attrib_ledger_get_n_persons (ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribPerson) person = attrib_ledger_get_person (ledger, i);
      g_autoptr(GPtrArray) events = attrib_ledger_get_person_events (ledger, person, ATTRIB_TIME_MIN,
                                                                     ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
      g_autofree char *joined = g_strjoinv ("/", (char **) attrib_person_get_names (person));
      g_autofree char *names = show_phone (joined);
      const char * const *person_phones = attrib_person_get_phones (person);
      g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
      g_auto(GStrv) shown_phones = NULL;
      g_autofree char *phones = NULL;
      g_autofree char *name_col = pad (*names != '\0' ? names : _("(no name)"), 10);
      g_autofree char *phone_col = NULL;
      guint k;

      for (k = 0; person_phones[k] != NULL; k++)
        {
          g_autofree char *one = show_phone (person_phones[k]);

          g_strv_builder_add (shown, one);
        }
      shown_phones = g_strv_builder_end (shown);
      phones = g_strjoinv (", ", shown_phones);
      phone_col = pad (*phones != '\0' ? phones : _("(no phone)"), 28);

      g_print (g_dngettext (GETTEXT_PACKAGE, "  #%-3u %s %s %u event\n", "  #%-3u %s %s %u events\n", events->len),
               i, name_col, phone_col, events->len);
    }

  g_print (_("\nEvents, in canonical order\n"));
  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      print_event (ev, tz);
    }
  return 0;
}

AttribProfile *
load_profile_arg (const char  *arg,
                  GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (strchr (arg, '/') == NULL && !g_str_has_suffix (arg, ".json"))
    return attrib_profile_new_builtin (arg, error);
  file = g_file_new_for_commandline_arg (arg);
  return attrib_profile_new_from_file (file, NULL, error);
}

static int
cmd_profiles (int    argc,
              char **argv)
{
  g_auto(GStrv) ids = NULL;
  guint i;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage: attrib profiles\n\nLists the built-in profiles: each one's id and the title of its regulation.\n"));
      return 0;
    }
  if (argc != 1)
    {
      g_printerr ("%s", _("Usage: attrib profiles\n"));
      return 2;
    }
  ids = attrib_profile_list_builtin ();
  for (i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin (ids[i], &error);

      if (profile == NULL)
        {
          g_printerr ("attrib profiles: %s\n", error->message);
          return 1;
        }
      g_print ("%-18s %s\n", ids[i], attrib_profile_get_title (profile));
    }
  return 0;
}

static int
cmd_profile (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autofree char *json = NULL;

  if (argc >= 2 && (g_str_equal (argv[argc - 1], "--help") || g_str_equal (argv[argc - 1], "-h")))
    {
      g_print (_("Usage: attrib profile show ID|FILE\n"));
      return 0;
    }
  if (argc != 3 || !g_str_equal (argv[1], "show"))
    {
      g_printerr (_("Usage: attrib profile show ID|FILE\n"));
      return 2;
    }
  profile = load_profile_arg (argv[2], &error);
  if (profile == NULL)
    {
      g_printerr ("attrib profile: %s\n", error->message);
      return 1;
    }
  json = attrib_profile_to_json (profile);
  print_utf8 (json);
  return 0;
}

/* What FILE may be, for the commands that read one project's events
 * (attribute, explain, rotation, commission). */
static void
add_input_note (GOptionContext *context)
{
  g_option_context_set_summary (context,
                                _("FILE is a scenario file, which names its profile (“title” and “expect” are\n"
                                  "only needed by `attrib audit`), or a bare event file\n"
                                  "with --profile: a JSON array of events, JSON Lines (one event object per line:\n"
                                  ".jsonl, .ndjson, or told by its content) or CSV (.csv).\n\n"
                                  "  attrib attribute tests/data/sample-project.json\n"
                                  "  attrib attribute --profile junyuan-2012 events.jsonl"));
}

/* Whether JSON @text has a "profile" key at its top level: a scenario
 * names its profile there; an event, an array of events or JSON Lines
 * does not. One scan, strings skipped whole. */
static gboolean
names_a_profile (const char *text)
{
  gboolean expect_key = FALSE;
  int depth = 0;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        {
          const char *start = ++p;

          while (*p != '\0' && *p != '"')
            p += p[0] == '\\' && p[1] != '\0' ? 2 : 1;
          if (depth == 1 && expect_key && p - start == 7 && strncmp (start, "profile", 7) == 0)
            return TRUE;
          expect_key = FALSE;
          if (*p == '\0')
            break;
        }
      else if (*p == '{' || *p == '[')
        expect_key = ++depth == 1 && *p == '{';
      else if (*p == '}' || *p == ']')
        depth--;
      else if (*p == ',' && depth == 1)
        expect_key = TRUE;
    }
  return FALSE;
}

/* A scenario file, or a bare event file with --profile. */
static gboolean
load_input (const char     *path,
            const char     *profile_arg,
            AttribProfile **out_profile,
            AttribLedger  **out_ledger,
            GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  if (profile_arg == NULL)
    {
      GError *inner = NULL;

      if (attrib_scenario_load (file, NULL, out_profile, out_ledger, &inner))
        return apply_phone_key (out_ledger, error);
      {
        /* a bare event file (an array, JSON Lines, CSV) is no scenario:
         * it names no profile, so say what to add rather than why it is
         * no scenario. A file that names a profile is a scenario, and its
         * mistakes (a profile that does not exist or does not read, a bad
         * key) are said as they are. */
        g_autoptr(AttribLedger) scratch = attrib_ledger_new ();
        g_autofree char *name = g_file_get_parse_name (file);
        g_autofree char *lower = g_ascii_strdown (name, -1);
        g_autofree char *text = NULL;
        gsize length;

        if (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".jsonl") ||
            g_str_has_suffix (lower, ".ndjson") ||
            (_attrib_read_file (file, ATTRIB_LIMIT_INPUT_BYTES, NULL, &text, &length, NULL) &&
             !names_a_profile (text) && attrib_ledger_load_data (scratch, text, (gssize) length, name, NULL)))
          {

            g_clear_error (&inner);
            g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                         _("%s is an event file, which names no profile: give --profile ID or FILE "
                           "(`attrib profiles` lists the built-in ones)"), name);
            return FALSE;
          }
      }
      g_propagate_error (error, inner);
      return FALSE;
    }

  *out_profile = load_profile_arg (profile_arg, error);
  if (*out_profile == NULL)
    return FALSE;
  *out_ledger = attrib_ledger_new_full (attrib_profile_get_time_zone_identifier (*out_profile), phone_key, error);
  if (*out_ledger == NULL || !cmd_load_file (*out_ledger, file, error))
    return FALSE;
  attrib_ledger_freeze (*out_ledger);
  return TRUE;
}

static int
cmd_attribute (int    argc,
               char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *profile_arg = NULL;
  GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_arg, N_("Profile id or file (default: the scenario's)"), "PROFILE" },
    { NULL }
  };
  guint i;

  context = g_option_context_new (_("FILE — print the verdict of every deal as JSON Lines"));
  add_input_note (context);
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("attrib attribute: %s\n", error != NULL ? error->message : _("give one file"));
      return 2;
    }
  if (!load_input (argv[1], profile_arg, &profile, &ledger, &error))
    {
      g_printerr ("attrib attribute: %s\n", error->message);
      return 1;
    }
  engine = attrib_engine_new (profile);
  set_engine_threads (engine);
  /* every trace is printed: the batch's threads work them out */
  attrib_engine_set_defer_traces (engine, FALSE);
  verdicts = cmd_attribute_all (engine, ledger, &error);
  if (verdicts == NULL)
    {
      g_printerr ("attrib attribute: %s\n", error->message);
      return 1;
    }
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      print_utf8 (json);
      print_utf8 ("\n");
    }
  return 0;
}

/* "A/a01 1/2, B/b02 1/2", or "-" */
char *
shares_line (AttribVerdict   *verdict,
             AttribShareKind  kind)
{
  GString *shares = g_string_new (NULL);
  guint i;

  for (i = 0; i < attrib_verdict_get_n_shares (verdict, kind); i++)
    {
      gint64 num, den;
      g_autofree char *party = show_phone (attrib_verdict_get_share (verdict, kind, i, &num, &den));

      if (den == 1)
        g_string_append_printf (shares, "%s%s %" G_GINT64_FORMAT, i ? ", " : "", party, num);
      else
        g_string_append_printf (shares, "%s%s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, i ? ", " : "", party, num, den);
    }
  if (shares->len == 0)
    g_string_append (shares, "-");
  return g_string_free (shares, FALSE);
}

static void
print_explanation (AttribProfile *profile,
                   AttribVerdict *verdict)
{
  const char * const *clauses = attrib_verdict_get_clauses (verdict);
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
  guint i, k;

  g_print (_("Deal %s under %s (%s)\n"), shown_in (pool, attrib_verdict_get_deal (verdict)),
           shown_in (pool, attrib_profile_get_id (profile)), shown_in (pool, attrib_profile_get_title (profile)));
  g_print (_("  status: %s\n"), attrib_verdict_status_get_label (attrib_verdict_get_status (verdict)));
  for (k = 0; k < 2; k++)
    {
      g_autofree char *shares = shares_line (verdict, k);

      g_print (_("  %s: %s\n"), k == 0 ? _("performance") : _("commission"), shares);
    }
  for (i = 0; clauses[i] != NULL; i++)
    {
      const char *title = attrib_profile_get_clause_title (profile, clauses[i]);

      g_print (_("  decided by %s%s%s\n"), shown_in (pool, clauses[i]), title ? " " : "", title ? shown_in (pool, title) : "");
    }
  g_print (_("  trace:\n"));
  for (i = 0; i < attrib_verdict_get_n_steps (verdict); i++)
    {
      AttribOutcome outcome;
      const char *message;
      const char *clause = attrib_verdict_get_step (verdict, i, &outcome, &message);

      g_print ("    %2u. [%s] %s — %s\n", i + 1, shown_in (pool, clause), attrib_outcome_get_label (outcome), message);
    }
  g_print (_("  fingerprint: %s\n"), attrib_verdict_get_fingerprint (verdict));
}

static int
cmd_explain (int    argc,
             char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribVerdict) verdict = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *deal = NULL;
  GOptionEntry entries[] = {
    { "deal", 'd', 0, G_OPTION_ARG_STRING, &deal, N_("The deal to explain"), "DEAL" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_arg, N_("Profile id or file (default: the scenario's)"), "PROFILE" },
    { NULL }
  };

  context = g_option_context_new (_("FILE --deal DEAL — print the full trace of one verdict"));
  add_input_note (context);
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  {
    /* GOption keeps the last of a repeated option: one deal is explained,
     * so a second is a mistake, not a choice */
    int k, n_deals = 0;

    for (k = 1; k < argc; k++)
      if (g_str_equal (argv[k], "--deal") || g_str_equal (argv[k], "-d") || g_str_has_prefix (argv[k], "--deal="))
        n_deals++;
    if (n_deals > 1)
      {
        g_printerr ("attrib explain: %s\n", _("one --deal at a time"));
        return 2;
      }
  }
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || deal == NULL)
    {
      g_printerr ("attrib explain: %s\n", error != NULL ? error->message : _("give one file and --deal"));
      return 2;
    }
  if (!load_input (argv[1], profile_arg, &profile, &ledger, &error))
    {
      g_printerr ("attrib explain: %s\n", error->message);
      return 1;
    }
  engine = attrib_engine_new (profile);
  attrib_engine_set_defer_traces (engine, FALSE);   /* the trace is printed */
  verdict = attrib_engine_attribute_deal (engine, ledger, deal, &error);
  if (verdict == NULL)
    {
      g_printerr ("attrib explain: %s\n", error->message);
      return 1;
    }
  print_explanation (profile, verdict);
  return 0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_files (const char *path,
               GPtrArray  *files)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      guint i;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (name, ".json"))
          g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* the order of a directory listing is the file system's: sort it */
      g_ptr_array_sort (names, compare_paths);
      for (i = 0; i < names->len; i++)
        g_ptr_array_add (files, g_strdup (g_ptr_array_index (names, i)));
    }
  else
    g_ptr_array_add (files, g_strdup (path));
}

static int
cmd_audit (int    argc,
           char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribAudit) audit = attrib_audit_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GOptionContext) context = NULL;
  gboolean tap = FALSE, verbose = FALSE;
  GOptionEntry entries[] = {
    { "tap", 0, 0, G_OPTION_ARG_NONE, &tap, N_("Print TAP for CI"), NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, N_("Print the trace of passing checks too"), NULL },
    { NULL }
  };
  guint i;
  int f;

  context = g_option_context_new (_("FILE|DIR… — check audit scenarios against the engine"));
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("attrib audit: %s\n", error != NULL ? error->message : _("give scenario files or folders"));
      return 2;
    }
  for (f = 1; f < argc; f++)
    collect_files (argv[f], files);
  if (files->len == 0)
    {
      /* "0 passed, 0 failed" read like a pass */
      g_printerr (_("attrib audit: no scenario file (*.json) in what was given; folders are read one level "
                    "deep: name the subfolders (tests/audit/*)\n"));
      return 1;
    }
  for (i = 0; i < files->len; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_ptr_array_index (files, i));

      /* a broken file is a failed result; go on with the others */
      attrib_audit_run_file (audit, file, NULL, NULL);
    }

  if (tap)
    g_print ("1..%u\n", attrib_audit_get_n_results (audit));
  for (i = 0; i < attrib_audit_get_n_results (audit); i++)
    {
      const char *line, *detail;
      gboolean passed = attrib_audit_get_result (audit, i, &line, &detail);

      if (tap)
        {
          /* TAP says ok / not ok itself: drop the line's own "ok   " or
           * "FAIL " (its first word and the spaces after it) */
          const char *rest = strchr (line, ' ');

          rest = rest != NULL ? rest + strspn (rest, " ") : line;
          g_print ("%s %u - %s\n", passed ? "ok" : "not ok", i + 1, rest);
        }
      else
        g_print ("%s\n", line);
      if (detail != NULL && (!passed || verbose))
        {
          g_auto(GStrv) lines = g_strsplit (detail, "\n", -1);
          guint l;

          for (l = 0; lines[l] != NULL; l++)
            if (*lines[l] != '\0')
              g_print ("%s%s\n", tap ? "# " : "", lines[l]);
        }
    }
  g_print (tap ? _("# %u passed, %u failed\n") : _("%u passed, %u failed\n"),
           attrib_audit_get_n_passed (audit), attrib_audit_get_n_failed (audit));
  return attrib_audit_get_n_failed (audit) == 0 && attrib_audit_get_n_results (audit) > 0 ? 0 : 1;
}

/* A day's rotation: who takes part, each walk-in (or call) and why, and
 * the first @n_turns turns. */
static gboolean
print_rotation_day (AttribProfile    *profile,
                    AttribLedger     *ledger,
                    gint32            day,
                    AttribVisitKind   kind,
                    guint             n_turns,
                    GError          **error)
{
  g_autoptr(AttribRotation) rotation = attrib_rotation_new (profile);
  g_autoptr(GPtrArray) assignments = NULL;
  g_autofree char *why = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *group_list = NULL;
  g_autofree char *date = NULL;
  g_auto(GStrv) groups = NULL;
  g_auto(GStrv) turns = NULL;
  GTimeZone *tz = attrib_ledger_get_time_zone (ledger);
  const char *what = kind == ATTRIB_VISIT_KIND_CALL ? _("calls") : _("walk-ins");
  guint i;

  groups = attrib_rotation_get_groups (rotation, ledger, day, &why, error);
  if (groups == NULL ||
      (assignments = attrib_rotation_assign (rotation, ledger, day, kind, error)) == NULL ||
      (turns = attrib_rotation_get_turns (rotation, ledger, day, kind, n_turns, error)) == NULL)
    {
      if (why != NULL)
        g_print ("%s", why);
      return FALSE;
    }
  date = attrib_time_format (attrib_time_day_start (day, tz), tz);
  date[10] = '\0';
  joined = g_strjoinv (" ", groups);
  group_list = show_phone (joined);
  g_print (_("Rotation on %s (%s), groups taking part: %s\n"), date, what, group_list);
  if (why != NULL)
    g_print ("%s", why);
  if (assignments->len > 0)
    g_print (_("The day's %s:\n"), what);
  for (i = 0; i < assignments->len; i++)
    {
      AttribAssignment *as = g_ptr_array_index (assignments, i);
      g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *when = attrib_time_format (attrib_assignment_get_at (as), tz);
      const char *clause = attrib_assignment_get_clause (as);
      const char *consultant = attrib_assignment_get_consultant (as);
      g_autofree char *visit = pad (shown_in (pool, attrib_assignment_get_visit (as)), 10);
      g_autofree char *to = pad (consultant != NULL ? shown_in (pool, consultant) : "-", 12);

      g_print ("  %.5s %s → %s [%s] %s\n", when + 11, visit, to, clause != NULL ? shown_in (pool, clause) : "-",
               attrib_assignment_get_explanation (as));
    }
  g_print (_("Turns, as the day took them and as they come next:\n"));
  for (i = 0; turns[i] != NULL; i++)
    {
      g_autofree char *turn = show_phone (turns[i]);

      g_print ("  %3u. %s\n", i + 1, turn);
    }
  return TRUE;
}

static int
cmd_rotation (int    argc,
              char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *date = NULL;
  g_autofree char *kind_arg = NULL;
  int n_turns = 20;
  GOptionEntry entries[] = {
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date, N_("The day (YYYY-MM-DD)"), "DATE" },
    { "kind", 'k', 0, G_OPTION_ARG_STRING, &kind_arg, N_("visit (walk-ins, the default) or call"), "KIND" },
    { "turns", 'n', 0, G_OPTION_ARG_INT, &n_turns, N_("How many turns (default 20)"), "N" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_arg, N_("Profile id or file (default: the scenario's)"), "PROFILE" },
    { NULL }
  };
  AttribVisitKind kind = ATTRIB_VISIT_KIND_VISIT;
  AttribTime t;

  context = g_option_context_new (_("FILE --date DATE — print a day's order of reception turns"));
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || date == NULL || n_turns <= 0)
    {
      g_printerr ("attrib rotation: %s\n", error != NULL ? error->message : _("give one file and --date"));
      return 2;
    }
  if (kind_arg != NULL && g_str_equal (kind_arg, "call"))
    kind = ATTRIB_VISIT_KIND_CALL;
  else if (kind_arg != NULL && !g_str_equal (kind_arg, "visit"))
    {
      g_printerr ("attrib rotation: %s\n", _("--kind is “visit” or “call”"));
      return 2;
    }
  if (!load_input (argv[1], profile_arg, &profile, &ledger, &error))
    {
      g_printerr ("attrib rotation: %s\n", error->message);
      return 1;
    }
  if (strlen (date) != 10 || !attrib_time_parse (date, attrib_ledger_get_time_zone (ledger), &t, &error))
    {
      g_printerr ("attrib rotation: %s\n", error != NULL ? error->message : _("--date is a day (YYYY-MM-DD)"));
      return 2;
    }
  if (!print_rotation_day (profile, ledger, attrib_time_get_local_day (t, attrib_ledger_get_time_zone (ledger)),
                           kind, n_turns, &error))
    {
      g_printerr ("attrib rotation: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* The scenario's plans and those given with --plan, in a calculator. */
static AttribCalculator *
load_calculator (const char     *path,
                 char          **plan_files,
                 AttribProfile  *profile,
                 GError        **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(AttribCalculator) calculator = attrib_calculator_new (profile);
  g_autoptr(GPtrArray) plans = attrib_scenario_load_plans (file, NULL, NULL);
  g_autoptr(GPtrArray) all = NULL;
  guint i;

  for (i = 0; plans != NULL && i < plans->len; i++)
    if (!attrib_calculator_add_plan (calculator, g_ptr_array_index (plans, i), error))
      return NULL;
  for (i = 0; plan_files != NULL && plan_files[i] != NULL; i++)
    {
      g_autoptr(GFile) plan_file = g_file_new_for_commandline_arg (plan_files[i]);
      g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_file (plan_file, NULL, error);

      if (plan == NULL || !attrib_calculator_add_plan (calculator, plan, error))
        return NULL;
    }
  all = attrib_calculator_get_plans (calculator);
  if (all->len == 0)
    {
      g_set_error (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE,
                   _("%s has no commission plans: give the scenario “plans”, or --plan FILE"), path);
      return NULL;
    }
  return g_steal_pointer (&calculator);
}

static char *
line_date (AttribCommissionLine *line,
           GTimeZone            *tz)
{
  char *text = attrib_time_format (attrib_commission_line_get_at (line), tz);

  text[10] = '\0';
  return text;
}

void
print_statement (AttribStatement *statement,
                 GTimeZone       *tz)
{
  g_autofree char *opening = attrib_money_format (attrib_statement_get_opening (statement));
  g_autofree char *earned = attrib_money_format (attrib_statement_get_earned (statement));
  g_autofree char *deductions = attrib_money_format (attrib_statement_get_deductions (statement));
  g_autofree char *closing = attrib_money_format (attrib_statement_get_closing (statement));
  g_autofree char *payable = attrib_money_format (attrib_statement_get_payable (statement));
  guint i;

  {
    g_autofree char *party = show_phone (attrib_statement_get_party (statement));

    g_print (_("Statement of %s for %s\n"), party, attrib_statement_get_period (statement));
  }
  g_print (_("  opening balance %15s\n"), opening);
  for (i = 0; i < attrib_statement_get_n_lines (statement); i++)
    {
      AttribCommissionLine *line = attrib_statement_get_line (statement, i);
      g_autofree char *amount = attrib_money_format (attrib_commission_line_get_amount (line));
      g_autofree char *date = line_date (line, tz);
      g_autofree char *kind = pad (attrib_line_kind_get_label (attrib_commission_line_get_kind (line)), 10);

      g_print ("  %s %s %15s  %s\n", date, kind, amount, attrib_commission_line_get_explanation (line));
    }
  g_print (_("  earned          %15s\n"), earned);
  g_print (_("  deductions      %15s\n"), deductions);
  g_print (_("  closing balance %15s\n"), closing);
  g_print (_("  payable         %15s\n"), payable);
  g_print (_("  fingerprint: %s\n"), attrib_statement_get_fingerprint (statement));
}

static int
cmd_commission (int    argc,
                char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribCalculator) calculator = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *profile_arg = NULL;
  g_autofree char *period = NULL;
  g_autofree char *party = NULL;
  g_auto(GStrv) plan_files = NULL;
  gboolean csv = FALSE, json = FALSE;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month (YYYY-MM); without it, every line"), "MONTH" },
    { "party", 0, 0, G_OPTION_ARG_STRING, &party, N_("Only this party's statement"), "PARTY" },
    { "plan", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &plan_files, N_("A commission plan file (repeatable)"), "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON Lines"), NULL },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_arg, N_("Profile id or file (default: the scenario's)"), "PROFILE" },
    { NULL }
  };
  guint i;

  context = g_option_context_new (_("FILE [--period YYYY-MM] — commission lines and monthly statements"));
  add_language_note (context);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || (csv && json))
    {
      g_printerr ("attrib commission: %s\n", error != NULL ? error->message : _("give one file, and --csv or --json"));
      return 2;
    }
  if ((csv || json) && period == NULL)
    {
      /* the lines are printed for people; statements are what is printed
       * as CSV or JSON: say so rather than print plain text */
      g_printerr ("attrib commission: %s\n", _("--csv and --json print a month's statements: give --period YYYY-MM"));
      return 2;
    }
  if (!load_input (argv[1], profile_arg, &profile, &ledger, &error) ||
      (calculator = load_calculator (argv[1], plan_files, profile, &error)) == NULL)
    {
      g_printerr ("attrib commission: %s\n", error->message);
      return 1;
    }

  if (period == NULL)
    {
      g_autoptr(GPtrArray) lines = attrib_calculator_get_lines (calculator, ledger, &error);

      if (lines == NULL)
        {
          g_printerr ("attrib commission: %s\n", error->message);
          return 1;
        }
      for (i = 0; i < lines->len; i++)
        {
          AttribCommissionLine *line = g_ptr_array_index (lines, i);
          g_autofree char *amount = attrib_money_format (attrib_commission_line_get_amount (line));
          g_autofree char *date = line_date (line, attrib_ledger_get_time_zone (ledger));
          g_autofree char *party_shown = show_phone (attrib_commission_line_get_party (line));
          g_autofree char *who = pad (party_shown, 16);
          g_autofree char *kind = pad (attrib_line_kind_get_label (attrib_commission_line_get_kind (line)), 10);

          if (party != NULL && !g_str_equal (party, attrib_commission_line_get_party (line)))
            continue;
          g_print ("%s %s %s %15s  %s\n", date, who, kind, amount, attrib_commission_line_get_explanation (line));
        }
      return 0;
    }

  {
    g_autoptr(GPtrArray) statements = NULL;

    if (party != NULL && !known_party (ledger, calculator, party))
      {
        /* an empty statement for a name nobody uses would read as "owes
         * nothing"; a typo is told */
        {
          g_autofree char *shown = show_phone (party);

          g_printerr (_("attrib commission: no party “%s” in the events or the plans\n"), shown);
        }
        return 1;
      }
    if (party != NULL)
      {
        AttribStatement *one = attrib_calculator_get_statement (calculator, ledger, party, period, &error);

        if (one != NULL)
          {
            statements = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_statement_unref);
            g_ptr_array_add (statements, one);
          }
      }
    else
      statements = attrib_calculator_get_statements (calculator, ledger, period, &error);
    if (statements == NULL)
      {
        g_printerr ("attrib commission: %s\n", error->message);
        return 1;
      }
    for (i = 0; i < statements->len; i++)
      {
        AttribStatement *statement = g_ptr_array_index (statements, i);

        if (json)
          {
            g_autofree char *text = attrib_statement_to_json (statement);

            print_utf8 (text);
            print_utf8 ("\n");
          }
        else if (csv)
          {
            g_autofree char *text = attrib_statement_to_csv (statement);

            /* one header for all */
            print_utf8 (i == 0 ? text : strchr (text, '\n') + 1);
          }
        else
          {
            if (i > 0)
              g_print ("\n");
            print_statement (statement, attrib_ledger_get_time_zone (ledger));
          }
      }
  }
  return 0;
}

/* A sample bundled into the tool, loaded as any file is. */
static gboolean
load_bundled (const char     *name,
              AttribProfile **profile,
              AttribLedger  **ledger,
              GPtrArray     **plans,
              GError        **error)
{
  g_autofree char *resource = g_strconcat ("/org/libattrib/tool/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean ok;
  int fd;

  fd = bytes != NULL ? g_file_open_tmp ("attrib-demo-XXXXXX.json", &path, error) : -1;
  if (fd < 0)
    return FALSE;
  close (fd);
  if (!g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    {
      g_unlink (path);
      return FALSE;
    }
  file = g_file_new_for_path (path);
  ok = attrib_scenario_load (file, NULL, profile, ledger, error) &&
       (plans == NULL || (*plans = attrib_scenario_load_plans (file, NULL, error)) != NULL);
  g_unlink (path);
  return ok;
}

static int
cmd_demo (int    argc,
          char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribProfile) office_profile = NULL;
  g_autoptr(AttribLedger) office = NULL;
  g_autoptr(AttribEngine) engine = NULL;
  g_autoptr(AttribEngine) office_engine = NULL;
  g_autoptr(GPtrArray) verdicts = NULL;
  g_autoptr(GPtrArray) office_verdicts = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(AttribCalculator) calculator = NULL;
  AttribTime day;
  guint i;

  /* the demo takes nothing: --help says what it does, anything else is a
   * mistake (it ran the demo before) */
  if (argc == 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s", _("Usage: attrib demo\n\n"
                       "Attributes the bundled sample project, explains one deal, prints one distributor's April\n"
                       "statement and a sales office's reception rotation, then keeps the sample in a store and\n"
                       "prints a report's signed receipt and inclusion proof, checked with nothing else.\n"));
      return 0;
    }
  if (argc > 1)
    {
      g_printerr (_("attrib demo: takes no arguments (“%s”)\n"), argv[1]);
      return 2;
    }

  if (!load_bundled ("sample-project.json", &profile, &ledger, &plans, &error) ||
      !load_bundled ("sales-office.json", &office_profile, &office, NULL, &error))
    {
      g_printerr ("attrib demo: %s\n", error->message);
      return 1;
    }

  {
    g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                                               attrib_ledger_get_n_events (ledger)),
                                                  attrib_ledger_get_n_events (ledger));
    g_autofree char *persons = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u persons",
                                                                attrib_ledger_get_n_persons (ledger)),
                                                   attrib_ledger_get_n_persons (ledger));

    g_print (_("Sample project: %s, %s, profile %s (%s)\n\n"), events, persons, attrib_profile_get_id (profile),
             attrib_profile_get_title (profile));
  }
  engine = attrib_engine_new (profile);
  set_engine_threads (engine);
  attrib_engine_set_defer_traces (engine, FALSE);   /* every trace is printed */
  verdicts = attrib_engine_attribute_all (engine, ledger, &error);
  if (verdicts == NULL)
    {
      g_printerr ("attrib demo: %s\n", error->message);
      return 1;
    }
  g_print (_("Verdicts (JSON Lines):\n"));
  for (i = 0; i < verdicts->len; i++)
    {
      g_autofree char *json = attrib_verdict_to_json (g_ptr_array_index (verdicts, i));

      print_utf8 (json);
      print_utf8 ("\n");
    }
  for (i = 0; i < verdicts->len; i++)
    {
      AttribVerdict *verdict = g_ptr_array_index (verdicts, i);

      if (g_str_equal (attrib_verdict_get_deal (verdict), "D2"))
        {
          g_print ("\n");
          print_explanation (profile, verdict);
        }
    }

  /* what one channel is paid for April, under its contract */
  {
    g_autoptr(AttribStatement) statement = NULL;

    calculator = attrib_calculator_new (profile);
    for (i = 0; i < plans->len; i++)
      if (!attrib_calculator_add_plan (calculator, g_ptr_array_index (plans, i), &error))
        break;
    if (error == NULL)
      statement = attrib_calculator_get_statement (calculator, ledger, "5i5j", "2024-04", &error);
    if (statement == NULL)
      {
        g_printerr ("attrib demo: %s\n", error->message);
        return 1;
      }
    g_print ("\n");
    print_statement (statement, attrib_ledger_get_time_zone (ledger));
  }

  /* the sales office: who receives whom, and whose the deals are */
  g_print (_("\nSales office sample: %u events, profile %s (%s)\n"),
           attrib_ledger_get_n_events (office), attrib_profile_get_id (office_profile),
           attrib_profile_get_title (office_profile));
  attrib_time_parse ("2024-03-01", attrib_ledger_get_time_zone (office), &day, NULL);
  if (!print_rotation_day (office_profile, office, attrib_time_get_local_day (day, attrib_ledger_get_time_zone (office)),
                           ATTRIB_VISIT_KIND_VISIT, 8, &error))
    {
      g_printerr ("attrib demo: %s\n", error->message);
      return 1;
    }
  office_engine = attrib_engine_new (office_profile);
  set_engine_threads (office_engine);
  office_verdicts = attrib_engine_attribute_all (office_engine, office, &error);
  if (office_verdicts == NULL)
    {
      g_printerr ("attrib demo: %s\n", error->message);
      return 1;
    }
  g_print (_("Deals:\n"));
  for (i = 0; i < office_verdicts->len; i++)
    {
      AttribVerdict *v = g_ptr_array_index (office_verdicts, i);
      g_autofree char *perf = shares_line (v, ATTRIB_SHARE_KIND_PERFORMANCE);
      g_autofree char *comm = shares_line (v, ATTRIB_SHARE_KIND_COMMISSION);
      g_autofree char *clauses = g_strjoinv (", ", (char **) attrib_verdict_get_clauses (v));

      g_print (_("  %s: performance %s; commission %s (%s)\n"), attrib_verdict_get_deal (v), perf, comm, clauses);
    }

  /* the sample project in a store: a report's receipt and its proof */
  if (demo_store (profile, ledger, &error) != 0)
    {
      g_printerr ("attrib demo: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
usage (FILE *to)
{
  /* asked for (--help): standard output; after a mistake: standard error */
  fprintf (to, "%s", _("Usage: attrib COMMAND [ARGS…]\n\n"
                      "Commands:\n"
                      "  demo                      attribute the bundled sample project and explain one deal\n"
                      "  audit FILE|DIR…           check audit scenarios (--tap for CI)\n"
                      "  attribute FILE            print every deal's verdict as JSON Lines\n"
                      "  explain FILE --deal D     print the full trace of one verdict\n"
                      "  rotation FILE --date D    print a day's order of reception turns\n"
                      "  commission FILE [--period M]  commission lines, or the month's statements\n"
                      "  profiles                  list the built-in profiles\n"
                      "  profile show ID|FILE      print a profile as resolved\n"
                      "  ledger FILE…              print the persons and events of scenario files\n"
                      "  store SUBCOMMAND …        a project's store: create, import, append (receipts), desk,\n"
                      "                            changes, statements, close, verify, head, prove, check-receipt\n"
                      "                            (attrib store --help)\n"
                      "  version                   print the library version\n"
                      "\n"
                      "Any command takes --lang zh_CN or --lang en: the language of messages, whatever the locale.\n"
                      "Phones are printed masked (138****8000): --show-phones prints them in full. --phone-key FILE\n"
                      "keeps every ledger's phones only as keyed hashes (the file's bytes are the key).\n"
                      "--threads N shares a batch of deals among N threads (0, the default: one per processor;\n"
                      "1: one thread; at most 16); the ATTRIB_THREADS environment variable sets the same, and\n"
                      "--threads wins. The verdicts are the same whatever N.\n"
                      "Each command takes --help; its manual page is attrib-COMMAND(1).\n"));
}

/* Run from a build tree (_build/tools/attrib, not installed), the message
 * catalogs are in _build/po: use them unless ATTRIB_LOCALEDIR says
 * otherwise. An installed attrib has no build.ninja beside its parent. */
static void
find_uninstalled_catalogs (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *tools = NULL;
  g_autofree char *root = NULL;
  g_autofree char *ninja = NULL;
  g_autofree char *po = NULL;

  if (exe == NULL || g_getenv ("ATTRIB_LOCALEDIR") != NULL)
    return;
  tools = g_path_get_dirname (exe);
  root = g_path_get_dirname (tools);
  ninja = g_build_filename (root, "build.ninja", NULL);
  po = g_build_filename (root, "po", NULL);
  if (g_file_test (ninja, G_FILE_TEST_IS_REGULAR) && g_file_test (po, G_FILE_TEST_IS_DIR))
    g_setenv ("ATTRIB_LOCALEDIR", po, FALSE);
}

/* Removes @n arguments from argv[i] on. */
static void
drop_arguments (int   *argc,
                char **argv,
                int    i,
                int    n)
{
  int j;

  for (j = i; j + n <= *argc; j++)
    argv[j] = argv[j + n];
  *argc -= n;
}

/* --show-phones and --phone-key FILE anywhere on the command line: how
 * every command treats customers' phones. FALSE if the key is unusable. */
static gboolean
apply_phone_options (int    *argc,
                     char ***argv)
{
  int i;

  /* up to "--", after which every word is an argument */
  for (i = 1; i < *argc && !g_str_equal ((*argv)[i], "--"); i++)
    {
      const char *key_path = NULL;
      g_autoptr(GError) error = NULL;
      char *contents = NULL;
      gsize length;

      if (g_str_equal ((*argv)[i], "--show-phones"))
        {
          attrib_set_show_phones (TRUE);
          drop_arguments (argc, *argv, i--, 1);
          continue;
        }
      if (g_str_equal ((*argv)[i], "--phone-key") && i + 1 < *argc)
        {
          key_path = (*argv)[i + 1];
          drop_arguments (argc, *argv, i--, 2);
        }
      else if (g_str_has_prefix ((*argv)[i], "--phone-key="))
        {
          key_path = (*argv)[i] + strlen ("--phone-key=");
          drop_arguments (argc, *argv, i--, 1);
        }
      else
        continue;
      contents = read_key_file (key_path, &length, &error);
      if (contents == NULL)
        {
          g_printerr ("attrib: %s\n", error->message);
          return FALSE;
        }
      g_clear_pointer (&phone_key, g_bytes_unref);
      phone_key = g_bytes_new_take (contents, length);
    }
  return TRUE;
}

/* --lang zh_CN|en anywhere on the command line: the language of traces,
 * audit lines and messages, whatever the locale. */
static gboolean
apply_language (int    *argc,
                char ***argv)
{
  static const char * const known[] = { "en", "zh_CN", "zh", NULL };
  const char *lang = NULL;
  int i;

  for (i = 1; i < *argc && !g_str_equal ((*argv)[i], "--"); i++)
    {
      if (g_str_equal ((*argv)[i], "--lang") && i + 1 < *argc)
        {
          lang = (*argv)[i + 1];
          drop_arguments (argc, *argv, i, 2);
          break;
        }
      if (g_str_has_prefix ((*argv)[i], "--lang="))
        {
          lang = (*argv)[i] + strlen ("--lang=");
          drop_arguments (argc, *argv, i, 1);
          break;
        }
    }
  if (lang == NULL)
    return TRUE;
  if (!g_strv_contains (known, lang))
    {
      /* gettext would fall back to English without a word */
      g_printerr ("attrib: --lang “%s”: the languages are en and zh_CN\n", lang);
      return FALSE;
    }
  g_setenv ("LANGUAGE", lang, TRUE);
  /* gettext ignores LANGUAGE in the C locale; C.UTF-8 keeps everything
   * else as neutral and lets it through */
  {
    const char *current = setlocale (LC_MESSAGES, NULL);

    if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
      setlocale (LC_ALL, "C.UTF-8");
  }
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  if (!apply_language (&argc, &argv))
    return 2;
  find_uninstalled_catalogs ();
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("ATTRIB_LOCALEDIR") != NULL ? g_getenv ("ATTRIB_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  if (!apply_phone_options (&argc, &argv) || !apply_threads_option (&argc, &argv))
    return 2;

  if (argc < 2)
    {
      usage (stderr);
      return 2;
    }
  if (g_str_equal (argv[1], "ledger"))
    return cmd_ledger (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "demo"))
    return cmd_demo (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "audit"))
    return cmd_audit (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "attribute"))
    return cmd_attribute (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "explain"))
    return cmd_explain (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "rotation"))
    return cmd_rotation (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "commission"))
    return cmd_commission (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "profiles"))
    return cmd_profiles (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "profile"))
    return cmd_profile (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "store"))
    return cmd_store (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "version") || g_str_equal (argv[1], "--version"))
    {
      if (argc >= 3 && (g_str_equal (argv[2], "--help") || g_str_equal (argv[2], "-h")))
        {
          g_print ("%s", _("Usage: attrib version\n\nPrints the version of attrib and of the libattrib it runs on.\n"));
          return 0;
        }
      g_print ("attrib %s (libattrib %u.%u.%u)\n", ATTRIB_VERSION_S, attrib_get_major_version (),
               attrib_get_minor_version (), attrib_get_micro_version ());
      return 0;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage (stdout);
      return 0;
    }
  g_printerr (_("attrib: unknown command “%s”\n"), argv[1]);
  usage (stderr);
  return 2;
}
