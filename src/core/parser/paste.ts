// Shapes a line takes when pasted into an issue or exported from a dashboard, removed before parsing:
// a grep prefix (`./tikv3.log:2263:`, pingcap/tiflow#644) and a table row (`  |   | 2026-06-03 15:42:37 | [...]`
// with `\|` escaped inside values, tikv/tikv#19672). The Docker json-file wrapper is handled with the JSON
// format, and the markdown link around the source by the grammar.

import type { ColumnMap } from './columnMap';

export interface Stripped {
  readonly inner: string;
  readonly map: ColumnMap;
}

/** `path/file.log:123:` or `123:` (grep -n on one file) before a log line. */
const GREP = /^(?:([\w./~+-]*[A-Za-z][\w./~+-]*):)?(\d+)[:-]/;
const LOG_START = /^(?:\[\d|\{"| \[[A-Z]|\d{4}\/\d{2}\/\d{2} )/;

export function stripGrepPrefix(s: string): Stripped | null {
  const m = GREP.exec(s);
  if (m === null) return null;
  const rest = s.slice(m[0].length);
  const file = m[1];
  // A file name that says "log" is evidence enough; otherwise what follows must start like a log line.
  if (!LOG_START.test(rest) && (file === undefined || !/\.log/i.test(file))) return null;
  return { inner: rest, map: { offset: m[0].length, removed: [] } };
}

export function stripTablePrefix(s: string): Stripped | null {
  let i = 0;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  if (s.charCodeAt(i) !== 124) return null;
  // The log text is the first cell that starts like a log line.
  let start = -1;
  for (let j = i; j < s.length; j++) {
    if (s.charCodeAt(j) !== 124 || s.charCodeAt(j - 1) === 92) continue;
    let k = j + 1;
    while (s.charCodeAt(k) === 32 || s.charCodeAt(k) === 9) k++;
    const c = s.charCodeAt(k);
    if (c === 91 || c === 123) {
      start = k;
      break;
    }
  }
  if (start < 0) return null;
  let end = s.length;
  while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  if (s.charCodeAt(end - 1) === 124 && s.charCodeAt(end - 2) !== 92) {
    end--;
    while (end > start && (s.charCodeAt(end - 1) === 32 || s.charCodeAt(end - 1) === 9)) end--;
  }
  const removed: number[] = [];
  let inner = '';
  let from = start;
  for (let j = s.indexOf('\\|', start); j >= 0 && j < end; j = s.indexOf('\\|', j + 2)) {
    inner += s.slice(from, j);
    removed.push(inner.length);
    from = j + 1;
  }
  inner += s.slice(from, end);
  return { inner, map: { offset: start, removed } };
}
