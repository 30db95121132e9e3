// observation-lost: at the end of the log a region is still pending, `pending region, skip resolving`
// keeps repeating, and nothing started it again. Only certain at the end. When another finding explains
// how it got there (a stale reorder, a refresh that found nothing), this finding points at it instead
// of repeating it.
import { chain } from '../engine/chain';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import type { RegionView } from '../engine/views';
import { REFRESH_ABSENT } from './refreshAbsent';
import { explanation, FIX_VERSIONS, FRESH_OBSERVE } from './remedy';
import { STALE_OBSERVE_ID } from './staleObserveId';
import { STALE_OBSERVE_REORDER } from './staleObserveReorder';
import type { FinishContext, Rule } from './types';

export const OBSERVATION_LOST = 'observation-lost';

/** Skips needed: one resolve round can pass while a retry is on its way; two with no attempt cannot. */
export const MIN_PENDING_REPEATS = 2;

/** Most specific explanation first. */
const ROOT_RULES = [STALE_OBSERVE_REORDER, REFRESH_ABSENT, STALE_OBSERVE_ID];

function rootFinding(findings: readonly Finding[]): Finding | undefined {
  for (const rule of ROOT_RULES) {
    const hit = findings.filter((f) => f.rule === rule);
    if (hit.length > 0) return hit[hit.length - 1];
  }
  return undefined;
}

/** The failed start that preceded the pending state, if the window still holds it. */
function failedStart(region: RegionView, before: number): Recorded | undefined {
  const events = region.events();
  for (let i = events.length - 1; i >= 0; i--) {
    const r = events[i];
    if (r.seq >= before) continue;
    const ev = r.event;
    if (ev.type === 'observe-op' && ev.op === 'NotifyStartObserveResult' && ev.result === 'error') return r;
    if (ev.type === 'subscription' && ev.what === 'start-listen') return undefined;
  }
  return undefined;
}

/** The part a line plays in the failed attempt that left the region pending. */
function episodeRole(rec: Recorded): CauseRole | undefined {
  const ev = rec.event;
  if (ev.type === 'observe-op') {
    if (ev.op === 'RefreshResolver') return 'refresh-processed';
    return ev.op === 'NotifyStartObserveResult' && ev.result === 'error' ? 'start-result-error' : undefined;
  }
  if (ev.type !== 'subscription') return undefined;
  switch (ev.what) {
    case 'start-failed':
      return 'start-failed';
    case 'refresh-failed':
      return 'refresh-failed';
    case 'retry':
      return 'retry';
    default:
      return undefined;
  }
}

/**
 * The failed attempt a given-up retry ended (the start or refresh that failed, its result, the retry),
 * newest of each kind, back to the op that began it. A start that fails before it registers leaves no
 * "Inactivating" line, so these may be the only lines that say how the region became pending.
 */
function gaveUpEpisode(region: RegionView, giveUp: Recorded): [Recorded, CauseRole][] {
  const out: [Recorded, CauseRole][] = [];
  const events = region.events();
  for (let i = events.length - 1; i >= 0; i--) {
    const r = events[i];
    if (r.seq >= giveUp.seq) continue;
    const ev = r.event;
    if ((ev.type === 'subscription' && ev.what === 'start-listen') || (ev.type === 'observe-op' && ev.op === 'Start')) break;
    const role = episodeRole(r);
    if (role !== undefined && !out.some(([, seen]) => seen === role)) out.push([r, role]);
    if (role === 'refresh-processed') break;
  }
  return out;
}

function pendingRole(rec: Recorded | undefined): CauseRole {
  const ev = rec?.event;
  if (ev?.type !== 'subscription') return 'inactivated';
  return ev.what === 'stale-start' ? 'stale-start' : ev.what === 'refresh-failed' ? 'refresh-failed' : 'inactivated';
}

export const observationLost: Rule = {
  id: OBSERVATION_LOST,
  severity: 'error',
  title: 'Region left pending with no later start',
  doc: 'docs/rules/observation-lost.md',
  onFinish(ctx: FinishContext): Finding[] {
    const out: Finding[] = [];
    for (const region of ctx.regions()) {
      const skips = region.skips;
      if (region.state !== 'pending' || skips === undefined || skips.count < MIN_PENDING_REPEATS) continue;
      const root = rootFinding(ctx.findingsFor(region.store, region.regionId));
      const pendingCause = region.pendingCause;
      const result = pendingCause === undefined ? undefined : failedStart(region, pendingCause.seq);
      const giveUp = region.retryGivenUp;
      const episode = giveUp === undefined ? [] : gaveUpEpisode(region, giveUp);
      const links: [Recorded | undefined, CauseRole][] = [
        [result, 'start-result-error'],
        [pendingCause, pendingRole(pendingCause)],
        ...episode,
        [giveUp, 'retry-given-up'],
        [skips.first, 'pending-first'],
        [skips.last, 'pending-last'],
      ];
      const causes = chain(links).map((c) =>
        c.role === 'pending-last' || c.role === 'pending-first' ? { ...c, message: `${c.message} (${skips.count} times from line ${skips.first.event.line} to ${skips.last.event.line})` } : c,
      );
      if (root !== undefined) {
        // The root finding's own chain holds its location's line, and with it that line's time.
        const at = root.causes.find((c) => c.file === root.location.file && c.line === root.location.line);
        causes.unshift({ file: root.location.file, line: root.location.line, ts: at?.ts ?? null, message: `${root.rule}: ${root.message}`, role: 'root-cause' });
      }
      const failure = episode.find(([, role]) => role === 'start-failed' || role === 'refresh-failed')?.[0];
      const since = pendingCause ?? failure ?? skips.first;
      const how =
        root?.rule === STALE_OBSERVE_REORDER
          ? `the stale-observe reorder at line ${root.location.line} left it pending`
          : root?.rule === REFRESH_ABSENT
            ? `a refresh at line ${root.location.line} found no subscription to restart`
            : root?.rule === STALE_OBSERVE_ID
              ? `its initial scan was rejected as stale at line ${root.location.line}`
              : pendingRole(pendingCause ?? failure) === 'refresh-failed'
                ? 'a refresh after a split, merge or conf change failed to restart it and left it pending'
                : pendingCause !== undefined || failure !== undefined
                  ? 'its start failed and it was set pending'
                  : 'it was already pending when the log begins';
      // The retry that gave up is why nothing restarted it; without it the reader would expect one.
      const gaveUpText =
        giveUp === undefined
          ? ''
          : ` The subscription manager's retry gave up at line ${giveUp.event.line} ("give up retry retion."): it judged the region no longer available on this store (not leader, epoch changed or a stale handle, as region_info_accessor saw it), so it stopped retrying.`;
      out.push({
        rule: OBSERVATION_LOST,
        severity: 'error',
        regionId: region.regionId,
        store: region.store,
        message: `Region ${region.regionId} is no longer observed by log backup: ${how}${giveUp === undefined ? '' : ', its retry gave up'}, and "pending region, skip resolving" repeated ${skips.count} times with no later start.`,
        explanation: explanation(
          `The log-backup subscription of region ${region.regionId} has been pending since line ${since.event.line}; ${how}.${gaveUpText} Every resolve round since then skipped the region (${skips.count} times, last at line ${skips.last.event.line}) and no "start listen stream from store" followed.`,
          "Writes to the region are not captured by log backup, and the task's checkpoint cannot advance past the region: a point-in-time restore to a later time is impossible until it is observed again.",
          `To recover, ${FRESH_OBSERVE}. ${root?.rule === STALE_OBSERVE_REORDER || root?.rule === STALE_OBSERVE_ID ? FIX_VERSIONS : 'Look at the related finding (if any) for the root cause and its fix.'}`,
        ),
        location: { file: since.event.file, line: since.event.line },
        causes,
        ...(root !== undefined ? { related: { rule: root.rule, location: root.location } } : {}),
      });
    }
    return out;
  },
};
