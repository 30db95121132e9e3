// The time of the few log lines the view shows. The engine's timelines carry file and line only, so the times are
// read back from the files: from the editor's buffer when the file is open, else by streaming the file up to the
// last line needed (asynchronously, so a 60 MB log does not block the extension host) and parsing only those lines.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseText } from '../core/parser';
import type { LineRef } from '../../webview/protocol';
import type { TimeLookup } from '../../webview/lanes';

/** The time text of one line as the log writes it, or undefined for a line without one. */
export function timeOfLine(text: string): string | undefined {
  const p = parseText(text)[0];
  return p?.kind === 'entry' && p.time !== '' ? p.time : undefined;
}

/** Reads lines `wanted` (1-based) of a file, stopping after the last one. */
export async function readLines(path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  const last = Math.max(...wanted);
  let line = 1;
  let carry: Buffer[] = [];
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
        if (wanted.has(line)) out.set(line, Buffer.concat([...carry, chunk.subarray(from, nl)]).toString('utf8').replace(/\r$/, ''));
        carry = [];
        from = nl + 1;
        if (++line > last) return out;
      }
      // Only a wanted line's bytes are kept across chunks; the rest of a long line is skipped.
      if (wanted.has(line)) carry.push(Buffer.from(chunk.subarray(from)));
    }
    if (wanted.has(line) && carry.length > 0) out.set(line, Buffer.concat(carry).toString('utf8'));
    return out;
  } finally {
    stream.destroy();
  }
}

export type OpenLine = (path: string, line: number) => string | undefined;

/**
 * A cache of line times per file, keyed by size and mtime so an edited or rotated file is read again.
 * `openLine` reads a line from an open editor buffer (which may differ from the disk).
 */
export class LineTimes {
  private readonly files = new Map<string, { stamp: string; times: Map<number, string | undefined> }>();

  constructor(private readonly openLine: OpenLine = () => undefined) {}

  async load(paths: readonly string[], lines: readonly LineRef[]): Promise<TimeLookup> {
    const byFile = new Map<number, Set<number>>();
    for (const r of lines) {
      if (r.file < 0 || r.file >= paths.length) continue;
      let set = byFile.get(r.file);
      if (!set) byFile.set(r.file, (set = new Set()));
      set.add(r.line);
    }
    const resolved = new Map<number, Map<number, string | undefined>>();
    await Promise.all([...byFile].map(async ([file, wanted]) => {
      resolved.set(file, await this.timesOf(paths[file], wanted));
    }));
    return (file, line) => resolved.get(file)?.get(line);
  }

  private async timesOf(path: string, wanted: Set<number>): Promise<Map<number, string | undefined>> {
    const out = new Map<number, string | undefined>();
    const missing = new Set<number>();
    for (const line of wanted) {
      const text = this.openLine(path, line);
      if (text !== undefined) out.set(line, timeOfLine(text));
      else missing.add(line);
    }
    if (missing.size === 0) return out;
    let stamp: string;
    try {
      const s = await stat(path);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return out;
    }
    let cached = this.files.get(path);
    if (cached?.stamp !== stamp) this.files.set(path, (cached = { stamp, times: new Map() }));
    const toRead = new Set([...missing].filter((l) => !cached.times.has(l)));
    if (toRead.size > 0) {
      try {
        const texts = await readLines(path, toRead);
        for (const line of toRead) cached.times.set(line, texts.has(line) ? timeOfLine(texts.get(line) ?? '') : undefined);
      } catch {
        // Unreadable now (deleted, permissions): the view shows no times for it.
      }
    }
    for (const line of missing) out.set(line, cached.times.get(line));
    return out;
  }
}
