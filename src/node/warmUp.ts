import { statSync } from 'node:fs';
import { Analyzer } from '../core/engine';
import type { DomainEvent } from '../core/events';
import { RULES } from '../core/rules/registry';
import { forEachEvent } from './eventBatch';
import { extractRange } from './analyze';
import { splitAtOffsets, type ByteRange } from './ranges';
import type { WorkerPool } from './workerPool';
import type { ExtractRequest } from './workerProtocol';

/**
 * Per thread. V8 needs a few tens of MB of log before the per-line code runs at full speed (one cold thread: the
 * first 16 MB in 205 ms, the next in 106, then ~70). Ready worker, 300 MB log, incident 15 MB in, outside VS Code:
 * first finding 311 ms after 8 MB, 267 ms after 16 MB, 230 ms after 32 MB (medians of five); in the workbench,
 * tab to first Problems row 629-1144 ms after 16 MB (8 runs), 646-942 ms after 32 MB. The price: ~2 s of CPU
 * (~1.2 s for 16 MB) once per spare, in the background.
 */
const WARM_UP_BYTES_PER_THREAD = 32 * 1024 * 1024;

/**
 * Runs the analysis's hot code once, in this thread and in each scan worker, over the start of a real log (the
 * one the editor expects to be opened), and throws the result away. A cold worker needs about twice the CPU
 * for its first ranges while V8 has not yet optimised the scanner, the extractors and the engine; on a machine
 * whose cores are busy with the workbench that is what delays the first finding. Failures are ignored: the
 * worker is then as cold as it was. True when the code ran.
 */
export async function warmUp(path: string, pool: WorkerPool, scanWorkers: number): Promise<boolean> {
  try {
    const size = statSync(path).size;
    const threads = scanWorkers + 1;
    const end = Math.min(size, WARM_UP_BYTES_PER_THREAD * threads);
    const offsets = Array.from({ length: threads - 1 }, (_, i) => Math.floor((end * (i + 1)) / threads));
    const ranges = splitAtOffsets(path, offsets).filter((r) => r.start < end);
    const extract = (r: ByteRange): Omit<ExtractRequest, 'id'> => ({ task: 'extract', path, start: r.start, end: Math.min(r.end, end), file: 0 });
    const replies = ranges.slice(1).map((r) => pool.run<ExtractRequest>(extract(r)));
    const own = extractRange({ id: 0, ...extract(ranges[0]) });
    const analyzer = new Analyzer({ rules: RULES, timelines: 'none' });
    const add = (ev: DomainEvent): void => analyzer.add(ev);
    for (const reply of [own, ...await Promise.all(replies)]) if (reply.ok) forEachEvent(reply.events, 0, 0, add);
    analyzer.finish();
    return true;
  } catch {
    // An unreadable or vanished file: nothing to warm with, and the worker is as cold as it was.
    return false;
  }
}
