// backup-stream (log backup / PITR) lines exactly as TiKV prints them (reference c.1-c.6).
import { rec, type LogRec, type Value } from './record';
import { debugRegion, observeHandle, protoRegion, regionSubscription, slogRegion, type Region } from './region';

/** Which side of PR #18290 (v8.5.4) the TiKV is on: it changes the Start op's text and some line numbers. */
export type Version = 'pre-fix' | 'post-fix';

const MGR = 'subscription_manager.rs';
const TRACK = 'subscription_track.rs';
const ENDPOINT = 'endpoint.rs';

// ---- ObserveOp Debug texts (endpoint.rs) ----

/** Pre-fix Start ops carry the handle allocated when the op was sent; post-fix ones carry none. */
export function startOp(r: Region, handleId: number | null): string {
  return handleId === null
    ? `Start { region: ${debugRegion(r)} }`
    : `Start { region: ${debugRegion(r)}, handle: ${observeHandle(handleId, true)} }`;
}

export function stopOp(r: Region): string {
  return `Stop { region: ${debugRegion(r)} }`;
}

export function refreshOp(r: Region): string {
  return `RefreshResolver { region: ${debugRegion(r)} }`;
}

/** `errDebug` is the Debug of the backup-stream Error, or null for a successful start. */
export function notifyOp(r: Region, id: number, observing: boolean, errDebug: string | null): string {
  return `NotifyStartObserveResult { region: ${debugRegion(r)}, handle: ${observeHandle(id, observing)}, err: ${errDebug === null ? 'None' : `Some(${errDebug})`} }`;
}

// ---- subscription manager / tracker ----

export function onModifyObserve(op: string, tid: number): LogRec {
  return rec('INFO', `${MGR}:404`, 'backup stream: on_modify_observe', ['op', op], tid);
}

export function startListen(r: Region, id: number, tid: number): LogRec {
  return rec('INFO', `${TRACK}:240`, 'start listen stream from store', [...slogRegion(r), 'observer', observeHandle(id, true)], tid);
}

export function stopListen(r: Region, id: number, tid: number): LogRec {
  return rec('INFO', `${TRACK}:343`, 'stop listen stream from store', ['region_id', r.id, 'observer', regionSubscription(r.id, id, false)], tid);
}

export function inactivating(r: Region, id: number, tid: number): LogRec {
  return rec('INFO', `${TRACK}:309`, 'Inactivating subscription.', ['region_id', r.id, 'observer', regionSubscription(r.id, id, false)], tid);
}

export function pendingSkip(r: Region, tid: number): LogRec {
  return rec('WARN', `${TRACK}:287`, 'pending region, skip resolving', slogRegion(r), tid);
}

/** `takes` is a Rust Duration Debug (e.g. `152.3ms`); `from_ts` a TimeStamp Display. */
export function initialScanFinished(r: Region, fromTs: string, takes: string, tid: number): LogRec {
  return rec('INFO', `${MGR}:183`, 'initial scanning finished!', [...slogRegion(r), 'from_ts', fromTs, 'takes', takes], tid);
}

export function refreshingAbsent(r: Region, tid: number): LogRec {
  return rec('WARN', `${TRACK}:364`, 'backup stream observer refreshing pending / absent subscription.', slogRegion(r), tid);
}

/** The <= v6.5 name of the same message, with the protobuf text of the region as its only field (tikv#14012). */
export function refreshingVoid(r: Region, tid: number): LogRec {
  return rec('WARN', 'subscription_track.rs:115', 'backup stream observer refreshing void subscription.', ['new_region', protoRegion(r)], tid);
}

export function staleStart(r: Region, handleId: number, tid: number): LogRec {
  return rec('WARN', `${MGR}:640`, 'stale start observe command.', ['handle', observeHandle(handleId, true), ...slogRegion(r)], tid);
}

export function failedToStart(r: Region, err: string, tid: number): LogRec {
  return rec('WARN', `${MGR}:655`, 'failed to start observe, would retry', [...slogRegion(r), 'err', err], tid);
}

export function retryObserve(handle: string, failureCount: number, regionId: number, tid: number): LogRec {
  return rec('INFO', `${MGR}:733`, 'retry observe region', ['handle', handle, 'failure_count', failureCount, 'region', regionId], tid);
}

export function nonTrivialCheckpoint(regionId: number, checkpoint: string, tid: number): LogRec {
  return rec('INFO', `${MGR}:466`, 'getting non-trivial checkpoint',
    ['defined_by_region', `Some(ResolveResult { region: ${regionId}, checkpoint: TimeStamp(${checkpoint}), checkpoint_type: MinTs })`], tid);
}

// ---- errors.rs ----

export interface ReportedError {
  /** The source file `annotate!` recorded, e.g. `components/backup-stream/src/event_loader.rs`. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly verbose: string;
  readonly display: string;
  readonly context: string;
}

/** `Error::report(context)`: declared context, err, verbose_err, position; printed reversed. */
export function meetError(version: Version, e: ReportedError, tid: number): LogRec {
  const kv: Value[] = [
    'position', `Location { file: "${e.file}", line: ${e.line}, col: ${e.col} }`,
    'verbose_err', e.verbose,
    'err', e.display,
    'context', e.context,
  ];
  return rec('WARN', version === 'pre-fix' ? 'errors.rs:159' : 'errors.rs:162', 'backup stream meet error', kv, tid);
}

/** The initial-snapshot failure for one region (event_loader.rs), with an errorpb rendered as protobuf text. */
export function snapshotError(r: Region, errorpb: string, canRetry: boolean): ReportedError {
  const ctx = `failed to get initial snapshot: failed to get the snapshot (region_id = ${r.id})`;
  return {
    file: 'components/backup-stream/src/event_loader.rs',
    line: 334,
    col: 29,
    verbose: `Contextual { context: "${ctx}", inner_error: RaftRequest(${errorpb}) }`,
    display: `${ctx}: Error during requesting raftstore: ${errorpb}`,
    context: `during getting initial snapshot for region ${protoRegion(r)}; can retry = ${canRetry}`,
  };
}

export function staleObserveErrorpb(incoming: number, current: number): string {
  return `message: "stale observe id ObserveId(${incoming}), current id: ObserveId(${current})" stale_command {}`;
}

// ---- endpoint.rs ----

export function taskDebug(name: string, startTs: string): string {
  return `StreamTask { info: storage { s3 { region: "us-west-2" bucket: "tidb-pitr" prefix: "log-backup/${name}" ` +
    `endpoint: "https://s3.us-west-2.amazonaws.com" } } start_ts: ${startTs} end_ts: 18446744073709551615 ` +
    `name: "${name}" table_filter: "*.*" compression_type: Zstd, is_paused: false }`;
}

export function registerTask(task: string, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:739`, 'register backup stream task', ['task', task], tid);
}

export function registerRanges(count: number, task: string, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:753`, 'register backup stream ranges', ['ranges_count', count, 'task', task], tid);
}

export function finishRegisterRanges(tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:773`, 'finish register backup stream ranges', [], tid);
}

export function successInitialize(take: string, endKey: string, startKey: string, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:657`, 'backup stream success to initialize', ['take', take, 'end_key', endKey, 'start_key', startKey], tid);
}

export function watchTask(task: string, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:215`, 'backup stream watch task', ['task', task], tid);
}

export function startWatching(rev: number, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:241`, 'start watching the task changes.', ['from_rev', rev], tid);
}

export function flushingCheckpoint(task: string, checkpoint: string, tid: number): LogRec {
  return rec('INFO', `${ENDPOINT}:1002`, 'flushing and refreshing checkpoint ts.', ['task', task, 'checkpoint_ts', checkpoint], tid);
}
