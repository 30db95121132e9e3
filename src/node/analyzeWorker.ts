// Worker thread entry, one bundle for both jobs: scanning a byte range for `parse --stats`, and running a whole
// analysis for the extension so that its host thread is never blocked. Cancelling an analysis is terminating
// the worker, which is why it needs no cancellation protocol.
import { parentPort } from 'node:worker_threads';
import { parseFile } from './parseFile';
import { availableParallelism } from 'node:os';
import { analyzeFilesParallel, extractRange } from './analyze';
import { transferables } from './eventBatch';
import type { AnalyzeMessage, AnalyzeRequest, ExtractReply, ReadyMessage, StatsReply, StatsRequest, WorkerRequest } from './workerProtocol';
import { WorkerPool } from './workerPool';
import { warmUp } from './warmUp';

function statsOf(req: StatsRequest) {
  return parseFile(req.path, () => undefined, { start: req.start, end: req.end });
}

/**
 * Big files are further spread over scan workers of this worker's own: the editor gets the CLI's speed. They live
 * as long as this worker, so an analysis worker started ahead of time (the editor keeps one warm) has them
 * loaded before the first log is opened.
 */
let scanPool: WorkerPool | undefined;
let warmUpTimer: ReturnType<typeof setTimeout> | undefined;
let warmedUp = false;
function scanWorkers(): WorkerPool {
  return scanPool ??= new WorkerPool(availableParallelism());
}

async function analyze(req: AnalyzeRequest, post: (m: AnalyzeMessage) => void): Promise<void> {
  let lastProgress = 0;
  try {
    const report = await analyzeFilesParallel(req.inputs, {
      workers: availableParallelism(),
      pool: scanWorkers(),
      warmPool: warmedUp,
      disabledRules: req.disabledRules,
      timelines: req.timelines,
      onFinding: (finding) => post({ type: 'finding', finding }),
      onProgress: (bytesDone) => {
        // A message per chunk is plenty; more would only cost the receiving thread.
        if (bytesDone - lastProgress >= 8 << 20) { lastProgress = bytesDone; post({ type: 'progress', bytesDone }); }
      },
    });
    post({ type: 'done', report });
  } catch (err) {
    post({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
  }
}

parentPort?.on('message', (req: WorkerRequest) => {
  if (req.task === 'warm') {
    const pool = scanWorkers();
    const path = req.path;
    if (path === undefined) return;
    const run = (): void => { void warmUp(path, pool, availableParallelism()).then((ran) => { warmedUp ||= ran; }); };
    if (!req.afterMs) run();
    else warmUpTimer = setTimeout(() => { warmUpTimer = undefined; run(); }, req.afterMs);
    return;
  }
  if (req.task === 'analyze') {
    // The analysis warms the code up itself: a warm-up still to come would only compete with it.
    clearTimeout(warmUpTimer);
    void analyze(req, (m) => parentPort?.postMessage(m));
    return;
  }
  if (req.task === 'extract') {
    let reply: ExtractReply;
    try {
      reply = extractRange(req);
    } catch (err) {
      reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply, reply.ok ? transferables(reply.events) : []);
    return;
  }
  let reply: StatsReply;
  try {
    reply = { id: req.id, ok: true, stats: statsOf(req) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});

// A pool hands this worker ranges only from now on: before, they would wait unseen in a thread still loading.
parentPort?.postMessage({ type: 'ready' } satisfies ReadyMessage);
