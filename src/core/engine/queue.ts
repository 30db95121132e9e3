// The reconstructed queue of one region: ops as issued versus ops as processed. The log only shows
// processing (`on_modify_observe`), so the issue side is inferred from what caused each op:
//   Stop  <- a role change away from leader (pre-candidate, candidate, follower), matched newest-first;
//   Start <- becoming leader (one per leader change, the lowest id after it), the task's leader scan
//            (a Start that overtook older ones, or one the leader already claimed), or a retry.
// Before tikv/tikv#18290 the ObserveId was allocated when a Start was sent, so ids give the issue order
// of Starts exactly; other ops are placed at their cause's line.
import type { ObserveOpEvent, RoleChangeEvent } from '../events';
import { compareIds } from './observeIds';
import type { IssuedOp, OpOrigin, ProcessedOp, Queue, Recorded } from './types';

export interface QueueInput {
  /** The region's events, log order. */
  readonly events: readonly Recorded[];
  /** The store's task events, log order. */
  readonly tasks: readonly Recorded[];
  /** Processed ops with seq in [from, to] form the queue. */
  readonly from: number;
  readonly to: number;
}

interface Slot {
  readonly rec: Recorded;
  readonly op: ObserveOpEvent;
  origin: OpOrigin;
  /** Where the op was issued, in add() order; fractional to sit just after its cause. */
  anchor: number;
  cause: Recorded | undefined;
}

function isOp(r: Recorded): r is Recorded & { event: ObserveOpEvent } {
  return r.event.type === 'observe-op';
}

function isRole(r: Recorded): r is Recorded & { event: RoleChangeEvent } {
  return r.event.type === 'role-change';
}

function lastBefore<T extends Recorded>(items: readonly T[], seq: number, pred: (r: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (items[i].seq < seq && pred(items[i])) return items[i];
  return undefined;
}

export function reconstructQueue(input: QueueInput): Queue {
  const { events, tasks, from, to } = input;
  const slots: Slot[] = events
    .filter(isOp)
    .filter((r) => r.seq >= from && r.seq <= to)
    .map((rec) => ({ rec, op: rec.event, origin: 'unknown', anchor: rec.seq, cause: undefined }));
  const roles = events.filter(isRole);

  matchStops(slots, roles);
  inferStarts(slots, roles, events, tasks);
  for (const s of slots) {
    if (s.op.op === 'RefreshResolver') s.origin = 'refresh';
    else if (s.op.op === 'Destroy') s.origin = 'destroy';
    else if (s.op.op === 'NotifyStartObserveResult') s.origin = 'result';
  }

  const issued = [...slots].sort((a, b) => a.anchor - b.anchor || a.rec.seq - b.rec.seq).map(toIssued);
  const processed: ProcessedOp[] = slots.map((s) => ({
    op: s.op.opName,
    ...(s.op.observeId !== undefined ? { observeId: s.op.observeId } : {}),
    file: s.op.file,
    line: s.op.line,
    ts: s.op.ts,
  }));
  return { issued, processed };
}

function toIssued(s: Slot): IssuedOp {
  const at = s.cause?.event ?? s.op;
  return {
    op: s.op.opName,
    ...(s.op.observeId !== undefined ? { observeId: s.op.observeId } : {}),
    origin: s.origin,
    file: at.file,
    line: at.line,
    ts: at.ts,
    processedAt: { file: s.op.file, line: s.op.line },
  };
}

/** Each Stop to the newest unmatched non-leader role change before it, walking Stops from the last. */
function matchStops(slots: Slot[], roles: readonly (Recorded & { event: RoleChangeEvent })[]): void {
  let bound = Infinity;
  for (let i = slots.length - 1; i >= 0; i--) {
    const s = slots[i];
    if (s.op.op !== 'Stop') continue;
    const limit = Math.min(s.rec.seq, bound);
    const cause = lastBefore(roles, limit, (r) => r.event.role !== 'leader');
    if (cause === undefined) continue;
    s.origin = cause.event.role as OpOrigin;
    s.cause = cause;
    s.anchor = cause.seq + 0.5;
    bound = cause.seq;
  }
}

function inferStarts(
  slots: Slot[],
  roles: readonly (Recorded & { event: RoleChangeEvent })[],
  events: readonly Recorded[],
  tasks: readonly Recorded[],
): void {
  const starts = slots.filter((s) => s.op.op === 'Start');
  const withIds = starts.filter((s) => s.op.observeId !== undefined);
  // Allocation order: by id when ids are printed (pre-fix), else processing order.
  const ordered = withIds.length === starts.length ? [...starts].sort((a, b) => compareIds(a.op.observeId ?? '', b.op.observeId ?? '')) : starts;
  const claimed = new Set<number>();
  const registration = (seq: number) =>
    lastBefore(tasks, seq, (r) => r.event.type === 'task' && (r.event.what === 'register-ranges' || r.event.what === 'register-task'));

  for (const s of ordered) {
    const id = s.op.observeId;
    const retry = id === undefined ? undefined : lastBefore(events, s.rec.seq, (r) => r.event.type === 'subscription' && r.event.what === 'retry' && r.event.observeId === id);
    if (retry !== undefined) {
      setOrigin(s, 'retry', retry);
      continue;
    }
    const leader = lastBefore(roles, s.rec.seq, (r) => r.event.role === 'leader');
    const overtook = id === undefined ? overtookStops(s, slots, leader) : false;
    if (leader !== undefined && !claimed.has(leader.seq) && !overtook) {
      claimed.add(leader.seq);
      setOrigin(s, 'leader', leader);
      continue;
    }
    const task = registration(s.rec.seq);
    if (task === undefined) continue;
    setOrigin(s, 'task-scan', task);
    // The scan only finds the region once it is leader: it sent this Start after the leader change.
    if (leader !== undefined && leader.seq > task.seq) s.anchor = leader.seq + 0.8;
  }
  // A later-allocated Start was issued after an earlier-allocated one, whatever its cause's line says.
  if (ordered === starts && withIds.length !== starts.length) return;
  let prev = -Infinity;
  for (const s of ordered) {
    if (s.anchor <= prev) s.anchor = prev + 0.001;
    prev = s.anchor;
  }
}

function setOrigin(s: Slot, origin: OpOrigin, cause: Recorded): void {
  s.origin = origin;
  s.cause = cause;
  s.anchor = cause.seq + 0.75;
}

/** Post-fix Starts carry no id: one processed before Stops that were issued earlier came the direct way. */
function overtookStops(start: Slot, slots: readonly Slot[], leader: Recorded | undefined): boolean {
  return slots.some(
    (o) => o.op.op === 'Stop' && o.rec.seq > start.rec.seq && o.cause !== undefined && (leader === undefined || o.cause.seq < leader.seq),
  );
}
