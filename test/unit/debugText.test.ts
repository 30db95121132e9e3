// Golden tests of the Debug-text grammar on the shapes TiKV prints (tikv-log-reference.md c.1, c.4-c.6).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  field,
  item,
  numberText,
  observeIdsIn,
  observeIdsOf,
  parseDebug,
  parseDebugEntries,
  path,
  render,
  stringValue,
  typeName,
  unescapeDebugString,
  MAX_DEBUG_DEPTH,
} from '../../src/core/debugText';

const PRE_FIX_START =
  'Start { region: Region { id: 7, ver: 12, conf_ver: 5, range: [7480000000000000FF0500000000000000F8,7480000000000000FF0700000000000000F8), peers: 1,2,3 }, handle: ObserveHandle { id: ObserveId(191299), observing: true } }';

test('pre-fix Start: region id, epoch, key range, peers and the handle id', () => {
  const op = parseDebug(PRE_FIX_START);
  assert.equal(typeName(op), 'Start');
  assert.equal(numberText(path(op, 'region', 'id')), '7');
  assert.equal(numberText(path(op, 'region', 'ver')), '12');
  assert.equal(numberText(path(op, 'region', 'conf_ver')), '5');
  assert.deepEqual(path(op, 'region', 'range'), {
    kind: 'range',
    start: '7480000000000000FF0500000000000000F8',
    end: '7480000000000000FF0700000000000000F8',
  });
  assert.deepEqual(path(op, 'region', 'peers'), { kind: 'numbers', items: ['1', '2', '3'] });
  assert.equal(numberText(path(op, 'handle', 'id')), '191299');
  assert.deepEqual(path(op, 'handle', 'observing'), { kind: 'ident', name: 'true' });
  assert.deepEqual(observeIdsOf(op), ['191299']);
  assert.equal(render(op), PRE_FIX_START);
});

test('post-fix Start has no handle; open-ended and redacted ranges; a region without peers', () => {
  const op = parseDebug('Start { region: Region { id: 42, ver: 108, conf_ver: 352, range: [?,?), peers:  } }');
  assert.equal(typeName(op), 'Start');
  assert.equal(field(op, 'handle'), undefined);
  assert.deepEqual(path(op, 'region', 'range'), { kind: 'range', start: '?', end: '?' });
  assert.deepEqual(path(op, 'region', 'peers'), { kind: 'empty' });
  const open = parseDebug('Stop { region: Region { id: 1, ver: 1, conf_ver: 1, range: [,inf), peers: 4 } }');
  assert.deepEqual(path(open, 'region', 'range'), { kind: 'range', start: '', end: 'inf' });
  assert.deepEqual(path(open, 'region', 'peers'), { kind: 'number', text: '4' });
});

test('Stop, Destroy, RefreshResolver and HighMemUsageWarning', () => {
  for (const name of ['Stop', 'Destroy', 'RefreshResolver']) {
    const op = parseDebug(`${name} { region: Region { id: 9, ver: 2, conf_ver: 3, range: [74,75), peers: 1 } }`);
    assert.equal(typeName(op), name);
    assert.equal(numberText(path(op, 'region', 'id')), '9');
  }
  const hm = parseDebug('HighMemUsageWarning { inconsistent_region: 88 }');
  assert.equal(typeName(hm), 'HighMemUsageWarning');
  assert.equal(numberText(field(hm, 'inconsistent_region')), '88');
});

test('NotifyStartObserveResult with err: None and with the stale-observe-id error', () => {
  const ok = parseDebug(
    'NotifyStartObserveResult { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 1 }, handle: ObserveHandle { id: ObserveId(8), observing: true }, err: None }',
  );
  assert.deepEqual(field(ok, 'err'), { kind: 'ident', name: 'None' });
  const bad = parseDebug(
    'NotifyStartObserveResult { region: Region { id: 7, ver: 12, conf_ver: 5, range: [74,75), peers: 1 }, handle: ObserveHandle { id: ObserveId(191299), observing: false }, err: Some(Contextual { context: "failed to get initial snapshot: failed to get the snapshot (region_id = 7)", inner_error: RaftRequest(message: "stale observe id ObserveId(191299), current id: ObserveId(191374)" stale_command {}) }) }',
  );
  const err = field(bad, 'err');
  assert.equal(typeName(err), 'Some');
  const contextual = item(err, 0);
  assert.equal(typeName(contextual), 'Contextual');
  assert.equal(stringValue(field(contextual, 'context')), 'failed to get initial snapshot: failed to get the snapshot (region_id = 7)');
  const inner = field(contextual, 'inner_error');
  assert.equal(typeName(inner), 'RaftRequest');
  assert.equal(stringValue(field(inner, 'message')), 'stale observe id ObserveId(191299), current id: ObserveId(191374)');
  assert.deepEqual(field(inner, 'stale_command'), { kind: 'struct', name: 'stale_command', entries: [] });
  assert.deepEqual(observeIdsOf(bad), ['191299', '191299', '191374']);
});

test('older ops printed metapb::Region as protobuf text right after `region:`', () => {
  const op = parseDebug(
    'NotifyFailToStartObserve { region: id: 5 start_key: "t\\200\\000" end_key: "" region_epoch { conf_ver: 1 version: 3 } peers { id: 6 store_id: 1 }, handle: ObserveHandle { id: ObserveId(12), observing: true }, err: Some(Other("x")) }',
  );
  assert.equal(typeName(op), 'NotifyFailToStartObserve');
  const region = field(op, 'region');
  assert.equal(numberText(field(region, 'id')), '5');
  assert.equal(stringValue(field(region, 'start_key')), 't\x80\x00');
  assert.equal(numberText(path(region, 'region_epoch', 'version')), '3');
  assert.equal(numberText(path(region, 'region_epoch', 'conf_ver')), '1');
  assert.equal(numberText(path(region, 'peers', 'store_id')), '1');
  assert.equal(numberText(path(op, 'handle', 'id')), '12');
});

test('observer values: ObserveHandle and RegionSubscription', () => {
  const h = parseDebug('ObserveHandle { id: ObserveId(191374), observing: true }');
  assert.equal(numberText(field(h, 'id')), '191374');
  const sub = parseDebug('RegionSubscription(7, ObserveHandle { id: ObserveId(191299), observing: false })');
  assert.equal(typeName(sub), 'RegionSubscription');
  assert.equal(numberText(item(sub, 0)), '7');
  assert.equal(numberText(field(item(sub, 1), 'id')), '191299');
  assert.deepEqual(observeIdsIn('RegionSubscription(7, ObserveHandle { id: ObserveId(191299), observing: false })'), ['191299']);
  assert.deepEqual(observeIdsIn('no ids here'), []);
});

test('verbose_err: Contextual around RaftRequest protobuf text', () => {
  const v = parseDebug(
    'Contextual { context: "failed to get initial snapshot: failed to get the snapshot (region_id = 7)", inner_error: RaftRequest(message: "stale observe id ObserveId(3), current id: ObserveId(4)" stale_command {}) }',
  );
  assert.equal(stringValue(path(v, 'inner_error', 'message')), 'stale observe id ObserveId(3), current id: ObserveId(4)');
});

test('protobuf text on its own (the v6.5 `new_region` field) parses into entries', () => {
  const entries = parseDebugEntries('id: 10 start_key: 7480000000000000FF05 region_epoch { conf_ver: 1 version: 16 } peers { id: 11 store_id: 1 }');
  assert.deepEqual(entries[0], { key: 'id', value: { kind: 'number', text: '10' } });
  const msg = parseDebug('id: 10 region_epoch { conf_ver: 1 version: 16 }');
  assert.equal(numberText(field(msg, 'id')), '10');
  assert.equal(numberText(path(msg, 'region_epoch', 'version')), '16');
});

test('strings: Rust and protobuf escapes, unknown escapes kept', () => {
  assert.equal(unescapeDebugString('a\\"b\\\\c\\n\\t'), 'a"b\\c\n\t');
  assert.equal(unescapeDebugString('\\u{1f600}'), '\u{1f600}');
  assert.equal(unescapeDebugString('\\377\\x41'), '\xffA');
  assert.equal(unescapeDebugString('\\q'), '\\q');
  assert.deepEqual(parseDebug('"quoted \\"inner\\""'), { kind: 'string', value: 'quoted "inner"' });
});

test('numbers stay text (u64 ids do not fit a double); durations and lists', () => {
  assert.deepEqual(parseDebug('18446744073709551615'), { kind: 'number', text: '18446744073709551615' });
  assert.deepEqual(parseDebug('3.5s'), { kind: 'number', text: '3.5s' });
  assert.deepEqual(parseDebug('[347199, 319308]'), {
    kind: 'list',
    entries: [{ value: { kind: 'number', text: '347199' } }, { value: { kind: 'number', text: '319308' } }],
  });
  assert.deepEqual(parseDebug('Foo { a: 1, .. }'), {
    kind: 'struct',
    name: 'Foo',
    entries: [{ key: 'a', value: { kind: 'number', text: '1' } }, { value: { kind: 'rest' } }],
  });
});

test('lenient: unbalanced and unknown text gives a partial tree, never an exception', () => {
  const v = parseDebug('Start { region: Region { id: 7, ver: 1');
  assert.equal(numberText(path(v, 'region', 'id')), '7');
  // A stray `)` and `}` inside a list are junk of that list; its `]` closes it and Foo runs to the end.
  const junk = parseDebug('Foo { a: [1, 2 ) } ~ ] :');
  assert.equal(typeName(junk), 'Foo');
  assert.deepEqual(
    entriesOfList(field(junk, 'a')),
    ['1', '2', ')', '}', '~'],
  );
  assert.deepEqual(parseDebug(''), { kind: 'empty' });
  const deep = '('.repeat(MAX_DEBUG_DEPTH + 1) + ')'.repeat(MAX_DEBUG_DEPTH + 1);
  assert.equal(parseDebug(deep).kind, 'raw');
});

function entriesOfList(v: ReturnType<typeof field>): string[] {
  return v?.kind === 'list' ? v.entries.map((e) => render(e.value)) : [];
}

test('property: any text parses without throwing and renders', () => {
  const alphabet = fc.constantFrom(...'{}()[],:.."\\ aZ09_=ObserveId(1)'.split(''));
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 })), (s) => {
      const v = parseDebug(s);
      assert.equal(typeof render(v), 'string');
    }),
    { numRuns: 300 },
  );
});
