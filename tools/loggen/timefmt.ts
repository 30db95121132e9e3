// TiKV's timestamp, chrono `%Y/%m/%d %H:%M:%S%.3f %:z` in the server's local zone, e.g.
// `2026/06/03 15:42:37.123 +08:00`. Formatting a Date per line is the generator's hottest path, so the
// part up to the second is cached and only the milliseconds are appended.

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

const MS3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `+08:00` style text for an offset in minutes east of UTC. */
export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Parses `+08:00`, `-07:00`, `+05:30` or `Z`. */
export function parseOffset(text: string): number {
  if (text === 'Z' || text === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) throw new Error(`bad UTC offset "${text}" (expected e.g. +08:00)`);
  const v = Number(m[2]) * 60 + Number(m[3]);
  if (v > 14 * 60) throw new Error(`UTC offset out of range: ${text}`);
  return m[1] === '-' ? -v : v;
}

export class TimestampFormatter {
  private cachedSecond = Number.NaN;
  private cachedPrefix = '';
  private readonly zone: string;

  constructor(private readonly offsetMin: number) {
    this.zone = ' ' + formatOffset(offsetMin);
  }

  /** The text form of an instant given in epoch milliseconds (UTC). */
  format(utcMs: number): string {
    const local = utcMs + this.offsetMin * 60_000;
    const second = Math.floor(local / 1000);
    if (second !== this.cachedSecond) {
      const d = new Date(second * 1000);
      this.cachedSecond = second;
      this.cachedPrefix =
        `${d.getUTCFullYear()}/${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())} ` +
        `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}.`;
    }
    return this.cachedPrefix + MS3[local - second * 1000] + this.zone;
  }
}
