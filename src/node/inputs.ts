import { closeSync, openSync, statSync } from 'node:fs';

export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Splits the paths a user gave into readable files and problems worth one clear line each. Checked up front so that
 * one bad path never stops the others from being processed.
 */
export function checkInputs(paths: readonly string[]): { files: string[]; problems: InputProblem[] } {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  for (const path of paths) {
    const problem = whyUnreadable(path);
    if (problem) problems.push({ path, message: problem });
    else files.push(path);
  }
  return { files, problems };
}

function whyUnreadable(path: string): string | undefined {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    return describe(err);
  }
  if (st.isDirectory()) return 'is a directory (pass the log files in it, e.g. dir/tikv*.log*)';
  if (!st.isFile()) return 'is not a regular file';
  try {
    closeSync(openSync(path, 'r'));
  } catch (err) {
    return describe(err);
  }
  return undefined;
}

export function describe(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ELOOP': return 'a symbolic link loop';
    case 'EISDIR': return 'is a directory';
    default: return err instanceof Error ? err.message : String(err);
  }
}
