// The streaming correlator. Events arrive in log order per file; each is routed to its store and
// region, applied to the region's state machine, then offered to the rules, which may report a finding
// at once (the stale reorder is certain at its error line). finish() runs the end-of-log rules.
//
// Memory is bounded by design: per region, rings of fixed size; across regions, a global cap on the
// events held in windows, enforced by trimming the windows of the regions touched least recently
// (their state machine, counters and timelines stay).
import type { DomainEvent } from '../events';
import { RULES } from '../rules/registry';
import type { EventContext, FinishContext, Rule } from '../rules/types';
import { BoundedIndex } from './boundedIndex';
import { Lru } from './lru';
import { DEFAULT_REGION_LIMITS, RegionState, type RegionLimits } from './regionState';
import { StoreState } from './storeState';
import type { AnalysisResult, Finding, Recorded, RegionTimeline, Severity, Summary, TimelineChoice } from './types';

export interface AnalyzerOptions {
  /** The store a file's lines come from. Default: one store per file (`String(file)`); rotated files of one store should map to the same id. A line's own `store_id` overrides it. */
  readonly storeOf?: (file: number) => string;
  /** Called as soon as a finding is certain: at its line for the stale rules, at finish() for the rest. */
  readonly onFinding?: (finding: Finding) => void;
  readonly rules?: readonly Rule[];
  /** Global cap on events held in region windows. */
  readonly maxRetainedEvents?: number;
  readonly regionLimits?: Partial<RegionLimits>;
  /** Which timelines finish() returns. Default 'all'. */
  readonly timelines?: TimelineChoice;
}

export const DEFAULT_MAX_RETAINED_EVENTS = 200_000;
/** ObserveId -> region, for errors that name only the ids: at most two generations of this many. */
const OBSERVE_ID_GENERATION = 32_768;

export class Analyzer {
  private readonly regions = new Map<string, RegionState>();
  /** Regions by last window push, oldest first: the trim order. */
  private readonly recency = new Lru<RegionState>();
  private readonly stores = new Map<string, StoreState>();
  private readonly observeIndex = new BoundedIndex<string>(OBSERVE_ID_GENERATION);
  private readonly findings: Finding[] = [];
  private readonly findingsByRegion = new Map<string, Finding[]>();
  private readonly onceKeys = new Set<string>();
  private readonly eventsByType: Record<string, number> = {};
  private readonly rules: readonly Rule[];
  private readonly eventRules: readonly Rule[];
  /** Bound once: every event's context shares them instead of allocating closures per event. */
  private readonly findingsFor = (store: string, regionId: string): readonly Finding[] =>
    this.findingsByRegion.get(regionKey(store, regionId)) ?? [];
  private readonly onceFn = (key: string): boolean => this.once(key);
  private readonly limits: RegionLimits;
  private readonly maxRetained: number;
  private seq = 0;
  private retained = 0;
  private trimmedWindows = 0;
  private finished: AnalysisResult | undefined;

  constructor(private readonly options: AnalyzerOptions = {}) {
    this.rules = options.rules ?? RULES;
    this.eventRules = this.rules.filter((r) => r.onEvent !== undefined);
    this.limits = { ...DEFAULT_REGION_LIMITS, ...options.regionLimits };
    this.maxRetained = Math.max(this.limits.window, options.maxRetainedEvents ?? DEFAULT_MAX_RETAINED_EVENTS);
  }

  /** Events currently held in region windows (what the memory cap bounds). */
  get retainedEvents(): number {
    return this.retained;
  }

  add(event: DomainEvent): void {
    if (this.finished !== undefined) throw new Error('Analyzer.add after finish()');
    const store = event.storeHint ?? this.options.storeOf?.(event.file) ?? String(event.file);
    const rec: Recorded = { seq: this.seq++, store, event };
    this.eventsByType[event.type] = (this.eventsByType[event.type] ?? 0) + 1;
    const storeState = this.store(store);

    if (event.type === 'task' || event.type === 'backup-error') storeState.record(rec);

    const regionId = this.regionOf(store, event);
    const region = regionId === undefined ? undefined : this.region(store, regionId);
    if (region !== undefined) {
      const before = region.window.size;
      if (region.apply(rec)) {
        this.retained += region.window.size - before;
        this.recency.touch(region);
        if (this.retained > this.maxRetained) this.trim();
      }
      this.indexObserveId(region, event);
    }

    if (this.eventRules.length > 0) {
      const ctx: EventContext = { rec, region, store: storeState, findingsFor: this.findingsFor, once: this.onceFn };
      for (const rule of this.eventRules) {
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
      regions: () => this.regions.values(),
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
    if (store !== undefined) return this.regions.get(regionKey(store, regionId))?.timeline();
    for (const r of this.regions.values()) if (r.regionId === regionId) return r.timeline();
    return undefined;
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

  private region(store: string, regionId: string): RegionState {
    const key = regionKey(store, regionId);
    let r = this.regions.get(key);
    if (r === undefined) {
      r = new RegionState(key, store, regionId, this.limits);
      this.regions.set(key, r);
    }
    return r;
  }

  /** Trim the least recently active windows until 90% of the cap, so trimming is not per event. */
  private trim(): void {
    const target = Math.floor(this.maxRetained * 0.9);
    while (this.retained > target) {
      const region = this.recency.shift();
      if (region === undefined) break;
      this.retained -= region.trimWindow();
      this.trimmedWindows++;
    }
  }

  private timelines(): RegionTimeline[] {
    const mode = this.options.timelines ?? 'all';
    if (mode === 'none') return [];
    const out: RegionTimeline[] = [];
    for (const r of this.regions.values()) {
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
      eventsByType: { ...this.eventsByType },
      stores: this.stores.size,
      regions: this.regions.size,
      findings: findings.length,
      byRule,
      bySeverity,
      retainedEvents: this.retained,
      trimmedWindows: this.trimmedWindows,
    };
  }
}

function regionKey(store: string, regionId: string): string {
  return `${store}\u0000${regionId}`;
}
