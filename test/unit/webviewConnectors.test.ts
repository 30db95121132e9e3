// Connector geometry between the lanes: each op's connector once, drawn even when one end is scrolled away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectorClass, connectorPath, connectorsFor } from '../../webview/connectors';
import { lanesFromQueue } from '../../webview/lanes';
import type { OpRow } from '../../webview/protocol';
import { fixtureReport } from './webviewFixture';

function fixtureLanes() {
  const f = fixtureReport().result.findings.find((x) => x.rule === 'stale-observe-reorder');
  assert.ok(f?.queue);
  return lanesFromQueue(f.queue, f.causes);
}

test('all four #18243 connectors, once each, with the overtaking one marked', () => {
  const { issued, processed } = fixtureLanes();
  const cs = connectorsFor(issued, processed);
  assert.deepEqual(cs.map((c) => [c.from, c.to]), [[0, 1], [1, 2], [2, 3], [3, 0]]);
  assert.deepEqual(cs.map(connectorClass), ['connector crossing', 'connector crossing', 'connector rejected', 'connector overtook']);
});

test('a window showing only the first processed row still draws the connector from the last issued op', () => {
  const { issued, processed } = fixtureLanes();
  const cs = connectorsFor([issued[0]], [processed[0]]);
  assert.deepEqual(cs.map((c) => [c.from, c.to]), [[0, 1], [3, 0]]);
});

test('rows not loaded yet are skipped', () => {
  const { processed } = fixtureLanes();
  const cs = connectorsFor([undefined, undefined], [undefined, processed[1]]);
  assert.deepEqual(cs.map((c) => [c.from, c.to]), [[0, 1]]);
});

test('connectorPath runs from the middle of the issued row to the middle of the processed row, relative to the first shown row', () => {
  assert.equal(connectorPath({ from: 3, to: 0 }, 40, 120), 'M 0 140 C 60 140, 60 20, 120 20');
  // Row 100 drawn first: row 99 is above the window (negative y), row 102 inside.
  assert.equal(connectorPath({ from: 102, to: 99 }, 40, 100, 100), 'M 0 100 C 50 100, 50 -20, 100 -20');
});

test('two connectors cross on screen exactly when their rows are in opposite orders', () => {
  // The y at the left and right ends decides it: opposite signs of (y0a - y0b) and (y1a - y1b).
  const rows = (from: number, to: number): OpRow => ({ index: from, op: 'Stop', file: 0, line: 1, peer: to, crossings: 0 });
  const yOf = (d: string): [number, number] => {
    const n = d.split(/[ ,]+/).filter((t) => /^-?\d/.test(t)).map(Number);
    return [n[1], n[n.length - 1]];
  };
  const a = yOf(connectorPath({ from: 0, to: 2 }, 40, 100));
  const b = yOf(connectorPath({ from: 1, to: 0 }, 40, 100));
  assert.ok((a[0] - b[0]) * (a[1] - b[1]) < 0);
  assert.equal(connectorsFor([rows(0, 2), rows(1, 0)], []).length, 2);
});
