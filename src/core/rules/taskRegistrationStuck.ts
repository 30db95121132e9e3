// task-registration-stuck (tikv/tikv#19615): the endpoint logged `register backup stream ranges` for a task
// and never `finish register backup stream ranges` for it, while the store's log went on. Registration runs
// under `block_on` on the endpoint (components/backup-stream/src/endpoint.rs, register_stream_task): until it
// finishes, the task's ranges are not all observed. Before the fix (tikv/tikv#19648), a range with more than
// 32,768 leader regions to initialise deadlocked the region collector and the registration never finished.
import { chain } from '../engine/chain';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import type { OpenRegistration } from '../engine/views';
import { explanation } from './remedy';
import type { FinishContext, Rule } from './types';

export const TASK_REGISTRATION_STUCK = 'task-registration-stuck';

/**
 * Log time after `register backup stream ranges` without its finish line that makes the registration stuck.
 * Rules take no options from the adapters (the Analyzer only takes a rule list), so the default lives here
 * and a different threshold is a different rule instance: `taskRegistrationStuckAfter(ms)` in
 * `AnalyzerOptions.rules`. 60 s: a healthy registration seeks its regions from memory and sends one Start each,
 * which takes well under a second per thousand regions; a minute without the finish line is not slowness.
 */
export const DEFAULT_REGISTRATION_STUCK_MS = 60_000;

function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function regionsSaid(reg: OpenRegistration): string {
  if (reg.starts === 0) return '';
  return ` ${reg.starts} region Start${reg.starts === 1 ? ' was' : 's were'} processed on the store after it ("backup stream: on_modify_observe" with op Start), so at least that many regions were being initialised.`;
}

function build(reg: OpenRegistration, lastTs: number, thresholdMs: number): Finding {
  const ev = reg.ranges.event;
  const name = ev.type === 'task' ? ev.task : undefined;
  const rangesCount = ev.type === 'task' ? ev.rangesCount : undefined;
  const subject = name === undefined ? 'a log-backup task' : `log-backup task ${name}`;
  const waited = seconds(lastTs - (ev.ts ?? lastTs));
  const ranges = rangesCount === undefined ? '' : ` (ranges_count=${rangesCount})`;
  const links: [Recorded | undefined, CauseRole][] = [
    [reg.registerTask, 'task-registered'],
    [reg.ranges, 'ranges-registered'],
  ];
  return {
    rule: TASK_REGISTRATION_STUCK,
    severity: 'error',
    regionId: '',
    store: reg.ranges.store,
    message: `Registering the ranges of ${subject} never finished on this store: no "finish register backup stream ranges" in the ${waited} of log after "register backup stream ranges" (tikv/tikv#19615).`,
    explanation: explanation(
      `The store logged "register backup stream ranges"${ranges} for ${subject} and, in the ${waited} of log that follow (threshold ${seconds(thresholdMs)}), never "finish register backup stream ranges" for it, nor a registration error.${regionsSaid(reg)} Before tikv/tikv#19648, a range with more than 32,768 leader regions to initialise deadlocks here: the region collector blocks on a full channel while the subscription manager waits for it (tikv/tikv#19615).`,
      "The registration blocks the log-backup endpoint: regions whose Start was not sent are not observed, their writes are missing from log backup, and the task's checkpoint on this store stops while the lag grows. It does not recover by itself.",
      `Check whether the store holds very many leader regions in the task's ranges (more than 32,768). Upgrade to a TiKV release with the fix for tikv/tikv#19615 (tikv/tikv#19648). Until then, restarting the TiKV unblocks it only if fewer leaders remain to initialise, for example after transferring leaders away from the store.`,
    ),
    location: { file: ev.file, line: ev.line },
    causes: chain(links),
  };
}

/** The rule with another threshold of log time (milliseconds) after the registration line. */
export function taskRegistrationStuckAfter(thresholdMs: number): Rule {
  return {
    id: TASK_REGISTRATION_STUCK,
    severity: 'error',
    title: 'Log-backup task registration never finished',
    doc: 'docs/rules/task-registration-stuck.md',
    onFinish(ctx: FinishContext): Finding[] {
      const out: Finding[] = [];
      for (const store of ctx.stores()) {
        const lastTs = store.lastTs;
        if (lastTs === null) continue;
        for (const reg of store.openRegistrations()) {
          const ts = reg.ranges.event.ts;
          if (ts !== null && lastTs - ts > thresholdMs) out.push(build(reg, lastTs, thresholdMs));
        }
      }
      return out.sort((a, b) => a.location.file - b.location.file || a.location.line - b.location.line);
    },
  };
}

export const taskRegistrationStuck: Rule = taskRegistrationStuckAfter(DEFAULT_REGISTRATION_STUCK_MS);
