// refresh-absent (tikv/tikv#16469, #14184): a RefreshResolver (split, merge, conf change) found the
// region pending or absent and nothing started it again. Certain only at the end.
import { chain } from '../engine/chain';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import type { RegionView } from '../engine/views';
import { explanation, FRESH_OBSERVE } from './remedy';
import type { FinishContext, Rule } from './types';

export const REFRESH_ABSENT = 'refresh-absent';

/** What the window shows right before the refresh: the failed or stale start, the refresh op, the leader change. */
function context(region: RegionView, refresh: Recorded): [Recorded, CauseRole][] {
  const out: [Recorded, CauseRole][] = [];
  const events = region.events().filter((r) => r.seq < refresh.seq);
  let leaderSeen = false;
  for (let i = events.length - 1; i >= 0 && out.length < 8; i--) {
    const r = events[i];
    const ev = r.event;
    if (ev.type === 'subscription' && ev.what === 'start-listen') break;
    if (ev.type === 'observe-op' && ev.op === 'RefreshResolver') out.push([r, 'refresh-processed']);
    else if (ev.type === 'observe-op' && ev.op === 'NotifyStartObserveResult' && ev.result === 'error') out.push([r, 'start-result-error']);
    else if (ev.type === 'subscription' && ev.what === 'start-failed') out.push([r, 'start-failed']);
    else if (ev.type === 'subscription' && ev.what === 'stale-start') out.push([r, 'stale-start']);
    else if (ev.type === 'subscription' && ev.what === 'inactivate') out.push([r, 'inactivated']);
    else if (ev.type === 'subscription' && ev.what === 'stop-listen') out.push([r, 'listen-stopped']);
    else if (ev.type === 'subscription' && ev.what === 'refresh-failed') out.push([r, 'refresh-failed']);
    else if (ev.type === 'subscription' && ev.what === 'retry-given-up') out.push([r, 'retry-given-up']);
    else if (ev.type === 'backup-error') out.push([r, ev.stale ? 'stale-error' : 'start-failed']);
    else if (ev.type === 'role-change' && ev.role === 'leader' && !leaderSeen) {
      leaderSeen = true;
      out.push([r, 'leader']);
    }
  }
  return out;
}

/**
 * A refresh that found the region pending deregisters it and starts it again; when that restart fails
 * ("failed to refresh region: will retry.") and its retry gives up, those lines are why nothing followed.
 */
function aftermath(region: RegionView, refresh: Recorded): { failed?: Recorded; gaveUp?: Recorded } {
  const out: { failed?: Recorded; gaveUp?: Recorded } = {};
  for (const r of region.events()) {
    const ev = r.event;
    if (r.seq <= refresh.seq || ev.type !== 'subscription') continue;
    if (ev.what === 'refresh-failed' && out.failed === undefined) out.failed = r;
    else if (ev.what === 'retry-given-up' && out.failed !== undefined) out.gaveUp = r;
  }
  return out;
}

export const refreshAbsent: Rule = {
  id: REFRESH_ABSENT,
  severity: 'warning',
  title: 'Refresh found no subscription and nothing restarted it',
  doc: 'docs/rules/refresh-absent.md',
  onFinish(ctx: FinishContext): Finding[] {
    const out: Finding[] = [];
    for (const region of ctx.regions()) {
      const refresh = region.refreshAbsent;
      if (refresh === undefined || refresh.event.type !== 'subscription') continue;
      const voidText = refresh.event.variant === 'void';
      const { failed, gaveUp } = aftermath(region, refresh);
      const tried =
        failed === undefined
          ? 'The refresh does not start one'
          : `The refresh tried to start it again but failed at line ${failed.event.line} ("failed to refresh region: will retry.")${gaveUp === undefined ? '' : `; its retry gave up at line ${gaveUp.event.line} ("give up retry retion.")`}`;
      out.push({
        rule: REFRESH_ABSENT,
        severity: 'warning',
        regionId: region.regionId,
        store: region.store,
        message: `Region ${region.regionId}: a refresh found no running log-backup subscription and no later start observed the region (tikv/tikv#16469, #14184).`,
        explanation: explanation(
          `The observer refreshed region ${region.regionId} after a split, merge or conf change (line ${refresh.event.line}, "refreshing ${voidText ? 'void' : 'pending / absent'} subscription"), but the region had no running subscription: an earlier start had failed or been dropped. ${tried}, and no "start listen stream from store" follows for the region.`,
          "The region is not observed: its writes are missing from log backup and the task's checkpoint stops advancing.",
          `Upgrade to a TiKV that includes tikv/tikv#16484 and #16624 (for #16469) and #14185 (for #14184). To recover now, ${FRESH_OBSERVE}.`,
        ),
        location: { file: refresh.event.file, line: refresh.event.line },
        causes: chain([...context(region, refresh), [refresh, 'refresh-absent'], [failed, 'refresh-failed'], [gaveUp, 'retry-given-up']]),
      });
    }
    return out;
  },
};
