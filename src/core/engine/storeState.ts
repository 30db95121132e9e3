// Store-wide facts: task lifecycle and task-level errors. Few lines per store, kept in a small ring.
import type { DomainEvent } from '../events';
import type { RegionState } from './regionState';
import { Ring } from './ring';
import type { Recorded } from './types';
import type { OpenRegistration, StoreView } from './views';

export const STORE_TASK_EVENTS = 64;
/**
 * Registrations still running, one per task (a store runs a handful of tasks at most). Kept apart from the
 * ring so that no storm of other task events (per-range `backup stream success to initialize`, repeated
 * errors) can push an unfinished registration out before finish(); past the cap the oldest goes.
 */
export const MAX_OPEN_REGISTRATIONS = 16;

interface MutableRegistration {
  registerTask?: Recorded;
  ranges: Recorded;
  starts: number;
}

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
  /** `register backup stream ranges` without its `finish register backup stream ranges` yet, by task name ('' unnamed). */
  private readonly open = new Map<string, MutableRegistration>();
  /** The last `register backup stream task` of each task, until its ranges line arrives. */
  private readonly lastRegisterTask = new Map<string, Recorded>();
  /** Time of the latest event of this store that had one: how far the log went on. */
  lastTs: number | null = null;

  constructor(readonly store: string) {}

  /** Keep the events the store-wide rules read: task lifecycle, task init failures, fatal errors. */
  record(rec: Recorded): void {
    const ev = rec.event;
    this.track(rec);
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

  /** Every event routed to this store: the log's progress, and the Starts processed while a registration runs. */
  saw(ev: DomainEvent): void {
    if (ev.ts !== null && (this.lastTs === null || ev.ts > this.lastTs)) this.lastTs = ev.ts;
    if (this.open.size > 0 && ev.type === 'observe-op' && ev.op === 'Start') for (const r of this.open.values()) r.starts++;
  }

  private track(rec: Recorded): void {
    const ev = rec.event;
    if (ev.type === 'task') {
      const key = ev.task ?? '';
      if (ev.what === 'register-task') {
        bounded(this.lastRegisterTask, key, rec);
      } else if (ev.what === 'register-ranges') {
        const registerTask = this.lastRegisterTask.get(key);
        this.lastRegisterTask.delete(key);
        bounded(this.open, key, registerTask === undefined ? { ranges: rec, starts: 0 } : { registerTask, ranges: rec, starts: 0 });
      } else if (ev.what === 'finish-register-ranges') {
        this.close(ev.task);
      }
    } else if (ev.type === 'backup-error' && ev.kind === 'task-init-failed') {
      // The registration ended in an error: task-init-failed's finding, not a hang.
      this.close(ev.task);
    }
  }

  /** Close the registrations of a task; an unnamed line closes them all (it cannot say which). */
  private close(task: string | undefined): void {
    if (task === undefined) {
      this.open.clear();
      return;
    }
    this.open.delete(task);
    this.open.delete('');
  }

  openRegistrations(): OpenRegistration[] {
    return [...this.open.values()].map((r) => ({ ...r }));
  }

  taskEvents(): Recorded[] {
    return this.tasks.toArray();
  }
}

/** Set a key as the newest of a map, dropping the oldest past MAX_OPEN_REGISTRATIONS. */
function bounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_OPEN_REGISTRATIONS) {
    const oldest = map.keys().next();
    if (oldest.done !== true) map.delete(oldest.value);
  }
}
