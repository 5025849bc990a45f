/* test-attrib.vala: libattrib through the generated attrib-1.vapi
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Not a second engine test suite: the C tests own the rules. This program
 * checks that the vapi binds the API the way a Vala user would write it —
 * constructors, out parameters, GPtrArray returns, compact classes with
 * ref/unref, the errordomain, the Attrib.Time methods — by driving it end
 * to end and comparing against values the C and Python tests assert.
 *
 * Runs under GLib's test framework and speaks TAP (--tap).
 * ATTRIB_TEST_DATA names the directory holding sample-project.json.
 */

/* A test case may throw; an uncaught error fails it. */
delegate void Case () throws GLib.Error;

/* The commission plan of tests/python/test_commission.py: 2.5% of the
 * price, half at signing and half at loan or payment, 10% held back until
 * full payment, 60/40 between the company and the agent. */
const string PLAN = """{
  "id": "lianjia-2024",
  "party": "lianjia",
  "products": {"residential": {"rate": "2.5%"}},
  "milestones": [
    {"stage": "signed", "share": "50%"},
    {"stage": ["loan_disbursed", "paid"], "share": "50%"}
  ],
  "retention": {"share": "10%", "until": "paid"},
  "split": [{"to": "company", "share": "60%"}, {"to": "agent", "share": "40%"}]
}""";

/* An audit scenario with one expectation that holds and one that does not
 * (the visit is 4 days before the signing, so lianjia keeps the customer). */
const string SCENARIO = """{"title": "t", "profile": "junyuan-2012",
  "events": [
    {"id": "v1", "type": "visit", "at": "2024-03-01", "customer": {"phone": "13800138000"},
     "agents": [{"party": "lianjia/a"}]},
    {"id": "s1", "type": "deal", "at": "2024-03-05", "deal": "D1", "stage": "signed",
     "purchaser": {"phone": "13800138000"}}],
  "expect": [{"deal": "D1", "owner": "lianjia", "clause": "1.1.4"},
             {"deal": "D1", "owner": "developer"}]}""";

/* ---- checks: record a failure with both values, carry on ---- */

static void
check (bool condition, string what)
{
  if (!condition)
    Test.fail_printf ("%s: does not hold", what);
}

static void
check_str (string? got, string? want, string what)
{
  if (got != want)
    Test.fail_printf ("%s: got '%s', want '%s'", what, got ?? "(null)", want ?? "(null)");
}

static void
check_int (int64 got, int64 want, string what)
{
  if (got != want)
    Test.fail_printf ("%s: got %s, want %s", what, got.to_string (), want.to_string ());
}

static void
check_has (string? haystack, string needle, string what)
{
  if (haystack == null || !haystack.contains (needle))
    Test.fail_printf ("%s: '%s' not in '%s'", what, needle, haystack ?? "(null)");
}

static bool
strv_has (string[] strv, string item)
{
  foreach (unowned string s in strv)
    {
      if (s == item)
        return true;
    }
  return false;
}

/* A share as the fraction @want_num/@want_den, in whatever terms the
 * library reduces it to. */
static void
check_share (Attrib.Verdict verdict,
             Attrib.ShareKind kind,
             string party,
             int64 want_num,
             int64 want_den)
{
  int64 num, den;

  verdict.get_party_share (kind, party, out num, out den);
  if (den == 0 || num * want_den != want_num * den)
    Test.fail_printf ("%s %s share of %s: got %s/%s, want %s/%s",
                      verdict.get_deal (), kind.to_string (), party,
                      num.to_string (), den.to_string (),
                      want_num.to_string (), want_den.to_string ());
}

/* ---- helpers building inputs ---- */

static Attrib.Time
t (string text) throws GLib.Error
{
  Attrib.Time time;

  Attrib.Time.parse (text, null, out time);
  return time;
}

static int64
fen (string text) throws GLib.Error
{
  int64 amount;

  Attrib.money_parse (text, out amount);
  return amount;
}

static GLib.File
sample_file ()
{
  var dir = Environment.get_variable ("ATTRIB_TEST_DATA") ?? "tests/data";

  return File.new_for_path (Path.build_filename (dir, "sample-project.json"));
}

static Attrib.Profile
junyuan () throws GLib.Error
{
  return new Attrib.Profile.builtin ("junyuan-2012");
}

/* Two customers of tests/python/test_engine.py: 李四 brought by two
 * channels at once (clause 1.2.8 splits the deal), 王五 signing a day after
 * lianjia's three-month claim ran out (clause 1.1.4). */
static Attrib.Ledger
two_customer_ledger () throws GLib.Error
{
  var ledger = new Attrib.Ledger ();

  var v1 = new Attrib.Event (Attrib.EventType.VISIT, "v1", t ("2024-03-01T10:00:00+08:00"));
  v1.set_customer ("李四", "13800138000");
  v1.add_agent ("lianjia/zhang", 0);
  v1.add_agent ("5i5j/liu", 0);
  ledger.add_event (v1);

  var d1 = new Attrib.Event (Attrib.EventType.DEAL, "d1s", t ("2024-04-01T10:00:00+08:00"));
  d1.set_deal ("D1");
  d1.set_deal_stage (Attrib.DealStage.SIGNED);
  d1.set_customer ("李四", "13800138000");
  ledger.add_event (d1);

  var v2 = new Attrib.Event (Attrib.EventType.VISIT, "v2", t ("2024-03-02T10:00:00+08:00"));
  v2.set_customer ("王五", "13700137000");
  v2.add_agent ("lianjia/zhang", 0);
  ledger.add_event (v2);

  var d2 = new Attrib.Event (Attrib.EventType.DEAL, "d2s", t ("2024-06-02T10:00:00+08:00"));
  d2.set_deal ("D2");
  d2.set_deal_stage (Attrib.DealStage.SIGNED);
  d2.set_customer ("王五", "13700137000");
  ledger.add_event (d2);

  ledger.freeze ();
  return ledger;
}

/* One residential deal of 3,250,000.00 through signing, loan and payment. */
static Attrib.Ledger
one_deal_ledger () throws GLib.Error
{
  var ledger = new Attrib.Ledger ();

  var visit = new Attrib.Event (Attrib.EventType.VISIT, "v1", t ("2024-03-01T10:00:00+08:00"));
  visit.set_customer (null, "13800138000");
  visit.add_agent ("lianjia/zhang", 0);
  ledger.add_event (visit);

  var signed = new Attrib.Event (Attrib.EventType.DEAL, "g1", t ("2024-03-20T10:00:00+08:00"));
  signed.set_customer (null, "13800138000");
  signed.set_deal ("D1");
  signed.set_deal_stage (Attrib.DealStage.SIGNED);
  signed.set_price (fen ("3250000.00"));
  ledger.add_event (signed);

  var loan = new Attrib.Event (Attrib.EventType.DEAL, "l1", t ("2024-04-15T10:00:00+08:00"));
  loan.set_deal ("D1");
  loan.set_deal_stage (Attrib.DealStage.LOAN_DISBURSED);
  ledger.add_event (loan);

  var paid = new Attrib.Event (Attrib.EventType.DEAL, "p1", t ("2024-06-03T10:00:00+08:00"));
  paid.set_deal ("D1");
  paid.set_deal_stage (Attrib.DealStage.PAID);
  ledger.add_event (paid);

  return ledger;
}

static Attrib.Calculator
calculator () throws GLib.Error
{
  var calc = new Attrib.Calculator (junyuan ());

  calc.add_plan (new Attrib.CommissionPlan.from_data (PLAN.data, "plan.json"));
  return calc;
}

/* ---- the cases ---- */

static void
test_profile () throws GLib.Error
{
  check (strv_has (Attrib.Profile.list_builtin (), "junyuan-2012"), "junyuan-2012 is built in");

  var profile = junyuan ();
  check_str (profile.get_id (), "junyuan-2012", "profile id");
  check (profile.get_deal_stage () == Attrib.DealStage.SIGNED, "deal stage is signed");
  check_str (profile.get_clause_kind ("1.2.8"), "simultaneous", "kind of clause 1.2.8");
  check (strv_has (profile.get_clause_ids (), "1.1.4"), "clause 1.1.4 listed");
  check_has (profile.get_clause_text ("1.2.8"), "50%", "text of clause 1.2.8");

  /* a constructor that throws, and the error's position */
  try
    {
      new Attrib.Profile.from_data ("""{"id": "x", "title": "t", "clauses": [{"id": "1", "kind": "magic"}]}""".data,
                                    "p.json");
      Test.fail_printf ("an unknown clause kind was accepted");
    }
  catch (Attrib.Error e)
    {
      check_has (e.message, "p.json:1:", "profile error position");
      check_has (e.message, "magic", "profile error names the kind");
    }
}

static void
test_engine_events () throws GLib.Error
{
  var ledger = two_customer_ledger ();
  var engine = new Attrib.Engine (junyuan ());

  check (ledger.is_frozen (), "ledger frozen");
  check_int (ledger.get_n_events (), 4, "events in the ledger");
  /* the string property: read through g_object_get (Attrib-1.0.metadata) */
  check_str (ledger.time_zone_identifier, Attrib.DEFAULT_TIME_ZONE, "ledger time-zone-identifier property");
  check_str (ledger.get_time_zone_identifier (), "Asia/Shanghai", "ledger time zone identifier");

  Attrib.Verdict d1 = engine.attribute_deal (ledger, "D1");
  check (d1.get_status () == Attrib.VerdictStatus.DECIDED, "D1 decided");
  check_share (d1, Attrib.ShareKind.PERFORMANCE, "lianjia", 1, 2);
  check_share (d1, Attrib.ShareKind.COMMISSION, "5i5j", 1, 2);
  check (strv_has (d1.get_clauses (), "1.2.8"), "D1 under clause 1.2.8");
  check (d1.get_fingerprint ().has_prefix ("sha256:"), "D1 fingerprint");

  /* signed on 2024-06-02: the claim from 2024-03-02 ended on 2024-06-01 */
  Attrib.Verdict d2 = engine.attribute_deal (ledger, "D2");
  check_share (d2, Attrib.ShareKind.PERFORMANCE, "developer", 1, 1);
  check (strv_has (d2.get_clauses (), "1.1.4"), "D2 under clause 1.1.4");

  bool step_114 = false;
  for (uint i = 0; i < d2.get_n_steps (); i++)
    {
      Attrib.Outcome outcome;
      unowned string message;

      if (d2.get_step (i, out outcome, out message) == "1.1.4")
        step_114 = true;
      check (message != null, "step %u has a message".printf (i));
    }
  check (step_114, "a step of D2 cites 1.1.4");

  unowned string[] events = d2.get_step_events (0);
  check_int (events.length, 1, "events of D2's first step");
  check_str (events[0], "v2", "event of D2's first step");

  /* the errordomain: caught by code */
  try
    {
      engine.attribute_deal (ledger, "nope");
      Test.fail_printf ("an unknown deal was attributed");
    }
  catch (Attrib.Error.NOT_FOUND e)
    {
      check (e.matches (Attrib.Error.quark (), Attrib.Error.NOT_FOUND), "NOT_FOUND matches");
    }

  try
    {
      ledger.add_event (new Attrib.Event (Attrib.EventType.VISIT, "late", t ("2024-06-03")));
      Test.fail_printf ("a frozen ledger took an event");
    }
  catch (Attrib.Error.FROZEN e)
    {
    }
}

/* The sample project's verdicts, as tests/test-engine.c asserts them. */
static void
test_sample_project () throws GLib.Error
{
  Attrib.Profile profile;
  Attrib.Ledger ledger;

  check (Attrib.scenario_load (sample_file (), null, out profile, out ledger), "scenario loads");
  check_str (profile.get_id (), "junyuan-2012", "sample profile");
  check_int (ledger.get_n_events (), 27, "sample events");

  var engine = new Attrib.Engine (profile);
  check (engine.profile == profile, "engine profile property");

  var d1 = engine.attribute_deal (ledger, "D1");
  check (d1.get_status () == Attrib.VerdictStatus.DECIDED, "sample D1 decided");
  check_share (d1, Attrib.ShareKind.PERFORMANCE, "lianjia", 1, 2);
  check (strv_has (d1.get_clauses (), "3.4"), "sample D1 under clause 3.4");

  var d2 = engine.attribute_deal (ledger, "D2");
  check_share (d2, Attrib.ShareKind.COMMISSION, "5i5j", 1, 1);
  check (strv_has (d2.get_clauses (), "1.2.1"), "sample D2 under clause 1.2.1");
  check (d2.get_n_steps () >= 2, "sample D2 has a trace");
  check (d2.get_fingerprint ().has_prefix ("sha256:"), "sample D2 fingerprint prefix");
  check_int (d2.get_fingerprint ().length, 7 + 64, "sample D2 fingerprint length");

  var d3 = engine.attribute_deal (ledger, "D3");
  check (d3.get_status () == Attrib.VerdictStatus.CANCELLED, "sample D3 cancelled");
  check_int (d3.get_n_shares (Attrib.ShareKind.PERFORMANCE), 0, "sample D3 shares");
  check_str (Attrib.VerdictStatus.PENDING.get_label (), "pending", "status label");

  /* the same, in one batch from a ledger loaded by hand */
  var loaded = new Attrib.Ledger ();
  loaded.load_file (sample_file ());
  var verdicts = engine.attribute_all (loaded);
  check_int (verdicts.length, 3, "verdicts of the sample");
  string[] deals = {};
  foreach (unowned Attrib.Verdict v in verdicts)
    deals += v.get_deal ();
  check_str (string.joinv (",", deals), "D1,D2,D3", "deals of the sample");
  check (verdicts[2].get_status () == Attrib.VerdictStatus.CANCELLED, "batch D3 cancelled");
  check_has (verdicts[1].to_json (), "\"deal\": \"D2\"", "batch D2 JSON");
  check_str (verdicts[1].get_fingerprint (), d2.get_fingerprint (), "batch and single verdicts agree");

  /* claims, and Attrib.Time formatting */
  var wang = ledger.find_person ("王五", null);
  var claims = engine.get_claims (ledger, wang, t ("2024-04-01"));
  check_int (claims.length, 1, "claims on 王五");
  check_str (claims[0].get_holder (), "5i5j/liuyang", "holder of the claim on 王五");
  check (claims[0].get_state () == Attrib.ClaimState.ACTIVE, "claim on 王五 active");
  check_str (claims[0].get_end ().format (null), "2024-06-02T00:00:00+08:00", "end of the claim on 王五");

  /* a desk check: another channel's visit is turned away, and not kept */
  var desk = new Attrib.Event (Attrib.EventType.VISIT, "desk", t ("2024-04-10T10:00:00+08:00"));
  desk.set_customer ("王五", "13700137000");
  desk.add_agent ("lianjia/zhangsan", 0);
  var answer = engine.check (ledger, desk);
  check (answer.get_state () == Attrib.ClaimState.REJECTED, "desk check rejected");
  check_str (answer.get_clause (), "1.1.1", "desk check clause");
  check_has (answer.get_reason (), "5i5j/liuyang", "desk check reason");
  check (ledger.lookup_event ("desk") == null, "desk check left the ledger alone");
}

static void
test_audit () throws GLib.Error
{
  var audit = new Attrib.Audit ();

  audit.run_data (SCENARIO.data, "s.json");
  check_int (audit.get_n_passed (), 1, "audit passed");
  check_int (audit.get_n_failed (), 1, "audit failed");
  check_int (audit.get_n_results (), 2, "audit results");

  unowned string line;
  unowned string? detail;
  check (!audit.get_result (1, out line, out detail), "second expectation fails");
  check (line.has_prefix ("FAIL s.json"), "result line '%s' starts with FAIL s.json".printf (line));
  check_has (detail, "1.1.4", "result detail");

  try
    {
      audit.run_data ("{\"title\": ".data, "broken.json");
      Test.fail_printf ("truncated scenario was run");
    }
  catch (Attrib.Error.PARSE e)
    {
      check_has (e.message, "broken.json", "parse error names the file");
    }
}

static void
test_commission () throws GLib.Error
{
  var calc = calculator ();
  var ledger = one_deal_ledger ();

  var plans = calc.get_plans ();
  check_int (plans.length, 1, "plans");
  check_str (plans[0].get_party (), "lianjia", "plan party");
  check (plans[0].get_rounding () == Attrib.Rounding.HALF_UP, "plan rounding");

  /* 81,250.00: 40,625.00 a milestone, 60% to the company and 40% to the
   * agent, 10% of each held until full payment */
  var lines = calc.get_lines (ledger);
  check_int (lines.length, 12, "commission lines");
  int64 total = 0;
  foreach (unowned Attrib.CommissionLine line in lines)
    total += line.get_amount ();
  check_int (total, fen ("81250.00"), "commission total");

  unowned Attrib.CommissionLine first = lines[0];
  check_str (first.get_period (), "2024-03", "first line period");
  check_str (first.get_party (), "lianjia", "first line party");
  check (first.get_kind () == Attrib.LineKind.COMMISSION, "first line kind");
  check_str (first.get_milestone (), "signed", "first line milestone");
  check_str (Attrib.money_format (first.get_amount ()), "24375.00", "first line amount");
  check_int (first.get_basis (), fen ("3250000.00"), "first line basis");
  int64 num, den;
  check (first.get_rate (out num, out den), "first line has a rate");
  check (num * 40 == den, "first line rate is 1/40");
  first.get_share (out num, out den);
  check (num * 5 == den * 3, "first line share is 3/5");
  check_str (first.get_rule (), "products.residential", "first line rule");
  check_has (first.get_explanation (), "3250000.00 × 2.5%", "first line explanation");
  check (lines[1].get_kind () == Attrib.LineKind.RETENTION, "second line is a retention");
  check_str (Attrib.money_format (lines[1].get_amount ()), "-2437.50", "retention amount");

  var march = calc.get_statement (ledger, "lianjia", "2024-03");
  check_str (march.get_party (), "lianjia", "statement party");
  check_int (march.get_n_lines (), 2, "statement lines");
  check_str (Attrib.money_format (march.get_opening ()), "0.00", "statement opening");
  check_str (Attrib.money_format (march.get_earned ()), "24375.00", "statement earned");
  check_str (Attrib.money_format (march.get_deductions ()), "-2437.50", "statement deductions");
  check_str (Attrib.money_format (march.get_closing ()), "21937.50", "statement closing");
  check_str (Attrib.money_format (march.get_payable ()), "21937.50", "statement payable");
  check (march.get_fingerprint ().has_prefix ("sha256:"), "statement fingerprint");
  check_has (march.to_json (), "\"payable\": \"21937.50\"", "statement JSON");
  check (march.get_line (0).get_kind () == Attrib.LineKind.COMMISSION, "statement line kind");

  string[] parties = {};
  foreach (unowned Attrib.Statement s in calc.get_statements (ledger, "2024-06"))
    parties += s.get_party ();
  check_str (string.joinv (",", parties), "lianjia,lianjia/zhang", "parties paid in June");

  /* the sample project's plans, and a statement's arithmetic */
  Attrib.Profile profile;
  Attrib.Ledger sample;
  Attrib.scenario_load (sample_file (), null, out profile, out sample);
  var sample_calc = new Attrib.Calculator (profile);
  foreach (unowned Attrib.CommissionPlan plan in Attrib.scenario_load_plans (sample_file ()))
    sample_calc.add_plan (plan);
  check_int (sample_calc.get_plans ().length, 2, "sample plans");
  var april = sample_calc.get_statement (sample, "5i5j", "2024-04");
  check (april.get_n_lines () > 0, "5i5j earned in April");
  check_int (april.get_closing (), april.get_opening () + april.get_earned () + april.get_deductions (),
             "closing = opening + earned + deductions");
}

/* GLib.Error out of bad input, by domain and code, with the message. */
static void
test_errors () throws GLib.Error
{
  try
    {
      new Attrib.CommissionPlan.from_data ("{\"id\": \"p\", \"party\": \"lianjia\",\n \"products\": {\"residential\": {\"rate\": 2.5}}}".data,
                                           "plan.json");
      Test.fail_printf ("a numeric rate was accepted");
    }
  catch (GLib.Error e)
    {
      check (e.matches (Attrib.Error.quark (), Attrib.Error.INVALID_FILE), "bad plan is INVALID_FILE");
      check_has (e.message, "plan.json:2:39:", "bad plan position");
    }

  var calc = calculator ();
  try
    {
      calc.add_plan (new Attrib.CommissionPlan.from_data (PLAN.replace ("\"lianjia-2024\"", "\"lianjia-2024b\"").data,
                                                          null));
      Test.fail_printf ("an overlapping plan was accepted");
    }
  catch (Attrib.Error e)
    {
      check_has (e.message, "in force on the same days", "overlapping plan");
    }
  check_int (calc.get_plans ().length, 1, "plans after the overlap");

  try
    {
      calc.get_statement (one_deal_ledger (), "lianjia", "2024-3");
      Test.fail_printf ("month 2024-3 was accepted");
    }
  catch (Attrib.Error.INVALID_TIME e)
    {
    }

  try
    {
      fen ("1.005");
      Test.fail_printf ("1.005 was taken as money");
    }
  catch (Attrib.Error.INVALID_MONEY e)
    {
    }

  try
    {
      t ("2024-02-30");
      Test.fail_printf ("2024-02-30 was taken as a date");
    }
  catch (Attrib.Error.INVALID_TIME e)
    {
    }

  /* a deal with no price cannot be paid on */
  var ledger = new Attrib.Ledger ();
  var visit = new Attrib.Event (Attrib.EventType.VISIT, "v1", t ("2024-03-01T10:00:00+08:00"));
  visit.set_customer (null, "13800138000");
  visit.add_agent ("lianjia/zhang", 0);
  ledger.add_event (visit);
  var signed = new Attrib.Event (Attrib.EventType.DEAL, "g1", t ("2024-03-20T10:00:00+08:00"));
  signed.set_customer (null, "13800138000");
  signed.set_deal ("D1");
  signed.set_deal_stage (Attrib.DealStage.SIGNED);
  ledger.add_event (signed);
  try
    {
      calc.get_lines (ledger);
      Test.fail_printf ("a deal without price was paid on");
    }
  catch (Attrib.Error.INVALID_EVENT e)
    {
      check_has (e.message, "has no price", "no price message");
    }

  foreach (unowned string text in new string[] { "0.00", "0.01", "-0.01", "81250.00", "92233720368547758.07" })
    check_str (Attrib.money_format (fen (text)), text, "money round trip");
}

/* Runs one case, failing it on an error it does not catch itself. */
static void
run (Case body)
{
  try
    {
      body ();
    }
  catch (GLib.Error e)
    {
      Test.fail_printf ("unexpected error: %s (%s, %d)", e.message, e.domain.to_string (), e.code);
    }
}

int
main (string[] args)
{
  Test.init (ref args);

  /* Plain g_test_add_func(): the lambdas capture nothing, so no closure
   * outlives the run (the vapi's add_data_func_full() also passes its
   * arguments in the wrong order in valac 0.56). */

  Test.add_func ("/vala/profile", () => run (test_profile));
  Test.add_func ("/vala/engine/events", () => run (test_engine_events));
  Test.add_func ("/vala/engine/sample-project", () => run (test_sample_project));
  Test.add_func ("/vala/audit", () => run (test_audit));
  Test.add_func ("/vala/commission", () => run (test_commission));
  Test.add_func ("/vala/errors", () => run (test_errors));

  return Test.run ();
}
