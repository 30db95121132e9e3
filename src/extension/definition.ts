// Go to Definition (F12) and Peek Definition on a TiKV log: from an id or a finding's line to its cause (see
// lookup.definitionAt for what goes where). Also the small adapters the other providers share: which report a
// document belongs to, and a lookup Place as a vscode.Location.
import * as vscode from 'vscode';
import type { Report } from '../core/report';
import { definitionAt, type Place } from './lookup';
import type { AnalysisModel } from './model';
import { uriOfPath } from './uris';

export const TIKV_LOG: vscode.DocumentSelector = { language: 'tikv-log' };

export interface ReportAt {
  readonly report: Report;
  readonly file: number;
  /** Index in model.reports(), when the report is one of them (not a partial stand-in). */
  readonly reportIndex: number | undefined;
}

export function reportAt(model: AnalysisModel, uri: vscode.Uri): ReportAt | undefined {
  const found = model.reportFor(uri);
  if (found === undefined) return undefined;
  const index = model.reports().indexOf(found.report);
  return { ...found, reportIndex: index < 0 ? undefined : index };
}

/** A place in an analysed file as a Location: the id's columns when known, else the start of the line. */
export function placeLocation(report: Report, place: Place): vscode.Location | undefined {
  const f = report.files[place.file];
  if (f === undefined || place.line < 1) return undefined;
  const line = place.line - 1;
  const range =
    place.start !== undefined && place.end !== undefined
      ? new vscode.Range(line, place.start, line, place.end)
      : new vscode.Range(line, 0, line, 0);
  return new vscode.Location(uriOfPath(f.path), range);
}

export function registerDefinition(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const provider: vscode.DefinitionProvider = {
    provideDefinition(document, position) {
      const at = reportAt(model, document.uri);
      if (at === undefined) return undefined;
      const text = document.lineAt(position.line).text;
      const places = definitionAt(at.report, at.file, position.line + 1, position.character, text);
      return places.flatMap((p) => placeLocation(at.report, p) ?? []);
    },
  };
  context.subscriptions.push(vscode.languages.registerDefinitionProvider(TIKV_LOG, provider));
}
