// Every id a line mentions, with where it stands, for the editor's references, hovers and go-to.
// Independent of relevance: any line with a region_id is worth a reference.
import type { ColumnRange, LogEntry } from '../record';

export type IdKind = 'region' | 'peer' | 'store' | 'observe';

export interface IdMention {
  readonly kind: IdKind;
  readonly value: string;
  /** The field the id is in (`region_id`, `observer`, ...); undefined when it is in the message. */
  readonly field?: string;
  /**
   * Columns of the id's digits in the physical line when they can be computed exactly; otherwise the
   * range of the whole field value (or message) holding it; absent when the parser gave no range.
   */
  readonly range?: ColumnRange;
}

/** Fields whose whole value is one id. */
const ID_FIELDS: Readonly<Record<string, IdKind>> = {
  region_id: 'region',
  'r.id': 'region',
  region: 'region',
  peer_id: 'peer',
  raft_id: 'peer',
  store_id: 'store',
  observe_id: 'observe', // CDC and older TiKV: `[observe_id=N]`, or `[observe_id=ObserveID(N)]` read by the patterns
};

/** Ids inside text values and messages. The capture group is the id (`d`: its indices are needed). */
const TEXT_PATTERNS: readonly { re: RegExp; kind: IdKind }[] = [
  // `ObserveID` (capital D) and `observe_id=N`: CDC's and older TiKV's spellings of the same id.
  { re: /ObserveI[dD]\((\d+)\)/dg, kind: 'observe' },
  { re: /\bobserve_id=(\d+)\b/dg, kind: 'observe' },
  { re: /\(region_id = (\d+)\)/dg, kind: 'region' },
  { re: /\bregion id: (\d+)/dg, kind: 'region' },
  { re: /\bRegion \{ id: (\d+)/dg, kind: 'region' },
  { re: /\bRegionSubscription\((\d+)/dg, kind: 'region' },
  { re: /\binconsistent_region: (\d+)/dg, kind: 'region' },
  { re: /\bregion (\d+)\b/dg, kind: 'region' },
  { re: /\bstore_id: (\d+)/dg, kind: 'store' },
];

/** Fields holding protobuf text of one region: its leading `id: N` is the region id. */
const REGION_PROTO_FIELDS = new Set(['new_region', 'region']);

function escapedLength(s: string): number {
  return JSON.stringify(s).length - 2;
}

/**
 * Map [start, end) in an unescaped value to columns. Values are written raw, or JSON-quoted (the parser's
 * range then covers the inside of the quotes, escapes included): both are checked, anything else is
 * not guessed at.
 */
function columns(range: ColumnRange | undefined, value: string, start: number, end: number): ColumnRange | undefined {
  if (range === undefined) return undefined;
  const [a, b] = range;
  if (b - a === value.length) return [a + start, a + end];
  if (b - a === escapedLength(value)) {
    const s = a + escapedLength(value.slice(0, start));
    return [s, s + escapedLength(value.slice(start, end))];
  }
  return range;
}

const DIGITS = /^\d{1,20}$/;

function scanText(text: string, range: ColumnRange | undefined, fieldName: string | undefined, out: IdMention[]): void {
  if (!/\d/.test(text)) return;
  for (const { re, kind } of TEXT_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.indices?.[1]?.[0] ?? 0;
      push(out, { kind, value: m[1], field: fieldName, range: columns(range, text, start, start + m[1].length) });
    }
  }
  if (fieldName !== undefined && REGION_PROTO_FIELDS.has(fieldName)) {
    const m = /^id: (\d+)/.exec(text);
    if (m) push(out, { kind: 'region', value: m[1], field: fieldName, range: columns(range, text, 4, 4 + m[1].length) });
  }
}

function push(out: IdMention[], m: IdMention): void {
  const key = (x: IdMention) => `${x.kind}:${x.value}:${x.range?.[0] ?? ''}`;
  const k = key(m);
  if (!out.some((x) => key(x) === k)) out.push(m.field === undefined ? { kind: m.kind, value: m.value, range: m.range } : m);
}

export function idsMentioned(entry: LogEntry): IdMention[] {
  const out: IdMention[] = [];
  for (const f of entry.fields) {
    const kind = ID_FIELDS[f.key];
    if (kind !== undefined && DIGITS.test(f.value)) {
      push(out, { kind, value: f.value, field: f.key, range: f.valueRange });
      continue;
    }
    scanText(f.value, f.valueRange, f.key, out);
  }
  scanText(entry.message, entry.messageRange, undefined, out);
  return out;
}
