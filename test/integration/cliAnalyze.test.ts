import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const STORE1 = join(ROOT, 'samples/tikv-18243/tikv.log');
const STORE2 = join(ROOT, 'samples/tikv-18243/tikv-store2.log');
const HEALTHY = join(ROOT, 'samples/healthy/tikv.log');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The line number of the first line of `path` containing `needle`, found independently of the engine. */
function lineOf(path: string, needle: string, from = 0): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  assert.ok(i >= 0, `${needle} not in ${path}`);
  return i + 1;
}

test('the #18243 sample: stale-observe-reorder with its chain and queue, in the documented JSON; exit 1', () => {
  const r = run('analyze', '--format', 'json', STORE1, STORE2);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.files.map((f: { path: string }) => f.path), [STORE1, STORE2]);
  for (const f of out.files) assert.ok(f.lines > 1000 && f.entries <= f.lines && f.unparsed >= 0);
  const reorder = out.findings.filter((f: { rule: string }) => f.rule === 'stale-observe-reorder');
  assert.equal(reorder.length, 1);
  const f = reorder[0];
  assert.equal(f.severity, 'error');
  assert.equal(typeof f.regionId, 'string');
  assert.deepEqual(f.location, { path: STORE1, line: lineOf(STORE1, 'stale observe id ObserveId(191299), current id: ObserveId(191374)') });
  const processed = f.queue.processed.map((q: { op: string; observeId?: string }) => `${q.op}${q.observeId ? `(${q.observeId})` : ''}`);
  assert.deepEqual(processed, ['Start(191374)', 'Stop', 'Stop', 'Start(191299)']);
  for (const q of f.queue.processed) assert.equal(q.path, STORE1);
  const issuedStarts = f.queue.issued.filter((q: { op: string }) => q.op === 'Start').map((q: { observeId: string; origin: string }) => `${q.observeId}:${q.origin}`);
  assert.deepEqual(issuedStarts, ['191299:leader', '191374:task-scan']);
  const roles = f.causes.map((c: { role: string }) => c.role);
  for (const role of ['task-registered', 'pre-candidate', 'candidate', 'leader', 'newer-start-processed-first', 'older-start-processed-last', 'stale-error']) {
    assert.ok(roles.includes(role), `chain lacks ${role}: ${roles.join(',')}`);
  }
  const lines = readFileSync(STORE1, 'utf8').split('\n');
  const leaderLines = lines.map((l, i) => (l.includes('"became leader at term') && l.includes(`[region_id=${f.regionId}]`) ? i + 1 : 0))
    .filter((n) => n > 0 && n < f.location.line);
  assert.equal(f.causes.find((c: { role: string }) => c.role === 'leader').line, leaderLines[leaderLines.length - 1]);
  assert.match(f.explanation, /18290/);
  assert.equal(out.summary.bySeverity.error >= 1, true);
  assert.ok(out.summary.ms >= 0 && out.summary.peakRssMB > 0);
  assert.equal(typeof out.summary.firstFindingMs, 'number');
});

test('the healthy sample has no finding and exits 0', () => {
  const r = run('analyze', '--format', 'json', HEALTHY);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings, []);
});

test('text output names the rule, the chain and the queue, with no colour codes into a pipe', () => {
  const r = run('analyze', STORE1);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /ERROR stale-observe-reorder/);
  assert.match(r.stdout, /older-start-processed-last/);
  assert.match(r.stdout, /queue: issued/);
  assert.doesNotMatch(r.stdout, /\x1b\[/);
});

test('log text cannot inject terminal escapes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-esc-'));
  const path = join(dir, 'tikv.log');
  const text = readFileSync(STORE1, 'utf8').replace(/\[task=pitr\]/g, '[task="pitr\\u001b]0;pwned\\u0007"]');
  writeFileSync(path, text);
  const r = run('analyze', path);
  assert.doesNotMatch(r.stdout, /\x1b/);
});

test('an unreadable input exits 2 but the readable ones are analysed', () => {
  const r = run('analyze', '--format', 'json', '/nonexistent/tikv.log', HEALTHY);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /nonexistent\/tikv\.log: no such file/);
  assert.equal(JSON.parse(r.stdout).files.length, 1);
  assert.equal(run('analyze', '--format', 'yaml', HEALTHY).code, 2);
});

test('--region: the region in each store, in log order, as text and as JSON; a bad id is bad usage', () => {
  const text = run('analyze', '--region', '319305', STORE1, STORE2);
  assert.equal(text.code, 1, text.stderr);
  const store1 = text.stdout.slice(text.stdout.indexOf(`region 319305 on store ${STORE1}`));
  assert.match(store1, /^region 319305 on store .*: log backup subscription pending\n/);
  // The order of the lines, checked against the log itself rather than the engine.
  const rows = store1.split('\n').slice(1).filter((l) => l.startsWith(`  ${STORE1}:`)).map((l) => l.trim().split(/\s{2,}/));
  const lines = rows.map((r) => Number(r[0].slice(STORE1.length + 1)));
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b), 'log order');
  assert.deepEqual(rows.filter((r) => r[2] === 'processed').map((r) => r[3]), ['Start(191374)', 'Stop', 'Stop', 'Start(191299)', 'NotifyStartObserveResult(191299)']);
  assert.ok(rows.some((r) => r[2] === 'role' && r[3] === 'leader at term 9' && Number(r[0].slice(STORE1.length + 1)) === lineOf(STORE1, 'became leader at term 9')));
  assert.match(text.stdout, new RegExp(`region 319305 on store ${STORE2.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: log backup subscription absent`));
  assert.match(run('analyze', '--region', '42', STORE1).stdout, /^region 42: not in these logs$/m);

  const json = JSON.parse(run('analyze', '--region', '319305', '--format', 'json', STORE1, STORE2).stdout);
  assert.deepEqual(json.regions.map((t: { store: string; state: string }) => `${t.store}:${t.state}`).sort(), [`${STORE1}:pending`, `${STORE2}:absent`].sort());
  const one = json.regions.find((t: { store: string }) => t.store === STORE1);
  assert.deepEqual(one.processed.at(-1), { op: 'NotifyStartObserveResult', observeId: '191299', path: STORE1, line: lineOf(STORE1, 'NotifyStartObserveResult { region: Region { id: 319305') });
  assert.equal(JSON.parse(run('analyze', '--format', 'json', STORE1).stdout).regions, undefined, 'no regions key without --region');

  const bad = run('analyze', '--region', '31;rm', STORE1);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--region takes a region id/);
});
