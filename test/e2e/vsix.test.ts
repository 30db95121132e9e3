// The packaged extension holds every file it loads at run time. A file left out of the .vsix breaks only the
// installed extension (the queue view once lost its stylesheet that way), so the list is taken from where the code
// and the manifest name those files, not kept by hand here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_FILES } from '../../src/node/distFiles';
import { RULES } from '../../src/core/rules/registry';
import { checkPrerequisites, repoRoot, vsixPath } from './code-server';
import { zipEntries } from './zipEntries';

interface Manifest {
  main: string;
  contributes: { grammars: { path: string }[]; languages: { configuration?: string }[] };
}

const rel = (p: string): string => p.replace(/^\.\//, '');

function runtimeFiles(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest;
  const readmeImages = [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  return [
    'package.json',
    rel(manifest.main),
    ...manifest.contributes.grammars.map((g) => rel(g.path)),
    ...manifest.contributes.languages.flatMap((l) => (l.configuration ? [rel(l.configuration)] : [])),
    ...Object.values(DIST_FILES).map((f) => `dist/${f}`),
    // The diagnostics' code links to docs/rules/<id>.md; each rule also names its doc.
    ...RULES.flatMap((r) => [r.doc, `docs/rules/${r.id}.md`]),
    // The README is the extension's details page.
    ...readmeImages.filter((src) => !/^[a-z]+:/.test(src)),
  ];
}

test('the .vsix holds every file the extension loads at run time, and no sources, maps or node_modules', () => {
  checkPrerequisites();
  const entries = new Set(zipEntries(vsixPath).filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length)));
  const wanted = [...new Set(runtimeFiles())];
  assert.ok(wanted.includes('dist/webview.css') && wanted.includes('dist/analyzeWorker.js') && wanted.some((f) => f.startsWith('docs/rules/')));
  const missing = wanted.filter((f) => !entries.has(f));
  assert.deepEqual(missing, [], `missing from ${vsixPath} (see .vscodeignore)`);
  const unwanted = [...entries].filter((e) => /^(src|test|node_modules|bench|tools|e2e)\//.test(e) || e.endsWith('.map') || e.endsWith('.ts'));
  assert.deepEqual(unwanted, [], 'the package ships only what runs');
});
