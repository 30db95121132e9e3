import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Analyzer } from '../core/engine';
import { RULES } from '../core/rules/registry';
import type { Finding, TimelineChoice } from '../core/engine';
import { EXACT_MESSAGES, extractEvents, idsMentioned, MESSAGE_PATTERNS, type DomainEvent } from '../core/events';
import { countLine, emptyStats, mergeStats, type LineStats } from '../core/lineStats';
import { parseText } from '../core/parser';
import type { LogEntry } from '../core/record';
import { idKey, type AnalyzedFile, type IdLocation, type Report } from '../core/report';
import { parseFile } from './parseFile';
import { scanFile } from './scan';
import { EventBatchWriter, forEachEvent } from './eventBatch';
import { evenOffsets, rampedOffsets, splitAtOffsets } from './ranges';
import { WorkerPool, type PoolJob } from './workerPool';
import type { ExtractReply, ExtractRequest } from './workerProtocol';

/** The messages the engine consumes, as prefixes the byte-level skip test can match. */
export const RELEVANT_PREFIXES: readonly string[] = [...EXACT_MESSAGES.keys(), ...MESSAGE_PATTERNS.map((p) => p.prefix)];

/**
 * The events of one byte range, lines counted from the range's start: what a scan worker does for the parallel
 * analysis, and what the analysing thread does itself with a range no worker has started yet.
 */
export function extractRange(req: ExtractRequest): ExtractReply {
  const events = new EventBatchWriter();
  const onEvent = (ev: DomainEvent): void => events.add(ev);
  const stats = scanFile(req.path, {
    start: req.start, end: req.end, relevantPrefixes: RELEVANT_PREFIXES, direct: { file: req.file, onEvent },
  }, (e) => { for (const ev of extractEvents(e, req.file)) onEvent(ev); });
  return { id: req.id, ok: true, stats, events: events.batch() };
}

export interface AnalyzeInput {
  readonly path: string;
  /** The text to analyse instead of the file on disk (an editor's unsaved buffer). */
  readonly text?: string;
  /** Build the id index for this file (every line fully parsed): only worth it for files an editor can open. */
  readonly withIds?: boolean;
  /** The store the file belongs to, when its caller knows better than its name (a folder's logs: the folder). */
  readonly store?: string;
}

export interface AnalyzeOptions {
  readonly onFinding?: (finding: Finding, files: readonly AnalyzedFile[]) => void;
  /** Called between files and every few MB within one, so a caller can report progress. */
  readonly onProgress?: (bytesDone: number) => void;
  /** Rule ids to leave out (the editor's rules on/off setting). */
  readonly disabledRules?: readonly string[];
  /** Which region timelines the report keeps (the CLI prints none; hovers need all). Default 'all'. */
  readonly timelines?: TimelineChoice;
}

/**
 * Which store a file belongs to: a file is one store, and rotated files (`tikv.log.2025-02-24-10:00:00.123`,
 * `tikv.log.1`) belong with the `tikv.log` beside them.
 */
export function storeKeyOf(path: string): string {
  const base = basename(path).replace(/(\.log)(?:[.-].*)$/, '$1');
  return join(dirname(path), base);
}

/** Reused by every `firstTs`: an analysis of a folder's 10,000 logs reads 10,000 heads. */
const headBuf = Buffer.allocUnsafe(65536);

/** The time of the first entry in the first 64 KiB, to put one store's rotated files in time order. */
function firstTs(input: AnalyzeInput): number {
  let head = input.text?.slice(0, 65536);
  if (head === undefined) {
    const fd = openSync(input.path, 'r');
    try {
      head = headBuf.toString('utf8', 0, readSync(fd, headBuf, 0, headBuf.length, 0));
    } finally {
      closeSync(fd);
    }
  }
  for (const p of parseText(head)) if (p.kind === 'entry' && p.ts !== null) return p.ts;
  return Number.POSITIVE_INFINITY;
}

/** One analysis: the files, the order they are read in, the engine, and what it has found so far. */
class AnalysisRun {
  readonly started = performance.now();
  firstFindingMs: number | null = null;
  readonly files: AnalyzedFile[];
  /** Store by store, oldest rotated file first, so each region's events reach the engine in log order. */
  readonly order: { input: AnalyzeInput; index: number }[];
  readonly analyzer: Analyzer;
  /** Feeds one event to the engine (bound once: it is called per event). */
  readonly add = (ev: DomainEvent): void => this.analyzer.add(ev);
  readonly ids: Record<string, IdLocation[]> = {};
  bytesBefore = 0;

  constructor(readonly inputs: readonly AnalyzeInput[], readonly opts: AnalyzeOptions) {
    // Files keep the index they were given at (that is how callers refer to them).
    this.files = inputs.map((i) => ({ path: i.path, store: i.store ?? storeKeyOf(i.path), stats: emptyStats() }));
    const files = this.files;
    this.order = inputs.map((input, index) => ({ input, index, store: files[index].store, ts: firstTs(input) }))
      .sort((a, b) => (a.store < b.store ? -1 : a.store > b.store ? 1 : a.ts - b.ts || a.index - b.index));
    const disabled = new Set(opts.disabledRules ?? []);
    this.analyzer = new Analyzer({
      rules: RULES.filter((r) => !disabled.has(r.id)),
      storeOf: (file) => files[file].store,
      timelines: opts.timelines,
      // Half the engine's default. Events held in windows are most of the engine's live heap, and V8 grows the
      // heap with it; what gets trimmed are the windows of the regions touched least recently, not active chains.
      maxRetainedEvents: 100_000,
      // Measured on a 256 MB storm over 500,000 regions: 364 MB peak RSS with the engine's 100,000, 295 MB with
      // 60,000; an incident over 50,000 regions still drops none.
      maxRegions: 60_000,
      onFinding: (f) => {
        if (this.firstFindingMs === null) this.firstFindingMs = performance.now() - this.started;
        opts.onFinding?.(f, files);
      },
    });
  }

  /** Reads one file in this thread: the byte-level skip path, or every line when ids or a buffer are wanted. */
  feedFile(input: AnalyzeInput, index: number): void {
    if (input.withIds || input.text !== undefined) {
      this.fileDone(index, parseEveryLine(input, (e) => {
        this.feedEntry(e, index);
        if (input.withIds) {
          for (const m of idsMentioned(e)) {
            (this.ids[idKey(m.kind, m.value)] ??= []).push({ file: index, line: e.line, start: m.range?.[0], end: m.range?.[1] });
          }
        }
      }, this.opts, this.bytesBefore));
      return;
    }
    this.fileDone(index, this.scanRange(input.path, index, { onProgress: progressOf(this.opts, this.bytesBefore) }));
  }

  /** The byte-level skip path over a file or one range of it, feeding the engine from this thread. */
  scanRange(path: string, index: number, range: { start?: number; end?: number; onProgress?: (bytes: number) => void }): LineStats {
    return scanFile(path, { ...range, relevantPrefixes: RELEVANT_PREFIXES, direct: { file: index, onEvent: this.add } },
      (e) => this.feedEntry(e, index));
  }

  private feedEntry(e: LogEntry, index: number): void {
    for (const ev of extractEvents(e, index)) this.add(ev);
  }

  fileDone(index: number, stats: LineStats): void {
    (this.files[index] as { stats: LineStats }).stats = stats;
    this.bytesBefore += stats.bytes;
    this.opts.onProgress?.(this.bytesBefore);
  }

  finish(): Report {
    return { files: this.files, result: this.analyzer.finish(), ids: this.ids, ms: performance.now() - this.started, firstFindingMs: this.firstFindingMs };
  }
}

/**
 * Analyses files together: one store's rotated logs in time order, several stores side by side. Streams: each
 * finding is reported as soon as it is certain, and memory stays bounded whatever the files' size.
 */
export function analyzeFiles(inputs: readonly AnalyzeInput[], opts: AnalyzeOptions = {}): Report {
  const run = new AnalysisRun(inputs, opts);
  for (const { input, index } of run.order) run.feedFile(input, index);
  return run.finish();
}

/** Below this a file is read in one thread: cutting it and starting workers would cost more than it saves. */
const PARALLEL_FROM_BYTES = 64 * 1024 * 1024;
/**
 * Bytes per range: small enough that the first range (and so the first finding) comes back quickly and the
 * ranges waiting to be fed to the engine stay a small part of the file.
 */
const RANGE_BYTES = 16 * 1024 * 1024;

/**
 * The same analysis with big files cut into ranges that worker threads scan and extract events from, while this
 * thread feeds the engine in log order. Ranges are taken in order and at most a couple are held ahead, so the
 * first finding still comes early and memory does not grow with the file.
 */
export interface ParallelOptions extends AnalyzeOptions {
  readonly workers: number;
  /** Scan workers that outlive this analysis (already started and loaded); without one, a pool is made and closed. */
  readonly pool?: WorkerPool;
  /**
   * The pool's workers have already run the scan code (warmUp). Then small ranges at the start let them help with
   * the first finding. Cold workers are slower at that than this thread alone, so without a warm pool the first
   * range is a full one, read here, and the workers start on the ranges after it. Measured, fresh pool, first
   * finding: CLI, 1 GB log, incident 21 MB in, 585-780 ms with small ranges, 434-525 ms this way; 300 MB, 15 MB
   * in, ~500 vs ~270 ms. In the workbench, whose renderer and server take the same two cores as a 300 MB file
   * opens, both come out at ~0.6-0.75 s: there a worker started ahead is what helps.
   */
  readonly warmPool?: boolean;
  readonly parallelFromBytes?: number;
  readonly rangeBytes?: number;
}

export async function analyzeFilesParallel(inputs: readonly AnalyzeInput[], opts: ParallelOptions): Promise<Report> {
  const run = new AnalysisRun(inputs, opts);
  const from = opts.parallelFromBytes ?? PARALLEL_FROM_BYTES;
  // Sizes read once: a file still being written must be cut by the size that decided it was big.
  const sizes = new Map(inputs.filter((i) => i.text === undefined && !i.withIds).map((i) => [i.path, statSync(i.path).size]));
  const big = (i: AnalyzeInput): boolean => (sizes.get(i.path) ?? 0) >= from && i.text === undefined && !i.withIds;
  if (opts.workers < 2 || !inputs.some(big)) {
    for (const { input, index } of run.order) run.feedFile(input, index);
    return run.finish();
  }
  const pool = opts.pool ?? new WorkerPool(opts.workers);
  try {
    for (const { input, index } of run.order) {
      if (!big(input)) { run.feedFile(input, index); continue; }
      const size = sizes.get(input.path) ?? 0;
      const rangeBytes = opts.rangeBytes ?? RANGE_BYTES;
      const ranges = splitAtOffsets(input.path, opts.warmPool === true ? rampedOffsets(size, rangeBytes) : evenOffsets(size, rangeBytes));
      const request = (k: number): Omit<ExtractRequest, 'id'> => ({ task: 'extract', path: input.path, start: ranges[k].start, end: ranges[k].end, file: index });
      const pending = ranges.map(() => undefined as PoolJob<ExtractReply> | undefined);
      const launch = (k: number): void => {
        if (k >= ranges.length || pending[k] !== undefined) return;
        const job = pool.submit<ExtractRequest>(request(k));
        // A range ahead can fail after the analysis has stopped on an earlier one, when nobody awaits it any more.
        job.reply.catch(() => undefined);
        pending[k] = job;
      };
      const stats = emptyStats();
      // The first range is scanned here, alongside the workers (which may still be starting: loading the bundle
      // takes longer than a MB of log), so a finding near the start of the file does not wait for them.
      for (let ahead = 1; ahead < 1 + opts.workers + 1; ahead++) launch(ahead);
      const first = run.scanRange(input.path, index, ranges[0]);
      let linesBefore = first.lines;
      mergeStats(stats, first);
      for (let k = 1; k < ranges.length; k++) {
        for (let ahead = k; ahead < k + opts.workers + 1; ahead++) launch(ahead);
        // Lets the workers' messages in first: a worker that has become ready takes its range before it is withdrawn.
        await new Promise((resolve) => setImmediate(resolve));
        const job = pending[k] as PoolJob<ExtractReply>;
        pending[k] = undefined;
        // A range no worker has started (they are still starting, or busy with a warm-up) is read here rather than
        // waited for: with cold workers on two busy cores, waiting put the first finding ~0.5 s later.
        const reply = job.withdraw() ? extractRange({ id: 0, ...request(k) }) : await job.reply;
        if (!reply.ok) throw new Error(`${input.path}: ${reply.error}`);
        // A range counts its lines from 1; its place in the file is the lines of the ranges before it.
        forEachEvent(reply.events, index, linesBefore, run.add);
        linesBefore += reply.stats.lines;
        mergeStats(stats, reply.stats);
        opts.onProgress?.(run.bytesBefore + stats.bytes);
      }
      run.fileDone(index, stats);
    }
  } finally {
    if (opts.pool === undefined) await pool.close();
  }
  return run.finish();
}

function progressOf(opts: AnalyzeOptions, before: number): ((bytes: number) => void) | undefined {
  const onProgress = opts.onProgress;
  if (onProgress === undefined) return undefined;
  return (bytes) => onProgress(before + bytes);
}

/** The full parser on every line (editor buffers and files whose ids are indexed). */
function parseEveryLine(input: AnalyzeInput, onEntry: (e: LogEntry) => void, opts: AnalyzeOptions, before: number): LineStats {
  const stats = emptyStats();
  if (input.text !== undefined) {
    for (const p of parseText(input.text)) {
      countLine(stats, p);
      if (p.kind === 'entry') onEntry(p);
    }
    stats.bytes = Buffer.byteLength(input.text);
    return stats;
  }
  return parseFile(input.path, (p) => { if (p.kind === 'entry') onEntry(p); }, { onChunk: progressOf(opts, before) });
}
