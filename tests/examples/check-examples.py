#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs the examples of docs/examples/ the way their READMEs say, and checks
# what they print and write, so they never rot.
#
#   check-examples.py c|python|gjs BUILD-ROOT SOURCE-ROOT

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile

kind, build, source = sys.argv[1:4]
examples = os.path.join(source, "docs", "examples")
data = os.path.join(examples, "data")
env = dict(os.environ, LC_ALL="C.UTF-8",
           GI_TYPELIB_PATH=os.path.join(build, "libattrib"),
           LD_LIBRARY_PATH=os.path.join(build, "libattrib"),
           PYTHONPATH=os.path.join(source, "bindings", "python"))


def run(*argv, **kwargs):
    result = subprocess.run(argv, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit("%s failed (%d):\n%s%s" % (" ".join(argv), result.returncode, result.stdout, result.stderr))
    return result.stdout


def expect(condition, what, output):
    if not condition:
        sys.exit("%s\n--- output:\n%s" % (what, output))


def check_crm_outputs(out_dir, printed):
    """Both the Python and the gjs example: the same verdicts and statements."""
    expect("D001  decided   lianjia/zhangwei 1  (1.1.4)" in printed, "D001 goes to lianjia/zhangwei", printed)
    expect("D002  decided   developer 1  (1.1.2)" in printed, "D002 is the developer's (look-back)", printed)
    expect("2024-03 5i5j: earned 64000.00, deductions 0.00, payable 64000.00" in printed, "5i5j's March", printed)
    with open(os.path.join(out_dir, "verdicts.jsonl"), encoding="utf-8") as f:
        verdicts = [json.loads(line) for line in f]
    expect([v["deal"] for v in verdicts] == ["D001", "D002", "D003"], "three verdicts", printed)
    expect(verdicts[2]["status"] == "cancelled", "D003 cancelled", printed)
    with open(os.path.join(out_dir, "statements-2024-03.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] == "payable"]
    payable = {r["party"]: r["amount"] for r in rows}
    expect(payable == {"5i5j": "64000.00", "lianjia": "48750.00", "lianjia/zhangwei": "32500.00"},
           "the March statements' payable amounts: %s" % payable, printed)


with tempfile.TemporaryDirectory() as tmp:
    if kind == "c":
        cc = os.environ.get("CC", "cc")
        pc_env = dict(env, PKG_CONFIG_PATH=os.path.join(build, "meson-uninstalled"))
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "attrib-1"], env=pc_env,
                               capture_output=True, text=True, check=True).stdout.split()
        program = os.path.join(tmp, "attribute")
        run(cc, os.path.join(examples, "c", "attribute.c"), "-o", program, "-Wall", "-Werror", *flags)
        printed = run(program, os.path.join(source, "tests", "data", "sample-project.json"), "D2")
        expect("D2 decided: 5i5j/liuyang 1/1 (1.2.1)" in printed, "D2's verdict", printed)
        expect("[1.2.1] decides: the purchaser is the spouse" in printed, "D2's trace", printed)
        expect("D3 cancelled" in printed, "D3 cancelled", printed)
    elif kind == "python":
        printed = run("/usr/bin/python3", os.path.join(examples, "python", "crm_export.py"),
                      os.path.join(data, "crm-export.csv"), os.path.join(data, "plans.json"),
                      "--period", "2024-03", "--out", tmp)
        check_crm_outputs(tmp, printed)
    elif kind == "gjs":
        gjs = shutil.which("gjs")
        printed = run(gjs, "-m", os.path.join(examples, "gjs", "crm-export.js"),
                      os.path.join(data, "crm-export.csv"), os.path.join(data, "plans.json"), "2024-03", tmp)
        check_crm_outputs(tmp, printed)
    else:
        sys.exit("unknown example kind %s" % kind)
print("ok")
