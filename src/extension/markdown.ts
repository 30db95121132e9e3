// Markdown for hovers, built from untrusted log text. Everything that came from a log goes through `text()` or
// `cell()`; links are only made by `revealLink` / `queueOrderLink` from values we computed (paths of analysed
// files, line numbers, digit ids), never from log text. No 'vscode' import: the hover provider wraps the string
// in a MarkdownString with supportHtml false and only our own commands enabled.
import type { Cause, CauseRole, Finding } from '../core/engine/types';
import { timeOfDayAt, type AnalyzedFile, type Report } from '../core/report';
import { observeIdPlaces, regionTimelines, rootLink, type ObservePlace } from './lookup';

/** The only commands a hover may link to; the MarkdownString enables exactly these. */
export const REVEAL_LINE = 'tikv-trace.revealLine';
export const SHOW_QUEUE_ORDER = 'tikv-trace.showQueueOrder';
export const LINK_COMMANDS: readonly string[] = [REVEAL_LINE, SHOW_QUEUE_ORDER];

/** Log text longer than this is cut in hovers: a hover is a summary, the line itself is one F12 away. */
export const MAX_TEXT = 300;
export const MAX_CELL = 120;

// Every ASCII punctuation character may be backslash-escaped in CommonMark, and an escaped one is always literal.
// Escaping all of them (not a hand-picked list) also defeats what a list forgets: autolinks (`https:`, `www.`,
// `a@b.c`), entities (`&lt;`), raw HTML (`<img ...>`), emphasis, headings, tables (`|`) and link syntax.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;
// C0/C1 controls and line/paragraph separators would end a table row or hide text; bidi overrides could reorder
// what the reader sees (Trojan Source).
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

function clip(s: string, max: number): string {
  // Cut before escaping, so an escape sequence is never split; by code point, so no half surrogate pair is left.
  const points = Array.from(s);
  return points.length <= max ? s : `${points.slice(0, max - 1).join('')}…`;
}

/** Log text as literal Markdown inline text: one line (newlines become spaces), at most `max` characters. */
export function text(s: string, max = MAX_TEXT): string {
  return clip(s.replace(INVISIBLE, '').replace(/\s*[\r\n\t]\s*/g, ' '), max).replace(PUNCTUATION, '\\$&');
}

/** Log text as a table cell: like `text`, shorter. (`|` is escaped by `text` like all punctuation.) */
export function cell(s: string, max = MAX_CELL): string {
  return text(s, max);
}

/** Multi-paragraph text (an explanation): each line its own paragraph, each escaped. */
export function paragraphs(s: string, max = MAX_TEXT * 4): string {
  return s
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => text(p, max))
    .join('\n\n');
}

const DIGITS = /^\d{1,20}$/;

export function isId(s: string): boolean {
  return DIGITS.test(s);
}

/**
 * A `command:` URI with its JSON arguments. encodeURIComponent leaves `(`, `)`, `'`, `!` and `*` as they are, and a
 * `)` would end the Markdown link destination early: those are percent-encoded too (VS Code decodes the query).
 */
export function commandUri(command: string, args: readonly unknown[]): string {
  if (!LINK_COMMANDS.includes(command)) throw new Error(`not a linkable command: ${command}`);
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${query}`;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i < 0 ? path : path.slice(i + 1);
}

/** `file:line` label of a place, with the file's base name. */
export function placeLabel(files: readonly AnalyzedFile[], file: number, line: number): string {
  const f = files[file];
  return `${f === undefined ? `file ${file}` : basename(f.path)}:${line}`;
}

/** `[tikv.log:1311](command:tikv-trace.revealLine?…)`; plain text when the place is not a valid one. */
export function revealLink(files: readonly AnalyzedFile[], file: number, line: number): string {
  const label = text(placeLabel(files, file, line));
  const f = files[file];
  if (f === undefined || !Number.isSafeInteger(line) || line < 1) return label;
  return `[${label}](${commandUri(REVEAL_LINE, [{ path: f.path, line }])})`;
}

/** A link that opens the queue-order view of a region; empty when the region id is not a plain id. */
export function queueOrderLink(label: string, reportIndex: number | undefined, store: string, regionId: string): string {
  if (!isId(regionId)) return '';
  const args = reportIndex !== undefined && Number.isSafeInteger(reportIndex) && reportIndex >= 0 ? { reportIndex, store, regionId } : { store, regionId };
  return `[${text(label)}](${commandUri(SHOW_QUEUE_ORDER, [args])})`;
}

/** One Markdown table; every cell given must already be Markdown (escaped text or a link we built). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const ROLE_WORDS: Partial<Record<CauseRole, string>> = {
  'newer-start-processed-first': 'newer Start handled first',
  'older-start-processed-last': 'older Start handled last',
  'stale-error': 'rejected as stale',
  'root-cause': 'root cause',
  'start-result-error': 'start failed',
  'pending-first': 'first pending skip',
  'pending-last': 'last pending skip',
};

/** The role of a chain link in a few words. */
export function roleWords(role: CauseRole): string {
  return ROLE_WORDS[role] ?? role.replace(/-/g, ' ');
}

/** The ObserveIds a chain link names, else the op the queue says this line sent. */
export function causeObserveIds(finding: Finding, cause: Cause): string[] {
  if (cause.observeIds !== undefined && cause.observeIds.length > 0) return [...cause.observeIds];
  const sent = finding.queue?.issued.find((op) => op.file === cause.file && op.line === cause.line && op.observeId !== undefined);
  return sent?.observeId === undefined ? [] : [`${sent.observeId} (sent)`];
}

/** The message of a link without the `region R: ` the whole finding is about. */
function eventText(finding: Finding, cause: Cause): string {
  const prefix = `region ${finding.regionId}: `;
  return finding.regionId !== '' && cause.message.startsWith(prefix) ? cause.message.slice(prefix.length) : cause.message;
}

/** The finding's causal chain as a table: time, event, its role in the chain, ObserveId, and a link to the line. */
export function chainTable(finding: Finding, files: readonly AnalyzedFile[]): string {
  const rows = finding.causes.map((c) => [
    cell(timeOfDayAt(files, c) ?? ''),
    cell(eventText(finding, c)),
    text(roleWords(c.role)),
    cell(causeObserveIds(finding, c).join(', ')),
    revealLink(files, c.file, c.line),
  ]);
  return table(['time', 'event', 'role', 'ObserveId', 'line'], rows);
}

// ---- hover sections -----------------------------------------------------------------------------------------------

export interface HoverContext {
  readonly report: Report;
  /** Index of the report in the model's list, for the queue-order command; undefined for a partial report. */
  readonly reportIndex: number | undefined;
  /** The file the hover is in. */
  readonly file: number;
}

/** A finding: rule and message, explanation, causal chain, and links to its root cause and queue order. */
export function findingMarkdown(f: Finding, ctx: HoverContext): string {
  const files = ctx.report.files;
  const parts = [`**${text(f.rule)}** ${text(`(${f.severity}): ${f.message}`, MAX_TEXT * 2)}`, paragraphs(f.explanation)];
  if (f.causes.length > 0) parts.push(chainTable(f, files));
  const links: string[] = [];
  const root = rootLink(f);
  if (root !== undefined) links.push(`${text(`Root cause: ${root.short} (`)}${revealLink(files, root.cause.file, root.cause.line)}${text(')')}`);
  if (f.regionId !== '') links.push(queueOrderLink('Show queue order', ctx.reportIndex, f.store, f.regionId));
  if (links.length > 0) parts.push(links.filter((l) => l !== '').join(' · '));
  return parts.join('\n\n');
}

/** Rows of a table shown in a hover: the most recent ones when there are more (timelines keep the latest anyway). */
const MAX_ROWS = 12;

function lastRows<T>(rows: readonly T[]): { rows: readonly T[]; hidden: number } {
  return rows.length <= MAX_ROWS ? { rows, hidden: 0 } : { rows: rows.slice(rows.length - MAX_ROWS), hidden: rows.length - MAX_ROWS };
}

/** A region: per store, its role changes by term and its subscription state with their lines. */
export function regionMarkdown(regionId: string, ctx: HoverContext): string | undefined {
  if (!isId(regionId)) return undefined;
  const files = ctx.report.files;
  const timelines = regionTimelines(ctx.report, regionId, files[ctx.file]?.store);
  if (timelines.length === 0) return undefined;
  const parts: string[] = [];
  for (const t of timelines) {
    const head = [`**Region ${regionId}** ${text(`on ${basename(t.store)}: log backup subscription`)} **${text(t.state)}**`];
    const lastSub = t.subscription[t.subscription.length - 1];
    if (lastSub !== undefined) head.push(` since ${revealLink(files, lastSub.file, lastSub.line)}`);
    if (t.pendingSkips !== undefined) {
      const s = t.pendingSkips;
      head.push(`${text(`; pending region, skip resolving ${s.count} times (`)}${revealLink(files, s.first.file, s.first.line)} to ${revealLink(files, s.last.file, s.last.line)}${text(')')}`);
    }
    parts.push(head.join(''));
    const roles = lastRows(t.roles);
    if (roles.rows.length > 0) {
      parts.push(table(['term', 'role', 'line'], roles.rows.map((r) => [text(r.term), text(r.role), revealLink(files, r.file, r.line)])));
    }
    const subs = lastRows(t.subscription);
    if (subs.rows.length > 0) {
      parts.push(table(['subscription', 'ObserveId', 'line'], subs.rows.map((s) => [text(s.state), text(s.observeId ?? ''), revealLink(files, s.file, s.line)])));
    }
    const hidden = roles.hidden + subs.hidden + t.dropped.roles + t.dropped.subscription;
    if (hidden > 0) parts.push(`*${hidden} earlier entries not shown*`);
    if (ctx.report.result.findings.some((f) => f.regionId === regionId && f.store === t.store)) {
      parts.push(queueOrderLink('Show queue order', ctx.reportIndex, t.store, regionId));
    }
  }
  return parts.join('\n\n');
}

function observeWhat(p: ObservePlace): string {
  if (p.other === undefined) return text(p.what);
  return text(p.what === 'rejected as stale' ? `${p.what} (current ObserveId(${p.other}))` : `${p.what} ObserveId(${p.other})`);
}

/** An ObserveId: where it was issued, processed, listened to and rejected, in the store of the hovered file. */
export function observeMarkdown(id: string, ctx: HoverContext): string | undefined {
  if (!isId(id)) return undefined;
  const files = ctx.report.files;
  const store = files[ctx.file]?.store;
  const p = observeIdPlaces(ctx.report, id, store);
  const places = [...p.issued, ...p.processed, ...p.listening, ...p.rejected, ...p.won].sort((a, b) => a.file - b.file || a.line - b.line);
  const head = `**${text(`ObserveId(${id})`)}** ${text(`${store === undefined ? '' : `on ${basename(store)}: `}mentioned ${p.mentions} times`)}`;
  const issued = p.issued.length > 0 ? '' : '\n\nThe log does not show which op sent it.';
  if (places.length === 0) return head + issued;
  const { rows, hidden } = lastRows(places);
  const body = table(['what', 'line'], rows.map((pl) => [observeWhat(pl), revealLink(files, pl.file, pl.line)]));
  return `${head}${issued}\n\n${body}${hidden > 0 ? `\n\n*${hidden} earlier entries not shown*` : ''}`;
}
