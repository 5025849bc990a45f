#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The readings of the original regulations (docs/rules.md, "Readings of
# the original") through PyGObject: natural visits at agent level, the
# lapsed protection, the customer who names the outreach agent, poaching
# found after the deal, the department's customers, companions.

import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib  # noqa: E402
from attribtest import share, t  # noqa: E402


def add(ledger, type, id, at, phone=None, **keys):
    ev = Attrib.Event.new(type, id, t(at))
    if phone is not None:
        ev.set_customer(keys.pop("name", None), phone)
    if "party" in keys:
        ev.set_party(keys.pop("party"))
    if "received_by" in keys:
        ev.set_received_by(keys.pop("received_by"))
    if "designated" in keys:
        ev.set_designated(keys.pop("designated"))
    for party in keys.pop("agents", []):
        ev.add_agent(party, 0)
    for companion in keys.pop("companions", []):
        ev.add_companion(None, companion, Attrib.RelationKind.FRIEND)
    if "expected_visit" in keys:
        ev.set_expected_visit(t(keys.pop("expected_visit")))
    if "deal" in keys:
        ev.set_deal(keys.pop("deal"))
        ev.set_deal_stage(keys.pop("stage", Attrib.DealStage.SUBSCRIBED))
    if "closed_by" in keys:
        ev.set_closed_by(keys.pop("closed_by"))
    if "sanction" in keys:
        ev.set_sanction_kind(keys.pop("sanction"))
        ev.add_sanctioned_party(keys.pop("against"))
    assert not keys, keys
    ledger.add_event(ev)
    return ev


def verdict(profile, ledger, deal):
    return Attrib.Engine.new(Attrib.Profile.new_builtin(profile)).attribute_deal(ledger, deal)


class NaturalVisits(unittest.TestCase):
    def test_sales_dept_lapsed_report_goes_to_the_receiver(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.REPORT, "r1", "2024-03-01T20:00:00+08:00", "13800138000", party="sales/wang")
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-10T10:00:00+08:00", "13800138000", received_by="sales/chen")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-10T15:00:00+08:00", "13800138000", deal="D1")
        v = verdict("sales-dept", ledger, "D1")
        self.assertEqual(v.get_status(), Attrib.VerdictStatus.DECIDED)
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "sales/chen"), 1)
        self.assertIn("自然到访", list(v.get_clauses()))
        self.assertIn("二.1", list(v.get_clauses()))

    def test_natural_claim_is_listed_and_yields_to_a_report(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v0", "2024-03-01T14:00:00+08:00", "13800138000",
            received_by="site/zhao")
        add(ledger, Attrib.EventType.REPORT, "r1", "2024-03-02T10:00:00+08:00", "13800138000",
            name="李四", party="wolf/wang", expected_visit="2024-03-04T14:00:00+08:00")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-05T10:00:00+08:00", "13800138000", deal="D1")
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("outreach-1031"))
        person = ledger.find_person(None, "13800138000")
        claims = engine.get_claims(ledger, person, t("2024-03-05"))
        natural = [c for c in claims if c.get_clause() == "2(自然来访)"]
        self.assertEqual([(c.get_holder(), c.get_event(), c.get_state()) for c in natural],
                         [("site/zhao", "v0", Attrib.ClaimState.ACTIVE)])
        # the report came after the first visit without evidence: rejected,
        # and the deal is the receiver's
        ok, accepted, reason = engine.check_report(ledger, "r1")
        self.assertTrue(ok)
        self.assertFalse(accepted)
        v = engine.attribute_deal(ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.COMMISSION, "site/zhao"), 1)

    def test_customer_names_the_outreach_agent(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v0", "2024-03-01T14:00:00+08:00", "13800138000",
            received_by="site/zhao", designated="wolf/wang")
        add(ledger, Attrib.EventType.REPORT, "r1", "2024-03-02T10:00:00+08:00", "13800138000",
            name="李四", party="wolf/wang", expected_visit="2024-03-04T14:00:00+08:00")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-12T10:00:00+08:00", "13800138000", deal="D1")
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("outreach-1031"))
        ok, accepted, reason = engine.check_report(ledger, "r1")
        self.assertTrue(accepted)
        v = engine.attribute_deal(ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "wolf/wang"), 1)
        self.assertIn("7", list(v.get_clauses()))

    def test_nobody_received_is_the_developers(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-04T10:00:00+08:00", "13800138000",
            agents=["sales/wang"])
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-05T10:00:00+08:00", "13800138000", deal="D1")
        v = verdict("sales-dept", ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "developer"), 1)
        self.assertEqual(list(v.get_clauses()), ["一.4", "自然到访"])


class Office(unittest.TestCase):
    def test_lapsed_protection_stays_with_the_receiver(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00", "13912345678", received_by="A/a01")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-20T15:00:00+08:00", "13912345678", deal="D1",
            closed_by="A/a01")
        v = verdict("lvchen-joint", ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "A/a01"), 1)
        self.assertIn("三.(二).3", list(v.get_clauses()))

    def test_poaching_found_after_the_deal(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00", "18912340000", received_by="A/a01")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-05T11:00:00+08:00", "18912340000", deal="D1")
        add(ledger, Attrib.EventType.SANCTION, "s1", "2024-03-08T10:00:00+08:00", "18912340000",
            sanction=Attrib.SanctionKind.POACHING, against="B/b02")
        v = verdict("lvchen-joint", ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "developer"), 1)
        self.assertEqual(share(v, Attrib.ShareKind.COMMISSION, "A/a01"), 1)
        # found before the deal instead: the customer stays with A/a01
        before = Attrib.Ledger.new()
        add(before, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00", "18912340000", received_by="A/a01")
        add(before, Attrib.EventType.SANCTION, "s1", "2024-03-03T10:00:00+08:00", "18912340000",
            sanction=Attrib.SanctionKind.POACHING, against="B/b02")
        add(before, Attrib.EventType.DEAL, "D1-s", "2024-03-05T11:00:00+08:00", "18912340000", deal="D1")
        v = verdict("lvchen-joint", before, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "A/a01"), 1)

    def test_departed_salesperson_customers_are_the_departments(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00", "13912340001",
            received_by="office/wang")
        add(ledger, Attrib.EventType.DEPARTURE, "dep", "2024-03-10T18:00:00+08:00", party="office/wang")
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-15T15:00:00+08:00", "13912340001", deal="D1",
            closed_by="office/li")
        v = verdict("first-contact", ledger, "D1")
        self.assertEqual(v.get_status(), Attrib.VerdictStatus.PENDING)
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "office"), 1)

    def test_companion_brought_in_person_is_the_old_customers_salesperson(self):
        ledger = Attrib.Ledger.new()
        add(ledger, Attrib.EventType.VISIT, "v1", "2024-03-01T10:00:00+08:00", "13800001111",
            received_by="office/wang")
        add(ledger, Attrib.EventType.VISIT, "v2", "2024-03-05T10:00:00+08:00", "13800001111",
            received_by="office/li", companions=["13800002222"])
        add(ledger, Attrib.EventType.DEAL, "D1-s", "2024-03-12T10:00:00+08:00", "13800002222", deal="D1",
            closed_by="office/zhao")
        v = verdict("first-contact", ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "office/wang"), 1)
        self.assertIn("二①", list(v.get_clauses()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
