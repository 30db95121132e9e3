// Worker thread entry: scans one byte range of one file and posts the result back. The same bundle serves the
// CLI's parallel scan and the extension's off-thread analysis, so the extension host is never blocked.
import { parentPort } from 'node:worker_threads';
import { forEachLine } from './lineReader';
import { LineParser } from '../core/parser';
import { countLine, emptyStats } from '../core/lineStats';
import type { WorkerRequest, WorkerReply } from './workerProtocol';

function statsOf(req: WorkerRequest) {
  const parser = new LineParser();
  const stats = emptyStats();
  const read = forEachLine(req.path, (buf, start, end, line, offset) => {
    countLine(stats, parser.parse(buf.toString('utf8', start, end), line, offset));
  }, { start: req.start, end: req.end });
  stats.bytes = read.bytes;
  return stats;
}

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: req.id, ok: true, stats: statsOf(req) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
