// `npm run bench`: a report, never a test. Builds the bundle, then measures scans of real code against bare
// parsing and bandit, scaling over 1×, 2× and 4× the corpus, and `check` of two real-package trees with a cold and
// a warm cache. Prints the tables and writes them to bench/results.md. The figures depend on the machine's load:
// run it on a quiet machine, and more than once.
// Usage: npm run bench [-- --debs FOLDER] [--only check|scan]
//   FOLDER: where the large index's .debs are downloaded and reused; --only check or --only scan: that section alone
//   (the scans of the wheels' source and of the standard library, without the scaling runs); its figures are
//   printed, bench/results.md is left as it is.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_HEADER, benchCheck, checkTable } from './check.ts';
import { stdlibCorpus, wheelsCorpus } from './corpus.ts';
import { markdownTable, table } from './measure.ts';
import {
  OVERHEAD_HEADER,
  SCAN_HEADER,
  SCALING_HEADER,
  benchScaling,
  benchScan,
  overheadTable,
  scalingTable,
  scanTable,
} from './scan.ts';

const REPO = new URL('..', import.meta.url).pathname;
const log = (line: string): void => console.error(`bench: ${line}`);
const at = process.argv.indexOf('--debs');
const debFolder = at >= 0 ? process.argv[at + 1] : undefined;
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only !== undefined && only !== 'check' && only !== 'scan')
  throw new Error(`--only: expected "check" or "scan", got "${only}"`);

execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts', 'build.mjs')], {
  cwd: REPO,
  stdio: 'inherit',
});
const work = mkdtempSync(join(tmpdir(), 'pyguard-bench-'));
const loadBefore = loadavg()[0];
const started = new Date();
const sections: [string, string[], (string | number)[][]][] = [];

/** Prints a finished section and rewrites bench/results.md with every section so far (a long run keeps its figures). */
function report(title: string, header: string[], rows: (string | number)[][]): void {
  sections.push([title, header, rows]);
  console.log(`\n${title}\n${table(header, rows)}`);
  const machine = `${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} now`;
  const markdown = [
    '# pyguard benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts), started ${started.toISOString()}, last section at ${new Date().toISOString()}: ${machine}.`,
    'CPU is user + system time over all threads. A shared machine makes every figure noisy; compare runs made under the same load.',
    ...sections.flatMap(([name, head, body]) => ['', `## ${name}`, '', markdownTable(head, body)]),
    '',
  ].join('\n');
  writeFileSync(join(REPO, 'bench', 'results.md'), markdown);
}

/** Every section, written to bench/results.md as each one finishes. */
async function fullRun(): Promise<void> {
  const wheels = await wheelsCorpus(work);
  const scans = [await benchScan(wheels, work, log)];
  report('Scan: pyguard vs bare parsing vs bandit', SCAN_HEADER, scanTable(scans));
  report('Analysis cost over bare parsing', OVERHEAD_HEADER, overheadTable(scans));
  report(
    '`pyguard check` on local indexes of real packages (--no-osv)',
    CHECK_HEADER,
    checkTable(await benchCheck(log, debFolder)),
  );
  report(
    "Scaling: `pyguard scan` of the wheels' source copied k times",
    SCALING_HEADER,
    scalingTable(await benchScaling(wheels, work, log)),
  );
  scans.push(await benchScan(stdlibCorpus(work), work, log));
  sections.splice(0, 2);
  report('Scan: pyguard vs bare parsing vs bandit', SCAN_HEADER, scanTable(scans));
  report('Analysis cost over bare parsing', OVERHEAD_HEADER, overheadTable(scans));
  log('wrote bench/results.md');
}

const loadNow = (): string => `load average ${loadBefore.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} now`;

/** The `check` section alone, printed only. */
async function checkOnly(): Promise<void> {
  const rows = checkTable(await benchCheck(log, debFolder));
  console.log(`\n\`pyguard check\` (--no-osv), ${loadNow()}\n${table(CHECK_HEADER, rows)}`);
}

/** The scan section alone (both corpora, no scaling), printed only. */
async function scanOnly(): Promise<void> {
  const scans = [await benchScan(await wheelsCorpus(work), work, log), await benchScan(stdlibCorpus(work), work, log)];
  console.log(`\nScan: pyguard vs bare parsing vs bandit, ${loadNow()}\n${table(SCAN_HEADER, scanTable(scans))}`);
  console.log(`\nAnalysis cost over bare parsing\n${table(OVERHEAD_HEADER, overheadTable(scans))}`);
}

try {
  await (only === 'check' ? checkOnly() : only === 'scan' ? scanOnly() : fullRun());
} finally {
  rmSync(work, { recursive: true, force: true });
}
