// The time of a line travels with the engine's output: timelines, queues and causes carry the `ts` the parser
// read, each file's stats carry its UTC offset, and `timeOfDayAt` prints the clock the log printed, so no adapter
// reads a line back for its time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { countLine, emptyStats, mergeStats } from '../../src/core/lineStats';
import { parseText } from '../../src/core/parser';
import { clockTime, parseTimestamp, utcOffsetOf } from '../../src/core/parser/timestamp';
import { timeOfDayAt, timelineOf } from '../../src/core/report';
import { RELEVANT_PREFIXES } from '../../src/node/analyze';
import { scanFile } from '../../src/node/scan';
import { analyseText, fixtureReport, fixtureText } from './webviewFixture';

test('utcOffsetOf reads the zone of the unified, JSON and pasted layouts; none for zone-less times', () => {
  assert.equal(utcOffsetOf('2025/02/24 14:05:20.129 +08:00'), 480);
  assert.equal(utcOffsetOf('2025/02/24 14:05:20.129 -05:30'), -330);
  assert.equal(utcOffsetOf('2025-02-24T14:05:20.129Z'), 0);
  assert.equal(utcOffsetOf('2025/02/24 14:05:20.129 +0100'), 60);
  assert.equal(utcOffsetOf('2025/02/24 14:05:20.129'), null);
  assert.equal(utcOffsetOf('not a time'), null);
});

test('clockTime prints the time of day on the given clock, so ts and offset give back the text as written', () => {
  assert.equal(clockTime(parseTimestamp('2025/02/24 14:05:20.129 +08:00') ?? NaN, 480), '14:05:20.129');
  assert.equal(clockTime(parseTimestamp('2025/02/24 00:00:00.001 -05:30') ?? NaN, -330), '00:00:00.001');
  assert.equal(clockTime(parseTimestamp('1969/12/31 23:59:59.999') ?? NaN, null), '23:59:59.999', 'zone-less: UTC, before the epoch too');
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  fc.assert(fc.property(
    fc.record({ y: fc.integer({ min: 1970, max: 2100 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }), h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), ms: fc.integer({ min: 0, max: 999 }), oh: fc.integer({ min: -12, max: 14 }), om: fc.constantFrom(0, 30, 45) }),
    (t) => {
      const zone = `${t.oh < 0 ? '-' : '+'}${pad(Math.abs(t.oh))}:${pad(t.om)}`;
      const clock = `${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}.${pad(t.ms, 3)}`;
      const text = `${t.y}/${pad(t.mo)}/${pad(t.d)} ${clock} ${zone}`;
      assert.equal(clockTime(parseTimestamp(text) ?? NaN, utcOffsetOf(text)), clock);
    }), { numRuns: 300 });
});

test('LineStats keep the first zone a file names, through merges in order', () => {
  const s = emptyStats();
  for (const p of parseText('plain text\n{"time":"2022/12/30 09:25:05.462 +01:00","level":"INFO","caller":"x.rs:1","message":"m"}\n[2022/12/30 09:25:05.463 +08:00] [INFO] [x.rs:1] ["m"]')) countLine(s, p);
  assert.equal(s.utcOffset, 60);
  const into = emptyStats();
  mergeStats(into, emptyStats());
  assert.equal(into.utcOffset, null);
  mergeStats(into, s);
  mergeStats(into, { ...emptyStats(), utcOffset: -300 });
  assert.equal(into.utcOffset, 60);
});

test('the Node scan takes the zone from a plain line it never decodes in full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'line-time-'));
  try {
    const path = join(dir, 'tikv.log');
    writeFileSync(path, '[2025/02/24 14:05:20.129 -03:00] [INFO] [x.rs:1] ["nothing the engine reads"]\n');
    assert.equal(scanFile(path, { relevantPrefixes: RELEVANT_PREFIXES }, () => undefined).utcOffset, -180);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('timelines, queues and causes carry their line\'s ts; timeOfDayAt prints it as the log did', () => {
  const report = fixtureReport();
  const lines = fixtureText().split('\n');
  const printed = (line: number): string | undefined => /(\d{2}:\d{2}:\d{2}\.\d{3}) \+08:00/.exec(lines[line - 1])?.[1];
  const tl = timelineOf(report, 'logs/tikv.log', '1001');
  assert.ok(tl?.pendingSkips);
  const f = report.result.findings.find((x) => x.rule === 'stale-observe-reorder');
  assert.ok(f?.queue);
  const all = [...tl.roles, ...tl.subscription, ...tl.ops, tl.pendingSkips.first, tl.pendingSkips.last,
    ...f.queue.issued, ...f.queue.processed, ...report.result.findings.flatMap((x) => x.causes)];
  assert.ok(all.length > 20);
  for (const at of all) {
    assert.notEqual(at.ts, null, `line ${at.line}`);
    assert.equal(timeOfDayAt(report.files, at), printed(at.line), `line ${at.line}`);
  }
  assert.equal(timeOfDayAt(report.files, { file: 0, line: 1, ts: null }), undefined);
});

test('a root-cause link takes the time of the root finding\'s line', () => {
  const report = fixtureReport();
  const roots = report.result.findings.flatMap((f) => f.causes).filter((c) => c.role === 'root-cause');
  assert.ok(roots.length > 0);
  for (const c of roots) assert.notEqual(c.ts, null);
});

test('a JSON-format log carries the same times and zone as its unified twin', () => {
  const scenario = (name: string): string => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'scenarios', name), 'utf8');
  const a = analyseText(scenario('reorder-18243.log'));
  const b = analyseText(scenario('reorder-18243.json.log'));
  const times = (r: typeof a): (number | null)[] => r.result.findings.flatMap((f) => f.causes.map((c) => c.ts));
  assert.ok(times(a).length > 0 && times(a).every((t) => t !== null));
  assert.deepEqual(times(b), times(a));
  assert.equal(a.files[0].stats.utcOffset, 480);
  assert.equal(b.files[0].stats.utcOffset, 480);
});
