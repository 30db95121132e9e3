// The JSON log format (`log.format = "json"`): one object per line. A small validating scanner instead of
// JSON.parse, because values must keep their source text (u64 TSOs such as 445566778899001122 do not survive
// a trip through a double) and their columns.

import type { Field } from '../record';
import type { EntryParts, NotEntry } from './entryParts';
import { escapeLength, unescapeRange } from './jsonString';
import { unifiedLevel } from './levels';
import { parseTimestamp } from './timestamp';
import { excerpt } from './unifiedRecovery';

export interface JsonMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly kind: 'string' | 'number' | 'literal' | 'object' | 'array';
  /** Unescaped for strings; the source text for everything else. */
  readonly value: string;
  /** The value's characters in the line: inside the quotes for a string. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface JsonError {
  readonly error: string;
  readonly at: number;
}

/** Nested objects and arrays deeper than this are rejected: recursion must stay bounded on hostile lines. */
const MAX_DEPTH = 64;

class Fail {
  constructor(readonly error: string, readonly at: number) {}
}

function ws(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return i;
    i++;
  }
}

/** Whether the last string skipString passed over held an escape (module scratch: no allocation per string). */
let lastEscaped = false;

/** Index after the closing quote of the string whose opening quote is at `i`. */
function skipString(s: string, i: number): number {
  const n = s.length;
  let j = i + 1;
  lastEscaped = false;
  for (;;) {
    if (j >= n) throw new Fail('unterminated string', i);
    const c = s.charCodeAt(j);
    if (c === 34) return j + 1;
    if (c === 92) {
      const len = escapeLength(s, j, n);
      if (len === 0) throw new Fail('invalid escape', j);
      lastEscaped = true;
      j += len;
    } else if (c < 32) {
      throw new Fail('control character in string', j);
    } else {
      j++;
    }
  }
}

const LITERALS = ['true', 'false', 'null'];
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Index after the value at `i` (which is not whitespace). */
function skipValue(s: string, i: number, depth: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    if (depth >= MAX_DEPTH) throw new Fail('nested too deep', i);
    const close = c === 123 ? 125 : 93;
    let j = ws(s, i + 1);
    if (s.charCodeAt(j) === close) return j + 1;
    for (;;) {
      if (c === 123) {
        if (s.charCodeAt(j) !== 34) throw new Fail('expected a key', j);
        j = ws(s, skipString(s, j));
        if (s.charCodeAt(j) !== 58) throw new Fail("expected ':'", j);
        j = ws(s, j + 1);
      }
      j = ws(s, skipValue(s, j, depth + 1));
      const d = s.charCodeAt(j);
      if (d === close) return j + 1;
      if (d !== 44) throw new Fail(`expected ',' or '${String.fromCharCode(close)}'`, j);
      j = ws(s, j + 1);
    }
  }
  for (const lit of LITERALS) if (s.startsWith(lit, i)) return i + lit.length;
  NUMBER.lastIndex = i;
  if (NUMBER.test(s)) return NUMBER.lastIndex;
  throw new Fail('expected a value', i);
}

function kindOf(c: number): JsonMember['kind'] {
  if (c === 34) return 'string';
  if (c === 123) return 'object';
  if (c === 91) return 'array';
  return c === 116 || c === 102 || c === 110 ? 'literal' : 'number';
}

/** The members of the JSON object that is the whole of `s`, in written order, or where it is not JSON. */
export function scanJsonObject(s: string): JsonMember[] | JsonError {
  const members: JsonMember[] = [];
  try {
    let i = ws(s, 0);
    if (s.charCodeAt(i) !== 123) throw new Fail("expected '{'", i);
    i = ws(s, i + 1);
    if (s.charCodeAt(i) === 125) {
      i++;
    } else {
      for (;;) {
        if (s.charCodeAt(i) !== 34) throw new Fail('expected a key', i);
        const keyStart = i + 1;
        const keyEnd = skipString(s, i) - 1;
        const key = lastEscaped ? unescapeRange(s, keyStart, keyEnd).text : s.slice(keyStart, keyEnd);
        i = ws(s, keyEnd + 1);
        if (s.charCodeAt(i) !== 58) throw new Fail("expected ':'", i);
        const v = ws(s, i + 1);
        const ve = skipValue(s, v, 1);
        const kind = kindOf(s.charCodeAt(v));
        members.push(kind === 'string'
          ? { key, keyStart, keyEnd, kind, value: lastEscaped ? unescapeRange(s, v + 1, ve - 1).text : s.slice(v + 1, ve - 1), valueStart: v + 1, valueEnd: ve - 1 }
          : { key, keyStart, keyEnd, kind, value: s.slice(v, ve), valueStart: v, valueEnd: ve });
        i = ws(s, ve);
        const d = s.charCodeAt(i);
        if (d === 125) { i++; break; }
        if (d !== 44) throw new Fail("expected ',' or '}'", i);
        i = ws(s, i + 1);
      }
    }
    i = ws(s, i);
    if (i < s.length) throw new Fail('text after the object', i);
  } catch (e) {
    if (e instanceof Fail) return { error: e.error, at: e.at };
    throw e;
  }
  return members;
}

/** A Docker json-file record (`{"log":"…\n","stream":"stderr","time":"…"}`): the log line it wraps. */
export interface DockerWrapped {
  readonly dockerLog: string;
}

function member(members: JsonMember[], key: string): JsonMember | undefined {
  for (const m of members) if (m.key === key) return m;
  return undefined;
}

/**
 * The entry of a JSON-format line; a Docker wrapper to unwrap; or why it is not an entry. Fixed keys are
 * matched by name because TiKV does not keep their order (tikv/tikv#14012 writes level, caller, message, time).
 */
export function parseJsonLine(s: string, base: number): EntryParts | NotEntry | DockerWrapped {
  const members = scanJsonObject(s);
  if (!Array.isArray(members)) {
    return { reason: 'bad-json', detail: `${members.error} at column ${members.at + base}` };
  }
  const levelM = member(members, 'level');
  const log = member(members, 'log');
  if (levelM === undefined && log !== undefined && log.kind === 'string') {
    let inner = log.value;
    if (inner.endsWith('\n')) inner = inner.slice(0, -1);
    if (inner.endsWith('\r')) inner = inner.slice(0, -1);
    return { dockerLog: inner };
  }
  if (levelM === undefined) return { reason: 'no-header', detail: 'JSON object without a "level" key' };
  const level = levelM.kind === 'string' ? unifiedLevel(levelM.value) : null;
  if (level === null) return { reason: 'bad-level', detail: `${excerpt(levelM.value)} is not one of FATAL, ERROR, WARN, INFO, DEBUG, TRACE` };

  const timeM = member(members, 'time');
  let time = '';
  let ts: number | null = null;
  if (timeM !== undefined) {
    time = timeM.value;
    ts = timeM.kind === 'string' ? parseTimestamp(time) : null;
    if (ts === null) return { reason: 'bad-timestamp', detail: `${excerpt(time)} is not a time like 2023/07/30 23:37:09.829 +08:00` };
  }
  const callerM = member(members, 'caller');
  const messageM = member(members, 'message') ?? member(members, 'msg');
  const fields: Field[] = [];
  for (const m of members) {
    if (m === levelM || m === timeM || m === callerM || m === messageM) continue;
    fields.push({ key: m.key, value: m.value, keyRange: [m.keyStart + base, m.keyEnd + base], valueRange: [m.valueStart + base, m.valueEnd + base] });
  }
  return {
    time,
    ts,
    level,
    source: callerM === undefined ? '<unknown>' : callerM.value,
    message: messageM === undefined ? '' : messageM.value,
    messageRange: messageM === undefined ? undefined : [messageM.valueStart + base, messageM.valueEnd + base],
    fields,
    damage: messageM === undefined ? 'JSON object without a "message" key' : undefined,
  };
}
