// task-paused: a fatal error paused the log-backup task on a store (`backup stream meet fatal error`, then
// in newer TiKV `Task encounters fatal error, will pause this task.`) and no later registration shows it
// running again, so nothing of the task is backed up from then on. tikv/tikv#16554 is the known cause
// worth naming: the initial snapshot fails while a merge blocks read index, until the retries run out.
// Other fatal errors are explained by the cause their own fields give (errorCause.ts).
import { chain } from '../engine/chain';
import { firstSentence } from '../engine/describe';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import { classifyError, UNKNOWN_CAUSE } from './errorCause';
import { explanation } from './remedy';
import type { FinishContext, Rule } from './types';

export const TASK_PAUSED = 'task-paused';

/** One pause: its first fatal error and pause line, and the registration it interrupted. */
interface Episode {
  registered?: Recorded;
  fatal?: Recorded;
  pause?: Recorded;
  task?: string;
}

function sameTask(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** The pause still in force at the end of the store's task events, if any. */
function lastOpenPause(events: readonly Recorded[]): Episode | undefined {
  let registered: Recorded | undefined;
  let open: Episode | undefined;
  for (const rec of events) {
    const ev = rec.event;
    if (ev.type === 'backup-error' && ev.fatal) {
      open ??= { registered };
      open.fatal ??= rec;
      open.task ??= ev.task;
    } else if (ev.type === 'task' && ev.what === 'paused') {
      open ??= { registered };
      open.pause ??= rec;
      open.task ??= ev.task;
    } else if (ev.type === 'task' && ev.what !== 'initialized') {
      // Resuming a task registers it again (`on_resume` loads it like a new one).
      if (open !== undefined && sameTask(open.task, ev.task)) open = undefined;
      if (ev.what === 'register-task') registered = rec;
    }
  }
  return open;
}

function taskOf(ep: Episode): string | undefined {
  const reg = ep.registered?.event;
  return ep.task ?? (reg?.type === 'task' ? reg.task : undefined);
}

function build(ep: Episode, anchor: Recorded): Finding {
  const fe = ep.fatal?.event;
  const fatal = fe?.type === 'backup-error' ? fe : undefined;
  const name = taskOf(ep);
  const subject = name === undefined ? 'The log-backup task' : `Log-backup task ${name}`;
  const flag = `--task-name=${name ?? '<task>'}`;
  const merge = fatal?.kind === 'merge-read-index';
  const region = fatal?.regionId === undefined ? 'a region' : `region ${fatal.regionId}`;
  const reason = firstSentence(fatal?.error ?? fatal?.context);
  // The merge signature has its own story; otherwise the error's own fields name the cause, if they can.
  const cause = fatal === undefined || merge ? UNKNOWN_CAUSE : classifyError(fatal);
  const known = cause.id !== 'unknown';
  const status = `Run \`br log status ${flag}\`: it shows the task paused (ERROR) with this store's error.`;
  const resume = `resume it with \`br log resume ${flag}\`, within 24 hours of the error while TiKV still holds the GC safe point at the task's checkpoint.`;

  const message = merge
    ? `${subject} was paused on this store by a fatal error: getting the initial snapshot of ${region} kept failing with "read index not ready, reason can not read index due to merge" until the retries ran out (tikv/tikv#16554).`
    : fatal === undefined
      ? `${subject} was paused on this store by a fatal error that is not in the log, and it was not resumed.`
      : `${subject} was paused on this store by a fatal error${reason ? ` ("${reason}")` : ''} and was not resumed.`;
  const what = merge
    ? `The initial scan of ${region} could not get its snapshot: read index was refused while the region was being merged, and retrying ran out ("retry time exceeds" / "retry encountered error"). Log backup treats that as fatal (tikv/tikv#16554): the store unloaded the task and paused it.`
    : fatal === undefined
      ? 'The store logged "Task encounters fatal error, will pause this task." and unloaded the task; the fatal error itself ("backup stream meet fatal error", logged just before) is not in the log, so its reason is unknown here.'
      : `TiKV reported a fatal error for the task ("backup stream meet fatal error"${reason ? `, err "${reason}"` : ''})${known ? `: ${cause.cause}` : '.'} A fatal error unloads the task on the store and pauses it${ep.pause ? ' ("Task encounters fatal error, will pause this task.")' : ''}.`;
  const whatToDo = merge
    ? `${status} The cause is region merges during the task's initial scan, not the data: ${resume} Upgrade to a TiKV release with the fix for tikv/tikv#16554 (more retries for the initial snapshot, tikv/tikv#16608 on 6.5 and tikv/tikv#17067 on 7.5) so merges no longer pause the task.`
    : known
      ? `${status} ${cause.remedy} Then ${resume}`
      : `${status} Fix the cause the error names, then ${resume}`;

  const links: [Recorded | undefined, CauseRole][] = [
    [ep.registered, 'task-registered'],
    [ep.fatal, 'fatal-error'],
    [ep.pause, 'task-paused'],
  ];
  return {
    rule: TASK_PAUSED,
    severity: 'error',
    regionId: '',
    store: anchor.store,
    message,
    explanation: explanation(
      what,
      "The pause is written to the task's metadata, so every store unloads the task: nothing of it is backed up, for any region, until someone resumes it. The checkpoint stops, and a point-in-time restore past the pause is impossible.",
      whatToDo,
    ),
    location: { file: anchor.event.file, line: anchor.event.line },
    causes: chain(links),
  };
}

export const taskPaused: Rule = {
  id: TASK_PAUSED,
  severity: 'error',
  title: 'Log-backup task paused by a fatal error',
  doc: 'docs/rules/task-paused.md',
  onFinish(ctx: FinishContext): Finding[] {
    const out: Finding[] = [];
    for (const store of ctx.stores()) {
      const ep = lastOpenPause(store.taskEvents());
      const anchor = ep?.fatal ?? ep?.pause;
      if (ep === undefined || anchor === undefined) continue;
      // A fatal failure to register the task is task-init-failed's finding.
      const fatal = ep.fatal?.event;
      if (fatal?.type === 'backup-error' && fatal.kind === 'task-init-failed') continue;
      out.push(build(ep, anchor));
    }
    return out;
  },
};
