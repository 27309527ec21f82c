// Benchmark of `pyguard check` (the bundle) against local indexes of real packages: the default real index
// (requests flask boto3) and the large jupyter-like one (100+ distributions, built here only): a cold cache (fresh
// --cache-dir), then warm (same folder again): wall clock, CPU, peak RSS, distributions and files audited.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRealIndex } from '../scripts/build-real-index.ts';
import { LARGE_ROOTS } from '../scripts/real-index/large-set.ts';
import { startIndexServer } from '../src/index-server/index.ts';
import type { AuditResult } from '../src/model/result.ts';
import { timed } from './measure.ts';

const REPO = new URL('..', import.meta.url).pathname;

export interface CheckRow {
  name: string;
  phase: 'cold' | 'warm';
  wall: number;
  cpu: number;
  peakRssMb: number;
  targets: number;
  files: number;
  /** Uncompressed megabytes of the files audited. */
  scannedMb: number;
  exitCode: number;
}

interface CheckSet {
  name: string;
  roots: string[];
  large: boolean;
}

export const CHECK_SETS: CheckSet[] = [
  { name: 'requests flask boto3', roots: ['requests', 'flask', 'boto3'], large: false },
  { name: 'jupyter-like tree', roots: LARGE_ROOTS, large: true },
];

export async function benchCheck(log: (line: string) => void, debFolder?: string): Promise<CheckRow[]> {
  const rows: CheckRow[] = [];
  for (const set of CHECK_SETS) {
    const { out } = await buildRealIndex({ large: set.large, debFolder, log });
    const server = await startIndexServer({ root: out, port: 0 });
    const work = await mkdtemp(join(tmpdir(), 'pyguard-bench-check-'));
    try {
      for (const phase of ['cold', 'warm'] as const) {
        log(`check: ${set.name} (${phase} cache)`);
        const json = join(work, `${phase}.json`);
        const command = [
          process.execPath,
          join(REPO, 'dist', 'cli.js'),
          'check',
          ...set.roots,
          '--index-url',
          server.simpleUrl,
          '--isolated',
          '--no-osv',
          '--cache-dir',
          join(work, 'cache'),
          '--json',
          json,
        ];
        const measured = await timed(command, { cwd: REPO, env: { ...process.env, NO_COLOR: '1' } });
        if (measured.code !== 0 && measured.code !== 1)
          throw new Error(
            `pyguard check exited ${measured.code}: ${measured.stderr.trim().split('\n').slice(-3).join(' | ')}`,
          );
        const result = JSON.parse(await readFile(json, 'utf8')) as AuditResult;
        const files = result.targets.flatMap((t) => t.files);
        rows.push({
          name: set.name,
          phase,
          wall: measured.wall,
          cpu: measured.cpu,
          peakRssMb: measured.peakRssMb,
          targets: result.targets.length,
          files: files.length,
          scannedMb: files.reduce((sum, f) => sum + f.size, 0) / 1e6,
          exitCode: measured.code,
        });
      }
    } finally {
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  }
  return rows;
}

export const CHECK_HEADER = [
  'check',
  'cache',
  'distributions',
  'files',
  'scanned MB',
  'wall s',
  'CPU s',
  'peak RSS MB',
  'exit',
];

export function checkTable(rows: CheckRow[]): (string | number)[][] {
  return rows.map((row) => [
    row.name,
    row.phase,
    row.targets,
    row.files,
    row.scannedMb.toFixed(1),
    row.wall.toFixed(2),
    row.cpu.toFixed(2),
    row.peakRssMb.toFixed(0),
    row.exitCode,
  ]);
}
