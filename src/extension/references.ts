// Find All References (Shift+F12, Shift+Alt+F12) on any id of a TiKV log: every line of the analysed files that
// mentions it, from the report's id index. ObserveIds stay within the store of the file (they are per process).
import * as vscode from 'vscode';
import { placeLocation, reportAt, TIKV_LOG } from './definition';
import { idAt, referencesOf } from './lookup';
import type { AnalysisModel } from './model';

export function registerReferences(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const provider: vscode.ReferenceProvider = {
    provideReferences(document, position) {
      const at = reportAt(model, document.uri);
      if (at === undefined) return undefined;
      const id = idAt(at.report, at.file, position.line + 1, position.character, document.lineAt(position.line).text);
      if (id === undefined) return undefined;
      const store = at.report.files[at.file]?.store;
      return referencesOf(at.report, id.kind, id.value, store).flatMap((l) => placeLocation(at.report, l) ?? []);
    },
  };
  context.subscriptions.push(vscode.languages.registerReferenceProvider(TIKV_LOG, provider));
}
