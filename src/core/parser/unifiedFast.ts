// The hot path: a hand-written scanner that accepts exactly the canonical unified lines TiKV writes (also as
// pasted with the time stripped or the level in another case, which lose nothing) and gives up (null) on
// anything else, leaving it to the chevrotain grammar (unifiedGrammar.ts). Because it only
// has to be right on canonical lines it needs no recovery logic, which is what makes it fast: one pass of
// charCodeAt, no regex, no tokens. The differential property test pins it to the grammar.

import type { Field, Level } from '../record';
import type { EntryParts } from './entryParts';
import { escapeLength, unescapeRange } from './jsonString';
import { unifiedLevel } from './levels';
import { parseUnifiedTimeAt, UNIFIED_TIME_LENGTH } from './timestamp';

const SPACE = 32, QUOTE = 34, EQUALS = 61, LBRACKET = 91, RBRACKET = 93, BACKSLASH = 92, COLON = 58;

/** `[A-Za-z0-9._-]`: the only characters TiKV keeps in a source file name. */
export function isFileNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45;
}

/**
 * The level written as `[LEVEL] [` at `i`, or null; `levelEnd` is then the index after that `] [`. TiKV's
 * own upper-case names are matched first, without allocating; pasted spellings (`[Error]`, `[warning]`) are
 * read by unifiedLevel, which normalises them.
 */
function levelAt(s: string, i: number): Level | null {
  if (s.charCodeAt(i) !== LBRACKET) return null;
  let level: Level | null;
  switch (s.charCodeAt(i + 1)) {
    case 73: level = s.startsWith('INFO] [', i + 1) ? 'INFO' : null; break;
    case 87: level = s.startsWith('WARN] [', i + 1) ? 'WARN' : null; break;
    case 69: level = s.startsWith('ERROR] [', i + 1) ? 'ERROR' : null; break;
    case 68: level = s.startsWith('DEBUG] [', i + 1) ? 'DEBUG' : null; break;
    case 70: level = s.startsWith('FATAL] [', i + 1) ? 'FATAL' : null; break;
    case 84: level = s.startsWith('TRACE] [', i + 1) ? 'TRACE' : null; break;
    default: level = null;
  }
  if (level !== null) {
    levelEnd = i + level.length + 4; // `[` LEVEL `] [`
    return level;
  }
  // Level names are 4 to 7 letters (WARNING); anything longer is not one.
  let j = i + 1;
  while (j < i + 9 && isLetter(s.charCodeAt(j))) j++;
  if (!s.startsWith('] [', j)) return null;
  levelEnd = j + 3;
  return unifiedLevel(s.slice(i + 1, j));
}

function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Set by levelAt: the index after the `] [` that follows the level. */
let levelEnd = 0;
/** Set by unifiedHeaderEnd: what it accepted (module scratch, like scanString's results). */
let headerTimed = false;
let headerLevel: Level = 'INFO';
let headerSourceStart = 0;

// Results of the last scanString call. Module scratch instead of a returned object: this runs several
// times per line on every line of a large file, and the scanner is not re-entrant anyway.
let strValue = '';
let strStart = 0;
let strEnd = 0;

/**
 * Reads a message, key or value at `i`: a JSON string when it starts with `"`, else a raw run of the bytes
 * TiKV leaves unquoted. Returns the index after it, or -1 when it is not canonical (invalid escape, control
 * character inside quotes, unterminated string).
 */
function scanString(s: string, i: number): number {
  const n = s.length;
  if (s.charCodeAt(i) === QUOTE) {
    const start = i + 1;
    let escaped = false;
    let j = start;
    for (;;) {
      if (j >= n) return -1;
      const c = s.charCodeAt(j);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        const len = escapeLength(s, j, n);
        if (len === 0) return -1;
        escaped = true;
        j += len;
      } else if (c < SPACE) {
        return -1;
      } else {
        j++;
      }
    }
    strStart = start;
    strEnd = j;
    strValue = escaped ? unescapeRange(s, start, j).text : s.slice(start, j);
    return j + 1;
  }
  let j = i;
  while (j < n) {
    const c = s.charCodeAt(j);
    if (c <= SPACE || c === QUOTE || c === EQUALS || c === LBRACKET || c === RBRACKET) break;
    j++;
  }
  strStart = i;
  strEnd = j;
  strValue = s.slice(i, j);
  return j;
}

/**
 * Index just after `[` that opens the message, when `s` starts with a canonical unified header
 * (`[time] [LEVEL] [source] [`, ` [LEVEL] [source] [`, or `[LEVEL] [source] [` as pasted with the time
 * stripped); -1 otherwise. Also used by the too-long path, through unifiedHeaderInfo.
 */
export function unifiedHeaderEnd(s: string): number {
  let level: Level | null;
  // A time starts with a digit and a level with a letter, so trying the level first never misreads a time.
  if (s.charCodeAt(0) === LBRACKET && (level = levelAt(s, 0)) !== null) {
    headerTimed = false;
  } else if (s.charCodeAt(0) === LBRACKET) {
    if (s.charCodeAt(1 + UNIFIED_TIME_LENGTH) !== RBRACKET || s.charCodeAt(2 + UNIFIED_TIME_LENGTH) !== SPACE) return -1;
    headerTimed = true;
    level = levelAt(s, 3 + UNIFIED_TIME_LENGTH);
  } else if (s.charCodeAt(0) === SPACE) {
    headerTimed = false;
    level = levelAt(s, 1);
  } else {
    return -1;
  }
  if (level === null) return -1;
  headerLevel = level;
  const p = levelEnd;
  headerSourceStart = p;
  if (s.startsWith('<unknown>] [', p)) return p + 12;
  let j = p;
  while (isFileNameChar(s.charCodeAt(j))) j++;
  if (j === p || s.charCodeAt(j) !== COLON) return -1;
  const digits = ++j;
  while (s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  if (j === digits || !s.startsWith('] [', j)) return -1;
  return j + 3;
}

/** The header unifiedHeaderEnd accepted last: whether it has a time (at 1), its level, where the source starts. */
export function unifiedHeaderInfo(): { readonly timed: boolean; readonly level: Level; readonly sourceStart: number } {
  return { timed: headerTimed, level: headerLevel, sourceStart: headerSourceStart };
}

/** The entry when `s` (a line without its newline) is a canonical unified line; otherwise null. */
export function scanUnifiedFast(s: string, base: number): EntryParts | null {
  const msgOpen = unifiedHeaderEnd(s);
  if (msgOpen < 0) return null;
  let time = '';
  let ts: number | null = null;
  if (headerTimed) {
    ts = parseUnifiedTimeAt(s, 1);
    if (ts === null) return null;
    time = s.slice(1, 1 + UNIFIED_TIME_LENGTH);
  }
  const level = headerLevel;
  const source = s.slice(headerSourceStart, msgOpen - 3);

  let p = scanString(s, msgOpen);
  if (p < 0 || s.charCodeAt(p) !== RBRACKET) return null;
  const message = strValue;
  const messageRange = [strStart + base, strEnd + base] as const;
  p++;

  // Trailing whitespace (left by some copy tools) is harmless; the grammar accepts it without damage too.
  let n = s.length;
  while (n > p && (s.charCodeAt(n - 1) === SPACE || s.charCodeAt(n - 1) === 9)) n--;
  const fields: Field[] = [];
  while (p < n) {
    if (s.charCodeAt(p) !== SPACE || s.charCodeAt(p + 1) !== LBRACKET) return null;
    p = scanString(s, p + 2);
    if (p < 0 || s.charCodeAt(p) !== EQUALS) return null;
    const key = strValue;
    const keyStart = strStart, keyEnd = strEnd;
    p = scanString(s, p + 1);
    if (p < 0 || s.charCodeAt(p) !== RBRACKET) return null;
    fields.push({ key, value: strValue, keyRange: [keyStart + base, keyEnd + base], valueRange: [strStart + base, strEnd + base] });
    p++;
  }
  return { time, ts, level, source, message, messageRange, fields, damage: undefined };
}
