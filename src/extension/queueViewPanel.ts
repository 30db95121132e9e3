// One queue-order panel: owns the region it shows and that region's model, answers the webview's requests
// (windows of rows, pages of regions, reveals, exports) and re-initialises the webview when the analysis changes.
// The webview gets only what it shows; it never sees a log line or a file path it could open by itself.
import * as vscode from 'vscode';
import { uriOfPath } from './uris';
import {
  PROTOCOL_VERSION,
  parseViewMessage,
  regionKey,
  type HostMessage,
  type RegionRef,
  type ViewMessage,
} from '../../webview/protocol';
import { sliceLanes } from '../../webview/lanes';
import { queueMarkdown, queueSvg, type ExportContext } from '../../webview/export';
import type { AnalysisModel } from './model';
import { queueViewHtml, makeNonce } from './queueViewHtml';
import { buildRegionModel, findRegion, type RegionModel } from './queueViewModel';
import type { RegionIndex } from './queueViewRegions';
import { DIST_FILES } from '../node/distFiles';

export interface PanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly model: AnalysisModel;
  /** The region index of the current reports (rebuilt when they change) and its version. */
  regions(): { index: RegionIndex; version: number };
  fileLabel(path: string): string;
  storeLabel(store: string): string;
  /** Where a revealed log line opens: the column of an editor already showing it, else one beside the panel. */
  revealColumn(uri: vscode.Uri, panel: vscode.WebviewPanel): vscode.ViewColumn;
}

/** The webview options every queue panel gets, created or restored: scripts on, resources only from dist/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableForms: false,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export class QueuePanel implements vscode.Disposable {
  private ref: RegionRef | undefined;
  private model: RegionModel | undefined;
  private generation = 0;
  /** Generation -> the report's file paths, for reveals from a view built on an older generation. */
  private readonly filesByGeneration = new Map<number, readonly string[]>();
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  readonly onDidDispose: vscode.Event<void>;

  constructor(readonly panel: vscode.WebviewPanel, private readonly deps: PanelDeps, ref?: RegionRef) {
    this.ref = ref;
    this.onDidDispose = panel.onDidDispose;
    const webview = panel.webview;
    webview.options = webviewOptions(deps.extensionUri);
    const dist = vscode.Uri.joinPath(deps.extensionUri, 'dist');
    webview.html = queueViewHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, DIST_FILES.webviewScript)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, DIST_FILES.webviewStyle)).toString(),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      deps.model.onDidChange(() => this.reload()),
      panel.onDidDispose(() => this.dispose()),
    );
    this.updateTitle();
  }

  get region(): RegionRef | undefined {
    return this.ref;
  }

  show(ref: RegionRef, preserveFocus = false): void {
    this.ref = ref;
    this.panel.reveal(undefined, preserveFocus);
    this.reload();
  }

  copyMarkdown(): void {
    const m = this.model;
    if (!m) return;
    void vscode.env.clipboard.writeText(queueMarkdown(m.lanes, this.exportContext(m))).then(() =>
      vscode.window.showInformationMessage(`Queue of region ${m.summary.regionId} copied as a Markdown table.`));
  }

  async saveSvg(): Promise<void> {
    const m = this.model;
    if (!m) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `queue-region-${m.summary.regionId.replace(/[^\w.-]/g, '_')}.svg`;
    const target = await vscode.window.showSaveDialog({
      title: 'Save the queue as SVG',
      filters: { 'SVG picture': ['svg'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(queueSvg(m.lanes, this.exportContext(m))));
    void vscode.window.showInformationMessage(`Saved ${vscode.workspace.asRelativePath(target)}.`);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private exportContext(m: RegionModel): ExportContext {
    return {
      regionId: m.summary.regionId,
      storeLabel: m.summary.storeLabel,
      files: m.files,
      ...(m.finding ? { findingMessage: m.finding.message } : {}),
    };
  }

  private post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  private updateTitle(): void {
    this.panel.title = this.ref ? `Queue: region ${this.ref.regionId}` : 'Queue order';
  }

  /** Rebuilds the model for the current region and re-initialises the webview. */
  private reload(): void {
    if (!this.ready || this.disposed) return;
    const reports = this.deps.model.reports();
    const { index, version } = this.deps.regions();
    if (this.ref === undefined) {
      const first = index.first();
      if (first) this.ref = first.ref;
    }
    const data = this.ref ? findRegion(reports, this.ref) : undefined;
    if (!data) {
      this.model = undefined;
      const text = reports.length === 0
        ? 'No TiKV log has been analysed yet. Open a TiKV log (tikv*.log) and the analysis starts by itself.'
        : this.ref
          ? `Region ${this.ref.regionId} is not in the current analysis. Pick another region.`
          : 'The analysed logs have no region with observe ops or raft role changes.';
      this.post({ v: PROTOCOL_VERSION, type: 'empty', text, stores: index.stores(), totalRegions: index.size, regionsVersion: version });
      this.updateTitle();
      return;
    }
    this.ref = { store: data.store, regionId: data.regionId, reportIndex: data.reportIndex };
    this.updateTitle();
    this.publish(buildRegionModel(data, (p) => this.deps.fileLabel(p), (s) => this.deps.storeLabel(s)));
  }

  private publish(model: RegionModel): void {
    this.model = model;
    const generation = ++this.generation;
    const reports = this.deps.model.reports();
    const report = reports[model.ref.reportIndex];
    this.filesByGeneration.set(generation, report ? report.files.map((f) => f.path) : []);
    for (const g of this.filesByGeneration.keys()) if (g < generation - 8) this.filesByGeneration.delete(g);
    const { index, version } = this.deps.regions();
    this.post({
      v: PROTOCOL_VERSION,
      type: 'init',
      generation,
      region: model.summary,
      files: model.files,
      counts: { issued: model.lanes.issued.length, processed: model.lanes.processed.length },
      source: model.source,
      ...(model.finding ? { finding: { rule: model.finding.rule, message: model.finding.message, file: model.finding.location.file, line: model.finding.location.line } } : {}),
      processedOrder: model.processedOrder,
      crossings: model.lanes.crossings,
      timeline: model.timeline,
      stores: index.stores(),
      totalRegions: index.size,
      regionsVersion: version,
    });
  }

  private onMessage(raw: unknown): void {
    const msg = parseViewMessage(raw);
    if (!msg) return;
    this.handle(msg);
  }

  private handle(msg: ViewMessage): void {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.ref === undefined && msg.state?.region) this.ref = msg.state.region;
        this.reload();
        break;
      case 'requestWindow': {
        const m = this.model;
        if (!m || msg.generation !== this.generation) return;
        const win = sliceLanes(m.lanes, msg.start, msg.count);
        this.post({ v: PROTOCOL_VERSION, type: 'window', generation: this.generation, requestId: msg.requestId, ...win });
        break;
      }
      case 'queryRegions': {
        const { index } = this.deps.regions();
        const page = index.query(msg.text, msg.store, msg.start, msg.count);
        this.post({ v: PROTOCOL_VERSION, type: 'regions', requestId: msg.requestId, total: page.total, start: msg.start, items: page.items });
        break;
      }
      case 'select':
        if (this.ref && regionKey(this.ref) === regionKey(msg.region)) return;
        this.ref = msg.region;
        this.reload();
        break;
      case 'reveal': {
        const path = this.filesByGeneration.get(msg.generation)?.[msg.file];
        if (path !== undefined) void this.reveal(uriOfPath(path), msg.line);
        break;
      }
      case 'copyMarkdown':
        this.copyMarkdown();
        break;
      case 'saveSvg':
        void this.saveSvg();
        break;
      case 'cspViolation':
        console.warn(`tikv-trace queue view: Content-Security-Policy blocked ${msg.directive}`);
        break;
    }
  }

  /** Opens the line with the `vscode.open` command, which also works for files too large for a TextDocument. */
  private async reveal(uri: vscode.Uri, line: number): Promise<void> {
    const at = new vscode.Range(line - 1, 0, line - 1, 0);
    await vscode.commands.executeCommand('vscode.open', uri, {
      selection: at,
      viewColumn: this.deps.revealColumn(uri, this.panel),
      preserveFocus: false,
    } satisfies vscode.TextDocumentShowOptions);
  }
}
