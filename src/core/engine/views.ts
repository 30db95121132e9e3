// What rules may see of the engine's state: read-only views, so a rule cannot corrupt the timelines
// another rule reads.
import type { Recorded, SubscriptionState } from './types';

export interface SkipCounterView {
  readonly count: number;
  readonly first: Recorded;
  readonly last: Recorded;
}

export interface RegionView {
  readonly key: string;
  readonly store: string;
  readonly regionId: string;
  readonly state: SubscriptionState;
  /** The event that made the subscription pending, when the log shows it. */
  readonly pendingCause: Recorded | undefined;
  /** `pending region, skip resolving` lines since it became pending or was last retried. */
  readonly skips: SkipCounterView | undefined;
  /** The last refresh that found no subscription, cleared by a later start listen. */
  readonly refreshAbsent: Recorded | undefined;
  readonly lastStartListen: Recorded | undefined;
  /** `give up retry retion.`: the retry that stopped trying, cleared by a later attempt or deregistration. */
  readonly retryGivenUp: Recorded | undefined;
  /** True once the window lost events to the memory cap: chains may be partial. */
  readonly trimmed: boolean;
  /** Recent events of the region, oldest first (bounded). */
  events(): Recorded[];
}

export interface StoreView {
  readonly store: string;
  /**
   * Recent task-lifecycle events and task-level errors of the store (init failures; the first fatal error
   * and pause line after each registration, not their repeats), oldest first (bounded).
   */
  taskEvents(): Recorded[];
  /** Latest log time seen on the store (any event with a time), null when none had one. */
  readonly lastTs: number | null;
  /** Task registrations whose `finish register backup stream ranges` has not been seen (one per task, bounded). */
  openRegistrations(): OpenRegistration[];
}

/** A `register backup stream ranges` still running at the end of the log. */
export interface OpenRegistration {
  /** The `register backup stream task` line just before it, when seen. */
  readonly registerTask?: Recorded;
  /** The `register backup stream ranges` line. */
  readonly ranges: Recorded;
  /** `backup stream: on_modify_observe` Starts processed on the store since: regions whose initialisation began. */
  readonly starts: number;
}
