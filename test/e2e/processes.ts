// Finds the processes a test run started, so a test can prove teardown left none behind. Every process of a run
// carries the run's temp dir: code-server and chromium in their arguments, the extension host, the pty host and every
// chromium child in their environment (HOME / XDG_* point into it).
import { readdirSync, readFileSync } from 'node:fs';

function read(file: string): string {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return ''; // the process ended while we looked, or belongs to another user
  }
}

export interface ProcessInfo {
  pid: number;
  command: string;
}

export function processesMentioning(text: string): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    if (pid === process.pid) continue;
    const command = read(`/proc/${entry}/cmdline`);
    if (command.includes(text) || read(`/proc/${entry}/environ`).includes(text)) {
      found.push({ pid, command: command.replaceAll('\0', ' ').trim().slice(0, 200) });
    }
  }
  return found;
}
