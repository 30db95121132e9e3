// Store-wide facts: task lifecycle and task-level errors. Few lines per store, kept in a small ring.
import { Ring } from './ring';
import type { Recorded } from './types';
import type { StoreView } from './views';

export const STORE_TASK_EVENTS = 64;

export class StoreState implements StoreView {
  readonly tasks = new Ring<Recorded>(STORE_TASK_EVENTS);

  constructor(readonly store: string) {}

  taskEvents(): Recorded[] {
    return this.tasks.toArray();
  }
}
