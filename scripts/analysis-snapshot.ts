// Snapshot of the analysis, to show that a change to the analysis' machinery leaves every finding as it was:
//   node --import tsx scripts/analysis-snapshot.ts OUT.json        analyses the stdlib, the ensurepip wheels' source
//                                                                   and the repository's fixtures, writes the reports
//   node --import tsx scripts/analysis-snapshot.ts --compare A B   lists the files whose reports differ (exit 1 if any)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pythonFiles, stdlibCorpus, wheelsCorpus } from '../bench/corpus.ts';
import { initParser } from '../src/analysis/parser.ts';
import { analyzePythonFile } from '../src/analysis/python-file.ts';

const REPO = new URL('..', import.meta.url).pathname;

async function snapshot(out: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'pyguard-snapshot-'));
  try {
    const roots = [
      stdlibCorpus(work).dir,
      (await wheelsCorpus(work)).dir,
      join(REPO, 'fixtures'),
      join(REPO, 'test', 'fixtures'),
    ];
    await initParser();
    const reports: Record<string, unknown> = {};
    for (const root of roots)
      for (const file of pythonFiles(root)) {
        const name = file.startsWith(work) ? file.slice(work.length + 1) : file.slice(REPO.length);
        reports[name] = analyzePythonFile(name, readFileSync(file));
      }
    writeFileSync(out, JSON.stringify(reports));
    console.log(`${Object.keys(reports).length} files analysed, reports in ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function compare(before: string, after: string): number {
  const a: Record<string, unknown> = JSON.parse(readFileSync(before, 'utf8'));
  const b: Record<string, unknown> = JSON.parse(readFileSync(after, 'utf8'));
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differing = names.filter((name) => JSON.stringify(a[name]) !== JSON.stringify(b[name]));
  for (const name of differing) console.log(`differs: ${name}`);
  console.log(`${names.length} files, ${differing.length} with different reports`);
  return differing.length === 0 ? 0 : 1;
}

const { values, positionals } = parseArgs({ options: { compare: { type: 'boolean' } }, allowPositionals: true });
if (values.compare && positionals.length === 2) process.exitCode = compare(positionals[0], positionals[1]);
else if (!values.compare && positionals.length === 1) await snapshot(positionals[0]);
else {
  console.error('pyguard: usage: analysis-snapshot.ts OUT.json | --compare BEFORE.json AFTER.json');
  process.exitCode = 2;
}
