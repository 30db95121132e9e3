// JSON string escapes: the unified format quotes with serde_json, and the JSON format is JSON, so both share
// these helpers. They work on a slice of the line so that callers keep column positions.

function hex4(s: string, i: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = s.charCodeAt(i + k);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 65 && c <= 70) d = c - 55;
    else if (c >= 97 && c <= 102) d = c - 87;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * Length of the valid JSON escape that starts with the backslash at `i` (2, or 6 for `\uXXXX`), or 0 when
 * it is not one. Valid means what serde_json writes and JSON allows; anything else marks a damaged string.
 */
export function escapeLength(s: string, i: number, end: number): number {
  if (i + 1 >= end) return 0;
  switch (s.charCodeAt(i + 1)) {
    case 34: case 92: case 47: case 98: case 102: case 110: case 114: case 116: return 2;
    case 117: return i + 6 <= end && hex4(s, i + 2) >= 0 ? 6 : 0;
    default: return 0;
  }
}

export interface Unescaped {
  readonly text: string;
  /** True when an escape was not valid JSON (kept as written). */
  readonly invalid: boolean;
}

/**
 * Decodes the JSON escapes in `s[start, end)`. Lenient: an invalid escape is kept as written and reported,
 * because damaged pasted lines must still give their text back. Surrogate pairs written as two `\u`
 * escapes join naturally since JS strings are UTF-16.
 */
/** First backslash in `s[from, end)`, or -1. Bounded, unlike indexOf, which would run on to the line's end. */
function backslash(s: string, from: number, end: number): number {
  for (let i = from; i < end; i++) if (s.charCodeAt(i) === 92) return i;
  return -1;
}

export function unescapeRange(s: string, start: number, end: number): Unescaped {
  let i = backslash(s, start, end);
  if (i < 0) return { text: s.slice(start, end), invalid: false };
  let out = '';
  let from = start;
  let invalid = false;
  while (i >= 0) {
    out += s.slice(from, i);
    const len = escapeLength(s, i, end);
    if (len === 0) {
      invalid = true;
      out += '\\';
      from = i + 1;
      i = backslash(s, i + 1, end);
      continue;
    }
    const c = s.charCodeAt(i + 1);
    switch (c) {
      case 110: out += '\n'; break;
      case 116: out += '\t'; break;
      case 114: out += '\r'; break;
      case 98: out += '\b'; break;
      case 102: out += '\f'; break;
      case 117: out += String.fromCharCode(hex4(s, i + 2)); break;
      default: out += String.fromCharCode(c); // \" \\ \/
    }
    from = i + len;
    i = backslash(s, from, end);
  }
  return { text: out + s.slice(from, end), invalid };
}

/** Decodes the JSON escapes of a string body (without its quotes); invalid escapes are kept as written. */
export function unescapeJsonString(body: string): string {
  return unescapeRange(body, 0, body.length).text;
}
