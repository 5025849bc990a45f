#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The shared library must export exactly the symbols its version script
# lists: nothing leaks (hidden visibility did its job) and nothing listed is
# missing (a public function was not silently dropped or renamed).

import re
import subprocess
import sys


def version_script_symbols(path):
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"#.*", "", f.read())
    symbols = set()
    for block in re.finditer(r"global:(.*?)(?:local:|\})", text, re.S):
        for name in block.group(1).split(";"):
            name = name.strip()
            if name:
                symbols.add(name)
    return symbols


def exported_symbols(library, nm):
    out = subprocess.run([nm, "-D", "--defined-only", library],
                         check=True, capture_output=True, text=True).stdout
    symbols = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRVWi":
            symbols.add(parts[2].split("@")[0])
    # the version node itself shows up as an absolute symbol
    return {s for s in symbols if not s.startswith("ATTRIB_")}


def main():
    library, script, nm = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "nm"
    listed = version_script_symbols(script)
    exported = exported_symbols(library, nm)
    ok = True
    for name in sorted(exported - listed):
        print(f"exported but not in {script}: {name}")
        ok = False
    for name in sorted(listed - exported):
        print(f"in {script} but not exported: {name}")
        ok = False
    bad = sorted(s for s in exported if not s.startswith("attrib_"))
    for name in bad:
        print(f"exported symbol without the attrib_ prefix: {name}")
        ok = False
    print(f"{len(exported)} symbols exported, {len(listed)} listed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
