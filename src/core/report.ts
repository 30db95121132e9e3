// The serialisable result of analysing a set of files together: what every adapter (CLI, diagnostics, hovers,
// the queue view) reads. Built once by the pipeline; adapters look things up in it and never re-derive it.
import type { AnalysisResult, Finding, RegionTimeline, TimedLocation } from './engine/types';
import type { IdKind } from './events';
import type { LineStats } from './lineStats';
import { clockTime } from './parser/timestamp';

export interface AnalyzedFile {
  readonly path: string;
  /** The store the file's lines belong to (rotated files of one store share it). */
  readonly store: string;
  readonly stats: LineStats;
}

/** One place a line mentions an id; columns are editor columns in that line, when known. */
export interface IdLocation {
  readonly file: number;
  readonly line: number;
  readonly start?: number;
  readonly end?: number;
}

/** Every line that mentions each id, keyed by `${kind}:${value}`; only built for files small enough to open. */
export type IdIndex = Readonly<Record<string, readonly IdLocation[]>>;

export function idKey(kind: IdKind, value: string): string {
  return `${kind}:${value}`;
}

export interface Report {
  readonly files: readonly AnalyzedFile[];
  readonly result: AnalysisResult;
  readonly ids: IdIndex;
  readonly ms: number;
  /** Milliseconds from the start until the first finding was certain; null when there was none. */
  readonly firstFindingMs: number | null;
}

export function findingsAt(report: Report, file: number, line: number): Finding[] {
  return report.result.findings.filter((f) => f.location.file === file && f.location.line === line);
}

export function timelineOf(report: Report, store: string, regionId: string): RegionTimeline | undefined {
  return report.result.timelines.find((t) => t.store === store && t.regionId === regionId);
}

/**
 * The time of day of a line as its log printed it (`14:05:20.129`, on the file's own UTC offset); undefined when
 * the line had no time. Built from the `ts` the engine carries, so no adapter reads or parses the line again.
 */
export function timeOfDayAt(files: readonly AnalyzedFile[], at: TimedLocation): string | undefined {
  return at.ts === null ? undefined : clockTime(at.ts, files[at.file]?.stats.utcOffset ?? null);
}
