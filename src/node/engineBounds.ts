import type { Summary } from '../core/engine';

/**
 * What the engine's memory bounds cost this analysis, one sentence each (none when nothing was dropped): said in the
 * CLI's summary and in the JSON's `summary.problems`, since a report that silently lacks a region's timeline would
 * read as "that region did nothing".
 */
export function boundsProblems(s: Summary): string[] {
  const out: string[] = [];
  const dropped = s.droppedRegions ?? 0;
  if (dropped > 0) {
    out.push(`memory bound: ${dropped.toLocaleString('en-US')} regions that were quiet and awaited by no rule were dropped ` +
      'to keep the analysis within its heap; findings are unaffected, but their role and subscription timelines are not in this report');
  }
  if (s.trimmedWindows > 0) {
    out.push(`memory bound: the least recently active regions let go of their oldest events ${s.trimmedWindows.toLocaleString('en-US')} times ` +
      '(their causal chains and timelines may be partial; each timeline counts what it lost)');
  }
  const over = s.regionsOverCap ?? 0;
  if (over > 0) out.push(`memory bound: ${over.toLocaleString('en-US')} regions over the cap were kept because a rule still waits on them (pending subscriptions)`);
  return out;
}
