// Every rule, in evaluation order. Order matters at finish: rules that explain a region (refresh-absent)
// run before observation-lost, which links to them. The store-wide task rules link to nothing; the stuck
// registration follows the other two, which own a registration that failed or a task that was paused.
import { observationLost } from './observationLost';
import { refreshAbsent } from './refreshAbsent';
import { staleObserveId } from './staleObserveId';
import { staleObserveReorder } from './staleObserveReorder';
import { taskInitFailed } from './taskInitFailed';
import { taskPaused } from './taskPaused';
import { taskRegistrationStuck } from './taskRegistrationStuck';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [staleObserveReorder, staleObserveId, refreshAbsent, taskInitFailed, taskPaused, taskRegistrationStuck, observationLost];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
