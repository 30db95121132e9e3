import * as vscode from 'vscode';

/**
 * Read-only documents made of a few lines of a log too big for VS Code to open as a document (the lines of a
 * finding's chain). Reports name files by path; such a document's "path" is its URI string.
 */
export const LINES_SCHEME = 'tikv-trace-lines';

export function isLinesPath(path: string): boolean {
  return path.startsWith(`${LINES_SCHEME}:`);
}

/** The URI of a report's file: a file on disk, or one of our line documents. */
export function uriOfPath(path: string): vscode.Uri {
  return isLinesPath(path) ? vscode.Uri.parse(path) : vscode.Uri.file(path);
}

/** The path a report knows a document by, or undefined for documents no report can hold. */
export function pathOfUri(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  if (uri.scheme === LINES_SCHEME) return uri.toString();
  return undefined;
}
