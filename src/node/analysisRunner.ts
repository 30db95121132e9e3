import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Finding } from '../core/engine';
import type { Report } from '../core/report';
import { analyzeFiles, type AnalyzeInput } from './analyze';
import type { AnalyzeMessage, AnalyzeRequest } from './workerProtocol';

export interface RunCallbacks {
  onFinding(finding: Finding): void;
  onProgress(bytesDone: number): void;
}

export interface Run {
  readonly done: Promise<Report>;
  cancel(): void;
}

export class RunCancelled extends Error {
  constructor() { super('analysis cancelled'); }
}

/**
 * The analysis thread's heap bounds. A small young generation and a bounded old one keep V8 from growing the heap
 * to several times the engine's live data (measured: ~450 MB peak RSS for a 1 GB log in the main thread, ~300 MB
 * here); the old-generation bound is about five times what the engine's capped windows hold.
 */
const ANALYSIS_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256 };

/**
 * Runs one analysis in a fresh worker thread: the caller (the extension host, the CLI) stays responsive whatever
 * the log's size, findings stream back as they become certain, and cancelling is terminating the worker.
 * `distDir` holds the bundles (dist/).
 */
export function runInWorker(distDir: string, req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
  const worker = new Worker(join(distDir, 'analyzeWorker.js'), { resourceLimits: ANALYSIS_LIMITS });
  let cancelled = false;
  const done = new Promise<Report>((resolve, reject) => {
    worker.on('message', (m: AnalyzeMessage) => {
      switch (m.type) {
        case 'finding': cb.onFinding(m.finding); break;
        case 'progress': cb.onProgress(m.bytesDone); break;
        case 'done': resolve(m.report); void worker.terminate(); break;
        case 'failed': reject(new Error(m.error)); void worker.terminate(); break;
      }
    });
    worker.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(`the analysis needed more than its ${ANALYSIS_LIMITS.maxOldGenerationSizeMb} MB heap bound`)
        : err);
    });
    worker.on('exit', () => reject(cancelled ? new RunCancelled() : new Error('the analysis worker stopped unexpectedly')));
  });
  worker.postMessage({ task: 'analyze', ...req } satisfies AnalyzeRequest);
  return {
    done,
    cancel: () => { cancelled = true; void worker.terminate(); },
  };
}

/** Small inputs: a worker's start-up would cost more than the analysis. */
export function runInProcess(req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
  const done = Promise.resolve().then(() => analyzeFiles(req.inputs as AnalyzeInput[], {
    disabledRules: req.disabledRules, timelines: req.timelines, onFinding: (f) => cb.onFinding(f),
  }));
  return { done, cancel: () => undefined };
}
