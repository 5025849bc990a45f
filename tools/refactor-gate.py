#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The refactoring gate: the same questions asked of two builds of attrib.

A change that reshapes the code without changing what it decides must
leave every answer byte-identical: verdicts, traces, fingerprints,
statements, audit reports. This asks both builds the same questions over
every scenario under tests/, the bundled data and examples, and generated
ledgers (bench-gen) under every built-in profile, and prints each
difference.

    tools/refactor-gate.py OLD/tools/attrib NEW/tools/attrib \\
        --bench-gen NEW/tests/bench/bench-gen [--events 10000,100000]

Exit status 0 when every answer is the same, 1 otherwise.
"""

import argparse
import concurrent.futures
import difflib
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC")


def run(binary, args):
    # the build's own translations (BUILD/po), for --lang zh_CN
    env = dict(ENV, ATTRIB_LOCALEDIR=os.path.join(os.path.dirname(os.path.dirname(binary)), "po"))
    p = subprocess.run([binary] + args, capture_output=True, env=env, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def scenario_files():
    files = []
    for top in ("tests", os.path.join("docs", "examples")):
        for dirpath, _, names in os.walk(os.path.join(ROOT, top)):
            for name in names:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, ROOT)
                if not name.endswith(".json") or "bad-input" in rel or "fuzz" in rel:
                    continue
                try:
                    with open(path, encoding="utf-8") as f:
                        doc = json.load(f)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(doc, dict) and "events" in doc:
                    files.append(rel)
    return sorted(files)


def questions(binary, path, profiles=(None,)):
    """Every question asked of one file: a list of argument lists."""
    out = []
    for profile in profiles:
        pro = ["-p", profile] if profile else []
        for lang in ("en", "zh_CN"):
            out.append(["attribute", path, "--lang", lang] + pro)
        rc, stdout, _ = run(binary, ["attribute", path] + pro)
        deals = []
        if rc == 0:
            for line in stdout.decode("utf-8").splitlines():
                deals.append(json.loads(line)["deal"])
        for deal in deals:
            for lang in ("en", "zh_CN"):
                out.append(["explain", path, "--deal", deal, "--lang", lang] + pro)
        out.append(["commission", path, "--json"] + pro)
        out.append(["commission", path] + pro)
        if profile is None:
            out.append(["audit", path])
    return out


def compare(old, new, args):
    a = run(old, args)
    b = run(new, args)
    if a == b:
        return None
    lines = [" ".join(args)]
    if a[0] != b[0]:
        lines.append(f"  exit status {a[0]} → {b[0]}")
    for label, x, y in (("stdout", a[1], b[1]), ("stderr", a[2], b[2])):
        if x != y:
            diff = difflib.unified_diff(x.decode("utf-8", "replace").splitlines(),
                                        y.decode("utf-8", "replace").splitlines(),
                                        "old " + label, "new " + label, lineterm="", n=1)
            lines.extend("  " + d for d in list(diff)[:40])
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--bench-gen", help="bench-gen, for generated ledgers")
    parser.add_argument("--events", default="10000,100000")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    opts = parser.parse_args()

    old, new = os.path.abspath(opts.old), os.path.abspath(opts.new)
    asked = []
    for path in scenario_files():
        asked.extend(questions(new, path))

    with tempfile.TemporaryDirectory() as tmp:
        if opts.bench_gen:
            profiles = [line.split()[0] for line in
                        run(new, ["profiles"])[1].decode("utf-8").splitlines() if line.strip()]
            # one plan per generated channel, with a tier, so that
            # statements have lines to compare
            plans = []
            for i in range(64):
                plan = os.path.join(tmp, f"plan-{i}.json")
                with open(plan, "w", encoding="utf-8") as f:
                    json.dump({"id": f"p{i}", "party": f"ch{i:02d}", "title": "t",
                               "products": {"residential": {"rate": "2.5%"}},
                               "split": [{"to": "company", "share": "60%"},
                                         {"to": "agent", "share": "40%"}]}, f)
                plans += ["--plan", plan]
            for n in opts.events.split(","):
                path = os.path.join(tmp, f"gen-{n}.csv")
                subprocess.run([opts.bench_gen, "--events", n, "--csv", path],
                               check=True, capture_output=True)
                for profile in profiles:
                    pro = ["-p", profile]
                    asked.append(["attribute", path] + pro)
                    asked.append(["commission", path, "--json"] + plans + pro)

        failures = []
        with concurrent.futures.ThreadPoolExecutor(opts.jobs) as pool:
            for result in pool.map(lambda q: compare(old, new, q), asked):
                if result is not None:
                    failures.append(result)

    for f in failures:
        print(f)
    print(f"{len(asked)} questions, {len(asked) - len(failures)} same, {len(failures)} different")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
