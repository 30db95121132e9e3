// stale-observe-id: a stale-observe-id error whose reorder the log cannot prove (lines missing, log
// starting mid-way, or ids that do not look reordered). The chain shows what is known of each id.
import { chain } from '../engine/chain';
import { describe } from '../engine/describe';
import { proveReorder } from '../engine/reorder';
import type { CauseRole, Finding, Recorded } from '../engine/types';
import { explanation, FIX_VERSIONS, FRESH_OBSERVE } from './remedy';
import { staleKey, staleOf } from './staleObserveReorder';
import type { EventContext, Rule } from './types';

export const STALE_OBSERVE_ID = 'stale-observe-id';

function mentions(rec: Recorded, id: string): boolean {
  const ev = rec.event;
  return (ev.type === 'observe-op' || ev.type === 'subscription') && (ev.observeId === id || (ev.type === 'subscription' && ev.oldObserveId === id));
}

export const staleObserveId: Rule = {
  id: STALE_OBSERVE_ID,
  severity: 'warning',
  title: 'Initial scan rejected with a stale observe id',
  doc: 'docs/rules/stale-observe-id.md',
  // staleOf reads only these two.
  eventTypes: ['backup-error', 'observe-op'],
  onEvent(ctx: EventContext): Finding[] | undefined {
    const stale = staleOf(ctx.rec);
    const region = ctx.region;
    if (stale === undefined || region === undefined) return undefined;
    const events = region.events();
    // The reorder rule reports this error when it can prove the reorder; decide the same way here.
    if (proveReorder(events, stale, ctx.rec.seq) !== undefined) return undefined;
    if (!ctx.once(staleKey(region, stale))) return undefined;
    const { staleId: y, currentId: x } = stale;
    const prior = events.filter((r) => r.seq < ctx.rec.seq);
    const links: [Recorded, CauseRole][] = [
      ...prior.filter((r) => mentions(r, y)).map((r): [Recorded, CauseRole] => [r, 'stale-id-seen']),
      ...prior.filter((r) => mentions(r, x)).map((r): [Recorded, CauseRole] => [r, 'current-id-seen']),
      [ctx.rec, 'stale-error'],
    ];
    const known = (id: string) => {
      const seen = prior.filter((r) => mentions(r, id));
      return seen.length === 0 ? 'not seen in this log' : `last seen at line ${seen[seen.length - 1].event.line} (${describe(seen[seen.length - 1].event)})`;
    };
    return [
      {
        rule: STALE_OBSERVE_ID,
        severity: 'warning',
        regionId: region.regionId,
        store: region.store,
        message: `Region ${region.regionId}: initial scan of ObserveId(${y}) was rejected because raftstore already holds ObserveId(${x}); the log does not show how the newer id got there.`,
        explanation: explanation(
          `Raftstore refused the initial-scan snapshot for ObserveId(${y}) because the region's apply delegate already stored ObserveId(${x}). ObserveId(${y}): ${known(y)}. ObserveId(${x}): ${known(x)}. The lines that would show the order of the two Starts (on_modify_observe, start/stop listen) are missing, so a reorder (tikv/tikv#18243) is likely but not proven.`,
          'The error is not retried: unless another Start follows, the region stays pending and log backup stops observing it.',
          `Check the region's later lines for a new "start listen stream from store". If there is none, ${FRESH_OBSERVE}. ${FIX_VERSIONS}`,
        ),
        location: { file: ctx.rec.event.file, line: ctx.rec.event.line },
        causes: chain(links),
      },
    ];
  },
};
