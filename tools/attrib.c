/* attrib.c: the libattrib command-line tool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <attrib/attrib.h>

static const char *
nick (GType type,
      int   value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return v != NULL ? v->value_nick : "?";
}

/* Pads to a column width as a terminal shows it: CJK characters take two
 * columns, so printf's byte widths would misalign Chinese names. */
static char *
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

static char *
describe_person (const char *name,
                 const char *phone)
{
  if (name != NULL && phone != NULL)
    return g_strdup_printf ("%s %s", name, phone);
  return g_strdup (name != NULL ? name : phone);
}

static void
print_event (AttribEvent *ev,
             GTimeZone   *tz)
{
  g_autofree char *when = attrib_time_format (attrib_event_get_at (ev), tz);
  g_autofree char *who = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *id_col = pad (attrib_event_get_id (ev), 9);
  AttribEventType type = attrib_event_get_event_type (ev);
  guint i;

  if (attrib_event_get_customer_name (ev) != NULL || attrib_event_get_customer_phone (ev) != NULL)
    who = describe_person (attrib_event_get_customer_name (ev), attrib_event_get_customer_phone (ev));

  switch (type)
    {
    case ATTRIB_EVENT_TYPE_REPORT:
      g_string_append_printf (details, "by %s, %s", attrib_event_get_party (ev),
                              nick (ATTRIB_TYPE_REPORT_STAGE, attrib_event_get_report_stage (ev)));
      break;
    case ATTRIB_EVENT_TYPE_VISIT:
      g_string_append (details, nick (ATTRIB_TYPE_VISIT_KIND, attrib_event_get_visit_kind (ev)));
      for (i = 0; i < attrib_event_get_n_agents (ev); i++)
        {
          int rank;
          const char *party = attrib_event_get_agent (ev, i, &rank);

          g_string_append_printf (details, "%s %s (rank %d)", i == 0 ? ", with" : ",", party, rank);
        }
      if (attrib_event_get_received_by (ev) != NULL)
        g_string_append_printf (details, ", received by %s", attrib_event_get_received_by (ev));
      break;
    case ATTRIB_EVENT_TYPE_INTERACTION:
      g_string_append (details, nick (ATTRIB_TYPE_INTERACTION_KIND, attrib_event_get_interaction_kind (ev)));
      break;
    case ATTRIB_EVENT_TYPE_FOLLOW_UP:
    case ATTRIB_EVENT_TYPE_DEPARTURE:
      g_string_append_printf (details, "%s", attrib_event_get_party (ev));
      break;
    case ATTRIB_EVENT_TYPE_COMPLAINT:
      g_string_append_printf (details, "against %s", attrib_event_get_party (ev));
      break;
    case ATTRIB_EVENT_TYPE_RELATION:
    case ATTRIB_EVENT_TYPE_IDENTITY:
      {
        g_autofree char *other = describe_person (attrib_event_get_counterpart_name (ev),
                                                  attrib_event_get_counterpart_phone (ev));

        if (type == ATTRIB_EVENT_TYPE_RELATION)
          g_string_append_printf (details, "%s of %s%s",
                                  nick (ATTRIB_TYPE_RELATION_KIND, attrib_event_get_relation_kind (ev)),
                                  other, attrib_event_get_verified (ev) ? "" : " (unverified)");
        else
          g_string_append_printf (details, "same person as %s", other);
      }
      break;
    case ATTRIB_EVENT_TYPE_DEAL:
      {
        gint64 price;

        g_string_append_printf (details, "%s %s", attrib_event_get_deal (ev),
                                nick (ATTRIB_TYPE_DEAL_STAGE, attrib_event_get_deal_stage (ev)));
        if (attrib_event_get_unit (ev) != NULL)
          g_string_append_printf (details, ", unit %s", attrib_event_get_unit (ev));
        if (attrib_event_get_price (ev, &price))
          {
            g_autofree char *money = attrib_money_format (price);

            g_string_append_printf (details, ", ¥%s", money);
          }
      }
      break;
    case ATTRIB_EVENT_TYPE_SANCTION:
      g_string_append (details, nick (ATTRIB_TYPE_SANCTION_KIND, attrib_event_get_sanction_kind (ev)));
      break;
    case ATTRIB_EVENT_TYPE_RULING:
      g_string_append_printf (details, "on %s by %s", attrib_event_get_deal (ev),
                              attrib_event_get_authority (ev) != NULL ? attrib_event_get_authority (ev) : "?");
      break;
    case ATTRIB_EVENT_TYPE_ROSTER:
      g_string_append_printf (details, "%u consultants", attrib_event_get_n_roster_members (ev));
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
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &tz_name, "Time zone of date-only times (default Asia/Shanghai)", "ZONE" },
    { NULL }
  };
  GTimeZone *tz;
  guint i, n;
  int f;

  context = g_option_context_new ("FILE… — load scenario files and print their persons and events");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("attrib ledger: %s\n", error->message);
      return 2;
    }
  if (argc < 2)
    {
      g_printerr ("attrib ledger: no file given\n");
      return 2;
    }

  ledger = attrib_ledger_new_for_time_zone (tz_name, &error);
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

  g_print ("%u events, %u persons (time zone %s)\n\n",
           attrib_ledger_get_n_events (ledger), attrib_ledger_get_n_persons (ledger),
           attrib_ledger_get_time_zone_identifier (ledger));

  g_print ("Persons\n");
  n = attrib_ledger_get_n_persons (ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribPerson) person = attrib_ledger_get_person (ledger, i);
      g_autoptr(GPtrArray) events = attrib_ledger_get_person_events (ledger, person, ATTRIB_TIME_MIN,
                                                                     ATTRIB_TIME_MAX, ATTRIB_EVENT_MASK_ALL);
      g_autofree char *names = g_strjoinv ("/", (char **) attrib_person_get_names (person));
      g_autofree char *phones = g_strjoinv (", ", (char **) attrib_person_get_phones (person));

      g_autofree char *name_col = pad (*names != '\0' ? names : "(no name)", 10);
      g_autofree char *phone_col = pad (*phones != '\0' ? phones : "(no phone)", 28);

      g_print ("  #%-3u %s %s %u event%s\n", i, name_col, phone_col,
               events->len, events->len == 1 ? "" : "s");
    }

  g_print ("\nEvents, in canonical order\n");
  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    {
      g_autoptr(AttribEvent) ev = attrib_ledger_get_event (ledger, i);

      print_event (ev, tz);
    }
  return 0;
}

static void
usage (void)
{
  g_printerr ("Usage: attrib COMMAND [ARGS…]\n\n"
              "Commands:\n"
              "  ledger FILE…   load scenario files, print persons and events\n"
              "  version        print the library version\n");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");

  if (argc < 2)
    {
      usage ();
      return 2;
    }
  if (g_str_equal (argv[1], "ledger"))
    return cmd_ledger (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "version") || g_str_equal (argv[1], "--version"))
    {
      g_print ("attrib %s\n", ATTRIB_VERSION_S);
      return 0;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      usage ();
      return 0;
    }
  g_printerr ("attrib: unknown command “%s”\n", argv[1]);
  usage ();
  return 2;
}
