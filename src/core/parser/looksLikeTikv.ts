import { LineParser } from './lineParser';

/**
 * Whether the start of a file is a TiKV log in any format the parser reads (unified, JSON, pre-4.0, pasted
 * shapes): its first non-blank line is an entry. The editor asks this of `.log` files that VS Code's own `log`
 * language has claimed; `head` is the file's first few KB, decoded (a line cut at the end of it is not judged).
 */
export function looksLikeTikvLog(head: string): boolean {
  const parser = new LineParser();
  let pos = 0;
  for (let line = 1; pos < head.length; line++) {
    const nl = head.indexOf('\n', pos);
    if (nl < 0) return false;
    const parsed = parser.parse(head.slice(pos, nl), line, pos);
    if (parsed.kind !== 'blank') return parsed.kind === 'entry';
    pos = nl + 1;
  }
  return false;
}
