// Scan benchmark on real code (the standard library, the pip + setuptools wheels' source): bare tree-sitter parsing
// and pyguard's analysis on the worker pool in this process (1 worker and all cores), `pyguard scan DIR` from the
// bundle (1 worker and all cores), and `bandit -q -r DIR -f json` on the same folder; then pyguard's scan of the
// wheels' source copied 1, 2 and 4 times (scaling).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool } from '../src/analysis/pool.ts';
import { type Corpus, pythonFiles, scaledCorpus } from './corpus.ts';
import { inProcess, timed, type Measured } from './measure.ts';

const REPO = new URL('..', import.meta.url).pathname;
const CORES = availableParallelism();

export interface Timing {
  wall: number;
  cpu: number;
  peakRssMb?: number;
}

export interface ScanRow {
  corpus: Corpus;
  parse1: Timing;
  parseAll: Timing;
  analyze1: Timing;
  cli1: Timing;
  cliAll: Timing;
  bandit: Timing;
}

async function onPool(corpus: Corpus, workers: number, mode: 'parse' | 'analyze'): Promise<Timing> {
  const jobs = pythonFiles(corpus.dir).map((path) => ({
    path: path.slice(corpus.dir.length + 1),
    bytes: readFileSync(path),
  }));
  const pool = new AnalysisPool(workers);
  try {
    await Promise.all(jobs.slice(0, 4 * workers).map((job) => pool.run(job, 'parse'))); // start the workers
    return await inProcess(() => Promise.all(jobs.map((job) => pool.run(job, mode))));
  } finally {
    await pool.close();
  }
}

function ok(measured: Measured, what: string, codes = [0, 1]): Timing {
  if (!codes.includes(measured.code))
    throw new Error(`${what} exited ${measured.code}: ${measured.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return { wall: measured.wall, cpu: measured.cpu, peakRssMb: measured.peakRssMb };
}

/** `pyguard scan DIR` from the bundle, without the result cache. */
export async function cliScan(dir: string, workers: number, work: string): Promise<Timing> {
  const command = [
    process.execPath,
    join(REPO, 'dist', 'cli.js'),
    'scan',
    dir,
    '--no-cache',
    '--json',
    join(work, 'scan.json'),
  ];
  return ok(
    await timed(command, { env: { ...process.env, PYGUARD_WORKERS: String(workers), NO_COLOR: '1' } }),
    'pyguard scan',
  );
}

export async function banditScan(dir: string, work: string): Promise<Timing> {
  return ok(await timed(['bandit', '-q', '-r', dir, '-f', 'json', '-o', join(work, 'bandit.json')]), 'bandit');
}

export async function benchScan(corpus: Corpus, work: string, log: (line: string) => void): Promise<ScanRow> {
  log(`scan: ${corpus.name} (${corpus.files} files)`);
  return {
    corpus,
    parse1: await onPool(corpus, 1, 'parse'),
    analyze1: await onPool(corpus, 1, 'analyze'),
    parseAll: await onPool(corpus, CORES, 'parse'),
    cli1: await cliScan(corpus.dir, 1, work),
    cliAll: await cliScan(corpus.dir, CORES, work),
    bandit: await banditScan(corpus.dir, work),
  };
}

export interface ScalingRow {
  corpus: Corpus;
  factor: number;
  scan: Timing;
}

export async function benchScaling(base: Corpus, work: string, log: (line: string) => void): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const factor of [1, 2, 4]) {
    const corpus = scaledCorpus(base, factor, work);
    log(`scaling: ${corpus.name}`);
    rows.push({ corpus, factor, scan: await cliScan(corpus.dir, CORES, work) });
  }
  return rows;
}

const s = (seconds: number): string => seconds.toFixed(2);
const x = (ratio: number): string => `${ratio.toFixed(1)}×`;
const pct = (ratio: number): string => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;

export const SCAN_HEADER = [
  'corpus',
  'files',
  'MB',
  'run',
  'wall s',
  'CPU s',
  'peak RSS MB',
  'bandit/this wall',
  'bandit/this CPU',
];

export function scanTable(rows: ScanRow[]): (string | number)[][] {
  return rows.flatMap((row) => {
    const line = (run: string, t: Timing): (string | number)[] => [
      row.corpus.name,
      row.corpus.files,
      row.corpus.megabytes.toFixed(1),
      run,
      s(t.wall),
      s(t.cpu),
      t.peakRssMb ? t.peakRssMb.toFixed(0) : '',
      x(row.bandit.wall / t.wall),
      x(row.bandit.cpu / t.cpu),
    ];
    return [
      line('bare tree-sitter parse, 1 worker', row.parse1),
      line(`bare tree-sitter parse, ${CORES} workers`, row.parseAll),
      line('pyguard analysis, 1 worker (in process)', row.analyze1),
      line('pyguard scan DIR, 1 worker', row.cli1),
      line(`pyguard scan DIR, ${CORES} workers`, row.cliAll),
      line('bandit -q -r DIR -f json', row.bandit),
    ];
  });
}

export const OVERHEAD_HEADER = [
  'corpus',
  'analysis over parsing (CPU, 1 worker)',
  'analysis over parsing (wall, 1 worker)',
  `pyguard scan over bare parsing (wall, ${CORES} workers)`,
];

export function overheadTable(rows: ScanRow[]): string[][] {
  return rows.map((row) => [
    row.corpus.name,
    pct(row.analyze1.cpu / row.parse1.cpu),
    pct(row.analyze1.wall / row.parse1.wall),
    pct(row.cliAll.wall / row.parseAll.wall),
  ]);
}

export const SCALING_HEADER = [
  'corpus',
  'files',
  'MB',
  'wall s',
  'CPU s',
  'peak RSS MB',
  'files/s',
  'wall per 1× share',
];

export function scalingTable(rows: ScalingRow[]): (string | number)[][] {
  const base = rows[0];
  return rows.map((row) => [
    row.corpus.name,
    row.corpus.files,
    row.corpus.megabytes.toFixed(1),
    s(row.scan.wall),
    s(row.scan.cpu),
    row.scan.peakRssMb!.toFixed(0),
    (row.corpus.files / row.scan.wall).toFixed(0),
    x(row.scan.wall / row.factor / base.scan.wall),
  ]);
}
