// The parser's output: what one physical line of a TiKV log is. Every line becomes exactly one
// ParsedLine, so the sum of kinds always equals the number of lines read (the "nothing is lost" rule).

export type Level = 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';

/** The base format the entry was written in, after any paste wrapper was removed. */
export type LogFormat =
  | 'unified' // TiKV >= 3.0 text: [time] [LEVEL] [source] [message] [k=v]...
  | 'json' // log.format = "json"
  | 'slog' // TiKV 2.x / 3.0 pre-unified: `YYYY/MM/DD HH:MM:SS.mmm LEVEL file:line: msg, k: v`
  | 'legacy'; // TiKV 1.x: `YYYY/MM/DD HH:MM:SS.mmm file:line: [LEVEL] msg`

/** A shape a line takes when pasted somewhere else; removed before parsing the base format. */
export type PasteArtefact = 'grep-prefix' | 'markdown-link' | 'docker-json' | 'table-prefix';

/** [start, end) in UTF-16 code units of the physical line as decoded, i.e. what an editor column is. */
export type ColumnRange = readonly [start: number, end: number];

export interface Field {
  readonly key: string; // unescaped
  readonly value: string; // unescaped; JSON numbers/bools/null keep their JSON text (`1500`, `true`, `null`)
  /** Where the key and value stand in the physical line; absent when they came out of an escaped wrapper. */
  readonly keyRange?: ColumnRange;
  readonly valueRange?: ColumnRange;
}

interface LineBase {
  /** 1-based physical line number in its file. */
  readonly line: number;
  /** Byte offset of the line's first byte in its file. */
  readonly offset: number;
}

export interface LogEntry extends LineBase {
  readonly kind: 'entry';
  readonly format: LogFormat;
  readonly paste: readonly PasteArtefact[];
  /** The timestamp text as written (e.g. `2023/07/30 23:37:09.829 +08:00`); '' when the line had none. */
  readonly time: string;
  /** Epoch milliseconds with the UTC offset honoured; zone-less (pre-unified) times are read as UTC; null without a time. */
  readonly ts: number | null;
  readonly level: Level;
  /** `file.rs:line`, or `<unknown>` (also `<unknown>:N` as the JSON format writes it). */
  readonly source: string;
  readonly message: string; // unescaped
  readonly messageRange?: ColumnRange;
  readonly fields: readonly Field[];
  /** Set when the line was damaged (unbalanced quotes or brackets) and only partly recovered: why. */
  readonly damage?: string;
}

/** A line that belongs to the entry before it (a panic backtrace, a wrapped stderr message). */
export interface Continuation extends LineBase {
  readonly kind: 'continuation';
  readonly text: string;
  /** Line number of the entry it continues. */
  readonly of: number;
}

export interface Blank extends LineBase {
  readonly kind: 'blank';
}

export type UnparsedReason =
  | 'binary' // NUL or other non-text bytes
  | 'no-header' // text that is none of the known formats
  | 'bad-timestamp' // looks like a log line but the time does not parse
  | 'bad-level'
  | 'bad-json' // starts like a JSON log object but is not valid JSON
  | 'too-long'; // over the line-length limit; kept unparsed, text truncated

export interface Unparsed extends LineBase {
  readonly kind: 'unparsed';
  readonly reason: UnparsedReason;
  /** Human-readable detail for the reason (what was expected where). */
  readonly detail: string;
  /** The raw text (truncated to a bounded length for very long lines). */
  readonly text: string;
}

export type ParsedLine = LogEntry | Continuation | Blank | Unparsed;
export type LineKind = ParsedLine['kind'];

export function fieldValue(entry: LogEntry, key: string): string | undefined {
  for (const f of entry.fields) if (f.key === key) return f.value;
  return undefined;
}
