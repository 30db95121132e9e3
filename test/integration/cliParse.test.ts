import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');
const MIXED = join(__dirname, 'fixtures/mixed.log');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ndjson(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
}

test('parse writes exactly one object per physical line, in order, with each kind', () => {
  const r = run('parse', MIXED);
  assert.equal(r.code, 0, r.stderr);
  const rows = ndjson(r.stdout);
  const physical = readFileSync(MIXED, 'utf8').split('\n').length - 1;
  assert.equal(rows.length, physical);
  assert.deepEqual(rows.map((o) => o.line), rows.map((_, i) => i + 1));
  assert.deepEqual(rows.map((o) => o.kind),
    ['entry', 'blank', 'entry', 'entry', 'continuation', 'continuation', 'unparsed', 'entry']);
  const first = rows[0];
  assert.equal(first.file, MIXED);
  assert.equal(first.format, 'unified');
  assert.equal(first.time, '2025/02/24 10:00:00.100 +08:00');
  assert.equal(first.ts, Date.UTC(2025, 1, 24, 2, 0, 0, 100));
  assert.equal(first.level, 'INFO');
  assert.equal(first.source, 'raft.rs:1177');
  assert.equal(first.message, 'became pre-candidate at term 8');
  assert.deepEqual(first.fields, { term: '8', raft_id: '319306', region_id: '319305', thread_id: '12' });
  assert.equal(typeof rows[6].reason, 'string');
  assert.equal(rows[6].text, 'this is not a log line');
  // JSON-format line: key order differs, and a u64 keeps every digit.
  assert.equal(rows[7].format, 'json');
  assert.equal(rows[7].message, 'backup stream meet error');
  assert.deepEqual(rows[7].fields, { start_ts: '445566778899001122' });
});

test('a missing file and a directory get one clear line each; the other files are still parsed; exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-cli-'));
  const r = run('parse', join(dir, 'nope.log'), MIXED, dir);
  assert.equal(r.code, 2);
  const errors = r.stderr.trim().split('\n');
  assert.equal(errors.length, 2, r.stderr);
  assert.match(errors[0], /nope\.log: no such file/);
  assert.match(errors[1], /is a directory/);
  assert.equal(ndjson(r.stdout).length, 8);
});

test('--stats accounts for every line by kind and reason; --json is machine-readable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-cli-'));
  const crlf = join(dir, 'crlf.log');
  writeFileSync(crlf, '\ufeff' + readFileSync(MIXED, 'utf8').replace(/\n/g, '\r\n') + 'no newline at the end');
  const r = run('parse', '--stats', '--json', MIXED, crlf);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.lines, 8 + 9);
  const k = s.byKind;
  assert.equal(k.entry + k.continuation + k.blank + k.unparsed, s.lines);
  assert.deepEqual(k, { entry: 8, continuation: 4, blank: 2, unparsed: 3 });
  assert.equal(s.files.length, 2);
  assert.ok(s.bytes > 0 && s.peakRssMB > 0 && s.ms >= 0);
  const text = run('parse', '--stats', MIXED);
  assert.match(text.stdout, /8 lines/);
  assert.match(text.stdout, /MB\/s/);
});

test('options are strict: unknown, valued flags, missing values and the other command\'s options exit 2 naming the option', () => {
  const cases: [string[], RegExp][] = [
    [['analyze', '--json=1', MIXED], /analyze: Unknown option '--json'/],
    [['parse', '--region', '5', MIXED], /parse: Unknown option '--region'/],
    [['parse', '--stats=yes', MIXED], /parse: Option '--stats' does not take an argument/],
    [['analyze', '--format'], /analyze: Option '--format <value>' argument missing/],
  ];
  for (const [args, why] of cases) {
    const r = run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr.split('\n')[0], why);
    assert.equal(r.stdout, '', 'nothing analysed');
  }
});

test('bad usage exits 2 with the usage on stderr', () => {
  for (const args of [[], ['parse'], ['frobnicate', MIXED], ['parse', '--bogus', MIXED]]) {
    const r = run(...args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /usage: tikv-trace/);
  }
});
