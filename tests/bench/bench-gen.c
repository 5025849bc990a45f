/* bench-gen.c: a seeded project ledger for the peer race, as CSV and JSON Lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-gen --events N [--seed S] --csv FILE [--jsonl FILE]
 *
 * The events of a national brokerage's project (docs/performance.md,
 * "The race"): channel reports (35 %), agent visits (25 %; one in ten with
 * a second channel's agent, one in three of those entering together),
 * developer CRM records (22 %: calls, walk-ins, follow-ups), agents'
 * follow-ups (10 %), deals (8 %: a customer subscribes, signs about a day
 * later, and one deal in ten is cancelled a day after that). About eight
 * events per customer, most about recent customers. No relations, masks
 * or identity links, so that every peer can implement the compared rule.
 *
 * Every timestamp is distinct (one or more seconds apart, in order), all
 * in +08:00: no ties for the peers to order. Output is byte-identical for
 * a seed.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* xorshift64*: fast, seeded, the same everywhere */
static uint64_t rng_state;

static uint64_t
rng_next (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * UINT64_C (2685821657736338717);
}

static uint32_t
rng_below (uint32_t n)
{
  return (uint32_t) ((rng_next () >> 32) % n);
}

static void
phone_of (uint32_t customer,
          char     out[12])
{
  static const char *prefixes[] = { "138", "139", "137", "136", "135", "150", "186", "189" };
  uint32_t v = (uint32_t) ((customer * UINT64_C (2654435761)) % 100000000u);
  int i;

  memcpy (out, prefixes[customer % 8], 3);
  for (i = 10; i >= 3; i--)
    {
      out[i] = '0' + v % 10;
      v /= 10;
    }
  out[11] = '\0';
}

/* +08:00 local text of a UNIX time */
static void
time_text (int64_t t,
           char    out[80])
{
  time_t local = (time_t) (t + 8 * 3600);
  struct tm tm;

  gmtime_r (&local, &tm);
  snprintf (out, 80, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
            tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int
main (int    argc,
      char **argv)
{
  long long n_events = 10000;
  unsigned long long seed = 20241201;
  const char *csv_path = NULL, *jsonl_path = NULL;
  FILE *csv = NULL, *jsonl = NULL;
  uint32_t n_customers, n_channels = 60, n_agents = 25;
  unsigned char *has_deal;     /* per customer */
  struct { long long due; uint32_t customer; unsigned char stage; } *queue;   /* FIFO of later stages */
  long long head = 0, tail = 0;
  int64_t now = INT64_C (1704038400);   /* 2024-01-01T00:00:00+08:00 */
  long long i;
  int a;

  for (a = 1; a < argc; a++)
    {
      if (strcmp (argv[a], "--events") == 0 && a + 1 < argc)
        n_events = atoll (argv[++a]);
      else if (strcmp (argv[a], "--seed") == 0 && a + 1 < argc)
        seed = strtoull (argv[++a], NULL, 10);
      else if (strcmp (argv[a], "--csv") == 0 && a + 1 < argc)
        csv_path = argv[++a];
      else if (strcmp (argv[a], "--jsonl") == 0 && a + 1 < argc)
        jsonl_path = argv[++a];
      else
        {
          fprintf (stderr, "usage: bench-gen --events N [--seed S] [--csv FILE] [--jsonl FILE]\n");
          return 2;
        }
    }
  if (n_events <= 0 || (csv_path == NULL && jsonl_path == NULL))
    {
      fprintf (stderr, "bench-gen: give --events N > 0 and --csv and/or --jsonl\n");
      return 2;
    }
  if ((csv_path != NULL && (csv = fopen (csv_path, "w")) == NULL) ||
      (jsonl_path != NULL && (jsonl = fopen (jsonl_path, "w")) == NULL))
    {
      perror ("bench-gen");
      return 1;
    }
  rng_state = seed * UINT64_C (0x9E3779B97F4A7C15) + 1;
  n_customers = (uint32_t) (n_events / 8 > 10 ? n_events / 8 : 10);
  has_deal = calloc (n_customers, 1);
  queue = calloc ((size_t) n_events + 1, sizeof *queue);
  if (csv != NULL)
    fputs ("id,type,at,party,agents,customer_name,customer_phone,purchaser_phone,kind,stage,deal,price\n", csv);

  for (i = 0; i < n_events; i++)
    {
      uint32_t roll = rng_below (1000), customer, known;
      char at[80], phone[12], party[16], party2[16], deal[16], price[24];
      const char *type;

      /* a deal's later stage falls due: signing (or a cancellation) */
      if (head < tail && queue[head].due <= i)
        {
          static const char *stages[] = { NULL, NULL, "signed", "cancelled" };
          unsigned char stage = queue[head].stage;

          customer = queue[head++].customer;
          now += 1 + rng_below (60);
          time_text (now, at);
          phone_of (customer, phone);
          snprintf (deal, sizeof deal, "D%u", customer);
          if (csv != NULL)
            fprintf (csv, "e%lld,deal,%s,,,,,%s,,%s,%s,\n", i, at, phone, stages[stage], deal);
          if (jsonl != NULL)
            fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"deal\", \"at\": \"%s\", \"deal\": \"%s\", \"stage\": "
                     "\"%s\", \"purchaser\": {\"phone\": \"%s\"}}\n", i, at, deal, stages[stage], phone);
          if (stage == 2 && rng_below (10) == 0)
            {
              queue[tail].due = i + 3000;
              queue[tail].customer = customer;
              queue[tail++].stage = 3;
            }
          continue;
        }

      /* leads arrive over time and are worked for weeks: 85 % of events
       * concern one of the 20 000 newest customers */
      known = (uint32_t) (i / 8 + 1 < n_customers ? i / 8 + 1 : n_customers);
      if (roll % 100 < 85)
        customer = known - 1 - rng_below (known < 20000 ? known : 20000);
      else
        customer = rng_below (known);

      now += 1 + rng_below (60);
      time_text (now, at);
      phone_of (customer, phone);
      snprintf (party, sizeof party, "ch%02u/ag%02u", roll % n_channels, (roll / 7 + customer) % n_agents);

      if (roll < 350)
        {
          type = "report";
          if (csv != NULL)
            fprintf (csv, "e%lld,report,%s,%s,,客户%u,%s,,,,,\n", i, at, party, customer, phone);
          if (jsonl != NULL)
            fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"report\", \"at\": \"%s\", \"party\": \"%s\", "
                     "\"customer\": {\"name\": \"客户%u\", \"phone\": \"%s\"}}\n", i, at, party, customer, phone);
        }
      else if (roll < 600)
        {
          /* a second channel's agent: entering together (equal rank) or after */
          int two = roll < 375, together = roll < 358;

          type = "visit";
          snprintf (party2, sizeof party2, "ch%02u/ag%02u", (roll % n_channels + 1 + customer % 7) % n_channels,
                    customer % n_agents);
          if (csv != NULL)
            {
              if (two)
                fprintf (csv, "e%lld,visit,%s,,%s:0;%s:%d,客户%u,%s,,,,,\n", i, at, party, party2, together ? 0 : 1,
                         customer, phone);
              else
                fprintf (csv, "e%lld,visit,%s,,%s:0,客户%u,%s,,,,,\n", i, at, party, customer, phone);
            }
          if (jsonl != NULL)
            {
              if (two)
                fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"visit\", \"at\": \"%s\", \"customer\": {\"name\": "
                         "\"客户%u\", \"phone\": \"%s\"}, \"agents\": [{\"party\": \"%s\", \"rank\": 0}, "
                         "{\"party\": \"%s\", \"rank\": %d}]}\n", i, at, customer, phone, party, party2, together ? 0 : 1);
              else
                fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"visit\", \"at\": \"%s\", \"customer\": {\"name\": "
                         "\"客户%u\", \"phone\": \"%s\"}, \"agents\": [{\"party\": \"%s\", \"rank\": 0}]}\n",
                         i, at, customer, phone, party);
            }
        }
      else if (roll < 820)
        {
          static const char *kinds[] = { "call", "visit", "follow_up" };
          const char *kind = kinds[roll % 3];

          type = "interaction";
          if (csv != NULL)
            fprintf (csv, "e%lld,interaction,%s,,,客户%u,%s,,%s,,,\n", i, at, customer, phone, kind);
          if (jsonl != NULL)
            fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"interaction\", \"at\": \"%s\", \"customer\": {\"name\": "
                     "\"客户%u\", \"phone\": \"%s\"}, \"kind\": \"%s\"}\n", i, at, customer, phone, kind);
        }
      else if (roll < 920)
        {
          type = "follow_up";
          if (csv != NULL)
            fprintf (csv, "e%lld,follow_up,%s,%s,,客户%u,%s,,,,,\n", i, at, party, customer, phone);
          if (jsonl != NULL)
            fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"follow_up\", \"at\": \"%s\", \"party\": \"%s\", "
                     "\"customer\": {\"name\": \"客户%u\", \"phone\": \"%s\"}}\n", i, at, party, customer, phone);
        }
      else
        {
          /* the customer subscribes; the signing follows about a day later */
          if (has_deal[customer])
            {
              /* one deal a customer: a report instead, so N stays N */
              if (csv != NULL)
                fprintf (csv, "e%lld,report,%s,%s,,客户%u,%s,,,,,\n", i, at, party, customer, phone);
              if (jsonl != NULL)
                fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"report\", \"at\": \"%s\", \"party\": \"%s\", "
                         "\"customer\": {\"name\": \"客户%u\", \"phone\": \"%s\"}}\n", i, at, party, customer, phone);
              continue;
            }
          has_deal[customer] = 1;
          type = "deal";
          snprintf (deal, sizeof deal, "D%u", customer);
          snprintf (price, sizeof price, "%u.%02u", 1000000 + rng_below (4000000), rng_below (100));
          if (csv != NULL)
            fprintf (csv, "e%lld,deal,%s,,,,,%s,,subscribed,%s,%s\n", i, at, phone, deal, price);
          if (jsonl != NULL)
            fprintf (jsonl, "{\"id\": \"e%lld\", \"type\": \"deal\", \"at\": \"%s\", \"deal\": \"%s\", \"stage\": "
                     "\"subscribed\", \"purchaser\": {\"phone\": \"%s\"}, \"price\": \"%s\"}\n", i, at, deal, phone, price);
          queue[tail].due = i + 3000;
          queue[tail].customer = customer;
          queue[tail++].stage = 2;
        }
      (void) type;
    }
  free (has_deal);
  free (queue);
  if ((csv != NULL && fclose (csv) != 0) || (jsonl != NULL && fclose (jsonl) != 0))
    {
      perror ("bench-gen");
      return 1;
    }
  return 0;
}
