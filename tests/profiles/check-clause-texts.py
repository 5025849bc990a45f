#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every built-in profile quotes its regulation: a clause's `text` is shown
# in traces and `attrib explain` as the original, so it must be the
# original word for word — cuts marked with “……”, nothing added. Checked
# against the source documents the catalog names (../shared/seeds from the
# source root); skipped (a TAP plan of 0, exit 0) where they are not at hand, as in a
# release tarball.
#
#   check-clause-texts.py SOURCE-ROOT

import glob
import json
import os
import re
import sys

root = sys.argv[1]
seeds_dir = os.path.join(root, "..", "shared", "seeds")
seeds = sorted(glob.glob(os.path.join(seeds_dir, "*.txt")))
if not seeds:
    print("1..0 # SKIP the source documents are not at %s" % seeds_dir)
    sys.exit(0)

FULL_WIDTH = str.maketrans("，：；（）！？、。“”《》", ",:;()!?,.\"\"<>")


def normalise(text):
    """What a quote and the scraped source share: no white space, ASCII
    punctuation, and no punctuation at all (the scrape drops and doubles
    it); a page number the scrape left inside a sentence (”2C组) goes."""
    text = re.sub(r"\s+", "", text).translate(FULL_WIDTH)
    text = re.sub(r"(?<=\")\d+(?=[A-Z])", "", text)
    return re.sub(r"[,.;:\"<>]", "", text)


source = normalise("".join(open(f, encoding="utf-8").read() for f in seeds))
failed = 0
n = 0
for path in sorted(glob.glob(os.path.join(root, "libattrib", "profiles", "*.json"))):
    profile = json.load(open(path, encoding="utf-8"))
    for clause in profile["clauses"]:
        text = clause.get("text")
        if text is None:
            continue
        for piece in re.split(r"……", text):
            quote = normalise(piece)
            if not quote:
                continue
            n += 1
            if quote in source:
                print("ok %d - %s %s" % (n, profile["id"], clause["id"]))
                continue
            k = next(k for k in range(len(quote), -1, -1) if quote[:k] in source)
            failed += 1
            print("not ok %d - %s %s: not the original after %d characters: …%s"
                  % (n, profile["id"], clause["id"], k, quote[max(0, k - 10):k + 30]))
print("1..%d" % n)
sys.exit(1 if failed else 0)
