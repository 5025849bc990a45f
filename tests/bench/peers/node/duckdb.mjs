// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The compared rule (tests/bench/RULE.md) in DuckDB, through the npm package
// @duckdb/node-api: a peer of the race (the contract: ../README.md).
//
//   node duckdb.mjs EVENTS.csv [--deals DEALS.txt]
//
// Everything is SQL; the host only sends statements and hashes the text the
// last one returns. No per-customer loop in JavaScript is needed:
//
//   - ingest: DuckDB's own CSV reader (read_csv, typed columns, the +08:00
//     timestamps read as local time) into three tables: visits (agents parsed
//     into a list), interactions and deal stages, sorted by customer so that
//     the single-deal queries skip most row groups.
//   - what a visit's decisions need that does not depend on the claims (its
//     attempts in order, the first rank, whether it is the first visit, the
//     first interaction of its look-back) comes from window functions, an
//     aggregate and an ASOF join.
//   - the claim state machine is sequential per customer (a visit's outcome
//     depends on the claims the earlier visits made), so it is a recursive
//     CTE with USING KEY (phone) (DuckDB >= 1.3): one row per customer holds
//     their claims as a list of structs and void_since; iteration k applies
//     each customer's k-th visit to that row, with list lambdas doing RULE.md's
//     steps 1 to 3 literally. USING KEY keeps only the latest row of each
//     customer instead of one row per visit, and the working table of an
//     iteration is only the customers who had a k-th visit, so the work is
//     the number of visits, in max(visits per customer) iterations.
//   - the deals' owners: an aggregate over the deal stages, a range join of
//     each signed deal with its purchaser's claims, arg_min for the first
//     covering claim and string_agg for the sharing channels.

import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const csvPath = args[0];
const dealsPath = args.includes('--deals') ? args[args.indexOf('--deals') + 1] : null;
if (!csvPath) {
  process.stderr.write('usage: node duckdb.mjs EVENTS.csv [--deals DEALS.txt]\n');
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
-- step 3, running: among the claims before this visit that run at t, the
-- last one of the attempt's channel, else the first one
CREATE MACRO running_for(claims, t, channel) AS coalesce(
    list_filter(claims, lambda c: running(c, t) AND c.ch = channel)[-1],
    list_filter(claims, lambda c: running(c, t))[1]);
-- step 1: the least chain_begin of the claims ended by t and not renewed
CREATE MACRO expired_chain_begin(claims, t) AS
    list_min(list_transform(list_filter(claims, lambda c: c.e <= t AND NOT c.renewed), lambda c: c.cb));
-- step 3, one attempt (a struct of ch, agent, rank) against the claims made
-- before the visit; r is running_for(...) for it
CREATE MACRO decide(r, a, t, first_rank, lookback_at, void_since, first_visit) AS CASE
    WHEN r.ch = a.ch THEN
        CASE WHEN NOT r.renewed AND r.e - INTERVAL 7 DAY <= t AND t < r.e THEN 'renew' ELSE 'held' END
    WHEN r IS NOT NULL THEN 'protected'           -- 1.1.1
    WHEN a.rank > first_rank THEN 'later_rank'    -- 1.2.8
    WHEN NOT first_visit AND lookback_at IS NOT NULL AND lookback_at < t
         AND (void_since IS NULL OR lookback_at < void_since) THEN 'look_back'   -- 1.1.2
    ELSE 'claim' END;
`;

// The claims of the customers that `scope` selects ('' for all, or a filter
// on phone), as the table `claims(phone, idx, ch, ev, b, e)`.
function claimsSql(scope) {
  const where = scope ? `WHERE ${scope}` : '';
  const and = scope ? `AND ${scope}` : '';
  return `
WITH RECURSIVE
att AS (   -- one attempt per channel (its agent; the lowest rank if listed twice)
  SELECT phone, "at", a.channel AS ch, arg_min(a.party, a.rank) AS agent, min(a.rank) AS rank
  FROM (SELECT phone, "at", unnest(agents) AS a FROM visit ${where})
  GROUP BY ALL),
vatt AS (  -- the attempts in order: by rank, then channel id
  SELECT phone, "at", list({ch: ch, agent: agent, rank: rank} ORDER BY rank, ch) AS attempts,
         min(rank) AS first_rank
  FROM att GROUP BY ALL),
cev AS (   -- visits and CRM interactions: which make a later visit not the first
  SELECT phone, "at", true AS visitish FROM visit ${where}
  UNION ALL SELECT phone, "at", kind = 'visit' FROM inter ${where}),
seen AS (
  SELECT phone, "at", coalesce(bool_or(visitish) OVER (PARTITION BY phone ORDER BY "at"
             ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS seen_visit
  FROM cev),
vf AS (
  SELECT v.phone, v."at", row_number() OVER (PARTITION BY v.phone ORDER BY v."at") AS seq,
         v.attempts, v.first_rank, NOT s.seen_visit AS first_visit,
         v."at"::DATE::TIMESTAMP AS pb, v."at"::DATE + INTERVAL 3 MONTH AS pe,
         v."at"::DATE - INTERVAL 3 MONTH AS lb
  FROM vatt v JOIN seen s USING (phone, "at")),
vfacts AS MATERIALIZED (  -- + the first interaction at or after the look-back's start
  SELECT vf.*, i."at" AS lookback_at
  FROM vf ASOF LEFT JOIN (SELECT phone, "at" FROM inter ${where}) i
       ON vf.phone = i.phone AND vf.lb <= i."at"),
st(phone, seq, void_since, claims) ${process.env.UA ? '' : 'USING KEY (phone)'} AS (
  SELECT DISTINCT phone, 0::BIGINT, NULL::TIMESTAMP, []::claim[] FROM visit ${where}
  UNION ${process.env.UA ? 'ALL' : ''}
  SELECT phone, seq, void_since, list_concat(
           -- a renewed claim is marked ...
           list_transform(claims, lambda c: CASE WHEN list_contains(renewed_idx, c.idx)
                                                 THEN struct_update(c, renewed := true) ELSE c END),
           -- ... and the new ones appended in the order of their attempts
           list_transform(created, lambda n, i: struct_update(n, idx := (len(claims) + i)::INTEGER)))
  FROM (
    SELECT phone, seq, void_since, claims,
           list_transform(list_filter(d, lambda x: x.what = 'renew'), lambda x: x.r.idx) AS renewed_idx,
           list_transform(list_filter(d, lambda x: x.what IN ('renew', 'claim')), lambda x: CASE x.what
             WHEN 'renew' THEN {idx: 0, ch: x.r.ch, holder: x.a.agent, ev: x.r.ev, b: x.r.e,
                                e: x.r.e::DATE + INTERVAL 3 MONTH, cb: x.r.cb, renewed: false}::claim
             ELSE {idx: 0, ch: x.a.ch, holder: x.a.agent, ev: t, b: pb, e: pe, cb: pb,
                   renewed: false}::claim END) AS created
    FROM (
      SELECT phone, seq, void_since, claims, t, pb, pe,
             list_transform(attempts, lambda a: {a: a, r: running_for(claims, t, a.ch),
                 what: decide(running_for(claims, t, a.ch), a, t, first_rank, lookback_at,
                              void_since, first_visit)}) AS d
      FROM (
        -- step 1 first: the expiries up to this visit void the CRM
        SELECT s.phone, v.seq, s.claims, v."at" AS t, v.pb, v.pe, v.attempts, v.first_rank,
               v.first_visit, v.lookback_at,
               least(s.void_since, expired_chain_begin(s.claims, v."at")) AS void_since
        FROM st s JOIN vfacts v ON v.phone = s.phone AND v.seq = s.seq + 1)))),
claims AS (
  SELECT phone, c.idx, c.ch, c.ev, c.b, c.e
  FROM (SELECT phone, unnest(claims) AS c FROM ${process.env.UA ? '(SELECT phone, arg_max(claims, seq) AS claims FROM st GROUP BY phone)' : 'st'}))`;
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

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
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
if (process.env.IDX) await con.run(`CREATE INDEX visit_phone ON visit(phone); CREATE INDEX inter_phone ON inter(phone); CREATE INDEX stage_deal ON stage(deal);`);
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
