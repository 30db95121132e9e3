// The TiKV logs below a folder: what `analyze DIR` and the editor's Analyze Folder… read. A log collection
// (`tiup diag collect`, a support bundle, `kubectl cp` of several pods) is a folder tree with one folder per host or
// store, other components' logs beside TiKV's, and sometimes links that lead back up the tree.
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { LogHeadKind } from '../core/parser';
import { storeKeyOf } from './analyze';
import { checkInputs, describe, type InputProblem } from './inputs';
import { fileHeadKind, HEAD_BYTES } from './logHead';

/** Why a file below a folder was not read. */
export type SkipReason = 'other-component' | 'not-tikv' | 'empty' | 'compressed' | 'not-a-file' | 'unreadable';

export interface SkippedFile {
  readonly path: string;
  readonly reason: SkipReason;
}

/** A file to analyse; `store` is set for the logs found below a folder (the folder's name). */
export interface InputLog {
  readonly path: string;
  readonly store?: string;
}

export interface CollectedInputs {
  /** Files given as such first, in the order given, then each folder's logs. */
  readonly logs: readonly InputLog[];
  /** Files below the folders that were not read, and why. */
  readonly skipped: readonly SkippedFile[];
  /** One line each, and exit code 2: unreadable paths, files and folders, a folder with no TiKV log below it. */
  readonly problems: readonly InputProblem[];
  /** One line each, not an error: links not followed because they lead to a folder already read. */
  readonly notes: readonly InputProblem[];
  /** How many of the paths given were folders. */
  readonly folders: number;
}

/** The file-system calls the walk makes: node:fs, or a test's stand-in (a root user can read every folder). */
export interface FolderFs {
  readdir(path: string): Dirent[];
  stat(path: string): { readonly dev: number; readonly ino: number; readonly size: number; isFile(): boolean; isDirectory(): boolean };
  headKind(path: string, buf: Buffer): LogHeadKind;
}

export const NODE_FS: FolderFs = {
  readdir: (path) => readdirSync(path, { withFileTypes: true }),
  stat: (path) => statSync(path),
  headKind: fileHeadKind,
};

/**
 * Logs of the other components a collection holds, known by name: needed for the ones written in TiKV's own
 * format from Rust (TiFlash's proxy, `tiflash_tikv.log`; TiKV's RocksDB loggers, `rocksdb.log`, `raftdb.log`),
 * which their first line cannot tell apart, and it saves reading the rest. Go and C++ components are also known by
 * their first line (`logHeadKind`).
 */
const OTHER_COMPONENT_NAME = /^(?:pd|tidb|tiflash|ticdc|cdc|tiproxy|pump|drainer|dm-master|dm-worker|lightning|dumpling|prometheus|grafana|alertmanager|rocksdb|raftdb)(?:[._-]|$)|stderr/i;
/** Rotated logs are often compressed: these cannot be read as they are, and the user should know it. */
const COMPRESSED_NAME = /\.(?:gz|tgz|zip|bz2|xz|zst|lz4|7z|tar)$/i;
/** A folder named only for holding logs (`tikv-20160/log/tikv.log`): the store is named for the folder above it. */
const GENERIC_FOLDER = /^(?:logs?)$/i;

/**
 * Splits what the user gave into logs to analyse: files as they are (each its own store, as `storeKeyOf` says),
 * folders walked for the TiKV logs below them. Nothing here stops at a bad path: each gets a line, and the rest
 * is still read.
 */
export function collectInputs(paths: readonly string[], fs: FolderFs = NODE_FS): CollectedInputs {
  const walk = new FolderWalk(fs);
  const files: string[] = [];
  const roots: string[] = [];
  const problems: InputProblem[] = [];
  for (const path of paths) {
    let isDir = false;
    try { isDir = fs.stat(path).isDirectory(); } catch { /* checkInputs says why */ }
    if (isDir) { roots.push(path); continue; }
    const checked = checkInputs([path]);
    problems.push(...checked.problems);
    for (const file of checked.files) {
      // The same file below a folder given too is read once, as the file given.
      if (walk.claim(file)) files.push(file);
    }
  }
  for (const root of roots) walk.root(root);
  const taken = new Set(files.map(storeKeyOf));
  return {
    logs: [...files.map((path) => ({ path })), ...walk.logs(taken)],
    skipped: walk.skipped,
    problems: [...problems, ...walk.problems],
    notes: walk.notes,
    folders: roots.length,
  };
}

/** Walks folders once each (by device and inode, so link loops end), judging each file by name and first line. */
class FolderWalk {
  readonly skipped: SkippedFile[] = [];
  readonly problems: InputProblem[] = [];
  readonly notes: InputProblem[] = [];
  private readonly found: string[] = [];
  /** Folders and files already read, by `dev:ino`, with the path they were first reached by. */
  private readonly seen = new Map<string, string>();
  /** One buffer for every file's head: a folder of 10,000 files allocates it once. */
  private readonly head = Buffer.allocUnsafe(HEAD_BYTES);

  constructor(private readonly fs: FolderFs) {}

  /** Marks a file given on its own as read; false if it was already. */
  claim(path: string): boolean {
    try {
      const st = this.fs.stat(path);
      return this.firstVisit(`${st.dev}:${st.ino}`, path) === undefined;
    } catch {
      return true;
    }
  }

  root(root: string): void {
    const logsBefore = this.found.length;
    const skippedBefore = this.skipped.length;
    const problemsBefore = this.problems.length;
    const read = this.walk(root);
    if (read && this.found.length === logsBefore) {
      const skipped = this.skipped.slice(skippedBefore);
      const unreadable = this.problems.length > problemsBefore ? ' readable' : '';
      this.problems.push({
        path: root,
        message: skipped.length === 0 ? `no TiKV log found below it (no${unreadable} files in it)`
          : `no TiKV log found below it; skipped ${skippedText(skipped)}`,
      });
    }
  }

  /** The TiKV logs found, each with its store's name (`taken`: names other inputs' stores already have). */
  logs(taken: ReadonlySet<string>): InputLog[] {
    const names = storeNames(this.found, taken);
    return this.found.map((path) => ({ path, store: names.get(storeKeyOf(path)) as string }));
  }

  /** The path a `dev:ino` was first reached by, or undefined (and it is recorded) if this is the first time. */
  private firstVisit(key: string, path: string): string | undefined {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, path);
    return first;
  }

  /**
   * Depth first, names in order (so the output is the same on every run); false if `root` itself was unreadable.
   * Links are followed last: a file or folder that is also reached without one is then known by its own path
   * (and its own folder's name), not the link's.
   */
  private walk(root: string): boolean {
    const stack = [root];
    const links: string[] = [];
    let rootRead = false;
    while (stack.length > 0 || links.length > 0) {
      if (stack.length === 0) {
        this.link(links.shift() as string, stack);
        continue;
      }
      const dir = stack.pop() as string;
      let entries: Dirent[];
      try {
        const st = this.fs.stat(dir);
        const first = this.firstVisit(`${st.dev}:${st.ino}`, dir);
        if (first !== undefined) {
          this.notes.push({ path: dir, message: first === dir ? 'given twice: read once' : `leads to ${first}, already read: not followed` });
          if (dir === root) return false;
          continue;
        }
        entries = this.fs.readdir(dir);
      } catch (err) {
        this.problems.push({ path: dir, message: describe(err) });
        continue;
      }
      if (dir === root) rootRead = true;
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) subdirs.push(path);
        else if (e.isFile()) this.file(path);
        else if (e.isSymbolicLink()) links.push(path);
        else this.skipped.push({ path, reason: 'not-a-file' });
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
    return rootRead;
  }

  private link(path: string, stack: string[]): void {
    let st;
    try {
      st = this.fs.stat(path);
    } catch (err) {
      // A dangling link or one that points at itself: nothing to read, and worth saying why.
      this.notes.push({ path, message: `${describe(err)}: not followed` });
      return;
    }
    if (st.isDirectory()) stack.push(path);
    else this.file(path);
  }

  private file(path: string): void {
    const name = basename(path);
    // By name first: these need no read at all.
    if (COMPRESSED_NAME.test(name)) { this.skipped.push({ path, reason: 'compressed' }); return; }
    if (OTHER_COMPONENT_NAME.test(name)) { this.skipped.push({ path, reason: 'other-component' }); return; }
    let kind: LogHeadKind;
    try {
      const st = this.fs.stat(path);
      // A file linked twice (or also given on its own) is read once.
      if (this.firstVisit(`${st.dev}:${st.ino}`, path) !== undefined) return;
      // Never open a FIFO or a device: reading one could block or never end.
      if (!st.isFile()) { this.skipped.push({ path, reason: 'not-a-file' }); return; }
      if (st.size === 0) { this.skipped.push({ path, reason: 'empty' }); return; }
      kind = this.fs.headKind(path, this.head);
    } catch (err) {
      this.problems.push({ path, message: describe(err) });
      this.skipped.push({ path, reason: 'unreadable' });
      return;
    }
    if (kind === 'tikv') this.found.push(path);
    else this.skipped.push({ path, reason: kind === 'other-component' ? 'other-component' : 'not-tikv' });
  }
}

/**
 * A store per folder and log family (a `tikv.log` and its rotated files: `storeKeyOf`), named for its folder
 * (`10.0.1.5-20160`, `tikv-2`), and for the family too when one folder holds several (`pods/tikv-0.log`). When
 * names clash (`a/tikv-1`, `b/tikv-1`), each takes as many folders above it as it needs to be told apart.
 */
export function storeNames(paths: readonly string[], taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const familiesByFolder = new Map<string, Set<string>>();
  for (const path of paths) {
    const folder = dirname(path);
    let families = familiesByFolder.get(folder);
    if (families === undefined) familiesByFolder.set(folder, (families = new Set()));
    families.add(storeKeyOf(path));
  }
  const labels = new Map<string, string[]>();
  /** Families that share a folder are named for the folder and the file: the folder alone would not tell them apart. */
  const shared = new Set<string>();
  for (const [folder, families] of familiesByFolder) {
    const segments = resolve(folder).split(sep).filter((s) => s !== '');
    while (segments.length > 1 && GENERIC_FOLDER.test(segments[segments.length - 1])) segments.pop();
    for (const family of families) {
      labels.set(family, families.size > 1 ? [...segments, basename(family)] : segments);
      if (families.size > 1) shared.add(family);
    }
  }
  const suffix = (segments: readonly string[], k: number): string => segments.slice(Math.max(0, segments.length - k)).join('/');
  // Suffixes of k folders are counted over all families at once (a collection can hold thousands of folders).
  // Names made of different numbers of folders never clash, so each family keeps the first k that is unique.
  const names = new Map<string, string>();
  const longest = Math.max(0, ...[...labels.values()].map((l) => l.length));
  for (let k = 1; k <= longest && names.size < labels.size; k++) {
    const counts = new Map<string, number>();
    for (const segments of labels.values()) {
      const s = suffix(segments, k);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const [family, segments] of labels) {
      const s = suffix(segments, k);
      const long = segments.length >= k && (k >= 2 || !shared.has(family));
      if (!names.has(family) && long && counts.get(s) === 1 && !taken.has(s)) names.set(family, s);
    }
  }
  // Left: families whose labels are the same all the way up (`x/tikv.log`, `x/log/tikv.log`): named by path, as files are.
  for (const family of labels.keys()) if (!names.has(family)) names.set(family, family);
  return names;
}

/** Each reason for one file and for several. */
const REASON_TEXT: Record<SkipReason, readonly [string, string]> = {
  'other-component': ["other component's log", "other components' logs"],
  'not-tikv': ['not a TiKV log', 'not TiKV logs'],
  empty: ['empty', 'empty'],
  compressed: ['compressed (decompress it to read it)', 'compressed (decompress them to read them)'],
  'not-a-file': ['not a regular file', 'not regular files'],
  unreadable: ['unreadable', 'unreadable'],
};

/** `37 other files: 30 other components' logs (pd.log, tidb.log, tiflash.log, …), 7 not TiKV logs (tikv.toml)`. */
export function skippedText(skipped: readonly SkippedFile[]): string {
  const byReason = skippedByReason(skipped);
  const reasons = (Object.keys(byReason) as SkipReason[]).sort((a, b) => (byReason[b] ?? 0) - (byReason[a] ?? 0));
  const parts = reasons.map((reason) => {
    const count = byReason[reason] ?? 0;
    // Names, not paths: a collection has a pd.log in every PD folder, and the line must stay a line.
    const names = [...new Set(skipped.filter((s) => s.reason === reason).map((s) => basename(s.path)))];
    const shown = names.slice(0, 3).join(', ') + (names.length > 3 ? ', …' : '');
    return `${count} ${REASON_TEXT[reason][count === 1 ? 0 : 1]} (${shown})`;
  });
  return `${skipped.length} other file${skipped.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export function skippedByReason(skipped: readonly SkippedFile[]): Partial<Record<SkipReason, number>> {
  const out: Partial<Record<SkipReason, number>> = {};
  for (const s of skipped) out[s.reason] = (out[s.reason] ?? 0) + 1;
  return out;
}

/** The stores the logs make up, as the analysis will name them. */
export function storesOf(logs: readonly InputLog[]): Set<string> {
  return new Set(logs.map((l) => l.store ?? storeKeyOf(l.path)));
}

/** `read 12 TiKV logs in 4 stores; skipped 37 other files: …`: what a folder analysis took and left. */
export function takenText(inputs: CollectedInputs): string {
  const stores = storesOf(inputs.logs).size;
  const taken = `read ${inputs.logs.length} TiKV log${inputs.logs.length === 1 ? '' : 's'} in ${stores} store${stores === 1 ? '' : 's'}`;
  return inputs.skipped.length === 0 ? taken : `${taken}; skipped ${skippedText(inputs.skipped)}`;
}
