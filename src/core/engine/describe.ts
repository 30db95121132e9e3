// Short, human text for one event: the `message` of a cause link. It names what the line shows, with
// the ids, so a chain reads on its own without opening the log.
import type { DomainEvent } from '../events';

function oid(id: string | undefined): string {
  return id === undefined ? '' : ` ObserveId(${id})`;
}

/** The tracker's unexpected transitions, as the line says them (TiKV spells it "excepted"). */
function transformText(variant: string | undefined, old: string | undefined): string {
  if (variant === 'absent-to-running') return 'unexpected state transform absent -> running (no pending entry before the start)';
  if (variant === 'to-pending-ignored') return `unexpected state transform running | pending -> pending (ignored, kept${oid(old) || ' the old state'})`;
  return `unexpected state transform running -> running (a repeated Start${old ? ` replaced${oid(old)}` : ''})`;
}

const SENTENCE_END = /\.(?=\s|$)/;
const MAX_SENTENCE = 160;

/**
 * The first sentence of an error text, cut short: TiKV error chains repeat their causes (tikv/tikv#16554
 * nests the same snapshot error many times), and a message must stay one readable line.
 */
export function firstSentence(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  const end = SENTENCE_END.exec(t);
  const s = end === null ? t : t.slice(0, end.index + 1);
  if (s.length <= MAX_SENTENCE) return s;
  const cut = s.slice(0, MAX_SENTENCE);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_SENTENCE / 2 ? cut.slice(0, space) : cut}…`;
}

export function describe(ev: DomainEvent): string {
  switch (ev.type) {
    case 'role-change':
      return `region ${ev.regionId}: became ${ev.role} at term ${ev.term}${ev.peerId ? ` (peer ${ev.peerId})` : ''}`;
    case 'election':
      return `region ${ev.regionId}: starting a new election${ev.term ? ` at term ${ev.term}` : ''}`;
    case 'observe-op': {
      const head = `region ${ev.regionId}: processed ${ev.opName}${oid(ev.observeId)}`;
      if (ev.result === 'ok') return `${head}: ok`;
      if (ev.stale) return `${head}: error stale observe id ObserveId(${ev.stale.staleId}), current id: ObserveId(${ev.stale.currentId})`;
      if (ev.result === 'error') return `${head}: error`;
      return head;
    }
    case 'subscription':
      switch (ev.what) {
        case 'start-listen':
          return `region ${ev.regionId}: start listen stream${oid(ev.observeId)} (subscription running)`;
        case 'stop-listen':
          return `region ${ev.regionId}: stop listen stream${oid(ev.observeId)} (subscription removed)`;
        case 'remove-pending':
          return `region ${ev.regionId}: remove pending subscription (subscription removed)`;
        case 'inactivate':
          return `region ${ev.regionId}: Inactivating subscription${oid(ev.observeId)} (now pending)`;
        case 'pending-skip':
          return `region ${ev.regionId}: pending region, skip resolving`;
        case 'refresh-absent':
          return `region ${ev.regionId}: refresh found a ${ev.variant === 'void' ? 'void' : 'pending / absent'} subscription`;
        case 'initial-scan-done':
          return `region ${ev.regionId}: initial scanning finished`;
        case 'stale-start':
          return `region ${ev.regionId}: stale start observe command${oid(ev.observeId)} (added as pending)`;
        case 'stale-retry':
          return `region ${ev.regionId}: stale retry command${oid(ev.observeId)}, stored${oid(ev.oldObserveId)}`;
        case 'retry':
          return `region ${ev.regionId}: retry observe region${oid(ev.observeId)}${ev.failureCount ? ` (failure ${ev.failureCount})` : ''}`;
        case 'start-failed':
          return `region ${ev.regionId}: failed to start observe, would retry${ev.error ? `: ${ev.error}` : ''}`;
        case 'retry-given-up':
          return `region ${ev.regionId}: give up retry${oid(ev.observeId)} (region no longer available here: left as it is)`;
        case 'refresh-failed':
          return `region ${ev.regionId}: failed to refresh region, will retry (now pending)${ev.error ? `: ${ev.error}` : ''}`;
        case 'state-transform':
          return `region ${ev.regionId}: ${transformText(ev.variant, ev.oldObserveId)}`;
      }
      break;
    case 'task':
      switch (ev.what) {
        case 'register-task':
          return `register backup stream task${ev.task ? ` ${ev.task}` : ''}`;
        case 'register-ranges':
          return `register backup stream ranges${ev.task ? ` of ${ev.task}` : ''} (leader scan sends Starts directly)`;
        case 'finish-register-ranges':
          return `finish register backup stream ranges${ev.task ? ` of ${ev.task}` : ''}`;
        case 'initialized':
          return 'backup stream success to initialize';
        case 'paused':
          return `Task encounters fatal error, will pause this task${ev.task ? ` (${ev.task})` : ''}`;
      }
      break;
    case 'backup-error': {
      const head = ev.fatal ? 'backup stream meet fatal error' : 'backup stream meet error';
      if (ev.stale) {
        const retry = ev.canRetry === undefined ? '' : ` (can retry = ${ev.canRetry})`;
        return `${head}: stale observe id ObserveId(${ev.stale.staleId}), current id: ObserveId(${ev.stale.currentId})${retry}`;
      }
      if (ev.kind === 'task-init-failed') return `${head}: failed to register backup stream task ${ev.task ?? ''} to router`;
      // report_fatal has no context: the error text is the only hint of what went wrong.
      const detail = ev.context ?? (ev.fatal ? firstSentence(ev.error) : undefined);
      return `${head}${detail ? `: ${detail}` : ''}`;
    }
  }
  return 'event';
}
