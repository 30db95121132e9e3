// The simulated TiKV process: a clock, an agenda of future steps, the regions this store holds, the
// process-global ObserveId counter and the subscription manager's single FIFO queue. Every line goes
// through `emit`, which advances the clock by a seeded step, so timestamps never go backwards.
import type { Version } from './backupMessages';
import { makeFormatter, type LineFormatter } from './format';
import { Agenda } from './heap';
import type { Resolved } from './options';
import { Rng } from './prng';
import type { LogRec } from './record';
import type { Region } from './region';
import type { Sink } from './sink';
import { Threads } from './threads';
import { TimestampFormatter } from './timefmt';

const CHUNK_CHARS = 1 << 20;

export class Sim {
  readonly rng: Rng;
  readonly threads: Threads;
  readonly version: Version;
  clock: number;
  lines = 0;
  bytes = 0;

  /** Regions with a peer on this store, sorted by start key (the order a registration scan visits them). */
  regions: Region[] = [];
  readonly byId = new Map<number, Region>();
  /** Next region id for splits; ids come from PD's allocator, peers take the following ids. */
  nextRegionId = 0;
  nextObserveId = 0;

  /** A log-backup task's ranges are registered: the observer no longer hibernates. */
  taskActive = false;
  /** No new background flows start (the quiet window around a registration). */
  quiet = false;
  taskName = 'pitr';
  taskText = '';
  /** Regions whose subscription is Pending, with the instant they became so (holds the checkpoint back). */
  readonly pending = new Map<Region, number>();

  private readonly agenda = new Agenda();
  private readonly fmt: LineFormatter;
  private readonly time: TimestampFormatter;
  private managerFree = 0;
  private inStep = false;
  private chunk = '';

  constructor(readonly o: Resolved, private readonly sink: Sink) {
    this.rng = new Rng(o.seed);
    // Separate streams: the JSON key order and the thread ids must not shift the simulated events.
    this.fmt = makeFormatter(o.format, new Rng(o.seed ^ 0x5f3759df));
    this.threads = new Threads(new Rng(o.seed ^ 0x1b873593));
    this.time = new TimestampFormatter(o.utcOffsetMin);
    this.clock = o.startMs;
    this.version = o.version;
  }

  private step(): number {
    const mean = this.o.meanStepMs;
    return mean <= 0 ? 0 : this.rng.int(2 * mean + 1);
  }

  /** Writes one entry; returns its 1-based line number. */
  emit(r: LogRec): number {
    // Lines of a scheduled step belong together and come out within a millisecond or two; the mean
    // step spaces out the noise between them.
    this.clock += this.inStep ? this.rng.int(2) : this.step();
    return this.write(this.fmt.format(this.time.format(this.clock), r));
  }

  /** Writes a raw physical line (stderr text, backtrace frames) with no header. */
  emitRaw(text: string): number {
    return this.write(text + '\n');
  }

  private write(line: string): number {
    this.lines++;
    this.bytes += Buffer.byteLength(line);
    this.chunk += line;
    if (this.chunk.length >= CHUNK_CHARS) this.flush();
    return this.lines;
  }

  flush(): void {
    if (this.chunk.length > 0) this.sink.write(this.chunk);
    this.chunk = '';
  }

  /** How much simulated time is left before the target size, at the rate written so far. */
  remainingMs(): number {
    const elapsed = this.clock - this.o.startMs;
    if (elapsed <= 0 || this.bytes === 0) return Infinity;
    return ((this.o.sizeBytes - this.bytes) * elapsed) / this.bytes;
  }

  /** Runs `fn` once the clock has reached `time` (epoch ms). */
  at(time: number, fn: () => void): void {
    this.agenda.push(time, fn);
  }

  after(delayMs: number, fn: () => void): void {
    this.agenda.push(this.clock + delayMs, fn);
  }

  /** Runs the earliest due step, if any is due. */
  runDue(): boolean {
    if (this.agenda.peekTime() > this.clock) return false;
    const fn = this.agenda.pop();
    if (fn) {
      this.inStep = true;
      fn();
      this.inStep = false;
    }
    return true;
  }

  /**
   * Hands an op to the subscription manager's channel. One queue, processed in arrival order: this is
   * what makes healthy observe ids increase in processing order.
   */
  toManager(latencyMs: number, process: () => void): number {
    const t = Math.max(this.clock + latencyMs, this.managerFree);
    // Each op costs the manager up to a millisecond, so a burst of ops spreads over time.
    this.managerFree = t + this.rng.int(2);
    this.agenda.push(t, process);
    return t;
  }

  /** A fresh ObserveHandle id. The counter is shared with CDC and resolved-ts, so visible ids skip. */
  allocObserveId(): number {
    this.nextObserveId += 1 + this.rng.int(6);
    return this.nextObserveId;
  }

  tid = (pool: Parameters<Threads['of']>[0]): number => this.threads.of(pool);

  /** A random region matching `ok`, or undefined after a few misses (the caller then does something else). */
  pickRegion(ok: (r: Region) => boolean): Region | undefined {
    for (let i = 0; i < 8; i++) {
      const r = this.regions[this.rng.int(this.regions.length)];
      if (!r.busy && ok(r)) return r;
    }
    return undefined;
  }

  addRegion(r: Region): void {
    const last = this.regions[this.regions.length - 1];
    if (last === undefined || last.start < r.start) {
      // The pool comes in key order: appending skips a binary search per region.
      this.regions.push(r);
      this.byId.set(r.id, r);
      return;
    }
    let lo = 0;
    let hi = this.regions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.regions[mid].start < r.start) lo = mid + 1;
      else hi = mid;
    }
    this.regions.splice(lo, 0, r);
    this.byId.set(r.id, r);
  }

  setPending(r: Region): void {
    if (!this.pending.has(r)) this.pending.set(r, this.clock);
  }

  clearPending(r: Region): void {
    this.pending.delete(r);
  }
}
