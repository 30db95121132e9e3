import type { LineStats } from '../core/lineStats';

export interface WorkerRequest {
  readonly id: number;
  readonly task: 'stats';
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly stats: LineStats }
  | { readonly id: number; readonly ok: false; readonly error: string };
