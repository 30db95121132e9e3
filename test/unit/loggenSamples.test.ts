// The committed samples are exactly what tools/loggen/samples.ts produces: they cannot drift from the
// generator, and the line numbers samples/README.md quotes stay true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildSamples } from '../../tools/loggen/samples';
import { observeText, verifyText } from '../../tools/loggen/verify';

const samples = buildSamples();

test('committed samples equal the generator output (run tools/loggen/samples.ts to update)', () => {
  assert.deepEqual(samples.map((s) => s.path).sort(), [
    'samples/README.md', 'samples/healthy/tikv.log', 'samples/tikv-18243/tikv-store2.log', 'samples/tikv-18243/tikv.log',
  ]);
  for (const s of samples) {
    const onDisk = readFileSync(s.path, 'utf8');
    assert.ok(onDisk === s.text, `${s.path} differs from what samples.ts generates`);
  }
});

test('samples stay small and well-formed, and only the #18243 store loses a region', () => {
  for (const s of samples.filter((x) => x.path.endsWith('.log'))) {
    const bytes = Buffer.byteLength(s.text);
    assert.ok(bytes > 200_000 && bytes < 2_000_000, `${s.path}: ${bytes} bytes`);
    const v = verifyText(s.text);
    assert.deepEqual(v.errors, [], s.path);
    assert.equal(v.nonMonotonic, 0);
    const o = observeText(s.text);
    const lost = s.path === 'samples/tikv-18243/tikv.log';
    assert.deepEqual(o.neverRestarted, lost ? [319305] : [], s.path);
    assert.deepEqual(o.decreasingIds, lost ? [319305] : [], s.path);
    assert.equal(o.staleObserveErrors, lost ? 1 : 0, s.path);
  }
});
