// Benchmark inputs: generated once with tools/loggen and cached under bench/data/ (gitignored), keyed by
// seed, size, mix, region count, format and scenarios. A sidecar .meta.json records the options, the
// generator's source fingerprint and the result; a file is reused only when all of them match and its size
// is as recorded, so a generator change or a truncated file means a fresh generation, never a stale benchmark.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type GenerateResult } from '../tools/loggen/generate';
import type { GenOptions } from '../tools/loggen/options';
import { FileSink } from '../tools/loggen/sink';
import { parseSize } from '../tools/loggen/units';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(HERE, 'data');
const LOGGEN_DIR = join(HERE, '..', 'tools', 'loggen');

export interface BenchInput {
  readonly label: string;
  readonly path: string;
  readonly bytes: number;
  readonly meta: GenerateResult;
  /** True when this run had to generate the file. */
  readonly generated: boolean;
  readonly generateMs: number;
}

/** The inputs both benchmarks share: noise with a #18243 region early in the file. */
export const STANDARD: readonly { label: string; options: GenOptions }[] = [
  { label: '100MB', options: { seed: 42, sizeBytes: 100 * 1024 ** 2, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.02 } }] } },
  { label: '1GB', options: { seed: 42, sizeBytes: 1024 ** 3, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.02 } }] } },
];

/**
 * The mixes the analysis benchmark runs (tools/loggen/README.md): today's quiet store with the #18243
 * region 2% in (the STANDARD inputs), and an election storm over 50,000 or 500,000 regions with the #18243
 * region 5% in. `sizes` are the defaults; `--sizes` replaces them for every mix picked.
 */
export const MIXES: readonly { name: string; sizes: readonly string[]; options: (sizeBytes: number) => GenOptions }[] = [
  { name: 'quiet', sizes: ['100MB', '1GB'], options: (sizeBytes) => ({ seed: 42, sizeBytes, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.02 } }] }) },
  {
    name: 'incident', sizes: ['300MB', '1GB'],
    options: (sizeBytes) => ({ seed: 42, sizeBytes, mix: 'incident', regions: 50_000, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.05 } }] }),
  },
  {
    name: 'incident-500k', sizes: ['256MB'],
    options: (sizeBytes) => ({ seed: 42, sizeBytes, mix: 'incident', regions: 500_000, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.05 } }] }),
  },
];

function fingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(LOGGEN_DIR).filter((n) => n.endsWith('.ts')).sort()) {
    h.update(f);
    h.update(readFileSync(join(LOGGEN_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

function key(label: string, o: GenOptions): string {
  const scen = (o.scenarios ?? []).map((s) => `${s.name}${s.variant ? ':' + s.variant : ''}${s.at && 'fraction' in s.at ? '@' + s.at.fraction : ''}`).join('+') || 'noise';
  // Quiet inputs keep the names they had before there were mixes.
  const mix = (o.mix && o.mix !== 'quiet' ? `-${o.mix}` : '') + (o.regions !== undefined ? `-r${o.regions}` : '');
  return `tikv-s${o.seed}-${label}${mix}-${o.format ?? 'unified'}-${scen.replace(/[^a-z0-9@.:+-]/gi, '_')}`;
}

interface Sidecar {
  options: GenOptions;
  fingerprint: string;
  result: GenerateResult;
}

export function ensureInput(label: string, options: GenOptions, log: (s: string) => void = () => {}): BenchInput {
  mkdirSync(DATA_DIR, { recursive: true });
  const base = join(DATA_DIR, key(label, options));
  const path = `${base}.log`;
  const sidecarPath = `${base}.meta.json`;
  const fp = fingerprint();
  if (existsSync(path) && existsSync(sidecarPath)) {
    try {
      const side = JSON.parse(readFileSync(sidecarPath, 'utf8')) as Sidecar;
      if (side.fingerprint === fp && JSON.stringify(side.options) === JSON.stringify(options) && statSync(path).size === side.result.bytes) {
        return { label, path, bytes: side.result.bytes, meta: side.result, generated: false, generateMs: 0 };
      }
    } catch {
      // Unreadable sidecar: regenerate below.
    }
  }
  log(`generating ${label} input (${path}) ...`);
  const tmp = `${path}.partial`;
  const t0 = performance.now();
  const result = generate(options, new FileSink(tmp));
  const generateMs = performance.now() - t0;
  renameSync(tmp, path);
  const side: Sidecar = { options, fingerprint: fp, result };
  writeFileSync(sidecarPath, JSON.stringify(side, null, 2) + '\n');
  log(`  ${(result.bytes / 1e6).toFixed(0)} MB, ${result.lines} lines in ${(generateMs / 1000).toFixed(1)} s ` +
    `(${(result.bytes / 1e6 / (generateMs / 1000)).toFixed(1)} MB/s), peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  return { label, path, bytes: result.bytes, meta: result, generated: true, generateMs };
}

/** `--sizes 100MB,1GB` picks among the standard inputs (default: all). */
export function pickInputs(argv: readonly string[]): { label: string; options: GenOptions }[] {
  const i = argv.indexOf('--sizes');
  if (i < 0) return [...STANDARD];
  const want = (argv[i + 1] ?? '').split(',').map((s) => s.trim().toUpperCase());
  const picked = STANDARD.filter((s) => want.includes(s.label.toUpperCase()));
  if (picked.length === 0) throw new Error(`--sizes: choose from ${STANDARD.map((s) => s.label).join(', ')}`);
  return picked;
}

export interface MixPick {
  readonly mix: string;
  /** The size as asked for (`300MB`): the input's label and part of its cache name. */
  readonly label: string;
  readonly options: GenOptions;
}

function listFlag(argv: readonly string[], name: string): string[] | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const items = (argv[i + 1] ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (items.length === 0) throw new Error(`${name} needs a comma-separated list`);
  return items;
}

/** `--mixes quiet,incident,incident-500k` (default all) and `--sizes 300MB,1GB` (default: each mix's own sizes). */
export function pickMixInputs(argv: readonly string[]): MixPick[] {
  const names = listFlag(argv, '--mixes');
  const unknown = names?.filter((n) => !MIXES.some((m) => m.name === n)) ?? [];
  if (unknown.length > 0) throw new Error(`--mixes: unknown ${unknown.join(', ')}; choose from ${MIXES.map((m) => m.name).join(', ')}`);
  const sizes = listFlag(argv, '--sizes')?.map((s) => s.toUpperCase());
  for (const s of sizes ?? []) parseSize(s);
  const picks: MixPick[] = [];
  for (const m of MIXES.filter((x) => names === undefined || names.includes(x.name))) {
    for (const label of sizes ?? m.sizes) picks.push({ mix: m.name, label, options: m.options(parseSize(label)) });
  }
  return picks;
}

if (process.argv[1] && /data\.ts$/.test(process.argv[1])) {
  const argv = process.argv.slice(2);
  const picks: { mix?: string; label: string; options: GenOptions }[] = argv.includes('--mixes') ? pickMixInputs(argv) : pickInputs(argv);
  for (const s of picks) {
    const inp = ensureInput(s.label, s.options, (m) => process.stderr.write(m + '\n'));
    process.stdout.write(`${s.mix === undefined ? '' : s.mix + ' '}${inp.label}: ${inp.path} (${inp.bytes} bytes${inp.generated ? ', generated' : ', cached'})\n`);
  }
}
