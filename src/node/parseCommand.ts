import { emptyStats, mergeStats, type LineStats } from '../core/lineStats';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseFile } from './parseFile';
import { splitAtEntries } from './ranges';
import { WorkerPool } from './workerPool';
import { toNdjsonObject } from './ndjson';
import { OutputBuffer } from './outputBuffer';

export interface FileStats extends LineStats {
  readonly path: string;
}

/** `tikv-trace parse`: one NDJSON object per physical line, in order, file after file. */
export function writeNdjson(files: readonly string[], out: OutputBuffer): FileStats[] {
  return files.map((path) => {
    const stats = parseFile(path, (p) => out.push(JSON.stringify(toNdjsonObject(path, p)) + '\n'));
    out.flush();
    return { path, ...stats };
  });
}

/** Below this size a file is parsed in this thread: starting workers would cost more than it saves. */
const PARALLEL_FROM_BYTES = 32 * 1024 * 1024;

/**
 * `parse --stats`: the full parser on every line, as `parse` would run it, so the accounting is the same; big
 * files are cut into ranges at entry starts and spread over worker threads.
 */
export async function collectStats(
  files: readonly string[], workers = Math.max(1, availableParallelism()), parallelFromBytes = PARALLEL_FROM_BYTES,
): Promise<FileStats[]> {
  const big = files.some((f) => statSync(f).size >= parallelFromBytes);
  const pool = big && workers > 1 ? new WorkerPool(workers) : undefined;
  try {
    return await Promise.all(files.map(async (path) => {
      if (pool === undefined || statSync(path).size < parallelFromBytes) return { path, ...parseFile(path, () => undefined) };
      const ranges = splitAtEntries(path, workers * 2);
      const replies = await Promise.all(ranges.map((r) => pool.run({ task: 'stats', path, start: r.start, end: r.end })));
      const stats = emptyStats();
      for (const reply of replies) {
        if (!reply.ok) throw new Error(`${path}: ${reply.error}`);
        mergeStats(stats, reply.stats);
      }
      return { path, ...stats };
    }));
  } finally {
    await pool?.close();
  }
}

export function totalStats(files: readonly FileStats[]): LineStats {
  const total = emptyStats();
  for (const f of files) mergeStats(total, f);
  return total;
}
