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
        for event in events:
            live.add_event(event)
        done.set()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [])

        at_once = Attrib.Ledger.new_for_time_zone(model.get_time_zone_identifier())
        for event in reversed(events):
            at_once.add_event(event)
        at_once.freeze()
        self.assertEqual(verdicts(engine, live), verdicts(engine, at_once))


if __name__ == "__main__":
    unittest.main()
