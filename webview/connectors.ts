// Geometry of the connectors between the lanes: one curve per op from its issued row to its processed row. Only
// connectors that touch the shown window are drawn; one whose other end is scrolled away runs off the top or
// bottom edge, so the reader still sees which way it goes. Pure: the webview turns these into SVG paths, the SVG
// export uses the same function.
import type { OpMark, OpRow } from './protocol';

export interface Connector {
  /** Issued index and processed index. */
  readonly from: number;
  readonly to: number;
  readonly crossings: number;
  readonly mark?: OpMark;
}

/** The connectors touching rows [start, end) on either side, each once, in issued order. */
export function connectorsFor(issued: readonly (OpRow | undefined)[], processed: readonly (OpRow | undefined)[]): Connector[] {
  const seen = new Map<number, Connector>();
  const add = (from: number, to: number, row: OpRow): void => {
    if (from < 0 || to < 0 || seen.has(from)) return;
    seen.set(from, { from, to, crossings: row.crossings, ...(row.mark ? { mark: row.mark } : {}) });
  };
  for (const r of issued) if (r) add(r.index, r.peer, r);
  for (const r of processed) if (r) add(r.peer, r.index, r);
  return [...seen.values()].sort((a, b) => a.from - b.from);
}

/**
 * An S-curve from the right edge of issued row `from` (x = 0) to the left edge of processed row `to` (x = width).
 * `firstRow` is the row drawn at y = 0, so rows above the window have negative y.
 */
export function connectorPath(c: Pick<Connector, 'from' | 'to'>, rowHeight: number, width: number, firstRow = 0): string {
  const y0 = (c.from - firstRow + 0.5) * rowHeight;
  const y1 = (c.to - firstRow + 0.5) * rowHeight;
  const mid = width / 2;
  return `M 0 ${y0} C ${mid} ${y0}, ${mid} ${y1}, ${width} ${y1}`;
}

/** How a connector is drawn: a reorder (crossing) stands out, the rejected op's connector most. */
export function connectorClass(c: Pick<Connector, 'crossings' | 'mark'>): string {
  if (c.mark === 'rejected') return 'connector rejected';
  if (c.mark === 'overtook') return 'connector overtook';
  return c.crossings > 0 ? 'connector crossing' : 'connector';
}
