// A user who opens big TiKV logs from outside the workspace (a download, a window with no folder) gets an
// analysis worker started ahead of time in later windows too: the extension remembers the last big log and warms
// the worker up on it. Here the workspace holds no file the analyzeTogether globs match.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickOpen, runCommand, startWorkbench, type Workbench } from './harness';

const ROOT = join(__dirname, '../..');

describe('a window with no TiKV log in its workspace', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('warm-worker', {
      workspace: {
        files: { 'notes.txt': 'notes\n' },
        // Above the 2 MB worker threshold, named so that only its first line says it is a TiKV log.
        prepare: (dir) => {
          mkdirSync(join(dir, 'elsewhere'));
          writeFileSync(join(dir, 'elsewhere', 'store1.log'), readFileSync(join(ROOT, 'samples/healthy/tikv.log'), 'utf8').repeat(4));
        },
      },
    });
  }, { timeout: 120_000 });

  after(async () => {
    await wb?.close();
  });

  test('starts its analysis worker ahead of time once a big TiKV log has been opened, after a reload', async () => {
    await wb.step('open a big TiKV log', async (page) => {
      await quickOpen(page, 'elsewhere/store1.log');
      const log = await wb.waitForExtensionLog(/analysed store1\.log in/);
      // Nothing in the workspace told the extension to start a worker before the log was opened.
      assert.match(log, /started ahead of time, warmed up on .*store1\.log \(a TiKV log was opened\)/);
      assert.doesNotMatch(log, /TiKV logs in the workspace|the last big TiKV log opened/);
    });
    await wb.step('reload the window with no editor open', async (page) => {
      // An editor restored with the window would start the worker itself: close it, so only the memory can.
      await runCommand(page, 'View: Close All Editors');
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor();
      await wb.waitForExtensionLog(/started ahead of time, warmed up on .*elsewhere\/store1\.log \(the last big TiKV log opened\)/, 20_000);
    });
  });
});
