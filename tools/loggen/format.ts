// Renders a LogRec as one physical line in TiKV's unified text format or in its JSON format.
import { quoteIfNeeded } from './quote';
import type { LogRec, Value } from './record';
import { Rng } from './prng';

export type OutputFormat = 'unified' | 'json';

export interface LineFormatter {
  /** The line including its trailing LF. */
  format(time: string, r: LogRec): string;
}

function textValue(v: Value): string {
  if (typeof v === 'string') return quoteIfNeeded(v);
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN'; // Rust's Display of f64 NaN
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return String(v);
  }
  if (v === null) return 'None';
  return v ? 'true' : 'false';
}

/** `[time] [LEVEL] [source] [message] [k=v]... [thread_id=N]` */
export class UnifiedFormatter implements LineFormatter {
  // Keys come from a small fixed vocabulary; remembering their rendering saves a scan per field.
  private readonly keys = new Map<string, string>();

  private key(k: string): string {
    let q = this.keys.get(k);
    if (q === undefined) {
      q = quoteIfNeeded(k);
      if (this.keys.size < 4096) this.keys.set(k, q);
    }
    return q;
  }

  format(time: string, r: LogRec): string {
    let s = '[' + time + '] [' + r.level + '] [' + r.src + '] [' + quoteIfNeeded(r.msg) + ']';
    const kv = r.kv;
    for (let i = 0; i < kv.length; i += 2) {
      s += ' [' + this.key(kv[i] as string) + '=' + textValue(kv[i + 1]) + ']';
    }
    return s + ' [thread_id=' + r.tid + ']\n';
  }
}

function jsonValue(v: Value): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null'; // slog-json writes NaN/inf as null
  if (v === null) return 'null';
  return v ? 'true' : 'false';
}

const FIXED = ['time', 'level', 'caller', 'message'] as const;

/**
 * One JSON object per line. slog-json's key order is not stable (tikv#14012 shows `level, caller,
 * message, time, ...`), so the order of the fixed keys and where the fields go vary per line. The order
 * is drawn from its own generator so that `--format json` describes the same events as the text output.
 */
export class JsonFormatter implements LineFormatter {
  private readonly orders: (readonly (typeof FIXED)[number][])[] = [];

  constructor(private readonly rng: Rng) {
    const perms: (typeof FIXED)[number][][] = [];
    const permute = (rest: (typeof FIXED)[number][], acc: (typeof FIXED)[number][]): void => {
      if (rest.length === 0) perms.push(acc);
      for (let i = 0; i < rest.length; i++) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, rest[i]]);
    };
    permute([...FIXED], []);
    this.orders = perms;
  }

  format(time: string, r: LogRec): string {
    const order = this.orders[this.rng.int(this.orders.length)];
    const fieldsAt = this.rng.int(FIXED.length + 1);
    const fixed = (k: (typeof FIXED)[number]): string => {
      switch (k) {
        case 'time': return '"time":' + JSON.stringify(time);
        case 'level': return '"level":"' + r.level + '"';
        case 'caller': return '"caller":' + JSON.stringify(r.src);
        case 'message': return '"message":' + JSON.stringify(r.msg);
      }
    };
    let fields = '';
    for (let i = 0; i < r.kv.length; i += 2) {
      fields += JSON.stringify(r.kv[i]) + ':' + jsonValue(r.kv[i + 1]) + ',';
    }
    fields += '"thread_id":' + r.tid;
    const parts: string[] = [];
    for (let i = 0; i <= order.length; i++) {
      if (i === fieldsAt) parts.push(fields);
      if (i < order.length) parts.push(fixed(order[i]));
    }
    return '{' + parts.join(',') + '}\n';
  }
}

export function makeFormatter(format: OutputFormat, rng: Rng): LineFormatter {
  return format === 'json' ? new JsonFormatter(rng) : new UnifiedFormatter();
}
