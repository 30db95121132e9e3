// raft-rs lines exactly as TiKV prints them (reference b.1). Every builder returns the fields in print
// order: the call's own pairs reversed, then the logger context (raft_id [peer_id] region_id).
import { rec, type LogRec, type Value } from './record';
import { raftContext, type Region } from './region';

export type Role = 'Follower' | 'Candidate' | 'PreCandidate' | 'Leader';
export type VoteType = 'MsgRequestVote' | 'MsgRequestPreVote';

const SRC = {
  follower: 'raft.rs:1164',
  candidate: 'raft.rs:1189',
  preCandidate: 'raft.rs:1215',
  leader: 'raft.rs:1273',
  election: 'raft.rs:1571',
  broadcast: 'raft.rs:1335',
  votes: 'raft.rs:2259',
  higher: 'raft.rs:1401',
  lower: 'raft.rs:1470',
  castVote: 'raft.rs:1620',
  rejectVote: 'raft.rs:1636',
  transfer: 'raft.rs:1959',
  timeoutNow: 'raft.rs:2402',
} as const;

function raft(r: Region, src: string, msg: string, own: Value[], tid: number): LogRec {
  return rec('INFO', src, msg, own.concat(raftContext(r)), tid);
}

export function startingElection(r: Region, term: number, tid: number): LogRec {
  return raft(r, SRC.election, 'starting a new election', ['term', term], tid);
}

export function becamePreCandidate(r: Region, term: number, tid: number): LogRec {
  return raft(r, SRC.preCandidate, `became pre-candidate at term ${term}`, ['term', term], tid);
}

export function becameCandidate(r: Region, term: number, tid: number): LogRec {
  return raft(r, SRC.candidate, `became candidate at term ${term}`, ['term', term], tid);
}

export function becameLeader(r: Region, term: number, tid: number): LogRec {
  return raft(r, SRC.leader, `became leader at term ${term}`, ['term', term], tid);
}

/** `fromRole` null is raft-rs before May 2024 (PR #546), which did not print it. */
export function becameFollower(r: Region, term: number, fromRole: Role | null, tid: number): LogRec {
  const own: Value[] = fromRole === null ? ['term', term] : ['from_role', fromRole, 'term', term];
  return raft(r, SRC.follower, `became follower at term ${term}`, own, tid);
}

export function broadcastVote(r: Region, to: readonly number[], logIndex: number, logTerm: number, term: number, type: VoteType, tid: number): LogRec {
  return raft(r, SRC.broadcast, 'broadcasting vote request',
    ['to', `[${to.join(', ')}]`, 'log_index', logIndex, 'log_term', logTerm, 'term', term, 'type', type], tid);
}

export function votesResponse(r: Region, term: number, type: VoteType, approvals: number, rejections: number, from: number, vote: boolean, tid: number): LogRec {
  return raft(r, SRC.votes, 'received votes response',
    ['term', term, 'type', `${type}Response`, 'approvals', approvals, 'rejections', rejections, 'from', from, 'vote', vote], tid);
}

export function higherTerm(r: Region, from: number, msgType: string, messageTerm: number, term: number, tid: number): LogRec {
  return raft(r, SRC.higher, `received a message with higher term from ${from}`,
    ['msg type', msgType, 'message_term', messageTerm, 'term', term, 'from', from], tid);
}

export function lowerTerm(r: Region, from: number, msgType: string, msgTerm: number, term: number, tid: number): LogRec {
  return raft(r, SRC.lower, `ignored a message with lower term from ${from}`,
    ['msg term', msgTerm, 'msg type', msgType, 'term', term, 'from', from], tid);
}

export interface VoteLogPos {
  logTerm: number;
  index: number;
}

export function castVote(r: Region, msgType: VoteType, from: number, vote: number, mine: VoteLogPos, theirs: VoteLogPos, term: number, tid: number): LogRec {
  return raft(r, SRC.castVote,
    `[logterm: ${mine.logTerm}, index: ${mine.index}, vote: ${vote}] cast vote for ${from} [logterm: ${theirs.logTerm}, index: ${theirs.index}] at term ${term}`,
    ['msg type', msgType, 'term', term, 'msg_index', theirs.index, 'msg_term', theirs.logTerm, 'from', from, 'vote', vote,
      'log_index', mine.index, 'log_term', mine.logTerm], tid);
}

export function transferLeadership(r: Region, term: number, to: number, tid: number): LogRec {
  return raft(r, SRC.transfer, `[term ${term}] starts to transfer leadership to ${to}`, ['lead_transferee', to, 'term', term], tid);
}

export function timeoutNow(r: Region, term: number, from: number, tid: number): LogRec {
  return raft(r, SRC.timeoutNow, `[term ${term}] received MsgTimeoutNow from ${from} and starts an election to get leadership.`,
    ['from', from, 'term', term], tid);
}
