// The rule registry: stable unique ids, a doc for each, and metadata that matches the findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, ruleById } from '../../src/core/rules';
import { Analyzer } from '../../src/core/engine';
import { EventScript } from '../fixtures/scenarios/events';

const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');

test('rule ids are unique kebab-case and each has its doc', () => {
  const ids = RULES.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
    assert.equal(r.doc, `docs/rules/${r.id}.md`);
    const doc = join(ROOT, r.doc);
    assert.ok(existsSync(doc), `${r.doc} exists`);
    const text = readFileSync(doc, 'utf8');
    assert.ok(text.startsWith(`# ${r.id}\n`), `${r.doc} is titled by the id`);
    for (const section of ['## What happened', '## Why it matters', '## What to do']) assert.ok(text.includes(section), `${r.doc}: ${section}`);
    assert.equal(ruleById(r.id), r);
  }
  assert.deepEqual(ids, ['stale-observe-reorder', 'stale-observe-id', 'refresh-absent', 'task-init-failed', 'task-paused', 'task-registration-stuck', 'observation-lost']);
});

test("the disabledRules setting offers exactly the registry's rules", () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> } };
  };
  const offered = manifest.contributes.configuration.properties['tikvTrace.disabledRules'].items?.enum ?? [];
  assert.deepEqual([...offered].sort(), RULES.map((r) => r.id).sort());
});

test('findings carry the severity their rule declares', () => {
  const a = new Analyzer();
  a.addAll(new EventScript().reorder('7', '5', '9').sub('7', 'pending-skip').sub('7', 'pending-skip').events);
  const findings = a.finish().findings;
  assert.equal(findings.length, 2);
  for (const f of findings) assert.equal(f.severity, ruleById(f.rule)?.severity);
});

test('the stale rules share one trigger: one finding per error even when two lines carry the pair', () => {
  // The error line and the NotifyStartObserveResult both carry the stale pair; without the reorder lines
  // neither proves it, and stale-observe-id must still report once.
  const s = new EventScript()
    .staleError('7', '5', '9')
    .op('7', 'NotifyStartObserveResult', '5', { result: 'error', stale: { staleId: '5', currentId: '9' } });
  const a = new Analyzer();
  a.addAll(s.events);
  assert.deepEqual(a.finish().findings.map((f) => [f.rule, f.location.line]), [['stale-observe-id', 1]]);
});

test('ids that do not invert (current <= stale, e.g. after a TiKV restart) are never called a reorder', () => {
  const s = new EventScript().op('7', 'Start', '9').sub('7', 'start-listen', '9').sub('7', 'stop-listen', '9').op('7', 'Start', '12').staleError('7', '12', '9');
  const a = new Analyzer();
  a.addAll(s.events);
  assert.deepEqual(a.finish().findings.map((f) => f.rule), ['stale-observe-id']);
});

test('a rule that names its event types sees only those; one that names none sees every event', () => {
  const seen: Record<string, string[]> = { picky: [], all: [] };
  const rule = (id: 'picky' | 'all', eventTypes?: ('observe-op' | 'backup-error')[]) => ({
    id, severity: 'info' as const, title: id, doc: '', ...(eventTypes ? { eventTypes } : {}),
    onEvent: (ctx: { rec: { event: { type: string } } }) => { seen[id].push(ctx.rec.event.type); return undefined; },
  });
  const a = new Analyzer({ rules: [rule('picky', ['observe-op', 'backup-error']), rule('all')] });
  a.addAll(new EventScript().role('1', 'leader', 2).op('1', 'Start', '5').sub('1', 'start-listen', '5').staleError('1', '4', '5').events);
  assert.deepEqual(seen.picky, ['observe-op', 'backup-error']);
  assert.deepEqual(seen.all, ['role-change', 'observe-op', 'subscription', 'backup-error']);
});
