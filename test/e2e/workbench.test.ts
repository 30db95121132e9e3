// The extension, installed in the real VS Code workbench, as a user meets it: open a TiKV log and see it recognised.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openProblems, quickOpen, startWorkbench, visibleEditorLines, waitForLanguageMode, type Workbench } from './harness';

describe('workbench: a TiKV log in VS Code', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('workbench', {
      workspace: {
        fixtures: ['tikv.log'],
        // TiKV's JSON log format (log-format = "json"), under a name that says nothing: only its first line tells.
        files: { 'store-3.log': readFileSync(join(__dirname, '../fixtures/scenarios/reorder-18243.json.log'), 'utf8') },
      },
    });
  }, { timeout: 120_000 });

  after(async () => {
    await wb?.close();
  });

  test('Quick Open finds tikv.log and the status bar shows the TiKV Log language', async () => {
    await wb.step('quick open tikv.log', async (page) => {
      await quickOpen(page, 'tikv.log');
      assert.equal(await waitForLanguageMode(page, 'TiKV Log'), 'TiKV Log');
      // The editor shows the fixture, not an empty or error editor.
      await page.locator('.editor-instance .view-line', { hasText: 'Welcome to TiKV' }).waitFor();
      assert.ok((await visibleEditorLines(page)).some((line) => line.includes('became leader at term 8')));
      assert.ok(existsSync(await wb.screenshot('tikv-log-opened')));
    });
  });

  test('a JSON-format TiKV log with another name is recognised by its first line and analysed', async () => {
    await wb.step('quick open store-3.log', async (page) => {
      await quickOpen(page, 'store-3.log');
      assert.equal(await waitForLanguageMode(page, 'TiKV Log'), 'TiKV Log');
      // Its own finding (region 1234; tikv.log's is region 1001) reaches the Problems panel.
      const rows = await openProblems(page);
      await rows.filter({ hasText: 'Region 1234: the Start with older ObserveId(191299)' }).filter({ hasText: 'stale-observe-reorder' }).first().waitFor();
      assert.ok(existsSync(await wb.screenshot('json-log-recognised')));
    });
  });
});
