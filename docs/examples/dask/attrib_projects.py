# SPDX-License-Identifier: LGPL-2.1-or-later
#
# One project's settlement, as a pure function: read the project, attribute
# its deals, work out the month's statements, return plain data. No Dask
# here: settle.py runs settle_project() as one Dask task per project, or
# one after another (--serial), and the two give the same bytes.
#
# A project is one of, in the projects folder:
#
#   NAME.db           a store (`attrib store create`): its profile, plans
#                     and events
#   NAME.json         a scenario file naming its profile, with its `plans`
#                     and `events` (`title` and `expect` not needed)
#   NAME/             a folder of events.jsonl, events.json or events.csv,
#                     the profile as `profile` (a built-in id, one line) or
#                     profile.json, and the commission plans as plans.json
#                     (an array of plans)
#
# One project is one ledger under one regulation: no verdict, claim or
# amount crosses projects, so projects settle independently (docs/scaling.md).

import hashlib
import json
import os

# PyGObject and libattrib, loaded once per process (a Dask worker keeps it
# for every task it runs): importing gi and reading the typelib take longer
# than a small project's settlement.
_attrib = None


def attrib():
    """The Attrib and Gio modules, imported on first use in this process."""
    global _attrib
    if _attrib is None:
        import gi
        gi.require_version("Attrib", "1.0")
        from gi.repository import Attrib, Gio
        _attrib = Attrib, Gio
    return _attrib


EVENT_FILES = ("events.jsonl", "events.ndjson", "events.json", "events.csv")


def find_projects(folder):
    """The projects of a folder as (name, path), sorted by name. A name
    given twice (p1.db and p1/) is an error: the report is by name."""
    projects = {}
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        if entry.startswith("."):
            continue
        if os.path.isdir(path):
            if not any(os.path.exists(os.path.join(path, f)) for f in EVENT_FILES):
                continue
            name = entry
        elif entry.endswith(".db"):
            name = entry[:-3]
        elif entry.endswith(".json"):
            name = entry[:-5]
        else:
            continue
        if name in projects:
            raise ValueError("project %s is given twice: %s and %s" % (name, projects[name], path))
        projects[name] = path
    return sorted(projects.items())


def _load_folder(Attrib, Gio, path):
    """profile, ledger (frozen), calculator of a folder of events."""
    events = next(os.path.join(path, f) for f in EVENT_FILES if os.path.exists(os.path.join(path, f)))
    if os.path.exists(os.path.join(path, "profile.json")):
        profile = Attrib.Profile.new_from_file(Gio.File.new_for_path(os.path.join(path, "profile.json")), None)
    else:
        with open(os.path.join(path, "profile"), encoding="utf-8") as f:
            profile = Attrib.Profile.builtin(f.read().strip())
    ledger = Attrib.Ledger.new_for_time_zone(profile.get_time_zone_identifier())
    ledger.load_file(Gio.File.new_for_path(events), None)
    ledger.freeze()
    plans = []
    if os.path.exists(os.path.join(path, "plans.json")):
        with open(os.path.join(path, "plans.json"), encoding="utf-8") as f:
            plans = json.load(f)
    return profile, ledger, Attrib.Calculator(profile, plans=plans)


def _load(Attrib, Gio, path):
    """(source, profile, ledger, calculator) of a project."""
    if os.path.isdir(path):
        return ("events",) + _load_folder(Attrib, Gio, path)
    if path.endswith(".db"):
        # read-only: a task only reads, and may run again elsewhere
        store = Attrib.Store.open(path, Attrib.StoreFlags.READ_ONLY)
        return "store", store.get_profile(), store.get_ledger(), store.get_calculator()
    profile, ledger, plans = Attrib.load_scenario(path)
    return "scenario", profile, ledger, Attrib.Calculator(profile, plans=plans)


def settle_project(name, path, period):
    """Attributes every deal of the project @name at @path and works out its
    statements for @period (YYYY-MM): a dict of plain data (str, int,
    lists, dicts), the same wherever and however often it runs. Money is
    in fen (int), with the yuan text beside it."""
    Attrib, Gio = attrib()
    source, profile, ledger, calculator = _load(Attrib, Gio, path)
    engine = Attrib.Engine(profile)
    verdicts = engine.attribute_all(ledger)
    statuses = {}
    digest = hashlib.sha256()
    for v in verdicts:
        status = v.get_status().value_nick
        statuses[status] = statuses.get(status, 0) + 1
        digest.update(("%s %s\n" % (v.get_deal(), v.get_fingerprint())).encode("utf-8"))
    statements = []
    for s in calculator.get_statements(ledger, period):
        statements.append({
            "party": s.get_party(),
            "earned_fen": s.get_earned(),
            "deductions_fen": s.get_deductions(),
            "payable_fen": s.get_payable(),
            "payable": Attrib.money_format(s.get_payable()),
            "lines": s.get_n_lines(),
            "fingerprint": s.get_fingerprint(),
        })
    statements.sort(key=lambda s: s["party"])
    return {
        "project": name,
        "source": source,
        "profile": profile.get_id(),
        "events": ledger.get_n_events(),
        "deals": len(verdicts),
        "verdicts": dict(sorted(statuses.items())),
        # every verdict's fingerprint, in deal order: two reports with the
        # same digest attributed every deal the same way
        "verdicts_digest": "sha256:" + digest.hexdigest(),
        "payable_fen": sum(s["payable_fen"] for s in statements),
        "statements": statements,
    }


def report(results, period):
    """The gathered report: projects sorted by name, each one's statements
    by party, and the total payable."""
    projects = sorted(results, key=lambda r: r["project"])
    return {
        "period": period,
        "projects": projects,
        "payable_fen": sum(p["payable_fen"] for p in projects),
    }


def to_json(rep):
    """Canonical JSON, UTF-8 text: keys sorted, no spaces, one final
    newline. The same report gives the same bytes."""
    return json.dumps(rep, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _width(text):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text, width):
    return text + " " * max(0, width - _width(text))


def to_table(rep):
    """The report for people: one line a statement, a total per project."""
    Attrib, _ = attrib()
    rows = [("project", "party", "payable (yuan)", "payable (fen)", "statement fingerprint")]
    for p in rep["projects"]:
        for s in p["statements"]:
            rows.append((p["project"], s["party"], s["payable"], str(s["payable_fen"]), s["fingerprint"]))
        rows.append((p["project"], "(total, %d deals)" % p["deals"], Attrib.money_format(p["payable_fen"]),
                     str(p["payable_fen"]), ""))
    rows.append(("all", "(total)", Attrib.money_format(rep["payable_fen"]), str(rep["payable_fen"]), ""))
    widths = [max(_width(r[i]) for r in rows) for i in range(5)]
    lines = []
    for r in rows:
        cells = [_pad(r[0], widths[0]), _pad(r[1], widths[1]),
                 " " * (widths[2] - _width(r[2])) + r[2], " " * (widths[3] - _width(r[3])) + r[3], r[4]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"
