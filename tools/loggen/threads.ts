// Thread ids per TiKV thread pool, so that `[thread_id=N]` groups lines the way a real process does.
import type { Rng } from './prng';

const POOLS = {
  raftstore: [54, 55, 56, 57],
  apply: [58, 59, 60, 61],
  pd: [71],
  backupStream: [88, 89, 90, 91],
  backupScan: [96, 97, 98, 99],
  rocksdb: [20, 21, 22, 23, 24, 25],
  gc: [77],
  grpc: [30, 31, 32, 33],
  readPool: [40, 41, 42, 43, 44, 45, 46, 47],
  main: [1],
  status: [102],
} as const;

export type Pool = keyof typeof POOLS;

export class Threads {
  constructor(private readonly rng: Rng) {}

  of(pool: Pool): number {
    const ids = POOLS[pool];
    return ids.length === 1 ? ids[0] : ids[this.rng.int(ids.length)];
  }
}
