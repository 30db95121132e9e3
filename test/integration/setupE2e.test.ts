// `npm test` installs the workbench harness itself (scripts/setup-e2e.sh): where Debian's archive cannot be
// reached it must stop with one line that says so, not a page of apt output or a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SCRIPT = join(__dirname, '../../scripts/setup-e2e.sh');

test('setup-e2e: apt unreachable gives one FAILED line naming the packages and the log, exit 1', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tikv-trace-setup-'));
  try {
    // dpkg-query says nothing is installed; apt-get fails as it does without a network.
    const stub = (name: string, body: string): void => {
      writeFileSync(join(tmp, name), `#!/bin/sh\n${body}\n`);
      chmodSync(join(tmp, name), 0o755);
    };
    stub('dpkg-query', 'exit 1');
    stub('apt-get', 'echo "Err:1 http://deb.debian.org/debian bookworm InRelease"; echo "Temporary failure resolving" >&2; exit 100');
    stub('sudo', 'shift; exec "$@"');
    const r = spawnSync('bash', [SCRIPT], { encoding: 'utf8', env: { ...process.env, PATH: `${tmp}:${process.env.PATH}`, TMPDIR: tmp }, timeout: 60_000 });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const failed = r.stdout.split('\n').filter((l) => l.includes('FAILED'));
    assert.equal(failed.length, 1, r.stdout);
    assert.match(failed[0], /^setup-e2e: FAILED: could not install libkrb5-dev chromium with apt-get .*details in (\S+apt\.log)$/);
    assert.doesNotMatch(r.stdout + r.stderr, /Temporary failure|Err:1/, "apt's own output goes to the log, not the terminal");
    const log = /details in (\S+)$/.exec(failed[0])?.[1] ?? '';
    assert.match(readFileSync(log, 'utf8'), /Temporary failure resolving/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
