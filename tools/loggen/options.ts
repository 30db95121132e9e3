// What a caller can ask of the generator, and the defaults that make a plain `--size --seed` file useful.
import type { Version } from './backupMessages';
import type { OutputFormat } from './format';

export const SCENARIO_NAMES = [
  'stale-reorder',
  'post-fix',
  'healthy-election',
  'refresh-absent',
  'task-init-failed',
  'observation-lost',
  'follower-election',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Where a scenario starts: a fraction of the target size, or an absolute instant (epoch ms, UTC). */
export type Position = { readonly fraction: number } | { readonly timeMs: number };

export interface ScenarioSpec {
  readonly name: ScenarioName;
  /** Unset: a seeded position inside the range the scenario allows. */
  readonly at?: Position;
  /** refresh-absent: `current` | `void`; observation-lost: `not-leader` | `epoch-not-match`. */
  readonly variant?: string;
  /** Numbers that fix the scenario's identity: region, peer, term, leaderId, scanId, ... (see scenarios.ts). */
  readonly params?: Readonly<Record<string, number>>;
}

export type RaftContextMode = 'v1' | 'v2' | 'mixed';

/**
 * What the file is mostly made of. `quiet`: a store on a normal day (~80% background lines, see noise.ts).
 * `incident`: the log of a store caught in an election storm over many regions (see storm.ts).
 */
export const MIXES = ['quiet', 'incident'] as const;
export type Mix = (typeof MIXES)[number];

/** Regions an incident mix holds unless told otherwise. */
export const INCIDENT_REGIONS = 50_000;

export interface GenOptions {
  readonly seed: number;
  readonly sizeBytes: number;
  readonly format?: OutputFormat;
  /** The store whose log this is. */
  readonly store?: number;
  readonly scenarios?: readonly ScenarioSpec[];
  /** Defaults to what the scenarios need (stale-reorder: pre-fix, post-fix: post-fix), else pre-fix. */
  readonly version?: Version;
  /**
   * When the log-backup task gets registered if no scenario registers it: default 25% into the file;
   * null: never (the backup-stream observer hibernates the whole file).
   */
  readonly task?: Position | null;
  /** First timestamp, epoch ms UTC. Default: seeded, in June 2026. */
  readonly startMs?: number;
  /** Minutes east of UTC, one per file. Default: seeded from common server zones. */
  readonly utcOffsetMin?: number;
  /** Mean milliseconds between two lines (steps are uniform in [0, 2*mean]). */
  readonly meanStepMs?: number;
  /** Period of backup-stream resolve rounds, which log `pending region, skip resolving`. */
  readonly resolveIntervalMs?: number;
  readonly raftContext?: RaftContextMode;
  /** raft-rs >= May 2024 prints `[from_role=..]` in `became follower`. */
  readonly fromRole?: boolean;
  /** End the file with a FATAL panic entry and its stderr backtrace (continuation lines). */
  readonly panicAtEnd?: boolean;
  /** Emit TiKV's startup banner and config dump first. */
  readonly startup?: boolean;
  /** `quiet` (default) or `incident`: what the file is mostly made of (MIXES). */
  readonly mix?: Mix;
  /** Regions with a peer on this store; default scales with the size (quiet) or 50,000 (incident). */
  readonly regions?: number;
}

const ZONES = [480, 0, -420, 330, 60, 540, -300, 120];

export interface Resolved {
  readonly seed: number;
  readonly sizeBytes: number;
  readonly format: OutputFormat;
  readonly store: number;
  readonly scenarios: readonly ScenarioSpec[];
  readonly version: Version;
  readonly task: Position | null;
  readonly startMs: number;
  readonly utcOffsetMin: number;
  readonly meanStepMs: number;
  readonly resolveIntervalMs: number;
  readonly raftContext: RaftContextMode;
  readonly fromRole: boolean;
  readonly panicAtEnd: boolean;
  readonly startup: boolean;
  readonly mix: Mix;
  readonly regions: number;
}

/** Scenarios that perform the task registration themselves; at most one per file. */
export const REGISTERING: readonly ScenarioName[] = ['stale-reorder', 'post-fix', 'task-init-failed'];

export function resolveOptions(o: GenOptions, seedInt: (n: number) => number): Resolved {
  if (!Number.isInteger(o.seed)) throw new Error('seed must be an integer');
  if (!(o.sizeBytes > 0)) throw new Error('size must be positive');
  const scenarios = o.scenarios ?? [];
  for (const s of scenarios) {
    if (!SCENARIO_NAMES.includes(s.name)) throw new Error(`unknown scenario "${s.name}"`);
    if (s.at && 'fraction' in s.at && !(s.at.fraction >= 0 && s.at.fraction < 1)) {
      throw new Error(`scenario ${s.name}: position must be in [0, 1)`);
    }
  }
  const mix = o.mix ?? 'quiet';
  if (!MIXES.includes(mix)) throw new Error(`unknown mix "${mix}"; known: ${MIXES.join(', ')}`);
  if (o.regions !== undefined && !(Number.isInteger(o.regions) && o.regions >= 1)) throw new Error('regions must be a positive integer');
  const registering = scenarios.filter((s) => REGISTERING.includes(s.name));
  if (registering.length > 1) {
    throw new Error(`only one of ${REGISTERING.join(', ')} per file: each is the file's task registration`);
  }
  const wantsPre = scenarios.some((s) => s.name === 'stale-reorder');
  const wantsPost = scenarios.some((s) => s.name === 'post-fix');
  let version: Version = o.version ?? (wantsPost ? 'post-fix' : 'pre-fix');
  if (o.version === undefined && wantsPre) version = 'pre-fix';
  if ((wantsPre && version !== 'pre-fix') || (wantsPost && version !== 'post-fix')) {
    throw new Error('stale-reorder needs a pre-fix TiKV and post-fix a fixed one');
  }
  return {
    seed: o.seed,
    sizeBytes: Math.floor(o.sizeBytes),
    format: o.format ?? 'unified',
    store: o.store ?? 1,
    scenarios,
    version,
    task: o.task === undefined ? { fraction: 0.25 } : o.task,
    startMs: o.startMs ?? Date.UTC(2026, 5, 1, 0, 0, 0) + seedInt(28 * 24 * 3600) * 1000 + seedInt(1000),
    utcOffsetMin: o.utcOffsetMin ?? ZONES[seedInt(ZONES.length)],
    meanStepMs: o.meanStepMs ?? 1,
    resolveIntervalMs: o.resolveIntervalMs ?? 5000,
    raftContext: o.raftContext ?? 'mixed',
    fromRole: o.fromRole ?? true,
    panicAtEnd: o.panicAtEnd ?? true,
    startup: o.startup ?? true,
    mix,
    regions: o.regions ?? (mix === 'incident' ? INCIDENT_REGIONS : Math.max(24, Math.min(5000, Math.round(o.sizeBytes / 200_000)))),
  };
}
