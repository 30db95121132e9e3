// The unified format's quoting rule (TiKV logger/formatter.rs, RFC 0018): a message, key or value is
// written raw unless it has a byte <= 0x20, `"`, `=`, `[` or `]`; then the whole string is written as a
// JSON string by serde_json. In a JS string every non-ASCII code unit is >= 0x80, so testing code units
// is the same as testing UTF-8 bytes.
//
// JSON.stringify produces exactly serde_json's escaping for well-formed strings: `\"`, `\\`, `\b`, `\f`,
// `\n`, `\r`, `\t`, lowercase `\u00xx` for the other controls, `/` and non-ASCII left raw. (They differ only
// on lone surrogates, which Rust strings cannot hold and the generator never produces.)

// A char-code loop: this runs for every message, key and value, and beats a RegExp on short strings.
export function needsQuote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x22 || c === 0x3d || c === 0x5b || c === 0x5d) return true;
  }
  return false;
}

export function quoteIfNeeded(s: string): string {
  return needsQuote(s) ? JSON.stringify(s) : s;
}
