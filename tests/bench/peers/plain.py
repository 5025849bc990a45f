#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The compared rule (tests/bench/RULE.md) in plain Python: dicts of
# per-customer event lists, bisect for the look-back. A peer of the race.
#
#   plain.py EVENTS.csv [--deals DEALS.txt]     (the contract: peers/README.md)

import bisect
import calendar
import csv
import hashlib
import sys
import time

TZ = 8 * 3600


def parse_time(text):
    # 2024-01-01T00:01:47+08:00, always +08:00
    y, mo, d = int(text[0:4]), int(text[5:7]), int(text[8:10])
    h, mi, s = int(text[11:13]), int(text[14:16]), int(text[17:19])
    return calendar.timegm((y, mo, d, h, mi, s)) - TZ


def local_day(t):
    return (t + TZ) // 86400


def start(day):
    return day * 86400 - TZ


def add_months(day, months):
    y, m, d = time.gmtime(day * 86400)[:3]
    m0 = m - 1 + months
    y, m = y + m0 // 12, m0 % 12 + 1
    d = min(d, calendar.monthrange(y, m)[1])
    return calendar.timegm((y, m, d, 0, 0, 0)) // 86400


def claims_for(evs):
    """The claims of one customer from their events (RULE.md)."""
    claims = []
    void_since = float("inf")
    inter_times = []     # interactions so far, sorted (file order is time order)
    seen_visit = False
    for t, kind, agents, ikind in evs:
        for c in claims:
            if c["end"] <= t and not c["renewed"]:
                void_since = min(void_since, c["chain_begin"])
        if kind == "interaction":
            inter_times.append(t)
            if ikind == "visit":
                seen_visit = True
            continue
        first_visit = not seen_visit
        seen_visit = True
        attempts = {}
        for party, rank in agents:
            ch = party.split("/")[0]
            if ch not in attempts or rank < attempts[ch][1]:
                attempts[ch] = (party, rank)
        order = sorted(attempts.items(), key=lambda x: (x[1][1], x[0]))
        first = order[0][1][1]
        before = len(claims)
        for ch, (party, rank) in order:
            running = None
            for c in claims[:before]:
                if c["begin"] <= t < c["end"] and (running is None or c["channel"] == ch):
                    running = c
            if running is not None and running["channel"] == ch:
                if not running["renewed"] and running["end"] - 7 * 86400 <= t < running["end"]:
                    running["renewed"] = True
                    claims.append(dict(running, holder=party, renewed=False, begin=running["end"],
                                       end=start(add_months(local_day(running["end"]), 3))))
                continue
            if running is not None or rank > first:
                continue
            lb = start(add_months(local_day(t), -3))
            i = bisect.bisect_left(inter_times, lb)
            if i < len(inter_times) and inter_times[i] < t and inter_times[i] < void_since and not first_visit:
                continue
            day = local_day(t)
            claims.append({"channel": ch, "holder": party, "event": t, "begin": start(day),
                           "end": start(add_months(day, 3)), "chain_begin": start(day), "renewed": False})
    return claims


def owner_of(deal, deals, claims_of):
    d = deals[deal]
    if d["cancelled"]:
        return "cancelled"
    if d["signed"] is None:
        return "pending"
    T = d["signed"]
    claims = claims_of.get(d["phone"], [])
    found = next((c for c in claims if c["begin"] <= T < c["end"] and c["event"] <= T), None)
    if found is None:
        return "developer"
    return "+".join(sorted({c["channel"] for c in claims if c["event"] == found["event"] and c["begin"] <= T < c["end"]}))


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    deals_file = sys.argv[sys.argv.index("--deals") + 1] if "--deals" in sys.argv else None
    started = time.perf_counter()
    events = {}      # phone → [(t, type, agents, kind)]
    deals = {}       # deal → {"signed": t, "phone": p, "cancelled": bool}
    with open(sys.argv[1], encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            t = parse_time(row["at"])
            kind = row["type"]
            if kind == "visit":
                agents = [(p.rsplit(":", 1)[0], int(p.rsplit(":", 1)[1])) for p in row["agents"].split(";")]
                events.setdefault(row["customer_phone"], []).append((t, "visit", agents, None))
            elif kind == "interaction":
                events.setdefault(row["customer_phone"], []).append((t, "interaction", None, row["kind"]))
            elif kind == "deal":
                d = deals.setdefault(row["deal"], {"signed": None, "phone": None, "cancelled": False})
                if row["stage"] == "signed" and d["signed"] is None:
                    d["signed"], d["phone"] = t, row["purchaser_phone"]
                elif row["stage"] == "cancelled":
                    d["cancelled"] = True
    loaded = time.perf_counter()

    claims_of = {phone: claims_for(evs) for phone, evs in events.items()}
    lines = ["%s\t%s" % (deal, owner_of(deal, deals, claims_of)) for deal in deals]
    lines.sort()
    digest = hashlib.sha256(("\n".join(lines) + "\n").encode()).hexdigest()
    done = time.perf_counter()
    print("ingest_s %.6f" % (loaded - started))
    print("attribute_s %.6f" % (done - loaded))
    if deals_file is not None:
        with open(deals_file) as f:
            wanted = [line.strip() for line in f if line.strip()]
        times = []
        for deal in wanted:
            # from the loaded events: nothing kept from the batch
            t0 = time.perf_counter()
            phone = deals[deal]["phone"]
            owner_of(deal, deals, {phone: claims_for(events.get(phone, []))} if phone else {})
            times.append((time.perf_counter() - t0) * 1e6)
        times.sort()
        print("single_p50_us %.3f" % times[len(times) // 2])
        print("single_p99_us %.3f" % times[min(len(times) - 1, len(times) * 99 // 100)])
    print("peak_rss_kb %d" % peak_rss_kb())
    print("checksum %s deals %d" % (digest, len(lines)))


if __name__ == "__main__":
    main()
