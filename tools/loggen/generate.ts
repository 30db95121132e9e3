// The generator's entry point: builds the store, runs the simulation until the target size is written,
// and reports where every scenario's key lines landed.
//
// The mix (details in noise.ts and README.md): a startup banner and config dump; ~80% background lines
// (RocksDB via the logger, apply, raft housekeeping, PD, gRPC, GC, slow queries, long and escaped values,
// unicode); raft elections across many regions (v1 and v2 context keys, from_role); once the log-backup
// task is registered (default 25% in), the observe lifecycle of every election, resolve rounds,
// checkpoints and benign retryable errors; a panic with raw backtrace lines at the end. 15-25% of lines
// are analysis-relevant. Healthy noise never forms a bug pattern; scenarios (scenarios.ts) do, once each,
// at a seeded or given position. `mix: 'incident'` swaps the mix for an election storm (storm.ts).
import * as B from './backupMessages';
import { startBackupTimers } from './backupTimers';
import { Noise } from './noise';
import { REGISTERING, resolveOptions, type GenOptions, type Position, type Resolved } from './options';
import { emitPanic } from './panic';
import { buildPool } from './pool';
import { Rng } from './prng';
import type { Region } from './region';
import { defaultRange, makeScenario, needsOf, plainRegistration, type Scenario, type ScenarioCtx, type ScenarioMeta } from './scenarios';
import { Sim } from './sim';
import { MemorySink, type Sink } from './sink';
import { emitStartup } from './startup';
import { Storm } from './storm';
import { tso } from './units';

export interface ScenarioReport extends ScenarioMeta {
  /** False when the file ended before the scenario's position was reached. */
  readonly started: boolean;
}

export interface GenerateResult {
  readonly seed: number;
  readonly format: Resolved['format'];
  readonly version: Resolved['version'];
  readonly mix: Resolved['mix'];
  readonly store: number;
  readonly lines: number;
  readonly bytes: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly utcOffsetMin: number;
  /** Line and time of `register backup stream task`, if the task was registered. */
  readonly task: { readonly line: number; readonly timeMs: number } | null;
  readonly scenarios: readonly ScenarioReport[];
  readonly panic: { readonly entry: number; readonly continuations: number } | null;
  /** Incident mix: how many distinct regions the storm changed the role of. */
  readonly storm?: { readonly regions: number };
}

interface Trigger {
  readonly at: Position;
  readonly needs: ReturnType<typeof needsOf> | 'plain-registration';
  readonly scenario?: Scenario;
  fired: boolean;
}

function due(t: Trigger, sim: Sim, size: number): boolean {
  return 'fraction' in t.at ? sim.bytes >= t.at.fraction * size : sim.clock >= t.at.timeMs;
}

export function generate(options: GenOptions, sink: Sink): GenerateResult {
  const place = new Rng(options.seed ^ 0x2545f491);
  const o = resolveOptions(options, (n) => place.int(n));
  const sim = new Sim(o, sink);
  const pool = buildPool(sim.rng, o.store, o.regions, o.raftContext);
  for (const r of pool.regions) sim.addRegion(r);
  sim.nextRegionId = pool.nextId;
  sim.nextObserveId = 1000 + sim.rng.int(60_000);
  sim.taskText = B.taskDebug(sim.taskName, tso(o.startMs - 3_600_000));

  const scenarios = o.scenarios.map(makeScenario);
  const registering = scenarios.find((s) => REGISTERING.includes(s.spec.name));
  const seeded = (needs: Trigger['needs'], task: Position | null): Position => {
    const [lo, hi] = defaultRange(needs === 'plain-registration' ? 'registers' : needs, task);
    return { fraction: lo + place.float() * Math.max(0, hi - lo) };
  };
  const triggers: Trigger[] = [];
  let taskAt: Position | null = o.task;
  if (registering) {
    taskAt = registering.spec.at ?? seeded('registers', null);
    triggers.push({ at: taskAt, needs: 'registers', scenario: registering, fired: false });
  } else if (o.task) {
    triggers.push({ at: o.task, needs: 'plain-registration', fired: false });
  }
  const taskWorks = taskAt !== null && registering?.spec.name !== 'task-init-failed';
  for (const s of scenarios) {
    if (s === registering) continue;
    if (s.needs === 'task' && !taskWorks) throw new Error(`${s.spec.name} needs a registered log-backup task in the file`);
    const at = s.spec.at ?? seeded(s.needs, taskAt);
    if (s.needs === 'no-task' && taskWorks && taskAt && 'fraction' in at && 'fraction' in taskAt && at.fraction >= taskAt.fraction) {
      throw new Error(`${s.spec.name} must come before the task registration (at ${taskAt.fraction})`);
    }
    triggers.push({ at, needs: s.needs, scenario: s, fired: false });
  }
  // A no-task scenario that falls due together with the registration goes first (and holds it back).
  const order: Record<Trigger['needs'], number> = { 'no-task': 0, any: 1, registers: 2, 'plain-registration': 2, task: 3 };
  triggers.sort((a, b) => order[a.needs] - order[b.needs]);

  const watchers = new Map<Region, ScenarioMeta>();
  let task: { line: number; timeMs: number } | null = null;
  const ctx: ScenarioCtx = {
    activateTask: () => {
      if (sim.taskActive) return;
      sim.taskActive = true;
      startBackupTimers(sim, (r, line) => {
        const meta = watchers.get(r);
        if (!meta) return;
        meta.counts.pending = (meta.counts.pending ?? 0) + 1;
        if (meta.events.firstPending === undefined) {
          meta.events.firstPending = line;
          meta.times.firstPending = sim.clock;
        }
        meta.events.lastPending = line;
        meta.times.lastPending = sim.clock;
      });
    },
    watchPending: (r, meta) => watchers.set(r, meta),
    firstTable: pool.firstTable,
  };
  const noTaskActive = (): boolean => scenarios.some((s) => s.needs === 'no-task' && s.active);

  const fire = (t: Trigger): boolean => {
    switch (t.needs) {
      case 'no-task':
        if (sim.taskActive || sim.quiet) throw new Error(`${t.scenario?.spec.name} fell due after the task registration began; place it earlier`);
        break;
      case 'registers':
      case 'plain-registration':
        if (sim.quiet || noTaskActive()) return false;
        break;
      case 'task':
        if (!sim.taskActive || sim.quiet) return false;
        break;
      case 'any':
        // Only follower-election is 'any': its region never leads here, so a registration is no hazard.
        break;
    }
    t.fired = true;
    if (t.scenario) t.scenario.start(sim, ctx);
    else plainRegistration(sim, ctx, (k, line) => { if (k === 'registerTask') task = { line, timeMs: sim.clock }; });
    return true;
  };

  if (o.startup) {
    emitStartup(sim);
    sim.emit(B.startWatching(sim.rng.range(1000, 900_000), sim.tid('backupStream')));
  }
  const noise = new Noise(sim);
  const storm = o.mix === 'incident' ? new Storm(sim, noise) : null;
  const mix: { tick(): void } = storm ?? noise;
  let pendingTriggers = triggers.length;
  while (sim.bytes < o.sizeBytes) {
    // Triggers before due steps: a time-placed scenario must not wait out a burst of queued work.
    if (pendingTriggers > 0) {
      let fired = false;
      for (const t of triggers) {
        if (!t.fired && due(t, sim, o.sizeBytes) && fire(t)) {
          pendingTriggers--;
          fired = true;
          break;
        }
      }
      if (fired) continue;
    }
    if (sim.runDue()) continue;
    mix.tick();
  }
  const panic = o.panicAtEnd ? emitPanic(sim) : null;
  sim.flush();
  sink.close();
  if (registering && registering.meta.events.registerTask !== undefined) {
    task = { line: registering.meta.events.registerTask, timeMs: registering.meta.times.registerTask };
  }
  return {
    seed: o.seed,
    format: o.format,
    version: o.version,
    mix: o.mix,
    store: o.store,
    lines: sim.lines,
    bytes: sim.bytes,
    startMs: o.startMs,
    endMs: sim.clock,
    utcOffsetMin: o.utcOffsetMin,
    task,
    scenarios: scenarios.map((s) => ({ ...s.meta, started: triggers.some((t) => t.scenario === s && t.fired) })),
    panic,
    ...(storm ? { storm: { regions: storm.visited.size } } : {}),
  };
}

/** In-memory generation for tests and samples (small sizes only). */
export function generateToString(options: GenOptions): { text: string; result: GenerateResult } {
  const sink = new MemorySink();
  const result = generate(options, sink);
  return { text: sink.text(), result };
}
