// A panic ends the process, so it ends the file: TiKV's panic hook logs one FATAL entry (its backtrace is
// a quoted field, one physical line), and when stderr goes to the same stream (kubectl logs, `2>&1`) the
// runtime's own report follows as raw lines with no header: the continuation lines a parser must attach
// to the entry before them.
import { rec } from './record';
import type { Sim } from './sim';

const FRAMES: readonly [string, string][] = [
  ['rust_begin_unwind', '/rustc/89e2160c4ca5e770e2b3df0b1d4e6d54e8dcbf48/library/std/src/panicking.rs:645:5'],
  ['core::panicking::panic_fmt', '/rustc/89e2160c4ca5e770e2b3df0b1d4e6d54e8dcbf48/library/core/src/panicking.rs:72:14'],
  ['core::panicking::panic', '/rustc/89e2160c4ca5e770e2b3df0b1d4e6d54e8dcbf48/library/core/src/panicking.rs:144:5'],
  ['core::option::unwrap_failed', '/rustc/89e2160c4ca5e770e2b3df0b1d4e6d54e8dcbf48/library/core/src/option.rs:1985:5'],
  ['raftstore::store::peer_storage::PeerStorage<EK,ER>::apply_snapshot', '/workspace/source/tikv/components/raftstore/src/store/peer_storage.rs:1128:23'],
  ['raftstore::store::fsm::peer::PeerFsmDelegate<EK,ER,T>::on_raft_message', '/workspace/source/tikv/components/raftstore/src/store/fsm/peer.rs:2871:9'],
  ['<raftstore::store::fsm::store::RaftPoller<EK,ER,T> as batch_system::batch::PollHandler<raftstore::store::fsm::peer::PeerFsm<EK,ER>,raftstore::store::fsm::store::StoreFsm<EK>>>::handle_normal', '/workspace/source/tikv/components/raftstore/src/store/fsm/store.rs:1046:13'],
  ['batch_system::batch::Poller<N,C,Handler>::poll', '/workspace/source/tikv/components/batch-system/src/batch.rs:433:27'],
];

export function emitPanic(sim: Sim): { entry: number; continuations: number } {
  const thread = 'raftstore-1-0';
  const location = 'components/raftstore/src/store/peer_storage.rs:1128';
  const msg = 'called `Option::unwrap()` on a `None` value';
  const stack = 'stack backtrace:\n' + FRAMES.map(([f, at], i) => `  ${i}: ${f}\n             at ${at}`).join('\n');
  const entry = sim.emit(rec('FATAL', 'lib.rs:478', msg, ['backtrace', stack, 'location', location, 'thread_name', thread], sim.tid('raftstore')));
  const raw = [
    `thread '${thread}' panicked at ${location}:23:`,
    msg,
    'stack backtrace:',
    ...FRAMES.flatMap(([f, at], i) => [`  ${String(i).padStart(2)}: ${f}`, `             at ${at}`]),
    'note: Some details are omitted, run with `RUST_BACKTRACE=full` for a verbose backtrace.',
  ];
  for (const line of raw) sim.emitRaw(line);
  return { entry, continuations: raw.length };
}
