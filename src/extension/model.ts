import type * as vscode from 'vscode';
import type { Report } from '../core/report';

/**
 * What the editor features read: the latest report of each group of files analysed together (a store's rotated
 * logs, several stores' logs). Owned by the analysis service; every feature looks things up here and none
 * parses or analyses anything itself.
 */
export interface AnalysisModel {
  readonly onDidChange: vscode.Event<void>;
  /** The current reports, one per analysed group. */
  reports(): readonly Report[];
  /** The report that covers this file, and the file's index in it. */
  reportFor(uri: vscode.Uri): { report: Report; file: number } | undefined;
}
