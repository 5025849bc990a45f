#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# growth.py: no shape of input grows faster than n·log n (issue 17)
#
#   tests/bench/growth.py --build _build [--large] [--shape NAME]… [--json FILE] [--tap]
#
# docs/reliability.md promises that every input shape costs at most
# n·log n time and linear memory. For each shape below — the adversarial
# ones the red team found and the ones the benchmarks and corpus know —
# this script writes the input at n, 2n, 4n and 8n and runs the command on
# it in a fresh process (tests/bench/growth-run: CPU time, peak resident
# memory, bytes of output), three runs a point, keeping the least. A run on
# a tiny input (n = 1) of the same shape is subtracted first, so that
# process start-up does not hide growth.
#
# n is found by doubling from the shape's smallest size until the run takes
# --target-ms of CPU above start-up (10 ms; --large: 1 s), so that the
# first point is above the noise of a shared machine whatever the shape
# costs; a shape bounded by a limit stops at its largest size.
#
# The criterion, from n to 8n, for CPU time, peak memory and output:
#
#   growth = (x(8n) - x(1)) / max(x(n) - x(1), floor)
#   bound  = c · 8 · log2(8n) / log2(n)      c = 2 (time), 1.5 (memory, output)
#
# A linear shape grows about 8 times, an n·log n one a little more; a
# quadratic one 64 times and fails clearly. A run that passes the bound
# while it runs (times 1.25) is killed there: the shape has failed, and a
# quadratic shape costs no more than its bound. A shape whose last doubling
# grew more than 2.6 times has its window slid by a doubling (2n to 16n),
# up to three times: a quadratic shape whose linear part hides it at n
# shows a little further on.
#
# Shapes known to be super-linear until their fix is merged are listed in
# EXPECTED_FAIL: they are still measured, and reported as XFAIL with their
# figures (a TAP "# TODO"); one that passes is reported as XPASS and fails
# the run, so that the list is emptied as the fixes land. --strict ignores
# the list.

import argparse
import datetime
import json
import math
import os
import subprocess
import sys
import tempfile
import time

# Shapes still super-linear, with why (a shape that passes is an XPASS,
# which fails the test: take it off the list).
EXPECTED_FAIL = {
    # each report added has the watch judge the customer's deal again,
    # reading every report of the customer: linear per report, quadratic
    # over n reports on one customer (docs/live.md)
    "reports-live": "each report added judges the customer's deal again, reading every report (quadratic over n reports on one customer)",
}

C_TIME = 2.0
C_MEMORY = 1.5
C_OUTPUT = 1.5
FLOOR = {"cpu_us": 5000, "rss_kb": 1024, "out_bytes": 1024}
KILL_MARGIN = 1.25
SUSPECT = 2.6
MAX_SLIDES = 3

# Every time is local (+08:00); a shape's events are one second apart or
# more, all inside one claim's three months so that no claim expires as n
# grows. Events are written from templates, not json.dumps(): at 8n the
# large set writes millions of them. Names and ids need no escaping.
EPOCH = datetime.datetime(2024, 1, 1)
MARCH = datetime.datetime(2024, 3, 1, 8, 0, 0)


_dates = {}


def at(seconds, start=EPOCH):
    """The local time some seconds after start, as RFC 3339 text."""
    day, rest = divmod(seconds + start.hour * 3600 + start.minute * 60 + start.second, 86400)
    key = (start.date(), day)
    if key not in _dates:
        _dates[key] = (start.date() + datetime.timedelta(days=day)).isoformat()
    return "%sT%02d:%02d:%02d+08:00" % (_dates[key], rest // 3600, rest // 60 % 60, rest % 60)


def person(name, phone=None):
    if phone is None:
        return '{"name": "%s"}' % name
    return '{"name": "%s", "phone": "%s"}' % (name, phone)


BUYER = person("买家", "13800138000")


def customer(i):
    return person("客%d" % i, "13%09d" % i)


def scenario(path, events, plans=None, title="growth"):
    """Writes a scenario file, one event (JSON text) a line."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"title": %s, "profile": "junyuan-2012", "now": "2030-01-01T00:00:00+08:00",\n'
                % json.dumps(title))
        if plans is not None:
            f.write(' "plans": %s,\n' % json.dumps(plans, ensure_ascii=False))
        f.write(' "expect": [],\n "events": [\n')
        f.write(",\n".join(events))
        f.write("\n]}\n")


def report(i, t, party, who):
    return '{"id": "r%d", "type": "report", "at": "%s", "party": "%s", "customer": %s}' % (i, t, party, who)


def visit(i, t, party, who):
    return ('{"id": "v%d", "type": "visit", "at": "%s", "customer": %s, "agents": [{"party": "%s"}]}'
            % (i, t, who, party))


def deal(i, t, purchaser, stage="subscribed", price="1000000.00", product="residential"):
    return ('{"id": "d%d", "type": "deal", "at": "%s", "deal": "D%d", "stage": "%s", "purchaser": %s, '
            '"unit": "u%d", "price": "%s", "product": "%s"}' % (i, t, i, stage, purchaser, i, price, product))


def gen_pvd(path, n, one_channel=False):
    """One purchaser: n reports and visits by n channels (or one), then n deals."""
    def events():
        for i in range(n):
            party = "ch0/a" if one_channel else "ch%d/a" % i
            yield report(i, at(2 * i), party, BUYER)
            yield visit(i, at(2 * i + 1), party, BUYER)
        for i in range(n):
            yield deal(i, at(2 * n + 60 + i), BUYER)
    scenario(path, events())


def gen_ovmd(path, n):
    """One report and visit, then n parking spaces bought by the same purchaser."""
    def events():
        yield report(0, at(0), "ch/a", BUYER)
        yield visit(0, at(1), "ch/a", BUYER)
        for i in range(n):
            yield deal(i, at(60 + i), BUYER, price="100000.00", product="parking")
    scenario(path, events())


def gen_masks(path, n):
    """n persons whose phones end in 000 (CRM calls), n reports of the mask 1*******000."""
    def events():
        for i in range(n):
            yield ('{"id": "c%d", "type": "interaction", "at": "%s", "kind": "call", "by": "desk", "customer": %s}'
                   % (i, at(i), person("客%d" % i, "1%07d000" % (3000000 + i))))
        for i in range(n):
            yield report(i, at(n + i), "ch%d/a" % (i % 50), person("报%d" % i, "1*******000"))
    scenario(path, events())


def gen_tiers(path, n):
    """A plan with unit tiers (two steps) and n deals signed in one month."""
    def events():
        for i in range(n):
            yield report(i, at(3 * i), "ch/a", customer(i))
            yield visit(i, at(3 * i + 1), "ch/a", customer(i))
        for i in range(n):
            yield deal(i, at(i, MARCH), customer(i), stage="signed")
    plans = [{"id": "p", "party": "ch", "products": {"residential": {"rate": "2%"}},
              "tiers": {"basis": "units", "steps": [{"from": 0, "rate": "2%"}, {"from": 5, "rate": "3%"}]}}]
    scenario(path, events(), plans)


def gen_reports(path, n):
    """n reports by n channels about one customer, one visit, one deal."""
    def events():
        for i in range(n):
            yield report(i, at(i), "ch%d/a" % i, BUYER)
        yield visit(0, at(n + 1), "ch0/a", BUYER)
        yield deal(0, at(n + 5), BUYER)
    scenario(path, events())


RELATIONS = ["spouse", "parent_child", "sibling", "partner"]


def gen_relatives(path, n):
    """One customer reported and visited, n verified relatives each buying."""
    hub = person("主客", "13900000000")

    def events():
        yield report(0, at(0), "ch/a", hub)
        yield visit(0, at(1), "ch/a", hub)
        for i in range(n):
            yield ('{"id": "rel%d", "type": "relation", "at": "%s", "a": %s, "b": %s, "kind": "%s", "verified": true}'
                   % (i, at(2 + i), hub, customer(i), RELATIONS[i % len(RELATIONS)]))
        for i in range(n):
            yield deal(i, at(2 + n + i), customer(i))
    scenario(path, events())


def gen_identity(path, n):
    """One person under n phones, linked in a chain; a visit on the first, a deal under each."""
    def events():
        yield report(0, at(0), "ch/a", customer(0))
        yield visit(0, at(1), "ch/a", customer(0))
        for i in range(1, n):
            yield ('{"id": "id%d", "type": "identity", "at": "%s", "a": {"phone": "13%09d"}, "b": {"phone": "13%09d"}}'
                   % (i, at(1 + i), i - 1, i))
        for i in range(n):
            yield deal(i, at(1 + n + i), customer(i))
    scenario(path, events())


def gen_plans(path, n):
    """n channels, each with a plan of 16 tiers and a customer signed in March."""
    def events():
        k = 0
        for c in range(n):
            yield report(k, at(3 * k), "ch%d/a" % c, customer(k))
            yield visit(k, at(3 * k + 1), "ch%d/a" % c, customer(k))
            k += 1
        for i in range(k):
            yield deal(i, at(i, MARCH), customer(i), stage="signed")
    steps = [{"from": 2 * k, "rate": "2.%02d%%" % k} for k in range(16)]
    plans = [{"id": "p%d" % c, "party": "ch%d" % c, "products": {"residential": {"rate": "2%"}},
              "tiers": {"basis": "units", "steps": steps}} for c in range(n)]
    scenario(path, events(), plans)


def gen_nesting(path, n):
    """The events array nested n levels deep: refused at the 65th."""
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"title": "nesting", "profile": "junyuan-2012", "expect": [], "events": ')
        f.write("[" * n)
        f.write("]" * n)
        f.write("}\n")


class Shape:
    def __init__(self, name, what, write=None, args=None, n0=16, max_n=1 << 20, exit_code=0, bench=None, base_n=1,
                 must_fail=False, large_only=None, program=None):
        self.name = name
        self.program = program      # a program of tests/bench run instead of the tool, on FILE
        self.what = what
        self.write = write          # write(path, n), or None
        self.args = args            # the command after the tool, FILE for the input
        self.n0 = n0
        self.max_n = max_n          # the largest 8n
        self.exit_code = exit_code
        self.bench = bench          # [program, options…]: a program of tests/bench given n last, not the tool
        self.must_fail = must_fail  # a control that must fail the check
        self.large_only = large_only  # why the shape is in the large set only
        self.base_n = base_n        # the tiny input whose run is start-up


SHAPES = [
    # the controls: if the linear one fails or the quadratic one passes,
    # the machine is too noisy for the check, or the check is broken
    Shape("control-linear", "the harness's control: n·1000 steps, memory and output linear (growth-run --control)",
          bench=["growth-run", "--control", "linear"], n0=1024, max_n=1 << 26),
    Shape("control-quadratic", "the harness's control: n·n steps, memory and output linear; must fail (growth-run --control)",
          bench=["growth-run", "--control", "quadratic"], n0=64, max_n=1 << 20, must_fail=True),
    Shape("pvd", "one purchaser, n reports and visits by n channels, n deals (attribute)",
          gen_pvd, ["attribute", "FILE"]),
    Shape("pvd1", "one purchaser, n reports and visits by one channel, n deals (attribute)",
          lambda p, n: gen_pvd(p, n, one_channel=True), ["attribute", "FILE"]),
    Shape("ovmd", "one visit, then n parking spaces bought by one purchaser (attribute)",
          gen_ovmd, ["attribute", "FILE"]),
    # the verdicts a program gets by default: traces worked out when first
    # asked, one verdict at a time (bench-seal; attrib attribute turns it off)
    Shape("pvd-sealed", "one purchaser, n reports and visits by n channels, n deals, each verdict sealed alone (bench-seal)",
          gen_pvd, ["FILE"], program="bench-seal"),
    Shape("ovmd-sealed", "one visit, then n parking spaces bought by one purchaser, each verdict sealed alone (bench-seal)",
          gen_ovmd, ["FILE"], program="bench-seal"),
    Shape("masks-ledger", "n persons and n reports of a mask matching them all (ledger)",
          gen_masks, ["ledger", "FILE"]),
    Shape("masks-attribute", "n persons and n reports of a mask matching them all (attribute)",
          gen_masks, ["attribute", "FILE"]),
    Shape("tiers-month", "a plan with unit tiers, n deals signed in one month (commission --period)",
          gen_tiers, ["commission", "FILE", "--period", "2024-03"]),
    Shape("tiers-lines", "a plan with unit tiers, n deals signed in one month (commission, every line)",
          gen_tiers, ["commission", "FILE"]),
    Shape("reports", "n reports by n channels about one customer, one visit, one deal (attribute)",
          gen_reports, ["attribute", "FILE"]),
    Shape("reports-live", "n reports about one customer added one by one, the watch updated after each (bench-live)",
          bench=["bench-live", "--one-customer"]),
    Shape("relatives", "one visited customer and n verified relatives, each buying (attribute)",
          gen_relatives, ["attribute", "FILE"]),
    Shape("identity", "one person under n phones linked in a chain, a deal under each (attribute)",
          gen_identity, ["attribute", "FILE"]),
    # at most 1000 plans (ATTRIB_LIMIT_PLANS): n is 125 whatever it costs
    Shape("plans", "n channels with a plan of 16 tiers and a deal each (commission --period)",
          gen_plans, ["commission", "FILE", "--period", "2024-03"], n0=125, max_n=1000),
    Shape("nesting", "the events array nested n levels deep, refused at the 65th (ledger)",
          gen_nesting, ["ledger", "FILE"], n0=1 << 16, max_n=1 << 23, exit_code=1, base_n=65),
    Shape("gen-attribute", "bench-gen's project ledger of n events as CSV (attribute)",
          "bench-gen", ["attribute", "FILE", "--profile", "junyuan-2012"], n0=256, max_n=1 << 24),
    Shape("gen-ledger", "bench-gen's project ledger of n events as CSV (ledger)",
          "bench-gen", ["ledger", "FILE"], n0=256, max_n=1 << 24),
    Shape("gen-commission", "bench-gen's ledger of n events, a tiered plan for each of its 70 channels (commission --period)",
          "bench-gen", ["commission", "FILE", "--profile", "junyuan-2012", "PLANS", "--period", "2024-01"],
          n0=1 << 16, max_n=1 << 24,
          large_only="the ledger signs its first deals some thousands of events in: below 10^5 events the month is not yet what it will be"),
]


class Harness:
    def __init__(self, build, workdir, runs, target_ms, wall_ms):
        self.build = build
        self.workdir = workdir
        self.runs = runs
        self.target_us = target_ms * 1000
        self.wall_ms = wall_ms
        self.tool = os.path.join(build, "tools", "attrib")
        self.runner = os.path.join(build, "tests", "bench", "growth-run")
        self.env = dict(os.environ, LC_ALL="C.UTF-8", TZ="UTC", ATTRIB_THREADS="1")
        # meson's test environment: checking allocators cost time of their own
        for name in ("MALLOC_PERTURB_", "MALLOC_CHECK_", "G_SLICE", "G_DEBUG"):
            self.env.pop(name, None)

    def command(self, shape, n):
        if shape.bench is not None:
            return [os.path.join(self.build, "tests", "bench", shape.bench[0])] + shape.bench[1:] + [str(n)]
        if shape.write == "bench-gen":
            path = os.path.join(self.workdir, "%s-%d.csv" % (shape.name, n))
            subprocess.run([os.path.join(self.build, "tests", "bench", "bench-gen"), "--events", str(n),
                            "--csv", path], check=True, stdout=subprocess.DEVNULL)
        else:
            path = os.path.join(self.workdir, "%s-%d.json" % (shape.name, n))
            shape.write(path, n)
        argv = [os.path.join(self.build, "tests", "bench", shape.program) if shape.program else self.tool]
        for a in shape.args:
            argv += [path] if a == "FILE" else self.plan_options() if a == "PLANS" else [a]
        return argv

    def plan_options(self):
        """--plan FILE for each channel of bench-gen: three tiers by units (bench-ledger's, simpler)."""
        folder = os.path.join(self.workdir, "plans")
        if not os.path.isdir(folder):
            os.mkdir(folder)
            for c in range(70):
                plan = {"id": "p-ch%02d" % c, "party": "ch%02d" % c, "products": {"residential": {"rate": "1%"}},
                        "tiers": {"basis": "units", "steps": [{"from": 0, "rate": "1%"}, {"from": 10, "rate": "1.5%"},
                                                              {"from": 30, "rate": "2%"}]}}
                with open(os.path.join(folder, "ch%02d.json" % c), "w", encoding="utf-8") as f:
                    json.dump(plan, f)
        options = []
        for c in range(70):
            options += ["--plan", os.path.join(folder, "ch%02d.json" % c)]
        return options

    def run(self, shape, argv, limits=None):
        """One run in a fresh process: a dict of exit, killed, cpu_us, wall_us, rss_kb, out_bytes."""
        options = ["--wall-ms", str(self.wall_ms)]
        for key, value in (limits or {}).items():
            options += ["--" + key, str(int(value))]
        p = subprocess.run([self.runner] + options + ["--"] + argv, env=self.env,
                           capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError("growth-run failed: %s" % p.stderr.strip())
        r = {}
        for item in p.stdout.split():
            key, _, value = item.partition("=")
            r[key] = value if key == "killed" else int(value)
        if r["killed"] == "none" and (r["signal"] != 0 or r["exit"] != shape.exit_code):
            raise RuntimeError("%s: exit %d (signal %d), expected %d: %s"
                               % (" ".join(argv), r["exit"], r["signal"], shape.exit_code,
                                  p.stderr.strip()[-2000:]))
        return r

    def point(self, shape, argv, runs, limits=None):
        """The least of several runs; stops at the first run killed."""
        best = None
        for _ in range(runs):
            r = self.run(shape, argv, limits)
            if best is None:
                best = dict(r, runs=1)
            else:
                for key in ("cpu_us", "wall_us", "rss_kb"):
                    best[key] = min(best[key], r[key])
                best["runs"] += 1
                if r["out_bytes"] != best["out_bytes"] and r["killed"] == "none" and best["killed"] == "none":
                    raise RuntimeError("%s: output of %d bytes, then %d" % (" ".join(argv), best["out_bytes"], r["out_bytes"]))
            if r["killed"] != "none":
                best["killed"] = r["killed"]
                break
        return best


def bound(c, n):
    return c * 8 * math.log2(8 * n) / math.log2(n)


METRICS = [("cpu_us", "time", C_TIME), ("rss_kb", "memory", C_MEMORY), ("out_bytes", "output", C_OUTPUT)]
KILLED_BY = {"cpu": "cpu_us", "rss": "rss_kb", "out": "out_bytes", "wall": None}


def measure(h, shape, fixed_n=None):
    """Measures a shape at n, 2n, 4n, 8n: its result as a dict."""
    files = []

    def argv_for(n):
        argv = h.command(shape, n)
        files.extend(a for a in argv if os.path.dirname(a) == h.workdir)
        return argv

    def clean():
        while files:
            try:
                os.unlink(files.pop())
            except FileNotFoundError:
                pass

    base = h.point(shape, argv_for(shape.base_n), max(h.runs, 5))
    clean()

    # n: the smallest size from n0 up, doubling, whose run takes the target
    # above start-up, or the largest the shape allows
    n = fixed_n or shape.n0
    first = None
    while True:
        argv = argv_for(n)
        first = h.point(shape, argv, 1)
        clean()
        if fixed_n or first["cpu_us"] - base["cpu_us"] >= h.target_us or 16 * n > shape.max_n:
            break
        n *= 2
    n = max(n, 2)

    # the window: n, 2n, 4n, 8n; while its last doubling is suspect (more
    # than SUSPECT times for a figure above its floor) and it has passed,
    # it slides by one doubling, up to MAX_SLIDES times, so that a
    # super-linear shape whose linear part hides it at n shows at 2n or 4n
    points = []
    result = {"shape": shape.name, "what": shape.what, "baseline": base, "points": points,
              "growth": {}, "over": [], "killed": None, "slides": 0}
    start = 0
    size = n
    while True:
        if points:
            bounds = {key: bound(c, points[start]["n"]) for key, _, c in METRICS}
            first = points[start]
            limits = {
                "cpu-ms": (base["cpu_us"] + KILL_MARGIN * bounds["cpu_us"] * max(first["cpu_us"] - base["cpu_us"], FLOOR["cpu_us"])) / 1000,
                "rss-kb": base["rss_kb"] + KILL_MARGIN * bounds["rss_kb"] * max(first["rss_kb"] - base["rss_kb"], FLOOR["rss_kb"]),
                "out-bytes": base["out_bytes"] + KILL_MARGIN * bounds["out_bytes"] * max(first["out_bytes"] - base["out_bytes"], FLOOR["out_bytes"]),
            }
        else:
            limits = None
        argv = argv_for(size)
        p = h.point(shape, argv, h.runs, limits)
        clean()
        p["n"] = size
        points.append(p)
        first = points[start]
        result["n"] = first["n"]
        result["bounds"] = bounds = {key: bound(c, first["n"]) for key, _, c in METRICS}
        # growth so far from n: past the bound at 2n or 4n is past it at 8n.
        # Killed, a point's figures are those at the kill: the limit passed
        # is a lower bound of its growth, the others mean nothing.
        for key, _, _ in METRICS:
            if p["killed"] == "none" or KILLED_BY[p["killed"]] == key:
                result["growth"][key] = (p[key] - base[key]) / max(first[key] - base[key], FLOOR[key])
            else:
                result["growth"][key] = None
        result["over"] = [key for key, _, _ in METRICS
                          if result["growth"][key] is not None and result["growth"][key] > bounds[key]]
        if p["killed"] != "none":
            result["killed"] = p["killed"]
            break
        if result["over"]:
            break
        if len(points) - start == 4:
            previous = points[-2]
            suspect = [key for key, _, _ in METRICS
                       if previous[key] - base[key] >= FLOOR[key] and
                       (p[key] - base[key]) / (previous[key] - base[key]) > SUSPECT]
            if not suspect or result["slides"] == MAX_SLIDES or 2 * size > shape.max_n:
                break
            start += 1
            result["slides"] += 1
        size *= 2
    result["complete"] = len(points) - start == 4 and result["killed"] is None
    result["passed"] = result["complete"] and not result["over"]
    result["window"] = start
    return result


def fmt_ms(us):
    return "%.1f" % (us / 1000)


def table(result):
    """The shape's table: one line a point, the growth per doubling."""
    base = result["baseline"]
    lines = ["%s: %s" % (result["shape"], result["what"]),
             "  %9s %10s %10s %11s %12s %7s %7s %7s" % ("n", "cpu ms", "wall ms", "peak KiB", "output B",
                                                        "×time", "×mem", "×out"),
             "  %9s %10s %10s %11d %12d %7s %7s %7s  (start-up, subtracted below)" % (
                 1, fmt_ms(base["cpu_us"]), fmt_ms(base["wall_us"]), base["rss_kb"], base["out_bytes"], "", "", "")]
    previous = None
    for index, p in enumerate(result["points"]):
        ratios = []
        for key, _, _ in METRICS:
            if previous is None:
                ratios.append("")
            elif p["killed"] != "none" and KILLED_BY[p["killed"]] != key:
                ratios.append("–")
            else:
                ratios.append("%.2f" % ((p[key] - base[key]) / max(previous[key] - base[key], FLOOR[key])))
        killed = "  killed: over the %s bound" % p["killed"] if p["killed"] in ("cpu", "rss", "out") else \
            "  killed: over the wall-clock limit" if p["killed"] == "wall" else \
            "  n (the window slid %d times)" % result["slides"] if result["slides"] and index == result["window"] else ""
        lines.append("  %9d %10s %10s %11d %12d %7s %7s %7s%s" % (
            p["n"], fmt_ms(p["cpu_us"] - base["cpu_us"]), fmt_ms(p["wall_us"] - base["wall_us"]),
            max(p["rss_kb"] - base["rss_kb"], 0), max(p["out_bytes"] - base["out_bytes"], 0), *ratios, killed))
        if p["killed"] != "none":
            break
        previous = p
    return lines


def summary(result):
    """time ×8.1 (≤ 23.3), memory ×…: the growth from n to the last point against the bounds."""
    last = result["points"][-1]["n"] // result["n"]
    parts = []
    for key, label, _ in METRICS:
        g = result["growth"][key]
        if g is None:
            parts.append("%s – (bound %.1f)" % (label, result["bounds"][key]))
        else:
            parts.append("%s ×%.1f%s (bound %.1f)" % (label, g, " or more" if KILLED_BY.get(result["killed"]) == key else "",
                                                       result["bounds"][key]))
    text = "n=%d to %dn: %s" % (result["n"], last, ", ".join(parts))
    if result["slides"]:
        text += "; window slid %d times" % result["slides"]
    if result["over"]:
        text += "; over: " + ", ".join(label for key, label, _ in METRICS if key in result["over"])
    if result["killed"]:
        text += "; killed at %dn (%s)" % (last, "over the wall-clock limit" if result["killed"] == "wall" else
                                            "while over its bound")
    return text


def main():
    parser = argparse.ArgumentParser(description="Every input shape at most n·log n (docs/reliability.md)")
    parser.add_argument("--build", required=True, help="the meson build folder")
    parser.add_argument("--large", action="store_true", help="the large set: n where a run takes 1 s")
    parser.add_argument("--shape", action="append", help="only this shape (repeatable)")
    parser.add_argument("--n", type=int, help="this n instead of searching for it")
    parser.add_argument("--target-ms", type=float, help="CPU time of the first point above start-up (10; --large 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs a point, the least kept (3)")
    parser.add_argument("--json", help="write the results here (JSON)")
    parser.add_argument("--tap", action="store_true", help="TAP output (meson test)")
    parser.add_argument("--strict", action="store_true", help="ignore EXPECTED_FAIL")
    parser.add_argument("--list", action="store_true", help="list the shapes")
    args = parser.parse_args()

    if args.list:
        for shape in SHAPES:
            print("%-18s %s%s" % (shape.name, shape.what, "  [expected to fail]" if shape.name in EXPECTED_FAIL else ""))
        return 0
    shapes = SHAPES
    if args.shape:
        unknown = set(args.shape) - {s.name for s in SHAPES}
        if unknown:
            parser.error("unknown shape: " + ", ".join(sorted(unknown)))
        shapes = [s for s in SHAPES if s.name in args.shape]
    target_ms = args.target_ms or (1000 if args.large else 10)
    wall_ms = 1800 * 1000 if args.large else 120 * 1000
    expected = {} if args.strict else EXPECTED_FAIL

    def out(line):
        print(("# " + line) if args.tap else line, flush=True)

    if args.tap:
        print("1..%d" % len(shapes), flush=True)
    out("growth from n to 8n, bound c·8·log2(8n)/log2(n): c = %.1f time (CPU), %.1f memory (peak RSS), %.1f output;"
        % (C_TIME, C_MEMORY, C_OUTPUT))
    out("n is the first size from which a run takes %g ms of CPU above start-up; %d runs a point, the least kept"
        % (target_ms, args.runs))
    results = []
    failures = 0
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="attrib-growth-") as workdir:
        h = Harness(args.build, workdir, args.runs, target_ms, wall_ms)
        for number, shape in enumerate(shapes, 1):
            if shape.large_only and not args.large:
                out("%s: %s" % (shape.name, shape.what))
                if args.tap:
                    print("ok %d - %s # SKIP in the large set only: %s" % (number, shape.name, shape.large_only), flush=True)
                else:
                    print("SKIP %s: in the large set only: %s" % (shape.name, shape.large_only), flush=True)
                results.append({"shape": shape.name, "what": shape.what, "result": "SKIP", "passed": None})
                continue
            try:
                result = measure(h, shape, args.n)
            except (RuntimeError, subprocess.CalledProcessError) as e:
                result = {"shape": shape.name, "what": shape.what, "error": str(e), "passed": False}
                out("%s: %s" % (shape.name, e))
                verdict = "ERROR"
            else:
                for line in table(result):
                    out(line)
                verdict = "ok" if result["passed"] else "FAIL"
                if shape.must_fail:
                    # a control that must fail: ok when the check caught it
                    result["passed"] = not result["passed"]
                    verdict = "ok" if result["passed"] else "FAIL (a control that must fail passed)"
            reason = expected.get(shape.name)
            if reason is not None and "error" not in result:
                verdict = "XPASS" if result["passed"] else "XFAIL"
            result["result"] = verdict
            results.append(result)
            failures += verdict.startswith("FAIL") or verdict in ("ERROR", "XPASS")
            text = summary(result) if "error" not in result else result["error"].splitlines()[0]
            if args.tap:
                print("%s %d - %s: %s%s" % ("ok" if result["passed"] else "not ok", number, shape.name, text,
                                            " # TODO %s" % reason if verdict in ("XFAIL", "XPASS") else ""), flush=True)
                if verdict == "XPASS":
                    out("%s passes: remove it from EXPECTED_FAIL in tests/bench/growth.py" % shape.name)
            else:
                print("%s %s: %s" % (verdict, shape.name, text), flush=True)
                if reason is not None:
                    print("  expected to fail: %s" % reason + (" — it passes: remove it from EXPECTED_FAIL" if verdict == "XPASS" else ""))
    out("%d shapes, %d failed, %d expected to fail, %.0f s" % (
        len(results), failures, sum(r["result"] == "XFAIL" for r in results), time.monotonic() - started))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"date": datetime.datetime.now().isoformat(timespec="seconds"),
                       "large": args.large, "target_ms": target_ms, "runs": args.runs,
                       "c": {"time": C_TIME, "memory": C_MEMORY, "output": C_OUTPUT}, "floor": FLOOR,
                       "shapes": results}, f, ensure_ascii=False, indent=1)
            f.write("\n")
    return 1 if failures and not args.tap else 0


if __name__ == "__main__":
    sys.exit(main())
