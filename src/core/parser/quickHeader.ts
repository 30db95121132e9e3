// The byte-level fast path of the Node pipeline: on raw UTF-8 bytes of one line, a few dozen comparisons
// decide whether the line is a plain unified line, without decoding it or allocating. It only vouches for
// what LineParser.parse is certain to call a unified entry with no paste artefact (property-tested).

import { daysInMonth } from './timestamp';

const SPACE = 0x20, QUOTE = 0x22, COLON = 0x3a, LBRACKET = 0x5b, RBRACKET = 0x5d;

function d(b: Uint8Array, i: number): number {
  const v = b[i] - 0x30;
  return v >= 0 && v <= 9 ? v : -100000;
}

function isFileNameByte(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5f || c === 0x2d;
}

/** Whether `b[i..]` holds the ASCII `text` (bounded by `end`). */
export function bytesAre(b: Uint8Array, i: number, end: number, text: string): boolean {
  if (i + text.length > end) return false;
  for (let k = 0; k < text.length; k++) if (b[i + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** The valid time `[YYYY/MM/DD HH:MM:SS.mmm +HH:MM] ` at `p` (the `[`); same checks as parseUnifiedTimeAt. */
function timeOk(b: Uint8Array, p: number): boolean {
  if (b[p + 5] !== 0x2f || b[p + 8] !== 0x2f || b[p + 11] !== SPACE || b[p + 14] !== COLON || b[p + 17] !== COLON
    || b[p + 20] !== 0x2e || b[p + 24] !== SPACE || b[p + 28] !== COLON || b[p + 31] !== RBRACKET || b[p + 32] !== SPACE) return false;
  const sign = b[p + 25];
  if (sign !== 0x2b && sign !== 0x2d) return false;
  const year = d(b, p + 1) * 1000 + d(b, p + 2) * 100 + d(b, p + 3) * 10 + d(b, p + 4);
  const month = d(b, p + 6) * 10 + d(b, p + 7);
  const day = d(b, p + 9) * 10 + d(b, p + 10);
  const hour = d(b, p + 12) * 10 + d(b, p + 13);
  const minute = d(b, p + 15) * 10 + d(b, p + 16);
  const second = d(b, p + 18) * 10 + d(b, p + 19);
  const ms = d(b, p + 21) * 100 + d(b, p + 22) * 10 + d(b, p + 23);
  const oh = d(b, p + 26) * 10 + d(b, p + 27);
  const om = d(b, p + 29) * 10 + d(b, p + 30);
  // A non-digit makes its part hugely negative, so one sign test covers all of them.
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
    || second < 0 || second > 60 || ms < 0 || oh < 0 || oh > 23 || om < 0 || om > 59) return false;
  return day <= daysInMonth(year, month);
}

const LEVELS = ['INFO] [', 'WARN] [', 'ERROR] [', 'DEBUG] [', 'FATAL] [', 'TRACE] ['];

/**
 * For the line in `bytes[start, end)` (no `\n`): the byte index where the message text starts (after its
 * `[`, and after the opening `"` when quoted) if the line is a plain unified line
 * `[YYYY/MM/DD HH:MM:SS.mmm +HH:MM] [LEVEL] [source] [` (or ` [LEVEL] [source] [`); -1 when it cannot vouch.
 */
export function quickUnifiedHeader(bytes: Uint8Array, start: number, end: number): number {
  let p = start;
  if (bytes[p] === LBRACKET) {
    if (end - p < 40 || !timeOk(bytes, p)) return -1;
    p += 33;
  } else if (bytes[p] === SPACE && p + 1 < end) {
    p += 1;
  } else {
    return -1;
  }
  if (p >= end || bytes[p] !== LBRACKET) return -1;
  p++;
  let level = -1;
  switch (bytes[p]) {
    case 0x49: level = 0; break; // I
    case 0x57: level = 1; break; // W
    case 0x45: level = 2; break; // E
    case 0x44: level = 3; break; // D
    case 0x46: level = 4; break; // F
    case 0x54: level = 5; break; // T
    default: return -1;
  }
  const lv = LEVELS[level];
  if (!bytesAre(bytes, p, end, lv)) return -1;
  p += lv.length;
  if (bytesAre(bytes, p, end, '<unknown>] [')) {
    p += 12;
  } else {
    const file = p;
    while (p < end && isFileNameByte(bytes[p])) p++;
    if (p === file || p >= end || bytes[p] !== COLON) return -1;
    const digits = ++p;
    while (p < end && bytes[p] >= 0x30 && bytes[p] <= 0x39) p++;
    if (p === digits || !bytesAre(bytes, p, end, '] [')) return -1;
    p += 3;
  }
  if (p < end && bytes[p] === QUOTE) {
    // `[""…` is a hand-edited doubled quote: the recovered message would not start here.
    if (p + 1 < end && bytes[p + 1] === QUOTE) return -1;
    return p + 1;
  }
  return p;
}
