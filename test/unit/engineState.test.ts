// The per-region state machine and timelines: absent -> running -> pending, counters for repeats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, type TimelineChoice } from '../../src/core/engine';
import { EventScript } from '../fixtures/scenarios/events';

test('subscription states follow start / stop / inactivate, and repeated skips are one counter', () => {
  const s = new EventScript()
    .sub('7', 'start-listen', '10')
    .sub('7', 'stop-listen', '10')
    .sub('7', 'start-listen', '11')
    .sub('7', 'inactivate', '11')
    .sub('7', 'pending-skip')
    .sub('7', 'pending-skip')
    .sub('7', 'pending-skip');
  const a = new Analyzer({ rules: [] });
  a.addAll(s.events);
  const t = a.regionTimeline('7');
  assert.ok(t);
  assert.deepEqual(t.subscription.map((x) => `${x.state}${x.observeId ? '#' + x.observeId : ''}@${x.line}`), [
    'running#10@1',
    'absent#10@2',
    'running#11@3',
    'pending#11@4',
  ]);
  assert.equal(t.state, 'pending');
  assert.deepEqual(t.pendingSkips, { count: 3, first: { file: 0, line: 5, ts: s.events[4].ts }, last: { file: 0, line: 7, ts: s.events[6].ts } });
  // skips are counted, not kept: the window holds the 4 transitions and the timeline their 4 spans
  assert.equal(a.retainedEvents, 8);
});

test('a processed Stop deregisters: the state is absent even before (or without) the tracker line', () => {
  const spans = (a: Analyzer, r: string) => a.regionTimeline(r)?.subscription.map((x) => `${x.state}${x.observeId ? '#' + x.observeId : ''}@${x.line}`);
  // with the tracker line: one transition, at that line, with the id
  const a = new Analyzer({ rules: [] });
  a.addAll(new EventScript().sub('7', 'start-listen', '10').op('7', 'Stop').sub('7', 'stop-listen', '10').sub('8', 'inactivate', '3').sub('8', 'remove-pending').events);
  assert.deepEqual(spans(a, '7'), ['running#10@1', 'absent#10@3']);
  assert.equal(a.regionTimeline('8')?.state, 'absent');
  // without it: the transition is at the Stop, whether the log ends there or goes on
  const b = new Analyzer({ rules: [] });
  b.addAll(new EventScript().sub('7', 'start-listen', '10').op('7', 'Stop').events);
  assert.equal(b.regionTimeline('7')?.state, 'absent');
  assert.deepEqual(spans(b, '7'), ['running#10@1', 'absent@2']);
  b.addAll(new EventScript(0).sub('7', 'start-listen', '11').events);
  assert.deepEqual(spans(b, '7'), ['running#10@1', 'absent@2', 'running#11@1']);
});

test('a refresh that found nothing no longer matters once the region moved away from this store', () => {
  for (const away of [(s: EventScript) => s.op('7', 'Stop'), (s: EventScript) => s.role('7', 'follower', 9)]) {
    const a = new Analyzer();
    a.addAll(away(new EventScript().role('7', 'leader', 8).sub('7', 'refresh-absent')).events);
    assert.deepEqual(a.finish().findings, []);
  }
  const a = new Analyzer();
  a.addAll(new EventScript().role('7', 'leader', 8).sub('7', 'refresh-absent').events);
  assert.deepEqual(a.finish().findings.map((f) => f.rule), ['refresh-absent']);
});

test('a skip without a known transition still means pending (the log may start mid-way)', () => {
  const a = new Analyzer({ rules: [] });
  a.addAll(new EventScript().sub('9', 'pending-skip').sub('9', 'pending-skip').events);
  assert.equal(a.regionTimeline('9')?.state, 'pending');
});

test('a retry or a new Start restarts the skip count (observation-lost needs skips with no attempt)', () => {
  const s = new EventScript().sub('7', 'inactivate', '1').sub('7', 'pending-skip').sub('7', 'pending-skip').sub('7', 'retry', '1').sub('7', 'pending-skip');
  const a = new Analyzer();
  a.addAll(s.events);
  assert.equal(a.regionTimeline('7')?.pendingSkips?.count, 1);
  assert.deepEqual(a.finish().findings, []);
});

test('timelines are bounded rings that report how much they dropped', () => {
  const s = new EventScript();
  for (let term = 1; term <= 30; term++) s.role('7', term % 2 ? 'follower' : 'leader', term);
  const a = new Analyzer({ regionLimits: { roles: 5 } });
  a.addAll(s.events);
  const t = a.finish().timelines[0];
  assert.deepEqual(t.roles.map((r) => r.term), ['26', '27', '28', '29', '30']);
  assert.equal(t.dropped.roles, 25);
});

test('timelines option: only regions with findings, one region, or none', () => {
  const s = new EventScript().reorder('7', '5', '9').sub('8', 'start-listen', '20');
  const modes: [TimelineChoice, string[]][] = [['all', ['7', '8']], ['with-findings', ['7']], [{ regionId: '8' }, ['8']], [{ regionId: '99' }, []], ['none', []]];
  for (const [mode, regions] of modes) {
    const a = new Analyzer({ timelines: mode });
    a.addAll(s.events);
    assert.deepEqual(a.finish().timelines.map((t) => t.regionId), regions, JSON.stringify(mode));
  }
});

test('add after finish is a programming error', () => {
  const a = new Analyzer();
  a.finish();
  assert.throws(() => a.add(new EventScript().sub('1', 'pending-skip').events[0]));
});
