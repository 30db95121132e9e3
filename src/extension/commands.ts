import * as vscode from 'vscode';
import type { Finding } from '../core/engine';
import type { Report } from '../core/report';
import type { AnalysisService } from './analysisService';
import { rootLink } from './lookup';
import { uriOfPath } from './uris';

export interface RevealArgs {
  readonly path: string;
  readonly line: number;
}

/**
 * Opens a file at a line. `vscode.open` with a selection is the one way that also works for files over 50 MB,
 * which never become TextDocuments (showTextDocument throws for them).
 */
export async function revealLine(args: RevealArgs): Promise<void> {
  if (typeof args?.path !== 'string' || !Number.isInteger(args.line) || args.line < 1) return;
  const pos = new vscode.Position(args.line - 1, 0);
  await vscode.commands.executeCommand('vscode.open', uriOfPath(args.path), { selection: new vscode.Range(pos, pos), preview: false });
}

interface FindingItem extends vscode.QuickPickItem {
  readonly report: Report;
  readonly finding: Finding;
}

/** Lets the user pick one finding of all reports; undefined when there is none or the pick was dismissed. */
export async function pickFinding(reports: readonly Report[], placeHolder: string): Promise<{ report: Report; finding: Finding } | undefined> {
  const items = findingItems(reports);
  if (items.length === 0) {
    void vscode.window.showInformationMessage('TiKV Trace: no findings in the analysed logs.');
    return undefined;
  }
  return vscode.window.showQuickPick(items, { matchOnDetail: true, placeHolder });
}

function findingItems(reports: readonly Report[]): FindingItem[] {
  const icon = { error: '$(error)', warning: '$(warning)', info: '$(info)' } as const;
  return reports.flatMap((report) => report.result.findings.map((finding) => ({
    label: `${icon[finding.severity]} ${finding.rule}${finding.regionId ? `: region ${finding.regionId}` : ''}`,
    description: `${vscode.workspace.asRelativePath(report.files[finding.location.file].path)}:${finding.location.line}`,
    detail: finding.message,
    report,
    finding,
  })));
}

/** Where the cursor is: the active editor's line, or for a file over 50 MB (no editor object) its tab. */
function cursorPlace(): { uri: vscode.Uri; line: number } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor !== undefined) return { uri: editor.document.uri, line: editor.selection.active.line + 1 };
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? { uri: input.uri, line: 1 } : undefined;
}

export function registerCommands(context: vscode.ExtensionContext, service: AnalysisService): void {
  const reg = (id: string, fn: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  };

  reg('tikv-trace.revealLine', (args: RevealArgs) => revealLine(args));

  reg('tikv-trace.analyzeFiles', async () => {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true, openLabel: 'Analyze together',
      title: 'TiKV Trace: pick the logs to analyse together (rotated files, several stores)',
    });
    if (picked === undefined || picked.length === 0) return;
    await service.analysePicked(picked.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
    await vscode.commands.executeCommand('tikv-trace.showFindings');
  });

  // From the palette it asks for the folders; from the Explorer's context menu it gets the folder clicked and
  // the others selected with it, as VS Code passes them to every `explorer/context` command.
  reg('tikv-trace.analyzeFolder', async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
    const given = Array.isArray(selected) && selected.length > 0 ? selected : clicked instanceof vscode.Uri ? [clicked] : undefined;
    const folders = given ?? await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: true, openLabel: 'Analyze',
      title: 'TiKV Trace: pick the folder that holds the logs (one folder per store below it)',
    });
    if (folders === undefined || folders.length === 0) return;
    await service.analyseFolders(folders.filter((u) => u.scheme === 'file').map((u) => u.fsPath));
  });

  reg('tikv-trace.showFindings', async () => {
    const pick = await pickFinding(service.reports(), 'Findings: pick one to open its line');
    if (pick !== undefined) await revealLine({ path: pick.report.files[pick.finding.location.file].path, line: pick.finding.location.line });
  });

  reg('tikv-trace.goToRootCause', async () => {
    // The report the hover and the lenses read for this file, and the same root-cause link the lens names.
    const at = cursorPlace();
    const found = at === undefined ? undefined : service.reportFor(at.uri);
    const findings = found?.report.result.findings ?? [];
    const onLine = (p: { file: number; line: number }): boolean => p.file === found?.file && p.line === at?.line;
    const finding = findings.find((f) => onLine(f.location) || f.causes.some(onLine))
      ?? findings.find((f) => f.location.file === found?.file);
    if (found === undefined || finding === undefined) {
      void vscode.window.showInformationMessage('TiKV Trace: no finding here to trace back.');
      return;
    }
    const cause = rootLink(finding)?.cause ?? finding.location;
    await revealLine({ path: found.report.files[cause.file].path, line: cause.line });
  });
}
