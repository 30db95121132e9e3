// Property tests of the line parser (fast-check, bounded runs so the file stays a few seconds).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineParser, parseText, parseTimestamp, quickUnifiedHeader, utf8Length } from '../../src/core/parser';
import { scanUnifiedFast } from '../../src/core/parser/unifiedFast';
import { recoverUnified } from '../../src/core/parser/unifiedRecovery';
import type { Level, LogEntry, ParsedLine } from '../../src/core/record';

// PARSER_PROPERTY_RUNS=20000 for a deep one-off search; the default keeps the suite fast.
const RUNS = { numRuns: Number(process.env.PARSER_PROPERTY_RUNS ?? 300) };

// --- generators ------------------------------------------------------------------------------------------

/** Characters that stress the quoting rule, mixed with arbitrary code points. */
const special = fc.constantFrom(
  '"', '\\', '[', ']', '=', ' ', '\n', '\t', '\r', '\u0001', '\u001f', '\u007f', '欢', '💖', '\uFFFD', '/', '|',
  '(', ')', ':', ',', '{', '}', '<', '>', "'", '\u2028', 'a', 'Z', '0', '.', '-', '_',
);
const char = fc.oneof({ arbitrary: special, weight: 3 }, { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 1 });
const tikvString = fc.string({ unit: char, maxLength: 24 });

/** The reference's quoting rule: JSON-quote when a byte is <= 0x20, `"`, `=`, `[` or `]`. */
function needsQuote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x22 || c === 0x3d || c === 0x5b || c === 0x5d) return true;
  }
  return false;
}
const tikvQuote = (s: string): string => (needsQuote(s) ? JSON.stringify(s) : s);

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

const timeArb = fc.record({
  y: fc.integer({ min: 1970, max: 2099 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
  h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
  ms: fc.integer({ min: 0, max: 999 }), neg: fc.boolean(), oh: fc.integer({ min: 0, max: 14 }), om: fc.constantFrom(0, 30, 45),
}).map((t) => ({
  text: `${pad(t.y, 4)}/${pad(t.mo, 2)}/${pad(t.d, 2)} ${pad(t.h, 2)}:${pad(t.mi, 2)}:${pad(t.s, 2)}.${pad(t.ms, 3)} ${t.neg ? '-' : '+'}${pad(t.oh, 2)}:${pad(t.om, 2)}`,
  ts: Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s, t.ms) - (t.neg ? -1 : 1) * (t.oh * 60 + t.om) * 60000,
}));

const levelArb = fc.constantFrom<Level>('FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE');
const sourceArb = fc.oneof(
  fc.constant('<unknown>'),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/), fc.nat(99999)).map(([f, n]) => `${f}:${n}`),
);

interface Canonical {
  readonly line: string;
  readonly time: string;
  readonly ts: number | null;
  readonly level: Level;
  readonly source: string;
  readonly message: string;
  readonly fields: [string, string][];
}

const canonicalArb: fc.Arbitrary<Canonical> = fc.record({
  time: fc.option(timeArb, { freq: 6 }), level: levelArb, source: sourceArb, message: tikvString,
  fields: fc.array(fc.tuple(tikvString, tikvString), { maxLength: 6 }),
}).map((g) => ({
  line: (g.time === null ? ' ' : `[${g.time.text}] `) + `[${g.level}] [${g.source}] [${tikvQuote(g.message)}]`
    + g.fields.map(([k, v]) => ` [${tikvQuote(k)}=${tikvQuote(v)}]`).join(''),
  time: g.time === null ? '' : g.time.text,
  ts: g.time === null ? null : g.time.ts,
  level: g.level,
  source: g.source,
  message: g.message,
  fields: g.fields,
}));

/**
 * Canonical lines as people paste them (issue 12): the time cut off (the line starts with `[LEVEL]`) and/or the
 * level written in another case (`Error`, `warn`, `Warning`). They hold the same entry, with `time ""` when cut.
 */
const pastedArb: fc.Arbitrary<Canonical> = fc.tuple(canonicalArb, fc.boolean(), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), fc.boolean())
  .map(([c, cutTime, lower, warning]) => {
    const name = c.level === 'WARN' && warning ? 'WARNING' : c.level;
    const written = [...name].map((ch, i) => (lower[i] ? ch.toLowerCase() : ch)).join('');
    const rest = c.line.slice(c.line.indexOf(`[${c.level}] `) + c.level.length + 3);
    const timed = cutTime || c.time === '' ? '' : `[${c.time}] `;
    const lead = cutTime ? '' : c.time === '' ? ' ' : '';
    return { ...c, line: `${timed}${lead}[${written}] ${rest}`, time: timed === '' ? '' : c.time, ts: timed === '' ? null : c.ts };
  });

/** 1-3 random edits (insert, delete, replace, cut) with characters that break quoting and brackets. */
const mutatedArb = fc.tuple(fc.oneof(canonicalArb, pastedArb), fc.array(fc.tuple(fc.nat(), fc.nat(3), special), { minLength: 1, maxLength: 3 }))
  .map(([c, edits]) => {
    let s = c.line;
    for (const [at, op, ch] of edits) {
      const i = at % (s.length + 1);
      if (op === 0) s = s.slice(0, i) + ch + s.slice(i);
      else if (op === 1) s = s.slice(0, i) + s.slice(i + 1);
      else if (op === 2) s = s.slice(0, i) + ch + s.slice(i + 1);
      else s = s.slice(0, Math.max(i, 1));
    }
    return s.replace(/\n/g, ' ');
  });

function assertKind(r: ParsedLine, line: number, offset: number): void {
  assert.ok(['entry', 'continuation', 'blank', 'unparsed'].includes(r.kind));
  assert.equal(r.line, line);
  assert.equal(r.offset, offset);
}

/** What a range must hold: the value's characters as written (quoted ones JSON-escaped). */
function written(text: string, range: readonly [number, number] | undefined): string {
  assert.ok(range !== undefined);
  return text.slice(range[0], range[1]);
}
function asWritten(value: string): string {
  return needsQuote(value) ? JSON.stringify(value).slice(1, -1) : value;
}

// --- properties ------------------------------------------------------------------------------------------

/** The line of `c` parses, undamaged, back to the time, level, source, message and fields it was written from. */
function parsedAs(c: { line: string; time: string; ts: number | null; level: Level; source: string; message: string; fields: [string, string][] }): LogEntry {
  const r = new LineParser().parse(c.line, 1, 0);
  assert.equal(r.kind, 'entry', c.line);
  const e = r as LogEntry;
  assert.equal(e.damage, undefined);
  assert.deepEqual([e.time, e.ts, e.level, e.source, e.message], [c.time, c.ts, c.level, c.source, c.message]);
  assert.deepEqual(e.fields.map((f) => [f.key, f.value]), c.fields);
  return e;
}

test('round trip: a line written with the quoting rule parses back to its message and fields', () => {
  fc.assert(fc.property(canonicalArb, (c) => {
    const e = parsedAs(c);
    assert.equal(e.format, 'unified');
    assert.deepEqual(e.paste, []);
    assert.equal(written(c.line, e.messageRange), asWritten(c.message));
    for (const f of e.fields) {
      assert.equal(written(c.line, f.keyRange), asWritten(f.key));
      assert.equal(written(c.line, f.valueRange), asWritten(f.value));
    }
  }), RUNS);
});

test('differential: the fast scanner and the chevrotain grammar agree on well-formed lines', () => {
  fc.assert(fc.property(canonicalArb, (c) => {
    const fast = scanUnifiedFast(c.line, 0);
    assert.ok(fast !== null, 'the fast scanner must accept every canonical line');
    assert.deepEqual(recoverUnified(c.line, 0), fast);
  }), RUNS);
});

test('round trip and differential on pasted lines (no time, level in another case)', () => {
  fc.assert(fc.property(pastedArb, (c) => {
    parsedAs(c);
    const fast = scanUnifiedFast(c.line, 0);
    assert.ok(fast !== null, 'the fast scanner accepts pasted lines too');
    assert.deepEqual(recoverUnified(c.line, 0), fast);
  }), RUNS);
});

test('differential: when the fast scanner accepts a mutated line, the grammar reads it the same way', () => {
  let accepted = 0;
  fc.assert(fc.property(mutatedArb, (line) => {
    const fast = scanUnifiedFast(line, 0);
    if (fast === null) return;
    accepted++;
    assert.deepEqual(recoverUnified(line, 0), fast);
  }), RUNS);
  assert.ok(accepted > 0, 'some mutations (inside values) stay canonical');
});

test('never throws: random strings, random bytes, mutations of valid lines', () => {
  const parser = new LineParser();
  let n = 0;
  const check = (s: string): void => {
    n++;
    assertKind(parser.parse(s, n, n * 10), n, n * 10);
  };
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), RUNS);
  fc.assert(fc.property(fc.string({ unit: char, maxLength: 200 }), check), RUNS);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => { for (const s of new TextDecoder().decode(b).split('\n')) check(s); }), RUNS);
  fc.assert(fc.property(mutatedArb, check), RUNS);
  // The same noise after a valid prefix of each format reaches every scanner's inner paths.
  const prefixes = ['[2023/07/30 23:37:09.829 +08:00] [INFO] [a.rs:1] ', '{"level":"INFO","message":', '2019/03/07 10:29:20.929 INFO a.rs:1: ', 'x.log:1:', ' | | [', '{"log":"'];
  fc.assert(fc.property(fc.constantFrom(...prefixes), fc.string({ unit: char, maxLength: 120 }), (p, s) => check(p + s)), RUNS);
});

test('a line whose unified header parses is always an entry, whatever follows', () => {
  fc.assert(fc.property(timeArb, levelArb, sourceArb, fc.string({ unit: char, maxLength: 120 }), (t, level, source, body) => {
    const line = `[${t.text}] [${level}] [${source}] ${body.replace(/[\n\r]/g, ' ')}`;
    const r = new LineParser().parse(line, 1, 0);
    assert.equal(r.kind, 'entry', line);
    assert.equal((r as LogEntry).level, level);
    assert.equal((r as LogEntry).ts, t.ts);
  }), RUNS);
});

test('parseText accounts for every line: count, numbering, UTF-8 offsets', () => {
  const lineArb = fc.oneof(
    canonicalArb.map((c) => c.line.replace(/\n/g, ' ')), mutatedArb, fc.constant(''), fc.constant('   '),
    fc.constant('   0: std::panicking'), fc.constant("thread 'main' panicked at src/a.rs:1:2:"),
    fc.string({ unit: char, maxLength: 40 }).map((s) => s.replace(/\n/g, '')),
  );
  fc.assert(fc.property(fc.array(lineArb, { maxLength: 12 }), fc.boolean(), fc.boolean(), (lines, crlf, trailing) => {
    const text = lines.join(crlf ? '\r\n' : '\n') + (trailing && lines.length > 0 ? '\n' : '');
    const expected = lines.length === 0 ? 0 : trailing || lines[lines.length - 1] !== '' ? lines.length : lines.length - 1;
    const out = parseText(text);
    assert.equal(out.length, expected);
    const enc = new TextEncoder();
    let start = 0;
    out.forEach((r, i) => {
      assert.equal(r.line, i + 1);
      assert.equal(r.offset, enc.encode(text.slice(0, start)).length);
      if (r.kind === 'continuation') assert.ok(out[r.of - 1].kind === 'entry' && r.of < r.line);
      start += lines[i].length + (crlf ? 2 : 1);
    });
  }), RUNS);
});

test('quickUnifiedHeader contract: when it vouches, parse gives a plain unified entry whose message starts there', () => {
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  let vouched = 0;
  const lineArb = fc.oneof(canonicalArb.map((c) => c.line.replace(/\n/g, ' ')), pastedArb.map((c) => c.line.replace(/\n/g, ' ')), mutatedArb, fc.string({ unit: char, maxLength: 60 }));
  fc.assert(fc.property(lineArb, fc.uint8Array({ maxLength: 4 }), fc.uint8Array({ maxLength: 4 }), (line, before, after) => {
    const bytes = enc.encode(line);
    const buf = new Uint8Array(before.length + bytes.length + 1 + after.length);
    buf.set(before, 0);
    buf.set(bytes, before.length);
    buf[before.length + bytes.length] = 10;
    buf.set(after, before.length + bytes.length + 1);
    const start = before.length;
    const end = start + bytes.length;
    const at = quickUnifiedHeader(buf, start, end);
    if (at < 0) return;
    vouched++;
    assert.ok(at >= start && at <= end);
    const decoded = dec.decode(buf.subarray(start, end));
    const r = new LineParser().parse(decoded, 1, 0);
    assert.equal(r.kind, 'entry', decoded);
    const e = r as LogEntry;
    assert.equal(e.format, 'unified');
    assert.deepEqual(e.paste, []);
    assert.ok(e.messageRange !== undefined);
    assert.equal(utf8Length(decoded, 0, e.messageRange[0]), at - start, 'message range starts at the vouched byte');
    // The plain text up to the first escape, quote or `]` (where even a damaged quoted message may end), or
    // up to the first character a raw message cannot hold, is the message's beginning.
    const rest = dec.decode(buf.subarray(at, end));
    const quoted = buf[at - 1] === 0x22;
    const plain = (quoted ? /^[^\\"\]]*/ : /^[^\\"\][=\x00-\x20]*/).exec(rest)?.[0] ?? '';
    assert.ok(e.message.startsWith(plain), `${JSON.stringify(e.message)} starts with ${JSON.stringify(plain)}`);
  }), { numRuns: RUNS.numRuns * 2 });
  assert.ok(vouched > 50, 'it vouches for plenty of lines');
});

test('quickUnifiedHeader vouches for every canonical line', () => {
  const enc = new TextEncoder();
  fc.assert(fc.property(canonicalArb, (c) => {
    const b = enc.encode(c.line);
    assert.ok(quickUnifiedHeader(b, 0, b.length) >= 0, c.line);
  }), RUNS);
});

test('parseTimestamp reads every valid generated time', () => {
  fc.assert(fc.property(timeArb, (t) => { assert.equal(parseTimestamp(t.text), t.ts); }), RUNS);
});
