// The regions this store holds at the start of the file. Key ranges are contiguous table/row ranges, so
// Region Debug texts, r.range fields and protobuf texts all look like a real TiDB cluster's.
import { rowKey, tableKey } from './keys';
import type { RaftContextMode } from './options';
import type { Rng } from './prng';
import type { KeySpan, Peer, Region } from './region';

export const CLUSTER_STORES = [1, 2, 3, 4, 5];

export function peerStores(rng: Rng, local: number): number[] {
  const others = CLUSTER_STORES.filter((s) => s !== local);
  rng.shuffle(others);
  return rng.shuffle([local, others[0], others[1]]);
}

export interface RegionInit {
  id: number;
  start: string;
  end: string;
  stores: number[];
  local: number;
  term: number;
  leader: boolean;
  v2: boolean;
  ver?: number;
  confVer?: number;
  span: KeySpan;
}

/** Peer ids are the ids PD hands out right after the region's own id, as for a freshly split region. */
export function makeRegion(rng: Rng, init: RegionInit): Region {
  const peers: Peer[] = init.stores.map((store, i) => ({ id: init.id + 1 + i, store }));
  const mine = peers.find((p) => p.store === init.local);
  if (!mine) throw new Error(`region ${init.id} has no peer on store ${init.local}`);
  return {
    id: init.id,
    start: init.start,
    end: init.end,
    ver: init.ver ?? rng.range(20, 400),
    confVer: init.confVer ?? rng.range(3, 12),
    peers,
    localPeer: mine.id,
    term: init.term,
    leader: init.leader,
    v2: init.v2,
    index: rng.range(200, 90_000),
    sub: null,
    busy: false,
    span: init.span,
  };
}

export function wantsV2(rng: Rng, mode: RaftContextMode): boolean {
  return mode === 'v2' || (mode === 'mixed' && rng.chance(0.2));
}

export interface PoolLayout {
  regions: Region[];
  /** First unused region id, for splits. */
  nextId: number;
  /** The key where the pool ends (a scenario region may be placed before the first one). */
  firstTable: number;
}

/**
 * `count` regions over consecutive tables, each table cut into one to four row ranges. Region ids start
 * at a store-dependent base so two stores' files never reuse an id for different key ranges.
 */
export function buildPool(rng: Rng, store: number, count: number, mode: RaftContextMode): PoolLayout {
  const firstTable = 100 + store * 10_000 + rng.int(500);
  // Each bound remembers its table and row, so a region's span can be derived from its two bounds.
  const bounds: { key: string; table: number; handle: number }[] = [];
  let table = firstTable;
  while (bounds.length < count + 1) {
    bounds.push({ key: tableKey(table), table, handle: -1 });
    const cuts = rng.int(4);
    let handle = 0;
    for (let i = 0; i < cuts && bounds.length < count + 1; i++) {
      handle += rng.range(50_000, 4_000_000);
      bounds.push({ key: rowKey(table, handle), table, handle });
    }
    table += 1 + rng.int(3);
  }
  let id = 1000 + store * 400_000 + rng.int(1000) * 4;
  const regions: Region[] = [];
  for (let i = 0; i < count; i++) {
    regions.push(makeRegion(rng, {
      id,
      start: bounds[i].key,
      end: bounds[i + 1].key,
      span: { table: bounds[i].table, lo: bounds[i].handle, hi: bounds[i + 1].table === bounds[i].table ? bounds[i + 1].handle : -1 },
      stores: peerStores(rng, store),
      local: store,
      term: rng.range(6, 40),
      leader: rng.chance(1 / 3),
      v2: wantsV2(rng, mode),
    }));
    id += 4 + rng.int(40) * 4;
  }
  return { regions, nextId: id + 4, firstTable };
}
