import { LineParser, parseTimestamp, quickUnifiedHeader } from '../core/parser';
import { countLine, countUnifiedEntry, emptyStats, type LineStats } from '../core/lineStats';
import type { LogEntry } from '../core/record';
import { forEachLine, type ReadOptions } from './lineReader';
import { PrefixMatcher } from './prefixMatcher';

export interface ScanOptions extends ReadOptions {
  /** Messages the engine consumes; entries with any other message are counted but never built. */
  readonly relevantPrefixes: readonly string[];
  readonly onProgress?: (bytesDone: number) => void;
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
  const read = forEachLine(path, (buf, start, end, line, offset) => {
    const m = quickUnifiedHeader(buf, start, end);
    if (m >= 0) {
      if (matcher.matches(buf, m, end)) {
        const p = parser.parse(buf.toString('utf8', start, end), line, offset);
        countLine(stats, p);
        if (p.kind === 'entry') onEntry(p);
        return;
      }
      parser.noteEntry(line);
      countUnifiedEntry(stats, buf[start] === 0x5b ? parseTimestamp(buf.toString('latin1', start + 1, start + 31)) : null);
      return;
    }
    const p = parser.parse(buf.toString('utf8', start, end), line, offset);
    countLine(stats, p);
    if (p.kind === 'entry' && startsWithAny(p.message, prefixes)) onEntry(p);
  }, { ...opts, onChunk: opts.onProgress });
  stats.bytes = read.bytes;
  return stats;
}

function startsWithAny(s: string, prefixes: readonly string[]): boolean {
  for (const p of prefixes) if (s.startsWith(p)) return true;
  return false;
}
