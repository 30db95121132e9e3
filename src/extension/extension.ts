import type * as vscode from 'vscode';

// Activation is driven by the `tikv-log` language contribution; the features register here as they land.
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
