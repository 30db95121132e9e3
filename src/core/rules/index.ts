export { RULES, ruleById } from './registry';
export type { Rule, RuleMeta, EventContext, FinishContext } from './types';
export { STALE_OBSERVE_REORDER } from './staleObserveReorder';
export { STALE_OBSERVE_ID } from './staleObserveId';
export { OBSERVATION_LOST, MIN_PENDING_REPEATS } from './observationLost';
export { REFRESH_ABSENT } from './refreshAbsent';
export { TASK_INIT_FAILED } from './taskInitFailed';
export { TASK_PAUSED } from './taskPaused';
export { TASK_REGISTRATION_STUCK, DEFAULT_REGISTRATION_STUCK_MS, taskRegistrationStuckAfter } from './taskRegistrationStuck';
