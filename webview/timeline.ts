// The region's timeline under the lanes: raft role by term and subscription state as spans, ops and errors as
// points, all on one axis of log lines. The axis is ordinal (one step per line that matters) because the lines of
// the #18243 sequence fall within milliseconds and the pending skips follow seconds later: a linear time scale
// would squeeze the whole story into one pixel. Times label the steps instead. Pure: built on the extension side,
// laid out on the webview side.
import type { Cause, CauseRole, RegionTimeline, TimedLocation } from '../src/core/engine/types';
import type { TimeLookup } from './lanes';
import type { AxisPoint, LineRef, TimelineData, TimelineMarker, TimelineSegment } from './protocol';

const EVENT_KINDS: Partial<Record<CauseRole, TimelineMarker['kind']>> = {
  'stale-error': 'error',
  'start-failed': 'error',
  'start-result-error': 'error',
  'task-init-error': 'error',
  'fatal-error': 'error',
  'task-paused': 'error',
  'refresh-absent': 'error',
  'task-registered': 'task',
  'ranges-registered': 'task',
  inactivated: 'info',
  'stale-start': 'info',
  retry: 'info',
  'retry-given-up': 'error',
  'refresh-failed': 'error',
};

const EVENT_LABELS: Partial<Record<CauseRole, string>> = {
  'stale-error': 'stale observe id',
  'start-failed': 'start failed',
  'start-result-error': 'start result: error',
  'task-init-error': 'task init failed',
  'fatal-error': 'fatal error',
  'task-paused': 'task paused',
  'refresh-absent': 'refresh found no subscription',
  'task-registered': 'task registered',
  'ranges-registered': 'ranges registered',
  inactivated: 'inactivated',
  'stale-start': 'stale start',
  retry: 'retry',
  'retry-given-up': 'retry given up',
  'refresh-failed': 'refresh failed',
};

interface Point extends LineRef {
  readonly ts: number | null;
  readonly time?: string;
}

const keyOf = (r: LineRef): string => `${r.file}:${r.line}`;

/** The axis: each distinct line once, by time when every line has one, else by file and line. */
export function buildAxis(lines: readonly TimedLocation[], times?: TimeLookup): Point[] {
  const seen = new Map<string, Point>();
  for (const r of lines) {
    const key = keyOf(r);
    if (seen.has(key)) continue;
    const time = times?.(r);
    seen.set(key, { file: r.file, line: r.line, ts: r.ts, ...(time !== undefined ? { time } : {}) });
  }
  const points = [...seen.values()];
  const byLine = (a: Point, b: Point): number => a.file - b.file || a.line - b.line;
  const allTimed = points.every((p) => p.ts !== null);
  const byTime = (a: Point, b: Point): number => (a.ts ?? 0) - (b.ts ?? 0) || byLine(a, b);
  points.sort(allTimed ? byTime : byLine);
  return points;
}

export function buildTimeline(tl: RegionTimeline | undefined, causes: readonly Cause[], rejected?: LineRef, times?: TimeLookup): TimelineData {
  const events = causes.filter((c) => EVENT_KINDS[c.role] !== undefined);
  const skips = tl?.pendingSkips;
  const lines: TimedLocation[] = [
    ...(tl?.roles ?? []),
    ...(tl?.subscription ?? []),
    ...(tl?.ops ?? []),
    ...events,
    ...(skips ? [skips.first, skips.last] : []),
  ];
  const points = buildAxis(lines, times);
  const at = new Map(points.map((p, i) => [keyOf(p), i]));
  const index = (r: LineRef): number => at.get(keyOf(r)) ?? 0;
  const axis: AxisPoint[] = points.map((p) => ({ file: p.file, line: p.line, ...(p.time !== undefined ? { time: p.time } : {}) }));

  // Consecutive entries in the same state are one span (the engine may record a state at the op and again at
  // the listen line); the span starts at the first and takes the first ObserveId either names.
  const spans = <T extends LineRef>(items: readonly T[], track: 'role' | 'subscription', same: (a: T, b: T) => boolean, merge: (a: T, b: T) => T, describe: (t: T) => Omit<TimelineSegment, 'track' | 'from' | 'to' | 'file' | 'line'>): TimelineSegment[] => {
    const sorted: T[] = [];
    for (const t of [...items].sort((a, b) => index(a) - index(b))) {
      const last = sorted[sorted.length - 1];
      if (last !== undefined && same(last, t)) sorted[sorted.length - 1] = merge(last, t);
      else sorted.push(t);
    }
    return sorted.map((t, i) => ({
      track,
      from: index(t),
      to: i + 1 < sorted.length ? index(sorted[i + 1]) : axis.length,
      file: t.file,
      line: t.line,
      ...describe(t),
    }));
  };
  const segments = [
    ...spans(tl?.roles ?? [], 'role', (a, b) => a.role === b.role && a.term === b.term, (a) => a,
      (r) => ({ kind: r.role, label: `${r.role} t${r.term}`, detail: `became ${r.role} at term ${r.term}` })),
    ...spans(tl?.subscription ?? [], 'subscription',
      (a, b) => a.state === b.state && (a.observeId === undefined || b.observeId === undefined || a.observeId === b.observeId),
      (a, b) => (a.observeId === undefined && b.observeId !== undefined ? { ...a, observeId: b.observeId } : a),
      (s) => ({
      kind: s.state,
      label: s.observeId === undefined ? s.state : `${s.state} ${s.observeId}`,
      detail: `subscription ${s.state}${s.observeId === undefined ? '' : ` (ObserveId(${s.observeId}))`}`,
    })),
  ];

  const markers: TimelineMarker[] = [];
  for (const op of tl?.ops ?? []) {
    const isRejected = rejected !== undefined && rejected.file === op.file && rejected.line === op.line;
    const label = op.observeId === undefined ? op.op : `${op.op} ${op.observeId}`;
    markers.push({
      track: 'op', at: index(op), kind: isRejected ? 'rejected' : 'op', file: op.file, line: op.line, label,
      detail: `processed ${op.observeId === undefined ? op.op : `${op.op} ObserveId(${op.observeId})`}${isRejected ? ' (rejected as stale)' : ''}`,
    });
  }
  for (const c of events) {
    markers.push({ track: 'event', at: index(c), kind: EVENT_KINDS[c.role] ?? 'info', file: c.file, line: c.line, label: EVENT_LABELS[c.role] ?? c.role, detail: c.message });
  }
  if (skips) {
    const detail = `pending region, skip resolving: ${skips.count} times`;
    markers.push({ track: 'event', at: index(skips.first), kind: 'info', file: skips.first.file, line: skips.first.line, label: `pending ×${skips.count}`, detail: `${detail} (first)` });
    if (keyOf(skips.last) !== keyOf(skips.first)) {
      markers.push({ track: 'event', at: index(skips.last), kind: 'info', file: skips.last.file, line: skips.last.line, label: 'pending (last)', detail: `${detail} (last)` });
    }
  }
  markers.sort((a, b) => a.at - b.at);
  const dropped = tl ? tl.dropped.roles + tl.dropped.subscription + tl.dropped.ops : 0;
  return { axis, segments, markers, dropped };
}

export interface TimelineLayout {
  readonly width: number;
  readonly step: number;
  /** Left edge of axis point i. */
  x(i: number): number;
}

/** Equal steps, at least `minStep` wide, stretched to fill `available` when there are few points. */
export function layoutTimeline(points: number, available: number, minStep = 72, maxStep = 160, gutter = 0): TimelineLayout {
  const n = Math.max(points, 1);
  const step = Math.max(minStep, Math.min(maxStep, Math.floor((available - gutter) / n)));
  return { width: gutter + step * n, step, x: (i) => gutter + i * step };
}
