// Rust Debug text (and the protobuf text inside it) as a tree. The grammar is the source of truth;
// `observeIdsIn` is the one regex fast path, for callers that only need the ids of a value.
import { debugLexer } from './lexer';
import { debugTextParser } from './grammar';
import { OBSERVE_ID_RE, type DebugEntry, type DebugValue } from './tree';

export * from './tree';
export { unescapeDebugString } from './unescape';

/** Longer values are cut: a Debug value that size is a dump, not an op, and parsing is linear anyway. */
export const MAX_DEBUG_TEXT = 64 * 1024;
/** Deeper nesting is refused before parsing so hostile text cannot exhaust the stack. */
export const MAX_DEBUG_DEPTH = 64;

function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x28 || c === 0x5b) {
      if (++depth > MAX_DEBUG_DEPTH) return true;
    } else if (c === 0x7d || c === 0x29 || c === 0x5d) depth = Math.max(0, depth - 1);
  }
  return false;
}

/**
 * Parse a whole Debug text into its top-level entries: usually one value (`Start { .. }`), several for
 * protobuf text (`message: ".." stale_command {}`). Never throws; junk becomes `raw` entries.
 */
export function parseDebugEntries(text: string): DebugEntry[] {
  const input = text.length > MAX_DEBUG_TEXT ? text.slice(0, MAX_DEBUG_TEXT) : text;
  if (tooDeep(input)) return [{ value: { kind: 'raw', text: input } }];
  const lexed = debugLexer.tokenize(input);
  debugTextParser.input = lexed.tokens;
  const entries = debugTextParser.document();
  // Unreachable by construction (every token has a place), but a grammar bug must not lose the text.
  if (debugTextParser.errors.length > 0 || entries === undefined) return [{ value: { kind: 'raw', text: input } }];
  return entries;
}

/**
 * Parse a Debug text expected to hold one value. Several top-level entries (protobuf text, or a value
 * followed by junk) come back as an anonymous tuple holding them all.
 */
export function parseDebug(text: string): DebugValue {
  const entries = parseDebugEntries(text);
  if (entries.length === 1 && entries[0].key === undefined) return entries[0].value;
  if (entries.length === 0) return { kind: 'empty' };
  return { kind: 'tuple', name: '', entries };
}

/** Every `ObserveId(N)` in a text, without building a tree: the hot path for `observer=`-style fields. */
export function observeIdsIn(text: string): string[] {
  if (!text.includes('ObserveId(') && !text.includes('ObserveID(')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(OBSERVE_ID_RE)) out.push(m[1]);
  return out;
}
