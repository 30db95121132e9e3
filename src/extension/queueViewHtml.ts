// The webview's HTML shell. Nothing from a log is in it: the data arrives later as messages and is inserted as
// text. The Content-Security-Policy allows only our own bundle (by nonce and by the webview's resource origin),
// no inline script or style attribute, no eval, no network. Pure, so the policy is unit-tested.
// The toolkit (FAST) probes for :focus-visible support with a <style> element that carries the nonce it reads from
// <meta property="csp-nonce">; without that meta the probe is a policy violation.
import { randomBytes } from 'node:crypto';

export interface HtmlParts {
  /** `webview.cspSource`: the origin webview resources are served from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly nonce: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function queueViewHtml(p: HtmlParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(p.cspSource, p.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${attr(p.nonce)}">
<link rel="stylesheet" nonce="${attr(p.nonce)}" href="${attr(p.styleUri)}">
<title>Queue order</title>
</head>
<body>
<div id="app" aria-busy="true"></div>
<script nonce="${attr(p.nonce)}" src="${attr(p.scriptUri)}"></script>
</body>
</html>
`;
}
