// The timeline under the lanes on the #18243 fixture: roles by term and subscription states as spans on one
// axis of log lines, ops and errors as points, the rejected Start and the stale error marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timelineOf } from '../../src/core/report';
import type { TimeLookup } from '../../webview/lanes';
import { buildAxis, buildTimeline, layoutTimeline } from '../../webview/timeline';
import { fixtureReport } from './webviewFixture';

function fixtureTimeline(times?: TimeLookup) {
  const report = fixtureReport();
  const tl = timelineOf(report, 'logs/tikv.log', '1001');
  assert.ok(tl, 'region 1001 has a timeline');
  const causes = report.result.findings.filter((f) => f.regionId === '1001').flatMap((f) => f.causes);
  return buildTimeline(tl, causes, { file: 0, line: 19 }, times);
}

test('roles by term and subscription states are consecutive spans on the shared axis', () => {
  const t = fixtureTimeline();
  const roles = t.segments.filter((s) => s.track === 'role');
  assert.deepEqual(roles.map((s) => s.label), ['pre-candidate t7', 'candidate t8', 'leader t8']);
  const subs = t.segments.filter((s) => s.track === 'subscription');
  assert.deepEqual(subs.map((s) => s.label), ['running 191374', 'absent 191374', 'running 191299', 'pending 191299']);
  for (const track of [roles, subs]) {
    for (let i = 0; i + 1 < track.length; i++) assert.equal(track[i].to, track[i + 1].from, 'each span ends where the next starts');
    assert.equal(track[track.length - 1].to, t.axis.length, 'the last holds to the end');
  }
  // The axis is in log order and each span starts at its own line.
  for (let i = 0; i + 1 < t.axis.length; i++) assert.ok(t.axis[i].line < t.axis[i + 1].line);
  for (const s of [...roles, ...subs]) assert.equal(t.axis[s.from].line, s.line);
});

test('the rejected Start and the stale error are marked; ops and events sit at their lines', () => {
  const t = fixtureTimeline();
  const ops = t.markers.filter((m) => m.track === 'op');
  assert.deepEqual(ops.map((m) => `${m.label}:${m.kind}`), ['Start 191374:op', 'Stop:op', 'Stop:op', 'Start 191299:rejected', 'NotifyStartObserveResult 191299:op']);
  const errors = t.markers.filter((m) => m.kind === 'error');
  assert.ok(errors.some((m) => m.label === 'stale observe id' && m.line === 21), JSON.stringify(errors));
  assert.ok(t.markers.some((m) => m.kind === 'task' && m.detail.startsWith('register backup stream task pitr')));
  assert.ok(t.markers.some((m) => m.label.startsWith('pending ×4')), 'the repeated pending skips are one marker with a count');
  for (const m of t.markers) assert.equal(t.axis[m.at].line, m.line);
});

test('every axis point carries the time the lookup gives for its line and ts', () => {
  const t = fixtureTimeline((at) => (at.ts === null ? undefined : `${at.line}@${at.ts}`));
  assert.ok(t.axis.length > 0);
  assert.ok(t.axis.every((p) => p.time?.startsWith(`${p.line}@`)), JSON.stringify(t.axis));
});

test('buildAxis: one point per line, sorted by ts when every line has one', () => {
  // Times run backwards with the line here (two files), so a time-sorted axis is in reverse line order.
  const axis = buildAxis([{ file: 0, line: 1, ts: 300 }, { file: 1, line: 2, ts: 200 }, { file: 0, line: 3, ts: 100 }, { file: 0, line: 1, ts: 300 }], (at) => String(at.ts));
  assert.deepEqual(axis.map((p) => `${p.file}:${p.line}:${p.time}`), ['0:3:100', '1:2:200', '0:1:300']);
});

test('buildAxis: by file then line when any time is missing', () => {
  const axis = buildAxis([{ file: 1, line: 2, ts: 1 }, { file: 0, line: 9, ts: null }, { file: 1, line: 2, ts: 1 }, { file: 0, line: 3, ts: 5 }]);
  assert.deepEqual(axis.map((p) => `${p.file}:${p.line}`), ['0:3', '0:9', '1:2']);
  assert.ok(axis.every((p) => p.time === undefined));
});

test('no timeline: an empty axis, nothing to draw', () => {
  const t = buildTimeline(undefined, []);
  assert.deepEqual(t, { axis: [], segments: [], markers: [], dropped: 0 });
});

test('layoutTimeline: equal steps within bounds, filling the width when there are few points', () => {
  const few = layoutTimeline(4, 1000, 72, 160, 100);
  assert.equal(few.step, 160);
  assert.equal(few.x(0), 100);
  const many = layoutTimeline(100, 1000, 72, 160, 100);
  assert.equal(many.step, 72);
  assert.equal(many.width, 100 + 7200);
  const fit = layoutTimeline(10, 1100, 72, 160, 100);
  assert.equal(fit.step, 100);
});

test('consecutive entries in one state make one span, which takes the ObserveId either names', () => {
  const tl = {
    store: 's', regionId: '7', state: 'absent' as const, ops: [], dropped: { roles: 0, subscription: 0, ops: 0 },
    roles: [{ term: '3', role: 'leader', file: 0, line: 1, ts: null }, { term: '3', role: 'leader', file: 0, line: 2, ts: null }, { term: '4', role: 'leader', file: 0, line: 3, ts: null }],
    subscription: [{ state: 'absent' as const, file: 0, line: 4, ts: null }, { state: 'absent' as const, observeId: '9', file: 0, line: 5, ts: null }, { state: 'absent' as const, observeId: '10', file: 0, line: 6, ts: null }],
  };
  const t = buildTimeline(tl, []);
  assert.deepEqual(t.segments.map((s) => `${s.label}@${s.line}`), ['leader t3@1', 'leader t4@3', 'absent 9@4', 'absent 10@6']);
});
