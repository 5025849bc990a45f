// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The compared rule (tests/bench/RULE.md) as json-rules-engine rules: the
// rules-engine peer of the race (the contract: ../README.md).
//
//   node rules.mjs EVENTS.csv [--deals DEALS.txt]
//
// The rule's decisions are json-rules-engine rules over facts, and the engine
// evaluates every condition of them; the host code only fetches facts (of
// the claims the clock rules found running, the last of the attempt's channel
// or else the first; the first interaction at or after the look-back's start;
// dates from add_months), walks each customer's events in time order
// and applies the event the engine fired (mark a claim renewed, append a
// claim, lower void_since). Five rule sets, one engine each:
//
//   clock    one claim at an event at t: has it ended (end <= t), does its
//            ending void the CRM (ended, not renewed: RULE.md step 1), does it
//            run at t (begin <= t < end)
//   attempt  one attempt of a visit: renewal, held, protected (1.1.1),
//            later rank (1.2.8), look-back (1.1.2) or claim: RULE.md step 3,
//            written so that exactly one fires
//   deal     cancelled, pending or counted
//   cover    one claim at a deal's counted time T: does it cover the deal
//            (begin <= T < end, its visit not after T)
//   share    one claim at T: does it run at T with the covering claim's visit
//
// Each engine.run is one decision for one fact set, as a rules engine is
// used; json-rules-engine is asynchronous, so every run is awaited.

import { Engine } from 'json-rules-engine';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const csvPath = args[0];
const dealsPath = args.includes('--deals') ? args[args.indexOf('--deals') + 1] : null;
if (!csvPath) {
  process.stderr.write('usage: node rules.mjs EVENTS.csv [--deals DEALS.txt]\n');
  process.exit(2);
}

// ---- dates (RULE.md "Dates"): seconds since the epoch, local is +08:00 ----

const TZ = 8 * 3600;
const DAY = 86400;

function parseTime(s) {
  // 2024-01-01T00:01:47+08:00, always +08:00 (checked: another offset would
  // make local days wrong)
  if (s.length !== 25 || s.slice(19) !== '+08:00') throw new Error(`unexpected time ${s}`);
  return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10),
    +s.slice(11, 13), +s.slice(14, 16), +s.slice(17, 19)) / 1000 - TZ;
}
const localDay = (t) => Math.floor((t + TZ) / DAY);
const start = (day) => day * DAY - TZ;
function addMonths(day, months) {
  const d = new Date(day * DAY * 1000);
  const m0 = d.getUTCMonth() + months;
  const y = d.getUTCFullYear() + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();   // day 0 of the next month
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / 1000 / DAY;
}

// ---- the rules ----

const fact = (name, operator, value) => ({ fact: name, operator, value });
const ref = (name) => ({ fact: name });

function clockEngine() {
  const e = new Engine([], { allowUndefinedFacts: false });
  e.setCondition('ended', { all: [fact('end', 'lessThanInclusive', ref('t'))] });
  e.addRule({ name: 'ended', conditions: { all: [{ condition: 'ended' }] }, event: { type: 'ended' } });
  e.addRule({ name: 'expiry voids the CRM',
    conditions: { all: [{ condition: 'ended' }, fact('renewed', 'equal', false)] },
    event: { type: 'voids' } });
  e.addRule({ name: 'running',
    conditions: { all: [fact('begin', 'lessThanInclusive', ref('t')), fact('t', 'lessThan', ref('end'))] },
    event: { type: 'running' } });
  return e;
}

function attemptEngine() {
  const e = new Engine([], { allowUndefinedFacts: false });
  // runningChannel is null when no claim runs
  e.setCondition('ownRunning', { all: [fact('runningChannel', 'equal', ref('channel'))] });
  e.setCondition('anyRunning', { all: [fact('runningChannel', 'notEqual', null)] });
  e.setCondition('inRenewalWindow', { all: [
    fact('runningRenewed', 'equal', false),
    fact('t', 'greaterThanInclusive', ref('renewalFrom')),
    fact('t', 'lessThan', ref('runningEnd'))] });
  e.setCondition('firstRank', { all: [fact('rank', 'equal', ref('firstRank'))] });
  // 1.1.2: a CRM interaction in the look-back, before void_since, and the
  // visit not the customer's first; lookbackAt is the first interaction at or
  // after the look-back's start (null if none)
  e.setCondition('developerContact', { all: [
    fact('earlierVisits', 'greaterThan', 0),
    fact('lookbackAt', 'greaterThanInclusive', ref('lookbackFrom')),
    fact('lookbackAt', 'lessThan', ref('t')),
    fact('lookbackAt', 'lessThan', ref('voidSince'))] });
  const rule = (name, all) => e.addRule({ name, conditions: { all }, event: { type: name } });
  rule('renewal', [{ condition: 'ownRunning' }, { condition: 'inRenewalWindow' }]);
  rule('held', [{ condition: 'ownRunning' }, { not: { condition: 'inRenewalWindow' } }]);
  rule('protected', [{ condition: 'anyRunning' }, { not: { condition: 'ownRunning' } }]);
  rule('later rank', [{ not: { condition: 'anyRunning' } }, fact('rank', 'greaterThan', ref('firstRank'))]);
  rule('look-back', [{ not: { condition: 'anyRunning' } }, { condition: 'firstRank' },
    { condition: 'developerContact' }]);
  rule('claim', [{ not: { condition: 'anyRunning' } }, { condition: 'firstRank' },
    { not: { condition: 'developerContact' } }]);
  return e;
}

function dealEngine() {
  const e = new Engine([], { allowUndefinedFacts: false });
  e.addRule({ name: 'cancelled', conditions: { all: [fact('cancelled', 'equal', true)] },
    event: { type: 'cancelled' } });
  e.addRule({ name: 'pending',
    conditions: { all: [fact('cancelled', 'equal', false), fact('signedAt', 'equal', null)] },
    event: { type: 'pending' } });
  e.addRule({ name: 'counted',
    conditions: { all: [fact('cancelled', 'equal', false), fact('signedAt', 'notEqual', null)] },
    event: { type: 'counted' } });
  return e;
}

function coverEngine() {
  const e = new Engine([], { allowUndefinedFacts: false });
  e.setCondition('runsAtT', { all: [fact('begin', 'lessThanInclusive', ref('T')), fact('T', 'lessThan', ref('end'))] });
  e.addRule({ name: 'covers', conditions: { all: [{ condition: 'runsAtT' }, fact('eventAt', 'lessThanInclusive', ref('T'))] },
    event: { type: 'covers' } });
  return e;
}

function shareEngine() {
  const e = new Engine([], { allowUndefinedFacts: false });
  e.setCondition('runsAtT', { all: [fact('begin', 'lessThanInclusive', ref('T')), fact('T', 'lessThan', ref('end'))] });
  e.addRule({ name: 'shares', conditions: { all: [{ condition: 'runsAtT' }, fact('eventAt', 'equal', ref('foundEvent'))] },
    event: { type: 'shares' } });
  return e;
}

const engines = { clock: clockEngine(), attempt: attemptEngine(), deal: dealEngine(),
  cover: coverEngine(), share: shareEngine() };

async function fired(engine, facts) {
  const { events } = await engine.run(facts);
  return events.map((ev) => ev.type);
}

// ---- the host: one customer's events in time order ----

// the first index of sorted `xs` with xs[i] >= x
function lowerBound(xs, x) {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// bytewise order of UTF-8 strings (what RULE.md sorts by); JS's < compares
// UTF-16 code units, which differs only beyond the BMP
const bytewise = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

async function claimsFor(evs) {
  const claims = [];       // in creation order
  let live = [];           // the claims that have not ended yet
  let voidSince = Infinity;
  const interTimes = [];   // the customer's interactions so far (time order)
  let earlierVisits = 0;   // earlier visits and CRM interactions of kind visit
  for (const ev of evs) {
    const t = ev.t;
    // step 1, and which claims run at t
    const running = [];
    const stillLive = [];
    for (const c of live) {
      const what = await fired(engines.clock, { t, begin: c.begin, end: c.end, renewed: c.renewed });
      if (what.includes('voids')) voidSince = Math.min(voidSince, c.chainBegin);
      if (what.includes('running')) running.push(c);
      // an ended claim is never looked at again: it cannot run or be renewed
      // any more, and its voiding (a min) is already counted
      if (!what.includes('ended')) stillLive.push(c);
    }
    live = stillLive;
    if (ev.type === 'interaction') {
      interTimes.push(t);
      if (ev.kind === 'visit') earlierVisits++;
      continue;
    }
    // step 2: one attempt per channel, by rank then channel id
    const byChannel = new Map();
    for (const a of ev.agents) {
      const had = byChannel.get(a.channel);
      if (had === undefined || a.rank < had.rank) byChannel.set(a.channel, a);
    }
    const attempts = [...byChannel.values()].sort((x, y) => x.rank - y.rank || bytewise(x.channel, y.channel));
    const firstRank = attempts[0].rank;
    const lookbackFrom = start(addMonths(localDay(t), -3));
    const i = lowerBound(interTimes, lookbackFrom);
    const lookbackAt = i < interTimes.length ? interTimes[i] : null;
    const day = localDay(t);
    // step 3: the claims running before this visit; new ones go to `made`
    const made = [];
    for (const a of attempts) {
      let r = null;
      for (const c of running) if (c.channel === a.channel) r = c;
      if (r === null && running.length > 0) r = running[0];
      const what = await fired(engines.attempt, {
        channel: a.channel, rank: a.rank, firstRank, t,
        runningChannel: r ? r.channel : null,
        runningRenewed: r ? r.renewed : null,
        runningEnd: r ? r.end : null,
        renewalFrom: r ? r.end - 7 * DAY : null,
        earlierVisits, lookbackFrom, lookbackAt, voidSince,
      });
      if (what.length !== 1) throw new Error(`attempt decided ${JSON.stringify(what)}`);
      if (what[0] === 'renewal') {
        r.renewed = true;
        made.push({ channel: r.channel, holder: a.party, event: r.event, begin: r.end,
          end: start(addMonths(localDay(r.end), 3)), chainBegin: r.chainBegin, renewed: false });
      } else if (what[0] === 'claim') {
        made.push({ channel: a.channel, holder: a.party, event: t, begin: start(day),
          end: start(addMonths(day, 3)), chainBegin: start(day), renewed: false });
      }
    }
    // step 4: the claims this visit made are joint (they share the event)
    for (const c of made) { claims.push(c); live.push(c); }
    earlierVisits++;
  }
  return claims;
}

async function ownerOf(deal, claims) {
  const what = await fired(engines.deal, { cancelled: deal.cancelled, signedAt: deal.signedAt });
  if (what[0] !== 'counted') return what[0];
  const T = deal.signedAt;
  let found = null;
  for (const c of claims) {
    if ((await fired(engines.cover, { T, begin: c.begin, end: c.end, eventAt: c.event }))[0] === 'covers') {
      found = c;
      break;
    }
  }
  if (found === null) return 'developer';
  const owners = new Set();
  for (const c of claims) {
    if ((await fired(engines.share, { T, begin: c.begin, end: c.end, eventAt: c.event, foundEvent: found.event }))[0] === 'shares') {
      owners.add(c.channel);
    }
  }
  return [...owners].sort(bytewise).join('+');
}

// ---- the CSV (RFC 4180: quoted fields are read, though bench-gen writes none) ----

function splitCsvLine(line) {
  if (!line.includes('"')) return line.split(',');
  const out = [];
  let cur = '', q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (q) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') q = false; else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

function peakRssKb() {
  const m = /^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : 0;
}

// W1: the CSV into per-customer event lists and per-deal stage summaries
const t0 = performance.now();
const events = new Map();   // phone → [{t, type, agents | kind}]
const deals = new Map();    // deal → {cancelled, signedAt, phone}
{
  const text = readFileSync(csvPath, 'utf8');
  let pos = text.indexOf('\n');
  const header = splitCsvLine(text.slice(0, pos).replace(/\r$/, ''));
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const [cType, cAt, cAgents, cPhone, cPurchaser, cKind, cStage, cDeal] =
    ['type', 'at', 'agents', 'customer_phone', 'purchaser_phone', 'kind', 'stage', 'deal'].map((h) => col[h]);
  pos++;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    let line = text.slice(pos, end);
    pos = end + 1;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line === '') continue;
    const f = splitCsvLine(line);
    const type = f[cType];
    if (type === 'visit' || type === 'interaction') {
      const ev = { t: parseTime(f[cAt]), type };
      if (type === 'visit') {
        ev.agents = f[cAgents].split(';').map((p) => {
          const k = p.lastIndexOf(':');
          const party = p.slice(0, k);
          return { party, channel: party.split('/')[0], rank: Number(p.slice(k + 1)) };
        });
      } else ev.kind = f[cKind];
      const phone = f[cPhone];
      let list = events.get(phone);
      if (list === undefined) events.set(phone, list = []);
      list.push(ev);
    } else if (type === 'deal') {
      const id = f[cDeal];
      let d = deals.get(id);
      if (d === undefined) deals.set(id, d = { cancelled: false, signedAt: null, phone: null });
      if (f[cStage] === 'signed' && d.signedAt === null) {
        d.signedAt = parseTime(f[cAt]);
        d.phone = f[cPurchaser];
      } else if (f[cStage] === 'cancelled') d.cancelled = true;
    }
  }
}
const t1 = performance.now();

// W2: every customer's claims, then every deal's owner
const claimsOf = new Map();
for (const [phone, evs] of events) claimsOf.set(phone, await claimsFor(evs));
const lines = [];
for (const [id, d] of deals) lines.push(`${id}\t${await ownerOf(d, claimsOf.get(d.phone) ?? [])}`);
// sorted bytewise: as UTF-8 buffers, each made once
const sorted = lines.map((l) => Buffer.from(l, 'utf8')).sort(Buffer.compare);
const hash = createHash('sha256');
for (const l of sorted) hash.update(l).update('\n');
const digest = hash.digest('hex');
const t2 = performance.now();

console.log(`ingest_s ${((t1 - t0) / 1e3).toFixed(6)}`);
console.log(`attribute_s ${((t2 - t1) / 1e3).toFixed(6)}`);

if (dealsPath !== null) {
  // W3: each deal on its own, from the loaded events: its purchaser's claims
  // are made again, nothing is kept from the batch
  const wanted = readFileSync(dealsPath, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const times = [];
  for (const id of wanted) {
    const s0 = performance.now();
    const d = deals.get(id);
    const claims = d.phone === null ? [] : await claimsFor(events.get(d.phone) ?? []);
    await ownerOf(d, claims);
    times.push((performance.now() - s0) * 1e3);
  }
  times.sort((a, b) => a - b);
  console.log(`single_p50_us ${times[Math.floor(times.length / 2)].toFixed(3)}`);
  console.log(`single_p99_us ${times[Math.min(times.length - 1, Math.floor(times.length * 99 / 100))].toFixed(3)}`);
}

console.log(`peak_rss_kb ${peakRssKb()}`);
console.log(`checksum ${digest} deals ${lines.length}`);
