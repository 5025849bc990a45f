#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The _async functions from asyncio, through the override's coroutine
# helpers (docs/live.md, "Asynchronous use and asyncio"): the same
# verdicts, statements, events and store as the synchronous calls; the
# asyncio loop runs on meanwhile; progress arrives in the loop's thread,
# never decreasing, ending at done == total; cancelling the task cancels
# the operation; GLib errors come through as GLib.Error.

import asyncio
import os
import shutil
import tempfile
import threading
import unittest

import gi

gi.require_version("Attrib", "1.0")
from gi.repository import Attrib, Gio, GLib  # noqa: E402

DATA = os.environ.get("ATTRIB_TEST_DATA", os.path.join(os.path.dirname(__file__), "..", "data"))
SAMPLE = os.path.join(DATA, "sample-project.json")


def many_deals_csv(n):
    rows = ["id,type,at,customer_phone,agents,deal,stage,purchaser_phone"]
    for i in range(n):
        customer = 1000 + i
        rows.append("v%d,visit,2024-03-01T10:00:00+08:00,138%08d,ch%d/a:0,,," % (i, customer, i % 7))
        rows.append("g%d,deal,2024-0%d-20T10:00:00+08:00,,,D%05d,signed,138%08d" % (i, 4 + i % 5, i, customer))
    return "\n".join(rows) + "\n"


class Progress:
    """Every progress call, and the thread it came in."""

    def __init__(self):
        self.calls = []
        self.threads = set()

    def __call__(self, done, total):
        self.calls.append((done, total))
        self.threads.add(threading.get_ident())

    def check(self, test, total=None):
        test.assertTrue(self.calls)
        test.assertEqual(self.threads, {threading.get_ident()})
        dones = [d for d, t in self.calls]
        test.assertEqual(dones, sorted(dones))
        test.assertEqual(self.calls[-1][0], self.calls[-1][1])
        if total is not None:
            test.assertEqual(self.calls[-1][1], total)


class AsyncTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="test-async-")
        self.profile, self.sample, self.plans = Attrib.load_scenario(SAMPLE)
        self.csv = os.path.join(self.dir, "many.csv")
        with open(self.csv, "w") as f:
            f.write(many_deals_csv(3000))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_attribute_all(self):
        engine = Attrib.Engine(self.profile)
        engine.set_defer_traces(False)
        want = [v.to_json() for v in engine.attribute_all(self.sample)]
        progress = Progress()

        async def main():
            return await engine.attribute_all_coro(self.sample, progress=progress)

        got = asyncio.run(main())
        self.assertEqual([v.to_json() for v in got], want)
        progress.check(self, total=len(want))

    def test_loop_runs_meanwhile(self):
        # a batch of 3000 deals, traces and all, on one thread: the loop
        # ticks while it runs
        ledger = Attrib.Ledger.from_file(self.csv)
        ledger.freeze()
        engine = Attrib.Engine("junyuan-2012", n_threads=1, defer_traces=False)
        want = [v.to_json() for v in engine.attribute_all(ledger)]

        async def main():
            ticks = 0
            task = asyncio.ensure_future(engine.attribute_all_coro(ledger))
            while not task.done():
                ticks += 1
                await asyncio.sleep(0.001)
            return ticks, task.result()

        ticks, got = asyncio.run(main())
        self.assertGreater(ticks, 5)
        self.assertEqual([v.to_json() for v in got], want)

    def test_cancel(self):
        ledger = Attrib.Ledger.from_file(self.csv)
        ledger.freeze()
        engine = Attrib.Engine("junyuan-2012", n_threads=1, defer_traces=False)

        async def main():
            task = asyncio.ensure_future(engine.attribute_all_coro(ledger))
            await asyncio.sleep(0.02)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            # the engine serves the next call at once
            return await engine.attribute_all_coro(self.sample)

        self.assertEqual(len(asyncio.run(main())), 3)

    def test_cancel_reaches_the_operation(self):
        """Cancelling the awaiting task cancels the GCancellable the
        operation was given: the load fails with G_IO_ERROR_CANCELLED and
        leaves the ledger as it was. The operation starts only once the
        task is cancelled, so the order is certain."""
        ledger = Attrib.Ledger.new()
        f = Gio.File.new_for_path(self.csv)
        go = threading.Event()
        outcome = {}

        def start(cancellable, progress, callback):
            go.wait()
            ledger.load_file_async(f, cancellable=cancellable, progress=progress, callback=callback)

        def finish(result):
            try:
                outcome["value"] = ledger.load_file_finish(result)
            except GLib.Error as e:
                outcome["error"] = e
                raise
            finally:
                outcome["done"] = True

        async def main():
            task = asyncio.ensure_future(Attrib.run_async(start, finish))
            await asyncio.sleep(0)
            task.cancel()
            with self.assertRaises(asyncio.CancelledError):
                await task
            go.set()
            for _ in range(10000):
                if "done" in outcome:
                    break
                await asyncio.sleep(0.001)

        asyncio.run(main())
        self.assertNotIn("value", outcome)
        self.assertTrue(outcome["error"].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))
        self.assertEqual(ledger.get_n_events(), 0)

    def test_run_async_error(self):
        # the plain run_async, with a GLib error through the finish function
        ledger = Attrib.Ledger.new()
        missing = Gio.File.new_for_path(os.path.join(self.dir, "missing.csv"))

        async def main():
            return await Attrib.run_async(
                lambda c, p, cb: ledger.load_file_async(missing, cancellable=c, progress=p, callback=cb),
                ledger.load_file_finish)

        with self.assertRaises(GLib.Error) as raised:
            asyncio.run(main())
        self.assertTrue(raised.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.NOT_FOUND))
        self.assertEqual(len(ledger), 0)

    def test_load_and_statements(self):
        want_ledger = Attrib.Ledger.from_file(self.csv)
        calculator = Attrib.Calculator(self.profile, plans=self.plans)
        want_statements = [s.to_json() for s in calculator.get_statements(self.sample, "2024-04")]

        async def main():
            ledger = Attrib.Ledger.new()
            load = Progress()
            sums = Progress()
            await ledger.load_file_coro(self.csv, progress=load)
            statements = await calculator.get_statements_coro(self.sample, "2024-04", progress=sums)
            return ledger, load, statements, sums

        ledger, load, statements, sums = asyncio.run(main())
        self.assertEqual([e.get_id() for e in ledger], [e.get_id() for e in want_ledger])
        load.check(self, total=os.path.getsize(self.csv))
        self.assertEqual([s.to_json() for s in statements], want_statements)
        sums.check(self, total=4 * len(self.sample.deals))

    def test_store(self):
        path = os.path.join(self.dir, "project.attrib")
        store = Attrib.Store.create(path, "junyuan-2012")

        async def main():
            imported = Progress()
            added = await store.import_file_coro(self.csv, progress=imported)
            return added, imported

        added, imported = asyncio.run(main())
        self.assertEqual(added, 6000)
        imported.check(self, total=6000)
        del store

        async def reopen():
            opened = Progress()
            again = await Attrib.Store.open_coro(path, Attrib.StoreFlags.READ_ONLY, progress=opened)
            return again, opened

        again, opened = asyncio.run(reopen())
        self.assertEqual(len(again), 6000)
        opened.check(self, total=6000)


if __name__ == "__main__":
    unittest.main()
