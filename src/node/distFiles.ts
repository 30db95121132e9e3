/**
 * The bundles under dist/ that are loaded by name at run time (a worker script, the webview's script and
 * stylesheet), besides the entry points package.json names. Code that loads one takes its name from here, so the
 * packaging check (test/e2e/vsix.test.ts) can prove every one of them is inside the .vsix: a file missing there
 * fails only in an installed extension, never in a checkout.
 */
export const DIST_FILES = {
  analyzeWorker: 'analyzeWorker.js',
  webviewScript: 'webview.js',
  webviewStyle: 'webview.css',
} as const;
