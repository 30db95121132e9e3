// Subscription-manager and tracker lines (reference c.4, c.5): the region's subscription state as it
// changes. Handles are simple Debug values, so their ids come from the ObserveId fast path.
import { fieldValue, type LogEntry } from '../record';
import { observeIdsIn, parseDebugEntries, numberText } from '../debugText';
import { idField, isDigits, regionOfEntry, setDefined, withBase, type Draft } from './fields';
import type { StateTransform, SubscriptionEvent, SubscriptionWhat } from './types';

function firstObserveId(entry: LogEntry, key: string): string | undefined {
  const v = fieldValue(entry, key);
  return v === undefined ? undefined : observeIdsIn(v)[0];
}

function make(
  entry: LogEntry,
  file: number,
  what: SubscriptionWhat,
  regionId: string | undefined,
  extra: Partial<Pick<SubscriptionEvent, 'observeId' | 'oldObserveId' | 'variant' | 'failureCount' | 'error'>> = {},
): SubscriptionEvent | undefined {
  if (regionId === undefined) return undefined;
  const ev: Draft<SubscriptionEvent> = { file, line: entry.line, ts: entry.ts, type: 'subscription', what, regionId };
  return withBase(setDefined(ev, extra), entry);
}

/** `RegionSubscription(R, ..)` names the region even when no region field is printed. */
function regionOfObserver(entry: LogEntry): string | undefined {
  const m = /^RegionSubscription\((\d+),/.exec(fieldValue(entry, 'observer') ?? '');
  return m?.[1];
}

export const startListen = (e: LogEntry, file: number) =>
  make(e, file, 'start-listen', regionOfEntry(e), { observeId: firstObserveId(e, 'observer') });

export const stopListen = (e: LogEntry, file: number) =>
  make(e, file, 'stop-listen', regionOfEntry(e) ?? regionOfObserver(e), { observeId: firstObserveId(e, 'observer') });

export const removePending = (e: LogEntry, file: number) => make(e, file, 'remove-pending', regionOfEntry(e));

export const inactivate = (e: LogEntry, file: number) =>
  make(e, file, 'inactivate', regionOfEntry(e) ?? regionOfObserver(e), { observeId: firstObserveId(e, 'observer') });

export const pendingSkip = (e: LogEntry, file: number) => make(e, file, 'pending-skip', regionOfEntry(e));

export const initialScanDone = (e: LogEntry, file: number) => make(e, file, 'initial-scan-done', regionOfEntry(e));

export const refreshPendingAbsent = (e: LogEntry, file: number) =>
  make(e, file, 'refresh-absent', regionOfEntry(e), { variant: 'pending-absent' });

/** <= v6.5: the region comes only as protobuf text in `new_region` (`id: 10 start_key: ..`). */
export function refreshVoid(e: LogEntry, file: number): SubscriptionEvent | undefined {
  let region = regionOfEntry(e);
  const text = fieldValue(e, 'new_region');
  if (region === undefined && text !== undefined) {
    const id = parseDebugEntries(text).find((x) => x.key === 'id');
    region = numberText(id?.value);
  }
  return make(e, file, 'refresh-absent', region, { variant: 'void' });
}

export const staleStart = (e: LogEntry, file: number) =>
  make(e, file, 'stale-start', regionOfEntry(e), { observeId: firstObserveId(e, 'handle') });

export const staleRetry = (e: LogEntry, file: number) =>
  make(e, file, 'stale-retry', regionOfEntry(e), {
    observeId: firstObserveId(e, 'handle'),
    oldObserveId: firstObserveId(e, 'old_handle'),
  });

export function retryObserve(e: LogEntry, file: number): SubscriptionEvent | undefined {
  const region = idField(e, 'region') ?? regionOfEntry(e);
  const count = fieldValue(e, 'failure_count');
  return make(e, file, 'retry', region, {
    observeId: firstObserveId(e, 'handle'),
    failureCount: isDigits(count) ? count : undefined,
  });
}

export const startFailed = (e: LogEntry, file: number) =>
  make(e, file, 'start-failed', regionOfEntry(e), { error: fieldValue(e, 'err') });

/** The manager's retry found the region unavailable (not leader, epoch changed, stale handle) and stopped. */
export const retryGivenUp = (e: LogEntry, file: number) =>
  make(e, file, 'retry-given-up', regionOfEntry(e), { observeId: firstObserveId(e, 'handle') });

/** A RefreshResolver that changed the version re-added the region as pending, then failed to start it. */
export const refreshFailed = (e: LogEntry, file: number) =>
  make(e, file, 'refresh-failed', regionOfEntry(e), { error: fieldValue(e, 'err') });

function stateTransform(variant: StateTransform) {
  return (e: LogEntry, file: number) => make(e, file, 'state-transform', regionOfEntry(e), { variant, oldObserveId: firstObserveId(e, 'old') });
}

/** register_region replaced a running subscription: a repeated Start with no Stop in between. */
export const runningToRunning = stateTransform('running-to-running');
/** register_region found no pending entry: the Start skipped add_pending_region. */
export const absentToRunning = stateTransform('absent-to-running');
/** add_pending_region found the region already tracked and left it as it was. */
export const toPendingIgnored = stateTransform('to-pending-ignored');
