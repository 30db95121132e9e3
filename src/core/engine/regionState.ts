// One region on one store: the subscription state machine (absent -> running -> pending), a bounded
// window of recent events for causal chains, and bounded timelines. Nothing here grows with the file:
// repeated lines become counters with first/last positions.
import type { ObserveOpEvent, RoleChangeEvent, SubscriptionEvent } from '../events';
import type { LruNode } from './lru';
import { Ring } from './ring';
import type { RegionView } from './views';
import type {
  PendingSkips,
  ProcessedOp,
  Recorded,
  RegionTimeline,
  RoleSpan,
  SubscriptionSpan,
  SubscriptionState,
  TimedLocation,
} from './types';

export interface RegionLimits {
  /** Recent events kept for chains. The 18243 sequence is ~15 lines per region. */
  readonly window: number;
  readonly roles: number;
  readonly subscription: number;
  readonly ops: number;
}

export const DEFAULT_REGION_LIMITS: RegionLimits = { window: 64, roles: 12, subscription: 12, ops: 16 };

interface SkipCounter {
  count: number;
  first: Recorded;
  last: Recorded;
}

export class RegionState implements RegionView, LruNode {
  lruPrev: LruNode | undefined = undefined;
  lruNext: LruNode | undefined = undefined;
  lruLinked = false;

  readonly window: Ring<Recorded>;
  /** The role-change events themselves (a span is made of one only when a timeline is asked for). */
  readonly roles: Ring<RoleChangeEvent>;
  readonly subscription: Ring<SubscriptionSpan>;
  readonly ops: Ring<ProcessedOp>;

  state: SubscriptionState = 'absent';
  /** The event that made the subscription pending (Inactivating, stale start), if the log shows it. */
  pendingCause: Recorded | undefined;
  /** `pending region, skip resolving` since the region became pending or was last retried. */
  skips: SkipCounter | undefined;
  /** The last refresh that found no subscription, until a later start listens again. */
  refreshAbsent: Recorded | undefined;
  /** The manager's last retry that gave up, until a new attempt or a deregistration supersedes it. */
  retryGivenUp: Recorded | undefined;
  lastStartListen: Recorded | undefined;
  /** A processed Stop made the region absent; its span waits for the tracker line that names the id. */
  private unrecordedAbsent: Recorded | undefined;
  /** Whether the window lost events to the global cap (chains may then be partial). */
  trimmed = false;
  /** Entries held in the window and the timelines, counted as the rings grow: what the engine's global cap counts. */
  held = 0;
  /** This region's place in the engine's region-age list (by last event), which decides what is dropped first. */
  readonly age: AgeNode = new AgeNode(this);

  constructor(
    readonly key: string,
    readonly store: string,
    readonly regionId: string,
    limits: RegionLimits,
  ) {
    this.window = new Ring(limits.window);
    this.roles = new Ring(limits.roles);
    this.subscription = new Ring(limits.subscription);
    this.ops = new Ring(limits.ops);
  }

  /** Apply one event; returns whether it was kept in the window (pending skips are only counted). */
  apply(rec: Recorded): boolean {
    const ev = rec.event;
    switch (ev.type) {
      case 'role-change':
        this.held += this.roles.push(ev);
        // No longer leader here: a refresh that found nothing is not this store's to restart any more.
        if (ev.role !== 'leader') this.refreshAbsent = undefined;
        break;
      case 'observe-op':
        this.onOp(rec, ev);
        break;
      case 'subscription':
        if (ev.what === 'pending-skip') {
          this.onPendingSkip(rec);
          return false;
        }
        this.onSubscription(rec, ev);
        break;
      default:
        break;
    }
    this.held += this.window.push(rec);
    return true;
  }

  private onOp(rec: Recorded, ev: ObserveOpEvent): void {
    const op: { -readonly [K in keyof ProcessedOp]: ProcessedOp[K] } = { op: ev.opName, file: ev.file, line: ev.line, ts: ev.ts };
    if (ev.observeId !== undefined) op.observeId = ev.observeId;
    this.held += this.ops.push(op);
    // A new attempt restarts the "no attempt since" count behind observation-lost.
    if (ev.op === 'Start') {
      this.skips = undefined;
      this.retryGivenUp = undefined;
    }
    // Stop deregisters unconditionally (Destroy when the epoch matches): whatever the tracker lines
    // show next, the region is not this store's to observe any more.
    if (ev.op === 'Stop' || ev.op === 'Destroy') {
      this.refreshAbsent = undefined;
      this.skips = undefined;
      this.pendingCause = undefined;
      this.retryGivenUp = undefined;
      if (this.state !== 'absent') {
        // The tracker's own line (stop listen / remove pending) usually follows and names the id; the
        // span is recorded there, or at this op's line if that line never comes.
        this.state = 'absent';
        this.unrecordedAbsent = rec;
      }
    }
  }

  private onPendingSkip(rec: Recorded): void {
    // The log may start mid-way: a skip proves the region is pending even without the transition.
    if (this.state !== 'pending') this.transition('pending', rec, undefined);
    if (this.skips === undefined) this.skips = { count: 1, first: rec, last: rec };
    else {
      this.skips.count++;
      this.skips.last = rec;
    }
  }

  private onSubscription(rec: Recorded, ev: SubscriptionEvent): void {
    switch (ev.what) {
      case 'start-listen':
        this.transition('running', rec, ev.observeId);
        this.pendingCause = undefined;
        this.skips = undefined;
        this.refreshAbsent = undefined;
        this.retryGivenUp = undefined;
        this.lastStartListen = rec;
        break;
      case 'stop-listen':
      case 'remove-pending':
        if (this.state !== 'absent' || this.unrecordedAbsent !== undefined) {
          this.unrecordedAbsent = undefined;
          this.transition('absent', rec, ev.observeId);
        }
        this.pendingCause = undefined;
        this.skips = undefined;
        this.retryGivenUp = undefined;
        break;
      case 'inactivate':
      case 'stale-start':
      case 'refresh-failed': // the refresh re-added the region as pending before the step that failed
        this.transition('pending', rec, ev.observeId);
        this.pendingCause = rec;
        this.skips = undefined;
        this.retryGivenUp = undefined;
        break;
      case 'retry-given-up':
        // Not an attempt: the skips that follow are exactly what it leaves behind, so they keep counting.
        this.retryGivenUp = rec;
        break;
      case 'refresh-absent':
        this.refreshAbsent = rec;
        break;
      case 'retry':
      case 'start-failed':
        this.skips = undefined;
        this.retryGivenUp = undefined;
        break;
      default:
        break;
    }
  }

  private transition(state: SubscriptionState, rec: Recorded, observeId: string | undefined): void {
    if (this.unrecordedAbsent !== undefined) {
      const stop = this.unrecordedAbsent;
      this.unrecordedAbsent = undefined;
      this.held += this.subscription.push({ state: 'absent', ...loc(stop) });
    }
    this.state = state;
    const span: { -readonly [K in keyof SubscriptionSpan]: SubscriptionSpan[K] } = { state, ...loc(rec) };
    if (observeId !== undefined) span.observeId = observeId;
    this.held += this.subscription.push(span);
  }

  get pendingSkips(): PendingSkips | undefined {
    const s = this.skips;
    if (s === undefined) return undefined;
    return { count: s.count, first: loc(s.first), last: loc(s.last) };
  }

  events(): Recorded[] {
    return this.window.toArray();
  }

  /**
   * Whether dropping this region whole loses nothing a rule still needs: it is not pending and holds no refresh or
   * retry waiting for an outcome. A dropped region seen again starts absent, which is all such a region can show.
   */
  get droppable(): boolean {
    return this.state !== 'pending' && this.refreshAbsent === undefined && this.retryGivenUp === undefined && this.skips === undefined;
  }

  /**
   * Let go of the window and the timelines (memory cap): the state machine, the pending cause and counters stay, and
   * each timeline counts what it lost. Under an election storm over 50,000 regions the timelines, not the windows,
   * were what grew with the file until the heap bound failed the analysis.
   */
  trimHeld(): number {
    this.trimmed = true;
    const cleared = this.window.clear() + this.roles.clear() + this.subscription.clear() + this.ops.clear();
    this.held = 0;
    return cleared;
  }

  timeline(): RegionTimeline {
    return {
      store: this.store,
      regionId: this.regionId,
      roles: this.roles.toArray().map(roleSpan),
      subscription: this.unrecordedAbsent === undefined
        ? this.subscription.toArray()
        : [...this.subscription.toArray(), { state: 'absent', ...loc(this.unrecordedAbsent) }],
      state: this.state,
      ops: this.ops.toArray(),
      ...(this.skips !== undefined ? { pendingSkips: this.pendingSkips } : {}),
      dropped: { roles: this.roles.dropped, subscription: this.subscription.dropped, ops: this.ops.dropped },
    };
  }
}

/** A region in the age list: a separate node, since the region itself is already linked in the window list. */
export class AgeNode implements LruNode {
  lruPrev: LruNode | undefined = undefined;
  lruNext: LruNode | undefined = undefined;
  lruLinked = false;

  constructor(readonly region: RegionState) {}
}

function roleSpan(ev: RoleChangeEvent): RoleSpan {
  return { term: ev.term, role: ev.role, file: ev.file, line: ev.line, ts: ev.ts };
}

export function loc(rec: Recorded): TimedLocation {
  return { file: rec.event.file, line: rec.event.line, ts: rec.event.ts };
}
