// SPDX-License-Identifier: LGPL-2.1-or-later
//
// gjs helpers for libattrib: what introspection gives, made convenient
// from JavaScript. An ES module; import it beside the library:
//
//   import Attrib from 'gi://Attrib?version=1.0';
//   import * as attrib from 'file:///usr/share/attrib-1/gjs/attrib.js';
//
//   const {profile, ledger, plans} = attrib.loadScenario('sample-project.json');
//   for (const v of new Attrib.Engine({profile}).attribute_all(ledger))
//       print(v.get_deal(), attrib.sharesText(v));
//
// Money stays exact: amounts are fen (integers) in the library and decimal
// strings of yuan here ("81250.00"), never floating-point yuan. Shares are
// {num, den} fractions. The helpers only add; every introspected call
// works as it does without them.

import Attrib from 'gi://Attrib?version=1.0';
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

const encoder = new TextEncoder();

// ---------------------------------------------------------------------
// Money and times

/** An amount in fen as yuan text: yuan(8125000) is "81250.00". */
export function yuan(fen) {
    if (!Number.isSafeInteger(fen))
        throw new TypeError(`an amount in fen is a safe integer, not ${fen}`);
    return Attrib.money_format(fen);
}

/** Yuan text ("3250000.00") or an integer of yuan as fen. Never a
 * fractional number: money does not go through floating point. */
export function fen(amount) {
    if (typeof amount === 'number') {
        if (!Number.isInteger(amount))
            throw new TypeError(`${amount} is a floating-point amount: give yuan as a string`);
        amount = `${amount}`;
    }
    const [, value] = Attrib.money_parse(amount);
    return value;
}

/** An AttribTime (µs since the epoch) from RFC 3339 text, a date
 * ("2024-03-01", midnight in Asia/Shanghai or @timeZone) or a Date. */
export function time(value, timeZone = null) {
    if (value instanceof Date)
        return value.getTime() * 1000;
    if (typeof value === 'number')
        return value;
    const tz = timeZone ? Attrib.time_zone_new(timeZone) : null;
    const [, t] = Attrib.time_parse(value, tz);
    return t;
}

/** An AttribTime as RFC 3339 text in the profile zone (default
 * Asia/Shanghai). */
export function timeText(t, timeZone = null) {
    return Attrib.time_format(t, timeZone ? Attrib.time_zone_new(timeZone) : null);
}

// ---------------------------------------------------------------------
// Verdicts

/** A fraction {num, den}; text() is "1/2" (or "1"). */
export class Fraction {
    constructor(num, den) {
        this.num = num;
        this.den = den;
    }

    text() {
        return this.den === 1 ? `${this.num}` : `${this.num}/${this.den}`;
    }

    toString() {
        return this.text();
    }

    toJSON() {
        return this.text();
    }
}

/** Party → Fraction of a verdict's commission (or @kind) shares. */
export function shares(verdict, kind = Attrib.ShareKind.COMMISSION) {
    const out = {};
    for (let i = 0; i < verdict.get_n_shares(kind); i++) {
        const [party, num, den] = verdict.get_share(kind, i);
        out[party] = new Fraction(num, den);
    }
    return out;
}

/** "lianjia 1/2, 5i5j 1/2" */
export function sharesText(verdict, kind = Attrib.ShareKind.COMMISSION) {
    return Object.entries(shares(verdict, kind)).map(([p, s]) => `${p} ${s}`).join(', ');
}

/** The Fraction of one party (a channel sums its agents). */
export function share(verdict, party, kind = Attrib.ShareKind.COMMISSION) {
    const [num, den] = verdict.get_party_share(kind, party);
    return new Fraction(num, den);
}

/** The trace: [{clause, outcome, message, events}]. */
export function steps(verdict) {
    const out = [];
    for (let i = 0; i < verdict.get_n_steps(); i++) {
        const [clause, outcome, message] = verdict.get_step(i);
        out.push({clause, outcome, message, events: verdict.get_step_events(i)});
    }
    return out;
}

/** The verdict's JSON (docs/verdicts.md) as an object. */
export function verdictToObject(verdict) {
    return JSON.parse(verdict.to_json());
}

// ---------------------------------------------------------------------
// Commission

/** The lines of a statement, as an array. */
export function lines(statement) {
    const out = [];
    for (let i = 0; i < statement.get_n_lines(); i++)
        out.push(statement.get_line(i));
    return out;
}

/** The file-format name of an enum value: nick(Attrib.LineKind, v) is
 * "commission". */
export function nick(enumType, value) {
    const name = Object.keys(enumType).find(k => enumType[k] === value && /^[A-Z0-9_]+$/.test(k));
    return name !== undefined ? name.toLowerCase() : `${value}`;
}

/** A commission line as an object, amounts as yuan text. */
export function lineToObject(line) {
    const [hasRate, num, den] = line.get_rate();
    const [shareNum, shareDen] = line.get_share();
    return {
        at: timeText(line.get_at()), period: line.get_period(), party: line.get_party(),
        kind: nick(Attrib.LineKind, line.get_kind()),
        deal: line.get_deal(), milestone: line.get_milestone(), basis: yuan(line.get_basis()),
        rate: hasRate ? new Fraction(num, den) : null, share: new Fraction(shareNum, shareDen),
        amount: yuan(line.get_amount()), plan: line.get_plan(), rule: line.get_rule(),
        event: line.get_event(), explanation: line.get_explanation(),
    };
}

/** A statement's JSON (docs/commission.md) as an object. */
export function statementToObject(statement) {
    return JSON.parse(statement.to_json());
}

/** A plan from an object in the plan format. */
export function plan(object, filename = null) {
    return Attrib.CommissionPlan.new_from_data(encoder.encode(JSON.stringify(object)), filename);
}

/** A calculator for a profile (object or built-in id) with plans
 * (objects or AttribCommissionPlan). */
export function calculator(profile, plans = []) {
    if (typeof profile === 'string')
        profile = Attrib.Profile.new_builtin(profile);
    const calc = Attrib.Calculator.new(profile);
    for (const p of plans)
        calc.add_plan(p instanceof Attrib.CommissionPlan ? p : plan(p));
    return calc;
}

// ---------------------------------------------------------------------
// Ledgers, scenarios, audits

const ROW_FIELDS = {
    customer_name: ['customer', 'name'],
    customer_phone: ['customer', 'phone'],
    purchaser_name: ['purchaser', 'name'],
    purchaser_phone: ['purchaser', 'phone'],
};

function eventFromRow(row) {
    const event = {};
    for (const [key, value] of Object.entries(row)) {
        if (value === null || value === undefined || value === '')
            continue;
        if (key in ROW_FIELDS) {
            const [outer, inner] = ROW_FIELDS[key];
            event[outer] = {...event[outer], [inner]: value};
        } else if (key === 'agent') {
            event.agents = [...event.agents ?? [], {party: value}];
        } else if (key === 'agents' && typeof value === 'string') {
            event.agents = value.split(';').map(p => p.trim()).filter(p => p).map(party => ({party}));
        } else if (value instanceof Date) {
            event[key] = value.toISOString();
        } else if (typeof value === 'number' && !Number.isInteger(value)) {
            throw new TypeError(`row “${row.id}”: “${key}” is a floating-point number: money and times are text`);
        } else {
            event[key] = value;
        }
    }
    return event;
}

/** Adds events given as objects — scenario events, or flat rows of a CSV
 * export (customer_name, customer_phone, purchaser_name, purchaser_phone,
 * agent, agents "a;b") — all or nothing. A bad row throws a GLib.Error
 * that names it ("row 4: event “v2”: …"). */
export function addRows(ledger, rows) {
    const events = [...rows].map(eventFromRow);
    const text = `[\n${events.map(e => JSON.stringify(e)).join(',\n')}\n]`;
    try {
        ledger.load_data(encoder.encode(text), 'rows');
    } catch (e) {
        const m = e instanceof GLib.Error ? /^rows:(\d+):\d+: (.*)$/s.exec(e.message) : null;
        if (m && Number(m[1]) >= 2 && Number(m[1]) <= events.length + 1)
            throw new GLib.Error(Attrib.error_quark(), e.code, `row ${Number(m[1]) - 1}: ${m[2]}`);
        throw e;
    }
    return ledger;
}

/** A new ledger from rows (see addRows). */
export function ledgerFromRows(rows, timeZone = null) {
    return addRows(timeZone ? Attrib.Ledger.new_for_time_zone(timeZone) : Attrib.Ledger.new(), rows);
}

/** Rows of CSV text with a header line (RFC 4180 quoting). */
export function parseCsv(text) {
    const records = [];
    let field = '', record = [], quoted = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (quoted) {
            if (c === '"' && text[i + 1] === '"') {
                field += '"';
                i++;
            } else if (c === '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c === '"') {
            quoted = true;
        } else if (c === ',') {
            record.push(field);
            field = '';
        } else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i++;
            record.push(field);
            records.push(record);
            field = '';
            record = [];
        } else {
            field += c;
        }
    }
    if (field !== '' || record.length > 0) {
        record.push(field);
        records.push(record);
    }
    const [header, ...body] = records.filter(r => r.length > 1 || r[0] !== '');
    return body.map(r => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** {profile, ledger, plans} of a scenario file. */
export function loadScenario(path) {
    const file = Gio.File.new_for_path(path);
    const [, profile, ledger] = Attrib.scenario_load(file, null);
    return {profile, ledger, plans: Attrib.scenario_load_plans(file, null)};
}

/** The results of an audit: [{passed, line, detail}]. */
export function results(audit) {
    const out = [];
    for (let i = 0; i < audit.get_n_results(); i++) {
        const [passed, line, detail] = audit.get_result(i);
        out.push({passed, line, detail});
    }
    return out;
}

/** Runs a scenario given as an object. */
export function runScenario(audit, scenario, filename = null) {
    return audit.run_data(encoder.encode(JSON.stringify(scenario)), filename);
}
