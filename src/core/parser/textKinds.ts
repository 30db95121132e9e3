// Lines that are not log entries: blank, binary junk, and continuations (panic backtraces and stderr
// text that belong to the entry before them).

export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 11 && c !== 12 && c !== 0xa0 && c !== 0x3000 && c !== 0xfeff) return false;
  }
  return true;
}

/** Only the start of a huge line is sampled: junk shows itself quickly and the check must stay cheap. */
const SAMPLE = 65536;

/** Why the line looks like binary data rather than text, or null. */
export function binaryDetail(s: string): string | null {
  const n = Math.min(s.length, SAMPLE);
  let controls = 0;
  let replacements = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return `NUL character at column ${i}`;
    // Tab and ESC (terminal colours) are ordinary in text logs.
    if (c < 32 && c !== 9 && c !== 27) controls++;
    else if (c === 0xfffd) replacements++;
  }
  if (controls >= 2 && controls * 20 > n) return `${controls} control characters in ${n}`;
  if (replacements >= 4 && replacements * 4 > n) return `${replacements} undecodable bytes (U+FFFD) in ${n}`;
  return null;
}

const CONTINUATION = /^(?:[ \t]+\S|stack backtrace:|note: |thread '[^']*' (?:panicked|has overflowed)|Caused by:|fatal runtime error:|panicked at )/;

/**
 * Whether a line reads as the continuation of an entry: a Rust panic (`thread '…' panicked at …`,
 * `stack backtrace:`, `   0: …`, `             at …`, `note: run with …`) or indented stderr text. `afterColon`:
 * the previous continuation ended with `:` (`panicked at src/x.rs:1:5:`), so the panic message follows.
 */
export function isContinuationLike(s: string, afterColon: boolean): boolean {
  return afterColon || CONTINUATION.test(s);
}
