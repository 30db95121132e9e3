import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { forEachLine, readLinesAsync } from '../../src/node/lineReader';
import { parseFile } from '../../src/node/parseFile';
import type { ParsedLine } from '../../src/core/record';

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

test('a UTF-8 BOM is not part of line 1: same text and columns as without it, its bytes still counted', async () => {
  const text = '[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ["x y"] [region_id=5] [observe_id=ObserveId(7)]\nsecond\n';
  const plain = join(dir, 'plain.log');
  const bom = join(dir, 'bom.log');
  writeFileSync(plain, text);
  writeFileSync(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  for (const chunk of [2, 4, 64]) {
    const { got, r } = read(bom, chunk);
    assert.deepEqual(got.map((g) => g.text), text.split('\n').slice(0, 2), `chunk ${chunk}`);
    assert.equal(got[0].offset, 3, 'line 1 starts after the BOM');
    assert.equal(r.bytes, text.length + 3);
  }
  const parsed = (path: string): ParsedLine[] => {
    const out: ParsedLine[] = [];
    parseFile(path, (p) => out.push(p));
    return out;
  };
  const [a, b] = [parsed(plain)[0], parsed(bom)[0]];
  assert.equal(a.kind, 'entry');
  assert.equal(b.kind, 'entry');
  if (a.kind === 'entry' && b.kind === 'entry') {
    assert.deepEqual(b.fields, a.fields, 'field values and their column ranges');
    assert.deepEqual(b.messageRange, a.messageRange);
  }
  assert.deepEqual([...(await readLinesAsync(bom, new Set([1, 2]))).values()], text.split('\n').slice(0, 2));
});
