// Questions the editor features ask of a Report: what is at (file, line, column), where an ObserveId was issued,
// processed and rejected, which Start won a race, the root cause of a region, what the outline of a file is.
// Pure (no 'vscode'): files are indices into report.files, lines 1-based, columns 0-based UTF-16.
//
// ObserveIds are allocated per TiKV process, so they are only compared within one store's files; region, peer and
// store ids are cluster-wide and are looked up across every analysed file.
import type { Cause, CauseRole, Finding, RegionTimeline } from '../core/engine/types';
import { idsMentioned, type IdKind } from '../core/events';
import { parseText } from '../core/parser';
import { idKey, type IdLocation, type Report } from '../core/report';
import { ruleById } from '../core/rules';

export interface Place {
  readonly file: number;
  readonly line: number;
  /** Columns of the id the place is about, on that line, when known. */
  readonly start?: number;
  readonly end?: number;
}

export interface IdAtCursor {
  readonly kind: IdKind;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

// ---- what is under the cursor -------------------------------------------------------------------------------------

type LineMentions = Map<string, { kind: IdKind; value: string; start?: number; end?: number }[]>;
const byLineCache = new WeakMap<Report, LineMentions>();

/** report.ids inverted to `${file}:${line}` -> mentions, built once per report. */
function mentionsByLine(report: Report): LineMentions {
  let map = byLineCache.get(report);
  if (map !== undefined) return map;
  map = new Map();
  for (const [key, locations] of Object.entries(report.ids)) {
    const colon = key.indexOf(':');
    const kind = key.slice(0, colon) as IdKind;
    const value = key.slice(colon + 1);
    for (const l of locations) {
      const k = `${l.file}:${l.line}`;
      let list = map.get(k);
      if (list === undefined) map.set(k, (list = []));
      list.push({ kind, value, start: l.start, end: l.end });
    }
  }
  byLineCache.set(report, map);
  return map;
}

/** The ids a line of text mentions, with their columns (the same recognition the index was built with). */
export function idsInLine(lineText: string): IdAtCursor[] {
  const parsed = parseText(lineText)[0];
  if (parsed === undefined || parsed.kind !== 'entry') return [];
  return idsMentioned(parsed).flatMap((m) => (m.range === undefined ? [] : [{ kind: m.kind, value: m.value, start: m.range[0], end: m.range[1] }]));
}

/** The index's mentions of a line that have columns. */
function indexedOn(report: Report, file: number, line: number): IdAtCursor[] {
  return (mentionsByLine(report).get(`${file}:${line}`) ?? []).flatMap((m) =>
    m.start === undefined || m.end === undefined ? [] : [{ kind: m.kind, value: m.value, start: m.start, end: m.end }],
  );
}

/**
 * The id whose digits the cursor is on (or just after). The core's id index (report.ids) answers when it has the
 * line and still agrees with the line's text; the text is parsed only when it does not (a file analysed without
 * ids, or a line edited since the last analysis): then the text is the truth, the report being a few keystrokes old.
 */
export function idAt(report: Report, file: number, line: number, column: number, lineText?: string): IdAtCursor | undefined {
  const indexed = indexedOn(report, file, line);
  const agrees = indexed.length > 0 && indexed.every((m) => lineText === undefined || lineText.slice(m.start, m.end).includes(m.value));
  const candidates: IdAtCursor[] = agrees || lineText === undefined ? indexed : idsInLine(lineText);
  // Narrowest first: a region id inside a wider field range must win over that range.
  const hits = candidates.filter((c) => c.start <= column && column <= c.end).sort((a, b) => a.end - a.start - (b.end - b.start));
  return hits[0];
}

/** The mention of an id on one line, if the index has it with columns. */
function mentionOn(report: Report, kind: IdKind, value: string, file: number, line: number): Place {
  const l = report.ids[idKey(kind, value)]?.find((m) => m.file === file && m.line === line && m.start !== undefined);
  return l === undefined ? { file, line } : { file, line, start: l.start, end: l.end };
}

function storeOf(report: Report, file: number): string | undefined {
  return report.files[file]?.store;
}

function sameStore(report: Report, store: string | undefined): (p: { file: number }) => boolean {
  return (p) => store === undefined || storeOf(report, p.file) === store;
}

/** Every place that mentions an id; ObserveIds only in the files of `store` (see the header). */
export function referencesOf(report: Report, kind: IdKind, value: string, store?: string): readonly IdLocation[] {
  const all = report.ids[idKey(kind, value)] ?? [];
  return kind === 'observe' ? all.filter(sameStore(report, store)) : all;
}

function firstOf<T extends { file: number; line: number }>(places: readonly T[], preferFile?: number): T | undefined {
  const sorted = [...places].sort((a, b) => (a.file === preferFile ? 0 : 1) - (b.file === preferFile ? 0 : 1) || a.file - b.file || a.line - b.line);
  return sorted[0];
}

// ---- ObserveIds ---------------------------------------------------------------------------------------------------

export interface ObservePlace extends Place {
  /** What happened to the id here, in a few words we wrote (no log text). */
  readonly what: string;
  /** The other id of a stale error: the current one when this id was rejected, the rejected one when it won. */
  readonly other?: string;
}

export interface ObservePlaces {
  readonly issued: readonly ObservePlace[];
  readonly processed: readonly ObservePlace[];
  readonly listening: readonly ObservePlace[];
  readonly rejected: readonly ObservePlace[];
  /** Stale errors where this id was the current one (it won the race). */
  readonly won: readonly ObservePlace[];
  readonly mentions: number;
}

const ORIGIN_WORDS: Readonly<Record<string, string>> = {
  'pre-candidate': 'sent on becoming pre-candidate',
  candidate: 'sent on becoming candidate',
  follower: 'sent on becoming follower',
  leader: 'sent by the new leader',
  'task-scan': "sent by the task registration's leader scan",
  refresh: 'sent by a refresh',
  retry: 'sent by a retry',
  destroy: 'sent on destroy',
  result: 'sent by the subscription manager',
  unknown: 'sent',
};

function dedupe<T extends Place>(places: T[]): T[] {
  const seen = new Set<string>();
  return places
    .filter((p) => {
      const k = `${p.file}:${p.line}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.file - b.file || a.line - b.line);
}

/** Where an ObserveId of `store` was issued, processed, listened to and rejected, from findings and timelines. */
export function observeIdPlaces(report: Report, id: string, store?: string): ObservePlaces {
  const inStore = sameStore(report, store);
  const findings = report.result.findings.filter((f) => store === undefined || f.store === store);
  const issued: ObservePlace[] = [];
  const processed: ObservePlace[] = [];
  const listening: ObservePlace[] = [];
  const rejected: ObservePlace[] = [];
  const won: ObservePlace[] = [];
  for (const f of findings) {
    for (const op of f.queue?.issued ?? []) {
      if (op.observeId === id) issued.push({ file: op.file, line: op.line, what: `${op.op} ${ORIGIN_WORDS[op.origin] ?? 'sent'}` });
    }
    for (const op of f.queue?.processed ?? []) {
      if (op.observeId === id) processed.push({ ...mentionOn(report, 'observe', id, op.file, op.line), what: `${op.op} processed` });
    }
    for (const c of f.causes) {
      const s = c.role === 'stale-error' ? c.stale : undefined;
      if (s?.staleId === id) rejected.push({ ...mentionOn(report, 'observe', id, c.file, c.line), what: 'rejected as stale', other: s.currentId });
      if (s?.currentId === id) won.push({ ...mentionOn(report, 'observe', id, c.file, c.line), what: 'current id when another was rejected', other: s.staleId });
    }
  }
  for (const t of report.result.timelines.filter((t) => store === undefined || t.store === store)) {
    for (const op of t.ops) {
      if (op.observeId === id) processed.push({ ...mentionOn(report, 'observe', id, op.file, op.line), what: `${op.op} processed` });
    }
    for (const s of t.subscription) {
      if (s.observeId !== id) continue;
      const what = s.state === 'running' ? 'start listen' : s.state === 'absent' ? 'stop listen' : 'left pending';
      listening.push({ ...mentionOn(report, 'observe', id, s.file, s.line), what });
    }
  }
  return {
    issued: dedupe(issued.filter(inStore)),
    processed: dedupe(processed.filter(inStore)),
    listening: dedupe(listening.filter(inStore)),
    rejected: dedupe(rejected.filter(inStore)),
    won: dedupe(won.filter(inStore)),
    mentions: referencesOf(report, 'observe', id, store).length,
  };
}

/**
 * Where an ObserveId was issued: the cause line the core's queue reconstruction gave the op that sent it (role
 * change, task scan, retry); else the op line that carries it (its `on_modify_observe`); else its first mention in
 * the store's files.
 */
export function issuedPlace(report: Report, id: string, store?: string, preferFile?: number): Place | undefined {
  const issued = firstOf(observeIdPlaces(report, id, store).issued, preferFile);
  if (issued !== undefined) return { file: issued.file, line: issued.line };
  const inStore = sameStore(report, store);
  const opLines = report.result.timelines
    .filter((t) => store === undefined || t.store === store)
    .flatMap((t) => t.ops.filter((op) => op.observeId === id))
    .filter(inStore);
  const op = firstOf(opLines, preferFile);
  if (op !== undefined) return mentionOn(report, 'observe', id, op.file, op.line);
  const first = firstOf(referencesOf(report, 'observe', id, store), preferFile);
  return first === undefined ? undefined : { file: first.file, line: first.line, start: first.start, end: first.end };
}

// ---- races and root causes ----------------------------------------------------------------------------------------

function at(p: { file: number; line: number }, file: number, line: number): boolean {
  return p.file === file && p.line === line;
}

/**
 * For a stale-observe-id error line (or a finding located on it): the Start that won the race, i.e. the newer id
 * processed first; for an unproven stale error, the last line that showed the current id.
 */
export function raceWinner(report: Report, file: number, line: number): Place | undefined {
  for (const f of report.result.findings) {
    const onLine = at(f.location, file, line) || f.causes.some((c) => c.role === 'stale-error' && at(c, file, line));
    if (!onLine) continue;
    const winner = f.causes.find((c) => c.role === 'newer-start-processed-first') ?? f.causes.filter((c) => c.role === 'current-id-seen').pop();
    if (winner === undefined) continue;
    const id = winner.observeIds?.[0];
    return id === undefined ? { file: winner.file, line: winner.line } : mentionOn(report, 'observe', id, winner.file, winner.line);
  }
  return undefined;
}

function sameFinding(f: Finding, rule: string, loc: { file: number; line: number }): boolean {
  return f.rule === rule && at(f.location, loc.file, loc.line);
}

/**
 * The finding that explains a region: the one its latest derived finding (observation-lost) points at, else its
 * latest finding that points at nothing. Findings on `store` are preferred; other stores' are the fallback.
 */
export function rootFinding(report: Report, regionId: string, store?: string): Finding | undefined {
  const all = report.result.findings.filter((f) => f.regionId === regionId && regionId !== '');
  const local = all.filter((f) => store === undefined || f.store === store);
  const pool = local.length > 0 ? local : all;
  const derived = pool.filter((f) => f.related !== undefined).pop();
  if (derived?.related !== undefined) {
    const { rule, location } = derived.related;
    const root = report.result.findings.find((f) => sameFinding(f, rule, location));
    if (root !== undefined) return root;
  }
  return pool.filter((f) => f.related === undefined).pop() ?? pool[pool.length - 1];
}

/** Which chain link is "the root cause" of a finding, most telling first. */
const ROOT_ROLES: readonly CauseRole[] = [
  'older-start-processed-last',
  'root-cause',
  'task-init-error',
  'fatal-error',
  'refresh-absent',
  'stale-start',
  'start-failed',
  'refresh-failed',
  'stale-id-seen',
  'start-result-error',
  'stale-error',
  'inactivated',
];

export interface RootLink {
  readonly cause: Cause;
  /** A few words for a code lens title; built from our own words and digit ids only. */
  readonly short: string;
}

/**
 * The link a finding's "Root cause" lens and F12 go to: the older Start, the root finding, or the first cause that
 * explains it; another line first, but the finding's own line when that is the root (a store-wide finding that
 * sits on its fatal error) rather than some line before it that explains nothing (the task's registration).
 */
export function rootLink(finding: Finding): RootLink | undefined {
  const own = (c: Cause) => at(c, finding.location.file, finding.location.line);
  const ranked = (mine: boolean): Cause | undefined => {
    for (const role of ROOT_ROLES) {
      const found = finding.causes.find((c) => c.role === role && own(c) === mine);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const cause = ranked(false) ?? ranked(true) ?? finding.causes.find((c) => !own(c)) ?? finding.causes[0];
  if (cause === undefined) return undefined;
  const id = cause.observeIds?.[0];
  let short: string;
  if (cause.role === 'older-start-processed-last') {
    const newer = finding.causes.find((c) => c.role === 'newer-start-processed-first');
    const newerId = newer?.observeIds?.[0];
    short = id === undefined ? 'older Start handled last' : newerId === undefined ? `older Start ObserveId(${id}) handled last` : `ObserveId(${id}) handled after newer ObserveId(${newerId})`;
  } else if (cause.role === 'root-cause' && finding.related !== undefined) {
    short = ruleById(finding.related.rule)?.title ?? finding.related.rule;
  } else {
    short = `${cause.role.replace(/-/g, ' ')}${id === undefined ? '' : ` ObserveId(${id})`}`;
  }
  return { cause, short };
}

// ---- regions ------------------------------------------------------------------------------------------------------

/** The region's timelines, those of `store` first. */
export function regionTimelines(report: Report, regionId: string, store?: string): RegionTimeline[] {
  return report.result.timelines
    .filter((t) => t.regionId === regionId)
    .sort((a, b) => (a.store === store ? 0 : 1) - (b.store === store ? 0 : 1));
}

/** The earliest event the timelines keep of a region (in `preferFile` if it has any), else its first mention. */
export function regionFirstEvent(report: Report, regionId: string, preferFile?: number): Place | undefined {
  const events = regionTimelines(report, regionId).flatMap((t) => [...t.roles, ...t.subscription, ...t.ops]);
  const first = firstOf(events, preferFile);
  if (first !== undefined) return mentionOn(report, 'region', regionId, first.file, first.line);
  return firstOf(referencesOf(report, 'region', regionId), preferFile);
}

/**
 * The region's latest role change the timelines keep, on `store` first (another store's only when this one has
 * none): the last thing that changed who serves the region, where a reader starts when no finding explains it.
 */
export function regionLatestRole(report: Report, regionId: string, store?: string): Place | undefined {
  for (const t of regionTimelines(report, regionId, store)) {
    // The timeline keeps roles in the order the engine took them in (time order across a store's rotated files),
    // so the last is the latest; file and line numbers alone would not say that across files.
    const last = t.roles[t.roles.length - 1];
    if (last !== undefined) return mentionOn(report, 'region', regionId, last.file, last.line);
  }
  return undefined;
}

// ---- go to definition ---------------------------------------------------------------------------------------------

/**
 * Where F12 goes from (file, line, column). On a token, that token's origin, whatever the line (a stale error
 * names two ObserveIds and a region; each goes to its own): an ObserveId to where it was issued; a region id to its
 * root cause finding, else its latest role change, else its first event. Off a token (or on a peer or store id),
 * the line's meaning, as Go to Root Cause: on a stale-id error the Start that won the race, on a finding's line its
 * root cause link.
 */
export function definitionAt(report: Report, file: number, line: number, column: number, lineText?: string): Place[] {
  const store = storeOf(report, file);
  const id = idAt(report, file, line, column, lineText);
  if (id?.kind === 'observe') {
    const p = issuedPlace(report, id.value, store, file);
    return p === undefined ? [] : [p];
  }
  if (id?.kind === 'region') {
    const root = rootFinding(report, id.value, store);
    if (root !== undefined) return [mentionOn(report, 'region', id.value, root.location.file, root.location.line)];
    const role = regionLatestRole(report, id.value, store) ?? regionFirstEvent(report, id.value, file);
    return role === undefined ? [] : [role];
  }
  const winner = raceWinner(report, file, line);
  if (winner !== undefined) return [winner];
  for (const f of report.result.findings) {
    if (!at(f.location, file, line)) continue;
    const link = rootLink(f);
    if (link !== undefined) return [{ file: link.cause.file, line: link.cause.line }];
  }
  return [];
}

// ---- outline ------------------------------------------------------------------------------------------------------

export interface OutlineItem {
  readonly kind: 'finding' | 'region' | 'role' | 'subscription';
  readonly name: string;
  readonly detail: string;
  /** First and last line the item spans (1-based, inclusive). */
  readonly line: number;
  readonly endLine: number;
  readonly children: readonly OutlineItem[];
}

function leaf(kind: OutlineItem['kind'], name: string, detail: string, line: number): OutlineItem {
  return { kind, name, detail, line, endLine: line, children: [] };
}

/** The findings located in a file and the regions with events in it (their role and subscription changes). */
export function documentOutline(report: Report, file: number): OutlineItem[] {
  const items: OutlineItem[] = report.result.findings
    .filter((f) => f.location.file === file)
    .map((f) => leaf('finding', `${f.rule}: ${f.regionId === '' ? 'store' : `region ${f.regionId}`}`, f.severity, f.location.line));
  for (const t of report.result.timelines) {
    const children = [
      ...t.roles.filter((r) => r.file === file).map((r) => leaf('role', `term ${r.term}: ${r.role}`, 'role change', r.line)),
      ...t.subscription
        .filter((s) => s.file === file)
        .map((s) => leaf('subscription', `${s.state}${s.observeId === undefined ? '' : ` ObserveId(${s.observeId})`}`, 'subscription', s.line)),
    ].sort((a, b) => a.line - b.line);
    if (children.length === 0) continue;
    items.push({
      kind: 'region',
      name: `region ${t.regionId}`,
      detail: t.state,
      line: children[0].line,
      endLine: children[children.length - 1].line,
      children,
    });
  }
  return items.sort((a, b) => a.line - b.line || (a.kind === 'finding' ? -1 : 1));
}
