// Windowed rendering of long lists (the lanes, the region list): which rows are on screen, which page to ask the
// extension for, and the rows already received. Pure arithmetic and a small cache, unit-tested without a DOM.

export interface RowRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/** Rows that intersect the viewport, plus `overscan` rows on each side, clipped to [0, total). */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, total: number, overscan = 0): RowRange {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  const start = Math.max(0, Math.min(total, first - overscan));
  const end = Math.max(start, Math.min(total, last + overscan));
  return { start, end };
}

/** The range widened to whole pages, so small scrolls reuse the last request instead of asking again. */
export function pageAligned(range: RowRange, page: number, total: number): RowRange {
  if (range.end <= range.start) return range;
  const start = Math.floor(range.start / page) * page;
  const end = Math.min(total, Math.ceil(range.end / page) * page);
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view, or the current one if it already is. */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight);
  return scrollTop;
}

/**
 * Rows received from the extension, by index. Bounded: when it holds more than `capacity` rows it forgets those
 * farthest from the last range asked for, so scrolling through 100,000 rows keeps memory flat.
 */
export class RowCache<T> {
  private readonly rows = new Map<number, T>();
  private pending: RowRange | undefined;

  constructor(private readonly capacity = 2000) {}

  get size(): number {
    return this.rows.size;
  }

  get(index: number): T | undefined {
    return this.rows.get(index);
  }

  clear(): void {
    this.rows.clear();
    this.pending = undefined;
  }

  /** The page to request for `want`, or undefined when every row is here or already asked for. */
  missing(want: RowRange, page: number, total: number): RowRange | undefined {
    let lo = -1;
    let hi = -1;
    for (let i = want.start; i < want.end; i++) {
      if (this.rows.has(i)) continue;
      if (lo < 0) lo = i;
      hi = i + 1;
    }
    if (lo < 0) return undefined;
    const need = pageAligned({ start: lo, end: hi }, page, total);
    const p = this.pending;
    if (p && p.start <= need.start && p.end >= need.end) return undefined;
    this.pending = need;
    return need;
  }

  /** Stores rows from `start`; `keepNear` is the range the view shows now (eviction keeps what is close to it). */
  put(start: number, rows: readonly T[], keepNear: RowRange): void {
    rows.forEach((row, k) => this.rows.set(start + k, row));
    const p = this.pending;
    if (p && start <= p.start && start + rows.length >= p.end) this.pending = undefined;
    if (this.rows.size <= this.capacity) return;
    const centre = (keepNear.start + keepNear.end) / 2;
    const far = [...this.rows.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const index of far.slice(0, this.rows.size - this.capacity)) this.rows.delete(index);
  }

  /** The answer to the request was lost or dropped (stale generation): allow asking again. */
  forgetPending(): void {
    this.pending = undefined;
  }
}
