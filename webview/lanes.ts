// The two lanes of the queue-order view, built on the extension side from the engine's queue: every op once as it
// was issued and once as it was processed, each pointing at the other, with how many connectors its own crosses.
// A reorder (tikv/tikv#18243) is exactly a pair of crossing connectors. Pure: no DOM, no editor API.
import type { Cause, ProcessedOp, Queue, TimedLocation } from '../src/core/engine/types';
import type { LaneWindow, LineRef, OpMark, OpRow } from './protocol';

/**
 * The time of day a line shows (`14:05:20.129`), from the `ts` the engine carries and its file's clock; undefined
 * for a line without a time. Given by the extension, which knows the files (the webview bundle takes core types only).
 */
export type TimeLookup = (at: TimedLocation) => string | undefined;

export interface LaneModel {
  readonly issued: readonly OpRow[];
  readonly processed: readonly OpRow[];
  /** Pairs of crossing connectors. */
  readonly crossings: number;
}

const lineKey = (file: number, line: number): string => `${file}:${line}`;

function timeOf(lookup: TimeLookup | undefined, at: TimedLocation): { time?: string } {
  const time = lookup?.(at);
  return time === undefined ? {} : { time };
}

/**
 * Per link, how many other links it crosses. Link k goes from issued position k's `from` to processed position
 * `to`; two links cross when their order differs on the two sides. O(n log n) with a Fenwick tree over `to`, so a
 * queue of thousands of ops costs nothing noticeable.
 */
export function crossingCounts(links: readonly { readonly from: number; readonly to: number }[]): number[] {
  const n = links.length;
  const out = new Array<number>(n).fill(0);
  if (n < 2) return out;
  const maxTo = links.reduce((m, l) => Math.max(m, l.to), 0) + 1;
  const order = links.map((_, k) => k).sort((a, b) => links[a].from - links[b].from || links[a].to - links[b].to);
  const tree = new Array<number>(maxTo + 1).fill(0);
  const add = (i: number): void => {
    for (let x = i + 1; x <= maxTo; x += x & -x) tree[x]++;
  };
  const upTo = (i: number): number => {
    let s = 0;
    for (let x = i + 1; x > 0; x -= x & -x) s += tree[x];
    return s;
  };
  // Earlier issued, later processed: counted while walking forwards. Equal `from` or `to` never cross.
  let seen = 0;
  for (let a = 0; a < n; ) {
    let b = a;
    while (b < n && links[order[b]].from === links[order[a]].from) b++;
    for (let k = a; k < b; k++) out[order[k]] += seen - upTo(links[order[k]].to);
    for (let k = a; k < b; k++) add(links[order[k]].to);
    seen += b - a;
    a = b;
  }
  // Later issued, earlier processed: counted while walking backwards.
  tree.fill(0);
  for (let a = n - 1; a >= 0; ) {
    let b = a;
    while (b >= 0 && links[order[b]].from === links[order[a]].from) b--;
    for (let k = a; k > b; k--) out[order[k]] += links[order[k]].to > 0 ? upTo(links[order[k]].to - 1) : 0;
    for (let k = a; k > b; k--) add(links[order[k]].to);
    a = b;
  }
  return out;
}

interface Highlights {
  readonly marks: Map<string, OpMark>;
  readonly error?: LineRef & { readonly text: string };
}

function highlightsOf(causes: readonly Cause[]): Highlights {
  const marks = new Map<string, OpMark>();
  let error: (LineRef & { text: string }) | undefined;
  for (const c of causes) {
    if (c.role === 'older-start-processed-last') marks.set(lineKey(c.file, c.line), 'rejected');
    else if (c.role === 'newer-start-processed-first') marks.set(lineKey(c.file, c.line), 'overtook');
    else if (c.role === 'stale-error' && error === undefined) error = { file: c.file, line: c.line, text: c.message };
  }
  return { marks, ...(error ? { error } : {}) };
}

/** The processed op the stale error belongs to: the one a finding marked rejected, else the last Start before it. */
function rejectedIndex(processed: readonly ProcessedOp[], h: Highlights): number {
  const marked = processed.findIndex((p) => h.marks.get(lineKey(p.file, p.line)) === 'rejected');
  if (marked >= 0 || h.error === undefined) return marked;
  const err = h.error;
  for (let i = processed.length - 1; i >= 0; i--) {
    const p = processed[i];
    if (p.op === 'Start' && p.file === err.file && p.line < err.line) return i;
  }
  return -1;
}

function processedRows(processed: readonly ProcessedOp[], causes: readonly Cause[], times: TimeLookup | undefined): OpRow[] {
  const h = highlightsOf(causes);
  const rejected = rejectedIndex(processed, h);
  return processed.map((p, index) => {
    const mark = index === rejected ? 'rejected' : h.marks.get(lineKey(p.file, p.line));
    return {
      index,
      op: p.op,
      ...(p.observeId !== undefined ? { observeId: p.observeId } : {}),
      file: p.file,
      line: p.line,
      ...timeOf(times, p),
      peer: -1,
      crossings: 0,
      ...(mark !== undefined ? { mark } : {}),
      ...(index === rejected && h.error ? { error: h.error } : {}),
    };
  });
}

/** Both lanes of a finding's reconstructed queue. */
export function lanesFromQueue(queue: Queue, causes: readonly Cause[], times?: TimeLookup): LaneModel {
  const processed = processedRows(queue.processed, causes, times);
  const byLine = new Map<string, number[]>();
  processed.forEach((p, j) => {
    const key = lineKey(p.file, p.line);
    const list = byLine.get(key);
    if (list) list.push(j);
    else byLine.set(key, [j]);
  });
  const peers = queue.issued.map((op) => byLine.get(lineKey(op.processedAt.file, op.processedAt.line))?.shift() ?? -1);
  const links = peers.map((to, from) => ({ from, to })).filter((l) => l.to >= 0);
  const counts = crossingCounts(links);
  const crossingsOfIssued = new Array<number>(peers.length).fill(0);
  links.forEach((l, k) => (crossingsOfIssued[l.from] = counts[k]));

  const issued: OpRow[] = queue.issued.map((op, index) => {
    const peer = peers[index];
    const mark = peer >= 0 ? processed[peer].mark : undefined;
    return {
      index,
      op: op.op,
      ...(op.observeId !== undefined ? { observeId: op.observeId } : {}),
      origin: op.origin,
      file: op.file,
      line: op.line,
      ...timeOf(times, op),
      peer,
      crossings: crossingsOfIssued[index],
      ...(mark !== undefined ? { mark } : {}),
    };
  });
  const processedLinked = processed.map((p) => ({ ...p }));
  issued.forEach((op) => {
    if (op.peer >= 0) processedLinked[op.peer] = { ...processedLinked[op.peer], peer: op.index, crossings: op.crossings };
  });
  return { issued, processed: processedLinked, crossings: counts.reduce((s, c) => s + c, 0) / 2 };
}

/** Only the processed lane: a region with no finding has no reconstructed issue order. */
export function lanesFromOps(ops: readonly ProcessedOp[], causes: readonly Cause[], times?: TimeLookup): LaneModel {
  return { issued: [], processed: processedRows(ops, causes, times), crossings: 0 };
}

/** Rows [start, start + count) of both lanes: the window the webview asked for, clipped to each lane. */
export function sliceLanes(model: LaneModel, start: number, count: number): { issued: LaneWindow; processed: LaneWindow } {
  const end = start + count;
  return {
    issued: { start, rows: model.issued.slice(start, end) },
    processed: { start, rows: model.processed.slice(start, end) },
  };
}

/** `Start(191374)` or `Stop`: an op as the order lines and the export write it. */
export function opLabel(row: Pick<OpRow, 'op' | 'observeId'>): string {
  return row.observeId === undefined ? row.op : `${row.op}(${row.observeId})`;
}

export function orderText(rows: readonly OpRow[], max = 12): string {
  const shown = rows.slice(0, max).map(opLabel).join(', ');
  return rows.length > max ? `${shown}, … (${rows.length - max} more)` : shown;
}
