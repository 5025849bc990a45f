#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The bash completion (tools/completion/attrib) against the tool: commands,
# store subcommands, every command's options as its --help lists them,
# profile ids, option values; with bash-completion's helpers loaded and
# without them. TAP.
#
#   test-completion.py ATTRIB COMPLETION-SCRIPT

import os
import re
import shlex
import subprocess
import sys
import tempfile

attrib, script = sys.argv[1], os.path.abspath(sys.argv[2])
env = dict(os.environ, LC_ALL="C.UTF-8",
           PATH=os.path.dirname(os.path.abspath(attrib)) + os.pathsep + os.environ.get("PATH", ""))
bash_completion = "/usr/share/bash-completion/bash_completion"
modes = ["plain"] + (["bash-completion"] if os.path.exists(bash_completion) else [])
points = []


def tool(*args):
    return subprocess.run([attrib, "--lang", "en", *args], env=env, capture_output=True,
                          encoding="utf-8", check=True).stdout


def listed(text, heading):
    block = text.split(heading + ":\n", 1)[1].split("\n\n", 1)[0]
    return sorted({m.group(1) for m in re.finditer(r"^  ([a-z][a-z-]*) ", block, re.M)})


def help_long_options(*args):
    return {m.group(1) for m in re.finditer(r"^\s+(?:-[A-Za-z], )?(--[a-z][a-z-]*)", tool(*args, "--help"), re.M)}


def complete(mode, line, cwd=None):
    """COMPREPLY for the command line `line` (the cursor at its end)."""
    words = shlex.split(line) + ([""] if line.endswith(" ") else [])
    prelude = "source %s\n" % shlex.quote(bash_completion) if mode == "bash-completion" else ""
    program = prelude + "source %s\n" % shlex.quote(script) + \
        "COMP_WORDS=(%s)\n" % " ".join(shlex.quote(w) for w in words) + \
        "COMP_CWORD=%d\nCOMP_LINE=%s\nCOMP_POINT=%d\n" % (len(words) - 1, shlex.quote(line), len(line)) + \
        "_attrib attrib \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n" + \
        "printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], env=env, capture_output=True,
                            encoding="utf-8", cwd=cwd or os.path.dirname(os.path.abspath(script)))
    return set(filter(None, result.stdout.splitlines())), result.stderr


def check(ok, name, detail=""):
    points.append((ok, name, detail))


commands = listed(tool("--help"), "Commands")
subcommands = listed(tool("store", "--help"), "Subcommands")
profiles = sorted(line.split()[0] for line in tool("profiles").splitlines() if line.strip())
globals_ = {"--lang", "--show-phones", "--phone-key", "--threads"}

for mode in modes:
    got, err = complete(mode, "attrib ")
    check(got == set(commands) and err == "", "%s: the commands of attrib --help" % mode,
          "got %s, want %s %s" % (sorted(got), commands, err))
    got, _ = complete(mode, "attrib st")
    check(got == {"store"}, "%s: attrib st → store" % mode, str(sorted(got)))
    got, _ = complete(mode, "attrib store ")
    check(got == set(subcommands) | {"--help"}, "%s: the subcommands of attrib store --help" % mode,
          "got %s, want %s" % (sorted(got), subcommands))
    for sub in subcommands:
        want = help_long_options("store", sub) | globals_
        got, _ = complete(mode, "attrib store %s --" % sub)
        check(got == want, "%s: attrib store %s's options" % (mode, sub),
              "got %s, want %s" % (sorted(got), sorted(want)))
    for command in commands:
        if command in ("store", "profile"):
            continue
        want = help_long_options(command) | globals_ | {"--help"}
        got, _ = complete(mode, "attrib %s --" % command)
        check(got == want, "%s: attrib %s's options" % (mode, command),
              "got %s, want %s" % (sorted(got), sorted(want)))
    got, _ = complete(mode, "attrib attribute --profile ")
    check(set(profiles) <= got, "%s: --profile offers the built-in profiles" % mode,
          "got %s, want %s" % (sorted(got), profiles))
    got, _ = complete(mode, "attrib --threads 2 --lang zh_CN attribute -p jun")
    check(got == {p for p in profiles if p.startswith("jun")}, "%s: -p jun after --lang zh_CN" % mode, str(sorted(got)))
    got, _ = complete(mode, "attrib --lang ")
    check(got == {"en", "zh_CN"}, "%s: --lang offers en and zh_CN" % mode, str(sorted(got)))
    got, _ = complete(mode, "attrib rotation --kind ")
    check(got == {"visit", "call"}, "%s: --kind offers visit and call" % mode, str(sorted(got)))
    got, _ = complete(mode, "attrib profile ")
    check(got == {"show", "--help"}, "%s: attrib profile → show" % mode, str(sorted(got)))
    got, _ = complete(mode, "attrib attribute attr")
    check(got == {"attrib"}, "%s: a file name for the file argument" % mode, str(sorted(got)))
    with tempfile.TemporaryDirectory() as tmp:
        open(os.path.join(tmp, "sample project.json"), "w").close()
        open(os.path.join(tmp, "sample notes.txt"), "w").close()
        got, _ = complete(mode, "attrib attribute sam", cwd=tmp)
        check(got == {"sample project.json", "sample notes.txt"}, "%s: a file name with a space, whole" % mode,
              str(sorted(got)))
        got, _ = complete(mode, "attrib attribute --profile sam", cwd=tmp)
        check(got == {"sample project.json"}, "%s: --profile offers .json files" % mode, str(sorted(got)))

print("1..%d" % len(points))
failed = 0
for n, (ok, name, detail) in enumerate(points, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    if not ok:
        failed += 1
        for line in detail.splitlines():
            print("# " + line)
sys.exit(1 if failed else 0)
