// Runs a benchmark subject as a child process: wall-clock measured here (a cross-check on what the child
// reports), peak RSS from GNU time when it is installed (a cross-check on the child's maxRSS, and the only
// figure for tools like grep).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface ProcResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  /** Peak RSS as GNU time saw it, or null without /usr/bin/time. */
  readonly timeRssMB: number | null;
}

const GNU_TIME = '/usr/bin/time';
const MARK = 'BENCH_MAXRSS_KB=';

export function runProcess(cmd: string, args: readonly string[]): Promise<ProcResult> {
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', `${MARK}%M`, cmd, ...args]] : [cmd, [...args]];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => resolve({ code: -1, stdout: '', stderr: String(e), wallMs: performance.now() - t0, timeRssMB: null }));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let stderr = Buffer.concat(err).toString('utf8');
      let timeRssMB: number | null = null;
      const at = stderr.lastIndexOf(MARK);
      if (timed && at >= 0) {
        timeRssMB = Number(stderr.slice(at + MARK.length).trim()) / 1024;
        // GNU time also reports a failing exit status on stderr; the child's own message is what matters.
        stderr = stderr.slice(0, at).replace(/^Command exited with non-zero status \d+\n?/m, '');
      }
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, wallMs, timeRssMB });
    });
  });
}

/** The last line of stdout that parses as a JSON object, or null. */
export function lastJson(stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const v: unknown = JSON.parse(lines[i]);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
      // not JSON: keep looking upwards
    }
  }
  try {
    const v: unknown = JSON.parse(stdout);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // a multi-line document that is not JSON either
  }
  return null;
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
