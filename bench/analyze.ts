// npm run bench:analyze — whole-file analysis on 100 MB and 1 GB generated logs with a #18243 region 2%
// into the file. Next to it: `grep -c region_id FILE` (what a person would run first) and the
// line-splitting baseline. The engine is `node dist/cli.js analyze --format json FILE`; its JSON gives
// summary.ms, summary.peakRssMB and summary.firstFindingMs (how soon the first finding was known).
//   options: --sizes 100MB,1GB   --runs N (best of N, default 1)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ensureInput, pickInputs, type BenchInput } from './data';
import { baselineRun, best, cliMissing, cliPath, measure, type Measure } from './parse';
import { num, runProcess } from './proc';
import { fmt, mb, printTable } from './table';

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

interface Analyzed extends Measure {
  readonly firstFindingMs: number | null;
  /** Whether the analysis names the scenario's region (a smoke check, not a correctness test). */
  readonly namesRegion: boolean | null;
}

async function grepRun(input: BenchInput): Promise<Measure> {
  const p = await runProcess('grep', ['-c', 'region_id', input.path]);
  // grep exits 1 when nothing matches; both are a completed run.
  const ok = p.code === 0 || p.code === 1;
  const count = Number(p.stdout.trim());
  return {
    subject: 'grep -c region_id', ok, problem: ok ? undefined : `exit ${p.code}: ${p.stderr.trim()}`,
    lines: Number.isFinite(count) ? count : null, bytes: input.bytes, ms: null, wallMs: p.wallMs,
    peakRssMB: null, timeRssMB: p.timeRssMB, json: null,
  };
}

async function engineRun(input: BenchInput): Promise<Analyzed> {
  const p = await runProcess(process.execPath, [cliPath(), 'analyze', '--format', 'json', input.path]);
  const m = measure('engine (analyze)', p, '', [0, 1]);
  const summary = m.json && typeof m.json.summary === 'object' && m.json.summary !== null ? m.json.summary as Record<string, unknown> : null;
  if (m.ok && !summary) return { ...m, ok: false, problem: 'no "summary" object in the JSON', firstFindingMs: null, namesRegion: null };
  const region = input.meta.scenarios[0]?.region;
  return {
    ...m,
    ms: summary ? num(summary.ms) : null,
    peakRssMB: summary ? num(summary.peakRssMB) : null,
    lines: summary ? num(summary.lines) : null,
    firstFindingMs: summary ? num(summary.firstFindingMs) : null,
    namesRegion: m.ok && region !== undefined ? p.stdout.includes(String(region)) : null,
  };
}

function secs(m: Measure): number {
  return (m.ms ?? m.wallMs) / 1000;
}

function row(input: BenchInput, m: Measure, base: Measure, grep: Measure, first: number | null = null): string[] {
  if (!m.ok) return [input.label, m.subject, 'not measured', '-', '-', '-', '-', '-', '-'];
  const vs = (ref: Measure): string => (ref.ok ? fmt(secs(m) / secs(ref), 2) : '-');
  return [
    input.label, m.subject, fmt(secs(m), 2), fmt(mb(input.bytes) / secs(m)), fmt(m.wallMs / 1000, 2),
    `${fmt(m.peakRssMB, 0)} / ${fmt(m.timeRssMB, 0)}`, first === null ? '-' : fmt(first, 0), vs(base), vs(grep),
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = Math.max(1, Number(flag(argv, '--runs') ?? 1));
  const inputs = pickInputs(argv).map((s) => ensureInput(s.label, s.options, (m) => process.stderr.write(m + '\n')));
  const missing = cliMissing();
  if (missing) process.stderr.write(`bench:analyze: engine not measured: ${missing}\n`);
  const rows: string[][] = [];
  const notes: string[] = [];
  const results: Record<string, unknown>[] = [];
  for (const input of inputs) {
    const base = await best(runs, () => baselineRun(input));
    const grep = await best(runs, () => grepRun(input));
    let engine: Analyzed;
    if (missing) {
      engine = { subject: 'engine (analyze)', ok: false, problem: missing, lines: null, bytes: null, ms: null, wallMs: 0, peakRssMB: null, timeRssMB: null, json: null, firstFindingMs: null, namesRegion: null };
    } else {
      engine = await engineRun(input);
      for (let i = 1; i < runs && engine.ok; i++) {
        const again = await engineRun(input);
        if (again.ok && secs(again) < secs(engine)) engine = again;
      }
    }
    rows.push(row(input, base, base, grep), row(input, grep, base, grep), row(input, engine, base, grep, engine.firstFindingMs));
    const s = input.meta.scenarios[0];
    if (engine.ok) {
      notes.push(`${input.label}: engine/baseline ${fmt(secs(engine) / secs(base), 2)}x, engine/grep ${fmt(secs(engine) / secs(grep), 2)}x; ` +
        `first finding after ${fmt(engine.firstFindingMs, 0)} ms; region ${s?.region} (lost at line ${s?.events.inactivating}) ` +
        `${engine.namesRegion ? 'is' : 'is NOT'} named in the output`);
    } else {
      notes.push(`${input.label}: engine not measured (${engine.problem})`);
    }
    results.push({ input: input.label, path: input.path, bytes: input.bytes, lines: input.meta.lines, scenario: s, baseline: base, grep, engine });
  }
  process.stdout.write('\nanalysis (MB = 10^6 bytes; s from the subject where it reports it, else wall; RSS self / GNU time)\n\n');
  printTable(['input', 'subject', 's', 'MB/s', 'wall s', 'peak RSS MB', 'first finding ms', 'x baseline', 'x grep'], rows);
  if (notes.length) process.stdout.write('\n' + notes.join('\n') + '\n');
  const out = join(DATA_DIR, 'analyze-results.json');
  writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), node: process.version, runs, results }, null, 2) + '\n');
  process.stdout.write(`\nresults: ${out}\n`);
}

if (process.argv[1] && /analyze\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:analyze: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
