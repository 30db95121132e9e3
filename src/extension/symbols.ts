// Document symbols for a TiKV log, so the Outline view and the breadcrumbs navigate it: each finding, and each
// region with events in the file (children: its role changes and subscription changes).
import * as vscode from 'vscode';
import { reportAt, TIKV_LOG } from './definition';
import { documentOutline, type OutlineItem } from './lookup';
import type { AnalysisModel } from './model';

const KIND: Readonly<Record<OutlineItem['kind'], vscode.SymbolKind>> = {
  finding: vscode.SymbolKind.Event,
  region: vscode.SymbolKind.Namespace,
  role: vscode.SymbolKind.EnumMember,
  subscription: vscode.SymbolKind.Property,
};

function toSymbol(document: vscode.TextDocument, item: OutlineItem): vscode.DocumentSymbol | undefined {
  // The report may be a few edits behind the buffer: drop what no longer fits in it.
  if (item.line < 1 || item.endLine > document.lineCount) return undefined;
  const first = new vscode.Range(item.line - 1, 0, item.line - 1, 0);
  const range = new vscode.Range(first.start, document.lineAt(item.endLine - 1).range.end);
  const symbol = new vscode.DocumentSymbol(item.name, item.detail, KIND[item.kind], range, first);
  symbol.children = item.children.flatMap((c) => toSymbol(document, c) ?? []);
  return symbol;
}

export function registerSymbols(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const provider: vscode.DocumentSymbolProvider = {
    provideDocumentSymbols(document) {
      const at = reportAt(model, document.uri);
      if (at === undefined) return [];
      // Regions of a log interleave, so their ranges overlap. The breadcrumbs show the first top-level symbol that
      // contains the cursor: narrowest first makes that the finding on its line, else the most local region. (The
      // Outline view sorts by position itself.)
      const items = documentOutline(at.report, at.file).sort((a, b) => a.endLine - a.line - (b.endLine - b.line) || a.line - b.line);
      return items.flatMap((item) => toSymbol(document, item) ?? []);
    },
  };
  // Symbol providers have no change event; the Outline and breadcrumbs ask again when the set of providers
  // changes, so re-registering after each analysis is how a finished analysis reaches them.
  let registration = vscode.languages.registerDocumentSymbolProvider(TIKV_LOG, provider, { label: 'TiKV Trace' });
  const reregister = model.onDidChange(() => {
    registration.dispose();
    registration = vscode.languages.registerDocumentSymbolProvider(TIKV_LOG, provider, { label: 'TiKV Trace' });
  });
  context.subscriptions.push(reregister, { dispose: () => registration.dispose() });
}
