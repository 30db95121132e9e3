// The error-cause classifier on the error fields quoted in public issues (docs/rules/error-causes.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyError, ERROR_CAUSE_IDS } from '../../src/core/rules/errorCause';

const REGISTER = 'failed to register backup stream task pitr to router: ranges not found';

test('pingcap/tidb#50575: permission denied while registering names log-backup.temp-path', () => {
  const c = classifyError({
    verbose: 'Io(Os { code: 13, kind: PermissionDenied, message: "Permission denied" })',
    error: 'I/O Error: Permission denied (os error 13)',
    context: REGISTER,
  });
  assert.equal(c.id, 'io-permission-denied');
  assert.match(c.cause, /permission denied \(os error 13\)/);
  assert.match(c.remedy, /`log-backup\.temp-path`.*writable/);
});

test('the Debug value alone decides the I/O kind, and a path in the text is named', () => {
  assert.equal(classifyError({ verbose: 'Io(Os { code: 13, kind: PermissionDenied, message: "Permission denied" })' }).id, 'io-permission-denied');
  const c = classifyError({ verbose: 'Io(Custom { kind: StorageFull, error: "failed to create /data/tikv/log-backup-temp/1.log" })' });
  assert.equal(c.id, 'io-no-space');
  assert.match(c.cause, /`\/data\/tikv\/log-backup-temp\/1\.log`/);
});

test('tikv/tikv#15602: a fatal "No such file or directory" with err_code KV:LogBackup:Io', () => {
  const c = classifyError({
    errCode: 'KV:LogBackup:Io',
    error: 'I/O Error: No such file or directory (os error 2)',
    verbose: 'Io(Os { code: 2, kind: NotFound, message: "No such file or directory" })',
  });
  assert.equal(c.id, 'io-not-found');
  assert.match(c.remedy, /tikv\/tikv#15602/);
  // Only the error code: still an I/O error, of unknown kind.
  assert.equal(classifyError({ errCode: 'KV:LogBackup:Io', error: 'I/O Error' }).id, 'io-other');
});

test('tikv/tikv#16056: an etcd error while registering is the PD/etcd cause', () => {
  const c = classifyError({
    verbose: 'Etcd(GRpcStatus(Status { code: Unavailable, message: "etcdserver: leader changed" }))',
    error: 'Etcd meet error grpc request error: status: Unavailable, message: "etcdserver: leader changed"',
    context: REGISTER,
  });
  assert.equal(c.id, 'etcd-unavailable');
});

test('external storage: access denied wrapped in Io(Custom ..) is storage, not a local permission problem', () => {
  const denied = classifyError({
    errCode: 'KV:LogBackup:IO',
    error: 'I/O Error: failed to put object: AccessDenied: Access Denied. status code: 403',
    verbose: 'Io(Custom { kind: Other, error: "failed to put object: AccessDenied: Access Denied. status code: 403" })',
  });
  assert.equal(denied.id, 'storage-access-denied');
  // tikv/tikv#19196: the aws-sdk error text of a throttled upload.
  const slow = classifyError({ error: 'aws-sdk error: ServiceError(ServiceError { source: Unhandled(Unhandled { source: ErrorMetadata { code: Some("SlowDown"), message: Some("Please reduce your request rate.") } }) })' });
  assert.equal(slow.id, 'storage-throttled');
  assert.equal(classifyError({ error: 'failed to put object: NoSuchBucket: The specified bucket does not exist' }).id, 'storage-no-bucket');
});

test('region errors come from the errorpb / raftstore variants in the Debug value', () => {
  const wrap = (inner: string) => `Contextual { context: "failed to get initial snapshot: failed to get the snapshot (region_id = 7)", inner_error: RaftRequest(${inner}) }`;
  assert.equal(classifyError({ verbose: wrap('message: "peer is not leader for region 7" not_leader { region_id: 7 }') }).id, 'region-not-leader');
  assert.equal(classifyError({ verbose: wrap('message: "x" epoch_not_match { current_regions { id: 7 } }') }).id, 'region-epoch-not-match');
  assert.equal(classifyError({ verbose: wrap('message: "x" region_not_found { region_id: 7 }') }).id, 'region-not-found');
  assert.equal(classifyError({ verbose: 'RaftStore(RegionNotFound(7))' }).id, 'region-not-found');
});

test('unknown: no text, or text that names nothing known', () => {
  assert.equal(classifyError({}).id, 'unknown');
  assert.equal(classifyError({ error: 'retry time exceeds: and error and error failed to get initial snapshot', verbose: 'Other("x")' }).id, 'unknown');
  // tikv/tikv#16554's merge signature is task-paused's own story, not a region error.
  assert.equal(classifyError({ error: 'message: "read index not ready, reason can not read index due to merge, region 2042" read_index_not_ready { reason: "can not read index due to merge" region_id: 2042 }' }).id, 'unknown');
  assert.equal(new Set(ERROR_CAUSE_IDS).size, ERROR_CAUSE_IDS.length);
});
