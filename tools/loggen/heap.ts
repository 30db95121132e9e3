// The simulation's agenda: actions due at a time, run in (time, insertion) order so that two steps
// scheduled for the same millisecond keep the order they were scheduled in.

interface Item {
  readonly time: number;
  readonly seq: number;
  readonly run: () => void;
}

function before(a: Item, b: Item): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class Agenda {
  private readonly items: Item[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  /** Time of the earliest action, or Infinity. */
  peekTime(): number {
    return this.items.length === 0 ? Infinity : this.items[0].time;
  }

  push(time: number, run: () => void): void {
    const items = this.items;
    items.push({ time, seq: this.seq++, run });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(items[i], items[p])) break;
      [items[i], items[p]] = [items[p], items[i]];
      i = p;
    }
  }

  pop(): (() => void) | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop() as Item;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l], items[m])) m = l;
        if (r < items.length && before(items[r], items[m])) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m], items[i]];
        i = m;
      }
    }
    return top.run;
  }
}
