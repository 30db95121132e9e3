// The queue-order webview in the real workbench, as a user meets it: open the #18243 log, put the cursor on the
// stale error, run "TiKV Trace: Show Queue Order", read both lanes through the webview's two iframes, click the
// rejected Start and land on its line, move by keyboard, switch regions with the picker, survive a reload, follow
// a theme change, and render a log full of markup as plain text.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { exactly, fixturesDir, notification, openProblems, quickOpen, runCommand, startWorkbench, waitForCursor, waitForInputValue, webview, type Workbench } from './harness';

const COMMAND = 'TiKV Trace: Show Queue Order';
const PAYLOAD = '<img src=x onerror=alert(1)></script><script>alert(2)</script> [x](javascript:alert(3)) javascript:alert(4)';
// A folder name is part of the store and file labels the view shows: markup there must stay text too.
const EVIL_DIR = '<img src=x onerror=alert(5)>';

const fixture = (name: string): string => readFileSync(join(fixturesDir, 'queue', name), 'utf8');

// Until the extension contributes the command (the lead wires registerQueueView and package.json), this suite says
// so as a skip instead of failing every run of `npm test`; once the command is contributed, it runs.
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { contributes?: { commands?: { command: string }[] } };
const wired = manifest.contributes?.commands?.some((c) => c.command === 'tikv-trace.showQueueOrder') ?? false;

/** `Start 191374` / `Stop`: what one lane row shows as its op, read by index (rows are absolutely positioned). */
async function laneOps(view: FrameLocator, lane: 'issued' | 'processed', count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = view.locator(`ol.lane.${lane} > li.op-row[data-index="${i}"]`);
    const name = (await row.locator('.op-name').innerText()).trim();
    const id = row.locator('.op-id');
    out.push((await id.count()) > 0 ? `${name} ${(await id.innerText()).trim()}` : name);
  }
  return out;
}

async function waitForAnalysis(page: Page, region: string): Promise<void> {
  // The diagnostic is the sign that the analysis of the opened log is done (the view's command needs it).
  const rows = await openProblems(page);
  await rows.filter({ hasText: `Region ${region}: the Start with older ObserveId(191299)` }).first().waitFor();
}

/** Closes the panel and the side bar, so the screenshots show the editor and the view at a readable size. */
async function roomForTheView(page: Page): Promise<void> {
  await hidePanel(page);
  if (await page.locator('.part.sidebar').isVisible()) await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
}

async function hidePanel(page: Page): Promise<void> {
  if (await page.locator('.part.panel').isVisible()) await runCommand(page, 'View: Toggle Panel Visibility');
  await page.locator('.part.panel').waitFor({ state: 'hidden' });
}

/** Puts the editor cursor on a line with Go to Line (Ctrl+G), whatever is scrolled into view. */
async function gotoLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await waitForCursor(page, line);
}

/** Picks a colour theme from the palette, as a user would (two quick inputs in a row). */
async function pickTheme(page: Page, theme: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await page.keyboard.press('Control+Shift+P');
  await widget.waitFor({ state: 'visible' });
  await page.keyboard.type('Preferences: Color Theme');
  await widget.locator('.monaco-list-row', { hasText: 'Preferences: Color Theme' }).first().click();
  const row = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactly(theme) }) }).first();
  await page.keyboard.type(theme);
  await row.click();
  await widget.waitFor({ state: 'hidden' });
}

// What the stylesheet check reads in the webview's document (no DOM lib in tsconfig).
interface StyledDocument { defaultView: { getComputedStyle(e: unknown): { listStyleType: string; display: string } }; querySelector(s: string): unknown }

interface Shown { activeLane: string | undefined; activeIndex: string | undefined; outline: string }

// Runs in the webview's document (see actions.ts on code passed to the browser).
function activeOp(el: { ownerDocument: { activeElement: unknown; defaultView: unknown } }): Shown {
  const doc = el.ownerDocument as unknown as { activeElement: { dataset: Record<string, string> } | null; defaultView: { getComputedStyle(e: unknown): { outlineStyle: string; outlineWidth: string } } };
  const a = doc.activeElement;
  const style = a ? doc.defaultView.getComputedStyle(a) : { outlineStyle: 'none', outlineWidth: '0px' };
  return { activeLane: a?.dataset.lane, activeIndex: a?.dataset.index, outline: `${style.outlineStyle} ${style.outlineWidth}` };
}

async function focused(view: FrameLocator): Promise<Shown> {
  return view.locator('body').evaluate(activeOp);
}

function title(view: FrameLocator): Locator {
  return view.locator('#title');
}

describe('queue-order view', { skip: wired ? false : 'tikv-trace.showQueueOrder is not contributed in package.json yet' }, () => {
  let wb: Workbench;
  const dialogs: string[] = [];

  before(async () => {
    wb = await startWorkbench('queueview', {
      workspace: { files: { 'tikv.log': fixture('tikv.log'), [`${EVIL_DIR}/tikv-xss.log`]: fixture('tikv-xss.log') } },
      settings: { 'workbench.colorTheme': 'Default Light Modern' },
    });
    // An alert() from any frame (the webview is two iframes deep) shows up here.
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, { timeout: 120_000 });

  after(async () => {
    await wb?.close();
  });

  test('the #18243 log: both lanes, the processed order, the crossing and the marked rejected Start', async () => {
    await wb.step('open the view on the stale error line', async (page) => {
      await quickOpen(page, 'tikv.log');
      await waitForAnalysis(page, '1001');
      await roomForTheView(page);
      await gotoLine(page, 21);
      await runCommand(page, COMMAND);
      const view = webview(page);
      await title(view).filter({ hasText: 'region 1001' }).waitFor();
      await view.locator('ol.lane.processed > li.op-row[data-index="3"] .op-name').waitFor();

      assert.deepEqual(await laneOps(view, 'processed', 4), ['Start 191374', 'Stop', 'Stop', 'Start 191299']);
      assert.deepEqual(await laneOps(view, 'issued', 4), ['Stop', 'Stop', 'Start 191299', 'Start 191374']);
      assert.deepEqual(await view.locator('ol.lane.issued .op-origin').allInnerTexts(), ['pre-candidate', 'candidate', 'leader', 'task-scan']);
      assert.match(await view.locator('#order').innerText(), /Processed order: Start\(191374\), Stop, Stop, Start\(191299\) · 3 crossing/);

      const rejected = view.locator('ol.lane.processed > li.op-row.rejected');
      assert.equal(await rejected.count(), 1);
      assert.equal(await rejected.getAttribute('data-index'), '3');
      assert.match(await rejected.locator('button.op').getAttribute('aria-label') ?? '', /Processed 4 of 4: Start, ObserveId 191299, .*rejected as stale/);
      assert.equal(await rejected.locator('button.op-error').count(), 1, 'the stale error is shown with the rejected Start');
      // The Start that overtook: issued last, processed first, its connector crossing the three others.
      await view.locator('svg.connectors path.connector.overtook[data-from="3"][data-to="0"]').waitFor({ state: 'attached' });
      assert.equal(await view.locator('svg.connectors path').count(), 4);
      assert.equal(await view.locator('svg.connectors path.connector.rejected[data-from="2"][data-to="3"]').count(), 1);
      // Each op shows the time of its line, as the log wrote it (from the analysis, not read back from the file).
      await view.locator('ol.lane.processed > li.op-row[data-index="0"] .op-time', { hasText: '14:05:20.131' }).waitFor();
      // The timeline: roles by term, the subscription going pending, the stale error.
      assert.deepEqual(await view.locator('.tl-role .seg').allInnerTexts(), ['pre-candidate t7', 'candidate t8', 'leader t8']);
      await view.locator('.tl-subscription .seg.subscription-pending').waitFor();
      await view.locator('.tl-event .mark-error', { hasText: 'stale observe id' }).waitFor();
      assert.equal(await view.locator('body').getAttribute('data-csp-violations'), null, `nothing was blocked by the policy: ${await view.locator('body').getAttribute('data-csp-last')}`);
      // The installed package's stylesheet applied: only dist/webview.css makes a lane list unnumbered and the lane
      // heads a grid (a .vsix without it still draws every row, unstyled).
      const styled = await view.locator('ol.lane.processed').evaluate((el) => {
        const doc = (el as unknown as { ownerDocument: StyledDocument }).ownerDocument;
        return { lane: doc.defaultView.getComputedStyle(el).listStyleType, heads: doc.defaultView.getComputedStyle(doc.querySelector('.lane-heads')).display };
      });
      assert.deepEqual(styled, { lane: 'none', heads: 'grid' }, 'dist/webview.css is loaded in the installed extension');
      await wb.screenshot('light-18243');
    });
  });

  test('clicking the rejected Start, its error and an issued op opens each line in the editor', async () => {
    await wb.step('click through to the log', async (page) => {
      const view = webview(page);
      await view.locator('ol.lane.processed > li.op-row.rejected button.op').click();
      await waitForCursor(page, 19, 1);
      await view.locator('ol.lane.processed > li.op-row.rejected button.op-error').click();
      await waitForCursor(page, 21, 1);
      await view.locator('ol.lane.issued > li.op-row[data-index="2"] button.op').click();
      await waitForCursor(page, 12, 1);
      await view.locator('.tl-role .seg', { hasText: 'pre-candidate t7' }).click();
      await waitForCursor(page, 8, 1);
      await wb.screenshot('revealed-line');
    });
  });

  test('keyboard: arrows move within a lane with a visible focus, Left follows the connector, Enter opens the line', async () => {
    await wb.step('keyboard navigation', async (page) => {
      const view = webview(page);
      await view.locator('ol.lane.processed > li.op-row[data-index="0"] button.op').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      let now = await focused(view);
      assert.equal(`${now.activeLane}:${now.activeIndex}`, 'processed:3');
      assert.notEqual(now.outline.split(' ')[0], 'none', `focus is visible (${now.outline})`);
      // The rejected Start was issued third, by the leader change.
      await page.keyboard.press('ArrowLeft');
      now = await focused(view);
      assert.equal(`${now.activeLane}:${now.activeIndex}`, 'issued:2');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowRight');
      now = await focused(view);
      assert.equal(`${now.activeLane}:${now.activeIndex}`, 'processed:0', 'the task-scan Start was processed first');
      await wb.screenshot('keyboard-focus');
      await page.keyboard.press('Enter');
      await waitForCursor(page, 14, 1);
    });
  });

  test('the region picker searches and switches regions; a region without a finding shows its processed ops', async () => {
    await wb.step('pick region 2002', async (page) => {
      const view = webview(page);
      await view.locator('#region-list [role=option]').first().waitFor();
      const search = view.locator('#region-search input');
      await search.fill('2002');
      await view.locator('.picker-status', { hasText: /^1 of \d+ regions$/ }).waitFor();
      await search.press('ArrowDown');
      await page.keyboard.press('Enter');
      await title(view).filter({ hasText: 'region 2002' }).waitFor();
      await view.locator('ol.lane.processed > li.op-row[data-index="0"] .op-name').waitFor();
      assert.deepEqual(await laneOps(view, 'processed', 1), ['Start 191375']);
      assert.equal(await view.locator('ol.lane.issued').isVisible(), false);
      assert.match(await view.locator('#source-note').innerText(), /no finding/);
      await search.fill('1001');
      await view.locator('#region-list [role=option]', { hasText: '1001' }).first().click();
      await title(view).filter({ hasText: 'region 1001' }).waitFor();
      await view.locator('ol.lane.processed > li.op-row.rejected').waitFor();
    });
  });

  test('hidden then shown, and after a reload, the panel comes back on the same region, search text and focused op', async () => {
    await wb.step('reload the window', async (page) => {
      const view = webview(page);
      await view.locator('ol.lane.processed > li.op-row[data-index="2"] button.op').focus();
      await view.locator('ol.lane.processed > li.op-row[data-index="2"] button.op[tabindex="0"]').waitFor();
      // Hidden behind another editor in its group (its page is destroyed: no retainContextWhenHidden), then shown.
      // Quick Open opens in the active group, and the view may sit in a group of its own beside the log: make its
      // group the active one first, so the log opens over it rather than in the other group.
      await page.locator('.tabs-container .tab', { hasText: 'Queue: region 1001' }).click();
      await quickOpen(page, 'tikv.log');
      await view.locator('body').waitFor({ state: 'detached' });
      await page.locator('.tabs-container .tab', { hasText: 'Queue: region 1001' }).click();
      await view.locator('ol.lane.processed > li.op-row[data-index="2"] button.op[tabindex="0"]').waitFor();
      await waitForInputValue(view.locator('#region-search input'), '1001', 'the search text came back with the page');
      // The workbench's own reload, which saves the editors' state as VS Code does on a restart.
      await runCommand(page, 'Developer: Reload Window');
      await page.locator('.monaco-workbench').waitFor();
      await title(view).filter({ hasText: 'region 1001' }).waitFor();
      await view.locator('ol.lane.processed > li.op-row.rejected').waitFor();
      await waitForInputValue(view.locator('#region-search input'), '1001', 'the search text was kept');
      assert.equal(await view.locator('ol.lane.processed > li.op-row[data-index="2"] button.op').getAttribute('tabindex'), '0', 'the focused op was kept');
      assert.equal(await view.locator('ol.lane button.op[tabindex="0"]').count(), 1, 'the lanes are one tab stop; arrows move inside');
    });
  });

  test('share: Copy as Markdown puts the table on the clipboard; Save as SVG writes the picture', async () => {
    await wb.step('copy and save', async (page) => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: wb.server.url });
      const view = webview(page);
      await view.locator('#copy-md').click();
      await notification(page, 'copied as a Markdown table');
      const md = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
      assert.match(md, /^\*\*Observe-op queue of region 1001 on store tikv\.log\*\*/);
      assert.match(md, /Processed order: Start\(191374\), Stop, Stop, Start\(191299\)/);
      assert.match(md, /\| 3 \| Start \| 191299 \| leader \| tikv\.log:12 \(14:05:20\.129\) \| 4 \| tikv\.log:19 \(14:05:20\.136\) \| rejected: /);

      await view.locator('#save-svg').click();
      // code-server's own save dialog: a quick input holding the proposed path.
      const dialog = page.locator('.quick-input-widget');
      await dialog.waitFor({ state: 'visible' });
      await page.keyboard.press('Enter');
      await notification(page, 'Saved queue-region-1001.svg');
      const svg = readFileSync(join(wb.server.workspaceDir, 'queue-region-1001.svg'), 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.equal((svg.match(/<path /g) ?? []).length, 4);
    });
  });

  test('a theme change restyles the open view: dark theme screenshot', async () => {
    await wb.step('switch to the dark theme', async (page) => {
      const view = webview(page);
      const before = await view.locator('ol.lane.processed > li.op-row[data-index="1"] button.op').evaluate((b: unknown) => {
        const el = b as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } };
        return el.ownerDocument.defaultView.getComputedStyle(b).backgroundColor;
      });
      await pickTheme(page, 'Dark Modern');
      await view.locator('body.vscode-dark').waitFor({ state: 'attached' });
      const after = await view.locator('ol.lane.processed > li.op-row[data-index="1"] button.op').evaluate((b: unknown) => {
        const el = b as { ownerDocument: { defaultView: { getComputedStyle(e: unknown): { backgroundColor: string } } } };
        return el.ownerDocument.defaultView.getComputedStyle(b).backgroundColor;
      });
      assert.notEqual(after, before, 'the cards take the new theme\'s colours');
      await wb.screenshot('dark-18243');
      await pickTheme(page, 'Dark High Contrast');
      await view.locator('body.vscode-high-contrast').waitFor({ state: 'attached' });
      await wb.screenshot('high-contrast-18243');
    });
  });

  test('a log full of markup renders as text: nothing runs, nothing loads, the text reads as written', async () => {
    await wb.step('open the XSS log in the view', async (page) => {
      await quickOpen(page, 'tikv-xss.log');
      await waitForAnalysis(page, '5005');
      await gotoLine(page, 18);
      await runCommand(page, COMMAND);
      const view = webview(page);
      await title(view).filter({ hasText: 'region 5005' }).waitFor();
      const task = view.locator('.tl-event .mark-task', { hasText: 'task registered' });
      await task.focus();
      await view.locator('#detail', { hasText: PAYLOAD }).waitFor();
      assert.equal(await view.locator('#detail').innerText(), `register backup stream task ${PAYLOAD}. Opens ${EVIL_DIR}/tikv-xss.log line 2.`);
      assert.match(await view.locator('#subtitle').innerText(), new RegExp(`store ${EVIL_DIR.replace(/[()]/g, '\\$&')}/tikv-xss\\.log`));
      assert.equal(await view.locator('img').count(), 0, 'no <img> was created from the log');
      // VS Code's own API script (injected before the policy) and our bundle: nothing else.
      const scripts = view.locator('script:not(#_vscodeApiScript)');
      assert.equal(await scripts.count(), 1, 'only our own bundle');
      assert.match(await scripts.getAttribute('src') ?? '', /\/dist\/webview\.js$/);
      assert.equal(await view.locator('a[href], [onerror], [onclick]').count(), 0);
      assert.deepEqual(dialogs, [], 'no alert ran in any frame');
      assert.equal(await view.locator('body').getAttribute('data-csp-violations'), null, 'no injected markup even reached the policy');
      await hidePanel(page);
      await wb.screenshot('xss-inert');
    });
  });

  test('the code lens over a finding opens the view on its region', async () => {
    await wb.step('click Show queue order', async (page) => {
      await quickOpen(page, 'tikv.log');
      await gotoLine(page, 21);
      // The lens sits above the finding's line; it is the path most users take to the view.
      const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Show queue order' }).first();
      await lens.waitFor();
      await lens.click();
      const view = webview(page);
      await title(view).filter({ hasText: 'region 1001' }).waitFor();
      await view.locator('ol.lane.processed > li.op-row[data-index="3"] .op-name').waitFor();
      assert.deepEqual(await laneOps(view, 'processed', 4), ['Start 191374', 'Stop', 'Stop', 'Start 191299']);
      await wb.screenshot('from-code-lens');
    });
  });
});
