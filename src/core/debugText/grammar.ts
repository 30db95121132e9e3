// The Debug-text grammar: chevrotain embedded-actions parser that builds the DebugValue tree directly.
// It is total by construction: every token either starts a value, separates entries, or is kept as
// `raw` junk (stray colons, unmatched closers, unknown characters), so no input makes it throw and an
// odd shape degrades into a partial tree instead of losing the parts that did parse.
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import {
  allTokens,
  Closer,
  Colon,
  Comma,
  DotDot,
  Ident,
  KeyRange,
  LBrace,
  LBracket,
  LParen,
  NumberList,
  NumberLit,
  Other,
  RBrace,
  RBracket,
  RParen,
  StringLit,
} from './lexer';
import { EMPTY, render, type DebugEntry, type DebugValue } from './tree';
import { unescapeDebugString } from './unescape';

const REST: DebugValue = { kind: 'rest' };

function keyOf(v: DebugValue): string {
  if (v.kind === 'ident') return v.name;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return v.text;
  return render(v);
}

function rangeOf(image: string): DebugValue {
  const comma = image.indexOf(',');
  return { kind: 'range', start: image.slice(1, comma), end: image.slice(comma + 1, -1) };
}

class DebugTextParser extends EmbeddedActionsParser {
  constructor() {
    // maxLookahead 1: every decision is made on the next token, which keeps the parser linear.
    super(allTokens, { maxLookahead: 1, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  /** A whole text: a sequence of entries (a single value, or protobuf text `k: v k2 { .. }`). */
  public document = this.RULE('document', (): DebugEntry[] => this.SUBRULE(this.body, { ARGS: [undefined] }));

  /** Entries up to `closer` (or end of input); closers that are not ours are junk, not the end. */
  private body = this.RULE('body', (closer: TokenType | undefined): DebugEntry[] => {
    const entries: DebugEntry[] = [];
    this.MANY({
      GATE: () => closer === undefined || this.LA(1).tokenType !== closer,
      DEF: () => {
        this.OR([
          { ALT: () => { const e = this.SUBRULE(this.entry); this.ACTION(() => entries.push(e)); } },
          { ALT: () => { this.CONSUME(Comma); } },
          { ALT: () => { const t = this.OR2([
            { ALT: () => this.CONSUME(Closer) },
            { ALT: () => this.CONSUME(Colon) },
            { ALT: () => this.CONSUME(Other) },
          ]); this.ACTION(() => entries.push({ value: { kind: 'raw', text: t.image } })); } },
        ]);
      },
    });
    return entries;
  });

  /**
   * `value`, or `key: value` (Rust struct fields and protobuf scalars), or `key:` with nothing after.
   * `key: name: ..` is protobuf text printed where a value goes: older TiKV printed the whole
   * metapb::Region that way (`region: id: 5 start_key: ".." region_epoch { .. }, handle: ..`).
   */
  private entry = this.RULE('entry', (): DebugEntry => {
    const first = this.SUBRULE(this.value);
    let key: string | undefined;
    let second: DebugValue | undefined;
    this.OPTION(() => {
      this.CONSUME(Colon);
      second = this.OPTION2(() => this.SUBRULE2(this.value));
      this.OPTION3({
        GATE: () => second !== undefined && second.kind === 'ident',
        DEF: () => {
          const msg = this.SUBRULE(this.protoMessage);
          second = this.ACTION(() => ({
            kind: 'struct',
            name: '',
            entries: [{ key: keyOf(second ?? EMPTY), value: msg.first }, ...msg.rest],
          }));
        },
      });
      key = this.ACTION(() => keyOf(first));
    });
    return this.ACTION(() => (key === undefined ? { value: first } : { key, value: second ?? EMPTY }));
  });

  /**
   * The rest of protobuf text after its first field name: `: value` then more fields, separated by
   * spaces only, so it ends at the first comma or closer. Returns the first value, then the other entries.
   */
  private protoMessage = this.RULE('protoMessage', (): { first: DebugValue; rest: DebugEntry[] } => {
    const rest: DebugEntry[] = [];
    this.CONSUME(Colon);
    const first = this.OPTION(() => this.SUBRULE(this.value)) ?? EMPTY;
    this.MANY(() => {
      const e = this.SUBRULE(this.entry);
      this.ACTION(() => rest.push(e));
    });
    return { first, rest };
  });

  private value = this.RULE('value', (): DebugValue =>
    this.OR([
      { ALT: () => this.SUBRULE(this.named) },
      { ALT: () => { const t = this.CONSUME(StringLit); return this.ACTION(() => ({ kind: 'string', value: unescapeDebugString(t.image.slice(1, -1)) })); } },
      { ALT: () => { const t = this.CONSUME(NumberLit); return { kind: 'number', text: t.image }; } },
      { ALT: () => { const t = this.CONSUME(NumberList); return this.ACTION(() => ({ kind: 'numbers', items: t.image.split(',') })); } },
      { ALT: () => { const t = this.CONSUME(KeyRange); return this.ACTION(() => rangeOf(t.image)); } },
      { ALT: () => { this.CONSUME(DotDot); return REST; } },
      { ALT: () => { const entries = this.SUBRULE(this.bracketGroup); return { kind: 'list', entries }; } },
      { ALT: () => { const entries = this.SUBRULE(this.parenGroup); return { kind: 'tuple', name: '', entries }; } },
      { ALT: () => { const entries = this.SUBRULE(this.braceGroup); return { kind: 'struct', name: '', entries }; } },
    ]),
  );

  /** `Name`, `Name { .. }` or `Name(..)`. */
  private named = this.RULE('named', (): DebugValue => {
    const name: IToken = this.CONSUME(Ident);
    let result: DebugValue = { kind: 'ident', name: name.image };
    this.OPTION(() => {
      this.OR([
        { ALT: () => { const entries = this.SUBRULE(this.braceGroup); result = { kind: 'struct', name: name.image, entries }; } },
        { ALT: () => { const entries = this.SUBRULE(this.parenGroup); result = { kind: 'tuple', name: name.image, entries }; } },
      ]);
    });
    return result;
  });

  /** An opening bracket, the entries, and the matching closer when present (an unclosed group just ends). */
  private group(name: string, open: TokenType, close: TokenType) {
    return this.RULE(name, (): DebugEntry[] => {
      this.CONSUME(open);
      const entries = this.SUBRULE(this.body, { ARGS: [close] });
      this.OPTION(() => this.CONSUME(Closer));
      return entries;
    });
  }

  private braceGroup = this.group('braceGroup', LBrace, RBrace);
  private parenGroup = this.group('parenGroup', LParen, RParen);
  private bracketGroup = this.group('bracketGroup', LBracket, RBracket);
}

/** Built once: chevrotain's grammar analysis is the expensive part and the parser is reusable. */
export const debugTextParser = new DebugTextParser();
