import type { Finding, TimelineChoice } from '../core/engine';
import type { EventBatch } from './eventBatch';
import type { LineStats } from '../core/lineStats';
import type { Report } from '../core/report';
import type { AnalyzeInput } from './analyze';

/** A range of one file to account for (parse --stats over several workers). */
export interface StatsRequest {
  readonly id: number;
  readonly task: 'stats';
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export type StatsReply =
  | { readonly id: number; readonly ok: true; readonly stats: LineStats }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** The events of one byte range of one file, for the CLI's parallel analysis (lines counted from the range start). */
export interface ExtractRequest {
  readonly id: number;
  readonly task: 'extract';
  readonly path: string;
  readonly start: number;
  readonly end: number;
  readonly file: number;
}

export type ExtractReply =
  | { readonly id: number; readonly ok: true; readonly stats: LineStats; readonly events: EventBatch }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** A worker's first message: its bundle is loaded and it takes requests from now on. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** What the pool runs: one range, one reply. */
export type RangeRequest = StatsRequest | ExtractRequest;
export type RangeReply<R extends RangeRequest> = R extends ExtractRequest ? ExtractReply : StatsReply;

/** A whole analysis off the caller's thread (the extension host must never block on a 300 MB log). */
export interface AnalyzeRequest {
  readonly task: 'analyze';
  readonly inputs: readonly AnalyzeInput[];
  readonly disabledRules: readonly string[];
  readonly timelines?: TimelineChoice;
}

export type AnalyzeMessage =
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'progress'; readonly bytesDone: number }
  | { readonly type: 'done'; readonly report: Report }
  | { readonly type: 'failed'; readonly error: string };

/** Start the scan workers now, ahead of the first analysis, and run the hot code once over the start of `path`. */
export interface WarmRequest {
  readonly task: 'warm';
  readonly path?: string;
  /** Run the hot code only after this delay, and not at all if an analysis comes first. */
  readonly afterMs?: number;
}

export type WorkerRequest = StatsRequest | ExtractRequest | AnalyzeRequest | WarmRequest;
