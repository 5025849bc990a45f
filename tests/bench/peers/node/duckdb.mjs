// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The compared rule (tests/bench/RULE.md) in DuckDB, through the npm package
// @duckdb/node-api: a peer of the race (the contract: ../README.md).
//
//   node duckdb.mjs EVENTS.csv [--deals DEALS.txt] [--threads N]
//
// DuckDB runs its queries on one thread per processor unless --threads
// caps them (its `threads` setting, given when the instance is created;
// the race runs it both ways: duckdb and duckdb-1t).
//
// Everything is SQL: the host sends statements and hashes the text the last
// one returns. It drives no per-customer loop, as SQL can express the whole
// sequential claim state machine:
//
//   - ingest: DuckDB's own CSV reader (read_csv, typed columns, the +08:00
//     timestamps read as local time) into three tables: visits (agents parsed
//     into a list of structs), interactions and deal stages, sorted by
//     customer (or deal), with ART indexes for the single-deal lookups.
//   - what a visit's decisions need that does not depend on the claims (its
//     attempts in order, the first rank, the first interaction at or after
//     its look-back's start: an ASOF join) is computed for all visits at
//     once, then each customer's visits are gathered into one list.
//   - the claim state machine is sequential per customer (a visit's outcome
//     depends on the claims the earlier visits made), so it is a recursive
//     CTE: its row for a customer holds their claims (a list of structs) and
//     void_since, and iteration k applies every customer's k-th visit to it,
//     with list lambdas doing RULE.md's steps 1 to 4 as written. Only the
//     customers with a k-th visit are in iteration k, so the work is the
//     number of visits, in max(visits per customer) iterations. DuckDB
//     1.5.6 supports USING KEY recursive CTEs, which would keep one row per
//     customer instead of one per visit; here they measured slower (their
//     keyed update of these list-valued rows costs more than appending), so
//     the claims are read from each customer's last row (k = its visits).
//   - the deals' owners: an aggregate over the deal stages, a range join of
//     each signed deal with its purchaser's claims, arg_min for the first
//     covering claim and string_agg for the sharing channels.
//
// A single deal (--deals) runs the same SQL scoped to the deal and to its
// purchaser's phone, as prepared statements.

import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

let csvPath = null, dealsPath = null, threads = null, bad = false;
for (let a = process.argv.slice(2); a.length > 0;) {
  const arg = a.shift();
  if (arg === '--deals' && a.length > 0) dealsPath = a.shift();
  else if (arg === '--threads' && a.length > 0) threads = a.shift();
  else if (!arg.startsWith('--') && csvPath === null) csvPath = arg;
  else bad = true;
}
if (bad || !csvPath || (threads !== null && !/^[1-9][0-9]*$/.test(threads))) {
  process.stderr.write('usage: node duckdb.mjs EVENTS.csv [--deals DEALS.txt] [--threads N]\n');
  process.exit(2);
}

const sqlString = (s) => "'" + s.replaceAll("'", "''") + "'";

// The pieces of RULE.md as macros, so that the recursive step below reads
// like the rule. Times are local TIMESTAMPs (every `at` is +08:00, no DST):
// day(t) = t::DATE, start(d) = d::TIMESTAMP, and DuckDB's DATE + INTERVAL n
// MONTH clamps to the end of the month, which is add_months.
const MACROS = `
CREATE TYPE claim AS STRUCT(idx INTEGER, ch VARCHAR, holder VARCHAR, ev TIMESTAMP,
                            b TIMESTAMP, e TIMESTAMP, cb TIMESTAMP, renewed BOOLEAN);
CREATE MACRO running(c, t) AS c.b <= t AND t < c.e;
-- step 3, running: among the claims before this visit that run at t (the
-- list run, in creation order, and run_ch their channels), the last one
-- of the attempt's channel, else the first one
CREATE MACRO running_for(run, run_ch, channel) AS coalesce(
    run[len(run) + 1 - list_position(list_reverse(run_ch), channel)], run[1]);
-- step 1: the least chain_begin of the claims ended by t and not renewed
CREATE MACRO expired_chain_begin(claims, t) AS
    list_min(list_transform(list_filter(claims, lambda c: c.e <= t AND NOT c.renewed), lambda c: c.cb));
-- step 3, one attempt (a struct of ch, agent, rank) against the claims made
-- before the visit; r is running_for(...) for it, v the visit's facts
CREATE MACRO decide(r, a, v, void_since, first_visit) AS CASE
    WHEN r.ch = a.ch THEN
        CASE WHEN NOT r.renewed AND r.e - INTERVAL 7 DAY <= v.t AND v.t < r.e THEN 'renew' ELSE 'held' END
    WHEN r IS NOT NULL THEN 'protected'            -- 1.1.1
    WHEN a.rank > v.first_rank THEN 'later_rank'   -- 1.2.8
    WHEN NOT first_visit AND v.lookback_at IS NOT NULL AND v.lookback_at < v.t
         AND (void_since IS NULL OR v.lookback_at < void_since) THEN 'look_back'   -- 1.1.2
    ELSE 'claim' END;
`;

// The claims of the customers that `scope` selects ('' for all, or a filter
// on phone), as the table `claims(phone, idx, ch, ev, b, e)`.
function claimsSql(scope) {
  const where = scope ? `WHERE ${scope}` : '';
  return `
WITH RECURSIVE
vatt AS (  -- the attempts (one per channel: its agent) in order: by rank, then channel id
  SELECT phone, "at", "at"::DATE AS day,
         list_sort(list_transform(agents, lambda p: {rank: p.rank, ch: p.channel, agent: p.party})) AS attempts,
         list_min(list_transform(agents, lambda p: p.rank)) AS first_rank
  FROM visit ${where}),
crm_visit AS (  -- the customer's first CRM interaction of kind visit (a FILTER, not a
                -- WHERE, leaves the scan's only condition the phone: an index lookup)
  SELECT phone, min("at") FILTER (WHERE kind = 'visit') AS "at" FROM inter ${where} GROUP BY phone),
vfacts AS (  -- each customer's visits in time order, with the first interaction at or
             -- after the start of the visit's look-back
  -- (list_sort orders the structs by their first field, t: cheaper than list(... ORDER BY))
  SELECT v.phone, any_value(c."at") AS crm_visit_at,
         list_sort(list({t: v."at", pb: v.day::TIMESTAMP, pe: v.day + INTERVAL 3 MONTH,
                         attempts: v.attempts, first_rank: v.first_rank, lookback_at: i."at"})) AS visits
  FROM vatt v
       ASOF LEFT JOIN (SELECT phone, "at" FROM inter ${where}) i
            ON v.phone = i.phone AND v.day - INTERVAL 3 MONTH <= i."at"
       LEFT JOIN crm_visit c ON c.phone = v.phone
  GROUP BY v.phone),
-- k: how many of the visits are applied; iteration k applies the k-th
st(phone, k, visits, crm_visit_at, void_since, claims) AS (
  SELECT phone, 0, visits, crm_visit_at, NULL::TIMESTAMP, []::claim[] FROM vfacts
  UNION ALL
  SELECT phone, k, visits, crm_visit_at, void_since, list_concat(
           -- a renewed claim is marked ...
           list_transform(claims, lambda c: CASE WHEN list_contains(renewed_idx, c.idx)
                                                 THEN struct_update(c, renewed := true) ELSE c END),
           -- ... and the new ones appended in the order of their attempts
           list_transform(list_filter(d, lambda x: x.what IN ('renew', 'claim')), lambda x, i: CASE x.what
             WHEN 'renew' THEN {idx: n + i, ch: x.r.ch, holder: x.a.agent, ev: x.r.ev, b: x.r.e,
                                e: x.r.e::DATE + INTERVAL 3 MONTH, cb: x.r.cb, renewed: false}::claim
             ELSE {idx: n + i, ch: x.a.ch, holder: x.a.agent, ev: x.v.t, b: x.v.pb, e: x.v.pe, cb: x.v.pb,
                   renewed: false}::claim END))
  FROM (
    SELECT *, list_transform(list_filter(d, lambda x: x.what = 'renew'), lambda x: x.r.idx) AS renewed_idx
    FROM (
      SELECT phone, k, visits, crm_visit_at, void_since, claims, len(claims) AS n,
             list_transform(ar, lambda x: {a: x.a, r: x.r, v: x.v,
                                           what: decide(x.r, x.a, x.v, x.void_since, x.first_visit)}) AS d
      FROM (
        SELECT *, list_transform(v.attempts, lambda a: {a: a, r: running_for(run, run_ch, a.ch), v: v,
                                                        void_since: void_since, first_visit: first_visit}) AS ar
        FROM (
          SELECT *, list_transform(run, lambda c: c.ch) AS run_ch
          FROM (
            -- step 1 first: the expiries up to this visit void the CRM. Doing it
            -- at visits only is enough: claims change only at visits, and a
            -- claim that ended is never renewed after, so the interactions in
            -- between would find the same claims ended
            SELECT phone, k + 1 AS k, visits, crm_visit_at, visits[k + 1] AS v, claims,
                   least(void_since, expired_chain_begin(claims, visits[k + 1].t)) AS void_since,
                   list_filter(claims, lambda c: running(c, visits[k + 1].t)) AS run,
                   -- the first visit: no earlier visit event, no earlier CRM visit
                   k = 0 AND (crm_visit_at IS NULL OR visits[k + 1].t < crm_visit_at) AS first_visit
            FROM st WHERE k < len(visits))))))),
claims AS (
  SELECT phone, c.idx, c.ch, c.ev, c.b, c.e
  FROM (SELECT phone, unnest(claims) AS c FROM st WHERE k = len(visits)))`;
}

// The owner of each deal of `deals(deal, cancelled, T, phone)` from `claims`.
const OWNERS = `
live AS (  -- the purchaser's claims that run at the counted time
  SELECT d.deal, c.idx, c.ch, c.ev, d.T
  FROM deals d JOIN claims c ON c.phone = d.phone AND c.b <= d.T AND d.T < c.e),
found AS (  -- the first of them (creation order) whose visit is not after T
  SELECT deal, arg_min(ev, idx) FILTER (WHERE ev <= T) AS ev FROM live GROUP BY deal),
owner AS (  -- the channels of that visit's claims that run at T
  SELECT l.deal, string_agg(DISTINCT l.ch, '+' ORDER BY l.ch) AS owner
  FROM live l JOIN found f ON f.deal = l.deal AND f.ev = l.ev GROUP BY l.deal),
lines AS (
  SELECT d.deal || chr(9) || CASE WHEN d.cancelled THEN 'cancelled' WHEN d.T IS NULL THEN 'pending'
                                  ELSE coalesce(o.owner, 'developer') END AS line
  FROM deals d LEFT JOIN owner o USING (deal))`;

// A deal's counted time is its first signed stage, its purchaser that
// stage's; any cancelled stage makes it cancelled.
const DEALS = (where) => `
deals AS (
  SELECT deal, bool_or(stage = 'cancelled') AS cancelled,
         min("at") FILTER (WHERE stage = 'signed') AS T,
         arg_min(purchaser, "at") FILTER (WHERE stage = 'signed') AS phone
  FROM stage ${where} GROUP BY deal)`;

function peakRssKb() {
  const m = /^VmHWM:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : 0;
}

const instance = await DuckDBInstance.create(':memory:', threads === null ? {} : { threads });
const con = await instance.connect();
if (threads !== null) {
  const [set] = (await con.runAndReadAll(`SELECT current_setting('threads')::VARCHAR`)).getRows()[0];
  if (set !== threads) throw new Error(`asked for ${threads} threads, DuckDB runs ${set}`);
}
await con.run(MACROS);

// W1: the CSV into tables. Bytewise text order is DuckDB's default collation.
const t0 = performance.now();
await con.run(`
CREATE TEMP TABLE raw AS SELECT * FROM read_csv(${sqlString(csvPath)}, header = true, auto_detect = false,
    columns = {'id': 'VARCHAR', 'type': 'VARCHAR', 'at': 'TIMESTAMP', 'party': 'VARCHAR',
               'agents': 'VARCHAR', 'customer_name': 'VARCHAR', 'customer_phone': 'VARCHAR',
               'purchaser_phone': 'VARCHAR', 'kind': 'VARCHAR', 'stage': 'VARCHAR',
               'deal': 'VARCHAR', 'price': 'DOUBLE'},
    timestampformat = '%Y-%m-%dT%H:%M:%S+08:00');
CREATE TABLE visit AS
  SELECT customer_phone AS phone, "at",
         list_transform(string_split(agents, ';'), lambda p: {
             party: regexp_extract(p, '^(.*):', 1),
             channel: split_part(regexp_extract(p, '^(.*):', 1), '/', 1),
             rank: regexp_extract(p, ':(-?[0-9]+)$', 1)::INTEGER}) AS agents
  FROM raw WHERE type = 'visit' ORDER BY phone, "at";
CREATE TABLE inter AS
  SELECT customer_phone AS phone, "at", kind FROM raw WHERE type = 'interaction' ORDER BY phone, "at";
CREATE TABLE stage AS
  SELECT deal, "at", stage, purchaser_phone AS purchaser FROM raw WHERE type = 'deal' ORDER BY deal, "at";
DROP TABLE raw;`);
await con.run(`CREATE INDEX visit_phone ON visit(phone); CREATE INDEX inter_phone ON inter(phone); CREATE INDEX stage_deal ON stage(deal);`);
const t1 = performance.now();

// W2: every deal's owner.
const batch = await con.runAndReadAll(`${claimsSql('')},${DEALS('')},${OWNERS}
SELECT count(*)::INTEGER, coalesce(string_agg(line, chr(10) ORDER BY line), '') FROM lines`);
const [nDeals, text] = batch.getRows()[0];
const digest = createHash('sha256').update(nDeals ? text + '\n' : '', 'utf8').digest('hex');
const t2 = performance.now();

console.log(`ingest_s ${((t1 - t0) / 1e3).toFixed(6)}`);
console.log(`attribute_s ${((t2 - t1) / 1e3).toFixed(6)}`);

if (dealsPath !== null) {
  // W3: each deal on its own, from the tables: the deal's stages, then the
  // claims of its purchaser alone (the same SQL, scoped by phone).
  const wanted = readFileSync(dealsPath, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
  const dealStmt = await con.prepare(`WITH ${DEALS('WHERE deal = $1').trim()}
    SELECT cancelled, T::VARCHAR, phone FROM deals`);
  const ownerStmt = await con.prepare(`${claimsSql('phone = $phone')},
    deals AS (SELECT $deal AS deal, false AS cancelled, $T::TIMESTAMP AS T, $phone AS phone),${OWNERS}
    SELECT line FROM lines`);
  const times = [];
  for (const deal of wanted) {
    const s0 = performance.now();
    dealStmt.bind([deal]);
    const [cancelled, T, phone] = (await dealStmt.runAndReadAll()).getRows()[0];
    let line;
    if (cancelled) line = `${deal}\tcancelled`;
    else if (T === null) line = `${deal}\tpending`;
    else {
      ownerStmt.bind({ deal, phone, T });
      line = (await ownerStmt.runAndReadAll()).getRows()[0][0];
    }
    if (!line) throw new Error(`no answer for ${deal}`);
    times.push((performance.now() - s0) * 1e3);
  }
  times.sort((a, b) => a - b);
  console.log(`single_p50_us ${times[Math.floor(times.length / 2)].toFixed(3)}`);
  console.log(`single_p99_us ${times[Math.min(times.length - 1, Math.floor(times.length * 99 / 100))].toFixed(3)}`);
}

console.log(`peak_rss_kb ${peakRssKb()}`);
console.log(`checksum ${digest} deals ${nDeals}`);
