// npm run bench:parse — parser throughput and memory on 100 MB and 1 GB generated logs, against a
// line-splitting baseline. Each subject runs as its own process; the engine is
// `node dist/cli.js parse --stats --json FILE`, which reports {lines, bytes, ms, peakRssMB, byKind}.
//   options: --sizes 100MB,1GB   --runs N (best of N, default 1)
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, ensureInput, pickInputs, type BenchInput } from './data';
import { lastJson, num, runProcess, type ProcResult } from './proc';
import { fmt, mb, printTable } from './table';

const ROOT = join(DATA_DIR, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BASELINE = join(ROOT, 'bench', 'baseline.ts');

export interface Measure {
  readonly subject: string;
  readonly ok: boolean;
  /** Why the subject could not be measured. */
  readonly problem?: string;
  readonly lines: number | null;
  readonly bytes: number | null;
  /** As the subject reports it (its own work, no process start-up). */
  readonly ms: number | null;
  readonly wallMs: number;
  readonly peakRssMB: number | null;
  readonly timeRssMB: number | null;
  readonly json: Record<string, unknown> | null;
}

function flag(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** `okCodes`: exit statuses that still mean a completed run (analyze exits 1 when it found an error). */
export function measure(subject: string, p: ProcResult, expectKey = 'lines', okCodes: readonly number[] = [0]): Measure {
  const json = lastJson(p.stdout);
  const completed = p.code !== null && okCodes.includes(p.code);
  const ok = completed && json !== null && (expectKey === '' || num(json[expectKey]) !== null);
  const problem = ok ? undefined : !completed
    ? `exit ${p.code}: ${p.stderr.trim().split('\n')[0] ?? ''}`.slice(0, 200)
    : `no JSON with "${expectKey}" on stdout`;
  return {
    subject, ok, problem,
    lines: json ? num(json.lines) : null,
    bytes: json ? num(json.bytes) : null,
    ms: json ? num(json.ms) : null,
    wallMs: p.wallMs,
    peakRssMB: json ? num(json.peakRssMB) : null,
    timeRssMB: p.timeRssMB,
    json,
  };
}

export async function best(runs: number, once: () => Promise<Measure>): Promise<Measure> {
  let top: Measure | null = null;
  for (let i = 0; i < runs; i++) {
    const m = await once();
    if (!m.ok) return m;
    if (!top || (m.ms ?? m.wallMs) < (top.ms ?? top.wallMs)) top = m;
  }
  return top as Measure;
}

export function baselineRun(input: BenchInput): Promise<Measure> {
  return runProcess(process.execPath, ['--import', 'tsx', BASELINE, input.path]).then((p) => measure('baseline (split lines)', p));
}

export function cliMissing(): string | null {
  return existsSync(CLI) ? null : `${CLI} not found: run \`node esbuild.mjs\` (npm run bench:parse builds it)`;
}

export function cliPath(): string {
  return CLI;
}

function row(input: BenchInput, m: Measure, base: Measure): string[] {
  if (!m.ok) return [input.label, m.subject, 'not measured', '-', '-', '-', '-', '-', '-'];
  const secs = (m.ms ?? m.wallMs) / 1000;
  const ratio = m === base || !base.ok ? '1.00' : fmt((m.ms ?? m.wallMs) / (base.ms ?? base.wallMs), 2);
  return [
    input.label, m.subject, String(m.lines ?? '-'), fmt(secs, 2), fmt(mb(input.bytes) / secs), fmt(m.wallMs / 1000, 2),
    fmt(mb(input.bytes) / (m.wallMs / 1000)), `${fmt(m.peakRssMB, 0)} / ${fmt(m.timeRssMB, 0)}`, ratio,
  ];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = Math.max(1, Number(flag(argv, '--runs') ?? 1));
  const inputs = pickInputs(argv).map((s) => ensureInput(s.label, s.options, (m) => process.stderr.write(m + '\n')));
  const missing = cliMissing();
  if (missing) process.stderr.write(`bench:parse: engine not measured: ${missing}\n`);
  const rows: string[][] = [];
  const results: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (const input of inputs) {
    const base = await best(runs, () => baselineRun(input));
    const engine: Measure = missing
      ? { subject: 'engine (parse --stats)', ok: false, problem: missing, lines: null, bytes: null, ms: null, wallMs: 0, peakRssMB: null, timeRssMB: null, json: null }
      : await best(runs, () => runProcess(process.execPath, [CLI, 'parse', '--stats', '--json', input.path]).then((p) => measure('engine (parse --stats)', p)));
    rows.push(row(input, base, base), row(input, engine, base));
    if (engine.ok && base.ok) {
      if (engine.lines !== base.lines) notes.push(`${input.label}: engine counted ${engine.lines} lines, baseline ${base.lines}`);
      notes.push(`${input.label}: engine/baseline time ${fmt((engine.ms ?? engine.wallMs) / (base.ms ?? base.wallMs), 2)}x, ` +
        `peak RSS ${fmt((engine.peakRssMB ?? 0) / (base.peakRssMB ?? 1), 2)}x`);
    } else if (!engine.ok) {
      notes.push(`${input.label}: engine not measured (${engine.problem})`);
    }
    results.push({ input: input.label, path: input.path, bytes: input.bytes, lines: input.meta.lines, baseline: { ...base, json: undefined }, engine: { ...engine, json: engine.json } });
  }
  process.stdout.write(`\nparse throughput (MB = 10^6 bytes; s and MB/s from the subject's own timing, wall from the parent; RSS self / GNU time)\n\n`);
  printTable(['input', 'subject', 'lines', 's', 'MB/s', 'wall s', 'wall MB/s', 'peak RSS MB', 'x baseline'], rows);
  if (notes.length) process.stdout.write('\n' + notes.join('\n') + '\n');
  const out = join(DATA_DIR, 'parse-results.json');
  writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), node: process.version, runs, results }, null, 2) + '\n');
  process.stdout.write(`\nresults: ${out}\n`);
}

if (process.argv[1] && /parse\.ts$/.test(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:parse: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
