import { closeSync, openSync, readSync } from 'node:fs';
import { logHeadKind, type LogHeadKind } from '../core/parser';

/**
 * How much of a file is read to judge it. A first line longer than this is not judged (the file is taken for
 * something else): TiKV's first lines are a few hundred bytes, and a folder of 10,000 files must not cost more.
 */
export const HEAD_BYTES = 16384;

/**
 * What the start of a file on disk is (see `logHeadKind`), from at most its first `buf.length` bytes. `buf` is
 * reused by callers that judge many files. Throws what opening or reading throws (EACCES, EISDIR...).
 */
export function fileHeadKind(path: string, buf: Buffer = Buffer.allocUnsafe(HEAD_BYTES)): LogHeadKind {
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  // A file shorter than the buffer ends its last line without a newline: judge that line too.
  return logHeadKind(buf.toString('utf8', 0, n) + (n < buf.length ? '\n' : ''));
}

/** Whether a file starts like a TiKV log (any format): how a `.log` with another name is recognised. */
export function looksLikeTikvFile(path: string): boolean {
  try {
    return fileHeadKind(path) === 'tikv';
  } catch {
    return false;
  }
}
