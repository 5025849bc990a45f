#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# An event id that is a phone (a CRM that uses the customer's mobile as the
# record id is common) is masked in what `attrib store` prints, as the
# ledger's messages mask it: the errors of import and append (an id in the
# store already with other content; an event in a closed period), the
# receipt line of a successful append, and check-receipt's OK. No output
# may hold a run of 7 or more digits unless --show-phones is given.
#
#   test-store-messages.py ATTRIB-TOOL

import os
import re
import subprocess
import sys
import tempfile

TOOL = sys.argv[1]
DIGIT_RUN = re.compile(r"\d{7,}")
# not phones: the log's root hash, and times
ALLOWED = re.compile(r"root [0-9a-f]{64}")

EVENT = ('{"id": "%s", "type": "report", "at": "%s", "party": "%s", '
         '"customer": {"name": "x", "phone": "13800138000"}}\n')

failed = 0
tmpdir = ""


def run(*args):
    p = subprocess.run([TOOL] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


def check(name, out):
    global failed
    runs = DIGIT_RUN.findall(ALLOWED.sub("", out.replace(tmpdir, "TMP").replace("13800138000", "")))
    if runs:
        failed += 1
        print("not ok - %s: a run of digits printed: %s\n#   %s" % (name, runs, out.strip().replace("\n", "\n#   ")))
    else:
        print("ok - %s" % name)


with tempfile.TemporaryDirectory() as tmp:
    tmpdir = tmp
    store = os.path.join(tmp, "s.attrib")
    a = os.path.join(tmp, "a.jsonl")
    b = os.path.join(tmp, "b.jsonl")
    old = os.path.join(tmp, "old.jsonl")
    with open(a, "w") as f:
        f.write(EVENT % ("13957204861", "2024-03-01T09:00:00+08:00", "a/b"))
    with open(b, "w") as f:
        f.write(EVENT % ("13957204861", "2024-03-01T09:00:00+08:00", "a/c"))
    with open(old, "w") as f:
        f.write(EVENT % ("13986420753", "2024-01-05T09:00:00+08:00", "a/b"))
    fresh = os.path.join(tmp, "fresh.attrib")
    rc, out = run("store", "create", fresh, "--profile", "junyuan-2012")
    assert rc == 0, out
    receipts = os.path.join(tmp, "r.jsonl")
    rc, out = run("store", "append", fresh, a, "--receipt", receipts)
    assert rc == 0, out
    check("store append: the receipt line of an appended event", out)
    rc, out = run("store", "check-receipt", receipts)
    assert rc == 0, out
    check("store check-receipt: the OK line", out)
    rc, out = run("store", "create", store, "--profile", "junyuan-2012")
    assert rc == 0, out
    rc, out = run("store", "import", store, a)
    assert rc == 0, out
    # the same id, other content
    rc, out = run("store", "import", store, b)
    assert rc != 0, out
    check("store import: an id already in the store", out)
    # an event dated in a closed month
    rc, out = run("store", "close", store, "2024-02")
    assert rc == 0, out
    rc, out = run("store", "import", store, old)
    assert rc != 0, out
    check("store import: an event in a closed period", out)
    rc, out = run("store", "append", store, old)
    assert rc != 0, out
    check("store append: an event in a closed period", out)

print("1..5")
sys.exit(1 if failed else 0)
