// Background lines that carry no analysis signal: raftstore housekeeping, apply, PD, RocksDB through
// TiKV's logger, GC, gRPC, slow queries. They exercise the parser: `["msg type"=..]`-style quoting,
// nested escaped quotes, `[]`/`=` inside values, raw unicode (`µs`, a CJK data path), None values, and
// messages that need no quoting at all (`[slow-query]`).
import { rec, type LogRec } from './record';
import { peerContext, protoRegion, raftContext, otherPeers, type Region } from './region';
import type { Sim } from './sim';
import { rustDuration, tso } from './units';

const CFS = ['default', 'write', 'lock'] as const;

function rocksTime(sim: Sim): string {
  const d = new Date(sim.clock + sim.o.utcOffsetMin * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:` +
    `${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p(sim.rng.int(1000), 3)}`;
}

/** RocksDB info logs routed to the main log: `[logger.rs:NN] ["[db/...cc:NNN] ..."]` (tikv#7358). */
export function rocksdb(sim: Sim): LogRec {
  const rng = sim.rng;
  const cf = rng.pick(CFS);
  const job = rng.range(1000, 90_000);
  const file = rng.range(10_000, 900_000);
  let msg: string;
  switch (rng.int(8)) {
    case 0: msg = `[db/flush_job.cc:1012] [${cf}] [JOB ${job}] Flushing memtable with next log file: ${file + 3}`; break;
    case 1: msg = `[db/flush_job.cc:1094] [${cf}] [JOB ${job}] Level-0 flush table #${file}: ${rng.range(100_000, 70_000_000)} bytes OK`; break;
    case 2: msg = `[db/compaction/compaction_job.cc:2003] [${cf}] [JOB ${job}] Compacting ${rng.range(1, 8)}@0 + ${rng.range(1, 9)}@1 files to L1, score ${(1 + rng.float()).toFixed(2)}`; break;
    case 3: msg = `[db/db_impl/db_impl_write.cc:2061] [${cf}] New memtable created with log file: #${file}. Immutable memtables: ${rng.int(2)}.`; break;
    case 4: msg = `(Original Log Time ${rocksTime(sim)}) [db/memtable_list.cc:472] [${cf}] Level-0 commit table #${file} started`; break;
    case 5: msg = `[db/compaction/compaction_job.cc:1655] [${cf}] [JOB ${job}] Generated table #${file}: ${rng.range(1000, 900_000)} keys, ${rng.range(1_000_000, 67_000_000)} bytes`; break;
    case 6:
      msg = `EVENT_LOG_v1 {"time_micros": ${sim.clock * 1000 + rng.int(1000)}, "job": ${job}, "event": "flush_started", ` +
        `"num_memtables": 1, "num_entries": ${rng.range(1000, 400_000)}, "num_deletes": ${rng.int(5000)}, ` +
        `"total_data_size": ${rng.range(1_000_000, 130_000_000)}, "memory_usage": ${rng.range(1_000_000, 134_000_000)}, "flush_reason": "Write Buffer Full"}`;
      break;
    default: msg = `[db/db_impl/db_impl_compaction_flush.cc:3194] [${cf}] Manual compaction from level-0 to level-1 from 'm' seq:0, type:25 .. 'n' seq:0, type:25; will stop at (end)`;
  }
  return rec('INFO', 'logger.rs:85', msg, [], sim.tid('rocksdb'));
}

export function compactLog(sim: Sim, r: Region): LogRec {
  const idx = r.index - sim.rng.range(10, 500);
  return rec('INFO', 'apply.rs:1715', 'execute admin command',
    ['command', `cmd_type: CompactLog compact_log { compact_index: ${idx} compact_term: ${r.term} }`, 'index', r.index, 'term', r.term, ...peerContext(r)],
    sim.tid('apply'));
}

export function lowerTermMessage(sim: Sim, r: Region): LogRec {
  const from = sim.rng.pick(otherPeers(r)).id;
  const type = sim.rng.pick(['MsgAppendResponse', 'MsgHeartbeatResponse', 'MsgRequestPreVoteResponse']);
  return rec('INFO', 'raft.rs:1470', `ignored a message with lower term from ${from}`,
    ['msg term', r.term - 1, 'msg type', type, 'term', r.term, 'from', from, ...raftContext(r)], sim.tid('raftstore'));
}

export function resolveStore(sim: Sim): LogRec {
  const store = sim.rng.pick([1, 2, 3, 4, 5].filter((s) => s !== sim.o.store));
  return rec('INFO', 'raft_client.rs:834', 'resolve store address ok', ['addr', `tikv-${store - 1}.tikv-peer.tidb-cluster.svc:20160`, 'store_id', store], sim.tid('grpc'));
}

export function connectionAborted(sim: Sim): LogRec {
  const store = sim.rng.pick([1, 2, 3, 4, 5].filter((s) => s !== sim.o.store));
  return rec('WARN', 'raft_client.rs:596', 'connection aborted',
    ['addr', `tikv-${store - 1}.tikv-peer.tidb-cluster.svc:20160`,
      'receiver_err', 'Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: "Socket closed", details: [] }))',
      'sink_error', null, 'store_id', store], sim.tid('grpc'));
}

export function requestSnapshot(sim: Sim, r: Region): LogRec {
  return rec('INFO', 'peer_storage.rs:539', 'requesting snapshot',
    ['request_peer', sim.rng.pick(otherPeers(r)).id, 'request_index', r.index, ...peerContext(r)], sim.tid('raftstore'));
}

/** A path with the `(default|lock|write)` alternation seen in tikv-10491.log: raw, unquoted, full of `|()`. */
export function snapshotDeleted(sim: Sim, r: Region): LogRec {
  return rec('INFO', 'snap.rs:667', 'deleting snapshot file',
    ['snapshot', `/var/lib/tikv/data/snap/gen_${r.id}_${r.term}_${r.index}_(default|lock|write).sst`], sim.tid('raftstore'));
}

export function applySnapshot(sim: Sim, r: Region): LogRec {
  return rec('INFO', 'region.rs:455', 'apply new data', ['time_takes', rustDuration(sim.rng.range(2e6, 900e6)), 'region_id', r.id], sim.tid('raftstore'));
}

export function gc(sim: Sim): LogRec {
  const rng = sim.rng;
  switch (rng.int(3)) {
    case 0: return rec('INFO', 'gc_manager.rs:533', 'gc_worker: auto gc starts', ['safe_point', tso(sim.clock - 600_000)], sim.tid('gc'));
    case 1: return rec('INFO', 'gc_manager.rs:425', 'gc_worker: auto gc finishes', ['processed_regions', rng.range(10, 3000)], sim.tid('gc'));
    default: return rec('INFO', 'compaction_filter.rs:722', 'Compaction filter reports', ['filtered', rng.int(80_000), 'total', rng.range(80_000, 900_000)], sim.tid('rocksdb'));
  }
}

/** The coprocessor slow log: a raw `[slow-query]` message and many fields, Durations with `µs`. */
export function slowQuery(sim: Sim, r: Region): LogRec {
  const rng = sim.rng;
  const table = rng.range(100, 9000);
  return rec('INFO', 'tracker.rs:243', 'slow-query', [
    'internal_key_skipped_count', rng.int(100_000),
    'internal_delete_skipped_count', rng.int(1000),
    'block_cache_hit_count', rng.int(50_000),
    'block_read_count', rng.int(2000),
    'block_read_byte', rng.int(80_000_000),
    'scan_first_range', `Some(start: ${r.start || '7480000000000000FF'} end: ${r.end || 'FFFFFFFFFFFFFFFFFF'})`,
    'scan_ranges', rng.range(1, 4),
    'scan_iter_processed', rng.int(2_000_000),
    'scan_iter_ops', rng.int(2_000_000),
    'scan_is_desc', false,
    'tag', rng.pick(['select', 'index', 'analyze_table']),
    'table_id', table,
    'txn_start_ts', tso(sim.clock - rng.int(3000)),
    'total_suspend_time', rustDuration(rng.int(2e6)),
    'total_process_time', rustDuration(rng.range(300e6, 3e9)),
    'handler_build_time', rustDuration(rng.range(2e3, 200e3)),
    'wait_time', rustDuration(rng.range(5e3, 40e6)),
    'region_id', r.id,
    'remote_host', `ipv4:10.0.${rng.int(4)}.${rng.range(10, 250)}:${rng.range(30_000, 60_000)}`,
  ], sim.tid('readPool'));
}

/** Raw unicode in an unquoted value: CJK in a data path (common in CN deployments). */
export function diskUsage(sim: Sim): LogRec {
  return rec('INFO', 'disk.rs:153', 'disk usage check', ['path', '/data/数据盘/tikv', 'available', `${sim.rng.range(200, 900)}GiB`, 'used_ratio', Number((0.3 + sim.rng.float() * 0.2).toFixed(4))], sim.tid('status'));
}

/** PD client churn: leader changes and slow responses, as the pd_client logs them. */
export function pdClient(sim: Sim): LogRec {
  const rng = sim.rng;
  const pd = (i: number): string => `http://pd-${i}.pd-peer.tidb-cluster.svc:2379`;
  const a = rng.int(3);
  const b = (a + 1 + rng.int(2)) % 3;
  if (rng.chance(0.6)) {
    return rec('INFO', 'util.rs:753', 'update pd client', ['via', '', 'leader', pd(a), 'prev_via', '', 'prev_leader', pd(b)], sim.tid('pd'));
  }
  return rec('WARN', 'util.rs:640', 'PD failed to respond',
    ['err', 'Grpc(RpcFailure(RpcStatus { code: 4-DEADLINE_EXCEEDED, message: "Deadline Exceeded", details: [] }))', 'endpoints', pd(a)], sim.tid('pd'));
}

export function pdTransferLeader(sim: Sim, r: Region, toStore: number, toPeer: number): LogRec {
  const mine = r.peers.find((p) => p.id === r.localPeer);
  return rec('INFO', 'pd.rs:1675', 'try to transfer leader',
    ['changes', '[]', 'to_peers', `[id: ${toPeer} store_id: ${toStore}]`, 'to_peer', `id: ${toPeer} store_id: ${toStore}`,
      'from_peer', `id: ${r.localPeer} store_id: ${mine?.store ?? sim.o.store}`, 'region_id', r.id], sim.tid('pd'));
}

export function batchSplit(sim: Sim, r: Region, newId: number, newPeers: readonly number[]): LogRec {
  return rec('INFO', 'pd.rs:1236', 'try to batch split region',
    ['task', 'split_checker', 'region', protoRegion(r),
      'new_region_ids', `[new_region_id: ${newId} ${newPeers.map((p) => `new_peer_ids: ${p}`).join(' ')}]`, 'region_id', r.id],
    sim.tid('pd'));
}

export function splitRegion(sim: Sim, r: Region, splitKey: string): LogRec {
  return rec('INFO', 'apply.rs:2611', 'split region', ['keys', `key ${splitKey}`, 'region', protoRegion(r), ...peerContext(r)], sim.tid('apply'));
}

/**
 * A benign, retryable log-backup error with a long body: S3 throttling while flushing. Its Debug text
 * nests escaped quotes and newlines, so the quoted value carries `\\\"` and `\\n` after JSON escaping.
 */
export function s3SlowDown(sim: Sim): { verbose: string; display: string; requestId: string } {
  const rid = sim.rng.hex(16).toUpperCase();
  const host = Buffer.from(sim.rng.hex(96), 'hex').toString('base64');
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>` +
    `<RequestId>${rid}</RequestId><HostId>${host}</HostId></Error>`;
  const display = `I/O Error: failed to put object: request failed: status 503 Service Unavailable, body: ${body}, retrying is advised`;
  const verbose = `Io(Custom { kind: Other, error: ${JSON.stringify(`failed to put object: request failed: status 503 Service Unavailable, body: ${body}, retrying is advised`)} })`;
  return { verbose, display, requestId: rid };
}
