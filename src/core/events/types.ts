// Domain events: what one relevant log line means to the analysis, independent of the log format it
// came in. Ids are strings because TiKV ids are u64 and do not fit a double.

export interface EventBase {
  /** Index of the input file; the caller maps it to a path and (by default) to a store. */
  readonly file: number;
  /** 1-based physical line in that file. */
  readonly line: number;
  /** Epoch milliseconds, null when the line had no time. */
  readonly ts: number | null;
  /** A store id the line itself names (`store_id=`), which overrides the file's store when set. */
  readonly storeHint?: string;
}

export type RaftRole = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** `became <role> at term N` (raft-rs), any era. */
export interface RoleChangeEvent extends EventBase {
  readonly type: 'role-change';
  readonly regionId: string;
  readonly peerId?: string;
  readonly role: RaftRole;
  readonly term: string;
  /** `from_role` (raft-rs >= May 2024): Follower | Candidate | PreCandidate | Leader. */
  readonly fromRole?: string;
}

/** `starting a new election` (or the old `is starting a new election at term N`). */
export interface ElectionEvent extends EventBase {
  readonly type: 'election';
  readonly regionId: string;
  readonly peerId?: string;
  readonly term?: string;
}

export type ObserveOpKind = 'Start' | 'Stop' | 'Destroy' | 'RefreshResolver' | 'NotifyStartObserveResult' | 'HighMemUsageWarning';

/** `backup stream: on_modify_observe`: an op as the subscription manager *processes* it. */
export interface ObserveOpEvent extends EventBase {
  readonly type: 'observe-op';
  readonly op: ObserveOpKind;
  /** The variant as printed (`NotifyFailToStartObserve` before PR #16008). */
  readonly opName: string;
  readonly regionId: string;
  readonly ver?: string;
  readonly confVer?: string;
  /** The handle's ObserveId: pre-fix Starts and NotifyStartObserveResult carry one; post-fix Starts do not. */
  readonly observeId?: string;
  /** NotifyStartObserveResult only: `err: None` is ok, `Some(..)` is error. */
  readonly result?: 'ok' | 'error';
  /** The error rendered back to text, for messages. */
  readonly error?: string;
  /** When the error is the stale-observe-id one: `stale observe id ObserveId(stale), current id: ObserveId(current)`. */
  readonly stale?: StaleIds;
}

export interface StaleIds {
  readonly staleId: string;
  readonly currentId: string;
}

export type SubscriptionWhat =
  | 'start-listen' // start listen stream from store (register_region: now Running)
  | 'stop-listen' // stop listen stream from store (deregister: Stop, Destroy, Refresh)
  | 'remove-pending' // remove pending subscription (deregister of a pending region)
  | 'inactivate' // Inactivating subscription. (failed start: now Pending)
  | 'pending-skip' // pending region, skip resolving (repeats while Pending)
  | 'refresh-absent' // refreshing pending / absent (or older: void) subscription
  | 'initial-scan-done' // initial scanning finished!
  | 'stale-start' // stale start observe command. (added as Pending)
  | 'stale-retry' // stale retry command
  | 'retry' // retry observe region
  | 'start-failed' // failed to start observe, would retry
  | 'retry-given-up' // give up retry retion. (the retry found the region unavailable: stays pending)
  | 'refresh-failed' // failed to refresh region: will retry. (a refresh re-added it pending, then failed)
  | 'state-transform'; // excepted state transform...: the tracker saw an unexpected transition (variant)

/** `excepted state transform` variants: a repeated Start, a Start without a pending entry, an ignored re-pend. */
export type StateTransform = 'running-to-running' | 'absent-to-running' | 'to-pending-ignored';

export interface SubscriptionEvent extends EventBase {
  readonly type: 'subscription';
  readonly what: SubscriptionWhat;
  readonly regionId: string;
  readonly observeId?: string;
  /** stale retry command: the id of the subscription that is actually stored; state-transform: the replaced one. */
  readonly oldObserveId?: string;
  /** refresh-absent: which message text (`void` is <= v6.5); state-transform: which transition. */
  readonly variant?: 'void' | 'pending-absent' | StateTransform;
  readonly failureCount?: string;
  readonly error?: string;
}

export type TaskWhat =
  | 'register-task'
  | 'register-ranges'
  | 'finish-register-ranges'
  | 'initialized'
  | 'paused'; // Task encounters fatal error, will pause this task. (after the fatal error; newer TiKV only)

export interface TaskEvent extends EventBase {
  readonly type: 'task';
  readonly what: TaskWhat;
  /** The task name when the line shows it. */
  readonly task?: string;
  /** register-ranges: `ranges_count`, the number of key ranges the task covers. */
  readonly rangesCount?: number;
}

export type BackupErrorKind =
  | 'stale-observe-id'
  | 'task-init-failed'
  | 'merge-read-index' // tikv/tikv#16554: initial-snapshot retries used up by read index refused during a merge
  | 'other';

/** `backup stream meet error` / `backup stream meet fatal error`. */
export interface BackupErrorEvent extends EventBase {
  readonly type: 'backup-error';
  readonly kind: BackupErrorKind;
  readonly fatal: boolean;
  readonly regionId?: string;
  readonly stale?: StaleIds;
  /** From `; can retry = false|true` in the context. */
  readonly canRetry?: boolean;
  /** task-init-failed: the task that failed to register. */
  readonly task?: string;
  readonly context?: string;
  readonly error?: string;
  /** `verbose_err` (meet error) or `verbose` (fatal error): the Rust Debug value of the error. */
  readonly verbose?: string;
  /** `err_code` of a fatal error (`KV:LogBackup:Io`). */
  readonly errCode?: string;
}

export type DomainEvent =
  | RoleChangeEvent
  | ElectionEvent
  | ObserveOpEvent
  | SubscriptionEvent
  | TaskEvent
  | BackupErrorEvent;

export type DomainEventType = DomainEvent['type'];
