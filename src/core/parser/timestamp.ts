// Timestamps as TiKV writes them (chrono `%Y/%m/%d %H:%M:%S%.3f %:z`), turned into epoch milliseconds with
// plain arithmetic: Date string parsing is implementation-defined and reads zone-less times as local time.

const C0 = 48; // '0'

// Date.UTC maps years 0..99 to 1900..1999; shifting by 400 years (exactly 146097 days) sidesteps that.
const MS_PER_400_YEARS = 146097 * 86400000;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Epoch ms from validated parts; null when a part is out of range. */
export function epochMs(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
  offsetMinutes: number,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // chrono prints a leap second as :60, so it is a valid time of day.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const utc = year < 100
    ? Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - MS_PER_400_YEARS
    : Date.UTC(year, month - 1, day, hour, minute, second, ms);
  return utc - offsetMinutes * 60000;
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - C0;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The number made of `n` digits at `i`, or -1 if one of them is not a digit. */
export function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Length of the exact unified layout `YYYY/MM/DD HH:MM:SS.mmm +HH:MM`. */
export const UNIFIED_TIME_LENGTH = 30;

/**
 * The hot-path reader of the exact unified layout at `at`; null when the text is not exactly that layout or
 * names an impossible date. Kept separate from the lenient reader because it runs on every line.
 */
export function parseUnifiedTimeAt(s: string, at: number): number | null {
  if (s.length < at + UNIFIED_TIME_LENGTH) return null;
  if (s.charCodeAt(at + 4) !== 47 || s.charCodeAt(at + 7) !== 47 || s.charCodeAt(at + 10) !== 32
    || s.charCodeAt(at + 13) !== 58 || s.charCodeAt(at + 16) !== 58 || s.charCodeAt(at + 19) !== 46
    || s.charCodeAt(at + 23) !== 32 || s.charCodeAt(at + 27) !== 58) return null;
  const sign = s.charCodeAt(at + 24);
  if (sign !== 43 && sign !== 45) return null;
  const y = digitsAt(s, at, 4), mo = digitsAt(s, at + 5, 2), d = digitsAt(s, at + 8, 2);
  const h = digitsAt(s, at + 11, 2), mi = digitsAt(s, at + 14, 2), se = digitsAt(s, at + 17, 2);
  const ms = digitsAt(s, at + 20, 3), oh = digitsAt(s, at + 25, 2), om = digitsAt(s, at + 28, 2);
  if ((y | mo | d | h | mi | se | ms | oh | om) < 0 || oh > 23 || om > 59) return null;
  return epochMs(y, mo, d, h, mi, se, ms, (sign === 45 ? -1 : 1) * (oh * 60 + om));
}

// Lenient on purpose: JSON `time`, slog (no zone), hand-edited pastes (`-` dates, `T`, `Z`, 0..9 fraction digits).
const LENIENT = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(?: ?(Z|[+-]\d{2}(?::?\d{2})?))?$/;

/** Minutes east of UTC of a zone the lenient layout matched (`Z`, `+08`, `+0800`, `+08:00`); null when out of range. */
function zoneMinutes(zone: string): number | null {
  if (zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const oh = Number(digits.slice(1, 3));
  const om = digits.length > 3 ? Number(digits.slice(3, 5)) : 0;
  if (oh > 23 || om > 59) return null;
  return (zone.charCodeAt(0) === 45 ? -1 : 1) * (oh * 60 + om);
}

/**
 * Epoch milliseconds of a TiKV timestamp (`2023/07/30 23:37:09.829 +08:00`), with the UTC offset honoured;
 * a zone-less time (the pre-unified formats) is read as UTC. Null when it is not a valid time.
 */
export function parseTimestamp(text: string): number | null {
  if (text.length === UNIFIED_TIME_LENGTH) {
    const fast = parseUnifiedTimeAt(text, 0);
    if (fast !== null) return fast;
  }
  const m = LENIENT.exec(text);
  if (m === null) return null;
  const frac = m[7] === undefined ? 0 : Number((m[7] + '00').slice(0, 3));
  const offset = m[8] === undefined ? 0 : zoneMinutes(m[8]);
  if (offset === null) return null;
  return epochMs(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), frac, offset);
}

/**
 * The UTC offset in minutes a time text names (`+08:00`, `Z`); null when it names none (a zone-less time, read as
 * UTC) or is not a time. Cheap for the unified layout, which is what the line counter asks it about.
 */
export function utcOffsetOf(text: string): number | null {
  if (text.length === UNIFIED_TIME_LENGTH && parseUnifiedTimeAt(text, 0) !== null) {
    return (text.charCodeAt(24) === 45 ? -1 : 1) * (digitsAt(text, 25, 2) * 60 + digitsAt(text, 28, 2));
  }
  const zone = LENIENT.exec(text)?.[8];
  return zone === undefined ? null : zoneMinutes(zone);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * `HH:MM:SS.mmm` of an epoch-ms time on the clock of a log written at `utcOffsetMinutes` (UTC when null): the time
 * of day as the log line printed it, recovered from `ts` so no line has to be read again.
 */
export function clockTime(ts: number, utcOffsetMinutes: number | null): string {
  const local = ts + (utcOffsetMinutes ?? 0) * 60000;
  const dayMs = ((local % 86400000) + 86400000) % 86400000;
  const h = Math.floor(dayMs / 3600000);
  const m = Math.floor(dayMs / 60000) % 60;
  const s = Math.floor(dayMs / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(dayMs % 1000, 3)}`;
}
