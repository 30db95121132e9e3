// Strings in Debug text come from two printers: Rust's `{:?}` for str (`\"`, `\\`, `\n`, `\u{1f600}`) and
// rust-protobuf's text format for bytes (C-style octal `\377` and `\xNN`). One lenient decoder covers
// both; an escape it does not know is kept as written rather than rejected.

const SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Decode the body of a quoted string (without its quotes). */
export function unescapeDebugString(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      i++;
      continue;
    }
    const next = body[i + 1];
    const octal = /^[0-7]{3}/.exec(body.slice(i + 1, i + 4));
    if (octal) {
      out += String.fromCharCode(parseInt(octal[0], 8));
      i += 4;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
    } else if (next === 'u' && body[i + 2] === '{') {
      const close = body.indexOf('}', i + 3);
      const cp = close > 0 ? parseInt(body.slice(i + 3, close), 16) : NaN;
      if (Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i = close + 1;
      } else {
        out += '\\u';
        i += 2;
      }
    } else if (SIMPLE[next] !== undefined) {
      out += SIMPLE[next];
      i += 2;
    } else {
      out += '\\' + next;
      i += 2;
    }
  }
  return out;
}
