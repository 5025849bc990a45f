#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The floor's --traced mode against libattrib (tests/bench/meson.build).

peer-floor --traced --print-verdicts must write, for every deal, the very
JSON line `attrib attribute -p junyuan-2012` writes (trace, English
messages, fingerprint), in the same order; and peer-floor --traced its
trace_checksum, the SHA-256 of those lines, with the checksum of RULE.md
over the owners of libattrib's verdicts. Checked on bench-gen files and on a hand-made
ledger in bench-gen's format that reaches what bench-gen seldom does:
renewals (of a claim shared by two channels too), a claim that ran out or
began after the deal, the CRM voided by a lapse, a trace that lists eight
steps of a kind and counts the rest, ids that libattrib partly masks.

    floor-traced.py --build BUILD_DIR --work WORK_DIR
"""

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys

HEADER = "id,type,at,party,agents,customer_name,customer_phone,purchaser_phone,kind,stage,deal,price\n"


class Ledger:
    """Rows in bench-gen's format, written in time order, every time distinct
    (a row without a time comes 37 seconds after the row before it)."""

    def __init__(self, start):
        self.t = start
        self.rows = []
        self.times = set()

    def add(self, kind, when=None, ident=None, party="", agents="", name="", phone="", purchaser="",
            sub="", stage="", deal="", price=""):
        self.t = when if when is not None else self.t + datetime.timedelta(seconds=37)
        while self.t in self.times:
            self.t += datetime.timedelta(seconds=1)
        self.times.add(self.t)
        ident = ident or "e%d" % (len(self.rows) + 1)
        at = self.t.strftime("%Y-%m-%dT%H:%M:%S+08:00")
        self.rows.append((self.t, ",".join([ident, kind, at, party, agents, name, phone, purchaser, sub, stage,
                                            deal, price])))

    def visit(self, customer, agents, when=None, ident=None):
        self.add("visit", when, ident, agents=agents, name="客户%d" % customer, phone=phone(customer))

    def crm(self, customer, sub, when=None):
        self.add("interaction", when, name="客户%d" % customer, phone=phone(customer), sub=sub)

    def report(self, customer, party, when=None):
        self.add("report", when, party=party, name="客户%d" % customer, phone=phone(customer))

    def deal(self, customer, stage, when=None, price=""):
        self.add("deal", when, purchaser=phone(customer), stage=stage, deal="D%d" % customer, price=price)

    def write(self, path):
        with open(path, "w", encoding="utf-8") as f:
            f.write(HEADER)
            for _, row in sorted(self.rows):
                f.write(row + "\n")


def phone(customer):
    return "139%08d" % customer


def day(y, m, d, h=10):
    return datetime.datetime(y, m, d, h, 0, 0)


def hand_made(path):
    led = Ledger(day(2024, 1, 1, 0))
    # 1: renewed in the last 7 days, the deal inside the renewal
    led.visit(1, "ch01/ag01:0", day(2024, 1, 2))
    led.report(1, "ch02/ag05")
    led.visit(1, "ch01/ag02:0", day(2024, 3, 28))
    led.deal(1, "subscribed", day(2024, 5, 1), price="1500000.5")
    led.deal(1, "signed", day(2024, 5, 2))
    # 2: two channels entered together, each renews on its own visit
    led.visit(2, "ch03/ag01:0;ch04/ag01:0", day(2024, 5, 3))
    led.visit(2, "ch03/ag02:0", day(2024, 7, 29))
    led.visit(2, "ch04/ag03:0", day(2024, 7, 30))
    led.deal(2, "signed", day(2024, 9, 1))
    # 3: the claim ran out before the deal, and a visit inside it came again
    led.visit(3, "ch05/ag01:0", day(2024, 1, 10))
    led.visit(3, "ch05/ag01:0", day(2024, 2, 10))
    led.deal(3, "signed", day(2024, 6, 1))
    # 4: the claim began on the deal's day, after the deal
    led.deal(4, "signed", day(2024, 2, 1, 9))
    led.visit(4, "ch06/ag01:0", day(2024, 2, 1, 15))
    # 5: twenty channels turned away inside one claim: eight steps and a
    # summary; a ninth of another kind: one more step
    led.visit(5, "ch07/ag01:0", day(2024, 3, 1))
    for k in range(20):
        led.visit(5, "ch%02d/ag02:0" % (10 + k))
    for k in range(9):
        led.visit(5, "ch07/ag%02d:0" % (3 + k))
    led.deal(5, "signed", day(2024, 4, 1))
    # 6: the CRM knew the customer, not a first visit: rejected (1.1.2)
    led.crm(6, "call", day(2024, 3, 2))
    led.crm(6, "visit", day(2024, 3, 3))
    led.visit(6, "ch08/ag01:0", day(2024, 3, 4))
    led.deal(6, "signed", day(2024, 3, 5))
    # 7: a lapse voids the CRM's records: the visit after it stands
    led.visit(7, "ch09/ag01:0", day(2024, 3, 6))
    led.crm(7, "follow_up", day(2024, 4, 1))
    led.visit(7, "ch40/ag01:0", day(2024, 6, 10))
    led.deal(7, "signed", day(2024, 6, 20))
    # 8: a deal cancelled after its signing
    led.visit(8, "ch41/ag01:0;ch42/ag01:1", day(2024, 3, 8))
    led.deal(8, "subscribed", day(2024, 3, 9), price="880000")
    led.deal(8, "signed", day(2024, 3, 10))
    led.deal(8, "cancelled", day(2024, 3, 11))
    # 9: only subscribed: pending, judged at the subscription
    led.visit(9, "ch43/ag01:0;ch44/ag01:0", day(2024, 3, 12))
    led.deal(9, "subscribed", day(2024, 3, 13), price="12.30")
    # 10: nobody confirmed the purchaser
    led.crm(10, "call", day(2024, 3, 14))
    led.deal(10, "signed", day(2024, 3, 15))
    # 11: ids of seven digits and more, which libattrib's messages mask
    led.visit(11, "ch45/ag01:0", day(2024, 3, 16), ident="e1234567")
    led.visit(11, "ch46/ag01:0", day(2024, 3, 17), ident="e123456789")
    led.visit(11, "ch46/ag01:0", day(2024, 3, 18), ident="v12345678x9")
    led.deal(11, "signed", day(2024, 3, 19))
    # 12: a channel renews its claim, another is turned away by the renewal
    led.visit(12, "ch47/ag01:0", day(2024, 1, 3))
    led.visit(12, "ch47/ag02:0;ch48/ag02:0", day(2024, 3, 30))
    led.visit(12, "ch48/ag03:0", day(2024, 4, 20))
    led.deal(12, "signed", day(2024, 4, 21))
    # 13: a channel entered after another (1.2.8), the deal kept
    led.visit(13, "ch49/ag01:0;ch50/ag01:1", day(2024, 3, 20))
    led.deal(13, "signed", day(2024, 3, 21))
    led.write(path)


def run(argv, env=None):
    done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    if done.returncode != 0:
        sys.exit("%s failed (%d): %s" % (" ".join(argv), done.returncode, done.stderr.decode(errors="replace")))
    return done.stdout


def compare(build, csv):
    env = dict(os.environ, LANGUAGE="", LANG="C")
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    floor = os.path.join(build, "tests", "bench", "peer-floor")
    want = run([os.path.join(build, "tools", "attrib"), "attribute", "-p", "junyuan-2012", csv], env)
    got = run([floor, "--traced", "--print-verdicts", csv])
    want_lines, got_lines = want.decode().splitlines(), got.decode().splitlines()
    failures = []
    if len(want_lines) != len(got_lines):
        failures.append("%d verdicts from libattrib, %d from the floor" % (len(want_lines), len(got_lines)))
    for w, g in zip(want_lines, got_lines):
        if w != g:
            k = next(i for i in range(min(len(w), len(g)) + 1) if i >= min(len(w), len(g)) or w[i] != g[i])
            failures.append("first difference at byte %d:\n  libattrib: …%s\n  floor:     …%s"
                            % (k, w[max(0, k - 120):k + 120], g[max(0, k - 120):k + 120]))
            break
    metrics = dict(line.split(" ", 1) for line in run([floor, "--traced", csv]).decode().splitlines())
    if metrics.get("trace_checksum") != hashlib.sha256(want).hexdigest():
        failures.append("trace_checksum %s, libattrib's lines hash to %s"
                        % (metrics.get("trace_checksum"), hashlib.sha256(want).hexdigest()))
    owners = hashlib.sha256("".join(sorted("%s\t%s\n" % owner(json.loads(line)) for line in want_lines)).encode())
    expected = "%s deals %d" % (owners.hexdigest(), len(want_lines))
    if metrics.get("checksum") != expected:
        failures.append("checksum %s, libattrib's owners give %s" % (metrics.get("checksum"), expected))
    return len(want_lines), failures


def owner(verdict):
    """A verdict's owner as RULE.md writes it (bench-race's owner_of)."""
    if verdict["status"] != "decided":
        return verdict["deal"], verdict["status"]
    return verdict["deal"], "+".join(sorted({party.split("/")[0] for party in verdict["commission"]}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    files = []
    hand = os.path.join(args.work, "hand-made.csv")
    hand_made(hand)
    files.append(hand)
    for events, seed in ((20000, 1), (20000, 2)):
        path = os.path.join(args.work, "bench-%d-%d.csv" % (events, seed))
        run([os.path.join(args.build, "tests", "bench", "bench-gen"), "--events", str(events), "--seed", str(seed),
             "--csv", path])
        files.append(path)

    failed = False
    for path in files:
        n, failures = compare(args.build, path)
        print("%s: %d verdicts, %s" % (os.path.basename(path), n, "identical" if not failures else "DIFFERENT"))
        for failure in failures:
            print("  " + failure)
        failed = failed or bool(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
