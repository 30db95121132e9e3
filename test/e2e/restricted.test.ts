// The extension only reads files, so it declares support for untrusted workspaces: in restricted mode a user
// still gets the analysis. This workbench also runs with tikvTrace.startWorkerAhead off (the other workbenches
// have it on), so the setting's effect is checked here too.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openProblems, quickOpen, startWorkbench, type Workbench } from './harness';

describe('restricted mode: an untrusted folder still gets the analysis', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('restricted', {
      workspace: { fixtures: ['tikv.log'] }, restricted: true, settings: { 'tikvTrace.startWorkerAhead': false },
    });
  }, { timeout: 120_000 });

  after(async () => {
    await wb?.close();
  });

  test('the workbench is in restricted mode and the #18243 finding reaches the Problems panel', async () => {
    await wb.step('open the log in restricted mode', async (page) => {
      // VS Code marks an untrusted window in the status bar.
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor();
      await quickOpen(page, 'tikv.log');
      const rows = await openProblems(page);
      const row = rows.filter({ hasText: 'Region 1001: the Start with older ObserveId(191299)' }).first();
      await row.waitFor();
      assert.match(await row.innerText(), /stale-observe-reorder/);
      await wb.screenshot('restricted-problems');
      // With the setting off, nothing was started ahead of the log (with it on, diagnostics.test.ts sees it).
      const log = await wb.waitForExtensionLog(/analysed tikv\.log in/);
      assert.doesNotMatch(log, /started ahead of time/);
    });
  });
});
