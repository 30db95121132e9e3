// What a person does in the workbench, as short awaitable steps. Every wait is on a selector or on text, never on
// a fixed delay; Playwright's default timeout (set to 30 s per page by the harness) bounds each one.
// Selectors are the ones checked against VS Code 1.139 in shared/docs/e2e-in-code-server.md.
//
// Code passed to page.evaluate / waitForFunction runs in the browser: it must not name inner functions or arrow
// consts (tsx would wrap them in `__name(...)`, which the harness defines in the page only as a fallback), and it types
// the few DOM members it uses itself, because the project's tsconfig has no DOM lib.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot } from './code-server';

export const artifactsDir = join(repoRoot, 'test-artifacts', 'e2e');

const quickInput = '.quick-input-widget';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches an element whose whole text is `text` (so `tikv.log` does not match `tikv.log.1`). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function closeQuickInput(page: Page): Promise<void> {
  const widget = page.locator(quickInput);
  if (await widget.isVisible()) {
    await page.keyboard.press('Escape');
    await widget.waitFor({ state: 'hidden' });
  }
}

/**
 * Waits until the list's rows read the same twice in a row. The list reuses its row elements as results come in:
 * on a busy machine, a row found for one file could be redrawn as another (tikv-xss.log for tikv.log) between
 * finding it and clicking it.
 */
async function listSettled(widget: Locator): Promise<void> {
  let before = '';
  for (let i = 0; i < 50; i++) {
    const now = (await widget.locator('.monaco-list-row').allInnerTexts()).join('\n');
    if (now === before) return;
    before = now;
    await widget.page().waitForTimeout(100);
  }
}

// Types a query into the quick input and clicks the row whose label is exactly `rowLabel`. Not Enter: the top row
// can be a better-ranked near miss ("File: Compare New Untitled Text Files" above "File: New Untitled Text File"),
// or a stale row when the list has not caught up with the typing.
async function pickRow(page: Page, shortcut: string, query: string, rowLabel: string, rowDescription?: string): Promise<void> {
  await closeQuickInput(page);
  await page.keyboard.press(shortcut);
  const widget = page.locator(quickInput);
  await widget.waitFor({ state: 'visible' });
  await page.keyboard.type(query);
  let rows = widget.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactly(rowLabel) }) });
  if (rowDescription !== undefined) rows = rows.filter({ has: page.locator('.label-description', { hasText: rowDescription }) });
  const row = rows.first();
  await row.waitFor();
  await listSettled(widget);
  await row.click();
  await widget.waitFor({ state: 'hidden' });
}

/**
 * Ctrl+P, the file's name (or `folder/name` when several files share the name), pick its row; resolves when the
 * file's tab is the active one.
 */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
  const slash = relativePath.lastIndexOf('/');
  const fileName = relativePath.slice(slash + 1);
  await pickRow(page, 'Control+P', relativePath, fileName, slash >= 0 ? relativePath.slice(0, slash) : undefined);
  await activeTab(page, fileName).waitFor();
}

export function activeTab(page: Page, fileName: string): Locator {
  // By attribute: the tab draws the name in two parts ("tikv" + ".log"), so no element holds the whole text. In the
  // active group only: a file open in two groups is the active tab of both.
  return page.locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name=${JSON.stringify(fileName)}]`);
}

/** Runs a command from the palette by its full title as the palette shows it ("TiKV Trace: Show Timeline"). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickRow(page, 'Control+Shift+P', title, title);
}

/** Shows the Problems panel (without toggling it away if it is already open) and returns its rows. */
export async function openProblems(page: Page): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }
  return panel.locator('.monaco-list-row');
}

/** The Problems row containing `text`, once it is shown (opens the panel first). */
export async function problemRow(page: Page, text: string | RegExp): Promise<Locator> {
  const row = (await openProblems(page)).filter({ hasText: text }).first();
  await row.waitFor();
  return row;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface WordQuery {
  lineText: string;
  word: string;
  occurrence: number;
}

// Minimal shapes of the DOM members used by findWordBox (see the header comment).
interface PageRect { left: number; top: number; width: number; height: number }
interface PageNode { nodeValue: string | null }
interface PageElement { textContent: string | null }
interface PageRange { setStart(node: PageNode, offset: number): void; setEnd(node: PageNode, offset: number): void; getBoundingClientRect(): PageRect }
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  createRange(): PageRange;
  createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
}

// Runs in the page. Monaco splits a line into token spans and renders spaces as U+00A0, so the word is located by
// character offset over the line's text nodes and measured with a Range, not by matching spans.
function findWordBox(query: WordQuery): Box | null {
  const doc = (globalThis as unknown as { document: PageDocument }).document;
  const lines = doc.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line');
  for (let i = 0; i < lines.length; i++) {
    const text = (lines[i].textContent ?? '').replace(/\u00a0/g, ' ');
    if (!text.includes(query.lineText)) continue;
    let start = -1;
    for (let n = 0; n <= query.occurrence; n++) {
      start = text.indexOf(query.word, start + 1);
      if (start < 0) return null;
    }
    const end = start + query.word.length;
    const range = doc.createRange();
    const walker = doc.createTreeWalker(lines[i], 4 /* NodeFilter.SHOW_TEXT */);
    let seen = 0;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const length = (node.nodeValue ?? '').length;
      if (start >= seen && start < seen + length) range.setStart(node, start - seen);
      if (end > seen && end <= seen + length) {
        range.setEnd(node, end - seen);
        const rect = range.getBoundingClientRect();
        return rect.width > 0 ? { x: rect.left, y: rect.top, width: rect.width, height: rect.height } : null;
      }
      seen += length;
    }
  }
  return null;
}

/**
 * Screen box of `word` on the first rendered editor line containing `lineText` (the `occurrence`-th match of the word
 * on that line, 0-based). Waits until that line is rendered; only lines on screen are in the DOM.
 */
export async function wordBox(page: Page, lineText: string, word: string, occurrence = 0): Promise<Box> {
  const query: WordQuery = { lineText, word, occurrence };
  try {
    const handle = await page.waitForFunction(findWordBox, query);
    return (await handle.jsonValue()) as Box;
  } catch (error) {
    throw new Error(`word ${JSON.stringify(word)} on a line containing ${JSON.stringify(lineText)} is not on screen: ${String(error)}`);
  }
}

function center(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Clicks in the middle of a word (puts the editor cursor there). */
export async function clickWord(page: Page, lineText: string, word: string, occurrence = 0): Promise<void> {
  const { x, y } = center(await wordBox(page, lineText, word, occurrence));
  await page.mouse.click(x, y);
}

/**
 * Hovers a word and returns the text of the hover box once it shows (containing `expected`, if given).
 * The box stays open for a screenshot; `closeHover` or the next mouse action removes it.
 */
export async function hover(page: Page, lineText: string, word: string, expected?: string | RegExp): Promise<string> {
  const { x, y } = center(await wordBox(page, lineText, word));
  // Leave first: re-entering the same word is what makes the editor show a new hover.
  await closeHover(page);
  await page.mouse.move(x, y, { steps: 5 });
  const box = page.locator('.monaco-hover:not(.hidden)').filter(expected === undefined ? {} : { hasText: expected }).first();
  await box.waitFor({ state: 'visible' });
  return box.innerText();
}

export async function closeHover(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
}

export interface CursorPosition {
  line: number;
  column: number;
  /** The whole status bar text, e.g. `Ln 1, Col 131 (130 selected)`. */
  text: string;
}

const selectionItem = '#status\\.editor\\.selection';

/** The cursor as the status bar shows it (1-based), e.g. `Ln 3, Col 44` → { line: 3, column: 44 }. */
export async function cursorPosition(page: Page): Promise<CursorPosition> {
  const text = (await page.locator(selectionItem).innerText()).trim();
  const match = /Ln (\d+), Col (\d+)/.exec(text);
  if (match === null) throw new Error(`status bar selection item does not read "Ln X, Col Y": ${JSON.stringify(text)}`);
  return { line: Number(match[1]), column: Number(match[2]), text };
}

/** Waits until the status bar shows the cursor on `line` (and `column`, if given), e.g. after F12. */
export async function waitForCursor(page: Page, line: number, column?: number): Promise<CursorPosition> {
  const pattern = column === undefined ? new RegExp(`Ln ${line},`) : new RegExp(`Ln ${line}, Col ${column}\\b`);
  await page.locator(selectionItem, { hasText: pattern }).waitFor();
  return cursorPosition(page);
}

/** Waits until the status bar's language mode item reads `mode` (e.g. "TiKV Log") and returns it. */
export async function waitForLanguageMode(page: Page, mode: string): Promise<string> {
  const item = page.locator('#status\\.editor\\.mode', { hasText: exactly(mode) });
  await item.waitFor();
  return (await item.innerText()).trim();
}

/** The text of the editor lines currently rendered (spaces normalised). */
export async function visibleEditorLines(page: Page): Promise<string[]> {
  const lines = await page.locator('.editor-instance .view-lines .view-line').allTextContents();
  return lines.map((line) => line.replace(/\u00a0/g, ' '));
}

/** The content of the active webview (two iframes deep); `.locator(...)`, `.click()` and `innerText()` work through it. */
export function webview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Waits for a notification toast containing `text`. */
export async function notification(page: Page, text: string | RegExp): Promise<Locator> {
  const toast = page.locator('.notification-toast').filter({ hasText: text }).first();
  await toast.waitFor();
  return toast;
}

/**
 * Waits until an input shows `value`: a toolkit text field fills its inner input when it renders, which can come a
 * moment after the rest of a restored page. Fails with the last value seen.
 */
export async function waitForInputValue(input: Locator, value: string, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await input.inputValue();
  while (seen !== value && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    seen = await input.inputValue();
  }
  if (seen !== value) throw new Error(`${message}: expected ${JSON.stringify(value)}, the input shows ${JSON.stringify(seen)}`);
}
