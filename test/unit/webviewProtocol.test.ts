// The message protocol's checks on what the webview sends: wrong versions, shapes and sizes are refused or bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_REGION_ROWS, MAX_WINDOW_ROWS, PROTOCOL_VERSION, parseViewMessage, regionKey, viewStateOf } from '../../webview/protocol';

const v = PROTOCOL_VERSION;

test('well-formed messages of this version pass through', () => {
  assert.deepEqual(parseViewMessage({ v, type: 'reveal', generation: 3, file: 0, line: 21 }), { v, type: 'reveal', generation: 3, file: 0, line: 21 });
  assert.deepEqual(parseViewMessage({ v, type: 'select', region: { store: 's', regionId: '1001', reportIndex: 0 } }), { v, type: 'select', region: { store: 's', regionId: '1001', reportIndex: 0 } });
  assert.deepEqual(parseViewMessage({ v, type: 'copyMarkdown' }), { v, type: 'copyMarkdown' });
  assert.deepEqual(parseViewMessage({ v, type: 'ready' }), { v, type: 'ready' });
});

test('another version, an unknown type or a wrong field type is refused', () => {
  assert.equal(parseViewMessage({ v: 2, type: 'reveal', generation: 1, file: 0, line: 1 }), undefined);
  assert.equal(parseViewMessage({ type: 'reveal', generation: 1, file: 0, line: 1 }), undefined);
  assert.equal(parseViewMessage({ v, type: 'eval', code: 'alert(1)' }), undefined);
  assert.equal(parseViewMessage({ v, type: 'reveal', generation: 1, file: '0', line: 1 }), undefined);
  assert.equal(parseViewMessage({ v, type: 'reveal', generation: 1, file: 0, line: 0 }), undefined, 'lines are 1-based');
  assert.equal(parseViewMessage({ v, type: 'reveal', generation: 1, file: -1, line: 3 }), undefined);
  assert.equal(parseViewMessage({ v, type: 'reveal', generation: 1, file: 0.5, line: 3 }), undefined);
  assert.equal(parseViewMessage({ v, type: 'select', region: { store: 5, regionId: '1' } }), undefined);
  assert.equal(parseViewMessage({ v, type: 'queryRegions', requestId: 1, text: 'x'.repeat(201), store: '', start: 0, count: 10 }), undefined);
  assert.equal(parseViewMessage(null), undefined);
  assert.equal(parseViewMessage([v, 'ready']), undefined);
  assert.equal(parseViewMessage('ready'), undefined);
});

test('window and page sizes are bounded by the extension, whatever the webview asks', () => {
  const w = parseViewMessage({ v, type: 'requestWindow', generation: 0, requestId: 1, start: 0, count: 1e9 });
  assert.equal(w?.type === 'requestWindow' ? w.count : -1, MAX_WINDOW_ROWS);
  const q = parseViewMessage({ v, type: 'queryRegions', requestId: 1, text: '', store: '', start: 0, count: 1e9 });
  assert.equal(q?.type === 'queryRegions' ? q.count : -1, MAX_REGION_ROWS);
});

test('saved state is read defensively: bad parts are dropped, good parts kept', () => {
  assert.equal(viewStateOf(undefined), undefined);
  assert.equal(viewStateOf({ v: 0 }), undefined);
  assert.deepEqual(viewStateOf({ v, region: { store: 's', regionId: '9' }, scrollTop: 120, focus: { lane: 'issued', index: 2 }, query: '10', store: 's' }),
    { v, region: { store: 's', regionId: '9' }, scrollTop: 120, focus: { lane: 'issued', index: 2 }, query: '10', store: 's' });
  assert.deepEqual(viewStateOf({ v, region: { store: 1 }, scrollTop: -5, focus: { lane: 'sideways', index: 1 }, query: 7 }), { v, scrollTop: 0, query: '', store: '' });
});

test('regionKey tells regions of different reports and stores apart', () => {
  const keys = new Set([
    regionKey({ store: 'a', regionId: '1' }),
    regionKey({ store: 'a', regionId: '1', reportIndex: 0 }),
    regionKey({ store: 'a', regionId: '1', reportIndex: 1 }),
    regionKey({ store: 'b', regionId: '1' }),
    regionKey({ store: 'a', regionId: '11' }),
  ]);
  assert.equal(keys.size, 5);
});
