#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The ledger through PyGObject: build one from typed calls and from the
# sample scenario, resolve masked phones, walk identity clusters, query.

import os
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib, Gio  # noqa: E402
from attribtest import t  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")


class MaskedNames(unittest.TestCase):
    """A masked phone that fits several customers: the name decides (catalog §11)."""

    def setUp(self):
        self.ledger = Attrib.Ledger.new()
        for id, name, phone in [("c1", "李四", "13800138000"), ("c2", "王芳", "13899938000"),
                                ("c3", "李娜", "13811138000")]:
            ev = Attrib.Event.new(Attrib.EventType.INTERACTION, id, t("2024-02-20"))
            ev.set_customer(name, phone)
            ev.set_interaction_kind(Attrib.InteractionKind.CALL)
            self.ledger.add_event(ev)
        r = Attrib.Event.new(Attrib.EventType.REPORT, "r1", t("2024-03-01T10:00:00+08:00"))
        r.set_party("wolf/wang")
        r.set_customer("王", "138***38000")
        self.ledger.add_event(r)

    def phone_of(self, name, phone):
        return list(self.ledger.find_person(name, phone).get_phones())[0]

    def test_full_name_and_surname(self):
        self.assertEqual(self.phone_of("李四", "138***38000"), "13800138000")
        self.assertEqual(self.phone_of("王", "138***38000"), "13899938000")
        self.assertEqual(self.phone_of("李娜", "138***38000"), "13811138000")
        # the report is the person's event
        wang = self.ledger.find_person(None, "13899938000")
        ids = [e.get_id() for e in self.ledger.get_person_events(
            wang, GLib.MININT64, GLib.MAXINT64, Attrib.EventMask.ALL)]
        self.assertEqual(ids, ["c2", "r1"])

    def test_ambiguous(self):
        self.assertEqual(len(self.ledger.match_persons(None, "138***38000")), 3)
        # a name that singles out nobody narrows nothing: every person the mask fits
        self.assertEqual(len(self.ledger.match_persons("李", "138***38000")), 3)
        for name in ("李", "李五", "张"):
            with self.assertRaises(GLib.Error) as cm:
                self.ledger.find_person(name, "138***38000")
            self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.AMBIGUOUS))
            self.assertIn("singles out none", cm.exception.message)


class TypedCalls(unittest.TestCase):
    def setUp(self):
        self.ledger = Attrib.Ledger.new()

    def add(self, event):
        self.assertTrue(self.ledger.add_event(event))

    def test_report_visit_and_queries(self):
        r = Attrib.Event.new(Attrib.EventType.REPORT, "r1", t("2024-03-01T09:00:00+08:00"))
        r.set_party("lianjia/zhangsan")
        r.set_customer("李四", "138****8000")
        self.add(r)

        v = Attrib.Event.new(Attrib.EventType.VISIT, "v1", t("2024-03-01T14:00:00+08:00"))
        v.set_customer("李四", "+86 138 0013 8000")
        v.add_agent("lianjia/zhangsan", -1)
        v.add_agent("5i5j/liuyang", 0)
        self.add(v)

        self.assertEqual(self.ledger.get_n_events(), 2)
        self.assertEqual(self.ledger.get_n_persons(), 1)

        person = self.ledger.find_person(None, "138****8000")
        self.assertEqual(list(person.get_phones()), ["13800138000"])
        self.assertEqual(list(person.get_names()), ["李四"])

        events = self.ledger.get_person_events(person, GLib.MININT64, GLib.MAXINT64,
                                               Attrib.EventMask.ALL)
        self.assertEqual([e.get_id() for e in events], ["r1", "v1"])
        visits = self.ledger.get_person_events(person, GLib.MININT64, GLib.MAXINT64,
                                               Attrib.EventMask.VISIT)
        self.assertEqual([e.get_id() for e in visits], ["v1"])
        self.assertEqual(visits[0].get_customer_phone(), "13800138000")
        self.assertEqual(visits[0].get_n_agents(), 2)
        party, rank = visits[0].get_agent(1)
        self.assertEqual((party, rank), ("5i5j/liuyang", 0))

        # a channel covers its agents
        lianjia = self.ledger.get_party_events("lianjia", GLib.MININT64, GLib.MAXINT64,
                                               Attrib.EventMask.ALL)
        self.assertEqual([e.get_id() for e in lianjia], ["r1", "v1"])

    def test_bad_event_raises(self):
        v = Attrib.Event.new(Attrib.EventType.VISIT, "v9", t("2024-03-01"))
        v.set_customer(None, "1380013800")
        with self.assertRaises(GLib.Error) as cm:
            self.ledger.add_event(v)
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_PHONE))
        self.assertIn("v9", cm.exception.message)
        self.assertIn("customer", cm.exception.message)
        self.assertEqual(self.ledger.get_n_events(), 0)

    def test_duplicate_id(self):
        e = Attrib.Event.new(Attrib.EventType.DEPARTURE, "x", t("2024-03-01"))
        e.set_party("lianjia/a")
        self.add(e)
        with self.assertRaises(GLib.Error) as cm:
            self.ledger.add_event(e)
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.DUPLICATE_ID))

    def test_ruling_shares(self):
        e = Attrib.Event.new(Attrib.EventType.RULING, "rul", t("2024-03-01"))
        e.set_deal("D1")
        e.add_share(Attrib.ShareKind.PERFORMANCE, "lianjia", 1, 1)
        e.add_share(Attrib.ShareKind.COMMISSION, "lianjia", 1, 2)
        e.add_share(Attrib.ShareKind.COMMISSION, "5i5j", 2, 4)
        self.add(e)
        back = self.ledger.lookup_event("rul")
        self.assertEqual(back.get_n_shares(Attrib.ShareKind.COMMISSION), 2)
        party, num, den = back.get_share(Attrib.ShareKind.COMMISSION, 1)
        self.assertEqual((party, num, den), ("5i5j", 1, 2))


class SampleScenario(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ledger = Attrib.Ledger.new()
        cls.ledger.load_file(Gio.File.new_for_path(SAMPLE), None)
        cls.ledger.freeze()

    def test_counts(self):
        self.assertEqual(self.ledger.get_n_events(), 27)
        self.assertTrue(self.ledger.is_frozen())

    def test_identity_cluster(self):
        li = self.ledger.find_person("李四", None)
        self.assertEqual(list(li.get_phones()), ["13800138000", "13900139000"])
        other = self.ledger.find_person(None, "13900139000")
        self.assertTrue(li.equal(other))
        ids = [e.get_id() for e in self.ledger.get_person_events(
            li, GLib.MININT64, GLib.MAXINT64, Attrib.EventMask.ALL)]
        self.assertIn("crm-002", ids)   # recorded under the second phone
        self.assertIn("r-001", ids)     # masked report resolved to the cluster

    def test_ambiguous_mask_and_namesakes(self):
        with self.assertRaises(GLib.Error) as cm:
            self.ledger.find_person(None, "135****5000")
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.AMBIGUOUS))
        self.assertEqual(len(self.ledger.match_persons(None, "135****5000")), 2)
        self.assertEqual(len(self.ledger.match_persons("张三", None)), 2)
        # a full phone decides between namesakes
        one = self.ledger.find_person("张三", "13522225000")
        self.assertEqual(list(one.get_phones()), ["13522225000"])

    def test_masked_report_with_a_name(self):
        # r-006 (张三, 135****5000) fits both 张三: namesakes, the name cannot tell
        with self.assertRaises(GLib.Error) as cm:
            self.ledger.find_person("张三", "135****5000")
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.AMBIGUOUS))
        self.assertIn("张三", cm.exception.message)
        self.assertIn("135****5000", cm.exception.message)
        self.assertNotIn("13500135000", cm.exception.message)

    def test_time_window(self):
        li = self.ledger.find_person(None, "13800138000")
        march = self.ledger.get_person_events(li, t("2024-03-01"), t("2024-03-05"),
                                              Attrib.EventMask.REPORT | Attrib.EventMask.VISIT)
        self.assertEqual([e.get_id() for e in march], ["r-001", "r-002", "v-001"])

    def test_relations_and_deals(self):
        wang = self.ledger.find_person("王五", None)
        rel = self.ledger.get_relations(wang)
        self.assertEqual(len(rel), 1)
        self.assertEqual(rel[0].get_relation_kind(), Attrib.RelationKind.SPOUSE)
        self.assertTrue(rel[0].get_verified())
        self.assertEqual(self.ledger.get_deals(), ["D1", "D2", "D3"])
        stages = [e.get_deal_stage() for e in self.ledger.get_deal_events("D3")]
        self.assertEqual(stages, [Attrib.DealStage.SUBSCRIBED, Attrib.DealStage.CANCELLED])
        ok, price = self.ledger.get_deal_events("D2")[0].get_price()
        self.assertTrue(ok)
        self.assertEqual(Attrib.money_format(price), "4180000.50")

    def test_frozen_rejects(self):
        e = Attrib.Event.new(Attrib.EventType.DEPARTURE, "late", t("2024-07-01"))
        e.set_party("lianjia/x")
        with self.assertRaises(GLib.Error) as cm:
            self.ledger.add_event(e)
        self.assertTrue(cm.exception.matches(Attrib.error_quark(), Attrib.Error.FROZEN))


class Files(unittest.TestCase):
    def test_error_position(self):
        ledger = Attrib.Ledger.new()
        text = '{"events": [\n  {"id": "v1", "type": "visit", "at": "2024-03-01",\n   "customer": {"phone": "12345"}}\n]}'
        with self.assertRaises(GLib.Error) as cm:
            ledger.load_data(text.encode(), "bad.json")
        self.assertTrue(cm.exception.message.startswith("bad.json:3:"), cm.exception.message)
        self.assertEqual(ledger.get_n_events(), 0)

    def test_helpers(self):
        self.assertEqual(Attrib.phone_normalize("+86 138-0013-8000"), ("13800138000", False))
        self.assertTrue(Attrib.phone_matches("138****8000", "13800138000"))
        ok, fen = Attrib.money_parse("3250000.00")
        self.assertEqual(fen, 325000000)
        with self.assertRaises(GLib.Error):
            Attrib.money_parse("1.234")
        self.assertEqual(Attrib.time_format(t("2024-03-01"), None), "2024-03-01T00:00:00+08:00")


if __name__ == "__main__":
    unittest.main(verbosity=2)
