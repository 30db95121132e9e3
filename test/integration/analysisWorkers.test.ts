import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Finding } from '../../src/core/engine';
import { analyzeFiles } from '../../src/node/analyze';
import { AnalysisWorkers, RunCancelled } from '../../src/node/analysisRunner';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const SAMPLE = join(ROOT, 'samples/tikv-18243/tikv.log');
const STORE2 = join(ROOT, 'samples/tikv-18243/tikv-store2.log');

function run(workers: AnalysisWorkers, paths: readonly string[]): { streamed: Finding[]; done: ReturnType<AnalysisWorkers['run']>['done'] } {
  const streamed: Finding[] = [];
  const r = workers.run({ inputs: paths.map((path) => ({ path })), disabledRules: [] }, { onFinding: (f) => streamed.push(f), onProgress: () => undefined });
  return { streamed, done: r.done };
}

test('the ready worker, warmed up on a log, reports what an in-process analysis reports, and another is ready after each run', async () => {
  const workers = new AnalysisWorkers(DIST);
  try {
    assert.equal(workers.warmed, false, 'nothing is started before it is asked for');
    workers.warm(SAMPLE);
    assert.equal(workers.warmed, true);
    const expected = analyzeFiles([{ path: SAMPLE }, { path: STORE2 }]);
    assert.ok(expected.result.findings.length >= 2);
    for (let round = 0; round < 2; round++) {
      const { streamed, done } = run(workers, [SAMPLE, STORE2]);
      assert.equal(workers.warmed, false, 'the run took the spare');
      const report = await done;
      assert.deepEqual(report.result.findings, expected.result.findings);
      const key = (f: Finding): string => `${f.rule} ${f.location.file}:${f.location.line}`;
      assert.deepEqual(streamed.map(key).sort(), expected.result.findings.map(key).sort());
      assert.deepEqual(report.files, expected.files);
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(workers.warmed, true, 'a new spare is started when a run ends');
    }
  } finally {
    workers.dispose();
  }
  assert.equal(workers.warmed, false);
});

test('a cancelled run rejects with RunCancelled and a new spare takes its place', async () => {
  const workers = new AnalysisWorkers(DIST);
  try {
    workers.warm(SAMPLE);
    const r = workers.run({ inputs: [{ path: SAMPLE }], disabledRules: [] }, { onFinding: () => undefined, onProgress: () => undefined });
    r.cancel();
    await assert.rejects(r.done, RunCancelled);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(workers.warmed, true);
  } finally {
    workers.dispose();
  }
});

test('a warm-up on a file that is not there leaves a worker that analyses normally', async () => {
  const workers = new AnalysisWorkers(DIST);
  try {
    workers.warm(join(ROOT, 'no-such-dir/tikv.log'));
    const report = await run(workers, [SAMPLE]).done;
    assert.deepEqual(report.result.findings, analyzeFiles([{ path: SAMPLE }]).result.findings);
  } finally {
    workers.dispose();
  }
});

test('with keepSpare off, a run leaves no spare behind, and dropSpare stops one', async () => {
  const workers = new AnalysisWorkers(DIST, () => false);
  try {
    workers.warm(SAMPLE);
    await run(workers, [SAMPLE]).done;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(workers.warmed, false);
    workers.warm(SAMPLE);
    workers.dropSpare();
    assert.equal(workers.warmed, false);
  } finally {
    workers.dispose();
  }
});

test('a spare started on a guess is stopped if no run takes it in time, and kept when one does', async () => {
  const workers = new AnalysisWorkers(DIST);
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    let dropped = 0;
    workers.warm(SAMPLE, 0, { afterMs: 300, onDropped: () => dropped++ });
    assert.equal(workers.warmed, true);
    await wait(700);
    assert.equal(workers.warmed, false, 'stopped after its time');
    assert.equal(dropped, 1);

    workers.warm(SAMPLE, 0, { afterMs: 300, onDropped: () => dropped++ });
    const { done } = run(workers, [SAMPLE]);
    assert.ok((await done).result.findings.length >= 1, 'the run used it normally');
    await wait(700);
    assert.equal(dropped, 1, 'a spare that a run took is not reported dropped');
    assert.equal(workers.warmed, true, 'the spare started after the run is not a guess: it stays');
  } finally {
    workers.dispose();
  }
});
