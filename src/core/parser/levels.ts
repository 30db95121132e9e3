import type { Level } from '../record';

/** Level names of the unified and JSON formats (slog's Critical already prints as FATAL there). */
export function unifiedLevel(name: string): Level | null {
  switch (name) {
    case 'INFO': return 'INFO';
    case 'WARN': return 'WARN';
    case 'ERROR': return 'ERROR';
    case 'DEBUG': return 'DEBUG';
    case 'FATAL': return 'FATAL';
    case 'TRACE': return 'TRACE';
    default: return null;
  }
}

/** slog's four-letter forms (TiKV 2.x / 3.0 pre-unified), and the `log` crate names the 1.x lines used. */
export function oldLevel(name: string): Level | null {
  switch (name) {
    case 'ERRO': return 'ERROR';
    case 'CRIT': return 'FATAL';
    case 'DEBG': return 'DEBUG';
    case 'TRCE': return 'TRACE';
    default: return unifiedLevel(name);
  }
}
