// Healthy, multi-line sequences for one region: elections seen from each side, leadership transfer,
// split, and the log-backup observe lifecycle. They keep the invariants a correct TiKV keeps, which is
// what makes the bug scenarios stand out:
//  - every op for the subscription manager goes through one FIFO, so ObserveIds increase in the order
//    they are processed (pre-fix ids are allocated when the op is sent, post-fix when it is processed);
//  - after a region becomes leader, its Start carries a new, larger id;
//  - a Pending subscription is always retried and becomes Running again within a few resolve rounds;
//  - Stops/Starts exist only while a task is registered (otherwise the observer hibernates).
import * as B from './backupMessages';
import * as R from './raftMessages';
import { otherPeers, observeHandle, type Region } from './region';
import type { Sim } from './sim';
import { rustDuration, tso } from './units';

/** Steps at cumulative delays after "now", for a sequence of lines that belong together. */
export class Script {
  private t: number;

  constructor(private readonly sim: Sim) {
    this.t = sim.clock;
  }

  then(delayMs: number, fn: () => void): this {
    this.t += delayMs;
    this.sim.at(this.t, fn);
    return this;
  }
}

type Done = () => void;
const noop: Done = () => {};

export type StartMode = 'ok' | 'retryable-scan' | 'failed-start';

function latency(sim: Sim): number {
  return sim.rng.range(1, 6);
}

/** `[from_role=..]` as this raft-rs prints it, or null before it did. */
export function fromRole(sim: Sim, role: R.Role): R.Role | null {
  return sim.o.fromRole ? role : null;
}

// ---- log-backup observe lifecycle ----

/** RoleChange to a non-leader state: a Stop for the manager, unless the observer hibernates. */
export function sendStop(sim: Sim, r: Region, done: Done = noop): void {
  if (!sim.taskActive) {
    done();
    return;
  }
  sim.toManager(latency(sim), () => {
    processStop(sim, r);
    done();
  });
}

export function processStop(sim: Sim, r: Region): void {
  sim.emit(B.onModifyObserve(B.stopOp(r), sim.tid('backupStream')));
  if (r.sub) {
    sim.emit(B.stopListen(r, r.sub.id, sim.tid('backupStream')));
    r.sub = null;
    sim.clearPending(r);
  }
}

/** `on_applied_current_term(Leader)`: a Start for the manager. Pre-fix the handle is made right here. */
export function sendStart(sim: Sim, r: Region, mode: StartMode, done: Done): void {
  const id = sim.version === 'pre-fix' ? sim.allocObserveId() : null;
  sim.toManager(latency(sim), () => processStart(sim, r, id, mode, done));
}

export function processStart(sim: Sim, r: Region, handleId: number | null, mode: StartMode, done: Done): void {
  const tid = sim.tid('backupStream');
  sim.emit(B.onModifyObserve(B.startOp(r, handleId), tid));
  const id = handleId ?? sim.allocObserveId();
  if (mode === 'failed-start') {
    failedStart(sim, r, id, done);
    return;
  }
  r.sub = { id, state: 'running' };
  sim.clearPending(r);
  sim.emit(B.startListen(r, id, tid));
  initialScan(sim, r, id, mode === 'retryable-scan', done);
}

const RETRYABLE_SNAPSHOT = [
  (r: Region) => `message: "read index not ready, reason can not read index due to split, region ${r.id}" read_index_not_ready { reason: "can not read index due to split" region_id: ${r.id} }`,
  () => 'message: "server is busy" server_is_busy { reason: "too many pending raft messages" }',
];

export function initialScan(sim: Sim, r: Region, id: number, retryable: boolean, done: Done): void {
  const rng = sim.rng;
  const s = new Script(sim);
  let elapsed = 0;
  if (retryable) {
    const d = rng.range(20, 200);
    elapsed += d;
    s.then(d, () => {
      const pb = rng.pick(RETRYABLE_SNAPSHOT)(r);
      sim.emit(B.meetError(sim.version, B.snapshotError(r, pb, true), sim.tid('backupScan')));
    });
  }
  const d = rng.range(15, 900);
  elapsed += d;
  s.then(d, () => {
    sim.emit(B.initialScanFinished(r, tso(sim.clock - rng.range(5_000, 180_000)), rustDuration(elapsed * 1e6 + rng.int(1e6)), sim.tid('backupScan')));
    sim.toManager(latency(sim), () => {
      sim.emit(B.onModifyObserve(B.notifyOp(r, id, true, null), sim.tid('backupStream')));
      done();
    });
  });
}

const ETCD_TIMEOUT = {
  display: 'Etcd meet error grpc request error: status: Unavailable, message: "etcdserver: request timed out", details: [], metadata: MetadataMap { headers: {} }',
  debug: 'Etcd(GRpcStatus(Status { code: Unavailable, message: "etcdserver: request timed out", source: None }))',
};

/** A retryable failure before the region is registered: Pending for a round or two, then retried. */
function failedStart(sim: Sim, r: Region, id: number, done: Done): void {
  const rng = sim.rng;
  sim.emit(B.failedToStart(r, ETCD_TIMEOUT.display, sim.tid('backupStream')));
  sim.toManager(latency(sim), () => {
    const tid = sim.tid('backupStream');
    sim.emit(B.onModifyObserve(B.notifyOp(r, id, true, ETCD_TIMEOUT.debug), tid));
    sim.emit(B.inactivating(r, id, tid));
    r.sub = { id, state: 'pending' };
    sim.setPending(r);
    sim.after(Math.round(sim.o.resolveIntervalMs * (1.2 + rng.float())), () => {
      const tid2 = sim.tid('backupStream');
      if (sim.version === 'pre-fix') {
        const retryId = sim.allocObserveId();
        sim.emit(B.retryObserve(observeHandle(retryId, true), 1, r.id, tid2));
        sim.toManager(latency(sim), () => processStart(sim, r, retryId, 'ok', done));
      } else {
        sim.emit(B.retryObserve(observeHandle(id, false), 1, r.id, tid2));
        sim.toManager(latency(sim), () => processStart(sim, r, null, 'ok', done));
      }
    });
  });
}

/** Mostly clean starts; a few meet a retryable error on the way, which must not look like a loss. */
export function pickStartMode(sim: Sim): StartMode {
  const x = sim.rng.float();
  // A retry cut off by the end of the file would look like a region left Pending: not near the end.
  if (sim.remainingMs() < 3 * sim.o.resolveIntervalMs + 3000) return 'ok';
  return x < 0.03 ? 'failed-start' : x < 0.08 ? 'retryable-scan' : 'ok';
}

// ---- raft elections ----

export interface WinOptions {
  readonly preVote: boolean;
  /** The leader that handed over with MsgTimeoutNow (a transfer: no pre-vote). */
  readonly transferFrom?: number;
  /** Called instead of the usual Start once the leader applied an entry of its term. */
  readonly onApplied?: () => void;
}

/** This store's peer campaigns and wins: pre-candidate -> candidate -> leader, then the Start. */
export function winElection(sim: Sim, r: Region, opt: WinOptions, done: Done = noop): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const others = otherPeers(r);
  const to = others.map((p) => p.id);
  const voter = rng.pick(others).id;
  const raftTid = sim.tid('raftstore');
  const s = new Script(sim);
  if (opt.transferFrom !== undefined) {
    const from = opt.transferFrom;
    s.then(0, () => sim.emit(R.timeoutNow(r, T, from, raftTid)));
  }
  s.then(0, () => sim.emit(R.startingElection(r, T, raftTid)));
  if (opt.preVote && opt.transferFrom === undefined) {
    s.then(rng.int(2), () => {
      sim.emit(R.becamePreCandidate(r, T, raftTid));
      sendStop(sim, r);
    });
    s.then(rng.int(2), () => sim.emit(R.broadcastVote(r, to, r.index, T, T, 'MsgRequestPreVote', raftTid)));
    s.then(rng.range(2, 15), () => sim.emit(R.votesResponse(r, T, 'MsgRequestPreVote', 2, 0, voter, true, raftTid)));
  }
  s.then(rng.int(2), () => {
    sim.emit(R.becameCandidate(r, T + 1, raftTid));
    r.term = T + 1;
    sendStop(sim, r);
  });
  s.then(rng.int(2), () => sim.emit(R.broadcastVote(r, to, r.index, T, T + 1, 'MsgRequestVote', raftTid)));
  s.then(rng.range(2, 15), () => sim.emit(R.votesResponse(r, T + 1, 'MsgRequestVote', 2, 0, voter, true, raftTid)));
  s.then(rng.int(2), () => {
    sim.emit(R.becameLeader(r, T + 1, raftTid));
    r.leader = true;
    r.index += 1;
  });
  s.then(rng.range(3, 40), () => {
    if (opt.onApplied) {
      opt.onApplied();
    } else if (sim.taskActive) {
      sendStart(sim, r, pickStartMode(sim), () => {
        r.busy = false;
        done();
      });
    } else {
      r.busy = false;
      done();
    }
  });
}

/** PD moves the leader away: transfer, the target's vote request with a higher term, step down, Stop. */
export function loseLeadership(sim: Sim, r: Region, pdLine: (toStore: number, toPeer: number) => void, done: Done = noop): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const target = rng.pick(otherPeers(r));
  const tid = sim.tid('raftstore');
  const pos = { logTerm: T, index: r.index };
  new Script(sim)
    .then(0, () => pdLine(target.store, target.id))
    .then(rng.range(1, 5), () => sim.emit(R.transferLeadership(r, T, target.id, tid)))
    .then(rng.range(3, 30), () => sim.emit(R.higherTerm(r, target.id, 'MsgRequestVote', T + 1, T, tid)))
    .then(rng.int(2), () => {
      sim.emit(R.becameFollower(r, T + 1, fromRole(sim, 'Leader'), tid));
      r.term = T + 1;
      r.leader = false;
      sendStop(sim, r, () => {
        r.busy = false;
        done();
      });
    })
    .then(rng.int(2), () => sim.emit(R.castVote(r, 'MsgRequestVote', target.id, 0, pos, pos, T + 1, tid)));
}

/** Another peer campaigns; this follower grants the pre-vote and the vote and follows the new term. */
export function followerElection(sim: Sim, r: Region, candidate: number, done: Done = noop): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const tid = sim.tid('raftstore');
  const mine = { logTerm: T, index: r.index };
  const theirs = { logTerm: T, index: r.index + rng.int(3) };
  const oldVote = rng.chance(0.5) ? rng.pick(otherPeers(r)).id : 0;
  new Script(sim)
    .then(0, () => sim.emit(R.higherTerm(r, candidate, 'MsgRequestPreVote', T + 1, T, tid)))
    .then(rng.int(2), () => sim.emit(R.castVote(r, 'MsgRequestPreVote', candidate, oldVote, mine, theirs, T, tid)))
    .then(rng.range(4, 30), () => sim.emit(R.higherTerm(r, candidate, 'MsgRequestVote', T + 1, T, tid)))
    .then(rng.int(2), () => {
      sim.emit(R.becameFollower(r, T + 1, fromRole(sim, 'Follower'), tid));
      r.term = T + 1;
      r.leader = false;
    })
    .then(rng.int(2), () => {
      sim.emit(R.castVote(r, 'MsgRequestVote', candidate, 0, mine, theirs, T + 1, tid));
      sendStop(sim, r, () => {
        r.busy = false;
        done();
      });
    });
}

/** A follower times out but the leader is alive: its pre-vote is rejected and it falls back. */
export function preCandidateLoses(sim: Sim, r: Region, done: Done = noop): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const others = otherPeers(r);
  const tid = sim.tid('raftstore');
  new Script(sim)
    .then(0, () => sim.emit(R.startingElection(r, T, tid)))
    .then(rng.int(2), () => {
      sim.emit(R.becamePreCandidate(r, T, tid));
      sendStop(sim, r);
    })
    .then(rng.int(2), () => sim.emit(R.broadcastVote(r, others.map((p) => p.id), r.index, T, T, 'MsgRequestPreVote', tid)))
    .then(rng.range(2, 15), () => sim.emit(R.votesResponse(r, T, 'MsgRequestPreVote', 1, 1, others[0].id, false, tid)))
    .then(rng.range(0, 10), () => sim.emit(R.votesResponse(r, T, 'MsgRequestPreVote', 1, 2, others[1].id, false, tid)))
    .then(rng.int(2), () => {
      sim.emit(R.becameFollower(r, T, fromRole(sim, 'PreCandidate'), tid));
      sendStop(sim, r, () => {
        r.busy = false;
        done();
      });
    });
}
