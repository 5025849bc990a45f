-- SPDX-License-Identifier: LGPL-2.1-or-later
--
-- The compared rule (../RULE.md) in SQLite's SQL, shared by the two SQLite
-- peers (sqlite_py.py, sqlite_c.c) so that they race the same queries and
-- differ only in the host that loads the CSV. Needs SQLite >= 3.38
-- (unixepoch, MATERIALIZED, several recursive SELECTs).
--
-- The file is cut into sections at lines `-- @NAME`; a peer runs them as:
--   schema              before loading (several statements)
--   insert_attempt      prepared, once per agent of a visit:
--                       ?1 customer phone, ?2 at, ?3 party, ?4 rank, ?5 position in `agents`
--   insert_interaction  prepared, once per interaction: ?1 phone, ?2 at, ?3 kind
--   insert_stage        prepared, once per deal row: ?1 deal, ?2 stage, ?3 at, ?4 purchaser phone
--   index               after loading, still ingest (several statements)
--   owners              prepared; :deal NULL gives every deal, a deal id gives that one;
--                       rows `DEAL<TAB>OWNER`, sorted bytewise
-- Reports and follow-ups are not loaded: they play no part in the rule.
--
-- Times are UNIX seconds. All `at` are +08:00 (RULE.md: no daylight
-- saving), so the local day of t is (t + 28800) / 86400 and its start is
-- day * 86400 - 28800; a visit is identified by its `at` (every `at` is
-- distinct).

-- @schema
PRAGMA temp_store = MEMORY;  -- sorts of the index builds and the recursion's queue stay off disk
CREATE TABLE attempt (      -- one row per agent of a visit
  cust    TEXT NOT NULL,    -- the customer's phone: a customer is their phone
  t       INTEGER NOT NULL, -- the visit
  channel TEXT NOT NULL,
  agent   TEXT NOT NULL,    -- the party, channel/agent: the claim's holder
  rank    INTEGER NOT NULL,
  ord     INTEGER NOT NULL  -- position in `agents`: the tie-break if a channel came twice
);
CREATE TABLE interaction (cust TEXT NOT NULL, t INTEGER NOT NULL, kind TEXT NOT NULL);
CREATE TABLE stage (deal TEXT NOT NULL, stage TEXT NOT NULL, t INTEGER NOT NULL, purchaser TEXT);

-- @insert_attempt
INSERT INTO attempt VALUES (?1, unixepoch(?2), substr(?3, 1, instr(?3, '/') - 1), ?3, CAST(?4 AS INTEGER), ?5)

-- @insert_interaction
INSERT INTO interaction VALUES (?1, unixepoch(?2), ?3)

-- @insert_stage
INSERT INTO stage VALUES (?1, ?2, unixepoch(?3), nullif(?4, ''))

-- @index
-- a customer's visits in time order, with the attempts of each in the
-- order the rule takes them (rank, channel): the search for a visit that
-- opens a claim
CREATE INDEX attempt_visit ON attempt (cust, t, rank, channel, ord);
-- a channel's visits of a customer in time order: renewals
CREATE INDEX attempt_channel ON attempt (cust, channel, t, rank, ord);
-- the look-back and the customer's first visit
CREATE INDEX interaction_cust ON interaction (cust, t, kind);
CREATE INDEX stage_deal ON stage (deal, stage, t);
-- add_months(day, +3) and (day, -3) (RULE.md, Dates) as a lookup over the
-- days of the data (and 8 more, for the renewal of a claim ending up to a
-- week after the last visit), so that the recursion below does an integer
-- seek rather than date arithmetic per claim. It depends on the dates only,
-- on no customer. SQLite's '+N months' overflows into the next month
-- (01-31 + 1 month = 03-02), so the clamp is the min with the target
-- month's last day. The span is read at the first and last attempt's rowid:
-- the file is in time order (RULE.md).
CREATE TABLE calendar (day INTEGER PRIMARY KEY, plus3 INTEGER NOT NULL, minus3 INTEGER NOT NULL);
WITH RECURSIVE
span(day) AS (
  SELECT (t + 28800) / 86400 FROM attempt WHERE rowid = (SELECT min(rowid) FROM attempt)
  UNION ALL
  SELECT day + 1 FROM span
  WHERE day < (SELECT (t + 28800) / 86400 + 8 FROM attempt WHERE rowid = (SELECT max(rowid) FROM attempt))),
local(day, d, dom) AS (
  SELECT day, date(day * 86400, 'unixepoch'), CAST(strftime('%d', day * 86400, 'unixepoch') AS INTEGER) FROM span)
INSERT INTO calendar
SELECT day,
       unixepoch(min(date(d, 'start of month', '+3 months', '+' || (dom - 1) || ' days'),
                     date(d, 'start of month', '+4 months', '-1 day'))) - 28800,
       unixepoch(min(date(d, 'start of month', '-3 months', '+' || (dom - 1) || ' days'),
                     date(d, 'start of month', '-2 months', '-1 day'))) - 28800
FROM local;
-- (no ANALYZE: each lookup has one index that fits, and the plans are the
-- same without statistics)

-- @owners
-- The claims, per customer, in one recursive CTE whose rows are claims.
-- Replaying RULE.md's loop visit by visit would carry a list of claims;
-- its structure makes a few scalars enough:
--  * a visit opens claims only when no claim is running at its time t (a
--    running claim of another channel rejects, one of its own channel at
--    most renews), and then all its first-rank attempts pass or fail the
--    look-back together (it does not depend on the attempt). A renewal
--    begins where its claim ends, so a channel's claims cover one interval
--    from the opening: the claims a visit opened (a *group*, one `event`)
--    are running until the last of its channels' ends (g_max), and the
--    next group opens at the first visit at or after it that passes the
--    look-back.
--  * within a group each channel's renewals depend only on that channel's
--    visits: the claim ending at `end` is renewed by the first visit with an
--    attempt of its channel in [end - 7 days, end), of any rank (the rank
--    check comes after the running one's). So the recursion walks a
--    group's channels one after the other, each down its renewals.
--  * void_since only matters in a look-back, which only happens after the
--    current group has expired, and every group expires with at least one
--    claim not renewed (the last of each chain); so once a group has ended,
--    void_since is the min of the chain_begin of the groups so far:
--    void_after, fixed when a group opens.
-- A row is a claim plus what the next step needs: rv, the rowid of the
-- attempt that renews it (NULL: none), nxt, the group's next channel (by
-- channel id, all of the group's channels having the first rank), g_max
-- over the group's channels done. The anchor is one empty row per customer
-- (channel NULL), which the "next group" step turns into the first group.
-- Only the purchasers of the deals asked about are walked.
WITH RECURSIVE
asked(name) AS (
  SELECT DISTINCT deal FROM stage WHERE :deal IS NULL
  UNION ALL
  SELECT :deal WHERE :deal IS NOT NULL),
deal(name, signed, purchaser, cancelled) AS MATERIALIZED (
  SELECT a.name, s.t, s.purchaser,
         EXISTS (SELECT 1 FROM stage c WHERE c.deal = a.name AND c.stage = 'cancelled')
  FROM asked a
  LEFT JOIN stage s ON s.rowid = (SELECT f.rowid FROM stage f WHERE f.deal = a.name AND f.stage = 'signed'
                                  ORDER BY f.t LIMIT 1)),
claim(cust, event, chain_begin, channel, holder, rank, begin, end, created_at, g_max, void_after, rv, nxt) AS (
  SELECT DISTINCT purchaser, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  FROM deal WHERE signed IS NOT NULL AND NOT cancelled
  UNION ALL
  -- a renewal: same channel, chain_begin and event; begins at the end
  SELECT r.cust, r.event, r.chain_begin, r.channel, h.agent, h.rank, r.end, k.plus3, h.t, r.g_max, r.void_after,
         (SELECT a.rowid FROM attempt a
          WHERE a.cust = r.cust AND a.channel = r.channel AND a.t >= k.plus3 - 604800 AND a.t < k.plus3
          ORDER BY a.t, a.rank, a.ord LIMIT 1),
         r.nxt
  FROM claim r
  JOIN attempt h ON h.rowid = r.rv
  JOIN calendar k ON k.day = (r.end + 28800) / 86400
  UNION ALL
  -- the chain ended (not renewed): the group's next channel, opened by the same visit
  SELECT r.cust, r.event, r.chain_begin, h.channel, h.agent, h.rank, r.chain_begin, k.plus3, r.event,
         coalesce(max(r.g_max, r.end), r.end), r.void_after,
         (SELECT a.rowid FROM attempt a
          WHERE a.cust = r.cust AND a.channel = h.channel AND a.t >= k.plus3 - 604800 AND a.t < k.plus3
          ORDER BY a.t, a.rank, a.ord LIMIT 1),
         (SELECT min(a.channel) FROM attempt a
          WHERE a.cust = r.cust AND a.t = r.event AND a.rank = h.rank AND a.channel > h.channel)
  FROM claim r
  JOIN attempt h ON h.rowid = (SELECT a.rowid FROM attempt a WHERE a.cust = r.cust AND a.t = r.event AND a.channel = r.nxt
                               ORDER BY a.rank, a.ord LIMIT 1)
  JOIN calendar k ON k.day = (r.event + 28800) / 86400
  WHERE r.rv IS NULL
  UNION ALL
  -- the group has ended (or there was none yet): the next group is opened
  -- by the first visit at or after its end that the look-back lets through
  -- (1.1.2: an interaction in [start(add_months(day(t), -3)), t) before
  -- void_since rejects, unless the visit is the customer's first); its
  -- first attempt (rank, then channel) gives the first claim
  SELECT r.cust, h.t, k.day * 86400 - 28800, h.channel, h.agent, h.rank, k.day * 86400 - 28800, k.plus3, h.t, NULL,
         coalesce(min(r.void_after, k.day * 86400 - 28800), k.day * 86400 - 28800),
         (SELECT a.rowid FROM attempt a
          WHERE a.cust = r.cust AND a.channel = h.channel AND a.t >= k.plus3 - 604800 AND a.t < k.plus3
          ORDER BY a.t, a.rank, a.ord LIMIT 1),
         (SELECT min(a.channel) FROM attempt a
          WHERE a.cust = r.cust AND a.t = h.t AND a.rank = h.rank AND a.channel > h.channel)
  FROM claim r
  JOIN attempt h ON h.rowid = (
    SELECT a.rowid FROM attempt a
    WHERE a.cust = r.cust
      AND a.t = (
        SELECT v.t FROM attempt v
        WHERE v.cust = r.cust
          AND v.t >= coalesce(max(r.g_max, r.end), r.end, -9223372036854775808)
          AND (NOT EXISTS (SELECT 1 FROM interaction i
                           WHERE i.cust = v.cust
                             AND i.t >= (SELECT minus3 FROM calendar WHERE day = (v.t + 28800) / 86400)
                             AND i.t < v.t
                             AND i.t < coalesce(r.void_after, 9223372036854775807))
               OR (NOT EXISTS (SELECT 1 FROM attempt w WHERE w.cust = v.cust AND w.t < v.t)
                   AND NOT EXISTS (SELECT 1 FROM interaction j
                                   WHERE j.cust = v.cust AND j.t < v.t AND j.kind = 'visit')))
        ORDER BY v.t LIMIT 1)
    ORDER BY a.rank, a.channel, a.ord LIMIT 1)
  JOIN calendar k ON k.day = (h.t + 28800) / 86400
  WHERE r.rv IS NULL AND r.nxt IS NULL
),
held(name, event, channel, created_at, rank, ok) AS MATERIALIZED (
  -- the purchaser's claims running at the counted time T
  SELECT d.name, c.event, c.channel, c.created_at, c.rank, c.event <= d.signed
  FROM deal d JOIN claim c ON c.cust = d.purchaser AND c.begin <= d.signed AND d.signed < c.end
  WHERE c.channel IS NOT NULL AND NOT d.cancelled),
found(name, event) AS (
  -- the first of them in creation order (a visit's time, then its
  -- attempts' order) whose visit is not after T
  SELECT name, event FROM (
    SELECT name, event, row_number() OVER (PARTITION BY name ORDER BY created_at, rank, channel) AS n
    FROM held WHERE ok)
  WHERE n = 1),
owner(name, channels) AS (
  -- the channels of found's event running at T, sorted bytewise, joined by '+'
  -- (SQLite 3.40 has no ORDER BY in group_concat; a window's frame has one)
  SELECT DISTINCT name, group_concat(channel, '+') OVER (PARTITION BY name ORDER BY channel
                                                         ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
  FROM (SELECT DISTINCT h.name, h.channel FROM held h JOIN found f ON f.name = h.name AND f.event = h.event))
SELECT d.name || char(9) || CASE WHEN d.cancelled THEN 'cancelled'
                                 WHEN d.signed IS NULL THEN 'pending'
                                 ELSE coalesce(o.channels, 'developer') END AS line
FROM deal d LEFT JOIN owner o ON o.name = d.name
ORDER BY line
