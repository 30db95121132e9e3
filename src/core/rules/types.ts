// The rule contract. A rule is stateless: it reads the engine's views and returns findings. The engine
// calls onEvent after applying each event (for findings that are certain at that line) and onFinish
// once at the end (for findings that need "and nothing later fixed it").
import type { Finding, Recorded, Severity } from '../engine/types';
import type { DomainEventType } from '../events';
import type { RegionView, StoreView } from '../engine/views';

export interface RuleMeta {
  /** Stable id: the diagnostic code, the doc file name, the CLI's key. Never rename. */
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** Path of the rule's doc, relative to the repository root. */
  readonly doc: string;
}

interface Shared {
  /** Findings already emitted for a region (any rule), oldest first. */
  findingsFor(store: string, regionId: string): readonly Finding[];
  /** True the first time a key is seen in this analysis: lets two rules share one trigger without duplicates. */
  once(key: string): boolean;
}

export interface EventContext extends Shared {
  readonly rec: Recorded;
  /** The region the event updated (after applying it), when it names one. */
  readonly region: RegionView | undefined;
  readonly store: StoreView;
}

export interface FinishContext extends Shared {
  regions(): Iterable<RegionView>;
  stores(): Iterable<StoreView>;
}

export interface Rule extends RuleMeta {
  onEvent?(ctx: EventContext): readonly Finding[] | undefined;
  /**
   * The event types onEvent reacts to; absent means every type. The engine skips the call for the others: in an
   * election storm most events are role changes that no line-level rule reads.
   */
  readonly eventTypes?: readonly DomainEventType[];
  onFinish?(ctx: FinishContext): readonly Finding[] | undefined;
}
