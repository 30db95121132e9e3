import { LineParser, parseTimestamp, quickUnifiedHeader } from '../core/parser';
import { utcOffsetOf } from '../core/parser/timestamp';
import { countLine, countUnifiedEntry, emptyStats, type LineStats } from '../core/lineStats';
import type { LogEntry } from '../core/record';
import type { DomainEvent } from '../core/events';
import { roleChangeFromBytes } from '../core/events/roleChangeBytes';
import { forEachLine, type ReadOptions } from './lineReader';
import { PrefixMatcher } from './prefixMatcher';

export interface ScanOptions extends ReadOptions {
  /** Messages the engine consumes; entries with any other message are counted but never built. */
  readonly relevantPrefixes: readonly string[];
  readonly onProgress?: (bytesDone: number) => void;
  /**
   * Events read straight from the bytes of the lines that have a byte-level reader (raft role changes), instead of
   * an entry handed to `onEntry`; `file` is the events' file index.
   */
  readonly direct?: { readonly file: number; onEvent(ev: DomainEvent): void };
}

/**
 * The analysis pass over one file (or one byte range of it): every line is accounted for in the stats, and only
 * entries whose message the engine consumes are fully parsed and handed to `onEntry`. A plain unified line is
 * recognised on its bytes (quickUnifiedHeader), so the ~90% of lines that do not matter are never decoded.
 */
export function scanFile(path: string, opts: ScanOptions, onEntry: (e: LogEntry) => void): LineStats {
  const matcher = new PrefixMatcher(opts.relevantPrefixes);
  const prefixes = opts.relevantPrefixes;
  const parser = new LineParser();
  const stats = emptyStats();
  // TiKV writes a file's lines in time order, so the plain lines' time range is that of the first and the last:
  // keeping the last one's time bytes spares decoding a timestamp on every line.
  const lastTime = Buffer.alloc(30);
  let firstQuickTs: number | null | undefined;
  let sawTimedQuick = false;
  const direct = opts.direct;
  const read = forEachLine(path, (buf, start, end, line, offset) => {
    const m = quickUnifiedHeader(buf, start, end);
    if (m >= 0) {
      if (matcher.matches(buf, m, end)) {
        const ev = direct === undefined ? undefined : roleChangeFromBytes(buf, start, end, m, direct.file, line);
        if (direct !== undefined && ev !== undefined) {
          parser.noteEntry(line);
          countUnifiedEntry(stats, ev.ts);
          if (stats.utcOffset === null && ev.ts !== null) stats.utcOffset = utcOffsetOf(buf.toString('latin1', start + 1, start + 31));
          direct.onEvent(ev);
          return;
        }
        const p = parser.parse(buf.toString('utf8', start, end), line, offset);
        countLine(stats, p);
        if (p.kind === 'entry') onEntry(p);
        return;
      }
      parser.noteEntry(line);
      if (buf[start] === 0x5b) {
        if (firstQuickTs === undefined) {
          const time = buf.toString('latin1', start + 1, start + 31);
          firstQuickTs = parseTimestamp(time);
          if (stats.utcOffset === null) stats.utcOffset = utcOffsetOf(time);
        }
        buf.copy(lastTime, 0, start + 1, start + 31);
        sawTimedQuick = true;
      }
      countUnifiedEntry(stats, null);
      return;
    }
    const p = parser.parse(buf.toString('utf8', start, end), line, offset);
    countLine(stats, p);
    if (p.kind === 'entry' && startsWithAny(p.message, prefixes)) onEntry(p);
  }, { ...opts, onChunk: opts.onProgress });
  if (sawTimedQuick) {
    const fold = (ts: number | null): void => {
      if (ts === null) return;
      if (stats.firstTs === null || ts < stats.firstTs) stats.firstTs = ts;
      if (stats.lastTs === null || ts > stats.lastTs) stats.lastTs = ts;
    };
    fold(firstQuickTs ?? null);
    fold(parseTimestamp(lastTime.toString('latin1')));
  }
  stats.bytes = read.bytes;
  return stats;
}

function startsWithAny(s: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (s.startsWith(p)) return true;
  return false;
}
