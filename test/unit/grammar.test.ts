// Scope tests of syntaxes/tikv-log.tmLanguage.json on real-shaped lines from the log reference
// (/work/shared/docs/tikv-log-reference.md): each test tokenizes with vscode-textmate, as VS Code does, and checks
// the scopes that specific substrings carry. Expected scopes are the grammar's documented contract
// (syntaxes/README.md); a theme sees them through prefix selectors, which `hasScope` imitates.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hasScope, loadGrammar, probe, tokenize, type Probe, type Where } from './fixtures/grammar/loadGrammar';
import type { IGrammar } from 'vscode-textmate';

let grammar: IGrammar;
let p: Probe;

before(async () => {
  grammar = await loadGrammar();
  p = probe(grammar);
});

function assertScope(line: string, needle: string, selector: string, where?: Where): void {
  const over = p.scopesOver(line, needle, where);
  assert.ok(over.length > 0);
  for (const scopes of over) {
    assert.ok(hasScope(scopes, selector), `${JSON.stringify(needle)} should carry ${selector}, has ${scopes.join(' ')}`);
  }
}

function assertNoScope(line: string, needle: string, selector: string, where?: Where): void {
  for (const scopes of p.scopesOver(line, needle, where)) {
    assert.ok(!hasScope(scopes, selector), `${JSON.stringify(needle)} should not carry ${selector}, has ${scopes.join(' ')}`);
  }
}

/** Only the token at the first character of `needle`, for punctuation checks written with context (`[term`). */
function assertStartScope(line: string, needle: string, selector: string, where?: Where): void {
  const scopes = p.scopesAt(line, needle, where);
  assert.ok(hasScope(scopes, selector), `start of ${JSON.stringify(needle)} should carry ${selector}, has ${scopes.join(' ')}`);
}

/** The id is one token of its own, so the id colour covers exactly the number. */
function assertIdToken(line: string, id: string, selector: string, where?: Where): void {
  const t = p.tokenAt(line, id, where);
  assert.equal(t.text, id, `token around ${id}`);
  assert.ok(hasScope(t.scopes, selector), `${id} should carry ${selector}, has ${t.scopes.join(' ')}`);
}

const RAFT_V1 =
  '[2020/09/02 11:06:27.541 +08:00] [INFO] [raft.rs:833] ["became pre-candidate at term 146"] [term=146] [raft_id=67525057] [region_id=93000]';
const RAFT_V2 =
  '[2023/07/30 23:37:09.829 +08:00] [INFO] [raft.rs:1177] ["became leader at term 8"] [term=8] [raft_id=319306] [peer_id=319306] [region_id=319305] [thread_id=12]';
const ON_MODIFY_OBSERVE =
  '[2025/02/24 10:00:02.100 +08:00] [INFO] [endpoint.rs:1533] ["backup stream: on_modify_observe"] ' +
  '[op="Start { region: Region { id: 319305, ver: 16, conf_ver: 5, range: [7480000000000000FF,inf), peers: 1,2,3 }, ' +
  'handle: ObserveHandle { id: ObserveId(191299), observing: true } }"] [thread_id=31]';
const STALE_OBSERVE_ID =
  '[2025/02/24 10:00:02.300 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] ' +
  '[position="Location { file: \\"components/backup-stream/src/event_loader.rs\\", line: 345, col: 22 }"] ' +
  '[verbose_err="Contextual { context: \\"failed to get initial snapshot: failed to get the snapshot (region_id = 319305)\\", ' +
  'inner_error: RaftRequest(message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}) }"] ' +
  '[err="failed to get initial snapshot: failed to get the snapshot (region_id = 319305): Error during requesting raftstore: ' +
  'message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}"] ' +
  '[context="during getting initial snapshot for region id: 319305 start_key: 7480 end_key: 7481 ' +
  'region_epoch { conf_ver: 5 version: 16 } peers { id: 319306 store_id: 1 }; can retry = false"] [thread_id=77]';
const PENDING_REGION =
  '[2025/02/24 10:00:09.000 +08:00] [WARN] [subscription_track.rs:287] ["pending region, skip resolving"] ' +
  '[r.id=319305] [r.ver=16] [r.conf_ver=5] [r.range="[7480000000000000FF,inf)"] [r.peers=1,2,3] [thread_id=9]';
const RFC_SQL =
  '[2018/12/15 14:20:11.015 +08:00] [WARN] [session.go:1234] ["Slow query"] ' +
  '[sql="insert into t values (\\"]This should not break log parsing!\\")"] [duration=1.2s] [region_id=42]';

describe('unified header', () => {
  test('timestamp: date scope inside bracket punctuation', () => {
    assertScope(RAFT_V2, '2023/07/30 23:37:09.829 +08:00', 'constant.numeric.date.tikv-log');
    assert.equal(p.tokenAt(RAFT_V2, '2023/07/30 23:37:09.829 +08:00').text, '2023/07/30 23:37:09.829 +08:00');
    assertScope(RAFT_V2, '[', 'punctuation.definition.timestamp.begin.tikv-log');
    assertScope(RAFT_V2, ']', 'punctuation.definition.timestamp.end.tikv-log');
  });

  const levels: [string, string, string][] = [
    ['FATAL', 'keyword.other.level.fatal.tikv-log', 'invalid.illegal'],
    ['ERROR', 'keyword.other.level.error.tikv-log', 'invalid.illegal'],
    ['WARN', 'keyword.other.level.warn.tikv-log', 'markup.deleted'],
    ['INFO', 'keyword.other.level.info.tikv-log', 'markup.inserted'],
    ['DEBUG', 'keyword.other.level.debug.tikv-log', 'markup.changed'],
    ['TRACE', 'keyword.other.level.trace.tikv-log', 'comment'],
  ];
  for (const [level, own, themed] of levels) {
    test(`${level}: its own scope, a scope themes colour, and no other level's scope`, () => {
      const line = `[2023/07/30 23:37:09.829 +08:00] [${level}] [lib.rs:1] ["m"]`;
      const scopes = p.scopesAt(line, level);
      assert.equal(p.tokenAt(line, level).text, level);
      assert.ok(scopes.includes(own), scopes.join(' '));
      assert.ok(hasScope(scopes, themed), scopes.join(' '));
      for (const [, other] of levels) if (other !== own) assert.ok(!scopes.includes(other), `${level} also has ${other}`);
      assertStartScope(line, `[${level}`, 'punctuation.definition.level.begin.tikv-log');
    });
  }

  test('source [file:line] and [<unknown>]', () => {
    assertScope(RAFT_V2, 'raft.rs:1177', 'entity.name.function.source.tikv-log');
    assertStartScope(RAFT_V2, '[raft.rs', 'punctuation.definition.source.begin.tikv-log');
    const unknown = '[2013/01/05 00:01:15.000 -07:00] [ERROR] [<unknown>] ["x"]';
    assertScope(unknown, '<unknown>', 'entity.name.function.source.tikv-log');
  });

  test('quoted message is a string; a raw or empty message is plain', () => {
    assertScope(RAFT_V2, 'became leader at term 8', 'string.quoted.double.message.tikv-log');
    assertScope(RAFT_V2, 'became leader at term 8', 'meta.message.tikv-log');
    const raw = '[2024/01/01 00:00:00.000 +08:00] [INFO] [raft.rs:393] [newRaft] [term=0]';
    assertScope(raw, 'newRaft', 'meta.message.tikv-log');
    assertNoScope(raw, 'newRaft', 'string');
    const empty = '[2024/01/01 00:00:00.000 +08:00] [INFO] [x.rs:1] [] [k=v]';
    assertScope(empty, '[]', 'meta.message.tikv-log');
    assertScope(empty, 'k', 'support.type.property-name.tikv-log', { after: '[] [' });
  });

  test('enable_timestamp = false: the line starts with " [LEVEL]"', () => {
    const line = ' [WARN] [x.rs:1] ["m"] [region_id=7]';
    assertScope(line, 'WARN', 'keyword.other.level.warn.tikv-log');
    assertIdToken(line, '7', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
  });
});

describe('fields', () => {
  test('key, = and values have their scopes; plain numbers are numbers, not ids', () => {
    assertScope(RAFT_V2, 'term', 'support.type.property-name.tikv-log', { after: '"] [' });
    assertScope(RAFT_V2, '=', 'punctuation.separator.key-value.tikv-log', { after: '[term' });
    assertIdToken(RAFT_V2, '8', 'constant.numeric.tikv-log', { after: '[term=' });
    assertNoScope(RAFT_V2, '8', 'constant.numeric.region-id', { after: '[term=' });
    assertIdToken(RAFT_V2, '12', 'constant.numeric.tikv-log', { after: 'thread_id=' });
    assertNoScope(RAFT_V2, '12', 'constant.numeric.peer-id', { after: 'thread_id=' });
    assertStartScope(RAFT_V2, '[term', 'punctuation.definition.field.begin.tikv-log');
    assertScope(RAFT_V2, ']', 'punctuation.definition.field.end.tikv-log', { after: '[term=8' });
  });

  test('quoted keys ["msg type"=...] are one property name', () => {
    const line =
      '[2023/03/20 10:00:00.000 +08:00] [INFO] [raft.rs:1401] ["received a message with higher term from 319307"] ' +
      '["msg type"=MsgRequestPreVote] [message_term=9] [term=8] [from=319307] [raft_id=319306] [region_id=319305]';
    assertScope(line, '"msg type"', 'support.type.property-name.tikv-log');
    assertScope(line, 'MsgRequestPreVote', 'string.unquoted.value.tikv-log');
    assertScope(line, '=', 'punctuation.separator.key-value.tikv-log', { after: '"msg type"' });
    assertIdToken(line, '319305', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
  });

  test('RFC: ] [ = inside a quoted value do not end the field', () => {
    const inner = p.scopesAt(RFC_SQL, ']This');
    assert.ok(!hasScope(inner, 'punctuation.definition.field.end'), inner.join(' '));
    assert.ok(hasScope(inner, 'string.quoted.double.value.tikv-log'), inner.join(' '));
    assertScope(RFC_SQL, '\\"', 'constant.character.escape.tikv-log');
    assertStartScope(RFC_SQL, '"]', 'punctuation.definition.string.end.tikv-log', { after: 'parsing!\\")' });
    assertScope(RFC_SQL, ']', 'punctuation.definition.field.end.tikv-log', { after: 'parsing!\\")"' });
    // What follows is still recognised, so the quoted ] did not derail the line.
    assertScope(RFC_SQL, 'duration', 'support.type.property-name.tikv-log');
    assertIdToken(RFC_SQL, '42', 'constant.numeric.region-id.tikv-log');
  });

  test('Debug-shaped values: quoted lists and durations', () => {
    const line =
      '[2023/03/20 10:00:00.000 +08:00] [INFO] [raft.rs:1335] ["broadcasting vote request"] [to="[347199, 319308]"] ' +
      '[log_index=10] [type=MsgRequestVote] [backoff=3s] [Score=inf] [is_None=None]';
    assertScope(line, '[347199, 319308]', 'string.quoted.double.value.tikv-log');
    assertNoScope(line, '[347199', 'punctuation.definition.field.begin');
    assertScope(line, '3s', 'string.unquoted.value.tikv-log');
    assertNoScope(line, '3s', 'constant.numeric');
    assertScope(line, 'inf', 'constant.language.tikv-log');
    assertScope(line, 'None', 'constant.language.tikv-log', { after: 'is_None=' });
  });

  test('unicode raw and quoted values keep the following fields intact', () => {
    const line = '[2024/01/01 00:00:00.000 +08:00] [INFO] [x.rs:1] ["欢迎 TiKV"] [raw=欢迎] [emoji=💖] [q="欢迎 TiKV"] [region_id=9]';
    assertScope(line, '欢迎 TiKV', 'string.quoted.double.message.tikv-log');
    assertScope(line, '欢迎', 'string.unquoted.value.tikv-log', { after: 'raw=' });
    assertScope(line, '💖', 'string.unquoted.value.tikv-log');
    assertScope(line, '欢迎 TiKV', 'string.quoted.double.value.tikv-log', { after: 'q=' });
    assertIdToken(line, '9', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
  });
});

describe('ids', () => {
  test('raftstore v1 raft line: raft_id is the peer id, region_id the region id', () => {
    assertIdToken(RAFT_V1, '67525057', 'constant.numeric.peer-id.tikv-log');
    assertIdToken(RAFT_V1, '93000', 'constant.numeric.region-id.tikv-log');
    assertScope(RAFT_V1, 'became pre-candidate', 'keyword.control.role-change.pre-candidate.tikv-log');
    assertNoScope(RAFT_V1, '146', 'constant.numeric.region-id', { after: 'at term ' });
  });

  test('raftstore v2 raft line: raft_id and peer_id are peer ids', () => {
    assertIdToken(RAFT_V2, '319306', 'constant.numeric.peer-id.tikv-log', { after: 'raft_id=' });
    assertIdToken(RAFT_V2, '319306', 'constant.numeric.peer-id.tikv-log', { after: 'peer_id=' });
    assertIdToken(RAFT_V2, '319305', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
    assertScope(RAFT_V2, 'became leader', 'keyword.control.role-change.leader.tikv-log');
    assertNoScope(RAFT_V2, ' at term', 'keyword.control');
  });

  test('every role change has its own scope', () => {
    for (const [text, role] of [
      ['became follower at term 9', 'follower'],
      ['became candidate at term 9', 'candidate'],
      ['became pre-candidate at term 9', 'pre-candidate'],
      ['became leader at term 9', 'leader'],
    ]) {
      const line = `[2024/01/01 00:00:00.000 +08:00] [INFO] [raft.rs:1] ["${text}"] [term=9]`;
      const t = p.tokenAt(line, 'became');
      assert.equal(t.text, text.replace(/ at term 9$/, ''));
      assert.ok(t.scopes.includes(`keyword.control.role-change.${role}.tikv-log`), t.scopes.join(' '));
    }
    const election = '[2024/01/01 00:00:00.000 +08:00] [INFO] [raft.rs:1571] ["starting a new election"] [term=8]';
    assertScope(election, 'starting a new election', 'keyword.control.election.tikv-log');
  });

  // Issue 12: CDC and older TiKV write `ObserveID(N)` (capital D) and `[observe_id=N]`.
  test('ObserveID (capital D) and observe_id=N are coloured as observe ids', () => {
    const cdc = '[2022/03/01 10:00:00.000 +08:00] [INFO] [delegate.rs:236] ["cdc region is ready"] [region_id=767881] [observe_id=ObserveID(44389)]';
    assertIdToken(cdc, '44389', 'constant.numeric.observe-id.tikv-log');
    assertScope(cdc, 'ObserveID', 'entity.name.type.observe-id.tikv-log');
    const plain = '[2022/03/01 10:00:00.000 +08:00] [INFO] [endpoint.rs:1100] ["deregister observe"] [observe_id=44389] [region_id=767881]';
    assertIdToken(plain, '44389', 'constant.numeric.observe-id.tikv-log');
    const stale = '[2022/03/01 10:00:00.000 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] [err="message: \\"stale observe id ObserveID(191299), current id: ObserveID(191374)\\""]';
    assertIdToken(stale, '191374', 'constant.numeric.observe-id.tikv-log');
  });

  test('on_modify_observe Start (pre-#18290): ObserveId, the op and the region inside the quoted Debug text', () => {
    assertIdToken(ON_MODIFY_OBSERVE, '191299', 'constant.numeric.observe-id.tikv-log');
    assertScope(ON_MODIFY_OBSERVE, 'ObserveId', 'entity.name.type.observe-id.tikv-log');
    assertScope(ON_MODIFY_OBSERVE, '191299', 'string.quoted.double.value.tikv-log');
    assertIdToken(ON_MODIFY_OBSERVE, '319305', 'constant.numeric.region-id.tikv-log', { after: 'Region { id: ' });
    assertScope(ON_MODIFY_OBSERVE, 'Start', 'entity.name.type.observe-op.tikv-log');
    assertNoScope(ON_MODIFY_OBSERVE, '16', 'constant.numeric.region-id', { after: 'ver: ' });
    // The [ and ) of the key range are text of the value, not field punctuation.
    assertNoScope(ON_MODIFY_OBSERVE, '[7480', 'punctuation.definition.field.begin');
    assertIdToken(ON_MODIFY_OBSERVE, '31', 'constant.numeric.tikv-log', { after: 'thread_id=' });
  });

  test('stale observe id error (reference c.6): the phrase, both ObserveIds, region and peer in text', () => {
    const l = STALE_OBSERVE_ID;
    assertScope(l, 'stale observe id', 'invalid.illegal.stale-observe-id.tikv-log');
    assertScope(l, 'stale observe id', 'invalid.illegal.stale-observe-id.tikv-log', { after: '[err=' });
    assertIdToken(l, '191299', 'constant.numeric.observe-id.tikv-log');
    assertIdToken(l, '191374', 'constant.numeric.observe-id.tikv-log');
    assertIdToken(l, '191374', 'constant.numeric.observe-id.tikv-log', { after: '[err=' });
    assertIdToken(l, '319305', 'constant.numeric.region-id.tikv-log', { after: 'region_id = ' });
    assertIdToken(l, '319305', 'constant.numeric.region-id.tikv-log', { after: 'for region id: ' });
    assertIdToken(l, '319306', 'constant.numeric.peer-id.tikv-log', { after: 'peers { id: ' });
    assertNoScope(l, '1', 'constant.numeric.peer-id', { after: 'store_id: ' });
    assertScope(l, 'can retry = false', 'invalid.deprecated.symptom.tikv-log');
    assertScope(l, '\\"', 'constant.character.escape.tikv-log', { after: 'message: ' });
    assertScope(l, 'WARN', 'keyword.other.level.warn.tikv-log');
    // Five fields, five field ends: no quoted ] or escaped quote ended a field early or late.
    const ends = tokenize(grammar, l).tokens.filter((t) => t.scopes.includes('punctuation.definition.field.end.tikv-log'));
    assert.equal(ends.length, 5);
    for (const key of ['position', 'verbose_err', 'err', 'context', 'thread_id']) {
      const [open, name, eq] = p.scopesOver(l, `[${key}=`);
      assert.ok(open.includes('punctuation.definition.field.begin.tikv-log'), `[ of ${key}`);
      assert.ok(name.includes('support.type.property-name.tikv-log'), `key ${key}`);
      assert.ok(eq.includes('punctuation.separator.key-value.tikv-log'), `= of ${key}`);
    }
  });

  test('pending region, skip resolving with r.* fields', () => {
    assertScope(PENDING_REGION, 'pending region, skip resolving', 'invalid.deprecated.symptom.tikv-log');
    assertIdToken(PENDING_REGION, '319305', 'constant.numeric.region-id.tikv-log', { after: 'r.id=' });
    assertNoScope(PENDING_REGION, '16', 'constant.numeric.region-id', { after: 'r.ver=' });
    assertScope(PENDING_REGION, '[7480000000000000FF,inf)', 'string.quoted.double.value.tikv-log');
    assertNoScope(PENDING_REGION, '[7480', 'punctuation.definition.field.begin');
    assertScope(PENDING_REGION, 'r.peers', 'support.type.property-name.tikv-log');
  });

  test('subscription lines: RegionSubscription(R, ...) and start / stop listen', () => {
    const stop =
      '[2025/02/24 10:00:02.200 +08:00] [INFO] [subscription_track.rs:343] ["stop listen stream from store"] [region_id=319305] ' +
      '[observer="RegionSubscription(319305, ObserveHandle { id: ObserveId(191374), observing: false })"]';
    assertScope(stop, 'stop listen stream from store', 'keyword.control.observe.stop.tikv-log');
    assertIdToken(stop, '319305', 'constant.numeric.region-id.tikv-log', { after: 'RegionSubscription(' });
    assertIdToken(stop, '191374', 'constant.numeric.observe-id.tikv-log');
    const start =
      '[2025/02/24 10:00:02.000 +08:00] [INFO] [subscription_track.rs:240] ["start listen stream from store"] [r.id=319305] ' +
      '[observer="ObserveHandle { id: ObserveId(191374), observing: true }"]';
    assertScope(start, 'start listen stream from store', 'keyword.control.observe.start.tikv-log');
    const inactivating =
      '[2025/02/24 10:00:02.400 +08:00] [INFO] [subscription_track.rs:309] ["Inactivating subscription."] [region_id=319305] ' +
      '[observer="RegionSubscription(319305, ObserveHandle { id: ObserveId(191299), observing: false })"]';
    assertScope(inactivating, 'Inactivating subscription', 'invalid.deprecated.symptom.tikv-log');
  });

  test('an ObserveId in a raw (unquoted) value', () => {
    const line = '[2025/02/24 10:00:02.000 +08:00] [DEBUG] [endpoint.rs:539] ["stale command"] [remote=ObserveId(5)] [now=ObserveId(7)] [region_id=3]';
    assertIdToken(line, '5', 'constant.numeric.observe-id.tikv-log', { after: 'remote=ObserveId(' });
    assertIdToken(line, '7', 'constant.numeric.observe-id.tikv-log', { after: 'now=ObserveId(' });
    assertScope(line, 'ObserveId', 'string.unquoted.value.tikv-log');
  });
});

describe('other formats and paste artefacts', () => {
  const JSON_LINE =
    '{"level":"WARN","caller":"subscription_track.rs:364","message":"backup stream observer refreshing void subscription.",' +
    '"time":"2022/12/30 09:25:05.462 +01:00","new_region":"id: 10 start_key: 7480 region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }",' +
    '"region_id":10,"process keys":1500,"ok":true,"x":null}';

  test('JSON format: level, time, caller, message and ids by key name', () => {
    assertScope(JSON_LINE, 'WARN', 'keyword.other.level.warn.tikv-log');
    assertScope(JSON_LINE, 'WARN', 'markup.deleted');
    assertScope(JSON_LINE, '2022/12/30 09:25:05.462 +01:00', 'constant.numeric.date.tikv-log');
    assertScope(JSON_LINE, 'subscription_track.rs:364', 'entity.name.function.source.tikv-log');
    assertScope(JSON_LINE, 'backup stream observer', 'string.quoted.double.message.tikv-log');
    assertScope(JSON_LINE, 'refreshing void subscription', 'invalid.deprecated.symptom.tikv-log');
    assertScope(JSON_LINE, '"process keys"', 'support.type.property-name.tikv-log');
    assertIdToken(JSON_LINE, '1500', 'constant.numeric.tikv-log');
    assertIdToken(JSON_LINE, '10', 'constant.numeric.region-id.tikv-log', { after: '"region_id":' });
    assertIdToken(JSON_LINE, '11', 'constant.numeric.peer-id.tikv-log', { after: 'peers { id: ' });
    assertScope(JSON_LINE, 'true', 'constant.language.tikv-log');
    assertScope(JSON_LINE, 'null', 'constant.language.tikv-log');
    assertScope(JSON_LINE, '{', 'punctuation.definition.dictionary.begin.tikv-log');
    assertScope(JSON_LINE, '}', 'punctuation.definition.dictionary.end.tikv-log', { nth: 3 });
  });

  test('JSON format with a key order other than the fixed one', () => {
    const line = '{"time":"2023/01/01 00:00:00.000 +08:00","message":"became leader at term 3","level":"FATAL","caller":"<unknown>:0"}';
    assertScope(line, 'FATAL', 'keyword.other.level.fatal.tikv-log');
    assertScope(line, 'became leader', 'keyword.control.role-change.leader.tikv-log');
    assertScope(line, '<unknown>:0', 'entity.name.function.source.tikv-log');
  });

  test('TiKV 2.x slog line: date, short level, source and [region R] P', () => {
    const line = '2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6';
    assertScope(line, '2019/03/07 10:29:20.929', 'constant.numeric.date.tikv-log');
    assertScope(line, 'INFO', 'keyword.other.level.info.tikv-log');
    assertScope(line, '<unknown>:722', 'entity.name.function.source.tikv-log');
    assertIdToken(line, '1209', 'constant.numeric.region-id.tikv-log');
    assertIdToken(line, '1212', 'constant.numeric.peer-id.tikv-log');
    assertScope(line, 'became follower', 'keyword.control.role-change.follower.tikv-log');
    for (const [short, own] of [['ERRO', 'error'], ['CRIT', 'fatal'], ['DEBG', 'debug'], ['TRCE', 'trace'], ['WARN', 'warn']]) {
      const l = `2019/03/07 10:29:20.929 ${short} store.rs:1: x`;
      assertScope(l, short, `keyword.other.level.${own}.tikv-log`);
    }
  });

  test('TiKV 1.x line: level after the source, in brackets', () => {
    const line = '2018/02/24 16:25:56.782 raft.rs:732: [INFO] [region 76] 77 became follower at term 7';
    assertScope(line, '2018/02/24 16:25:56.782', 'constant.numeric.date.tikv-log');
    assertScope(line, 'raft.rs:732', 'entity.name.function.source.tikv-log');
    assertScope(line, 'INFO', 'keyword.other.level.info.tikv-log');
    assertIdToken(line, '76', 'constant.numeric.region-id.tikv-log');
    assertIdToken(line, '77', 'constant.numeric.peer-id.tikv-log');
  });

  test('Docker json-file wrapper around a 2.x line', () => {
    const line =
      '{"log":"2019/09/20 03:49:49.867 INFO \\u003cunknown\\u003e:722: [region 5] 6 became leader at term 3\\n","stream":"stderr","time":"2019-09-20T03:49:49.867Z"}';
    assertScope(line, '2019/09/20 03:49:49.867', 'constant.numeric.date.tikv-log');
    assertScope(line, 'INFO', 'keyword.other.level.info.tikv-log');
    assertScope(line, '\\u003c', 'constant.character.escape.tikv-log');
    assertIdToken(line, '5', 'constant.numeric.region-id.tikv-log', { after: '[region ' });
    assertIdToken(line, '6', 'constant.numeric.peer-id.tikv-log', { after: '[region 5] ' });
    assertScope(line, 'stderr', 'string.quoted.double.value.tikv-log');
  });

  test('grep prefix: dimmed as a paste prefix, the line after it coloured as usual', () => {
    const line = './tikv3.log:2263:' + RAFT_V2;
    assertScope(line, './tikv3.log:2263:', 'comment.line.paste-prefix.grep.tikv-log');
    assertNoScope(line, '2263', 'constant.numeric');
    assertScope(line, '2023/07/30 23:37:09.829 +08:00', 'constant.numeric.date.tikv-log');
    assertScope(line, 'INFO', 'keyword.other.level.info.tikv-log');
    assertIdToken(line, '319305', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
    const context = './tikv3.log-2264-' + RAFT_V1;
    assertScope(context, './tikv3.log-2264-', 'comment.line.paste-prefix.grep.tikv-log');
    assertIdToken(context, '93000', 'constant.numeric.region-id.tikv-log');
    const jsonGrep = 'tikv.log:7:' + '{"level":"INFO","message":"m"}';
    assertScope(jsonGrep, 'tikv.log:7:', 'comment.line.paste-prefix.grep.tikv-log');
    assertScope(jsonGrep, 'INFO', 'keyword.other.level.info.tikv-log');
  });

  test('a prefix-looking start that is not followed by a log line is not a prefix', () => {
    const line = 'note:12: see [region_id=5]';
    assertNoScope(line, 'note:12:', 'comment.line.paste-prefix');
    assertIdToken(line, '5', 'constant.numeric.region-id.tikv-log');
  });

  test('table / Grafana-export prefix', () => {
    const line = '  |   | 2026-06-03 15:42:37 | [2026/06/03 15:42:37.123 +08:00] [ERROR] [endpoint.rs:265] ["Task encounters fatal error, will pause this task."]';
    assertScope(line, '  |   | 2026-06-03 15:42:37 | ', 'comment.line.paste-prefix.table.tikv-log');
    assertScope(line, 'ERROR', 'keyword.other.level.error.tikv-log');
    assertScope(line, 'ERROR', 'invalid.illegal');
  });

  test('markdown link around the source', () => {
    const line = '[2023/03/20 10:00:00.000 +08:00] [INFO] [[raft.rs:1344](http://raft.rs:1344/)] ["became follower at term 9"] [region_id=4]';
    assertScope(line, 'raft.rs:1344', 'entity.name.function.source.tikv-log');
    assertScope(line, 'http://raft.rs:1344/', 'markup.underline.link.tikv-log');
    assertScope(line, 'became follower', 'keyword.control.role-change.follower.tikv-log');
    assertIdToken(line, '4', 'constant.numeric.region-id.tikv-log', { after: 'region_id=' });
  });
});
