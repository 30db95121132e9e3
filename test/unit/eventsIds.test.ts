// idsMentioned: every id a line names, with exact columns for the editor's references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idsMentioned } from '../../src/core/events';
import { entry, entryOf } from '../fixtures/scenarios/helpers';

function at(line: string, range: readonly [number, number] | undefined): string | undefined {
  return range === undefined ? undefined : line.slice(range[0], range[1]);
}

test('plain id fields and ObserveIds inside quoted values, with exact columns', () => {
  const line =
    '[2025/02/24 10:00:01.100 +08:00] [INFO] [subscription_track.rs:343] ["stop listen stream from store"] [region_id=7] [observer="RegionSubscription(7, ObserveHandle { id: ObserveId(191374), observing: false })"]';
  const ids = idsMentioned(entryOf(line));
  assert.deepEqual(ids.map((m) => [m.kind, m.value, m.field, at(line, m.range)]), [
    ['region', '7', 'region_id', '7'],
    ['observe', '191374', 'observer', '191374'],
    ['region', '7', 'observer', '7'],
  ]);
  // the observe id's column is the digits themselves, not the first `191374`-like text elsewhere
  const obs = ids.find((m) => m.kind === 'observe');
  assert.equal(line.slice(obs!.range![0] - 10, obs!.range![0]), 'ObserveId(');
});

test('escapes before an id shift its column: the mapping follows the JSON escaping', () => {
  const line =
    '[2025/02/24 10:00:01.100 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] [err="failed (region_id = 7): message: \\"stale observe id ObserveId(191299), current id: ObserveId(191374)\\" stale_command {}"] [context="during getting initial snapshot for region id: 7 start_key: 74; can retry = false"]';
  const ids = idsMentioned(entryOf(line));
  const got = ids.map((m) => [m.kind, m.value, at(line, m.range)]);
  assert.deepEqual(got, [
    ['observe', '191299', '191299'],
    ['observe', '191374', '191374'],
    ['region', '7', '7'],
    ['region', '7', '7'],
  ]);
  assert.notEqual(ids[2].range![0], ids[3].range![0]);
});

test('raft context keys, store ids, protobuf new_region and message text', () => {
  const line = '[2025/02/24 10:00:01.100 +08:00] [INFO] [raft.rs:1177] ["became pre-candidate at term 8"] [term=8] [raft_id=319306] [peer_id=319306] [region_id=319305]';
  assert.deepEqual(idsMentioned(entryOf(line)).map((m) => [m.kind, m.value, m.field]), [
    ['peer', '319306', 'raft_id'],
    ['peer', '319306', 'peer_id'],
    ['region', '319305', 'region_id'],
  ]);
  const json = '{"level":"WARN","caller":"subscription_track.rs:364","message":"backup stream observer refreshing void subscription.","time":"2022/12/30 09:25:05.462 +01:00","new_region":"id: 10 start_key: \\"\\" region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }"}';
  const j = idsMentioned(entryOf(json));
  assert.deepEqual(j.map((m) => [m.kind, m.value, at(json, m.range)]), [
    ['store', '1', '1'],
    ['region', '10', '10'],
  ]);
  const msg = idsMentioned(entry('BUG: the region Region { id: 42, ver: 1 } is register to no task but being observed'));
  assert.deepEqual(msg.map((m) => [m.kind, m.value, m.field]), [['region', '42', undefined]]);
});

test('non-numeric id fields are not ids', () => {
  assert.deepEqual(idsMentioned(entry('x', { region_id: 'abc', peer_id: '' })), []);
});

// Issue 12: CDC and older TiKV print `observe_id=ObserveID(44389)` (capital D), or the id as a plain field.
test('ObserveID(N) (capital D) and observe_id=N are observe ids too, with exact columns', () => {
  const cdc = '[2022/03/01 10:00:00.000 +08:00] [INFO] [delegate.rs:236] ["cdc region is ready"] [region_id=767881] [observe_id=ObserveID(44389)]';
  assert.deepEqual(idsMentioned(entryOf(cdc)).map((m) => [m.kind, m.value, m.field, at(cdc, m.range)]), [
    ['region', '767881', 'region_id', '767881'],
    ['observe', '44389', 'observe_id', '44389'],
  ]);
  const plain = '[INFO] [endpoint.rs:1100] ["deregister observe"] [observe_id=44389] [region_id=767881]';
  assert.deepEqual(idsMentioned(entryOf(plain)).map((m) => [m.kind, m.value, m.field, at(plain, m.range)]), [
    ['observe', '44389', 'observe_id', '44389'],
    ['region', '767881', 'region_id', '767881'],
  ]);
  const inText = '[WARN] [endpoint.rs:700] ["drop stale observe: observe_id=44390 region 767881"]';
  assert.deepEqual(idsMentioned(entryOf(inText)).filter((m) => m.kind === 'observe').map((m) => [m.value, at(inText, m.range)]), [['44390', '44390']]);
});
