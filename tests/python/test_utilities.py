#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The free functions through PyGObject: the catalog's period, look-back and
# renewal-window conventions, phones, and the labels of enums.

import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402
from attribtest import t  # noqa: E402


def text(value):
    return Attrib.time_format(value, None)


def day(date):
    return Attrib.time_get_local_day(t(date), None)


class Periods(unittest.TestCase):
    def test_days_cover_whole_local_days(self):
        # 30 days from a 15:00 confirmation on 03-02: 03-02 00:00 to 03-31 24:00
        begin, end = Attrib.period_days(t("2024-03-02T15:00:00+08:00"), 30, None)
        self.assertEqual(text(begin), "2024-03-02T00:00:00+08:00")
        self.assertEqual(text(end), "2024-04-01T00:00:00+08:00")

    def test_months_clamp(self):
        self.assertEqual(Attrib.day_add_months(day("2024-01-31"), 1), day("2024-02-29"))
        self.assertEqual(Attrib.day_add_months(day("2023-01-31"), 1), day("2023-02-28"))
        self.assertEqual(Attrib.day_add_months(day("2024-05-31"), -3), day("2024-02-29"))
        begin, end = Attrib.period_months(t("2024-03-02T15:00:00+08:00"), 3, None)
        self.assertEqual(text(begin), "2024-03-02T00:00:00+08:00")
        self.assertEqual(text(end), "2024-06-02T00:00:00+08:00")

    def test_lookback_and_renewal_window(self):
        self.assertEqual(text(Attrib.lookback_begin(t("2024-05-31T10:00:00+08:00"), 3, None)),
                         "2024-02-29T00:00:00+08:00")
        _, end = Attrib.period_days(t("2024-03-01T10:00:00+08:00"), 30, None)
        self.assertEqual(text(Attrib.window_before_end(end, 7, None)), "2024-03-24T00:00:00+08:00")

    def test_day_start_in_other_zones(self):
        utc = Attrib.time_zone_new("UTC")
        self.assertEqual(Attrib.time_format(Attrib.time_day_start(day("2024-03-01"), utc), utc),
                         "2024-03-01T00:00:00+00:00")
        with self.assertRaises(GLib.Error):
            Attrib.time_zone_new("Mars/Olympus")


class Phones(unittest.TestCase):
    def test_normalize(self):
        self.assertEqual(Attrib.phone_normalize("+86 138-0013-8000"), ("13800138000", False))
        self.assertEqual(Attrib.phone_normalize("138****8000"), ("138****8000", True))
        with self.assertRaises(GLib.Error) as caught:
            Attrib.phone_normalize("12345")
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_PHONE))

    def test_masks(self):
        self.assertTrue(Attrib.phone_is_masked("138****8000"))
        self.assertFalse(Attrib.phone_is_masked("13800138000"))
        self.assertTrue(Attrib.phone_matches("138****8000", "13812348000"))
        self.assertFalse(Attrib.phone_matches("138****8000", "13912348000"))


class Version(unittest.TestCase):
    def test_runtime_version(self):
        running = (Attrib.get_major_version(), Attrib.get_minor_version(), Attrib.get_micro_version())
        self.assertEqual(running, (Attrib.MAJOR_VERSION, Attrib.MINOR_VERSION, Attrib.MICRO_VERSION))
        self.assertEqual("%d.%d.%d" % running, Attrib.VERSION_S)
        self.assertIsNone(Attrib.check_version(*running))
        self.assertIsNone(Attrib.check_version(running[0], 0, 0))
        self.assertIn("too old", Attrib.check_version(running[0], running[1] + 1, 0))
        self.assertIn("too old", Attrib.check_version(running[0] + 1, 0, 0))


class Labels(unittest.TestCase):
    def test_every_value_has_a_label(self):
        for enum, label in ((Attrib.VerdictStatus, Attrib.verdict_status_get_label),
                            (Attrib.Outcome, Attrib.outcome_get_label),
                            (Attrib.RelationKind, Attrib.relation_kind_get_label),
                            (Attrib.LineKind, Attrib.line_kind_get_label)):
            values = [v for v in enum.__enum_values__.values()]
            labels = [label(v) for v in values]
            self.assertTrue(all(labels), enum)
            self.assertEqual(len(set(labels)), len(labels), enum)
        self.assertEqual(Attrib.verdict_status_get_label(Attrib.VerdictStatus.DECIDED), "decided")
        self.assertEqual(Attrib.relation_kind_get_label(Attrib.RelationKind.SPOUSE), "spouse")


if __name__ == "__main__":
    unittest.main()
