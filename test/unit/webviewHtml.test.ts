// The webview's HTML shell and its Content-Security-Policy: our bundle only, by nonce; nothing inline, no eval.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, queueViewHtml } from '../../src/extension/queueViewHtml';

const parts = { cspSource: 'https://abc.vscode-cdn.net', scriptUri: 'https://abc.vscode-cdn.net/ext/dist/webview.js', styleUri: 'https://abc.vscode-cdn.net/ext/dist/webview.css', nonce: 'N0nce123' };

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

test('the policy denies by default and allows scripts only by nonce, styles only from the bundle or by nonce', () => {
  const d = directives(contentSecurityPolicy(parts.cspSource, parts.nonce));
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('script-src'), ["'nonce-N0nce123'"]);
  assert.deepEqual(d.get('style-src'), [parts.cspSource, "'nonce-N0nce123'"]);
  assert.deepEqual(d.get('font-src'), [parts.cspSource]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  const all = [...d.values()].flat();
  for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:', 'blob:']) assert.ok(!all.includes(bad), bad);
});

test('the page loads the bundle with the nonce and has no inline script, style or handler', () => {
  const html = queueViewHtml(parts);
  assert.match(html, /<script nonce="N0nce123" src="https:\/\/abc\.vscode-cdn\.net\/ext\/dist\/webview\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" nonce="N0nce123" href="https:\/\/abc\.vscode-cdn\.net\/ext\/dist\/webview\.css">/);
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.match(html, /<meta property="csp-nonce" content="N0nce123">/, 'the toolkit\'s style probe finds the nonce here');
  assert.ok(!/<style|\sstyle=|\son[a-z]+=/i.test(html));
  assert.match(html, /http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|content="default-src 'none'/);
});

test('attribute values are escaped', () => {
  const html = queueViewHtml({ ...parts, scriptUri: 'x"><script>alert(1)</script>' });
  assert.ok(!html.includes('"><script>alert(1)'));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
});

test('nonces are fresh and base64-ish without characters that need escaping', () => {
  const a = makeNonce();
  const b = makeNonce();
  assert.notEqual(a, b);
  assert.match(a, /^[A-Za-z0-9]{20,}$/);
});
