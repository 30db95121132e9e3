// Reading the times of the few lines the view shows: only the wanted lines, stopping after the last one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineTimes, readLines, timeOfLine } from '../../src/extension/queueViewTimes';

function withFile(content: string, body: (path: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'qv-times-'));
  const path = join(dir, 'tikv.log');
  writeFileSync(path, content);
  return body(path).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const line = (t: string, msg: string): string => `[2025/02/24 ${t} +08:00] [INFO] [x.rs:1] ["${msg}"]`;

test('timeOfLine reads the time as written, for unified and JSON lines', () => {
  assert.equal(timeOfLine(line('14:05:20.131', 'a')), '2025/02/24 14:05:20.131 +08:00');
  assert.equal(timeOfLine('{"time":"2022/12/30 09:25:05.462 +01:00","level":"INFO","caller":"x.rs:1","message":"m"}'), '2022/12/30 09:25:05.462 +01:00');
  assert.equal(timeOfLine('not a log line'), undefined);
});

test('readLines returns exactly the wanted lines, across chunk borders and CRLF', async () => {
  const long = 'x'.repeat(3 << 20);
  const content = [line('00:00:01.000', 'one'), line('00:00:02.000', long), line('00:00:03.000', 'three') + '\r', 'tail without newline'].join('\n');
  await withFile(content, async (path) => {
    const got = await readLines(path, new Set([1, 3, 4, 9]));
    assert.deepEqual([...got.keys()].sort(), [1, 3, 4]);
    assert.equal(got.get(1), line('00:00:01.000', 'one'));
    assert.equal(got.get(3), line('00:00:03.000', 'three'));
    assert.equal(got.get(4), 'tail without newline');
    const two = await readLines(path, new Set([2]));
    assert.equal(two.get(2)?.length, line('00:00:02.000', long).length);
  });
});

test('LineTimes prefers an open buffer, reads the rest from disk, and maps file indices', async () => {
  await withFile([line('10:00:00.001', 'a'), line('10:00:00.002', 'b'), line('10:00:00.003', 'c')].join('\n') + '\n', async (path) => {
    const times = new LineTimes((p, l) => (p === path && l === 2 ? line('23:59:59.999', 'edited in the editor') : undefined));
    const lookup = await times.load([path, '/no/such/file.log'], [{ file: 0, line: 1 }, { file: 0, line: 2 }, { file: 1, line: 5 }, { file: 7, line: 1 }]);
    assert.equal(lookup(0, 1), '2025/02/24 10:00:00.001 +08:00');
    assert.equal(lookup(0, 2), '2025/02/24 23:59:59.999 +08:00');
    assert.equal(lookup(0, 3), undefined, 'not asked for');
    assert.equal(lookup(1, 5), undefined, 'a missing file gives no time, no error');
  });
});
