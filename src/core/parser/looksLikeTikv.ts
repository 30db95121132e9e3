import { LineParser } from './lineParser';

/**
 * What the start of a file is: a TiKV log, another TiDB component's log, or neither.
 * - `tikv`: its first non-blank line is an entry in a format the parser reads (unified, JSON, pre-4.0, pasted
 *   shapes) written from Rust or with an unknown source.
 * - `other-component`: the first entry is in TiKV's own format but names a Go or C/C++ source file. PD, TiDB,
 *   TiCDC and BR (Go) and TiFlash (C++) write the very same unified format, so the source is what tells them apart.
 * - `other`: anything else (another logger, text, binary, a first line cut off by the end of `head`).
 */
export type LogHeadKind = 'tikv' | 'other-component' | 'other';

/** `server.go:123`, `server/server.go:123`, `Server.cpp:45`, `<unknown>` is not one. */
const NON_RUST_SOURCE = /\.(?:go|c|cc|cpp|cxx|h|hh|hpp)(?::\d+)?$/;

/** `head` is the file's first few KB, decoded (a line cut at the end of it is not judged). */
export function logHeadKind(head: string): LogHeadKind {
  const parser = new LineParser();
  let pos = 0;
  for (let line = 1; pos < head.length; line++) {
    const nl = head.indexOf('\n', pos);
    if (nl < 0) return 'other';
    const parsed = parser.parse(head.slice(pos, nl), line, pos);
    if (parsed.kind === 'entry') return NON_RUST_SOURCE.test(parsed.source) ? 'other-component' : 'tikv';
    if (parsed.kind !== 'blank') return 'other';
    pos = nl + 1;
  }
  return 'other';
}

/**
 * Whether the start of a file is a TiKV log (see `logHeadKind`). The editor asks this of `.log` files that VS
 * Code's own `log` language has claimed; a folder given to `analyze` asks it of every file below it.
 */
export function looksLikeTikvLog(head: string): boolean {
  return logHeadKind(head) === 'tikv';
}
