// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The _async functions from gjs with a main loop (docs/live.md,
// "Asynchronous use"): the same verdicts and statements as the
// synchronous calls, progress never decreasing and ending at done ==
// total before the callback, cancellation as Gio.IOErrorEnum.CANCELLED,
// and a missing file's error through the finish function.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import {check, assertEqual, finish} from './harness.js';

const DATA = GLib.getenv('ATTRIB_TEST_DATA');
const SAMPLE = Gio.File.new_for_path(GLib.build_filenamev([DATA, 'sample-project.json']));

// Runs start(progress, callback) on a main loop until its callback;
// returns what finish(result) gives, and the progress calls.
function run(start, finish_) {
    const loop = new GLib.MainLoop(null, false);
    const calls = [];
    let result = null, after = false;
    start((done, total) => {
        if (result !== null)
            after = true;
        calls.push([done, total]);
    }, (source, res) => {
        result = res;
        loop.quit();
    });
    loop.run();
    // whatever is still pending in the context runs now: none of it may
    // be progress
    const context = GLib.MainContext.default();
    while (context.iteration(false))
        ;
    if (after)
        throw new Error('progress after the callback');
    return [finish_(result), calls];
}

function checkProgress(calls, total) {
    if (calls.length === 0)
        throw new Error('no progress');
    for (let i = 1; i < calls.length; i++) {
        if (calls[i][0] < calls[i - 1][0])
            throw new Error(`progress went back: ${JSON.stringify(calls)}`);
    }
    assertEqual(calls[calls.length - 1], [total, total], 'last progress');
}

check('attribute_all_async gives attribute_all\'s verdicts', () => {
    const [, profile, ledger] = Attrib.scenario_load(SAMPLE, null);
    const engine = Attrib.Engine.new(profile);
    engine.set_defer_traces(false);
    engine.n_threads = 2;
    const want = engine.attribute_all(ledger).map(v => v.to_json());
    const [got, calls] = run(
        (progress, callback) => engine.attribute_all_async(ledger, null, progress, callback),
        res => engine.attribute_all_finish(res));
    assertEqual(got.map(v => v.to_json()), want);
    checkProgress(calls, want.length);
});

check('get_statements_async gives get_statements\' statements', () => {
    const [, profile, ledger] = Attrib.scenario_load(SAMPLE, null);
    const calculator = Attrib.Calculator.new(profile);
    for (const plan of Attrib.scenario_load_plans(SAMPLE, null))
        calculator.add_plan(plan);
    const want = calculator.get_statements(ledger, '2024-04').map(s => s.to_json());
    const [got, calls] = run(
        (progress, callback) => calculator.get_statements_async(ledger, '2024-04', null, progress, callback),
        res => calculator.get_statements_finish(res));
    assertEqual(got.map(s => s.to_json()), want);
    checkProgress(calls, 4 * ledger.get_deals().length);
});

check('cancelled before it starts', () => {
    const [, profile, ledger] = Attrib.scenario_load(SAMPLE, null);
    const engine = Attrib.Engine.new(profile);
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    let error = null;
    run((progress, callback) => engine.attribute_all_async(ledger, cancellable, progress, callback),
        res => {
            try {
                engine.attribute_all_finish(res);
            } catch (e) {
                error = e;
            }
        });
    assertEqual(error !== null && error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED), true);
});

check('a missing file fails through load_file_finish', () => {
    const ledger = Attrib.Ledger.new();
    const missing = Gio.File.new_for_path(GLib.build_filenamev([DATA, 'no-such-file.json']));
    let error = null;
    run((progress, callback) => ledger.load_file_async(missing, null, progress, callback),
        res => {
            try {
                ledger.load_file_finish(res);
            } catch (e) {
                error = e;
            }
        });
    assertEqual(error !== null && error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.NOT_FOUND), true);
    assertEqual(ledger.get_n_events(), 0);
});

finish();
