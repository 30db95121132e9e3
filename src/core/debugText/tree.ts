// The tree the Debug-text grammar produces. Rust's `{:?}` output is not a format with a spec: it is
// whatever derived or hand-written Debug impls print, sometimes with protobuf text inside. So the
// tree is deliberately loose (entries with optional keys everywhere) and the helpers below do the
// shape-matching the rest of the engine needs.

export type DebugValue =
  /** `Name { k: v, .. }`, `Name {}`, protobuf `region_epoch { conf_ver: 1 }`; name '' for a bare `{..}`. */
  | { readonly kind: 'struct'; readonly name: string; readonly entries: readonly DebugEntry[] }
  /** `ObserveId(5)`, `Some(..)`, `RegionSubscription(7, ObserveHandle {..})`; name '' for `(a, b)`. */
  | { readonly kind: 'tuple'; readonly name: string; readonly entries: readonly DebugEntry[] }
  /** `[a, b]` */
  | { readonly kind: 'list'; readonly entries: readonly DebugEntry[] }
  /** A bare identifier or path: `None`, `true`, `Follower`, `kvproto::errorpb::Error`. */
  | { readonly kind: 'ident'; readonly name: string }
  /** A quoted string, unescaped. */
  | { readonly kind: 'string'; readonly value: string }
  /** A number as written (u64 ids overflow doubles, so never converted); also `3s`, `1.5ms`. */
  | { readonly kind: 'number'; readonly text: string }
  /** A comma list without brackets, as `debug_iter` prints peers: `1,2,3`. */
  | { readonly kind: 'numbers'; readonly items: readonly string[] }
  /** A key range `[start,end)` as `debug_key_range` prints it (hex, `?` when redacted, end `inf`). */
  | { readonly kind: 'range'; readonly start: string; readonly end: string }
  /** The `..` rest marker of a non-exhaustive struct. */
  | { readonly kind: 'rest' }
  /** A key with nothing after it (`peers:  }` for a region without peers). */
  | { readonly kind: 'empty' }
  /** Text the grammar could not place; kept so nothing is silently dropped. */
  | { readonly kind: 'raw'; readonly text: string };

export interface DebugEntry {
  readonly key?: string;
  readonly value: DebugValue;
}

export type DebugKind = DebugValue['kind'];

export const EMPTY: DebugValue = { kind: 'empty' };

type Container = Extract<DebugValue, { entries: readonly DebugEntry[] }>;

function isContainer(v: DebugValue): v is Container {
  return v.kind === 'struct' || v.kind === 'tuple' || v.kind === 'list';
}

/** Entries of a container value, [] for scalars. */
export function entriesOf(v: DebugValue | undefined): readonly DebugEntry[] {
  return v !== undefined && isContainer(v) ? v.entries : [];
}

/**
 * The value of field `key`: a keyed entry (`key: v`), or, protobuf style, an unkeyed nested message
 * named `key` (`region_epoch { .. }`). First match wins, like the log's own field order.
 */
export function field(v: DebugValue | undefined, key: string): DebugValue | undefined {
  for (const e of entriesOf(v)) {
    if (e.key === key) return e.value;
    if (e.key === undefined && e.value.kind === 'struct' && e.value.name === key) return e.value;
  }
  return undefined;
}

/** Follow a path of field names: `path(op, 'region', 'id')`. */
export function path(v: DebugValue | undefined, ...keys: string[]): DebugValue | undefined {
  let cur = v;
  for (const k of keys) {
    cur = field(cur, k);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** The i-th positional (unkeyed) item of a tuple-like value. */
export function item(v: DebugValue | undefined, i: number): DebugValue | undefined {
  let n = 0;
  for (const e of entriesOf(v)) {
    if (e.key !== undefined) continue;
    if (n === i) return e.value;
    n++;
  }
  return undefined;
}

/** Number text of a scalar, or of a one-item tuple around one (`ObserveId(5)` gives '5'). */
export function numberText(v: DebugValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.kind === 'number') return /^\d+$/.test(v.text) ? v.text : undefined;
  if (v.kind === 'string') return /^\d+$/.test(v.value) ? v.value : undefined;
  if (v.kind === 'tuple' && v.entries.length === 1) return numberText(v.entries[0].value);
  return undefined;
}

export function identName(v: DebugValue | undefined): string | undefined {
  return v?.kind === 'ident' ? v.name : undefined;
}

export function stringValue(v: DebugValue | undefined): string | undefined {
  return v?.kind === 'string' ? v.value : undefined;
}

/** Name of a struct or tuple (the enum variant or type), undefined for anything else. */
export function typeName(v: DebugValue | undefined): string | undefined {
  return v !== undefined && (v.kind === 'struct' || v.kind === 'tuple') ? v.name : undefined;
}

/** Depth-first walk; `visit` returning false stops descending into that value. */
export function walk(v: DebugValue, visit: (v: DebugValue, key: string | undefined) => boolean | void, key?: string): void {
  if (visit(v, key) === false) return;
  for (const e of entriesOf(v)) walk(e.value, visit, e.key);
}

/** Every `ObserveId(N)` in the tree, in print order, including those inside strings (error messages). */
export function observeIdsOf(v: DebugValue): string[] {
  const out: string[] = [];
  walk(v, (x) => {
    if (x.kind === 'tuple' && (x.name === 'ObserveId' || x.name === 'ObserveID')) {
      const n = numberText(x);
      if (n !== undefined) out.push(n);
      return false;
    }
    if (x.kind === 'string' || x.kind === 'raw') {
      const text = x.kind === 'string' ? x.value : x.text;
      for (const m of text.matchAll(OBSERVE_ID_RE)) out.push(m[1]);
    }
    return undefined;
  });
  return out;
}

/** `ObserveID(N)` (capital D) is how CDC and older TiKV print the same id. */
export const OBSERVE_ID_RE = /ObserveI[dD]\((\d+)\)/g;

/** Render back to Debug-like text (normalised spacing); used for messages and hovers. */
export function render(v: DebugValue): string {
  switch (v.kind) {
    case 'struct':
      return `${v.name}${v.name ? ' ' : ''}{ ${v.entries.map(renderEntry).join(', ')} }`.replace('{  }', '{}');
    case 'tuple':
      return `${v.name}(${v.entries.map(renderEntry).join(', ')})`;
    case 'list':
      return `[${v.entries.map(renderEntry).join(', ')}]`;
    case 'ident':
      return v.name;
    case 'string':
      return JSON.stringify(v.value);
    case 'number':
      return v.text;
    case 'numbers':
      return v.items.join(',');
    case 'range':
      return `[${v.start},${v.end})`;
    case 'rest':
      return '..';
    case 'empty':
      return '';
    case 'raw':
      return v.text;
  }
}

function renderEntry(e: DebugEntry): string {
  return e.key === undefined ? render(e.value) : `${e.key}: ${render(e.value)}`;
}
