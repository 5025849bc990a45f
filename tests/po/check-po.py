#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Every user-visible string is translated: each source file that marks
# strings for translation is listed in po/POTFILES, and po/zh_CN.po has a
# translation, not fuzzy, for every message the sources mark today (the
# same extraction as meson's i18n 'glib' preset). Skipped (a TAP plan of 0)
# without gettext's tools.
#
#   check-po.py SOURCE-ROOT

import os
import re
import shutil
import subprocess
import sys
import tempfile

root = sys.argv[1]
for tool in ("xgettext", "msgmerge", "msgattrib"):
    if shutil.which(tool) is None:
        print("1..0 # SKIP %s is not installed" % tool)
        sys.exit(0)

KEYWORDS = ["_", "N_", "C_:1c,2", "NC_:1c,2", "g_dcgettext:2", "g_dngettext:2,3", "g_dpgettext2:2c,3"]
MARKED = re.compile(r"\b(_|N_|C_|NC_|g_dngettext|g_dcgettext|g_dpgettext2)\s*\(")

listed = [line.strip() for line in open(os.path.join(root, "po", "POTFILES"), encoding="utf-8")
          if line.strip() and not line.startswith("#")]
n = 0
failed = 0


def result(ok, what):
    global n, failed
    n += 1
    failed += not ok
    print("%s %d - %s" % ("ok" if ok else "not ok", n, what))


for folder in ("libattrib", "tools"):
    for dirpath, _dirs, files in os.walk(os.path.join(root, folder)):
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            with open(os.path.join(root, path), encoding="utf-8") as f:
                marks = MARKED.search(f.read())
            if marks:
                result(path in listed, "%s is in po/POTFILES" % path)

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "attrib.pot")
    merged = os.path.join(tmp, "zh_CN.po")
    subprocess.run(["xgettext", "--from-code=UTF-8", "--no-wrap", "-o", pot, "-D", root,
                    "-f", os.path.join(root, "po", "POTFILES")] + ["--keyword=" + k for k in KEYWORDS],
                   check=True)
    subprocess.run(["msgmerge", "--quiet", "--no-wrap", "--no-fuzzy-matching", "-o", merged,
                    os.path.join(root, "po", "zh_CN.po"), pot], check=True)
    for option, what in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
        listing = subprocess.run(["msgattrib", "--no-wrap", "--no-obsolete", option, merged],
                                 check=True, capture_output=True, text=True).stdout
        # a message of several lines is msgid "" and then its lines: joined,
        # and only the header's msgid is empty
        missing = []
        for block in listing.split("\n\n"):
            found = re.search(r'^msgid (".*")\n((?:".*"\n?)*)', block, re.M)
            if found is None:
                continue
            msgid = found.group(1)[1:-1] + "".join(line[1:-1] for line in found.group(2).splitlines())
            if msgid:
                missing.append('"%s"' % msgid)
        result(not missing, "no %s message in po/zh_CN.po" % what)
        for m in missing:
            print("#   %s" % m)
print("1..%d" % n)
sys.exit(1 if failed else 0)
