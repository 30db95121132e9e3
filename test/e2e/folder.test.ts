// TiKV Trace: Analyze Folder… in the real workbench: a log collection (one folder per store, other components'
// logs beside them) analysed from the palette through the folder picker, and a folder from the Explorer's context
// menu; the findings of the logs below it reach the Problems panel, and the output channel says what was read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { notification, openProblems, startWorkbench, type Workbench } from './harness';

const ROOT = join(__dirname, '../..');
const scenario = (name: string): string => readFileSync(join(ROOT, 'test/fixtures/scenarios', name), 'utf8');

/**
 * VS Code's own folder picker as a browser workbench shows it (a quick input with a path box and the folder's
 * entries, since there is no native dialog), used as a person would: click into the folder, then the OK button,
 * which carries the command's label.
 */
async function pickFolder(page: Page, folderName: string, entryInside: string, okLabel: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const row = (name: string) => widget.locator('.monaco-list-row').filter({ hasText: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first();
  await row(folderName).click();
  // Inside the folder once its own entries are listed.
  await row(entryInside).waitFor();
  await widget.getByRole('button', { name: okLabel }).click();
  await widget.waitFor({ state: 'hidden' });
}

/** Right-clicks a row of the Explorer and picks an entry of its context menu. */
async function explorerContextMenu(page: Page, rowName: string, entry: string): Promise<void> {
  const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${rowName}$`) }) });
  await row.first().click({ button: 'right' });
  await page.locator('.context-view .action-item', { hasText: entry }).first().click();
}

describe('Analyze Folder…', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('folder', {
      workspace: {
        files: {
          // The reorder rotated across two files: only read as one store (the folder) does it prove the reorder.
          'bundle/10.0.1.5-20160/tikv.log.2025-02-24T14-30-00.270': scenario('reorder-18243.rotated-1.log'),
          'bundle/10.0.1.5-20160/tikv.log': scenario('reorder-18243.rotated-2.log'),
          'bundle/tikv-2/log/tikv.log': scenario('healthy-postfix.log'),
          'bundle/pd-2379/log/pd.log': '[2025/02/24 14:29:58.004 +08:00] [INFO] [server.go:1323] ["PD server started"]\n',
          'other/tikv-3/tikv.log': scenario('task-init-failed-16056.log'),
        },
      },
    });
  }, { timeout: 180_000 });

  after(async () => {
    await wb?.close();
  });

  test('from the palette: the folder picked, its stores analysed, the finding in Problems, what was read in the output', async () => {
    await wb.step('wait for the extension', async () => {
      // The palette lists the extension's commands once the extension host has it: the worker it starts ahead of
      // time for a workspace with TiKV logs is the sign.
      await wb.waitForExtensionLog(/analysis worker started ahead of time/, 25_000);
    });
    await wb.step('analyze bundle/ from the palette', async (page) => {
      // Not runCommand: it waits for the palette to close, and the picker opens in the same quick input.
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('TiKV Trace: Analyze Folder');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'TiKV Trace: Analyze Folder…' }).first().click();
      await page.locator('.quick-input-widget', { hasText: 'pick the folder that holds the logs' }).waitFor();
      await pickFolder(page, 'bundle', '10.0.1.5-20160', 'Analyze');
      const rows = await openProblems(page);
      await rows.filter({ hasText: 'stale-observe-reorder' }).filter({ hasText: 'Region 1234' }).first().waitFor();
      // The reorder's file, under its store folder.
      await rows.filter({ hasText: /tikv\.log[^]*bundle\/10\.0\.1\.5-20160/ }).first().waitFor();
      assert.equal(await rows.filter({ hasText: 'stale-observe-id' }).count(), 0, 'the rotated files were read as one store');
      await notification(page, 'TiKV Trace: 2 findings in 3 TiKV logs (2 stores) below bundle; skipped 1 other file.');
      await wb.screenshot('palette-problems');
      const log = await wb.waitForExtensionLog(/folder .*\/bundle: read 3 TiKV logs in 2 stores; skipped 1 other file: 1 other component's log \(pd\.log\)/);
      assert.match(log, /analysed 3 logs below bundle in \d+\.\d\d s/);
    });
  });

  test('from the Explorer: right-click a folder, Analyze Folder…, its finding in Problems', async () => {
    await wb.step('analyze other/ from its context menu', async (page) => {
      await explorerContextMenu(page, 'other', 'Analyze Folder…');
      const rows = await openProblems(page);
      // The list is virtualised and the reorder's chain from the first test fills it: filter down to this finding.
      await page.locator('.markers-panel-container, .part.panel').getByPlaceholder(/^Filter \(e\.g\./).first().fill('task-init-failed');
      await rows.filter({ hasText: 'task-init-failed' }).filter({ hasText: 'pitr' }).first().waitFor();
      await rows.filter({ hasText: /tikv\.log[^]*other\/tikv-3/ }).first().waitFor();
      await wb.screenshot('explorer-problems');
      await wb.waitForExtensionLog(/folder .*\/other: read 1 TiKV log in 1 store \(looked in/);
    });
  });
});
