#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The table of docs/scaling.md ("What one machine holds") is made from the
# race's recorded runs (docs/race/*.json, the medians of their summaries):
# this prints it, and with --check SOURCE-DIR says (TAP) whether the guide
# holds it line for line.
#
#   scaling-table.py SOURCE-DIR            print the table
#   scaling-table.py --check SOURCE-DIR    compare it with docs/scaling.md

import json
import os
import sys

RUNS = {10**6: "2026-12-07.json", 10**7: "2026-12-07-1e7.json"}


def median(run, peer, size, metric):
    for s in run["summary"]:
        if s["peer"] == peer and s["size"] == size:
            return s["metrics"][metric]["median"]
    raise KeyError("%s at %d has no %s" % (peer, size, metric))


def deals(run, size):
    counts = {r["deals"] for r in run["runs"] if r["peer"] == "libattrib" and r["size"] == size and r["status"] == "ok"}
    if len(counts) != 1:
        raise ValueError("the runs at %d disagree on the number of deals: %s" % (size, counts))
    return counts.pop()


def grouped(n):
    return "{:,}".format(int(n)).replace(",", " ")


def table(source):
    runs = {}
    for size, name in RUNS.items():
        with open(os.path.join(source, "docs", "race", name), encoding="utf-8") as f:
            runs[size] = json.load(f)
    sizes = sorted(RUNS)

    def row(label, cell):
        return "| %s | %s |" % (label, " | ".join(cell(runs[s], s) for s in sizes))

    lines = [
        "| | " + " | ".join("10^%d events" % len(str(s)[1:]) for s in sizes) + " |",
        "|---|" + "---:|" * len(sizes),
        row("deals", lambda r, s: grouped(deals(r, s))),
        row("every deal's verdict (W2), both cores", lambda r, s: "%.3f s" % median(r, "libattrib", s, "attribute_s")),
        row("the same, one thread", lambda r, s: "%.3f s" % median(r, "libattrib-1t", s, "attribute_s")),
        row("per deal, one thread",
            lambda r, s: "%.1f µs" % (median(r, "libattrib-1t", s, "attribute_s") / deals(r, s) * 1e6)),
        row("every verdict's JSON line written, trace and fingerprint, both cores",
            lambda r, s: "%.3f s" % median(r, "libattrib", s, "traced_attribute_s")),
        row("one deal's verdict at the desk (W3), p50 / p99",
            lambda r, s: "%g / %g µs" % (median(r, "libattrib", s, "single_p50_us"),
                                        median(r, "libattrib", s, "single_p99_us"))),
        row("a month's statements, every channel on a tiered plan (W5)",
            lambda r, s: "%.3f s" % median(r, "libattrib", s, "statements_s")),
        row("ingest from CSV until queries run (W1)", lambda r, s: "%.3f s" % median(r, "libattrib", s, "ingest_s")),
        row("resident bytes per event, the ledger alone (W4)",
            lambda r, s: "%.1f" % median(r, "libattrib", s, "bytes_per_event")),
        row("peak resident set", lambda r, s: "%s kB" % grouped(median(r, "libattrib", s, "peak_rss_kb"))),
    ]
    return lines


def main(argv):
    if argv[:1] == ["--check"]:
        source = argv[1]
        with open(os.path.join(source, "docs", "scaling.md"), encoding="utf-8") as f:
            text = f.read()
        lines = table(source)
        print("1..1")
        if "\n".join(lines) in text:
            print("ok 1 - docs/scaling.md holds the table the recorded runs give")
            return 0
        print("not ok 1 - docs/scaling.md does not hold the table the recorded runs give; it is:")
        for line in lines:
            print("# " + line)
        return 1
    print("\n".join(table(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
