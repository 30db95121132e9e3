// The byte-level reader of role-change lines must give exactly the event the full parser and extractor give, or
// step aside (undefined): checked on every line of the samples, the scenarios and a generated election storm, on
// hand-made edge cases, and on random field mixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LineParser, quickUnifiedHeader } from '../../src/core/parser';
import { extractEvents, type DomainEvent } from '../../src/core/events';
import { roleChangeFromBytes } from '../../src/core/events/roleChangeBytes';
import { generateToString } from '../../tools/loggen/generate';

const ROOT = join(import.meta.dirname, '..', '..');

interface Compared { fast: DomainEvent | undefined; slow: DomainEvent | undefined }

function compare(text: string, line = 7, file = 3): Compared {
  const bytes = Buffer.from(text, 'utf8');
  const m = quickUnifiedHeader(bytes, 0, bytes.length);
  const fast = m < 0 ? undefined : roleChangeFromBytes(bytes, 0, bytes.length, m, file, line);
  const p = new LineParser().parse(text, line, 0);
  const slow = p.kind === 'entry' ? extractEvents(p, file).find((e) => e.type === 'role-change') : undefined;
  return { fast, slow };
}

/** Every line of `text`: the fast event, when given, equals the slow one. Returns [fast, slow] counts. */
function checkAll(text: string, where: string): [number, number] {
  let fast = 0, slow = 0;
  text.split('\n').forEach((l, i) => {
    const c = compare(l, i + 1);
    if (c.slow !== undefined) slow++;
    if (c.fast === undefined) return;
    fast++;
    assert.deepEqual(c.fast, c.slow, `${where}:${i + 1}: ${l}`);
  });
  return [fast, slow];
}

test('samples and scenarios: every role change the bytes reader gives equals the parser\'s', () => {
  const files = [
    ...['samples/tikv-18243/tikv.log', 'samples/tikv-18243/tikv-store2.log', 'samples/healthy/tikv.log'].map((f) => join(ROOT, f)),
    ...readdirSync(join(ROOT, 'test/fixtures/scenarios')).filter((f) => f.endsWith('.log')).map((f) => join(ROOT, 'test/fixtures/scenarios', f)),
  ];
  let fast = 0, slow = 0;
  for (const f of files) {
    const [a, b] = checkAll(readFileSync(f, 'utf8'), f);
    fast += a;
    slow += b;
  }
  assert.ok(slow > 50, `the inputs hold role changes (${slow})`);
  assert.ok(fast >= slow * 0.9, `the bytes reader takes the canonical ones (${fast} of ${slow})`);
});

test('a generated election storm: the same events, and the bytes reader takes nearly all of them', () => {
  const { text } = generateToString({ seed: 11, sizeBytes: 1024 * 1024, mix: 'incident', regions: 2000 });
  const [fast, slow] = checkAll(text, 'storm');
  assert.ok(slow > 1000, `a storm has role changes (${slow})`);
  assert.ok(fast >= slow * 0.99, `${fast} of ${slow}`);
});

test('edge cases: the same event, or none from the bytes reader', () => {
  const head = '[2025/02/24 14:05:20.121 +08:00] [INFO] [raft.rs:1215] ';
  const cases: [string, 'same' | 'fallback' | 'none'][] = [
    [`${head}["became leader at term 8"] [term=8] [raft_id=7] [region_id=1001]`, 'same'],
    [`${head}["became pre-candidate at term 8"] [term=8] [raft_id=7] [peer_id=9] [region_id=1001] [store_id=4]`, 'same'],
    [`${head}["became follower at term 8"] [from_role=PreCandidate] [term=8] [raft_id=7] [region_id=1001] [thread_id=5]  `, 'same'],
    [`${head}["became candidate at term 8"] [region_id=1001] [region_id=1002] [r.id=77]`, 'same'],
    [`${head}["became candidate at term 8"] [region_id=abc] [r.id=77x]`, 'none'],
    [`${head}["became candidate at term 8"] [from_role=Pre-Candidate] [region_id=1]`, 'same'],
    [`${head}["became candidate at term 8"] [from_role="A B"] [region_id=1]`, 'fallback'],
    [`${head}["became candidate at term 8"] [region_id="1001"]`, 'fallback'],
    [`${head}["became candidate at term 8"] ["msg type"=MsgVote] [region_id=1001]`, 'fallback'],
    [`${head}["became candidate at term 8 "] [region_id=1001]`, 'none'],
    [`${head}["became leaders at term 8"] [region_id=1001]`, 'none'],
    [`${head}["became leader at term "] [region_id=1001]`, 'none'],
    [`${head}["became leader at term 8"] [region_id=1001] trailing`, 'fallback'],
    [`${head}["became leader at term 8"]`, 'none'],
    [` [INFO] [raft.rs:1215] ["became leader at term 8"] [region_id=1001]`, 'same'],
    [`[2025/02/30 14:05:20.121 +08:00] [INFO] [raft.rs:1215] ["became leader at term 8"] [region_id=1001]`, 'none'],
    [`${head}["became leader at term 123456789012345678901"] [region_id=12345678901234567890]`, 'same'],
    [`${head}["became leader at term 8"] [region_id=123456789012345678901]`, 'none'],
  ];
  for (const [text, want] of cases) {
    const c = compare(text);
    if (want === 'same') assert.deepEqual(c.fast, c.slow, text);
    if (want === 'same') assert.ok(c.fast !== undefined, `taken: ${text}`);
    if (want === 'fallback') assert.ok(c.fast === undefined && c.slow !== undefined, `left to the parser: ${text}`);
    if (want === 'none') assert.ok(c.fast === undefined && c.slow === undefined, `no event: ${text} (${JSON.stringify(c)})`);
  }
});

test('random field mixes: whenever the bytes reader answers, it answers as the parser does', () => {
  const value = fc.oneof(
    fc.stringMatching(/^\d{1,22}$/), fc.stringMatching(/^[A-Za-z_]{1,22}$/), fc.constant(''), fc.constant('"12"'),
    fc.constant('"a\\"b"'), fc.stringMatching(/^[a-z0-9.:-]{1,10}$/), fc.constant('欢'),
  );
  const key = fc.constantFrom('region_id', 'r.id', 'raft_id', 'peer_id', 'from_role', 'store_id', 'term', 'thread_id', '"msg type"', 'x');
  const field = fc.tuple(key, value).map(([k, v]) => ` [${k}=${v}]`);
  const role = fc.constantFrom('follower', 'pre-candidate', 'candidate', 'leader', 'Leader', 'pre candidate');
  const line = fc.tuple(role, fc.stringMatching(/^\d{0,21}$/), fc.array(field, { maxLength: 7 }), fc.constantFrom('', ' ', '\t'))
    .map(([r, t, fs, tail]) => `[2025/02/24 14:05:20.121 +08:00] [INFO] [raft.rs:1215] ["became ${r} at term ${t}"]${fs.join('')}${tail}`);
  fc.assert(fc.property(line, (text) => {
    const c = compare(text);
    if (c.fast !== undefined) assert.deepEqual(c.fast, c.slow, text);
  }), { numRuns: 2000 });
});
