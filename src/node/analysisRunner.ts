import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Finding } from '../core/engine';
import type { Report } from '../core/report';
import { analyzeFiles, type AnalyzeInput } from './analyze';
import type { AnalyzeMessage, AnalyzeRequest, WarmRequest } from './workerProtocol';
import { DIST_FILES } from './distFiles';

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

function startWorker(distDir: string, warm?: WarmRequest): Worker {
  const worker = new Worker(join(distDir, DIST_FILES.analyzeWorker), { resourceLimits: ANALYSIS_LIMITS });
  if (warm !== undefined) worker.postMessage(warm);
  return worker;
}

/**
 * Runs one analysis in a fresh worker thread: the caller (the extension host, the CLI) stays responsive whatever
 * the log's size, findings stream back as they become certain, and cancelling is terminating the worker.
 * `distDir` holds the bundles (dist/).
 */
export function runInWorker(distDir: string, req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
  return runOn(startWorker(distDir), req, cb);
}

function runOn(worker: Worker, req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
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

const WARM_UP_AFTER_RUN_MS = 10_000;

/** A spare started on a guess: dropped, and `onDropped` called, if no run has taken it after `afterMs`. */
export interface UnusedSpare {
  readonly afterMs: number;
  onDropped(): void;
}

/**
 * The editor's analysis workers: one is kept started, its scan workers loaded and its hot code already run over
 * the start of a log, so that opening a big log does not first wait for three threads to start (~0.1-0.3 s on
 * two busy cores) and then run cold (about twice the CPU for the first ranges). Each run uses the spare, and a
 * new spare is started when the run ends: a used worker keeps its run's heap (~200 MB RSS measured after a
 * 300 MB log, more for bigger ones) until V8 gets round to collecting it, while a fresh one, warmed up, holds
 * ~110 MB (~50 MB before its warm-up).
 */
export class AnalysisWorkers {
  private spare: Worker | undefined;
  private warmUpPath: string | undefined;
  private disposed = false;

  /** `keepSpare` says whether to start a new spare after each run (the editor's setting). */
  constructor(private readonly distDir: string, private readonly keepSpare: () => boolean = () => true) {}

  /**
   * Starts the spare if there is none, warming it up on `path` (a log the user is likely to open) or on the
   * last one given. Callers do it once there is a TiKV log around, not for every window.
   */
  warm(path?: string, afterMs = 0, unused?: UnusedSpare): void {
    if (path !== undefined) this.warmUpPath = path;
    if (this.disposed || this.spare !== undefined) return;
    const worker = startWorker(this.distDir, { task: 'warm', path: this.warmUpPath, afterMs });
    // A spare that dies while idle is simply replaced by the next run; its error must not go unhandled.
    const lost = (): void => { if (this.spare === worker) this.spare = undefined; };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.spare = worker;
    if (unused !== undefined) {
      const timer = setTimeout(() => {
        if (this.spare !== worker) return;
        this.dropSpare();
        unused.onDropped();
      }, unused.afterMs);
      // A timer must not keep a CLI or test process alive, and goes with the worker.
      timer.unref();
      worker.once('exit', () => clearTimeout(timer));
    }
  }

  get warmed(): boolean {
    return this.spare !== undefined;
  }

  run(req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
    const worker = this.spare ?? startWorker(this.distDir);
    this.spare = undefined;
    const run = runOn(worker, req, cb);
    // The next spare warms up on what was just analysed, the likeliest file to be analysed again, once things are
    // quiet: a log that keeps growing is analysed again and again, and each run warms its worker up anyway.
    const onDisk = req.inputs.find((i) => i.text === undefined && !i.withIds);
    const next = (): void => { if (this.keepSpare()) this.warm(onDisk?.path, WARM_UP_AFTER_RUN_MS); };
    run.done.then(next, next);
    return run;
  }

  /** Stops the spare, if any: the next run starts its own worker. */
  dropSpare(): void {
    void this.spare?.terminate();
    this.spare = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.dropSpare();
  }
}

/** Small inputs: a worker's start-up would cost more than the analysis. */
export function runInProcess(req: Omit<AnalyzeRequest, 'task'>, cb: RunCallbacks): Run {
  const done = Promise.resolve().then(() => analyzeFiles(req.inputs as AnalyzeInput[], {
    disabledRules: req.disabledRules, timelines: req.timelines, onFinding: (f) => cb.onFinding(f),
  }));
  return { done, cancel: () => undefined };
}
