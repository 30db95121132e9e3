import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Analyzer } from '../core/engine';
import { RULES } from '../core/rules/registry';
import type { Finding } from '../core/engine';
import { EXACT_MESSAGES, extractEvents, idsMentioned, MESSAGE_PATTERNS } from '../core/events';
import { countLine, emptyStats, type LineStats } from '../core/lineStats';
import { LineParser, parseText } from '../core/parser';
import type { LogEntry } from '../core/record';
import { idKey, type AnalyzedFile, type IdLocation, type Report } from '../core/report';
import { forEachLine } from './lineReader';
import { scanFile } from './scan';

/** The messages the engine consumes, as prefixes the byte-level skip test can match. */
export const RELEVANT_PREFIXES: readonly string[] = [...EXACT_MESSAGES.keys(), ...MESSAGE_PATTERNS.map((p) => p.prefix)];

export interface AnalyzeInput {
  readonly path: string;
  /** The text to analyse instead of the file on disk (an editor's unsaved buffer). */
  readonly text?: string;
  /** Build the id index for this file (every line fully parsed): only worth it for files an editor can open. */
  readonly withIds?: boolean;
}

export interface AnalyzeOptions {
  readonly onFinding?: (finding: Finding, files: readonly AnalyzedFile[]) => void;
  /** Called between files and every few MB within one, so a caller can report progress or stop. */
  readonly onProgress?: (bytesDone: number) => void;
  readonly isCancelled?: () => boolean;
  /** Rule ids to leave out (the editor's rules on/off setting). */
  readonly disabledRules?: readonly string[];
}

export class Cancelled extends Error {
  constructor() { super('analysis cancelled'); }
}

/**
 * Which store a file belongs to: a file is one store, and rotated files (`tikv.log.2025-02-24-10:00:00.123`,
 * `tikv.log.1`) belong with the `tikv.log` beside them.
 */
export function storeKeyOf(path: string): string {
  const base = basename(path).replace(/(\.log)(?:[.-].*)$/, '$1');
  return join(dirname(path), base);
}

/** The time of the first entry in the first 64 KiB, to put one store's rotated files in time order. */
function firstTs(input: AnalyzeInput): number {
  let head = input.text?.slice(0, 65536);
  if (head === undefined) {
    const fd = openSync(input.path, 'r');
    try {
      const buf = Buffer.alloc(65536);
      head = buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
    } finally {
      closeSync(fd);
    }
  }
  for (const p of parseText(head)) if (p.kind === 'entry' && p.ts !== null) return p.ts;
  return Number.POSITIVE_INFINITY;
}

/**
 * Analyses files together: one store's rotated logs in time order, several stores side by side. Streams: each
 * finding is reported as soon as it is certain, and memory stays bounded whatever the files' size.
 */
export function analyzeFiles(inputs: readonly AnalyzeInput[], opts: AnalyzeOptions = {}): Report {
  const started = performance.now();
  let firstFindingMs: number | null = null;
  // Files are indexed in the order given (that is how callers refer to them); they are read store by store,
  // oldest rotated file first, so each region's events reach the engine in log order.
  const files: AnalyzedFile[] = inputs.map((i) => ({ path: i.path, store: storeKeyOf(i.path), stats: emptyStats() }));
  const order = inputs.map((input, index) => ({ input, index, store: files[index].store, ts: firstTs(input) }))
    .sort((a, b) => (a.store < b.store ? -1 : a.store > b.store ? 1 : a.ts - b.ts || a.index - b.index));
  const disabled = new Set(opts.disabledRules ?? []);
  const analyzer = new Analyzer({
    rules: RULES.filter((r) => !disabled.has(r.id)),
    storeOf: (file) => files[file].store,
    onFinding: (f) => {
      if (firstFindingMs === null) firstFindingMs = performance.now() - started;
      opts.onFinding?.(f, files);
    },
  });
  const ids: Record<string, IdLocation[]> = {};
  let bytesBefore = 0;

  for (const { input, index } of order) {
    const onEntry = (e: LogEntry): void => {
      for (const ev of extractEvents(e, index)) analyzer.add(ev);
    };
    let stats: LineStats;
    if (input.withIds || input.text !== undefined) {
      stats = parseEveryLine(input, (e) => {
        onEntry(e);
        if (input.withIds) {
          for (const m of idsMentioned(e)) {
            (ids[idKey(m.kind, m.value)] ??= []).push({ file: index, line: e.line, start: m.range?.[0], end: m.range?.[1] });
          }
        }
      }, opts, bytesBefore);
    } else {
      stats = scanFile(input.path, { relevantPrefixes: RELEVANT_PREFIXES, onProgress: progressOf(opts, bytesBefore) }, onEntry);
    }
    (files[index] as { stats: LineStats }).stats = stats;
    bytesBefore += stats.bytes;
    opts.onProgress?.(bytesBefore);
  }
  return { files, result: analyzer.finish(), ids, ms: performance.now() - started, firstFindingMs };
}

function progressOf(opts: AnalyzeOptions, before: number): ((bytes: number) => void) | undefined {
  if (opts.onProgress === undefined && opts.isCancelled === undefined) return undefined;
  return (bytes) => {
    if (opts.isCancelled?.()) throw new Cancelled();
    opts.onProgress?.(before + bytes);
  };
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
  const parser = new LineParser();
  const progress = progressOf(opts, before);
  const read = forEachLine(input.path, (buf, start, end, line, offset) => {
    const p = parser.parse(buf.toString('utf8', start, end), line, offset);
    countLine(stats, p);
    if (p.kind === 'entry') onEntry(p);
  }, { onChunk: progress });
  stats.bytes = read.bytes;
  return stats;
}
