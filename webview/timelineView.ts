/// <reference lib="dom" />
// The region's timeline under the lanes: one row per track (raft role, subscription, ops, events) over one axis
// of log lines, labelled with their times. Every span and point is a button that opens its line. Keyboard: one
// item is in the tab order; Left/Right move along a track, Up/Down to the nearest item of the next track.
import { clear, el, setText } from './dom';
import type { LineRef, TimelineData, TimelineTrack } from './protocol';
import { layoutTimeline, type TimelineLayout } from './timeline';

const TRACKS: readonly { track: TimelineTrack; name: string }[] = [
  { track: 'role', name: 'Raft role' },
  { track: 'subscription', name: 'Subscription' },
  { track: 'op', name: 'Ops processed' },
  { track: 'event', name: 'Events' },
];

const GUTTER = 118;

export interface TimelineHost {
  reveal(ref: LineRef): void;
  describe(text: string): void;
  fileName(file: number): string;
}

interface Item {
  readonly track: TimelineTrack;
  readonly from: number;
  readonly to: number;
  readonly button: HTMLButtonElement;
}

export class TimelineView {
  readonly root: HTMLElement;
  private readonly inner: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly note: HTMLElement;
  private data: TimelineData | undefined;
  private items: Item[] = [];
  private current = 0;

  constructor(private readonly host: TimelineHost) {
    this.inner = el('div', { class: 'tl-inner' });
    this.note = el('p', { class: 'tl-note' });
    this.scroller = el('div', { class: 'tl-scroll' }, this.inner);
    this.root = el('section', { class: 'timeline', 'aria-label': 'Region timeline' },
      el('h2', { class: 'section-title' }, 'Timeline (log order; times where known)'),
      this.note,
      this.scroller);
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    // Only a new width changes the layout; re-laying out on height changes would replace the buttons under a
    // click in progress (the detail line above changes height when an item takes focus).
    let width = -1;
    new ResizeObserver(() => {
      if (this.root.clientWidth === width) return;
      width = this.root.clientWidth;
      this.layout();
    }).observe(this.root);
  }

  show(data: TimelineData): void {
    this.data = data;
    this.current = 0;
    const parts: string[] = [];
    if (data.axis.length === 0) parts.push('No raft role, subscription or op lines for this region.');
    if (data.dropped > 0) parts.push(`${data.dropped} older entries were dropped by the analysis to stay bounded.`);
    setText(this.note, parts.join(' '));
    this.note.hidden = parts.length === 0;
    const lay = this.layout();
    // A long timeline opens on its error (the stale observe id), with what led to it on the left.
    const error = data.markers.find((m) => m.kind === 'error') ?? data.markers.find((m) => m.kind === 'rejected');
    this.scroller.scrollLeft = error && lay ? Math.max(0, lay.x(error.at) - this.scroller.clientWidth * 0.6) : 0;
  }

  private layout(): TimelineLayout | undefined {
    const data = this.data;
    if (!data) return undefined;
    const hadFocus = this.inner.contains(document.activeElement);
    clear(this.inner);
    this.items = [];
    const lay = layoutTimeline(data.axis.length, this.root.clientWidth - 4, 64, 150, GUTTER);
    this.inner.style.width = `${lay.width}px`;

    const rows = new Map<TimelineTrack, HTMLElement>();
    for (const { track, name } of TRACKS) {
      const row = el('div', { class: `tl-track tl-${track}`, role: 'group', 'aria-label': name }, el('span', { class: 'tl-label', 'aria-hidden': 'true' }, name));
      rows.set(track, row);
      this.inner.append(row);
    }
    const place = (node: HTMLElement, from: number, to: number): void => {
      node.style.left = `${lay.x(from) + 1}px`;
      node.style.width = `${Math.max(lay.x(to) - lay.x(from) - 3, 8)}px`;
    };
    for (const s of data.segments) {
      const b = this.item(s.track, s.from, s.to, `seg ${s.track}-${s.kind}`, s.label, `${s.detail}. Opens ${this.host.fileName(s.file)} line ${s.line}.`, s);
      place(b, s.from, s.to);
      rows.get(s.track)?.append(b);
    }
    for (const m of data.markers) {
      const b = this.item(m.track, m.at, m.at + 1, `mark mark-${m.kind}`, m.label, `${m.detail}. Opens ${this.host.fileName(m.file)} line ${m.line}.`, m);
      place(b, m.at, m.at + 1);
      rows.get(m.track)?.append(b);
    }
    // Ticks stay short: the clock only where its minute changes (seconds otherwise), the file name only when the
    // axis spans several files.
    const oneFile = new Set(data.axis.map((p) => p.file)).size <= 1;
    const axis = el('div', { class: 'tl-axis', 'aria-hidden': 'true' }, el('span', { class: 'tl-label' }, oneFile ? `${this.host.fileName(data.axis[0]?.file ?? 0)} line` : 'File:line'));
    let minute = '';
    data.axis.forEach((p, i) => {
      const hm = p.time?.slice(0, 5) ?? '';
      const time = p.time === undefined ? '' : hm === minute ? p.time.slice(5) : p.time;
      if (p.time !== undefined) minute = hm;
      const where = oneFile ? `${p.line}` : `${this.host.fileName(p.file)}:${p.line}`;
      const tick = el('span', { class: 'tl-tick' }, el('span', { class: 'tl-time' }, time), el('span', { class: 'tl-line' }, where));
      place(tick, i, i + 1);
      axis.append(tick);
    });
    this.inner.append(axis);

    const order: Record<TimelineTrack, number> = { role: 0, subscription: 1, op: 2, event: 3 };
    this.items.sort((a, b) => order[a.track] - order[b.track] || a.from - b.from);
    this.current = Math.min(this.current, Math.max(0, this.items.length - 1));
    this.items.forEach((it, k) => (it.button.tabIndex = k === this.current ? 0 : -1));
    if (hadFocus) this.items[this.current]?.button.focus();
    return lay;
  }

  private item(track: TimelineTrack, from: number, to: number, cls: string, label: string, aria: string, ref: LineRef): HTMLButtonElement {
    const b = el('button', { type: 'button', class: cls, 'aria-label': aria, title: aria }, el('span', { class: 'tl-text' }, label));
    b.addEventListener('click', () => this.host.reveal({ file: ref.file, line: ref.line }));
    b.addEventListener('focus', () => {
      const k = this.items.findIndex((it) => it.button === b);
      if (k >= 0) this.setCurrent(k, false);
      this.host.describe(aria);
    });
    this.items.push({ track, from, to, button: b });
    return b;
  }

  private setCurrent(k: number, focus: boolean): void {
    if (k < 0 || k >= this.items.length) return;
    this.items[this.current]?.button.setAttribute('tabindex', '-1');
    this.current = k;
    const b = this.items[k].button;
    b.tabIndex = 0;
    if (focus) {
      b.focus();
      b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (!(e.target instanceof HTMLButtonElement) || this.items.length === 0) return;
    const cur = this.items[this.current];
    const sameTrack = this.items.map((it, k) => ({ it, k })).filter(({ it }) => it.track === cur.track);
    const pos = sameTrack.findIndex(({ k }) => k === this.current);
    let next: number | undefined;
    switch (e.key) {
      case 'ArrowRight': next = sameTrack[pos + 1]?.k; break;
      case 'ArrowLeft': next = sameTrack[pos - 1]?.k; break;
      case 'Home': next = 0; break;
      case 'End': next = this.items.length - 1; break;
      case 'ArrowDown':
      case 'ArrowUp': {
        const tracks = TRACKS.map((t) => t.track).filter((t) => this.items.some((it) => it.track === t));
        const ti = tracks.indexOf(cur.track) + (e.key === 'ArrowDown' ? 1 : -1);
        const track = tracks[ti];
        if (track === undefined) break;
        let best = -1;
        let dist = Infinity;
        this.items.forEach((it, k) => {
          if (it.track !== track) return;
          const d = Math.abs(it.from - cur.from);
          if (d < dist) {
            dist = d;
            best = k;
          }
        });
        if (best >= 0) next = best;
        break;
      }
      default:
        return;
    }
    e.preventDefault();
    if (next !== undefined) this.setCurrent(next, true);
  }
}
