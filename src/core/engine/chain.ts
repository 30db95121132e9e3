// Building blocks for causal chains: turning recorded events into cause links, and finding the
// election and task registration that belong to an episode.
import type { DomainEvent, RoleChangeEvent } from '../events';
import { describe } from './describe';
import type { Cause, CauseRole, Recorded } from './types';

/** The ObserveIds a line names, its own first: its op's or subscription's, then the one replaced or current. */
function observeIdsOf(ev: DomainEvent): string[] {
  const ids: (string | undefined)[] = [];
  if (ev.type === 'observe-op') ids.push(ev.observeId, ev.stale?.staleId, ev.stale?.currentId);
  else if (ev.type === 'subscription') ids.push(ev.observeId, ev.oldObserveId);
  else if (ev.type === 'backup-error') ids.push(ev.stale?.staleId, ev.stale?.currentId);
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

export function cause(rec: Recorded, role: CauseRole, message?: string): Cause {
  const ev = rec.event;
  // The ids travel with the cause, so no reader has to take them back out of the message.
  const observeIds = observeIdsOf(ev);
  const stale = ev.type === 'observe-op' || ev.type === 'backup-error' ? ev.stale : undefined;
  return {
    file: ev.file, line: ev.line, ts: ev.ts, message: message ?? describe(ev), role,
    ...(observeIds.length > 0 ? { observeIds } : {}),
    ...(stale !== undefined ? { stale } : {}),
  };
}

/** Links in log order, each line once (the first role given to it wins). */
export function chain(links: readonly (readonly [Recorded | undefined, CauseRole])[]): Cause[] {
  const seen = new Set<number>();
  const kept: [Recorded, CauseRole][] = [];
  for (const [rec, role] of links) {
    if (rec === undefined || seen.has(rec.seq)) continue;
    seen.add(rec.seq);
    kept.push([rec, role]);
  }
  return kept.sort((a, b) => a[0].seq - b[0].seq).map(([rec, role]) => cause(rec, role));
}

/**
 * The latest election that ended in leadership before `beforeSeq`: the leader change and the
 * election, pre-candidate and candidate steps after the previous leader change.
 */
export function lastElection(events: readonly Recorded[], beforeSeq: number): Recorded[] {
  const prior = events.filter((r) => r.seq < beforeSeq);
  let leaderAt = -1;
  for (let i = prior.length - 1; i >= 0; i--) {
    const ev = prior[i].event;
    if (ev.type === 'role-change' && ev.role === 'leader') {
      leaderAt = i;
      break;
    }
  }
  if (leaderAt < 0) return [];
  const leader = prior[leaderAt].event as RoleChangeEvent;
  const out: Recorded[] = [prior[leaderAt]];
  const minTerm = BigInt(leader.term) - 1n;
  for (let i = leaderAt - 1; i >= 0; i--) {
    const ev = prior[i].event;
    if (ev.type === 'role-change') {
      if (ev.role === 'leader' || BigInt(ev.term) < minTerm) break;
      if (ev.role !== 'follower') out.unshift(prior[i]);
    } else if (ev.type === 'election') {
      if (ev.term !== undefined && BigInt(ev.term) < minTerm) break;
      out.unshift(prior[i]);
    }
  }
  return out;
}

export function roleOfStep(rec: Recorded): CauseRole {
  const ev = rec.event;
  if (ev.type === 'election') return 'election';
  if (ev.type === 'role-change') return ev.role;
  return 'root-cause';
}

/** Registration lines of the store shortly before `beforeSeq` (within `maxAgeMs` when times are known). */
export function registrationBefore(tasks: readonly Recorded[], beforeSeq: number, ts: number | null, maxAgeMs = 10 * 60_000): Recorded[] {
  const out: Recorded[] = [];
  for (let i = tasks.length - 1; i >= 0 && out.length < 2; i--) {
    const r = tasks[i];
    const ev = r.event;
    if (r.seq >= beforeSeq || ev.type !== 'task') continue;
    if (ev.what !== 'register-task' && ev.what !== 'register-ranges') continue;
    if (ts !== null && ev.ts !== null && ts - ev.ts > maxAgeMs) break;
    if (out.some((o) => o.event.type === 'task' && o.event.what === ev.what)) continue;
    out.unshift(r);
  }
  return out;
}
