import type { Finding } from '../core/engine';
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

/** A whole analysis off the caller's thread (the extension host must never block on a 300 MB log). */
export interface AnalyzeRequest {
  readonly task: 'analyze';
  readonly inputs: readonly AnalyzeInput[];
  readonly disabledRules: readonly string[];
}

export type AnalyzeMessage =
  | { readonly type: 'finding'; readonly finding: Finding }
  | { readonly type: 'progress'; readonly bytesDone: number }
  | { readonly type: 'done'; readonly report: Report }
  | { readonly type: 'failed'; readonly error: string };

export type WorkerRequest = StatsRequest | AnalyzeRequest;
