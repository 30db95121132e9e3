// The generator's rendering layer against the reference's rules, and the independent checker against
// the generator: a property test feeds arbitrary strings through the formatter and requires the
// checker (which re-implements the quoting rule) to accept the line and recover the exact strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonFormatter, UnifiedFormatter } from '../../tools/loggen/format';
import { encodeBytesHex, rowKey, tableKey } from '../../tools/loggen/keys';
import { Rng } from '../../tools/loggen/prng';
import { needsQuote, quoteIfNeeded } from '../../tools/loggen/quote';
import { rec } from '../../tools/loggen/record';
import { formatOffset, parseOffset, TimestampFormatter } from '../../tools/loggen/timefmt';
import { parseSize, rustDuration, tso } from '../../tools/loggen/units';
import { parseStrict } from '../../tools/loggen/verify';

const TIME = '2026/06/03 15:42:37.123 +08:00';

test('quoting follows the reference cases (formatter.rs unit tests)', () => {
  assert.equal(quoteIfNeeded('欢迎'), '欢迎');
  assert.equal(quoteIfNeeded('欢迎 TiKV'), '"欢迎 TiKV"');
  assert.equal(quoteIfNeeded('💖'), '💖');
  assert.equal(quoteIfNeeded('�'), '�');
  assert.equal(quoteIfNeeded('msg type'), '"msg type"');
  assert.equal(quoteIfNeeded('[347199, 319308]'), '"[347199, 319308]"');
  assert.equal(quoteIfNeeded('a=b'), '"a=b"');
  assert.equal(quoteIfNeeded('tab\there'), '"tab\\there"');
  assert.equal(quoteIfNeeded('\u0001'), '"\\u0001"');
  assert.equal(quoteIfNeeded('/path/(default|lock|write).sst'), '/path/(default|lock|write).sst');
  assert.equal(quoteIfNeeded('say "hi"'), '"say \\"hi\\""');
  assert.equal(quoteIfNeeded(''), '');
  for (let c = 0; c <= 0x20; c++) assert.ok(needsQuote(String.fromCharCode(c)), `0x${c.toString(16)}`);
  assert.ok(!needsQuote('\u007f'));
});

test('the unified line matches the reference example byte for byte', () => {
  const r = rec('INFO', 'raft.rs:1177', 'became pre-candidate at term 8', ['term', 8, 'raft_id', 319306, 'region_id', 319305], 12);
  assert.equal(new UnifiedFormatter().format('2026/06/03 15:42:37.123 +08:00', r),
    '[2026/06/03 15:42:37.123 +08:00] [INFO] [raft.rs:1177] ["became pre-candidate at term 8"] [term=8] [raft_id=319306] [region_id=319305] [thread_id=12]\n');
});

test('values print as slog prints them: None, bools, NaN and inf, empty strings', () => {
  const line = new UnifiedFormatter().format(TIME, rec('WARN', 'x.rs:1', 'm', ['a', null, 'b', true, 'c', NaN, 'd', Infinity, 'e', ''], 1));
  assert.match(line, / \[a=None\] \[b=true\] \[c=NaN\] \[d=inf\] \[e=\] \[thread_id=1\]\n$/);
});

// Rust strings are valid UTF-8, so lone surrogates cannot occur in a TiKV log.
const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => WELL_FORMED.test(s));

test('every formatted line is accepted by the independent checker and round-trips', () => {
  fc.assert(fc.property(text, fc.array(fc.tuple(text.filter((k) => k.length > 0), text), { maxLength: 5 }), (msg, kvs) => {
    const line = new UnifiedFormatter().format(TIME, rec('INFO', 'a.rs:9', msg, kvs.flat(), 3));
    const e = parseStrict(line.slice(0, -1));
    assert.equal(e.message, msg);
    assert.deepEqual(e.fields.slice(0, -1), kvs);
  }), { numRuns: 300 });
});

test('the checker rejects lines that break the quoting rule', () => {
  const bad = [
    '[2026/06/03 15:42:37.123 +08:00] [INFO] [a.rs:1] [two words] [thread_id=1]', // raw with a space
    '[2026/06/03 15:42:37.123 +08:00] [INFO] [a.rs:1] ["plain"] [thread_id=1]', // quoted without need
    '[2026/06/03 15:42:37.123 +08:00] [INFO] [a.rs:1] ["a\\/b c"] [thread_id=1]', // not serde_json's escaping
    '[2026/06/03 15:42:37.123 +08:00] [INFO] [a.rs:1] [m] [k=a]b] [thread_id=1]',
    '[2026/06/03 15:42:37.123] [INFO] [a.rs:1] [m] [thread_id=1]',
  ];
  for (const l of bad) assert.throws(() => parseStrict(l), Error, l);
});

test('JSON lines parse, keep the fixed keys and typed values, and vary their key order', () => {
  const f = new JsonFormatter(new Rng(1));
  const r = rec('INFO', 'raft.rs:1401', 'received a message with higher term from 5', ['msg type', 'MsgRequestVote', 'term', 8, 'vote', true, 'err', null, 'x', NaN], 7);
  const orders = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const line = f.format(TIME, r);
    const o = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual(o, { time: TIME, level: 'INFO', caller: 'raft.rs:1401', message: r.msg, 'msg type': 'MsgRequestVote', term: 8, vote: true, err: null, x: null, thread_id: 7 });
    orders.add(Object.keys(o).join(','));
  }
  assert.ok(orders.size > 5);
});

test('timestamps use the file offset and cache per second correctly', () => {
  const t = new TimestampFormatter(480);
  const ms = Date.UTC(2026, 5, 3, 7, 42, 37, 123);
  assert.equal(t.format(ms), TIME);
  assert.equal(t.format(ms + 876), '2026/06/03 15:42:37.999 +08:00');
  assert.equal(t.format(ms + 877), '2026/06/03 15:42:38.000 +08:00');
  assert.equal(new TimestampFormatter(-420).format(ms), '2026/06/03 00:42:37.123 -07:00');
  assert.equal(new TimestampFormatter(330).format(ms), '2026/06/03 13:12:37.123 +05:30');
  assert.equal(formatOffset(-420), '-07:00');
  assert.equal(parseOffset('+05:30'), 330);
  assert.throws(() => parseOffset('8'));
});

test('keys, TSOs, durations and sizes render like TiKV', () => {
  assert.equal(tableKey(5), '7480000000000000FF0500000000000000F8');
  assert.equal(rowKey(5, 1), '7480000000000000FF055F728000000000FF0000010000000000FA');
  assert.equal(encodeBytesHex(''), '0000000000000000F7');
  assert.equal(tso(1), '262144');
  assert.equal(tso(Date.UTC(2026, 5, 3)), (BigInt(Date.UTC(2026, 5, 3)) << 18n).toString());
  assert.equal(rustDuration(1.5e9), '1.5s');
  assert.equal(rustDuration(152_305_818), '152.305818ms');
  assert.equal(rustDuration(36_211), '36.211µs');
  assert.equal(rustDuration(3e9), '3s');
  assert.equal(rustDuration(0), '0ns');
  assert.equal(parseSize('100MB'), 100 * 1024 * 1024);
  assert.equal(parseSize('1GB'), 1024 ** 3);
  assert.equal(parseSize('300kb'), 300 * 1024);
  assert.throws(() => parseSize('lots'));
});

test('the PRNG is deterministic per seed and differs between seeds', () => {
  const a = new Rng(42);
  const b = new Rng(42);
  const c = new Rng(43);
  const xs = Array.from({ length: 100 }, () => a.u32());
  assert.deepEqual(xs, Array.from({ length: 100 }, () => b.u32()));
  assert.notDeepEqual(xs, Array.from({ length: 100 }, () => c.u32()));
  const r = new Rng(7);
  for (let i = 0; i < 1000; i++) {
    const v = r.range(3, 5);
    assert.ok(v >= 3 && v <= 5 && Number.isInteger(v));
  }
});
