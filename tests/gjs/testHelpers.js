// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The gjs helpers (bindings/gjs/attrib.js) over the whole flow: profile →
// ledger → verdicts → audit → commission → statements, as the Python
// override's suite does.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import * as attrib from '../../bindings/gjs/attrib.js';
import {check, assertEqual, assertThrows, finish} from './harness.js';

const DATA = GLib.getenv('ATTRIB_TEST_DATA');

const CSV = `id,type,at,party,agent,customer_name,customer_phone,deal,stage,purchaser_phone,price,kind
r1,report,2024-03-01T09:00:00+08:00,lianjia/zhang,,李四,13800138000,,,,,
v1,visit,2024-03-02T10:00:00+08:00,,lianjia/zhang,李四,13800138000,,,,,
c1,interaction,2024-03-03T10:00:00+08:00,,,王五,13900139000,,,,,visit
v2,visit,2024-03-04T10:00:00+08:00,,5i5j/liu,"王五",13900139000,,,,,
g1,deal,2024-03-20T10:00:00+08:00,,,,,D1,signed,13800138000,3250000.00,
g2,deal,2024-03-21T10:00:00+08:00,,,,,D2,signed,13900139000,2000000.00,
`;

const PLAN = {
    id: 'lianjia-2024', party: 'lianjia',
    products: {residential: {rate: '2.5%'}},
    split: [{to: 'company', share: '60%'}, {to: 'agent', share: '40%'}],
};

check('money and times stay exact', () => {
    assertEqual(attrib.yuan(8125000), '81250.00');
    assertEqual(attrib.fen('3250000.20'), 325000020);
    assertEqual(attrib.fen(12), 1200);
    assertThrows(() => attrib.fen('1.005'), Attrib.Error.INVALID_MONEY);
    let threw = false;
    try {
        attrib.fen(0.1);
    } catch (e) {
        threw = e instanceof TypeError;
    }
    assertEqual(threw, true, 'a float amount');
    const t = attrib.time('2024-03-01T10:00:00+08:00');
    assertEqual(attrib.time(new Date('2024-03-01T02:00:00Z')), t);
    assertEqual(attrib.time('2024-03-01'), attrib.time('2024-03-01T00:00:00+08:00'));
    assertEqual(attrib.timeText(t), '2024-03-01T10:00:00+08:00');
});

check('a ledger from CSV rows; a bad row is named', () => {
    const rows = attrib.parseCsv(CSV);
    assertEqual(rows.length, 6);
    assertEqual(rows[3].customer_name, '王五');
    const ledger = attrib.ledgerFromRows(rows);
    assertEqual(ledger.get_n_events(), 6);
    assertEqual(ledger.get_deals(), ['D1', 'D2']);
    rows[3].customer_phone = '1390013';
    assertThrows(() => attrib.ledgerFromRows(rows), Attrib.Error.INVALID_PHONE, 'row 4: ');
});

check('verdicts as fractions and steps', () => {
    const ledger = attrib.ledgerFromRows(attrib.parseCsv(CSV));
    const engine = Attrib.Engine.new(Attrib.Profile.new_builtin('junyuan-2012'));
    const [d1, d2] = engine.attribute_all(ledger);
    assertEqual(attrib.sharesText(d1), 'lianjia/zhang 1');
    assertEqual(attrib.share(d1, 'lianjia').text(), '1');
    assertEqual(attrib.share(d1, '5i5j').text(), '0');
    assertEqual(JSON.stringify(attrib.shares(d2, Attrib.ShareKind.PERFORMANCE)), '{"developer":"1"}');
    const trace = attrib.steps(d2);
    assertEqual(trace.some(s => s.clause === '1.1.2' && s.events.includes('c1')), true);
    assertEqual(attrib.verdictToObject(d1).fingerprint, d1.get_fingerprint());
});

check('an audit from an object', () => {
    const audit = Attrib.Audit.new();
    attrib.runScenario(audit, {
        title: '保护期内签约归带看渠道', profile: 'junyuan-2012', plans: [PLAN],
        events: [
            {id: 'v1', type: 'visit', at: '2024-03-02T10:00:00+08:00',
                customer: {phone: '13800138000'}, agents: [{party: 'lianjia/zhang'}]},
            {id: 'g1', type: 'deal', at: '2024-03-20T10:00:00+08:00', deal: 'D1', stage: 'signed',
                purchaser: {phone: '13800138000'}, price: '3250000.00'},
        ],
        expect: [
            {deal: 'D1', owner: 'lianjia/zhang'},
            {deal: 'D1', amount: {'lianjia': '48750.00', 'lianjia/zhang': '32500.00'}},
            {deal: 'D1', owner: '5i5j'},
        ],
    }, 's.json');
    const results = attrib.results(audit);
    assertEqual(results.map(r => r.passed), [true, true, false]);
    assertEqual(results[2].line.startsWith('FAIL'), true);
});

check('commission: a calculator from objects, statements as objects', () => {
    const ledger = attrib.ledgerFromRows(attrib.parseCsv(CSV));
    const calc = attrib.calculator('junyuan-2012', [PLAN]);
    const march = calc.get_statement(ledger, 'lianjia', '2024-03');
    assertEqual(attrib.yuan(march.get_payable()), '48750.00');
    const [line] = attrib.lines(march);
    const o = attrib.lineToObject(line);
    assertEqual([o.kind, o.amount, o.basis, `${o.rate}`, `${o.share}`], ['commission', '48750.00', '3250000.00', '1/40', '3/5']);
    assertEqual(attrib.statementToObject(march).payable, '48750.00');
    const payable = Object.fromEntries(calc.get_statements(ledger, '2024-03')
        .map(s => [s.get_party(), attrib.yuan(s.get_payable())]));
    assertEqual(payable, {'lianjia': '48750.00', 'lianjia/zhang': '32500.00'});
});

check('the sample scenario', () => {
    const {profile, ledger, plans} = attrib.loadScenario(`${DATA}/sample-project.json`);
    assertEqual(profile.get_id(), 'junyuan-2012');
    const s = attrib.calculator(profile, plans).get_statement(ledger, '5i5j', '2024-04');
    const sum = attrib.lines(s).reduce((a, l) => a + l.get_amount(), 0);
    assertEqual(sum, s.get_earned() + s.get_deductions());
});

finish();
