// What TiKV writes when it starts: the banner (which carries the version, so an analyzer can tell a
// pre-fix from a fixed TiKV), the config dump (one field of several KB, full of escaped quotes), RocksDB
// header lines that begin with a tab, and the store's labels with raw unicode.
import { rec } from './record';
import type { Sim } from './sim';

function configDump(sim: Sim): string {
  const cfg = {
    'log-level': 'info',
    'log-file': '/var/lib/tikv/log/tikv.log',
    'log-format': sim.o.format === 'json' ? 'json' : 'text',
    'slow-log-threshold': '1s',
    'abort-on-panic': false,
    'memory-usage-limit': '24GiB',
    log: { level: 'info', format: sim.o.format === 'json' ? 'json' : 'text', 'enable-timestamp': true, file: { filename: '/var/lib/tikv/log/tikv.log', 'max-size': 300, 'max-days': 0, 'max-backups': 0 } },
    readpool: { unified: { 'min-thread-count': 1, 'max-thread-count': 8, 'stack-size': '10MiB', 'max-tasks-per-worker': 2000 } },
    server: { addr: '0.0.0.0:20160', 'advertise-addr': `tikv-${sim.o.store - 1}.tikv-peer.tidb-cluster.svc:20160`, 'status-addr': '0.0.0.0:20180', 'grpc-concurrency': 5, 'grpc-raft-conn-num': 1, labels: { zone: '上海-a', host: `tikv-${sim.o.store - 1}` } },
    storage: { 'data-dir': '/var/lib/tikv/data', 'gc-ratio-threshold': 1.1, 'max-key-size': 8192, 'scheduler-concurrency': 524288, 'reserve-space': '5GiB', 'api-version': 1, 'enable-ttl': false },
    pd: { endpoints: ['http://pd-0.pd-peer.tidb-cluster.svc:2379', 'http://pd-1.pd-peer.tidb-cluster.svc:2379', 'http://pd-2.pd-peer.tidb-cluster.svc:2379'], 'retry-interval': '300ms', 'retry-max-count': -1 },
    raftstore: { prevote: true, 'raftdb-path': '', capacity: '0KiB', 'raft-base-tick-interval': '1s', 'raft-heartbeat-ticks': 2, 'raft-election-timeout-ticks': 10, 'raft-log-gc-tick-interval': '3s', 'split-region-check-tick-interval': '10s', 'region-split-check-diff': '24MiB', 'pd-heartbeat-tick-interval': '1m', 'pd-store-heartbeat-tick-interval': '10s', 'abnormal-leader-missing-duration': '10m', 'max-leader-missing-duration': '2h', 'apply-pool-size': 2, 'store-pool-size': 2 },
    coprocessor: { 'split-region-on-table': false, 'region-max-size': '144MiB', 'region-split-size': '96MiB', 'region-max-keys': 1440000, 'region-split-keys': 960000, 'consistency-check-method': 'mvcc' },
    rocksdb: { 'max-background-jobs': 9, 'max-open-files': 40960, 'max-manifest-file-size': '128MiB', 'create-if-missing': true, 'wal-recovery-mode': 2, 'wal-dir': '', 'rate-bytes-per-sec': '10GiB', 'rate-limiter-mode': 2, 'auto-tuned': null, defaultcf: { 'block-size': '32KiB', 'block-cache-size': null, 'compression-per-level': ['no', 'no', 'lz4', 'lz4', 'lz4', 'zstd', 'zstd'], 'write-buffer-size': '128MiB', 'max-write-buffer-number': 5, 'target-file-size-base': '8MiB' }, writecf: { 'block-size': '32KiB', 'compression-per-level': ['no', 'no', 'lz4', 'lz4', 'lz4', 'zstd', 'zstd'], 'write-buffer-size': '128MiB' }, lockcf: { 'block-size': '16KiB', 'compression-per-level': ['no', 'no', 'no', 'no', 'no', 'no', 'no'], 'write-buffer-size': '32MiB' } },
    'raft-engine': { enable: true, dir: '/var/lib/tikv/data/raft-engine', 'batch-compression-threshold': '8KiB', 'purge-threshold': '10GiB', 'format-version': 2, 'enable-log-recycle': true },
    security: { 'ca-path': '', 'cert-path': '', 'key-path': '', 'cert-allowed-cn': [], 'redact-info-log': false, encryption: { 'data-encryption-method': 'plaintext', 'data-key-rotation-period': '7d' } },
    import: { 'num-threads': 8, 'stream-channel-window': 128, 'import-mode-timeout': '10m', 'memory-use-ratio': 0.3 },
    'backup-stream': { 'max-flush-interval': '3m', 'num-threads': 8, 'enable': true, 'temp-path': '/var/lib/tikv/data/log-backup-temp', 'file-size-limit': '256MiB', 'initial-scan-pending-memory-quota': '512MiB', 'initial-scan-rate-limit': '60MiB', 'min-ts-interval': '10s' },
    'resolved-ts': { enable: true, 'advance-ts-interval': '20s', 'scan-lock-pool-size': 2 },
    cdc: { 'min-ts-interval': '1s', 'old-value-cache-memory-quota': '512MiB', 'sink-memory-quota': '512MiB', 'incremental-scan-speed-limit': '128MiB', 'tso-worker-threads': 1 },
    'resource-control': { enabled: true, priority_ctl_strategy: 'moderate' },
  };
  return JSON.stringify(cfg);
}

export function emitStartup(sim: Sim): void {
  const pre = sim.version === 'pre-fix';
  const main = sim.tid('main');
  const banner = [
    'Welcome to TiKV',
    `Release Version:   ${pre ? '8.1.1' : '8.5.4'}`,
    'Edition:           Community',
    `Git Commit Hash:   ${pre ? 'a7dd6b2c7a23cd6b0d8a6ec8ab4b7e2e2b5e4df1' : 'c1e9d7c0b33f3d4e0c2d1f5a9e8b7a6c5d4e3f21'}`,
    `Git Commit Branch: ${pre ? 'heads/refs/tags/v8.1.1' : 'heads/refs/tags/v8.5.4'}`,
    `UTC Build Time:    ${pre ? '2024-08-22 05:49:03' : '2025-11-20 03:12:45'}`,
    `Rust Version:      ${pre ? 'rustc 1.77.0-nightly (89e2160c4 2023-12-27)' : 'rustc 1.84.0-nightly (b19329a37 2024-11-21)'}`,
    'Enable Features:   memory-engine pprof-fp jemalloc mem-profiling portable sse test-engine-kv-rocksdb test-engine-raft-raft-engine trace-async-tasks openssl-vendored',
    'Profile:           dist_release',
  ];
  banner.forEach((m, i) => sim.emit(rec('INFO', `lib.rs:${91 + i}`, m, [], main)));
  sim.emit(rec('INFO', 'mod.rs:81', 'cgroup quota: memory=Some(34359738368), cpu=Some(8.0), cores={0, 1, 2, 3, 4, 5, 6, 7}', [], main));
  sim.emit(rec('INFO', 'server.rs:282', 'using config', ['config', configDump(sim)], main));
  sim.emit(rec('INFO', 'lib.rs:99', 'env variables', ['MALLOC_CONF', null, 'TZ', null], main));
  sim.emit(rec('INFO', 'util.rs:639', 'connecting to PD endpoint', ['endpoints', 'http://pd-0.pd-peer.tidb-cluster.svc:2379'], main));
  sim.emit(rec('INFO', 'util.rs:804', 'connected to PD member', ['endpoints', 'http://pd-0.pd-peer.tidb-cluster.svc:2379'], main));
  sim.emit(rec('INFO', 'server.rs:453', 'connect to PD cluster', ['cluster_id', '7312345678901234567'], main));
  const rocks = sim.tid('rocksdb');
  for (const line of ['Compression algorithms supported:', '\tkZSTD supported: 1', '\tkXpressCompression supported: 0', '\tkLZ4HCCompression supported: 1', '\tkLZ4Compression supported: 1', '\tkBZip2Compression supported: 1', '\tkZlibCompression supported: 1', '\tkSnappyCompression supported: 1']) {
    sim.emit(rec('INFO', 'logger.rs:85', line, [], rocks));
  }
  sim.emit(rec('INFO', 'logger.rs:85',
    '[db/column_family.cc:621] table_factory options:   flush_block_policy_factory: FlushBlockBySizePolicyFactory (0x7f3c4e2a1e40)\n' +
    '  cache_index_and_filter_blocks: 1\n  cache_index_and_filter_blocks_with_high_priority: 1\n  pin_l0_filter_and_index_blocks_in_cache: 1\n' +
    '  index_type: 2\n  data_block_index_type: 0\n  checksum: 1\n  no_block_cache: 0\n  block_size: 32768\n  block_restart_interval: 16\n' +
    '  filter_policy: rocksdb.BuiltinBloomFilter\n  whole_key_filtering: 1\n  format_version: 2\n', [], rocks));
  sim.emit(rec('INFO', 'node.rs:421', 'put store to PD',
    ['store', `id: ${sim.o.store} address: "tikv-${sim.o.store - 1}.tikv-peer.tidb-cluster.svc:20160" labels { key: "zone" value: "上海-a" } ` +
      `labels { key: "host" value: "tikv-${sim.o.store - 1}" } version: "${pre ? '8.1.1' : '8.5.4'}" status_address: "tikv-${sim.o.store - 1}.tikv-peer.tidb-cluster.svc:20180" ` +
      `start_timestamp: ${Math.floor(sim.clock / 1000)} deploy_path: "/" git_hash: "${pre ? 'a7dd6b2c7a23cd6b0d8a6ec8ab4b7e2e2b5e4df1' : 'c1e9d7c0b33f3d4e0c2d1f5a9e8b7a6c5d4e3f21'}"`], main));
  sim.emit(rec('INFO', 'endpoint.rs:1320', 'backup stream endpoint started', ['store_id', sim.o.store], sim.tid('backupStream')));
}
