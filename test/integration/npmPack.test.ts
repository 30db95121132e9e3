// The CLI as users install it: `npm pack`, then `npm install -g` of that file into an empty prefix, offline, and
// `tikv-trace analyze` from an empty folder. Catches a bundle that needs a package it does not ship (the worker, a
// dependency left external) or a package that ships what no one runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '../..');
const SAMPLE = join(ROOT, 'samples/tikv-18243/tikv.log');

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(dir, join(d.parentPath, d.name))).sort();
}

test('npm pack -> npm install -g (offline, empty prefix) -> tikv-trace analyze works from an empty folder', { timeout: 120_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tikv-trace-pack-'));
  try {
    // --ignore-scripts: the package is made from dist/ as `npm test` built it; prepack's production rebuild would
    // rewrite dist/ under the other test files running beside this one.
    const pack = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], ROOT);
    assert.equal(pack.code, 0, pack.stderr);
    const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];

    const prefix = join(tmp, 'prefix');
    const install = sh('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(tmp, filename)], tmp);
    assert.equal(install.code, 0, install.stderr);
    const installed = join(prefix, 'lib', 'node_modules', 'tikv-trace');
    assert.deepEqual(filesUnder(installed), ['LICENSE', 'README.md', 'dist/analyzeWorker.js', 'dist/cli.js', 'package.json']);
    assert.ok(!existsSync(join(installed, 'node_modules')), 'nothing is installed with it: chevrotain is bundled');

    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    const env = { ...process.env, NODE_PATH: '', NODE_OPTIONS: '' };
    const bin = join(prefix, 'bin', 'tikv-trace');
    const help = sh(bin, ['--help'], empty, env);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /usage: tikv-trace/);

    const r = sh(bin, ['analyze', '--format', 'json', SAMPLE], empty, env);
    assert.equal(r.code, 1, `an error finding exits 1: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { findings: { rule: string; regionId: string }[] };
    assert.deepEqual(out.findings.filter((f) => f.rule === 'stale-observe-reorder').map((f) => f.regionId), ['319305']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
