// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The readings of the original regulations from gjs (docs/rules.md,
// "Readings of the original"): natural visits go to the receiver, a
// lapsed protection stays with the last receiver, poaching found after
// the deal, a departed representative's customers are the department's.

import Attrib from 'gi://Attrib?version=1.0';
import {check, assertEqual, time, finish} from './harness.js';

function share(verdict, kind, party) {
    const [num, den] = verdict.get_party_share(kind, party);
    return `${num}/${den}`;
}

function add(ledger, type, id, at, phone, keys = {}) {
    const ev = Attrib.Event.new(type, id, time(at));
    if (phone)
        ev.set_customer(null, phone);
    if (keys.party)
        ev.set_party(keys.party);
    if (keys.receivedBy)
        ev.set_received_by(keys.receivedBy);
    for (const party of keys.agents ?? [])
        ev.add_agent(party, 0);
    if (keys.deal) {
        ev.set_deal(keys.deal);
        ev.set_deal_stage(Attrib.DealStage.SUBSCRIBED);
    }
    if (keys.closedBy)
        ev.set_closed_by(keys.closedBy);
    if (keys.poachedBy) {
        ev.set_sanction_kind(Attrib.SanctionKind.POACHING);
        ev.add_sanctioned_party(keys.poachedBy);
    }
    ledger.add_event(ev);
}

function verdict(profile, ledger, deal) {
    return Attrib.Engine.new(Attrib.Profile.new_builtin(profile)).attribute_deal(ledger, deal);
}

check('a natural visit at agent level is the receiver\'s, not the developer\'s', () => {
    const ledger = Attrib.Ledger.new();
    add(ledger, Attrib.EventType.REPORT, 'r1', '2024-03-04T09:30:00+08:00', '13800138000', {party: 'sales/wang'});
    add(ledger, Attrib.EventType.VISIT, 'v1', '2024-03-04T10:00:00+08:00', '13800138000', {receivedBy: 'sales/chen'});
    add(ledger, Attrib.EventType.DEAL, 'D1-s', '2024-03-04T15:00:00+08:00', '13800138000', {deal: 'D1'});
    const v = verdict('sales-dept', ledger, 'D1');
    assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, 'sales/chen'), '1/1');
    assertEqual(v.get_clauses(), ['一.5', '自然到访']);
});

check('a lapsed protection stays with the last receiver (lvchen 三.(二).3)', () => {
    const ledger = Attrib.Ledger.new();
    add(ledger, Attrib.EventType.VISIT, 'v1', '2024-03-01T10:00:00+08:00', '13912345678', {receivedBy: 'A/a01'});
    add(ledger, Attrib.EventType.DEAL, 'D1-s', '2024-03-20T15:00:00+08:00', '13912345678', {deal: 'D1', closedBy: 'A/a01'});
    const v = verdict('lvchen-joint', ledger, 'D1');
    assertEqual(share(v, Attrib.ShareKind.COMMISSION, 'A/a01'), '1/1');
    assertEqual(v.get_clauses().includes('三.(二).3'), true);
});

check('poaching found after the deal moves its performance only (七.2 如已成交)', () => {
    const ledger = Attrib.Ledger.new();
    add(ledger, Attrib.EventType.VISIT, 'v1', '2024-03-01T10:00:00+08:00', '18912340000', {receivedBy: 'A/a01'});
    add(ledger, Attrib.EventType.DEAL, 'D1-s', '2024-03-05T11:00:00+08:00', '18912340000', {deal: 'D1'});
    add(ledger, Attrib.EventType.SANCTION, 's1', '2024-03-08T10:00:00+08:00', '18912340000', {poachedBy: 'B/b02'});
    const v = verdict('lvchen-joint', ledger, 'D1');
    assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, 'developer'), '1/1');
    assertEqual(share(v, Attrib.ShareKind.COMMISSION, 'A/a01'), '1/1');
});

check('a departed representative\'s customer is the department\'s, pending', () => {
    const ledger = Attrib.Ledger.new();
    add(ledger, Attrib.EventType.VISIT, 'v1', '2024-03-01T10:00:00+08:00', '13811112222', {receivedBy: 'office/wang'});
    add(ledger, Attrib.EventType.DEPARTURE, 'x1', '2024-03-10T18:00:00+08:00', null, {party: 'office/wang'});
    add(ledger, Attrib.EventType.DEAL, 'D1-s', '2024-03-12T11:30:00+08:00', '13811112222', {deal: 'D1', closedBy: 'office/zhao'});
    const v = verdict('reception-2013', ledger, 'D1');
    assertEqual(v.get_status(), Attrib.VerdictStatus.PENDING);
    assertEqual(share(v, Attrib.ShareKind.PERFORMANCE, 'office'), '1/1');
});

finish();
