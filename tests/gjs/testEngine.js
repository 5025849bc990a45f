// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The engine from gjs: profiles, verdicts, shares, the trace, audits.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import {check, assertEqual, time, finish} from './harness.js';

const DATA = GLib.getenv('ATTRIB_TEST_DATA');
function share(verdict, kind, party) {
    const [num, den] = verdict.get_party_share(kind, party);
    return `${num}/${den}`;
}

check('profiles', () => {
    const ids = Attrib.Profile.list_builtin();
    if (!ids.includes('junyuan-2012'))
        throw new Error(`no junyuan-2012 in ${ids}`);
    const profile = Attrib.Profile.new_builtin('meilian-linkage');
    assertEqual(profile.get_extends(), 'junyuan-2012');
    assertEqual(profile.get_clause_kind('5'), 'report_required');
});

check('simultaneous arrival splits 1/2', () => {
    const ledger = Attrib.Ledger.new();
    const v = Attrib.Event.new(Attrib.EventType.VISIT, 'v1', time('2024-03-01T10:00:00+08:00'));
    v.set_customer('李四', '13800138000');
    v.add_agent('lianjia/zhang', 0);
    v.add_agent('5i5j/liu', 0);
    ledger.add_event(v);
    const d = Attrib.Event.new(Attrib.EventType.DEAL, 's1', time('2024-04-01'));
    d.set_deal('D1');
    d.set_deal_stage(Attrib.DealStage.SIGNED);
    d.set_customer('李四', '13800138000');
    ledger.add_event(d);

    const engine = Attrib.Engine.new(Attrib.Profile.new_builtin('junyuan-2012'));
    const verdict = engine.attribute_deal(ledger, 'D1');
    assertEqual(share(verdict, Attrib.ShareKind.PERFORMANCE, 'lianjia'), '1/2');
    assertEqual(share(verdict, Attrib.ShareKind.COMMISSION, '5i5j'), '1/2');
    if (!verdict.get_clauses().includes('1.2.8'))
        throw new Error(`clauses ${verdict.get_clauses()}`);
    const [clause, outcome, message] = verdict.get_step(0);
    assertEqual(clause, '1.1.4');
    assertEqual(outcome, Attrib.Outcome.APPLIED);
    if (!message.includes('valid confirmation by 5i5j/liu'))
        throw new Error(message);
});

check('scenario, batch and audit', () => {
    const [ok, profile, ledger] = Attrib.scenario_load(Gio.File.new_for_path(`${DATA}/sample-project.json`), null);
    assertEqual(ok, true);
    const verdicts = Attrib.Engine.new(profile).attribute_all(ledger);
    assertEqual(verdicts.map(v => v.get_deal()), ['D1', 'D2', 'D3']);
    assertEqual(verdicts[2].get_status(), Attrib.VerdictStatus.CANCELLED);

    const audit = Attrib.Audit.new();
    const scenario = JSON.stringify({
        title: '保护期内签约', profile: 'junyuan-2012',
        events: [
            {id: 'v1', type: 'visit', at: '2024-03-01', customer: {phone: '13800138000'}, agents: [{party: 'lianjia/a'}]},
            {id: 's1', type: 'deal', at: '2024-03-05', deal: 'D1', stage: 'signed', purchaser: {phone: '13800138000'}},
        ],
        expect: [{deal: 'D1', owner: 'lianjia', clause: '1.1.4'}],
    });
    audit.run_data(new TextEncoder().encode(scenario), 's.json');
    assertEqual([audit.get_n_passed(), audit.get_n_failed()], [1, 0]);
});

check('reports accepted and rejected', () => {
    const path = `${DATA}/../audit/joint-agency/core-3.1-first-report-wins.json`;
    const [, profile, ledger] = Attrib.scenario_load(Gio.File.new_for_path(path), null);
    const engine = Attrib.Engine.new(profile);
    assertEqual(engine.check_report(ledger, 'r1'), [true, true, null]);
    const [ok, accepted, reason] = engine.check_report(ledger, 'r2');
    assertEqual([ok, accepted, reason.includes('三.1')], [true, false, true]);
    let thrown = null;
    try {
        engine.check_report(ledger, 'nope');
    } catch (e) {
        thrown = e;
    }
    assertEqual(thrown.matches(Attrib.error_quark(), Attrib.Error.NOT_FOUND), true);
});

check('mask_names through derive and a scenario\'s params', () => {
    const dir = `${DATA}/../audit/joint-agency`;
    const owner = (profile, ledger) => {
        const verdict = Attrib.Engine.new(profile).attribute_deal(ledger, 'D1');
        return ['A/wang', 'B/zhao', 'developer'].filter(p => share(verdict, Attrib.ShareKind.PERFORMANCE, p) === '1/1');
    };
    const [, profile, ledger] = Attrib.scenario_load(Gio.File.new_for_path(`${dir}/core-3.1-masked-full-name-decides.json`), null);
    assertEqual(ledger.find_person('刘一', '138****2222').get_phones(), ['13811112222']);
    assertEqual(Attrib.Engine.new(profile).check_report(ledger, 'r1'), [true, true, null]);
    assertEqual(owner(profile, ledger), ['A/wang']);

    const off = profile.derive('{"mask_names": false}');
    assertEqual(off.to_json().includes('"mask_names": false'), true);
    const [ok, accepted, reason] = Attrib.Engine.new(off).check_report(ledger, 'r1');
    assertEqual([ok, accepted, reason.includes('several customers')], [true, false, true]);
    assertEqual(owner(off, ledger), ['B/zhao']);

    const desk = Attrib.Event.new(Attrib.EventType.REPORT, 'desk', time('2024-01-20T10:00:00+08:00'));
    desk.set_party('C/qian');
    desk.set_customer('刘一', '138****2222');
    assertEqual(Attrib.Engine.new(profile).check(ledger, desk).get_clause(), '三.1');
    const answer = Attrib.Engine.new(off).check(ledger, desk);
    assertEqual([answer.get_state(), answer.get_reason().includes('several customers')],
        [Attrib.ClaimState.REJECTED, true]);

    const [, scenarioProfile, scenarioLedger] = Attrib.scenario_load(
        Gio.File.new_for_path(`${dir}/core-3.1-masked-name-off.json`), null);
    assertEqual(owner(scenarioProfile, scenarioLedger), ['B/zhao']);
});

check('a claim that ended early says what ended it', () => {
    const stateOf = (file, phone, event, at) => {
        const [, profile, ledger] = Attrib.scenario_load(Gio.File.new_for_path(`${DATA}/../audit/${file}`), null);
        const claims = Attrib.Engine.new(profile).get_claims(ledger, ledger.find_person(null, phone), time(at));
        return claims.filter(c => c.get_event() === event && c.get_state() !== Attrib.ClaimState.REJECTED)
            .map(c => c.get_state());
    };
    // lvchen-joint 三.(一).4: the call b02 took gives way to a01's walk-in
    assertEqual(stateOf('lvchen-joint/core-3.1-walk-in-outranks-call.json', '15900002222', 'c1', '2024-03-03'),
        [Attrib.ClaimState.SUPERSEDED]);
    // first-contact (二)3: 小王 left on 10 March
    assertEqual(stateOf('first-contact/core-ii-3-departure-pending.json', '13912340001', 'v1', '2024-03-11'),
        [Attrib.ClaimState.DEPARTED]);
    // lvchen-joint 三.(二).3 A: b02's reception waits behind a01's protection
    assertEqual(stateOf('lvchen-joint/core-3.2.3-queued-receiver-closes.json', '13800005678', 'v2', '2024-03-05'),
        [Attrib.ClaimState.QUEUED]);
});

check('rotation', () => {
    const profile = Attrib.Profile.new_from_data(new TextEncoder().encode(JSON.stringify({
        id: 'r', title: 't', clauses: [{id: '2', kind: 'rotation', params: {min_consultants: 1}}],
    })), 'r.json');
    const ledger = Attrib.Ledger.new();
    const day = Attrib.time_get_local_day(time('2024-03-01'), null);
    const roster = Attrib.Event.new(Attrib.EventType.ROSTER, 'ros', time('2024-03-01T07:00:00+08:00'));
    roster.set_roster_date(day);
    roster.add_roster_member('A', 'a1');
    roster.add_roster_member('B', 'b1');
    roster.add_roster_member('B', 'b2');
    ledger.add_event(roster);
    const rotation = Attrib.Rotation.new(profile);
    assertEqual(rotation.get_turns(ledger, day, Attrib.VisitKind.CALL, 4), ['A/a1', 'B/b1', 'B/b2', 'A/a1']);
});

finish();
