#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Customers' phones through PyGObject and the command line: masked in what
# libattrib prints, shown on request, hashed under a project key with the
# same verdicts (docs/reliability.md, "Personal data").

import hashlib
import hmac
import os
import subprocess
import tempfile
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402

DATA = os.environ["ATTRIB_TEST_DATA"]
TOOL = os.environ["ATTRIB_TOOL"]
SAMPLE = os.path.join(DATA, "sample-project.json")
KEY = b"a project's secret key"


def python_hash(phone):
    return "#" + hmac.new(KEY, phone.encode(), hashlib.sha256).hexdigest()[:20]


class Masking(unittest.TestCase):
    def tearDown(self):
        Attrib.set_show_phones(False)

    def test_mask(self):
        self.assertEqual(Attrib.phone_mask("13800138000"), "138****8000")
        self.assertEqual(Attrib.phone_mask("138-0013-8000"), "138-****-8000")
        self.assertEqual(Attrib.phone_mask("138****8888"), "138****8888")

    def test_errors_mask_unless_asked(self):
        self.assertFalse(Attrib.get_show_phones())
        with self.assertRaises(GLib.Error) as caught:
            Attrib.phone_normalize("138001380001")
        self.assertIn("138*****0001", caught.exception.message)
        self.assertNotIn("138001380001", caught.exception.message)
        Attrib.set_show_phones(True)
        with self.assertRaises(GLib.Error) as caught:
            Attrib.phone_normalize("138001380001")
        self.assertIn("138001380001", caught.exception.message)


class Hashing(unittest.TestCase):
    def test_same_as_pythons_hmac(self):
        key = GLib.Bytes.new(KEY)
        for phone in ("13800138000", "13912345678"):
            self.assertEqual(Attrib.phone_hash(phone, key), python_hash(phone))
        self.assertEqual(Attrib.phone_hash("+86 138 0013 8000", key), python_hash("13800138000"))
        self.assertTrue(Attrib.phone_is_hashed(python_hash("13800138000")))

    def test_masks_cannot_be_hashed(self):
        with self.assertRaises(GLib.Error) as caught:
            Attrib.phone_hash("138****8000", GLib.Bytes.new(KEY))
        self.assertTrue(caught.exception.matches(Attrib.error_quark(), Attrib.Error.INVALID_PHONE))

    def test_keyed_ledger_same_verdicts(self):
        ok, profile, ledger = Attrib.scenario_load(Gio_file(SAMPLE))
        keyed = Attrib.Ledger.new_full(None, GLib.Bytes.new(KEY))
        for i in range(ledger.get_n_events()):
            keyed.add_event(ledger.get_event(i))
        keyed.freeze()
        engine = Attrib.Engine.new(profile)
        plain = engine.attribute_all(ledger)
        hashed = engine.attribute_all(keyed)
        self.assertEqual(len(plain), len(hashed))
        for a, b in zip(plain, hashed):
            self.assertEqual(a.get_deal(), b.get_deal())
            # the sample's one masked report belongs to D1's customer
            if a.get_deal() != "D1":
                self.assertEqual(a.get_status(), b.get_status())
                self.assertEqual(list(a.get_clauses()), list(b.get_clauses()))
        phones = [p for i in range(keyed.get_n_persons()) for p in keyed.get_person(i).get_phones()]
        self.assertIn(python_hash("13800138000"), phones)
        self.assertNotIn("13800138000", phones)


def Gio_file(path):
    gi.require_version("Gio", "2.0")
    from gi.repository import Gio

    return Gio.File.new_for_path(path)


class CommandLine(unittest.TestCase):
    def run_tool(self, *args):
        done = subprocess.run([TOOL, *args], capture_output=True, text=True, check=True)
        return done.stdout

    def test_masked_by_default(self):
        out = self.run_tool("ledger", SAMPLE)
        self.assertIn("138****8000", out)
        self.assertNotIn("13800138000", out)
        self.assertNotIn("13900139000", out)

    def test_show_phones(self):
        out = self.run_tool("ledger", "--show-phones", SAMPLE)
        self.assertIn("13800138000", out)

    def test_phone_key(self):
        with tempfile.NamedTemporaryFile() as key:
            key.write(KEY)
            key.flush()
            out = self.run_tool("--phone-key", key.name, "ledger", "--show-phones", SAMPLE)
            self.assertIn(python_hash("13800138000"), out)
            self.assertNotIn("13800138000", out)
            plain = [line for line in self.run_tool("attribute", SAMPLE).splitlines()]
            keyed = [line for line in self.run_tool("attribute", "--phone-key", key.name, SAMPLE).splitlines()]
            self.assertEqual(len(plain), len(keyed))

    def test_short_key_is_an_error(self):
        with tempfile.NamedTemporaryFile() as key:
            key.write(b"short")
            key.flush()
            done = subprocess.run([TOOL, "attribute", "--phone-key", key.name, SAMPLE], capture_output=True, text=True)
            self.assertNotEqual(done.returncode, 0)
            self.assertIn("at least 16 bytes", done.stderr)


if __name__ == "__main__":
    unittest.main()
