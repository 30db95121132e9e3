// One region's model for the view, from a real analysis of the #18243 fixture: which queue the lanes show,
// what the init message says, and which region the command picks for the line under the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRegionModel, findRegion, queueFinding, regionAtLine } from '../../src/extension/queueViewModel';
import { opLabel } from '../../webview/lanes';
import { analyseText, fixtureReport, fixtureText } from './webviewFixture';

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

/** The time of day line `n` prints, read here from the text only to check what the view shows. */
const printedTime = (text: string, n: number): string | undefined => /(\d{2}:\d{2}:\d{2}\.\d{3}) [+-]\d{2}:\d{2}/.exec(text.split('\n')[n - 1])?.[1];

test('every row and axis point shows the time its line printed, on the log\'s own clock', () => {
  const data = findRegion([fixtureReport()], { store: STORE, regionId: '1001' });
  assert.ok(data);
  const m = buildRegionModel(data, (p) => p, (s) => s);
  const rows = [...m.lanes.issued, ...m.lanes.processed, ...m.timeline.axis];
  assert.ok(rows.length > 10);
  for (const r of rows) assert.equal(r.time, printedTime(fixtureText(), r.line), `line ${r.line}`);
  assert.equal(m.lanes.issued.find((r) => r.line === 12)?.time, '14:05:20.129');
});

test('a JSON-format log shows the same times as its unified twin; lines without a time show none', () => {
  const scenario = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scenarios', name), 'utf8');
  const shown = (text: string): (string | undefined)[] => {
    const report = analyseText(text);
    const f = report.result.findings.find((x) => x.rule === 'stale-observe-reorder');
    assert.ok(f);
    const data = findRegion([report], { store: f.store, regionId: f.regionId });
    assert.ok(data);
    const m = buildRegionModel(data, (p) => p, (s) => s);
    return [...m.lanes.issued, ...m.lanes.processed, ...m.timeline.axis].map((r) => r.time);
  };
  const unified = shown(scenario('reorder-18243.log'));
  assert.ok(unified.every((t) => t !== undefined && /^\d{2}:\d{2}:\d{2}\.\d{3}$/.test(t)));
  assert.deepEqual(shown(scenario('reorder-18243.json.log')), unified);
  // The JSON lines without their `time`: still entries, with nothing to show and nothing to fail on.
  const untimed = shown(scenario('reorder-18243.json.log').replace(/"time":"[^"]*",/g, ''));
  assert.ok(untimed.length > 0 && untimed.every((t) => t === undefined), String(untimed));
});

test('regionAtLine: the stale error line, a line in its chain, a raft line of another region, and a line with no region', () => {
  const report = fixtureReport();
  assert.deepEqual(regionAtLine(report, 0, 0, 21, lineText(21)), { reportIndex: 0, store: STORE, regionId: '1001' });
  assert.deepEqual(regionAtLine(report, 0, 0, 8, lineText(8)), { reportIndex: 0, store: STORE, regionId: '1001' }, 'the pre-candidate line is a cause');
  assert.deepEqual(regionAtLine(report, 0, 0, 3, lineText(3)), { reportIndex: 0, store: STORE, regionId: '2002' });
  assert.equal(regionAtLine(report, 0, 0, 1, lineText(1)), undefined, 'Welcome to TiKV');
  assert.equal(regionAtLine(report, 0, 0, 1, undefined), undefined);
});
