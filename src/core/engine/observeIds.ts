// ObserveIds are u64 counters printed in decimal: compare them as numbers without losing precision.

/** Negative when a < b, 0 when equal, positive when a > b. Leading zeros are not expected in TiKV output. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
