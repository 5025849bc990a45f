#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Prints the symbols the public headers declare (ATTRIB_AVAILABLE_IN_*
# functions, G_DECLARE_FINAL_TYPE get_type functions, and the get_type
# functions glib-mkenums generates), one per line, sorted. When adding API,
# compare with libattrib/libattrib.sym and add the new names to the
# version node of the release that introduces them.

import glob
import os
import re
import sys

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
headers = glob.glob(os.path.join(top, "include", "attrib", "*.h"))
symbols = set()
for path in headers:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    symbols.update(m.group(2) for m in re.finditer(r"ATTRIB_AVAILABLE_IN_\w+\s*\n([^;]*?)\b(attrib_\w+)\s*\(", text))
    symbols.update(m.group(1) + "_get_type" for m in re.finditer(r"G_DECLARE_FINAL_TYPE \(\w+, (\w+),", text))
for name in ("attrib-enums.h", "attrib-error.h"):
    with open(os.path.join(top, "include", "attrib", name), encoding="utf-8") as f:
        for m in re.finditer(r"\}\s*(Attrib\w+);", f.read()):
            snake = re.sub(r"(?<!^)(?=[A-Z])", "_", m.group(1)[6:]).lower()
            symbols.add("attrib_" + snake + "_get_type")
print("\n".join(sorted(symbols)))
