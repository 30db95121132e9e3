// An intrusive least-recently-used list: moving a region to the back is a few pointer writes, with no
// hashing and no tombstones (a Map used this way leaves holes that every trim has to walk over).
export interface LruNode {
  lruPrev: LruNode | undefined;
  lruNext: LruNode | undefined;
  lruLinked: boolean;
}

export class Lru<T extends LruNode> {
  private head: T | undefined;
  private tail: T | undefined;

  /** Move (or add) a node to the most-recent end. */
  touch(node: T): void {
    if (this.tail === node) return;
    if (node.lruLinked) this.unlink(node);
    node.lruPrev = this.tail;
    node.lruNext = undefined;
    if (this.tail !== undefined) this.tail.lruNext = node;
    this.tail = node;
    if (this.head === undefined) this.head = node;
    node.lruLinked = true;
  }

  /** Remove and return the least recently touched node. */
  shift(): T | undefined {
    const node = this.head;
    if (node !== undefined) this.unlink(node);
    return node;
  }

  /** Take a node out of the list (no-op when it is not in it). */
  remove(node: T): void {
    if (node.lruLinked) this.unlink(node);
  }

  private unlink(node: T): void {
    const prev = node.lruPrev as T | undefined;
    const next = node.lruNext as T | undefined;
    if (prev !== undefined) prev.lruNext = next;
    else this.head = next;
    if (next !== undefined) next.lruPrev = prev;
    else this.tail = prev;
    node.lruPrev = undefined;
    node.lruNext = undefined;
    node.lruLinked = false;
  }
}
