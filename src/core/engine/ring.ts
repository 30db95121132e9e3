// A fixed-capacity FIFO: the building block that keeps per-region memory bounded.
export class Ring<T> {
  private items: T[] = [];
  private head = 0;
  /** How many items were pushed out since creation (or the last clear). */
  dropped = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  /** Adds an item; 1 when the ring grew, 0 when it pushed out its oldest (callers count what they hold). */
  push(item: T): number {
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return 1;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    this.dropped++;
    return 0;
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.head === 0 ? this.items.slice() : [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }

  last(): T | undefined {
    if (this.items.length === 0) return undefined;
    return this.items[(this.head + this.items.length - 1) % this.items.length];
  }

  clear(): number {
    const n = this.items.length;
    this.dropped += n;
    this.items = [];
    this.head = 0;
    return n;
  }
}
