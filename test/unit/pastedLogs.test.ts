// Issue 12: real lines as people paste them into issues (the time cut off, the level in another case) reach
// the rules. The fatal error below is the shape quoted in the issue (`[Error] [errors.rs:178] ...`); with the
// time stripped and `Error` for ERROR it used to be unparsed (bad-level) and no task-paused finding came out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeFiles } from '../../src/node/analyze';

const PASTE = [
  '[INFO] [endpoint.rs:739] ["register backup stream task"] [task="StreamTask { info: name: \\"pitr\\" start_ts: 448463119208251393 is_paused: false }"] [thread_id=14]',
  '[Error] [errors.rs:178] ["backup stream meet fatal error"] [err_code=KV:LogBackup:Io] [err="I/O Error: Permission denied (os error 13)"] [verbose="Io(Os { code: 13, kind: PermissionDenied, message: \\"Permission denied\\" })"] [thread_id=14]',
  '[Error] [endpoint.rs:265] ["Task encounters fatal error, will pause this task."] [thread_id=14]',
].join('\n') + '\n';

test('a time-less, mixed-case fatal error and pause line give task-paused through analyzeFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-pasted-'));
  try {
    const path = join(dir, 'pasted.log');
    writeFileSync(path, PASTE);
    const report = analyzeFiles([{ path }]);
    const stats = report.files[0].stats;
    assert.equal(stats.lines, 3);
    const found = report.result.findings.filter((f) => f.rule === 'task-paused');
    assert.equal(found.length, 1, JSON.stringify(report.result.findings.map((f) => f.rule)));
    const lines = found[0].causes.map((c) => c.line);
    assert.ok(lines.includes(2) && lines.includes(3), `chain names the fatal error and the pause: ${JSON.stringify(found[0].causes)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
