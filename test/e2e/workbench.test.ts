// The extension, installed in the real VS Code workbench, as a user meets it: open a TiKV log and see it recognised.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { quickOpen, startWorkbench, visibleEditorLines, waitForLanguageMode, type Workbench } from './harness';

describe('workbench: a TiKV log in VS Code', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('workbench', { workspace: { fixtures: ['tikv.log'] } });
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
});
