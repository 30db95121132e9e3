// Paste artefacts are removed before parsing, but ranges must point into the physical line as the editor
// shows it. Each removal step records how its output positions map back to its input.

import type { ColumnRange } from '../record';

export interface ColumnMap {
  /** Where the step's output starts in its input. */
  readonly offset: number;
  /** Output positions whose character was preceded by a removed one (the `\` of a table's `\|`), ascending. */
  readonly removed: readonly number[];
}

function countBelow(list: readonly number[], p: number, inclusive: boolean): number {
  let n = 0;
  for (const r of list) {
    if (r < p || (inclusive && r === p)) n++;
    else break;
  }
  return n;
}

/** Maps a range through the steps, innermost (last) first. A start skips a removed char; an end does not. */
export function mapRange(range: ColumnRange, maps: readonly ColumnMap[]): ColumnRange {
  let [start, end] = range;
  for (let i = maps.length - 1; i >= 0; i--) {
    const m = maps[i];
    start = m.offset + start + countBelow(m.removed, start, true);
    end = m.offset + end + countBelow(m.removed, end, false);
    if (end < start) end = start;
  }
  return [start, end];
}
