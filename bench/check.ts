// Benchmark of `pyguard check requests flask boto3` against the local index of real packages, with a cold cache
// (fresh --cache-dir) and then warm (same folder again): wall time, peak RSS (/usr/bin/time -v), files and bytes scanned.
// Usage: node --import tsx bench/check.ts

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRealIndex } from '../scripts/build-real-index.ts';
import { startIndexServer } from '../src/index-server/index.ts';
import type { AuditResult } from '../src/model/result.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';
export const CHECK_REQUIREMENTS = ['requests', 'flask', 'boto3'];

export interface CheckBenchRow {
  /** e.g. "check requests flask boto3 (cold cache)". */
  name: string;
  seconds: number;
  peakRssMb: number;
  targets: number;
  files: number;
  /** Bytes of the distribution files checked. */
  archiveBytes: number;
  /** Uncompressed bytes of the files scanned. */
  scannedBytes: number;
  exitCode: number;
}

interface Measured {
  code: number;
  seconds: number;
  peakRssKb: number;
  stderr: string;
}

/** Runs the command under /usr/bin/time -v; exit codes are returned, not thrown. */
function timed(command: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((done, fail) => {
    const started = performance.now();
    execFile(TIME, ['-v', ...command], { cwd: REPO, env, maxBuffer: 256 << 20, timeout: 20 * 60_000 }, (error, _stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      const code = error ? (typeof error.code === 'number' ? error.code : NaN) : 0;
      if (Number.isNaN(code)) return fail(error);
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      done({ code, seconds, peakRssKb: rss ? Number(rss[1]) : NaN, stderr });
    });
  });
}

/** The gist of the child's own stderr (before the report /usr/bin/time -v appends): its unindented lines, last three. */
function childStderr(stderr: string): string {
  const end = stderr.search(/^(Command exited with non-zero status|\tCommand being timed)/m);
  const lines = (end < 0 ? stderr : stderr.slice(0, end)).split('\n');
  return lines.filter((line) => /^[^\s{}]/.test(line) && !line.startsWith('Node.js v')).slice(-3).join(' | ');
}

function summarize(name: string, measured: Measured, result: AuditResult): CheckBenchRow {
  const files = result.targets.flatMap((t) => t.files);
  return {
    name,
    seconds: Math.round(measured.seconds * 100) / 100,
    peakRssMb: Math.round(measured.peakRssKb / 102.4) / 10,
    targets: result.targets.length,
    files: result.summary?.files ?? files.length,
    archiveBytes: result.targets.reduce((sum, t) => sum + (t.size ?? 0), 0),
    scannedBytes: files.reduce((sum, f) => sum + f.size, 0),
    exitCode: measured.code,
  };
}

/** Cold then warm `pyguard check requests flask boto3` against the real index (built or reused first). */
export async function benchCheck(): Promise<CheckBenchRow[]> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is missing: apt-get install time`);
  const { out } = await buildRealIndex();
  const server = await startIndexServer({ root: out, port: 0 });
  const work = await mkdtemp(join(tmpdir(), 'pyguard-bench-check-'));
  try {
    const rows: CheckBenchRow[] = [];
    for (const phase of ['cold', 'warm']) {
      const json = join(work, `${phase}.json`);
      const command = [process.execPath, '--import', 'tsx', join(REPO, 'src', 'cli.ts'), 'check', ...CHECK_REQUIREMENTS,
        '--index-url', server.simpleUrl, '--isolated', '--cache-dir', join(work, 'cache'), '--json', json];
      const measured = await timed(command, { ...process.env, NO_COLOR: '1' });
      const failure = (): Error =>
        new Error(`pyguard check exited ${measured.code}: ${childStderr(measured.stderr)}`);
      if (measured.code !== 0 && measured.code !== 1) throw failure();
      const result = (await readFile(json, 'utf8').then(JSON.parse, () => Promise.reject(failure()))) as AuditResult;
      rows.push(summarize(`check ${CHECK_REQUIREMENTS.join(' ')} (${phase} cache)`, measured, result));
    }
    return rows;
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** The rows as a fixed-width table. */
export function formatCheckRows(rows: CheckBenchRow[]): string {
  const megabytes = (bytes: number): string => (bytes / 1_048_576).toFixed(1);
  const lines = ['pyguard check on the real-package index', 'run                                          wall s  peak RSS MB  targets  files  archive MB  scanned MB  exit'];
  for (const row of rows) {
    lines.push(
      `${row.name.padEnd(44)} ${row.seconds.toFixed(2).padStart(6)} ${row.peakRssMb.toFixed(1).padStart(12)} ${String(row.targets).padStart(8)} ${String(row.files).padStart(6)} ${megabytes(row.archiveBytes).padStart(11)} ${megabytes(row.scannedBytes).padStart(11)} ${String(row.exitCode).padStart(5)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchCheck().then(
    (rows) => console.log(formatCheckRows(rows)),
    (error: unknown) => {
      console.error(`bench/check: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
