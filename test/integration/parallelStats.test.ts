import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectStats } from '../../src/node/parseCommand';
import { parseFile } from '../../src/node/parseFile';
import { evenOffsets, rampedOffsets, splitAtEntries } from '../../src/node/ranges';
import { quickUnifiedHeader } from '../../src/core/parser';

const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-par-'));
const MIXED = readFileSync(join(__dirname, 'fixtures/mixed.log'), 'utf8');

/** Many copies of a file holding every line kind, so cuts land near continuations, blanks and junk. */
function bigMixed(copies: number): string {
  const path = join(dir, `mixed-${copies}.log`);
  writeFileSync(path, MIXED.repeat(copies) + 'tail without newline');
  return path;
}

test('cuts land on plain unified lines and the ranges tile the file', () => {
  const path = bigMixed(3000);
  const bytes = readFileSync(path);
  for (const parts of [1, 2, 3, 7]) {
    const ranges = splitAtEntries(path, parts);
    assert.equal(ranges[0].start, 0);
    assert.equal(ranges[ranges.length - 1].end, bytes.length);
    for (let i = 1; i < ranges.length; i++) {
      assert.equal(ranges[i].start, ranges[i - 1].end);
      const s = ranges[i].start;
      assert.equal(bytes[s - 1], 10, 'a cut is at a line start');
      assert.ok(quickUnifiedHeader(bytes, s, bytes.indexOf(10, s)) >= 0, 'a cut is at a plain unified entry');
    }
    if (parts > 1) assert.ok(ranges.length > 1);
  }
});

test('ramped ranges start at a sixteenth, take each size three times and stop growing at the range size', () => {
  const mb = 1 << 20;
  const sizes = (offsets: number[], total: number): number[] => [...offsets, total].map((o, i) => (o - (i === 0 ? 0 : offsets[i - 1])) / mb);
  assert.deepEqual(sizes(rampedOffsets(100 * mb, 16 * mb), 100 * mb), [1, 1, 1, 2, 2, 2, 4, 4, 4, 8, 8, 8, 16, 16, 16, 7]);
  assert.deepEqual(rampedOffsets(mb, 16 * mb), [], 'a file smaller than the first range is one range');
  assert.deepEqual(rampedOffsets(15, 4), [1, 2, 3, 5, 7, 9, 13], 'tiny range sizes still make progress');
});

test('even ranges are all the range size, the last one what is left', () => {
  assert.deepEqual(evenOffsets(40, 16), [16, 32]);
  assert.deepEqual(evenOffsets(32, 16), [16]);
  assert.deepEqual(evenOffsets(10, 16), [], 'a file smaller than one range is one range');
});

test('a file without any cut point stays one range', () => {
  const path = join(dir, 'junk.log');
  writeFileSync(path, 'junk\n'.repeat(10000));
  assert.deepEqual(splitAtEntries(path, 4), [{ start: 0, end: 50000 }]);
});

test('workers over ranges account for every line exactly as one thread does', async () => {
  const path = bigMixed(5000);
  const serial = parseFile(path, () => undefined);
  const [parallel] = await collectStats([path], 2, 0);
  const { path: _p, ...rest } = parallel;
  assert.deepEqual(rest, serial);
  assert.equal(serial.lines, 8 * 5000 + 1);
});
