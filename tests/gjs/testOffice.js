// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The sales office from gjs: receptions, split shares and the rotation.

import Attrib from 'gi://Attrib?version=1.0';
import {check, assertEqual, time, finish} from './harness.js';

function share(verdict, kind, party) {
    const [num, den] = verdict.get_party_share(kind, party);
    return `${num}/${den}`;
}

function visit(ledger, id, at, phone, receivedBy, extra = {}) {
    const ev = Attrib.Event.new(Attrib.EventType.VISIT, id, time(at));
    ev.set_customer(null, phone);
    ev.set_received_by(receivedBy);
    if (extra.receivedWith)
        ev.set_received_with(extra.receivedWith);
    for (const [party, reason] of extra.skipped ?? [])
        ev.add_skipped(party, reason);
    for (const phone of extra.companions ?? [])
        ev.add_companion(null, phone, Attrib.RelationKind.FRIEND);
    ledger.add_event(ev);
}

function deal(ledger, id, at, phone) {
    const ev = Attrib.Event.new(Attrib.EventType.DEAL, `${id}-s`, time(at));
    ev.set_deal(id);
    ev.set_deal_stage(Attrib.DealStage.SUBSCRIBED);
    ev.set_customer(null, phone);
    ledger.add_event(ev);
}

check('a large group received by two splits the same-day deal', () => {
    const ledger = Attrib.Ledger.new();
    visit(ledger, 'g1', '2024-04-01T10:00:00+08:00', '13600136000', 'office/a', {
        receivedWith: 'office/c', companions: ['13500135001', '13500135002', '13500135003'],
    });
    deal(ledger, 'D1', '2024-04-01T16:00:00+08:00', '13500135003');
    const profile = Attrib.Profile.new_builtin('tangba-2014');
    assertEqual(profile.get_level(), Attrib.ProfileLevel.AGENT);
    const verdict = Attrib.Engine.new(profile).attribute_deal(ledger, 'D1');
    assertEqual(share(verdict, Attrib.ShareKind.PERFORMANCE, 'office/a'), '1/2');
    assertEqual(share(verdict, Attrib.ShareKind.COMMISSION, 'office/c'), '1/2');
    assertEqual(verdict.get_clauses(), ['6']);
});

check('the rotation assigns walk-ins and takes two turns for a large group', () => {
    const ledger = Attrib.Ledger.new();
    const day = Attrib.time_get_local_day(time('2024-04-01'), null);
    const roster = Attrib.Event.new(Attrib.EventType.ROSTER, 'ros', time('2024-04-01T07:00:00+08:00'));
    roster.set_roster_date(day);
    for (const m of ['a', 'b', 'c', 'd'])
        roster.add_roster_member('office', m);
    ledger.add_event(roster);
    visit(ledger, 'g1', '2024-04-01T10:00:00+08:00', '13600136000', 'office/a', {
        receivedWith: 'office/b', companions: ['13500135001', '13500135002', '13500135003'],
    });
    visit(ledger, 'w2', '2024-04-01T11:00:00+08:00', '13700137000', 'office/d', {
        skipped: [['office/c', Attrib.SkipReason.OFFICIAL]],
    });
    visit(ledger, 'w3', '2024-04-01T12:00:00+08:00', '13700137001', 'office/c');

    const rotation = Attrib.Rotation.new(Attrib.Profile.new_builtin('tangba-2014'));
    const assignments = rotation.assign(ledger, day, Attrib.VisitKind.VISIT);
    assertEqual(assignments.map(a => a.get_consultant()), ['office/a', 'office/d', 'office/c']);
    assertEqual(assignments.map(a => a.get_turn()),
        [Attrib.TurnKind.REGULAR, Attrib.TurnKind.REGULAR, Attrib.TurnKind.MAKE_UP]);
    assertEqual(assignments[1].get_skipped(), ['office/c']);
    assertEqual(rotation.get_turns(ledger, day, Attrib.VisitKind.VISIT, 6),
        ['office/a', 'office/b', 'office/d', 'office/c', 'office/a', 'office/b']);
    const [groups] = rotation.get_groups(ledger, day);
    assertEqual(groups, ['office']);
});

finish();
