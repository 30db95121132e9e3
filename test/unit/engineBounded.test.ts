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

test('a storm over more regions than the cap: quiet ones are dropped and counted, pending ones and the asked-for one stay', () => {
  const CAP_REGIONS = 2_000;
  const s = new EventScript(0);
  // 20 regions left pending early (a failed start, then skips), then a storm over 30,000 others, then more skips.
  for (let p = 0; p < 20; p++) s.op(`9${p}`, 'Start', `5${p}`).sub(`9${p}`, 'inactivate', `5${p}`).sub(`9${p}`, 'pending-skip');
  s.role('777', 'leader', 3);
  for (let r = 0; r < 30_000; r++) s.role(String(100_000 + r), 'pre-candidate', 4).role(String(100_000 + r), 'follower', 4);
  for (let p = 0; p < 20; p++) s.sub(`9${p}`, 'pending-skip');
  const a = new Analyzer({ maxRegions: CAP_REGIONS, timelines: { regionId: '777' } });
  a.addAll(s.events);
  const result = a.finish();
  const summary = result.summary;
  assert.ok((summary.droppedRegions ?? 0) >= 30_000 - CAP_REGIONS, `dropped ${summary.droppedRegions}`);
  assert.equal(summary.regions, 30_021 + 0, 'regions counts every region seen, dropped or held');
  assert.equal(summary.regionsOverCap, undefined, 'the cap held: only 21 regions were pinned');
  const lost = result.findings.filter((f) => f.rule === 'observation-lost').map((f) => f.regionId).sort();
  assert.deepEqual(lost, Array.from({ length: 20 }, (_, p) => `9${p}`).sort(), 'a pending region is never dropped');
  assert.deepEqual(result.timelines.map((t) => `${t.regionId}:${t.roles.map((r) => r.role).join(',')}`), ['777:leader'], 'the asked-for region is kept');
});

test('the region cap exceeded by regions a rule waits on: kept, and the summary says by how much', () => {
  const s = new EventScript(0);
  for (let p = 0; p < 50; p++) s.op(`9${p}`, 'Start', `5${p}`).sub(`9${p}`, 'inactivate', `5${p}`).sub(`9${p}`, 'pending-skip').sub(`9${p}`, 'pending-skip');
  const a = new Analyzer({ maxRegions: 10 });
  a.addAll(s.events);
  const result = a.finish();
  assert.equal(result.summary.droppedRegions, 0);
  assert.equal(result.summary.regionsOverCap, 40);
  assert.equal(result.findings.filter((f) => f.rule === 'observation-lost').length, 50);
});
