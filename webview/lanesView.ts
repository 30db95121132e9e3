/// <reference lib="dom" />
// The two lanes and the connectors between them, windowed: only the rows in view (plus some overscan) exist in the
// DOM, rows arrive from the extension a page at a time, and the connectors of the shown rows are redrawn on scroll.
// Keyboard: Up/Down within a lane, Left/Right follow the connector to the same op in the other lane, Home/End,
// PageUp/PageDown, Enter opens the op's log line. One row per lane is in the tab order (roving tabindex).
import { connectorClass, connectorPath, connectorsFor } from './connectors';
import { clear, el, perFrame, setText, svg } from './dom';
import type { LineRef, OpRow, WindowMessage } from './protocol';
import { RowCache, scrollToShow, visibleRange, type RowRange } from './windowing';

export const ROW_HEIGHT = 48;
const OVERSCAN = 12;
const PAGE = 100;

export type Lane = 'issued' | 'processed';

export interface LanesHost {
  reveal(ref: LineRef): void;
  requestWindow(start: number, count: number): void;
  /** Something changed that belongs in the saved state (scroll, focus). */
  stateChanged(): void;
  /** The focused op's description, for the detail line under the view. */
  describe(text: string): void;
  fileName(file: number): string;
}

interface Pair {
  issued?: OpRow;
  processed?: OpRow;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}

export class LanesView {
  readonly root: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly cols: Record<Lane, HTMLOListElement>;
  private readonly links: SVGSVGElement;
  private readonly linkCol: HTMLElement;
  private readonly rows: Record<Lane, Map<number, HTMLLIElement>> = { issued: new Map(), processed: new Map() };
  private cache = new RowCache<Pair>();
  private counts = { issued: 0, processed: 0 };
  private focus: { lane: Lane; index: number } = { lane: 'processed', index: 0 };
  /** Scrolling and resizing redraw at most once a frame. */
  private readonly schedule = perFrame(() => this.render());
  private shown: RowRange = { start: 0, end: 0 };

  constructor(private readonly host: LanesHost) {
    this.cols = {
      issued: el('ol', { class: 'lane issued', 'aria-label': 'Issued ops, in the order they were sent', 'data-lane': 'issued' }),
      processed: el('ol', { class: 'lane processed', 'aria-label': 'Processed ops, in the order the subscription manager handled them', 'data-lane': 'processed' }),
    };
    this.links = svg('svg', { class: 'connectors', 'aria-hidden': 'true', focusable: 'false' });
    this.linkCol = el('div', { class: 'link-col' });
    this.linkCol.append(this.links);
    this.spacer = el('div', { class: 'lanes-spacer' }, this.cols.issued, this.linkCol, this.cols.processed);
    this.scroller = el('div', { class: 'lanes-scroll', id: 'lanes-scroll' }, this.spacer);
    this.root = el('section', { class: 'lanes', 'aria-label': 'Observe-op queue' },
      el('div', { class: 'lane-heads', 'aria-hidden': 'true' },
        el('div', { class: 'lane-head' }, 'Issued (send order)'),
        el('div', { class: 'lane-head link-head' }, ''),
        el('div', { class: 'lane-head' }, 'Processed (manager order)')),
      this.scroller);
    this.root.style.setProperty('--row-h', `${ROW_HEIGHT}px`);
    this.scroller.addEventListener('scroll', () => {
      this.schedule();
      this.host.stateChanged();
    }, { passive: true });
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.root.addEventListener('focusin', (e) => this.onFocusIn(e));
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
  }

  get scrollTop(): number {
    return this.scroller.scrollTop;
  }

  get focused(): { lane: Lane; index: number } {
    return this.focus;
  }

  private get total(): number {
    return Math.max(this.counts.issued, this.counts.processed);
  }

  /** A new model: counts of both lanes. `keep` keeps scroll and focus (same region, e.g. a re-analysis). */
  reset(counts: { issued: number; processed: number }, keep: boolean, scrollTop = 0, focus?: { lane: Lane; index: number }): void {
    this.cache = new RowCache<Pair>();
    this.counts = counts;
    for (const lane of ['issued', 'processed'] as const) {
      if (keep) {
        // Same region, new model (a re-analysis): rows stay, with focus, until their new data comes.
        for (const li of this.rows[lane].values()) li.dataset.key = 'stale';
        for (const li of this.rows[lane].values()) li.setAttribute('aria-setsize', String(counts[lane]));
      } else {
        clear(this.cols[lane]);
        this.rows[lane].clear();
      }
    }
    this.spacer.style.height = `${this.total * ROW_HEIGHT}px`;
    this.cols.issued.hidden = counts.issued === 0;
    if (focus) this.focus = focus;
    else if (!keep) this.focus = { lane: counts.processed > 0 ? 'processed' : 'issued', index: 0 };
    this.clampFocus();
    if (!keep) this.scroller.scrollTop = scrollTop;
    this.render();
  }

  receive(msg: WindowMessage): void {
    const start = Math.min(msg.issued.start, msg.processed.start);
    const n = Math.max(msg.issued.start + msg.issued.rows.length, msg.processed.start + msg.processed.rows.length) - start;
    const pairs: Pair[] = [];
    for (let k = 0; k < n; k++) {
      const i = msg.issued.rows[start + k - msg.issued.start];
      const p = msg.processed.rows[start + k - msg.processed.start];
      pairs.push({ ...(i ? { issued: i } : {}), ...(p ? { processed: p } : {}) });
    }
    this.cache.put(start, pairs, this.shown);
    this.render();
  }

  /** The request for a window was dropped (the model changed meanwhile). */
  forgetPending(): void {
    this.cache.forgetPending();
  }

  private render(): void {
    const range = visibleRange(this.scroller.scrollTop, this.scroller.clientHeight || 400, ROW_HEIGHT, this.total, OVERSCAN);
    this.shown = range;
    const missing = this.cache.missing(range, PAGE, this.total);
    if (missing) this.host.requestWindow(missing.start, missing.end - missing.start);
    for (const lane of ['issued', 'processed'] as const) this.renderLane(lane, range);
    this.renderLinks(range);
  }

  private renderLane(lane: Lane, range: RowRange): void {
    const rows = this.rows[lane];
    const count = this.counts[lane];
    for (const [index, li] of rows) {
      if (index < range.start || index >= range.end || index >= count) {
        // Keep the focused row while it holds focus, so scrolling with the mouse never drops keyboard focus.
        if (li.contains(document.activeElement)) continue;
        li.remove();
        rows.delete(index);
      }
    }
    for (let index = range.start; index < Math.min(range.end, count); index++) {
      const data = this.cache.get(index)?.[lane];
      let li = rows.get(index);
      if (!li) {
        li = el('li', { class: 'op-row', 'data-index': index, 'aria-posinset': index + 1, 'aria-setsize': count });
        li.style.top = `${index * ROW_HEIGHT}px`;
        rows.set(index, li);
        this.cols[lane].append(li);
      }
      // A row is redrawn when its data changes (all of it: the click target is its file and line); until its data
      // arrives it keeps what it shows (a placeholder, or the same row of the previous model).
      const rowKey = data ? JSON.stringify(data) : '';
      if (li.childElementCount === 0 || (data !== undefined && li.dataset.key !== rowKey)) {
        li.dataset.key = rowKey;
        this.fillRow(li, lane, index, data);
      }
      const button = li.querySelector<HTMLButtonElement>('button.op');
      if (button) button.tabIndex = this.focus.lane === lane && this.focus.index === index ? 0 : -1;
    }
  }

  private fillRow(li: HTMLLIElement, lane: Lane, index: number, row: OpRow | undefined): void {
    const hadFocus = li.contains(document.activeElement);
    clear(li);
    li.className = `op-row${row?.mark ? ` ${row.mark}` : ''}${row && row.crossings > 0 ? ' crossing' : ''}`;
    const button = el('button', { type: 'button', class: 'op', 'data-lane': lane, 'data-index': index, 'aria-label': row ? this.label(lane, row) : `${lane} op ${index + 1}: loading` });
    if (!row) {
      button.append(el('span', { class: 'op-name muted' }, '…'));
      li.append(button);
      return;
    }
    // Two lines, so a narrow panel still shows the op and its ObserveId whole: what it is, then where it came from.
    button.append(
      el('span', { class: 'op-pos', 'aria-hidden': 'true' }, String(index + 1)),
      el('span', { class: 'op-main' },
        el('span', { class: 'op-name' }, row.op),
        row.observeId !== undefined ? el('span', { class: 'op-id' }, row.observeId) : undefined),
      el('span', { class: 'op-sub' },
        row.mark ? el('span', { class: `op-mark ${row.mark}` }, row.mark === 'rejected' ? 'rejected' : 'overtook') : undefined,
        row.origin !== undefined ? el('span', { class: 'op-origin' }, row.origin) : undefined,
        row.time !== undefined ? el('span', { class: 'op-time' }, row.time) : undefined),
    );
    button.addEventListener('click', () => this.host.reveal({ file: row.file, line: row.line }));
    li.append(button);
    if (row.error) {
      const err = row.error;
      const errButton = el('button', { type: 'button', class: 'op-error', 'aria-label': `Error that rejected it: ${err.text}. Opens ${this.host.fileName(err.file)} line ${err.line}.`, title: err.text }, '⚠ stale');
      errButton.addEventListener('click', () => this.host.reveal({ file: err.file, line: err.line }));
      li.append(errButton);
    }
    if (hadFocus) button.focus();
  }

  private label(lane: Lane, r: OpRow): string {
    const parts = [`${lane === 'issued' ? 'Issued' : 'Processed'} ${r.index + 1} of ${this.counts[lane]}: ${r.op}`];
    if (r.observeId !== undefined) parts.push(`ObserveId ${r.observeId}`);
    if (r.origin !== undefined) parts.push(`sent by ${r.origin}`);
    if (r.time !== undefined) parts.push(`at ${r.time}`);
    if (r.peer >= 0) parts.push(lane === 'issued' ? `processed ${ordinal(r.peer + 1)}` : `issued ${ordinal(r.peer + 1)}`);
    if (r.mark === 'rejected') parts.push('rejected as stale');
    if (r.mark === 'overtook') parts.push('overtook the ops sent before it');
    if (r.crossings > 0) parts.push(`reordered: its connector crosses ${r.crossings}`);
    return `${parts.join(', ')}. Opens ${this.host.fileName(r.file)} line ${r.line}.`;
  }

  private renderLinks(range: RowRange): void {
    const width = this.linkCol.clientWidth || 120;
    const height = (range.end - range.start) * ROW_HEIGHT;
    this.links.setAttribute('width', String(width));
    this.links.setAttribute('height', String(Math.max(height, 0)));
    this.links.setAttribute('viewBox', `0 0 ${width} ${Math.max(height, 1)}`);
    this.links.style.top = `${range.start * ROW_HEIGHT}px`;
    clear(this.links);
    const issued: (OpRow | undefined)[] = [];
    const processed: (OpRow | undefined)[] = [];
    for (let i = range.start; i < range.end; i++) {
      const pair = this.cache.get(i);
      issued.push(pair?.issued);
      processed.push(pair?.processed);
    }
    // Crossing connectors last, so they are drawn over the plain ones.
    const connectors = connectorsFor(issued, processed).sort((a, b) => Number(a.crossings > 0) - Number(b.crossings > 0) || Number(a.mark !== undefined) - Number(b.mark !== undefined));
    for (const c of connectors) {
      this.links.append(svg('path', { class: connectorClass(c), d: connectorPath(c, ROW_HEIGHT, width, range.start), 'data-from': c.from, 'data-to': c.to }));
    }
  }

  private clampFocus(): void {
    const count = this.counts[this.focus.lane];
    if (count === 0) this.focus = { lane: this.focus.lane === 'issued' ? 'processed' : 'issued', index: 0 };
    this.focus = { lane: this.focus.lane, index: Math.max(0, Math.min(this.focus.index, this.counts[this.focus.lane] - 1)) };
  }

  private onFocusIn(e: FocusEvent): void {
    const target = e.target as HTMLElement;
    const button = target.closest<HTMLButtonElement>('button.op');
    if (!button) return;
    const lane = button.dataset.lane as Lane;
    const index = Number(button.dataset.index);
    if (this.focus.lane !== lane || this.focus.index !== index) {
      this.focus = { lane, index };
      this.render();
      this.host.stateChanged();
    }
    this.host.describe(button.getAttribute('aria-label') ?? '');
  }

  /** Moves focus to a row, scrolling it into view and rendering it first if needed. */
  focusRow(lane: Lane, index: number): void {
    const count = this.counts[lane];
    if (count === 0) return;
    const i = Math.max(0, Math.min(index, count - 1));
    this.focus = { lane, index: i };
    const top = scrollToShow(i, this.scroller.scrollTop, this.scroller.clientHeight || 400, ROW_HEIGHT);
    if (top !== this.scroller.scrollTop) this.scroller.scrollTop = top;
    this.render();
    this.rows[lane].get(i)?.querySelector<HTMLButtonElement>('button.op')?.focus();
    this.host.stateChanged();
  }

  /** Focus the lanes' current row (from outside, e.g. after choosing a region). */
  focusCurrent(): void {
    this.focusRow(this.focus.lane, this.focus.index);
  }

  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.matches('button.op')) return;
    const { lane, index } = this.focus;
    const page = Math.max(1, Math.floor((this.scroller.clientHeight || 400) / ROW_HEIGHT) - 1);
    let next: { lane: Lane; index: number } | undefined;
    switch (e.key) {
      case 'ArrowDown': next = { lane, index: index + 1 }; break;
      case 'ArrowUp': next = { lane, index: index - 1 }; break;
      case 'PageDown': next = { lane, index: index + page }; break;
      case 'PageUp': next = { lane, index: index - page }; break;
      case 'Home': next = { lane, index: 0 }; break;
      case 'End': next = { lane, index: this.counts[lane] - 1 }; break;
      case 'ArrowLeft':
      case 'ArrowRight': {
        const other: Lane = lane === 'issued' ? 'processed' : 'issued';
        if ((e.key === 'ArrowRight') !== (lane === 'issued') || this.counts[other] === 0) return;
        const peer = this.cache.get(index)?.[lane]?.peer ?? -1;
        next = { lane: other, index: peer >= 0 ? peer : index };
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    this.focusRow(next.lane, next.index);
  }

  /** For the live region: what the lanes hold. */
  summary(processedOrder: string, crossings: number): string {
    const n = this.counts.processed;
    return `${n} processed op${n === 1 ? '' : 's'}${processedOrder ? `: ${processedOrder}` : ''}. ${crossings > 0 ? `${crossings} crossing connector pair${crossings === 1 ? '' : 's'}: the ops were reordered.` : 'No reordering.'}`;
  }

  setEmpty(text: string): void {
    this.reset({ issued: 0, processed: 0 }, false);
    setText(this.cols.processed, '');
    this.cols.processed.append(el('li', { class: 'lane-empty' }, text));
  }
}
