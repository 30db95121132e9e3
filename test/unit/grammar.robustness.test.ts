// The tikv-log grammar must never break the editor's colouring: every pattern compiles, every scope is named
// and documented, no line (broken, hand-edited, huge or unicode) leaves state that changes how the next line
// colours, and a 1 MB mix of every shape the reference describes tokenizes completely.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IGrammar, StateStack } from 'vscode-textmate';
import { compilePattern, grammarPath, loadGrammar, repoRoot, tokenize, type LineTokens } from './fixtures/grammar/loadGrammar';

let grammar: IGrammar;
/** The state after a line that leaves nothing open: every line must end in it. */
let clean: StateStack;

before(async () => {
  grammar = await loadGrammar();
  clean = tokenize(grammar, '').endState;
});

const mixLines = readFileSync(join(__dirname, 'fixtures', 'grammar', 'mix.log'), 'utf8').split('\n');

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function* rules(node: Json): Generator<{ [key: string]: Json }> {
  if (Array.isArray(node)) for (const n of node) yield* rules(n);
  else if (node !== null && typeof node === 'object') {
    yield node;
    for (const v of Object.values(node)) yield* rules(v);
  }
}

function grammarJson(): { [key: string]: Json } {
  return JSON.parse(readFileSync(grammarPath, 'utf8')) as { [key: string]: Json };
}

/** Scope names the grammar can assign (the grammar's own display name is not a scope). */
function scopeNames(): Set<string> {
  const g = grammarJson();
  const out = new Set<string>();
  for (const r of rules([g.patterns, g.repository])) {
    for (const key of ['name', 'contentName']) {
      const v = r[key];
      if (typeof v === 'string') for (const s of v.split(' ')) out.add(s);
    }
  }
  return out;
}

function assertCovers(line: string, r: LineTokens, label: string): void {
  assert.ok(r.tokens.length > 0, `${label}: no tokens`);
  assert.equal(r.stoppedEarly, false, `${label}: stopped early`);
  assert.equal(r.tokens[0].start, 0, `${label}: first token`);
  for (let i = 1; i < r.tokens.length; i++) assert.equal(r.tokens[i].start, r.tokens[i - 1].end, `${label}: gap at token ${i}`);
  assert.ok(r.tokens[r.tokens.length - 1].end >= line.length, `${label}: line not covered`);
}

describe('grammar file', () => {
  test('every match / begin / end pattern compiles in oniguruma', () => {
    let n = 0;
    for (const r of rules(grammarJson())) {
      for (const key of ['match', 'begin', 'end']) {
        const v = r[key];
        if (typeof v !== 'string') continue;
        assert.doesNotThrow(() => compilePattern(v), `bad ${key}: ${v}`);
        n++;
      }
    }
    assert.ok(n > 20, `only ${n} patterns found`);
  });

  test('scopes are ours (*.tikv-log) or a log.* scope of the built-in Log grammar', () => {
    const names = scopeNames();
    assert.ok(names.size > 20);
    for (const s of names) assert.match(s, /^(?:[a-z][a-z0-9-]*\.)+tikv-log$|^log\.(?:error|warning|info|debug|verbose)$/, s);
  });

  test('every scope is documented in syntaxes/README.md', () => {
    const readme = readFileSync(join(repoRoot, 'syntaxes', 'README.md'), 'utf8');
    const missing = [...scopeNames()].filter((s) => !readme.includes(s));
    assert.deepEqual(missing, []);
  });
});

describe('robustness', () => {
  test('no line of the mix (including broken and hand-edited ones) leaves state behind', () => {
    for (const [i, line] of mixLines.entries()) {
      const r = tokenize(grammar, line);
      assertCovers(line, r, `mix.log:${i + 1}`);
      assert.ok(r.endState.equals(clean), `mix.log:${i + 1} leaves state open: ${line}`);
    }
  });

  test('a truncated or unterminated line does not change how the next line colours', () => {
    const next = '[2025/02/24 10:00:00.105 +08:00] [INFO] [raft.rs:1273] ["became leader at term 8"] [region_id=319305]';
    const fresh = tokenize(grammar, next).tokens;
    const broken = [
      '[2025/02/24 10:00:00.305 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] [err="failed to get initial snap',
      '[2024/01/16 10:00:00.000 +08:00] [WARN] [errors.rs:159] [context=""failed to register',
      '{"level":"INFO","message":"unterminated \\"json',
      '{"a":{"b":{"c":',
      '[k="abc\\',
      '"',
      '[',
      '{',
      '\\',
    ];
    for (const b of broken) {
      const after = tokenize(grammar, next, tokenize(grammar, b).endState).tokens;
      assert.deepEqual(after, fresh, `after ${JSON.stringify(b)}`);
    }
  });

  test('CRLF line endings: the \\r does not swallow the last field', () => {
    const line = '[2025/02/24 10:00:00.100 +08:00] [INFO] [raft.rs:1] ["m"] [region_id=319305]\r';
    const r = tokenize(grammar, line);
    const id = r.tokens.find((t) => t.text === '319305');
    assert.ok(id?.scopes.includes('constant.numeric.region-id.tikv-log'), JSON.stringify(id));
    assert.ok(r.endState.equals(clean));
  });

  test('1 MB realistic mix, with 19k-char lines, tokenizes every line completely', () => {
    const lines = megabyteMix();
    let chars = 0;
    let tokens = 0;
    let state = clean;
    for (const [i, line] of lines.entries()) {
      const r = tokenize(grammar, line, state);
      assertCovers(line, r, `line ${i + 1}`);
      state = r.endState;
      chars += line.length + 1;
      tokens += r.tokens.length;
    }
    assert.ok(chars >= 1 << 20, `mix is only ${chars} chars`);
    assert.ok(state.equals(clean));
    // Sanity that the grammar actually did work: far more tokens than lines.
    assert.ok(tokens > lines.length * 10, `${tokens} tokens for ${lines.length} lines`);
  });
});

/** Just under VS Code's 20k-char tokenization cut-off, where the worst regex behaviour would show. */
const LONG = 19_000;

function longLines(): string[] {
  const head = '[2025/02/24 10:00:00.100 +08:00] [WARN] [errors.rs:159] ["backup stream meet error"] ';
  const chunk = 'ObserveId(191299) \\"]\\" [k=v] region_id = 319305 欢迎 💖 ';
  // Shapes that would expose a regex scanning the rest of the line from every start position: a huge quoted
  // value full of ] [ = and escapes, unclosed quoted fields, a wall of brackets, an unterminated JSON string.
  return [
    head + `[err="${chunk.repeat(Math.floor(LONG / chunk.length))}"] [region_id=319305]`,
    '[k="x '.repeat(LONG / 6),
    '['.repeat(LONG),
    '{"a":"' + 'x\\"'.repeat(LONG / 3),
  ];
}

/** The mix cycled until past 1 MiB, every digit run rewritten (same length) so ids and times vary. */
function megabyteMix(): string[] {
  let seed = 12345;
  const digit = (): string => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return String(seed % 10);
  };
  const vary = (line: string): string => line.replace(/\d+/g, (d) => Array.from(d, digit).join(''));
  const out: string[] = [];
  let size = 0;
  for (let round = 0; size < 1 << 20; round++) {
    const batch = round === 0 ? [...mixLines, ...longLines()] : mixLines;
    for (const l of batch) {
      const v = vary(l);
      out.push(v);
      size += v.length + 1;
    }
  }
  return out;
}
