// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A ledger fed as events happen, from gjs: the watch returns the verdicts
// that changed (docs/live.md).

import Attrib from 'gi://Attrib?version=1.0';
import {check, assertEqual, time, finish} from './harness.js';

function share(verdict, party) {
    const [num, den] = verdict.get_party_share(Attrib.ShareKind.PERFORMANCE, party);
    return `${num}/${den}`;
}

check('the watch returns the verdicts that changed', () => {
    const ledger = Attrib.Ledger.new();
    const engine = Attrib.Engine.new(Attrib.Profile.new_builtin('junyuan-2012'));
    const watch = Attrib.Watch.new(engine, ledger);
    const w = Attrib.Event.new(Attrib.EventType.REPORT, 'r0', time('2024-02-01T10:00:00+08:00'));
    w.set_customer('王五', '13700137000');
    w.set_party('5i5j/liu');
    ledger.add_event(w);
    const r = Attrib.Event.new(Attrib.EventType.REPORT, 'r1', time('2024-03-01T10:00:00+08:00'));
    r.set_customer('李四', '13800138000');
    r.set_party('lianjia/zhang');
    ledger.add_event(r);
    const d = Attrib.Event.new(Attrib.EventType.DEAL, 's1', time('2024-04-01T10:00:00+08:00'));
    d.set_deal('D1');
    d.set_deal_stage(Attrib.DealStage.SIGNED);
    d.set_customer('李四', '13800138000');
    ledger.add_event(d);

    let changed = watch.update();
    assertEqual(changed.map(v => v.get_deal()).join(), 'D1');
    assertEqual(share(changed[0], 'developer'), '1/1');
    assertEqual(watch.get_position(), 3);

    // another customer's report, the latest event: the indexes grow by
    // it, and D1 did not read that customer's events: not asked again
    const f = Attrib.Event.new(Attrib.EventType.REPORT, 'r2', time('2024-04-02T10:00:00+08:00'));
    f.set_customer('王五', '13700137000');
    f.set_party('lianjia/zhang');
    ledger.add_event(f);
    changed = watch.update();
    assertEqual(changed.length, 0);
    assertEqual(watch.get_n_decided(), 0);

    // the visit that confirms the report, imported late: D1 is lianjia's
    const v = Attrib.Event.new(Attrib.EventType.VISIT, 'v1', time('2024-03-05T10:00:00+08:00'));
    v.set_customer('李四', '13800138000');
    v.add_agent('lianjia/zhang', 0);
    ledger.add_event(v);
    changed = watch.update();
    assertEqual(changed.map(x => x.get_deal()).join(), 'D1');
    assertEqual(share(changed[0], 'lianjia'), '1/1');
    assertEqual(share(watch.get_verdict('D1'), 'lianjia'), '1/1');
    assertEqual(watch.get_verdict('D9'), null);
});

check('the watch returns the claims and reports that changed', () => {
    const ledger = Attrib.Ledger.new();
    const engine = Attrib.Engine.new(Attrib.Profile.new_builtin('joint-agency'));
    const watch = Attrib.Watch.new(engine, ledger);
    const report = (id, at, party) => {
        const r = Attrib.Event.new(Attrib.EventType.REPORT, id, time(at));
        r.set_customer('李四', '13800138000');
        r.set_party(party);
        ledger.add_event(r);
    };
    const side = c => (c === null ? '-' : `${c.get_event()}:${c.get_state()}`);
    const changes = () => watch.get_changed_claims().map(c =>
        `${side(c.get_before())}>${side(c.get_after())}@${c.get_customer().get_phones().join()}`).join(' ');
    const S = Attrib.ClaimState;

    report('r1', '2024-03-01T10:00:00+08:00', 'lianjia/zhang');
    watch.update();
    assertEqual(changes(), `->r1:${S.EXPIRED}@13800138000`);
    assertEqual(watch.get_changed_reports().join(), 'r1');

    // an earlier report by another channel, imported late (三.1)
    report('r0', '2024-02-28T10:00:00+08:00', '5i5j/liu');
    watch.update();
    assertEqual(changes(), `->r0:${S.EXPIRED}@13800138000 r1:${S.EXPIRED}>r1:${S.REJECTED}@13800138000`);
    assertEqual(watch.get_changed_reports().join(), 'r0,r1');
    const [, accepted, reason] = watch.check_report('r1');
    assertEqual(accepted, false);
    assertEqual(reason.includes('(三.1)'), true);
});

check('the watch keeps the commission lines a change produces', () => {
    const profile = Attrib.Profile.new_builtin('junyuan-2012');
    const engine = Attrib.Engine.new(profile);
    const calc = Attrib.Calculator.new(profile);
    calc.add_plan(Attrib.CommissionPlan.new_from_data(JSON.stringify({
        id: 'lianjia-2024', party: 'lianjia',
        products: {residential: {rate: '2%'}},
    }), 'lianjia.json'));
    const ledger = Attrib.Ledger.new();
    const watch = Attrib.Watch.new_with_calculator(engine, calc, ledger);
    const r = Attrib.Event.new(Attrib.EventType.REPORT, 'r1', time('2024-03-01T10:00:00+08:00'));
    r.set_customer('李四', '13800138000');
    r.set_party('lianjia/zhang');
    ledger.add_event(r);
    const v = Attrib.Event.new(Attrib.EventType.VISIT, 'v1', time('2024-03-02T10:00:00+08:00'));
    v.set_customer('李四', '13800138000');
    v.add_agent('lianjia/zhang', 0);
    ledger.add_event(v);
    watch.update();
    assertEqual(watch.get_lines().length, 0);

    const d = Attrib.Event.new(Attrib.EventType.DEAL, 's1', time('2024-03-09T10:00:00+08:00'));
    d.set_deal('D1');
    d.set_deal_stage(Attrib.DealStage.SIGNED);
    d.set_price(200000000);
    d.set_customer('李四', '13800138000');
    ledger.add_event(d);
    watch.update();
    const added = watch.get_added_lines();
    assertEqual(added.map(l => `${l.get_party()} ${l.get_deal()} ${Attrib.money_format(l.get_amount())}`).join(),
        'lianjia D1 40000.00');
    assertEqual(watch.get_removed_lines().length, 0);
    assertEqual(watch.get_lines().length, calc.get_lines(ledger).length);
});

finish();
