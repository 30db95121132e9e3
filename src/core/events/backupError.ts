// `backup stream meet error` (Error::report) and `backup stream meet fatal error` (report_fatal): the
// facts are inside free text (err, verbose_err, context), so this is pattern work on those strings.
import { fieldValue, type LogEntry } from '../record';
import { setDefined, withBase, type Draft } from './fields';
import { canRetryIn, failedTaskIn, isMergeReadIndexExhausted, regionInText, staleIdsIn } from './textPatterns';
import type { BackupErrorEvent, BackupErrorKind } from './types';

function kindOf(stale: boolean, taskInit: boolean, err: string | undefined): BackupErrorKind {
  if (stale) return 'stale-observe-id';
  if (taskInit) return 'task-init-failed';
  return isMergeReadIndexExhausted(err) ? 'merge-read-index' : 'other';
}

function extract(e: LogEntry, file: number, fatal: boolean): BackupErrorEvent {
  const context = fieldValue(e, 'context');
  const err = fieldValue(e, 'err');
  const verbose = fieldValue(e, 'verbose_err') ?? fieldValue(e, 'verbose');
  const stale = staleIdsIn(err, verbose, context);
  const task = failedTaskIn(context) ?? failedTaskIn(err);
  const regionId = regionInText(err, verbose, context);
  const canRetry = canRetryIn(context);
  const ev: Draft<BackupErrorEvent> = {
    file,
    line: e.line,
    ts: e.ts,
    type: 'backup-error',
    kind: kindOf(stale !== undefined, task !== undefined, err),
    fatal,
  };
  // The raw error fields are kept for rules/errorCause.ts, which names the concrete cause from them.
  setDefined(ev, { regionId, stale, canRetry, task, context, error: err, verbose, errCode: fieldValue(e, 'err_code') });
  return withBase(ev, e);
}

export const meetError = (e: LogEntry, file: number) => extract(e, file, false);
export const meetFatalError = (e: LogEntry, file: number) => extract(e, file, true);
