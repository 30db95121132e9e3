// One physical line in, one ParsedLine out. The canonical unified line takes the fast scanner and nothing
// else; every other line goes down the slow path: paste artefacts, then the format its first character
// suggests (chevrotain grammar, JSON scanner, old formats), then binary / continuation / unparsed.

import type { Field, LogEntry, LogFormat, ParsedLine, PasteArtefact, UnparsedReason } from '../record';
import { mapRange, type ColumnMap } from './columnMap';
import { isNotEntry, type EntryParts, type NotEntry } from './entryParts';
import { parseJsonLine } from './jsonFormat';
import { parseOldLine } from './oldFormats';
import { stripGrepPrefix, stripTablePrefix } from './paste';
import { binaryDetail, isBlank, isContinuationLike } from './textKinds';
import { parseUnifiedTimeAt, UNIFIED_TIME_LENGTH } from './timestamp';
import { scanUnifiedFast, unifiedHeaderEnd, unifiedHeaderInfo } from './unifiedFast';
import { excerpt, recoverUnified } from './unifiedRecovery';

export interface LineParserOptions {
  /** Text kept in Unparsed and Continuation lines is cut beyond this many UTF-16 units (default 64 KiB). */
  readonly maxTextLength?: number;
  /**
   * Lines the fast scanner rejects go through the chevrotain grammar only up to this length (default 1 MiB);
   * beyond it a line keeps its header and raw message, so a huge damaged line costs no more than a scan.
   */
  readonly maxRecoveryLength?: number;
}

const NO_PASTE: readonly PasteArtefact[] = Object.freeze([]);
/** Unwrapping nests (grep prefix around a Docker record around a table row...) at most this deep. */
const MAX_WRAPPERS = 4;

function truncated(text: string, max: number): { text: string; note: string } {
  if (text.length <= max) return { text, note: '' };
  let cut = max;
  const c = text.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // do not split a surrogate pair
  return { text: text.slice(0, cut), note: `; text truncated to ${cut} of ${text.length} characters` };
}

function mapFields(fields: readonly Field[], maps: readonly ColumnMap[] | null): Field[] {
  return fields.map((f) => {
    if (maps === null) return { key: f.key, value: f.value };
    const out: { key: string; value: string; keyRange?: Field['keyRange']; valueRange?: Field['valueRange'] } = { key: f.key, value: f.value };
    if (f.keyRange !== undefined) out.keyRange = mapRange(f.keyRange, maps);
    if (f.valueRange !== undefined) out.valueRange = mapRange(f.valueRange, maps);
    return out;
  });
}

export class LineParser {
  private readonly maxText: number;
  private readonly maxRecovery: number;
  /** Line number of the entry that continuations attach to; 0 when the last line was not entry/continuation. */
  private chainOf = 0;
  private afterColon = false;

  constructor(opts?: LineParserOptions) {
    this.maxText = Math.max(1, opts?.maxTextLength ?? 65536);
    this.maxRecovery = Math.max(1, opts?.maxRecoveryLength ?? 1 << 20);
  }

  /**
   * Tells the parser that `line` was a plain unified entry the caller recognised itself (quickUnifiedHeader) and
   * did not parse, so that the continuation lines after it still attach to it.
   */
  noteEntry(line: number): void {
    this.chainOf = line;
    this.afterColon = false;
  }

  /** Parses one physical line (without its `\n`). Never throws. */
  parse(text: string, line: number, offset: number): ParsedLine {
    try {
      let s = text;
      let base = 0;
      if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
      if (s.charCodeAt(0) === 0xfeff) {
        s = s.slice(1);
        base = 1;
      }
      const fast = scanUnifiedFast(s, base);
      if (fast !== null) return this.entry(fast, 'unified', NO_PASTE, line, offset);
      return this.slow(s, base, line, offset);
    } catch (e) {
      // Guard of last resort; every path above is meant to handle hostile input without throwing.
      this.chainOf = 0;
      const why = e instanceof Error ? e.message : String(e);
      return this.unparsed('no-header', `internal parser error: ${why}`, text, line, offset);
    }
  }

  private slow(s: string, base: number, line: number, offset: number): ParsedLine {
    if (isBlank(s)) return this.blank(line, offset);
    const paste: PasteArtefact[] = [];
    // null once a Docker wrapper was removed: positions inside an escaped string do not map to columns.
    let maps: ColumnMap[] | null = base === 0 ? [] : [{ offset: base, removed: [] }];
    let inner = s;
    let verdict: NotEntry | undefined;
    for (let depth = 0; ; depth++) {
      const grep = depth < MAX_WRAPPERS ? stripGrepPrefix(inner) : null;
      const table = grep === null && depth < MAX_WRAPPERS ? stripTablePrefix(inner) : null;
      const stripped = grep ?? table;
      if (stripped !== null) {
        paste.push(grep !== null ? 'grep-prefix' : 'table-prefix');
        maps?.push(stripped.map);
        inner = stripped.inner;
        if (isBlank(inner)) return this.blank(line, offset); // a blank log line, pasted
        continue;
      }
      const c0 = inner.charCodeAt(0);
      if (c0 === 91 || (c0 === 32 && inner.charCodeAt(1) === 91)) {
        const r = this.unified(inner, paste.length > 0);
        if (!isNotEntry(r)) {
          if (r.markdownLink === true) paste.push('markdown-link');
          return this.entry(r, 'unified', paste, line, offset, maps);
        }
        verdict = r;
      } else if (c0 === 123) {
        const r = parseJsonLine(inner, 0);
        if ('dockerLog' in r) {
          if (depth >= MAX_WRAPPERS) {
            verdict = { reason: 'no-header', detail: 'too many nested wrappers' };
          } else {
            paste.push('docker-json');
            maps = null;
            inner = r.dockerLog;
            if (isBlank(inner)) return this.blank(line, offset);
            continue;
          }
        } else if (!isNotEntry(r)) {
          return this.entry(r, 'json', paste, line, offset, maps);
        } else {
          verdict = r;
        }
      } else if (c0 >= 48 && c0 <= 57) {
        const r = parseOldLine(inner, 0);
        if (r !== null && !isNotEntry(r)) return this.entry(r, r.format, paste, line, offset, maps);
        if (r !== null) verdict = r;
      }
      break;
    }

    const binary = binaryDetail(inner);
    if (binary !== null) {
      this.chainOf = 0;
      return this.unparsed('binary', binary, s, line, offset);
    }
    if ((verdict === undefined || verdict.reason === 'no-header') && this.chainOf > 0 && isContinuationLike(inner, this.afterColon)) {
      if (inner.length > this.maxText) {
        const of = this.chainOf;
        this.chainOf = 0;
        return this.unparsed('too-long', `continuation of line ${of} over ${this.maxText} characters`, inner, line, offset);
      }
      this.afterColon = inner.trimEnd().endsWith(':');
      return { kind: 'continuation', line, offset, text: inner, of: this.chainOf };
    }
    this.chainOf = 0;
    if (verdict !== undefined) return this.unparsed(verdict.reason, verdict.detail, s, line, offset);
    return this.unparsed('no-header', `not a TiKV log line: starts with ${excerpt(inner, 24)}`, s, line, offset);
  }

  /** A unified-looking line: fast scanner again if a wrapper was removed, else grammar, else too-long. */
  private unified(s: string, unwrapped: boolean): EntryParts | NotEntry {
    if (unwrapped) {
      const fast = scanUnifiedFast(s, 0);
      if (fast !== null) return fast;
    }
    if (s.length <= this.maxRecovery) return recoverUnified(s, 0);
    return this.tooLongUnified(s);
  }

  /** Header and raw message of a line too long for the grammar; never an entry without a valid header. */
  private tooLongUnified(s: string): EntryParts | NotEntry {
    const open = unifiedHeaderEnd(s);
    const header = open < 0 ? undefined : unifiedHeaderInfo();
    const ts = header?.timed === true ? parseUnifiedTimeAt(s, 1) : null;
    if (header === undefined || (header.timed && ts === null)) {
      return { reason: 'no-header', detail: `line of ${s.length} characters without a canonical header is over the recovery limit of ${this.maxRecovery}` };
    }
    const start = s.charCodeAt(open) === 34 ? open + 1 : open;
    const end = Math.min(s.length, start + this.maxText);
    return {
      time: header.timed ? s.slice(1, 1 + UNIFIED_TIME_LENGTH) : '',
      ts,
      level: header.level,
      source: s.slice(header.sourceStart, open - 3),
      message: s.slice(start, end),
      messageRange: [start, end],
      fields: [],
      damage: `line of ${s.length} characters is over the recovery limit of ${this.maxRecovery}: message kept raw (first ${end - start} characters), fields not read`,
    };
  }

  private entry(
    p: EntryParts, format: LogFormat, paste: readonly PasteArtefact[], line: number, offset: number,
    maps?: readonly ColumnMap[] | null,
  ): LogEntry {
    this.chainOf = line;
    this.afterColon = false;
    let messageRange = p.messageRange;
    let fields = p.fields;
    if (maps === null) {
      messageRange = undefined;
      fields = mapFields(fields, null);
    } else if (maps !== undefined && maps.length > 0) {
      if (messageRange !== undefined) messageRange = mapRange(messageRange, maps);
      fields = mapFields(fields, maps);
    }
    const e: LogEntry = messageRange === undefined
      ? { kind: 'entry', line, offset, format, paste, time: p.time, ts: p.ts, level: p.level, source: p.source, message: p.message, fields }
      : { kind: 'entry', line, offset, format, paste, time: p.time, ts: p.ts, level: p.level, source: p.source, message: p.message, messageRange, fields };
    return p.damage === undefined ? e : { ...e, damage: p.damage };
  }

  private blank(line: number, offset: number): ParsedLine {
    this.chainOf = 0;
    return { kind: 'blank', line, offset };
  }

  private unparsed(reason: UnparsedReason, detail: string, text: string, line: number, offset: number): ParsedLine {
    const t = truncated(text, this.maxText);
    return { kind: 'unparsed', line, offset, reason, detail: detail + t.note, text: t.text };
  }
}
