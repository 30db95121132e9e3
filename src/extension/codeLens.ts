// Code lenses above each finding: "Root cause: <a few words> (line N)" reveals the line that explains it, and
// "Show queue order" opens the region's queue view. Titles and arguments are built from our own words, line
// numbers, paths of analysed files and digit ids; no log text.
import * as vscode from 'vscode';
import { reportAt, TIKV_LOG } from './definition';
import { isId, placeLabel, REVEAL_LINE, SHOW_QUEUE_ORDER } from './markdown';
import { rootLink } from './lookup';
import type { AnalysisModel } from './model';

export function registerCodeLens(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const provider: vscode.CodeLensProvider = {
    // Findings arrive after the document opens (and change on re-analysis): ask the editor to ask again.
    onDidChangeCodeLenses: model.onDidChange,
    provideCodeLenses(document) {
      const at = reportAt(model, document.uri);
      if (at === undefined) return [];
      const { report, file } = at;
      const lenses: vscode.CodeLens[] = [];
      for (const f of report.result.findings) {
        if (f.location.file !== file || f.location.line < 1 || f.location.line > document.lineCount) continue;
        const range = new vscode.Range(f.location.line - 1, 0, f.location.line - 1, 0);
        const root = rootLink(f);
        const target = root === undefined ? undefined : report.files[root.cause.file];
        if (root !== undefined && target !== undefined) {
          const where = root.cause.file === file ? `line ${root.cause.line}` : placeLabel(report.files, root.cause.file, root.cause.line);
          lenses.push(
            new vscode.CodeLens(range, {
              title: `Root cause: ${root.short} (${where})`,
              tooltip: `Reveal ${placeLabel(report.files, root.cause.file, root.cause.line)}`,
              command: REVEAL_LINE,
              arguments: [{ path: target.path, line: root.cause.line }],
            }),
          );
        }
        if (isId(f.regionId)) {
          const args = at.reportIndex === undefined ? { store: f.store, regionId: f.regionId } : { reportIndex: at.reportIndex, store: f.store, regionId: f.regionId };
          lenses.push(new vscode.CodeLens(range, { title: 'Show queue order', command: SHOW_QUEUE_ORDER, arguments: [args] }));
        }
      }
      return lenses;
    },
  };
  context.subscriptions.push(vscode.languages.registerCodeLensProvider(TIKV_LOG, provider));
}
