// Tokens of the unified line for the chevrotain grammar (unifiedGrammar.ts). They are deliberately small:
// quoting is decided by the grammar, not the lexer, so that a damaged line (an unescaped or missing quote)
// still lexes into the same pieces and the grammar can choose where a string really ends.
// Every character belongs to exactly one token's first-character set, so lexing never fails.

import { createToken, Lexer, type TokenType } from 'chevrotain';

/** Category shared by every token: lets the grammar consume "anything" inside a string or damaged item. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA });

export const LBracket = createToken({ name: 'LBracket', label: "'['", pattern: /\[/, categories: AnyToken });
export const RBracket = createToken({ name: 'RBracket', label: "']'", pattern: /\]/, categories: AnyToken });
export const Equals = createToken({ name: 'Equals', label: "'='", pattern: /=/, categories: AnyToken });
export const Quote = createToken({ name: 'Quote', label: "'\"'", pattern: /"/, categories: AnyToken });
/**
 * A backslash, with the `"` or `\` it escapes, so that `\"` never reads as a quote and `\\"` does. Other
 * escapes need no token of their own; and a raw value may hold a plain `\` before `=` or `]`, which must
 * stay separate tokens.
 */
export const Escape = createToken({ name: 'Escape', pattern: /\\["\\]?/, categories: AnyToken });
export const Spaces = createToken({ name: 'Spaces', label: 'space', pattern: /[ \t]+/, categories: AnyToken });
/** C0 controls other than tab: never in a canonical line (TiKV escapes them), so they mark damage. */
export const Control = createToken({ name: 'Control', pattern: /[\x00-\x08\x0a-\x1f]+/, categories: AnyToken, line_breaks: true });
/**
 * A run of the characters TiKV writes unquoted: anything but controls, space, `"`, `=`, `[`, `]` (and `\`,
 * which has its own token). Written as ranges, not `[^...]`, because chevrotain cannot apply its
 * first-character optimisation to a complement set and `ensureOptimizations` would reject it.
 */
export const Text = createToken({ name: 'Text', pattern: /[\x21\x23-\x3C\x3E-\x5A\x5E-\uFFFF]+/, categories: AnyToken });

export const unifiedTokens: TokenType[] = [LBracket, RBracket, Equals, Quote, Escape, Spaces, Control, Text, AnyToken];

let lexer: Lexer | undefined;

/** The lexer, built once: building it runs chevrotain's analysis, far too slow to do per line. */
export function unifiedLexer(): Lexer {
  lexer ??= new Lexer(unifiedTokens, { ensureOptimizations: true, positionTracking: 'onlyOffset' });
  return lexer;
}
