// One build for every bundle: the extension (cjs, vscode external), the CLI, and the analysis worker.
// `--watch` rebuilds on change; `--production` minifies and drops sourcemaps.
import * as esbuild from 'esbuild';
import { chmodSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Targets follow package.json "engines": node >= 20 runs the CLI and its worker, and every VS Code >= 1.139 hosts
// extensions on a newer node and draws webviews in a newer Chromium than the targets below.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/node/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['src/node/analyzeWorker.ts'], outfile: 'dist/analyzeWorker.js' },
  // The queue-order view runs in the webview's browser sandbox: its own bundle, no Node, no vscode module.
  { ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: ['webview/main.ts'], outfile: 'dist/webview.js' },
];

if (watch) {
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
