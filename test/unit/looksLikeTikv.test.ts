// Which `.log` files the editor takes for TiKV logs when their name does not say so: by the first line, in any
// format the parser reads, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logHeadKind, looksLikeTikvLog } from '../../src/core/parser';

const FIXTURES = join(__dirname, '../fixtures/scenarios');
const firstLines = (name: string, n = 3): string => readFileSync(join(FIXTURES, name), 'utf8').split('\n').slice(0, n).join('\n') + '\n';

test('TiKV logs in each format are recognised by their first line', () => {
  assert.equal(looksLikeTikvLog('[2025/02/24 10:00:01.100 +08:00] [INFO] [raft.rs:1273] ["became leader at term 9"] [term=9]\n'), true, 'unified');
  assert.equal(looksLikeTikvLog(firstLines('reorder-18243.json.log')), true, 'JSON format');
  assert.equal(looksLikeTikvLog('2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6\n'), true, 'pre-4.0');
  assert.equal(looksLikeTikvLog('2018/02/24 16:25:56.782 raft.rs:732: [INFO] [region 76] 77 became follower at term 7\n'), true, 'pre-3.0');
  assert.equal(looksLikeTikvLog('\ufeff[2025/02/24 10:00:01.100 +08:00] [INFO] [lib.rs:1] [hello]\n'), true, 'after a BOM');
  assert.equal(looksLikeTikvLog('\n\r\n  \n[2025/02/24 10:00:01.100 +08:00] [WARN] [lib.rs:1] [hello]\n'), true, 'after blank lines');
});

test('other logs and text are not', () => {
  assert.equal(looksLikeTikvLog('127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326\n'), false, 'an access log');
  assert.equal(looksLikeTikvLog('2024-05-01T10:00:00Z INFO server started\n'), false, 'another logger');
  assert.equal(looksLikeTikvLog('{"msg":"hello","level":30}\n'), false, 'another JSON logger');
  assert.equal(looksLikeTikvLog('# Notes\n\n[2025/02/24 10:00:01.100 +08:00] [INFO] [lib.rs:1] [hello]\n'), false, 'text that quotes a TiKV line further down');
  assert.equal(looksLikeTikvLog('\n\n'), false, 'only blank lines');
  assert.equal(looksLikeTikvLog('[2025/02/24 10:00:01.100 +08:00] [INFO] [lib.rs:1] [cut off'), false, 'a first line cut before its end is not judged');
});

test("other components' logs in TiKV's own format are known by their source: Go (PD, TiDB, TiCDC, BR), C++ (TiFlash)", () => {
  const unified = (source: string): string => `[2025/02/24 10:00:01.100 +08:00] [INFO] [${source}] ["started"]\n`;
  assert.equal(logHeadKind(unified('server.go:123')), 'other-component', 'PD');
  assert.equal(logHeadKind(unified('printer.go:47')), 'other-component', 'TiDB');
  assert.equal(logHeadKind(unified('Server.cpp:1234')), 'other-component', 'TiFlash');
  assert.equal(logHeadKind('{"level":"INFO","time":"2025/02/24 10:00:01.100 +08:00","caller":"server/server.go:123","message":"hi"}\n'), 'other-component', 'PD, JSON format');
  assert.equal(looksLikeTikvLog(unified('server.go:123')), false, 'so not a TiKV log');
  assert.equal(logHeadKind(unified('lib.rs:1')), 'tikv');
  assert.equal(logHeadKind(unified('<unknown>')), 'tikv', 'an unknown source is read as TiKV, as before');
  assert.equal(logHeadKind('just text\n'), 'other');
});
