import { utcOffsetOf } from './parser/timestamp';
import type { LineKind, LogFormat, ParsedLine, UnparsedReason } from './record';

/** What a set of lines turned out to be: the accounting behind "every line is parsed or reported unparsed". */
export interface LineStats {
  lines: number;
  bytes: number;
  byKind: Record<LineKind, number>;
  unparsedByReason: Partial<Record<UnparsedReason, number>>;
  byFormat: Partial<Record<LogFormat, number>>;
  damaged: number;
  /** Epoch ms of the earliest and latest entry that had a time. */
  firstTs: number | null;
  lastTs: number | null;
  /**
   * Minutes east of UTC of the first entry whose time names a zone; null when none does (zone-less times are read
   * as UTC). With it an event's `ts` prints as the file's own clock, so no adapter has to read the line again.
   */
  utcOffset: number | null;
}

export function emptyStats(): LineStats {
  return {
    lines: 0, bytes: 0, byKind: { entry: 0, continuation: 0, blank: 0, unparsed: 0 },
    unparsedByReason: {}, byFormat: {}, damaged: 0, firstTs: null, lastTs: null, utcOffset: null,
  };
}

export function countLine(s: LineStats, p: ParsedLine): void {
  s.lines++;
  s.byKind[p.kind]++;
  if (p.kind === 'entry') {
    s.byFormat[p.format] = (s.byFormat[p.format] ?? 0) + 1;
    if (p.damage !== undefined) s.damaged++;
    if (p.ts !== null) {
      countTs(s, p.ts);
      if (s.utcOffset === null) s.utcOffset = utcOffsetOf(p.time);
    }
  } else if (p.kind === 'unparsed') {
    s.unparsedByReason[p.reason] = (s.unparsedByReason[p.reason] ?? 0) + 1;
  }
}

/** Counts a plain unified entry that a fast path recognised without building a ParsedLine for it. */
export function countUnifiedEntry(s: LineStats, ts: number | null): void {
  s.lines++;
  s.byKind.entry++;
  s.byFormat.unified = (s.byFormat.unified ?? 0) + 1;
  if (ts !== null) countTs(s, ts);
}

function countTs(s: LineStats, ts: number): void {
  if (s.firstTs === null || ts < s.firstTs) s.firstTs = ts;
  if (s.lastTs === null || ts > s.lastTs) s.lastTs = ts;
}

export function mergeStats(into: LineStats, from: LineStats): void {
  into.lines += from.lines;
  into.bytes += from.bytes;
  for (const k of Object.keys(from.byKind) as LineKind[]) into.byKind[k] += from.byKind[k];
  for (const [k, v] of Object.entries(from.unparsedByReason) as [UnparsedReason, number][]) {
    into.unparsedByReason[k] = (into.unparsedByReason[k] ?? 0) + v;
  }
  for (const [k, v] of Object.entries(from.byFormat) as [LogFormat, number][]) into.byFormat[k] = (into.byFormat[k] ?? 0) + v;
  into.damaged += from.damaged;
  if (from.firstTs !== null) countTs(into, from.firstTs);
  if (from.lastTs !== null) countTs(into, from.lastTs);
  // Ranges and files are merged in order, so the first one's zone stays.
  if (into.utcOffset === null) into.utcOffset = from.utcOffset;
}
