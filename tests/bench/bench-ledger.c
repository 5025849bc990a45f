/* bench-ledger.c: how fast events go in, and how much room they take
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Generates a seeded, realistic project ledger through the public C API
 * (reports, visits with agents, CRM records, follow-ups, relations,
 * identity links, deal stages) and reports the add rate, the time to
 * build the indexes, and resident memory per event.
 */

#include <stdlib.h>
#include <string.h>

#include <attrib/attrib.h>

static gsize
read_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  p = strstr (status, field);
  if (p == NULL)
    return 0;
  return strtoul (p + strlen (field) + 1, NULL, 10);
}

/* The generator formats numbers by hand: printf would cost more than the
 * ledger does, and this measures the ledger. Writes @digits digits of @v
 * (zero-padded) and returns the end. */
static char *
put_digits (char    *out,
            guint64  v,
            guint    digits)
{
  guint i;

  for (i = digits; i > 0; i--)
    {
      out[i - 1] = '0' + v % 10;
      v /= 10;
    }
  return out + digits;
}

static char *
put_number (char    *out,
            guint64  v)
{
  guint digits = 1;
  guint64 x;

  for (x = v; x >= 10; x /= 10)
    digits++;
  return put_digits (out, v, digits);
}

static void
phone_of (guint32 customer,
          char    out[12])
{
  /* 11-digit mobiles spread over a few prefixes */
  static const char *prefixes[] = { "138", "139", "137", "136", "135", "150", "186", "189" };

  memcpy (out, prefixes[customer % G_N_ELEMENTS (prefixes)], 3);
  put_digits (out + 3, (customer * 2654435761u) % 100000000u, 8);
  out[11] = '\0';
}

static void
party_of (char    out[48],
          guint32 channel,
          guint32 agent)
{
  char *p = out;

  memcpy (p, "ch", 2);
  p = put_digits (p + 2, channel, 2);
  memcpy (p, "/ag", 3);
  p = put_digits (p + 3, agent, 2);
  *p = '\0';
}

int
main (int    argc,
      char **argv)
{
  gint64 n_events = 1000000;
  gint64 seed = 20241124;
  gboolean uniform = FALSE;
  gboolean attribute = FALSE;
  gboolean commission = FALSE;
  g_autoptr(GOptionContext) context = g_option_context_new ("— ledger ingest benchmark");
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT64, &n_events, "Number of events (default 1000000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed", "S" },
    { "attribute", 0, 0, G_OPTION_ARG_NONE, &attribute,
      "Then attribute every deal under junyuan-2012 (batch)", NULL },
    { "commission", 0, 0, G_OPTION_ARG_NONE, &commission,
      "Then compute every commission line and one month's statements, each channel on a tiered plan "
      "with milestones and a split", NULL },
    { "uniform", 0, 0, G_OPTION_ARG_NONE, &uniform,
      "Draw every event's customer uniformly from all customers (worst case for caches)", NULL },
    { NULL }
  };
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(GRand) rand = NULL;
  guint32 n_customers, n_channels = 60, n_agents = 25;
  gsize rss_before, rss_added, rss_indexed, peak;
  gint64 t0, t1, t2;
  AttribTime now;
  gint64 i;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) seed);
  n_customers = MAX (10, (guint32) (n_events / 8));
  ledger = attrib_ledger_new ();
  rss_before = read_status_kb ("VmRSS:");
  now = G_GINT64_CONSTANT (1704038400) * G_USEC_PER_SEC;   /* 2024-01-01T00:00+08:00 */

  t0 = g_get_monotonic_time ();
  for (i = 0; i < n_events; i++)
    {
      g_autoptr(AttribEvent) ev = NULL;
      char id[24], phone[12], phone2[12], name[32], party[48], deal[24];
      guint32 roll = g_rand_int_range (rand, 0, 1000);
      guint32 customer;
      AttribTime at;

      /* A project's leads arrive over time and are worked for a few weeks:
       * most events concern recent customers, some an old one coming back.
       * --uniform draws from everyone, which no real ledger does. */
      if (uniform)
        customer = g_rand_int_range (rand, 0, n_customers);
      else
        {
          guint32 known = MIN (n_customers, 1 + (guint32) (i / 8));

          if (roll % 100 < 85)
            customer = known - 1 - g_rand_int_range (rand, 0, MIN (known, 20000));
          else
            customer = g_rand_int_range (rand, 0, known);
        }

      /* mostly in time order, as exports are, with some late entries */
      now += g_rand_int_range (rand, 0, 60 * G_USEC_PER_SEC);
      at = roll % 10 == 0 ? now - g_rand_int_range (rand, 0, 3600) * (gint64) G_USEC_PER_SEC : now;

      id[0] = 'e';
      *put_number (id + 1, i) = '\0';
      phone_of (customer, phone);
      memcpy (name, "客户", strlen ("客户"));
      *put_number (name + strlen ("客户"), customer) = '\0';
      party_of (party, roll % n_channels, (roll / 7 + customer) % n_agents);

      if (roll < 350)
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_REPORT, id, at);
          attrib_event_set_party (ev, party);
          if (roll < 35)
            {
              /* a masked report, as outreach teams file them */
              memset (phone + 3, '*', 4);
            }
          attrib_event_set_customer (ev, name, phone);
        }
      else if (roll < 600)
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_VISIT, id, at);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_add_agent (ev, party, 0);
          if (roll < 360)
            {
              /* two channels' agents entering together (1.2.8) */
              party_of (party, n_channels + customer % 10, customer % n_agents);
              attrib_event_add_agent (ev, party, 0);
            }
        }
      else if (roll < 800)
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_INTERACTION, id, at);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_interaction_kind (ev, roll % 3);
        }
      else if (roll < 900)
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_FOLLOW_UP, id, at);
          attrib_event_set_party (ev, party);
          attrib_event_set_customer (ev, name, phone);
        }
      else if (roll < 950)
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_DEAL, id, at);
          deal[0] = 'D';
          *put_number (deal + 1, customer) = '\0';
          attrib_event_set_deal (ev, deal);
          attrib_event_set_deal_stage (ev, roll % 2 ? ATTRIB_DEAL_STAGE_SIGNED : ATTRIB_DEAL_STAGE_SUBSCRIBED);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_price (ev, 100000000 + g_rand_int_range (rand, 0, 400000000));
        }
      else if (roll < 980)
        {
          guint32 other = g_rand_int_range (rand, 0, n_customers);

          /* a relation joins two persons: the ledger refuses one to oneself */
          if (other == customer)
            other = (other + 1) % n_customers;
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_RELATION, id, at);
          phone_of (other, phone2);
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_counterpart (ev, NULL, phone2);
          attrib_event_set_relation_kind (ev, 1 + roll % 9);
        }
      else
        {
          ev = attrib_event_new (ATTRIB_EVENT_TYPE_IDENTITY, id, at);
          memcpy (phone2, "177", 3);
          put_digits (phone2 + 3, customer, 8);
          phone2[11] = '\0';
          attrib_event_set_customer (ev, name, phone);
          attrib_event_set_counterpart (ev, name, phone2);
        }

      if (!attrib_ledger_add_event (ledger, ev, &error))
        {
          g_printerr ("event %s: %s\n", id, error->message);
          return 1;
        }
    }
  t1 = g_get_monotonic_time ();
  rss_added = read_status_kb ("VmRSS:");

  attrib_ledger_freeze (ledger);
  t2 = g_get_monotonic_time ();
  rss_indexed = read_status_kb ("VmRSS:");
  peak = read_status_kb ("VmHWM:");

  g_print ("events            %" G_GINT64_FORMAT "\n", n_events);
  g_print ("persons           %u\n", attrib_ledger_get_n_persons (ledger));
  g_print ("add (C API)       %.3f s, %.2f M events/s\n",
           (t1 - t0) / 1e6, n_events / ((t1 - t0) / 1e6) / 1e6);
  g_print ("index (freeze)    %.3f s\n", (t2 - t1) / 1e6);
  g_print ("resident, added   %.1f MiB, %.1f bytes/event\n",
           (rss_added - rss_before) / 1024.0, (rss_added - rss_before) * 1024.0 / n_events);
  g_print ("resident, indexed %.1f MiB, %.1f bytes/event\n",
           (rss_indexed - rss_before) / 1024.0, (rss_indexed - rss_before) * 1024.0 / n_events);
  g_print ("peak resident     %.1f MiB\n", peak / 1024.0);

  if (attribute)
    {
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", &error);
      g_autoptr(AttribEngine) engine = attrib_engine_new (profile);
      g_autoptr(GPtrArray) verdicts = NULL;
      gint64 t3, t4;
      guint owned = 0, d;

      /* ATTRIB_THREADS=N: the engine's n-threads (the library reads no
       * environment for it) */
      if (g_getenv ("ATTRIB_THREADS") != NULL)
        attrib_engine_set_n_threads (engine, (guint) MIN (g_ascii_strtoull (g_getenv ("ATTRIB_THREADS"), NULL, 10),
                                                          ATTRIB_MAX_THREADS));
      t3 = g_get_monotonic_time ();
      verdicts = attrib_engine_attribute_all (engine, ledger, &error);
      t4 = g_get_monotonic_time ();
      if (verdicts == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (d = 0; d < verdicts->len; d++)
        {
          gint64 num, den;

          attrib_verdict_get_party_share (g_ptr_array_index (verdicts, d), ATTRIB_SHARE_KIND_PERFORMANCE,
                                          "developer", &num, &den);
          owned += num == 0;
        }
      g_print ("attribute all     %u deals in %.3f s, %.0f deals/s (junyuan-2012, full traces); "
               "%u to a channel\n", verdicts->len, (t4 - t3) / 1e6, verdicts->len / ((t4 - t3) / 1e6), owned);
    }

  if (commission)
    {
      g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", &error);
      g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autofree char *total_text = NULL;
      gint64 t5, t6, t7, total = 0;
      guint c;

      for (c = 0; c < n_channels + 10; c++)
        {
          g_autofree char *json = g_strdup_printf (
            "{\"id\": \"ch%02u-plan\", \"party\": \"ch%02u\", \"products\": {\"residential\": {\"rate\": \"2%%\"}},"
            " \"tiers\": {\"steps\": [{\"from\": 0, \"rate\": \"2%%\"}, {\"from\": 20, \"rate\": \"2.5%%\"},"
            " {\"from\": 50, \"rate\": \"3%%\"}]},"
            " \"milestones\": [{\"stage\": \"subscribed\", \"share\": \"30%%\"}, {\"stage\": \"signed\", \"share\": \"70%%\"}],"
            " \"split\": [{\"to\": \"company\", \"share\": \"60%%\"}, {\"to\": \"agent\", \"share\": \"40%%\"}]}", c, c);
          g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_data (json, -1, "bench", &error);

          if (plan == NULL || !attrib_calculator_add_plan (calc, plan, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
        }
      t5 = g_get_monotonic_time ();
      lines = attrib_calculator_get_lines (calc, ledger, &error);
      t6 = g_get_monotonic_time ();
      if (lines == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      statements = attrib_calculator_get_statements (calc, ledger, "2024-01", &error);
      t7 = g_get_monotonic_time ();
      if (statements == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (c = 0; c < lines->len; c++)
        total += attrib_commission_line_get_amount (g_ptr_array_index (lines, c));
      total_text = attrib_money_format (total);
      g_print ("commission lines  %u lines in %.3f s (%u tiered plans with milestones and a split), total %s\n",
               lines->len, (t6 - t5) / 1e6, n_channels + 10, total_text);
      g_print ("statements        %u for 2024-01 in %.3f s\n", statements->len, (t7 - t6) / 1e6);
    }
  return 0;
}
