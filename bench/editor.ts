// npm run bench:editor — opening a 300 MB tikv.log in the real VS Code workbench (code-server + Chromium):
// time from opening the file to its first diagnostic in the Problems panel, to the end of the analysis, and how
// the editor responds to typing while the analysis runs (keystroke to text on screen), next to the same typing
// with no analysis running. Figures, not assertions: the tests prove behaviour, this measures it.
// `-- --mix incident` opens an election storm over 50,000 regions (bench:analyze's incident mix from bench/data.ts)
// instead of the default quiet store, with the #18243 region 5% into the file either way (see MIX below).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureInput, MIXES } from './data';
import type { GenOptions } from '../tools/loggen/options';
import { openProblems, quickOpen, startWorkbench } from '../test/e2e/harness';

const SIZE = 300 * 1024 ** 2;

/** Types `n` markers into the active editor; returns the median and the slowest ms from key press to the text being drawn. */
async function typingLatency(page: Page, n: number, tag: string): Promise<{ median: number; max: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const marker = `${tag}${i}`;
    const t = performance.now();
    await page.keyboard.type(marker);
    await page.locator('.editor-instance .view-line', { hasText: marker }).first().waitFor();
    times.push(performance.now() - t);
    await page.keyboard.press('Enter');
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/**
 * `-- --cold`: the log is named `store1.log`, which the analyzeTogether globs do not match, so the extension sees
 * no TiKV log around before it is opened and starts no worker ahead of time (a log opened from elsewhere).
 */
const COLD = process.argv.includes('--cold');
const NAME = COLD ? 'store1.log' : 'tikv.log';
/** `-- --runs N`: N fresh workbenches, then the spread of each figure (the 2 cores are shared with Chromium). */
const RUNS = Math.max(1, Number(process.argv[process.argv.indexOf('--runs') + 1]) || 1);
/**
 * `-- --mix NAME`: which log is opened, always 300 MB with the #18243 region 5% in. `quiet` (the default) is a store
 * on a normal day; the others are bench:analyze's mixes from bench/data.ts (tools/loggen/README.md "Incident mix"),
 * cached under the same names: `incident` is an election storm over 50,000 regions, `incident-500k` over 500,000.
 */
const MIX = process.argv.includes('--mix') ? process.argv[process.argv.indexOf('--mix') + 1] ?? '' : 'quiet';

/** The quiet log keeps its own options (the #18243 region at 5%, where bench:analyze's quiet mix puts it at 2%). */
function mixOptions(mix: string): GenOptions {
  if (mix === 'quiet') return { seed: 42, sizeBytes: SIZE, scenarios: [{ name: 'stale-reorder', at: { fraction: 0.05 } }] };
  const m = MIXES.find((x) => x.name === mix);
  if (m === undefined) throw new Error(`--mix: unknown ${JSON.stringify(mix)}; choose from ${MIXES.map((x) => x.name).join(', ')}`);
  return m.options(SIZE);
}

type Input = ReturnType<typeof ensureInput>;
type Figures = Record<string, number | boolean | string>;

async function main(): Promise<void> {
  const input = ensureInput('300MB', mixOptions(MIX), console.log);
  const all: Figures[] = [];
  for (let run = 0; run < RUNS; run++) all.push(await once(input));
  if (RUNS === 1) return;
  const spread: Record<string, string> = {};
  for (const key of Object.keys(all[0])) {
    const values = all.map((f) => f[key]).filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    if (values.length === all.length) spread[key] = `median ${values[Math.floor(values.length / 2)]}, min ${values[0]}, max ${values[values.length - 1]}`;
  }
  console.log(JSON.stringify({ runs: RUNS, mix: MIX, workerStartedAhead: !COLD, ...spread }, null, 2));
}

async function once(input: Input): Promise<Figures> {
  const wb = await startWorkbench('bench-editor', {
    workspace: {
      files: { 'notes.txt': 'notes\n' },
      prepare: (dir) => { mkdirSync(join(dir, 'big')); copyFileSync(input.path, join(dir, 'big', NAME)); },
    },
  });
  try {
    const page = wb.page;
    await quickOpen(page, 'notes.txt');
    // Into the text itself: right after the workbench loads, focus can still sit elsewhere.
    await page.locator('.editor-instance .view-lines').first().click();
    await page.keyboard.press('Control+End');
    const idle = await typingLatency(page, 10, 'idle');
    // As for someone who opens a folder of logs and then one of them: the extension has seen the logs around
    // and started its analysis worker (the log says so) before the big one is opened.
    const deadline = Date.now() + 60_000;
    while (!COLD && !wb.extensionLog().includes('started ahead of time') && Date.now() < deadline) await page.waitForTimeout(200);
    await page.waitForTimeout(2000);

    // The Problems panel is open before the log is, as it would be for someone waiting for the finding; the
    // page itself timestamps the tab and the first row, so Playwright's polling does not add to the figures.
    await openProblems(page);
    await page.evaluate((name) => {
      const marks: Record<string, number> = {};
      (window as unknown as { benchMarks: Record<string, number> }).benchMarks = marks;
      const check = (): void => {
        if (marks.tab === undefined && document.querySelector(`.tabs-container .tab[data-resource-name="${name}"]`)) marks.tab = Date.now();
        if (marks.row === undefined && Array.from(document.querySelectorAll('.markers-panel .monaco-list-row')).some((r) => r.textContent?.includes('stale-observe-reorder'))) {
          marks.row = Date.now();
        }
      };
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, NAME);
    const t0 = performance.now();
    await quickOpen(page, `big/${NAME}`);
    const opened = performance.now() - t0;
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'stale-observe-reorder' }).first().waitFor({ timeout: 120_000 });
    const firstDiagnostic = performance.now() - t0;
    const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks);
    // Back to the small file and type while the analysis still runs.
    await quickOpen(page, 'notes.txt');
    await page.keyboard.press('Control+End');
    const status = page.locator('.statusbar-item', { hasText: 'TiKV Trace' });
    const busy = await status.filter({ hasText: 'analysing' }).count() > 0;
    const during = await typingLatency(page, 10, 'busy');
    await status.filter({ hasText: /TiKV Trace:\s*\d+\s+\d+/ }).waitFor({ timeout: 300_000 });
    const analysed = performance.now() - t0;
    console.log(wb.extensionLog().trim());
    const figures: Figures = { mix: MIX, file: input.path, workerStartedAhead: !COLD, bytes: input.bytes, openTabMs: Math.round(opened), firstDiagnosticMs: Math.round(firstDiagnostic),
      tabToFirstDiagnosticMs: Math.round(marks.row - marks.tab), tabAt: new Date(marks.tab).toISOString(), rowAt: new Date(marks.row).toISOString(),
      analysedMs: Math.round(analysed), mbPerSec: +(input.bytes / 1e6 / (analysed / 1000)).toFixed(1),
      typingMedianMsIdle: Math.round(idle.median), typingMedianMsDuringAnalysis: Math.round(during.median),
      typingMaxMsIdle: Math.round(idle.max), typingMaxMsDuringAnalysis: Math.round(during.max), typedWhileAnalysing: busy };
    console.log(JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    await wb.close();
  }
}

void main().catch((err: unknown) => { console.error(err); process.exitCode = 1; });
