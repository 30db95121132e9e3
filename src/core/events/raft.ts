// Raft role changes, from raft-rs through slog (unified/JSON) or the log crate (2.x/1.x, whose
// `[region R] P` prefix the parser turns into region_id/peer_id fields).
import type { LogEntry } from '../record';
import { firstIdField, idField, regionOfEntry, withBase, type Draft } from './fields';
import type { ElectionEvent, RaftRole, RoleChangeEvent } from './types';

export const BECAME_RE = /^became (follower|pre-candidate|candidate|leader) at term (\d+)$/;
export const OLD_ELECTION_RE = /^is starting a new election at term (\d+)$/;

/** raftstore v1 has only raft_id (= the peer id); v2 adds peer_id; old formats synthesise peer_id. */
function peerOf(entry: LogEntry): string | undefined {
  return firstIdField(entry, ['peer_id', 'raft_id']);
}

export function roleChange(entry: LogEntry, file: number): RoleChangeEvent | undefined {
  const m = BECAME_RE.exec(entry.message);
  const regionId = regionOfEntry(entry);
  if (m === null || regionId === undefined) return undefined;
  const ev: Draft<RoleChangeEvent> = {
    file,
    line: entry.line,
    ts: entry.ts,
    type: 'role-change',
    regionId,
    role: m[1] as RaftRole,
    term: m[2],
  };
  const peerId = peerOf(entry);
  if (peerId !== undefined) ev.peerId = peerId;
  const fromRole = entry.fields.find((f) => f.key === 'from_role')?.value;
  if (fromRole !== undefined && /^\w{1,20}$/.test(fromRole)) ev.fromRole = fromRole;
  return withBase(ev, entry);
}

export function election(entry: LogEntry, file: number): ElectionEvent | undefined {
  const regionId = regionOfEntry(entry);
  if (regionId === undefined) return undefined;
  const ev: Draft<ElectionEvent> = { file, line: entry.line, ts: entry.ts, type: 'election', regionId };
  const peerId = peerOf(entry);
  if (peerId !== undefined) ev.peerId = peerId;
  const term = OLD_ELECTION_RE.exec(entry.message)?.[1] ?? idField(entry, 'term');
  if (term !== undefined) ev.term = term;
  return withBase(ev, entry);
}
