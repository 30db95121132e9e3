// Log-backup task lifecycle on the endpoint (reference c.3). Registration is store-wide: it is what
// turns the observer on (so role changes start sending Stops) and what issues the task-scan Starts.
import { fieldValue, type LogEntry } from '../record';
import { isDigits, withBase, type Draft } from './fields';
import { taskNameOf } from './textPatterns';
import type { TaskEvent, TaskWhat } from './types';

function make(e: LogEntry, file: number, what: TaskWhat): TaskEvent {
  const ev: Draft<TaskEvent> = { file, line: e.line, ts: e.ts, type: 'task', what };
  const task = taskNameOf(fieldValue(e, 'task'));
  if (task !== undefined) ev.task = task;
  return withBase(ev, e);
}

export const registerTask = (e: LogEntry, file: number) => make(e, file, 'register-task');
export function registerRanges(e: LogEntry, file: number): TaskEvent {
  const ev = make(e, file, 'register-ranges');
  const count = fieldValue(e, 'ranges_count') ?? fieldValue(e, 'ranges-count');
  return isDigits(count) && count.length <= 9 ? { ...ev, rangesCount: Number(count) } : ev;
}
export const finishRegisterRanges = (e: LogEntry, file: number) => make(e, file, 'finish-register-ranges');
export const initialized = (e: LogEntry, file: number) => make(e, file, 'initialized');
/** The reference lists no fields for it: a `task` field is read when present, the name is usually absent. */
export const paused = (e: LogEntry, file: number) => make(e, file, 'paused');
