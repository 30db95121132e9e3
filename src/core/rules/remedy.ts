// Advice shared by the observe rules: the fix and the workarounds for the log-backup observe bugs.

export const FIX_VERSIONS =
  'Upgrade to a TiKV that contains tikv/tikv#18290 (v8.5.4 or later on the 8.5 line), which allocates ObserveIds in the order the Starts are processed.';

/** What forces a new Start for a region, phrased to follow "to recover, ...". */
export const FRESH_OBSERVE =
  "force a fresh observe of the region: pause and resume the log-backup task (`br log pause` then `br log resume`), or transfer the region's leader to another store";

export const WORKAROUND = `Until then, ${FRESH_OBSERVE}.`;

export function explanation(whatHappened: string, whyItMatters: string, whatToDo: string): string {
  return `What happened: ${whatHappened}\nWhy it matters: ${whyItMatters}\nWhat to do: ${whatToDo}`;
}
