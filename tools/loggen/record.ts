// One log call as TiKV would make it, before it is rendered as text or JSON. Keeping the record separate
// from its rendering lets the same simulation write the unified format and the JSON format.

export type Level = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';

/**
 * A field value with the type slog saw: numbers become JSON numbers and print bare in text; `null` is
 * Rust's `None` (text `None`, JSON `null`); strings are Debug/Display output and go through the quoting rule.
 */
export type Value = string | number | boolean | null;

export interface LogRec {
  readonly level: Level;
  /** `file.rs:line` as the unified format prints it. */
  readonly src: string;
  readonly msg: string;
  /** Keys and values alternating, already in PRINT order (slog's reversal applied by the caller). */
  readonly kv: readonly Value[];
  /** The `[thread_id=N]` that TiKV >= 7.5 appends last. */
  readonly tid: number;
}

export function rec(level: Level, src: string, msg: string, kv: readonly Value[], tid: number): LogRec {
  return { level, src, msg, kv, tid };
}
