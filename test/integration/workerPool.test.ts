import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../../src/node/workerPool';
import type { ExtractRequest } from '../../src/node/workerProtocol';

const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-pool-'));
const script = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const req = (start: number): Omit<ExtractRequest, 'id'> => ({ task: 'extract', path: 'x.log', start, end: start + 1, file: 0 });

// Echoes each request's id once `ready` is posted, after `delayMs`.
const echo = (delayMs: number): string => script(`echo-${delayMs}.js`, `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (r) => parentPort.postMessage({ id: r.id, ok: true, stats: {}, events: [{ start: r.start }] }));
setTimeout(() => parentPort.postMessage({ type: 'ready' }), ${delayMs});
`);

test('a worker is handed requests only once it is ready, and a queued request can be withdrawn', async () => {
  const pool = new WorkerPool(1, echo(300));
  try {
    const early = pool.submit<ExtractRequest>(req(1));
    // The worker is still starting: the request waits in the pool, where the caller can take it back.
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(early.withdraw(), true, 'a request not yet handed to a worker is taken back');
    assert.equal(early.withdraw(), false, 'only once');
    const later = pool.submit<ExtractRequest>(req(2));
    const reply = await later.reply;
    assert.ok(reply.ok);
    assert.deepEqual(reply.events, [{ start: 2 }], 'the withdrawn request never reached the worker');
    assert.equal(later.withdraw(), false, 'a request a worker has been given stays with it');
  } finally {
    await pool.close();
  }
});

test('with every worker gone, queued requests fail instead of waiting for ever', async () => {
  const pool = new WorkerPool(2, script('throws.js', "throw new Error('bundle failed to load');\n"));
  try {
    await assert.rejects(pool.run<ExtractRequest>(req(1)), /bundle failed to load|stopped unexpectedly/);
    await assert.rejects(pool.run<ExtractRequest>(req(2)), /no scan worker is running/);
  } finally {
    await pool.close();
  }
});
