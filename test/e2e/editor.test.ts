// The editor features on a #18243 log, in the real workbench, as a user meets them: the code lens above the stale
// error, its hover with the explanation and the chain, F12 from each id token to its own origin (and off the tokens,
// to the Start that won the race), Find All References on the region id, and the outline in the breadcrumbs.
// Expected lines and columns are read from the fixture's text here, never from the extension.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { closeHover, exactly, fixturesDir, hover, quickOpen, startWorkbench, waitForCursor, type Workbench } from './harness';

// test/e2e/fixtures/editor/tikv.log: lines of samples/tikv-18243/tikv.log around the race (banner, task
// registration, the election of region 319305, the reordered Starts, the stale error) and three later pending skips.
const lines = readFileSync(join(fixturesDir, 'editor', 'tikv.log'), 'utf8').split('\n');

function lineOf(...parts: string[]): number {
  const i = lines.findIndex((t) => parts.every((p) => t.includes(p)));
  assert.ok(i >= 0, `fixture has no line with ${parts.join(' + ')}`);
  return i + 1;
}

/** 1-based column of `word` on a 1-based line, as the status bar counts it. */
function columnOf(line: number, word: string): number {
  const at = lines[line - 1].indexOf(word);
  assert.ok(at >= 0, `${word} not on line ${line}`);
  return at + 1;
}

// The same log with a hostile log-backup task name: it reaches the chain ("register backup stream task <name>").
const hostileName = '<img src=x onerror=alert(1)>](javascript:alert(1)) | `x` **b**';
const hostileLog = lines.join('\n').replaceAll('name: \\"pitr\\"', `name: \\"${hostileName}\\"`);

const staleError = lineOf('backup stream meet error', 'stale observe id ObserveId(191299)');
const newerStart = lineOf('on_modify_observe', 'Start { region: Region { id: 319305', 'ObserveId(191374)');
const olderStart = lineOf('on_modify_observe', 'Start { region: Region { id: 319305', 'ObserveId(191299)');
const leader = lineOf('became leader at term 9', 'region_id=319305');
const registerRanges = lineOf('"register backup stream ranges"');
const firstSkip = lineOf('pending region, skip resolving', 'r.id=319305');
// Every mention of the region is one reference: the fixture has the id nowhere else (no other number contains it).
const regionMentions = lines.reduce((n, t) => n + (t.match(/\b319305\b/g)?.length ?? 0), 0);

/** Ctrl+G `line:column`: puts the cursor exactly there, whatever is scrolled into view. */
async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await page.keyboard.type(`${line}:${column}`);
  // Enter before the widget has read the input does nothing: wait for its "go to line N" row first.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: `line ${line} at column ${column}` }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await waitForCursor(page, line, column);
}

describe('editor: hover, F12, references and code lens on a #18243 log', () => {
  let wb: Workbench;

  before(async () => {
    // Wrapped lines: the ids far right on the long backup-stream lines stay in the screenshots.
    wb = await startWorkbench('editor', {
      // The hostile copy has its own folder, so it is analysed on its own.
      workspace: { fixtures: ['editor'], files: { 'hostile/tikv-hostile.log': hostileLog } },
      settings: { 'editor.wordWrap': 'on' },
    });
  }, { timeout: 120_000 });

  after(async () => {
    await wb?.close();
  });

  test('the code lens above the stale error names the root cause and offers the queue order', async () => {
    await wb.step('code lens', async (page) => {
      await quickOpen(page, 'tikv.log');
      await goTo(page, staleError, 1);
      // The lens is drawn once the analysis is done: it is also the sign that the other providers can answer.
      const lens = page.locator('.codelens-decoration', { hasText: 'Root cause:' }).filter({ hasText: `(line ${olderStart})` }).first();
      await lens.waitFor();
      const lensText = (await lens.innerText()).replace(/\u00a0/g, ' ');
      assert.match(lensText, new RegExp(`Root cause: ObserveId\\(191299\\) handled after newer ObserveId\\(191374\\) \\(line ${olderStart}\\)`));
      assert.match(lensText, /Show queue order/);
      await wb.screenshot('code-lens');
    });
  });

  test('hovering the stale error line shows the explanation and the chain, with links to its lines', async () => {
    await wb.step('hover', async (page) => {
      await goTo(page, staleError, 1);
      const text = await hover(page, 'backup stream meet error', 'meet', /What happened/);
      assert.match(text, /stale-observe-reorder/);
      assert.match(text, /What happened: Two Starts for region 319305 reached the log-backup subscription manager out of order/);
      assert.match(text, /newer Start handled first/);
      assert.match(text, /older Start handled last/);
      const box = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'What happened' }).first();
      // The chain is a table whose line cells are links; no HTML from the log is rendered.
      assert.ok((await box.locator('table tr').count()) >= 5);
      await box.locator('a', { hasText: `tikv.log:${newerStart}` }).first().waitFor();
      await box.locator('a', { hasText: `tikv.log:${leader}` }).first().waitFor();
      assert.equal(await box.locator('img, script, iframe').count(), 0);
      await wb.screenshot('hover-explanation');
      await box.locator('table').first().scrollIntoViewIfNeeded();
      await wb.screenshot('hover-chain');
    });
  });

  test('a chain link in the hover reveals its line', async () => {
    await wb.step('hover link', async (page) => {
      await goTo(page, staleError, 1);
      await hover(page, 'backup stream meet error', 'meet', /What happened/);
      const box = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'What happened' }).first();
      await box.locator('a', { hasText: `tikv.log:${leader}` }).first().click();
      await waitForCursor(page, leader);
      await closeHover(page);
      await wb.screenshot('hover-link-revealed');
    });
  });

  test('hovering an ObserveId shows where it was issued, processed and rejected; a region id, its roles', async () => {
    await wb.step('id hovers', async (page) => {
      const keyboardHover = async (line: number, column: number, expected: RegExp): Promise<string> => {
        await closeHover(page);
        await goTo(page, line, column);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const box = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expected }).first();
        await box.waitFor();
        return (await box.innerText()).replace(/\u00a0/g, ' ');
      };
      // The id there also carries the superseded-id hint, whose marker hover comes first: wait for ours.
      const observe = await keyboardHover(olderStart, columnOf(olderStart, '191299'), /ObserveId\(191299\) on tikv\.log: mentioned/);
      assert.match(observe, new RegExp(`Start sent by the new leader\\s+tikv\\.log:${leader}`));
      assert.match(observe, new RegExp(`Start processed\\s+tikv\\.log:${olderStart}`));
      assert.match(observe, new RegExp(`rejected as stale \\(current ObserveId\\(191374\\)\\)\\s+tikv\\.log:${staleError}`));
      await wb.screenshot('hover-observe-id');
      const region = await keyboardHover(leader, columnOf(leader, 'region_id=319305') + 'region_id='.length + 1, /Region 319305/);
      assert.match(region, /log backup subscription pending/);
      assert.match(region, new RegExp(`9\\s+leader\\s+tikv\\.log:${leader}`));
      assert.match(region, /pending\s+191299/);
      await wb.screenshot('hover-region-id');
      await closeHover(page);
    });
  });

  test("the older Start's ObserveId is struck through: it was already stale when processed", async () => {
    await wb.step('deprecated id', async (page) => {
      await goTo(page, olderStart, columnOf(olderStart, '191299'));
      // A Deprecated-tagged hint: drawn as a strike-through on the id itself, explained by the editor's own hover.
      const struck = page.locator('.view-line .squiggly-inline-deprecated');
      await struck.first().waitFor();
      assert.deepEqual(await struck.allInnerTexts(), ['191299']);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'ObserveId(191299) was already superseded when this Start was processed' }).first().waitFor();
      await wb.screenshot('superseded-id');
      await closeHover(page);
    });
  });

  // F12 follows the token under the cursor, not the line: the stale error names two ObserveIds and a region.
  test('F12 on the rejected ObserveId in the error line goes to where that Start was issued: the leader change', async () => {
    await wb.step('definition rejected id', async (page) => {
      await goTo(page, staleError, columnOf(staleError, '191299'));
      await wb.screenshot('definition-before');
      await page.keyboard.press('F12');
      const at = await waitForCursor(page, leader, 1);
      assert.deepEqual([at.line, at.column], [leader, 1]);
      await wb.screenshot('definition-after');
    });
  });

  test("F12 on the current ObserveId in the error line goes to its origin: the registration's leader scan", async () => {
    await wb.step('definition current id', async (page) => {
      await goTo(page, staleError, columnOf(staleError, '191374'));
      await page.keyboard.press('F12');
      const at = await waitForCursor(page, registerRanges, 1);
      assert.deepEqual([at.line, at.column], [registerRanges, 1]);
      await wb.screenshot('definition-current-id');
    });
  });

  test("F12 on a region id goes to the region's root cause: the stale error, on the region's id", async () => {
    await wb.step('definition region id', async (page) => {
      await goTo(page, firstSkip, columnOf(firstSkip, 'r.id=319305') + 'r.id='.length + 1);
      await page.keyboard.press('F12');
      const at = await waitForCursor(page, staleError);
      assert.equal(at.line, staleError);
      // On one of the line's mentions of the region (the index's column), not the start of the line.
      assert.equal(lines[staleError - 1].slice(at.column - 1, at.column - 1 + '319305'.length), '319305');
      await wb.screenshot('definition-region');
    });
  });

  test('F12 off the ids on the error line keeps the line meaning: the Start that won the race', async () => {
    await wb.step('definition line', async (page) => {
      await goTo(page, staleError, columnOf(staleError, 'backup stream meet error') + 1);
      await page.keyboard.press('F12');
      const target = columnOf(newerStart, '191374');
      const at = await waitForCursor(page, newerStart, target);
      assert.deepEqual([at.line, at.column], [newerStart, target]);
    });
  });

  test('Go to Root Cause (Ctrl+Alt+F12) on the stale error goes where the code lens says: the older Start', async () => {
    await wb.step('go to root cause', async (page) => {
      await goTo(page, staleError, 1);
      await page.keyboard.press('Control+Alt+F12');
      await waitForCursor(page, olderStart);
      await wb.screenshot('go-to-root-cause');
    });
  });

  test('Find All References on the region id lists every line that mentions it', async () => {
    await wb.step('references', async (page) => {
      await goTo(page, leader, columnOf(leader, 'region_id=319305') + 'region_id='.length + 1);
      await page.keyboard.press('Shift+F12');
      const peek = page.locator('.peekview-widget');
      await peek.waitFor();
      const title = peek.locator('.peekview-title');
      await title.filter({ hasText: /References \(\d+\)/ }).waitFor();
      assert.match((await title.innerText()).replace(/\u00a0/g, ' '), new RegExp(`References \\(${regionMentions}\\)`));
      await wb.screenshot('references');
      await page.keyboard.press('Escape');
      await peek.waitFor({ state: 'hidden' });
    });
  });

  test('the Outline lists the findings and the regions, and the breadcrumbs follow the cursor (document symbols)', async () => {
    await wb.step('outline', async (page) => {
      await goTo(page, staleError, 1);
      await page.locator('.monaco-breadcrumb-item', { hasText: 'stale-observe-reorder: region 319305' }).first().waitFor();
      // The Outline follows the cursor to the region around it.
      // Room for the Outline: fold the file tree above it.
      await page.locator('.pane-header', { hasText: 'workspace' }).first().click();
      await page.locator('.pane-header', { hasText: 'Outline' }).click();
      const outline = page.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: 'Outline' }) });
      await outline.locator('.monaco-list-row .label-name', { hasText: exactly('region 319305') }).first().waitFor();
      await wb.screenshot('outline');
      // Go to Symbol in Editor lists every symbol of the region: both findings and the region itself.
      await page.keyboard.press('Control+Shift+O');
      await page.keyboard.type('319305');
      const picker = page.locator('.quick-input-widget');
      for (const name of ['stale-observe-reorder: region 319305', 'observation-lost: region 319305', 'region 319305']) {
        await picker.locator('.monaco-list-row .label-name', { hasText: exactly(name) }).first().waitFor();
      }
      await wb.screenshot('go-to-symbol');
      // A region's children are its role changes (its leader of term 9) and its subscription changes.
      for (const child of ['term 9: leader', 'pending ObserveId(191299)']) {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(`@${child}`);
        await picker.locator('.monaco-list-row .label-name', { hasText: exactly(child) }).first().waitFor();
      }
      await page.keyboard.press('Escape');
    });
  });

  test('hostile log text in the chain shows as text: no image, no extra link, no broken table', async () => {
    await wb.step('hostile hover', async (page) => {
      assert.ok(hostileLog.includes(hostileName));
      await quickOpen(page, 'tikv-hostile.log');
      await goTo(page, staleError, 1);
      await page.locator('.codelens-decoration', { hasText: 'Root cause:' }).first().waitFor();
      await hover(page, 'backup stream meet error', 'meet', /What happened/);
      const box = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'What happened' }).first();
      const row = box.locator('tr', { hasText: 'register backup stream task' }).first();
      await row.scrollIntoViewIfNeeded();
      assert.equal(await row.locator('td').count(), 5);
      assert.equal((await row.locator('td').nth(1).innerText()).replace(/\u00a0/g, ' '), `register backup stream task ${hostileName}`);
      assert.equal(await box.locator('img, script, iframe').count(), 0);
      assert.equal(await box.locator('strong, code', { hasText: /^(b|x)$/ }).count(), 0);
      const targets = await box.locator('a').evaluateAll((as) =>
        as.map((a) => (a as unknown as { getAttribute(n: string): string | null }).getAttribute('data-href') ?? (a as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''),
      );
      assert.ok(targets.length > 0);
      for (const t of targets) assert.match(t, /^command:tikv-trace\.(revealLine|showQueueOrder)\?/);
      await wb.screenshot('hover-hostile');
      await closeHover(page);
    });
  });
});
