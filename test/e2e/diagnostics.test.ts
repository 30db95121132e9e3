// What a user sees once a TiKV log is open: the root cause in the Problems panel, for a normal log and for one
// too big for VS Code to hand to extensions, and nothing at all for a healthy log.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeTab, clickWord, closeHover, openProblems, quickOpen, startWorkbench, waitForCursor, waitForLanguageMode, wordBox, type Workbench } from './harness';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '../..');

function statusItem(page: Page) {
  return page.locator('.statusbar-item', { hasText: 'TiKV Trace' });
}

describe('diagnostics: root causes in the Problems panel', () => {
  let wb: Workbench;

  before(async () => {
    wb = await startWorkbench('diagnostics', {
      workspace: {
        files: {
          'healthy/tikv.log': readFileSync(join(ROOT, 'samples/healthy/tikv.log'), 'utf8'),
          'case/tikv.log': readFileSync(join(ROOT, 'test/e2e/fixtures/tikv.log'), 'utf8'),
        },
        // 60 MB: over VS Code's 50 MB limit for syncing documents to extensions. Generated, since git should
        // not carry it; the stale reorder sits near the start, as it would in a log opened right after an incident.
        prepare: (dir) => {
          mkdirSync(join(dir, 'big'));
          const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tools/loggen/cli.ts'), '--size', '60MB', '--seed', '7',
            '--scenario', 'stale-reorder@5%', '--out', join(dir, 'big', 'tikv.log')], { cwd: ROOT, encoding: 'utf8' });
          if (r.status !== 0) throw new Error(`loggen failed: ${r.stderr}`);
        },
      },
      // Log lines are long: wrapped, the ids a user clicks are on screen.
      settings: { 'editor.wordWrap': 'on' },
    });
  }, { timeout: 180_000 });

  after(async () => {
    await wb?.close();
  });

  test('a healthy log gets no diagnostic', async () => {
    await wb.step('open the healthy log', async (page) => {
      await quickOpen(page, 'healthy/tikv.log');
      // The status bar settles on the counts once the analysis is done: zero and zero.
      await statusItem(page).filter({ hasText: /TiKV Trace:\s*0\s+0/ }).waitFor();
      const rows = await openProblems(page);
      assert.equal(await rows.count(), 0, `Problems should be empty, has: ${await rows.allInnerTexts()}`);
      await wb.screenshot('healthy-no-problems');
    });
  });

  test('the #18243 log shows stale-observe-reorder with its causes as related rows', async () => {
    await wb.step('open the #18243 log and read the Problems panel', async (page) => {
      await quickOpen(page, 'case/tikv.log');
      const rows = await openProblems(page);
      // The row's text is cut with an ellipsis on screen; its start and the rule name identify it.
      const finding = rows.filter({ hasText: 'Region 1001: the Start with older ObserveId(191299)' }).filter({ hasText: 'stale-observe-reorder' });
      await finding.first().waitFor();
      const text = await finding.first().innerText();
      assert.match(text, /stale-observe-reorder/);
      assert.match(text, /\[Ln 20, Col \d+\]/);
      // relatedInformation rows (the list is virtualised: these are the ones on screen): the task, the election
      // and the Start that won the race.
      await rows.filter({ hasText: /Ln 3, Col 1[^]*task-registered/ }).first().waitFor();
      await rows.filter({ hasText: /Ln 11, Col 1[^]*leader: region 1001: became leader/ }).first().waitFor();
      await rows.filter({ hasText: /Ln 13, Col 1[^]*newer-start-processed-first/ }).first().waitFor();
      await wb.screenshot('problems-stale-reorder');
    });
  });

  test('a 60 MB log is analysed from disk: the status bar shows it and its diagnostic reaches the Problems panel', async () => {
    await wb.step('open the 60 MB log', async (page) => {
      await quickOpen(page, 'big/tikv.log');
      // VS Code asks before showing a file this big; the analysis does not wait for the answer.
      await page.getByText('because it is very large').first().waitFor();
      const rows = await openProblems(page);
      // The generator's stale-reorder scenario is region 319305; the small log's is 1001.
      await rows.filter({ hasText: 'Region 319305: the Start with older ObserveId(191299)' }).filter({ hasText: 'stale-observe-reorder' }).first().waitFor();
      await rows.filter({ hasText: /Ln \d+, Col 1[^]*leader: region 319305: became leader/ }).first().waitFor();
      // Both logs' findings (a reorder and the observation it lost, in each) are counted once the analysis is done.
      await statusItem(page).filter({ hasText: /TiKV Trace:\s*4\s+0/ }).waitFor();
      await wb.screenshot('big-file-problems');
      // The output channel says how the big file went: from disk, in a worker, and how long the finding took.
      await wb.waitForExtensionLog(/analysis worker started ahead of time, warmed up on .*tikv\.log/);
      await wb.waitForExtensionLog(/analysing tikv\.log \(6\d MB\) in (the ready|a new) worker/);
      await wb.waitForExtensionLog(/analysed tikv\.log in \d+\.\d\d s \(\d+ MB\/s\): 2 findings, the engine's first finding/);
    });
  });

  test('a log that grows on disk is analysed again', async () => {
    await wb.step('append the #18243 lines to the healthy log', async (page) => {
      // As a live TiKV would: the file changes on disk, not in the editor.
      appendFileSync(join(wb.server.workspaceDir, 'healthy/tikv.log'), readFileSync(join(ROOT, 'test/e2e/fixtures/tikv.log'), 'utf8'));
      // The counts grow from 4 to 6: only the healthy log, which had none, can bring the two new findings (the
      // Problems list is virtualised, so its row for that file may be off screen).
      await statusItem(page).filter({ hasText: /TiKV Trace:\s*6\s+0/ }).waitFor();
      await wb.screenshot('grown-on-disk');
    });
  });

  test("a finding of the 60 MB log opens as a small document where hover and F12 work", async () => {
    await wb.step("open the finding's lines", async (page) => {
      // The command asks which finding with a quick pick of its own, so the palette stays open across both picks.
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type("TiKV Trace: Open Finding's Lines");
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: "TiKV Trace: Open Finding's Lines" }).first().click();
      await page.locator('.quick-input-widget input[placeholder="Open a finding\'s lines as a document"]').waitFor();
      const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'stale-observe-reorder: region 319305' }).first();
      await pick.click();
      await activeTab(page, 'tikv-chain-stale-observe-reorder-region-319305-tikv.log-line-14162.log').waitFor();
      assert.equal(await waitForLanguageMode(page, 'TiKV Log'), 'TiKV Log');
      // The stale error is the chain's last line: bring it on screen.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      // F12 on the rejected id goes to where that Start was issued, the leader change, within the document. Its
      // line here is the one the Problems row names (which line is checked against the log text in the lookup
      // tests; here, that F12 works at all in such a document).
      const rows = await openProblems(page);
      const related = await rows.filter({ hasText: /tikv-chain[^]*leader: region 319305: became leader/ }).first().innerText();
      const issued = Number(/\[Ln (\d+),/.exec(related)?.[1]) - 1;
      assert.ok(issued >= 0, `the leader change is among the lines: ${related}`);
      await clickWord(page, 'ObserveId(191299), current', '191299');
      await page.keyboard.press('F12');
      await waitForCursor(page, issued + 1);
      await wb.screenshot('finding-lines-f12');
      // And the hover on the stale error explains it. A hover can be dismissed by the editor settling (the
      // document was just opened and analysed), so the mouse goes back to the word until it shows.
      await page.keyboard.press('Control+End');
      let text = '';
      for (let attempt = 0; attempt < 4 && text === ''; attempt++) {
        await closeHover(page);
        const box = await wordBox(page, 'ObserveId(191299), current', '191299');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
        const shown = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: /What happened/ }).first();
        text = await shown.waitFor({ timeout: 5_000 }).then(() => shown.innerText(), () => '');
      }
      assert.match(text, /older ObserveId\(191299\)/);
      await wb.screenshot('finding-lines-hover');
    });
  });
});
