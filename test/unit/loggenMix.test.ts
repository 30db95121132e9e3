// The generator's output as a whole: determinism, size, the share of analysis-relevant lines, strict
// format conformance of every line, and that healthy noise never forms a bug pattern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateToString } from '../../tools/loggen/generate';
import { observeText, parseStrict, verifyText } from '../../tools/loggen/verify';

// Counted by message text from the reference: raft role changes (b.1) and backup-stream lines (c).
const RELEVANT = [
  /^starting a new election$/,
  /^became (pre-candidate|candidate|leader|follower) at term \d+$/,
  /^backup stream/,
  /^(start|stop) listen stream from store$/,
  /^initial scanning finished!$/,
  /^Inactivating subscription\.$/,
  /^pending region, skip resolving$/,
  /^(register|finish register) backup stream/,
  /^(failed to start observe, would retry|retry observe region|stale start observe command\.)$/,
  /^(getting non-trivial checkpoint|flushing and refreshing checkpoint ts\.)$/,
];

// 10 ms per line: a minute of log, long enough for resolve rounds, retries and checkpoints.
const noise = generateToString({ seed: 42, sizeBytes: 1_500_000, meanStepMs: 10 });

test('same seed and options give byte-identical output; another seed does not', () => {
  const again = generateToString({ seed: 42, sizeBytes: 1_500_000, meanStepMs: 10 });
  assert.equal(again.text, noise.text);
  const other = generateToString({ seed: 43, sizeBytes: 1_500_000, meanStepMs: 10 });
  assert.notEqual(other.text, noise.text);
  const json1 = generateToString({ seed: 42, sizeBytes: 300_000, format: 'json' });
  const json2 = generateToString({ seed: 42, sizeBytes: 300_000, format: 'json' });
  assert.equal(json1.text, json2.text);
});

test('the output hits the target size within a few percent and reports it truthfully', () => {
  for (const size of [120_000, 700_000, 1_500_000]) {
    const { text, result } = size === 1_500_000 ? noise : generateToString({ seed: 9, sizeBytes: size });
    const bytes = Buffer.byteLength(text);
    assert.equal(result.bytes, bytes);
    assert.equal(result.lines, text.split('\n').length - 1);
    assert.ok(bytes >= size && bytes < size * 1.03, `${bytes} for ${size}`);
  }
});

test('at least 10% of lines are analysis-relevant (role changes, backup-stream)', () => {
  let relevant = 0;
  let entries = 0;
  const seen = new Set<number>();
  for (const l of noise.text.split('\n')) {
    if (!l.startsWith('[')) continue;
    entries++;
    const msg = parseStrict(l).message;
    const i = RELEVANT.findIndex((re) => re.test(msg));
    if (i >= 0) {
      relevant++;
      seen.add(i);
    }
  }
  assert.ok(relevant / entries >= 0.1, `${relevant}/${entries}`);
  // The steady kinds always occur; the transient ones (retries, Pending) are checked with more noise below.
  for (const i of [0, 1, 2, 3, 4, 7]) assert.ok(seen.has(i), `some line matches ${RELEVANT[i]}`);
});

test('every line of a unified file obeys the format and quoting rule; time is monotonic, one offset', () => {
  for (const t of [noise.text, generateToString({ seed: 5, sizeBytes: 400_000, raftContext: 'v2', scenarios: [{ name: 'stale-reorder' }] }).text]) {
    const r = verifyText(t);
    assert.deepEqual(r.errors, []);
    assert.equal(r.nonMonotonic, 0);
    assert.equal(r.offsets.size, 1);
    assert.equal(r.continuations, 20, 'the panic backtrace at the end');
  }
});

test('the noise exercises the parser: quoted keys, long values, escapes, unicode, v1 and v2 contexts', () => {
  const t = noise.text;
  assert.match(t, / \["msg type"=MsgRequest(Pre)?Vote\]/);
  assert.match(t, /\[from_role=(Leader|PreCandidate|Follower)\]/);
  assert.match(t, /\[raft_id=(\d+)\] \[peer_id=\1\] \[region_id=\d+\]/);
  assert.match(t, /\[raft_id=\d+\] \[region_id=\d+\] \[thread_id=/);
  assert.match(t, /\\\\\\"/, 'an escaped quote inside a quoted Debug string');
  assert.match(t, /\\n/);
  assert.match(t, /µs/);
  assert.match(t, /数据盘/);
  assert.match(t, /\[slow-query\]/);
  assert.ok(t.split('\n').some((l) => l.length > 3000), 'a line with a multi-KB value');
  assert.match(t, /^\[[^\n]*\[FATAL\][^\n]*\nthread '/m, 'a panic followed by headerless stderr lines');
});

test('healthy noise forms no bug pattern, including its transient failures', () => {
  let transient = 0;
  let refreshes = 0;
  let retryable = 0;
  for (const [seed, version] of [[77, 'post-fix'], [78, 'pre-fix'], [80, 'pre-fix'], [81, 'post-fix']] as const) {
    const t = generateToString({ seed, sizeBytes: 1_500_000, version, meanStepMs: 20 }).text;
    transient += (t.match(/Inactivating subscription\./g) ?? []).length;
    refreshes += (t.match(/RefreshResolver \{/g) ?? []).length;
    retryable += (t.match(/can retry = true/g) ?? []).length;
    assert.deepEqual(observeText(t), {
      decreasingIds: [], globalBackSteps: 0, stopMismatches: 0, neverRestarted: [], staleObserveErrors: 0,
      nonRetryableErrors: 0, opsBeforeTask: 0, refreshedNeverStarted: [],
    }, `seed ${seed}`);
  }
  // Otherwise the check above would prove little: the noise did go Pending, refresh and retry.
  assert.ok(transient >= 3 && refreshes >= 1 && retryable >= 1, `${transient} ${refreshes} ${retryable}`);
});

test('without a task the observer hibernates: no backup-stream op at all', () => {
  const { text } = generateToString({ seed: 11, sizeBytes: 300_000, task: null });
  assert.doesNotMatch(text, /on_modify_observe|listen stream|register backup stream/);
  assert.match(text, /became leader at term/);
});

test('JSON output is one object per line with the same events', () => {
  const { text, result } = generateToString({ seed: 3, sizeBytes: 300_000, format: 'json', scenarios: [{ name: 'stale-reorder', at: { fraction: 0.2 } }] });
  const lines = text.split('\n').slice(0, -1);
  let objects = 0;
  for (const l of lines) {
    if (!l.startsWith('{')) continue;
    const o = JSON.parse(l) as Record<string, unknown>;
    assert.equal(typeof o.time, 'string');
    assert.equal(typeof o.message, 'string');
    objects++;
  }
  assert.equal(objects, lines.length - (result.panic?.continuations ?? 0));
  const err = JSON.parse(lines[result.scenarios[0].events.staleError - 1]) as Record<string, unknown>;
  assert.equal(err.message, 'backup stream meet error');
  assert.match(String(err.err), /stale observe id ObserveId\(191299\), current id: ObserveId\(191374\)/);
});
