#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The engine through PyGObject: profiles, verdicts as fractions, the
# trace, reports, the audit runner.

import fractions
import os
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib, Gio  # noqa: E402
from attribtest import share, t  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")


class Profiles(unittest.TestCase):
    def test_builtin(self):
        self.assertIn("junyuan-2012", Attrib.Profile.list_builtin())
        p = Attrib.Profile.new_builtin("junyuan-2012")
        self.assertEqual(p.get_deal_stage(), Attrib.DealStage.SIGNED)
        self.assertEqual(p.get_clause_kind("1.2.8"), "simultaneous")
        self.assertIn("1.1.4", p.get_clause_ids())
        self.assertIn("50%", p.get_clause_text("1.2.8"))

    def test_params_and_errors(self):
        p = Attrib.Profile.new_builtin("junyuan-2012")
        six = p.derive('{"1.1.4": {"months": 6}}')
        self.assertIn('"months": 6', six.to_json())
        with self.assertRaises(GLib.Error) as cm:
            Attrib.Profile.new_from_data(b'{"id": "x", "title": "t", "clauses": [{"id": "1", "kind": "magic"}]}', "p.json")
        self.assertIn("p.json:1:", cm.exception.message)
        self.assertIn("magic", cm.exception.message)


class Engine(unittest.TestCase):
    def build(self):
        ledger = Attrib.Ledger.new()

        def visit(id, at, name, phone, agents):
            ev = Attrib.Event.new(Attrib.EventType.VISIT, id, t(at))
            ev.set_customer(name, phone)
            for party, rank in agents:
                ev.add_agent(party, rank)
            ledger.add_event(ev)

        def deal(id, deal_id, stage, at, name, phone):
            ev = Attrib.Event.new(Attrib.EventType.DEAL, id, t(at))
            ev.set_deal(deal_id)
            ev.set_deal_stage(stage)
            ev.set_customer(name, phone)
            ledger.add_event(ev)

        visit("v1", "2024-03-01T10:00:00+08:00", "李四", "13800138000",
              [("lianjia/zhang", 0), ("5i5j/liu", 0)])
        deal("d1s", "D1", Attrib.DealStage.SIGNED, "2024-04-01T10:00:00+08:00", "李四", "13800138000")
        visit("v2", "2024-03-02T10:00:00+08:00", "王五", "13700137000", [("lianjia/zhang", 0)])
        deal("d2s", "D2", Attrib.DealStage.SIGNED, "2024-06-02T10:00:00+08:00", "王五", "13700137000")
        ledger.freeze()
        return ledger

    def test_simultaneous_arrival_and_expiry(self):
        ledger = self.build()
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("junyuan-2012"))
        d1 = engine.attribute_deal(ledger, "D1")
        self.assertEqual(d1.get_status(), Attrib.VerdictStatus.DECIDED)
        self.assertEqual(share(d1, Attrib.ShareKind.PERFORMANCE, "lianjia"), fractions.Fraction(1, 2))
        self.assertEqual(share(d1, Attrib.ShareKind.COMMISSION, "5i5j"), fractions.Fraction(1, 2))
        self.assertIn("1.2.8", d1.get_clauses())
        self.assertTrue(d1.get_fingerprint().startswith("sha256:"))

        # signed on 2024-06-02: the claim from 2024-03-02 ended on 2024-06-01
        d2 = engine.attribute_deal(ledger, "D2")
        self.assertEqual(share(d2, Attrib.ShareKind.PERFORMANCE, "developer"), 1)
        self.assertIn("1.1.4", d2.get_clauses())
        steps = [d2.get_step(i) for i in range(d2.get_n_steps())]
        self.assertTrue(any(clause == "1.1.4" for clause, outcome, message in steps))
        events = d2.get_step_events(0)
        self.assertEqual(list(events), ["v2"])

    def test_batch_and_json(self):
        ledger = Attrib.Ledger.new()
        ledger.load_file(Gio.File.new_for_path(SAMPLE), None)
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("junyuan-2012"))
        verdicts = engine.attribute_all(ledger)
        self.assertEqual([v.get_deal() for v in verdicts], ["D1", "D2", "D3"])
        self.assertEqual(verdicts[2].get_status(), Attrib.VerdictStatus.CANCELLED)
        self.assertIn('"deal": "D2"', verdicts[1].to_json())

    def test_frozen_verdicts_traced_when_asked(self):
        # on a frozen ledger a verdict works its trace and fingerprint out
        # when first asked; what it returns is what a ledger that may
        # still change gives at once, in whatever order it is asked
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("junyuan-2012"))
        eager_ledger = Attrib.Ledger.new()
        eager_ledger.load_file(Gio.File.new_for_path(SAMPLE), None)
        eager = [v.to_json() for v in engine.attribute_all(eager_ledger)]
        frozen = Attrib.Ledger.new()
        frozen.load_file(Gio.File.new_for_path(SAMPLE), None)
        frozen.freeze()
        verdicts = engine.attribute_all(frozen)
        del frozen   # the verdicts hold the ledger until they are sealed
        steps = [v.get_n_steps() for v in reversed(verdicts)][::-1]
        self.assertEqual([v.to_json() for v in verdicts], eager)
        self.assertEqual(steps, [v.get_n_steps() for v in verdicts])
        self.assertTrue(all(v.get_fingerprint().startswith("sha256:") for v in verdicts))
        alone = engine.attribute_deal(eager_ledger, "D2")
        eager_ledger.freeze()
        lazy = engine.attribute_deal(eager_ledger, "D2")
        self.assertEqual(lazy.get_fingerprint(), alone.get_fingerprint())
        self.assertEqual(lazy.to_json(), alone.to_json())
        # the property: off, the batch's threads write every trace at once
        self.assertTrue(engine.props.defer_traces)
        engine.props.defer_traces = False
        self.assertFalse(engine.get_defer_traces())
        self.assertEqual([v.to_json() for v in engine.attribute_all(eager_ledger)], eager)

    def test_unknown_deal(self):
        ledger = self.build()
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("junyuan-2012"))
        with self.assertRaises(GLib.Error) as cm:
            engine.attribute_deal(ledger, "nope")
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND))


class Claims(unittest.TestCase):
    def test_claims_and_desk_check(self):
        ok, profile, ledger = Attrib.scenario_load(Gio.File.new_for_path(SAMPLE))
        engine = Attrib.Engine.new(profile)
        wang = ledger.find_person("王五", None)
        claims = engine.get_claims(ledger, wang, t("2024-04-01"))
        self.assertEqual([(c.get_holder(), c.get_state()) for c in claims],
                         [("5i5j/liuyang", Attrib.ClaimState.ACTIVE)])
        self.assertEqual(Attrib.time_format(claims[0].get_end(), None), "2024-06-02T00:00:00+08:00")

        visit = Attrib.Event.new(Attrib.EventType.VISIT, "desk", t("2024-04-10T10:00:00+08:00"))
        visit.set_customer("王五", "13700137000")
        visit.add_agent("lianjia/zhangsan", 0)
        answer = engine.check(ledger, visit)
        self.assertEqual(answer.get_state(), Attrib.ClaimState.REJECTED)
        self.assertEqual(answer.get_clause(), "1.1.1")
        self.assertIn("5i5j/liuyang", answer.get_reason())
        self.assertIsNone(ledger.lookup_event("desk"))

    def test_check_report(self):
        path = os.path.join(DATA, "..", "audit", "joint-agency", "core-3.1-first-report-wins.json")
        ok, profile, ledger = Attrib.scenario_load(Gio.File.new_for_path(path))
        engine = Attrib.Engine.new(profile)
        self.assertEqual(engine.check_report(ledger, "r1"), (True, True, None))
        ok, accepted, reason = engine.check_report(ledger, "r2")
        self.assertTrue(ok)
        self.assertFalse(accepted)
        self.assertIn("三.1", reason)
        with self.assertRaises(GLib.Error) as cm:
            engine.check_report(ledger, "nope")
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND))

    def test_labels(self):
        self.assertEqual(Attrib.relation_kind_get_label(Attrib.RelationKind.SPOUSE), "spouse")
        self.assertEqual(Attrib.verdict_status_get_label(Attrib.VerdictStatus.PENDING), "pending")


class MaskNames(unittest.TestCase):
    """The `mask_names` parameter (catalog §11): on by default, off through
    Profile.derive or a scenario's params."""

    AUDIT = os.path.join(DATA, "..", "audit", "joint-agency")

    def load(self, name):
        ok, profile, ledger = Attrib.scenario_load(Gio.File.new_for_path(os.path.join(self.AUDIT, name)))
        self.assertTrue(ok)
        return profile, ledger

    def owner(self, profile, ledger):
        verdict = Attrib.Engine.new(profile).attribute_deal(ledger, "D1")
        return [party for party in ("A/wang", "B/zhao", "developer")
                if share(verdict, Attrib.ShareKind.PERFORMANCE, party) == 1]

    def test_find_person_resolves_by_name(self):
        profile, ledger = self.load("core-3.1-masked-full-name-decides.json")
        self.assertEqual(list(ledger.find_person("刘一", "138****2222").get_phones()), ["13811112222"])
        self.assertEqual(list(ledger.find_person("周", "138****2222").get_phones()), ["13899992222"])
        with self.assertRaises(GLib.Error) as cm:
            ledger.find_person(None, "138****2222")
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.AMBIGUOUS))

    def test_derive(self):
        profile, ledger = self.load("core-3.1-masked-full-name-decides.json")
        self.assertIn('"mask_names": true', profile.to_json())
        off = profile.derive('{"mask_names": false}')
        self.assertIn('"mask_names": false', off.to_json())
        self.assertEqual(Attrib.Engine.new(profile).check_report(ledger, "r1"), (True, True, None))
        ok, accepted, reason = Attrib.Engine.new(off).check_report(ledger, "r1")
        self.assertFalse(accepted)
        self.assertIn("several customers", reason)
        self.assertEqual(self.owner(profile, ledger), ["A/wang"])
        self.assertEqual(self.owner(off, ledger), ["B/zhao"])
        # the desk agrees with the batch
        report = Attrib.Event.new(Attrib.EventType.REPORT, "desk", t("2024-01-20T10:00:00+08:00"))
        report.set_party("C/qian")
        report.set_customer("刘一", "138****2222")
        on = Attrib.Engine.new(profile).check(ledger, report)
        self.assertEqual((on.get_state(), on.get_clause()), (Attrib.ClaimState.REJECTED, "三.1"))
        answer = Attrib.Engine.new(off).check(ledger, report)
        self.assertEqual(answer.get_state(), Attrib.ClaimState.REJECTED)
        self.assertIn("several customers", answer.get_reason())
        with self.assertRaises(GLib.Error) as cm:
            profile.derive('{"mask_names": "no"}')
        self.assertIn("must be true or false", cm.exception.message)

    def test_scenario_params(self):
        profile, ledger = self.load("core-3.1-masked-name-off.json")
        self.assertIn('"mask_names": false', profile.to_json())
        ok, accepted, reason = Attrib.Engine.new(profile).check_report(ledger, "r1")
        self.assertFalse(accepted)
        self.assertEqual(self.owner(profile, ledger), ["B/zhao"])
        # the ledger's own look-up still lets the name decide
        self.assertEqual(list(ledger.find_person("刘一", "138****2222").get_phones()), ["13811112222"])


class Rotation(unittest.TestCase):
    def test_big_round(self):
        profile = Attrib.Profile.new_from_data(
            b'{"id": "r", "title": "t", "clauses": [{"id": "2", "kind": "rotation", '
            b'"params": {"min_consultants": 2, "deadline_minutes": 480}}]}', "r.json")
        ledger = Attrib.Ledger.new()
        roster = Attrib.Event.new(Attrib.EventType.ROSTER, "ros", t("2024-03-01T07:00:00+08:00"))
        day = Attrib.time_get_local_day(t("2024-03-01"), None)
        roster.set_roster_date(day)
        for member in ("a1", "a2", "a3"):
            roster.add_roster_member("A", member)
        for member in ("b1", "b2"):
            roster.add_roster_member("B", member)
        roster.add_roster_member("C", "c1")     # one consultant: sits out
        ledger.add_event(roster)
        rotation = Attrib.Rotation.new(profile)
        groups, why = rotation.get_groups(ledger, day)
        self.assertEqual(groups, ["A", "B"])
        self.assertIn("C", why)
        turns = rotation.get_turns(ledger, day, Attrib.VisitKind.VISIT, 7)
        self.assertEqual(turns, ["A/a1", "B/b1", "A/a2", "B/b2", "A/a3", "A/a1", "B/b1"])


class Audit(unittest.TestCase):
    def test_scenario_and_audit(self):
        ok, profile, ledger = Attrib.scenario_load(Gio.File.new_for_path(SAMPLE))
        self.assertEqual(profile.get_id(), "junyuan-2012")
        self.assertEqual(ledger.get_n_events(), 27)

        audit = Attrib.Audit.new()
        scenario = b'''{"title": "t", "profile": "junyuan-2012",
          "events": [
            {"id": "v1", "type": "visit", "at": "2024-03-01", "customer": {"phone": "13800138000"},
             "agents": [{"party": "lianjia/a"}]},
            {"id": "s1", "type": "deal", "at": "2024-03-05", "deal": "D1", "stage": "signed",
             "purchaser": {"phone": "13800138000"}}],
          "expect": [{"deal": "D1", "owner": "lianjia", "clause": "1.1.4"},
                     {"deal": "D1", "owner": "developer"}]}'''
        audit.run_data(scenario, "s.json")
        self.assertEqual(audit.get_n_passed(), 1)
        self.assertEqual(audit.get_n_failed(), 1)
        passed, line, detail = audit.get_result(1)
        self.assertFalse(passed)
        self.assertTrue(line.startswith("FAIL s.json"))
        self.assertIn("1.1.4", detail)


if __name__ == "__main__":
    unittest.main(verbosity=2)
