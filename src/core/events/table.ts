// The relevance table: every message the engine consumes, mapped to its extractor. It is also the
// dispatch, so the table and the extractors cannot drift: a message not listed here is never extracted,
// and `isRelevantMessage` (the Node pipeline's skip test) reads the same table.
import type { LogEntry } from '../record';
import { meetError, meetFatalError } from './backupError';
import { observeOp } from './observeOp';
import { BECAME_RE, election, OLD_ELECTION_RE, roleChange } from './raft';
import {
  inactivate,
  initialScanDone,
  pendingSkip,
  refreshPendingAbsent,
  absentToRunning,
  removePending,
  refreshFailed,
  refreshVoid,
  retryGivenUp,
  retryObserve,
  runningToRunning,
  startFailed,
  startListen,
  staleRetry,
  staleStart,
  stopListen,
  toPendingIgnored,
} from './subscription';
import { finishRegisterRanges, initialized, paused, registerRanges, registerTask } from './task';
import type { DomainEvent } from './types';

export type Extractor = (entry: LogEntry, file: number) => DomainEvent | undefined;

/** Messages matched exactly (after unescaping), as TiKV writes them today or wrote them before. */
export const EXACT_MESSAGES: ReadonlyMap<string, Extractor> = new Map<string, Extractor>([
  ['starting a new election', election],
  ['backup stream: on_modify_observe', observeOp],
  ['start listen stream from store', startListen],
  ['stop listen stream from store', stopListen],
  ['Inactivating subscription.', inactivate],
  ['remove pending subscription', removePending],
  ['pending region, skip resolving', pendingSkip],
  ['backup stream observer refreshing pending / absent subscription.', refreshPendingAbsent],
  ['backup stream observer refreshing void subscription.', refreshVoid],
  ['initial scanning finished!', initialScanDone],
  ['stale start observe command.', staleStart],
  ['stale retry command', staleRetry],
  ['retry observe region', retryObserve],
  ['failed to start observe, would retry', startFailed],
  ['give up retry retion.', retryGivenUp], // sic: the typo is TiKV's
  ['failed to refresh region: will retry.', refreshFailed],
  ['excepted state transform: running -> running', runningToRunning], // sic: "excepted"
  ['excepted state transform: absent -> running', absentToRunning],
  ['excepted state transform(will ignore): running | pending -> pending', toPendingIgnored],
  ['register backup stream task', registerTask],
  ['register backup stream ranges', registerRanges],
  ['finish register backup stream ranges', finishRegisterRanges],
  ['backup stream success to initialize', initialized],
  ['Task encounters fatal error, will pause this task.', paused],
  ['backup stream meet error', meetError],
  ['backup stream meet fatal error', meetFatalError],
]);

export interface MessagePattern {
  /** Cheap first test before the regex runs. */
  readonly prefix: string;
  readonly re: RegExp;
  readonly extract: Extractor;
}

/** Messages with a number in the text (raft-rs formats the term into the message). */
export const MESSAGE_PATTERNS: readonly MessagePattern[] = [
  { prefix: 'became ', re: BECAME_RE, extract: roleChange },
  { prefix: 'is starting a new election', re: OLD_ELECTION_RE, extract: election },
];

function extractorFor(message: string): Extractor | undefined {
  const exact = EXACT_MESSAGES.get(message);
  if (exact !== undefined) return exact;
  for (const p of MESSAGE_PATTERNS) if (message.startsWith(p.prefix) && p.re.test(message)) return p.extract;
  return undefined;
}

/** True when the engine consumes lines with this message; everything else can skip full parsing. */
export function isRelevantMessage(message: string): boolean {
  return extractorFor(message) !== undefined;
}

/** The domain events of one log entry (zero or one today; an array so a line may yield more later). */
export function extractEvents(entry: LogEntry, file: number): DomainEvent[] {
  const extract = extractorFor(entry.message);
  if (extract === undefined) return [];
  const ev = extract(entry, file);
  return ev === undefined ? [] : [ev];
}
