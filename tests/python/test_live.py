#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A ledger shared by Python threads while the main thread adds to it
# (docs/live.md): no crash, no half-added event, and at the end the
# verdicts of a ledger built at once from the same events.

import os
import random
import threading
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib, Gio  # noqa: E402
from attribtest import t  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")


def verdicts(engine, ledger):
    return [v.to_json() for v in engine.attribute_all(ledger)]


class SharedLedger(unittest.TestCase):
    def test_desk_threads_while_adding(self):
        ok, profile, model = Attrib.scenario_load(Gio.File.new_for_path(SAMPLE))
        engine = Attrib.Engine.new(profile)
        events = [model.get_event(i) for i in range(model.get_n_events())]
        random.Random(7).shuffle(events)
        for i in range(600):
            report = Attrib.Event.new(Attrib.EventType.REPORT, "live-%d" % i,
                                      t("2024-04-10T10:00:00+08:00") + (i % 97) * 3600 * 10**6)
            report.set_customer(None, "1390000%04d" % (i % 500))
            report.set_party("lianjia/wangfang" if i % 3 == 0 else "5i5j/liuyang")
            events.append(report)

        live = Attrib.Ledger.new_for_time_zone(model.get_time_zone_identifier())
        watch = Attrib.Watch.new(engine, live)
        held = {}
        visit = Attrib.Event.new(Attrib.EventType.VISIT, "desk-1", t("2024-04-10T10:00:00+08:00"))
        visit.set_customer("王五", "13700137000")
        visit.add_agent("lianjia/zhangsan", 0)
        done = threading.Event()
        failures = []

        def desk(index):
            seen, rounds = 0, 0
            try:
                while not done.is_set() or rounds < 2:
                    n = live.get_n_events()
                    if n < seen:
                        failures.append("the number of events went back")
                    seen = n
                    if (rounds + index) % 3 == 0:
                        engine.check(live, visit)
                    elif (rounds + index) % 3 == 1:
                        verdicts(engine, live)
                    else:
                        try:
                            live.find_person(None, "13800138000")
                        except GLib.Error as error:
                            if not error.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND):
                                raise
                    rounds += 1
            except Exception as error:  # reported by the main thread
                failures.append(repr(error))

        threads = [threading.Thread(target=desk, args=(i,)) for i in range(3)]
        for thread in threads:
            thread.start()
        for n, event in enumerate(events):
            live.add_event(event)
            if n % 50 == 0:
                for verdict in watch.update():
                    held[verdict.get_deal()] = verdict.to_json()
        done.set()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [])

        at_once = Attrib.Ledger.new_for_time_zone(model.get_time_zone_identifier())
        for event in reversed(events):
            at_once.add_event(event)
        at_once.freeze()
        self.assertEqual(verdicts(engine, live), verdicts(engine, at_once))

        # the change feed brought up to date holds the verdicts at once
        for verdict in watch.update():
            held[verdict.get_deal()] = verdict.to_json()
        self.assertEqual(watch.get_position(), at_once.get_n_events())
        self.assertEqual(sorted(held.values()), sorted(verdicts(engine, at_once)))


class ClaimsAndReports(unittest.TestCase):
    """The feed's claims and reports: a report imported late takes the
    customer from the channel that reported after it (joint-agency 三.1,
    first report wins)."""

    def report(self, ledger, id, at, party):
        r = Attrib.Event.new(Attrib.EventType.REPORT, id, t(at))
        r.set_customer("李四", "13800138000")
        r.set_party(party)
        ledger.add_event(r)

    def changes(self, watch):
        def side(claim):
            if claim is None:
                return None
            return (claim.get_event(), claim.get_holder(), claim.get_state())
        return [(side(c.get_before()), side(c.get_after()), c.get_customer().get_phones())
                for c in watch.get_changed_claims()]

    def test_late_report(self):
        ledger = Attrib.Ledger.new()
        engine = Attrib.Engine.new(Attrib.Profile.new_builtin("joint-agency"))
        watch = Attrib.Watch.new(engine, ledger)
        S = Attrib.ClaimState
        phones = ["13800138000"]

        self.report(ledger, "r1", "2024-03-01T10:00:00+08:00", "lianjia/zhang")
        self.report(ledger, "r2", "2024-03-03T10:00:00+08:00", "5i5j/liu")
        watch.update()
        self.assertEqual(self.changes(watch), [
            (None, ("r1", "lianjia/zhang", S.EXPIRED), phones),
            (None, ("r2", "5i5j/liu", S.REJECTED), phones)])
        self.assertEqual(watch.get_changed_reports(), ["r1", "r2"])
        ok, accepted, reason = watch.check_report("r2")
        self.assertFalse(accepted)
        self.assertIn("(三.1)", reason)

        # 5i5j's earlier report, imported late: it holds the customer, r1
        # is now the duplicate, r2 renews nothing and rejects nothing
        self.report(ledger, "r0", "2024-02-28T10:00:00+08:00", "5i5j/liu")
        watch.update()
        self.assertEqual(self.changes(watch), [
            (None, ("r0", "5i5j/liu", S.EXPIRED), phones),
            (("r1", "lianjia/zhang", S.EXPIRED), ("r1", "lianjia/zhang", S.REJECTED), phones),
            (("r2", "5i5j/liu", S.REJECTED), None, phones)])
        self.assertEqual(watch.get_changed_reports(), ["r0", "r1", "r2"])
        for report in ("r0", "r1", "r2"):
            self.assertEqual(watch.check_report(report), engine.check_report(ledger, report))

        # nothing added, nothing changed
        watch.update()
        self.assertEqual(watch.get_changed_claims(), [])
        self.assertEqual(watch.get_changed_reports(), [])
        with self.assertRaises(GLib.Error) as caught:
            watch.check_report("r9")
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND))


class LinesFeed(unittest.TestCase):
    """The calculator's lines follow the feed: a deal that reaches a
    retroactive tier adds lines to the month's other deals."""

    def test_tier(self):
        path = os.path.join(DATA, "..", "audit", "commission", "closed-1-cancel-tier.json")
        scenario = Gio.File.new_for_path(path)
        ok, profile, model = Attrib.scenario_load(scenario)
        calc = Attrib.Calculator.new(profile)
        for plan in Attrib.scenario_load_plans(scenario):
            calc.add_plan(plan)
        engine = Attrib.Engine.new(profile)
        live = Attrib.Ledger.new_for_time_zone(model.get_time_zone_identifier())
        watch = Attrib.Watch.new_with_calculator(engine, calc, live)

        def text(line):
            return (line.get_deal(), line.get_event(), Attrib.money_format(line.get_amount()))

        held = []
        for i in range(model.get_n_events()):
            event = model.get_event(i)
            live.add_event(event)
            watch.update()
            for line in watch.get_removed_lines():
                held.remove(text(line))
            added = [text(line) for line in watch.get_added_lines()]
            held += added
            at_once = [text(line) for line in calc.get_lines(live)]
            self.assertEqual([text(line) for line in watch.get_lines()], at_once)
            self.assertEqual(sorted(held), sorted(at_once))
            if event.get_id() == "g3":
                # the third unit of the month: D1 and D2 now at 3% too
                self.assertEqual(added, [("D1", "g3", "10000.00"), ("D2", "g3", "10000.00"),
                                         ("D3", "g3", "30000.00")])

        # a plan added to the calculator (every line worked out again)
        # with a new customer (the ledger rebuilds): still from what was held
        calc.add_plan(Attrib.CommissionPlan.new_from_data(
            b'{"id": "5i5j-2024", "party": "5i5j", "products": {"residential": {"rate": "1%"}}}', "5i5j.json"))
        report = Attrib.Event.new(Attrib.EventType.REPORT, "late-1", model.get_event(0).get_at() + 1)
        report.set_customer("新客户", "13900139000")
        report.set_party("5i5j/liu")
        live.add_event(report)
        watch.update()
        for line in watch.get_removed_lines():
            held.remove(text(line))
        held += [text(line) for line in watch.get_added_lines()]
        self.assertEqual(sorted(held), sorted(text(line) for line in calc.get_lines(live)))

        # a watch without a calculator keeps no lines
        with self.assertRaises(GLib.Error):
            Attrib.Watch.new(engine, live).get_lines()


class TenLines(unittest.TestCase):
    """docs/live.md's example, as printed there (a CSV export, three desk
    threads, events from the main thread, the changed verdicts)."""

    def test_example(self):
        import io, contextlib
        path = os.path.join(DATA, "..", "..", "docs", "live.md")
        if not os.path.exists(path):
            self.skipTest("an installed test: no source tree (docs/live.md)")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        code = text.split("```python\n", 1)[1].split("```", 1)[0]
        self.assertLessEqual(len(code.strip().splitlines()), 10)
        ok, profile, model = Attrib.scenario_load(Gio.File.new_for_path(SAMPLE))
        csv = os.path.join(os.environ.get("TMPDIR", "/tmp"), "attrib-live-%d.csv" % os.getpid())
        with open(csv, "w", encoding="utf-8") as f:
            f.write("id,type,at,party,customer_name,customer_phone\n")
            f.write("r1,report,2024-03-01T10:00:00+08:00,lianjia/zhang,李四,13800138000\n")
        incoming = []
        v = Attrib.Event.new(Attrib.EventType.VISIT, "v1", t("2024-03-02T10:00:00+08:00"))
        v.set_customer("李四", "13800138000")
        v.add_agent("lianjia/zhang", 0)
        incoming.append(v)
        d = Attrib.Event.new(Attrib.EventType.DEAL, "s1", t("2024-03-09T10:00:00+08:00"))
        d.set_deal("D1")
        d.set_deal_stage(Attrib.DealStage.SIGNED)
        d.set_customer("李四", "13800138000")
        incoming.append(d)
        out = io.StringIO()
        env = {"Attrib": Attrib, "Gio": Gio, "threading": threading, "csv_path": csv,
               "incoming": incoming, "print": lambda *a: print(*a, file=out)}
        try:
            exec(code, env)
        finally:
            os.unlink(csv)
        self.assertIn('"deal": "D1"', out.getvalue())
        self.assertIn('"performance": {"lianjia/zhang": "1"}', out.getvalue())


if __name__ == "__main__":
    unittest.main()
