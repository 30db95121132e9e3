// Periodic log-backup work once a task is registered: resolve rounds (which log `pending region, skip
// resolving` once per Pending region per round), the checkpoint, and flushes that sometimes meet S3
// throttling (a benign, retried error).
import * as B from './backupMessages';
import { flushThrottled } from './noise';
import type { Region } from './region';
import type { Sim } from './sim';
import { tso } from './units';

export type PendingHook = (r: Region, line: number) => void;

/** The checkpoint is held back by the oldest Pending region: a lost region freezes it. */
function checkpointMs(sim: Sim): number {
  let t = sim.clock - 2000 - sim.rng.int(3000);
  for (const since of sim.pending.values()) t = Math.min(t, since);
  return t;
}

export function startBackupTimers(sim: Sim, onPending: PendingHook): void {
  const rng = sim.rng;
  let round = 0;
  const tick = (): void => {
    round++;
    const tid = sim.tid('backupStream');
    for (const r of sim.pending.keys()) onPending(r, sim.emit(B.pendingSkip(r, tid)));
    const cp = checkpointMs(sim);
    if (rng.chance(0.4)) {
      const oldest = sim.pending.keys().next();
      const by = oldest.done ? sim.pickRegion((r) => r.sub?.state === 'running') : oldest.value;
      if (by) sim.emit(B.nonTrivialCheckpoint(by.id, tso(cp), tid));
    }
    if (round % 12 === 0) {
      if (rng.chance(0.15)) flushThrottled(sim);
      sim.emit(B.flushingCheckpoint(sim.taskName, tso(cp), tid));
    }
    const iv = sim.o.resolveIntervalMs;
    sim.after(Math.round(iv * (0.95 + rng.float() * 0.1)), tick);
  };
  sim.after(sim.o.resolveIntervalMs, tick);
}
