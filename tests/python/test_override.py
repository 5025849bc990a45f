#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The PyGObject override (bindings/python/gi/overrides/Attrib.py): the
# whole flow — profile → ledger → verdicts → audit → commission →
# statements — the pythonic way, and the plain GI calls still working
# beside it.

import csv
import datetime
import io
import json
import os
import unittest
from decimal import Decimal
from fractions import Fraction

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")

# a CRM export, as csv.DictReader gives it
CSV = """id,type,at,party,agent,customer_name,customer_phone,deal,stage,purchaser_phone,price,kind
r1,report,2024-03-01T09:00:00+08:00,lianjia/zhang,,李四,13800138000,,,,,
v1,visit,2024-03-02T10:00:00+08:00,,lianjia/zhang,李四,13800138000,,,,,
c1,interaction,2024-03-03T10:00:00+08:00,,,王五,13900139000,,,,,visit
v2,visit,2024-03-04T10:00:00+08:00,,5i5j/liu,王五,13900139000,,,,,
g1,deal,2024-03-20T10:00:00+08:00,,,,,D1,signed,13800138000,3250000.00,
g2,deal,2024-03-21T10:00:00+08:00,,,,,D2,signed,13900139000,2000000.00,
"""

PLAN = {
    "id": "lianjia-2024", "party": "lianjia",
    "products": {"residential": {"rate": "2.5%"}},
    "split": [{"to": "company", "share": "60%"}, {"to": "agent", "share": "40%"}],
}


def is_override():
    return hasattr(Attrib, "yuan") and hasattr(Attrib.Ledger, "from_rows")


class Override(unittest.TestCase):
    def test_loaded_from_the_build_tree(self):
        self.assertTrue(is_override(), "PYTHONPATH must reach bindings/python")
        self.assertTrue(Attrib.Verdict.__module__.startswith("gi.overrides"))


class Money(unittest.TestCase):
    def test_yuan_and_fen(self):
        self.assertEqual(Attrib.yuan(8125000), Decimal("81250.00"))
        self.assertEqual(Attrib.yuan(-1), Decimal("-0.01"))
        self.assertEqual(Attrib.fen("3250000.20"), 325000020)
        self.assertEqual(Attrib.fen(Decimal("0.1")), 10)
        self.assertEqual(Attrib.fen(12), 1200)
        self.assertEqual(Attrib.fen(Attrib.yuan(2 ** 62)), 2 ** 62)

    def test_no_floats_no_rounding(self):
        with self.assertRaises(TypeError):
            Attrib.fen(0.1)
        with self.assertRaises(ValueError):
            Attrib.fen(Decimal("1.005"))
        with self.assertRaises(GLib.Error):
            Attrib.fen("1.005")
        with self.assertRaises(GLib.Error):
            Attrib.fen("99999999999999999999.00")
        with self.assertRaises(TypeError):
            Attrib.yuan(1.0)


class Times(unittest.TestCase):
    def test_from_text_and_datetime(self):
        t = Attrib.time("2024-03-01T10:00:00+08:00")
        self.assertEqual(t, Attrib.time(datetime.datetime(2024, 3, 1, 2, 0, tzinfo=datetime.timezone.utc)))
        self.assertEqual(Attrib.time("2024-03-01"), Attrib.time("2024-03-01T00:00:00+08:00"))
        self.assertEqual(Attrib.time("2024-03-01", "UTC"), Attrib.time("2024-03-01T00:00:00Z"))
        self.assertEqual(Attrib.to_datetime(t).isoformat(), "2024-03-01T10:00:00+08:00")
        with self.assertRaises(ValueError):
            Attrib.time(datetime.datetime(2024, 3, 1))
        with self.assertRaises(GLib.Error):
            Attrib.time("2024-02-30")


class Flow(unittest.TestCase):
    """profile → ledger → verdicts → audit → commission → statements"""

    def setUp(self):
        self.ledger = Attrib.Ledger.from_rows(csv.DictReader(io.StringIO(CSV)))

    def test_ledger_from_rows(self):
        self.assertEqual(len(self.ledger), 6)
        self.assertEqual([e.get_id() for e in self.ledger][:2], ["r1", "v1"])
        self.assertEqual(self.ledger.deals, ["D1", "D2"])

    def test_bad_row_names_the_row(self):
        rows = list(csv.DictReader(io.StringIO(CSV)))
        rows[3]["customer_phone"] = "1390013"
        with self.assertRaises(GLib.Error) as caught:
            Attrib.Ledger.from_rows(rows)
        self.assertTrue(caught.exception.message.startswith("row 4: "), caught.exception.message)
        self.assertIn("v2", caught.exception.message)
        with self.assertRaises(TypeError):
            Attrib.Ledger.from_rows([{"id": "g", "type": "deal", "at": "2024-03-01", "price": 1.5}])

    def test_verdicts(self):
        engine = Attrib.Engine("junyuan-2012")
        verdicts = engine.verdicts(self.ledger)
        self.assertEqual(list(verdicts), ["D1", "D2"])
        d1, d2 = verdicts["D1"], verdicts["D2"]
        self.assertEqual(d1.status, Attrib.VerdictStatus.DECIDED)
        self.assertEqual(d1.commission, {"lianjia/zhang": Fraction(1)})
        self.assertEqual(d1.share("lianjia"), 1)
        self.assertEqual(d1.share("5i5j"), 0)
        # 王五 had visited the developer before 5i5j brought him: look-back
        self.assertEqual(d2.performance, {"developer": Fraction(1)})
        self.assertIn("1.1.2", d2.clauses)
        steps = d2.steps
        self.assertEqual(len(steps), len(d2))
        self.assertTrue(any(s.clause == "1.1.2" and "c1" in s.events for s in steps), steps)
        self.assertIsInstance(steps[0].outcome, Attrib.Outcome)
        record = d1.to_dict()
        self.assertEqual(record["deal"], "D1")
        self.assertEqual(record["commission"], {"lianjia/zhang": Fraction(1)})
        self.assertEqual(record["fingerprint"], d1.get_fingerprint())
        self.assertIn("D1", repr(d1))

    def test_audit(self):
        audit = Attrib.Audit()
        scenario = {
            "title": "保护期内签约归带看渠道", "profile": "junyuan-2012",
            "events": [json.loads(json.dumps(e)) for e in (
                {"id": "v1", "type": "visit", "at": "2024-03-02T10:00:00+08:00",
                 "customer": {"phone": "13800138000"}, "agents": [{"party": "lianjia/zhang"}]},
                {"id": "g1", "type": "deal", "at": "2024-03-20T10:00:00+08:00", "deal": "D1",
                 "stage": "signed", "purchaser": {"phone": "13800138000"}, "price": "3250000.00"})],
            "plans": [PLAN],
            "expect": [
                {"deal": "D1", "owner": "lianjia/zhang"},
                {"deal": "D1", "amount": {"lianjia": "48750.00", "lianjia/zhang": "32500.00"}},
                {"deal": "D1", "owner": "5i5j"},
            ],
        }
        audit.run_data(scenario, "s.json")
        self.assertEqual((audit.passed, audit.failed, len(audit)), (2, 1, 3))
        results = list(audit)
        self.assertTrue(results[0].passed and results[0].line.startswith("ok"))
        self.assertFalse(results[2].passed)
        self.assertIn("FAIL", results[2].line)
        self.assertIsNotNone(results[2].detail)

    def test_audit_folder(self):
        audit = Attrib.Audit()
        folder = os.path.join(DATA, "..", "audit", "commission")
        self.assertTrue(audit.run(folder))
        self.assertGreater(audit.passed, 50)
        self.assertEqual(audit.failed, 0)

    def test_commission(self):
        calc = Attrib.Calculator("junyuan-2012", plans=[PLAN])
        self.assertEqual([p.get_id() for p in calc.get_plans()], ["lianjia-2024"])
        march = calc.get_statement(self.ledger, "lianjia", "2024-03")
        self.assertEqual(march.payable, Decimal("48750.00"))
        self.assertEqual((march.opening, march.earned, march.deductions, march.closing),
                         (Decimal("0.00"), Decimal("48750.00"), Decimal("0.00"), Decimal("48750.00")))
        (line,) = march
        self.assertEqual(len(march), 1)
        self.assertEqual(line.amount, Decimal("48750.00"))
        self.assertEqual(line.basis, Decimal("3250000.00"))
        self.assertEqual(line.rate, Fraction(1, 40))
        self.assertEqual(line.share, Fraction(3, 5))
        self.assertEqual(line.kind, Attrib.LineKind.COMMISSION)
        record = march.to_dict()
        self.assertEqual(record["payable"], Decimal("48750.00"))
        self.assertEqual(record["lines"][0]["rate"], Fraction(1, 40))
        self.assertEqual(record["lines"][0]["at"], "2024-03-20T10:00:00+08:00")
        self.assertEqual(record["fingerprint"], march.fingerprint)
        statements = {s.party: s.payable for s in calc.get_statements(self.ledger, "2024-03")}
        self.assertEqual(statements, {"lianjia": Decimal("48750.00"), "lianjia/zhang": Decimal("32500.00")})

    def test_plan_and_profile_dicts(self):
        plan = Attrib.CommissionPlan.from_dict(PLAN)
        self.assertEqual(plan.to_dict()["split"][1], {"to": "agent", "share": "40%"})
        self.assertEqual(Attrib.CommissionPlan.new_from_data(json.dumps(PLAN)).get_id(), "lianjia-2024")
        profile = Attrib.Profile.builtin("junyuan-2012")
        self.assertIn("1.2.8", profile.clauses)
        custom = Attrib.Profile.from_dict({"id": "mine", "title": "我的项目", "extends": "junyuan-2012",
                                           "params": {"1.1.4": {"months": 6}}})
        self.assertEqual(custom.get_extends(), "junyuan-2012")
        self.assertEqual(custom.to_dict()["id"], "mine")
        with self.assertRaises(GLib.Error) as caught:
            Attrib.CommissionPlan.from_dict({"id": "p", "party": "x", "products": {"villa": {}}}, "p.json")
        self.assertIn("p.json:1:", caught.exception.message)


class Sample(unittest.TestCase):
    def test_load_scenario(self):
        profile, ledger, plans = Attrib.load_scenario(SAMPLE)
        self.assertEqual(profile.get_id(), "junyuan-2012")
        calc = Attrib.Calculator(profile, plans=plans)
        statement = calc.get_statement(ledger, "5i5j", "2024-04")
        self.assertEqual(statement.closing, statement.opening + statement.earned + statement.deductions)
        self.assertEqual(sum((l.amount for l in statement), Decimal(0)), statement.earned + statement.deductions)
        self.assertEqual(len(Attrib.Ledger.from_file(SAMPLE)), len(ledger))


class EventFiles(unittest.TestCase):
    """The sample's events as a JSON array, as JSON Lines (a .jsonl file,
    text told by its content, load_json_lines) and the bare scenario:
    byte for byte the same verdicts."""

    def test_json_lines(self):
        import tempfile
        with open(SAMPLE, encoding="utf-8") as f:
            events = json.load(f)["events"]
        lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
        engine = Attrib.Engine("junyuan-2012")

        def verdicts(ledger):
            return [v.to_json() for v in engine.attribute_all(ledger)]

        expected = verdicts(Attrib.load_scenario(SAMPLE)[1])
        self.assertEqual(len(expected), 3)
        with tempfile.TemporaryDirectory() as tmp:
            for name, text in (("e.jsonl", lines), ("e.json", json.dumps(events, ensure_ascii=False))):
                path = os.path.join(tmp, name)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                self.assertEqual(verdicts(Attrib.Ledger.from_file(path)), expected, name)
        for load in (Attrib.Ledger.load_data, Attrib.Ledger.load_json_lines):
            ledger = Attrib.Ledger.new()
            load(ledger, lines, "e.jsonl")
            self.assertEqual(verdicts(ledger), expected)

        bad = lines.replace('"13700137000"', '"1370013700"', 1)
        with self.assertRaises(GLib.Error) as caught:
            Attrib.Ledger.new().load_json_lines(bad, "bad.jsonl")
        self.assertRegex(caught.exception.message, r"^bad\.jsonl:\d+:\d+: event “[^”]+”: \w+: “137\*\*\*3700”")


class PlainGI(unittest.TestCase):
    """What plain GI code does keeps working with the override loaded."""

    def test_plain_calls(self):
        ok, t = Attrib.time_parse("2024-03-01T10:00:00+08:00", None)
        self.assertTrue(ok)
        ok, value = Attrib.money_parse("1.00")
        self.assertEqual(value, 100)
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("junyuan-2012"))
        ledger = Attrib.Ledger.new()
        with open(SAMPLE, "rb") as f:
            ledger.load_data(f.read(), "sample.json")
        verdict = engine.attribute_deal(ledger, "D2")
        num, den = verdict.get_party_share(Attrib.ShareKind.COMMISSION, "5i5j")
        self.assertEqual((num, den), (1, 1))
        calc = Attrib.Calculator.new(Attrib.Profile.new_builtin("junyuan-2012"))
        calc.add_plan(Attrib.CommissionPlan.new_from_data(json.dumps(PLAN).encode(), "p.json"))
        self.assertEqual(len(calc.get_plans()), 1)


if __name__ == "__main__":
    unittest.main()
