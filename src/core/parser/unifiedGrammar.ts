// The chevrotain grammar of a unified-format line: the readable, authoritative description of the format
// and the recovery path for every line the fast scanner (unifiedFast.ts) will not vouch for.
//
//   line       := ( " " | timeItem " " )? levelItem " " sourceItem " " message ( " " field )*
//   timeItem   := "[" simple "]"                  e.g. [2023/07/30 23:37:09.829 +08:00]
//   levelItem  := "[" simple "]"                  FATAL ERROR WARN INFO DEBUG TRACE, in any case; WARNING
//
// No time and no leading space is how people paste lines with the time cut off (tikv/tikv issues); that
// alternative is taken only when the first item is a level name, so a damaged time still reads as a time.
//   sourceItem := "[" ( simple | mdLink ) "]"     raft.rs:1177, <unknown>, [raft.rs:1344](http://raft.rs:1344/)
//   message    := "[" part "]"                    message text, possibly empty
//   field      := "[" part "=" part "]"           key = value
//   part       := quoted | raw                    quoted: a JSON string; raw: no space, ", =, [ or ]
//
// Canonical lines are exactly that. The grammar is tolerant beyond it, and each tolerance is recorded as
// damage so hand-edited pastes still give back what they hold:
// - where a quoted string ends is planned by looking ahead (planQuote): at the first `"` when `]` follows it
//   (or `=`, for a key): the canonical case; else at the first `"` that ends the item before the item's
//   `] [` boundary (an unescaped `"` inside, tikv/tikv#16956); else the string is unclosed and runs to that
//   boundary (tikv/tikv#16056). Doubled quotes `""text""` are then stripped;
// - raw parts may hold spaces, `=`, and bracketed groups; a missing `]` or `=`, text between items, and a
//   message written without brackets are accepted.
// Chevrotain's own error recovery (token insertion/deletion, re-sync) only acts in the header; header errors
// make the line unparsed, because a line is an entry only when its time, level and source parse.

import { EmbeddedActionsParser, EMPTY_ALT, EOF, type IToken, type TokenType } from 'chevrotain';
import { unifiedLevel } from './levels';
import { AnyToken, Equals, LBracket, Quote, RBracket, Spaces, Text, unifiedTokens } from './tokens';

export type Role = 'key' | 'value';

/** Where a message, key or value's characters stand in the line, and how it was written. */
export interface Part {
  readonly start: number;
  readonly end: number;
  readonly how: 'raw' | 'quoted' | 'unescaped-quote' | 'unclosed-quote';
}

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface RecoveredField {
  readonly key: Part;
  /** Undefined when the item had no `=`. */
  readonly value: Part | undefined;
  readonly closed: boolean;
  readonly missingSpace: boolean;
}

/** What the grammar found in one line, by position only; unifiedRecovery.ts turns it into text. */
export class LineShape {
  time: Span | undefined;
  level: Span | undefined;
  source: Span | undefined;
  markdownUrl: Span | undefined;
  headerDone = false;
  headerErrors = 0;
  missingHeaderSpace = false;
  message: Part | undefined;
  messageClosed = true;
  messageBare = false;
  readonly fields: RecoveredField[] = [];
  /** Text outside any item (not counting trailing whitespace). */
  readonly strays: Span[] = [];
}

/** Bracket groups nest inside raw values at most this deep, so recursion stays bounded on hostile input. */
const MAX_NESTING = 16;

function end(t: IToken): number {
  return t.startOffset + t.image.length;
}

class UnifiedGrammar extends EmbeddedActionsParser {
  shape = new LineShape();
  private depth = 0;

  constructor() {
    super(unifiedTokens, { recoveryEnabled: true, maxLookahead: 3 });
    this.performSelfAnalysis();
  }

  start(tokens: IToken[]): LineShape {
    this.input = tokens;
    this.shape = new LineShape();
    this.depth = 0;
    this.line();
    return this.shape;
  }

  private is(k: number, type: TokenType): boolean {
    return this.LA(k).tokenType === type;
  }

  public line = this.RULE('line', () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => { this.CONSUME(Spaces); } }, // logger with enable_timestamp = false
        {
          GATE: () => !this.levelFirst(),
          ALT: () => {
            const time = this.SUBRULE(this.simpleItem);
            this.ACTION(() => { this.shape.time = time; });
            this.SUBRULE(this.headerSpace);
          },
        },
        { ALT: EMPTY_ALT() }, // pasted with the time stripped: the line starts with the level item itself
      ],
    });
    const level = this.SUBRULE2(this.simpleItem);
    this.ACTION(() => { this.shape.level = level; });
    this.SUBRULE2(this.headerSpace);
    this.SUBRULE(this.sourceItem);
    this.ACTION(() => {
      this.shape.headerDone = true;
      this.shape.headerErrors = this.errors.length;
    });
    this.OPTION(() => this.CONSUME2(Spaces));
    this.OR2({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.is(1, LBracket), ALT: () => this.SUBRULE(this.message) },
        { GATE: () => !this.is(1, EOF), ALT: () => this.SUBRULE(this.bareMessage) },
        { ALT: EMPTY_ALT() }, // header only: no message
      ],
    });
    this.SUBRULE(this.items);
  });

  private headerSpace = this.RULE('headerSpace', () => {
    const sp = this.OPTION(() => this.CONSUME(Spaces));
    this.ACTION(() => { if (sp === undefined) this.shape.missingHeaderSpace = true; });
  });

  /** `[...]` holding no brackets: the time and level items. */
  private simpleItem = this.RULE('simpleItem', (): Span => {
    const open = this.CONSUME(LBracket);
    const last = this.SUBRULE(this.simpleText, { ARGS: [NaN] });
    this.CONSUME(RBracket);
    return this.ACTION(() => ({ start: open.startOffset + 1, end: Number.isNaN(last) ? open.startOffset + 1 : last }));
  });

  /** Tokens up to the next bracket; returns where the last one ends (or `from` when there is none). */
  private simpleText = this.RULE('simpleText', (from: number): number => {
    let last = from;
    this.MANY({
      GATE: () => !this.is(1, LBracket) && !this.is(1, RBracket),
      DEF: () => {
        const t = this.CONSUME(AnyToken);
        this.ACTION(() => { last = end(t); });
      },
    });
    return last;
  });

  private sourceItem = this.RULE('sourceItem', () => {
    const open = this.CONSUME(LBracket);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        {
          // chat tools autolink `raft.rs:1344`: [[raft.rs:1344](http://raft.rs:1344/)]
          GATE: () => this.is(1, LBracket) && this.is(2, Text) && this.is(3, RBracket),
          ALT: () => {
            this.CONSUME2(LBracket);
            const file = this.CONSUME(Text);
            this.CONSUME(RBracket);
            const url = this.OPTION(() => this.CONSUME2(Text));
            this.ACTION(() => {
              this.shape.source = { start: file.startOffset, end: end(file) };
              this.shape.markdownUrl = url === undefined ? { start: end(file) + 1, end: end(file) + 1 } : { start: url.startOffset, end: end(url) };
            });
          },
        },
        {
          ALT: () => {
            const last = this.SUBRULE(this.simpleText, { ARGS: [NaN] });
            this.ACTION(() => {
              const from = open.startOffset + 1;
              this.shape.source = { start: from, end: Number.isNaN(last) ? from : last };
            });
          },
        },
      ],
    });
    this.CONSUME2(RBracket);
  });

  private message = this.RULE('message', () => {
    const open = this.CONSUME(LBracket);
    const part = this.SUBRULE(this.part, { ARGS: ['value', open.startOffset + 1] });
    const close = this.OPTION(() => this.CONSUME(RBracket));
    this.ACTION(() => {
      this.shape.message = part;
      this.shape.messageClosed = close !== undefined;
    });
  });

  /** A message whose brackets were lost: the text up to the first item. */
  private bareMessage = this.RULE('bareMessage', () => {
    const first = this.LA(1);
    const part = this.SUBRULE(this.raw, { ARGS: ['value', first.startOffset] });
    this.ACTION(() => {
      this.shape.message = part;
      this.shape.messageBare = true;
    });
  });

  private items = this.RULE('items', () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            GATE: () => this.is(1, Spaces) && this.is(2, LBracket),
            ALT: () => { this.CONSUME(Spaces); this.SUBRULE(this.field, { ARGS: [false] }); },
          },
          { GATE: () => this.is(1, LBracket), ALT: () => { this.SUBRULE2(this.field, { ARGS: [true] }); } },
          {
            ALT: () => {
              const t = this.CONSUME(AnyToken);
              this.ACTION(() => {
                if (t.tokenType === Spaces && this.is(1, EOF)) return; // trailing whitespace is harmless
                const strays = this.shape.strays;
                const prev = strays[strays.length - 1];
                if (prev !== undefined && prev.end === t.startOffset) strays[strays.length - 1] = { start: prev.start, end: end(t) };
                else strays.push({ start: t.startOffset, end: end(t) });
              });
            },
          },
        ],
      });
    });
  });

  private field = this.RULE('field', (missingSpace: boolean) => {
    const open = this.CONSUME(LBracket);
    const key = this.SUBRULE(this.part, { ARGS: ['key', open.startOffset + 1] });
    const value = this.OPTION(() => {
      const eq = this.CONSUME(Equals);
      return this.SUBRULE2(this.part, { ARGS: ['value', eq.startOffset + 1] });
    });
    const close = this.OPTION2(() => this.CONSUME(RBracket));
    this.ACTION(() => { this.shape.fields.push({ key, value, closed: close !== undefined, missingSpace }); });
  });

  private part = this.RULE('part', (role: Role, from: number): Part => {
    return this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.is(1, Quote), ALT: () => this.SUBRULE(this.quoted, { ARGS: [role] }) },
        { ALT: () => this.SUBRULE(this.raw, { ARGS: [role, from] }) },
      ],
    });
  });

  private raw = this.RULE('raw', (role: Role, from: number): Part => {
    let last = from;
    this.MANY({
      GATE: () => !this.rawEnds(role),
      DEF: () => {
        const e = this.SUBRULE(this.rawItem);
        this.ACTION(() => { last = e; });
      },
    });
    return { start: from, end: last, how: 'raw' };
  });

  /** One piece of a raw value: a nested `[...]` (bounded depth) or any single token; returns where it ends. */
  private rawItem = this.RULE('rawItem', (): number => this.OR({
    IGNORE_AMBIGUITIES: true,
    DEF: [
      { GATE: () => this.is(1, LBracket) && this.depth < MAX_NESTING, ALT: () => this.SUBRULE(this.nested) },
      { ALT: () => { const t = this.CONSUME(AnyToken); return this.ACTION(() => end(t)); } },
    ],
  }));

  /** `[...]` inside a raw value (a Debug value left unquoted by a hand edit); returns where it ends. */
  private nested = this.RULE('nested', (): number => {
    const open = this.CONSUME(LBracket);
    let last = NaN;
    this.ACTION(() => { this.depth++; last = end(open); });
    this.MANY({
      GATE: () => !this.is(1, RBracket),
      DEF: () => {
        const e = this.SUBRULE(this.rawItem);
        this.ACTION(() => { last = e; });
      },
    });
    const close = this.OPTION(() => this.CONSUME(RBracket));
    this.ACTION(() => {
      this.depth--;
      if (close !== undefined) last = end(close);
    });
    return last;
  });

  private quoted = this.RULE('quoted', (role: Role): Part => {
    const open = this.CONSUME(Quote);
    let left = 0;
    let how: Part['how'] = 'quoted';
    let last = NaN;
    this.ACTION(() => {
      const plan = this.planQuote(role);
      left = plan.content;
      how = plan.how;
      last = end(open);
    });
    this.MANY({
      GATE: () => left > 0,
      DEF: () => {
        const t = this.CONSUME(AnyToken);
        this.ACTION(() => { left--; last = end(t); });
      },
    });
    const close = this.OPTION({ GATE: () => how !== 'unclosed-quote', DEF: () => this.CONSUME2(Quote) });
    return this.ACTION(() => ({ start: end(open), end: close === undefined ? last : close.startOffset, how }));
  });

  /**
   * Whether the line opens with a level item (`[ERROR]`, `[Warn]`), not a time: a time starts with a digit,
   * so a word that names a level cannot be one, and stray bracketed text that is no level stays no-header.
   */
  private levelFirst(): boolean {
    return this.is(1, LBracket) && this.is(2, Text) && this.is(3, RBracket) && unifiedLevel(this.LA(2).image) !== null;
  }

  /** Whether a raw part ends before LA(1): at `]`, the end of the line, `=` for a key, or ` [` (next item). */
  private rawEnds(role: Role): boolean {
    const t = this.LA(1).tokenType;
    if (t === EOF || t === RBracket) return true;
    if (t === Equals) return role === 'key';
    return t === Spaces && this.is(2, LBracket);
  }

  /** An item ends at the `]` at LA(k) when what follows can only start another item, or ends the line. */
  private itemBoundaryAt(k: number): boolean {
    if (!this.is(k, RBracket)) return false;
    const next = this.LA(k + 1).tokenType;
    if (next === EOF || next === LBracket) return true;
    return next === Spaces && (this.is(k + 2, LBracket) || this.is(k + 2, EOF));
  }

  /**
   * Decides, before consuming them, how many tokens after an opening quote are the string's content and
   * how it ends. Linear overall: each scan stops at the first quote, or at most at the item boundary, and
   * what it scans is what the string then consumes.
   */
  private planQuote(role: Role): { content: number; how: Part['how'] } {
    let k = 1;
    while (!this.is(k, EOF) && !this.is(k, Quote)) k++;
    if (this.is(k, Quote)) {
      const after = this.LA(k + 1).tokenType;
      if (after === RBracket || (role === 'key' && after === Equals)) return { content: k - 1, how: 'quoted' };
    }
    for (k = 1; ; k++) {
      const t = this.LA(k).tokenType;
      if (t === EOF) return { content: k - 1, how: 'unclosed-quote' };
      if (t === Quote && (this.itemBoundaryAt(k + 1) || (role === 'key' && this.is(k + 1, Equals)))) {
        return { content: k - 1, how: 'unescaped-quote' };
      }
      if (this.itemBoundaryAt(k)) return { content: k - 1, how: 'unclosed-quote' };
    }
  }
}

let grammar: UnifiedGrammar | undefined;

/** Runs the grammar on tokens of one line. The parser is built once: its self-analysis is costly. */
export function parseShape(tokens: IToken[]): { shape: LineShape; errors: number } {
  grammar ??= new UnifiedGrammar();
  const shape = grammar.start(tokens);
  return { shape, errors: grammar.errors.length };
}
