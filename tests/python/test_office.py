#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The sales office through PyGObject: receptions, the office regulations'
# splits of performance and commission, and the reception rotation.

import fractions
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402
from attribtest import share, t  # noqa: E402


def visit(ledger, id, at, phone, received_by, **keys):
    ev = Attrib.Event.new(Attrib.EventType.VISIT, id, t(at))
    ev.set_customer(None, phone)
    if received_by is not None:
        ev.set_received_by(received_by)
    if "received_with" in keys:
        ev.set_received_with(keys["received_with"])
    for party, reason in keys.get("skipped", []):
        ev.add_skipped(party, reason)
    if "designated" in keys:
        ev.set_designated(keys["designated"])
    ledger.add_event(ev)
    return ev


def deal(ledger, id, at, phone, **keys):
    ev = Attrib.Event.new(Attrib.EventType.DEAL, id + "-s", t(at))
    ev.set_deal(id)
    ev.set_deal_stage(Attrib.DealStage.SUBSCRIBED)
    ev.set_customer(None, phone)
    if "closed_by" in keys:
        ev.set_closed_by(keys["closed_by"])
    ledger.add_event(ev)


class Profiles(unittest.TestCase):
    def test_office_profiles(self):
        ids = Attrib.Profile.list_builtin()
        for id in ("first-contact", "reception-2013", "tangba-2014", "lvchen-joint"):
            self.assertIn(id, ids)
            self.assertEqual(Attrib.Profile.new_builtin(id).get_level(), Attrib.ProfileLevel.AGENT)
        lvchen = Attrib.Profile.new_builtin("lvchen-joint")
        self.assertEqual(lvchen.get_clause_kind("三.(一)"), "first_reception")
        self.assertEqual(lvchen.get_clause_kind("二.(一).2"), "rotation")


class Receptions(unittest.TestCase):
    def test_first_registration_and_names(self):
        ledger = Attrib.Ledger.new()
        visit(ledger, "v1", "2024-03-01T10:00:00+08:00", "13800138000", "office/wang")
        visit(ledger, "v2", "2024-03-05T10:00:00+08:00", "13800138000", "office/li")
        visit(ledger, "v3", "2024-03-05T11:00:00+08:00", "13700137000", "office/li", designated="office/zhao")
        deal(ledger, "D1", "2024-03-08T10:00:00+08:00", "13800138000")
        deal(ledger, "D2", "2024-03-08T11:00:00+08:00", "13700137000")
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("reception-2013"))
        d1 = engine.attribute_deal(ledger, "D1")
        self.assertEqual(share(d1, Attrib.ShareKind.PERFORMANCE, "office/wang"), 1)
        self.assertIn("一", list(d1.get_clauses()))
        d2 = engine.attribute_deal(ledger, "D2")
        self.assertEqual(share(d2, Attrib.ShareKind.COMMISSION, "office/zhao"), 1)
        self.assertIn("二.1.1(指定)", list(d2.get_clauses()))

        # the returning customer's second reception gave no claim, and why
        li = ledger.find_person(None, "13800138000")
        claims = engine.get_claims(ledger, li, t("2024-03-31"))
        states = [(c.get_event(), c.get_state(), c.get_holder()) for c in claims]
        self.assertIn(("v1", Attrib.ClaimState.ACTIVE, "office/wang"), states)
        self.assertIn(("v2", Attrib.ClaimState.REJECTED, "office/li"), states)
        # a claim without end
        self.assertEqual([c.get_end() for c in claims if c.get_event() == "v1"], [GLib.MAXINT64])

    def test_claim_endings(self):
        # a claim that ended early says what ended it (0.1 said "expired")
        def states(engine, ledger, phone, event, at):
            claims = engine.get_claims(ledger, ledger.find_person(None, phone), t(at))
            return [c.get_state() for c in claims
                    if c.get_event() == event and c.get_state() != Attrib.ClaimState.REJECTED]

        # lvchen-joint 三.(一).4: the walk-in outranks the call
        ledger = Attrib.Ledger.new()
        call = Attrib.Event.new(Attrib.EventType.VISIT, "c1", t("2024-03-01T10:00:00+08:00"))
        call.set_customer(None, "15900002222")
        call.set_received_by("B/b02")
        call.set_visit_kind(Attrib.VisitKind.CALL)
        ledger.add_event(call)
        visit(ledger, "v1", "2024-03-02T14:00:00+08:00", "15900002222", "A/a01")
        lvchen = Attrib.Engine.new(Attrib.Profile.new_builtin("lvchen-joint"))
        self.assertEqual(states(lvchen, ledger, "15900002222", "c1", "2024-03-03"),
                         [Attrib.ClaimState.SUPERSEDED])
        # … and a reception turned down waits behind the protection (三.(二).3 A)
        ledger = Attrib.Ledger.new()
        visit(ledger, "v1", "2024-03-01T10:00:00+08:00", "13800005678", "A/a01")
        visit(ledger, "v2", "2024-03-03T10:00:00+08:00", "13800005678", "B/b02")
        self.assertEqual(states(lvchen, ledger, "13800005678", "v2", "2024-03-05"),
                         [Attrib.ClaimState.QUEUED])
        self.assertEqual(states(lvchen, ledger, "13800005678", "v2", "2024-03-08T12:00:00+08:00"),
                         [Attrib.ClaimState.ACTIVE])

        # first-contact (二)3: the receiver left
        ledger = Attrib.Ledger.new()
        visit(ledger, "v1", "2024-03-01T10:00:00+08:00", "13912340001", "office/wang")
        left = Attrib.Event.new(Attrib.EventType.DEPARTURE, "dep", t("2024-03-10T18:00:00+08:00"))
        left.set_party("office/wang")
        ledger.add_event(left)
        office = Attrib.Engine.new(Attrib.Profile.new_builtin("first-contact"))
        self.assertEqual(states(office, ledger, "13912340001", "v1", "2024-03-11"),
                         [Attrib.ClaimState.DEPARTED])

    def test_follow_up_splits_commission_not_performance(self):
        ledger = Attrib.Ledger.new()
        visit(ledger, "v1", "2024-03-01T10:00:00+08:00", "13800138000", "office/a")
        f = Attrib.Event.new(Attrib.EventType.FOLLOW_UP, "f1", t("2024-03-07T10:00:00+08:00"))
        f.set_party("office/a")
        f.set_customer(None, "13800138000")
        ledger.add_event(f)
        visit(ledger, "v2", "2024-03-20T10:00:00+08:00", "13800138000", "office/b")
        deal(ledger, "D1", "2024-03-20T12:00:00+08:00", "13800138000")
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("tangba-2014"))
        v = engine.attribute_deal(ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "office/a"), 1)
        self.assertEqual(share(v, Attrib.ShareKind.COMMISSION, "office/a"), fractions.Fraction(1, 2))
        self.assertEqual(share(v, Attrib.ShareKind.COMMISSION, "office/b"), fractions.Fraction(1, 2))
        self.assertIn("2/4", list(v.get_clauses()))

    def test_relation_to_a_representative(self):
        ledger = Attrib.Ledger.new()
        visit(ledger, "v1", "2024-03-01T10:00:00+08:00", "13800138000", "office/a")
        rel = Attrib.Event.new(Attrib.EventType.RELATION, "rel", t("2024-03-01T10:30:00+08:00"))
        rel.set_customer(None, "13800138000")
        rel.set_party("office/b")
        rel.set_relation_kind(Attrib.RelationKind.FRIEND)
        ledger.add_event(rel)
        deal(ledger, "D1", "2024-03-01T12:00:00+08:00", "13800138000", closed_by="office/b")
        v = Attrib.Engine.new(Attrib.Profile.new_builtin("tangba-2014")).attribute_deal(ledger, "D1")
        self.assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, "office/a"), 1)
        self.assertEqual(share(v, Attrib.ShareKind.COMMISSION, "office/a"), 1)
        self.assertIn("5", list(v.get_clauses()))
        self.assertEqual(ledger.lookup_event("rel").get_party(), "office/b")


class Rotation(unittest.TestCase):
    def roster(self, ledger, day, groups, at="2024-03-01T07:00:00+08:00"):
        ev = Attrib.Event.new(Attrib.EventType.ROSTER, "ros-" + at, t(at))
        ev.set_roster_date(day)
        for group, members in groups:
            for m in members:
                ev.add_roster_member(group, m)
        ledger.add_event(ev)

    def test_skips_make_ups_and_old_customers(self):
        ledger = Attrib.Ledger.new()
        day = Attrib.time_get_local_day(t("2024-03-01"), None)
        self.roster(ledger, day, [("office", ["a", "b", "c"])])
        visit(ledger, "w1", "2024-03-01T09:00:00+08:00", "13800000001", "office/a")
        visit(ledger, "w2", "2024-03-01T09:30:00+08:00", "13800000002", "office/c",
              skipped=[("office/b", Attrib.SkipReason.BUSY)])
        visit(ledger, "w3", "2024-03-01T10:00:00+08:00", "13800000003", "office/b")
        visit(ledger, "w4", "2024-03-01T11:00:00+08:00", "13800000001", "office/a")
        rotation = Attrib.Rotation.new(Attrib.Profile.new_builtin("reception-2013"))
        self.assertEqual(rotation.get_profile().get_id(), "reception-2013")
        self.assertEqual(rotation.props.profile.get_id(), "reception-2013")

        assignments = rotation.assign(ledger, day, Attrib.VisitKind.VISIT)
        self.assertEqual([a.get_visit() for a in assignments], ["w1", "w2", "w3", "w4"])
        self.assertEqual([a.get_consultant() for a in assignments],
                         ["office/a", "office/c", "office/b", "office/a"])
        self.assertEqual([a.get_turn() for a in assignments],
                         [Attrib.TurnKind.REGULAR, Attrib.TurnKind.REGULAR, Attrib.TurnKind.MAKE_UP,
                          Attrib.TurnKind.NONE])
        self.assertEqual(list(assignments[1].get_skipped()), ["office/b"])
        self.assertIn("makes up later", assignments[1].get_explanation())
        self.assertEqual(assignments[3].get_clause(), "二.1.1")
        self.assertEqual(rotation.get_turns(ledger, day, Attrib.VisitKind.VISIT, 5),
                         ["office/a", "office/c", "office/b", "office/a", "office/b"])

        # first-contact gives no make-up for the same skip: w3 is a's turn
        # (though b received it), and b's turn comes next
        other = Attrib.Rotation.new(Attrib.Profile.new_builtin("first-contact"))
        self.assertEqual(other.get_turns(ledger, day, Attrib.VisitKind.VISIT, 4),
                         ["office/a", "office/c", "office/a", "office/b"])
        w3 = other.assign(ledger, day, Attrib.VisitKind.VISIT)[2]
        self.assertEqual((w3.get_consultant(), w3.get_received_by()), ("office/a", "office/b"))

    def test_no_roster(self):
        ledger = Attrib.Ledger.new()
        day = Attrib.time_get_local_day(t("2024-03-01"), None)
        visit(ledger, "w1", "2024-03-01T09:00:00+08:00", "13800000001", "office/a")
        rotation = Attrib.Rotation.new(Attrib.Profile.new_builtin("reception-2013"))
        with self.assertRaises(GLib.Error) as cm:
            rotation.get_turns(ledger, day, Attrib.VisitKind.VISIT, 3)
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND))
        [a] = rotation.assign(ledger, day, Attrib.VisitKind.VISIT)
        self.assertEqual(a.get_turn(), Attrib.TurnKind.NONE)
        self.assertEqual(a.get_received_by(), "office/a")


if __name__ == "__main__":
    unittest.main(verbosity=2)
