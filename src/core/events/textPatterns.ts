// The few facts that only exist inside free text (error messages and contexts), not in fields.
import type { StaleIds } from './types';

/** `ObserveID` (capital D): older TiKV's spelling. */
const STALE_RE = /stale observe id ObserveI[dD]\((\d+)\), current id: ObserveI[dD]\((\d+)\)/;
/**
 * `(region_id = R)` from event_loader's context, `region id: R` from the protobuf region in contexts,
 * `Region { id: R` from debug_region, then prose such as `checkpoint of region R` as the last resort.
 */
const REGION_IN_TEXT = [/\(region_id = (\d+)\)/, /\bregion id: (\d+)/, /\bRegion \{ id: (\d+)/, /\bregion (\d+)\b/];
const CAN_RETRY_RE = /can retry = (true|false)/;
/** Both spellings: `failed to register task X to router` (older) and `... backup stream task X ...`. */
const TASK_INIT_RE = /failed to register (?:backup stream )?task (.+?) to router/;
const TASK_NAME_RE = /\bname: "((?:[^"\\]|\\.)*)"/;

/**
 * tikv/tikv#16554: the initial snapshot kept failing because read index is refused during a merge, until
 * the retries ran out. The retry wrapper reads `retry time exceeds` (6.5 era) or `retry encountered error,
 * origin error is` (later releases, as in tikv/tikv#17249); either way the refused read index follows.
 */
export function isMergeReadIndexExhausted(text: string | undefined): boolean {
  if (text === undefined) return false;
  const retried = text.includes('retry time exceeds') || text.includes('retry encountered error');
  return retried && (text.includes('read index not ready') || text.includes('can not read index due to merge'));
}

export function staleIdsIn(...texts: (string | undefined)[]): StaleIds | undefined {
  for (const t of texts) {
    if (t === undefined || !t.includes('stale observe id')) continue;
    const m = STALE_RE.exec(t);
    if (m) return { staleId: m[1], currentId: m[2] };
  }
  return undefined;
}

export function regionInText(...texts: (string | undefined)[]): string | undefined {
  for (const t of texts) {
    if (t === undefined) continue;
    for (const re of REGION_IN_TEXT) {
      const m = re.exec(t);
      if (m) return m[1];
    }
  }
  return undefined;
}

export function canRetryIn(text: string | undefined): boolean | undefined {
  const m = text === undefined ? null : CAN_RETRY_RE.exec(text);
  return m ? m[1] === 'true' : undefined;
}

export function failedTaskIn(text: string | undefined): string | undefined {
  const m = text === undefined ? null : TASK_INIT_RE.exec(text);
  return m ? m[1] : undefined;
}

/**
 * The task name from a `task=` value: the Debug of StreamTask holds protobuf text with `name: "..."`;
 * Display-formatted fields hold the bare name.
 */
export function taskNameOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const m = TASK_NAME_RE.exec(value);
  if (m) return m[1];
  return /^[\w.-]{1,128}$/.test(value) ? value : undefined;
}
