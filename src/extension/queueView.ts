// The queue-order view's entry point for the extension: the `tikv-trace.showQueueOrder` command, the serializer
// that brings panels back after a reload, and the commands that share the shown queue. The lead calls
// registerQueueView(context, model) from activate().
import * as vscode from 'vscode';
import { SHOW_COMMAND, VIEW_TYPE, viewStateOf, type RegionRef } from '../../webview/protocol';
import type { AnalysisModel } from './model';
import { regionAtLine } from './queueViewModel';
import { QueuePanel, webviewOptions, type PanelDeps } from './queueViewPanel';
import { RegionIndex } from './queueViewRegions';

export const COPY_MARKDOWN_COMMAND = 'tikv-trace.queueOrder.copyMarkdown';
export const SAVE_SVG_COMMAND = 'tikv-trace.queueOrder.saveSvg';

/** The command's argument: the code lens, hovers and findings pass one; the palette passes none. */
export interface ShowQueueOrderArgs {
  readonly reportIndex?: number;
  readonly store: string;
  readonly regionId: string;
}

function argsOf(x: unknown): RegionRef | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const a = x as Record<string, unknown>;
  if (typeof a.store !== 'string' || typeof a.regionId !== 'string') return undefined;
  const reportIndex = typeof a.reportIndex === 'number' && Number.isSafeInteger(a.reportIndex) && a.reportIndex >= 0 ? a.reportIndex : undefined;
  return { store: a.store, regionId: a.regionId, ...(reportIndex !== undefined ? { reportIndex } : {}) };
}

export function registerQueueView(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const label = (p: string): string => vscode.workspace.asRelativePath(p, false);
  let regions: { index: RegionIndex; version: number } | undefined;
  let version = 0;
  const panels = new Set<QueuePanel>();
  let lastActive: QueuePanel | undefined;

  const deps: PanelDeps = {
    extensionUri: context.extensionUri,
    model,
    regions: () => (regions ??= { index: new RegionIndex(model.reports(), label), version: ++version }),
    fileLabel: label,
    storeLabel: label,
    revealColumn: (uri, panel) => {
      const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      if (shown?.viewColumn !== undefined && shown.viewColumn !== panel.viewColumn) return shown.viewColumn;
      const other = vscode.window.visibleTextEditors.find((e) => e.viewColumn !== undefined && e.viewColumn !== panel.viewColumn);
      if (other?.viewColumn !== undefined) return other.viewColumn;
      return panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    },
  };

  const track = (panel: QueuePanel): QueuePanel => {
    panels.add(panel);
    lastActive = panel;
    panel.panel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) lastActive = panel;
    });
    panel.onDidDispose(() => {
      panels.delete(panel);
      if (lastActive === panel) lastActive = [...panels].pop();
    });
    return panel;
  };

  const open = (ref: RegionRef): void => {
    const existing = lastActive ?? [...panels].pop();
    if (existing) {
      existing.show(ref);
      return;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Queue order', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, webviewOptions(context.extensionUri));
    track(new QueuePanel(panel, deps, ref));
  };

  const regionUnderCursor = (): RegionRef | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    const found = model.reportFor(editor.document.uri);
    if (!found) return undefined;
    const reportIndex = model.reports().indexOf(found.report);
    const line = editor.selection.active.line;
    return regionAtLine(found.report, Math.max(reportIndex, 0), found.file, line + 1, editor.document.lineAt(line).text);
  };

  const pickRegion = async (): Promise<RegionRef | undefined> => {
    const { index } = deps.regions();
    if (index.size === 0) {
      void vscode.window.showInformationMessage('TiKV Trace: no analysed region yet. Open a TiKV log first.');
      return undefined;
    }
    const items = index.query('', '', 0, index.size).items.map((r) => ({
      label: `Region ${r.regionId}`,
      description: r.storeLabel,
      detail: [r.findings > 0 ? `${r.findings} finding${r.findings === 1 ? '' : 's'}` : '', r.state ? `subscription ${r.state}` : ''].filter(Boolean).join(' · ') || undefined,
      ref: r.ref,
    }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Show the queue order of a region', placeHolder: 'Region id or store', matchOnDescription: true });
    return picked?.ref;
  };

  context.subscriptions.push(
    model.onDidChange(() => {
      regions = undefined;
    }),
    vscode.commands.registerCommand(SHOW_COMMAND, async (arg?: unknown) => {
      const ref = argsOf(arg) ?? regionUnderCursor() ?? (await pickRegion());
      if (ref !== undefined) open(ref);
    }),
    vscode.commands.registerCommand(COPY_MARKDOWN_COMMAND, () => lastActive?.copyMarkdown()),
    vscode.commands.registerCommand(SAVE_SVG_COMMAND, () => lastActive?.saveSvg()),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        track(new QueuePanel(panel, deps, viewStateOf(state)?.region));
      },
    }),
    { dispose: () => [...panels].forEach((p) => p.dispose()) },
  );
}
