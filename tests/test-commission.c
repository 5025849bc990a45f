/* test-commission.c: plans, the calculator's sums over random contracts,
 * clawbacks, determinism, and the errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include <attrib/attrib.h>

/* ------------------------------------------------------------------ */
/* Plans                                                               */

static const struct {
  const char *json;
  const char *message;      /* a part of the error, with file:line:column */
  AttribError code;         /* 0: ATTRIB_ERROR_INVALID_FILE */
} bad_plans[] = {
  { "{\"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}}}",
    "p.json:1:1: a commission plan needs an “id”" },
  { "{\"id\": \"p\", \"products\": {\"residential\": {\"rate\": \"2%\"}}}",
    "p.json:1:1: a commission plan needs the “party”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\"}",
    "p.json:1:1: a commission plan needs “products”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"residential\": {\"rate\": 2.5}}}",
    "p.json:2:39: “rate” is a percent with up to four decimals" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"residential\": {\"rate\": \"2.12345%\"}}}",
    "p.json:2:39: “rate”: “2.12345%” is not a percent with up to four decimals" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"residential\": {\"rate\": \"120%\"}}}",
    "p.json:2:39: “rate” must not exceed 100%" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"villa\": {\"rate\": \"2%\"}}}",
    "p.json:2:15: “villa” is not a product" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"parking\": {\"amount\": 5000}}}",
    "p.json:2:37: “amount” is an amount in yuan written as a string" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"parking\": {\"amount\": \"5000.001\"}}}",
    "p.json:2:37: “amount”: “5000.001” has 3 decimals" },
  { "{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"parking\": {\"amount\": \"100\", \"rate\": \"1%\"}}}",
    "p.json:2:26: a product's terms give a “rate” or an “amount” per unit, not both" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"milestones\": [{\"stage\": \"signed\", \"share\": \"50%\"}, {\"stage\": \"paid\", \"share\": \"40%\"}]}",
    "p.json:2:16: the milestones' shares add up to 9/10, not 100%" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"milestones\": [{\"stage\": \"signed\", \"share\": \"50%\"}, {\"stage\": \"signed\", \"share\": \"50%\"}]}",
    "p.json:2:64: a stage pays at one milestone only" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"milestones\": [{\"stage\": \"renamed\", \"share\": \"100%\"}]}",
    "p.json:2:27: “stage”: a paying stage is" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"tiers\": {\"steps\": [{\"from\": 1, \"rate\": \"2%\"}]}}",
    "p.json:2:31: the first tier starts “from” 0" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"tiers\": {\"steps\": [{\"from\": 0, \"rate\": \"2%\"}, {\"from\": 0, \"rate\": \"3%\"}]}}",
    "p.json:2:58: tier steps go up" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"tiers\": {\"mode\": \"stepped\", \"steps\": [{\"from\": 0, \"rate\": \"2%\"}]}}",
    "p.json:2:20: “mode” is “retroactive” or “marginal”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"retention\": {\"share\": \"100%\", \"until\": \"paid\"}}",
    "p.json:2:25: a retention of 100% would pay nothing" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"split\": [{\"to\": \"agent\", \"share\": \"50%\"}, {\"to\": \"agent\", \"share\": \"50%\"}]}",
    "p.json:2:52: “agent” is given twice" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"split\": [{\"to\": \"boss\", \"share\": \"100%\"}]}",
    "p.json:2:19: “to” is “company”, “store” or “agent”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"stores\": {\"zhang\": \"wangjing\"}}",
    "p.json:2:13: “zhang” is not an agent (channel/agent)" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"effective\": \"2024-06-01\", \"until\": \"2024-05-31\"}",
    "p.json:2:38: “until” comes before “effective”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"rounding\": \"down\"}",
    "p.json:2:14: “rounding” is “half_up”" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}},\n"
    " \"bonus\": {\"per_deal\": \"100\"}}",
    "p.json:2:2: unknown key “bonus” in a commission plan" },
  { "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": \"2%\"}}",
    "p.json:1:76: expected ‘,’ or ‘}’ after object member", ATTRIB_ERROR_PARSE },
  { "[]", "p.json:1:1: a commission plan must be an object" },
};

static void
test_plan_errors (void **state)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad_plans); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_data (bad_plans[i].json, -1, "p.json", &error);

      if (plan != NULL || error == NULL)
        fail_msg ("plan %u was accepted: %s", i, bad_plans[i].json);
      if (!g_error_matches (error, ATTRIB_ERROR, bad_plans[i].code ? bad_plans[i].code : ATTRIB_ERROR_INVALID_FILE) ||
          strstr (error->message, bad_plans[i].message) == NULL)
        fail_msg ("plan %u: “%s” does not say “%s”", i, error->message, bad_plans[i].message);
    }
}

/* to_json gives a plan that reads back to the same plan */
static void
test_plan_round_trip (void **state)
{
  static const char *json =
    "{\"id\": \"lianjia-2024\", \"party\": \"lianjia\", \"title\": \"链家\", \"effective\": \"2024-01-01\","
    " \"until\": \"2024-12-31\", \"rounding\": \"half_even\","
    " \"products\": {\"residential\": {\"rate\": \"2.5%\", \"cap\": \"100000.00\"}, \"parking\": {\"amount\": \"5000\"}},"
    " \"tiers\": {\"basis\": \"amount\", \"mode\": \"marginal\", \"steps\": [{\"from\": \"0\", \"rate\": \"2%\"},"
    " {\"from\": \"10000000.00\", \"rate\": \"3.125%\"}]},"
    " \"bonuses\": {\"per_deal\": \"2000\", \"per_visit\": \"200.50\"},"
    " \"milestones\": [{\"stage\": \"signed\", \"share\": \"50%\"}, {\"stage\": [\"paid\", \"loan_disbursed\"], \"share\": \"50%\"}],"
    " \"retention\": {\"share\": \"10%\", \"until\": \"paid\"},"
    " \"split\": [{\"to\": \"company\", \"share\": \"40%\"}, {\"to\": \"store\", \"share\": \"20%\"}, {\"to\": \"agent\", \"share\": \"40%\"}],"
    " \"stores\": {\"lianjia/zhang\": \"lianjia/wangjing\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(AttribCommissionPlan) plan = attrib_commission_plan_new_from_data (json, -1, "p.json", &error);
  g_autoptr(AttribCommissionPlan) again = NULL;
  g_autofree char *first = NULL, *second = NULL;

  if (plan == NULL)
    fail_msg ("%s", error->message);
  assert_string_equal (attrib_commission_plan_get_id (plan), "lianjia-2024");
  assert_string_equal (attrib_commission_plan_get_party (plan), "lianjia");
  assert_string_equal (attrib_commission_plan_get_title (plan), "链家");
  assert_int_equal (attrib_commission_plan_get_rounding (plan), ATTRIB_ROUNDING_HALF_EVEN);
  first = attrib_commission_plan_to_json (plan);
  again = attrib_commission_plan_new_from_data (first, -1, "again.json", &error);
  if (again == NULL)
    fail_msg ("%s: %s", error->message, first);
  second = attrib_commission_plan_to_json (again);
  assert_string_equal (first, second);
}

static AttribCommissionPlan *
plan_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  AttribCommissionPlan *plan = attrib_commission_plan_new_from_data (json, -1, "p.json", &error);

  if (plan == NULL)
    fail_msg ("%s", error->message);
  return plan;
}

static void
test_add_plan (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
  g_autoptr(AttribCommissionPlan) a = plan_from ("{\"id\": \"a\", \"party\": \"lianjia\", \"until\": \"2024-05-31\","
                                                 " \"products\": {\"residential\": {\"rate\": \"2%\"}}}");
  g_autoptr(AttribCommissionPlan) b = plan_from ("{\"id\": \"b\", \"party\": \"lianjia\", \"effective\": \"2024-06-01\","
                                                 " \"products\": {\"residential\": {\"rate\": \"3%\"}}}");
  g_autoptr(AttribCommissionPlan) c = plan_from ("{\"id\": \"c\", \"party\": \"lianjia\", \"effective\": \"2024-05-31\","
                                                 " \"products\": {\"residential\": {\"rate\": \"3%\"}}}");
  g_autoptr(AttribCommissionPlan) a2 = plan_from ("{\"id\": \"a\", \"party\": \"5i5j\","
                                                  " \"products\": {\"residential\": {\"rate\": \"3%\"}}}");
  g_autoptr(AttribCommissionPlan) d = plan_from ("{\"id\": \"d\", \"party\": \"5i5j\","
                                                 " \"products\": {\"residential\": {\"rate\": \"3%\"}}}");
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GError) error = NULL;

  assert_true (attrib_calculator_add_plan (calc, b, &error));
  assert_true (attrib_calculator_add_plan (calc, a, &error));
  assert_false (attrib_calculator_add_plan (calc, c, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_FILE));
  assert_non_null (strstr (error->message, "in force on the same days"));
  g_clear_error (&error);
  assert_false (attrib_calculator_add_plan (calc, a2, &error));
  assert_non_null (strstr (error->message, "Plan id “a” is given twice"));
  g_clear_error (&error);
  assert_true (attrib_calculator_add_plan (calc, d, &error));

  /* by party, then date */
  plans = attrib_calculator_get_plans (calc);
  assert_int_equal (plans->len, 3);
  assert_string_equal (attrib_commission_plan_get_id (g_ptr_array_index (plans, 0)), "d");
  assert_string_equal (attrib_commission_plan_get_id (g_ptr_array_index (plans, 1)), "a");
  assert_string_equal (attrib_commission_plan_get_id (g_ptr_array_index (plans, 2)), "b");
  assert_true (attrib_calculator_get_profile (calc) == profile);
}

/* The test's own reference of add_plan: every plan added so far read in
 * order (by party, then date), the first whose id is the new one's or
 * whose dates overlap its party's answering. */
typedef struct
{
  char id[8];
  char party[8];
  int from, until;   /* months of 2024 */
} RefPlan;

static int
compare_ref_plans (gconstpointer a,
                   gconstpointer b)
{
  const RefPlan *x = a, *y = b;
  int c = strcmp (x->party, y->party);

  return c != 0 ? c : (x->from > y->from) - (x->from < y->from);
}

/* Plans added in random order, a few ids given twice and many dates
 * overlapping: add_plan, which finds a plan's place and its neighbours by
 * binary search, refuses what a pass over every plan would, naming the
 * same plan, and keeps the plans in the same order. */
static void
test_add_plan_random (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint round;

  for (round = 0; round < 40; round++)
    {
      g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
      g_autoptr(GArray) ref = g_array_new (FALSE, FALSE, sizeof (RefPlan));
      g_autoptr(GPtrArray) plans = NULL;
      guint n = g_rand_int_range (rand, 1, 60), i, j;

      for (i = 0; i < n; i++)
        {
          g_autoptr(AttribCommissionPlan) plan = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *json = NULL;
          g_autofree char *expected = NULL;
          RefPlan p;

          g_snprintf (p.id, sizeof p.id, "p%d", g_rand_int_range (rand, 0, 3 * n));
          g_snprintf (p.party, sizeof p.party, "ch%d", g_rand_int_range (rand, 0, 4));
          p.from = g_rand_int_range (rand, 1, 13);
          p.until = g_rand_int_range (rand, p.from, MIN (p.from + 2, 12) + 1);
          json = g_strdup_printf ("{\"id\": \"%s\", \"party\": \"%s\", \"effective\": \"2024-%02d-01\","
                                  " \"until\": \"2024-%02d-28\", \"products\": {\"residential\": {\"rate\": \"2%%\"}}}",
                                  p.id, p.party, p.from, p.until);
          plan = plan_from (json);
          for (j = 0; j < ref->len && expected == NULL; j++)
            {
              const RefPlan *o = &g_array_index (ref, RefPlan, j);

              if (g_str_equal (o->id, p.id))
                expected = g_strdup_printf ("Plan id “%s” is given twice", p.id);
              else if (g_str_equal (o->party, p.party) && o->from <= p.until && p.from <= o->until)
                expected = g_strdup_printf ("Plans “%s” and “%s” of %s are in force", o->id, p.id, p.party);
            }
          if (expected == NULL)
            {
              assert_true (attrib_calculator_add_plan (calc, plan, &error));
              g_array_append_val (ref, p);
              g_array_sort (ref, compare_ref_plans);
            }
          else
            {
              assert_false (attrib_calculator_add_plan (calc, plan, &error));
              assert_true (g_str_has_prefix (error->message, expected));
            }
        }
      plans = attrib_calculator_get_plans (calc);
      assert_int_equal (plans->len, ref->len);
      for (i = 0; i < ref->len; i++)
        assert_string_equal (attrib_commission_plan_get_id (g_ptr_array_index (plans, i)), g_array_index (ref, RefPlan, i).id);
    }
}

/* ------------------------------------------------------------------ */
/* Random contracts                                                    */

/* round(a × b / c) half up, for a, b, c > 0: the test's own reference */
static gint64
half_up (gint64 a,
         gint64 b,
         gint64 c)
{
  __int128 p = (__int128) a * b;

  return (gint64) ((2 * p + c) / (2 * (__int128) c));
}

/* Random percents that sum to 100, as "n%" texts, in @out. */
static guint
random_parts (GRand  *rand,
              guint   max,
              int    *out)
{
  guint n = g_rand_int_range (rand, 1, max + 1), i;
  int left = 100;

  for (i = 0; i + 1 < n; i++)
    {
      out[i] = g_rand_int_range (rand, 1, left - (int) (n - i - 1) + 1);
      left -= out[i];
    }
  out[n - 1] = left;
  return n;
}

typedef struct
{
  char *plan;
  char *events;
  gint64 price;
  gint64 rate;          /* millionths */
  gint64 cap;           /* fen, or -1 */
  gboolean cancelled;
  guint n_parties;
} Contract;

static void
contract_clear (Contract *c)
{
  g_free (c->plan);
  g_free (c->events);
}

static void
random_contract (GRand    *rand,
                 gboolean  agent_only,
                 Contract *c)
{
  const char *roles[] = { "company", "store", "agent" };
  static const char *stages[] = { "signed", "loan_disbursed", "paid" };
  GString *plan = g_string_new (NULL), *events = g_string_new (NULL);
  int milestones[3], split[3];
  guint n_milestones, n_split, i;
  g_autofree char *price_text = NULL;
  g_autofree char *cap_text = NULL;

  memset (c, 0, sizeof *c);
  c->price = g_rand_int_range (rand, 1, G_MAXINT32) * (gint64) g_rand_int_range (rand, 1, 50);
  c->rate = g_rand_int_range (rand, 1, 50001);
  c->cap = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, G_MAXINT32) : -1;
  c->cancelled = g_rand_int_range (rand, 0, 4) == 0;
  c->n_parties = g_rand_int_range (rand, 1, 4);
  price_text = attrib_money_format (c->price);
  cap_text = c->cap >= 0 ? attrib_money_format (c->cap) : NULL;

  g_string_append_printf (plan, "{\"id\": \"p\", \"party\": \"lianjia\", \"products\": {\"residential\": {\"rate\": "
                          "\"%d.%04d%%\"", (int) (c->rate / 10000), (int) (c->rate % 10000));
  if (cap_text != NULL)
    g_string_append_printf (plan, ", \"cap\": \"%s\"", cap_text);
  g_string_append (plan, "}}, \"milestones\": [");
  n_milestones = random_parts (rand, 3, milestones);
  for (i = 0; i < n_milestones; i++)
    g_string_append_printf (plan, "%s{\"stage\": \"%s\", \"share\": \"%d%%\"}", i ? ", " : "", stages[i], milestones[i]);
  g_string_append (plan, "], \"split\": [");
  n_split = agent_only ? 1 : random_parts (rand, 3, split);
  if (agent_only)
    {
      roles[0] = "agent";
      split[0] = 100;
    }
  for (i = 0; i < n_split; i++)
    g_string_append_printf (plan, "%s{\"to\": \"%s\", \"share\": \"%d%%\"}", i ? ", " : "", roles[i], split[i]);
  g_string_append (plan, "], \"stores\": {\"lianjia/a0\": \"lianjia/east\", \"lianjia/a1\": \"lianjia/west\"}");
  if (g_rand_boolean (rand))
    g_string_append_printf (plan, ", \"retention\": {\"share\": \"%d%%\", \"until\": \"paid\"}", g_rand_int_range (rand, 1, 31));
  g_string_append (plan, "}");

  g_string_append (events, "[{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
                           " \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"lianjia/a0\"}]},"
                           " {\"id\": \"g\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"deal\": \"D1\","
                           " \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}, ");
  g_string_append_printf (events, "\"price\": \"%s\"}", price_text);
  if (c->n_parties > 1)
    {
      /* a ruling shares the deal between the channel's agents: k/(n(n+1)/2) */
      guint total = c->n_parties * (c->n_parties + 1) / 2;

      g_string_append (events, ", {\"id\": \"r\", \"type\": \"ruling\", \"at\": \"2024-03-25T10:00:00+08:00\", \"deal\": \"D1\","
                               " \"authority\": \"经理\", \"reason\": \"协商\", \"shares\": {");
      for (i = 0; i < c->n_parties; i++)
        g_string_append_printf (events, "%s\"lianjia/a%u\": \"%u/%u\"", i ? ", " : "", i, i + 1, total);
      g_string_append (events, "}}");
    }
  g_string_append (events, ", {\"id\": \"l\", \"type\": \"deal\", \"at\": \"2024-04-15T10:00:00+08:00\", \"deal\": \"D1\","
                           " \"stage\": \"loan_disbursed\"}"
                           ", {\"id\": \"f\", \"type\": \"deal\", \"at\": \"2024-05-15T10:00:00+08:00\", \"deal\": \"D1\","
                           " \"stage\": \"paid\"}");
  if (c->cancelled)
    g_string_append (events, ", {\"id\": \"x\", \"type\": \"deal\", \"at\": \"2024-06-15T10:00:00+08:00\", \"deal\": \"D1\","
                             " \"stage\": \"cancelled\"}");
  g_string_append (events, "]");
  c->plan = g_string_free (plan, FALSE);
  c->events = g_string_free (events, FALSE);
}

static GPtrArray *
contract_lines (AttribProfile *profile,
                Contract      *c)
{
  g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
  g_autoptr(AttribCommissionPlan) plan = plan_from (c->plan);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *lines;

  if (!attrib_ledger_load_data (ledger, c->events, -1, "events.json", &error))
    fail_msg ("%s: %s", error->message, c->events);
  assert_true (attrib_calculator_add_plan (calc, plan, NULL));
  lines = attrib_calculator_get_lines (calc, ledger, &error);
  if (lines == NULL)
    fail_msg ("%s", error->message);
  return lines;
}

/* Whatever the rate, cap, milestones, retention, split and shares, the
 * lines of a fully paid deal add up to the commission rounded once; a
 * cancelled one to zero; every retention is released or clawed back. */
static void
test_random_contracts (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  guint trial;

  for (trial = 0; trial < 400; trial++)
    {
      Contract c;
      g_autoptr(GPtrArray) lines = NULL;
      gint64 total = 0, retained = 0, want;
      guint i;

      random_contract (rand, FALSE, &c);
      lines = contract_lines (profile, &c);
      for (i = 0; i < lines->len; i++)
        {
          AttribCommissionLine *line = g_ptr_array_index (lines, i);
          AttribLineKind kind = attrib_commission_line_get_kind (line);

          assert_string_equal (attrib_commission_line_get_deal (line), "D1");
          assert_string_equal (attrib_commission_line_get_plan (line), "p");
          total += attrib_commission_line_get_amount (line);
          if (kind == ATTRIB_LINE_KIND_RETENTION || kind == ATTRIB_LINE_KIND_RELEASE ||
              g_strcmp0 (attrib_commission_line_get_rule (line), "retention") == 0)
            retained += attrib_commission_line_get_amount (line);
          if (kind == ATTRIB_LINE_KIND_CLAWBACK)
            assert_true (c.cancelled);
          /* lines are in time order */
          if (i > 0)
            assert_true (attrib_commission_line_get_at (g_ptr_array_index (lines, i - 1)) <=
                         attrib_commission_line_get_at (line));
        }
      want = half_up (c.price, c.rate, 1000000);
      if (c.cap >= 0 && (__int128) c.price * c.rate > (__int128) c.cap * 1000000)
        want = c.cap;
      if (c.cancelled)
        want = 0;
      if (total != want)
        fail_msg ("trial %u: the lines add up to %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT "\nplan %s\nevents %s",
                  trial, total, want, c.plan, c.events);
      assert_int_equal (retained, 0);
      contract_clear (&c);
    }
}

/* The agents of a random ruling get the whole allocated by their shares,
 * by the largest remainder — checked against the test's own allocation. */
static void
test_ruling_shares (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (77);
  guint trial;

  for (trial = 0; trial < 200; trial++)
    {
      Contract c;
      g_autoptr(GPtrArray) lines = NULL;
      gint64 whole, by_party[3] = { 0, }, want[3], rem[3], left;
      guint i, j, total;

      do
        {
          random_contract (rand, TRUE, &c);
          if (c.n_parties > 1 && !c.cancelled)
            break;
          contract_clear (&c);
        }
      while (TRUE);
      lines = contract_lines (profile, &c);
      for (i = 0; i < lines->len; i++)
        {
          AttribCommissionLine *line = g_ptr_array_index (lines, i);
          const char *party = attrib_commission_line_get_party (line);

          assert_true (g_str_has_prefix (party, "lianjia/a") && party[9] >= '0' && party[9] < '0' + (int) c.n_parties);
          by_party[party[9] - '0'] += attrib_commission_line_get_amount (line);
        }

      /* agent i has (i+1)/total of the whole */
      whole = half_up (c.price, c.rate, 1000000);
      if (c.cap >= 0 && (__int128) c.price * c.rate > (__int128) c.cap * 1000000)
        whole = c.cap;
      total = c.n_parties * (c.n_parties + 1) / 2;
      left = whole;
      for (i = 0; i < c.n_parties; i++)
        {
          want[i] = (gint64) ((__int128) whole * (i + 1) / total);
          rem[i] = (gint64) ((__int128) whole * (i + 1) % total);
          left -= want[i];
        }
      for (; left > 0; left--)
        {
          guint best = 0;

          for (j = 1; j < c.n_parties; j++)
            if (rem[j] > rem[best])
              best = j;
          want[best]++;
          rem[best] = -1;
        }
      for (i = 0; i < c.n_parties; i++)
        if (by_party[i] != want[i])
          fail_msg ("trial %u: lianjia/a%u got %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT "\nplan %s\nevents %s",
                    trial, i, by_party[i], want[i], c.plan, c.events);
      contract_clear (&c);
    }
}

/* ------------------------------------------------------------------ */
/* Determinism and errors                                              */

static char *
statements_text (AttribCalculator *calc,
                 AttribLedger     *ledger)
{
  static const char *months[] = { "2024-03", "2024-04", "2024-05", "2024-06" };
  GString *out = g_string_new (NULL);
  guint m, i;

  for (m = 0; m < G_N_ELEMENTS (months); m++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) statements = attrib_calculator_get_statements (calc, ledger, months[m], &error);

      if (statements == NULL)
        fail_msg ("%s", error->message);
      for (i = 0; i < statements->len; i++)
        {
          g_autofree char *json = attrib_statement_to_json (g_ptr_array_index (statements, i));

          g_string_append_printf (out, "%s\n", json);
        }
    }
  return g_string_free (out, FALSE);
}

/* The sample project's statements are byte-identical in any insertion
 * order, and the fingerprint covers the plans the lines are under. */
static void
test_insertion_order (void **state)
{
  g_autoptr(GFile) file = g_file_new_for_path (TEST_DATA_DIR "/sample-project.json");
  g_autoptr(AttribProfile) profile = NULL;
  g_autoptr(AttribLedger) ledger = NULL;
  g_autoptr(AttribCalculator) calc = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) attrib_event_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  guint round, i, n;

  if (!attrib_scenario_load (file, NULL, &profile, &ledger, &error) || (plans = attrib_scenario_load_plans (file, NULL, &error)) == NULL)
    fail_msg ("%s", error->message);
  calc = attrib_calculator_new (profile);
  for (i = 0; i < plans->len; i++)
    assert_true (attrib_calculator_add_plan (calc, g_ptr_array_index (plans, i), NULL));
  reference = statements_text (calc, ledger);
  assert_non_null (strstr (reference, "\"party\": \"5i5j\""));

  n = attrib_ledger_get_n_events (ledger);
  for (i = 0; i < n; i++)
    g_ptr_array_add (events, attrib_ledger_get_event (ledger, i));
  for (round = 0; round < 10; round++)
    {
      g_autoptr(AttribLedger) shuffled = attrib_ledger_new ();
      g_autofree char *text = NULL;

      for (i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          gpointer tmp = events->pdata[i];

          events->pdata[i] = events->pdata[j];
          events->pdata[j] = tmp;
        }
      for (i = 0; i < n; i++)
        assert_true (attrib_ledger_add_event (shuffled, g_ptr_array_index (events, i), NULL));
      text = statements_text (calc, shuffled);
      assert_string_equal (text, reference);
    }

  /* a plan of a party none of the statement's lines is under leaves its
   * fingerprint as it is; the plan its lines are under, changed in its
   * title only, gives another one (docs/determinism.md) */
  {
    g_autoptr(AttribCalculator) other = attrib_calculator_new (profile);
    g_autoptr(AttribCalculator) retitled = attrib_calculator_new (profile);
    g_autoptr(AttribCommissionPlan) extra = plan_from ("{\"id\": \"x\", \"party\": \"nobody\","
                                                       " \"products\": {\"residential\": {\"rate\": \"1%\"}}}");
    g_autoptr(AttribStatement) a = NULL, b = NULL, c = NULL, d = NULL, e = NULL;

    for (i = 0; i < plans->len; i++)
      {
        AttribCommissionPlan *plan = g_ptr_array_index (plans, i);

        assert_true (attrib_calculator_add_plan (other, plan, NULL));
        if (g_str_equal (attrib_commission_plan_get_party (plan), "5i5j"))
          {
            g_autofree char *canonical = attrib_commission_plan_to_json (plan);
            g_autoptr(GString) text = g_string_new (canonical);
            g_autoptr(AttribCommissionPlan) changed = NULL;

            assert_true (g_string_replace (text, "\"title\": \"", "\"title\": \"new ", 1) == 1);
            changed = plan_from (text->str);
            assert_true (attrib_calculator_add_plan (retitled, changed, NULL));
          }
        else
          assert_true (attrib_calculator_add_plan (retitled, plan, NULL));
      }
    assert_true (attrib_calculator_add_plan (other, extra, NULL));
    a = attrib_calculator_get_statement (calc, ledger, "5i5j", "2024-04", &error);
    b = attrib_calculator_get_statement (other, ledger, "5i5j", "2024-04", &error);
    c = attrib_calculator_get_statement (retitled, ledger, "5i5j", "2024-04", &error);
    d = attrib_calculator_get_statement (calc, ledger, "lianjia", "2024-03", &error);
    e = attrib_calculator_get_statement (retitled, ledger, "lianjia", "2024-03", &error);
    assert_non_null (a);
    assert_non_null (b);
    assert_non_null (c);
    assert_non_null (d);
    assert_non_null (e);
    assert_true (attrib_statement_get_n_lines (a) > 0);
    assert_true (attrib_statement_get_n_lines (d) > 0);
    assert_true (attrib_statement_get_payable (a) == attrib_statement_get_payable (b));
    assert_string_equal (attrib_statement_get_fingerprint (a), attrib_statement_get_fingerprint (b));
    assert_true (attrib_statement_get_payable (a) == attrib_statement_get_payable (c));
    assert_string_not_equal (attrib_statement_get_fingerprint (a), attrib_statement_get_fingerprint (c));
    /* lianjia's lines are under its own plan, which did not change */
    assert_string_equal (attrib_statement_get_fingerprint (d), attrib_statement_get_fingerprint (e));
  }
}

static void
test_errors (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
  g_autoptr(AttribCommissionPlan) plan = plan_from ("{\"id\": \"p\", \"party\": \"lianjia\","
                                                    " \"products\": {\"residential\": {\"rate\": \"2%\"}}}");
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(AttribLedger) utc = attrib_ledger_new_for_time_zone ("UTC", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(AttribStatement) statement = NULL;
  static const char *events =
    "[{\"id\": \"v\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
    "  \"customer\": {\"phone\": \"13800138000\"}, \"agents\": [{\"party\": \"lianjia/a\"}]},"
    " {\"id\": \"g\", \"type\": \"deal\", \"at\": \"2024-03-20T10:00:00+08:00\", \"deal\": \"D1\","
    "  \"stage\": \"signed\", \"purchaser\": {\"phone\": \"13800138000\"}}]";

  assert_true (attrib_calculator_add_plan (calc, plan, NULL));
  assert_true (attrib_ledger_load_data (ledger, events, -1, "e.json", NULL));

  lines = attrib_calculator_get_lines (calc, ledger, &error);
  assert_null (lines);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT));
  assert_non_null (strstr (error->message, "Deal “D1” has no price, but plan “p” pays a rate on it"));
  g_clear_error (&error);

  statement = attrib_calculator_get_statement (calc, ledger, "lianjia", "2024-13", &error);
  assert_null (statement);
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
  g_clear_error (&error);
  assert_null (attrib_calculator_get_statements (calc, ledger, "March", &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_TIME));
  g_clear_error (&error);

  assert_non_null (utc);
  assert_null (attrib_calculator_get_lines (calc, utc, &error));
  assert_non_null (strstr (error->message, "load the events in the profile's time zone"));
}

/* An overflowing commission is an error, not a wrapped number. */
static void
test_overflow (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
  g_autoptr(AttribCommissionPlan) plan = plan_from ("{\"id\": \"p\", \"party\": \"lianjia\","
                                                    " \"products\": {\"residential\": {\"rate\": \"99.9999%\"}},"
                                                    " \"tiers\": {\"basis\": \"amount\", \"steps\": [{\"from\": \"0\", \"rate\": \"1%\"}]}}");
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  GString *events = g_string_new ("[");
  guint i;

  for (i = 0; i < 3; i++)
    g_string_append_printf (events,
                            "%s{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-03-01T10:00:00+08:00\","
                            " \"customer\": {\"phone\": \"1380013800%u\"}, \"agents\": [{\"party\": \"lianjia/a\"}]},"
                            " {\"id\": \"g%u\", \"type\": \"deal\", \"at\": \"2024-03-2%uT10:00:00+08:00\", \"deal\": \"D%u\","
                            " \"stage\": \"signed\", \"purchaser\": {\"phone\": \"1380013800%u\"}, \"price\": \"40000000000000000.00\"}",
                            i ? ", " : "", i, i, i, i, i, i);
  g_string_append (events, "]");
  if (!attrib_ledger_load_data (ledger, events->str, -1, "e.json", &error))
    fail_msg ("%s", error->message);
  g_string_free (events, TRUE);
  assert_true (attrib_calculator_add_plan (calc, plan, NULL));
  assert_null (attrib_calculator_get_lines (calc, ledger, &error));
  assert_true (g_error_matches (error, ATTRIB_ERROR, ATTRIB_ERROR_INVALID_EVENT));
  assert_non_null (strstr (error->message, "overflows"));
}

/* The CPU time of the lines of one month of @n deals of one channel under
 * a plan with unit tiers (two steps), in seconds. */
static double
tiered_month_seconds (AttribProfile *profile,
                      guint          n,
                      const char    *mode)
{
  g_autoptr(AttribCalculator) calc = attrib_calculator_new (profile);
  g_autofree char *json = g_strdup_printf ("{\"id\": \"p\", \"party\": \"lianjia\","
                                           " \"products\": {\"residential\": {\"rate\": \"2%%\"}},"
                                           " \"tiers\": {\"basis\": \"units\", \"mode\": \"%s\","
                                           " \"steps\": [{\"from\": 0, \"rate\": \"2%%\"}, {\"from\": 5, \"rate\": \"3%%\"}]}}",
                                           mode);
  g_autoptr(AttribCommissionPlan) plan = plan_from (json);
  g_autoptr(AttribLedger) ledger = attrib_ledger_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  GString *events = g_string_new ("[");
  clock_t start;
  guint i;

  for (i = 0; i < n; i++)
    {
      guint s = i * 27 * 86400 / n;

      g_string_append_printf (events,
                              "%s{\"id\": \"v%u\", \"type\": \"visit\", \"at\": \"2024-02-01T10:00:00+08:00\","
                              " \"customer\": {\"phone\": \"138%08u\"}, \"agents\": [{\"party\": \"lianjia/a\"}]},"
                              " {\"id\": \"g%u\", \"type\": \"deal\", \"at\": \"2024-03-%02uT%02u:%02u:%02u+08:00\","
                              " \"deal\": \"D%u\", \"stage\": \"signed\", \"purchaser\": {\"phone\": \"138%08u\"},"
                              " \"price\": \"1000000.00\"}",
                              i ? ", " : "", i, i, i, 1 + s / 86400, s / 3600 % 24, s / 60 % 60, s % 60, i, i);
    }
  g_string_append (events, "]");
  if (!attrib_ledger_load_data (ledger, events->str, -1, "e.json", &error))
    fail_msg ("%s", error->message);
  g_string_free (events, TRUE);
  assert_true (attrib_calculator_add_plan (calc, plan, NULL));
  start = clock ();
  lines = attrib_calculator_get_lines (calc, ledger, &error);
  if (lines == NULL)
    fail_msg ("%s", error->message);
  /* a line per deal, and one per deal before the fifth when it comes
   * (retroactive) */
  assert_int_equal (lines->len, g_str_equal (mode, "marginal") ? n : n + 4);
  return (double) (clock () - start) / CLOCKS_PER_SEC;
}

/* A month of tiered deals costs n·log n, not n³: each deal is judged again
 * only where another deal can move its step (issue 17, item 3: 2 000 deals
 * took 61 s, with every other deal's every change read at each of every
 * deal's moments). Four times the deals may take some ten times as long,
 * never the 50 times it did (CPU time, so that a busy machine does not
 * fail it; anything under half a second passes). */
static void
test_tier_growth (void **state)
{
  g_autoptr(AttribProfile) profile = attrib_profile_new_builtin ("junyuan-2012", NULL);
  static const char *modes[] = { "retroactive", "marginal" };
  guint m;

  for (m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      double small = tiered_month_seconds (profile, 300, modes[m]);
      double large = tiered_month_seconds (profile, 1200, modes[m]);

      if (large > 0.5 && large > 10 * small)
        fail_msg ("%s tiers: 300 deals %.3f s, 1 200 deals %.3f s", modes[m], small, large);
    }
}

int
main (void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test (test_plan_errors),
    cmocka_unit_test (test_plan_round_trip),
    cmocka_unit_test (test_add_plan),
    cmocka_unit_test (test_add_plan_random),
    cmocka_unit_test (test_random_contracts),
    cmocka_unit_test (test_ruling_shares),
    cmocka_unit_test (test_insertion_order),
    cmocka_unit_test (test_errors),
    cmocka_unit_test (test_overflow),
    cmocka_unit_test (test_tier_growth),
  };

  return cmocka_run_group_tests (tests, NULL, NULL);
}
