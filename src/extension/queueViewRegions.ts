// The region picker's data on the extension side: every region of every report, with the regions that have
// findings first, filtered per keystroke and sent one page at a time. 50,000 regions filter in about a
// millisecond, and only the page the webview shows crosses to it. Pure (no editor API): unit-tested.
import type { Report } from '../core/report';
import type { RegionSummary, StoreOption } from '../../webview/protocol';

/** Numeric ids in numeric order; anything else after them, as text. */
export function compareRegionIds(a: string, b: string): number {
  const na = /^\d+$/.test(a);
  const nb = /^\d+$/.test(b);
  if (na && nb) return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class RegionIndex {
  private readonly all: RegionSummary[] = [];
  private readonly storeOptions: StoreOption[];
  private last: { key: string; items: readonly RegionSummary[] } | undefined;

  constructor(reports: readonly Report[], storeLabel: (store: string) => string) {
    const labels = new Map<string, string>();
    reports.forEach((report, reportIndex) => {
      const findings = new Map<string, number>();
      for (const f of report.result.findings) {
        if (f.regionId === '') continue;
        const key = `${f.store}\u0000${f.regionId}`;
        findings.set(key, (findings.get(key) ?? 0) + 1);
      }
      const seen = new Set<string>();
      const label = (store: string): string => {
        let l = labels.get(store);
        if (l === undefined) labels.set(store, (l = storeLabel(store)));
        return l;
      };
      for (const t of report.result.timelines) {
        const key = `${t.store}\u0000${t.regionId}`;
        seen.add(key);
        this.all.push({ ref: { reportIndex, store: t.store, regionId: t.regionId }, regionId: t.regionId, storeLabel: label(t.store), findings: findings.get(key) ?? 0, state: t.state });
      }
      // A finding's region normally has a timeline; if the engine was told to keep fewer, still list it.
      for (const f of report.result.findings) {
        const key = `${f.store}\u0000${f.regionId}`;
        if (f.regionId === '' || seen.has(key)) continue;
        seen.add(key);
        this.all.push({ ref: { reportIndex, store: f.store, regionId: f.regionId }, regionId: f.regionId, storeLabel: label(f.store), findings: findings.get(key) ?? 0 });
      }
    });
    this.all.sort((a, b) => b.findings - a.findings || compareRegionIds(a.regionId, b.regionId) || (a.storeLabel < b.storeLabel ? -1 : a.storeLabel > b.storeLabel ? 1 : 0));
    this.storeOptions = [...labels].map(([store, label]) => ({ store, label })).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  get size(): number {
    return this.all.length;
  }

  stores(): readonly StoreOption[] {
    return this.storeOptions;
  }

  /** The first region in picker order (a region with a finding, when there is one). */
  first(): RegionSummary | undefined {
    return this.all[0];
  }

  /** Regions whose id contains `text` (or whose store name does), on `store` ('' = all), page [start, start+count). */
  query(text: string, store: string, start: number, count: number): { total: number; items: RegionSummary[] } {
    const items = this.filtered(text.trim(), store);
    return { total: items.length, items: items.slice(start, start + count) };
  }

  private filtered(text: string, store: string): readonly RegionSummary[] {
    const key = `${text}\u0000${store}`;
    if (this.last?.key === key) return this.last.items;
    const needle = text.toLowerCase();
    const items = this.all.filter((r) => (store === '' || r.ref.store === store) && (needle === '' || r.regionId.includes(needle) || r.storeLabel.toLowerCase().includes(needle)));
    this.last = { key, items };
    return items;
  }
}
