/// <reference lib="dom" />
// The region picker: a store filter (toolkit dropdown), a search field (toolkit text field) and a windowed list
// box of the matching regions. The extension filters and sends one page at a time, so typing stays instant with
// 50,000 regions; the list box holds only the rows on screen. Keyboard: Down from the search field enters the
// list, Up/Down/PageUp/PageDown/Home/End move, Enter chooses, Escape goes back to the field.
import { clear, custom, el, perFrame, setText } from './dom';
import type { RegionRef, RegionSummary, RegionsMessage, StoreOption } from './protocol';
import { regionKey } from './protocol';
import { RowCache, scrollToShow, visibleRange, type RowRange } from './windowing';

export const OPTION_HEIGHT = 26;
const PAGE = 200;
const OVERSCAN = 10;

export interface PickerHost {
  query(text: string, store: string, start: number, count: number): number;
  select(ref: RegionRef): void;
  stateChanged(): void;
}

interface ValueElement extends HTMLElement {
  value: string;
}

export class RegionPicker {
  readonly root: HTMLElement;
  private readonly store: ValueElement;
  private readonly search: ValueElement;
  private readonly status: HTMLElement;
  private readonly list: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly options = new Map<number, HTMLElement>();
  private cache = new RowCache<RegionSummary>(4000);
  private total = 0;
  private totalAll = 0;
  private active = 0;
  private selectedKey = '';
  /** Answers to requests made before the current query started are dropped. */
  private queryStart = 0;
  /** Scrolling and resizing redraw at most once a frame. */
  private readonly schedule = perFrame(() => this.render());
  /** The saved store filter, until the dropdown has its options. */
  private initialStore: string;
  private regionsVersion = -1;

  constructor(private readonly host: PickerHost, initial: { query: string; store: string }) {
    this.store = custom('vscode-dropdown', { id: 'store-filter', 'aria-label': 'Store' }) as ValueElement;
    this.search = custom('vscode-text-field', { id: 'region-search', placeholder: 'Region id', 'aria-label': 'Search regions by id or store', 'aria-controls': 'region-list', value: initial.query }, 'Region') as ValueElement;
    this.status = el('div', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
    this.spacer = el('div', { class: 'vlist-spacer' });
    this.list = el('div', { id: 'region-list', class: 'vlist', role: 'listbox', tabindex: 0, 'aria-label': 'Regions' }, this.spacer);
    this.root = el('aside', { class: 'picker', 'aria-label': 'Region picker' },
      el('h2', { class: 'section-title' }, 'Regions'),
      el('label', { class: 'field-label', for: 'store-filter' }, 'Store'),
      this.store, this.search, this.status, this.list);
    this.root.style.setProperty('--opt-h', `${OPTION_HEIGHT}px`);
    this.initialStore = initial.store;

    this.search.addEventListener('input', () => this.requery());
    this.store.addEventListener('change', () => this.requery());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.list.focus();
        this.setActive(this.active);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        this.choose(this.active);
      }
    });
    this.list.addEventListener('keydown', (e) => this.onKey(e));
    this.list.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.list.addEventListener('focus', () => this.setActive(this.active));
    new ResizeObserver(() => this.schedule()).observe(this.list);
  }

  get query(): string {
    return this.search.value ?? '';
  }

  get storeFilter(): string {
    return this.regionsVersion < 0 ? this.initialStore : this.store.value ?? '';
  }

  /**
   * The regions changed (a new analysis, or the first init): new store options, and the list asked again.
   * The current store choice is kept when that store still exists.
   */
  setRegions(version: number, stores: readonly StoreOption[], totalRegions: number): void {
    if (version === this.regionsVersion) return;
    const keep = this.storeFilter;
    this.regionsVersion = version;
    this.totalAll = totalRegions;
    clear(this.store);
    this.store.append(custom('vscode-option', { value: '' }, 'All stores'));
    for (const s of stores) this.store.append(custom('vscode-option', { value: s.store }, s.label));
    const value = stores.some((s) => s.store === keep) ? keep : '';
    this.store.value = value;
    // The dropdown reads its options once they are connected and upgraded: set the value again after that.
    requestAnimationFrame(() => {
      if (this.store.value !== value) this.store.value = value;
    });
    this.requery();
  }

  setSelected(ref: RegionRef | undefined): void {
    this.selectedKey = ref ? regionKey(ref) : '';
    for (const [, option] of this.options) option.setAttribute('aria-selected', String(option.dataset.key === this.selectedKey));
  }

  private requery(): void {
    this.cache = new RowCache<RegionSummary>(4000);
    this.total = 0;
    this.active = 0;
    this.list.scrollTop = 0;
    clear(this.spacer);
    this.options.clear();
    this.queryStart = this.host.query(this.query, this.storeFilter, 0, PAGE);
    this.cache.missing({ start: 0, end: PAGE }, PAGE, PAGE);
    this.host.stateChanged();
  }

  receive(msg: RegionsMessage): void {
    if (msg.requestId < this.queryStart) return;
    this.total = msg.total;
    this.cache.put(msg.start, msg.items, visibleRange(this.list.scrollTop, this.list.clientHeight, OPTION_HEIGHT, this.total, OVERSCAN));
    this.spacer.style.height = `${this.total * OPTION_HEIGHT}px`;
    const shown = this.total === this.totalAll ? `${this.total.toLocaleString('en-US')} regions` : `${this.total.toLocaleString('en-US')} of ${this.totalAll.toLocaleString('en-US')} regions`;
    setText(this.status, shown);
    this.render();
  }

  private render(): void {
    const range: RowRange = visibleRange(this.list.scrollTop, this.list.clientHeight || 300, OPTION_HEIGHT, this.total, OVERSCAN);
    const missing = this.cache.missing(range, PAGE, this.total);
    if (missing) this.host.query(this.query, this.storeFilter, missing.start, missing.end - missing.start);
    for (const [index, option] of this.options) {
      if (index < range.start || index >= range.end) {
        option.remove();
        this.options.delete(index);
      }
    }
    for (let index = range.start; index < range.end; index++) {
      const r = this.cache.get(index);
      let option = this.options.get(index);
      const key = r ? regionKey(r.ref) : '';
      if (option && option.dataset.key === key) continue;
      option?.remove();
      option = el('div', { id: `region-opt-${index}`, class: 'vlist-option', role: 'option', 'data-index': index, 'data-key': key, 'aria-posinset': index + 1, 'aria-setsize': this.total, 'aria-selected': String(key !== '' && key === this.selectedKey) });
      option.style.top = `${index * OPTION_HEIGHT}px`;
      if (r) {
        option.append(...[
          el('span', { class: 'opt-region' }, r.regionId),
          el('span', { class: 'opt-store' }, r.storeLabel),
          r.findings > 0 ? el('span', { class: 'opt-findings', title: `${r.findings} finding${r.findings === 1 ? '' : 's'}` }, `⚠ ${r.findings}`) : undefined,
          r.state ? el('span', { class: `opt-state state-${r.state}` }, r.state) : undefined,
        ].filter((n): n is HTMLSpanElement => n !== undefined));
        option.setAttribute('aria-label', `Region ${r.regionId}, store ${r.storeLabel}${r.findings ? `, ${r.findings} finding${r.findings === 1 ? '' : 's'}` : ''}${r.state ? `, ${r.state}` : ''}`);
      } else {
        option.append(el('span', { class: 'muted' }, '…'));
      }
      option.addEventListener('click', () => this.choose(index));
      this.options.set(index, option);
      this.spacer.append(option);
    }
    this.markActive();
  }

  private markActive(): void {
    for (const [index, option] of this.options) option.classList.toggle('active', index === this.active);
    if (this.options.has(this.active) && this.total > 0) this.list.setAttribute('aria-activedescendant', `region-opt-${this.active}`);
    else this.list.removeAttribute('aria-activedescendant');
  }

  private setActive(index: number): void {
    if (this.total === 0) return;
    this.active = Math.max(0, Math.min(index, this.total - 1));
    const top = scrollToShow(this.active, this.list.scrollTop, this.list.clientHeight || 300, OPTION_HEIGHT);
    if (top !== this.list.scrollTop) this.list.scrollTop = top;
    this.render();
  }

  private choose(index: number): void {
    const r = this.cache.get(index);
    if (!r) return;
    this.active = index;
    this.setSelected(r.ref);
    this.host.select(r.ref);
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.list.clientHeight || 300) / OPTION_HEIGHT) - 1);
    switch (e.key) {
      case 'ArrowDown': this.setActive(this.active + 1); break;
      case 'ArrowUp': this.setActive(this.active - 1); break;
      case 'PageDown': this.setActive(this.active + page); break;
      case 'PageUp': this.setActive(this.active - page); break;
      case 'Home': this.setActive(0); break;
      case 'End': this.setActive(this.total - 1); break;
      case 'Enter':
      case ' ': this.choose(this.active); break;
      case 'Escape': this.search.focus(); break;
      default: return;
    }
    e.preventDefault();
  }
}
