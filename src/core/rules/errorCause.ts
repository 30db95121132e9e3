// The concrete cause of a log-backup error, read from the error's own fields, so that task-init-failed
// and task-paused advise the fix that works (a pause/resume does nothing while the directory is not
// writable). Pure and table-driven: each row says how it is recognised, the cause in one line, the remedy.
// `verbose_err` / `verbose` are Rust Debug values and go through the Debug grammar; `err` (Display),
// `context` and `err_code` are plain text. docs/rules/error-causes.md lists the rows and their sources.
import { identName, numberText, parseDebug, stringValue, typeName, walk, field, type DebugValue } from '../debugText';

export type ErrorCauseId =
  | 'io-permission-denied'
  | 'io-not-found'
  | 'io-no-space'
  | 'io-other'
  | 'etcd-unavailable'
  | 'storage-access-denied'
  | 'storage-no-bucket'
  | 'storage-throttled'
  | 'region-not-leader'
  | 'region-epoch-not-match'
  | 'region-not-found'
  | 'unknown';

/** The error fields of one `backup stream meet (fatal) error` line, as logged. */
export interface ErrorText {
  readonly error?: string;
  readonly verbose?: string;
  readonly errCode?: string;
  readonly context?: string;
}

export interface ErrorCause {
  readonly id: ErrorCauseId;
  /** One sentence naming the cause, for "What happened". */
  readonly cause: string;
  /** What fixes it, for "What to do" (before the rule's own resume step). */
  readonly remedy: string;
}

/** What the table rows look at, gathered once per error. */
interface Facts {
  /** Variant and type names in the Debug tree (`Io`, `Etcd`, `not_leader`, `NotLeader`, ...), and idents. */
  readonly names: ReadonlySet<string>;
  /** Plain texts: err, context, and every string inside the Debug tree (unescaped). */
  readonly texts: readonly string[];
  /** `std::io::Error` of an `Io(Os { .. })` / `Io(Custom { .. })`, or of `(os error N)` in the Display text. */
  readonly io?: { readonly kind?: string; readonly code?: string };
  /** The last segment of `err_code`, lower-cased (`KV:LogBackup:Io` -> `io`; fixtures also show `IO`). */
  readonly codeTail?: string;
  /** The first absolute path any text shows. */
  readonly path?: string;
  /** The error came from loading the task (its context names the router registration). */
  readonly registering: boolean;
}

const OS_ERROR = /\(os error (\d+)\)/;
// An absolute path as TiKV prints one inside a message; the delimiters are the ones around it in the text.
const ABS_PATH = /(?:^|[\s"'(=:])(\/[^\s"',)]+)/;

function ioOf(tree: DebugValue, texts: readonly string[]): Facts['io'] {
  let io: Facts['io'];
  walk(tree, (v) => {
    if (io !== undefined) return false;
    if (typeName(v) !== 'Io') return;
    // `Io(Os { code, kind, message })` for an OS error, `Io(Custom { kind, error })` for a wrapped one.
    walk(v, (inner) => {
      if (io !== undefined || (typeName(inner) !== 'Os' && typeName(inner) !== 'Custom')) return;
      io = { kind: identName(field(inner, 'kind')), code: numberText(field(inner, 'code')) };
      return false;
    });
    return false;
  });
  if (io !== undefined) return io;
  for (const t of texts) {
    const m = OS_ERROR.exec(t);
    if (m !== null) return { code: m[1] };
  }
  return undefined;
}

function factsOf(e: ErrorText): Facts {
  const names = new Set<string>();
  const texts: string[] = [];
  if (e.error !== undefined) texts.push(e.error);
  if (e.context !== undefined) texts.push(e.context);
  const tree: DebugValue = e.verbose === undefined ? { kind: 'empty' } : parseDebug(e.verbose);
  walk(tree, (v) => {
    const n = typeName(v) ?? identName(v);
    if (n) names.add(n);
    const s = stringValue(v);
    if (s !== undefined) texts.push(s);
    if (v.kind === 'raw') texts.push(v.text);
  });
  let path: string | undefined;
  for (const t of texts) {
    path = ABS_PATH.exec(t)?.[1];
    if (path !== undefined) break;
  }
  const tail = e.errCode?.split(':').pop()?.toLowerCase();
  return {
    names,
    texts,
    io: ioOf(tree, texts),
    codeTail: tail === '' ? undefined : tail,
    path,
    registering: /register backup stream task|register task .* to router/.test(e.context ?? ''),
  };
}

function anyText(f: Facts, re: RegExp): boolean {
  return f.texts.some((t) => re.test(t));
}

function anyName(f: Facts, names: readonly string[]): boolean {
  return names.some((n) => f.names.has(n));
}

/** Where the I/O happened, as precisely as the text allows. */
function where(f: Facts): string {
  const setting = '`log-backup.temp-path`';
  if (f.path !== undefined) return `\`${f.path}\`${f.registering ? ` (under ${setting})` : ''}`;
  return f.registering
    ? `the log-backup temporary directory (${setting}, by default \`<data-dir>/log-backup-temp\`)`
    : `the log-backup temporary directory (${setting}) or, for a \`local://\` storage, the backup directory on this store`;
}

interface CauseRow {
  readonly id: ErrorCauseId;
  readonly matches: (f: Facts) => boolean;
  readonly cause: (f: Facts) => string;
  readonly remedy: (f: Facts) => string;
}

// Order matters: etcd and the storage services first (their errors can be wrapped in `Io(Custom ..)`),
// then the local I/O kinds, then the region errors, which also appear as the inner error of retries.
const ROWS: readonly CauseRow[] = [
  {
    id: 'etcd-unavailable',
    matches: (f) => f.names.has('Etcd') || f.codeTail === 'etcd' || anyText(f, /\betcdserver\b|Etcd meet error/),
    cause: () => 'the store could not read the task from PD/etcd (the error is an etcd error: PD or etcd was unreachable or changing leader).',
    remedy: () => 'Check the store\'s connectivity to PD/etcd at that time (PD leader changes, network).',
  },
  {
    id: 'storage-access-denied',
    matches: (f) =>
      anyText(f, /\b(AccessDenied|InvalidAccessKeyId|SignatureDoesNotMatch|AuthorizationFailure|AuthenticationFailed|AuthorizationPermissionMismatch)\b|\b403 Forbidden\b/),
    cause: () => 'the external storage (S3/GCS/Azure) refused the request: access denied.',
    remedy: () =>
      "Give the store's credentials write access to the backup location (bucket policy / IAM role, GCS service account, Azure SAS or key), and check that the keys are valid and the store's clock is right.",
  },
  {
    id: 'storage-no-bucket',
    matches: (f) => anyText(f, /\b(NoSuchBucket|ContainerNotFound|BucketNotFound)\b/),
    cause: () => 'the external storage (S3/GCS/Azure) says the bucket or container does not exist.',
    remedy: () => 'Create the bucket/container, or fix the task\'s `--storage` URL (bucket name, region, endpoint).',
  },
  {
    id: 'storage-throttled',
    matches: (f) => anyText(f, /\b(SlowDown|TooManyRequests|ServerBusy|rateLimitExceeded)\b|Please reduce your request rate/),
    cause: () => 'the external storage (S3/GCS/Azure) throttled the uploads (SlowDown / too many requests).',
    remedy: () =>
      'Reduce the request rate to the storage (fewer concurrent backup tasks on the same prefix, a larger flush interval), or ask the provider to raise the limit for the prefix.',
  },
  {
    id: 'io-permission-denied',
    matches: (f) => f.io?.kind === 'PermissionDenied' || f.io?.code === '13' || anyText(f, /Permission denied/),
    cause: (f) => `TiKV may not write ${where(f)}: permission denied (os error 13).`,
    remedy: (f) =>
      `Make ${where(f)} writable by the user TiKV runs as (or point \`log-backup.temp-path\` at a directory it owns and restart the store); pausing and resuming the task does nothing until it is writable.`,
  },
  {
    id: 'io-no-space',
    matches: (f) => f.io?.kind === 'StorageFull' || f.io?.code === '28' || anyText(f, /No space left on device/),
    cause: (f) => `the disk holding ${where(f)} is full: no space left on device (os error 28).`,
    remedy: (f) => `Free space on the disk holding ${where(f)}, or move \`log-backup.temp-path\` to a larger disk.`,
  },
  {
    id: 'io-not-found',
    matches: (f) => f.io?.kind === 'NotFound' || f.io?.code === '2' || anyText(f, /No such file or directory/),
    cause: (f) => `a file or directory in ${where(f)} was missing: no such file or directory (os error 2).`,
    remedy: (f) =>
      `Make sure ${where(f)} exists and nothing else removes files in it (cleanup jobs, another process sharing it). On v6.5/v7.1, two temporary files could get the same name and one vanished during a flush (tikv/tikv#15602): upgrade to a release with its fix.`,
  },
  {
    id: 'io-other',
    matches: (f) => f.io !== undefined || f.names.has('Io') || f.codeTail === 'io',
    cause: (f) => `an I/O error on ${where(f)}.`,
    remedy: (f) => `Check ${where(f)}: that it exists, is writable by TiKV and its disk is healthy and not full.`,
  },
  {
    id: 'region-not-leader',
    matches: (f) => anyName(f, ['not_leader', 'NotLeader']) || anyText(f, /\bis not leader\b|\bnot leader\b/),
    cause: () => 'a region\'s leader moved while log backup worked on it (not leader).',
    remedy: () => 'Leader moves are transient: check for leader-transfer storms (store restarts, balance-leader scheduling) around that time.',
  },
  {
    id: 'region-epoch-not-match',
    matches: (f) => anyName(f, ['epoch_not_match', 'EpochNotMatch']) || anyText(f, /epoch not match/i),
    cause: () => 'a region split or merged while log backup worked on it (epoch not match).',
    remedy: () => 'Splits and merges are transient: check for heavy split/merge activity (merge scheduling, hot-region splits) around that time.',
  },
  {
    id: 'region-not-found',
    matches: (f) => anyName(f, ['region_not_found', 'RegionNotFound']) || anyText(f, /region \d+ not found|region not found/i),
    cause: () => 'a region was no longer on this store when log backup reached it (region not found: moved or merged away).',
    remedy: () => 'Check for region moves and merges around that time (scheduling, store removal).',
  },
];

/** The cause when nothing in the text is recognised: the rules keep their general explanation. */
export const UNKNOWN_CAUSE: ErrorCause = {
  id: 'unknown',
  cause: 'the error text names no cause this tool recognises.',
  remedy: 'Fix the cause the error names.',
};

/** Classify one error by its own fields; `unknown` when no row matches. */
export function classifyError(e: ErrorText): ErrorCause {
  if (e.error === undefined && e.verbose === undefined && e.errCode === undefined) return UNKNOWN_CAUSE;
  const f = factsOf(e);
  for (const row of ROWS) {
    if (row.matches(f)) return { id: row.id, cause: row.cause(f), remedy: row.remedy(f) };
  }
  return UNKNOWN_CAUSE;
}

/** The ids of every row, in precedence order (for docs and tests). */
export const ERROR_CAUSE_IDS: readonly ErrorCauseId[] = ROWS.map((r) => r.id);
