// stale-observe-reorder (tikv/tikv#18243): a Start with an older ObserveId was processed after a newer
// one and its initial scan was rejected as stale. Certain at the stale error line.
import type { BackupErrorEvent, ObserveOpEvent, StaleIds } from '../events';
import { chain, lastElection, registrationBefore, roleOfStep } from '../engine/chain';
import { reconstructQueue } from '../engine/queue';
import { proveReorder } from '../engine/reorder';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import type { RegionView, StoreView } from '../engine/views';
import { explanation, FIX_VERSIONS, WORKAROUND } from './remedy';
import type { EventContext, Rule } from './types';

export const STALE_OBSERVE_REORDER = 'stale-observe-reorder';

/** The stale pair a line reports: the backup-stream error, or the NotifyStartObserveResult carrying it. */
export function staleOf(rec: Recorded): StaleIds | undefined {
  const ev = rec.event;
  if (ev.type === 'backup-error') return (ev as BackupErrorEvent).stale;
  if (ev.type === 'observe-op') return (ev as ObserveOpEvent).stale;
  return undefined;
}

/** One finding per region and stale pair, whichever of the two lines comes first. */
export function staleKey(region: RegionView, stale: StaleIds): string {
  return `stale:${region.key}:${stale.staleId}:${stale.currentId}`;
}

export function buildReorderFinding(rec: Recorded, region: RegionView, store: StoreView, stale: StaleIds): Finding | undefined {
  const events = region.events();
  const proof = proveReorder(events, stale, rec.seq);
  if (proof === undefined) return undefined;
  const tasks = store.taskEvents();
  const firstOfEpisode = proof.newerStart ?? proof.newerListen;
  const election = lastElection(events, (proof.olderStart ?? proof.olderListen ?? rec).seq);
  const from = Math.min(firstOfEpisode?.seq ?? rec.seq, election[0]?.seq ?? rec.seq);
  const registration = registrationBefore(tasks, firstOfEpisode?.seq ?? rec.seq, rec.event.ts);
  const stops = events.filter((r) => r.seq > from && r.seq < rec.seq && r.event.type === 'observe-op' && r.event.op === 'Stop');

  const links: [Recorded | undefined, CauseRole][] = [
    ...registration.map((r): [Recorded, CauseRole] => [r, r.event.type === 'task' && r.event.what === 'register-ranges' ? 'ranges-registered' : 'task-registered']),
    ...election.map((r): [Recorded, CauseRole] => [r, roleOfStep(r)]),
    [proof.newerStart, 'newer-start-processed-first'],
    [proof.newerListen, 'listen-started'],
    [proof.newerUnlisten, 'listen-stopped'],
    ...stops.map((r): [Recorded, CauseRole] => [r, 'stop-processed']),
    [proof.olderStart, 'older-start-processed-last'],
    [proof.olderListen, 'listen-started'],
    [rec, 'stale-error'],
  ];
  const { staleId: y, currentId: x } = stale;
  return {
    rule: STALE_OBSERVE_REORDER,
    severity: 'error',
    regionId: region.regionId,
    store: region.store,
    message: `Region ${region.regionId}: the Start with older ObserveId(${y}) was processed after the newer ObserveId(${x}) and rejected as stale, so log backup stopped observing the region (tikv/tikv#18243).`,
    explanation: explanation(
      `Two Starts for region ${region.regionId} reached the log-backup subscription manager out of order. ObserveId(${y}) was allocated first (by the leader change) but waited behind the Stops of the election in the endpoint queue, while ObserveId(${x}) (from the task registration's leader scan) went directly to the manager and was handled first. When the older Start's initial scan asked raftstore for a snapshot, raftstore already held ObserveId(${x}) and answered "stale observe id"; that error is not retried.`,
      'The subscription is left pending and never restarted: the region is no longer observed, its writes are not captured by log backup, and the task\'s checkpoint stops advancing (repeated "pending region, skip resolving").',
      `${FIX_VERSIONS} ${WORKAROUND}`,
    ),
    location: { file: rec.event.file, line: rec.event.line },
    causes: chain(links),
    queue: reconstructQueue({ events, tasks, from, to: rec.seq }),
  };
}

export const staleObserveReorder: Rule = {
  id: STALE_OBSERVE_REORDER,
  severity: 'error',
  title: 'Older Start processed after a newer one and rejected as stale',
  doc: 'docs/rules/stale-observe-reorder.md',
  // staleOf reads only these two.
  eventTypes: ['backup-error', 'observe-op'],
  onEvent(ctx: EventContext): Finding[] | undefined {
    const stale = staleOf(ctx.rec);
    const region = ctx.region;
    if (stale === undefined || region === undefined) return undefined;
    const finding = buildReorderFinding(ctx.rec, region, ctx.store, stale);
    if (finding === undefined || !ctx.once(staleKey(region, stale))) return undefined;
    return [finding];
  },
};
