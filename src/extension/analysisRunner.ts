import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Finding } from '../core/engine';
import type { Report } from '../core/report';
import { analyzeFiles, type AnalyzeInput } from '../node/analyze';
import type { AnalyzeMessage, AnalyzeRequest } from '../node/workerProtocol';

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
 * Runs one analysis in a fresh worker thread: the extension host stays responsive whatever the log's size,
 * findings stream back as they become certain, and cancelling is terminating the worker.
 */
export function runInWorker(extensionPath: string, req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
  const worker = new Worker(join(extensionPath, 'dist', 'analyzeWorker.js'));
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
    worker.on('error', reject);
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
    disabledRules: req.disabledRules, onFinding: (f) => cb.onFinding(f),
  }));
  return { done, cancel: () => undefined };
}
