#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The manual pages (docs/man) kept in step with the tool: a page for every
# command `attrib --help` lists and none more; each page documents exactly
# the options the command's --help shows (attrib-store.1: each subcommand's,
# in its own section); attrib.1 documents the options every command takes;
# and groff reads every page without a warning. TAP, one point per check.
#
#   test-man-pages.py ATTRIB MAN-SOURCE-DIR MAN-BUILD-DIR [GROFF]

import os
import re
import subprocess
import sys

attrib, source_dir, build_dir = sys.argv[1:4]
groff = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None

points = []


def check(ok, name, detail=""):
    points.append((ok, name, detail))


def tool(*args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run([attrib, "--lang", "en", *args], env=env, capture_output=True,
                          encoding="utf-8", check=False).stdout


OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[A-Za-z])(?![\w-])")


def help_options(text):
    """The options of GOption's --help (the lines that start with a dash),
    and -h/--help, which every command takes."""
    found = {"-h", "--help"}
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("-"):
            found.update(OPTION.findall(stripped.split("  ")[0]))
    return found


def page_options(lines):
    """The options a page's roff documents: the tag line of each .TP."""
    found = set()
    for i, line in enumerate(lines):
        if line.strip() == ".TP" and i + 1 < len(lines):
            tag = lines[i + 1].replace("\\-", "-").replace("\\fB", " ").replace("\\fR", " ").replace("\\fI", " ")
            tag = re.sub(r"^\.[A-Z]+ ", "", tag).replace('"', " ")
            if tag.lstrip().startswith("-"):
                found.update(OPTION.findall(tag))
    return found


def sections(lines, macro):
    """A page's lines split at each `macro NAME` (.SH or .SS)."""
    parts, name = {}, None
    for line in lines:
        if line.startswith(macro + " "):
            name = line[len(macro) + 1:].strip().strip('"').replace("\\-", "-")
            parts[name] = []
        elif line.startswith(".SH ") and macro == ".SS":
            name = None
        elif name is not None:
            parts[name].append(line)
    return parts


def read_page(name):
    path = os.path.join(source_dir, name)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


# the commands attrib --help lists, and a page for each
usage = tool("--help")
commands = []
in_commands = False
for line in usage.splitlines():
    if line.startswith("Commands:"):
        in_commands = True
        continue
    if in_commands:
        if not line.strip():
            break
        m = re.match(r"  ([a-z][a-z-]*)\b", line)
        if m:
            commands.append(m.group(1))
check(len(commands) >= 10, "attrib --help lists the commands", ", ".join(commands))
pages = sorted(n for n in os.listdir(source_dir) if n.endswith(".1"))
expected_pages = sorted(["attrib.1"] + ["attrib-%s.1" % c for c in commands])
check(pages == expected_pages, "a page for every command and none more",
      "pages %s, commands %s" % (pages, expected_pages))

# attrib.1: the options every command takes, the commands, the links
top = read_page("attrib.1") or []
top_sections = sections(top, ".SH")
# the notes after the list of commands name the options every command takes
notes = usage.split("\n\n")[-1] if "\n\n" in usage else ""
global_help = set(OPTION.findall(notes)) | {"-h", "--help"}
check("--lang" in global_help, "attrib --help names the options every command takes", notes)
global_page = page_options(top_sections.get("OPTIONS", []))
check(global_help == global_page, "attrib.1: the options of attrib --help",
      "help %s, page %s" % (sorted(global_help), sorted(global_page)))
see_also = "\n".join(top_sections.get("SEE ALSO", [])).replace("\\-", "-")
for c in commands:
    check("attrib-%s (1)" % c in see_also, "attrib.1 refers to attrib-%s(1)" % c)
commands_text = "\n".join(top_sections.get("COMMANDS", [])).replace("\\-", "-")
for c in commands:
    check(re.search(r"^\.B[IR]* \"?%s\b" % re.escape(c), commands_text, re.M) is not None,
          "attrib.1 describes %s under COMMANDS" % c)

# each command's page against its --help
for c in commands:
    lines = read_page("attrib-%s.1" % c)
    if lines is None:
        continue
    if c == "store":
        store_usage = tool("store", "--help")
        subs = []
        in_subs = False
        for line in store_usage.splitlines():
            if line.startswith("Subcommands:"):
                in_subs = True
                continue
            if in_subs:
                if not line.strip():
                    break
                m = re.match(r"  ([a-z][a-z-]*)\b", line)
                if m and m.group(1) not in subs:
                    subs.append(m.group(1))
        parts = sections(lines, ".SS")
        check(sorted(subs) == sorted(parts), "attrib-store.1: a section for every subcommand",
              "help %s, page %s" % (sorted(subs), sorted(parts)))
        for s in subs:
            wanted = help_options(tool("store", s, "--help")) - {"-h", "--help"}
            got = page_options(parts.get(s, []))
            check(wanted == got, "attrib-store.1, %s: the options of its --help" % s,
                  "help %s, page %s" % (sorted(wanted), sorted(got)))
        continue
    wanted = help_options(tool(c, "--help"))
    got = page_options(sections(lines, ".SH").get("OPTIONS", []))
    check(wanted == got, "attrib-%s.1: the options of its --help" % c,
          "help %s, page %s" % (sorted(wanted), sorted(got)))

# groff reads each page as configured for installation, without a warning
for name in pages:
    built = os.path.join(build_dir, name)
    if groff is None:
        points.append((None, "groff reads %s without a warning" % name, "groff is not installed"))
        continue
    result = subprocess.run([groff, "-k", "-man", "-Tutf8", "-ww", "-z", built], capture_output=True,
                            encoding="utf-8", env=dict(os.environ, LC_ALL="C.UTF-8"))
    check(result.returncode == 0 and result.stderr == "", "groff reads %s without a warning" % name,
          result.stderr.strip())
    with open(built, encoding="utf-8") as f:
        text = f.read()
    check("@" not in text.replace("\\(at", ""), "%s: every @VARIABLE@ substituted" % name)

print("1..%d" % len(points))
failed = 0
for n, (ok, name, detail) in enumerate(points, 1):
    if ok is None:
        print("ok %d - %s # SKIP %s" % (n, name, detail))
    elif ok:
        print("ok %d - %s" % (n, name))
    else:
        failed += 1
        print("not ok %d - %s" % (n, name))
        for line in detail.splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
