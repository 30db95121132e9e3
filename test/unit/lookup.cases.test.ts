// Lookups on small hand-made reports: the cases the #18243 sample does not have (unproven stale ids, store-wide
// findings, several findings per region, ids only in the index).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, RegionTimeline } from '../../src/core/engine/types';
import { emptyStats } from '../../src/core/lineStats';
import type { IdIndex, Report } from '../../src/core/report';
import { definitionAt, documentOutline, idAt, raceWinner, referencesOf, rootFinding, rootLink } from '../../src/extension/lookup';

function report(findings: Finding[], ids: IdIndex = {}): Report {
  return {
    files: [
      { path: '/a/tikv.log', store: '/a/tikv.log', stats: emptyStats() },
      { path: '/a/tikv.log.1', store: '/a/tikv.log', stats: emptyStats() },
      { path: '/b/tikv.log', store: '/b/tikv.log', stats: emptyStats() },
    ],
    result: {
      findings,
      timelines: [],
      summary: {
        events: 0, eventsByType: {}, stores: 2, regions: 0, findings: findings.length, byRule: {},
        bySeverity: { error: 0, warning: 0, info: 0 }, retainedEvents: 0, trimmedWindows: 0,
      },
    },
    ids,
    ms: 0,
    firstFindingMs: null,
  };
}

function finding(partial: Partial<Finding> & Pick<Finding, 'rule' | 'location'>): Finding {
  return { severity: 'error', regionId: '7', store: '/a/tikv.log', message: 'm', explanation: 'e', causes: [], ...partial };
}

const unproven = finding({
  rule: 'stale-observe-id',
  severity: 'warning',
  location: { file: 0, line: 50 },
  causes: [
    { file: 0, line: 10, ts: null, message: 'region 7: processed Start ObserveId(5)', role: 'stale-id-seen', observeIds: ['5'] },
    { file: 0, line: 20, ts: null, message: 'region 7: start listen stream ObserveId(9) (subscription running)', role: 'current-id-seen', observeIds: ['9'] },
    { file: 0, line: 30, ts: null, message: 'region 7: start listen stream ObserveId(9) (subscription running)', role: 'current-id-seen', observeIds: ['9'] },
    { file: 0, line: 50, ts: null, message: 'backup stream meet error: stale observe id ObserveId(5), current id: ObserveId(9)', role: 'stale-error', observeIds: ['5', '9'], stale: { staleId: '5', currentId: '9' } },
  ],
});

test('an unproven stale error goes to the last line that showed the current id', () => {
  const r = report([unproven], { 'observe:9': [{ file: 0, line: 30, start: 40, end: 41 }] });
  assert.deepEqual(raceWinner(r, 0, 50), { file: 0, line: 30, start: 40, end: 41 });
  assert.deepEqual(definitionAt(r, 0, 50, 0), [{ file: 0, line: 30, start: 40, end: 41 }]);
  assert.equal(rootLink(unproven)?.cause.line, 10);
  assert.equal(rootLink(unproven)?.short, 'stale id seen ObserveId(5)');
});

test('the root finding of a region: what the derived finding points at, on the asked store first', () => {
  const reorder1 = finding({ rule: 'stale-observe-reorder', location: { file: 0, line: 100 } });
  const reorder2 = finding({ rule: 'stale-observe-reorder', location: { file: 1, line: 40 } });
  const lost = finding({ rule: 'observation-lost', location: { file: 1, line: 45 }, related: { rule: 'stale-observe-reorder', location: { file: 0, line: 100 } } });
  const otherStore = finding({ rule: 'refresh-absent', store: '/b/tikv.log', location: { file: 2, line: 9 } });
  const r = report([reorder1, reorder2, lost, otherStore]);
  assert.equal(rootFinding(r, '7', '/a/tikv.log'), reorder1);
  assert.equal(rootFinding(r, '7', '/b/tikv.log'), otherStore);
  assert.equal(rootFinding(r, '7', '/c/tikv.log'), reorder1); // no finding on that store: any store's
  assert.equal(rootFinding(report([reorder1, reorder2]), '7'), reorder2); // nothing derived: the latest
  assert.equal(rootFinding(r, '8'), undefined);
  assert.equal(rootFinding(report([finding({ rule: 'task-init-failed', regionId: '', location: { file: 0, line: 3 } })]), ''), undefined);
});

test('a store-wide finding: outline name, root link on its own line when nothing else explains it', () => {
  const init = finding({
    rule: 'task-init-failed',
    regionId: '',
    location: { file: 0, line: 12 },
    causes: [{ file: 0, line: 12, ts: null, message: 'backup stream meet error: failed to register backup stream task pitr to router', role: 'task-init-error' }],
  });
  assert.deepEqual(documentOutline(report([init]), 0).map((i) => [i.kind, i.name, i.line]), [['finding', 'task-init-failed: store', 12]]);
  assert.deepEqual(documentOutline(report([init]), 1), []);
  assert.equal(rootLink(init)?.cause.line, 12);
  assert.equal(rootLink(finding({ rule: 'x', location: { file: 0, line: 1 } })), undefined);
});

test('idAt without the line text uses the index; the narrowest range wins; ids without columns are not under a cursor', () => {
  const r = report([], {
    'region:7': [{ file: 0, line: 5, start: 10, end: 30 }, { file: 0, line: 6 }],
    'observe:12': [{ file: 0, line: 5, start: 20, end: 22 }],
  });
  assert.equal(idAt(r, 0, 5, 21)?.value, '12');
  assert.equal(idAt(r, 0, 5, 12)?.value, '7');
  assert.equal(idAt(r, 0, 5, 31), undefined);
  assert.equal(idAt(r, 0, 6, 0), undefined);
  assert.equal(idAt(r, 1, 5, 21), undefined);
});

test('references: region ids across stores, ObserveIds only in the asking store (rotated files included)', () => {
  const ids: IdIndex = {
    'region:7': [{ file: 0, line: 1 }, { file: 2, line: 1 }],
    'observe:5': [{ file: 0, line: 2 }, { file: 1, line: 3 }, { file: 2, line: 4 }],
  };
  const r = report([], ids);
  assert.equal(referencesOf(r, 'region', '7', '/a/tikv.log').length, 2);
  assert.deepEqual(referencesOf(r, 'observe', '5', '/a/tikv.log').map((l) => l.file), [0, 1]);
  assert.deepEqual(referencesOf(r, 'observe', '5', '/b/tikv.log').map((l) => l.file), [2]);
  assert.deepEqual(referencesOf(r, 'peer', '1'), []);
});

test("a store-wide finding on its own fatal error: the root is that line, not the task's registration before it", async () => {
  const { runScenario } = await import('../fixtures/scenarios/run');
  const paused = runScenario(['task-paused-16554.log']).result.findings.find((f) => f.rule === 'task-paused');
  assert.ok(paused);
  assert.equal(paused.location.line, 15);
  assert.deepEqual([rootLink(paused)?.cause.role, rootLink(paused)?.cause.line, rootLink(paused)?.short], ['fatal-error', 15, 'fatal error']);
  // Another line that is a root comes before the finding's own line.
  const elsewhere = finding({
    rule: 'task-paused',
    location: { file: 0, line: 15 },
    causes: [
      { file: 0, line: 2, ts: null, message: 'register backup stream task', role: 'task-registered' },
      { file: 0, line: 9, ts: null, message: 'backup stream meet error: failed to register backup stream task pitr to router', role: 'task-init-error' },
      { file: 0, line: 15, ts: null, message: 'backup stream meet fatal error', role: 'fatal-error' },
    ],
  });
  assert.equal(rootLink(elsewhere)?.cause.line, 9);
});

test('F12 on an ObserveId no queue knows: the op line that carries it (its own store first), else its first mention', () => {
  const timeline = (store: string, file: number, line: number): RegionTimeline => ({
    store, regionId: '7', roles: [], subscription: [], state: 'running', ops: [{ op: 'Start', observeId: '12', file, line, ts: null }],
    dropped: { roles: 0, subscription: 0, ops: 0 },
  });
  const ids: IdIndex = {
    // Mentioned (a start listen line) before the op line, and in the other store's file with the same number.
    'observe:12': [{ file: 0, line: 3, start: 40, end: 42 }, { file: 0, line: 8, start: 50, end: 52 }, { file: 2, line: 1, start: 5, end: 7 }],
    'observe:13': [{ file: 0, line: 4, start: 40, end: 42 }],
  };
  const r: Report = { ...report([], ids), result: { ...report([]).result, timelines: [timeline('/b/tikv.log', 2, 1), timeline('/a/tikv.log', 0, 8)] } };
  assert.deepEqual(definitionAt(r, 0, 3, 41), [{ file: 0, line: 8, start: 50, end: 52 }]);
  assert.deepEqual(definitionAt(r, 0, 4, 41), [{ file: 0, line: 4, start: 40, end: 42 }]);
});

test('F12 on a region id with no finding: its latest role change, on the asked store first', () => {
  const roles = (store: string, file: number, lines: number[]): RegionTimeline => ({
    store, regionId: '7', roles: lines.map((line, i) => ({ term: String(i), role: 'leader', file, line, ts: null })), subscription: [], state: 'absent',
    ops: [], dropped: { roles: 0, subscription: 0, ops: 0 },
  });
  const ids: IdIndex = { 'region:7': [{ file: 0, line: 30, start: 10, end: 11 }] };
  const r: Report = { ...report([], ids), result: { ...report([]).result, timelines: [roles('/b/tikv.log', 2, [50]), roles('/a/tikv.log', 0, [5, 20])] } };
  assert.deepEqual(definitionAt(r, 0, 30, 10), [{ file: 0, line: 20 }]);
  // From store b's file (read from its text: the index has no ids for it), store b's role change.
  const line = '[2025/02/24 14:05:20.121 +08:00] [INFO] [raft.rs:1] ["x"] [region_id=7]';
  assert.deepEqual(definitionAt(r, 2, 30, line.indexOf('=7') + 1, line).map((p) => [p.file, p.line]), [[2, 50]]);
});

test('idAt reads the index while it agrees with the line, and the line when it was edited since', () => {
  const line = '[2025/02/24 14:05:20.121 +08:00] [INFO] [raft.rs:1] ["x"] [region_id=7]';
  const at = line.indexOf('region_id=7') + 'region_id='.length;
  // The index puts the id where the text has it: no parse needed, and the index's answer is used.
  const r = report([], { 'region:7': [{ file: 0, line: 1, start: at, end: at + 1 }] });
  assert.deepEqual(idAt(r, 0, 1, at, line), { kind: 'region', value: '7', start: at, end: at + 1 });
  // The line was edited (the id is now 8): the text is the truth.
  const edited = line.replace('region_id=7', 'region_id=8');
  assert.deepEqual(idAt(r, 0, 1, at, edited), { kind: 'region', value: '8', start: at, end: at + 1 });
});
