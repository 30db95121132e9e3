import * as vscode from 'vscode';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Finding } from '../core/engine';
import { emptyStats } from '../core/lineStats';
import type { Report } from '../core/report';
import type { AnalyzeInput } from '../node/analyze';
import { storeKeyOf } from '../node/analyze';
import { looksLikeTikvFile } from '../node/logHead';
import { collectInputs, storesOf, takenText, type InputLog } from '../node/logFolder';
import { AnalysisWorkers, RunCancelled, runInProcess, type Run, type UnusedSpare } from '../node/analysisRunner';
import type { AnalysisModel } from './model';
import { LAST_BIG_LOG, rememberedLog, type LastBigLog } from './lastBigLog';
import { readSettings } from './settings';
import { isLinesPath, LINES_SCHEME, pathOfUri } from './uris';

/** VS Code does not hand documents above this size to extensions; such files are read from disk only. */
export const SYNC_LIMIT_BYTES = 50 * 1024 * 1024;
/** Above this, analysis gets a cancellable notification rather than only the status bar. */
const NOTIFY_FROM_BYTES = 20 * 1024 * 1024;
const MAX_GROUP_FILES = 32;

export interface GroupState {
  readonly key: string;
  paths: readonly string[];
  running: boolean;
  bytesTotal: number;
  bytesDone: number;
  error?: string;
}

interface Group extends GroupState {
  /** The store of each file, when its folder names it (Analyze Folder…); otherwise the file's name does. */
  stores?: ReadonlyMap<string, string>;
  /** What the output channel calls the group, when its file names would make too long a line. */
  label?: string;
  report?: Report;
  /** Findings streamed by the current run, shown until its report replaces them. */
  partial: Finding[];
  run?: Run;
  timer?: ReturnType<typeof setTimeout>;
}

/** `tikv*.log.*`-style name globs: only `*` and `?`, matched against a file name. */
function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** How long a worker started on the memory of a big log waits for one before it is stopped. */
const GUESSED_SPARE_MS = 30 * 60_000;

function sizeOf(path: string): number | undefined {
  try { return statSync(path).size; } catch { return undefined; }
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(2)} s`;
}

/**
 * Owns every analysis the editor runs: which files go together (an opened log, its rotated siblings and the
 * other stores' logs beside it, or files the user picked), when they are (re)analysed, and the latest report of
 * each group. Analysis runs off the extension host thread above a small size; results stream in as findings.
 */
export class AnalysisService implements AnalysisModel, vscode.Disposable {
  private readonly groups = new Map<string, Group>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** The reports or the findings streamed so far changed: what diagnostics, lenses, symbols and views show. */
  readonly onDidChange = this.changed.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** A group started or stopped running, made progress or failed: what the status bar shows. */
  readonly onDidChangeState = this.stateChanged.event;
  private findingsChanged = false;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.stateChanged];
  private fireTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly workers: AnalysisWorkers;

  /**
   * `memory` is the extension's global state: it keeps the last big log analysed in any window, so that a window
   * with no TiKV log in its workspace still has a worker ready for a user who opens such logs from elsewhere.
   */
  constructor(extensionPath: string, private readonly log: vscode.LogOutputChannel, private readonly memory: vscode.Memento) {
    this.workers = new AnalysisWorkers(join(extensionPath, 'dist'), () => readSettings().startWorkerAhead);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.onDocument(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onEdit(d)),
      // Files over 50 MB never become TextDocuments: the tab is the only sign that one was opened.
      vscode.window.tabGroups.onDidChangeTabs((e) => { for (const t of [...e.opened, ...e.changed]) this.onTab(t); }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('tikvTrace.startWorkerAhead')) {
          if (readSettings().startWorkerAhead) void this.warmIfLogsAround();
          else this.workers.dropSpare();
          return;
        }
        if (e.affectsConfiguration('tikvTrace')) this.reanalyseAll();
      }),
    );
    // A live TiKV keeps appending to its log, and rotation adds files beside it: both change what is found.
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.log*');
    const onDisk = (uri: vscode.Uri): void => {
      const dir = dirname(uri.fsPath);
      for (const g of this.groups.values()) {
        if (g.paths.includes(uri.fsPath) || (g.key === `dir:${dir}` && this.matchesTogether(basename(uri.fsPath)))) {
          if (g.key.startsWith('dir:')) this.groupOf(g.paths[0]);
          this.schedule(g, 1000);
        }
      }
    };
    this.disposables.push(watcher, watcher.onDidChange(onDisk), watcher.onDidCreate(onDisk), watcher.onDidDelete(onDisk));
    for (const d of vscode.workspace.textDocuments) this.onDocument(d);
    for (const g of vscode.window.tabGroups.all) for (const t of g.tabs) this.onTab(t);
    void this.warmIfLogsAround();
  }

  /**
   * A workspace that holds TiKV logs gets its analysis worker started now, so the first big log opened is not
   * analysed by threads that are still starting. So does any window of a user who has opened a big TiKV log in
   * the last week (from another folder, or with no folder open): the worker warms up on that log, if it is still
   * there. Other windows pay nothing until they open such a log.
   */
  private async warmIfLogsAround(): Promise<void> {
    const globs = readSettings().analyzeTogether;
    let biggest: { path: string; size: number } | undefined;
    if (vscode.workspace.workspaceFolders !== undefined && globs.length > 0) {
      const found = await vscode.workspace.findFiles(`**/{${globs.join(',')}}`, undefined, 20);
      // The biggest gives the warm-up the most lines to run over.
      for (const uri of found) {
        const size = sizeOf(uri.fsPath);
        if (size !== undefined && (biggest === undefined || size > biggest.size)) biggest = { path: uri.fsPath, size };
      }
    }
    if (biggest !== undefined) { this.warm(biggest.path, 'TiKV logs in the workspace'); return; }
    const last = rememberedLog(this.memory.get<unknown>(LAST_BIG_LOG), Date.now());
    if (last === undefined || sizeOf(last) === undefined) return;
    // Only a guess in this window: its ~110 MB are given back if no analysis wants the worker for a while.
    this.warm(last, 'the last big TiKV log opened', {
      afterMs: GUESSED_SPARE_MS,
      onDropped: () => this.log.info(`stopped the analysis worker started ahead: no TiKV log analysed in this window for ${GUESSED_SPARE_MS / 60_000} min`),
    });
  }

  private warm(path: string, why: string, unused?: UnusedSpare): void {
    if (this.workers.warmed || !readSettings().startWorkerAhead) return;
    this.workers.warm(path, 0, unused);
    this.log.info(`analysis worker started ahead of time, warmed up on ${path} (${why})`);
  }

  dispose(): void {
    this.workers.dispose();
    for (const g of this.groups.values()) { g.run?.cancel(); if (g.timer) clearTimeout(g.timer); }
    if (this.fireTimer) clearTimeout(this.fireTimer);
    for (const d of this.disposables) d.dispose();
  }

  reports(): readonly Report[] {
    const out: Report[] = [];
    for (const g of this.groups.values()) {
      const r = this.reportOf(g);
      if (r !== undefined) out.push(r);
    }
    return out;
  }

  reportFor(uri: vscode.Uri): { report: Report; file: number } | undefined {
    const path = pathOfUri(uri);
    if (path === undefined) return undefined;
    // The latest group that holds the file wins: a user's explicit pick comes after the folder's group.
    let found: { report: Report; file: number } | undefined;
    for (const g of this.groups.values()) {
      const report = this.reportOf(g);
      const file = report?.files.findIndex((f) => f.path === path) ?? -1;
      if (report !== undefined && file >= 0) found = { report, file };
    }
    return found;
  }

  states(): readonly GroupState[] {
    return [...this.groups.values()];
  }

  /** Analyse exactly these files together (the Analyze Files… command). */
  analysePicked(paths: readonly string[]): Promise<void> {
    const sorted = [...new Set(paths)].sort();
    const key = `picked:${sorted.join('\n')}`;
    const g = this.group(key, sorted);
    return this.run(g);
  }

  /**
   * Analyse the TiKV logs below folders together, one store per folder (the Analyze Folder… command). Says in the
   * output channel what was read and what was skipped, and why; resolves once the analysis is done.
   */
  async analyseFolders(paths: readonly string[]): Promise<void> {
    const where = paths.map((p) => basename(p)).join(', ');
    const started = performance.now();
    const inputs = collectInputs(paths);
    this.log.info(`folder ${paths.join(', ')}: ${takenText(inputs)} (looked in ${seconds(started)})`);
    for (const p of inputs.problems) this.log.warn(`${p.path}: ${p.message}`);
    for (const p of inputs.notes) this.log.info(`${p.path}: ${p.message}`);
    if (inputs.logs.length === 0) {
      void vscode.window.showWarningMessage(`TiKV Trace: no TiKV log found below ${where}` +
        (inputs.skipped.length > 0 ? ` (skipped ${inputs.skipped.length} other files, listed in the TiKV Trace output)` : '.'));
      return;
    }
    const g = this.folderGroup(paths, inputs.logs);
    await this.run(g);
    if (g.error !== undefined || g.report === undefined) return;
    const count = g.report.result.findings.length;
    const stores = storesOf(inputs.logs).size;
    const skipped = inputs.skipped.length > 0 ? `; skipped ${inputs.skipped.length} other file${inputs.skipped.length === 1 ? '' : 's'}` : '';
    const message = `TiKV Trace: ${count} finding${count === 1 ? '' : 's'} in ${inputs.logs.length} TiKV log${inputs.logs.length === 1 ? '' : 's'} ` +
      `(${stores} store${stores === 1 ? '' : 's'}) below ${where}${skipped}.`;
    void vscode.window.showInformationMessage(message, ...(count > 0 ? ['Show Findings'] : [])).then((pick) => {
      if (pick === 'Show Findings') void vscode.commands.executeCommand('tikv-trace.showFindings');
    });
  }

  private folderGroup(roots: readonly string[], logs: readonly InputLog[]): Group {
    const g = this.group(`folder:${[...roots].sort().join('\n')}`, logs.map((l) => l.path));
    g.stores = new Map(logs.flatMap((l) => (l.store === undefined ? [] : [[l.path, l.store] as const])));
    g.label = `${logs.length} logs below ${roots.map((r) => basename(r)).join(', ')}`;
    return g;
  }

  /** Analyse the group of a file now, whatever the settings say (a command asked for it). */
  analyseFile(path: string): Promise<void> {
    const g = this.groupOf(path);
    return this.run(g);
  }

  private reportOf(g: Group): Report | undefined {
    if (g.report !== undefined) return g.report;
    if (g.partial.length === 0) return undefined;
    // Before the first report, the findings seen so far stand in for it, so diagnostics appear early.
    return {
      files: g.paths.map((path) => ({ path, store: g.stores?.get(path) ?? storeKeyOf(path), stats: emptyStats() })),
      result: {
        findings: g.partial, timelines: [],
        summary: {
          events: 0, eventsByType: {}, stores: 0, regions: 0, findings: g.partial.length, byRule: {},
          bySeverity: { error: 0, warning: 0, info: 0 }, retainedEvents: 0, trimmedWindows: 0,
        },
      },
      ids: {}, ms: 0, firstFindingMs: null,
    };
  }

  private onDocument(d: vscode.TextDocument): void {
    if (d.uri.scheme === LINES_SCHEME) {
      // A finding's lines from a log too big to open: analysed on their own, so hovers and navigation work there.
      if (d.languageId === 'tikv-log') this.schedule(this.group(`lines:${d.uri.toString()}`, [d.uri.toString()]), 0);
      return;
    }
    if (d.uri.scheme !== 'file') return;
    // VS Code's own `log` language claims every .log by extension before any firstLine pattern is tried, so a
    // TiKV log with another name is recognised here, by its first line.
    if ((d.languageId === 'log' || d.languageId === 'plaintext') && looksLikeTikvFile(d.uri.fsPath)) {
      void vscode.languages.setTextDocumentLanguage(d, 'tikv-log');
      return; // the language change reopens the document as tikv-log, which comes back here
    }
    if (d.languageId !== 'tikv-log') return;
    this.warm(d.uri.fsPath, 'a TiKV log was opened');
    if (!readSettings().analyzeOnOpen || this.covered(d.uri.fsPath)) return;
    this.schedule(this.groupOf(d.uri.fsPath), 0);
  }

  private onEdit(d: vscode.TextDocument): void {
    if (d.uri.scheme !== 'file') return;
    for (const g of this.groups.values()) if (g.paths.includes(d.uri.fsPath)) this.schedule(g, 600);
  }

  private onTab(tab: vscode.Tab): void {
    const input = tab.input;
    if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== 'file') return;
    const path = input.uri.fsPath;
    if (this.covered(path) || !readSettings().analyzeOnOpen) return;
    const size = sizeOf(path);
    // Smaller files arrive as documents with their language; only the big ones need recognising here.
    if (size === undefined || size <= SYNC_LIMIT_BYTES) return;
    if (!this.matchesTogether(basename(path)) && !(path.endsWith('.log') && looksLikeTikvFile(path))) return;
    this.log.info(`tab opened: ${path} (${mb(size)})`);
    this.schedule(this.groupOf(path), 0);
  }

  private covered(path: string): boolean {
    for (const g of this.groups.values()) if (g.paths.includes(path)) return true;
    return false;
  }

  private matchesTogether(name: string): boolean {
    return readSettings().analyzeTogether.some((glob) => globToRegExp(glob).test(name));
  }

  /** A file's group: itself and the siblings the analyzeTogether globs name (rotated files, other stores). */
  private groupOf(path: string): Group {
    const dir = dirname(path);
    let names: string[] = [];
    try { names = readdirSync(dir); } catch { /* an unreadable folder: analyse the file alone */ }
    const siblings = names.filter((n) => this.matchesTogether(n)).map((n) => join(dir, n))
      .filter((p) => { try { return statSync(p).isFile(); } catch { return false; } });
    const paths = [...new Set([path, ...siblings])].sort().slice(0, MAX_GROUP_FILES);
    if (!paths.includes(path)) paths[paths.length - 1] = path;
    return this.group(`dir:${dir}`, paths);
  }

  private group(key: string, paths: readonly string[]): Group {
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { key, paths, running: false, bytesTotal: 0, bytesDone: 0, partial: [] };
      this.groups.set(key, g);
    } else {
      g.paths = paths;
    }
    return g;
  }

  private reanalyseAll(): void {
    for (const g of this.groups.values()) this.schedule(g, 0);
  }

  private schedule(g: Group, delayMs: number): void {
    if (g.timer) clearTimeout(g.timer);
    g.timer = setTimeout(() => { g.timer = undefined; void this.run(g); }, delayMs);
  }

  /** What to analyse for a group, its total size, and its biggest file read from disk. */
  private inputs(g: Group): { inputs: AnalyzeInput[]; bytes: number; biggestOnDisk?: string } {
    const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
    let bytes = 0;
    let biggest = -1;
    let biggestOnDisk: string | undefined;
    const inputs: AnalyzeInput[] = [];
    for (const path of g.paths) {
      if (isLinesPath(path)) {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === path);
        if (doc !== undefined) inputs.push({ path, text: doc.getText(), withIds: true });
        continue;
      }
      const size = sizeOf(path);
      if (size === undefined) continue;
      const doc = open.get(path);
      bytes += size;
      // An edited buffer is what the user sees: analyse it rather than the file on disk.
      const text = doc?.isDirty ? doc.getText() : undefined;
      const store = g.stores?.get(path);
      inputs.push({ path, text, withIds: size <= SYNC_LIMIT_BYTES, ...(store === undefined ? {} : { store }) });
      if (text === undefined && size > biggest) { biggest = size; biggestOnDisk = path; }
    }
    return { inputs, bytes, biggestOnDisk };
  }

  private async run(g: Group): Promise<void> {
    g.run?.cancel();
    const settings = readSettings();
    const { inputs, bytes, biggestOnDisk } = this.inputs(g);
    g.running = true;
    g.error = undefined;
    g.bytesTotal = bytes;
    g.bytesDone = 0;
    g.partial = [];
    const names = g.label ?? g.paths.map((p) => basename(p)).join(', ');
    const started = performance.now();
    const callbacks = {
      onFinding: (f: Finding) => {
        g.partial.push(f);
        if (g.partial.length === 1) this.log.info(`first finding after ${seconds(started)}: ${f.rule} (${names})`);
        this.fireSoon(g.partial.length === 1, true);
      },
      onProgress: (done: number) => { g.bytesDone = done; this.fireSoon(false, false); },
    };
    const req = { inputs, disabledRules: settings.disabledRules };
    const inWorker = bytes >= settings.workerThresholdBytes;
    this.log.info(`analysing ${names} (${mb(bytes)}) ${inWorker ? (this.workers.warmed ? 'in the ready worker' : 'in a new worker') : 'in the extension host'}`);
    const run = inWorker ? this.workers.run(req, callbacks) : runInProcess(req, callbacks);
    // What the next window's worker will warm up on.
    if (inWorker && biggestOnDisk !== undefined) void this.memory.update(LAST_BIG_LOG, { path: biggestOnDisk, at: Date.now() } satisfies LastBigLog);
    g.run = run;
    this.fireSoon(true, false);
    const work = run.done.then((report) => {
      if (g.run !== run) return;
      g.report = report;
      g.partial = [];
      const secs = (performance.now() - started) / 1000;
      const engineFirst = report.firstFindingMs === null ? '' : `, the engine's first finding ${(report.firstFindingMs / 1000).toFixed(2)} s after it started`;
      this.log.info(`analysed ${names} in ${secs.toFixed(2)} s (${(bytes / 1e6 / secs).toFixed(0)} MB/s): ${report.result.findings.length} findings${engineFirst}`);
    }, (err: unknown) => {
      if (err instanceof RunCancelled) this.log.info(`cancelled the analysis of ${names}`);
      if (g.run !== run || err instanceof RunCancelled) return;
      g.error = err instanceof Error ? err.message : String(err);
      this.log.error(`could not analyse ${names}: ${g.error}`);
      void vscode.window.showErrorMessage(`TiKV Trace could not analyse ${names}: ${g.error}`);
    }).finally(() => {
      if (g.run !== run) return;
      g.run = undefined;
      g.running = false;
      this.fireSoon(true, true);
    });
    if (bytes >= NOTIFY_FROM_BYTES) {
      await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification,
        title: `TiKV Trace: analysing ${names} (${mb(bytes)})`,
        cancellable: true,
      }, async (progress, token) => {
        token.onCancellationRequested(() => run.cancel());
        let reported = 0;
        const timer = setInterval(() => {
          const pct = bytes > 0 ? Math.floor((g.bytesDone / bytes) * 100) : 0;
          if (pct > reported) { progress.report({ increment: pct - reported, message: `${pct}%` }); reported = pct; }
        }, 200);
        try { await work; } finally { clearInterval(timer); }
      });
    } else {
      await work;
    }
  }

  /**
   * Coalesces change events: a stream of findings or progress must not redraw the Problems panel per message, and
   * progress alone must not republish diagnostics, lenses and symbols (every 250 ms of a long analysis, that kept
   * the workbench busy re-rendering what had not changed).
   */
  private fireSoon(now: boolean, findings: boolean): void {
    if (findings) this.findingsChanged = true;
    const flush = (): void => {
      this.fireTimer = undefined;
      if (this.findingsChanged) {
        this.findingsChanged = false;
        this.changed.fire();
      }
      this.stateChanged.fire();
    };
    if (now) {
      if (this.fireTimer) clearTimeout(this.fireTimer);
      flush();
      return;
    }
    this.fireTimer ??= setTimeout(flush, 250);
  }
}
