import type { ParsedLine } from '../record';
import { LineParser, type LineParserOptions } from './lineParser';

/** UTF-8 length of `s[from, to)` as TextEncoder would write it (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Parses a whole text (small inputs, tests, the editor): lines split on `\n`, 1-based, with UTF-8 byte
 * offsets. A trailing `\n` ends the last line rather than starting an empty one, as `wc -l` counts.
 */
export function parseText(text: string, opts?: LineParserOptions): ParsedLine[] {
  const parser = new LineParser(opts);
  const out: ParsedLine[] = [];
  let pos = 0;
  let line = 1;
  let offset = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    out.push(parser.parse(text.slice(pos, nl), line, offset));
    offset += utf8Length(text, pos, nl) + 1;
    pos = nl + 1;
    line++;
  }
  return out;
}
