// The analysis engine: correlates domain events into per-region timelines and queues, and runs rules.
export { Analyzer, DEFAULT_MAX_RETAINED_EVENTS, type AnalyzerOptions } from './analyzer';
export { reconstructQueue, type QueueInput } from './queue';
export { proveReorder, type ReorderProof } from './reorder';
export { compareIds } from './observeIds';
export { describe } from './describe';
export { DEFAULT_REGION_LIMITS, type RegionLimits } from './regionState';
export type { OpenRegistration, RegionView, StoreView, SkipCounterView } from './views';
export * from './types';
