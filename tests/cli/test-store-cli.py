#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# `attrib store …` end to end: the built tool run as a user runs it, in a
# temporary folder, on the bundled sample project. A signing key made,
# a store created and fed, a report appended and its receipt checked
# without the store (and found out once altered), the store verified
# (and found out once its log is altered behind its back), proofs, a
# month closed and its statements read back as recorded, an event dated
# in it refused; JSON printed as UTF-8 under LC_ALL=C; usage errors exit
# 2 and failures 1; and no customer's full phone printed anywhere without
# --show-phones.
#
# ATTRIB_TOOL is the built tools/attrib, ATTRIB_TEST_DATA tests/data;
# ATTRIB_TEST_ED25519=0 when libattrib was built without Nettle's Ed25519
# (the signing steps are then left out).

import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import unittest

TOOL = os.environ["ATTRIB_TOOL"]
DATA = os.environ["ATTRIB_TEST_DATA"]
SAMPLE = os.path.join(DATA, "sample-project.json")
SIGNING = os.environ.get("ATTRIB_TEST_ED25519", "1") == "1"

ENV = {k: v for k, v in os.environ.items() if k != "ATTRIB_SHOW_PHONES"}
ENV["LC_ALL"] = "C.UTF-8"

NEW_PHONE = "13500135000"
with open(SAMPLE, encoding="utf-8") as f:
    PHONES = set(re.findall(r"(?<!\d)1\d{10}(?!\d)", f.read())) | {NEW_PHONE}

# the report a channel files: a customer the sample does not know
REPORT = {"id": "r-cli", "type": "report", "at": "2024-05-10T09:00:00+08:00",
          "party": "lianjia/zhangsan", "customer": {"name": "孙七", "phone": NEW_PHONE}}
# dated in March, which the test closes
LATE = {"id": "r-late", "type": "report", "at": "2024-03-15T09:00:00+08:00",
        "party": "lianjia/zhangsan", "customer": {"name": "周八", "phone": "13300133000"}}


class StoreCommands(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="attrib-store-cli-")
        self.outputs = []        # (args, text) of every run without --show-phones

    def tearDown(self):
        shutil.rmtree(self.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, value):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
        return self.path(name)

    def read(self, name):
        with open(self.path(name), encoding="utf-8") as f:
            return f.read()

    def run_tool(self, *args, status=0, env=None, stdout_file=None):
        done = subprocess.run([TOOL, *args], capture_output=True, cwd=self.dir, env=env or ENV)
        out = done.stdout.decode("utf-8")
        err = done.stderr.decode("utf-8", "replace")
        if "--show-phones" not in args:
            self.outputs.append((args, out + err))
        self.assertEqual(done.returncode, status,
                         "attrib %s: exit %d, expected %d\n%s%s" % (" ".join(args), done.returncode, status, out, err))
        if stdout_file is not None:
            with open(self.path(stdout_file), "w", encoding="utf-8") as f:
                f.write(out)
        return out, err

    def assertNoFullPhone(self):
        for args, text in self.outputs:
            for phone in PHONES:
                self.assertNotIn(phone, text, "attrib %s printed a full phone" % " ".join(args))

    def make_store(self):
        """A store of the sample project, with its plans (and signing key);
        returns the public key, or None."""
        create = ["store", "create", "p.db", "--profile", "junyuan-2012", "--plan", SAMPLE]
        key = None
        if SIGNING:
            out, _ = self.run_tool("store", "keygen", "sign.key")
            self.assertIn("sign.key", out)
            create += ["--signing-key", "sign.key"]
        out, _ = self.run_tool(*create)
        self.assertIn("junyuan-2012", out)
        self.assertIn("2 commission plans", out)
        if SIGNING:
            key = re.search(r"\b[0-9a-f]{64}\b", out).group(0)
            out, _ = self.run_tool("store", "head", "p.db", "--public-key")
            self.assertEqual(out.strip(), key)
        out, _ = self.run_tool("store", "import", "p.db", SAMPLE)
        self.assertIn("27 events added", out)
        self.assertIn("log: 27 events", out)
        return key

    def signing(self):
        return ["--signing-key", "sign.key"] if SIGNING else []

    def test_keygen(self):
        if not SIGNING:
            self.skipTest("libattrib was built without Ed25519")
        self.run_tool("store", "keygen", "k")
        info = os.stat(self.path("k"))
        self.assertEqual(stat.S_IMODE(info.st_mode), 0o600)
        self.assertEqual(info.st_size, 32)
        with open(self.path("k"), "rb") as f:
            first = f.read()
        _, err = self.run_tool("store", "keygen", "k", status=1)
        self.assertIn("exists already", err)
        with open(self.path("k"), "rb") as f:
            self.assertEqual(f.read(), first)
        self.run_tool("store", "keygen", "k2")
        with open(self.path("k2"), "rb") as f:
            self.assertNotEqual(f.read(), first)
        # a key file that is not a key
        self.write("short.key", "not 32 bytes")
        _, err = self.run_tool("store", "create", "x.db", "--profile", "junyuan-2012", "--signing-key", "short.key",
                               status=1)
        self.assertIn("32 bytes", err)
        self.assertFalse(os.path.exists(self.path("x.db")))

    def test_workflow(self):
        key = self.make_store()

        # a report appended: its receipt saved, and printed for people
        self.write("report.json", REPORT)
        out, _ = self.run_tool("store", "append", "p.db", "report.json", "--receipt", "r.receipt", *self.signing())
        self.assertIn("#27 report “r-cli” appended", out)
        self.assertIn("log: 28 events", out)
        self.assertIn("signed with key" if SIGNING else "not signed", out)
        self.assertEqual(stat.S_IMODE(os.stat(self.path("r.receipt")).st_mode), 0o600)
        receipt = json.loads(self.read("r.receipt"))
        self.assertEqual((receipt["position"], receipt["event"]), (27, "r-cli"))
        # printing receipts would print the phone: refused, nothing appended
        self.write("other.json", dict(REPORT, id="r-other"))
        _, err = self.run_tool("store", "append", "p.db", "other.json", "--json", status=2)
        self.assertIn("--show-phones", err)
        # a second receipt file is never written over the first
        _, err = self.run_tool("store", "append", "p.db", "other.json", "--receipt", "r.receipt", status=1)
        self.assertIn("exists already", err)

        # proofs and heads; the receipt checked without the store
        self.run_tool("store", "prove", "p.db", "27", stdout_file="proof.json")
        self.run_tool("store", "head", "p.db", *self.signing(), stdout_file="head.json")
        proof = json.loads(self.read("proof.json"))
        head = json.loads(self.read("head.json"))
        self.assertEqual((proof["proof"], proof["position"], proof["size"]), ("inclusion", 27, 28))
        self.assertEqual(head["size"], 28)
        check = ["store", "check-receipt", "r.receipt", "--proof", "proof.json", "--head", "head.json"]
        if key:
            self.assertEqual(head["key"], key)
            check += ["--key", key]
        out, _ = self.run_tool(*check)
        self.assertTrue(out.startswith("OK: “r-cli” is at position 27 of the log of 28 events"), out)
        if key:
            self.assertIn("signed with " + key, out)
            # another key is not the project's
            _, err = self.run_tool(*check[:-1], "0" * 64, status=1)

        # one character of the record changed: found out
        tampered = dict(receipt, record=receipt["record"].replace("2024-05-10", "2024-05-11"))
        self.assertNotEqual(tampered["record"], receipt["record"])
        self.write("bad.receipt", json.dumps(tampered, ensure_ascii=False, separators=(",", ":")))
        _, err = self.run_tool(*(["store", "check-receipt", "bad.receipt"] + check[3:]), status=1)
        self.assertIn("altered", err)
        self.assertTrue(err.startswith("attrib store check-receipt: "), err)
        _, err = self.run_tool("store", "check-receipt", "bad.receipt", status=1)
        self.assertIn("altered", err)

        # the store end to end, and against the head held
        out, _ = self.run_tool("store", "verify", "p.db")
        self.assertEqual(out, "OK: 28 events, root %s\n" % head["root"])
        out, _ = self.run_tool("store", "verify", "p.db", "--head", "head.json")
        self.assertIn("extends the head of 28", out)

        # consistency: the log of 28 extends the log of 27
        self.run_tool("store", "head", "p.db", "--size", "27", stdout_file="head27.json")
        self.assertEqual(json.loads(self.read("head27.json"))["size"], 27)
        out, _ = self.run_tool("store", "prove", "p.db", "--consistency", "27")
        proof = json.loads(out)
        self.assertEqual((proof["proof"], proof["first"], proof["size"]), ("consistency", 27, 28))
        self.assertTrue(all(re.fullmatch("[0-9a-f]{64}", h) for h in proof["hashes"]))
        _, err = self.run_tool("store", "prove", "p.db", "--consistency", "29", status=1)
        self.assertIn("p.db", err)

        # the desk: who holds a customer at a time
        out, _ = self.run_tool("store", "desk", "p.db", "--phone", "13800138000", "--at", "2024-03-20")
        self.assertIn("138****8000", out)
        self.assertIn("Held by 5i5j/liuyang until 2024-06-01", out)
        out, _ = self.run_tool("store", "desk", "p.db", "--phone", "13700137000", "--at", "2024-03-20",
                               "--agent", "lianjia/zhangsan")
        self.assertIn("Check of a visit with lianjia/zhangsan: rejected", out)
        out, _ = self.run_tool("store", "desk", "p.db", "--phone", "13100131000")
        self.assertIn("new customer", out)

        # what the events from position 20 on changed
        out, _ = self.run_tool("store", "changes", "p.db", "--since", "20")
        self.assertIn("D1 ", out)
        out, _ = self.run_tool("store", "changes", "p.db", "--since", "20", "--json")
        changes = [json.loads(line) for line in out.splitlines()]
        self.assertIn("D1", [c["deal"] for c in changes])
        for c in changes:
            self.assertNotEqual(c["before"], c["after"])
        out, _ = self.run_tool("store", "changes", "p.db", "--since", "28", "--json")
        self.assertEqual(out, "")

        # March closed: its statements, as recorded
        out, _ = self.run_tool("store", "statements", "p.db", "2024-03")
        self.assertIn("2024-03 is open", out)
        self.run_tool("store", "close", "p.db", "2024-03", "--json", stdout_file="closed.jsonl")
        recorded = self.read("closed.jsonl").splitlines()
        self.assertEqual(sorted(json.loads(s)["party"] for s in recorded), ["5i5j", "5i5j/liuyang", "lianjia"])
        out, _ = self.run_tool("store", "statements", "p.db", "2024-03", "--json")
        self.assertEqual(out.splitlines(), recorded)
        out, _ = self.run_tool("store", "statements", "p.db", "2024-03")
        self.assertIn("2024-03 is closed", out)
        for s in recorded:
            self.assertIn(json.loads(s)["fingerprint"], out)
        out, _ = self.run_tool("store", "statements", "p.db", "2024-03", "--csv")
        self.assertTrue(out.startswith("party,period,"))
        _, err = self.run_tool("store", "close", "p.db", "2024-03", status=1)
        self.assertIn("closed already", err)

        # an event dated in the closed month is refused, and nothing stored
        self.write("late.json", LATE)
        _, err = self.run_tool("store", "append", "p.db", "late.json", status=1)
        self.assertIn("closed", err)
        self.assertIn("2024-03", err)
        out, _ = self.run_tool("store", "verify", "p.db")
        self.assertIn("OK: 28 events", out)

        # JSON is UTF-8 whatever the locale
        c_env = dict(ENV, LC_ALL="C")
        out, _ = self.run_tool("store", "statements", "p.db", "2024-03", "--json", env=c_env)
        self.assertEqual(out.splitlines(), recorded)
        self.assertIn("×", out)
        self.write("next.json", dict(REPORT, id="r-next"))
        out, _ = self.run_tool("store", "append", "p.db", "next.json", "--json", "--show-phones", env=c_env)
        receipt = json.loads(out)
        self.assertIn("孙七", receipt["record"])
        self.assertEqual(receipt["position"], 28)

        self.assertNoFullPhone()

    def test_altered_log(self):
        self.make_store()
        # behind the store's back: its append-only triggers dropped, a record changed
        shutil.copy(self.path("p.db"), self.path("t.db"))
        db = sqlite3.connect(self.path("t.db"))
        db.execute("DROP TRIGGER log_kept")
        db.execute("UPDATE log SET record = replace(record, '李四', '李五') WHERE position = 3")
        db.commit()
        db.close()
        _, err = self.run_tool("store", "verify", "t.db", status=1)
        self.assertIn("t.db", err)
        self.assertIn("position 3", err)
        self.assertNoFullPhone()

    def test_hashed_phones(self):
        self.write("phone.key", "a project's secret phone key")
        self.run_tool("store", "create", "h.db", "--profile", "junyuan-2012", "--phone-key", "phone.key")
        _, err = self.run_tool("store", "import", "h.db", SAMPLE, status=1)
        self.assertIn("phone key", err)
        self.run_tool("store", "import", "h.db", SAMPLE, "--phone-key", "phone.key")
        # receipts hold hashes only: printed without --show-phones
        self.write("report.json", REPORT)
        out, _ = self.run_tool("store", "append", "h.db", "report.json", "--json", "--phone-key", "phone.key")
        self.assertRegex(json.loads(out)["record"], r'"phone":"#[0-9a-f]{20}"')
        _, err = self.run_tool("store", "desk", "h.db", "--phone", "13800138000", status=1)
        self.assertIn("--phone-key", err)
        out, _ = self.run_tool("store", "desk", "h.db", "--phone", "13800138000", "--at", "2024-03-20",
                               "--phone-key", "phone.key")
        self.assertIn("Held by 5i5j/liuyang", out)
        self.assertNoFullPhone()

    def test_usage_and_errors(self):
        self.run_tool("store", status=2)
        self.run_tool("store", "--help")
        out, _ = self.run_tool("store", "append", "--help")
        self.assertIn("EVENT-FILE", out)
        out, _ = self.run_tool("--help")   # asked for: on standard output
        self.assertIn("store SUBCOMMAND", out)
        self.run_tool("store", "frobnicate", status=2)
        self.run_tool("store", "create", "x.db", status=2)
        self.run_tool("store", "prove", "x.db", "third", status=2)
        self.run_tool("store", "statements", "x.db", "March", status=2)
        self.run_tool("store", "changes", "x.db", status=2)
        # a store that is not there, or not a store: the library's message names the file
        _, err = self.run_tool("store", "verify", "missing.db", status=1)
        self.assertIn("missing.db", err)
        self.write("not-a-store.db", "hello")
        _, err = self.run_tool("store", "head", "not-a-store.db", status=1)
        self.assertIn("not-a-store.db", err)
        self.assertIn("not a libattrib store", err)


if __name__ == "__main__":
    unittest.main(verbosity=2)
