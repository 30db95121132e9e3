import type { LineStats } from '../core/lineStats';
import type { AnalyzedFile } from '../core/report';

export function n(x: number): string {
  return x.toLocaleString('en-US');
}

export function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1) + ' MB';
}

/** A report's file index as its path (the engine works with indices; output stands on its own). */
export function pathOf(files: readonly AnalyzedFile[], file: number): string {
  return files[file]?.path ?? `#${file}`;
}

export function isoOrDash(ts: number | null): string {
  return ts === null ? '-' : new Date(ts).toISOString();
}

/** A few readable lines for a terminal: the accounting first, since that is what `--stats` promises. */
export function describeStats(label: string, s: LineStats): string {
  const k = s.byKind;
  const lines = [
    `${label}: ${n(s.lines)} lines, ${mb(s.bytes)}: ${n(k.entry)} entries, ${n(k.continuation)} continuation, ` +
      `${n(k.blank)} blank, ${n(k.unparsed)} unparsed`,
  ];
  const reasons = Object.entries(s.unparsedByReason).map(([r, c]) => `${r} ${n(c)}`);
  if (reasons.length > 0) lines.push(`  unparsed by reason: ${reasons.join(', ')}`);
  const formats = Object.entries(s.byFormat).map(([f, c]) => `${f} ${n(c)}`);
  if (formats.length > 0) lines.push(`  formats: ${formats.join(', ')}${s.damaged ? `; ${n(s.damaged)} damaged entries recovered` : ''}`);
  if (s.firstTs !== null) lines.push(`  time range: ${isoOrDash(s.firstTs)} .. ${isoOrDash(s.lastTs)}`);
  return lines.join('\n');
}
