import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles, analyzeFilesParallel } from '../../src/node/analyze';

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
  const parallel = await analyzeFilesParallel(inputs, { workers: 2, parallelFromBytes: 0, rangeBytes: 64 * 1024 });
  assert.ok(serial.result.findings.length >= 2);
  assert.deepEqual(parallel.result.findings, serial.result.findings);
  assert.deepEqual(parallel.files, serial.files);
  assert.deepEqual(parallel.result.summary, serial.result.summary);
});
