// task-init-failed (tikv/tikv#16056): registering the log-backup task failed on a store (typically a
// PD/etcd hiccup while loading it) and it was not registered again, so nothing is observed there. The
// explanation names the cause the error's own fields give (errorCause.ts): a directory that is not
// writable needs a different fix than an etcd hiccup.
import { chain } from '../engine/chain';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import { classifyError, type ErrorCause } from './errorCause';
import { explanation } from './remedy';
import type { FinishContext, Rule } from './types';

export const TASK_INIT_FAILED = 'task-init-failed';

const RELOAD = '(`br log pause` then `br log resume`) so every store loads it again';
const UPGRADE = 'Upgrade to a TiKV release that retries task initialization (see tikv/tikv#16056).';

/** "What happened" and "What to do" for the cause the error's own text names. */
function byCause(name: string, cause: ErrorCause): [string, string] {
  const failed = `Loading task ${name} on this store failed ("failed to register backup stream task ${name} to router")`;
  const onlyLogged = 'The failure is only logged: the task is not retried on this store.';
  if (cause.id === 'unknown' || cause.id === 'etcd-unavailable') {
    // The etcd case is the one tikv/tikv#16056 describes, and the likeliest one when the text says nothing.
    const why = cause.id === 'unknown' ? 'typically because PD or etcd was briefly unreachable' : 'because PD or etcd was unreachable (the error is an etcd error)';
    return [
      `${failed}, ${why}. ${onlyLogged}`,
      `Pause and resume the log-backup task ${RELOAD}, and check PD/etcd connectivity of the store at that time. ${UPGRADE}`,
    ];
  }
  return [`${failed}: ${cause.cause} ${onlyLogged}`, `${cause.remedy} Then pause and resume the log-backup task ${RELOAD}. ${UPGRADE}`];
}

function sameTask(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

export const taskInitFailed: Rule = {
  id: TASK_INIT_FAILED,
  severity: 'error',
  title: 'Log-backup task failed to initialize',
  doc: 'docs/rules/task-init-failed.md',
  onFinish(ctx: FinishContext): Finding[] {
    const out: Finding[] = [];
    for (const store of ctx.stores()) {
      const events = store.taskEvents();
      events.forEach((rec, i) => {
        const ev = rec.event;
        if (ev.type !== 'backup-error' || ev.kind !== 'task-init-failed') return;
        const later = events.slice(i + 1);
        const healed = later.some(
          (r) => r.event.type === 'task' && (r.event.what === 'register-ranges' || r.event.what === 'finish-register-ranges') && sameTask(r.event.task, ev.task),
        );
        if (healed) return;
        let registered: Recorded | undefined;
        for (let j = i - 1; j >= 0 && registered === undefined; j--) {
          const t = events[j].event;
          if (t.type === 'task' && t.what === 'register-task' && sameTask(t.task, ev.task)) registered = events[j];
        }
        const links: [Recorded | undefined, CauseRole][] = [
          [registered, 'task-registered'],
          [rec, 'task-init-error'],
        ];
        const name = ev.task ?? '(unnamed)';
        const [what, whatToDo] = byCause(name, classifyError(ev));
        out.push({
          rule: TASK_INIT_FAILED,
          severity: 'error',
          regionId: '',
          store: rec.store,
          message: `Log-backup task ${name} failed to initialize on this store and was not registered again, so none of its ranges are observed here (tikv/tikv#16056).`,
          explanation: explanation(
            what,
            "The store observes nothing for the task: its leaders' writes are missing from log backup and the checkpoint lag grows without bound until the leaders move elsewhere.",
            whatToDo,
          ),
          location: { file: ev.file, line: ev.line },
          causes: chain(links),
        });
      });
    }
    return out;
  },
};
