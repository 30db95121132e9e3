// THE INCIDENT MIX (`--mix incident`, README "Incident mix"): the log of a store caught in an election
// storm, e.g. one that rejoins its cluster after a restart or a network partition. It leads no region at
// first. Per call:
//   30% one background line (noise.ts: RocksDB, slow queries, S3 throttling, long and escaped values),
//       about a tenth of the lines;
//   rarely a split (noise.ts);
//   else the next region of a sweep (every region once per round, in a seeded order, so the storm touches
//   all of them) gets one storm sequence.
// Round 1 is the rejoin: every region hears its leader's heartbeat at a higher term (2-3 lines), so a file
// of ~500 bytes per region touches every region. From round 2 the peers keep flapping. A follower: an
// aborted pre-vote (48%), a heartbeat at a higher term (45%), or a healthy flow of flows.ts: wins an
// election (2.5%), votes for another candidate (2.5%), loses a pre-vote (2%). A leader steps down on a
// higher-term append or is moved away by PD (half the time; otherwise the sweep moves on): about one region
// in twenty is led here. Role changes come out at ~39% of lines, on_modify_observe at ~5.5-6%.
// Log backup sees a role change (a Stop) only when raftstore's soft state (role, leader) differs between
// two readies: not for an aborted pre-vote (its heartbeat is handled in the same ready) nor for a
// heartbeat from the leader the peer already followed. Every Stop, Start, id, retry and Pending comes
// from flows.ts, so the noise still never forms a bug pattern.
import * as BG from './background';
import * as F from './flows';
import type { Noise } from './noise';
import * as R from './raftMessages';
import { otherPeers, type Region } from './region';
import type { Sim } from './sim';

const BACKGROUND_P = 0.3;
const SPLIT_P = 0.0005;
/** Follower sequences: aborted pre-vote, heartbeat at a higher term, win, vote for another, lose a pre-vote. */
const FOLLOWER_WEIGHTS = [48, 45, 2.5, 2.5, 2];
/** A higher-term heartbeat that comes from another leader than the one followed: a role change, so a Stop. */
const NEW_LEADER_P = 0.15;
const STEP_DOWN_P = 0.5;
const PD_TRANSFER_P = 0.15;

/** Visits every region once per round, in a seeded order; regions made by splits join the next round. */
class Sweep {
  /** 1 during the first pass over the regions. */
  round = 0;
  private order: Region[] = [];
  private at = 0;

  constructor(private readonly sim: Sim) {}

  next(): Region {
    if (this.at >= this.order.length) {
      this.order = this.sim.rng.shuffle([...this.sim.regions]);
      this.at = 0;
      this.round++;
    }
    return this.order[this.at++];
  }
}

export class Storm {
  private readonly sweep: Sweep;
  /** Regions the storm has started a sequence on (each writes at least one role change). */
  readonly visited = new Set<number>();

  constructor(private readonly sim: Sim, private readonly noise: Noise) {
    this.sweep = new Sweep(sim);
    // Back from a restart or a partition: every region is led from another store.
    for (const r of sim.regions) r.leader = false;
  }

  tick(): void {
    const sim = this.sim;
    const x = sim.rng.float();
    if (sim.quiet || x < BACKGROUND_P) {
      this.noise.background();
      return;
    }
    if (x < BACKGROUND_P + SPLIT_P && this.noise.split()) return;
    for (let i = 0; i < 8; i++) {
      const r = this.sweep.next();
      if (!r.busy && this.visit(r)) {
        this.visited.add(r.id);
        return;
      }
    }
    this.noise.background();
  }

  private visit(r: Region): boolean {
    const sim = this.sim;
    const rng = sim.rng;
    if (r.leader) {
      // A leader whose observation is still being set up is left to the flow that does it.
      if (sim.taskActive && r.sub?.state !== 'running') return false;
      if (!rng.chance(STEP_DOWN_P)) return false;
      if (rng.chance(PD_TRANSFER_P)) F.loseLeadership(sim, r, (toStore, toPeer) => sim.emit(BG.pdTransferLeader(sim, r, toStore, toPeer)));
      else stepDownOnHigherTerm(sim, r);
      return true;
    }
    if (this.sweep.round === 1) {
      heartbeatAtHigherTerm(sim, r, rng.chance(NEW_LEADER_P));
      return true;
    }
    switch (rng.weighted(FOLLOWER_WEIGHTS)) {
      case 0: abortedPreVote(sim, r); break;
      case 1: heartbeatAtHigherTerm(sim, r, rng.chance(NEW_LEADER_P)); break;
      case 2: F.winElection(sim, r, { preVote: true, transferFrom: rng.chance(0.2) ? rng.pick(otherPeers(r)).id : undefined }); break;
      case 3: F.followerElection(sim, r, rng.pick(otherPeers(r)).id); break;
      default: F.preCandidateLoses(sim, r);
    }
    return true;
  }
}

/**
 * The election timer fires while the leader's heartbeat is already queued: starting a new election,
 * pre-candidate, the pre-vote broadcast, then back to follower of the same leader at the same term. Both
 * transitions land in one ready, so there is no role change for log backup (no Stop).
 */
export function abortedPreVote(sim: Sim, r: Region): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const tid = sim.tid('raftstore');
  new F.Script(sim)
    .then(0, () => sim.emit(R.startingElection(r, T, tid)))
    .then(rng.int(2), () => sim.emit(R.becamePreCandidate(r, T, tid)))
    .then(rng.int(2), () => sim.emit(R.broadcastVote(r, otherPeers(r).map((p) => p.id), r.index, T, T, 'MsgRequestPreVote', tid)))
    .then(rng.range(1, 4), () => {
      sim.emit(R.becameFollower(r, T, F.fromRole(sim, 'PreCandidate'), tid));
      r.busy = false;
    });
}

/**
 * A leader was elected at a higher term without this peer's vote; its heartbeat brings the term. When it
 * is the leader the peer already followed (re-elected) nothing changes for log backup; a new leader is a
 * role change: a Stop.
 */
export function heartbeatAtHigherTerm(sim: Sim, r: Region, newLeader: boolean): void {
  r.busy = true;
  const T = r.term;
  const leader = sim.rng.pick(otherPeers(r)).id;
  const tid = sim.tid('raftstore');
  new F.Script(sim)
    .then(0, () => sim.emit(R.higherTerm(r, leader, 'MsgHeartbeat', T + 1, T, tid)))
    .then(sim.rng.int(2), () => {
      sim.emit(R.becameFollower(r, T + 1, F.fromRole(sim, 'Follower'), tid));
      r.term = T + 1;
      if (newLeader) F.sendStop(sim, r, () => { r.busy = false; });
      else r.busy = false;
    });
}

/** A leader cut off for a while hears of the newer leader's term from its append and steps down: a Stop. */
export function stepDownOnHigherTerm(sim: Sim, r: Region): void {
  const rng = sim.rng;
  r.busy = true;
  const T = r.term;
  const term = T + 1 + rng.int(2);
  const leader = rng.pick(otherPeers(r)).id;
  const tid = sim.tid('raftstore');
  new F.Script(sim)
    .then(0, () => sim.emit(R.higherTerm(r, leader, 'MsgAppend', term, T, tid)))
    .then(rng.int(2), () => {
      sim.emit(R.becameFollower(r, term, F.fromRole(sim, 'Leader'), tid));
      r.term = term;
      r.leader = false;
      F.sendStop(sim, r, () => { r.busy = false; });
    });
}
