import type { Finding, RegionTimeline } from '../core/engine';
import type { AnalyzedFile, Report } from '../core/report';
import { pathOf } from './format';
import type { InputProblem } from './inputs';
import { skippedByReason, type SkippedFile } from './logFolder';
import { boundsProblems } from './engineBounds';

/**
 * `analyze --format json`: the stable, documented shape (README "analyze output"). Files are paths here, not the
 * engine's indices, so the output stands on its own.
 */
export function findingJson(f: Finding, files: readonly AnalyzedFile[]): Record<string, unknown> {
  const path = (i: number): string => pathOf(files, i);
  const o: Record<string, unknown> = {
    rule: f.rule,
    severity: f.severity,
    regionId: f.regionId,
    store: f.store,
    message: f.message,
    explanation: f.explanation,
    location: { path: path(f.location.file), line: f.location.line },
    causes: f.causes.map((c) => ({ path: path(c.file), line: c.line, message: c.message, role: c.role })),
  };
  if (f.queue !== undefined) {
    o.queue = {
      issued: f.queue.issued.map((q) => ({ op: q.op, observeId: q.observeId, origin: q.origin, path: path(q.file), line: q.line })),
      processed: f.queue.processed.map((q) => ({ op: q.op, observeId: q.observeId, path: path(q.file), line: q.line })),
    };
  }
  if (f.related !== undefined) o.related = { rule: f.related.rule, location: { path: path(f.related.location.file), line: f.related.location.line } };
  return o;
}

export interface ReportExtra {
  readonly peakRssMB: number;
  readonly problems: readonly InputProblem[];
  readonly regionId?: string;
  /** Files below the folders given that were not read, and why. */
  readonly skipped?: readonly SkippedFile[];
  /** Links not followed below those folders. */
  readonly notes?: readonly InputProblem[];
}

export function reportJson(report: Report, extra: ReportExtra): Record<string, unknown> {
  const s = report.result.summary;
  const skipped = extra.skipped ?? [];
  return {
    files: report.files.map((f) => ({
      path: f.path, store: f.store, lines: f.stats.lines, entries: f.stats.byKind.entry, unparsed: f.stats.byKind.unparsed,
      bytes: f.stats.bytes,
    })),
    skipped: skipped.map((f) => ({ path: f.path, reason: f.reason })),
    findings: report.result.findings.map((f) => findingJson(f, report.files)),
    ...(extra.regionId !== undefined ? { regions: report.result.timelines.filter((t) => t.regionId === extra.regionId).map((t) => timelineJson(t, report.files)) } : {}),
    summary: {
      findings: s.findings, byRule: s.byRule, bySeverity: s.bySeverity, regions: s.regions, stores: s.stores, events: s.events,
      lines: report.files.reduce((a, f) => a + f.stats.lines, 0),
      bytes: report.files.reduce((a, f) => a + f.stats.bytes, 0),
      ms: Math.round(report.ms), firstFindingMs: report.firstFindingMs === null ? null : Math.round(report.firstFindingMs),
      peakRssMB: Math.round(extra.peakRssMB), problems: [...extra.problems, ...boundsProblems(s).map((message) => ({ path: '', message }))],
      input: {
        logs: report.files.length, stores: new Set(report.files.map((f) => f.store)).size,
        skipped: skipped.length, skippedByReason: skippedByReason(skipped), notes: extra.notes ?? [],
      },
    },
  };
}

/** `analyze --region ID --format json`: one entry per store that logged the region. */
export function timelineJson(t: RegionTimeline, files: readonly AnalyzedFile[]): Record<string, unknown> {
  const path = (i: number): string => pathOf(files, i);
  return {
    regionId: t.regionId,
    store: t.store,
    state: t.state,
    roles: t.roles.map((r) => ({ role: r.role, term: r.term, path: path(r.file), line: r.line })),
    subscription: t.subscription.map((x) => ({ state: x.state, observeId: x.observeId, path: path(x.file), line: x.line })),
    processed: t.ops.map((o) => ({ op: o.op, observeId: o.observeId, path: path(o.file), line: o.line })),
    dropped: t.dropped,
  };
}
