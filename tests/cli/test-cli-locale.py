#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Machine-readable output is UTF-8 bytes whatever the locale (issue 17,
# item 6): containers and cron jobs run in the C locale, where g_print()
# turned every Chinese character into "?" — "成交1" printed as "??1" and
# two Chinese party ids into the same string. Each command's JSON, JSON
# Lines or CSV must be the same bytes under LC_ALL=C as under C.UTF-8, and
# valid UTF-8. And --csv or --json without --period, which printed the
# lines as plain text, is a usage error.

import os
import subprocess
import tempfile
import unittest

TOOL = os.environ["ATTRIB_TOOL"]
DATA = os.environ["ATTRIB_TEST_DATA"]
SAMPLE = os.path.join(DATA, "sample-project.json")

SCENARIO = """{"title": "中文的 id", "profile": "junyuan-2012", "events": [
 {"id": "报备1", "type": "report", "at": "2024-03-01T09:00:00+08:00", "party": "链家/张三",
  "customer": {"name": "李四", "phone": "13800138000"}},
 {"id": "带看1", "type": "visit", "at": "2024-03-02T10:00:00+08:00",
  "customer": {"name": "李四", "phone": "13800138000"}, "agents": [{"party": "链家/张三", "rank": 0}]},
 {"id": "成交1-认购", "type": "deal", "at": "2024-03-20", "deal": "成交1", "stage": "subscribed",
  "purchaser": {"name": "李四", "phone": "13800138000"}},
 {"id": "成交2-认购", "type": "deal", "at": "2024-03-21", "deal": "成交2", "stage": "subscribed",
  "purchaser": {"name": "王五", "phone": "13700137000"}}],
 "expect": []}
"""


def run(args, locale):
    env = dict(os.environ, LC_ALL=locale)
    env.pop("LANGUAGE", None)
    return subprocess.run([TOOL] + args, env=env, capture_output=True)


class Locale(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory(prefix="attrib-locale-")
        cls.scenario = os.path.join(cls.dir.name, "chinese-ids.json")
        with open(cls.scenario, "w", encoding="utf-8") as f:
            f.write(SCENARIO)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def same_bytes(self, args, must_hold):
        c = run(args, "C")
        utf8 = run(args, "C.UTF-8")
        self.assertEqual(c.returncode, 0, c.stderr)
        self.assertEqual(utf8.returncode, 0, utf8.stderr)
        self.assertEqual(c.stdout, utf8.stdout, args)
        text = c.stdout.decode("utf-8")        # valid UTF-8, or this raises
        self.assertNotIn("??", text)
        self.assertIn(must_hold, text)

    def test_attribute(self):
        self.same_bytes(["attribute", self.scenario], "成交1")
        self.same_bytes(["attribute", self.scenario], "链家/张三")

    def test_statements(self):
        self.same_bytes(["commission", SAMPLE, "--period", "2024-04", "--json"], "\"period\"")
        self.same_bytes(["commission", SAMPLE, "--period", "2024-04", "--csv"], "2024-04")

    def test_profile(self):
        self.same_bytes(["profile", "show", "junyuan-2012"], "郡原")

    def test_csv_without_period(self):
        for flag in ("--csv", "--json"):
            r = run(["commission", SAMPLE, flag], "C.UTF-8")
            self.assertEqual(r.returncode, 2)
            self.assertEqual(r.stdout, b"")
            self.assertIn(b"--period", r.stderr)


class Surface(unittest.TestCase):
    """What a new user tried first (issue 17, item 10)."""

    def test_help(self):
        for args in (["--help"], ["demo", "--help"], ["profile", "show", "--help"]):
            r = run(args, "C.UTF-8")
            self.assertEqual(r.returncode, 0, args)
            self.assertIn(b"Usage: attrib", r.stdout, args)
            self.assertEqual(r.stderr, b"", args)
        # the demo's help does not run the demo
        self.assertNotIn(b"Verdicts", run(["demo", "--help"], "C.UTF-8").stdout)

    def test_mistakes(self):
        """Misleading or silent (issue 17, item 9): each is told."""
        for args in (["demo", "extra"], ["no-such-command"], ["profiles", "--lang", "xx"],
                     ["explain", SAMPLE, "--deal", "D1", "--deal", "D2"]):
            r = run(args, "C.UTF-8")
            self.assertEqual(r.returncode, 2, args)
            self.assertEqual(r.stdout, b"", args)
            self.assertNotEqual(r.stderr, b"", args)
        # an audit of a folder of folders finds nothing: said, not "0 passed"
        r = run(["audit", os.path.dirname(os.path.dirname(os.path.abspath(__file__)))], "C.UTF-8")
        self.assertEqual((r.returncode, r.stdout), (1, b""))
        self.assertIn(b"no scenario file", r.stderr)
        r = run(["commission", SAMPLE, "--period", "2024-04", "--party", "nobody"], "C.UTF-8")
        self.assertEqual((r.returncode, r.stdout), (1, b""))
        self.assertIn("“nobody”", r.stderr.decode("utf-8"))
        # a party that is there, channel or agent, still has its statement
        for party in ("5i5j", "5i5j/liuyang"):
            r = run(["commission", SAMPLE, "--period", "2024-04", "--party", party], "C.UTF-8")
            self.assertEqual(r.returncode, 0, party)
            self.assertIn(("Statement of %s" % party).encode(), r.stdout)


if __name__ == "__main__":
    unittest.main()
