// Scan throughput on real code (the machine's standard library and the pip wheel): full analysis against
// bare tree-sitter parsing of the same files in the same run, on all cores (worker threads).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { AnalysisPool, type PoolJob } from '../src/analysis/pool.ts';
import { openArchive } from '../src/pypi/archive/index.ts';

export interface ScanRow {
  corpus: string;
  files: number;
  megabytes: number;
  parseSeconds: number;
  analyzeSeconds: number;
}

function pythonFiles(folder: string, out: PoolJob[] = [], prefix = ''): PoolJob[] {
  for (const name of readdirSync(folder).sort()) {
    const full = join(folder, name);
    const info = statSync(full);
    if (info.isDirectory() && name !== 'site-packages' && name !== '__pycache__') pythonFiles(full, out, `${prefix}${name}/`);
    else if (info.isFile() && name.endsWith('.py')) out.push({ path: `${prefix}${name}`, bytes: readFileSync(full) });
  }
  return out;
}

async function wheelFiles(): Promise<PoolJob[]> {
  const bundled = execFileSync('python3', ['-c', 'import ensurepip,os;print(os.path.join(os.path.dirname(ensurepip.__file__),"_bundled"))'], { encoding: 'utf8' }).trim();
  const wheel = readdirSync(bundled).find((name) => name.startsWith('pip-') && name.endsWith('.whl'))!;
  const opened = await openArchive(readFileSync(join(bundled, wheel)), wheel);
  return opened.entries.filter((e) => e.path.endsWith('.py') && e.data).map((e) => ({ path: e.path, bytes: e.data! }));
}

async function timeAll(pool: AnalysisPool, jobs: PoolJob[], mode: 'parse' | 'analyze'): Promise<number> {
  const start = process.hrtime.bigint();
  await Promise.all(jobs.map((job) => pool.run(job, mode)));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function benchScan(): Promise<ScanRow[]> {
  const stdlib = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
  const corpora: [string, PoolJob[]][] = [
    ['python stdlib', pythonFiles(stdlib)],
    ['pip wheel', await wheelFiles()],
  ];
  const pool = new AnalysisPool(availableParallelism());
  const rows: ScanRow[] = [];
  try {
    await timeAll(pool, corpora[1][1].slice(0, 50), 'analyze'); // warm up the workers
    for (const [corpus, jobs] of corpora) {
      const bytes = jobs.reduce((sum, job) => sum + job.bytes.length, 0);
      const parseSeconds = await timeAll(pool, jobs, 'parse');
      const analyzeSeconds = await timeAll(pool, jobs, 'analyze');
      rows.push({ corpus, files: jobs.length, megabytes: bytes / 1e6, parseSeconds, analyzeSeconds });
    }
  } finally {
    await pool.close();
  }
  return rows;
}

export function formatScanRows(rows: ScanRow[]): string {
  const lines = [`scan throughput, ${availableParallelism()} worker threads`, 'corpus         files      MB   parse s  parse MB/s  analyze s  analyze MB/s  files/s  analysis cost over parsing'];
  for (const row of rows) {
    const overhead = ((row.analyzeSeconds - row.parseSeconds) / row.parseSeconds) * 100;
    lines.push(
      `${row.corpus.padEnd(14)} ${String(row.files).padStart(5)} ${row.megabytes.toFixed(2).padStart(7)} ${row.parseSeconds.toFixed(2).padStart(9)} ${(row.megabytes / row.parseSeconds).toFixed(2).padStart(11)} ${row.analyzeSeconds.toFixed(2).padStart(10)} ${(row.megabytes / row.analyzeSeconds).toFixed(2).padStart(13)} ${(row.files / row.analyzeSeconds).toFixed(0).padStart(8)}  ${overhead >= 0 ? '+' : ''}${overhead.toFixed(0)}%`,
    );
  }
  return lines.join('\n');
}
