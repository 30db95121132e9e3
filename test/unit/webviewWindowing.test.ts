// Windowed rendering: which rows are on screen, which page to ask for, and a bounded cache of received rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pageAligned, RowCache, scrollToShow, visibleRange } from '../../webview/windowing';

test('visibleRange covers the viewport plus overscan, clipped to the list', () => {
  assert.deepEqual(visibleRange(0, 400, 40, 10_000, 0), { start: 0, end: 10 });
  assert.deepEqual(visibleRange(4000, 400, 40, 10_000, 5), { start: 95, end: 115 });
  assert.deepEqual(visibleRange(399_800, 400, 40, 10_000, 5), { start: 9990, end: 10_000 });
  assert.deepEqual(visibleRange(0, 400, 40, 0, 5), { start: 0, end: 0 });
  assert.deepEqual(visibleRange(-50, 400, 40, 3, 5), { start: 0, end: 3 });
});

test('visibleRange: every row that intersects the viewport is inside the range, and the range is small', () => {
  fc.assert(
    fc.property(fc.nat(2_000_000), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 10, max: 60 }), fc.nat(100_000), fc.nat(20), (top, height, row, total, over) => {
      const r = visibleRange(top, height, row, total, over);
      assert.ok(r.start >= 0 && r.end <= total && r.start <= r.end);
      for (const i of [Math.floor(top / row), Math.floor((top + height - 1) / row)]) if (i < total) assert.ok(i >= r.start && i < r.end, `row ${i} in ${r.start}..${r.end}`);
      assert.ok(r.end - r.start <= Math.ceil(height / row) + 1 + 2 * over);
    }),
    { numRuns: 300 },
  );
});

test('pageAligned widens to whole pages within the list', () => {
  assert.deepEqual(pageAligned({ start: 130, end: 170 }, 100, 10_000), { start: 100, end: 200 });
  assert.deepEqual(pageAligned({ start: 9950, end: 10_000 }, 100, 10_000), { start: 9900, end: 10_000 });
  assert.deepEqual(pageAligned({ start: 5, end: 5 }, 100, 10_000), { start: 5, end: 5 });
});

test('scrollToShow scrolls only as far as needed', () => {
  assert.equal(scrollToShow(5, 0, 400, 40), 0);
  assert.equal(scrollToShow(10, 0, 400, 40), 40);
  assert.equal(scrollToShow(2, 200, 400, 40), 80);
});

test('RowCache asks once for a missing page, not again while it is pending, and again after it was forgotten', () => {
  const cache = new RowCache<number>();
  assert.deepEqual(cache.missing({ start: 0, end: 30 }, 100, 5000), { start: 0, end: 100 });
  assert.equal(cache.missing({ start: 10, end: 40 }, 100, 5000), undefined, 'covered by the pending request');
  cache.forgetPending();
  assert.deepEqual(cache.missing({ start: 10, end: 40 }, 100, 5000), { start: 0, end: 100 });
  cache.put(0, Array.from({ length: 100 }, (_, i) => i), { start: 0, end: 30 });
  assert.equal(cache.missing({ start: 0, end: 100 }, 100, 5000), undefined);
  assert.deepEqual(cache.missing({ start: 90, end: 130 }, 100, 5000), { start: 100, end: 200 });
  assert.equal(cache.get(42), 42);
});

test('RowCache stays bounded while scrolling through 100,000 rows and keeps the rows near the view', () => {
  const cache = new RowCache<number>(1000);
  for (let start = 0; start < 100_000; start += 100) {
    const want = { start, end: start + 100 };
    const page = cache.missing(want, 100, 100_000);
    assert.ok(page, `page at ${start} is requested`);
    cache.put(page.start, Array.from({ length: page.end - page.start }, (_, i) => page.start + i), want);
    assert.ok(cache.size <= 1000);
    assert.equal(cache.get(start + 50), start + 50, 'the shown rows survive eviction');
  }
  assert.equal(cache.get(0), undefined, 'far rows were evicted');
});
