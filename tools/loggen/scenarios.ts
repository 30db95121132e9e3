// Scenarios: the exact line sequence of one region's story, started at a seeded (or given) position and
// interleaved with the noise. Each records where its key lines landed (ScenarioMeta) so tests and
// benchmarks can assert positions instead of searching for them.
//
//   stale-reorder     tikv#18243 on a pre-fix TiKV (reference section d): the task registration's scan Start
//                     (newer id) overtakes the leader's own Start (older id); the older one hits
//                     `stale observe id`, is not retried, and the region stays Pending to the end of the file.
//   post-fix          the same race on a fixed TiKV (>= v8.5.4): ids are made when processed, no error.
//   healthy-election  an election with no task registered: raft lines only, no Stop/Start at all.
//   refresh-absent    tikv#16469 / #14184: a stale or failed start leaves no record; the split's refresh finds
//                     the region absent and nothing observes it again. Variants `current` | `void`.
//   task-init-failed  tikv#16056: loading the task fails (`ranges not found`, an Etcd error); nothing is observed.
//   observation-lost  a Start fails with a non-retryable error (`not-leader` | `epoch-not-match`): Inactivating,
//                     then Pending forever.
//   follower-election the same kind of election seen from a follower's store (for multi-store samples).
import * as B from './backupMessages';
import { Script, processStop, sendStop } from './flows';
import { tableKey } from './keys';
import type { Position, ScenarioName, ScenarioSpec } from './options';
import { CLUSTER_STORES, makeRegion } from './pool';
import * as R from './raftMessages';
import { otherPeers, protoRegion, type Region } from './region';
import type { Sim } from './sim';
import * as BG from './background';
import { applySplit, canSplit, scanLeaders } from './noise';
import { rustDuration, tso } from './units';

export interface ScenarioMeta {
  readonly name: ScenarioName;
  readonly variant?: string;
  region: number;
  /** The local peer of the region (`raft_id`). */
  peer: number;
  /** ObserveIds by role, e.g. leaderStart / scanStart. */
  readonly ids: Record<string, number>;
  /** 1-based line numbers of the key lines. */
  readonly events: Record<string, number>;
  /** Epoch ms (UTC) of the same lines. */
  readonly times: Record<string, number>;
  readonly counts: Record<string, number>;
  /** What an analyzer should conclude about this region. */
  readonly expect: 'lost-observation' | 'healthy' | 'refresh-absent' | 'task-init-failed';
}

export interface ScenarioCtx {
  /** Registers the task's ranges: the observer stops hibernating, resolve rounds begin. */
  activateTask(): void;
  /** Counts `pending region, skip resolving` lines for the region into the meta. */
  watchPending(r: Region, meta: ScenarioMeta): void;
  /** First table of the pool; scenario regions that must come first in key order sit just before it. */
  readonly firstTable: number;
}

export type Needs = 'registers' | 'task' | 'no-task' | 'any';

export interface Scenario {
  readonly spec: ScenarioSpec;
  readonly meta: ScenarioMeta;
  readonly needs: Needs;
  /** True while running; a `no-task` scenario holds the task registration back until it is done. */
  active: boolean;
  start(sim: Sim, ctx: ScenarioCtx): void;
}

const NEEDS: Record<ScenarioName, Needs> = {
  'stale-reorder': 'registers',
  'post-fix': 'registers',
  'task-init-failed': 'registers',
  'healthy-election': 'no-task',
  'refresh-absent': 'task',
  'observation-lost': 'task',
  'follower-election': 'any',
};

export function needsOf(name: ScenarioName): Needs {
  return NEEDS[name];
}

/** Where a scenario may be placed when the caller did not say, given the task registration's position. */
export function defaultRange(needs: Needs, task: Position | null): [number, number] {
  const t = task && 'fraction' in task ? task.fraction : null;
  switch (needs) {
    case 'registers': return [0.1, 0.5];
    case 'no-task': return t === null ? [0.05, 0.9] : [Math.min(0.02, t / 2), Math.max(0.02, t - 0.05)];
    case 'task': return [Math.min(0.85, (t ?? 0) + 0.05), 0.85];
    case 'any': return [0.05, 0.9];
  }
}

// Long enough for in-flight elections to settle; short, because no noise flow starts meanwhile.
const QUIET_BEFORE_REGISTRATION_MS = 500;

function param(spec: ScenarioSpec, key: string, dflt: number): number {
  const v = spec.params?.[key];
  return v === undefined ? dflt : v;
}

function newMeta(spec: ScenarioSpec, expect: ScenarioMeta['expect']): ScenarioMeta {
  return { name: spec.name, variant: spec.variant, region: 0, peer: 0, ids: {}, events: {}, times: {}, counts: {}, expect };
}

function marker(sim: Sim, meta: ScenarioMeta) {
  return (key: string, line: number): number => {
    meta.events[key] = line;
    meta.times[key] = sim.clock;
    return line;
  };
}

/** A region created for the scenario (fixed id and key range), placed before the pool in key order. */
function scenarioRegion(sim: Sim, spec: ScenarioSpec, ctx: ScenarioCtx, leaderStore: number, dflt: { id: number; table: number }): Region {
  const id = param(spec, 'region', dflt.id);
  if (sim.byId.has(id)) throw new Error(`${spec.name}: region ${id} already exists in this file`);
  const local = sim.o.store;
  const rest = CLUSTER_STORES.filter((s) => s !== leaderStore);
  const storeB = param(spec, 'storeB', local !== leaderStore ? local : rest[0]);
  const storeC = param(spec, 'storeC', rest.find((s) => s !== storeB) ?? rest[1]);
  const stores = [leaderStore, storeB, storeC];
  if (new Set(stores).size !== 3 || !stores.includes(local)) throw new Error(`${spec.name}: region ${id} needs three stores including ${local}`);
  const table = param(spec, 'table', ctx.firstTable - dflt.table);
  const r = makeRegion(sim.rng, {
    id, start: tableKey(table), end: tableKey(table + 1), stores, local,
    term: param(spec, 'term', 8), leader: false, v2: sim.o.raftContext === 'v2',
    ver: param(spec, 'ver', 82), confVer: param(spec, 'confVer', 5), span: { table, lo: -1, hi: -1 },
  });
  r.busy = true;
  sim.addRegion(r);
  return r;
}

/** A pre-vote election this store's peer wins; `onStop` is where each RoleChange's Stop goes. */
function scriptedElection(sim: Sim, s: Script, r: Region, mark: (k: string, l: number) => number, onStop: () => void): void {
  const rng = sim.rng;
  const T = r.term;
  const others = otherPeers(r);
  const to = others.map((p) => p.id);
  const tid = sim.tid('raftstore');
  s.then(0, () => mark('election', sim.emit(R.startingElection(r, T, tid))));
  s.then(rng.int(2), () => {
    mark('preCandidate', sim.emit(R.becamePreCandidate(r, T, tid)));
    onStop();
  });
  s.then(rng.int(2), () => sim.emit(R.broadcastVote(r, to, r.index, T, T, 'MsgRequestPreVote', tid)));
  s.then(rng.range(2, 12), () => sim.emit(R.votesResponse(r, T, 'MsgRequestPreVote', 2, 0, others[0].id, true, tid)));
  s.then(rng.int(2), () => {
    mark('candidate', sim.emit(R.becameCandidate(r, T + 1, tid)));
    r.term = T + 1;
    onStop();
  });
  s.then(rng.int(2), () => sim.emit(R.broadcastVote(r, to, r.index, T, T + 1, 'MsgRequestVote', tid)));
  s.then(rng.range(2, 12), () => sim.emit(R.votesResponse(r, T + 1, 'MsgRequestVote', 2, 0, others[0].id, true, tid)));
  s.then(rng.int(2), () => {
    mark('leader', sim.emit(R.becameLeader(r, T + 1, tid)));
    r.leader = true;
    r.index += 1;
  });
}

const TASK_START_KEY = '7400000000000000F8';
const TASK_END_KEY = '7500000000000000F8';

function registrationHead(sim: Sim, ctx: ScenarioCtx, s: Script, mark: (k: string, l: number) => number): void {
  s.then(0, () => mark('registerTask', sim.emit(B.registerTask(sim.taskText, sim.tid('backupStream')))));
  s.then(sim.rng.range(1, 3), () => {
    mark('registerRanges', sim.emit(B.registerRanges(1, sim.taskText, sim.tid('backupStream'))));
    ctx.activateTask();
  });
}

function successInit(sim: Sim, since: number): void {
  sim.emit(B.successInitialize(rustDuration((sim.clock - since) * 1e6 + sim.rng.int(1e6)), TASK_END_KEY, TASK_START_KEY, sim.tid('backupStream')));
}

/** The registration when no scenario races with it: head, scan of local leaders, done. */
export function plainRegistration(sim: Sim, ctx: ScenarioCtx, onLine: (k: string, l: number) => void): void {
  sim.quiet = true;
  sim.after(QUIET_BEFORE_REGISTRATION_MS, () => {
    const since = sim.clock;
    const mark = (k: string, l: number): number => { onLine(k, l); return l; };
    const s = new Script(sim);
    registrationHead(sim, ctx, s, mark);
    s.then(sim.rng.range(1, 4), () => {
      scanLeaders(sim, () => successInit(sim, since));
      sim.after(sim.rng.range(5, 20), () => {
        sim.emit(B.finishRegisterRanges(sim.tid('backupStream')));
        sim.quiet = false;
      });
    });
  });
}

/**
 * tikv#18243 (pre-fix) and its fixed counterpart. While the endpoint thread is blocked in the task
 * registration, the region's RoleChange Stops and its leader Start queue up behind it; the registration
 * scan sends its own Start for the region straight to the manager, which therefore handles it first.
 */
function raceWithRegistration(spec: ScenarioSpec, fixed: boolean): Scenario {
  const meta = newMeta(spec, fixed ? 'healthy' : 'lost-observation');
  const sc: Scenario = {
    spec, meta, needs: 'registers', active: false,
    start(sim, ctx) {
      const r = scenarioRegion(sim, spec, ctx, sim.o.store, { id: 319305, table: 1 });
      meta.region = r.id;
      meta.peer = r.localPeer;
      const leaderId = param(spec, 'leaderId', 191299);
      const scanId = param(spec, 'scanId', 191374);
      if (!fixed && !(scanId > leaderId)) throw new Error('stale-reorder: scanId must be larger than leaderId');
      sc.active = true;
      sim.quiet = true;
      sim.after(QUIET_BEFORE_REGISTRATION_MS, () => {
        const rng = sim.rng;
        const since = sim.clock;
        // No ObserveId has been printed yet (the observer hibernated until now) and no noise flow is in
        // flight, so the counter can be placed just below the scenario's ids.
        if (!fixed) sim.nextObserveId = leaderId - 1;
        const mark = marker(sim, meta);
        const s = new Script(sim);
        const endpointQueue: (() => void)[] = [];
        const bs = (): number => sim.tid('backupStream');
        let stops = 0;
        registrationHead(sim, ctx, s, mark);
        s.then(rng.range(3, 8), () => {});
        scriptedElection(sim, s, r, mark, () => {
          const n = ++stops;
          endpointQueue.push(() => {
            mark(`stop${n}`, sim.emit(B.onModifyObserve(B.stopOp(r), bs())));
            if (r.sub) {
              mark('stopListen', sim.emit(B.stopListen(r, r.sub.id, bs())));
              r.sub = null;
            }
          });
        });
        // The leader applies an entry of its term: on_applied_current_term sends Start to the endpoint.
        s.then(rng.range(3, 10), () => {
          if (!fixed) {
            sim.nextObserveId = leaderId;
            meta.ids.leaderStart = leaderId;
          }
          endpointQueue.push(() => {
            mark('leaderStart', sim.emit(B.onModifyObserve(B.startOp(r, fixed ? null : leaderId), bs())));
            const id = fixed ? sim.allocObserveId() : leaderId;
            if (fixed) meta.ids.leaderStart = id;
            r.sub = { id, state: 'running' };
            mark('leaderListen', sim.emit(B.startListen(r, id, bs())));
            if (fixed) {
              sim.after(rng.range(30, 300), () => {
                mark('leaderInitialScan', sim.emit(B.initialScanFinished(r, tso(sim.clock - rng.range(5000, 60000)), rustDuration(rng.range(20e6, 300e6)), sim.tid('backupScan'))));
                sim.toManager(rng.range(1, 6), () => {
                  mark('leaderResult', sim.emit(B.onModifyObserve(B.notifyOp(r, id, true, null), bs())));
                  r.busy = false;
                  sc.active = false;
                });
              });
              return;
            }
            // Raftstore apply already holds pitr_id = scanId: CaptureChange with the older id is refused.
            sim.after(rng.range(10, 60), () => {
              const err = B.snapshotError(r, B.staleObserveErrorpb(leaderId, scanId), false);
              mark('staleError', sim.emit(B.meetError(sim.version, err, sim.tid('backupScan'))));
              sim.toManager(rng.range(1, 6), () => {
                mark('notifyError', sim.emit(B.onModifyObserve(B.notifyOp(r, leaderId, true, err.verbose), bs())));
                mark('inactivating', sim.emit(B.inactivating(r, leaderId, bs())));
                r.sub = { id: leaderId, state: 'pending' };
                sim.setPending(r);
                ctx.watchPending(r, meta);
                sc.active = false;
              });
            });
          });
        });
        // The registration scan reaches the region (first in key order) and sends Start directly.
        s.then(rng.range(1, 3), () => {
          if (!fixed) {
            sim.nextObserveId = scanId;
            meta.ids.scanStart = scanId;
          }
          sim.toManager(1, () => {
            mark('scanStart', sim.emit(B.onModifyObserve(B.startOp(r, fixed ? null : scanId), bs())));
            const id = fixed ? sim.allocObserveId() : scanId;
            if (fixed) meta.ids.scanStart = id;
            r.sub = { id, state: 'running' };
            mark('scanListen', sim.emit(B.startListen(r, id, bs())));
            sim.after(rng.range(30, 120), () => {
              mark('scanInitialScan', sim.emit(B.initialScanFinished(r, tso(sim.clock - rng.range(5000, 60000)), rustDuration(rng.range(20e6, 110e6)), sim.tid('backupScan'))));
              // The endpoint thread comes back from the registration and forwards what queued up meanwhile.
              sim.after(rng.range(5, 20), () => {
                mark('finishRegister', sim.emit(B.finishRegisterRanges(bs())));
                sim.quiet = false;
                for (const op of endpointQueue) sim.toManager(rng.range(1, 4), op);
              });
            });
          });
          scanLeaders(sim, () => successInit(sim, since));
        });
      });
    },
  };
  return sc;
}

function healthyElection(spec: ScenarioSpec): Scenario {
  const meta = newMeta(spec, 'healthy');
  const sc: Scenario = {
    spec, meta, needs: 'no-task', active: false,
    start(sim) {
      if (sim.taskActive) throw new Error('healthy-election must run while no log-backup task is registered');
      const r = sim.pickRegion((x) => !x.leader) ?? sim.regions.find((x) => !x.busy && !x.leader);
      if (!r) throw new Error('healthy-election: no idle follower region');
      r.busy = true;
      sc.active = true;
      meta.region = r.id;
      meta.peer = r.localPeer;
      const mark = marker(sim, meta);
      const s = new Script(sim);
      scriptedElection(sim, s, r, mark, () => {});
      // Leads for a few seconds, then PD moves the leader away again.
      const target = sim.rng.pick(otherPeers(r));
      const tid = sim.tid('raftstore');
      s.then(sim.rng.range(2000, 6000), () => sim.emit(R.transferLeadership(r, r.term, target.id, tid)));
      s.then(sim.rng.range(3, 30), () => sim.emit(R.higherTerm(r, target.id, 'MsgRequestVote', r.term + 1, r.term, tid)));
      s.then(sim.rng.int(2), () => {
        mark('stepDown', sim.emit(R.becameFollower(r, r.term + 1, sim.o.fromRole ? 'Leader' : null, tid)));
        r.term += 1;
        r.leader = false;
        r.busy = false;
        sc.active = false;
      });
    },
  };
  return sc;
}

function refreshAbsent(spec: ScenarioSpec): Scenario {
  const variant = spec.variant ?? 'current';
  if (variant !== 'current' && variant !== 'void') throw new Error(`refresh-absent: unknown variant "${variant}" (current | void)`);
  const meta = newMeta({ ...spec, variant }, 'refresh-absent');
  const sc: Scenario = {
    spec, meta, needs: 'task', active: false,
    start(sim) {
      const r = sim.pickRegion((x) => !x.leader && canSplit(x)) ?? sim.regions.find((x) => !x.busy && !x.leader && canSplit(x));
      if (!r) throw new Error('refresh-absent: no idle follower region');
      r.busy = true;
      sc.active = true;
      meta.region = r.id;
      meta.peer = r.localPeer;
      const rng = sim.rng;
      const mark = marker(sim, meta);
      const s = new Script(sim);
      scriptedElection(sim, s, r, mark, () => sendStop(sim, r));
      s.then(rng.range(3, 10), () => {
        // The Start is sent with the region as it is now; a split lands before it is handled.
        const before = { ...r, peers: [...r.peers] };
        const handleId = sim.version === 'pre-fix' ? sim.allocObserveId() : null;
        sim.toManager(rng.range(40, 60), () => {
          const bs = sim.tid('backupStream');
          mark('start', sim.emit(B.onModifyObserve(B.startOp(before, handleId), bs)));
          const id = handleId ?? sim.allocObserveId();
          meta.ids.start = id;
          if (variant === 'void') {
            mark('failedStart', sim.emit(B.failedToStart(before, 'Other Error: failed to get the checkpoint of the region: PD client is disconnected', bs)));
          } else {
            mark('staleStart', sim.emit(B.staleStart(before, id, bs)));
          }
        });
      });
      s.then(rng.range(5, 15), () => {
        mark('askSplit', sim.emit(BG.batchSplit(sim, r, sim.nextRegionId, r.peers.map((_, i) => sim.nextRegionId + 1 + i))));
      });
      s.then(rng.range(5, 15), () => {
        applySplit(sim, r);
        mark('split', sim.lines);
        sim.toManager(rng.range(30, 60), () => {
          const bs = sim.tid('backupStream');
          sim.emit(B.onModifyObserve(B.refreshOp(r), bs));
          mark('refresh', sim.emit(variant === 'void' ? B.refreshingVoid(r, bs) : B.refreshingAbsent(r, bs)));
          sc.active = false;
        });
      });
    },
  };
  return sc;
}

function taskInitFailed(spec: ScenarioSpec): Scenario {
  const meta = newMeta(spec, 'task-init-failed');
  const sc: Scenario = {
    spec, meta, needs: 'registers', active: false,
    start(sim) {
      sc.active = true;
      sim.quiet = true;
      sim.after(QUIET_BEFORE_REGISTRATION_MS, () => {
        const mark = marker(sim, meta);
        const bs = sim.tid('backupStream');
        mark('registerTask', sim.emit(B.registerTask(sim.taskText, bs)));
        sim.after(sim.rng.range(20, 200), () => {
          const ctx = `failed to register backup stream task ${sim.taskName} to router: ranges not found`;
          const status = 'status: Unavailable, message: "etcdserver: leader changed"';
          mark('meetError', sim.emit(B.meetError(sim.version, {
            file: 'components/backup-stream/src/endpoint.rs', line: 762, col: 42,
            verbose: `Etcd(GRpcStatus(Status { code: Unavailable, message: "etcdserver: leader changed", source: None }))`,
            display: `Etcd meet error grpc request error: ${status}, details: [], metadata: MetadataMap { headers: {} }`,
            context: ctx,
          }, bs)));
          // No ranges were registered: the observer keeps hibernating and nothing is ever observed.
          sim.quiet = false;
          sc.active = false;
        });
      });
    },
  };
  return sc;
}

function observationLost(spec: ScenarioSpec): Scenario {
  const variant = spec.variant ?? 'not-leader';
  if (variant !== 'not-leader' && variant !== 'epoch-not-match') throw new Error(`observation-lost: unknown variant "${variant}" (not-leader | epoch-not-match)`);
  const meta = newMeta({ ...spec, variant }, 'lost-observation');
  const sc: Scenario = {
    spec, meta, needs: 'task', active: false,
    start(sim, ctx) {
      const r = sim.pickRegion((x) => !x.leader) ?? sim.regions.find((x) => !x.busy && !x.leader);
      if (!r) throw new Error('observation-lost: no idle follower region');
      r.busy = true;
      sc.active = true;
      meta.region = r.id;
      meta.peer = r.localPeer;
      const rng = sim.rng;
      const mark = marker(sim, meta);
      const s = new Script(sim);
      scriptedElection(sim, s, r, mark, () => sendStop(sim, r));
      s.then(rng.range(3, 30), () => {
        const handleId = sim.version === 'pre-fix' ? sim.allocObserveId() : null;
        sim.toManager(rng.range(1, 6), () => {
          const bs = sim.tid('backupStream');
          mark('start', sim.emit(B.onModifyObserve(B.startOp(r, handleId), bs)));
          const id = handleId ?? sim.allocObserveId();
          meta.ids.start = id;
          r.sub = { id, state: 'running' };
          mark('startListen', sim.emit(B.startListen(r, id, bs)));
          sim.after(rng.range(10, 80), () => {
            const pb = variant === 'not-leader'
              ? `message: "peer is not leader for region ${r.id}, leader may None" not_leader { region_id: ${r.id} }`
              : `message: "current epoch of region ${r.id} is conf_ver: ${r.confVer} version: ${r.ver + 1}, but you sent conf_ver: ${r.confVer} version: ${r.ver}" ` +
                `epoch_not_match { current_regions { ${protoRegion({ ...r, ver: r.ver + 1 })} } }`;
            const err = B.snapshotError(r, pb, false);
            mark('meetError', sim.emit(B.meetError(sim.version, err, sim.tid('backupScan'))));
            sim.toManager(rng.range(1, 6), () => {
              mark('notifyError', sim.emit(B.onModifyObserve(B.notifyOp(r, id, true, err.verbose), bs)));
              mark('inactivating', sim.emit(B.inactivating(r, id, bs)));
              r.sub = { id, state: 'pending' };
              sim.setPending(r);
              ctx.watchPending(r, meta);
              sc.active = false;
            });
          });
        });
      });
    },
  };
  return sc;
}

function followerElection(spec: ScenarioSpec): Scenario {
  const meta = newMeta(spec, 'healthy');
  const sc: Scenario = {
    spec, meta, needs: 'any', active: false,
    start(sim, ctx) {
      const leaderStore = param(spec, 'leaderStore', CLUSTER_STORES.find((s) => s !== sim.o.store) ?? 1);
      if (leaderStore === sim.o.store) throw new Error('follower-election: leaderStore must be another store');
      // Never a leader here, so it may sit before a racing region without entering the registration scan.
      const r = scenarioRegion(sim, spec, ctx, leaderStore, { id: 318001, table: 2 });
      meta.region = r.id;
      meta.peer = r.localPeer;
      sc.active = true;
      const rng = sim.rng;
      const mark = marker(sim, meta);
      const T = r.term;
      const cand = r.peers[0].id;
      const tid = sim.tid('raftstore');
      const mine = { logTerm: T, index: r.index };
      const theirs = { logTerm: T, index: r.index };
      // When the candidate's log is another file, its send times can be given so that each request
      // arrives here just after it was sent there.
      const preVoteAt = spec.params?.preVoteAtMs ?? sim.clock + rng.range(1, 3);
      const voteAt = spec.params?.voteAtMs ?? preVoteAt + rng.range(4, 14);
      sim.at(preVoteAt, () => {
        mark('preVoteRequest', sim.emit(R.higherTerm(r, cand, 'MsgRequestPreVote', T + 1, T, tid)));
        sim.emit(R.castVote(r, 'MsgRequestPreVote', cand, 0, mine, theirs, T, tid));
      });
      sim.at(voteAt, () => {
        mark('voteRequest', sim.emit(R.higherTerm(r, cand, 'MsgRequestVote', T + 1, T, tid)));
        mark('follower', sim.emit(R.becameFollower(r, T + 1, sim.o.fromRole ? 'Follower' : null, tid)));
        r.term = T + 1;
        sim.emit(R.castVote(r, 'MsgRequestVote', cand, 0, mine, theirs, T + 1, tid));
        if (sim.taskActive) sim.toManager(rng.range(1, 6), () => { processStop(sim, r); sc.active = false; });
        else sc.active = false;
      });
    },
  };
  return sc;
}

export function makeScenario(spec: ScenarioSpec): Scenario {
  switch (spec.name) {
    case 'stale-reorder': return raceWithRegistration(spec, false);
    case 'post-fix': return raceWithRegistration(spec, true);
    case 'healthy-election': return healthyElection(spec);
    case 'refresh-absent': return refreshAbsent(spec);
    case 'task-init-failed': return taskInitFailed(spec);
    case 'observation-lost': return observationLost(spec);
    case 'follower-election': return followerElection(spec);
  }
}
