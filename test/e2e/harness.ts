// A real VS Code workbench for one test file: code-server in fresh temp dirs with the built extension installed, a
// workspace made from fixtures, and headless Debian chromium driven by playwright-core on one page that every step of
// the file reuses (loading the workbench costs ~8 s, a step ~1 s).
//
//   const wb = await startWorkbench('problems', { workspace: { fixtures: ['tikv.log'] } });
//   await wb.step('open the log', async (page) => { await quickOpen(page, 'tikv.log'); });
//   await wb.close();
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { artifactsDir, screenshot } from './actions';
import { checkPrerequisites, makeRunDir, startServer, type RunningServer, type ServerOptions } from './code-server';

export * from './actions';
export { checkPrerequisites, fixturesDir, type ServerOptions, type WorkspaceSpec } from './code-server';
export { processesMentioning } from './processes';

export const stepTimeoutMs = 30_000;
/** Set TIKV_E2E_KEEP=1 to keep the run's temp dir (server logs, user data, workspace) for a look afterwards. */
export const keepRunDir = process.env.TIKV_E2E_KEEP === '1';

export interface Workbench {
  page: Page;
  server: RunningServer;
  /** Runs one step with a 30 s limit; on failure saves `<label>--FAILED--<step>.png` and the logs, then rethrows. */
  step<T>(name: string, body: (page: Page) => Promise<T>): Promise<T>;
  /** Saves test-artifacts/e2e/<label>-<name>.png. */
  screenshot(name: string): Promise<string>;
  /** The extension's own log (its "TiKV Trace" output channel as the extension host writes it to disk; every window's, oldest first), or ''. */
  extensionLog(): string;
  /** Waits until the extension's log matches (it reaches the disk a little after the line is logged). */
  waitForExtensionLog(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Closes the browser, kills the server's process group and removes the temp dirs. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Log channels are written under user/logs/<session>/<window>/exthost/<extension id>/<channel>.log; a reloaded
 * window writes a new one. Oldest first.
 */
function findFiles(dir: string, name: string, found: string[] = []): string[] {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name === name) found.push(path);
    else if (entry.isDirectory()) findFiles(path, name, found);
  }
  return found.sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
}

function chromiumPath(): string {
  if (process.env.TIKV_E2E_CHROMIUM) return process.env.TIKV_E2E_CHROMIUM;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not installed: run `bash scripts/setup-e2e.sh`.');
  }
}

async function launchBrowser(runDir: string): Promise<BrowserContext> {
  const profile = join(runDir, 'browser', 'profile');
  const home = join(runDir, 'browser', 'home');
  mkdirSync(join(profile, 'Default'), { recursive: true });
  mkdirSync(join(home, 'tmp'), { recursive: true });
  // Allows third-party storage, which webviews (served from another origin) need for their service worker.
  writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
    // Chromium writes ~/.config/chromium even with its own profile dir; keep it in the run dir.
    env: { ...process.env, HOME: home, TMPDIR: join(home, 'tmp'), XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache') },
  });
  // tsx wraps named inner functions in `__name(...)`; code sent to page.evaluate would then fail with a ReferenceError.
  await context.addInitScript('globalThis.__name ??= (fn) => fn;');
  return context;
}

// The console noise that every run has (offline gallery, missing GitHub auth, 404s) is kept out of the console log.
const consoleNoise = /open-vsx\.org|ENOTFOUND|authentication provider|status of 404|Failed to load resource/;

async function openWorkbench(page: Page, server: RunningServer): Promise<void> {
  await page.goto(`${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
  // Keyboard shortcuts need a focused workbench; the empty editor area is a click that changes nothing.
  await page.locator('.part.editor').click();
}

// A screenshot left by an earlier run would pass for this run's: start each label with none.
function removeOldArtifacts(label: string): void {
  if (!existsSync(artifactsDir)) return;
  for (const name of readdirSync(artifactsDir)) {
    if (name.startsWith(`${label}-`)) rmSync(join(artifactsDir, name), { recursive: true, force: true });
  }
}

export async function startWorkbench(label: string, options: ServerOptions): Promise<Workbench> {
  checkPrerequisites();
  removeOldArtifacts(label);
  const runDir = makeRunDir();
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  const consoleLines: string[] = [];
  let failed = false;
  let closed = false;

  const saveLogs = (): void => {
    mkdirSync(artifactsDir, { recursive: true });
    writeFileSync(join(artifactsDir, `${label}-console.log`), consoleLines.join('\n') + '\n');
    if (server && existsSync(server.logFile)) cpSync(server.logFile, join(artifactsDir, `${label}-server.log`));
    // The extension host's own logs (activation errors, console output of the extension) are under user/logs.
    const userLogs = join(runDir, 'user', 'logs');
    if (failed && existsSync(userLogs)) cpSync(userLogs, join(artifactsDir, `${label}-logs`), { recursive: true });
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await context?.close();
    } finally {
      try {
        await server?.stop();
      } finally {
        saveLogs();
        if (!keepRunDir) rmSync(runDir, { recursive: true, force: true });
        else console.log(`e2e: kept ${runDir}`);
      }
    }
  };

  try {
    server = await startServer(runDir, options);
    context = await launchBrowser(runDir);
    const page = context.pages()[0] ?? (await context.newPage());
    // Shorter than a step, so a stuck wait reports what it waited for before the step's own limit cuts it off.
    page.setDefaultTimeout(stepTimeoutMs - 5_000);
    page.on('console', (message) => {
      if (message.type() === 'error' && !consoleNoise.test(message.text())) consoleLines.push(`[console.error] ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    await openWorkbench(page, server);

    const shot = (name: string): Promise<string> => screenshot(page, `${label}-${name}`);
    const step = async <T>(name: string, body: (page: Page) => Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`step "${name}" took longer than ${stepTimeoutMs / 1000} s`)), stepTimeoutMs);
      });
      try {
        return await Promise.race([body(page), limit]);
      } catch (error) {
        failed = true;
        const file = await screenshot(page, `${label}--FAILED--${name}`).catch(() => 'none (screenshot failed)');
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\n  screenshot: ${file}\n  logs: ${artifactsDir}/${label}-*.log`, { cause: error });
      } finally {
        clearTimeout(timer);
      }
    };
    const extensionLog = (): string => {
      return findFiles(join(runDir, 'user', 'logs'), 'TiKV Trace.log').map((file) => readFileSync(file, 'utf8')).join('');
    };
    const waitForExtensionLog = async (re: RegExp, timeoutMs = 10_000): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = extensionLog();
        if (re.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`the extension's log never matched ${re}; it holds:\n${text}`);
        await page.waitForTimeout(200);
      }
    };
    return { page, server, step, screenshot: shot, extensionLog, waitForExtensionLog, close };
  } catch (error) {
    failed = true;
    const page = context?.pages()[0];
    if (page) await screenshot(page, `${label}--FAILED--startup`).catch(() => undefined);
    await close();
    throw error;
  }
}
