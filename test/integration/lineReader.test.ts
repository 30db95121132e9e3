import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { forEachLine } from '../../src/node/lineReader';

const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-lines-'));

/** What `forEachLine` must agree with: split on \n, a final unterminated line counts, a trailing \n adds none. */
function referenceLines(bytes: Buffer): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) { out.push({ text: bytes.toString('latin1', start, i), offset: start }); start = i + 1; }
  }
  if (start < bytes.length) out.push({ text: bytes.toString('latin1', start), offset: start });
  return out;
}

function read(path: string, chunkBytes: number, start?: number, end?: number) {
  const got: { text: string; offset: number; line: number }[] = [];
  const r = forEachLine(path, (buf, s, e, line, offset) => got.push({ text: buf.toString('latin1', s, e), offset, line }),
    { chunkBytes, start, end });
  return { got, r };
}

test('every line is visited once, with its byte offset, across chunk boundaries and long lines', () => {
  let n = 0;
  fc.assert(fc.property(
    fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(''), fc.string({ minLength: 100, maxLength: 300 })), { maxLength: 30 }),
    fc.boolean(), fc.integer({ min: 1, max: 64 }),
    (lines, trailingNewline, chunk) => {
      const bytes = Buffer.from(lines.join('\n') + (trailingNewline && lines.length > 0 ? '\n' : ''), 'latin1');
      const path = join(dir, `f${n++}.log`);
      writeFileSync(path, bytes);
      const { got, r } = read(path, chunk);
      const want = referenceLines(bytes);
      assert.deepEqual(got.map((g) => [g.text, g.offset]), want.map((w) => [w.text, w.offset]));
      assert.deepEqual(got.map((g) => g.line), want.map((_, i) => i + 1));
      assert.equal(r.lines, want.length);
      assert.equal(r.bytes, bytes.length);
    }), { numRuns: 300 });
});

test('byte ranges split a file into disjoint runs of whole lines', () => {
  const bytes = Buffer.from(Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(i % 17)}`).join('\n') + '\n');
  const path = join(dir, 'ranges.log');
  writeFileSync(path, bytes);
  const want = referenceLines(bytes);
  for (const cut of [0, 1, 57, 1000, bytes.length - 1, bytes.length]) {
    // A range starts at a line start: find the first line starting at or after the cut.
    const second = want.findIndex((l) => l.offset >= cut);
    const startB = second === -1 ? bytes.length : want[second].offset;
    const a = read(path, 16, 0, startB).got;
    const b = read(path, 16, startB).got;
    assert.deepEqual([...a, ...b].map((g) => g.text), want.map((w) => w.text), `cut at ${cut}`);
  }
});

test('an empty file has no lines', () => {
  const path = join(dir, 'empty.log');
  writeFileSync(path, '');
  assert.equal(read(path, 8).got.length, 0);
});
