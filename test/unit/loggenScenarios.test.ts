// Each scenario writes the reference's exact messages, in the right order, at the line numbers its
// metadata reports; and it breaks the healthy invariants for its own region only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateToString, type ScenarioReport } from '../../tools/loggen/generate';
import type { GenOptions, ScenarioSpec } from '../../tools/loggen/options';
import { observeText, parseStrict, type Entry } from '../../tools/loggen/verify';
import { parseScenario } from '../../tools/loggen/cli';

interface Run {
  lines: string[];
  meta: ScenarioReport;
  at(event: string): Entry;
  field(event: string, key: string): string | undefined;
}

function run(specs: ScenarioSpec[], extra: Partial<GenOptions> = {}, which = 0): Run & { text: string } {
  const { text, result } = generateToString({ seed: 1, sizeBytes: 700_000, meanStepMs: 20, ...extra, scenarios: specs });
  const lines = text.split('\n');
  const meta = result.scenarios[which];
  assert.ok(meta.started, `${meta.name} started`);
  const at = (event: string): Entry => {
    const n = meta.events[event];
    assert.ok(n !== undefined, `event ${event} recorded`);
    return parseStrict(lines[n - 1]);
  };
  const field = (event: string, key: string): string | undefined => at(event).fields.find((f) => f[0] === key)?.[1];
  return { text, lines, meta, at, field };
}

function inOrder(meta: ScenarioReport, keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    assert.ok(meta.events[keys[i - 1]] < meta.events[keys[i]], `${keys[i - 1]} (${meta.events[keys[i - 1]]}) before ${keys[i]} (${meta.events[keys[i]]})`);
  }
}

// Background lines (compaction, slow queries, snapshots) may name any region; these are the lines about
// its role and its log-backup observation.
const SIGNAL = /^(starting a new election|became \S+ at term \d+|backup stream.*|(start|stop) listen stream from store|initial scanning finished!|Inactivating subscription\.|pending region, skip resolving|failed to start observe, would retry|retry observe region|stale start observe command\.)$/;

/** Every signal entry that names the region, by any of the ways TiKV prints it. */
function mentions(lines: string[], region: number): { n: number; e: Entry }[] {
  const out: { n: number; e: Entry }[] = [];
  lines.forEach((l, i) => {
    if (!l.startsWith('[') || !l.includes(String(region))) return;
    const e = parseStrict(l);
    if (!SIGNAL.test(e.message)) return;
    const hit = e.fields.some(([k, v]) => ((k === 'region_id' || k === 'r.id' || k === 'region') && v === String(region)) || v.includes(`id: ${region},`) || v.startsWith(`id: ${region} `));
    if (hit) out.push({ n: i + 1, e });
  });
  return out;
}

const STALE_ERR = 'failed to get initial snapshot: failed to get the snapshot (region_id = 319305): Error during requesting raftstore: ' +
  'message: "stale observe id ObserveId(191299), current id: ObserveId(191374)" stale_command {}';
const STALE_VERBOSE = 'Contextual { context: "failed to get initial snapshot: failed to get the snapshot (region_id = 319305)", ' +
  'inner_error: RaftRequest(message: "stale observe id ObserveId(191299), current id: ObserveId(191374)" stale_command {}) }';

test('stale-reorder writes the #18243 pre-fix sequence exactly, in order', () => {
  const r = run([{ name: 'stale-reorder', at: { fraction: 0.3 } }]);
  const { meta, at, field } = r;
  assert.equal(meta.region, 319305);
  assert.deepEqual(meta.ids, { leaderStart: 191299, scanStart: 191374 });
  inOrder(meta, ['registerTask', 'registerRanges', 'preCandidate', 'candidate', 'leader', 'scanStart', 'scanListen', 'scanInitialScan',
    'stop1', 'stopListen', 'stop2', 'leaderStart', 'leaderListen', 'staleError', 'notifyError', 'inactivating', 'firstPending', 'lastPending']);
  assert.equal(at('registerTask').message, 'register backup stream task');
  assert.equal(at('registerRanges').message, 'register backup stream ranges');
  for (const [ev, msg] of [['preCandidate', 'became pre-candidate at term 8'], ['candidate', 'became candidate at term 9'], ['leader', 'became leader at term 9']]) {
    const e = at(ev);
    assert.equal(e.message, msg);
    assert.deepEqual(e.fields.map((f) => f[0]), ['term', 'raft_id', 'region_id', 'thread_id']);
    assert.equal(field(ev, 'raft_id'), '319306');
    assert.equal(field(ev, 'region_id'), '319305');
  }
  const region = /^Region \{ id: 319305, ver: 82, conf_ver: 5, range: \[7480[0-9A-F]+,7480[0-9A-F]+\), peers: 1,\d,\d \}$/;
  const op = (ev: string, re: RegExp): RegExpExecArray => {
    assert.equal(at(ev).message, 'backup stream: on_modify_observe');
    const m = re.exec(field(ev, 'op') ?? '');
    assert.ok(m, `${ev}: ${field(ev, 'op')}`);
    assert.match(m[1], region);
    return m;
  };
  op('scanStart', /^Start \{ region: (Region \{.*\}), handle: ObserveHandle \{ id: ObserveId\(191374\), observing: true \} \}$/);
  assert.equal(at('scanListen').message, 'start listen stream from store');
  assert.deepEqual(at('scanListen').fields.map((f) => f[0]), ['r.id', 'r.ver', 'r.conf_ver', 'r.range', 'r.peers', 'observer', 'thread_id']);
  assert.equal(field('scanListen', 'observer'), 'ObserveHandle { id: ObserveId(191374), observing: true }');
  assert.equal(at('scanInitialScan').message, 'initial scanning finished!');
  assert.equal(field('scanInitialScan', 'r.id'), '319305');
  op('stop1', /^Stop \{ region: (Region \{.*\}) \}$/);
  assert.equal(at('stopListen').message, 'stop listen stream from store');
  assert.equal(field('stopListen', 'region_id'), '319305');
  assert.equal(field('stopListen', 'observer'), 'RegionSubscription(319305, ObserveHandle { id: ObserveId(191374), observing: false })');
  op('stop2', /^Stop \{ region: (Region \{.*\}) \}$/);
  op('leaderStart', /^Start \{ region: (Region \{.*\}), handle: ObserveHandle \{ id: ObserveId\(191299\), observing: true \} \}$/);
  assert.equal(field('leaderListen', 'observer'), 'ObserveHandle { id: ObserveId(191299), observing: true }');
  const err = at('staleError');
  assert.equal(err.level, 'WARN');
  assert.equal(err.message, 'backup stream meet error');
  assert.deepEqual(err.fields.map((f) => f[0]), ['position', 'verbose_err', 'err', 'context', 'thread_id']);
  assert.match(field('staleError', 'position') ?? '', /^Location \{ file: "components\/backup-stream\/src\/event_loader\.rs", line: \d+, col: \d+ \}$/);
  assert.equal(field('staleError', 'verbose_err'), STALE_VERBOSE);
  assert.equal(field('staleError', 'err'), STALE_ERR);
  assert.match(field('staleError', 'context') ?? '', /^during getting initial snapshot for region id: 319305 start_key: 7480[0-9A-F]+ end_key: 7480[0-9A-F]+ region_epoch \{ conf_ver: 5 version: 82 \}( peers \{ id: \d+ store_id: \d \}){3}; can retry = false$/);
  const notify = op('notifyError', /^NotifyStartObserveResult \{ region: (Region \{.*?\}), handle: ObserveHandle \{ id: ObserveId\(191299\), observing: true \}, err: Some\((.*)\) \}$/);
  assert.equal(notify[2], STALE_VERBOSE);
  assert.equal(at('inactivating').message, 'Inactivating subscription.');
  assert.equal(field('inactivating', 'observer'), 'RegionSubscription(319305, ObserveHandle { id: ObserveId(191299), observing: false })');

  // After the loss: only `pending region, skip resolving` for the region, every round, to the end.
  const after = mentions(r.lines, 319305).filter((m) => m.n > meta.events.inactivating);
  assert.ok(after.length >= 3);
  assert.ok(after.every((m) => m.e.message === 'pending region, skip resolving' && m.e.level === 'WARN'), 'nothing but pending lines');
  assert.equal(after.length, meta.counts.pending);
  assert.equal(after[0].n, meta.events.firstPending);
  assert.equal(after[after.length - 1].n, meta.events.lastPending);
  const ms = (t: string): number => Date.parse(t.slice(0, 23).replace(/\//g, '-').replace(' ', 'T') + 'Z');
  const times = after.map((m) => ms(m.e.time));
  for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] <= 6000, 'a round every ~5 s');
  const lastEntry = [...r.lines].reverse().find((l) => l.startsWith('['));
  assert.ok(lastEntry && ms(parseStrict(lastEntry).time) - times[times.length - 1] <= 6000, 'until the end of the file');

  const o = observeText(r.text);
  assert.deepEqual(o.decreasingIds, [319305]);
  assert.deepEqual(o.neverRestarted, [319305]);
  assert.equal(o.staleObserveErrors, 1);
  assert.equal(o.nonRetryableErrors, 1);
  assert.equal(o.stopMismatches, 0);
  assert.match(r.text, /\["Release Version: {3}8\.1\.1"\]/);
});

test('stale-reorder takes its region and ids from params, and starts at its position', () => {
  const size = 700_000;
  const r = run([{ name: 'stale-reorder', at: { fraction: 0.5 }, params: { region: 7001, leaderId: 500, scanId: 520, term: 30 } }], { sizeBytes: size });
  assert.equal(r.field('preCandidate', 'region_id'), '7001');
  assert.equal(r.field('preCandidate', 'raft_id'), '7002');
  assert.equal(r.at('preCandidate').message, 'became pre-candidate at term 30');
  assert.equal(r.field('staleError', 'err'), 'failed to get initial snapshot: failed to get the snapshot (region_id = 7001): Error during requesting raftstore: ' +
    'message: "stale observe id ObserveId(500), current id: ObserveId(520)" stale_command {}');
  const offset = Buffer.byteLength(r.lines.slice(0, r.meta.events.registerTask - 1).join('\n'));
  assert.ok(offset >= 0.5 * size && offset < 0.6 * size, `registered at byte ${offset}`);
});

test('post-fix: the same race on a fixed TiKV keeps ids increasing and raises no error', () => {
  const r = run([{ name: 'post-fix', at: { fraction: 0.3 } }]);
  const { meta, field } = r;
  inOrder(meta, ['registerTask', 'preCandidate', 'candidate', 'leader', 'scanStart', 'scanListen', 'scanInitialScan', 'stop1', 'stopListen', 'stop2',
    'leaderStart', 'leaderListen', 'leaderInitialScan', 'leaderResult']);
  assert.match(field('scanStart', 'op') ?? '', /^Start \{ region: Region \{ id: 319305, [^}]* \} \}$/);
  assert.match(field('leaderStart', 'op') ?? '', /^Start \{ region: Region \{ id: 319305, [^}]* \} \}$/);
  assert.ok(meta.ids.leaderStart > meta.ids.scanStart);
  assert.equal(field('scanListen', 'observer'), `ObserveHandle { id: ObserveId(${meta.ids.scanStart}), observing: true }`);
  assert.equal(field('stopListen', 'observer'), `RegionSubscription(319305, ObserveHandle { id: ObserveId(${meta.ids.scanStart}), observing: false })`);
  assert.equal(field('leaderListen', 'observer'), `ObserveHandle { id: ObserveId(${meta.ids.leaderStart}), observing: true }`);
  assert.match(field('leaderResult', 'op') ?? '', /^NotifyStartObserveResult \{ region: Region \{ id: 319305, .*, err: None \}$/);
  assert.doesNotMatch(r.text, /op="Start \{ region: Region \{[^}]*\}, handle:/, 'no Start carries a handle after the fix');
  assert.match(r.text, /op="Start \{ region: Region \{[^}]*\} \}"/);
  assert.deepEqual(observeText(r.text), {
    decreasingIds: [], globalBackSteps: 0, stopMismatches: 0, neverRestarted: [], staleObserveErrors: 0,
    nonRetryableErrors: 0, opsBeforeTask: 0, refreshedNeverStarted: [],
  });
  assert.match(r.text, /\["Release Version: {3}8\.5\.4"\]/);
});

test('healthy-election: an election with no task registered has no Stop/Start at all', () => {
  const r = run([{ name: 'healthy-election', at: { fraction: 0.1 } }], { task: { fraction: 0.6 } });
  const { meta } = r;
  inOrder(meta, ['election', 'preCandidate', 'candidate', 'leader', 'stepDown']);
  assert.match(r.at('preCandidate').message, /^became pre-candidate at term \d+$/);
  assert.match(r.at('stepDown').message, /^became follower at term \d+$/);
  assert.equal(r.field('stepDown', 'from_role'), 'Leader');
  const during = mentions(r.lines, meta.region).filter((m) => m.n >= meta.events.election && m.n <= meta.events.stepDown);
  assert.equal(during.length, 5, 'starting, pre-candidate, candidate, leader, follower');
  for (const m of during) assert.match(m.e.source, /^raft\.rs:/, `${m.n}: ${m.e.message}`);
  assert.doesNotMatch(r.lines.slice(0, meta.events.stepDown).join('\n'), /on_modify_observe|listen stream/);
  assert.throws(() => generateToString({ seed: 1, sizeBytes: 100_000, task: { fraction: 0.2 }, scenarios: [{ name: 'healthy-election', at: { fraction: 0.5 } }] }), /before the task registration/);
});

test('refresh-absent: a stale start leaves no record and the refresh finds nothing (current and void)', () => {
  const cur = run([{ name: 'refresh-absent', at: { fraction: 0.5 } }], { task: { fraction: 0.2 } });
  inOrder(cur.meta, ['leader', 'askSplit', 'split', 'start', 'staleStart', 'refresh']);
  assert.equal(cur.at('split').message, 'split region');
  assert.equal(cur.at('staleStart').message, 'stale start observe command.');
  assert.equal(cur.at('refresh').message, 'backup stream observer refreshing pending / absent subscription.');
  assert.equal(cur.field('refresh', 'r.id'), String(cur.meta.region));
  assert.deepEqual(observeText(cur.text).refreshedNeverStarted, [cur.meta.region]);
  assert.ok(!mentions(cur.lines, cur.meta.region).some((m) => m.n > cur.meta.events.refresh && m.e.message === 'start listen stream from store'));

  const old = run([{ name: 'refresh-absent', variant: 'void', at: { fraction: 0.5 } }], { task: { fraction: 0.2 } });
  inOrder(old.meta, ['leader', 'split', 'start', 'failedStart', 'refresh']);
  assert.equal(old.at('failedStart').message, 'failed to start observe, would retry');
  assert.equal(old.at('refresh').message, 'backup stream observer refreshing void subscription.');
  assert.deepEqual(old.at('refresh').fields.map((f) => f[0]), ['new_region', 'thread_id']);
  assert.match(old.field('refresh', 'new_region') ?? '', new RegExp(`^id: ${old.meta.region} start_key: [0-9A-F]+ end_key: [0-9A-F]+ region_epoch \\{ conf_ver: \\d+ version: \\d+ \\}`));
  assert.deepEqual(observeText(old.text).refreshedNeverStarted, [old.meta.region]);
});

test('task-init-failed: the task never loads, so nothing is ever observed', () => {
  const r = run([{ name: 'task-init-failed', at: { fraction: 0.3 } }]);
  inOrder(r.meta, ['registerTask', 'meetError']);
  assert.equal(r.at('meetError').message, 'backup stream meet error');
  assert.equal(r.field('meetError', 'context'), 'failed to register backup stream task pitr to router: ranges not found');
  assert.match(r.field('meetError', 'verbose_err') ?? '', /^Etcd\(/);
  assert.doesNotMatch(r.text, /on_modify_observe|listen stream from store|register backup stream ranges/);
});

test('observation-lost: a non-retryable start failure leaves the region Pending forever (both variants)', () => {
  for (const [variant, errRe] of [['not-leader', /not_leader \{ region_id: (\d+) \}/], ['epoch-not-match', /epoch_not_match \{ current_regions \{ id: (\d+) /]] as const) {
    const r = run([{ name: 'observation-lost', variant, at: { fraction: 0.4 } }], { task: { fraction: 0.1 } });
    inOrder(r.meta, ['preCandidate', 'candidate', 'leader', 'start', 'startListen', 'meetError', 'notifyError', 'inactivating', 'firstPending', 'lastPending']);
    const m = errRe.exec(r.field('meetError', 'err') ?? '');
    assert.equal(m?.[1], String(r.meta.region));
    assert.match(r.field('meetError', 'context') ?? '', /; can retry = false$/);
    assert.equal(r.field('inactivating', 'observer'), `RegionSubscription(${r.meta.region}, ObserveHandle { id: ObserveId(${r.meta.ids.start}), observing: false })`);
    const after = mentions(r.lines, r.meta.region).filter((x) => x.n > r.meta.events.inactivating);
    assert.ok(after.length >= 3 && after.every((x) => x.e.message === 'pending region, skip resolving'));
    assert.deepEqual(observeText(r.text).neverRestarted, [r.meta.region]);
  }
});

test('follower-election: the voter side of an election won elsewhere', () => {
  const r = run([{ name: 'follower-election', at: { fraction: 0.2 } }], { store: 2 });
  inOrder(r.meta, ['preVoteRequest', 'voteRequest', 'follower']);
  assert.equal(r.at('preVoteRequest').message, `received a message with higher term from ${r.meta.region + 1}`);
  assert.equal(r.field('preVoteRequest', 'msg type'), 'MsgRequestPreVote');
  assert.equal(r.at('follower').message, 'became follower at term 9');
  assert.equal(r.field('follower', 'from_role'), 'Follower');
  assert.equal(r.field('follower', 'raft_id'), String(r.meta.peer));
});

test('invalid combinations are refused with a reason', () => {
  const gen = (scenarios: ScenarioSpec[], extra: Partial<GenOptions> = {}): unknown => generateToString({ seed: 1, sizeBytes: 50_000, ...extra, scenarios });
  assert.throws(() => gen([{ name: 'stale-reorder' }, { name: 'post-fix' }]), /only one of/);
  assert.throws(() => gen([{ name: 'stale-reorder' }], { version: 'post-fix' }), /pre-fix/);
  assert.throws(() => gen([{ name: 'observation-lost' }], { task: null }), /needs a registered log-backup task/);
  assert.throws(() => gen([{ name: 'observation-lost' }, { name: 'task-init-failed' }]), /needs a registered log-backup task/);
});

test('the CLI reads scenario specs', () => {
  assert.deepEqual(parseScenario('stale-reorder@30%'), { name: 'stale-reorder', variant: undefined, at: { fraction: 0.3 } });
  assert.deepEqual(parseScenario('observation-lost:epoch-not-match@0.5'), { name: 'observation-lost', variant: 'epoch-not-match', at: { fraction: 0.5 } });
  assert.deepEqual(parseScenario('post-fix'), { name: 'post-fix', variant: undefined, at: undefined });
  assert.throws(() => parseScenario('nope'));
  assert.throws(() => parseScenario('post-fix@150%'));
});
