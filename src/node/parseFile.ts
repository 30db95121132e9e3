import { countLine, emptyStats, type LineStats } from '../core/lineStats';
import { LineParser } from '../core/parser';
import type { ParsedLine } from '../core/record';
import { forEachLine, type ReadOptions } from './lineReader';

/** The full parser on every line of a file (or of a byte range of it), each result handed to `onLine`. */
export function parseFile(path: string, onLine: (p: ParsedLine) => void, opts: ReadOptions = {}): LineStats {
  const parser = new LineParser();
  const stats = emptyStats();
  const read = forEachLine(path, (buf, start, end, line, offset) => {
    const p = parser.parse(buf.toString('utf8', start, end), line, offset);
    countLine(stats, p);
    onLine(p);
  }, opts);
  stats.bytes = read.bytes;
  return stats;
}
