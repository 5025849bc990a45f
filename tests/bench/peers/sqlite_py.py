#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The compared rule (tests/bench/RULE.md) in SQLite, driven from Python's
# sqlite3: an in-memory database, the CSV read with the csv module and
# loaded with executemany, indexes, then the claims and every owner in
# one SQL statement (a recursive CTE over each purchaser's claims; no
# per-customer loop in Python). A peer of the race.
#
#   sqlite_py.py EVENTS.csv [--deals DEALS.txt] [--sql RULE.sql]
#
# The SQL is rule-sqlite.sql next to this file (or --sql), the same text
# that sqlite_c.c runs; its header says what each section is.

import csv
import hashlib
import os
import re
import sqlite3
import sys
import time

BATCH = 50000   # rows per executemany: enough to amortize the call, little memory


def sections(path):
    """The `-- @NAME` sections of the shared SQL file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    parts = re.split(r"^-- @(\w+)[ \t]*$", text, flags=re.M)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def load(db, sql, path):
    """The visits' agents, the interactions and the deals' stages into their tables."""
    attempts, interactions, stages = [], [], []
    ins_attempt, ins_interaction, ins_stage = sql["insert_attempt"], sql["insert_interaction"], sql["insert_stage"]
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        col = {name: i for i, name in enumerate(header)}
        c_type, c_at, c_agents, c_phone = col["type"], col["at"], col["agents"], col["customer_phone"]
        c_purchaser, c_kind, c_stage, c_deal = col["purchaser_phone"], col["kind"], col["stage"], col["deal"]
        for row in rows:
            kind = row[c_type]
            if kind == "visit":
                if row[c_agents]:
                    for pos, agent in enumerate(row[c_agents].split(";")):
                        party, _, rank = agent.rpartition(":")
                        attempts.append((row[c_phone], row[c_at], party, rank, pos))
                    if len(attempts) >= BATCH:
                        db.executemany(ins_attempt, attempts)
                        attempts.clear()
            elif kind == "interaction":
                interactions.append((row[c_phone], row[c_at], row[c_kind]))
                if len(interactions) >= BATCH:
                    db.executemany(ins_interaction, interactions)
                    interactions.clear()
            elif kind == "deal":
                stages.append((row[c_deal], row[c_stage], row[c_at], row[c_purchaser]))
                if len(stages) >= BATCH:
                    db.executemany(ins_stage, stages)
                    stages.clear()
    db.executemany(ins_attempt, attempts)
    db.executemany(ins_interaction, interactions)
    db.executemany(ins_stage, stages)


def main():
    args = sys.argv[1:]
    deals_file = sql_file = None
    if "--deals" in args:
        i = args.index("--deals")
        deals_file = args[i + 1]
        del args[i:i + 2]
    if "--sql" in args:
        i = args.index("--sql")
        sql_file = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit("usage: sqlite_py.py EVENTS.csv [--deals DEALS.txt] [--sql RULE.sql]")
    if sql_file is None:
        sql_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rule-sqlite.sql")
    sql = sections(sql_file)

    started = time.perf_counter()
    # autocommit off by hand: one transaction for the whole load
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.executescript(sql["schema"])
    db.execute("BEGIN")
    load(db, sql, args[0])
    db.execute("COMMIT")
    db.executescript(sql["index"])
    loaded = time.perf_counter()

    lines = [line for (line,) in db.execute(sql["owners"], {"deal": None})]   # sorted by the SQL
    digest = hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()
    done = time.perf_counter()
    print("ingest_s %.6f" % (loaded - started))
    print("attribute_s %.6f" % (done - loaded))

    if deals_file is not None:
        with open(deals_file) as f:
            wanted = [line.strip() for line in f if line.strip()]
        owners = sql["owners"]
        times = []
        for deal in wanted:
            # the same statement for one deal, from the tables (the module's
            # statement cache keeps it prepared)
            t0 = time.perf_counter()
            db.execute(owners, {"deal": deal}).fetchall()
            times.append((time.perf_counter() - t0) * 1e6)
        times.sort()
        print("single_p50_us %.3f" % times[len(times) // 2])
        print("single_p99_us %.3f" % times[min(len(times) - 1, len(times) * 99 // 100)])
    print("peak_rss_kb %d" % peak_rss_kb())
    print("checksum %s deals %d" % (digest, len(lines)))


if __name__ == "__main__":
    main()
