#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The event accessors through PyGObject, one field at a time: set from
# Python, read back, through a frozen ledger and from a scenario file, with
# the Python types the introspection annotations promise (money as int fen,
# times as int microseconds, enums as enum values, unset strings as None).
# Also the start of a claim and the version of a profile.

import json
import os
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, Gio  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")
PROFILES = os.path.join(DATA, "..", "..", "libattrib", "profiles")

T = Attrib.EventType

# 2024-03-01T09:00:00+08:00 and the other times of the table, in µs
AT_TEXT = "2024-03-01T09:00:00+08:00"
AT = 1709254800000000
EXPECTED_VISIT = 1709272800000000   # 2024-03-01T14:00:00+08:00
EVIDENCE_AT = 1709116200000000      # 2024-02-28T18:30:00+08:00
FILED_AT = 1709208000000000         # 2024-02-29T20:00:00+08:00
DAY_0301 = 19783                    # days since 1970-01-01
DAY_0302 = 19784

# The keys each type needs, as in a scenario file
BASE_JSON = {
    T.REPORT: {"party": "lianjia/zhang", "customer": {"name": "李四", "phone": "13800138000"}},
    T.VISIT: {"customer": {"name": "王五", "phone": "13700137000"},
              "agents": [{"party": "lianjia/zhang", "rank": 0}]},
    T.INTERACTION: {"customer": {"phone": "13700137000"}, "kind": "call"},
    T.RELATION: {"a": {"name": "王五", "phone": "13700137000"},
                 "b": {"name": "赵六", "phone": "13600136000"}, "kind": "spouse"},
    T.DEAL: {"deal": "D1", "stage": "signed", "purchaser": {"name": "李四", "phone": "13800138000"}},
    T.SANCTION: {"kind": "poaching", "parties": ["5i5j/liu"]},
    T.RULING: {"deal": "D1", "shares": {"lianjia": "1/2", "5i5j": "1/2"}},
    T.ROSTER: {"date": "2024-03-01", "groups": {"A": ["a01", "a02"]}},
    T.DEPARTURE: {"party": "lianjia/zhang"},
}


def base_event(etype, eid):
    """The same as BASE_JSON, with the typed setters."""
    ev = Attrib.Event.new(etype, eid, AT)
    if etype == T.REPORT:
        ev.set_party("lianjia/zhang")
        ev.set_customer("李四", "13800138000")
    elif etype == T.VISIT:
        ev.set_customer("王五", "13700137000")
        ev.add_agent("lianjia/zhang", 0)
    elif etype == T.INTERACTION:
        ev.set_customer(None, "13700137000")
        ev.set_interaction_kind(Attrib.InteractionKind.CALL)
    elif etype == T.RELATION:
        ev.set_customer("王五", "13700137000")
        ev.set_counterpart("赵六", "13600136000")
        ev.set_relation_kind(Attrib.RelationKind.SPOUSE)
    elif etype == T.DEAL:
        ev.set_deal("D1")
        ev.set_deal_stage(Attrib.DealStage.SIGNED)
        ev.set_customer("李四", "13800138000")
    elif etype == T.SANCTION:
        ev.set_sanction_kind(Attrib.SanctionKind.POACHING)
        ev.add_sanctioned_party("5i5j/liu")
    elif etype == T.RULING:
        ev.set_deal("D1")
        for kind in (Attrib.ShareKind.PERFORMANCE, Attrib.ShareKind.COMMISSION):
            ev.add_share(kind, "lianjia", 1, 2)
            ev.add_share(kind, "5i5j", 1, 2)
    elif etype == T.ROSTER:
        ev.set_roster_date(DAY_0301)
        ev.add_roster_member("A", "a01")
        ev.add_roster_member("A", "A/a02")
    elif etype == T.DEPARTURE:
        ev.set_party("lianjia/zhang")
    else:
        raise AssertionError(etype)
    return ev


class Field:
    """One field: how to set it, how to read it, what it must give.

    kind is "string" (str, None unset), "optional" ((bool, int): a time or
    an amount in fen), "int", "bool", or an enum class.
    """

    def __init__(self, name, etype, kind, value, keys, setter, getter, unset=None, required=False):
        self.name = name
        self.etype = etype
        self.kind = kind
        self.value = value
        self.keys = keys          # the keys of the field in a file
        self.setter = setter
        self.getter = getter
        self.unset = unset        # what a new event gives
        self.required = required  # every event of the type has it

    def set(self, ev, value):
        self.setter(ev, value)

    def get(self, ev):
        return self.getter(ev)


def add_companions(ev, n):
    people = [("赵六", "13600136000", Attrib.RelationKind.SPOUSE),
              ("孙八", None, Attrib.RelationKind.NONE),
              (None, "13300133000", Attrib.RelationKind.FRIEND)]
    for name, phone, relation in people[:n]:
        ev.add_companion(name, phone, relation)


FIELDS = [
    Field("seq", T.REPORT, "int", 7, {"seq": 7},
          lambda e, v: e.set_seq(v), lambda e: e.get_seq(), unset=0),
    Field("seq", T.DEPARTURE, "int", -2, {"seq": -2},
          lambda e, v: e.set_seq(v), lambda e: e.get_seq(), unset=0),
    Field("report_stage", T.REPORT, Attrib.ReportStage, Attrib.ReportStage.ONSITE,
          {"stage": "onsite"},
          lambda e, v: e.set_report_stage(v), lambda e: e.get_report_stage(),
          unset=Attrib.ReportStage.FIRST),
    Field("report_stage", T.REPORT, Attrib.ReportStage, Attrib.ReportStage.RENEWAL,
          {"stage": "renewal"},
          lambda e, v: e.set_report_stage(v), lambda e: e.get_report_stage(),
          unset=Attrib.ReportStage.FIRST),
    Field("expected_visit", T.REPORT, "optional", EXPECTED_VISIT,
          {"expected_visit": "2024-03-01T14:00:00+08:00"},
          lambda e, v: e.set_expected_visit(v), lambda e: e.get_expected_visit()),
    Field("evidence_at", T.REPORT, "optional", EVIDENCE_AT,
          {"evidence_at": "2024-02-28T10:30:00Z"},
          lambda e, v: e.set_evidence_at(v), lambda e: e.get_evidence_at()),
    Field("via", T.REPORT, "string", "app", {"via": "app"},
          lambda e, v: e.set_via(v), lambda e: e.get_via()),
    Field("activity", T.REPORT, "string", "车友会", {"activity": "车友会"},
          lambda e, v: e.set_activity(v), lambda e: e.get_activity()),
    Field("designated", T.VISIT, "string", "5i5j/liu", {"designated": "5i5j/liu"},
          lambda e, v: e.set_designated(v), lambda e: e.get_designated()),
    Field("appointment", T.VISIT, "string", "developer", {"appointment": "developer"},
          lambda e, v: e.set_appointment(v), lambda e: e.get_appointment()),
    Field("token", T.VISIT, "string", "centaline", {"token": "centaline"},
          lambda e, v: e.set_token(v), lambda e: e.get_token()),
    Field("n_companions", T.VISIT, "int", 3,
          {"companions": [{"name": "赵六", "phone": "13600136000", "relation": "spouse"},
                          {"name": "孙八"}, {"phone": "13300133000", "relation": "friend"}]},
          add_companions, lambda e: e.get_n_companions(), unset=0),
    Field("visit_kind", T.VISIT, Attrib.VisitKind, Attrib.VisitKind.CALL, {"kind": "call"},
          lambda e, v: e.set_visit_kind(v), lambda e: e.get_visit_kind(),
          unset=Attrib.VisitKind.VISIT),
    Field("purpose", T.VISIT, Attrib.VisitPurpose, Attrib.VisitPurpose.DEPOSIT_OR_SIGNING,
          {"purpose": "deposit_or_signing"},
          lambda e, v: e.set_purpose(v), lambda e: e.get_purpose(),
          unset=Attrib.VisitPurpose.CUSTOMER),
    Field("purpose", T.VISIT, Attrib.VisitPurpose, Attrib.VisitPurpose.LEAFLET_ONLY,
          {"purpose": "leaflet_only"},
          lambda e, v: e.set_purpose(v), lambda e: e.get_purpose(),
          unset=Attrib.VisitPurpose.CUSTOMER),
    Field("by", T.INTERACTION, "string", "置业顾问 陈晨", {"by": "置业顾问 陈晨"},
          lambda e, v: e.set_by(v), lambda e: e.get_by()),
    Field("verified", T.RELATION, "bool", False, {"verified": False},
          lambda e, v: e.set_verified(v), lambda e: e.get_verified(), unset=True),
    Field("unit", T.DEAL, "string", "3-1-502", {"unit": "3-1-502"},
          lambda e, v: e.set_unit(v), lambda e: e.get_unit()),
    Field("product", T.DEAL, Attrib.Product, Attrib.Product.PARKING, {"product": "parking"},
          lambda e, v: e.set_product(v), lambda e: e.get_product(),
          unset=Attrib.Product.RESIDENTIAL),
    Field("product", T.DEAL, Attrib.Product, Attrib.Product.COMMERCIAL, {"product": "commercial"},
          lambda e, v: e.set_product(v), lambda e: e.get_product(),
          unset=Attrib.Product.RESIDENTIAL),
    Field("closed_by", T.DEAL, "string", "developer", {"closed_by": "developer"},
          lambda e, v: e.set_closed_by(v), lambda e: e.get_closed_by()),
    Field("helped_by", T.DEAL, "string", "lianjia/zhang", {"helped_by": "lianjia/zhang"},
          lambda e, v: e.set_helped_by(v), lambda e: e.get_helped_by()),
    Field("sanction_kind", T.SANCTION, Attrib.SanctionKind, Attrib.SanctionKind.LIST_REPORT,
          {"kind": "list_report"},
          lambda e, v: e.set_sanction_kind(v), lambda e: e.get_sanction_kind(),
          unset=Attrib.SanctionKind.POACHING, required=True),
    Field("sanction_kind", T.SANCTION, Attrib.SanctionKind, Attrib.SanctionKind.DISPUTE,
          {"kind": "dispute"},
          lambda e, v: e.set_sanction_kind(v), lambda e: e.get_sanction_kind(),
          unset=Attrib.SanctionKind.POACHING, required=True),
    Field("fine", T.SANCTION, "optional", 123456, {"fine": "1234.56"},
          lambda e, v: e.set_fine(v), lambda e: e.get_fine()),
    Field("fine", T.SANCTION, "optional", 0, {"fine": "0.00"},
          lambda e, v: e.set_fine(v), lambda e: e.get_fine()),   # set, and zero
    Field("authority", T.RULING, "string", "渠道经理", {"authority": "渠道经理"},
          lambda e, v: e.set_authority(v), lambda e: e.get_authority()),
    Field("reason", T.RULING, "string", "两家同时带看，各半", {"reason": "两家同时带看，各半"},
          lambda e, v: e.set_reason(v), lambda e: e.get_reason()),
    Field("roster_date", T.ROSTER, "int", DAY_0302, {"date": "2024-03-02"},
          lambda e, v: e.set_roster_date(v), lambda e: e.get_roster_date(), unset=0, required=True),
    Field("filed_at", T.ROSTER, "optional", FILED_AT, {"filed_at": "2024-02-29T20:00:00+08:00"},
          lambda e, v: e.set_filed_at(v), lambda e: e.get_filed_at()),
]


def event_json(field):
    event = {"id": "e1", "type": Attrib.EventType(field.etype).value_nick, "at": AT_TEXT}
    event.update(BASE_JSON[field.etype])
    event.update(field.keys)
    return json.dumps({"events": [event]}, ensure_ascii=False)


class Accessors(unittest.TestCase):
    def check_value(self, field, ev):
        got = field.get(ev)
        if field.kind == "string":
            self.assertIsInstance(got, str)
            self.assertEqual(got, field.value)
        elif field.kind == "optional":
            self.assertIsInstance(got, tuple)
            ok, value = got
            self.assertIs(ok, True)
            self.assertIs(type(value), int)
            self.assertEqual(value, field.value)
        elif field.kind == "int":
            self.assertIs(type(got), int)
            self.assertEqual(got, field.value)
        elif field.kind == "bool":
            self.assertIs(got, field.value)
        else:
            self.assertIsInstance(got, field.kind)
            self.assertEqual(got, field.value)

    def check_unset(self, field, ev):
        got = field.get(ev)
        if field.kind == "string":
            self.assertIsNone(got)
        elif field.kind == "optional":
            ok, value = got
            self.assertIs(ok, False)
            self.assertIs(type(value), int)
        elif field.kind == "bool":
            self.assertIs(got, field.unset)
        else:
            if field.kind != "int":
                self.assertIsInstance(got, field.kind)
            self.assertEqual(got, field.unset)

    def test_fields(self):
        for field in FIELDS:
            with self.subTest(field=field.name, value=field.value):
                self.check_unset(field, Attrib.Event.new(field.etype, "e1", AT))

                ev = base_event(field.etype, "e1")
                field.set(ev, field.value)
                self.check_value(field, ev)

                ledger = Attrib.Ledger.new()
                self.assertTrue(ledger.add_event(ev))
                self.assertTrue(ledger.add_event(base_event(field.etype, "e0")))
                ledger.freeze()
                self.check_value(field, ledger.lookup_event("e1"))
                if not field.required:
                    self.check_unset(field, ledger.lookup_event("e0"))

                text = event_json(field)
                from_file = Attrib.Ledger.new()
                self.assertTrue(from_file.load_data(text.encode(), "accessors.json"), text)
                from_file.freeze()
                loaded = from_file.lookup_event("e1")
                self.assertEqual(loaded.get_event_type(), field.etype)
                self.check_value(field, loaded)

    def test_strings_take_none(self):
        for field in FIELDS:
            if field.kind != "string":
                continue
            with self.subTest(field=field.name):
                ev = base_event(field.etype, "e1")
                field.set(ev, field.value)
                field.set(ev, None)   # (nullable): unsets the field
                self.assertIsNone(field.get(ev))
                ledger = Attrib.Ledger.new()
                ledger.add_event(ev)
                self.assertIsNone(field.get(ledger.lookup_event("e1")))

    def test_enum_setters_take_ints(self):
        # PyGObject passes a plain int for an enum argument too
        ev = base_event(T.VISIT, "v")
        ev.set_purpose(int(Attrib.VisitPurpose.NON_CUSTOMER))
        self.assertEqual(ev.get_purpose(), Attrib.VisitPurpose.NON_CUSTOMER)
        self.assertIsInstance(ev.get_purpose(), Attrib.VisitPurpose)

    def test_money_and_times_are_64_bit(self):
        ev = base_event(T.SANCTION, "s")
        ev.set_fine(2 ** 40)   # beyond 32 bits
        self.assertEqual(ev.get_fine(), (True, 2 ** 40))
        report = base_event(T.REPORT, "r")
        report.set_evidence_at(-1)   # before the epoch, to the µs
        self.assertEqual(report.get_evidence_at(), (True, -1))

    def test_filed_at_defaults_to_at(self):
        ledger = Attrib.Ledger.new()
        ledger.add_event(base_event(T.ROSTER, "o"))
        self.assertEqual(ledger.lookup_event("o").get_filed_at(), (False, AT))


class Claims(unittest.TestCase):
    def test_begin(self):
        ok, profile, ledger = Attrib.scenario_load(Gio.File.new_for_path(SAMPLE))
        self.assertTrue(ok)
        engine = Attrib.Engine.new(profile)
        wang = ledger.find_person("王五", None)
        ok, april = Attrib.time_parse("2024-04-01", None)
        claims = engine.get_claims(ledger, wang, april)
        self.assertEqual(len(claims), 1)
        begin = claims[0].get_begin()
        self.assertIs(type(begin), int)
        # 5i5j/liuyang brought 王五 on 2024-03-02 at 15:30: from 00:00 that day
        self.assertEqual(begin, 1709308800000000)
        self.assertEqual(Attrib.time_format(begin, None), "2024-03-02T00:00:00+08:00")
        self.assertEqual(claims[0].get_end(), 1717257600000000)   # 2024-06-02T00:00:00+08:00


def profile_file(pid):
    with open(os.path.join(PROFILES, pid + ".json"), encoding="utf-8") as f:
        return json.load(f)


@unittest.skipUnless(os.path.isdir(PROFILES), "an installed test: no source tree (libattrib/profiles) to compare with")
class Profiles(unittest.TestCase):
    def expected(self, pid, key):
        data = profile_file(pid)
        if key in data:
            return data[key]
        # a profile that extends another has the other's
        return self.expected(data["extends"], key) if "extends" in data else None

    def test_builtin_versions(self):
        ids = Attrib.Profile.list_builtin()
        self.assertEqual(len(ids), len([n for n in os.listdir(PROFILES) if n.endswith(".json")]))
        for pid in ids:
            with self.subTest(profile=pid):
                profile = Attrib.Profile.new_builtin(pid)
                version = profile.get_version()
                effective = profile.get_effective()
                self.assertEqual(version, self.expected(pid, "version"))
                self.assertEqual(effective, self.expected(pid, "effective"))
                self.assertIsInstance(version, str)
                self.assertTrue(effective is None or isinstance(effective, str))

    def test_known_values(self):
        # not only the files against themselves
        p = Attrib.Profile.new_builtin("junyuan-2012")
        self.assertEqual((p.get_version(), p.get_effective()), ("2012", "2012-01-01"))
        p = Attrib.Profile.new_builtin("outreach-1031")
        self.assertEqual((p.get_version(), p.get_effective()), ("10.31", None))

    def test_none_when_not_given(self):
        text = '{"id": "mine", "title": "t", "clauses": [{"id": "1", "kind": "ruling"}]}'
        p = Attrib.Profile.new_from_data(text.encode(), "mine.json")
        self.assertIsNone(p.get_version())
        self.assertIsNone(p.get_effective())


if __name__ == "__main__":
    unittest.main(verbosity=2)
