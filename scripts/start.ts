// npm start: the main job on the bundled sample, in the terminal and then in a real VS Code. Prints the CLI's
// analysis of the #18243 sample, then serves VS Code (code-server, 127.0.0.1 only) with the extension installed
// and the samples open, and prints its URL. Ctrl+C stops it. `npm start -- --cli` stops after the terminal part.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { packageProblem, repoRoot, startServer } from '../test/e2e/code-server';

const samples = join(repoRoot, 'samples');
const sampleLogs = ['tikv-18243/tikv.log', 'tikv-18243/tikv-store2.log'].map((p) => join(samples, p));

const cli = spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'analyze', ...sampleLogs.map((p) => relative(process.cwd(), p))], { stdio: 'inherit' });
if (cli.status !== 0 && cli.status !== 1) process.exit(cli.status ?? 2);
if (process.argv.includes('--cli')) process.exit(0);

if (!existsSync(join(repoRoot, 'e2e/vscode-server/node_modules/.setup-e2e-done'))) {
  console.log('\nInstalling the local VS Code (code-server) once: about 3 minutes; `npm start -- --cli` skips it.');
  const setup = spawnSync('bash', [join(repoRoot, 'scripts/setup-e2e.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) process.exit(setup.status ?? 2);
}

// VS Code gets the extension as users do, from the packaged .vsix.
if (packageProblem() !== undefined) {
  console.log('\nPackaging the extension (npm run package)…');
  const pack = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, encoding: 'utf8' });
  if (pack.status !== 0) {
    console.error(`${pack.stdout}${pack.stderr}\nnpm run package failed.`);
    process.exit(pack.status ?? 2);
  }
}

function sampleFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of readdirSync(samples, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const name of readdirSync(join(samples, dir.name))) files[`${dir.name}/${name}`] = readFileSync(join(samples, dir.name, name), 'utf8');
  }
  return files;
}

async function serve(): Promise<void> {
  const server = await startServer(mkdtempSync(join(tmpdir(), 'tikv-trace-start-')), {
    workspace: { files: sampleFiles() },
    settings: { 'workbench.startupEditor': 'none' },
  });
  console.log(`\nVS Code with TiKV Trace: ${server.url}/?folder=${encodeURIComponent(server.workspaceDir)}`);
  console.log('Open tikv-18243/tikv.log: the stale-observe-reorder error is on its line and in the Problems panel. Ctrl+C stops.');
  const stop = async (): Promise<void> => { await server.stop(); process.exit(0); };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  setInterval(() => undefined, 1 << 30);
}

void serve();
