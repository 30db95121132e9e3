// Turns what the chevrotain grammar found (positions) into an entry with text, ranges and a damage reason,
// or into the reason the line is not an entry. Only lines the fast scanner rejected come here.

import type { Field, Level } from '../record';
import type { EntryParts, NotEntry } from './entryParts';
import { unescapeRange } from './jsonString';
import { unifiedLevel } from './levels';
import { parseTimestamp, parseUnifiedTimeAt } from './timestamp';
import { parseShape, type LineShape, type Part } from './unifiedGrammar';
import { unifiedLexer } from './tokens';

/** Short, printable excerpt of untrusted text for a detail or damage message. */
export function excerpt(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? text.slice(0, max) + '…' : text);
}

/** TiKV quotes a string when it holds one of these; a raw part holding one was edited by hand. */
function needsQuoting(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 61 || c === 91 || c === 93) return true;
  }
  return false;
}

function hasControl(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (s.charCodeAt(i) < 32) return true;
  return false;
}

interface Text {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function partText(s: string, part: Part, what: string, damage: string[]): Text {
  let { start, end } = part;
  if (part.how === 'raw') {
    if (needsQuoting(s, start, end)) damage.push(`${what} has spaces or brackets but no quotes`);
    return { text: s.slice(start, end), start, end };
  }
  if (part.how === 'unclosed-quote') damage.push(`${what} has no closing quote`);
  if (part.how === 'unescaped-quote') damage.push(`${what} has an unescaped quote inside`);
  // Hand edits that doubled the quotes (`""text""`) leave the inner pair inside the recovered string.
  if (part.how !== 'quoted' && end - start >= 2 && s.charCodeAt(start) === 34 && s.charCodeAt(end - 1) === 34) {
    start++;
    end--;
  }
  const u = unescapeRange(s, start, end);
  if (u.invalid) damage.push(`${what} has an invalid escape`);
  if (hasControl(s, start, end)) damage.push(`${what} has raw control characters`);
  return { text: u.text, start, end };
}

interface Header {
  readonly ts: number | null;
  readonly time: string;
  readonly level: Level;
  readonly source: string;
}

function classifyHeader(s: string, shape: LineShape): NotEntry | Header {
  let ts: number | null = null;
  let time = '';
  const levelText = shape.level === undefined ? undefined : s.slice(shape.level.start, shape.level.end);
  const level = levelText === undefined ? null : unifiedLevel(levelText);
  if (shape.time !== undefined) {
    time = s.slice(shape.time.start, shape.time.end);
    ts = parseTimestamp(time);
    if (ts === null) {
      const dateLike = time.charCodeAt(0) >= 48 && time.charCodeAt(0) <= 57;
      if (dateLike || level !== null) {
        return { reason: 'bad-timestamp', detail: `${excerpt(time)} is not a time like 2023/07/30 23:37:09.829 +08:00` };
      }
      return { reason: 'no-header', detail: `line starts with ${excerpt(time)} in brackets, not a log time` };
    }
  }
  if (levelText === undefined) {
    return { reason: 'no-header', detail: shape.time === undefined ? 'expected [LEVEL] after the leading space' : 'expected [LEVEL] after the time' };
  }
  if (level === null) {
    // Without a time, only a complete header makes ` [x] ...` look like a log line rather than stray text.
    if (shape.time !== undefined || shape.headerDone) {
      return { reason: 'bad-level', detail: `${excerpt(levelText)} is not one of FATAL, ERROR, WARN, INFO, DEBUG, TRACE` };
    }
    return { reason: 'no-header', detail: 'text in brackets where a log level was expected' };
  }
  if (!shape.headerDone || shape.headerErrors > 0 || shape.source === undefined || shape.source.end <= shape.source.start) {
    return { reason: 'no-header', detail: 'expected [source] (file.rs:line) after the level' };
  }
  return { ts, time, level, source: s.slice(shape.source.start, shape.source.end) };
}

/** The entry the grammar recovers from a unified-looking line, or why the line is not one. */
export function recoverUnified(s: string, base: number): EntryParts | NotEntry {
  const { tokens } = unifiedLexer().tokenize(s);
  const { shape } = parseShape(tokens);
  const header = classifyHeader(s, shape);
  if ('reason' in header) return header;
  const damage: string[] = [];
  if (header.time !== '' && parseUnifiedTimeAt(header.time, 0) === null) damage.push('time is not in the YYYY/MM/DD HH:MM:SS.mmm +HH:MM layout');
  if (shape.missingHeaderSpace) damage.push('missing space between header items');

  let message = '';
  let messageRange: readonly [number, number] | undefined;
  if (shape.message === undefined) {
    damage.push('no message item');
  } else {
    const t = partText(s, shape.message, 'message', damage);
    message = t.text;
    messageRange = [t.start + base, t.end + base];
    if (shape.messageBare) damage.push('message is not in brackets');
    else if (!shape.messageClosed) damage.push('message item has no closing ]');
  }

  const fields: Field[] = [];
  for (const f of shape.fields) {
    if (f.value === undefined) {
      const t = partText(s, f.key, 'item', damage);
      damage.push(`item ${excerpt(t.text, 20)} has no '=', kept as a field with an empty key`);
      fields.push({ key: '', value: t.text, valueRange: [t.start + base, t.end + base] });
    } else {
      const k = partText(s, f.key, 'key', damage);
      const v = partText(s, f.value, `value of ${excerpt(k.text, 30)}`, damage);
      fields.push({ key: k.text, value: v.text, keyRange: [k.start + base, k.end + base], valueRange: [v.start + base, v.end + base] });
      if (!f.closed) damage.push(`item ${excerpt(k.text, 30)} has no closing ]`);
    }
    if (f.missingSpace) damage.push('missing space between items');
  }
  for (const st of shape.strays) damage.push(`text outside brackets at column ${st.start + base}: ${excerpt(s.slice(st.start, st.end))}`);

  return {
    time: header.time,
    ts: header.ts,
    level: header.level,
    source: header.source,
    message,
    messageRange,
    fields,
    damage: damage.length === 0 ? undefined : [...new Set(damage)].join('; '),
    ...(shape.markdownUrl === undefined ? {} : { markdownLink: true }),
  };
}
