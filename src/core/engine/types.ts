// The engine's result types. The CLI's JSON is built from these, so the field names are an interface:
// add fields, do not rename them. Files are indices; the caller maps them to paths.
import type { DomainEvent, StaleIds } from '../events';

export type Severity = 'error' | 'warning' | 'info';

export interface Location {
  readonly file: number;
  readonly line: number;
}

/**
 * A line with its time: epoch ms as the parser read it, null when the line had none. Adapters print it on the
 * file's clock (`clockTime` with the file's `LineStats.utcOffset`) instead of reading the line back.
 */
export interface TimedLocation extends Location {
  readonly ts: number | null;
}

/** The part a log line plays in a finding's causal chain. */
export type CauseRole =
  | 'task-registered'
  | 'ranges-registered'
  | 'task-init-error'
  | 'fatal-error'
  | 'task-paused'
  | 'election'
  | 'pre-candidate'
  | 'candidate'
  | 'leader'
  | 'follower'
  | 'start-processed'
  | 'newer-start-processed-first'
  | 'older-start-processed-last'
  | 'stop-processed'
  | 'refresh-processed'
  | 'listen-started'
  | 'listen-stopped'
  | 'start-failed'
  | 'retry'
  | 'retry-given-up'
  | 'refresh-failed'
  | 'stale-error'
  | 'start-result-error'
  | 'inactivated'
  | 'stale-start'
  | 'refresh-absent'
  | 'pending-first'
  | 'pending-last'
  | 'stale-id-seen'
  | 'current-id-seen'
  | 'root-cause';

export interface Cause extends TimedLocation {
  readonly message: string;
  readonly role: CauseRole;
  /** The ObserveIds the line names, its own first (a stale error's: the rejected one, then the current one). */
  readonly observeIds?: readonly string[];
  /** On a stale-observe-id error: the rejected id and the current one. */
  readonly stale?: StaleIds;
}

/** Where an op came from, inferred from what the log shows around it. */
export type OpOrigin =
  | 'pre-candidate' // Stop sent by RoleChange(PreCandidate)
  | 'candidate' // Stop sent by RoleChange(Candidate)
  | 'follower' // Stop sent by RoleChange(Follower)
  | 'leader' // Start sent by on_applied_current_term after becoming leader
  | 'task-scan' // Start sent directly by the task registration's leader scan
  | 'refresh' // RefreshResolver after a split, merge or conf change
  | 'retry' // Start re-sent by the subscription manager's retry
  | 'destroy' // Destroy of the region
  | 'result' // NotifyStartObserveResult sent by the manager itself
  | 'unknown';

/** The line that issued it (its cause: role change, task registration, retry); the processed line when unknown. */
export interface IssuedOp extends TimedLocation {
  readonly op: string;
  readonly observeId?: string;
  readonly origin: OpOrigin;
  /** Its `on_modify_observe` line. */
  readonly processedAt: Location;
}

export interface ProcessedOp extends TimedLocation {
  readonly op: string;
  readonly observeId?: string;
}

export interface Queue {
  /** Ops in the order they were sent (ObserveId allocation order before tikv/tikv#18290). */
  readonly issued: readonly IssuedOp[];
  /** Ops in the order the subscription manager handled them (the `on_modify_observe` lines). */
  readonly processed: readonly ProcessedOp[];
}

export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** '' for store-wide findings (a task that failed to initialise). */
  readonly regionId: string;
  /** The store the region's timeline belongs to (see AnalyzerOptions.storeOf). */
  readonly store: string;
  /** One sentence. */
  readonly message: string;
  /** What happened, why it matters, what to do. */
  readonly explanation: string;
  readonly location: Location;
  /** The causal chain in log order; every link points at a file and line. */
  readonly causes: readonly Cause[];
  readonly queue?: Queue;
  /** Another finding this one follows from (observation-lost after a stale reorder). */
  readonly related?: { readonly rule: string; readonly location: Location };
}

export type SubscriptionState = 'absent' | 'running' | 'pending';

export interface RoleSpan extends TimedLocation {
  readonly term: string;
  readonly role: string;
}

export interface SubscriptionSpan extends TimedLocation {
  readonly state: SubscriptionState;
  readonly observeId?: string;
}

export interface PendingSkips {
  readonly count: number;
  readonly first: TimedLocation;
  readonly last: TimedLocation;
}

/** Which region timelines a report keeps: every region's, those with findings, none, or one region's (every store). */
export type TimelineChoice = 'all' | 'with-findings' | 'none' | { readonly regionId: string };

/** What the engine knows of one region on one store: bounded, most recent last. */
export interface RegionTimeline {
  readonly store: string;
  readonly regionId: string;
  readonly roles: readonly RoleSpan[];
  readonly subscription: readonly SubscriptionSpan[];
  readonly state: SubscriptionState;
  readonly ops: readonly ProcessedOp[];
  /** `pending region, skip resolving` since the region last became pending (or was last retried). */
  readonly pendingSkips?: PendingSkips;
  /** How many older entries were dropped to keep memory bounded. */
  readonly dropped: { readonly roles: number; readonly subscription: number; readonly ops: number };
}

export interface Summary {
  readonly events: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly stores: number;
  readonly regions: number;
  readonly findings: number;
  readonly byRule: Readonly<Record<string, number>>;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** Entries held in region windows and timelines at the end, and how many times a region's were trimmed to respect the cap. */
  readonly retainedEvents: number;
  readonly trimmedWindows: number;
  /**
   * Regions dropped whole past the engine's region cap (quiet, and nothing a rule waits on): their timelines are
   * gone, and one seen again later counts again in `regions`. Absent in reports not made by the engine.
   */
  readonly droppedRegions?: number;
  /** How far the region cap was exceeded at most, by regions that could not be dropped (pending ones). */
  readonly regionsOverCap?: number;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  readonly timelines: readonly RegionTimeline[];
  readonly summary: Summary;
}

/** An event as the engine holds it: its position in the overall add() order. */
export interface Recorded {
  readonly seq: number;
  readonly store: string;
  readonly event: DomainEvent;
}
