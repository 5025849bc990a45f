// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A tiny TAP harness for the gjs suites: check() runs a case, finish()
// prints the plan and the closing count and sets the exit status.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import System from 'system';

let passed = 0, failed = 0;

export function check(name, fn) {
    try {
        fn();
        passed++;
        print(`ok ${passed + failed} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${passed + failed} - ${name}: ${e}\n${e.stack}`);
    }
}

export function assertEqual(actual, expected, what = '') {
    const a = JSON.stringify(actual), b = JSON.stringify(expected);
    if (a !== b)
        throw new Error(`${what} expected ${b}, got ${a}`);
}

export function time(text) {
    const [ok, value] = Attrib.time_parse(text, null);
    if (!ok)
        throw new Error(`bad time ${text}`);
    return value;
}

// fn() throws an Attrib error of @code whose message has @fragment
export function assertThrows(fn, code, fragment) {
    try {
        fn();
    } catch (e) {
        if (!(e instanceof GLib.Error) || !e.matches(Attrib.error_quark(), code))
            throw new Error(`wrong error: ${e}`);
        if (fragment && !e.message.includes(fragment))
            throw new Error(`message “${e.message}” lacks “${fragment}”`);
        return;
    }
    throw new Error('no error thrown');
}

export function finish() {
    print(`1..${passed + failed}`);
    print(`${passed} passed, ${failed} failed`);
    if (failed > 0)
        System.exit(1);
}
