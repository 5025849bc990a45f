# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The PyGObject override for libattrib: what GObject-introspection gives,
# made pythonic where it is clumsy. It only adds: every introspected
# function and method keeps its name, signature and meaning, so code
# written against plain GI keeps working with the override installed.
#
#   shares         fractions.Fraction   verdict.commission["lianjia"]
#   money          decimal.Decimal yuan statement.payable, Attrib.yuan(fen)
#   times          datetime or text     Attrib.time("2024-03-01T10:00:00+08:00")
#   collections    iterable, len()      for step in verdict, for line in statement
#   records        dict                 verdict.to_dict(), statement.to_dict()
#   building       plain dicts/rows     Attrib.Ledger.from_rows([{...}, ...])
#   asyncio        coroutines           await engine.attribute_all_coro(ledger)
#
# Errors stay GLib.Error in the Attrib error domain.

import datetime
import decimal
import fractions
import json

from gi.repository import GLib

from ..module import get_introspection_module
from ..overrides import override

Attrib = get_introspection_module("Attrib")

__all__ = []


# ---------------------------------------------------------------------------
# Money: gint64 fen in the library, decimal.Decimal yuan in Python

_CENT = decimal.Decimal("0.01")


def yuan(fen):
    """An amount in fen (an int) as exact yuan: ``yuan(8125000)`` is
    ``Decimal('81250.00')``."""
    if not isinstance(fen, int) or isinstance(fen, bool):
        raise TypeError("an amount in fen is an int, not %s" % type(fen).__name__)
    return decimal.Decimal(fen).scaleb(-2).quantize(_CENT)


def fen(amount):
    """Yuan as fen: a ``Decimal``, a decimal string as in scenario files
    (``"3250000.00"``) or an ``int`` of yuan. More than two decimals, a
    float, or an amount beyond the library's range is an error: money
    never goes through floating point."""
    if isinstance(amount, bool) or isinstance(amount, float):
        raise TypeError("money is a Decimal, a decimal string or an int of yuan, never a float")
    if isinstance(amount, int):
        amount = decimal.Decimal(amount)
    if isinstance(amount, decimal.Decimal):
        if not amount.is_finite():
            raise ValueError("%s is not an amount" % amount)
        if amount != amount.quantize(_CENT, rounding=decimal.ROUND_DOWN):
            raise ValueError("%s has more than two decimals: amounts in yuan are exact to the fen" % amount)
        amount = format(amount.quantize(_CENT), "f")
    if not isinstance(amount, str):
        raise TypeError("money is a Decimal, a decimal string or an int of yuan, not %s" % type(amount).__name__)
    ok, value = Attrib.money_parse(amount)
    return value


__all__ += ["yuan", "fen"]


# ---------------------------------------------------------------------------
# Times: AttribTime (microseconds since the epoch) from datetime or text

def time(value, time_zone=None):
    """An ``AttribTime`` from an aware ``datetime``, an RFC 3339 date-time
    (``"2024-03-01T10:00:00+08:00"``) or a date (``"2024-03-01"``, midnight
    in @time_zone, default Asia/Shanghai). An int passes through."""
    if isinstance(value, bool):
        raise TypeError("a time is a datetime, a string or an AttribTime int")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("a naive datetime has no time zone: give it a tzinfo")
        delta = value - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return (delta.days * 86400 + delta.seconds) * 1000000 + delta.microseconds
    if isinstance(value, datetime.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise TypeError("a time is a datetime, a string or an AttribTime int, not %s" % type(value).__name__)
    tz = Attrib.time_zone_new(time_zone) if time_zone is not None else None
    ok, t = Attrib.time_parse(value, tz)
    return t


def to_datetime(t, time_zone="Asia/Shanghai"):
    """An ``AttribTime`` as an aware ``datetime`` with the offset of
    @time_zone at that instant."""
    text = Attrib.time_format(t, Attrib.time_zone_new(time_zone))
    return datetime.datetime.fromisoformat(text)


__all__ += ["time", "to_datetime"]


# ---------------------------------------------------------------------------
# asyncio: the _async functions as coroutines (docs/live.md, "Asynchronous
# use and asyncio")
#
# PyGObject 3.42 does not run GLib's main context from asyncio's loop, and
# an _async function calls back in the thread-default main context of the
# thread that called it. So each coroutine starts the operation from a
# helper thread that runs a main context of its own until the operation's
# callback, and hands the result, the error and every progress call to the
# asyncio loop with call_soon_threadsafe(). The asyncio loop never blocks,
# the progress callback runs in the loop's thread, and cancelling the
# awaiting task cancels the operation's GCancellable: the library stops
# the work (between deals, events or batches) and the helper thread ends.

async def run_async(start, finish, progress=None):
    """Awaits one of libattrib's ``_async`` operations from asyncio.

    ``start(cancellable, progress_func, callback)`` starts it, passing the
    three on (``engine.attribute_all_async(ledger, cancellable=cancellable,
    progress=progress_func, callback=callback)``); ``finish(result)`` is
    its ``_finish`` function, whose value the coroutine returns (or whose
    ``GLib.Error`` it raises). ``progress(done, total)``, if given, is
    called in the asyncio loop's thread, throttled, never after the result.
    Cancelling the awaiting task cancels the operation
    (``G_IO_ERROR_CANCELLED`` in the library) and raises
    ``asyncio.CancelledError``.

    The coroutine helpers below (:meth:`Engine.attribute_all_coro`,
    :meth:`Calculator.get_statements_coro`, :meth:`Ledger.load_file_coro`,
    :meth:`Store.open_coro`, :meth:`Store.import_file_coro`) are this
    function applied to each operation."""
    import asyncio
    import threading
    from gi.repository import Gio

    loop = asyncio.get_running_loop()
    future = loop.create_future()
    cancellable = Gio.Cancellable.new()

    def settle(value, error):
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)

    def to_loop(*call):
        try:
            loop.call_soon_threadsafe(*call)
        except RuntimeError:
            pass   # the loop closed meanwhile: nobody waits any more

    def on_progress(done, total, *user_data):
        to_loop(lambda: None if future.done() else progress(done, total))

    def helper():
        # the operation's callback and progress come in this context
        context = GLib.MainContext.new()
        context.push_thread_default()
        value, error = None, None
        try:
            results = []
            start(cancellable, on_progress if progress is not None else None,
                  lambda source, result, *user_data: results.append(result))
            while not results:
                context.iteration(True)
            value = finish(results[0])
        except Exception as e:   # GLib.Error above all; a TypeError too
            error = e
        finally:
            context.pop_thread_default()
        to_loop(settle, value, error)

    threading.Thread(target=helper, name="attrib-async", daemon=True).start()
    try:
        return await future
    except asyncio.CancelledError:
        cancellable.cancel()
        raise


__all__ += ["run_async"]


def _fraction(pair):
    num, den = pair
    return fractions.Fraction(num, den)


def _time_text(t):
    return Attrib.time_format(t, None)


# ---------------------------------------------------------------------------
# Verdicts: shares as Fractions, the trace as an iterable of steps

class Step(tuple):
    """One step of a verdict's trace: ``(clause, outcome, message,
    events)``."""
    __slots__ = ()

    def __new__(cls, clause, outcome, message, events):
        return tuple.__new__(cls, (clause, outcome, message, events))

    clause = property(lambda self: self[0], doc="the clause id")
    outcome = property(lambda self: self[1], doc="an Attrib.Outcome")
    message = property(lambda self: self[2], doc="what the clause found, in the current language")
    events = property(lambda self: self[3], doc="the ids of the events it used")

    def __repr__(self):
        return "Step(%r, %s, %r, %r)" % (self.clause, self.outcome.value_nick, self.message, self.events)


__all__.append("Step")


@override
class Verdict(Attrib.Verdict):
    def shares(self, kind=Attrib.ShareKind.COMMISSION):
        """Party → ``Fraction``, sorted by party; they sum to 1 unless
        the deal was cancelled (no shares)."""
        out = {}
        for i in range(self.get_n_shares(kind)):
            party, num, den = self.get_share(kind, i)
            out[party] = fractions.Fraction(num, den)
        return out

    @property
    def performance(self):
        """Party → ``Fraction`` of the performance (业绩)."""
        return self.shares(Attrib.ShareKind.PERFORMANCE)

    @property
    def commission(self):
        """Party → ``Fraction`` of the commission (佣金)."""
        return self.shares(Attrib.ShareKind.COMMISSION)

    def share(self, party, kind=Attrib.ShareKind.COMMISSION):
        """The ``Fraction`` of @party: a channel (``"lianjia"``) sums its
        agents."""
        return _fraction(self.get_party_share(kind, party))

    @property
    def deal(self):
        return self.get_deal()

    @property
    def status(self):
        return self.get_status()

    @property
    def clauses(self):
        """The decisive clause ids."""
        return list(self.get_clauses())

    @property
    def steps(self):
        """The trace, as a list of :class:`Step`."""
        return list(self)

    def __iter__(self):
        for i in range(self.get_n_steps()):
            clause, outcome, message = self.get_step(i)
            yield Step(clause, outcome, message, list(self.get_step_events(i)))

    def __len__(self):
        return self.get_n_steps()

    def to_dict(self):
        """The verdict as plain Python: the keys of its JSON
        (docs/verdicts.md), with shares as ``Fraction``."""
        d = json.loads(self.to_json())
        for kind in ("performance", "commission"):
            d[kind] = {party: fractions.Fraction(v) for party, v in d[kind].items()}
        return d

    def __repr__(self):
        return "<Attrib.Verdict %s %s %s>" % (self.get_deal(), self.get_status().value_nick,
                                              {p: str(s) for p, s in self.commission.items()})


__all__.append("Verdict")


# ---------------------------------------------------------------------------
# Commission: money as Decimal yuan, statements iterable over their lines

@override
class CommissionLine(Attrib.CommissionLine):
    amount = property(lambda self: yuan(self.get_amount()), doc="the amount, ``Decimal`` yuan")
    basis = property(lambda self: yuan(self.get_basis()), doc="the price it was computed on, ``Decimal`` yuan")
    party = property(lambda self: self.get_party())
    deal = property(lambda self: self.get_deal())
    kind = property(lambda self: self.get_kind())
    period = property(lambda self: self.get_period())

    @property
    def rate(self):
        """The rate as a ``Fraction`` (``Fraction(1, 40)`` for 2.5%), or
        ``None`` for a fixed amount, a bonus or a fine."""
        ok, num, den = self.get_rate()
        return fractions.Fraction(num, den) if ok else None

    @property
    def share(self):
        """The part of the deal's commission this line is for."""
        return _fraction(self.get_share())

    def to_dict(self):
        return {
            "at": _time_text(self.get_at()), "period": self.get_period(), "party": self.get_party(),
            "kind": self.get_kind().value_nick, "deal": self.get_deal(), "milestone": self.get_milestone(),
            "basis": self.basis, "rate": self.rate, "share": self.share, "amount": self.amount,
            "plan": self.get_plan(), "rule": self.get_rule(), "event": self.get_event(),
            "explanation": self.get_explanation(),
        }

    def __repr__(self):
        return "<Attrib.CommissionLine %s %s %s %s %s>" % (self.get_period(), self.get_party(),
                                                           self.get_kind().value_nick, self.get_deal(), self.amount)


__all__.append("CommissionLine")


@override
class Statement(Attrib.Statement):
    party = property(lambda self: self.get_party())
    period = property(lambda self: self.get_period())
    opening = property(lambda self: yuan(self.get_opening()), doc="``Decimal`` yuan")
    earned = property(lambda self: yuan(self.get_earned()), doc="``Decimal`` yuan")
    deductions = property(lambda self: yuan(self.get_deductions()), doc="``Decimal`` yuan")
    closing = property(lambda self: yuan(self.get_closing()), doc="``Decimal`` yuan")
    payable = property(lambda self: yuan(self.get_payable()), doc="``Decimal`` yuan")
    fingerprint = property(lambda self: self.get_fingerprint())

    @property
    def lines(self):
        return list(self)

    def __iter__(self):
        for i in range(self.get_n_lines()):
            yield self.get_line(i)

    def __len__(self):
        return self.get_n_lines()

    def to_dict(self):
        """The statement as plain Python, money as ``Decimal`` yuan."""
        return {
            "party": self.party, "period": self.period, "opening": self.opening,
            "lines": [line.to_dict() for line in self], "earned": self.earned,
            "deductions": self.deductions, "closing": self.closing, "payable": self.payable,
            "fingerprint": self.fingerprint,
        }

    def __repr__(self):
        return "<Attrib.Statement %s %s payable %s>" % (self.get_party(), self.get_period(), self.payable)


__all__.append("Statement")


def _bytes(data):
    return data.encode("utf-8") if isinstance(data, str) else data


@override
class CommissionPlan(Attrib.CommissionPlan):
    @classmethod
    def new_from_data(cls, data, filename=None):
        """Reads a plan from JSON text: ``bytes`` as introspected, or ``str``."""
        return Attrib.CommissionPlan.new_from_data(_bytes(data), filename)

    @classmethod
    def from_dict(cls, plan, filename=None):
        """A plan from its JSON form as a dict (docs/commission.md)."""
        return Attrib.CommissionPlan.new_from_data(_bytes(json.dumps(plan, ensure_ascii=False)), filename)

    def to_dict(self):
        return json.loads(self.to_json())


__all__.append("CommissionPlan")


@override
class Calculator(Attrib.Calculator):
    def __init__(self, profile=None, plans=(), **kwargs):
        """``Attrib.Calculator(profile, plans=[...])``: plans as
        ``CommissionPlan`` objects or dicts."""
        if isinstance(profile, str):
            profile = Profile.builtin(profile)
        if profile is not None:
            kwargs["profile"] = profile
        super().__init__(**kwargs)
        for plan in plans:
            self.add_plan(plan)

    def add_plan(self, plan):
        """Adds a ``CommissionPlan``, or a plan given as a dict."""
        if isinstance(plan, dict):
            plan = CommissionPlan.from_dict(plan)
        return Attrib.Calculator.add_plan(self, plan)

    def get_statements_coro(self, ledger, period, progress=None):
        """``await calculator.get_statements_coro(ledger, "2024-04")``: the
        month's statements, worked out in a worker thread;
        ``progress(done, total)`` counts steps, four per deal
        (:func:`run_async`)."""
        return run_async(
            lambda c, p, cb: Attrib.Calculator.get_statements_async(self, ledger, period, cancellable=c, progress=p,
                                                                    callback=cb),
            lambda result: list(Attrib.Calculator.get_statements_finish(self, result)), progress)


__all__.append("Calculator")


# ---------------------------------------------------------------------------
# Profiles, engines, audits

@override
class Profile(Attrib.Profile):
    @classmethod
    def builtin(cls, profile_id):
        """A built-in profile by id (``"junyuan-2012"``)."""
        return Attrib.Profile.new_builtin(profile_id)

    @classmethod
    def new_from_data(cls, data, filename=None):
        """Reads a profile from JSON text: ``bytes`` as introspected, or ``str``."""
        return Attrib.Profile.new_from_data(_bytes(data), filename)

    @classmethod
    def from_dict(cls, profile, filename=None):
        """A profile from its JSON form as a dict (docs/profiles.md)."""
        return Attrib.Profile.new_from_data(_bytes(json.dumps(profile, ensure_ascii=False)), filename)

    def to_dict(self):
        return json.loads(self.to_json())

    @property
    def clauses(self):
        """The clause ids, in the profile's order."""
        return list(self.get_clause_ids())


__all__.append("Profile")


@override
class Engine(Attrib.Engine):
    def __init__(self, profile=None, **kwargs):
        """``Attrib.Engine("junyuan-2012")`` or ``Attrib.Engine(profile)``."""
        if isinstance(profile, str):
            profile = Profile.builtin(profile)
        if profile is not None:
            kwargs["profile"] = profile
        super().__init__(**kwargs)

    def verdicts(self, ledger):
        """Every deal's verdict, by deal id: a dict in deal order."""
        return {v.get_deal(): v for v in self.attribute_all(ledger)}

    def attribute_all_coro(self, ledger, progress=None):
        """``await engine.attribute_all_coro(ledger)``: the verdicts of
        ``attribute_all``, worked out in a worker thread while the asyncio
        loop runs on; ``progress(done, total)`` counts deals. Cancel the
        task to stop the batch (:func:`run_async`)."""
        return run_async(
            lambda c, p, cb: Attrib.Engine.attribute_all_async(self, ledger, cancellable=c, progress=p, callback=cb),
            lambda result: list(Attrib.Engine.attribute_all_finish(self, result)), progress)


__all__.append("Engine")


class Result(tuple):
    """One audit result: ``(passed, line, detail)``."""
    __slots__ = ()

    def __new__(cls, passed, line, detail):
        return tuple.__new__(cls, (passed, line, detail))

    passed = property(lambda self: self[0])
    line = property(lambda self: self[1], doc="the ok/FAIL line")
    detail = property(lambda self: self[2], doc="on failure, the verdict and its trace, else None")


__all__.append("Result")


@override
class Audit(Attrib.Audit):
    def run_data(self, data, filename=None):
        """Runs a scenario given as JSON text (``bytes`` or ``str``) or as a
        dict."""
        if isinstance(data, dict):
            data = json.dumps(data, ensure_ascii=False)
        return Attrib.Audit.run_data(self, _bytes(data), filename)

    def run(self, *paths):
        """Runs scenario files or folders (as `attrib audit` does); returns
        whether every expectation held."""
        import os
        ok = True
        for path in paths:
            if os.path.isdir(path):
                files = sorted(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".json"))
            else:
                files = [path]
            for name in files:
                try:
                    self.run_file(_file(name), None)
                except GLib.Error:
                    ok = False   # counted among the failures, as the CLI does
        return ok and self.get_n_failed() == 0

    def __iter__(self):
        for i in range(self.get_n_results()):
            passed, line, detail = self.get_result(i)
            yield Result(passed, line, detail)

    def __len__(self):
        return self.get_n_results()

    @property
    def passed(self):
        return self.get_n_passed()

    @property
    def failed(self):
        return self.get_n_failed()


__all__.append("Audit")


def _file(path):
    from gi.repository import Gio
    return Gio.File.new_for_path(str(path))


# ---------------------------------------------------------------------------
# Ledgers from plain data

_ROW_FIELDS = {
    # CSV-friendly columns → the scenario keys (docs/audit-format.md)
    "customer_name": ("customer", "name"),
    "customer_phone": ("customer", "phone"),
    "purchaser_name": ("purchaser", "name"),
    "purchaser_phone": ("purchaser", "phone"),
}


def _event_from_row(row):
    """A scenario event from a dict: keys as in scenario files, and also
    the flat columns of a CSV export (customer_name, customer_phone,
    purchaser_name, purchaser_phone, agent, agents "a;b"). Empty values
    are left out."""
    event = {}
    for key, value in row.items():
        if value is None or value == "":
            continue
        if key in _ROW_FIELDS:
            outer, inner = _ROW_FIELDS[key]
            event.setdefault(outer, {})[inner] = value
        elif key == "agent":
            event.setdefault("agents", []).append({"party": value})
        elif key == "agents" and isinstance(value, str):
            event["agents"] = [{"party": p.strip()} for p in value.split(";") if p.strip()]
        elif isinstance(value, decimal.Decimal):
            event[key] = format(value.quantize(_CENT), "f")
        elif isinstance(value, datetime.datetime):
            if value.tzinfo is None:
                raise ValueError("row %r: a naive datetime has no time zone" % row.get("id"))
            event[key] = value.isoformat()
        elif isinstance(value, float):
            raise TypeError("row %r: “%s” is a float: money and times are never floats" % (row.get("id"), key))
        else:
            event[key] = value
    return event


@override
class Ledger(Attrib.Ledger):
    @classmethod
    def from_rows(cls, rows, time_zone=None):
        """A ledger from dicts: scenario events (``{"id": "v1", "type":
        "visit", "at": "…", "customer": {…}, …}``) or flat rows such as
        ``csv.DictReader`` gives. All or nothing: a bad row raises
        ``GLib.Error`` naming the row and the field."""
        ledger = Attrib.Ledger.new_for_time_zone(time_zone) if time_zone else Attrib.Ledger.new()
        ledger.add_rows(rows)
        return ledger

    def add_rows(self, rows):
        """Adds dicts as :meth:`from_rows` reads them, all or nothing."""
        events = [_event_from_row(row) for row in rows]
        # one event per line: line N+1 of the text is row N
        text = "[\n" + ",\n".join(json.dumps(e, ensure_ascii=False) for e in events) + "\n]"
        try:
            return Attrib.Ledger.load_data(self, text.encode("utf-8"), "rows")
        except GLib.Error as error:
            message = error.message
            if message.startswith("rows:"):
                where, _, rest = message[len("rows:"):].partition(": ")
                line = where.split(":")[0]
                if line.isdigit() and 2 <= int(line) <= len(events) + 1:
                    message = "row %d: %s" % (int(line) - 1, rest)
            raise GLib.Error(message, error.domain, error.code) from None

    def load_data(self, data, filename=None):
        """Adds the events of JSON text (a scenario, an array of events or
        JSON Lines): ``bytes`` as introspected, or ``str``."""
        return Attrib.Ledger.load_data(self, _bytes(data), filename)

    def load_json_lines(self, data, filename=None):
        """Adds the events of JSON Lines text, one event object per line:
        ``bytes`` or ``str``."""
        return Attrib.Ledger.load_json_lines(self, _bytes(data), filename)

    def load_csv(self, data, filename=None):
        """Adds the events of CSV text: ``bytes`` or ``str``."""
        return Attrib.Ledger.load_csv(self, _bytes(data), filename)

    def load_file_coro(self, path, progress=None):
        """``await ledger.load_file_coro("events.csv")``: ``load_file`` in
        a worker thread (a path or a ``Gio.File``); ``progress(done,
        total)`` counts bytes of the file (:func:`run_async`)."""
        f = path if not isinstance(path, (str, bytes)) and hasattr(path, "get_path") else _file(path)
        return run_async(
            lambda c, p, cb: Attrib.Ledger.load_file_async(self, f, cancellable=c, progress=p, callback=cb),
            lambda result: Attrib.Ledger.load_file_finish(self, result), progress)

    @classmethod
    def from_file(cls, path):
        """A ledger from a scenario file, or a bare event file: a JSON
        array, JSON Lines (``.jsonl``, ``.ndjson``) or CSV (``.csv``)."""
        ledger = Attrib.Ledger.new()
        ledger.load_file(_file(path), None)
        return ledger

    def __len__(self):
        return self.get_n_events()

    def __iter__(self):
        for i in range(self.get_n_events()):
            yield self.get_event(i)

    @property
    def deals(self):
        return list(self.get_deals())


__all__.append("Ledger")


def load_scenario(path):
    """``(profile, ledger, plans)`` of a scenario file."""
    f = _file(path)
    ok, profile, ledger = Attrib.scenario_load(f)
    return profile, ledger, list(Attrib.scenario_load_plans(f))


__all__.append("load_scenario")


# ---------------------------------------------------------------------------
# The store: a project's durable record (docs/live.md, "The store")

def _key_bytes(key):
    if key is None or isinstance(key, GLib.Bytes):
        return key
    return GLib.Bytes.new(_bytes(key))


@override
class Store(Attrib.Store):
    @classmethod
    def create(cls, path, profile, phone_key=None):
        """Creates a store at ``path`` for a profile (an id such as
        ``"joint-agency"`` or a ``Profile``); ``phone_key`` (bytes) keeps
        phones only as keyed hashes."""
        if isinstance(profile, str):
            profile = Profile.builtin(profile)
        return Attrib.Store.create(str(path), profile, _key_bytes(phone_key))

    @classmethod
    def open(cls, path, flags=Attrib.StoreFlags.NONE, phone_key=None):
        """Opens a store: for writing by default, or with
        ``Attrib.StoreFlags.READ_ONLY``."""
        return Attrib.Store.open(str(path), flags, _key_bytes(phone_key))

    def set_signing_key(self, secret):
        """Signs receipts and heads with a 32-byte Ed25519 secret key."""
        return Attrib.Store.set_signing_key(self, _key_bytes(secret))

    def append_row(self, row):
        """Appends an event given as a dict (scenario keys, or the flat
        columns :meth:`Ledger.from_rows` reads); returns its receipt."""
        zone = self.get_profile().get_time_zone_identifier()
        scratch = Ledger.from_rows([row], time_zone=zone)
        return self.append(scratch.get_event(0))

    def import_file(self, path):
        """Imports a file of events; returns how many were appended."""
        ok, added = Attrib.Store.import_file(self, _file(path))
        return added

    @classmethod
    def open_coro(cls, path, flags=Attrib.StoreFlags.NONE, phone_key=None, progress=None):
        """``store = await Attrib.Store.open_coro(path)``: :meth:`open` in a
        worker thread; ``progress(done, total)`` counts the log's events
        read back (:func:`run_async`)."""
        key = _key_bytes(phone_key)
        return run_async(
            lambda c, p, cb: Attrib.Store.open_async(str(path), flags, key, cancellable=c, progress=p, callback=cb),
            Attrib.Store.open_finish, progress)

    def import_file_coro(self, path, progress=None):
        """``added = await store.import_file_coro(path)``: :meth:`import_file`
        in a worker thread; ``progress(done, total)`` counts the file's
        events in the store. While it runs the store's other calls wait
        for it; its ledger may be read (:func:`run_async`)."""
        def finish(result):
            ok, added = Attrib.Store.import_file_finish(self, result)
            return added
        return run_async(
            lambda c, p, cb: Attrib.Store.import_file_async(self, _file(path), cancellable=c, progress=p, callback=cb),
            finish, progress)

    def check(self, party, phone=None, name=None, at=None):
        """The desk's answer (判客) when ``party``'s agent brings a customer
        at ``at`` (now by default): the claim ``Engine.check`` gives for
        that visit, or the rejection with its clause and reason."""
        if at is None:
            at = GLib.get_real_time()
        elif not isinstance(at, int):
            at = time(at, self.get_profile().get_time_zone_identifier())
        visit = Attrib.Event.new(Attrib.EventType.VISIT, "desk", at)
        visit.set_customer(name, phone)
        visit.add_agent(party, 0)
        return self.get_engine().check(self.get_ledger(), visit)

    def __len__(self):
        return self.get_size()


__all__.append("Store")


@override
class Receipt(Attrib.Receipt):
    @classmethod
    def new_from_json(cls, data):
        return Attrib.Receipt.new_from_json(data if isinstance(data, str) else data.decode("utf-8"), -1)

    def to_dict(self):
        return json.loads(self.to_json())


__all__.append("Receipt")


@override
class Proof(Attrib.Proof):
    @classmethod
    def new_from_json(cls, data):
        return Attrib.Proof.new_from_json(data if isinstance(data, str) else data.decode("utf-8"), -1)

    def to_dict(self):
        return json.loads(self.to_json())


__all__.append("Proof")


@override
class TreeHead(Attrib.TreeHead):
    @classmethod
    def new_from_json(cls, data):
        return Attrib.TreeHead.new_from_json(data if isinstance(data, str) else data.decode("utf-8"), -1)

    def to_dict(self):
        return json.loads(self.to_json())


__all__.append("TreeHead")
