// One region's queue-order model, built from a report: the lanes (from the finding's reconstructed queue, or only
// the processed ops when the region has no finding), the timeline, and what the init message says about it.
// Pure (no editor API), so it is unit-tested on real analyses.
import type { Cause, Finding, RegionTimeline } from '../core/engine/types';
import { idsMentioned } from '../core/events';
import { parseText } from '../core/parser';
import { findingsAt, timelineOf, timeOfDayAt, type Report } from '../core/report';
import { lanesFromOps, lanesFromQueue, orderText, type LaneModel, type TimeLookup } from '../../webview/lanes';
import { buildTimeline } from '../../webview/timeline';
import type { QueueSource, RegionRef, RegionSummary, TimelineData } from '../../webview/protocol';

export interface RegionModel {
  readonly ref: RegionRef & { readonly reportIndex: number };
  readonly summary: RegionSummary;
  readonly files: readonly string[];
  readonly lanes: LaneModel;
  readonly source: QueueSource;
  readonly finding?: Finding;
  readonly timeline: TimelineData;
  readonly processedOrder: string;
}

export interface RegionData {
  readonly reportIndex: number;
  readonly report: Report;
  readonly store: string;
  readonly regionId: string;
  readonly timeline?: RegionTimeline;
  readonly findings: readonly Finding[];
}

/** The region in the report it names, else in the first report that has it. */
export function findRegion(reports: readonly Report[], ref: RegionRef): RegionData | undefined {
  const order = ref.reportIndex !== undefined && ref.reportIndex < reports.length
    ? [ref.reportIndex, ...reports.keys()].filter((i, k, a) => a.indexOf(i) === k)
    : [...reports.keys()];
  for (const reportIndex of order) {
    const report = reports[reportIndex];
    const timeline = timelineOf(report, ref.store, ref.regionId);
    const findings = report.result.findings.filter((f) => f.store === ref.store && f.regionId === ref.regionId);
    if (timeline || findings.length > 0) return { reportIndex, report, store: ref.store, regionId: ref.regionId, timeline, findings };
  }
  return undefined;
}

/** The finding whose queue the lanes show: the #18243 reorder when there is one, else any finding with a queue. */
export function queueFinding(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.queue && f.rule === 'stale-observe-reorder') ?? findings.find((f) => f.queue);
}

function uniqueCauses(findings: readonly Finding[]): Cause[] {
  const seen = new Set<string>();
  const out: Cause[] = [];
  for (const f of findings) {
    for (const c of f.causes) {
      const key = `${c.file}:${c.line}:${c.role}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(c);
      }
    }
  }
  return out;
}

export function buildRegionModel(data: RegionData, fileLabel: (path: string) => string, storeLabel: (store: string) => string): RegionModel {
  const times: TimeLookup = (at) => timeOfDayAt(data.report.files, at);
  const finding = queueFinding(data.findings);
  const causes = uniqueCauses(data.findings);
  let lanes: LaneModel;
  let source: QueueSource;
  if (finding?.queue) {
    lanes = lanesFromQueue(finding.queue, [...finding.causes, ...causes], times);
    source = 'finding';
  } else {
    lanes = lanesFromOps(data.timeline?.ops ?? [], causes, times);
    source = lanes.processed.length > 0 ? 'timeline' : 'none';
  }
  const rejected = lanes.processed.find((p) => p.mark === 'rejected');
  const ref = { reportIndex: data.reportIndex, store: data.store, regionId: data.regionId };
  return {
    ref,
    summary: {
      ref,
      regionId: data.regionId,
      storeLabel: storeLabel(data.store),
      findings: data.findings.length,
      ...(data.timeline ? { state: data.timeline.state } : {}),
    },
    files: data.report.files.map((f) => fileLabel(f.path)),
    lanes,
    source,
    ...(finding ? { finding } : data.findings[0] ? { finding: data.findings[0] } : {}),
    timeline: buildTimeline(data.timeline, causes, rejected, times),
    processedOrder: orderText(lanes.processed),
  };
}

/** The region a line is about: a finding there (or one whose chain passes there), else a region id on the line. */
export function regionAtLine(report: Report, reportIndex: number, file: number, line: number, lineText: string | undefined): RegionRef | undefined {
  const withRegion = (fs: readonly Finding[]): Finding | undefined => fs.find((f) => f.regionId !== '' && f.queue) ?? fs.find((f) => f.regionId !== '');
  const at = withRegion(findingsAt(report, file, line))
    ?? withRegion(report.result.findings.filter((f) => f.causes.some((c) => c.file === file && c.line === line)));
  if (at) return { reportIndex, store: at.store, regionId: at.regionId };
  if (lineText === undefined) return undefined;
  const entry = parseText(lineText)[0];
  if (entry?.kind !== 'entry') return undefined;
  const regionId = idsMentioned(entry).find((m) => m.kind === 'region')?.value;
  if (regionId === undefined) return undefined;
  // The file's own store first (a line's store_id can override it, so fall back to any store with the region).
  const fileStore = report.files[file]?.store;
  const timelines = report.result.timelines.filter((t) => t.regionId === regionId);
  const t = timelines.find((x) => x.store === fileStore) ?? timelines[0];
  return t ? { reportIndex, store: t.store, regionId } : fileStore !== undefined ? { reportIndex, store: fileStore, regionId } : undefined;
}
