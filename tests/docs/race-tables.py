#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The race's tables in docs/performance.md are those its recorded run
# gives: `tests/bench/race --tables-from docs/race/RUN.json --markdown`
# prints them again from every run's figures, and each of its tables must
# be in the document, line for line (the document may say more between
# them).
#
#   race-tables.py SOURCE-DIR

import glob
import os
import subprocess
import sys


def tables(text):
    """The markdown tables of @text, each as its list of lines."""
    found, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line.rstrip())
        elif current:
            found.append(current)
            current = []
    return found


def main():
    source = sys.argv[1]
    doc = os.path.join(source, "docs", "performance.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    runs = sorted(glob.glob(os.path.join(source, "docs", "race", "*.json")))
    if not runs:
        sys.exit("race-tables: no recorded run in docs/race/")
    failed = 0
    count = 0
    for run in runs:
        name = os.path.relpath(run, source)
        if name not in text:
            print("not ok - %s is not named in docs/performance.md" % name)
            failed += 1
            continue
        printed = subprocess.run([sys.executable, os.path.join(source, "tests", "bench", "race"), "--tables-from", run,
                                  "--markdown"], capture_output=True, text=True, check=True).stdout
        for table in tables(printed):
            count += 1
            block = "\n".join(table)
            if block in text:
                print("ok %d - %s: %s" % (count, name, table[0][:60]))
            else:
                failed += 1
                print("not ok %d - %s: the table beginning %s is not in docs/performance.md as printed"
                      % (count, name, table[0][:60]))
    print("1..%d" % count)
    return 1 if failed or count == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
