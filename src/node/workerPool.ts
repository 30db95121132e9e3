import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtractReply, RangeReply, RangeRequest, StatsReply } from './workerProtocol';

type WorkerRequest = RangeRequest;
type WorkerReply = StatsReply | ExtractReply;

/**
 * A few long-lived workers running dist/analyzeWorker.js; requests are queued and handed to whichever is free.
 * Worker startup costs ~30 ms, so one pool serves every range of every file in a run.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: { req: WorkerRequest; resolve: (r: WorkerReply) => void; reject: (e: Error) => void }[] = [];
  private readonly pending = new Map<Worker, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(size: number, script = defaultWorkerScript()) {
    for (let i = 0; i < size; i++) {
      // Caps keep each worker's heap near its working set (one range's events and the parser's short-lived
      // garbage); without them V8 lets a worker grow to hundreds of MB before collecting. The old-generation cap
      // is several times what the largest range needs, so a hostile log cannot hit it.
      const w = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 } });
      w.on('message', (reply: WorkerReply) => this.done(w, reply));
      w.on('error', (err) => { this.pending.get(w)?.reject(err); this.pending.delete(w); });
      this.all.push(w);
      this.idle.push(w);
    }
  }

  run<R extends RangeRequest>(req: Omit<R, 'id'>): Promise<RangeReply<R>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { ...req, id: this.nextId++ } as WorkerRequest, resolve: resolve as (r: WorkerReply) => void, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private done(w: Worker, reply: WorkerReply): void {
    this.pending.get(w)?.resolve(reply);
    this.pending.delete(w);
    this.idle.push(w);
    this.pump();
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop() as Worker;
      const job = this.queue.shift() as (typeof this.queue)[number];
      this.pending.set(w, job);
      w.postMessage(job.req);
    }
  }
}

/** The bundled worker beside this bundle; when the sources run unbundled (tests under tsx), the built one in dist/. */
function defaultWorkerScript(): string {
  const beside = join(__dirname, 'analyzeWorker.js');
  return existsSync(beside) ? beside : join(__dirname, '../../dist/analyzeWorker.js');
}
