import * as vscode from 'vscode';
import type { AnalysisService } from './analysisService';

/** One item: what is being analysed and how far, then the finding counts; clicking it lists the findings. */
export function registerStatusBar(context: vscode.ExtensionContext, service: AnalysisService): void {
  const item = vscode.window.createStatusBarItem('tikv-trace.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'TiKV Trace';
  item.command = 'tikv-trace.showFindings';
  const update = (): void => {
    const states = service.states();
    if (states.length === 0) { item.hide(); return; }
    const running = states.filter((s) => s.running);
    let errors = 0, warnings = 0;
    for (const r of service.reports()) for (const f of r.result.findings) { if (f.severity === 'error') errors++; else warnings++; }
    if (running.length > 0) {
      const total = running.reduce((a, s) => a + s.bytesTotal, 0);
      const done = running.reduce((a, s) => a + s.bytesDone, 0);
      const pct = total > 0 ? Math.min(99, Math.floor((done / total) * 100)) : 0;
      item.text = `$(sync~spin) TiKV Trace: analysing ${pct}%`;
      item.tooltip = `Analysing ${(total / 1e6).toFixed(1)} MB of TiKV logs; ${errors + warnings} findings so far`;
    } else {
      item.text = `$(search) TiKV Trace: $(error) ${errors} $(warning) ${warnings}`;
      const failed = states.filter((s) => s.error !== undefined);
      item.tooltip = failed.length > 0
        ? `Analysis failed: ${failed.map((s) => s.error).join('; ')}`
        : `${errors} errors, ${warnings} warnings in ${states.reduce((a, s) => a + s.paths.length, 0)} analysed files. Click to list the findings.`;
    }
    item.show();
  };
  context.subscriptions.push(item, service.onDidChange(update), service.onDidChangeState(update));
  update();
}
