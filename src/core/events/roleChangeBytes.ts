// The hottest line of an incident log, read from its bytes: during an election storm a third or more of all lines
// are `became <role> at term N`. Building a full entry for each (decoded text, a field object with two ranges per
// field) was most of the scan cost, so a canonical role-change line goes from bytes straight to its event. Anything
// this reader is not sure about (a quoted or escaped field, a damaged line) returns undefined and takes the full
// parser, which stays the authority: a differential test pins the two to the same event on every line.
import { bytesAre } from '../parser/quickHeader';
import { parseUnifiedTimeAt, UNIFIED_TIME_LENGTH } from '../parser/timestamp';
import type { RaftRole, RoleChangeEvent } from './types';
import type { Draft } from './fields';

const SPACE = 32, QUOTE = 34, EQUALS = 61, LBRACKET = 91, RBRACKET = 93, TAB = 9;

const BECAME = 'became ';
const AT_TERM = ' at term ';
const ROLES: readonly RaftRole[] = ['follower', 'pre-candidate', 'candidate', 'leader'];

/** The role word at `i` when " at term " follows it, or undefined. */
function roleAt(b: Uint8Array, i: number, end: number): RaftRole | undefined {
  for (const role of ROLES) if (bytesAre(b, i, end, role) && bytesAre(b, i + role.length, end, AT_TERM)) return role;
  return undefined;
}

function latin1(b: Uint8Array, from: number, to: number): string {
  // Ids and role names are ASCII: String.fromCharCode over a few bytes beats a Buffer decode here.
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k]);
  return s;
}

/** A raw (unquoted) token: the bytes TiKV leaves unquoted, as the unified scanner reads them. */
function rawEnd(b: Uint8Array, i: number, end: number): number {
  let j = i;
  while (j < end) {
    const c = b[j];
    if (c <= SPACE || c === QUOTE || c === EQUALS || c === LBRACKET || c === RBRACKET) break;
    j++;
  }
  return j;
}

function isId(b: Uint8Array, from: number, to: number): boolean {
  if (to <= from || to - from > 20) return false;
  for (let k = from; k < to; k++) if (b[k] < 48 || b[k] > 57) return false;
  return true;
}

function isWord(b: Uint8Array, from: number, to: number): boolean {
  if (to <= from || to - from > 20) return false;
  for (let k = from; k < to; k++) {
    const c = b[k];
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95)) return false;
  }
  return true;
}

/**
 * The role-change event of the canonical unified line `b[start, end)` whose message text starts at `msg` (as
 * quickUnifiedHeader returns it), or undefined when the line is not one this reader vouches for.
 */
export function roleChangeFromBytes(b: Uint8Array, start: number, end: number, msg: number, file: number, line: number): RoleChangeEvent | undefined {
  if (b[msg - 1] !== QUOTE || !bytesAre(b, msg, end, BECAME)) return undefined;
  const role = roleAt(b, msg + BECAME.length, end);
  if (role === undefined) return undefined;
  const termStart = msg + BECAME.length + role.length + AT_TERM.length;
  let p = termStart;
  while (p < end && b[p] >= 48 && b[p] <= 57) p++;
  if (p === termStart || b[p] !== QUOTE || b[p + 1] !== RBRACKET) return undefined;
  const termEnd = p;
  p += 2;

  let n = end;
  while (n > p && (b[n - 1] === SPACE || b[n - 1] === TAB)) n--;
  // First occurrence of each key wins, as fieldValue reads it; -1 start = absent.
  let rIdS = -1, rIdE = -1, regS = -1, regE = -1, peerS = -1, peerE = -1, raftS = -1, raftE = -1;
  let fromS = -1, fromE = -1, storeS = -1, storeE = -1;
  while (p < n) {
    if (b[p] !== SPACE || b[p + 1] !== LBRACKET) return undefined;
    const keyS = p + 2;
    const keyE = rawEnd(b, keyS, n);
    if (keyE === keyS || b[keyE] !== EQUALS) return undefined;
    const valS = keyE + 1;
    const valE = rawEnd(b, valS, n);
    if (b[valE] !== RBRACKET) return undefined;
    switch (keyE - keyS) {
      case 4:
        if (rIdS < 0 && bytesAre(b, keyS, keyE, 'r.id')) { rIdS = valS; rIdE = valE; }
        break;
      case 7:
        if (peerS < 0 && bytesAre(b, keyS, keyE, 'peer_id')) { peerS = valS; peerE = valE; }
        else if (raftS < 0 && bytesAre(b, keyS, keyE, 'raft_id')) { raftS = valS; raftE = valE; }
        break;
      case 8:
        if (storeS < 0 && bytesAre(b, keyS, keyE, 'store_id')) { storeS = valS; storeE = valE; }
        break;
      case 9:
        if (regS < 0 && bytesAre(b, keyS, keyE, 'region_id')) { regS = valS; regE = valE; }
        else if (fromS < 0 && bytesAre(b, keyS, keyE, 'from_role')) { fromS = valS; fromE = valE; }
        break;
      default:
        break;
    }
    p = valE + 1;
  }

  let regionId: string | undefined;
  if (rIdS >= 0 && isId(b, rIdS, rIdE)) regionId = latin1(b, rIdS, rIdE);
  else if (regS >= 0 && isId(b, regS, regE)) regionId = latin1(b, regS, regE);
  if (regionId === undefined) return undefined;

  let ts: number | null = null;
  if (b[start] === LBRACKET) {
    ts = parseUnifiedTimeAt(latin1(b, start + 1, start + 1 + UNIFIED_TIME_LENGTH), 0);
    if (ts === null) return undefined;
  }
  const ev: Draft<RoleChangeEvent> = { file, line, ts, type: 'role-change', regionId, role, term: latin1(b, termStart, termEnd) };
  if (peerS >= 0 && isId(b, peerS, peerE)) ev.peerId = latin1(b, peerS, peerE);
  else if (raftS >= 0 && isId(b, raftS, raftE)) ev.peerId = latin1(b, raftS, raftE);
  if (fromS >= 0 && isWord(b, fromS, fromE)) ev.fromRole = latin1(b, fromS, fromE);
  if (storeS >= 0 && isId(b, storeS, storeE)) ev.storeHint = latin1(b, storeS, storeE);
  return ev;
}
