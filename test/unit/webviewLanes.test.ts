// The lanes of the queue view: built from the engine's queue of a real #18243 log, connectors paired by the
// processed line, crossings counted, the rejected Start and its stale error marked, and windows sliced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Queue } from '../../src/core/engine/types';
import { crossingCounts, lanesFromOps, lanesFromQueue, opLabel, orderText, sliceLanes } from '../../webview/lanes';
import { fixtureReport } from './webviewFixture';

function reorderFinding() {
  const f = fixtureReport().result.findings.find((x) => x.rule === 'stale-observe-reorder');
  assert.ok(f?.queue, 'the fixture yields the #18243 finding with its queue');
  return f;
}

test('#18243 fixture: processed lane is Start(191374), Stop, Stop, Start(191299); issued lane has the older Start before the newer', () => {
  const f = reorderFinding();
  const lanes = lanesFromQueue(f.queue!, f.causes);
  assert.deepEqual(lanes.processed.map(opLabel), ['Start(191374)', 'Stop', 'Stop', 'Start(191299)']);
  assert.deepEqual(lanes.issued.map(opLabel), ['Stop', 'Stop', 'Start(191299)', 'Start(191374)']);
  assert.deepEqual(lanes.issued.map((r) => r.origin), ['pre-candidate', 'candidate', 'leader', 'task-scan']);
});

test('#18243 fixture: each op points at itself in the other lane, and the overtaking Start crosses the three ops before it', () => {
  const f = reorderFinding();
  const { issued, processed, crossings } = lanesFromQueue(f.queue!, f.causes);
  for (const r of issued) assert.equal(processed[r.peer].peer, r.index);
  for (const r of issued) assert.equal(processed[r.peer].line, f.queue!.issued[r.index].processedAt.line);
  assert.deepEqual(issued.map((r) => r.peer), [1, 2, 3, 0]);
  assert.deepEqual(issued.map((r) => r.crossings), [1, 1, 1, 3]);
  assert.equal(crossings, 3);
});

test('#18243 fixture: the rejected Start carries the stale error and the overtaking Start is marked in both lanes', () => {
  const f = reorderFinding();
  const { issued, processed } = lanesFromQueue(f.queue!, f.causes);
  const rejected = processed.filter((r) => r.mark === 'rejected');
  assert.deepEqual(rejected.map(opLabel), ['Start(191299)']);
  const stale = f.causes.find((c) => c.role === 'stale-error');
  assert.ok(stale);
  assert.deepEqual(rejected[0].error, { file: stale.file, line: stale.line, text: stale.message });
  assert.match(rejected[0].error!.text, /stale observe id ObserveId\(191299\), current id: ObserveId\(191374\)/);
  assert.deepEqual(processed.filter((r) => r.mark === 'overtook').map(opLabel), ['Start(191374)']);
  assert.deepEqual(issued.filter((r) => r.mark).map((r) => `${opLabel(r)}:${r.mark}`), ['Start(191299):rejected', 'Start(191374):overtook']);
});

test('rows take their time from the lookup, given the line and its ts; none where it has none', () => {
  const f = reorderFinding();
  const asked: number[] = [];
  const lanes = lanesFromQueue(f.queue!, f.causes, (at) => {
    asked.push(at.line);
    return at.line === 14 && at.ts !== null ? '14:05:20.131' : undefined;
  });
  assert.equal(lanes.processed[0].time, '14:05:20.131');
  assert.equal(lanes.processed[1].time, undefined);
  assert.ok(!('time' in lanes.processed[1]));
  assert.ok(asked.includes(12), 'issued rows ask for their issuing line');
});

test('a region without a finding shows only the processed lane; a stale error still marks the last Start before it', () => {
  const ops = [
    { op: 'Start', observeId: '5', file: 0, line: 3, ts: null },
    { op: 'Stop', file: 0, line: 4, ts: null },
    { op: 'Start', observeId: '4', file: 0, line: 6, ts: null },
  ];
  const lanes = lanesFromOps(ops, [{ file: 0, line: 9, ts: null, role: 'stale-error', message: 'stale observe id ObserveId(4), current id: ObserveId(5)' }]);
  assert.equal(lanes.issued.length, 0);
  assert.deepEqual(lanes.processed.map((r) => r.mark ?? ''), ['', '', 'rejected']);
  assert.equal(lanes.processed[2].error?.line, 9);
  assert.ok(lanes.processed.every((r) => r.peer === -1));
});

test('sliceLanes returns the asked rows of both lanes, clipped at the end', () => {
  const issued = Array.from({ length: 5000 }, (_, i) => ({ op: 'Stop', origin: 'unknown' as const, file: 0, line: i + 1, ts: null, processedAt: { file: 0, line: 10_000 + i } }));
  const processed = issued.map((o) => ({ op: 'Stop', file: 0, line: o.processedAt.line, ts: null }));
  const lanes = lanesFromQueue({ issued, processed }, []);
  const win = sliceLanes(lanes, 4990, 100);
  assert.equal(win.issued.start, 4990);
  assert.deepEqual(win.issued.rows.map((r) => r.index), [4990, 4991, 4992, 4993, 4994, 4995, 4996, 4997, 4998, 4999]);
  assert.equal(win.processed.rows.length, 10);
  assert.equal(lanes.crossings, 0);
});

test('orderText shortens long orders', () => {
  const f = reorderFinding();
  const { processed } = lanesFromQueue(f.queue!, f.causes);
  assert.equal(orderText(processed), 'Start(191374), Stop, Stop, Start(191299)');
  assert.equal(orderText(processed, 2), 'Start(191374), Stop, … (2 more)');
});

function bruteForce(links: readonly { from: number; to: number }[]): number[] {
  return links.map((a) => links.filter((b) => (a.from < b.from && a.to > b.to) || (a.from > b.from && a.to < b.to)).length);
}

test('crossingCounts agrees with the pairwise definition (ties never cross)', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ from: fc.nat(20), to: fc.nat(20) }), { maxLength: 40 }), (links) => {
      assert.deepEqual(crossingCounts(links), bruteForce(links));
    }),
    { numRuns: 300 },
  );
});

test('a permutation queue: connectors cross exactly where the orders disagree', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.nat(60), { minLength: 1, maxLength: 30 }), (order) => {
      // Issued op k is processed at position rank(order[k]).
      const sorted = [...order].sort((a, b) => a - b);
      const issued = order.map((v, k) => ({ op: 'Stop', origin: 'unknown' as const, file: 0, line: k + 1, ts: null, processedAt: { file: 0, line: 100 + sorted.indexOf(v) } }));
      const processed = sorted.map((_, j) => ({ op: 'Stop', file: 0, line: 100 + j, ts: null }));
      const queue: Queue = { issued, processed };
      const lanes = lanesFromQueue(queue, []);
      let inversions = 0;
      for (let a = 0; a < order.length; a++) for (let b = a + 1; b < order.length; b++) if (order[a] > order[b]) inversions++;
      assert.equal(lanes.crossings, inversions);
    }),
    { numRuns: 200 },
  );
});
