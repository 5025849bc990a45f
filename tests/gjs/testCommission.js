// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Commission from gjs: plans, lines, statements and their errors.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import {check, assertEqual, assertThrows, time, finish} from './harness.js';

const DATA = GLib.getenv('ATTRIB_TEST_DATA');
const encode = text => new TextEncoder().encode(text);

const PLAN = {
    id: 'lianjia-2024',
    party: 'lianjia',
    products: {residential: {rate: '2.5%'}},
    tiers: {basis: 'units', mode: 'retroactive', steps: [{from: 0, rate: '2%'}, {from: 2, rate: '3%'}]},
    split: [{to: 'company', share: '60%'}, {to: 'agent', share: '40%'}],
};

function fen(text) {
    const [ok, value] = Attrib.money_parse(text);
    if (!ok)
        throw new Error(text);
    return value;
}

function sale(ledger, n, day) {
    const phone = `1380013800${n}`;
    const v = Attrib.Event.new(Attrib.EventType.VISIT, `v${n}`, time(`2024-03-0${n}T10:00:00+08:00`));
    v.set_customer(null, phone);
    v.add_agent('lianjia/zhang', 0);
    ledger.add_event(v);
    const g = Attrib.Event.new(Attrib.EventType.DEAL, `g${n}`, time(`2024-03-${day}T10:00:00+08:00`));
    g.set_deal(`D${n}`);
    g.set_deal_stage(Attrib.DealStage.SIGNED);
    g.set_customer(null, phone);
    g.set_price(fen('1000000.00'));
    ledger.add_event(g);
}

function calculator(plan = PLAN) {
    const calc = Attrib.Calculator.new(Attrib.Profile.new_builtin('junyuan-2012'));
    calc.add_plan(Attrib.CommissionPlan.new_from_data(encode(JSON.stringify(plan)), 'plan.json'));
    return calc;
}

check('a plan reads, prints and reads back', () => {
    const plan = Attrib.CommissionPlan.new_from_data(encode(JSON.stringify(PLAN)), 'plan.json');
    assertEqual(plan.get_id(), 'lianjia-2024');
    assertEqual(plan.get_rounding(), Attrib.Rounding.HALF_UP);
    const printed = JSON.parse(plan.to_json());
    assertEqual(printed.tiers.steps, [{from: 0, rate: '2%'}, {from: 2, rate: '3%'}]);
    assertEqual(Attrib.CommissionPlan.new_from_data(encode(plan.to_json()), null).to_json(), plan.to_json());
});

check('a bad plan names file, line and column', () => {
    assertThrows(() => Attrib.CommissionPlan.new_from_data(encode('{"id": "p", "party": "x",\n "products": {"villa": {}}}'), 'p.json'),
        Attrib.Error.INVALID_FILE, 'p.json:2:15: “villa” is not a product');
});

check('a retroactive tier adjusts the first deal', () => {
    const ledger = Attrib.Ledger.new();
    sale(ledger, 1, '11');
    sale(ledger, 2, '12');
    const lines = calculator().get_lines(ledger);
    const got = lines.map(l => [l.get_deal(), l.get_party(), l.get_kind(), Attrib.money_format(l.get_amount())]);
    // 2% each, until the second deal lifts the month to 3%: +1% on the first
    assertEqual(got, [
        ['D1', 'lianjia', Attrib.LineKind.COMMISSION, '12000.00'],
        ['D1', 'lianjia/zhang', Attrib.LineKind.COMMISSION, '8000.00'],
        ['D1', 'lianjia', Attrib.LineKind.ADJUSTMENT, '6000.00'],
        ['D1', 'lianjia/zhang', Attrib.LineKind.ADJUSTMENT, '4000.00'],
        ['D2', 'lianjia', Attrib.LineKind.COMMISSION, '18000.00'],
        ['D2', 'lianjia/zhang', Attrib.LineKind.COMMISSION, '12000.00'],
    ]);
    assertEqual(lines[2].get_event(), 'g2');
    assertEqual(lines[2].get_rule(), 'tiers');
    assertEqual(lines[2].get_rate(), [true, 3, 100]);
    assertEqual(Attrib.line_kind_get_label(Attrib.LineKind.ADJUSTMENT).length > 0, true);
});

check('statements as JSON and CSV', () => {
    const ledger = Attrib.Ledger.new();
    sale(ledger, 1, '11');
    sale(ledger, 2, '12');
    const calc = calculator();
    const statements = calc.get_statements(ledger, '2024-03');
    assertEqual(statements.map(s => s.get_party()), ['lianjia', 'lianjia/zhang']);
    const s = statements[0];
    assertEqual(Attrib.money_format(s.get_payable()), '36000.00');
    assertEqual(s.get_n_lines(), 3);
    const json = JSON.parse(s.to_json());
    assertEqual([json.opening, json.earned, json.payable], ['0.00', '36000.00', '36000.00']);
    assertEqual(json.fingerprint, s.get_fingerprint());
    const rows = s.to_csv().trim().split('\n');
    assertEqual(rows[0].split(',').slice(0, 4), ['party', 'period', 'at', 'kind']);
    assertEqual(rows.length, 1 + 3 + 5);
    assertThrows(() => calc.get_statement(ledger, 'lianjia', '2024-3'), Attrib.Error.INVALID_TIME);
});

check('the sample project', () => {
    const file = Gio.File.new_for_path(`${DATA}/sample-project.json`);
    const [ok, profile, ledger] = Attrib.scenario_load(file, null);
    assertEqual(ok, true);
    const calc = Attrib.Calculator.new(profile);
    for (const plan of Attrib.scenario_load_plans(file, null))
        calc.add_plan(plan);
    const s = calc.get_statement(ledger, '5i5j', '2024-04');
    assertEqual(s.get_closing(), s.get_opening() + s.get_earned() + s.get_deductions());
    assertEqual(s.get_n_lines() > 0, true);
});

finish();
