// The reconstructed queue: issued order (inferred from causes and ObserveId allocation) vs processed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, reconstructQueue, type Queue, type Recorded } from '../../src/core/engine';
import type { DomainEvent } from '../../src/core/events';
import { EventScript } from '../fixtures/scenarios/events';

function recorded(events: readonly DomainEvent[]): Recorded[] {
  return events.map((event, seq) => ({ seq, store: '1', event }));
}

function queueOf(script: EventScript, region = '7'): Queue {
  const all = recorded(script.events);
  const events = all.filter((r) => r.event.type !== 'task' && 'regionId' in r.event && r.event.regionId === region);
  const tasks = all.filter((r) => r.event.type === 'task');
  return reconstructQueue({ events, tasks, from: 0, to: all.length });
}

const show = (q: Queue) => ({
  issued: q.issued.map((o) => `${o.op}${o.observeId ? '#' + o.observeId : ''}@${o.origin}:${o.line}`),
  processed: q.processed.map((o) => `${o.op}${o.observeId ? '#' + o.observeId : ''}:${o.line}`),
});

test('#18243: ids give the issue order; the overtaking Start is the task scan', () => {
  const s = new EventScript().reorder('7', '191299', '191374');
  assert.deepEqual(show(queueOf(s)), {
    issued: ['Stop@pre-candidate:3', 'Stop@candidate:4', 'Start#191299@leader:5', 'Start#191374@task-scan:2', 'NotifyStartObserveResult#191299@result:14'],
    processed: ['Start#191374:6', 'Stop:8', 'Stop:10', 'Start#191299:11', 'NotifyStartObserveResult#191299:14'],
  });
});

test('healthy pre-fix: Stops handled as they come, then the leader Start, then the task-scan Start', () => {
  const s = new EventScript()
    .task('register-ranges')
    .role('7', 'pre-candidate', 6)
    .op('7', 'Stop')
    .role('7', 'candidate', 7)
    .op('7', 'Stop')
    .role('7', 'leader', 7)
    .op('7', 'Start', '100')
    .op('7', 'Start', '101');
  assert.deepEqual(show(queueOf(s)), {
    issued: ['Stop@pre-candidate:2', 'Stop@candidate:4', 'Start#100@leader:6', 'Start#101@task-scan:1'],
    processed: ['Stop:3', 'Stop:5', 'Start#100:7', 'Start#101:8'],
  });
});

test('post-fix Starts carry no id: the one handled before older Stops came the direct (task-scan) way', () => {
  // Issued after the leader change (the scan only finds leaders), its cause line is the registration.
  const s = new EventScript()
    .task('register-ranges')
    .role('7', 'pre-candidate', 6)
    .role('7', 'candidate', 7)
    .role('7', 'leader', 7)
    .op('7', 'Start')
    .op('7', 'Stop')
    .op('7', 'Stop')
    .op('7', 'Start');
  assert.deepEqual(show(queueOf(s)), {
    issued: ['Stop@pre-candidate:2', 'Stop@candidate:3', 'Start@leader:4', 'Start@task-scan:1'],
    processed: ['Start:5', 'Stop:6', 'Stop:7', 'Start:8'],
  });
});

test('retries, refreshes and unexplained ops keep their place with an honest origin', () => {
  const s = new EventScript().sub('7', 'retry', '40').op('7', 'Start', '40').op('7', 'RefreshResolver').op('7', 'Stop').op('7', 'Destroy');
  assert.deepEqual(show(queueOf(s)), {
    issued: ['Start#40@retry:1', 'RefreshResolver@refresh:3', 'Stop@unknown:4', 'Destroy@destroy:5'],
    processed: ['Start#40:2', 'RefreshResolver:3', 'Stop:4', 'Destroy:5'],
  });
});

test('the analyzer finds the region of a stale error that names only the ids', () => {
  const s = new EventScript().reorder('7', '191299', '191374');
  const at = s.events.findIndex((e) => e.type === 'backup-error');
  const e = s.events[at];
  if (e.type === 'backup-error') s.events[at] = { ...e, regionId: undefined };
  const a = new Analyzer();
  a.addAll(s.events);
  assert.deepEqual(a.finish().findings.map((f) => [f.rule, f.regionId, f.location.line]), [['stale-observe-reorder', '7', 13]]);
});

test('causes carry their ObserveIds, and the stale error both of its ids, so readers need not take them out of the text', () => {
  const a = new Analyzer();
  a.addAll(new EventScript().reorder('7', '191299', '191374').events);
  const [finding] = a.finish().findings;
  const stale = finding.causes.filter((c) => c.role === 'stale-error');
  assert.deepEqual(stale.map((c) => c.stale), [{ staleId: '191299', currentId: '191374' }]);
  assert.ok(finding.causes.filter((c) => c.role !== 'stale-error').every((c) => c.stale === undefined), 'only the error carries them');
  // Each line's cause names its own id first; the error's are the rejected one, then the current one.
  assert.deepEqual(finding.causes.filter((c) => c.observeIds !== undefined).map((c) => `${c.role}:${c.observeIds?.join('+')}`),
    ['newer-start-processed-first:191374', 'listen-started:191374', 'listen-stopped:191374', 'older-start-processed-last:191299',
      'listen-started:191299', 'stale-error:191299+191374']);
});
