import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { Finding } from '../core/engine';
import type { Report } from '../core/report';
import { readLinesAsync } from '../node/lineReader';
import { pickFinding } from './commands';
import type { AnalysisModel } from './model';
import { isLinesPath, LINES_SCHEME } from './uris';

/** The finding's own line and every line of its chain, once each, in log order (causes are in log order). */
function chainPlaces(f: Finding): { file: number; line: number }[] {
  const seen = new Set<string>();
  const places: { file: number; line: number }[] = [];
  for (const p of [...f.causes, f.location]) {
    const key = `${p.file}:${p.line}`;
    if (!seen.has(key)) { seen.add(key); places.push({ file: p.file, line: p.line }); }
  }
  return places;
}

/**
 * `TiKV Trace: Open Finding's Lines`: the lines of a finding's chain as a small read-only tikv-log document. For a
 * log over 50 MB, VS Code gives extensions no document, so no hover, definition or lens there; this document is
 * analysed like any other log, so all of them work on it.
 */
export function registerFindingLines(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const contents = new Map<string, string>();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(LINES_SCHEME, {
      provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '',
    }),
    vscode.commands.registerCommand('tikv-trace.openFindingLines', async () => {
      const pick = await pickFinding(model.reports(), "Open a finding's lines as a document");
      if (pick === undefined) return;
      const text = await linesOf(pick.report, pick.finding);
      const source = basename(pick.report.files[pick.finding.location.file].path).replace(/[^A-Za-z0-9._-]/g, '_');
      const uri = vscode.Uri.from({
        scheme: LINES_SCHEME,
        // The name keeps the tikv*.log shape, so the document gets the TiKV Log language like a log file, and
        // says where the finding is; it is also what hovers and the Problems panel show for these lines.
        path: `/tikv-chain-${pick.finding.rule}-region-${pick.finding.regionId || 'store'}-${source}-line-${pick.finding.location.line}.log`,
      });
      contents.set(uri.toString(), text);
      const doc = await vscode.workspace.openTextDocument(uri);
      const shown = doc.languageId === 'tikv-log' ? doc : await vscode.languages.setTextDocumentLanguage(doc, 'tikv-log');
      await vscode.window.showTextDocument(shown, { preview: false });
    }),
  );
}

async function linesOf(report: Report, f: Finding): Promise<string> {
  const places = chainPlaces(f).filter((p) => !isLinesPath(report.files[p.file].path));
  const byFile = new Map<number, Set<number>>();
  for (const p of places) {
    let set = byFile.get(p.file);
    if (set === undefined) byFile.set(p.file, (set = new Set()));
    set.add(p.line);
  }
  const read = new Map<number, Map<number, string>>();
  for (const [file, lines] of byFile) read.set(file, await readLinesAsync(report.files[file].path, lines));
  return places.map((p) => read.get(p.file)?.get(p.line) ?? `(line ${p.line} of ${basename(report.files[p.file].path)} could not be read)`)
    .join('\n') + '\n';
}
