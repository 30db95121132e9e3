// `tikv-trace analyze DIR`: a log collection analysed as it was collected, one store per folder, with what was
// read and what was skipped said in the summary (text and JSON), and bad folders reported without stopping the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCollection } from './logCollection';

const ROOT = join(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const HEALTHY = join(ROOT, 'samples/healthy/tikv.log');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  files: { path: string; store: string }[];
  skipped: { path: string; reason: string }[];
  findings: { rule: string; store: string; location: { path: string; line: number } }[];
  summary: { problems: { path: string; message: string }[]; input: { logs: number; stores: number; skipped: number; skippedByReason: Record<string, number>; notes: { path: string; message: string }[] } };
}

test('a collection: the reorder is found across the rotated files of the store folder that holds them, named for it; exit 1', () => {
  const c = makeCollection();
  const r = run('analyze', c.dir);
  assert.equal(r.code, 1, r.stderr);
  // Only read as one store do the two rotated files prove the reorder (apart, it is a stale-observe-id warning).
  assert.match(r.stdout, new RegExp(`ERROR stale-observe-reorder  ${c.stores['10.0.1.5-20160'][1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:1\n`));
  assert.doesNotMatch(r.stdout, /stale-observe-id/);
  assert.match(r.stdout, /^read 4 TiKV logs in 2 stores; skipped 4 other files: 3 other components' logs \(pd\.log, tidb\.log, tiflash_tikv\.log\), 1 not a TiKV log \(tikv\.toml\)$/m);
  for (const [store, files] of Object.entries(c.stores)) {
    for (const f of files) assert.ok(r.stdout.includes(`  ${f} (store ${store}): `), `${f} in store ${store}:\n${r.stdout}`);
  }
  // The loop is named on stderr, not followed, and is not an error.
  assert.equal(r.stderr, `tikv-trace: note: ${c.loop}: leads to ${c.dir}, already read: not followed\n`);
});

test('--format json: files with their store folder, findings named for it, what was skipped and why', () => {
  const c = makeCollection();
  const r = run('analyze', '--format', 'json', c.dir);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => [f.path, f.store]).sort(),
    Object.entries(c.stores).flatMap(([store, files]) => files.map((f) => [f, store])).sort());
  assert.deepEqual(out.findings.map((f) => [f.rule, f.store, f.location.path]), [
    ['stale-observe-reorder', '10.0.1.5-20160', c.stores['10.0.1.5-20160'][1]],
    ['observation-lost', '10.0.1.5-20160', c.stores['10.0.1.5-20160'][1]],
  ]);
  assert.deepEqual(Object.fromEntries(out.skipped.map((s) => [s.path, s.reason])), c.skipped);
  assert.deepEqual(out.summary.input, {
    logs: 4, stores: 2, skipped: 4, skippedByReason: { 'other-component': 3, 'not-tikv': 1 },
    notes: [{ path: c.loop, message: `leads to ${c.dir}, already read: not followed` }],
  });
  assert.deepEqual(out.summary.problems, []);
});

test('region timelines name the store folder too', () => {
  const c = makeCollection();
  const r = run('analyze', '--region', '1234', c.dir);
  assert.match(r.stdout, /^region 1234 on store 10\.0\.1\.5-20160: log backup subscription pending$/m);
});

test('an empty folder: one clear line, exit 2, and the other inputs are still analysed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-empty-'));
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'nested', 'pd.log'), '[2025/02/24 10:00:00.000 +08:00] [INFO] [server.go:1] ["x"]\n');
  const r = run('analyze', '--format', 'json', dir, HEALTHY);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, `tikv-trace: ${dir}: no TiKV log found below it; skipped 1 other file: 1 other component's log (pd.log)\n`);
  const out = JSON.parse(r.stdout) as JsonOut;
  assert.deepEqual(out.files.map((f) => f.path), [HEALTHY]);
  assert.deepEqual(out.summary.problems, [{ path: dir, message: "no TiKV log found below it; skipped 1 other file: 1 other component's log (pd.log)" }]);
  assert.equal(out.summary.input.skipped, 1);
});

test('files given one by one print no folder summary, as before', () => {
  const r = run('analyze', HEALTHY);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /^read \d+ TiKV log/m);
  assert.match(r.stdout, new RegExp(`\\(store ${HEALTHY.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)`));
  const json = JSON.parse(run('analyze', '--format', 'json', HEALTHY).stdout) as JsonOut;
  assert.deepEqual(json.skipped, []);
  assert.deepEqual(json.summary.input, { logs: 1, stores: 1, skipped: 0, skippedByReason: {}, notes: [] });
});

test('an unreadable subfolder for real (chmod 000): its line, exit 2, the other store still analysed', { skip: process.getuid?.() === 0 ? 'root reads every folder (the same case runs with an injected readdir in logFolder.test.ts)' : false }, () => {
  const c = makeCollection();
  const locked = join(c.dir, 'tikv-2', 'log');
  chmodSync(locked, 0o000);
  try {
    const r = run('analyze', '--format', 'json', c.dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${locked.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: permission denied`));
    assert.deepEqual([...new Set((JSON.parse(r.stdout) as JsonOut).files.map((f) => f.store))], ['10.0.1.5-20160']);
  } finally {
    chmodSync(locked, 0o755);
  }
});

test('a folder of 10,000 small files completes, and counts what it read and skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-many-'));
  const many = join(dir, 'tikv-1');
  mkdirSync(many);
  const tikv = '[2025/02/24 14:29:58.004 +08:00] [INFO] [pd.rs:1023] ["store heartbeat"] [store_id=1]\n';
  for (let i = 0; i < 10_000; i++) {
    const k = i % 10;
    if (k === 0) writeFileSync(join(many, `tikv.log.${i}`), tikv);
    else if (k === 1) writeFileSync(join(many, `pd.log.${i}`), '[2025/02/24 14:29:58.004 +08:00] [INFO] [server.go:1] ["x"]\n');
    else writeFileSync(join(many, `core-${i}.txt`), `not a log ${i}\n`);
  }
  const started = performance.now();
  const r = run('analyze', '--format', 'json', dir);
  const ms = performance.now() - started;
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as JsonOut;
  assert.equal(out.files.length, 1000);
  assert.deepEqual(out.summary.input, { logs: 1000, stores: 1, skipped: 9000, skippedByReason: { 'not-tikv': 8000, 'other-component': 1000 }, notes: [] });
  assert.ok(out.files.every((f) => f.store === 'tikv-1'));
  console.log(`# analyze of a folder of 10,000 files: ${ms.toFixed(0)} ms`);
  rmSync(dir, { recursive: true, force: true });
});
