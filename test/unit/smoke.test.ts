import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldValue, type LogEntry } from '../../src/core/record';

test('fieldValue returns the first field with the key', () => {
  const e: LogEntry = {
    kind: 'entry', line: 1, offset: 0, format: 'unified', paste: [], time: '', ts: null, level: 'INFO',
    source: 'x.rs:1', message: 'm', fields: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }],
  };
  assert.equal(fieldValue(e, 'a'), '1');
  assert.equal(fieldValue(e, 'b'), undefined);
});
