import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Called once per physical line with the bytes of the line, without its `\n`, inside `buf[start, end)`.
 * The buffer is reused: copy what you keep.
 */
export type LineVisitor = (buf: Buffer, start: number, end: number, line: number, offset: number) => void;

export interface ReadOptions {
  /** First byte to read (the line starting there is line `firstLine`). */
  readonly start?: number;
  /** Stop at this byte offset; a line that starts before it is read to its end. */
  readonly end?: number;
  readonly firstLine?: number;
  /** Read size; lines longer than this grow the buffer, so it only bounds the common case. */
  readonly chunkBytes?: number;
  /** Called after each chunk with the bytes read so far: progress, and a point where a caller may throw to stop. */
  readonly onChunk?: (bytesDone: number) => void;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads a file in large chunks and visits every physical line, synchronously. Synchronous on purpose: it runs in a
 * worker thread or in the CLI, and a sync loop over one reused buffer keeps memory flat whatever the file size.
 * A final line without `\n` is still a line; an empty file has no lines.
 */
export function forEachLine(path: string, visit: LineVisitor, opts: ReadOptions = {}): { lines: number; bytes: number } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const stopAt = Math.min(opts.end ?? size, size);
    // No bigger than the bytes to read (+1, so reading them all leaves room to see the end): a folder of 10,000
    // small logs must not allocate 4 MB for each. A line past `stopAt` or a file still growing grows the buffer.
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(opts.chunkBytes ?? 4 * 1024 * 1024, stopAt - (opts.start ?? 0) + 1)));
    let filePos = opts.start ?? 0; // file offset of the next byte to read
    let bufStart = filePos; // file offset of buf[0]
    let have = 0; // valid bytes in buf
    let line = opts.firstLine ?? 1;
    let eof = false;
    const firstByte = filePos;

    while (true) {
      if (!eof) {
        if (have === buf.length) {
          // A single line fills the buffer: grow it rather than split the line.
          const bigger = Buffer.allocUnsafe(buf.length * 2);
          buf.copy(bigger, 0, 0, have);
          buf = bigger;
        }
        const n = readSync(fd, buf, have, buf.length - have, filePos);
        if (n === 0) eof = true;
        filePos += n;
        have += n;
        opts.onChunk?.(filePos - firstByte);
      }
      // A view bounded at `have`, so indexOf never scans stale bytes from an earlier read.
      const view = have === buf.length ? buf : buf.subarray(0, have);
      let pos = 0;
      // Editors do not show a UTF-8 BOM as part of line 1, so columns computed on line 1 must not count it either.
      if (bufStart === 0 && line === 1 && have > BOM.length && view.subarray(0, BOM.length).equals(BOM)) pos = BOM.length;
      while (pos < have) {
        if (bufStart + pos >= stopAt) return { lines: line - (opts.firstLine ?? 1), bytes: bufStart + pos - firstByte };
        const nl = view.indexOf(10, pos);
        if (nl === -1) break;
        visit(view, pos, nl, line++, bufStart + pos);
        pos = nl + 1;
      }
      if (eof) {
        if (pos < have && bufStart + pos < stopAt) {
          visit(view, pos, have, line++, bufStart + pos);
          pos = have;
        }
        return { lines: line - (opts.firstLine ?? 1), bytes: bufStart + pos - firstByte };
      }
      // Keep the unfinished line at the front of the buffer.
      if (pos > 0) {
        buf.copy(buf, 0, pos, have);
        bufStart += pos;
        have -= pos;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of the given 1-based lines, read without blocking the caller's thread for long: the file streams in
 * chunks and reading stops after the last wanted line. For showing a few lines of a log too big to open.
 */
export async function readLinesAsync(path: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const last = Math.max(0, ...wanted);
  if (last === 0) return found;
  let line = 1;
  let carry: Buffer = Buffer.alloc(0);
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let pos = 0;
      if (line === 1 && carry.length === 0 && buf.subarray(0, BOM.length).equals(BOM)) pos = BOM.length;
      for (let nl = buf.indexOf(10, pos); nl !== -1; nl = buf.indexOf(10, pos)) {
        if (wanted.has(line)) found.set(line, buf.toString('utf8', pos, nl).replace(/\r$/, ''));
        line++;
        pos = nl + 1;
        if (line > last) return found;
      }
      carry = buf.subarray(pos);
    }
    if (carry.length > 0 && wanted.has(line)) found.set(line, carry.toString('utf8').replace(/\r$/, ''));
    return found;
  } finally {
    stream.destroy();
  }
}
