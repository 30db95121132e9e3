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

/**
 * The log-backup invariants a healthy TiKV keeps, read from the text alone. Generated noise must satisfy
 * all of them; each bug scenario breaks some of them for its own region only.
 */
export interface ObserveReport {
  /** Regions whose `start listen stream` ids did not strictly increase. */
  decreasingIds: number[];
  /** `start listen stream` ids that were smaller than an id already seen for any region. */
  globalBackSteps: number;
  /** `stop listen stream` lines whose id is not the region's running id. */
  stopMismatches: number;
  /** Regions set Inactive/Pending and never started again. */
  neverRestarted: number[];
  staleObserveErrors: number;
  nonRetryableErrors: number;
  /** on_modify_observe / listen-stream lines before any `register backup stream ranges`. */
  opsBeforeTask: number;
  /** `refreshing ... subscription` regions with no later `start listen stream`. */
  refreshedNeverStarted: number[];
}

const OBSERVE_ID = /ObserveId\((\d+)\)/;

export class ObserveChecker {
  private readonly lastStart = new Map<string, number>();
  private readonly running = new Map<string, number>();
  private readonly inactive = new Set<string>();
  private readonly refreshed = new Set<string>();
  private readonly decreasing = new Set<string>();
  private maxId = 0;
  private taskSeen = false;
  readonly report: ObserveReport = {
    decreasingIds: [], globalBackSteps: 0, stopMismatches: 0, neverRestarted: [], staleObserveErrors: 0,
    nonRetryableErrors: 0, opsBeforeTask: 0, refreshedNeverStarted: [],
  };

  entry(e: Entry): void {
    const get = (k: string): string => e.fields.find((f) => f[0] === k)?.[1] ?? '';
    const r = this.report;
    switch (e.message) {
      case 'register backup stream ranges':
        this.taskSeen = true;
        return;
      case 'backup stream: on_modify_observe':
        if (!this.taskSeen) r.opsBeforeTask++;
        return;
      case 'start listen stream from store': {
        if (!this.taskSeen) r.opsBeforeTask++;
        const region = get('r.id');
        const id = Number(OBSERVE_ID.exec(get('observer'))?.[1]);
        if ((this.lastStart.get(region) ?? -1) >= id) this.decreasing.add(region);
        if (id < this.maxId) r.globalBackSteps++;
        this.maxId = Math.max(this.maxId, id);
        this.lastStart.set(region, id);
        this.running.set(region, id);
        this.inactive.delete(region);
        this.refreshed.delete(region);
        return;
      }
      case 'stop listen stream from store': {
        const region = get('region_id');
        if (this.running.get(region) !== Number(OBSERVE_ID.exec(get('observer'))?.[1])) r.stopMismatches++;
        this.running.delete(region);
        return;
      }
      case 'Inactivating subscription.':
        this.inactive.add(get('region_id'));
        return;
      case 'backup stream observer refreshing pending / absent subscription.':
        this.refreshed.add(get('r.id'));
        return;
      case 'backup stream observer refreshing void subscription.':
        this.refreshed.add(/^id: (\d+)/.exec(get('new_region'))?.[1] ?? '?');
        return;
      case 'backup stream meet error':
        if (get('err').includes('stale observe id')) r.staleObserveErrors++;
        if (get('context').includes('can retry = false')) r.nonRetryableErrors++;
        return;
    }
  }

  finish(): ObserveReport {
    const r = this.report;
    r.decreasingIds = [...this.decreasing].map(Number);
    r.neverRestarted = [...this.inactive].map(Number);
    r.refreshedNeverStarted = [...this.refreshed].map(Number);
    return r;
  }
}

export function observeText(text: string): ObserveReport {
  const c = new ObserveChecker();
  for (const l of text.split('\n')) if (l.startsWith('[')) c.entry(parseStrict(l));
  return c.finish();
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
  const c = new ObserveChecker();
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const l of rl) {
    const e = v.line(l);
    if (e) c.entry(e);
  }
  const r = v.report;
  process.stdout.write(JSON.stringify({ ...r, offsets: [...r.offsets], observe: c.finish() }) + '\n');
  process.exit(r.errors.length === 0 && r.nonMonotonic === 0 && r.offsets.size <= 1 ? 0 : 1);
}

if (process.argv[1] && /verify\.ts$/.test(process.argv[1])) void main();
