#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What README.md and docs/*.md show a program or a command printing is what
# it prints today: each such block is produced again and compared exactly.
#
#   doc-outputs.py [--update] BUILD-DIR [DOC.md…]
#
# --update writes what is printed today into the blocks instead. Run from
# anywhere; the documents are those of the tree this script is in.
#
# The markup is HTML comments, which the rendered docs do not show, each on
# the line before a fenced block (run: on a line of its own). A marker
# holds no “--”: gi-docgen's typography would make it a dash and the
# comment visible text. Write \-\- instead, which the shell reads as --.
#
#   <!-- file: PATH -->      the block is the file PATH; further blocks
#                            naming PATH are appended to it, so a program
#                            shown in parts is the program that runs
#   <!-- run: COMMAND -->    run COMMAND; it must succeed, its output is
#                            not shown (preparing a file, say)
#   <!-- output: COMMAND --> the block is what COMMAND prints, stdout and
#                            stderr together
#   <!-- output -->          the block is a transcript: `$ COMMAND`, then
#                            what COMMAND prints
#
# Commands run with `sh -c` in a scratch folder, one per document, in which
# the top-level entries of the source tree are linked, so `tests/data/…`
# and `bindings/…` work as from the top of the tree; the folder's own path
# is shown as `/…`. `attrib` is the build's tools/attrib; python3, gjs and
# cc are those of /usr/bin; the build's library, typelib, pkg-config file
# and translations are found; LC_ALL is C.UTF-8. PYTHONPATH is not set: a
# document whose Python uses the override says `PYTHONPATH=bindings/python
# python3 …`, as it tells its readers to.
#
# A command run again in the same document whose output adds to what it
# printed at its previous run shows only the addition: a Python script
# shown block by block, each block appended to its file, shows each
# block's output after it.
#
# A line of a block that is only `…` stands for any number of lines, and
# `…` inside a line for any text in it: an excerpt. --update writes the
# whole output over an excerpt that no longer matches.
#
# “libattrib X.Y.Z” in the paragraphs just before and after an output
# block (“With libattrib 0.1.0 it prints:”) must be the library's version.
#
# Commands in ```sh blocks are not run, but each that runs `attrib`, a
# program of the build (_build/…) or a script of the tree (tests/bench/race)
# must name a program and an `attrib` command that exist, and long options
# that the program's --help lists (a script's source spells): so the
# commands that produced the figures of docs/performance.md, and the lists
# of README.md, stay real. What they print depends on the machine and is
# not compared.

import difflib
import glob
import os
import re
import shlex
import subprocess
import sys
import tempfile

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MARKER = re.compile(r"^\s*<!-- (file|run|output)(?::\s*(.*?))?\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+)\s*([\w+-]*)\s*$")
VERSION = re.compile(r"\blibattrib (\d+\.\d+\.\d+)\b")


class Block:
    """A fenced block: its lines in the document, without the fence's indent."""

    def __init__(self, lines, start, indent, lang):
        self.start, self.indent, self.lang = start, indent, lang
        end = start + 1
        while end < len(lines) and not re.match(r"^\s*```+\s*$", lines[end]):
            end += 1
        if end == len(lines):
            raise SystemExit("line %d: a block that does not end" % (start + 1))
        self.end = end       # the closing fence
        self.text = "".join(line[len(indent):] if line.startswith(indent) else line.lstrip()
                            for line in lines[start + 1:end])


def blocks_and_markers(lines):
    """(marker kind, argument, line number, Block or None), in document order,
    and the ```sh blocks and unmarked transcripts."""
    items, sh = [], []
    i = 0
    while i < len(lines):
        marker = MARKER.match(lines[i])
        fence = FENCE.match(lines[i])
        if marker:
            kind, arg = marker.group(1), marker.group(2) or ""
            if "--" in arg:
                raise SystemExit("line %d: “--” in a marker shows in the rendered docs: write \\-\\- "
                                 "(the shell reads it as --), or show the command in a `$ ` block" % (i + 1))
            block = None
            if kind != "run":
                fence = FENCE.match(lines[i + 1]) if i + 1 < len(lines) else None
                if not fence:
                    raise SystemExit("line %d: <!-- %s --> is not followed by a ``` block" % (i + 1, kind))
                block = Block(lines, i + 1, fence.group(1), fence.group(3))
            elif not arg:
                raise SystemExit("line %d: <!-- run --> without a command" % (i + 1))
            items.append((kind, arg, i + 1, block))
            i = block.end + 1 if block else i + 1
        elif fence:
            block = Block(lines, i, fence.group(1), fence.group(3))
            if block.lang == "sh" or block.text.startswith("$ "):
                sh.append(block)
            i = block.end + 1
        else:
            i += 1
    return items, sh


def excerpt_pattern(expected):
    """A regex for a block with `…`: a lone `…` is any lines, `…` in a line any text."""
    parts = []
    for line in expected.splitlines():
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(r"[^\n]*?".join(re.escape(p) for p in line.split("…")) + r"\n")
    return "".join(parts)


def matches(expected, actual):
    if "…" not in expected:
        return expected == actual
    return re.fullmatch(excerpt_pattern(expected), actual) is not None


def paragraph(lines, i, step):
    """The lines of the paragraph that begins (step 1) or ends (step -1) next to line i."""
    while 0 <= i < len(lines) and not lines[i].strip():
        i += step
    out = []
    while 0 <= i < len(lines) and lines[i].strip() and not FENCE.match(lines[i]) and not MARKER.match(lines[i]):
        out.append(i)
        i += step
    return out


class Runner:
    def __init__(self, build):
        self.build = os.path.abspath(build)
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONPATH", "LANG", "LANGUAGE", "LC_ALL", "CFLAGS", "LDFLAGS")}
        lib = os.path.join(self.build, "libattrib")
        self.env.update(
            PATH=os.pathsep.join([os.path.join(self.build, "tools"), "/usr/bin", os.environ.get("PATH", "")]),
            LD_LIBRARY_PATH=lib, GI_TYPELIB_PATH=lib,
            PKG_CONFIG_PATH=os.path.join(self.build, "meson-uninstalled"),
            ATTRIB_LOCALEDIR=os.path.join(self.build, "po"),
            LC_ALL="C.UTF-8", PYTHONDONTWRITEBYTECODE="1")
        version, _ = self.sh("attrib version", SOURCE)
        self.version = re.search(r"libattrib (\S+)\)", version).group(1)

    def sh(self, command, cwd):
        """What `sh -c COMMAND` prints, stdout and stderr together, and its status."""
        result = subprocess.run(["sh", "-c", command], cwd=cwd, env=self.env, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        return result.stdout, result.returncode

    def help(self, *argv):
        return self.sh(shlex.join(argv + ("--help",)), SOURCE)[0]

    def check_commands(self, block, where):
        """The programs, attrib commands and long options of a ```sh block exist."""
        errors = []
        for n, line in enumerate(block.text.splitlines(), block.start + 2):
            for segment in re.split(r"&&|\|\||\s\|\s|;", line.split("#", 1)[0]):
                error = self.check_command(segment.split())
                if error:
                    errors.append("%s:%d: %s: %s" % (where, n, segment.strip(), error))
        return errors

    def check_command(self, words):
        while words and re.match(r"^\w+=", words[0]):
            words = words[1:]
        if not words:
            return None
        program, args = words[0], words[1:]
        options = re.findall(r"(?<![\w-])--[a-z][\w-]*", " ".join(args))
        if program in ("attrib", "_build/tools/attrib"):
            attrib = os.path.join(self.build, "tools", "attrib")
            command = args[:2] if args[:1] == ["profile"] else args[:1]
            if not re.search(r"^  %s\b" % re.escape(" ".join(command)), self.help(attrib), re.M):
                return "attrib has no command “%s”" % " ".join(command)
            # the options any command takes are in attrib --help
            known = self.help(attrib, *command) + self.help(attrib)
        elif program.startswith("_build/"):
            # a program of the build: GOption's --help lists its options
            path = os.path.join(self.build, program[len("_build/"):])
            if not os.access(path, os.X_OK):
                return "no such program in the build"
            known = self.help(path) if options else ""
        elif "/" in program and not os.path.isabs(program) and os.path.isfile(os.path.join(SOURCE, program)):
            # a script of the tree: not run (.ci/setup installs packages), its
            # options must be spelled in it
            with open(os.path.join(SOURCE, program), encoding="utf-8", errors="replace") as f:
                known = f.read()
        else:
            return None         # not ours: meson, cmp, sudo …
        for option in options:
            if not re.search(r"(?<![\w-])%s\b(?!-)" % re.escape(option), known):
                return "%s has no option %s" % (program, option)
        return None


def check_document(path, runner, update):
    name = os.path.relpath(path, SOURCE)
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    original = list(lines)
    try:
        items, sh_blocks = blocks_and_markers(lines)
    except SystemExit as e:
        return ["%s: %s" % (name, e)], 0
    errors = []
    for block in sh_blocks:
        if block.lang == "sh":
            errors += runner.check_commands(block, name)
        else:
            errors.append("%s:%d: a transcript that is not checked: put <!-- output --> before it"
                          % (name, block.start + 1))
    if not items:
        return errors, 0

    replacements = {}                  # the first line of a block → its new text
    checked = 0
    with tempfile.TemporaryDirectory(prefix="doc-outputs-") as scratch:
        for entry in os.listdir(SOURCE):
            if not entry.startswith("."):
                os.symlink(os.path.join(SOURCE, entry), os.path.join(scratch, entry))
        real_scratch = os.path.realpath(scratch)
        written, previous = set(), {}
        for kind, arg, line, block in items:
            where = "%s:%d" % (name, line)
            if kind == "file":
                target = os.path.normpath(os.path.join(scratch, arg))
                top = os.path.relpath(target, scratch).split(os.sep)[0]
                if top == ".." or os.path.islink(os.path.join(scratch, top)):
                    errors.append("%s: %s is outside the scratch folder" % (where, arg))
                    continue
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "a" if arg in written else "w", encoding="utf-8") as f:
                    f.write(block.text)
                written.add(arg)
                continue
            if kind == "run":
                printed, status = runner.sh(arg, scratch)
                printed = printed.replace(real_scratch, "/…").replace(scratch, "/…")
                if status != 0:
                    errors.append("%s: %s failed (%d):\n%s" % (where, arg, status, printed))
                continue

            # an output block
            text, shown_command = block.text, ""
            command = arg
            if not command:
                first, _, text = text.partition("\n")
                if not first.startswith("$ "):
                    errors.append("%s: <!-- output --> without a command needs a block that starts with `$ `" % where)
                    continue
                shown_command, command = first + "\n", first[2:]
            # the scratch folder is no part of the output: /…/a.json
            printed = runner.sh(command, scratch)[0].replace(real_scratch, "/…").replace(scratch, "/…")
            actual = printed
            before = previous.get(command, "")
            if before and printed.startswith(before) and printed != before:
                actual = printed[len(before):]
            previous[command] = printed
            if actual and not actual.endswith("\n"):
                actual += "\n"
            checked += 1

            if not matches(text, actual):
                if update:
                    replacements[block.start] = (block, shown_command + actual)
                else:
                    diff = difflib.unified_diff(text.splitlines(), actual.splitlines(),
                                                "the document", "what it prints", lineterm="")
                    errors.append("%s: %s\n%s" % (where, command, "\n".join(diff)))

            # the version named next to the block
            for i in paragraph(lines, line - 2, -1) + paragraph(lines, block.end + 1, 1):
                for v in VERSION.findall(lines[i]):
                    if v != runner.version:
                        if update:
                            lines[i] = lines[i].replace("libattrib " + v, "libattrib " + runner.version)
                            print("%s:%d: libattrib %s" % (name, i + 1, runner.version))
                        else:
                            errors.append("%s:%d: names libattrib %s, the library is %s"
                                          % (name, i + 1, v, runner.version))

    if update and (replacements or lines != original):
        for start in sorted(replacements, reverse=True):
            block, new = replacements[start]
            new_lines = [(block.indent + l if l.strip() else l) + "\n" for l in new.splitlines()]
            lines[block.start + 1:block.end] = new_lines
            print("%s:%d: updated" % (name, block.start + 1))
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
    return errors, checked


def main(argv):
    update = "--update" in argv
    args = [a for a in argv if a != "--update"]
    if not args or args[0].startswith("-"):
        sys.exit("usage: doc-outputs.py [--update] BUILD-DIR [DOC.md…]")
    runner = Runner(args[0])
    docs = [os.path.abspath(a) for a in args[1:]] or \
        [os.path.join(SOURCE, "README.md")] + sorted(glob.glob(os.path.join(SOURCE, "docs", "*.md")))
    errors, checked = [], 0
    for doc in docs:
        e, n = check_document(doc, runner, update)
        errors += e
        checked += n
    for e in errors:
        print(e)
    print("%d output blocks in %d documents: %s" % (checked, len(docs), "%d errors" % len(errors) if errors else "ok"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
