// A range's events as they cross from a scan worker to the analysing thread. Structured clone rebuilds every
// event object property by property, and in an election storm that was a sixth of the analysing thread's time
// (plus the garbage): role changes, most of the events, travel instead as columns (typed arrays, moved without a
// copy) and one joined string, and are rebuilt with object literals on the other side. Other events, a few
// percent, still travel as objects. Order is kept: `kinds` says, event by event, which of the two comes next.
import type { DomainEvent, RaftRole, RoleChangeEvent } from '../core/events';
import type { Draft } from '../core/events/fields';

const ROLES: readonly RaftRole[] = ['follower', 'pre-candidate', 'candidate', 'leader'];
const ROLE_CODE: Readonly<Record<RaftRole, number>> = { follower: 0, 'pre-candidate': 1, candidate: 2, leader: 3 };
/** Bits of `optional`: which of a role change's optional strings follow its region and term in `text`. */
const PEER = 1, FROM_ROLE = 2, STORE_HINT = 4;
const SEP = '\u0000';
const OBJECT = 0, ROLE = 1;

export interface EventBatch {
  readonly count: number;
  /** Per event, in log order: OBJECT (the next of `objects`) or ROLE (the next row of the columns). */
  readonly kinds: Uint8Array;
  readonly objects: DomainEvent[];
  readonly lines: Float64Array;
  /** NaN for a line without a time. */
  readonly ts: Float64Array;
  readonly roles: Uint8Array;
  /** PEER | FROM_ROLE | STORE_HINT: the optional strings each role change has (most have a peer and nothing else). */
  readonly optional: Uint8Array;
  /**
   * regionId, term, then the present ones of peerId, fromRole, storeHint, of each role change, joined by NUL: one
   * string to copy across, split once on the other side (absent ones cost nothing, and splitting is per string).
   */
  readonly text: string;
}

/** Collects a range's events in order; `batch()` gives the transferable form. */
export class EventBatchWriter {
  private kinds = new Uint8Array(1024);
  private lines = new Float64Array(256);
  private ts = new Float64Array(256);
  private roles = new Uint8Array(256);
  private optional = new Uint8Array(256);
  private readonly objects: DomainEvent[] = [];
  private readonly text: string[] = [];
  private count = 0;
  private roleCount = 0;

  add(ev: DomainEvent): void {
    if (this.count === this.kinds.length) this.kinds = grow(this.kinds, new Uint8Array(this.count * 2));
    if (ev.type !== 'role-change') {
      this.kinds[this.count++] = OBJECT;
      this.objects.push(ev);
      return;
    }
    const r = this.roleCount++;
    if (r === this.lines.length) {
      this.lines = grow(this.lines, new Float64Array(r * 2));
      this.ts = grow(this.ts, new Float64Array(r * 2));
      this.roles = grow(this.roles, new Uint8Array(r * 2));
      this.optional = grow(this.optional, new Uint8Array(r * 2));
    }
    this.kinds[this.count++] = ROLE;
    this.lines[r] = ev.line;
    this.ts[r] = ev.ts ?? Number.NaN;
    this.roles[r] = ROLE_CODE[ev.role];
    this.text.push(ev.regionId, ev.term);
    let optional = 0;
    if (ev.peerId !== undefined) { optional |= PEER; this.text.push(ev.peerId); }
    if (ev.fromRole !== undefined) { optional |= FROM_ROLE; this.text.push(ev.fromRole); }
    if (ev.storeHint !== undefined) { optional |= STORE_HINT; this.text.push(ev.storeHint); }
    this.optional[r] = optional;
  }

  batch(): EventBatch {
    return {
      count: this.count,
      kinds: this.kinds.slice(0, this.count),
      objects: this.objects,
      lines: this.lines.slice(0, this.roleCount),
      ts: this.ts.slice(0, this.roleCount),
      roles: this.roles.slice(0, this.roleCount),
      optional: this.optional.slice(0, this.roleCount),
      text: this.text.join(SEP),
    };
  }
}

/** The buffers `postMessage` can move instead of copying. */
export function transferables(b: EventBatch): ArrayBuffer[] {
  return [b.kinds.buffer, b.lines.buffer, b.ts.buffer, b.roles.buffer, b.optional.buffer] as ArrayBuffer[];
}

/**
 * Calls `onEvent` for each event of the batch in log order, with lines moved by `lineOffset` (a range counts its
 * lines from 1) and role changes rebuilt for file `file`.
 */
export function forEachEvent(b: EventBatch, file: number, lineOffset: number, onEvent: (ev: DomainEvent) => void): void {
  const text = b.text.length === 0 ? [] : b.text.split(SEP);
  let o = 0;
  let r = 0;
  let t = 0;
  for (let i = 0; i < b.count; i++) {
    if (b.kinds[i] === OBJECT) {
      const ev = b.objects[o++];
      (ev as { line: number }).line += lineOffset;
      onEvent(ev);
      continue;
    }
    const ts = b.ts[r];
    const ev: Draft<RoleChangeEvent> = {
      file, line: b.lines[r] + lineOffset, ts: Number.isNaN(ts) ? null : ts, type: 'role-change', regionId: text[t++], role: ROLES[b.roles[r]], term: text[t++],
    };
    const optional = b.optional[r];
    if ((optional & PEER) !== 0) ev.peerId = text[t++];
    if ((optional & FROM_ROLE) !== 0) ev.fromRole = text[t++];
    if ((optional & STORE_HINT) !== 0) ev.storeHint = text[t++];
    r++;
    onEvent(ev);
  }
}

function grow<T extends Uint8Array | Float64Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
