import { parseArgs } from 'node:util';
import { checkInputs } from './inputs';
import { collectStats, totalStats, writeNdjson } from './parseCommand';
import { describeStats } from './format';
import { OutputBuffer } from './outputBuffer';
import { storeKeyOf } from './analyze';
import { runInWorker } from './analysisRunner';
import { emptyStats } from '../core/lineStats';
import { reportJson } from './reportJson';
import { ANSI, findingText, PLAIN, regionText, summaryText } from './reportText';
import { collectInputs, takenText } from './logFolder';

const USAGE = `usage: tikv-trace <command> [options] FILE|DIR...

commands:
  parse FILE...            one NDJSON object per input line (see README: "parse output")
  parse --stats FILE...    a summary instead: lines by kind, unparsed by reason, formats, time range, MB/s
        --json             with --stats: the summary as one JSON object
  analyze FILE|DIR...      findings with their causal chain and the region's queue (issued vs processed);
                           rotated files of one store and several stores' logs are analysed together;
                           a folder: the TiKV logs below it, one store per folder (other logs skipped)
        --format text|json text (default; colour on a terminal) or the JSON documented in the README
        --region ID        also the region's roles, subscription and processed ops in each store, in log order

exit codes: parse: 0 files read; analyze: 0 no error finding, 1 an error finding;
            both: 2 bad usage or an unreadable file (the other files are still processed)`;

// Each command's options, read by node:util's parseArgs with `strict`: an unknown option, a value given to a flag
// (`--json=1`) or an option of the other command is bad usage, never silently ignored.
const OPTIONS = {
  parse: { stats: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
  analyze: { format: { type: 'string' }, region: { type: 'string' }, help: { type: 'boolean' } },
} as const;

type Command = keyof typeof OPTIONS;

interface Args<C extends Command> {
  values: { [K in keyof (typeof OPTIONS)[C]]?: (typeof OPTIONS)[C][K] extends { type: 'string' } ? string : boolean };
  paths: string[];
}

/** The command's options and paths, or the one line that says what is wrong with them. */
function argsOf<C extends Command>(command: C, argv: readonly string[]): Args<C> | string {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS[command], strict: true, allowPositionals: true });
    return { values: values as Args<C>['values'], paths: positionals };
  } catch (err) {
    return `${command}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function fail(message: string): number {
  process.stderr.write(`tikv-trace: ${message}\n`);
  return 2;
}

async function runParse(args: Args<'parse'>): Promise<number> {
  if (args.paths.length === 0) return fail(`parse: no FILE given\n${USAGE}`);
  const { files, problems } = checkInputs(args.paths);
  for (const p of problems) process.stderr.write(`tikv-trace: ${p.path}: ${p.message}\n`);
  const started = performance.now();
  if (args.values.stats === true) {
    const perFile = await collectStats(files);
    const total = totalStats(perFile);
    const ms = performance.now() - started;
    const mbPerSec = total.bytes / 1e6 / (ms / 1000);
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    if (args.values.json === true) {
      process.stdout.write(JSON.stringify({ ...total, ms: Math.round(ms), mbPerSec, peakRssMB, files: perFile, problems }) + '\n');
    } else {
      for (const f of perFile) process.stdout.write(describeStats(f.path, f) + '\n');
      if (perFile.length > 1) process.stdout.write(describeStats('total', total) + '\n');
      process.stdout.write(`parsed in ${(ms / 1000).toFixed(2)} s (${mbPerSec.toFixed(1)} MB/s), peak RSS ${peakRssMB.toFixed(0)} MB\n`);
    }
  } else {
    writeNdjson(files, new OutputBuffer((s) => process.stdout.write(s)));
  }
  return problems.length > 0 ? 2 : 0;
}

async function runAnalyze(args: Args<'analyze'>): Promise<number> {
  const format = args.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return fail(`analyze: --format must be text or json, not '${format}'`);
  const regionId = args.values.region;
  if (regionId !== undefined && !/^\d{1,20}$/.test(regionId)) return fail(`analyze: --region takes a region id (digits), not '${regionId}'`);
  if (args.paths.length === 0) return fail(`analyze: no FILE or DIR given\n${USAGE}`);
  // Folders are walked for the TiKV logs below them; each bad path, file or folder gets its line, the rest is read.
  const inputs = collectInputs(args.paths);
  const { problems } = inputs;
  for (const p of problems) process.stderr.write(`tikv-trace: ${p.path}: ${p.message}\n`);
  for (const p of inputs.notes) process.stderr.write(`tikv-trace: note: ${p.path}: ${p.message}\n`);
  const style = process.stdout.isTTY && !process.env.NO_COLOR ? ANSI : PLAIN;
  const analysed = inputs.logs.map((l) => ({ path: l.path, store: l.store ?? storeKeyOf(l.path), stats: emptyStats() }));
  // The analysis runs in a worker thread with a bounded heap (see analysisRunner), which is what keeps peak
  // memory flat on a 1 GB log; this thread only prints.
  const timelines = regionId === undefined ? 'none' : { regionId };
  const run = runInWorker(__dirname, { inputs: inputs.logs, disabledRules: [], timelines }, {
    // Text is written as each finding becomes certain, so a long log shows its first answer early.
    onFinding: (f) => { if (format === 'text') process.stdout.write(findingText(f, analysed, style) + '\n'); },
    onProgress: () => undefined,
  });
  let report;
  try {
    report = await run.done;
  } catch (err) {
    return fail(`analysis failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (format === 'json') {
    // maxRSS is the whole process's, the analysis threads included.
    const peakRssMB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify(reportJson(report, { peakRssMB, problems, regionId, skipped: inputs.skipped, notes: inputs.notes }), null, 2) + '\n');
  } else {
    if (regionId !== undefined) process.stdout.write(regionText(report, regionId, style) + '\n');
    // Only a folder leaves something to account for: files given one by one are all read or named on stderr.
    process.stdout.write(summaryText(report, style, inputs.folders > 0 ? takenText(inputs) : undefined));
  }
  if (problems.length > 0) return 2;
  return report.result.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') return usage();
  switch (command) {
    case 'parse': {
      const args = argsOf('parse', rest);
      if (typeof args === 'string') return fail(`${args}\n${USAGE}`);
      return args.values.help === true ? usage() : runParse(args);
    }
    case 'analyze': {
      const args = argsOf('analyze', rest);
      if (typeof args === 'string') return fail(`${args}\n${USAGE}`);
      return args.values.help === true ? usage() : runAnalyze(args);
    }
    case undefined: return fail(`no command given\n${USAGE}`);
    default: return fail(`unknown command '${command}'\n${USAGE}`);
  }
}

function usage(): number {
  process.stdout.write(USAGE + '\n');
  return 0;
}

// A reader that closes the pipe early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    // Reaching here is a bug in tikv-trace, never the log's fault: say so plainly.
    process.stderr.write(`tikv-trace: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
