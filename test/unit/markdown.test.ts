// Markdown built from untrusted log text: every ASCII punctuation escaped, one line per cell, links only to our
// two commands with arguments we computed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Finding } from '../../src/core/engine/types';
import type { AnalyzedFile, Report } from '../../src/core/report';
import { emptyStats } from '../../src/core/lineStats';
import {
  cell, chainTable, commandUri, findingMarkdown, isId, observeMarkdown, paragraphs, queueOrderLink, regionMarkdown, revealLink,
  table, text,
} from '../../src/extension/markdown';

const PUNCT = /[!-/:-@[-`{-~]/;

/** True when every ASCII punctuation character of `md` is the second half of a backslash escape. */
function allPunctuationEscaped(md: string): boolean {
  for (let i = 0; i < md.length; i++) {
    if (md[i] === '\\') {
      if (!PUNCT.test(md[i + 1] ?? '')) return false;
      i++;
    } else if (PUNCT.test(md[i])) return false;
  }
  return true;
}

function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '[click](javascript:alert(1))',
  '](javascript:alert(1))',
  '`code` and ``double``',
  'a | b | c',
  '**bold** _em_ # heading',
  '&lt;script&gt; &#x3C;',
  'https://evil.example/x www.evil.example a@b.example',
  '\\](command:workbench.action.terminal.new)',
  '<!-- comment --> <a href="command:foo">x</a>',
];

test('text escapes HTML, link syntax, backticks, pipes, entities and autolinks, and reads back as the input', () => {
  for (const s of HOSTILE) {
    const md = text(s);
    assert.ok(allPunctuationEscaped(md), `${JSON.stringify(s)} -> ${md}`);
    assert.equal(unescape(md), s);
  }
  assert.equal(text('<img src=x onerror=alert(1)>'), '\\<img src\\=x onerror\\=alert\\(1\\)\\>');
  assert.equal(text('](javascript:alert(1))'), '\\]\\(javascript\\:alert\\(1\\)\\)');
  assert.equal(text('a `b` c'), 'a \\`b\\` c');
});

test('text: any string becomes escaped one-line text that reads back as its visible characters', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const md = text(s, 1000);
      assert.ok(allPunctuationEscaped(md));
      assert.ok(!/[\r\n\u2028\u2029\u202a-\u202e]/.test(md));
      // What is left after unescaping is the input minus controls/bidi, with line breaks as spaces.
      const visible = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, '').replace(/\s*[\r\n\t]\s*/g, ' ');
      assert.equal(unescape(md), visible);
    }),
    { numRuns: 300 },
  );
});

test('text cuts long log text by code point with an ellipsis, never inside an escape or a surrogate pair', () => {
  const long = `${'😀'.repeat(10)}<<<<`;
  const md = text(long, 12);
  assert.equal(unescape(md), `${'😀'.repeat(10)}<…`);
  assert.ok(allPunctuationEscaped(md));
  assert.equal(text('short', 12), 'short');
});

test('paragraphs keep the explanation\'s lines as separate escaped paragraphs', () => {
  assert.equal(paragraphs('What happened: a <b>\n\nWhy: c|d\n'), 'What happened\\: a \\<b\\>\n\nWhy\\: c\\|d');
});

test('a pipe or newline in a cell does not add a column or end the row', () => {
  const rows = [[cell('a | b'), cell('line1\nline2 | x')], [cell('`|`'), cell('\\|')]];
  const md = table(['one', 'two'], rows);
  for (const row of md.split('\n')) {
    const unescapedPipes = row.replace(/\\./g, '').split('|').length - 1;
    assert.equal(unescapedPipes, 3, row);
  }
  assert.equal(md.split('\n').length, 4);
});

test('commandUri: only our commands, arguments survive the round trip, and no character ends a Markdown link', () => {
  const args = [{ path: "/tmp/we ird)(dir'!*/tikv.log", line: 12 }];
  const uri = commandUri('tikv-trace.revealLine', args);
  assert.match(uri, /^command:tikv-trace\.revealLine\?[A-Za-z0-9%._~-]+$/);
  assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), args);
  assert.throws(() => commandUri('workbench.action.terminal.new', []), /not a linkable command/);
});

const files: AnalyzedFile[] = [
  { path: '/logs/tikv.log', store: '/logs/tikv.log', stats: { ...emptyStats(), utcOffset: 480 } },
  { path: '/logs/evil](javascript:x)|.log', store: '/logs/tikv.log', stats: emptyStats() },
];

test('revealLink links valid places only, and escapes the file name in its label', () => {
  const link = revealLink(files, 0, 1311);
  assert.match(link, /^\[tikv\\\.log\\:1311\]\(command:tikv-trace\.revealLine\?[^()\s]+\)$/);
  const arg = JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1)));
  assert.deepEqual(arg, [{ path: '/logs/tikv.log', line: 1311 }]);
  assert.equal(revealLink(files, 7, 3), 'file 7\\:3');
  assert.equal(revealLink(files, 0, 0), 'tikv\\.log\\:0');
  assert.ok(allPunctuationEscaped(revealLink(files, 1, 2).replace(/\(command:[^)]*\)$/, '').slice(1, -1)));
});

test('queueOrderLink needs a digit region id', () => {
  assert.equal(queueOrderLink('Show queue order', 0, '/logs/tikv.log', '12a'), '');
  assert.equal(queueOrderLink('Show queue order', 0, '/logs/tikv.log', ''), '');
  const link = queueOrderLink('Show queue order', 2, '/logs/tikv.log', '319305');
  assert.deepEqual(JSON.parse(decodeURIComponent(link.slice(link.indexOf('?') + 1, -1))), [{ reportIndex: 2, store: '/logs/tikv.log', regionId: '319305' }]);
  const partial = queueOrderLink('Show queue order', undefined, '/logs/tikv.log', '319305');
  assert.deepEqual(JSON.parse(decodeURIComponent(partial.slice(partial.indexOf('?') + 1, -1))), [{ store: '/logs/tikv.log', regionId: '319305' }]);
  assert.ok(isId('319305') && !isId('') && !isId('1e3') && !isId('1'.repeat(21)));
});

const hostileFinding: Finding = {
  rule: 'stale-observe-reorder',
  severity: 'error',
  regionId: '319305',
  store: '/logs/tikv.log',
  message: 'Region 319305 <img src=x onerror=alert(1)>',
  explanation: 'What happened: [x](javascript:alert(1))\nWhy it matters: `a` | b\nWhat to do: <script>alert(1)</script>',
  location: { file: 0, line: 1381 },
  causes: [
    { file: 0, line: 1301, ts: null, message: 'register backup stream task <img src=x onerror=alert(1)>|x', role: 'task-registered' },
    // 2026/06/03 15:40:24.133 +08:00 (the file's zone, in its stats)
    { file: 0, line: 1311, ts: Date.UTC(2026, 5, 3, 7, 40, 24, 133), message: 'region 319305: became leader at term 9 (peer 319306)', role: 'leader' },
    { file: 0, line: 1313, ts: null, message: 'region 319305: processed Start ObserveId(191374)', role: 'newer-start-processed-first', observeIds: ['191374'] },
    { file: 0, line: 1374, ts: null, message: 'region 319305: processed Start ObserveId(191299)', role: 'older-start-processed-last', observeIds: ['191299'] },
    { file: 1, line: 1381, ts: null, message: 'backup stream meet error: stale observe id ObserveId(191299), current id: ObserveId(191374) (can retry = false)', role: 'stale-error', observeIds: ['191299', '191374'], stale: { staleId: '191299', currentId: '191374' } },
  ],
  queue: {
    issued: [
      { op: 'Start', observeId: '191299', origin: 'leader', file: 0, line: 1311, ts: null, processedAt: { file: 0, line: 1374 } },
      { op: 'Start', observeId: '191374', origin: 'task-scan', file: 0, line: 1303, ts: null, processedAt: { file: 0, line: 1313 } },
    ],
    processed: [
      { op: 'Start', observeId: '191374', file: 0, line: 1313, ts: null },
      { op: 'Start', observeId: '191299', file: 0, line: 1374, ts: null },
    ],
  },
};

const report: Report = {
  files,
  result: {
    findings: [hostileFinding],
    timelines: [
      {
        store: '/logs/tikv.log', regionId: '319305',
        roles: [{ term: '9', role: 'leader', file: 0, line: 1311, ts: null }],
        subscription: [{ state: 'pending', observeId: '191299', file: 0, line: 1384, ts: null }],
        state: 'pending',
        ops: [{ op: 'Start', observeId: '191299', file: 0, line: 1374, ts: null }],
        pendingSkips: { count: 8, first: { file: 0, line: 1718, ts: null }, last: { file: 0, line: 3856, ts: null } },
        dropped: { roles: 0, subscription: 0, ops: 0 },
      },
    ],
    summary: {
      events: 0, eventsByType: {}, stores: 1, regions: 1, findings: 1, byRule: {}, bySeverity: { error: 1, warning: 0, info: 0 },
      retainedEvents: 0, trimmedWindows: 0,
    },
  },
  ids: {},
  ms: 0,
  firstFindingMs: null,
};

/** Every link destination in `md`, decoded: [command, args]. Fails on anything but our two commands. */
function links(md: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const m of md.matchAll(/(?<!\\)\]\(([^)]*)\)/g)) {
    const dest = /^command:(tikv-trace\.(?:revealLine|showQueueOrder))\?(.*)$/.exec(m[1]);
    assert.ok(dest, `unexpected link destination ${m[1]}`);
    out.push([dest[1], JSON.parse(decodeURIComponent(dest[2]))]);
  }
  return out;
}

/** `md` without our links and table syntax: what is left must be escaped text only. */
function withoutMarkup(md: string): string {
  return md
    .replace(/(?<!\\)\[((?:[^\]\\]|\\.)*)\]\(command:[^)]*\)/g, '$1')
    .replace(/^\| (?:--- \| )*---( \|)?$/gm, '')
    .replace(/(^|\s)\|(?=\s|$)/gm, '$1')
    .replace(/\*\*|(?<!\\)\*|---/g, '')
    .replace(/\n/g, ' ');
}

test('a finding hover: hostile text escaped everywhere, the chain as a table, links only to places we computed', () => {
  const md = findingMarkdown(hostileFinding, { report, reportIndex: 0, file: 0 });
  assert.ok(allPunctuationEscaped(withoutMarkup(md)), withoutMarkup(md));
  assert.ok(!/(?<!\\)<(img|script)|(?<!\\)\]\((?!command:)/.test(md));
  const got = links(md);
  // One reveal link per chain row, the root cause link, the queue order link.
  assert.deepEqual(got.filter(([c]) => c === 'tikv-trace.revealLine').map(([, a]) => a), [
    [{ path: '/logs/tikv.log', line: 1301 }],
    [{ path: '/logs/tikv.log', line: 1311 }],
    [{ path: '/logs/tikv.log', line: 1313 }],
    [{ path: '/logs/tikv.log', line: 1374 }],
    [{ path: '/logs/evil](javascript:x)|.log', line: 1381 }],
    [{ path: '/logs/tikv.log', line: 1374 }],
  ]);
  assert.deepEqual(got.filter(([c]) => c === 'tikv-trace.showQueueOrder').map(([, a]) => a), [[{ reportIndex: 0, store: '/logs/tikv.log', regionId: '319305' }]]);
  // The explanation's three parts are paragraphs; the chain rows each have the five cells.
  assert.match(md, /What happened\\: \\\[x\\\]\\\(javascript\\:alert\\\(1\\\)\\\)\n\nWhy it matters\\: \\`a\\` \\\| b\n\nWhat to do/);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| time') && !l.startsWith('| ---'));
  assert.equal(rows.length, hostileFinding.causes.length);
  for (const row of rows) assert.equal(row.replace(/\\./g, '').replace(/\([^)]*\)/g, '').split('|').length - 1, 6, row);
  assert.match(unescape(rows[1]), /^\| 15:40:24\.133 \| became leader at term 9 \(peer 319306\) \| leader \| 191299 \(sent\) \| \[tikv\.log:1311\]\(command:/);
  assert.match(unescape(rows[4]), /\| rejected as stale \| 191299, 191374 \| \[evil\]\(javascript:x\)\|\.log:1381\]\(command:/);
  assert.match(unescape(md), /Root cause: ObserveId\(191299\) handled after newer ObserveId\(191374\) \(\[tikv\.log:1374\]/);
});

test('chainTable has the header and one row per cause', () => {
  const md = chainTable(hostileFinding, files);
  assert.equal(md.split('\n')[0], '| time | event | role | ObserveId | line |');
  assert.equal(md.split('\n').length, 2 + hostileFinding.causes.length);
});

test('region hover: roles by term, subscription with ObserveIds, pending skips, with links', () => {
  const md = regionMarkdown('319305', { report, reportIndex: 0, file: 0 });
  assert.ok(md !== undefined);
  const plain = unescape(md);
  assert.match(plain, /^\*\*Region 319305\*\* on tikv\.log: log backup subscription \*\*pending\*\* since \[tikv\.log:1384\]/);
  assert.match(plain, /; pending region, skip resolving 8 times \(\[tikv\.log:1718\]\(command:[^)]*\) to \[tikv\.log:3856\]/);
  assert.match(plain, /\| 9 \| leader \| \[tikv\.log:1311\]/);
  assert.match(plain, /\| pending \| 191299 \| \[tikv\.log:1384\]/);
  links(md);
  assert.equal(regionMarkdown('999', { report, reportIndex: 0, file: 0 }), undefined);
  assert.equal(regionMarkdown('9<9', { report, reportIndex: 0, file: 0 }), undefined);
});

test('ObserveId hover: issued, processed, listened, rejected, in line order', () => {
  const md = observeMarkdown('191299', { report, reportIndex: 0, file: 0 });
  assert.ok(md !== undefined);
  const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| what') && !l.startsWith('| ---'));
  assert.deepEqual(rows.map((r) => r.replace(/\]\(command:[^)]*\)/, ']')), [
    '| Start sent by the new leader | [tikv\\.log\\:1311] |',
    '| Start processed | [tikv\\.log\\:1374] |',
    '| left pending | [tikv\\.log\\:1384] |',
    '| rejected as stale \\(current ObserveId\\(191374\\)\\) | [evil\\]\\(javascript\\:x\\)\\|\\.log\\:1381] |',
  ]);
  links(md);
});

test('chain rows show a cause\'s time on its file\'s clock, and nothing for a line without one', () => {
  const rows = chainTable(hostileFinding, files).split('\n').slice(2);
  assert.match(rows[1], /^\| 15\\:40\\:24\\.133 \|/);
  assert.match(rows[0], /^\| +\| register/);
});
