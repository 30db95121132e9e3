import { statSync } from 'node:fs';
import { Analyzer } from '../core/engine';
import { extractEvents, type DomainEvent } from '../core/events';
import { RULES } from '../core/rules/registry';
import { RELEVANT_PREFIXES } from './analyze';
import { splitAtOffsets } from './ranges';
import { scanFile } from './scan';
import type { WorkerPool } from './workerPool';
import type { ExtractRequest } from './workerProtocol';

/** Per thread: enough lines for V8 to optimise the per-line code, little enough to take well under 0.1 s. */
const WARM_UP_BYTES_PER_THREAD = 8 * 1024 * 1024;

/**
 * Runs the analysis's hot code once, in this thread and in each scan worker, over the start of a real log (the
 * one the editor expects to be opened), and throws the result away. A cold worker needs about twice the CPU
 * for its first ranges while V8 has not yet optimised the scanner, the extractors and the engine; on a machine
 * whose cores are busy with the workbench that is what delays the first finding. Failures are ignored: the
 * worker is then as cold as it was.
 */
export async function warmUp(path: string, pool: WorkerPool, scanWorkers: number): Promise<void> {
  try {
    const size = statSync(path).size;
    const threads = scanWorkers + 1;
    const end = Math.min(size, WARM_UP_BYTES_PER_THREAD * threads);
    const offsets = Array.from({ length: threads - 1 }, (_, i) => Math.floor((end * (i + 1)) / threads));
    const ranges = splitAtOffsets(path, offsets).filter((r) => r.start < end);
    const replies = ranges.slice(1).map((r) => pool.run<ExtractRequest>({ task: 'extract', path, start: r.start, end: Math.min(r.end, end), file: 0 }));
    const events: DomainEvent[] = [];
    scanFile(path, { start: 0, end: Math.min(ranges[0].end, end), relevantPrefixes: RELEVANT_PREFIXES }, (e) => {
      for (const ev of extractEvents(e, 0)) events.push(ev);
    });
    for (const reply of await Promise.all(replies)) if (reply.ok) events.push(...reply.events);
    const analyzer = new Analyzer({ rules: RULES, timelines: 'none' });
    for (const ev of events) analyzer.add(ev);
    analyzer.finish();
  } catch {
    // An unreadable or vanished file: nothing to warm with.
  }
}
