// SPDX-License-Identifier: LGPL-2.1-or-later
//
// From a CRM's CSV export to verdicts and a month's commission statements,
// as docs/examples/python/crm_export.py does, with the gjs helpers.
//
//   gjs -m crm-export.js EXPORT.csv PLANS.json PERIOD [OUT-DIR]
//
// Writes OUT-DIR/verdicts.jsonl and OUT-DIR/statements-PERIOD.csv and
// prints a summary.

import Attrib from 'gi://Attrib?version=1.0';
import GLib from 'gi://GLib';
import System from 'system';
// installed: 'file:///usr/share/attrib-1/gjs/attrib.js'
import * as attrib from '../../../bindings/gjs/attrib.js';

const TYPES = {  // 类型 → the scenario event, docs/audit-format.md
    '报备': {type: 'report'},
    '带看': {type: 'visit'},
    '来电': {type: 'interaction', kind: 'call'},
    '来访': {type: 'interaction', kind: 'visit'},
    '认购': {type: 'deal', stage: 'subscribed'},
    '签约': {type: 'deal', stage: 'signed'},
    '退房': {type: 'deal', stage: 'cancelled'},
};

function event(row) {
    const e = {...TYPES[row['类型']], id: row['编号'], at: `${row['时间'].replace(' ', 'T')}:00+08:00`};
    const person = {name: row['客户姓名'], phone: row['客户电话']};
    const party = row['渠道'] ? `${row['渠道']}/${row['经纪人']}` : null;
    if (e.type === 'report')
        Object.assign(e, {party, customer: person});
    else if (e.type === 'visit')
        Object.assign(e, {customer: person, agents: [{party}]});
    else if (e.type === 'interaction')
        Object.assign(e, {customer: person});
    else
        Object.assign(e, {deal: row['成交编号'], purchaser: person, unit: row['房号'], price: row['成交价']});
    return e;
}

function read(path) {
    const [, bytes] = GLib.file_get_contents(path);
    return new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
}

function write(path, text) {
    GLib.file_set_contents(path, new TextEncoder().encode(text));
}

const [exportPath, plansPath, period, out = '.'] = ARGV;
if (!period) {
    printerr('usage: gjs -m crm-export.js EXPORT.csv PLANS.json PERIOD [OUT-DIR]');
    System.exit(2);
}

try {
    const ledger = attrib.ledgerFromRows(attrib.parseCsv(read(exportPath)).map(event));
    const profile = Attrib.Profile.new_builtin('junyuan-2012');
    const verdicts = Attrib.Engine.new(profile).attribute_all(ledger);
    const statements = attrib.calculator(profile, JSON.parse(read(plansPath))).get_statements(ledger, period);

    write(`${out}/verdicts.jsonl`, verdicts.map(v => `${v.to_json()}\n`).join(''));
    write(`${out}/statements-${period}.csv`, statements.map(s => s.to_csv()).join(''));
    for (const v of verdicts) {
        const status = attrib.nick(Attrib.VerdictStatus, v.get_status());
        print(`${v.get_deal()}  ${status.padEnd(9)} ${attrib.sharesText(v) || '-'}  (${v.get_clauses().join(' ')})`);
    }
    for (const s of statements) {
        print(`${s.get_period()} ${s.get_party()}: earned ${attrib.yuan(s.get_earned())}, ` +
              `deductions ${attrib.yuan(s.get_deductions())}, payable ${attrib.yuan(s.get_payable())}`);
    }
} catch (e) {
    printerr(`crm-export: ${e.message}`);
    System.exit(1);
}
