import type { Finding, IssuedOp, ProcessedOp, TimedLocation } from '../core/engine';
import { timeOfDayAt, type AnalyzedFile, type Report } from '../core/report';
import { n, pathOf } from './format';
import { boundsProblems } from './engineBounds';

/** ANSI styling, or none: colour only helps a person at a terminal, and breaks anything that reads a pipe. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  severity(sev: Finding['severity'], s: string): string;
}

export const PLAIN: Style = { bold: (s) => s, dim: (s) => s, severity: (_v, s) => s };
export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  severity: (sev, s) => `\x1b[${sev === 'error' ? 31 : sev === 'warning' ? 33 : 36}m${s}\x1b[39m`,
};

/** Control characters from a log must not reach the terminal as escape sequences. */
function safe(s: string): string {
  return s.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** `path:line` of a place in a report's files. */
function where(files: readonly AnalyzedFile[], at: { readonly file: number; readonly line: number }): string {
  return `${pathOf(files, at.file)}:${at.line}`;
}

function op(q: IssuedOp | ProcessedOp): string {
  return q.observeId === undefined ? q.op : `${q.op}(${q.observeId})`;
}

function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > width) { out.push(indent + line); line = word; } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

export function findingText(f: Finding, files: readonly AnalyzedFile[], st: Style): string {
  const out: string[] = [];
  out.push(`${st.severity(f.severity, st.bold(f.severity.toUpperCase()))} ${st.bold(f.rule)}  ${where(files, f.location)}`);
  out.push(wrap(safe(f.message), 100, '  '));
  if (f.causes.length > 0) {
    out.push(st.bold('  causal chain:'));
    const w = Math.max(...f.causes.map((c) => where(files, c).length));
    const rw = Math.max(...f.causes.map((c) => c.role.length));
    for (const c of f.causes) out.push(`    ${where(files, c).padEnd(w)}  ${st.dim(c.role.padEnd(rw))}  ${safe(c.message)}`);
  }
  if (f.queue !== undefined && (f.queue.issued.length > 0 || f.queue.processed.length > 0)) {
    out.push(st.bold('  queue: issued (by origin)                    processed (subscription manager order)'));
    const rows = Math.max(f.queue.issued.length, f.queue.processed.length);
    for (let i = 0; i < rows; i++) {
      const a = f.queue.issued[i];
      const b = f.queue.processed[i];
      const left = a === undefined ? '' : `${op(a)} <- ${a.origin} (line ${a.line})`;
      const right = b === undefined ? '' : `${op(b)} (line ${b.line})`;
      out.push(`    ${String(i + 1).padStart(2)}. ${left.padEnd(40)} ${right}`);
    }
  }
  if (f.related !== undefined) out.push(`  follows from ${f.related.rule} at ${where(files, f.related.location)}`);
  out.push(st.dim(wrap(safe(f.explanation), 100, '  ')));
  return out.join('\n') + '\n';
}

/** `taken`: what a folder analysis read and skipped (`takenText`), shown under the counts. */
export function summaryText(report: Report, st: Style, taken?: string): string {
  const s = report.result.summary;
  const lines = report.files.map((f) =>
    `  ${f.path} (store ${f.store}): ${n(f.stats.lines)} lines, ${n(f.stats.byKind.entry)} entries, ${n(f.stats.byKind.unparsed)} unparsed`);
  const bytes = report.files.reduce((a, f) => a + f.stats.bytes, 0);
  const rules = Object.entries(s.byRule).map(([r, c]) => `${r} ${c}`).join(', ');
  return [
    st.bold(`${n(s.findings)} finding${s.findings === 1 ? '' : 's'}`) + (rules ? ` (${rules})` : '') +
      ` in ${n(s.regions)} regions across ${n(s.stores)} store${s.stores === 1 ? '' : 's'}; ` +
      `${(bytes / 1e6).toFixed(1)} MB in ${(report.ms / 1000).toFixed(2)} s`,
    ...(taken === undefined ? [] : [taken]),
    ...boundsProblems(s).map((p) => st.dim(p)),
    ...lines,
  ].join('\n') + '\n';
}

/** Log order for entries from one store's files: by time where both lines have one, else by file and line. */
function logOrder(a: TimedLocation, b: TimedLocation): number {
  if (a.ts !== null && b.ts !== null && a.ts !== b.ts) return a.ts - b.ts;
  return a.file - b.file || a.line - b.line;
}

/** `analyze --region ID`: the region's roles, subscription and processed ops in each store, in log order. */
export function regionText(report: Report, regionId: string, st: Style): string {
  const timelines = report.result.timelines.filter((t) => t.regionId === regionId);
  if (timelines.length === 0) return `region ${regionId}: not in these logs\n`;
  const out: string[] = [];
  for (const t of timelines) {
    out.push(st.bold(`region ${regionId} on store ${t.store}: log backup subscription ${t.state}`));
    const rows = [
      ...t.roles.map((r) => ({ at: r, what: 'role', text: `${r.role} at term ${r.term}` })),
      ...t.subscription.map((x) => ({ at: x, what: 'subscription', text: `${x.state}${x.observeId === undefined ? '' : ` ObserveId(${x.observeId})`}` })),
      ...t.ops.map((o) => ({ at: o, what: 'processed', text: op(o) })),
    ].sort((a, b) => logOrder(a.at, b.at));
    const w = Math.max(...rows.map((r) => where(report.files, r.at).length));
    for (const r of rows) out.push(`  ${where(report.files, r.at).padEnd(w)}  ${(timeOfDayAt(report.files, r.at) ?? '').padEnd(12)}  ${st.dim(r.what.padEnd(12))}  ${safe(r.text)}`);
    if (t.pendingSkips !== undefined) {
      out.push(`  pending region, skip resolving ${t.pendingSkips.count} times (${where(report.files, t.pendingSkips.first)} to ${where(report.files, t.pendingSkips.last)})`);
    }
    const dropped = t.dropped.roles + t.dropped.subscription + t.dropped.ops;
    if (dropped > 0) out.push(st.dim(`  (${dropped} older entries not kept: ${t.dropped.roles} roles, ${t.dropped.subscription} subscription, ${t.dropped.ops} ops)`));
  }
  return out.join('\n') + '\n';
}
