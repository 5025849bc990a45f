import { Engine } from 'json-rules-engine';
const e = new Engine([], { allowUndefinedFacts: true });
e.setCondition('ownRunning', { all: [{ fact: 'runningChannel', operator: 'equal', value: { fact: 'channel' } }] });
e.addRule({ name: 'renew', conditions: { all: [{ condition: 'ownRunning' }, { fact: 'runningRenewed', operator: 'equal', value: false }, { fact: 't', operator: 'greaterThanInclusive', value: { fact: 'renewFrom' } }, { fact: 't', operator: 'lessThan', value: { fact: 'runningEnd' } }] }, event: { type: 'renew' } });
e.addRule({ name: 'prot', conditions: { all: [{ not: { condition: 'ownRunning' } }, { fact: 'runningChannel', operator: 'notEqual', value: null }] }, event: { type: 'protected' } });
e.addRule({ name: 'rank', conditions: { all: [{ fact: 'runningChannel', operator: 'equal', value: null }, { fact: 'rank', operator: 'greaterThan', value: { fact: 'firstRank' } }] }, event: { type: 'rank' } });
e.addRule({ name: 'lb', conditions: { all: [{ fact: 'runningChannel', operator: 'equal', value: null }, { fact: 'rank', operator: 'equal', value: { fact: 'firstRank' } }, { fact: 'firstVisit', operator: 'equal', value: false }, { fact: 'lbAt', operator: 'lessThan', value: { fact: 'voidSince' } }] }, event: { type: 'lb' } });
e.addRule({ name: 'claim', conditions: { all: [{ fact: 'runningChannel', operator: 'equal', value: null }, { fact: 'rank', operator: 'equal', value: { fact: 'firstRank' } }, { any: [{ fact: 'firstVisit', operator: 'equal', value: true }, { fact: 'lbAt', operator: 'greaterThanInclusive', value: { fact: 'voidSince' } }] }] }, event: { type: 'claim' } });
const N = 20000;
let t0 = performance.now(); let k = 0;
for (let i = 0; i < N; i++) {
  const r = await e.run({ runningChannel: i % 3 ? null : 'ch01', channel: 'ch01', runningRenewed: false, t: i, renewFrom: 5, runningEnd: 100, rank: 0, firstRank: 0, firstVisit: i % 2 == 0, lbAt: 4, voidSince: Infinity });
  k += r.events.length;
}
console.log((performance.now() - t0) / N * 1000, 'us/run', k);
