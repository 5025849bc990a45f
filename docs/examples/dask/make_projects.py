#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Makes N projects for settle.py, each of its own seeded events from the
# benchmark's generator (tests/bench/bench-gen: a national brokerage's
# project, docs/performance.md) under one of the built-in profiles, with
# commission plans for eight of its sixty channels. The projects come in
# the three forms settle.py reads, in turn: a store (NAME.db), a scenario
# file (NAME.json), a folder of events (JSON Lines or CSV) with its profile
# and plans (NAME/).
#
#   make_projects.py DIR [--projects 20] [--events 8000] [--seed 1]
#                        [--bench-gen _build/tests/bench/bench-gen]
#
# The same arguments make the same projects, byte for byte.

import argparse
import json
import os
import subprocess
import sys
import tempfile

import attrib_projects

PROFILES = ["junyuan-2012", "joint-agency", "sales-dept", "onsite-report"]


def plans_for(project):
    """Eight channels' contracts, the rates varying by project and channel;
    every other channel's agents take 30 % of their company's commission."""
    plans = []
    for c in range(8):
        tenths = 15 + (project * 3 + c * 5) % 20          # 1.5 % to 3.4 %
        plan = {"id": "ch%02d-2024" % c, "party": "ch%02d" % c,
                "products": {"residential": {"rate": "%d.%d%%" % (tenths // 10, tenths % 10)}}}
        if c % 2 == 1:
            plan["split"] = [{"to": "company", "share": "70%"}, {"to": "agent", "share": "30%"}]
        plans.append(plan)
    return plans


def main():
    parser = argparse.ArgumentParser(description="Make N projects for settle.py")
    parser.add_argument("folder")
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--events", type=int, default=8000, help="events per project")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bench-gen", default=os.environ.get("ATTRIB_BENCH_GEN", "_build/tests/bench/bench-gen"),
                        help="the benchmark's generator (built with libattrib's tests)")
    args = parser.parse_args()
    if not os.access(args.bench_gen, os.X_OK):
        sys.exit("make_projects: no generator at %s: build libattrib (meson compile -C _build) or give --bench-gen"
                 % args.bench_gen)

    Attrib, Gio = attrib_projects.attrib()
    os.makedirs(args.folder, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.projects):
            name = "p%02d" % (i + 1)
            profile = PROFILES[i % len(PROFILES)]
            plans = plans_for(i)
            jsonl = os.path.join(tmp, name + ".jsonl")
            csv = os.path.join(tmp, name + ".csv")
            subprocess.run([args.bench_gen, "--events", str(args.events), "--seed", str(args.seed * 1000 + i),
                            "--jsonl", jsonl, "--csv", csv], check=True)
            kind = i % 3
            if kind == 0:
                # a store: created, its plans added, the events imported
                path = os.path.join(args.folder, name + ".db")
                if os.path.exists(path):
                    os.unlink(path)
                store = Attrib.Store.create(path, profile)
                for plan in plans:
                    store.add_plan(Attrib.CommissionPlan.from_dict(plan))
                store.import_file(jsonl)
                del store
            elif kind == 1:
                # a scenario file: profile, plans, events (no title, no expect)
                with open(jsonl, encoding="utf-8") as f:
                    events = [json.loads(line) for line in f]
                with open(os.path.join(args.folder, name + ".json"), "w", encoding="utf-8") as f:
                    json.dump({"profile": profile, "plans": plans, "events": events}, f, ensure_ascii=False, indent=0)
                    f.write("\n")
            else:
                # a folder: the export as it came (JSON Lines, or CSV), the
                # profile's id, the plans
                folder = os.path.join(args.folder, name)
                os.makedirs(folder, exist_ok=True)
                source, target = (jsonl, "events.jsonl") if i % 2 == 0 else (csv, "events.csv")
                with open(source, "rb") as f, open(os.path.join(folder, target), "wb") as out:
                    out.write(f.read())
                with open(os.path.join(folder, "profile"), "w", encoding="utf-8") as f:
                    f.write(profile + "\n")
                with open(os.path.join(folder, "plans.json"), "w", encoding="utf-8") as f:
                    json.dump(plans, f, ensure_ascii=False, indent=1)
                    f.write("\n")
    print("%d projects in %s" % (args.projects, args.folder))


if __name__ == "__main__":
    main()
