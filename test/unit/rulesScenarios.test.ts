// Every rule on hand-written scenarios (test/fixtures/scenarios), in text and JSON formats: it fires
// with the right chain and queue on its positive and stays silent on the negatives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, type Finding, type StoreView } from '../../src/core/engine';
import { MAX_OPEN_REGISTRATIONS } from '../../src/core/engine/storeState';
import { DEFAULT_REGISTRATION_STUCK_MS, taskRegistrationStuckAfter } from '../../src/core/rules';
import { EventScript } from '../fixtures/scenarios/events';
import { jsonTwin, runScenario } from '../fixtures/scenarios/run';

type Loc = readonly [file: number, line: number];

interface Expected {
  readonly rule: string;
  readonly regionId: string;
  readonly location: Loc;
  /** [file, line, role] in chain order. */
  readonly causes: readonly (readonly [number, number, string])[];
  readonly related?: readonly [string, number, number];
  readonly queue?: {
    readonly issued: readonly string[];
    readonly processed: readonly string[];
  };
}

interface Scenario {
  readonly name: string;
  readonly files: readonly string[];
  readonly sameStore?: boolean;
  /** Formats to run; the JSON twin is `x.json.log`. */
  readonly formats?: readonly ('text' | 'json')[];
  readonly expect: readonly Expected[];
}

const REORDER_CHAIN: Expected['causes'] = [
  [0, 3, 'task-registered'],
  [0, 4, 'ranges-registered'],
  [0, 5, 'election'],
  [0, 6, 'pre-candidate'],
  [0, 9, 'candidate'],
  [0, 12, 'leader'],
  [0, 13, 'newer-start-processed-first'],
  [0, 14, 'listen-started'],
  [0, 17, 'stop-processed'],
  [0, 18, 'listen-stopped'],
  [0, 19, 'stop-processed'],
  [0, 20, 'older-start-processed-last'],
  [0, 21, 'listen-started'],
  [0, 22, 'stale-error'],
];

/** `op[#id]@origin@file:line` for issued, `op[#id]@file:line` for processed. */
const REORDER_QUEUE = {
  issued: ['Stop@pre-candidate@0:6', 'Stop@candidate@0:9', 'Start#191299@leader@0:12', 'Start#191374@task-scan@0:4'],
  processed: ['Start#191374@0:13', 'Stop@0:17', 'Stop@0:19', 'Start#191299@0:20'],
};

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'tikv/tikv#18243: newer task-scan Start overtakes the queued leader Start',
    files: ['reorder-18243.log'],
    expect: [
      { rule: 'stale-observe-reorder', regionId: '1234', location: [0, 22], causes: REORDER_CHAIN, queue: REORDER_QUEUE },
      {
        rule: 'observation-lost',
        regionId: '1234',
        location: [0, 24],
        causes: [[0, 22, 'root-cause'], [0, 23, 'start-result-error'], [0, 24, 'inactivated'], [0, 29, 'pending-first'], [0, 33, 'pending-last']],
        related: ['stale-observe-reorder', 0, 22],
      },
    ],
  },
  {
    name: 'the same sequence across a rotated log (two files of one store)',
    files: ['reorder-18243.rotated-1.log', 'reorder-18243.rotated-2.log'],
    sameStore: true,
    expect: [
      {
        rule: 'stale-observe-reorder',
        regionId: '1234',
        location: [1, 1],
        // the second file starts at the stale error (line 22 of the whole log)
        causes: REORDER_CHAIN.map(([f, l, r]): readonly [number, number, string] => (l >= 22 ? [1, l - 21, r] : [f, l, r])),
        queue: REORDER_QUEUE,
      },
      {
        rule: 'observation-lost',
        regionId: '1234',
        location: [1, 3],
        causes: [[1, 1, 'root-cause'], [1, 2, 'start-result-error'], [1, 3, 'inactivated'], [1, 8, 'pending-first'], [1, 12, 'pending-last']],
        related: ['stale-observe-reorder', 1, 1],
      },
    ],
  },
  {
    name: 'stale error whose Starts are not in the log: only stale-observe-id, and no loss once it restarts',
    files: ['stale-id-unproven.log'],
    expect: [{ rule: 'stale-observe-id', regionId: '1234', location: [0, 1], causes: [[0, 1, 'stale-error']] }],
  },
  {
    name: 'start rejected (not retryable) and never retried: observation-lost on its own',
    files: ['pending-lost.log'],
    expect: [
      {
        rule: 'observation-lost',
        regionId: '501',
        location: [0, 6],
        causes: [[0, 5, 'start-result-error'], [0, 6, 'inactivated'], [0, 7, 'pending-first'], [0, 10, 'pending-last']],
      },
    ],
  },
  {
    name: 'tikv/tikv#16469: refresh after a split finds the stale-start region and nothing restarts it',
    files: ['refresh-absent-16469.log'],
    expect: [
      {
        rule: 'refresh-absent',
        regionId: '700',
        location: [0, 6],
        causes: [[0, 1, 'leader'], [0, 3, 'stale-start'], [0, 5, 'refresh-processed'], [0, 6, 'refresh-absent']],
      },
    ],
  },
  {
    name: 'tikv/tikv#14184 (v6.5 JSON): PD lost, start fails, the split refresh finds a void subscription',
    files: ['refresh-void-14184.json.log'],
    formats: ['text'],
    expect: [
      {
        rule: 'refresh-absent',
        regionId: '400',
        location: [0, 6],
        causes: [[0, 1, 'leader'], [0, 3, 'start-failed'], [0, 4, 'start-failed'], [0, 6, 'refresh-absent']],
      },
    ],
  },
  {
    name: 'initial scan fails (retryable), the retry gives up ("give up retry retion."): observation-lost names the give-up',
    files: ['pending-lost-gave-up.log'],
    expect: [
      {
        rule: 'observation-lost',
        regionId: '520',
        location: [0, 6],
        causes: [[0, 5, 'start-result-error'], [0, 6, 'inactivated'], [0, 7, 'retry'], [0, 8, 'retry-given-up'], [0, 9, 'pending-first'], [0, 12, 'pending-last']],
      },
    ],
  },
  {
    name: 'start fails before it registers (no "Inactivating" line) and the retry gives up: the failure, not "already pending"',
    files: ['start-failed-gave-up.log'],
    expect: [
      {
        rule: 'observation-lost',
        regionId: '540',
        location: [0, 3],
        causes: [[0, 3, 'start-failed'], [0, 4, 'start-result-error'], [0, 6, 'retry'], [0, 7, 'retry-given-up'], [0, 8, 'pending-first'], [0, 10, 'pending-last']],
      },
    ],
  },
  {
    name: 'a split refresh re-registers the region, "failed to refresh region: will retry." and the retry gives up',
    files: ['refresh-failed-gave-up.log'],
    expect: [
      {
        rule: 'observation-lost',
        regionId: '610',
        location: [0, 8],
        causes: [[0, 6, 'refresh-processed'], [0, 8, 'refresh-failed'], [0, 9, 'start-result-error'], [0, 10, 'retry'], [0, 11, 'retry-given-up'], [0, 12, 'pending-first'], [0, 14, 'pending-last']],
      },
    ],
  },
  {
    name: 'tikv/tikv#16469 variant: the refresh finds the region pending, its restart fails and the retry gives up',
    files: ['refresh-absent-refresh-failed.log'],
    expect: [
      {
        rule: 'refresh-absent',
        regionId: '720',
        location: [0, 6],
        causes: [[0, 1, 'leader'], [0, 3, 'stale-start'], [0, 5, 'refresh-processed'], [0, 6, 'refresh-absent'], [0, 8, 'refresh-failed'], [0, 11, 'retry-given-up']],
      },
      {
        rule: 'observation-lost',
        regionId: '720',
        location: [0, 8],
        causes: [[0, 6, 'root-cause'], [0, 5, 'refresh-processed'], [0, 8, 'refresh-failed'], [0, 9, 'start-result-error'], [0, 10, 'retry'], [0, 11, 'retry-given-up'], [0, 13, 'pending-first'], [0, 14, 'pending-last']],
        related: ['refresh-absent', 0, 6],
      },
    ],
  },
  {
    name: 'a repeated Start replaced the running newer id ("excepted state transform: running -> running"): the current id is seen',
    files: ['stale-id-replaced.log'],
    expect: [
      {
        rule: 'stale-observe-id',
        regionId: '1234',
        location: [0, 6],
        causes: [[0, 1, 'stale-id-seen'], [0, 2, 'current-id-seen'], [0, 3, 'stale-id-seen'], [0, 4, 'current-id-seen'], [0, 6, 'stale-error']],
      },
      {
        rule: 'observation-lost',
        regionId: '1234',
        location: [0, 8],
        causes: [[0, 6, 'root-cause'], [0, 7, 'start-result-error'], [0, 8, 'inactivated'], [0, 9, 'pending-first'], [0, 11, 'pending-last']],
        related: ['stale-observe-id', 0, 6],
      },
    ],
  },
  {
    name: 'tikv/tikv#16056: the task fails to register on the store and is not registered again',
    files: ['task-init-failed-16056.log'],
    expect: [{ rule: 'task-init-failed', regionId: '', location: [0, 3], causes: [[0, 2, 'task-registered'], [0, 3, 'task-init-error']] }],
  },
  {
    name: 'pingcap/tidb#50575: the task fails to register because log-backup.temp-path is not writable',
    files: ['task-init-failed-50575.log'],
    expect: [{ rule: 'task-init-failed', regionId: '', location: [0, 3], causes: [[0, 2, 'task-registered'], [0, 3, 'task-init-error']] }],
  },
  {
    name: 'tikv/tikv#15602: a flush fails with "No such file or directory" and the task is paused',
    files: ['task-paused-io-15602.log'],
    expect: [{ rule: 'task-paused', regionId: '', location: [0, 6], causes: [[0, 1, 'task-registered'], [0, 6, 'fatal-error'], [0, 7, 'task-paused']] }],
  },
  {
    name: 'tikv/tikv#16554: the initial snapshot fails during a merge until retries run out, and the task is paused',
    files: ['task-paused-16554.log'],
    expect: [{ rule: 'task-paused', regionId: '', location: [0, 15], causes: [[0, 2, 'task-registered'], [0, 15, 'fatal-error'], [0, 16, 'task-paused']] }],
  },
  {
    name: 'a flush that keeps failing becomes fatal (older TiKV: no pause line, the fatal error repeated)',
    files: ['task-paused-flush.log'],
    expect: [{ rule: 'task-paused', regionId: '', location: [0, 8], causes: [[0, 1, 'task-registered'], [0, 8, 'fatal-error']] }],
  },
  {
    name: 'tikv/tikv#19615: registering the ranges never finishes while the log goes on',
    files: ['task-registration-stuck-19615.log'],
    expect: [{ rule: 'task-registration-stuck', regionId: '', location: [0, 3], causes: [[0, 2, 'task-registered'], [0, 3, 'ranges-registered']] }],
  },
  { name: 'negative: a slow registration that finishes', files: ['task-registration-finished.log'], expect: [] },
  { name: 'negative: the log ends less than 60 s after the registration', files: ['task-registration-log-ends.log'], expect: [] },
  { name: 'negative: pre-fix, Starts processed in id order', files: ['healthy-prefix.log'], expect: [] },
  { name: 'negative: post-fix (tikv/tikv#18290) ordering, ids allocated as processed', files: ['healthy-postfix.log'], expect: [] },
  { name: 'negative: elections without any log-backup task', files: ['elections-no-task.log'], expect: [] },
  { name: 'negative: a failed start that is retried and recovers', files: ['pending-recovered.log'], expect: [] },
  { name: 'negative: refresh finds nothing but a later start observes the region', files: ['refresh-then-start.log'], expect: [] },
  { name: 'negative: the retry gives up, then the leader moves away and the Stop removes the pending region', files: ['gave-up-then-stopped.log'], expect: [] },
  { name: 'negative: task registration fails, then the task is registered again', files: ['task-init-retried.log'], expect: [] },
  { name: 'negative: the task is paused by a fatal error, then resumed (registered again)', files: ['task-paused-resumed.log'], expect: [] },
];

function queueText(f: Finding): { issued: string[]; processed: string[] } | undefined {
  if (f.queue === undefined) return undefined;
  const id = (o: { observeId?: string }) => (o.observeId ? `#${o.observeId}` : '');
  return {
    issued: f.queue.issued.map((o) => `${o.op}${id(o)}@${o.origin}@${o.file}:${o.line}`),
    processed: f.queue.processed.map((o) => `${o.op}${id(o)}@${o.file}:${o.line}`),
  };
}

for (const s of SCENARIOS) {
  for (const format of s.formats ?? ['text', 'json']) {
    test(`${s.name} [${format}]`, () => {
      const files = format === 'json' ? s.files.map(jsonTwin) : s.files;
      const { result } = runScenario(files, s.sameStore ? { storeOf: () => 'tikv-1' } : {});
      assert.deepEqual(
        result.findings.map((f) => `${f.rule}:${f.regionId}`),
        s.expect.map((e) => `${e.rule}:${e.regionId}`),
      );
      s.expect.forEach((e, i) => {
        const f = result.findings[i];
        assert.deepEqual([f.location.file, f.location.line], e.location, `${e.rule} location`);
        assert.deepEqual(f.causes.map((c) => [c.file, c.line, c.role]), e.causes, `${e.rule} chain`);
        assert.deepEqual(f.related && [f.related.rule, f.related.location.file, f.related.location.line], e.related, `${e.rule} related`);
        if (e.queue !== undefined) assert.deepEqual(queueText(f), e.queue, `${e.rule} queue`);
        assert.ok(f.message.length > 0 && !f.message.includes('\n'), 'one-sentence message');
        assert.match(f.explanation, /What happened: .+\nWhy it matters: .+\nWhat to do: .+/);
        for (const c of f.causes) assert.ok(c.message.length > 0, 'every link says what the line shows');
      });
    });
  }
}

test('the reorder finding is reported at its stale error line, observation-lost only at finish', () => {
  const { reportedAt } = runScenario(['reorder-18243.log']);
  assert.deepEqual(
    reportedAt.map((r) => [r.finding.rule, r.during]),
    [
      ['stale-observe-reorder', '0:22'],
      ['observation-lost', 'finish'],
    ],
  );
});

test('rotated files are one store only when the caller says so: apart, the reorder cannot be proven', () => {
  const { result } = runScenario(['reorder-18243.rotated-1.log', 'reorder-18243.rotated-2.log']);
  assert.deepEqual(
    result.findings.map((f) => [f.rule, f.store, f.location.file, f.location.line]),
    [
      ['stale-observe-id', '1', 1, 1],
      ['observation-lost', '1', 1, 3],
    ],
  );
});

test('a region with the same id on two stores keeps two timelines', () => {
  const { result } = runScenario(['reorder-18243.log', 'healthy-postfix.log']);
  const stores = result.timelines.filter((t) => t.regionId === '1234').map((t) => [t.store, t.state]);
  assert.deepEqual(stores, [
    ['0', 'pending'],
    ['1', 'running'],
  ]);
  assert.deepEqual(result.findings.map((f) => f.store), ['0', '0']);
});

test('summary counts findings by rule and severity', () => {
  const { result } = runScenario(['reorder-18243.log', 'task-init-failed-16056.log', 'refresh-absent-16469.log']);
  assert.deepEqual(result.summary.byRule, { 'stale-observe-reorder': 1, 'observation-lost': 1, 'task-init-failed': 1, 'refresh-absent': 1 });
  assert.deepEqual(result.summary.bySeverity, { error: 3, warning: 1, info: 0 });
  assert.equal(result.summary.stores, 3);
  assert.equal(result.summary.findings, 4);
});

test('task-paused names tikv/tikv#16554 and the region only for its signature, otherwise the first sentence of err', () => {
  const [merge] = runScenario(['task-paused-16554.log']).result.findings;
  assert.match(merge.message, /^Log-backup task pitr was paused .*region 2042.*\(tikv\/tikv#16554\)\.$/);
  assert.match(merge.explanation, /br log resume --task-name=pitr/);
  const [flush] = runScenario(['task-paused-flush.log']).result.findings;
  assert.equal(flush.message, 'Log-backup task pitr-s3 was paused on this store by a fatal error ("I/O Error: failed to put object: AccessDenied: Access Denied.") and was not resumed.');
  assert.doesNotMatch(flush.message + flush.explanation, /16554/);
});

test('task-paused: repeated fatal errors cannot push the registration out of the store ring', () => {
  const s = new EventScript().task('register-task').task('register-ranges');
  for (let i = 0; i < 500; i++) s.fatalError('Other Error: everything is alright');
  const a = new Analyzer();
  a.addAll(s.events);
  const findings = a.finish().findings;
  assert.deepEqual(findings.map((f) => [f.rule, f.location.line, f.causes.map((c) => [c.line, c.role])]), [
    ['task-paused', 3, [[1, 'task-registered'], [3, 'fatal-error']]],
  ]);
});

test('task-paused: a pause line whose fatal error is not in the log still counts; a later registration of another task does not heal it', () => {
  const s = new EventScript().task('register-task', 'a').task('paused', 'a').task('register-task', 'b').task('register-ranges', 'b');
  const a = new Analyzer();
  a.addAll(s.events);
  const [f, ...rest] = a.finish().findings;
  assert.equal(rest.length, 0);
  assert.deepEqual([f.rule, f.location.line, f.causes.map((c) => [c.line, c.role])], ['task-paused', 2, [[1, 'task-registered'], [2, 'task-paused']]]);
  assert.match(f.message, /^Log-backup task a was paused .* not in the log/);
});

test('task-init-failed names the cause from the error fields: permission denied (pingcap/tidb#50575) vs etcd (tikv/tikv#16056)', () => {
  const [denied] = runScenario(['task-init-failed-50575.log']).result.findings;
  assert.match(denied.explanation, /What happened: .*permission denied \(os error 13\)/);
  assert.match(denied.explanation, /What to do: Make .*log-backup\.temp-path.* writable by the user TiKV runs as/);
  assert.doesNotMatch(denied.explanation, /PD or etcd|PD\/etcd/);
  const [etcd] = runScenario(['task-init-failed-16056.log']).result.findings;
  assert.match(etcd.explanation, /What happened: .*because PD or etcd was unreachable/);
  assert.match(etcd.explanation, /What to do: Pause and resume the log-backup task .*check PD\/etcd connectivity/);
  assert.doesNotMatch(etcd.explanation, /permission|temp-path/i);
});

test('task-paused names the I/O cause of the fatal error (tikv/tikv#15602), and keeps the general advice when the cause is unknown', () => {
  const [io] = runScenario(['task-paused-io-15602.log']).result.findings;
  assert.match(io.explanation, /What happened: .*no such file or directory \(os error 2\)/);
  assert.match(io.explanation, /What to do: .*Make sure .*log-backup\.temp-path.* exists .*tikv\/tikv#15602.* Then resume it with `br log resume/);
  const [flush] = runScenario(['task-paused-flush.log']).result.findings;
  assert.match(flush.explanation, /What happened: .*external storage \(S3\/GCS\/Azure\) refused the request: access denied/);
  assert.match(flush.explanation, /What to do: .*write access to the backup location/);
  const unknown = new EventScript().task('register-task').fatalError('something went wrong');
  const a = new Analyzer();
  a.addAll(unknown.events);
  assert.match(a.finish().findings[0].explanation, /Fix the cause the error names, then resume it/);
});

test('task-paused leaves a fatal failure to register the task to task-init-failed', () => {
  const s = new EventScript().task('register-task').fatalError('failed to register backup stream task pitr to router', { kind: 'task-init-failed', task: 'pitr' });
  const a = new Analyzer();
  a.addAll(s.events);
  assert.deepEqual(a.finish().findings.map((f) => f.rule), ['task-init-failed']);
});

test('the give-up and the failed refresh are told in the explanation, not only linked', () => {
  const [lost] = runScenario(['pending-lost-gave-up.log']).result.findings;
  assert.match(lost.message, /its retry gave up/);
  assert.match(lost.explanation, /retry gave up at line 8 \("give up retry retion\."\)/);
  const [absent, lostAfterRefresh] = runScenario(['refresh-absent-refresh-failed.log']).result.findings;
  assert.match(absent.explanation, /failed at line 8 \("failed to refresh region: will retry\."\); its retry gave up at line 11/);
  assert.match(lostAfterRefresh.explanation, /retry gave up at line 11/);
  const [fromPending] = runScenario(['pending-lost.log']).result.findings;
  assert.doesNotMatch(fromPending.message + fromPending.explanation, /gave up/);
});

test('task-registration-stuck names the task, the log time without finish, the ranges and the Starts seen', () => {
  const [f, ...rest] = runScenario(['task-registration-stuck-19615.log']).result.findings;
  assert.equal(rest.length, 0);
  assert.equal(f.rule, 'task-registration-stuck');
  assert.match(f.message, /^Registering the ranges of log-backup task pitr never finished .* in the 91 s of log after "register backup stream ranges"/);
  assert.match(f.explanation, /\(ranges_count=1\)/);
  assert.match(f.explanation, /2 region Starts were processed/);
});

test('task-registration-stuck: the threshold of log time is configurable', () => {
  const rule = taskRegistrationStuckAfter(120_000);
  assert.deepEqual(runScenario(['task-registration-stuck-19615.log'], { rules: [rule] }).result.findings, []);
  const early = runScenario(['task-registration-log-ends.log'], { rules: [taskRegistrationStuckAfter(30_000)] }).result.findings;
  assert.deepEqual(early.map((f) => [f.rule, f.location.line]), [['task-registration-stuck', 3]]);
  assert.equal(DEFAULT_REGISTRATION_STUCK_MS, 60_000);
});

test('task-registration-stuck: a storm of other task events cannot push the registration out', () => {
  const s = new EventScript().task('register-task').task('register-ranges');
  for (let i = 0; i < 10_000; i++) s.task('initialized'); // 100 s of per-range lines, far past the ring of 64
  const a = new Analyzer();
  a.addAll(s.events);
  const found = a.finish().findings.filter((f) => f.rule === 'task-registration-stuck');
  assert.deepEqual(found.map((f) => [f.location.line, f.causes.map((c) => [c.line, c.role])]), [[2, [[1, 'task-registered'], [2, 'ranges-registered']]]]);
});

test('task-registration-stuck: a failed registration is task-init-failed, and the open registrations stay bounded', () => {
  const failed = new EventScript().task('register-task').task('register-ranges').fatalError('failed to register backup stream task pitr to router', { kind: 'task-init-failed', task: 'pitr' });
  for (let i = 0; i < 7000; i++) failed.role('7', i % 2 === 0 ? 'leader' : 'follower', 5 + i);
  const a = new Analyzer();
  a.addAll(failed.events);
  assert.deepEqual(a.finish().findings.map((f) => f.rule).filter((r) => r.startsWith('task-')), ['task-init-failed']);

  const many = new EventScript();
  for (let i = 0; i < 1000; i++) many.task('register-ranges', `t${i}`);
  const b = new Analyzer();
  b.addAll(many.events);
  const store = [...(b as unknown as { stores: Map<string, StoreView> }).stores.values()][0];
  assert.equal(store.openRegistrations().length, MAX_OPEN_REGISTRATIONS);
});
