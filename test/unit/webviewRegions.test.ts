// The region picker's data: every region of every report, regions with findings first, filtered per keystroke
// and paged, so 50,000 regions cost the webview only the page it shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, RegionTimeline } from '../../src/core/engine/types';
import type { Report } from '../../src/core/report';
import { emptyStats } from '../../src/core/lineStats';
import { compareRegionIds, RegionIndex } from '../../src/extension/queueViewRegions';
import { fixtureReport } from './webviewFixture';

function timeline(store: string, regionId: string, state: RegionTimeline['state'] = 'running'): RegionTimeline {
  return { store, regionId, roles: [], subscription: [], state, ops: [], dropped: { roles: 0, subscription: 0, ops: 0 } };
}

function finding(store: string, regionId: string): Finding {
  return { rule: 'observation-lost', severity: 'error', regionId, store, message: 'm', explanation: 'e', location: { file: 0, line: 1 }, causes: [] };
}

function bigReport(n: number): Report {
  const timelines = Array.from({ length: n }, (_, i) => timeline(i % 2 === 0 ? '/logs/a/tikv.log' : '/logs/b/tikv.log', String(i + 1)));
  const findings = [finding('/logs/b/tikv.log', '40000'), finding('/logs/b/tikv.log', '40000'), finding('/logs/a/tikv.log', '7'), finding('/logs/a/tikv.log', '')];
  return {
    files: [{ path: '/logs/a/tikv.log', store: '/logs/a/tikv.log', stats: emptyStats() }],
    result: { findings, timelines, summary: { events: 0, eventsByType: {}, stores: 2, regions: n, findings: 4, byRule: {}, bySeverity: { error: 4, warning: 0, info: 0 }, retainedEvents: 0, trimmedWindows: 0 } },
    ids: {},
    ms: 0,
    firstFindingMs: null,
  };
}

const label = (store: string): string => store.replace('/logs/', '');

test('50,000 regions: regions with findings first, then by numeric id; one page at a time', () => {
  const index = new RegionIndex([bigReport(50_000)], label);
  assert.equal(index.size, 50_000);
  const page = index.query('', '', 0, 5);
  assert.equal(page.total, 50_000);
  assert.deepEqual(page.items.map((r) => `${r.regionId}:${r.findings}`), ['40000:2', '7:1', '1:0', '2:0', '3:0']);
  assert.equal(index.first()?.regionId, '40000');
  const last = index.query('', '', 49_998, 100);
  assert.deepEqual(last.items.map((r) => r.regionId), ['49999', '50000']);
});

test('search by id substring, filter by store, page through the matches', () => {
  const index = new RegionIndex([bigReport(50_000)], label);
  const q = index.query('4999', '', 0, 100);
  // 4999, 14999, 24999, 34999, 44999, 49990..49999
  assert.equal(q.total, 15);
  assert.ok(q.items.every((r) => r.regionId.includes('4999')));
  const b = index.query('', '/logs/b/tikv.log', 0, 3);
  assert.equal(b.total, 25_000);
  assert.deepEqual(b.items.map((r) => r.regionId), ['40000', '2', '4']);
  assert.equal(index.query('b/tikv', '', 0, 0).total, 25_000, 'the store name matches too');
  assert.equal(index.query('  7 ', '/logs/a/tikv.log', 0, 1).items[0].regionId, '7', 'spaces around the text are ignored');
  assert.equal(index.query('nothing', '', 0, 10).total, 0);
});

test('stores are listed once each with their labels', () => {
  const index = new RegionIndex([bigReport(10)], label);
  assert.deepEqual(index.stores(), [{ store: '/logs/a/tikv.log', label: 'a/tikv.log' }, { store: '/logs/b/tikv.log', label: 'b/tikv.log' }]);
});

test('several reports: each region keeps the report it came from', () => {
  const index = new RegionIndex([fixtureReport(), fixtureReport()], (s) => s);
  const ones = index.query('1001', '', 0, 10).items;
  assert.deepEqual(ones.map((r) => r.ref.reportIndex), [0, 1]);
  assert.deepEqual(ones.map((r) => r.state), ['pending', 'pending']);
});

test('compareRegionIds orders numbers numerically and puts other ids after them', () => {
  assert.deepEqual(['10', '9', 'x', '100', '1'].sort(compareRegionIds), ['1', '9', '10', '100', 'x']);
});
