// Field access shared by the extractors. Values arrive as strings in every format (JSON numbers keep
// their JSON text), so an id is accepted only when it is all digits: a damaged line must not invent one.
import { fieldValue, type LogEntry } from '../record';
import type { EventBase } from './types';

const DIGITS = /^\d{1,20}$/;

/** An id-valued field, or undefined when absent or not a plain unsigned number. */
export function idField(entry: LogEntry, key: string): string | undefined {
  const v = fieldValue(entry, key);
  return v !== undefined && DIGITS.test(v) ? v : undefined;
}

export function firstIdField(entry: LogEntry, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = idField(entry, k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The region of a backup-stream line: the `r.*` group, else a plain `region_id`. */
export function regionOfEntry(entry: LogEntry): string | undefined {
  return firstIdField(entry, ['r.id', 'region_id']);
}

export function baseOf(entry: LogEntry, file: number): EventBase {
  const store = idField(entry, 'store_id');
  return store === undefined ? { file, line: entry.line, ts: entry.ts } : { file, line: entry.line, ts: entry.ts, storeHint: store };
}

export function isDigits(s: string | undefined): s is string {
  return s !== undefined && DIGITS.test(s);
}
