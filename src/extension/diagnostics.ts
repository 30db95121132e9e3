import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/engine';
import type { Report } from '../core/report';
import type { AnalysisModel } from './model';
import { uriOfPath } from './uris';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Past any real line's end: VS Code clamps it, and files over 50 MB give us no line lengths to use. */
const WHOLE_LINE = 1 << 20;

function lineRange(line: number): vscode.Range {
  return new vscode.Range(line - 1, 0, line - 1, WHOLE_LINE);
}

type Columns = { start: number; end: number; id: string };

/** The Start whose ObserveId was already stale when it was processed: the one raftstore rejected. */
const SUPERSEDED_ROLE = 'older-start-processed-last';

/**
 * For every finding's line and every superseded Start's line, the first ObserveId it mentions (the rejected one
 * on a stale error line, the Start's own handle): one pass over the id index per report, rather than one per line.
 */
function firstObserveIds(report: Report): Map<string, Columns> {
  const wanted = new Set<string>();
  for (const f of report.result.findings) {
    wanted.add(`${f.location.file}:${f.location.line}`);
    for (const c of f.causes) if (c.role === SUPERSEDED_ROLE) wanted.add(`${c.file}:${c.line}`);
  }
  const first = new Map<string, Columns>();
  for (const [key, locs] of Object.entries(report.ids)) {
    if (!key.startsWith('observe:')) continue;
    for (const l of locs) {
      const at = `${l.file}:${l.line}`;
      if (!wanted.has(at) || l.start === undefined || l.end === undefined) continue;
      const best = first.get(at);
      if (best === undefined || l.start < best.start) first.set(at, { start: l.start, end: l.end, id: key.slice('observe:'.length) });
    }
  }
  return first;
}

/**
 * The superseded Start's ObserveId, struck through where the log is read: a hint (so not another Problems row)
 * tagged Deprecated, which is what a stale id is. Only where the id index gives its columns, so never on a log
 * too big to be indexed, where a whole-line strike-through would hide the line.
 */
function supersededIds(report: Report, f: Finding, focus: Map<string, Columns>): [string, vscode.Diagnostic][] {
  const out: [string, vscode.Diagnostic][] = [];
  for (const c of f.causes) {
    if (c.role !== SUPERSEDED_ROLE) continue;
    const at = focus.get(`${c.file}:${c.line}`);
    if (at === undefined) continue;
    const d = new vscode.Diagnostic(new vscode.Range(c.line - 1, at.start, c.line - 1, at.end),
      `ObserveId(${at.id}) was already superseded when this Start was processed: raftstore rejected it as stale (${f.rule}, line ${f.location.line})`,
      vscode.DiagnosticSeverity.Hint);
    d.source = 'tikv-trace';
    d.code = f.rule;
    d.tags = [vscode.DiagnosticTag.Deprecated];
    d.relatedInformation = [new vscode.DiagnosticRelatedInformation(
      new vscode.Location(uriOfPath(report.files[f.location.file].path), lineRange(f.location.line)), f.message)];
    out.push([report.files[c.file].path, d]);
  }
  return out;
}

function focusRange(f: Finding, focus: Map<string, Columns>): vscode.Range {
  const { file, line } = f.location;
  const best = focus.get(`${file}:${line}`);
  return best === undefined ? lineRange(line) : new vscode.Range(line - 1, best.start, line - 1, best.end);
}

function diagnosticOf(report: Report, f: Finding, docsUri: vscode.Uri, focus: Map<string, Columns>): vscode.Diagnostic {
  const d = new vscode.Diagnostic(focusRange(f, focus), f.message, SEVERITY[f.severity]);
  d.source = 'tikv-trace';
  d.code = { value: f.rule, target: vscode.Uri.joinPath(docsUri, `${f.rule}.md`) };
  d.relatedInformation = f.causes.map((c) => new vscode.DiagnosticRelatedInformation(
    new vscode.Location(uriOfPath(report.files[c.file].path), lineRange(c.line)), `${c.role}: ${c.message}`));
  return d;
}

/** A cause in another file than its finding gets a pointer there too, so every affected file shows the finding. */
function crossFileHints(report: Report, f: Finding): [string, vscode.Diagnostic][] {
  const out: [string, vscode.Diagnostic][] = [];
  const at = report.files[f.location.file].path;
  for (const c of f.causes) {
    const path = report.files[c.file].path;
    if (path === at) continue;
    const d = new vscode.Diagnostic(lineRange(c.line), `${c.role} in the ${f.rule} finding of region ${f.regionId} (${at}:${f.location.line})`,
      vscode.DiagnosticSeverity.Information);
    d.source = 'tikv-trace';
    d.code = f.rule;
    d.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOfPath(at), lineRange(f.location.line)), f.message)];
    out.push([path, d]);
  }
  return out;
}

/** Publishes every report's findings as diagnostics keyed by file URI: that works for files of any size. */
export function registerDiagnostics(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const collection = vscode.languages.createDiagnosticCollection('tikv-trace');
  const docsUri = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const publish = (): void => {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const report of model.reports()) {
      // A file in several groups shows the latest group's view, not the sum of both.
      for (const f of report.files) byFile.set(f.path, []);
      const focus = firstObserveIds(report);
      for (const f of report.result.findings) {
        byFile.get(report.files[f.location.file].path)?.push(diagnosticOf(report, f, docsUri, focus));
        for (const [path, d] of crossFileHints(report, f)) byFile.get(path)?.push(d);
        for (const [path, d] of supersededIds(report, f, focus)) byFile.get(path)?.push(d);
      }
    }
    collection.clear();
    for (const [path, ds] of byFile) collection.set(uriOfPath(path), ds);
  };
  context.subscriptions.push(collection, model.onDidChange(publish));
  publish();
}
