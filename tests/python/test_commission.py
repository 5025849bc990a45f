#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Commission through PyGObject: plans, lines, statements, money, errors.

import csv
import io
import json
import os
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, Gio, GLib  # noqa: E402
from attribtest import t  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))

PLAN = {
    "id": "lianjia-2024",
    "party": "lianjia",
    "products": {"residential": {"rate": "2.5%"}},
    "milestones": [
        {"stage": "signed", "share": "50%"},
        {"stage": ["loan_disbursed", "paid"], "share": "50%"},
    ],
    "retention": {"share": "10%", "until": "paid"},
    "split": [{"to": "company", "share": "60%"}, {"to": "agent", "share": "40%"}],
}


def fen(text):
    ok, value = Attrib.money_parse(text)
    assert ok
    return value


def yuan(amount):
    return Attrib.money_format(amount)


def event(ledger, type, id, at, **keys):
    ev = Attrib.Event.new(type, id, t(at))
    if "phone" in keys:
        ev.set_customer(None, keys["phone"])
    if "agent" in keys:
        ev.add_agent(keys["agent"], 0)
    if "deal" in keys:
        ev.set_deal(keys["deal"])
        ev.set_deal_stage(keys["stage"])
    if "price" in keys:
        ev.set_price(fen(keys["price"]))
    ledger.add_event(ev)
    return ev


def one_deal_ledger():
    ledger = Attrib.Ledger.new()
    event(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00",
          phone="13800138000", agent="lianjia/zhang")
    event(ledger, Attrib.EventType.DEAL, "g1", "2024-03-20T10:00:00+08:00", phone="13800138000",
          deal="D1", stage=Attrib.DealStage.SIGNED, price="3250000.00")
    event(ledger, Attrib.EventType.DEAL, "l1", "2024-04-15T10:00:00+08:00",
          deal="D1", stage=Attrib.DealStage.LOAN_DISBURSED)
    event(ledger, Attrib.EventType.DEAL, "p1", "2024-06-03T10:00:00+08:00",
          deal="D1", stage=Attrib.DealStage.PAID)
    return ledger


def calculator(plan=PLAN):
    calc = Attrib.Calculator.new(Attrib.Profile.new_builtin("junyuan-2012"))
    calc.add_plan(Attrib.CommissionPlan.new_from_data(json.dumps(plan).encode(), "plan.json"))
    return calc


class Plans(unittest.TestCase):
    def test_read_and_print(self):
        plan = Attrib.CommissionPlan.new_from_data(json.dumps(PLAN).encode(), "plan.json")
        self.assertEqual(plan.get_id(), "lianjia-2024")
        self.assertEqual(plan.get_party(), "lianjia")
        self.assertEqual(plan.get_rounding(), Attrib.Rounding.HALF_UP)
        printed = json.loads(plan.to_json())
        self.assertEqual(printed["products"], {"residential": {"rate": "2.5%"}})
        self.assertEqual(printed["milestones"][1]["stage"], ["loan_disbursed", "paid"])
        again = Attrib.CommissionPlan.new_from_data(plan.to_json().encode(), None)
        self.assertEqual(again.to_json(), plan.to_json())

    def test_error_has_position(self):
        text = '{"id": "p", "party": "lianjia",\n "products": {"residential": {"rate": 2.5}}}'
        with self.assertRaises(GLib.Error) as caught:
            Attrib.CommissionPlan.new_from_data(text.encode(), "plan.json")
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_FILE))
        self.assertIn("plan.json:2:39:", caught.exception.message)

    def test_from_file(self):
        path = os.path.join(DATA, "sample-project.json")
        plans = Attrib.scenario_load_plans(Gio.File.new_for_path(path))
        self.assertEqual(sorted(p.get_party() for p in plans), ["5i5j", "lianjia"])

    def test_overlapping_plans(self):
        calc = calculator()
        other = dict(PLAN, id="lianjia-2024b")
        with self.assertRaises(GLib.Error) as caught:
            calc.add_plan(Attrib.CommissionPlan.new_from_data(json.dumps(other).encode(), None))
        self.assertIn("in force on the same days", caught.exception.message)
        self.assertEqual([p.get_id() for p in calc.get_plans()], ["lianjia-2024"])


class Lines(unittest.TestCase):
    def test_milestones_split_and_retention(self):
        lines = calculator().get_lines(one_deal_ledger())
        got = [(line.get_period(), line.get_party(), line.get_kind().value_nick, line.get_milestone(),
                yuan(line.get_amount())) for line in lines]
        # 81,250.00: 40,625.00 a milestone, 60% to the company and 40% to
        # the agent, 10% of each held until full payment
        self.assertEqual(got, [
            ("2024-03", "lianjia", "commission", "signed", "24375.00"),
            ("2024-03", "lianjia", "retention", "signed", "-2437.50"),
            ("2024-03", "lianjia/zhang", "commission", "signed", "16250.00"),
            ("2024-03", "lianjia/zhang", "retention", "signed", "-1625.00"),
            ("2024-04", "lianjia", "commission", "loan_disbursed", "24375.00"),
            ("2024-04", "lianjia", "retention", "loan_disbursed", "-2437.50"),
            ("2024-04", "lianjia/zhang", "commission", "loan_disbursed", "16250.00"),
            ("2024-04", "lianjia/zhang", "retention", "loan_disbursed", "-1625.00"),
            ("2024-06", "lianjia", "release", "signed", "2437.50"),
            ("2024-06", "lianjia", "release", "loan_disbursed", "2437.50"),
            ("2024-06", "lianjia/zhang", "release", "signed", "1625.00"),
            ("2024-06", "lianjia/zhang", "release", "loan_disbursed", "1625.00"),
        ])
        first = lines[0]
        self.assertEqual(first.get_deal(), "D1")
        self.assertEqual(first.get_basis(), fen("3250000.00"))
        self.assertEqual(first.get_rate(), (True, 1, 40))
        self.assertEqual(first.get_share(), (3, 5))
        self.assertEqual(first.get_plan(), "lianjia-2024")
        self.assertEqual(first.get_rule(), "products.residential")
        self.assertEqual(first.get_event(), "g1")
        self.assertIn("3250000.00 × 2.5%", first.get_explanation())
        self.assertEqual(sum(line.get_amount() for line in lines), fen("81250.00"))

    def test_cancellation_claws_back(self):
        ledger = one_deal_ledger()
        event(ledger, Attrib.EventType.DEAL, "x1", "2024-07-01T10:00:00+08:00",
              deal="D1", stage=Attrib.DealStage.CANCELLED)
        lines = calculator().get_lines(ledger)
        self.assertEqual(sum(line.get_amount() for line in lines), 0)
        july = [line for line in lines if line.get_period() == "2024-07"]
        self.assertTrue(july)
        self.assertTrue(all(line.get_kind() == Attrib.LineKind.CLAWBACK for line in july))
        self.assertEqual(sum(line.get_amount() for line in july), -fen("81250.00"))

    def test_no_price_is_an_error(self):
        ledger = Attrib.Ledger.new()
        event(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00",
              phone="13800138000", agent="lianjia/zhang")
        event(ledger, Attrib.EventType.DEAL, "g1", "2024-03-20T10:00:00+08:00", phone="13800138000",
              deal="D1", stage=Attrib.DealStage.SIGNED)
        with self.assertRaises(GLib.Error) as caught:
            calculator().get_lines(ledger)
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_EVENT))
        self.assertIn("has no price", caught.exception.message)


class Statements(unittest.TestCase):
    def test_month(self):
        calc = calculator()
        ledger = one_deal_ledger()
        march = calc.get_statement(ledger, "lianjia", "2024-03")
        self.assertEqual(march.get_party(), "lianjia")
        self.assertEqual(march.get_period(), "2024-03")
        self.assertEqual(march.get_n_lines(), 2)
        self.assertEqual(march.get_line(0).get_kind(), Attrib.LineKind.COMMISSION)
        self.assertEqual(yuan(march.get_opening()), "0.00")
        self.assertEqual(yuan(march.get_earned()), "24375.00")
        self.assertEqual(yuan(march.get_deductions()), "-2437.50")
        self.assertEqual(yuan(march.get_closing()), "21937.50")
        self.assertEqual(yuan(march.get_payable()), "21937.50")
        self.assertTrue(march.get_fingerprint().startswith("sha256:"))

        as_json = json.loads(march.to_json())
        self.assertEqual(as_json["payable"], "21937.50")
        self.assertEqual(as_json["fingerprint"], march.get_fingerprint())
        rows = list(csv.reader(io.StringIO(march.to_csv())))
        self.assertEqual(rows[0][:4], ["party", "period", "at", "kind"])
        self.assertEqual(rows[-1][3], "payable")
        self.assertEqual(rows[-1][9], "21937.50")

        may = calc.get_statement(ledger, "lianjia", "2024-05")
        self.assertEqual(may.get_n_lines(), 0)
        self.assertEqual(may.get_payable(), 0)

        parties = [s.get_party() for s in calc.get_statements(ledger, "2024-06")]
        self.assertEqual(parties, ["lianjia", "lianjia/zhang"])

    def test_sample_project(self):
        path = os.path.join(DATA, "sample-project.json")
        file = Gio.File.new_for_path(path)
        ok, profile, ledger = Attrib.scenario_load(file)
        self.assertTrue(ok)
        calc = Attrib.Calculator.new(profile)
        for plan in Attrib.scenario_load_plans(file):
            calc.add_plan(plan)
        statement = calc.get_statement(ledger, "5i5j", "2024-04")
        self.assertGreater(statement.get_n_lines(), 0)
        self.assertEqual(statement.get_closing(),
                         statement.get_opening() + statement.get_earned() + statement.get_deductions())

    def test_bad_month(self):
        with self.assertRaises(GLib.Error) as caught:
            calculator().get_statement(one_deal_ledger(), "lianjia", "2024-3")
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_TIME))


class Money(unittest.TestCase):
    def test_round_trip(self):
        for text in ("0.00", "0.01", "-0.01", "81250.00", "92233720368547758.07"):
            self.assertEqual(yuan(fen(text)), text)
        with self.assertRaises(GLib.Error):
            Attrib.money_parse("1.005")


if __name__ == "__main__":
    unittest.main()
