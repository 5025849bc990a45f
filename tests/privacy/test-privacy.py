#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# No phone printed in full unless asked (docs/reliability.md, *Personal
# data*; issue 17, item 5): every case of the bad-input corpus
# (tests/bad-input/, the crafted pipl-* cases among them) and every listing
# input of tests/privacy/ is run through the library (test-bad-input
# --print) and through the command line — in English and in Chinese, with
# and without --phone-key — and every byte printed, standard output and
# standard error, is searched for a run of 7 or more digits, in any
# script (ASCII, fullwidth, Arabic-Indic, …).
#
# Not phones, and so not searched: hashed phones (# and 20 hexadecimal
# digits), fingerprints and Merkle hashes (64 hexadecimal digits), the
# constants some messages quote as examples or bounds (TEMPLATE below),
# and amounts the tool formats itself (¥3250000.00, "amount": "…").
#
# A second search finds the phones planted in the crafted inputs however
# they are printed: digits of any script folded to ASCII and spaces,
# dashes and dots between digits removed, no 7 consecutive digits of a
# planted phone may remain.
#
# Not searched: statements as JSON or CSV (commission --json/--csv), the
# project's accounting records, which keep parties and deals as given; in
# verdicts as JSON Lines (attribute), the ids a program joins on — the
# deal, the parties of the shares, the clauses and each step's events —
# which are printed as given too (docs/reliability.md, Personal data): only
# the steps' messages, which are text for people, are searched.
#
# Then --show-phones must show a phone: printing them on purpose still
# works.
#
#   test-privacy.py ATTRIB-TOOL TEST-BAD-INPUT TESTS-SRCDIR

import os
import re
import subprocess
import sys
import tempfile
import unicodedata

TOOL, BAD_INPUT_RUNNER, SRCDIR = sys.argv[1:4]
CORPUS = os.path.join(SRCDIR, "bad-input")
LISTINGS = os.path.join(SRCDIR, "privacy")

PLANTED = ["13957204861", "13986420753", "15837261094"]

# Numbers in message templates, not in anybody's input: an example of an
# amount or a phone, a bound. Removed before searching, as the exact text
# of the template (both languages).
TEMPLATE = [
    "-1000000 and 1000000", "-1000000 至 1000000",
    "3250000.00", "e.g. \"13800138000\"", "如 \"13800138000\"",
    "-92233720368547758.08 to 92233720368547758.07",
    "-92233720368547758.08 元至 92233720368547758.07 元",
    "up to 1000000000000 (a trillionth", "must not pass 1000000000000 (a trillionth",
    "最大为 1000000000000（", "不得超过 1000000000000（",
]

DIGIT_RUN = re.compile(r"\d{7,}")          # str pattern: any script's digits
NOT_PHONES = [
    re.compile(r"#[0-9a-fA-F]{20}(?![0-9a-fA-F])"),     # hashed phones
    re.compile(r"(?<![0-9a-fA-F])[0-9a-f]{40,}(?![0-9a-fA-F])"),  # digests
    re.compile(r"\.(?:json|csv):\d+:\d+"),                  # positions in a file
    re.compile(r"\d+ bytes"),                              # sizes of generated inputs
    re.compile(r"-?\d+ (?:µs|微秒)"),                      # a parsed time out of range
    re.compile(r"¥-?\d+\.\d\d"),                         # amounts the tool formats
    re.compile(r"(?<![\d“\"'])-?\d+\.\d\d(?![\d”\"'])"),
    re.compile(r"\"(?:amount|base|price|total|commission|paid|due|[a-z_]*amount)\": \"-?\d+\.\d\d\""),
]
SEPARATORS = " -.\u00a0\u3000\u2010\u2011\u2012\u2013\u2014\u2015\uff0d\uff0e()/_"


def generic_leaks(text):
    for pattern in NOT_PHONES:
        text = pattern.sub(" ", text)
    for phrase in TEMPLATE:
        text = text.replace(phrase, " ")
    return DIGIT_RUN.findall(text)


def fold(text):
    """Digits of every script as ASCII, separators between digits gone."""
    out = []
    for c in text:
        if unicodedata.category(c) == "Nd":
            out.append(str(unicodedata.digit(c)))
        else:
            out.append(c)
    folded = "".join(out)
    return re.sub(r"(?<=\d)[%s]+(?=\d)" % re.escape(SEPARATORS), "", folded)


WINDOWS = {p[i:i + 7] for p in PLANTED for i in range(len(p) - 6)}


def planted_leaks(text):
    folded = fold(text)
    return sorted({w for w in WINDOWS if w in folded})


def leaks(text):
    return sorted(set(generic_leaks(text)) | set(planted_leaks(text)))


class Checker:
    def __init__(self):
        self.inputs = {}        # input name -> list of (what, leaks)
        self.runs = 0

    def check(self, name, what, text):
        self.runs += 1
        found = leaks(text)
        self.inputs.setdefault(name, [])
        if found:
            self.inputs[name].append((what, found, text))


def run(args, cwd=None):
    env = dict(os.environ)
    env.pop("ATTRIB_SHOW_PHONES", None)
    done = subprocess.run(args, capture_output=True, cwd=cwd, env=env, timeout=120)
    return done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")


def library_pass(checker):
    """Every corpus case through the public API, as test-bad-input runs them."""
    out = run([BAD_INPUT_RUNNER, "--print"])
    name = None
    chunk = []
    for line in out.splitlines():
        if line.startswith("== "):
            if name is not None:
                checker.check(name, "library", "\n".join(chunk))
            name, chunk = line[3:], []
        else:
            chunk.append(line)
    if name is not None:
        checker.check(name, "library", "\n".join(chunk))
    if len(checker.inputs) < 100:
        sys.exit("test-bad-input --print gave only %d cases" % len(checker.inputs))


def corpus_files():
    for folder in sorted(os.listdir(CORPUS)):
        path = os.path.join(CORPUS, folder)
        if not os.path.isdir(path) or folder == "values":
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith((".json", ".csv")):
                yield folder, os.path.join(path, name)


def commands_for(folder, path):
    if folder in ("events", "csv"):
        return [["ledger", path]]
    if folder == "scenario":
        return [["ledger", path], ["attribute", path], ["commission", path]]
    if folder == "profile":
        return [["profile", "show", path]]
    if folder == "plan":
        scenario = os.path.join(LISTINGS, "support", "plain.json")
        return [["commission", scenario, "--plan", path]]
    if folder == "audit":
        return [["audit", path]]
    return []


def deals_of(path):
    import json
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    events = data["events"] if isinstance(data, dict) else data
    return sorted({e["deal"] for e in events if e.get("type") == "deal"})


def verdict_messages(text):
    """The messages of verdict JSON lines; other lines as they are."""
    import json
    out = []
    for line in text.splitlines():
        try:
            verdict = json.loads(line)
        except ValueError:
            out.append(line)
            continue
        if not isinstance(verdict, dict) or "trace" not in verdict:
            out.append(line)
            continue
        out.extend(step["message"] for step in verdict["trace"])
    return "\n".join(out)


def listing_commands(path):
    cmds = [["ledger", path]]
    if path.endswith(".json"):
        cmds += [["attribute", path], ["audit", path], ["audit", "--verbose", path],
                 ["commission", path]]
        for deal in deals_of(path):
            cmds.append(["explain", path, "--deal", deal])
        # not --json and --csv: statements as data are the project's
        # accounting records (the store keeps them so), ids as given
        for month in ("2024-03", "2024-04"):
            cmds += [["commission", path, "--period", month]]
    return cmds


def variants(key):
    return [["--lang", "en"], ["--lang", "zh_CN"],
            ["--lang", "en", "--phone-key", key], ["--lang", "zh_CN", "--phone-key", key]]


def cli_pass(checker, key):
    for folder, path in corpus_files():
        name = "%s/%s" % (folder, os.path.basename(path))
        for cmd in commands_for(folder, path):
            for v in variants(key):
                checker.check(name, " ".join(["attrib"] + v + cmd), run([TOOL] + v + cmd))


def listing_inputs():
    for name in sorted(os.listdir(LISTINGS)):
        if name.endswith((".json", ".csv")):
            yield os.path.join(LISTINGS, name)


def listing_pass(checker, key, tmp):
    for path in listing_inputs():
        name = "privacy/" + os.path.basename(path)
        for cmd in listing_commands(path):
            for v in variants(key):
                out = run([TOOL] + v + cmd)
                if cmd[0] == "attribute":
                    out = verdict_messages(out)
                checker.check(name, " ".join(["attrib"] + v + cmd), out)
        if not path.endswith(".json"):
            continue
        # the store: create, import, the desk, a month's statements
        for v in variants(key):
            db = os.path.join(tmp, "s%d.db" % checker.runs)
            plans = [a for p in sorted(os.listdir(os.path.join(LISTINGS, "support")))
                     if p.startswith("plan") for a in ("--plan", os.path.join(LISTINGS, "support", p))]
            for cmd in (["store", "create", db, "--profile", "junyuan-2012"] + plans,
                        ["store", "import", db, path],
                        ["store", "desk", db, "--phone", "13800138000", "--at", "2024-03-25"],
                        ["store", "desk", db, "--phone", "13957204861", "--at", "2024-03-25"],
                        ["store", "desk", db, "--phone", "139 5720 4861x", "--at", "2024-03-25"],
                        ["store", "desk", db, "--phone", "13800138000", "--at", "2024-03-25",
                         "--agent", "lianjia/13986420753"],
                        ["store", "statements", db, "2024-03"],
                        ["store", "changes", db, "--since", "0"]):
                checker.check(name, " ".join(["attrib"] + v + cmd), run([TOOL] + v + cmd))


def show_phones_pass():
    """--show-phones is asking: the phone is printed as given."""
    path = os.path.join(CORPUS, "events", "pipl-mask-star-suffix.json")
    out = run([TOOL, "--show-phones", "ledger", path])
    if "139572048619*" not in out:
        print("not ok - --show-phones does not show the phone: %s" % out.strip())
        return False
    path = os.path.join(LISTINGS, "names-and-ids.json")
    out = run([TOOL, "--show-phones", "ledger", path])
    if "13986420753" not in out:
        print("not ok - --show-phones does not show the agent's id: %s" % out.strip())
        return False
    return True


def main():
    checker = Checker()
    library_pass(checker)
    with tempfile.TemporaryDirectory() as tmp:
        key = os.path.join(tmp, "phone.key")
        with open(key, "wb") as f:
            f.write(b"0123456789abcdef-privacy-test-key")
        cli_pass(checker, key)
        listing_pass(checker, key, tmp)
    ok = show_phones_pass()

    leaking = sorted(n for n, found in checker.inputs.items() if found)
    crafted = [n for n in checker.inputs if "pipl-" in n or n.startswith("privacy/")]
    for n in leaking:
        for what, found, text in checker.inputs[n][:40]:
            print("# %s: %s: %s" % (n, what, ", ".join(found)))
            for line in text.splitlines():
                if leaks(line):
                    print("#   %s" % line[:300])
    print("# %d inputs (%d crafted), %d runs; %d inputs print a phone: %d crafted"
          % (len(checker.inputs), len(crafted), checker.runs, len(leaking),
             len([n for n in leaking if n in crafted])))
    if leaking or not ok:
        print("not ok - phones printed in full")
        return 1
    print("ok - no phone printed in full")
    return 0


if __name__ == "__main__":
    sys.exit(main())
