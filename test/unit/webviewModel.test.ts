// One region's model for the view, from a real analysis of the #18243 fixture: which queue the lanes show,
// what the init message says, and which region the command picks for the line under the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRegionModel, findRegion, linesOf, queueFinding, regionAtLine } from '../../src/extension/queueViewModel';
import { opLabel } from '../../webview/lanes';
import { fixtureReport, fixtureText } from './webviewFixture';

const STORE = 'logs/tikv.log';
const lineText = (n: number): string => fixtureText().split('\n')[n - 1];

test('region 1001: lanes from the #18243 finding\'s queue, its message, and the processed order in one line', () => {
  const report = fixtureReport();
  const data = findRegion([report], { store: STORE, regionId: '1001' });
  assert.ok(data);
  assert.equal(queueFinding(data.findings)?.rule, 'stale-observe-reorder', 'the reorder finding, not observation-lost');
  const m = buildRegionModel(data, (p) => `rel/${p}`, (s) => `store:${s}`);
  assert.equal(m.source, 'finding');
  assert.equal(m.processedOrder, 'Start(191374), Stop, Stop, Start(191299)');
  assert.equal(m.lanes.crossings, 3);
  assert.deepEqual(m.files, ['rel/logs/tikv.log']);
  assert.deepEqual(m.summary, { ref: { reportIndex: 0, store: STORE, regionId: '1001' }, regionId: '1001', storeLabel: `store:${STORE}`, findings: 2, state: 'pending' });
  assert.ok(m.timeline.markers.some((x) => x.kind === 'rejected' && x.line === m.lanes.processed[3].line), 'the timeline marks the same rejected Start');
});

test('region 2002 (no finding): only the processed lane, from the timeline', () => {
  const data = findRegion([fixtureReport()], { store: STORE, regionId: '2002' });
  assert.ok(data);
  const m = buildRegionModel(data, (p) => p, (s) => s);
  assert.equal(m.source, 'timeline');
  assert.deepEqual(m.lanes.processed.map(opLabel), ['Start(191375)']);
  assert.equal(m.lanes.issued.length, 0);
  assert.equal(m.finding, undefined);
});

test('findRegion: unknown regions are not found; a stale report index falls back to the report that has it', () => {
  const report = fixtureReport();
  assert.equal(findRegion([report], { store: STORE, regionId: '999' }), undefined);
  assert.equal(findRegion([report], { store: 'other', regionId: '1001' }), undefined);
  const other = { ...report, result: { ...report.result, timelines: [], findings: [] } };
  assert.equal(findRegion([other, report], { store: STORE, regionId: '1001', reportIndex: 0 })?.reportIndex, 1);
  assert.equal(findRegion([other, report], { store: STORE, regionId: '1001', reportIndex: 7 })?.reportIndex, 1);
});

test('linesOf names every line the view shows, so times can be read for all of them', () => {
  const data = findRegion([fixtureReport()], { store: STORE, regionId: '1001' });
  assert.ok(data);
  const m = buildRegionModel(data, (p) => p, (s) => s);
  const wanted = new Set(linesOf(data).map((r) => r.line));
  for (const r of [...m.lanes.issued, ...m.lanes.processed, ...m.timeline.axis]) assert.ok(wanted.has(r.line), `line ${r.line}`);
});

test('regionAtLine: the stale error line, a line in its chain, a raft line of another region, and a line with no region', () => {
  const report = fixtureReport();
  assert.deepEqual(regionAtLine(report, 0, 0, 21, lineText(21)), { reportIndex: 0, store: STORE, regionId: '1001' });
  assert.deepEqual(regionAtLine(report, 0, 0, 8, lineText(8)), { reportIndex: 0, store: STORE, regionId: '1001' }, 'the pre-candidate line is a cause');
  assert.deepEqual(regionAtLine(report, 0, 0, 3, lineText(3)), { reportIndex: 0, store: STORE, regionId: '2002' });
  assert.equal(regionAtLine(report, 0, 0, 1, lineText(1)), undefined, 'Welcome to TiKV');
  assert.equal(regionAtLine(report, 0, 0, 1, undefined), undefined);
});
