// A region as seen from the store whose log is generated, and the several ways TiKV prints one.
import type { Value } from './record';

export interface Peer {
  readonly id: number;
  readonly store: number;
}

/** The log-backup subscription of a region on this store (subscription_track.rs: Running / Pending). */
export interface Subscription {
  id: number;
  state: 'running' | 'pending';
}

export interface Region {
  readonly id: number;
  /** Encoded keys in uppercase hex; '' is the open end. */
  start: string;
  end: string;
  ver: number;
  confVer: number;
  peers: Peer[];
  /** This store's peer id, the `raft_id` in raft lines. */
  readonly localPeer: number;
  term: number;
  leader: boolean;
  /** raftstore-v2 loggers add `peer_id`; v1 only `region_id`. */
  readonly v2: boolean;
  index: number;
  sub: Subscription | null;
  /** Some flow (or a scenario, for good) is driving this region: background noise must leave it alone. */
  busy: boolean;
  /** Where split keys can go: rows (lo, hi) of one table; hi -1 means up to the next table. */
  span: KeySpan;
}

export interface KeySpan {
  readonly table: number;
  /** First row handle, or -1 when the region starts at the table prefix. */
  readonly lo: number;
  readonly hi: number;
}

export function storeList(r: Region): string {
  return r.peers.map((p) => p.store).join(',');
}

/** backup-stream utils::debug_key_range: `[start,end)` with `inf` for an open end. */
export function keyRange(r: Region): string {
  return '[' + r.start + ',' + (r.end === '' ? 'inf' : r.end) + ')';
}

/** backup-stream utils::debug_region, used inside ObserveOp and subscription Debug text. */
export function debugRegion(r: Region): string {
  return `Region { id: ${r.id}, ver: ${r.ver}, conf_ver: ${r.confVer}, range: ${keyRange(r)}, peers: ${storeList(r)} }`;
}

/** backup-stream utils::slog_region: five fields printed as one group, in this fixed order. */
export function slogRegion(r: Region): Value[] {
  return ['r.id', r.id, 'r.ver', r.ver, 'r.conf_ver', r.confVer, 'r.range', keyRange(r), 'r.peers', storeList(r)];
}

/** The protobuf text form of metapb::Region (`?region`); empty bytes fields are omitted as protobuf does. */
export function protoRegion(r: Region): string {
  let s = `id: ${r.id}`;
  if (r.start !== '') s += ` start_key: ${r.start}`;
  if (r.end !== '') s += ` end_key: ${r.end}`;
  s += ` region_epoch { conf_ver: ${r.confVer} version: ${r.ver} }`;
  for (const p of r.peers) s += ` peers { id: ${p.id} store_id: ${p.store} }`;
  return s;
}

/** The logger context raft-rs lines end with: v1 `[raft_id] [region_id]`, v2 `[raft_id] [peer_id] [region_id]`. */
export function raftContext(r: Region): Value[] {
  return r.v2
    ? ['raft_id', r.localPeer, 'peer_id', r.localPeer, 'region_id', r.id]
    : ['raft_id', r.localPeer, 'region_id', r.id];
}

/** raftstore's own peer logger: `[peer_id] [region_id]`. */
export function peerContext(r: Region): Value[] {
  return ['peer_id', r.localPeer, 'region_id', r.id];
}

export function otherPeers(r: Region): Peer[] {
  return r.peers.filter((p) => p.id !== r.localPeer);
}

export function observeHandle(id: number, observing: boolean): string {
  return `ObserveHandle { id: ObserveId(${id}), observing: ${observing} }`;
}

export function regionSubscription(regionId: number, id: number, observing: boolean): string {
  return `RegionSubscription(${regionId}, ${observeHandle(id, observing)})`;
}
