// The streaming correlator. Events arrive in log order per file; each is routed to its store and
// region, applied to the region's state machine, then offered to the rules, which may report a finding
// at once (the stale reorder is certain at its error line). finish() runs the end-of-log rules.
//
// Memory is bounded by design: per region, rings of fixed size; across regions, a global cap on the
// events held in windows and timelines, enforced by trimming those of the regions touched least recently
// (their state machine and counters stay; a timeline says how many entries it lost), and a cap on the
// regions held at all: past it, the regions quiet the longest are dropped whole, unless a rule still waits
// on them (see RegionState.droppable). An election storm touches hundreds of thousands of regions once or
// twice each; without that cap their state alone outgrew the analysis heap.
import type { DomainEvent, DomainEventType } from '../events';
import { RULES } from '../rules/registry';
import type { EventContext, FinishContext, Rule } from '../rules/types';
import { BoundedIndex } from './boundedIndex';
import { Lru } from './lru';
import { DEFAULT_REGION_LIMITS, RegionState, type AgeNode, type RegionLimits } from './regionState';
import { StoreState } from './storeState';
import type { AnalysisResult, Finding, Recorded, RegionTimeline, Severity, Summary, TimelineChoice } from './types';

export interface AnalyzerOptions {
  /** The store a file's lines come from. Default: one store per file (`String(file)`); rotated files of one store should map to the same id. A line's own `store_id` overrides it. */
  readonly storeOf?: (file: number) => string;
  /** Called as soon as a finding is certain: at its line for the stale rules, at finish() for the rest. */
  readonly onFinding?: (finding: Finding) => void;
  readonly rules?: readonly Rule[];
  /** Global cap on the entries held in region windows and timelines (roles, subscription, processed ops). */
  readonly maxRetainedEvents?: number;
  /** Cap on the regions held; past it the longest-quiet droppable ones go (counted in the summary). */
  readonly maxRegions?: number;
  readonly regionLimits?: Partial<RegionLimits>;
  /** Which timelines finish() returns. Default 'all'. */
  readonly timelines?: TimelineChoice;
}

export const DEFAULT_MAX_RETAINED_EVENTS = 200_000;
// A record, so that a new event type does not compile until it is listed (and so reaches the rules that want it).
const EVENT_TYPES: Readonly<Record<DomainEventType, true>> = {
  'role-change': true, election: true, 'observe-op': true, subscription: true, task: true, 'backup-error': true,
};
/** About 50-100 MB of region state at worst; an incident over 50,000 regions drops none. */
export const DEFAULT_MAX_REGIONS = 100_000;
/** ObserveId -> region, for errors that name only the ids: at most two generations of this many. */
const OBSERVE_ID_GENERATION = 32_768;

export class Analyzer {
  /** Regions by last window push, oldest first: the trim order. */
  private readonly recency = new Lru<RegionState>();
  /** Regions by last event, oldest first: the order they are dropped in past the region cap. */
  private readonly ages = new Lru<AgeNode>();
  private readonly stores = new Map<string, StoreState>();
  /** The store of each input file, resolved once (storeOf is a caller's function, and this is per event). */
  private readonly fileStores: (StoreState | undefined)[] = [];
  private readonly observeIndex = new BoundedIndex<string>(OBSERVE_ID_GENERATION);
  private readonly findings: Finding[] = [];
  private readonly findingsByRegion = new Map<string, Finding[]>();
  private readonly onceKeys = new Set<string>();
  private readonly eventsByType = new Map<string, number>();
  private readonly rules: readonly Rule[];
  /** The rules whose onEvent reacts to each event type (see Rule.eventTypes). */
  private readonly eventRules = new Map<string, readonly Rule[]>();
  /** Bound once: every event's context shares them instead of allocating closures per event. */
  private readonly findingsFor = (store: string, regionId: string): readonly Finding[] =>
    this.findingsByRegion.get(regionKey(store, regionId)) ?? [];
  private readonly onceFn = (key: string): boolean => this.once(key);
  private readonly ctx: { -readonly [K in keyof EventContext]: EventContext[K] } = {
    rec: { seq: -1, store: '', event: { type: 'task', what: 'initialized', file: 0, line: 0, ts: null } },
    region: undefined,
    store: new StoreState(''),
    findingsFor: this.findingsFor,
    once: this.onceFn,
  };
  private readonly limits: RegionLimits;
  private readonly maxRetained: number;
  private readonly maxRegions: number;
  private seq = 0;
  private retained = 0;
  private trimmedWindows = 0;
  private regionCount = 0;
  private droppedRegions = 0;
  /** Regions over the cap that could not be dropped (pending ones): said in the summary. */
  private keptOverCap = 0;
  private finished: AnalysisResult | undefined;

  constructor(private readonly options: AnalyzerOptions = {}) {
    this.rules = options.rules ?? RULES;
    const withOnEvent = this.rules.filter((r) => r.onEvent !== undefined);
    for (const type of Object.keys(EVENT_TYPES) as DomainEventType[]) this.eventRules.set(type, withOnEvent.filter((r) => r.eventTypes === undefined || r.eventTypes.includes(type)));
    this.limits = { ...DEFAULT_REGION_LIMITS, ...options.regionLimits };
    this.maxRetained = Math.max(this.limits.window, options.maxRetainedEvents ?? DEFAULT_MAX_RETAINED_EVENTS);
    this.maxRegions = Math.max(1, options.maxRegions ?? DEFAULT_MAX_REGIONS);
  }

  /** Entries currently held in region windows and timelines (what the memory cap bounds). */
  get retainedEvents(): number {
    return this.retained;
  }

  add(event: DomainEvent): void {
    if (this.finished !== undefined) throw new Error('Analyzer.add after finish()');
    const storeState = event.storeHint !== undefined ? this.store(event.storeHint) : this.fileStore(event.file);
    const store = storeState.store;
    const rec: Recorded = { seq: this.seq++, store, event };
    this.eventsByType.set(event.type, (this.eventsByType.get(event.type) ?? 0) + 1);

    storeState.saw(event);
    if (event.type === 'task' || event.type === 'backup-error') storeState.record(rec);

    const regionId = this.regionOf(store, event);
    const region = regionId === undefined ? undefined : this.region(storeState, regionId);
    if (region !== undefined) {
      this.ages.touch(region.age);
      const before = region.held;
      const kept = region.apply(rec);
      const added = region.held - before;
      if (kept || added !== 0) {
        this.retained += added;
        this.recency.touch(region);
        if (this.retained > this.maxRetained) this.trim();
      }
      this.indexObserveId(region, event);
    }

    const rules = this.eventRules.get(event.type);
    if (rules !== undefined && rules.length > 0) {
      // One context object, refilled per event: rules read it during onEvent and keep nothing of it.
      const ctx = this.ctx;
      ctx.rec = rec;
      ctx.region = region;
      ctx.store = storeState;
      for (const rule of rules) {
        const found = rule.onEvent?.(ctx);
        if (found) for (const f of found) this.report(f);
      }
    }
  }

  addAll(events: Iterable<DomainEvent>): void {
    for (const e of events) this.add(e);
  }

  finish(): AnalysisResult {
    if (this.finished !== undefined) return this.finished;
    const ctx: FinishContext = {
      regions: () => this.allRegions(),
      stores: () => this.stores.values(),
      findingsFor: this.findingsFor,
      once: this.onceFn,
    };
    for (const rule of this.rules) {
      const found = rule.onFinish?.(ctx);
      if (found) for (const f of found) this.report(f);
    }
    const findings = [...this.findings].sort(
      (a, b) => a.location.file - b.location.file || a.location.line - b.location.line || a.rule.localeCompare(b.rule),
    );
    this.finished = { findings, timelines: this.timelines(), summary: this.summary(findings) };
    return this.finished;
  }

  /** The live timeline of a region (for hovers while a file is still being read). */
  regionTimeline(regionId: string, store?: string): RegionTimeline | undefined {
    if (store !== undefined) return this.stores.get(store)?.regions.get(regionId)?.timeline();
    for (const s of this.stores.values()) {
      const r = s.regions.get(regionId);
      if (r !== undefined) return r.timeline();
    }
    return undefined;
  }

  private *allRegions(): Generator<RegionState> {
    for (const s of this.stores.values()) yield* s.regions.values();
  }

  private report(f: Finding): void {
    this.findings.push(f);
    if (f.regionId !== '') {
      const key = regionKey(f.store, f.regionId);
      const list = this.findingsByRegion.get(key);
      if (list === undefined) this.findingsByRegion.set(key, [f]);
      else list.push(f);
    }
    this.options.onFinding?.(f);
  }

  private once(key: string): boolean {
    if (this.onceKeys.has(key)) return false;
    this.onceKeys.add(key);
    return true;
  }

  private regionOf(store: string, ev: DomainEvent): string | undefined {
    switch (ev.type) {
      case 'task':
        return undefined;
      case 'backup-error':
        if (ev.regionId !== undefined) return ev.regionId;
        if (ev.stale === undefined) return undefined;
        return this.observeIndex.get(`${store}:${ev.stale.currentId}`) ?? this.observeIndex.get(`${store}:${ev.stale.staleId}`);
      default:
        return ev.regionId;
    }
  }

  private indexObserveId(region: RegionState, ev: DomainEvent): void {
    const id = ev.type === 'observe-op' || ev.type === 'subscription' ? ev.observeId : undefined;
    if (id === undefined) return;
    this.observeIndex.set(`${region.store}:${id}`, region.regionId);
  }

  private store(store: string): StoreState {
    let s = this.stores.get(store);
    if (s === undefined) {
      s = new StoreState(store);
      this.stores.set(store, s);
    }
    return s;
  }

  private fileStore(file: number): StoreState {
    let s = this.fileStores[file];
    if (s === undefined) {
      s = this.store(this.options.storeOf?.(file) ?? String(file));
      this.fileStores[file] = s;
    }
    return s;
  }

  private region(store: StoreState, regionId: string): RegionState {
    let r = store.regions.get(regionId);
    if (r === undefined) {
      if (this.regionCount >= this.maxRegions) this.dropRegions();
      r = new RegionState(regionKey(store.store, regionId), store.store, regionId, this.limits);
      store.regions.set(regionId, r);
      this.regionCount++;
    }
    return r;
  }

  /**
   * Past the region cap: drop the longest-quiet droppable regions down to 90% of it, so this runs once per many new
   * regions. A region a rule still waits on is moved to the young end instead; if none can go, the cap is exceeded
   * and the summary says by how much.
   */
  private dropRegions(): void {
    const target = Math.floor(this.maxRegions * 0.9);
    let looked = 0;
    const limit = this.regionCount;
    while (this.regionCount > target && looked < limit) {
      const node = this.ages.shift();
      if (node === undefined) break;
      looked++;
      const r = node.region;
      if (!r.droppable || this.pinned(r)) {
        this.ages.touch(node);
        continue;
      }
      this.recency.remove(r);
      this.retained -= r.held;
      this.stores.get(r.store)?.regions.delete(r.regionId);
      this.regionCount--;
      this.droppedRegions++;
    }
    this.keptOverCap = Math.max(this.keptOverCap, this.regionCount + 1 - this.maxRegions);
  }

  /** The one region whose timeline a caller asked for is never dropped. */
  private pinned(r: RegionState): boolean {
    const mode = this.options.timelines;
    return typeof mode === 'object' && r.regionId === mode.regionId;
  }

  /** Trim the least recently active regions' windows and timelines to 90% of the cap, so trimming is not per event. */
  private trim(): void {
    const target = Math.floor(this.maxRetained * 0.9);
    while (this.retained > target) {
      const region = this.recency.shift();
      if (region === undefined) break;
      this.retained -= region.trimHeld();
      this.trimmedWindows++;
    }
  }

  private timelines(): RegionTimeline[] {
    const mode = this.options.timelines ?? 'all';
    if (mode === 'none') return [];
    const out: RegionTimeline[] = [];
    for (const r of this.allRegions()) {
      if (mode === 'with-findings' && !this.findingsByRegion.has(r.key)) continue;
      if (typeof mode === 'object' && r.regionId !== mode.regionId) continue;
      out.push(r.timeline());
    }
    return out;
  }

  private summary(findings: readonly Finding[]): Summary {
    const byRule: Record<string, number> = {};
    const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of findings) {
      byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
      bySeverity[f.severity]++;
    }
    return {
      events: this.seq,
      eventsByType: Object.fromEntries(this.eventsByType),
      stores: this.stores.size,
      regions: this.regionCount + this.droppedRegions,
      findings: findings.length,
      byRule,
      bySeverity,
      retainedEvents: this.retained,
      trimmedWindows: this.trimmedWindows,
      droppedRegions: this.droppedRegions,
      ...(this.keptOverCap > 0 ? { regionsOverCap: this.keptOverCap } : {}),
    };
  }
}

function regionKey(store: string, regionId: string): string {
  return `${store}\u0000${regionId}`;
}
