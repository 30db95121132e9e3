/**
 * Decides on raw bytes whether a message starts with one of a fixed set of ASCII prefixes, so the pipeline can
 * skip decoding and fully parsing the ~90% of lines the engine never looks at. Dispatch on the first byte keeps
 * the common miss to one table lookup.
 */
export class PrefixMatcher {
  private readonly byFirst: (Uint8Array[] | undefined)[] = new Array(256);

  constructor(prefixes: readonly string[]) {
    for (const p of prefixes) {
      const bytes = Buffer.from(p, 'utf8');
      if (bytes.length === 0) throw new Error('empty prefix would match everything');
      (this.byFirst[bytes[0]] ??= []).push(bytes);
    }
  }

  matches(buf: Uint8Array, at: number, end: number): boolean {
    const candidates = this.byFirst[buf[at]];
    if (candidates === undefined) return false;
    outer: for (const p of candidates) {
      if (at + p.length > end) continue;
      for (let k = 1; k < p.length; k++) if (buf[at + k] !== p[k]) continue outer;
      return true;
    }
    return false;
  }
}
