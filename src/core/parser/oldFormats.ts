// Formats older than the unified one, still met in old issues and long-lived clusters:
//   TiKV 2.x / 3.0 slog:  2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6
//   TiKV 1.x:             2018/02/24 16:25:56.782 raft.rs:732: [INFO] [region 76] 77 became follower at term 7
// The `[region R] P ` prefix becomes the fields region_id/peer_id so that the event extractor sees the same
// message text (`became follower at term 6`) and the same keys as in modern logs.

import type { Field, LogFormat } from '../record';
import type { EntryParts, NotEntry } from './entryParts';
import { oldLevel } from './levels';
import { parseTimestamp } from './timestamp';
import { excerpt } from './unifiedRecovery';

/** Date and time at the start of the line, then the next word (slog level, or 1.x source). */
const HEAD = /^(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?) (\S+)(?: |$)/;
const SOURCE = /^(\S+:\d+):(?: |$)/;
const LEGACY_LEVEL = /^\[([A-Za-z]+)\](?: |$)/;
const REGION_PREFIX = /^\[region (\d+)\] (?:(\d+) )?/;
/** `, key: ` at bracket depth 0 starts a slog key-value suffix. */
const SUFFIX_KEY = /^, ([A-Za-z_][A-Za-z0-9_.-]{0,40}): /;

export interface OldEntry extends EntryParts {
  readonly format: Extract<LogFormat, 'slog' | 'legacy'>;
}

/** Whether the line starts like the old formats (a date and a time): its failures are then worth naming. */
export function looksOld(s: string): boolean {
  return HEAD.test(s);
}

/** Splits `msg, k1: v1, k2: v2` at top-level `, key: ` (best effort: slog wrote values unquoted). */
function splitSuffix(s: string, from: number, to: number, base: number, fields: Field[]): number {
  let depth = 0;
  const cuts: { at: number; keyStart: number; keyEnd: number }[] = [];
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    else if (c === 44 && depth === 0 && s.charCodeAt(i + 1) === 32) {
      const m = SUFFIX_KEY.exec(s.slice(i, Math.min(to, i + 48)));
      if (m !== null) cuts.push({ at: i, keyStart: i + 2, keyEnd: i + 2 + m[1].length });
    }
  }
  if (cuts.length === 0) return to;
  for (let k = 0; k < cuts.length; k++) {
    const c = cuts[k];
    const vs = c.keyEnd + 2;
    const ve = k + 1 < cuts.length ? cuts[k + 1].at : to;
    fields.push({ key: s.slice(c.keyStart, c.keyEnd), value: s.slice(vs, ve), keyRange: [c.keyStart + base, c.keyEnd + base], valueRange: [vs + base, ve + base] });
  }
  return cuts[0].at;
}

/** The entry of a slog or 1.x line; why it is not one when it starts like one; null when it does not. */
export function parseOldLine(s: string, base: number): OldEntry | NotEntry | null {
  const head = HEAD.exec(s);
  if (head === null) return null;
  const time = head[1];
  const ts = parseTimestamp(time);
  if (ts === null) return { reason: 'bad-timestamp', detail: `${excerpt(time)} is not a valid date and time` };
  let p = head[0].length;
  const word = head[2];
  let format: OldEntry['format'];
  let levelText: string;
  let source: string;
  if (word.endsWith(':') && SOURCE.test(head[2] + ' ')) {
    // 1.x: the source comes first and the level follows in brackets.
    format = 'legacy';
    source = word.slice(0, -1);
    const lv = LEGACY_LEVEL.exec(s.slice(p, p + 12));
    if (lv === null) return { reason: 'bad-level', detail: `expected [LEVEL] after ${excerpt(source)}` };
    levelText = lv[1];
    p += lv[0].length;
  } else {
    format = 'slog';
    levelText = word;
    if (oldLevel(levelText) === null) {
      return { reason: 'bad-level', detail: `${excerpt(levelText)} is not one of INFO, WARN, ERRO, CRIT, DEBG, TRCE` };
    }
    const src = SOURCE.exec(s.slice(p, p + 300));
    if (src === null) return { reason: 'no-header', detail: 'expected file:line: after the level' };
    source = src[1];
    p += src[0].length;
  }
  const level = oldLevel(levelText);
  if (level === null) return { reason: 'bad-level', detail: `${excerpt(levelText)} is not a log level` };

  const fields: Field[] = [];
  const region = REGION_PREFIX.exec(s.slice(p, p + 48));
  if (region !== null) {
    const rs = p + 8;
    fields.push({ key: 'region_id', value: region[1], keyRange: [p + 1 + base, p + 7 + base], valueRange: [rs + base, rs + region[1].length + base] });
    if (region[2] !== undefined) {
      const ps = rs + region[1].length + 2;
      fields.push({ key: 'peer_id', value: region[2], valueRange: [ps + base, ps + region[2].length + base] });
    }
    p += region[0].length;
  }
  const end = splitSuffix(s, p, s.length, base, fields);
  return { format, time, ts, level, source, message: s.slice(p, end), messageRange: [p + base, end + base], fields, damage: undefined };
}
