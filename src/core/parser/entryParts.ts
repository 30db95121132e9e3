import type { ColumnRange, Field, Level } from '../record';

/** What every format scanner extracts from one line, before the LineParser adds line/offset/format/paste. */
export interface EntryParts {
  readonly time: string;
  readonly ts: number | null;
  readonly level: Level;
  readonly source: string;
  readonly message: string;
  readonly messageRange: ColumnRange | undefined;
  readonly fields: Field[];
  /** Why the line was only partly recovered; undefined for a well-formed line. */
  readonly damage: string | undefined;
  /** The source was wrapped in a chat tool's markdown link (`[[raft.rs:1344](http://raft.rs:1344/)]`). */
  readonly markdownLink?: boolean;
}

/** A scanner's verdict when the line is not an entry of its format. */
export interface NotEntry {
  readonly reason: 'no-header' | 'bad-timestamp' | 'bad-level' | 'bad-json';
  readonly detail: string;
}

export function isNotEntry(r: EntryParts | NotEntry): r is NotEntry {
  return (r as NotEntry).reason !== undefined;
}
