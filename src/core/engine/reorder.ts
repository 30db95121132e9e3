// Proof of the tikv/tikv#18243 reorder from what the log shows. A stale-observe-id error says the apply
// delegate already holds a newer id X than the Start being scanned (Y). It is a *reorder* when the log
// shows X's Start handled before Y's: either the on_modify_observe lines (pre-fix Starts print their id)
// or the tracker lines `start listen X`, `stop listen X`, then `start listen Y`.
import type { StaleIds } from '../events';
import { compareIds } from './observeIds';
import type { Recorded } from './types';

export interface ReorderProof {
  /** The newer Start (id X), processed first. */
  readonly newerStart?: Recorded;
  /** The older Start (id Y), processed after it. */
  readonly olderStart?: Recorded;
  readonly newerListen?: Recorded;
  readonly newerUnlisten?: Recorded;
  readonly olderListen?: Recorded;
}

function isStartOp(r: Recorded, id: string): boolean {
  return r.event.type === 'observe-op' && r.event.op === 'Start' && r.event.observeId === id;
}

function isListen(r: Recorded, what: 'start-listen' | 'stop-listen', id: string): boolean {
  return r.event.type === 'subscription' && r.event.what === what && r.event.observeId === id;
}

/** Undefined when the events before `beforeSeq` do not prove that X was handled before Y. */
export function proveReorder(events: readonly Recorded[], stale: StaleIds, beforeSeq: number): ReorderProof | undefined {
  const { staleId: y, currentId: x } = stale;
  if (compareIds(x, y) <= 0) return undefined; // not an id-order inversion (e.g. ids restarted with TiKV)
  const prior = events.filter((r) => r.seq < beforeSeq);
  const lastIndex = (pred: (r: Recorded) => boolean, below = prior.length) => {
    for (let i = Math.min(below, prior.length) - 1; i >= 0; i--) if (pred(prior[i])) return i;
    return -1;
  };

  const olderStartAt = lastIndex((r) => isStartOp(r, y));
  const newerStartAt = olderStartAt < 0 ? -1 : lastIndex((r) => isStartOp(r, x), olderStartAt);
  const olderListenAt = lastIndex((r) => isListen(r, 'start-listen', y));
  const unlistenAt = lastIndex((r) => isListen(r, 'stop-listen', x), olderListenAt < 0 ? prior.length : olderListenAt);
  const newerListenAt = unlistenAt < 0 ? -1 : lastIndex((r) => isListen(r, 'start-listen', x), unlistenAt);

  const byOps = olderStartAt >= 0 && newerStartAt >= 0;
  const byListen = newerListenAt >= 0 && unlistenAt >= 0 && (olderListenAt > unlistenAt || olderStartAt > unlistenAt);
  if (!byOps && !byListen) return undefined;
  const at = (i: number) => (i >= 0 ? prior[i] : undefined);
  return {
    newerStart: at(newerStartAt >= 0 ? newerStartAt : lastIndex((r) => isStartOp(r, x))),
    olderStart: at(olderStartAt),
    newerListen: at(newerListenAt >= 0 ? newerListenAt : lastIndex((r) => isListen(r, 'start-listen', x))),
    newerUnlisten: at(unlistenAt),
    olderListen: at(olderListenAt),
  };
}
