// A bounded key -> value index that forgets the oldest entries in bulk: two generations of Maps, the
// older dropped when the newer fills. O(1) per operation, no per-entry eviction (a Map used as an LRU
// with delete/re-insert accumulates holes that make finding "the oldest" walk over all of them).
export class BoundedIndex<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly generationSize: number) {}

  set(key: string, value: V): void {
    this.current.set(key, value);
    if (this.current.size >= this.generationSize) {
      this.previous = this.current;
      this.current = new Map();
    }
  }

  get(key: string): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
