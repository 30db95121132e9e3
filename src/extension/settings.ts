import * as vscode from 'vscode';

export interface Settings {
  readonly analyzeOnOpen: boolean;
  /** File-name globs of siblings analysed together with an opened log (rotated files, other stores). */
  readonly analyzeTogether: readonly string[];
  readonly disabledRules: readonly string[];
  /** Start (and warm up) the analysis worker as soon as TiKV logs are seen, not when a big one is opened. */
  readonly startWorkerAhead: boolean;
  /** Above this total size the analysis runs in a worker thread; below it, in the extension host. */
  readonly workerThresholdBytes: number;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('tikvTrace');
  return {
    analyzeOnOpen: c.get<boolean>('analyzeOnOpen', true),
    analyzeTogether: c.get<string[]>('analyzeTogether', ['tikv*.log', 'tikv*.log.*']),
    disabledRules: c.get<string[]>('disabledRules', []),
    startWorkerAhead: c.get<boolean>('startWorkerAhead', true),
    workerThresholdBytes: Math.max(0, c.get<number>('workerThresholdMB', 2)) * 1024 * 1024,
  };
}
