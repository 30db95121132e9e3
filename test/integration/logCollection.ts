// A log collection as `tiup diag collect` or a `kubectl cp` leaves it, made in a temp dir from committed logs: two
// TiKV stores with a rotated file each, other components' logs, an empty nested folder and a link back up the tree.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SCENARIOS = join(ROOT, 'test/fixtures/scenarios');

/** PD and TiDB write TiKV's unified format too; only the source (a Go file) tells them apart. */
export const PD_LINE = '[2025/02/24 14:29:58.004 +08:00] [INFO] [server.go:1323] ["PD server started"] [pd-id=1]\n';
export const TIDB_LINE = '[2025/02/24 14:29:58.010 +08:00] [INFO] [printer.go:47] ["Welcome to TiDB."] ["Release Version"=v8.1.1]\n';
/** TiFlash's proxy is TiKV code: its log is recognised by its name only. */
export const TIFLASH_PROXY_LINE = '[2025/02/24 14:29:58.020 +08:00] [INFO] [lib.rs:91] ["Welcome to TiFlash Proxy"]\n';

export interface Collection {
  readonly dir: string;
  /** Store folder → its files, oldest first, as absolute paths. */
  readonly stores: Readonly<Record<string, readonly string[]>>;
  readonly skipped: Readonly<Record<string, 'other-component' | 'not-tikv'>>;
  /** The link that leads back to the collection's root. */
  readonly loop: string;
}

/**
 * `10.0.1.5-20160/`: the #18243 reorder scenario rotated across two files (only read as one store does it prove
 * the reorder); `tikv-2/log/`: the healthy sample cut in two, as rotation would (named for `tikv-2`, not `log`).
 */
export function makeCollection(): Collection {
  const dir = mkdtempSync(join(tmpdir(), 'tikv-trace-collection-'));
  const write = (rel: string, text: string): string => {
    const path = join(dir, rel);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const healthy = readFileSync(join(ROOT, 'samples/healthy/tikv.log'), 'utf8').split(/(?<=\n)/);
  const store1 = [
    write('10.0.1.5-20160/tikv.log.2025-02-24T14-30-00.270', readFileSync(join(SCENARIOS, 'reorder-18243.rotated-1.log'), 'utf8')),
    write('10.0.1.5-20160/tikv.log', readFileSync(join(SCENARIOS, 'reorder-18243.rotated-2.log'), 'utf8')),
  ];
  const store2 = [
    write('tikv-2/log/tikv.log.1', healthy.slice(0, 1500).join('')),
    write('tikv-2/log/tikv.log', healthy.slice(1500).join('')),
  ];
  const skipped = {
    [write('pd-2379/log/pd.log', PD_LINE)]: 'other-component',
    [write('tidb-4000/log/tidb.log', TIDB_LINE)]: 'other-component',
    [write('tiflash-9000/log/tiflash_tikv.log', TIFLASH_PROXY_LINE)]: 'other-component',
    [write('10.0.1.5-20160/tikv.toml', '[server]\naddr = "0.0.0.0:20160"\n')]: 'not-tikv',
  } as const;
  mkdirSync(join(dir, 'empty', 'nested'), { recursive: true });
  const loop = join(dir, '10.0.1.5-20160', 'all-stores');
  symlinkSync('..', loop);
  return { dir, stores: { '10.0.1.5-20160': store1, 'tikv-2': store2 }, skipped, loop };
}
