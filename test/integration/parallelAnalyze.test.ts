import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles, analyzeFilesParallel } from '../../src/node/analyze';
import { WorkerPool } from '../../src/node/workerPool';

const ROOT = join(__dirname, '../..');

test('workers over ranges find the same findings, at the same lines, with the same accounting as one thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-par-analyze-'));
  // Unrelated noise before the #18243 sample, so the chain's lines sit deep in later ranges and line numbers must
  // be carried across ranges to come out right.
  const path = join(dir, 'tikv.log');
  writeFileSync(path, readFileSync(join(ROOT, 'samples/healthy/tikv.log'), 'utf8') + readFileSync(join(ROOT, 'samples/tikv-18243/tikv.log'), 'utf8'));
  const store2 = join(ROOT, 'samples/tikv-18243/tikv-store2.log');
  const inputs = [{ path }, { path: store2 }];
  const serial = analyzeFiles(inputs);
  assert.ok(serial.result.findings.length >= 2);
  // Even ranges (cold workers: the first range is read in this thread) and ramped ones (warm workers).
  for (const warmPool of [false, true]) {
    const parallel = await analyzeFilesParallel(inputs, { workers: 2, warmPool, parallelFromBytes: 0, rangeBytes: 64 * 1024 });
    assert.deepEqual(parallel.result.findings, serial.result.findings, `warmPool ${warmPool}`);
    assert.deepEqual(parallel.files, serial.files);
    assert.deepEqual(parallel.result.summary, serial.result.summary);
  }
});

test('ranges no worker has taken are read by the analysing thread: a pool that never gets ready still finishes', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-par-steal-'));
  // A worker that never says it is ready (and leaves after 10 s, which fails the analysis if it waited for it).
  const silent = join(dir, 'silent.js');
  writeFileSync(silent, 'setTimeout(() => process.exit(0), 10_000);\n');
  const inputs = [{ path: join(ROOT, 'samples/tikv-18243/tikv.log') }, { path: join(ROOT, 'samples/tikv-18243/tikv-store2.log') }];
  const serial = analyzeFiles(inputs);
  const pool = new WorkerPool(2, silent);
  try {
    const parallel = await analyzeFilesParallel(inputs, { workers: 2, pool, parallelFromBytes: 0, rangeBytes: 32 * 1024 });
    assert.deepEqual(parallel.result.findings, serial.result.findings);
    assert.deepEqual(parallel.files, serial.files);
  } finally {
    await pool.close();
  }
});

test('scan workers that die mid-analysis fail it with a clear error, and no range left behind goes unhandled', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-par-die-'));
  // Ready at once, gone at its first range: every range handed out or queued fails.
  const dies = join(dir, 'dies.js');
  writeFileSync(dies, "const { parentPort } = require('node:worker_threads');\nparentPort.on('message', () => process.exit(3));\nparentPort.postMessage({ type: 'ready' });\n");
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
  process.on('unhandledRejection', onUnhandled);
  const pool = new WorkerPool(2, dies);
  try {
    const inputs = [{ path: join(ROOT, 'samples/tikv-18243/tikv.log') }];
    // Ready before the analysis starts, so the ranges go to the workers rather than being read here.
    await pool.whenReady();
    await assert.rejects(analyzeFilesParallel(inputs, { workers: 2, pool, warmPool: true, parallelFromBytes: 0, rangeBytes: 64 * 1024 }), /scan worker stopped unexpectedly|no scan worker is running/);
    // Rejections of the ranges ahead arrive on later turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await pool.close();
  }
});
