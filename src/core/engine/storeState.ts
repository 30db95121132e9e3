// Store-wide facts: task lifecycle and task-level errors. Few lines per store, kept in a small ring.
import type { DomainEvent } from '../events';
import type { RegionState } from './regionState';
import { Ring } from './ring';
import type { Recorded } from './types';
import type { StoreView } from './views';

export const STORE_TASK_EVENTS = 64;

type PauseSignal = 'fatal' | 'paused';

function pauseSignalOf(ev: DomainEvent): PauseSignal | undefined {
  if (ev.type === 'backup-error') return ev.fatal && ev.kind !== 'task-init-failed' ? 'fatal' : undefined;
  return ev.type === 'task' && ev.what === 'paused' ? 'paused' : undefined;
}

function isRegistration(ev: DomainEvent): boolean {
  return ev.type === 'task' && (ev.what === 'register-task' || ev.what === 'register-ranges' || ev.what === 'finish-register-ranges');
}

export class StoreState implements StoreView {
  readonly tasks = new Ring<Recorded>(STORE_TASK_EVENTS);
  /** The store's regions by id: one map per store, so a lookup hashes the region id alone, not a joined key. */
  readonly regions = new Map<string, RegionState>();
  /**
   * Pause signals kept since the last registration. A paused task stays paused until it is registered
   * again, and older TiKV re-reports the same fatal error every 5 s while it cannot upload it: only the
   * first of each kind is kept, so a long run of repeats cannot push the registration out of the ring.
   */
  private readonly pauseSignals = new Set<PauseSignal>();

  constructor(readonly store: string) {}

  /** Keep the events the store-wide rules read: task lifecycle, task init failures, fatal errors. */
  record(rec: Recorded): void {
    const ev = rec.event;
    const signal = pauseSignalOf(ev);
    if (signal !== undefined) {
      if (this.pauseSignals.has(signal)) return;
      this.pauseSignals.add(signal);
    } else if (isRegistration(ev)) {
      this.pauseSignals.clear();
    } else if (ev.type !== 'task' && !(ev.type === 'backup-error' && ev.kind === 'task-init-failed')) {
      return;
    }
    this.tasks.push(rec);
  }

  taskEvents(): Recorded[] {
    return this.tasks.toArray();
  }
}
