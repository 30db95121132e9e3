// Tokens of Rust Debug text (plus the protobuf text rust-protobuf prints inside it). Built once at
// module load: chevrotain validates and optimises the lexer at construction, which is the costly part.
import { createToken, Lexer, type TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /\s+/, group: Lexer.SKIPPED });

/** Any closing bracket; the grammar treats a closer that is not its own as junk, never as an error. */
export const Closer = createToken({ name: 'Closer', pattern: Lexer.NA });
export const RBrace = createToken({ name: 'RBrace', pattern: /}/, categories: [Closer] });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, categories: [Closer] });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/, categories: [Closer] });

export const LBrace = createToken({ name: 'LBrace', pattern: /{/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
/**
 * `debug_key_range` prints `[start,end)`: hex keys, `?` when redacted, `inf` for an open end, and
 * possibly redaction markers. Must be tried before `[` so a range is one token, not a list.
 */
export const KeyRange = createToken({
  name: 'KeyRange',
  pattern: /\[[^\s,[\]()]*,[^\s,[\]()]*\)/,
  start_chars_hint: ['['],
});
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const DotDot = createToken({ name: 'DotDot', pattern: /\.\./ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });

/** Rust Debug escapes `"` and `\`; protobuf text adds octal escapes. Both fit this shape. */
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\]|\\.)*"/ });
/** `debug_iter` joins numbers with a bare comma (`peers: 1,2,3`); field separators always have a space. */
export const NumberList = createToken({ name: 'NumberList', pattern: /\d+(?:,\d+)+/ });
/** Digits then any word characters or dots: `42`, `3.5s`, `1e-3`, and unquoted hex keys `7480FF05`. */
export const NumberLit = createToken({ name: 'NumberLit', pattern: /-?\d[\w.]*/ });
/** Identifiers and paths (`kvproto::errorpb::Error`). */
export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*/ });
/**
 * Everything else, one character at a time, so lexing never fails. Spelled as ranges rather than `[^\s]`
 * because chevrotain cannot optimise complement sets and the lexer is built with ensureOptimizations.
 */
export const Other = createToken({ name: 'Other', pattern: /[\u0000-\u0008\u000e-\u001f\u0021-\uffff]/ });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Closer,
  RBrace,
  RParen,
  RBracket,
  LBrace,
  LParen,
  KeyRange,
  LBracket,
  DotDot,
  Comma,
  Colon,
  StringLit,
  NumberList,
  NumberLit,
  Ident,
  Other,
];

export const debugLexer = new Lexer(allTokens, {
  ensureOptimizations: true,
  positionTracking: 'onlyOffset',
});
