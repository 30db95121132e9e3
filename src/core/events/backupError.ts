// `backup stream meet error` (Error::report) and `backup stream meet fatal error` (report_fatal): the
// facts are inside free text (err, verbose_err, context), so this is pattern work on those strings.
import { fieldValue, type LogEntry } from '../record';
import { baseOf } from './fields';
import { canRetryIn, failedTaskIn, regionInText, staleIdsIn } from './textPatterns';
import type { BackupErrorEvent } from './types';

function extract(e: LogEntry, file: number, fatal: boolean): BackupErrorEvent {
  const context = fieldValue(e, 'context');
  const err = fieldValue(e, 'err');
  const verbose = fieldValue(e, 'verbose_err') ?? fieldValue(e, 'verbose');
  const stale = staleIdsIn(err, verbose, context);
  const task = failedTaskIn(context) ?? failedTaskIn(err);
  const regionId = regionInText(err, verbose, context);
  const canRetry = canRetryIn(context);
  return {
    ...baseOf(e, file),
    type: 'backup-error',
    kind: stale !== undefined ? 'stale-observe-id' : task !== undefined ? 'task-init-failed' : 'other',
    fatal,
    ...(regionId !== undefined ? { regionId } : {}),
    ...(stale !== undefined ? { stale } : {}),
    ...(canRetry !== undefined ? { canRetry } : {}),
    ...(task !== undefined ? { task } : {}),
    ...(context !== undefined ? { context } : {}),
    ...(err !== undefined ? { error: err } : {}),
  };
}

export const meetError = (e: LogEntry, file: number) => extract(e, file, false);
export const meetFatalError = (e: LogEntry, file: number) => extract(e, file, true);
