// The floor a line-oriented tool cannot beat in Node: stream the file and split it into lines, decoding
// each line to a string as any parser must. Runs as its own process (like the engine) and prints
// {lines, bytes, ms, peakRssMB}. `--count-only` skips decoding: the bare I/O + newline-scan floor.
import { createReadStream } from 'node:fs';

async function main(): Promise<void> {
  const file = process.argv[2];
  const countOnly = process.argv.includes('--count-only');
  if (!file) {
    process.stderr.write('usage: baseline.ts FILE [--count-only]\n');
    process.exit(2);
  }
  const t0 = performance.now();
  let lines = 0;
  let bytes = 0;
  let chars = 0; // keeps the decoded strings observable so the work cannot be optimised away
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    let buf = chunk;
    if (carry) {
      buf = Buffer.concat([carry, chunk]);
      carry = null;
    }
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl >= 0; nl = buf.indexOf(10, start)) {
      lines++;
      if (!countOnly) chars += buf.toString('utf8', start, nl).length;
      start = nl + 1;
    }
    if (start < buf.length) carry = buf.subarray(start);
  }
  if (carry && carry.length > 0) {
    lines++;
    if (!countOnly) chars += carry.toString('utf8').length;
  }
  const ms = performance.now() - t0;
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ lines, bytes, ms: Math.round(ms), peakRssMB: Math.round(peakRssMB), chars, mode: countOnly ? 'count' : 'lines' }) + '\n');
}

void main();
