import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { registerCodeLens } from './codeLens';
import { registerCommands } from './commands';
import { registerDefinition } from './definition';
import { registerDiagnostics } from './diagnostics';
import { registerFindingLines } from './findingLines';
import { registerHover } from './hover';
import { registerQueueView } from './queueView';
import { registerReferences } from './references';
import { registerStatusBar } from './statusBar';
import { registerSymbols } from './symbols';

// Each feature reads the one AnalysisService; none parses or analyses anything itself.
export function activate(context: vscode.ExtensionContext): void {
  // What was analysed, how, and how long it took: the first place to look when a result is late or missing.
  const log = vscode.window.createOutputChannel('TiKV Trace', { log: true });
  const service = new AnalysisService(context.extensionPath, log, context.globalState);
  context.subscriptions.push(log, service);
  registerDiagnostics(context, service);
  registerStatusBar(context, service);
  registerCommands(context, service);
  registerHover(context, service);
  registerDefinition(context, service);
  registerReferences(context, service);
  registerCodeLens(context, service);
  registerSymbols(context, service);
  registerQueueView(context, service);
  registerFindingLines(context, service);
}

export function deactivate(): void {}
