// What the extension keeps in global state about big logs, so that other windows can start a worker for them.

/** Global state key: the biggest log of the last analysis that ran in a worker, in any window, and when. */
export const LAST_BIG_LOG = 'lastBigLog';
/** A big log opened longer ago than this no longer starts workers: that debugging session is likely over. */
export const REMEMBER_MS = 7 * 24 * 3600_000;

export interface LastBigLog {
  readonly path: string;
  readonly at: number;
}

/** The remembered log's path if the stored value is one and recent enough; anything else stored is ignored. */
export function rememberedLog(stored: unknown, now: number): string | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined;
  const { path, at } = stored as Partial<LastBigLog>;
  if (typeof path !== 'string' || typeof at !== 'number' || !(now - at < REMEMBER_MS) || at > now) return undefined;
  return path;
}
