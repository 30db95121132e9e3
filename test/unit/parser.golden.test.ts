// Golden tests of the line parser: one (or a few) per rule of the log reference, section a, using the real
// lines it quotes. Each test names the rule it pins.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineParser, parseText, parseTimestamp, unescapeJsonString } from '../../src/core/parser';
import type { ColumnRange, LogEntry, ParsedLine } from '../../src/core/record';
import { fieldValue } from '../../src/core/record';
import { scanUnifiedFast } from '../../src/core/parser/unifiedFast';
import { recoverUnified } from '../../src/core/parser/unifiedRecovery';

function parseLine(text: string): ParsedLine {
  return new LineParser().parse(text, 1, 0);
}

function entry(text: string): LogEntry {
  const r = parseLine(text);
  assert.equal(r.kind, 'entry', `expected an entry, got ${JSON.stringify(r)}`);
  return r as LogEntry;
}

function cut(text: string, r: ColumnRange | undefined): string {
  assert.ok(r !== undefined, 'range expected');
  return text.slice(r[0], r[1]);
}

/** Every range must hold the characters of its key/value/message, as written (quotes excluded). */
function assertRanges(text: string, e: LogEntry): void {
  assert.equal(unescapeJsonString(cut(text, e.messageRange)), e.message);
  for (const f of e.fields) {
    if (f.keyRange !== undefined) assert.equal(unescapeJsonString(cut(text, f.keyRange)), f.key);
    assert.equal(unescapeJsonString(cut(text, f.valueRange)), f.value, `value of ${f.key}`);
  }
}

function fieldsOf(e: LogEntry): [string, string][] {
  return e.fields.map((f) => [f.key, f.value]);
}

// --- a.1 unified format ----------------------------------------------------------------------------------

test('unified: header, quoted message and fields in written order (tiflash#7867)', () => {
  const line = '[2023/07/30 23:37:09.829 +08:00] [INFO] [raft.rs:1177] ["became pre-candidate at term 8"] [term=8] [raft_id=319306] [peer_id=319306] [region_id=319305]';
  const e = entry(line);
  assert.equal(e.format, 'unified');
  assert.deepEqual(e.paste, []);
  assert.equal(e.time, '2023/07/30 23:37:09.829 +08:00');
  assert.equal(e.ts, Date.UTC(2023, 6, 30, 15, 37, 9, 829));
  assert.equal(e.level, 'INFO');
  assert.equal(e.source, 'raft.rs:1177');
  assert.equal(e.message, 'became pre-candidate at term 8');
  assert.deepEqual(fieldsOf(e), [['term', '8'], ['raft_id', '319306'], ['peer_id', '319306'], ['region_id', '319305']]);
  assert.equal(e.damage, undefined);
  assertRanges(line, e);
  assert.deepEqual(e.messageRange, [57, 87]);
});

test('unified: JSON escapes in message, keys and values (\\" \\\\ \\n \\t \\u00XX, surrogate pairs)', () => {
  const line = '[2024/01/03 15:11:49.005 +08:00] [WARN] [server.rs:450] ["say \\"hi\\"\\\\ now\\n\\tnext \\u0001 \\ud83d\\udc96"] ["k\\"ey"="v\\\\al\\nue"]';
  const e = entry(line);
  assert.equal(e.message, 'say "hi"\\ now\n\tnext \u0001 💖');
  assert.deepEqual(fieldsOf(e), [['k"ey', 'v\\al\nue']]);
  assert.equal(e.damage, undefined);
  assertRanges(line, e);
});

test('unified: real line with nested escaped quotes (tikv#4768)', () => {
  const line = '[2019/05/24 15:38:30.503 -07:00] [INFO] [config.rs:652] ["check data dir"] [mount_fs="FsInfo { tp: \\"wslfs\\", opts: \\"rw,noatime\\", mnt_dir: \\"/\\", fsname: \\"rootfs\\" }"] [data_path=/tmp/tikv/store/raft]';
  const e = entry(line);
  assert.equal(fieldValue(e, 'mount_fs'), 'FsInfo { tp: "wslfs", opts: "rw,noatime", mnt_dir: "/", fsname: "rootfs" }');
  assert.equal(fieldValue(e, 'data_path'), '/tmp/tikv/store/raft');
  assert.equal(e.ts, Date.UTC(2019, 4, 24, 22, 38, 30, 503));
  assertRanges(line, e);
});

test('unified: keys with spaces are quoted (tikv#14368 shapes)', () => {
  const line = '[2023/03/10 10:00:00.000 +08:00] [INFO] [raft.rs:1344] ["[logterm: 5, index: 9, vote: 0] ignored vote from 7 [logterm: 5, index: 9]: lease is not expired"] ["msg type"=MsgRequestPreVote] ["remaining ticks"=10] ["process keys"=1500] [term=5]';
  const e = entry(line);
  assert.deepEqual(fieldsOf(e), [['msg type', 'MsgRequestPreVote'], ['remaining ticks', '10'], ['process keys', '1500'], ['term', '5']]);
  assert.equal(e.message, '[logterm: 5, index: 9, vote: 0] ignored vote from 7 [logterm: 5, index: 9]: lease is not expired');
  assertRanges(line, e);
});

test('unified: ] [ and = inside quoted values (RFC sql example, to="[a, b]", err Debug)', () => {
  const line = '[2019/01/05 00:01:15.000 -07:00] [ERROR] [session.go:1] ["commit failed"] [sql="insert into t values (\\"]This should not break log parsing!\\")"] [to="[347199, 319308]"] [err="Error(Request(message: \\"region 24869 is missing\\" region_not_found { region_id: 24869 }))"] [k="a=b"]';
  const e = entry(line);
  assert.deepEqual(fieldsOf(e), [
    ['sql', 'insert into t values ("]This should not break log parsing!")'],
    ['to', '[347199, 319308]'],
    ['err', 'Error(Request(message: "region 24869 is missing" region_not_found { region_id: 24869 }))'],
    ['k', 'a=b'],
  ]);
  assert.equal(e.damage, undefined);
  assertRanges(line, e);
});

test('unified: empty message [] and the <unknown> source', () => {
  const e = entry('[2013/01/05 00:01:15.000 -07:00] [ERROR] [<unknown>] [] [k=v]');
  assert.equal(e.source, '<unknown>');
  assert.equal(e.message, '');
  assert.deepEqual(e.messageRange, [54, 54]);
  assert.deepEqual(fieldsOf(e), [['k', 'v']]);
  // The RFC quotes the header alone: still an entry, the missing message is the damage.
  const bare = entry('[2013/01/05 00:01:15.000 -07:00] [ERROR] [<unknown>]');
  assert.equal(bare.message, '');
  assert.match(bare.damage ?? '', /no message/);
});

test('unified: raw unicode stays unquoted, quoted only for the space; ranges count UTF-16 units', () => {
  const line = '[2023/07/30 23:37:09.829 +08:00] [INFO] [mod.rs:80] [欢迎] [emoji=💖] [bad=�] [mix="欢迎 TiKV"] [after=x]';
  const e = entry(line);
  assert.equal(e.message, '欢迎');
  assert.deepEqual(fieldsOf(e), [['emoji', '💖'], ['bad', '�'], ['mix', '欢迎 TiKV'], ['after', 'x']]);
  assert.deepEqual(e.fields[0].valueRange, [64, 66]); // 💖 is two UTF-16 units
  assertRanges(line, e);
});

test('unified: unquoted values with ( ) | : , / { and Debug/Display shapes', () => {
  const line = '[2020/11/20 10:49:42.155 +08:00] [INFO] [snap.rs:123] ["sending snapshot"] [snapshot=/data/tikv/snap/gen_421278807_7_414542_(default|lock|write).sst] [cf=(default|lock|write)] [backoff=3s] [Score=inf] [Counter=NaN] [is_None=None] [is_true=true] [url=http://example.com] [r.peers=1,2,3]';
  const e = entry(line);
  assert.deepEqual(fieldsOf(e), [
    ['snapshot', '/data/tikv/snap/gen_421278807_7_414542_(default|lock|write).sst'], ['cf', '(default|lock|write)'],
    ['backoff', '3s'], ['Score', 'inf'], ['Counter', 'NaN'], ['is_None', 'None'], ['is_true', 'true'],
    ['url', 'http://example.com'], ['r.peers', '1,2,3'],
  ]);
  assert.equal(e.damage, undefined);
  assertRanges(line, e);
});

test('unified: the no-timestamp form starts with a space', () => {
  const line = ' [INFO] [lib.rs:88] ["Welcome to TiKV"] [thread_id=0x5]';
  const e = entry(line);
  assert.equal(e.time, '');
  assert.equal(e.ts, null);
  assert.equal(e.message, 'Welcome to TiKV');
  assert.deepEqual(fieldsOf(e), [['thread_id', '0x5']]);
  assertRanges(line, e);
});

test('unified: every level FATAL..TRACE', () => {
  for (const level of ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'] as const) {
    assert.equal(entry(`[2023/07/30 23:37:09.829 +08:00] [${level}] [a.rs:1] [m]`).level, level);
  }
});

// Issue 12: people paste lines with the time cut off and the level in another case (tikv/tikv, pingcap/tiflow).
test('unified: time-less lines as pasted start with [LEVEL]: entries with time "" and ts null', () => {
  const cdc = '[ERROR] [endpoint.rs:637] ["cdc initialize fail: ..."] [region_id=767881]';
  const e = entry(cdc);
  assert.equal(e.format, 'unified');
  assert.deepEqual(e.paste, []);
  assert.equal(e.damage, undefined);
  assert.equal(e.time, '');
  assert.equal(e.ts, null);
  assert.equal(e.level, 'ERROR');
  assert.equal(e.source, 'endpoint.rs:637');
  assert.equal(e.message, 'cdc initialize fail: ...');
  assert.deepEqual(fieldsOf(e), [['region_id', '767881']]);
  assertRanges(cdc, e);
  assert.deepEqual(scanUnifiedFast(cdc, 0), recoverUnified(cdc, 0), 'the fast scanner takes it, as the grammar reads it');
  assert.ok(scanUnifiedFast(cdc, 0) !== null);

  const fatal = '[Error] [errors.rs:178] ["backup stream meet fatal error"] [err_code=KV:LogBackup:Io] [err="I/O Error: Permission denied (os error 13)"] [thread_id=5]';
  const f = entry(fatal);
  assert.equal(f.level, 'ERROR');
  assert.equal(f.ts, null);
  assert.equal(f.message, 'backup stream meet fatal error');
  assert.equal(fieldValue(f, 'err_code'), 'KV:LogBackup:Io');
  assertRanges(fatal, f);
  // A time in another layout is still read as the time (damaged), never as a time-less line.
  const odd = entry('[2025/06/03 10:00:00] [ERROR] [a.rs:1] [m]');
  assert.equal(odd.time, '2025/06/03 10:00:00');
  assert.ok(odd.ts !== null);
  // Damage is still recovered by the grammar without a time.
  const damaged = entry('[WARN] [a.rs:1] [m] [k=v');
  assert.equal(damaged.ts, null);
  assert.match(damaged.damage ?? '', /no closing \]/);
});

test('unified: a panic backtrace after a time-less entry continues it; its lines never become entries', () => {
  const r = parseText([
    '[FATAL] [lib.rs:465] ["panic"] [backtrace="..."]',
    "thread 'raftstore-5-1' panicked at 'called `Option::unwrap()` on a `None` value', components/raftstore/src/store/peer.rs:1012:9",
    'stack backtrace:',
    '   0: rust_begin_unwind',
    '             at /rustc/library/std/src/panicking.rs:584:5',
    '[INFO] [a.rs:1] [next]',
  ].join('\n'));
  assert.deepEqual(r.map((x) => x.kind), ['entry', 'continuation', 'continuation', 'continuation', 'continuation', 'entry']);
  for (const c of r.slice(1, 5)) assert.equal(c.kind === 'continuation' && c.of, 1);
});

test('unified: levels in another case are matched and normalised (Error -> ERROR, Warn/WARNING -> WARN)', () => {
  const cases: [string, string][] = [
    ['Error', 'ERROR'], ['error', 'ERROR'], ['Warn', 'WARN'], ['warn', 'WARN'], ['WARNING', 'WARN'], ['Warning', 'WARN'],
    ['warning', 'WARN'], ['info', 'INFO'], ['Info', 'INFO'], ['Debug', 'DEBUG'], ['fatal', 'FATAL'], ['Trace', 'TRACE'],
  ];
  for (const [written, level] of cases) {
    for (const line of [
      `[2023/07/30 23:37:09.829 +08:00] [${written}] [a.rs:1] [m] [k=v]`,
      `[${written}] [a.rs:1] [m] [k=v]`,
      ` [${written}] [a.rs:1] [m] [k=v]`,
    ]) {
      const e = entry(line);
      assert.equal(e.level, level, line);
      assert.equal(e.damage, undefined, line);
      assert.equal(e.source, 'a.rs:1', line);
      assert.deepEqual(scanUnifiedFast(line, 0), recoverUnified(line, 0), line);
    }
  }
  // Also the too-long path, which keeps only the header.
  const long = `[Warning] [a.rs:1] ["${'x'.repeat(200)}"]`;
  const t = new LineParser({ maxRecoveryLength: 50 }).parse(long.replace('"]', ' "]').replace('["', '["\\q'), 1, 0);
  assert.equal(t.kind === 'entry' && t.level, 'WARN');
  assert.equal(t.kind === 'entry' && t.source, 'a.rs:1');
  assert.equal(t.kind === 'entry' && t.ts, null);
});

test('unified: header that does not parse is bad-timestamp / bad-level, other text is no-header', () => {
  const cases: [string, string][] = [
    ['[2023/13/30 23:37:09.829 +08:00] [INFO] [a.rs:1] [m]', 'bad-timestamp'],
    ['[2023/02/29 23:37:09.829 +08:00] [INFO] [a.rs:1] [m]', 'bad-timestamp'], // 2023 is not a leap year
    ['[yesterday] [INFO] [a.rs:1] [m]', 'bad-timestamp'],
    ['[2023/07/30 23:37:09.829 +08:00] [NOTICE] [a.rs:1] [m]', 'bad-level'],
    ['[2023/07/30 23:37:09.829 +08:00] [inf] [a.rs:1] [m]', 'bad-level'],
    ['[2023/07/30 23:37:09.829 +08:00] [ınfo] [a.rs:1] [m]', 'bad-level'], // dotless i: upper-cases to INFO, no logger writes it
    [' [VERBOSE] [a.rs:1] [m]', 'bad-level'],
    ['[2023/07/30 23:37:09.829 +08:00] [INFO] a.rs:1 [m]', 'no-header'],
    ['[link] some markdown text', 'no-header'],
    ['[INFO] some text', 'no-header'], // a level alone is not a header: the source must follow
    ['[Errors] [a.rs:1] [m]', 'no-header'], // not a level word: read as a time, and not a time either
    ['hello world', 'no-header'],
  ];
  for (const [line, reason] of cases) {
    const r = parseLine(line);
    assert.equal(r.kind, 'unparsed', line);
    if (r.kind === 'unparsed') {
      assert.equal(r.reason, reason, line);
      assert.equal(r.text, line);
      assert.ok(r.detail.length > 0);
    }
  }
});

// --- a.2 JSON format -------------------------------------------------------------------------------------

test('json: fixed keys in any order (tikv#14012 order), other keys become fields in written order', () => {
  const line = '{"level":"INFO","caller":"<unknown>:0","message":"backup stream observer refreshing void subscription.","time":"2022/12/30 09:25:05.462 +01:00","new_region":"id: 10 start_key: 7480 region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }","process keys":1500,"thread_id":81}';
  const e = entry(line);
  assert.equal(e.format, 'json');
  assert.equal(e.level, 'INFO');
  assert.equal(e.source, '<unknown>:0');
  assert.equal(e.message, 'backup stream observer refreshing void subscription.');
  assert.equal(e.ts, Date.UTC(2022, 11, 30, 8, 25, 5, 462));
  assert.deepEqual(fieldsOf(e), [
    ['new_region', 'id: 10 start_key: 7480 region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }'],
    ['process keys', '1500'], ['thread_id', '81'],
  ]);
  assertRanges(line, e);
});

test('json: u64 numbers, literals and nested values keep their source text', () => {
  const line = '{"time":"2022/12/30 09:25:05.462 +01:00","level":"WARN","caller":"endpoint.rs:739","message":"x\\ty \\u6b22","checkpoint_ts":445566778899001122,"neg":-1.5e3,"ok":true,"none":null,"obj":{"a":[1,{"b":"]"}]},"arr":[]}';
  const e = entry(line);
  assert.equal(e.message, 'x\ty 欢');
  assert.deepEqual(fieldsOf(e), [
    ['checkpoint_ts', '445566778899001122'], ['neg', '-1.5e3'], ['ok', 'true'], ['none', 'null'],
    ['obj', '{"a":[1,{"b":"]"}]}'], ['arr', '[]'],
  ]);
  assertRanges(line, e);
});

test('json: invalid JSON is bad-json; valid JSON without a level, a bad level or time is unparsed', () => {
  const cases: [string, string][] = [
    ['{"level":"INFO","message":"x"', 'bad-json'],
    ['{"level":"INFO","message":"x",}', 'bad-json'],
    ['{"level":"INFO","n":01}', 'bad-json'],
    ['{"level":"INFO","message":"a\u0001b"}', 'bad-json'],
    ['{"a":1}', 'no-header'],
    ['{"level":"LOUD","message":"x"}', 'bad-level'],
    ['{"level":"inf","message":"x"}', 'bad-level'],
    ['{"level":"INFO","message":"x","time":"later"}', 'bad-timestamp'],
  ];
  for (const [line, reason] of cases) {
    const r = parseLine(line);
    assert.equal(r.kind === 'unparsed' ? r.reason : r.kind, reason, line);
  }
});

// --- a.3 older formats -----------------------------------------------------------------------------------

test('slog (2.x/3.0): the [region R] P prefix becomes region_id/peer_id (pingcap/tidb#9588)', () => {
  const line = '2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6';
  const e = entry(line);
  assert.equal(e.format, 'slog');
  assert.equal(e.ts, Date.UTC(2019, 2, 7, 10, 29, 20, 929)); // zone-less: UTC
  assert.equal(e.level, 'INFO');
  assert.equal(e.source, '<unknown>:722');
  assert.equal(e.message, 'became follower at term 6');
  assert.deepEqual(fieldsOf(e), [['region_id', '1209'], ['peer_id', '1212']]);
  assert.equal(cut(line, e.fields[0].valueRange), '1209');
  assert.equal(cut(line, e.fields[1].valueRange), '1212');
  assert.equal(cut(line, e.messageRange), e.message);
});

test('slog: short levels map to the unified names; messages with [..: ..] keep their text; k: v suffix', () => {
  const levels: [string, string][] = [['ERRO', 'ERROR'], ['CRIT', 'FATAL'], ['DEBG', 'DEBUG'], ['TRCE', 'TRACE'], ['WARN', 'WARN']];
  for (const [short, long] of levels) assert.equal(entry(`2019/03/07 10:29:20.929 ${short} a.rs:1: m`).level, long);
  const vote = entry('2019/03/07 10:29:20.931 INFO <unknown>:1024: [region 1209] 1212 [logterm: 5, index: 5, vote: 0] cast MsgRequestVote for 1211 [logterm: 5, index: 5] at term 6');
  assert.equal(vote.message, '[logterm: 5, index: 5, vote: 0] cast MsgRequestVote for 1211 [logterm: 5, index: 5] at term 6');
  const kv = '2019/03/07 10:29:21.000 ERRO store.rs:12: failed to send, err: Other("x, y: z"), region_id: 5';
  const e = entry(kv);
  assert.equal(e.message, 'failed to send');
  assert.deepEqual(fieldsOf(e), [['err', 'Other("x, y: z")'], ['region_id', '5']]);
  assertRanges(kv, e);
});

test('json and old formats: levels in another case are normalised too', () => {
  for (const [written, level] of [['warn', 'WARN'], ['Warning', 'WARN'], ['Error', 'ERROR'], ['info', 'INFO']]) {
    assert.equal(entry(`{"level":"${written}","message":"x","time":"2022/12/30 09:25:05.462 +01:00"}`).level, level);
  }
  for (const [written, level] of [['Erro', 'ERROR'], ['erro', 'ERROR'], ['Crit', 'FATAL'], ['Info', 'INFO'], ['Warning', 'WARN']]) {
    assert.equal(entry(`2019/03/07 10:29:20.929 ${written} a.rs:1: m`).level, level);
  }
  assert.equal(entry('2018/02/24 16:25:56.782 raft.rs:732: [Info] [region 76] 77 became follower at term 7').level, 'INFO');
});

test('1.x: level in brackets after the source (pingcap/tidb#5899)', () => {
  const line = '2018/02/24 16:25:56.782 raft.rs:732: [INFO] [region 76] 77 became follower at term 7';
  const e = entry(line);
  assert.equal(e.format, 'legacy');
  assert.equal(e.source, 'raft.rs:732');
  assert.equal(e.level, 'INFO');
  assert.equal(e.message, 'became follower at term 7');
  assert.deepEqual(fieldsOf(e), [['region_id', '76'], ['peer_id', '77']]);
  assert.equal(cut(line, e.fields[1].valueRange), '77');
});

test('old formats: a bad date or level is named', () => {
  const a = parseLine('2019/02/30 10:29:20.929 INFO a.rs:1: m');
  assert.equal(a.kind === 'unparsed' && a.reason, 'bad-timestamp');
  const b = parseLine('2019/03/07 10:29:20.929 LOUD a.rs:1: m');
  assert.equal(b.kind === 'unparsed' && b.reason, 'bad-level');
});

// --- a.4 paste artefacts ---------------------------------------------------------------------------------

test('paste: grep prefix (pingcap/tiflow#644), ranges still in physical columns', () => {
  const line = './tikv3.log:2263:[2020/06/11 16:46:42.474 +08:00] [INFO] [raft.rs:1177] ["became pre-candidate at term 8"] [term=8]';
  const e = entry(line);
  assert.deepEqual(e.paste, ['grep-prefix']);
  assert.equal(e.message, 'became pre-candidate at term 8');
  assertRanges(line, e);
  assert.deepEqual(entry('tikv.log:12:[2020/06/11 16:46:42.474 +08:00] [WARN] [a.rs:1] [m]').paste, ['grep-prefix']);
});

test('paste: markdown link around the source (tikv#14368)', () => {
  const line = '[2023/03/10 10:00:00.000 +08:00] [INFO] [[raft.rs:1344](http://raft.rs:1344/)] ["received a message with higher term from 7"] ["msg type"=MsgRequestPreVote] [term=5]';
  const e = entry(line);
  assert.deepEqual(e.paste, ['markdown-link']);
  assert.equal(e.source, 'raft.rs:1344');
  assert.equal(e.damage, undefined);
  assert.deepEqual(fieldsOf(e), [['msg type', 'MsgRequestPreVote'], ['term', '5']]);
  assertRanges(line, e);
});

test('paste: Docker json-file wrapper is unwrapped, ranges dropped (pingcap/tidb#12288)', () => {
  const line = '{"log":"2019/09/20 03:49:49.867 INFO \\u003cunknown\\u003e:722: [region 1209] 1212 became follower at term 6\\n","stream":"stderr","time":"2019-09-20T03:49:49.868012345Z"}';
  const e = entry(line);
  assert.deepEqual(e.paste, ['docker-json']);
  assert.equal(e.format, 'slog');
  assert.equal(e.source, '<unknown>:722');
  assert.equal(e.message, 'became follower at term 6');
  assert.equal(e.messageRange, undefined);
  assert.ok(e.fields.every((f) => f.keyRange === undefined && f.valueRange === undefined));
  const unified = entry('{"log":"[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] [\\"x y\\"] [k=v]\\n","stream":"stdout"}');
  assert.equal(unified.format, 'unified');
  assert.equal(unified.message, 'x y');
});

test('paste: table / Grafana export prefix with \\| escaped inside values (tikv#19672)', () => {
  const line = '  |   | 2026-06-03 15:42:37 | [2026/06/03 15:42:37.120 +08:00] [INFO] [snap.rs:1] ["sending snapshot"] [cf=(default\\|lock\\|write)] [n=1] |';
  const e = entry(line);
  assert.deepEqual(e.paste, ['table-prefix']);
  assert.equal(e.ts, Date.UTC(2026, 5, 3, 7, 42, 37, 120));
  assert.deepEqual(fieldsOf(e), [['cf', '(default|lock|write)'], ['n', '1']]);
  assert.equal(cut(line, e.fields[0].valueRange), '(default\\|lock\\|write)');
  assert.equal(cut(line, e.fields[1].valueRange), '1');
  assert.equal(cut(line, e.messageRange), 'sending snapshot');
});

test('paste: a pasted blank line is blank; a table separator row is not a log line', () => {
  assert.equal(parseLine('tikv.log:5:').kind, 'blank');
  const sep = parseLine('|---|---|');
  assert.equal(sep.kind === 'unparsed' && sep.reason, 'no-header');
});

test('paste: artefacts nest and are listed in the order removed', () => {
  const e = entry('tikv.log:7:{"log":"[2023/07/30 23:37:09.829 +08:00] [INFO] [[raft.rs:1](http://raft.rs:1/)] [m]\\n","stream":"stderr"}');
  assert.deepEqual(e.paste, ['grep-prefix', 'docker-json', 'markdown-link']);
});

// --- damaged lines ---------------------------------------------------------------------------------------

test('damaged: hand-edited line of tikv/tikv#16056 is recovered', () => {
  const line = '[2023/11/07 19:29:51.821 +00:00] [WARN] [errors.rs:171] [""backup stream meet error""] [verbose_err="Etcd(...)"] [err="..."] [context=""failed to register backup stream task log-scheduled-backup-manager to router: ranges not found"';
  const e = entry(line);
  assert.equal(e.level, 'WARN');
  assert.equal(e.source, 'errors.rs:171');
  assert.match(e.message, /backup stream meet error/);
  assert.equal(fieldValue(e, 'verbose_err'), 'Etcd(...)');
  assert.equal(fieldValue(e, 'err'), '...');
  assert.equal(fieldValue(e, 'context'), 'failed to register backup stream task log-scheduled-backup-manager to router: ranges not found');
  assert.ok(e.damage !== undefined && e.damage.length > 0);
  assertRanges(line, e);
});

test('damaged: unbalanced quote inside position= (tikv/tikv#16956) does not shift the other fields', () => {
  const line = '[2024/05/03 21:52:54.024 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] [position="Location { file: \\"/home/jenkins/agent/workspace/build-common/go/src/github.com/pingcap/tikv/components/backup-stream/src/endpoint.rs", line: 694, col: 54 }"] [verbose_err="Pd(UnsafeServiceGcSafePoint { requested: TimeStamp(0), current_minimal: TimeStamp(449509094337282117) })"] [err="PD client meet error: the requested service gc safe point(0) isn\'t safe(safe point now is 449509094337282117)"] [context="removing safe point for pausing"] [thread_id=81]';
  const e = entry(line);
  assert.equal(e.message, 'backup stream meet error');
  assert.equal(fieldValue(e, 'position'), 'Location { file: "/home/jenkins/agent/workspace/build-common/go/src/github.com/pingcap/tikv/components/backup-stream/src/endpoint.rs", line: 694, col: 54 }');
  assert.equal(fieldValue(e, 'context'), 'removing safe point for pausing');
  assert.equal(fieldValue(e, 'thread_id'), '81');
  assert.equal(e.fields.length, 5);
  assert.match(e.damage ?? '', /position/);
});

test('damaged: unclosed [, stray ], missing quote, unbracketed message', () => {
  const unclosed = entry('[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["m"] [k=v] [last=7');
  assert.equal(fieldValue(unclosed, 'last'), '7');
  assert.match(unclosed.damage ?? '', /closing \]/);
  const stray = entry('[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["m"]] [k=v]');
  assert.equal(fieldValue(stray, 'k'), 'v');
  assert.match(stray.damage ?? '', /outside brackets/);
  const quote = entry('[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["m"] [a="x] [b=y]');
  assert.deepEqual(fieldsOf(quote), [['a', 'x'], ['b', 'y']]);
  const zoneless = entry('[2023/07/30 23:37:09.829] [INFO] [a.rs:1] ["m"]');
  assert.equal(zoneless.ts, Date.UTC(2023, 6, 30, 23, 37, 9, 829));
  assert.match(zoneless.damage ?? '', /layout/);
  const bare = entry('[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] hello world [k=v]');
  assert.equal(bare.message, 'hello world');
  assert.equal(fieldValue(bare, 'k'), 'v');
  assert.ok(bare.damage !== undefined);
});

// --- line-level rules ------------------------------------------------------------------------------------

test('CRLF and BOM are stripped; a BOM still counts as a column', () => {
  const crlf = entry('[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] [m] [k=v]\r');
  assert.equal(fieldValue(crlf, 'k'), 'v');
  const line = '\uFEFF[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["x y"] [k=v]';
  const bom = entry(line);
  assert.equal(bom.message, 'x y');
  assertRanges(line, bom);
});

test('trailing whitespace is harmless and stays on the fast path', () => {
  const line = '[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["m"] [k=v] \t ';
  const e = entry(line);
  assert.equal(e.damage, undefined);
  assert.deepEqual(fieldsOf(e), [['k', 'v']]);
  assert.ok(scanUnifiedFast(line, 0) !== null);
});

test('blank lines: empty and whitespace-only', () => {
  for (const s of ['', '   ', '\t', ' \t \r']) assert.equal(parseLine(s).kind, 'blank', JSON.stringify(s));
});

test('continuations after a panic entry; the same lines without an entry are no-header', () => {
  const text = [
    '[2023/07/30 23:37:09.829 +08:00] [FATAL] [lib.rs:465] ["panic"] [backtrace="..."]',
    "thread 'raftstore-5-1' panicked at 'called `Option::unwrap()` on a `None` value', components/raftstore/src/store/peer.rs:1012:9",
    'stack backtrace:',
    '   0: rust_begin_unwind',
    '             at /rustc/library/std/src/panicking.rs:584:5',
    'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
    '',
    '   0: after a blank line',
    "thread 'main' panicked at src/main.rs:2:5:",
  ].join('\n');
  const r = parseText(text);
  assert.deepEqual(r.map((x) => x.kind), ['entry', 'continuation', 'continuation', 'continuation', 'continuation', 'continuation', 'blank', 'unparsed', 'unparsed']);
  for (const c of r.slice(1, 6)) assert.equal(c.kind === 'continuation' && c.of, 1);
  assert.equal(r[1].kind === 'continuation' && r[1].text, text.split('\n')[1]);
  assert.equal(r[7].kind === 'unparsed' && r[7].reason, 'no-header');
});

test('a panic message after "panicked at file:line:col:" continues the entry', () => {
  const r = parseText([
    '[2023/07/30 23:37:09.829 +08:00] [FATAL] [lib.rs:465] ["panic"]',
    "thread 'main' panicked at src/main.rs:2:5:",
    'assertion `left == right` failed',
    '  left: 1',
  ].join('\n'));
  assert.deepEqual(r.map((x) => x.kind), ['entry', 'continuation', 'continuation', 'continuation']);
});

test('binary junk: NUL, control-heavy, U+FFFD-heavy', () => {
  for (const s of ['\u0000\u0000\u0000\u0000', 'ab\u0001\u0002\u0003\u0004cd', '\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDx']) {
    const r = parseLine(s);
    assert.equal(r.kind === 'unparsed' && r.reason, 'binary', JSON.stringify(s));
  }
  // ANSI colours and a few replacement characters are still text.
  assert.equal(parseLine('\u001b[31mred\u001b[0m text').kind === 'unparsed' && (parseLine('\u001b[31mred\u001b[0m text') as { reason: string }).reason, 'no-header');
});

test('10 MB lines: canonical, damaged and junk all parse without throwing; kept text is truncated', () => {
  const big = 'x'.repeat(10 * 1024 * 1024);
  const canonical = entry(`[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] [m] [blob=${big}]`);
  assert.equal(fieldValue(canonical, 'blob')?.length, big.length);
  const damaged = entry(`[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["m ${big}`);
  assert.match(damaged.damage ?? '', /recovery limit/);
  assert.ok(damaged.message.startsWith('m xxx'));
  const junk = parseLine(`junk ${big}`);
  assert.equal(junk.kind, 'unparsed');
  if (junk.kind === 'unparsed') {
    assert.equal(junk.text.length, 65536);
    assert.match(junk.detail, /truncated/);
  }
});

test('maxTextLength bounds kept text and says so', () => {
  const p = new LineParser({ maxTextLength: 10 });
  const r = p.parse('some text that is long', 3, 40);
  assert.equal(r.kind, 'unparsed');
  if (r.kind === 'unparsed') {
    assert.equal(r.text, 'some text ');
    assert.match(r.detail, /truncated to 10 of 22/);
    assert.equal(r.line, 3);
    assert.equal(r.offset, 40);
  }
});

// --- helpers ---------------------------------------------------------------------------------------------

test('parseTimestamp: offsets honoured, zone-less read as UTC, impossible dates rejected', () => {
  assert.equal(parseTimestamp('2023/07/30 23:37:09.829 +08:00'), Date.UTC(2023, 6, 30, 15, 37, 9, 829));
  assert.equal(parseTimestamp('2019/05/24 15:38:30.314 -07:00'), Date.UTC(2019, 4, 24, 22, 38, 30, 314));
  assert.equal(parseTimestamp('2023/07/30 23:37:09.829 +05:45'), Date.UTC(2023, 6, 30, 17, 52, 9, 829));
  assert.equal(parseTimestamp('2019/03/07 10:29:20.929'), Date.UTC(2019, 2, 7, 10, 29, 20, 929));
  assert.equal(parseTimestamp('2024/02/29 00:00:00.000 +00:00'), Date.UTC(2024, 1, 29));
  const year50 = new Date(0);
  year50.setUTCFullYear(50, 0, 1); // Date.UTC would read 50 as 1950
  assert.equal(parseTimestamp('0050/01/01 00:00:00.000 +00:00'), year50.getTime());
  for (const bad of ['2023/02/29 00:00:00.000 +00:00', '2023/07/30 24:00:00.000 +08:00', '2023/07/30 23:37:09.829 +24:00', 'now', '']) {
    assert.equal(parseTimestamp(bad), null, bad);
  }
});

test('unescapeJsonString: escapes, surrogate pairs, invalid escapes kept', () => {
  assert.equal(unescapeJsonString('a\\"b\\\\c\\/d\\n\\t\\r\\b\\f'), 'a"b\\c/d\n\t\r\b\f');
  assert.equal(unescapeJsonString('\\ud83d\\udc96 \\u6B22'), '💖 欢');
  assert.equal(unescapeJsonString('C:\\data \\x'), 'C:\\data \\x');
});

test('parseText: a trailing newline does not make a line; offsets are UTF-8 bytes', () => {
  assert.equal(parseText('').length, 0);
  assert.equal(parseText('\n').length, 1);
  assert.equal(parseText('a\nb').length, 2);
  assert.equal(parseText('a\nb\n').length, 2);
  const r = parseText('欢迎\n💖\r\nx\n');
  assert.deepEqual(r.map((x) => [x.line, x.offset]), [[1, 0], [2, 7], [3, 13]]);
});
