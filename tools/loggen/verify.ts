// An independent checker for generated unified-format logs. It shares no code with the generator (it
// re-implements the quoting rule from the reference), so a bug in the generator's quoting cannot hide
// itself. Usable from tests and as a CLI on big files:
//   node --import tsx tools/loggen/verify.ts FILE
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const TIME = /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{2}:\d{2}$/;
const LEVELS = new Set(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
const SOURCE = /^(?:[a-zA-Z0-9._-]+:\d+|<unknown>)$/;

function special(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x3d || c === 0x5b || c === 0x5d;
}

/** serde_json's escaping, written out: `\"` `\\` `\b` `\f` `\n` `\r` `\t`, `\u00xx` for other controls. */
function serdeEscape(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

export interface Entry {
  readonly time: string;
  readonly level: string;
  readonly source: string;
  readonly message: string;
  readonly fields: readonly (readonly [string, string])[];
}

/**
 * Parses one unified line strictly: every message, key and value must be written raw exactly when the
 * quoting rule says so, and a quoted one must be serde_json's exact encoding. Throws with the reason.
 */
export function parseStrict(line: string): Entry {
  let p = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at column ${p}: ${line.slice(0, 160)}`);
  };
  const expect = (ch: string): void => {
    if (line[p] !== ch) fail(`expected "${ch}"`);
    p++;
  };
  const bracket = (): string => {
    expect('[');
    const end = line.indexOf(']', p);
    if (end < 0) fail('unclosed bracket');
    const s = line.slice(p, end);
    p = end + 1;
    return s;
  };
  // A quoted or raw token ending just before `stop` (']' or '=').
  const token = (stop: string): string => {
    if (line[p] === '"') {
      let q = p + 1;
      while (q < line.length && line[q] !== '"') q += line[q] === '\\' ? 2 : 1;
      if (q >= line.length) fail('unterminated quoted string');
      const quoted = line.slice(p, q + 1);
      let value: string;
      try {
        value = JSON.parse(quoted) as string;
      } catch {
        return fail('quoted text is not a JSON string');
      }
      if (serdeEscape(value) !== quoted) fail('quoted text is not serde_json\'s exact escaping');
      let needed = false;
      for (let i = 0; i < value.length && !needed; i++) needed = special(value.charCodeAt(i));
      if (!needed) fail(`"${value.slice(0, 40)}" is quoted but needs no quoting`);
      p = q + 1;
      if (line[p] !== stop) fail(`expected "${stop}" after quoted text`);
      return value;
    }
    const start = p;
    while (p < line.length && line[p] !== stop) {
      const c = line.charCodeAt(p);
      if (special(c)) fail(`raw text contains 0x${c.toString(16)}`);
      p++;
    }
    if (p >= line.length) fail(`missing "${stop}"`);
    return line.slice(start, p);
  };
  const time = bracket();
  if (!TIME.test(time)) fail('bad timestamp');
  expect(' ');
  const level = bracket();
  if (!LEVELS.has(level)) fail('bad level');
  expect(' ');
  const source = bracket();
  if (!SOURCE.test(source)) fail('bad source');
  expect(' ');
  expect('[');
  const message = token(']');
  expect(']');
  const fields: [string, string][] = [];
  while (p < line.length) {
    expect(' ');
    expect('[');
    const key = token('=');
    if (key === '') fail('empty key');
    expect('=');
    const value = token(']');
    expect(']');
    fields.push([key, value]);
  }
  return { time, level, source, message, fields };
}

export interface VerifyReport {
  lines: number;
  entries: number;
  continuations: number;
  /** Continuation lines are only allowed right after a FATAL entry (a panic's stderr). */
  errors: string[];
  offsets: Set<string>;
  nonMonotonic: number;
}

function timeKey(t: string): string {
  return t.slice(0, 23); // the offset is constant per file, so the local text orders like the instant
}

export class Verifier {
  readonly report: VerifyReport = { lines: 0, entries: 0, continuations: 0, errors: [], offsets: new Set(), nonMonotonic: 0 };
  private lastTime = '';
  private inPanic = false;

  line(text: string): Entry | null {
    const r = this.report;
    r.lines++;
    if (!text.startsWith('[')) {
      if (!this.inPanic) this.error(`line ${r.lines}: headerless line outside a panic: ${text.slice(0, 80)}`);
      r.continuations++;
      return null;
    }
    try {
      const e = parseStrict(text);
      r.entries++;
      r.offsets.add(e.time.slice(24));
      const k = timeKey(e.time);
      if (k < this.lastTime) r.nonMonotonic++;
      this.lastTime = k;
      this.inPanic = e.level === 'FATAL';
      return e;
    } catch (err) {
      this.error(`line ${r.lines}: ${(err as Error).message}`);
      return null;
    }
  }

  private error(msg: string): void {
    if (this.report.errors.length < 20) this.report.errors.push(msg);
  }
}

export function verifyText(text: string): VerifyReport {
  const v = new Verifier();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const l of lines) v.line(l);
  return v.report;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: verify.ts FILE\n');
    process.exit(2);
  }
  const v = new Verifier();
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const l of rl) v.line(l);
  const r = v.report;
  process.stdout.write(JSON.stringify({ ...r, offsets: [...r.offsets] }) + '\n');
  process.exit(r.errors.length === 0 && r.nonMonotonic === 0 && r.offsets.size <= 1 ? 0 : 1);
}

if (process.argv[1] && /verify\.ts$/.test(process.argv[1])) void main();
