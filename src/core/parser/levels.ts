import type { Level } from '../record';

/** Pasted logs (chat tools, other loggers, hand edits) write levels as `Error`, `warn`, `Warning`: ASCII letters only. */
const LEVEL_WORD = /^[A-Za-z]{4,7}$/;

/**
 * Level names of the unified and JSON formats (slog's Critical already prints as FATAL there), in any letter
 * case, normalised to TiKV's own spelling; `WARNING` (Go and Python loggers, hand edits) is `WARN`.
 */
export function unifiedLevel(name: string): Level | null {
  switch (name) {
    case 'INFO': return 'INFO';
    case 'WARN': return 'WARN';
    case 'ERROR': return 'ERROR';
    case 'DEBUG': return 'DEBUG';
    case 'FATAL': return 'FATAL';
    case 'TRACE': return 'TRACE';
    case 'WARNING': return 'WARN';
    default: {
      // Upper-casing is limited to ASCII: toUpperCase maps `ı` (dotless i) to `I`, which no logger writes as a level.
      if (!LEVEL_WORD.test(name)) return null;
      const up = name.toUpperCase();
      return up === name ? null : unifiedLevel(up);
    }
  }
}

/** slog's four-letter forms (TiKV 2.x / 3.0 pre-unified), and the `log` crate names the 1.x lines used; any case. */
export function oldLevel(name: string): Level | null {
  switch (name.length === 4 && LEVEL_WORD.test(name) ? name.toUpperCase() : name) {
    case 'ERRO': return 'ERROR';
    case 'CRIT': return 'FATAL';
    case 'DEBG': return 'DEBUG';
    case 'TRCE': return 'TRACE';
    default: return unifiedLevel(name);
  }
}
