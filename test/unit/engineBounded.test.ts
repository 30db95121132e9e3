// Memory must not grow with the file: a long log with many regions keeps a bounded number of events,
// and a reorder late in the stream is still found with its full chain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../src/core/engine';
import type { DomainEvent } from '../../src/core/events';
import { EventScript } from '../fixtures/scenarios/events';

const REGIONS = 10_000;
const EVENTS = 1_000_000;
const CAP = 50_000;

/**
 * A deterministic stream: every region cycles through elections, ops and listens, most lines are skips.
 * Built as literals (no object spread, which is slow in V8) so the test times the engine, not itself.
 */
function* syntheticStream(): Generator<DomainEvent> {
  for (let i = 0; i < EVENTS; i++) {
    const regionId = String(1000 + ((i * 7919) % REGIONS));
    const line = i + 1;
    const ts = 1_700_000_000_000 + i;
    switch (i % 10) {
      case 0:
        yield { file: 0, line, ts, type: 'role-change', regionId, role: 'leader', term: String(i) };
        break;
      case 1:
        yield { file: 0, line, ts, type: 'observe-op', op: 'Start', opName: 'Start', regionId, observeId: String(i) };
        break;
      case 2:
        yield { file: 0, line, ts, type: 'subscription', what: 'start-listen', regionId, observeId: String(i) };
        break;
      default:
        yield { file: 0, line, ts, type: 'subscription', what: 'pending-skip', regionId };
    }
  }
}

test(`1M events over 10k regions stay under a ${CAP}-event cap, and a late reorder is still found`, () => {
  const a = new Analyzer({ maxRetainedEvents: CAP, timelines: 'none' });
  let maxSeen = 0;
  let n = 0;
  for (const ev of syntheticStream()) {
    a.add(ev);
    if (++n % 1000 === 0) maxSeen = Math.max(maxSeen, a.retainedEvents);
  }
  assert.ok(maxSeen <= CAP, `retained ${maxSeen} > ${CAP}`);
  assert.ok(maxSeen > CAP / 2, 'the stream must actually press on the cap for this test to mean anything');

  const late = new EventScript(0, 1_800_000_000_000).reorder('424242', '191299', '191374');
  a.addAll(late.events);
  const result = a.finish();
  assert.ok(result.summary.retainedEvents <= CAP);
  assert.ok(result.summary.trimmedWindows > 0);
  assert.equal(result.summary.regions, REGIONS + 1);
  const reorder = result.findings.filter((f) => f.rule === 'stale-observe-reorder');
  assert.equal(reorder.length, 1);
  assert.equal(reorder[0].regionId, '424242');
  assert.equal(reorder[0].causes.length, 13);
});
