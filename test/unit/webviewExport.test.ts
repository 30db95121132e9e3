// Sharing the queue: the Markdown table and the SVG picture, with untrusted log text that must stay text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdownCell, escapeXml, queueMarkdown, queueSvg, type ExportContext } from '../../webview/export';
import { lanesFromOps, lanesFromQueue, type LaneModel } from '../../webview/lanes';
import { timeOfDayAt } from '../../src/core/report';
import { fixtureReport } from './webviewFixture';

const EVIL = '<img src=x onerror=alert(1)> </script><script>alert(2)</script> [x](javascript:alert(3)) a|b `code` *em* &amp; \u0007';

function fixture(): { lanes: LaneModel; ctx: ExportContext } {
  const report = fixtureReport();
  const f = report.result.findings.find((x) => x.rule === 'stale-observe-reorder');
  assert.ok(f?.queue);
  return { lanes: lanesFromQueue(f.queue, f.causes, (at) => timeOfDayAt(report.files, at)), ctx: { regionId: '1001', storeLabel: 'logs/tikv.log', files: ['logs/tikv.log'], findingMessage: f.message } };
}

/** The cells of a GFM table row, splitting on pipes that are not backslash-escaped. */
function cells(row: string): string[] {
  return row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

test('the #18243 table lists the ops in send order with where each was processed, and says which was rejected', () => {
  const { lanes, ctx } = fixture();
  const md = queueMarkdown(lanes, ctx);
  const rows = md.split('\n').filter((l) => /^\| \d/.test(l)).map(cells);
  assert.deepEqual(rows.map((r) => [r[0], r[1], r[2], r[3], r[5]]), [
    ['1', 'Stop', '', 'pre-candidate', '2'],
    ['2', 'Stop', '', 'candidate', '3'],
    ['3', 'Start', '191299', 'leader', '4'],
    ['4', 'Start', '191374', 'task-scan', '1'],
  ]);
  assert.match(rows[2][7], /^rejected: backup stream meet error: stale observe id ObserveId\(191299\), current id: ObserveId\(191374\)/);
  assert.match(md, /Processed order: Start\(191374\), Stop, Stop, Start\(191299\)/);
  assert.match(md, /logs\/tikv\.log:14 \(14:05:20\.131\)/);
  assert.match(md, /\| 3 \| Start \| 191299 \| leader \| logs\/tikv\.log:12 \(14:05:20\.129\) \| 4 \| logs\/tikv\.log:19 \(14:05:20\.136\) \|/);
  for (const r of md.split('\n').filter((l) => l.startsWith('|'))) assert.equal(cells(r).length, 8, r);
});

test('untrusted text cannot leave its cell, open a code span or a link, or become HTML', () => {
  const md = escapeMarkdownCell(EVIL);
  assert.ok(!/(?<!\\)[|`<>[\]*]/.test(md), md);
  assert.ok(!md.includes('\n'));
  assert.equal(escapeMarkdownCell('a\nb\r\nc'), 'a b c');
  // Unescaping gives back exactly the text (newlines aside): the reader sees what the log said.
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
    const out = escapeMarkdownCell(s);
    assert.ok(!/(?<!\\)\|/.test(out.replace(/\\\\/g, '')));
    assert.equal(out.replace(/\\(.)/g, '$1'), s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
  }), { numRuns: 300 });
});

test('an evil store name and finding message keep the table\'s shape', () => {
  const { lanes } = fixture();
  const md = queueMarkdown(lanes, { regionId: '1001', storeLabel: EVIL, files: [EVIL], findingMessage: EVIL });
  for (const r of md.split('\n').filter((l) => l.startsWith('|'))) assert.equal(cells(r).length, 8, r);
  assert.ok(!/(?<!\\)[<>]/.test(md), 'every < and > is escaped');
  assert.ok(md.includes('\\<img src=x onerror=alert(1)\\>'), 'and still reads as written');
});

test('a region with only processed ops exports a processed-order table', () => {
  const lanes = lanesFromOps([{ op: 'Start', observeId: '9', file: 0, line: 4, ts: null }, { op: 'Stop', file: 0, line: 7, ts: null }], []);
  const md = queueMarkdown(lanes, { regionId: '7', storeLabel: 's', files: ['f.log'] });
  assert.match(md, /\| Processed \| Op \| ObserveId \| Processed at \| Note \|/);
  assert.ok(md.includes('| 2 | Stop |  | f.log:7 |  |'), md);
});

/** Every `<` starts one of the SVG's own tags: no markup came from the data. */
function onlyOwnTags(svg: string): void {
  for (const m of svg.matchAll(/<\/?([a-zA-Z]+)/g)) assert.ok(['svg', 'style', 'rect', 'text', 'path', 'g'].includes(m[1]), `unexpected tag ${m[0]}`);
  assert.equal((svg.match(/</g) ?? []).length, (svg.match(/<\/?(svg|style|rect|text|path|g)\b/g) ?? []).length);
}

test('the SVG draws both lanes, four connectors, the rejected card, and escapes untrusted text', () => {
  const { lanes } = fixture();
  const svg = queueSvg(lanes, { regionId: '1001', storeLabel: EVIL, files: [EVIL], findingMessage: EVIL });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.equal((svg.match(/<path /g) ?? []).length, 4);
  assert.equal((svg.match(/class="card rejected"/g) ?? []).length, 2);
  assert.match(svg, /Start\(191374\) · task-scan/);
  assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.ok(!svg.includes('\u0007'));
  onlyOwnTags(svg);
});

test('escapeXml leaves no markup characters and no characters XML 1.0 forbids', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
    const out = escapeXml(s);
    assert.ok(!/[<>"']/.test(out));
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(out));
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(out));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(out));
  }), { numRuns: 300 });
  assert.equal(escapeXml('a & <b> "c" \'d\''), 'a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;');
});
