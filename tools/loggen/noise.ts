// Background noise: one call emits one line, or starts a healthy multi-line flow for a random region.
//
// THE MIX (see README.md). Per call, before any scenario:
//   ~6%  start a raft flow on a random idle region: another peer's election seen as follower (35%), this
//        peer wins (25%, some by leader transfer), the leader is moved away (25%), a pre-vote that loses
//        (15%). Each flow writes 3-8 raft lines; with a task registered it also drives the observe
//        lifecycle (Stop ops, Start -> start listen stream -> initial scanning finished! -> result), with
//        3% retryable start failures (Pending for a round or two, then retried) and 5% retryable
//        initial-snapshot errors;
//   ~0.3% split a region (PD ask, apply, RefreshResolver re-observes the leader, the new half elects);
//   else one background line: RocksDB through the logger, apply compact-log, raft messages with lower
//        terms, store address resolution, gRPC aborts, snapshots, GC, slow queries (`[slow-query]`, ~1 KB),
//        disk usage (raw CJK path), PD client leader changes and timeouts (empty `[via=]` values);
//        with a task, rarely a throttled S3 flush (a benign meet error of ~3 KB).
// The analysis-relevant share (role changes + backup-stream lines) comes out at 15-25% of lines.
import * as BG from './background';
import * as F from './flows';
import { otherPeers, type Region } from './region';
import { makeRegion } from './pool';
import { rowKey } from './keys';
import { processStart } from './flows';
import * as B from './backupMessages';
import type { Sim } from './sim';

const FLOW_P = 0.06;
const SPLIT_P = 0.003;
const BACKGROUND_WEIGHTS = [25, 12, 6, 4, 1, 3, 3, 3, 5, 6, 2, 1.5, 0.2];

export class Noise {
  private ticks = 0;
  private leaderShare = 1 / 3;

  constructor(private readonly sim: Sim) {}

  tick(): void {
    const sim = this.sim;
    const x = sim.rng.float();
    if (++this.ticks % 1024 === 0) this.measureLeaders();
    if (!sim.quiet && x < FLOW_P && this.startFlow()) return;
    if (!sim.quiet && x >= FLOW_P && x < FLOW_P + SPLIT_P && this.split()) return;
    this.background();
  }

  private measureLeaders(): void {
    let n = 0;
    for (const r of this.sim.regions) if (r.leader) n++;
    this.leaderShare = n / this.sim.regions.length;
  }

  private startFlow(): boolean {
    const sim = this.sim;
    const rng = sim.rng;
    // Keep roughly a third of the regions led from this store, as PD's balancing would.
    const skew = this.leaderShare < 0.28 ? 0.15 : this.leaderShare > 0.4 ? -0.15 : 0;
    const k = rng.weighted([0.35, 0.25 + skew, 0.25 - skew, 0.15]);
    if (k === 0) {
      const r = sim.pickRegion((x) => !x.leader);
      if (!r) return false;
      F.followerElection(sim, r, rng.pick(otherPeers(r)).id);
    } else if (k === 1) {
      const r = sim.pickRegion((x) => !x.leader);
      if (!r) return false;
      const transfer = rng.chance(0.2) ? rng.pick(otherPeers(r)).id : undefined;
      F.winElection(sim, r, { preVote: true, transferFrom: transfer });
    } else if (k === 2) {
      const r = sim.pickRegion((x) => x.leader && (!sim.taskActive || x.sub?.state === 'running'));
      if (!r) return false;
      F.loseLeadership(sim, r, (toStore, toPeer) => sim.emit(BG.pdTransferLeader(sim, r, toStore, toPeer)));
    } else {
      const r = sim.pickRegion((x) => !x.leader);
      if (!r) return false;
      F.preCandidateLoses(sim, r);
    }
    return true;
  }

  /** A split; a leader that is observed re-observes through RefreshResolver. */
  split(): boolean {
    const sim = this.sim;
    if (sim.regions.length >= sim.o.regions * 1.5) return false;
    const r = sim.pickRegion((x) => !x.leader || !sim.taskActive || x.sub?.state === 'running');
    if (!r || !canSplit(r)) return false;
    r.busy = true;
    new F.Script(sim)
      .then(0, () => {
        if (r.leader) sim.emit(BG.batchSplit(sim, r, sim.nextRegionId, r.peers.map((_, i) => sim.nextRegionId + 1 + i)));
      })
      .then(sim.rng.range(10, 60), () => {
        applySplit(sim, r);
        if (r.leader && sim.taskActive && r.sub) {
          const old = r.sub.id;
          // TiKV makes the refresh's new handle when it processes the op. Pre-fix, Starts get theirs when
          // sent, so a refresh handled between a Start's send and its processing would print a smaller id
          // after a larger one (harmless: another region). Taking it at send time keeps the noise's ids
          // strictly increasing in processing order across all regions, so no checker can mistake it.
          const early = sim.version === 'pre-fix' ? sim.allocObserveId() : null;
          sim.toManager(sim.rng.range(1, 6), () => {
            const tid = sim.tid('backupStream');
            sim.emit(B.onModifyObserve(B.refreshOp(r), tid));
            sim.emit(B.stopListen(r, old, tid));
            // The refresh re-registers with a fresh handle and an initial scan, like a Start.
            const id = early ?? sim.allocObserveId();
            r.sub = { id, state: 'running' };
            sim.emit(B.startListen(r, id, tid));
            F.initialScan(sim, r, id, false, () => { r.busy = false; });
          });
        } else {
          r.busy = false;
        }
      });
    return true;
  }

  background(): void {
    const sim = this.sim;
    const k = sim.rng.weighted(BACKGROUND_WEIGHTS);
    const r: Region = sim.regions[sim.rng.int(sim.regions.length)];
    switch (k) {
      case 0: sim.emit(BG.rocksdb(sim)); break;
      case 1: sim.emit(BG.compactLog(sim, r)); break;
      case 2: sim.emit(BG.lowerTermMessage(sim, r)); break;
      case 3: sim.emit(BG.resolveStore(sim)); break;
      case 4: sim.emit(BG.connectionAborted(sim)); break;
      case 5: sim.emit(BG.requestSnapshot(sim, r)); break;
      case 6: sim.emit(BG.snapshotDeleted(sim, r)); break;
      case 7: sim.emit(BG.applySnapshot(sim, r)); break;
      case 8: sim.emit(BG.gc(sim)); break;
      case 9: sim.emit(BG.slowQuery(sim, r)); break;
      case 10: sim.emit(BG.diskUsage(sim)); break;
      case 11: sim.emit(BG.pdClient(sim)); break;
      default:
        if (sim.taskActive) flushThrottled(sim);
        else sim.emit(BG.diskUsage(sim));
    }
  }
}

/** A log-backup flush throttled by S3: benign and retried, with a long, doubly escaped error body. */
export function flushThrottled(sim: Sim): void {
  const e = BG.s3SlowDown(sim);
  sim.emit(B.meetError(sim.version, {
    file: 'components/backup-stream/src/router.rs', line: 1057, col: 21,
    verbose: e.verbose, display: e.display, context: `failed to flush task ${sim.taskName}; will retry`,
  }, sim.tid('backupStream')));
}

export function canSplit(r: Region): boolean {
  const { lo, hi } = r.span;
  return hi === -1 || hi - Math.max(lo, 0) >= 4;
}

/**
 * Right-derived split (TiKV's default): the new region takes the left half and the old one keeps the
 * right. Logs the apply line; the new half of a leader campaigns right away and elects, as on a real store.
 */
export function applySplit(sim: Sim, r: Region): Region {
  const rng = sim.rng;
  const { table, lo, hi } = r.span;
  const from = Math.max(lo, 0);
  const to = hi === -1 ? from + 4_000_000 : hi;
  const mid = from + 1 + rng.int(to - from - 2);
  const splitKey = rowKey(table, mid);
  const newId = sim.nextRegionId;
  sim.nextRegionId += 4 + rng.int(10) * 4;
  sim.emit(BG.splitRegion(sim, r, splitKey));
  const child = makeRegion(rng, {
    id: newId, start: r.start, end: splitKey, stores: r.peers.map((p) => p.store), local: sim.o.store,
    term: 5, leader: false, v2: r.v2, ver: r.ver + 1, confVer: r.confVer, span: { table, lo, hi: mid },
  });
  r.start = splitKey;
  r.ver += 1;
  r.span = { table, lo: mid, hi };
  sim.addRegion(child);
  if (r.leader) {
    child.busy = true;
    sim.after(rng.range(5, 50), () => F.winElection(sim, child, { preVote: true }));
  }
  return child;
}

/** The registration scan: every idle local leader gets a Start sent straight to the manager, in key order. */
export function scanLeaders(sim: Sim, done: () => void): number {
  const leaders = sim.regions.filter((r) => r.leader && !r.busy);
  let left = leaders.length;
  if (left === 0) done();
  for (const r of leaders) {
    r.busy = true;
    const id = sim.version === 'pre-fix' ? sim.allocObserveId() : null;
    sim.toManager(sim.rng.int(2), () => processStart(sim, r, id, 'ok', () => {
      r.busy = false;
      if (--left === 0) done();
    }));
  }
  return leaders.length;
}
