import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REMEMBER_MS, rememberedLog } from '../../src/extension/lastBigLog';

test('a big log opened in the last week is remembered; older, future or malformed entries are not', () => {
  const now = Date.UTC(2026, 10, 26);
  assert.equal(rememberedLog({ path: '/logs/tikv.log', at: now - 3600_000 }, now), '/logs/tikv.log');
  assert.equal(rememberedLog({ path: '/logs/tikv.log', at: now - REMEMBER_MS + 1 }, now), '/logs/tikv.log');
  assert.equal(rememberedLog({ path: '/logs/tikv.log', at: now - REMEMBER_MS }, now), undefined, 'a week old');
  assert.equal(rememberedLog({ path: '/logs/tikv.log', at: now + 60_000 }, now), undefined, 'from a clock that was ahead');
  for (const stored of [undefined, null, '/logs/tikv.log', { path: 5, at: now }, { path: '/x.log' }, { path: '/x.log', at: 'today' }]) {
    assert.equal(rememberedLog(stored, now), undefined, JSON.stringify(stored));
  }
});
