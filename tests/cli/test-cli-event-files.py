#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Bare event files on the command line (issue 19): `attrib attribute
# --profile ID FILE` reads a JSON array of events, JSON Lines or CSV, and
# prints byte for byte the same verdicts for the same events whatever the
# format; a bare event file without --profile is told to add one; a bad
# line is named by file:line:column with the phone masked; a scenario
# without `title` and `expect` is read for its events, and refused by
# `attrib audit`; `attrib store import` and `append` take JSON Lines.

import csv
import io
import json
import os
import subprocess
import tempfile
import unittest

TOOL = os.environ["ATTRIB_TOOL"]
DATA = os.environ["ATTRIB_TEST_DATA"]
SAMPLE = os.path.join(DATA, "sample-project.json")

# events that CSV can hold too: no lists of objects but agents
EVENTS = [
    {"id": "c1", "type": "interaction", "at": "2024-02-20T10:00:00+08:00", "kind": "call",
     "customer": {"name": "王五", "phone": "13700137000"}},
    {"id": "r1", "type": "report", "at": "2024-03-01T09:00:00+08:00", "party": "lianjia/zhang",
     "customer": {"name": "李四", "phone": "13800138000"}},
    {"id": "r2", "type": "report", "at": "2024-03-01T09:20:00+08:00", "party": "5i5j/liu",
     "customer": {"name": "李四", "phone": "13800138000"}, "note": "called, \"then\" came"},
    {"id": "v1", "type": "visit", "at": "2024-03-01T14:05:00+08:00",
     "customer": {"name": "李四", "phone": "13800138000"},
     "agents": [{"party": "lianjia/zhang", "rank": 0}, {"party": "5i5j/liu", "rank": 0}]},
    {"id": "r3", "type": "report", "at": "2024-03-02T10:00:00+08:00", "party": "5i5j/liu",
     "customer": {"name": "王五", "phone": "13700137000"}},
    {"id": "v2", "type": "visit", "at": "2024-03-02T15:30:00+08:00",
     "customer": {"name": "王五", "phone": "13700137000"}, "agents": [{"party": "5i5j/liu", "rank": 0}]},
    {"id": "r4", "type": "report", "at": "2024-03-03T10:00:00+08:00", "party": "lianjia/wang",
     "customer": {"name": "赵六", "phone": "13600136000"}},
    {"id": "v3", "type": "visit", "at": "2024-03-04T10:00:00+08:00",
     "customer": {"name": "赵六", "phone": "13600136000"}, "agents": [{"party": "lianjia/wang", "rank": 0}]},
    {"id": "g1", "type": "deal", "at": "2024-03-20T10:00:00+08:00", "deal": "D1", "stage": "signed",
     "purchaser": {"phone": "13800138000"}, "price": "3250000.00"},
    {"id": "g2", "type": "deal", "at": "2024-03-21T10:00:00+08:00", "deal": "D2", "stage": "signed",
     "purchaser": {"name": "王五", "phone": "13700137000"}, "price": "2800000.00"},
    {"id": "g3", "type": "deal", "at": "2024-03-22T10:00:00+08:00", "deal": "D3", "stage": "subscribed",
     "purchaser": {"phone": "13600136000"}, "price": "1900000.00"},
    {"id": "g4", "type": "deal", "at": "2024-04-02T10:00:00+08:00", "deal": "D3", "stage": "cancelled",
     "purchaser": {"phone": "13600136000"}},
]

COLUMNS = ["id", "type", "at", "party", "agents", "customer_name", "customer_phone", "purchaser_name",
           "purchaser_phone", "kind", "stage", "deal", "price", "note"]


def as_csv(events):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for e in events:
        row = {k: e[k] for k in ("id", "type", "at", "party", "kind", "stage", "deal", "price", "note") if k in e}
        for person in ("customer", "purchaser"):
            for part in ("name", "phone"):
                if part in e.get(person, {}):
                    row["%s_%s" % (person, part)] = e[person][part]
        if "agents" in e:
            row["agents"] = ";".join("%s:%d" % (a["party"], a["rank"]) for a in e["agents"])
        writer.writerow(row)
    return out.getvalue()


def as_json_lines(events):
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events)


class EventFiles(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return path

    def run_tool(self, *args, status=0):
        result = subprocess.run([TOOL] + list(args), cwd=self.dir, capture_output=True)
        self.assertEqual(result.returncode, status, "attrib %s: %s" % (" ".join(args), result.stderr.decode()))
        return result.stdout, result.stderr.decode("utf-8")

    def test_same_verdicts_whatever_the_format(self):
        files = [self.write("events.json", json.dumps(EVENTS, ensure_ascii=False, indent=1)),
                 self.write("events.jsonl", as_json_lines(EVENTS)),
                 self.write("events.ndjson", as_json_lines(EVENTS).replace("\n", "\r\n")),
                 self.write("lines.json", as_json_lines(EVENTS)),         # told by the content
                 self.write("events.csv", as_csv(EVENTS))]
        outputs = [self.run_tool("attribute", "--profile", "junyuan-2012", f)[0] for f in files]
        verdicts = [json.loads(line) for line in outputs[0].decode("utf-8").splitlines()]
        self.assertEqual([v["deal"] for v in verdicts], ["D1", "D2", "D3"])
        self.assertEqual(verdicts[2]["status"], "cancelled")
        for f, out in zip(files, outputs):
            self.assertEqual(out, outputs[0], "%s gives other verdicts" % os.path.basename(f))

    def test_sample_project_as_json_lines(self):
        """Every kind of event of the bundled sample (companions, rulings,
        rosters …), one a line: the verdicts of the scenario itself."""
        with open(SAMPLE, encoding="utf-8") as f:
            scenario = json.load(f)
        path = self.write("sample.jsonl", as_json_lines(scenario["events"]))
        from_scenario, _ = self.run_tool("attribute", SAMPLE)
        from_lines, _ = self.run_tool("attribute", "--profile", scenario["profile"], path)
        self.assertTrue(from_scenario)
        self.assertEqual(from_lines, from_scenario)

    def test_bare_file_needs_a_profile(self):
        for name, text in (("events.jsonl", as_json_lines(EVENTS)), ("events.csv", as_csv(EVENTS)),
                           ("events.json", json.dumps(EVENTS))):
            path = self.write(name, text)
            _, err = self.run_tool("attribute", path, status=1)
            self.assertIn("%s is an event file, which names no profile: give --profile" % path, err)

    def test_scenario_mistakes_said_as_they_are(self):
        """A file that names a profile is a scenario: its mistakes are its
        own, even when its events would load as an event file's."""
        with open(SAMPLE, encoding="utf-8") as f:
            scenario = json.load(f)
        scenario["profile"] = "junyuan-2021"
        path = self.write("typo.json", json.dumps(scenario, ensure_ascii=False))
        _, err = self.run_tool("attribute", path, status=1)
        self.assertIn("“junyuan-2021” is neither a built-in profile", err)
        scenario["profile"] = "bad-profile.json"
        self.write("bad-profile.json", '{"id": "x",\n "name": oops}')
        path = self.write("project.json", json.dumps(scenario, ensure_ascii=False))
        _, err = self.run_tool("attribute", path, status=1)
        self.assertIn("bad-profile.json:2:10:", err)
        self.assertNotIn("event file", err)
        # a scenario under an event file's name still reads
        path = self.write("scenario.jsonl", json.dumps(dict(scenario, profile="junyuan-2012"), ensure_ascii=False))
        out, _ = self.run_tool("attribute", path)
        self.assertTrue(out)

    def test_audit_says_an_event_file_is_no_scenario(self):
        for name, text in (("events.jsonl", as_json_lines(EVENTS)), ("events.csv", as_csv(EVENTS))):
            path = self.write(name, text)
            out, _ = self.run_tool("audit", path, status=1)
            self.assertIn("%s: an event file is no scenario" % path, out.decode("utf-8"))

    def test_help_says_what_a_file_may_be(self):
        out, _ = self.run_tool("attribute", "--help")
        text = out.decode("utf-8")
        for words in ("bare event file", "--profile", "JSON Lines", ".jsonl", "CSV",
                      "attrib attribute --profile junyuan-2012 events.jsonl"):
            self.assertIn(words, text)

    def test_bad_line(self):
        events = [dict(e) for e in EVENTS]
        events[3] = dict(events[3], customer={"name": "李四", "phone": "1391234567"})
        path = self.write("bad.jsonl", as_json_lines(events))
        out, err = self.run_tool("attribute", "--profile", "junyuan-2012", path, status=1)
        self.assertEqual(out, b"")
        self.assertIn("%s:4:" % path, err)
        self.assertIn("event “v1”: customer: “139***4567” has 10 digits", err)
        self.assertNotIn("1391234567", err)

    def test_scenario_without_title_and_expect(self):
        with open(SAMPLE, encoding="utf-8") as f:
            scenario = json.load(f)
        del scenario["title"], scenario["expect"]
        path = self.write("project.json", json.dumps(scenario, ensure_ascii=False))
        out, _ = self.run_tool("attribute", path)
        expected, _ = self.run_tool("attribute", SAMPLE)
        self.assertEqual(out, expected)
        out, _ = self.run_tool("audit", path, status=1)
        self.assertIn("a scenario needs a “title” (a string)", out.decode("utf-8"))

    def test_store_import_and_append(self):
        store = os.path.join(self.dir, "p.db")
        self.run_tool("store", "create", store, "--profile", "junyuan-2012")
        out, _ = self.run_tool("store", "import", store, self.write("first.jsonl", as_json_lines(EVENTS[:8])))
        self.assertIn("8 events added", out.decode("utf-8"))
        self.run_tool("store", "append", store, self.write("rest.jsonl", as_json_lines(EVENTS[8:])))
        self.run_tool("store", "verify", store)
        head, _ = self.run_tool("store", "head", store)
        self.assertEqual(json.loads(head)["size"], len(EVENTS))

    def test_store_append_tells_json_lines_by_content(self):
        """append takes JSON Lines whatever the file's name, one event
        written over several lines, and an array, as the same events."""
        heads = []
        for i, (name, text) in enumerate((("lines.txt", as_json_lines(EVENTS)),
                                          ("array.json", json.dumps(EVENTS, ensure_ascii=False)))):
            store = os.path.join(self.dir, "s%d.db" % i)
            self.run_tool("store", "create", store, "--profile", "junyuan-2012")
            self.run_tool("store", "append", store, self.write(name, text))
            head, _ = self.run_tool("store", "head", store)
            heads.append(json.loads(head)["size"])
        self.assertEqual(heads, [len(EVENTS), len(EVENTS)])
        # objects separated by commas: an array without its brackets
        store = os.path.join(self.dir, "commas.db")
        self.run_tool("store", "create", store, "--profile", "junyuan-2012")
        commas = ",\n".join(json.dumps(e, ensure_ascii=False) for e in EVENTS[:3])
        self.run_tool("store", "append", store, self.write("commas.json", commas))
        head, _ = self.run_tool("store", "head", store)
        self.assertEqual(json.loads(head)["size"], 3)
        store = os.path.join(self.dir, "one.db")
        self.run_tool("store", "create", store, "--profile", "junyuan-2012")
        self.run_tool("store", "append", store, self.write("one.json", json.dumps(EVENTS[0], indent=2)))
        head, _ = self.run_tool("store", "head", store)
        self.assertEqual(json.loads(head)["size"], 1)


if __name__ == "__main__":
    unittest.main()
