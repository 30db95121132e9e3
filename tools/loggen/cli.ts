// CLI: node --import tsx tools/loggen/cli.ts --size 100MB --seed 42 [--format unified|json] [--store 1]
//        [--mix quiet|incident] [--regions N] [--scenario NAME[:VARIANT][@POS] ...] [--meta FILE.json] --out FILE
// POS is a fraction of the size (0.3) or a percentage (30%). Prints the generation summary as JSON.
import { writeFileSync } from 'node:fs';
import { generate } from './generate';
import { INCIDENT_REGIONS, MIXES, SCENARIO_NAMES, type GenOptions, type Mix, type Position, type ScenarioName, type ScenarioSpec } from './options';
import { FileSink } from './sink';
import { parseOffset } from './timefmt';
import { parseSize } from './units';

const USAGE = `usage: loggen --size 100MB --seed 42 --out FILE [options]
  --format unified|json        output format (default unified)
  --store N                    the store whose log this is (default 1)
  --mix quiet|incident         quiet: a normal day; incident: an election storm over --regions regions
  --regions N                  regions with a peer on this store (default: quiet scales with the size,
                               up to 5000; incident ${INCIDENT_REGIONS})
  --scenario NAME[:VAR][@POS]  repeatable; NAME one of ${SCENARIO_NAMES.join(', ')}
                               POS: fraction 0.3 or percent 30%; VAR: refresh-absent current|void,
                               observation-lost not-leader|epoch-not-match
  --version pre-fix|post-fix   TiKV side of PR #18290 (default: what the scenarios need, else pre-fix)
  --task POS|none              where the log-backup task is registered when no scenario does it (25%)
  --tz +08:00                  UTC offset for the whole file (default: seeded)
  --start ISO-8601             first timestamp (default: seeded, June 2026)
  --step-ms N                  mean milliseconds between lines (default 1)
  --resolve-ms N               resolve round period: pending regions log once per round (default 5000)
  --raft-context v1|v2|mixed   raftstore logger context keys (default mixed)
  --no-panic                   do not end the file with a panic and its backtrace
  --no-startup                 no startup banner / config dump
  --meta FILE                  write scenario metadata (line numbers of key events) as JSON`;

function position(text: string): Position {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const fraction = pct ? Number(pct[1]) / 100 : Number(text);
  if (!Number.isFinite(fraction) || fraction < 0 || fraction >= 1) throw new Error(`bad position "${text}"`);
  return { fraction };
}

export function parseScenario(text: string): ScenarioSpec {
  const m = /^([a-z-]+)(?::([a-z-]+))?(?:@(.+))?$/.exec(text);
  if (!m || !SCENARIO_NAMES.includes(m[1] as ScenarioName)) throw new Error(`bad scenario "${text}"; known: ${SCENARIO_NAMES.join(', ')}`);
  return { name: m[1] as ScenarioName, variant: m[2], at: m[3] === undefined ? undefined : position(m[3]) };
}

export function parseArgs(argv: readonly string[]): { options: GenOptions; out: string; meta?: string } {
  let size: number | undefined;
  let seed: number | undefined;
  let out: string | undefined;
  let meta: string | undefined;
  const scenarios: ScenarioSpec[] = [];
  const o: { -readonly [K in keyof GenOptions]?: GenOptions[K] } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--size': size = parseSize(val()); break;
      case '--seed': seed = Number(val()); break;
      case '--out': out = val(); break;
      case '--meta': meta = val(); break;
      case '--format': {
        const f = val();
        if (f !== 'unified' && f !== 'json') throw new Error('--format is unified or json');
        o.format = f;
        break;
      }
      case '--store': o.store = Number(val()); break;
      case '--mix': {
        const m = val();
        if (!MIXES.includes(m as Mix)) throw new Error(`--mix is ${MIXES.join(' or ')}`);
        o.mix = m as Mix;
        break;
      }
      case '--regions': {
        const n = Number(val());
        if (!Number.isInteger(n) || n < 1) throw new Error('--regions needs a positive integer');
        o.regions = n;
        break;
      }
      case '--scenario': scenarios.push(parseScenario(val())); break;
      case '--version': {
        const v = val();
        if (v !== 'pre-fix' && v !== 'post-fix') throw new Error('--version is pre-fix or post-fix');
        o.version = v;
        break;
      }
      case '--task': {
        const v = val();
        o.task = v === 'none' ? null : position(v);
        break;
      }
      case '--tz': o.utcOffsetMin = parseOffset(val()); break;
      case '--start': {
        const t = Date.parse(val());
        if (Number.isNaN(t)) throw new Error('--start needs an ISO-8601 time');
        o.startMs = t;
        break;
      }
      case '--step-ms': o.meanStepMs = Number(val()); break;
      case '--resolve-ms': o.resolveIntervalMs = Number(val()); break;
      case '--raft-context': {
        const v = val();
        if (v !== 'v1' && v !== 'v2' && v !== 'mixed') throw new Error('--raft-context is v1, v2 or mixed');
        o.raftContext = v;
        break;
      }
      case '--no-panic': o.panicAtEnd = false; break;
      case '--no-startup': o.startup = false; break;
      case '-h':
      case '--help': throw new Error(USAGE);
      default: throw new Error(`unknown argument "${a}"\n${USAGE}`);
    }
  }
  if (size === undefined || seed === undefined || !Number.isInteger(seed) || out === undefined) {
    throw new Error(`--size, an integer --seed and --out are required\n${USAGE}`);
  }
  return { options: { ...o, sizeBytes: size, seed, scenarios }, out, meta };
}

function main(): void {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const t0 = performance.now();
  let result: ReturnType<typeof generate>;
  try {
    result = generate(args.options, new FileSink(args.out));
  } catch (e) {
    process.stderr.write(`loggen: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const ms = performance.now() - t0;
  if (args.meta) writeFileSync(args.meta, JSON.stringify(result, null, 2) + '\n');
  const summary = {
    out: args.out, bytes: result.bytes, lines: result.lines, ms: Math.round(ms),
    mbPerS: Math.round((result.bytes / 1048576 / (ms / 1000)) * 10) / 10,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    scenarios: result.scenarios.map((s) => ({ name: s.name, region: s.region, started: s.started, events: s.events })),
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
}

if (process.argv[1] && /cli\.ts$/.test(process.argv[1])) main();
