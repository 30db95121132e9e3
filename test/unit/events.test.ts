// Extraction of domain events from real log lines (text, JSON and old formats), per reference b and c.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEvents, isRelevantMessage, EXACT_MESSAGES, MESSAGE_PATTERNS, type DomainEvent } from '../../src/core/events';
import { entry, entryOf } from '../fixtures/scenarios/helpers';

const T = '[2025/02/24 10:00:01.100 +08:00]';

function one(line: string, file = 0): DomainEvent {
  const evs = extractEvents(entryOf(line), file);
  assert.equal(evs.length, 1, `one event from ${line}`);
  return evs[0];
}

test('raft role changes: v1, v2 (peer_id), from_role, JSON and the 2.x/1.x formats', () => {
  assert.deepEqual(one(`${T} [INFO] [raft.rs:1177] ["became pre-candidate at term 8"] [term=8] [raft_id=319306] [region_id=319305]`), {
    file: 0, line: 1, ts: Date.parse('2025-02-24T10:00:01.100+08:00'), type: 'role-change', regionId: '319305', peerId: '319306', role: 'pre-candidate', term: '8',
  });
  const v2 = one(`${T} [INFO] [raft.rs:1164] ["became follower at term 9"] [from_role=Leader] [term=9] [raft_id=7] [peer_id=8] [region_id=6] [thread_id=12]`, 3);
  assert.equal(v2.type, 'role-change');
  if (v2.type === 'role-change') {
    assert.deepEqual([v2.file, v2.regionId, v2.peerId, v2.role, v2.term, v2.fromRole], [3, '6', '8', 'follower', '9', 'Leader']);
  }
  const json = one('{"level":"INFO","caller":"raft.rs:1273","message":"became leader at term 9","time":"2025/02/24 10:00:01.100 +08:00","term":9,"raft_id":7,"region_id":6}');
  assert.equal(json.type === 'role-change' && `${json.regionId}/${json.role}/${json.term}`, '6/leader/9');
  const slog = one('2019/03/07 10:29:20.929 INFO <unknown>:722: [region 1209] 1212 became follower at term 6');
  assert.equal(slog.type === 'role-change' && `${slog.regionId}/${slog.peerId}/${slog.role}/${slog.term}`, '1209/1212/follower/6');
  const legacy = one('2018/02/24 16:25:56.782 raft.rs:732: [INFO] [region 76] 77 is starting a new election at term 14');
  assert.deepEqual(legacy.type === 'election' && [legacy.regionId, legacy.peerId, legacy.term], ['76', '77', '14']);
  const hup = one(`${T} [INFO] [raft.rs:1571] ["starting a new election"] [term=7] [raft_id=5] [region_id=4]`);
  assert.deepEqual(hup.type === 'election' && [hup.regionId, hup.term], ['4', '7']);
});

test('a raft line without a region is dropped rather than guessed', () => {
  assert.deepEqual(extractEvents(entry('became leader at term 3', { raft_id: '5' }), 0), []);
  assert.deepEqual(extractEvents(entry('became leader at term 3', { region_id: '12a' }), 0), []);
});

test('on_modify_observe: pre-fix Start with its handle id, post-fix Start without', () => {
  const pre = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="Start { region: Region { id: 7, ver: 12, conf_ver: 5, range: [7480,7481), peers: 1,2,3 }, handle: ObserveHandle { id: ObserveId(191299), observing: true } }"]`);
  assert.deepEqual(pre.type === 'observe-op' && [pre.op, pre.regionId, pre.ver, pre.confVer, pre.observeId], ['Start', '7', '12', '5', '191299']);
  const post = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="Start { region: Region { id: 7, ver: 12, conf_ver: 5, range: [7480,7481), peers: 1,2,3 } }"] [thread_id=3]`);
  assert.equal(post.type === 'observe-op' && post.observeId, undefined);
  const stop = one('{"level":"INFO","caller":"subscription_manager.rs:404","message":"backup stream: on_modify_observe","time":"2025/02/24 10:00:01.100 +08:00","op":"Stop { region: Region { id: 7, ver: 12, conf_ver: 5, range: [7480,7481), peers: 1,2,3 } }"}');
  assert.deepEqual(stop.type === 'observe-op' && [stop.op, stop.regionId], ['Stop', '7']);
});

test('on_modify_observe: NotifyStartObserveResult ok / stale error, older NotifyFailToStartObserve, HighMemUsageWarning', () => {
  const ok = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="NotifyStartObserveResult { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 1 }, handle: ObserveHandle { id: ObserveId(9), observing: true }, err: None }"]`);
  assert.deepEqual(ok.type === 'observe-op' && [ok.op, ok.observeId, ok.result, ok.stale], ['NotifyStartObserveResult', '9', 'ok', undefined]);
  const bad = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="NotifyStartObserveResult { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 1 }, handle: ObserveHandle { id: ObserveId(191299), observing: false }, err: Some(Contextual { context: \\"failed to get initial snapshot: failed to get the snapshot (region_id = 7)\\", inner_error: RaftRequest(message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}) }) }"]`);
  assert.equal(bad.type, 'observe-op');
  if (bad.type === 'observe-op') {
    assert.equal(bad.result, 'error');
    assert.deepEqual(bad.stale, { staleId: '191299', currentId: '191374' });
    assert.match(bad.error ?? '', /^Contextual \{ context: /);
  }
  const old = one(`${T} [INFO] [endpoint.rs:1] ["backup stream: on_modify_observe"] [op="NotifyFailToStartObserve { region: id: 5 region_epoch { conf_ver: 1 version: 3 } peers { id: 6 store_id: 1 }, handle: ObserveHandle { id: ObserveId(12), observing: true }, err: Other(\\"pd lost\\") }"]`);
  assert.deepEqual(old.type === 'observe-op' && [old.op, old.opName, old.regionId, old.ver, old.confVer, old.observeId, old.result], ['NotifyStartObserveResult', 'NotifyFailToStartObserve', '5', '3', '1', '12', 'error']);
  const mem = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="HighMemUsageWarning { inconsistent_region: 88 }"]`);
  assert.deepEqual(mem.type === 'observe-op' && [mem.op, mem.regionId], ['HighMemUsageWarning', '88']);
  assert.deepEqual(extractEvents(entry('backup stream: on_modify_observe', { op: 'ResolveRegions { min_ts: 1, callback: fn { .. } }' }), 0), []);
  assert.deepEqual(extractEvents(entry('backup stream: on_modify_observe', { op: 'Start { garbage' }), 0), []);
});

test('subscription lines: start / stop listen, inactivate, pending, refresh (both texts), retries', () => {
  const r = '[r.id=7] [r.ver=12] [r.conf_ver=5] [r.range="[7480,7481)"] [r.peers=1,2,3]';
  const start = one(`${T} [INFO] [subscription_track.rs:240] ["start listen stream from store"] ${r} [observer="ObserveHandle { id: ObserveId(191374), observing: true }"]`);
  assert.deepEqual(start.type === 'subscription' && [start.what, start.regionId, start.observeId], ['start-listen', '7', '191374']);
  const stop = one(`${T} [INFO] [subscription_track.rs:343] ["stop listen stream from store"] [region_id=7] [observer="RegionSubscription(7, ObserveHandle { id: ObserveId(191374), observing: false })"]`);
  assert.deepEqual(stop.type === 'subscription' && [stop.what, stop.regionId, stop.observeId], ['stop-listen', '7', '191374']);
  const inact = one(`${T} [INFO] [subscription_track.rs:309] ["Inactivating subscription."] [observer="RegionSubscription(7, ObserveHandle { id: ObserveId(191299), observing: false })"]`);
  assert.deepEqual(inact.type === 'subscription' && [inact.what, inact.regionId, inact.observeId], ['inactivate', '7', '191299']);
  const pend = one(`${T} [WARN] [subscription_track.rs:287] ["pending region, skip resolving"] ${r}`);
  assert.deepEqual(pend.type === 'subscription' && [pend.what, pend.regionId], ['pending-skip', '7']);
  const refresh = one(`${T} [WARN] [subscription_track.rs:364] ["backup stream observer refreshing pending / absent subscription."] ${r}`);
  assert.deepEqual(refresh.type === 'subscription' && [refresh.what, refresh.variant, refresh.regionId], ['refresh-absent', 'pending-absent', '7']);
  const voidJson = one('{"level":"WARN","caller":"subscription_track.rs:364","message":"backup stream observer refreshing void subscription.","time":"2022/12/30 09:25:05.462 +01:00","new_region":"id: 10 start_key: \\"t\\\\200\\" region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }"}');
  assert.deepEqual(voidJson.type === 'subscription' && [voidJson.what, voidJson.variant, voidJson.regionId], ['refresh-absent', 'void', '10']);
  const scan = one(`${T} [INFO] [event_loader.rs:183] ["initial scanning finished!"] ${r} [from_ts=1] [takes=2ms]`);
  assert.equal(scan.type === 'subscription' && scan.what, 'initial-scan-done');
  const staleStart = one(`${T} [WARN] [subscription_manager.rs:640] ["stale start observe command."] [handle="ObserveHandle { id: ObserveId(40), observing: true }"] ${r}`);
  assert.deepEqual(staleStart.type === 'subscription' && [staleStart.what, staleStart.observeId], ['stale-start', '40']);
  const staleRetry = one(`${T} [WARN] [subscription_manager.rs:715] ["stale retry command"] [old_handle="ObserveHandle { id: ObserveId(41), observing: true }"] [handle="ObserveHandle { id: ObserveId(40), observing: true }"] ${r}`);
  assert.deepEqual(staleRetry.type === 'subscription' && [staleRetry.observeId, staleRetry.oldObserveId], ['40', '41']);
  const retry = one(`${T} [INFO] [subscription_manager.rs:733] ["retry observe region"] [handle="ObserveHandle { id: ObserveId(40), observing: true }"] [failure_count=2] [region=7]`);
  assert.deepEqual(retry.type === 'subscription' && [retry.what, retry.regionId, retry.observeId, retry.failureCount], ['retry', '7', '40', '2']);
  const failed = one(`${T} [WARN] [subscription_manager.rs:655] ["failed to start observe, would retry"] ${r} [err="pd unavailable"]`);
  assert.deepEqual(failed.type === 'subscription' && [failed.what, failed.error], ['start-failed', 'pd unavailable']);
});

test('retry given up, refresh failed, and the tracker\'s unexpected transitions (reference c.4, c.5)', () => {
  const r = '[r.id=7] [r.ver=12] [r.conf_ver=5] [r.range="[7480,7481)"] [r.peers=1,2,3]';
  // The message keeps TiKV's typo ("retion"): the table matches the exact text.
  const gaveUp = one(`${T} [WARN] [subscription_manager.rs:746] ["give up retry retion."] [handle="ObserveHandle { id: ObserveId(40), observing: false }"] ${r}`);
  assert.deepEqual(gaveUp.type === 'subscription' && [gaveUp.what, gaveUp.regionId, gaveUp.observeId], ['retry-given-up', '7', '40']);
  assert.equal(isRelevantMessage('give up retry region.'), false);
  const refresh = one(`${T} [WARN] [subscription_manager.rs:591] ["failed to refresh region: will retry."] ${r} [err="Etcd meet error: deadline exceeded"]`);
  assert.deepEqual(refresh.type === 'subscription' && [refresh.what, refresh.regionId, refresh.error], ['refresh-failed', '7', 'Etcd meet error: deadline exceeded']);
  const rr = one(`${T} [WARN] [subscription_track.rs:250] ["excepted state transform: running -> running"] ${r} [old="Running(RegionSubscription(7, ObserveHandle { id: ObserveId(191374), observing: true }))"]`);
  assert.deepEqual(rr.type === 'subscription' && [rr.what, rr.variant, rr.regionId, rr.oldObserveId], ['state-transform', 'running-to-running', '7', '191374']);
  const ar = one(`${T} [WARN] [subscription_track.rs:255] ["excepted state transform: absent -> running"] ${r}`);
  assert.deepEqual(ar.type === 'subscription' && [ar.what, ar.variant, ar.regionId, ar.oldObserveId], ['state-transform', 'absent-to-running', '7', undefined]);
  const json = one('{"level":"WARN","caller":"subscription_track.rs:219","message":"excepted state transform(will ignore): running | pending -> pending","time":"2025/02/24 10:00:01.100 +08:00","old":"Pending(Region { id: 7, ver: 12, conf_ver: 5, range: [7480,7481), peers: 1,2,3 })","r.id":7,"r.ver":12}');
  assert.deepEqual(json.type === 'subscription' && [json.what, json.variant, json.regionId, json.oldObserveId], ['state-transform', 'to-pending-ignored', '7', undefined]);
});

test('task lifecycle, names from StreamTask Debug or plain values', () => {
  const reg = one(`${T} [INFO] [endpoint.rs:739] ["register backup stream task"] [task="StreamTask { info: name: \\"pitr\\" start_ts: 1 is_paused: false }"]`);
  assert.deepEqual(reg.type === 'task' && [reg.what, reg.task], ['register-task', 'pitr']);
  const ranges = one(`${T} [INFO] [endpoint.rs:753] ["register backup stream ranges"] [ranges_count=1] [task=pitr]`);
  assert.deepEqual(ranges.type === 'task' && [ranges.what, ranges.task], ['register-ranges', 'pitr']);
  assert.equal(one(`${T} [INFO] [endpoint.rs:773] ["finish register backup stream ranges"] [task=pitr]`).type, 'task');
  const init = one(`${T} [INFO] [endpoint.rs:657] ["backup stream success to initialize"] [take=1ms] [end_key=] [start_key=]`);
  assert.deepEqual(init.type === 'task' && [init.what, init.task], ['initialized', undefined]);
});

// Issue 12: older TiKV spells the id `ObserveID(N)`; the ops, handles and the stale error read it the same.
test('ObserveID (capital D) in ops, handles and the stale error', () => {
  const fast = one(`${T} [INFO] [endpoint.rs:1533] ["backup stream: on_modify_observe"] [op="Start { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 8 }, handle: ObserveHandle { id: ObserveID(191299), observing: true } }"]`);
  assert.deepEqual(fast.type === 'observe-op' && [fast.op, fast.regionId, fast.observeId], ['Start', '7', '191299']);
  const bad = one(`${T} [INFO] [subscription_manager.rs:404] ["backup stream: on_modify_observe"] [op="NotifyStartObserveResult { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 1 }, handle: ObserveHandle { id: ObserveID(191299), observing: false }, err: Some(Contextual { context: \\"failed to get initial snapshot (region_id = 7)\\", inner_error: RaftRequest(message: \\"stale observe id ObserveID(191299), current id: ObserveID(191374)\\" stale_command {}) }) }"]`);
  assert.deepEqual(bad.type === 'observe-op' && [bad.observeId, bad.result, bad.stale], ['191299', 'error', { staleId: '191299', currentId: '191374' }]);
  const staleStart = one(`${T} [WARN] [subscription_manager.rs:640] ["stale start observe command."] [handle="ObserveHandle { id: ObserveID(40), observing: true }"] [r.id=1]`);
  assert.deepEqual(staleStart.type === 'subscription' && [staleStart.what, staleStart.observeId], ['stale-start', '40']);
  const err = one(`[Warn] [errors.rs:159] ["backup stream meet error"] [err="failed to get initial snapshot (region_id = 7): message: \\"stale observe id ObserveID(191299), current id: ObserveID(191374)\\" stale_command {}"] [context="can retry = false"]`);
  assert.deepEqual(err.type === 'backup-error' && [err.kind, err.stale, err.ts], ['stale-observe-id', { staleId: '191299', currentId: '191374' }, null]);
});

test('backup stream meet error: the stale-observe-id error (reference c.6), task init failure (#16056), fatal', () => {
  const stale = one(`${T} [WARN] [errors.rs:159] ["backup stream meet error"] [position="Location { file: \\"components/backup-stream/src/event_loader.rs\\", line: 300, col: 10 }"] [verbose_err="Contextual { context: \\"failed to get initial snapshot: failed to get the snapshot (region_id = 7)\\", inner_error: RaftRequest(message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}) }"] [err="failed to get initial snapshot: failed to get the snapshot (region_id = 7): Error during requesting raftstore: message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}"] [context="during getting initial snapshot for region id: 7 start_key: 7480 end_key: 7481 region_epoch { conf_ver: 5 version: 12 } peers { id: 8 store_id: 1 }; can retry = false"] [thread_id=9]`);
  assert.equal(stale.type, 'backup-error');
  if (stale.type === 'backup-error') {
    assert.deepEqual([stale.kind, stale.fatal, stale.regionId, stale.stale, stale.canRetry], ['stale-observe-id', false, '7', { staleId: '191299', currentId: '191374' }, false]);
  }
  const init = one(`${T} [WARN] [errors.rs:159] ["backup stream meet error"] [verbose_err="Etcd(GRpcStatus(Status { code: Unavailable }))"] [err="Etcd meet error"] [context="failed to register backup stream task pitr to router: ranges not found"]`);
  assert.deepEqual(init.type === 'backup-error' && [init.kind, init.task, init.regionId], ['task-init-failed', 'pitr', undefined]);
  const older = one(`${T} [WARN] [errors.rs:159] ["backup stream meet error"] [err="x"] [context="failed to register task my-task to router: ranges not found"]`);
  assert.deepEqual(older.type === 'backup-error' && [older.kind, older.task], ['task-init-failed', 'my-task']);
  const fatal = one(`${T} [ERROR] [errors.rs:171] ["backup stream meet fatal error"] [err_code=KV:LogBackup:Unknown] [err="retry time exceeds for region Region { id: 9, ver: 1, conf_ver: 1, range: [,inf), peers: 1 }"] [verbose="x"]`);
  assert.deepEqual(fatal.type === 'backup-error' && [fatal.kind, fatal.fatal, fatal.regionId], ['other', true, '9']);
});

test('the tikv/tikv#16554 signature in either retry wording, and the pause line that follows a fatal error', () => {
  const refused = 'failed to get initial snapshot: failed to get the snapshot (region_id = 2042): Error during requesting raftstore: message: \\"read index not ready, reason can not read index due to merge, region 2042\\" read_index_not_ready { reason: \\"can not read index due to merge\\" region_id: 2042 }';
  for (const wrap of ['retry time exceeds: and error and error ', 'retry encountered error, origin error is and error ']) {
    const ev = one(`${T} [ERROR] [errors.rs:171] ["backup stream meet fatal error"] [err_code=KV:LogBackup:Unknown] [err="${wrap}${refused}"] [verbose="x"]`);
    assert.deepEqual(ev.type === 'backup-error' && [ev.kind, ev.fatal, ev.regionId], ['merge-read-index', true, '2042'], wrap);
  }
  // the refusal alone is one failed attempt, not the exhausted retries
  const once = one(`${T} [WARN] [errors.rs:159] ["backup stream meet error"] [err="${refused}"] [context="during getting initial snapshot; can retry = true"]`);
  assert.equal(once.type === 'backup-error' && once.kind, 'other');
  const pause = one(`${T} [ERROR] [endpoint.rs:265] ["Task encounters fatal error, will pause this task."] [thread_id=14]`);
  assert.deepEqual(pause.type === 'task' && [pause.what, pause.task], ['paused', undefined]);
});

test('storeHint comes from a store_id field', () => {
  const evs = extractEvents(entry('register backup stream task', { store_id: '4', task: 'pitr' }), 2);
  assert.equal(evs[0].storeHint, '4');
});

/** One sample message per table entry: the test below fails when the table gains an untested message. */
const SAMPLES: Record<string, Record<string, string>> = {
  'starting a new election': { term: '1', region_id: '1' },
  'backup stream: on_modify_observe': { op: 'Stop { region: Region { id: 1, ver: 1, conf_ver: 1, range: [,inf), peers: 1 } }' },
  'start listen stream from store': { 'r.id': '1', observer: 'ObserveHandle { id: ObserveId(1), observing: true }' },
  'stop listen stream from store': { region_id: '1' },
  'Inactivating subscription.': { region_id: '1' },
  'remove pending subscription': { 'r.id': '1', region_id: '1' },
  'pending region, skip resolving': { 'r.id': '1' },
  'backup stream observer refreshing pending / absent subscription.': { 'r.id': '1' },
  'backup stream observer refreshing void subscription.': { new_region: 'id: 1' },
  'initial scanning finished!': { 'r.id': '1' },
  'stale start observe command.': { 'r.id': '1' },
  'stale retry command': { 'r.id': '1' },
  'retry observe region': { region: '1' },
  'failed to start observe, would retry': { 'r.id': '1' },
  'give up retry retion.': { 'r.id': '1' },
  'failed to refresh region: will retry.': { 'r.id': '1' },
  'excepted state transform: running -> running': { 'r.id': '1' },
  'excepted state transform: absent -> running': { 'r.id': '1' },
  'excepted state transform(will ignore): running | pending -> pending': { 'r.id': '1' },
  'register backup stream task': {},
  'register backup stream ranges': {},
  'finish register backup stream ranges': {},
  'backup stream success to initialize': {},
  'Task encounters fatal error, will pause this task.': {},
  'backup stream meet error': { err: 'x' },
  'backup stream meet fatal error': { err: 'x' },
};

test('the relevance table and the extractors agree: every listed message yields an event, nothing else does', () => {
  assert.deepEqual([...EXACT_MESSAGES.keys()].sort(), Object.keys(SAMPLES).sort());
  for (const [message, fields] of Object.entries(SAMPLES)) {
    assert.ok(isRelevantMessage(message), message);
    assert.equal(extractEvents(entry(message, fields), 0).length, 1, message);
  }
  for (const p of MESSAGE_PATTERNS) assert.ok(p.re.source.startsWith(`^${p.prefix}`), p.prefix);
  assert.ok(isRelevantMessage('became candidate at term 12'));
  assert.ok(isRelevantMessage('is starting a new election at term 3'));
  for (const m of ['became leader at term x', 'became leader', 'broadcasting vote request', 'Inactivating subscription', '']) {
    assert.equal(isRelevantMessage(m), false, m);
    assert.deepEqual(extractEvents(entry(m, { region_id: '1', term: '1' }), 0), []);
  }
});

test('the canonical-op fast path agrees with the grammar on every canonical op (differential)', async () => {
  const { observeOp, observeOpFromGrammar } = await import('../../src/core/events/observeOp');
  const fc = (await import('fast-check')).default;
  const id = fc.bigInt({ min: 0n, max: 18446744073709551615n }).map(String);
  const key = fc.oneof(fc.constant('?'), fc.constant(''), fc.stringMatching(/^[0-9A-F]{0,24}$/));
  const canonical = fc
    .record({
      kind: fc.constantFrom('Start', 'Stop', 'Destroy', 'RefreshResolver', 'NotifyStartObserveResult'),
      region: id,
      ver: id,
      confVer: id,
      start: key,
      end: fc.oneof(fc.constant('inf'), key),
      peers: fc.array(fc.integer({ min: 1, max: 99999 }), { maxLength: 5 }).map((p) => p.join(',')),
      handle: fc.option(fc.record({ id, observing: fc.boolean() }), { nil: undefined }),
    })
    .map((o) => {
      const handle = o.handle ? `, handle: ObserveHandle { id: ObserveId(${o.handle.id}), observing: ${o.handle.observing} }` : '';
      const err = o.kind === 'NotifyStartObserveResult' ? ', err: None' : '';
      return `${o.kind} { region: Region { id: ${o.region}, ver: ${o.ver}, conf_ver: ${o.confVer}, range: [${o.start},${o.end}), peers: ${o.peers} }${handle}${err} }`;
    });
  fc.assert(
    fc.property(canonical, (text) => {
      const e = entry('backup stream: on_modify_observe', { op: text });
      const fast = observeOp(e, 0);
      assert.ok(fast);
      assert.deepEqual(fast, observeOpFromGrammar(e, 0, text));
    }),
    { numRuns: 200 },
  );
  // Shapes the fast path must leave to the grammar: a result without its err, an err on another op, a failure.
  const region = 'region: Region { id: 7, ver: 1, conf_ver: 1, range: [,), peers: 1 }';
  const { observeOpFast } = await import('../../src/core/events/observeOp');
  for (const text of [`NotifyStartObserveResult { ${region} }`, `Start { ${region}, err: None }`,
    `NotifyStartObserveResult { ${region}, err: Some(Other("x")) }`]) {
    assert.equal(observeOpFast(text), undefined, text);
  }
  assert.equal(observeOp(entry('backup stream: on_modify_observe', { op: `NotifyStartObserveResult { ${region}, err: None }` }), 0)?.result, 'ok');
});
