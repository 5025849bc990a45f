// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The ledger from gjs: typed calls, the sample scenario, masked phones,
// identity clusters, queries and errors.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import {check, assertEqual, assertThrows, time, finish} from './harness.js';

const DATA = GLib.getenv('ATTRIB_TEST_DATA');
// JS numbers cannot hold G_MININT64 exactly; any instant outside the years
// 1900–9999 is an open bound.
const MIN = -(2 ** 62);
const MAX = 2 ** 62;

const ids = events => events.map(e => e.get_id());

check('typed calls and queries', () => {
    const ledger = Attrib.Ledger.new();
    const r = Attrib.Event.new(Attrib.EventType.REPORT, 'r1', time('2024-03-01T09:00:00+08:00'));
    r.set_party('lianjia/zhangsan');
    r.set_customer('李四', '138****8000');
    ledger.add_event(r);
    const v = Attrib.Event.new(Attrib.EventType.VISIT, 'v1', time('2024-03-01T14:00:00+08:00'));
    v.set_customer('李四', '138 0013 8000');
    v.add_agent('lianjia/zhangsan', -1);
    ledger.add_event(v);

    assertEqual(ledger.get_n_events(), 2, 'events');
    const person = ledger.find_person(null, '138****8000');
    assertEqual(person.get_phones(), ['13800138000']);
    assertEqual(ids(ledger.get_person_events(person, MIN, MAX, Attrib.EventMask.ALL)), ['r1', 'v1']);
    assertEqual(ids(ledger.get_party_events('lianjia', MIN, MAX, Attrib.EventMask.VISIT)), ['v1']);
});

check('bad events throw with event and field', () => {
    const ledger = Attrib.Ledger.new();
    const v = Attrib.Event.new(Attrib.EventType.VISIT, 'v9', time('2024-03-01'));
    v.set_customer(null, '1380013800');
    assertThrows(() => ledger.add_event(v), Attrib.Error.INVALID_PHONE, 'v9');
    assertEqual(ledger.get_n_events(), 0);
});

const sample = Attrib.Ledger.new();
sample.load_file(Gio.File.new_for_path(`${DATA}/sample-project.json`), null);
sample.freeze();

check('sample scenario loads', () => {
    assertEqual(sample.get_n_events(), 27);
    assertEqual(sample.get_deals(), ['D1', 'D2', 'D3']);
});

check('identity cluster', () => {
    const li = sample.find_person('李四', null);
    assertEqual(li.get_phones(), ['13800138000', '13900139000']);
    const evs = ids(sample.get_person_events(li, MIN, MAX, Attrib.EventMask.INTERACTION));
    assertEqual(evs, ['crm-002']);
});

check('ambiguous mask', () => {
    assertThrows(() => sample.find_person(null, '135****5000'), Attrib.Error.AMBIGUOUS);
    assertEqual(sample.match_persons(null, '135****5000').length, 2);
});

check('a masked report\'s name decides', () => {
    const ledger = Attrib.Ledger.new();
    for (const [id, name, phone] of [['c1', '李四', '13800138000'], ['c2', '王芳', '13899938000'],
        ['c3', '李娜', '13811138000']]) {
        const c = Attrib.Event.new(Attrib.EventType.INTERACTION, id, time('2024-02-20'));
        c.set_customer(name, phone);
        c.set_interaction_kind(Attrib.InteractionKind.CALL);
        ledger.add_event(c);
    }
    const r = Attrib.Event.new(Attrib.EventType.REPORT, 'r1', time('2024-03-01T10:00:00+08:00'));
    r.set_party('wolf/wang');
    r.set_customer('王', '138***38000');
    ledger.add_event(r);

    // a full name, a surname alone
    assertEqual(ledger.find_person('李四', '138***38000').get_phones(), ['13800138000']);
    assertEqual(ledger.find_person('王', '138***38000').get_phones(), ['13899938000']);
    const wang = ledger.find_person(null, '13899938000');
    assertEqual(ids(ledger.get_person_events(wang, MIN, MAX, Attrib.EventMask.ALL)), ['c2', 'r1']);
    // a surname two share, a full name nobody has: ambiguous, as a mask alone
    assertThrows(() => ledger.find_person('李', '138***38000'), Attrib.Error.AMBIGUOUS, 'singles out none');
    assertThrows(() => ledger.find_person('李五', '138***38000'), Attrib.Error.AMBIGUOUS, 'singles out none');
    assertEqual(ledger.match_persons(null, '138***38000').length, 3);
});

check('time window and relations', () => {
    const li = sample.find_person(null, '13800138000');
    const mask = Attrib.EventMask.REPORT | Attrib.EventMask.VISIT;
    assertEqual(ids(sample.get_person_events(li, time('2024-03-01'), time('2024-03-05'), mask)),
        ['r-001', 'r-002', 'v-001']);
    const rel = sample.get_relations(sample.find_person('王五', null));
    assertEqual(rel[0].get_relation_kind(), Attrib.RelationKind.SPOUSE);
});

check('file errors carry positions', () => {
    const ledger = Attrib.Ledger.new();
    const text = '[{"id": "d1", "type": "deal", "at": "2024-03-01",\n  "deal": "D1", "stage": "signed", "price": 100}]';
    try {
        ledger.load_data(new TextEncoder().encode(text), 'x.json');
        throw new Error('no error');
    } catch (e) {
        if (!e.message.startsWith('x.json:2:'))
            throw new Error(`unexpected: ${e.message}`);
    }
});

finish();
