#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# From a CRM's CSV export to verdicts and a month's commission statements.
#
#   crm_export.py EXPORT.csv PLANS.json --period 2024-03 [--profile junyuan-2012] [--out DIR]
#
# The export has Chinese headers and record types, as a sales office's CRM
# gives them (docs/examples/data/crm-export.csv): 报备 reports, 带看
# channel visits, 来电/来访 the developer's own calls and walk-ins, 认购/签约/退房
# deal stages. Writes DIR/verdicts.jsonl (one verdict per deal,
# docs/verdicts.md) and DIR/statements-PERIOD.csv, and prints a summary.

import argparse
import csv
import json
import os
import sys

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, GLib  # noqa: E402

TYPES = {  # 类型 → the scenario event, docs/audit-format.md
    "报备": {"type": "report"},
    "带看": {"type": "visit"},
    "来电": {"type": "interaction", "kind": "call"},
    "来访": {"type": "interaction", "kind": "visit"},
    "认购": {"type": "deal", "stage": "subscribed"},
    "签约": {"type": "deal", "stage": "signed"},
    "退房": {"type": "deal", "stage": "cancelled"},
}


def event(row):
    """One export row as a scenario event."""
    e = dict(TYPES[row["类型"]], id=row["编号"], at=row["时间"].replace(" ", "T") + ":00+08:00")
    person = {"name": row["客户姓名"], "phone": row["客户电话"]}
    party = "%s/%s" % (row["渠道"], row["经纪人"]) if row["渠道"] else None
    if e["type"] == "report":
        e.update(party=party, customer=person)
    elif e["type"] == "visit":
        e.update(customer=person, agents=[{"party": party}])
    elif e["type"] == "interaction":
        e.update(customer=person)
    else:
        e.update(deal=row["成交编号"], purchaser=person, unit=row["房号"])
        if row["成交价"]:
            e["price"] = row["成交价"]
    return e


def main():
    parser = argparse.ArgumentParser(description="From a CRM export to verdicts and statements")
    parser.add_argument("export")
    parser.add_argument("plans")
    parser.add_argument("--period", required=True, help="the month of the statements, YYYY-MM")
    parser.add_argument("--profile", default="junyuan-2012")
    parser.add_argument("--out", default=".")
    args = parser.parse_args()

    try:
        with open(args.export, encoding="utf-8-sig", newline="") as f:
            ledger = Attrib.Ledger.from_rows(event(row) for row in csv.DictReader(f))
        with open(args.plans, encoding="utf-8") as f:
            plans = json.load(f)
        engine = Attrib.Engine(args.profile)
        calc = Attrib.Calculator(args.profile, plans=plans)

        verdicts = engine.attribute_all(ledger)
        with open(os.path.join(args.out, "verdicts.jsonl"), "w", encoding="utf-8") as out:
            for v in verdicts:
                out.write(v.to_json() + "\n")
        statements = calc.get_statements(ledger, args.period)
    except GLib.Error as e:   # bad rows, plans or periods: the message says where
        sys.exit("crm_export: %s" % e.message)

    with open(os.path.join(args.out, "statements-%s.csv" % args.period), "w", encoding="utf-8") as out:
        for s in statements:
            out.write(s.to_csv())

    for v in verdicts:
        shares = ", ".join("%s %s" % (party, share) for party, share in v.commission.items())
        print("%s  %-9s %s  (%s)" % (v.deal, v.status.value_nick, shares or "-", " ".join(v.clauses)))
    for s in statements:
        print("%s %s: earned %s, deductions %s, payable %s" % (s.period, s.party, s.earned, s.deductions, s.payable))


if __name__ == "__main__":
    main()
