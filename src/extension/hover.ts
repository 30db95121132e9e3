// Hovers on a TiKV log: on a finding's line its explanation and causal chain; on a region id the region's roles
// and subscription; on an ObserveId where it was issued, processed and rejected. The Markdown is built in
// markdown.ts (log text escaped there); here it is trusted for our two commands only, and never for HTML.
import * as vscode from 'vscode';
import { findingsAt } from '../core/report';
import { reportAt, TIKV_LOG } from './definition';
import { idAt } from './lookup';
import { findingMarkdown, LINK_COMMANDS, observeMarkdown, regionMarkdown, type HoverContext } from './markdown';
import type { AnalysisModel } from './model';

export function trustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.supportHtml = false;
  md.isTrusted = { enabledCommands: [...LINK_COMMANDS] };
  return md;
}

export function registerHover(context: vscode.ExtensionContext, model: AnalysisModel): void {
  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const at = reportAt(model, document.uri);
      if (at === undefined) return undefined;
      const line = position.line + 1;
      const ctx: HoverContext = {
        report: at.report,
        reportIndex: at.reportIndex,
        file: at.file,
      };
      const parts = findingsAt(at.report, at.file, line).map((f) => findingMarkdown(f, ctx));
      const id = idAt(at.report, at.file, line, position.character, document.lineAt(position.line).text);
      const idPart = id?.kind === 'observe' ? observeMarkdown(id.value, ctx) : id?.kind === 'region' ? regionMarkdown(id.value, ctx) : undefined;
      if (idPart !== undefined) parts.unshift(idPart);
      if (parts.length === 0) return undefined;
      const range = id === undefined ? undefined : new vscode.Range(position.line, id.start, position.line, id.end);
      return new vscode.Hover(trustedMarkdown(parts.join('\n\n---\n\n')), range);
    },
  };
  context.subscriptions.push(vscode.languages.registerHoverProvider(TIKV_LOG, provider));
}
