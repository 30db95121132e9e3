import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractReply, RangeReply, RangeRequest, ReadyMessage, StatsReply } from './workerProtocol';
import { DIST_FILES } from './distFiles';

type WorkerRequest = RangeRequest;
type WorkerReply = StatsReply | ExtractReply;
type Job = { req: WorkerRequest; resolve: (r: WorkerReply) => void; reject: (e: Error) => void };

/** A request handed to the pool. */
export interface PoolJob<R> {
  readonly reply: Promise<R>;
  /**
   * Takes the request back if no worker has been given it yet, so the caller can do the work itself; true when
   * taken (`reply` then never settles).
   */
  withdraw(): boolean;
}

/**
 * A few long-lived workers running dist/analyzeWorker.js; requests are queued and handed to whichever is free.
 * Worker startup costs ~30 ms idle and its bundle ~50 ms more (several times that on two busy cores), so one pool
 * serves every range of every file in a run, and a worker is handed requests only once it says it is ready.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly pending = new Map<Worker, Job>();
  private nextId = 1;
  private readonly starting = new Set<Worker>();
  private readonly onAllReady: (() => void)[] = [];

  constructor(size: number, script = defaultWorkerScript()) {
    for (let i = 0; i < size; i++) {
      // Caps keep each worker's heap near its working set (one range's events and the parser's short-lived
      // garbage); without them V8 lets a worker grow to hundreds of MB before collecting. The old-generation cap
      // is several times what the largest range needs, so a hostile log cannot hit it.
      const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 } });
      w.on('message', (m: WorkerReply | ReadyMessage) => {
        if ('type' in m) { this.idle.push(w); this.readyOrGone(w); this.pump(); } else this.done(w, m);
      });
      w.on('error', (err) => this.lost(w, err));
      w.on('exit', () => this.lost(w, new Error('a scan worker stopped unexpectedly')));
      this.all.push(w);
      this.starting.add(w);
    }
  }

  /** Resolves once every worker has said it is ready, or is gone. */
  whenReady(): Promise<void> {
    return this.starting.size === 0 ? Promise.resolve() : new Promise((resolve) => this.onAllReady.push(resolve));
  }

  private readyOrGone(w: Worker): void {
    if (this.starting.delete(w) && this.starting.size === 0) for (const resolve of this.onAllReady.splice(0)) resolve();
  }

  run<R extends RangeRequest>(req: Omit<R, 'id'>): Promise<RangeReply<R>> {
    return this.submit(req).reply;
  }

  submit<R extends RangeRequest>(req: Omit<R, 'id'>): PoolJob<RangeReply<R>> {
    let job: Job | undefined;
    const reply = new Promise<RangeReply<R>>((resolve, reject) => {
      job = { req: { ...req, id: this.nextId++ } as WorkerRequest, resolve: resolve as (r: WorkerReply) => void, reject };
    });
    const queued = job as Job;
    if (this.all.length === 0) queued.reject(new Error('no scan worker is running'));
    else { this.queue.push(queued); this.pump(); }
    return {
      reply,
      withdraw: () => {
        const at = this.queue.indexOf(queued);
        if (at < 0) return false;
        this.queue.splice(at, 1);
        return true;
      },
    };
  }

  async close(): Promise<void> {
    const all = [...this.all];
    this.all.length = 0;
    await Promise.all(all.map((w) => w.terminate()));
  }

  private done(w: Worker, reply: WorkerReply): void {
    this.pending.get(w)?.resolve(reply);
    this.pending.delete(w);
    this.idle.push(w);
    this.pump();
  }

  /** A worker that failed or exited: its request fails, and with no worker left, so do the queued ones. */
  private lost(w: Worker, err: Error): void {
    const at = this.all.indexOf(w);
    if (at < 0) return;
    this.all.splice(at, 1);
    this.readyOrGone(w);
    const idleAt = this.idle.indexOf(w);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    this.pending.get(w)?.reject(err);
    this.pending.delete(w);
    if (this.all.length === 0) for (const job of this.queue.splice(0)) job.reject(err);
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop() as Worker;
      const job = this.queue.shift() as Job;
      this.pending.set(w, job);
      w.postMessage(job.req);
    }
  }
}

/** The bundled worker beside this bundle; when the sources run unbundled (tests under tsx), the built one in dist/. */
function defaultWorkerScript(): string {
  const beside = join(__dirname, DIST_FILES.analyzeWorker);
  return existsSync(beside) ? beside : join(__dirname, '../../dist', DIST_FILES.analyzeWorker);
}
