// Finding the TiKV logs below folders: which files are taken, which are skipped and why, how stores are named,
// and that bad folders (unreadable, looping, huge) each get a line while the rest is still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { collectInputs, NODE_FS, storeNames, takenText, type FolderFs } from '../../src/node/logFolder';
import { makeCollection } from './logCollection';

const ROOT = join(__dirname, '../..');
const TIKV_LINE = '[2025/02/24 14:29:58.004 +08:00] [INFO] [pd.rs:1023] ["store heartbeat"] [store_id=1]\n';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tikv-trace-folder-'));
}

test('a collection: each store folder with its rotated files, other components skipped by name or first line, the loop not followed', () => {
  const c = makeCollection();
  const r = collectInputs([c.dir]);
  assert.deepEqual(r.problems, []);
  const byStore: Record<string, string[]> = {};
  for (const l of r.logs) (byStore[l.store as string] ??= []).push(l.path);
  for (const files of Object.values(byStore)) files.sort();
  assert.deepEqual(byStore, Object.fromEntries(Object.entries(c.stores).map(([s, files]) => [s, [...files].sort()])));
  assert.deepEqual(Object.fromEntries(r.skipped.map((s) => [s.path, s.reason])), c.skipped);
  assert.deepEqual(r.notes.map((n) => n.path), [c.loop]);
  assert.match(r.notes[0].message, /already read: not followed/);
  assert.equal(r.folders, 1);
  assert.equal(takenText(r), "read 4 TiKV logs in 2 stores; skipped 4 other files: 3 other components' logs (pd.log, tidb.log, tiflash_tikv.log), 1 not a TiKV log (tikv.toml)");
});

test('the JSON and pre-4.0 formats are recognised by their first line too, whatever the file is called', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'json'));
  mkdirSync(join(dir, 'old'));
  writeFileSync(join(dir, 'json', 'server.out'), readFileSync(join(ROOT, 'test/fixtures/scenarios/reorder-18243.json.log')));
  writeFileSync(join(dir, 'old', 'tikv.log'), '2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6\n');
  const r = collectInputs([dir]);
  assert.deepEqual(r.logs.map((l) => [basename(l.path), l.store]), [['server.out', 'json'], ['tikv.log', 'old']]);
});

test('an empty folder: one line saying no TiKV log is below it; with only other logs, what was skipped', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  const empty = collectInputs([dir]);
  assert.deepEqual(empty.logs, []);
  assert.deepEqual(empty.problems, [{ path: dir, message: 'no TiKV log found below it (no files in it)' }]);

  writeFileSync(join(dir, 'a', 'pd.log'), '[2025/02/24 10:00:00.000 +08:00] [INFO] [server.go:1] ["x"]\n');
  writeFileSync(join(dir, 'a', 'b', 'tikv.log.1.gz'), 'not really gzip');
  writeFileSync(join(dir, 'a', 'b', 'tikv.log'), '');
  const others = collectInputs([dir]);
  assert.equal(others.problems.length, 1);
  assert.equal(others.problems[0].message,
    "no TiKV log found below it; skipped 3 other files: 1 other component's log (pd.log), 1 empty (tikv.log), 1 compressed (decompress it to read it) (tikv.log.1.gz)");
});

test('an unreadable subfolder gets a line with its path and the rest is still read (readdir injected: tests run as root)', () => {
  const c = makeCollection();
  const locked = join(c.dir, 'tikv-2');
  const fs: FolderFs = {
    ...NODE_FS,
    readdir: (path) => {
      if (path === locked) throw Object.assign(new Error(`EACCES: permission denied, scandir '${path}'`), { code: 'EACCES' });
      return NODE_FS.readdir(path);
    },
  };
  const r = collectInputs([c.dir], fs);
  assert.deepEqual(r.problems, [{ path: locked, message: 'permission denied' }]);
  assert.deepEqual([...new Set(r.logs.map((l) => l.store))], ['10.0.1.5-20160']);
});

test('an unreadable subfolder for real (chmod 000), where the user is not root', { skip: process.getuid?.() === 0 ? 'root reads every folder' : false }, () => {
  const c = makeCollection();
  const locked = join(c.dir, 'tikv-2', 'log');
  chmodSync(locked, 0o000);
  try {
    const r = collectInputs([c.dir]);
    assert.deepEqual(r.problems, [{ path: locked, message: 'permission denied' }]);
    assert.equal(r.logs.length, 2);
  } finally {
    chmodSync(locked, 0o755);
  }
});

test('links: a loop ends, a link to itself is named, a file reached twice is read once, a folder given twice is read once', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 's1', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 's1', 'tikv.log'), TIKV_LINE);
  symlinkSync(dir, join(dir, 's1', 'deeper', 'root'));
  symlinkSync('self', join(dir, 'self'));
  symlinkSync(join(dir, 's1', 'tikv.log'), join(dir, 'same.log'));
  const r = collectInputs([dir, dir]);
  assert.deepEqual(r.logs.map((l) => l.path), [join(dir, 's1', 'tikv.log')]);
  assert.deepEqual(r.notes.map((n) => `${basename(n.path)}: ${n.message}`).sort(), [
    `${basename(dir)}: given twice: read once`,
    `root: leads to ${dir}, already read: not followed`,
    'self: a symbolic link loop: not followed',
  ].sort());
  assert.deepEqual(r.problems, []);
});

test('a file given alongside its folder is read once, and keeps the store its name gives it', () => {
  const c = makeCollection();
  const file = c.stores['10.0.1.5-20160'][1];
  const r = collectInputs([file, c.dir]);
  assert.equal(r.logs.filter((l) => l.path === file).length, 1);
  assert.deepEqual(r.logs[0], { path: file });
  assert.equal(r.logs.length, 4);
});

test('store names: the folder; the folders above it when names clash; folder and file when a folder holds several stores', () => {
  const names = storeNames([
    '/x/a/tikv-1/tikv.log', '/x/a/tikv-1/tikv.log.1', '/x/b/tikv-1/log/tikv.log', '/x/10.0.1.5-20160/tikv.log',
    '/x/pods/tikv-0.log', '/x/pods/tikv-1.log', '/x/pods/tikv-1.log.2025-02-24T10-00-00.000',
  ]);
  assert.deepEqual(Object.fromEntries(names), {
    '/x/a/tikv-1/tikv.log': 'a/tikv-1',
    '/x/b/tikv-1/log/tikv.log': 'b/tikv-1',
    '/x/10.0.1.5-20160/tikv.log': '10.0.1.5-20160',
    '/x/pods/tikv-0.log': 'pods/tikv-0.log',
    '/x/pods/tikv-1.log': 'pods/tikv-1.log',
  });
  // A name another input's store already has is not given twice.
  assert.equal(storeNames(['/x/tikv-1/tikv.log'], new Set(['tikv-1'])).get('/x/tikv-1/tikv.log'), 'x/tikv-1');
});

test('10,000 files in one folder: every head read is capped, and the counts are right', () => {
  const dir = tempDir();
  const many = join(dir, 'many');
  mkdirSync(many);
  // A long first line: the file is bigger than the head that is read, so only the head decides.
  const big = TIKV_LINE + 'x'.repeat(100_000) + '\n';
  for (let i = 0; i < 10_000; i++) {
    const k = i % 10;
    const name = k === 0 ? `tikv.log.${i}` : k === 1 ? `pd.log.${i}` : k === 2 ? `component-${i}.log` : `note-${i}.txt`;
    writeFileSync(join(many, name), k === 0 ? (i === 0 ? big : TIKV_LINE) : k === 2 ? '[2025/02/24 10:00:00.000 +08:00] [INFO] [main.go:1] ["x"]\n' : `text ${i}\n`);
  }
  let headReads = 0;
  const fs: FolderFs = { ...NODE_FS, headKind: (path, buf) => { headReads++; assert.ok(buf.length <= 16384); return NODE_FS.headKind(path, buf); } };
  const started = performance.now();
  const r = collectInputs([many], fs);
  const ms = performance.now() - started;
  assert.equal(r.logs.length, 1000);
  assert.deepEqual([...new Set(r.logs.map((l) => l.store))], ['many']);
  assert.equal(r.skipped.length, 9000);
  assert.deepEqual(Object.fromEntries(Object.entries(r.skipped.reduce<Record<string, number>>((a, s) => ({ ...a, [s.reason]: (a[s.reason] ?? 0) + 1 }), {}))),
    { 'other-component': 2000, 'not-tikv': 7000 });
  // pd.log.N is skipped by its name, unread.
  assert.equal(headReads, 9000);
  console.log(`# 10,000 files walked in ${ms.toFixed(0)} ms`);
  rmSync(dir, { recursive: true, force: true });
});
