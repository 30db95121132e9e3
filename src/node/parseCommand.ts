import { LineParser } from '../core/parser';
import { countLine, emptyStats, mergeStats, type LineStats } from '../core/lineStats';
import { forEachLine } from './lineReader';
import { toNdjsonObject } from './ndjson';
import { OutputBuffer } from './outputBuffer';

export interface FileStats extends LineStats {
  readonly path: string;
}

/** Parses every line of one file with the full parser, handing each result to `onLine`. */
export function parseFile(path: string, onLine: (p: ReturnType<LineParser['parse']>) => void): LineStats {
  const parser = new LineParser();
  const stats = emptyStats();
  const read = forEachLine(path, (buf, start, end, line, offset) => {
    const p = parser.parse(buf.toString('utf8', start, end), line, offset);
    countLine(stats, p);
    onLine(p);
  });
  stats.bytes = read.bytes;
  return stats;
}

/** `tikv-trace parse`: one NDJSON object per physical line, in order, file after file. */
export function writeNdjson(files: readonly string[], out: OutputBuffer): FileStats[] {
  return files.map((path) => {
    const stats = parseFile(path, (p) => out.push(JSON.stringify(toNdjsonObject(path, p)) + '\n'));
    out.flush();
    return { path, ...stats };
  });
}

export function collectStats(files: readonly string[]): FileStats[] {
  return files.map((path) => ({ path, ...parseFile(path, () => undefined) }));
}

export function totalStats(files: readonly FileStats[]): LineStats {
  const total = emptyStats();
  for (const f of files) mergeStats(total, f);
  return total;
}
