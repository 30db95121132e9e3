// A range's events cross threads as columns plus objects: what arrives must be what was sent, in order, with the
// range's line offset applied, whichever optional fields each role change has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent } from '../../src/core/events';
import { EventBatchWriter, forEachEvent, transferables } from '../../src/node/eventBatch';

test('events survive the trip across threads: order, fields, line offset', () => {
  const sent: DomainEvent[] = [
    { file: 2, line: 1, ts: 1_700_000_000_000, type: 'role-change', regionId: '1001', role: 'pre-candidate', term: '7', peerId: '1002' },
    { file: 2, line: 2, ts: 1_700_000_000_001, type: 'observe-op', op: 'Start', opName: 'Start', regionId: '1001', observeId: '191299' },
    { file: 2, line: 3, ts: null, type: 'role-change', regionId: '18446744073709551615', role: 'follower', term: '18446744073709551615', fromRole: 'Leader' },
    { file: 2, line: 4, ts: 1_700_000_000_003, type: 'role-change', regionId: '7', role: 'leader', term: '9', peerId: '8', fromRole: 'Candidate', storeHint: '4' },
    { file: 2, line: 5, ts: 1_700_000_000_004, type: 'role-change', regionId: '7', role: 'candidate', term: '9', storeHint: '4' },
    { file: 2, line: 6, ts: 1_700_000_000_005, type: 'subscription', what: 'start-listen', regionId: '7', observeId: '12' },
  ];
  const w = new EventBatchWriter();
  for (const ev of sent) w.add(structuredClone(ev));
  const batch = w.batch();
  const arrived = structuredClone(batch, { transfer: transferables(batch) });
  assert.equal(batch.kinds.byteLength, 0, 'the columns were moved, not copied');
  const got: DomainEvent[] = [];
  forEachEvent(arrived, 2, 1000, (ev) => got.push(ev));
  assert.deepEqual(got, sent.map((ev) => ({ ...ev, line: ev.line + 1000 })));
});

test('a batch grows past its first columns and keeps every event', () => {
  const w = new EventBatchWriter();
  const sent: DomainEvent[] = [];
  for (let i = 0; i < 5000; i++) {
    const ev: DomainEvent = i % 7 === 0
      ? { file: 0, line: i + 1, ts: i, type: 'election', regionId: String(i) }
      : { file: 0, line: i + 1, ts: i, type: 'role-change', regionId: String(i % 300), role: i % 2 === 0 ? 'leader' : 'follower', term: String(i), ...(i % 3 === 0 ? { peerId: String(i + 1) } : {}) };
    sent.push(ev);
    w.add(ev);
  }
  const got: DomainEvent[] = [];
  forEachEvent(w.batch(), 0, 0, (ev) => got.push(ev));
  assert.deepEqual(got, sent);
});
