// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The free functions from gjs: periods, look-back and renewal windows,
// phones, and enum labels.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import {check, assertEqual, assertThrows, time, finish} from './harness.js';

const text = t => Attrib.time_format(t, null);
const day = date => Attrib.time_get_local_day(time(date), null);

check('periods cover whole local days, months clamp', () => {
    const [begin, end] = Attrib.period_days(time('2024-03-02T15:00:00+08:00'), 30, null);
    assertEqual([text(begin), text(end)], ['2024-03-02T00:00:00+08:00', '2024-04-01T00:00:00+08:00']);
    assertEqual(Attrib.day_add_months(day('2024-01-31'), 1), day('2024-02-29'));
    assertEqual(Attrib.day_add_months(day('2024-05-31'), -3), day('2024-02-29'));
    const [, mend] = Attrib.period_months(time('2024-03-02T15:00:00+08:00'), 3, null);
    assertEqual(text(mend), '2024-06-02T00:00:00+08:00');
});

check('look-back and renewal windows', () => {
    assertEqual(text(Attrib.lookback_begin(time('2024-05-31T10:00:00+08:00'), 3, null)), '2024-02-29T00:00:00+08:00');
    const [, end] = Attrib.period_days(time('2024-03-01T10:00:00+08:00'), 30, null);
    assertEqual(text(Attrib.window_before_end(end, 7, null)), '2024-03-24T00:00:00+08:00');
    const utc = Attrib.time_zone_new('UTC');
    assertEqual(Attrib.time_format(Attrib.time_day_start(day('2024-03-01'), utc), utc), '2024-03-01T00:00:00+00:00');
});

check('phones', () => {
    assertEqual(Attrib.phone_normalize('+86 138-0013-8000'), ['13800138000', false]);
    assertEqual(Attrib.phone_normalize('138****8000'), ['138****8000', true]);
    assertThrows(() => Attrib.phone_normalize('12345'), Attrib.Error.INVALID_PHONE);
    assertEqual(Attrib.phone_is_masked('138****8000'), true);
    assertEqual(Attrib.phone_matches('138****8000', '13812348000'), true);
    assertEqual(Attrib.phone_matches('138****8000', '13912348000'), false);
});

check('personal data: masking, showing, hashing', () => {
    assertEqual(Attrib.phone_mask('13800138000'), '138****8000');
    assertEqual(Attrib.get_show_phones(), false);
    try {
        Attrib.phone_normalize('138001380001');
        throw new Error('accepted');
    } catch (e) {
        assertEqual(e.message.includes('138*****0001'), true);
    }
    Attrib.set_show_phones(true);
    assertEqual(Attrib.get_show_phones(), true);
    Attrib.set_show_phones(false);
    const key = new GLib.Bytes(new TextEncoder().encode("a project's secret key"));
    // the same vector as Python's hmac (tests/python/test_privacy.py)
    const hashed = Attrib.phone_hash('138 0013 8000', key);
    assertEqual(hashed, Attrib.phone_hash('13800138000', key));
    assertEqual(Attrib.phone_is_hashed(hashed), true);
    assertThrows(() => Attrib.phone_hash('138****8000', key), Attrib.Error.INVALID_PHONE);
    const ledger = Attrib.Ledger.new_full(null, key);
    ledger.load_data(new TextEncoder().encode(
        '[{"id": "r", "type": "report", "at": "2024-03-01", "party": "a", "customer": {"phone": "13800138000"}}]'), 'e.json');
    ledger.freeze();
    assertEqual(ledger.get_person(0).get_phones()[0], hashed);
});

check('the running version', () => {
    const running = [Attrib.get_major_version(), Attrib.get_minor_version(), Attrib.get_micro_version()];
    assertEqual(running.join('.'), Attrib.VERSION_S);
    assertEqual(Attrib.check_version(...running), null);
    assertEqual(Attrib.check_version(running[0], running[1] + 1, 0).includes('too old'), true);
});

check('labels', () => {
    assertEqual(Attrib.verdict_status_get_label(Attrib.VerdictStatus.PENDING), 'pending');
    assertEqual(Attrib.outcome_get_label(Attrib.Outcome.DECIDED), 'decides');
    assertEqual(Attrib.relation_kind_get_label(Attrib.RelationKind.SPOUSE), 'spouse');
    assertEqual(Attrib.line_kind_get_label(Attrib.LineKind.CLAWBACK), 'clawback');
});

finish();
