// Sharing the queue in a TiKV issue: a Markdown table and a standalone SVG picture. Built on the extension side
// from the whole model (not the shown window). Log text is untrusted here too: Markdown cells are escaped so a
// value cannot end the cell, open a link or inject HTML, and SVG text is XML-escaped with the characters XML 1.0
// cannot hold replaced. Pure.
import { connectorPath, connectorsFor } from './connectors';
import { opLabel, orderText, type LaneModel } from './lanes';
import type { OpRow } from './protocol';

export interface ExportContext {
  readonly regionId: string;
  readonly storeLabel: string;
  /** Display names of the report's files, by index. */
  readonly files: readonly string[];
  readonly findingMessage?: string;
}

// CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that would change a table cell:
// the cell border, code spans, emphasis, links and images, raw HTML, entities and strikethrough.
const MD_SPECIAL = /[\\`*_[\]<>|~&]/g;

/** One line of untrusted text, safe inside a GitHub Markdown table cell (also fine in a paragraph). */
export function escapeMarkdownCell(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ').replace(MD_SPECIAL, (c) => `\\${c}`);
}

function at(ctx: ExportContext, row: Pick<OpRow, 'file' | 'line' | 'time'>): string {
  const name = ctx.files[row.file] ?? `file ${row.file}`;
  return `${name}:${row.line}${row.time ? ` (${row.time})` : ''}`;
}

function note(row: OpRow | undefined, ctx: ExportContext): string {
  if (row?.mark === 'rejected') return row.error ? `rejected: ${row.error.text} at ${at(ctx, row.error)}` : 'rejected';
  if (row?.mark === 'overtook') return 'overtook the ops issued before it';
  return '';
}

export function queueMarkdown(model: LaneModel, ctx: ExportContext): string {
  const cell = escapeMarkdownCell;
  const out: string[] = [];
  out.push(`**Observe-op queue of region ${cell(ctx.regionId.trim())} on store ${cell(ctx.storeLabel.trim())}**`, '');
  if (ctx.findingMessage) out.push(cell(ctx.findingMessage), '');
  if (model.issued.length > 0) {
    out.push(`Issued order: ${cell(orderText(model.issued, 50))}  `);
    out.push(`Processed order: ${cell(orderText(model.processed, 50))}  `);
    out.push(`Crossing connectors (reordered pairs): ${model.crossings}`, '');
    out.push('| Sent | Op | ObserveId | Origin | Issued at | Processed | Processed at | Note |');
    out.push('|---:|---|---|---|---|---:|---|---|');
    for (const r of model.issued) {
      const p = r.peer >= 0 ? model.processed[r.peer] : undefined;
      out.push(`| ${r.index + 1} | ${cell(r.op)} | ${cell(r.observeId ?? '')} | ${cell(r.origin ?? '')} | ${cell(at(ctx, r))} | ${p ? p.index + 1 : ''} | ${p ? cell(at(ctx, p)) : ''} | ${cell(note(p, ctx))} |`);
    }
  } else {
    out.push(`Processed order: ${cell(orderText(model.processed, 50))}`, '');
    out.push('| Processed | Op | ObserveId | Processed at | Note |');
    out.push('|---:|---|---|---|---|');
    for (const p of model.processed) {
      out.push(`| ${p.index + 1} | ${cell(p.op)} | ${cell(p.observeId ?? '')} | ${cell(at(ctx, p))} | ${cell(note(p, ctx))} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Text safe in XML 1.0 character data and attribute values. */
export function escapeXml(text: string): string {
  return text
    // Characters XML 1.0 cannot hold at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const ROW = 30;
const CARD_W = 300;
const GAP = 160;
const PAD = 20;
const HEAD = 84;

// Standalone colours (an exported file has no VS Code theme); GitHub shows SVGs as images, which honour the
// viewer's colour scheme through the media query.
const SVG_STYLE = `
.bg{fill:#ffffff}.t{fill:#1f2328;font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}.h{font-weight:600;font-size:14px}
.card{fill:#f6f8fa;stroke:#d0d7de}.card.rejected{fill:#ffebe9;stroke:#cf222e;stroke-width:2}.card.overtook{stroke:#bf8700;stroke-width:2}
.c{fill:none;stroke:#8c959f;stroke-width:1.5}.c.crossing{stroke:#bf8700;stroke-width:2}.c.overtook{stroke:#bf8700;stroke-width:2.5}.c.rejected{stroke:#cf222e;stroke-width:2.5}
.err{fill:#cf222e}
@media (prefers-color-scheme: dark){.bg{fill:#0d1117}.t{fill:#e6edf3}.card{fill:#161b22;stroke:#30363d}.card.rejected{fill:#3d1214;stroke:#f85149}
.c{stroke:#6e7681}.c.crossing,.c.overtook{stroke:#d29922}.c.rejected{stroke:#f85149}.err{fill:#f85149}}
`;

function card(x: number, y: number, row: OpRow, text: string): string {
  const cls = row.mark ? `card ${row.mark}` : 'card';
  return `<rect class="${cls}" x="${x}" y="${y + 2}" width="${CARD_W}" height="${ROW - 4}" rx="4"/>` +
    `<text class="t" x="${x + 8}" y="${y + ROW / 2 + 4}">${escapeXml(clip(text, 40))}</text>`;
}

function issuedText(r: OpRow): string {
  return [opLabel(r), r.origin, r.time].filter(Boolean).join(' · ');
}

function processedText(r: OpRow): string {
  return [opLabel(r), r.time, r.mark === 'rejected' ? 'REJECTED' : undefined].filter(Boolean).join(' · ');
}

export function queueSvg(model: LaneModel, ctx: ExportContext): string {
  const rows = Math.max(model.issued.length, model.processed.length, 1);
  const errors = model.processed.filter((p) => p.error);
  const width = PAD * 2 + CARD_W * 2 + GAP;
  const height = HEAD + rows * ROW + PAD + errors.length * 20;
  const left = PAD;
  const right = PAD + CARD_W + GAP;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(`Observe-op queue of region ${ctx.regionId}`)}">`);
  parts.push(`<style>${SVG_STYLE}</style>`, `<rect class="bg" width="${width}" height="${height}"/>`);
  parts.push(`<text class="t h" x="${PAD}" y="24">${escapeXml(clip(`Region ${ctx.regionId} · store ${ctx.storeLabel}`, 90))}</text>`);
  if (ctx.findingMessage) parts.push(`<text class="t" x="${PAD}" y="44">${escapeXml(clip(ctx.findingMessage, 100))}</text>`);
  parts.push(`<text class="t h" x="${left}" y="${HEAD - 10}">Issued (send order)</text>`);
  parts.push(`<text class="t h" x="${right}" y="${HEAD - 10}">Processed (manager order)</text>`);
  parts.push(`<g transform="translate(${left + CARD_W} ${HEAD})">`);
  for (const c of connectorsFor(model.issued, model.processed)) {
    const cls = c.mark === 'rejected' ? 'c rejected' : c.mark === 'overtook' ? 'c overtook' : c.crossings > 0 ? 'c crossing' : 'c';
    parts.push(`<path class="${cls}" d="${connectorPath(c, ROW, GAP)}"/>`);
  }
  parts.push('</g>');
  model.issued.forEach((r, i) => parts.push(card(left, HEAD + i * ROW, r, issuedText(r))));
  model.processed.forEach((r, i) => parts.push(card(right, HEAD + i * ROW, r, processedText(r))));
  errors.forEach((p, k) => {
    const e = p.error;
    if (!e) return;
    const text = `${opLabel(p)} rejected: ${e.text} (${ctx.files[e.file] ?? e.file}:${e.line})`;
    parts.push(`<text class="t err" x="${PAD}" y="${HEAD + rows * ROW + PAD + k * 20}">${escapeXml(clip(text, 110))}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
