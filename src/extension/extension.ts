import * as vscode from 'vscode';
import { AnalysisService } from './analysisService';
import { registerCommands } from './commands';
import { registerDiagnostics } from './diagnostics';
import { registerStatusBar } from './statusBar';

// Each feature reads the one AnalysisService; none parses or analyses anything itself.
export function activate(context: vscode.ExtensionContext): void {
  const service = new AnalysisService(context.extensionPath);
  context.subscriptions.push(service);
  registerDiagnostics(context, service);
  registerStatusBar(context, service);
  registerCommands(context, service);
}

export function deactivate(): void {}
